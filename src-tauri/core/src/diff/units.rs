//! The pieces a text is cut into for comparing: paragraphs, then lines (a table's rows, a
//! list's items), then sentences. Each piece keeps the whitespace after it, so they join back
//! exactly.

/// Paragraphs, each with the blank lines that follow it.
pub fn blocks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(end) = paragraph_end(&text[start..]) {
        out.push(&text[start..start + end]);
        start += end;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Where the first paragraph ends with the blank lines after it: after the run of blank lines
/// (empty, or only spaces: "*   item\n    \n*   item" is two) that follows a line break.
pub fn paragraph_end(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    // The end of the blank line that starts at `at`, if it is one.
    let blank = |at: usize| {
        let spaces = b[at..].iter().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\r')).count();
        (b.get(at + spaces) == Some(&b'\n')).then_some(at + spaces + 1)
    };
    let mut from = 0;
    while let Some(at) = crate::lines::next_break(text, from) {
        let line = at + 1;
        if let Some(mut end) = blank(line) {
            while let Some(next) = blank(end) {
                end = next;
            }
            return Some(end);
        }
        from = line;
    }
    None
}

/// A Markdown table: every line that is not blank is a row.
pub fn is_table(block: &str) -> bool {
    let mut rows = block.lines().filter(|l| !l.trim().is_empty()).peekable();
    rows.peek().is_some() && rows.all(is_row)
}

/// A table's row: a line that starts with `|` after any indentation.
pub fn is_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// "* a", "- a", "+ a", "1. a", "2) a" after any indentation.
fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 { t[digits..].strip_prefix(['.', ')']) } else { t.strip_prefix(['*', '-', '+']) };
    rest.is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\n']))
}

/// Lines: a table's rows, a paragraph's lines; a list item keeps its indented or blank
/// continuation lines.
pub fn lines(block: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let (mut start, mut in_item) = (0, false);
    for line in crate::lines::inclusive(block) {
        let at = line.as_ptr() as usize - block.as_ptr() as usize;
        let continues = in_item && !starts_item(line) && (line.trim().is_empty() || line.starts_with([' ', '\t']));
        if at > start && !continues {
            out.push(&block[start..at]);
            start = at;
        }
        if !continues {
            in_item = starts_item(line);
        }
    }
    if start < block.len() {
        out.push(&block[start..]);
    }
    out
}

/// Sentences: cut after `.`, `?`, `!` or `;` and the whitespace that follows.
pub fn sentences(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'.' | b'?' | b'!' | b';') && b.get(i + 1).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            out.push(&text[start..i]);
            start = i;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_join_back_exactly() {
        let t = "We keep data, for 30 days.\n\n\nThen  we delete it.";
        assert_eq!(blocks(t), ["We keep data, for 30 days.\n\n\n", "Then  we delete it."]);
        assert_eq!(blocks("* a\n    \n* b\n \n\nc\n   "), ["* a\n    \n", "* b\n \n\n", "c\n   "]);
        assert_eq!(blocks("\n\n\na"), ["\n\n\n", "a"]);
        let list = "Intro:\n* one\n  more\n    \n- two\n10. three\nafter\n";
        assert_eq!(lines(list), ["Intro:\n", "* one\n  more\n    \n", "- two\n", "10. three\n", "after\n"]);
        let table = "| a | b |\n| --- | --- |\n| 1 | 2 |\n";
        assert!(is_table(table) && !is_table("| a |\ntext\n") && !is_table("\n"));
        assert_eq!(lines(table).len(), 3);
        assert_eq!(sentences("One. Two? Three!  e.g.x; four"), ["One. ", "Two? ", "Three!  ", "e.g.x; ", "four"]);
        assert_eq!(sentences(""), Vec::<&str>::new());
    }
}
