//! The IPC surface. Thin on purpose: arguments in, one core call, typed error out.

use crate::Workspace;
use clausewright_core::ErrorPayload;
use clausewright_core::domain::{
    Clause, ClauseDraft, ClauseRevision, Document, DocumentSummary, Preview, Requirement, SearchHit, Topic, TrashedClause,
    VariableDef, WorkspaceInfo,
};
use clausewright_core::store::ClauseFilter;
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
