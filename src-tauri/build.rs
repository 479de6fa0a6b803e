/// The commands the UI may call. Declaring them makes tauri-build generate one permission per
/// command (`allow-<name>`), granted in capabilities/main.json and nowhere else (security S4).
pub const COMMANDS: &[&str] = &[
    "workspace_info",
    "list_topics",
    "list_clauses",
    "clause_preview",
    "list_documents",
    "get_document",
    "document_preview",
    "search_clauses",
    "get_clause",
    "clause_revisions",
    "list_variables",
    "list_requirements",
    "create_clause",
    "update_clause",
    "duplicate_clause",
    "delete_clause",
    "restore_clause",
    "list_trash",
    "list_templates",
    "create_document",
    "rename_document",
    "duplicate_document",
    "delete_document",
    "restore_document",
    "list_document_trash",
    "add_section",
    "add_blank_section",
    "move_section",
    "remove_section",
    "update_section",
    "take_clause_update",
    "variant_advice",
    "use_variant",
    "set_profile_value",
    "restore_content",
    "preview_draft",
    "stage_section_edit",
    "app_events",
    "close_ready",
    "get_author",
    "set_author",
    "save_version",
    "list_versions",
    "restore_version",
    "list_backups",
    "create_backup",
    "restore_backup",
    "compare",
    "compare_with_file",
    "import_pick",
    "import_commit",
    "export_document",
    "export_redline",
    "check_document",
    "review_versions",
    "review_word_file",
    "list_proposals",
    "decide_proposals",
    "list_comments",
    "add_comment",
    "reply_to_comment",
    "set_comment_resolved",
];

fn main() {
    println!("cargo:rerun-if-changed=../ui/dist");
    link_at_a_fixed_address();
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("tauri-build");
}

/// A position-independent executable is relocated at every start: 127,000 pointers in the
/// app's tables (most of them Typst's) written one page at a time. Linked at a fixed address
/// the linker resolves them once, and start-up costs what git's does (docs/benchmarks.md).
fn link_at_a_fixed_address() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
