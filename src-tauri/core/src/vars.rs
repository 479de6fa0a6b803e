//! `{{variable}}` placeholders in clause text.

use std::ops::Range;

/// A placeholder found in text: its byte range (braces included) and the variable name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    pub range: Range<usize>,
    pub name: &'a str,
}

/// Finds every well-formed `{{name}}` (spaces inside the braces allowed) in reading order.
/// Names are lowercase ASCII letters, digits and `_`, starting with a letter.
pub fn placeholders(text: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| i + from) {
        let Some(close) = text[open + 2..].find("}}").map(|i| i + open + 2) else { break };
        let name = text[open + 2..close].trim();
        if is_name(name) {
            found.push(Placeholder { range: open..close + 2, name });
            from = close + 2;
        } else {
            from = open + 2;
        }
    }
    found
}

pub fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

/// The distinct variable names used in `text`, in order of first use.
pub fn names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in placeholders(text) {
        if !out.iter().any(|n| n == p.name) {
            out.push(p.name.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_with_and_without_spaces() {
        let found = names("We are {{company_name}} at {{ contact_email }}; {{company_name}} again.");
        assert_eq!(found, ["company_name", "contact_email"]);
    }

    #[test]
    fn ignores_malformed_placeholders() {
        assert!(names("{{Not Valid}} {{}} {{ 9lives }} {{open").is_empty());
        assert_eq!(names("{{ {{min_age}}"), ["min_age"]);
    }
}
