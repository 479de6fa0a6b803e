//! Facts choose variants: a clause tagged `fact:<name>=<value>` is the variant of its group for
//! a company whose fact has that value. When a document's facts say otherwise, the composer
//! offers the variant they call for, and takes it as one undoable change.

use super::{ClauseFilter, Store};
use crate::domain::{Clause, Document, Profile, Value};
use crate::error::{Error, Result};
use crate::library::fact_tag;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A section whose clause is written for other facts than the document's, and the variant of
/// the same group that its facts call for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VariantAdvice {
    pub section_id: i64,
    pub clause_id: String,
    /// The fact that disagrees, its label and the document's value ("yes", "opt-out").
    pub fact: String,
    pub fact_label: String,
    pub value: String,
    pub variant_id: String,
    pub variant_title: String,
}

/// A fact's value as tags name it: a flag as "yes"/"no", a choice as written.
fn stated(profile: &Profile, name: &str) -> Option<String> {
    match profile.0.get(name)? {
        Value::Text(t) if !t.trim().is_empty() => Some(crate::profile::flag(t).map_or_else(|| t.trim().to_owned(), str::to_owned)),
        _ => None,
    }
}

/// The facts a clause is written for that the profile contradicts: (name, the profile's value).
fn contradicted(clause: &Clause, profile: &Profile) -> Vec<(String, String)> {
    clause
        .tags
        .iter()
        .filter_map(|t| fact_tag(t))
        .filter_map(|(name, want)| stated(profile, name).filter(|have| have != want).map(|have| (name.to_owned(), have)))
        .collect()
}

/// How many of the profile's stated facts a clause is written for.
fn agreeing(clause: &Clause, profile: &Profile) -> usize {
    clause.tags.iter().filter_map(|t| fact_tag(t)).filter(|(name, want)| stated(profile, name).as_deref() == Some(*want)).count()
}

impl Store {
    /// The sections of a document whose clause contradicts its facts, each with the variant
    /// its facts call for. A section edited since it was taken is advised too: the advice says
    /// which facts disagree, and the user decides.
    pub fn variant_advice(&self, doc_id: i64) -> Result<Vec<VariantAdvice>> {
        let doc = self.document(doc_id)?;
        let clauses = self.clauses(&ClauseFilter::default())?;
        let mut advice = Vec::new();
        for section in &doc.sections {
            let Some(clause) = section.origin.as_ref().and_then(|o| clauses.iter().find(|c| c.id == o.clause_id)) else { continue };
            let Some(group) = clause.variant_group.as_deref() else { continue };
            let Some((fact, value)) = contradicted(clause, &doc.profile).into_iter().next() else { continue };
            let best = clauses
                .iter()
                .filter(|c| c.id != clause.id && c.variant_group.as_deref() == Some(group) && contradicted(c, &doc.profile).is_empty())
                .max_by_key(|c| (agreeing(c, &doc.profile), std::cmp::Reverse(c.id.clone())));
            if let Some(variant) = best.filter(|c| agreeing(c, &doc.profile) > 0) {
                let fact_label = self.library.variable(&fact).map_or_else(|| fact.clone(), |v| v.label.clone());
                advice.push(VariantAdvice {
                    section_id: section.id,
                    clause_id: clause.id.clone(),
                    fact,
                    fact_label,
                    value,
                    variant_id: variant.id.clone(),
                    variant_title: variant.title.clone(),
                });
            }
        }
        Ok(advice)
    }

    /// Puts another clause of the same variant group in a section's place: its heading, text and
    /// provenance, in one change (undo brings the section back).
    pub fn use_variant(&mut self, doc_id: i64, base: i64, section_id: i64, clause_id: &str) -> Result<Document> {
        let doc = self.document(doc_id)?;
        let section = doc
            .sections
            .iter()
            .find(|s| s.id == section_id)
            .ok_or_else(|| Error::NotFound(format!("document {doc_id} has no section {section_id}")))?;
        let Some(origin) = &section.origin else {
            return Err(Error::Invalid(format!("section “{}” is the document's own, not a library clause with variants", section.heading)));
        };
        let current = self.clause(&origin.clause_id, None)?;
        let variant = self.clause(clause_id, None)?;
        if current.variant_group.is_none() || variant.variant_group != current.variant_group {
            return Err(Error::Invalid(format!("`{clause_id}` is not a variant of `{}`", current.id)));
        }
        self.write(|tx| {
            super::documents::bump_revision(tx, doc_id, base)?;
            tx.execute(
                "UPDATE sections SET heading = ?2, body = ?3, clause_id = ?4, clause_revision = ?5, edited = 0 WHERE id = ?1",
                params![section_id, variant.heading, variant.body, variant.id, variant.revision],
            )?;
            Ok(())
        })?;
        self.document(doc_id)
    }
}
