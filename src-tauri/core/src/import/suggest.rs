//! Suggestions an import offers, to confirm before anything is written: the library topic each
//! section seems to cover, and the profile facts the policy states.

use crate::store::{ClauseFilter, Store};
use std::collections::BTreeMap;

/// The library topic that best fits the section. Votes come from the words policies put in
/// headings ("What we collect", "Your choices"), from topic titles that share a word with the
/// heading, and from the library clauses each heading word finds; the body is searched only when
/// the heading names no topic. Confidence is the winner's share of the votes, scaled down when
/// there is little evidence at all.
pub(super) fn topic(store: &Store, topics: &[crate::domain::Topic], heading: &str, body: &str) -> (Option<String>, f32) {
    let lower = heading.to_lowercase();
    let heading_words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let significant = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| w.len() > 3 && !GENERIC_WORDS.contains(&w.as_str()))
            .collect()
    };
    let mut votes: BTreeMap<String, f32> = BTreeMap::new();
    let mut named: Vec<&str> = Vec::new();
    for (stem, topic, weight) in HEADING_WORDS {
        // A short stem names a whole word ("use" is not "user"), a long one its derivatives.
        let hit = |w: &&&str| **w == *stem || w.strip_suffix('s') == Some(stem) || (stem.len() >= 5 && w.starts_with(stem));
        if let Some(w) = heading_words.iter().find(hit).filter(|_| topics.iter().any(|t| t.id == *topic)) {
            *votes.entry((*topic).to_owned()).or_default() += weight;
            named.push(w);
        }
    }
    // A word that named a topic above does not vote again through topic titles.
    let key_words: Vec<String> = significant(heading).into_iter().filter(|w| !named.contains(&w.as_str())).collect();
    for t in topics {
        let title = significant(&t.title);
        if key_words.iter().any(|w| title.iter().any(|tw| tw.starts_with(w.as_str()) || w.starts_with(tw.as_str()))) {
            *votes.entry(t.id.clone()).or_default() += 2.0;
        }
    }
    let mut query = significant(heading);
    if votes.is_empty() {
        query.extend(significant(body).into_iter().take(12));
    }
    query.dedup();
    query.truncate(12);
    // Each word searches alone (the library's search needs every word of a query); together
    // the searches weigh at most two votes.
    const RANKS: usize = 5;
    let harmonic: f32 = (1..=RANKS).map(|r| 1.0 / r as f32).sum();
    let per_word = 2.0 / harmonic / query.len().max(1) as f32;
    for w in &query {
        for (rank, hit) in store.search_clauses(w, &ClauseFilter::default(), RANKS as u32).unwrap_or_default().iter().enumerate() {
            *votes.entry(hit.clause.topic.clone()).or_default() += per_word / (rank as f32 + 1.0);
        }
    }
    let total: f32 = votes.values().sum();
    let best = votes.into_iter().max_by(|a, b| a.1.total_cmp(&b.1));
    match best.map(|(topic, v)| (topic, (v / total * (v / 4.0).min(1.0)).min(1.0))) {
        // Below a tenth it is a guess, not a suggestion.
        Some((topic, confidence)) if confidence >= 0.1 => (Some(topic), confidence),
        _ => (None, 0.0),
    }
}

/// Words too common in policies to say which topic a heading is about.
const GENERIC_WORDS: &[&str] = &["data", "information", "personal", "privacy", "policy", "your", "this", "that", "with", "from", "about", "what", "which"];

/// Heading words (five letters or more: as prefixes), the library topic a section under them
/// usually covers, and how surely: "why" outweighs "collect" ("Why we collect it"), "automatic"
/// outweighs it too.
const HEADING_WORDS: &[(&str, &str, f32)] = &[
    ("about", "who-we-are", 3.0),
    ("introduc", "who-we-are", 3.0),
    ("scope", "who-we-are", 3.0),
    ("controller", "who-we-are", 3.0),
    ("collect", "data-you-give", 3.0),
    ("provide", "data-you-give", 2.0),
    ("automatic", "data-automatic", 4.0),
    ("log", "data-automatic", 3.0),
    ("device", "data-automatic", 3.0),
    ("usage", "data-automatic", 3.0),
    ("prompt", "user-content", 3.0),
    ("input", "user-content", 3.0),
    ("output", "user-content", 3.0),
    ("content", "user-content", 2.0),
    ("ai", "user-content", 3.0),
    ("artificial", "user-content", 3.0),
    ("use", "purposes", 3.0),
    ("why", "purposes", 4.0),
    ("purpose", "purposes", 3.0),
    ("lawful", "legal-bases", 3.0),
    ("bases", "legal-bases", 3.0),
    ("basis", "legal-bases", 3.0),
    ("share", "service-providers", 3.0),
    ("sharing", "service-providers", 3.0),
    ("disclos", "service-providers", 3.0),
    ("processor", "service-providers", 3.0),
    ("subprocessor", "service-providers", 3.0),
    ("vendor", "service-providers", 3.0),
    ("recipient", "service-providers", 3.0),
    ("payment", "payments", 3.0),
    ("billing", "payments", 3.0),
    ("integration", "connected-accounts", 3.0),
    ("connected", "connected-accounts", 3.0),
    ("international", "transfers", 3.0),
    ("transfer", "transfers", 3.0),
    ("retain", "retention", 3.0),
    ("retention", "retention", 3.0),
    ("storage", "retention", 2.0),
    ("keep", "retention", 3.0),
    ("secur", "security", 3.0),
    ("protect", "security", 3.0),
    ("rights", "eu-uk-rights", 2.5),
    ("choices", "eu-uk-rights", 2.5),
    ("controls", "eu-uk-rights", 2.5),
    ("gdpr", "eu-uk-rights", 3.0),
    ("california", "california", 3.0),
    ("ccpa", "california", 3.0),
    ("states", "us-state-rights", 3.0),
    ("cookie", "cookies", 3.0),
    ("tracking", "cookies", 3.0),
    ("marketing", "marketing", 3.0),
    ("communications", "marketing", 3.0),
    ("child", "children", 3.0),
    ("minor", "children", 3.0),
    ("kids", "children", 3.0),
    ("automated", "automated-decisions", 3.0),
    ("profiling", "automated-decisions", 3.0),
    ("links", "third-party-links", 3.0),
    ("merger", "business-transfers", 3.0),
    ("acquisition", "business-transfers", 3.0),
    ("enforcement", "legal-disclosures", 3.0),
    ("change", "changes", 3.0),
    ("updates", "changes", 3.0),
    ("contact", "contact", 3.0),
    ("questions", "contact", 3.0),
];

const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// "December 27, 2025", "9 May 2026" or "2026-05-27" as YYYY-MM-DD.
fn parse_date(s: &str) -> Option<String> {
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(4)
        .map(|w| {
            let w = w.trim_end_matches('.').to_lowercase();
            // "27th" -> "27"
            if w.starts_with(|c: char| c.is_ascii_digit()) && !w.contains('-') {
                w.trim_end_matches(|c: char| c.is_ascii_alphabetic()).to_owned()
            } else {
                w
            }
        })
        .collect();
    if let Some(first) = words.first() {
        let parts: Vec<&str> = first.split('-').collect();
        if parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
            return Some(first.clone());
        }
    }
    let month = |w: &str| MONTHS.iter().position(|m| m.starts_with(w) && w.len() >= 3).map(|i| i + 1);
    let num = |w: &str| w.parse::<u32>().ok();
    match words.as_slice() {
        [m, d, y, ..] if month(m).is_some() => Some(format!("{:04}-{:02}-{:02}", num(y)?, month(m)?, num(d)?)),
        [d, m, y, ..] if month(m).is_some() => Some(format!("{:04}-{:02}-{:02}", num(y)?, month(m)?, num(d)?)),
        _ => None,
    }
}

/// Service providers commonly named in policies, by the profile table they belong in.
const KNOWN_PROCESSORS: &[&str] = &[
    "Stripe", "Paddle", "PayPal", "Lemon Squeezy", "OpenAI", "Anthropic", "Google Gemini", "Mistral", "Google Analytics",
    "PostHog", "Mixpanel", "Amplitude", "Plausible", "Vercel", "Supabase", "Amazon Web Services", "AWS", "Cloudflare",
    "Google Cloud", "Microsoft Azure", "Heroku", "Netlify", "SendGrid", "Resend", "Mailchimp", "Postmark", "Intercom",
    "Crisp", "Sentry", "Firebase", "Auth0", "Clerk", "RunPod", "Replicate", "Hugging Face",
];

/// Facts a policy states that the profile asks for, as suggestions.
pub fn facts(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let lower = text.to_lowercase();
    // Emails: a privacy address first, any other as the general contact.
    let emails: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | ',' | ';' | '"' | '[' | ']'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|w| {
            w.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.contains('@'))
        })
        .collect();
    if let Some(e) = emails.iter().find(|e| e.starts_with("privacy") || e.starts_with("dpo") || e.starts_with("legal")) {
        out.insert("privacy_email".into(), e.clone());
    }
    if let Some(e) = emails.iter().find(|e| Some(*e) != out.get("privacy_email")) {
        out.insert("contact_email".into(), e.clone());
    } else if let Some(e) = emails.first() {
        out.entry("contact_email".into()).or_insert_with(|| e.clone());
    }
    for marker in ["last updated:", "last update:", "effective date:", "effective:", "last modified:", "updated:"] {
        if let Some(at) = lower.find(marker) {
            let rest = &text[at + marker.len()..];
            let line = rest.lines().next().unwrap_or("");
            if let Some(d) = parse_date(line) {
                out.insert("effective_date".into(), d);
                break;
            }
        }
    }
    for marker in ["under the age of ", "under age ", "at least ", "younger than ", "under "] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(marker) {
            let start = from + at + marker.len();
            let n: String = lower[start..].chars().take_while(|c| c.is_ascii_digit()).collect();
            let after = &lower[start + n.len()..];
            if let Ok(age) = n.parse::<u32>()
                && (13..=21).contains(&age)
                && (after.starts_with(" year") || after.starts_with(" (") || marker.contains("age"))
            {
                out.insert("min_age".into(), age.to_string());
                break;
            }
            from = start;
        }
        if out.contains_key("min_age") {
            break;
        }
    }
    let found: Vec<&str> = KNOWN_PROCESSORS.iter().copied().filter(|p| text.contains(p)).collect();
    if !found.is_empty() {
        out.insert("processors".into(), found.join(", "));
    }
    // "At Acme Labs, we" names the company.
    if let Some(at) = text.find("At ") {
        let rest = &text[at + 3..];
        if let Some(comma) = rest.find(", we") {
            let name = &rest[..comma];
            if !name.is_empty() && name.len() < 60 && name.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
                out.insert("company_name".into(), name.to_owned());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_policies_use() {
        assert_eq!(parse_date(" December 27, 2025").as_deref(), Some("2025-12-27"));
        assert_eq!(parse_date("9 May 2026").as_deref(), Some("2026-05-09"));
        assert_eq!(parse_date("2026-05-27").as_deref(), Some("2026-05-27"));
        assert_eq!(parse_date("soon"), None);
    }
}
