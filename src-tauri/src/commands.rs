//! The IPC surface. Thin on purpose: arguments in, one core call, typed error out.

use crate::{Workspace, dialogs};
use clausewright_core::ErrorPayload;
use clausewright_core::domain::{
    Clause, ClauseDraft, ClauseRevision, Document, DocumentSummary, Preview, Requirement, SearchHit, Topic, TrashedClause,
    VariableDef, WorkspaceInfo,
};
use clausewright_core::check::{CheckOptions, Report};
use clausewright_core::diff::{Comparison, DiffOptions};
use clausewright_core::sides::DiffInput;
use clausewright_core::domain::{Value, Version, VersionSummary};
use clausewright_core::domain::{Comment, Proposal, ReviewSummary};
use clausewright_core::review::Decision;
use clausewright_core::store::{BackupInfo, ClauseFilter, NewComment, TemplateSummary};
use clausewright_core::export::{self, Format, RedlineFormat};
use clausewright_core::files;
use clausewright_core::import::{self, ImportPreview, Imported};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::State;

type Result<T> = std::result::Result<T, ErrorPayload>;

#[tauri::command]
pub fn workspace_info(ws: State<'_, Workspace>) -> Result<WorkspaceInfo> {
    ws.with(|s| Ok(s.info()))
}

#[tauri::command]
pub fn list_topics(ws: State<'_, Workspace>) -> Result<Vec<Topic>> {
    ws.with(|s| s.topics())
}

#[tauri::command]
pub fn list_clauses(ws: State<'_, Workspace>, topic: Option<String>, jurisdiction: Option<String>) -> Result<Vec<Clause>> {
    ws.with(|s| s.clauses(&ClauseFilter { topic, jurisdiction }))
}

#[tauri::command]
pub fn clause_preview(ws: State<'_, Workspace>, id: String, revision: Option<u32>) -> Result<Preview> {
    ws.with(|s| s.clause_preview(&id, revision))
}

#[tauri::command]
pub fn list_documents(ws: State<'_, Workspace>) -> Result<Vec<DocumentSummary>> {
    ws.with(|s| s.documents())
}

#[tauri::command]
pub fn get_document(ws: State<'_, Workspace>, id: i64) -> Result<Document> {
    ws.with(|s| s.document(id))
}

#[tauri::command]
pub fn document_preview(ws: State<'_, Workspace>, id: i64) -> Result<Preview> {
    ws.with(|s| s.document_preview(id))
}

#[tauri::command]
pub fn search_clauses(
    ws: State<'_, Workspace>,
    query: String,
    topic: Option<String>,
    jurisdiction: Option<String>,
) -> Result<Vec<SearchHit>> {
    ws.with(|s| s.search_clauses(&query, &ClauseFilter { topic, jurisdiction }, 50))
}

#[tauri::command]
pub fn get_clause(ws: State<'_, Workspace>, id: String, revision: Option<u32>) -> Result<Clause> {
    ws.with(|s| s.clause(&id, revision))
}

#[tauri::command]
pub fn clause_revisions(ws: State<'_, Workspace>, id: String) -> Result<Vec<ClauseRevision>> {
    ws.with(|s| s.clause_revisions(&id))
}

#[tauri::command]
pub fn list_variables(ws: State<'_, Workspace>) -> Result<Vec<VariableDef>> {
    ws.with(|s| Ok(s.library().variables.clone()))
}

#[tauri::command]
pub fn list_requirements(ws: State<'_, Workspace>) -> Result<Vec<Requirement>> {
    ws.with(|s| Ok(s.library().requirements.clone()))
}

#[tauri::command]
pub fn create_clause(ws: State<'_, Workspace>, draft: ClauseDraft) -> Result<Clause> {
    ws.with(|s| s.create_clause(draft))
}

#[tauri::command]
pub fn update_clause(ws: State<'_, Workspace>, id: String, base_revision: u32, draft: ClauseDraft) -> Result<Clause> {
    ws.with(|s| s.update_clause(&id, base_revision, draft))
}

#[tauri::command]
pub fn duplicate_clause(ws: State<'_, Workspace>, id: String) -> Result<Clause> {
    ws.with(|s| s.duplicate_clause(&id))
}

#[tauri::command]
pub fn delete_clause(ws: State<'_, Workspace>, id: String) -> Result<()> {
    ws.with(|s| s.delete_clause(&id))
}

#[tauri::command]
pub fn restore_clause(ws: State<'_, Workspace>, id: String) -> Result<()> {
    ws.with(|s| s.restore_clause(&id))
}

#[tauri::command]
pub fn list_trash(ws: State<'_, Workspace>) -> Result<Vec<TrashedClause>> {
    ws.with(|s| s.trash())
}

#[tauri::command]
pub fn list_templates(ws: State<'_, Workspace>) -> Result<Vec<TemplateSummary>> {
    ws.with(|s| Ok(s.templates()))
}

#[tauri::command]
pub fn create_document(ws: State<'_, Workspace>, title: String, template: Option<String>) -> Result<Document> {
    ws.with(|s| s.create_document(&title, template.as_deref()))
}

#[tauri::command]
pub fn rename_document(ws: State<'_, Workspace>, id: i64, base_revision: i64, title: String) -> Result<i64> {
    ws.with(|s| s.rename_document(id, base_revision, &title))
}

#[tauri::command]
pub fn duplicate_document(ws: State<'_, Workspace>, id: i64) -> Result<Document> {
    ws.with(|s| s.duplicate_document(id))
}

#[tauri::command]
pub fn delete_document(ws: State<'_, Workspace>, id: i64) -> Result<()> {
    ws.with(|s| s.delete_document(id))
}

#[tauri::command]
pub fn restore_document(ws: State<'_, Workspace>, id: i64) -> Result<()> {
    ws.with(|s| s.restore_document(id))
}

#[tauri::command]
pub fn list_document_trash(ws: State<'_, Workspace>) -> Result<Vec<DocumentSummary>> {
    ws.with(|s| s.document_trash())
}

#[tauri::command]
pub fn add_section(
    ws: State<'_, Workspace>,
    document_id: i64,
    base_revision: i64,
    clause_id: String,
    at: Option<usize>,
) -> Result<Document> {
    ws.with(|s| s.add_section(document_id, base_revision, &clause_id, at))
}

#[tauri::command]
pub fn add_blank_section(
    ws: State<'_, Workspace>,
    document_id: i64,
    base_revision: i64,
    heading: String,
    at: Option<usize>,
) -> Result<Document> {
    ws.with(|s| s.add_blank_section(document_id, base_revision, &heading, at))
}

#[tauri::command]
pub fn move_section(ws: State<'_, Workspace>, document_id: i64, base_revision: i64, section_id: i64, to: usize) -> Result<Document> {
    ws.with(|s| s.move_section(document_id, base_revision, section_id, to))
}

#[tauri::command]
pub fn remove_section(ws: State<'_, Workspace>, document_id: i64, base_revision: i64, section_id: i64) -> Result<Document> {
    ws.with(|s| s.remove_section(document_id, base_revision, section_id))
}

#[tauri::command]
pub fn update_section(
    ws: State<'_, Workspace>,
    staged: State<'_, crate::staging::Staged>,
    document_id: i64,
    base_revision: i64,
    section_id: i64,
    heading: String,
    body: String,
) -> Result<i64> {
    let revision = ws.with(|s| s.update_section(document_id, base_revision, section_id, &heading, &body))?;
    staged.with(|s| s.saved(document_id, section_id, &body, revision));
    Ok(revision)
}

/// The sections whose clause the document's facts contradict, with the variant they call for.
#[tauri::command]
pub fn variant_advice(ws: State<'_, Workspace>, document_id: i64) -> Result<Vec<clausewright_core::store::VariantAdvice>> {
    ws.with(|s| s.variant_advice(document_id))
}

#[tauri::command]
pub fn use_variant(ws: State<'_, Workspace>, document_id: i64, base_revision: i64, section_id: i64, clause_id: String) -> Result<Document> {
    ws.with(|s| s.use_variant(document_id, base_revision, section_id, &clause_id))
}

#[tauri::command]
pub fn take_clause_update(ws: State<'_, Workspace>, document_id: i64, base_revision: i64, section_id: i64) -> Result<Document> {
    ws.with(|s| s.take_clause_update(document_id, base_revision, section_id))
}

#[tauri::command]
pub fn set_profile_value(
    ws: State<'_, Workspace>,
    document_id: i64,
    base_revision: i64,
    name: String,
    value: Option<Value>,
) -> Result<Document> {
    ws.with(|s| s.set_profile_value(document_id, base_revision, &name, value))
}

#[tauri::command]
pub fn restore_content(ws: State<'_, Workspace>, document_id: i64, base_revision: i64, state: Document) -> Result<Document> {
    ws.with(|s| s.restore_content(document_id, base_revision, &state))
}

/// The live preview of a draft that may not be saved yet.
#[tauri::command]
pub fn preview_draft(ws: State<'_, Workspace>, document: Document) -> Result<Preview> {
    ws.with(|s| Ok(clausewright_core::render::render_document(&document, s.library())))
}

#[tauri::command]
pub fn get_author(ws: State<'_, Workspace>) -> Result<Option<String>> {
    ws.with(|s| s.author())
}

#[tauri::command]
pub fn set_author(ws: State<'_, Workspace>, name: String) -> Result<()> {
    ws.with(|s| s.set_author(&name))
}

#[tauri::command]
pub fn save_version(ws: State<'_, Workspace>, document_id: i64, label: String, note: String) -> Result<Version> {
    ws.with(|s| s.save_version(document_id, &label, &note))
}

#[tauri::command]
pub fn list_versions(ws: State<'_, Workspace>, document_id: i64) -> Result<Vec<VersionSummary>> {
    ws.with(|s| s.versions(document_id))
}

#[tauri::command]
pub fn restore_version(ws: State<'_, Workspace>, document_id: i64, base_revision: i64, number: u32) -> Result<Document> {
    ws.with(|s| s.restore_version(document_id, base_revision, number))
}

#[tauri::command]
pub fn list_backups(ws: State<'_, Workspace>) -> Result<Vec<BackupInfo>> {
    ws.with(|s| s.backups())
}

#[tauri::command]
pub fn create_backup(ws: State<'_, Workspace>) -> Result<BackupInfo> {
    ws.with(|s| s.create_backup())
}

/// Returns the backup of the state the restore replaced. The UI flushes pending edits first
/// and reloads everything after.
#[tauri::command]
pub fn restore_backup(ws: State<'_, Workspace>, id: String) -> Result<BackupInfo> {
    ws.with(|s| s.restore_backup(&id))
}

/// A side of a comparison named by the UI: a document's draft, one of its versions, or the file
/// last picked in `compare_with_file`. The UI never names a path.
#[derive(serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    Draft { document_id: i64 },
    Version { document_id: i64, number: u32 },
    ComparedFile,
}

/// The file the user last chose to compare with, kept so that changing the comparison's options
/// or exporting its redline does not ask for the file again.
#[derive(Default)]
pub struct ComparedFile(Mutex<Option<PathBuf>>);

impl Target {
    fn input(self, file: &ComparedFile) -> Result<DiffInput> {
        Ok(match self {
            Target::Draft { document_id } => DiffInput::Draft(document_id),
            Target::Version { document_id, number } => DiffInput::Version(document_id, number),
            Target::ComparedFile => {
                let path = file.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
                DiffInput::File(path.ok_or_else(|| ErrorPayload {
                    kind: clausewright_core::ErrorKind::NotFound,
                    message: "No file is being compared: choose one with Compare with a file…".into(),
                })?)
            }
        })
    }
}

#[tauri::command]
pub fn compare(
    ws: State<'_, Workspace>,
    file: State<'_, ComparedFile>,
    old: Target,
    new: Target,
    ignore_whitespace: bool,
    ignore_case: bool,
) -> Result<Comparison> {
    let (old, new) = (old.input(&file)?, new.input(&file)?);
    ws.with(|s| s.compare(&old, &new, DiffOptions { ignore_whitespace, ignore_case }))
}

/// Compares a version (or the draft) with a policy file (Markdown, text, HTML, Word or PDF) the
/// user picks in a native dialog, and keeps the file as `Target::ComparedFile`. `None` when the
/// dialog was cancelled.
#[tauri::command]
pub async fn compare_with_file(
    app: tauri::AppHandle,
    ws: State<'_, Workspace>,
    file: State<'_, ComparedFile>,
    old: Target,
    ignore_whitespace: bool,
    ignore_case: bool,
) -> Result<Option<(String, Comparison)>> {
    let Some(path) = dialogs::pick_file(app, "Compare with a file", "Policy files", import::EXTENSIONS).await? else { return Ok(None) };
    let name = files::display_name(&path);
    let options = DiffOptions { ignore_whitespace, ignore_case };
    let old = old.input(&file)?;
    let comparison = ws.read(|s| s.compare(&old, &DiffInput::File(path.clone()), options))?;
    *file.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some((name, comparison)))
}

/// Opens a policy file the user picks and shows what it would become; writes nothing.
/// `None` when the dialog was cancelled.
#[tauri::command]
pub async fn import_pick(app: tauri::AppHandle, ws: State<'_, Workspace>) -> Result<Option<(String, ImportPreview)>> {
    let Some(path) = dialogs::pick_file(app, "Import a policy", "Policy files", import::EXTENSIONS).await? else { return Ok(None) };
    let name = files::display_name(&path);
    ws.read(|s| import::preview_file(&path, Some(s))).map(|p| Some((name, p)))
}

/// Imports the preview as the user adjusted it: a new document, or a new version of `into`.
#[tauri::command]
pub fn import_commit(
    ws: State<'_, Workspace>,
    preview: ImportPreview,
    into: Option<i64>,
    facts: BTreeMap<String, String>,
    file_name: String,
) -> Result<Imported> {
    ws.with(|s| s.import(&preview, into, &facts, &file_name))
}

/// Exports a document's draft (`version` null) or a version: the user picks where in a native
/// save dialog (with a safe suggested name); the file is written atomically. Returns the path
/// written, or `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_document(
    app: tauri::AppHandle,
    ws: State<'_, Workspace>,
    document_id: i64,
    version: Option<u32>,
    format: Format,
) -> Result<Option<String>> {
    let made = ws.read(|s| s.export_document(document_id, version, format))?;
    save(app, "Export", made, format.extension()).await
}

/// Checks a document's draft against the requirements its facts make apply: what it discloses,
/// what it lacks, and where it contradicts itself or its facts. Async, so a long check never
/// holds the window's thread; today's date is the app's, for the effective-date checks.
#[tauri::command(async)]
pub fn check_document(ws: State<'_, Workspace>, document_id: i64) -> Result<Report> {
    let today = clausewright_core::now().chars().take(10).collect();
    ws.read(|s| s.check_document(document_id, &CheckOptions { jurisdictions: None, today: Some(today) }))
}

/// Exports the comparison of two sides (versions, the draft, or the compared file) as a redline.
#[tauri::command]
// Three of the arguments are Tauri's (app, workspace, picked file); the rest are the UI's.
#[allow(clippy::too_many_arguments)]
pub async fn export_redline(
    app: tauri::AppHandle,
    ws: State<'_, Workspace>,
    file: State<'_, ComparedFile>,
    old: Target,
    new: Target,
    format: RedlineFormat,
    ignore_whitespace: bool,
    ignore_case: bool,
) -> Result<Option<String>> {
    let (old, new) = (old.input(&file)?, new.input(&file)?);
    let options = DiffOptions { ignore_whitespace, ignore_case };
    let made = ws.read(|s| export::export_redline(Some(s), &old, &new, format, options))?;
    save(app, "Export redline", made, format.extension()).await
}

async fn save(app: tauri::AppHandle, title: &str, made: export::Exported, extension: &str) -> Result<Option<String>> {
    let kinds = format!("{} files", extension.to_uppercase());
    let Some(path) = dialogs::save_file(app, title, &made.file_name, &kinds, extension).await? else { return Ok(None) };
    let written = path.clone();
    tauri::async_runtime::spawn_blocking(move || files::write_atomic(&path, &made.bytes))
        .await
        .map_err(|e| ErrorPayload { kind: clausewright_core::ErrorKind::Io, message: e.to_string() })?
        .map_err(|e| e.payload())?;
    Ok(Some(written.display().to_string()))
}

/// Starts a review of what changed from version `old` to version `new` (the draft when null):
/// each change a proposal, shown in the draft until rejected.
#[tauri::command]
pub fn review_versions(ws: State<'_, Workspace>, document_id: i64, base_revision: i64, old: u32, new: Option<u32>) -> Result<ReviewSummary> {
    ws.with(|s| s.review_versions(document_id, base_revision, old, new))
}

/// Reads a Word file (picked in a native dialog) that counsel sent back with tracked changes
/// and comments, as proposals on the draft. `None` when the dialog was cancelled.
#[tauri::command]
pub async fn review_word_file(app: tauri::AppHandle, ws: State<'_, Workspace>, document_id: i64) -> Result<Option<ReviewSummary>> {
    let Some(path) = dialogs::pick_file(app, "Import a review", "Word files", &["docx"]).await? else { return Ok(None) };
    ws.with(|s| s.review_word_file(document_id, &path)).map(Some)
}

#[tauri::command]
pub fn list_proposals(ws: State<'_, Workspace>, document_id: i64) -> Result<Vec<Proposal>> {
    ws.with(|s| s.proposals(document_id))
}

/// Accepts or rejects proposals (`decision` null opens them again; no ids: every open one).
#[tauri::command]
pub fn decide_proposals(ws: State<'_, Workspace>, document_id: i64, base_revision: i64, ids: Vec<i64>, decision: Option<Decision>) -> Result<Document> {
    ws.with(|s| s.decide(document_id, base_revision, &ids, decision))
}

#[tauri::command]
pub fn list_comments(ws: State<'_, Workspace>, document_id: i64) -> Result<Vec<Comment>> {
    ws.with(|s| s.comments(document_id))
}

#[tauri::command]
pub fn add_comment(
    ws: State<'_, Workspace>,
    document_id: i64,
    version: Option<u32>,
    section_id: i64,
    quote: String,
    start: Option<u32>,
    text: String,
) -> Result<Comment> {
    ws.with(|s| s.add_comment(&NewComment { document_id, version, section_id, quote, start, text }))
}

#[tauri::command]
pub fn reply_to_comment(ws: State<'_, Workspace>, id: i64, text: String) -> Result<Comment> {
    ws.with(|s| s.reply_to_comment(id, &text))
}

#[tauri::command]
pub fn set_comment_resolved(ws: State<'_, Workspace>, id: i64, resolved: bool) -> Result<Comment> {
    ws.with(|s| s.set_comment_resolved(id, resolved))
}
