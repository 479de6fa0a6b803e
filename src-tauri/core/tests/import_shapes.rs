//! Published policies come in many shapes; each imports as its own sections. For every shape:
//! the section headings in order, and the title and sections together hold the source's words
//! (heading numbers aside). Saved web pages lose the site around the policy, and say so.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::import::{preview_bytes, ImportPreview};
use std::io::Write;

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path = format!("{}/tests/fixtures/shapes/{name}", env!("CARGO_MANIFEST_DIR"));
    (name.to_owned(), std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

fn preview(name: &str) -> ImportPreview {
    let (name, bytes) = fixture(name);
    preview_bytes(&name, &bytes, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn headings(p: &ImportPreview) -> Vec<&str> {
    p.sections.iter().map(|s| s.heading.as_str()).collect()
}

/// The words of a text, lower-cased, without Markdown link targets, numbers (section numbers
/// are dropped on purpose) and Roman numerals, sorted: the same words in any order match.
fn words(text: &str) -> Vec<String> {
    let mut no_targets = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        no_targets.push_str(&rest[..at]);
        rest = rest[at..].split_once(')').map_or("", |(_, r)| r);
    }
    no_targets.push_str(rest);
    let mut w: Vec<String> = no_targets
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()) && !w.chars().all(|c| "IVX".contains(c)))
        .map(str::to_lowercase)
        .collect();
    w.sort();
    w
}

/// Everything the import kept: the title, and each section's heading and body.
fn kept(p: &ImportPreview) -> String {
    let mut all = p.title.clone();
    for s in &p.sections {
        if s.heading != "Preamble" {
            all += &format!("\n{}", s.heading);
        }
        all += &format!("\n{}", s.body);
    }
    all
}

fn keeps_every_word(name: &str) {
    let p = preview(name);
    let (_, source) = fixture(name);
    assert_eq!(words(&kept(&p)), words(&String::from_utf8(source).unwrap()), "{name}: words lost or added");
}

#[test]
fn bold_lines_are_the_sections_of_a_policy_without_headings() {
    let p = preview("bold-lines.md");
    assert_eq!(p.title, "Lumen Notes Privacy Policy");
    assert_eq!(headings(&p), ["Preamble", "Data We Collect", "How We Use Data", "Assistant requests", "Who Can See Data", "Your Choices", "Contact"]);
    assert!(p.sections[1].body.contains("- Entries"), "lists stay inside their section");
    keeps_every_word("bold-lines.md");
}

#[test]
fn bold_roman_numbered_lines_are_the_sections_and_bold_sub_points_stay_inside() {
    let p = preview("bold-roman.md");
    assert_eq!(p.title, "Privacy Policy of Orbit Tutor");
    assert_eq!(
        headings(&p),
        ["Preamble", "How Do We Collect and Process Your Personal Data", "What Rights Do You Have", "How Long Do We Keep It", "How To Reach Us"]
    );
    assert!(p.sections[1].body.contains("**Questions and answers**"), "{}", p.sections[1].body);
    assert!(p.notes.iter().any(|n| n.contains("Section numbers were taken off 4 headings")), "{:?}", p.notes);
    keeps_every_word("bold-roman.md");
}

#[test]
fn highlight_boxes_go_to_the_preamble_and_the_repeating_level_is_the_sections() {
    let p = preview("highlights.md");
    assert_eq!(p.title, "Quill Assistant privacy notice");
    assert_eq!(headings(&p), ["Preamble", "Information we process", "Why we process it", "Sharing", "Contact"]);
    assert!(p.sections[0].body.contains("###### The short version") && p.sections[0].body.contains("never sell"), "{}", p.sections[0].body);
    assert!(p.sections[2].body.contains("#### Safety review"), "sub-headings stay inside");
    keeps_every_word("highlights.md");
}

#[test]
fn all_caps_lines_are_the_sections_of_a_text_file_and_its_contents_list_stays_in_the_preamble() {
    let p = preview("caps.txt");
    assert_eq!(p.title, "PRIVACY POLICY");
    assert_eq!(headings(&p), ["Preamble", "INFORMATION WE COLLECT", "HOW WE USE IT", "YOUR RIGHTS", "CONTACT"]);
    assert!(p.sections[0].body.contains("CONTENTS\n1. Information we collect"), "{}", p.sections[0].body);
    assert!(p.notes.iter().any(|n| n.contains("table of contents (3 entries)")), "{:?}", p.notes);
    keeps_every_word("caps.txt");
}

const CHROME: &[&str] = &["Careers", "Accept all", "We value your privacy", "Related articles", "LinkedIn", "All rights reserved", "Made in Lisbon", "Pricing"];

fn without_chrome(p: &ImportPreview) {
    let all = kept(p);
    for c in CHROME {
        assert!(!all.contains(c), "the site's “{c}” came in: {all}");
    }
    assert!(p.notes.iter().any(|n| n.contains("menus, header, footer")), "{:?}", p.notes);
}

#[test]
fn a_saved_page_with_main_imports_its_policy_not_its_menus() {
    let p = preview("saved-main.html");
    assert_eq!(p.title, "Nimbus AI Privacy Policy");
    assert_eq!(headings(&p), ["Preamble", "Personal data we collect", "How we use personal data", "Disclosure of personal data", "Your rights", "Contact us"]);
    assert!(p.sections[1].body.contains("### Data from your devices"));
    without_chrome(&p);
}

#[test]
fn a_saved_page_without_main_is_found_by_its_text() {
    let p = preview("saved-plain.html");
    assert_eq!(p.title, "Corvid Search Privacy Policy");
    assert_eq!(headings(&p), ["Preamble", "Personal data we collect", "How we use personal data", "Disclosure of personal data", "Your rights", "Contact us"]);
    without_chrome(&p);
}

#[test]
fn a_saved_page_whose_headings_are_bold_paragraphs_splits_at_them() {
    let p = preview("saved-bold.html");
    assert_eq!(p.title, "Privacy Notice");
    assert_eq!(headings(&p), ["Preamble", "Information we collect", "How we use information", "Retention", "Contact"]);
    assert!(p.sections[0].body.contains("Sable Labs builds an assistant"), "{}", p.sections[0].body);
    without_chrome(&p);
}

#[test]
fn a_plain_html_fragment_leaves_nothing_out() {
    let html = "<h2>Data</h2><p>We collect email.</p><h2>Contact</h2><p>Write to us.</p>";
    let p = preview_bytes("f.html", html.as_bytes(), None).unwrap();
    assert_eq!(headings(&p), ["Data", "Contact"]);
    assert!(p.notes.is_empty(), "{:?}", p.notes);
}

#[test]
fn a_word_file_whose_headings_are_bold_paragraphs_splits_at_them() {
    let para = |text: &str, bold: bool| {
        let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
        format!(r#"<w:p><w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    };
    let body = [
        para("Tern Health privacy policy", true),
        para("This policy covers the Tern symptom checker.", false),
        para("What we collect", true),
        para("The symptoms you describe.", false),
        para("How long we keep it", true),
        para("Ninety days.", false),
        para("Contact", true),
        para("privacy@tern.example", false),
    ]
    .concat();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let p = preview_bytes("tern.docx", &bytes, None).unwrap();
    assert_eq!(p.title, "Tern health privacy policy".replace("health", "Health"));
    assert_eq!(headings(&p), ["Preamble", "What we collect", "How long we keep it", "Contact"]);
}

#[test]
fn numbered_list_items_are_not_sections_but_running_numbers_are() {
    // Sections numbered on through the file; lists inside them numbered again each time.
    let text = "Policy\n\n1. Collection\nWe collect:\n1. Name\n2. Email\n\n2. Use\nWe use:\n1. To reply\n2. To bill\n\n3. Contact\nWrite to us.\n";
    let p = preview_bytes("p.txt", text.as_bytes(), None).unwrap();
    assert_eq!(headings(&p), ["Collection", "Use", "Contact"]);
    // Bold headings with a loose numbered list inside: the bold lines are the sections.
    let md = "**Collection**\n\n1. Name\n\n2. Email\n\n**Use**\n\nTo reply.\n\n**Contact**\n\nWrite to us.\n";
    let p = preview_bytes("p.md", md.as_bytes(), None).unwrap();
    assert_eq!(headings(&p), ["Collection", "Use", "Contact"]);
}

#[test]
fn a_generated_policy_with_its_topics_a_level_too_deep_splits_at_its_topics() {
    // The shape policy generators write: one `###` holding most of the text, its topics `####`.
    let para = "We describe here in plain words what happens to the information and why it matters to you.";
    let md = format!(
        "# Privacy Policy\n\nLast updated: 1 May 2026\n\n## Interpretation and Definitions\n\n### Interpretation\n\n{para}\n\n\
         ### Types of Data Collected\n\n#### Personal Data\n\n{para} {para}\n\n#### Usage Data\n\n{para} {para}\n\n\
         #### Retention of Your Personal Data\n\n{para} {para}\n\n#### Children's Privacy\n\n{para} {para}\n\n\
         ##### Law enforcement\n\n{para}\n\n### Contact Us\n\n{para}\n"
    );
    let p = preview_bytes("generated.md", md.as_bytes(), None).unwrap();
    assert_eq!(
        headings(&p),
        ["Preamble", "Interpretation and Definitions", "Interpretation", "Types of Data Collected", "Personal Data", "Usage Data", "Retention of Your Personal Data", "Children's Privacy", "Contact Us"]
    );
    assert!(p.sections[7].body.contains("##### Law enforcement"), "the deepest level stays inside");
}

#[test]
fn a_short_policy_with_one_heading_per_level_splits_at_each() {
    let md = "# Privacy Policy\n\nIntro.\n\n## What we collect\n\nNothing personal.\n\n### Changes to this policy\n\nPosted here.\n";
    let p = preview_bytes("short.md", md.as_bytes(), None).unwrap();
    assert_eq!(headings(&p), ["Preamble", "What we collect", "Changes to this policy"]);
}

#[test]
fn a_policys_own_cookie_section_stays_and_a_consent_manager_goes() {
    let consent_text = "We and our partners store and access information on your device. ".repeat(30);
    let html = format!(
        r#"<html><body><div class="site-nav"><a href="/">Home</a> <a href="/blog">Blog</a> <a href="/jobs">Jobs</a></div>
        <div class="page"><div class="legal-content"><h1>Kestrel Privacy Policy</h1><p>Updated 3 June 2026.</p>
        <h2>Data we collect</h2><p>Your email address and the files you upload.</p>
        <section id="cookies" class="cookie-section"><h2>Cookies</h2><p>We use two cookies: one keeps you signed in, one remembers your language.</p></section>
        <h2>Contact</h2><p>privacy@kestrel.example</p></div></div>
        <div id="onetrust-consent-sdk"><h2>Privacy Preference Center</h2><p>{consent_text}</p><button>Allow all</button></div></body></html>"#
    );
    let p = preview_bytes("kestrel.html", html.as_bytes(), None).unwrap();
    assert_eq!(p.title, "Kestrel Privacy Policy");
    assert_eq!(headings(&p), ["Preamble", "Data we collect", "Cookies", "Contact"]);
    assert!(p.sections[2].body.contains("one keeps you signed in"));
    let all = kept(&p);
    assert!(!all.contains("Preference Center") && !all.contains("our partners store") && !all.contains("Jobs"), "{all}");
}

#[test]
fn lettered_and_arabic_bold_numbered_lines_are_sections_too() {
    let md = "**Policy**\n\n**A. Scope**\n\nAll of it.\n\n**B. Data**\n\nEmail.\n\n**C. Contact**\n\nWrite.\n";
    let p = preview_bytes("p.md", md.as_bytes(), None).unwrap();
    assert_eq!(headings(&p), ["Scope", "Data", "Contact"]);
    let md = "**1. Scope**\n\nAll of it.\n\n**Sub point**\n\nMore.\n\n**2. Data**\n\nEmail.\n";
    let p = preview_bytes("p.md", md.as_bytes(), None).unwrap();
    assert_eq!(headings(&p), ["Scope", "Data"]);
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever marks a file has, its sections joined give the file back: splitting never
    /// loses or moves a line.
    #[test]
    fn sections_join_back_to_the_text(lines in proptest::collection::vec(prop::sample::select(vec![
        "# Title", "## Data we collect", "### 1. Scope", "###### Box", "Heading", "=====", "-----", "**Bold line**", "**II. Rights**",
        "**A. Scope**", "1. Numbered line", "2) Another", "3. Third", "CAPS HEADING", "- a list item", "* star item", "| a | b |",
        "```", "Some words in a paragraph.", "", "  ", "[Link](#x)", "1. Preamble . . . . 3", "\r",
    ]), 0..60)) {
        let text = lines.join("\n");
        let side = clausewright_core::import::sections_from_text(&text);
        prop_assert_eq!(side.text(), text.replace("\r\n", "\n").replace('\r', "\n"));
        let p = preview_bytes("p.md", text.as_bytes(), None);
        if let Ok(p) = p {
            prop_assert!(p.sections.iter().all(|s| !s.heading.trim().is_empty()));
        }
    }
}
