//! The PM-vs-PMM fit diagnostic: which role a candidate's defaults point to, how sure that is,
//! the evidence behind it, and what to do next.
//!
//! Three sources, each a lean from -1 (PMM) to +1 (PM), on the axis of the roles' first
//! reflexes (docs/domain.md sections 2.1 and 5.3): decomposition ("where is the funnel drop?")
//! against audience translation ("what did users think we promised?").
//!
//! 1. The questionnaire: situational items from the pack (`[[fit_item]]`), each option with a
//!    lean from -2 to +2. The source's lean is the mean chosen lean over 2.
//! 2. The audit of the candidate's biggest wins: each win is graded role-neutrally as a
//!    behavioral answer and its role lean classifies it as a system change (what the product
//!    does: PM) or a messaging shift (what the market understood: PMM); a lean near 0 is
//!    unclear. The role-vocabulary words behind the lean are listed.
//! 3. Practice answers, optionally: their mean role lean.
//!
//! The sources are combined by weight into one lean, which gives the recommendation; the
//! confidence grows with how much was answered and with how well the sources agree. The
//! weights, thresholds and evidence shares are the pack's `[fit_tuning]`; next steps come from
//! `[[fit_advice]]`, and what to add and notice from `[[fit_text]]`. Pure and deterministic
//! like the rest of the crate.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use debrief_grader::{GradeError, GradeRequest, Grader};
use debrief_pack::{FitOption, FitOutcome, FitText, FitTuning, Lexicon, Role, Texts};
use debrief_text::{Text, nearest};

// The input contract stays in code: the web form sizes itself with these at compile time and
// the JSON API documents them, so a content pack must not be able to move them under a
// caller. Everything that tunes the assessment itself is `[fit_tuning]` in the pack.

/// How many wins the audit asks for (the form shows this many boxes; this many count as full
/// coverage of the wins).
pub const WINS_ASKED: usize = 3;
/// The most wins one assessment reads.
pub const MAX_WINS: usize = 5;
/// The most practice answers one assessment reads.
pub const MAX_PRACTICE: usize = 10;

/// How one win reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WinClass {
    /// It changed what the product does: PM evidence.
    SystemChange,
    /// It changed what the market understood: PMM evidence.
    MessagingShift,
    /// Its words name neither clearly.
    Unclear,
}

impl WinClass {
    /// The kebab-case id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            WinClass::SystemChange => "system-change",
            WinClass::MessagingShift => "messaging-shift",
            WinClass::Unclear => "unclear",
        }
    }

    /// A display label.
    pub fn label(self) -> &'static str {
        match self {
            WinClass::SystemChange => "System change",
            WinClass::MessagingShift => "Messaging shift",
            WinClass::Unclear => "Unclear",
        }
    }
}

/// The candidate's input. As JSON:
/// `{"choices": {"item-id": "option-id", ...}, "wins": ["...", ...], "practice": ["...", ...]}`
/// (`choices` may also be a list of `[item, option]` pairs). Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitAnswers {
    /// (item id, option id), one per answered item, in the order given.
    #[serde(default, with = "choices")]
    pub choices: Vec<(String, String)>,
    /// The candidate's biggest wins (three are asked for), in free text.
    #[serde(default)]
    pub wins: Vec<String>,
    /// Practice answers, optionally.
    #[serde(default)]
    pub practice: Vec<String>,
}

/// Choices as a JSON object in the order given (or a list of pairs on input).
mod choices {
    use serde::de::{MapAccess, SeqAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        value: &[(String, String)],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (item, option) in value {
            map.serialize_entry(item, option)?;
        }
        map.end()
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<(String, String)>, D::Error> {
        struct Choices;
        impl<'de> Visitor<'de> for Choices {
            type Value = Vec<(String, String)>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object mapping fit item ids to option ids")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = map.next_entry::<String, String>()? {
                    out.push(pair);
                }
                Ok(out)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = seq.next_element::<(String, String)>()? {
                    out.push(pair);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_any(Choices)
    }
}

/// Why answers could not be assessed. Every message says what would be valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    /// No such item in the pack.
    #[error("unknown fit item `{given}`{hint}; valid items: {}", valid.join(", "))]
    UnknownItem {
        /// What was given.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// Every item id, in pack order.
        valid: Vec<String>,
    },
    /// No such option in the item.
    #[error("unknown option `{given}` for fit item `{item}`{hint}; valid options: {}", valid.join(", "))]
    UnknownOption {
        /// The item id.
        item: String,
        /// What was given.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// The item's option ids, in order.
        valid: Vec<String>,
    },
    /// The same item was answered twice.
    #[error("fit item `{0}` is answered more than once; choose one option per item")]
    DuplicateItem(String),
    /// More wins or practice answers than one assessment reads.
    #[error("{given} {what} given; give at most {max}")]
    TooMany {
        /// `wins` or `practice answers`.
        what: &'static str,
        /// How many were given (blank ones not counted).
        given: usize,
        /// The most accepted.
        max: usize,
    },
    /// A win or practice answer could not be graded.
    #[error("{what}: {source}")]
    Grade {
        /// Which text, e.g. "win 2".
        what: String,
        /// Why the grader refused it.
        source: GradeError,
    },
    /// The content pack has no fit diagnostic (a pack with fit items always has one).
    #[error(
        "the content pack has no fit diagnostic: add a [fit_tuning] table and the [[fit_text]] entries (see content/fit/tuning.toml)"
    )]
    NoTuning,
}

/// One source's lean, as it went into the combination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceLean {
    /// -1 (PMM) to +1 (PM), to two decimals.
    pub lean: f64,
    /// Items answered, wins or practice answers read.
    pub count: usize,
    /// Its share of the combined lean, to two decimals.
    pub weight: f64,
    /// Where this source alone points.
    pub points_to: FitOutcome,
}

/// The three sources; a source with nothing given is null.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FitSources {
    /// The questionnaire.
    pub questionnaire: Option<SourceLean>,
    /// The audit of wins.
    pub wins: Option<SourceLean>,
    /// Practice answers.
    pub practice: Option<SourceLean>,
}

/// One answered item, as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemEvidence {
    /// The item id.
    pub item: String,
    /// The item's prompt.
    pub prompt: String,
    /// The chosen option's id.
    pub option: String,
    /// The chosen option's text.
    pub choice: String,
    /// Its lean, -2 (PMM) to +2 (PM).
    pub lean: i32,
    /// What the choice says.
    pub why: String,
}

/// One win, classified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WinEvidence {
    /// 1-based position among the wins given.
    pub number: usize,
    /// The win as given, trimmed.
    pub text: String,
    /// System change, messaging shift or unclear.
    pub class: WinClass,
    /// The grader's role lean, -1 (PMM) to +1 (PM).
    pub lean: f64,
    /// Product-management words that pulled it toward PM, as written.
    pub pm_words: Vec<String>,
    /// Product-marketing words that pulled it toward PMM, as written.
    pub pmm_words: Vec<String>,
}

/// One practice answer's lean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PracticeEvidence {
    /// 1-based position among the practice answers given.
    pub number: usize,
    /// The grader's role lean, -1 (PMM) to +1 (PM).
    pub lean: f64,
    /// Where this answer alone points.
    pub points_to: FitOutcome,
    /// Product-management words in it.
    pub pm_words: Vec<String>,
    /// Product-marketing words in it.
    pub pmm_words: Vec<String>,
}

/// The diagnostic's result. Field order is the JSON key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitResult {
    /// PM, PMM or unclear.
    pub recommendation: FitOutcome,
    /// 0 to 1, to two decimals: grows with what was answered and with agreement between
    /// sources; an unclear result stays low.
    pub confidence: f64,
    /// The combined lean, -1 (PMM) to +1 (PM), to two decimals.
    pub lean: f64,
    /// What the recommendation means, from the pack (empty when the pack has no advice).
    pub summary: String,
    /// Each source's lean and share.
    pub sources: FitSources,
    /// Items answered.
    pub items_answered: usize,
    /// Items in the pack.
    pub items_total: usize,
    /// The answered items, in pack order.
    pub items: Vec<ItemEvidence>,
    /// The wins, in the order given.
    pub wins: Vec<WinEvidence>,
    /// The practice answers, in the order given.
    pub practice: Vec<PracticeEvidence>,
    /// What to do next, from the pack.
    pub next_steps: Vec<String>,
    /// What to add for a surer result.
    pub to_add: Vec<String>,
    /// Observations on the evidence, such as sources that disagree.
    pub notes: Vec<String>,
}

/// Assesses a candidate's answers: the recommendation, its confidence, the evidence item by
/// item and win by win, and next steps. Unknown ids are errors that list the valid ones; too
/// little input still gives a result, at low confidence, saying what to add.
pub fn assess(grader: &Grader, answers: &FitAnswers) -> Result<FitResult, FitError> {
    let catalog = grader.catalog();
    let tuning = catalog.fit_tuning().ok_or(FitError::NoTuning)?;
    let items = catalog.fit_items();

    // The questionnaire.
    let mut chosen: Vec<Option<&FitOption>> = vec![None; items.len()];
    for (given_item, given_option) in &answers.choices {
        let item_id = given_item.trim().to_ascii_lowercase();
        let Some(index) = items.iter().position(|i| i.id == item_id) else {
            let valid: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
            return Err(FitError::UnknownItem {
                hint: hint(&item_id, &valid),
                given: given_item.clone(),
                valid,
            });
        };
        let item = &items[index];
        let option_id = given_option.trim().to_ascii_lowercase();
        let Some(option) = item.options.iter().find(|o| o.id == option_id) else {
            let valid: Vec<String> = item.options.iter().map(|o| o.id.clone()).collect();
            return Err(FitError::UnknownOption {
                item: item.id.clone(),
                hint: hint(&option_id, &valid),
                given: given_option.clone(),
                valid,
            });
        };
        if chosen[index].replace(option).is_some() {
            return Err(FitError::DuplicateItem(item.id.clone()));
        }
    }
    let evidence: Vec<ItemEvidence> = items
        .iter()
        .zip(&chosen)
        .filter_map(|(item, option)| {
            let option = (*option)?;
            Some(ItemEvidence {
                item: item.id.clone(),
                prompt: item.prompt.clone(),
                option: option.id.clone(),
                choice: option.text.clone(),
                lean: option.lean,
                why: option.why.clone(),
            })
        })
        .collect();
    let answered = evidence.len();
    let questionnaire = (answered > 0).then(|| {
        let sum: i32 = evidence.iter().map(|e| e.lean).sum();
        f64::from(sum) / (2.0 * answered as f64)
    });

    // The wins and practice answers.
    let wins_given = non_blank(&answers.wins);
    if wins_given.len() > MAX_WINS {
        return Err(FitError::TooMany {
            what: "wins",
            given: wins_given.len(),
            max: MAX_WINS,
        });
    }
    let practice_given = non_blank(&answers.practice);
    if practice_given.len() > MAX_PRACTICE {
        return Err(FitError::TooMany {
            what: "practice answers",
            given: practice_given.len(),
            max: MAX_PRACTICE,
        });
    }
    let mut wins = Vec::new();
    for &(number, text) in &wins_given {
        let read = read_text(grader, tuning, text, &format!("win {number}"))?;
        wins.push(WinEvidence {
            number,
            text: text.to_owned(),
            class: match FitOutcome::of(read.lean, tuning.win_class_at) {
                FitOutcome::Pm => WinClass::SystemChange,
                FitOutcome::Pmm => WinClass::MessagingShift,
                FitOutcome::Unclear => WinClass::Unclear,
            },
            lean: read.lean,
            pm_words: read.pm_words,
            pmm_words: read.pmm_words,
        });
    }
    let mut practice = Vec::new();
    for &(number, text) in &practice_given {
        let read = read_text(grader, tuning, text, &format!("practice answer {number}"))?;
        practice.push(PracticeEvidence {
            number,
            lean: read.lean,
            points_to: FitOutcome::of(read.lean, tuning.call_at),
            pm_words: read.pm_words,
            pmm_words: read.pmm_words,
        });
    }
    let mean =
        |leans: &[f64]| (!leans.is_empty()).then(|| leans.iter().sum::<f64>() / leans.len() as f64);
    let wins_lean = mean(&wins.iter().map(|w| w.lean).collect::<Vec<_>>());
    let practice_lean = mean(&practice.iter().map(|p| p.lean).collect::<Vec<_>>());

    // Combination.
    let sources = [
        (questionnaire, tuning.questionnaire_weight, answered),
        (wins_lean, tuning.wins_weight, wins.len()),
        (practice_lean, tuning.practice_weight, practice.len()),
    ];
    let total_weight: f64 = sources
        .iter()
        .filter(|(lean, ..)| lean.is_some())
        .map(|(_, w, _)| w)
        .sum();
    let combined = if total_weight > 0.0 {
        sources
            .iter()
            .filter_map(|(lean, w, _)| lean.map(|l| l * w))
            .sum::<f64>()
            / total_weight
    } else {
        0.0
    };
    let call_at = tuning.call_at;
    let recommendation = FitOutcome::of(combined, call_at);
    let source_view = |(lean, weight, count): (Option<f64>, f64, usize)| {
        lean.map(|l| SourceLean {
            lean: round2(l),
            count,
            weight: round2(weight / total_weight),
            points_to: FitOutcome::of(l, call_at),
        })
    };

    let items_total = items.len();
    let min_items = (tuning.min_items as usize).min(items_total);
    let coverage = |n: usize, full: usize| {
        if full == 0 {
            0.0
        } else {
            (n as f64 / full as f64).min(1.0)
        }
    };
    let evidence_amount = tuning.items_evidence * coverage(answered, items_total)
        + tuning.wins_evidence * coverage(wins.len(), WINS_ASKED)
        + tuning.practice_evidence * coverage(practice.len(), tuning.practice_full as usize);
    let mut confidence = match recommendation.role() {
        None => tuning.unclear_confidence * evidence_amount,
        Some(_) => {
            let direction = combined.signum();
            let agreement = sources
                .iter()
                .filter_map(|(lean, w, _)| {
                    lean.map(|l| w * (l * direction / tuning.agree_full_at).clamp(-1.0, 1.0))
                })
                .sum::<f64>()
                / total_weight;
            let strength = (combined.abs() / tuning.strength_full_at).min(1.0);
            evidence_amount * (1.0 + agreement) / 2.0 * (0.5 + 0.5 * strength)
        }
    };
    let low_evidence = answered < min_items && wins.is_empty();
    if low_evidence {
        confidence = confidence.min(tuning.low_evidence_cap);
    }

    // What to add, and what to notice.
    let texts = catalog.fit_texts();
    let counts = Counts {
        items_total,
        answered,
        min_items,
        wins: wins.len(),
        practice: practice.len(),
    };
    let to_add = to_add(texts, catalog.lexicon(), &counts);
    let mut notes = Vec::new();
    if !wins.is_empty() && wins.iter().all(|w| w.class == WinClass::Unclear) {
        notes.push(texts.render(FitText::NoteWinsUnclear, &[]));
    }
    let named = [
        (FitText::SourceQuestionnaire, questionnaire),
        (FitText::SourceWins, wins_lean),
        (FitText::SourcePractice, practice_lean),
    ];
    for (i, (a, la)) in named.iter().enumerate() {
        for (b, lb) in &named[i + 1..] {
            if let (Some(la), Some(lb)) = (la, lb) {
                let (oa, ob) = (FitOutcome::of(*la, call_at), FitOutcome::of(*lb, call_at));
                if oa != FitOutcome::Unclear && ob != FitOutcome::Unclear && oa != ob {
                    let (first, second) = (texts.render(*a, &[]), texts.render(*b, &[]));
                    notes.push(texts.render(
                        FitText::NoteDisagree,
                        &[
                            ("first", &first),
                            ("first_outcome", oa.label()),
                            ("second", &second),
                            ("second_outcome", ob.label()),
                        ],
                    ));
                }
            }
        }
    }

    let advice = catalog.fit_advice(recommendation);
    Ok(FitResult {
        recommendation,
        confidence: round2(confidence.clamp(0.0, 1.0)),
        lean: round2(combined),
        summary: advice.map(|a| a.summary.clone()).unwrap_or_default(),
        sources: FitSources {
            questionnaire: source_view(sources[0]),
            wins: source_view(sources[1]),
            practice: source_view(sources[2]),
        },
        items_answered: answered,
        items_total,
        items: evidence,
        wins,
        practice,
        next_steps: advice.map(|a| a.text.clone()).unwrap_or_default(),
        to_add,
        notes,
    })
}

/// How much of each source was given, for saying what to add.
struct Counts {
    items_total: usize,
    answered: usize,
    min_items: usize,
    wins: usize,
    practice: usize,
}

/// What to add for a surer result: more items, the wins asked for, practice answers.
fn to_add(texts: &Texts<FitText>, lexicon: &Lexicon, c: &Counts) -> Vec<String> {
    let mut out = Vec::new();
    let (items, min_items) = (c.items_total.to_string(), c.min_items.to_string());
    if c.items_total > 0 {
        if c.answered == 0 {
            out.push(texts.render(
                FitText::ToAddQuestionnaire,
                &[("min_items", &min_items), ("items", &items)],
            ));
        } else if c.answered < c.min_items {
            let more = (c.min_items - c.answered).to_string();
            let answered = c.answered.to_string();
            out.push(texts.render(
                FitText::ToAddItems,
                &[
                    ("more", &more),
                    ("answered", &answered),
                    ("items", &items),
                    ("min_items", &min_items),
                ],
            ));
        } else if c.answered < c.items_total {
            let more = (c.items_total - c.answered).to_string();
            out.push(texts.render(
                FitText::ToAddRemaining,
                &[("more", &more), ("items", &items)],
            ));
        }
    }
    let asked = lexicon.number(WINS_ASKED);
    if c.wins == 0 {
        out.push(texts.render(FitText::ToAddWins, &[("asked", &asked)]));
    } else if c.wins < WINS_ASKED {
        let more = WINS_ASKED - c.wins;
        let key = if more == 1 {
            FitText::ToAddMoreWin
        } else {
            FitText::ToAddMoreWins
        };
        let more = lexicon.number(more);
        out.push(texts.render(key, &[("more", &more), ("asked", &asked)]));
    }
    if c.practice == 0 {
        out.push(texts.render(FitText::ToAddPractice, &[]));
    }
    out
}

/// The non-blank texts with their 1-based positions, trimmed.
fn non_blank(texts: &[String]) -> Vec<(usize, &str)> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| (i + 1, t.trim()))
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// A text's role lean and the role words behind it.
struct Read {
    lean: f64,
    pm_words: Vec<String>,
    pmm_words: Vec<String>,
}

/// Grades `text` role-neutrally as a behavioral answer and lists its role vocabulary.
fn read_text(
    grader: &Grader,
    tuning: &FitTuning,
    text: &str,
    what: &str,
) -> Result<Read, FitError> {
    let request = GradeRequest {
        answer: text.to_owned(),
        role: None,
        // The story kind (the grader's default round kind).
        round: None,
        ..Default::default()
    };
    let report = grader.grade(&request).map_err(|source| FitError::Grade {
        what: what.to_owned(),
        source,
    })?;
    let [pm_words, pmm_words] = role_words(grader, text, tuning.max_words as usize);
    Ok(Read {
        lean: report.role_lean,
        pm_words,
        pmm_words,
    })
}

/// The words of `answer` that the grader's role-vocabulary signals matched, PM first then
/// PMM: as written, first occurrence first, without repeats or phrases inside longer ones, at
/// most `max` per role.
fn role_words(grader: &Grader, answer: &str, max: usize) -> [Vec<String>; 2] {
    let compiled = grader.compiled();
    let text = Text::new(answer);
    let mut spans: [Vec<(usize, usize)>; 2] = Default::default();
    for (pattern, first, last) in compiled.matches(&text) {
        for &s in &compiled.pattern_signals[pattern] {
            match compiled.signals[s].lean {
                Some(Role::Pm) => spans[0].push((first, last)),
                Some(Role::Pmm) => spans[1].push((first, last)),
                None => {}
            }
        }
    }
    spans.map(|mut spans| {
        // By start, longest first, so a phrase inside a longer one comes after it.
        spans.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut words = Vec::new();
        let mut seen = BTreeSet::new();
        let mut reach: Option<usize> = None;
        for (first, last) in spans {
            if reach.is_some_and(|r| last <= r) {
                continue;
            }
            reach = Some(last);
            let word = &answer[text.tokens[first].start..text.tokens[last].end];
            if seen.insert(word.to_lowercase()) {
                words.push(word.to_owned());
                if words.len() == max {
                    break;
                }
            }
        }
        words
    })
}

fn hint(given: &str, valid: &[String]) -> String {
    let refs: Vec<&str> = valid.iter().map(String::as_str).collect();
    nearest(given, &refs)
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default()
}

fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    // No "-0.0" in JSON.
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;
    use debrief_pack::Pack;

    /// A file of the built-in pack, parsed.
    fn built_in(path: &str) -> Pack {
        let file = debrief_content::built_in_files()
            .into_iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} is built in"));
        debrief_content::parse_file(&file).unwrap_or_else(|d| panic!("{d}"))
    }

    /// Four items whose options lean both ways, advice for each outcome, the smallest grader
    /// that can read wins (a behavioral rubric, one signal per role), and the built-in
    /// tuning, texts and number words.
    fn pack() -> Pack {
        let item = |id: &str| {
            serde_json::json!({
                "id": id, "prompt": format!("Prompt {id}?"),
                "option": [
                    { "id": "pm", "text": "Find the funnel drop.", "lean": 2, "why": "Decomposition." },
                    { "id": "pm-ish", "text": "Check the numbers.", "lean": 1, "why": "Data first." },
                    { "id": "neutral", "text": "Ask around.", "lean": 0, "why": "Neither." },
                    { "id": "pmm", "text": "Ask what users heard.", "lean": -2, "why": "Audience translation." }
                ]
            })
        };
        let dimension = |id: &str, weight: u32| {
            serde_json::json!({
                "id": id, "label": id, "weight": weight, "looks_for": "x",
                "anchors": { "strong_no_hire": "a", "no_hire": "b", "hire": "c", "strong_hire": "d" }
            })
        };
        serde_json::from_value(serde_json::json!({
            "round_kind": [
                { "id": "behavioral", "name": "Behavioral", "description": "d",
                  "roles": ["pm", "pmm"], "answer_minutes": 3, "question_minutes": 15 }
            ],
            "rubric": [
                { "id": "behavioral-pm", "round_kind": "behavioral", "role": "pm", "title": "t",
                  "summary": "s",
                  "dimension": [dimension("one", 40), dimension("two", 30), dimension("three", 30)] }
            ],
            "signal": [
                { "id": "pm-vocab", "label": "PM words", "lean": "pm",
                  "phrases": ["roadmap", "latency", "funnel", "a/b test", "shipped"] },
                { "id": "pmm-vocab", "label": "PMM words", "lean": "pmm",
                  "phrases": ["positioning", "messaging", "launch", "sales", "sales team", "campaign"] }
            ],
            "scoring": [
                { "dimension": "one", "signals": ["pm-vocab"] },
                { "dimension": "two", "signals": ["pmm-vocab"] },
                { "dimension": "three" }
            ],
            "fit_item": [item("a"), item("b"), item("c"), item("d")],
            "fit_advice": [
                { "outcome": "pm", "summary": "PM.", "text": ["Write a design doc."] },
                { "outcome": "pmm", "summary": "PMM.", "text": ["Write a messaging ladder."] },
                { "outcome": "unclear", "summary": "Unclear.", "text": ["Pick one role."] }
            ],
        }))
        .map(|mut pack: Pack| {
            let tuning = built_in("content/fit/tuning.toml");
            pack.fit_tuning = tuning.fit_tuning;
            pack.fit_texts = tuning.fit_texts;
            pack.word_lists = built_in("content/words.toml").word_lists;
            pack
        })
        .expect("pack")
    }

    fn catalog() -> Grader {
        let catalog = debrief_pack::Catalog::new(pack()).unwrap_or_else(|p| panic!("{p:#?}"));
        Grader::new(std::sync::Arc::new(catalog))
    }

    fn answers(choices: &[(&str, &str)], wins: &[&str]) -> FitAnswers {
        FitAnswers {
            choices: choices
                .iter()
                .map(|(i, o)| ((*i).to_owned(), (*o).to_owned()))
                .collect(),
            wins: wins.iter().map(|w| (*w).to_owned()).collect(),
            practice: Vec::new(),
        }
    }

    const PM_WIN: &str = "I cut checkout latency in half and shipped the roadmap item on time.";
    const PMM_WIN: &str = "I rewrote the positioning and the messaging before the launch campaign.";

    #[test]
    fn answers_parse_from_the_documented_json_and_round_trip() {
        let json = r#"{"choices": {"b": "pmm", "a": "pm"}, "wins": ["w"], "practice": []}"#;
        let a: FitAnswers = serde_json::from_str(json).expect("parses");
        assert_eq!(
            a.choices,
            [("b".into(), "pmm".into()), ("a".into(), "pm".into())]
        );
        assert_eq!(
            serde_json::to_string(&a).expect("json"),
            r#"{"choices":{"b":"pmm","a":"pm"},"wins":["w"],"practice":[]}"#
        );
        let pairs: FitAnswers =
            serde_json::from_str(r#"{"choices": [["a", "pm"]]}"#).expect("pairs parse");
        assert_eq!(pairs.choices, [("a".into(), "pm".into())]);
        assert!(serde_json::from_str::<FitAnswers>(r#"{"answers": {}}"#).is_err());
    }

    #[test]
    fn the_questionnaire_lean_is_the_mean_chosen_lean_over_two() {
        let c = catalog();
        let r = assess(&c, &answers(&[("a", "pm"), ("b", "pm-ish")], &[])).expect("ok");
        assert_eq!(r.sources.questionnaire.as_ref().map(|s| s.lean), Some(0.75));
        assert_eq!(r.recommendation, FitOutcome::Pm);
        assert_eq!(r.items.len(), 2);
        assert_eq!(r.items[0].why, "Decomposition.");
        assert_eq!(r.next_steps, ["Write a design doc."]);
    }

    #[test]
    fn evidence_comes_in_pack_order_and_ids_are_forgiving_of_case() {
        let c = catalog();
        let r = assess(&c, &answers(&[("D", " PMM "), ("a", "pm")], &[])).expect("ok");
        let ids: Vec<&str> = r.items.iter().map(|e| e.item.as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
    }

    #[test]
    fn pm_choices_with_pm_wins_beat_a_mixed_set_and_pmm_gives_pmm() {
        let c = catalog();
        let all = |o: &str| -> Vec<(&str, String)> {
            ["a", "b", "c", "d"]
                .iter()
                .map(|i| (*i, o.to_owned()))
                .collect()
        };
        let to_answers = |choices: Vec<(&str, String)>, wins: &[&str]| FitAnswers {
            choices: choices
                .into_iter()
                .map(|(i, o)| (i.to_owned(), o))
                .collect(),
            wins: wins.iter().map(|w| (*w).to_owned()).collect(),
            practice: Vec::new(),
        };
        let pm = assess(&c, &to_answers(all("pm"), &[PM_WIN, PM_WIN, PM_WIN])).expect("ok");
        assert_eq!(pm.recommendation, FitOutcome::Pm);
        assert!(pm.wins.iter().all(|w| w.class == WinClass::SystemChange));
        assert!(
            pm.wins[0].pm_words.contains(&"latency".to_owned()),
            "{pm:#?}"
        );

        let mixed_choices = vec![
            ("a", "pm".to_owned()),
            ("b", "pmm".to_owned()),
            ("c", "pm-ish".to_owned()),
            ("d", "pmm".to_owned()),
        ];
        let mixed = assess(&c, &to_answers(mixed_choices, &[PM_WIN, PMM_WIN])).expect("ok");
        assert!(
            pm.confidence > mixed.confidence,
            "{} vs {}",
            pm.confidence,
            mixed.confidence
        );

        let pmm = assess(&c, &to_answers(all("pmm"), &[PMM_WIN, PMM_WIN, PMM_WIN])).expect("ok");
        assert_eq!(pmm.recommendation, FitOutcome::Pmm);
        assert!(pmm.wins.iter().all(|w| w.class == WinClass::MessagingShift));
        assert_eq!(pmm.next_steps, ["Write a messaging ladder."]);
        assert_eq!(pmm.confidence, pm.confidence, "the axis is symmetric");
    }

    #[test]
    fn contradicting_sources_lower_confidence_and_say_so() {
        let c = catalog();
        let choices = [("a", "pm"), ("b", "pm"), ("c", "pm"), ("d", "pm")];
        let agree = assess(&c, &answers(&choices, &[PM_WIN, PM_WIN, PM_WIN])).expect("ok");
        let clash = assess(&c, &answers(&choices, &[PMM_WIN, PMM_WIN, PMM_WIN])).expect("ok");
        assert_eq!(clash.recommendation, FitOutcome::Pm);
        assert!(clash.confidence < agree.confidence);
        assert!(agree.notes.is_empty(), "{:?}", agree.notes);
        assert!(
            clash
                .notes
                .iter()
                .any(|n| n.contains("point to PM") && n.contains("point to PMM")),
            "{:?}",
            clash.notes
        );
    }

    #[test]
    fn more_items_answered_means_more_confidence() {
        let c = catalog();
        let two = assess(&c, &answers(&[("a", "pm"), ("b", "pm")], &[PM_WIN])).expect("ok");
        let four = assess(
            &c,
            &answers(
                &[("a", "pm"), ("b", "pm"), ("c", "pm"), ("d", "pm")],
                &[PM_WIN],
            ),
        )
        .expect("ok");
        assert!(four.confidence > two.confidence);
    }

    #[test]
    fn unknown_ids_list_the_valid_ones() {
        let c = catalog();
        let err = assess(&c, &answers(&[("zzz", "pm")], &[])).expect_err("unknown item");
        assert_eq!(
            err.to_string(),
            "unknown fit item `zzz`; valid items: a, b, c, d"
        );
        let err = assess(&c, &answers(&[("a", "pmx")], &[])).expect_err("unknown option");
        assert_eq!(
            err.to_string(),
            "unknown option `pmx` for fit item `a` (did you mean `pm`?); valid options: pm, pm-ish, neutral, pmm"
        );
        let err = assess(&c, &answers(&[("a", "pm"), ("a", "pmm")], &[])).expect_err("twice");
        assert_eq!(err, FitError::DuplicateItem("a".into()));
    }

    #[test]
    fn too_little_input_still_gives_a_result_that_says_what_to_add() {
        let c = catalog();
        let empty = assess(&c, &FitAnswers::default()).expect("ok");
        assert_eq!(empty.recommendation, FitOutcome::Unclear);
        assert_eq!(empty.confidence, 0.0);
        assert!(empty.sources.questionnaire.is_none());
        assert_eq!(empty.next_steps, ["Pick one role."]);
        assert!(empty.to_add[0].starts_with("Answer the questionnaire"));
        assert!(empty.to_add.iter().any(|t| t.contains("biggest wins")));

        let one = assess(&c, &answers(&[("a", "pm")], &[])).expect("ok");
        assert_eq!(one.recommendation, FitOutcome::Pm);
        let cap = c.catalog().fit_tuning().map(|t| t.low_evidence_cap);
        assert!(cap.is_some_and(|cap| one.confidence <= cap));
        assert!(one.to_add[0].contains("3 more items"), "{:?}", one.to_add);
    }

    #[test]
    fn blank_wins_are_skipped_and_too_many_are_refused() {
        let c = catalog();
        let r = assess(&c, &answers(&[], &["  ", PM_WIN])).expect("ok");
        assert_eq!(r.wins.len(), 1);
        assert_eq!(r.wins[0].number, 2);
        assert!(
            r.to_add.iter().any(|t| t.contains("two more wins")),
            "{:?}",
            r.to_add
        );
        let err = assess(&c, &answers(&[], &[PM_WIN; MAX_WINS + 1])).expect_err("too many");
        assert_eq!(err.to_string(), "6 wins given; give at most 5");
    }

    #[test]
    fn a_win_with_no_role_words_is_unclear() {
        let c = catalog();
        let r = assess(
            &c,
            &answers(&[], &["I did a good job and people liked it."]),
        )
        .expect("ok");
        assert_eq!(r.wins[0].class, WinClass::Unclear);
        assert!(r.wins[0].pm_words.is_empty() && r.wins[0].pmm_words.is_empty());
        assert_eq!(r.recommendation, FitOutcome::Unclear);
        assert!(!r.notes.is_empty());
    }

    #[test]
    fn role_words_keep_the_longest_phrase_once() {
        let c = catalog();
        let [pm, pmm] = role_words(
            &c,
            "The Sales team and the sales team ran a campaign; sales grew.",
            12,
        );
        assert!(pm.is_empty());
        assert_eq!(pmm, ["Sales team", "campaign", "sales"]);
    }

    #[test]
    fn every_fit_text_renders_with_the_values_the_code_fills_in() {
        use debrief_pack::{Template, TextKey};
        // Each text shows its id and every placeholder it may use; two items are enough to say
        // much, so the remaining ones can be asked for.
        let mut pack = pack();
        if let Some(t) = &mut pack.fit_tuning {
            t.min_items = 2;
        }
        pack.fit_texts = FitText::ALL
            .iter()
            .map(|k| {
                let names: Vec<String> = k
                    .placeholders()
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect();
                Template {
                    id: k.id().to_owned(),
                    text: format!("<{}> {}", k.id(), names.join(" ")),
                    origin: Default::default(),
                }
            })
            .collect();
        let catalog = debrief_pack::Catalog::new(pack).unwrap_or_else(|p| panic!("{p:#?}"));
        let c = Grader::new(std::sync::Arc::new(catalog));
        let mut seen = BTreeSet::new();
        let cases = [
            answers(&[], &[]),
            answers(&[("a", "pm")], &[PM_WIN]),
            answers(&[("a", "pm"), ("b", "pm"), ("c", "pm")], &[PM_WIN, PMM_WIN]),
            answers(
                &[("a", "pm"), ("b", "pm"), ("c", "pm"), ("d", "pm")],
                &[PMM_WIN; 3],
            ),
            answers(&[], &["I did a good job and people liked it."]),
            FitAnswers {
                practice: vec![PMM_WIN.to_owned()],
                ..answers(&[("a", "pm"), ("b", "pm")], &[])
            },
        ];
        for a in &cases {
            let r = assess(&c, a).expect("ok");
            for text in r.to_add.iter().chain(&r.notes) {
                assert!(!text.contains(['{', '}']), "{text}");
                for k in FitText::ALL {
                    if text.contains(&format!("<{}>", k.id())) {
                        seen.insert(k.id());
                    }
                }
            }
        }
        let never: Vec<&str> = FitText::ALL
            .iter()
            .map(|k| k.id())
            .filter(|id| !seen.contains(id))
            .collect();
        assert!(never.is_empty(), "never rendered: {never:?}");
    }

    #[test]
    fn results_serialize_deterministically() {
        let c = catalog();
        let a = answers(&[("b", "pmm"), ("a", "neutral")], &[PMM_WIN, PM_WIN]);
        let one = serde_json::to_string(&assess(&c, &a).expect("ok")).expect("json");
        let two = serde_json::to_string(&assess(&c, &a).expect("ok")).expect("json");
        assert_eq!(one, two);
        assert!(one.starts_with(r#"{"recommendation":"#), "{one}");
        assert!(!one.contains("-0.0,") && !one.contains("-0.0}"), "{one}");
    }
}
