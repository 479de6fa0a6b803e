//! Security S3, S4 and S6 as checks on the shipped configuration.

use serde_json::Value;
use std::collections::BTreeSet;

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path);
    serde_json::from_str(&text).expect(path)
}

/// The commands declared in build.rs, parsed from its source so the two cannot drift.
fn declared_commands() -> Vec<String> {
    let build = include_str!("../build.rs");
    let list = &build[build.find("COMMANDS").expect("COMMANDS")..];
    let list = &list[list.find('[').expect("[")..list.find("];").expect("];")];
    list.split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

#[test]
fn the_main_capability_grants_only_our_own_commands() {
    let allowed: BTreeSet<String> = declared_commands().iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    assert!(!allowed.is_empty());
    let cap = read_json("capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let granted: BTreeSet<String> =
        cap["permissions"].as_array().expect("permissions").iter().map(|p| p.as_str().expect("string").to_owned()).collect();
    let extra: Vec<&String> = granted.difference(&allowed).collect();
    assert!(extra.is_empty(), "permissions outside the allow list: {extra:?}");

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
