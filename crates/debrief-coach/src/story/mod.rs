//! The story bank: a candidate's STAR stories, linted by the grader, matched against a loop's
//! weighted Leadership Principles, and moved in and out as JSON, Markdown or CSV.
//!
//! Pure like the rest of the crate: no I/O, no clock. Storage (ids, timestamps, owners) lives
//! in `debrief-store`; this module holds what a story *is* and what can be said about it.
//!
//! - [`Story`] is one story; [`Story::check`] lists what is wrong with it before it is saved.
//! - [`lint`] grades a story as one behavioral answer and maps every finding back to the part
//!   of the story it falls in ([`Part`]), with byte spans relative to that part's own text, so
//!   a form can show findings in place, field by field. [`Strength`] rates the story for
//!   coverage.
//! - [`coverage`] lays stories against a loop's weighted principles: LP by LP, the stories that
//!   cover it, their strength, and the gap in words ("Earn Trust: no story").
//! - [`export`] and [`import`] write and read the three [`Format`]s. Every format round-trips
//!   exactly: `import(f, &export(f, s)) == Ok(s)` for any text, including commas, quotes, line
//!   breaks, `#`, `|`, leading and trailing spaces and empty fields. Import errors name the
//!   line (and the column where it helps) and say what was expected.
//!
//! # JSON
//!
//! ```json
//! {
//!   "version": 1,
//!   "stories": [
//!     { "title": "Checkout rollback", "situation": "...", "task": "...", "action": "...",
//!       "result": "...", "metrics": "31% to 36%", "tags": ["checkout"],
//!       "lps": ["dive-deep"], "role": "pm" }
//!   ]
//! }
//! ```
//!
//! The same field names as [`Story`]'s serde form. Import also takes a bare array of stories,
//! treats missing fields as empty, takes `null` or `""` as "no role", and ignores the store's
//! `id`, `created_at` and `updated_at` fields; any other field is an error. `version` must be
//! 1 when present.
//!
//! # Markdown
//!
//! ````markdown
//! # Story bank
//!
//! ## Checkout rollback
//!
//! - Role: PM
//! - Principles: "dive-deep", "deliver-results"
//! - Tags: "checkout", "a/b test"
//!
//! ### Situation
//!
//! ```text
//! Conversion dropped 15% after a redesign.
//! ```
//!
//! ### Action
//!
//! ```text
//! I pulled the funnel by device...
//! ```
//! ````
//!
//! - Everything before the first `## ` line is a free preamble and is ignored.
//! - Each story starts at a line `## <title>`; the title is the rest of the line, read as
//!   a Markdown viewer reads backslash escapes: a backslash before ASCII punctuation stands
//!   for that character, any other backslash is itself.
//! - User text outside a fenced block (the heading and the list items) is written so a
//!   CommonMark or GitHub viewer shows it as typed: a backslash goes before every character it
//!   could read as markup (`` \ ` * _ [ ] < > | ~ # & $ @ ``, a `:` before `//` and a `.` after
//!   `www`), so a title or tag can open no HTML, link, image, emphasis, code span, table cell
//!   or math, and no bare `https://` or `www.` link. Only the escapes are added, so import
//!   gives back the exact text. (GitHub still links a typed email address, as `mailto:`; no
//!   escape stops that.)
//! - A title that cannot stand in a heading (empty, with a line break or another control
//!   character, or with leading or trailing white space, which a heading drops) gets a
//!   readable, escaped heading and its exact text in a `### Title` section, which then wins
//!   over the heading.
//! - `- Role:`, `- Principles:` and `- Tags:` lines, each at most once. The role is `PM` or
//!   `PMM` (any case); lists are double-quoted strings separated by commas. Each item is
//!   escaped like the heading, and then with `\"`, `\n`, `\r`, `\t` and `\u{hex}` (for other
//!   control characters) so it stays on its line; import reads a backslash before any ASCII
//!   punctuation (`\\`, `\"`, `\<`, ...) as that character. A missing line means no role, or an
//!   empty list.
//! - `### Title`, `### Situation`, `### Task`, `### Action`, `### Result` and `### Metrics`
//!   sections, each at most once and in any order, each holding one fenced block. The block
//!   opens with a line of three or more backticks (longer than any run of backticks in the
//!   text, so the text can never close it) and an optional info string, and closes with a line
//!   of exactly those backticks. The text is every line between them, joined with `\n`,
//!   verbatim. A missing section means an empty part.
//! - Blank lines between these elements are ignored; anything else is an error. Lines may end
//!   in `\r\n` (a trailing `\r` is dropped from headings, list lines and fences, never from
//!   text inside a block).
//!
//! # CSV
//!
//! RFC 4180: a header row `title,situation,task,action,result,metrics,tags,lps,role`, then one
//! record per story, every field double-quoted with `"` doubled inside, records ending in
//! CRLF. Line breaks inside fields are kept. `tags` and `lps` join their items with `;`, each
//! item escaped: `\` as `\\`, `;` as `\;`, and an empty item as `\e` (so an empty field means
//! no items). `role` is `pm`, `pmm` or empty.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! as a formula, so export writes such a cell (a title like `=HYPERLINK(...)`, or `-5% churn`)
//! with a `'` in front, the spreadsheet mark for text. So that the mark cannot be confused
//! with text, a cell that starts with `'` followed by `'` or one of those characters gets one
//! too (`'=x` is written `''=x`), and import drops one leading `'` exactly when `'` or one of
//! those characters follows it. Every other cell, `'plain` included, is written as it is. This
//! holds for every cell, lists and role included, and for hand-written files too.
//!
//! Import also takes unquoted fields, LF line ends, blank lines between records, a UTF-8 byte
//! order mark, and the header's columns in any order with only `title` required (the store's
//! `id`, `created_at` and `updated_at` columns are ignored).

mod coverage;
mod csv;
mod json;
mod lint;
mod markdown;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use debrief_grader::{GradeError, GradeRequest, Grader, Report, Severity};
use debrief_pack::{Catalog, LoopView};
use debrief_pack::{Category, Rating, Role};

pub use coverage::{
    Coverage, CoverageRow, CoverageSummary, CoveringStory, ExtraPrinciple, Gap, coverage,
};
pub use lint::{PartSpan, StoryFinding, StoryLint, Strength, lint};

/// One STAR story of the candidate's bank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Story {
    /// A short name the candidate recognises.
    pub title: String,
    /// The context.
    pub situation: String,
    /// The goal or assignment.
    pub task: String,
    /// What the candidate did.
    pub action: String,
    /// What came of it, and the lesson.
    pub result: String,
    /// The numbers behind the result, free text ("activation 18% to 29% in eight weeks").
    pub metrics: String,
    /// The candidate's own labels.
    pub tags: Vec<String>,
    /// Leadership Principle ids the story proves.
    pub lps: Vec<String>,
    /// The role the story is told for; `None` grades it role-neutrally.
    #[serde(deserialize_with = "role_field")]
    pub role: Option<Role>,
}

impl Story {
    /// Applies [`debrief_text::storable`] to every text of the story (NUL shown as U+FFFD)
    /// and says how many characters it replaced.
    pub fn replace_nul(&mut self) -> usize {
        let mut count = 0;
        let mut fix = |text: &mut String| {
            if let std::borrow::Cow::Owned(clean) = debrief_text::storable(text) {
                count += text.matches('\0').count();
                *text = clean;
            }
        };
        for text in [
            &mut self.title,
            &mut self.situation,
            &mut self.task,
            &mut self.action,
            &mut self.result,
            &mut self.metrics,
        ] {
            fix(text);
        }
        for item in self.tags.iter_mut().chain(self.lps.iter_mut()) {
            fix(item);
        }
        count
    }
}

/// Reads a role as `"pm"` or `"pmm"` (any case); `null` and `""` mean none.
fn role_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Role>, D::Error> {
    let given: Option<String> = Option::deserialize(d)?;
    match given.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => Role::parse(text).map(Some).ok_or_else(|| {
            serde::de::Error::invalid_value(serde::de::Unexpected::Str(text), &"`pm` or `pmm`")
        }),
    }
}

/// A text part of a story: where a finding falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// [`Story::situation`].
    Situation,
    /// [`Story::task`].
    Task,
    /// [`Story::action`].
    Action,
    /// [`Story::result`].
    Result,
    /// [`Story::metrics`].
    Metrics,
}

impl Part {
    /// Every part, in the order a story tells them.
    pub const ALL: [Part; 5] = [
        Part::Situation,
        Part::Task,
        Part::Action,
        Part::Result,
        Part::Metrics,
    ];

    /// The field name (`situation`, ..., `metrics`).
    pub fn id(self) -> &'static str {
        match self {
            Part::Situation => "situation",
            Part::Task => "task",
            Part::Action => "action",
            Part::Result => "result",
            Part::Metrics => "metrics",
        }
    }

    /// The display label (`Situation`, ..., `Metrics`).
    pub fn label(self) -> &'static str {
        match self {
            Part::Situation => "Situation",
            Part::Task => "Task",
            Part::Action => "Action",
            Part::Result => "Result",
            Part::Metrics => "Metrics",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What separates the parts in the text the grader reads: a blank line, which also ends a
/// sentence, so no sentence runs from one part into the next.
const PART_SEPARATOR: &str = "\n\n";

impl Story {
    /// The text of one part.
    pub fn part(&self, part: Part) -> &str {
        match part {
            Part::Situation => &self.situation,
            Part::Task => &self.task,
            Part::Action => &self.action,
            Part::Result => &self.result,
            Part::Metrics => &self.metrics,
        }
    }

    /// The story as one answer: its non-blank parts in STAR order and then the metrics, as
    /// paragraphs separated by blank lines. This is the text [`lint`] grades.
    pub fn answer(&self) -> String {
        self.layout().0
    }

    /// The answer and where each non-blank part sits in it.
    fn layout(&self) -> (String, Vec<Placed>) {
        let mut text = String::new();
        let mut placed = Vec::new();
        for part in Part::ALL {
            let body = self.part(part);
            if body.trim().is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str(PART_SEPARATOR);
            }
            let start = text.len();
            text.push_str(body);
            placed.push(Placed {
                part,
                start,
                end: text.len(),
            });
        }
        (text, placed)
    }

    /// Everything wrong with the story, as sentences that say what to do; empty when it can be
    /// saved. Checks the title, that some STAR part has text, and that every principle id is
    /// one the pack knows (naming the near miss and the valid ids) and is listed once.
    pub fn check(&self, catalog: &Catalog) -> Vec<String> {
        let mut problems = Vec::new();
        if self.title.trim().is_empty() {
            problems.push(
                "the title is empty; give the story a short name you will recognise in the \
                 coverage matrix"
                    .to_owned(),
            );
        }
        let star = [&self.situation, &self.task, &self.action, &self.result];
        if star.iter().all(|p| p.trim().is_empty()) {
            problems.push(
                "situation, task, action and result are all empty; write at least what you did \
                 (action) and what came of it (result)"
                    .to_owned(),
            );
        }
        let mut seen = BTreeSet::new();
        for lp in &self.lps {
            match catalog.principle(lp) {
                Ok(p) => {
                    if !seen.insert(p.id.as_str()) {
                        problems.push(format!(
                            "Leadership Principle `{}` is listed more than once; keep one",
                            p.id
                        ));
                    }
                }
                Err(e) => problems.push(e.to_string()),
            }
        }
        problems
    }

    /// The principle ids the story is tagged with, trimmed, lowercased and deduplicated, in
    /// the order first given.
    pub fn principle_ids(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for lp in &self.lps {
            let id = lp.trim().to_ascii_lowercase();
            if !id.is_empty() && !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }
}

/// A part's place in the answer [`Story::answer`] builds.
#[derive(Debug, Clone, Copy)]
struct Placed {
    part: Part,
    start: usize,
    end: usize,
}

// ---------------------------------------------------------------------------------------------
// Export and import

/// A file format for exporting and importing stories. See the module docs for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `{"version":1,"stories":[...]}`.
    Json,
    /// One `##` heading per story, text in fenced blocks.
    Markdown,
    /// RFC 4180 with a header row.
    Csv,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Json, Format::Markdown, Format::Csv];

    /// The id used on the command line (`json`, `markdown`, `csv`).
    pub fn id(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Csv => "csv",
        }
    }

    /// The media type to serve an export as.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }

    /// Parses a format id or extension (`json`, `md`, `markdown`, `csv`), ignoring case and a
    /// leading dot.
    pub fn parse(text: &str) -> Option<Format> {
        let text = text.trim();
        let text = text.strip_prefix('.').unwrap_or(text);
        match text.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The format a file name's extension names, if any.
    pub fn from_file_name(name: &str) -> Option<Format> {
        let (_, extension) = name.rsplit_once('.')?;
        Format::parse(extension)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Json => "JSON",
            Format::Markdown => "Markdown",
            Format::Csv => "CSV",
        })
    }
}

/// Why an import failed: where, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The format being read.
    pub format: Format,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters, when it helps.
    pub column: Option<usize>,
    /// What was wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}", self.format, self.line)?;
        if let Some(column) = self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}

/// Writes `stories` in `format`. [`import`] reads it back exactly.
pub fn export(format: Format, stories: &[Story]) -> String {
    match format {
        Format::Json => json::write(stories),
        Format::Markdown => markdown::write(stories),
        Format::Csv => csv::write(stories),
    }
}

/// Reads stories written in `format`. The error names the line (and column) and what was
/// expected there.
pub fn import(format: Format, text: &str) -> Result<Vec<Story>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        Format::Json => json::read(text),
        Format::Markdown => markdown::read(text),
        Format::Csv => csv::read(text),
    }
}

/// The text fields every format names, in order.
const TEXT_FIELDS: [&str; 6] = ["title", "situation", "task", "action", "result", "metrics"];

/// Fields of the store's rows that imports skip.
const IGNORED_FIELDS: [&str; 3] = ["id", "created_at", "updated_at"];

fn text_field_mut<'s>(story: &'s mut Story, name: &str) -> Option<&'s mut String> {
    match name {
        "title" => Some(&mut story.title),
        "situation" => Some(&mut story.situation),
        "task" => Some(&mut story.task),
        "action" => Some(&mut story.action),
        "result" => Some(&mut story.result),
        "metrics" => Some(&mut story.metrics),
        _ => None,
    }
}

fn text_field<'s>(story: &'s Story, name: &str) -> &'s str {
    match name {
        "title" => &story.title,
        "situation" => &story.situation,
        "task" => &story.task,
        "action" => &story.action,
        "result" => &story.result,
        _ => &story.metrics,
    }
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn error_at(format: Format, text: &str, at: usize, message: impl Into<String>) -> ImportError {
    let (line, column) = line_column(text, at);
    ImportError {
        format,
        line,
        column: Some(column),
        message: message.into(),
    }
}

/// A short, printable excerpt of what was found, for error messages.
fn found(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    format!("{out:?}")
}
