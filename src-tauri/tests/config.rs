//! Security S3, S4 and S6 as checks on the shipped configuration, and the one list of IPC
//! commands: build.rs declares them, and the handler, the capability and the UI must agree.

use serde_json::Value;
use std::collections::BTreeSet;

fn read_json(path: &str) -> Value {
    serde_json::from_str(&read(path)).expect(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

/// The commands declared in build.rs (`COMMANDS`), parsed from its source.
fn declared_commands() -> Vec<String> {
    let build = read("build.rs");
    let list = &build[build.find("COMMANDS").expect("COMMANDS")..];
    let list = &list[list.find('[').expect("[")..list.find("];").expect("];")];
    list.split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

/// The commands the app handles: `generate_handler![...]` in src/lib.rs, by their last path
/// segment (`commands::compare` is `compare`).
fn handled_commands() -> Vec<String> {
    let lib = read("src/lib.rs");
    let code: String = lib.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let list = &code[code.find("generate_handler![").expect("generate_handler![") + "generate_handler![".len()..];
    let list = &list[..list.find(']').expect("]")];
    list.split(',').map(str::trim).filter(|p| !p.is_empty()).map(|p| p.rsplit("::").next().unwrap_or(p).to_owned()).collect()
}

/// The permissions the main window is granted.
fn granted_permissions() -> Vec<String> {
    let cap = read_json("capabilities/main.json");
    cap["permissions"].as_array().expect("permissions").iter().map(|p| p.as_str().expect("string").to_owned()).collect()
}

/// The commands the UI calls: each `invoke(...)` or `call(...)` (with or without a type
/// argument) in ui/src/ipc/index.ts whose first argument is a string literal.
fn called_commands() -> Vec<String> {
    let ts = read("../ui/src/ipc/index.ts");
    let b = ts.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
    let skip_space = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut out = Vec::new();
    for name in ["invoke", "call"] {
        for (at, _) in ts.match_indices(name) {
            let end = at + name.len();
            if (at > 0 && ident(b[at - 1])) || (end < b.len() && ident(b[end])) {
                continue;
            }
            let mut i = skip_space(end);
            // A type argument, which may itself hold `<>`, `[]` and `=>`.
            if b.get(i) == Some(&b'<') {
                let mut depth = 0;
                while i < b.len() {
                    match b[i] {
                        b'<' => depth += 1,
                        b'>' if b[i - 1] != b'=' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
                i = skip_space(i);
            }
            if b.get(i) != Some(&b'(') {
                continue;
            }
            i = skip_space(i + 1);
            let Some(&quote) = b.get(i).filter(|q| matches!(q, b'\'' | b'"' | b'`')) else { continue };
            let rest = &ts[i + 1..];
            out.push(rest[..rest.find(quote as char).expect("closing quote")].to_owned());
        }
    }
    out
}

fn kebab(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

/// Every problem with one list against build.rs: names missing from it, names it has that
/// build.rs does not declare, and names it has twice.
fn disagreements(list: &str, names: &[String], declared: &BTreeSet<String>, as_name: impl Fn(&str) -> String) -> Vec<String> {
    let mut problems = Vec::new();
    let have: BTreeSet<&String> = names.iter().collect();
    let expected: BTreeSet<String> = declared.iter().map(|c| as_name(c)).collect();
    for missing in expected.iter().filter(|e| !have.contains(e)) {
        problems.push(format!("`{missing}` is missing from {list} (build.rs declares the command)"));
    }
    for extra in have.iter().filter(|h| !expected.contains(**h)) {
        problems.push(format!("`{extra}` is in {list} but build.rs does not declare it"));
    }
    for twice in have.iter().filter(|h| names.iter().filter(|n| n == *h).count() > 1) {
        problems.push(format!("`{twice}` is in {list} more than once"));
    }
    problems
}

/// The four lists of commands agree exactly: every command declared in build.rs is handled,
/// allowed and called from the UI, and nothing else is.
#[test]
fn every_command_is_declared_handled_allowed_and_called() {
    let names = declared_commands();
    let declared: BTreeSet<String> = names.iter().cloned().collect();
    assert!(!declared.is_empty(), "no commands found in build.rs");
    let mut problems = Vec::new();
    for twice in declared.iter().filter(|d| names.iter().filter(|n| n == d).count() > 1) {
        problems.push(format!("`{twice}` is in build.rs (COMMANDS) more than once"));
    }
    problems.extend(disagreements("src/lib.rs (generate_handler!)", &handled_commands(), &declared, str::to_owned));
    problems.extend(disagreements("capabilities/main.json (permissions)", &granted_permissions(), &declared, kebab));
    problems.extend(disagreements("ui/src/ipc/index.ts (invoke calls)", &called_commands(), &declared, str::to_owned));
    assert!(problems.is_empty(), "the lists of commands disagree:\n{}", problems.join("\n"));
}

#[test]
fn the_main_capability_is_the_only_one_and_only_for_the_main_window() {
    let cap = read_json("capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let files: Vec<String> = std::fs::read_dir(format!("{}/capabilities", env!("CARGO_MANIFEST_DIR")))
        .expect("capabilities dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["main.json"], "one capability file");
}

#[test]
fn no_fs_shell_or_opener_plugin_is_linked() {
    let manifest = include_str!("../Cargo.toml");
    for plugin in ["tauri-plugin-fs", "tauri-plugin-shell", "tauri-plugin-http", "tauri-plugin-opener"] {
        assert!(!manifest.contains(plugin), "{plugin} must not be a dependency");
    }
}

#[test]
fn the_window_config_is_locked_down() {
    let conf = read_json("tauri.conf.json");
    let app = &conf["app"];
    assert_eq!(app["withGlobalTauri"], false);
    let security = &app["security"];
    assert_eq!(security["freezePrototype"], true);
    assert_eq!(security["assetProtocol"]["enable"], false);
    assert!(security.get("dangerousDisableAssetCspModification").is_none());
    let csp = &security["csp"];
    let script = csp["script-src"].as_str().expect("script-src");
    assert_eq!(script, "'self'");
    for directive in ["default-src", "style-src", "img-src", "connect-src", "font-src"] {
        let value = csp[directive].as_str().unwrap_or_default();
        assert!(!value.contains("unsafe-inline") && !value.contains("unsafe-eval"), "{directive}: {value}");
        assert!(!value.contains("https:") && !value.contains('*'), "{directive} allows remote origins: {value}");
    }
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["frame-src"], "'none'");
}
