//! A comparison as text for a terminal, as a standalone side-by-side HTML page, and as the
//! JSON scripts read.

use super::{Comparison, OpKind, SectionStatus};
use crate::render::{escape_html, sanitize};
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

fn side_html(ops: &[super::DiffOp], show: OpKind) -> String {
    ops.iter()
        .filter(|o| o.op == OpKind::Equal || o.op == show)
        .map(|o| match o.op {
            OpKind::Equal => escape_html(&o.text),
            OpKind::Delete => format!("<del>{}</del>", escape_html(&o.text)),
            OpKind::Insert => format!("<ins>{}</ins>", escape_html(&o.text)),
        })
        .collect()
}

/// A standalone side-by-side page: old on the left, new on the right, row by row; it runs
/// nothing (security S7).
pub fn html_page(c: &Comparison, old_name: &str, new_name: &str) -> String {
    let mut body = format!(
        "<h1>Comparison</h1><p>{} → {}</p><p>{}</p><table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape_html(old_name),
        escape_html(new_name),
        escape_html(&c.summary()),
        escape_html(old_name),
        escape_html(new_name)
    );
    for section in &c.sections {
        let note = match section.status {
            SectionStatus::Moved => format!(
                "Moved from position {} to {}",
                section.old_index.map_or(0, |i| i + 1),
                section.new_index.map_or(0, |i| i + 1)
            ),
            SectionStatus::Added => "Added".into(),
            SectionStatus::Removed => "Removed".into(),
            SectionStatus::Changed if section.renamed => "Changed and renamed".into(),
            SectionStatus::Changed => "Changed".into(),
            SectionStatus::Unchanged => "Unchanged".into(),
        };
        body.push_str(&format!("<tr><th colspan=\"2\">{}</th></tr>", escape_html(&note)));
        for row in &section.rows {
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>",
                side_html(&row.ops, OpKind::Delete),
                side_html(&row.ops, OpKind::Insert)
            ));
        }
    }
    body.push_str("</tbody></table>");
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>Comparison</title>\n<style>\
         body{{font-family:Georgia,serif;margin:1.5em;color:#1c1917}}table{{border-collapse:collapse;width:100%;table-layout:fixed}}\
         td{{vertical-align:top;padding:.3em .8em;white-space:pre-wrap;border-bottom:1px solid #eee;line-height:1.5}}\
         tbody th{{text-align:left;font:600 12px system-ui,sans-serif;color:#57534e;padding:1em .8em .3em}}\
         del{{color:#b91c1c;text-decoration:line-through}}ins{{color:#15803d;text-decoration:underline}}\
         </style>\n</head>\n<body>\n{}\n</body>\n</html>\n",
        sanitize(&body)
    )
}
