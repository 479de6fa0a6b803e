//! Finished documents and redlines leave the app here: a document's draft or any version as
//! Markdown, HTML, text, Word or PDF, and the comparison of any two inputs as a Word file with
//! tracked changes, an HTML page (side by side or inline) or a PDF.
//!
//! Exports are deterministic: every date in them comes from the document (the version's or
//! the draft's last change), never the clock, so the same input gives the same bytes.

mod comments;
mod docx;
mod html;
mod markdown;
#[cfg(feature = "pdf")]
mod pdf;
mod redline;
mod text;
mod xml;

pub use html::{document_html_page, side_by_side_redline};
pub use markdown::document_markdown;
pub use text::document_text;

use crate::diff::{Comparison, DiffOptions, compare};
use crate::domain::Document;
use crate::error::{Error, Result};
use crate::files::safe_file_name;
use crate::sides::DiffInput;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The formats a document exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Markdown,
    Html,
    Text,
    Docx,
    Pdf,
}

/// The formats a comparison exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RedlineFormat {
    /// Word with tracked changes.
    Docx,
    /// HTML, old and new side by side.
    Html,
    /// HTML, one text with deletions struck through and insertions underlined.
    HtmlInline,
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Text => "txt",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// "md", "html", "txt", "docx" or "pdf" (as the CLI takes them).
    pub fn parse(s: &str) -> Result<Format> {
        match s {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "txt" | "text" => Ok(Format::Text),
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            _ => Err(Error::Invalid(format!("format: `{s}` is not one of md, html, txt, docx, pdf"))),
        }
    }
}

impl RedlineFormat {
    pub fn extension(self) -> &'static str {
        match self {
            RedlineFormat::Docx => "docx",
            RedlineFormat::Html | RedlineFormat::HtmlInline => "html",
            RedlineFormat::Pdf => "pdf",
        }
    }

    /// "docx", "html", "html-inline" or "pdf".
    pub fn parse(s: &str) -> Result<RedlineFormat> {
        match s {
            "docx" => Ok(RedlineFormat::Docx),
            "html" => Ok(RedlineFormat::Html),
            "html-inline" => Ok(RedlineFormat::HtmlInline),
            "pdf" => Ok(RedlineFormat::Pdf),
            _ => Err(Error::Invalid(format!("format: `{s}` is not one of docx, html, html-inline, pdf"))),
        }
    }
}

/// Who and when, for a file's properties and tracked changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub author: String,
    /// RFC 3339, UTC.
    pub date: String,
    /// The comments on the side exported; open threads go into the file.
    pub comments: Vec<crate::domain::Comment>,
}

/// An export ready to be written, with the file name to suggest (already safe, see
/// [`safe_file_name`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The two sides of a redline, named for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedlineSides {
    pub old_name: String,
    pub new_name: String,
    /// The newer side's author and date: the tracked changes carry them.
    pub meta: Meta,
}

const APP_AUTHOR: &str = "Clausewright";

/// A document in one format.
pub fn document_bytes(doc: &Document, lib: &crate::library::Library, meta: &Meta, format: Format) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Markdown => document_markdown(doc, lib).into_bytes(),
        Format::Text => document_text(doc, lib).into_bytes(),
        Format::Html => document_html_page(doc, lib).into_bytes(),
        Format::Docx => docx::document(&document_markdown(doc, lib), meta)?,
        Format::Pdf => pdf_document(&document_markdown(doc, lib), meta)?,
    })
}

/// A comparison in one format.
pub fn redline_bytes(c: &Comparison, sides: &RedlineSides, format: RedlineFormat) -> Result<Vec<u8>> {
    Ok(match format {
        RedlineFormat::Docx => redline::docx(c, sides)?,
        RedlineFormat::Html => html::with_comments(&side_by_side_redline(c, &sides.old_name, &sides.new_name), &sides.meta.comments).into_bytes(),
        RedlineFormat::HtmlInline => html::with_comments(&html::inline_redline(c, sides), &sides.meta.comments).into_bytes(),
        RedlineFormat::Pdf => pdf_redline(c, sides)?,
    })
}

#[cfg(feature = "pdf")]
fn pdf_document(markdown: &str, meta: &Meta) -> Result<Vec<u8>> {
    pdf::document(markdown, meta)
}

#[cfg(feature = "pdf")]
fn pdf_redline(c: &Comparison, sides: &RedlineSides) -> Result<Vec<u8>> {
    pdf::redline(c, sides)
}

#[cfg(not(feature = "pdf"))]
fn pdf_document(_: &str, _: &Meta) -> Result<Vec<u8>> {
    Err(no_pdf())
}

#[cfg(not(feature = "pdf"))]
fn pdf_redline(_: &Comparison, _: &RedlineSides) -> Result<Vec<u8>> {
    Err(no_pdf())
}

#[cfg(not(feature = "pdf"))]
fn no_pdf() -> Error {
    Error::Invalid("format: this build of Clausewright has no PDF support (built without the `pdf` feature)".into())
}

impl Store {
    /// The comments on a document's draft (`version` None) or on one of its versions.
    fn comments_on(&self, doc_id: i64, version: Option<u32>) -> Result<Vec<crate::domain::Comment>> {
        Ok(self.comments(doc_id)?.into_iter().filter(|c| c.version == version).collect())
    }

    /// A document's draft (`version` None) or one of its versions, in one format.
    pub fn export_document(&self, doc_id: i64, version: Option<u32>, format: Format) -> Result<Exported> {
        let at = self.document_at(doc_id, version)?;
        let title = at.document.title.clone();
        let stem = match version {
            None => title.clone(),
            Some(n) => format!("{title} v{n}"),
        };
        let comments = self.comments_on(doc_id, version)?;
        let meta = Meta { title, author: at.author.unwrap_or_else(|| APP_AUTHOR.into()), date: at.date, comments };
        let bytes = document_bytes(&at.document, self.library(), &meta, format)?;
        Ok(Exported { file_name: safe_file_name(&stem, format.extension()), bytes })
    }
}

/// The comparison of two inputs (as in `diff`), in one format. Two files need no workspace.
/// The tracked changes carry the newer side's author and date.
/// A redline of two sides, compared with the options the user looked at them with.
pub fn export_redline(store: Option<&Store>, old: &DiffInput, new: &DiffInput, format: RedlineFormat, options: DiffOptions) -> Result<Exported> {
    let new_input = new;
    let (old, new) = (old.read(store)?, new.read(store)?);
    let c = compare(&old.sections, &new.sections, options);
    let comments = match (store, new_input) {
        (Some(st), DiffInput::Draft(id)) => st.comments_on(*id, None)?,
        (Some(st), DiffInput::Version(id, n)) => st.comments_on(*id, Some(*n))?,
        _ => Vec::new(),
    };
    let meta = Meta { title: new.title, author: new.author.unwrap_or_else(|| APP_AUTHOR.into()), date: new.date, comments };
    let sides = RedlineSides { old_name: old.name, new_name: new.name, meta };
    let stem = format!("Redline {} to {}", sides.old_name, sides.new_name);
    Ok(Exported { file_name: safe_file_name(&stem, format.extension()), bytes: redline_bytes(&c, &sides, format)? })
}
