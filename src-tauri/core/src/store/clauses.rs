//! Library clauses in the workspace: built-in ones installed and updated from the assets,
//! listed and read with their revisions.

use super::Store;
use crate::domain::{Clause, ClauseSource, Topic};
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// Which clauses to list.
#[derive(Debug, Clone, Default)]
pub struct ClauseFilter {
    pub topic: Option<String>,
    pub jurisdiction: Option<String>,
}

const CLAUSE_COLUMNS: &str = "c.id, c.source, r.topic, r.title, r.heading, r.jurisdictions, r.tags, r.satisfies, \
     r.variant_group, r.guidance, r.body, r.revision";

fn clause_from_row(row: &Row<'_>) -> rusqlite::Result<Clause> {
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

pub(crate) fn insert_revision(tx: &Transaction<'_>, c: &Clause) -> Result<()> {
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
    tx.execute("DELETE FROM clause_search WHERE clause_id = ?1", [&c.id])?;
    tx.execute(
        "INSERT INTO clause_search (clause_id, title, body, guidance, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![c.id, c.title, c.body, c.guidance, c.tags.join(" ")],
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
                        insert_revision(tx, c)?;
                    }
                    Some((source, rev)) if source == "builtin" && rev < c.revision => {
                        insert_revision(tx, c)?;
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
