//! Coverage: a candidate's stories laid against a loop's weighted principles, with the gaps in
//! words.

use super::*;

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

    // What is left was tagged but not weighted: known principles in their company's order,
    // then unknown ids alphabetically.
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
    // In the company's own word: Leadership Principles, hiring attributes, competencies.
    let nouns = loop_view.company.principles_noun();
    let mut text = if total == 0 {
        format!("This loop weights no {nouns}, so there is nothing to cover.")
    } else if covered == total {
        format!("All {total} weighted {nouns} are covered by a strong story.")
    } else {
        format!("{covered} of {total} weighted {nouns} are covered by a strong story.")
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
