//! Every HTML page Clausewright writes: a document, and a redline side by side or inline. Each
//! is standalone, its body sanitized with the app's one allow list, and its CSP runs nothing
//! (security S7).

use super::RedlineSides;
use super::markdown::safe_link;
use super::redline::items;
use crate::diff::formatted::{self, Block, LineStyle, Run};
use crate::diff::{Comparison, OpKind, SectionStatus};
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

/// Runs as HTML: formatting as tags, links as links, deletions struck and insertions
/// underlined, text whose formatting changed marked with how it was. `show` keeps one side's
/// runs (`Delete` the old, `Insert` the new); `Equal` keeps both, inline.
fn runs_html(runs: &[Run], show: OpKind) -> String {
    let mut out = String::new();
    for r in runs.iter().filter(|r| show == OpKind::Equal || r.op == OpKind::Equal || r.op == show) {
        let f = &r.format;
        let mut html = escape_html(&r.text);
        for (on, tag) in [(f.code, "code"), (f.strike, "s"), (f.italic, "em"), (f.bold, "strong")] {
            if on {
                html = format!("<{tag}>{html}</{tag}>");
            }
        }
        if let Some(url) = f.link.as_deref().and_then(safe_link) {
            html = format!("<a href=\"{}\">{html}</a>", escape_html(&url));
        }
        if let Some(was) = &r.was {
            html = format!("<span class=\"cw-reformatted\" title=\"{}\">{html}</span>", escape_html(&format!("Formatting changed: was {}", was.describe())));
        }
        match r.op {
            OpKind::Equal => out.push_str(&html),
            OpKind::Delete => out.push_str(&format!("<del>{html}</del>")),
            OpKind::Insert => out.push_str(&format!("<ins>{html}</ins>")),
        }
    }
    out
}

/// Blocks as HTML, one side of them (`show` as in `runs_html`).
fn blocks_html(blocks: &[Block], show: OpKind) -> String {
    let gone = match show {
        OpKind::Delete => Some(OpKind::Insert),
        OpKind::Insert => Some(OpKind::Delete),
        OpKind::Equal => None,
    };
    // Classes only: the sanitizer keeps no style attribute.
    let class = |kind: OpKind, depth: u8, reformatted: bool| {
        let mut names: Vec<String> = Vec::new();
        match kind {
            OpKind::Insert => names.push("cw-added".into()),
            OpKind::Delete => names.push("cw-removed".into()),
            OpKind::Equal => {}
        }
        if depth > 0 {
            names.push(format!("cw-depth-{}", depth.min(4)));
        }
        if reformatted {
            names.push("cw-reformatted".into());
        }
        if names.is_empty() { String::new() } else { format!(" class=\"{}\"", names.join(" ")) }
    };
    let mut body = String::new();
    for block in blocks {
        match block {
            Block::Table { rows } => {
                body.push_str("<table>\n");
                for r in rows.iter().filter(|r| Some(r.kind) != gone) {
                    let cell = if r.header { "th" } else { "td" };
                    body.push_str(&format!("<tr{}>", class(r.kind, 0, false)));
                    for c in &r.cells {
                        body.push_str(&format!("<{cell}>{}</{cell}>", runs_html(c, show)));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</table>\n");
            }
            Block::Line(line) => {
                let runs = runs_html(&line.runs, show);
                if runs.is_empty() {
                    continue;
                }
                let (tag, indent) = match line.style {
                    LineStyle::Title => ("h2", 0),
                    LineStyle::Heading { level: 1 } => ("h3", 0),
                    LineStyle::Heading { .. } => ("h4", 0),
                    LineStyle::Bullet { depth } => ("li", depth),
                    LineStyle::Numbered { depth } => ("p", depth + 1),
                    LineStyle::Quote => ("blockquote", 0),
                    LineStyle::Body | LineStyle::Code => ("p", 0),
                };
                let note = if line.reformatted { "<span class=\"cw-note\"> (formatting changed)</span>" } else { "" };
                body.push_str(&format!("<{tag}{}>{runs}{note}</{tag}>\n", class(line.mark, indent, line.reformatted)));
            }
        }
    }
    body
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
            let blocks = formatted::blocks(&row.ops);
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>",
                blocks_html(&blocks, OpKind::Delete),
                blocks_html(&blocks, OpKind::Insert)
            ));
        }
    }
    body.push_str("</tbody></table>");
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>Comparison</title>\n<style>\
         body{{font-family:Georgia,serif;margin:1.5em;color:#1c1917}}table{{border-collapse:collapse;width:100%;table-layout:fixed}}\
         td{{vertical-align:top;padding:.3em .8em;border-bottom:1px solid #eee;line-height:1.5}}td p,td h2,td h3,td h4{{margin:.2em 0}}\
         td table{{border-collapse:collapse}}td td,td th{{border:1px solid #d6d3d1;padding:.2em .4em}}\
         .cw-reformatted{{text-decoration:underline dotted #7c3aed}}.cw-note{{font:11px system-ui,sans-serif;color:#7c3aed}}\
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
    body.push_str(&blocks_html(&items(c), OpKind::Equal));
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>\n{}\n</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape_html(&format!("Redline: {} → {}", sides.old_name, sides.new_name)),
        include_str!("../../../../assets/export/redline.css"),
        sanitize(&body)
    )
}

/// A redline page with the open comments on its newer side listed after the changes.
pub(super) fn with_comments(page: &str, comments: &[crate::domain::Comment]) -> String {
    let lines = super::comments::listing(&super::comments::threads(comments));
    if lines.is_empty() {
        return page.to_owned();
    }
    let items: String = lines.iter().map(|l| format!("<li>{}</li>", escape_html(l))).collect();
    let list = format!("<section class=\"cw-comments\"><h2>Comments</h2><ol>{items}</ol></section>\n");
    match page.rfind("</body>") {
        Some(at) => format!("{}{list}{}", &page[..at], &page[at..]),
        None => format!("{page}{list}"),
    }
}
