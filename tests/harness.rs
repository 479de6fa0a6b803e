//! Launches the real debug app through tauri-driver and hands the test a WebDriver client.
//!
//! Run through `make e2e` (or `make test`), which builds the app, installs tauri-driver and
//! provides a virtual display and a D-Bus session. Run any other way, each test says so and
//! passes without doing anything, so `cargo test --workspace` stays usable on a desktop.

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An element's box on screen.
#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

pub struct App {
    pub client: Client,
    driver: Child,
    pub dir: tempfile::TempDir,
}

fn stop_driver(driver: &mut Child) {
    if let Ok(Some(_)) = driver.try_wait() {
        return;
    }
    let _ = Command::new("kill").arg("-TERM").arg(driver.id().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = driver.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = driver.kill();
    let _ = driver.wait();
}

/// A test that fails midway still stops tauri-driver (and with it the app).
impl Drop for App {
    fn drop(&mut self) {
        stop_driver(&mut self.driver);
    }
}

/// The workspace file an app under test uses; it lives in the test's temp folder.
pub fn workspace_path(dir: &Path) -> PathBuf {
    dir.join("workspace.sqlite3")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn app_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| repo_root().join("target"));
    target.join("debug").join("clausewright")
}

/// False (with a note) when not run through `make e2e`.
pub fn enabled() -> bool {
    if std::env::var_os("CLAUSEWRIGHT_E2E").is_some() {
        return true;
    }
    eprintln!("end-to-end test not run: use `make e2e` (it provides the display and tauri-driver)");
    false
}

impl App {
    /// Starts the app on a fresh workspace in a temp folder.
    pub async fn launch() -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        App::launch_in(dir).await
    }

    /// Starts the app on the workspace in `dir` (which may already hold one).
    pub async fn launch_in(dir: tempfile::TempDir) -> App {
        App::launch_with(dir, &[]).await
    }

    /// Starts the app on the workspace in `dir` with extra arguments, such as the answers its
    /// native dialogs give (`--answer-open PATH`, `--answer-save-dir DIR`).
    pub async fn launch_with(dir: tempfile::TempDir, extra: &[&str]) -> App {
        let binary = app_binary();
        assert!(binary.exists(), "{} is missing: run `make e2e`, which builds it", binary.display());
        let driver_bin = std::env::var_os("TAURI_DRIVER").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("tauri-driver"));
        let (port, native_port) = (free_port(), free_port());
        let driver = Command::new(&driver_bin)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver_bin.display()));
        let db = workspace_path(dir.path()).to_string_lossy().into_owned();
        let args: Vec<&str> = [&["--db", db.as_str()], extra].concat();
        let caps = serde_json::json!({
            "browserName": "wry",
            "tauri:options": {
                "application": binary,
                "args": args,
            },
        });
        let caps = caps.as_object().cloned().expect("object");
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::rustls().expect("rustls").capabilities(caps.clone()).connect(&url).await {
                Ok(c) => break c,
                Err(e) if started.elapsed() < Duration::from_secs(30) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("cannot connect to tauri-driver at {url}: {e}"),
            }
        };
        App { client, driver, dir }
    }

    /// Waits for an element matching `css` to appear.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches `{css}`: {e}"))
    }

    /// Waits until nothing matches `css` (a dialog closed, say).
    pub async fn wait_gone(&self, css: &str) {
        let started = Instant::now();
        while self.client.find(Locator::Css(css)).await.is_ok() {
            assert!(started.elapsed() < Duration::from_secs(15), "`{css}` is still shown");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.find(css).await;
        self.client.find_all(Locator::Css(css)).await.expect("find_all")
    }

    /// Waits until `predicate` holds for the text content of `css` (all of it, including
    /// text a narrow status bar clips from view).
    pub async fn wait_text(&self, css: &str, predicate: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let text = self.find(css).await.prop("textContent").await.ok().flatten().unwrap_or_default();
            if predicate(&text) {
                return text;
            }
            assert!(started.elapsed() < Duration::from_secs(15), "`{css}` never showed the expected text; last: {text:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Presses `key` while holding `modifiers` (WebDriver key codes, e.g. '\u{E009}' for Ctrl),
    /// then releases them all, through the Actions API so nothing stays held down.
    pub async fn chord(&self, modifiers: &[char], key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut seq = KeyActions::new("keyboard".into());
        for m in modifiers {
            seq = seq.then(KeyAction::Down { value: *m });
        }
        seq = seq.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        for m in modifiers.iter().rev() {
            seq = seq.then(KeyAction::Up { value: *m });
        }
        self.client.perform_actions(seq).await.expect("key chord");
        let _ = self.client.release_actions().await;
    }

    /// Where each element matching `css` is on screen, in CSS pixels, in document order.
    pub async fn rects(&self, css: &str) -> Vec<Rect> {
        self.find(css).await;
        let script = "return [...document.querySelectorAll(arguments[0])].map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; });";
        let value = self.client.execute(script, vec![serde_json::json!(css)]).await.expect("measure");
        serde_json::from_value::<Vec<[f64; 4]>>(value).expect("rects").into_iter().map(|[x, y, w, h]| Rect { x, y, w, h }).collect()
    }

    /// The text of each element matching `css`, in document order, read in one step in the
    /// page: a list the page redraws meanwhile (an outline after a move) is never read half old,
    /// half new, nor through an element it has just replaced.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let script = "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim());";
        let value = self.client.execute(script, vec![serde_json::json!(css)]).await.expect("read texts");
        serde_json::from_value(value).expect("texts")
    }

    /// The size of the window's page, in CSS pixels.
    pub async fn viewport(&self) -> (f64, f64) {
        let value = self.client.execute("return [window.innerWidth, window.innerHeight];", vec![]).await.expect("viewport");
        let [w, h] = serde_json::from_value::<[f64; 2]>(value).expect("viewport");
        (w, h)
    }

    /// Types `text` at the end of the open document's section `index` (0-based), in its editor.
    pub async fn type_at_end_of_section(&self, index: usize, text: &str) {
        self.find_all("[data-testid=outline] [data-item]").await[index].click().await.expect("select the section");
        let editor = self.find("[data-testid=section-view] .cm-content").await;
        editor.click().await.expect("focus the editor");
        self.chord(&['\u{E009}'], '\u{E010}').await; // Ctrl+End
        editor.send_keys(text).await.expect("type");
    }

    /// Types `text` into whatever has the focus, key by key, through the Actions API.
    pub async fn type_keys(&self, text: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut seq = KeyActions::new("keyboard".into());
        for c in text.chars() {
            seq = seq.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(seq).await.expect("type");
        let _ = self.client.release_actions().await;
    }

    /// target/e2e/, where screenshots and measurements go.
    pub fn e2e_dir(&self) -> PathBuf {
        let dir = repo_root().join("target").join("e2e");
        std::fs::create_dir_all(&dir).expect("target/e2e");
        dir
    }

    /// Saves a screenshot to target/e2e/NAME.png after the page has painted.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        self.client
            .execute_async("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));", vec![])
            .await
            .expect("wait for paint");
        let png = self.client.screenshot().await.expect("screenshot");
        let path = self.e2e_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// Ends the WebDriver session and stops tauri-driver with SIGTERM (SIGKILL would leave
    /// WebKitWebDriver running). Returns the temp folder so a test can relaunch on it, once the
    /// app has gone: it owns its workspace until then, and a relaunch would hand over to it.
    /// Ending the session does not always end the app it launched, so the harness ends it.
    pub async fn close(mut self) -> tempfile::TempDir {
        let pid = self.app_pid();
        let _ = self.client.clone().close().await;
        stop_driver(&mut self.driver);
        if let Some(pid) = pid {
            end_process(pid).await;
        }
        std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir"))
    }

    /// The app process this test started, found by its workspace path on its command line.
    pub fn app_pid(&self) -> Option<u32> {
        let db = workspace_path(self.dir.path()).to_string_lossy().into_owned();
        processes().find_map(|(pid, cmdline)| {
            let mut args = cmdline.split(|b| *b == 0);
            let program = args.next()?;
            let ours = program.ends_with(b"/clausewright") && args.any(|a| a == db.as_bytes());
            (ours && running(pid)).then_some(pid)
        })
    }

    /// Closes the window the way a user does (the title bar's close button, Alt+F4): the window
    /// manager's WM_DELETE_WINDOW message, sent here because Xvfb runs no window manager.
    /// Returns the app's pid, to wait for it to end.
    pub async fn close_like_a_user(&self) -> u32 {
        let pid = self.app_pid().expect("the app's process");
        tokio::task::spawn_blocking(move || x11::ask_to_close(pid)).await.expect("x11 task").expect("send WM_DELETE_WINDOW");
        pid
    }
}

/// The processes WebKit runs the app's page in (`WebKitWebProcess`), found among the app's
/// descendants.
pub fn page_processes(app: u32) -> Vec<u32> {
    let parent = |pid: u32| stat(pid)?.split_whitespace().nth(1)?.parse::<u32>().ok();
    let descends = |mut pid: u32| {
        while let Some(p) = parent(pid).filter(|p| *p > 1) {
            if p == app {
                return true;
            }
            pid = p;
        }
        false
    };
    processes()
        .filter(|(pid, cmdline)| {
            let program = cmdline.split(|b| *b == 0).next().unwrap_or_default();
            program.ends_with(b"WebKitWebProcess") && running(*pid) && descends(*pid)
        })
        .map(|(pid, _)| pid)
        .collect()
}

/// Every process on the machine, with its command line (NUL-separated arguments).
fn processes() -> impl Iterator<Item = (u32, Vec<u8>)> {
    std::fs::read_dir("/proc").into_iter().flatten().flatten().filter_map(|entry| {
        let pid = entry.file_name().to_str()?.parse::<u32>().ok()?;
        Some((pid, std::fs::read(entry.path().join("cmdline")).ok()?))
    })
}

/// A process's `/proc/PID/stat` after its name: state, parent, and on.
fn stat(pid: u32) -> Option<String> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    Some(text.rsplit_once(')')?.1.trim_start().to_owned())
}

/// Is the process alive (not gone, not a zombie waiting for its parent)?
fn running(pid: u32) -> bool {
    stat(pid).and_then(|s| s.chars().next()).is_some_and(|state| state != 'Z' && state != 'X')
}

/// Asks a process to end (SIGTERM), then makes it (SIGKILL).
async fn end_process(pid: u32) {
    for signal in ["-TERM", "-KILL"] {
        if wait_exit(pid, Duration::from_secs(5)).await {
            return;
        }
        let _ = Command::new("kill").arg(signal).arg(pid.to_string()).status();
    }
    assert!(wait_exit(pid, Duration::from_secs(5)).await, "the app (pid {pid}) does not end");
}

/// Waits for a process to end; false if it still runs after `limit`.
pub async fn wait_exit(pid: u32, limit: Duration) -> bool {
    let started = Instant::now();
    while running(pid) {
        if started.elapsed() > limit {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    true
}

mod x11 {
    use x11rb::connection::Connection;
    use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState};

    /// Sends WM_DELETE_WINDOW to the visible top-level windows of process `pid` that accept it
    /// (the app has one; GTK may map helper windows beside it, which do not).
    pub fn ask_to_close(pid: u32) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let (conn, screen) = x11rb::connect(None)?;
        let root = conn.setup().roots[screen].root;
        let atom = |name: &str| -> Result<u32, Box<dyn std::error::Error + Send + Sync>> {
            Ok(conn.intern_atom(false, name.as_bytes())?.reply()?.atom)
        };
        let (net_wm_pid, protocols, delete) = (atom("_NET_WM_PID")?, atom("WM_PROTOCOLS")?, atom("WM_DELETE_WINDOW")?);
        let mut sent = 0;
        for window in conn.query_tree(root)?.reply()?.children {
            let owner = conn.get_property(false, window, net_wm_pid, AtomEnum::CARDINAL, 0, 1)?.reply()?;
            if owner.value32().and_then(|mut v| v.next()) != Some(pid) {
                continue;
            }
            if conn.get_window_attributes(window)?.reply()?.map_state != MapState::VIEWABLE {
                continue;
            }
            let accepts = conn.get_property(false, window, protocols, AtomEnum::ATOM, 0, 32)?.reply()?;
            if !accepts.value32().is_some_and(|mut atoms| atoms.any(|a| a == delete)) {
                continue;
            }
            let event = ClientMessageEvent::new(32, window, protocols, [delete, x11rb::CURRENT_TIME, 0, 0, 0]);
            conn.send_event(false, window, EventMask::NO_EVENT, event)?;
            sent += 1;
        }
        conn.flush()?;
        if sent > 0 {
            return Ok(());
        }
        Err(format!("no visible window of process {pid}").into())
    }
}
