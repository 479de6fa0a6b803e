//! Native file dialogs, opened from Rust: the UI has no dialog or file-system permission, so a
//! path can only come from the user's own choice in a dialog (security I6).
//!
//! WebDriver cannot click a native dialog. The end-to-end tests start the app with
//! `--answer-open PATH` (every open dialog picks PATH) and `--answer-save-dir DIR` (every save
//! dialog accepts the suggested name in DIR); without them the real dialogs show.

use crate::flag;
use clausewright_core::{ErrorKind, ErrorPayload};
use std::path::PathBuf;
use tauri_plugin_dialog::DialogExt;

/// The file the user picked, or `None` if they cancelled.
pub async fn pick_file(app: tauri::AppHandle, title: &str, kinds: &str, extensions: &[&str]) -> Result<Option<PathBuf>, ErrorPayload> {
    if let Some(answer) = flag("--answer-open") {
        return Ok(Some(answer));
    }
    let (title, kinds) = (title.to_owned(), kinds.to_owned());
    let extensions: Vec<String> = extensions.iter().map(|e| e.to_string()).collect();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let ext: Vec<&str> = extensions.iter().map(String::as_str).collect();
        app.dialog().file().set_title(&title).add_filter(&kinds, &ext).blocking_pick_file()
    })
    .await
    .map_err(|e| ErrorPayload { kind: ErrorKind::Io, message: e.to_string() })?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

/// Where the user chose to save, starting from `suggested` (already a safe file name), or
/// `None` if they cancelled.
pub async fn save_file(app: tauri::AppHandle, title: &str, suggested: &str, kinds: &str, extension: &str) -> Result<Option<PathBuf>, ErrorPayload> {
    if let Some(dir) = flag("--answer-save-dir") {
        return Ok(Some(dir.join(suggested)));
    }
    let (title, suggested, kinds, extension) = (title.to_owned(), suggested.to_owned(), kinds.to_owned(), extension.to_owned());
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog().file().set_title(&title).set_file_name(&suggested).add_filter(&kinds, &[extension.as_str()]).blocking_save_file()
    })
    .await
    .map_err(|e| ErrorPayload { kind: ErrorKind::Io, message: e.to_string() })?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}
