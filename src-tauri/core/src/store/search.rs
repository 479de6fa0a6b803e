//! Full-text search over the current revision of every clause (SQLite FTS5): ranked by bm25,
//! each word matched as a prefix ("retent" finds retention), with highlighted snippets.

use super::Store;
use super::clauses::{CLAUSE_COLUMNS, ClauseFilter, clause_from_row};
use crate::domain::{Highlight, SearchHit};
use crate::error::Result;
use rusqlite::params;

// Control characters cannot occur in clause text, so they mark hits unambiguously.
const HIT_START: char = '\u{2}';
const HIT_END: char = '\u{3}';

/// Turns what a person typed into an FTS5 query: every word must match, as a prefix.
/// Quotes keep FTS5 syntax characters in the input from meaning anything.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn split_snippet(s: &str) -> Vec<Highlight> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find(HIT_START) {
        if start > 0 {
            out.push(Highlight { text: rest[..start].to_owned(), hit: false });
        }
        let after = &rest[start + HIT_START.len_utf8()..];
        let end = after.find(HIT_END).unwrap_or(after.len());
        out.push(Highlight { text: after[..end].to_owned(), hit: true });
        rest = after.get(end + HIT_END.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push(Highlight { text: rest.to_owned(), hit: false });
    }
    out
}

impl Store {
    /// Clauses matching `query`, best first, optionally within a topic and jurisdiction.
    pub fn search_clauses(&self, query: &str, filter: &ClauseFilter, limit: u32) -> Result<Vec<SearchHit>> {
        let Some(fts) = fts_query(query) else { return Ok(vec![]) };
        let sql = format!(
            "SELECT {CLAUSE_COLUMNS},
                    snippet(clause_search, -1, char(2), char(3), '…', 14) AS snip
             FROM clause_search
             JOIN clauses c ON c.id = clause_search.clause_id
             JOIN clause_revisions r ON r.clause_id = c.id AND r.revision = c.current_revision
             WHERE clause_search MATCH ?1
               AND c.deleted_at IS NULL
               AND (?2 IS NULL OR r.topic = ?2)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(r.jurisdictions) j WHERE j.value = ?3 OR j.value = 'global'))
             ORDER BY bm25(clause_search, 0.0, 10.0, 1.0, 2.0, 5.0, 8.0)
             LIMIT ?4"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![fts, filter.topic, filter.jurisdiction, limit], |row| {
            let clause = clause_from_row(row)?;
            let snip: String = row.get("snip")?;
            Ok(SearchHit { clause, snippet: split_snippet(&snip) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_prefix_words_and_syntax_is_inert() {
        assert_eq!(fts_query("retent  periods").as_deref(), Some("\"retent\"* \"periods\"*"));
        assert_eq!(fts_query("\"NEAR( a* OR\"").as_deref(), Some("\"near\"* \"a\"* \"or\"*"));
        assert_eq!(fts_query("  -- ** "), None);
    }

    #[test]
    fn snippets_split_into_hits() {
        let parts = split_snippet("we keep \u{2}retention\u{3} short");
        assert_eq!(parts.len(), 3);
        assert!(parts[1].hit && parts[1].text == "retention");
    }
}
