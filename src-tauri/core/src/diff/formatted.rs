//! A comparison read as a document: each side's Markdown rendered (ATX and setext headings,
//! lists, emphasis, links, tables, escapes and entities resolved) and the changes marked inside
//! the rendered text. The compare view and every redline format (Word, PDF, HTML) show this.
//!
//! The ops stay source-level, so they still rebuild both sides' Markdown exactly; this maps each
//! op's bytes to what they show on each side. Markup shows nothing: a change to markup alone (a
//! list mark, `**`, a link target) marks its line `reformatted`, and text that is the same on both
//! sides but formatted differently carries what it was (`was`), so a formatting or link change is
//! shown as one, never as punctuation.

use super::{DiffOp, OpKind, words};
use crate::render::markdown_options;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::ops::Range;
use ts_rs::TS;

/// How a run of text is formatted. Links keep their target whatever its scheme; writers decide
/// which targets become live links.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(rename = "RunFormat")]
pub struct Format {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub link: Option<String>,
}

impl Format {
    /// "bold, link to https://…", or "plain text".
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (on, name) in [(self.bold, "bold"), (self.italic, "italic"), (self.strike, "struck through"), (self.code, "code")] {
            if on {
                parts.push(name.into());
            }
        }
        if let Some(link) = &self.link {
            parts.push(format!("link to {link}"));
        }
        if parts.is_empty() { "plain text".into() } else { parts.join(", ") }
    }
}

/// Rendered text with the change it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "ShownRun")]
pub struct Run {
    pub op: OpKind,
    pub text: String,
    pub format: Format,
    /// Text in both versions whose formatting changed: how it was formatted before.
    pub was: Option<Format>,
}

/// A line's style; lists carry their nesting depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineStyle {
    /// A level-1 heading.
    Title,
    /// Levels 2 (`## `, a setext `---` heading) and deeper, as 1, 2, 3.
    Heading { level: u8 },
    Bullet { depth: u8 },
    /// A numbered item keeps its number as text, so inserting an item shows every renumbering.
    Numbered { depth: u8 },
    Body,
    Quote,
    Code,
}

/// A paragraph of the redline: its runs, and what happened to its end (the paragraph mark):
/// `Insert` when only the new version breaks the text here, `Delete` when only the old did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "ShownLine")]
pub struct Line {
    pub runs: Vec<Run>,
    pub mark: OpKind,
    pub style: LineStyle,
    /// Markup that shows no text changed here: a list mark, a heading level, emphasis marks, a
    /// link target.
    pub reformatted: bool,
}

/// A table row: in both versions (`Equal`, its cells showing any changed words), or only in the
/// new (`Insert`) or the old (`Delete`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "ShownRow")]
pub struct RowChange {
    pub kind: OpKind,
    pub header: bool,
    pub cells: Vec<Vec<Run>>,
}

/// A piece of the redline: a paragraph, or a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(rename = "ShownBlock")]
pub enum Block {
    Line(Line),
    Table { rows: Vec<RowChange> },
}

/// The comparison's ops read as a document.
pub fn blocks(ops: &[DiffOp]) -> Vec<Block> {
    let (old, new) = sides(ops);
    blocks_of(ops, &old, &new)
}

/// Each side of the ops, parsed.
fn sides(ops: &[DiffOp]) -> (Side, Side) {
    let old: String = ops.iter().filter(|o| o.op != OpKind::Insert).map(|o| o.text.as_str()).collect();
    let new: String = ops.iter().filter(|o| o.op != OpKind::Delete).map(|o| o.text.as_str()).collect();
    (Side::parse(&old), Side::parse(&new))
}

fn blocks_of(ops: &[DiffOp], old: &Side, new: &Side) -> Vec<Block> {
    let (chunks, reformatted) = chunks(ops, old, new);
    assemble(group(&chunks, &reformatted), old, new)
}

/// Each side's text of some lines, a paragraph a line: a line whose paragraph mark the other side
/// added joins the next one, as Word's accept-all and reject-all do.
pub fn side_lines(lines: &[Line], keep: OpKind) -> Vec<String> {
    let gone = if keep == OpKind::Insert { OpKind::Delete } else { OpKind::Insert };
    let mut out: Vec<String> = Vec::new();
    let mut carry = String::new();
    for l in lines {
        carry.extend(l.runs.iter().filter(|r| r.op == OpKind::Equal || r.op == keep).map(|r| r.text.as_str()));
        if l.mark != gone {
            out.push(std::mem::take(&mut carry));
        }
    }
    if !carry.is_empty() {
        out.push(carry);
    }
    out.into_iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect()
}

// --- One side: its Markdown parsed into pieces of shown text --------------------------------

/// What a block of one side is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Line(LineStyle),
    Cell { table: usize, row: usize, col: usize },
}

/// Source bytes that show as text. `shown: None` means they show as themselves; otherwise the
/// piece shows `shown` (an entity, a soft line break) and nothing of its bytes.
struct Piece {
    range: Range<usize>,
    shown: Option<String>,
    format: Format,
    block: usize,
}

struct Side {
    src: String,
    pieces: Vec<Piece>,
    blocks: Vec<Kind>,
}

impl Side {
    fn parse(src: &str) -> Side {
        let mut side = Side { src: src.to_owned(), pieces: Vec::new(), blocks: Vec::new() };
        let mut current: Option<usize> = None;
        // The open item's block while nothing is in it, so its first paragraph joins it.
        let mut fresh_item: Option<usize> = None;
        let mut format = Format::default();
        let (mut bold, mut italic, mut strike) = (0u32, 0u32, 0u32);
        let mut lists: Vec<Option<u64>> = Vec::new();
        let mut quote = 0u32;
        let (mut table, mut row, mut col) = (0usize, 0usize, 0usize);
        for (event, range) in Parser::new_ext(src, markdown_options()).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let style = match level {
                        HeadingLevel::H1 => LineStyle::Title,
                        HeadingLevel::H2 => LineStyle::Heading { level: 1 },
                        HeadingLevel::H3 => LineStyle::Heading { level: 2 },
                        _ => LineStyle::Heading { level: 3 },
                    };
                    current = Some(side.open(Kind::Line(style)));
                }
                Event::Start(Tag::Paragraph) => {
                    current = match fresh_item.take() {
                        Some(item) => Some(item),
                        None => Some(side.open(Kind::Line(if quote > 0 { LineStyle::Quote } else { LineStyle::Body }))),
                    };
                }
                Event::Start(Tag::CodeBlock(_)) => current = Some(side.open(Kind::Line(LineStyle::Code))),
                Event::Start(Tag::HtmlBlock) => current = Some(side.open(Kind::Line(LineStyle::Body))),
                Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Item) => {
                    current = None;
                    fresh_item = None;
                }
                Event::Start(Tag::List(start)) => {
                    lists.push(start);
                    current = None;
                    fresh_item = None;
                }
                Event::End(TagEnd::List(_)) => {
                    lists.pop();
                }
                Event::Start(Tag::Item) => {
                    let depth = (lists.len().saturating_sub(1)).min(8) as u8;
                    let ordered = lists.last().copied().flatten().is_some();
                    let block = side.open(Kind::Line(if ordered { LineStyle::Numbered { depth } } else { LineStyle::Bullet { depth } }));
                    if ordered {
                        side.number(range.start, block);
                    }
                    current = Some(block);
                    fresh_item = Some(block);
                }
                Event::Start(Tag::BlockQuote(_)) => quote += 1,
                Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
                Event::Start(Tag::Table(_)) => {
                    table += 1;
                    row = 0;
                }
                Event::Start(Tag::TableHead) => col = 0,
                Event::Start(Tag::TableRow) => {
                    row += 1;
                    col = 0;
                }
                Event::Start(Tag::TableCell) => current = Some(side.open(Kind::Cell { table, row, col })),
                Event::End(TagEnd::TableCell) => {
                    col += 1;
                    current = None;
                }
                Event::Start(Tag::Strong) => bold += 1,
                Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
                Event::Start(Tag::Emphasis) => italic += 1,
                Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
                Event::Start(Tag::Strikethrough) => strike += 1,
                Event::End(TagEnd::Strikethrough) => strike = strike.saturating_sub(1),
                Event::Start(Tag::Link { dest_url, .. }) => format.link = Some(dest_url.to_string()),
                Event::End(TagEnd::Link) => format.link = None,
                Event::Text(ref t) | Event::Html(ref t) | Event::InlineHtml(ref t) | Event::Code(ref t) => {
                    let code = matches!(event, Event::Code(_));
                    let f = Format { bold: bold > 0, italic: italic > 0, strike: strike > 0, code, ..format.clone() };
                    let block = *current.get_or_insert_with(|| side.open(Kind::Line(LineStyle::Body)));
                    fresh_item = None;
                    side.text(range, t, f, block);
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(block) = current {
                        let f = Format { bold: bold > 0, italic: italic > 0, strike: strike > 0, code: false, ..format.clone() };
                        side.pieces.push(Piece { range, shown: Some(" ".into()), format: f, block });
                    }
                }
                _ => {}
            }
        }
        side
    }

    fn open(&mut self, kind: Kind) -> usize {
        self.blocks.push(kind);
        self.blocks.len() - 1
    }

    /// Text the parser read from `range`: its own bytes where they are there (an escaped
    /// character is the end of its range, a code span's text the middle of its), else shown
    /// as a whole.
    fn text(&mut self, range: Range<usize>, text: &str, format: Format, block: usize) {
        let src = &self.src[range.clone()];
        // Most text events read exactly their range; only escapes and code spans search.
        let at = if src.starts_with(text) { Some(0) } else { src.find(text) };
        let piece = match at {
            Some(at) if !text.is_empty() => Piece { range: range.start + at..range.start + at + text.len(), shown: None, format, block },
            _ => Piece { range, shown: Some(text.to_owned()), format, block },
        };
        self.pieces.push(piece);
    }

    /// An ordered item's number ("3." or "3)") shows as text, followed by a space.
    fn number(&mut self, start: usize, block: usize) {
        let rest = &self.src[start..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            let end = start + digits + 1;
            self.pieces.push(Piece { range: start..end, shown: None, format: Format::default(), block });
            let space = end..(end + 1).min(self.src.len());
            if !space.is_empty() {
                self.pieces.push(Piece { range: space, shown: Some(" ".into()), format: Format::default(), block });
            }
        }
    }

    /// The piece showing byte `at`, if any.
    fn at(&self, at: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.range.end <= at);
        self.pieces.get(i).filter(|p| p.range.start <= at)
    }

    /// What the bytes `part` of `piece` show: their own text, or the piece's shown text where
    /// `part` holds its first byte.
    fn shown(&self, piece: &Piece, part: Range<usize>) -> String {
        match &piece.shown {
            None => self.src[part].to_owned(),
            Some(s) if part.start == piece.range.start => s.clone(),
            Some(_) => String::new(),
        }
    }

    /// Piece boundaries inside `range`, relative to its start.
    fn cuts(&self, range: &Range<usize>, out: &mut Vec<usize>) {
        let first = self.pieces.partition_point(|p| p.range.end <= range.start);
        for p in self.pieces[first..].iter().take_while(|p| p.range.start < range.end) {
            for edge in [p.range.start, p.range.end] {
                if range.contains(&edge) {
                    out.push(edge - range.start);
                }
            }
        }
    }
}

// --- The ops as shown text --------------------------------------------------------------------

/// Shown text of one op on the sides that have it, with each side's block.
struct Chunk {
    run: Run,
    old: Option<usize>,
    new: Option<usize>,
}

/// Blocks whose markup alone changed (nothing they show did), on the old and the new side.
#[derive(Default)]
struct Reformatted {
    old: HashSet<usize>,
    new: HashSet<usize>,
}

/// The ops as chunks of shown text, and the blocks where an op changed markup only. Such an op
/// belongs to the block of the first text at or after it: a list mark to its item, `**` to the
/// word it makes bold, a link target to its paragraph.
fn chunks(ops: &[DiffOp], old: &Side, new: &Side) -> (Vec<Chunk>, Reformatted) {
    let mut out = Vec::new();
    let mut reformatted = Reformatted::default();
    let (mut o, mut n) = (0usize, 0usize);
    for op in ops {
        let len = op.text.len();
        let before = out.len();
        let (ro, rn) = match op.op {
            OpKind::Equal => (Some(o..o + len), Some(n..n + len)),
            OpKind::Delete => (Some(o..o + len), None),
            OpKind::Insert => (None, Some(n..n + len)),
        };
        let mut cuts = vec![0, len];
        if let Some(r) = &ro {
            old.cuts(r, &mut cuts);
        }
        if let Some(r) = &rn {
            new.cuts(r, &mut cuts);
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            fn part<'s>(r: &Option<Range<usize>>, side: &'s Side, w: &[usize]) -> Option<(&'s Piece, Range<usize>)> {
                let r = r.as_ref()?;
                let piece = side.at(r.start + w[0])?;
                Some((piece, r.start + w[0]..r.start + w[1]))
            }
            let (po, pn) = (part(&ro, old, w), part(&rn, new, w));
            let chunk = match (po, pn) {
                (Some((a, _)), Some((b, rb))) => {
                    let was = (a.format != b.format).then(|| a.format.clone());
                    Chunk { run: Run { op: OpKind::Equal, text: new.shown(b, rb), format: b.format.clone(), was }, old: Some(a.block), new: Some(b.block) }
                }
                (Some((a, ra)), None) => {
                    Chunk { run: Run { op: OpKind::Delete, text: old.shown(a, ra), format: a.format.clone(), was: None }, old: Some(a.block), new: None }
                }
                (None, Some((b, rb))) => {
                    Chunk { run: Run { op: OpKind::Insert, text: new.shown(b, rb), format: b.format.clone(), was: None }, old: None, new: Some(b.block) }
                }
                (None, None) => continue,
            };
            if !chunk.run.text.is_empty() {
                out.push(chunk);
            }
        }
        let shown_change = out[before..].iter().any(|c: &Chunk| c.run.op != OpKind::Equal);
        if op.op != OpKind::Equal && !shown_change && !op.text.trim().is_empty() {
            let (side, at, set) = match op.op {
                OpKind::Delete => (old, o, &mut reformatted.old),
                _ => (new, n, &mut reformatted.new),
            };
            let next = side.pieces.partition_point(|p| p.range.end <= at);
            if let Some(p) = side.pieces.get(next) {
                set.insert(p.block);
            }
        }
        match op.op {
            OpKind::Equal => {
                o += len;
                n += len;
            }
            OpKind::Delete => o += len,
            OpKind::Insert => n += len,
        }
    }
    (out, reformatted)
}

/// A paragraph (or cell) as shown: the old and new blocks it stands for.
struct Shown {
    old: Option<usize>,
    new: Option<usize>,
    runs: Vec<Run>,
    mark: OpKind,
    reformatted: bool,
}

/// Groups chunks into shown paragraphs. A chunk joins the open one when it comes from the same
/// block on each side it has, or from a block paired with the other side's (they share text).
/// Then each paragraph's mark: a side's paragraph ends here unless the next shown paragraph that
/// side has goes on in the same block; where only one side's ends, the mark is that side's alone.
fn group(chunks: &[Chunk], reformatted: &Reformatted) -> Vec<Shown> {
    let pairs: HashSet<(usize, usize)> = chunks.iter().filter_map(|c| Some((c.old?, c.new?))).collect();
    let mut out: Vec<Shown> = Vec::new();
    for c in chunks {
        let joins = out.last().is_some_and(|s| {
            let same_old = match (c.old, s.old) {
                (None, _) => true,
                (Some(a), Some(b)) => a == b,
                (Some(a), None) => s.new.is_some_and(|n| pairs.contains(&(a, n))),
            };
            let same_new = match (c.new, s.new) {
                (None, _) => true,
                (Some(a), Some(b)) => a == b,
                (Some(a), None) => s.old.is_some_and(|o| pairs.contains(&(o, a))),
            };
            same_old && same_new
        });
        if !joins {
            out.push(Shown { old: None, new: None, runs: Vec::new(), mark: OpKind::Equal, reformatted: false });
        }
        let Some(s) = out.last_mut() else { continue };
        s.old = s.old.or(c.old);
        s.new = s.new.or(c.new);
        match s.runs.last_mut() {
            Some(last) if last.op == c.run.op && last.format == c.run.format && last.was == c.run.was => last.text.push_str(&c.run.text),
            _ => s.runs.push(c.run.clone()),
        }
    }
    let (mut next_old, mut next_new): (Option<usize>, Option<usize>) = (None, None);
    for s in out.iter_mut().rev() {
        let old_ends = s.old.is_some_and(|b| next_old != Some(b));
        let new_ends = s.new.is_some_and(|b| next_new != Some(b));
        s.mark = match (old_ends, new_ends) {
            (true, false) => OpKind::Delete,
            (false, true) => OpKind::Insert,
            // Text of one side only whose paragraph goes on in a later line (a heading the other
            // side inserted came between): no break on that side, so the mark is the other's.
            (false, false) if s.new.is_none() => OpKind::Insert,
            (false, false) if s.old.is_none() => OpKind::Delete,
            _ => OpKind::Equal,
        };
        s.reformatted = s.old.is_some_and(|b| reformatted.old.contains(&b)) || s.new.is_some_and(|b| reformatted.new.contains(&b));
        next_old = s.old.or(next_old);
        next_new = s.new.or(next_new);
    }
    out
}

/// Shown paragraphs as lines and tables: consecutive cells make a table, grouped into rows the
/// way paragraphs are grouped from chunks.
fn assemble(shown: Vec<Shown>, old: &Side, new: &Side) -> Vec<Block> {
    let kind = |s: &Shown| s.new.map(|b| new.blocks[b]).or(s.old.map(|b| old.blocks[b]));
    let mut out = Vec::new();
    let mut rows: Vec<PendingRow> = Vec::new();
    let cell = |side: &Side, b: Option<usize>| match b.map(|b| side.blocks[b]) {
        Some(Kind::Cell { table, row, col }) => Some((table, row, col)),
        _ => None,
    };
    for s in shown {
        match kind(&s) {
            Some(Kind::Cell { .. }) => {
                let (co, cn) = (cell(old, s.old), cell(new, s.new));
                let (ro, rn) = (co.map(|(t, r, _)| (t, r)), cn.map(|(t, r, _)| (t, r)));
                let col = cn.or(co).map_or(0, |(_, _, c)| c);
                let joins = rows.last().is_some_and(|(o, n, _)| (ro.is_none() || o.is_none() || *o == ro) && (rn.is_none() || n.is_none() || *n == rn) && (*o == ro || *n == rn));
                if !joins {
                    rows.push((ro, rn, Vec::new()));
                }
                if let Some(last) = rows.last_mut() {
                    last.0 = last.0.or(ro);
                    last.1 = last.1.or(rn);
                    last.2.push((col, s));
                }
            }
            other => {
                if !rows.is_empty() {
                    out.push(table(std::mem::take(&mut rows)));
                }
                let style = match other {
                    Some(Kind::Line(style)) => style,
                    _ => LineStyle::Body,
                };
                let restyled = match (s.old.map(|b| old.blocks[b]), s.new.map(|b| new.blocks[b])) {
                    (Some(a), Some(b)) => a != b,
                    _ => false,
                };
                if s.runs.iter().any(|r| !r.text.trim().is_empty()) {
                    // Spacing is trimmed only where both sides' paragraphs start or end: where one
                    // side's text runs on into the next line, its space is a word's end.
                    let starts = !matches!(out.last(), Some(Block::Line(l)) if l.mark != OpKind::Equal);
                    let runs = trimmed(s.runs, starts, s.mark == OpKind::Equal);
                    out.push(Block::Line(Line { runs, mark: s.mark, style, reformatted: s.reformatted || restyled }));
                }
            }
        }
    }
    if !rows.is_empty() {
        out.push(table(rows));
    }
    out
}

/// A table row being gathered: its (table, row) on the old and the new side, and its cells by column.
type PendingRow = (Option<(usize, usize)>, Option<(usize, usize)>, Vec<(usize, Shown)>);

fn table(rows: Vec<PendingRow>) -> Block {
    let rows = rows
        .into_iter()
        .map(|(o, n, cells)| {
            let kind = match (o.is_some(), n.is_some()) {
                (true, false) => OpKind::Delete,
                (false, true) => OpKind::Insert,
                _ => OpKind::Equal,
            };
            let width = cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
            let mut out: Vec<Vec<Run>> = vec![Vec::new(); width];
            let mut last: Vec<Option<(Option<usize>, Option<usize>)>> = vec![None; width];
            for (c, s) in cells {
                // Two cells of one side in one column (cells were split or merged): a space
                // between them on that side.
                if let Some((o, n)) = last[c] {
                    let (old_split, new_split) = (o.is_some() && s.old.is_some() && o != s.old, n.is_some() && s.new.is_some() && n != s.new);
                    let op = match (old_split, new_split) {
                        (true, true) => Some(OpKind::Equal),
                        (true, false) => Some(OpKind::Delete),
                        (false, true) => Some(OpKind::Insert),
                        (false, false) => None,
                    };
                    if let Some(op) = op {
                        out[c].push(Run { op, text: " ".into(), format: Format::default(), was: None });
                    }
                }
                last[c] = Some((s.old.or(last[c].and_then(|l| l.0)), s.new.or(last[c].and_then(|l| l.1))));
                out[c].extend(trimmed(s.runs, true, true));
            }
            RowChange { kind, header: n.or(o).is_some_and(|(_, r)| r == 0), cells: out }
        })
        .collect();
    Block::Table { rows }
}

/// Runs without the unchanged spacing a paragraph starts (`start`) or ends (`end`) with.
fn trimmed(mut runs: Vec<Run>, start: bool, end: bool) -> Vec<Run> {
    if let Some(first) = runs.first_mut().filter(|r| start && r.op == OpKind::Equal) {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = runs.last_mut().filter(|r| end && r.op == OpKind::Equal) {
        last.text = last.text.trim_end().to_owned();
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}

/// Whether this redline, read as a document, shows on each side the words that side's Markdown
/// shows alone (no word lost, added or run into its neighbour). Each side is parsed once.
pub fn shows_each_side(ops: &[DiffOp]) -> bool {
    let (old, new) = sides(ops);
    let both = blocks_of(ops, &old, &new);
    same_words(&shown_text(&both, OpKind::Insert), &old.shown_text()) && same_words(&shown_text(&both, OpKind::Delete), &new.shown_text())
}

/// `a.split_whitespace().eq(b.split_whitespace())`, reading ASCII bytes without decoding them.
fn same_words(a: &str, b: &str) -> bool {
    // Where the run of whitespace (or of anything else) from byte `i` ends.
    fn end(t: &str, mut i: usize, space: bool) -> usize {
        let b = t.as_bytes();
        while i < b.len() {
            let (class, n) = words::class_at(t, i);
            if (class == words::Class::Space) != space {
                break;
            }
            i += n;
        }
        i
    }
    let (mut i, mut j) = (end(a, 0, true), end(b, 0, true));
    while i < a.len() && j < b.len() {
        let (ei, ej) = (end(a, i, false), end(b, j, false));
        if a[i..ei] != b[j..ej] {
            return false;
        }
        (i, j) = (end(a, ei, true), end(b, ej, true));
    }
    i == a.len() && j == b.len()
}

/// The words one side's Markdown shows: what `shown_words` gives for its redline against
/// itself, without building that redline.
pub fn side_words(src: &str) -> Vec<String> {
    Side::parse(src).shown_text().split_whitespace().map(str::to_owned).collect()
}

impl Side {
    /// Each block's shown text in reading order, a space between blocks.
    fn shown_text(&self) -> String {
        let mut text = String::new();
        let mut block = None;
        for p in &self.pieces {
            if block != Some(p.block) {
                text.push(' ');
                block = Some(p.block);
            }
            text.push_str(p.shown.as_deref().unwrap_or(&self.src[p.range.clone()]));
        }
        text
    }
}

/// The words a formatted redline shows on the side without `gone` runs (`Insert` gone: the
/// old side), as a reader of that side sees them.
pub fn shown_words(blocks: &[Block], gone: OpKind) -> Vec<String> {
    shown_text(blocks, gone).split_whitespace().map(str::to_owned).collect()
}

/// The text behind `shown_words`: a line whose paragraph mark only the other side has runs on
/// into the next.
fn shown_text(blocks: &[Block], gone: OpKind) -> String {
    let mut text = String::new();
    let mut runs = |runs: &[Run], joined: bool| {
        runs.iter().filter(|r| r.op != gone).for_each(|r| text.push_str(&r.text));
        if !joined {
            text.push(' ');
        }
    };
    for b in blocks {
        match b {
            Block::Line(l) => runs(&l.runs, l.mark == gone),
            Block::Table { rows } => rows.iter().filter(|r| r.kind != gone).flat_map(|r| &r.cells).for_each(|c| runs(c, false)),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(op: OpKind, text: &str) -> DiffOp {
        DiffOp { op, text: text.into() }
    }

    fn lines(ops: &[DiffOp]) -> Vec<Line> {
        blocks(ops)
            .into_iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l),
                Block::Table { .. } => None,
            })
            .collect()
    }

    fn shown(l: &Line) -> Vec<(OpKind, &str)> {
        l.runs.iter().map(|r| (r.op, r.text.as_str())).collect()
    }

    #[test]
    fn marks_become_styles_and_each_side_reads_as_itself() {
        let ops = [
            op(OpKind::Equal, "# Policy\n\n## Re"),
            op(OpKind::Insert, "tention\n\nWe keep logs.\n\n## Contact"),
            op(OpKind::Equal, "\n\n- Write to **us**"),
            op(OpKind::Delete, " today"),
            op(OpKind::Equal, ".\n"),
        ];
        let lines = lines(&ops);
        let styles: Vec<LineStyle> = lines.iter().map(|l| l.style).collect();
        use LineStyle::*;
        assert_eq!(styles, [Title, Heading { level: 1 }, Body, Heading { level: 1 }, Bullet { depth: 0 }]);
        assert_eq!(side_lines(&lines, OpKind::Insert), ["Policy", "Retention", "We keep logs.", "Contact", "Write to us."]);
        assert_eq!(side_lines(&lines, OpKind::Delete), ["Policy", "Re", "Write to us today."]);
        let bold: Vec<&str> = lines[4].runs.iter().filter(|r| r.format.bold).map(|r| r.text.as_str()).collect();
        assert_eq!(bold, ["us"]);
    }

    #[test]
    fn markdown_source_never_shows() {
        // Setext headings, an escaped number, an entity, underscores, a link.
        let ops = [
            op(OpKind::Equal, "About Grok\n==========\n\n1\\. About "),
            op(OpKind::Delete, "xAI"),
            op(OpKind::Insert, "X"),
            op(OpKind::Equal, "\n-----------\n\nWe &amp; _you_ agree, see [the terms](https://x.example/terms).\n"),
        ];
        let lines = lines(&ops);
        assert_eq!(lines[0].style, LineStyle::Title);
        assert_eq!(shown(&lines[0]), [(OpKind::Equal, "About Grok")]);
        assert_eq!(lines[1].style, LineStyle::Heading { level: 1 });
        assert_eq!(shown(&lines[1]), [(OpKind::Equal, "1. About "), (OpKind::Delete, "xAI"), (OpKind::Insert, "X")]);
        let text: String = lines[2].runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, "We & you agree, see the terms.");
        assert!(lines[2].runs.iter().any(|r| r.format.italic && r.text == "you"));
        assert!(lines[2].runs.iter().any(|r| r.format.link.as_deref() == Some("https://x.example/terms") && r.text == "the terms"));
        assert!(lines.iter().all(|l| !l.reformatted));
    }

    #[test]
    fn a_change_of_markup_alone_is_a_change_of_formatting() {
        let ops = [
            op(OpKind::Equal, "See [the terms](https://x.example/"),
            op(OpKind::Delete, "old"),
            op(OpKind::Insert, "new"),
            op(OpKind::Equal, ") and "),
            op(OpKind::Insert, "**"),
            op(OpKind::Equal, "this"),
            op(OpKind::Insert, "**"),
            op(OpKind::Equal, ".\n\n"),
            op(OpKind::Delete, "*"),
            op(OpKind::Insert, "-"),
            op(OpKind::Equal, " item\n"),
        ];
        let lines = lines(&ops);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.runs.iter().all(|r| r.op == OpKind::Equal)), "{lines:?}");
        let link = lines[0].runs.iter().find(|r| r.text == "the terms").expect("the link");
        assert_eq!(link.format.link.as_deref(), Some("https://x.example/new"));
        assert_eq!(link.was.as_ref().and_then(|f| f.link.as_deref()), Some("https://x.example/old"));
        let bold = lines[0].runs.iter().find(|r| r.text == "this").expect("the bold word");
        assert!(bold.format.bold && bold.was.as_ref().is_some_and(|f| !f.bold));
        assert!(lines[0].reformatted && lines[1].reformatted);
        assert_eq!(lines[1].style, LineStyle::Bullet { depth: 0 });
    }

    #[test]
    fn numbered_items_show_their_numbers_and_renumbering() {
        let ops = [op(OpKind::Equal, "1. one\n"), op(OpKind::Insert, "2. new\n"), op(OpKind::Delete, "2"), op(OpKind::Insert, "3"), op(OpKind::Equal, ". two\n")];
        let lines = lines(&ops);
        assert_eq!(side_lines(&lines, OpKind::Insert), ["1. one", "2. new", "3. two"]);
        assert_eq!(side_lines(&lines, OpKind::Delete), ["1. one", "2. two"]);
        assert!(lines.iter().all(|l| matches!(l.style, LineStyle::Numbered { depth: 0 })));
    }

    #[test]
    fn a_split_paragraph_marks_the_new_break() {
        let ops = [op(OpKind::Equal, "First part."), op(OpKind::Delete, " "), op(OpKind::Insert, "\n\n"), op(OpKind::Equal, "Second part.\n")];
        let lines = lines(&ops);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].mark, OpKind::Insert);
        assert_eq!(side_lines(&lines, OpKind::Insert), ["First part.", "Second part."]);
        assert_eq!(side_lines(&lines, OpKind::Delete), ["First part. Second part."]);
    }

    #[test]
    fn table_rows_are_matched_old_to_new() {
        let ops = [
            op(OpKind::Equal, "Processors:\n\n| Name | Use |\n| --- | --- |\n| Stripe | Pay"),
            op(OpKind::Delete, "ments"),
            op(OpKind::Insert, "ing"),
            op(OpKind::Equal, " |\n"),
            op(OpKind::Insert, "| Fly | Hosting |\n"),
            op(OpKind::Equal, "|  | empty first |\n\nThe end.\n"),
        ];
        let blocks = blocks(&ops);
        assert!(matches!(&blocks[0], Block::Line(l) if shown(l) == [(OpKind::Equal, "Processors:")]));
        let Block::Table { rows } = &blocks[1] else { panic!("a table: {blocks:?}") };
        let kinds: Vec<(OpKind, bool)> = rows.iter().map(|r| (r.kind, r.header)).collect();
        assert_eq!(kinds, [(OpKind::Equal, true), (OpKind::Equal, false), (OpKind::Insert, false), (OpKind::Equal, false)]);
        let cell = |r: usize, c: usize| rows[r].cells[c].iter().map(|x| (x.op, x.text.as_str())).collect::<Vec<_>>();
        assert_eq!(cell(1, 0), [(OpKind::Equal, "Stripe")]);
        assert_eq!(cell(1, 1), [(OpKind::Equal, "Pay"), (OpKind::Delete, "ments"), (OpKind::Insert, "ing")]);
        assert_eq!(cell(2, 1), [(OpKind::Insert, "Hosting")]);
        assert_eq!(cell(3, 0), []);
        assert_eq!(cell(3, 1), [(OpKind::Equal, "empty first")]);
        assert!(matches!(&blocks[2], Block::Line(l) if shown(l) == [(OpKind::Equal, "The end.")]));
    }

    #[test]
    fn a_rewritten_paragraph_is_deleted_then_inserted() {
        let ops = [op(OpKind::Equal, "Kept.\n\n"), op(OpKind::Delete, "Old words here.\n"), op(OpKind::Insert, "Quite different.\n")];
        let lines = lines(&ops);
        let marks: Vec<OpKind> = lines.iter().map(|l| l.mark).collect();
        assert_eq!(marks, [OpKind::Equal, OpKind::Delete, OpKind::Insert]);
    }

    #[test]
    fn words_compare_as_split_whitespace_does() {
        for (a, b) in [("a b", " a\n\tb "), ("a\u{a0}b", "a b"), ("a\x0bb", "a b"), ("é b", "é  b"), ("ab", "a b"), ("a b", "a"), ("", "  "), ("“x”", "“x” y")] {
            assert_eq!(same_words(a, b), a.split_whitespace().eq(b.split_whitespace()), "{a:?} {b:?}");
        }
    }

    #[test]
    fn a_paragraph_that_runs_on_past_an_inserted_heading_reads_as_one() {
        // The old paragraph "we we [we.](…)" loses its words to new ones under a new heading,
        // and its last character is kept: on the old side it must still read "we.".
        let ops = [
            op(OpKind::Equal, "## A\n\n"),
            op(OpKind::Delete, "Old\n\nwe we [we"),
            op(OpKind::Insert, "New\n\nkeep keep keep"),
            op(OpKind::Equal, "."),
            op(OpKind::Delete, "](https://x.example/we.)\n\nmore"),
            op(OpKind::Insert, "\n\n## B\n\nkeep"),
            op(OpKind::Equal, "\n"),
        ];
        let both = blocks(&ops);
        let side = |gone: OpKind| ops.iter().filter(|o| o.op != gone).map(|o| o.text.as_str()).collect::<String>();
        assert_eq!(shown_words(&both, OpKind::Insert), side_words(&side(OpKind::Insert)));
        assert_eq!(shown_words(&both, OpKind::Delete), side_words(&side(OpKind::Delete)));
        assert!(shows_each_side(&ops));
    }
}
