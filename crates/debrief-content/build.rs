//! Parses the built-in pack once, at build time, into a snapshot the binary reads at start-up.
//!
//! Reading TOML is most of what a command spends before it can work (`debrief grade` from a
//! shell loads the whole pack to grade one answer), and the built-in files never change after
//! the build. So the build parses them with the loader's own code (`src/parse.rs`) and writes
//! the merged entries as JSON, which reads several times faster, with every entry's origin
//! beside them and whether the pack is valid. When a file does not parse the snapshot is left empty, and the binary parses
//! the files itself at run time so the author sees every problem with its line.

use std::path::{Path, PathBuf};

#[path = "src/parse.rs"]
#[allow(dead_code)]
mod parse;

use debrief_pack::Pack;

/// Folders of the pack root that hold no pack entries (as `NOT_PACK_DIRS` in the library).
const NOT_PACK_DIRS: [&str; 1] = ["calibration"];

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest.join("../../content");
    println!("cargo:rerun-if-changed={}", root.display());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let snapshot = snapshot(&root).unwrap_or_default();
    std::fs::write(out.join("built-in-pack.json"), snapshot).expect("OUT_DIR is writable");
}

/// The merged pack of every file under `root`, as JSON; `None` when a file fails to read or
/// parse.
fn snapshot(root: &Path) -> Option<String> {
    let mut files = Vec::new();
    walk(root, root, &mut files)?;
    files.sort_by(|a: &parse::SourceFile, b| a.path.cmp(&b.path));
    let mut pack = Pack::default();
    for file in &files {
        pack.append(parse::parse_file(file).ok()?);
    }
    let mut origins = Vec::new();
    pack.origins_mut(&mut |_, _, _, origin| {
        origins.push((origin.file.clone(), origin.line));
    });
    // Validated here too, so a start-up with no user content need not check it again.
    let valid = debrief_pack::validate(&pack).is_empty();
    let snapshot = serde_json::json!({ "origins": origins, "valid": valid, "pack": pack });
    serde_json::to_string(&snapshot).ok()
}

/// Every `.toml` file below `dir`, named as the embedded pack names it (`content/...`).
fn walk(root: &Path, dir: &Path, out: &mut Vec<parse::SourceFile>) -> Option<()> {
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        let relative = path
            .strip_prefix(root)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        if path.is_dir() {
            if !NOT_PACK_DIRS.contains(&relative.as_str()) {
                walk(root, &path, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(parse::SourceFile {
                path: format!("content/{relative}"),
                text: std::fs::read_to_string(&path).ok()?.into(),
            });
        }
    }
    Some(())
}
