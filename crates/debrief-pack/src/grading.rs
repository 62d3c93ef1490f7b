//! The grader's data as the content pack holds it: signals, rules, scoring and thresholds.
//! `content/rules/README.md` documents every field.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// A question about the candidate's own past ("How have you handled...", "Tell me about an
/// experiment that didn't work"), as rules name it in `asked_by` or `not_asked_by`.
pub const ASKS_PAST: &str = "@asks-past";

/// What the grader reads from how a question is put, named in a rule's `asked_by` or
/// `not_asked_by` beside plain phrases.
pub const QUESTION_CLASSES: [&str; 1] = [ASKS_PAST];

/// A weak-answer category of docs/domain.md section 4: what a finding says is wrong. The ids
/// are part of the output contract (other tools key on them), so a variant's id never changes.
///
/// Content names categories as text (a typo is then one problem with its line, not a file
/// that fails to parse); validation checks each against [`CATEGORIES`], and code above the
/// pack works with this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Joining-in verbs and "we" where the candidate's own call should be.
    CollaborationFog,
    /// Claiming the other role's decision, or calling ownership shared.
    OwnershipOverclaim,
    /// Answering on the other role's axis.
    RoleAxisMismatch,
    /// Awareness or reach as the goal, with no number, segment or date.
    AwarenessWithoutTarget,
    /// Claiming equal strength in both roles.
    DualIdentity,
    /// A fix with no thought for what else it moves.
    SymptomFixing,
    /// A solution proposed before the problem is diagnosed or sized.
    SolutionFirst,
    /// A claim that does not match what was built.
    MessageFidelityBreak,
    /// A memorized definition of the roles.
    GenericRoleDefinition,
    /// A change credited to one cause with nothing ruling out others.
    AttributionError,
    /// Results with no number; goals with no metric or timeframe.
    NoMeasure,
    /// Hedges and vague intensifiers.
    WeaselWords,
    /// No position taken; deferring instead of deciding.
    NoBackbone,
    /// A "weakness" that is a strength in disguise.
    DisguisedWeakness,
    /// Setup crowding out action and result, no structure, or over time.
    PoorShape,
}

impl Category {
    /// Every category, in the order of docs/domain.md section 4.
    pub const ALL: [Category; 15] = [
        Category::CollaborationFog,
        Category::OwnershipOverclaim,
        Category::RoleAxisMismatch,
        Category::AwarenessWithoutTarget,
        Category::DualIdentity,
        Category::SymptomFixing,
        Category::SolutionFirst,
        Category::MessageFidelityBreak,
        Category::GenericRoleDefinition,
        Category::AttributionError,
        Category::NoMeasure,
        Category::WeaselWords,
        Category::NoBackbone,
        Category::DisguisedWeakness,
        Category::PoorShape,
    ];

    /// The id content and JSON use.
    pub const fn id(self) -> &'static str {
        match self {
            Category::CollaborationFog => "collaboration-fog",
            Category::OwnershipOverclaim => "ownership-overclaim",
            Category::RoleAxisMismatch => "role-axis-mismatch",
            Category::AwarenessWithoutTarget => "awareness-without-target",
            Category::DualIdentity => "dual-identity",
            Category::SymptomFixing => "symptom-fixing",
            Category::SolutionFirst => "solution-first",
            Category::MessageFidelityBreak => "message-fidelity-break",
            Category::GenericRoleDefinition => "generic-role-definition",
            Category::AttributionError => "attribution-error",
            Category::NoMeasure => "no-measure",
            Category::WeaselWords => "weasel-words",
            Category::NoBackbone => "no-backbone",
            Category::DisguisedWeakness => "disguised-weakness",
            Category::PoorShape => "poor-shape",
        }
    }

    /// The category with this id.
    pub fn parse(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The ids of [`Category::ALL`], for validation messages.
pub const CATEGORIES: [&str; 15] = {
    let mut ids = [""; 15];
    let mut i = 0;
    while i < ids.len() {
        ids[i] = Category::ALL[i].id();
        i += 1;
    }
    ids
};

/// Metrics a `metric` rule may bound.
pub const METRICS: [&str; 26] = [
    "we-share",
    "setup-share",
    "over-budget",
    "fillers-per-minute",
    "repetition",
    "sentence-shape",
    "word-order",
    "word-order-odds",
    "words",
    "question-overlap",
    "list-sentences",
    "past-share",
    "plan-share",
    "past-clauses",
    "lowercase-openers",
    "self-share",
    "impossible-numbers",
    "fixed-decision",
    "question-meaning",
    "question-rank",
    "question-subject",
    "coined-terms",
    "circular-claims",
    "phrase-count",
    "flaw-likeness",
    "asked-names",
];

/// Metrics whose rules may also ask that the answer use little of the question's topic weight
/// (`overlap_below`).
pub const OVERLAP_METRICS: [&str; 4] = [
    "question-meaning",
    "question-rank",
    "question-subject",
    "past-clauses",
];

/// The word classes a `word_order_odds` pair names: the tokenizer's closed classes, `word`
/// for any other word, and `start` and `end` for a sentence's edges.
pub const WORD_ORDER_CLASSES: [&str; 8] = [
    "determiner",
    "preposition",
    "subject",
    "auxiliary",
    "conjunction",
    "word",
    "start",
    "end",
];

/// Classes computed by code rather than listed as phrases.
pub const BUILT_IN_CLASSES: [&str; 4] = ["@number", "@i", "@we", "@labels"];

/// STAR parts, in order.
pub const STAR_PARTS: [&str; 4] = ["situation", "task", "action", "result"];

/// Evidence a strong answer shows.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    /// Kebab-case id, usable as a class (`@id`).
    #[serde(default)]
    pub id: String,
    /// Shown as the note on evidence.
    #[serde(default)]
    pub label: String,
    /// Lowercase word sequences, or classes.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Role vocabulary: `pm` or `pmm`.
    #[serde(default)]
    pub lean: Option<String>,
    /// A STAR cue: situation, task, action or result.
    #[serde(default)]
    pub star: Option<String>,
    /// How much one distinct match counts toward a dimension.
    #[serde(default = "one")]
    pub weight: f64,
    /// Evidence only where the sentence asserts it: an action the candidate says they did not
    /// take ("I didn't push back") shows no principle. Other signals keep evidence under a
    /// negator, where it usually reasons about a segment rather than denies it.
    #[serde(default)]
    pub asserted: bool,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

fn one() -> f64 {
    1.0
}

fn signal_points() -> f64 {
    0.9
}

fn penalty_points() -> f64 {
    0.7
}

fn without_core() -> f64 {
    2.4
}

fn negation_window() -> u32 {
    5
}

fn follow_up_seconds() -> u32 {
    90
}

fn list_items() -> u32 {
    5
}

fn list_item_words() -> u32 {
    4
}

fn mode_clauses() -> u32 {
    6
}

fn plan_frame_share() -> f64 {
    0.2
}

fn max_people() -> f64 {
    8.2e9
}

fn place_slack() -> f64 {
    1.15
}

fn max_money() -> f64 {
    1.6e14
}

fn structure_labels() -> u32 {
    3
}

fn meaning_sentences() -> u32 {
    2
}

fn opening_words() -> u32 {
    40
}

fn limit_sentence_words() -> u32 {
    8
}

fn meaning_sentence_words() -> u32 {
    5
}

fn circular_overlap() -> f64 {
    0.55
}

fn circular_shared() -> u32 {
    3
}

fn meaning_weight() -> f64 {
    1.5
}

fn subject_words() -> u32 {
    4
}

fn subject_word_letters() -> u32 {
    3
}

fn follow_up_dimensions() -> u32 {
    2
}

/// Should-flag and should-pass examples a test runs for every rule.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts that must raise the rule.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Texts that must not.
    #[serde(default)]
    pub pass: Vec<String>,
    /// The question the examples answer, for rules that compare answer and question.
    #[serde(default)]
    pub question: Option<String>,
}

/// What a weak answer does, as a rule that raises findings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Kebab-case id.
    #[serde(default)]
    pub id: String,
    /// One of [`CATEGORIES`].
    #[serde(default)]
    pub category: String,
    /// `info`, `warning` or `error`.
    #[serde(default)]
    pub severity: String,
    /// `existence`, `missing` or `metric`.
    #[serde(default)]
    pub kind: String,
    /// Phrases or classes.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Phrases or classes that cancel a finding when present in `window`.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Whether the rule is about wording rather than a claim, so its phrases count even where
    /// a negator reaches them ("not really" is as vague as "really"). Mentions and labels
    /// never count.
    #[serde(default)]
    pub literal: bool,
    /// Whether the rule is about what the candidate declines to do, so its phrases count
    /// only where a negator reaches them ("rather than making the call", "instead of telling
    /// him what I thought"). Mentions and labels never count.
    #[serde(default)]
    pub denied: bool,
    /// Whether the rule judges a whole answer (its length, its shape), so a reply to a
    /// follow-up probe, which answers one thing, is not held to it. `missing` rules never
    /// judge follow-up replies: what a reply lacks depends on what the probe asked.
    #[serde(default)]
    pub whole_answers_only: bool,
    /// Words that, right after a phrase, give it another sense: "I owned the product" claims
    /// the roadmap, "I owned the product marketing" does not. A match followed by one of
    /// these (in its sentence) is not a finding.
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// Words that, right before a phrase, give it another sense: "it was kind of slow"
    /// hedges, "the same kind of work" names a kind. A match after one of these (in its
    /// sentence) is not a finding.
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    /// For `existence`: a match the question itself uses is not a finding. An answer to
    /// "design a feeder that tells bird lovers which birds visit" talks of birds by right;
    /// the same words in an answer about payroll are nonsense.
    #[serde(default)]
    pub unless_asked: bool,
    /// Phrases of the question (or the follow-up probe) that make the rule apply: it then
    /// judges whether the answer gives what was asked ("one number", "which call was yours").
    /// Empty: the rule applies whatever the question. A `missing` rule with `asked_by` also
    /// judges follow-up replies, since what they lack is then known.
    #[serde(default)]
    pub asked_by: Vec<String>,
    /// Phrases of the question that keep the rule from applying: a question that asks about
    /// the candidate's past ("tell me about a time") wants the story a plan-round rule would
    /// otherwise flag. Here and in `asked_by`, a name of [`QUESTION_CLASSES`] stands for
    /// what the grader reads from how the question is put.
    #[serde(default)]
    pub not_asked_by: Vec<String>,
    /// Ids of rules that judge their own questions (each rule's `asked_by`): where the
    /// question is one of theirs, this rule does not apply, as if their `asked_by` phrases were
    /// in its `not_asked_by`.
    #[serde(default)]
    pub yields_to: Vec<String>,
    /// Ids of rules whose findings (and caps) this rule's finding replaces when both fire: it
    /// says the same and more, and one problem is reported once.
    #[serde(default)]
    pub replaces: Vec<String>,
    /// For `existence`: how many different phrases must occur before any is a finding (one
    /// odd word can be a metaphor; several make the answer absurd). Default 1.
    #[serde(default)]
    pub min_count: u32,
    /// For `existence`: phrases or classes of which one must occur in the match's sentence
    /// for it to be a finding. "Product marketing roles" is no claim to both roles from a PM
    /// candidate; "I'm talking to product marketing teams as well" is.
    #[serde(default)]
    pub with: Vec<String>,
    /// For `existence` and `missing`: phrases or classes of which one must occur (asserted)
    /// somewhere in the answer for the rule to apply. A sales peak is another cause only beside
    /// a result measured across it; an answer that changes nothing has no second-order effects
    /// to name.
    #[serde(default)]
    pub answer_with: Vec<String>,
    /// For `missing`: groups of phrases or classes that, all in one sentence, meet the rule
    /// as one of its phrases would. A behavior target is often a plain count with its window
    /// ("1,500 more flu shots between October 1 and November 30"), in words no list names.
    #[serde(default)]
    pub together: Vec<Vec<String>>,
    /// `sentence` or `answer`.
    #[serde(default)]
    pub window: Option<String>,
    /// `answer` or a STAR part.
    #[serde(default)]
    pub scope: Option<String>,
    /// Where a `missing` finding is anchored when its scope is the answer: `first` or `last`.
    #[serde(default)]
    pub anchor: Option<String>,
    /// Roles it applies to; empty for any.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Round kinds it applies to; empty for any.
    #[serde(default)]
    pub rounds: Vec<String>,
    /// For `missing` and the `question-overlap` metric: answers shorter than this are not
    /// judged.
    #[serde(default)]
    pub min_words: Option<u32>,
    /// For `metric`: which one.
    #[serde(default)]
    pub metric: Option<String>,
    /// For `metric`: lower bound.
    #[serde(default)]
    pub min: Option<f64>,
    /// For the `question-meaning`, `question-rank` and `question-subject` metrics: the rule
    /// fires only when the
    /// weighted share of the question's topic words the answer uses is also below this.
    #[serde(default)]
    pub overlap_below: Option<f64>,
    /// For the `question-subject` metric: the rule fires only when the answer's own subject
    /// words also come no nearer than this, in meaning, to the question's words: an answer
    /// about another situation misses the question's subject, and the question never
    /// mentions the answer's.
    #[serde(default)]
    pub answer_subject_below: Option<f64>,
    /// For `metric`: upper bound.
    #[serde(default)]
    pub max: Option<f64>,
    /// The highest overall score an answer can get while this rule fires (gaming guards:
    /// a keyword list or shuffled words must not rate hire however many signals they hold).
    #[serde(default)]
    pub cap: Option<u32>,
    /// What is weak and why.
    #[serde(default)]
    pub message: String,
    /// What a strong answer does instead.
    #[serde(default)]
    pub suggestion: String,
    /// Examples a test runs.
    #[serde(default)]
    pub examples: Examples,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Rule {
    /// What is wrong with the bounds that narrow a metric rule (`overlap_below`,
    /// `answer_subject_below`), by field: each is read by some metrics only, and each is a
    /// share from 0 to 1.
    pub fn bound_problems(&self) -> Vec<(&'static str, String)> {
        let bounds: [(&'static str, Option<f64>, &[&str], &str); 2] = [
            (
                "overlap_below",
                self.overlap_below,
                &OVERLAP_METRICS,
                "a share of words",
            ),
            (
                "answer_subject_below",
                self.answer_subject_below,
                &["question-subject"],
                "a closeness in meaning",
            ),
        ];
        let mut problems = Vec::new();
        for (field, value, takes, what) in bounds {
            let Some(v) = value else { continue };
            if !self.metric.as_deref().is_some_and(|m| takes.contains(&m)) {
                let takes = takes.join(", ");
                problems.push((
                    field,
                    format!("only a metric rule of {takes} takes `{field}`"),
                ));
            } else if !(0.0..=1.0).contains(&v) {
                problems.push((field, format!("{v} is {what}: give a value from 0 to 1")));
            }
        }
        problems
    }
}

/// How one rubric dimension is scored.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// The rubric dimension id.
    #[serde(default)]
    pub dimension: String,
    /// Signal ids or classes that raise it.
    #[serde(default)]
    pub signals: Vec<String>,
    /// Finding categories that lower it.
    #[serde(default)]
    pub penalties: Vec<String>,
    /// Signals of which at least one must appear for the dimension to score above
    /// `grading.without_core`: numbers and decisions alone do not show backbone.
    #[serde(default)]
    pub core: Vec<String>,
    /// The dimension is scored from the evidence of the principles the question tests (each
    /// principle's `pm_evidence` or `pmm_evidence`) instead of `signals`; an answer to a
    /// question that tests none leaves it out.
    #[serde(default)]
    pub principles: bool,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// The features the score model may weigh, each a measurement of the answer the report can
/// point at: the rubric dimensions' weighted mean (0 to 1), the count of numbers the answer
/// states as facts, the counts of findings by severity, and the spoken length against the
/// time budget (1 is the whole budget), the share of the question's topic words the answer
/// meets (relevance; not measured without a question, nor on a follow-up reply), and the
/// count of statements that draw a line (limits: what was ruled out, given up or not claimed),
/// and abstract nouns per hundred words (abstract: "-tion", "-ment", "-ity" words).
pub const SCORE_FEATURES: [&str; 9] = [
    "rubric",
    "numbers",
    "errors",
    "warnings",
    "notes",
    "length",
    "relevance",
    "limits",
    "abstract",
];

/// How the overall 0-100 score is built: a starting point plus, for each feature, its points
/// per unit times the answer's measured value (never above the feature's cap). Additive, so
/// every point of a score traces to one measurement; fitted on the calibration set's tuning
/// part by `debrief calibrate --fit`, never on the held-out part.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreModel {
    /// Score before any feature counts.
    pub base: f64,
    /// Points per unit of log-odds the fit used to turn its model into points (a record of
    /// the fit; the grader does not read it).
    #[serde(default)]
    pub points_per_logit: f64,
    /// The features, in the order the report lists them.
    #[serde(default, rename = "feature")]
    pub features: Vec<ScoreFeature>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl ScoreModel {
    /// The value feature `id` takes where it cannot be measured, if the model gives one.
    pub fn neutral(&self, id: &str) -> Option<f64> {
        self.features
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.neutral)
    }
}

/// One weighed feature of the [`ScoreModel`].
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreFeature {
    /// One of [`SCORE_FEATURES`].
    pub id: String,
    /// What the report calls it.
    pub label: String,
    /// Points per unit of the feature (negative for findings).
    pub points: f64,
    /// The largest value that counts: the tenth number adds nothing the eighth did not.
    pub cap: f64,
    /// The value taken where the feature cannot be measured (relevance without a question):
    /// a typical answer's, so an unmeasured answer neither gains nor loses by it.
    #[serde(default)]
    pub neutral: Option<f64>,
}

impl Default for ScoreModel {
    /// The arithmetic before the model was fitted: the rubric mean on 0-100, less 2 points an
    /// error, 1 a warning and 0.4 a note.
    fn default() -> Self {
        let feature = |id: &str, label: &str, points: f64, cap: f64| ScoreFeature {
            id: id.to_owned(),
            label: label.to_owned(),
            points,
            cap,
            neutral: None,
        };
        ScoreModel {
            base: 0.0,
            points_per_logit: 0.0,
            features: vec![
                feature("rubric", "Rubric dimensions", 100.0, 1.0),
                feature("errors", "Serious findings", -2.0, 15.0),
                feature("warnings", "Findings", -1.0, 30.0),
                feature("notes", "Notes", -0.4, 75.0),
            ],
            origin: Origin::default(),
        }
    }
}

/// Rating thresholds and the speaking rate.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Grading {
    /// Score at or above which the rating is strong hire.
    pub strong_hire: u32,
    /// Score at or above which the rating is hire.
    pub hire: u32,
    /// Score below which the rating is strong no hire.
    pub no_hire: u32,
    /// Words per spoken minute.
    pub words_per_minute: u32,
    /// Raw points each distinct matched signal adds to a dimension (times its weight).
    #[serde(default = "signal_points")]
    pub signal_points: f64,
    /// Raw points each unit of finding penalty takes from a dimension it counts against.
    #[serde(default = "penalty_points")]
    pub penalty_points: f64,
    /// Raw points every dimension gains per distinct signal anywhere in the answer: an answer
    /// full of specifics earns a little credit even where its words miss a dimension's
    /// vocabulary.
    #[serde(default)]
    pub breadth_points: f64,
    /// The most `breadth_points` can add.
    #[serde(default)]
    pub breadth_cap: f64,
    /// The highest raw dimension score (1-4) without any of the dimension's core signals.
    #[serde(default = "without_core")]
    pub without_core: f64,
    /// The answer minutes at which the full depth is expected: an answer whose time budget
    /// is shorter is expected to show proportionally less evidence (signals per dimension,
    /// numbers stated as facts), so a two-minute screen answer is not held to a case's depth.
    /// 0 expects the same depth of every answer.
    #[serde(default)]
    pub depth_minutes: f64,
    /// Whether numbers said in words before a unit word (the `spoken-numbers` and `time-units`
    /// lists) count as numbers; off, only digits do.
    #[serde(default)]
    pub spoken_numbers: bool,
    /// Signals (by id) whose matches count as numbers stated as facts in a whole answer's
    /// score, beside its digits: quantities said in words ("doubled", "about half").
    #[serde(default)]
    pub number_signals: Vec<String>,
    /// How many tokens after a negator ("not", "never") it denies, within its clause.
    #[serde(default = "negation_window")]
    pub negation_window: u32,
    /// The time budget of a reply to a follow-up probe, in seconds.
    #[serde(default = "follow_up_seconds")]
    pub follow_up_seconds: u32,
    /// How many of its best dimensions a reply to a follow-up is scored on: a probe asks
    /// about one thing, so the reply is judged where it answers, not on every dimension.
    #[serde(default = "follow_up_dimensions")]
    pub follow_up_dimensions: u32,
    /// How many short items in a row make a sentence a list (the `list-sentences` metric):
    /// naming every factor instead of choosing among them.
    #[serde(default = "list_items")]
    pub list_items: u32,
    /// The most words an item of such a list has.
    #[serde(default = "list_item_words")]
    pub list_item_words: u32,
    /// The fewest clauses with "I" or "we" as subject the `past-share` metric judges.
    #[serde(default = "mode_clauses")]
    pub mode_clauses: u32,
    /// The least share of an answer's told and planned first-person clauses that must be
    /// plans for a plan that opens and closes on what the candidate would do to count as a
    /// plan with a story for evidence, rather than a story with a sentence of plan at each end.
    #[serde(default = "plan_frame_share")]
    pub plan_frame_share: f64,
    /// The most people a count of people can reach (the world's population), for the
    /// `impossible-numbers` metric.
    #[serde(default = "max_people")]
    pub max_people: f64,
    /// How far past a country's head count (`[[place]]`) a count of its residents may go and
    /// still be a rounding, as a factor ("1.15"); past it the figure cannot be true.
    #[serde(default = "place_slack")]
    pub place_slack: f64,
    /// The most money a market, revenue or spend can come to in a year: above it a figure
    /// is more than the world produces, for the `impossible-numbers` metric.
    #[serde(default = "max_money")]
    pub max_money: f64,
    /// How many line-opening labels make an answer's structure visible (the `@labels` class).
    #[serde(default = "structure_labels")]
    pub structure_labels: u32,
    /// The `word-order-odds` metric's table: for each pair of neighbouring word classes
    /// ("determiner preposition"; see [`WORD_ORDER_CLASSES`]), the log-odds that it comes
    /// from a sentence as written rather than from the same words shuffled, measured on the
    /// calibration set's tuning part. Empty: the metric is not measured.
    #[serde(default)]
    pub word_order_odds: std::collections::BTreeMap<String, f64>,
    /// How many of an answer's sentences closest to the question the `question-meaning`
    /// metric averages: an answer on the question has a few sentences squarely on it.
    #[serde(default = "meaning_sentences")]
    pub meaning_sentences: u32,
    /// The fewest words a sentence needs to count for the `question-meaning` metric (a short
    /// aside carries too few words to place).
    #[serde(default = "meaning_sentence_words")]
    pub meaning_sentence_words: u32,
    /// How much meaning counts beside topic words in an answer's relevance to its question
    /// (the `question-meaning` metric): relevance is the weighted share of the question's
    /// topics used plus this times the meaning closeness.
    #[serde(default = "meaning_weight")]
    pub meaning_weight: f64,
    /// How many of the question's subject words the `question-subject` metric measures: its
    /// rarest lowercase topic words ("donors", "blood"), names and interview words left out.
    #[serde(default = "subject_words")]
    pub subject_words: u32,
    /// The fewest letters a word needs to be a subject word, or to be set against one: the
    /// shortest words are grammar, not subject.
    #[serde(default = "subject_word_letters")]
    pub subject_word_letters: u32,
    /// The fewest words a sentence that draws a line needs to count for the score model's
    /// `limits` feature: "We did not cut corners" boasts; a limit names what was left out.
    #[serde(default = "limit_sentence_words")]
    pub limit_sentence_words: u32,
    /// A rule with `scope = "opening"` looks at the sentences that start within this many
    /// words of the answer's beginning: where a reader decides whether to read on.
    #[serde(default = "opening_words")]
    pub opening_words: u32,
    /// The `circular-claims` metric: the share of each side's distinct content words (split
    /// at a `circular-joins` word) that the other side repeats, at which a sentence argues in
    /// a circle.
    #[serde(default = "circular_overlap")]
    pub circular_overlap: f64,
    /// The fewest distinct content words both sides of a circular sentence share.
    #[serde(default = "circular_shared")]
    pub circular_shared: u32,
    /// Rules (by id, each with `asked_by`) whose questions are judged on what they ask for,
    /// not on their words: on those questions the score model's `relevance` feature is not
    /// measured, as the off-question rules yield to the same rules (`yields_to`).
    #[serde(default)]
    pub relevance_yields_to: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Grading {
    /// The share of the full depth an answer with this time budget is expected to show:
    /// its minutes over `depth_minutes`, at most 1 (and at least a quarter, so a very short
    /// budget does not turn one signal into full marks).
    pub fn depth(&self, budget_seconds: u32) -> f64 {
        if self.depth_minutes <= 0.0 {
            return 1.0;
        }
        (f64::from(budget_seconds) / 60.0 / self.depth_minutes).clamp(0.25, 1.0)
    }
}

impl Default for Grading {
    fn default() -> Self {
        Grading {
            strong_hire: 80,
            hire: 60,
            no_hire: 35,
            words_per_minute: 150,
            signal_points: signal_points(),
            penalty_points: penalty_points(),
            breadth_points: 0.0,
            breadth_cap: 0.0,
            without_core: without_core(),
            depth_minutes: 0.0,
            spoken_numbers: false,
            number_signals: Vec::new(),
            negation_window: negation_window(),
            follow_up_seconds: follow_up_seconds(),
            follow_up_dimensions: follow_up_dimensions(),
            list_items: list_items(),
            list_item_words: list_item_words(),
            mode_clauses: mode_clauses(),
            plan_frame_share: plan_frame_share(),
            max_people: max_people(),
            place_slack: place_slack(),
            max_money: max_money(),
            structure_labels: structure_labels(),
            word_order_odds: Default::default(),
            meaning_sentences: meaning_sentences(),
            subject_words: subject_words(),
            subject_word_letters: subject_word_letters(),
            meaning_sentence_words: meaning_sentence_words(),
            meaning_weight: meaning_weight(),
            limit_sentence_words: limit_sentence_words(),
            opening_words: opening_words(),
            circular_overlap: circular_overlap(),
            circular_shared: circular_shared(),
            relevance_yields_to: Vec::new(),
            origin: Origin::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_serialize_as_their_ids_and_parse_back() {
        for c in Category::ALL {
            let json = serde_json::to_string(&c).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", c.id()));
            assert_eq!(Category::parse(c.id()), Some(c));
        }
        assert_eq!(CATEGORIES[0], "collaboration-fog");
        assert_eq!(CATEGORIES[14], "poor-shape");
        assert_eq!(Category::parse("no-such-category"), None);
    }

    #[test]
    fn depth_follows_the_rounds_minutes_between_a_quarter_and_the_whole() {
        let grading = Grading {
            depth_minutes: 6.0,
            ..Grading::default()
        };
        assert_eq!(grading.depth(360), 1.0);
        assert_eq!(
            grading.depth(900),
            1.0,
            "a long round expects no more than the whole"
        );
        assert_eq!(grading.depth(180), 0.5);
        assert_eq!(
            grading.depth(60),
            0.25,
            "a minute expects a quarter, not a sixth"
        );
        assert_eq!(
            Grading::default().depth(60),
            1.0,
            "0 expects the same of every answer"
        );
    }
}

/// Word weights learned from the calibration set's tuning part, one set per finding category:
/// how much a word, or two words in a row, in an answer makes it read like the weak answers
/// labelled with that category. A `flaw-likeness` rule of the category fires when an answer's
/// weights sum past the category's threshold, and its finding names the sentence that weighs
/// most and the words that weigh most in it. Fitted by `debrief calibrate --fit-flaws`, never
/// on the held-out part.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FlawModel {
    /// What the fit was run on and how (a record; the grader does not read it).
    #[serde(default)]
    pub fitted_on: String,
    /// One entry per learned category.
    #[serde(default, rename = "category")]
    pub categories: Vec<FlawWeights>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// One category's learned weights ([`FlawModel`]).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FlawWeights {
    /// One of [`CATEGORIES`].
    pub category: String,
    /// The log-odds before any word counts.
    pub bias: f64,
    /// The log-odds past which an answer reads like the category: set on answers the fit did
    /// not see, so that about one in a hundred answers without the flaw passes it.
    pub threshold: f64,
    /// One line per feature: the feature (one lower-case word, or two words in a row joined
    /// by a space), a space, and its weight. Kept as one text rather than a table: thousands
    /// of table entries would cost every start of the program milliseconds to parse.
    pub weights: String,
}

impl FlawWeights {
    /// The weights, line by line: `Ok((feature, weight))`, or `Err(line)` for a line that is
    /// not a feature and a number. Blank lines are skipped.
    pub fn entries(&self) -> impl Iterator<Item = Result<(&str, f64), &str>> {
        self.weights
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| {
                let (feature, weight) = line.rsplit_once(' ').ok_or(line)?;
                let weight: f64 = weight.parse().map_err(|_| line)?;
                Ok((feature, weight))
            })
    }
}
