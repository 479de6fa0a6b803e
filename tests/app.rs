//! The real window on a real workspace.

use clausewright_e2e::{App, enabled};

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
