//! The domain types. Everything the UI sees derives `TS`; the bindings in
//! `ui/src/ipc/bindings/` are generated from these (see `tests/bindings.rs`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Where a clause comes from: shipped with the app, or written by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClauseSource {
    Builtin,
    User,
}

impl ClauseSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ClauseSource::Builtin => "builtin",
            ClauseSource::User => "user",
        }
    }
}

/// One revision of a library clause: a reusable piece of policy text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Clause {
    pub id: String,
    pub source: ClauseSource,
    pub topic: String,
    /// The library name, which tells it apart from its variants.
    pub title: String,
    /// The section heading as it reads in a published policy.
    pub heading: String,
    pub jurisdictions: Vec<String>,
    pub tags: Vec<String>,
    /// Requirement ids (see `assets/requirements.toml`) this clause satisfies.
    pub satisfies: Vec<String>,
    /// Clauses sharing a group are alternatives to one another.
    pub variant_group: Option<String>,
    pub guidance: String,
    pub body: String,
    pub revision: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Topic {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Requirement {
    pub id: String,
    pub jurisdiction: String,
    pub summary: String,
    pub citation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VariableKind {
    Text,
    Email,
    Url,
    Number,
    Date,
    /// One of `choices` (declared as `options = [...]` or `choices = [...]`).
    Choice,
    /// A yes/no fact, stored as "yes" or "no".
    Flag,
    List,
    Table,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Column {
    pub name: String,
    pub label: String,
}

/// A fact a document fills in once, such as `company_name`, declared in `assets/variables.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VariableDef {
    pub name: String,
    pub label: String,
    pub help: String,
    #[serde(rename = "type")]
    pub kind: VariableKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub choices: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Column>>")]
    pub columns: Vec<Column>,
}

/// The value of one profile field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    List(Vec<String>),
    Table(Vec<BTreeMap<String, String>>),
}

impl Value {
    /// True when the value says nothing yet (an empty string, list or table).
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Text(s) => s.trim().is_empty(),
            Value::List(items) => items.iter().all(|s| s.trim().is_empty()),
            Value::Table(rows) => rows.is_empty(),
        }
    }
}

/// The company facts a document fills in, by variable name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile(pub BTreeMap<String, Value>);

impl Profile {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_blank())
    }
}

/// Where a section's text came from in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SectionOrigin {
    pub clause_id: String,
    pub clause_revision: u32,
    /// The text was changed after it was taken from the library.
    pub edited: bool,
    /// The clause's current revision in the library; newer than `clause_revision` when an
    /// update can be taken.
    pub latest_revision: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Section {
    pub id: i64,
    pub heading: String,
    pub body: String,
    pub origin: Option<SectionOrigin>,
}

/// A policy being drafted: its profile and its ordered sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Document {
    pub id: i64,
    pub title: String,
    /// Bumped by every write; a write names the revision it was based on.
    pub revision: i64,
    pub profile: Profile,
    pub sections: Vec<Section>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentSummary {
    pub id: i64,
    pub title: String,
    pub revision: i64,
    pub section_count: u32,
    pub updated_at: String,
}

/// A frozen, immutable copy of a document, with who saved it and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Version {
    pub document_id: i64,
    pub number: u32,
    pub label: String,
    pub note: String,
    pub author: String,
    pub created_at: String,
    pub title: String,
    pub profile: Profile,
    pub sections: Vec<Section>,
}

impl From<Version> for Document {
    /// A version's frozen copy as a document, to render, compare or export. Its revision is 0
    /// (it is never written) and both its dates are the version's.
    fn from(v: Version) -> Document {
        Document {
            id: v.document_id,
            title: v.title,
            revision: 0,
            profile: v.profile,
            sections: v.sections,
            created_at: v.created_at.clone(),
            updated_at: v.created_at,
        }
    }
}

/// A version as the timeline lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionSummary {
    pub number: u32,
    pub label: String,
    pub note: String,
    pub author: String,
    pub created_at: String,
    /// The change against the version before, e.g. "2 sections changed; +14 −3 words".
    pub summary: String,
}

/// What the app shows about the open workspace file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceInfo {
    pub path: String,
    /// Set when the workspace could only be opened read-only; says why in plain words.
    pub read_only: Option<String>,
    pub schema_version: u32,
    /// Set when the day's automatic backup could not be taken; says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub backup_problem: Option<String>,
}

/// A rendered, sanitized preview and the variables still to fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Preview {
    pub html: String,
    pub unfilled: Vec<String>,
}

/// The editable fields of a user's clause; the id is derived from the topic and title on
/// creation and never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClauseDraft {
    pub topic: String,
    pub title: String,
    pub heading: String,
    pub jurisdictions: Vec<String>,
    pub tags: Vec<String>,
    pub satisfies: Vec<String>,
    pub variant_group: Option<String>,
    pub guidance: String,
    pub body: String,
}

/// One piece of a search snippet; `hit` marks the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Highlight {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub clause: Clause,
    pub snippet: Vec<Highlight>,
}

/// One entry in a clause's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClauseRevision {
    pub revision: u32,
    pub title: String,
    pub created_at: String,
}

/// A clause in the trash, restorable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TrashedClause {
    pub clause: Clause,
    pub deleted_at: String,
}

/// What a library import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: u32,
}

/// A comment on a span of a section's text, in the draft or in a version. Threads: a reply
/// names the comment it answers; resolving is on the thread's first comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comment {
    pub id: i64,
    pub document_id: i64,
    /// The version commented on; `None` for the draft.
    pub version: Option<u32>,
    pub section_id: Option<i64>,
    /// The section's heading (as it was, when the section is gone).
    pub heading: String,
    /// The text commented on; empty for a comment on the section as a whole.
    pub quote: String,
    /// Where the quote stands now in the section's body, in UTF-16 units (0 and 0 when it is
    /// not there).
    pub start: u32,
    pub end: u32,
    /// False when the quoted text is no longer in its section ("text changed"): the comment
    /// stays, with its quote.
    pub anchored: bool,
    pub text: String,
    pub author: String,
    pub created_at: String,
    pub parent_id: Option<i64>,
    pub resolved: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    Insert,
    Delete,
    Replace,
    Move,
    Comment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Open,
    Accepted,
    Rejected,
}

/// One change (or comment) of a review, to accept or reject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Proposal {
    pub id: i64,
    pub review_id: i64,
    /// What the review came from: a file's name, or the versions compared.
    pub source: String,
    pub kind: ProposalKind,
    /// A whole section added, removed or moved.
    pub whole_section: bool,
    pub author: String,
    pub date: String,
    /// The heading of the section it is in.
    pub section: String,
    pub old_text: String,
    pub new_text: String,
    pub status: ProposalStatus,
    /// For a comment: the comment it brought.
    pub comment_id: Option<i64>,
}

/// What a review holds after it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewSummary {
    pub id: i64,
    pub source: String,
    pub proposals: Vec<Proposal>,
    /// Text a proposal could not be placed on, listed so nothing is lost.
    pub unplaced: Vec<String>,
    /// The draft as it now stands.
    pub document: Document,
}

/// What the app tells the window without being asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppEvent {
    /// The user asked to close the window: save what is pending, then answer `close_ready`.
    CloseRequested,
    /// Another process (the CLI) wrote to the workspace: reload what is shown.
    WorkspaceChanged,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_becomes_the_document_it_froze() {
        let section = Section { id: 7, heading: "Scope".into(), body: "We.".into(), origin: None };
        let v = Version {
            document_id: 3,
            number: 2,
            label: "Sent".into(),
            note: String::new(),
            author: "Ada".into(),
            created_at: "2026-05-01T10:00:00Z".into(),
            title: "Policy".into(),
            profile: Profile::default(),
            sections: vec![section.clone()],
        };
        let doc = Document::from(v);
        assert_eq!((doc.id, doc.title.as_str(), doc.revision), (3, "Policy", 0));
        assert_eq!(doc.sections, [section]);
        assert_eq!((doc.created_at.as_str(), doc.updated_at.as_str()), ("2026-05-01T10:00:00Z", "2026-05-01T10:00:00Z"));
    }
}
