//! Cases derived from the strong answers, so nobody has to write them: the words shuffled, the
//! answer given to another round's question, and the answer with labels added. Derivation is
//! deterministic (the shuffle is seeded by the pair's id), so a run is repeatable.

use super::figures::ratio;
use super::{
    CalibrationError, CalibrationPair, GamingKind, GamingMiss, Graded, LABEL_TOLERANCE,
    LabelFigures, Setting, Slice,
};
use crate::Grader;

/// The labels added to a strong answer's paragraphs, in turn: the ones candidates add to look
/// structured. None of them says anything.
const LABELS: [&str; 7] = [
    "Context:",
    "User segments:",
    "Pain points:",
    "What I did:",
    "Metrics:",
    "Result:",
    "Lessons:",
];

/// Whether a pair's strong answer is a whole answer (follow-up replies are too short to
/// shuffle or relabel meaningfully).
fn whole_answer(pair: &CalibrationPair) -> bool {
    pair.slice != Slice::FollowUp
}

/// The shuffled and off-question cases of every whole strong answer, each with its part.
pub(crate) fn gaming_cases(
    grader: &Grader,
    pairs: &[CalibrationPair],
    settings: &[Setting],
) -> Result<Vec<(bool, GamingMiss)>, CalibrationError> {
    let mut out = Vec::new();
    for (i, pair) in pairs.iter().enumerate() {
        if !whole_answer(pair) {
            continue;
        }
        let shuffled = shuffle(&pair.strong, seed(&pair.id));
        let outcome = settings[i].grade(grader, &shuffled)?;
        out.push((
            pair.held_out,
            GamingMiss {
                id: format!("{}/shuffle", pair.id),
                kind: GamingKind::Shuffle,
                score: outcome.score,
                rating: outcome.rating,
            },
        ));
        if let Some(j) = other_question(pairs, settings, i) {
            let outcome = settings[j].grade(grader, &pair.strong)?;
            out.push((
                pair.held_out,
                GamingMiss {
                    id: format!("{}/off-question:{}", pair.id, pairs[j].id),
                    kind: GamingKind::OffQuestion,
                    score: outcome.score,
                    rating: outcome.rating,
                },
            ));
        }
    }
    Ok(out)
}

/// The pair whose question pair `i`'s strong answer is handed in to as an off-question case:
/// the next whole pair of the same role and part, in another round kind, with a question of
/// its own, so the answer answers the wrong question.
pub(crate) fn other_question(
    pairs: &[CalibrationPair],
    settings: &[Setting],
    i: usize,
) -> Option<usize> {
    let pair = &pairs[i];
    (1..pairs.len()).map(|k| (i + k) % pairs.len()).find(|&j| {
        let q = &pairs[j];
        whole_answer(q)
            && q.held_out == pair.held_out
            && q.role == pair.role
            && q.round != pair.round
            && settings[j].question.is_some()
    })
}

/// How far labels move each whole strong answer's score.
pub(crate) fn label_edits(
    grader: &Grader,
    pairs: &[CalibrationPair],
    settings: &[Setting],
    graded: &[Graded],
) -> Result<LabelFigures, CalibrationError> {
    let mut answers = 0;
    let mut within = 0;
    let mut largest: Option<(String, i64)> = None;
    for (i, pair) in pairs.iter().enumerate() {
        if !whole_answer(pair) {
            continue;
        }
        let labelled = add_labels(&pair.strong);
        let moved = i64::from(settings[i].grade(grader, &labelled)?.score)
            - i64::from(graded[i].strong.score);
        answers += 1;
        if moved.abs() <= LABEL_TOLERANCE {
            within += 1;
        }
        if largest.as_ref().is_none_or(|(_, m)| moved.abs() > m.abs()) {
            largest = Some((pair.id.clone(), moved));
        }
    }
    Ok(LabelFigures {
        answers,
        within_tolerance: within,
        within_rate: ratio(within, answers),
        largest,
    })
}

/// `answer` with a label opening each paragraph, inline ("Pain points: ..."), as candidates
/// add them to look structured.
pub(crate) fn add_labels(answer: &str) -> String {
    answer
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, p)| format!("{} {p}", LABELS[i % LABELS.len()]))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A seed from an id (FNV-1a), so each pair shuffles its own way, the same on every run.
pub(crate) fn seed(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The words of `text` in a random order drawn from `seed` (Fisher-Yates over xorshift).
pub(crate) fn shuffle(text: &str, seed: u64) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let mut state = seed | 1;
    for i in (1..words.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        words.swap(i, j);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shuffle_keeps_every_word_and_repeats_itself() {
        let text = "one two three four five six seven eight nine ten";
        let a = shuffle(text, seed("x"));
        assert_ne!(a, text);
        assert_eq!(a, shuffle(text, seed("x")));
        let mut sorted: Vec<&str> = a.split(' ').collect();
        sorted.sort_unstable();
        let mut original: Vec<&str> = text.split(' ').collect();
        original.sort_unstable();
        assert_eq!(sorted, original);
    }

    #[test]
    fn labels_go_before_each_paragraph_and_add_nothing_else() {
        let labelled = add_labels("First part.\n\nSecond part.");
        assert_eq!(
            labelled,
            "Context: First part.\n\nUser segments: Second part."
        );
    }
}
