// The built-in library in ../../assets is embedded with include_dir, which cannot tell cargo
// about the files it reads on stable Rust; without this an edited clause would not rebuild.
fn main() {
    println!("cargo:rerun-if-changed=../../assets");
}
