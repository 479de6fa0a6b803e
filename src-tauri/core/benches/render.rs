//! `make bench`: rendering a 30,000-word document to HTML (aim: under 30 ms), and the
//! adversarial Markdown of security I4 (must stay fast, never hang).

use clausewright_core::Store;
use clausewright_core::domain::Profile;
use clausewright_core::export::{document_markdown, document_text};
use clausewright_core::render::{render_document, render_markdown};
mod common;

use common::long_document;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn render(c: &mut Criterion) {
    let store = Store::open_in_memory().expect("store");
    let doc = long_document(&store, 30_000);
    let lib = store.library();
    c.bench_function("render 30,000-word document to HTML", |b| b.iter(|| black_box(render_document(&doc, lib))));
    c.bench_function("render 30,000-word document to Markdown", |b| b.iter(|| black_box(document_markdown(&doc, lib))));
    c.bench_function("render 30,000-word document to text", |b| b.iter(|| black_box(document_text(&doc, lib))));

    let profile = Profile::default();
    let brackets = "[ (](".repeat(40_000);
    let nested_lists = (0..2_000).map(|i| format!("{}- item\n", "  ".repeat(i % 200))).collect::<String>();
    let nested_quotes = ">".repeat(5_000) + " deep";
    c.bench_function("adversarial: \"[ (](\" x 40,000", |b| b.iter(|| black_box(render_markdown(&brackets, &profile, lib))));
    c.bench_function("adversarial: lists nested 200 deep", |b| b.iter(|| black_box(render_markdown(&nested_lists, &profile, lib))));
    c.bench_function("adversarial: quotes nested 5,000 deep", |b| b.iter(|| black_box(render_markdown(&nested_quotes, &profile, lib))));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = render
}
criterion_main!(benches);
