//! The IPC surface. Thin on purpose: arguments in, one core call, typed error out.

use crate::Workspace;
use clausewright_core::ErrorPayload;
use clausewright_core::domain::{Clause, Document, DocumentSummary, Preview, Topic, WorkspaceInfo};
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
