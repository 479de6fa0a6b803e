//! A Word file read as a review (both readings of its tracked changes, its comments): any bytes
//! give a review or an error, never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = clausewright_core::import::review("fuzz.docx", bytes);
});
