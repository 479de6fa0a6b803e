//! What the CLI's `diff` prints: text for a terminal and the JSON scripts read. They are output,
//! not files to keep, so they stay with the diff; every file format is written in `export/`.

use super::{Comparison, OpKind, SectionStatus};
use serde::Serialize;

/// Inline redline in reading order: `[-old-]{+new+}`, coloured when `color`.
pub fn text_redline(c: &Comparison, color: bool) -> String {
    let (del, ins, end) = if color { ("\x1b[31m[-", "\x1b[32m{+", "\x1b[0m") } else { ("[-", "{+", "") };
    c.ops
        .iter()
        .map(|o| match o.op {
            OpKind::Equal => o.text.clone(),
            OpKind::Delete => format!("{del}{}-]{end}", o.text),
            OpKind::Insert => format!("{ins}{}+}}{end}", o.text),
        })
        .collect()
}

/// `diff --format json`: `{"stats": …, "sections": [{status, old_heading, new_heading,
/// old_index, new_index, renamed}], "ops": [{"op", "text"}]}`. The ops hold both documents'
/// whole text, most of the output: their strings are escaped here, 16 bytes at a time where
/// nothing needs escaping, where serde_json reads a byte at a time (that was a tenth of a
/// command-line diff's time, issue #15). The output is serde_json's, byte for byte.
pub fn json(c: &Comparison) -> String {
    let sections: Vec<JsonSection> = c
        .sections
        .iter()
        .map(|s| JsonSection {
            status: s.status,
            old_heading: s.old_heading.as_deref(),
            new_heading: s.new_heading.as_deref(),
            old_index: s.old_index,
            new_index: s.new_index,
            renamed: s.renamed,
        })
        .collect();
    let text_bytes: usize = c.ops.iter().map(|o| o.text.len()).sum();
    let mut out = String::with_capacity(text_bytes + text_bytes / 16 + 1024);
    out.push_str("{\"stats\":");
    out.push_str(&serde_json::to_string(&c.stats).unwrap_or_default());
    out.push_str(",\"sections\":");
    out.push_str(&serde_json::to_string(&sections).unwrap_or_default());
    out.push_str(",\"ops\":[");
    for (k, op) in c.ops.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(match op.op {
            OpKind::Equal => "{\"op\":\"equal\",\"text\":",
            OpKind::Delete => "{\"op\":\"delete\",\"text\":",
            OpKind::Insert => "{\"op\":\"insert\",\"text\":",
        });
        push_json_string(&mut out, &op.text);
        out.push('}');
    }
    out.push_str("]}");
    out
}

#[derive(Serialize)]
struct JsonSection<'a> {
    status: SectionStatus,
    old_heading: Option<&'a str>,
    new_heading: Option<&'a str>,
    old_index: Option<u32>,
    new_index: Option<u32>,
    renamed: bool,
}

/// A byte JSON escapes in a string: a control character, `"` or `\`.
fn escaped(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// `text` as a JSON string, escaped as serde_json escapes it.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    let b = text.as_bytes();
    // `text[copied..i]` is pending: nothing in it needs escaping.
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        // Bitwise over the whole chunk (no early exit), so it compiles to vector compares.
        if let Some(chunk) = b.get(i..i + 16)
            && !chunk.iter().fold(false, |any, &c| any | escaped(c))
        {
            i += 16;
            continue;
        }
        let c = b[i];
        if escaped(c) {
            out.push_str(&text[copied..i]);
            match c {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                0x08 => out.push_str("\\b"),
                0x0c => out.push_str("\\f"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(char::from(HEX[usize::from(c >> 4)]));
                    out.push(char::from(HEX[usize::from(c & 0xf)]));
                }
            }
            copied = i + 1;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(text in "(?s).{0,80}|[\"\\\\\\x00-\\x1f a-z]{0,40}") {
            let mut out = String::new();
            push_json_string(&mut out, &text);
            prop_assert_eq!(out, serde_json::to_string(&text).unwrap_or_default());
        }
    }

    #[test]
    fn the_json_is_what_serde_json_writes_for_the_same_shape() {
        let old = crate::import::sections_from_text("# A\n\nKeep \"this\" and\tthat\\.\n\n# B\n\nGone.\n");
        let new = crate::import::sections_from_text("# A\n\nKeep \"these\" and\tthat\\.\u{1}\n\n# C\n\nNew é.\n");
        let c = crate::diff::compare(&old, &new, crate::diff::DiffOptions::default());
        let expected = serde_json::json!({
            "stats": c.stats,
            "sections": c.sections.iter().map(|s| serde_json::json!({
                "status": s.status, "old_heading": s.old_heading, "new_heading": s.new_heading,
                "old_index": s.old_index, "new_index": s.new_index, "renamed": s.renamed,
            })).collect::<Vec<_>>(),
            "ops": c.ops,
        });
        let written: serde_json::Value = serde_json::from_str(&json(&c)).unwrap_or_default();
        assert_eq!(written, expected);
        assert!(c.ops.len() > 2);
    }
}
