//! Word (.docx) to Markdown for import. A .docx is a zip of XML parts; this reads only the four
//! it needs, through caps, and never trusts the sizes the zip declares (security I1). The XML is
//! parsed without a DTD: a DOCTYPE or an undeclared entity is refused, and nesting is bounded
//! (security I2). Nothing is unpacked to disk.
//!
//! Heading styles (Title, Heading 1–3, or any style with an outline level) become Markdown
//! headings; a file with no heading styles has its short, bold, numbered paragraphs taken as
//! headings. Lists, tables, links, bold and italic are kept.
//!
//! Tracked changes are read one way or the other ([`View`]): import takes them accepted;
//! `word_review` reads both ways, and the changes and comment ranges met on the way. A deleted
//! paragraph mark joins its paragraph to the next (an inserted one, in the original reading),
//! and a deleted (inserted) table row is left out of the accepted (original) reading.

use super::word_review::{TrackedChange, TrackedKind};
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

/// Markdown for a .docx file's bytes, and warnings about what was not carried over. Tracked
/// changes are read as accepted.
pub fn to_markdown(name: &str, bytes: &[u8]) -> Result<(String, Vec<String>)> {
    let mut docx = Docx::open(name, bytes)?;
    let body = Body::load(&mut docx)?;
    let reading = body.read(View::Accepted)?;
    let mut warnings = Vec::new();
    if reading.tracked {
        warnings.push(format!("{name} has tracked changes: it was read as if all of them were accepted"));
    }
    Ok((reading.markdown, warnings))
}

/// A .docx opened through the caps: its parts are read by path, all counted in one unpacked
/// budget.
pub(super) struct Docx<'a> {
    name: &'a str,
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Docx<'a> {
    pub(super) fn open(name: &'a str, bytes: &'a [u8]) -> Result<Self> {
        if bytes.len() > MAX_ZIPPED {
            return Err(Error::Invalid(format!("{name} is {} MB; Word files above 20 MB are not imported", bytes.len() / (1024 * 1024))));
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(Error::Invalid(format!("{name} is an old Word 97–2003 file; open it in Word and save it as .docx")));
        }
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| Error::Invalid(format!("{name} is not a Word file: it is not a readable zip archive ({e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Error::Invalid(format!("{name} has {} entries inside; a Word file with more than {MAX_ENTRIES} is refused", zip.len())));
        }
        Ok(Docx { name, zip, budget: MAX_UNPACKED })
    }

    /// Reads one entry through a cap. `None` when the entry does not exist.
    pub(super) fn part(&mut self, path: &str) -> Result<Option<String>> {
        let name = self.name;
        let entry = match self.zip.by_name(path) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(Error::Invalid(format!("{name}: cannot read {path} inside the file ({e})"))),
        };
        let cap = MAX_PART.min(self.budget);
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
        self.budget -= buf.len() as u64;
        String::from_utf8(buf).map(Some).map_err(|_| Error::Invalid(format!("{name}: {path} inside the file is not UTF-8 XML")))
    }
}

/// The document part and what it needs to be read: heading styles, list kinds, link targets.
pub(super) struct Body<'a> {
    name: &'a str,
    document: String,
    styles: HashMap<String, u8>,
    numbering: HashMap<(String, u8), bool>,
    links: HashMap<String, String>,
}

impl<'a> Body<'a> {
    pub(super) fn load(docx: &mut Docx<'a>) -> Result<Self> {
        let name = docx.name;
        let document = docx.part("word/document.xml")?.ok_or_else(|| Error::Invalid(format!("{name} is not a Word document: it has no word/document.xml")))?;
        let styles = docx.part("word/styles.xml")?.map(|x| parse_styles(name, &x)).transpose()?.unwrap_or_default();
        let numbering = docx.part("word/numbering.xml")?.map(|x| parse_numbering(name, &x)).transpose()?.unwrap_or_default();
        let links = docx.part("word/_rels/document.xml.rels")?.map(|x| parse_links(name, &x)).transpose()?.unwrap_or_default();
        Ok(Body { name, document, styles, numbering, links })
    }

    /// The document as Markdown in one reading of its tracked changes.
    pub(super) fn read(&self, view: View) -> Result<Reading> {
        let mut doc = DocReader::new(self, view);
        walk(self.name, "word/document.xml", &self.document, |ev| match ev {
            XmlEvent::Start(e) => doc.start(e),
            XmlEvent::End(tag) => doc.end(tag),
            XmlEvent::Text(t) => doc.text(t),
        })?;
        doc.flush_carry();
        Ok(Reading { markdown: blocks_to_markdown(&doc.blocks), changes: doc.changes, tracked: doc.tracked, quotes: doc.quotes })
    }
}

/// Walks an XML part, refusing a DTD, undeclared entities and deep nesting, and hands each
/// event to `f` with the current depth.
pub(super) fn walk(name: &str, part: &str, xml: &str, mut f: impl FnMut(&XmlEvent<'_>)) -> Result<()> {
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

pub(super) enum XmlEvent<'a> {
    Start(&'a BytesStart<'a>),
    End(&'a [u8]),
    Text(&'a str),
}

/// "w:p" -> "p".
pub(super) fn local(qname: &[u8]) -> &[u8] {
    qname.iter().position(|b| *b == b':').map_or(qname, |i| &qname[i + 1..])
}

/// An attribute by local name ("w:val" and "val" both match "val"), unescaped.
pub(super) fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
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
    /// A tracked change of the paragraph mark, and its index in the changes.
    mark: Option<(TrackedKind, usize)>,
    /// The paragraph's plain text in each reading, accepted then original.
    plain: [String; 2],
    /// The count of unchanged texts when the paragraph began.
    unchanged_at: usize,
}

#[derive(Debug)]
enum Block {
    Para { heading: Option<u8>, list: Option<(bool, u8)>, runs: Vec<Run> },
    Table(Vec<Vec<String>>),
}

/// Which reading of a file's tracked changes to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum View {
    /// Every tracked change accepted.
    Accepted,
    /// Every tracked change rejected.
    Original,
}

impl View {
    /// The kind of change whose content this reading leaves out.
    fn hides(self) -> TrackedKind {
        match self {
            View::Accepted => TrackedKind::Delete,
            View::Original => TrackedKind::Insert,
        }
    }
}

/// A document read one way.
pub(super) struct Reading {
    pub markdown: String,
    /// Every tracked change in document order (the same whichever the view).
    pub changes: Vec<TrackedChange>,
    /// Whether the document has tracked changes, formatting changes included.
    pub tracked: bool,
    /// Comment id -> the text between its range's start and end in this reading, for the
    /// ranges that have both.
    pub quotes: HashMap<String, String>,
}

/// An open `w:ins`, `w:del`, `w:moveTo` or `w:moveFrom` around runs.
struct Open {
    kind: TrackedKind,
    change: usize,
}

/// An open table row.
struct Row {
    /// A tracked insertion or deletion of the row, and its index in the changes.
    kind: Option<(TrackedKind, usize)>,
    /// Whether a row was added to the open table for it.
    in_table: bool,
    unchanged_at: usize,
    /// Each cell's plain text in each reading.
    cells: Vec<[String; 2]>,
}

/// The state of reading word/document.xml in one view: the walker hands it every event.
struct DocReader<'a> {
    body: &'a Body<'a>,
    view: View,
    blocks: Vec<Block>,
    /// Open tables, innermost last: rows of cells; the cell being filled is the last one.
    tables: Vec<Vec<Vec<String>>>,
    rows: Vec<Row>,
    para: Option<Para>,
    /// A paragraph whose mark this reading removes: its runs begin the next paragraph.
    carry: Option<Para>,
    run: Run,
    in_run: bool,
    in_text: bool,
    in_del_text: bool,
    link: Option<String>,
    /// Depth inside parts whose text is not content: fallbacks, field codes, old properties.
    skip: usize,
    /// Depth inside w:pPr, and whether inside its w:rPr (the paragraph mark's properties).
    ppr: usize,
    mark_rpr: bool,
    in_trpr: bool,
    open: Vec<Open>,
    changes: Vec<TrackedChange>,
    /// The change just closed, which a following element of the same kind, author and date
    /// continues (Word splits one edit over several elements).
    mergeable: Option<usize>,
    tracked: bool,
    /// How many texts were read that are in both readings.
    unchanged: usize,
    /// Open comment ranges: id -> text so far.
    ranges: HashMap<String, String>,
    quotes: HashMap<String, String>,
}

impl<'a> DocReader<'a> {
    fn new(body: &'a Body<'a>, view: View) -> Self {
        DocReader {
            body,
            view,
            blocks: Vec::new(),
            tables: Vec::new(),
            rows: Vec::new(),
            para: None,
            carry: None,
            run: Run::default(),
            in_run: false,
            in_text: false,
            in_del_text: false,
            link: None,
            skip: 0,
            ppr: 0,
            mark_rpr: false,
            in_trpr: false,
            open: Vec::new(),
            changes: Vec::new(),
            mergeable: None,
            tracked: false,
            unchanged: 0,
            ranges: HashMap::new(),
            quotes: HashMap::new(),
        }
    }

    /// Whether what is being read now is in the given reading.
    fn shown(&self, view: View) -> bool {
        let hidden = view.hides();
        !self.open.iter().any(|o| o.kind == hidden) && !self.rows.iter().any(|r| r.kind.is_some_and(|(k, _)| k == hidden))
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        let qname = e.name();
        let tag = local(qname.as_ref());
        let old_props = matches!(tag, b"rPrChange" | b"pPrChange");
        if self.skip > 0
            || matches!(tag, b"Fallback" | b"instrText" | b"delInstrText")
            || (tag.ends_with(b"Change") && !(old_props && self.view == View::Original))
        {
            self.tracked |= tag.ends_with(b"Change") && self.skip == 0;
            self.skip += 1;
            return;
        }
        match tag {
            // The original reading takes the properties as they were before a formatting change.
            b"rPrChange" => {
                self.tracked = true;
                (self.run.bold, self.run.italic) = (false, false);
            }
            b"pPrChange" => {
                self.tracked = true;
                if let Some(p) = self.para.as_mut() {
                    (p.style, p.num) = (None, None);
                }
            }
            b"tbl" => {
                self.flush_carry();
                self.tables.push(Vec::new());
            }
            b"tr" => {
                let table = self.tables.last_mut();
                let in_table = table.is_some();
                if let Some(t) = table {
                    t.push(Vec::new());
                }
                self.rows.push(Row { kind: None, in_table, unchanged_at: self.unchanged, cells: Vec::new() });
            }
            b"trPr" => self.in_trpr = true,
            b"tc" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(String::new());
                }
                if let Some(row) = self.rows.last_mut() {
                    row.cells.push(Default::default());
                }
            }
            b"p" => {
                let runs = self.carry.take().map(|p| p.runs).unwrap_or_default();
                self.para = Some(Para { runs, unchanged_at: self.unchanged, ..Para::default() });
                self.mergeable = None;
            }
            b"pPr" => self.ppr += 1,
            b"rPr" if self.ppr > 0 => self.mark_rpr = true,
            b"pStyle" => {
                if let Some(p) = self.para.as_mut() {
                    p.style = attr(e, b"val");
                }
            }
            b"ilvl" | b"numId" => {
                if let Some(p) = self.para.as_mut() {
                    let val = attr(e, b"val").unwrap_or_default();
                    let num = p.num.get_or_insert((String::new(), 0));
                    if tag == b"ilvl" {
                        num.1 = val.parse().unwrap_or(0);
                    } else {
                        num.0 = val;
                    }
                }
            }
            b"ins" | b"del" | b"moveTo" | b"moveFrom" => {
                self.tracked = true;
                let kind = if matches!(tag, b"ins" | b"moveTo") { TrackedKind::Insert } else { TrackedKind::Delete };
                if self.ppr > 0 && !self.mark_rpr {
                    // w:numPr/w:ins: numbering added to the paragraph, a formatting change.
                    if kind == self.view.hides()
                        && let Some(p) = self.para.as_mut()
                    {
                        p.num = None;
                    }
                    return;
                }
                let (author, date) = (attr(e, b"author").unwrap_or_default(), attr(e, b"date").unwrap_or_default());
                if self.mark_rpr || self.in_trpr {
                    self.changes.push(TrackedChange { kind, author, date, text: String::new() });
                    self.mergeable = None;
                    let mark = Some((kind, self.changes.len() - 1));
                    if self.mark_rpr {
                        if let Some(p) = self.para.as_mut() {
                            p.mark = mark;
                        }
                    } else if let Some(row) = self.rows.last_mut() {
                        row.kind = mark;
                    }
                    return;
                }
                let same = |c: &TrackedChange| c.kind == kind && c.author == author && c.date == date;
                let change = match self.mergeable.take() {
                    Some(i) if self.changes.get(i).is_some_and(same) => i,
                    _ => {
                        self.changes.push(TrackedChange { kind, author, date, text: String::new() });
                        self.changes.len() - 1
                    }
                };
                self.open.push(Open { kind, change });
            }
            b"hyperlink" => self.link = attr(e, b"id").and_then(|id| self.body.links.get(&id).cloned()),
            b"r" => {
                self.run = Run { link: self.link.clone(), ..Run::default() };
                self.in_run = true;
            }
            b"b" | b"i" => {
                let on = !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"));
                if tag == b"b" {
                    self.run.bold = on;
                } else {
                    self.run.italic = on;
                }
            }
            b"t" => self.in_text = true,
            b"delText" => self.in_del_text = true,
            b"tab" | b"br" | b"cr" if self.in_run && self.ppr == 0 => self.add_text(" "),
            b"commentRangeStart" => {
                if let Some(id) = attr(e, b"id") {
                    self.ranges.insert(id, String::new());
                }
            }
            b"commentRangeEnd" => {
                if let Some(id) = attr(e, b"id")
                    && let Some(quote) = self.ranges.remove(&id)
                {
                    self.quotes.insert(id, squash(&quote));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match tag {
            b"t" => self.in_text = false,
            b"delText" => self.in_del_text = false,
            b"r" => {
                self.in_run = false;
                if let Some(p) = self.para.as_mut() {
                    p.runs.push(std::mem::take(&mut self.run));
                }
            }
            b"hyperlink" => self.link = None,
            b"pPr" => self.ppr = self.ppr.saturating_sub(1),
            b"rPr" => self.mark_rpr = false,
            b"trPr" => self.in_trpr = false,
            b"ins" | b"del" | b"moveTo" | b"moveFrom" => {
                if self.ppr == 0
                    && !self.in_trpr
                    && let Some(open) = self.open.pop()
                {
                    self.mergeable = Some(open.change);
                }
            }
            b"p" => self.end_para(),
            b"tc" => self.flush_carry(),
            b"tr" => self.end_row(),
            b"tbl" => {
                self.flush_carry();
                let Some(rows) = self.tables.pop() else { return };
                if let Some(cell) = self.cell() {
                    // A table inside a table cell keeps its text.
                    let text: Vec<String> = rows.into_iter().flatten().filter(|c| !c.is_empty()).collect();
                    cell.push_str(&text.join(" "));
                } else {
                    self.blocks.push(Block::Table(rows));
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        // Deleted text is w:delText; elsewhere it is not content.
        let deleted = self.in_del_text && self.open.iter().any(|o| o.kind == TrackedKind::Delete);
        if self.skip == 0 && (self.in_text || deleted) {
            self.add_text(t);
        }
    }

    /// Text of the current run, which goes to the readings it is in, to its change and to the
    /// comment ranges open.
    fn add_text(&mut self, t: &str) {
        let shown = [self.shown(View::Accepted), self.shown(View::Original)];
        if let Some(p) = self.para.as_mut() {
            for (plain, shown) in p.plain.iter_mut().zip(shown) {
                if shown {
                    plain.push_str(t);
                }
            }
        }
        if shown == [true, true] {
            self.unchanged += 1;
            self.mergeable = None;
        }
        if let Some(change) = self.open.last().and_then(|o| self.changes.get_mut(o.change)) {
            change.text.push_str(t);
        }
        if self.shown(self.view) {
            self.run.text.push_str(t);
            for quote in self.ranges.values_mut() {
                quote.push_str(t);
            }
        }
    }

    /// The table cell being filled, if any.
    fn cell(&mut self) -> Option<&mut String> {
        self.tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut())
    }

    /// Gives a paragraph-mark or row change the text of its paragraph or row; the changes
    /// inside it of the same kind and author are part of it when nothing in it is unchanged.
    fn settle(&mut self, change: usize, text: String, unchanged_at: usize) {
        let Some(c) = self.changes.get_mut(change) else { return };
        c.text = text;
        let (kind, author) = (c.kind, c.author.clone());
        let within = self.changes.get(change + 1..).unwrap_or_default();
        if self.unchanged == unchanged_at && within.iter().all(|c| c.kind == kind && c.author == author) && self.open.iter().all(|o| o.change <= change) {
            self.changes.truncate(change + 1);
            self.mergeable = None;
        }
    }

    fn end_para(&mut self) {
        let Some(mut p) = self.para.take() else { return };
        self.mergeable = None;
        if let Some((kind, change)) = p.mark {
            // The paragraph as it reads where its mark exists.
            let text = squash(&p.plain[usize::from(kind == TrackedKind::Delete)]);
            self.settle(change, text, p.unchanged_at);
        }
        if let Some(cell) = self.rows.last_mut().and_then(|r| r.cells.last_mut()) {
            for (cell, plain) in cell.iter_mut().zip(&p.plain) {
                cell.push(' ');
                cell.push_str(plain);
            }
        }
        if p.mark.is_some_and(|(kind, _)| kind == self.view.hides()) {
            // This reading has no paragraph break here: the text runs on into the next paragraph.
            p.plain = Default::default();
            self.carry = Some(p);
            return;
        }
        for quote in self.ranges.values_mut() {
            quote.push(' ');
        }
        self.finish_para(p);
    }

    fn flush_carry(&mut self) {
        if let Some(p) = self.carry.take() {
            for quote in self.ranges.values_mut() {
                quote.push(' ');
            }
            self.finish_para(p);
        }
    }

    fn finish_para(&mut self, p: Para) {
        let runs = merge_runs(p.runs);
        if let Some(cell) = self.cell() {
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
        let list = num.map(|(id, l)| (self.body.numbering.get(&(id, l)).copied().unwrap_or(false), l));
        let heading = p.style.and_then(|s| self.body.styles.get(&s).copied());
        self.blocks.push(Block::Para { heading, list, runs });
    }

    fn end_row(&mut self) {
        let Some(row) = self.rows.pop() else { return };
        let Some((kind, change)) = row.kind else { return };
        let reading = usize::from(kind == TrackedKind::Delete);
        let text = row.cells.iter().map(|c| squash(&c[reading])).collect::<Vec<_>>().join(" | ");
        self.settle(change, text, row.unchanged_at);
        if kind == self.view.hides()
            && row.in_table
            && let Some(t) = self.tables.last_mut()
        {
            t.pop();
        }
    }
}

/// Whitespace runs as one space, trimmed.
pub(super) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

    /// A .docx holding this document body.
    fn file(body: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let xml = format!(r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#);
        let written = zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).and_then(|()| Ok(zip.write_all(xml.as_bytes())?));
        assert!(written.is_ok());
        zip.finish().map(|c| c.into_inner()).unwrap_or_default()
    }

    #[test]
    fn import_reads_the_accepted_text_and_says_so() {
        let body = r#"<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Kept </w:t></w:r><w:del w:id="2" w:author="A"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p><w:p><w:ins w:id="3" w:author="B"><w:r><w:t>joined.</w:t></w:r></w:ins></w:p>"#;
        let Ok((markdown, warnings)) = to_markdown("a.docx", &file(body)) else { panic!("the file reads") };
        assert_eq!(markdown, "Kept joined.\n");
        assert_eq!(warnings, ["a.docx has tracked changes: it was read as if all of them were accepted"]);
        let Ok(review) = super::super::review("a.docx", &file(body)) else { panic!("the file reads") };
        assert_eq!((review.accepted.as_str(), review.original.as_str()), (markdown.as_str(), "Kept gone\n"));
        assert!(review.warnings.is_empty());
        let Ok((plain, warnings)) = to_markdown("a.docx", &file("<w:p><w:r><w:t>Plain.</w:t></w:r></w:p>")) else { panic!("the file reads") };
        assert_eq!((plain.as_str(), warnings.len()), ("Plain.\n", 0));
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("a*b [c] <d>"), "a\\*b \\[c\\] \\<d>");
    }
}
