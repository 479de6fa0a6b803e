//! Markdown to safe HTML (security S1): profile values are filled in, pulldown-cmark renders,
//! raw HTML in the source becomes visible text, unfilled variables become highlighted
//! placeholders, and ammonia cleans the result with a strict allow list. Preview, compare and
//! HTML export all go through here; the writers of each file format live in `export/`.

use crate::domain::{Document, Preview, Profile, Section, Value, VariableKind};
use crate::library::Library;
use crate::vars;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.rm_tags(["img"])
        .add_tags(["section", "nav", "span"])
        .url_schemes(HashSet::from(["https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Custom(Box::new(only_fragment)))
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("span", ["data-var"])
        .add_tag_attributes("section", ["id"])
        .allowed_classes({
            // The redlines mark whole added and removed lines, rows, list depths, and lines or
            // text whose formatting alone changed.
            let line: HashSet<&str> = HashSet::from(["cw-added", "cw-removed", "cw-reformatted", "cw-depth-1", "cw-depth-2", "cw-depth-3", "cw-depth-4"]);
            let mut p = line.clone();
            p.extend(["cw-effective", "cw-sides", "cw-summary"]);
            HashMap::from([
                ("span", HashSet::from(["cw-var", "cw-reformatted", "cw-note"])),
                ("p", p),
                ("li", line.clone()),
                ("blockquote", line.clone()),
                ("tr", HashSet::from(["cw-added", "cw-removed"])),
                ("h2", line.clone()),
                ("h3", line.clone()),
                ("h4", line),
                ("nav", HashSet::from(["cw-toc"])),
                ("h1", HashSet::from(["cw-title"])),
            ])
        });
    b
});

/// Relative URLs survive only as in-page anchors (`#...`).
fn only_fragment(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    url.starts_with('#').then_some(std::borrow::Cow::Borrowed(url))
}

/// Sanitizes HTML with the one allow list used for everything the app renders.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Replaces placeholders whose value is filled with Markdown for that value; unfilled ones stay.
pub fn fill(markdown: &str, profile: &Profile, lib: &Library) -> String {
    fill_spans(markdown, profile, lib).0
}

/// `fill`, also saying where each filled-in value stands in the result, with the placeholder
/// it replaced (so text edited around a value can be given its placeholder back).
pub fn fill_spans(markdown: &str, profile: &Profile, lib: &Library) -> (String, Vec<(std::ops::Range<usize>, String)>) {
    let mut out = String::with_capacity(markdown.len());
    let mut spans = Vec::new();
    for line in markdown.split_inclusive('\n') {
        let found = vars::placeholders(line);
        if found.is_empty() {
            out.push_str(line);
            continue;
        }
        let alone = found.len() == 1 && line.trim() == &line[found[0].range.clone()];
        let mut last = 0;
        for p in &found {
            out.push_str(&line[last..p.range.start]);
            last = p.range.end;
            match profile.get(p.name) {
                None => out.push_str(&line[p.range.clone()]),
                Some(value) => {
                    let kind = lib.variable(p.name).map(|v| v.kind);
                    let start = out.len();
                    out.push_str(&value_markdown(value, kind, p.name, lib, alone));
                    spans.push((start..out.len(), line[p.range.clone()].to_owned()));
                }
            }
        }
        out.push_str(&line[last..]);
    }
    (out, spans)
}

fn value_markdown(value: &Value, kind: Option<VariableKind>, name: &str, lib: &Library, alone: bool) -> String {
    match value {
        Value::Text(s) => escape_markdown(s.trim()),
        Value::List(items) => {
            let items: Vec<String> = items.iter().filter(|s| !s.trim().is_empty()).map(|s| escape_markdown(s.trim())).collect();
            if alone {
                items.iter().map(|i| format!("- {i}")).collect::<Vec<_>>().join("\n")
            } else {
                join_words(&items)
            }
        }
        Value::Table(rows) => {
            let columns: Vec<(String, String)> = match (kind, lib.variable(name)) {
                (Some(VariableKind::Table), Some(def)) => def.columns.iter().map(|c| (c.name.clone(), c.label.clone())).collect(),
                _ => rows.first().map(|r| r.keys().map(|k| (k.clone(), k.clone())).collect()).unwrap_or_default(),
            };
            let cell = |s: &str| escape_markdown(s.trim()).replace('|', "\\|").replace('\n', " ");
            let mut t = String::new();
            if !alone {
                t.push('\n');
            }
            t.push_str(&format!("| {} |\n", columns.iter().map(|c| cell(&c.1)).collect::<Vec<_>>().join(" | ")));
            t.push_str(&format!("|{}\n", "---|".repeat(columns.len())));
            for row in rows {
                let cells: Vec<String> = columns.iter().map(|c| cell(row.get(&c.0).map_or("", String::as_str))).collect();
                t.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            t.trim_end().to_owned()
        }
    }
}

fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Escapes the characters that would make a profile value act as Markdown.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '{' | '}' | '~' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes text for HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The Markdown extensions every reader of section text uses.
pub(crate) fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Where a section sits in the published outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// "2" for a top-level section or part, "2.1" for a clause beneath a part.
    pub number: String,
    /// 1 for a top-level section or a part heading, 2 for a section beneath a part.
    pub level: u8,
    /// A part heading: a section with no text and no library clause.
    pub part: bool,
}

/// True for a part heading: a section with no text that did not come from a library clause.
/// A template makes one per `[[part]]`; a user's blank section acts as one until it has text.
pub fn is_part(s: &Section) -> bool {
    s.body.trim().is_empty() && s.origin.is_none()
}

/// Numbers a document's sections: top-level sections and part headings 1, 2, 3; the sections
/// after a part heading 2.1, 2.2 until the next part heading. A document without parts is
/// numbered flat, as before.
pub fn outline(sections: &[Section]) -> Vec<Place> {
    let (mut top, mut sub, mut in_part) = (0u32, 0u32, false);
    sections
        .iter()
        .map(|s| {
            if is_part(s) {
                top += 1;
                sub = 0;
                in_part = true;
                Place { number: top.to_string(), level: 1, part: true }
            } else if in_part {
                sub += 1;
                Place { number: format!("{top}.{sub}"), level: 2, part: false }
            } else {
                top += 1;
                Place { number: top.to_string(), level: 1, part: false }
            }
        })
        .collect()
}

/// How headings inside a body are numbered and placed.
struct Numbering<'a> {
    /// The section's number, e.g. "2" or "2.1"; sub-headings become "2.1", "2.1.1" (or one
    /// level deeper beneath a part).
    prefix: &'a str,
    /// The HTML level of the body's first-level headings: h3 in a top-level section, h4 in a
    /// section beneath a part.
    base: HeadingLevel,
    counters: [u32; 2],
}

fn deeper(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders Markdown (already filled) to sanitized HTML. With `numbering`, headings in the body
/// become numbered sub-headings of a section.
fn markdown_html(markdown: &str, mut numbering: Option<Numbering<'_>>) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            // S1: raw HTML is shown as text, never passed through.
            Event::Html(s) | Event::InlineHtml(s) => events.push(Event::Text(s)),
            Event::Text(s) => push_text_with_placeholders(&mut events, s),
            Event::Start(Tag::Heading { level, id: _, classes: _, attrs: _ }) => {
                let Some(n) = numbering.as_mut() else {
                    events.push(Event::Start(Tag::Heading { level, id: None, classes: vec![], attrs: vec![] }));
                    continue;
                };
                let depth = if level <= HeadingLevel::H3 { 0 } else { 1 };
                n.counters[depth] += 1;
                if depth == 0 {
                    n.counters[1] = 0;
                }
                let number = match depth {
                    0 => format!("{}.{}", n.prefix, n.counters[0]),
                    _ => format!("{}.{}.{}", n.prefix, n.counters[0], n.counters[1]),
                };
                let level = if depth == 0 { n.base } else { deeper(n.base) };
                events.push(Event::Start(Tag::Heading { level, id: None, classes: vec![], attrs: vec![] }));
                events.push(Event::Text(format!("{number} ").into()));
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = match (&numbering, level) {
                    (None, l) => l,
                    (Some(n), l) if l <= HeadingLevel::H3 => n.base,
                    (Some(n), _) => deeper(n.base),
                };
                events.push(Event::End(TagEnd::Heading(level)));
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// Splits text so each `{{name}}` becomes a placeholder span the sanitizer lets through.
fn push_text_with_placeholders<'a>(events: &mut Vec<Event<'a>>, text: CowStr<'a>) {
    let found = vars::placeholders(&text);
    if found.is_empty() {
        events.push(Event::Text(text));
        return;
    }
    let mut last = 0;
    for p in &found {
        if p.range.start > last {
            events.push(Event::Text(text[last..p.range.start].to_owned().into()));
        }
        events.push(Event::InlineHtml(
            format!("<span class=\"cw-var\" data-var=\"{0}\">{0}</span>", p.name).into(),
        ));
        last = p.range.end;
    }
    if last < text.len() {
        events.push(Event::Text(text[last..].to_owned().into()));
    }
}

/// Renders one clause or section body with the profile's values filled in.
pub fn render_markdown(markdown: &str, profile: &Profile, lib: &Library) -> Preview {
    let filled = fill(markdown, profile, lib);
    Preview { html: sanitize(&markdown_html(&filled, None)), unfilled: vars::names(&filled) }
}

/// Renders a whole document as it will be published: title, effective date, a table of
/// contents, numbered sections.
pub fn render_document(doc: &Document, lib: &Library) -> Preview {
    let mut html = String::new();
    let mut unfilled: Vec<String> = Vec::new();
    html.push_str(&format!("<h1 class=\"cw-title\">{}</h1>\n", escape_html(&doc.title)));
    let effective = match doc.profile.get("effective_date") {
        Some(Value::Text(d)) => escape_html(d),
        _ => {
            unfilled.push("effective_date".into());
            "<span class=\"cw-var\" data-var=\"effective_date\">effective_date</span>".into()
        }
    };
    html.push_str(&format!("<p class=\"cw-effective\">Effective {effective}</p>\n"));
    let places = outline(&doc.sections);
    html.push_str("<nav class=\"cw-toc\"><ol>\n");
    for (s, place) in doc.sections.iter().zip(&places) {
        if place.level == 1 {
            html.push_str(&format!("<li><a href=\"#{}\">{}</a></li>\n", anchor(place), escape_html(&s.heading)));
        }
    }
    html.push_str("</ol></nav>\n");
    for (s, place) in doc.sections.iter().zip(&places) {
        let number = &place.number;
        let filled = fill(&s.body, &doc.profile, lib);
        for name in vars::names(&filled) {
            if !unfilled.contains(&name) {
                unfilled.push(name);
            }
        }
        let (open, base) = match place.level {
            1 => (format!("<h2>{number}. {}</h2>", escape_html(&s.heading)), HeadingLevel::H3),
            _ => (format!("<h3>{number} {}</h3>", escape_html(&s.heading)), HeadingLevel::H4),
        };
        html.push_str(&format!("<section id=\"{}\">{open}\n", anchor(place)));
        html.push_str(&markdown_html(&filled, Some(Numbering { prefix: number, base, counters: [0, 0] })));
        html.push_str("</section>\n");
    }
    Preview { html: sanitize(&html), unfilled }
}

/// The in-page anchor of a section: `cw-s2`, `cw-s2-1`.
fn anchor(place: &Place) -> String {
    format!("cw-s{}", place.number.replace('.', "-"))
}
