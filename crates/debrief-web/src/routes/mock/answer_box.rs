//! The open answer box of a mock loop: the round strip, the box with its clock and prompt,
//! and above it the report of the answer just handed in.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use debrief_coach::mock::upper_first;
use debrief_pack::Catalog;
use debrief_practice::mock::{Session, Step};
use debrief_store::AnswerSlot;

use super::plan_heading;
use crate::clock::minutes_seconds;
use crate::ui::Meta;
use crate::ui::report::{Piece, ReportView};

/// One round in the progress strip.
pub(crate) struct RoundChip {
    pub number: usize,
    pub title: String,
    pub kind_name: String,
    pub minutes: u32,
    /// "done", "current" or "next".
    pub state: &'static str,
    pub bar_raiser: bool,
}

/// The box to answer now.
pub(crate) struct BoxView {
    pub round_number: usize,
    pub round_title: String,
    pub kind_name: String,
    pub interviewer: String,
    pub bar_raiser: bool,
    pub question_number: usize,
    pub question_count: usize,
    /// For a follow-up: its number and why the interviewer asks it.
    pub probe: Option<(usize, String)>,
    pub prompt: String,
    /// The principles or competencies the round is judged on.
    pub judged_on: Vec<String>,
    pub round_field: i64,
    pub question_field: i64,
    pub probe_field: i64,
    /// The text in the box: saved, or as just sent when a hand-in was refused.
    pub text: String,
    /// Seconds used in the round so far and its budget: the clock.
    pub used_seconds: i64,
    pub budget_seconds: i64,
    pub used: String,
    pub budget: String,
    pub over: bool,
    pub over_by: String,
    /// `localStorage` key of the box's safety copy.
    pub slot_key: String,
    /// When the server last saved anything in this mock, in milliseconds: a browser copy of
    /// the text written later than this is newer than the server's.
    pub saved_at_ms: i64,
}

/// The answer just handed in, with its report.
pub(crate) struct Feedback {
    pub where_: String,
    pub prompt: String,
    pub report: ReportView,
    /// Whether the next box is a follow-up to it.
    pub follow_up: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "mock.html")]
pub(crate) struct MockPage {
    meta: Meta,
    id: i64,
    heading: String,
    title: String,
    round_count: usize,
    rounds: Vec<RoundChip>,
    /// The company's word for what rounds judge, as a heading: "Hiring attributes".
    vocabulary: String,
    step: Option<BoxView>,
    feedback: Option<Feedback>,
    /// "Quick loop · Interview mode: no score until the debrief", for a loop that is not the
    /// full one in practice mode.
    mode_note: String,
    /// In interview mode, after a hand-in: where the answer went, with no score.
    handed_in: Option<String>,
    errors: Vec<String>,
    /// Text that was sent for a box that is no longer open, shown to copy.
    unsent: Option<String>,
    /// "Draft saved at 14:02:31 UTC", after the no-JavaScript save.
    notice: String,
}

/// What a re-rendered page carries from a refused request.
#[derive(Default)]
pub(super) struct Carry {
    /// What went wrong, as sentences.
    pub errors: Vec<String>,
    /// The text sent, and the slot it was sent for.
    pub sent: Option<(AnswerSlot, String)>,
    /// "Draft saved at 14:02:31 UTC", after the no-JavaScript save.
    pub notice: String,
}

fn box_view(session: &Session, step: &Step, now: i64, text: String) -> Option<BoxView> {
    let (r, q, p) = step.indexes();
    let round = session.plan.rounds.get(r)?;
    let budget = i64::from(round.minutes) * 60;
    let used = session.round_seconds(r, now);
    let judged_on = if round.lps.is_empty() {
        round.competencies.clone()
    } else {
        round.lps.iter().map(|l| l.name.clone()).collect()
    };
    Some(BoxView {
        round_number: r + 1,
        round_title: round.title.clone(),
        kind_name: round.kind_name.clone(),
        interviewer: round.interviewer.clone(),
        bar_raiser: round.bar_raiser,
        question_number: q + 1,
        question_count: round.questions.len(),
        // Why a probe is asked names the weakness it saw: feedback, kept back in interview
        // mode as the interviewer would.
        probe: (p > 0).then(|| {
            let why = step
                .why
                .clone()
                .filter(|_| session.plan.mode.shows_reports());
            (p, why.unwrap_or_default())
        }),
        prompt: step.prompt.clone(),
        judged_on,
        round_field: step.slot.round_index,
        question_field: step.slot.question_index,
        probe_field: step.slot.probe_index,
        text,
        used_seconds: used,
        budget_seconds: budget,
        used: minutes_seconds(used),
        budget: minutes_seconds(budget),
        over: used > budget,
        over_by: minutes_seconds(used - budget),
        slot_key: format!(
            "debrief-mock-{}-{}-{}-{}",
            session.mock.id, step.slot.round_index, step.slot.question_index, step.slot.probe_index
        ),
        saved_at_ms: session.mock.updated_at.saturating_mul(1000),
    })
}

fn feedback(catalog: &Catalog, session: &Session) -> Option<Feedback> {
    if !session.plan.mode.shows_reports() {
        return None;
    }
    let last = session.last_answer()?;
    let follow_up = session.current().is_some_and(|s| {
        let (r, q, p) = s.indexes();
        p > 0 && r == last.round_index && q == last.question_index
    });
    Some(Feedback {
        where_: where_of(session, last),
        prompt: last.prompt.clone(),
        report: ReportView::new(catalog, &last.report, &last.answer),
        follow_up,
    })
}

/// "Round 2, GTM case: question 1, follow-up 1".
fn where_of(session: &Session, last: &debrief_coach::mock::MockAnswer) -> String {
    let round = session.plan.rounds.get(last.round_index);
    match (round, last.probe_index) {
        (Some(r), 0) => format!(
            "Round {}, {}: question {}",
            last.round_index + 1,
            r.title,
            last.question_index + 1
        ),
        (Some(r), p) => format!(
            "Round {}, {}: question {}, follow-up {p}",
            last.round_index + 1,
            r.title,
            last.question_index + 1
        ),
        (None, _) => String::new(),
    }
}

/// How the page names a mock that is not a full loop in practice mode.
fn mode_note(session: &Session) -> String {
    let plan = &session.plan;
    let mut parts = Vec::new();
    if plan.scope != debrief_coach::mock::Scope::Full {
        parts.push(format!(
            "{}: {} of the loop's {} rounds",
            plan.scope.label(),
            plan.rounds.len(),
            plan.rounds_in_loop()
        ));
    }
    if !plan.mode.shows_reports() {
        parts.push(format!("{}: no score until the debrief", plan.mode.label()));
    }
    parts.join(" · ")
}

pub(super) fn mock_page(catalog: &Catalog, session: &Session, now: i64, carry: Carry) -> Response {
    let current = session.current();
    let current_round = current.map(|s| s.indexes().0);
    let rounds = session
        .plan
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| RoundChip {
            number: i + 1,
            title: r.title.clone(),
            kind_name: r.kind_name.clone(),
            minutes: r.minutes,
            state: match current_round {
                Some(c) if i < c => "done",
                Some(c) if i == c => "current",
                Some(_) => "next",
                None => "done",
            },
            bar_raiser: r.bar_raiser,
        })
        .collect();
    let mut unsent = None;
    let step = current.and_then(|s| {
        let text = match &carry.sent {
            Some((slot, text)) if *slot == s.slot => text.clone(),
            Some((_, text)) => {
                unsent = Some(text.clone());
                s.text.clone()
            }
            None => s.text.clone(),
        };
        box_view(session, s, now, text)
    });
    let mut errors = carry.errors;
    if step.is_none() && errors.is_empty() {
        errors.push(
            "Every answer of this mock loop is handed in. Weigh the debrief to read it.".into(),
        );
    }
    let status = if carry.sent.is_some() && !errors.is_empty() {
        // A hand-in that was refused: the answer is kept, but the request did not succeed.
        if unsent.is_some() {
            StatusCode::CONFLICT
        } else {
            StatusCode::BAD_REQUEST
        }
    } else {
        StatusCode::OK
    };
    let heading = plan_heading(&session.plan);
    (
        status,
        MockPage {
            meta: Meta::new(format!("Mock loop: {heading}"), "mock"),
            id: session.mock.id,
            title: session.plan.title.clone(),
            heading,
            round_count: session.plan.rounds.len(),
            rounds,
            vocabulary: upper_first(
                &session
                    .plan
                    .vocabulary
                    .words(catalog, &session.plan.company)
                    .1,
            ),
            feedback: feedback(catalog, session),
            mode_note: mode_note(session),
            handed_in: session
                .last_answer()
                .filter(|_| !session.plan.mode.shows_reports())
                .map(|last| format!("Handed in: {}.", where_of(session, last))),
            step,
            errors,
            unsent,
            notice: carry.notice,
        },
    )
        .into_response()
}
