//! A Word file counsel sent back, as a review of the draft. The file read with every tracked
//! change accepted is split into sections as import splits any file, and compared with the
//! draft as published (`Plan::against_published`): each difference is a proposal, credited to
//! the tracked change it came from (an edit made without tracking is a proposal too, credited to
//! no one, so nothing counsel wrote is lost). Each Word comment is anchored on the draft's text
//! it quotes, or on the text counsel proposed when it quotes that.

use super::Plan;
use crate::domain::{Document, Section};
use crate::import::{TrackedChange, TrackedKind, WordReview};
use crate::library::Library;
use std::collections::HashMap;

/// A comment as a review brings it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BroughtComment {
    pub section_id: Option<i64>,
    pub heading: String,
    /// The quoted text as it stands in the section (so it can be found again), or as Word had it.
    pub quote: String,
    /// Where the quote stands (UTF-16), a hint for finding it again.
    pub start: u32,
    pub text: String,
    pub author: String,
    pub date: String,
    /// The comment it answers, by index in the same list.
    pub parent: Option<usize>,
    pub resolved: bool,
    /// The comment is one of ours that went out in the file and came back: nothing to add.
    pub existing: Option<i64>,
}

/// What a Word file proposes for a draft.
#[derive(Debug, Clone)]
pub struct FromWord {
    pub plan: Plan,
    /// Who made each change and when, by change id.
    pub credit: HashMap<u32, (String, String)>,
    pub comments: Vec<BroughtComment>,
    /// What could not be placed on any text, said in full.
    pub unplaced: Vec<String>,
}

pub fn from_word(draft: &Document, word: &WordReview, lib: &Library) -> FromWord {
    let (title, preamble, parts) = sections_like(draft, &word.accepted);
    let mut unplaced = Vec::new();
    // Text before the first section is the title and contents list of our own export; anything
    // else there is listed, not lost.
    let (_, ours, _) = sections_like(draft, &crate::export::document_markdown(draft, lib));
    let known = words(&ours);
    if words(&preamble).split_whitespace().any(|w| !known.contains(&format!(" {w} "))) {
        unplaced.push(format!("Text before the first section: {}", preamble.trim()));
    }
    let filled: Vec<String> = draft.sections.iter().flat_map(|s| crate::render::fill(&s.body, &draft.profile, lib).lines().map(str::to_owned).collect::<Vec<_>>()).collect();
    let published = Document {
        title: if title.trim().is_empty() { draft.title.clone() } else { title },
        sections: parts
            .into_iter()
            .enumerate()
            .map(|(i, (heading, body))| Section { id: -(i as i64) - 1, heading, body: in_drafts_markup(&body, &filled), origin: None })
            .collect(),
        ..draft.clone()
    };
    let plan = Plan::against_published(draft, &published, lib);
    let credit = plan
        .changes()
        .iter()
        .map(|c| {
            let by = credited(&c.old, &c.new, &word.changes).map(|t| (t.author.clone(), t.date.clone())).unwrap_or_default();
            (c.id, by)
        })
        .collect();
    let mut comments = Vec::new();
    for c in &word.comments {
        let mut brought = BroughtComment {
            text: c.text.clone(),
            author: c.author.clone(),
            date: c.date.clone(),
            parent: c.parent.as_ref().and_then(|p| word.comments.iter().position(|x| &x.id == p)),
            resolved: c.resolved,
            quote: c.quote.clone(),
            ..Default::default()
        };
        let quotes = [c.quote.as_str(), c.quote_original.as_str()];
        // The draft's text first, then the text counsel proposed (the comment anchors once that
        // is accepted), by the plan's section ids.
        let found = anchor_in(&quotes, draft.sections.iter().collect()).or_else(|| anchor_in(&quotes, plan.sections.iter().filter_map(|s| s.new.as_ref()).collect()));
        match found {
            Some((s, (a, b))) => {
                brought.section_id = Some(s.id);
                brought.heading = s.heading.clone();
                brought.quote = s.body[a..b].to_owned();
                brought.start = crate::store::utf16_at(&s.body, a);
            }
            None if c.quote.trim().is_empty() && c.quote_original.trim().is_empty() && brought.parent.is_some() => {}
            None => unplaced.push(format!("Comment by {} on “{}”: {}", or_unknown(&c.author), c.quote, c.text)),
        }
        comments.push(brought);
    }
    // A reply sits where the comment it answers is.
    for k in 0..comments.len() {
        if let Some(p) = comments[k].parent.filter(|&p| p < k && comments[k].section_id.is_none()) {
            let (id, heading, quote, start) = (comments[p].section_id, comments[p].heading.clone(), comments[p].quote.clone(), comments[p].start);
            (comments[k].section_id, comments[k].heading, comments[k].quote, comments[k].start) = (id, heading, quote, start);
        }
    }
    FromWord { plan, credit, comments, unplaced }
}

/// A Word file's text (as Markdown) split into the draft's sections. Export numbers headings
/// and nests sections under parts, so any heading line whose words, numbers aside, are a draft
/// section's heading starts that section; an unknown heading no deeper than those starts a
/// section counsel added; deeper ones, and headings the draft has inside a section's text, stay
/// in the text. Returns the title, the text before the first section, and the sections.
fn sections_like(draft: &Document, markdown: &str) -> (String, String, Vec<(String, String)>) {
    let key = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut unused: Vec<(String, &str)> = draft.sections.iter().map(|s| (key(&s.heading), s.heading.as_str())).collect();
    let inner: Vec<String> = draft.sections.iter().flat_map(|s| s.body.lines()).filter_map(heading_line).map(|(_, t)| key(t)).collect();
    let (mut title, mut preamble) = (String::new(), String::new());
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut deepest = 0;
    for line in markdown.split_inclusive('\n') {
        if let Some((level, text)) = heading_line(line) {
            let raw = text;
            let text = strip_number(text);
            if level == 1 && title.is_empty() && sections.is_empty() {
                title = text.to_owned();
                continue;
            }
            if let Some(k) = unused.iter().position(|(h, _)| *h == key(text) || *h == key(raw)) {
                let (_, heading) = unused.remove(k);
                deepest = deepest.max(level);
                sections.push((heading.to_owned(), String::new()));
                continue;
            }
            if level <= deepest.max(2) && !inner.contains(&key(text)) {
                sections.push((text.to_owned(), String::new()));
                continue;
            }
        }
        match sections.last_mut() {
            Some((_, body)) => body.push_str(line),
            None => preamble.push_str(line),
        }
    }
    let sections = sections.into_iter().map(|(h, b)| (h, b.trim_matches('\n').trim_end().to_owned())).collect();
    (title, preamble, sections)
}

/// The Word file's lines written as the draft writes them where only markup tells them apart:
/// a table row whose header cells Word bolds, a table's rule line, a link's address in angle
/// brackets. Counsel's words are never touched.
fn in_drafts_markup(body: &str, draft_lines: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in body.split('\n') {
        let markup_only = line.trim_start().starts_with('|') || line.contains("](<");
        let same = markup_only.then(|| draft_lines.iter().find(|d| words(d) == words(line) && rule(d) == rule(line) && cells(d) == cells(line))).flatten();
        out.push(same.map_or(line, String::as_str));
    }
    out.join("\n")
}

fn cells(line: &str) -> usize {
    line.matches('|').count()
}

/// Whether a line is a table's rule (`|---|---|`).
fn rule(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A Markdown ATX heading line: its level and text.
fn heading_line(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[level..];
    ((1..=6).contains(&level) && rest.starts_with([' ', '\t'])).then(|| (level, rest.trim()))
}

/// A heading's text without the number export gives it ("4.1 ", "10. ").
fn strip_number(text: &str) -> &str {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if rest.len() < text.len() && rest.starts_with(' ') && text.starts_with(|c: char| c.is_ascii_digit()) { rest.trim_start() } else { text }
}

/// The first of `quotes` found in one of `sections`: the section and where in its text.
fn anchor_in<'a>(quotes: &[&str], sections: Vec<&'a Section>) -> Option<(&'a Section, (usize, usize))> {
    quotes.iter().filter(|q| !q.trim().is_empty()).find_map(|q| sections.iter().find_map(|s| locate(&s.body, q).map(|at| (*s, at))))
}

fn or_unknown(author: &str) -> &str {
    if author.trim().is_empty() { "an unknown author" } else { author }
}

/// Words only, so Markdown marks and Word's plain text compare.
fn words(s: &str) -> String {
    let w: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    format!(" {} ", w.join(" "))
}

/// The tracked change a proposal came from: one of the same kind whose words hold the
/// proposal's (or are held by them), the closest in length.
fn credited<'a>(old: &str, new: &str, tracked: &'a [TrackedChange]) -> Option<&'a TrackedChange> {
    let wanted = [(TrackedKind::Insert, words(new)), (TrackedKind::Delete, words(old))];
    tracked
        .iter()
        .filter_map(|t| {
            let have = words(&t.text);
            let (_, want) = wanted.iter().find(|(k, w)| *k == t.kind && !w.trim().is_empty())?;
            if have.trim().is_empty() || !(have.contains(want.as_str()) || want.contains(have.as_str())) {
                return None;
            }
            let (a, b) = (have.len().min(want.len()), have.len().max(want.len()));
            Some((t, a as f64 / b as f64))
        })
        .max_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(t, _)| t)
}

/// Where `quote` (plain text, as Word has it) stands in a Markdown `body`, as byte offsets:
/// exactly, or with emphasis marks and escapes set aside.
fn locate(body: &str, quote: &str) -> Option<(usize, usize)> {
    let quote = quote.trim();
    if let Some(at) = body.find(quote) {
        return Some((at, at + quote.len()));
    }
    let marks = |c: char| matches!(c, '*' | '_' | '\\' | '`');
    let kept: Vec<(usize, char)> = body.char_indices().filter(|(_, c)| !marks(*c)).collect();
    let plain: String = kept.iter().map(|(_, c)| *c).collect();
    let wanted: String = quote.chars().filter(|c| !marks(*c)).collect();
    let at = plain.find(&wanted)?;
    let first = plain[..at].chars().count();
    let last = first + wanted.chars().count() - 1;
    let (a, (b, c)) = (kept.get(first)?.0, *kept.get(last)?);
    Some((a, b + c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_found_through_emphasis_marks() {
        let body = "We keep **your email** for a year.";
        let (a, b) = locate(body, "your email for").unwrap();
        assert_eq!(&body[a..b], "your email** for");
    }

    #[test]
    fn a_proposal_is_credited_to_the_tracked_change_it_came_from() {
        let t = |kind, author: &str, text: &str| TrackedChange { kind, author: author.into(), date: "2026-11-30T10:00:00Z".into(), text: text.into() };
        let tracked = [t(TrackedKind::Insert, "Ours", "two years"), t(TrackedKind::Insert, "Counsel", "or correct"), t(TrackedKind::Delete, "Counsel", "a year")];
        assert_eq!(credited("", " or correct", &tracked).unwrap().author, "Counsel");
        assert_eq!(credited("a year", "", &tracked).unwrap().author, "Counsel");
        assert!(credited("", "nothing like it", &tracked).is_none());
    }
}
