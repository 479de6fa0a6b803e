//! One way into a comparison: which side an argument names (a policy file, a document's draft
//! or one of its versions), read once into the sections the diff compares and what people and
//! files call it. It joins `import` (files) and `store` (documents), so `diff` needs neither.

use crate::diff::{Comparison, DiffOptions, DiffSide, compare};
use crate::error::{Error, Result};
use crate::files::display_name;
use crate::import::side_from_file;
use crate::store::Store;
use std::path::{Path, PathBuf};

/// What a comparison reads: a file, or a document's draft or version in a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffInput {
    File(PathBuf),
    Draft(i64),
    Version(i64, u32),
}

/// A side read once: what is compared, and who made it and when (for a redline's file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub sections: DiffSide,
    /// For people: "Policy (draft)", "Policy v3", or the file's name.
    pub name: String,
    /// The document's title, or the file's name.
    pub title: String,
    /// A version's author, or for the draft the workspace's author setting; none for a file.
    pub author: Option<String>,
    /// RFC 3339: the version's date, the draft's last change, or the file's modification time.
    pub date: String,
}

impl DiffInput {
    /// `DOC@VERSION` or `DOC@draft` name a workspace document; anything else is a file path.
    pub fn parse(arg: &str) -> DiffInput {
        if let Some((doc, which)) = arg.split_once('@')
            && let Ok(doc) = doc.parse::<i64>()
        {
            if which == "draft" {
                return DiffInput::Draft(doc);
            }
            if let Ok(n) = which.parse::<u32>() {
                return DiffInput::Version(doc, n);
            }
        }
        DiffInput::File(arg.into())
    }

    /// A document to export: `DOC@VERSION`, `DOC@draft` or a bare `DOC` (its draft), as the
    /// document and the version (`None` for the draft).
    pub fn parse_document(arg: &str) -> Result<(i64, Option<u32>)> {
        match DiffInput::parse(arg) {
            DiffInput::Draft(d) => Ok((d, None)),
            DiffInput::Version(d, n) => Ok((d, Some(n))),
            DiffInput::File(_) => {
                arg.parse::<i64>().map(|d| (d, None)).map_err(|_| Error::Invalid(format!("`{arg}` is not DOC, DOC@draft or DOC@VERSION")))
            }
        }
    }

    pub fn needs_workspace(&self) -> bool {
        !matches!(self, DiffInput::File(_))
    }

    /// Reads the side. A draft or a version needs the workspace; a file does not.
    pub fn read(&self, store: Option<&Store>) -> Result<Side> {
        let (doc_id, version) = match self {
            DiffInput::File(path) => {
                let sections = side_from_file(path)?;
                let name = display_name(path);
                return Ok(Side { sections, title: name.clone(), name, author: None, date: modified(path) });
            }
            DiffInput::Draft(d) => (*d, None),
            DiffInput::Version(d, n) => (*d, Some(*n)),
        };
        let store = store.ok_or_else(|| Error::Invalid("a document's draft or version needs a workspace".into()))?;
        let at = store.document_at(doc_id, version)?;
        let title = at.document.title.clone();
        Ok(Side {
            sections: DiffSide::from_document(&at.document, store.library()),
            name: match version {
                None => format!("{title} (draft)"),
                Some(n) => format!("{title} v{n}"),
            },
            title,
            author: at.author,
            date: at.date,
        })
    }
}

/// A file's modification time, to the second; the epoch when the system cannot say.
fn modified(path: &Path) -> String {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(time::OffsetDateTime::from)
        .and_then(|t| t.replace_nanosecond(0).ok())
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

impl Store {
    /// One side of a comparison: a file, a draft or a version.
    pub fn diff_side(&self, input: &DiffInput) -> Result<DiffSide> {
        Ok(input.read(Some(self))?.sections)
    }

    /// Compares two inputs (files, drafts or versions) for the compare view: each row is also
    /// read as a document (`Row::shown`).
    pub fn compare(&self, old: &DiffInput, new: &DiffInput, options: DiffOptions) -> Result<Comparison> {
        Ok(compare(&self.diff_side(old)?, &self.diff_side(new)?, options).with_shown_rows())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_argument_names_a_draft_a_version_or_else_a_file() {
        assert_eq!(DiffInput::parse("3@draft"), DiffInput::Draft(3));
        assert_eq!(DiffInput::parse("3@12"), DiffInput::Version(3, 12));
        for file in ["policy.md", "3", "a@draft", "3@latest", "3@-1", "dir/3@2.md", ""] {
            assert_eq!(DiffInput::parse(file), DiffInput::File(file.into()), "{file}");
        }
        assert!(!DiffInput::parse("policy.md").needs_workspace());
        assert!(DiffInput::parse("3@draft").needs_workspace() && DiffInput::parse("3@1").needs_workspace());
    }

    #[test]
    fn a_document_to_export_may_be_a_bare_number() {
        assert_eq!(DiffInput::parse_document("3").unwrap(), (3, None));
        assert_eq!(DiffInput::parse_document("3@draft").unwrap(), (3, None));
        assert_eq!(DiffInput::parse_document("3@2").unwrap(), (3, Some(2)));
        let err = DiffInput::parse_document("policy.md").unwrap_err();
        assert_eq!(err.to_string(), "`policy.md` is not DOC, DOC@draft or DOC@VERSION");
    }

    #[test]
    fn each_side_is_read_once_with_its_name_author_and_date() {
        let mut store = Store::open_in_memory().unwrap();
        let doc = store.create_document("Policy", Some("starter")).unwrap();
        store.set_author("Ada").unwrap();
        store.save_version(doc.id, "Sent", "").unwrap();

        let draft = DiffInput::Draft(doc.id).read(Some(&store)).unwrap();
        assert_eq!((draft.name.as_str(), draft.title.as_str(), draft.author.as_deref()), ("Policy (draft)", "Policy", Some("Ada")));
        assert_eq!(draft.date, store.document(doc.id).unwrap().updated_at);
        let version = DiffInput::Version(doc.id, 1).read(Some(&store)).unwrap();
        assert_eq!((version.name.as_str(), version.author.as_deref()), ("Policy v1", Some("Ada")));
        assert_eq!(version.date, store.version(doc.id, 1).unwrap().created_at);
        assert_eq!(version.sections, draft.sections, "nothing changed since the version");

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theirs.md");
        std::fs::write(&path, "# Theirs\n\n## Scope\n\nWe.\n").unwrap();
        let file = DiffInput::File(path.clone()).read(None).unwrap();
        assert_eq!((file.name.as_str(), file.title.as_str(), file.author), ("theirs.md", "theirs.md", None));
        assert_eq!(file.sections.text(), "# Theirs\n\n## Scope\n\nWe.\n");
        assert!(file.date.ends_with('Z') && file.date.len() == 20, "{}", file.date);

        let err = DiffInput::Draft(doc.id).read(None).unwrap_err();
        assert!(err.to_string().contains("needs a workspace"), "{err}");
    }
}
