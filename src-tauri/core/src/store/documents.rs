//! Documents and their sections. Every write names the revision it was based on and bumps it;
//! a write based on an older revision is refused (D3).

use super::Store;
use crate::domain::{Document, DocumentSummary, Profile, Section, SectionOrigin};
use crate::error::{Error, Result};
use crate::library::{Library, Template, TemplateSection};
use rusqlite::{OptionalExtension, Transaction, params};

pub(super) fn insert_from_template(tx: &Transaction<'_>, lib: &Library, t: &Template, title: &str) -> Result<i64> {
    let now = crate::now();
    let profile = serde_json::to_string(&t.profile).map_err(|e| Error::Invalid(e.to_string()))?;
    tx.execute(
        "INSERT INTO documents (title, profile, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![title, profile, now],
    )?;
    let doc_id = tx.last_insert_rowid();
    for (position, section) in t.sections.iter().enumerate() {
        let (heading, body, origin) = match section {
            // A part heading: a section with no text and no clause (see `render::outline`).
            TemplateSection::Part(heading) => (heading.as_str(), "", None),
            TemplateSection::Clause(clause_id) => {
                let c = lib.clause(clause_id).ok_or_else(|| Error::NotFound(format!("no clause with id `{clause_id}`")))?;
                (c.heading.as_str(), c.body.as_str(), Some((c.id.as_str(), c.revision)))
            }
        };
        tx.execute(
            "INSERT INTO sections (document_id, position, heading, body, clause_id, clause_revision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![doc_id, position as i64, heading, body, origin.map(|o| o.0), origin.map(|o| o.1)],
        )?;
    }
    Ok(doc_id)
}

/// Bumps a document's revision if it is still `base`; refuses a stale write otherwise.
pub(super) fn bump_revision(tx: &Transaction<'_>, doc_id: i64, base: i64) -> Result<i64> {
    let changed = tx.execute(
        "UPDATE documents SET revision = revision + 1, updated_at = ?3
         WHERE id = ?1 AND revision = ?2 AND deleted_at IS NULL",
        params![doc_id, base, crate::now()],
    )?;
    if changed == 1 {
        return Ok(base + 1);
    }
    let current: Option<i64> =
        tx.query_row("SELECT revision FROM documents WHERE id = ?1 AND deleted_at IS NULL", [doc_id], |r| r.get(0)).optional()?;
    Err(match current {
        None => Error::NotFound(format!("no document with id {doc_id}")),
        Some(now) => Error::Stale(format!(
            "document {doc_id} changed since you opened it (your copy is revision {base}, the workspace has {now}); \
             reload it and apply your change again"
        )),
    })
}

impl Store {
    pub fn documents(&self) -> Result<Vec<DocumentSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.title, d.revision, d.updated_at, (SELECT count(*) FROM sections s WHERE s.document_id = d.id)
             FROM documents d WHERE d.deleted_at IS NULL ORDER BY d.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DocumentSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                revision: r.get(2)?,
                updated_at: r.get(3)?,
                section_count: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn document(&self, id: i64) -> Result<Document> {
        let head = self
            .conn
            .query_row(
                "SELECT title, revision, profile, created_at, updated_at FROM documents WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no document with id {id}")))?;
        let profile: Profile = serde_json::from_str(&head.2)
            .map_err(|e| Error::Invalid(format!("document {id} has an unreadable profile: {e}")))?;
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.heading, s.body, s.clause_id, s.clause_revision, s.edited, c.current_revision
             FROM sections s LEFT JOIN clauses c ON c.id = s.clause_id
             WHERE s.document_id = ?1 ORDER BY s.position",
        )?;
        let sections = stmt
            .query_map([id], |r| {
                let clause_id: Option<String> = r.get(3)?;
                Ok(Section {
                    id: r.get(0)?,
                    heading: r.get(1)?,
                    body: r.get(2)?,
                    origin: match clause_id {
                        Some(clause_id) => Some(SectionOrigin {
                            clause_id,
                            clause_revision: r.get(4)?,
                            edited: r.get(5)?,
                            latest_revision: r.get(6)?,
                        }),
                        None => None,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Document { id, title: head.0, revision: head.1, profile, sections, created_at: head.3, updated_at: head.4 })
    }

    /// Creates a document from a template (its clauses and default profile), or blank.
    pub fn create_document(&mut self, title: &str, template: Option<&str>) -> Result<Document> {
        let title = clean_title(title)?;
        let library = self.library.clone();
        let empty = Template {
            id: String::new(),
            title: String::new(),
            description: String::new(),
            document_title: title.clone(),
            clauses: vec![],
            sections: vec![],
            profile: Profile::default(),
        };
        let template = match template {
            Some(id) => library.template(id).ok_or_else(|| Error::NotFound(format!("no template with id `{id}`")))?,
            None => &empty,
        };
        let id = self.write(|tx| insert_from_template(tx, &library, template, &title))?;
        self.document(id)
    }

    /// Creates a document with its own sections (written by hand, not from the library) and
    /// profile, in one transaction: the way an imported file becomes a document.
    pub fn create_document_from(&mut self, title: &str, profile: &Profile, sections: &[(String, String)]) -> Result<Document> {
        let title = clean_title(title)?;
        let profile = serde_json::to_string(profile).map_err(|e| Error::Invalid(e.to_string()))?;
        let id = self.write(|tx| {
            let now = crate::now();
            tx.execute(
                "INSERT INTO documents (title, profile, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![title, profile, now],
            )?;
            let doc_id = tx.last_insert_rowid();
            for (position, (heading, body)) in sections.iter().enumerate() {
                tx.execute(
                    "INSERT INTO sections (document_id, position, heading, body) VALUES (?1, ?2, ?3, ?4)",
                    params![doc_id, position as i64, heading, body],
                )?;
            }
            Ok(doc_id)
        })?;
        self.document(id)
    }

    /// Renames a document; `base` is the revision the caller last saw.
    pub fn rename_document(&mut self, id: i64, base: i64, title: &str) -> Result<i64> {
        let title = clean_title(title)?;
        self.write(|tx| {
            let rev = bump_revision(tx, id, base)?;
            tx.execute("UPDATE documents SET title = ?2 WHERE id = ?1", params![id, title])?;
            Ok(rev)
        })
    }

    /// Replaces a section's heading and text. A section taken from the library keeps its
    /// provenance and is marked edited. Returns the document's new revision.
    pub fn update_section(&mut self, doc_id: i64, base: i64, section_id: i64, heading: &str, body: &str) -> Result<i64> {
        if heading.trim().is_empty() {
            return Err(Error::Invalid("heading: a section needs a heading".into()));
        }
        self.write(|tx| {
            let rev = bump_revision(tx, doc_id, base)?;
            let changed = tx.execute(
                "UPDATE sections SET heading = ?3, body = ?4,
                   edited = edited OR (clause_id IS NOT NULL AND body <> ?4)
                 WHERE id = ?2 AND document_id = ?1",
                params![doc_id, section_id, heading.trim(), body],
            )?;
            if changed == 0 {
                return Err(Error::NotFound(format!("document {doc_id} has no section {section_id}")));
            }
            Ok(rev)
        })
    }
}

fn clean_title(title: &str) -> Result<String> {
    let t = title.trim();
    if t.is_empty() {
        return Err(Error::Invalid("title: a document needs a title".into()));
    }
    if t.chars().count() > 200 {
        return Err(Error::Invalid("title: keep it under 200 characters".into()));
    }
    Ok(t.to_owned())
}
