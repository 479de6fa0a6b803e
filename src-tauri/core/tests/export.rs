//! Exports are read back, not just written: the Markdown re-imports to the same sections, the
//! HTML parses and runs nothing, the Word file has real styles, lists, tables, links and
//! properties, the redline's tracked changes accept to the new text and reject to the old, and
//! the PDF's text is the document's words in order. Every export is deterministic.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::diff::DiffOptions;
use clausewright_core::sides::DiffInput;
use clausewright_core::domain::Value;
use clausewright_core::export::{Format, RedlineFormat, export_redline};
use clausewright_core::import::preview_bytes;
use clausewright_core::Store;
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::Read;

/// A workspace with one document of hand-written sections (lists, a table, a link) and two
/// versions of it, the second with words changed (in a paragraph, a nested list item and a table
/// cell), a table row added, a section added and one removed.
fn workspace() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("w.sqlite3")).unwrap();
    store.set_author("Dana Counsel").unwrap();
    let sections = vec![
        ("Who we are".to_owned(), "Harbor Notes is run by Harbor Labs. Write to [privacy@harbor.example](mailto:privacy@harbor.example).".to_owned()),
        (
            "What we collect".to_owned(),
            "We collect:\n\n- your **email address**\n- the notes you write\n  - including _shared_ notes\n\nWe use it in this order:\n\n1. to run the service\n2. to keep it secure".to_owned(),
        ),
        ("Who processes it".to_owned(), "| Provider | Purpose |\n| --- | --- |\n| Stripe | Payments |\n| Fly | Hosting |".to_owned()),
        ("Retention".to_owned(), "We keep notes for 30 days after you close your account.".to_owned()),
        ("Old section".to_owned(), "This section goes away in the second version.".to_owned()),
    ];
    let mut profile = clausewright_core::domain::Profile::default();
    profile.0.insert("effective_date".into(), Value::Text("2026-03-01".into()));
    let doc = store.create_document_from("Harbor Notes Privacy Policy", &profile, &sections).unwrap();
    store.save_version(doc.id, "First", "").unwrap();
    let mut changed = sections.clone();
    changed[1].1 = changed[1].1.replace("_shared_ notes", "_shared_ and archived notes");
    changed[2].1 = "| Provider | Purpose |\n| --- | --- |\n| Stripe | Payments |\n| Fly.io | Hosting |\n| Mistral | Summaries |".into();
    changed[3].1 = "We keep notes for 90 days after you close your account, then delete them.".into();
    changed.remove(4);
    changed.push(("Contact".into(), "Email us at any time.".into()));
    let doc = store.document(doc.id).unwrap();
    let preview = clausewright_core::import::ImportPreview {
        title: doc.title.clone(),
        sections: changed.iter().map(|(h, b)| clausewright_core::import::ImportedSection { heading: h.clone(), body: b.clone(), topic: None, confidence: 0.0 }).collect(),
        facts: BTreeMap::new(),
        warnings: vec![],
        notes: vec![],
    };
    store.import(&preview, Some(doc.id), &BTreeMap::new(), "second.md").unwrap();
    (dir, store, doc.id)
}

fn zip_part(bytes: &[u8], path: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(path).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn markdown_reimports_to_the_same_sections() {
    let (_dir, store, id) = workspace();
    let md = store.export_document(id, None, Format::Markdown).unwrap();
    assert_eq!(md.file_name, "Harbor Notes Privacy Policy.md");
    let back = preview_bytes("back.md", &md.bytes, None).unwrap();
    let headings: Vec<&str> = back.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Preamble", "Who we are", "What we collect", "Who processes it", "Retention", "Old section"]);
    assert_eq!(back.title, "Harbor Notes Privacy Policy");
}

#[test]
fn html_is_one_standalone_page_that_runs_nothing() {
    let (_dir, store, id) = workspace();
    let html = String::from_utf8(store.export_document(id, Some(1), Format::Html).unwrap().bytes).unwrap();
    let page = scraper::Html::parse_document(&html);
    let sel = |css: &str| scraper::Selector::parse(css).unwrap();
    assert!(page.select(&sel("script")).next().is_none());
    let csp = page.select(&sel("meta[http-equiv=Content-Security-Policy]")).next().unwrap();
    assert!(csp.value().attr("content").unwrap().starts_with("default-src 'none'"));
    assert!(html.contains("@media print"), "print-friendly");
    assert_eq!(page.select(&sel("h1")).next().unwrap().text().collect::<String>(), "Harbor Notes Privacy Policy");
    assert!(html.contains("Effective 2026-03-01"));
    let toc: Vec<String> = page.select(&sel("nav a")).map(|a| a.value().attr("href").unwrap().to_owned()).collect();
    assert_eq!(toc.len(), 5);
    for href in toc {
        assert!(page.select(&sel(&format!("section{href}"))).next().is_some(), "{href} has a target");
    }
    assert_eq!(page.select(&sel("table td")).count(), 4);
    assert!(html.contains("<h2>2. What we collect</h2>"), "numbered headings");
}

#[test]
fn text_reads_in_an_email() {
    let (_dir, store, id) = workspace();
    let text = String::from_utf8(store.export_document(id, None, Format::Text).unwrap().bytes).unwrap();
    assert!(text.contains("2. What we collect\n------------------"), "{text}");
    assert!(text.contains("- your email address"));
    assert!(text.contains("Stripe    Payments"), "tables laid out: {text}");
    assert!(text.lines().all(|l| l.chars().count() <= 78), "wrapped");
}

/// (style, text) of each paragraph in a Word file's body, and whether it is numbered.
fn paragraphs(document_xml: &str) -> Vec<(String, String, bool)> {
    let mut reader = quick_xml::Reader::from_str(document_xml);
    let mut out = Vec::new();
    let (mut style, mut text, mut numbered, mut in_t) = (String::new(), String::new(), false, false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"p" => (style, text, numbered) = (String::new(), String::new(), false),
                b"pStyle" => style = String::from_utf8_lossy(&e.try_get_attribute("w:val").unwrap().unwrap().value).into_owned(),
                b"numPr" => numbered = true,
                b"t" => in_t = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"p" => out.push((style.clone(), text.clone(), numbered)),
                b"t" => in_t = false,
                _ => {}
            },
            Event::Text(t) if in_t => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_t => {
                let name = r.decode().unwrap();
                text.push_str(quick_xml::escape::resolve_predefined_entity(&name).unwrap_or(""));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The value of the first `name="…"` in `xml`.
fn attr(xml: &str, name: &str) -> String {
    let at = xml.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    xml[at..at + xml[at..].find('"').unwrap()].to_owned()
}

#[test]
fn word_has_real_structure_and_properties() {
    let (_dir, store, id) = workspace();
    let made = store.export_document(id, Some(1), Format::Docx).unwrap();
    assert_eq!(made.file_name, "Harbor Notes Privacy Policy v1.docx");
    let xml = zip_part(&made.bytes, "word/document.xml");
    let paras = paragraphs(&xml);
    assert_eq!(paras[0], ("Title".into(), "Harbor Notes Privacy Policy".into(), false));
    let headings: Vec<&str> = paras.iter().filter(|p| p.0 == "Heading1").map(|p| p.1.as_str()).collect();
    assert_eq!(headings, ["1. Who we are", "2. What we collect", "3. Who processes it", "4. Retention", "5. Old section"]);
    let items: Vec<&str> = paras.iter().filter(|p| p.2).map(|p| p.1.as_str()).collect();
    assert_eq!(items, ["your email address", "the notes you write", "including shared notes", "to run the service", "to keep it secure"]);
    // Bullets are bullets and numbers numbers, as Word and LibreOffice read the lists: the first
    // definition of an id is the one they use.
    let numbering = zip_part(&made.bytes, "word/numbering.xml");
    let format_of = |item: &str| {
        let at = xml.find(&format!(">{item}<")).unwrap();
        let para = &xml[xml[..at].rfind("<w:p ").unwrap()..at];
        let num = attr(&para[para.find("<w:numId").unwrap()..], "w:val");
        let inst = &numbering[numbering.find(&format!(r#"<w:num w:numId="{num}""#)).unwrap()..];
        let abs = attr(&inst[inst.find("<w:abstractNumId").unwrap()..], "w:val");
        let def = &numbering[numbering.find(&format!(r#"<w:abstractNum w:abstractNumId="{abs}""#)).unwrap()..];
        attr(&def[def.find("<w:numFmt").unwrap()..], "w:val")
    };
    assert_eq!(format_of("the notes you write"), "bullet");
    assert_eq!(format_of("to run the service"), "decimal");
    assert!(xml.contains("<w:tbl>") && xml.contains("Stripe"), "a real table");
    assert!(xml.contains("<w:hyperlink"), "a real link");
    assert!(zip_part(&made.bytes, "word/_rels/document.xml.rels").contains("mailto:privacy@harbor.example"));
    let styles = zip_part(&made.bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:styleId="Heading1""#) && styles.contains(r#"<w:name w:val="heading 1" />"#) || styles.contains(r#"<w:name w:val="heading 1"/>"#), "{styles}");
    let core = zip_part(&made.bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>Harbor Notes Privacy Policy</dc:title>") && core.contains("<dc:creator>Dana Counsel</dc:creator>"), "{core}");

    // What Clausewright writes, it reads back as the same sections.
    let back = preview_bytes("back.docx", &made.bytes, None).unwrap();
    let headings: Vec<&str> = back.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Preamble", "Who we are", "What we collect", "Who processes it", "Retention", "Old section"]);
}

#[test]
fn every_export_is_deterministic() {
    let (_dir, store, id) = workspace();
    let mut formats = vec![Format::Markdown, Format::Html, Format::Text, Format::Docx];
    if cfg!(feature = "pdf") {
        formats.push(Format::Pdf);
    }
    for f in formats {
        let (a, b) = (store.export_document(id, Some(1), f).unwrap(), store.export_document(id, Some(1), f).unwrap());
        assert!(a == b, "{f:?} differs between two exports");
    }
    let (a, b) = (DiffInput::Version(id, 1), DiffInput::Version(id, 2));
    let once = export_redline(Some(&store), &a, &b, RedlineFormat::Docx, DiffOptions::default()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(once == export_redline(Some(&store), &a, &b, RedlineFormat::Docx, DiffOptions::default()).unwrap(), "no clock in the file");
}

/// The text of a redline with every change accepted (or rejected), paragraph by paragraph,
/// applying Word's rules: inserted runs stay on accept, deleted runs stay on reject, and a
/// paragraph whose mark was deleted (on accept) or inserted (on reject) joins the next.
fn resolve(document_xml: &str, accept: bool) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(document_xml);
    let (mut out, mut text) = (Vec::new(), String::new());
    let (mut in_ins, mut in_del, mut in_rpr_of_p, mut in_ppr, mut mark) = (false, false, false, false, None::<bool>);
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"pPr" => in_ppr = true,
            Event::End(e) if e.local_name().as_ref() == b"pPr" => in_ppr = false,
            Event::Start(e) => match e.local_name().as_ref() {
                b"rPr" if in_ppr => in_rpr_of_p = true,
                b"ins" if !in_rpr_of_p => in_ins = true,
                b"del" if !in_rpr_of_p => in_del = true,
                b"t" | b"delText" => in_t = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"ins" if in_rpr_of_p => mark = Some(true),
                b"del" if in_rpr_of_p => mark = Some(false),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"rPr" if in_rpr_of_p => in_rpr_of_p = false,
                b"ins" => in_ins = false,
                b"del" => in_del = false,
                b"t" | b"delText" => in_t = false,
                b"p" => {
                    let joins = matches!((mark, accept), (Some(false), true) | (Some(true), false));
                    if !joins {
                        out.push(std::mem::take(&mut text));
                    }
                    mark = None;
                }
                _ => {}
            },
            Event::Text(t) if in_t && ((!in_ins && !in_del) || (in_ins && accept) || (in_del && !accept)) => {
                text.push_str(&t.decode().unwrap())
            }
            Event::GeneralRef(r) if in_t && ((!in_ins && !in_del) || (in_ins && accept) || (in_del && !accept)) => {
                text.push_str(quick_xml::escape::resolve_predefined_entity(&r.decode().unwrap()).unwrap_or(""))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.into_iter().map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect()
}

/// "[text](url)" as "text".
fn link_text(line: &str) -> String {
    let mut out = line.to_owned();
    while let (Some(open), Some(mid)) = (out.find('['), out.find("](")) {
        let Some(close) = out[mid..].find(')') else { break };
        out = format!("{}{}{}", &out[..open], &out[open + 1..mid], &out[mid + close + 1..]);
    }
    out
}

/// A version's text as the redline shows it: a line a paragraph, heading and bullet marks and
/// emphasis dropped, a table a paragraph a cell without its header separator.
fn expected(store: &Store, id: i64, n: u32) -> Vec<String> {
    let side = store.diff_side(&DiffInput::Version(id, n)).unwrap();
    let mut out = Vec::new();
    for line in side.text().lines().map(str::trim_start) {
        if line.starts_with('|') {
            if !line.contains("---") {
                out.extend(line.trim_matches('|').split('|').map(str::to_owned));
            }
            continue;
        }
        let line = line.trim_start_matches('#');
        out.push(line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")).unwrap_or(line).to_owned());
    }
    out.into_iter()
        .map(|l| link_text(&l.replace("**", "").replace(['`', '_'], "")))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn a_word_redline_accepts_to_the_new_text_and_rejects_to_the_old() {
    let (_dir, store, id) = workspace();
    let made = export_redline(Some(&store), &DiffInput::Version(id, 1), &DiffInput::Version(id, 2), RedlineFormat::Docx, DiffOptions::default()).unwrap();
    assert_eq!(made.file_name, "Redline Harbor Notes Privacy Policy v1 to Harbor Notes Privacy Policy v2.docx");
    let xml = zip_part(&made.bytes, "word/document.xml");
    let version2 = store.version(id, 2).unwrap();
    assert!(xml.contains(&format!(r#"w:author="{}""#, version2.author)) && xml.contains(&format!(r#"w:date="{}""#, version2.created_at)));
    assert!(xml.contains("<w:ins ") && xml.contains("<w:del ") && xml.contains("<w:delText"), "real revisions");
    assert!(xml.contains(">90</w:t>") || xml.contains(">90 </w:t>") || xml.contains("90"), "word-level change");
    assert!(!xml.contains("](mailto:"), "links show as their text");
    assert_eq!(resolve(&xml, true), expected(&store, id, 2), "accept all gives the new version");
    assert_eq!(resolve(&xml, false), expected(&store, id, 1), "reject all gives the old version");
}

#[test]
fn a_word_redline_keeps_tables_as_tables_with_tracked_rows() {
    let (_dir, store, id) = workspace();
    let made = export_redline(Some(&store), &DiffInput::Version(id, 1), &DiffInput::Version(id, 2), RedlineFormat::Docx, DiffOptions::default()).unwrap();
    let xml = zip_part(&made.bytes, "word/document.xml");
    assert!(!xml.contains("| Provider") && !xml.contains("---"), "no Markdown table syntax");
    let table = &xml[xml.find("<w:tbl>").expect("a real table")..xml.find("</w:tbl>").unwrap()];
    assert_eq!(table.matches("<w:tr>").count() + table.matches("<w:tr ").count(), 4, "header, Stripe, Fly, Mistral");
    let inserted_row = table.find("<w:trPr><w:ins ").expect("the new row is a tracked row insertion");
    assert!(table[inserted_row..].contains("Mistral"));
    assert!(table.contains(">Fly.io<") || table.contains(">.io<"), "the changed cell shows its new words");
    // The nested list item keeps its depth: a bullet at level 1.
    assert!(xml.contains(r#"<w:ilvl w:val="1" />"#) || xml.contains(r#"<w:ilvl w:val="1"/>"#), "a nested bullet");
}

#[test]
fn an_inline_html_redline_marks_words_and_runs_nothing() {
    let (_dir, store, id) = workspace();
    let made = export_redline(Some(&store), &DiffInput::Version(id, 1), &DiffInput::Version(id, 2), RedlineFormat::HtmlInline, DiffOptions::default()).unwrap();
    let html = String::from_utf8(made.bytes).unwrap();
    assert!(html.contains("<del>30</del>") && html.contains("<ins>90</ins>"), "{html}");
    // Whole lines and rows keep their marks through the sanitizer.
    assert!(html.contains(r#"<h3 class="cw-added">"#) && html.contains(r#"<h3 class="cw-removed">"#), "added and removed sections");
    assert!(html.contains(r#"<tr class="cw-added"><td><ins>Mistral</ins></td>"#), "an added table row");
    assert!(html.contains(r#"<li class="cw-depth-1">"#), "a nested item keeps its depth");
    assert!(!html.contains("<script"));
    let side = export_redline(Some(&store), &DiffInput::Version(id, 1), &DiffInput::Version(id, 2), RedlineFormat::Html, DiffOptions::default()).unwrap();
    assert!(String::from_utf8(side.bytes).unwrap().contains("<table"), "side by side");
}

#[cfg(feature = "pdf")]
mod pdf {
    use super::*;

    /// The PDF's text through pdftotext (poppler-utils, installed by `make test`).
    fn pdf_text(bytes: &[u8]) -> Option<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        std::fs::write(&path, bytes).unwrap();
        match std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output() {
            Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
            _ if std::env::var_os("CI").is_some() => panic!("pdftotext is missing: `make test` installs poppler-utils"),
            _ => {
                eprintln!("pdftotext not installed; the PDF's text was not checked");
                None
            }
        }
    }

    fn words(t: &str) -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    }

    #[test]
    fn a_pdf_has_the_words_in_order_a_contents_page_and_page_numbers() {
        let (_dir, store, id) = workspace();
        let made = store.export_document(id, Some(1), Format::Pdf).unwrap();
        assert!(made.bytes.starts_with(b"%PDF-"));
        let raw = String::from_utf8_lossy(&made.bytes);
        assert!(raw.contains("pdfaid:part") || raw.contains("PDF/A"), "PDF/A metadata");
        let Some(text) = pdf_text(&made.bytes) else { return };
        assert!(text.contains("Contents"), "{text}");
        assert!(text.replace(' ', "").contains("1/1"), "page numbers: {text}");
        // Every word of the body, in order, after the table of contents.
        let body = text.split_once("1. Who we are").map(|(_, rest)| rest).unwrap_or(&text);
        let after_toc = body.rsplit_once("1. Who we are").map(|(_, r)| r).unwrap_or(body);
        let got = words(after_toc);
        let want = words("Harbor Notes is run by Harbor Labs. Write to privacy@harbor.example. 2. What we collect We collect: your email address the notes you write including shared notes");
        let mut at = 0;
        for w in &want {
            at = got[at..].iter().position(|g| g == w).map(|p| at + p + 1).unwrap_or_else(|| panic!("`{w}` missing or out of order in {got:?}"));
        }
    }

    #[test]
    fn a_pdf_redline_starts_with_a_summary_and_shows_both_texts() {
        let (_dir, store, id) = workspace();
        let made = export_redline(Some(&store), &DiffInput::Version(id, 1), &DiffInput::Version(id, 2), RedlineFormat::Pdf, DiffOptions::default()).unwrap();
        let Some(text) = pdf_text(&made.bytes) else { return };
        assert!(text.contains("Summary of changes"), "{text}");
        assert!(text.contains("30") && text.contains("90"), "deleted and inserted words both shown: {text}");
    }
}

/// LibreOffice opens what Clausewright writes: the document's text comes through, and the
/// redline's changes arrive as real tracked changes.
#[test]
fn libreoffice_reads_the_word_files() {
    let Ok(out) = std::process::Command::new("soffice").arg("--version").output() else {
        assert!(std::env::var_os("CI").is_none(), "soffice is missing: `make test` installs libreoffice-writer-nogui");
        eprintln!("LibreOffice not installed; interop not checked");
        return;
    };
    assert!(out.status.success());
    let (dir, store, id) = workspace();
    let doc = dir.path().join("doc.docx");
    std::fs::write(&doc, store.export_document(id, Some(1), Format::Docx).unwrap().bytes).unwrap();
    let red = dir.path().join("red.docx");
    std::fs::write(&red, export_redline(Some(&store), &DiffInput::Version(id, 1), &DiffInput::Version(id, 2), RedlineFormat::Docx, DiffOptions::default()).unwrap().bytes).unwrap();
    let convert = |file: &std::path::Path, to: &str| {
        let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.path().display());
        let status = std::process::Command::new("soffice")
            .args([profile.as_str(), "--headless", "--convert-to", to, "--outdir"])
            .arg(dir.path())
            .arg(file)
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    };
    convert(&doc, "txt:Text (encoded):UTF8");
    let text = std::fs::read_to_string(dir.path().join("doc.txt")).unwrap();
    assert!(text.contains("Harbor Notes Privacy Policy") && text.contains("What we collect") && text.contains("Stripe"), "{text}");
    convert(&red, "fodt");
    let flat = std::fs::read_to_string(dir.path().join("red.fodt")).unwrap();
    assert!(flat.contains("<text:tracked-changes"), "LibreOffice sees tracked changes");
    assert!(flat.matches("<text:changed-region").count() >= 4, "word-level revisions");
    assert!(flat.contains("<text:insertion") && flat.contains("<text:deletion"));
    assert!(flat.contains("Dana Counsel"), "the author of the newer version");
}

/// What is exported is what was seen: the compare view's "ignore case" holds in the file too.
#[test]
fn a_redline_is_exported_with_the_options_it_was_viewed_with() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
    std::fs::write(&a, "# Policy\n\n## Retention\n\nWe keep logs for 30 days.\n").unwrap();
    std::fs::write(&b, "# Policy\n\n## Retention\n\nWE KEEP LOGS FOR 30 DAYS.\n").unwrap();
    let (a, b) = (DiffInput::File(a), DiffInput::File(b));
    let redline = |options| String::from_utf8(export_redline(None, &a, &b, RedlineFormat::HtmlInline, options).unwrap().bytes).unwrap();
    assert!(redline(DiffOptions::default()).contains("<ins>"), "case changes are marked by default");
    let ignoring_case = redline(DiffOptions { ignore_whitespace: false, ignore_case: true });
    assert!(!ignoring_case.contains("<ins>") && !ignoring_case.contains("<del>"), "{ignoring_case}");
}

/// Two versions of a policy in the shapes published policies take: a setext title, escaped
/// section numbers over setext underlines, `_emphasis_`, `**bold**`, links and a table.
const SHAPED_OLD: &str = "Example AI Privacy Policy\n=========================\n\n_Effective: July 10, 2025_\n\n1\\. About us\n------------\n\nWe are **Example AI**. Read [our terms](https://x.example/terms-2025).\n\n2\\. What we collect\n-------------------\n\n*   Account data: your _email_.\n*   Usage data.\n\n| Provider | Purpose |\n| --- | --- |\n| Stripe | Payments |\n";
const SHAPED_NEW: &str = "Example AI Privacy Policy\n=========================\n\n_Effective: April 4, 2026_\n\n1\\. About us\n------------\n\nWe are **Example AI**. Read [our terms](https://x.example/terms-2026).\n\n2\\. What we collect\n-------------------\n\n-   Account data: your _email_ and name.\n-   Usage data.\n\n| Provider | Purpose |\n| --- | --- |\n| Stripe | Billing |\n";

fn shaped_redline(format: RedlineFormat) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("old.md"), dir.path().join("new.md"));
    std::fs::write(&a, SHAPED_OLD).unwrap();
    std::fs::write(&b, SHAPED_NEW).unwrap();
    export_redline(None, &DiffInput::File(a), &DiffInput::File(b), format, DiffOptions::default()).unwrap().bytes
}

/// A redline of Markdown files reads as the documents they make: no escape, underline, link
/// syntax or emphasis mark shows, headings are headings, and a change only of markup (a link
/// target, a list mark) is shown as a change of formatting, not as punctuation.
#[test]
fn a_redline_of_markdown_files_reads_as_a_document() {
    let markup = ["\\.", "===", "---", "](", "_email_", "**", "*   "];
    let html = String::from_utf8(shaped_redline(RedlineFormat::HtmlInline)).unwrap();
    let body = &html[html.find("<body>").unwrap()..];
    for m in markup {
        assert!(!body.contains(m), "{m:?} shows in the inline HTML redline:\n{body}");
    }
    assert!(body.contains("<h2>Example AI Privacy Policy</h2>"), "{body}");
    assert!(body.contains("<h3>1. About us</h3>"), "{body}");
    assert!(body.contains("<strong>Example AI</strong>"), "{body}");
    assert!(body.contains("<em>email</em>"), "{body}");
    assert!(body.contains("<del>Payments</del><ins>Billing</ins>") || body.contains("<del>Payments</del>"), "{body}");
    assert!(body.contains("<ins> and name</ins>"), "{body}");
    assert!(body.contains("title=\"Formatting changed: was link to https://x.example/terms-2025\""), "the link target change: {body}");
    assert!(body.contains("(formatting changed)"), "the list marks changed: {body}");

    let side = String::from_utf8(shaped_redline(RedlineFormat::Html)).unwrap();
    let side_body = &side[side.find("<body>").unwrap()..];
    for m in markup {
        assert!(!side_body.contains(m), "{m:?} shows in the side-by-side redline");
    }

    let word = shaped_redline(RedlineFormat::Docx);
    let xml = zip_part(&word, "word/document.xml");
    for m in markup {
        assert!(!xml.contains(m), "{m:?} shows in the Word redline");
    }
    assert!(xml.contains("<w:pStyle w:val=\"Title\" />") && xml.contains("<w:pStyle w:val=\"Heading1\" />"), "headings as styles");
    assert!(xml.contains("<w:hyperlink"), "links stay links");
    let comments = zip_part(&word, "word/comments.xml");
    assert!(comments.contains("Formatting changed: was link to https://x.example/terms-2025, now link to https://x.example/terms-2026."), "{comments}");
    let accepted = resolve(&xml, true);
    assert!(accepted.iter().any(|p| p == "Account data: your email and name."), "{accepted:?}");
    assert!(resolve(&xml, false).iter().any(|p| p == "Account data: your email."));
}
