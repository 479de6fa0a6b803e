/// A position-independent executable is relocated at every start: over 100,000 pointers in
/// the binary's tables (most of them Typst's) written one page at a time, which made
/// `clausewright-cli --version` three times slower than `git --version`. Linked at a fixed
/// address the linker resolves them once (docs/benchmarks.md, issue #15).
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
