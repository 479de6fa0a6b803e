//! The TypeScript types in ui/src/ipc/bindings/ are generated from the Rust types. This test
//! fails when the committed files are stale; run `UPDATE_BINDINGS=1 cargo test -p
//! clausewright-core --test bindings` (or `make bindings`) to regenerate them.

use clausewright_core::domain::*;
use clausewright_core::{ErrorKind, ErrorPayload};
use std::path::PathBuf;
use ts_rs::{Config, TS};

fn bindings_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings")
}

struct Check {
    cfg: Config,
    update: bool,
    stale: Vec<String>,
    written: Vec<String>,
}

impl Check {
    fn file<T: TS + 'static + ?Sized>(&mut self) {
        let name = format!("{}.ts", T::ident(&self.cfg));
        let text = T::export_to_string(&self.cfg).expect("export binding");
        let path = bindings_dir().join(&name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != text {
            if self.update {
                std::fs::create_dir_all(bindings_dir()).expect("create bindings dir");
                std::fs::write(&path, text).expect("write binding");
            } else {
                self.stale.push(name.clone());
            }
        }
        self.written.push(name);
    }
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let mut check = Check {
        cfg: Config::new().with_large_int("number"),
        update: std::env::var_os("UPDATE_BINDINGS").is_some(),
        stale: vec![],
        written: vec![],
    };
    check.file::<ErrorKind>();
    check.file::<ErrorPayload>();
    check.file::<ClauseSource>();
    check.file::<Clause>();
    check.file::<Topic>();
    check.file::<Requirement>();
    check.file::<VariableKind>();
    check.file::<Column>();
    check.file::<VariableDef>();
    check.file::<Value>();
    check.file::<Profile>();
    check.file::<SectionOrigin>();
    check.file::<Section>();
    check.file::<Document>();
    check.file::<DocumentSummary>();
    check.file::<Version>();
    check.file::<WorkspaceInfo>();
    check.file::<AppEvent>();
    check.file::<Preview>();
    check.file::<ClauseDraft>();
    check.file::<Highlight>();
    check.file::<SearchHit>();
    check.file::<ClauseRevision>();
    check.file::<TrashedClause>();
    check.file::<ImportReport>();
    check.file::<clausewright_core::store::TemplateSummary>();
    check.file::<clausewright_core::store::VariantAdvice>();
    check.file::<clausewright_core::store::BackupInfo>();
    check.file::<clausewright_core::store::BackupReason>();
    check.file::<VersionSummary>();
    check.file::<clausewright_core::check::Report>();
    check.file::<clausewright_core::check::JurisdictionCheck>();
    check.file::<clausewright_core::check::RequirementResult>();
    check.file::<clausewright_core::check::Status>();
    check.file::<clausewright_core::check::Evidence>();
    check.file::<clausewright_core::check::Severity>();
    check.file::<clausewright_core::check::Finding>();
    check.file::<clausewright_core::check::CheckOptions>();
    check.file::<clausewright_core::diff::Comparison>();
    check.file::<clausewright_core::diff::SectionChange>();
    check.file::<clausewright_core::diff::Row>();
    check.file::<clausewright_core::diff::formatted::Block>();
    check.file::<clausewright_core::diff::formatted::Line>();
    check.file::<clausewright_core::diff::formatted::LineStyle>();
    check.file::<clausewright_core::diff::formatted::RowChange>();
    check.file::<clausewright_core::diff::formatted::Run>();
    check.file::<clausewright_core::diff::formatted::Format>();
    check.file::<clausewright_core::diff::DiffOp>();
    check.file::<clausewright_core::diff::OpKind>();
    check.file::<clausewright_core::diff::SectionStatus>();
    check.file::<clausewright_core::diff::DiffStats>();
    check.file::<clausewright_core::import::ImportPreview>();
    check.file::<clausewright_core::import::ImportedSection>();
    check.file::<clausewright_core::import::Imported>();
    check.file::<clausewright_core::export::Format>();
    check.file::<clausewright_core::export::RedlineFormat>();
    check.file::<Comment>();
    check.file::<Proposal>();
    check.file::<ProposalKind>();
    check.file::<ProposalStatus>();
    check.file::<ReviewSummary>();
    check.file::<clausewright_core::review::Decision>();

    let extra: Vec<String> = std::fs::read_dir(bindings_dir())
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    let orphans: Vec<&String> = extra.iter().filter(|f| !check.written.contains(f)).collect();
    assert!(orphans.is_empty(), "bindings with no Rust type behind them: {orphans:?}; delete them");
    assert!(
        check.stale.is_empty(),
        "stale TypeScript bindings {:?}: run `make bindings` and commit ui/src/ipc/bindings",
        check.stale
    );
}
