//! Backups and restore (data safety D5, D7, D8): the daily rule, restore, refusal of a bad
//! backup, the backup before a migration.

mod common;

use clausewright_core::store::{BackupReason, OpenOptions, latest_version};
use clausewright_core::{ErrorKind, Store};
use std::fs;
use std::path::Path;
use time::macros::datetime;

fn at(now: time::OffsetDateTime) -> OpenOptions {
    OpenOptions { now: Some(now), ..OpenOptions::default() }
}

fn titles(store: &Store) -> Vec<String> {
    store.documents().expect("documents").into_iter().map(|d| d.title).collect()
}

#[test]
fn the_first_open_of_the_day_takes_one_backup_and_later_opens_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite3");
    let created = Store::open_with(&path, at(datetime!(2026-05-04 08:00 UTC))).unwrap();
    assert!(created.backups().unwrap().is_empty(), "a new workspace has nothing to back up yet");
    drop(created);

    let first = Store::open_with(&path, at(datetime!(2026-05-04 09:00 UTC))).unwrap();
    let list = first.backups().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, BackupReason::Daily);
    assert_eq!(list[0].created_at, "2026-05-04T09:00:00Z");
    assert_eq!(list[0].id, "2026-05-04-090000-daily");
    assert!(first.info().backup_problem.is_none());
    drop(first);

    Store::open_with(&path, at(datetime!(2026-05-04 23:59 UTC))).unwrap();
    assert_eq!(Store::open_with(&path, at(datetime!(2026-05-04 12:00 UTC))).unwrap().backups().unwrap().len(), 1);
    let next_day = Store::open_with(&path, at(datetime!(2026-05-05 00:01 UTC))).unwrap();
    assert_eq!(next_day.backups().unwrap().len(), 2);
    assert!(dir.path().join("backups/w-2026-05-05-000100-daily.sqlite3").is_file());
}

#[test]
fn a_listed_backup_says_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.set_author("Ada").unwrap();
    let doc = store.create_document("Cookie Policy", None).unwrap();
    store.save_version(doc.id, "v1", "").unwrap();
    let made = store.create_backup().unwrap();
    assert_eq!(made.reason, BackupReason::Manual);
    assert_eq!((made.documents, made.versions), (Some(2), Some(1)));
    assert!(made.size_bytes > 4096);
    assert_eq!(made.size_bytes, fs::metadata(&made.path).unwrap().len());
    assert!(made.problem.is_none());
    assert!(!Path::new(&format!("{}-wal", made.path)).exists(), "a backup is one plain file");
    // Two in the same second get two names.
    let again = store.create_backup().unwrap();
    assert_ne!(again.id, made.id);
    assert_eq!(store.backups().unwrap().len(), 2);
}

#[test]
fn a_restore_brings_the_earlier_state_back_and_keeps_the_later_one_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let kept = store.create_document("Kept", None).unwrap();
    let backup = store.create_backup().unwrap();

    let later = store.create_document("Written after the backup", None).unwrap();
    store.rename_document(kept.id, kept.revision, "Renamed later").unwrap();
    let before = titles(&store);

    let saved = store.restore_backup(&backup.id).unwrap();
    assert_eq!(saved.reason, BackupReason::BeforeRestore);
    // The open store sees the restored data and keeps working.
    assert_eq!(store.document(kept.id).unwrap().title, "Kept");
    assert_eq!(store.document(later.id).unwrap_err().kind(), ErrorKind::NotFound);
    assert!(store.integrity_problem().is_none());
    let doc = store.document(kept.id).unwrap();
    store.rename_document(kept.id, doc.revision, "Written after the restore").unwrap();

    // Another connection sees it too.
    assert!(titles(&Store::open(&path).unwrap()).contains(&"Written after the restore".to_owned()));

    // The state the restore replaced is a backup, and restoring it brings it all back.
    assert_eq!(saved.documents, Some(before.len() as u32));
    store.restore_backup(&saved.id).unwrap();
    assert_eq!(titles(&store), before);
    let reasons: Vec<BackupReason> = store.backups().unwrap().iter().map(|b| b.reason).collect();
    assert_eq!(reasons.iter().filter(|r| **r == BackupReason::BeforeRestore).count(), 2);
}

#[test]
fn a_corrupt_backup_is_refused_and_the_workspace_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let backup = store.create_backup().unwrap();
    store.create_document("After the backup", None).unwrap();

    // Damage the copy past its first page: it still opens, but fails its check.
    let mut bytes = fs::read(&backup.path).unwrap();
    for b in &mut bytes[4096 * 3..4096 * 3 + 200] {
        *b ^= 0x5a;
    }
    fs::write(&backup.path, &bytes).unwrap();
    let before = titles(&store);
    let count = store.backups().unwrap().len();

    let err = store.restore_backup(&backup.id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Backup);
    let message = err.to_string();
    assert!(message.contains(&backup.path) && message.contains("not changed"), "{message}");
    assert_eq!(titles(&store), before);
    assert_eq!(store.backups().unwrap().len(), count, "no before-restore copy for a refused restore");

    // A file that is no workspace at all, named like a backup, likewise.
    fs::write(dir.path().join("backups/w-2026-01-01-000000-manual.sqlite3"), "not a database").unwrap();
    let err = store.restore_backup("2026-01-01-000000-manual").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Backup);
    assert_eq!(titles(&store), before);

    let err = store.restore_backup("2026-01-01-000000-nothing").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.to_string().contains("no backup with id"), "{err}");
}

#[test]
fn a_damaged_workspace_takes_no_backup_and_can_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite3");
    let good = {
        let mut store = Store::open(&path).unwrap();
        store.create_document("Before the damage", None).unwrap();
        store.create_backup().unwrap()
    };
    let bytes = common::damage_sections_table(&path);

    let mut store = Store::open_with(&path, at(datetime!(2030-01-01 09:00 UTC))).unwrap();
    assert!(store.info().read_only.is_some());
    assert_eq!(store.backups().unwrap().len(), 1, "no daily copy of a damaged file");
    assert_eq!(store.create_backup().unwrap_err().kind(), ErrorKind::ReadOnly);

    let kept = store.restore_backup(&good.id).unwrap();
    assert_eq!(kept.reason, BackupReason::BeforeRestore);
    assert_eq!(fs::read(&kept.path).unwrap(), bytes, "the damaged file is kept as it was");
    assert!(store.info().read_only.is_none(), "writable again");
    assert!(titles(&store).contains(&"Before the damage".to_owned()));
    store.create_document("After the repair", None).unwrap();
}

#[test]
fn a_migration_is_preceded_by_a_backup_of_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqlite3");
    let now = datetime!(2026-07-01 10:00 UTC);
    {
        let mut store = Store::open_with(&path, at(now)).unwrap();
        store.create_document("Before the migration", None).unwrap();
    }
    let options = OpenOptions {
        now: Some(now + time::Duration::minutes(1)),
        extra_migrations: vec!["CREATE TABLE test_only (x TEXT) STRICT;"],
        ..OpenOptions::default()
    };
    let store = Store::open_with(&path, options).unwrap();
    let list = store.backups().unwrap();
    let before = list.iter().find(|b| b.reason == BackupReason::BeforeMigration).expect("a before-migration backup");
    assert_eq!(before.documents, Some(2));

    let copy = rusqlite::Connection::open_with_flags(&before.path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let version: i64 = copy.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, latest_version(), "the copy is the file before the migration");
    let has = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'test_only'", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(has(&copy), 0);
    let live = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(has(&live), 1);
    assert_eq!(live.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).unwrap(), latest_version() + 1);
}

#[test]
fn an_in_memory_workspace_has_no_backups() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.create_backup().unwrap_err().kind(), ErrorKind::Invalid);
}
