//! Deciding changes: accepting every change gives the new side, rejecting every change the old
//! side, and any mix gives a document built only from the two sides' runs, in order.
#![allow(clippy::unwrap_used)]

use clausewright_core::domain::{Document, Profile, Section, Value};
use clausewright_core::library::Library;
use clausewright_core::review::{ChangeKind, Decision, Plan};
use proptest::prelude::*;

fn doc(title: &str, sections: Vec<(i64, String, String)>) -> Document {
    Document {
        id: 1,
        title: title.into(),
        revision: 1,
        profile: Profile::default(),
        sections: sections.into_iter().map(|(id, heading, body)| Section { id, heading, body, origin: None }).collect(),
        created_at: String::new(),
        updated_at: String::new(),
    }
}

const WORDS: &[&str] = &["we", "keep", "data", "for", "a", "year", "you", "may", "ask", "us", "to", "delete", "it", "email"];

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(prop::sample::select(WORDS), 1..12).prop_map(|w| w.join(" ")), 1..4).prop_map(|p| p.join("\n\n"))
}

/// An old document and a new one made from it: sections edited, removed, added and shuffled.
fn pair() -> impl Strategy<Value = (Document, Document, Vec<bool>)> {
    (prop::collection::vec(("[A-F][a-z]{2,5}", body()), 1..6), prop::collection::vec((0u8..5, body()), 1..6), any::<u64>(), prop::collection::vec(any::<bool>(), 64)).prop_map(
        |(olds, edits, seed, picks)| {
            let old: Vec<(i64, String, String)> = olds.into_iter().enumerate().map(|(i, (h, b))| (i as i64 + 1, h, b)).collect();
            let mut new = Vec::new();
            let mut next = 100;
            for (k, s) in old.iter().enumerate() {
                let (what, text) = &edits[k % edits.len()];
                match what {
                    0 => {}
                    1 => new.push((s.0, s.1.clone(), text.clone())),
                    2 => {
                        new.push(s.clone());
                        next += 1;
                        new.push((next, format!("New {next}"), text.clone()));
                    }
                    _ => new.push((s.0, s.1.clone(), format!("{} {text}", s.2))),
                }
            }
            if new.len() > 2 && seed % 3 == 0 {
                let moved = new.remove(0);
                new.push(moved);
            }
            (doc("Policy", old), doc(if seed % 2 == 0 { "Policy" } else { "Privacy Policy" }, new), picks)
        },
    )
}

fn words(d: &Document) -> Vec<String> {
    std::iter::once(d.title.as_str()).chain(d.sections.iter().flat_map(|s| [s.heading.as_str(), s.body.as_str()])).flat_map(str::split_whitespace).map(str::to_owned).collect()
}

proptest! {
    #[test]
    fn all_accepted_is_the_new_side_and_all_rejected_the_old((old, new, _) in pair()) {
        let plan = Plan::new(&old, &new);
        prop_assert_eq!(plan.merge(|_| Decision::Accept), new);
        prop_assert_eq!(plan.merge(|_| Decision::Reject), old);
    }

    #[test]
    fn a_mix_is_built_only_from_the_two_sides((old, new, picks) in pair()) {
        let plan = Plan::new(&old, &new);
        let decide = |id: u32| if picks[id as usize % picks.len()] { Decision::Accept } else { Decision::Reject };
        let merged = plan.merge(decide);
        // Each word comes from one side, and the words of each side that the merge keeps stay in
        // that side's order: the merge is a subsequence of old and new words interleaved.
        let (o, n) = (words(&old), words(&new));
        for w in words(&merged) {
            prop_assert!(o.contains(&w) || n.contains(&w), "{w} is on neither side");
        }
        // Deciding each change alone, then the rest the other way, changes only that change.
        for c in plan.changes() {
            let one = plan.merge(|id| if id == c.id { Decision::Accept } else { Decision::Reject });
            if c.kind != ChangeKind::Move {
                prop_assert!(one != old || c.old == c.new, "accepting change {} alone changed nothing", c.id);
            }
        }
        // The sections of the merge are the two sides' sections, none twice.
        let mut ids: Vec<i64> = merged.sections.iter().map(|s| s.id).collect();
        let all: Vec<i64> = old.sections.iter().chain(&new.sections).map(|s| s.id).collect();
        prop_assert!(ids.iter().all(|i| all.contains(i)));
        ids.sort_unstable();
        let len = ids.len();
        ids.dedup();
        prop_assert_eq!(ids.len(), len);
    }
}

#[test]
fn a_published_text_edited_elsewhere_keeps_the_drafts_placeholders() {
    let lib = Library::builtin().unwrap();
    let mut draft = doc("Policy", vec![(1, "Who we are".into(), "{{company_name}} runs this service. Write to us any time.".into())]);
    draft.profile.0.insert("company_name".into(), Value::Text("Acme Ltd".into()));
    let published = doc("Policy", vec![(0, "Who we are".into(), "Acme Ltd runs this service. Write to us at any time.".into())]);
    let plan = Plan::against_published(&draft, &published, &lib);
    let changes = plan.changes();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].new.trim(), "at");
    let merged = plan.merge(|_| Decision::Accept);
    assert_eq!(merged.sections[0].body, "{{company_name}} runs this service. Write to us at any time.");
    assert_eq!(merged.sections[0].id, 1);
    assert_eq!(plan.merge(|_| Decision::Reject), draft);
}
