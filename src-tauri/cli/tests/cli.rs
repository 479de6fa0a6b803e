//! The CLI as a script sees it: output, JSON shape and exit codes.

mod common;
use common::{cli, run};
use std::process::{Command, Output};

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn library_list_json_gives_the_fields_scripts_rely_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let list = json(&cli(&db, &["library", "list", "--json"]));
    let list = list.as_array().unwrap();
    assert!(list.len() >= 80);
    for key in ["id", "topic", "title", "jurisdictions", "satisfies", "revision", "source"] {
        assert!(list[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(list[0]["source"], "builtin");

    let topic = list[0]["topic"].as_str().unwrap();
    let filtered = json(&cli(&db, &["library", "list", "--topic", topic, "--json"]));
    let filtered = filtered.as_array().unwrap();
    assert!(!filtered.is_empty() && filtered.len() < list.len());
    assert!(filtered.iter().all(|c| c["topic"] == topic));
}

#[test]
fn doc_list_and_show_open_the_starter_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let docs = json(&cli(&db, &["doc", "list", "--json"]));
    let id = docs[0]["id"].as_i64().unwrap();
    let doc = json(&cli(&db, &["doc", "show", &id.to_string(), "--json"]));
    assert!(doc["sections"].as_array().unwrap().len() >= 10);

    let text = cli(&db, &["doc", "show", &id.to_string()]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("  1. "));
}

#[test]
fn a_user_error_exits_1_with_one_line_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let out = cli(&db, &["doc", "show", "999"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no document with id 999"), "{err}");

    let missing = dir.path().join("nope").join("w.sqlite3");
    let out = cli(&missing, &["doc", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(&dir.path().join("w.sqlite3"), &["doc", "frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("w.sqlite3").exists(), "bad usage opens no workspace");
}

#[test]
fn library_search_show_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let hits = json(&cli(&db, &["library", "search", "retent", "--json"]));
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert_eq!(hits[0]["topic"], "retention");
    assert!(hits[0]["snippet"].as_str().unwrap().contains('['));

    let id = hits[0]["id"].as_str().unwrap();
    let shown = json(&cli(&db, &["library", "show", id, "--json"]));
    assert_eq!(shown["id"], id);
    let file = cli(&db, &["library", "show", id]);
    assert!(String::from_utf8_lossy(&file.stdout).starts_with("+++\n"));
    let missing = cli(&db, &["library", "show", id, "--revision", "99"]);
    assert_eq!(missing.status.code(), Some(1));

    let out = dir.path().join("lib");
    assert!(cli(&db, &["library", "export", out.to_str().unwrap()]).status.success());
    let other = dir.path().join("other.sqlite3");
    let imported = cli(&other, &["library", "import", out.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    assert!(String::from_utf8_lossy(&imported.stdout).contains("0 added, 0 updated"));
}

#[test]
fn a_script_builds_and_renders_a_complete_policy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let out = cli(&db, &["doc", "new", "--title", "Acme Privacy Policy", "--template", "eu-site"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();

    for (k, v) in [
        ("company_name", "Acme Labs"),
        ("legal_entity", "Acme Labs GmbH"),
        ("contact_email", "hello@acme.example"),
        ("privacy_email", "privacy@acme.example"),
        ("effective_date", "2027-03-01"),
        ("processors", r#"[{"name":"Hostly","purpose":"Hosting","data_categories":"All","location":"EU","transfer_mechanism":"None"}]"#),
    ] {
        let out = cli(&db, &["doc", "set", &id, k, v]);
        assert!(out.status.success(), "{k}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let bad = cli(&db, &["doc", "set", &id, "privacy_email", "not-an-email"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("privacy_email"));

    assert!(cli(&db, &["doc", "add", &id, "children.min-age-16", "--at", "1"]).status.success());
    let show = json(&cli(&db, &["doc", "show", &id, "--json"]));
    assert_eq!(show["sections"][0]["origin"]["clause_id"], "children.min-age-16");
    let n = show["sections"].as_array().unwrap().len();
    assert!(cli(&db, &["doc", "move", &id, "1", "--to", &n.to_string()]).status.success());
    let show = json(&cli(&db, &["doc", "show", &id, "--json"]));
    assert_eq!(show["sections"][n - 1]["origin"]["clause_id"], "children.min-age-16");
    assert!(cli(&db, &["doc", "remove", &id, &n.to_string()]).status.success());
    assert_eq!(cli(&db, &["doc", "remove", &id, "999"]).status.code(), Some(1));

    let md = cli(&db, &["doc", "render", &id, "--format", "md"]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.starts_with("# Acme Privacy Policy\n"), "{md}");
    assert!(md.contains("## 1. ") && md.contains("Acme Labs") && md.contains("| Hostly |"), "{md}");
    let txt = String::from_utf8_lossy(&cli(&db, &["doc", "render", &id, "--format", "txt"]).stdout).to_string();
    assert!(txt.contains("Acme Privacy Policy\n===") && !txt.contains("##"), "{txt}");
    assert!(txt.lines().all(|l| l.chars().count() <= 78 || l.contains("  ")), "wrapped:\n{txt}");
    let html = String::from_utf8_lossy(&cli(&db, &["doc", "render", &id, "--format", "html"]).stdout).to_string();
    assert!(html.contains("Content-Security-Policy") && !html.contains("<script"));
}

#[test]
fn versions_are_saved_listed_and_compared() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let no_author = cli(&db, &["version", "save", "1", "--label", "First"]);
    assert_eq!(no_author.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&no_author.stderr).contains("author"));
    let v1 = cli(&db, &["version", "save", "1", "--label", "First", "--author", "Dana Counsel"]);
    assert_eq!(String::from_utf8_lossy(&v1.stdout).trim(), "1");
    assert!(cli(&db, &["doc", "set", "1", "company_name", "Southwind Labs"]).status.success());
    let v2 = cli(&db, &["version", "save", "1", "--label", "Renamed", "--note", "new name"]);
    assert_eq!(String::from_utf8_lossy(&v2.stdout).trim(), "2");
    let list = json(&cli(&db, &["version", "list", "1", "--json"]));
    assert_eq!(list[0]["number"], 2);
    assert_eq!(list[0]["author"], "Dana Counsel");
    assert!(list[0]["summary"].as_str().unwrap().contains("changed"), "{}", list[0]["summary"]);

    let d = json(&cli(&db, &["diff", "1@1", "1@2", "--format", "json"]));
    let ops = d["ops"].as_array().unwrap();
    assert!(ops.iter().any(|o| o["op"] == "insert" && o["text"].as_str().unwrap().contains("Southwind")));
    assert!(ops.iter().any(|o| o["op"] == "delete" && o["text"].as_str().unwrap().contains("Northwind")));
    assert!(d["stats"]["sections_changed"].as_u64().unwrap() >= 1);
    let text = String::from_utf8_lossy(&cli(&db, &["diff", "1@1", "1@draft"]).stdout).to_string();
    assert!(text.contains("[-Northwind Prompt-]{+Southwind+} Labs"), "{}", &text[..400.min(text.len())]);
    let html = String::from_utf8_lossy(&cli(&db, &["diff", "1@1", "1@2", "--format", "html"]).stdout).to_string();
    assert!(html.contains("<del>Northwind Prompt</del>") && html.contains("Content-Security-Policy") && !html.contains("<script"));
}

#[test]
fn a_reader_that_stops_early_ends_the_diff_quietly() {
    // `diff A B | head -c 1000`: more output than a pipe holds, and the reader leaves early.
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
    let para = |n: usize, w: &str| format!("## Part {n}\n\n{}\n\n", vec![w; 400].join(" "));
    std::fs::write(&a, (0..100).map(|n| para(n, "old")).collect::<String>()).unwrap();
    std::fs::write(&b, (0..100).map(|n| para(n, "new")).collect::<String>()).unwrap();
    for format in ["text", "json", "html"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_clausewright-cli"))
            .args(["diff", "--format", format])
            .arg(&a)
            .arg(&b)
            .env_remove("CLAUSEWRIGHT_DB")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1000];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.is_empty(), "{format}: nothing on stderr, got {err}");
        assert_eq!(out.status.code(), Some(0), "{format}");
    }
}

/// Two versions of a short policy, a.md and b.md in DIR, whose retention goes from 30 to 90 days.
fn retention_30_and_90(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (a, b) = (dir.join("a.md"), dir.join("b.md"));
    std::fs::write(&a, "# P\n\n## Retention\n\nWe keep logs for 30 days.\n").expect("write a fixture");
    std::fs::write(&b, "# P\n\n## Retention\n\nWe keep logs for 90 days.\n").expect("write a fixture");
    (a, b)
}

#[test]
fn diffing_two_files_opens_no_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = retention_30_and_90(dir.path());
    let db = dir.path().join("never.sqlite3");
    let out = cli(&db, &["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"]);
    let d = json(&out);
    let old: String = d["ops"].as_array().unwrap().iter().filter(|o| o["op"] != "insert").map(|o| o["text"].as_str().unwrap()).collect();
    assert_eq!(old, std::fs::read_to_string(&a).unwrap());
    assert!(!db.exists(), "no workspace was created");
    let text = cli(&db, &["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(text.status.code(), Some(0), "differences are not an error");
    assert_eq!(String::from_utf8_lossy(&text.stdout), "# P\n\n## Retention\n\nWe keep logs for [-30-]{+90+} days.\n");
    let missing = cli(&db, &["diff", a.to_str().unwrap(), "/no/such/file.md"]);
    assert_eq!(missing.status.code(), Some(1));
}

/// Each command's arguments are built only when it is the one given (for speed); what a user
/// gets must not change with it: the workspace given anywhere, help, usage errors.
#[test]
fn commands_read_their_arguments_wherever_they_are_given() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = retention_30_and_90(dir.path());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let db = dir.path().join("w.sqlite3");
    let db_first = cli(&db, &["diff", a, b, "--format", "json", "--ignore-case"]);
    let db_last = run(&["diff", "--ignore-case", a, b, "--format=json", "--db", db.to_str().unwrap()]);
    assert_eq!(json(&db_first), json(&db_last));

    let help = run(&["diff", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert_eq!(help.stdout, run(&["help", "diff"]).stdout, "the same help either way");
    assert!(String::from_utf8_lossy(&help.stdout).contains("Compare two texts word by word"));

    for bad in [&["diff", a][..], &["diff", a, b, "--format", "pdf"], &["diff", a, b, "--frobnicate"]] {
        let out = run(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let full = cli(&db, bad);
        assert_eq!(String::from_utf8_lossy(&out.stderr), String::from_utf8_lossy(&full.stderr), "the same message with --db first");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
    }
    let usage = String::from_utf8_lossy(&run(&["diff", a]).stderr).to_string();
    assert!(usage.contains("<B>") && usage.contains("Usage: clausewright-cli diff"), "{usage}");
    let top = String::from_utf8_lossy(&run(&["--help"]).stdout).to_string();
    for command in ["library", "doc", "version", "backup", "review", "comment", "import", "check", "diff", "export", "export-redline"] {
        assert!(top.lines().any(|l| l.trim_start().starts_with(command)), "{command} in {top}");
    }
    let nested = run(&["library", "search", "--help"]);
    assert_eq!(nested.stdout, run(&["help", "library", "search"]).stdout);
    assert!(String::from_utf8_lossy(&nested.stdout).contains("--topic"));
    let missing = run(&["review", "accept"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("<DOC>"));
    assert!(!db.exists(), "no workspace was opened");
}

const POLICY: &str = "Privacy Policy\nLast updated: December 27, 2025\nAt Acme Labs, we respect your privacy.\n1. Information We Collect\nInformation You Provide\n- Account Information: name, email address\n- Payment Information: processed by Stripe\n2. Data Retention\nWe keep account data for 30 days after deletion.\n3. Children's Privacy\nOur service is not for children under 16 years of age.\n4. Contact Us\nEmail privacy@acme.example or hello@acme.example.\n";

#[test]
fn import_dry_run_shows_sections_facts_and_topics_without_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.txt");
    std::fs::write(&file, POLICY).unwrap();
    let db = dir.path().join("never.sqlite3");
    let p = json(&cli(&db, &["import", file.to_str().unwrap(), "--dry-run", "--json"]));
    assert!(!db.exists(), "a dry run opens no workspace");
    assert_eq!(p["title"], "Privacy Policy");
    let headings: Vec<&str> = p["sections"].as_array().unwrap().iter().map(|s| s["heading"].as_str().unwrap()).collect();
    assert_eq!(headings, ["Preamble", "Information We Collect", "Data Retention", "Children's Privacy", "Contact Us"]);
    assert!(p["sections"][1]["body"].as_str().unwrap().contains("Information You Provide"), "sub-headings stay inside");
    assert_eq!(p["sections"][2]["topic"], "retention");
    assert_eq!(p["sections"][3]["topic"], "children");
    let f = &p["facts"];
    assert_eq!(f["effective_date"], "2025-12-27");
    assert_eq!(f["privacy_email"], "privacy@acme.example");
    assert_eq!(f["contact_email"], "hello@acme.example");
    assert_eq!(f["min_age"], "16");
    assert_eq!(f["company_name"], "Acme Labs");
    assert!(f["processors"].as_str().unwrap().contains("Stripe"));

    // Nothing is lost: the words of the sections, joined, are the words of the file.
    let words = |t: &str| t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    let joined: String = std::iter::once(format!("{}\n", p["title"].as_str().unwrap())).chain(p["sections"].as_array().unwrap().iter().map(|s| {
        let h = s["heading"].as_str().unwrap();
        let head = if h == "Preamble" { String::new() } else { format!("{h}\n") };
        format!("{head}{}\n", s["body"].as_str().unwrap())
    })).collect();
    let source: Vec<String> = words(POLICY).into_iter().filter(|w| !w.chars().all(|c| c.is_ascii_digit()) || w.len() > 1).collect();
    let got: Vec<String> = words(&joined).into_iter().filter(|w| !w.chars().all(|c| c.is_ascii_digit()) || w.len() > 1).collect();
    assert_eq!(got, source, "only the heading numbers (1., 2., ...) may go");
}

#[test]
fn import_creates_a_document_or_a_version_to_compare() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let file = dir.path().join("policy.md");
    std::fs::write(&file, POLICY).unwrap();
    let out = cli(&db, &["import", file.to_str().unwrap(), "--title", "Acme (client copy)"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let doc = json(&cli(&db, &["doc", "show", &id, "--json"]));
    assert_eq!(doc["title"], "Acme (client copy)");
    assert_eq!(doc["sections"].as_array().unwrap().len(), 5);

    assert!(cli(&db, &["version", "save", &id, "--label", "Ours", "--author", "Dana"]).status.success());
    std::fs::write(&file, POLICY.replace("30 days", "90 days")).unwrap();
    let v = cli(&db, &["import", file.to_str().unwrap(), "--into", &id]);
    assert_eq!(String::from_utf8_lossy(&v.stdout).trim(), "2");
    let d = cli(&db, &["diff", &format!("{id}@1"), &format!("{id}@2")]);
    assert!(String::from_utf8_lossy(&d.stdout).contains("[-30-]{+90+}"), "{}", String::from_utf8_lossy(&d.stdout));

    // Two imports of a reordered file line up by heading, not by position: one section moved.
    let reordered = POLICY.replace("4. Contact Us\nEmail privacy@acme.example or hello@acme.example.\n", "")
        .replace("1. Information We Collect", "0. Contact Us\nEmail privacy@acme.example or hello@acme.example.\n1. Information We Collect")
        .replace("30 days", "90 days");
    std::fs::write(&file, reordered).unwrap();
    assert_eq!(String::from_utf8_lossy(&cli(&db, &["import", file.to_str().unwrap(), "--into", &id]).stdout).trim(), "3");
    let d = json(&cli(&db, &["diff", &format!("{id}@2"), &format!("{id}@3"), "--format", "json"]));
    assert_eq!(d["stats"]["sections_moved"], 1, "{}", d["stats"]);
    assert_eq!(d["stats"]["words_added"], 0);
}

#[test]
fn hostile_or_wrong_files_are_refused_clearly_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", b"  \n\n".to_vec(), "empty"),
        ("binary.txt", vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3, 0, 0, 0], "binary"),
        ("big.txt", vec![b'a'; 6 * 1024 * 1024], "5 MB"),
        ("policy.odt", b"PK\x03\x04".to_vec(), "only Markdown"),
        ("policy.pdf", b"%PDF-1.4".to_vec(), "not a readable PDF"),
    ];
    for (name, bytes, expect) in cases {
        let f = dir.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        let out = cli(&db, &["import", f.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expect), "{name}: {err}");
    }
    let docs = json(&cli(&db, &["doc", "list", "--json"]));
    assert_eq!(docs.as_array().unwrap().len(), 1, "only the starter document");

    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Policy\n1. Caf\xe9 Data\nWe keep it.\n").unwrap();
    let out = cli(&db, &["import", latin1.to_str().unwrap(), "--dry-run", "--json"]);
    let p = json(&out);
    assert!(p["warnings"][0].as_str().unwrap().contains("not valid UTF-8 from line 2"), "{}", p["warnings"]);
}

#[test]
fn an_html_policy_is_sanitized_then_split_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.html");
    std::fs::write(
        &file,
        "<!doctype html><html><head><title>t</title><script>alert(1)</script></head><body>\
         <h1>Privacy Policy</h1><p>Last updated: June 15, 2025</p>\
         <h2>1. Information We Collect</h2><p>We collect <b>account</b> data.<img src=x onerror=alert(2)></p>\
         <h2>2. Data Retention</h2><ul><li>Logs: 30 days</li></ul>\
         <h2>3. Contact Us</h2><p><a href=\"mailto:privacy@acme.example\">privacy@acme.example</a> \
         <a href=\"javascript:alert(3)\">click</a><iframe srcdoc=\"x\"></iframe></p></body></html>",
    )
    .unwrap();
    let db = dir.path().join("never.sqlite3");
    let p = json(&cli(&db, &["import", file.to_str().unwrap(), "--dry-run", "--json"]));
    let headings: Vec<&str> = p["sections"].as_array().unwrap().iter().map(|s| s["heading"].as_str().unwrap()).collect();
    assert_eq!(headings, ["Preamble", "Information We Collect", "Data Retention", "Contact Us"]);
    assert_eq!(p["title"], "Privacy Policy");
    assert_eq!(p["sections"][0]["body"], "Last updated: June 15, 2025", "the title is the document's title; the preamble keeps the rest");
    assert_eq!(p["sections"][1]["body"], "We collect **account** data.");
    assert_eq!(p["sections"][2]["body"], "- Logs: 30 days");
    assert_eq!(p["facts"]["effective_date"], "2025-06-15");
    let all = p.to_string();
    for bad in ["alert", "script", "onerror", "javascript", "iframe"] {
        assert!(!all.contains(bad), "{bad} survived: {all}");
    }
}

/// A PDF (here the app's own export) imports as its sections, compares with the draft it came
/// from with nothing changed, and is checked like any file.
#[test]
fn a_pdf_imports_compares_and_is_checked_like_the_other_formats() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let pdf = dir.path().join("policy.pdf");
    assert!(cli(&db, &["export", "1", "--format", "pdf", "-o", pdf.to_str().unwrap()]).status.success());
    let md = dir.path().join("policy.md");
    assert!(cli(&db, &["export", "1", "--format", "md", "-o", md.to_str().unwrap()]).status.success());
    let from_md = json(&cli(&db, &["import", md.to_str().unwrap(), "--dry-run", "--json"]));
    let from_pdf = json(&cli(&db, &["import", pdf.to_str().unwrap(), "--dry-run", "--json"]));
    let headings = |p: &serde_json::Value| -> Vec<String> {
        p["sections"].as_array().unwrap().iter().map(|s| s["heading"].as_str().unwrap().to_owned()).filter(|h| h != "Preamble").collect()
    };
    assert_eq!(headings(&from_pdf), headings(&from_md), "the PDF's sections are the document's");
    assert_eq!(from_pdf["title"], from_md["title"]);
    assert!(from_pdf["notes"].to_string().contains("table of contents"), "{}", from_pdf["notes"]);

    let diff = json(&cli(&db, &["diff", md.to_str().unwrap(), pdf.to_str().unwrap(), "--format", "json"]));
    let stats = &diff["stats"];
    // Every section of the document is found again in its PDF (line breaks and markup differ).
    assert!(stats["sections_removed"] == 0 && stats["sections_moved"] == 0, "{stats}");

    let check = cli(&db, &["check", pdf.to_str().unwrap()]);
    assert!(matches!(check.status.code(), Some(0 | 3)), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(!String::from_utf8_lossy(&check.stdout).is_empty());
}

#[test]
fn export_writes_every_format_and_a_redline_of_two_versions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    for (format, magic) in [("md", &b"# Privacy Policy"[..]), ("html", b"<!doctype html>"), ("txt", b"Privacy Policy"), ("docx", b"PK"), ("pdf", b"%PDF-")] {
        let out = dir.path().join(format!("policy.{format}"));
        let run = cli(&db, &["export", "1", "--format", format, "-o", out.to_str().unwrap()]);
        assert!(run.status.success(), "{format}: {}", String::from_utf8_lossy(&run.stderr));
        assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), out.to_str().unwrap(), "names the file written");
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{format}");
    }
    let bad = cli(&db, &["export", "1", "--format", "rtf", "-o", dir.path().join("x.rtf").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not one of md, html, txt, docx, pdf"));

    // Two versions, then their redline; the draft and versions are named as in `diff`.
    assert!(cli(&db, &["version", "save", "1", "--label", "One", "--author", "Dana"]).status.success());
    let md = dir.path().join("edited.md");
    std::fs::write(&md, "# Privacy Policy\n\n## Scope\n\nWe keep data for 90 days.\n").unwrap();
    assert!(cli(&db, &["import", md.to_str().unwrap(), "--into", "1"]).status.success());
    let red = dir.path().join("red.docx");
    let run = cli(&db, &["export-redline", "1@1", "1@2", "--format", "docx", "-o", red.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(std::fs::read(&red).unwrap().starts_with(b"PK"));

    // Two files need no workspace.
    let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
    std::fs::write(&a, "# P\n\n## Retention\n\nWe keep logs for 30 days.\n").unwrap();
    std::fs::write(&b, "# P\n\n## Retention\n\nWe keep logs for 90 days.\n").unwrap();
    let none = dir.path().join("none.sqlite3");
    let html = dir.path().join("red.html");
    let run = cli(&none, &["export-redline", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "html-inline", "-o", html.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(!none.exists(), "no workspace opened");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<del>30</del>") && page.contains("<ins>90</ins>"), "{page}");
}

#[test]
fn backups_are_created_listed_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let text = |out: &Output| {
        assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    let id = text(&cli(&db, &["backup", "create"]));
    assert!(id.ends_with("-manual"), "{id}");
    assert!(dir.path().join("backups").join(format!("w-{id}.sqlite3")).is_file());

    text(&cli(&db, &["doc", "new", "--title", "After the backup"]));
    let list = json(&cli(&db, &["backup", "list", "--json"]));
    let list = list.as_array().unwrap();
    let ours = list.iter().find(|b| b["id"] == id.as_str()).expect("listed");
    assert_eq!(ours["reason"], "manual");
    assert_eq!(ours["documents"], 1);
    for key in ["created_at", "size_bytes", "versions", "path"] {
        assert!(ours.get(key).is_some(), "missing {key}");
    }
    assert!(text(&cli(&db, &["backup", "list"])).contains(&id));

    let said = text(&cli(&db, &["backup", "restore", &id]));
    assert!(said.contains("before-restore"), "{said}");
    let docs = json(&cli(&db, &["doc", "list", "--json"]));
    assert_eq!(docs.as_array().unwrap().len(), 1, "the document written after the backup is gone");
    let list = json(&cli(&db, &["backup", "list", "--json"]));
    assert!(list.as_array().unwrap().iter().any(|b| b["reason"] == "before-restore" && b["documents"] == 2));

    let out = cli(&db, &["backup", "restore", "2020-01-01-000000-manual"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no backup with id 2020-01-01-000000-manual"), "{err}");
}
