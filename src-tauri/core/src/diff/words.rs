//! Paragraph and word level: blocks, tokens, bounded word diffs.

use super::{DiffOp, DiffOptions, OpKind};
use std::borrow::Cow;
use std::time::Instant;

/// Above this many token comparisons a pair of texts is compared in finer pieces first.
const MAX_WORK: usize = 4_000_000;
/// Up to this many token pairs `diff_tokens` is Myers's, above it the histogram diff.
const MYERS_WORK: usize = 250_000;

/// Tokens for the word diff: a word (letters and digits), a Markdown escape (`\.`: it shows as
/// one character, so the diff never keeps the character and marks its backslash alone), a
/// link's `](target)`, or a single other character, each with the whitespace that follows it;
/// whitespace at the very start is a token of its own. Keeping the space with its word halves the sequences the diff
/// walks.
pub fn tokens(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut i = run_of(text, 0, Class::Space);
    if i > 0 {
        out.push(&text[..i]);
    }
    while i < b.len() {
        let start = i;
        let (first, n) = class_at(text, i);
        i += n;
        if first == Class::Word {
            i = run_of(text, i, Class::Word);
        } else if b[start] == b'\\' && b.get(i).is_some_and(u8::is_ascii_punctuation) {
            i += 1;
        } else if b[start] == b']' && b.get(i) == Some(&b'(') {
            // A link's target is one token: none of its characters (hidden in the document)
            // pairs with a character a reader sees, such as a sentence's full stop.
            i += b[i..].iter().position(|&c| c == b')' || c.is_ascii_whitespace()).map_or(b.len() - i, |k| k + usize::from(b[i + k] == b')'));
        }
        i = run_of(text, i, Class::Space);
        out.push(&text[start..i]);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Word,
    Space,
    Other,
}

/// The class of the character at byte `i` and its length: an ASCII byte classed as it stands,
/// only a non-ASCII character decoded.
#[inline]
pub fn class_at(text: &str, i: usize) -> (Class, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        let class = match b {
            _ if b.is_ascii_alphanumeric() => Class::Word,
            _ if is_ascii_space(b) => Class::Space,
            _ => Class::Other,
        };
        return (class, 1);
    }
    let c = text[i..].chars().next().unwrap_or_default();
    let class = if c.is_alphanumeric() {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Other
    };
    (class, c.len_utf8())
}

/// Whitespace as `char::is_whitespace` has it, for an ASCII byte (space, tab to carriage return).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Where the run of `class` characters from byte `i` ends.
fn run_of(text: &str, mut i: usize, class: Class) -> usize {
    while i < text.len() {
        let (found, n) = class_at(text, i);
        if found != class {
            break;
        }
        i += n;
    }
    i
}

/// What a token is compared by: the word without its trailing whitespace (as git's word diff,
/// a change of spacing alone changes no word), lower-cased under `ignore_case`.
fn key<'a>(token: &'a str, options: DiffOptions) -> Cow<'a, str> {
    // Whitespace at the very start of a text is a token of its own; its key "" matches any other.
    let core = token.trim_end();
    if options.ignore_case { Cow::Owned(core.to_lowercase()) } else { Cow::Borrowed(core) }
}

pub fn text_key(text: &str, options: DiffOptions) -> Cow<'_, str> {
    if options == DiffOptions::default() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for t in tokens(text) {
        out.push_str(&key(t, options));
        if options.ignore_whitespace && t.len() > t.trim_end().len() {
            out.push(' ');
        } else if !options.ignore_whitespace {
            out.push_str(&t[t.trim_end().len()..]);
        }
    }
    Cow::Owned(if options.ignore_whitespace { out.trim().to_owned() } else { out })
}

pub fn same(a: &str, b: &str, options: DiffOptions) -> bool {
    a == b || text_key(a, options) == text_key(b, options)
}

/// The number of words in `text`.
pub fn count(text: &str) -> u32 {
    if text.is_ascii() {
        let mut n = 0;
        let mut in_word = false;
        for b in text.bytes() {
            let w = b.is_ascii_alphanumeric();
            if w && !in_word {
                n += 1;
            }
            in_word = w;
        }
        return n;
    }
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count() as u32
}

/// Words marked in these ops as a reader counts them (and git's word diff): on each side, the
/// words (runs of non-whitespace) with any character inside a change of that side, so
/// "collected[-,-]" is one word marked.
pub fn marked(ops: &[DiffOp]) -> u32 {
    side_marked(ops, OpKind::Delete) + side_marked(ops, OpKind::Insert)
}

fn side_marked(ops: &[DiffOp], changed: OpKind) -> u32 {
    let (mut n, mut in_word, mut marked) = (0, false, false);
    for op in ops.iter().filter(|o| o.op == OpKind::Equal || o.op == changed) {
        if op.op == OpKind::Equal {
            // No word wholly inside unchanged text is marked: only whether it ends the word a
            // change runs into, and whether a word runs on out of it, matter (most text is
            // unchanged, so this is most of the count).
            if op.text.contains(char::is_whitespace) {
                n += u32::from(in_word && marked);
                in_word = op.text.chars().next_back().is_some_and(|c| !c.is_whitespace());
                marked = false;
            } else {
                in_word |= !op.text.is_empty();
            }
            continue;
        }
        let mut step = |space: bool| {
            if space {
                n += u32::from(in_word && marked);
                (in_word, marked) = (false, false);
            } else {
                in_word = true;
                marked = true;
            }
        };
        if op.text.is_ascii() {
            op.text.bytes().for_each(|b| step(is_ascii_space(b)));
        } else {
            op.text.chars().for_each(|c| step(c.is_whitespace()));
        }
    }
    n + u32::from(in_word && marked)
}

/// A 2048-bit set of a text's word pairs (bigrams): similarity between texts in a few
/// instructions. Pairs rather than single words, so two unrelated texts over the same small
/// vocabulary (as policies are) do not look alike.
#[derive(Clone)]
pub struct Signature {
    bits: [u64; 32],
    /// How many bits are set: counted once, as every pair of sections is compared.
    ones: u32,
}

fn word_hash(w: &[u8], options: DiffOptions) -> u64 {
    // FNV-1a: stable and cheap; this is a sketch, not a security boundary.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in w {
        let b = if options.ignore_case { b.to_ascii_lowercase() } else { b };
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Signature {
    pub fn of(text: &str, options: DiffOptions) -> Signature {
        let mut bits = [0u64; 32];
        let mut prev: u64 = 0;
        let mut add = |w: &[u8]| {
            if w.is_empty() {
                return;
            }
            let h = word_hash(w, options);
            let pair = (prev.rotate_left(17) ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let b = (pair >> 53) as usize; // 0..2048
            bits[b / 64] |= 1 << (b % 64);
            prev = h;
        };
        // Words are runs of letters and digits; ASCII text is split as bytes.
        if text.is_ascii() {
            text.as_bytes().split(|b| !b.is_ascii_alphanumeric()).for_each(&mut add);
        } else {
            text.split(|c: char| !c.is_alphanumeric()).for_each(|w| add(w.as_bytes()));
        }
        Signature { bits, ones: bits.iter().map(|b| b.count_ones()).sum() }
    }

    /// Dice coefficient of the two sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let total = self.ones + other.ones;
        if total == 0 {
            return 1.0;
        }
        let both: u32 = self.bits.iter().zip(&other.bits).map(|(a, b)| (a & b).count_ones()).sum();
        2.0 * both as f64 / total as f64
    }

    /// The most `similarity` can be: sets of very different sizes cannot be alike, which
    /// rules out most pairs without reading their bits.
    pub fn at_most(&self, other: &Signature) -> f64 {
        let total = self.ones + other.ones;
        if total == 0 { 1.0 } else { 2.0 * self.ones.min(other.ones) as f64 / total as f64 }
    }
}

/// Appends an op, joining it to the last one when they are of a kind.
pub fn push(ops: &mut Vec<DiffOp>, op: OpKind, text: &str) {
    if text.is_empty() {
        return;
    }
    match ops.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => ops.push(DiffOp { op, text: text.to_owned() }),
    }
}

/// Appends tokens as one op (no joined copy first).
fn push_all(ops: &mut Vec<DiffOp>, op: OpKind, tokens: &[&str]) {
    for t in tokens {
        push(ops, op, t);
    }
}

/// Whether a word diff of these two texts fits in the work one paragraph pair may take.
fn affordable(old: &[&str], new: &[&str]) -> bool {
    old.len().saturating_mul(new.len()) <= MAX_WORK
}

/// What the word diffs of one comparison share: the options, and the deadline past which
/// pieces are compared coarser.
pub struct Work {
    pub options: DiffOptions,
    deadline: Instant,
}

impl Work {
    pub fn new(options: DiffOptions, deadline: Instant) -> Work {
        Work { options, deadline }
    }

    pub fn in_time(&self) -> bool {
        Instant::now() < self.deadline
    }

    /// Word diff of two texts into `ops` (runs, not yet joined into hunks); false, with nothing
    /// pushed, when the changed middle is too large to word-diff. The text both ends share is
    /// cut off first where a token starts, so an edit in a long paragraph costs what its middle
    /// does.
    pub fn diff_words(&self, old: &str, new: &str, ops: &mut Vec<DiffOp>) -> bool {
        let (head, tail) = shared_ends(old, new);
        let (ot, nt) = (tokens(&old[head..old.len() - tail]), tokens(&new[head..new.len() - tail]));
        if !affordable(&ot, &nt) {
            return false;
        }
        push(ops, OpKind::Equal, &old[..head]);
        diff_tokens(&ot, &nt, self.options, ops);
        push(ops, OpKind::Equal, &old[old.len() - tail..]);
        true
    }
}

/// How many bytes both texts start and end with, each cut where a token starts on both sides
/// (after whitespace, before a character that is not), so tokenizing the rest gives the tokens
/// the whole text has there.
fn shared_ends(old: &str, new: &str) -> (usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let starts_token = |text: &str, at: usize| {
        at == 0 || (text.as_bytes()[at - 1].is_ascii_whitespace() && text[at..].chars().next().is_some_and(|c| !c.is_whitespace()))
    };
    let mut head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while head > 0 && !(head < a.len() && head < b.len() && starts_token(old, head) && starts_token(new, head)) {
        head -= 1;
    }
    let most = a.len().min(b.len()) - head;
    let mut tail = a.iter().rev().zip(b.iter().rev()).take(most).take_while(|(x, y)| x == y).count();
    while tail > 0 && !(starts_token(old, a.len() - tail) && starts_token(new, b.len() - tail)) {
        tail -= 1;
    }
    (head, tail)
}

/// Word diff of two token sequences into `ops`. Tokens match by their word alone;
/// a matched word whose following whitespace changed shows that whitespace deleted and
/// inserted. imara-diff's Myers, as git's word diff: where a passage was rewritten it keeps the
/// words that recur ("to", "your", "the use of our") unmarked, where the histogram diff anchors
/// on rare words and marks more. Above `MYERS_WORK` token pairs the histogram diff, which stays
/// quick on long dense rewrites.
fn diff_tokens(ot: &[&str], nt: &[&str], options: DiffOptions, ops: &mut Vec<DiffOp>) {
    let algorithm = if ot.len().saturating_mul(nt.len()) <= MYERS_WORK { imara_diff::Algorithm::Myers } else { imara_diff::Algorithm::Histogram };
    diff_tokens_by(algorithm, ot, nt, options, ops)
}

fn diff_tokens_by(algorithm: imara_diff::Algorithm, ot: &[&str], nt: &[&str], options: DiffOptions, ops: &mut Vec<DiffOp>) {
    let mut input: imara_diff::InternedInput<Cow<str>> = imara_diff::InternedInput::default();
    input.update_before(ot.iter().map(|t| key(t, options)));
    input.update_after(nt.iter().map(|t| key(t, options)));
    let diff = imara_diff::Diff::compute(algorithm, &input);
    let (mut o, mut n) = (0, 0);
    let same_run = |ops: &mut Vec<DiffOp>, old: &[&str], new: &[&str]| {
        if options.ignore_whitespace || old == new {
            // Equal under the options: the old text carries it (exactly equal without options).
            return push_all(ops, OpKind::Equal, old);
        }
        for (a, b) in old.iter().zip(new) {
            let (ca, cb) = (a.trim_end().len(), b.trim_end().len());
            if a == b {
                push(ops, OpKind::Equal, a);
                continue;
            }
            push(ops, OpKind::Equal, &a[..ca]);
            push(ops, OpKind::Delete, &a[ca..]);
            push(ops, OpKind::Insert, &b[cb..]);
        }
    };
    for h in diff.hunks() {
        let (bs, be, as_, ae) = (h.before.start as usize, h.before.end as usize, h.after.start as usize, h.after.end as usize);
        same_run(ops, &ot[o..bs], &nt[n..as_]);
        push_all(ops, OpKind::Delete, &ot[bs..be]);
        push_all(ops, OpKind::Insert, &nt[as_..ae]);
        (o, n) = (be, ae);
    }
    same_run(ops, &ot[o..], &nt[n..]);
}

/// Joins each run of changes into one deletion and one insertion, and folds a lone run of
/// whitespace left equal between two changes into them, so a redline reads
/// "[-a b-]{+x y+}" rather than "[-a-]{+x+} [-b-]{+y+}".
pub fn into_hunks(ops: Vec<DiffOp>) -> Vec<DiffOp> {
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
                flush_hunk(&mut out, &mut del, &mut ins);
                push(&mut out, OpKind::Equal, &op.text);
            }
        }
    }
    flush_hunk(&mut out, &mut del, &mut ins);
    out
}

/// Emits a hunk; whitespace both sides end with is left outside the marks ("[-30-]{+90+} ").
fn flush_hunk(out: &mut Vec<DiffOp>, del: &mut String, ins: &mut String) {
    let mut common = 0;
    if !del.is_empty() && !ins.is_empty() {
        for (a, b) in del.chars().rev().zip(ins.chars().rev()) {
            if a != b || !a.is_whitespace() {
                break;
            }
            common += a.len_utf8();
        }
    }
    let tail = del[del.len() - common..].to_owned();
    push(out, OpKind::Delete, &del[..del.len() - common]);
    push(out, OpKind::Insert, &ins[..ins.len() - common]);
    push(out, OpKind::Equal, &tail);
    del.clear();
    ins.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_join_back_exactly() {
        let t = "We keep data, for 30 days.\n\n\nThen  we delete it.";
        assert_eq!(tokens(t).concat(), t);
        assert_eq!(tokens("a, b"), ["a", ", ", "b"]);
        assert_eq!(tokens("  lead  x\n"), ["  ", "lead  ", "x\n"]);
        assert_eq!(tokens("   "), ["   "]);
        assert_eq!(tokens("é ü"), ["é ", "ü"]);
        // An escape is one token, in both paths.
        assert_eq!(tokens("6\\. a\\b"), ["6", "\\. ", "a", "\\", "b"]);
        assert_eq!(tokens("é 6\\. a"), ["é ", "6", "\\. ", "a"]);
        // A link's target is one token, up to its `)` (or a space, before a title).
        assert_eq!(tokens("[a](https://x.example/a). b"), ["[", "a", "](https://x.example/a)", ". ", "b"]);
        assert_eq!(tokens("[a](u \"t\")"), ["[", "a", "](u ", "\"", "t", "\"", ")"]);
        assert_eq!(tokens("x](y"), ["x", "](y"]);
    }

    #[test]
    fn a_word_with_any_character_changed_counts_once_per_side() {
        let op = |op, text: &str| DiffOp { op, text: text.into() };
        // "collected," -> "collected": one word on the old side; "shared" for "sold": one each.
        let ops = [
            op(OpKind::Equal, "Data we collected"),
            op(OpKind::Delete, ","),
            op(OpKind::Equal, " is "),
            op(OpKind::Delete, "sold"),
            op(OpKind::Insert, "shared"),
            op(OpKind::Equal, " now.\n"),
        ];
        assert_eq!(marked(&ops), 3);
        // Non-ASCII equal text takes the slow path and counts the same way.
        let ops = [op(OpKind::Equal, "Données "), op(OpKind::Insert, "ici "), op(OpKind::Equal, "là")];
        assert_eq!(marked(&ops), 1);
    }
}
