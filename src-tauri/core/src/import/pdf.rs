//! Text PDFs to Markdown for import. The file is parsed by `lopdf` (bounded nesting, bounded
//! stream decompression), and each page's content stream is interpreted here just far enough to
//! know where each piece of text sits, in which font and at which size; then lines become
//! paragraphs, list items and headings. A PDF is hostile until proven otherwise (security I4):
//! its size, page count, total inflated bytes and reading time are capped, the parse runs on a
//! thread of its own with a large stack and behind `catch_unwind`, and nothing goes to disk.
//!
//! Lines noticeably larger than the body text become `#`, `##`, `###` by size rank; short
//! whole lines in a bold font become `**line**` (or, when no size marks headings, `##` for a
//! numbered one, as in `docx`). Running headers, footers and page numbers are dropped; wrapped
//! lines are joined and words hyphenated across lines mended. Images, tables' grid and links are
//! not carried over. A PDF without a text layer (a scan) is refused.

use crate::error::{Error, Result};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

/// A PDF above this is refused before it is parsed (as for Word files).
pub const MAX_BYTES: usize = super::docx::MAX_ZIPPED;
/// A PDF with more pages than this is refused (from its page tree's /Count, before any text).
pub const MAX_PAGES: usize = 2000;
/// No stream (a page's content, an object stream, a font's Unicode map) may inflate to more.
const MAX_STREAM: usize = 8 * 1024 * 1024;
/// All the file's Flate streams together may not inflate to more than this; checked before
/// `lopdf` sees the file, because it inflates object streams eagerly while loading.
const MAX_INFLATED: u64 = 128 * 1024 * 1024;
/// More streams than this is not a policy.
const MAX_STREAMS: usize = 200_000;
/// Arrays and dictionaries nested deeper than this are refused (`lopdf` stops at 100 too).
pub const MAX_DEPTH: usize = 100;
/// Reading stops with an error past this, checked between pages and every few thousand
/// operators.
pub const TIME_BUDGET: Duration = Duration::from_secs(10);
/// The parser recurses (to `lopdf`'s own depth limits); a big stack makes that safe on any
/// caller's thread, since a stack overflow aborts the process and cannot be caught.
const STACK: usize = 64 * 1024 * 1024;
/// A `q` (save graphics state) nests at most this deep; deeper saves are ignored.
const MAX_SAVES: usize = 64;

/// Markdown for a text PDF's bytes, and warnings about what was not carried over.
pub(super) fn to_markdown(name: &str, bytes: &[u8]) -> Result<(String, Vec<String>)> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::Invalid(format!("{name} is {} MB; PDF files above 20 MB are not imported", bytes.len() / (1024 * 1024))));
    }
    // The header may follow some junk, but only a little (readers allow 1 KB).
    if !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::Invalid(format!("{name} is not a PDF file: it has no %PDF header")));
    }
    let started = Instant::now();
    let data = bytes.to_vec();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("pdf-import".into())
        .stack_size(STACK)
        .spawn(move || {
            // Rebuilding the Markdown is guarded too: it works on the file's text.
            let read = std::panic::catch_unwind(|| read(&data, started).map(finish));
            let _ = tx.send(read);
        })
        .map_err(|e| Error::Invalid(format!("{name}: cannot start reading the PDF ({e})")))?;
    // The reader checks the budget itself; this wait is the backstop should it not.
    let read = match rx.recv_timeout(TIME_BUDGET * 2) {
        Ok(Ok(read)) => read,
        Ok(Err(_)) => return Err(Error::Invalid(format!("{name} could not be read: the PDF is damaged or built in a way the reader cannot follow"))),
        Err(_) => return Err(too_slow(name)),
    };
    let pdf = read.map_err(|problem| match problem {
        Problem::Slow => too_slow(name),
        Problem::Refused(why) => Error::Invalid(format!("{name} {why}")),
    })?;
    if pdf.letters == 0 {
        return Err(Error::Invalid(if pdf.unreadable > 0 {
            format!("{name}: its text cannot be read (its fonts carry no Unicode map); export it from its program again, or run it through OCR")
        } else {
            format!("{name} has no text layer: it looks like a scanned PDF; run it through OCR (text recognition) first, or import the original document")
        }));
    }
    let mut warnings = Vec::new();
    if pdf.image_pages > 0 {
        warnings.push(format!("{name}: images on {} page(s) were not carried over", pdf.image_pages));
    }
    if pdf.unreadable > 0 {
        warnings.push(format!("{name}: {} character(s) could not be read (a font has no Unicode map) and show as �: check them", pdf.unreadable));
    }
    Ok((pdf.markdown, warnings))
}

/// What the reader thread hands back.
struct Converted {
    markdown: String,
    letters: usize,
    image_pages: usize,
    unreadable: usize,
}

fn finish(pdf: Extracted) -> Converted {
    let letters = pdf.lines.iter().flat_map(|l| l.text.chars()).filter(|c| c.is_alphanumeric()).count();
    Converted { markdown: lines_to_markdown(pdf.lines, pdf.pages), letters, image_pages: pdf.image_pages, unreadable: pdf.unreadable }
}

/// Does Markdown made from a PDF mark its section headings (`#`, `##`)? When it does not, the
/// lines were emitted plainly and the splitter must find numbered headings itself.
pub(super) fn marks_headings(markdown: &str) -> bool {
    markdown.lines().any(|l| l.starts_with("# ") || l.starts_with("## "))
}

fn too_slow(name: &str) -> Error {
    Error::Invalid(format!("{name} took longer than {} s to read and was stopped; the PDF is too complex or damaged", TIME_BUDGET.as_secs()))
}

enum Problem {
    Slow,
    /// Why the file is refused, to follow its name.
    Refused(String),
}

fn refused(why: impl Into<String>) -> Problem {
    Problem::Refused(why.into())
}

/// A line of text on a page, in PDF user space (y grows upwards).
#[derive(Debug, Clone, PartialEq)]
struct Line {
    page: usize,
    x: f32,
    /// Where its last character ends.
    end: f32,
    y: f32,
    /// The font size most of its characters are set in.
    size: f32,
    /// Nearly all of its characters are in a bold font.
    bold: bool,
    text: String,
}

struct Extracted {
    lines: Vec<Line>,
    pages: usize,
    image_pages: usize,
    unreadable: usize,
}

fn read(bytes: &[u8], started: Instant) -> std::result::Result<Extracted, Problem> {
    check_nesting(bytes)?;
    check_inflation(bytes, started)?;
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_STREAM), ..Default::default() };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword) => return Err(encrypted()),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => return Err(bomb()),
        Err(e) => return Err(refused(format!("is not a readable PDF ({e})"))),
    };
    // An empty user password is tried while loading; still encrypted means it needs one.
    if doc.is_encrypted() {
        return Err(encrypted());
    }
    if started.elapsed() > TIME_BUDGET {
        return Err(Problem::Slow);
    }
    let declared = doc
        .catalog()
        .ok()
        .and_then(|c| c.get_deref(b"Pages", &doc).ok())
        .and_then(|p| p.as_dict().ok())
        .and_then(|p| p.get(b"Count").ok())
        .and_then(|c| c.as_i64().ok())
        .unwrap_or(0);
    if declared > MAX_PAGES as i64 {
        return Err(refused(format!("has {declared} pages; PDF files with more than {MAX_PAGES} are not imported")));
    }
    // /Count may lie: never walk further than the cap.
    let pages: Vec<ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if pages.len() > MAX_PAGES {
        return Err(refused(format!("has more than {MAX_PAGES} pages; such PDF files are not imported")));
    }
    if pages.is_empty() {
        return Err(refused("has no pages: there is nothing to import"));
    }
    let mut out = Extracted { lines: Vec::new(), pages: pages.len(), image_pages: 0, unreadable: 0 };
    let mut inflated = 0usize;
    for (i, page) in pages.iter().enumerate() {
        if started.elapsed() > TIME_BUDGET {
            return Err(Problem::Slow);
        }
        read_page(&doc, *page, i, started, &mut inflated, &mut out)?;
    }
    Ok(out)
}

fn encrypted() -> Problem {
    refused("is encrypted (password-protected); open it, then save or print it as a PDF without a password, and import that")
}

fn bomb() -> Problem {
    refused(format!("has a stream that inflates to more than {} MB; the file looks like a decompression bomb and is refused", MAX_STREAM / (1024 * 1024)))
}

/// Inflates every Flate stream in the raw file into nothing, refusing the file when together
/// they exceed [`MAX_INFLATED`]: `lopdf` bounds each stream, not their sum.
fn check_inflation(bytes: &[u8], started: Instant) -> std::result::Result<(), Problem> {
    let mut total = 0u64;
    let mut streams = 0usize;
    let mut inflater = flate2::Decompress::new(true);
    let mut sink = vec![0u8; 64 * 1024];
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let keyword = at + found;
        at = keyword + 6;
        if bytes[..keyword].ends_with(b"end") {
            continue;
        }
        streams += 1;
        if streams > MAX_STREAMS {
            return Err(refused(format!("has more than {MAX_STREAMS} streams; it is not a document this imports")));
        }
        if streams.is_multiple_of(256) && started.elapsed() > TIME_BUDGET {
            return Err(Problem::Slow);
        }
        let mut data = &bytes[at..];
        data = data.strip_prefix(b"\r").unwrap_or(data);
        data = data.strip_prefix(b"\n").unwrap_or(data);
        // A zlib header: deflate, a window of at most 32 KB, a valid check, no preset dictionary.
        let zlib = data.len() >= 2 && data[0] & 0x0f == 8 && data[0] >> 4 <= 7 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0 && data[1] & 0x20 == 0;
        if !zlib {
            continue;
        }
        inflater.reset(true);
        loop {
            let before = (inflater.total_in(), inflater.total_out());
            let input = &data[(inflater.total_in() as usize).min(data.len())..];
            let status = inflater.decompress(input, &mut sink, flate2::FlushDecompress::None);
            total += inflater.total_out() - before.1;
            if total > MAX_INFLATED {
                return Err(refused(format!(
                    "has streams that inflate to more than {} MB; the file looks like a decompression bomb and is refused",
                    MAX_INFLATED / (1024 * 1024)
                )));
            }
            match status {
                Ok(flate2::Status::Ok) if (inflater.total_in(), inflater.total_out()) != before => {}
                _ => break,
            }
            if inflater.total_out() % (16 * 1024 * 1024) < sink.len() as u64 && started.elapsed() > TIME_BUDGET {
                return Err(Problem::Slow);
            }
        }
    }
    Ok(())
}

/// Refuses arrays and dictionaries nested deeper than [`MAX_DEPTH`] outside streams, so the
/// message says so (the parser would only fail to read the object). Strings, comments and
/// stream data are skipped.
fn check_nesting(bytes: &[u8]) -> std::result::Result<(), Problem> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            // A hex string.
            b'<' => i += find(&bytes[i..], b">").unwrap_or(bytes.len()),
            b'%' => i += bytes[i..].iter().position(|b| matches!(b, b'\r' | b'\n')).unwrap_or(bytes.len()),
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let mut open = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => open += 1,
                        b')' => {
                            open -= 1;
                            if open == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b's' if bytes[i..].starts_with(b"stream") && !bytes[..i].ends_with(b"end") => {
                i += find(&bytes[i..], b"endstream").unwrap_or(bytes.len());
            }
            _ => {}
        }
        if depth > MAX_DEPTH {
            return Err(refused(format!("nests arrays or dictionaries deeper than {MAX_DEPTH} levels; the file is refused")));
        }
        i += 1;
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A font as the interpreter needs it.
struct Font<'a> {
    encoding: Option<lopdf::Encoding<'a>>,
    /// Type0 fonts use two-byte codes (Identity-H, the common case).
    two_byte: bool,
    bold: bool,
    /// Glyph widths in thousandths of the font size, by code.
    widths: HashMap<u32, f32>,
    default_width: f32,
}

/// A 2D affine matrix [a b c d e f] as PDF writes it.
type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn translate(tx: f32, ty: f32) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

/// Numeric operands, or `None` when any is missing, not a number or not finite.
fn numbers<const N: usize>(operands: &[Object]) -> Option<[f32; N]> {
    let mut out = [0.0; N];
    for (i, slot) in out.iter_mut().enumerate() {
        let v = operands.get(i)?.as_float().ok()?;
        if !v.is_finite() {
            return None;
        }
        *slot = v;
    }
    Some(out)
}

fn is_bold_name(base_font: &[u8]) -> bool {
    let name = String::from_utf8_lossy(base_font).to_lowercase();
    ["bold", "semibold", "demi", "black", "heavy"].iter().any(|w| name.contains(w))
}

fn load_font<'a>(doc: &'a Document, dict: &'a Dictionary) -> std::result::Result<Font<'a>, Problem> {
    let two_byte = dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Type0");
    let descendant = if two_byte {
        dict.get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok())
    } else {
        None
    };
    let descriptor = descendant.unwrap_or(dict).get_deref(b"FontDescriptor", doc).and_then(Object::as_dict).ok();
    let base = dict.get(b"BaseFont").and_then(Object::as_name).unwrap_or(b"");
    let flags = descriptor.and_then(|d| d.get(b"Flags").and_then(Object::as_i64).ok()).unwrap_or(0);
    let weight = descriptor.and_then(|d| d.get(b"FontWeight").and_then(Object::as_float).ok()).unwrap_or(0.0);
    let bold = is_bold_name(base) || flags & (1 << 18) != 0 || weight >= 600.0;

    let mut widths = HashMap::new();
    let mut default_width = 500.0;
    if let Some(desc) = descendant {
        default_width = desc.get(b"DW").and_then(Object::as_float).unwrap_or(1000.0);
        // /W [c [w1 w2 …] cfirst clast w …]
        if let Ok(w) = desc.get_deref(b"W", doc).and_then(Object::as_array) {
            let mut i = 0;
            while i < w.len() && widths.len() < 65_536 {
                let Ok(first) = w[i].as_i64() else { break };
                match w.get(i + 1).map(|o| doc.dereference(o).map(|(_, o)| o)) {
                    Some(Ok(Object::Array(list))) => {
                        for (k, v) in list.iter().take(65_536).enumerate() {
                            widths.insert((first as u32).wrapping_add(k as u32), v.as_float().unwrap_or(default_width));
                        }
                        i += 2;
                    }
                    Some(Ok(last)) => {
                        let (Ok(last), Some(Ok(v))) = (last.as_i64(), w.get(i + 2).map(Object::as_float)) else { break };
                        for c in first.max(0)..=last.min(first.max(0) + 65_535) {
                            widths.insert(c as u32, v);
                        }
                        i += 3;
                    }
                    _ => break,
                }
            }
        }
    } else {
        if let Some(missing) = descriptor.and_then(|d| d.get(b"MissingWidth").and_then(Object::as_float).ok()) {
            default_width = missing;
        }
        let first = dict.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0).clamp(0, 255) as u32;
        if let Ok(list) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
            for (k, v) in list.iter().take(256).enumerate() {
                if let Ok(w) = doc.dereference(v).and_then(|(_, v)| v.as_float()) {
                    widths.insert(first + k as u32, w);
                }
            }
        }
    }
    let encoding = match dict.get_font_encoding_with_limit(doc, MAX_STREAM) {
        Ok(e) => Some(e),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => return Err(bomb()),
        Err(_) => None,
    };
    Ok(Font { encoding, two_byte, bold, widths, default_width })
}

/// The text state of one page being read.
struct Page<'a> {
    fonts: &'a HashMap<Vec<u8>, Font<'a>>,
    page: usize,
    ctm: Matrix,
    saved: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    font: Option<&'a Font<'a>>,
    size: f32,
    leading: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    /// A TJ gap wide enough to be a space, to put before the next text.
    space: bool,
    line: Option<LineBuilder>,
    lines: Vec<Line>,
    unreadable: usize,
}

/// A line being assembled from runs of text.
struct LineBuilder {
    x: f32,
    y: f32,
    end: f32,
    text: String,
    /// Characters by font size (in half points), and how many of them are bold.
    sizes: HashMap<i32, usize>,
    bold: usize,
    chars: usize,
}

impl<'a> Page<'a> {
    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.font else { return };
        let mut text = match &font.encoding {
            Some(enc) => enc.bytes_to_string(bytes).unwrap_or_default(),
            None if !font.two_byte => bytes.iter().map(|b| if b.is_ascii_graphic() || *b == b' ' { *b as char } else { '\u{FFFD}' }).collect(),
            None => "\u{FFFD}".repeat(bytes.len() / 2),
        };
        text.retain(|c| !c.is_control());
        // Typesetters' ligatures are letters to a reader: "ﬁnd" is "find".
        if text.contains(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
            text = text.replace('\u{FB00}', "ff").replace('\u{FB01}', "fi").replace('\u{FB02}', "fl").replace('\u{FB03}', "ffi").replace('\u{FB04}', "ffl").replace(['\u{FB05}', '\u{FB06}'], "st");
        }
        self.unreadable += text.matches('\u{FFFD}').count();
        let start = mul(&self.tm, &self.ctm);
        // Advance the text matrix by the glyphs' widths.
        let codes: Vec<u32> = if font.two_byte {
            bytes.chunks(2).map(|c| c.iter().fold(0u32, |a, b| a << 8 | u32::from(*b))).collect()
        } else {
            bytes.iter().map(|b| u32::from(*b)).collect()
        };
        let mut advance = 0.0;
        for code in codes {
            let w = font.widths.get(&code).copied().unwrap_or(font.default_width);
            let word = if !font.two_byte && code == 32 { self.word_space } else { 0.0 };
            advance += (w / 1000.0 * self.size + self.char_space + word) * self.scale;
        }
        if advance.is_finite() {
            self.tm = mul(&translate(advance, 0.0), &self.tm);
        }
        let end = mul(&self.tm, &self.ctm);
        if text.trim().is_empty() {
            self.space |= !text.is_empty();
            return;
        }
        let size = (self.size * start[2].hypot(start[3])).abs();
        let (x, y) = (start[4], start[5]);
        if !(size.is_finite() && x.is_finite() && y.is_finite()) {
            return;
        }
        let chars = text.chars().count();
        let same_line = self.line.as_ref().is_some_and(|l| (l.y - y).abs() <= 0.4 * size.max(1.0));
        if !same_line {
            self.finish_line();
        }
        let line = self.line.get_or_insert_with(|| LineBuilder { x, y, end: x, text: String::new(), sizes: HashMap::new(), bold: 0, chars: 0 });
        let gap = x - line.end;
        if !line.text.is_empty() && !line.text.ends_with(' ') && !text.starts_with(' ') && (self.space || gap > 0.15 * size) {
            line.text.push(' ');
        }
        self.space = false;
        line.text.push_str(&text);
        line.x = line.x.min(x);
        line.end = end[4];
        *line.sizes.entry((size * 2.0).round() as i32).or_default() += chars;
        line.chars += chars;
        if font.bold {
            line.bold += chars;
        }
    }

    fn finish_line(&mut self) {
        let Some(l) = self.line.take() else { return };
        let text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        let size = l.sizes.iter().max_by_key(|(s, n)| (**n, **s)).map_or(0.0, |(s, _)| *s as f32 / 2.0);
        self.lines.push(Line { page: self.page, x: l.x, end: l.end, y: l.y, size, bold: l.bold * 10 >= l.chars * 9, text });
    }

    fn newline(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&translate(tx, ty), &self.tlm);
        self.tm = self.tlm;
    }

    fn operate(&mut self, op: &str, operands: &[Object]) {
        match op {
            "q" if self.saved.len() < MAX_SAVES => self.saved.push(self.ctm),
            "Q" => self.ctm = self.saved.pop().unwrap_or(self.ctm),
            "cm" => {
                if let Some(m) = numbers::<6>(operands) {
                    self.ctm = mul(&m, &self.ctm);
                }
            }
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            "Tf" => {
                self.font = operands.first().and_then(|n| n.as_name().ok()).and_then(|n| self.fonts.get(n));
                if let Some([s]) = operands.get(1..).and_then(numbers::<1>) {
                    self.size = s;
                }
            }
            "Td" | "TD" => {
                if let Some([tx, ty]) = numbers::<2>(operands) {
                    if op == "TD" {
                        self.leading = -ty;
                    }
                    self.newline(tx, ty);
                }
            }
            "Tm" => {
                if let Some(m) = numbers::<6>(operands) {
                    self.tlm = m;
                    self.tm = m;
                }
            }
            "T*" => self.newline(0.0, -self.leading),
            "TL" | "Tc" | "Tw" | "Tz" => {
                if let Some([v]) = numbers::<1>(operands) {
                    match op {
                        "TL" => self.leading = v,
                        "Tc" => self.char_space = v,
                        "Tw" => self.word_space = v,
                        _ => self.scale = v / 100.0,
                    }
                }
            }
            "Tj" | "'" | "\"" => {
                if op != "Tj" {
                    self.newline(0.0, -self.leading);
                }
                if op == "\"" && let Some([aw, ac]) = numbers::<2>(operands) {
                    self.word_space = aw;
                    self.char_space = ac;
                }
                if let Some(Ok(s)) = operands.last().map(Object::as_str) {
                    self.show(s);
                }
            }
            "TJ" => {
                let Some(Ok(items)) = operands.first().map(Object::as_array) else { return };
                for item in items {
                    match item {
                        Object::String(s, _) => self.show(s),
                        _ => {
                            let Ok(n) = item.as_float() else { continue };
                            if !n.is_finite() {
                                continue;
                            }
                            self.tm = mul(&translate(-n / 1000.0 * self.size * self.scale, 0.0), &self.tm);
                            // Word spaces are a quarter em or so; kerning is much less.
                            if n < -200.0 {
                                self.space = true;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn read_page(doc: &Document, page_id: ObjectId, index: usize, started: Instant, inflated: &mut usize, out: &mut Extracted) -> std::result::Result<(), Problem> {
    let fonts_by_name = doc.get_page_fonts(page_id).unwrap_or_default();
    // A /ToUnicode map says what the glyphs mean more reliably than /Encoding, which lopdf
    // otherwise prefers: read each simple font through a copy without it.
    let dicts: Vec<(Vec<u8>, std::borrow::Cow<'_, Dictionary>)> = fonts_by_name
        .into_iter()
        .map(|(name, dict)| {
            let simple_with_map = dict.has(b"ToUnicode") && dict.has(b"Encoding") && !dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Type0");
            if simple_with_map {
                let mut copy = dict.clone();
                copy.remove(b"Encoding");
                (name, std::borrow::Cow::Owned(copy))
            } else {
                (name, std::borrow::Cow::Borrowed(dict))
            }
        })
        .collect();
    let mut fonts = HashMap::new();
    for (name, dict) in &dicts {
        fonts.insert(name.clone(), load_font(doc, dict)?);
    }
    if page_has_images(doc, page_id) {
        out.image_pages += 1;
    }
    let content = match doc.get_page_content_with_limit(page_id, MAX_STREAM) {
        Ok(c) => c,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => return Err(bomb()),
        Err(_) => return Ok(()),
    };
    *inflated += content.len();
    if *inflated as u64 > MAX_INFLATED {
        return Err(refused(format!("has pages whose text inflates to more than {} MB; it is refused", MAX_INFLATED / (1024 * 1024))));
    }
    let mut state = Page {
        fonts: &fonts,
        page: index,
        ctm: IDENTITY,
        saved: Vec::new(),
        tm: IDENTITY,
        tlm: IDENTITY,
        font: None,
        size: 0.0,
        leading: 0.0,
        char_space: 0.0,
        word_space: 0.0,
        scale: 1.0,
        space: false,
        line: None,
        lines: Vec::new(),
        unreadable: 0,
    };
    for (n, op) in lopdf::content::Content::decode_iter(&content).enumerate() {
        if n % 4096 == 4095 && started.elapsed() > TIME_BUDGET {
            return Err(Problem::Slow);
        }
        // The rest of a damaged content stream is lost, not the whole file.
        let Ok(op) = op else { break };
        state.operate(&op.operator, &op.operands);
    }
    state.finish_line();
    out.unreadable += state.unreadable;
    out.lines.append(&mut state.lines);
    Ok(())
}

fn page_has_images(doc: &Document, page_id: ObjectId) -> bool {
    let Ok((direct, ids)) = doc.get_page_resources(page_id) else { return false };
    let dicts = direct.into_iter().chain(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
    dicts.filter_map(|r| r.get_deref(b"XObject", doc).and_then(Object::as_dict).ok()).any(|xobjects| {
        xobjects.iter().any(|(_, x)| {
            doc.dereference(x)
                .ok()
                .and_then(|(_, x)| x.as_stream().ok())
                .is_some_and(|s| s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|t| t == b"Image"))
        })
    })
}

// ---- From lines to Markdown: no parser below, only line data. ----

/// Running headers, footers and page numbers: the top or bottom lines of a page that are a
/// page number ("3", "Page 3 of 9", "- 3 -"), or that repeat, digits aside, on most pages.
fn drop_furniture(lines: Vec<Line>, pages: usize) -> Vec<Line> {
    // Per page, the indices of its two highest and two lowest lines.
    let mut edges: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_page: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        by_page.entry(l.page).or_default().push(i);
    }
    for (page, mut idx) in by_page {
        idx.sort_by(|a, b| lines[*b].y.total_cmp(&lines[*a].y));
        let n = idx.len();
        let mut e: Vec<usize> = idx.iter().take(2).chain(idx.iter().skip(n.saturating_sub(2))).copied().collect();
        e.sort_unstable();
        e.dedup();
        edges.insert(page, e);
    }
    // The size is part of the key: a title set large on the first page stays, though the same
    // words run small along the top of every page.
    let key = |l: &Line| {
        let text: String = l.text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c.to_ascii_lowercase() }).collect();
        format!("{text}@{}", round_half(l.size))
    };
    let mut seen: HashMap<String, std::collections::HashSet<usize>> = HashMap::new();
    for (page, idx) in &edges {
        for i in idx {
            seen.entry(key(&lines[*i])).or_default().insert(*page);
        }
    }
    let repeats = |k: &str| seen.get(k).map_or(0, |p| p.len());
    let threshold = 2.max(pages.div_ceil(2));
    let mut drop = vec![false; lines.len()];
    for idx in edges.values() {
        for i in idx {
            let text = &lines[*i].text;
            drop[*i] = is_page_number(text) || (pages >= 2 && repeats(&key(&lines[*i])) >= threshold);
        }
    }
    lines.into_iter().zip(drop).filter(|(_, d)| !d).map(|(l, _)| l).collect()
}

/// "3", "- 3 -", "Page 3", "Page 3 of 9", "3 / 9", "iv".
fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace()).to_lowercase();
    let t = t.strip_prefix("page").unwrap_or(&t).trim();
    let mut parts = t.split(|c: char| c == '/' || c.is_whitespace()).filter(|p| !p.is_empty() && *p != "of");
    let number = |p: &str| p.chars().all(|c| c.is_ascii_digit()) && p.len() <= 4;
    let roman = |p: &str| p.len() <= 5 && p.chars().all(|c| "ivx".contains(c));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), None, _) => number(a) || roman(a),
        (Some(a), Some(b), None) => number(a) && number(b),
        _ => false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Heading(u8),
    Bold,
    Item,
    Text,
}

/// The text after a list item's bullet or dash ("•", "◦", "–", "- ", "* "), if the line is one.
fn list_marker(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    let rest = &text[first.len_utf8()..];
    let bullet = "•◦▪▫‣⁃∙·●○■□–\u{f0b7}".contains(first);
    // A dash or star marks an item only before a space: "-5 °C" is not a list.
    let dash = matches!(first, '-' | '*') && rest.starts_with(' ');
    ((bullet || dash) && !rest.trim().is_empty()).then(|| rest.trim_start())
}

/// "1. Scope", "2) Sharing" or "3.1 Data".
fn starts_numbered(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(['.', ')'])
}

/// "(a) Text", "a) Text", "1. Text", "2) Text", "iv. Text".
fn numbered_item(text: &str) -> bool {
    let (mark, rest) = text.split_once(' ').unwrap_or((text, ""));
    if rest.is_empty() || mark.len() > 6 {
        return false;
    }
    let inner = mark.strip_prefix('(').and_then(|m| m.strip_suffix(')')).or_else(|| mark.strip_suffix(')')).or_else(|| mark.strip_suffix('.'));
    inner.is_some_and(|m| !m.is_empty() && (m.chars().all(|c| c.is_ascii_digit() || c == '.') || (m.len() <= 4 && m.chars().all(|c| c.is_ascii_lowercase()))))
}

/// Joins two lines of one paragraph: a word hyphenated across them is mended, unless the
/// document writes that word with its hyphen elsewhere ("third-party"), which `compounds`
/// holds (lowercase).
fn join_line(paragraph: &mut String, next: &str, compounds: &HashSet<String>) {
    if let Some(stem) = paragraph.strip_suffix('\u{AD}') {
        paragraph.truncate(stem.len());
        paragraph.push_str(next);
        return;
    }
    let before_hyphen = paragraph.strip_suffix('-').and_then(|p| p.chars().last());
    let hyphen = before_hyphen.is_some_and(char::is_alphanumeric);
    // After a digit or before a capital or a digit, the hyphen is the word's own ("COVID-19",
    // "2-factor"): typesetters split syllables.
    let syllable = before_hyphen.is_some_and(char::is_alphabetic);
    if hyphen && syllable && next.chars().next().is_some_and(char::is_lowercase) {
        let head = paragraph.rsplit(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("");
        let tail = next.split(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("");
        if !compounds.contains(&format!("{head}{tail}").to_lowercase()) {
            paragraph.pop();
        }
    } else if !paragraph.is_empty() && !hyphen {
        paragraph.push(' ');
    }
    paragraph.push_str(next);
}

/// The words written with a hyphen inside them ("opt-out"), lowercase.
fn compounds(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.text.split(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| w.len() > 2 && !w.starts_with('-') && !w.ends_with('-') && w.contains('-'))
        .map(str::to_lowercase)
        .collect()
}

/// Markdown's own characters in text are escaped, so text stays text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['#', '>', '+', '=', '|']) {
        out.insert(0, '\\');
    }
    out
}

fn round_half(size: f32) -> f32 {
    (size * 2.0).round() / 2.0
}

/// Rebuilds a document from its lines: furniture dropped, paragraphs joined, headings marked.
fn lines_to_markdown(lines: Vec<Line>, pages: usize) -> String {
    let lines = drop_furniture(lines, pages);
    let compounds = compounds(&lines);
    // The body size: the size most characters are set in.
    let mut by_size: HashMap<i32, usize> = HashMap::new();
    for l in &lines {
        *by_size.entry((l.size * 2.0).round() as i32).or_default() += l.text.chars().count();
    }
    let body = by_size.iter().max_by_key(|(s, n)| (**n, -**s)).map_or(0.0, |(s, _)| *s as f32 / 2.0);
    let short = |l: &Line| l.text.chars().count() <= 120;
    let mut heading_sizes: Vec<f32> = lines.iter().filter(|l| l.size >= (body * 1.12).max(body + 1.0) && short(l)).map(|l| round_half(l.size)).collect();
    heading_sizes.sort_by(|a, b| b.total_cmp(a));
    heading_sizes.dedup();
    // Word's Heading 2 is 13 pt over 11 pt body text: an eighth larger is noticeably larger.
    let sized = !heading_sizes.is_empty();
    // The usual distance between the baselines of two lines of body text.
    let mut steps: HashMap<i32, usize> = HashMap::new();
    for w in lines.windows(2) {
        let step = w[0].y - w[1].y;
        if w[0].page == w[1].page && step > 0.0 && (w[0].size - body).abs() < 0.5 && (w[1].size - body).abs() < 0.5 {
            *steps.entry((step * 2.0).round() as i32).or_default() += 1;
        }
    }
    // Lines are rarely set more than 1.5 apart: a larger usual step is paragraphs of one line.
    let spacing = steps.iter().max_by_key(|(s, n)| (**n, -**s)).map_or(body * 1.2, |(s, _)| *s as f32 / 2.0).min(body * 1.5);
    // Does the PDF space its paragraphs apart? Then gaps tell paragraphs, and a line that stops
    // short is only the typesetter balancing its lines (Typst and TeX break them that way).
    let gapped = steps.iter().filter(|(s, _)| (**s as f32 / 2.0) > spacing * 1.25 && (**s as f32 / 2.0) < spacing * 4.0).map(|(_, n)| *n).sum::<usize>() >= 3;

    // The right margin: where most full lines of body text end.
    let mut ends: Vec<f32> = lines.iter().filter(|l| (l.size - body).abs() < 0.5).map(|l| l.end).collect();
    ends.sort_by(f32::total_cmp);
    let right = ends.get(ends.len() * 9 / 10).copied().unwrap_or(f32::MAX);
    // A line that stops although the next line's first word would have fitted after it ends
    // its paragraph: what a plain-text PDF without paragraph spacing has to go by.
    let ends_early = |p: &Line, next: &Line| {
        let word = next.text.split_whitespace().next().map_or(0, |w| w.chars().count()) as f32;
        // A hyphen at the end is a word wrapped, whatever the width.
        !gapped && right - p.end > (word + 2.0) * next.size * 0.5 && !p.text.ends_with(['-', '\u{AD}'])
    };
    let kind = |l: &Line, seen_text: bool| -> Kind {
        if let Some(rank) = heading_sizes.iter().position(|s| (*s - round_half(l.size)).abs() < 0.25).filter(|_| short(l)) {
            return Kind::Heading((rank + 1).min(3) as u8);
        }
        if l.bold && short(l) && !l.text.ends_with(['.', ',', ';']) && list_marker(&l.text).is_none() {
            // As in `docx`: with no sizes to go by, bold numbered lines are the sections.
            if !sized && starts_numbered(&l.text) {
                return Kind::Heading(2);
            }
            if !sized && !seen_text {
                return Kind::Heading(1);
            }
            return Kind::Bold;
        }
        if list_marker(&l.text).is_some() || numbered_item(&l.text) {
            return Kind::Item;
        }
        Kind::Text
    };

    // Blocks: (kind, text, last line).
    let mut blocks: Vec<(Kind, String)> = Vec::new();
    let mut prev: Option<(&Line, Kind)> = None;
    let mut seen_text = false;
    for l in &lines {
        let k = kind(l, seen_text);
        seen_text |= matches!(k, Kind::Text | Kind::Item);
        let continues = match prev {
            None => false,
            Some((p, pk)) => {
                let step = p.y - l.y;
                let close = if p.page == l.page {
                    step > 0.0 && step <= spacing.max(l.size.max(p.size) * 1.05) * 1.25
                } else {
                    // Across a page break a sentence goes on when it had not ended.
                    l.page == p.page + 1 && !p.text.ends_with(['.', '!', '?', ':', ';'])
                };
                close
                    && match (pk, k) {
                        (Kind::Heading(a), Kind::Heading(b)) => a == b && p.page == l.page,
                        (Kind::Text | Kind::Item, Kind::Text) => (p.size - l.size).abs() < 0.5 && p.bold == l.bold && !ends_early(p, l),
                        _ => false,
                    }
            }
        };
        match blocks.last_mut() {
            Some((_, text)) if continues => join_line(text, &l.text, &compounds),
            _ => blocks.push((k, l.text.clone())),
        }
        prev = Some((l, k));
    }

    let mut out = String::new();
    let mut prev_item = false;
    for (k, text) in blocks {
        let line = match k {
            Kind::Heading(level) => format!("{} {}", "#".repeat(level as usize), escape(&text)),
            Kind::Bold => format!("**{}**", escape(&text)),
            Kind::Item => match list_marker(&text) {
                Some(rest) => format!("- {}", escape(rest)),
                None if text.starts_with('(') || text.split_once(' ').is_some_and(|(m, _)| m.ends_with(')')) => format!("- {}", escape(&text)),
                None => escape(&text),
            },
            Kind::Text => escape(&text),
        };
        let item = k == Kind::Item;
        if !out.is_empty() {
            out.push('\n');
            if !(item && prev_item) {
                out.push('\n');
            }
        }
        out.push_str(&line);
        prev_item = item;
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(page: usize, y: f32, size: f32, bold: bool, text: &str) -> Line {
        // About half an em a character, as for the standard fonts without widths.
        Line { page, x: 72.0, end: 72.0 + text.chars().count() as f32 * size * 0.5, y, size, bold, text: text.into() }
    }

    /// Body lines 14 points apart from `top`, one paragraph.
    fn para(page: usize, top: f32, texts: &[&str]) -> Vec<Line> {
        texts.iter().enumerate().map(|(i, t)| line(page, top - 14.0 * i as f32, 11.0, false, t)).collect()
    }

    #[test]
    fn wrapped_lines_join_and_a_gap_starts_a_paragraph() {
        let mut lines = para(0, 700.0, &["We collect what you give us", "and nothing else."]);
        lines.extend(para(0, 660.0, &["We keep it a year."]));
        assert_eq!(lines_to_markdown(lines, 1), "We collect what you give us and nothing else.\n\nWe keep it a year.\n");
    }

    #[test]
    fn without_spacing_a_line_that_stops_short_ends_its_paragraph() {
        let full = "We collect the data you give us when you sign up for our service and";
        let lines = para(0, 700.0, &[full, "use it to run it.", "1. Scope", "Everything that we do is covered by this privacy policy; we will tell", "you when it changes."]);
        assert_eq!(
            lines_to_markdown(lines, 1),
            format!("{full} use it to run it.\n\n1. Scope\n\nEverything that we do is covered by this privacy policy; we will tell you when it changes.\n")
        );
    }

    #[test]
    fn hyphenated_words_are_mended() {
        let none = HashSet::new();
        let mut p = "personal informa-".to_owned();
        join_line(&mut p, "tion we hold", &none);
        assert_eq!(p, "personal information we hold");
        let mut p = "see COVID-".to_owned();
        join_line(&mut p, "19 rules", &none);
        assert_eq!(p, "see COVID-19 rules", "a hyphen before a capital or digit is kept");
        let mut p = "use 2-".to_owned();
        join_line(&mut p, "factor login", &none);
        assert_eq!(p, "use 2-factor login", "and after a digit");
        let mut p = "privacy laws—".to_owned();
        join_line(&mut p, "including these", &none);
        assert_eq!(p, "privacy laws— including these", "a dash is not a hyphen");
        let mut p = "soft\u{AD}".to_owned();
        join_line(&mut p, "ware", &none);
        assert_eq!(p, "software");
        let mut p = "share with third-".to_owned();
        join_line(&mut p, "party providers", &HashSet::from(["third-party".to_owned()]));
        assert_eq!(p, "share with third-party providers", "a compound the document writes elsewhere keeps its hyphen");
        let lines = para(0, 700.0, &["the informa-", "tion you give"]);
        assert_eq!(lines_to_markdown(lines, 1), "the information you give\n");
    }

    #[test]
    fn list_items_stay_items_and_their_wrapped_lines_join() {
        let lines = para(0, 700.0, &["We collect:", "• Account data: name and", "email address", "- Usage data", "1. First", "(a) sub point"]);
        assert_eq!(
            lines_to_markdown(lines, 1),
            "We collect:\n\n- Account data: name and email address\n- Usage data\n1. First\n- (a) sub point\n"
        );
    }

    #[test]
    fn headers_footers_and_page_numbers_are_dropped() {
        let mut lines = Vec::new();
        for page in 0..3 {
            lines.push(line(page, 800.0, 9.0, false, "Acme Ltd — Privacy Policy"));
            lines.extend(para(page, 700.0, &[["We collect", "We share", "We keep"][page], "and here."]));
            lines.push(line(page, 40.0, 9.0, false, &format!("Page {} of 3", page + 1)));
            lines.push(line(page, 28.0, 9.0, false, &format!("Printed 2025-0{}-01", page + 1)));
        }
        let md = lines_to_markdown(lines, 3);
        assert!(!md.contains("Acme"), "{md}");
        assert!(!md.contains("Page"), "{md}");
        assert!(!md.contains("Printed"), "digits aside, the footer repeats: {md}");
        assert_eq!(md, "We collect and here.\n\nWe share and here.\n\nWe keep and here.\n");
    }

    #[test]
    fn page_numbers_are_recognised() {
        for t in ["3", "- 3 -", "Page 3", "Page 3 of 9", "3 / 9", "iv", "— 12 —"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["3. Sharing", "Page three", "In 2025", "civil"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn a_line_that_appears_once_at_the_top_stays() {
        let mut lines = vec![line(0, 800.0, 11.0, false, "Introduction text")];
        lines.extend(para(1, 800.0, &["Other text"]));
        let md = lines_to_markdown(lines, 2);
        assert!(md.contains("Introduction text") && md.contains("Other text"), "{md}");
    }

    #[test]
    fn sizes_rank_headings_and_bold_lines_are_marked() {
        let mut lines = vec![line(0, 780.0, 20.0, true, "Privacy Policy"), line(0, 740.0, 15.0, true, "1. Data We Collect")];
        lines.push(line(0, 710.0, 11.0, true, "Information you give us"));
        lines.extend(para(0, 690.0, &["Your name."]));
        lines.push(line(0, 650.0, 15.0, false, "2. Sharing"));
        lines.extend(para(0, 620.0, &["Never."]));
        let md = lines_to_markdown(lines, 1);
        assert_eq!(md, "# Privacy Policy\n\n## 1. Data We Collect\n\n**Information you give us**\n\nYour name.\n\n## 2. Sharing\n\nNever.\n");
        assert!(marks_headings(&md));
    }

    #[test]
    fn without_sizes_bold_numbered_lines_are_sections() {
        let mut lines = vec![line(0, 780.0, 11.0, true, "Privacy Policy")];
        lines.extend(para(0, 750.0, &["Intro text."]));
        lines.push(line(0, 720.0, 11.0, true, "1. Scope"));
        lines.extend(para(0, 690.0, &["All of it."]));
        assert_eq!(lines_to_markdown(lines, 1), "# Privacy Policy\n\nIntro text.\n\n## 1. Scope\n\nAll of it.\n");
    }

    #[test]
    fn plain_lines_stay_plain() {
        let mut lines = para(0, 700.0, &["1. Scope"]);
        lines.extend(para(0, 670.0, &["All of it."]));
        let md = lines_to_markdown(lines, 1);
        assert_eq!(md, "1. Scope\n\nAll of it.\n");
        assert!(!marks_headings(&md));
    }

    #[test]
    fn a_sentence_goes_on_across_a_page_break() {
        let mut lines = para(0, 100.0, &["We share data with"]);
        lines.extend(para(1, 780.0, &["our processors."]));
        assert_eq!(lines_to_markdown(lines, 2), "We share data with our processors.\n");
    }

    proptest::proptest! {
        /// Any lines, in any script and at any position, give Markdown.
        #[test]
        fn any_lines_give_markdown(lines in proptest::collection::vec((0usize..3, -100.0f32..900.0, 0.0f32..40.0, proptest::bool::ANY, "\\PC{0,30}[-—\u{AD}]?"), 0..40)) {
            let lines = lines.into_iter().map(|(page, y, size, bold, text)| line(page, y, size, bold, &text)).collect();
            let _ = lines_to_markdown(lines, 3);
        }
    }

    #[test]
    fn markdown_characters_are_escaped() {
        assert_eq!(escape("# a*b [c] <d>"), "\\# a\\*b \\[c\\] \\<d>");
    }
}
