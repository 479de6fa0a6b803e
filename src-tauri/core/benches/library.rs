//! `make bench`: search over a generated 10,000-clause library (aim: median under 5 ms per
//! query), and filling a fresh workspace with the built-in library.

use clausewright_core::Store;
use clausewright_core::domain::ClauseDraft;
use clausewright_core::store::ClauseFilter;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const WORDS: &[&str] = &[
    "account", "retention", "cookies", "consent", "transfer", "processor", "children", "security", "analytics",
    "payment", "marketing", "profiling", "rights", "erasure", "access", "portability", "objection", "contract",
    "legitimate", "interest", "provider", "model", "training", "logs", "device", "location", "email", "support",
    "backup", "encryption", "breach", "notice", "change", "representative", "authority", "complaint", "sale",
    "sharing", "sensitive", "opt", "out", "verification", "agent", "signal", "browser", "partner", "vendor",
];

fn generated_store(n: usize) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let topics: Vec<String> = store.topics().expect("topics").into_iter().map(|t| t.id).collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..n {
        let mut words = |k: usize| (0..k).map(|_| WORDS[(next() as usize) % WORDS.len()]).collect::<Vec<_>>().join(" ");
        let draft = ClauseDraft {
            topic: topics[i % topics.len()].clone(),
            title: format!("{} {i}", words(4)),
            heading: words(5),
            jurisdictions: vec!["eu".into()],
            tags: vec![WORDS[i % WORDS.len()].into()],
            satisfies: vec![],
            variant_group: None,
            guidance: words(25),
            body: (0..4).map(|_| words(40)).collect::<Vec<_>>().join(".\n\n"),
        };
        store.create_clause(draft).expect("create");
    }
    store
}

fn search(c: &mut Criterion) {
    let store = generated_store(10_000);
    let mut group = c.benchmark_group("search 10k clauses");
    for query in ["retent", "children consent", "opt out sale", "cross border transfer processor", "zzz"] {
        group.bench_function(query, |b| {
            b.iter(|| black_box(store.search_clauses(query, &ClauseFilter::default(), 50).expect("search")))
        });
    }
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
