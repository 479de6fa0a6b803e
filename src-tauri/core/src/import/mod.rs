//! Bringing an existing policy in: a Markdown, text, HTML, Word or PDF file becomes sections
//! (heading + Markdown body), with the title and any preamble kept, profile facts detected as
//! suggestions and a library topic suggested for each section. Reading never panics and never
//! trusts the file: size, emptiness, binary content and encoding are checked first (security I3).
//!
//! This module reads and decodes; a saved web page's main content is found, sanitized and turned
//! into Markdown (`html`); Word and PDF files are read with limits and turned into Markdown
//! (`docx`, `pdf`); then every kind is split at its own headings the same way (`split`), and
//! topics and facts are suggested (`suggest`). A file to compare is read here too
//! ([`side_from_file`]), so it is split exactly as import splits it.

mod docx;
mod html;
mod pdf;
pub(crate) mod split;
mod suggest;
mod word_review;

pub use split::sections_from_text;
pub use suggest::facts;
pub use word_review::{TrackedChange, TrackedKind, WordComment, WordReview, review};

use crate::diff::DiffSide;
use crate::error::{Error, Result};
use crate::files::display_name;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// Files above this are refused: a policy is a few hundred kilobytes at most.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportedSection {
    pub heading: String,
    pub body: String,
    /// The library topic this section seems to cover, if any.
    pub topic: Option<String>,
    pub confidence: f32,
}

/// What a file would become, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub title: String,
    pub sections: Vec<ImportedSection>,
    /// Profile values found in the text, by variable name: suggestions to confirm.
    pub facts: BTreeMap<String, String>,
    pub warnings: Vec<String>,
    /// What was left out or moved on purpose (heading numbers, a table of contents, a web
    /// page's menus), so "nothing lost" can be checked.
    pub notes: Vec<String>,
}

impl ImportPreview {
    /// The sections as document sections written by hand (no library origin). Their ids are
    /// negative placeholders: they have no identity in the workspace yet.
    pub fn document_sections(&self) -> Vec<crate::domain::Section> {
        self.sections
            .iter()
            .enumerate()
            .map(|(i, s)| crate::domain::Section { id: -(i as i64) - 1, heading: s.heading.clone(), body: s.body.clone(), origin: None })
            .collect()
    }
}

/// Decodes a file's bytes as text, refusing what is not text and converting invalid UTF-8 with
/// a warning that says where.
pub fn decode(name: &str, bytes: &[u8]) -> Result<(String, Vec<String>)> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::Invalid(format!("{name} is {} MB; files above 5 MB are not imported", bytes.len() / (1024 * 1024))));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Invalid(format!("{name} is empty: there is nothing to import")));
    }
    let head = &bytes[..bytes.len().min(8192)];
    // Counted in byte lanes, 255 bytes at a time, so it is a few instructions per 32 bytes.
    let control = |b: u8| u8::from((b < 0x09) | (b.wrapping_sub(0x0e) < 0x12));
    let controls: usize = head.chunks(255).map(|c| usize::from(c.iter().map(|&b| control(b)).sum::<u8>())).sum();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err(Error::Invalid(format!("{name} looks like a binary file, not text; open it in its program and save it as text or Markdown")));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), vec![])),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let text = String::from_utf8_lossy(bytes).into_owned();
            let bad = text.matches('\u{FFFD}').count();
            Ok((text, vec![format!("{name}: not valid UTF-8 from line {line} (byte {at}); {bad} character(s) were replaced with �: check them")]))
        }
    }
}

/// The kinds of file that can be imported, by extension.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm", "docx", "pdf"];

/// Reads and parses a file without touching any workspace.
pub fn preview_file(path: &Path, store: Option<&Store>) -> Result<ImportPreview> {
    let (name, bytes) = read_bytes(path)?;
    preview_bytes(&name, &bytes, store)
}

/// Reads a policy file to compare: Markdown, text, HTML or Word, read exactly as import reads
/// it (same limits, same sections). A file that is not valid UTF-8 is refused here: a redline
/// of replaced characters would mislead.
pub fn side_from_file(path: &Path) -> Result<DiffSide> {
    let (name, bytes) = read_bytes(path)?;
    let (text, warnings, _) = markdown(&name, &bytes)?;
    match warnings.into_iter().find(|w| w.contains("not valid UTF-8")) {
        Some(w) => Err(Error::Invalid(format!("{w}; save it as UTF-8 and try again"))),
        None => Ok(sections(&name, &text)),
    }
}

pub(crate) fn read_bytes(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = display_name(path);
    check_extension(&name)?;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    if meta.len() > docx::MAX_ZIPPED as u64 {
        return Err(Error::Invalid(format!("{name} is {} MB; files above 20 MB are not imported", meta.len() / (1024 * 1024))));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    Ok((name, bytes))
}

fn extension(name: &str) -> String {
    Path::new(name).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

fn check_extension(name: &str) -> Result<()> {
    if EXTENSIONS.contains(&extension(name).as_str()) {
        Ok(())
    } else {
        Err(Error::Invalid(format!("{name}: only Markdown (.md), text (.txt), HTML (.html), Word (.docx) and PDF (.pdf) files can be read")))
    }
}

/// A file's content as Markdown (or plain text), with warnings about its conversion and notes
/// on what was left out on purpose.
fn markdown(name: &str, bytes: &[u8]) -> Result<(String, Vec<String>, Vec<String>)> {
    check_extension(name)?;
    let (text, warnings, notes) = match extension(name).as_str() {
        "docx" => {
            let (text, warnings) = docx::to_markdown(name, bytes)?;
            (text, warnings, vec![])
        }
        "pdf" => {
            let (text, warnings) = pdf::to_markdown(name, bytes)?;
            (text, warnings, vec![])
        }
        "html" | "htm" => {
            let (page, warnings) = decode(name, bytes)?;
            let (text, notes) = html::to_markdown(&page);
            (text, warnings, notes)
        }
        _ => {
            let (text, warnings) = decode(name, bytes)?;
            (text, warnings, vec![])
        }
    };
    if text.trim().is_empty() {
        return Err(Error::Invalid(format!("{name} has no text to import")));
    }
    Ok((text, warnings, notes))
}

/// Is this file's text plain (a .txt or hand-written Markdown)? There, numbered lines ("1.
/// Scope") can be headings; Markdown made from HTML or Word marks its headings, and a numbered
/// line there is a list item.
/// A PDF is plain unless its fonts marked headings: with one font and size, its numbered
/// headings are found in the text.
fn plain(name: &str, text: &str) -> bool {
    match extension(name).as_str() {
        "docx" | "html" | "htm" => false,
        "pdf" => !pdf::marks_headings(text),
        _ => true,
    }
}

/// A file's sections.
fn sections(name: &str, text: &str) -> DiffSide {
    if plain(name, text) { sections_from_text(text) } else { split::sections_from_markdown(text) }
}

/// Parses a file's bytes, read as the kind its name says. Never panics: arbitrary bytes give a
/// preview or an error.
pub fn preview_bytes(name: &str, bytes: &[u8], store: Option<&Store>) -> Result<ImportPreview> {
    let (text, warnings, mut notes) = markdown(name, bytes)?;
    let (title, parts, outline_notes) = split::outline(&text, plain(name, &text));
    notes.extend(outline_notes);
    let topics = store.and_then(|st| st.topics().ok()).unwrap_or_default();
    let sections = parts
        .into_iter()
        .map(|(heading, body)| {
            let (topic, confidence) = store.map_or((None, 0.0), |st| suggest::topic(st, &topics, &heading, &body));
            ImportedSection { heading, body, topic, confidence }
        })
        .collect();
    Ok(ImportPreview { title, sections, facts: facts(&text), warnings, notes })
}

/// What an import made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Imported {
    pub document_id: i64,
    /// The version number, when the file came in as a new version of a document.
    pub version: Option<u32>,
}

/// A suggested fact as a profile value: a list of names becomes table rows (processors).
fn fact_value(def: &crate::domain::VariableDef, text: &str) -> Result<crate::domain::Value> {
    use crate::domain::{Value, VariableKind};
    let value = match def.kind {
        VariableKind::Table => Value::Table(
            text.split(',').map(str::trim).filter(|n| !n.is_empty()).map(|n| BTreeMap::from([("name".to_owned(), n.to_owned())])).collect(),
        ),
        _ => Value::Text(text.to_owned()),
    };
    crate::profile::check_value(def, value)
}

impl Store {
    /// Imports a (possibly adjusted) preview: as a new document with the facts the user
    /// confirmed in its profile, or as a new version of document `into`, labelled with the
    /// file's name. Facts are checked before anything is written, so a bad one leaves the
    /// workspace as it was.
    pub fn import(&mut self, preview: &ImportPreview, into: Option<i64>, facts: &BTreeMap<String, String>, file_name: &str) -> Result<Imported> {
        if preview.sections.is_empty() {
            return Err(Error::Invalid("sections: there is nothing to import".into()));
        }
        if let Some(s) = preview.sections.iter().find(|s| s.heading.trim().is_empty()) {
            return Err(Error::Invalid(format!("heading: every section needs a heading (the one starting “{}”)", s.body.chars().take(40).collect::<String>())));
        }
        if let Some(doc_id) = into {
            let v = self.import_as_version(doc_id, &preview.title, preview.document_sections(), &format!("Imported from {file_name}"))?;
            return Ok(Imported { document_id: doc_id, version: Some(v.number) });
        }
        let mut profile = crate::domain::Profile::default();
        for (name, text) in facts {
            let def = self.library().variable(name).ok_or_else(|| Error::Invalid(format!("`{name}` is not a profile field")))?;
            profile.0.insert(name.clone(), fact_value(def, text)?);
        }
        let sections: Vec<(String, String)> = preview.sections.iter().map(|s| (s.heading.trim().to_owned(), s.body.clone())).collect();
        let doc = self.create_document_from(&preview.title, &profile, &sections)?;
        Ok(Imported { document_id: doc.id, version: None })
    }
}
