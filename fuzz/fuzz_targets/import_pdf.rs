//! Import of a .pdf file: any bytes give a preview or an error, never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = clausewright_core::import::preview_bytes("fuzz.pdf", bytes, None);
});
