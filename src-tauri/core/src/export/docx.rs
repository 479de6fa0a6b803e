//! Word files with real structure: Title and Heading 1–3 styles (so the navigation pane and a
//! table of contents work), numbered and bulleted lists, tables, hyperlinks, and the title,
//! author and dates in the document properties.

use super::comments::{self, Place};
use super::markdown::{Block, Span, blocks, plain};
use super::{Meta, xml};
use crate::error::{Error, Result};
use docx_rs::{
    AbstractNumbering, Docx, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc, LevelOverride, LevelText, LineSpacing, NumberFormat,
    Numbering, NumberingId, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableRow,
};

/// docx-rs always writes a decimal list as abstract and instance 1, which Word and LibreOffice
/// take over any later id 1: ours start at 2.
pub(super) const BULLETS: usize = 3;
const NUMBERS: usize = 2;
/// Numbering instances for ordered lists start here, one per list so each restarts at 1.
const FIRST_LIST_NUM: usize = 10;

/// The styles every Clausewright Word file has.
pub(super) fn base(meta: &Meta) -> Docx {
    let heading = |id: &str, name: &str, size: usize, outline: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .outline_lvl(outline)
            .line_spacing(LineSpacing::new().before(240).after(80))
    };
    let mut bullets = AbstractNumbering::new(BULLETS);
    let mut numbers = AbstractNumbering::new(NUMBERS);
    for level in 0..6 {
        let indent = Some(720 * (level as i32 + 1));
        bullets = bullets.add_level(
            Level::new(level, Start::new(1), NumberFormat::new("bullet"), LevelText::new(if level % 2 == 0 { "•" } else { "◦" }), LevelJc::new("left"))
                .indent(indent, Some(SpecialIndentType::Hanging(360)), None, None),
        );
        numbers = numbers.add_level(
            Level::new(level, Start::new(1), NumberFormat::new(if level % 2 == 0 { "decimal" } else { "lowerLetter" }), LevelText::new(format!("%{}.", level + 1)), LevelJc::new("left"))
                .indent(indent, Some(SpecialIndentType::Hanging(360)), None, None),
        );
    }
    Docx::new()
        .default_fonts(RunFonts::new().ascii("Georgia").hi_ansi("Georgia").cs("Georgia"))
        .default_size(22)
        // Space after each paragraph, as Word's own Normal has; list items sit closer.
        .add_style(Style::new("Normal", StyleType::Paragraph).name("Normal").line_spacing(LineSpacing::new().after(120)))
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").based_on("Normal").next("Normal").size(44).bold())
        .add_style(heading("Heading1", "heading 1", 32, 0))
        .add_style(heading("Heading2", "heading 2", 26, 1))
        .add_style(heading("Heading3", "heading 3", 24, 2))
        .add_style(Style::new("Quote", StyleType::Paragraph).name("Quote").based_on("Normal").italic())
        .add_style(Style::new("Hyperlink", StyleType::Character).name("Hyperlink").color("1D4ED8").underline("single"))
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(numbers)
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .created_at(&meta.date)
        .updated_at(&meta.date)
}

/// Runs for spans, with links as real hyperlinks.
pub(super) fn add_spans(mut p: Paragraph, spans: &[Span]) -> Paragraph {
    for s in spans {
        let mut run = Run::new().add_text(s.text.clone());
        if s.bold {
            run = run.bold();
        }
        if s.italic {
            run = run.italic();
        }
        if s.code {
            run = run.fonts(RunFonts::new().ascii("Consolas").hi_ansi("Consolas"));
        }
        p = match &s.link {
            Some(url) => p.add_hyperlink(Hyperlink::new(url.clone(), HyperlinkType::External).add_run(run.style("Hyperlink"))),
            None => p.add_run(run),
        };
    }
    p
}

/// A Word file for the published Markdown of a document.
pub fn document(markdown: &str, meta: &Meta) -> Result<Vec<u8>> {
    let mut docx = base(meta);
    let mut numbered_lists: Vec<usize> = Vec::new();
    let blocks = blocks(markdown);
    let places: Vec<Place> = blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } => Place::Heading(text.clone()),
            Block::Paragraph(spans) | Block::Quote(spans) | Block::Item { spans, .. } => Place::Text(plain(spans)),
            _ => Place::Other,
        })
        .collect();
    let threads = comments::threads(&meta.comments);
    let placed = comments::place(&places, &threads);
    let mut next = 0;
    for (k, block) in blocks.into_iter().enumerate() {
        // A paragraph with the comments placed on it around its runs.
        let mut commented = |p: Paragraph, fill: &dyn Fn(Paragraph) -> Paragraph| {
            let word = placed[k].iter().flat_map(|t| comments::word(t, &mut next)).collect();
            let (p, ids) = comments::start(p, word);
            comments::end(fill(p), &ids)
        };
        docx = match block {
            Block::Title(t) => docx.add_paragraph(Paragraph::new().style("Title").add_run(Run::new().add_text(t))),
            Block::Heading { level, text } => {
                docx.add_paragraph(commented(Paragraph::new().style(&format!("Heading{level}")).keep_next(true), &|p| p.add_run(Run::new().add_text(text.clone()))))
            }
            Block::Paragraph(spans) => docx.add_paragraph(commented(Paragraph::new(), &|p| add_spans(p, &spans))),
            Block::Quote(spans) => docx.add_paragraph(commented(Paragraph::new().style("Quote"), &|p| add_spans(p, &spans))),
            Block::Item { ordered, list, depth, spans } => {
                let num = match ordered {
                    None => BULLETS,
                    Some(start) => {
                        let id = FIRST_LIST_NUM + list;
                        if !numbered_lists.contains(&id) {
                            numbered_lists.push(id);
                            docx = docx.add_numbering(Numbering::new(id, NUMBERS).add_override(LevelOverride::new(0).start(start as usize)));
                        }
                        id
                    }
                };
                let item = Paragraph::new().numbering(NumberingId::new(num), IndentLevel::new(depth as usize)).line_spacing(LineSpacing::new().after(40));
                docx.add_paragraph(commented(item, &|p| add_spans(p, &spans)))
            }
            Block::Table(rows) => {
                let rows = rows
                    .iter()
                    .enumerate()
                    .map(|(i, row)| {
                        TableRow::new(
                            row.iter()
                                .map(|cell| {
                                    let mut spans = cell.clone();
                                    if i == 0 {
                                        spans.iter_mut().for_each(|s| s.bold = true);
                                    }
                                    TableCell::new().add_paragraph(add_spans(Paragraph::new(), &spans))
                                })
                                .collect(),
                        )
                    })
                    .collect();
                docx.add_table(Table::new(rows))
            }
            Block::Rule => docx.add_paragraph(Paragraph::new()),
        };
    }
    pack(docx, meta)
}

/// Packs a Word file with its core properties (title, author, dates) written here, since
/// docx-rs only sets the dates.
pub(super) fn pack(docx: Docx, meta: &Meta) -> Result<Vec<u8>> {
    let mut parts = docx.build();
    let (title, author, date) = (xml::escape(&meta.title), xml::escape(&meta.author), xml::escape(&meta.date));
    parts.doc_props.core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>"#
    )
    .into_bytes();
    let ids = link_ids(&parts.document);
    parts.document = renumber_revisions(&renumber_links(&parts.document, &ids));
    parts.document_rels = sorted_relationships(&renumber_links(&parts.document_rels, &ids));
    let mut out = std::io::Cursor::new(Vec::new());
    parts.pack(&mut out).map_err(|e| Error::Invalid(format!("the Word file could not be written: {e}")))?;
    Ok(out.into_inner())
}

/// docx-rs numbers tracked changes from a process-wide counter; numbered in document order
/// instead (each `w:id` stays unique), the same redline always gives the same bytes. Comment
/// ranges keep their comments' ids.
fn renumber_revisions(xml: &[u8]) -> Vec<u8> {
    const ATTR: &str = "w:id=\"";
    let text = String::from_utf8_lossy(xml);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    let mut n = 0;
    while let Some(at) = rest.find(ATTR) {
        let start = at + ATTR.len();
        let digits = rest[start..].chars().take_while(char::is_ascii_digit).count();
        out.push_str(&rest[..start]);
        // Comment ids tie a range to its comment: they stay as written.
        let tag = rest[..at].rfind('<').map_or("", |lt| &rest[lt..at]);
        if tag.starts_with("<w:comment") {
            out.push_str(&rest[start..start + digits]);
        } else if digits > 0 {
            n += 1;
            out.push_str(&n.to_string());
        }
        rest = &rest[start + digits..];
    }
    out.push_str(rest);
    out.into_bytes()
}

const LINK_ID: &str = "rIdHyperlink";

/// The hyperlink ids docx-rs drew from a process-wide counter, in document order.
fn link_ids(document: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(document);
    let mut ids: Vec<String> = Vec::new();
    for (at, _) in text.match_indices(LINK_ID) {
        let digits: String = text[at + LINK_ID.len()..].chars().take_while(char::is_ascii_digit).collect();
        let id = format!("{LINK_ID}{digits}");
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Each hyperlink id becomes its place in the document ("rIdLink1", "rIdLink2", …), so the
/// same document always gives the same bytes.
fn renumber_links(xml: &[u8], ids: &[String]) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find(LINK_ID) {
        out.push_str(&rest[..at]);
        let digits: String = rest[at + LINK_ID.len()..].chars().take_while(char::is_ascii_digit).collect();
        let id = format!("{LINK_ID}{digits}");
        match ids.iter().position(|i| *i == id) {
            Some(n) => out.push_str(&format!("rIdLink{}", n + 1)),
            None => out.push_str(&id),
        }
        rest = &rest[at + id.len()..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// docx-rs writes hyperlink relationships in hash order; sorted, the same document always
/// gives the same bytes.
fn sorted_relationships(xml: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let (Some(first), Some(end)) = (text.find("<Relationship "), text.rfind("</Relationships>")) else { return xml.to_vec() };
    let mut items: Vec<&str> = text[first..end].split_inclusive("/>").filter(|s| !s.trim().is_empty()).collect();
    items.sort();
    format!("{}{}{}", &text[..first], items.concat(), &text[end..]).into_bytes()
}
