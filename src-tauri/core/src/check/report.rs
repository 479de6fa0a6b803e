//! What a check reports: the jurisdictions checked and why, each requirement's status with the
//! sentences that meet it (or the clauses that would), and findings. Everything a Checks panel
//! needs to show a row, jump to its section and highlight its sentence.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The notice every view of a report must show.
pub const DISCLAIMER: &str =
    "This check is an aid, not legal advice: it looks for the disclosures by rules and patterns and can miss or misread them. Have a lawyer review the policy.";

/// The whole result of one check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Report {
    /// The jurisdictions checked, each with the reason it applies.
    pub jurisdictions: Vec<JurisdictionCheck>,
    /// One row per requirement in the library, in the library's order.
    pub requirements: Vec<RequirementResult>,
    /// Contradictions and lint, errors first.
    pub findings: Vec<Finding>,
    pub disclaimer: String,
}

impl Report {
    pub fn missing(&self) -> impl Iterator<Item = &RequirementResult> {
        self.requirements.iter().filter(|r| r.status == Status::Missing)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Error)
    }

    /// True when nothing required is missing and no finding is an error (what CI passes on).
    pub fn is_clean(&self) -> bool {
        self.missing().next().is_none() && self.errors().next().is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JurisdictionCheck {
    /// As in `assets/requirements.toml`: `eu`, `uk`, `us-ca`, `general`, …
    pub id: String,
    /// Why it is checked, e.g. "serves people in the EU/EEA (serves_eea = yes)".
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Present,
    Missing,
    NotApplicable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Missing => "missing",
            Status::NotApplicable => "not-applicable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RequirementResult {
    pub id: String,
    pub jurisdiction: String,
    pub summary: String,
    pub citation: String,
    pub status: Status,
    /// The sentences that make the disclosure (at most a few, best first).
    pub evidence: Vec<Evidence>,
    /// Library clause ids whose `satisfies` names this requirement: what "Add" would insert.
    pub fix: Vec<String>,
    /// Why it does not apply, or what the detector could not tell.
    pub note: Option<String>,
}

/// A place in the document: the section and a sentence of its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Evidence {
    /// The section's id in the document (negative for a file read without a workspace).
    #[ts(type = "number")]
    pub section_id: i64,
    /// The section's heading.
    pub section: String,
    pub quote: String,
    /// Where the quote is in the section's body, in UTF-16 code units (as JavaScript indexes
    /// strings), so a preview can highlight it.
    pub start: u32,
    pub end: u32,
    /// What found it: `clause:<id>` for an unedited library clause, else `rule:<name>`.
    pub by: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A contradiction or a lint problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub severity: Severity,
    /// A stable rule name, e.g. `sale-share-contradiction`.
    pub rule: String,
    /// Where it is; `None` for a finding about the facts alone.
    pub at: Option<Evidence>,
    pub message: String,
    /// What to do about it.
    pub fix: String,
}
