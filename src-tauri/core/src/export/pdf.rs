//! PDF through Typst, used as a library: the document becomes Typst markup, is typeset with
//! the fonts shipped in assets/fonts, and is written as PDF/A-2b (for archiving) with
//! selectable, tagged text in reading order, a running header, page numbers and a table of
//! contents. Nothing is read from disk or the network while typesetting.
//!
//! Every piece of the user's text enters the markup as a string literal (`#"…";`), so no text
//! can be read as Typst code.

use super::markdown::{Block, Span, blocks, plain};
use super::redline::items;
use crate::diff::formatted::{Block as Shown, LineStyle, Run};
use super::{Meta, RedlineSides};
use crate::diff::{Comparison, OpKind};
use crate::error::{Error, Result};
use std::fmt::Write as _;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;

const FONTS: &[&str] = &[
    "fonts/LibertinusSerif-Regular.otf",
    "fonts/LibertinusSerif-Bold.otf",
    "fonts/LibertinusSerif-Italic.otf",
    "fonts/LibertinusSerif-BoldItalic.otf",
    "fonts/DejaVuSansMono.ttf",
];

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// The standard library and the fonts, loaded once.
fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> =
            FONTS.iter().filter_map(|p| crate::library::asset(p)).flat_map(|data| Font::iter(Bytes::new(data))).collect();
        Shared { library: LazyHash::new(Library::default()), book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

/// One markup source and a fixed date: all Typst may see.
struct World {
    source: Source,
    today: Datetime,
}

impl typst::World for World {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }
    fn main(&self) -> FileId {
        self.source.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() { Ok(self.source.clone()) } else { Err(FileError::AccessDenied) }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// "2026-03-01T10:20:30Z" (or a bare date) as a Typst datetime; the epoch if unreadable.
fn datetime(rfc3339: &str) -> Datetime {
    let num = |r: std::ops::Range<usize>| rfc3339.get(r).and_then(|s| s.parse::<u32>().ok());
    let (y, mo, d) = (num(0..4).unwrap_or(1970), num(5..7).unwrap_or(1), num(8..10).unwrap_or(1));
    let (h, mi, s) = (num(11..13).unwrap_or(0), num(14..16).unwrap_or(0), num(17..19).unwrap_or(0));
    Datetime::from_ymd_hms(y as i32, mo as u8, d as u8, h as u8, mi as u8, s as u8)
        .or_else(|| Datetime::from_ymd_hms(1970, 1, 1, 0, 0, 0))
        .expect("the epoch is a valid date")
}

/// Text as a Typst string literal in markup.
fn lit(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    out.push_str("#\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push_str("\";");
    out
}

/// A string for Typst code (a link target, a property).
fn code_str(text: &str) -> String {
    lit(text).trim_start_matches('#').trim_end_matches(';').to_owned()
}

fn spans(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        let mut t = if s.code { format!("#raw({})", code_str(&s.text)) } else { lit(&s.text) };
        if s.italic {
            t = format!("#emph[{t}]");
        }
        if s.bold {
            t = format!("#strong[{t}]");
        }
        if let Some(url) = &s.link {
            t = format!("#link({})[{t}]", code_str(url));
        }
        out.push_str(&t);
    }
    out
}

/// Page setup, fonts and heading styles shared by documents and redlines.
fn preamble(meta: &Meta, header_right: &str) -> String {
    let date = datetime(&meta.date);
    let (y, m, d) = (date.year().unwrap_or(1970), date.month().unwrap_or(1), date.day().unwrap_or(1));
    let (h, mi, s) = (date.hour().unwrap_or(0), date.minute().unwrap_or(0), date.second().unwrap_or(0));
    format!(
        r##"#set document(title: {title}, author: {author}, date: datetime(year: {y}, month: {m}, day: {d}, hour: {h}, minute: {mi}, second: {s}))
#set page(paper: "a4", margin: (x: 2.3cm, top: 2.7cm, bottom: 2.4cm),
  header: context {{ if here().page() > 1 {{ set text(8.5pt, fill: luma(90)); {title_lit}; h(1fr); {right_lit}; v(-0.5em); line(length: 100%, stroke: 0.4pt + luma(180)) }} }},
  footer: context {{ set text(8.5pt, fill: luma(90)); align(center, counter(page).display("1 / 1", both: true)) }})
#set text(font: "Libertinus Serif", size: 10.5pt, lang: "en")
#set par(justify: true, leading: 0.62em, spacing: 0.95em)
#set heading(numbering: none)
#show heading.where(level: 1): set text(size: 14pt, fill: rgb("#1e3a8a"))
#show heading.where(level: 2): set text(size: 12pt)
#show heading.where(level: 3): set text(size: 11pt)
#show heading: set block(above: 1.4em, below: 0.7em)
#show link: set text(fill: rgb("#1d4ed8"))
#show raw: set text(font: "DejaVu Sans Mono", size: 9pt)
#set table(stroke: 0.4pt + luma(170), inset: 5pt)
"##,
        title = code_str(&meta.title),
        author = code_str(&meta.author),
        title_lit = code_str(&meta.title),
        right_lit = code_str(header_right),
    )
}

fn compile(markup: String, meta: &Meta) -> Result<Vec<u8>> {
    let world = World { source: Source::detached(markup), today: datetime(&meta.date) };
    let compiled = typst::compile::<PagedDocument>(&world).output;
    // Typst memoizes across compilations; an export is one-off, so the cache is dropped
    // rather than left to grow with every export in a long-running app.
    typst::comemo::evict(0);
    let document: PagedDocument = compiled
        .map_err(|errors| Error::Invalid(format!("the PDF could not be typeset: {}", errors.first().map(|e| e.message.as_str()).unwrap_or("unknown error"))))?;
    let standards = typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
        .map_err(|e| Error::Invalid(format!("PDF/A: {}", e.message())))?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(meta.title.clone()),
        creator: typst::foundations::Smart::Custom(Some("Clausewright".into())),
        timestamp: Some(typst_pdf::Timestamp::new_utc(datetime(&meta.date))),
        standards,
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options)
        .map_err(|errors| Error::Invalid(format!("the PDF could not be written: {}", errors.first().map(|e| e.message.as_str()).unwrap_or("unknown error"))))
}

/// A list item as a hanging-indented line: Typst's own lists need nesting this flat model
/// does not keep.
fn item(depth: u8, marker: &str, content: &str) -> String {
    format!(
        "#pad(left: {:.1}em, grid(columns: (1.4em, 1fr), [{}], [{}]))\n",
        f32::from(depth) * 1.4,
        lit(marker),
        content
    )
}

/// A PDF of the published Markdown of a document.
pub fn document(markdown: &str, meta: &Meta) -> Result<Vec<u8>> {
    let blocks = blocks(markdown);
    // "Effective 2026-01-01", the paragraph under the title, also runs in the header.
    let effective = blocks
        .iter()
        .find_map(|b| if let Block::Paragraph(s) = b { Some(plain(s)) } else { None })
        .filter(|p| p.starts_with("Effective "))
        .unwrap_or_default();
    let mut out = preamble(meta, &effective);
    let mut counters: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
    let mut toc_done = false;
    for block in &blocks {
        match block {
            Block::Title(t) => {
                let _ = writeln!(out, "#text(size: 22pt, weight: \"bold\")[{}]\n", lit(t));
            }
            Block::Heading { level, text } => {
                if !toc_done && *level == 1 {
                    out.push_str("#outline(title: [Contents], depth: 1)\n#v(0.6em)\n");
                    toc_done = true;
                }
                let _ = writeln!(out, "#heading(level: {level})[{}]\n", lit(text));
            }
            Block::Paragraph(s) => {
                let _ = writeln!(out, "{}\n", spans(s));
            }
            Block::Quote(s) => {
                let _ = writeln!(out, "#quote(block: true)[{}]\n", spans(s));
            }
            Block::Item { ordered, list, depth, spans: s } => {
                let marker = match ordered {
                    Some(start) => {
                        let n = counters.entry(*list).or_insert(*start);
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    None => if depth % 2 == 0 { "•" } else { "◦" }.to_owned(),
                };
                out.push_str(&item(*depth, &marker, &spans(s)));
            }
            Block::Table(rows) => {
                let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
                let _ = write!(out, "#table(columns: {cols},");
                for (i, row) in rows.iter().enumerate() {
                    let cells: Vec<String> = (0..cols).map(|c| format!("[{}]", row.get(c).map(|s| spans(s)).unwrap_or_default())).collect();
                    if i == 0 {
                        let _ = write!(out, " table.header({}),", cells.iter().map(|c| format!("strong{c}")).collect::<Vec<_>>().join(", "));
                    } else {
                        let _ = write!(out, " {},", cells.join(", "));
                    }
                }
                out.push_str(")\n\n");
            }
            Block::Rule => out.push_str("#line(length: 100%, stroke: 0.4pt + luma(180))\n\n"),
        }
    }
    compile(out, meta)
}

/// An inline redline: deletions struck through in red, insertions underlined in green, and a
/// summary of the changes on the first page.
pub fn redline(c: &Comparison, sides: &RedlineSides) -> Result<Vec<u8>> {
    let title = format!("Redline: {} → {}", sides.old_name, sides.new_name);
    let meta = Meta { title: title.clone(), ..sides.meta.clone() };
    let mut out = preamble(&meta, &format!("{} · {}", sides.meta.author, &sides.meta.date.get(..10).unwrap_or("")));
    let _ = writeln!(out, "#text(size: 20pt, weight: \"bold\")[{}]\n", lit("Redline"));
    let _ = writeln!(out, "{} #sym.arrow.r {}\n", lit(&sides.old_name), lit(&sides.new_name));
    let s = &c.stats;
    let _ = writeln!(
        out,
        "#block(fill: luma(244), inset: 10pt, radius: 4pt, width: 100%)[#strong[{}] \\\n{} \\\n{} \\\n{}]\n",
        lit("Summary of changes"),
        lit(&c.summary()),
        lit(&format!(
            "{} words added, {} removed; {} sections changed, {} added, {} removed, {} moved.",
            s.words_added, s.words_removed, s.sections_changed, s.sections_added, s.sections_removed, s.sections_moved
        )),
        lit(&format!("Changes by {} on {}. Deleted text is struck through in red; inserted text is underlined in green; text whose formatting alone changed is underlined in dotted violet.", sides.meta.author, sides.meta.date))
    );
    let runs = |runs: &[Run]| {
        let mut content = String::new();
        for r in runs {
            let f = &r.format;
            let mut t = if f.code { format!("#raw({})", code_str(&r.text)) } else { lit(&r.text) };
            for (on, func) in [(f.strike, "strike"), (f.italic, "emph"), (f.bold, "strong")] {
                if on {
                    t = format!("#{func}[{t}]");
                }
            }
            if let Some(url) = f.link.as_deref().and_then(super::markdown::safe_link) {
                t = format!("#link({})[{t}]", code_str(&url));
            }
            if r.was.is_some() {
                // Formatting changed: a dotted violet underline, as the note under the summary says.
                t = format!("#underline(stroke: (paint: rgb(\"#7c3aed\"), dash: \"dotted\"))[{t}]");
            }
            match r.op {
                OpKind::Equal => content.push_str(&t),
                OpKind::Delete => {
                    let _ = write!(content, "#text(fill: rgb(\"#b91c1c\"))[#strike[{t}]]");
                }
                OpKind::Insert => {
                    let _ = write!(content, "#text(fill: rgb(\"#15803d\"))[#underline[{t}]]");
                }
            }
        }
        content
    };
    for piece in items(c) {
        let line = match piece {
            Shown::Line(line) => line,
            Shown::Table { rows } => {
                let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(1).max(1);
                let _ = write!(out, "#table(columns: {cols},");
                for r in &rows {
                    // A whole row inserted or deleted is shaded as well as marked.
                    let fill = match r.kind {
                        OpKind::Insert => "rgb(\"#ecfdf3\")",
                        OpKind::Delete => "rgb(\"#fef2f2\")",
                        OpKind::Equal => "none",
                    };
                    for c in 0..cols {
                        let content = r.cells.get(c).map(|c| runs(c)).unwrap_or_default();
                        let content = if r.header { format!("#strong[{content}]") } else { content };
                        let _ = write!(out, " table.cell(fill: {fill})[{content}],");
                    }
                }
                out.push_str(")\n\n");
                continue;
            }
        };
        let mut content = runs(&line.runs);
        if line.reformatted {
            let _ = write!(content, " #text(size: 8pt, fill: rgb(\"#7c3aed\"))[{}]", lit("(formatting changed)"));
        }
        match line.style {
            LineStyle::Title => {
                let _ = writeln!(out, "#text(size: 16pt, weight: \"bold\")[{content}]\n");
            }
            LineStyle::Heading { level } => {
                let _ = writeln!(out, "#heading(level: {level})[{content}]\n");
            }
            LineStyle::Bullet { depth } => out.push_str(&item(depth, if depth % 2 == 0 { "•" } else { "◦" }, &content)),
            LineStyle::Numbered { depth } => {
                let _ = writeln!(out, "#pad(left: {:.1}em)[{content}]\n", f32::from(depth + 1) * 1.4);
            }
            LineStyle::Quote => {
                let _ = writeln!(out, "#pad(left: 1.4em)[#emph[{content}]]\n");
            }
            LineStyle::Body | LineStyle::Code => {
                let _ = writeln!(out, "{content}\n");
            }
        }
    }
    let comments = super::comments::listing(&super::comments::threads(&sides.meta.comments));
    if !comments.is_empty() {
        let _ = writeln!(out, "#heading(level: 1)[{}]\n", lit("Comments"));
        for (k, line) in comments.iter().enumerate() {
            let _ = writeln!(out, "{}. {}\n", k + 1, lit(line));
        }
    }
    compile(out, &meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_typst_code() {
        assert_eq!(lit("a\"b\\c #set page(width: 1pt)"), "#\"a\\\"b\\\\c #set page(width: 1pt)\";");
        assert_eq!(code_str("https://x.example/?a=\"1\""), "\"https://x.example/?a=\\\"1\\\"\"");
    }
}
