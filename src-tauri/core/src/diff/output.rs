//! What the CLI's `diff` prints: text for a terminal and the JSON scripts read. They are output,
//! not files to keep, so they stay with the diff; every file format is written in `export/`.

use super::{Comparison, OpKind, SectionStatus};
use serde::Serialize;

/// Inline redline in reading order: `[-old-]{+new+}`, coloured when `color`.
pub fn text_redline(c: &Comparison, color: bool) -> String {
    let (del, ins, end) = if color { ("\x1b[31m[-", "\x1b[32m{+", "\x1b[0m") } else { ("[-", "{+", "") };
    c.ops
        .iter()
        .map(|o| match o.op {
            OpKind::Equal => o.text.clone(),
            OpKind::Delete => format!("{del}{}-]{end}", o.text),
            OpKind::Insert => format!("{ins}{}+}}{end}", o.text),
        })
        .collect()
}

/// The JSON shape of `diff --format json`.
#[derive(Serialize)]
pub struct JsonComparison<'a> {
    stats: &'a super::DiffStats,
    sections: Vec<JsonSection<'a>>,
    ops: &'a [super::DiffOp],
}

#[derive(Serialize)]
struct JsonSection<'a> {
    status: SectionStatus,
    old_heading: Option<&'a str>,
    new_heading: Option<&'a str>,
    old_index: Option<u32>,
    new_index: Option<u32>,
    renamed: bool,
}

pub fn json(c: &Comparison) -> JsonComparison<'_> {
    JsonComparison {
        stats: &c.stats,
        sections: c
            .sections
            .iter()
            .map(|s| JsonSection {
                status: s.status,
                old_heading: s.old_heading.as_deref(),
                new_heading: s.new_heading.as_deref(),
                old_index: s.old_index,
                new_index: s.new_index,
                renamed: s.renamed,
            })
            .collect(),
        ops: &c.ops,
    }
}
