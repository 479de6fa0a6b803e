//! The desktop app: a window over clausewright-core. Each command extracts its arguments,
//! calls one core function and returns its typed error as `{kind, message}`.

mod commands;
mod dialogs;
mod staging;

use clausewright_core::{Error, ErrorPayload, Store, store};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::Manager;

/// The open workspace, or why it could not be opened (shown to the user by the UI).
pub struct Workspace(Mutex<Result<Store, ErrorPayload>>);

impl Workspace {
    /// Runs one core call on the open store; errors leave as `{kind, message}`.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, Error>) -> Result<T, ErrorPayload> {
        let mut guard = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store).map_err(|e| e.payload()),
            Err(e) => Err(e.clone()),
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

pub fn run() {
    let opened = store::resolve_path(flag("--db")).and_then(|p| Store::open(&p));
    if let Err(e) = &opened {
        eprintln!("clausewright: {e}");
    }
    let opened = opened.map_err(|e| e.payload());
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
        .plugin(guard)
        // Used from Rust only (see dialogs.rs); the UI gets no dialog or fs permission.
        .plugin(tauri_plugin_dialog::init())
        .manage(Workspace(Mutex::new(opened)))
        .manage(staging::Staged::default())
        .manage(commands::ComparedFile::default())
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
            commands::set_profile_value,
            commands::restore_content,
            commands::preview_draft,
            staging::stage_section_edit,
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
        ])
        .setup(|app| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.set_title("Clausewright");
            }
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        // D2: whatever was typed last is written before the process ends, however the window
        // was closed.
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                staging::flush_on_exit(handle);
            }
        }),
        Err(e) => {
            eprintln!("clausewright: the window could not start: {e}");
            std::process::exit(1);
        }
    }
}
