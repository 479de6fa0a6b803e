//! The section-aware word diff (counsel's redline).
//!
//! 1. Align the two documents' sections: by identity where both come from this workspace, then
//!    by heading, then by content similarity. Pairs that keep their relative order are anchors;
//!    the rest are moved, unless only a heading pairs them and their texts share little (then
//!    one is removed and the other added).
//! 2. Inside a changed pair, align paragraphs, and word-diff only paired paragraphs, so a
//!    one-word edit shows as one word and unrelated paragraphs never interleave (`blocks.rs`).
//!    Added or removed sections and the changed pairs beside them are also compared as one
//!    text, kept when that marks fewer words (`runs.rs`): text that crossed a section boundary,
//!    or a section replaced by another that keeps some of its text.
//!    Each compared text is also compared as a line diff does where that may mark fewer words,
//!    lines first and then words inside each changed run of lines (`flat.rs`), kept when it
//!    does: a redline is never coarser than git's word diff (up to `FLOOR_BYTES` of text).
//! 3. Emit `ops` in reading order: joining equal+delete gives the old text, equal+insert the
//!    new text. A moved section is a delete where it was and an insert where it is.
//!
//! Work is bounded: word diffs share a deadline, and a paragraph pair too large for a word diff
//! (or met past the deadline) is compared by its lines, then sentences (`blocks.rs`), so no input
//! pair can freeze the app and no redline is coarser than a sentence.

mod align;
mod blocks;
mod flat;
pub mod formatted;
mod output;
mod runs;
mod sections;
mod units;
mod words;

pub use output::{json, text_redline};
pub use words::marked as marked_words;
pub use sections::{DiffSection, DiffSide};

use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffOptions {
    pub ignore_whitespace: bool,
    pub ignore_case: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    Equal,
    Delete,
    Insert,
}

/// A run of text in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffOp {
    pub op: OpKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SectionStatus {
    Unchanged,
    Changed,
    Added,
    Removed,
    Moved,
}

/// One row of the side-by-side view: a paragraph and its counterpart, as one run of ops in
/// reading order. The left side shows the equal and delete ops, the right the equal and insert.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Row {
    pub ops: Vec<DiffOp>,
    /// The same row read as a document (each side's Markdown rendered), for a view that shows
    /// rows; filled by `Comparison::with_shown_rows`, empty otherwise.
    #[serde(default)]
    pub shown: Vec<formatted::Block>,
}

impl Row {
    pub fn new(ops: Vec<DiffOp>) -> Row {
        Row { ops, shown: Vec::new() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SectionChange {
    pub status: SectionStatus,
    pub old_heading: Option<String>,
    pub new_heading: Option<String>,
    pub old_index: Option<u32>,
    pub new_index: Option<u32>,
    /// The heading changed (the section was renamed).
    pub renamed: bool,
    /// For a moved section: its text changed too.
    pub edited: bool,
    /// Paragraph rows for the side-by-side view.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffStats {
    pub words_added: u32,
    pub words_removed: u32,
    pub sections_added: u32,
    pub sections_removed: u32,
    pub sections_changed: u32,
    pub sections_moved: u32,
    pub sections_unchanged: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comparison {
    pub stats: DiffStats,
    pub sections: Vec<SectionChange>,
    pub ops: Vec<DiffOp>,
}

/// How long all word diffs of one comparison may take before they coarsen.
const BUDGET: Duration = Duration::from_millis(400);

pub fn compare(old: &DiffSide, new: &DiffSide, options: DiffOptions) -> Comparison {
    compare_with(old, new, options, true)
}

/// Compares section by section only: every section change's rows hold exactly its own old and
/// new text (no run of sections compared as one text), which is what deciding each change
/// needs (`review`).
pub fn compare_by_section(old: &DiffSide, new: &DiffSide, options: DiffOptions) -> Comparison {
    compare_with(old, new, options, false)
}

fn compare_with(old: &DiffSide, new: &DiffSide, options: DiffOptions, joint: bool) -> Comparison {
    let work = words::Work::new(options, Instant::now() + BUDGET);
    let mut out = Builder::default();
    let pair_change = |i: usize, j: usize, in_order: bool, rows: Vec<Row>| {
        let (a, b) = (&old.sections[i], &new.sections[j]);
        let same = rows.iter().all(|r| r.ops.iter().all(|o| o.op == OpKind::Equal));
        let status = match (in_order, same) {
            (true, true) => SectionStatus::Unchanged,
            (true, false) => SectionStatus::Changed,
            (false, _) => SectionStatus::Moved,
        };
        SectionChange {
            status,
            old_heading: Some(a.heading.clone()),
            new_heading: Some(b.heading.clone()),
            old_index: Some(i as u32),
            new_index: Some(j as u32),
            renamed: !words::same(&a.heading, &b.heading, options),
            edited: !same,
            rows,
        }
    };
    let paired = |i: usize, j: usize, in_order: bool| {
        let (a, b) = (&old.sections[i], &new.sections[j]);
        pair_change(i, j, in_order, rows(&a.text, &b.text, &work, joint))
    };
    // An in-order step as its own section change; `rows` as given, or the step's own.
    let change = |step: align::Step, rows: Option<Vec<Row>>| match step {
        align::Step::Pair { old: i, new: j } => match rows {
            Some(rows) => pair_change(i, j, true, rows),
            None => paired(i, j, true),
        },
        align::Step::Removed { old: i, .. } => {
            let a = &old.sections[i];
            SectionChange {
                status: SectionStatus::Removed,
                old_heading: Some(a.heading.clone()),
                new_heading: None,
                old_index: Some(i as u32),
                new_index: None,
                renamed: false,
                edited: false,
                rows: rows.unwrap_or_else(|| vec![Row::new(vec![DiffOp { op: OpKind::Delete, text: a.text.clone() }])]),
            }
        }
        align::Step::Added { new: j, .. } => {
            let b = &new.sections[j];
            SectionChange {
                status: SectionStatus::Added,
                old_heading: None,
                new_heading: Some(b.heading.clone()),
                old_index: None,
                new_index: Some(j as u32),
                renamed: false,
                edited: false,
                rows: rows.unwrap_or_else(|| vec![Row::new(vec![DiffOp { op: OpKind::Insert, text: b.text.clone() }])]),
            }
        }
    };
    let steps = align::align(old, new, options);
    let mut k = 0;
    while k < steps.len() {
        let (end, worth) = runs::run_end(&steps, k, old, new);
        if worth && joint {
            let run = &steps[k..end];
            let apart: Vec<SectionChange> = run.iter().map(|&s| change(s, None)).collect();
            let (rows, per_step) = runs::joint(run, old, new, |a, b| rows(a, b, &work, joint));
            if runs::marked(&rows) < apart.iter().map(|c| runs::marked(&c.rows)).sum() {
                out.joint(run, &rows, per_step, change);
            } else {
                apart.into_iter().for_each(|c| out.section(c));
            }
            k = end;
            continue;
        }
        for &step in &steps[k..end.max(k + 1)] {
            match step {
                align::Step::Removed { old: i, moved_to: Some(_) } => out.push(OpKind::Delete, &old.sections[i].text),
                // A moved section is listed where it now stands and counted by the words that
                // changed inside it, not as a rewrite.
                align::Step::Added { new: j, moved_from: Some(i) } => {
                    out.push(OpKind::Insert, &new.sections[j].text);
                    let c = paired(i, j, false);
                    out.count_words(&c.rows);
                    out.stats_for(SectionStatus::Moved);
                    out.sections.push(c);
                }
                s => out.section(change(s, None)),
            }
        }
        k = end.max(k + 1);
    }
    Comparison { stats: out.stats, sections: out.sections, ops: out.ops }
}

/// Texts longer than this together (about 60,000 words, beyond any real policy; a long document
/// rewritten whole) are compared block by block only: the line diff's floor and its document
/// check would more than double the time of the comparison.
const FLOOR_BYTES: usize = 400_000;

/// Two texts' rows: block by block (paragraphs, list items, table rows, then words), or, where
/// that replaces text across a line break and a line diff marks fewer words, line by line as
/// git's word diff does (`flat`), so no redline is coarser than git's. `floor` off: blocks only.
fn rows(a: &str, b: &str, work: &words::Work, floor: bool) -> Vec<Row> {
    let rows = blocks::diff_blocks(a, b, work);
    if floor && a.len() + b.len() <= FLOOR_BYTES && flat::could_do_better(&rows) {
        let fewer = |lines: &Vec<Row>| runs::marked(lines) < runs::marked(&rows);
        if let Some(lines) = flat::rows(a, b, work).filter(|lines| fewer(lines) && flat::reads_as_each_side(lines, &rows)) {
            return lines;
        }
    }
    rows
}

#[derive(Default)]
struct Builder {
    ops: Vec<DiffOp>,
    sections: Vec<SectionChange>,
    stats: DiffStats,
}

impl Builder {
    fn push(&mut self, op: OpKind, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.ops.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => self.ops.push(DiffOp { op, text: text.to_owned() }),
        }
    }

    /// Appends a run of steps compared as one text: its rows in reading order, and each step's
    /// section change with the rows that start in it.
    fn joint(&mut self, run: &[align::Step], rows: &[Row], per_step: Vec<Vec<Row>>, change: impl Fn(align::Step, Option<Vec<Row>>) -> SectionChange) {
        for row in rows {
            self.row(row);
        }
        for (&s, rows) in run.iter().zip(per_step) {
            let c = change(s, Some(rows));
            self.stats_for(c.status);
            self.sections.push(c);
        }
    }

    /// Appends a section change compared on its own.
    fn section(&mut self, change: SectionChange) {
        self.pair(&change);
        self.stats_for(change.status);
        self.sections.push(change);
    }

    /// Appends a section's rows to `ops`, counting their words.
    fn pair(&mut self, change: &SectionChange) {
        for row in &change.rows {
            self.row(row);
        }
    }

    fn row(&mut self, row: &Row) {
        for op in &row.ops {
            self.push(op.op, &op.text);
        }
        self.count_words(std::slice::from_ref(row));
    }

    fn count_words(&mut self, rows: &[Row]) {
        for op in rows.iter().flat_map(|r| &r.ops) {
            match op.op {
                OpKind::Delete => self.stats.words_removed += words::count(&op.text),
                OpKind::Insert => self.stats.words_added += words::count(&op.text),
                OpKind::Equal => {}
            }
        }
    }

    fn stats_for(&mut self, status: SectionStatus) {
        let s = &mut self.stats;
        match status {
            SectionStatus::Unchanged => s.sections_unchanged += 1,
            SectionStatus::Changed => s.sections_changed += 1,
            SectionStatus::Added => s.sections_added += 1,
            SectionStatus::Removed => s.sections_removed += 1,
            SectionStatus::Moved => s.sections_moved += 1,
        }
    }
}

impl Comparison {
    /// Fills each row's `shown`: what the compare view shows unless asked for the source.
    pub fn with_shown_rows(mut self) -> Comparison {
        for row in self.sections.iter_mut().flat_map(|s| s.rows.iter_mut()) {
            row.shown = formatted::blocks(&row.ops);
        }
        self
    }

    /// The old text, rebuilt from the ops (equal + delete).
    pub fn old_text(&self) -> String {
        self.ops.iter().filter(|o| o.op != OpKind::Insert).map(|o| o.text.as_str()).collect()
    }

    /// The new text, rebuilt from the ops (equal + insert).
    pub fn new_text(&self) -> String {
        self.ops.iter().filter(|o| o.op != OpKind::Delete).map(|o| o.text.as_str()).collect()
    }

    /// A one-line summary, e.g. "2 sections changed, 1 added; +14 −3 words".
    pub fn summary(&self) -> String {
        let s = &self.stats;
        let mut parts = Vec::new();
        for (n, what) in [
            (s.sections_changed, "changed"),
            (s.sections_added, "added"),
            (s.sections_removed, "removed"),
            (s.sections_moved, "moved"),
        ] {
            if n > 0 {
                parts.push(if parts.is_empty() {
                    format!("{n} {} {what}", if n == 1 { "section" } else { "sections" })
                } else {
                    format!("{n} {what}")
                });
            }
        }
        if parts.is_empty() {
            return "no changes".into();
        }
        format!("{}; +{} −{} words", parts.join(", "), s.words_added, s.words_removed)
    }
}
