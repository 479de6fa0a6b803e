//! Redlines: a comparison as a Word file whose changes are real revisions (w:ins, w:del) that
//! Word and LibreOffice can accept or reject, and as one inline HTML page.
//!
//! The comparison's ops are the two sides' Markdown in reading order. Each line becomes a
//! paragraph; its heading or bullet mark becomes a style, and emphasis marks are dropped, the
//! same way on both sides, so accepting every change gives the new text and rejecting every
//! change gives the old.

use super::docx::{base, pack};
use super::RedlineSides;
use crate::diff::{Comparison, OpKind};
use crate::error::Result;
use crate::render::{escape_html, sanitize};
use docx_rs::{Delete, Insert, IndentLevel, NumberingId, Paragraph, Run};

/// Text with the change it belongs to, in reading order.
type Runs = Vec<(OpKind, String)>;

/// A line of the redline: runs of text with their change, and what happened to its end (the
/// paragraph mark).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub runs: Runs,
    pub mark: OpKind,
    pub style: LineStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineStyle {
    Title,
    Heading(u8),
    Bullet,
    Body,
}

/// The length of a line's block mark ("## ", "- ") and the style it gives.
fn mark_of(text: &str) -> (usize, LineStyle) {
    let hashes = text.chars().take_while(|c| *c == '#').count();
    if hashes > 0 && text[hashes..].starts_with(' ') {
        let style = if hashes == 1 { LineStyle::Title } else { LineStyle::Heading((hashes - 1).min(3) as u8) };
        return (hashes + 1, style);
    }
    if text.starts_with("- ") || text.starts_with("* ") {
        return (2, LineStyle::Bullet);
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
    let side = |keep: OpKind| -> String { runs.iter().filter(|(k, _)| *k == OpKind::Equal || *k == keep).map(|(_, t)| t.as_str()).collect() };
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

/// A Word file with tracked changes by the newer side's author, at its date.
pub fn docx(c: &Comparison, sides: &RedlineSides) -> Result<Vec<u8>> {
    let (author, date) = (sides.meta.author.as_str(), sides.meta.date.as_str());
    let title = format!("Redline: {} → {}", sides.old_name, sides.new_name);
    let meta = super::Meta { title: title.clone(), author: author.to_owned(), date: date.to_owned() };
    let mut doc = base(&meta);
    for line in lines(c) {
        let mut p = match line.style {
            LineStyle::Title => Paragraph::new().style("Title"),
            LineStyle::Heading(l) => Paragraph::new().style(&format!("Heading{l}")),
            LineStyle::Bullet => Paragraph::new().numbering(NumberingId::new(1), IndentLevel::new(0)),
            LineStyle::Body => Paragraph::new(),
        };
        for (kind, text) in &line.runs {
            p = match kind {
                OpKind::Equal => p.add_run(Run::new().add_text(text.clone())),
                OpKind::Insert => p.add_insert(Insert::new(Run::new().add_text(text.clone())).author(author).date(date)),
                OpKind::Delete => p.add_delete(Delete::new().add_run(Run::new().add_delete_text(text.clone())).author(author).date(date)),
            };
        }
        p = match line.mark {
            OpKind::Insert => p.insert(author, date),
            OpKind::Delete => p.delete(author, date),
            OpKind::Equal => p,
        };
        doc = doc.add_paragraph(p);
    }
    pack(doc, &meta)
}

/// One page with the whole text, deletions struck through in red and insertions underlined
/// in green, and the summary of changes first. It runs nothing (security S7).
pub fn html_inline(c: &Comparison, sides: &RedlineSides) -> String {
    let mut body = format!(
        "<h1>Redline</h1><p class=\"sides\">{} → {}</p><p class=\"summary\">{}</p>",
        escape_html(&sides.old_name),
        escape_html(&sides.new_name),
        escape_html(&c.summary())
    );
    for line in lines(c) {
        let tag = match line.style {
            LineStyle::Title => "h2",
            LineStyle::Heading(1) => "h3",
            LineStyle::Heading(_) => "h4",
            LineStyle::Bullet => "li",
            LineStyle::Body => "p",
        };
        let class = match line.mark {
            OpKind::Insert => " class=\"added\"",
            OpKind::Delete => " class=\"removed\"",
            OpKind::Equal => "",
        };
        body.push_str(&format!("<{tag}{class}>"));
        for (kind, text) in &line.runs {
            match kind {
                OpKind::Equal => body.push_str(&escape_html(text)),
                OpKind::Delete => body.push_str(&format!("<del>{}</del>", escape_html(text))),
                OpKind::Insert => body.push_str(&format!("<ins>{}</ins>", escape_html(text))),
            }
        }
        body.push_str(&format!("</{tag}>\n"));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>\n{}\n</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape_html(&format!("Redline: {} → {}", sides.old_name, sides.new_name)),
        include_str!("../../../../assets/export/redline.css"),
        sanitize(&body)
    )
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

    /// The text of one side, line by line, as the redline's reader would see it.
    fn side(lines: &[Line], keep: OpKind) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut carry = String::new();
        for l in lines {
            carry.push_str(&l.runs.iter().filter(|(k, _)| *k == OpKind::Equal || *k == keep).map(|(_, t)| t.as_str()).collect::<String>());
            let gone = if keep == OpKind::Insert { OpKind::Delete } else { OpKind::Insert };
            if l.mark != gone {
                out.push(std::mem::take(&mut carry));
            }
        }
        if !carry.is_empty() {
            out.push(carry);
        }
        out.into_iter().filter(|l| !l.trim().is_empty()).collect()
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
        assert_eq!(styles, [LineStyle::Title, LineStyle::Heading(1), LineStyle::Body, LineStyle::Heading(1), LineStyle::Bullet]);
        assert_eq!(side(&lines, OpKind::Insert), ["Policy", "Retention", "We keep logs.", "Contact", "Write to us."]);
        assert_eq!(side(&lines, OpKind::Delete), ["Policy", "Re", "Write to us today."]);
    }
}
