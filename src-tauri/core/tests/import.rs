//! Word import: structure is kept, and hostile files are refused fast, naming the problem
//! (security I1, I2), without writing anything.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::import::preview_bytes;
use clausewright_core::Store;
use proptest::prelude::*;
use std::io::Write;

/// A .docx made of the given parts, deflated.
fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (path, body) in parts {
        zip.start_file(*path, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn document(body: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
}

fn p(style: Option<&str>, text: &str) -> String {
    let ppr = style.map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)).unwrap_or_default();
    format!(r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn bold(text: &str, num: Option<(u32, u32)>) -> String {
    let numpr = num.map(|(id, l)| format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#)).unwrap_or_default();
    format!(r#"<w:p><w:pPr>{numpr}</w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>"#)
}

fn item(text: &str, num: u32) -> String {
    format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

const STYLES: &str = r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="PolicyHead"><w:name w:val="Policy Head"/><w:basedOn w:val="Heading1"/></w:style>
</w:styles>"#;

const NUMBERING: &str = r#"<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://acme.example/privacy" TargetMode="External"/>
<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>
</Relationships>"#;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("w.sqlite3")).unwrap();
    (dir, store)
}

fn headings(p: &clausewright_core::import::ImportPreview) -> Vec<&str> {
    p.sections.iter().map(|s| s.heading.as_str()).collect()
}

#[test]
fn heading_styles_lists_tables_and_links_come_through() {
    let body = [
        p(Some("Title"), "Privacy Policy"),
        p(None, "Last updated: March 3, 2026"),
        p(Some("Heading1"), "1. Information We Collect"),
        p(None, "We collect what you give us."),
        p(Some("Heading2"), "Account data"),
        item("Name and email", 1),
        item("Billing address", 1),
        item("First we ask", 2),
        p(Some("PolicyHead"), "2. Sharing"),
        r#"<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>our page</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> and </w:t></w:r><w:hyperlink r:id="rId10"><w:r><w:t>this</w:t></w:r></w:hyperlink><w:r><w:t>. We use </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Stripe</w:t></w:r><w:r><w:t> for payments &amp; more.</w:t></w:r></w:p>"#.to_owned(),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Provider</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Purpose</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Stripe</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Payments | billing</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_owned(),
        p(Some("Heading1"), "3. Contact"),
        r#"<w:p><w:r><w:t>Write to privacy@acme.example.</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>Old words</w:delText></w:r></w:del></w:p>"#.to_owned(),
    ]
    .concat();
    let file = docx(&[
        ("word/document.xml", &document(&body)),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", NUMBERING),
        ("word/_rels/document.xml.rels", RELS),
    ]);
    let (_dir, store) = store();
    let p = preview_bytes("policy.docx", &file, Some(&store)).unwrap();
    assert_eq!(p.title, "Privacy Policy");
    assert_eq!(headings(&p), ["Preamble", "Information We Collect", "Sharing", "Contact"]);
    let collect = &p.sections[1].body;
    assert!(collect.contains("### Account data"), "{collect}");
    assert!(collect.contains("- Name and email\n- Billing address\n"), "{collect}");
    assert!(collect.contains("1. First we ask"), "{collect}");
    let sharing = &p.sections[2].body;
    assert!(sharing.contains("[our page](<https://acme.example/privacy>)"), "{sharing}");
    assert!(!sharing.contains("javascript"), "only web and mail links are kept: {sharing}");
    assert!(sharing.contains("**Stripe** for payments & more."), "{sharing}");
    assert!(sharing.contains("| Provider | Purpose |\n| --- | --- |\n| Stripe | Payments \\| billing |"), "{sharing}");
    assert!(!p.sections[3].body.contains("Old words"), "deleted text is not imported");
    assert!(p.warnings.iter().any(|w| w.contains("tracked changes")), "{:?}", p.warnings);
    assert_eq!(p.facts.get("effective_date").map(String::as_str), Some("2026-03-03"));
    assert_eq!(p.facts.get("privacy_email").map(String::as_str), Some("privacy@acme.example"));
}

#[test]
fn without_heading_styles_bold_numbered_paragraphs_are_the_sections() {
    let body = [
        bold("Acme Privacy Notice", None),
        p(None, "Effective: 9 May 2026"),
        bold("Information We Collect", Some((2, 0))),
        p(None, "Account details."),
        bold("Why we collect it", None),
        p(None, "To run the service."),
        bold("2. How Long We Keep It", None),
        p(None, "Thirty days."),
    ]
    .concat();
    let file = docx(&[("word/document.xml", &document(&body)), ("word/numbering.xml", NUMBERING)]);
    let p = preview_bytes("notice.docx", &file, None).unwrap();
    assert_eq!(p.title, "Acme Privacy Notice");
    assert_eq!(headings(&p), ["Preamble", "Information We Collect", "How Long We Keep It"]);
    assert!(p.sections[1].body.contains("**Why we collect it**"), "an unnumbered bold line stays inside: {}", p.sections[1].body);
}

fn refused(name: &str, bytes: &[u8]) -> String {
    let started = std::time::Instant::now();
    let err = preview_bytes(name, bytes, None).expect_err("must be refused").to_string();
    // Not a timing assertion of speed, a guard against a hang: a bomb must not be unpacked.
    assert!(started.elapsed().as_secs() < 30, "{name} took {:?}", started.elapsed());
    err
}

#[test]
fn hostile_word_files_are_refused_naming_the_problem() {
    assert!(refused("a.docx", b"just some text, not a zip").contains("not a Word file"));
    assert!(refused("a.docx", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).contains("Word 97"));
    assert!(refused("a.docx", &docx(&[("word/other.xml", "<x/>")])).contains("no word/document.xml"));
    assert!(refused("a.docx", &vec![b'P'; 21 * 1024 * 1024]).contains("20 MB"));

    // A zip bomb: 64 MB of spaces deflates to about 64 KB.
    let bomb = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..64 {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    assert!(bomb.len() < 1024 * 1024);
    assert!(refused("bomb.docx", &bomb).contains("zip bomb"));

    // 100,000 entries.
    let many = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for i in 0..100_000 {
            zip.start_file(format!("f{i}"), options).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    assert!(refused("many.docx", &many).contains("100000 entries"));

    // Billion laughs, an external entity, and nesting too deep to be a document.
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#;
    assert!(refused("laughs.docx", &docx(&[("word/document.xml", laughs)])).contains("DOCTYPE"));
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#;
    assert!(refused("xxe.docx", &docx(&[("word/document.xml", xxe)])).contains("DOCTYPE"));
    let undeclared = document(&p(None, "a &x; b"));
    assert!(refused("entity.docx", &docx(&[("word/document.xml", &undeclared)])).contains("undeclared entity &x;"));
    let deep = format!("<w:document xmlns:w=\"x\">{}{}</w:document>", "<w:b>".repeat(10_000), "</w:b>".repeat(10_000));
    assert!(refused("deep.docx", &docx(&[("word/document.xml", &deep)])).contains("nests deeper"));
    // A bomb in a part other than the document is caught too.
    let styles_bomb = format!("<w:styles xmlns:w=\"x\">{}</w:styles>", " ".repeat(17 * 1024 * 1024));
    assert!(refused("styles.docx", &docx(&[("word/document.xml", &document(&p(None, "x"))), ("word/styles.xml", &styles_bomb)])).contains("zip bomb"));
}

#[test]
fn a_refused_word_file_leaves_the_workspace_as_it_was() {
    let (dir, mut store) = store();
    let before = store.documents().unwrap();
    let path = dir.path().join("bomb.docx");
    std::fs::write(&path, b"PK\x03\x04 truncated").unwrap();
    let err = clausewright_core::import::preview_file(&path, Some(&store)).unwrap_err();
    assert!(err.to_string().contains("bomb.docx"), "the error names the file: {err}");
    assert_eq!(store.documents().unwrap(), before);
    // And a good file still imports afterwards.
    let good = docx(&[("word/document.xml", &document(&[p(Some("Heading1"), "Scope"), p(None, "All of it.")].concat()))]);
    let preview = preview_bytes("good.docx", &good, Some(&store)).unwrap();
    store.import(&preview, None, &Default::default(), "good.docx").unwrap();
    assert_eq!(store.documents().unwrap().len(), before.len() + 1);
}

#[test]
fn confirmed_facts_fill_the_new_document_and_a_bad_fact_writes_nothing() {
    let (_dir, mut store) = store();
    let text = "Privacy Policy\nLast updated: 3 March 2026\n1. Sharing\nWe use Stripe and OpenAI.\n2. Contact\nWrite to privacy@acme.example.\n";
    let mut preview = preview_bytes("p.txt", text.as_bytes(), Some(&store)).unwrap();
    let before = store.documents().unwrap().len();
    let bad = std::collections::BTreeMap::from([("effective_date".to_owned(), "sometime".to_owned())]);
    let err = store.import(&preview, None, &bad, "p.txt").unwrap_err().to_string();
    assert!(err.contains("Effective date"), "{err}");
    assert_eq!(store.documents().unwrap().len(), before, "nothing written");

    // The user kept two facts and renamed a section.
    preview.sections[1].heading = "Who we share with".into();
    let facts: std::collections::BTreeMap<String, String> =
        ["effective_date", "processors"].iter().map(|k| (k.to_string(), preview.facts[*k].clone())).collect();
    let made = store.import(&preview, None, &facts, "p.txt").unwrap();
    let doc = store.document(made.document_id).unwrap();
    assert_eq!(doc.title, "Privacy Policy");
    let headings: Vec<&str> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Preamble", "Who we share with", "Contact"]);
    assert!(doc.sections.iter().all(|s| s.origin.is_none()), "imported sections are the user's own text");
    assert_eq!(doc.profile.0["effective_date"], clausewright_core::domain::Value::Text("2026-03-03".into()));
    let clausewright_core::domain::Value::Table(rows) = &doc.profile.0["processors"] else { panic!("a table") };
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str()).collect();
    assert_eq!(names, ["Stripe", "OpenAI"]);
    assert!(!doc.profile.0.contains_key("privacy_email"), "unconfirmed facts are not used");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary bytes, read as any kind of file, give a preview or an error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(vec!["md", "txt", "html", "docx"])) {
        let _ = preview_bytes(&format!("x.{ext}"), &bytes, None);
    }

    /// Arbitrary text as a Word document's XML gives a preview or an error, never a panic.
    #[test]
    fn arbitrary_document_xml_never_panics(body in "(<w:(p|r|t|tbl|tr|tc|b|numPr|hyperlink)>|</w:(p|r|t|tbl|tr|tc)>|[a-z &;#*|]{0,6}){0,40}") {
        let _ = preview_bytes("x.docx", &docx(&[("word/document.xml", &document(&body))]), None);
    }
}

/// A web page saved as Markdown: a date line, an underlined title, a table of contents whose
/// entries repeat the section headings, then the sections.
const WEB_EXPORT: &str = "Updated: 2 February 2026

Harbor Notes privacy policy
===========================

1\\. What we gather

*   [1\\. What we gather](#what-we-gather)
*   [2\\. How long we keep it](#how-long)
*   [3\\. Reaching us](#reaching-us)

Contents

This policy explains how Harbor Notes handles personal data.

1\\. What we gather
------------------

Your notes and your email address.

### Notes you share

Shared notes are visible to their recipients.

2\\. How long we keep it
-----------------------

Ninety days after you close your account.

3\\. Reaching us
---------------

Write to privacy@harbor.example.
";

#[test]
fn a_table_of_contents_and_an_underlined_title_stay_in_the_preamble() {
    let p = preview_bytes("harbor.md", WEB_EXPORT.as_bytes(), None).unwrap();
    assert_eq!(p.title, "Harbor Notes privacy policy");
    assert_eq!(headings(&p), ["Preamble", "What we gather", "How long we keep it", "Reaching us"]);
    assert!(p.sections[0].body.contains("This policy explains"), "the introduction stays in the preamble");
    assert!(!p.sections[0].body.contains("Harbor Notes privacy policy"), "the title is the document's title");
    assert!(p.sections[1].body.contains("### Notes you share"), "sub-headings stay inside");
    // Nothing dropped: the words of the sections, joined, are the words of the file.
    let words = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && w.parse::<u32>().is_err()).map(str::to_owned).collect::<Vec<_>>()
    };
    let without_targets = |t: &str| {
        let mut chunks = t.split("](");
        let first = chunks.next().unwrap_or("").to_owned();
        chunks.fold(first, |acc, c| acc + " " + c.split_once(')').map_or(c, |(_, rest)| rest))
    };
    let sections: String = p
        .sections
        .iter()
        .map(|s| if s.heading == "Preamble" { format!("{}\n", s.body) } else { format!("{}\n{}\n", s.heading, s.body) })
        .collect();
    // The title leads the preamble in the source: "Updated: …" comes first there.
    let joined = sections.replacen("\n", &format!("\n{}\n", p.title), 1);
    assert_eq!(words(&without_targets(&joined)), words(&without_targets(WEB_EXPORT)));
}

/// The headings policies use point at the library topic each section covers.
#[test]
fn each_section_is_matched_to_the_topic_its_heading_names() {
    let (_dir, store) = store();
    let md = "# Acme Privacy Policy\n\nLast updated: 2026-01-02\n\n\
              ## 1. What We Collect\n\nYour name and email address.\n\n\
              ## 2. How We Use Your Information\n\nTo run the service.\n\n\
              ## 3. Sharing and Disclosure\n\nWith our hosting provider.\n\n\
              ## 4. How Long We Keep Data\n\nThirty days.\n\n\
              ## 5. Your Rights and Choices\n\nAsk us for a copy.\n\n\
              ## 6. Children's Privacy\n\nNot for children.\n\n\
              ## 7. Changes to This Policy\n\nWe will post them here.\n\n\
              ## 8. Contact Us\n\nWrite to privacy@acme.example.\n";
    let p = preview_bytes("acme.md", md.as_bytes(), Some(&store)).unwrap();
    let topics: Vec<(&str, &str)> = p.sections.iter().skip(1).map(|s| (s.heading.as_str(), s.topic.as_deref().unwrap_or("-"))).collect();
    assert_eq!(
        topics,
        [
            ("What We Collect", "data-you-give"),
            ("How We Use Your Information", "purposes"),
            ("Sharing and Disclosure", "service-providers"),
            ("How Long We Keep Data", "retention"),
            ("Your Rights and Choices", "eu-uk-rights"),
            ("Children's Privacy", "children"),
            ("Changes to This Policy", "changes"),
            ("Contact Us", "contact"),
        ]
    );
    assert!(p.sections.iter().skip(1).all(|s| s.confidence > 0.3 && s.confidence <= 1.0));
}
