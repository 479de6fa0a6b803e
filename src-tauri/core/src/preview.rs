//! Rendered previews of what is in the workspace.

use crate::domain::Preview;
use crate::error::Result;
use crate::render;
use crate::store::Store;

impl Store {
    /// A whole document as it will be published, with its profile filled in.
    pub fn document_preview(&self, id: i64) -> Result<Preview> {
        Ok(render::render_document(&self.document(id)?, self.library()))
    }

    /// A library clause on its own: every variable shows as a highlighted placeholder.
    pub fn clause_preview(&self, id: &str, revision: Option<u32>) -> Result<Preview> {
        let clause = self.clause(id, revision)?;
        Ok(render::render_markdown(&clause.body, &Default::default(), self.library()))
    }
}
