//! The clause library in a workspace: built-ins, search, the user's own clauses, revisions,
//! trash, and the folder round trip.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::domain::{ClauseDraft, ClauseSource};
use clausewright_core::library::Library;
use clausewright_core::store::ClauseFilter;
use clausewright_core::{ErrorKind, Store};
use std::fs;
use std::path::Path;

fn draft(topic: &str, title: &str, body: &str) -> ClauseDraft {
    ClauseDraft {
        topic: topic.into(),
        title: title.into(),
        heading: "How long we keep your information".into(),
        jurisdictions: vec!["eu".into()],
        tags: vec!["retention".into()],
        satisfies: vec!["gdpr.retention".into()],
        variant_group: None,
        guidance: "Use for our own retention wording.".into(),
        body: body.into(),
    }
}

fn all(store: &Store) -> usize {
    store.clauses(&ClauseFilter::default()).unwrap().len()
}

#[test]
fn the_builtin_library_is_complete_and_cites_real_requirements() {
    let lib = Library::builtin().unwrap();
    assert!(lib.clauses.len() >= 80, "{} clauses", lib.clauses.len());
    assert!(lib.topics.len() >= 24);
    for t in &lib.topics {
        assert!(lib.clauses.iter().filter(|c| c.topic == t.id).count() >= 2, "topic {} has fewer than 2 clauses", t.id);
    }
    for c in &lib.clauses {
        assert!(!c.guidance.is_empty(), "{} has no guidance", c.id);
        assert!(!c.body.is_empty(), "{} has no body", c.id);
    }
    for group in ["children-min-age", "retention-style", "changes-notice", "ccpa-sale", "cookies-approach"] {
        assert!(lib.clauses.iter().filter(|c| c.variant_group.as_deref() == Some(group)).count() >= 2, "variant group {group}");
    }
    for t in &lib.templates {
        let mut groups: Vec<&str> = t.clauses.iter().filter_map(|id| lib.clause(id)?.variant_group.as_deref()).collect();
        let n = groups.len();
        groups.sort();
        groups.dedup();
        assert_eq!(groups.len(), n, "template {} uses two variants of one group", t.id);
    }
    assert!(lib.template("starter").is_some());
}

#[test]
fn search_is_ranked_prefix_matching_with_snippets_and_filters() {
    let store = Store::open_in_memory().unwrap();
    let hits = store.search_clauses("retent", &ClauseFilter::default(), 20).unwrap();
    assert!(!hits.is_empty());
    assert_eq!(hits[0].clause.topic, "retention", "best hit is about retention: {}", hits[0].clause.id);
    assert!(hits[0].snippet.iter().any(|h| h.hit && h.text.to_lowercase().starts_with("retent")), "{:?}", hits[0].snippet);

    let topic = ClauseFilter { topic: Some("children".into()), jurisdiction: None };
    let hits = store.search_clauses("age", &topic, 50).unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h.clause.topic == "children"));

    let ca = ClauseFilter { topic: None, jurisdiction: Some("us-ca".into()) };
    let hits = store.search_clauses("opt out", &ca, 50).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.clause.jurisdictions.iter().any(|j| j == "us-ca" || j == "global")));

    assert!(store.search_clauses("  ", &ClauseFilter::default(), 10).unwrap().is_empty());
    assert!(store.search_clauses("\"NEAR(* OR", &ClauseFilter::default(), 10).is_ok(), "FTS syntax in input is harmless");
}

#[test]
fn own_clauses_are_created_edited_as_revisions_and_searchable() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_clause(draft("retention", "Our zebra retention", "We keep records for {{retention_logs}}.")).unwrap();
    assert_eq!(c.id, "retention.our-zebra-retention");
    assert_eq!((c.source, c.revision), (ClauseSource::User, 1));
    assert_eq!(store.search_clauses("zebra", &ClauseFilter::default(), 5).unwrap()[0].clause.id, c.id);

    let edited = store.update_clause(&c.id, 1, draft("retention", "Our quagga retention", "Shorter now.")).unwrap();
    assert_eq!(edited.revision, 2);
    assert_eq!(store.clause(&c.id, Some(1)).unwrap().body, "We keep records for {{retention_logs}}.", "old revisions stay readable");
    assert_eq!(store.clause_revisions(&c.id).unwrap().iter().map(|r| r.revision).collect::<Vec<_>>(), [2, 1]);
    assert!(store.search_clauses("zebra", &ClauseFilter::default(), 5).unwrap().is_empty(), "the index follows the current revision");
    assert_eq!(store.search_clauses("quagga", &ClauseFilter::default(), 5).unwrap().len(), 1);

    let stale = store.update_clause(&c.id, 1, draft("retention", "Late edit", "x")).unwrap_err();
    assert_eq!(stale.kind(), ErrorKind::Stale);
    assert_eq!(store.clause(&c.id, None).unwrap().revision, 2);
}

#[test]
fn bad_clause_edits_are_refused_naming_the_field() {
    let mut store = Store::open_in_memory().unwrap();
    let before = all(&store);
    let err = store.create_clause(draft("retention", "Bad", "Uses {{no_such_var}}.")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(err.to_string().contains("body (line 1)") && err.to_string().contains("no_such_var"), "{err}");
    let err = store.create_clause(draft("no-such-topic", "Bad", "x")).unwrap_err();
    assert!(err.to_string().starts_with("topic:"), "{err}");
    let mut d = draft("retention", "Bad", "x");
    d.satisfies = vec!["gdpr.made-up".into()];
    assert!(store.create_clause(d).unwrap_err().to_string().starts_with("satisfies:"));
    assert_eq!(all(&store), before, "nothing was added");
}

#[test]
fn builtin_clauses_are_read_only_but_can_be_duplicated() {
    let mut store = Store::open_in_memory().unwrap();
    let builtin = store.clause("retention.periods-table", None).unwrap();
    let err = store.update_clause(&builtin.id, builtin.revision, draft("retention", "Mine", "x")).unwrap_err();
    assert!(err.to_string().contains("duplicate it"), "{err}");
    let copy = store.duplicate_clause(&builtin.id).unwrap();
    assert_eq!(copy.source, ClauseSource::User);
    assert_eq!(copy.body, builtin.body);
    assert_ne!(copy.id, builtin.id);
    let edited = store.update_clause(&copy.id, 1, draft("retention", "My table", "Our own table.")).unwrap();
    assert_eq!(edited.revision, 2);
    assert_eq!(store.clause(&builtin.id, None).unwrap(), builtin, "the built-in is untouched");
}

#[test]
fn deleted_clauses_go_to_a_trash_and_come_back() {
    let mut store = Store::open_in_memory().unwrap();
    let before = all(&store);
    store.delete_clause("children.min-age-13").unwrap();
    assert_eq!(all(&store), before - 1);
    assert!(store.search_clauses("thirteen 13", &ClauseFilter::default(), 50).unwrap().iter().all(|h| h.clause.id != "children.min-age-13"));
    let trash = store.trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].clause.id, "children.min-age-13");
    assert_eq!(store.delete_clause("children.min-age-13").unwrap_err().kind(), ErrorKind::NotFound);
    store.restore_clause("children.min-age-13").unwrap();
    assert_eq!(all(&store), before);
    assert!(store.trash().unwrap().is_empty());
}

#[test]
fn a_newer_builtin_revision_updates_the_builtin_but_not_documents_or_own_clauses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite3");
    let id = "retention.periods-table";
    let (doc_id, own) = {
        let mut store = Store::open(&path).unwrap();
        let own = store.duplicate_clause(id).unwrap();
        (store.documents().unwrap()[0].id, own)
    };
    // Make the stored built-in look like an older release's revision 0, pinned by the starter.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA foreign_keys = OFF;
             UPDATE clause_revisions SET revision = 0, body = 'Old wording.' WHERE clause_id = '{id}';
             UPDATE clauses SET current_revision = 0 WHERE id = '{id}';
             UPDATE sections SET clause_revision = 0, body = 'Old wording.' WHERE clause_id = '{id}';"
        ))
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let current = store.clause(id, None).unwrap();
    assert_eq!(current.revision, Library::builtin().unwrap().clause(id).unwrap().revision);
    assert!(current.revision >= 1);
    assert_ne!(current.body, "Old wording.");
    assert_eq!(store.clause(id, Some(0)).unwrap().body, "Old wording.", "the older revision stays readable");
    let doc = store.document(doc_id).unwrap();
    let pinned = doc.sections.iter().find(|s| s.origin.as_ref().is_some_and(|o| o.clause_id == id)).unwrap();
    assert_eq!(pinned.body, "Old wording.");
    assert_eq!(pinned.origin.as_ref().unwrap().clause_revision, 0);
    assert_eq!(store.clause(&own.id, None).unwrap(), own);
}

fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn export_import_export_gives_identical_bytes() {
    let mut a = Store::open_in_memory().unwrap();
    let mine = a.create_clause(draft("retention", "Team retention", "Line one.\n\nLine *two* with {{retention_logs}}.")).unwrap();
    a.update_clause(&mine.id, 1, draft("retention", "Team retention", "Revised.")).unwrap();
    a.duplicate_clause("cookies.consent-based").unwrap();
    let first = tempfile::tempdir().unwrap();
    let n = a.export_library(first.path(), false).unwrap();
    assert_eq!(n, all(&a));

    let mut b = Store::open_in_memory().unwrap();
    let report = b.import_library(first.path()).unwrap();
    assert_eq!(report.added.len(), 2, "{report:?}");
    assert_eq!(report.unchanged as usize, n - 2);
    let second = tempfile::tempdir().unwrap();
    b.export_library(second.path(), false).unwrap();
    assert_eq!(read_tree(first.path()), read_tree(second.path()));

    // Importing the same folder again changes nothing.
    let again = b.import_library(first.path()).unwrap();
    assert!(again.added.is_empty() && again.updated.is_empty());

    let user_only = tempfile::tempdir().unwrap();
    assert_eq!(a.export_library(user_only.path(), true).unwrap(), 2);
}

fn import_error(files: &[(&str, &[u8])]) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    let mut store = Store::open_in_memory().unwrap();
    let before = all(&store);
    let err = store.import_library(dir.path()).unwrap_err();
    assert_eq!(all(&store), before, "a failed import adds nothing");
    err.to_string()
}

const GOOD: &str = "+++\nid = \"retention.ours\"\ntopic = \"retention\"\ntitle = \"Ours\"\nheading = \"Retention\"\njurisdictions = [\"eu\"]\nguidance = \"x\"\nrevision = 1\n+++\nWe keep it for {{retention_logs}}.\n";

#[test]
fn a_bad_library_folder_fails_naming_file_and_line_and_imports_nothing() {
    let ok = ("clauses/retention/ours.md", GOOD.as_bytes());

    let malformed = GOOD.replace("title = \"Ours\"", "title = Ours");
    let err = import_error(&[ok, ("clauses/retention/bad.md", malformed.as_bytes())]);
    assert!(err.starts_with("clauses/retention/bad.md:4:"), "{err}");

    let err = import_error(&[ok, ("clauses/retention/copy.md", GOOD.as_bytes())]);
    assert!(err.contains("clauses/retention/ours.md:2: duplicate clause id") || err.contains("copy.md:2: duplicate"), "{err}");

    let topic = GOOD.replace("id = \"retention.ours\"\ntopic = \"retention\"", "id = \"zoology.ours\"\ntopic = \"zoology\"");
    let err = import_error(&[ok, ("clauses/zoology/ours.md", topic.as_bytes())]);
    assert!(err.starts_with("clauses/zoology/ours.md:3: unknown topic `zoology`"), "{err}");

    let var = GOOD.replace("{{retention_logs}}", "{{shoe_size}}");
    let err = import_error(&[ok, ("clauses/retention/var.md", var.as_bytes())]);
    assert!(err.starts_with("clauses/retention/var.md:10: undeclared variable `{{shoe_size}}`"), "{err}");

    let mut latin1 = GOOD.as_bytes().to_vec();
    latin1.extend_from_slice(b"Caf\xe9 terms.\n");
    let err = import_error(&[ok, ("clauses/retention/latin1.md", &latin1)]);
    assert!(err.starts_with("clauses/retention/latin1.md:11: not valid UTF-8"), "{err}");

    let no_front = import_error(&[("clauses/retention/plain.md", b"Just text.\n")]);
    assert!(no_front.starts_with("clauses/retention/plain.md:1: expected TOML front matter"), "{no_front}");

    let changed_builtin = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/clauses/retention/periods-table.md"))
        .unwrap()
        .replace("We keep each kind", "We retain each kind");
    let err = import_error(&[("clauses/retention/periods-table.md", changed_builtin.as_bytes())]);
    assert!(err.contains("built-in clause and differs"), "{err}");
}

#[test]
fn saving_an_unchanged_clause_makes_no_new_revision() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.create_clause(draft("retention", "Same", "Text.")).unwrap();
    let again = store.update_clause(&c.id, 1, draft("retention", "Same", "Text.")).unwrap();
    assert_eq!(again.revision, 1);
    assert_eq!(store.clause_revisions(&c.id).unwrap().len(), 1);
}
