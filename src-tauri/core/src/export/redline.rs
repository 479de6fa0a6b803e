//! Redlines: a comparison as lines and tables of changes (which the Word, PDF and inline HTML
//! redlines share), and as a Word file whose changes are real revisions (w:ins, w:del) that
//! Word and LibreOffice can accept or reject.
//!
//! The comparison's ops are the two sides' Markdown in reading order. Each line becomes a
//! paragraph; its heading or list mark becomes a style, and emphasis marks are dropped, the
//! same way on both sides, so accepting every change gives the new text and rejecting every
//! change gives the old. A Markdown table becomes a real table: its rows are matched old to new,
//! a row only one side has is a tracked row insertion or deletion, and a row both have shows the
//! changed words in its cells.

use super::docx::{BULLETS, base, pack};
use super::RedlineSides;
use crate::diff::{Comparison, OpKind, word_ops};
use crate::error::Result;
use docx_rs::{Delete, Insert, IndentLevel, LineSpacing, NumberingId, Paragraph, Run, SpecialIndentType, Table, TableCell, TableRow};

/// Text with the change it belongs to, in reading order.
pub(super) type Runs = Vec<(OpKind, String)>;

/// A line of the redline: runs of text with their change, and what happened to its end (the
/// paragraph mark).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub runs: Runs,
    pub mark: OpKind,
    pub style: LineStyle,
}

/// A line's style; lists carry their nesting depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineStyle {
    Title,
    Heading(u8),
    Bullet(u8),
    /// A numbered item keeps its number as text, so inserting an item shows every renumbering.
    Numbered(u8),
    Body,
}

/// The length of a line's block mark ("## ", "  - ", or the indent of "  2. ") and the style it
/// gives.
fn mark_of(text: &str) -> (usize, LineStyle) {
    let hashes = text.chars().take_while(|c| *c == '#').count();
    if hashes > 0 && text[hashes..].starts_with(' ') {
        let style = if hashes == 1 { LineStyle::Title } else { LineStyle::Heading((hashes - 1).min(3) as u8) };
        return (hashes + 1, style);
    }
    let rest = text.trim_start_matches(' ');
    let indent = text.len() - rest.len();
    let depth = (indent / 2).min(8) as u8;
    if rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("+ ") {
        return (indent + 2, LineStyle::Bullet(depth));
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..10).contains(&digits) && (rest[digits..].starts_with(". ") || rest[digits..].starts_with(") ")) {
        return (indent, LineStyle::Numbered(depth));
    }
    (0, LineStyle::Body)
}

/// Emphasis and code marks go, and a link whole within one run keeps only its text; the same
/// on both sides.
fn clean(text: &str) -> String {
    let text = text.replace("**", "").replace('`', "");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find('[') {
        let link = rest[open..].find("](").and_then(|mid| {
            let inner = &rest[open + 1..open + mid];
            let close = rest[open + mid..].find(')')?;
            (!inner.contains('[')).then_some((inner, open + mid + close + 1))
        });
        match link {
            Some((inner, end)) => {
                out.push_str(&rest[..open]);
                out.push_str(inner);
                rest = &rest[end..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The comparison as lines. Blank lines are dropped; a line's mark is deleted (or inserted)
/// only when every line break up to the next line with text was.
pub(super) fn lines(c: &Comparison) -> Vec<Line> {
    // Split the ops at newlines: (runs, the newline's kind).
    let mut raw: Vec<(Runs, Option<OpKind>)> = vec![(Vec::new(), None)];
    for op in &c.ops {
        let mut parts = op.text.split('\n').peekable();
        while let Some(part) = parts.next() {
            if let (false, Some(cur)) = (part.is_empty(), raw.last_mut()) {
                cur.0.push((op.op, part.to_owned()));
            }
            if parts.peek().is_some() {
                if let Some(cur) = raw.last_mut() {
                    cur.1 = Some(op.op);
                }
                raw.push((Vec::new(), None));
            }
        }
    }
    let mut out: Vec<Line> = Vec::new();
    let mut pending: Option<(Runs, Vec<OpKind>)> = None;
    for (runs, newline) in raw {
        let has_text = runs.iter().any(|(_, t)| !t.trim().is_empty());
        if has_text {
            if let Some((r, marks)) = pending.take() {
                out.push(finish(r, &marks));
            }
            pending = Some((runs, newline.into_iter().collect()));
        } else if let Some((_, marks)) = pending.as_mut() {
            marks.extend(newline);
        }
    }
    if let Some((r, marks)) = pending {
        out.push(finish(r, &marks));
    }
    out
}

fn finish(runs: Runs, marks: &[OpKind]) -> Line {
    let mark = if !marks.is_empty() && marks.iter().all(|m| *m == OpKind::Delete) {
        OpKind::Delete
    } else if !marks.is_empty() && marks.iter().all(|m| *m == OpKind::Insert) {
        OpKind::Insert
    } else {
        OpKind::Equal
    };
    // Each side loses its own block mark.
    let side = |keep: OpKind| side_text(&runs, keep);
    let (new_len, new_style) = mark_of(&side(OpKind::Insert));
    let (old_len, old_style) = mark_of(&side(OpKind::Delete));
    let style = if side(OpKind::Insert).trim().is_empty() { old_style } else { new_style };
    let (mut rem_old, mut rem_new) = (old_len, new_len);
    let mut cleaned = Vec::new();
    for (kind, text) in runs {
        let strip = match kind {
            OpKind::Equal => rem_old.min(rem_new),
            OpKind::Delete => rem_old,
            OpKind::Insert => rem_new,
        }
        .min(text.len());
        let strip = (0..=strip).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        match kind {
            OpKind::Equal => {
                rem_old -= strip.min(rem_old);
                rem_new -= strip.min(rem_new);
            }
            OpKind::Delete => rem_old -= strip,
            OpKind::Insert => rem_new -= strip,
        }
        let t = clean(&text[strip..]);
        if !t.is_empty() {
            cleaned.push((kind, t));
        }
    }
    Line { runs: cleaned, mark, style }
}

/// One side's text of some runs: the equal text and what that side alone has (`Delete` for the
/// old side, `Insert` for the new).
fn side_text(runs: &[(OpKind, String)], keep: OpKind) -> String {
    runs.iter().filter(|(k, _)| *k == OpKind::Equal || *k == keep).map(|(_, t)| t.as_str()).collect()
}

/// Each side's text of some lines, a paragraph a line: a line whose paragraph mark the other side
/// added joins the next one, as Word's accept-all and reject-all do.
pub(super) fn side_lines(lines: &[Line], keep: OpKind) -> Vec<String> {
    let gone = if keep == OpKind::Insert { OpKind::Delete } else { OpKind::Insert };
    let mut out: Vec<String> = Vec::new();
    let mut carry = String::new();
    for l in lines {
        carry.push_str(&side_text(&l.runs, keep));
        if l.mark != gone {
            out.push(std::mem::take(&mut carry));
        }
    }
    if !carry.is_empty() {
        out.push(carry);
    }
    out.into_iter().filter(|l| !l.trim().is_empty()).collect()
}

/// A piece of the redline: a paragraph, or a table.
pub(super) enum Item {
    Line(Line),
    Table(Vec<RowChange>),
}

/// A table row: in both versions (`Equal`, its cells showing any changed words), or only in the
/// new (`Insert`) or the old (`Delete`).
pub(super) struct RowChange {
    pub kind: OpKind,
    pub header: bool,
    pub cells: Vec<Runs>,
}

/// The redline as paragraphs and tables.
pub(super) fn items(c: &Comparison) -> Vec<Item> {
    let lines = lines(c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A table is a run of table lines whose first and last paragraph marks are in both
        // versions, so no line of it joins text outside it on either side.
        let mut end = i;
        if i == 0 || lines[i - 1].mark == OpKind::Equal {
            while end < lines.len() && is_table_line(&lines[end]) {
                end += 1;
            }
            while end > i && lines[end - 1].mark != OpKind::Equal {
                end -= 1;
            }
        }
        if end > i {
            out.push(Item::Table(table(&lines[i..end])));
            i = end;
        } else {
            out.push(Item::Line(lines[i].clone()));
            i += 1;
        }
    }
    out
}

fn is_table_line(line: &Line) -> bool {
    let (old, new) = (side_text(&line.runs, OpKind::Delete), side_text(&line.runs, OpKind::Insert));
    let row = |t: &str| t.trim().is_empty() || t.trim_start().starts_with('|');
    line.style == LineStyle::Body && row(&old) && row(&new) && !(old.trim().is_empty() && new.trim().is_empty())
}

/// "| --- | :-: |": the line under a table's header.
fn is_separator(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A row's cells: split at unescaped pipes, the outer pipes dropped, `\|` read as `|`.
fn cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = line.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(s) = cells.last_mut() {
                    s.push('|');
                }
            }
            '|' => cells.push(String::new()),
            c => {
                if let Some(s) = cells.last_mut() {
                    s.push(c);
                }
            }
        }
    }
    if line.trim_start().starts_with('|') {
        cells.remove(0);
    }
    if line.trim_end().ends_with('|') && !line.trim_end().ends_with("\\|") {
        cells.pop();
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// Matches one table's rows old to new: equal rows stay, a changed row with the same number of
/// cells shows its words changed, and any other row is inserted or deleted whole.
fn table(lines: &[Line]) -> Vec<RowChange> {
    let rows = |keep| side_lines(lines, keep).iter().filter(|l| !is_separator(l)).map(|l| cells(l)).collect::<Vec<_>>();
    let (old, new) = (rows(OpKind::Delete), rows(OpKind::Insert));
    let key = |rows: &[Vec<String>]| rows.iter().map(|r| r.join("\u{1f}")).collect::<Vec<_>>();
    let whole = |kind: OpKind, row: &[String], header: bool| RowChange {
        kind,
        header,
        cells: row.iter().map(|c| if c.is_empty() { vec![] } else { vec![(kind, c.clone())] }).collect(),
    };
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &key(&old), &key(&new)) {
        let (_, o, n) = op.as_tag_tuple();
        let pairs = o.len().min(n.len());
        for (a, b) in o.clone().zip(n.clone()).take(pairs) {
            let header = a == 0 || b == 0;
            if old[a].len() == new[b].len() {
                let cells = old[a].iter().zip(&new[b]).map(|(x, y)| word_ops(x, y).into_iter().map(|op| (op.op, op.text)).collect()).collect();
                out.push(RowChange { kind: OpKind::Equal, header, cells });
            } else {
                out.push(whole(OpKind::Delete, &old[a], header));
                out.push(whole(OpKind::Insert, &new[b], header));
            }
        }
        out.extend(o.skip(pairs).map(|a| whole(OpKind::Delete, &old[a], a == 0)));
        out.extend(n.skip(pairs).map(|b| whole(OpKind::Insert, &new[b], b == 0)));
    }
    out
}

/// Adds runs to a paragraph as plain, inserted and deleted text.
fn add_runs(mut p: Paragraph, runs: &Runs, bold: bool, author: &str, date: &str) -> Paragraph {
    for (kind, text) in runs {
        let run = |r: Run| if bold { r.bold() } else { r };
        p = match kind {
            OpKind::Equal => p.add_run(run(Run::new().add_text(text.clone()))),
            OpKind::Insert => p.add_insert(Insert::new(run(Run::new().add_text(text.clone()))).author(author).date(date)),
            OpKind::Delete => p.add_delete(Delete::new().add_run(run(Run::new().add_delete_text(text.clone()))).author(author).date(date)),
        };
    }
    p
}

/// A Word file with tracked changes by the newer side's author, at its date.
pub fn docx(c: &Comparison, sides: &RedlineSides) -> Result<Vec<u8>> {
    let (author, date) = (sides.meta.author.as_str(), sides.meta.date.as_str());
    let title = format!("Redline: {} → {}", sides.old_name, sides.new_name);
    let meta = super::Meta { title: title.clone(), author: author.to_owned(), date: date.to_owned() };
    let mut doc = base(&meta);
    for item in items(c) {
        let line = match item {
            Item::Line(line) => line,
            Item::Table(rows) => {
                let rows = rows.iter().map(|r| {
                    let cells = r.cells.iter().map(|runs| TableCell::new().add_paragraph(add_runs(Paragraph::new(), runs, r.header, author, date)));
                    let row = TableRow::new(cells.collect());
                    match r.kind {
                        OpKind::Insert => row.insert(Insert::new_with_empty().author(author).date(date)),
                        OpKind::Delete => row.delete(Delete::new().author(author).date(date)),
                        OpKind::Equal => row,
                    }
                });
                doc = doc.add_table(Table::new(rows.collect()));
                continue;
            }
        };
        let p = match line.style {
            LineStyle::Title => Paragraph::new().style("Title"),
            LineStyle::Heading(l) => Paragraph::new().style(&format!("Heading{l}")),
            LineStyle::Bullet(depth) => {
                Paragraph::new().numbering(NumberingId::new(BULLETS), IndentLevel::new(depth.into())).line_spacing(LineSpacing::new().after(40))
            }
            LineStyle::Numbered(depth) => Paragraph::new().indent(Some(360 * (i32::from(depth) + 1)), Some(SpecialIndentType::Hanging(360)), None, None),
            LineStyle::Body => Paragraph::new(),
        };
        let p = add_runs(p, &line.runs, false, author, date);
        doc = doc.add_paragraph(match line.mark {
            OpKind::Insert => p.insert(author, date),
            OpKind::Delete => p.delete(author, date),
            OpKind::Equal => p,
        });
    }
    pack(doc, &meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{DiffOp, DiffStats};

    fn op(op: OpKind, text: &str) -> DiffOp {
        DiffOp { op, text: text.into() }
    }

    fn comparison(ops: Vec<DiffOp>) -> Comparison {
        Comparison { stats: DiffStats::default(), sections: vec![], ops }
    }


    #[test]
    fn links_keep_their_text() {
        assert_eq!(clean("Write to [us](mailto:a@b.example) or [see](https://x.example)."), "Write to us or see.");
        assert_eq!(clean("a [half link and **bold**"), "a [half link and bold");
    }

    #[test]
    fn marks_become_styles_and_each_side_reads_as_itself() {
        let c = comparison(vec![
            op(OpKind::Equal, "# Policy\n\n## Re"),
            op(OpKind::Insert, "tention\n\nWe keep logs.\n\n## Contact"),
            op(OpKind::Equal, "\n\n- Write to **us**"),
            op(OpKind::Delete, " today"),
            op(OpKind::Equal, ".\n"),
        ]);
        let lines = lines(&c);
        let styles: Vec<LineStyle> = lines.iter().map(|l| l.style).collect();
        assert_eq!(styles, [LineStyle::Title, LineStyle::Heading(1), LineStyle::Body, LineStyle::Heading(1), LineStyle::Bullet(0)]);
        assert_eq!(side_lines(&lines, OpKind::Insert), ["Policy", "Retention", "We keep logs.", "Contact", "Write to us."]);
        assert_eq!(side_lines(&lines, OpKind::Delete), ["Policy", "Re", "Write to us today."]);
    }

    #[test]
    fn nested_and_numbered_items_keep_their_depth() {
        assert_eq!(mark_of("- a"), (2, LineStyle::Bullet(0)));
        assert_eq!(mark_of("    * b"), (6, LineStyle::Bullet(2)));
        assert_eq!(mark_of("  12. c"), (2, LineStyle::Numbered(1)));
        assert_eq!(mark_of("2025 was a year"), (0, LineStyle::Body));
    }

    #[test]
    fn cells_split_at_unescaped_pipes() {
        assert_eq!(cells("| Stripe | Pay \\| bill |  |"), ["Stripe", "Pay | bill", ""]);
        assert!(is_separator("| --- | :-: |") && !is_separator("| a | - |"));
    }

    #[test]
    fn table_rows_are_matched_old_to_new() {
        let c = comparison(vec![
            op(OpKind::Equal, "Processors:\n\n| Name | Use |\n| --- | --- |\n| Stripe | Pay"),
            op(OpKind::Delete, "ments"),
            op(OpKind::Insert, "ing"),
            op(OpKind::Equal, " |\n"),
            op(OpKind::Insert, "| Fly | Hosting |\n"),
            op(OpKind::Equal, "\nThe end.\n"),
        ]);
        let items = items(&c);
        assert!(matches!(&items[0], Item::Line(l) if l.runs == [(OpKind::Equal, "Processors:".to_owned())]));
        let Item::Table(rows) = &items[1] else { panic!("a table") };
        let kinds: Vec<(OpKind, bool)> = rows.iter().map(|r| (r.kind, r.header)).collect();
        assert_eq!(kinds, [(OpKind::Equal, true), (OpKind::Equal, false), (OpKind::Insert, false)]);
        assert_eq!(rows[1].cells[0], [(OpKind::Equal, "Stripe".to_owned())]);
        assert_eq!(rows[1].cells[1], [(OpKind::Delete, "Payments".to_owned()), (OpKind::Insert, "Paying".to_owned())]);
        assert_eq!(rows[2].cells, [vec![(OpKind::Insert, "Fly".to_owned())], vec![(OpKind::Insert, "Hosting".to_owned())]]);
        assert!(matches!(&items[2], Item::Line(l) if l.runs == [(OpKind::Equal, "The end.".to_owned())]));
    }
}
