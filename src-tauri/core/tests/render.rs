//! Security S1: whatever a clause or document contains, the HTML the app shows runs nothing.

use clausewright_core::domain::{Profile, Value};
use clausewright_core::library::Library;
use clausewright_core::render::{render_document, render_markdown};
use clausewright_core::Store;

pub const PAYLOAD: &str = r#"# Payload

<script>alert(1)</script>

<img src=x onerror="alert(2)"> inline <img src=x onerror="alert(2)">

<svg onload="alert(3)"><circle r="1"/></svg>

<iframe srcdoc="<script>alert(4)</script>"></iframe>

<noscript><p title="</noscript><img src=x onerror=alert(5)>"></noscript>

<object data="x.swf"></object><embed src="x.swf">

[js](javascript:alert(6)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.com)

[vb](vbscript:msgbox) [file](file:///etc/passwd) [unc](\\\\host\\share) [anchor](#cw-s1) [mail](mailto:privacy@example.com)

Inline <a href="javascript:alert(8)">raw link</a> and <b onclick="alert(10)">bold</b>.

```"><script>alert(9)</script>
code
```

Text with {{company_name}}.
"#;

/// Parses the HTML and fails on anything that could run or load: script-like elements, `on*`
/// handlers, and URLs other than https:, mailto: and in-page anchors.
fn assert_inert(html: &str) {
    let doc = scraper::Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else { continue };
        let name = el.name();
        assert!(
            !["script", "style", "iframe", "object", "embed", "svg", "math", "form", "img", "noscript", "link", "meta", "base"]
                .contains(&name),
            "<{name}> element in:\n{html}"
        );
        for (attr, value) in el.attrs() {
            assert!(!attr.to_ascii_lowercase().starts_with("on"), "handler {attr} on <{name}> in:\n{html}");
            if ["href", "src", "action", "formaction", "xlink:href"].contains(&attr) {
                let v = value.trim().to_ascii_lowercase();
                assert!(
                    v.starts_with("https:") || v.starts_with("mailto:") || v.starts_with('#'),
                    "unsafe {attr}={value} on <{name}> in:\n{html}"
                );
            }
        }
    }
}

#[test]
fn the_payload_renders_inert_as_a_clause() {
    let lib = Library::builtin().unwrap();
    let preview = render_markdown(PAYLOAD, &Profile::default(), &lib);
    assert_inert(&preview.html);
    assert!(preview.html.contains("&lt;script&gt;"), "raw HTML is shown as text:\n{}", preview.html);
    assert!(preview.html.contains("href=\"https://example.com\""), "{}", preview.html);
    assert!(preview.html.contains("href=\"#cw-s1\""));
}

#[test]
fn the_payload_renders_inert_in_a_document_and_in_profile_values() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = store.create_document("<script>alert(0)</script>", None).unwrap();
    let mut doc = store.document(doc.id).unwrap();
    doc.sections.push(clausewright_core::domain::Section { id: 1, heading: "<img src=x onerror=alert(1)>".into(), body: PAYLOAD.into(), origin: None });
    doc.profile.0.insert("company_name".into(), Value::Text("<script>alert(11)</script>[x](javascript:alert(12))".into()));
    let preview = render_document(&doc, store.library());
    assert_inert(&preview.html);
}

#[test]
fn filled_values_appear_and_unfilled_ones_are_listed_as_placeholders() {
    let lib = Library::builtin().unwrap();
    let mut profile = Profile::default();
    profile.0.insert("company_name".into(), Value::Text("Acme *Labs*".into()));
    let preview = render_markdown("We are {{company_name}}; write to {{contact_email}}.", &profile, &lib);
    assert!(preview.html.contains("Acme *Labs*"), "values are text, not Markdown: {}", preview.html);
    assert!(preview.html.contains(r#"<span class="cw-var" data-var="contact_email">contact_email</span>"#), "{}", preview.html);
    assert_eq!(preview.unfilled, ["contact_email"]);
}

#[test]
fn a_table_variable_renders_as_a_table() {
    let lib = Library::builtin().unwrap();
    let mut profile = Profile::default();
    let row = [("name", "Stripe"), ("purpose", "Payments"), ("data_categories", "Billing details"), ("location", "USA"), ("transfer_mechanism", "DPF")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    profile.0.insert("processors".into(), Value::Table(vec![row]));
    let preview = render_markdown("Our processors:\n\n{{processors}}\n", &profile, &lib);
    assert!(preview.html.contains("<table>"), "{}", preview.html);
    assert!(preview.html.contains("<td>Stripe</td>"), "{}", preview.html);
}

#[test]
fn a_document_renders_numbered_sections_with_a_table_of_contents() {
    let store = Store::open_in_memory().unwrap();
    let doc = store.document(store.documents().unwrap()[0].id).unwrap();
    let preview = render_document(&doc, store.library());
    assert!(preview.html.contains("<nav class=\"cw-toc\">"));
    assert!(preview.html.contains(&format!("<h2>1. {}</h2>", doc.sections[0].heading.replace('\'', "&#39;"))), "{}", &preview.html[..500.min(preview.html.len())]);
    // The starter groups its clauses under part headings: parts are 1, 2, 3 …, their clauses
    // 3.1, 3.2 …, and the contents list only the top level.
    let places = clausewright_core::render::outline(&doc.sections);
    let top = places.iter().filter(|p| p.level == 1).count();
    assert!(top < doc.sections.len());
    assert!(preview.html.contains(&format!("<h2>{top}. ")));
    let (s, p) = doc.sections.iter().zip(&places).find(|(_, p)| p.level == 2).unwrap();
    assert!(preview.html.contains(&format!("<h3>{} {}</h3>", p.number, s.heading.replace('\'', "&#39;"))), "{}", p.number);
    assert_eq!(preview.html.matches("<li><a href=").count(), top);
}
