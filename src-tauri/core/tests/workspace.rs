//! Opening, creating and refusing workspace files (data safety D1, D3, D7, D8).

mod common;

use clausewright_core::store::{APPLICATION_ID, ClauseFilter, latest_version};
use clausewright_core::{ErrorKind, Store};
use std::fs;
use std::path::Path;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn new_workspace(path: &Path) {
    let store = Store::open(path).expect("create workspace");
    drop(store);
}

#[test]
fn a_new_workspace_holds_the_builtin_library_and_the_starter_document() {
    let dir = temp();
    let path = dir.path().join("w.sqlite3");
    let store = Store::open(&path).unwrap();
    assert!(store.info().read_only.is_none());
    let clauses = store.clauses(&ClauseFilter::default()).unwrap();
    assert_eq!(clauses.len(), store.library().clauses.len());
    assert!(clauses.len() >= 80, "only {} clauses", clauses.len());
    assert!(store.topics().unwrap().len() >= 24);

    let docs = store.documents().unwrap();
    assert_eq!(docs.len(), 1, "one starter document");
    let doc = store.document(docs[0].id).unwrap();
    assert!(doc.sections.len() >= 10);
    // Every section is a library clause, except the part headings that group them.
    assert!(doc.sections.iter().all(|s| s.origin.is_some() || clausewright_core::render::is_part(s)));
    assert!(doc.sections.iter().any(|s| s.origin.is_some()));
}

#[test]
fn every_connection_uses_the_safe_sqlite_settings() {
    let dir = temp();
    let path = dir.path().join("w.sqlite3");
    new_workspace(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(app, APPLICATION_ID);
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, latest_version());
}

#[test]
fn reopening_keeps_everything_and_does_not_repeat_the_starter() {
    let dir = temp();
    let path = dir.path().join("w.sqlite3");
    let id = {
        let mut store = Store::open(&path).unwrap();
        let doc = store.create_document("Cookie Policy", None).unwrap();
        store.rename_document(doc.id, doc.revision, "Cookie Notice").unwrap();
        doc.id
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.documents().unwrap().len(), 2);
    assert_eq!(store.document(id).unwrap().title, "Cookie Notice");
}

#[test]
fn a_stale_write_is_refused_and_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = store.document(store.documents().unwrap()[0].id).unwrap();
    let section = &doc.sections[0];
    let rev = store.update_section(doc.id, doc.revision, section.id, "Who we are", "New text.").unwrap();
    assert_eq!(rev, doc.revision + 1);
    let err = store.update_section(doc.id, doc.revision, section.id, "Who we are", "Older text.").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Stale);
    assert!(err.to_string().contains("changed since you opened it"), "{err}");
    let now = store.document(doc.id).unwrap();
    assert_eq!(now.sections[0].body, "New text.");
    assert!(now.sections[0].origin.as_ref().unwrap().edited, "an edited library section says so");
}

#[test]
fn a_db_path_in_a_missing_folder_is_refused_and_nothing_is_created() {
    let dir = temp();
    let path = dir.path().join("no-such-folder").join("w.sqlite3");
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.kind(), ErrorKind::Open);
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(!dir.path().join("no-such-folder").exists());
}

#[test]
fn a_db_path_in_a_folder_that_cannot_be_written_is_refused() {
    // /proc refuses new files even to root, so this holds for every user.
    let err = Store::open(Path::new("/proc/clausewright-test.sqlite3")).err().expect("refused");
    assert_eq!(err.kind(), ErrorKind::Open);
    assert!(err.to_string().contains("not writable"), "{err}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp();
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
        // Root may write anyway; the check only means something for other users.
        if fs::write(locked.join("probe"), b"").is_err() {
            let err = Store::open(&locked.join("w.sqlite3")).err().expect("refused");
            assert_eq!(err.kind(), ErrorKind::Open);
            assert!(err.to_string().contains("not writable"), "{err}");
        }
    }
}

#[test]
fn a_file_that_is_not_a_workspace_is_refused_untouched() {
    let dir = temp();
    let text = dir.path().join("notes.sqlite3");
    fs::write(&text, "These are my notes, not a database.\n".repeat(10)).unwrap();
    let err = Store::open(&text).err().expect("refused");
    assert_eq!(err.kind(), ErrorKind::NotAWorkspace);
    assert!(err.to_string().contains("not an SQLite database"), "{err}");
    assert_eq!(fs::read_to_string(&text).unwrap(), "These are my notes, not a database.\n".repeat(10));

    let foreign = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');").unwrap();
    }
    let before = fs::read(&foreign).unwrap();
    let err = Store::open(&foreign).err().expect("refused");
    assert_eq!(err.kind(), ErrorKind::NotAWorkspace);
    assert!(err.to_string().contains("another program"), "{err}");
    assert_eq!(fs::read(&foreign).unwrap(), before);
}

#[test]
fn a_workspace_from_a_newer_schema_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("w.sqlite3");
    new_workspace(&path);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1).unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.kind(), ErrorKind::NewerSchema);
    assert!(err.to_string().contains("newer Clausewright"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_corrupted_workspace_opens_read_only_with_a_message() {
    let dir = temp();
    let path = dir.path().join("w.sqlite3");
    new_workspace(&path);
    // Flip the page-type byte of the sections table's root page.
    let bytes = common::damage_sections_table(&path);

    let mut store = Store::open(&path).expect("opens read-only rather than failing");
    let why = store.info().read_only.expect("read-only");
    assert!(why.contains("integrity check"), "{why}");
    assert!(!store.clauses(&ClauseFilter::default()).unwrap().is_empty(), "what is readable can still be read");
    let err = store.create_document("New", None).expect_err("writes refused");
    assert_eq!(err.kind(), ErrorKind::ReadOnly);
    drop(store);
    assert_eq!(fs::read(&path).unwrap(), bytes, "nothing was written to the damaged file");
}

#[test]
fn an_empty_file_becomes_a_new_workspace() {
    let dir = temp();
    let path = dir.path().join("w.sqlite3");
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.documents().unwrap().len(), 1);
}

#[test]
fn a_backup_is_a_checked_copy_that_opens() {
    let dir = temp();
    let path = dir.path().join("w.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.create_document("Second", None).unwrap();
    let copy = dir.path().join("copy.sqlite3");
    store.backup_to(&copy).unwrap();
    let restored = Store::open(&copy).unwrap();
    assert_eq!(restored.documents().unwrap().len(), 2);
    assert!(restored.integrity_problem().is_none());
}

#[test]
fn a_backup_taken_while_another_process_writes_checks_clean_and_restores() {
    let dir = temp();
    let path = dir.path().join("w.sqlite3");
    let store = Store::open(&path).unwrap();
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || {
        let mut other = Store::open(&writer_path).expect("second connection");
        for i in 0..150 {
            other.create_document(&format!("Policy {i}"), Some("eu-site")).expect("write");
        }
    });
    let mut copies = Vec::new();
    for i in 0..5 {
        let copy = dir.path().join(format!("backup-{i}.sqlite3"));
        store.backup_to(&copy).unwrap();
        copies.push(copy);
    }
    writer.join().unwrap();
    for copy in copies {
        let restored = Store::open(&copy).unwrap();
        assert!(restored.info().read_only.is_none());
        assert!(restored.integrity_problem().is_none());
        let docs = restored.documents().unwrap();
        assert!(!docs.is_empty());
        for d in docs {
            restored.document(d.id).unwrap();
        }
    }
}

/// The app runs long reads (checks, exports) on a second connection so edits never wait for
/// them: it sees every committed edit, and it cannot write.
#[test]
fn a_reader_sees_each_edit_and_writes_nothing() {
    let dir = temp();
    let path = dir.path().join("w.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let mut reader = store.reader().unwrap();
    let doc = store.create_document("Lantern policy", None).unwrap();
    assert_eq!(reader.document(doc.id).unwrap().title, "Lantern policy");
    store.rename_document(doc.id, doc.revision, "Lantern Maps policy").unwrap();
    let seen = reader.document(doc.id).unwrap();
    assert_eq!(seen.title, "Lantern Maps policy");
    let refused = reader.rename_document(doc.id, seen.revision, "Never").unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::ReadOnly);
    assert_eq!(store.document(doc.id).unwrap().title, "Lantern Maps policy");
    assert!(Store::open_in_memory().unwrap().reader().is_err(), "a workspace in memory has no second connection");
}
