//! `clausewright-cli check` as CI sees it: the JSON shape, exit 0 / 3 / 1, a file read with no
//! workspace opened, a document checked with its facts.

mod common;
use common::cli;

/// A complete, short EU policy for a fictional app, written for this test.
const COMPLETE: &str = "# Privacy Policy for Tidewatch\n\nLast updated: 1 March 2027.\n\n\
## Who we are\n\nTidewatch Ltd, 2 Harbour Row, Cork, Ireland, is the controller of your personal data. Email privacy@tidewatch.example.\n\n\
## Data protection officer\n\nOur data protection officer is reachable at dpo@tidewatch.example.\n\n\
## What we collect and why\n\nWe collect your email address and the tide stations you follow, to send you tide alerts. We also receive your approximate location from your app store.\n\n\
## Legal bases\n\nWe rely on the performance of our contract with you, and on our legitimate interests in keeping the service secure. Where we ask for your consent, you can withdraw your consent at any time in the settings.\n\n\
You are not required to provide your email address, but without it we cannot send alerts.\n\n\
## Who receives it\n\nOur hosting provider processes the data for us. It stores it in the EU, so there are no transfers outside the EEA.\n\n\
## How long we keep it\n\nWe keep your account data until you close your account, and logs for 30 days.\n\n\
## Automated decisions\n\nWe make no decisions based solely on automated processing, including profiling.\n\n\
## Your rights\n\nYou have the right to access, rectify or erase your personal data, to restrict its processing, and to data portability.\n\n\
## Your right to object\n\nYou have the right to object to processing based on our legitimate interests.\n\n\
## Complaints\n\nYou may lodge a complaint with a supervisory authority, such as the Data Protection Commission.\n\n\
## Service providers\n\nOur only service provider is our hosting company, which stores the data in Ireland.\n\n\
## Selling data\n\nWe do not sell personal data.\n\n\
## Cookies\n\nThe app sets no cookies; you can clear its local storage in your phone's settings.\n\n\
## Children\n\nTidewatch is not meant for children under 16, and we delete any data we learn a child gave us.\n\n\
## Changes to this policy\n\nWe will tell you in the app 30 days before a change to this policy takes effect.\n";

#[test]
fn a_file_is_checked_without_a_workspace_and_json_has_the_ci_shape() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let file = dir.path().join("policy.md");
    std::fs::write(&file, "# Privacy Policy\n\n## Contact\n\nWrite to privacy@tidewatch.example.\n").unwrap();
    let out = cli(&db, &["check", file.to_str().unwrap(), "--jurisdiction", "eu", "--json", "--today", "2027-03-15"]);
    assert_eq!(out.status.code(), Some(3), "missing items exit 3: {}", String::from_utf8_lossy(&out.stderr));
    assert!(!db.exists(), "a file is checked without opening a workspace");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_object().unwrap().keys().collect::<Vec<_>>(), ["findings", "jurisdictions", "requirements"]);
    assert_eq!(v["jurisdictions"], serde_json::json!(["general", "eu"]));
    let reqs = v["requirements"].as_array().unwrap();
    for r in reqs {
        assert_eq!(r.as_object().unwrap().keys().collect::<Vec<_>>(), ["evidence", "fix", "id", "status"]);
        assert!(["present", "missing", "not-applicable"].contains(&r["status"].as_str().unwrap()));
    }
    let by_id = |id: &str| reqs.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(by_id("gdpr.controller")["status"], "present");
    assert_eq!(by_id("gdpr.controller")["evidence"][0], serde_json::json!({"section": "Contact", "quote": "Write to privacy@tidewatch.example."}));
    assert_eq!(by_id("gdpr.complaint")["status"], "missing");
    assert!(!by_id("gdpr.complaint")["fix"].as_array().unwrap().is_empty());
    assert_eq!(by_id("ccpa.right-know")["status"], "not-applicable");
}

#[test]
fn a_complete_policy_exits_0_and_the_human_output_says_it_is_not_legal_advice() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.md");
    std::fs::write(&file, COMPLETE).unwrap();
    let db = dir.path().join("w.sqlite3");
    let out = cli(&db, &["check", file.to_str().unwrap(), "--jurisdiction", "eu", "--today", "2027-03-15"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("not legal advice"), "{text}");
    assert!(text.contains("eu: "), "{text}");
    assert!(text.contains("0 missing, 0 error(s)"), "{text}");
}

#[test]
fn an_error_finding_exits_3_and_user_errors_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let file = dir.path().join("policy.md");
    std::fs::write(&file, COMPLETE.replace("privacy@tidewatch.example", "privacy@tidewatch")).unwrap();
    let out = cli(&db, &["check", file.to_str().unwrap(), "--jurisdiction", "eu", "--json", "--today", "2027-03-15"]);
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "malformed-email").expect("malformed-email");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["section"], "Who we are");
    assert!(f["quote"].as_str().unwrap().contains("privacy@tidewatch"));
    assert!(f["message"].as_str().is_some());

    let out = cli(&db, &["check", file.to_str().unwrap(), "--jurisdiction", "eu,mars"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown jurisdiction `mars`"));

    let out = cli(&db, &["check", dir.path().join("nope.md").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
}

#[test]
fn a_document_is_checked_with_its_facts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let out = cli(&db, &["doc", "new", "--title", "Policy", "--template", "eu-site"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let out = cli(&db, &["check", &id, "--json", "--today", "2027-03-15"]);
    assert!(matches!(out.status.code(), Some(0 | 3)), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let j: Vec<&str> = v["jurisdictions"].as_array().unwrap().iter().map(|j| j.as_str().unwrap()).collect();
    assert!(j.contains(&"eu") && !j.contains(&"us-ca"), "the template's facts decide: {j:?}");
    let unfilled = v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "unfilled-variable");
    assert!(unfilled, "a new document's blank facts are reported");
}
