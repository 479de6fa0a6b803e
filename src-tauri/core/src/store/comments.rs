//! Comments on a span of a section's text, in the draft or a version, with replies and
//! resolving. A comment keeps the text it quotes and where it stood; each time comments are read
//! the quote is looked for in its section again (the occurrence nearest where it was), so a
//! comment follows its text through later edits, and when the text is gone it stays, marked
//! not anchored ("text changed"), never dropped.

use super::Store;
use crate::domain::{Comment, Document, Section};
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, Row, params};

/// A comment to add. `start` (UTF-16, in the section's body) says which occurrence of the quote
/// is meant; without it, the first.
#[derive(Debug, Clone, Default)]
pub struct NewComment {
    pub document_id: i64,
    pub version: Option<u32>,
    pub section_id: i64,
    pub quote: String,
    pub start: Option<u32>,
    pub text: String,
}

/// A comment as stored, before its anchor is looked for.
struct Stored {
    comment: Comment,
    start: u32,
}

const COLUMNS: &str = "id, document_id, version, section_id, heading, quote, start, text, author, created_at, parent_id, resolved_at";

fn stored(r: &Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        start: r.get(6)?,
        comment: Comment {
            id: r.get(0)?,
            document_id: r.get(1)?,
            version: r.get(2)?,
            section_id: r.get(3)?,
            heading: r.get(4)?,
            quote: r.get(5)?,
            start: 0,
            end: 0,
            anchored: false,
            text: r.get(7)?,
            author: r.get(8)?,
            created_at: r.get(9)?,
            parent_id: r.get(10)?,
            resolved: r.get::<_, Option<String>>(11)?.is_some(),
        },
    })
}

/// The UTF-16 offset of a byte offset in `s`.
pub(crate) fn utf16_at(s: &str, byte: usize) -> u32 {
    s[..byte.min(s.len())].encode_utf16().count() as u32
}

/// Where `quote` stands in `body` (byte offsets), the occurrence nearest UTF-16 offset `near`.
pub(crate) fn find_near(body: &str, quote: &str, near: u32) -> Option<(usize, usize)> {
    if quote.is_empty() {
        return Some((0, 0));
    }
    body.match_indices(quote).map(|(i, _)| i).min_by_key(|&i| utf16_at(body, i).abs_diff(near)).map(|i| (i, i + quote.len()))
}

impl Store {
    pub fn add_comment(&mut self, new: &NewComment) -> Result<Comment> {
        let author = self.comment_author()?;
        let text = comment_text(&new.text)?;
        let doc = self.commented_document(new.document_id, new.version)?;
        let section = section_of(&doc, new.section_id)?;
        let (start, _) = find_near(&section.body, &new.quote, new.start.unwrap_or(0)).ok_or_else(|| {
            Error::Invalid(format!("quote: “{}” is not in the section “{}”", new.quote, section.heading))
        })?;
        let start = utf16_at(&section.body, start);
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO comments (document_id, version, section_id, heading, quote, start, text, author, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![new.document_id, new.version, section.id, section.heading, new.quote, start, text, author, crate::now()],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.comment(id)
    }

    /// A reply joins the thread of the comment it answers, on the same text.
    pub fn reply_to_comment(&mut self, id: i64, text: &str) -> Result<Comment> {
        let author = self.comment_author()?;
        let text = comment_text(text)?;
        let root = self.thread_root(id)?;
        let new_id = self.write(|tx| {
            tx.execute(
                "INSERT INTO comments (document_id, version, section_id, heading, quote, start, text, author, created_at, parent_id)
                 SELECT document_id, version, section_id, heading, quote, start, ?2, ?3, ?4, id FROM comments WHERE id = ?1",
                params![root, text, author, crate::now()],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.comment(new_id)
    }

    /// Resolves or reopens the thread a comment is in.
    pub fn set_comment_resolved(&mut self, id: i64, resolved: bool) -> Result<Comment> {
        let root = self.thread_root(id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE comments SET resolved_at = CASE WHEN ?2 THEN coalesce(resolved_at, ?3) END WHERE id = ?1 OR parent_id = ?1",
                params![root, resolved, crate::now()],
            )?;
            Ok(())
        })?;
        self.comment(root)
    }

    pub fn comment(&self, id: i64) -> Result<Comment> {
        let s = self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM comments WHERE id = ?1"), [id], stored)
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no comment with id {id}")))?;
        let doc = self.commented_document(s.comment.document_id, s.comment.version)?;
        Ok(anchor(s, &doc))
    }

    /// A document's comments, on its draft and its versions, in the order they were made, each
    /// anchored where its text stands now.
    pub fn comments(&self, doc_id: i64) -> Result<Vec<Comment>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {COLUMNS} FROM comments WHERE document_id = ?1 ORDER BY id"))?;
        let all = stmt.query_map([doc_id], stored)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut docs: Vec<(Option<u32>, Document)> = Vec::new();
        let mut out = Vec::with_capacity(all.len());
        for s in all {
            let v = s.comment.version;
            if !docs.iter().any(|(n, _)| *n == v) {
                docs.push((v, self.commented_document(doc_id, v)?));
            }
            let doc = docs.iter().find(|(n, _)| *n == v).map(|(_, d)| d).ok_or_else(|| Error::NotFound("document".into()))?;
            out.push(anchor(s, doc));
        }
        Ok(out)
    }

    fn thread_root(&self, id: i64) -> Result<i64> {
        let parent: Option<Option<i64>> = self.conn.query_row("SELECT parent_id FROM comments WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        match parent {
            None => Err(Error::NotFound(format!("no comment with id {id}"))),
            Some(p) => Ok(p.unwrap_or(id)),
        }
    }

    fn comment_author(&self) -> Result<String> {
        self.author()?.ok_or_else(|| Error::Invalid("author: comments record who wrote them; set your name first (in the app, or with --author)".into()))
    }

    fn commented_document(&self, doc_id: i64, version: Option<u32>) -> Result<Document> {
        match version {
            None => self.document(doc_id),
            Some(n) => Ok(self.version(doc_id, n)?.into()),
        }
    }
}

fn comment_text(text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::Invalid("text: a comment needs some text".into()));
    }
    Ok(text.to_owned())
}

fn section_of(doc: &Document, id: i64) -> Result<&Section> {
    doc.sections.iter().find(|s| s.id == id).ok_or_else(|| Error::NotFound(format!("no section with id {id} in “{}”", doc.title)))
}

/// The comment with its quote looked for again in its section.
fn anchor(s: Stored, doc: &Document) -> Comment {
    let mut c = s.comment;
    if let Some(section) = c.section_id.and_then(|id| doc.sections.iter().find(|x| x.id == id)) {
        c.heading = section.heading.clone();
        if let Some((a, b)) = find_near(&section.body, &c.quote, s.start) {
            (c.start, c.end, c.anchored) = (utf16_at(&section.body, a), utf16_at(&section.body, b), true);
        }
    }
    c
}
