//! The workspace's shape, checked: crates import only from layers below them, the pure crates
//! stay pure, no crate has a module cycle, and no source file grows past the size a reader can
//! hold. ARCHITECTURE.md describes the same layers in words; this file is the enforceable copy.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every workspace crate and its layer. A crate may depend only on crates of a lower layer.
const LAYERS: &[(&str, u32)] = &[
    ("debrief-text", 0),
    ("debrief-embed", 0),
    ("debrief-offer", 0),
    ("debrief-pack", 1),
    ("debrief-grader", 2),
    ("debrief-coach", 3),
    ("debrief-content", 4),
    ("debrief-store", 4),
    ("debrief-practice", 5),
    ("debrief-web", 6),
    ("debrief-cli", 7),
    ("e2e", 8),
    ("architecture", 8),
];

/// The crates that do no I/O, read no clock and keep no global state.
const PURE: &[&str] = &[
    "debrief-text",
    "debrief-embed",
    "debrief-offer",
    "debrief-pack",
    "debrief-grader",
    "debrief-coach",
];

/// The only outside crates a pure crate may use.
const PURE_MAY_USE: &[&str] = &[
    "serde",
    "serde_json",
    "thiserror",
    "aho-corasick",
    "rust-stemmers",
    // A hash for short word keys: no I/O, no state, and no random seed (unlike std's).
    "rustc-hash",
];

/// What a pure crate's code may not mention (outside its tests).
const IMPURE: &[&str] = &[
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::thread",
    "SystemTime",
    "Instant::",
    "thread_local!",
    "static mut",
];

/// The longest source file a reader is asked to hold.
const MAX_LINES: usize = 1_200;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace folder")
}

/// Every crate under `crates/`: its folder and parsed manifest.
fn crates() -> Vec<(PathBuf, toml::Table)> {
    let mut out = Vec::new();
    let dir = workspace().join("crates");
    for entry in fs::read_dir(&dir).expect("crates/") {
        let path = entry.expect("entry").path();
        let manifest = path.join("Cargo.toml");
        if manifest.is_file() {
            let text = fs::read_to_string(&manifest).expect("manifest");
            let table: toml::Table = text
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
            out.push((path, table));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn name_of(manifest: &toml::Table) -> String {
    manifest["package"]["name"]
        .as_str()
        .expect("package.name")
        .to_owned()
}

fn layer_of(name: &str) -> Option<u32> {
    LAYERS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
}

/// The names of what the crate depends on to build (not its dev-dependencies).
fn dependencies(manifest: &toml::Table) -> Vec<String> {
    ["dependencies", "build-dependencies"]
        .iter()
        .filter_map(|k| manifest.get(*k).and_then(toml::Value::as_table))
        .flat_map(|t| t.keys().cloned())
        .collect()
}

/// A file's path from the workspace root, for messages.
fn shown(file: &Path) -> String {
    let root = workspace();
    file.strip_prefix(&root)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_crate_has_a_layer() {
    let missing: Vec<String> = crates()
        .iter()
        .map(|(_, m)| name_of(m))
        .filter(|n| layer_of(n).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "crates without a layer in LAYERS (add them, and to ARCHITECTURE.md): {missing:?}"
    );
}

#[test]
fn dependencies_point_down_the_layers() {
    let mut wrong = Vec::new();
    for (_, manifest) in crates() {
        let name = name_of(&manifest);
        let Some(own) = layer_of(&name) else { continue };
        for dep in dependencies(&manifest) {
            if let Some(theirs) = layer_of(&dep)
                && theirs >= own
            {
                wrong.push(format!(
                    "{name} (layer {own}) depends on {dep} (layer {theirs})"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "upward or sideways imports:\n{}",
        wrong.join("\n")
    );
}

/// The code of a file before its unit tests (by convention they come last).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

#[test]
fn pure_crates_stay_pure() {
    let mut wrong = Vec::new();
    for (dir, manifest) in crates() {
        let name = name_of(&manifest);
        if !PURE.contains(&name.as_str()) {
            continue;
        }
        for dep in dependencies(&manifest) {
            if layer_of(&dep).is_none() && !PURE_MAY_USE.contains(&dep.as_str()) {
                wrong.push(format!("{name} depends on {dep}"));
            }
        }
        for file in rust_files(&dir.join("src")) {
            let text = fs::read_to_string(&file).expect("source");
            for (n, line) in without_tests(&text).lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                let global = code.trim_start().starts_with("static ") || code.contains(" static ");
                let mutable = ["Mutex", "RwLock", "OnceLock", "LazyLock", "Atomic", "Cell<"]
                    .iter()
                    .any(|m| code.contains(m));
                for word in IMPURE {
                    if code.contains(word) {
                        wrong.push(format!("{}:{}: {word}", shown(&file), n + 1));
                    }
                }
                if global && mutable {
                    wrong.push(format!("{}:{}: global state", shown(&file), n + 1));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "impure code in a pure crate:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_source_file_is_too_long() {
    let root = workspace();
    let mut long = Vec::new();
    for dir in [root.join("crates"), root.join("fuzz")] {
        for file in rust_files(&dir) {
            let lines = fs::read_to_string(&file).expect("source").lines().count();
            if lines > MAX_LINES {
                let shown = file.strip_prefix(&root).unwrap_or(&file);
                long.push(format!("{} has {lines} lines", shown.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines (split them along a seam):\n{}",
        long.join("\n")
    );
}

#[test]
fn no_crate_has_a_module_cycle() {
    let mut found = Vec::new();
    for (dir, manifest) in crates() {
        let src = dir.join("src");
        let mut files = BTreeMap::new();
        for file in rust_files(&src) {
            let rel = file.strip_prefix(&src).expect("below src");
            if let Some(module) = module_of(rel) {
                let text = fs::read_to_string(&file).expect("source");
                files.insert(module, text);
            }
        }
        for cycle in module_cycles(&files) {
            found.push(format!("{}: {}", name_of(&manifest), cycle.join(" -> ")));
        }
    }
    assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));
}

// -------------------------------------------------------------------------------------------
// Module graph: one node per file, an edge where one file names an item of another. A file's
// ties to its own ancestors and descendants (a parent declaring or re-exporting its children,
// a child using its parent's items) are the module tree itself, not cycles, and are left out.
// -------------------------------------------------------------------------------------------

type Module = Vec<String>;

/// The module a file under `src/` defines: `lib.rs` is the root, `a/mod.rs` and `a.rs` are
/// `a`. Binaries' extra roots (`src/bin`) are left out.
fn module_of(rel: &Path) -> Option<Module> {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.first().is_some_and(|p| p == "bin") {
        return None;
    }
    let (last, dirs) = parts.split_last()?;
    let mut module: Module = dirs.to_vec();
    let stem = last.strip_suffix(".rs")?;
    if !(stem == "mod" || (dirs.is_empty() && (stem == "lib" || stem == "main"))) {
        module.push(stem.to_owned());
    }
    Some(module)
}

/// The text with line comments removed (so docs that name paths are not imports).
fn code_only(text: &str) -> String {
    without_tests(text)
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expands a `use` tree such as `crate::{a::B, c::{D, E}}` into whole paths.
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let close = tree.rfind('}').filter(|c| *c > open).unwrap_or(tree.len());
    let inner = &tree[open + 1..close];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand_use(&format!("{prefix}{p}")))
        .collect()
}

/// Every path a file names from its own crate, made absolute: `crate::`, `super::` and
/// `self::` paths, in `use` statements and inline.
fn paths_in(module: &Module, text: &str, modules: &BTreeSet<Module>) -> Vec<(Module, bool)> {
    let code = code_only(text);
    let mut raw: Vec<(String, bool)> = Vec::new();
    // `use` statements (each starts a line), with their groups expanded; `pub use` marks a
    // re-export.
    let mut lines = code.lines();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        let (public, body) = if let Some(b) = t.strip_prefix("use ") {
            (false, b)
        } else if let Some(b) = t.strip_prefix("pub use ") {
            (true, b)
        } else if let Some(b) = t.strip_prefix("pub(crate) use ") {
            (true, b)
        } else if let Some(b) = t.strip_prefix("pub(super) use ") {
            (true, b)
        } else {
            continue;
        };
        let mut statement = body.to_owned();
        while !statement.contains(';') {
            match lines.next() {
                Some(more) => statement.push_str(more),
                None => break,
            }
        }
        let statement = statement.split(';').next().unwrap_or("");
        for p in expand_use(statement) {
            raw.push((p, public));
        }
    }
    // Inline paths.
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            let prior = code[..at].chars().last();
            if prior.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':')) {
                let path: String = code[at..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                raw.push((path, false));
            }
            from = at + start.len();
        }
    }
    raw.into_iter()
        .filter_map(|(p, public)| absolute(module, &p, modules).map(|m| (m, public)))
        .collect()
}

/// `p` as segments from the crate root, or `None` for a path into another crate. A path that
/// starts with a child module's name is relative to this module.
fn absolute(module: &Module, p: &str, modules: &BTreeSet<Module>) -> Option<Module> {
    let mut segs: Vec<&str> = p
        .split("::")
        .filter(|s| !s.is_empty() && *s != "*")
        .collect();
    let mut base: Module = match segs.first().copied() {
        Some("crate") => Vec::new(),
        Some("self") => module.clone(),
        Some("super") => module.clone(),
        Some(first) => {
            let mut child = module.clone();
            child.push(first.to_owned());
            if !modules.contains(&child) {
                return None;
            }
            module.clone()
        }
        None => return None,
    };
    if segs.first() == Some(&"crate") || segs.first() == Some(&"self") {
        segs.remove(0);
    }
    while segs.first() == Some(&"super") {
        segs.remove(0);
        base.pop();
    }
    base.extend(
        segs.into_iter()
            .map(|s| s.split(" as ").next().unwrap_or(s).to_owned()),
    );
    Some(base)
}

/// The file module a path lands in: the longest prefix that is a file, following the
/// re-exports (`pub use`) of the module it stops at.
fn resolve(
    path: &Module,
    modules: &BTreeSet<Module>,
    exports: &BTreeMap<Module, BTreeMap<String, Module>>,
) -> Module {
    let mut path = path.clone();
    for _ in 0..8 {
        let mut at = path.len();
        while at > 0 && !modules.contains(&path[..at].to_vec()) {
            at -= 1;
        }
        let module = path[..at].to_vec();
        let Some(name) = path.get(at) else {
            return module;
        };
        match exports.get(&module).and_then(|e| e.get(name)) {
            Some(target) if *target != path => path = target.clone(),
            _ => return module,
        }
    }
    path
}

fn related(a: &Module, b: &Module) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// The cycles of the file graph, each as a list of modules (`crate` for the root).
fn module_cycles(files: &BTreeMap<Module, String>) -> Vec<Vec<String>> {
    let modules: BTreeSet<Module> = files.keys().cloned().collect();
    let named: BTreeMap<&Module, Vec<(Module, bool)>> = files
        .iter()
        .map(|(m, t)| (m, paths_in(m, t, &modules)))
        .collect();
    // Re-exports: `pub use a::B` in module M makes `M::B` mean `a::B`.
    let mut exports: BTreeMap<Module, BTreeMap<String, Module>> = BTreeMap::new();
    for (m, paths) in &named {
        for (p, public) in paths {
            if *public && let Some(last) = p.last() {
                exports
                    .entry((*m).clone())
                    .or_default()
                    .insert(last.clone(), p.clone());
            }
        }
    }
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, paths) in &named {
        for (p, _) in paths {
            let target = resolve(p, &modules, &exports);
            if !related(m, &target) {
                edges.entry((*m).clone()).or_default().insert(target);
            }
        }
    }
    strongly_connected(&modules, &edges)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| {
            c.into_iter()
                .map(|m| {
                    if m.is_empty() {
                        "crate".to_owned()
                    } else {
                        m.join("::")
                    }
                })
                .collect()
        })
        .collect()
}

/// Tarjan's strongly connected components.
fn strongly_connected(
    nodes: &BTreeSet<Module>,
    edges: &BTreeMap<Module, BTreeSet<Module>>,
) -> Vec<Vec<Module>> {
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on_stack: BTreeSet<Module>,
        out: Vec<Vec<Module>>,
    }
    fn visit(s: &mut State<'_>, v: &Module) {
        let i = s.index.len();
        s.index.insert(v.clone(), i);
        s.low.insert(v.clone(), i);
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone());
        let next: Vec<Module> = s
            .edges
            .get(v)
            .map(|e| e.iter().cloned().collect())
            .unwrap_or_default();
        for w in next {
            if !s.index.contains_key(&w) {
                visit(s, &w);
                let low = s.low[v].min(s.low[&w]);
                s.low.insert(v.clone(), low);
            } else if s.on_stack.contains(&w) {
                let low = s.low[v].min(s.index[&w]);
                s.low.insert(v.clone(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                let done = w == *v;
                component.push(w);
                if done {
                    break;
                }
            }
            component.sort();
            s.out.push(component);
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in nodes {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

// The checker itself, on small made-up crates, so a broken checker cannot pass silently.

fn made_up(files: &[(&str, &str)]) -> BTreeMap<Module, String> {
    files
        .iter()
        .map(|(path, text)| {
            (
                module_of(Path::new(path)).expect("a module"),
                (*text).to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_checker_finds_a_cycle_through_use_groups_and_re_exports() {
    let cyclic = made_up(&[
        ("lib.rs", "mod a;\nmod b;\npub use a::Apple;\n"),
        (
            "a.rs",
            "use crate::{b::{Bean, Bread}};\npub struct Apple;\n",
        ),
        (
            "b.rs",
            "use crate::Apple; // through the root's re-export\npub struct Bean;\n",
        ),
    ]);
    assert_eq!(
        module_cycles(&cyclic),
        vec![vec!["a".to_owned(), "b".to_owned()]]
    );
}

#[test]
fn the_checker_accepts_a_tree_and_parent_child_ties() {
    let fine = made_up(&[
        (
            "lib.rs",
            "mod a;\nmod b;\npub use a::Apple;\npub struct Root;\n",
        ),
        (
            "a.rs",
            "use crate::b::Bean;\nuse super::Root;\npub struct Apple;\n",
        ),
        (
            "b.rs",
            "pub struct Bean; // crate::a::Apple in a comment is no import\n",
        ),
        ("b/c.rs", "use super::Bean;\n"),
    ]);
    assert!(module_cycles(&fine).is_empty());
}

#[test]
fn the_checker_sees_inline_super_paths() {
    let cyclic = made_up(&[
        ("lib.rs", "mod x;\n"),
        ("x/mod.rs", "mod p;\nmod q;\n"),
        ("x/p.rs", "fn f() -> super::q::Q { todo() }\n"),
        ("x/q.rs", "pub struct Q(crate::x::p::P);\n"),
    ]);
    assert_eq!(
        module_cycles(&cyclic),
        vec![vec!["x::p".to_owned(), "x::q".to_owned()]]
    );
}
