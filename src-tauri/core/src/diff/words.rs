//! Paragraph and word level: blocks, tokens, bounded word diffs.

use super::{DiffOp, DiffOptions, OpKind, Row};
use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::time::Instant;

/// Above this many token comparisons a paragraph pair is shown as replaced whole.
const MAX_WORK: usize = 4_000_000;
/// Paragraphs this similar are paired and word-diffed; less similar ones are replaced whole.
const PAIR: f64 = 0.3;

/// Words (letters and digits), runs of whitespace, and single other characters.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let class = |c: char| if c.is_alphanumeric() { 0 } else if c.is_whitespace() { 1 } else { 2 };
        let k = class(c);
        let mut end = i + c.len_utf8();
        if k != 2 {
            while let Some(&(j, d)) = chars.peek() {
                if class(d) != k {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        out.push(&text[start.max(i)..end]);
        start = end;
    }
    out
}

fn key<'a>(token: &'a str, options: DiffOptions) -> Cow<'a, str> {
    if options.ignore_whitespace && token.chars().all(char::is_whitespace) {
        return Cow::Borrowed(" ");
    }
    if options.ignore_case { Cow::Owned(token.to_lowercase()) } else { Cow::Borrowed(token) }
}

fn text_key(text: &str, options: DiffOptions) -> String {
    let mut out = String::with_capacity(text.len());
    for t in tokens(text) {
        out.push_str(&key(t, options));
    }
    if options.ignore_whitespace { out.trim().to_owned() } else { out }
}

pub fn same(a: &str, b: &str, options: DiffOptions) -> bool {
    a == b || text_key(a, options) == text_key(b, options)
}

/// The number of words in `text`.
pub fn count(text: &str) -> u32 {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count() as u32
}

/// Paragraphs, each with the blank lines that follow it, so they join back exactly.
pub fn blocks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
            let mut end = i + 1;
            while end < bytes.len() && bytes[end] == b'\n' {
                end += 1;
            }
            out.push(&text[start..end]);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A 512-bit set of a text's words: similarity between texts in a few instructions.
#[derive(Clone)]
pub struct Signature([u64; 8]);

impl Signature {
    pub fn of(text: &str, options: DiffOptions) -> Signature {
        let mut bits = [0u64; 8];
        for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            key(w, options).hash(&mut h);
            let b = (h.finish() % 512) as usize;
            bits[b / 64] |= 1 << (b % 64);
        }
        Signature(bits)
    }

    /// Dice coefficient of the two word sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let both: u32 = self.0.iter().zip(&other.0).map(|(a, b)| (a & b).count_ones()).sum();
        let total: u32 = self.0.iter().chain(&other.0).map(|a| a.count_ones()).sum();
        if total == 0 { 1.0 } else { 2.0 * both as f64 / total as f64 }
    }
}

/// Appends an op, joining it to the last one when they are of a kind.
fn push(ops: &mut Vec<DiffOp>, op: OpKind, text: &str) {
    if text.is_empty() {
        return;
    }
    match ops.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => ops.push(DiffOp { op, text: text.to_owned() }),
    }
}

fn whole(op: OpKind, text: &str) -> Row {
    Row { ops: vec![DiffOp { op, text: text.to_owned() }] }
}

fn replaced(old: &str, new: &str) -> Row {
    let mut ops = Vec::new();
    push(&mut ops, OpKind::Delete, old);
    push(&mut ops, OpKind::Insert, new);
    Row { ops }
}

/// Word diff of two paragraphs, or a whole replacement when it would cost too much.
fn diff_words(old: &str, new: &str, options: DiffOptions, deadline: Instant) -> Row {
    let (ot, nt) = (tokens(old), tokens(new));
    if ot.len().saturating_mul(nt.len()) > MAX_WORK || Instant::now() >= deadline {
        return replaced(old, new);
    }
    let ok: Vec<Cow<str>> = ot.iter().map(|t| key(t, options)).collect();
    let nk: Vec<Cow<str>> = nt.iter().map(|t| key(t, options)).collect();
    let mut ops = Vec::new();
    for op in capture_diff_slices_deadline(Algorithm::Myers, &ok, &nk, Some(deadline)) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            // Equal under the options: the old text carries it (exactly equal without options).
            DiffTag::Equal => push(&mut ops, OpKind::Equal, &ot[o].concat()),
            DiffTag::Delete => push(&mut ops, OpKind::Delete, &ot[o].concat()),
            DiffTag::Insert => push(&mut ops, OpKind::Insert, &nt[n].concat()),
            DiffTag::Replace => {
                push(&mut ops, OpKind::Delete, &ot[o].concat());
                push(&mut ops, OpKind::Insert, &nt[n].concat());
            }
        }
    }
    Row { ops: into_hunks(ops) }
}

/// Joins each run of changes into one deletion and one insertion, and folds a lone run of
/// whitespace left equal between two changes into them, so a redline reads
/// "[-a b-]{+x y+}" rather than "[-a-]{+x+} [-b-]{+y+}".
fn into_hunks(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let n = ops.len();
    let mut out: Vec<DiffOp> = Vec::with_capacity(n);
    let (mut del, mut ins) = (String::new(), String::new());
    for (k, op) in ops.iter().enumerate() {
        let lone_space = op.op == OpKind::Equal
            && k > 0
            && k + 1 < n
            && ops[k - 1].op != OpKind::Equal
            && ops[k + 1].op != OpKind::Equal
            && op.text.chars().all(char::is_whitespace);
        match op.op {
            OpKind::Delete => del.push_str(&op.text),
            OpKind::Insert => ins.push_str(&op.text),
            OpKind::Equal if lone_space => {
                del.push_str(&op.text);
                ins.push_str(&op.text);
            }
            OpKind::Equal => {
                push(&mut out, OpKind::Delete, &std::mem::take(&mut del));
                push(&mut out, OpKind::Insert, &std::mem::take(&mut ins));
                push(&mut out, OpKind::Equal, &op.text);
            }
        }
    }
    push(&mut out, OpKind::Delete, &del);
    push(&mut out, OpKind::Insert, &ins);
    out
}

/// Diffs two sections' texts: paragraphs aligned first, words only within paired paragraphs.
pub fn diff_blocks(old: &str, new: &str, options: DiffOptions, deadline: Instant) -> Vec<Row> {
    let (ob, nb) = (blocks(old), blocks(new));
    let ok: Vec<String> = ob.iter().map(|b| text_key(b, options)).collect();
    let nk: Vec<String> = nb.iter().map(|b| text_key(b, options)).collect();
    let mut rows = Vec::new();
    for op in capture_diff_slices_deadline(Algorithm::Myers, &ok, &nk, Some(deadline)) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for a in &ob[o] {
                    rows.push(whole(OpKind::Equal, a));
                }
            }
            DiffTag::Delete => rows.extend(ob[o].iter().map(|a| whole(OpKind::Delete, a))),
            DiffTag::Insert => rows.extend(nb[n].iter().map(|b| whole(OpKind::Insert, b))),
            DiffTag::Replace => rows.extend(pair_blocks(&ob[o], &nb[n], options, deadline)),
        }
    }
    rows
}

/// Pairs the paragraphs of a replaced run in order, by similarity; pairs are word-diffed.
fn pair_blocks(old: &[&str], new: &[&str], options: DiffOptions, deadline: Instant) -> Vec<Row> {
    let so: Vec<Signature> = old.iter().map(|b| Signature::of(b, options)).collect();
    let sn: Vec<Signature> = new.iter().map(|b| Signature::of(b, options)).collect();
    let mut rows = Vec::new();
    let mut j = 0;
    for (i, a) in old.iter().enumerate() {
        let best = (j..new.len())
            .map(|k| (k, so[i].similarity(&sn[k])))
            .filter(|(_, s)| *s >= PAIR)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        match best {
            Some((k, _)) => {
                rows.extend(new[j..k].iter().map(|b| whole(OpKind::Insert, b)));
                rows.push(diff_words(a, new[k], options, deadline));
                j = k + 1;
            }
            None => rows.push(whole(OpKind::Delete, a)),
        }
    }
    rows.extend(new[j..].iter().map(|b| whole(OpKind::Insert, b)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_blocks_join_back_exactly() {
        let t = "We keep data, for 30 days.\n\n\nThen  we delete it.";
        assert_eq!(tokens(t).concat(), t);
        assert_eq!(blocks(t).concat(), t);
        assert_eq!(blocks(t).len(), 2);
        assert_eq!(tokens("a, b"), ["a", ",", " ", "b"]);
    }
}
