//! The built-in pack is embedded with `include_dir!`, which cargo cannot see into: tell cargo
//! to rebuild when any file under content/ changes.
fn main() {
    println!("cargo:rerun-if-changed=../../content");
}
