//! Nothing typed is lost (D2): the rule the app follows when it exits with text the UI did not
//! get to save.
#![allow(clippy::unwrap_used)]

use clausewright_core::staging::{Flushed, StagedEdit, Staging};
use clausewright_core::{Store, domain::Document};

fn starter(store: &Store) -> Document {
    store.document(store.documents().unwrap()[0].id).unwrap()
}

fn edit(doc: &Document, base_revision: i64, body: &str) -> StagedEdit {
    let s = &doc.sections[1];
    StagedEdit { document_id: doc.id, base_revision, section_id: s.id, heading: s.heading.clone(), body: body.into() }
}

#[test]
fn text_staged_but_never_saved_is_written_on_exit() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = starter(&store);
    let mut staging = Staging::default();
    staging.stage(edit(&doc, doc.revision, "typed just before the window closed"));
    let Flushed::Written(rev) = staging.flush(&mut store).unwrap() else { panic!("not written") };
    let after = store.document(doc.id).unwrap();
    assert_eq!(after.revision, rev);
    assert_eq!(after.sections[1].body, "typed just before the window closed");
    assert_eq!(staging.flush(&mut store).unwrap(), Flushed::Nothing, "written once");
}

#[test]
fn a_save_that_landed_clears_the_staged_text() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = starter(&store);
    let mut staging = Staging::default();
    let e = edit(&doc, doc.revision, "saved in time");
    staging.stage(e.clone());
    let rev = store.update_section(doc.id, doc.revision, e.section_id, &e.heading, &e.body).unwrap();
    staging.saved(doc.id, e.section_id, &e.body, rev);
    assert!(staging.pending().is_none());
    assert_eq!(staging.flush(&mut store).unwrap(), Flushed::Nothing);
    assert_eq!(store.document(doc.id).unwrap().revision, rev, "nothing written twice");
}

/// Typing runs ahead of the saves: the last keystroke was staged on top of a revision that our
/// own in-flight saves have since moved on. Our saves are not someone else's change.
#[test]
fn our_own_saves_since_the_keystroke_do_not_make_it_stale() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = starter(&store);
    let mut staging = Staging::default();
    let section = doc.sections[1].clone();
    staging.stage(edit(&doc, doc.revision, "Lyn"));
    let rev = store.update_section(doc.id, doc.revision, section.id, &section.heading, "Ly").unwrap();
    staging.saved(doc.id, section.id, "Ly", rev);
    staging.stage(edit(&doc, doc.revision, "Lynx"));
    assert!(matches!(staging.flush(&mut store).unwrap(), Flushed::Written(_)));
    assert_eq!(store.document(doc.id).unwrap().sections[1].body, "Lynx");
}

#[test]
fn a_change_by_someone_else_is_never_overwritten_and_the_text_is_kept_in_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workspace.sqlite3");
    let mut app = Store::open(&path).unwrap();
    let doc = starter(&app);
    let mut staging = Staging::default();
    staging.stage(edit(&doc, doc.revision, "the app's unsaved words"));
    // The CLI, another connection, changes the same document meanwhile.
    let mut cli = Store::open(&path).unwrap();
    let s = &doc.sections[1];
    cli.update_section(doc.id, doc.revision, s.id, &s.heading, "the CLI's words").unwrap();

    let Flushed::Recovered(file) = staging.flush(&mut app).unwrap() else { panic!("must not be written") };
    assert_eq!(app.document(doc.id).unwrap().sections[1].body, "the CLI's words");
    assert!(file.starts_with(dir.path().join("recovered")));
    assert!(std::fs::read_to_string(&file).unwrap().contains("the app's unsaved words"));
}

#[test]
fn another_connections_commit_changes_the_data_version_and_our_own_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workspace.sqlite3");
    let mut app = Store::open(&path).unwrap();
    let doc = starter(&app);
    let v0 = app.data_version().unwrap();
    app.rename_document(doc.id, doc.revision, "Ours").unwrap();
    assert_eq!(app.data_version().unwrap(), v0, "our own write");
    let mut cli = Store::open(&path).unwrap();
    let doc = cli.document(doc.id).unwrap();
    cli.rename_document(doc.id, doc.revision, "Theirs").unwrap();
    assert_ne!(app.data_version().unwrap(), v0, "another process wrote");
}
