//! The library as a folder of Markdown files, so teams can keep it in git. Export writes one
//! file per clause in a canonical form; import reads such a folder, checks every file first and
//! writes all of it in one transaction or nothing.

use super::Store;
use super::clauses::insert_revision;
use crate::domain::{Clause, ClauseSource, ImportReport};
use crate::error::{Error, Result};
use crate::files::write_atomic;
use crate::library::{SourceFile, clause_file, clause_path};
use crate::store::ClauseFilter;
use rusqlite::params;
use std::fs;
use std::path::{Path, PathBuf};

/// Limits on what an import reads, so a wrong folder cannot exhaust memory.
const MAX_FILES: usize = 20_000;
const MAX_FILE_BYTES: u64 = 1024 * 1024;

fn collect_md(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(format!("cannot read folder {}", dir.display()), e))?;
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // .git and editor files
        }
        let kind = entry.file_type().map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        if kind.is_dir() {
            collect_md(root, &path, out)?;
        } else if kind.is_file() && name.ends_with(".md") {
            out.push(path);
            if out.len() > MAX_FILES {
                return Err(Error::Invalid(format!("{} holds more than {MAX_FILES} Markdown files; is it the right folder?", root.display())));
            }
        }
    }
    Ok(())
}

/// Same wording, ignoring where it came from and its revision number.
fn same_text(a: &Clause, b: &Clause) -> bool {
    Clause { source: a.source, revision: a.revision, ..b.clone() } == *a
}

impl Store {
    /// Writes every clause not in the trash (or only the user's own) to `dir` as
    /// `clauses/<topic>/<name>.md`. Returns how many files were written.
    pub fn export_library(&self, dir: &Path, user_only: bool) -> Result<usize> {
        let clauses: Vec<Clause> = self
            .clauses(&ClauseFilter::default())?
            .into_iter()
            .filter(|c| !user_only || c.source == ClauseSource::User)
            .collect();
        for c in &clauses {
            let path = dir.join(clause_path(c));
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))?;
            }
            write_atomic(&path, clause_file(c).as_bytes())?;
        }
        Ok(clauses.len())
    }

    /// Imports a folder of clause files. New ids become the user's clauses; a changed user
    /// clause gets a new revision; files identical to what the workspace has change nothing.
    /// Any problem in any file (malformed front matter, duplicate id, unknown topic or variable,
    /// non-UTF-8) fails the whole import, naming the file and line.
    pub fn import_library(&mut self, dir: &Path) -> Result<ImportReport> {
        if !dir.is_dir() {
            return Err(Error::NotFound(format!("{} is not a folder", dir.display())));
        }
        let mut paths = Vec::new();
        collect_md(dir, dir, &mut paths)?;
        let mut parsed: Vec<(String, Clause)> = Vec::new();
        for path in &paths {
            let rel = path.strip_prefix(dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
            let meta = fs::metadata(path).map_err(|e| Error::io(format!("cannot read {rel}"), e))?;
            if meta.len() > MAX_FILE_BYTES {
                return Err(Error::Asset { file: rel, line: 1, message: "larger than 1 MB; not a clause file".into() });
            }
            let bytes = fs::read(path).map_err(|e| Error::io(format!("cannot read {rel}"), e))?;
            let clause = self.library.parse_clause(&SourceFile { path: rel.clone(), bytes: &bytes }, ClauseSource::User)?;
            if let Some((first, _)) = parsed.iter().find(|(_, c)| c.id == clause.id) {
                return Err(Error::Asset { file: rel, line: 2, message: format!("duplicate clause id `{}` (also in {first})", clause.id) });
            }
            parsed.push((rel, clause));
        }

        // Decide everything before writing anything.
        let mut report = ImportReport::default();
        let mut inserts: Vec<Clause> = Vec::new();
        let mut updates: Vec<Clause> = Vec::new();
        for (file, c) in parsed {
            match self.clause(&c.id, None) {
                Err(Error::NotFound(_)) => inserts.push(c),
                Err(e) => return Err(e),
                Ok(stored) if same_text(&stored, &c) => report.unchanged += 1,
                Ok(stored) if stored.source == ClauseSource::Builtin => {
                    let older = self.clause_revisions(&c.id)?.iter().any(|r| {
                        self.clause(&c.id, Some(r.revision)).is_ok_and(|old| same_text(&old, &c))
                    });
                    if !older {
                        return Err(Error::Asset {
                            file,
                            line: 2,
                            message: format!("`{}` is a built-in clause and differs from it; give your version its own id", c.id),
                        });
                    }
                    report.unchanged += 1;
                }
                Ok(stored) => updates.push(Clause { revision: stored.revision + 1, ..c }),
            }
        }
        let library = self.library.clone();
        self.write(|tx| {
            for c in &inserts {
                tx.execute("INSERT INTO clauses (id, source, current_revision) VALUES (?1, 'user', ?2)", params![c.id, c.revision])?;
                insert_revision(tx, &library, c)?;
            }
            for c in &updates {
                tx.execute(
                    "UPDATE clauses SET current_revision = ?2, deleted_at = NULL WHERE id = ?1",
                    params![c.id, c.revision],
                )?;
                insert_revision(tx, &library, c)?;
            }
            Ok(())
        })?;
        report.added = inserts.into_iter().map(|c| c.id).collect();
        report.updated = updates.into_iter().map(|c| c.id).collect();
        Ok(report)
    }
}
