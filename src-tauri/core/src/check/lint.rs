//! Contradictions inside the policy and between the policy and the company facts, and lint:
//! unfilled or undeclared variables, malformed emails and links, a stale or future date.

use super::applicability::Facts;
use super::report::Severity;
use super::text::{Sentence, Text};
use crate::domain::Value;
use crate::library::Library;
use regex::Regex;
use std::sync::LazyLock;

/// A finding before it is placed: the sentence it quotes, if any.
pub struct Raw {
    pub severity: Severity,
    pub rule: &'static str,
    pub sentence: Option<usize>,
    pub message: String,
    pub fix: String,
}

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("built-in pattern {p:?}: {e}"))
}

struct Patterns {
    negated: Regex,
    no_sale: Regex,
    sale: Regex,
    ad_tracking: Regex,
    a_right: Regex,
    no_dpo: Regex,
    age_context: Regex,
    age_not: Regex,
    age: Regex,
    ai_processor: Regex,
    no_training: Regex,
    essential_only: Regex,
    other_cookies: Regex,
    period: Regex,
    email_like: Regex,
    link: Regex,
    bare_url: Regex,
    date_context: Regex,
}

static P: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    negated: re(r"\b(?:do not|don't|does not|doesn't|never|will not|won't|not|no)\b"),
    no_sale: re(r"\b(?:do not|don't|does not|never|will not|won't)\s+(?:\w+\s+)?(?:sell or share|sell, rent|sell or rent|sell)\b"),
    sale: re(r"\bwe (?:have |may |might )?(?:sold or shared|sell or share|sold|sell|share (?:\w+ )?for cross-context)\b|\bdo not sell or share my personal information\b"),
    ad_tracking: re(r"\b(?:advertising|targeting|marketing|retargeting) (?:cookies|pixels?|tags|sdks?|partners|networks?)\b|\bad networks?\b|\binterest-based (?:ads|advertising)\b|\bpersonali[sz]ed (?:ads|advertising)\b|\btargeted (?:ads|advertising)\b"),
    a_right: re(r"\bopt(?:-| )?out\b|\bright\b"),
    no_dpo: re(r"\b(?:have not|haven't|has not|did not|do not need to|are not required to) (?:appointed|designated|appoint|designate|named)\b.{0,20}\b(?:data protection officer|dpo)\b|\bno (?:data protection officer|dpo)\b|\bdo not have an? (?:data protection officer|dpo)\b"),
    age_context: re(r"\bmust be\b|\bminimum age\b|\bnot (?:meant|intended|directed|designed|aimed) (?:for|at|to)\b|\bknowingly collect|\byears (?:of age|old) or older|\bto use (?:it|the service|our|this)"),
    age_not: re(r"\bsell|\bshar|\bconsent (?:to|for)|\bcoppa\b"),
    age: re(r"\b(?:at least|aged|age of|over|older than|under|below|younger than)\s+(\d{1,2})\b|\b(\d{1,2})\s+years (?:of age|old)"),
    ai_processor: re(r"\b(?:ai|model|ai model) providers?\b.{0,100}\b(?:processors?|on our behalf)\b|\b(?:these|such|the) providers act as (?:our )?processors\b"),
    no_training: re(r"\b(?:do not|don't|does not|never|will not|won't|not|no)\b.{0,40}\btrain"),
    essential_only: re(r"\b(?:only|solely|just)\b.{0,40}\b(?:strictly )?(?:necessary|essential) cookies\b|\bonly cookies\b.{0,40}\b(?:strictly necessary|essential)\b|\bonly (?:use )?essential\b"),
    other_cookies: re(r"\b(?:analytics?|advertising|targeting|marketing|tracking|third-party|performance) cookies\b|\bgoogle analytics\b|\bfacebook pixel\b|\bmeta pixel\b"),
    period: re(r"\b(\d+)\s*(days?|weeks?|months?|years?)\b"),
    email_like: re(r"[^\s<>()\[\]]*@[^\s<>()\[\]]*"),
    link: re(r"\]\(([^)]*)\)"),
    bare_url: re(r"\bh[a-z]*tps?:/*[^\s)>\]]*"),
    date_context: re(r"\b(?:effective|last (?:updated|modified|revised)|updated on|updated:)"),
});

pub struct Context<'a, 'b> {
    pub text: &'a Text<'b>,
    pub facts: &'a Facts<'a>,
    pub library: &'a Library,
    pub today: Option<time::Date>,
    /// The California rules are checked (a stale date is then an error).
    pub california: bool,
}

pub fn run(cx: &Context) -> Vec<Raw> {
    let mut out = Vec::new();
    sale_share(cx, &mut out);
    dpo(cx, &mut out);
    min_age(cx, &mut out);
    ai_training(cx, &mut out);
    essential_cookies(cx, &mut out);
    retention(cx, &mut out);
    providers(cx, &mut out);
    variables(cx, &mut out);
    emails_and_links(cx, &mut out);
    dates(cx, &mut out);
    out
}

/// The first sentence a pattern matches that also passes `pred`.
fn first(cx: &Context, re: &Regex, pred: impl Fn(&Sentence) -> bool) -> Option<usize> {
    cx.text.matching(re).find(|i| pred(&cx.text.sentences[*i]))
}

fn sale_share(cx: &Context, out: &mut Vec<Raw>) {
    // "Do Not Sell or Share My Personal Information" names a link; it denies nothing.
    let denies = |s: &Sentence| P.no_sale.find_iter(&s.norm).any(|m| !s.norm[m.end()..].trim_start().starts_with("my "));
    let Some(claim) = first(cx, &P.no_sale, denies) else { return };
    // A right described ("opt out of targeted advertising") is not a practice admitted.
    let admits = |s: &Sentence| !P.negated.is_match(&s.norm) && !P.a_right.is_match(&s.norm);
    let other = [first(cx, &P.sale, admits), first(cx, &P.ad_tracking, admits)].into_iter().flatten().min();
    let why = match other {
        Some(i) => format!("elsewhere the policy says “{}”", cx.text.raw(&cx.text.sentences[i]).trim()),
        None if cx.facts.flag("sells_or_shares") == Some(true) => "the facts say it sells or shares (sells_or_shares = yes)".into(),
        None if cx.facts.flag("targeted_advertising") == Some(true) => "the facts say it uses targeted advertising (targeted_advertising = yes)".into(),
        None if cx.facts.filled("advertising_partners") => "the facts name advertising partners (advertising_partners)".into(),
        None => return,
    };
    out.push(Raw {
        severity: Severity::Error,
        rule: "sale-share-contradiction",
        sentence: Some(claim),
        message: format!("The policy says personal information is not sold or shared, but {why}. Under the CPRA, letting advertising partners collect data for cross-context behavioral advertising is “sharing”."),
        fix: "Either remove the advertising cookies and partners, or replace the statement with the sale/share opt-out clause (california.sale-share-opt-out).".into(),
    });
}

fn dpo(cx: &Context, out: &mut Vec<Raw>) {
    if !cx.facts.filled("dpo_name") {
        return;
    }
    if let Some(i) = first(cx, &P.no_dpo, |_| true) {
        out.push(Raw {
            severity: Severity::Error,
            rule: "dpo-contradiction",
            sentence: Some(i),
            message: format!("The policy says there is no data protection officer, but the facts name one ({}).", cx.facts.text("dpo_name").unwrap_or_default()),
            fix: "Use the DPO clause (contact.dpo), or clear dpo_name if no DPO is appointed.".into(),
        });
    }
}

fn min_age(cx: &Context, out: &mut Vec<Raw>) {
    let Some(want) = cx.facts.text("min_age").and_then(|s| s.parse::<u32>().ok()) else { return };
    for i in cx.text.matching(&P.age_context) {
        let s = &cx.text.sentences[i];
        if P.age_not.is_match(&s.norm) {
            continue;
        }
        let ages = P.age.captures_iter(&s.norm).filter_map(|c| c.get(1).or_else(|| c.get(2))?.as_str().parse::<u32>().ok());
        if let Some(age) = ages.into_iter().find(|a| *a != want) {
            out.push(Raw {
                severity: Severity::Warning,
                rule: "min-age-mismatch",
                sentence: Some(i),
                message: format!("The text gives {age} as an age limit, but the facts say the minimum age is {want} (min_age)."),
                fix: "Write {{min_age}} instead of the number, or correct min_age.".into(),
            });
            return;
        }
    }
}

fn ai_trains(cx: &Context) -> Option<String> {
    if let Some(t) = cx.facts.text("trains_on_user_content").filter(|t| *t != "no") {
        return Some(format!("trains_on_user_content = {t}"));
    }
    if let Some(Value::Table(rows)) = cx.facts.0.get("ai_providers") {
        let yes = |v: &str| v.trim().to_ascii_lowercase().starts_with("yes");
        if let Some(row) = rows.iter().find(|r| r.get("trains_on_data").is_some_and(|v| yes(v))) {
            return Some(format!("the AI providers table says {} trains on the data", row.get("name").map_or("a provider", String::as_str)));
        }
    }
    None
}

fn ai_training(cx: &Context, out: &mut Vec<Raw>) {
    let Some(why) = ai_trains(cx) else { return };
    let ai = |s: &Sentence| s.norm.contains("ai") || s.norm.contains("model");
    let processor = first(cx, &P.ai_processor, |_| true);
    let no_train = first(cx, &P.no_training, |s| ai(s) && !s.norm.contains("opt out") && !s.norm.contains("after you"));
    for (i, what) in [(processor, "calls the AI model providers processors"), (no_train, "says the data is not used for training")] {
        if let Some(i) = i {
            out.push(Raw {
                severity: Severity::Error,
                rule: "ai-training-contradiction",
                sentence: Some(i),
                message: format!("The policy {what}, but {why}. A provider that trains its own models on the data uses it for its own purposes, not only on your behalf."),
                fix: "Describe the training and how to opt out (ai-providers.may-train-opt-out), or correct the facts.".into(),
            });
        }
    }
}

fn essential_cookies(cx: &Context, out: &mut Vec<Raw>) {
    let Some(claim) = first(cx, &P.essential_only, |_| true) else { return };
    let other = first(cx, &P.other_cookies, |s| !P.negated.is_match(&s.norm));
    let why = match other {
        Some(i) => format!("elsewhere it says “{}”", cx.text.raw(&cx.text.sentences[i]).trim()),
        None if cx.facts.filled("advertising_partners") => "the facts name advertising partners (advertising_partners)".into(),
        None => return,
    };
    out.push(Raw {
        severity: Severity::Error,
        rule: "essential-cookies-contradiction",
        sentence: Some(claim),
        message: format!("The policy says only essential cookies are used, but {why}."),
        fix: "Use the consent-based cookies clause (cookies.consent-based), or remove the other cookies.".into(),
    });
}

/// Periods written as "30 days", "2 years", normalized to (number, unit without plural).
fn periods(s: &str) -> Vec<(u32, String)> {
    P.period
        .captures_iter(&s.to_ascii_lowercase())
        .filter_map(|c| Some((c.get(1)?.as_str().parse().ok()?, c.get(2)?.as_str().trim_end_matches('s').to_owned())))
        .collect()
}

fn retention(cx: &Context, out: &mut Vec<Raw>) {
    static KINDS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
        [
            ("retention_account", r"\b(?:close|delete)\w* (?:your |an |the )?account\b"),
            ("retention_logs", r"\blogs?\b"),
            ("retention_backups", r"\bbackups?\b"),
            ("retention_support", r"\bsupport (?:tickets|conversations|messages|chats|requests)\b"),
            ("retention_billing", r"\b(?:billing|invoices?|tax) records?\b"),
        ]
        .into_iter()
        .map(|(n, p)| (n, re(p)))
        .collect()
    });
    for (name, topic) in KINDS.iter() {
        let name = *name;
        let Some(value) = cx.facts.text(name) else { continue };
        let want = periods(value);
        if want.is_empty() {
            continue;
        }
        for i in cx.text.matching(topic) {
            let s = &cx.text.sentences[i];
            if s.norm.contains("{{") {
                continue;
            }
            let said = periods(&s.norm);
            if said.len() == 1 && !want.contains(&said[0]) {
                out.push(Raw {
                    severity: Severity::Warning,
                    rule: "retention-mismatch",
                    sentence: Some(i),
                    message: format!("The text gives {} {}s, but the facts say {value} ({name}).", said[0].0, said[0].1),
                    fix: format!("Write {{{{{name}}}}} instead of the period, or correct {name}."),
                });
                break;
            }
        }
    }
}

/// Well-known providers a policy may name; each is checked against the facts' tables and lists.
const KNOWN_PROVIDERS: &[&str] = &[
    "Amazon Web Services", "AWS", "Google Analytics", "Google Cloud", "Firebase", "Microsoft Azure", "Cloudflare", "Stripe", "PayPal",
    "Braintree", "Mailchimp", "SendGrid", "Postmark", "Intercom", "Zendesk", "Sentry", "Mixpanel", "Amplitude", "Segment", "Hotjar",
    "HubSpot", "Salesforce", "Twilio", "OpenAI", "Anthropic", "Mistral AI", "Cohere", "Vercel", "Heroku", "DigitalOcean", "Plausible",
    "AdMob", "AppsFlyer", "Adjust", "Crashlytics", "Auth0", "Okta",
];

fn providers(cx: &Context, out: &mut Vec<Raw>) {
    let mut declared: Vec<String> = Vec::new();
    for name in ["processors", "ai_providers"] {
        if let Some(Value::Table(rows)) = cx.facts.0.get(name) {
            declared.extend(rows.iter().filter_map(|r| r.get("name")).map(|n| n.to_ascii_lowercase()));
        }
    }
    let has_table = !declared.is_empty();
    if !has_table {
        // No providers in the facts (an imported file, a new document): nothing to compare.
        return;
    }
    for name in ["analytics_providers", "advertising_partners", "sign_in_providers", "payment_processor"] {
        match cx.facts.0.get(name) {
            Some(Value::List(items)) => declared.extend(items.iter().map(|n| n.to_ascii_lowercase())),
            Some(Value::Text(s)) => declared.push(s.to_ascii_lowercase()),
            _ => {}
        }
    }
    static NAMES: LazyLock<Regex> = LazyLock::new(|| {
        let alternatives: Vec<String> = KNOWN_PROVIDERS.iter().map(|p| regex::escape(&p.to_ascii_lowercase())).collect();
        re(&format!(r"\b(?:{})\b", alternatives.join("|")))
    });
    let mut named: Vec<(String, usize)> = Vec::new();
    for m in NAMES.find_iter(&cx.text.joined) {
        if !named.iter().any(|(n, _)| n == m.as_str()) {
            named.push((m.as_str().to_owned(), cx.text.sentence_at(m.start())));
        }
    }
    for (lower, i) in named {
        let p = KNOWN_PROVIDERS.iter().find(|p| p.to_ascii_lowercase() == lower).copied().unwrap_or(lower.as_str());
        if !declared.iter().any(|d| d.contains(&lower) || (d.len() > 3 && lower.contains(d.as_str()))) {
            out.push(Raw {
                severity: Severity::Warning,
                rule: "provider-not-in-facts",
                sentence: Some(i),
                message: format!("The text names {p}, which is not in the service providers table or the other provider facts."),
                fix: "Add it to the processors table (with purpose, location and transfer safeguard), or remove it from the text.".into(),
            });
        }
    }
    let uses_table = cx.text.sections.iter().any(|s| s.body.contains("{{processors}}") || s.body.contains("{{ processors }}"));
    if uses_table {
        return;
    }
    if let Some(Value::Table(rows)) = cx.facts.0.get("processors") {
        for name in rows.iter().filter_map(|r| r.get("name")) {
            let lower = name.to_ascii_lowercase();
            if !cx.text.joined.contains(&lower) {
                out.push(Raw {
                    severity: Severity::Warning,
                    rule: "provider-not-in-text",
                    sentence: None,
                    message: format!("{name} is in the service providers table but the policy does not name it or show the table."),
                    fix: "Add the service providers table clause (service-providers.processors-table), or remove the row.".into(),
                });
            }
        }
    }
}

fn variables(cx: &Context, out: &mut Vec<Raw>) {
    let mut reported: Vec<String> = Vec::new();
    for (i, s) in cx.text.sentences.iter().enumerate() {
        for p in crate::vars::placeholders(cx.text.raw(s)) {
            if reported.iter().any(|r| r == p.name) {
                continue;
            }
            let (rule, message, fix) = match cx.library.variable(p.name) {
                None => ("undeclared-variable", format!("{{{{{}}}}} is not a known fact, so it can never be filled.", p.name), "Correct the name or write the text out.".to_owned()),
                Some(def) if cx.facts.0.get(p.name).is_none() => {
                    ("unfilled-variable", format!("{{{{{}}}}} ({}) is not filled in, so the published policy would show a gap.", p.name, def.label), format!("Fill in “{}” in the company facts.", def.label))
                }
                Some(_) => continue,
            };
            reported.push(p.name.to_owned());
            out.push(Raw { severity: Severity::Error, rule, sentence: Some(i), message, fix });
        }
    }
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c))
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

fn is_link(url: &str) -> bool {
    let url = url.split_whitespace().next().unwrap_or("");
    if url.starts_with('#') || url.starts_with('/') {
        return true;
    }
    if let Some(addr) = url.strip_prefix("mailto:") {
        return is_email(addr.split('?').next().unwrap_or(""));
    }
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host).split(':').next().unwrap_or("");
    host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

fn emails_and_links(cx: &Context, out: &mut Vec<Raw>) {
    for (i, s) in cx.text.sentences.iter().enumerate() {
        let raw = cx.text.raw(s);
        // Cheap tests first: most sentences hold no address and no link.
        if !raw.contains('@') && !raw.contains("](") && !raw.contains("tp") {
            continue;
        }
        for m in P.email_like.find_iter(raw) {
            let token = m.as_str().trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '"' | '\'' | '*' | '_' | '!' | '?'));
            let token = token.strip_prefix("mailto:").unwrap_or(token);
            if token.contains("{{") || token.starts_with('@') || token.contains("://") || token.len() < 3 {
                continue;
            }
            if !is_email(token) {
                out.push(Raw {
                    severity: Severity::Error,
                    rule: "malformed-email",
                    sentence: Some(i),
                    message: format!("“{token}” is not a valid email address."),
                    fix: "Correct the address (name@domain.tld).".into(),
                });
            }
        }
        let mut checked: Vec<&str> = Vec::new();
        for c in P.link.captures_iter(raw) {
            let url = c.get(1).map_or("", |m| m.as_str());
            checked.push(url);
            if !url.contains("{{") && !is_link(url) {
                out.push(Raw {
                    severity: Severity::Error,
                    rule: "malformed-link",
                    sentence: Some(i),
                    message: format!("The link target “{url}” is not a valid web address."),
                    fix: "Use a full address starting with https://.".into(),
                });
            }
        }
        for m in P.bare_url.find_iter(raw) {
            let url = m.as_str().trim_end_matches(['.', ',', ';', ':', '"', '\'', '*']);
            if checked.iter().any(|c| c.contains(url)) {
                continue;
            }
            if !is_link(url) {
                out.push(Raw {
                    severity: Severity::Error,
                    rule: "malformed-link",
                    sentence: Some(i),
                    message: format!("“{url}” is not a valid web address."),
                    fix: "Use a full address starting with https://.".into(),
                });
            } else if url.starts_with("http://") {
                out.push(Raw {
                    severity: Severity::Note,
                    rule: "insecure-link",
                    sentence: Some(i),
                    message: format!("“{url}” is an unencrypted http:// address."),
                    fix: "Use https:// if the site supports it.".into(),
                });
            }
        }
    }
}

fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(s.trim(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// A date written in the text near "effective" or "last updated": ISO or "March 1, 2027" /
/// "1 March 2027".
fn date_in_text(s: &str) -> Option<time::Date> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(\d{4})-(\d{2})-(\d{2})|\b([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b|\b(\d{1,2})(?:st|nd|rd|th)? ([a-z]+),? (\d{4})\b")
    });
    let c = DATE.captures(s)?;
    let month = |name: &str| -> Option<time::Month> {
        const NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        let i = NAMES.iter().position(|m| name.starts_with(m))?;
        time::Month::try_from(i as u8 + 1).ok()
    };
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    let (y, m, d) = if c.get(1).is_some() {
        (num(1)?, time::Month::try_from(num(2)? as u8).ok()?, num(3)?)
    } else if c.get(4).is_some() {
        (num(6)?, month(c.get(4)?.as_str())?, num(5)?)
    } else {
        (num(9)?, month(c.get(8)?.as_str())?, num(7)?)
    };
    time::Date::from_calendar_date(y, m, u8::try_from(d).ok()?).ok()
}

fn dates(cx: &Context, out: &mut Vec<Raw>) {
    let Some(today) = cx.today else { return };
    let from_text = cx.text.matching(&P.date_context).find_map(|i| {
        let s = &cx.text.sentences[i];
        if s.norm.contains("{{effective date}}") {
            return cx.facts.text("effective_date").and_then(parse_date).map(|d| (Some(i), d));
        }
        date_in_text(&s.norm).map(|d| (Some(i), d))
    });
    let Some((sentence, date)) = from_text.or_else(|| cx.facts.text("effective_date").and_then(parse_date).map(|d| (None, d))) else { return };
    if date > today {
        out.push(Raw {
            severity: Severity::Warning,
            rule: "effective-date-future",
            sentence,
            message: format!("The effective date {date} is in the future (today is {today})."),
            fix: "Publish on that date, or set the date the policy takes effect.".into(),
        });
    } else if date < today - time::Duration::days(365) {
        out.push(Raw {
            severity: if cx.california { Severity::Error } else { Severity::Warning },
            rule: "effective-date-stale",
            sentence,
            message: format!("The policy was last updated on {date}, more than 12 months before {today}. The CCPA requires a review and update at least once every 12 months."),
            fix: "Review the policy, update it and set a new effective date.".into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_links() {
        assert!(is_email("privacy@acme.example"));
        assert!(!is_email("privacy@acme"));
        assert!(!is_email("privacy@@acme.com"));
        assert!(is_link("https://acme.example/privacy"));
        assert!(is_link("mailto:privacy@acme.example"));
        assert!(!is_link("htps://acme.example"));
        assert!(!is_link("https://acme"));
    }

    #[test]
    fn dates_in_words_and_numbers() {
        let d = |y, m, day| time::Date::from_calendar_date(y, m, day).ok();
        assert_eq!(date_in_text("last updated: march 1, 2027"), d(2027, time::Month::March, 1));
        assert_eq!(date_in_text("effective 1st march 2027"), d(2027, time::Month::March, 1));
        assert_eq!(date_in_text("effective date: 2026-12-01"), d(2026, time::Month::December, 1));
    }
}
