//! debrief-content: loads content packs into a validated [`Catalog`].
//!
//! The built-in pack (the repository's `content/` folder) is compiled into the binary, so
//! debrief works offline from a single file. A user folder laid out the same way adds entries
//! or replaces built-in ones by id. Every problem found, in TOML syntax or in meaning, is
//! reported at once with its file, line and field, because a content author wants the whole
//! list, not one error per run.

use std::fmt;
use std::path::{Path, PathBuf};

use debrief_grader::calibrate::{CalibrationLevels, CalibrationPair, CalibrationSet, GamingCase};
use debrief_pack::{Catalog, Origin, Pack, Problem};
use include_dir::{Dir, include_dir};

static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../content");

/// The environment variable that names a user content folder.
pub const CONTENT_ENV: &str = "DEBRIEF_CONTENT";

/// One problem in a content pack, located to a file and line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file, as a pack-relative path for the built-in pack or the path as found on disk.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// The field at fault, when the problem is about one.
    pub field: Option<String>,
    /// What is wrong and what would be right.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

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

/// A TOML file of a pack: its display path and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Display path.
    pub path: String,
    /// Contents: borrowed from the binary for the built-in pack, owned for files on disk.
    pub text: std::borrow::Cow<'static, str>,
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
    load_layers(&built_in_files(), &user_files)
}

/// Loads a base layer and an overlay from their files. Entries of the overlay replace base
/// entries with the same id; every problem of both layers is reported together.
pub fn load_layers(base: &[SourceFile], overlay: &[SourceFile]) -> Result<Catalog, ContentError> {
    let mut diagnostics = Vec::new();
    let mut pack = parse_layer(base, &mut diagnostics);
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

/// Parses one file and fills in the origin of every entry.
pub fn parse_file(file: &SourceFile) -> Result<Pack, Diagnostic> {
    let mut pack: Pack = toml::from_str(&file.text).map_err(|e| Diagnostic {
        file: file.path.clone(),
        line: e.span().map_or(1, |s| line_of(&file.text, s.start)),
        field: None,
        message: e.message().trim().to_owned(),
    })?;
    let headers = Headers::scan(&file.text);
    pack.origins_mut(&mut |path, parent, index, origin| {
        origin.file = file.path.clone();
        origin.line = headers.line_of(path, parent, index);
    });
    Ok(pack)
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

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    let line = text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// The `[[array.of.tables]]` headers of a file, in order, so an entry's index maps to a line.
struct Headers {
    /// (table path, line).
    headers: Vec<(String, u32)>,
}

impl Headers {
    fn scan(text: &str) -> Headers {
        let mut headers = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            // `[[array.of.tables]]` entries, and plain `[table]` headers (one entry each).
            let inner = t
                .strip_prefix("[[")
                .and_then(|r| r.find("]]").map(|end| &r[..end]))
                .or_else(|| {
                    t.strip_prefix('[')
                        .and_then(|r| r.find(']').map(|end| &r[..end]))
                });
            if let Some(inner) = inner {
                let name: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
                headers.push((name, n as u32 + 1));
            }
        }
        Headers { headers }
    }

    /// Line of the `index`-th `[[path]]`; for nested paths (`loop.round`), counted within the
    /// `parent`-th `[[loop]]`. Falls back to the parent's line, then line 1, for tables written
    /// inline.
    fn line_of(&self, path: &str, parent: usize, index: usize) -> u32 {
        match path.split_once('.') {
            None => self.nth(path, index, 0, usize::MAX).unwrap_or(1),
            Some((outer, _)) => {
                let Some(parent_pos) = self.position(outer, parent) else {
                    return 1;
                };
                let end = self.headers[parent_pos + 1..]
                    .iter()
                    .position(|(name, _)| name == outer)
                    .map_or(self.headers.len(), |p| parent_pos + 1 + p);
                self.nth(path, index, parent_pos + 1, end)
                    .unwrap_or(self.headers[parent_pos].1)
            }
        }
    }

    fn position(&self, path: &str, index: usize) -> Option<usize> {
        self.headers
            .iter()
            .enumerate()
            .filter(|(_, (name, _))| name == path)
            .nth(index)
            .map(|(i, _)| i)
    }

    fn nth(&self, path: &str, index: usize, from: usize, to: usize) -> Option<u32> {
        self.headers
            .get(from..to.min(self.headers.len()))?
            .iter()
            .filter(|(name, _)| name == path)
            .nth(index)
            .map(|(_, line)| *line)
    }
}

#[cfg(test)]
mod tests;
