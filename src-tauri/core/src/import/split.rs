//! Finding a file's sections: split the text at its headings (the sections joined give the text
//! back), then shape them as the import shows them: the title found, a table of contents folded
//! into the section before it, the preamble kept.

use crate::diff::{DiffSection, DiffSide};

/// How a line shows that it is a heading, strongest first: Markdown heading levels (ATX `#` and
/// setext underlines), bold lines that start with a number, numbered lines, bold lines, and
/// all-caps lines. A document's sections are its strongest mark that repeats (see [`top_mark`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Heading(u8),
    BoldNumbered,
    Numbered,
    Bold,
    Caps,
}

/// A line that could open a section.
#[derive(Debug, Clone)]
struct Candidate {
    line: usize,
    mark: Mark,
    /// The number it opens with, as a value ("IV." is 4, "c)" is 3), for telling headings
    /// (numbered on through the document) from list items (numbered again in each list).
    number: Option<u32>,
}

/// The number a heading opens with and the text after it: "2. ", "2\\. ", "2) ", "13.1 ",
/// "IV. ", "(c) ", "B. ". Only a number followed by a space and more text counts.
fn number_prefix(text: &str) -> Option<(u32, &str)> {
    number_parts(text).map(|(n, _, rest)| (n, rest))
}

/// [`number_prefix`] with how many parts the number has: "13.1" has two, a sub-section's.
fn number_parts(text: &str) -> Option<(u32, usize, &str)> {
    let t = text.strip_prefix('(').unwrap_or(text);
    let token_end = t.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '\\' || c == ')'))?;
    let (token, rest) = t.split_at(token_end);
    if !rest.starts_with(' ') || rest.trim().is_empty() {
        return None;
    }
    let core = token.trim_end_matches(['.', ')', '\\']);
    let closed = core.len() < token.len();
    let first = core.split(['.', '\\']).next().unwrap_or("");
    let value = if !first.is_empty() && first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit()) {
        // "13.1" is a sub-number: fine, its first part counts. "2020" is a year, not a number.
        first.parse().ok()
    } else if closed && core == first {
        // One letter is a letter ("C." is the third), except the Roman numerals that start a
        // count (I, V, X).
        let letter = first.len() == 1 && first.chars().all(|c| c.is_ascii_alphabetic()) && !matches!(first, "I" | "V" | "X");
        if letter { Some(u32::from(first.to_ascii_uppercase().as_bytes()[0] - b'A') + 1) } else { roman(first) }
    } else {
        None
    }?;
    let parts = core.split(['.', '\\']).filter(|p| !p.is_empty()).count();
    Some((value, parts, rest.trim_start()))
}

fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.chars().all(|c| "IVXLC".contains(c)) {
        return None;
    }
    let val = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let chars: Vec<u32> = s.chars().map(val).collect();
    let mut total = 0;
    for (i, v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|next| next > v) { total -= *v as i64 } else { total += *v as i64 }
    }
    u32::try_from(total).ok().filter(|v| *v > 0)
}

/// Reads like a heading: short, opens with a capital or a number, and is not a sentence.
fn heading_like(text: &str, max_words: usize) -> bool {
    let t = text.trim();
    t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !t.ends_with(['.', ',', ';'])
        && t.split_whitespace().count() <= max_words
}

/// The text inside a line that is bold and nothing else: `**Data We Collect**`, `__Data__`,
/// `***Data***`, `**Data:**`.
fn bold_only(t: &str) -> Option<&str> {
    let t = t.strip_suffix(':').unwrap_or(t);
    let marker = if t.starts_with("**") { "**" } else if t.starts_with("__") { "__" } else { return None };
    let inner = t.strip_prefix(marker)?.strip_suffix(marker)?;
    let inner = inner.trim_matches(|c| c == '*' || c == '_').trim().trim_end_matches(':');
    (!inner.is_empty() && !inner.contains(marker)).then_some(inner)
}

/// What kind of heading this line is, if any. `plain` text (a .txt file or hand-written
/// Markdown) also has numbered lines ("1. Scope") as headings; Markdown made from HTML or Word
/// marks its headings, and a numbered line there is a list item.
fn mark_of(line: &str, after_blank: bool, plain: bool) -> Option<(Mark, Option<u32>)> {
    let t = line.trim();
    // Bytes bound characters from above: only a long line that is not ASCII needs its
    // characters counted.
    if t.is_empty() || (t.len() > 160 && (t.is_ascii() || t.chars().nth(160).is_some())) {
        return None;
    }
    let hashes = t.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && (t.len() == hashes || t[hashes..].starts_with(' ')) {
        let text = t[hashes..].trim().trim_end_matches('#').trim();
        return (!text.is_empty()).then(|| (Mark::Heading(hashes as u8), number_prefix(&clean_marks(text)).map(|(n, _)| n)));
    }
    if t.starts_with(['|', '>', '<']) || t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return None;
    }
    if let Some(inner) = bold_only(t).filter(|_| after_blank) {
        let plain_inner = clean_marks(inner);
        return match number_parts(&plain_inner) {
            Some((n, 1, rest)) if heading_like(rest, 16) => Some((Mark::BoldNumbered, Some(n))),
            _ if heading_like(&plain_inner, 16) => Some((Mark::Bold, None)),
            _ => None,
        };
    }
    if plain
        && let Some((n, parts, rest)) = number_parts(t)
    {
        if parts > 1 {
            return None;
        }
        let starts_upper = rest.chars().next().is_some_and(char::is_uppercase);
        return (starts_upper && heading_like(rest, 12) && !rest.ends_with(':')).then_some((Mark::Numbered, Some(n)));
    }
    let mut letters = t.chars().filter(|c| c.is_alphabetic());
    let caps = letters.clone().nth(3).is_some() && letters.all(char::is_uppercase) && !t.contains("](");
    (caps && heading_like(t, 12) && !t.ends_with(':')).then_some((Mark::Caps, None))
}

/// Setext underlines: `===` marks a top heading, `---` a second-level one.
fn setext_level(line: &str) -> Option<u8> {
    let t = line.trim();
    if t.len() < 3 {
        return None;
    }
    if t.chars().all(|c| c == '=') {
        Some(1)
    } else if t.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

fn is_setext_underline(line: &str) -> bool {
    setext_level(line).is_some()
}

/// "2. Sharing", "2\\. Sharing", "2) Sharing", "13.1 Data", "IV. Rights" and "(c) Cookies"
/// lose their number.
fn strip_number(heading: &str) -> &str {
    match number_prefix(heading) {
        Some((_, rest)) => rest,
        None => heading,
    }
}

/// Every line that could open a section, with its mark.
fn candidates(lines: &[&str], plain: bool) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut fenced = false;
    let mut after_blank = true;
    // The last numbered line: where, its number, and whether its list has blank lines between items.
    let mut last_numbered: Option<(usize, Option<u32>, Option<bool>)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        if !fenced {
            let setext = lines.get(i + 1).and_then(|next| setext_level(next)).filter(|_| {
                after_blank && !t.is_empty() && !t.starts_with(['-', '*', '>', '|', '#'])
            });
            if let Some(level) = setext {
                found.push(Candidate { line: i, mark: Mark::Heading(level), number: number_prefix(&clean_marks(t)).map(|(n, _)| n) });
                i += 2;
                after_blank = false;
                continue;
            }
            match mark_of(line, after_blank, plain) {
                // Numbered lines one after another are a list (or a table of contents), not
                // headings: a heading has text under it.
                // The next number, right after the last numbered line or after only blank lines
                // when the list is a loose one.
                Some((Mark::Numbered, n))
                    if last_numbered.is_some_and(|(j, m, loose)| {
                        let gap = i - j - 1;
                        n == m.map(|m| m + 1) && lines[j + 1..i].iter().all(|l| l.trim().is_empty()) && loose.is_none_or(|loose| loose == (gap > 0))
                    }) =>
                {
                    let (j, _, _) = last_numbered.unwrap_or_default();
                    found.retain(|c: &Candidate| c.line != j);
                    last_numbered = Some((i, n, Some(i - j > 1)));
                }
                Some((mark, number)) => {
                    found.push(Candidate { line: i, mark, number });
                    if mark == Mark::Numbered {
                        last_numbered = Some((i, number, None));
                    }
                }
                None => {}
            }
        }
        after_blank = t.is_empty();
        i += 1;
    }
    found
}

/// Do these numbers run on through the document, as section numbers do, rather than start
/// again in each list? A table of contents before the sections may start them once more.
fn numbered_on(numbers: &[Option<u32>]) -> bool {
    let n: Vec<u32> = numbers.iter().flatten().copied().collect();
    let restarts = n.windows(2).filter(|w| w[1] <= w[0]).count();
    n.len() >= 2 && restarts <= 1
}

/// The mark of a document's sections: the strongest that repeats through the body (the first
/// heading, often the title, is not counted). Numbered marks count only when the numbers run
/// on. When no mark repeats, every Markdown heading is a section (a short policy with a heading
/// per topic at whatever level). Generated policies misuse heading levels, leaving one section
/// holding most of the text with its topics a level down: then the next heading level that
/// repeats is the sections too.
fn top_mark(found: &[Candidate], lines: &[&str]) -> Option<Mark> {
    let body: Vec<&Candidate> = found.iter().skip(1).collect();
    let usable = |mark: Mark| {
        let of: Vec<Option<u32>> = body.iter().filter(|c| c.mark == mark).map(|c| c.number).collect();
        !matches!(mark, Mark::Numbered | Mark::BoldNumbered) || numbered_on(&of) || of.len() == 1
    };
    let mut marks: Vec<Mark> = body.iter().map(|c| c.mark).collect();
    marks.sort();
    let mut repeating: Vec<Mark> = marks.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).filter(|m| usable(*m)).collect();
    repeating.dedup();
    let Some(mut top) = repeating.first().copied() else {
        let deepest_heading = marks.iter().copied().filter(|m| matches!(m, Mark::Heading(_))).max();
        return deepest_heading.or_else(|| marks.iter().copied().find(|m| usable(*m))).or_else(|| found.first().map(|c| c.mark));
    };
    for next in repeating.iter().skip(1).copied().filter(|m| matches!(m, Mark::Heading(_))) {
        let inside = |(from, to): (usize, usize)| found.iter().filter(|c| c.mark == next && (from..to).contains(&c.line)).count();
        if dominant(found, lines, top).is_none_or(|range| inside(range) < 2) {
            break;
        }
        top = next;
    }
    Some(top)
}

/// Split at `top`, are there few sections with one holding most of the words? Its lines.
fn dominant(found: &[Candidate], lines: &[&str], top: Mark) -> Option<(usize, usize)> {
    let starts: Vec<usize> = found.iter().filter(|c| c.mark <= top).map(|c| c.line).collect();
    let words = |from: usize, to: usize| lines[from..to].iter().map(|l| l.split_whitespace().count()).sum::<usize>();
    let ranges: Vec<(usize, usize)> = starts.iter().enumerate().map(|(k, from)| (*from, starts.get(k + 1).copied().unwrap_or(lines.len()))).collect();
    // Decided before any word is counted: most documents have more sections than this.
    if ranges.len() > 8 {
        return None;
    }
    let counts: Vec<usize> = ranges.iter().map(|(a, b)| words(*a, *b)).collect();
    let total: usize = counts.iter().sum();
    ranges.into_iter().zip(counts).find(|(_, n)| n * 2 > total).map(|(range, _)| range)
}

/// Splits a Markdown or plain-text file into sections at its headings; text before the first
/// heading is a preamble section. Line endings are normalized to `\n`; nothing else changes.
pub fn sections_from_text(text: &str) -> DiffSide {
    split(text, true).0
}

/// Splits Markdown made from a structured file (HTML, Word) at its marked headings only: there,
/// a line like "1. First we ask" is a numbered list item, not a heading.
pub(super) fn sections_from_markdown(text: &str) -> DiffSide {
    split(text, false).0
}

/// The sections, and each one's mark (`None` for a preamble) and the document's top mark.
fn split(text: &str, plain: bool) -> (DiffSide, Vec<Option<Mark>>, Option<Mark>) {
    let text: std::borrow::Cow<str> =
        if crate::lines::find_byte(b'\r', text.as_bytes()).is_some() { text.replace("\r\n", "\n").replace('\r', "\n").into() } else { text.into() };
    let lines: Vec<&str> = crate::lines::inclusive(&text).collect();
    let found = candidates(&lines, plain);
    let top = top_mark(&found, &lines);
    // Every heading as strong as the top mark opens a section; weaker ones stay inside.
    let mut opening = found.iter().filter(|c| top.is_some_and(|t| c.mark <= t)).peekable();
    let mut sections: Vec<DiffSection> = Vec::new();
    let mut marks = Vec::new();
    // The open section: its heading, mark and where its text starts.
    let (mut heading, mut mark, mut start) = (String::new(), None, 0);
    let mut at = 0;
    for (i, line) in lines.iter().enumerate() {
        // `found` is in line order.
        if let Some(opens) = opening.next_if(|c| c.line == i) {
            if at > start {
                sections.push(DiffSection { key: None, heading: std::mem::take(&mut heading), text: text[start..at].to_owned() });
                marks.push(mark);
                start = at;
            }
            heading = clean_heading(line);
            mark = Some(opens.mark);
        }
        at += line.len();
    }
    if at > start {
        sections.push(DiffSection { key: None, heading, text: text[start..].to_owned() });
        marks.push(mark);
    }
    (DiffSide { sections }, marks, top)
}

/// A heading's text without Markdown marks: a link wrapper, bold and emphasis markers.
fn clean_marks(text: &str) -> String {
    let mut h = text.trim().to_owned();
    // "[**13.1 Data controller**](#131-data-controller)" -> "13.1 Data controller"
    if h.starts_with('[')
        && let Some(end) = h.find("](")
        && h.ends_with(')')
    {
        h = h[1..end].to_owned();
    }
    if h.contains(['*', '_']) {
        h = h.replace("**", "").replace("__", "");
    }
    let inner = h.trim();
    let emphasised = |m: char| inner.len() > 2 && inner.starts_with(m) && inner.ends_with(m);
    if emphasised('*') || emphasised('_') { inner[1..inner.len() - 1].trim().to_owned() } else { inner.to_owned() }
}

/// Cleans a heading line: Markdown marks, numbering, bold and link wrappers go.
fn clean_heading(line: &str) -> String {
    let t = line.trim();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    let t = if hashes > 0 { t[hashes..].trim().trim_end_matches('#') } else { t };
    let h = clean_marks(t);
    let h = h.strip_suffix(':').unwrap_or(&h);
    strip_number(h.trim()).trim().to_owned()
}

/// Does this heading's text lose a number when cleaned?
fn numbered_heading(line: &str) -> bool {
    let t = line.trim().trim_start_matches('#').trim();
    number_prefix(&clean_marks(t)).is_some()
}

/// A file's sections as the import shows them: its title, each section's heading and Markdown
/// body ("Preamble" for the text before the first heading), with tables of contents and the
/// title folded into the preamble; and notes on what was left out on purpose.
pub(crate) fn outline(text: &str, plain: bool) -> (String, Vec<(String, String)>, Vec<String>) {
    let (side, marks, top) = split(text, plain);
    let mut notes = Vec::new();
    // Each split section as (heading, body, its whole text, mark); `None` is the preamble.
    let mut parts: Vec<(Option<String>, String, String, Option<Mark>)> = side
        .sections
        .iter()
        .zip(marks)
        .map(|(s, mark)| {
            if mark.is_none() {
                return (None, s.text.trim().to_owned(), s.text.clone(), None);
            }
            let mut rest: Vec<&str> = s.text.lines().skip(1).collect();
            if rest.first().is_some_and(|l| is_setext_underline(l)) {
                rest.remove(0);
            }
            (Some(s.heading.clone()), rest.join("\n").trim().to_owned(), s.text.clone(), mark)
        })
        .collect();
    let numbered = side.sections.iter().filter(|s| !s.heading.is_empty() && numbered_heading(s.text.lines().next().unwrap_or(""))).count();
    let mut title = String::new();
    // A heading at the top, stronger than the sections' ("# Title" over "## Sections", a bold
    // title over bold numbered sections), is the document's title: it goes into the preamble.
    let first_heading = parts.iter().position(|p| p.0.is_some());
    if let Some(t) = first_heading.filter(|t| *t <= 1 && parts.len() > t + 1) {
        let recurs = parts[t + 1..].iter().any(|p| p.0.is_some() && p.0 == parts[t].0);
        let stronger = parts[t].3.zip(top).is_some_and(|(m, top)| m < top) && !recurs;
        let names_policy = t == 0 && parts[t].0.as_ref().is_some_and(|h| names_a_policy(h)) && parts[t].1.split_whitespace().count() < 60;
        if stronger || names_policy {
            let (heading, _, whole, _) = parts.remove(t);
            title = heading.unwrap_or_default();
            match parts.first_mut().filter(|p| p.0.is_none()) {
                Some(pre) => pre.1 = format!("{}\n\n{}", pre.1, whole.trim()),
                None => parts.insert(0, (None, whole.trim().to_owned(), whole, None)),
            }
        }
    }
    // A table of contents: sections that are only a list of the headings that follow, and
    // entries whose heading comes again later with no text of their own, fold into the section
    // before them.
    let mut toc_entries = 0;
    let mut i = 1;
    while i < parts.len() {
        let later: Vec<String> = parts[i + 1..].iter().filter_map(|p| p.0.as_ref().map(|h| h.to_lowercase())).collect();
        let recurs = parts[i].0.as_ref().is_some_and(|h| later.contains(&h.to_lowercase()));
        // A contents list comes at the top; further down, a list of links is the policy's own.
        let lists_later = if i <= 2 { lists_headings(&parts[i].1, &later) } else { 0 };
        if (recurs && starts_with_toc(&parts[i].1)) || lists_later > 0 {
            toc_entries += lists_later.max(1);
            let (_, _, whole, _) = parts.remove(i);
            let prev = &mut parts[i - 1];
            prev.1 = format!("{}\n\n{}", prev.1, whole.trim()).trim().to_owned();
            prev.2 = format!("{}\n\n{}", prev.2.trim_end(), whole.trim());
        } else {
            i += 1;
        }
    }
    if let Some(pre) = parts.first().filter(|p| p.0.is_none()) {
        let later: Vec<String> = parts.iter().filter_map(|p| p.0.as_ref().map(|h| h.to_lowercase())).collect();
        toc_entries = toc_entries.max(lists_headings(&pre.1, &later));
    }
    if title.is_empty() {
        title = match &parts[..] {
            // The preamble's first line, or one of its first lines that names the policy
            // ("Quick links" above "Privacy Policy" is a saved page's menu).
            [(None, body, ..), ..] => {
                let first: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).take(3).collect();
                let named = first.iter().find(|l| names_a_policy(&clean_heading(l)));
                clean_heading(named.or(first.first()).copied().unwrap_or(""))
            }
            [(Some(h), ..), ..] => h.clone(),
            [] => String::new(),
        };
    }
    if title.is_empty() {
        title = "Imported policy".into();
    }
    // The title becomes the document's title; the preamble keeps the rest ("Last updated…").
    if let Some((None, body, ..)) = parts.first_mut() {
        *body = without_title(body, &title);
        if body.trim().is_empty() {
            parts.remove(0);
        }
    }
    if numbered > 0 {
        notes.push(format!(
            "Section numbers were taken off {numbered} heading{}: Clausewright numbers sections itself when it renders and exports.",
            if numbered == 1 { "" } else { "s" }
        ));
    }
    if toc_entries > 0 {
        notes.push(format!("A table of contents ({toc_entries} entries) was kept in the preamble rather than made into sections."));
    }
    let sections = parts.into_iter().map(|(heading, body, ..)| (heading.unwrap_or_else(|| "Preamble".to_owned()), body)).collect();
    (title, sections, notes)
}

/// "Privacy Policy", "Privacy Notice", "Data Protection Statement": a title, not a section.
fn names_a_policy(heading: &str) -> bool {
    let h = heading.to_lowercase();
    ["privacy", "policy", "notice", "statement"].iter().any(|w| h.contains(w)) && h.split_whitespace().count() <= 8
}

/// How many lines of this text name, one per line, the headings that come later: three or more,
/// making up most of its lines, is a table of contents. Lines are compared without list
/// marks, link targets and numbers.
fn lists_headings(body: &str, later: &[String]) -> usize {
    let lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let entry = |l: &str| {
        let l = l.trim_start_matches(['-', '*', '+']).trim();
        // "1. Scope . . . . 3": dot leaders and a page number, as printed contents have.
        let without_page = l.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || c == '\u{2060}');
        let l = if without_page.ends_with(". .") || without_page.ends_with("..") || without_page.ends_with('…') {
            without_page.trim_end_matches(['.', ' ', '…', '\\'])
        } else {
            l
        };
        clean_heading(l).to_lowercase()
    };
    let hits: Vec<String> = lines.iter().map(|l| entry(l)).filter(|e| later.contains(e)).collect();
    let distinct: std::collections::BTreeSet<&String> = hits.iter().collect();
    if distinct.len() >= 3 && hits.len() * 2 >= lines.len().saturating_sub(2) { distinct.len() } else { 0 }
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
        let text = "Privacy Policy\r\nLast updated: 1 May\n\n1. Information We Collect\nWe collect:\n1. a\n2. b\n\n2. Sharing\nWe share.\n2.1 Not a top heading line.\n3) Retention\nWe keep it.\n";
        let side = sections_from_text(text);
        let headings: Vec<&str> = side.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["", "Information We Collect", "Sharing", "Retention"]);
        assert_eq!(side.text(), text.replace("\r\n", "\n"));
        let md = "Title\n=====\n\nIntro.\n\nFirst\n-----\nText.\n\n## Second\n\n**Bold inside**\n\nMore.\n";
        let headings: Vec<String> = sections_from_text(md).sections.into_iter().map(|s| s.heading).collect();
        assert_eq!(headings, ["Title", "First", "Second"]);
    }

    #[test]
    fn headings_lose_their_marks() {
        assert_eq!(clean_heading("### [**13.1 Data controller**](#131-data-controller)"), "Data controller");
        assert_eq!(clean_heading("2\\. Sharing"), "Sharing");
        assert_eq!(clean_heading("## 4. How We Share"), "How We Share");
    }
}
