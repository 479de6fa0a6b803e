//! Composing a document: sections added from the library, moved, removed and edited; profile
//! values set; a whole earlier state restored (undo). Each operation is one transaction that
//! names the revision it was based on, and returns the document as it now is.

use super::Store;
use crate::domain::{Document, DocumentSummary, Section, Value};
use crate::error::{Error, Result};
use crate::library::Template;
use crate::profile::check_value;
use rusqlite::{Transaction, params};

/// A template as the "new document" dialog lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct TemplateSummary {
    pub id: String,
    pub title: String,
    pub description: String,
    pub document_title: String,
    pub section_count: u32,
}

fn section_ids(tx: &Transaction<'_>, doc_id: i64) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare("SELECT id FROM sections WHERE document_id = ?1 ORDER BY position")?;
    let ids = stmt.query_map([doc_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Writes positions 0..n in the given order.
fn renumber(tx: &Transaction<'_>, ids: &[i64]) -> Result<()> {
    let mut stmt = tx.prepare("UPDATE sections SET position = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![id, i as i64])?;
    }
    Ok(())
}

fn position_of(ids: &[i64], doc_id: i64, section_id: i64) -> Result<usize> {
    ids.iter()
        .position(|id| *id == section_id)
        .ok_or_else(|| Error::NotFound(format!("document {doc_id} has no section {section_id}")))
}

impl Store {
    pub fn templates(&self) -> Vec<TemplateSummary> {
        self.library
            .templates
            .iter()
            .map(|t: &Template| TemplateSummary {
                id: t.id.clone(),
                title: t.title.clone(),
                description: t.description.clone(),
                document_title: t.document_title.clone(),
                section_count: t.sections.len() as u32,
            })
            .collect()
    }

    /// Inserts the current revision of a library clause as a new section at `at` (0-based;
    /// the end when `None` or past it).
    pub fn add_section(&mut self, doc_id: i64, base: i64, clause_id: &str, at: Option<usize>) -> Result<Document> {
        let clause = self.clause(clause_id, None)?;
        self.insert_section(doc_id, base, at, &clause.heading, &clause.body, Some((&clause.id, clause.revision)))
    }

    /// Moves a section to position `to` (0-based, clamped to the end).
    pub fn move_section(&mut self, doc_id: i64, base: i64, section_id: i64, to: usize) -> Result<Document> {
        self.write(|tx| {
            super::documents::bump_revision(tx, doc_id, base)?;
            let mut ids = section_ids(tx, doc_id)?;
            let from = position_of(&ids, doc_id, section_id)?;
            let id = ids.remove(from);
            ids.insert(to.min(ids.len()), id);
            renumber(tx, &ids)
        })?;
        self.document(doc_id)
    }

    pub fn remove_section(&mut self, doc_id: i64, base: i64, section_id: i64) -> Result<Document> {
        self.write(|tx| {
            super::documents::bump_revision(tx, doc_id, base)?;
            let mut ids = section_ids(tx, doc_id)?;
            let at = position_of(&ids, doc_id, section_id)?;
            ids.remove(at);
            tx.execute("DELETE FROM sections WHERE id = ?1", [section_id])?;
            renumber(tx, &ids)
        })?;
        self.document(doc_id)
    }

    /// Replaces a section's text with the library's current revision of its clause.
    pub fn take_clause_update(&mut self, doc_id: i64, base: i64, section_id: i64) -> Result<Document> {
        let doc = self.document(doc_id)?;
        let section = doc.sections.iter().find(|s| s.id == section_id);
        let Some(origin) = section.and_then(|s| s.origin.as_ref()) else {
            return Err(Error::NotFound(format!("section {section_id} of document {doc_id} did not come from the library")));
        };
        let clause = self.clause(&origin.clause_id, None)?;
        self.write(|tx| {
            super::documents::bump_revision(tx, doc_id, base)?;
            tx.execute(
                "UPDATE sections SET heading = ?2, body = ?3, clause_revision = ?4, edited = 0 WHERE id = ?1",
                params![section_id, clause.heading, clause.body, clause.revision],
            )?;
            Ok(())
        })?;
        self.document(doc_id)
    }

    /// Sets (or with `None`, clears) one profile value, checked against the variable schema.
    pub fn set_profile_value(&mut self, doc_id: i64, base: i64, name: &str, value: Option<Value>) -> Result<Document> {
        let def = self
            .library
            .variable(name)
            .ok_or_else(|| Error::Invalid(format!("`{name}` is not a profile field (see variables.toml)")))?
            .clone();
        let value = value.map(|v| check_value(&def, v)).transpose()?;
        let mut profile = self.document(doc_id)?.profile;
        match value {
            Some(v) if !v.is_blank() => profile.0.insert(name.to_owned(), v),
            _ => profile.0.remove(name),
        };
        let json = serde_json::to_string(&profile).map_err(|e| Error::Invalid(e.to_string()))?;
        self.write(|tx| {
            super::documents::bump_revision(tx, doc_id, base)?;
            tx.execute("UPDATE documents SET profile = ?2 WHERE id = ?1", params![doc_id, json])?;
            Ok(())
        })?;
        self.document(doc_id)
    }

    /// Puts a document back to an earlier state (its title, profile and sections, with their
    /// ids and provenance), as one new revision: this is how undo and redo are saved.
    pub fn restore_content(&mut self, doc_id: i64, base: i64, state: &Document) -> Result<Document> {
        self.write(|tx| write_state(tx, doc_id, base, state))?;
        self.document(doc_id)
    }

    /// Adds a blank section of the document's own (not from the library).
    pub fn add_blank_section(&mut self, doc_id: i64, base: i64, heading: &str, at: Option<usize>) -> Result<Document> {
        let heading = heading.trim();
        if heading.is_empty() {
            return Err(Error::Invalid("heading: a section needs a heading".into()));
        }
        self.insert_section(doc_id, base, at, heading, "", None)
    }

    /// Inserts one section at `at` (the end when `None` or past it), as one revision.
    fn insert_section(
        &mut self,
        doc_id: i64,
        base: i64,
        at: Option<usize>,
        heading: &str,
        body: &str,
        origin: Option<(&str, u32)>,
    ) -> Result<Document> {
        self.write(|tx| {
            super::documents::bump_revision(tx, doc_id, base)?;
            let mut ids = section_ids(tx, doc_id)?;
            tx.execute(
                "INSERT INTO sections (document_id, position, heading, body, clause_id, clause_revision)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![doc_id, ids.len() as i64, heading, body, origin.map(|o| o.0), origin.map(|o| o.1)],
            )?;
            let new_id = tx.last_insert_rowid();
            ids.insert(at.unwrap_or(ids.len()).min(ids.len()), new_id);
            renumber(tx, &ids)
        })?;
        self.document(doc_id)
    }

    pub fn duplicate_document(&mut self, id: i64) -> Result<Document> {
        let doc = self.document(id)?;
        let copy = self.create_document(&format!("{} (copy)", doc.title), None)?;
        let copy = self.restore_fresh_sections(copy.id, copy.revision, doc.sections)?;
        let profile = doc.profile;
        self.restore_content(copy.id, copy.revision, &Document { profile, ..copy })
    }

    /// Replaces a document's sections with these, under ids never used before (the ids they
    /// carry are ignored), so they share no rows with another document or version.
    pub(crate) fn restore_fresh_sections(&mut self, doc_id: i64, base: i64, sections: Vec<Section>) -> Result<Document> {
        let next: i64 = self.conn.query_row(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sections'), 0), coalesce((SELECT max(id) FROM sections), 0)) + 1",
            [],
            |r| r.get(0),
        )?;
        let sections = sections.into_iter().enumerate().map(|(i, s)| Section { id: next + i as i64, ..s }).collect();
        let doc = self.document(doc_id)?;
        self.restore_content(doc_id, base, &Document { sections, ..doc })
    }

    /// Moves a document to the trash; its versions stay.
    pub fn delete_document(&mut self, id: i64) -> Result<()> {
        let changed = self.write(|tx| {
            Ok(tx.execute("UPDATE documents SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, crate::now()])?)
        })?;
        if changed == 0 {
            return Err(Error::NotFound(format!("no document with id {id}")));
        }
        Ok(())
    }

    pub fn restore_document(&mut self, id: i64) -> Result<()> {
        let changed =
            self.write(|tx| Ok(tx.execute("UPDATE documents SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", [id])?))?;
        if changed == 0 {
            return Err(Error::NotFound(format!("no document {id} in the trash")));
        }
        Ok(())
    }

    pub fn document_trash(&self) -> Result<Vec<DocumentSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.title, d.revision, d.updated_at, (SELECT count(*) FROM sections s WHERE s.document_id = d.id)
             FROM documents d WHERE d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DocumentSummary { id: r.get(0)?, title: r.get(1)?, revision: r.get(2)?, updated_at: r.get(3)?, section_count: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Writes a document's title, profile and sections (with their ids and provenance) as one new
/// revision on `base`.
pub(super) fn write_state(tx: &Transaction<'_>, doc_id: i64, base: i64, state: &Document) -> Result<()> {
    let title = state.title.trim();
    if title.is_empty() {
        return Err(Error::Invalid("title: a document needs a title".into()));
    }
    let profile = serde_json::to_string(&state.profile).map_err(|e| Error::Invalid(e.to_string()))?;
    super::documents::bump_revision(tx, doc_id, base)?;
    tx.execute("UPDATE documents SET title = ?2, profile = ?3 WHERE id = ?1", params![doc_id, title, profile])?;
    tx.execute("DELETE FROM sections WHERE document_id = ?1", [doc_id])?;
    let mut stmt = tx.prepare(
        "INSERT INTO sections (id, document_id, position, heading, body, clause_id, clause_revision, edited)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, s) in state.sections.iter().enumerate() {
        let (clause_id, rev, edited) = match &s.origin {
            Some(o) => (Some(o.clause_id.as_str()), Some(o.clause_revision), o.edited),
            None => (None, None, false),
        };
        // A section new to the document (id not above 0) gets a fresh id.
        stmt.execute(params![(s.id > 0).then_some(s.id), doc_id, i as i64, s.heading, s.body, clause_id, rev, edited])?;
    }
    Ok(())
}
