//! debrief-content: loads content packs into a validated [`Catalog`].
//!
//! The built-in pack (the repository's `content/` folder) is compiled into the binary, so
//! debrief works offline from a single file. A user folder laid out the same way adds entries
//! or replaces built-in ones by id. Every problem found, in TOML syntax or in meaning, is
//! reported at once with its file, line and field, because a content author wants the whole
//! list, not one error per run.

use std::path::{Path, PathBuf};

use debrief_grader::calibrate::{
    ArtifactPair, CalibrationLevels, CalibrationPair, CalibrationSet, GamingCase,
};
use debrief_pack::{Catalog, Origin, Pack, Problem};
use include_dir::{Dir, include_dir};

static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../content");

/// The environment variable that names a user content folder.
pub const CONTENT_ENV: &str = "DEBRIEF_CONTENT";

/// Why content could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    /// The pack has problems; every one of them is listed.
    #[error("{} in the content pack:\n{}", plural(.0.len()), list(.0))]
    Invalid(Vec<Diagnostic>),
    /// The user folder could not be read.
    #[error("cannot read content folder {}: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The user folder does not exist or is not a folder.
    #[error("content folder {} does not exist or is not a folder; pass a folder of .toml files laid out like the built-in content/", .0.display())]
    NotAFolder(PathBuf),
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 problem".into()
    } else {
        format!("{n} problems")
    }
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Folders of a pack that hold data other than pack entries (the grader's calibration answers),
/// skipped when a pack is loaded.
pub const NOT_PACK_DIRS: [&str; 1] = ["calibration"];

/// The `.toml` files of the built-in pack, sorted by path.
pub fn built_in_files() -> Vec<SourceFile> {
    let mut out = Vec::new();
    for dir in BUILT_IN.dirs() {
        if !NOT_PACK_DIRS
            .iter()
            .any(|skip| dir.path() == Path::new(skip))
        {
            collect_embedded(dir, &mut out);
        }
    }
    collect_files(&BUILT_IN, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn collect_embedded(dir: &'static Dir<'static>, out: &mut Vec<SourceFile>) {
    collect_files(dir, out);
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

fn collect_files(dir: &'static Dir<'static>, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        let path = file.path();
        if path.extension().is_some_and(|e| e == "toml")
            && let Some(text) = file.contents_utf8()
        {
            out.push(SourceFile {
                path: format!("content/{}", path.to_string_lossy().replace('\\', "/")),
                text: text.into(),
            });
        }
    }
}

/// The built-in calibration set: the pairs and gaming cases of `content/calibration/tuning`
/// and `content/calibration/held-out`, and the recorded levels.
pub fn built_in_calibration() -> Result<CalibrationSet, ContentError> {
    let mut files = Vec::new();
    if let Some(dir) = BUILT_IN.get_dir("calibration") {
        collect_embedded(dir, &mut files);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    parse_calibration(&files)
}

/// A calibration set from a folder laid out like `content/calibration`.
pub fn read_calibration(dir: &Path) -> Result<CalibrationSet, ContentError> {
    if !dir.is_dir() {
        return Err(ContentError::NotAFolder(dir.to_owned()));
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths)?;
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|source| ContentError::Io {
            path: path.clone(),
            source,
        })?;
        files.push(SourceFile {
            path: path.to_string_lossy().replace('\\', "/"),
            text: text.into(),
        });
    }
    parse_calibration(&files)
}

fn parse_calibration(files: &[SourceFile]) -> Result<CalibrationSet, ContentError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct PairFile {
        #[serde(default)]
        pair: Vec<CalibrationPair>,
        #[serde(default)]
        gaming: Vec<GamingCase>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct LevelsFile {
        levels: CalibrationLevels,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ArtifactPairFile {
        #[serde(default)]
        artifact_pair: Vec<ArtifactPair>,
    }
    let mut artifact_pairs = Vec::new();
    let mut pairs = Vec::new();
    let mut gaming = Vec::new();
    let mut levels = None;
    let mut diagnostics = Vec::new();
    let error = |file: &SourceFile, e: toml::de::Error| Diagnostic {
        file: file.path.clone(),
        line: e.span().map_or(1, |s| line_of(&file.text, s.start)),
        field: None,
        message: e.message().trim().to_owned(),
    };
    for file in files {
        if file.path.ends_with("levels.toml") {
            match toml::from_str::<LevelsFile>(&file.text) {
                Ok(l) => levels = Some(l.levels),
                Err(e) => diagnostics.push(error(file, e)),
            }
            continue;
        }
        // Documents for the artifact checker, in their own folder.
        if file.path.contains("artifacts/") {
            match toml::from_str::<ArtifactPairFile>(&file.text) {
                Ok(f) => {
                    let headers = Headers::scan(&file.text);
                    for (i, mut p) in f.artifact_pair.into_iter().enumerate() {
                        p.held_out = file.path.contains("held-out/");
                        p.origin = Origin {
                            file: file.path.clone(),
                            line: headers.line_of("artifact_pair", 0, i),
                        };
                        artifact_pairs.push(p);
                    }
                }
                Err(e) => diagnostics.push(error(file, e)),
            }
            continue;
        }
        match toml::from_str::<PairFile>(&file.text) {
            Ok(f) => {
                let headers = Headers::scan(&file.text);
                let held_out = file.path.contains("held-out/");
                for (i, mut p) in f.pair.into_iter().enumerate() {
                    p.held_out = held_out;
                    p.origin = Origin {
                        file: file.path.clone(),
                        line: headers.line_of("pair", 0, i),
                    };
                    pairs.push(p);
                }
                for (i, mut g) in f.gaming.into_iter().enumerate() {
                    g.held_out = held_out;
                    g.origin = Origin {
                        file: file.path.clone(),
                        line: headers.line_of("gaming", 0, i),
                    };
                    gaming.push(g);
                }
            }
            Err(e) => diagnostics.push(error(file, e)),
        }
    }
    if !diagnostics.is_empty() {
        return Err(ContentError::Invalid(diagnostics));
    }
    Ok(CalibrationSet {
        pairs,
        gaming,
        levels: levels.unwrap_or_default(),
        artifact_pairs,
    })
}

/// Reads every `.toml` file under `dir`, recursively, sorted by path.
pub fn read_folder(dir: &Path) -> Result<Vec<SourceFile>, ContentError> {
    if !dir.is_dir() {
        return Err(ContentError::NotAFolder(dir.to_owned()));
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths)?;
    paths.retain(|p| {
        let rel = p.strip_prefix(dir).unwrap_or(p);
        !NOT_PACK_DIRS.iter().any(|skip| rel.starts_with(skip))
    });
    paths.sort();
    let mut out = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|source| ContentError::Io {
            path: path.clone(),
            source,
        })?;
        let display = path.to_string_lossy().replace('\\', "/");
        match String::from_utf8(bytes) {
            Ok(text) => out.push(SourceFile {
                path: display,
                text: text.into(),
            }),
            Err(e) => diagnostics.push(Diagnostic {
                file: display,
                line: line_of(
                    &String::from_utf8_lossy(e.as_bytes()),
                    e.utf8_error().valid_up_to(),
                ),
                field: None,
                message: "the file is not valid UTF-8; save it as UTF-8".into(),
            }),
        }
    }
    if diagnostics.is_empty() {
        Ok(out)
    } else {
        Err(ContentError::Invalid(diagnostics))
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ContentError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ContentError::Io {
        path: dir.to_owned(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| ContentError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Loads the built-in pack, with the user folder laid over it when given.
pub fn load(user: Option<&Path>) -> Result<Catalog, ContentError> {
    let user_files = match user {
        Some(dir) => read_folder(dir)?,
        None => Vec::new(),
    };
    let files = built_in_files();
    match built_in_snapshot() {
        // The build validated the built-in pack; with nothing laid over it, it stands as is.
        Some((base, true)) if user_files.is_empty() => Ok(Catalog::prevalidated(base)),
        Some((base, _)) => load_over(base, Vec::new(), &files, &user_files),
        None => load_layers(&files, &user_files),
    }
}

/// Loads a base layer and an overlay from their files. Entries of the overlay replace base
/// entries with the same id; every problem of both layers is reported together.
pub fn load_layers(base: &[SourceFile], overlay: &[SourceFile]) -> Result<Catalog, ContentError> {
    let mut diagnostics = Vec::new();
    let pack = parse_layer(base, &mut diagnostics);
    load_over(pack, diagnostics, base, overlay)
}

/// Lays the overlay's files over a base pack parsed from `base` and validates the result;
/// `diagnostics` holds the problems found so far.
fn load_over(
    mut pack: Pack,
    mut diagnostics: Vec<Diagnostic>,
    base: &[SourceFile],
    overlay: &[SourceFile],
) -> Result<Catalog, ContentError> {
    let top = parse_layer(overlay, &mut diagnostics);
    pack.merge(top);
    let problems = match Catalog::new(pack) {
        Ok(catalog) if diagnostics.is_empty() => return Ok(catalog),
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    };
    let files: Vec<&SourceFile> = base.iter().chain(overlay).collect();
    diagnostics.extend(problems.into_iter().map(|p| locate(p, &files)));
    Err(ContentError::Invalid(diagnostics))
}

/// The built-in pack as the build parsed it (see `build.rs`): empty when a built-in file did
/// not parse at build time.
const SNAPSHOT: &str = include_str!(concat!(env!("OUT_DIR"), "/built-in-pack.json"));

/// The built-in pack from the build's snapshot, every entry with its origin, and whether the
/// build found it valid: the same pack `parse_layer(&built_in_files())` makes, read several
/// times faster. `None` when there is no snapshot (a built-in file did not parse), so the
/// caller parses the files and reports why.
pub fn built_in_snapshot() -> Option<(Pack, bool)> {
    #[derive(serde::Deserialize)]
    struct Snapshot {
        origins: Vec<(String, u32)>,
        valid: bool,
        pack: Pack,
    }
    if SNAPSHOT.is_empty() {
        return None;
    }
    let Snapshot {
        origins,
        valid,
        mut pack,
    } = serde_json::from_str(SNAPSHOT).ok()?;
    // Origins are not part of an entry's serialized form; they were listed in the order
    // `origins_mut` visits entries, which depends only on the pack's shape.
    let mut origins = origins.into_iter();
    let mut complete = true;
    pack.origins_mut(&mut |_, _, _, origin| match origins.next() {
        Some((file, line)) => {
            origin.file = file;
            origin.line = line;
        }
        None => complete = false,
    });
    (complete && origins.next().is_none()).then_some((pack, valid))
}

/// Parses every file of a layer and concatenates them (duplicates stay, for validation to see).
fn parse_layer(files: &[SourceFile], diagnostics: &mut Vec<Diagnostic>) -> Pack {
    let mut layer = Pack::default();
    for parsed in parse_all(files) {
        match parsed {
            Ok(pack) => layer.append(pack),
            Err(d) => diagnostics.push(d),
        }
    }
    layer
}

/// Every file parsed, in the files' order. Files parse independently, and parsing is most of
/// the time a command spends before it can start (`debrief grade` loads the whole pack), so
/// on more than one core they are parsed side by side; the order of the results, and so the
/// merged pack, is the same either way.
fn parse_all(files: &[SourceFile]) -> Vec<Result<Pack, Diagnostic>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(files.len());
    if threads <= 1 {
        return files.iter().map(parse_file).collect();
    }
    // Dealt out in turn, so the large question files spread across the threads.
    let mut parsed: Vec<(usize, Result<Pack, Diagnostic>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    files
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, f)| (i, parse_file(f)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    parsed.sort_by_key(|(i, _)| *i);
    parsed.into_iter().map(|(_, p)| p).collect()
}

/// Turns a core problem into a diagnostic on the line of the field when the field is written,
/// else on the entry's header line.
fn locate(problem: Problem, files: &[&SourceFile]) -> Diagnostic {
    let line = files
        .iter()
        .find(|f| f.path == problem.origin.file)
        .map_or(problem.origin.line, |f| {
            field_line(&f.text, problem.origin.line, &problem.field)
        });
    Diagnostic {
        file: problem.origin.file,
        line,
        field: Some(problem.field),
        message: problem.message,
    }
}

/// The line of `field` (its first key segment) within the entry starting at `entry_line`.
fn field_line(text: &str, entry_line: u32, field: &str) -> u32 {
    let key = field.split(['.', '[']).next().unwrap_or(field);
    let start = entry_line.max(1) as usize;
    for (n, line) in text.lines().enumerate().skip(start - 1) {
        let n = n + 1;
        let trimmed = line.trim_start();
        if n > start && trimmed.starts_with('[') {
            break;
        }
        if let Some(rest) = trimmed.strip_prefix(key) {
            let rest = rest.trim_start();
            if rest.starts_with('=') || rest.starts_with('.') {
                return n as u32;
            }
        }
    }
    entry_line
}

mod parse;

pub use parse::{Diagnostic, SourceFile, parse_file};
use parse::{Headers, line_of};

#[cfg(test)]
mod tests;
