//! Finding a file's sections: split the text at its headings (the sections joined give the text
//! back), then shape them as the import shows them: the title found, a table of contents folded
//! into the section before it, the preamble kept.

use crate::diff::{DiffSection, DiffSide};

/// Is this line a section heading in a Markdown or text file? ATX headings (`#`, `##`) and
/// numbered lines such as "1. Information We Collect" or "2) Sharing" count.
fn heading_of(line: &str, numbered_lines: bool) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 120 {
        return None;
    }
    let hashes = t.chars().take_while(|c| *c == '#').count();
    if (1..=2).contains(&hashes) && t[hashes..].starts_with(' ') {
        return Some(strip_number(t[hashes..].trim()).to_owned());
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if numbered_lines && digits > 0 && digits <= 2 {
        let rest = &t[digits..];
        let rest = rest.strip_prefix("\\.").or_else(|| rest.strip_prefix('.')).or_else(|| rest.strip_prefix(')'))?;
        let rest = rest.trim_start();
        let starts_upper = rest.chars().next().is_some_and(|c| c.is_uppercase());
        if starts_upper && !rest.ends_with(['.', ',', ';', ':']) && rest.split_whitespace().count() <= 12 {
            return Some(rest.to_owned());
        }
    }
    None
}

fn is_setext_underline(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
}

/// "2. Sharing", "2\\. Sharing", "2) Sharing" and "13.1 Data" lose their number.
fn strip_number(heading: &str) -> &str {
    let digits = heading.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '\\' || c == ')')).unwrap_or(0);
    if digits > 0 && heading[digits..].starts_with(' ') { heading[digits..].trim_start() } else { heading }
}

/// Splits a Markdown or plain-text file into sections at its headings; text before the first
/// heading is a preamble section. Line endings are normalized to `\n`; nothing else changes.
pub fn sections_from_text(text: &str) -> DiffSide {
    split(text, true)
}

/// Splits Markdown made from a structured file (HTML, Word) at its marked headings only: there,
/// a line like "1. First we ask" is a numbered list item, not a heading.
pub(super) fn sections_from_markdown(text: &str) -> DiffSide {
    split(text, false)
}

fn split(text: &str, numbered_lines: bool) -> DiffSide {
    let text: std::borrow::Cow<str> =
        if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n").into() } else { text.into() };
    let mut sections: Vec<DiffSection> = Vec::new();
    let mut current = DiffSection { key: None, heading: String::new(), text: String::new() };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        // Setext headings: a text line underlined with === or --- on the next line.
        let setext = lines.get(i + 1).is_some_and(|next| is_setext_underline(next))
            && !line.trim().is_empty()
            && !line.trim_start().starts_with(['-', '*', '>', '|']);
        let heading = if setext { Some(strip_number(line.trim()).to_owned()) } else { heading_of(line, numbered_lines) };
        if let Some(h) = heading {
            if !current.text.is_empty() {
                sections.push(std::mem::replace(&mut current, DiffSection { key: None, heading: h, text: String::new() }));
            } else {
                current.heading = h;
            }
        }
        current.text.push_str(line);
    }
    if !current.text.is_empty() {
        sections.push(current);
    }
    DiffSide { sections }
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

/// A file's sections as the import shows them: its title, and each section's heading and
/// Markdown body ("Preamble" for the text before the first heading), with tables of contents
/// and the title folded into the preamble.
pub(super) fn outline(side: &DiffSide) -> (String, Vec<(String, String)>) {
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
    let sections = parts.into_iter().map(|(heading, body, _)| (heading.unwrap_or_else(|| "Preamble".to_owned()), body)).collect();
    (title, sections)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_split_at_their_headings_and_join_back_exactly() {
        let text = "Privacy Policy\r\nLast updated: 1 May\n\n1. Information We Collect\nWe collect:\n- a\n\n## 2. Sharing\nWe share.\n2.1 Not a top heading line.\nRetention\n---------\nWe keep it.\n";
        let side = sections_from_text(text);
        let headings: Vec<&str> = side.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["", "Information We Collect", "Sharing", "Retention"]);
        assert_eq!(side.text(), text.replace("\r\n", "\n"));
    }

    #[test]
    fn headings_lose_their_marks() {
        assert_eq!(clean_heading("### [**13.1 Data controller**](#131-data-controller)"), "Data controller");
        assert_eq!(clean_heading("2\\. Sharing"), "Sharing");
        assert_eq!(clean_heading("## 4. How We Share"), "How We Share");
    }
}
