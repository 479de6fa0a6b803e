//! Named versions: immutable, never pruned (D4), each with who saved it, why, and what changed.

use super::Store;
use crate::diff::{DiffOptions, DiffSide, compare};
use crate::domain::{Document, Profile, Section, Version, VersionSummary};
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// A document as its draft or one of its versions stands, with who saved it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentAt {
    pub document: Document,
    /// A version's author; for the draft, the workspace's author setting, if any.
    pub author: Option<String>,
    /// RFC 3339: the version's date, or the draft's last change.
    pub date: String,
}

/// What a version freezes.
#[derive(Serialize, Deserialize)]
struct Snapshot {
    title: String,
    profile: Profile,
    sections: Vec<Section>,
}

impl Store {
    /// The name versions are saved under; asked once, kept in the workspace.
    pub fn author(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = 'author'", [], |r| r.get(0)).optional()?)
    }

    pub fn set_author(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(Error::Invalid("author: give a name of 1 to 120 characters".into()));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('author', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [name],
            )?;
            Ok(())
        })
    }

    /// Freezes the document as it is now. Returns the new version.
    pub fn save_version(&mut self, doc_id: i64, label: &str, note: &str) -> Result<Version> {
        let doc = self.document(doc_id)?;
        self.add_version(doc_id, label, note, Snapshot { title: doc.title, profile: doc.profile, sections: doc.sections })
    }

    /// Adds an imported text as a new version of a document, leaving the draft alone, so it can
    /// be compared with the versions before it.
    pub(crate) fn import_as_version(&mut self, doc_id: i64, title: &str, sections: Vec<Section>, label: &str) -> Result<Version> {
        let doc = self.document(doc_id)?;
        self.add_version(doc_id, label, "", Snapshot { title: title.to_owned(), profile: doc.profile, sections })
    }

    fn add_version(&mut self, doc_id: i64, label: &str, note: &str, snap: Snapshot) -> Result<Version> {
        let author = self.author()?.ok_or_else(|| {
            Error::Invalid("author: versions record who saved them; set your name first (in the app, or with --author)".into())
        })?;
        let label = label.trim();
        if label.is_empty() {
            return Err(Error::Invalid("label: a version needs a label, such as “Sent to counsel”".into()));
        }
        let previous = self.versions(doc_id)?.first().map(|v| v.number);
        let current = Document {
            id: doc_id,
            title: snap.title.clone(),
            revision: 0,
            profile: snap.profile.clone(),
            sections: snap.sections.clone(),
            created_at: String::new(),
            updated_at: String::new(),
        };
        let new_side = DiffSide::from_document(&current, self.library());
        let summary = match previous {
            Some(n) => compare(&DiffSide::from_document(&self.version(doc_id, n)?.into(), self.library()), &new_side, DiffOptions::default()).summary(),
            None => "first version".into(),
        };
        let snapshot = serde_json::to_string(&snap).map_err(|e| Error::Invalid(e.to_string()))?;
        let number = self.write(|tx| {
            let number: u32 =
                tx.query_row("SELECT coalesce(max(number), 0) + 1 FROM versions WHERE document_id = ?1", [doc_id], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO versions (document_id, number, label, note, author, created_at, summary, snapshot)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![doc_id, number, label, note.trim(), author, crate::now(), summary, snapshot],
            )?;
            Ok(number)
        })?;
        self.version(doc_id, number)
    }

    /// A document's versions, newest first.
    pub fn versions(&self, doc_id: i64) -> Result<Vec<VersionSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT number, label, note, author, created_at, summary FROM versions WHERE document_id = ?1 ORDER BY number DESC",
        )?;
        let rows = stmt.query_map([doc_id], |r| {
            Ok(VersionSummary {
                number: r.get(0)?,
                label: r.get(1)?,
                note: r.get(2)?,
                author: r.get(3)?,
                created_at: r.get(4)?,
                summary: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn version(&self, doc_id: i64, number: u32) -> Result<Version> {
        let row = self
            .conn
            .query_row(
                "SELECT label, note, author, created_at, snapshot FROM versions WHERE document_id = ?1 AND number = ?2",
                params![doc_id, number],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("document {doc_id} has no version {number}")))?;
        let snap: Snapshot =
            serde_json::from_str(&row.4).map_err(|e| Error::Invalid(format!("version {number} of document {doc_id} is unreadable: {e}")))?;
        Ok(Version {
            document_id: doc_id,
            number,
            label: row.0,
            note: row.1,
            author: row.2,
            created_at: row.3,
            title: snap.title,
            profile: snap.profile,
            sections: snap.sections,
        })
    }

    /// A document's draft (`version` None) or one of its versions, read once.
    pub fn document_at(&self, doc_id: i64, version: Option<u32>) -> Result<DocumentAt> {
        Ok(match version {
            None => {
                let document = self.document(doc_id)?;
                DocumentAt { date: document.updated_at.clone(), author: self.author()?, document }
            }
            Some(n) => {
                let v = self.version(doc_id, n)?;
                DocumentAt { author: Some(v.author.clone()), date: v.created_at.clone(), document: v.into() }
            }
        })
    }

    /// Makes a version the working draft again. The current draft is saved as a version first,
    /// so nothing is lost.
    pub fn restore_version(&mut self, doc_id: i64, base: i64, number: u32) -> Result<Document> {
        let version = self.version(doc_id, number)?;
        let current = self.document(doc_id)?;
        if current.revision != base {
            return Err(Error::Stale(format!(
                "document {doc_id} changed since you opened it (your copy is revision {base}, the workspace has {}); reload it first",
                current.revision
            )));
        }
        self.save_version(doc_id, &format!("Draft before restoring version {number}"), "")?;
        let state = Document { title: version.title, profile: version.profile, sections: version.sections, ..current };
        self.restore_content(doc_id, base, &state)
    }
}
