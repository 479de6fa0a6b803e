//! The desktop app: a window over clausewright-core. Each command extracts its arguments,
//! calls one core function and returns its typed error as `{kind, message}`.

mod commands;
mod dialogs;
mod lifecycle;
mod staging;

use clausewright_core::{Error, ErrorPayload, Store, store};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::Manager;

/// The open workspace, or why it could not be opened (shown to the user by the UI).
pub struct Workspace {
    store: Mutex<Result<Store, ErrorPayload>>,
    /// A read-only second connection (`Store::reader`) for the long reads commands run off the
    /// window's thread. Commands on the window's thread wait for `store`: a keystroke's save
    /// waiting seconds behind a PDF export would freeze the window.
    reader: Mutex<Option<Store>>,
}

impl Workspace {
    pub fn new(opened: Result<Store, ErrorPayload>) -> Workspace {
        Workspace { store: Mutex::new(opened), reader: Mutex::new(None) }
    }

    /// Runs one core call on the open store; errors leave as `{kind, message}`.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, Error>) -> Result<T, ErrorPayload> {
        let mut guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store).map_err(|e| e.payload()),
            Err(e) => Err(e.clone()),
        }
    }

    /// Runs one core call that only reads, and may take long, on the reader connection (on the
    /// store itself when no second connection can be opened).
    pub fn read<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, Error>) -> Result<T, ErrorPayload> {
        let mut reader = self.reader.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if reader.is_none() {
            *reader = self.with(|s| s.reader()).ok();
        }
        match reader.as_mut() {
            Some(store) => f(store).map_err(|e| e.payload()),
            None => self.with(f),
        }
    }
}

/// A path flag from the command line, as `--name PATH` or `--name=PATH` (`--db` as in the CLI).
fn flag(name: &str) -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    let prefix = format!("{name}=");
    while let Some(arg) = args.next() {
        if arg == name {
            return args.next().map(PathBuf::from);
        }
        if let Some(p) = arg.to_str().and_then(|a| a.strip_prefix(prefix.as_str())) {
            return Some(PathBuf::from(p));
        }
    }
    None
}

/// Only the app's own pages may load in the window (security S5).
fn is_app_url(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// The D-Bus name that makes one app the owner of one workspace file (D6): a second launch on
/// the same file hands over to the first, while another workspace may open beside it.
fn instance_id(workspace: &std::path::Path) -> String {
    let path = std::fs::canonicalize(workspace).unwrap_or_else(|_| workspace.to_owned());
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    let hash = path.as_os_str().as_encoded_bytes().iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("app.clausewright.desktop.w{hash:016x}")
}

/// Brings the window forward (a second launch on the same workspace asked for it).
fn focus_main(app: &tauri::AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

pub fn run() {
    let path = store::resolve_path(flag("--db"));
    let instance = path.as_ref().map(|p| instance_id(p)).unwrap_or_else(|_| "app.clausewright.desktop".into());
    let guard = tauri::plugin::Builder::<tauri::Wry>::new("navigation-guard")
        .on_navigation(|_webview, url| {
            let allowed = is_app_url(url);
            if !allowed {
                eprintln!("clausewright: refused to navigate to {url}");
            }
            allowed
        })
        .build();
    let app = tauri::Builder::default()
        // First, so a second launch on the same workspace exits before anything else starts.
        .plugin(tauri_plugin_single_instance::Builder::new().dbus_id(instance).callback(|app, _, _| focus_main(app)).build())
        .plugin(guard)
        // Used from Rust only (see dialogs.rs); the UI gets no dialog or fs permission.
        .plugin(tauri_plugin_dialog::init())
        .manage(staging::Staged::default())
        .manage(commands::ComparedFile::default())
        .manage(lifecycle::Events::default())
        .on_window_event(lifecycle::on_window_event)
        .invoke_handler(tauri::generate_handler![
            commands::workspace_info,
            commands::list_topics,
            commands::list_clauses,
            commands::clause_preview,
            commands::list_documents,
            commands::get_document,
            commands::document_preview,
            commands::search_clauses,
            commands::get_clause,
            commands::clause_revisions,
            commands::list_variables,
            commands::list_requirements,
            commands::create_clause,
            commands::update_clause,
            commands::duplicate_clause,
            commands::delete_clause,
            commands::restore_clause,
            commands::list_trash,
            commands::list_templates,
            commands::create_document,
            commands::rename_document,
            commands::duplicate_document,
            commands::delete_document,
            commands::restore_document,
            commands::list_document_trash,
            commands::add_section,
            commands::add_blank_section,
            commands::move_section,
            commands::remove_section,
            commands::update_section,
            commands::take_clause_update,
            commands::variant_advice,
            commands::use_variant,
            commands::set_profile_value,
            commands::restore_content,
            commands::preview_draft,
            staging::stage_section_edit,
            lifecycle::app_events,
            lifecycle::close_ready,
            commands::get_author,
            commands::set_author,
            commands::save_version,
            commands::list_versions,
            commands::restore_version,
            commands::list_backups,
            commands::create_backup,
            commands::restore_backup,
            commands::compare,
            commands::compare_with_file,
            commands::import_pick,
            commands::import_commit,
            commands::export_document,
            commands::export_redline,
            commands::check_document,
            commands::review_versions,
            commands::review_word_file,
            commands::list_proposals,
            commands::decide_proposals,
            commands::list_comments,
            commands::add_comment,
            commands::reply_to_comment,
            commands::set_comment_resolved,
        ])
        // The workspace opens here, after the single-instance check: a second launch never
        // touches the file.
        .setup(move |app| {
            let opened = path.and_then(|p| Store::open(&p));
            if let Err(e) = &opened {
                eprintln!("clausewright: {e}");
            }
            app.manage(Workspace::new(opened.map_err(|e| e.payload())));
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.set_title("Clausewright");
            }
            lifecycle::end_with_webview(app.handle());
            lifecycle::reload_after_crash(app.handle());
            lifecycle::watch_workspace(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        // D2: whatever was typed last is written before the process ends, however the window
        // was closed.
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                staging::flush(handle);
            }
        }),
        Err(e) => {
            eprintln!("clausewright: the window could not start: {e}");
            std::process::exit(1);
        }
    }
}
