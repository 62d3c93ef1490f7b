//! The artifact checker measured: strong and weak documents of each kind, written apart from
//! the checker, in a tuning part and a held-out part that is never used to tune it; and the
//! pack's annotated example documents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use debrief_pack::{Origin, Rating};

use super::CalibrationError;
use crate::Grader;
use crate::artifact::ArtifactRequest;

/// A strong and a weak document of one kind, answering one prompt.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactPair {
    /// Unique id.
    pub id: String,
    /// The artifact kind.
    pub kind: String,
    /// `pm` or `pmm`: who writes it.
    #[serde(default)]
    pub role: String,
    /// The exercise both answer.
    pub prompt: String,
    /// The document an experienced reviewer rates higher.
    pub strong: String,
    /// The weaker document.
    pub weak: String,
    /// What a reviewer would mark the weak one down for.
    #[serde(default)]
    pub weak_because: Vec<String>,
    /// Whether the pair is in the held-out part (set from its folder).
    #[serde(skip)]
    pub held_out: bool,
    /// Where it was read from.
    #[serde(skip)]
    pub origin: Origin,
}

/// One part of one kind's pairs, checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArtifactPart {
    /// Pairs.
    pub pairs: usize,
    /// Share of pairs whose strong document scores above the weak one.
    pub pairwise_accuracy: f64,
    /// Share of strong documents rated hire or better.
    pub strong_rated_hire: f64,
    /// Share of weak documents rated no hire or worse.
    pub weak_rated_no_hire: f64,
    /// The pairs ranked wrong: (id, strong score, weak score).
    pub misranked: Vec<(String, u32, u32)>,
}

/// One kind's figures, per part.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArtifactKindFigures {
    /// The tuning part.
    pub tuning: ArtifactPart,
    /// The held-out part.
    pub held_out: ArtifactPart,
}

/// The pack's example documents: strong above weak per kind, and each rating against its
/// label.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArtifactExampleFigures {
    /// Example documents checked.
    pub documents: usize,
    /// Strong-against-weak pairs of one kind.
    pub pairs: usize,
    /// Of those, ranked strong above weak.
    pub ranked_right: usize,
    /// Documents whose rating agrees with the label (strong hire or better, weak below).
    pub label_agrees: usize,
    /// The documents whose rating contradicts the label, with their score.
    pub disagreements: Vec<(String, u32)>,
}

/// A pair as checked: its id, and the strong and the weak document's score and rating.
type Checked = (String, (u32, Rating), (u32, Rating));

/// Checks every pair and example; figures per kind.
pub fn artifact_figures(
    grader: &Grader,
    pairs: &[ArtifactPair],
) -> Result<
    (
        BTreeMap<String, ArtifactKindFigures>,
        ArtifactExampleFigures,
    ),
    CalibrationError,
> {
    let check = |id: &str, kind: &str, prompt: &str, text: &str| {
        grader
            .check_artifact(&ArtifactRequest {
                kind: kind.to_owned(),
                text: text.to_owned(),
                prompt: Some(prompt.to_owned()),
            })
            .map(|r| (r.score, r.rating))
            .map_err(|error| CalibrationError {
                id: id.to_owned(),
                error: error.into(),
            })
    };
    let mut checked: BTreeMap<(String, bool), Vec<Checked>> = BTreeMap::new();
    for p in pairs {
        let strong = check(&p.id, &p.kind, &p.prompt, &p.strong)?;
        let weak = check(&p.id, &p.kind, &p.prompt, &p.weak)?;
        checked
            .entry((p.kind.clone(), p.held_out))
            .or_default()
            .push((p.id.clone(), strong, weak));
    }
    let mut kinds: BTreeMap<String, ArtifactKindFigures> = BTreeMap::new();
    for ((kind, held_out), list) in checked {
        let n = list.len() as f64;
        let share = |f: &dyn Fn(&Checked) -> bool| list.iter().filter(|x| f(x)).count() as f64 / n;
        let part = ArtifactPart {
            pairs: list.len(),
            pairwise_accuracy: share(&|(_, s, w)| s.0 > w.0),
            strong_rated_hire: share(&|(_, s, _)| s.1 >= Rating::Hire),
            weak_rated_no_hire: share(&|(_, _, w)| w.1 <= Rating::NoHire),
            misranked: list
                .iter()
                .filter(|(_, s, w)| s.0 <= w.0)
                .map(|(id, s, w)| (id.clone(), s.0, w.0))
                .collect(),
        };
        let entry = kinds.entry(kind).or_default();
        if held_out {
            entry.held_out = part;
        } else {
            entry.tuning = part;
        }
    }

    let pack = grader.catalog().pack();
    let mut examples = ArtifactExampleFigures::default();
    let mut by_kind: BTreeMap<&str, (Vec<u32>, Vec<u32>)> = BTreeMap::new();
    for e in &pack.artifact_examples {
        let prompt = pack
            .artifacts
            .iter()
            .find(|k| k.id == e.kind)
            .and_then(|k| k.prompts.iter().find(|p| p.id == e.prompt))
            .map_or("", |p| p.text.as_str());
        let (score, rating) = check(&e.id, &e.kind, prompt, &e.text)?;
        examples.documents += 1;
        let strong = e.label == "strong";
        if strong == (rating >= Rating::Hire) {
            examples.label_agrees += 1;
        } else {
            examples.disagreements.push((e.id.clone(), score));
        }
        let slot = by_kind.entry(e.kind.as_str()).or_default();
        if strong { &mut slot.0 } else { &mut slot.1 }.push(score);
    }
    for (strong, weak) in by_kind.values() {
        for s in strong {
            for w in weak {
                examples.pairs += 1;
                examples.ranked_right += usize::from(s > w);
            }
        }
    }
    Ok((kinds, examples))
}
