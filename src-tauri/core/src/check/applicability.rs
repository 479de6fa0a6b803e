//! Which jurisdictions and requirements apply, from the company facts (or the text, when no
//! fact says), and why.

use super::report::JurisdictionCheck;
use crate::domain::{Profile, Value};

/// The facts the checker reads, as it reads them.
pub struct Facts<'a>(pub &'a Profile);

impl Facts<'_> {
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.0.get(name)? {
            Value::Text(s) => Some(s.trim()),
            _ => None,
        }
    }

    /// `Some(true)` for "yes", `Some(false)` for "no", `None` when not stated.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.text(name).and_then(crate::profile::flag).map(|f| f == "yes")
    }

    pub fn filled(&self, name: &str) -> bool {
        self.0.get(name).is_some()
    }

    /// A representative counts as appointed when its field is filled with something other
    /// than a "not required" note.
    pub fn appointed(&self, name: &str) -> bool {
        self.text(name).is_some_and(|s| {
            let s = s.to_ascii_lowercase();
            !(s.starts_with("not ") || s.starts_with("none") || s.starts_with("n/a") || s.starts_with("no "))
        })
    }
}

/// The jurisdictions to check, each with its reason. An explicit list wins; otherwise the facts
/// decide; a document with no applicability facts is judged from what its text names.
pub fn jurisdictions(facts: &Facts, explicit: Option<&[String]>, all_text: &str) -> Vec<JurisdictionCheck> {
    let j = |id: &str, reason: String| JurisdictionCheck { id: id.to_owned(), reason };
    let mut out = vec![j("general", "good practice in every policy".into())];
    if let Some(list) = explicit {
        for id in list {
            let id = alias(id.trim());
            if id != "general" && !out.iter().any(|x| x.id == id) {
                out.push(j(id, "asked for (--jurisdiction)".into()));
            }
        }
        return out;
    }
    let est = facts.text("established_in");
    let known = [
        "established_in", "serves_eea", "serves_uk", "serves_california", "serves_other_us_states", "serves_children_under_13",
    ]
    .iter()
    .any(|n| facts.filled(n));
    if known {
        if facts.flag("serves_eea") == Some(true) {
            out.push(j("eu", "serves people in the EU/EEA (serves_eea = yes)".into()));
        } else if est == Some("eu") {
            out.push(j("eu", "established in the EU/EEA (established_in = eu)".into()));
        }
        if facts.flag("serves_uk") == Some(true) {
            out.push(j("uk", "serves people in the UK (serves_uk = yes)".into()));
        } else if est == Some("uk") {
            out.push(j("uk", "established in the UK (established_in = uk)".into()));
        }
        if facts.flag("serves_california") == Some(true) {
            out.push(j("us-ca", "serves consumers in California (serves_california = yes)".into()));
        }
        if facts.flag("serves_other_us_states") == Some(true) {
            out.push(j("us-states", "serves consumers in other US states (serves_other_us_states = yes)".into()));
        }
        if facts.flag("serves_children_under_13") == Some(true) {
            out.push(j("us-children", "directed to children under 13 (serves_children_under_13 = yes)".into()));
        }
        let us = facts.flag("serves_california") == Some(true) || facts.flag("serves_other_us_states") == Some(true) || est == Some("us");
        if us && facts.flag("processes_health_data") == Some(true) {
            out.push(j("us-wa", "processes consumer health data in the US (processes_health_data = yes)".into()));
        }
        if out.iter().any(|x| x.id == "eu") && facts.flag("uses_ai_providers") == Some(true) {
            out.push(j("eu-ai-act", "serves the EU and uses AI systems (uses_ai_providers = yes)".into()));
        }
        return out;
    }
    let lower = all_text.to_ascii_lowercase();
    let names = |words: &[&str]| words.iter().find(|w| lower.contains(**w)).map(|w| w.trim().to_owned());
    if let Some(w) = names(&["gdpr", "general data protection regulation", "european economic area", "eea", "european union"]) {
        out.push(j("eu", format!("no applicability facts; the text names “{w}”")));
    }
    if let Some(w) = names(&["uk gdpr", "information commissioner", "united kingdom"]) {
        out.push(j("uk", format!("no applicability facts; the text names “{w}”")));
    }
    if let Some(w) = names(&["ccpa", "cpra", "california consumer", "california resident"]) {
        out.push(j("us-ca", format!("no applicability facts; the text names “{w}”")));
    }
    if let Some(w) = names(&["coppa", "children's online privacy protection"]) {
        out.push(j("us-children", format!("no applicability facts; the text names “{w}”")));
    }
    if out.len() == 1 {
        out.push(j("eu", "no applicability facts and no law named in the text: the GDPR is checked as the broadest".into()));
    }
    out
}

/// Short names a user may type for a jurisdiction.
pub fn alias(id: &str) -> &str {
    match id {
        "us" => "us-states",
        "ca" | "california" => "us-ca",
        "coppa" | "children" => "us-children",
        "wa" => "us-wa",
        "ai" | "euaiact" => "eu-ai-act",
        "eea" => "eu",
        other => other,
    }
}

/// Whether a requirement that applies only in some cases applies here. `None`: it always
/// applies in its jurisdiction. `Some((true, _))`: its condition holds by the facts.
/// `Some((false, why))`: the facts do not say it holds; it is reported only if the text makes it.
pub fn condition(id: &str, facts: &Facts) -> Option<(bool, String)> {
    let suffix = id.split_once('.').map_or(id, |(_, s)| s);
    let yes = |name: &str| facts.flag(name) == Some(true);
    let (holds, why) = match suffix {
        "dpo" => (facts.filled("dpo_name"), "applies where a data protection officer is appointed (dpo_name is empty)"),
        "representative" => {
            let needed = facts.text("established_in").is_some_and(|e| e != "uk") && yes("serves_uk");
            (needed || facts.appointed("uk_representative"), "applies to a controller outside the UK that serves the UK (see established_in, serves_uk)")
        }
        "legitimate-interests" => (false, "applies where legitimate interests is a legal basis"),
        "withdraw-consent" => (yes("consent_basis"), "applies where consent is a legal basis (consent_basis is not yes)"),
        "automated-decisions" | "admt" => (false, "applies where decisions are made by automated means"),
        "categories" | "sources" if id.starts_with("gdpr") || id.starts_with("ukgdpr") => {
            (false, "applies to personal data not obtained from the person (GDPR Art. 14)")
        }
        "right-limit" | "sensitive-consent" => (false, "applies where sensitive personal information is used beyond the permitted purposes"),
        "texas-sensitive-sale" => (yes("sells_sensitive_data"), "applies where sensitive personal data is sold (sells_sensitive_data is not yes)"),
        "right-opt-out" | "third-party-tracking" => (yes("sells_or_shares") || yes("targeted_advertising"), "applies where personal information is sold or shared (sells_or_shares is not yes)"),
        "financial-incentive" => (yes("offers_financial_incentive"), "applies where a benefit is given for personal data (offers_financial_incentive is not yes)"),
        "ai-providers" => (yes("uses_ai_providers"), "applies where AI model providers receive user data (uses_ai_providers is not yes)"),
        "interaction" | "synthetic-content" => (yes("uses_ai_providers"), "applies to AI systems that talk with people or make content (uses_ai_providers is not yes)"),
        "ct-llm-training" => {
            (facts.text("trains_on_user_content").is_some_and(|t| t != "no"), "applies where personal data trains language models (trains_on_user_content is no)")
        }
        "payments" => (facts.filled("payment_processor"), "applies where payments are taken (payment_processor is empty)"),
        "mhmda" => (yes("processes_health_data"), "applies where consumer health data is processed (processes_health_data is not yes)"),
        "separate-consent" => (false, "applies where children's data is disclosed to third parties"),
        _ => return None,
    };
    Some((holds, why.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(pairs: &[(&str, &str)]) -> Profile {
        Profile(pairs.iter().map(|(k, v)| (k.to_string(), Value::Text(v.to_string()))).collect())
    }

    #[test]
    fn facts_decide_and_say_why() {
        let p = profile(&[("established_in", "eu"), ("serves_california", "yes"), ("serves_uk", "no")]);
        let got = jurisdictions(&Facts(&p), None, "");
        let ids: Vec<&str> = got.iter().map(|j| j.id.as_str()).collect();
        assert_eq!(ids, ["general", "eu", "us-ca"]);
        assert!(got[1].reason.contains("established_in = eu"));
    }

    #[test]
    fn without_facts_the_text_decides_and_an_explicit_list_wins() {
        let p = Profile::default();
        let got = jurisdictions(&Facts(&p), None, "Under the CCPA you may ask");
        assert_eq!(got.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(), ["general", "us-ca"]);
        let got = jurisdictions(&Facts(&p), Some(&["uk".to_string()]), "GDPR");
        assert_eq!(got.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(), ["general", "uk"]);
    }

    #[test]
    fn conditions_follow_the_facts() {
        let p = profile(&[("dpo_name", "Jane Doe"), ("consent_basis", "no")]);
        assert_eq!(condition("gdpr.dpo", &Facts(&p)).map(|c| c.0), Some(true));
        assert_eq!(condition("gdpr.withdraw-consent", &Facts(&p)).map(|c| c.0), Some(false));
        assert_eq!(condition("gdpr.controller", &Facts(&p)), None);
        assert_eq!(condition("ukgdpr.dpo", &Facts(&Profile::default())).map(|c| c.0), Some(false));
    }
}
