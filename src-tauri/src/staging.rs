//! Nothing typed is lost (D2): the app's side of `clausewright_core::staging`. Each keystroke
//! stages the section's text here at once; if the app ends before the UI's save lands, the
//! staged text is written as it exits (the rule is in the core).

use crate::Workspace;
use clausewright_core::ErrorPayload;
use clausewright_core::staging::{Flushed, StagedEdit, Staging};
use std::sync::Mutex;
use tauri::{Manager, State};

#[derive(Default)]
pub struct Staged(Mutex<Staging>);

impl Staged {
    pub fn with<T>(&self, f: impl FnOnce(&mut Staging) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

#[tauri::command]
pub fn stage_section_edit(
    staged: State<'_, Staged>,
    document_id: i64,
    base_revision: i64,
    section_id: i64,
    heading: String,
    body: String,
) -> Result<(), ErrorPayload> {
    staged.with(|s| s.stage(StagedEdit { document_id, base_revision, section_id, heading, body }));
    Ok(())
}

/// Writes a staged edit the UI did not get to save (the app is ending, or its page stopped).
pub fn flush(app: &tauri::AppHandle) {
    let staged = app.state::<Staged>();
    let result = app.state::<Workspace>().with(|store| staged.with(|s| s.flush(store)));
    match result {
        Ok(Flushed::Nothing | Flushed::Written(_)) => {}
        Ok(Flushed::Recovered(path)) => eprintln!(
            "clausewright: the document changed elsewhere, so the last edit was not saved into it; it is kept in {}",
            path.display()
        ),
        Err(e) => eprintln!("clausewright: could not save the last edit: {}", e.message),
    }
}
