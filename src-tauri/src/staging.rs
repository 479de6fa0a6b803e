//! Nothing typed is lost (D2). Every keystroke stages the section's text here, in memory, at
//! once; the UI's save writes it through the core and clears it. If the window goes away before
//! that save lands, the staged text is written when the app exits.

use crate::Workspace;
use clausewright_core::ErrorPayload;
use std::collections::HashMap;
use std::sync::Mutex;
use tauri::{Manager, State};

struct Edit {
    document_id: i64,
    base_revision: i64,
    section_id: i64,
    heading: String,
    body: String,
}

#[derive(Default)]
pub struct Staged {
    edit: Mutex<Option<Edit>>,
    /// The last revision this app wrote, per document: revisions between a staged base and it
    /// are our own saves, not someone else's change.
    written: Mutex<HashMap<i64, i64>>,
}

impl Staged {
    /// The UI's save of this text landed.
    pub fn saved(&self, document_id: i64, section_id: i64, body: &str, revision: i64) {
        if let Ok(mut w) = self.written.lock() {
            w.insert(document_id, revision);
        }
        if let Ok(mut e) = self.edit.lock()
            && e.as_ref().is_some_and(|x| x.document_id == document_id && x.section_id == section_id && x.body == body)
        {
            *e = None;
        }
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
    if let Ok(mut e) = staged.edit.lock() {
        *e = Some(Edit { document_id, base_revision, section_id, heading, body });
    }
    Ok(())
}

/// Writes a staged edit the UI did not get to save. If the document was changed by someone
/// else meanwhile, the write is refused as stale (and reported), never applied blindly.
pub fn flush_on_exit(app: &tauri::AppHandle) {
    let staged = app.state::<Staged>();
    let Some(edit) = staged.edit.lock().ok().and_then(|mut e| e.take()) else { return };
    let ours = staged.written.lock().ok().and_then(|w| w.get(&edit.document_id).copied());
    let ws = app.state::<Workspace>();
    let result = ws.with(|store| {
        let current = store.document(edit.document_id)?.revision;
        let base = match ours {
            Some(r) if r == current && edit.base_revision <= r => current,
            _ => edit.base_revision,
        };
        store.update_section(edit.document_id, base, edit.section_id, &edit.heading, &edit.body)
    });
    if let Err(e) = result {
        eprintln!("clausewright: could not save the last edit on exit: {}", e.message);
    }
}
