//! Nothing typed is lost (D2). Every keystroke hands the section's text to the app at once
//! (`stage`, memory only); the UI's save writes it through the store and clears it (`saved`).
//! If the app ends before that save lands, `flush` writes the staged text.
//!
//! The rule `flush` follows: the staged text was typed on top of some document revision. Our
//! own saves since then raise the revision without changing what the user meant, so when the
//! document's current revision is the last one this app wrote, the text is written on top of
//! it. Any other change (another process wrote) makes the write stale: it is refused and
//! reported, never merged blindly; the text is then kept in a file beside the workspace
//! (`recovered/`), so it is not lost either.

use crate::{Error, Result, Store, files};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A section's text as the user last typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedEdit {
    pub document_id: i64,
    /// The document revision the UI showed when the text was typed.
    pub base_revision: i64,
    pub section_id: i64,
    pub heading: String,
    pub body: String,
}

/// What `flush` did with a staged edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flushed {
    /// Nothing was staged.
    Nothing,
    /// Written as this document revision.
    Written(i64),
    /// Refused as stale (someone else changed the document); the text is in this file.
    Recovered(PathBuf),
}

#[derive(Debug, Default)]
pub struct Staging {
    edit: Option<StagedEdit>,
    /// The last revision this app wrote, per document.
    written: HashMap<i64, i64>,
}

impl Staging {
    /// Keeps the newest text typed; an older staged edit is replaced.
    pub fn stage(&mut self, edit: StagedEdit) {
        self.edit = Some(edit);
    }

    /// This app wrote `revision` of a document (a section save or any other change).
    pub fn wrote(&mut self, document_id: i64, revision: i64) {
        self.written.insert(document_id, revision);
    }

    /// The UI's save of this text landed as `revision`: it is no longer at risk.
    pub fn saved(&mut self, document_id: i64, section_id: i64, body: &str, revision: i64) {
        self.wrote(document_id, revision);
        if self.edit.as_ref().is_some_and(|e| e.document_id == document_id && e.section_id == section_id && e.body == body) {
            self.edit = None;
        }
    }

    pub fn pending(&self) -> Option<&StagedEdit> {
        self.edit.as_ref()
    }

    /// Writes the staged text, if any. When someone else changed the document since this
    /// app last wrote it, the write is refused and the text is kept in a file instead.
    pub fn flush(&mut self, store: &mut Store) -> Result<Flushed> {
        let Some(edit) = self.edit.take() else { return Ok(Flushed::Nothing) };
        let current = store.document(edit.document_id)?.revision;
        let ours = self.written.get(&edit.document_id).copied();
        let base = match ours {
            Some(r) if r == current && edit.base_revision <= r => current,
            _ => edit.base_revision,
        };
        match store.update_section(edit.document_id, base, edit.section_id, &edit.heading, &edit.body) {
            Ok(revision) => {
                self.wrote(edit.document_id, revision);
                Ok(Flushed::Written(revision))
            }
            Err(Error::Stale(_)) => recover(&edit, Path::new(&store.info().path)).map(Flushed::Recovered),
            Err(e) => Err(e),
        }
    }
}

/// Keeps a stale edit as Markdown in `recovered/` beside the workspace file.
fn recover(edit: &StagedEdit, workspace: &Path) -> Result<PathBuf> {
    let dir = workspace.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("recovered");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    let stamp = crate::now().replace(':', "-");
    let path = dir.join(format!("{stamp}-document-{}-section-{}.md", edit.document_id, edit.section_id));
    files::write_atomic(&path, format!("## {}\n\n{}\n", edit.heading.trim(), edit.body).as_bytes())?;
    Ok(path)
}
