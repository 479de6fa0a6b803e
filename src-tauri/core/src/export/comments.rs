//! Comments in exports. Each open thread on the side exported is placed on the paragraph that
//! holds its quote, within its section (else on the section's heading, so none is dropped);
//! Word files carry them as real comments with replies, HTML and PDF redlines list them after
//! the changes.

use crate::domain::Comment;
use docx_rs::{Paragraph, Run};

/// A thread: its first comment and the replies, oldest first.
#[derive(Debug, Clone)]
pub(super) struct Thread<'a> {
    pub root: &'a Comment,
    pub replies: Vec<&'a Comment>,
}

/// The open threads among a side's comments.
pub(super) fn threads(comments: &[Comment]) -> Vec<Thread<'_>> {
    comments
        .iter()
        .filter(|c| c.parent_id.is_none() && !c.resolved)
        .map(|root| Thread { root, replies: comments.iter().filter(|r| r.parent_id == Some(root.id)).collect() })
        .collect()
}

/// What a paragraph of an export is, for placing comments.
pub(super) enum Place {
    /// A section heading, as the export shows it (perhaps numbered).
    Heading(String),
    /// Text, plain.
    Text(String),
    /// Neither (a title, a table, a rule).
    Other,
}

/// For each paragraph, the threads placed on it.
pub(super) fn place<'a>(places: &[Place], threads: &[Thread<'a>]) -> Vec<Vec<Thread<'a>>> {
    let mut out: Vec<Vec<Thread<'a>>> = vec![Vec::new(); places.len()];
    // Each paragraph's section heading, and where each section's heading is.
    let mut section: Vec<Option<usize>> = Vec::with_capacity(places.len());
    let mut current = None;
    for (k, p) in places.iter().enumerate() {
        if matches!(p, Place::Heading(_)) {
            current = Some(k);
        }
        section.push(current);
    }
    for t in threads {
        let heading = places.iter().position(|p| matches!(p, Place::Heading(h) if names(h, &t.root.heading)));
        let quote = plain(&t.root.quote);
        let on_text = places.iter().enumerate().position(|(k, p)| {
            matches!(p, Place::Text(text) if (heading.is_none() || section[k] == heading) && !quote.is_empty() && plain(text).contains(&quote))
        });
        if let Some(k) = on_text.or(heading) {
            out[k].push(t.clone());
        }
    }
    out
}

/// Whether a heading as exported ("2.1 Who we are") is the section's heading ("Who we are").
fn names(shown: &str, heading: &str) -> bool {
    let shown = shown.trim();
    let rest = shown.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim_start();
    !heading.trim().is_empty() && (shown == heading.trim() || rest == heading.trim())
}

/// Text without Markdown emphasis marks and with single spaces, to compare with.
fn plain(s: &str) -> String {
    s.replace(['*', '_', '`', '\\'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The thread as Word comments: the first, then each reply as a reply to it. Ids from `next`.
pub(super) fn word(t: &Thread<'_>, next: &mut usize) -> Vec<docx_rs::Comment> {
    let mut out = Vec::new();
    *next += 1;
    let root = *next;
    for (k, c) in std::iter::once(t.root).chain(t.replies.iter().copied()).enumerate() {
        let id = if k == 0 { root } else {
            *next += 1;
            *next
        };
        let mut comment = docx_rs::Comment::new(id).author(c.author.as_str()).date(c.created_at.as_str());
        for line in c.text.lines() {
            comment = comment.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
        }
        if k > 0 {
            comment = comment.parent_comment_id(root);
        }
        out.push(comment);
    }
    out
}

/// Puts comments' starts before a paragraph's runs; `end` puts their ends after them.
pub(super) fn start(mut p: Paragraph, comments: Vec<docx_rs::Comment>) -> (Paragraph, Vec<usize>) {
    let ids = comments.iter().map(docx_rs::Comment::id).collect();
    for c in comments {
        p = p.add_comment_start(c);
    }
    (p, ids)
}

pub(super) fn end(mut p: Paragraph, ids: &[usize]) -> Paragraph {
    for id in ids {
        p = p.add_comment_end(*id);
    }
    p
}

/// The threads as lines of text for a list after a redline: where, who, when, what.
pub(super) fn listing(threads: &[Thread<'_>]) -> Vec<String> {
    threads
        .iter()
        .map(|t| {
            let c = t.root;
            let mut line = format!("{}: “{}” — {} ({}): {}", c.heading, c.quote, c.author, day(&c.created_at), c.text);
            if !c.anchored {
                line.push_str(" [text changed]");
            }
            for r in &t.replies {
                line.push_str(&format!(" / {} ({}): {}", r.author, day(&r.created_at), r.text));
            }
            line
        })
        .collect()
}

fn day(date: &str) -> &str {
    &date[..10.min(date.len())]
}
