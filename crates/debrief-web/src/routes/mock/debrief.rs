//! The hiring-committee debrief of a finished mock loop, as its printable page shows it: the
//! decision and its reasons, the fixes, the Bar Raiser's view, each round, the principle or
//! competency table and every answer verbatim, with each quote the candidate's own words.

use askama::Template;
use askama_web::WebTemplate;
use debrief_coach::mock::{Debrief, Quote, Stance, upper_first};
use debrief_pack::Rating;

use crate::clock::day_of;
use crate::clock::minutes_seconds;
use crate::params::loop_href;
use crate::ui::Meta;

/// A quote of the candidate's own words.
pub(crate) struct QuoteView {
    /// Exactly the quoted text of the answer.
    pub text: String,
    /// Whether the sentence around it was cut.
    pub shortened: bool,
    /// "for" or "against".
    pub stance: &'static str,
    pub stance_label: &'static str,
    pub note: String,
    /// Where it comes from: "Bar Raiser, question 2".
    pub source: String,
}

impl QuoteView {
    fn new(q: &Quote) -> QuoteView {
        let (stance, stance_label) = match q.stance {
            Stance::For => ("for", "For"),
            Stance::Against => ("against", "Against"),
        };
        QuoteView {
            text: q.text.clone(),
            shortened: q.shortened,
            stance,
            stance_label,
            note: q.note.clone(),
            source: q.source.clone(),
        }
    }
}

/// A reason for the decision.
pub(crate) struct ReasonView {
    pub text: String,
    pub quote: Option<QuoteView>,
}

/// One of the things to fix first.
pub(crate) struct FixView {
    pub rank: usize,
    pub area: String,
    /// "weight 25 · score 47", or "round 5 · score 26" for a round's fix.
    pub about: String,
    pub problem: String,
    pub suggestion: String,
    pub quote: QuoteView,
}

/// The Bar Raiser's view, or its equivalent.
pub(crate) struct ReviewPanel {
    pub heading: String,
    /// "Bar Raiser", or empty when the loop has none.
    pub name: String,
    pub about: String,
    pub veto_power: bool,
    pub read: String,
    /// The veto: area, weight, score and the answer behind it.
    pub veto: Option<(String, u32, u32, Option<QuoteView>)>,
    pub quotes: Vec<QuoteView>,
}

/// One round of the debrief.
pub(crate) struct RoundRow {
    pub number: usize,
    pub title: String,
    pub kind_name: String,
    pub bar_raiser: bool,
    pub used: String,
    pub budget: String,
    /// "2:10 over", when over the budget.
    pub over: String,
    pub answered: usize,
    pub questions: usize,
    pub score: u32,
    pub rating: Rating,
    pub reason: String,
    pub quote: Option<QuoteView>,
}

/// One row of the principle or competency table.
pub(crate) struct AreaView {
    pub name: String,
    pub weight: u32,
    pub score: Option<u32>,
    pub rating: Option<Rating>,
    pub answers: usize,
    pub note: String,
    pub evidence: Vec<QuoteView>,
}

/// One answer, verbatim, with its prompt and score.
pub(crate) struct AnswerView {
    pub where_: String,
    pub prompt: String,
    pub answer: String,
    pub score: u32,
    pub rating: Rating,
    pub words: usize,
    pub time: String,
    pub over: bool,
}

/// The one-page summary: what a hiring committee reads first, compact enough for one printed
/// page. The debrief page prints it first, with everything else as the appendix; it is also a
/// page of its own.
pub(crate) struct OnePage {
    pub heading: String,
    pub level_name: String,
    pub finished: String,
    pub hire: bool,
    pub score: u32,
    pub bar: u32,
    pub rating: Rating,
    pub summary: String,
    /// (rank, area, "weight 3 · score 47", where it was said, what to do next time).
    pub fixes: Vec<(usize, String, String, String, String)>,
    /// (number, title, score, rating, answered of asked).
    pub rounds: Vec<(usize, String, u32, Rating, String)>,
    /// (name, rating, score, answers); rating and score absent when untested.
    pub areas: Vec<(String, Option<Rating>, Option<u32>, usize)>,
    /// The areas table's first column.
    pub area_head: String,
    /// Answers handed in.
    pub answered: usize,
}

impl OnePage {
    fn new(d: &Debrief, finished_at: i64) -> OnePage {
        OnePage {
            heading: format!("{} {}, {}", d.company_name, d.role.label(), d.level_name),
            level_name: d.level_name.clone(),
            finished: day_of(finished_at).to_string(),
            hire: d.decision.hire,
            score: d.score,
            bar: d.bar,
            rating: d.rating,
            summary: d.decision.summary.clone(),
            fixes: d
                .decision
                .fixes
                .iter()
                .map(|f| {
                    let about = match f.round {
                        Some(r) => format!("round {} · score {}", r + 1, f.score),
                        None => format!("weight {} · score {}", f.weight, f.score),
                    };
                    (
                        f.rank,
                        f.area.clone(),
                        about,
                        f.quote.source.clone(),
                        f.suggestion.clone(),
                    )
                })
                .collect(),
            rounds: d
                .rounds
                .iter()
                .map(|r| {
                    (
                        r.index + 1,
                        r.title.clone(),
                        r.score,
                        r.rating,
                        format!("{} of {}", r.answered, r.questions),
                    )
                })
                .collect(),
            areas: d
                .areas
                .iter()
                .map(|a| (a.name.clone(), a.rating, a.score, a.answers))
                .collect(),
            area_head: upper_first(&d.noun),
            answered: d.answers.len(),
        }
    }
}

/// `GET /mock/{id}/summary`: the one-page summary on its own.
#[derive(Template, WebTemplate)]
#[template(path = "debrief_summary.html")]
pub(crate) struct SummaryPage {
    meta: Meta,
    id: i64,
    onepage: OnePage,
}

/// The one-page summary of the debrief `d` of mock `id`.
pub(super) fn summary_view(id: i64, finished_at: i64, d: &Debrief) -> SummaryPage {
    let onepage = OnePage::new(d, finished_at);
    SummaryPage {
        meta: Meta::new(format!("Debrief summary: {}", onepage.heading), "mock"),
        id,
        onepage,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "debrief.html")]
pub(crate) struct DebriefPage {
    meta: Meta,
    id: i64,
    /// Printed first, on a page of its own; its heading, verdict and figures also head the page.
    onepage: OnePage,
    title: String,
    reasons: Vec<ReasonView>,
    fixes_heading: String,
    fixes: Vec<FixView>,
    review: ReviewPanel,
    rounds: Vec<RoundRow>,
    /// The company's word for the rows, as a heading: "Leadership Principles", "Hiring
    /// attributes" (from the content).
    vocabulary: String,
    /// One of them, mid-sentence: "Leadership Principle", "hiring attribute".
    singular: String,
    /// The table's first column: "Leadership Principle", "Hiring attribute".
    area_head: String,
    areas: Vec<AreaView>,
    answers: Vec<AnswerView>,
    ignored: usize,
    loop_href: String,
}

/// The page of the debrief `d` of mock `id`, finished at `finished_at`.
pub(super) fn debrief_view(id: i64, finished_at: i64, d: &Debrief) -> DebriefPage {
    let onepage = OnePage::new(d, finished_at);
    let fixes_heading = match d.decision.fixes.len() {
        1 => "The thing to fix first".to_owned(),
        3 => "The three things to fix first".to_owned(),
        n => format!("The {n} things to fix first"),
    };
    let review = &d.review;
    let review_panel = ReviewPanel {
        heading: match &review.name {
            Some(name) => format!("The {name}’s view"),
            None => "No Bar Raiser in this loop".to_owned(),
        },
        name: review.name.clone().unwrap_or_default(),
        about: review.about.clone(),
        veto_power: review.veto_power,
        read: review.read.clone(),
        veto: review.veto.as_ref().map(|v| {
            (
                v.area.clone(),
                v.weight,
                v.score,
                v.quote.as_ref().map(QuoteView::new),
            )
        }),
        quotes: review.quotes.iter().map(QuoteView::new).collect(),
    };
    let rounds = d
        .rounds
        .iter()
        .map(|r| RoundRow {
            number: r.index + 1,
            title: r.title.clone(),
            kind_name: r.kind_name.clone(),
            bar_raiser: r.bar_raiser,
            used: minutes_seconds(i64::from(r.used_seconds)),
            budget: minutes_seconds(i64::from(r.budget_seconds)),
            over: if r.over_seconds > 0 {
                format!("{} over", minutes_seconds(i64::from(r.over_seconds)))
            } else {
                String::new()
            },
            answered: r.answered,
            questions: r.questions,
            score: r.score,
            rating: r.rating,
            reason: r.reason.clone(),
            quote: r.quote.as_ref().map(QuoteView::new),
        })
        .collect();
    let areas = d
        .areas
        .iter()
        .map(|a| AreaView {
            name: a.name.clone(),
            weight: a.weight,
            score: a.score,
            rating: a.rating,
            answers: a.answers,
            note: a.note.clone(),
            evidence: a.evidence.iter().map(QuoteView::new).collect(),
        })
        .collect();
    let answers = d
        .answers
        .iter()
        .map(|a| AnswerView {
            where_: if a.at.probe_index == 0 {
                format!(
                    "Round {}, {}: question {}",
                    a.at.round_index + 1,
                    a.round_title,
                    a.at.question_index + 1
                )
            } else {
                format!(
                    "Round {}, {}: question {}, follow-up {}",
                    a.at.round_index + 1,
                    a.round_title,
                    a.at.question_index + 1,
                    a.at.probe_index
                )
            },
            prompt: a.prompt.clone(),
            answer: a.answer.clone(),
            score: a.score,
            rating: a.rating,
            words: a.words,
            time: format!(
                "{} of {}",
                minutes_seconds(i64::from(a.elapsed_seconds)),
                minutes_seconds(i64::from(a.budget_seconds))
            ),
            over: a.elapsed_seconds > a.budget_seconds,
        })
        .collect();
    DebriefPage {
        meta: Meta::new(format!("Debrief: {}", onepage.heading), "mock"),
        id,
        onepage,
        title: d.title.clone(),
        reasons: d
            .decision
            .reasons
            .iter()
            .map(|r| ReasonView {
                text: r.text.clone(),
                quote: r.quote.as_ref().map(QuoteView::new),
            })
            .collect(),
        fixes_heading,
        fixes: d
            .decision
            .fixes
            .iter()
            .map(|f| FixView {
                rank: f.rank,
                area: f.area.clone(),
                about: match f.round {
                    Some(r) => format!("round {} · score {}", r + 1, f.score),
                    None => format!("weight {} · score {}", f.weight, f.score),
                },
                problem: f.problem.clone(),
                suggestion: f.suggestion.clone(),
                quote: QuoteView::new(&f.quote),
            })
            .collect(),
        review: review_panel,
        rounds,
        vocabulary: upper_first(&d.nouns),
        singular: d.noun.clone(),
        area_head: upper_first(&d.noun),
        areas,
        answers,
        ignored: d.ignored_answers,
        loop_href: loop_href(&d.company, d.role.id(), Some(&d.level)),
    }
}
