//! clausewright-core: everything Clausewright does, with no GUI. The desktop app and the CLI
//! are thin views over this crate.

pub mod check;
pub mod diff;
pub mod domain;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod library;
pub mod lines;
pub mod profile;
mod preview;
pub mod render;
pub mod review;
pub mod sides;
pub mod staging;
pub mod store;
pub mod vars;

pub use error::{Error, ErrorKind, ErrorPayload, Result};
pub use store::Store;

/// The current time as an RFC 3339 UTC timestamp, to the second.
pub fn now() -> String {
    let t = time::OffsetDateTime::now_utc().replace_nanosecond(0).unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}
