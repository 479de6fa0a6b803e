//! The workspace schema, one migration per released schema version. Migrations are additive
//! only: a new version adds tables or columns, it never rewrites what users wrote (D8).

use rusqlite_migration::{M, Migrations};

/// Marks a SQLite file as a Clausewright workspace ("ClWr"), so other files are recognised.
pub const APPLICATION_ID: i32 = 0x436C_5772;

const V1: &str = r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE topics (
    id       TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE clauses (
    id               TEXT PRIMARY KEY,
    source           TEXT NOT NULL CHECK (source IN ('builtin', 'user')),
    current_revision INTEGER NOT NULL,
    deleted_at       TEXT
) STRICT;

-- Every revision of every clause stays readable.
CREATE TABLE clause_revisions (
    clause_id     TEXT NOT NULL REFERENCES clauses(id),
    revision      INTEGER NOT NULL,
    topic         TEXT NOT NULL,
    title         TEXT NOT NULL,
    heading       TEXT NOT NULL,
    jurisdictions TEXT NOT NULL,  -- JSON array
    tags          TEXT NOT NULL,  -- JSON array
    satisfies     TEXT NOT NULL,  -- JSON array
    variant_group TEXT,
    guidance      TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (clause_id, revision)
) STRICT;

-- Full-text index over the current revision of each clause not in the trash. topic_id and
-- jurisdictions (" eu uk ") ride along unindexed so filters need no join.
CREATE VIRTUAL TABLE clause_search USING fts5(
    clause_id UNINDEXED, title, body, guidance, tags, topic, topic_id UNINDEXED, jurisdictions UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);

CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    revision   INTEGER NOT NULL DEFAULT 1,
    profile    TEXT NOT NULL DEFAULT '{}',  -- JSON object
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

-- AUTOINCREMENT: a section id is never reused, so an earlier state (undo, a version) can be
-- restored with its own ids.
CREATE TABLE sections (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id     INTEGER NOT NULL REFERENCES documents(id),
    position        INTEGER NOT NULL,
    heading         TEXT NOT NULL,
    body            TEXT NOT NULL,
    clause_id       TEXT REFERENCES clauses(id),
    clause_revision INTEGER,
    edited          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX sections_by_document ON sections(document_id, position);

-- Named versions are append-only (D4).
CREATE TABLE versions (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    number      INTEGER NOT NULL,
    label       TEXT NOT NULL,
    note        TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    summary     TEXT NOT NULL,  -- the change against the version before, in one line
    snapshot    TEXT NOT NULL,  -- JSON: title, profile, sections
    PRIMARY KEY (document_id, number)
) STRICT;
CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
CREATE TRIGGER versions_are_never_deleted BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are never deleted'); END;
"#;

/// Counsel's review (issue #14): comments, and reviews whose proposals are decided one by one.
const V2: &str = r#"
CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    version     INTEGER,          -- NULL: on the draft
    section_id  INTEGER,          -- no foreign key: undo rewrites sections with their ids
    heading     TEXT NOT NULL,    -- the section's heading when commented on
    quote       TEXT NOT NULL,
    start       INTEGER NOT NULL, -- UTF-16 offset of the quote in the body when commented on
    parent_id   INTEGER REFERENCES comments(id),
    text        TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    resolved_at TEXT
) STRICT;
CREATE INDEX comments_by_document ON comments(document_id);

CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    source      TEXT NOT NULL,
    -- What the draft shows for an open proposal: the old side (a file's proposals wait to be
    -- accepted) or the new side (a comparison's changes wait to be rejected).
    open_shows  TEXT NOT NULL CHECK (open_shows IN ('old', 'new')),
    plan        TEXT NOT NULL,    -- JSON: review::Plan
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE proposals (
    id            INTEGER PRIMARY KEY,
    review_id     INTEGER NOT NULL REFERENCES reviews(id),
    change        INTEGER,        -- the plan's change; NULL for a comment
    comment_id    INTEGER REFERENCES comments(id),
    kind          TEXT NOT NULL,
    whole_section INTEGER NOT NULL DEFAULT 0,
    author        TEXT NOT NULL,
    date          TEXT NOT NULL,
    section       TEXT NOT NULL,
    old_text      TEXT NOT NULL,
    new_text      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected'))
) STRICT;
CREATE INDEX proposals_by_review ON proposals(review_id);
"#;

pub fn migrations() -> Migrations<'static> {
    migrations_with(&[])
}

/// The released migrations followed by `extra` (test-only ones, see `OpenOptions`).
pub(crate) fn migrations_with(extra: &[&'static str]) -> Migrations<'static> {
    Migrations::new([V1, V2].into_iter().chain(extra.iter().copied()).map(M::up).collect())
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    2
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }

    #[test]
    fn latest_version_matches_the_migrations() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::migrations().to_latest(&mut conn).unwrap();
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, super::latest_version());
    }
}
