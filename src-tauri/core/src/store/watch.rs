//! Noticing writes by other processes (the CLI while the app is open).

use super::Store;
use crate::Result;

impl Store {
    /// SQLite's `data_version`: it changes when another connection commits to the workspace,
    /// never for this connection's own writes. Polled by the app to reload what it shows.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
