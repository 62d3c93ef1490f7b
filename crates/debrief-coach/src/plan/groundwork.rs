//! What the candidate already has when a plan is made: the story bank as the lint rated it and
//! readiness per round kind. The application layer reads both from the store and passes them
//! in; a saved plan keeps them, so it rebuilds as it was made however the bank changes later.

use serde::{Deserialize, Serialize};

use debrief_grader::Severity;
use debrief_pack::Rating;

use crate::progress::{Readiness, Status};
use crate::story::{Story, StoryLint, Strength};

/// How a plan's items are placed on days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// No day holds more than the pack's `max_daily_items` work items, a mock day holds
    /// nothing else, and the first `light_start_days` days hold at most `light_start_items`.
    #[default]
    Capped,
    /// Each kind of item spread over its window on its own, with no daily limit: how plans
    /// were laid out before the limit, so plans saved then read back unchanged.
    Uncapped,
}

/// One story of the bank, as much of it as the plan reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankStory {
    /// Its title, as the candidate wrote it.
    pub title: String,
    /// The principle ids it is tagged with (see [`Story::principle_ids`]).
    pub principles: Vec<String>,
    /// What it can carry (see [`Strength`]): only a strong story covers a principle.
    pub strength: Strength,
    /// The lint's rating.
    pub rating: Rating,
    /// The lint's score, 0 to 100.
    pub score: u32,
    /// Whether the lint found a number.
    pub has_number: bool,
    /// Whether the story has a result written.
    pub has_result: bool,
    /// The message of its most serious finding (the first of those), when it has any.
    pub finding: Option<String>,
}

impl BankStory {
    /// The parts of `story` and its lint the plan reads.
    pub fn of(story: &Story, lint: &StoryLint) -> BankStory {
        let worst = lint.findings.iter().map(|f| f.severity).max();
        let finding = worst.and_then(|w| {
            lint.findings
                .iter()
                .find(|f| f.severity == w && w >= Severity::Warning)
                .map(|f| f.message.trim().to_owned())
        });
        BankStory {
            title: story.title.trim().to_owned(),
            principles: story.principle_ids(),
            strength: lint.strength,
            rating: lint.rating,
            score: lint.score,
            has_number: lint.has_number,
            has_result: !story.result.trim().is_empty(),
            finding: finding.filter(|f| !f.is_empty()),
        }
    }
}

/// What a plan is built from besides the loop and the dates.
///
/// The default is a candidate with no stories and no history, laid out under the daily limit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Groundwork {
    /// How items are placed on days.
    pub layout: Layout,
    /// The story bank when the plan was made.
    #[serde(default)]
    pub stories: Vec<BankStory>,
    /// The hire bar `readiness` was read against.
    #[serde(default)]
    pub bar: u32,
    /// Readiness per round kind of the loop when the plan was made.
    #[serde(default)]
    pub readiness: Vec<Readiness>,
}

impl Groundwork {
    /// How plans saved before plans read the bank and the history are rebuilt: nothing known
    /// about the candidate, no daily limit.
    pub fn as_first_made() -> Groundwork {
        Groundwork {
            layout: Layout::Uncapped,
            ..Groundwork::default()
        }
    }

    /// The strong stories tagged with `principle`, then the best of the others: (how many
    /// strong, the best story), best by strength, then score, then bank order.
    pub(super) fn best_for(&self, principle: &str) -> (usize, Option<&BankStory>) {
        let mut tagged: Vec<&BankStory> = self
            .stories
            .iter()
            .filter(|s| s.principles.iter().any(|p| p == principle))
            .collect();
        let strong = tagged
            .iter()
            .filter(|s| s.strength == Strength::Strong)
            .count();
        // Stable: ties keep bank order.
        tagged.sort_by(|a, b| b.strength.cmp(&a.strength).then(b.score.cmp(&a.score)));
        (strong, tagged.first().copied())
    }

    /// How the candidate stands in round kind `kind`: ready, below the bar (with the recent
    /// scores), or not known (untried, or too few answers to say).
    pub(super) fn reading(&self, kind: &str) -> Reading<'_> {
        let Some(r) = self.readiness.iter().find(|r| r.round_kind == kind) else {
            return Reading::Unknown;
        };
        match r.status {
            Status::Ready => Reading::Ready(&r.recent),
            Status::NotYet if r.recent.iter().any(|&s| s < self.bar) => Reading::Weak(&r.recent),
            _ => Reading::Unknown,
        }
    }
}

/// How the history reads for one round kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading<'g> {
    /// Ready: the recent scores, newest first, all at the bar.
    Ready(&'g [u32]),
    /// Below the bar in at least one recent answer: the recent scores, newest first.
    Weak(&'g [u32]),
    /// No history, or too little to say.
    Unknown,
}

impl Reading<'_> {
    /// How far the recent scores' mean is below `bar` (at least 1 for a weak kind).
    pub(super) fn gap(&self, bar: u32) -> u32 {
        match self {
            Reading::Weak(recent) if !recent.is_empty() => {
                let mean = recent.iter().sum::<u32>() / recent.len() as u32;
                bar.saturating_sub(mean).max(1)
            }
            _ => 0,
        }
    }
}
