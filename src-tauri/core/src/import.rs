//! Bringing an existing policy in: a Markdown or plain-text file becomes sections (heading +
//! Markdown body), with the title and any preamble kept, profile facts detected as suggestions
//! and a library topic suggested for each section. Reading never panics and never trusts the
//! file: size, emptiness, binary content and encoding are checked first (security I3).
//!
//! HTML is sanitized, then turned into Markdown (`import_html`); Word files are read with
//! limits and turned into Markdown (`import_docx`); then every kind is split the same way.

use crate::diff::sections_from_text;
use crate::diff::sides::sections_from_markdown;
use crate::diff::sides::{is_setext_underline, strip_number};
use crate::error::{Error, Result};
use crate::store::{ClauseFilter, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// Files above this are refused: a policy is a few hundred kilobytes at most.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportedSection {
    pub heading: String,
    pub body: String,
    /// The library topic this section seems to cover, if any.
    pub topic: Option<String>,
    pub confidence: f32,
}

/// What a file would become, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub title: String,
    pub sections: Vec<ImportedSection>,
    /// Profile values found in the text, by variable name: suggestions to confirm.
    pub facts: BTreeMap<String, String>,
    pub warnings: Vec<String>,
}

impl ImportPreview {
    /// The sections as document sections written by hand (no library origin). Their ids are
    /// negative placeholders: they have no identity in the workspace yet.
    pub fn document_sections(&self) -> Vec<crate::domain::Section> {
        self.sections
            .iter()
            .enumerate()
            .map(|(i, s)| crate::domain::Section { id: -(i as i64) - 1, heading: s.heading.clone(), body: s.body.clone(), origin: None })
            .collect()
    }
}

/// Decodes a file's bytes as text, refusing what is not text and converting invalid UTF-8 with
/// a warning that says where.
pub fn decode(name: &str, bytes: &[u8]) -> Result<(String, Vec<String>)> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::Invalid(format!("{name} is {} MB; files above 5 MB are not imported", bytes.len() / (1024 * 1024))));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Invalid(format!("{name} is empty: there is nothing to import")));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head.iter().filter(|b| **b == 0 || (**b < 0x09) || (0x0e..0x20).contains(*b)).count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err(Error::Invalid(format!("{name} looks like a binary file, not text; open it in its program and save it as text or Markdown")));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), vec![])),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let text = String::from_utf8_lossy(bytes).into_owned();
            let bad = text.matches('\u{FFFD}').count();
            Ok((text, vec![format!("{name}: not valid UTF-8 from line {line} (byte {at}); {bad} character(s) were replaced with �: check them")]))
        }
    }
}

/// The kinds of file that can be imported, by extension.
const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm", "docx"];

/// Reads and parses a file without touching any workspace.
pub fn preview_file(path: &Path, store: Option<&Store>) -> Result<ImportPreview> {
    let (name, bytes) = read_bytes(path)?;
    preview_bytes(&name, &bytes, store)
}

/// A file's sections, read as import reads it, and any warnings (for comparing with a file).
pub fn read_file(path: &Path) -> Result<(crate::diff::DiffSide, Vec<String>)> {
    let (name, bytes) = read_bytes(path)?;
    let (text, warnings) = markdown(&name, &bytes)?;
    Ok((split(&name, &text), warnings))
}

fn read_bytes(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    check_extension(&name)?;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    if meta.len() > crate::import_docx::MAX_ZIPPED as u64 {
        return Err(Error::Invalid(format!("{name} is {} MB; files above 20 MB are not imported", meta.len() / (1024 * 1024))));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    Ok((name, bytes))
}

fn extension(name: &str) -> String {
    Path::new(name).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

fn check_extension(name: &str) -> Result<()> {
    if EXTENSIONS.contains(&extension(name).as_str()) {
        Ok(())
    } else {
        Err(Error::Invalid(format!("{name}: only Markdown (.md), text (.txt), HTML (.html) and Word (.docx) files can be read")))
    }
}

/// A file's content as Markdown (or plain text), with warnings about its conversion.
fn markdown(name: &str, bytes: &[u8]) -> Result<(String, Vec<String>)> {
    check_extension(name)?;
    let (text, warnings) = match extension(name).as_str() {
        "docx" => crate::import_docx::to_markdown(name, bytes)?,
        "html" | "htm" => {
            let (html, warnings) = decode(name, bytes)?;
            (crate::import_html::to_markdown(&html), warnings)
        }
        _ => decode(name, bytes)?,
    };
    if text.trim().is_empty() {
        return Err(Error::Invalid(format!("{name} has no text to import")));
    }
    Ok((text, warnings))
}

/// Markdown made from HTML or Word marks its headings; only plain text and hand-written
/// Markdown have numbered lines ("1. Scope") as headings.
fn split(name: &str, text: &str) -> crate::diff::DiffSide {
    if matches!(extension(name).as_str(), "docx" | "html" | "htm") { sections_from_markdown(text) } else { sections_from_text(text) }
}

/// Parses a file's bytes, read as the kind its name says. Never panics: arbitrary bytes give a
/// preview or an error.
pub fn preview_bytes(name: &str, bytes: &[u8], store: Option<&Store>) -> Result<ImportPreview> {
    let (text, warnings) = markdown(name, bytes)?;
    let mut preview = parse(&text, &split(name, &text), store);
    preview.warnings.splice(0..0, warnings);
    Ok(preview)
}

/// Cleans a heading line: Markdown marks, numbering, bold and link wrappers go.
fn clean_heading(line: &str) -> String {
    let mut h = line.trim().trim_start_matches('#').trim().to_owned();
    // "[**13.1 Data controller**](#131-data-controller)" -> "13.1 Data controller"
    if h.starts_with('[')
        && let Some(end) = h.find("](")
    {
        h = h[1..end].to_owned();
    }
    h = h.replace("**", "").replace("__", "");
    strip_number(h.trim()).trim().to_owned()
}

/// Turns a file's sections into a preview: title and preamble, tables of contents folded,
/// facts and topics suggested.
fn parse(text: &str, side: &crate::diff::DiffSide, store: Option<&Store>) -> ImportPreview {
    // Each split section as (heading, body, its whole text); `None` is the preamble.
    let mut parts: Vec<(Option<String>, String, String)> = side
        .sections
        .iter()
        .map(|s| {
            if s.heading.is_empty() {
                return (None, s.text.trim().to_owned(), s.text.clone());
            }
            let mut lines = s.text.lines();
            let first = lines.next().unwrap_or("");
            let mut rest: Vec<&str> = lines.collect();
            if rest.first().is_some_and(|l| is_setext_underline(l)) {
                rest.remove(0);
            }
            (Some(clean_heading(first)), rest.join("\n").trim().to_owned(), s.text.clone())
        })
        .collect();
    // A table of contents at the top: entries whose heading comes again later, with no text
    // of their own or only a list of links first, fold into the section before them.
    let mut i = 1;
    while i < parts.len() {
        let recurs = parts[i].0.as_ref().is_some_and(|h| parts[i + 1..].iter().any(|p| p.0.as_ref() == Some(h)));
        if recurs && starts_with_toc(&parts[i].1) {
            let (_, _, whole) = parts.remove(i);
            let prev = &mut parts[i - 1];
            prev.1 = format!("{}\n\n{}", prev.1, whole.trim()).trim().to_owned();
            prev.2 = format!("{}\n\n{}", prev.2.trim_end(), whole.trim());
        } else {
            i += 1;
        }
    }
    let mut title = String::new();
    // A top-level heading ("# Title" or underlined with ===) before sections of a lower level
    // is the document's title: it goes into the preamble.
    let is_h1 = |t: &str| t.trim_start().starts_with("# ") || t.lines().nth(1).is_some_and(|l| l.trim().starts_with("===") && is_setext_underline(l));
    let first_heading = parts.iter().position(|p| p.0.is_some());
    if let Some(t) = first_heading.filter(|t| *t <= 1) {
        let next_is_h1 = parts.get(t + 1).is_some_and(|p| is_h1(&p.2));
        if is_h1(&parts[t].2) && !next_is_h1 && parts.len() > t + 1 {
            let (heading, _, whole) = parts.remove(t);
            title = heading.unwrap_or_default();
            match parts.first_mut().filter(|p| p.0.is_none()) {
                Some(pre) => pre.1 = format!("{}\n\n{}", pre.1, whole.trim()),
                None => parts.insert(0, (None, whole.trim().to_owned(), whole)),
            }
        }
    }
    if title.is_empty() {
        title = match &parts[..] {
            [(None, body, _), ..] => clean_heading(body.lines().next().unwrap_or("")),
            [(Some(h), ..), ..] => h.clone(),
            [] => String::new(),
        };
    }
    if title.is_empty() {
        title = "Imported policy".into();
    }
    // The title becomes the document's title; the preamble keeps the rest ("Last updated…").
    if let Some((None, body, _)) = parts.first_mut() {
        *body = without_title(body, &title);
        if body.trim().is_empty() {
            parts.remove(0);
        }
    }
    let topics = store.and_then(|st| st.topics().ok()).unwrap_or_default();
    let sections = parts
        .into_iter()
        .map(|(heading, body, _)| {
            let heading = heading.unwrap_or_else(|| "Preamble".to_owned());
            let (topic, confidence) = store.map_or((None, 0.0), |st| suggest_topic(st, &topics, &heading, &body));
            ImportedSection { heading, body, topic, confidence }
        })
        .collect();
    ImportPreview { title, sections, facts: facts(text), warnings: vec![] }
}

/// The preamble without its title line (and the line underlining it, for a setext title).
fn without_title(body: &str, title: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let Some(at) = lines.iter().position(|l| !l.trim().is_empty() && clean_heading(l) == title) else { return body.to_owned() };
    let skip = if lines.get(at + 1).is_some_and(|l| is_setext_underline(l)) { 2 } else { 1 };
    let rest: Vec<&str> = lines[..at].iter().chain(lines[at + skip..].iter()).copied().collect();
    rest.join("\n").trim().to_owned()
}

/// Is this text empty, or does it open with a list of links (a table of contents)?
fn starts_with_toc(body: &str) -> bool {
    let list: Vec<&str> = body
        .lines()
        .take_while(|l| {
            let t = l.trim_start();
            t.is_empty() || t.starts_with(['*', '-', '+', '[']) || t.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    body.trim().is_empty() || (list.join("\n").matches("](").count() >= 3 && is_toc_like(&list.join("\n"))) || is_toc_like(body)
}

/// Is this text nothing, or links and list marks with at most a caption ("Table of
/// contents")?
fn is_toc_like(body: &str) -> bool {
    let links = body.matches("](").count();
    let mut rest = String::new();
    let mut s = body;
    while let Some(open) = s.find('[') {
        rest.push_str(&s[..open]);
        match s[open..].find("](").and_then(|close| s[open + close..].find(')').map(|end| open + close + end + 1)) {
            Some(end) => s = &s[end..],
            None => {
                s = &s[open + 1..];
            }
        }
    }
    rest.push_str(s);
    let words = rest.chars().filter(|c| c.is_alphanumeric()).count();
    words < 3 || (links >= 3 && words < 40)
}

/// The library topic that best fits the section. Votes come from the words policies put in
/// headings ("What we collect", "Your choices"), from topic titles that share a word with the
/// heading, and from the library clauses each heading word finds; the body is searched only when
/// the heading names no topic. Confidence is the winner's share of the votes, scaled down when
/// there is little evidence at all.
fn suggest_topic(store: &Store, topics: &[crate::domain::Topic], heading: &str, body: &str) -> (Option<String>, f32) {
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

/// What an import made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Imported {
    pub document_id: i64,
    /// The version number, when the file came in as a new version of a document.
    pub version: Option<u32>,
}

/// A suggested fact as a profile value: a list of names becomes table rows (processors).
fn fact_value(def: &crate::domain::VariableDef, text: &str) -> Result<crate::domain::Value> {
    use crate::domain::{Value, VariableKind};
    let value = match def.kind {
        VariableKind::Table => Value::Table(
            text.split(',').map(str::trim).filter(|n| !n.is_empty()).map(|n| BTreeMap::from([("name".to_owned(), n.to_owned())])).collect(),
        ),
        _ => Value::Text(text.to_owned()),
    };
    crate::profile::check_value(def, value)
}

impl Store {
    /// Imports a (possibly adjusted) preview: as a new document with the facts the user
    /// confirmed in its profile, or as a new version of document `into`, labelled with the
    /// file's name. Facts are checked before anything is written, so a bad one leaves the
    /// workspace as it was.
    pub fn import(&mut self, preview: &ImportPreview, into: Option<i64>, facts: &BTreeMap<String, String>, file_name: &str) -> Result<Imported> {
        if preview.sections.is_empty() {
            return Err(Error::Invalid("sections: there is nothing to import".into()));
        }
        if let Some(s) = preview.sections.iter().find(|s| s.heading.trim().is_empty()) {
            return Err(Error::Invalid(format!("heading: every section needs a heading (the one starting “{}”)", s.body.chars().take(40).collect::<String>())));
        }
        if let Some(doc_id) = into {
            let v = self.import_as_version(doc_id, preview, &format!("Imported from {file_name}"))?;
            return Ok(Imported { document_id: doc_id, version: Some(v.number) });
        }
        let mut profile = crate::domain::Profile::default();
        for (name, text) in facts {
            let def = self.library().variable(name).ok_or_else(|| Error::Invalid(format!("`{name}` is not a profile field")))?;
            profile.0.insert(name.clone(), fact_value(def, text)?);
        }
        let sections: Vec<(String, String)> = preview.sections.iter().map(|s| (s.heading.trim().to_owned(), s.body.clone())).collect();
        let doc = self.create_document_from(&preview.title, &profile, &sections)?;
        Ok(Imported { document_id: doc.id, version: None })
    }
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

    #[test]
    fn headings_lose_their_marks() {
        assert_eq!(clean_heading("### [**13.1 Data controller**](#131-data-controller)"), "Data controller");
        assert_eq!(clean_heading("2\\. Sharing"), "Sharing");
        assert_eq!(clean_heading("## 4. How We Share"), "How We Share");
    }
}
