//! The redline a line diff gives, as a floor: lines aligned first, then each run of changed
//! lines word-diffed as one text, as `git diff --word-diff` does, so words the two sides share
//! across lines of a rewritten passage (a "to", an "our") stay unmarked. `compare` keeps the
//! section-aware redline unless this one marks fewer words, so no redline is coarser than a
//! line diff's (issue #15).

use super::words::{Work, into_hunks, marked, push, text_key};
use super::formatted;
use super::{DiffOp, OpKind, Row, blocks, units};
use imara_diff::{Algorithm, Diff, InternedInput};
use std::collections::HashMap;
use std::ops::Range;

/// The two texts compared line by line, then word by word inside each changed run of lines;
/// one row per paragraph where both sides agree. Lines are aligned two ways, as git's default
/// (Myers) and `--histogram` diffs do, and the redline that marks fewer words is kept: neither
/// alignment is the better one on every real policy history. None when a changed run is too
/// large to word-diff (or time is up): the section-aware redline compares such runs by their
/// pieces already, so a line diff has nothing finer to offer.
pub fn rows(old: &str, new: &str, work: &Work) -> Option<Vec<Row>> {
    let options = work.options;
    let ol: Vec<&str> = crate::lines::inclusive(old).collect();
    let nl: Vec<&str> = crate::lines::inclusive(new).collect();
    let ok: Vec<_> = ol.iter().map(|l| text_key(l, options)).collect();
    let nk: Vec<_> = nl.iter().map(|l| text_key(l, options)).collect();
    let mut input: InternedInput<&str> = InternedInput::default();
    // Lines match by their words: a line of spaces pairs with a blank line, and a line whose
    // trailing spaces changed shows them changed inside a pair.
    input.update_before(ok.iter().map(|k| k.trim_end()));
    input.update_after(nk.iter().map(|k| k.trim_end()));
    let mut alignments: Vec<Vec<(Range<usize>, Range<usize>)>> = Vec::new();
    for algorithm in [Algorithm::Myers, Algorithm::Histogram] {
        let mut diff = Diff::compute(algorithm, &input);
        // Slide each changed run of lines as git's indent heuristic does (inserted list items
        // end before a blank line, not after it), so the runs word-diffed as one text are
        // those a reader sees as one change.
        diff.postprocess_lines(&input);
        let hunks: Vec<_> = diff.hunks().map(|h| (h.before.start as usize..h.before.end as usize, h.after.start as usize..h.after.end as usize)).collect();
        if !alignments.contains(&hunks) {
            alignments.push(hunks);
        }
    }
    let mut best: Option<Vec<DiffOp>> = None;
    for hunks in alignments {
        let mut ops = Vec::new();
        let (mut o, mut n) = (0, 0);
        for (before, after) in hunks {
            same_lines(&ol[o..before.start], &nl[n..after.start], work, &mut ops)?;
            changed(&ol[before.clone()].concat(), &nl[after.clone()].concat(), work, &mut ops)?;
            (o, n) = (before.end, after.end);
        }
        same_lines(&ol[o..], &nl[n..], work, &mut ops)?;
        let ops = into_hunks(ops);
        if best.as_ref().is_none_or(|b| marked(&ops) < marked(b)) {
            best = Some(ops);
        }
    }
    best.map(paragraphs)
}

/// Whether the redline read as a document (`formatted`) shows, on each side, the words that
/// side shows alone. A line diff's runs may cross paragraph and list boundaries in shapes the
/// section-aware redline never makes; where the document view could not show such a redline
/// faithfully, the section-aware one (`blocks`) is kept. Each stretch of changed rows is checked
/// on its own (rows start after a blank line both sides share), so the cost follows the change,
/// and a row `blocks` has too (the same ops from the same place) needs no check.
pub fn reads_as_each_side(rows: &[Row], blocks: &[Row]) -> bool {
    let known: HashMap<(usize, usize), &Row> = starts(blocks).zip(blocks).collect();
    let needs: Vec<bool> = starts(rows)
        .zip(rows)
        .map(|(at, r)| r.ops.iter().any(|o| o.op != OpKind::Equal) && known.get(&at).is_none_or(|b| b.ops != r.ops))
        .collect();
    let mut k = 0;
    needs.chunk_by(|a, b| a == b).all(|run| {
        let (from, to) = (k, k + run.len());
        k = to;
        !run[0] || formatted::shows_each_side(&rows[from..to].iter().flat_map(|r| r.ops.iter().cloned()).collect::<Vec<_>>())
    })
}

/// Where each row starts in the old text and in the new.
fn starts(rows: &[Row]) -> impl Iterator<Item = (usize, usize)> + '_ {
    rows.iter().scan((0, 0), |at, r| {
        let start = *at;
        for o in &r.ops {
            match o.op {
                OpKind::Equal => *at = (at.0 + o.text.len(), at.1 + o.text.len()),
                OpKind::Delete => at.0 += o.text.len(),
                OpKind::Insert => at.1 += o.text.len(),
            }
        }
        Some(start)
    })
}

/// Lines matched (equal, or equal under the options: the differences shown word by word).
fn same_lines(old: &[&str], new: &[&str], work: &Work, ops: &mut Vec<DiffOp>) -> Option<()> {
    for (a, b) in old.iter().zip(new) {
        if a == b {
            push(ops, OpKind::Equal, a);
        } else {
            changed(a, b, work, ops)?;
        }
    }
    Some(())
}

/// A changed run of lines, word by word; None when that is not affordable (the section-aware
/// redline compares such a run by its pieces already) or time is up.
fn changed(old: &str, new: &str, work: &Work, ops: &mut Vec<DiffOp>) -> Option<()> {
    if old.is_empty() || new.is_empty() {
        push(ops, OpKind::Delete, old);
        push(ops, OpKind::Insert, new);
        return Some(());
    }
    if !work.in_time() {
        return None;
    }
    // No word pairs across a table's rows or cells: a run with table rows is compared piece by
    // piece, tables row by row, as the section-aware redline does.
    if [old, new].iter().any(|t| t.lines().any(units::is_row)) {
        blocks::diff_blocks(old, new, work).iter().flat_map(|r| &r.ops).for_each(|op| push(ops, op.op, &op.text));
        return Some(());
    }
    work.diff_words(old, new, ops).then_some(())
}

/// Whether a line diff could mark fewer words than these rows: only where they delete or insert
/// text across a line break (a paragraph, a line or a list item replaced whole) and that row or
/// a neighbour changes text the other way, as a rewritten passage does. A word diff inside
/// paired lines is what a line diff does too, and lines only added (or only removed) are
/// marked by a line diff as well.
pub fn could_do_better(rows: &[Row]) -> bool {
    let has = |r: &Row, kind: OpKind| r.ops.iter().any(|o| o.op == kind && !o.text.trim().is_empty());
    let across = |r: &Row, kind: OpKind| r.ops.iter().any(|o| o.op == kind && o.text.trim().contains('\n'));
    (0..rows.len()).any(|i| {
        let near = &rows[i.saturating_sub(1)..(i + 2).min(rows.len())];
        [(OpKind::Delete, OpKind::Insert), (OpKind::Insert, OpKind::Delete)]
            .into_iter()
            .any(|(whole, other)| across(&rows[i], whole) && near.iter().any(|r| has(r, other)))
    })
}

/// Cuts the ops into rows after each blank line both sides share.
fn paragraphs(ops: Vec<DiffOp>) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut row: Vec<DiffOp> = Vec::new();
    for op in ops {
        if op.op != OpKind::Equal {
            row.push(op);
            continue;
        }
        let mut rest = op.text.as_str();
        while let Some(end) = units::paragraph_end(rest) {
            push(&mut row, OpKind::Equal, &rest[..end]);
            rows.push(Row::new(std::mem::take(&mut row)));
            rest = &rest[end..];
        }
        push(&mut row, OpKind::Equal, rest);
    }
    if !row.is_empty() {
        rows.push(Row::new(row));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::words::marked;
    use crate::diff::DiffOptions;
    use std::time::{Duration, Instant};

    fn flat(a: &str, b: &str) -> Vec<Row> {
        rows(a, b, &Work::new(DiffOptions::default(), Instant::now() + Duration::from_secs(5))).unwrap()
    }

    fn side(rows: &[Row], skip: OpKind) -> String {
        rows.iter().flat_map(|r| &r.ops).filter(|o| o.op != skip).map(|o| o.text.as_str()).collect()
    }

    #[test]
    fn a_rewritten_passage_keeps_the_words_its_lines_share() {
        let a = "Intro.\n\nCookies help us to recognize you, customize your experience,\nanalyze the use of our Services.\n\nEnd.\n";
        let b = "Intro.\n\nThese may be used to:\n* simplify your experience;\n* monitor the use of our Site.\n\nEnd.\n";
        let r = flat(a, b);
        assert_eq!((side(&r, OpKind::Insert), side(&r, OpKind::Delete)), (a.to_owned(), b.to_owned()));
        // "to", "your", "experience", "the use of our" stay unmarked across the changed lines.
        let ops: Vec<DiffOp> = r.iter().flat_map(|r| r.ops.clone()).collect();
        assert!(marked(&ops) <= 20, "{ops:?}");
        assert_eq!(r.first().map(|r| r.ops.clone()), Some(vec![DiffOp { op: OpKind::Equal, text: "Intro.\n\n".into() }]));
    }

    #[test]
    fn spacing_alone_is_shown_and_both_sides_rebuild() {
        let (a, b) = ("one two  \nthree\n", "one two\nthree four\n");
        let r = flat(a, b);
        assert_eq!((side(&r, OpKind::Insert), side(&r, OpKind::Delete)), (a.to_owned(), b.to_owned()));
    }

    #[test]
    fn only_lines_replaced_next_to_a_change_the_other_way_are_worth_a_line_diff() {
        let op = |op, text: &str| DiffOp { op, text: text.into() };
        let row = |ops: Vec<DiffOp>| Row::new(ops);
        // A paragraph added whole: a line diff marks it too.
        let added = [row(vec![op(OpKind::Equal, "Intro.\n\n")]), row(vec![op(OpKind::Insert, "New line one\nand two.\n\n")])];
        assert!(!could_do_better(&added));
        // Words changed inside one line: what a line diff does as well.
        let inline = [row(vec![op(OpKind::Equal, "Kept for "), op(OpKind::Delete, "30"), op(OpKind::Insert, "90"), op(OpKind::Equal, " days.\n")])];
        assert!(!could_do_better(&inline));
        // Lines removed whole beside lines added: a rewritten passage, whose shared words a
        // line diff may keep.
        let rewritten = [row(vec![op(OpKind::Delete, "We use it to\nrun the service.\n\n")]), row(vec![op(OpKind::Insert, "It is used to:\n* run the service.\n\n")])];
        assert!(could_do_better(&rewritten));
    }
}
