//! `make bench`: a full policy check of a 30,000-word document (aim: under 50 ms). Every
//! section is marked as edited, so every sentence goes through the detectors (the worst case).

use clausewright_core::Store;
use clausewright_core::check::{CheckOptions, check};
mod common;

use common::long_document;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let store = Store::open_in_memory().expect("store");
    let mut doc = long_document(&store, 30_000);
    for s in &mut doc.sections {
        s.origin = None;
    }
    let lib = store.library();
    let options = CheckOptions { jurisdictions: Some(vec!["eu".into(), "uk".into(), "us-ca".into(), "us".into()]), today: Some("2027-03-15".into()) };
    c.bench_function("check 30,000-word document (all jurisdictions, detectors on every section)", |b| {
        b.iter(|| black_box(check(&doc.sections, &doc.profile, lib, &options)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
