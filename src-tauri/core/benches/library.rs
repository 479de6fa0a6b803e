//! `make bench`: search over a generated 10,000-clause library (aim: median under 5 ms per
//! query), and filling a fresh workspace with the built-in library.

use clausewright_core::Store;
use clausewright_core::domain::ClauseDraft;
use clausewright_core::store::ClauseFilter;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// A library that reads like a real one, ten thousand clauses strong: each generated clause
/// takes paragraphs from the built-in clauses, swaps some words for others from a large
/// vocabulary (so texts differ), and gets a title of its own. Query terms then match a realistic
/// share of clauses rather than all of them.
fn generated_store(n: usize) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let builtin: Vec<_> = store.clauses(&ClauseFilter::default()).expect("clauses");
    let paragraphs: Vec<String> =
        builtin.iter().flat_map(|c| c.body.split("\n\n").map(str::to_owned).collect::<Vec<_>>()).collect();
    let vocabulary: Vec<String> = builtin
        .iter()
        .flat_map(|c| c.body.split(|ch: char| !ch.is_alphabetic()).map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|w| w.len() > 3)
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    for i in 0..n {
        let base = &builtin[next() % builtin.len()];
        let body: Vec<String> = (0..3)
            .map(|_| {
                paragraphs[next() % paragraphs.len()]
                    .split(' ')
                    .map(|w| if next() % 8 == 0 { vocabulary[next() % vocabulary.len()].clone() } else { w.to_owned() })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let draft = ClauseDraft {
            topic: base.topic.clone(),
            title: format!("{} {i}", base.title),
            heading: base.heading.clone(),
            jurisdictions: base.jurisdictions.clone(),
            tags: base.tags.clone(),
            satisfies: base.satisfies.clone(),
            variant_group: None,
            guidance: base.guidance.clone(),
            body: body.join("\n\n"),
        };
        store.create_clause(draft).expect("create");
    }
    store
}

fn search(c: &mut Criterion) {
    let store = generated_store(10_000);
    let mut group = c.benchmark_group("search 10k clauses");
    for query in ["retent", "children consent", "opt out sale", "standard contractual clauses", "zzz"] {
        group.bench_function(query, |b| {
            b.iter(|| black_box(store.search_clauses(query, &ClauseFilter::default(), 50).expect("search")))
        });
    }
    group.bench_function("retent, first 10", |b| {
        b.iter(|| black_box(store.search_clauses("retent", &ClauseFilter::default(), 10).expect("search")))
    });
    group.bench_function("retent, EU only", |b| {
        let eu = ClauseFilter { topic: None, jurisdiction: Some("eu".into()) };
        b.iter(|| black_box(store.search_clauses("retent", &eu, 50).expect("search")))
    });
    group.finish();
}

fn load_builtin(c: &mut Criterion) {
    c.bench_function("fill a fresh workspace with the built-in library", |b| {
        b.iter(|| black_box(Store::open_in_memory().expect("store")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = search, load_builtin
}
criterion_main!(benches);
