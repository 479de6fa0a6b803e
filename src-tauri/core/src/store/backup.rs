//! Backups of the workspace (D5): copies written with SQLite's online backup API into
//! `<workspace folder>/backups/<stem>-<YYYY-MM-DD>-<HHMMSS>-<reason>.sqlite3`, each checked with
//! `PRAGMA integrity_check` after it is written (a copy that fails is deleted). An automatic
//! copy is taken on the first open of each day and kept as the last 7 daily and 4 weekly ones;
//! copies made on demand, before a restore or before a migration are never pruned. Restoring
//! copies a backup into the live file through the same API, so an open `Store` keeps working.

use super::{APPLICATION_ID, Store, check};
use crate::error::{Error, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, MAIN_DB, OpenFlags};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, macros::format_description};
use ts_rs::TS;

/// How many automatic (daily) copies to keep: the newest copy of each of the last `daily` days
/// that have one, and of the older ones the newest copy of each of the last `weekly` ISO weeks.
/// Counted in copies, not calendar days, so a month away from the app prunes nothing away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub daily: usize,
    pub weekly: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { daily: 7, weekly: 4 }
    }
}

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum BackupReason {
    /// The first open of the day; the only kind that is pruned.
    Daily,
    /// Asked for ("Back up now", `backup create`).
    Manual,
    /// The state a restore replaced.
    BeforeRestore,
    /// The state before the schema was upgraded.
    BeforeMigration,
}

impl BackupReason {
    const ALL: [BackupReason; 4] =
        [BackupReason::Daily, BackupReason::Manual, BackupReason::BeforeRestore, BackupReason::BeforeMigration];

    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::BeforeMigration => "before-migration",
        }
    }
}

/// One backup of the workspace, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// Names the backup for `restore_backup` (`2026-12-01-161026-manual`).
    pub id: String,
    /// When it was taken, RFC 3339 UTC.
    pub created_at: String,
    pub reason: BackupReason,
    pub path: String,
    pub size_bytes: u64,
    /// Documents (not in the trash) and versions in the copy; `None` when it cannot be read.
    pub documents: Option<u32>,
    pub versions: Option<u32>,
    /// Why the copy cannot be read, when it cannot.
    pub problem: Option<String>,
}

/// A backup file found in the folder, parsed from its name.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    id: String,
    path: PathBuf,
    at: PrimitiveDateTime,
    reason: BackupReason,
    /// Orders copies taken in the same second.
    modified: Option<std::time::SystemTime>,
}

/// The folder backups of `workspace` live in.
pub fn folder(workspace: &Path) -> PathBuf {
    workspace.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(workspace: &Path) -> String {
    workspace.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "workspace".into())
}

/// The backups of `workspace`, newest first. A missing folder means none.
pub(crate) fn scan(workspace: &Path) -> Result<Vec<Entry>> {
    let dir = folder(workspace);
    let read = match fs::read_dir(&dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("cannot read the backup folder {}", dir.display()), e)),
    };
    let prefix = format!("{}-", stem(workspace));
    let mut entries: Vec<Entry> = read
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let id = name.strip_prefix(&prefix)?.strip_suffix(".sqlite3")?;
            let (at, reason) = parse_id(id)?;
            let modified = e.metadata().and_then(|m| m.modified()).ok();
            Some(Entry { id: id.to_owned(), path: e.path(), at, reason, modified })
        })
        .collect();
    entries.sort_by(|a, b| (b.at, b.modified, &b.id).cmp(&(a.at, a.modified, &a.id)));
    Ok(entries)
}

/// `YYYY-MM-DD-HHMMSS-reason[-N]` → time and reason; `N` only tells apart copies of one second.
fn parse_id(id: &str) -> Option<(PrimitiveDateTime, BackupReason)> {
    let date = Date::parse(id.get(..10)?, format_description!("[year]-[month]-[day]")).ok()?;
    let time = Time::parse(id.get(11..17)?, format_description!("[hour][minute][second]")).ok()?;
    let rest = id.get(18..)?;
    let reason = match rest.rsplit_once('-') {
        Some((r, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => r,
        _ => rest,
    };
    let reason = BackupReason::ALL.into_iter().find(|r| r.as_str() == reason)?;
    (id.as_bytes()[10] == b'-' && id.as_bytes()[17] == b'-').then_some((PrimitiveDateTime::new(date, time), reason))
}

/// Whether the first-open-of-the-day backup is still to take on `today`.
pub(crate) fn daily_due(entries: &[Entry], today: Date) -> bool {
    !entries.iter().any(|e| e.reason == BackupReason::Daily && e.at.date() == today)
}

/// The daily copies `retention` no longer keeps. `entries` newest first.
pub(crate) fn to_prune(entries: &[Entry], retention: Retention) -> Vec<&Entry> {
    let mut days: Vec<Date> = Vec::new();
    let mut weeks: Vec<(i32, u8)> = Vec::new();
    let mut prune = Vec::new();
    for e in entries.iter().filter(|e| e.reason == BackupReason::Daily) {
        let day = e.at.date();
        if days.contains(&day) {
            prune.push(e); // an older copy of a day already kept
        } else if days.len() < retention.daily {
            days.push(day);
        } else {
            let (year, week, _) = day.to_iso_week_date();
            if weeks.len() < retention.weekly && !weeks.contains(&(year, week)) {
                weeks.push((year, week));
            } else {
                prune.push(e);
            }
        }
    }
    prune
}

/// Takes the day's backup if it is due on `now`'s date, then prunes old daily copies.
/// Returns the new copy, if one was taken.
pub(crate) fn daily(conn: &Connection, workspace: &Path, now: OffsetDateTime, retention: Retention) -> Result<Option<PathBuf>> {
    let now = now.to_offset(time::UtcOffset::UTC);
    if !daily_due(&scan(workspace)?, now.date()) {
        return Ok(None);
    }
    let made = take(conn, workspace, BackupReason::Daily, now)?;
    for old in to_prune(&scan(workspace)?, retention) {
        fs::remove_file(&old.path).map_err(|e| Error::io(format!("cannot delete the old backup {}", old.path.display()), e))?;
    }
    Ok(Some(made))
}

/// Writes a checked copy of the database behind `conn`. The name is reserved with
/// `create_new`, so no existing backup is ever overwritten, even by another process.
pub(crate) fn take(conn: &Connection, workspace: &Path, reason: BackupReason, now: OffsetDateTime) -> Result<PathBuf> {
    let dest = reserve(workspace, reason, now)?;
    write_checked(conn, &dest)?;
    Ok(dest)
}

/// Writes a checked copy to `dest`, which must not exist yet.
pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    match fs::OpenOptions::new().write(true).create_new(true).open(dest) {
        Ok(_) => write_checked(conn, dest),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::Invalid(format!("backup target {} already exists", dest.display())))
        }
        Err(e) => Err(Error::io(format!("cannot create the backup {}", dest.display()), e)),
    }
}

/// Fills the reserved (empty) file `dest` and checks it; a copy that fails is deleted.
fn write_checked(conn: &Connection, dest: &Path) -> Result<()> {
    if let Err(why) = copy_out(conn, dest).and_then(|()| verify(dest)) {
        let _ = fs::remove_file(dest);
        return Err(Error::Backup { path: dest.to_owned(), reason: format!("{why}; the copy was deleted") });
    }
    Ok(())
}

/// Creates the empty file the backup goes into, named for `now` and `reason`.
fn reserve(workspace: &Path, reason: BackupReason, now: OffsetDateTime) -> Result<PathBuf> {
    let dir = folder(workspace);
    fs::create_dir_all(&dir).map_err(|e| Error::io(format!("cannot create the backup folder {}", dir.display()), e))?;
    let now = now.to_offset(time::UtcOffset::UTC);
    let stamp = now
        .format(format_description!("[year]-[month]-[day]-[hour][minute][second]"))
        .map_err(|e| Error::Invalid(format!("cannot name a backup for {now}: {e}")))?;
    let base = format!("{}-{stamp}-{}", stem(workspace), reason.as_str());
    for n in 1..1000 {
        let name = if n == 1 { format!("{base}.sqlite3") } else { format!("{base}-{n}.sqlite3") };
        let path = dir.join(name);
        match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(format!("cannot create the backup {}", path.display()), e)),
        }
    }
    Err(Error::Backup { path: dir, reason: format!("too many backups named {base}") })
}

fn copy_out(conn: &Connection, dest: &Path) -> std::result::Result<(), String> {
    let mut copy = Connection::open(dest).map_err(|e| format!("could not be created: {e}"))?;
    run(&Backup::new_with_names(conn, MAIN_DB, &mut copy, MAIN_DB).map_err(|e| e.to_string())?)
        .map_err(|e| format!("could not be written: {e}"))?;
    // The copy inherits WAL mode from the workspace; a plain rollback-journal file leaves no
    // -wal/-shm files beside it when it is read later.
    copy.pragma_update(None, "journal_mode", "DELETE").map_err(|e| format!("could not be finished: {e}"))?;
    Ok(())
}

/// Copies `src` into the database behind `dest` through the backup API, in one step so that
/// readers see the old or the new data and never a mix.
fn copy_in(dest: &mut Connection, src: &Path) -> std::result::Result<(), String> {
    let source = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| e.to_string())?;
    run(&Backup::new_with_names(&source, MAIN_DB, dest, MAIN_DB).map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

/// Runs a backup to the end in one step, waiting up to about 5 s while another connection
/// holds a lock.
fn run(backup: &Backup<'_, '_>) -> std::result::Result<(), String> {
    for _ in 0..50 {
        match backup.step(-1).map_err(|e| e.to_string())? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(100)),
            _ => {}
        }
    }
    Err("the workspace stayed busy (another program is writing to it); try again".into())
}

/// Checks that `path` is a sound Clausewright workspace file.
fn verify(path: &Path) -> std::result::Result<(), String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| format!("cannot be opened: {e}"))?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| format!("is not a database: {e}"))?;
    if app_id != APPLICATION_ID {
        return Err("is not a Clausewright workspace".into());
    }
    match check(&conn, "integrity_check") {
        None => Ok(()),
        Some(problem) => Err(format!("failed its integrity check ({problem})")),
    }
}

/// Reads a copy's size and counts without changing it.
fn describe(e: &Entry) -> BackupInfo {
    let size_bytes = fs::metadata(&e.path).map(|m| m.len()).unwrap_or(0);
    let counts = Connection::open_with_flags(&e.path, OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|c| {
        let docs: u32 = c.query_row("SELECT count(*) FROM documents WHERE deleted_at IS NULL", [], |r| r.get(0))?;
        let versions: u32 = c.query_row("SELECT count(*) FROM versions", [], |r| r.get(0))?;
        Ok((docs, versions))
    });
    let created_at = e.at.assume_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    let (documents, versions, problem) = match counts {
        Ok((d, v)) => (Some(d), Some(v), None),
        Err(err) => (None, None, Some(format!("cannot be read: {err}"))),
    };
    BackupInfo {
        id: e.id.clone(),
        created_at,
        reason: e.reason,
        path: e.path.display().to_string(),
        size_bytes,
        documents,
        versions,
        problem,
    }
}

impl Store {
    /// The workspace's backups, newest first, each read from the copy opened read-only.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        Ok(scan(self.file()?)?.iter().map(describe).collect())
    }

    /// Takes a backup now (D5, on demand).
    pub fn create_backup(&mut self) -> Result<BackupInfo> {
        let path = self.file()?.to_owned();
        if let Some(why) = &self.read_only {
            return Err(Error::ReadOnly(format!("{why} (a copy of a damaged file would not pass its check)")));
        }
        let made = take(&self.conn, &path, BackupReason::Manual, OffsetDateTime::now_utc())?;
        self.listed(&made)
    }

    /// Brings the workspace back to backup `id`. The current state is backed up first (reason
    /// "before-restore"; returned), then the backup is copied into the live file and checked.
    /// A backup that fails its check is refused and the workspace is left as it was. A damaged
    /// (read-only) workspace is copied aside as it is, restored, and reopened for writing.
    pub fn restore_backup(&mut self, id: &str) -> Result<BackupInfo> {
        let path = self.file()?.to_owned();
        let entries = scan(&path)?;
        let entry = entries.iter().find(|e| e.id == id).ok_or_else(|| {
            Error::NotFound(format!("no backup with id {id} in {}", folder(&path).display()))
        })?;
        verify(&entry.path).map_err(|why| Error::Backup {
            path: entry.path.clone(),
            reason: format!("{why}; it cannot be restored and the workspace was not changed"),
        })?;
        let now = OffsetDateTime::now_utc();
        if self.read_only.is_some() {
            let kept = keep_damaged(&path, now)?;
            let mut conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
            conn.busy_timeout(Duration::from_secs(5))?;
            copy_in(&mut conn, &entry.path).map_err(|why| restore_failed(&entry.path, why))?;
            drop(conn);
            *self = Store::open_with(&path, self.options.clone())?;
            return self.listed(&kept);
        }
        let before = take(&self.conn, &path, BackupReason::BeforeRestore, now)?;
        let restored = copy_in(&mut self.conn, &entry.path)
            .and_then(|()| check(&self.conn, "integrity_check").map_or(Ok(()), |p| Err(format!("the result failed its check ({p})"))));
        if let Err(why) = restored {
            // Put back what was there; the before-restore copy passed its check.
            let back = copy_in(&mut self.conn, &before);
            return Err(restore_failed(&entry.path, match back {
                Ok(()) => format!("{why}; the workspace was put back as it was"),
                Err(e) => format!("{why}; putting the workspace back also failed ({e}): restore {}", before.display()),
            }));
        }
        // A backup from before a migration is brought up to date; the built-ins likewise.
        self.migrate()?;
        self.install_builtins()?;
        self.listed(&before)
    }

    /// The workspace file; an in-memory workspace has no backups.
    fn file(&self) -> Result<&Path> {
        if self.path.as_os_str() == ":memory:" {
            return Err(Error::Invalid("a workspace in memory has no backups".into()));
        }
        Ok(&self.path)
    }

    fn listed(&self, made: &Path) -> Result<BackupInfo> {
        let entries = scan(&self.path)?;
        let e = entries.iter().find(|e| e.path == made).ok_or_else(|| Error::Backup {
            path: made.to_owned(),
            reason: "was written but is not in the backup folder".into(),
        })?;
        Ok(describe(e))
    }
}

fn restore_failed(backup: &Path, why: String) -> Error {
    Error::Backup { path: backup.to_owned(), reason: format!("could not be restored: {why}") }
}

/// Copies a damaged workspace (and its WAL, which may hold the latest commits) aside byte for
/// byte: it cannot pass a check, but it is the user's data.
fn keep_damaged(workspace: &Path, now: OffsetDateTime) -> Result<PathBuf> {
    let dest = reserve(workspace, BackupReason::BeforeRestore, now)?;
    let copy = |from: &Path, to: &Path| fs::copy(from, to).map_err(|e| Error::io(format!("cannot copy {} to {}", from.display(), to.display()), e));
    copy(workspace, &dest)?;
    let wal = PathBuf::from(format!("{}-wal", workspace.display()));
    if wal.exists() {
        copy(&wal, &PathBuf::from(format!("{}-wal", dest.display())))?;
    }
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn workspace(dir: &Path) -> (Connection, PathBuf) {
        let path = dir.join("w.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        conn.execute_batch("CREATE TABLE documents (deleted_at TEXT); CREATE TABLE versions (x);").unwrap();
        (conn, path)
    }

    #[test]
    fn names_round_trip() {
        let (at, reason) = parse_id("2026-12-01-161026-before-restore-2").unwrap();
        assert_eq!(at, datetime!(2026-12-01 16:10:26));
        assert_eq!(reason, BackupReason::BeforeRestore);
        assert!(parse_id("2026-12-01-161026-unknown").is_none());
        assert!(parse_id("2026-13-01-161026-daily").is_none());
    }

    #[test]
    fn sixty_days_of_daily_opens_keep_seven_daily_and_four_weekly_copies() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, path) = workspace(dir.path());
        let start = datetime!(2026-01-01 09:00 UTC);
        for day in 0..60 {
            let now = start + time::Duration::days(day);
            assert!(daily(&conn, &path, now, Retention::default()).unwrap().is_some(), "day {day}");
            assert!(daily(&conn, &path, now + time::Duration::hours(8), Retention::default()).unwrap().is_none());
            assert!(scan(&path).unwrap().len() <= 11, "day {day}");
        }
        let kept = scan(&path).unwrap();
        assert_eq!(kept.len(), 11);
        let last = (start + time::Duration::days(59)).date();
        let days: Vec<Date> = kept.iter().map(|e| e.at.date()).collect();
        let daily: Vec<Date> = (0..7).map(|i| last - time::Duration::days(i)).collect();
        assert_eq!(days[..7], daily[..], "the last seven days");
        let weeks: Vec<(i32, u8)> = days[7..].iter().map(|d| (d.year(), d.iso_week())).collect();
        let mut distinct = weeks.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 4, "four different weeks: {days:?}");
        assert!(days[10] >= last - time::Duration::days(7 * 5), "the weekly copies are the latest weeks: {days:?}");
        // Each remaining copy is a whole, checked workspace.
        for e in &kept {
            verify(&e.path).unwrap();
        }
    }

    #[test]
    fn copies_made_on_demand_are_never_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, path) = workspace(dir.path());
        let start = datetime!(2026-03-01 09:00 UTC);
        take(&conn, &path, BackupReason::Manual, start).unwrap();
        take(&conn, &path, BackupReason::Manual, start).unwrap();
        for day in 1..40 {
            daily(&conn, &path, start + time::Duration::days(day), Retention { daily: 2, weekly: 1 }).unwrap();
        }
        let kept = scan(&path).unwrap();
        assert_eq!(kept.iter().filter(|e| e.reason == BackupReason::Manual).count(), 2, "same second, two names");
        assert_eq!(kept.iter().filter(|e| e.reason == BackupReason::Daily).count(), 3);
    }
}
