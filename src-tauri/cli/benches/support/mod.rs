//! Counting the words a redline marks, ours and git's, the same way.
//!
//! A word is what `git diff --word-diff` takes by default: a run of non-whitespace characters.
//! Git marks whole words; ours may mark part of one ("collected[-,-]"), which counts as that
//! word marked. A side's marked words are its words with any character inside a change; a
//! moved section counts only the words changed inside it (its rows), not the move.

use clausewright_core::diff::{Comparison, marked_words};
use std::path::Path;
use std::process::Command;

/// Words marked deleted plus words marked inserted by our comparison (`diff::marked_words`).
pub fn ours(c: &Comparison) -> u32 {
    c.sections.iter().flat_map(|s| &s.rows).map(|r| marked_words(&r.ops)).sum()
}

/// Words marked deleted plus inserted by `git diff --no-index --word-diff=porcelain`: its `-` and
/// `+` lines hold the changed words. None when git cannot run.
pub fn git(a: &Path, b: &Path) -> Option<u32> {
    let out = Command::new("git").args(["diff", "--no-index", "--word-diff=porcelain"]).arg(a).arg(b).output().ok()?;
    // Exit 1 means "differences found".
    if !matches!(out.status.code(), Some(0 | 1)) {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let body = text.split_once("\n@@").map_or("", |(_, rest)| rest);
    Some(
        body.lines()
            .filter(|l| l.starts_with('-') || l.starts_with('+'))
            .map(|l| l[1..].split_whitespace().count() as u32)
            .sum(),
    )
}

/// The real policy histories: `$CLAUSEWRIGHT_CORPUS`, else `../shared/corpus` beside the repository.
pub fn corpus_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("CLAUSEWRIGHT_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    dir.is_dir().then_some(dir)
}
