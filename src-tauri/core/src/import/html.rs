//! HTML to Markdown for import. The HTML is cleaned by the app's one sanitizer first
//! (security S2), then walked: headings, paragraphs, lists, tables, links and emphasis become
//! Markdown; everything else keeps only its text.

use scraper::{ElementRef, Html, Node};

/// Markdown for an HTML page or fragment.
pub fn to_markdown(html: &str) -> String {
    // Only the body is content; the head's title and scripts are not.
    let page = Html::parse_document(html);
    let body = page.root_element().children().filter_map(ElementRef::wrap).find(|e| e.value().name() == "body").map(|b| b.inner_html());
    let clean = crate::render::sanitize(body.as_deref().unwrap_or(html));
    let doc = Html::parse_fragment(&clean);
    let mut out = String::new();
    blocks(doc.root_element(), &mut out, 0);
    // At most one blank line between blocks.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        tidy.push_str(line.trim_end());
        tidy.push('\n');
    }
    tidy.trim().to_owned() + "\n"
}

fn blocks(el: ElementRef<'_>, out: &mut String, depth: usize) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let t = collapse(t);
                if !t.trim().is_empty() {
                    out.push_str(t.trim());
                    out.push_str("\n\n");
                }
            }
            Node::Element(e) => {
                let Some(c) = ElementRef::wrap(child) else { continue };
                match e.name() {
                    h @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                        let level = h[1..].parse::<usize>().unwrap_or(2);
                        out.push_str(&format!("{} {}\n\n", "#".repeat(level), inline(c).trim()));
                    }
                    "p" => {
                        out.push_str(inline(c).trim());
                        out.push_str("\n\n");
                    }
                    "ul" | "ol" => {
                        list(c, out, depth, e.name() == "ol");
                        out.push('\n');
                    }
                    "table" => {
                        table(c, out);
                        out.push('\n');
                    }
                    "br" | "hr" => out.push('\n'),
                    "blockquote" => {
                        let mut inner = String::new();
                        blocks(c, &mut inner, depth);
                        for line in inner.trim().lines() {
                            out.push_str(&format!("> {line}\n"));
                        }
                        out.push('\n');
                    }
                    _ => blocks(c, out, depth),
                }
            }
            _ => {}
        }
    }
}

fn list(el: ElementRef<'_>, out: &mut String, depth: usize, ordered: bool) {
    let mut n = 0;
    for item in el.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "li") {
        n += 1;
        let marker = if ordered { format!("{n}.") } else { "-".to_owned() };
        let mut text = String::new();
        let mut nested = String::new();
        for child in item.children() {
            match ElementRef::wrap(child) {
                Some(c) if matches!(c.value().name(), "ul" | "ol") => list(c, &mut nested, depth + 1, c.value().name() == "ol"),
                Some(c) => text.push_str(&inline(c)),
                None => {
                    if let Node::Text(t) = child.value() {
                        text.push_str(&collapse(t));
                    }
                }
            }
        }
        out.push_str(&format!("{}{marker} {}\n", "  ".repeat(depth), text.trim()));
        out.push_str(&nested);
    }
}

fn table(el: ElementRef<'_>, out: &mut String) {
    let rows: Vec<Vec<String>> = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|r| r.value().name() == "tr")
        .map(|r| {
            r.children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| inline(c).trim().replace('|', "\\|"))
                .collect()
        })
        .filter(|r: &Vec<String>| !r.is_empty())
        .collect();
    let Some(width) = rows.iter().map(Vec::len).max() else { return };
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<&str> = (0..width).map(|k| r.get(k).map_or("", String::as_str)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            out.push_str(&format!("|{}\n", "---|".repeat(width)));
        }
    }
}

/// The text of an element with links and emphasis as Markdown.
fn inline(el: ElementRef<'_>) -> String {
    let mut s = String::new();
    for child in el.children() {
        match child.value() {
            Node::Text(t) => s.push_str(&collapse(t)),
            Node::Element(e) => {
                let Some(c) = ElementRef::wrap(child) else { continue };
                let text = inline(c);
                match e.name() {
                    "strong" | "b" if !text.trim().is_empty() => s.push_str(&format!("**{}**", text.trim())),
                    "em" | "i" if !text.trim().is_empty() => s.push_str(&format!("*{}*", text.trim())),
                    "a" => match e.attr("href") {
                        Some(href) if !text.trim().is_empty() && !href.starts_with('#') => {
                            s.push_str(&format!("[{}]({href})", text.trim()))
                        }
                        _ => s.push_str(&text),
                    },
                    "br" => s.push('\n'),
                    _ => s.push_str(&text),
                }
            }
            _ => {}
        }
    }
    s
}

fn collapse(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_becomes_markdown_and_scripts_vanish() {
        let md = to_markdown(
            "<html><head><title>x</title><script>alert(1)</script></head><body>\
             <h1>Privacy Policy</h1><p>Last updated: <b>May 1, 2026</b></p>\
             <h2>1. Information We Collect</h2><p>We collect <a href=\"https://example.com/x\">data</a>.</p>\
             <ul><li>Account: name</li><li>Usage <ul><li>logs</li></ul></li></ul>\
             <table><tr><th>Provider</th><th>Purpose</th></tr><tr><td>Stripe</td><td>Payments</td></tr></table>\
             <img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">bad</a></body></html>",
        );
        assert!(md.starts_with("# Privacy Policy\n\nLast updated: **May 1, 2026**\n\n## 1. Information We Collect\n"), "{md}");
        assert!(md.contains("[data](https://example.com/x)"), "{md}");
        assert!(md.contains("- Account: name\n- Usage\n  - logs\n"), "{md}");
        assert!(md.contains("| Provider | Purpose |\n|---|---|\n| Stripe | Payments |"), "{md}");
        for bad in ["alert", "<script", "onerror", "javascript:"] {
            assert!(!md.contains(bad), "{bad} in {md}");
        }
    }
}
