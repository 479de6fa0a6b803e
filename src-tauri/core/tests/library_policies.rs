//! The built-in templates as policies a person reads: each renders, stays short enough, has at
//! most 15 top-level sections, agrees with its own facts, and none of the review's
//! contradictions (library-review-2026-12.md) can come back.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::domain::{Document, Value};
use clausewright_core::export::document_markdown;
use clausewright_core::library::{Library, fact_tag};
use clausewright_core::render::{outline, render_document};
use clausewright_core::Store;

/// A document made from a template, as the app makes it, and its published Markdown.
fn policy(template: &str) -> (Document, String) {
    let mut store = Store::open_in_memory().unwrap();
    let t = store.library().template(template).unwrap().clone();
    let doc = store.create_document(&t.document_title, Some(template)).unwrap();
    let md = document_markdown(&doc, store.library());
    (doc, md)
}

/// Words as a reader counts them: runs of text with a letter or digit in them.
fn words(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

fn fact<'a>(doc: &'a Document, name: &str) -> Option<&'a str> {
    match doc.profile.get(name) {
        Some(Value::Text(s)) => Some(s.as_str()),
        _ => None,
    }
}

fn clause_ids(doc: &Document) -> Vec<&str> {
    doc.sections.iter().filter_map(|s| s.origin.as_ref().map(|o| o.clause_id.as_str())).collect()
}

fn templates() -> Vec<String> {
    Library::builtin().unwrap().templates.iter().map(|t| t.id.clone()).collect()
}

#[test]
fn every_template_renders_with_few_top_level_sections_and_ai_saas_fits_4500_words() {
    let lib = Library::builtin().unwrap();
    for id in templates() {
        let (doc, md) = policy(&id);
        let places = outline(&doc.sections);
        let top = places.iter().filter(|p| p.level == 1).count();
        let html = render_document(&doc, &lib).html;
        println!("{id}: {} words, {top} top-level sections, {} sections", words(&md), doc.sections.len());
        // DUMP_POLICIES=<dir> writes each template's Markdown there, to read it whole.
        if let Ok(dir) = std::env::var("DUMP_POLICIES") {
            std::fs::write(std::path::Path::new(&dir).join(format!("{id}.md")), &md).unwrap();
        }
        assert!(top <= 15, "{id} has {top} top-level sections");
        let first_sub = places.iter().find(|p| p.level == 2).expect("clauses are numbered as subsections");
        assert!(first_sub.number.ends_with(".1"), "{id}: {}", first_sub.number);
        assert!(html.contains(&format!("<h3>{} ", first_sub.number)), "{id} renders {} headings", first_sub.number);
        assert!(md.contains(&format!("\n### {} ", first_sub.number)), "{id} exports {} headings", first_sub.number);
    }
    let (_, md) = policy("ai-saas");
    assert!(words(&md) <= 4500, "ai-saas renders {} words", words(&md));
}

// The review's contradictions, each as its own check, on every template that could have it.

/// Sentences, roughly: split at full stops, question marks and line breaks.
fn sentences(md: &str) -> Vec<String> {
    md.split(['.', '?', '\n']).map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect()
}

const DENIES_SALE: [&str; 5] = [
    "do not sell or share",
    "we do not sell your personal information",
    "nobody pays us for personal information",
    "not share it with advertisers",
    "we do not sell personal information",
];

#[test]
fn a_policy_with_advertising_cookies_never_says_it_does_not_sell_or_share() {
    for id in templates() {
        let (doc, md) = policy(&id);
        let lower = md.to_lowercase();
        let ads = lower.contains("show our ads to you on other websites") || lower.contains("**advertising:** to measure");
        let shares = fact(&doc, "sells_or_shares") == Some("yes");
        assert_eq!(ads, shares, "{id}: advertising cookies and the sells_or_shares fact disagree");
        if shares {
            for s in sentences(&md) {
                // A line about teens or children may say their data is never sold or shared.
                // And the opt-out link is called "Do Not Sell or Share My Personal Information".
                if s.contains("under 16") || s.contains("under 18") || s.contains("teenager") || s.contains("sensitive") || s.contains("my personal information") {
                    continue;
                }
                assert!(!DENIES_SALE.iter().any(|d| s.contains(d)), "{id} shares but says: {s}");
            }
            assert!(lower.contains("right to opt out"), "{id} shares but states no right to opt out");
            assert!(lower.contains("do not sell or share my personal information"), "{id} names no opt-out link");
        }
    }
}

#[test]
fn the_mobile_app_policy_agrees_with_its_sdks_location_and_payments() {
    let (_, md) = policy("mobile-app");
    let lower = md.to_lowercase();
    // "Only strictly necessary cookies" beside analytics SDKs.
    assert!(lower.contains("analytics"));
    assert!(!lower.contains("only cookies and similar technologies that are strictly necessary"), "essential-only beside analytics SDKs");
    assert!(!lower.contains("do not use cookies for analytics"));
    // Precise location asked for, but "not precise" in the California table.
    assert!(lower.contains("we do not ask for your precise location"), "the permission must be approximate only");
    assert!(!lower.contains("offer features based on where you are"), "the old precise-location permission is back");
    // Card data listed though app stores take payment.
    for s in sentences(&md).iter().filter(|s| s.contains("last four digits")) {
        assert!(s.contains("when you pay us directly"), "card data without the condition: {s}");
    }
    // "Our lead authority" for a company outside the EEA.
    assert!(!lower.contains("lead authority") && !lower.contains("(ours is"), "a non-EU company has no lead authority");
}

#[test]
fn the_starter_uses_the_variants_its_facts_call_for() {
    let lib = Library::builtin().unwrap();
    for id in templates() {
        let (doc, md) = policy(&id);
        let ids = clause_ids(&doc);
        let filled = |name: &str| doc.profile.get(name).is_some();
        assert_eq!(filled("dpo_name"), ids.contains(&"contact.dpo"), "{id}: DPO facts and clause disagree");
        if filled("dpo_name") {
            assert!(!md.contains("We have not appointed a data protection officer"), "{id}");
        }
        let in_eu = fact(&doc, "established_in") == Some("eu");
        if fact(&doc, "serves_eea") == Some("yes") {
            assert_eq!(!in_eu, ids.contains(&"contact.eu-representative"), "{id}: EU representative");
            assert!(!(in_eu && filled("eu_representative")), "{id}: an EU company fills an EU representative");
        }
        if fact(&doc, "serves_uk") == Some("yes") && fact(&doc, "established_in") != Some("uk") {
            assert!(ids.contains(&"contact.uk-representative"), "{id}: UK representative");
        }
        // Every clause made for a fact value sits only in templates with that value.
        for cid in &ids {
            for tag in &lib.clause(cid).unwrap().tags {
                if let Some((name, value)) = fact_tag(tag) {
                    assert_eq!(fact(&doc, name), Some(value), "{id}: {cid} is for {name} = {value}");
                }
            }
        }
    }
}

#[test]
fn a_policy_without_ai_providers_names_none() {
    for id in templates() {
        let (doc, md) = policy(&id);
        if fact(&doc, "uses_ai_providers") == Some("no") {
            for ai in ["AI service providers", "AI model providers", "including AI features", "AI inputs"] {
                assert!(!md.contains(ai), "{id} has no AI providers but says {ai:?}");
            }
        }
    }
}

#[test]
fn the_eu_site_mentions_no_accounts_payments_or_cookies_it_does_not_have() {
    let (_, md) = policy("eu-site");
    for gone in ["cookie settings link", "Take payments", "Use non-essential cookies", "through cookies", "Create and run your account", "while your account is open", "fraudulent payment"] {
        assert!(!md.contains(gone), "eu-site says {gone:?}");
    }
}

#[test]
fn out_of_date_law_and_false_claims_stay_fixed() {
    let lib = Library::builtin().unwrap();
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/requirements.toml");
    assert!(!std::fs::read_to_string(assets).unwrap().contains("commencement"));
    for c in &lib.clauses {
        let text = format!("{}\n{}", c.body, c.guidance);
        assert!(!text.contains("check commencement"), "{}", c.id);
        if c.body.contains("UK GDPR") && c.body.contains("Art. 22") {
            assert!(c.body.contains("22A"), "{} cites UK automated decisions as Art. 22", c.id);
        }
        for old in [
            "These providers act as our processors",
            "After that, the provider deletes it.",
            "We do not give your personal information to anyone else",
            "so this policy does not limit how we use it",
            "stored and processed like the rest",
        ] {
            assert!(!c.body.contains(old), "{}: {old:?}", c.id);
        }
        // The review's stock phrases, close to the seed policies.
        for phrase in [
            "we do not sell your personal information.",
            "we do not knowingly collect personal information from",
            "may be processed in the united states or other countries",
            "if you have questions about this policy",
            "please read their policies before you give them your information",
        ] {
            assert!(!c.body.to_lowercase().contains(phrase), "{}: {phrase:?}", c.id);
        }
    }
    // No summary claims Art. 12, which only the whole document can meet.
    assert!(lib.clauses.iter().all(|c| !c.satisfies.iter().any(|s| s.ends_with("plain-language"))));
    // 19 comprehensive state laws: California's and these 18.
    let states = &lib.clause("us-state-rights.rights").unwrap().body;
    for s in [
        "Colorado", "Connecticut", "Delaware", "Indiana", "Iowa", "Kentucky", "Maryland", "Minnesota", "Montana", "Nebraska",
        "New Hampshire", "New Jersey", "Oregon", "Rhode Island", "Tennessee", "Texas", "Utah", "Virginia",
    ] {
        assert!(states.contains(s), "{s}");
    }
    assert!(lib.clause("california.opt-out-signals").unwrap().body.contains("Opt-out request honored"));
    assert!(lib.clause("california.scope").unwrap().guidance.contains("26,625,000"));
}

/// Which requirement jurisdictions a document's facts switch on (the checker's rule, kept here
/// so the library is tested against the same one).
fn applies(doc: &Document, jurisdiction: &str) -> bool {
    let yes = |name: &str| fact(doc, name) == Some("yes");
    match jurisdiction {
        "general" => true,
        "eu" => yes("serves_eea"),
        "uk" => yes("serves_uk"),
        "us-ca" => yes("serves_california"),
        "us-states" => yes("serves_other_us_states"),
        "us-children" => yes("serves_children_under_13"),
        "us-wa" => yes("processes_health_data"),
        "eu-ai-act" => yes("serves_eea") && yes("uses_ai_providers"),
        other => panic!("unknown jurisdiction {other}"),
    }
}

/// Requirements that apply only when something the facts do not record is true, or that no
/// single clause can meet.
fn conditional(doc: &Document, req: &str, template: &str) -> bool {
    let yes = |name: &str| fact(doc, name) == Some("yes");
    match req {
        // Art. 12 is about the whole document.
        "gdpr.plain-language" | "ukgdpr.plain-language" => true,
        // Only for data not obtained from the person; the EU site gets none.
        "gdpr.categories" | "gdpr.sources" | "ukgdpr.categories" | "ukgdpr.sources" => template == "eu-site",
        "ukgdpr.representative" => fact(doc, "established_in") == Some("uk"),
        "gdpr.withdraw-consent" | "ukgdpr.withdraw-consent" => !yes("consent_basis"),
        "general.ai-providers" => !yes("uses_ai_providers"),
        "general.payments" => template == "eu-site",
        // Only for a benefit given for data, or for selling sensitive data.
        "ccpa.financial-incentive" => !yes("offers_financial_incentive"),
        "us-states.texas-sensitive-sale" => !yes("sells_sensitive_data"),
        _ => false,
    }
}

#[test]
fn every_template_covers_each_requirement_its_facts_switch_on() {
    let lib = Library::builtin().unwrap();
    for id in templates() {
        let (doc, _) = policy(&id);
        let ids = clause_ids(&doc);
        let satisfied: Vec<&str> = ids.iter().flat_map(|c| lib.clause(c).unwrap().satisfies.iter().map(String::as_str)).collect();
        let missing: Vec<&str> = lib
            .requirements
            .iter()
            .filter(|r| applies(&doc, &r.jurisdiction) && !conditional(&doc, &r.id, &id))
            .map(|r| r.id.as_str())
            .filter(|r| !satisfied.contains(r))
            .collect();
        assert!(missing.is_empty(), "{id} lacks {missing:?}");
    }
}
