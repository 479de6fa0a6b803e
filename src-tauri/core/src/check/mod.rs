//! The policy checker: which required disclosures a document makes (quoting the sentence),
//! which it lacks (naming the library clauses that would supply them), and where it contradicts
//! itself or the company facts.
//!
//! - `applicability`: the jurisdictions and conditional requirements, from the facts;
//! - `text`: the sections as sentences with their offsets;
//! - `lexicon` and `detectors`: the rules that find each disclosure in edited or imported text
//!   (a section still equal to its library clause counts by the clause's `satisfies`);
//! - `lint`: contradictions and lint;
//! - `report`: what comes out.
//!
//! The check reads only what it is given: no clock (today's date is an option), no file, no
//! workspace.

mod applicability;
mod detectors;
mod lexicon;
mod lint;
mod report;
mod text;

pub use report::{DISCLAIMER, Evidence, Finding, JurisdictionCheck, Report, RequirementResult, Severity, Status};

use crate::domain::{Profile, Section};
use crate::library::Library;
use applicability::Facts;
use serde::{Deserialize, Serialize};
use text::{Text, utf16_offset};
use ts_rs::TS;

/// How to check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckOptions {
    /// Check these jurisdictions (`eu`, `uk`, `us-ca`, …) instead of the ones the facts imply.
    #[serde(default)]
    #[ts(optional)]
    pub jurisdictions: Option<Vec<String>>,
    /// Today's date, YYYY-MM-DD, for the effective-date checks; without it they are skipped.
    #[serde(default)]
    #[ts(optional)]
    pub today: Option<String>,
}

/// Longest quote kept in a report, in characters.
const MAX_QUOTE: usize = 400;

/// Checks a document's sections against the library's requirements and the company facts.
pub fn check(sections: &[Section], profile: &Profile, library: &Library, options: &CheckOptions) -> Report {
    let text = Text::new(sections);
    let facts = Facts(profile);
    let jurisdictions = {
        let needs_text = options.jurisdictions.is_none();
        let all: String = if needs_text { sections.iter().map(|s| format!("{}\n{}\n", s.heading, s.body)).collect() } else { String::new() };
        applicability::jurisdictions(&facts, options.jurisdictions.as_deref(), &all)
    };
    let detected = detectors::detect(&text);
    let evidence_at = |section: usize, start: usize, end: usize, by: String| {
        let s = &sections[section];
        let quote: String = s.body[start..end].chars().take(MAX_QUOTE).collect();
        Evidence {
            section_id: s.id,
            section: s.heading.clone(),
            quote,
            start: utf16_offset(&s.body, start),
            end: utf16_offset(&s.body, end),
            by,
        }
    };
    let sentence_evidence = |i: usize, by: String| {
        let s = &text.sentences[i];
        evidence_at(s.section, s.start, s.end, by)
    };
    // Sections still equal to their library clause: the clause's `satisfies`.
    let mut by_clause: Vec<(&str, usize, &str)> = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        let Some(origin) = s.origin.as_ref().filter(|o| !o.edited) else { continue };
        let Some(clause) = library.clause(&origin.clause_id) else { continue };
        for req in &clause.satisfies {
            by_clause.push((req.as_str(), i, clause.id.as_str()));
        }
    }
    let first_sentence = |section: usize| text.sentences.iter().find(|s| s.section == section);
    let mut requirements = Vec::with_capacity(library.requirements.len());
    for req in &library.requirements {
        let checked = jurisdictions.iter().any(|j| j.id == req.jurisdiction);
        let mut evidence: Vec<Evidence> = Vec::new();
        let key = detectors::rules_for(&req.id);
        let hits: &[detectors::Hit] = key.and_then(|k| detected.get(k)).map_or(&[], Vec::as_slice);
        for (_, section, clause) in by_clause.iter().filter(|(r, _, _)| *r == req.id) {
            let by = format!("clause:{clause}");
            // Quote the clause's sentence that makes the disclosure, if a rule finds it.
            let own = hits.iter().map(|h| &text.sentences[h.sentence]).find(|s| s.section == *section);
            evidence.push(match own.or_else(|| first_sentence(*section)) {
                Some(s) => evidence_at(*section, s.start, s.end, by),
                None => evidence_at(*section, 0, 0, by),
            });
        }
        for h in hits {
            if evidence.len() >= detectors::MAX_EVIDENCE {
                break;
            }
            let e = sentence_evidence(h.sentence, format!("rule:{}", h.rule));
            if !evidence.iter().any(|x| x.section_id == e.section_id && x.start == e.start) {
                evidence.push(e);
            }
        }
        let mut note = None;
        if evidence.is_empty() && key.is_none() {
            if req.id == "gdpr.plain-language" || req.id == "ukgdpr.plain-language" {
                match plain_language(&text) {
                    Ok(i) => evidence.push(sentence_evidence(i, "rule:short-sentences".into())),
                    Err(why) => note = Some(why),
                }
            } else if let Some(i) = group_evidence(&req.id, &detected) {
                evidence.push(sentence_evidence(i, "rule:every-part".into()));
            } else {
                note = Some("No rule reads this requirement in edited text: add a library clause that satisfies it, or confirm it by hand.".into());
            }
        }
        let condition = applicability::condition(&req.id, &facts);
        let status = if !checked {
            note = Some(format!("The {} rules are not checked for this document.", req.jurisdiction));
            Status::NotApplicable
        } else if !evidence.is_empty() {
            Status::Present
        } else if let Some((false, why)) = &condition {
            note = Some(format!("Not required here: it {why}."));
            Status::NotApplicable
        } else {
            Status::Missing
        };
        let fix = if status == Status::Missing {
            library.clauses.iter().filter(|c| c.satisfies.iter().any(|s| s == &req.id)).map(|c| c.id.clone()).collect()
        } else {
            Vec::new()
        };
        if status == Status::NotApplicable {
            evidence.clear();
        }
        requirements.push(RequirementResult {
            id: req.id.clone(),
            jurisdiction: req.jurisdiction.clone(),
            summary: req.summary.clone(),
            citation: req.citation.clone(),
            status,
            evidence,
            fix,
            note,
        });
    }
    let today = options.today.as_deref().and_then(|d| time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).ok());
    let cx = lint::Context { text: &text, facts: &facts, library, today, california: jurisdictions.iter().any(|j| j.id == "us-ca") };
    let mut findings: Vec<Finding> = lint::run(&cx)
        .into_iter()
        .map(|r| Finding {
            severity: r.severity,
            rule: r.rule.to_owned(),
            at: r.sentence.map(|i| sentence_evidence(i, format!("rule:{}", r.rule))),
            message: r.message,
            fix: r.fix,
        })
        .collect();
    findings.sort_by_key(|f| f.severity);
    Report { jurisdictions, requirements, findings, disclaimer: DISCLAIMER.to_owned() }
}

/// A combined id (`gdpr.rights`) is made when every finer id under it (`gdpr.rights.access`, …)
/// is: the first sentence of the last part found.
fn group_evidence(id: &str, detected: &std::collections::HashMap<&'static str, Vec<detectors::Hit>>) -> Option<usize> {
    let prefix = format!("{id}.");
    let parts: Vec<&str> = lexicon::SPECS.iter().map(|s| s.req).filter(|r| r.starts_with(&prefix)).collect();
    if parts.is_empty() {
        return None;
    }
    parts.iter().map(|p| detected.get(p).and_then(|h| h.first()).map(|h| h.sentence)).collect::<Option<Vec<_>>>()?.into_iter().max()
}

/// Plain language, approximated: short sentences on average and few very long ones. Returns
/// the first sentence as evidence, or why it is not plain.
fn plain_language(text: &Text) -> Result<usize, String> {
    let words: Vec<usize> = text.sentences.iter().map(|s| s.norm.split_whitespace().count()).collect();
    if words.is_empty() {
        return Err("The document has no text.".into());
    }
    let mean = words.iter().sum::<usize>() as f64 / words.len() as f64;
    let long = words.iter().filter(|w| **w > 40).count() as f64 / words.len() as f64;
    if mean <= 25.0 && long <= 0.1 {
        Ok(0)
    } else {
        Err(format!("Sentences average {mean:.0} words and {:.0}% run over 40 words: shorten them.", long * 100.0))
    }
}

/// The jurisdiction ids a user typed (`eu`, `uk`, `us-ca`, or short names such as `us`, `ca`,
/// `coppa`), as the library names them; an id no requirement uses is refused, naming the known ones.
pub fn resolve_jurisdictions(list: &[String], library: &Library) -> crate::Result<Vec<String>> {
    let mut known: Vec<&str> = library.requirements.iter().map(|r| r.jurisdiction.as_str()).collect();
    known.sort_unstable();
    known.dedup();
    list.iter()
        .map(|id| {
            let id = applicability::alias(id.trim());
            if known.contains(&id) {
                Ok(id.to_owned())
            } else {
                Err(crate::Error::Invalid(format!("--jurisdiction: unknown jurisdiction `{id}` (known: {})", known.join(", "))))
            }
        })
        .collect()
}

/// Checks a policy file (.md, .txt, .html, .docx), read exactly as `import` reads it, against
/// the built-in library; no workspace is opened, and no facts are known.
pub fn check_file(path: &std::path::Path, options: &CheckOptions) -> crate::Result<Report> {
    let preview = crate::import::preview_file(path, None)?;
    let library = Library::builtin()?;
    Ok(check(&preview.document_sections(), &Profile::default(), &library, options))
}

impl crate::Store {
    /// Checks a document's draft with its own facts.
    pub fn check_document(&self, id: i64, options: &CheckOptions) -> crate::Result<Report> {
        let doc = self.document(id)?;
        Ok(check(&doc.sections, &doc.profile, self.library(), options))
    }
}
