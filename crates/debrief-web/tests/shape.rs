//! The crate's shape, checked on its own sources so it stays the shape `lib.rs` describes:
//!
//! - no module imports another that imports it back, directly or through others (a parent
//!   and its own child modules aside), file by file and between the top-level modules;
//! - nothing under `src/ui/` imports from `routes/`, `auth/` or `error.rs`: view models are
//!   shared by pages and know nothing of handlers;
//! - no source or test file is over 1,200 lines;
//! - all scripts together (`static/*.js` and inline `<script>`s in templates) stay under 350
//!   lines, so no page is drawn in JavaScript;
//! - no template marks anything `|safe`: askama escapes every value.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crate's folder.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` whose name ends with `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.to_string_lossy().ends_with(ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A module's path, `["ui", "report"]`, from its file under `src/` (`lib.rs` is `[]`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "lib" && stem != "mod" {
        parts.push(stem.to_owned());
    }
    parts
}

/// The code of a file without comments and without its trailing `#[cfg(test)]` module, whose
/// imports are not the module's.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths named after `crate::` or `super::` in `code`, with `{a, b::c}` groups expanded:
/// each as (`"crate"` or `"super"`, its segments).
fn paths(code: &str) -> Vec<(&'static str, Vec<String>)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    for (prefix, name) in [("crate::", "crate"), ("super::", "super")] {
        let mut from = 0;
        while let Some(at) = code[from..].find(prefix) {
            let start = from + at;
            from = start + prefix.len();
            let before = start.checked_sub(1).map(|i| bytes[i]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':') {
                continue;
            }
            let mut found = Vec::new();
            expand(code, &mut from, Vec::new(), &mut found);
            out.extend(found.into_iter().map(|segments| (name, segments)));
        }
    }
    out
}

/// Reads a path at `at` (identifiers joined by `::`, maybe ending in a `{...}` group) after
/// `base`, and pushes every full path it names.
fn expand(code: &str, at: &mut usize, base: Vec<String>, out: &mut Vec<Vec<String>>) {
    let bytes = code.as_bytes();
    let mut segments = base;
    loop {
        while *at < bytes.len() && bytes[*at].is_ascii_whitespace() {
            *at += 1;
        }
        if *at < bytes.len() && bytes[*at] == b'{' {
            *at += 1;
            loop {
                expand(code, at, segments.clone(), out);
                while *at < bytes.len() && bytes[*at].is_ascii_whitespace() {
                    *at += 1;
                }
                match bytes.get(*at) {
                    Some(b',') => *at += 1,
                    Some(b'}') => {
                        *at += 1;
                        return;
                    }
                    _ => return,
                }
                while *at < bytes.len() && bytes[*at].is_ascii_whitespace() {
                    *at += 1;
                }
                if bytes.get(*at) == Some(&b'}') {
                    *at += 1;
                    return;
                }
            }
        }
        let start = *at;
        while *at < bytes.len() && (bytes[*at].is_ascii_alphanumeric() || bytes[*at] == b'_') {
            *at += 1;
        }
        if start == *at {
            break;
        }
        segments.push(code[start..*at].to_owned());
        if code[*at..].starts_with("::") {
            *at += 2;
        } else {
            break;
        }
    }
    out.push(segments);
}

/// The longest module in `known` that `segments` starts with.
fn resolve(known: &BTreeSet<Vec<String>>, segments: &[String]) -> Vec<String> {
    (0..=segments.len())
        .rev()
        .map(|n| segments[..n].to_vec())
        .find(|m| known.contains(m))
        .unwrap_or_default()
}

/// Whether one module is the other's ancestor (or the same module).
fn related(a: &[String], b: &[String]) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

/// Every module and the modules it imports, parents and children left out.
fn imports() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = root().join("src");
    let sources: Vec<(Vec<String>, String)> = files(&src, ".rs")
        .into_iter()
        .map(|f| (module_of(&src, &f), code_of(&read(&f))))
        .collect();
    let known: BTreeSet<Vec<String>> = sources.iter().map(|(m, _)| m.clone()).collect();
    let mut graph = BTreeMap::new();
    for (module, code) in &sources {
        let mut edges = BTreeSet::new();
        for (prefix, segments) in paths(code) {
            let mut full = if prefix == "super" {
                module[..module.len().saturating_sub(1)].to_vec()
            } else {
                Vec::new()
            };
            full.extend(segments);
            let target = resolve(&known, &full);
            if !related(module, &target) {
                edges.insert(target);
            }
        }
        graph.insert(module.clone(), edges);
    }
    graph
}

/// Every node reachable from `from` in `graph`.
fn reachable<N: Ord + Clone>(graph: &BTreeMap<N, BTreeSet<N>>, from: &N) -> BTreeSet<N> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<N> = graph.get(from).into_iter().flatten().cloned().collect();
    while let Some(node) = todo.pop() {
        if seen.insert(node.clone()) {
            todo.extend(graph.get(&node).into_iter().flatten().cloned());
        }
    }
    seen
}

/// Every edge `a -> b` of `graph` whose target leads back to `a`.
fn cycles<N: Ord + Clone>(graph: &BTreeMap<N, BTreeSet<N>>) -> Vec<(N, N)> {
    let mut out = Vec::new();
    for (a, targets) in graph {
        for b in targets {
            if b == a || reachable(graph, b).contains(a) {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}

#[test]
fn the_path_reader_expands_groups_and_skips_longer_names() {
    let code = "use crate::{AppState, ui::{Meta, report::Piece}};\nlet x = my_crate::a; \
                super::lint::strength_label(s);";
    let found: Vec<(&str, String)> = paths(code)
        .into_iter()
        .map(|(p, s)| (p, s.join("::")))
        .collect();
    assert_eq!(
        found,
        [
            ("crate", "AppState".to_owned()),
            ("crate", "ui::Meta".to_owned()),
            ("crate", "ui::report::Piece".to_owned()),
            ("super", "lint::strength_label".to_owned()),
        ]
    );
}

#[test]
fn no_two_modules_import_each_other() {
    let graph = imports();
    assert!(
        graph.contains_key(&vec!["ui".to_owned(), "report".to_owned()]),
        "the modules were read: {:?}",
        graph.keys().collect::<Vec<_>>()
    );
    let found: Vec<String> = cycles(&graph)
        .into_iter()
        .map(|(a, b)| format!("{} imports {}, which leads back", name(&a), name(&b)))
        .collect();
    assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));

    // The same between the top-level modules (routes, ui, auth, error, ...), each taken whole.
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, targets) in &graph {
        let Some(from) = module.first() else { continue };
        let entry = top.entry(from.clone()).or_default();
        for target in targets {
            if let Some(to) = target.first().filter(|t| *t != from) {
                entry.insert(to.clone());
            }
        }
    }
    let found: Vec<String> = cycles(&top)
        .into_iter()
        .map(|(a, b)| format!("{a} imports {b}, which leads back"))
        .collect();
    assert!(
        found.is_empty(),
        "cycles between top-level modules:\n{}",
        found.join("\n")
    );
}

#[test]
fn view_models_know_nothing_of_routes_auth_or_errors() {
    for (module, targets) in imports() {
        if module.first().map(String::as_str) != Some("ui") {
            continue;
        }
        for target in targets {
            let top = target.first().map(String::as_str).unwrap_or("crate");
            assert!(
                !matches!(top, "routes" | "auth" | "error"),
                "{} imports {}",
                name(&module),
                name(&target)
            );
        }
    }
}

#[test]
fn no_file_is_over_1200_lines() {
    let mut long = Vec::new();
    for dir in ["src", "tests"] {
        for file in files(&root().join(dir), ".rs") {
            let lines = read(&file).lines().count();
            if lines > 1200 {
                long.push(format!("{}: {lines} lines", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over 1,200 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn scripts_stay_small_and_templates_escape_everything() {
    let mut lines = 0;
    for file in files(&root().join("static"), ".js") {
        lines += read(&file).lines().count();
    }
    for file in files(&root().join("templates"), ".html") {
        let text = read(&file);
        assert!(
            !text.contains("|safe"),
            "{} marks a value |safe",
            file.display()
        );
        // Inline scripts count too (a `<script src=...>` has no body to count).
        let mut rest = text.as_str();
        while let Some(at) = rest.find("<script") {
            let after = &rest[at..];
            let open_end = after.find('>').map_or(after.len(), |i| i + 1);
            let close = after.find("</script>").unwrap_or(after.len());
            lines += after[open_end..close.max(open_end)]
                .lines()
                .filter(|l| !l.trim().is_empty())
                .count();
            rest = &after[close.max(open_end)..];
        }
    }
    assert!(
        lines < 350,
        "{lines} lines of script; keep all of it under 350"
    );
}
