//! A document as plain text, readable in an email.

use super::markdown::document_markdown;
use crate::domain::Document;
use crate::library::Library;
use crate::render::markdown_options;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The whole document as plain text, readable in an email: numbered headings, `-` bullets,
/// tables as aligned rows, links as "text (url)", wrapped at 78 columns.
pub fn document_text(doc: &Document, lib: &Library) -> String {
    let md = document_markdown(doc, lib);
    let mut out = String::new();
    let mut line = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut link: Option<String> = None;
    let flush = |out: &mut String, line: &mut String, indent: usize| {
        if !line.trim().is_empty() {
            out.push_str(&wrap(line.trim(), 78, indent));
            out.push('\n');
        }
        line.clear();
    };
    for event in Parser::new_ext(&md, markdown_options()) {
        match event {
            Event::Start(Tag::Heading { .. }) | Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Heading(level)) => {
                let underline = if level == HeadingLevel::H1 { '=' } else { '-' };
                let text = line.trim().to_owned();
                line.clear();
                if level <= HeadingLevel::H2 {
                    out.push_str(&format!("\n{text}\n{}\n\n", underline.to_string().repeat(text.chars().count())));
                } else {
                    out.push_str(&format!("{text}\n\n"));
                }
            }
            Event::End(TagEnd::Paragraph) => {
                let indent = lists.len() * 2;
                flush(&mut out, &mut line, indent);
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut out, &mut line, lists.len() * 2);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut out, &mut line, lists.len() * 2);
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut line, lists.len() * 2);
                let depth = lists.len().saturating_sub(1);
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".into(),
                };
                line.push_str(&format!("{}{marker}", "  ".repeat(depth)));
            }
            Event::End(TagEnd::Item) => flush(&mut out, &mut line, lists.len() * 2),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = link.take() {
                    let bare = url.strip_prefix("mailto:").unwrap_or(&url);
                    if !line.ends_with(bare) {
                        line.push_str(&format!(" ({bare})"));
                    }
                }
            }
            Event::End(TagEnd::TableCell) => {
                row.push(std::mem::take(&mut line).trim().to_owned());
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => table.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => {
                out.push_str(&layout_table(&std::mem::take(&mut table)));
                out.push('\n');
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => line.push_str(&t),
            Event::SoftBreak | Event::HardBreak => line.push(' '),
            Event::Rule => out.push_str(&format!("{}\n\n", "-".repeat(40))),
            _ => {}
        }
    }
    flush(&mut out, &mut line, 0);
    out.trim().to_owned() + "\n"
}

fn wrap(text: &str, width: usize, indent: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.join(&format!("\n{}", " ".repeat(indent)))
}

/// Lays out a table as rows of columns separated by two spaces; the header is underlined.
fn layout_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..columns).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count().min(40)).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..columns)
            .map(|c| {
                let s = r.get(c).map_or("", String::as_str);
                format!("{s:<w$}", w = widths[c])
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
            out.push('\n');
        }
    }
    out
}
