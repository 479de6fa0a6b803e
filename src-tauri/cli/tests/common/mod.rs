//! What every CLI test does: run the built binary on a workspace of its own.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `clausewright-cli --db DB ARGS…`, ignoring any workspace named in the environment.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    run(&[&["--db", db.to_str().expect("a UTF-8 temporary path")], args].concat())
}

/// Runs `clausewright-cli ARGS…` as given, ignoring any workspace named in the environment.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clausewright-cli")).args(args).env_remove("CLAUSEWRIGHT_DB").output().expect("run clausewright-cli")
}
