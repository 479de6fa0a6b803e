//! The workspace: one SQLite file holding the library, documents and versions.
//!
//! Opening follows the data-safety rules: foreign files are refused untouched, a newer schema is
//! refused, a file that fails `quick_check` opens read-only, a migration is preceded by a
//! backup, and every write is one transaction.

mod backup;
mod clauses;
mod comments;
mod compose;
mod library_io;
mod search;
mod reviews;
mod versions;
mod documents;
mod schema;
mod variants;
mod watch;

pub use backup::{BackupInfo, BackupReason, Retention};
pub use clauses::ClauseFilter;
pub(crate) use comments::utf16_at;
pub use comments::NewComment;
pub use compose::TemplateSummary;
pub use variants::VariantAdvice;
pub use versions::DocumentAt;
pub use search::fts_query;
pub use schema::{APPLICATION_ID, latest_version};

use crate::domain::WorkspaceInfo;
use crate::error::{Error, Result};
use crate::library::Library;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The environment variable that overrides the default workspace path.
pub const DB_ENV: &str = "CLAUSEWRIGHT_DB";

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Why the workspace is read-only, when it is.
    read_only: Option<String>,
    library: Arc<Library>,
    options: OpenOptions,
    /// Why the day's automatic backup could not be taken, when it could not.
    backup_problem: Option<String>,
}

/// How to open a workspace; `Default` is what the app and the CLI use.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// How many automatic backups to keep.
    pub retention: Retention,
    /// The moment this open counts as for the daily backup; the clock when `None`.
    pub now: Option<time::OffsetDateTime>,
    /// Migrations after the released ones, to test the backup-before-migration path.
    #[doc(hidden)]
    pub extra_migrations: Vec<&'static str>,
}

/// The workspace to open: `--db` if given, else `CLAUSEWRIGHT_DB`, else the platform data
/// directory (on Linux `~/.local/share/clausewright/workspace.sqlite3`, created if missing).
pub fn resolve_path(db_flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = db_flag {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dir = dirs::data_dir()
        .ok_or_else(|| Error::Open {
            path: PathBuf::from("(data directory)"),
            reason: format!("no home or data directory is known; pass --db PATH or set {DB_ENV}"),
        })?
        .join("clausewright");
    fs::create_dir_all(&dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    Ok(dir.join("workspace.sqlite3"))
}

impl Store {
    /// Opens (or creates and fills) the workspace at `path`; on the first open of the day an
    /// existing, sound workspace is backed up first (see `backup`).
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, OpenOptions::default())
    }

    /// `open` with a retention, a moment for the daily backup, or (in tests) extra migrations.
    pub fn open_with(path: &Path, options: OpenOptions) -> Result<Store> {
        let now = options.now.unwrap_or_else(time::OffsetDateTime::now_utc);
        let target = latest_version() + options.extra_migrations.len() as i64;
        let library = Arc::new(Library::builtin()?);
        let fresh = check_file(path)?;
        let open_err = |e: rusqlite::Error| Error::Open { path: path.to_owned(), reason: e.to_string() };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Open { path: path.to_owned(), reason: explain_open_failure(path, &e) })?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(open_err)?;

        if !fresh {
            let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(open_err)?;
            if app_id == 0 {
                let tables: i64 = conn
                    .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                    .map_err(|e| not_workspace(path, &e.to_string()))?;
                if tables > 0 {
                    return Err(not_workspace(path, "it is an SQLite database of another program"));
                }
            }
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(open_err)?;
            if version > target {
                return Err(Error::NewerSchema { path: path.to_owned(), found: version, supported: target });
            }
            if let Some(problem) = quick_check(&conn) {
                // No backup of a damaged file: it would fail its check, and pruning must never
                // make room for it by deleting a good copy.
                drop(conn);
                return Store::open_damaged(path, problem, library, options);
            }
            if version < target && version > 0 {
                backup::take(&conn, path, BackupReason::BeforeMigration, now)?;
            }
        }

        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        let retention = options.retention;
        let mut store = Store { conn, path: path.to_owned(), read_only: None, library, options, backup_problem: None };
        store.migrate()?;
        store.install_builtins()?;
        if !fresh {
            store.backup_problem = backup::daily(&store.conn, path, now, retention).err().map(|e| e.to_string());
        }
        Ok(store)
    }

    /// A throwaway workspace in memory, filled like a new one; for tests and for reading files
    /// without touching a workspace.
    pub fn open_in_memory() -> Result<Store> {
        let library = Arc::new(Library::builtin()?);
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|e| Error::Open { path: ":memory:".into(), reason: e.to_string() })?;
        let options = OpenOptions::default();
        let mut store = Store { conn, path: PathBuf::from(":memory:"), read_only: None, library, options, backup_problem: None };
        store.install_builtins()?;
        Ok(store)
    }

    fn open_damaged(path: &Path, problem: String, library: Arc<Library>, options: OpenOptions) -> Result<Store> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| Error::Open { path: path.to_owned(), reason: e.to_string() })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let reason = format!(
            "the workspace file failed its integrity check ({problem}). It was opened read-only so nothing \
             more can be lost: copy out what you need, or restore a backup."
        );
        Ok(Store { conn, path: path.to_owned(), read_only: Some(reason), library, options, backup_problem: None })
    }

    /// A second connection to this workspace, read-only, for long reads (a check, an export, a
    /// comparison) run beside the connection edits go through, so an edit never waits for them.
    /// Nothing is checked, migrated or backed up again: opening `self` did that.
    pub fn reader(&self) -> Result<Store> {
        if self.path == Path::new(":memory:") {
            return Err(Error::Invalid("a workspace in memory has no second connection".into()));
        }
        let conn = Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| Error::Open { path: self.path.clone(), reason: e.to_string() })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let read_only = Some(self.read_only.clone().unwrap_or_else(|| "this connection only reads".into()));
        Ok(Store { conn, path: self.path.clone(), read_only, library: self.library.clone(), options: self.options.clone(), backup_problem: None })
    }

    pub fn info(&self) -> WorkspaceInfo {
        WorkspaceInfo {
            path: self.path.display().to_string(),
            read_only: self.read_only.clone(),
            schema_version: latest_version() as u32,
            backup_problem: self.backup_problem.clone(),
        }
    }

    /// Brings the schema up to date (the released migrations and any test-only ones).
    fn migrate(&mut self) -> Result<()> {
        schema::migrations_with(&self.options.extra_migrations).to_latest(&mut self.conn).map_err(|e| Error::Open {
            path: self.path.clone(),
            reason: format!("the schema could not be brought up to date: {e}"),
        })
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Runs `f` in one immediate transaction; nothing of it is kept unless it all succeeds.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if let Some(why) = &self.read_only {
            return Err(Error::ReadOnly(why.clone()));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Writes a consistent copy of the workspace to `dest` and checks it (D5).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        backup::copy_to(&self.conn, dest)
    }

    /// Runs SQLite's full integrity check; `None` when the file is sound.
    pub fn integrity_problem(&self) -> Option<String> {
        check(&self.conn, "integrity_check")
    }
}

/// Looks at the file before SQLite does. Returns whether a new workspace will be created.
fn check_file(path: &Path) -> Result<bool> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(Error::Open { path: path.to_owned(), reason: format!("the folder {} does not exist", parent.display()) });
    }
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
    };
    if meta.is_dir() {
        return Err(not_workspace(path, "it is a folder"));
    }
    if meta.len() == 0 {
        return Ok(true);
    }
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    let n = read_up_to(&mut file, &mut header).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    if n < 100 || &header[..16] != b"SQLite format 3\0" {
        return Err(not_workspace(path, "it is not an SQLite database"));
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(not_workspace(path, "it is an SQLite database of another program"));
    }
    Ok(false)
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn not_workspace(path: &Path, reason: &str) -> Error {
    Error::NotAWorkspace { path: path.to_owned(), reason: reason.to_owned() }
}

fn explain_open_failure(path: &Path, e: &rusqlite::Error) -> String {
    let folder = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::PermissionDenied) => {
            format!("the folder {folder} is not writable, or the file cannot be created there ({e})")
        }
        _ => e.to_string(),
    }
}

/// Runs `PRAGMA quick_check`; `None` when it says ok.
fn quick_check(conn: &Connection) -> Option<String> {
    check(conn, "quick_check")
}

fn check(conn: &Connection, pragma: &str) -> Option<String> {
    let result = conn.prepare(&format!("PRAGMA {pragma}(5)")).and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<String>>>()
    });
    match result {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => None,
        Ok(rows) => Some(rows.join("; ")),
        Err(e) => Some(e.to_string()),
    }
}
