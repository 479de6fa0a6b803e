//! A document's sections as sentences the detectors read: each with its byte range in the
//! section's body, a lowercased copy to match, and the lead-in line a list item hangs from
//! ("You have the right to:").

use crate::domain::Section;

/// One sentence (or list item, or table row) of a section's body.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Index of the section in the document.
    pub section: usize,
    /// Byte range in the section's body.
    pub start: usize,
    pub end: usize,
    /// The sentence lowercased (ASCII), `_` read as a space, Markdown emphasis dropped.
    pub norm: String,
    /// The list's lead-in sentence, lowercased, when this is a list item or follows one.
    pub lead: Option<usize>,
    /// The sub-heading (a `#` line or a bold line inside the body) it comes under.
    pub sub: Option<usize>,
}

/// A document read for checking.
pub struct Text<'a> {
    pub sections: &'a [Section],
    /// Each section's heading, lowercased.
    pub headings: Vec<String>,
    pub sentences: Vec<Sentence>,
    /// Every sentence's `norm`, one per line, to scan in one pass.
    pub joined: String,
    /// Where each sentence starts in `joined`.
    starts: Vec<usize>,
}

impl<'a> Text<'a> {
    pub fn new(sections: &'a [Section]) -> Text<'a> {
        let headings = sections.iter().map(|s| normalize(&s.heading)).collect();
        let mut sentences = Vec::new();
        for (i, s) in sections.iter().enumerate() {
            split_section(i, &s.body, &mut sentences);
        }
        let mut joined = String::with_capacity(sentences.iter().map(|s| s.norm.len() + 1).sum());
        let mut starts = Vec::with_capacity(sentences.len());
        for s in &sentences {
            starts.push(joined.len());
            // A newline inside a sentence would let a pattern's `.` stop early, never cross.
            joined.push_str(&s.norm);
            joined.push('\n');
        }
        Text { sections, headings, sentences, joined, starts }
    }

    /// The sentence holding byte `at` of `joined`.
    pub fn sentence_at(&self, at: usize) -> usize {
        self.starts.partition_point(|s| *s <= at).saturating_sub(1)
    }

    /// The sentences a pattern matches, in order, each once.
    pub fn matching<'r>(&'r self, re: &'r regex::Regex) -> impl Iterator<Item = usize> + 'r {
        let mut last = usize::MAX;
        re.find_iter(&self.joined).filter_map(move |m| {
            let i = self.sentence_at(m.start());
            (i != last).then(|| {
                last = i;
                i
            })
        })
    }

    /// The sentence as written.
    pub fn raw(&self, s: &Sentence) -> &'a str {
        &self.sections[s.section].body[s.start..s.end]
    }

    pub fn lead(&self, s: &Sentence) -> &str {
        s.lead.map_or("", |i| self.sentences[i].norm.as_str())
    }

    pub fn sub(&self, s: &Sentence) -> &str {
        s.sub.map_or("", |i| self.sentences[i].norm.as_str())
    }
}

/// Lowercases ASCII, reads `_` as a space and drops `*` (emphasis), keeping it readable for
/// patterns written in lowercase.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '*')
        .map(|c| match c {
            '_' => ' ',
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn list_marker(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")).or_else(|| t.strip_prefix("+ ")) {
        return Some(line.len() - rest.len());
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")) {
        return Some(indent + digits + 2);
    }
    None
}

fn split_section(section: usize, body: &str, out: &mut Vec<Sentence>) {
    let mut offset = 0;
    let mut lead: Option<usize> = None;
    let mut sub: Option<usize> = None;
    for line in body.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end();
        if content.trim().is_empty() {
            continue;
        }
        let marker = list_marker(content);
        let table_rule = content.trim_start().starts_with('|') && content.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
        if table_rule {
            continue;
        }
        let (from, is_item) = match marker {
            Some(m) => (m, true),
            None => (content.len() - content.trim_start().trim_start_matches('#').trim_start_matches('>').trim_start().len(), false),
        };
        if !is_item {
            lead = None;
        }
        let t = content.trim();
        let is_sub = !is_item && (t.starts_with('#') || (t.len() > 4 && t.starts_with("**") && t.ends_with("**") && !t[2..t.len() - 2].contains("**")));
        if is_sub {
            let start = line_start + (content.len() - content.trim_start().len());
            let idx = out.len();
            out.push(Sentence { section, start, end: line_start + content.len(), norm: normalize(t.trim_start_matches('#').trim()), lead: None, sub });
            sub = Some(idx);
            continue;
        }
        for (s, e) in sentence_ranges(&content[from..]) {
            let (start, end) = (line_start + from + s, line_start + from + e);
            let text = &body[start..end];
            let idx = out.len();
            out.push(Sentence { section, start, end, norm: normalize(text), lead, sub });
            if text.trim_end().ends_with(':') {
                lead = Some(idx);
            }
        }
    }
}

/// Splits a line into sentences: after `.`, `!` or `?` followed by a space and a capital letter,
/// digit, quote or bracket. Abbreviations like "e.g." are kept whole.
fn sentence_ranges(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && i + 2 < bytes.len() && bytes[i + 1] == b' ' {
            let next = bytes[i + 2];
            let abbrev = b == b'.' && {
                let word: &str = line[start..i].rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
                matches!(word.to_ascii_lowercase().as_str(), "e.g" | "i.e" | "etc" | "inc" | "ltd" | "co" | "no" | "art" | "mr" | "ms" | "dr" | "st" | "vs" | "u.s" | "u.k" | "para" | "sec")
                    || word.len() == 1
            };
            if !abbrev && (next.is_ascii_uppercase() || next.is_ascii_digit() || matches!(next, b'"' | b'(' | b'[' | b'*') || next >= 0x80) {
                push_trimmed(line, start, i + 1, &mut out);
                start = i + 2;
            }
        }
        i += 1;
    }
    push_trimmed(line, start, line.len(), &mut out);
    out
}

fn push_trimmed(line: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &line[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        return;
    }
    out.push((start + lead, end - trail));
}

/// A byte offset in `s` as a UTF-16 offset (how JavaScript indexes strings).
pub fn utf16_offset(s: &str, byte: usize) -> u32 {
    s[..byte.min(s.len())].encode_utf16().count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(body: &str) -> Section {
        Section { id: 1, heading: "Your Rights".into(), body: body.into(), origin: None }
    }

    #[test]
    fn sentences_list_items_and_lead_ins() {
        let s = [section("We keep data. E.g. logs are kept for 30 days, i.e. a month. You may:\n\n- ask for a copy;\n- object to processing.\n\nThat is all.")];
        let t = Text::new(&s);
        let raws: Vec<&str> = t.sentences.iter().map(|x| t.raw(x)).collect();
        assert_eq!(raws, ["We keep data.", "E.g. logs are kept for 30 days, i.e. a month.", "You may:", "ask for a copy;", "object to processing.", "That is all."]);
        assert_eq!(t.lead(&t.sentences[4]), "you may:");
        assert_eq!(t.lead(&t.sentences[5]), "");
        assert_eq!(t.headings[0], "your rights");
    }

    #[test]
    fn offsets_are_utf16_for_the_preview() {
        assert_eq!(utf16_offset("naïve 😀 x", "naïve 😀 ".len()), 9);
    }
}
