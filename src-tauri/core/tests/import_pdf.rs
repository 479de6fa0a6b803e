//! PDF import, on PDFs made here: a three-page policy in the standard Helvetica fonts (written
//! with lopdf) comes back as Markdown with its headings and words, without its running header
//! and page numbers; hostile PDFs (written byte by byte) are refused quickly, with a message
//! that names the problem; and no bytes make the reader panic.
#![allow(clippy::unwrap_used)] // in test helpers too, a failed unwrap is the test failing

use clausewright_core::import::preview_bytes;
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};
use proptest::prelude::*;
use std::io::Write;
use std::time::{Duration, Instant};

/// What goes on a page: (font resource, size, x, y, text). F1 is Helvetica, F2 Helvetica-Bold.
type Text<'a> = (&'a str, f32, f32, f32, &'a str);

/// A PDF of the given pages, each a list of text lines; one line may be several runs.
fn pdf(pages: &[Vec<Text<'_>>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let helvetica = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let bold = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold" });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => helvetica, "F2" => bold } });
    let mut kids = Vec::new();
    for page in pages {
        let mut ops = Vec::new();
        for (font, size, x, y, text) in page {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec![Object::Name(font.as_bytes().to_vec()), (*size).into()]));
            ops.push(Operation::new("Td", vec![(*x).into(), (*y).into()]));
            // The standard fonts' own encoding: ASCII, the bullet at octal 267, the fi ligature at 256.
            let code = |c: char| match c {
                '•' => 0o267,
                'ﬁ' => 0o256,
                c => c as u8,
            };
            let bytes = |t: &str| Object::string_literal(t.chars().map(code).collect::<Vec<u8>>());
            // "a|b" is two words with a TJ gap between them instead of a space.
            if let Some((a, b)) = text.split_once('|') {
                ops.push(Operation::new("TJ", vec![Object::Array(vec![bytes(a), (-280).into(), bytes(b)])]));
            } else {
                ops.push(Operation::new("Tj", vec![bytes(text)]));
            }
            ops.push(Operation::new("ET", vec![]));
        }
        let mut stream = Stream::new(dictionary! {}, Content { operations: ops }.encode().unwrap());
        stream.compress().unwrap();
        let content = doc.add_object(stream);
        kids.push(Object::from(doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content })));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Body lines at 11 pt, 14 pt apart from `top`.
fn body<'a>(top: f32, lines: &[&'a str]) -> Vec<Text<'a>> {
    lines.iter().enumerate().map(|(i, t)| ("F1", 11.0, 72.0, top - 14.0 * i as f32, *t)).collect()
}

/// A three-page policy with a running header and page numbers on every page.
fn policy() -> Vec<u8> {
    let mut p1 = vec![("F2", 22.0, 72.0, 760.0, "Privacy Policy")];
    p1.extend(body(730.0, &["This policy explains how Acme Cloud handles personal", "data when you use our services."]));
    p1.push(("F2", 15.0, 72.0, 680.0, "1. Information We Collect"));
    p1.push(("F2", 11.0, 72.0, 655.0, "Information You Provide"));
    p1.extend(body(635.0, &["We collect the informa-", "tion you give us when you sign up, such as your name", "and email address."]));
    p1.extend(body(585.0, &["We collect:", "• Account details: name, email address, phone number and", "password", "• Payment details through our processor"]));
    let mut p2 = vec![("F2", 15.0, 72.0, 760.0, "2. How We Use Information")];
    p2.extend(body(735.0, &["We use your data to run the service, to answer support", "requests and to keep the platform secure."]));
    p2.push(("F2", 11.0, 72.0, 690.0, "Data|Protection"));
    p2.extend(body(670.0, &["We never sell your data. Find out more in our ﬁnal section."]));
    let mut p3 = vec![("F2", 15.0, 72.0, 760.0, "3. Sharing")];
    p3.extend(body(735.0, &["We share data with hosting and payment providers", "only as needed to run the service."]));
    let mut pages = vec![p1, p2, p3];
    for (i, page) in pages.iter_mut().enumerate() {
        page.insert(0, ("F1", 8.0, 72.0, 810.0, "Acme Cloud Ltd - Privacy Policy"));
        page.push(("F1", 8.0, 280.0, 30.0, ["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"][i]));
    }
    pdf(&pages)
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit())).map(str::to_lowercase).collect()
}

fn markdown_of(name: &str, bytes: &[u8]) -> String {
    let p = preview_bytes(name, bytes, None).unwrap();
    let mut md = format!("# {}\n", p.title);
    for s in &p.sections {
        md.push_str(&format!("## {}\n{}\n", s.heading, s.body));
    }
    md
}

#[test]
fn a_text_pdf_comes_back_with_headings_words_and_no_page_furniture() {
    let file = policy();
    let p = preview_bytes("policy.pdf", &file, None).unwrap();
    assert_eq!(p.title, "Privacy Policy");
    let headings: Vec<&str> = p.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Preamble", "Information We Collect", "How We Use Information", "Sharing"], "{p:#?}");
    let first = &p.sections[1].body;
    assert!(first.contains("**Information You Provide**"), "a bold line is marked: {first}");
    assert!(first.contains("the information you give us"), "the hyphenated word is mended: {first}");
    assert!(first.contains("- Account details: name, email address, phone number and password\n- Payment details"), "list items: {first}");
    assert!(p.sections[2].body.contains("**Data Protection**"), "a TJ gap is a space: {}", p.sections[2].body);

    let md = markdown_of("policy.pdf", &file);
    assert!(!md.contains("Acme Cloud Ltd"), "the running header is dropped: {md}");
    assert!(!md.contains("Page "), "page numbers are dropped: {md}");
    let expected = "Privacy Policy This policy explains how Acme Cloud handles personal data when you use our services. \
        Information We Collect Information You Provide We collect the information you give us when you sign up, such as your name \
        and email address. We collect: Account details: name, email address, phone number and password Payment details through our processor \
        How We Use Information We use your data to run the service, to answer support requests and to keep the platform secure. \
        Data Protection We never sell your data. Find out more in our final section. Sharing We share data with hosting and payment providers only as needed to run the service.";
    let got: Vec<String> = words(&md).into_iter().filter(|w| w != "preamble").collect();
    assert_eq!(got, words(expected), "{md}");
}

#[test]
fn a_pdf_without_size_differences_keeps_numbered_lines_for_the_splitter() {
    let mut page = body(760.0, &["Privacy Policy"]);
    page.extend(body(730.0, &["1. Scope"]));
    page.extend(body(700.0, &["This covers everything."]));
    page.extend(body(670.0, &["2. Contact"]));
    page.extend(body(640.0, &["Write to us."]));
    let p = preview_bytes("plain.pdf", &pdf(&[page]), None).unwrap();
    let headings: Vec<&str> = p.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(p.title, "Privacy Policy");
    assert_eq!(headings, ["Scope", "Contact"], "{p:#?}");
}

/// A PDF written byte by byte: objects 1.. in order, a cross-reference table, /Root 1 0 R.
fn raw_pdf(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

/// `content` and then `spaces` spaces, deflated, without holding them all in memory.
fn deflate(content: &[u8], spaces: usize) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(content).unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..spaces / chunk.len() {
        z.write_all(&chunk).unwrap();
    }
    z.finish().unwrap()
}

/// One page whose content stream is `content`, Flate-compressed or not.
fn one_page(content: &[u8], compress: bool) -> Vec<u8> {
    if compress { page_with_stream(&deflate(content, 0), "/Filter /FlateDecode ") } else { page_with_stream(content, "") }
}

fn page_with_stream(data: &[u8], filter: &str) -> Vec<u8> {
    let mut stream = format!("<< /Length {} {filter}>>\nstream\n", data.len()).into_bytes();
    stream.extend_from_slice(data);
    stream.extend_from_slice(b"\nendstream");
    raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ],
        "",
    )
}

/// The refusal's message, after checking it came quickly and names the file.
fn refused(name: &str, bytes: &[u8]) -> String {
    let started = Instant::now();
    let err = preview_bytes(name, bytes, None).expect_err("refused");
    assert!(started.elapsed() < Duration::from_secs(8), "{name} took {:?}", started.elapsed());
    let message = err.to_string();
    assert!(message.contains(name), "the message names the file: {message}");
    message
}

#[test]
fn a_small_valid_pdf_reads() {
    let md = markdown_of("ok.pdf", &one_page(b"BT /F1 12 Tf 72 700 Td (Hello world) Tj ET", true));
    assert!(md.contains("Hello world"), "{md}");
}

#[test]
fn the_fuzz_seed_reads() {
    let md = markdown_of("policy.pdf", include_bytes!("../../../fuzz/seeds/import_pdf/policy.pdf"));
    assert_eq!(md, "# Privacy Policy\n## Data We Collect\nWe collect the information you give us.\n\n- Account data\n");
}

#[test]
fn a_refused_pdf_leaves_the_workspace_as_it_was_and_a_good_one_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = clausewright_core::Store::open(&dir.path().join("w.sqlite3")).unwrap();
    let before = store.documents().unwrap();
    let path = dir.path().join("bomb.pdf");
    std::fs::write(&path, page_with_stream(&deflate(b"BT /F1 12 Tf 72 700 Td (A) Tj ET ", 9 << 20), "/Filter /FlateDecode ")).unwrap();
    let err = clausewright_core::import::preview_file(&path, Some(&store)).unwrap_err();
    assert!(err.to_string().contains("bomb.pdf"), "{err}");
    assert_eq!(store.documents().unwrap(), before, "nothing written");
    let good = dir.path().join("policy.pdf");
    std::fs::write(&good, policy()).unwrap();
    let preview = clausewright_core::import::preview_file(&good, Some(&store)).unwrap();
    let made = store.import(&preview, None, &Default::default(), "policy.pdf").unwrap();
    let doc = store.document(made.document_id).unwrap();
    assert_eq!(doc.sections.len(), preview.sections.len());
    assert_eq!(store.documents().unwrap().len(), before.len() + 1);
}

#[test]
fn hostile_pdfs_are_refused_quickly_with_a_reason() {
    // Inflating past one stream's cap, and past the cap on all streams together.
    let text = b"BT /F1 12 Tf 72 700 Td (A) Tj ET ";
    let flate = "/Filter /FlateDecode ";
    assert!(refused("bomb.pdf", &page_with_stream(&deflate(text, 9 << 20), flate)).contains("decompression bomb"));
    let m = refused("huge-bomb.pdf", &page_with_stream(&deflate(text, 140 << 20), flate));
    assert!(m.contains("decompression bomb") && m.contains("128 MB"), "{m}");

    // 100,000 levels of arrays and of dictionaries.
    let catalog = |x: Vec<u8>| [b"<< /Type /Catalog /Pages 2 0 R /X ".to_vec(), x, b" >>".to_vec()].concat();
    let pages = b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec();
    let arrays = [vec![b'['; 100_000], vec![b']'; 100_000]].concat();
    assert!(refused("deep.pdf", &raw_pdf(&[catalog(arrays), pages.clone()], "")).contains("deeper than 100 levels"));
    let dicts = ["<< /A ".repeat(100_000), ">> ".repeat(100_000)].concat().into_bytes();
    assert!(refused("deep-dict.pdf", &raw_pdf(&[catalog(dicts), pages.clone()], "")).contains("deeper than 100 levels"));
    // Deep nesting inside a content stream loses that page's text: here, all of it.
    let deep_content = [b"BT /F1 12 Tf 72 700 Td [".to_vec(), vec![b'['; 100_000], vec![b']'; 100_000], b"] TJ ET".to_vec()].concat();
    assert!(refused("deep-content.pdf", &one_page(&deep_content, true)).contains("no text layer"));

    // Reference loops: the page tree points at itself, an object is a reference to itself.
    let looping = raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>".to_vec(),
        ],
        "",
    );
    assert!(refused("kids.pdf", &looping).contains("no pages"));
    let selfref = raw_pdf(&[b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(), b"2 0 R".to_vec()], "");
    assert!(refused("self.pdf", &selfref).contains("no pages"));

    // A page tree that claims a million pages.
    let million = raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R >>".to_vec(),
        ],
        "",
    );
    assert!(refused("million.pdf", &million).contains("1000000 pages"));

    // Garbage, with and without a PDF header.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let noise: Vec<u8> = (0..5000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect();
    assert!(refused("noise.pdf", &noise).contains("not a PDF"));
    assert!(refused("stub.pdf", b"%PDF-1.4").contains("not a readable PDF"));
    assert!(refused("noise2.pdf", &[b"%PDF-1.7\n".as_slice(), &noise].concat()).contains("not a readable PDF"));

    // Encrypted with a user password.
    let encrypted = raw_pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R >>".to_vec(),
            format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /O <{}> /U <{}> /P -4 >>", "00".repeat(32), "11".repeat(32)).into_bytes(),
        ],
        "/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
    );
    assert!(refused("secret.pdf", &encrypted).contains("encrypted"));

    // A page with only drawing on it, as a scan has only an image.
    assert!(refused("scan.pdf", &one_page(b"0 0 m 100 100 l S", false)).contains("no text layer"));

    // Too big to open.
    assert!(refused("big.pdf", &vec![b'%'; 21 * 1024 * 1024]).contains("20 MB"));
}

/// Real PDFs next to their source text (x.pdf and x.txt in $CLAUSEWRIGHT_PDF_DIR, made by
/// scripts/seeds-to-pdf.py): the share of the source's words that come back.
#[test]
#[ignore = "needs PDFs made from real policies: CLAUSEWRIGHT_PDF_DIR=... cargo test -- --ignored"]
fn real_pdfs_keep_their_words() {
    let dir = std::env::var("CLAUSEWRIGHT_PDF_DIR").expect("CLAUSEWRIGHT_PDF_DIR");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect();
    files.sort();
    for path in files {
        let source = std::fs::read_to_string(path.with_extension("txt")).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let started = Instant::now();
        let md = markdown_of(&name, &bytes);
        let mut bag = std::collections::HashMap::<String, i32>::new();
        for w in words(&md) {
            *bag.entry(w).or_default() += 1;
        }
        let want = words(&source);
        let kept = want.iter().filter(|w| bag.get_mut(*w).is_some_and(|n| *n > 0 && { *n -= 1; true })).count();
        let extra: i32 = bag.values().sum();
        if std::env::var_os("CLAUSEWRIGHT_PDF_PRINT").is_some() {
            println!("{md}");
        }
        let p = preview_bytes(&name, &bytes, None).unwrap();
        println!(
            "{name}: {kept}/{} words kept ({:.1}%), {extra} extra, {} sections, {:?}",
            want.len(),
            100.0 * kept as f64 / want.len() as f64,
            p.sections.len(),
            started.elapsed()
        );
        assert!(kept * 100 >= want.len() * 95, "{name}: {md}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any bytes, and any small mutation of a valid PDF, give a preview or an error.
    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let _ = preview_bytes("x.pdf", &bytes, None);
        let _ = preview_bytes("x.pdf", &[b"%PDF-1.4\n".as_slice(), &bytes].concat(), None);
        let mut valid = one_page(b"BT /F1 12 Tf 72 700 Td (Hello world) Tj ET", false);
        for (at, byte) in edits {
            let i = at.index(valid.len());
            valid[i] = byte;
        }
        let _ = preview_bytes("x.pdf", &valid, None);
        valid.truncate(cut.index(valid.len()));
        let _ = preview_bytes("x.pdf", &valid, None);
    }
}
