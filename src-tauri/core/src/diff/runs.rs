//! Text that crossed a section boundary. Sections are compared pair by pair, so a paragraph
//! that moved from a changed section into an added neighbour (a heading inserted above it, a
//! file split differently) would show deleted in one and inserted in the other, where a line
//! diff sees it unchanged. A run of added or removed sections and the changed pairs beside
//! them is therefore also compared as one text, and that redline is kept when it marks fewer
//! words.

use super::align::Step;
use super::{DiffSide, OpKind, Row, words};

/// Where the run of in-order steps that starts at `steps[k]` ends (exclusive): unmoved added
/// or removed sections, and the changed pairs beside them (text crosses into a neighbour, so
/// a run stays local and a long document is not compared twice). Worth comparing as one text
/// when it holds an added or removed section and either a pair or sections both removed and
/// added (one section replaced by another that keeps some of its text).
pub fn run_end(steps: &[Step], k: usize, old: &DiffSide, new: &DiffSide) -> (usize, bool) {
    let loose = |x: usize| matches!(steps.get(x), Some(Step::Removed { moved_to: None, .. } | Step::Added { moved_from: None, .. }));
    let joins = |x: usize| match steps[x] {
        Step::Pair { old: i, new: j } => {
            old.sections[i].text != new.sections[j].text && ((x > 0 && loose(x - 1)) || loose(x + 1))
        }
        _ => loose(x),
    };
    let end = (k..steps.len()).find(|&x| !joins(x)).unwrap_or(steps.len());
    let run = &steps[k..end];
    let pairs = run.iter().filter(|s| matches!(s, Step::Pair { .. })).count();
    let (removed, added) = (run.iter().any(|s| matches!(s, Step::Removed { .. })), run.iter().any(|s| matches!(s, Step::Added { .. })));
    (end, pairs < run.len() && (pairs > 0 || (removed && added)))
}

/// The run compared as one text: its rows in reading order, and for each step the rows that
/// start in its section (a row with new text goes where that text stands, else where its old
/// text stood).
/// `compare` turns the two joined texts into rows.
pub fn joint(run: &[Step], old: &DiffSide, new: &DiffSide, compare: impl Fn(&str, &str) -> Vec<Row>) -> (Vec<Row>, Vec<Vec<Row>>) {
    // Each side's sections in the run, in order, with the step that holds each.
    let mut olds: Vec<(usize, usize)> = Vec::new();
    let mut news: Vec<(usize, usize)> = Vec::new();
    for (k, s) in run.iter().enumerate() {
        match *s {
            Step::Pair { old: i, new: j } => {
                olds.push((i, k));
                news.push((j, k));
            }
            Step::Removed { old: i, .. } => olds.push((i, k)),
            Step::Added { new: j, .. } => news.push((j, k)),
        }
    }
    let a: String = olds.iter().map(|&(i, _)| old.sections[i].text.as_str()).collect();
    let b: String = news.iter().map(|&(j, _)| new.sections[j].text.as_str()).collect();
    let rows = compare(&a, &b);
    // Where each side's sections end in the joined text, and which step holds each.
    let ends = |parts: &[(usize, usize)], side: &DiffSide| {
        parts.iter().scan(0, |at, &(i, k)| {
            *at += side.sections[i].text.len();
            Some((*at, k))
        })
        .collect::<Vec<_>>()
    };
    let (old_ends, new_ends) = (ends(&olds, old), ends(&news, new));
    let owner = |ends: &[(usize, usize)], at: usize| ends.get(ends.partition_point(|(end, _)| *end <= at)).or(ends.last()).map_or(0, |e| e.1);
    let mut per_step = vec![Vec::new(); run.len()];
    let (mut po, mut pn) = (0, 0);
    for row in &rows {
        let len = |skip: OpKind| row.ops.iter().filter(|o| o.op != skip).map(|o| o.text.len()).sum::<usize>();
        let (lo, ln) = (len(OpKind::Insert), len(OpKind::Delete));
        let k = if ln > 0 { owner(&new_ends, pn) } else { owner(&old_ends, po) };
        per_step[k].push(row.clone());
        (po, pn) = (po + lo, pn + ln);
    }
    (rows, per_step)
}

/// Words marked inserted or deleted in these rows (`words::marked`).
pub fn marked(rows: &[Row]) -> u32 {
    rows.iter().map(|r| words::marked(&r.ops)).sum()
}
