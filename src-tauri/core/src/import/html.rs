//! HTML to Markdown for import. A saved web page has the policy inside the site's menus,
//! header, footer and banners, whose own headings can outnumber the policy's: the main content
//! is found first (`<main>`, one `<article>`, or where the text is) and the rest left out. The
//! content is cleaned by the app's one sanitizer (security S2), then walked: headings,
//! paragraphs, lists, tables, links and emphasis become Markdown; everything else keeps only its
//! text.

use scraper::{ElementRef, Html, Node};
use ego_tree::NodeId;
use std::collections::HashMap;

/// Markdown for an HTML page or fragment, and a note on what was left out around the policy.
pub fn to_markdown(html: &str) -> (String, Vec<String>) {
    let mut page = Html::parse_document(html);
    let Some(body) = page.root_element().children().filter_map(ElementRef::wrap).find(|e| e.value().name() == "body") else {
        return (markdown_of(html), vec![]);
    };
    let stats = word_counts(body);
    let total = stats.get(&body.id()).map_or(0, |s| s.words);
    let (content, semantic) = main_content(body, &stats);
    // Page furniture inside the content (a share bar, a cookie notice) goes too.
    let mut furniture = Vec::new();
    furniture_in(content, semantic, &stats, &mut furniture);
    let kept = stats.get(&content.id()).map_or(0, |s| s.words).saturating_sub(furniture.iter().map(|id| stats.get(id).map_or(0, |s| s.words)).sum());
    let content_id = content.id();
    for id in furniture {
        if let Some(mut node) = page.tree.get_mut(id) {
            node.detach();
        }
    }
    let inner = page.tree.get(content_id).and_then(ElementRef::wrap).map(|e| e.inner_html()).unwrap_or_default();
    let left_out = total.saturating_sub(kept);
    let mut notes = Vec::new();
    // A few stray words (a "skip to content" link) are not worth a note.
    if left_out >= 5 {
        notes.push(format!("The web page's menus, header, footer and other text around the policy were left out ({left_out} words)."));
    }
    (markdown_of(&inner), notes)
}

fn markdown_of(html: &str) -> String {
    let clean = crate::render::sanitize(html);
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

/// Words of readable text under an element, and how many of them are link text.
#[derive(Debug, Clone, Copy, Default)]
struct Words {
    words: usize,
    in_links: usize,
}

/// Never text: scripts, styles, templates.
fn hidden(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template" | "svg" | "head")
}

/// Word counts for every element under `root`, counted once, bottom up.
fn word_counts(root: ElementRef<'_>) -> HashMap<NodeId, Words> {
    fn visit(el: ElementRef<'_>, in_link: bool, out: &mut HashMap<NodeId, Words>) -> Words {
        let mut w = Words::default();
        if hidden(el.value().name()) {
            out.insert(el.id(), w);
            return w;
        }
        let in_link = in_link || el.value().name() == "a";
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    let n = t.split_whitespace().count();
                    w.words += n;
                    if in_link {
                        w.in_links += n;
                    }
                }
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        let cw = visit(c, in_link, out);
                        w.words += cw.words;
                        w.in_links += cw.in_links;
                    }
                }
                _ => {}
            }
        }
        out.insert(el.id(), w);
        w
    }
    let mut out = HashMap::new();
    visit(root, false, &mut out);
    out
}

/// The element that holds the policy: the page's `<main>`, else its one big `<article>`, else
/// the element the text is in, found by going down from the body while one child holds nearly
/// all of the words that are not page furniture.
/// `true` with it when the page marked it (`<main>`, `<article>`).
fn main_content<'a>(body: ElementRef<'a>, stats: &HashMap<NodeId, Words>) -> (ElementRef<'a>, bool) {
    let words = |e: &ElementRef<'_>| stats.get(&e.id()).map_or(0, |s| s.words);
    let total = words(&body);
    let biggest = |pick: &dyn Fn(&ElementRef<'_>) -> bool| body.descendants().filter_map(ElementRef::wrap).filter(|e| pick(e)).max_by_key(&words);
    let main = biggest(&|e| e.value().name() == "main" || e.value().attr("role") == Some("main"));
    if let Some(m) = main.filter(|m| words(m) * 5 >= total) {
        return (m, true);
    }
    if let Some(a) = biggest(&|e| e.value().name() == "article").filter(|a| words(a) * 2 >= total) {
        return (a, true);
    }
    // Words that are not furniture, under each element.
    fn content_words(e: ElementRef<'_>, stats: &HashMap<NodeId, Words>) -> usize {
        if furniture(e, false, stats) {
            return 0;
        }
        let own: usize = e.children().filter_map(|c| if let Node::Text(t) = c.value() { Some(t.split_whitespace().count()) } else { None }).sum();
        own + e.children().filter_map(ElementRef::wrap).map(|c| content_words(c, stats)).sum::<usize>()
    }
    let mut at = body;
    loop {
        let here = content_words(at, stats);
        let best = at.children().filter_map(ElementRef::wrap).map(|c| (content_words(c, stats), c)).max_by_key(|(w, _)| *w);
        match best {
            Some((w, child)) if here > 0 && w * 100 >= here * 85 => at = child,
            _ => return (at, false),
        }
    }
}

/// The furniture under `e`, outermost only.
fn furniture_in(e: ElementRef<'_>, inside: bool, stats: &HashMap<NodeId, Words>, out: &mut Vec<NodeId>) {
    for child in e.children().filter_map(ElementRef::wrap) {
        if furniture(child, inside, stats) {
            out.push(child.id());
        } else {
            furniture_in(child, inside, stats, out);
        }
    }
}

/// Is this element the site's furniture rather than the policy: navigation, a banner, a
/// footer, a cookie notice, share buttons, related links? Inside the main content
/// (`inside`), a header or footer is the policy's own ("Last updated"), so only menus, forms
/// and notices count there. A cookie consent manager is furniture whatever it holds; other
/// elements go by their tag or role, or by a class or id that names site furniture when they
/// are mostly links (a policy's own `<section id="cookies">` is running text and stays).
fn furniture(e: ElementRef<'_>, inside: bool, stats: &HashMap<NodeId, Words>) -> bool {
    let el = e.value();
    let name = el.name();
    if hidden(name) {
        return false;
    }
    let names = format!("{} {}", el.attr("id").unwrap_or(""), el.attr("class").unwrap_or("")).to_lowercase();
    let tokens: Vec<&str> = names.split(|c: char| !c.is_ascii_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let has = |list: &[&str]| tokens.iter().any(|t| list.contains(t));
    const CONSENT_MANAGERS: &[&str] = &["onetrust", "cookiebot", "cookieyes", "usercentrics", "didomi", "truste", "osano", "iubenda", "cmp", "ot"];
    let cookie_notice = (has(&["cookie", "cookies", "consent", "gdpr"]) && has(&["banner", "bar", "notice", "popup", "modal", "dialog", "overlay", "sdk", "manager", "preferences", "prompt"]))
        || tokens.iter().any(|t| CONSENT_MANAGERS.iter().any(|m| t.starts_with(m) && (m.len() > 3 || *t == *m)))
        || el.attr("aria-modal") == Some("true");
    if cookie_notice {
        return true;
    }
    let role = el.attr("role").unwrap_or("");
    let tagged = matches!(name, "nav" | "aside" | "form" | "dialog" | "button" | "select" | "iframe")
        || matches!(role, "navigation" | "search" | "dialog" | "alertdialog" | "complementary" | "menu" | "menubar")
        || (!inside && (matches!(name, "header" | "footer") || matches!(role, "banner" | "contentinfo")));
    let site_words: &[&str] = if inside {
        &["share", "sharing", "social", "breadcrumb", "breadcrumbs", "related", "newsletter", "subscribe", "skip"]
    } else {
        &[
            "nav", "navbar", "navigation", "menu", "header", "footer", "masthead", "sidebar", "breadcrumb", "breadcrumbs", "toolbar", "banner", "social",
            "share", "sharing", "related", "newsletter", "subscribe", "skip", "modal", "popup",
        ]
    };
    let w = stats.get(&e.id()).copied().unwrap_or_default();
    let links = w.in_links * 10 >= w.words * 3 || w.words <= 8;
    let named = has(site_words) && links;
    let running_text = w.words >= 200 && w.in_links * 4 < w.words;
    (tagged || named) && !running_text
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
        let (md, _) = to_markdown(
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
