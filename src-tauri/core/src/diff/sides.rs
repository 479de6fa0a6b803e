//! What a comparison compares: a document as a list of sections, each with the exact text it
//! contributes, so the sections joined give the whole input back.

use crate::domain::{Document, Version};
use crate::library::Library;
use crate::render::fill;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffSection {
    /// Identity within this workspace (a section id), when known.
    pub key: Option<String>,
    /// The heading without Markdown marks or numbering, for matching and display.
    pub heading: String,
    /// The section's exact text, heading line included.
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffSide {
    pub sections: Vec<DiffSection>,
}

impl DiffSide {
    /// The whole text the side stands for.
    pub fn text(&self) -> String {
        self.sections.iter().map(|s| s.text.as_str()).collect()
    }

    /// A document (or a version's frozen copy) as published: profile values filled in.
    pub fn from_document(doc: &Document, lib: &Library) -> DiffSide {
        let mut sections = vec![DiffSection { key: Some("title".into()), heading: doc.title.clone(), text: format!("# {}\n\n", doc.title) }];
        for s in &doc.sections {
            let body = fill(&s.body, &doc.profile, lib);
            sections.push(DiffSection {
                // Imported text has placeholder ids (not above 0) and so no identity to match by.
                key: (s.id > 0).then(|| format!("section-{}", s.id)),
                heading: s.heading.clone(),
                text: format!("## {}\n\n{}\n\n", s.heading.trim(), body.trim_end()),
            });
        }
        DiffSide { sections }
    }

    pub fn from_version(v: &Version, lib: &Library) -> DiffSide {
        let doc = Document {
            id: v.document_id,
            title: v.title.clone(),
            revision: 0,
            profile: v.profile.clone(),
            sections: v.sections.clone(),
            created_at: v.created_at.clone(),
            updated_at: v.created_at.clone(),
        };
        DiffSide::from_document(&doc, lib)
    }
}

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

pub(crate) fn is_setext_underline(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
}

/// "2. Sharing", "2\\. Sharing", "2) Sharing" and "13.1 Data" lose their number.
pub(crate) fn strip_number(heading: &str) -> &str {
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
pub(crate) fn sections_from_markdown(text: &str) -> DiffSide {
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
}

/// What a comparison reads: a file, or a document's draft or version in a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffInput {
    File(std::path::PathBuf),
    Draft(i64),
    Version(i64, u32),
}

impl DiffInput {
    /// `DOC@VERSION` or `DOC@draft` name a workspace document; anything else is a file path.
    pub fn parse(arg: &str) -> DiffInput {
        if let Some((doc, which)) = arg.split_once('@')
            && let Ok(doc) = doc.parse::<i64>()
        {
            if which == "draft" {
                return DiffInput::Draft(doc);
            }
            if let Ok(n) = which.parse::<u32>() {
                return DiffInput::Version(doc, n);
            }
        }
        DiffInput::File(arg.into())
    }

    pub fn needs_workspace(&self) -> bool {
        !matches!(self, DiffInput::File(_))
    }
}

/// Reads a policy file to compare: Markdown, text, HTML or Word, read exactly as import reads
/// it (same limits, same sections). A file that is not valid UTF-8 is refused here: a redline
/// of replaced characters would mislead.
pub fn side_from_file(path: &std::path::Path) -> crate::Result<DiffSide> {
    let (side, warnings) = crate::import::read_file(path)?;
    match warnings.into_iter().find(|w| w.contains("not valid UTF-8")) {
        Some(w) => Err(crate::Error::Invalid(format!("{w}; save it as UTF-8 and try again"))),
        None => Ok(side),
    }
}
