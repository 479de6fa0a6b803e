//! Rendering any Markdown (with placeholders) never panics; the output is sanitized HTML.
#![no_main]
use clausewright_core::domain::Profile;
use clausewright_core::library::Library;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::builtin().expect("the built-in library loads"))
}

fuzz_target!(|text: &str| {
    let _ = clausewright_core::render::render_markdown(text, &Profile::default(), library());
});
