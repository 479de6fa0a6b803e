//! Typed errors. Every error has a stable `kind` the UI and CLI can branch on and a plain
//! message that names the problem (file, line, field) for a person.

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot open the workspace at {path}: {reason}")]
    Open { path: PathBuf, reason: String },

    #[error("{path} is not a Clausewright workspace: {reason}. Nothing was changed.")]
    NotAWorkspace { path: PathBuf, reason: String },

    #[error(
        "{path} was written by a newer Clausewright (schema {found}; this version understands up to {supported}). \
         Update Clausewright to open it. Nothing was changed."
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },

    #[error("the workspace is open read-only: {0}")]
    ReadOnly(String),

    #[error("{0}")]
    NotFound(String),

    /// A write based on a revision that is no longer current.
    #[error("{0}")]
    Stale(String),

    /// A value the user gave that cannot be accepted; the message names the field.
    #[error("{0}")]
    Invalid(String),

    /// A library or template file that cannot be read; names the file and line.
    #[error("{file}:{line}: {message}")]
    Asset { file: String, line: usize, message: String },

    /// A backup that cannot be written, checked or restored; names the backup file.
    #[error("backup {path}: {reason}")]
    Backup { path: PathBuf, reason: String },

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },
}

/// The stable category of an [`Error`], as the UI sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Open,
    NotAWorkspace,
    NewerSchema,
    ReadOnly,
    NotFound,
    Stale,
    Invalid,
    Asset,
    Backup,
    Database,
    Io,
}

/// What crosses the IPC boundary: `{kind, message}`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub message: String,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Open { .. } => ErrorKind::Open,
            Error::NotAWorkspace { .. } => ErrorKind::NotAWorkspace,
            Error::NewerSchema { .. } => ErrorKind::NewerSchema,
            Error::ReadOnly(_) => ErrorKind::ReadOnly,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Stale(_) => ErrorKind::Stale,
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::Asset { .. } => ErrorKind::Asset,
            Error::Backup { .. } => ErrorKind::Backup,
            Error::Database(_) => ErrorKind::Database,
            Error::Io { .. } => ErrorKind::Io,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload { kind: self.kind(), message: self.to_string() }
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}
