//! Model answers: for a round kind and a role, annotated strong answers and a weak one to a
//! question of the bank, shown beside questions and listed by `debrief examples`.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// The labels an example carries: a strong answer to learn from, or a weak one to avoid.
pub const EXAMPLE_LABELS: [&str; 2] = ["strong", "weak"];

/// One model answer, with notes on what makes it strong or weak.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Unique id, e.g. `ex-pd-pm-1`.
    #[serde(default)]
    pub id: String,
    /// The role it answers as, `pm` or `pmm`.
    #[serde(default)]
    pub role: String,
    /// The round kind.
    #[serde(default)]
    pub round: String,
    /// `strong` or `weak`.
    #[serde(default)]
    pub label: String,
    /// The id of the bank question it answers (of `round`, asked of `role`).
    #[serde(default)]
    pub question: String,
    /// The answer, as a candidate would give it.
    #[serde(default)]
    pub answer: String,
    /// What makes it strong or weak, pointing at its own moves.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Example {
    /// Whether it is a strong answer.
    pub fn is_strong(&self) -> bool {
        self.label == "strong"
    }
}
