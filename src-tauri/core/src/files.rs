//! Writing files the user asked for, safely (security I6): names suggested for a save dialog
//! are cleaned, and every write goes to a temp file in the same folder, is fsynced, then
//! renamed over the target, so a crash mid-write leaves the old file intact.

use crate::error::{Error, Result};
use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let io = |e| Error::io(format!("cannot write {}", path.display()), e);
    let mut f = fs::File::create(&tmp).map_err(io)?;
    if let Err(e) = f.write_all(bytes).and_then(|()| f.sync_all()) {
        drop(f);
        let _ = fs::remove_file(&tmp);
        return Err(io(e));
    }
    drop(f);
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io(e)
    })?;
    // The rename itself is durable once the folder is synced (not possible on every OS).
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A file's name as people see it: its last part, or the whole path when it has none.
pub fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Names Windows refuses, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file name to suggest in a save dialog: no path separators, `..`, control or bidi
/// characters, reserved names or characters Windows forbids; at most 80 characters before the
/// extension; never empty.
pub fn safe_file_name(stem: &str, extension: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => ' ',
            c if c.is_control() => ' ',
            // Bidi overrides and isolates, which can disguise an extension.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => ' ',
            c => c,
        })
        .collect();
    let mut name = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    while name.contains("..") {
        name = name.replace("..", ".");
    }
    let mut name: String = name.trim_matches(|c: char| c == '.' || c == ' ').chars().take(80).collect();
    name = name.trim_end_matches(['.', ' ']).to_owned();
    let base = name.split('.').next().unwrap_or("").to_lowercase();
    if name.is_empty() || RESERVED.contains(&base.as_str()) {
        name = format!("Clausewright {name}").trim().to_owned();
    }
    format!("{name}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_display_name_is_the_last_part_of_the_path() {
        assert_eq!(display_name(Path::new("/tmp/policies/Privacy v2.docx")), "Privacy v2.docx");
        assert_eq!(display_name(Path::new("policy.md")), "policy.md");
        assert_eq!(display_name(Path::new("/")), "/");
        assert_eq!(display_name(Path::new("old/..")), "old/..");
    }

    #[test]
    fn suggested_names_cannot_escape_or_disguise() {
        assert_eq!(safe_file_name("Privacy Policy", "pdf"), "Privacy Policy.pdf");
        assert_eq!(safe_file_name("../../etc/passwd", "md"), "etc passwd.md");
        assert_eq!(safe_file_name("a\\b:c*d?\"e<f>g|h", "txt"), "a b c d e f g h.txt");
        assert_eq!(safe_file_name("evil\u{202E}fdp.exe", "docx"), "evil fdp.exe.docx");
        assert_eq!(safe_file_name("line\nbreak\t", "html"), "line break.html");
        assert_eq!(safe_file_name("CON", "md"), "Clausewright CON.md");
        assert_eq!(safe_file_name("...", "md"), "Clausewright.md");
        assert_eq!(safe_file_name(&"x".repeat(300), "md").len(), 83);
    }

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out.md");
        std::fs::write(&path, "old").expect("old");
        write_atomic(&path, b"new").expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
        let missing = dir.path().join("no/such/folder/out.md");
        assert!(write_atomic(&missing, b"x").is_err());
    }
}
