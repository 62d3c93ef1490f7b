//! Reading one content file into entries with their origins. Kept apart from the loader
//! because the build script compiles it too: it parses the built-in pack once at build time
//! (see `build.rs`), and parsing the same way at build time and at run time is what makes the
//! snapshot it writes the same pack as the files.

use std::fmt;

use debrief_pack::Pack;

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

/// A TOML file of a pack: its display path and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Display path.
    pub path: String,
    /// Contents: borrowed from the binary for the built-in pack, owned for files on disk.
    pub text: std::borrow::Cow<'static, str>,
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

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    let line = text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// The `[[array.of.tables]]` headers of a file, in order, so an entry's index maps to a line.
pub(crate) struct Headers {
    /// (table path, line).
    headers: Vec<(String, u32)>,
}

impl Headers {
    pub(crate) fn scan(text: &str) -> Headers {
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
    pub(crate) fn line_of(&self, path: &str, parent: usize, index: usize) -> u32 {
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
