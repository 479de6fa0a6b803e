//! `make bench`: exporting a 30,000-word document to each format, and a Word redline of two
//! 30,000-word versions. Needs the `pdf` feature (on when the CLI is benchmarked alongside).

use clausewright_core::Store;
use clausewright_core::diff::{DiffSide, compare};
use clausewright_core::export::{Format, Meta, RedlineFormat, RedlineSides, document_bytes, redline_bytes};
mod common;

use common::long_document;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn export(c: &mut Criterion) {
    let store = Store::open_in_memory().expect("store");
    let doc = long_document(&store, 30_000);
    let lib = store.library();
    let meta = Meta { title: doc.title.clone(), author: "Bench".into(), date: "2026-01-01T00:00:00Z".into(), comments: Vec::new() };
    for (name, format) in
        [("Markdown", Format::Markdown), ("HTML", Format::Html), ("text", Format::Text), ("Word", Format::Docx), ("PDF", Format::Pdf)]
    {
        c.bench_function(&format!("export 30,000-word document to {name}"), |b| {
            b.iter(|| black_box(document_bytes(&doc, lib, &meta, format).expect("export")))
        });
    }
    // The same document with every tenth section's wording changed.
    let mut edited = doc.clone();
    for s in edited.sections.iter_mut().step_by(10) {
        s.body = s.body.replace(" the ", " our ");
    }
    let comparison = compare(&DiffSide::from_document(&doc, lib), &DiffSide::from_document(&edited, lib), Default::default());
    let sides = RedlineSides { old_name: "v1".into(), new_name: "v2".into(), meta };
    for (name, format) in [("Word", RedlineFormat::Docx), ("PDF", RedlineFormat::Pdf)] {
        c.bench_function(&format!("export 30,000-word redline to {name}"), |b| {
            b.iter(|| black_box(redline_bytes(&comparison, &sides, format).expect("redline")))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = export
}
criterion_main!(benches);
