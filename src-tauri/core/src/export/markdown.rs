//! The published Markdown of a document: written here (the Markdown export, and the source of
//! the text, Word and PDF exports), and read back as blocks for the writers that lay text out
//! themselves (Word, PDF). `# ` is the title, `## ` a section (Heading 1), `### ` and deeper
//! the headings inside a section.

use crate::domain::{Document, Value};
use crate::library::Library;
use crate::render::{escape_markdown, fill, markdown_options};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The whole document as Markdown, as it will be published: title, effective date, numbered
/// headings (sub-headings numbered 2.1, 2.1.1), profile values filled in.
pub fn document_markdown(doc: &Document, lib: &Library) -> String {
    let mut out = format!("# {}\n\n", doc.title.trim());
    if let Some(Value::Text(d)) = doc.profile.get("effective_date") {
        out.push_str(&format!("Effective {}\n\n", escape_markdown(d)));
    }
    for (s, place) in doc.sections.iter().zip(crate::render::outline(&doc.sections)) {
        let n = &place.number;
        // Beneath a part, a section is `### 2.1` and its own headings one level deeper.
        let (hashes, sub) = match place.level {
            1 => {
                out.push_str(&format!("## {n}. {}\n\n", s.heading.trim()));
                ("###", "####")
            }
            _ => {
                out.push_str(&format!("### {n} {}\n\n", s.heading.trim()));
                ("####", "#####")
            }
        };
        if place.part {
            continue;
        }
        let filled = fill(&s.body, &doc.profile, lib);
        let mut counters = [0u32; 2];
        for line in filled.lines() {
            let level = line.chars().take_while(|c| *c == '#').count();
            let is_heading = level > 0 && line[level..].starts_with(' ');
            if is_heading {
                let text = line[level..].trim();
                if level <= 3 {
                    counters[0] += 1;
                    counters[1] = 0;
                    out.push_str(&format!("{hashes} {n}.{} {text}\n", counters[0]));
                } else {
                    counters[1] += 1;
                    out.push_str(&format!("{sub} {n}.{}.{} {text}\n", counters[0], counters[1]));
                }
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out.trim_end().to_owned() + "\n"
}

/// A run of text with one formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    /// Only web and mail links; anything else is kept as plain text.
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    /// Level 1 is a section, 2 and 3 headings inside it.
    Heading { level: u8, text: String },
    Paragraph(Vec<Span>),
    /// A list item; `list` numbers the lists in the document, so numbering restarts per list.
    Item { ordered: Option<u64>, list: usize, depth: u8, spans: Vec<Span> },
    /// Rows of cells; the first row is the header.
    Table(Vec<Vec<Vec<Span>>>),
    Quote(Vec<Span>),
    Rule,
}

/// Joins spans into plain text.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

fn safe_link(url: &str) -> Option<String> {
    let lower = url.trim().to_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")).then(|| url.trim().to_owned())
}

pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut link: Option<String> = None;
    let mut heading: Option<HeadingLevel> = None;
    // Open lists: (ordered start, list number).
    let mut lists: Vec<(Option<u64>, usize)> = Vec::new();
    let mut list_count = 0usize;
    let mut in_item = false;
    let mut quote = 0u32;
    let mut table: Option<Vec<Vec<Vec<Span>>>> = None;
    let mut in_cell = false;
    let push = |spans: &mut Vec<Span>, text: &str, code: bool, bold: u32, italic: u32, link: &Option<String>| {
        let span = Span { text: text.to_owned(), bold: bold > 0, italic: italic > 0, code, link: link.clone() };
        match spans.last_mut() {
            Some(last) if last.bold == span.bold && last.italic == span.italic && last.code == code && last.link == span.link => {
                last.text.push_str(text)
            }
            _ => spans.push(span),
        }
    };
    // Ends the current text block (a paragraph, an item's text).
    let flush = |spans: &mut Vec<Span>, out: &mut Vec<Block>, lists: &[(Option<u64>, usize)], in_item: bool, quote: u32| {
        if spans.iter().all(|s| s.text.trim().is_empty()) {
            spans.clear();
            return;
        }
        let taken = std::mem::take(spans);
        if in_item && !lists.is_empty() {
            let (ordered, list) = lists[lists.len() - 1];
            out.push(Block::Item { ordered, list, depth: (lists.len() - 1).min(8) as u8, spans: taken });
        } else if quote > 0 {
            out.push(Block::Quote(taken));
        } else {
            out.push(Block::Paragraph(taken));
        }
    };
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut spans, &mut out, &lists, in_item, quote);
                heading = Some(level);
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = plain(&std::mem::take(&mut spans)).trim().to_owned();
                match heading.take() {
                    Some(HeadingLevel::H1) => out.push(Block::Title(text)),
                    Some(HeadingLevel::H2) => out.push(Block::Heading { level: 1, text }),
                    Some(HeadingLevel::H3) => out.push(Block::Heading { level: 2, text }),
                    _ => out.push(Block::Heading { level: 3, text }),
                }
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) if !in_cell => flush(&mut spans, &mut out, &lists, in_item, quote),
            Event::Start(Tag::List(start)) => {
                flush(&mut spans, &mut out, &lists, in_item, quote);
                list_count += 1;
                lists.push((start, list_count));
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut spans, &mut out, &lists, in_item, quote);
                lists.pop();
                in_item = !lists.is_empty();
            }
            Event::Start(Tag::Item) => {
                flush(&mut spans, &mut out, &lists, in_item, quote);
                in_item = true;
            }
            Event::End(TagEnd::Item) => flush(&mut spans, &mut out, &lists, in_item, quote),
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut spans, &mut out, &lists, in_item, quote);
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut spans, &mut out, &lists, in_item, quote);
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => link = safe_link(&dest_url),
            Event::End(TagEnd::Link) => link = None,
            Event::Start(Tag::Table(_)) => {
                flush(&mut spans, &mut out, &lists, in_item, quote);
                table = Some(Vec::new());
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => in_cell = true,
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                if let Some(row) = table.as_mut().and_then(|t| t.last_mut()) {
                    row.push(std::mem::take(&mut spans));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    out.push(Block::Table(t));
                }
            }
            Event::Text(t) => push(&mut spans, &t, false, bold, italic, &link),
            Event::Code(t) => push(&mut spans, &t, true, bold, italic, &link),
            // Raw HTML is never carried into an export; its text is kept.
            Event::Html(t) | Event::InlineHtml(t) => {
                let text = crate::render::sanitize(&t);
                let stripped = scraper::Html::parse_fragment(&text).root_element().text().collect::<String>();
                push(&mut spans, &stripped, false, bold, italic, &link);
            }
            Event::SoftBreak | Event::HardBreak => push(&mut spans, " ", false, bold, italic, &link),
            Event::Rule => {
                flush(&mut spans, &mut out, &lists, in_item, quote);
                out.push(Block::Rule);
            }
            _ => {}
        }
    }
    flush(&mut spans, &mut out, &lists, in_item, quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_markdown_becomes_blocks() {
        let md = "# Policy\n\nEffective 2026-01-01\n\n## 1. Scope\n\nWe **care** about [this](https://a.example) and [that](javascript:x).\n\n### 1.1 Data\n\n- one\n- two\n  1. inner\n\n| A | B |\n|---|---|\n| x | y |\n";
        let b = blocks(md);
        assert_eq!(b[0], Block::Title("Policy".into()));
        assert_eq!(b[2], Block::Heading { level: 1, text: "1. Scope".into() });
        let Block::Paragraph(spans) = &b[3] else { panic!("{:?}", b[3]) };
        assert!(spans.iter().any(|s| s.bold && s.text == "care"));
        assert!(spans.iter().any(|s| s.link.as_deref() == Some("https://a.example")));
        assert!(spans.iter().all(|s| s.link.as_deref() != Some("javascript:x")));
        assert_eq!(b[4], Block::Heading { level: 2, text: "1.1 Data".into() });
        assert!(matches!(&b[5], Block::Item { ordered: None, depth: 0, .. }));
        assert!(matches!(&b[7], Block::Item { ordered: Some(1), depth: 1, .. }));
        let Block::Table(rows) = &b[8] else { panic!("{:?}", b[8]) };
        assert_eq!(rows.len(), 2);
        assert_eq!(plain(&rows[1][1]), "y");
    }
}
