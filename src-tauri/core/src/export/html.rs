//! Every HTML page Clausewright writes: a document, and a redline side by side or inline. Each
//! is standalone, its body sanitized with the app's one allow list, and its CSP runs nothing
//! (security S7).

use super::RedlineSides;
use super::redline::{Item, LineStyle, Runs, items};
use crate::diff::{Comparison, DiffOp, OpKind, SectionStatus};
use crate::domain::Document;
use crate::library::Library;
use crate::render::{escape_html, render_document, sanitize};

/// A document as a page, with the stylesheet from assets/export embedded.
pub fn document_html_page(doc: &Document, lib: &Library) -> String {
    let preview = render_document(doc, lib);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <style>\n{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape_html(&doc.title),
        include_str!("../../../../assets/export/document.css"),
        preview.html
    )
}

fn side_html(ops: &[DiffOp], show: OpKind) -> String {
    ops.iter()
        .filter(|o| o.op == OpKind::Equal || o.op == show)
        .map(|o| match o.op {
            OpKind::Equal => escape_html(&o.text),
            OpKind::Delete => format!("<del>{}</del>", escape_html(&o.text)),
            OpKind::Insert => format!("<ins>{}</ins>", escape_html(&o.text)),
        })
        .collect()
}

/// A redline side by side: old on the left, new on the right, row by row.
pub fn side_by_side_redline(c: &Comparison, old_name: &str, new_name: &str) -> String {
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

/// A redline inline: the whole text, deletions struck through in red and insertions underlined
/// in green, the summary of changes first.
pub fn inline_redline(c: &Comparison, sides: &RedlineSides) -> String {
    let mut body = format!(
        "<h1>Redline</h1><p class=\"cw-sides\">{} → {}</p><p class=\"cw-summary\">{}</p>",
        escape_html(&sides.old_name),
        escape_html(&sides.new_name),
        escape_html(&c.summary())
    );
    // Classes only: the sanitizer keeps no style attribute.
    let class = |kind: OpKind, depth: u8| {
        let mut names: Vec<String> = Vec::new();
        match kind {
            OpKind::Insert => names.push("cw-added".into()),
            OpKind::Delete => names.push("cw-removed".into()),
            OpKind::Equal => {}
        }
        if depth > 0 {
            names.push(format!("cw-depth-{}", depth.min(4)));
        }
        if names.is_empty() { String::new() } else { format!(" class=\"{}\"", names.join(" ")) }
    };
    let runs = |body: &mut String, runs: &Runs| {
        for (kind, text) in runs {
            match kind {
                OpKind::Equal => body.push_str(&escape_html(text)),
                OpKind::Delete => body.push_str(&format!("<del>{}</del>", escape_html(text))),
                OpKind::Insert => body.push_str(&format!("<ins>{}</ins>", escape_html(text))),
            }
        }
    };
    for item in items(c) {
        let line = match item {
            Item::Line(line) => line,
            Item::Table(rows) => {
                body.push_str("<table>\n");
                for r in &rows {
                    let cell = if r.header { "th" } else { "td" };
                    body.push_str(&format!("<tr{}>", class(r.kind, 0)));
                    for c in &r.cells {
                        body.push_str(&format!("<{cell}>"));
                        runs(&mut body, c);
                        body.push_str(&format!("</{cell}>"));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</table>\n");
                continue;
            }
        };
        let (tag, indent) = match line.style {
            LineStyle::Title => ("h2", 0),
            LineStyle::Heading(1) => ("h3", 0),
            LineStyle::Heading(_) => ("h4", 0),
            LineStyle::Bullet(d) => ("li", d),
            LineStyle::Numbered(d) => ("p", d + 1),
            LineStyle::Body => ("p", 0),
        };
        body.push_str(&format!("<{tag}{}>", class(line.mark, indent)));
        runs(&mut body, &line.runs);
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
