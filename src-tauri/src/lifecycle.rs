//! The window's life. Closing waits for the UI to save what it holds (D2): a keystroke reaches
//! the UI before the close request does, so once the UI answers, nothing typed is still in
//! flight. Writes by another process (the CLI) are announced so the UI reloads (D6).

use crate::Workspace;
use clausewright_core::ErrorPayload;
use clausewright_core::domain::AppEvent;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State, Window, WindowEvent};

/// How long a close waits for the UI before the window goes anyway (a hung page must not
/// keep the window open; the staged text is still written on exit).
const CLOSE_WAIT: Duration = Duration::from_secs(5);
/// How often the workspace is checked for other processes' writes.
const WATCH_EVERY: Duration = Duration::from_millis(400);

#[derive(Default)]
pub struct Events {
    channel: Mutex<Option<Channel<AppEvent>>>,
    closing: AtomicBool,
}

impl Events {
    fn send(&self, event: AppEvent) -> bool {
        let channel = self.channel.lock().unwrap_or_else(|p| p.into_inner());
        channel.as_ref().is_some_and(|c| c.send(event).is_ok())
    }
}

/// The UI subscribes once at start to what the app tells it.
#[tauri::command]
pub fn app_events(events: State<'_, Events>, channel: Channel<AppEvent>) -> Result<(), ErrorPayload> {
    *events.channel.lock().unwrap_or_else(|p| p.into_inner()) = Some(channel);
    Ok(())
}

/// The UI saved everything it held: the window may go.
#[tauri::command]
pub fn close_ready(app: AppHandle) -> Result<(), ErrorPayload> {
    destroy_main(&app);
    Ok(())
}

fn destroy_main(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.destroy();
    }
}

/// A close request (title bar, Alt+F4, the window manager) first asks the UI to save.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else { return };
    let app = window.app_handle().clone();
    let events = app.state::<Events>();
    if events.closing.swap(true, Ordering::SeqCst) {
        api.prevent_close(); // already asked; the UI or the timeout will close it
        return;
    }
    if !events.send(AppEvent::CloseRequested) {
        return; // no UI listening: close now
    }
    api.prevent_close();
    std::thread::spawn(move || {
        std::thread::sleep(CLOSE_WAIT);
        eprintln!("clausewright: the window did not answer the close request in time; closing");
        destroy_main(&app);
    });
}

/// The page itself may close the webview (`window.close()`, or a WebDriver session ending).
/// WebKitGTK then destroys the webview but not its window; end the window too, so the app
/// exits the normal way (writing any staged text) instead of lingering with an empty window.
pub fn end_with_webview(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    if let Some(w) = app.get_webview_window("main") {
        let handle = app.clone();
        let _ = w.with_webview(move |webview| {
            use webkit2gtk::WebViewExt;
            // Queued, not run inside WebKit's signal handler.
            webview.inner().connect_close(move |_| {
                let app = handle.clone();
                let _ = handle.run_on_main_thread(move || destroy_main(&app));
            });
        });
    }
}

/// WebKit runs the page in a process of its own, which can end while the app runs (a crash in
/// WebKit, or the memory limit it sets): the window would stay blank. The edit staged last is
/// written, the reason is logged, and the page loads again from the workspace, so nothing
/// typed is lost.
pub fn reload_after_crash(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    if let Some(w) = app.get_webview_window("main") {
        let handle = app.clone();
        let _ = w.with_webview(move |webview| {
            use webkit2gtk::WebViewExt;
            webview.inner().connect_web_process_terminated(move |view, reason| {
                eprintln!("clausewright: the window's page stopped ({reason:?}); loading it again");
                crate::staging::flush(&handle);
                view.reload();
            });
        });
    }
}

/// Polls the workspace's `data_version` and tells the UI when another process wrote.
pub fn watch_workspace(app: AppHandle) {
    std::thread::spawn(move || {
        let version = |app: &AppHandle| app.state::<Workspace>().with(|s| s.data_version()).ok();
        let mut last = version(&app);
        loop {
            std::thread::sleep(WATCH_EVERY);
            let now = version(&app);
            if now != last {
                last = now;
                app.state::<Events>().send(AppEvent::WorkspaceChanged);
            }
        }
    });
}
