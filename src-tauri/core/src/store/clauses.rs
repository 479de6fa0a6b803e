//! Library clauses in the workspace: built-in ones installed and updated from the assets,
//! listed and read with their revisions.

use super::Store;
use crate::domain::{Clause, ClauseDraft, ClauseRevision, ClauseSource, Topic, TrashedClause};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::vars;
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// Which clauses to list.
#[derive(Debug, Clone, Default)]
pub struct ClauseFilter {
    pub topic: Option<String>,
    pub jurisdiction: Option<String>,
}

pub(super) const CLAUSE_COLUMNS: &str = "c.id, c.source, r.topic, r.title, r.heading, r.jurisdictions, r.tags, r.satisfies, \
     r.variant_group, r.guidance, r.body, r.revision";

pub(super) fn clause_from_row(row: &Row<'_>) -> rusqlite::Result<Clause> {
    let json = |i: usize| -> rusqlite::Result<Vec<String>> {
        let s: String = row.get(i)?;
        serde_json::from_str(&s).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
    };
    let source: String = row.get(1)?;
    Ok(Clause {
        id: row.get(0)?,
        source: if source == "builtin" { ClauseSource::Builtin } else { ClauseSource::User },
        topic: row.get(2)?,
        title: row.get(3)?,
        heading: row.get(4)?,
        jurisdictions: json(5)?,
        tags: json(6)?,
        satisfies: json(7)?,
        variant_group: row.get(8)?,
        guidance: row.get(9)?,
        body: row.get(10)?,
        revision: row.get(11)?,
    })
}

/// The body as search sees it: `{{retention_logs}}` reads as its label ("Log retention period"),
/// so searches match words a person would use and snippets read naturally.
pub(super) fn searchable_body(body: &str, lib: &Library) -> String {
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for p in vars::placeholders(body) {
        out.push_str(&body[last..p.range.start]);
        out.push_str(lib.variable(p.name).map_or(p.name, |v| v.label.as_str()));
        last = p.range.end;
    }
    out.push_str(&body[last..]);
    // Markdown punctuation (table pipes, emphasis, rules) says nothing to a search.
    out.replace(['|', '*', '`', '#'], " ").replace("---", " ")
}

pub(crate) fn insert_revision(tx: &Transaction<'_>, lib: &Library, c: &Clause) -> Result<()> {
    let to_json = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    tx.execute(
        "INSERT INTO clause_revisions (clause_id, revision, topic, title, heading, jurisdictions, tags, satisfies, \
         variant_group, guidance, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            c.id,
            c.revision,
            c.topic,
            c.title,
            c.heading,
            to_json(&c.jurisdictions),
            to_json(&c.tags),
            to_json(&c.satisfies),
            c.variant_group,
            c.guidance,
            c.body,
            crate::now()
        ],
    )?;
    index(tx, lib, c)
}

/// Puts a clause's current text into the search index (replacing what was there).
fn index(tx: &Transaction<'_>, lib: &Library, c: &Clause) -> Result<()> {
    tx.execute("DELETE FROM clause_search WHERE clause_id = ?1", [&c.id])?;
    tx.execute(
        "INSERT INTO clause_search (clause_id, title, body, guidance, tags, topic, topic_id, jurisdictions)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT title FROM topics WHERE id = ?6), ?6, ?7)",
        params![
            c.id,
            c.title,
            searchable_body(&c.body, lib),
            c.guidance,
            c.tags.join(" "),
            c.topic,
            format!(" {} ", c.jurisdictions.join(" "))
        ],
    )?;
    Ok(())
}

impl Store {
    /// Installs the built-in library, and on a newer release updates built-in clauses to their
    /// newer revision. Older revisions stay, so documents that pinned them still read them; a
    /// user's own clauses are never touched. The starter document is made once, on first fill.
    pub(super) fn install_builtins(&mut self) -> Result<()> {
        let library = self.library.clone();
        self.write(|tx| {
            for (i, t) in library.topics.iter().enumerate() {
                tx.execute(
                    "INSERT INTO topics (id, title, position) VALUES (?1, ?2, ?3)
                     ON CONFLICT (id) DO UPDATE SET title = excluded.title, position = excluded.position",
                    params![t.id, t.title, i as i64],
                )?;
            }
            for c in &library.clauses {
                let stored: Option<(String, u32)> = tx
                    .query_row("SELECT source, current_revision FROM clauses WHERE id = ?1", [&c.id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                match stored {
                    None => {
                        tx.execute(
                            "INSERT INTO clauses (id, source, current_revision) VALUES (?1, 'builtin', ?2)",
                            params![c.id, c.revision],
                        )?;
                        insert_revision(tx, &library, c)?;
                    }
                    Some((source, rev)) if source == "builtin" && rev < c.revision => {
                        insert_revision(tx, &library, c)?;
                        tx.execute("UPDATE clauses SET current_revision = ?2 WHERE id = ?1", params![c.id, c.revision])?;
                    }
                    Some(_) => {}
                }
            }
            let starter_done: bool = tx
                .query_row("SELECT 1 FROM settings WHERE key = 'starter_created'", [], |_| Ok(()))
                .optional()?
                .is_some();
            if !starter_done {
                if let Some(t) = library.template("starter") {
                    super::documents::insert_from_template(tx, &library, t, &t.document_title)?;
                }
                tx.execute("INSERT INTO settings (key, value) VALUES ('starter_created', ?1)", [crate::now()])?;
            }
            Ok(())
        })
        .or_else(|e| match e {
            // A read-only workspace keeps what it has.
            Error::ReadOnly(_) => Ok(()),
            e => Err(e),
        })
    }

    pub fn topics(&self) -> Result<Vec<Topic>> {
        let mut stmt = self.conn.prepare("SELECT id, title FROM topics ORDER BY position")?;
        let rows = stmt.query_map([], |r| Ok(Topic { id: r.get(0)?, title: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The current revision of every clause not in the trash, in topic order.
    pub fn clauses(&self, filter: &ClauseFilter) -> Result<Vec<Clause>> {
        let sql = format!(
            "SELECT {CLAUSE_COLUMNS} FROM clauses c
             JOIN clause_revisions r ON r.clause_id = c.id AND r.revision = c.current_revision
             LEFT JOIN topics t ON t.id = r.topic
             WHERE c.deleted_at IS NULL
               AND (?1 IS NULL OR r.topic = ?1)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(r.jurisdictions) j WHERE j.value = ?2 OR j.value = 'global'))
             ORDER BY t.position, c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![filter.topic, filter.jurisdiction], clause_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One clause, at its current revision or at `revision`.
    pub fn clause(&self, id: &str, revision: Option<u32>) -> Result<Clause> {
        let sql = format!(
            "SELECT {CLAUSE_COLUMNS} FROM clauses c
             JOIN clause_revisions r ON r.clause_id = c.id AND r.revision = coalesce(?2, c.current_revision)
             WHERE c.id = ?1"
        );
        self.conn.query_row(&sql, params![id, revision], clause_from_row).optional()?.ok_or_else(|| {
            Error::NotFound(match revision {
                Some(n) => format!("clause `{id}` has no revision {n}"),
                None => format!("no clause with id `{id}`"),
            })
        })
    }
}

/// A readable id from a title: lowercase words joined by `-`.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
        if out.len() > 48 {
            break;
        }
    }
    if out.is_empty() { "clause".into() } else { out }
}

fn clause_from_draft(id: String, revision: u32, d: ClauseDraft) -> Clause {
    Clause {
        id,
        source: ClauseSource::User,
        topic: d.topic.trim().to_owned(),
        title: d.title.trim().to_owned(),
        heading: d.heading.trim().to_owned(),
        jurisdictions: d.jurisdictions,
        tags: d.tags.into_iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect(),
        satisfies: d.satisfies,
        variant_group: d.variant_group.map(|g| g.trim().to_owned()).filter(|g| !g.is_empty()),
        guidance: d.guidance.trim().to_owned(),
        body: d.body.replace("\r\n", "\n").trim_matches('\n').to_owned(),
        revision,
    }
}

impl Store {
    fn check(&self, c: &Clause) -> Result<()> {
        self.library.check_clause(c).map_err(|p| Error::Invalid(p.to_string()))
    }

    fn unused_id(&self, topic: &str, name: &str) -> Result<String> {
        let mut candidate = format!("{topic}.{name}");
        let mut n = 2;
        while self.conn.query_row("SELECT 1 FROM clauses WHERE id = ?1", [&candidate], |_| Ok(())).optional()?.is_some() {
            candidate = format!("{topic}.{name}-{n}");
            n += 1;
        }
        Ok(candidate)
    }

    /// Adds a clause of the user's own, at revision 1.
    pub fn create_clause(&mut self, draft: ClauseDraft) -> Result<Clause> {
        let id = self.unused_id(draft.topic.trim(), &slug(&draft.title))?;
        let clause = clause_from_draft(id, 1, draft);
        self.check(&clause)?;
        let library = self.library.clone();
        self.write(|tx| {
            tx.execute("INSERT INTO clauses (id, source, current_revision) VALUES (?1, 'user', 1)", [&clause.id])?;
            insert_revision(tx, &library, &clause)
        })?;
        self.clause(&clause.id, None)
    }

    /// Saves an edit of a user's clause as a new revision; `base` is the revision it was made on.
    pub fn update_clause(&mut self, id: &str, base: u32, draft: ClauseDraft) -> Result<Clause> {
        let current = self.clause(id, None)?;
        if current.source == ClauseSource::Builtin {
            return Err(Error::Invalid(format!(
                "`{id}` is a built-in clause and cannot be edited; duplicate it to make your own copy"
            )));
        }
        if draft.topic.trim() != current.topic {
            return Err(Error::Invalid("topic: a clause keeps its topic; duplicate it to file it elsewhere".into()));
        }
        let clause = clause_from_draft(id.to_owned(), base + 1, draft);
        if base == current.revision && (Clause { revision: current.revision, ..clause.clone() }) == current {
            return Ok(current); // nothing changed: no new revision
        }
        self.check(&clause)?;
        let library = self.library.clone();
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE clauses SET current_revision = ?3 WHERE id = ?1 AND current_revision = ?2 AND deleted_at IS NULL",
                params![id, base, base + 1],
            )?;
            if changed == 0 {
                return Err(Error::Stale(format!(
                    "clause `{id}` changed since you opened it (you edited revision {base}, it is now at {}); reload it and edit again",
                    current.revision
                )));
            }
            insert_revision(tx, &library, &clause)
        })?;
        self.clause(id, None)
    }

    /// Copies any clause (a built-in one above all) into a new clause of the user's own.
    pub fn duplicate_clause(&mut self, id: &str) -> Result<Clause> {
        let c = self.clause(id, None)?;
        let name = c.id.split_once('.').map_or("clause", |(_, n)| n);
        let new_id = self.unused_id(&c.topic, &format!("{name}-copy"))?;
        let copy = Clause { id: new_id, source: ClauseSource::User, revision: 1, title: format!("{} (copy)", c.title), ..c };
        let library = self.library.clone();
        self.write(|tx| {
            tx.execute("INSERT INTO clauses (id, source, current_revision) VALUES (?1, 'user', 1)", [&copy.id])?;
            insert_revision(tx, &library, &copy)
        })?;
        self.clause(&copy.id, None)
    }

    /// Moves a clause to the trash. Documents that used it keep their text.
    pub fn delete_clause(&mut self, id: &str) -> Result<()> {
        self.set_deleted(id, Some(crate::now()))
    }

    pub fn restore_clause(&mut self, id: &str) -> Result<()> {
        self.set_deleted(id, None)
    }

    /// Trashed clauses leave the search index; restored ones return to it.
    fn set_deleted(&mut self, id: &str, at: Option<String>) -> Result<()> {
        let clause = self.clause(id, None)?;
        let library = self.library.clone();
        let changed = self.write(|tx| {
            let changed = tx.execute(
                "UPDATE clauses SET deleted_at = ?2 WHERE id = ?1 AND (deleted_at IS NULL) = (?2 IS NOT NULL)",
                params![id, at],
            )?;
            if changed == 1 && at.is_some() {
                tx.execute("DELETE FROM clause_search WHERE clause_id = ?1", [id])?;
            } else if changed == 1 {
                index(tx, &library, &clause)?;
            }
            Ok(changed)
        })?;
        if changed == 0 {
            let where_ = if at.is_some() { "outside" } else { "in" };
            return Err(Error::NotFound(format!("no clause `{id}` {where_} the trash")));
        }
        Ok(())
    }

    /// Clauses in the trash, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<TrashedClause>> {
        let sql = format!(
            "SELECT {CLAUSE_COLUMNS}, c.deleted_at FROM clauses c
             JOIN clause_revisions r ON r.clause_id = c.id AND r.revision = c.current_revision
             WHERE c.deleted_at IS NOT NULL ORDER BY c.deleted_at DESC, c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| Ok(TrashedClause { clause: clause_from_row(r)?, deleted_at: r.get(12)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every revision of a clause, newest first.
    pub fn clause_revisions(&self, id: &str) -> Result<Vec<ClauseRevision>> {
        let mut stmt = self.conn.prepare(
            "SELECT revision, title, created_at FROM clause_revisions WHERE clause_id = ?1 ORDER BY revision DESC",
        )?;
        let rows: Vec<ClauseRevision> = stmt
            .query_map([id], |r| Ok(ClauseRevision { revision: r.get(0)?, title: r.get(1)?, created_at: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Err(Error::NotFound(format!("no clause with id `{id}`")));
        }
        Ok(rows)
    }
}
