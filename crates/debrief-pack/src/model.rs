//! The domain model: what a content pack holds.
//!
//! Every type here deserializes straight from the pack's TOML. Enumerations that users write
//! (roles, difficulty, round kinds, ids) are kept as strings and checked by
//! [`crate::validate()`], so one typo produces one clear problem instead of stopping the parse of
//! the whole file. Every entry carries an [`Origin`] that the loader fills in, so problems can
//! name the file and line.

use serde::{Deserialize, Serialize};

/// Where an entry came from: the pack-relative file and the line its table starts on.
///
/// Filled in by the loader, never read from TOML.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// Path of the file, relative to the pack root, with `/` separators.
    pub file: String,
    /// 1-based line of the entry's table header (or of the file's start when unknown).
    pub line: u32,
}

/// The two roles debrief prepares candidates for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Product Manager: owns what ships and whether it solves the right problem.
    Pm,
    /// Product Marketing Manager: owns how what shipped gets understood and bought.
    Pmm,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 2] = [Role::Pm, Role::Pmm];

    /// The id used in content and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Role::Pm => "pm",
            Role::Pmm => "pmm",
        }
    }

    /// The short label candidates know ("PM", "PMM").
    pub fn label(self) -> &'static str {
        match self {
            Role::Pm => "PM",
            Role::Pmm => "PMM",
        }
    }

    /// Parses a role id, ignoring ASCII case.
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_ascii_lowercase().as_str() {
            "pm" => Some(Role::Pm),
            "pmm" => Some(Role::Pmm),
            _ => None,
        }
    }
}

/// The tracks the pack knows, each inside one role: Amazon hires technical product managers
/// (PM-T) on a track of their own within PM. A loop may be for a track (`track` on a
/// `[[loop]]`), a candidate's profile may name one, and pay rows may price one apart
/// (`crate::pay::PAY_ROLES`).
pub const TRACKS: [(&str, Role); 1] = [("pm-t", Role::Pm)];

/// The tracks the pack knows within `role`, in [`TRACKS`] order.
pub fn tracks_of(role: Role) -> impl Iterator<Item = &'static str> {
    TRACKS
        .into_iter()
        .filter(move |(_, r)| *r == role)
        .map(|(t, _)| t)
}

/// A track as candidates read it: `pm-t` is "PM-T".
pub fn track_label(track: &str) -> String {
    track.to_ascii_uppercase()
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// A role as the pack describes it (docs/domain.md section 2).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoleProfile {
    /// `pm` or `pmm`.
    #[serde(default)]
    pub id: String,
    /// Full name, e.g. "Product Marketing Manager".
    #[serde(default)]
    pub name: String,
    /// Short name, e.g. "PMM".
    #[serde(default)]
    pub short: String,
    /// What the role answers for.
    #[serde(default)]
    pub accountable_for: String,
    /// What the role owns and what it only informs.
    #[serde(default)]
    pub decision_rights: String,
    /// The first question the role reaches for.
    #[serde(default)]
    pub cognitive_default: String,
    /// What the role produces.
    #[serde(default)]
    pub primary_outputs: Vec<String>,
    /// Documents the role writes.
    #[serde(default)]
    pub artifacts: Vec<String>,
    /// How the role proves impact.
    #[serde(default)]
    pub proof_modes: Vec<String>,
    /// How the role fails.
    #[serde(default)]
    pub failure_modes: Vec<String>,
    /// The role the app starts with when the candidate has chosen none; one role at most.
    #[serde(default)]
    pub default: bool,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// One of the things a company's interviewers assess, in our own words: Amazon's Leadership
/// Principles, Google's hiring attributes, Meta's interview competencies. Every consumer of
/// principles (loop weights, questions, story coverage, the mock debrief, the grader's principle
/// dimension) works on all of them; `company` says whose it is.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// Kebab-case id, e.g. `dive-deep`.
    #[serde(default)]
    pub id: String,
    /// The company that assesses it; `amazon` when not given.
    #[serde(default = "amazon")]
    pub company: String,
    /// Position in the company's list (Amazon's public order), from 1, unique per company.
    #[serde(default)]
    pub number: u32,
    /// The public name.
    #[serde(default)]
    pub name: String,
    /// What the principle asks for.
    #[serde(default)]
    pub gist: String,
    /// How a PM proves it.
    #[serde(default)]
    pub pm_proof: String,
    /// How a PMM proves it.
    #[serde(default)]
    pub pmm_proof: String,
    /// How candidates commonly miss it.
    #[serde(default)]
    pub pitfalls: Vec<String>,
    /// Grader signal ids whose evidence shows this principle; a mock debrief quotes them for it.
    #[serde(default)]
    pub signals: Vec<String>,
    /// Finding categories that count against this principle; a mock debrief quotes them
    /// against it.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Grader signal ids whose evidence shows this principle in a PM's story: the behavioral
    /// rubric's principle dimension credits them when the question tests the principle.
    #[serde(default)]
    pub pm_evidence: Vec<String>,
    /// As `pm_evidence`, in a PMM's story.
    #[serde(default)]
    pub pmm_evidence: Vec<String>,
    /// Where the name and what the company assesses under it come from: a title and an
    /// address a reader can open.
    #[serde(default)]
    pub source: String,
    /// The date of the source.
    #[serde(default)]
    pub as_of: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

fn amazon() -> String {
    "amazon".to_owned()
}

impl Principle {
    /// The proof text for a role.
    pub fn proof_for(&self, role: Role) -> &str {
        match role {
            Role::Pm => &self.pm_proof,
            Role::Pmm => &self.pmm_proof,
        }
    }

    /// The signal ids whose evidence shows this principle for a role; both roles' (each id
    /// once, PM's first) for a role-neutral answer.
    pub fn evidence_for(&self, role: Option<Role>) -> Vec<&str> {
        let lists: &[&Vec<String>] = match role {
            Some(Role::Pm) => &[&self.pm_evidence],
            Some(Role::Pmm) => &[&self.pmm_evidence],
            None => &[&self.pm_evidence, &self.pmm_evidence],
        };
        let mut out: Vec<&str> = Vec::new();
        for id in lists.iter().flat_map(|l| l.iter()) {
            if !out.contains(&id.as_str()) {
                out.push(id);
            }
        }
        out
    }
}

/// A hiring company.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    /// Kebab-case id, e.g. `amazon`.
    #[serde(default)]
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// One-paragraph summary of how the company hires PMs and PMMs.
    #[serde(default)]
    pub summary: String,
    /// How the company decides.
    #[serde(default)]
    pub hiring_bar: String,
    /// Whether rounds are judged against the company's principles (its `[[principle]]`
    /// entries, weighted per round) rather than free-text competencies.
    #[serde(default)]
    pub uses_principles: bool,
    /// What the company calls one of its principles, as it reads mid-sentence: "Leadership
    /// Principle", "hiring attribute", "competency". Required when the pack holds principles
    /// of this company.
    #[serde(default)]
    pub principle_word: String,
    /// The plural of `principle_word`: "Leadership Principles".
    #[serde(default)]
    pub principles_word: String,
    /// Who reads the whole loop before the decision (Amazon's Bar Raiser, Google's hiring
    /// committee); `None` when the pack knows of no such step.
    #[serde(default)]
    pub review: Option<Review>,
    /// Most principles one round may weight: about what one interviewer is assigned (Amazon:
    /// two or three Leadership Principles each). No limit when unset.
    #[serde(default)]
    pub round_principles_max: Option<usize>,
    /// Fewest of the company's principles a loop must weight across its rounds, so a mock
    /// hears most of them. No floor when unset.
    #[serde(default)]
    pub loop_principles_min: Option<usize>,
    /// The company the app starts with when the candidate has chosen none; one company at
    /// most.
    #[serde(default)]
    pub default: bool,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Company {
    /// One of the company's principles as it reads mid-sentence ("Leadership Principle",
    /// "hiring attribute"); "principle" for a company the pack gives no word for (it holds
    /// none of its principles).
    pub fn principle_noun(&self) -> &str {
        if self.principle_word.trim().is_empty() {
            "principle"
        } else {
            &self.principle_word
        }
    }

    /// The plural of [`Company::principle_noun`].
    pub fn principles_noun(&self) -> &str {
        if self.principles_word.trim().is_empty() {
            "principles"
        } else {
            &self.principles_word
        }
    }

    /// [`Company::principles_noun`] shortened for a narrow place such as a phone's
    /// navigation: a name written in capitals becomes its initials ("Leadership Principles":
    /// "LPs"), as candidates abbreviate it; a common noun phrase keeps its last word
    /// ("hiring attributes": "Attributes", "interview competencies": "Competencies").
    pub fn principles_short(&self) -> String {
        let words: Vec<&str> = self.principles_noun().split_whitespace().collect();
        let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        if words.len() > 1 && words.iter().all(capitalised) {
            let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
            return format!("{initials}s");
        }
        let last = words.last().copied().unwrap_or("principles");
        let mut chars = last.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

/// The person or body that reads a whole loop before the decision, as a mock debrief shows it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// What the company calls it: "Bar Raiser", "Hiring committee".
    #[serde(default)]
    pub name: String,
    /// Whether one strong no hire on a principle or competency the loop weights sinks the loop
    /// whatever the average (Amazon's Bar Raiser).
    #[serde(default)]
    pub veto: bool,
    /// How it decides, in a sentence or two.
    #[serde(default)]
    pub about: String,
    /// Where what `about` says comes from: a title and an address a reader can open.
    #[serde(default)]
    pub source: String,
    /// The date of the source.
    #[serde(default)]
    pub as_of: String,
}

/// A level at a company (Amazon L5, Meta IC5, ...).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The company id this level belongs to.
    #[serde(default)]
    pub company: String,
    /// Id unique within the company, e.g. `l5`.
    #[serde(default)]
    pub id: String,
    /// Display name, e.g. "L5".
    #[serde(default)]
    pub name: String,
    /// The PM title at this level.
    #[serde(default)]
    pub pm_title: String,
    /// The PMM title at this level.
    #[serde(default)]
    pub pmm_title: String,
    /// What the level owns.
    #[serde(default)]
    pub scope: String,
    /// What the loop expects at this level.
    #[serde(default)]
    pub bar: String,
    /// The nearest Amazon level, for other companies.
    #[serde(default)]
    pub amazon_equivalent: Option<String>,
    /// The lowest overall mock score (0-100) a debrief calls a hire at this level; the
    /// grader's `grading.hire` when absent.
    #[serde(default)]
    pub hire_score: Option<u32>,
    /// The level chosen for this company when the candidate has chosen none; one per company
    /// at most.
    #[serde(default)]
    pub default: bool,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl RoundKind {
    /// Its id, typed.
    pub fn kind_id(&self) -> RoundKindId {
        RoundKindId(self.id.clone())
    }
}

impl Level {
    /// The title for a role.
    pub fn title_for(&self, role: Role) -> &str {
        match role {
            Role::Pm => &self.pm_title,
            Role::Pmm => &self.pmm_title,
        }
    }
}

/// A round kind's id once the catalog knows it: taken from a [`RoundKind`] of a valid pack
/// (or read back from data saved with one), so code past validation cannot hold a misspelt
/// kind. Serializes as the plain id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoundKindId(String);

impl RoundKindId {
    /// The id as content and JSON spell it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RoundKindId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for RoundKindId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RoundKindId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A kind of interview round (behavioral, gtm-case, ...).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoundKind {
    /// Kebab-case id.
    #[serde(default)]
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// What the round is.
    #[serde(default)]
    pub description: String,
    /// Role ids that usually face it.
    #[serde(default)]
    pub roles: Vec<String>,
    /// A typical budget for one spoken answer, in minutes.
    #[serde(default)]
    pub answer_minutes: u32,
    /// The formats its questions come in (kebab-case ids), when a round of the kind may ask
    /// only some of them; empty when the kind has one shape.
    #[serde(default)]
    pub formats: Vec<String>,
    /// Phrases a search for this kind of question starts with ("tell me about a time"): a
    /// query holding one ranks this kind's questions first.
    #[serde(default)]
    pub search_phrases: Vec<String>,
    /// Interview minutes one main question of this kind takes with its follow-ups: a mock
    /// round asks its length divided by this (at least one), so a 30-minute screen asks
    /// several questions and a 45-minute case one.
    #[serde(default)]
    pub question_minutes: u32,
    /// Whether answers are STAR stories: the grader labels their situation, task, action and
    /// result. The first such kind is the story kind (see [`crate::Catalog::story_kind`]).
    #[serde(default)]
    pub star: bool,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A principle weighted by a round: 1 (probed) to 3 (the round's focus).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WeightedPrinciple {
    /// Principle id.
    pub id: String,
    /// 1 to 3.
    pub weight: u32,
}

/// A figure with its source, e.g. "Rounds in the loop: 4-5".
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// What is measured.
    #[serde(default)]
    pub label: String,
    /// The value as the source gives it.
    #[serde(default)]
    pub value: String,
    /// Who said it.
    #[serde(default)]
    pub source: String,
    /// When (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-QN`).
    #[serde(default)]
    pub as_of: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A span of the hiring timeline, in days, with its source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineSpan {
    /// What the span covers, e.g. "Application to offer".
    #[serde(default)]
    pub label: String,
    /// Lower bound in days.
    #[serde(default)]
    pub min_days: u32,
    /// Upper bound in days.
    #[serde(default)]
    pub max_days: u32,
    /// Who said it.
    #[serde(default)]
    pub source: String,
    /// When.
    #[serde(default)]
    pub as_of: String,
    /// Optional remark.
    #[serde(default)]
    pub note: Option<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A known elimination point of a loop.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Elimination {
    /// The round id (within the same loop) where candidates fall.
    #[serde(default)]
    pub round: String,
    /// Why they fall.
    #[serde(default)]
    pub what: String,
    /// Who said it.
    #[serde(default)]
    pub source: String,
    /// When.
    #[serde(default)]
    pub as_of: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A step of the hiring process that is not an interview (a hiring committee, team matching,
/// the debrief where the Bar Raiser speaks): what happens there and what the candidate can do
/// about it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Id unique within the loop.
    #[serde(default)]
    pub id: String,
    /// Display name, e.g. "Hiring committee".
    #[serde(default)]
    pub name: String,
    /// The id of the round of this loop it follows, or [`Stage::AFTER_LOOP`] for a step after
    /// the whole loop.
    #[serde(default)]
    pub after: String,
    /// What happens there, in our own words.
    #[serde(default)]
    pub about: String,
    /// What the candidate can do about it.
    #[serde(default)]
    pub prepare: String,
    /// Who said it.
    #[serde(default)]
    pub source: String,
    /// When.
    #[serde(default)]
    pub as_of: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Stage {
    /// `after` of a stage that follows the whole loop rather than one round.
    pub const AFTER_LOOP: &'static str = "loop";
}

/// One interview of a loop.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Id unique within the loop.
    #[serde(default)]
    pub id: String,
    /// Round kind id.
    #[serde(default)]
    pub kind: String,
    /// Display title, e.g. "Bar Raiser".
    #[serde(default)]
    pub title: String,
    /// Length in minutes.
    #[serde(default)]
    pub minutes: u32,
    /// Who runs it.
    #[serde(default)]
    pub interviewer: String,
    /// What the round judges.
    #[serde(default)]
    pub judges: Vec<String>,
    /// Leadership Principles weighted by this round.
    #[serde(default)]
    pub principles: Vec<WeightedPrinciple>,
    /// Competencies scored instead of principles (Google, Meta).
    #[serde(default)]
    pub competencies: Vec<String>,
    /// The question formats this round asks (of its kind's `formats`); empty means any. A
    /// 10-minute lightning presentation asks for a presentation, not a battlecard.
    #[serde(default)]
    pub formats: Vec<String>,
    /// Why candidates fail here, when known.
    #[serde(default)]
    pub elimination: Option<String>,
    /// Whether this is the Bar Raiser interview.
    #[serde(default)]
    pub bar_raiser: bool,
    /// Who said it.
    #[serde(default)]
    pub source: String,
    /// When.
    #[serde(default)]
    pub as_of: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A company's interview loop for one role.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Loop {
    /// `<company>-<role>`.
    #[serde(default)]
    pub id: String,
    /// Company id.
    #[serde(default)]
    pub company: String,
    /// Role id.
    #[serde(default)]
    pub role: String,
    /// The track within the role this loop is for (one of [`TRACKS`], e.g. `pm-t`); `None` for
    /// the role's own loop, the one a candidate without a track prepares for.
    #[serde(default)]
    pub track: Option<String>,
    /// What the loop is like, in a paragraph.
    #[serde(default)]
    pub summary: String,
    /// Level ids of the company this loop hires at.
    #[serde(default)]
    pub levels: Vec<String>,
    /// Rounds in interview order.
    #[serde(default, rename = "round")]
    pub rounds: Vec<Round>,
    /// Timeline spans, side by side when sources disagree.
    #[serde(default)]
    pub timeline: Vec<TimelineSpan>,
    /// Other figures with sources.
    #[serde(default, rename = "figure")]
    pub figures: Vec<Figure>,
    /// Known elimination points.
    #[serde(default, rename = "elimination")]
    pub eliminations: Vec<Elimination>,
    /// Steps after the interviews (or between them) that are not interviews, in order.
    #[serde(default, rename = "stage")]
    pub stages: Vec<Stage>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Loop {
    /// Whether this is the loop of `company` for `role` on `track` (`None`: the role's own
    /// loop, never a track's).
    pub fn is_for(&self, company: &str, role: Role, track: Option<&str>) -> bool {
        self.company == company && self.role == role.id() && self.track.as_deref() == track
    }

    /// Total interview minutes across rounds.
    pub fn total_minutes(&self) -> u32 {
        self.rounds.iter().map(|r| r.minutes).sum()
    }

    /// Principles weighted across the loop, summed over rounds, heaviest first (ties by id).
    pub fn principle_weights(&self) -> Vec<WeightedPrinciple> {
        let mut totals: std::collections::BTreeMap<&str, u32> = Default::default();
        for p in self.rounds.iter().flat_map(|r| &r.principles) {
            *totals.entry(&p.id).or_default() += p.weight;
        }
        let mut out: Vec<WeightedPrinciple> = totals
            .into_iter()
            .map(|(id, weight)| WeightedPrinciple {
                id: id.to_owned(),
                weight,
            })
            .collect();
        out.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.id.cmp(&b.id)));
        out
    }
}

/// The four anchor sentences of a rubric dimension, one per point of the hiring scale.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Anchors {
    /// Point 1.
    #[serde(default)]
    pub strong_no_hire: String,
    /// Point 2.
    #[serde(default)]
    pub no_hire: String,
    /// Point 3.
    #[serde(default)]
    pub hire: String,
    /// Point 4.
    #[serde(default)]
    pub strong_hire: String,
}

impl Anchors {
    /// The anchors with their point and rating, lowest first.
    pub fn points(&self) -> [(u8, Rating, &str); 4] {
        [
            (1, Rating::StrongNoHire, &self.strong_no_hire),
            (2, Rating::NoHire, &self.no_hire),
            (3, Rating::Hire, &self.hire),
            (4, Rating::StrongHire, &self.strong_hire),
        ]
    }
}

/// The hiring scale every rubric point maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    /// 1: strong no hire.
    StrongNoHire,
    /// 2: no hire.
    NoHire,
    /// 3: hire.
    Hire,
    /// 4: strong hire.
    StrongHire,
}

impl Rating {
    /// The kebab-case id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Rating::StrongNoHire => "strong-no-hire",
            Rating::NoHire => "no-hire",
            Rating::Hire => "hire",
            Rating::StrongHire => "strong-hire",
        }
    }

    /// The words a hiring committee uses.
    pub fn label(self) -> &'static str {
        match self {
            Rating::StrongNoHire => "Strong no hire",
            Rating::NoHire => "No hire",
            Rating::Hire => "Hire",
            Rating::StrongHire => "Strong hire",
        }
    }
}

/// One scored dimension of a rubric.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Id unique within the rubric.
    #[serde(default)]
    pub id: String,
    /// Display label.
    #[serde(default)]
    pub label: String,
    /// Integer percent; a rubric's weights sum to 100.
    #[serde(default)]
    pub weight: u32,
    /// What the interviewer looks for.
    #[serde(default)]
    pub looks_for: String,
    /// What each point of the scale looks like.
    #[serde(default)]
    pub anchors: Anchors,
    /// Principle ids: when given, the dimension counts only for a question that tests one of
    /// them (or names none), so a story is not marked down for what its question never asked
    /// (message fidelity in a coaching story).
    #[serde(default)]
    pub principles: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// How one round kind is scored for one role.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// `<kind>-<role>`.
    #[serde(default)]
    pub id: String,
    /// Round kind id.
    #[serde(default)]
    pub round_kind: String,
    /// Role id.
    #[serde(default)]
    pub role: String,
    /// Display title.
    #[serde(default)]
    pub title: String,
    /// What the round tests for this role.
    #[serde(default)]
    pub summary: String,
    /// 3 to 7 dimensions.
    #[serde(default, rename = "dimension")]
    pub dimensions: Vec<Dimension>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// An interview question from the bank.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique id.
    #[serde(default)]
    pub id: String,
    /// The question as an interviewer asks it.
    #[serde(default)]
    pub text: String,
    /// Role ids it is asked of.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Round kind id.
    #[serde(default)]
    pub round: String,
    /// Company id, when the question is specific to one.
    #[serde(default)]
    pub company: Option<String>,
    /// Principle ids it probes.
    #[serde(default)]
    pub principles: Vec<String>,
    /// `easy`, `medium` or `hard`.
    #[serde(default)]
    pub difficulty: String,
    /// What a strong answer shows.
    #[serde(default)]
    pub signals: Vec<String>,
    /// Probes an interviewer may add.
    #[serde(default)]
    pub follow_ups: Vec<String>,
    /// The question's format, one of its round kind's `formats` (a presentation, a
    /// battlecard, an objection to handle); a round that names formats asks only those.
    #[serde(default)]
    pub format: Option<String>,
    /// The artifact kind the question asks the candidate to write (`prfaq`,
    /// `writing-exercise`, ...): a mock loop checks the answer with the artifact checker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact: Option<String>,
    /// Level ids of the question's company that its wording is written for ("This is an L6
    /// role..."); empty when it suits any level. A mock at another level never draws it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Question {
    /// Whether the question is asked of `role`.
    pub fn asks(&self, role: Role) -> bool {
        self.roles.iter().any(|r| r == role.id())
    }

    /// Whether a round asking `formats` may draw it (any, when the round names none).
    pub fn suits_formats(&self, formats: &[String]) -> bool {
        formats.is_empty() || self.format.as_ref().is_some_and(|f| formats.contains(f))
    }

    /// Whether the question's wording suits `level` (any level when it names none).
    pub fn suits_level(&self, level: &str) -> bool {
        self.levels.is_empty() || self.levels.iter().any(|l| l == level)
    }
}

/// A follow-up probe: what an interviewer asks next when an answer shows a weakness.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Probe {
    /// Kebab-case id, unique among probes.
    #[serde(default)]
    pub id: String,
    /// The interviewer's question, in our own words.
    #[serde(default)]
    pub text: String,
    /// The same question opening on the candidate's own words, with one `{quote}`
    /// placeholder: asked instead of `text` when the finding that set the probe off points at
    /// a phrase short enough to quote back ("You said “{quote}”: compared with what?").
    #[serde(default)]
    pub quoting: Option<String>,
    /// Why an interviewer asks it, shown to the candidate.
    #[serde(default)]
    pub why: String,
    /// What in the first answer triggers it.
    #[serde(default)]
    pub when: ProbeWhen,
    /// Round kind ids it is asked in; empty means any.
    #[serde(default)]
    pub rounds: Vec<String>,
    /// Role ids it is asked of; empty means any.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Probe {
    /// Whether the probe may be asked in a round of `round_kind` for `role`.
    pub fn applies(&self, round_kind: &str, role: Role) -> bool {
        (self.rounds.is_empty() || self.rounds.iter().any(|k| k == round_kind))
            && (self.roles.is_empty() || self.roles.iter().any(|r| r == role.id()))
    }
}

/// What triggers a [`Probe`]: any finding of the categories or rules, or an answer that shows
/// none of the `missing` signals.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProbeWhen {
    /// Finding categories (the 15 of `grade::CATEGORIES`).
    #[serde(default)]
    pub categories: Vec<String>,
    /// Rule ids from `content/rules`.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Signal ids: the probe fires when the answer shows none of them.
    #[serde(default)]
    pub missing: Vec<String>,
}

/// The valid difficulty ids, easiest first.
pub const DIFFICULTIES: [&str; 3] = ["easy", "medium", "hard"];

/// One thing to do before the loop.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Id unique within the checklist.
    #[serde(default)]
    pub id: String,
    /// What to do.
    #[serde(default)]
    pub text: String,
    /// Why it matters.
    #[serde(default)]
    pub why: String,
    /// Round kinds it prepares for.
    #[serde(default)]
    pub round_kinds: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A preparation checklist for a role, or for both.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// Unique id.
    #[serde(default)]
    pub id: String,
    /// `pm`, `pmm` or `both`.
    #[serde(default)]
    pub role: String,
    /// Display title.
    #[serde(default)]
    pub title: String,
    /// The items, in order.
    #[serde(default, rename = "item")]
    pub items: Vec<ChecklistItem>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Checklist {
    /// The one role the checklist is for, or `None` when it is for both (`role = "both"`;
    /// validation allows nothing else).
    pub fn for_role(&self) -> Option<Role> {
        Role::parse(&self.role)
    }

    /// Whether this checklist applies to `role`.
    pub fn applies_to(&self, role: Role) -> bool {
        self.for_role().is_none_or(|r| r == role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(principles_word: &str) -> Company {
        Company {
            id: "x".into(),
            name: "X".into(),
            summary: String::new(),
            hiring_bar: String::new(),
            uses_principles: true,
            principle_word: String::new(),
            principles_word: principles_word.into(),
            review: None,
            round_principles_max: None,
            loop_principles_min: None,
            default: false,
            origin: Origin::default(),
        }
    }

    #[test]
    fn principles_shorten_to_initials_of_a_name_or_the_last_word_of_a_phrase() {
        assert_eq!(company("Leadership Principles").principles_short(), "LPs");
        assert_eq!(
            company("hiring attributes").principles_short(),
            "Attributes"
        );
        assert_eq!(
            company("interview competencies").principles_short(),
            "Competencies"
        );
        assert_eq!(company("Values").principles_short(), "Values");
        assert_eq!(company("").principles_short(), "Principles");
    }
}
