//! The built-in templates as policies a person reads: each renders, stays short enough, has at
//! most 15 top-level sections, agrees with its own facts, and none of the review's
//! contradictions (library-review-2026-12.md) can come back.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::domain::{Document, Value};
use clausewright_core::export::document_markdown;
use clausewright_core::library::{Library, fact_tag};
use clausewright_core::render::{outline, render_document};
use clausewright_core::Store;

/// A document made from a template, as the app makes it, and its published Markdown.
fn policy(template: &str) -> (Document, String) {
    let mut store = Store::open_in_memory().unwrap();
    let t = store.library().template(template).unwrap().clone();
    let doc = store.create_document(&t.document_title, Some(template)).unwrap();
    let md = document_markdown(&doc, store.library());
    (doc, md)
}

/// Words as a reader counts them: runs of text with a letter or digit in them.
fn words(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

fn fact<'a>(doc: &'a Document, name: &str) -> Option<&'a str> {
    match doc.profile.get(name) {
        Some(Value::Text(s)) => Some(s.as_str()),
        _ => None,
    }
}

fn clause_ids(doc: &Document) -> Vec<&str> {
    doc.sections.iter().filter_map(|s| s.origin.as_ref().map(|o| o.clause_id.as_str())).collect()
}

fn templates() -> Vec<String> {
    Library::builtin().unwrap().templates.iter().map(|t| t.id.clone()).collect()
}

#[test]
fn every_template_renders_with_few_top_level_sections_and_ai_saas_fits_4500_words() {
    let lib = Library::builtin().unwrap();
    for id in templates() {
        let (doc, md) = policy(&id);
        let places = outline(&doc.sections);
        let top = places.iter().filter(|p| p.level == 1).count();
        let html = render_document(&doc, &lib).html;
        println!("{id}: {} words, {top} top-level sections, {} sections", words(&md), doc.sections.len());
        assert!(top <= 15, "{id} has {top} top-level sections");
        let first_sub = places.iter().find(|p| p.level == 2).expect("clauses are numbered as subsections");
        assert!(first_sub.number.ends_with(".1"), "{id}: {}", first_sub.number);
        assert!(html.contains(&format!("<h3>{} ", first_sub.number)), "{id} renders {} headings", first_sub.number);
        assert!(md.contains(&format!("\n### {} ", first_sub.number)), "{id} exports {} headings", first_sub.number);
    }
    let (_, md) = policy("ai-saas");
    assert!(words(&md) <= 4500, "ai-saas renders {} words", words(&md));
}
