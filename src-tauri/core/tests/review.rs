//! Counsel's review in the workspace: comments that follow their text, and proposals decided one
//! by one into the draft, never over text edited since.
#![allow(clippy::unwrap_used)]

use clausewright_core::domain::{Document, ProposalKind, ProposalStatus};
use clausewright_core::review::Decision;
use clausewright_core::store::NewComment;
use clausewright_core::{ErrorKind, Store};
use proptest::prelude::*;

fn store_with(sections: &[(&str, &str)]) -> (Store, Document) {
    let mut store = Store::open_in_memory().unwrap();
    store.set_author("Dana").unwrap();
    let parts: Vec<(String, String)> = sections.iter().map(|(h, b)| (h.to_string(), b.to_string())).collect();
    let doc = store.create_document_from("Policy", &Default::default(), &parts).unwrap();
    (store, doc)
}

fn edit(store: &mut Store, doc: &Document, k: usize, body: &str) -> Document {
    let s = &doc.sections[k];
    store.update_section(doc.id, doc.revision, s.id, &s.heading, body).unwrap();
    store.document(doc.id).unwrap()
}

fn bodies(d: &Document) -> Vec<&str> {
    d.sections.iter().map(|s| s.body.as_str()).collect()
}

#[test]
fn changes_since_a_version_are_rejected_one_by_one_and_opened_again() {
    let (mut store, doc) = store_with(&[("Data", "We keep your email for a year."), ("Rights", "You may ask us to delete it.")]);
    store.save_version(doc.id, "Sent", "").unwrap();
    let doc = edit(&mut store, &doc, 0, "We keep your email for two years.");
    let doc = edit(&mut store, &doc, 1, "You may ask us to delete or correct it.");
    let review = store.review_versions(doc.id, doc.revision, 1, None).unwrap();
    assert_eq!(review.source, "v1 → draft");
    assert_eq!(review.document, doc, "the draft already shows every change");
    let ps = &review.proposals;
    assert_eq!(ps.len(), 2, "{ps:?}");
    assert_eq!((ps[0].kind, ps[0].section.as_str(), ps[0].author.as_str()), (ProposalKind::Replace, "Data", "Dana"));
    assert_eq!(ps[1].kind, ProposalKind::Insert);

    let doc = store.decide(doc.id, doc.revision, &[ps[0].id], Some(Decision::Reject)).unwrap();
    assert_eq!(bodies(&doc), ["We keep your email for a year.", "You may ask us to delete or correct it."]);
    let doc = store.decide(doc.id, doc.revision, &[ps[1].id], Some(Decision::Accept)).unwrap();
    assert_eq!(bodies(&doc), ["We keep your email for a year.", "You may ask us to delete or correct it."]);
    let statuses: Vec<ProposalStatus> = store.proposals(doc.id).unwrap().iter().map(|p| p.status).collect();
    assert_eq!(statuses, [ProposalStatus::Rejected, ProposalStatus::Accepted]);
    // Opened again, the rejected change is back in the draft.
    let doc = store.decide(doc.id, doc.revision, &[ps[0].id], None).unwrap();
    assert_eq!(doc.sections[0].body, "We keep your email for two years.");
}

#[test]
fn a_decision_never_overwrites_a_section_edited_since_the_review_began() {
    let (mut store, doc) = store_with(&[("Data", "We keep your email for a year."), ("Rights", "You may ask us.")]);
    store.save_version(doc.id, "Sent", "").unwrap();
    let doc = edit(&mut store, &doc, 0, "We keep your email for two years.");
    let review = store.review_versions(doc.id, doc.revision, 1, None).unwrap();
    let doc = edit(&mut store, &doc, 0, "We keep your email for two years, then delete it.");
    let err = store.decide(doc.id, doc.revision, &[review.proposals[0].id], Some(Decision::Reject)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Stale);
    assert!(err.to_string().contains("“Data” was edited after the review began"), "{err}");
    assert_eq!(store.document(doc.id).unwrap(), doc, "nothing was written");
    assert_eq!(store.proposals(doc.id).unwrap()[0].status, ProposalStatus::Open);
}

#[test]
fn a_review_from_one_version_to_another_makes_the_newer_the_draft_and_sections_come_and_go() {
    let (mut store, doc) = store_with(&[("Data", "alpha"), ("Old", "to be removed"), ("Rights", "beta")]);
    store.save_version(doc.id, "One", "").unwrap();
    let removed = doc.sections[1].id;
    let doc = store.remove_section(doc.id, doc.revision, removed).unwrap();
    let doc = store.add_blank_section(doc.id, doc.revision, "Cookies", None).unwrap();
    let doc = edit(&mut store, &doc, 2, "We set one cookie.");
    store.save_version(doc.id, "Two", "").unwrap();
    // The draft moves on, then the review of v1 → v2 puts v2 in its place.
    let doc = edit(&mut store, &doc, 0, "alpha and more");
    let review = store.review_versions(doc.id, doc.revision, 1, Some(2)).unwrap();
    let v2: Document = store.version(doc.id, 2).unwrap().into();
    assert_eq!(review.document.sections, v2.sections);
    let kinds: Vec<(ProposalKind, bool)> = review.proposals.iter().map(|p| (p.kind, p.whole_section)).collect();
    assert_eq!(kinds, [(ProposalKind::Delete, true), (ProposalKind::Insert, true)]);
    // Rejecting the removal brings the section back where it was, with its id.
    let doc = review.document;
    let doc = store.decide(doc.id, doc.revision, &[review.proposals[0].id], Some(Decision::Reject)).unwrap();
    let headings: Vec<&str> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Data", "Old", "Rights", "Cookies"]);
    assert_eq!(doc.sections[1].id, removed);
    let doc = store.decide(doc.id, doc.revision, &[], Some(Decision::Reject)).unwrap();
    let v1: Document = store.version(doc.id, 1).unwrap().into();
    assert_eq!(doc.sections, v1.sections, "rejecting everything gives the older version");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Deciding proposals one at a time, in any order, gives the draft that deciding them all
    /// at once would.
    #[test]
    fn decisions_one_by_one_in_any_order_agree_with_the_merge(order in Just(()).prop_flat_map(|_| prop::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 1..8))) {
        let (mut store, doc) = store_with(&[("A", "one two three four"), ("B", "five six seven"), ("C", "eight nine")]);
        store.save_version(doc.id, "Sent", "").unwrap();
        let doc = edit(&mut store, &doc, 0, "one TWO three four extra");
        let doc = edit(&mut store, &doc, 1, "five seven eleven");
        let doc = store.remove_section(doc.id, doc.revision, doc.sections[2].id).unwrap();
        let review = store.review_versions(doc.id, doc.revision, 1, None).unwrap();
        let ids: Vec<i64> = review.proposals.iter().map(|p| p.id).collect();
        let mut doc = review.document;
        let mut decided = std::collections::HashMap::new();
        for (i, accept) in &order {
            let id = ids[i.index(ids.len())];
            let d = if *accept { Decision::Accept } else { Decision::Reject };
            doc = store.decide(doc.id, doc.revision, &[id], Some(d)).unwrap();
            decided.insert(id, d);
        }
        // The same decisions on a fresh copy, all at once per kind.
        let (mut fresh, start) = store_with(&[("A", "one two three four"), ("B", "five six seven"), ("C", "eight nine")]);
        fresh.save_version(start.id, "Sent", "").unwrap();
        let start = edit(&mut fresh, &start, 0, "one TWO three four extra");
        let start = edit(&mut fresh, &start, 1, "five seven eleven");
        let start = fresh.remove_section(start.id, start.revision, start.sections[2].id).unwrap();
        let again = fresh.review_versions(start.id, start.revision, 1, None).unwrap();
        let pick = |d: Decision| -> Vec<i64> { again.proposals.iter().zip(&ids).filter(|(_, id)| decided.get(id) == Some(&d)).map(|(p, _)| p.id).collect() };
        let mut other = again.document;
        for d in [Decision::Reject, Decision::Accept] {
            let chosen = pick(d);
            if !chosen.is_empty() {
                other = fresh.decide(other.id, other.revision, &chosen, Some(d)).unwrap();
            }
        }
        prop_assert_eq!(bodies(&doc), bodies(&other));
    }
}

#[test]
fn a_comment_follows_its_text_and_stays_when_the_text_is_gone() {
    let (mut store, doc) = store_with(&[("Data", "We keep your email for a year.")]);
    let s = doc.sections[0].id;
    let c = store.add_comment(&NewComment { document_id: doc.id, section_id: s, quote: "for a year".into(), text: "Too long?".into(), ..Default::default() }).unwrap();
    assert_eq!((c.start, c.end, c.anchored, c.author.as_str()), (19, 29, true, "Dana"));
    let reply = store.reply_to_comment(c.id, "It is what the law allows.").unwrap();
    assert_eq!(reply.parent_id, Some(c.id));
    let doc = edit(&mut store, &doc, 0, "Today, we keep your email for a year.");
    let moved = store.comment(c.id).unwrap();
    assert_eq!((moved.start, moved.end, moved.anchored), (26, 36, true));
    store.set_comment_resolved(reply.id, true).unwrap();
    assert!(store.comments(doc.id).unwrap().iter().all(|c| c.resolved), "resolving resolves the thread");
    edit(&mut store, &doc, 0, "We keep nothing.");
    let gone = store.comment(c.id).unwrap();
    assert!(!gone.anchored && gone.quote == "for a year" && gone.heading == "Data", "{gone:?}");
    let err = store.add_comment(&NewComment { document_id: doc.id, section_id: s, quote: "not there".into(), text: "x".into(), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("“not there” is not in the section “Data”"), "{err}");
}

#[test]
fn proposals_of_two_reviews_decided_together_in_any_order() {
    let (mut store, doc) = store_with(&[("A", "one"), ("B", "two")]);
    store.save_version(doc.id, "First", "").unwrap();
    let doc = edit(&mut store, &doc, 0, "one more");
    let first = store.review_versions(doc.id, doc.revision, 1, None).unwrap();
    store.save_version(doc.id, "Second", "").unwrap();
    let doc = edit(&mut store, &first.document, 1, "two more");
    let doc = store.add_blank_section(doc.id, doc.revision, "C", None).unwrap();
    let second = store.review_versions(doc.id, doc.revision, 2, None).unwrap();
    assert_eq!(second.proposals.len(), 2, "{:?}", second.proposals);
    let ids = [second.proposals[0].id, first.proposals[0].id, second.proposals[1].id];
    let doc = store.decide(doc.id, second.document.revision, &ids, Some(Decision::Reject)).unwrap();
    let got: Vec<(&str, &str)> = doc.sections.iter().map(|s| (s.heading.as_str(), s.body.as_str())).collect();
    assert_eq!(got, [("A", "one"), ("B", "two")]);
}
