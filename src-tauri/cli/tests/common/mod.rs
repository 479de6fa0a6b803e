//! What every CLI test does: run the built binary on a workspace of its own.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `clausewright-cli --db DB ARGS…`, ignoring any workspace named in the environment.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clausewright-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CLAUSEWRIGHT_DB")
        .output()
        .expect("run clausewright-cli")
}
