//! Counsel's review from the terminal: proposals listed, accepted and rejected; comments added,
//! listed and resolved; exit codes as elsewhere.
#![allow(clippy::unwrap_used)]

mod common;
use common::cli;
use std::process::Output;

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn text(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn changes_since_a_version_are_listed_then_accepted_or_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let shown = json(&cli(&db, &["doc", "show", "1", "--json"]));
    let second = shown["sections"][1]["heading"].as_str().unwrap().to_owned();
    text(&cli(&db, &["version", "save", "1", "--label", "Sent", "--author", "Dana Founder"]));
    text(&cli(&db, &["doc", "remove", "1", "2"]));
    text(&cli(&db, &["doc", "move", "1", "1", "--to", "2"]));

    let ps = json(&cli(&db, &["review", "versions", "1", "1", "--json"]));
    let kinds: Vec<&str> = ps.as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"delete") && kinds.contains(&"move"), "{kinds:?}");
    let removal = ps.as_array().unwrap().iter().find(|p| p["kind"] == "delete").unwrap();
    for field in ["id", "kind", "author", "date", "section", "old_text", "new_text", "status"] {
        assert!(removal.get(field).is_some(), "{field} missing: {removal}");
    }
    assert_eq!((removal["section"].as_str().unwrap(), removal["status"].as_str().unwrap(), removal["author"].as_str().unwrap()), (second.as_str(), "open", "Dana Founder"));

    // Rejecting the removal puts the section back; the listing says so.
    let id = removal["id"].as_i64().unwrap().to_string();
    assert_eq!(text(&cli(&db, &["review", "reject", "1", &id])).trim(), format!("1 rejected; {} open", ps.as_array().unwrap().len() - 1));
    let shown = json(&cli(&db, &["doc", "show", "1", "--json"]));
    assert!(shown["sections"].as_array().unwrap().iter().any(|s| s["heading"] == second.as_str()));
    let listing = text(&cli(&db, &["review", "list", "1"]));
    assert!(listing.contains("rejected") && listing.contains(&second), "{listing}");
    assert!(text(&cli(&db, &["review", "accept", "1", "--all"])).contains("0 open"));
    assert!(json(&cli(&db, &["review", "list", "1", "--open", "--json"])).as_array().unwrap().is_empty());

    // A proposal that is not there is a user error: exit 1, one line.
    let missing = cli(&db, &["review", "accept", "1", "999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&missing.stderr).lines().count(), 1);
    assert_eq!(cli(&db, &["review", "accept", "1"]).status.code(), Some(2), "ids or --all");
}

#[test]
fn comments_are_added_on_quoted_text_listed_and_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let shown = json(&cli(&db, &["doc", "show", "1", "--json"]));
    let body = shown["sections"][0]["body"].as_str().unwrap();
    let quote: String = body.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    let no_author = cli(&db, &["comment", "add", "1", "1", "--quote", &quote, "--text", "Plainer?"]);
    assert_eq!(no_author.status.code(), Some(1));
    let c = json(&cli(&db, &["comment", "add", "1", "1", "--quote", &quote, "--text", "Plainer?", "--author", "Ruth Counsel", "--json"]));
    assert_eq!((c["author"].as_str().unwrap(), c["anchored"].as_bool().unwrap()), ("Ruth Counsel", true));
    let id = c["id"].as_i64().unwrap().to_string();
    text(&cli(&db, &["comment", "reply", &id, "--text", "Done."]));
    text(&cli(&db, &["comment", "resolve", &id]));
    let all = json(&cli(&db, &["comment", "list", "1", "--json"]));
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert!(all.as_array().unwrap().iter().all(|c| c["resolved"] == true));
    let listing = text(&cli(&db, &["comment", "list", "1"]));
    assert!(listing.contains("resolved") && listing.contains("↳ Ruth Counsel: “Done.”"), "{listing}");
    // On a version: the version's text, which never changes, so the comment stays anchored.
    text(&cli(&db, &["version", "save", "1", "--label", "Sent"]));
    let on_version = json(&cli(&db, &["comment", "add", "1", "1", "--version", "1", "--quote", &quote, "--text", "As sent.", "--json"]));
    assert_eq!((on_version["version"].as_u64(), on_version["anchored"].as_bool()), (Some(1), Some(true)));
    assert!(text(&cli(&db, &["comment", "list", "1"])).contains("v1 "));
    let wrong = cli(&db, &["comment", "add", "1", "1", "--quote", "words that are not there", "--text", "x"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("is not in the section"));
}

#[test]
fn a_word_file_sent_back_unchanged_is_a_review_with_nothing_to_decide() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let file = dir.path().join("policy.docx");
    text(&cli(&db, &["export", "1", "--format", "docx", "-o", file.to_str().unwrap()]));
    assert!(json(&cli(&db, &["review", "import", file.to_str().unwrap(), "--into", "1", "--json"])).as_array().unwrap().is_empty());
    let md = dir.path().join("policy.md");
    std::fs::write(&md, "# Policy").unwrap();
    let refused = cli(&db, &["review", "import", md.to_str().unwrap(), "--into", "1"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("a review is read from a Word file"));
}
