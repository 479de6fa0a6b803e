//! Runs the lexicon's rules over a document's sentences: which sentences make which
//! disclosure, and by which rule. Each rule's first pattern scans the whole text once; only the
//! sentences it matches are checked against the rest of the rule.

use super::lexicon::{SPECS, Spec};
use super::text::Text;
// Byte patterns without Unicode classes: `.{0,80}` stays a small automaton (a Unicode `.` is
// many states per step), and the sentences are lowercased ASCII anyway.
use regex::bytes::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::sync::LazyLock;

/// At most this many sentences are kept as evidence for one requirement.
pub const MAX_EVIDENCE: usize = 3;

struct Rule {
    spec: &'static Spec,
    all: Vec<Regex>,
    ctx: Vec<Regex>,
    heading: Vec<Regex>,
    not: Vec<Regex>,
}

fn compile(p: &str) -> Regex {
    // The patterns are constants of this crate, compiled in a test; one that fails is a bug.
    // Multi-line: `^` and `$` are a sentence's ends when sentences are scanned as one text.
    RegexBuilder::new(p).unicode(false).multi_line(true).build().unwrap_or_else(|e| panic!("built-in pattern {p:?}: {e}"))
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    SPECS
        .iter()
        .map(|spec| Rule {
            spec,
            all: spec.all.iter().map(|p| compile(p)).collect(),
            ctx: spec.ctx.iter().map(|p| compile(p)).collect(),
            heading: spec.heading.iter().map(|p| compile(p)).collect(),
            not: spec.not.iter().map(|p| compile(p)).collect(),
        })
        .collect()
});

/// The key whose rules read requirement `id`: the id itself, or for a UK id with no rules of
/// its own, the GDPR id with the same suffix. `None` when nothing can detect it.
pub fn rules_for(id: &str) -> Option<&'static str> {
    let own = SPECS.iter().find(|s| s.req == id).map(|s| s.req);
    own.or_else(|| {
        let suffix = id.strip_prefix("ukgdpr.")?;
        SPECS.iter().find(|s| s.req.strip_prefix("gdpr.") == Some(suffix)).map(|s| s.req)
    })
}

/// A sentence that makes a disclosure, and the rule that says so.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub sentence: usize,
    pub rule: &'static str,
}

/// Every requirement key (see [`rules_for`]) the text discloses, with up to [`MAX_EVIDENCE`]
/// sentences each, in document order.
///
/// Each rule's first pattern scans the whole text once (sentences joined by newlines, which no
/// pattern crosses); only the sentences it matches are checked against the rest of the rule.
/// One scan per rule is far cheaper than one search per rule and sentence.
pub fn detect(text: &Text<'_>) -> HashMap<&'static str, Vec<Hit>> {
    let joined = text.joined.as_bytes();
    let mut held: Vec<(usize, usize)> = Vec::new();
    for (ri, rule) in RULES.iter().enumerate() {
        let mut last = usize::MAX;
        for m in rule.all[0].find_iter(joined) {
            let i = text.sentence_at(m.start());
            if i == last {
                continue;
            }
            last = i;
            let s = &text.sentences[i];
            let norm = s.norm.as_bytes();
            let heading = text.headings[s.section].as_bytes();
            let lead = text.lead(s).as_bytes();
            let sub = text.sub(s).as_bytes();
            let holds = rule.all[1..].iter().all(|r| r.is_match(norm))
                && rule.ctx.iter().all(|r| r.is_match(norm) || r.is_match(lead) || r.is_match(sub) || r.is_match(heading))
                && rule.heading.iter().all(|r| r.is_match(heading) || r.is_match(sub))
                && !rule.not.iter().any(|r| r.is_match(norm));
            if holds {
                held.push((i, ri));
            }
        }
    }
    held.sort_unstable();
    let mut found: HashMap<&'static str, Vec<Hit>> = HashMap::new();
    for (i, ri) in held {
        let spec = RULES[ri].spec;
        let hits = found.entry(spec.req).or_default();
        if hits.len() < MAX_EVIDENCE && hits.last().is_none_or(|h| h.sentence != i) {
            hits.push(Hit { sentence: i, rule: spec.name });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Section;

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(RULES.len(), SPECS.len());
    }

    fn found(heading: &str, body: &str) -> Vec<&'static str> {
        let s = [Section { id: 1, heading: heading.into(), body: body.into(), origin: None }];
        let mut keys: Vec<&str> = detect(&Text::new(&s)).into_keys().collect();
        keys.sort();
        keys
    }

    #[test]
    fn a_complaint_counts_only_to_an_authority() {
        assert!(!found("Support", "If you have a complaint about our service, tell us.").contains(&"gdpr.complaint"));
        assert!(found("Your rights", "You may lodge a complaint with your local supervisory authority.").contains(&"gdpr.complaint"));
    }

    #[test]
    fn retention_needs_a_period_or_criteria_not_just_the_word() {
        assert!(!found("Data", "We retain the right to refuse service.").contains(&"gdpr.retention"));
        assert!(found("Data", "We keep server logs for 90 days.").contains(&"gdpr.retention"));
        assert!(found("Data", "We keep your data only as long as your account is open.").contains(&"gdpr.retention"));
    }

    #[test]
    fn each_right_is_found_on_its_own() {
        let keys = found("Your rights", "You have the right to:\n\n- access your personal data;\n- object to processing.");
        assert!(keys.contains(&"gdpr.rights.access"), "{keys:?}");
        assert!(keys.contains(&"gdpr.rights.objection"), "{keys:?}");
        assert!(!keys.contains(&"gdpr.rights.portability"), "{keys:?}");
        assert!(!keys.contains(&"gdpr.rights.erasure"), "{keys:?}");
    }

    #[test]
    fn uk_ids_borrow_the_gdpr_rules() {
        assert_eq!(rules_for("ukgdpr.rights.access"), Some("gdpr.rights.access"));
        assert_eq!(rules_for("ukgdpr.ico"), Some("ukgdpr.ico"));
        assert_eq!(rules_for("nowhere.at-all"), None);
    }
}
