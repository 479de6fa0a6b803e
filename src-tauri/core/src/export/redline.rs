//! Redlines: a comparison as paragraphs and tables of changes, each side's Markdown rendered
//! (`diff::formatted`, which the Word, PDF and HTML redlines share), and as a Word file whose
//! changes are real revisions (w:ins, w:del) that Word and LibreOffice can accept or reject.
//!
//! Headings, lists and emphasis show as Word styles and formatting, links as hyperlinks, so
//! accepting every change gives the new document and rejecting every change the old. A table
//! stays a table: a row only one side has is a tracked row insertion or deletion, and a row both
//! have shows the changed words in its cells. Text whose formatting alone changed gets a comment
//! saying how it was, as Word's own Compare notes a formatting change.

use super::RedlineSides;
use super::comments::{self, Place};
use super::docx::{BULLETS, base, pack};
use super::markdown::safe_link;
use crate::diff::formatted::{self, Block, LineStyle, Run as Shown};
use crate::diff::{Comparison, OpKind};
use crate::error::Result;
use docx_rs::{
    Comment, Delete, Hyperlink, HyperlinkType, IndentLevel, Insert, LineSpacing, NumberingId, Paragraph, Run, RunFonts, SpecialIndentType, Table,
    TableCell, TableRow,
};

/// The redline as paragraphs and tables, each side's Markdown rendered (`diff::formatted`).
pub(super) fn items(c: &Comparison) -> Vec<Block> {
    formatted::blocks(&c.ops)
}

/// Word comments for formatting changes, numbered in document order.
struct Notes<'a> {
    next: usize,
    author: &'a str,
    date: &'a str,
}

impl Notes<'_> {
    fn comment(&mut self, text: &str) -> Comment {
        self.next += 1;
        Comment::new(self.next).author(self.author).date(self.date).add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)))
    }
}

/// Adds runs to a paragraph as plain, inserted and deleted text, formatted as they show; text
/// whose formatting changed carries a comment saying how it was.
fn add_runs(mut p: Paragraph, runs: &[Shown], bold: bool, notes: &mut Notes) -> Paragraph {
    let (author, date) = (notes.author, notes.date);
    for shown in runs {
        let f = &shown.format;
        let mut run = Run::new();
        if bold || f.bold {
            run = run.bold();
        }
        if f.italic {
            run = run.italic();
        }
        if f.strike {
            run = run.strike();
        }
        if f.code {
            run = run.fonts(RunFonts::new().ascii("Consolas").hi_ansi("Consolas"));
        }
        if f.link.as_deref().and_then(safe_link).is_some() {
            run = run.style("Hyperlink");
        }
        let note = shown.was.as_ref().map(|was| notes.comment(&format!("Formatting changed: was {}, now {}.", was.describe(), f.describe())));
        let id = note.as_ref().map(Comment::id);
        if let Some(note) = note {
            p = p.add_comment_start(note);
        }
        p = match shown.op {
            OpKind::Equal => match f.link.as_deref().and_then(safe_link) {
                Some(url) => p.add_hyperlink(Hyperlink::new(url, HyperlinkType::External).add_run(run.add_text(shown.text.clone()))),
                None => p.add_run(run.add_text(shown.text.clone())),
            },
            OpKind::Insert => p.add_insert(Insert::new(run.add_text(shown.text.clone())).author(author).date(date)),
            OpKind::Delete => p.add_delete(Delete::new().add_run(run.add_delete_text(shown.text.clone())).author(author).date(date)),
        };
        if let Some(id) = id {
            p = p.add_comment_end(id);
        }
    }
    p
}

/// A Word file with tracked changes by the newer side's author, at its date.
pub fn docx(c: &Comparison, sides: &RedlineSides) -> Result<Vec<u8>> {
    let (author, date) = (sides.meta.author.as_str(), sides.meta.date.as_str());
    let title = format!("Redline: {} → {}", sides.old_name, sides.new_name);
    let meta = super::Meta { title: title.clone(), author: author.to_owned(), date: date.to_owned(), comments: Vec::new() };
    let mut doc = base(&meta);
    let mut notes = Notes { next: 0, author, date };
    let items = items(c);
    // The comments on the newer side go on the paragraphs that hold their quotes.
    let newer = |runs: &[Shown]| runs.iter().filter(|r| r.op != OpKind::Delete).map(|r| r.text.as_str()).collect::<String>();
    let places: Vec<Place> = items
        .iter()
        .map(|item| match item {
            Block::Line(line) if line.mark == OpKind::Delete => Place::Other,
            Block::Line(line) => match line.style {
                LineStyle::Heading { .. } => Place::Heading(newer(&line.runs)),
                LineStyle::Title => Place::Other,
                _ => Place::Text(newer(&line.runs)),
            },
            Block::Table { .. } => Place::Other,
        })
        .collect();
    let threads = comments::threads(&sides.meta.comments);
    let placed = comments::place(&places, &threads);
    for (k, item) in items.into_iter().enumerate() {
        let line = match item {
            Block::Line(line) => line,
            Block::Table { rows } => {
                let rows: Vec<TableRow> = rows
                    .iter()
                    .map(|r| {
                        let cells = r.cells.iter().map(|runs| TableCell::new().add_paragraph(add_runs(Paragraph::new(), runs, r.header, &mut notes)));
                        let row = TableRow::new(cells.collect());
                        match r.kind {
                            OpKind::Insert => row.insert(Insert::new_with_empty().author(author).date(date)),
                            OpKind::Delete => row.delete(Delete::new().author(author).date(date)),
                            OpKind::Equal => row,
                        }
                    })
                    .collect();
                doc = doc.add_table(Table::new(rows));
                continue;
            }
        };
        let p = match line.style {
            LineStyle::Title => Paragraph::new().style("Title"),
            LineStyle::Heading { level } => Paragraph::new().style(&format!("Heading{level}")),
            LineStyle::Bullet { depth } => {
                Paragraph::new().numbering(NumberingId::new(BULLETS), IndentLevel::new(depth.into())).line_spacing(LineSpacing::new().after(40))
            }
            LineStyle::Numbered { depth } => Paragraph::new().indent(Some(360 * (i32::from(depth) + 1)), Some(SpecialIndentType::Hanging(360)), None, None),
            LineStyle::Quote => Paragraph::new().style("Quote"),
            LineStyle::Body | LineStyle::Code => Paragraph::new(),
        };
        let word: Vec<Comment> = placed[k].iter().flat_map(|t| comments::word(t, &mut notes.next)).collect();
        let (p, ids) = comments::start(p, word);
        let mut p = comments::end(add_runs(p, &line.runs, false, &mut notes), &ids);
        if line.reformatted {
            let note = notes.comment("Formatting changed here: a list mark, heading level, emphasis or link target.");
            let id = note.id();
            p = p.add_comment_start(note).add_comment_end(id);
        }
        doc = doc.add_paragraph(match line.mark {
            OpKind::Insert => p.insert(author, date),
            OpKind::Delete => p.delete(author, date),
            OpKind::Equal => p,
        });
    }
    pack(doc, &meta)
}
