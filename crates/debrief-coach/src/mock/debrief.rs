//! The hiring-committee debrief: every answer of a mock read together.
//!
//! How it decides, in the order a real debrief goes:
//!
//! - **Scales.** Ratings use the grader's thresholds (`content/rules/grading.toml`) moved by
//!   the level's bar: at a level whose `hire_score` is 65, hire starts at 65 and every other
//!   threshold moves by the same 5 points. The bar is `grading.hire` where a level sets none.
//! - **Questions and rounds.** A question scores the weighted mean of its answer (weight 2) and
//!   its probes' answers (weight 1 each); an unanswered question scores 0. A round scores the
//!   mean of its questions; a round with no answer at all is a no hire, with that reason. The
//!   overall score is the mean of the rounds: every interviewer's vote counts the same.
//! - **The principle table.** For Amazon, every Leadership Principle the loop weights, heaviest
//!   first (weights summed over rounds). An answer tests a principle with its round's weight for
//!   it, plus 3 when its question was written for it; the principle's score is the weighted
//!   mean of those answers' scores. Outside Amazon the rows are the competencies the rounds
//!   name, weighted by how many rounds name them. A row no answer touched says so.
//! - **Quotes.** Every claim about the candidate quotes their own answer: a report's evidence
//!   (for) or finding (against), widened to its sentence and checked to be an exact substring of
//!   the answer. A principle's quotes come from its `signals` and `categories` in the content.
//! - **The Bar Raiser.** Where the company's review holds a veto, any weighted principle rated
//!   strong no hire is a veto, naming it and quoting the answer. Otherwise the view is a read of
//!   the strongest and weakest rows.
//! - **The decision.** Hire when the overall score reaches the level's bar and nothing vetoes.
//!   The fixes are the rows' worst findings, ranked by weight times the gap to the bar.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{MockAnswer, MockPlan, PlannedRound, Vocabulary};
use debrief_grader::{Finding, Severity};
use debrief_pack::Catalog;
use debrief_pack::{Category, Rating, RoundKindId};
use debrief_text::Text;

mod evidence;

use evidence::{
    Area, Graded, area_row, areas_of, severity_rank, source_label, strongest_point, weakest_point,
    weight_for, weighted_mean,
};

/// Weight a principle gets from a question written for it, on top of the round's weight: a
/// question aimed at a principle is its most direct test.
const QUESTION_LP_WEIGHT: u32 = 3;
/// A question's own answer counts this many times a probe's answer.
const QUESTION_ANSWER_WEIGHT: u32 = 2;
/// Quotes longer than this are cut around the words that matter.
const MAX_QUOTE_BYTES: usize = 240;
/// Quotes per row and stance.
const QUOTES_PER_SIDE: usize = 2;
/// Things to fix first.
const FIXES: usize = 3;

/// Where an answer sits in a mock.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct AnswerRef {
    /// 0-based round position.
    pub round_index: usize,
    /// 0-based question position within the round.
    pub question_index: usize,
    /// 0 for the question, 1.. for its probes.
    pub probe_index: usize,
}

/// Whether a quote counts for the candidate or against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// Evidence of strength.
    For,
    /// Evidence of weakness.
    Against,
}

/// The candidate's own words: an exact substring of one of their answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The answer it comes from.
    pub at: AnswerRef,
    /// Where that is, in words: "Bar Raiser, question 2, follow-up 1".
    pub source: String,
    /// Byte offset of the quote in the answer.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The quoted text, exactly `answer[start..end]`.
    pub text: String,
    /// Whether the sentence around it was cut to keep the quote short.
    pub shortened: bool,
    /// For or against the candidate.
    pub stance: Stance,
    /// What it shows (the evidence's label) or what is weak about it (the finding's message).
    pub note: String,
    /// The finding's category, for quotes against.
    pub category: Option<Category>,
    /// The finding's rule, for quotes against.
    pub rule: Option<String>,
}

/// One answer, summed up for the debrief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerSummary {
    /// Where it sits.
    pub at: AnswerRef,
    /// The round's title.
    pub round_title: String,
    /// Question or probe id.
    pub prompt_id: String,
    /// Question or probe text.
    pub prompt: String,
    /// The candidate's answer, verbatim.
    pub answer: String,
    /// Seconds taken.
    pub elapsed_seconds: u32,
    /// The answer's own time budget (the round kind's).
    pub budget_seconds: u32,
    /// The grader's score, 0-100.
    pub score: u32,
    /// The grader's rating of that score.
    pub rating: Rating,
    /// Word count.
    pub words: usize,
}

/// One round of the debrief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDebrief {
    /// 0-based position.
    pub index: usize,
    /// Round id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Round kind id.
    pub kind: RoundKindId,
    /// Round kind name.
    pub kind_name: String,
    /// Whether it is the Bar Raiser's round.
    pub bar_raiser: bool,
    /// The round's budget in seconds.
    pub budget_seconds: u32,
    /// Seconds the candidate's answers took, probes included.
    pub used_seconds: u32,
    /// Seconds over the budget (0 when within it).
    pub over_seconds: u32,
    /// Questions planned.
    pub questions: usize,
    /// Questions answered.
    pub answered: usize,
    /// 0-100.
    pub score: u32,
    /// The rating at the chosen level.
    pub rating: Rating,
    /// Why, in a line.
    pub reason: String,
    /// The answer behind the reason; absent only for an unanswered round.
    pub quote: Option<Quote>,
}

/// One row of the principle (or competency) table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaRow {
    /// Principle id, or the competency's name.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Weight across the loop.
    pub weight: u32,
    /// Answers that test it.
    pub answers: usize,
    /// 0-100, absent when no answer touched it.
    pub score: Option<u32>,
    /// The rating at the chosen level, absent when no answer touched it.
    pub rating: Option<Rating>,
    /// A line about the row: what it rests on, or that no answer touched it.
    pub note: String,
    /// Quotes for and against, for first.
    pub evidence: Vec<Quote>,
}

/// The Bar Raiser's veto.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veto {
    /// Principle id (or competency).
    pub area_id: String,
    /// Its name.
    pub area: String,
    /// Its weight in the loop.
    pub weight: u32,
    /// Its score.
    pub score: u32,
    /// The answer behind it.
    pub quote: Option<Quote>,
}

/// The view of whoever reads the whole loop: Amazon's Bar Raiser, Google's hiring committee,
/// or, where the pack knows none, a plain read of the loop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    /// "Bar Raiser", "Hiring committee"; absent when the loop has none.
    pub name: Option<String>,
    /// How it decides.
    pub about: String,
    /// Whether it can veto.
    pub veto_power: bool,
    /// The round it runs itself, if any.
    pub round_index: Option<usize>,
    /// The veto, when it falls.
    pub veto: Option<Veto>,
    /// Its read of the loop, in a few sentences.
    pub read: String,
    /// The quotes the read rests on.
    pub quotes: Vec<Quote>,
}

/// One reason for the decision, citing a round or a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The reason.
    pub text: String,
    /// The round it is about.
    pub round_index: Option<usize>,
    /// The principle or competency it is about.
    pub area: Option<String>,
    /// The candidate's words behind it; absent only where the reason is an unanswered round.
    pub quote: Option<Quote>,
}

/// One of the things to fix first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// 1, 2, 3.
    pub rank: usize,
    /// Principle id or competency.
    pub area_id: String,
    /// Its name, in the loop's vocabulary.
    pub area: String,
    /// Its weight in the loop.
    pub weight: u32,
    /// Its score.
    pub score: u32,
    /// Weight times the points it lacks to reach the bar (0 when it reaches it, and for a
    /// round's fix).
    pub impact: u32,
    /// For a fix drawn from a round below the bar rather than from a principle: the round's
    /// position (`area` is then its title, `area_id` its id, `weight` 0).
    #[serde(default)]
    pub round: Option<usize>,
    /// The finding's category.
    pub category: Category,
    /// The finding's rule.
    pub rule: String,
    /// What is weak, from the finding.
    pub problem: String,
    /// What to do instead, from the finding.
    pub suggestion: String,
    /// Where the candidate did it.
    pub quote: Quote,
}

/// Hire or no hire at the chosen level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Hire at the level.
    pub hire: bool,
    /// The decision in a sentence.
    pub summary: String,
    /// Why, each citing a round or a principle.
    pub reasons: Vec<Reason>,
    /// The three things to fix first (fewer when the answers show fewer findings).
    pub fixes: Vec<Fix>,
}

/// The debrief of a mock loop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Debrief {
    /// Loop id.
    pub loop_id: String,
    /// Company id.
    pub company: String,
    /// Company name.
    pub company_name: String,
    /// The role.
    pub role: debrief_pack::Role,
    /// The role's full name.
    pub role_name: String,
    /// Level id.
    pub level: String,
    /// Level name.
    pub level_name: String,
    /// The title at that level.
    pub title: String,
    /// The plan's seed.
    pub seed: u64,
    /// What the table's rows are.
    pub vocabulary: Vocabulary,
    /// One row's kind as the company calls it, mid-sentence: "Leadership Principle", "hiring
    /// attribute" (from the content).
    #[serde(default)]
    pub noun: String,
    /// The plural of `noun`.
    #[serde(default)]
    pub nouns: String,
    /// The level's bar.
    pub bar: u32,
    /// Overall 0-100: the mean of the rounds.
    pub score: u32,
    /// The overall rating at the level.
    pub rating: Rating,
    /// Rounds in order.
    pub rounds: Vec<RoundDebrief>,
    /// The principle or competency table, heaviest first.
    pub areas: Vec<AreaRow>,
    /// The Bar Raiser's view or its equivalent.
    pub review: ReviewView,
    /// Hire or no hire.
    pub decision: Decision,
    /// Every answer, in loop order.
    pub answers: Vec<AnswerSummary>,
    /// Answers that did not fit the plan (no such round or question) and were left out.
    pub ignored_answers: usize,
}

impl Debrief {
    /// Every quote in the debrief, wherever it appears.
    pub fn quotes(&self) -> Vec<&Quote> {
        let mut out: Vec<&Quote> = Vec::new();
        out.extend(self.rounds.iter().filter_map(|r| r.quote.as_ref()));
        out.extend(self.areas.iter().flat_map(|a| &a.evidence));
        out.extend(self.review.veto.iter().filter_map(|v| v.quote.as_ref()));
        out.extend(&self.review.quotes);
        out.extend(
            self.decision
                .reasons
                .iter()
                .filter_map(|r| r.quote.as_ref()),
        );
        out.extend(self.decision.fixes.iter().map(|f| &f.quote));
        out
    }

    /// The answer at `at`, verbatim.
    pub fn answer_text(&self, at: AnswerRef) -> Option<&str> {
        self.answers
            .iter()
            .find(|a| a.at == at)
            .map(|a| a.answer.as_str())
    }
}

/// Rating thresholds at the chosen level.
#[derive(Debug, Clone, Copy)]
struct Scale {
    strong_hire: u32,
    hire: u32,
    no_hire: u32,
}

impl Scale {
    fn new(catalog: &Catalog, bar: u32) -> Scale {
        let g = catalog.grading();
        let shift = |t: u32| (i64::from(t) + i64::from(bar) - i64::from(g.hire)).clamp(0, 100);
        Scale {
            strong_hire: shift(g.strong_hire) as u32,
            hire: bar,
            no_hire: shift(g.no_hire) as u32,
        }
    }

    fn rate(self, score: u32) -> Rating {
        if score >= self.strong_hire {
            Rating::StrongHire
        } else if score >= self.hire {
            Rating::Hire
        } else if score >= self.no_hire {
            Rating::NoHire
        } else {
            Rating::StrongNoHire
        }
    }
}

/// Reads every answer of a mock together and writes the debrief. Never fails: answers that do
/// not fit the plan are counted in `ignored_answers`, a slot answered twice keeps the later
/// answer, and spans that do not match their answer are not quoted.
pub fn debrief(catalog: &Catalog, plan: &MockPlan, answers: &[MockAnswer]) -> Debrief {
    let scale = Scale::new(catalog, plan.hire_score);
    let mut slots: BTreeMap<AnswerRef, &MockAnswer> = BTreeMap::new();
    let mut ignored = 0;
    for a in answers {
        let at = AnswerRef {
            round_index: a.round_index,
            question_index: a.question_index,
            probe_index: a.probe_index,
        };
        if plan.question(a.round_index, a.question_index).is_some() {
            slots.insert(at, a);
        } else {
            ignored += 1;
        }
    }
    let graded: Vec<Graded<'_>> = slots
        .iter()
        .map(|(&at, a)| Graded {
            at,
            answer: a,
            text: Text::new(&a.answer),
            source: source_label(plan, at),
        })
        .collect();

    let rounds: Vec<RoundDebrief> = plan
        .rounds
        .iter()
        .map(|r| round_debrief(r, &graded, scale))
        .collect();
    let score = weighted_mean(rounds.iter().map(|r| (r.score, 1))).unwrap_or(0);
    let rating = scale.rate(score);

    let areas = areas_of(catalog, plan);
    let rows: Vec<AreaRow> = areas
        .iter()
        .map(|area| area_row(plan, area, &graded, scale))
        .collect();

    let (noun, nouns) = plan.vocabulary.words(catalog, &plan.company);
    let review = review_view(plan, &noun, &rows, &rounds, rating);
    let decision = decide(plan, &areas, &rows, &rounds, &review, &graded, score);

    let answers = graded
        .iter()
        .map(|g| AnswerSummary {
            at: g.at,
            round_title: plan
                .rounds
                .get(g.at.round_index)
                .map(|r| r.title.clone())
                .unwrap_or_default(),
            prompt_id: g.answer.prompt_id.clone(),
            prompt: g.answer.prompt.clone(),
            answer: g.answer.answer.clone(),
            elapsed_seconds: g.answer.elapsed_seconds,
            budget_seconds: g.answer.report.budget_seconds,
            score: g.score(),
            rating: g.answer.report.rating,
            words: g.answer.report.words,
        })
        .collect();
    Debrief {
        loop_id: plan.loop_id.clone(),
        company: plan.company.clone(),
        company_name: plan.company_name.clone(),
        role: plan.role,
        role_name: plan.role_name.clone(),
        level: plan.level.clone(),
        level_name: plan.level_name.clone(),
        title: plan.title.clone(),
        seed: plan.seed,
        vocabulary: plan.vocabulary,
        noun,
        nouns,
        bar: plan.hire_score,
        score,
        rating,
        rounds,
        areas: rows,
        review,
        decision,
        answers,
        ignored_answers: ignored,
    }
}

fn round_debrief(round: &PlannedRound, graded: &[Graded<'_>], scale: Scale) -> RoundDebrief {
    let mine: Vec<&Graded<'_>> = graded
        .iter()
        .filter(|g| g.at.round_index == round.index)
        .collect();
    let used: u32 = mine
        .iter()
        .fold(0u32, |t, g| t.saturating_add(g.answer.elapsed_seconds));
    let budget = round.minutes.saturating_mul(60);
    let mut unanswered = Vec::new();
    let question_scores: Vec<u32> = (0..round.questions.len())
        .map(|q| {
            let of_q: Vec<&&Graded<'_>> =
                mine.iter().filter(|g| g.at.question_index == q).collect();
            if of_q.is_empty() {
                unanswered.push(q + 1);
                return 0;
            }
            let main = of_q
                .iter()
                .find(|g| g.at.probe_index == 0)
                .map_or(0, |g| g.score());
            let probes = of_q
                .iter()
                .filter(|g| g.at.probe_index > 0)
                .map(|g| (g.score(), 1));
            weighted_mean(std::iter::once((main, QUESTION_ANSWER_WEIGHT)).chain(probes))
                .unwrap_or(0)
        })
        .collect();
    let answered = round.questions.len() - unanswered.len();
    let base = RoundDebrief {
        index: round.index,
        id: round.id.clone(),
        title: round.title.clone(),
        kind: round.kind.clone(),
        kind_name: round.kind_name.clone(),
        bar_raiser: round.bar_raiser,
        budget_seconds: budget,
        used_seconds: used,
        over_seconds: used.saturating_sub(budget),
        questions: round.questions.len(),
        answered,
        score: 0,
        rating: Rating::NoHire,
        reason: "Not answered: an unanswered round counts as no hire.".to_owned(),
        quote: None,
    };
    if mine.is_empty() {
        return base;
    }
    let score = weighted_mean(question_scores.iter().map(|&s| (s, 1))).unwrap_or(0);
    let rating = scale.rate(score);
    let mut prefix = String::new();
    if !unanswered.is_empty() {
        let list: Vec<String> = unanswered.iter().map(|q| q.to_string()).collect();
        prefix = match list.split_last() {
            Some((last, [])) => format!("Question {last} not answered (scored 0). "),
            Some((last, rest)) => format!(
                "Questions {} and {last} not answered (each scored 0). ",
                rest.join(", ")
            ),
            None => String::new(),
        };
    }
    let (reason, quote) = if rating < Rating::Hire {
        weakest_point(&mine)
    } else {
        strongest_point(&mine)
    };
    RoundDebrief {
        score,
        rating,
        reason: format!("{prefix}{reason}"),
        quote,
        ..base
    }
}

fn review_view(
    plan: &MockPlan,
    noun: &str,
    rows: &[AreaRow],
    rounds: &[RoundDebrief],
    rating: Rating,
) -> ReviewView {
    let vocab = noun;
    let own_round = rounds.iter().find(|r| r.bar_raiser);
    let veto_power = plan.review.as_ref().is_some_and(|r| r.veto);
    let veto = if veto_power {
        rows.iter()
            .find(|r| r.rating == Some(Rating::StrongNoHire))
            .map(|r| Veto {
                area_id: r.id.clone(),
                area: r.name.clone(),
                weight: r.weight,
                score: r.score.unwrap_or(0),
                quote: r
                    .evidence
                    .iter()
                    .find(|q| q.stance == Stance::Against)
                    .or_else(|| r.evidence.first())
                    .cloned(),
            })
    } else {
        None
    };
    let name = plan.review.as_ref().map(|r| r.name.clone());
    let about = match &plan.review {
        Some(r) => r.about.clone(),
        None => format!(
            "{} has no Bar Raiser or hiring-committee step in the content pack, so no single \
             reader can veto; the decision reads every round together.",
            plan.company_name
        ),
    };
    let rated: Vec<&AreaRow> = rows.iter().filter(|r| r.score.is_some()).collect();
    let strongest = rated
        .iter()
        .copied()
        .max_by_key(|r| (r.score, r.weight, Reverse(r.id.clone())));
    let weakest = rated
        .iter()
        .copied()
        .min_by_key(|r| (r.score, Reverse(r.weight), r.id.clone()));
    let mut read = match (&veto, &name) {
        (Some(v), _) => format!(
            "{} vetoes: {} is rated strong no hire ({} against a bar of {}), and the loop \
             weights it {}. One {vocab} rated that low sinks the loop, however strong the \
             average.",
            the(name.as_deref()),
            v.area,
            v.score,
            plan.hire_score,
            v.weight
        ),
        (None, Some(n)) => format!(
            "{} reads the loop as {} at {}.",
            the(Some(n)),
            rating.label().to_lowercase(),
            plan.level_name
        ),
        (None, None) => format!(
            "Read together, the rounds rate {} at {}.",
            rating.label().to_lowercase(),
            plan.level_name
        ),
    };
    let mut quotes = Vec::new();
    match strongest {
        // A "strongest" row below the bar is only the least weak: say that nothing cleared it.
        Some(s) if s.score.unwrap_or(0) < plan.hire_score => {
            read.push_str(&format!(
                " No {vocab} reached the bar; the closest was {} ({}).",
                s.name,
                s.score.unwrap_or(0)
            ));
        }
        Some(s) => {
            read.push_str(&format!(
                " Strongest {vocab}: {} ({}).",
                s.name,
                s.score.unwrap_or(0)
            ));
            if let Some(q) = s.evidence.iter().find(|q| q.stance == Stance::For) {
                quotes.push(q.clone());
            }
        }
        None => {}
    }
    if let Some(w) = weakest
        && veto.is_none()
        && strongest.is_none_or(|s| s.id != w.id)
    {
        read.push_str(&format!(" Weakest: {} ({}).", w.name, w.score.unwrap_or(0)));
        if let Some(q) = w.evidence.iter().find(|q| q.stance == Stance::Against) {
            quotes.push(q.clone());
        }
    }
    if let Some(r) = own_round {
        read.push_str(&format!(
            " In {} itself: {} ({}).",
            r.title,
            r.rating.label().to_lowercase(),
            r.score
        ));
    }
    if rated.is_empty() {
        read.push_str(" No answer gave it anything to judge.");
    }
    ReviewView {
        name,
        about,
        veto_power,
        round_index: own_round.map(|r| r.index),
        veto,
        read,
        quotes,
    }
}

fn decide(
    plan: &MockPlan,
    areas: &[Area],
    rows: &[AreaRow],
    rounds: &[RoundDebrief],
    review: &ReviewView,
    graded: &[Graded<'_>],
    score: u32,
) -> Decision {
    let bar = plan.hire_score;
    let hire = score >= bar && review.veto.is_none();
    let level = &plan.level_name;
    let mut summary = format!(
        "{} at {level}: overall {score} against the {level} bar of {bar}",
        if hire { "Hire" } else { "No hire" }
    );
    if let Some(v) = &review.veto {
        let who = the(review.name.as_deref());
        summary.push_str(&format!("; {} vetoes on {}", lower_first(&who), v.area));
    }
    summary.push('.');
    let mut reasons = Vec::new();
    if let Some(v) = &review.veto {
        let who = the(review.name.as_deref());
        reasons.push(Reason {
            text: format!(
                "{who} veto: {} is rated strong no hire ({}), and the loop weights it {}.",
                v.area, v.score, v.weight
            ),
            round_index: None,
            area: Some(v.area_id.clone()),
            quote: v.quote.clone(),
        });
    }
    if hire {
        let mut strong: Vec<&AreaRow> = rows
            .iter()
            .filter(|r| r.rating.is_some_and(|x| x >= Rating::Hire))
            .collect();
        strong.sort_by_key(|r| (Reverse(r.weight), Reverse(r.score), r.id.clone()));
        for r in strong.iter().take(3) {
            let quote = r.evidence.iter().find(|q| q.stance == Stance::For).cloned();
            if quote.is_none() {
                continue;
            }
            reasons.push(Reason {
                text: format!(
                    "{} rated {} ({}), weighted {} in this loop.",
                    r.name,
                    r.rating.map_or("unrated", Rating::label).to_lowercase(),
                    r.score.unwrap_or(0),
                    r.weight
                ),
                round_index: None,
                area: Some(r.id.clone()),
                quote,
            });
        }
        for r in rounds.iter().filter(|r| r.rating < Rating::Hire) {
            reasons.push(round_reason(r, "Still below the bar: "));
        }
    } else {
        let mut weak: Vec<&RoundDebrief> =
            rounds.iter().filter(|r| r.rating < Rating::Hire).collect();
        weak.sort_by_key(|r| (r.answered > 0, r.score, r.index));
        for r in weak.iter().take(4) {
            reasons.push(round_reason(r, ""));
        }
        let mut low: Vec<&AreaRow> = rows
            .iter()
            .filter(|r| r.rating.is_some_and(|x| x < Rating::Hire))
            .filter(|r| review.veto.as_ref().is_none_or(|v| v.area_id != r.id))
            .collect();
        low.sort_by_key(|r| (r.score, Reverse(r.weight), r.id.clone()));
        for r in low.iter().take(2) {
            let quote = r
                .evidence
                .iter()
                .find(|q| q.stance == Stance::Against)
                .or_else(|| r.evidence.first())
                .cloned();
            if quote.is_none() {
                continue;
            }
            reasons.push(Reason {
                text: format!(
                    "{} rated {} ({}) across {} answer{}.",
                    r.name,
                    r.rating.map_or("unrated", Rating::label).to_lowercase(),
                    r.score.unwrap_or(0),
                    r.answers,
                    if r.answers == 1 { "" } else { "s" }
                ),
                round_index: None,
                area: Some(r.id.clone()),
                quote,
            });
        }
    }
    let fixes = fixes(plan, areas, rows, rounds, graded);
    Decision {
        hire,
        summary,
        reasons,
        fixes,
    }
}

/// "The Bar Raiser", "The hiring committee": the reviewer at the start of a sentence.
fn the(name: Option<&str>) -> String {
    match name {
        None => "The loop".to_owned(),
        Some(n) => {
            // Sentence-case names ("Hiring committee") read lowercase mid-sentence; names of
            // a role ("Bar Raiser") keep their capitals.
            let sentence_case = n
                .split_whitespace()
                .nth(1)
                .is_some_and(|w| w.starts_with(char::is_lowercase));
            if sentence_case {
                format!("The {}", lower_first(n))
            } else {
                format!("The {n}")
            }
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn round_reason(r: &RoundDebrief, prefix: &str) -> Reason {
    let text = if r.answered == 0 {
        format!(
            "{prefix}{} (round {}) was not answered, so it counts as no hire with a score of 0.",
            r.title,
            r.index + 1
        )
    } else {
        format!(
            "{prefix}{} rated {} ({}): {}",
            r.title,
            r.rating.label().to_lowercase(),
            r.score,
            r.reason
        )
    };
    Reason {
        text,
        round_index: Some(r.index),
        area: None,
        quote: r.quote.clone(),
    }
}

/// The three things to fix first, each the worst finding of the answers behind it, one per
/// finding category, in this order:
///
/// 1. principles (or competencies) below the bar, by weight times the points they lack;
/// 2. rounds below the bar that no fix speaks to yet, weakest first: a functional round
///    failed on its own craft shows in no principle's row, and must not go unmentioned;
/// 3. then, if fewer than three came of it, the rest of the principles by weight: what to
///    polish in a loop that clears the bar.
fn fixes(
    plan: &MockPlan,
    areas: &[Area],
    rows: &[AreaRow],
    rounds: &[RoundDebrief],
    graded: &[Graded<'_>],
) -> Vec<Fix> {
    let bar = plan.hire_score;
    let mut order: Vec<(u32, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let score = r.score?;
            Some((r.weight.saturating_mul(bar.saturating_sub(score)), i))
        })
        .collect();
    order.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(rows[b.1].weight.cmp(&rows[a.1].weight))
            .then(a.1.cmp(&b.1))
    });
    let mut used: BTreeSet<Category> = BTreeSet::new();
    let mut fixed: BTreeSet<usize> = BTreeSet::new();
    let mut out: Vec<Fix> = Vec::new();
    // The worst finding, of a category not used yet, among answers with their weight;
    // `own` narrows it to the given categories when there are any.
    let worst = |answers: &[(&Graded<'_>, u32)],
                 own: Option<&BTreeSet<Category>>,
                 used: &BTreeSet<Category>|
     -> Option<(Finding, Quote)> {
        let mut found: Vec<(u8, u32, AnswerRef, usize, &Graded<'_>, &Finding)> = answers
            .iter()
            .flat_map(|(g, w)| g.answer.report.findings.iter().map(move |f| (*g, *w, f)))
            .filter(|(_, _, f)| !used.contains(&f.category))
            .filter(|(_, _, f)| own.is_none_or(|c| c.is_empty() || c.contains(&f.category)))
            .map(|(g, w, f)| (severity_rank(f.severity), w, g.at, f.start, g, f))
            .collect();
        found.sort_by_key(|x| (Reverse(x.0), Reverse(x.1), x.2, x.3));
        found
            .into_iter()
            .find_map(|(_, _, _, _, g, f)| g.finding_quote(f).map(|q| (f.clone(), q)))
    };
    let area_fix = |i: usize, impact: u32, f: Finding, quote: Quote| Fix {
        rank: 0,
        area_id: rows[i].id.clone(),
        area: rows[i].name.clone(),
        weight: rows[i].weight,
        score: rows[i].score.unwrap_or(0),
        impact,
        round: None,
        category: f.category,
        rule: f.rule,
        problem: f.message,
        suggestion: f.suggestion,
        quote,
    };
    // The answers that test row `i`, with how much each tests it.
    let testing_of = |i: usize| -> Vec<(&Graded<'_>, u32)> {
        graded
            .iter()
            .map(|g| (g, weight_for(plan, &areas[i], g.at)))
            .filter(|(_, w)| *w > 0)
            .collect()
    };
    // The principles below the bar: first each row's own categories (a principle's fix should
    // be about that principle), then any finding in the answers that test it.
    for own_only in [true, false] {
        for &(impact, i) in order.iter().filter(|(impact, _)| *impact > 0) {
            if out.len() >= FIXES || fixed.contains(&i) {
                continue;
            }
            let testing = testing_of(i);
            let own = own_only.then_some(&areas[i].categories);
            if let Some((f, quote)) = worst(&testing, own, &used) {
                used.insert(f.category);
                fixed.insert(i);
                out.push(area_fix(i, impact, f, quote));
            }
        }
    }
    // Rounds below the bar that no fix quotes yet.
    let mut weak: Vec<&RoundDebrief> = rounds
        .iter()
        .filter(|r| r.answered > 0 && r.score < bar)
        .collect();
    weak.sort_by_key(|r| (r.score, r.index));
    for r in weak {
        if out.len() >= FIXES || out.iter().any(|f| f.quote.at.round_index == r.index) {
            continue;
        }
        let answers: Vec<(&Graded<'_>, u32)> = graded
            .iter()
            .filter(|g| g.at.round_index == r.index)
            .map(|g| (g, 1))
            .collect();
        if let Some((f, quote)) = worst(&answers, None, &used) {
            used.insert(f.category);
            out.push(Fix {
                rank: 0,
                area_id: r.id.clone(),
                area: r.title.clone(),
                weight: 0,
                score: r.score,
                impact: 0,
                round: Some(r.index),
                category: f.category,
                rule: f.rule,
                problem: f.message,
                suggestion: f.suggestion,
                quote,
            });
        }
    }
    // What to polish: the rest of the principles, heaviest first.
    let mut rest: Vec<usize> = order
        .iter()
        .filter(|(impact, _)| *impact == 0)
        .map(|&(_, i)| i)
        .collect();
    rest.sort_by(|&a, &b| rows[b].weight.cmp(&rows[a].weight).then(a.cmp(&b)));
    for i in rest {
        if out.len() >= FIXES || fixed.contains(&i) {
            continue;
        }
        if let Some((f, quote)) = worst(&testing_of(i), None, &used) {
            used.insert(f.category);
            fixed.insert(i);
            out.push(area_fix(i, 0, f, quote));
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(k, fix)| Fix { rank: k + 1, ..fix })
        .collect()
}
