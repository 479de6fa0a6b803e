//! A text's lines, each with its line break, found by `memchr` (SIMD; the `char` search behind
//! `str::split_inclusive` reads a word at a time). Every file compared or imported is cut into
//! lines, so this is much of the time a command-line diff takes (issue #15).
//!
//! On x86_64 the search is memchr's SSE2 one, which every x86_64 processor has: memchr's
//! default first asks the processor what it has (`cpuid`), and in a virtual machine each such
//! question traps to the hypervisor, tens of microseconds a process (docs/benchmarks.md).

/// The lines of `text`, each with its `\n` (the last one without, if the text does not end
/// with one): `str::split_inclusive('\n')`.
pub fn inclusive(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = next_break(text, start).map_or(text.len(), |at| at + 1);
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// Where the first line break at or after byte `from` is.
pub fn next_break(text: &str, from: usize) -> Option<usize> {
    find_byte(b'\n', &text.as_bytes()[from..]).map(|at| from + at)
}

/// Where `needle` first is in `haystack`.
#[cfg(target_arch = "x86_64")]
pub fn find_byte(needle: u8, haystack: &[u8]) -> Option<usize> {
    match memchr::arch::x86_64::sse2::memchr::One::new(needle) {
        Some(one) => one.find(haystack),
        // Only a target built without SSE2, which no x86_64 processor lacks.
        None => memchr::memchr(needle, haystack),
    }
}

#[cfg(not(target_arch = "x86_64"))]
pub fn find_byte(needle: u8, haystack: &[u8]) -> Option<usize> {
    memchr::memchr(needle, haystack)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_split_inclusive_gives() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "é\nü\r\n", "\n\n"] {
            assert_eq!(inclusive(text).collect::<Vec<_>>(), text.split_inclusive('\n').collect::<Vec<_>>(), "{text:?}");
        }
        assert_eq!(next_break("ab\ncd\n", 3), Some(5));
        assert_eq!(next_break("ab", 0), None);
    }
}
