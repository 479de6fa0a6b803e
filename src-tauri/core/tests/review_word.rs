//! Counsel's Word round trip: a redline exported from the workspace comes back with counsel's
//! tracked changes and comments, and each becomes a proposal (with its author) or a comment on
//! the matching text; accepting and rejecting them gives the draft counsel meant.
#![allow(clippy::unwrap_used)]

use clausewright_core::domain::{Document, ProposalKind, ProposalStatus};
use clausewright_core::export::{Format, RedlineFormat};
use clausewright_core::review::Decision;
use clausewright_core::sides::DiffInput;
use clausewright_core::{ErrorKind, Store, diff::DiffOptions, export};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn workspace() -> (Store, Document, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.set_author("Dana Founder").unwrap();
    let doc = store.create_document("Acme Privacy Policy", Some("ai-saas")).unwrap();
    (store, doc, dir)
}

/// The parts of a .docx, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_owned(), data)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_word_file_sent_back_unchanged_proposes_nothing() {
    let (mut store, doc, dir) = workspace();
    let exported = store.export_document(doc.id, None, Format::Docx).unwrap();
    let path = write(dir.path(), "policy.docx", &exported.bytes);
    let review = store.review_word_file(doc.id, &path).unwrap();
    assert!(review.proposals.is_empty(), "{:#?}", review.proposals);
    store.save_version(doc.id, "Sent", "").unwrap();
    let doc = store.document(doc.id).unwrap();
    let s = &doc.sections[2];
    store.update_section(doc.id, doc.revision, s.id, &s.heading, &format!("{}\n\nOne more paragraph of ours.", s.body)).unwrap();
    let redline = export::export_redline(Some(&store), &DiffInput::Version(doc.id, 1), &DiffInput::Draft(doc.id), RedlineFormat::Docx, DiffOptions::default()).unwrap();
    let path = write(dir.path(), "redline.docx", &redline.bytes);
    let review = store.review_word_file(doc.id, &path).unwrap();
    assert!(review.proposals.is_empty(), "our own tracked changes are already in the draft: {:#?}", review.proposals);
}

/// A Word-style tracked edit inside the run that holds `text`: `old` (in that run) deleted and
/// `new` inserted after it, by `author`; with `comment`, a comment range around both.
struct Edit<'a> {
    run_text: &'a str,
    old: &'a str,
    new: &'a str,
    author: &'a str,
    comment: Option<u32>,
    /// Where an insertion goes: before this text in the run.
    before: &'a str,
}

fn tracked(xml: &str, e: &Edit<'_>, id: &mut u32) -> String {
    let open = format!("<w:r><w:rPr /><w:t xml:space=\"preserve\">{}</w:t></w:r>", e.run_text);
    assert!(xml.contains(&open), "no run holds “{}”", e.run_text);
    let at = if e.old.is_empty() { e.run_text.find(e.before).unwrap() } else { e.run_text.find(e.old).unwrap() };
    let (before, after) = (&e.run_text[..at], &e.run_text[at + e.old.len()..]);
    let run = |t: &str| if t.is_empty() { String::new() } else { format!("<w:r w:rsidR=\"00A1B2C3\"><w:rPr /><w:t xml:space=\"preserve\">{t}</w:t></w:r>") };
    let date = "2026-11-30T09:15:00Z";
    let mut change = String::new();
    if let Some(c) = e.comment {
        change.push_str(&format!("<w:commentRangeStart w:id=\"{c}\"/>"));
    }
    if !e.old.is_empty() {
        *id += 1;
        change.push_str(&format!("<w:del w:id=\"{id}\" w:author=\"{}\" w:date=\"{date}\"><w:r w:rsidDel=\"00D4E5F6\"><w:rPr /><w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:del>", e.author, e.old));
    }
    if !e.new.is_empty() {
        *id += 1;
        change.push_str(&format!("<w:ins w:id=\"{id}\" w:author=\"{}\" w:date=\"{date}\"><w:r w:rsidR=\"00D4E5F6\"><w:rPr /><w:t xml:space=\"preserve\">{}</w:t></w:r></w:ins>", e.author, e.new));
    }
    if let Some(c) = e.comment {
        change.push_str(&format!("<w:commentRangeEnd w:id=\"{c}\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{c}\"/></w:r>"));
    }
    xml.replacen(&open, &format!("{}{change}{}", run(before), run(after)), 1)
}

const COMMENTS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"></w:comments>"#;
const COMMENT: &str = r#"<w:comment w:id="900" w:author="Ruth Counsel" w:date="2026-11-30T09:16:00Z" w:initials="RC"><w:p w14:paraId="1A2B3C4D"><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:t>Twice a year is what we promised the regulator.</w:t></w:r></w:p></w:comment>"#;

/// Counsel's edits on a Word file: Ruth replaces words (with a comment over the change), Sam
/// adds a sentence; both the way Word writes them.
fn counsel_edits(bytes: &[u8]) -> Vec<u8> {
    let mut parts = unzip(bytes);
    let mut id = 100;
    for (name, data) in &mut parts {
        if name == "word/document.xml" {
            let xml = String::from_utf8(data.clone()).unwrap();
            let xml = tracked(&xml, &Edit { run_text: "We review this policy at least once a year and update it when our practices or the law change.", old: "at least once a year", new: "every six months", author: "Ruth Counsel", comment: Some(900), before: "" }, &mut id);
            let xml = tracked(&xml, &Edit { run_text: "This policy does not cover websites or services that other companies run, even if you reach them through Acme Chat. Their own privacy policies apply.", old: "", new: "any link or plug-in in ", author: "Sam Associate", comment: None, before: "Acme Chat" }, &mut id);
            *data = xml.into_bytes();
        }
    }
    if !parts.iter().any(|(n, _)| n == "word/comments.xml") {
        parts.push(("word/comments.xml".into(), COMMENTS.as_bytes().to_vec()));
    }
    for (name, data) in &mut parts {
        if name == "word/comments.xml" {
            let xml = String::from_utf8(data.clone()).unwrap();
            // docx-rs writes an empty list as one self-closing element.
            let xml = match xml.trim_end().strip_suffix("/>") {
                Some(open) if !xml.contains("</w:comments>") => format!("{open}></w:comments>"),
                _ => xml,
            };
            *data = xml.replace("</w:comments>", &format!("{COMMENT}</w:comments>")).into_bytes();
        }
    }
    rezip(&parts)
}

#[test]
fn counsels_tracked_changes_and_comments_come_back_as_proposals_and_are_decided() {
    let (mut store, doc, dir) = workspace();
    let doc = store.set_profile_value(doc.id, doc.revision, "product_name", Some(clausewright_core::domain::Value::Text("Acme Chat".into()))).unwrap();
    store.save_version(doc.id, "Sent to counsel", "").unwrap();
    let redline = export::export_redline(Some(&store), &DiffInput::Version(doc.id, 1), &DiffInput::Draft(doc.id), RedlineFormat::Docx, DiffOptions::default()).unwrap();
    let path = write(dir.path(), "back from counsel.docx", &counsel_edits(&redline.bytes));
    let review = store.review_word_file(doc.id, &path).unwrap();
    assert_eq!(review.document, doc, "the draft waits for decisions");
    let seen: Vec<(ProposalKind, &str, &str, &str, &str)> =
        review.proposals.iter().map(|p| (p.kind, p.author.as_str(), p.section.as_str(), p.old_text.trim(), p.new_text.trim())).collect();
    assert_eq!(
        seen,
        [
            (ProposalKind::Replace, "Ruth Counsel", "Effective date", "at least once a year", "every six months"),
            (ProposalKind::Insert, "Sam Associate", "Who we are", "", "any link or plug-in in"),
            (ProposalKind::Comment, "Ruth Counsel", "Effective date", "at least once a year", "Twice a year is what we promised the regulator."),
        ]
    );
    assert_eq!(review.proposals[0].date, "2026-11-30T09:15:00Z");
    assert!(review.unplaced.is_empty(), "{:?}", review.unplaced);
    let comments = store.comments(doc.id).unwrap();
    assert_eq!(comments.len(), 1);
    assert!(comments[0].anchored && comments[0].author == "Ruth Counsel", "{comments:?}");

    // Accepting Ruth's words moves her comment onto them; rejecting them again moves it back.
    let d = store.decide(doc.id, doc.revision, &[review.proposals[0].id], Some(Decision::Accept)).unwrap();
    let c = &store.comments(doc.id).unwrap()[0];
    assert!(c.anchored && c.quote == "every six months", "{c:?}");
    let doc = store.decide(d.id, d.revision, &[review.proposals[0].id], None).unwrap();
    assert_eq!(store.comments(doc.id).unwrap()[0].quote, "at least once a year");

    // Accept Sam's sentence, reject Ruth's words.
    let doc = store.decide(doc.id, doc.revision, &[review.proposals[1].id], Some(Decision::Accept)).unwrap();
    let doc = store.decide(doc.id, doc.revision, &[review.proposals[0].id], Some(Decision::Reject)).unwrap();
    let body = |h: &str| doc.sections.iter().find(|s| s.heading == h).unwrap().body.clone();
    assert!(body("Who we are").contains("even if you reach them through any link or plug-in in {{product_name}}."), "{}", body("Who we are"));
    assert!(body("Effective date").contains("at least once a year"));
    let who = doc.sections.iter().find(|s| s.heading == "Who we are").unwrap();
    assert!(who.origin.as_ref().is_some_and(|o| o.edited), "still the library's clause, now edited: {:?}", who.origin);
    let statuses: Vec<ProposalStatus> = store.proposals(doc.id).unwrap().iter().map(|p| p.status).collect();
    assert_eq!(statuses, [ProposalStatus::Rejected, ProposalStatus::Accepted, ProposalStatus::Open]);
    // Only the one section changed.
    let before = store.version(doc.id, 1).unwrap();
    let changed: Vec<&str> = doc.sections.iter().zip(&before.sections).filter(|(a, b)| a.body != b.body).map(|(a, _)| a.heading.as_str()).collect();
    assert_eq!(changed, ["Who we are"]);
}

#[test]
fn a_file_that_is_not_a_word_review_changes_nothing() {
    let (mut store, doc, dir) = workspace();
    let path = write(dir.path(), "notes.md", b"# Notes");
    let err = store.review_word_file(doc.id, &path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(err.to_string().contains("notes.md: a review is read from a Word file"), "{err}");
    let path = write(dir.path(), "broken.docx", b"PK\x03\x04 not really");
    let err = store.review_word_file(doc.id, &path).unwrap_err();
    assert!(err.to_string().contains("broken.docx"), "{err}");
    assert_eq!(store.document(doc.id).unwrap(), doc);
    assert!(store.proposals(doc.id).unwrap().is_empty());
}

#[test]
fn our_comments_go_out_in_word_files_and_redlines_and_come_back_without_doubling() {
    let (mut store, doc, dir) = workspace();
    let s = doc.sections.iter().find(|s| s.body.contains("at least once a year")).unwrap().id;
    let c = store
        .add_comment(&clausewright_core::store::NewComment { document_id: doc.id, section_id: s, quote: "at least once a year".into(), text: "Is yearly enough?".into(), ..Default::default() })
        .unwrap();
    store.reply_to_comment(c.id, "Yes, for now.").unwrap();

    let exported = store.export_document(doc.id, None, Format::Docx).unwrap();
    let word = clausewright_core::import::review("policy.docx", &exported.bytes).unwrap();
    let got: Vec<(&str, &str, bool)> = word.comments.iter().map(|c| (c.author.as_str(), c.text.as_str(), c.quote.contains("at least once a year"))).collect();
    assert_eq!(got, [("Dana Founder", "Is yearly enough?", true), ("Dana Founder", "Yes, for now.", true)]);
    assert_eq!(word.comments[1].parent.as_deref(), Some(word.comments[0].id.as_str()), "the reply is a Word reply");

    store.save_version(doc.id, "Sent", "").unwrap();
    let redline = |format| export::export_redline(Some(&store), &DiffInput::Version(doc.id, 1), &DiffInput::Draft(doc.id), format, DiffOptions::default()).unwrap();
    let in_redline = clausewright_core::import::review("redline.docx", &redline(RedlineFormat::Docx).bytes).unwrap();
    assert_eq!(in_redline.comments.len(), 2);
    let html = String::from_utf8(redline(RedlineFormat::HtmlInline).bytes).unwrap();
    assert!(html.contains("<h2>Comments</h2>") && html.contains("Is yearly enough?") && html.contains("Yes, for now."), "the HTML redline lists the comments");

    // Sent back as it was, the file adds no comment twice and proposes nothing.
    let path = write(dir.path(), "policy.docx", &exported.bytes);
    let review = store.review_word_file(doc.id, &path).unwrap();
    assert!(review.proposals.is_empty(), "{:?}", review.proposals);
    assert_eq!(store.comments(doc.id).unwrap().len(), 2);
    // Resolved, a thread stays out of the next export.
    store.set_comment_resolved(c.id, true).unwrap();
    let again = store.export_document(doc.id, None, Format::Docx).unwrap();
    assert!(clausewright_core::import::review("policy.docx", &again.bytes).unwrap().comments.is_empty());
}

#[test]
fn a_heading_counsel_renamed_is_one_change_to_the_same_section() {
    let (mut store, doc, dir) = workspace();
    let exported = store.export_document(doc.id, None, Format::Docx).unwrap();
    let mut parts = unzip(&exported.bytes);
    let mut id = 700;
    for (name, data) in &mut parts {
        if name == "word/document.xml" {
            let xml = String::from_utf8(data.clone()).unwrap();
            *data = tracked(&xml, &Edit { run_text: "3. Who we are", old: "Who we are", new: "About us", author: "Ruth Counsel", comment: None, before: "" }, &mut id).into_bytes();
        }
    }
    let path = write(dir.path(), "renamed.docx", &rezip(&parts));
    let review = store.review_word_file(doc.id, &path).unwrap();
    let seen: Vec<(ProposalKind, bool, &str, &str)> = review.proposals.iter().map(|p| (p.kind, p.whole_section, p.old_text.trim(), p.new_text.trim())).collect();
    assert_eq!(seen, [(ProposalKind::Replace, false, "Who we are", "About us")]);
    let before = doc.sections.iter().find(|s| s.heading == "Who we are").unwrap().clone();
    let doc = store.decide(doc.id, doc.revision, &[review.proposals[0].id], Some(Decision::Accept)).unwrap();
    let after = doc.sections.iter().find(|s| s.id == before.id).unwrap();
    assert_eq!((after.heading.as_str(), after.body.as_str()), ("About us", before.body.as_str()), "the same section, renamed, its text and placeholders as they were");
}
