//! The policy checker on small policies written for these tests: what is present (with the
//! sentence), what is missing (with the clauses that fix it), what does not apply, and each
//! contradiction and lint rule. Every built-in template, with its sample facts, checks clean.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::Store;
use clausewright_core::check::{CheckOptions, Report, Severity, Status, check};
use clausewright_core::domain::{Profile, Section, Value};
use clausewright_core::library::Library;

fn section(id: i64, heading: &str, body: &str) -> Section {
    Section { id, heading: heading.into(), body: body.into(), origin: None }
}

fn facts(pairs: &[(&str, &str)]) -> Profile {
    Profile(pairs.iter().map(|(k, v)| (k.to_string(), Value::Text(v.to_string()))).collect())
}

fn eu() -> CheckOptions {
    CheckOptions { jurisdictions: Some(vec!["eu".into()]), today: Some("2027-03-15".into()) }
}

fn status(r: &Report, id: &str) -> Status {
    r.requirements.iter().find(|q| q.id == id).unwrap_or_else(|| panic!("no requirement {id}")).status
}

fn rules(r: &Report) -> Vec<&str> {
    r.findings.iter().map(|f| f.rule.as_str()).collect()
}

/// A short policy for a fictional note-taking app, written for these tests.
fn small_policy() -> Vec<Section> {
    vec![
        section(1, "Who we are", "Last updated: 1 March 2027.\n\nQuillnote Ltd is the controller of your personal data. Write to us at privacy@quillnote.example."),
        section(2, "What we collect and why", "We collect your name, email address and the notes you write. We use them to run your account and to sync your notes between devices."),
        section(3, "Legal bases", "We process your data because it is necessary for the performance of our contract with you."),
        section(4, "Who receives it", "Our hosting provider stores the data for us as a processor."),
        section(5, "How long we keep it", "We keep your notes until you delete them, and server logs for 30 days."),
        section(
            6,
            "Your rights",
            "You have the right to:\n\n- access the personal data we hold about you;\n- have inaccurate data corrected;\n- have your data erased.\n\nYou can also complain to your local supervisory authority.",
        ),
    ]
}

#[test]
fn present_items_quote_their_sentence_and_missing_ones_name_clauses() {
    let lib = Library::builtin().unwrap();
    let sections = small_policy();
    let r = check(&sections, &Profile::default(), &lib, &eu());
    assert_eq!(r.jurisdictions.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(), ["general", "eu"]);

    let controller = r.requirements.iter().find(|q| q.id == "gdpr.controller").unwrap();
    assert_eq!(controller.status, Status::Present);
    let e = &controller.evidence[0];
    assert_eq!((e.section_id, e.section.as_str()), (1, "Who we are"));
    assert_eq!(e.quote, "Quillnote Ltd is the controller of your personal data.");
    let body = &sections[0].body;
    let start = body.find("Quillnote").unwrap();
    assert_eq!(e.start as usize, body[..start].encode_utf16().count(), "offsets point at the quote");
    assert_eq!((e.end - e.start) as usize, e.quote.encode_utf16().count());

    for id in ["gdpr.retention", "gdpr.rights.access", "gdpr.rights.rectification", "gdpr.rights.erasure", "gdpr.complaint", "gdpr.legal-basis"] {
        assert_eq!(status(&r, id), Status::Present, "{id}");
    }
    for id in ["gdpr.rights.portability", "gdpr.rights.restriction", "gdpr.rights.objection", "gdpr.transfers"] {
        assert_eq!(status(&r, id), Status::Missing, "{id}");
    }
    let portability = r.requirements.iter().find(|q| q.id == "gdpr.rights.portability").unwrap();
    assert!(portability.fix.iter().any(|c| lib.clause(c).is_some_and(|c| c.satisfies.contains(&"gdpr.rights.portability".to_string()))));
    // Conditional items not stated in the facts and not made in the text do not apply.
    assert_eq!(status(&r, "gdpr.dpo"), Status::NotApplicable);
    assert_eq!(status(&r, "gdpr.withdraw-consent"), Status::NotApplicable);
    // Jurisdictions not checked do not apply.
    assert_eq!(status(&r, "ccpa.right-know"), Status::NotApplicable);
    assert!(!r.is_clean());
    assert!(r.disclaimer.contains("not legal advice"));
}

#[test]
fn a_complaint_to_the_company_is_not_a_complaint_to_an_authority() {
    let lib = Library::builtin().unwrap();
    let sections = [section(1, "Complaints", "If you are unhappy with our support, you can complain to our customer team.")];
    let r = check(&sections, &Profile::default(), &lib, &eu());
    assert_eq!(status(&r, "gdpr.complaint"), Status::Missing);
}

#[test]
fn facts_decide_the_jurisdictions_and_conditions() {
    let lib = Library::builtin().unwrap();
    let f = facts(&[("established_in", "uk"), ("serves_eea", "no"), ("serves_california", "yes"), ("consent_basis", "yes"), ("dpo_name", "Sam Example")]);
    let r = check(&small_policy(), &f, &lib, &CheckOptions::default());
    let ids: Vec<&str> = r.jurisdictions.iter().map(|j| j.id.as_str()).collect();
    assert_eq!(ids, ["general", "uk", "us-ca"]);
    assert!(r.jurisdictions[1].reason.contains("established_in = uk"));
    assert_eq!(status(&r, "gdpr.controller"), Status::NotApplicable, "EU not served");
    assert_eq!(status(&r, "ukgdpr.dpo"), Status::Missing, "a DPO is named in the facts");
    assert_eq!(status(&r, "ukgdpr.withdraw-consent"), Status::Missing, "consent is a basis");
    assert_eq!(status(&r, "ukgdpr.rights.access"), Status::Present, "UK ids read with the GDPR rules");
}

#[test]
fn a_benefit_for_data_and_selling_sensitive_data_switch_their_notices_on() {
    let lib = Library::builtin().unwrap();
    let us = |pairs: &[(&str, &str)]| {
        let mut all = vec![("established_in", "us"), ("serves_california", "yes"), ("serves_other_us_states", "yes")];
        all.extend_from_slice(pairs);
        check(&small_policy(), &facts(&all), &lib, &CheckOptions::default())
    };
    let off = us(&[("offers_financial_incentive", "no"), ("sells_sensitive_data", "no")]);
    assert_ne!(status(&off, "ccpa.financial-incentive"), Status::Missing);
    assert_ne!(status(&off, "us-states.texas-sensitive-sale"), Status::Missing);
    let on = us(&[("offers_financial_incentive", "yes"), ("sells_sensitive_data", "yes")]);
    assert_eq!(status(&on, "ccpa.financial-incentive"), Status::Missing, "a benefit for data needs the notice");
    assert_eq!(status(&on, "us-states.texas-sensitive-sale"), Status::Missing, "selling sensitive data needs the Texas notice");
    let fix = &on.requirements.iter().find(|q| q.id == "ccpa.financial-incentive").unwrap().fix;
    assert!(fix.contains(&"ai-training.financial-incentive".to_owned()), "{fix:?}");
}

#[test]
fn an_unedited_library_clause_counts_by_what_it_satisfies() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = store.create_document("Policy", None).unwrap();
    let doc = store.add_section(doc.id, doc.revision, "eu-uk-rights.rights-list", None).unwrap();
    let r = store.check_document(doc.id, &eu()).unwrap();
    let access = r.requirements.iter().find(|q| q.id == "gdpr.rights.access").unwrap();
    assert_eq!(access.status, Status::Present);
    assert!(access.evidence.iter().any(|e| e.by == "clause:eu-uk-rights.rights-list"), "{:?}", access.evidence);
}

fn with(sections: &[(&str, &str)], f: &[(&str, &str)]) -> Report {
    let lib = Library::builtin().unwrap();
    let sections: Vec<Section> = sections.iter().enumerate().map(|(i, (h, b))| section(i as i64 + 1, h, b)).collect();
    check(&sections, &facts(f), &lib, &eu())
}

#[test]
fn contradictions_are_errors_that_quote_and_suggest() {
    let r = with(&[("Selling", "We do not sell or share your personal information."), ("Cookies", "Our advertising partners set advertising cookies on our site.")], &[]);
    let f = r.findings.iter().find(|f| f.rule == "sale-share-contradiction").unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.at.as_ref().unwrap().quote, "We do not sell or share your personal information.");
    assert!(f.message.contains("advertising cookies"), "{}", f.message);
    assert!(!f.fix.is_empty());

    let r = with(&[("Opt out", "Use our \"Do Not Sell or Share My Personal Information\" page."), ("Cookies", "Our advertising partners set advertising cookies.")], &[]);
    assert!(!rules(&r).contains(&"sale-share-contradiction"), "a link's name denies nothing");

    let r = with(&[("DPO", "We have not appointed a data protection officer.")], &[("dpo_name", "Sam Example")]);
    assert!(rules(&r).contains(&"dpo-contradiction"));

    let r = with(&[("Cookies", "We use only strictly necessary cookies. We also use Google Analytics cookies to count visits.")], &[]);
    assert!(rules(&r).contains(&"essential-cookies-contradiction"));

    let r = with(&[("AI", "Our AI model providers act as our processors and only handle your prompts on our behalf.")], &[("trains_on_user_content", "opt-out")]);
    assert!(rules(&r).contains(&"ai-training-contradiction"));
}

#[test]
fn facts_and_text_must_agree_on_ages_periods_and_providers() {
    let r = with(&[("Children", "You must be at least 13 years old to use the app.")], &[("min_age", "16")]);
    assert!(rules(&r).contains(&"min-age-mismatch"));
    let r = with(&[("Children", "You must be at least 16 years old to use the app.")], &[("min_age", "16")]);
    assert!(!rules(&r).contains(&"min-age-mismatch"));

    let r = with(&[("Logs", "We keep server logs for 14 days.")], &[("retention_logs", "90 days")]);
    assert!(rules(&r).contains(&"retention-mismatch"));

    let lib = Library::builtin().unwrap();
    let mut f = Profile::default();
    let row = |n: &str| std::collections::BTreeMap::from([("name".to_string(), n.to_string())]);
    f.0.insert("processors".into(), Value::Table(vec![row("Hostly Ltd"), row("Mailbird Inc")]));
    let sections = [section(1, "Providers", "We send error reports to Sentry. Hostly Ltd hosts our servers.")];
    let r = check(&sections, &f, &lib, &eu());
    let found: Vec<&str> = r.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(found.contains(&"provider-not-in-facts"), "{found:?}");
    assert!(r.findings.iter().any(|f| f.rule == "provider-not-in-text" && f.message.contains("Mailbird")), "{found:?}");
    let r = with(&[("Providers", "We send error reports to Sentry.")], &[]);
    assert!(!rules(&r).contains(&"provider-not-in-facts"), "no providers in the facts: nothing to compare");
}

#[test]
fn lint_variables_emails_links_and_dates() {
    let r = with(&[("Contact", "Write to {{privacy_email}} or {{fax_number}}.")], &[]);
    assert!(rules(&r).contains(&"unfilled-variable"));
    assert!(rules(&r).contains(&"undeclared-variable"));
    let r = with(&[("Contact", "Write to privacy@quillnote or see [our page](htps://quillnote.example).")], &[]);
    assert!(rules(&r).contains(&"malformed-email"));
    assert!(rules(&r).contains(&"malformed-link"));
    let r = with(&[("Dates", "Last updated: 2 January 2025.")], &[]);
    assert!(rules(&r).contains(&"effective-date-stale"));
    let r = with(&[("Dates", "Effective date: 2028-01-01.")], &[]);
    assert!(rules(&r).contains(&"effective-date-future"));
    let r = with(&[("Dates", "Effective date: 2027-01-01.")], &[]);
    assert!(!rules(&r).iter().any(|r| r.starts_with("effective-date")));
    // Without today's date, the date rules do not run (the core never reads the clock).
    let lib = Library::builtin().unwrap();
    let r = check(&[section(1, "Dates", "Last updated: 2 January 2020.")], &Profile::default(), &lib, &CheckOptions::default());
    assert!(!rules(&r).iter().any(|r| r.starts_with("effective-date")));
}

/// Each built-in template as a document with its sample facts: the template's own, and for a
/// fact its clauses use but it leaves blank, the example in assets/variables.toml (a table
/// without one gets a sample row).
fn template_documents(store: &mut Store) -> Vec<(String, clausewright_core::domain::Document)> {
    let ids: Vec<String> = store.templates().into_iter().map(|t| t.id).collect();
    let vars: toml::Value = toml::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/variables.toml")).unwrap()).unwrap();
    let mut examples: Vec<(String, Value)> = vars["variable"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| {
            let value = match v.get("example")? {
                toml::Value::String(s) => Value::Text(s.clone()),
                toml::Value::Array(items) if items.iter().all(toml::Value::is_table) => Value::Table(
                    items
                        .iter()
                        .filter_map(toml::Value::as_table)
                        .map(|row| row.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned()))).collect())
                        .collect(),
                ),
                toml::Value::Array(items) => Value::List(items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect()),
                _ => return None,
            };
            Some((v["name"].as_str()?.to_owned(), value))
        })
        .collect();
    // A table with no example in the file gets one sample row, each cell named for its column.
    for def in store.library().variables.clone() {
        if def.kind == clausewright_core::domain::VariableKind::Table && !examples.iter().any(|(n, _)| *n == def.name) {
            let row = def.columns.iter().map(|c| (c.name.clone(), format!("Sample {}", c.label.to_lowercase()))).collect();
            examples.push((def.name.clone(), Value::Table(vec![row])));
        }
    }
    let mut out = Vec::new();
    for id in ids {
        let mut doc = store.create_document("Template check", Some(&id)).unwrap();
        let used: Vec<String> = doc.sections.iter().flat_map(|s| clausewright_core::vars::names(&s.body)).collect();
        for (name, value) in &examples {
            if used.contains(name) && doc.profile.get(name).is_none() {
                doc = store.set_profile_value(doc.id, doc.revision, name, Some(value.clone())).unwrap();
            }
        }
        out.push((id, doc));
    }
    out
}

fn today() -> CheckOptions {
    CheckOptions { jurisdictions: None, today: Some("2027-03-15".into()) }
}

fn problems(id: &str, r: &Report) -> Vec<String> {
    let missing = r.missing().map(|q| format!("{id}: missing {}", q.id));
    missing.chain(r.errors().map(|f| format!("{id}: {} {}", f.rule, f.message))).collect()
}

/// Every built-in template, composed with its sample facts, checks clean: nothing missing for
/// its jurisdictions and no error. Checked as composed (unedited clauses count by `satisfies`).
#[test]
fn every_template_checks_clean() {
    let mut store = Store::open_in_memory().unwrap();
    let mut all = Vec::new();
    for (id, doc) in template_documents(&mut store) {
        all.extend(problems(&id, &store.check_document(doc.id, &today()).unwrap()));
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

/// The same documents exported as Markdown and read back as a file (as an imported policy is):
/// the detectors alone find every requirement of the template's jurisdictions.
#[test]
fn every_template_read_back_as_a_file_is_complete_by_its_text_alone() {
    let mut store = Store::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for (id, doc) in template_documents(&mut store) {
        let composed = store.check_document(doc.id, &today()).unwrap();
        let jurisdictions = composed.jurisdictions.iter().map(|j| j.id.clone()).collect();
        let path = dir.path().join(format!("{id}.md"));
        std::fs::write(&path, clausewright_core::export::document_markdown(&doc, store.library())).unwrap();
        let options = CheckOptions { jurisdictions: Some(jurisdictions), today: Some("2027-03-15".into()) };
        let r = clausewright_core::check::check_file(&path, &options).unwrap();
        all.extend(r.missing().map(|q| format!("{id}: missing {}", q.id)));
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}
