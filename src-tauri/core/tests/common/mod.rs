//! Helpers shared by the integration tests.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::Path;

/// Damages a closed workspace file: flips the page-type byte of the sections table's root page
/// (after moving the WAL's pages into the file, so the damage is what SQLite reads). Returns the
/// damaged file's bytes.
pub fn damage_sections_table(path: &Path) -> Vec<u8> {
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        let size = conn.pragma_query_value(None, "page_size", |r| r.get(0)).unwrap();
        let root = conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'sections'", [], |r| r.get(0)).unwrap();
        (size, root)
    };
    let mut bytes = std::fs::read(path).unwrap();
    bytes[((root - 1) * page_size) as usize] ^= 0x01;
    std::fs::write(path, &bytes).unwrap();
    bytes
}
