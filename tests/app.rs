//! The real window on a real workspace.

use clausewright_e2e::{App, enabled};

const CTRL: char = '\u{E009}';
const END: char = '\u{E010}';

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_lists_the_library_and_opens_the_starter_document() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;

    // The starter document opens by itself and its preview renders.
    let docs = app.find_all("[data-testid=documents] button").await;
    assert_eq!(docs.len(), 1, "one starter document");
    let title = app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;
    let h1 = app.wait_text("[data-testid=preview] h1", |t| !t.is_empty()).await;
    assert_eq!(h1, title);
    let sections = app.find_all("[data-testid=preview] section").await;
    assert!(sections.len() >= 10, "{} sections in the preview", sections.len());

    // The library lists clauses under topics.
    let topics = app.find_all("[data-testid=library] .topic").await;
    assert!(topics.len() >= 24, "{} topics", topics.len());
    let clauses = app.find_all("[data-testid=library] [data-clause]").await;
    assert!(clauses.len() >= 80, "{} clauses listed", clauses.len());

    // Selecting a section shows its text.
    let outline = app.find_all("[data-testid=outline] button").await;
    outline[2].click().await.expect("click section 3");
    let heading = app.wait_text("[data-testid=section-view] h2", |t| t.starts_with("3. ")).await;
    let source = app.find("[data-testid=section-source]").await.text().await.expect("text");
    assert!(!source.trim().is_empty(), "section 3 ({heading}) shows its text");
    app.screenshot("starter-document").await;

    // Opening a clause from the library shows it with its guidance.
    clauses[0].click().await.expect("click clause");
    app.find("[data-testid=clause-view]").await;
    app.find("[data-testid=clause-preview] p").await;
    app.screenshot("clause-view").await;

    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_a_workspace_is_explained_not_overwritten() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = clausewright_e2e::workspace_path(dir.path());
    std::fs::write(&path, "my notes\n".repeat(50)).expect("write");
    let app = App::launch_in(dir).await;
    let message = app.wait_text("[data-testid=fatal]", |t| t.contains("not a Clausewright workspace")).await;
    assert!(message.contains("Nothing was changed"), "{message}");
    app.screenshot("not-a-workspace").await;
    let dir = app.close().await;
    assert_eq!(std::fs::read_to_string(clausewright_e2e::workspace_path(dir.path())).expect("read"), "my notes\n".repeat(50));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_the_library_open_a_clause_and_edit_your_own_copy() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    app.find("[data-testid=library] [data-clause]").await;

    // Instant search with prefix matching and highlighted snippets.
    let search = app.find("#library-filter").await;
    search.send_keys("retent").await.expect("type");
    let first = app.find("[data-testid=search-results] [data-clause='retention.periods-table']").await;
    let mark = app.find("[data-testid=search-results] mark").await.text().await.expect("mark");
    assert!(mark.to_lowercase().starts_with("retent"), "highlighted {mark:?}");
    app.screenshot("library-search").await;

    // Open the best hit: its text, guidance, requirements and revisions show.
    first.click().await.expect("open hit");
    let title = app.wait_text("[data-testid=clause-title]", |t| !t.is_empty()).await;
    app.find("[data-testid=clause-preview] p").await;
    let reqs = app.find("[data-testid=clause-requirements]").await.text().await.expect("reqs");
    assert!(reqs.contains("retention"), "{reqs}");
    app.find("[data-testid=clause-revisions] li").await;

    // Duplicate the built-in into an own clause, edit it in CodeMirror, save with Ctrl+S.
    app.client
        .find(fantoccini::Locator::XPath("//button[normalize-space()='Duplicate']"))
        .await
        .expect("duplicate button")
        .click()
        .await
        .expect("duplicate");
    app.wait_text("[data-testid=clause-title]", |t| t == format!("{title} (copy)")).await;
    app.client
        .find(fantoccini::Locator::XPath("//button[normalize-space()='Edit']"))
        .await
        .expect("edit button")
        .click()
        .await
        .expect("edit");
    let editor = app.find("[data-testid=clause-editor] .cm-content").await;
    editor.click().await.expect("focus editor");
    app.chord(&[CTRL], END).await;
    editor.send_keys("\u{E007}\u{E007}We review these periods every year.").await.expect("type in editor");
    app.screenshot("clause-editor").await;
    app.chord(&[CTRL], 's').await;
    app.wait_text("[data-testid=clause-revisions]", |t| t.contains("Revision 2")).await;
    let body = app.find("[data-testid=clause-preview]").await.text().await.expect("preview");
    assert!(body.contains("We review these periods every year."), "{body}");
    app.screenshot("own-clause-revision-2").await;
    app.close().await;
}
