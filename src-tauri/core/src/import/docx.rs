//! Word (.docx) to Markdown for import. A .docx is a zip of XML parts; this reads only the four
//! it needs, through caps, and never trusts the sizes the zip declares (security I1). The XML is
//! parsed without a DTD: a DOCTYPE or an undeclared entity is refused, and nesting is bounded
//! (security I2). Nothing is unpacked to disk.
//!
//! Heading styles (Title, Heading 1–3, or any style with an outline level) become Markdown
//! headings; a file with no heading styles has its short, bold, numbered paragraphs taken as
//! headings. Lists, tables, links, bold and italic are kept.

use crate::error::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;

/// A .docx above this is refused before it is opened.
pub const MAX_ZIPPED: usize = 20 * 1024 * 1024;
/// A .docx with more entries than this is refused (a policy has a few dozen).
pub const MAX_ENTRIES: usize = 1000;
/// No XML part may unpack to more than this, and the parts read may not add up to more than
/// [`MAX_UNPACKED`].
const MAX_PART: u64 = 16 * 1024 * 1024;
const MAX_UNPACKED: u64 = 40 * 1024 * 1024;
/// Deeper XML than this is refused.
const MAX_DEPTH: usize = 256;

/// Markdown for a .docx file's bytes, and warnings about what was not carried over.
pub fn to_markdown(name: &str, bytes: &[u8]) -> Result<(String, Vec<String>)> {
    if bytes.len() > MAX_ZIPPED {
        return Err(Error::Invalid(format!("{name} is {} MB; Word files above 20 MB are not imported", bytes.len() / (1024 * 1024))));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Error::Invalid(format!("{name} is an old Word 97–2003 file; open it in Word and save it as .docx")));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::Invalid(format!("{name} is not a Word file: it is not a readable zip archive ({e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(Error::Invalid(format!("{name} has {} entries inside; a Word file with more than {MAX_ENTRIES} is refused", zip.len())));
    }
    let mut budget = MAX_UNPACKED;
    let mut part = |path: &str| -> Result<Option<String>> { read_part(name, &mut zip, path, &mut budget) };
    let document = part("word/document.xml")?
        .ok_or_else(|| Error::Invalid(format!("{name} is not a Word document: it has no word/document.xml")))?;
    let styles = part("word/styles.xml")?.map(|x| parse_styles(name, &x)).transpose()?.unwrap_or_default();
    let numbering = part("word/numbering.xml")?.map(|x| parse_numbering(name, &x)).transpose()?.unwrap_or_default();
    let links = part("word/_rels/document.xml.rels")?.map(|x| parse_links(name, &x)).transpose()?.unwrap_or_default();
    let mut warnings = Vec::new();
    let blocks = parse_document(name, &document, &styles, &numbering, &links, &mut warnings)?;
    Ok((blocks_to_markdown(&blocks), warnings))
}

/// Reads one entry through a cap. `None` when the entry does not exist.
fn read_part(name: &str, zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, path: &str, budget: &mut u64) -> Result<Option<String>> {
    let entry = match zip.by_name(path) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(Error::Invalid(format!("{name}: cannot read {path} inside the file ({e})"))),
    };
    let cap = MAX_PART.min(*budget);
    let mut buf = Vec::new();
    entry
        .take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::Invalid(format!("{name}: {path} inside the file is damaged ({e})")))?;
    if buf.len() as u64 > cap {
        return Err(Error::Invalid(format!(
            "{name}: {path} unpacks to more than {} MB; the file looks like a zip bomb and is refused",
            cap / (1024 * 1024)
        )));
    }
    *budget -= buf.len() as u64;
    String::from_utf8(buf).map(Some).map_err(|_| Error::Invalid(format!("{name}: {path} inside the file is not UTF-8 XML")))
}

/// Walks an XML part, refusing a DTD, undeclared entities and deep nesting, and hands each
/// event to `f` with the current depth.
fn walk(name: &str, part: &str, xml: &str, mut f: impl FnMut(&XmlEvent<'_>)) -> Result<()> {
    let bad = |what: String| Error::Invalid(format!("{name}: {part} {what}; the file is refused"));
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event().map_err(|e| bad(format!("is not well-formed XML ({e})")))? {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(bad(format!("nests deeper than {MAX_DEPTH} levels")));
                }
                f(&XmlEvent::Start(&e));
            }
            Event::Empty(e) => {
                f(&XmlEvent::Start(&e));
                f(&XmlEvent::End(local(e.name().as_ref())));
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                f(&XmlEvent::End(local(e.name().as_ref())));
            }
            Event::Text(t) => f(&XmlEvent::Text(&t.decode().map_err(|e| bad(format!("has badly encoded text ({e})")))?)),
            Event::CData(t) => f(&XmlEvent::Text(&String::from_utf8_lossy(&t))),
            Event::GeneralRef(r) => {
                let entity = r.decode().map_err(|e| bad(format!("has a bad entity ({e})")))?;
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&entity) {
                        Some(s) => s.to_owned(),
                        None => return Err(bad(format!("uses the undeclared entity &{entity};"))),
                    },
                    Err(_) => return Err(bad(format!("has a bad character reference &{entity};"))),
                };
                f(&XmlEvent::Text(&text));
            }
            Event::DocType(_) => return Err(bad("declares a DOCTYPE (entities and external references are not allowed)".into())),
            Event::Eof => return Ok(()),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
}

enum XmlEvent<'a> {
    Start(&'a BytesStart<'a>),
    End(&'a [u8]),
    Text(&'a str),
}

/// "w:p" -> "p".
fn local(qname: &[u8]) -> &[u8] {
    qname.iter().position(|b| *b == b':').map_or(qname, |i| &qname[i + 1..])
}

/// An attribute by local name ("w:val" and "val" both match "val"), unescaped.
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| local(a.key.as_ref()) == key).map(|a| {
        let raw = String::from_utf8_lossy(&a.value).into_owned();
        quick_xml::escape::unescape(&raw).map(|s| s.into_owned()).unwrap_or(raw)
    })
}

/// Style id -> heading level (0 for Title).
fn parse_styles(name: &str, xml: &str) -> Result<HashMap<String, u8>> {
    struct Style {
        name: String,
        outline: Option<u8>,
        based_on: Option<String>,
    }
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut current: Option<String> = None;
    walk(name, "word/styles.xml", xml, |ev| match ev {
        XmlEvent::Start(e) => match local(e.name().as_ref()) {
            b"style" => {
                current = attr(e, b"styleId");
                if let Some(id) = &current {
                    styles.insert(id.clone(), Style { name: String::new(), outline: None, based_on: None });
                }
            }
            tag @ (b"name" | b"basedOn" | b"outlineLvl") => {
                if let Some(s) = current.as_ref().and_then(|id| styles.get_mut(id)) {
                    let val = attr(e, b"val").unwrap_or_default();
                    match tag {
                        b"name" => s.name = val.to_lowercase(),
                        b"basedOn" => s.based_on = Some(val),
                        _ => s.outline = val.parse::<u8>().ok().filter(|l| *l < 9).map(|l| l + 1),
                    }
                }
            }
            _ => {}
        },
        XmlEvent::End(b"style") => current = None,
        _ => {}
    })?;
    let own_level = |s: &Style| -> Option<u8> {
        if s.name == "title" {
            return Some(0);
        }
        s.name.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok()).or(s.outline)
    };
    let mut levels = HashMap::new();
    for (id, style) in &styles {
        // Follow basedOn a few steps: "Policy Heading" based on "Heading 1" is a heading.
        let mut s = Some(style);
        for _ in 0..8 {
            let Some(cur) = s else { break };
            if let Some(l) = own_level(cur) {
                levels.insert(id.clone(), l);
                break;
            }
            s = cur.based_on.as_ref().and_then(|b| styles.get(b));
        }
    }
    Ok(levels)
}

/// (numId, level) -> is it a bullet list?
fn parse_numbering(name: &str, xml: &str) -> Result<HashMap<(String, u8), bool>> {
    let mut abstract_fmt: HashMap<(String, u8), bool> = HashMap::new();
    let mut num_to_abstract: HashMap<String, String> = HashMap::new();
    let (mut abs, mut lvl, mut num): (Option<String>, u8, Option<String>) = (None, 0, None);
    walk(name, "word/numbering.xml", xml, |ev| match ev {
        XmlEvent::Start(e) => match local(e.name().as_ref()) {
            b"abstractNum" => abs = attr(e, b"abstractNumId"),
            b"lvl" => lvl = attr(e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
            b"numFmt" => {
                if let Some(a) = &abs {
                    abstract_fmt.insert((a.clone(), lvl), attr(e, b"val").as_deref() == Some("bullet"));
                }
            }
            b"num" => num = attr(e, b"numId"),
            b"abstractNumId" => {
                if let (Some(n), Some(v)) = (&num, attr(e, b"val")) {
                    num_to_abstract.insert(n.clone(), v);
                }
            }
            _ => {}
        },
        XmlEvent::End(b"abstractNum") => abs = None,
        XmlEvent::End(b"num") => num = None,
        _ => {}
    })?;
    let mut out = HashMap::new();
    for (num, abs) in num_to_abstract {
        for ((a, l), bullet) in &abstract_fmt {
            if *a == abs {
                out.insert((num.clone(), *l), *bullet);
            }
        }
    }
    Ok(out)
}

/// Relationship id -> external link target, for web and mail links only.
fn parse_links(name: &str, xml: &str) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    walk(name, "word/_rels/document.xml.rels", xml, |ev| {
        if let XmlEvent::Start(e) = ev
            && local(e.name().as_ref()) == b"Relationship"
            && let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target"))
        {
            let lower = target.to_lowercase();
            if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:") {
                out.insert(id, target);
            }
        }
    })?;
    Ok(out)
}

#[derive(Debug, Default, Clone, PartialEq)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    link: Option<String>,
}

#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    /// (numId, level)
    num: Option<(String, u8)>,
    runs: Vec<Run>,
}

#[derive(Debug)]
enum Block {
    Para { heading: Option<u8>, list: Option<(bool, u8)>, runs: Vec<Run> },
    Table(Vec<Vec<String>>),
}

fn parse_document(
    name: &str,
    xml: &str,
    styles: &HashMap<String, u8>,
    numbering: &HashMap<(String, u8), bool>,
    links: &HashMap<String, String>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    // Open tables, innermost last: rows of cells; the cell being filled is the last one.
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut para: Option<Para> = None;
    let mut run = Run::default();
    let mut in_text = false;
    let mut link: Option<String> = None;
    // Depth inside parts whose text is not content: deleted text, fallbacks, field codes.
    let mut skip = 0usize;
    let mut tracked = false;
    walk(name, "word/document.xml", xml, |ev| match ev {
        XmlEvent::Start(e) => {
            let qname = e.name();
            let tag = local(qname.as_ref());
            if skip > 0 || matches!(tag, b"del" | b"Fallback" | b"instrText" | b"delText" | b"moveFrom") {
                skip += 1;
                tracked |= tag == b"del";
                return;
            }
            match tag {
                b"tbl" => tables.push(Vec::new()),
                b"tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.push(Vec::new());
                    }
                }
                b"tc" => {
                    if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                        row.push(String::new());
                    }
                }
                b"p" => para = Some(Para::default()),
                b"pStyle" => {
                    if let Some(p) = para.as_mut() {
                        p.style = attr(e, b"val");
                    }
                }
                b"ilvl" | b"numId" => {
                    if let Some(p) = para.as_mut() {
                        let val = attr(e, b"val").unwrap_or_default();
                        let num = p.num.get_or_insert((String::new(), 0));
                        if tag == b"ilvl" {
                            num.1 = val.parse().unwrap_or(0);
                        } else {
                            num.0 = val;
                        }
                    }
                }
                b"hyperlink" => link = attr(e, b"id").and_then(|id| links.get(&id).cloned()),
                b"r" => run = Run { link: link.clone(), ..Run::default() },
                b"b" | b"i" => {
                    let on = !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"));
                    if tag == b"b" { run.bold = on } else { run.italic = on }
                }
                b"t" => in_text = true,
                b"tab" | b"br" | b"cr" => run.text.push(' '),
                b"ins" => tracked = true,
                _ => {}
            }
        }
        XmlEvent::End(tag) => {
            if skip > 0 {
                skip -= 1;
                return;
            }
            match *tag {
                b"t" => in_text = false,
                b"r" => {
                    if let Some(p) = para.as_mut() {
                        p.runs.push(std::mem::take(&mut run));
                    }
                }
                b"hyperlink" => link = None,
                b"p" => {
                    let Some(p) = para.take() else { return };
                    let runs = merge_runs(p.runs);
                    if let Some(cell) = tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
                        let text = inline_markdown(&runs);
                        if !text.is_empty() {
                            if !cell.is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(&text);
                        }
                        return;
                    }
                    let num = p.num.filter(|(id, _)| !id.is_empty() && id != "0");
                    let list = num.map(|(id, l)| (numbering.get(&(id, l)).copied().unwrap_or(false), l));
                    let heading = p.style.and_then(|s| styles.get(&s).copied());
                    blocks.push(Block::Para { heading, list, runs });
                }
                b"tbl" => {
                    let Some(rows) = tables.pop() else { return };
                    if let Some(cell) = tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
                        // A table inside a table cell keeps its text.
                        let text: Vec<String> = rows.into_iter().flatten().filter(|c| !c.is_empty()).collect();
                        cell.push_str(&text.join(" "));
                    } else {
                        blocks.push(Block::Table(rows));
                    }
                }
                _ => {}
            }
        }
        XmlEvent::Text(t) => {
            if in_text && skip == 0 {
                run.text.push_str(t);
            }
        }
    })?;
    if tracked {
        warnings.push(format!("{name} has tracked changes: it was read as if all of them were accepted"));
    }
    Ok(blocks)
}

/// Joins neighbouring runs with the same formatting, so "**a****b**" does not happen.
fn merge_runs(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for r in runs.into_iter().filter(|r| !r.text.is_empty()) {
        match out.last_mut() {
            Some(last) if last.bold == r.bold && last.italic == r.italic && last.link == r.link => last.text.push_str(&r.text),
            _ => out.push(r),
        }
    }
    out
}

/// Escapes what Markdown would otherwise read as markup. Lighter than
/// `render::escape_markdown` on purpose: imported text is edited by hand afterwards, so
/// underscores in emails and ampersands stay as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '`' | '[' | ']' | '<' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn inline_markdown(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        // Emphasis marks must hug the words: spaces stay outside them.
        let trimmed = r.text.trim();
        if trimmed.is_empty() {
            out.push_str(&r.text);
            continue;
        }
        let lead = &r.text[..r.text.len() - r.text.trim_start().len()];
        let trail = &r.text[r.text.trim_end().len()..];
        let mut t = escape(trimmed);
        if r.italic {
            t = format!("_{t}_");
        }
        if r.bold {
            t = format!("**{t}**");
        }
        if let Some(url) = &r.link {
            t = format!("[{t}](<{url}>)");
        }
        out.push_str(lead);
        out.push_str(&t);
        out.push_str(trail);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plain(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn blocks_to_markdown(blocks: &[Block]) -> String {
    let mut levels: Vec<u8> = blocks.iter().filter_map(|b| if let Block::Para { heading: Some(l), .. } = b { Some(*l) } else { None }).collect();
    levels.retain(|l| *l > 0);
    // The section level is the highest heading level used more than once (a title styled as
    // Heading 1 above Heading 2 sections does not make every section a sub-heading).
    let repeated = levels.iter().copied().filter(|l| levels.iter().filter(|m| *m == l).count() > 1).min();
    let top = repeated.or_else(|| levels.iter().copied().min());
    let mut out = String::new();
    let mut prev_list = false;
    let mut seen_text = false;
    for block in blocks {
        match block {
            Block::Table(rows) => {
                let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
                if cols == 0 {
                    continue;
                }
                out.push_str(if out.is_empty() { "" } else { "\n" });
                for (i, row) in rows.iter().enumerate() {
                    let cells: Vec<String> = (0..cols).map(|c| row.get(c).cloned().unwrap_or_default()).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    if i == 0 {
                        out.push_str(&format!("|{}\n", " --- |".repeat(cols)));
                    }
                }
                prev_list = false;
                seen_text = true;
            }
            Block::Para { heading, list, runs } => {
                let text = inline_markdown(runs);
                if text.is_empty() {
                    continue;
                }
                let bold_only = runs.iter().all(|r| r.bold || r.text.trim().is_empty());
                let short = plain(runs).split_whitespace().count() <= 12;
                let line = match (heading, top) {
                    (Some(l), Some(top)) if *l == 0 || *l < top => format!("# {}", plain(runs)),
                    (Some(l), Some(top)) if *l == top => format!("## {}", plain(runs)),
                    (Some(l), Some(top)) => format!("{} {}", "#".repeat((3 + (*l - top - 1) as usize).min(6)), plain(runs)),
                    // No heading styles: short bold numbered paragraphs are the sections.
                    (_, None) if bold_only && short && (list.is_some_and(|(bullet, l)| !bullet && l == 0) || starts_numbered(&plain(runs))) => {
                        format!("## {}", plain(runs))
                    }
                    (_, None) if bold_only && short && !seen_text => format!("# {}", plain(runs)),
                    _ => match list {
                        Some((bullet, l)) => format!("{}{} {text}", "  ".repeat(*l as usize), if *bullet { "-" } else { "1." }),
                        None => text,
                    },
                };
                let is_list = list.is_some() && !line.starts_with('#');
                if !out.is_empty() && (!is_list || !prev_list) {
                    out.push('\n');
                }
                out.push_str(&line);
                out.push('\n');
                prev_list = is_list;
                seen_text = true;
            }
        }
    }
    out
}

/// "1. Scope", "2) Sharing" or "3.1 Data".
fn starts_numbered(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(['.', ')'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_text_is_recognised() {
        assert!(starts_numbered("1. Scope"));
        assert!(starts_numbered("12) Sharing"));
        assert!(!starts_numbered("Scope"));
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("a*b [c] <d>"), "a\\*b \\[c\\] \\<d>");
    }
}
