//! The grader: an answer in, a report out, with the evidence behind every number.
//!
//! Pure and deterministic: no I/O, no clock, no randomness, no global state. The same
//! answer, request and content give byte-identical JSON. The steps:
//!
//! 1. [`debrief_text::Text`] tokenizes once: words and numbers with byte spans, sentences, and
//!    each token's lowercase form for phrase matching.
//! 2. One pass over the tokens ([`compile::Compiled::matches`]) finds every phrase of every
//!    signal and rule, looked up by its first two words.
//! 3. STAR segmentation labels each sentence (behavioral rounds), from cue signals and a
//!    monotonic best path.
//! 4. Rules raise findings; signals become evidence; each rubric dimension is scored 1-4
//!    from its signals and the findings that count against it; gaming guards cap the score.

pub mod artifact;
mod asks;
pub mod calibrate;
mod change;
pub mod compile;
mod dates;
mod decision;
pub mod flaws;
pub mod meaning;
mod period;
pub mod phrases;
pub mod plausible;
mod score;
mod star;
mod tender;
pub mod topic;
mod whole;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use compile::{Compiled, Severity};
pub use debrief_pack::{CATEGORIES, Examples, Grading, Rule, Scoring, Signal};
use debrief_pack::{Catalog, Category, LookupError, Rating, Role, RoundKindId};

/// The largest answer the grader accepts, in bytes.
pub const MAX_ANSWER_BYTES: usize = 1_000_000;

/// What to grade.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GradeRequest {
    /// The answer, typed or transcribed.
    pub answer: String,
    /// The role the answer is for; `None` grades role-neutrally.
    pub role: Option<Role>,
    /// The round kind; the catalog's story kind when `None`.
    pub round: Option<RoundKindId>,
    /// The question, when known.
    pub question: Option<String>,
    /// Company id, when known.
    pub company: Option<String>,
    /// Time budget in seconds; the round kind's when `None`.
    pub budget_seconds: Option<u32>,
    /// Whether the answer is a spoken transcript (fillers are counted).
    pub transcript: bool,
    /// Whether the answer replies to an interviewer's follow-up (`question` is then the
    /// probe): it is judged on what it answers, not as a whole story (see [`Report`]).
    pub follow_up: bool,
    /// The Leadership Principles the question tests (principle ids). When empty, a question
    /// from the bank gives its own; a behavioral answer is then also judged on the evidence
    /// for them.
    pub principles: Vec<String>,
}

/// A byte span of the answer with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanText {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The answer's text in the span.
    pub text: String,
}

/// A byte span without text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// Evidence for a dimension score: a span and why it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The answer's text in the span.
    pub text: String,
    /// What it shows, or what it costs.
    pub note: String,
}

/// One rubric dimension, scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    /// Dimension id.
    pub id: String,
    /// Dimension label.
    pub label: String,
    /// 1 (strong no hire) to 4 (strong hire).
    pub score: u8,
    /// Integer percent of the overall score.
    pub weight: u32,
    /// The spans behind the score.
    pub evidence: Vec<Evidence>,
}

/// Something weak in the answer, with where it is and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id.
    pub rule: String,
    /// What the finding says is wrong.
    pub category: Category,
    /// info, warning or error.
    pub severity: Severity,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The answer's text in the span.
    pub text: String,
    /// What is weak and why.
    pub message: String,
    /// What a strong answer does instead.
    pub suggestion: String,
}

/// One measured part of the overall score: the score is the model's starting point plus the
/// points of every part, so each point traces to a measurement the report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorePart {
    /// Feature id (`base` for the starting point, else one of the score model's features).
    pub id: String,
    /// What the part measures.
    pub label: String,
    /// The measured value (two decimals).
    pub value: f64,
    /// The part of `value` that counts: at most the feature's cap (two decimals).
    pub counted: f64,
    /// False where the feature could not be measured on this answer (relevance without a
    /// question): `value` is then the model's neutral value.
    pub measured: bool,
    /// Points it adds (negative: takes away), one decimal.
    pub points: f64,
    /// What one counted unit is worth against the model's points per unit: more than 1 for
    /// the numbers of a round shorter than `depth_minutes`, less for an answer off its
    /// question; 1 for every other part. `counted` is then at most the cap over it, so
    /// full credit takes proportionally fewer numbers.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub scale: f64,
    /// The answer's own words behind the part, where it counts words (the abstract nouns),
    /// each once, in order: what the points trace to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
}

/// A part stored before `scale` existed was at the model's own scale.
fn one() -> f64 {
    1.0
}

/// Reports leave `scale` out where it is 1, so they read as before for every other part.
fn is_one(v: &f64) -> bool {
    *v == 1.0
}

impl ScorePart {
    /// The measured value as a reader takes it in: a share ("62%") for the rubric, length and
    /// relevance, a count otherwise, with the part that counts when the cap cuts it ("11, of
    /// which 8 counts"); empty for the starting point.
    pub fn shown(&self) -> String {
        if !self.measured {
            return "not measured, counted as typical".to_owned();
        }
        let share = matches!(self.id.as_str(), "rubric" | "length" | "relevance");
        let show = |v: f64| {
            if share {
                format!("{:.0}%", v * 100.0)
            } else {
                format!("{v}")
            }
        };
        if self.id == "base" {
            String::new()
        } else if self.id == "abstract" {
            // Every point here traces to words: name them, or say there are none.
            if self.words.is_empty() {
                format!(
                    "{} (none in the answer; a short one is read near the usual rate)",
                    show(self.value)
                )
            } else {
                format!("{}: {}", show(self.value), self.words.join(", "))
            }
        } else if self.counted < self.value {
            // Past the cap more adds nothing; say so rather than show the cap as measured.
            format!(
                "{}, of which {} counts",
                show(self.value),
                show(self.counted)
            )
        } else {
            show(self.value)
        }
    }
}

impl Report {
    /// The score the parts add up to, before any cap a finding sets, 0 to 100.
    pub fn uncapped_score(&self) -> u32 {
        let total: f64 = self.score_parts.iter().map(|p| p.points).sum();
        total.clamp(0.0, 100.0).round() as u32
    }
}

/// STAR segmentation: the sentences of each part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Star {
    /// Context.
    pub situation: Vec<Span>,
    /// The goal or assignment.
    pub task: Vec<Span>,
    /// What the candidate did.
    pub action: Vec<Span>,
    /// What came of it, and the lesson.
    pub result: Vec<Span>,
}

/// The graded answer. Field order is the JSON contract's key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The caller's id for the answer (batch mode), else null.
    pub id: Option<String>,
    /// 0 to 100.
    pub score: u32,
    /// The hiring-scale rating of the score.
    pub rating: Rating,
    /// How the score adds up, before any cap a finding sets.
    pub score_parts: Vec<ScorePart>,
    /// -1 (PMM framing) to +1 (PM framing).
    pub role_lean: f64,
    /// Rubric dimensions, in rubric order.
    pub dimensions: Vec<DimensionScore>,
    /// Findings, in answer order.
    pub findings: Vec<Finding>,
    /// STAR parts (behavioral rounds; empty otherwise).
    pub star: Star,
    /// Numbers and metrics found.
    pub metrics: Vec<SpanText>,
    /// Word count.
    pub words: usize,
    /// Estimated speaking time.
    pub spoken_seconds: u32,
    /// The time budget the answer was judged against.
    pub budget_seconds: u32,
    /// Filler phrases per spoken minute, for transcripts.
    pub fillers_per_minute: Option<f64>,
    /// The round kind graded against.
    pub round: String,
    /// The role graded for, null when role-neutral.
    pub role: Option<Role>,
    /// The rubric (or rubrics, role-neutral) the dimensions come from.
    pub rubric: String,
}

/// Why a request could not be graded. Every message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GradeError {
    /// The answer has no words.
    #[error("the answer is empty; write or paste an answer to grade")]
    Empty,
    /// The answer is larger than [`MAX_ANSWER_BYTES`].
    #[error(
        "the answer is {0} bytes; the limit is 1 MB (about 150,000 words), so grade one answer at a time"
    )]
    TooLarge(usize),
    /// The round kind is unknown.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// No rubric scores this round kind.
    #[error("no rubric scores round kind `{0}`; add a [[rubric]] for it")]
    NoRubric(String),
}

/// The grader for one content load: the catalog it reads rubrics and questions from, and the
/// pack's signals, rules and scoring compiled into one phrase index and resolved indices.
///
/// Built once per content load and shared read-only (it is `Send + Sync`).
#[derive(Debug, Clone)]
pub struct Grader {
    catalog: Arc<Catalog>,
    compiled: Compiled,
    artifacts: artifact::ArtifactChecks,
}

impl Grader {
    /// Compiles the catalog's grader data. The catalog is valid, so this cannot fail.
    pub fn new(catalog: Arc<Catalog>) -> Grader {
        let compiled = Compiled::new(catalog.pack());
        let artifacts = artifact::ArtifactChecks::new(&catalog.pack().artifact_checks);
        Grader {
            catalog,
            compiled,
            artifacts,
        }
    }

    /// Grades one answer against the round kind's rubric for the role (both roles' rubrics
    /// when role-neutral). Pure and deterministic.
    pub fn grade(&self, request: &GradeRequest) -> Result<Report, GradeError> {
        score::grade(&self.catalog, &self.compiled, request)
    }

    /// Resolves a JSON grade input into a request: role and company ids are checked (an empty
    /// string means "not given"), the rest is trimmed. The CLI's batch mode and the web API
    /// both call this, so they accept exactly the same input.
    pub fn request(&self, input: GradeInput) -> Result<GradeRequest, LookupError> {
        fn given(value: Option<String>) -> Option<String> {
            value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
        }
        let role = match given(input.role) {
            Some(r) => Some(self.catalog.role(&r)?.0),
            None => None,
        };
        let company = match given(input.company) {
            Some(c) => Some(self.catalog.company(&c)?.id.clone()),
            None => None,
        };
        let round = match given(input.round) {
            Some(r) => Some(self.catalog.round_kind(&r)?.kind_id()),
            None => None,
        };
        Ok(GradeRequest {
            answer: input.answer,
            role,
            round,
            question: given(input.question),
            company,
            budget_seconds: input.budget_seconds,
            transcript: input.transcript,
            follow_up: input.follow_up,
            principles: input
                .principles
                .iter()
                .map(|p| Ok::<_, LookupError>(self.catalog.principle(p.trim())?.id.clone()))
                .collect::<Result<_, LookupError>>()?,
        })
    }

    /// The compiled rules, signals and thresholds.
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// Checks a document against its artifact kind: its sections, the checks each lists, and
    /// the document as a whole ([`artifact`]).
    pub fn check_artifact(
        &self,
        request: &artifact::ArtifactRequest,
    ) -> Result<artifact::ArtifactReport, artifact::ArtifactError> {
        let kind = artifact::kind(&self.catalog, &request.kind)?;
        let answer = |round: &str, text: &str, prompt: Option<&str>, budget: u32| {
            let request = GradeRequest {
                answer: text.to_owned(),
                round: Some(self.catalog.round_kind(round).ok()?.kind_id()),
                question: prompt.map(str::to_owned),
                budget_seconds: Some(budget),
                ..GradeRequest::default()
            };
            score::grade(&self.catalog, &self.compiled, &request).ok()
        };
        let checker = artifact::Checker {
            checks: &self.artifacts,
            compiled: &self.compiled,
            answer: &answer,
            scope: &self.compiled.scope_words,
            topics: &self.compiled.topics,
            grading: self.catalog.grading(),
        };
        artifact::check(kind, &checker, request)
    }

    /// A document handed in for a mock loop's writing round, checked and read as an answer
    /// ([`artifact::as_report`]); the prompt is the round's question.
    pub fn grade_artifact(
        &self,
        request: &artifact::ArtifactRequest,
        at: artifact::AsAnswer<'_>,
    ) -> Result<Report, artifact::ArtifactError> {
        let report = self.check_artifact(request)?;
        let kind = artifact::kind(&self.catalog, &request.kind)?;
        Ok(artifact::as_report(kind, &report, at))
    }

    /// The catalog the grader was built from.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The catalog, shared.
    pub fn shared_catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }
}

/// One answer to grade as JSON gives it: a line of `debrief grade --batch` and the body of
/// `POST /api/grade` share this shape, so scripts can move between them. Ids are resolved by
/// [`Grader::request`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeInput {
    /// The caller's id for the answer, echoed in the report (a string or an integer).
    #[serde(default)]
    pub id: Option<InputId>,
    /// The answer.
    pub answer: String,
    /// `pm`, `pmm`, or absent for role-neutral.
    #[serde(default)]
    pub role: Option<String>,
    /// Round kind id; behavioral when absent.
    #[serde(default)]
    pub round: Option<String>,
    /// The question.
    #[serde(default)]
    pub question: Option<String>,
    /// Company id.
    #[serde(default)]
    pub company: Option<String>,
    /// Whether the answer is a spoken transcript.
    #[serde(default)]
    pub transcript: bool,
    /// Time budget in seconds.
    #[serde(default)]
    pub budget_seconds: Option<u32>,
    /// Whether the answer replies to a follow-up probe given as `question`.
    #[serde(default)]
    pub follow_up: bool,
    /// Principle ids the question tests (a bank question gives its own when absent).
    #[serde(default)]
    pub principles: Vec<String>,
}

/// An answer id as JSON may give it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum InputId {
    /// `"a1"`.
    Text(String),
    /// `5`.
    Number(i64),
}

impl std::fmt::Display for InputId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputId::Text(s) => f.write_str(s),
            InputId::Number(n) => write!(f, "{n}"),
        }
    }
}
