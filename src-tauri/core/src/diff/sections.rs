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
        DiffSide::with_bodies(doc, |body| fill(body, &doc.profile, lib))
    }

    /// A document as written, placeholders and all: what deciding changes merges back into a
    /// draft (`review`).
    pub fn from_source(doc: &Document) -> DiffSide {
        DiffSide::with_bodies(doc, str::to_owned)
    }

    fn with_bodies(doc: &Document, body_of: impl Fn(&str) -> String) -> DiffSide {
        let mut sections = vec![DiffSection { key: Some("title".into()), heading: doc.title.clone(), text: format!("# {}\n\n", doc.title) }];
        for s in &doc.sections {
            let body = body_of(&s.body);
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
