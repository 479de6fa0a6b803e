//! Composing documents: templates, sections, profile values, undo, the trash.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::domain::{Document, Value};
use clausewright_core::render::render_document;
use clausewright_core::{ErrorKind, Store};
use proptest::prelude::*;

fn starter(store: &Store) -> Document {
    store.document(store.documents().unwrap()[0].id).unwrap()
}

#[test]
fn a_document_from_each_template_renders_complete_once_the_profile_is_filled() {
    let mut store = Store::open_in_memory().unwrap();
    let templates = store.templates();
    assert!(templates.len() >= 3);
    let mut starter_profile = store.library().template("starter").unwrap().profile.clone();
    // The starter's company is established in the EU and needs no EU representative; a
    // template for a company outside the EU does.
    starter_profile.0.entry("eu_representative".into()).or_insert(Value::Text("Example Rep BV, Amsterdam".into()));
    for t in templates.iter().filter(|t| t.id != "starter") {
        let doc = store.create_document(&t.document_title, Some(&t.id)).unwrap();
        assert_eq!(doc.sections.len() as u32, t.section_count);
        let mut rev = doc.revision;
        for (name, value) in &starter_profile.0 {
            rev = store.set_profile_value(doc.id, rev, name, Some(value.clone())).unwrap().revision;
        }
        let preview = render_document(&store.document(doc.id).unwrap(), store.library());
        assert!(preview.unfilled.is_empty(), "template {} still needs {:?}", t.id, preview.unfilled);
    }
    let blank = store.create_document("Blank", None).unwrap();
    assert!(blank.sections.is_empty());
}

#[test]
fn sections_are_added_moved_removed_and_keep_their_provenance() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = store.create_document("P", None).unwrap();
    let doc = store.add_section(doc.id, doc.revision, "who-we-are.controller", None).unwrap();
    let doc = store.add_section(doc.id, doc.revision, "retention.criteria", None).unwrap();
    let doc = store.add_section(doc.id, doc.revision, "children.min-age-16", Some(1)).unwrap();
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.origin.as_ref().unwrap().clause_id.as_str()).collect();
    assert_eq!(ids, ["who-we-are.controller", "children.min-age-16", "retention.criteria"]);

    let last = doc.sections[2].id;
    let doc = store.move_section(doc.id, doc.revision, last, 0).unwrap();
    assert_eq!(doc.sections[0].id, last);
    let doc = store.remove_section(doc.id, doc.revision, doc.sections[1].id).unwrap();
    assert_eq!(doc.sections.len(), 2);

    let s = &doc.sections[0];
    let rev = store.update_section(doc.id, doc.revision, s.id, &s.heading, "Our own words.").unwrap();
    let doc = store.document(doc.id).unwrap();
    let origin = doc.sections[0].origin.as_ref().unwrap();
    assert!(origin.edited && origin.clause_id == "retention.criteria" && origin.latest_revision == origin.clause_revision);
    assert_eq!(rev, doc.revision);

    let stale = store.move_section(doc.id, doc.revision - 1, last, 1).unwrap_err();
    assert_eq!(stale.kind(), ErrorKind::Stale);
}

#[test]
fn a_newer_library_revision_can_be_taken_into_a_section() {
    let mut store = Store::open_in_memory().unwrap();
    let own = store.duplicate_clause("retention.criteria").unwrap();
    let doc = store.create_document("P", None).unwrap();
    let doc = store.add_section(doc.id, doc.revision, &own.id, None).unwrap();
    let mut draft = clausewright_core::domain::ClauseDraft {
        topic: own.topic.clone(),
        title: own.title.clone(),
        heading: own.heading.clone(),
        jurisdictions: own.jurisdictions.clone(),
        tags: own.tags.clone(),
        satisfies: own.satisfies.clone(),
        variant_group: None,
        guidance: own.guidance.clone(),
        body: "Revised wording.".into(),
    };
    draft.heading = "Keeping data".into();
    store.update_clause(&own.id, 1, draft).unwrap();
    let doc = store.document(doc.id).unwrap();
    let origin = doc.sections[0].origin.clone().unwrap();
    assert_eq!((origin.clause_revision, origin.latest_revision), (1, 2));
    let doc = store.take_clause_update(doc.id, doc.revision, doc.sections[0].id).unwrap();
    assert_eq!(doc.sections[0].body, "Revised wording.");
    assert_eq!(doc.sections[0].heading, "Keeping data");
    assert_eq!(doc.sections[0].origin.as_ref().unwrap().clause_revision, 2);
}

#[test]
fn invalid_profile_values_are_refused_with_the_field_and_why() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = starter(&store);
    let err = store.set_profile_value(doc.id, doc.revision, "privacy_email", Some(Value::Text("nope".into()))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(err.to_string().contains("(privacy_email)") && err.to_string().contains("not an email address"), "{err}");
    let err = store.set_profile_value(doc.id, doc.revision, "effective_date", Some(Value::Text("March 1".into()))).unwrap_err();
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    let err = store.set_profile_value(doc.id, doc.revision, "shoe_size", Some(Value::Text("9".into()))).unwrap_err();
    assert!(err.to_string().contains("not a profile field"), "{err}");
    assert_eq!(store.document(doc.id).unwrap(), doc, "nothing changed");

    let doc = store.set_profile_value(doc.id, doc.revision, "company_name", None).unwrap();
    assert!(!doc.profile.0.contains_key("company_name"));
    assert!(render_document(&doc, store.library()).unfilled.contains(&"company_name".to_string()));
}

#[test]
fn documents_are_renamed_duplicated_trashed_and_restored() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = starter(&store);
    let copy = store.duplicate_document(doc.id).unwrap();
    assert_eq!(copy.title, format!("{} (copy)", doc.title));
    assert_eq!(copy.sections.len(), doc.sections.len());
    assert_eq!(copy.profile, doc.profile);
    assert!(copy.sections.iter().all(|s| doc.sections.iter().all(|o| o.id != s.id)), "fresh section ids");
    store.delete_document(copy.id).unwrap();
    assert_eq!(store.documents().unwrap().len(), 1);
    assert_eq!(store.document_trash().unwrap()[0].id, copy.id);
    store.restore_document(copy.id).unwrap();
    assert_eq!(store.documents().unwrap().len(), 2);
    assert_eq!(store.document(doc.id).unwrap(), doc, "the original is untouched");
}

/// One step a person might take while composing.
#[derive(Debug, Clone)]
enum Op {
    Add { clause: usize, at: usize },
    Move { from: usize, to: usize },
    Remove { at: usize },
    Edit { at: usize, text: String },
    SetName(String),
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..200, 0usize..40).prop_map(|(clause, at)| Op::Add { clause, at }),
        (0usize..40, 0usize..40).prop_map(|(from, to)| Op::Move { from, to }),
        (0usize..40).prop_map(|at| Op::Remove { at }),
        (0usize..40, "[a-zA-Z ]{0,30}").prop_map(|(at, text)| Op::Edit { at, text }),
        "[A-Z][a-z]{1,8} Ltd".prop_map(Op::SetName),
        Just(Op::Undo),
    ]
}

/// The model: what the document must contain, as (heading, body, origin clause id).
type Model = (Vec<(String, String, Option<String>)>, Option<String>);

fn model_of(doc: &Document) -> Model {
    let sections = doc.sections.iter().map(|s| (s.heading.clone(), s.body.clone(), s.origin.as_ref().map(|o| o.clause_id.clone()))).collect();
    let name = match doc.profile.0.get("company_name") {
        Some(Value::Text(s)) => Some(s.clone()),
        _ => None,
    };
    (sections, name)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_composing_matches_a_simple_model_and_survives_reopening(ops in prop::collection::vec(op(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.sqlite3");
        let mut store = Store::open(&path).unwrap();
        let clause_ids: Vec<String> = store.library().clauses.iter().map(|c| c.id.clone()).collect();
        let mut doc = store.create_document("Model", None).unwrap();
        let mut model: Model = (vec![], None);
        let mut history: Vec<(Document, Model)> = vec![];
        for op in ops {
            let n = model.0.len();
            let before = (doc.clone(), model.clone());
            match op {
                Op::Add { clause, at } => {
                    let c = store.library().clause(&clause_ids[clause % clause_ids.len()]).unwrap().clone();
                    let at = at.min(n);
                    doc = store.add_section(doc.id, doc.revision, &c.id, Some(at)).unwrap();
                    model.0.insert(at, (c.heading, c.body, Some(c.id)));
                }
                Op::Move { from, to } if n > 0 => {
                    let from = from % n;
                    doc = store.move_section(doc.id, doc.revision, doc.sections[from].id, to).unwrap();
                    let s = model.0.remove(from);
                    model.0.insert(to.min(n - 1), s);
                }
                Op::Remove { at } if n > 0 => {
                    let at = at % n;
                    doc = store.remove_section(doc.id, doc.revision, doc.sections[at].id).unwrap();
                    model.0.remove(at);
                }
                Op::Edit { at, text } if n > 0 => {
                    let at = at % n;
                    let s = &doc.sections[at];
                    store.update_section(doc.id, doc.revision, s.id, &s.heading, &text).unwrap();
                    doc = store.document(doc.id).unwrap();
                    model.0[at].1 = text;
                }
                Op::SetName(name) => {
                    doc = store.set_profile_value(doc.id, doc.revision, "company_name", Some(Value::Text(name.clone()))).unwrap();
                    model.1 = Some(name);
                }
                Op::Undo => {
                    if let Some((state, m)) = history.pop() {
                        doc = store.restore_content(doc.id, doc.revision, &state).unwrap();
                        model = m;
                    }
                    prop_assert_eq!(model_of(&doc), model.clone());
                    continue;
                }
                _ => continue,
            }
            history.push(before);
            prop_assert_eq!(model_of(&doc), model.clone());
            prop_assert_eq!(&store.document(doc.id).unwrap(), &doc);
        }
        drop(store);
        let reopened = Store::open(&path).unwrap();
        prop_assert_eq!(model_of(&reopened.document(doc.id).unwrap()), model);
    }
}

#[test]
fn versions_are_immutable_and_restoring_one_keeps_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let doc = starter(&store);
    assert_eq!(store.save_version(doc.id, "First", "").unwrap_err().kind(), ErrorKind::Invalid, "the author is asked first");
    store.set_author("Dana").unwrap();
    let v1 = store.save_version(doc.id, "First", "for counsel").unwrap();
    assert_eq!((v1.number, v1.author.as_str(), v1.sections.len()), (1, "Dana", doc.sections.len()));
    let doc = store.remove_section(doc.id, doc.revision, doc.sections[0].id).unwrap();
    let v2 = store.save_version(doc.id, "Shorter", "").unwrap();
    let list = store.versions(doc.id).unwrap();
    assert_eq!(list.iter().map(|v| v.number).collect::<Vec<_>>(), [2, 1]);
    assert!(list[0].summary.starts_with("1 section removed; +0 −"), "{}", list[0].summary);

    let restored = store.restore_version(doc.id, doc.revision, 1).unwrap();
    assert_eq!(restored.sections.len(), v1.sections.len());
    assert_eq!(restored.sections.iter().map(|s| s.id).collect::<Vec<_>>(), v1.sections.iter().map(|s| s.id).collect::<Vec<_>>());
    let list = store.versions(doc.id).unwrap();
    assert_eq!(list[0].label, "Draft before restoring version 1");
    assert_eq!(store.version(doc.id, 3).unwrap().sections, v2.sections, "the draft became a version first");

    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(conn.execute("UPDATE versions SET label = 'x'", []).is_err(), "versions cannot be edited");
    assert!(conn.execute("DELETE FROM versions", []).is_err(), "versions are never pruned");
}

/// When the facts call for another variant of a clause, the composer is told which, and takes
/// it as one change that undo reverses.
#[test]
fn the_facts_choose_the_variant_and_taking_it_is_one_undoable_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("w.sqlite3")).unwrap();
    let doc = store.create_document("Lumen policy", Some("ai-saas")).unwrap();
    let section = doc.sections.iter().find(|s| s.origin.as_ref().is_some_and(|o| o.clause_id == "ai-training.we-do-not-train")).unwrap().clone();
    let doc = store.set_profile_value(doc.id, doc.revision, "trains_on_user_content", Some(Value::Text("no".into()))).unwrap();
    assert!(store.variant_advice(doc.id).unwrap().iter().all(|a| a.section_id != section.id), "the facts agree with the clause");

    let before = store.set_profile_value(doc.id, doc.revision, "trains_on_user_content", Some(Value::Text("opt-out".into()))).unwrap();
    let advice = store.variant_advice(doc.id).unwrap();
    let a = advice.iter().find(|a| a.section_id == section.id).expect("advice for the training section");
    assert_eq!((a.fact.as_str(), a.value.as_str(), a.variant_id.as_str()), ("trains_on_user_content", "opt-out", "ai-training.opt-out"));
    assert_eq!(a.fact_label, "Trains models on user content");

    let after = store.use_variant(doc.id, before.revision, section.id, &a.variant_id).unwrap();
    let taken = after.sections.iter().find(|s| s.id == section.id).unwrap();
    let clause = store.clause("ai-training.opt-out", None).unwrap();
    assert_eq!((taken.heading.as_str(), taken.body.as_str()), (clause.heading.as_str(), clause.body.as_str()));
    assert_eq!(taken.origin.as_ref().unwrap().clause_id, "ai-training.opt-out");
    assert_eq!(after.sections.len(), before.sections.len(), "in the same place");
    assert!(store.variant_advice(doc.id).unwrap().iter().all(|a| a.section_id != section.id));

    // Undo is restoring the state before; a clause of another group is refused.
    let undone = store.restore_content(doc.id, after.revision, &before).unwrap();
    assert_eq!(undone.sections.iter().find(|s| s.id == section.id).unwrap().body, section.body);
    let err = store.use_variant(doc.id, undone.revision, section.id, "security.measures").unwrap_err().to_string();
    assert!(err.contains("not a variant") || err.contains("no clause"), "{err}");
}
