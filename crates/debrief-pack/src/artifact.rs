//! Artifacts: the documents PM and PMM loops ask for (a PR/FAQ, the written exercise, a GTM
//! one-pager, a messaging house, a battlecard, a launch plan, a PRD), each as a kind with its
//! sections in order, word budgets, what a reviewer checks, a template, exercise prompts and
//! annotated examples; and the checks the artifact checker raises, with their wording and the
//! phrases they look for.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// One kind of document, as `[[artifact]]` describes it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactKind {
    /// Unique id, e.g. `prfaq`.
    #[serde(default)]
    pub id: String,
    /// Display name, e.g. "PR/FAQ".
    #[serde(default)]
    pub name: String,
    /// The roles whose loops ask for it (`pm`, `pmm`).
    #[serde(default)]
    pub roles: Vec<String>,
    /// The drill's time budget in minutes.
    #[serde(default)]
    pub minutes: u32,
    /// What the document is and where loops ask for it, in a sentence or two.
    #[serde(default)]
    pub summary: String,
    /// What a reviewer checks, most important first.
    #[serde(default)]
    pub review: Vec<String>,
    /// What the checker cannot judge in this kind, which a reviewer would: shown with every
    /// report, so a clean check is not read as a reviewer's approval of the thinking.
    #[serde(default)]
    pub unchecked: Vec<String>,
    /// The blank document a drill starts from: Markdown headings in order, each with a line of
    /// guidance in square brackets.
    #[serde(default)]
    pub template: String,
    /// Whether the kind is a narrative, often written as plain prose with no headings (the
    /// written exercise): every section's checks read the whole text, whatever headings it
    /// has, and the budget is the document's.
    #[serde(default)]
    pub prose: bool,
    /// Where the kind's facts come from: title, address and date.
    #[serde(default)]
    pub source: String,
    /// Whether the grader also reads the whole document as an answer to its prompt, and in
    /// which round: a written exercise is a story about the writer's own work, and the
    /// grader's reading of stories (who decided, what changed against what, what explains it)
    /// sees what section checks cannot.
    #[serde(default)]
    pub read_as: Option<ReadAs>,
    /// Lines drawn per 100 words (who it is not for, what was given up) below which the
    /// `no-limits` check starts to cost points, where the kind differs from the check's own
    /// `limit`: a battlecard draws its lines as concessions ("where they win"), which are
    /// not denials, so it states fewer of them. 0 turns the check off for the kind.
    #[serde(default)]
    pub limits_per_hundred: Option<f64>,
    /// What `no-limits` costs the kind at most, in points of every section, where it differs
    /// from the check's own `penalty`: less where the rate tells strong documents of the kind
    /// from weak ones less well.
    #[serde(default)]
    pub limits_penalty: Option<f64>,
    /// The sections, in the order a reviewer expects them.
    #[serde(default, rename = "section")]
    pub sections: Vec<ArtifactSection>,
    /// Rubric dimensions: what the rating is made of, each read from some sections.
    #[serde(default, rename = "dimension")]
    pub dimensions: Vec<ArtifactDimension>,
    /// Exercise prompts.
    #[serde(default, rename = "prompt")]
    pub prompts: Vec<ArtifactPrompt>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// How the grader reads a whole document as an answer ([`ArtifactKind::read_as`]).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadAs {
    /// The round kind whose rubric reads it, e.g. `behavioral`.
    #[serde(default)]
    pub round: String,
    /// The reading's share of the overall score, above 0 and at most 1; the section checks
    /// make up the rest.
    #[serde(default)]
    pub weight: f64,
}

/// One section of an artifact kind.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactSection {
    /// Id unique within the kind, e.g. `internal-faq`.
    #[serde(default)]
    pub id: String,
    /// The heading a reviewer expects, e.g. "Internal FAQ".
    #[serde(default)]
    pub name: String,
    /// Other headings or labels that mean this section ("Stakeholder FAQ"), matched the way
    /// the name is: case, punctuation and a leading number ignored.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether a document without it is missing something a reviewer needs.
    #[serde(default)]
    pub required: bool,
    /// Fewest words a useful version has (0: no floor).
    #[serde(default)]
    pub min_words: u32,
    /// Most words before a reviewer stops reading (0: no ceiling).
    #[serde(default)]
    pub max_words: u32,
    /// What the section must do, in a sentence: shown with a finding about it.
    #[serde(default)]
    pub purpose: String,
    /// The checks that read this section, by `[[artifact_check]]` id.
    #[serde(default)]
    pub checks: Vec<String>,
    /// Whether its place among neighbouring sections that are also `any_order` is the
    /// writer's choice (a battlecard's objections and landmines come in either order in
    /// practice), so that swapping them is not out of order.
    #[serde(default)]
    pub any_order: bool,
    /// How much the section counts in the overall score (1 when unset).
    #[serde(default)]
    pub weight: Option<f64>,
    /// The moves a reviewer looks for in it, each a grader signal id (`[[signal]]`, e.g.
    /// `owned-decision`), or several joined by `|` when any of them will do
    /// (`alternatives|trade-off`). A present section that makes none of one move's signals,
    /// asserted, raises `missing-move`: a narrative can have every paragraph and no decision.
    /// [`LIMIT_MOVE`] among the alternatives is made by any line the writer draws in the
    /// section ("Not targeted: free accounts"), however it is worded.
    #[serde(default)]
    pub moves: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl ArtifactKind {
    /// The whole document's word budget, its sections' added up: the floors of the sections
    /// it needs, and every section's ceiling (0 where none has one). A narrative is held to it.
    pub fn word_budget(&self) -> (u32, u32) {
        let floor = self
            .sections
            .iter()
            .filter(|s| s.required)
            .map(|s| s.min_words)
            .sum();
        let ceiling = self.sections.iter().map(|s| s.max_words).sum();
        (floor, ceiling)
    }
}

impl ArtifactSection {
    /// Whether `heading` names this section (its name or an alias, compared by [`heading_key`]).
    pub fn is_named(&self, heading: &str) -> bool {
        let key = heading_key(heading);
        !key.is_empty()
            && std::iter::once(&self.name)
                .chain(&self.aliases)
                .any(|n| heading_key(n) == key)
    }

    /// The section's weight in the overall score.
    pub fn weight(&self) -> f64 {
        self.weight.unwrap_or(1.0)
    }
}

/// A rubric dimension of an artifact kind.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactDimension {
    /// Id unique within the kind, e.g. `customer`.
    #[serde(default)]
    pub id: String,
    /// Display name, e.g. "Customer and problem".
    #[serde(default)]
    pub name: String,
    /// What a strong document shows on this dimension.
    #[serde(default)]
    pub about: String,
    /// The sections it is read from, by id.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// An exercise prompt for an artifact kind.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactPrompt {
    /// Unique id, e.g. `prfaq-1`.
    #[serde(default)]
    pub id: String,
    /// The roles it is written for (`pm`, `pmm`); both when empty.
    #[serde(default)]
    pub roles: Vec<String>,
    /// The exercise as a loop would set it.
    #[serde(default)]
    pub text: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// An annotated example document of a kind, in our own words.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactExample {
    /// Unique id, e.g. `prfaq-strong-1`.
    #[serde(default)]
    pub id: String,
    /// The artifact kind.
    #[serde(default)]
    pub kind: String,
    /// The prompt it answers, by id (of the same kind).
    #[serde(default)]
    pub prompt: String,
    /// `strong` or `weak`.
    #[serde(default)]
    pub label: String,
    /// The document, in Markdown.
    #[serde(default)]
    pub text: String,
    /// What makes it strong or weak, section by section.
    #[serde(default, rename = "note")]
    pub notes: Vec<ArtifactNote>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A note on one section of an example.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactNote {
    /// The section it is about, by id.
    #[serde(default)]
    pub section: String,
    /// The note.
    #[serde(default)]
    pub note: String,
}

/// The checks the artifact checker knows how to run. Each is a small unit of code; its
/// wording, phrases and limits are content (`[[artifact_check]]` with the same id), and the
/// pack must word every one.
pub const ARTIFACT_CHECKS: [&str; 24] = [
    "missing-section",
    "missing-move",
    "as-answer",
    "out-of-order",
    "off-prompt",
    "incoherent",
    "no-limits",
    "over-budget",
    "under-budget",
    "no-number",
    "fluff",
    "weasel",
    "not-launched",
    "quote-stuffing",
    "softball-answer",
    "nothing-set-aside",
    "choice-put-off",
    "overpromise",
    "metric-incomplete",
    "pillar-without-proof",
    "features-not-benefits",
    "no-segment",
    "everyone-segment",
    "leading-question",
];

/// The checks a section's `checks` does not list: they read the whole document, or follow
/// from another field (`missing-move` from a section's `moves`, `as-answer` from the kind's
/// `read_as`).
pub const DOCUMENT_CHECKS: [&str; 7] = [
    "missing-section",
    "missing-move",
    "as-answer",
    "out-of-order",
    "off-prompt",
    "incoherent",
    "no-limits",
];

/// A move alternative that no phrase list defines: a sentence of the section in which the
/// writer rules something out (a denial of their own, not quoted, not a reassurance). Who a
/// launch is not for is said in as many ways as there are launches.
pub const LIMIT_MOVE: &str = "@limit";

/// The severities a check may have, mildest first.
pub const ARTIFACT_SEVERITIES: [&str; 3] = ["minor", "major", "critical"];

/// One check's wording and data, as `[[artifact_check]]` describes it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactCheck {
    /// One of [`ARTIFACT_CHECKS`], or `off-prompt`.
    #[serde(default)]
    pub id: String,
    /// A short name, e.g. "Not written as launched".
    #[serde(default)]
    pub name: String,
    /// `minor`, `major` or `critical`.
    #[serde(default)]
    pub severity: String,
    /// The grader's finding category it counts as where a document is graded as an answer
    /// (a mock loop's writing round): `weasel-words`, `no-measure`, `poor-shape`, ...
    #[serde(default)]
    pub category: String,
    /// What is wrong, as the finding says it; `{section}` names the section.
    #[serde(default)]
    pub message: String,
    /// Why a reviewer minds.
    #[serde(default)]
    pub why: String,
    /// What a strong document does instead.
    #[serde(default)]
    pub fix: String,
    /// The phrases it looks for (lowercase words, matched whole), when it looks for phrases.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Phrases that answer it: for `features-not-benefits` the benefit cues, for
    /// `metric-incomplete` the words that introduce a baseline, for `no-segment` the words
    /// that name a group; for `leading-question`, words that lead wherever they stand (its
    /// `phrases` lead only where they open the question).
    #[serde(default)]
    pub answers: Vec<String>,
    /// A count or share the check allows before it fires, where it has one.
    #[serde(default)]
    pub limit: Option<f64>,
    /// Section points a finding costs (0 to 4).
    #[serde(default)]
    pub penalty: f64,
    /// What a finding also costs the whole document, in points of every section (0 to 4),
    /// for a check whose finding is about the writer's thinking rather than one section's
    /// text: a battlecard that concedes nothing is weaker as a whole, not only where it
    /// should have conceded.
    #[serde(default)]
    pub document_penalty: f64,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A heading as section names are compared: lowercase letters and digits, single spaces, a
/// leading number ("2.", "3)") dropped.
pub fn heading_key(heading: &str) -> String {
    let words: Vec<String> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())),
    );
    words[skip..].join(" ")
}
