//! The library is the team's own writing: no built-in clause shares a run of 12 or more words
//! with a real policy. The policies are the seeds and the corpus in the workspace's `shared`
//! folder (`CARGO_MANIFEST_DIR/../../../shared`), when it is there, and the stand-ins in
//! `tests/fixtures/policies` always. Words are compared lowercased with punctuation removed;
//! names of laws, web and mail addresses are taken out first, since a clause must cite them as
//! they are.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::library::Library;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const RUN: usize = 12;

/// Names a clause may repeat word for word: laws, regulators, legal instruments.
const NAMES: [&str; 16] = [
    "california consumer privacy act",
    "california privacy rights act",
    "children's online privacy protection act",
    "general data protection regulation",
    "data protection act 2018",
    "data use and access act 2025",
    "eu-us data privacy framework",
    "uk extension to the eu-us data privacy framework",
    "swiss-us data privacy framework",
    "international data transfer agreement",
    "standard contractual clauses",
    "european data protection board",
    "information commissioner's office",
    "federal trade commission",
    "my health my data act",
    "global privacy control",
];

/// Lowercased words without punctuation, addresses and law names.
fn words(text: &str) -> Vec<String> {
    let mut lower = text.to_lowercase();
    for name in NAMES {
        lower = lower.replace(name, " ");
    }
    lower
        .split_whitespace()
        .filter(|w| !(w.contains("://") || w.contains('@') || w.starts_with("www.")))
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()).map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Every run of `RUN` words in the texts, with where it came from.
fn runs(texts: &[(String, String)]) -> HashMap<Vec<String>, String> {
    let mut out = HashMap::new();
    for (name, text) in texts {
        let w = words(text);
        for run in w.windows(RUN) {
            out.entry(run.to_vec()).or_insert_with(|| name.clone());
        }
    }
    out
}

fn read_dir_texts(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            read_dir_texts(&p, out);
        } else if let Ok(text) = std::fs::read_to_string(&p) {
            out.push((p.display().to_string(), text));
        }
    }
}

fn policies() -> Vec<(String, String)> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    read_dir_texts(&manifest.join("tests/fixtures/policies"), &mut texts);
    let shared = manifest.join("../../../shared");
    for folder in ["seeds", "corpus"] {
        read_dir_texts(&shared.join(folder), &mut texts);
    }
    texts
}

/// The first shared run between a clause and the policies, if any.
fn copied(clause: &str, policies: &HashMap<Vec<String>, String>) -> Option<(String, String)> {
    words(clause).windows(RUN).find_map(|run| policies.get(run).map(|from| (run.join(" "), from.clone())))
}

#[test]
fn no_builtin_clause_shares_twelve_words_with_a_real_policy() {
    let texts = policies();
    assert!(texts.iter().any(|(n, _)| n.contains("fixtures")), "the stand-in policies are read");
    let known = runs(&texts);
    let lib = Library::builtin().unwrap();
    let mut found = Vec::new();
    for c in &lib.clauses {
        if let Some((run, from)) = copied(&c.body, &known) {
            found.push(format!("{}: \"{run}\" (in {from})", c.id));
        }
    }
    assert!(found.is_empty(), "clauses too close to real policies:\n{}", found.join("\n"));
}

#[test]
fn the_comparison_finds_a_copied_sentence_through_case_and_punctuation() {
    let policy = vec![("p".to_string(), "Intro. We Keep Your Messages, For As Long As You Keep Your Account Open -- And Then Delete Them. End.".to_string())];
    let known = runs(&policy);
    let clause = "we keep your messages for as long as you keep your account open and then delete them";
    assert!(copied(clause, &known).is_some());
    let short = "we keep your messages for as long as you need them";
    assert!(copied(short, &known).is_none(), "short stock phrases are fine");
    let law = "Under the California Consumer Privacy Act, and the https://example.test page.";
    assert_eq!(words(law), ["under", "the", "and", "the", "page"]);
}
