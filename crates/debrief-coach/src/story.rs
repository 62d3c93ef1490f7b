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
//! - Each story starts at a line `## <title>`; the title is the rest of the line, verbatim.
//!   A title that cannot stand in a heading (empty, with a line break or another control
//!   character, with leading or trailing white space, or ending in `#`, which Markdown would
//!   read as a closing sequence) gets a readable heading and its exact
//!   text in a `### Title` section, which then wins over the heading.
//! - `- Role:`, `- Principles:` and `- Tags:` lines, each at most once. The role is `PM` or
//!   `PMM` (any case); lists are double-quoted strings separated by commas, with the escapes
//!   `\\`, `\"`, `\n`, `\r`, `\t` and `\u{hex}` (for other control characters). A missing line
//!   means no role, or an empty list.
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
//! no items). `role` is `pm`, `pmm` or empty. Import also takes unquoted fields, LF line ends,
//! blank lines between records, a UTF-8 byte order mark, and the header's columns in any
//! order with only `title` required (the store's `id`, `created_at` and `updated_at` columns
//! are ignored).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use debrief_grader::{GradeError, GradeRequest, Grader, Report, Severity};
use debrief_pack::{Catalog, LoopView};
use debrief_pack::{Rating, Role};

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
    fn principle_ids(&self) -> Vec<String> {
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
// Lint

/// A byte span of one part's own text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartSpan {
    /// The part.
    pub part: Part,
    /// Byte offset of the first byte, in the part's text.
    pub start: usize,
    /// Byte offset one past the last byte, in the part's text.
    pub end: usize,
    /// The part's text in the span.
    pub text: String,
}

/// A grader finding, placed in the part of the story it falls in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryFinding {
    /// The part the finding starts in.
    pub part: Part,
    /// Byte offset of the first byte, in the part's text.
    pub start: usize,
    /// Byte offset one past the last byte, in the part's text (cut at the part's end).
    pub end: usize,
    /// The part's text in the span.
    pub text: String,
    /// The further parts a finding that spans several runs into, each from its start.
    pub continues: Vec<PartSpan>,
    /// Rule id.
    pub rule: String,
    /// One of [`crate::CATEGORIES`].
    pub category: String,
    /// info, warning or error.
    pub severity: Severity,
    /// What is weak and why.
    pub message: String,
    /// What a strong answer does instead.
    pub suggestion: String,
}

/// How much a story can carry a principle in the coverage matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Rated strong no hire, or no result written.
    Weak,
    /// Rated no hire or better with a result, but not strong.
    Usable,
    /// Rated hire or better, with at least one number.
    Strong,
}

impl Strength {
    /// The id used in JSON (`weak`, `usable`, `strong`).
    pub fn id(self) -> &'static str {
        match self {
            Strength::Weak => "weak",
            Strength::Usable => "usable",
            Strength::Strong => "strong",
        }
    }

    /// The strength of a story from its report: strong when rated hire or better with at
    /// least one number, usable when rated no hire or better with a result written, weak
    /// otherwise.
    pub fn of(story: &Story, report: &Report) -> Strength {
        if report.rating >= Rating::Hire && !report.metrics.is_empty() {
            Strength::Strong
        } else if report.rating >= Rating::NoHire && !story.result.trim().is_empty() {
            Strength::Usable
        } else {
            Strength::Weak
        }
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A story graded as one behavioral answer, with its findings placed part by part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryLint {
    /// 0 to 100.
    pub score: u32,
    /// The hiring-scale rating of the score.
    pub rating: Rating,
    /// What the story can carry in the coverage matrix.
    pub strength: Strength,
    /// Whether the grader found at least one number.
    pub has_number: bool,
    /// The report's findings, in answer order, placed in the parts.
    pub findings: Vec<StoryFinding>,
    /// The numbers the grader found, placed in the parts.
    pub numbers: Vec<PartSpan>,
    /// The text graded ([`Story::answer`]); the report's spans are byte ranges of it.
    pub text: String,
    /// The grader's full report.
    pub report: Report,
}

/// Grades `story` as one behavioral answer for its role (the parts joined as paragraphs, then
/// the metrics) and places each finding in the part it falls in, with spans relative to that
/// part's text. Fails only when the grader would: every part blank, or the text too large.
pub fn lint(grader: &Grader, story: &Story) -> Result<StoryLint, GradeError> {
    let (text, placed) = story.layout();
    let request = GradeRequest {
        answer: text.clone(),
        role: story.role,
        round: Some("behavioral".to_owned()),
        ..Default::default()
    };
    let report = grader.grade(&request)?;
    let findings = report
        .findings
        .iter()
        .filter_map(|f| {
            let (first, continues) = locate(story, &placed, f.start, f.end)?;
            Some(StoryFinding {
                part: first.part,
                start: first.start,
                end: first.end,
                text: first.text,
                continues,
                rule: f.rule.clone(),
                category: f.category.clone(),
                severity: f.severity,
                message: f.message.clone(),
                suggestion: f.suggestion.clone(),
            })
        })
        .collect();
    let numbers = report
        .metrics
        .iter()
        .filter_map(|m| locate(story, &placed, m.start, m.end).map(|(first, _)| first))
        .collect();
    Ok(StoryLint {
        score: report.score,
        rating: report.rating,
        strength: Strength::of(story, &report),
        has_number: !report.metrics.is_empty(),
        findings,
        numbers,
        text,
        report,
    })
}

/// Maps the answer's byte range `start..end` to the part it starts in (a start inside a
/// separator moves to the next part) and the further parts it runs into.
fn locate(
    story: &Story,
    placed: &[Placed],
    start: usize,
    end: usize,
) -> Option<(PartSpan, Vec<PartSpan>)> {
    let first = placed
        .iter()
        .position(|p| start < p.end || (start == p.end && end == start))
        .or_else(|| placed.len().checked_sub(1))?;
    let clip = |p: &Placed, from: usize| -> PartSpan {
        let body = story.part(p.part);
        let a = from.clamp(p.start, p.end) - p.start;
        let b = end.clamp(p.start, p.end) - p.start;
        let (a, b) = (a.min(b), b);
        PartSpan {
            part: p.part,
            start: a,
            end: b,
            text: body.get(a..b).unwrap_or_default().to_owned(),
        }
    };
    let head = clip(&placed[first], start);
    let rest = placed[first + 1..]
        .iter()
        .filter(|p| p.start < end)
        .map(|p| clip(p, p.start))
        .collect();
    Some((head, rest))
}

// ---------------------------------------------------------------------------------------------
// Coverage

/// A story as a coverage row lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoveringStory {
    /// The caller's id for the story.
    pub id: String,
    /// The story's title.
    pub title: String,
    /// What it can carry.
    pub strength: Strength,
    /// Its lint score, 0 to 100.
    pub score: u32,
    /// Its lint rating.
    pub rating: Rating,
    /// Whether it has a number.
    pub has_number: bool,
}

/// One principle the loop weights, with the stories that cover it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageRow {
    /// Principle id.
    pub principle: String,
    /// The principle's name, as the loop shows it.
    pub name: String,
    /// Its weight across the loop's rounds.
    pub weight: u32,
    /// The stories tagged with it, strongest first.
    pub stories: Vec<CoveringStory>,
    /// Whether a strong story covers it.
    pub covered: bool,
    /// What is missing, e.g. "Earn Trust: no story"; `None` when covered.
    pub gap: Option<String>,
}

/// A principle some stories are tagged with that the loop does not weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtraPrinciple {
    /// Principle id, as tagged (trimmed and lowercased).
    pub principle: String,
    /// The principle's name, or the id when the pack does not know it.
    pub name: String,
    /// The stories tagged with it, strongest first.
    pub stories: Vec<CoveringStory>,
}

/// A gap, ranked for the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// Principle id.
    pub principle: String,
    /// The principle's name.
    pub name: String,
    /// Its weight across the loop.
    pub weight: u32,
    /// What is missing, e.g. "Earn Trust: no story".
    pub message: String,
    /// The weight times how far the best story is from strong (3: none, 2: weak, 1: usable).
    pub urgency: u32,
}

/// The matrix in one line and its most urgent gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageSummary {
    /// Weighted principles covered by a strong story.
    pub covered: usize,
    /// Weighted principles in the loop.
    pub total: usize,
    /// The three most urgent gaps, most urgent first.
    pub urgent: Vec<Gap>,
    /// The summary as a sentence.
    pub text: String,
}

/// A story bank laid against one loop's weighted principles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The loop id.
    pub loop_id: String,
    /// One row per principle the loop weights, heaviest first.
    pub rows: Vec<CoverageRow>,
    /// Principles stories are tagged with that the loop does not weight.
    pub extra: Vec<ExtraPrinciple>,
    /// Covered over total, and the gaps to fill first.
    pub summary: CoverageSummary,
}

/// Lays `stories` (the caller's id, the story, its lint) against the principles `loop_view`
/// weights: a row per principle, heaviest first, with the stories tagged with it, their
/// strength and the gap in the loop's words; the principles tagged but not weighted as
/// extras; and a summary with the three most urgent gaps (weight times distance from a strong
/// story).
pub fn coverage(
    catalog: &Catalog,
    loop_view: &LoopView<'_>,
    stories: &[(String, &Story, &StoryLint)],
) -> Coverage {
    let mut by_principle: BTreeMap<String, Vec<(usize, CoveringStory)>> = BTreeMap::new();
    for (order, (id, story, lint)) in stories.iter().enumerate() {
        for lp in story.principle_ids() {
            by_principle.entry(lp).or_default().push((
                order,
                CoveringStory {
                    id: id.clone(),
                    title: story.title.clone(),
                    strength: lint.strength,
                    score: lint.score,
                    rating: lint.rating,
                    has_number: lint.has_number,
                },
            ));
        }
    }
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    for weighted in &loop_view.principle_weights {
        let covering = take(&mut by_principle, weighted.id);
        let best = covering.iter().map(|s| s.strength).max();
        let covered = best == Some(Strength::Strong);
        let gap = (!covered).then(|| gap_message(weighted.name, &covering));
        if let Some(message) = &gap {
            let need = match best {
                None => 3,
                Some(Strength::Weak) => 2,
                Some(_) => 1,
            };
            gaps.push(Gap {
                principle: weighted.id.to_owned(),
                name: weighted.name.to_owned(),
                weight: weighted.weight,
                message: message.clone(),
                urgency: weighted.weight * need,
            });
        }
        rows.push(CoverageRow {
            principle: weighted.id.to_owned(),
            name: weighted.name.to_owned(),
            weight: weighted.weight,
            stories: covering,
            covered,
            gap,
        });
    }

    // What is left was tagged but not weighted: known principles in Amazon's order, then
    // unknown ids alphabetically.
    let leftover: Vec<String> = by_principle.keys().cloned().collect();
    let mut extra: Vec<(u32, ExtraPrinciple)> = leftover
        .iter()
        .map(|id| {
            let (rank, name) = match catalog.principle(id) {
                Ok(p) => (p.number, p.name.clone()),
                Err(_) => (u32::MAX, id.clone()),
            };
            (
                rank,
                ExtraPrinciple {
                    principle: id.clone(),
                    name,
                    stories: take(&mut by_principle, id),
                },
            )
        })
        .collect();
    extra.sort_by(|(ra, a), (rb, b)| ra.cmp(rb).then(a.principle.cmp(&b.principle)));
    let extra = extra.into_iter().map(|(_, e)| e).collect();

    // Stable: ties keep the loop's order (heaviest first).
    gaps.sort_by(|a, b| b.urgency.cmp(&a.urgency).then(b.weight.cmp(&a.weight)));
    gaps.truncate(3);
    let covered = rows.iter().filter(|r| r.covered).count();
    let total = rows.len();
    let mut text = if total == 0 {
        "This loop weights no Leadership Principles, so there is nothing to cover.".to_owned()
    } else if covered == total {
        format!("All {total} weighted principles are covered by a strong story.")
    } else {
        format!("{covered} of {total} weighted principles are covered by a strong story.")
    };
    if !gaps.is_empty() {
        let list: Vec<&str> = gaps.iter().map(|g| g.message.as_str()).collect();
        let _ = write!(text, " Most urgent: {}.", list.join("; "));
    }
    Coverage {
        loop_id: loop_view.id.to_owned(),
        rows,
        extra,
        summary: CoverageSummary {
            covered,
            total,
            urgent: gaps,
            text,
        },
    }
}

/// Removes the stories tagged with principle `id`, strongest first (then by score, then in the
/// caller's order).
fn take(
    by_principle: &mut BTreeMap<String, Vec<(usize, CoveringStory)>>,
    id: &str,
) -> Vec<CoveringStory> {
    let mut list = by_principle.remove(id).unwrap_or_default();
    list.sort_by(|(ao, a), (bo, b)| {
        b.strength
            .cmp(&a.strength)
            .then(b.score.cmp(&a.score))
            .then(ao.cmp(bo))
    });
    list.into_iter().map(|(_, s)| s).collect()
}

/// The gap of a principle no strong story covers, in words.
fn gap_message(name: &str, covering: &[CoveringStory]) -> String {
    match covering {
        [] => format!("{name}: no story"),
        [one] => {
            let why = if !one.has_number {
                "no number".to_owned()
            } else if one.strength == Strength::Weak && one.rating >= Rating::NoHire {
                "no result".to_owned()
            } else {
                format!("rated {}", one.rating.label().to_lowercase())
            };
            format!("{name}: one story, {why}")
        }
        many => {
            let count = count_words(many.len());
            if many.iter().all(|s| !s.has_number) {
                format!("{name}: {count} stories, none with a number")
            } else {
                format!("{name}: {count} stories, none strong")
            }
        }
    }
}

fn count_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
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

mod json {
    //! JSON through serde_json: the wrapper `{"version": 1, "stories": [...]}` or a bare array.
    //! A store row's `id`, `created_at` and `updated_at` are accepted and ignored.
    use serde::de::IgnoredAny;

    use super::*;

    /// A story as a file may hold it.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Row {
        #[serde(default)]
        title: String,
        #[serde(default)]
        situation: String,
        #[serde(default)]
        task: String,
        #[serde(default)]
        action: String,
        #[serde(default)]
        result: String,
        #[serde(default)]
        metrics: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        lps: Vec<String>,
        #[serde(default, deserialize_with = "role_field")]
        role: Option<Role>,
        #[serde(default, rename = "id")]
        _id: Option<IgnoredAny>,
        #[serde(default, rename = "created_at")]
        _created_at: Option<IgnoredAny>,
        #[serde(default, rename = "updated_at")]
        _updated_at: Option<IgnoredAny>,
    }

    impl From<Row> for Story {
        fn from(r: Row) -> Story {
            Story {
                title: r.title,
                situation: r.situation,
                task: r.task,
                action: r.action,
                result: r.result,
                metrics: r.metrics,
                tags: r.tags,
                lps: r.lps,
                role: r.role,
            }
        }
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wrapped {
        version: u32,
        stories: Vec<Row>,
    }

    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        stories: &'a [Story],
    }

    pub(super) fn write(stories: &[Story]) -> String {
        // Serializing plain strings and lists cannot fail.
        let mut out = serde_json::to_string_pretty(&Out {
            version: 1,
            stories,
        })
        .unwrap_or_default();
        out.push('\n');
        out
    }

    pub(super) fn read(text: &str) -> Result<Vec<Story>, ImportError> {
        let error = |e: serde_json::Error| {
            // serde_json appends " at line L column C"; the position goes in its own fields.
            let message = e.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            ImportError {
                format: Format::Json,
                line: e.line().max(1),
                column: Some(e.column().max(1)),
                message: format!(
                    "{message}; expected {{\"version\": 1, \"stories\": [...]}} or an array of stories"
                ),
            }
        };
        let rows = if text.trim_start().starts_with('[') {
            serde_json::from_str::<Vec<Row>>(text).map_err(error)?
        } else {
            let wrapped: Wrapped = serde_json::from_str(text).map_err(error)?;
            if wrapped.version != 1 {
                return Err(ImportError {
                    format: Format::Json,
                    line: 1,
                    column: None,
                    message: format!(
                        "this file is version {}; this debrief reads version 1",
                        wrapped.version
                    ),
                });
            }
            wrapped.stories
        };
        Ok(rows.into_iter().map(Story::from).collect())
    }
}

mod markdown {
    use super::*;

    const SECTIONS: [(&str, &str); 6] = [
        ("Title", "title"),
        ("Situation", "situation"),
        ("Task", "task"),
        ("Action", "action"),
        ("Result", "result"),
        ("Metrics", "metrics"),
    ];

    pub(super) fn write(stories: &[Story]) -> String {
        let mut out = String::from(
            "# Story bank\n\nExported by debrief. Each story is a `##` heading; its parts are \
             fenced blocks holding the text exactly as written.\n",
        );
        for story in stories {
            let plain = heading_safe(&story.title);
            out.push_str("\n## ");
            if plain {
                out.push_str(&story.title);
            } else {
                out.push_str(&display_title(&story.title));
            }
            out.push_str("\n\n");
            let mut listed = false;
            if let Some(role) = story.role {
                let _ = writeln!(out, "- Role: {}", role.label());
                listed = true;
            }
            for (label, list) in [("Principles", &story.lps), ("Tags", &story.tags)] {
                if list.is_empty() {
                    continue;
                }
                let _ = write!(out, "- {label}: ");
                for (i, item) in list.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    quote(&mut out, item);
                }
                out.push('\n');
                listed = true;
            }
            if listed {
                out.push('\n');
            }
            for (label, field) in SECTIONS {
                let body = text_field(story, field);
                let wanted = if field == "title" {
                    !plain
                } else {
                    !body.is_empty()
                };
                if wanted {
                    let fence = "`".repeat(longest_backtick_run(body).max(2) + 1);
                    let _ = write!(out, "### {label}\n\n{fence}text\n{body}\n{fence}\n\n");
                }
            }
        }
        out
    }

    /// Whether a title can be the verbatim rest of a heading line.
    fn heading_safe(title: &str) -> bool {
        !title.is_empty()
            && !title.chars().any(char::is_control)
            && !title.starts_with(char::is_whitespace)
            && !title.ends_with(char::is_whitespace)
            && !title.ends_with('#')
    }

    /// A readable stand-in for a title that is not heading-safe.
    fn display_title(title: &str) -> String {
        let words: Vec<&str> = title
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            "(untitled)".to_owned()
        } else {
            words.join(" ")
        }
    }

    fn longest_backtick_run(text: &str) -> usize {
        let (mut best, mut run) = (0, 0);
        for c in text.chars() {
            run = if c == '`' { run + 1 } else { 0 };
            best = best.max(run);
        }
        best
    }

    fn quote(out: &mut String, s: &str) {
        out.push('"');
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }

    /// A line without the `\r` of a CRLF ending.
    fn strip_cr(line: &str) -> &str {
        line.strip_suffix('\r').unwrap_or(line)
    }

    fn is_story_heading(line: &str) -> bool {
        let line = strip_cr(line);
        line == "##" || line.starts_with("## ")
    }

    fn error(line: usize, column: Option<usize>, message: impl Into<String>) -> ImportError {
        ImportError {
            format: Format::Markdown,
            line: line + 1,
            column,
            message: message.into(),
        }
    }

    pub(super) fn read(text: &str) -> Result<Vec<Story>, ImportError> {
        let lines: Vec<&str> = text.split('\n').collect();
        let mut i = lines
            .iter()
            .position(|l| is_story_heading(l))
            .unwrap_or(lines.len());
        let mut stories = Vec::new();
        while i < lines.len() {
            let heading = strip_cr(lines[i]);
            let mut story = Story {
                title: heading.strip_prefix("## ").unwrap_or_default().to_owned(),
                ..Story::default()
            };
            let mut seen: BTreeSet<String> = BTreeSet::new();
            i += 1;
            while i < lines.len() && !is_story_heading(lines[i]) {
                let line = strip_cr(lines[i]);
                if line.trim().is_empty() {
                    i += 1;
                } else if let Some(name) = line.strip_prefix("### ") {
                    i = section(&lines, i, name, &mut story, &mut seen)?;
                } else if let Some(item) = line.strip_prefix("- ") {
                    list_line(i, line, item, &mut story, &mut seen)?;
                    i += 1;
                } else {
                    return Err(error(
                        i,
                        None,
                        format!(
                            "expected a `- Role:`, `- Principles:` or `- Tags:` line, a `### ` \
                             section (Title, Situation, Task, Action, Result, Metrics) or the \
                             next story's `## ` heading, found {}",
                            found(line)
                        ),
                    ));
                }
            }
            stories.push(story);
        }
        Ok(stories)
    }

    /// Reads the section whose `### ` heading is line `i`; returns the line after its block.
    fn section(
        lines: &[&str],
        i: usize,
        name: &str,
        story: &mut Story,
        seen: &mut BTreeSet<String>,
    ) -> Result<usize, ImportError> {
        let name = name.trim();
        let Some(&(label, field)) = SECTIONS.iter().find(|(l, _)| l.eq_ignore_ascii_case(name))
        else {
            return Err(error(
                i,
                None,
                format!(
                    "unknown section {}; expected Title, Situation, Task, Action, Result or \
                     Metrics",
                    found(name)
                ),
            ));
        };
        if !seen.insert(field.to_owned()) {
            return Err(error(
                i,
                None,
                format!("a second `### {label}` section in one story; keep one"),
            ));
        }
        let mut open = i + 1;
        while open < lines.len() && lines[open].trim().is_empty() {
            open += 1;
        }
        let opening = lines.get(open).map_or("", |l| strip_cr(l));
        let ticks = opening.len() - opening.trim_start_matches('`').len();
        if ticks < 3 || opening[ticks..].contains('`') {
            let what = if open >= lines.len() {
                "the end of the file".to_owned()
            } else {
                found(opening)
            };
            return Err(error(
                open.min(lines.len().saturating_sub(1)),
                None,
                format!(
                    "expected a fenced block (a line of three or more backticks) holding the \
                     {field} text after `### {label}`, found {what}"
                ),
            ));
        }
        let fence = &opening[..ticks];
        let Some(close) = (open + 1..lines.len()).find(|&j| strip_cr(lines[j]).trim_end() == fence)
        else {
            return Err(error(
                open,
                None,
                format!(
                    "the {field} block opened here is never closed; expected a line of exactly \
                     {ticks} backticks"
                ),
            ));
        };
        let body = lines[open + 1..close].join("\n");
        if let Some(slot) = text_field_mut(story, field) {
            *slot = body;
        }
        Ok(close + 1)
    }

    /// Reads a `- Role:`, `- Principles:` or `- Tags:` line (`item` is after the dash).
    fn list_line(
        i: usize,
        line: &str,
        item: &str,
        story: &mut Story,
        seen: &mut BTreeSet<String>,
    ) -> Result<(), ImportError> {
        let expected = "expected `- Role: PM`, `- Role: PMM`, `- Principles: \"...\"` or \
                        `- Tags: \"...\"`";
        let Some((label, value)) = item.split_once(':') else {
            return Err(error(i, None, format!("{expected}, found {}", found(line))));
        };
        let label = label.trim().to_ascii_lowercase();
        if !matches!(label.as_str(), "role" | "principles" | "tags") {
            return Err(error(
                i,
                Some(3),
                format!("{expected}, found a `{}` line", label),
            ));
        }
        if !seen.insert(label.clone()) {
            return Err(error(
                i,
                None,
                format!("a second `- {label}:` line in one story; keep one"),
            ));
        }
        let value_at = line.len() - value.len();
        match label.as_str() {
            "role" => {
                let given = value.trim();
                story.role = Role::parse(given).map(Some).ok_or_else(|| {
                    error(
                        i,
                        Some(line[..value_at].chars().count() + 2),
                        format!("unknown role {}; expected PM or PMM", found(given)),
                    )
                })?;
            }
            "principles" => story.lps = quoted_list(i, line, value_at)?,
            _ => story.tags = quoted_list(i, line, value_at)?,
        }
        Ok(())
    }

    /// Reads `"a", "b"` from byte `from` of `line` to its end.
    fn quoted_list(i: usize, line: &str, from: usize) -> Result<Vec<String>, ImportError> {
        let column = |at: usize| Some(line[..at].chars().count() + 1);
        let mut out = Vec::new();
        let mut chars = line[from..]
            .char_indices()
            .map(|(o, c)| (o + from, c))
            .peekable();
        let skip_ws = |chars: &mut std::iter::Peekable<_>| {
            while chars
                .next_if(|&(_, c): &(usize, char)| c == ' ' || c == '\t')
                .is_some()
            {}
        };
        skip_ws(&mut chars);
        if chars.peek().is_none() {
            return Ok(out);
        }
        loop {
            skip_ws(&mut chars);
            match chars.next() {
                Some((_, '"')) => {}
                Some((at, c)) => {
                    return Err(error(
                        i,
                        column(at),
                        format!("expected `\"` opening a quoted item, found {c:?}"),
                    ));
                }
                None => {
                    return Err(error(
                        i,
                        column(line.len()),
                        "expected `\"` opening a quoted item after `,`, found the end of the line",
                    ));
                }
            }
            let mut item = String::new();
            loop {
                match chars.next() {
                    None => {
                        return Err(error(
                            i,
                            column(line.len()),
                            "expected `\"` closing the quoted item, found the end of the line",
                        ));
                    }
                    Some((_, '"')) => break,
                    Some((at, '\\')) => match chars.next() {
                        Some((_, '\\')) => item.push('\\'),
                        Some((_, '"')) => item.push('"'),
                        Some((_, 'n')) => item.push('\n'),
                        Some((_, 'r')) => item.push('\r'),
                        Some((_, 't')) => item.push('\t'),
                        Some((_, 'u')) => {
                            let mut hex = String::new();
                            let ok = chars.next().is_some_and(|(_, c)| c == '{') && {
                                loop {
                                    match chars.next() {
                                        Some((_, '}')) => break true,
                                        Some((_, c)) if c.is_ascii_hexdigit() && hex.len() < 6 => {
                                            hex.push(c)
                                        }
                                        _ => break false,
                                    }
                                }
                            };
                            let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                            match c {
                                Some(c) if ok => item.push(c),
                                _ => {
                                    return Err(error(
                                        i,
                                        column(at),
                                        "expected \\u{hex} with one to six hex digits naming a \
                                         character",
                                    ));
                                }
                            }
                        }
                        _ => {
                            return Err(error(
                                i,
                                column(at),
                                "unknown escape; expected \\\\, \\\", \\n, \\r, \\t or \\u{hex}",
                            ));
                        }
                    },
                    Some((_, c)) => item.push(c),
                }
            }
            out.push(item);
            skip_ws(&mut chars);
            match chars.next() {
                None => return Ok(out),
                Some((_, ',')) => {}
                Some((at, c)) => {
                    return Err(error(
                        i,
                        column(at),
                        format!("expected `,` or the end of the line after an item, found {c:?}"),
                    ));
                }
            }
        }
    }
}

mod csv {
    use super::*;

    const HEADER: [&str; 9] = [
        "title",
        "situation",
        "task",
        "action",
        "result",
        "metrics",
        "tags",
        "lps",
        "role",
    ];

    pub(super) fn write(stories: &[Story]) -> String {
        let mut out = HEADER.join(",");
        out.push_str("\r\n");
        for story in stories {
            for name in TEXT_FIELDS {
                field(&mut out, text_field(story, name));
                out.push(',');
            }
            field(&mut out, &list(&story.tags));
            out.push(',');
            field(&mut out, &list(&story.lps));
            out.push(',');
            field(&mut out, story.role.map_or("", Role::id));
            out.push_str("\r\n");
        }
        out
    }

    fn field(out: &mut String, value: &str) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    }

    fn list(items: &[String]) -> String {
        let escaped: Vec<String> = items
            .iter()
            .map(|item| {
                if item.is_empty() {
                    "\\e".to_owned()
                } else {
                    item.replace('\\', "\\\\").replace(';', "\\;")
                }
            })
            .collect();
        escaped.join(";")
    }

    /// One field as read: its value and where it starts in the input.
    struct Field {
        value: String,
        at: usize,
        quoted: bool,
    }

    /// Splits the input into records of fields, skipping blank lines.
    fn records(text: &str) -> Result<Vec<(usize, Vec<Field>)>, ImportError> {
        let bytes = text.as_bytes();
        let mut pos = 0;
        let mut out = Vec::new();
        while pos < bytes.len() {
            if bytes[pos] == b'\n' {
                pos += 1;
                continue;
            }
            if bytes[pos..].starts_with(b"\r\n") {
                pos += 2;
                continue;
            }
            let start = pos;
            let mut fields = Vec::new();
            loop {
                let at = pos;
                let mut value = String::new();
                let quoted = bytes.get(pos) == Some(&b'"');
                if quoted {
                    pos += 1;
                    loop {
                        let Some(rel) = text[pos..].find('"') else {
                            return Err(error_at(
                                Format::Csv,
                                text,
                                at,
                                "this quoted field is never closed; expected a closing `\"` \
                                 (a quote inside a field is written `\"\"`)",
                            ));
                        };
                        value.push_str(&text[pos..pos + rel]);
                        pos += rel + 1;
                        if bytes.get(pos) == Some(&b'"') {
                            value.push('"');
                            pos += 1;
                        } else {
                            break;
                        }
                    }
                    let ends = matches!(bytes.get(pos), None | Some(b',' | b'\n'))
                        || bytes[pos..].starts_with(b"\r\n");
                    if !ends {
                        return Err(error_at(
                            Format::Csv,
                            text,
                            pos,
                            "expected `,` or the end of the line after a closing quote (a quote \
                             inside a field is written `\"\"`)",
                        ));
                    }
                } else {
                    let end = text[pos..]
                        .find([',', '\n'])
                        .map_or(text.len(), |rel| pos + rel);
                    let mut raw = &text[pos..end];
                    if bytes.get(end) == Some(&b'\n') {
                        raw = raw.strip_suffix('\r').unwrap_or(raw);
                    }
                    if let Some(q) = raw.find('"') {
                        return Err(error_at(
                            Format::Csv,
                            text,
                            pos + q,
                            "a quote inside an unquoted field; expected the whole field in \
                             quotes with the quote doubled (`\"a \"\"b\"\"\"`)",
                        ));
                    }
                    value.push_str(raw);
                    pos = end;
                }
                fields.push(Field { value, at, quoted });
                match bytes.get(pos) {
                    Some(b',') => pos += 1,
                    Some(b'\r') => {
                        pos += 2;
                        break;
                    }
                    Some(b'\n') => {
                        pos += 1;
                        break;
                    }
                    _ => break,
                }
            }
            out.push((start, fields));
        }
        Ok(out)
    }

    pub(super) fn read(text: &str) -> Result<Vec<Story>, ImportError> {
        let records = records(text)?;
        let mut rows = records.into_iter();
        let Some((_, header)) = rows.next() else {
            return Err(ImportError {
                format: Format::Csv,
                line: 1,
                column: None,
                message: format!("expected the header row {}", HEADER.join(",")),
            });
        };
        let mut columns: Vec<Option<&str>> = Vec::new();
        for f in &header {
            let name = f.value.trim().to_ascii_lowercase();
            if let Some(known) = HEADER.iter().find(|h| **h == name) {
                if columns.contains(&Some(known)) {
                    return Err(error_at(
                        Format::Csv,
                        text,
                        f.at,
                        format!("the `{name}` column appears twice in the header; keep one"),
                    ));
                }
                columns.push(Some(known));
            } else if IGNORED_FIELDS.contains(&name.as_str()) {
                columns.push(None);
            } else {
                return Err(error_at(
                    Format::Csv,
                    text,
                    f.at,
                    format!(
                        "unknown column {} in the header row; expected {}",
                        found(&f.value),
                        HEADER.join(",")
                    ),
                ));
            }
        }
        if !columns.contains(&Some("title")) {
            return Err(error_at(
                Format::Csv,
                text,
                0,
                format!(
                    "expected a header row naming at least a `title` column: {}",
                    HEADER.join(",")
                ),
            ));
        }
        let mut stories = Vec::new();
        for (start, fields) in rows {
            if fields.len() != columns.len() {
                return Err(error_at(
                    Format::Csv,
                    text,
                    start,
                    format!(
                        "expected {} fields as in the header row, found {}",
                        columns.len(),
                        fields.len()
                    ),
                ));
            }
            let mut story = Story::default();
            for (column, f) in columns.iter().zip(fields) {
                let Some(name) = column else { continue };
                if let Some(slot) = text_field_mut(&mut story, name) {
                    *slot = f.value;
                    continue;
                }
                match *name {
                    "tags" => story.tags = items(text, &f)?,
                    "lps" => story.lps = items(text, &f)?,
                    _ => {
                        let given = f.value.trim();
                        if !given.is_empty() {
                            story.role = Some(Role::parse(given).ok_or_else(|| {
                                error_at(
                                    Format::Csv,
                                    text,
                                    f.at,
                                    format!(
                                        "unknown role {}; expected pm, pmm or an empty field",
                                        found(given)
                                    ),
                                )
                            })?);
                        }
                    }
                }
            }
            stories.push(story);
        }
        Ok(stories)
    }

    /// Where character `index` (a byte offset) of a field's value sits in the input.
    fn source_offset(text: &str, f: &Field, index: usize) -> usize {
        let mut pos = f.at + usize::from(f.quoted);
        let mut seen = 0;
        let bytes = text.as_bytes();
        while seen < index && pos < bytes.len() {
            if f.quoted && bytes[pos] == b'"' {
                // A doubled quote is one character of the value.
                pos += 2;
                seen += 1;
            } else {
                let width = text[pos..].chars().next().map_or(1, char::len_utf8);
                pos += width;
                seen += width;
            }
        }
        pos
    }

    /// Splits a `;`-joined list field into its items.
    fn items(text: &str, f: &Field) -> Result<Vec<String>, ImportError> {
        let mut out = Vec::new();
        if f.value.is_empty() {
            return Ok(out);
        }
        let mut item = String::new();
        let mut chars = f.value.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                ';' => out.push(std::mem::take(&mut item)),
                '\\' => match chars.next() {
                    Some((_, '\\')) => item.push('\\'),
                    Some((_, ';')) => item.push(';'),
                    Some((_, 'e')) => {}
                    _ => {
                        return Err(error_at(
                            Format::Csv,
                            text,
                            source_offset(text, f, at),
                            "unknown escape in a list; expected \\\\ (a backslash), \\; (a \
                             semicolon) or \\e (an empty item)",
                        ));
                    }
                },
                c => item.push(c),
            }
        }
        out.push(item);
        Ok(out)
    }
}
