//! Mock loops from start to debrief, over the store.
//!
//! A mock is a drawn [`MockPlan`] kept as JSON beside its answers. The candidate answers one
//! box at a time, in order: each question of each round, then the follow-up probes its answer
//! called for (chosen by the core from that first answer's findings, at most
//! [`debrief_coach::mock::MAX_PROBES_PER_QUESTION`]). [`Session`] rebuilds where the candidate
//! is from what is stored, so a loop resumes after a closed tab or a restarted server, and
//! every box's text is saved as it is typed ([`save_draft`]) before it is handed in
//! ([`submit`]). Handing in the last box, or ending the loop early ([`finish`]), weighs the
//! debrief and saves it with the mock.
//!
//! Each handed-in answer is also recorded in the practice history ([`crate::history`]), so it
//! appears in the progress plots and moves the review schedule.

use debrief_coach::mock::{
    self, AnswerInput, Debrief, MockAnswer, MockPlan, MockSpec, Mode, PlannedRound, Scope,
};
use debrief_coach::progress::Source;
use debrief_grader::Grader;
use debrief_store::{
    AnswerSlot, Mock, MockFilter, MockId, NewMock, Page, PageRequest, RoundClock, Store,
    Submission, UserId,
};

use serde::Serialize;

use crate::PracticeError;
use crate::history::{Graded, record};

/// How many recent questions a new draw avoids.
const RECENT: usize = 200;

/// One answer box of a mock, in the order the candidate meets them.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Where it sits.
    pub slot: AnswerSlot,
    /// The question id, or the probe id for a follow-up.
    pub prompt_id: String,
    /// What the interviewer asks.
    pub prompt: String,
    /// For a probe: why the interviewer asks it.
    pub why: Option<String>,
    /// The text saved so far (a draft, or the handed-in answer).
    pub text: String,
    /// Whether it was handed in.
    pub submitted: bool,
}

impl Step {
    /// Round, question and probe as plain indexes.
    pub fn indexes(&self) -> (usize, usize, usize) {
        (
            usize::try_from(self.slot.round_index).unwrap_or(0),
            usize::try_from(self.slot.question_index).unwrap_or(0),
            usize::try_from(self.slot.probe_index).unwrap_or(0),
        )
    }
}

/// A mock as stored, read back and laid out.
#[derive(Debug, Clone)]
pub struct Session {
    /// The stored row.
    pub mock: Mock,
    /// The drawn loop.
    pub plan: MockPlan,
    /// Every box known so far, in order: handed-in ones, then the current one. Later boxes
    /// are not known yet (their probes depend on answers not yet given).
    pub steps: Vec<Step>,
    /// The graded answers, in order.
    pub answers: Vec<MockAnswer>,
    /// When each round was opened and closed.
    pub clocks: Vec<RoundClock>,
    /// The saved debrief, once finished.
    pub debrief: Option<Debrief>,
    /// When each handed-in box was handed in, to time the next box.
    hand_ins: Vec<(AnswerSlot, i64)>,
}

impl Session {
    /// The box to answer next; none when every box is handed in or the mock is finished.
    pub fn current(&self) -> Option<&Step> {
        if self.mock.finished_at.is_some() {
            return None;
        }
        self.steps.iter().find(|s| !s.submitted)
    }

    /// The round of a step.
    pub fn round(&self, step: &Step) -> Option<&PlannedRound> {
        self.plan.rounds.get(step.indexes().0)
    }

    /// The clock of a round, if it was opened.
    pub fn clock(&self, round_index: usize) -> Option<&RoundClock> {
        self.clocks
            .iter()
            .find(|c| usize::try_from(c.round_index).is_ok_and(|r| r == round_index))
    }

    /// Seconds spent in a round so far: its handed-in answers, plus the open box's time when
    /// the round is the current one.
    pub fn round_seconds(&self, round_index: usize, now: i64) -> i64 {
        let handed_in: i64 = self
            .answers
            .iter()
            .filter(|a| a.round_index == round_index)
            .map(|a| i64::from(a.elapsed_seconds))
            .sum();
        let open = match self.current() {
            Some(step) if step.indexes().0 == round_index => {
                (now - self.box_opened_at(step)).max(0)
            }
            _ => 0,
        };
        handed_in + open
    }

    /// The graded answer of a box.
    pub fn answer(&self, slot: AnswerSlot) -> Option<&MockAnswer> {
        self.answers.iter().find(|a| slot_of(a) == slot)
    }

    /// The most recently handed-in answer.
    pub fn last_answer(&self) -> Option<&MockAnswer> {
        let last = self.steps.iter().rev().find(|s| s.submitted)?;
        self.answer(last.slot)
    }

    /// The answers as `debrief mock --answers` lines (JSON Lines), so the CLI can weigh the
    /// same debrief from them.
    pub fn answers_jsonl(&self) -> Result<String, PracticeError> {
        let mut out = String::new();
        for a in &self.answers {
            let line = AnswerInput {
                round_index: a.round_index,
                question_index: a.question_index,
                probe_index: a.probe_index,
                probe: (a.probe_index > 0).then(|| a.prompt_id.clone()),
                prompt: (a.probe_index > 0).then(|| a.prompt.clone()),
                answer: a.answer.clone(),
                elapsed_seconds: a.elapsed_seconds,
                transcript: false,
            };
            out.push_str(&serde_json::to_string(&line)?);
            out.push('\n');
        }
        Ok(out)
    }

    /// When the clock for a box started: the later of its round's opening and the previous
    /// handed-in answer of the same round.
    fn box_opened_at(&self, step: &Step) -> i64 {
        let (round, _, _) = step.indexes();
        let opened = self
            .clock(round)
            .map_or(self.mock.created_at, |c| c.started_at);
        self.hand_ins
            .iter()
            .filter(|(slot, _)| slot.round_index == step.slot.round_index && *slot < step.slot)
            .map(|&(_, at)| at)
            .max()
            .map_or(opened, |at| at.max(opened))
    }
}

fn slot_of(a: &MockAnswer) -> AnswerSlot {
    AnswerSlot::new(
        i64::try_from(a.round_index).unwrap_or(i64::MAX),
        i64::try_from(a.question_index).unwrap_or(i64::MAX),
        i64::try_from(a.probe_index).unwrap_or(i64::MAX),
    )
}

/// Draws and saves a new mock, avoiding the candidate's recent questions. The seed comes from
/// the caller (the edge owns randomness).
pub async fn start(
    store: &Store,
    grader: &Grader,
    user: UserId,
    spec: &MockSpec,
    now: i64,
) -> Result<Mock, PracticeError> {
    let user_id = user.get();
    let recent = store.recent_question_ids(user_id, RECENT).await?;
    let plan = mock::draw(grader.catalog(), spec, &recent)?;
    let mock = store
        .create_mock(
            user_id,
            &NewMock {
                company: plan.company.clone(),
                role: plan.role.id().to_owned(),
                level: plan.level.clone(),
                // The store keeps i64; the bits round-trip exactly.
                seed: plan.seed as i64,
                plan_json: serde_json::to_string(&plan)?,
            },
            now,
        )
        .await?;
    Ok(mock)
}

/// Reads a mock back and lays out its boxes.
pub async fn load(
    store: &Store,
    grader: &Grader,
    user: UserId,
    mock: MockId,
) -> Result<Session, PracticeError> {
    let (user_id, id) = (user.get(), mock.get());
    let mock = store
        .mock(user_id, id)
        .await?
        .ok_or(PracticeError::NotFound("mock loop"))?;
    let plan: MockPlan = serde_json::from_str(&mock.plan_json)?;
    let rows = store.mock_answers(user_id, id).await?;
    let clocks = store.round_clocks(user_id, id).await?;
    let debrief = match &mock.debrief_json {
        Some(json) => Some(serde_json::from_str(json)?),
        None => None,
    };

    let mut steps = Vec::new();
    let mut answers = Vec::new();
    let mut hand_ins = Vec::new();
    'rounds: for (r, round) in plan.rounds.iter().enumerate() {
        for (q, question) in round.questions.iter().enumerate() {
            let slot = |p: usize| {
                AnswerSlot::new(
                    i64::try_from(r).unwrap_or(i64::MAX),
                    i64::try_from(q).unwrap_or(i64::MAX),
                    i64::try_from(p).unwrap_or(i64::MAX),
                )
            };
            let row = |p: usize| rows.iter().find(|a| a.slot == slot(p));
            let first = row(0);
            steps.push(Step {
                slot: slot(0),
                prompt_id: question.id.clone(),
                prompt: question.text.clone(),
                why: None,
                text: first.map(|a| a.text.clone()).unwrap_or_default(),
                submitted: first.is_some_and(|a| a.is_submitted()),
            });
            let Some(first) = first.filter(|a| a.is_submitted()) else {
                break 'rounds;
            };
            let first_answer = graded(grader, &plan, first, 0, None)?;
            hand_ins.push((first.slot, first.submitted_at.unwrap_or(first.updated_at)));
            // The probes the first answer calls for, in order, as the interviewer words them
            // (quoting the answer where they can); a probe already stored keeps its id even if
            // the content changed since.
            let wanted: Vec<(String, String, Option<String>)> = plan
                .probes(grader, &first_answer, &[])
                .into_iter()
                .map(|p| (p.probe.id.clone(), p.text, Some(p.probe.why.clone())))
                .collect();
            answers.push(first_answer);
            for (i, (probe_id, text, why)) in wanted.into_iter().enumerate() {
                let p = i + 1;
                let stored = row(p);
                let prompt = match stored {
                    Some(a) if a.prompt_id != probe_id => grader
                        .catalog()
                        .probe(&a.prompt_id)
                        .map_or(text, |probe| probe.text.clone()),
                    _ => text,
                };
                let prompt_id = stored.map_or(probe_id, |a| a.prompt_id.clone());
                steps.push(Step {
                    slot: slot(p),
                    prompt_id,
                    prompt,
                    why: why.filter(|w| !w.is_empty()),
                    text: stored.map(|a| a.text.clone()).unwrap_or_default(),
                    submitted: stored.is_some_and(|a| a.is_submitted()),
                });
                let Some(done) = stored.filter(|a| a.is_submitted()) else {
                    break 'rounds;
                };
                hand_ins.push((done.slot, done.submitted_at.unwrap_or(done.updated_at)));
                let asked = steps.last().map(|s: &Step| s.prompt.clone());
                answers.push(graded(grader, &plan, done, p, asked)?);
            }
        }
    }
    Ok(Session {
        mock,
        plan,
        steps,
        answers,
        clocks,
        debrief,
        hand_ins,
    })
}

/// The graded answer of a stored, handed-in row: the saved report when it reads back, else
/// graded again from the saved text (the grader is deterministic, so only a content change
/// can make the two differ).
fn graded(
    grader: &Grader,
    plan: &MockPlan,
    row: &debrief_store::MockAnswer,
    probe_index: usize,
    prompt: Option<String>,
) -> Result<MockAnswer, PracticeError> {
    if let Some(saved) = row
        .report_json
        .as_deref()
        .and_then(|json| serde_json::from_str::<MockAnswer>(json).ok())
    {
        return Ok(saved);
    }
    let input = AnswerInput {
        round_index: usize::try_from(row.slot.round_index).unwrap_or(usize::MAX),
        question_index: usize::try_from(row.slot.question_index).unwrap_or(usize::MAX),
        probe_index,
        probe: (probe_index > 0).then(|| row.prompt_id.clone()),
        prompt,
        answer: row.text.clone(),
        elapsed_seconds: u32::try_from(row.elapsed_seconds.unwrap_or(0).max(0)).unwrap_or(u32::MAX),
        transcript: false,
    };
    Ok(mock::grade_answer(grader, plan, &input)?)
}

/// Opens the current box's round clock (once; later calls keep the first time) and returns
/// the session as it now stands.
pub async fn open_current(
    store: &Store,
    grader: &Grader,
    user: UserId,
    mock: MockId,
    now: i64,
) -> Result<Session, PracticeError> {
    let (user_id, id) = (user.get(), mock.get());
    let session = load(store, grader, user, mock).await?;
    let Some(step) = session.current() else {
        return Ok(session);
    };
    if session.clock(step.indexes().0).is_some() {
        return Ok(session);
    }
    store
        .start_round(user_id, id, step.slot.round_index, now)
        .await?;
    load(store, grader, user, mock).await
}

/// Saves the text of the open box as typed. Only the current box takes drafts: a page left open
/// on an older box is told to reload rather than overwrite anything.
pub async fn save_draft(
    store: &Store,
    grader: &Grader,
    user: UserId,
    mock: MockId,
    slot: AnswerSlot,
    text: &str,
    now: i64,
) -> Result<(), PracticeError> {
    // One limit for drafts and hand-ins: a draft the grader would refuse is refused now, while
    // the candidate still has the text in front of them, not at hand-in.
    if text.len() > debrief_grader::MAX_ANSWER_BYTES {
        return Err(PracticeError::Grade(debrief_grader::GradeError::TooLarge(
            text.len(),
        )));
    }
    let text = &*debrief_text::storable(text);
    let (user_id, id) = (user.get(), mock.get());
    let session = load(store, grader, user, mock).await?;
    let step = open_step(&session, slot)?;
    store
        .save_draft(user_id, id, slot, &step.prompt_id, text, now)
        .await?;
    Ok(())
}

/// What handing in an answer led to.
#[derive(Debug, Clone)]
pub struct Handed {
    /// The graded answer.
    pub answer: MockAnswer,
    /// The debrief, when that was the last box.
    pub debrief: Option<Debrief>,
    /// When the mock shows reports: a front end shows `answer`'s report now only in
    /// practice mode.
    pub mode: Mode,
}

/// Hands in the open box: saves the text first (so a grading error loses nothing), grades
/// it, records it in the history, closes the round when its last box is in, and weighs the
/// debrief after the last box of the loop.
pub async fn submit(
    store: &Store,
    grader: &Grader,
    user: UserId,
    mock: MockId,
    slot: AnswerSlot,
    text: &str,
    now: i64,
) -> Result<Handed, PracticeError> {
    let text = &*debrief_text::storable(text);
    let (user_id, id) = (user.get(), mock.get());
    let session = load(store, grader, user, mock).await?;
    let step = open_step(&session, slot)?.clone();
    store
        .save_draft(user_id, id, slot, &step.prompt_id, text, now)
        .await?;
    let (round_index, question_index, probe_index) = step.indexes();
    let elapsed = (now - session.box_opened_at(&step)).max(0);
    let answer = mock::grade_answer(
        grader,
        &session.plan,
        &AnswerInput {
            round_index,
            question_index,
            probe_index,
            probe: (probe_index > 0).then(|| step.prompt_id.clone()),
            prompt: (probe_index > 0).then(|| step.prompt.clone()),
            answer: text.to_owned(),
            elapsed_seconds: u32::try_from(elapsed).unwrap_or(u32::MAX),
            transcript: false,
        },
    )?;
    store
        .submit_answer(
            user_id,
            id,
            slot,
            &Submission {
                prompt_id: step.prompt_id.clone(),
                text: text.to_owned(),
                elapsed_seconds: elapsed,
                report_json: serde_json::to_string(&answer)?,
            },
            now,
        )
        .await?;
    // In interview mode the answer reaches the history (and with it progress and Today, which
    // would show its score) only with the debrief.
    if session.plan.mode.shows_reports() {
        record_answer(store, grader, user, id, &session.plan, &answer, now).await?;
    }

    let after = load(store, grader, user, mock).await?;
    let next_round = after.current().map(|s| s.indexes().0);
    if next_round != Some(round_index) && session.clock(round_index).is_some() {
        store
            .end_round(user_id, id, step.slot.round_index, now)
            .await?;
    }
    let debrief = if next_round.is_none() {
        Some(weigh(store, user_id, id, &after, grader, now).await?)
    } else {
        None
    };
    Ok(Handed {
        answer,
        debrief,
        mode: session.plan.mode,
    })
}

/// Ends the loop now and weighs the debrief: boxes not handed in count as unanswered (their
/// drafts stay saved). Finishing again weighs it again.
pub async fn finish(
    store: &Store,
    grader: &Grader,
    user: UserId,
    mock: MockId,
    now: i64,
) -> Result<Debrief, PracticeError> {
    let (user_id, id) = (user.get(), mock.get());
    let session = load(store, grader, user, mock).await?;
    if let Some(step) = session.current() {
        let round = step.slot.round_index;
        if session
            .clock(step.indexes().0)
            .is_some_and(|c| c.ended_at.is_none())
        {
            store.end_round(user_id, id, round, now).await?;
        }
    }
    weigh(store, user_id, id, &session, grader, now).await
}

/// Records a graded mock answer in the practice history: for the principles its question
/// aims at, and in the Bar Raiser's round for those the round weighs, as the debrief counts it.
async fn record_answer(
    store: &Store,
    grader: &Grader,
    user: UserId,
    mock: i64,
    plan: &MockPlan,
    answer: &MockAnswer,
    now: i64,
) -> Result<(), PracticeError> {
    let question_lps = plan
        .question(answer.round_index, answer.question_index)
        .map(|q| q.lps.as_slice())
        .unwrap_or_default();
    let round_lps = plan
        .rounds
        .get(answer.round_index)
        .filter(|r| r.bar_raiser)
        .map(|r| r.lps.as_slice())
        .unwrap_or_default();
    let mut lps: Vec<String> = Vec::new();
    for lp in question_lps.iter().chain(round_lps) {
        if !lps.contains(&lp.id) {
            lps.push(lp.id.clone());
        }
    }
    record(
        store,
        grader.catalog(),
        user,
        &Graded {
            source: Source::Mock,
            mock_id: Some(mock),
            question_id: (answer.probe_index == 0).then_some(answer.prompt_id.as_str()),
            lps: &lps,
            company: Some(&plan.company),
            answer: &answer.answer,
            report: &answer.report,
        },
        now,
    )
    .await?;
    Ok(())
}

async fn weigh(
    store: &Store,
    user_id: i64,
    id: i64,
    session: &Session,
    grader: &Grader,
    now: i64,
) -> Result<Debrief, PracticeError> {
    // An interview-mode loop's answers enter the history when it is first weighed; weighing it
    // again records nothing twice.
    if !session.plan.mode.shows_reports() && session.mock.finished_at.is_none() {
        let user = UserId::new(user_id);
        for answer in &session.answers {
            record_answer(store, grader, user, id, &session.plan, answer, now).await?;
        }
    }
    let debrief = mock::debrief(grader.catalog(), &session.plan, &session.answers);
    store
        .finish_mock(user_id, id, &serde_json::to_string(&debrief)?, now)
        .await?;
    Ok(debrief)
}

/// The open box, if `slot` is it.
fn open_step(session: &Session, slot: AnswerSlot) -> Result<&Step, PracticeError> {
    if session.mock.finished_at.is_some() {
        return Err(PracticeError::Invalid(
            "this mock loop is finished, so its answers can no longer change; start a new one \
             to practise again"
                .to_owned(),
        ));
    }
    match session.current() {
        Some(step) if step.slot == slot => Ok(step),
        Some(_) => Err(PracticeError::Invalid(
            "that answer box is no longer the open one (it was handed in, perhaps from another \
             tab); reload the page to see where the loop stands"
                .to_owned(),
        )),
        None => Err(PracticeError::Invalid(
            "every answer of this mock loop is handed in; read the debrief".to_owned(),
        )),
    }
}

/// The spec for a full mock of `company`, `role` and `level` in practice mode, with a seed
/// from the caller; set `scope` and `mode` on it for the others.
pub fn spec(company: &str, role: &str, level: &str, seed: u64) -> MockSpec {
    MockSpec {
        company: company.to_owned(),
        role: role.to_owned(),
        track: None,
        level: level.to_owned(),
        seed,
        scope: Scope::Full,
        mode: Mode::Practice,
    }
}

/// A mock loop as a list shows it: the stored loop, its plan and debrief when they read, and
/// how far the candidate got.
#[derive(Debug, Clone, Serialize)]
pub struct MockSummary {
    /// The stored loop.
    #[serde(flatten)]
    pub mock: Mock,
    /// Its plan, unless it was written by a version this one cannot read.
    #[serde(skip)]
    pub plan: Option<MockPlan>,
    /// Its debrief, once finished (and readable).
    #[serde(skip)]
    pub debrief: Option<Debrief>,
    /// How many questions the loop asks (follow-ups not counted).
    pub questions: usize,
    /// How many of them are handed in.
    pub answered: usize,
}

impl crate::App {
    /// Every mock loop of `user`, newest first, with how far each got.
    pub async fn mocks(&self, user: UserId) -> Result<Vec<MockSummary>, PracticeError> {
        let mut out = Vec::new();
        for mock in self.store().mocks(user.get()).await? {
            out.push(self.mock_summary(user, mock).await?);
        }
        Ok(out)
    }

    /// One page of the mock loops of `user` that `filter` keeps, newest first, with how far
    /// each got (only this page's loops are read).
    pub async fn mock_page(
        &self,
        user: UserId,
        filter: MockFilter,
        request: PageRequest,
    ) -> Result<Page<MockSummary>, PracticeError> {
        let page = self.store().mocks_page(user.get(), filter, request).await?;
        let mut items = Vec::with_capacity(page.items.len());
        for mock in &page.items {
            items.push(self.mock_summary(user, mock.clone()).await?);
        }
        Ok(page.with_items(items))
    }

    /// A stored mock as a list shows it.
    async fn mock_summary(&self, user: UserId, mock: Mock) -> Result<MockSummary, PracticeError> {
        let plan: Option<MockPlan> = serde_json::from_str(&mock.plan_json).ok();
        let debrief: Option<Debrief> = mock
            .debrief_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok());
        let questions = plan
            .as_ref()
            .map_or(0, |p| p.rounds.iter().map(|r| r.questions.len()).sum());
        let answered = self
            .store()
            .mock_answers(user.get(), mock.id)
            .await?
            .iter()
            .filter(|a| a.slot.probe_index == 0 && a.is_submitted())
            .count();
        Ok(MockSummary {
            mock,
            plan,
            debrief,
            questions,
            answered,
        })
    }

    /// Mock loop `id` of `user`.
    pub async fn mock(&self, user: UserId, id: MockId) -> Result<Mock, PracticeError> {
        self.store()
            .mock(user.get(), id.get())
            .await?
            .ok_or(PracticeError::Missing {
                what: MockId::WHAT,
                id: id.get(),
            })
    }

    /// Deletes mock loop `id` of `user` with its rounds and answers; its graded answers stay in
    /// the history.
    pub async fn delete_mock(&self, user: UserId, id: MockId) -> Result<(), PracticeError> {
        Ok(self.store().delete_mock(user.get(), id.get()).await?)
    }
}
