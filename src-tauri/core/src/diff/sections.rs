//! What a comparison compares: a document as a list of sections, each with the exact text it
//! contributes, so the sections joined give the whole input back. Files become sections in
//! `import` (`sections_from_text`, `side_from_file`); the diff never reads a file.

use crate::domain::Document;
use crate::library::Library;
use crate::render::fill;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffSection {
    /// Identity within this workspace (a section id), when known.
    pub key: Option<String>,
    /// The heading without Markdown marks or numbering, for matching and display.
    pub heading: String,
    /// The section's exact text, heading line included.
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffSide {
    pub sections: Vec<DiffSection>,
}

impl DiffSide {
    /// The whole text the side stands for.
    pub fn text(&self) -> String {
        self.sections.iter().map(|s| s.text.as_str()).collect()
    }

    /// A document (or a version's frozen copy) as published: profile values filled in.
    pub fn from_document(doc: &Document, lib: &Library) -> DiffSide {
        let mut sections = vec![DiffSection { key: Some("title".into()), heading: doc.title.clone(), text: format!("# {}\n\n", doc.title) }];
        for s in &doc.sections {
            let body = fill(&s.body, &doc.profile, lib);
            sections.push(DiffSection {
                // Imported text has placeholder ids (not above 0) and so no identity to match by.
                key: (s.id > 0).then(|| format!("section-{}", s.id)),
                heading: s.heading.clone(),
                text: format!("## {}\n\n{}\n\n", s.heading.trim(), body.trim_end()),
            });
        }
        DiffSide { sections }
    }
}
