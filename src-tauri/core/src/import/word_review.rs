//! A Word file as counsel sends it back: tracked changes and comments. Both readings of the
//! text (every change accepted, every change rejected) come from the same reader as import
//! (`docx`), through the same caps and the same DTD-free walker; so do the comments.

use super::docx::{Body, Docx, View, XmlEvent, attr, local, squash, walk};
use crate::error::Result;
use std::collections::HashMap;

/// A Word file as counsel sent it back: both readings of its tracked changes, each change, each comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordReview {
    /// Markdown with every tracked change accepted (what import reads).
    pub accepted: String,
    /// Markdown with every tracked change rejected: the text as it was before the tracked edits.
    pub original: String,
    /// Every tracked change in document order.
    pub changes: Vec<TrackedChange>,
    /// Every comment in comments.xml order.
    pub comments: Vec<WordComment>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackedKind {
    Insert,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedChange {
    pub kind: TrackedKind,
    /// w:author, "" when absent.
    pub author: String,
    /// w:date as written (ISO 8601), "" when absent.
    pub date: String,
    /// The plain text of the change (runs' w:t for insertions and moves to, w:delText or w:t
    /// for deletions and moves from); a paragraph-mark or table-row change gives the text of
    /// that paragraph (or row, its cells joined by " | ") as it reads where the mark or row
    /// exists. Neighbouring elements of one edit (same kind, author and date, nothing between)
    /// are one change, and a paragraph or row inserted or deleted whole is one change.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordComment {
    /// w:id
    pub id: String,
    pub author: String,
    pub date: String,
    /// The comment's paragraphs' plain text joined by "\n".
    pub text: String,
    /// The commented text (between w:commentRangeStart and w:commentRangeEnd with that id) as
    /// it reads with changes accepted; "" when the range is missing.
    pub quote: String,
    /// The same range as it reads with changes rejected.
    pub quote_original: String,
    /// The comment this one replies to (word/commentsExtended.xml: w15:commentEx paraIdParent →
    /// the parent comment whose last paragraph has that w14:paraId), when the file says.
    pub parent: Option<String>,
    /// Marked done (w15:commentEx w15:done="1").
    pub resolved: bool,
}

/// Reads a .docx's tracked changes and comments.
pub fn review(name: &str, bytes: &[u8]) -> Result<WordReview> {
    let mut docx = Docx::open(name, bytes)?;
    let body = Body::load(&mut docx)?;
    let comments = docx.part("word/comments.xml")?;
    let extended = docx.part("word/commentsExtended.xml")?;
    let accepted = body.read(View::Accepted)?;
    let original = body.read(View::Original)?;
    let mut comments = comments.map(|x| parse_comments(name, &x)).transpose()?.unwrap_or_default();
    let extended = extended.map(|x| parse_extended(name, &x)).transpose()?.unwrap_or_default();
    let by_para: HashMap<&str, &str> = comments.iter().filter_map(|(c, last)| Some((last.as_deref()?, c.id.as_str()))).collect();
    let links: Vec<(Option<String>, bool)> = comments
        .iter()
        .map(|(_, last)| {
            let Some(ex) = last.as_ref().and_then(|l| extended.get(l)) else { return (None, false) };
            (ex.parent.as_deref().and_then(|p| by_para.get(p)).map(|id| (*id).to_owned()), ex.done)
        })
        .collect();
    let mut warnings = Vec::new();
    for ((comment, _), (parent, resolved)) in comments.iter_mut().zip(links) {
        (comment.parent, comment.resolved) = (parent, resolved);
        match (accepted.quotes.get(&comment.id), original.quotes.get(&comment.id)) {
            (Some(quote), Some(quote_original)) => (comment.quote, comment.quote_original) = (quote.clone(), quote_original.clone()),
            _ => warnings.push(format!(
                "{name}: comment {} by {} marks no text (its range is missing from the document); it is kept without the text it comments on",
                comment.id,
                if comment.author.is_empty() { "an unnamed author" } else { &comment.author }
            )),
        }
    }
    Ok(WordReview {
        accepted: accepted.markdown,
        original: original.markdown,
        changes: accepted.changes,
        comments: comments.into_iter().map(|(c, _)| c).collect(),
        warnings,
    })
}

/// The comments in order, each with its last paragraph's w14:paraId.
fn parse_comments(name: &str, xml: &str) -> Result<Vec<(WordComment, Option<String>)>> {
    let mut out: Vec<(WordComment, Option<String>)> = Vec::new();
    // Inside a comment: its paragraphs so far.
    let mut paras: Option<Vec<String>> = None;
    let (mut in_text, mut skip) = (false, 0usize);
    walk(name, "word/comments.xml", xml, |ev| match ev {
        XmlEvent::Start(e) => {
            let qname = e.name();
            let tag = local(qname.as_ref());
            // A comment reads as its changes accepted.
            if skip > 0 || matches!(tag, b"del" | b"moveFrom" | b"Fallback" | b"instrText") || tag.ends_with(b"Change") {
                skip += 1;
                return;
            }
            match tag {
                b"comment" => {
                    let get = |key: &[u8]| attr(e, key).unwrap_or_default();
                    let comment = WordComment {
                        id: get(b"id"),
                        author: get(b"author"),
                        date: get(b"date"),
                        text: String::new(),
                        quote: String::new(),
                        quote_original: String::new(),
                        parent: None,
                        resolved: false,
                    };
                    out.push((comment, None));
                    paras = Some(Vec::new());
                }
                b"p" => {
                    if let (Some(paras), Some((_, last))) = (paras.as_mut(), out.last_mut()) {
                        paras.push(String::new());
                        *last = attr(e, b"paraId");
                    }
                }
                b"t" => in_text = true,
                b"tab" | b"br" | b"cr" => {
                    if let Some(p) = paras.as_mut().and_then(|p| p.last_mut()) {
                        p.push(' ');
                    }
                }
                _ => {}
            }
        }
        XmlEvent::End(tag) => {
            if skip > 0 {
                skip -= 1;
                return;
            }
            match *tag {
                b"t" => in_text = false,
                b"comment" => {
                    if let (Some(paras), Some((comment, _))) = (paras.take(), out.last_mut()) {
                        comment.text = paras.iter().map(|p| squash(p)).collect::<Vec<_>>().join("\n");
                    }
                }
                _ => {}
            }
        }
        XmlEvent::Text(t) => {
            if in_text
                && skip == 0
                && let Some(p) = paras.as_mut().and_then(|p| p.last_mut())
            {
                p.push_str(t);
            }
        }
    })?;
    Ok(out)
}

struct Extended {
    parent: Option<String>,
    done: bool,
}

/// A comment's last paragraph's paraId -> what commentsExtended.xml says of it.
fn parse_extended(name: &str, xml: &str) -> Result<HashMap<String, Extended>> {
    let mut out = HashMap::new();
    walk(name, "word/commentsExtended.xml", xml, |ev| {
        if let XmlEvent::Start(e) = ev
            && local(e.name().as_ref()) == b"commentEx"
            && let Some(para) = attr(e, b"paraId")
        {
            let done = matches!(attr(e, b"done").as_deref(), Some("1" | "true" | "on"));
            out.insert(para, Extended { parent: attr(e, b"paraIdParent"), done });
        }
    })?;
    Ok(out)
}
