//! The real window on a real workspace.

use clausewright_e2e::{App, enabled, page_processes, wait_exit, workspace_path};
use std::time::Duration;

const CTRL: char = '\u{E009}';
const END: char = '\u{E010}';
const ESCAPE: char = '\u{E00C}';
const F2: char = '\u{E032}';
const SHIFT: char = '\u{E008}';
const ALT: char = '\u{E00A}';
const HOME: char = '\u{E011}';

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

    // The three panes sit side by side and fill the window between the bars.
    let (width, _) = app.viewport().await;
    let panes = app.rects("[data-testid=panes] > *").await;
    assert_eq!(panes.len(), 3, "documents and library, the document, the preview: {panes:?}");
    assert!(panes[0].x.abs() < 1.0 && (panes[2].right() - width).abs() < 1.0, "the panes span the window: {panes:?}");
    for pair in panes.windows(2) {
        assert!((pair[1].x - pair[0].right()).abs() < 1.0, "each pane starts where the one before ends: {panes:?}");
        assert!((pair[1].y - pair[0].y).abs() < 1.0 && (pair[1].h - pair[0].h).abs() < 1.0, "same top and height: {panes:?}");
    }
    assert!(panes.iter().all(|p| p.w > 200.0 && p.h > 400.0), "no pane squeezed: {panes:?}");

    // The library lists clauses under topics.
    let topics = app.find_all("[data-testid=library] .topic").await;
    assert!(topics.len() >= 24, "{} topics", topics.len());
    let clauses = app.find_all("[data-testid=library] [data-clause]").await;
    assert!(clauses.len() >= 80, "{} clauses listed", clauses.len());

    // Selecting a section shows its text in the editor.
    let outline = app.find_all("[data-testid=outline] [data-item]").await;
    outline[2].click().await.expect("click section 3");
    app.wait_text("[data-testid=section-view] .num", |t| t == "3.").await;
    let source = app.find("[data-testid=section-view] .cm-content").await.text().await.expect("text");
    assert!(!source.trim().is_empty(), "section 3 shows its text");
    app.screenshot("starter-document").await;

    // Opening a clause from the library shows it with its guidance.
    clauses[0].send_keys("\u{E007}").await.expect("open clause");
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

    // Open the hit from the keyboard: its text, guidance, requirements and revisions show.
    // (Library items are draggable into the outline; WebKit's WebDriver turns a synthetic click
    // on a draggable element into a drag, so the test uses Enter as a keyboard user would.)
    first.send_keys("\u{E007}").await.expect("open hit");
    let title = app.wait_text("[data-testid=clause-title]", |t| !t.is_empty()).await;
    app.find("[data-testid=clause-preview] p").await;
    let reqs = app.find("[data-testid=clause-requirements]").await.text().await.expect("reqs");
    assert!(reqs.contains("retention"), "{reqs}");
    app.find("[data-testid=clause-revisions] li").await;

    // Duplicate the built-in into an own clause, edit it in CodeMirror, save with Ctrl+S.
    app.client
        .find(fantoccini::Locator::XPath("//*[@data-testid='clause-view']//button[normalize-space()='Duplicate']"))
        .await
        .expect("duplicate button")
        .click()
        .await
        .expect("duplicate");
    app.wait_text("[data-testid=clause-title]", |t| t == format!("{title} (copy)")).await;
    app.client
        .find(fantoccini::Locator::XPath("//*[@data-testid='clause-view']//button[normalize-space()='Edit']"))
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

/// Reads the value of an input.
async fn value_of(app: &App, css: &str) -> String {
    app.find(css).await.prop("value").await.expect("value").unwrap_or_default()
}

/// The section headings in the import dialog, as the user may have edited them.
async fn import_headings(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    for h in app.find_all("[data-testid=import-heading]").await {
        out.push(h.prop("value").await.expect("heading").unwrap_or_default());
    }
    out
}

async fn outline_headings(app: &App) -> Vec<String> {
    app.find("[data-testid=outline]").await;
    app.texts("[data-testid=outline] [data-item] .heading").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_founder_composes_a_policy_closes_and_finds_it_all_again() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    app.find("[data-testid=documents] button").await;

    // A new document from the AI/SaaS template.
    app.chord(&[CTRL], 'n').await;
    let title = app.find("[data-testid=new-title]").await;
    title.clear().await.expect("clear");
    title.send_keys("Acme Privacy Policy").await.expect("title");
    app.find("[data-testid=template-ai-saas]").await.click().await.expect("template");
    app.find("[data-testid=create-document]").await.click().await.expect("create");
    app.wait_text("[data-testid=doc-title]", |t| t == "Acme Privacy Policy").await;

    // Fill a fact once: every section that uses it changes.
    let field = app.find("[data-testid=field-company_name]").await;
    field.send_keys("Acme Labs\u{E007}").await.expect("company name");
    app.wait_text("[data-testid=save-status]", |t| t.starts_with("Saved")).await;
    app.wait_text("[data-testid=preview]", |t| t.contains("Acme Labs")).await;
    let bad = app.find("[data-testid=field-privacy_email]").await;
    bad.send_keys("not an email\u{E007}").await.expect("bad email");
    app.wait_text("[data-testid=profile-form] .error", |t| t.contains("not an email address")).await;
    app.screenshot("composer-facts").await;

    // Add a clause through the palette after section 1.
    app.find("[data-testid=tab-sections]").await.click().await.expect("sections tab");
    let before = outline_headings(&app).await;
    app.find_all("[data-testid=outline] [data-item]").await[0].click().await.expect("select 1");
    app.chord(&[CTRL], 'k').await;
    app.find("[data-testid=palette-input]").await.send_keys("authorized agent").await.expect("search");
    app.find("[data-testid=palette] [aria-selected=true] .title").await;
    app.screenshot("palette").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.find("[data-testid=palette-input]").await.send_keys("\u{E007}").await.expect("enter");
    let mut after = outline_headings(&app).await;
    for _ in 0..50 {
        if after.len() == before.len() + 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        after = outline_headings(&app).await;
    }
    assert_eq!(after.len(), before.len() + 1, "one section added");
    let added = after[1].clone();
    assert_ne!(added, before[1]);

    // Reorder it by keyboard: Alt+Down moves section 2 to 3.
    app.find_all("[data-testid=outline] [data-item]").await[1].click().await.expect("select 2");
    app.chord(&['\u{E00A}'], '\u{E015}').await;
    let mut moved = outline_headings(&app).await;
    for _ in 0..50 {
        if moved[2] == added {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        moved = outline_headings(&app).await;
    }
    assert_eq!(moved[2], added, "Alt+Down moved the section");

    // Edit its text; the preview follows as you type.
    let editor = app.find("[data-testid=section-view] .cm-content").await;
    editor.click().await.expect("focus editor");
    app.chord(&[CTRL], END).await;
    let started = std::time::Instant::now();
    editor.send_keys("\u{E007}\u{E007}Zebra").await.expect("type");
    app.wait_text("[data-testid=preview]", |t| t.contains("Zebra")).await;
    let keystroke_to_preview = started.elapsed();
    let metric = format!("keystroke to preview: {} ms (typing through WebDriver included)\n", keystroke_to_preview.as_millis());
    eprint!("{metric}");
    std::fs::write(app.e2e_dir().join("keystroke-to-preview.txt"), metric).expect("metric");
    app.wait_text("[data-testid=save-status]", |t| t.starts_with("Saved")).await;

    // Undo takes the edit back out, in the store too.
    app.find("[data-testid=undo]").await.click().await.expect("undo");
    app.wait_text("[data-testid=preview]", |t| !t.contains("Zebra")).await;
    app.wait_text("[data-testid=save-status]", |t| t.starts_with("Saved")).await;

    // A last edit, then close right after it is saved.
    let editor = app.find("[data-testid=section-view] .cm-content").await;
    editor.click().await.expect("focus editor");
    app.chord(&[CTRL], END).await;
    editor.send_keys("\u{E007}\u{E007}Final words here.").await.expect("type");
    app.wait_text("[data-testid=save-status]", |t| t.starts_with("Saved")).await;
    let headings = outline_headings(&app).await;
    app.screenshot("composer-sections").await;
    let dir = app.close().await;

    // Reopen: everything is as it was left.
    let app = App::launch_in(dir).await;
    let docs = app.find_all("[data-testid=documents] button").await;
    assert_eq!(docs.len(), 2);
    docs[1].click().await.expect("open Acme");
    app.wait_text("[data-testid=doc-title]", |t| t == "Acme Privacy Policy").await;
    assert_eq!(outline_headings(&app).await, headings);
    let preview = app.wait_text("[data-testid=preview]", |t| t.contains("Final words here.")).await;
    assert!(preview.contains("Acme Labs") && !preview.contains("Zebra"));
    app.find("[data-testid=tab-facts]").await.click().await.expect("facts");
    assert_eq!(value_of(&app, "[data-testid=field-company_name]").await, "Acme Labs");
    app.screenshot("composer-reopened").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counsel_saves_two_versions_and_sees_the_changed_words() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;

    // Version 1; the author's name is asked once.
    app.chord(&[CTRL, '\u{E008}'], 's').await;
    app.find("[data-testid=version-author]").await.send_keys("Dana Counsel").await.expect("author");
    app.find("[data-testid=version-label]").await.send_keys("Sent to counsel").await.expect("label");
    app.screenshot("save-version-dialog").await;
    app.find("[data-testid=save-version-submit]").await.click().await.expect("save v1");
    app.wait_text(".statusbar", |t| t.contains("Saved version 1")).await;

    // Edit section 3, then version 2 (no name asked now).
    app.type_at_end_of_section(2, " Quokka clause added.").await;
    app.wait_text("[data-testid=save-status]", |t| t.starts_with("Saved")).await;
    app.find("[data-testid=tab-versions]").await.click().await.expect("versions tab");
    app.find("[data-testid=save-version]").await.click().await.expect("save version");
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid=version-author]")).await.is_err(), "asked once");
    app.find("[data-testid=version-label]").await.send_keys("Counsel's edits").await.expect("label");
    app.find("[data-testid=save-version-submit]").await.click().await.expect("save v2");
    let v2 = app.wait_text("[data-testid=version-2]", |t| t.contains("Counsel's edits")).await;
    assert!(v2.contains("1 section changed") && v2.contains("Dana Counsel"), "{v2}");

    // Compare version 1 with the draft: the new words are marked inserted, nothing else.
    app.find("[data-testid=compare-draft-1]").await.click().await.expect("compare");
    let summary = app.wait_text("[data-testid=compare-summary]", |t| !t.is_empty()).await;
    assert!(summary.contains("+3") && summary.contains("1 changed"), "{summary}");
    let inserted = app.find("[data-testid=compare-rows] ins").await.text().await.expect("ins");
    assert!(inserted.contains("Quokka clause added"), "{inserted}");
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid=compare-rows] del")).await.is_err(), "nothing deleted");
    // Side by side: in a changed row the old and the new text share a top edge, the new one
    // starts right of the old, each takes about half the width, under its column head.
    let rows = app.rects("[data-testid=compare-rows]").await[0];
    let old = app.rects("[data-testid=compare-rows] .row[data-change] [data-testid=compare-old]").await[0];
    let new = app.rects("[data-testid=compare-rows] .row[data-change] [data-testid=compare-new]").await[0];
    let old_head = app.rects("[data-testid=compare-colhead-old]").await[0];
    let new_head = app.rects("[data-testid=compare-colhead-new]").await[0];
    assert!((old.y - new.y).abs() < 1.0, "old and new share a top edge: {old:?} {new:?}");
    assert!(new.x >= old.right() - 1.0, "the new text is right of the old: {old:?} {new:?}");
    for cell in [old, new] {
        assert!((cell.w / rows.w - 0.5).abs() < 0.05, "each side about half the width: {cell:?} of {rows:?}");
    }
    assert!((old_head.x - old.x).abs() < 1.0 && (old_head.w - old.w).abs() < 1.0, "old head over old text: {old_head:?} {old:?}");
    assert!((new_head.x - new.x).abs() < 1.0 && (new_head.w - new.w).abs() < 1.0, "new head over new text: {new_head:?} {new:?}");
    assert!(old_head.bottom() <= old.y + 1.0, "the heads are above the text");
    app.find("[data-testid=next-change]").await.click().await.expect("next change");
    app.screenshot("compare-view").await;

    // Review changes…: the one change is a proposal; R rejects it (the draft loses the words),
    // Ctrl+Z takes the decision back (they return).
    app.find("[data-testid=review-changes]").await.click().await.expect("review changes");
    app.wait_text("[data-testid=review-open]", |t| t == "1 open").await;
    let card = app.find("[data-testid=proposal]").await.text().await.expect("proposal");
    assert!(card.contains("Quokka clause added") && card.contains("Dana Counsel"), "{card}");
    app.client.execute("document.querySelector('[data-testid=proposals]').focus();", vec![]).await.expect("focus the list");
    app.type_keys("r").await;
    app.wait_text("[data-testid=review-open]", |t| t == "0 open").await;
    app.wait_text("[data-testid=preview]", |t| !t.contains("Quokka clause added")).await;
    app.chord(&[CTRL], 'z').await;
    app.wait_text("[data-testid=review-open]", |t| t == "1 open").await;
    app.wait_text("[data-testid=preview]", |t| t.contains("Quokka clause added")).await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_right_after_a_keystroke_keeps_the_text() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    app.type_at_end_of_section(1, " Lynx").await;
    // Close at once, as the title bar's button does: the window waits for the UI to save what
    // is pending, then the app ends by itself.
    let pid = app.close_like_a_user().await;
    assert!(wait_exit(pid, Duration::from_secs(15)).await, "the app ended after its window closed");
    let dir = app.close().await;
    let app = App::launch_in(dir).await;
    app.wait_text("[data-testid=preview]", |t| t.contains("Lynx")).await;
    app.close().await;
}

/// WebKit's page process can end on its own (a crash): the app loads its page again rather
/// than leave a blank window, and what was typed just before is kept. (WebDriver's session ends
/// with the page, so the new page is seen as a new page process, and the text after a relaunch.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_is_loaded_again_when_its_process_ends_and_the_typed_text_is_kept() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    app.type_at_end_of_section(1, " Ocelot").await;
    // The preview is drawn by the app from what it was handed: the word has left the page.
    app.wait_text("[data-testid=preview]", |t| t.contains("Ocelot")).await;
    let pid = app.app_pid().expect("the app's process");
    let ended = page_processes(pid);
    assert!(!ended.is_empty(), "the app runs its page in a WebKitWebProcess");
    for page in &ended {
        let _ = std::process::Command::new("kill").args(["-KILL", &page.to_string()]).status();
    }
    let started = std::time::Instant::now();
    while !page_processes(pid).iter().any(|p| !ended.contains(p)) {
        assert!(started.elapsed() < Duration::from_secs(15), "no new page process: the window stayed blank");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(app.app_pid().is_some(), "the app itself kept running");
    let dir = app.close().await;
    let app = App::launch_in(dir).await;
    app.wait_text("[data-testid=preview]", |t| t.contains("Ocelot")).await;
    app.close().await;
}

/// A tiny deterministic generator, seeded per run (the seed is printed, and
/// `CLAUSEWRIGHT_E2E_SEED` replays it).
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("CLAUSEWRIGHT_E2E_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(7)
        });
        eprintln!("seed: {seed} (set CLAUSEWRIGHT_E2E_SEED to replay)");
        Rng(seed | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// Types a word and closes the window 0–50 ms later, many times over: every keystroke of
/// every round is in the workspace afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_then_closing_at_random_moments_loses_nothing() {
    if !enabled() {
        return;
    }
    const ROUNDS: usize = 12;
    let mut rng = Rng::new();
    let mut dir = tempfile::tempdir().expect("temp dir");
    let mut typed = String::new();
    for round in 0..ROUNDS {
        let app = App::launch_in(dir).await;
        let word: String = (0..3 + rng.below(6)).map(|_| char::from(b'a' + rng.below(26) as u8)).collect();
        app.type_at_end_of_section(1, &format!(" {word}")).await;
        typed.push(' ');
        typed.push_str(&word);
        tokio::time::sleep(Duration::from_millis(rng.below(51))).await;
        let pid = app.close_like_a_user().await;
        assert!(wait_exit(pid, Duration::from_secs(15)).await, "round {round}: the app ended");
        dir = app.close().await;
        let store = clausewright_core::Store::open(&workspace_path(dir.path())).expect("open the workspace");
        let doc = store.document(store.documents().expect("documents")[0].id).expect("document");
        let body = &doc.sections[1].body;
        assert!(body.trim_end().ends_with(typed.as_str()), "round {round}: {typed:?} is not all there: ...{:?}", tail(body));
    }
}

fn tail(s: &str) -> &str {
    let cut = s.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    &s[cut..]
}

/// One app owns a workspace: launching it again on the same file hands over to the window
/// that is open, and the second process ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_launch_on_the_same_workspace_hands_over_to_the_first() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    let title = app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;
    let db = workspace_path(app.dir.path());
    let mut second = tokio::process::Command::new(clausewright_e2e::app_binary())
        .arg("--db")
        .arg(&db)
        .kill_on_drop(true)
        .spawn()
        .expect("second launch");
    let status = tokio::time::timeout(Duration::from_secs(20), second.wait()).await.expect("the second launch ends").expect("wait");
    assert!(status.success(), "the second launch exits cleanly: {status}");
    // The first window is still there and answers.
    assert_eq!(app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await, title);
    app.close().await;
}

/// The CLI may write while the app is open: the window shows it without being asked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_from_another_process_shows_up_in_the_window() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;
    let mut other = clausewright_core::Store::open(&workspace_path(app.dir.path())).expect("open the workspace");
    let doc = other.document(other.documents().expect("documents")[0].id).expect("document");
    other.rename_document(doc.id, doc.revision, "Renamed from the terminal").expect("rename");
    app.wait_text("[data-testid=doc-title]", |t| t == "Renamed from the terminal").await;
    app.wait_text("[data-testid=documents]", |t| t.contains("Renamed from the terminal")).await;
    app.close().await;
}

/// A small Word file in the shape counsel receives: a title, heading styles, a list.
fn word_policy() -> Vec<u8> {
    use std::io::Write;
    let p = |style: &str, text: &str| {
        let ppr = if style.is_empty() { String::new() } else { format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#) };
        format!(r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    };
    let body = [
        p("Title", "Lantern Maps Privacy Policy"),
        p("", "Last updated: 12 October 2026"),
        p("Heading1", "1. What We Collect"),
        p("", "Your email address and the places you save."),
        p("Heading1", "2. How Long We Keep It"),
        p("", "We keep saved places until you delete them."),
        p("Heading1", "3. Contact"),
        p("", "Write to privacy@lantern.example."),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let styles = r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, text) in [("word/document.xml", document.as_str()), ("word/styles.xml", styles)] {
        zip.start_file(path, zip::write::SimpleFileOptions::default()).expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_word_policy_is_imported_checked_and_opened_as_sections() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("Lantern policy.docx");
    std::fs::write(&file, word_policy()).expect("fixture");
    let file = file.to_string_lossy().into_owned();
    let app = App::launch_with(dir, &["--answer-open", &file]).await;
    app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;

    // Ctrl+O reads the file and shows what it would become; nothing is written yet.
    app.chord(&[CTRL], 'o').await;
    app.find("[data-testid=import-dialog]").await;
    let title = app.find("[data-testid=import-title]").await.prop("value").await.expect("title").unwrap_or_default();
    assert_eq!(title, "Lantern Maps Privacy Policy");
    let headings = import_headings(&app).await;
    assert_eq!(headings, ["Preamble", "What We Collect", "How Long We Keep It", "Contact"]);
    let facts = app.wait_text("[data-testid=import-facts]", |t| !t.is_empty()).await;
    assert!(facts.contains("Effective date") && facts.contains("Privacy email"), "{facts}");
    app.screenshot("import-dialog").await;

    // Merge "Contact" into the section above, then import.
    let merges = app.find_all("[data-testid=import-merge]").await;
    merges.last().expect("a merge button").click().await.expect("merge");
    assert_eq!(app.find_all("[data-testid=import-heading]").await.len(), 3);
    app.find("[data-testid=import-confirm]").await.click().await.expect("import");
    app.wait_text(".statusbar", |t| t.contains("Imported “Lantern policy.docx” as a new document with 3 sections")).await;
    assert_eq!(app.wait_text("[data-testid=doc-title]", |t| t.contains("Lantern")).await, "Lantern Maps Privacy Policy");
    assert_eq!(outline_headings(&app).await, ["Preamble", "What We Collect", "How Long We Keep It"]);
    app.screenshot("imported-document").await;
    app.close().await;
}

/// A client's live policy saved from the browser: the site's menus and footer have more
/// headings than the policy has sections, and the policy numbers its own.
const SAVED_PAGE: &str = r#"<!DOCTYPE html><html><head><title>Privacy | Wren AI</title></head><body>
<header><nav><h2>Products</h2><a href="/chat">Wren Chat</a><a href="/api">API</a><h2>Company</h2><a href="/about">About</a><a href="/careers">Careers</a></nav></header>
<div class="cookie-banner"><h3>Cookies on this site</h3><p>We use cookies. Accept all or manage them.</p></div>
<main><h1>Wren AI Privacy Policy</h1><p>Effective 1 October 2026.</p>
<h2>1. What we collect</h2><p>Your prompts, the replies and your account email.</p>
<h2>2. How we use it</h2><p>To answer you and to keep the service safe.</p>
<h2>3. Your rights</h2><p>Ask for a copy, a correction or deletion at any time.</p>
<h2>4. Contact</h2><p>privacy@wren.example</p></main>
<footer><h4>Legal</h4><a href="/terms">Terms</a><h4>Social</h4><a href="https://x.example/wren">X</a><p>© 2026 Wren AI</p></footer></body></html>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_web_page_imports_as_its_policys_sections_and_says_what_it_left_out() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("Wren privacy.html");
    std::fs::write(&file, SAVED_PAGE).expect("fixture");
    let file = file.to_string_lossy().into_owned();
    let app = App::launch_with(dir, &["--answer-open", &file]).await;
    app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;

    app.chord(&[CTRL], 'o').await;
    app.find("[data-testid=import-dialog]").await;
    let title = app.find("[data-testid=import-title]").await.prop("value").await.expect("title").unwrap_or_default();
    assert_eq!(title, "Wren AI Privacy Policy");
    let headings = import_headings(&app).await;
    assert_eq!(headings, ["Preamble", "What we collect", "How we use it", "Your rights", "Contact"]);
    // What was dropped on purpose is said, above the sections, where it is read first.
    let notes = app.wait_text("[data-testid=import-notes]", |t| !t.is_empty()).await;
    assert!(notes.contains("Section numbers were taken off 4 headings"), "{notes}");
    assert!(notes.contains("menus, header, footer"), "{notes}");
    let note_box = &app.rects("[data-testid=import-notes]").await[0];
    let sections = &app.rects("[data-testid=import-sections]").await[0];
    assert!(note_box.bottom() <= sections.y && note_box.h > 20.0, "notes above the sections: {} {}", note_box.bottom(), sections.y);
    let dialog = app.find("[data-testid=import-dialog]").await.text().await.expect("dialog text");
    for chrome in ["Careers", "Accept all", "Social"] {
        assert!(!dialog.contains(chrome), "the site's {chrome} came in");
    }
    app.screenshot("import-web-page").await;

    app.find("[data-testid=import-confirm]").await.click().await.expect("import");
    app.wait_text(".statusbar", |t| t.contains("with 5 sections")).await;
    assert_eq!(outline_headings(&app).await, ["Preamble", "What we collect", "How we use it", "Your rights", "Contact"]);
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_exported_as_pdf_imports_back_as_its_sections() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("exports");
    std::fs::create_dir_all(&out).expect("exports folder");
    // The sample document is called "Privacy Policy"; its PDF is what the open dialog picks.
    let pdf = out.join("Privacy Policy.pdf");
    let (out_arg, pdf_arg) = (out.to_string_lossy().into_owned(), pdf.to_string_lossy().into_owned());
    let app = App::launch_with(dir, &["--answer-save-dir", &out_arg, "--answer-open", &pdf_arg]).await;
    assert_eq!(app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await, "Privacy Policy");
    let outline = outline_headings(&app).await;

    app.chord(&[CTRL], 'e').await;
    app.find("[data-testid=export-dialog]").await;
    app.find("[data-testid=export-format-pdf]").await.click().await.expect("pdf");
    app.find("[data-testid=export-submit]").await.click().await.expect("export");
    app.wait_text(".statusbar", |t| t.contains("Exported to")).await;
    assert!(std::fs::read(&pdf).expect("the PDF").starts_with(b"%PDF-"));

    // Ctrl+O reads the PDF: its title, and its top-level sections in the document's order.
    app.chord(&[CTRL], 'o').await;
    app.find("[data-testid=import-dialog]").await;
    let title = app.find("[data-testid=import-title]").await.prop("value").await.expect("title").unwrap_or_default();
    assert_eq!(title, "Privacy Policy");
    let headings = import_headings(&app).await;
    let sections: Vec<&String> = headings.iter().filter(|h| *h != "Preamble").collect();
    assert!(sections.len() >= 10, "{headings:?}");
    let mut rest = outline.iter();
    for h in &sections {
        assert!(rest.any(|o| o == *h), "{h} is not a heading of the document, in order: {headings:?} / {outline:?}");
    }
    let notes = app.wait_text("[data-testid=import-notes]", |t| !t.is_empty()).await;
    assert!(notes.contains("table of contents") && notes.contains("Section numbers were taken off"), "{notes}");
    app.screenshot("import-pdf").await;
    app.find("[data-testid=import-confirm]").await.click().await.expect("import");
    app.wait_text(".statusbar", |t| t.contains("Imported “Privacy Policy.pdf”")).await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_facts_offer_the_matching_variant_and_using_it_is_undone_with_ctrl_z() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;
    let headings = outline_headings(&app).await;
    let at = headings.iter().position(|h| h == "Training AI models").expect("the starter says whether it trains");

    // The facts now say content trains models unless the user opts out.
    app.find("[data-testid=tab-facts]").await.click().await.expect("facts");
    // A native drop-down's list is a GTK pop-up WebDriver cannot click: choose as it would.
    app.find("[data-testid=field-trains_on_user_content]").await;
    app.client
        .execute(
            "const s = document.querySelector('[data-testid=field-trains_on_user_content]'); s.value = 'opt-out'; s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .expect("choose opt-out");
    app.find("[data-testid=tab-sections]").await.click().await.expect("sections tab");
    app.find_all("[data-testid=outline] [data-item]").await[at].click().await.expect("select the training section");
    let note = app.wait_text("[data-testid=variant-advice]", |t| !t.is_empty()).await;
    assert_eq!(app.find_all("[data-testid=tag-variant]").await.len(), 1, "the outline marks the one section the facts disagree with");
    assert!(note.contains("Trains models on user content") && note.contains("opt-out"), "{note}");
    let before = app.find("[data-testid=section-view]").await.text().await.expect("section");
    assert!(before.contains("ai-training.we-do-not-train"), "{before}");
    app.screenshot("variant-advice").await;

    app.find("[data-testid=use-variant]").await.click().await.expect("use it");
    let after = app.wait_text("[data-testid=section-view]", |t| t.contains("ai-training.opt-out")).await;
    assert!(!after.contains("written for other facts"), "advice about the old clause is not shown on the new one: {after}");
    assert!(after.contains("Unless you switch it off"), "the variant's text: {after}");
    assert_eq!(outline_headings(&app).await.len(), headings.len(), "in the same place");

    // Ctrl+Z brings the clause back (and with it the advice).
    app.find_all("[data-testid=outline] [data-item]").await[at].click().await.expect("focus the section in the outline");
    app.chord(&[CTRL], 'z').await;
    app.wait_text("[data-testid=section-view]", |t| t.contains("ai-training.we-do-not-train")).await;
    app.wait_text("[data-testid=variant-advice]", |t| t.contains("opt-out")).await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_is_exported_to_word_through_the_save_dialog() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("exports");
    std::fs::create_dir_all(&out).expect("exports folder");
    let out_arg = out.to_string_lossy().into_owned();
    let app = App::launch_with(dir, &["--answer-save-dir", &out_arg]).await;
    let title = app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;

    // Ctrl+E, Word, Export: the file is written where the save dialog said, and named.
    app.chord(&[CTRL], 'e').await;
    app.find("[data-testid=export-dialog]").await;
    app.find("[data-testid=export-format-docx]").await.click().await.expect("word");
    app.screenshot("export-dialog").await;
    app.find("[data-testid=export-submit]").await.click().await.expect("export");
    let file = out.join(format!("{title}.docx"));
    let status = app.wait_text(".statusbar", |t| t.contains("Exported to")).await;
    assert!(status.contains(&file.display().to_string()), "{status}");
    let xml = word_document_xml(&file);
    assert!(xml.contains(r#"<w:pStyle w:val="Title" />"#) || xml.contains(r#"<w:pStyle w:val="Title"/>"#), "a Title paragraph");
    assert!(xml.contains(&title), "the document's title");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counsel_compares_the_draft_with_a_clients_file_and_exports_the_redline() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let client = dir.path().join("client.md");
    // Shaped as published policies are: setext headings, escaped numbers, bold, a link.
    std::fs::write(
        &client,
        "Privacy Policy\n==============\n\n1\\. Who We Are\n---------------\n\n**Quokka Labs** runs this service. See [our terms](https://quokka.example/terms).\n",
    )
    .expect("client file");
    let out = dir.path().join("exports");
    std::fs::create_dir_all(&out).expect("exports folder");
    let (client_arg, out_arg) = (client.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    let app = App::launch_with(dir, &["--answer-open", &client_arg, "--answer-save-dir", &out_arg]).await;
    app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;

    app.find("[data-testid=tab-versions]").await.click().await.expect("versions tab");
    app.find("[data-testid=compare-file-draft]").await.click().await.expect("compare with a file");
    app.wait_text("[data-testid=compare-view] .new-name", |t| t == "client.md").await;
    // The file reads as the document it makes, not as its Markdown source.
    let shown = app.wait_text("[data-testid=compare-rows]", |t| t.contains("Quokka Labs runs this service")).await;
    for markup in ["**", "](", "\\.", "==="] {
        assert!(!shown.contains(markup), "{markup:?} shows in the compare view: {shown}");
    }
    let bold = app.find("[data-testid=compare-rows] [data-testid=compare-new] .b").await.text().await.expect("bold text");
    assert_eq!(bold, "Quokka Labs");
    app.screenshot("compare-file-formatted").await;
    // Show source: the Markdown as it is in the file; again, and the document comes back.
    app.find("[data-testid=show-source]").await.click().await.expect("show source");
    app.wait_text("[data-testid=compare-rows]", |t| t.contains("**Quokka Labs**")).await;
    app.screenshot("compare-file-source").await;
    app.find("[data-testid=show-source]").await.click().await.expect("hide source");
    app.wait_text("[data-testid=compare-rows]", |t| !t.contains("**Quokka Labs**")).await;
    // Changing an option compares the same file again, still named after it.
    app.find("[data-testid=compare-view] .controls input[type=checkbox]").await.click().await.expect("ignore spacing");
    app.wait_text("[data-testid=compare-view] .new-name", |t| t == "client.md").await;

    app.find("[data-testid=export-redline]").await.click().await.expect("export redline");
    let sides = app.wait_text("[data-testid=export-sides]", |t| !t.is_empty()).await;
    assert!(sides.contains("Working draft") && sides.contains("client.md"), "{sides}");
    app.find("[data-testid=export-redline-docx]").await.click().await.expect("word");
    app.screenshot("export-redline-with-file").await;
    app.find("[data-testid=export-submit]").await.click().await.expect("export");
    app.wait_text(".statusbar", |t| t.contains("Exported to")).await;

    let written: Vec<_> = std::fs::read_dir(&out).expect("exports").flatten().map(|e| e.path()).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let xml = word_document_xml(&written[0]);
    assert!(xml.contains("<w:ins ") && xml.contains("<w:delText"), "tracked insertions and deletions");
    assert!(xml.contains("Quokka"), "the file's words");
    app.close().await;
}

/// The body of a Word file the app wrote.
fn word_document_xml(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).expect("the written file");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a Word file is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("document part"), &mut xml).expect("read");
    xml
}

/// Backups from the window: back up now, change something, restore, and the change is gone
/// while the state before the restore is itself kept as a backup.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_made_in_the_window_is_restored_there() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    let title = app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;
    app.find("[data-testid=backups-button]").await.click().await.expect("Backups…");
    app.find("[data-testid=backups-dialog]").await;
    app.find("[data-testid=backup-create]").await.click().await.expect("Back up now");
    app.wait_text("[data-testid=backups-dialog]", |t| t.contains("Made by you")).await;
    assert_eq!(app.find_all("[data-testid=backup-row]").await.len(), 1);
    app.screenshot("backups-dialog").await;
    // Escape closes it, although "Back up now" took the focus with it while it worked.
    app.chord(&[], ESCAPE).await;
    app.wait_gone("[data-testid=backups-dialog]").await;

    // A change after the backup: words typed into a section.
    app.type_at_end_of_section(1, " Typed after the backup.").await;
    app.wait_text("[data-testid=save-status]", |t| t.starts_with("Saved")).await;
    app.wait_text("[data-testid=preview]", |t| t.contains("Typed after the backup")).await;

    app.find("[data-testid=backups-button]").await.click().await.expect("Backups…");
    app.find("[data-testid=backup-restore]").await.click().await.expect("Restore…");
    app.find("[data-testid=backup-confirm]").await.click().await.expect("confirm");
    app.wait_text("[data-testid=preview]", |t| !t.contains("Typed after the backup")).await;
    assert_eq!(app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await, title);
    // The state the restore replaced is a backup of its own.
    app.find("[data-testid=backups-button]").await.click().await.expect("Backups…");
    let rows = app.find_all("[data-testid=backup-row]").await;
    assert_eq!(rows.len(), 2, "the manual backup and the one made before restoring");
    app.close().await;
}

/// F2 renames the open document in place (the old title selected, as file managers do); Enter
/// keeps the new title everywhere it shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f2_renames_the_document_in_place() {
    if !enabled() {
        return;
    }
    let app = App::launch().await;
    app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;
    app.find("[data-testid=preview]").await.click().await.expect("focus outside any field");
    app.chord(&[], F2).await;
    app.find("[data-testid=rename-input]").await;
    // The old title is selected, so typing replaces it.
    app.type_keys("Lantern Maps Privacy Notice\u{E007}").await;
    app.wait_text("[data-testid=doc-title]", |t| t == "Lantern Maps Privacy Notice").await;
    app.wait_text("[data-testid=documents]", |t| t.contains("Lantern Maps Privacy Notice")).await;
    app.close().await;
}

/// The Checks tab: a required disclosure the policy no longer makes shows as missing, and "Add"
/// puts the clause that makes it back where it belongs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_disclosure_is_added_from_the_checks_tab() {
    if !enabled() {
        return;
    }
    const DELETE: char = '\u{E017}';
    let app = App::launch().await;
    app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;

    // Remove the complaints section: the right to complain to an authority is no longer stated.
    let headings = outline_headings(&app).await;
    let at = headings.iter().position(|h| h == "Complaints").expect("the starter has a Complaints section");
    let count = headings.len();
    let row = app.find_all("[data-testid=outline] [data-item]").await.remove(at);
    row.click().await.expect("select Complaints");
    row.send_keys(&DELETE.to_string()).await.expect("Delete");
    app.wait_text("[data-testid=outline]", |_| true).await;
    for _ in 0..50 {
        if outline_headings(&app).await.len() == count - 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!outline_headings(&app).await.contains(&"Complaints".to_owned()), "the section is gone");

    app.find("[data-testid=tab-checks]").await.click().await.expect("Checks tab");
    let missing = "[data-testid=check-requirement][data-id='gdpr.complaint'][data-status=missing]";
    let row = app.wait_text(missing, |t| !t.is_empty()).await;
    assert!(row.to_lowercase().contains("complain"), "{row}");
    let panel = app.wait_text("[data-testid=checks-panel]", |t| t.contains("not legal advice")).await;
    assert!(panel.contains("EU and EEA"), "grouped by jurisdiction: {panel}");
    let badge = app.wait_text("[data-testid=checks-count]", |t| !t.is_empty()).await;
    assert!(badge.parse::<u32>().expect("a count") >= 1, "{badge}");
    // The panel sits in the middle pane, beside the preview, and does not cover it.
    let panel_box = app.rects("[data-testid=checks-panel]").await[0];
    let preview = app.rects("[data-testid=preview]").await[0];
    assert!(panel_box.right() <= preview.x + 1.0, "the checks beside the preview: {panel_box:?} {preview:?}");
    app.screenshot("checks-missing").await;

    app.find(&format!("{missing} [data-testid=check-add]")).await.click().await.expect("Add");
    app.wait_text("[data-testid=save-status]", |t| t.starts_with("Saved")).await;
    let added = outline_headings(&app).await;
    assert_eq!(added.len(), count, "one section added back: {added:?}");
    app.find("[data-testid=tab-checks]").await.click().await.expect("Checks tab again");
    // Present rows sit folded under "N present": found, though not shown.
    app.wait_text("[data-testid=check-requirement][data-id='gdpr.complaint'][data-status=present]", |_| true).await;
    app.screenshot("checks-added").await;

    // A finding's quote jumps to its section, and the preview marks the sentence it quotes.
    let quote = app.find("[data-testid=check-finding] .quote").await;
    let quoted = quote.text().await.expect("quote");
    quote.click().await.expect("jump to the quote");
    app.find("[data-testid=preview] section.current").await;
    let marked = app
        .client
        .execute("const h = globalThis.CSS && CSS.highlights && CSS.highlights.get('cw-found'); if (h) { for (const r of h) return r.toString(); } return String(getSelection());", vec![])
        .await
        .expect("read the mark");
    let marked = marked.as_str().unwrap_or_default().to_owned();
    assert!(!marked.trim().is_empty(), "a sentence is marked in the preview for {quoted}");
    let words: Vec<&str> = marked.split_whitespace().collect();
    assert!(words.iter().all(|w| quoted.contains(w.trim_matches(|c: char| !c.is_alphanumeric()))), "the mark {marked:?} is from the quote {quoted:?}");
    app.screenshot("checks-quote-in-preview").await;
    app.close().await;
}

/// Counsel's Word round trip in the window: the redline goes out, comes back from Word with
/// two authors' tracked changes and a comment, is imported as a review, one change is
/// accepted, one rejected (with the R key), and the draft holds exactly the accepted one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redline_comes_back_from_word_and_its_changes_are_accepted_or_rejected() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("exports");
    std::fs::create_dir_all(&out).expect("exports folder");
    let back = dir.path().join("back from counsel.docx");
    let (out_arg, back_arg) = (out.to_string_lossy().into_owned(), back.to_string_lossy().into_owned());
    let app = App::launch_with(dir, &["--answer-save-dir", &out_arg, "--answer-open", &back_arg]).await;
    app.wait_text("[data-testid=doc-title]", |t| !t.is_empty()).await;

    // Version 1 goes to counsel; then an edit of ours, and the redline of the two in Word.
    app.chord(&[CTRL, SHIFT], 's').await;
    app.find("[data-testid=version-author]").await.send_keys("Dana Founder").await.expect("author");
    app.find("[data-testid=version-label]").await.send_keys("Sent to counsel").await.expect("label");
    app.find("[data-testid=save-version-submit]").await.click().await.expect("save v1");
    app.wait_text(".statusbar", |t| t.contains("Saved version 1")).await;
    app.type_at_end_of_section(2, " Quokka clause added.").await;
    app.wait_text("[data-testid=save-status]", |t| t.starts_with("Saved")).await;
    app.find("[data-testid=tab-versions]").await.click().await.expect("versions tab");
    app.find("[data-testid=compare-draft-1]").await.click().await.expect("compare");
    app.find("[data-testid=export-redline]").await.click().await.expect("export redline");
    app.find("[data-testid=export-redline-docx]").await.click().await.expect("word");
    app.find("[data-testid=export-submit]").await.click().await.expect("export");
    app.wait_text(".statusbar", |t| t.contains("Exported to")).await;
    app.find("[data-testid=compare-view] header button[title^=Close]").await.click().await.expect("close compare");
    let redline: Vec<_> = std::fs::read_dir(&out).expect("exports").flatten().map(|e| e.path()).collect();
    assert_eq!(redline.len(), 1, "{redline:?}");

    // Counsel's Word: Ruth replaces words (and comments on them), Sam adds a sentence.
    let mut edits = WordEdits::open(&redline[0]);
    edits.track("at least once a year", "twice a year", "Ruth Counsel", Some("Twice a year is what we told the regulator."));
    edits.track("No law requires you to give us personal information.", "No law requires you to give us personal information, and you may stop at any time.", "Sam Associate", None);
    edits.save(&back);

    app.find("[data-testid=tab-review]").await.click().await.expect("review tab");
    app.find("[data-testid=import-review]").await.click().await.expect("import review");
    app.wait_text("[data-testid=review-open]", |t| t == "3 open").await;
    let cards: Vec<String> = {
        let mut v = Vec::new();
        for c in app.find_all("[data-testid=proposal]").await {
            v.push(c.text().await.expect("proposal"));
        }
        v
    };
    assert!(cards[0].contains("Ruth Counsel") && cards[0].contains("at least once") && cards[0].contains("twice"), "{cards:?}");
    assert!(cards[1].contains("Sam Associate") && cards[1].contains("you may stop at any time"), "{cards:?}");
    assert!(cards[2].contains("Comment") && cards[2].contains("Twice a year is what we told the regulator."), "{cards:?}");
    assert!(!cards.iter().any(|c| c.contains("Quokka")), "our own change is not a proposal: {cards:?}");
    assert_eq!(app.find("[data-testid=review-count]").await.text().await.expect("count"), "3");
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid=review-unplaced]")).await.is_err(), "everything was placed");
    app.screenshot("review-imported").await;

    // Accept Ruth's with the button; Sam's is selected next and R rejects it.
    app.find_all("[data-testid=proposal] [data-testid=accept]").await[0].click().await.expect("accept");
    app.wait_text("[data-testid=review-open]", |t| t == "2 open").await;
    app.client.execute("document.querySelector('[data-testid=proposals]').focus();", vec![]).await.expect("focus the list");
    app.type_keys("r").await;
    app.wait_text("[data-testid=review-open]", |t| t == "1 open").await;
    app.find("[data-testid=show-decided]").await.click().await.expect("show decided");
    let statuses = app.wait_text("[data-testid=proposals]", |t| t.contains("ACCEPTED") || t.contains("accepted")).await;
    assert!(statuses.to_lowercase().contains("rejected"), "{statuses}");
    app.screenshot("review-decided").await;

    // The draft: Ruth's words in, Sam's sentence out, our own edit kept; Ruth's comment beside
    // its section.
    app.find("[data-testid=tab-sections]").await.click().await.expect("sections");
    app.find_all("[data-testid=outline] [data-item]").await[0].click().await.expect("first section");
    let first = app.wait_text("[data-testid=section-view] .cm-content", |t| t.contains("twice a year")).await;
    assert!(!first.contains("at least once a year"), "{first}");
    let provenance = app.find("[data-testid=section-view] .provenance").await.text().await.expect("provenance");
    assert!(provenance.contains("edited") && !provenance.contains("written in this document"), "still the library's clause, edited: {provenance}");
    let margin = app.find("[data-testid=comment-margin]").await.text().await.expect("margin");
    assert!(margin.contains("Ruth Counsel") && margin.contains("twice a year") && !margin.contains("text changed"), "the comment follows its words to those that replaced them: {margin}");
    let margin_box = app.rects("[data-testid=comment-margin]").await[0];
    let editor_box = app.rects("[data-testid=section-view] .cm-editor").await[0];
    assert!(margin_box.x >= editor_box.right() - 1.0 && (margin_box.y - editor_box.y).abs() < 40.0, "the margin is beside the text: {margin_box:?} {editor_box:?}");
    app.screenshot("review-comment-margin").await;
    app.find_all("[data-testid=outline] [data-item]").await[2].click().await.expect("our section");
    app.wait_text("[data-testid=section-view]", |t| t.contains("Quokka clause added.")).await;
    app.find_all("[data-testid=outline] [data-item]").await[7].click().await.expect("Sam's section");
    let seventh = app.wait_text("[data-testid=section-view] .cm-content", |t| t.starts_with("No law requires")).await;
    assert!(!seventh.contains("you may stop at any time"), "{seventh}");

    // A comment of our own: select the last words typed, Ctrl+Alt+M, write, Ctrl+Enter.
    let editor = app.find("[data-testid=section-view] .cm-content").await;
    editor.click().await.expect("focus");
    app.chord(&[CTRL], END).await;
    app.chord(&[SHIFT], HOME).await;
    app.chord(&[CTRL, ALT], 'm').await;
    app.find("[data-testid=comment-text]").await.send_keys("Is this still true?").await.expect("comment");
    app.chord(&[CTRL], '\u{E007}').await; // Ctrl+Enter
    app.wait_text("[data-testid=comment-margin]", |t| t.contains("Is this still true?")).await;
    app.screenshot("comment-added").await;
    app.close().await;
}

/// A Word file edited the way Word writes tracked changes and comments.
struct WordEdits {
    parts: Vec<(String, Vec<u8>)>,
    next_id: u32,
}

impl WordEdits {
    fn open(path: &std::path::Path) -> WordEdits {
        let bytes = std::fs::read(path).expect("the redline");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let parts = (0..zip.len())
            .map(|i| {
                let mut entry = zip.by_index(i).expect("entry");
                let mut data = Vec::new();
                std::io::Read::read_to_end(&mut entry, &mut data).expect("read");
                (entry.name().to_owned(), data)
            })
            .collect();
        WordEdits { parts, next_id: 500 }
    }

    fn part(&mut self, name: &str) -> &mut Vec<u8> {
        if !self.parts.iter().any(|(n, _)| n == name) {
            self.parts.push((name.to_owned(), Vec::new()));
        }
        &mut self.parts.iter_mut().find(|(n, _)| n == name).expect("part").1
    }

    /// `old` (inside one run of the text) replaced by `new` as one tracked deletion and
    /// insertion by `author`, with an optional comment over both.
    fn track(&mut self, old: &str, new: &str, author: &str, comment: Option<&str>) {
        let date = "2026-12-01T16:40:00Z";
        let (d, i, c) = (self.next_id, self.next_id + 1, self.next_id + 2);
        self.next_id += 3;
        let doc = String::from_utf8(self.part("word/document.xml").clone()).expect("xml");
        let at = doc.find(old).unwrap_or_else(|| panic!("“{old}” is in one run"));
        let run_start = doc[..at].rfind("<w:r>").expect("its run");
        let run_end = at + doc[at..].find("</w:r>").expect("run end") + "</w:r>".len();
        let text_start = doc[..at].rfind('>').expect("text element") + 1;
        let text_end = at + doc[at..].find("</w:t>").expect("text end");
        let run = |t: &str| if t.is_empty() { String::new() } else { format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#) };
        let (before, after) = (&doc[text_start..at], &doc[at + old.len()..text_end]);
        let (open, close) = match comment {
            Some(_) => (format!(r#"<w:commentRangeStart w:id="{c}"/>"#), format!(r#"<w:commentRangeEnd w:id="{c}"/><w:r><w:commentReference w:id="{c}"/></w:r>"#)),
            None => (String::new(), String::new()),
        };
        let edited = format!(
            r#"{}{open}<w:del w:id="{d}" w:author="{author}" w:date="{date}"><w:r><w:delText xml:space="preserve">{old}</w:delText></w:r></w:del><w:ins w:id="{i}" w:author="{author}" w:date="{date}"><w:r><w:t xml:space="preserve">{new}</w:t></w:r></w:ins>{close}{}"#,
            run(before),
            run(after)
        );
        let doc = format!("{}{edited}{}", &doc[..run_start], &doc[run_end..]);
        *self.part("word/document.xml") = doc.into_bytes();
        if let Some(text) = comment {
            let xml = String::from_utf8(self.part("word/comments.xml").clone()).expect("xml");
            let xml = match xml.trim_end().strip_suffix("/>") {
                Some(open) if !xml.contains("</w:comments>") => format!("{open}></w:comments>"),
                _ if xml.is_empty() => r#"<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"></w:comments>"#.to_owned(),
                _ => xml,
            };
            let comment = format!(r#"<w:comment w:id="{c}" w:author="{author}" w:date="{date}" w:initials="RC"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>"#);
            *self.part("word/comments.xml") = xml.replace("</w:comments>", &format!("{comment}</w:comments>")).into_bytes();
        }
    }

    fn save(&self, path: &std::path::Path) {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
        for (name, data) in &self.parts {
            zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("entry");
            std::io::Write::write_all(&mut zip, data).expect("write");
        }
        zip.finish().expect("finish");
    }
}
