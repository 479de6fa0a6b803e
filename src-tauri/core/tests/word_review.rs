//! Reading a Word file counsel sent back with tracked changes and comments: both readings of
//! the text, each change, each comment and its quote, the way Word writes them.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::Error;
use clausewright_core::import::{TrackedChange, TrackedKind, WordComment, WordReview, review};
use proptest::prelude::*;
use std::io::Write;

/// A .docx made of the given parts (with Word's content types), deflated.
fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(CONTENT_TYPES.as_bytes()).unwrap();
    for (path, body) in parts {
        zip.start_file(*path, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>"#;

/// The namespaces Word declares on its parts' roots.
const NS: &str = r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15""#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/></w:style></w:styles>"#;

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NS}><w:body>{body}<w:sectPr w:rsidR="00A31F2E"><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

/// A paragraph as Word writes it, with ids and rsids; `inner` is its pPr and content.
fn para(id: u32, inner: &str) -> String {
    format!(r#"<w:p w14:paraId="{id:08X}" w14:textId="77777777" w:rsidR="00A31F2E" w:rsidRDefault="00A31F2E" w:rsidP="00A31F2E">{inner}</w:p>"#)
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn ins(id: u32, who: &str, text: &str) -> String {
    format!(r#"<w:ins w:id="{id}" w:author="{who}" w:date="{}"><w:r w:rsidR="00B7712C"><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>"#, date(who))
}

fn del(id: u32, who: &str, text: &str) -> String {
    format!(r#"<w:del w:id="{id}" w:author="{who}" w:date="{}"><w:r w:rsidDel="00B7712C"><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>"#, date(who))
}

/// A paragraph mark's properties: inserted or deleted by `who`.
fn mark(tag: &str, id: u32, who: &str) -> String {
    format!(r#"<w:pPr><w:rPr><w:{tag} w:id="{id}" w:author="{who}" w:date="{}"/></w:rPr></w:pPr>"#, date(who))
}

/// Each author edited on one day.
fn date(who: &str) -> &'static str {
    if who == DANA { "2026-03-02T10:15:00Z" } else { "2026-03-03T09:00:00Z" }
}

const DANA: &str = "Dana Reyes";
const LEE: &str = "Lee Park";

fn change(kind: TrackedKind, who: &str, text: &str) -> TrackedChange {
    TrackedChange { kind, author: who.to_owned(), date: date(who).to_owned(), text: text.to_owned() }
}

use TrackedKind::{Delete, Insert};

fn comments_xml(comments: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments {NS}>{comments}</w:comments>"#)
}

/// A comment whose paragraphs have the given paraIds and texts.
fn comment(id: u32, who: &str, paras: &[(&str, &str)]) -> String {
    let paras: String = paras
        .iter()
        .enumerate()
        .map(|(i, (pid, text))| {
            let anchor = if i == 0 { r#"<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>"# } else { "" };
            format!(r#"<w:p w14:paraId="{pid}" w14:textId="77777777" w:rsidR="00C1" w:rsidRDefault="00C1"><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{anchor}<w:r><w:t>{text}</w:t></w:r></w:p>"#)
        })
        .collect();
    format!(r#"<w:comment w:id="{id}" w:author="{who}" w:date="{}" w:initials="XX">{paras}</w:comment>"#, date(who))
}

fn reference(id: u32) -> String {
    format!(r#"<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{id}"/></w:r>"#)
}

fn read(parts: &[(&str, &str)]) -> WordReview {
    review("counsel.docx", &docx(parts)).unwrap()
}

#[test]
fn two_authors_edit_a_sentence_under_a_heading_and_discuss_it() {
    let body = [
        para(1, &format!(r#"<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>{}"#, run("1. Data we collect"))),
        para(
            2,
            &[
                run("We collect your "),
                del(1, DANA, "name"),
                ins(2, DANA, "email address"),
                run(" and "),
                r#"<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>"#.to_owned(),
                ins(3, LEE, "approximate "),
                run("location"),
                r#"<w:commentRangeEnd w:id="0"/>"#.to_owned(),
                reference(0),
                r#"<w:commentRangeEnd w:id="1"/>"#.to_owned(),
                reference(1),
                run("."),
            ]
            .concat(),
        ),
        para(3, &[r#"<w:commentRangeStart w:id="2"/>"#.to_owned(), run("We never sell it."), r#"<w:commentRangeEnd w:id="2"/>"#.to_owned(), reference(2)].concat()),
    ]
    .concat();
    let comments = comments_xml(
        &[
            comment(0, LEE, &[("0A1B2C3D", "Is approximate enough?"), ("0A1B2C3E", "See  section 4.")]),
            comment(1, DANA, &[("1B2C3D4E", "Yes, city level.")]),
            comment(2, DANA, &[("2C3D4E5F", "Confirmed with sales.")]),
        ]
        .concat(),
    );
    let extended = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:commentsEx {NS}><w15:commentEx w15:paraId="0A1B2C3E" w15:done="0"/><w15:commentEx w15:paraId="1B2C3D4E" w15:paraIdParent="0A1B2C3E" w15:done="0"/><w15:commentEx w15:paraId="2C3D4E5F" w15:done="1"/></w15:commentsEx>"#
    );
    let r = read(&[
        ("word/document.xml", &document(&body)),
        ("word/styles.xml", STYLES),
        ("word/comments.xml", &comments),
        ("word/commentsExtended.xml", &extended),
    ]);
    assert_eq!(r.accepted, "## 1. Data we collect\n\nWe collect your email address and approximate location.\n\nWe never sell it.\n");
    assert_eq!(r.original, "## 1. Data we collect\n\nWe collect your name and location.\n\nWe never sell it.\n");
    assert_eq!(r.changes, [change(Delete, DANA, "name"), change(Insert, DANA, "email address"), change(Insert, LEE, "approximate ")]);
    let c = |id: &str, who: &str, text: &str, quote: &str, quote_original: &str, parent: Option<&str>, resolved: bool| WordComment {
        id: id.to_owned(),
        author: who.to_owned(),
        date: date(who).to_owned(),
        text: text.to_owned(),
        quote: quote.to_owned(),
        quote_original: quote_original.to_owned(),
        parent: parent.map(str::to_owned),
        resolved,
    };
    assert_eq!(
        r.comments,
        [
            c("0", LEE, "Is approximate enough?\nSee section 4.", "approximate location", "location", None, false),
            c("1", DANA, "Yes, city level.", "approximate location", "location", Some("0"), false),
            c("2", DANA, "Confirmed with sales.", "We never sell it.", "We never sell it.", None, true),
        ]
    );
    assert!(r.warnings.is_empty(), "review reads tracked changes and does not warn about them: {:?}", r.warnings);
}

#[test]
fn paragraph_marks_deleted_join_and_inserted_ones_split() {
    let body = [
        para(1, &[mark("del", 10, DANA), r#"<w:commentRangeStart w:id="5"/>"#.to_owned(), run("We keep data ")].concat()),
        para(2, &run("for two years.")),
        // A paragraph deleted whole: its text and its mark.
        para(3, &[mark("del", 11, DANA), del(12, DANA, "Obsolete sentence.")].concat()),
        para(4, &[run("Contact "), r#"<w:commentRangeEnd w:id="5"/>"#.to_owned(), reference(5), run("us.")].concat()),
        // Lee split one paragraph in two.
        para(5, &[mark("ins", 13, LEE), run("Part one. ")].concat()),
        para(6, &run("Part two.")),
    ]
    .concat();
    let r = read(&[("word/document.xml", &document(&body)), ("word/comments.xml", &comments_xml(&comment(5, LEE, &[("05050505", "Too long?")])))]);
    assert_eq!(r.accepted, "We keep data for two years.\n\nContact us.\n\nPart one.\n\nPart two.\n");
    assert_eq!(r.original, "We keep data\n\nfor two years.\n\nObsolete sentence.\n\nContact us.\n\nPart one. Part two.\n");
    assert_eq!(r.changes, [change(Delete, DANA, "We keep data"), change(Delete, DANA, "Obsolete sentence."), change(Insert, LEE, "Part one.")]);
    assert_eq!(r.comments[0].quote, "We keep data for two years. Contact");
    assert_eq!(r.comments[0].quote_original, "We keep data for two years. Obsolete sentence. Contact");
}

/// A table row as Word writes it; `change` is the row's trPr content and each cell's paragraph
/// mark and runs are tracked the same way.
fn row(change: Option<(&str, u32, &str)>, cells: &[&str]) -> String {
    let trpr = change.map(|(tag, id, who)| format!(r#"<w:trPr><w:{tag} w:id="{id}" w:author="{who}" w:date="{}"/></w:trPr>"#, date(who))).unwrap_or_default();
    let cells: String = cells
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let content = match change {
                Some(("ins", id, who)) => [mark("ins", id + 10 + i as u32, who), ins(id + 20 + i as u32, who, text)].concat(),
                Some((_, id, who)) => [mark("del", id + 10 + i as u32, who), del(id + 20 + i as u32, who, text)].concat(),
                None => run(text),
            };
            format!(r#"<w:tc><w:tcPr><w:tcW w:w="4675" w:type="dxa"/></w:tcPr>{}</w:tc>"#, para(100 + i as u32, &content))
        })
        .collect();
    format!(r#"<w:tr w:rsidR="00D2" w:rsidTr="00D2">{trpr}{cells}</w:tr>"#)
}

#[test]
fn table_rows_inserted_and_deleted() {
    let table = format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid><w:gridCol w:w="4675"/><w:gridCol w:w="4675"/></w:tblGrid>{}{}{}{}</w:tbl>"#,
        row(None, &["Provider", "Purpose"]),
        row(Some(("ins", 200, LEE)), &["Stripe", "Payments"]),
        row(Some(("del", 300, DANA)), &["Mixpanel", "Analytics"]),
        row(None, &["Postmark", "Email"]),
    );
    let r = read(&[("word/document.xml", &document(&[para(1, &run("Our processors:")), table, para(2, "")].concat()))]);
    assert_eq!(r.accepted, "Our processors:\n\n| Provider | Purpose |\n| --- | --- |\n| Stripe | Payments |\n| Postmark | Email |\n");
    assert_eq!(r.original, "Our processors:\n\n| Provider | Purpose |\n| --- | --- |\n| Mixpanel | Analytics |\n| Postmark | Email |\n");
    assert_eq!(r.changes, [change(Insert, LEE, "Stripe | Payments"), change(Delete, DANA, "Mixpanel | Analytics")], "a row inserted or deleted whole is one change");
}

#[test]
fn a_moved_paragraph_reads_where_it_was_and_where_it_went() {
    let d = date(DANA);
    let moved_from = format!(
        r#"<w:pPr><w:rPr><w:moveFrom w:id="1" w:author="{DANA}" w:date="{d}"/></w:rPr></w:pPr><w:moveFromRangeStart w:id="2" w:author="{DANA}" w:date="{d}" w:name="move162"/><w:moveFrom w:id="3" w:author="{DANA}" w:date="{d}"><w:r><w:t>We use cookies.</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="2"/>"#
    );
    let moved_to = format!(
        r#"<w:pPr><w:rPr><w:moveTo w:id="4" w:author="{DANA}" w:date="{d}"/></w:rPr></w:pPr><w:moveToRangeStart w:id="5" w:author="{DANA}" w:date="{d}" w:name="move162"/><w:moveTo w:id="6" w:author="{DANA}" w:date="{d}"><w:r><w:t>We use cookies.</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="5"/>"#
    );
    let body = [para(1, &run("Intro.")), para(2, &moved_from), para(3, &run("Details.")), para(4, &moved_to)].concat();
    let r = read(&[("word/document.xml", &document(&body))]);
    assert_eq!(r.accepted, "Intro.\n\nDetails.\n\nWe use cookies.\n");
    assert_eq!(r.original, "Intro.\n\nWe use cookies.\n\nDetails.\n");
    assert_eq!(r.changes, [change(Delete, DANA, "We use cookies."), change(Insert, DANA, "We use cookies.")]);
}

#[test]
fn text_one_author_inserted_and_another_deleted_is_in_neither_reading() {
    let nested = format!(
        r#"<w:ins w:id="41" w:author="{DANA}" w:date="{}">{}</w:ins>"#,
        date(DANA),
        del(42, LEE, "all ")
    );
    let body = [para(1, &run("Sharing.")), para(2, &[ins(40, DANA, "We may share "), nested, ins(43, DANA, "data.")].concat())].concat();
    let r = read(&[("word/document.xml", &document(&body))]);
    assert_eq!(r.accepted, "Sharing.\n\nWe may share data.\n");
    assert_eq!(r.original, "Sharing.\n");
    assert_eq!(r.changes, [change(Insert, DANA, "We may share data."), change(Delete, LEE, "all ")], "Word's pieces of one insertion are one change");
}

#[test]
fn a_file_without_tracked_changes_reads_the_same_both_ways() {
    let body = [para(1, &format!(r#"<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>{}"#, run("Scope"))), para(2, &run("All of it."))].concat();
    let r = read(&[("word/document.xml", &document(&body)), ("word/styles.xml", STYLES)]);
    assert_eq!(r.accepted, "## Scope\n\nAll of it.\n");
    assert_eq!(r.original, r.accepted);
    assert!(r.changes.is_empty() && r.comments.is_empty() && r.warnings.is_empty(), "{r:?}");
}

#[test]
fn a_comment_without_its_range_is_kept_with_a_warning() {
    let r = read(&[("word/document.xml", &document(&para(1, &run("Text.")))), ("word/comments.xml", &comments_xml(&comment(7, LEE, &[("07070707", "Where?")])))]);
    assert_eq!((r.comments[0].quote.as_str(), r.comments[0].quote_original.as_str(), r.comments[0].text.as_str()), ("", "", "Where?"));
    assert_eq!(r.warnings.len(), 1);
    assert!(r.warnings[0].contains("comment 7 by Lee Park") && r.warnings[0].contains("counsel.docx"), "{:?}", r.warnings);
}

#[test]
fn hostile_or_broken_parts_are_refused_naming_the_file_and_the_part() {
    let refused = |parts: &[(&str, &str)]| match review("counsel.docx", &docx(parts)) {
        Err(Error::Invalid(m)) => m,
        other => panic!("expected Invalid, got {other:?}"),
    };
    let doc = document(&para(1, &run("Text.")));
    let doctype = r#"<?xml version="1.0"?><!DOCTYPE w:comments [<!ENTITY x "y">]><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#;
    let m = refused(&[("word/document.xml", &doc), ("word/comments.xml", doctype)]);
    assert!(m.contains("counsel.docx") && m.contains("word/comments.xml") && m.contains("DOCTYPE"), "{m}");
    let m = refused(&[("word/document.xml", &doc), ("word/commentsExtended.xml", "<w15:commentsEx><w15:commentEx></w15:commentsEx>")]);
    assert!(m.contains("counsel.docx") && m.contains("word/commentsExtended.xml"), "{m}");
    let m = refused(&[("word/document.xml", &document("<w:p><w:ins></w:p>"))]);
    assert!(m.contains("counsel.docx") && m.contains("word/document.xml"), "{m}");
    // comments.xml counts in the same unpacked budget: a part of zeros past the cap is a bomb.
    let bomb = format!("<w:comments>{}</w:comments>", " ".repeat(17 * 1024 * 1024));
    let m = refused(&[("word/document.xml", &doc), ("word/comments.xml", &bomb)]);
    assert!(m.contains("word/comments.xml") && m.contains("zip bomb"), "{m}");
}

/// How a generated word is marked.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Plain,
    Inserted,
    Deleted,
    /// Inserted by one author, then deleted by another.
    InsertedThenDeleted,
}

fn mark_strategy() -> impl Strategy<Value = Mark> {
    prop_oneof![Just(Mark::Plain), Just(Mark::Inserted), Just(Mark::Deleted), Just(Mark::InsertedThenDeleted)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary bytes give a review or an error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = review("x.docx", &bytes);
    }

    /// Arbitrary markup in the document and comments gives a review or an error, never a panic.
    #[test]
    fn arbitrary_tracked_markup_never_panics(
        body in "(<w:(p|r|t|delText|tbl|tr|tc|pPr|rPr|trPr|ins|del|moveFrom|moveTo|pPrChange|rPrChange|pStyle w:val=\"Heading2\"|b)>|<w:(ins|del|moveTo|moveFrom|commentRangeStart|commentRangeEnd) w:id=\"[01]\"/>|</w:(p|r|t|delText|tbl|tr|tc|pPr|rPr|trPr|ins|del|moveFrom|moveTo|pPrChange|rPrChange)>|[a-z &;]{0,6}){0,60}",
        comments in "(<w:(comment|p|r|t|del) w:id=\"[01]\" w14:paraId=\"[AB]\">|</w:(comment|p|r|t|del)>|[a-z ]{0,6}){0,20}",
        extended in "(<w15:commentEx w15:paraId=\"[AB]\" w15:paraIdParent=\"[AB]\" w15:done=\"[01]\"/>){0,4}"
    ) {
        let _ = review("x.docx", &docx(&[
            ("word/document.xml", &document(&body)),
            ("word/comments.xml", &comments_xml(&comments)),
            ("word/commentsExtended.xml", &format!("<w15:commentsEx {NS}>{extended}</w15:commentsEx>")),
            ("word/styles.xml", STYLES),
        ]));
    }

    /// Paragraphs of words inserted and deleted by several authors, with paragraph marks
    /// inserted and deleted too: the original reading has exactly the words not inserted, the
    /// accepted one exactly the words not deleted, in order; each tracked word is in a change.
    #[test]
    fn each_reading_has_exactly_its_words(
        paras in proptest::collection::vec((proptest::collection::vec((mark_strategy(), 0..3usize), 0..8), 0..3usize), 1..6)
    ) {
        let authors = ["Dana Reyes", "Lee Park", "Sam Ode"];
        let (mut body, mut accepted, mut original, mut inserted, mut deleted) = (String::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut n = 0u32;
        for (words, para_mark) in &paras {
            let mut inner = match para_mark {
                1 => mark("ins", 9000 + n, LEE),
                2 => mark("del", 9000 + n, DANA),
                _ => String::new(),
            };
            for (m, who) in words {
                n += 1;
                let word = format!("w{n}");
                let text = format!("{word} ");
                let who = authors[*who];
                inner.push_str(&match m {
                    Mark::Plain => run(&text),
                    Mark::Inserted => ins(n, who, &text),
                    Mark::Deleted => del(n, who, &text),
                    Mark::InsertedThenDeleted => format!(r#"<w:ins w:id="{n}" w:author="{who}" w:date="2026-01-01T00:00:00Z">{}</w:ins>"#, del(n + 5000, authors[(who.len()) % 3], &text)),
                });
                if matches!(m, Mark::Plain | Mark::Inserted) { accepted.push(word.clone()); }
                if matches!(m, Mark::Plain | Mark::Deleted) { original.push(word.clone()); }
                if *m == Mark::Inserted { inserted.push(word.clone()); }
                if matches!(m, Mark::Deleted | Mark::InsertedThenDeleted) { deleted.push(word.clone()); }
            }
            body.push_str(&para(n, &inner));
        }
        let r = review("x.docx", &docx(&[("word/document.xml", &document(&body))])).unwrap();
        prop_assert_eq!(r.accepted.split_whitespace().collect::<Vec<_>>(), accepted);
        prop_assert_eq!(r.original.split_whitespace().collect::<Vec<_>>(), original);
        let in_change = |kind: TrackedKind, word: &str| r.changes.iter().any(|c| c.kind == kind && c.text.split_whitespace().any(|w| w == word));
        for word in &inserted {
            prop_assert!(in_change(Insert, word), "{} is in no insertion: {:?}", word, r.changes);
        }
        for word in &deleted {
            prop_assert!(in_change(Delete, word), "{} is in no deletion: {:?}", word, r.changes);
        }
    }
}

#[test]
fn formatting_changes_are_undone_in_the_original_reading_and_are_not_changes() {
    let d = date(LEE);
    let heading = format!(
        r#"<w:pPr><w:pStyle w:val="Heading2"/><w:pPrChange w:id="1" w:author="{LEE}" w:date="{d}"><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrChange></w:pPr>{}"#,
        run("Scope")
    );
    let bolded = format!(r#"<w:r><w:rPr><w:b/><w:rPrChange w:id="2" w:author="{LEE}" w:date="{d}"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>Stripe</w:t></w:r>"#);
    let listed = format!(
        r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/><w:ins w:id="3" w:author="{LEE}" w:date="{d}"/></w:numPr></w:pPr>{}"#,
        run("Payments")
    );
    let numbering = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    let body = [para(1, &heading), para(2, &[run("We use "), bolded, run(".")].concat()), para(3, &listed)].concat();
    let r = read(&[("word/document.xml", &document(&body)), ("word/styles.xml", STYLES), ("word/numbering.xml", numbering)]);
    assert_eq!(r.accepted, "## Scope\n\nWe use **Stripe**.\n\n- Payments\n");
    assert_eq!(r.original, "Scope\n\nWe use _Stripe_.\n\nPayments\n");
    assert!(r.changes.is_empty(), "{:?}", r.changes);
}
