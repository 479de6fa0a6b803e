//! Full-text search over the current revision of every clause (SQLite FTS5): ranked by bm25,
//! each word matched as a prefix ("retent" finds retention), with highlighted snippets.

use super::Store;
use super::clauses::{CLAUSE_COLUMNS, ClauseFilter, clause_from_row, searchable_body};
use crate::domain::{Highlight, SearchHit};
use crate::error::Result;
use rusqlite::params;

/// Turns what a person typed into an FTS5 query: every word must match, as a prefix.
/// Quotes keep FTS5 syntax characters in the input from meaning anything.
pub fn fts_query(input: &str) -> Option<String> {
    let words = query_words(input);
    (!words.is_empty()).then(|| words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" "))
}

fn query_words(input: &str) -> Vec<String> {
    input.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// A short passage of `text` around the first word that starts with a query word, with every
/// such word marked. Built here rather than by FTS5's snippet(), which costs a second full-text
/// query per result.
fn snippet(text: &str, words: &[String]) -> Vec<Highlight> {
    const BEFORE: usize = 6;
    const LEN: usize = 22;
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let is_hit = |t: &str| {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        !t.is_empty() && words.iter().any(|w| t.starts_with(w.as_str()))
    };
    let first = tokens.iter().position(|t| is_hit(t)).unwrap_or(0);
    let start = first.saturating_sub(BEFORE);
    let end = (start + LEN).min(tokens.len());
    let mut out: Vec<Highlight> = Vec::new();
    let mut push = |text: String, hit: bool| match out.last_mut() {
        Some(last) if last.hit == hit && !hit => last.text.push_str(&text),
        _ => out.push(Highlight { text, hit }),
    };
    if start > 0 {
        push("…".into(), false);
    }
    for (i, t) in tokens[start..end].iter().enumerate() {
        if i > 0 {
            push(" ".into(), false);
        }
        if is_hit(t) {
            // Keep punctuation around the word outside the mark.
            let core_start = t.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
            let core_end = t.rfind(|c: char| c.is_alphanumeric()).map_or(t.len(), |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
            if core_start > 0 {
                push(t[..core_start].to_owned(), false);
            }
            push(t[core_start..core_end].to_owned(), true);
            if core_end < t.len() {
                push(t[core_end..].to_owned(), false);
            }
        } else {
            push((*t).to_owned(), false);
        }
    }
    if end < tokens.len() {
        push("…".into(), false);
    }
    out
}

impl Store {
    /// Clauses matching `query`, best first, optionally within a topic and jurisdiction.
    ///
    /// Two steps: rank every match and keep the best `limit` (cheap), then build snippets and
    /// read the clauses for those few only; a snippet for every match would cost 10-50 times more.
    pub fn search_clauses(&self, query: &str, filter: &ClauseFilter, limit: u32) -> Result<Vec<SearchHit>> {
        let Some(fts) = fts_query(query) else { return Ok(vec![]) };
        let words = query_words(query);
        let ranked: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT clause_id FROM clause_search
                 WHERE clause_search MATCH ?1
                   AND (?2 IS NULL OR topic_id = ?2)
                   AND (?3 IS NULL OR instr(jurisdictions, ' ' || ?3 || ' ') > 0 OR instr(jurisdictions, ' global ') > 0)
                 ORDER BY bm25(clause_search, 0.0, 10.0, 1.0, 2.0, 5.0, 8.0, 0.0, 0.0) LIMIT ?4",
            )?
            .query_map(params![fts, filter.topic, filter.jurisdiction, limit], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let clause_sql = format!(
            "SELECT {CLAUSE_COLUMNS} FROM clauses c
             JOIN clause_revisions r ON r.clause_id = c.id AND r.revision = c.current_revision WHERE c.id = ?1"
        );
        let mut clause_stmt = self.conn.prepare_cached(&clause_sql)?;
        let mut hits = Vec::with_capacity(ranked.len());
        for id in ranked {
            let clause = clause_stmt.query_row([&id], clause_from_row)?;
            let text = searchable_body(&clause.body, &self.library);
            hits.push(SearchHit { snippet: snippet(&text, &words), clause });
        }
        Ok(hits)
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
    fn snippets_mark_prefix_hits_and_trim_around_the_first() {
        let text = "one two three four five six seven eight We keep (Retention) short.";
        let parts = snippet(text, &["retent".into()]);
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, "…five six seven eight We keep (Retention) short.");
        let hits: Vec<&str> = parts.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
        assert_eq!(hits, ["Retention"]);
    }
}
