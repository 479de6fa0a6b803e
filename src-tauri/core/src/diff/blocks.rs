//! Two sections' texts compared piece by piece: paragraphs aligned first, and only paired
//! paragraphs compared word by word (a run of paragraphs replaced by a different number of
//! them, as when one is split or merged, is compared line by line). A pair too large for a word diff (or past the deadline)
//! is compared by its finer pieces (a table always is, row by row): lines, then sentences,
//! each aligned and paired the same way. So a redline is never coarser than a sentence; only
//! an unpaired piece or a single over-long sentence is shown deleted and inserted whole.

use super::units::{blocks, is_row, is_table, lines, sentences};
use super::words::{Signature, Work, into_hunks, push, text_key};
use super::{DiffOp, DiffOptions, OpKind, Row};

/// Pieces this similar are paired and compared; less similar ones are replaced whole.
const PAIR: f64 = 0.3;
/// How many pieces ahead a piece looks for its counterpart: bounds pairing a long replaced
/// run (quadratic) while a piece inserted or deleted between counterparts is still skipped.
const LOOKAHEAD: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Paragraph,
    Line,
    Sentence,
}

/// How one piece of the old or new text lines up with the other side.
enum Piece<'a> {
    Deleted(&'a str),
    Inserted(&'a str),
    /// Counterparts, compared in turn (equal under the options, or similar).
    Paired(&'a str, &'a str),
    /// Runs of paragraphs replaced by a different number of paragraphs (a paragraph split,
    /// merged, added or dropped): compared line by line, as a line diff would.
    Joined(&'a [&'a str], &'a [&'a str]),
}

/// Diffs two sections' texts: one row per paragraph and its counterpart.
pub fn diff_blocks(old: &str, new: &str, work: &Work) -> Vec<Row> {
    let (ob, nb) = (blocks(old), blocks(new));
    if old == new {
        return ob.iter().map(|b| Row::new(vec![DiffOp { op: OpKind::Equal, text: (*b).to_owned() }])).collect();
    }
    align(&ob, &nb, Level::Paragraph, work.options)
        .into_iter()
        .map(|piece| {
            let mut ops = Vec::new();
            emit(piece, Level::Paragraph, work, &mut ops);
            Row::new(into_hunks(ops))
        })
        .collect()
}

fn emit(piece: Piece, level: Level, work: &Work, ops: &mut Vec<DiffOp>) {
    match piece {
        Piece::Paired(a, b) => compare(a, b, level, work, ops),
        Piece::Joined(a, b) => by_pieces(&a.concat(), &b.concat(), level, work, ops),
        Piece::Deleted(a) => push(ops, OpKind::Delete, a),
        Piece::Inserted(b) => push(ops, OpKind::Insert, b),
    }
}

/// One piece against its counterpart: word by word when affordable, else by finer pieces.
fn compare(old: &str, new: &str, level: Level, work: &Work, ops: &mut Vec<DiffOp>) {
    if old == new {
        return push(ops, OpKind::Equal, old);
    }
    // A table row and a line of text are not one edited piece: no word of one pairs with a
    // word of the other (a redline could not show a row turning into a paragraph).
    if is_row(old) != is_row(new) {
        push(ops, OpKind::Delete, old);
        return push(ops, OpKind::Insert, new);
    }
    // A table is compared row by row, so no word pairs across rows.
    let rows_first = level == Level::Paragraph && is_table(old) && is_table(new);
    if !rows_first && work.in_time() && work.diff_words(old, new, ops) {
        return;
    }
    by_pieces(old, new, level, work, ops);
}

/// Compares two texts by their pieces finer than `level`: lines, else sentences, else whole.
fn by_pieces(old: &str, new: &str, level: Level, work: &Work, ops: &mut Vec<DiffOp>) {
    let mut level = level;
    loop {
        let (finer, split): (Level, fn(&str) -> Vec<&str>) = match level {
            Level::Paragraph => (Level::Line, lines),
            Level::Line => (Level::Sentence, sentences),
            Level::Sentence => {
                push(ops, OpKind::Delete, old);
                return push(ops, OpKind::Insert, new);
            }
        };
        level = finer;
        let (op, np) = (split(old), split(new));
        if op.len() > 1 || np.len() > 1 {
            for piece in align(&op, &np, level, work.options) {
                emit(piece, level, work, ops);
            }
            return;
        }
    }
}

/// Lines up two sequences of pieces (histogram diff on their text, trailing whitespace aside),
/// then pairs the pieces of each changed run by similarity.
fn align<'a>(old: &'a [&'a str], new: &'a [&'a str], level: Level, options: DiffOptions) -> Vec<Piece<'a>> {
    let ok: Vec<_> = old.iter().map(|p| text_key(p, options)).collect();
    let nk: Vec<_> = new.iter().map(|p| text_key(p, options)).collect();
    let mut input: imara_diff::InternedInput<&str> = imara_diff::InternedInput::default();
    input.update_before(ok.iter().map(|k| k.trim_end()));
    input.update_after(nk.iter().map(|k| k.trim_end()));
    let diff = imara_diff::Diff::compute(imara_diff::Algorithm::Histogram, &input);
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    let (mut o, mut n) = (0, 0);
    for h in diff.hunks() {
        let (bs, be, as_, ae) = (h.before.start as usize, h.before.end as usize, h.after.start as usize, h.after.end as usize);
        out.extend(old[o..bs].iter().zip(&new[n..as_]).map(|(a, b)| Piece::Paired(a, b)));
        let (o_run, n_run) = (&old[bs..be], &new[as_..ae]);
        if level == Level::Paragraph && !o_run.is_empty() && !n_run.is_empty() && o_run.len() != n_run.len() {
            out.push(Piece::Joined(o_run, n_run));
        } else {
            pair(o_run, n_run, options, &mut out);
        }
        (o, n) = (be, ae);
    }
    out.extend(old[o..].iter().zip(&new[n..]).map(|(a, b)| Piece::Paired(a, b)));
    out
}

/// Pairs the pieces of a replaced run in order: as they stand when both sides have as many,
/// else each old piece with the most similar new one after the last pair (within
/// `LOOKAHEAD`).
fn pair<'a>(old: &[&'a str], new: &[&'a str], options: DiffOptions, out: &mut Vec<Piece<'a>>) {
    if old.len() == new.len() {
        out.extend(old.iter().zip(new).map(|(a, b)| Piece::Paired(a, b)));
        return;
    }
    if old.is_empty() || new.is_empty() {
        out.extend(old.iter().map(|a| Piece::Deleted(a)));
        out.extend(new.iter().map(|b| Piece::Inserted(b)));
        return;
    }
    let so: Vec<Signature> = old.iter().map(|b| Signature::of(b, options)).collect();
    let sn: Vec<Signature> = new.iter().map(|b| Signature::of(b, options)).collect();
    let mut j = 0;
    for (i, a) in old.iter().enumerate() {
        let best = (j..new.len().min(j + LOOKAHEAD))
            .map(|k| (k, so[i].similarity(&sn[k])))
            .filter(|(_, s)| *s >= PAIR)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        match best {
            Some((k, _)) => {
                out.extend(new[j..k].iter().map(|b| Piece::Inserted(b)));
                out.push(Piece::Paired(a, new[k]));
                j = k + 1;
            }
            None => out.push(Piece::Deleted(a)),
        }
    }
    out.extend(new[j..].iter().map(|b| Piece::Inserted(b)));
}
