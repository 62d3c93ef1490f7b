//! Graded answers as history: each one is recorded as an attempt and reviews the spaced-
//! repetition cards of its round kind and its LPs, so weak areas come back (see [`crate::today`]).

use debrief_coach::fsrs::{Card, Grade, Scheduler, State};
use debrief_coach::progress::{self, AttemptSummary, Source};
use debrief_grader::Report;
use debrief_pack::Catalog;
use debrief_store::{Attempt, NewAttempt, ReviewCard, Store, UserId};

use crate::PracticeError;

/// A graded answer to keep.
#[derive(Debug, Clone, Copy)]
pub struct Graded<'a> {
    /// Practice page or mock loop.
    pub source: Source,
    /// The mock, for answers given in one.
    pub mock_id: Option<i64>,
    /// The bank question answered, if any (a probe or a free question has none).
    pub question_id: Option<&'a str>,
    /// LP ids the question tests.
    pub lps: &'a [String],
    /// Company id, when known.
    pub company: Option<&'a str>,
    /// The answer as graded.
    pub answer: &'a str,
    /// The grader's report.
    pub report: &'a Report,
}

/// The grader's hire and strong-hire thresholds (the built-in defaults when a pack has none).
pub fn thresholds(catalog: &Catalog) -> (u32, u32) {
    catalog
        .pack()
        .grading
        .as_ref()
        .map_or((60, 80), |g| (g.hire, g.strong_hire))
}

/// Records a graded answer and reviews the cards it touches: `kind:<round kind>` and
/// `lp:<id>` for each LP. The attempt is written first, so a failure on the cards loses no
/// history.
pub async fn record(
    store: &Store,
    catalog: &Catalog,
    user: UserId,
    graded: &Graded<'_>,
    now: i64,
) -> Result<Attempt, PracticeError> {
    let user_id = user.get();
    let report = graded.report;
    let summary = AttemptSummary::of(report, graded.lps);
    let attempt = store
        .record_attempt(
            user_id,
            &NewAttempt {
                source: graded.source.id().to_owned(),
                mock_id: graded.mock_id,
                question_id: graded.question_id.map(str::to_owned),
                round_kind: report.round.clone(),
                role: report.role.map(|r| r.id().to_owned()),
                company: graded.company.map(str::to_owned),
                score: i64::from(report.score),
                rating: report.rating.id().to_owned(),
                answer: debrief_text::storable(graded.answer).into_owned(),
                summary_json: serde_json::to_string(&summary)?,
            },
            now,
        )
        .await?;

    let (hire, strong_hire) = thresholds(catalog);
    let grade = Grade::from_score(report.score, hire, strong_hire);
    let scheduler = Scheduler::default();
    let mut keys = vec![Card::kind_key(&report.round)];
    for lp in graded.lps {
        let key = Card::lp_key(lp);
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut cards = Vec::with_capacity(keys.len());
    for key in keys {
        let card = match store.card(user_id, &key).await? {
            Some(stored) => from_stored(&stored),
            None => Card::new(key, now),
        };
        cards.push(to_stored(&scheduler.review(&card, grade, now)));
    }
    store.put_cards(user_id, &cards).await?;
    Ok(attempt)
}

/// The user's attempts as debrief-coach's progress input, oldest first. Rows whose summary cannot
/// be read (written by a newer build, say) still count with an empty summary.
pub async fn progress_attempts(
    store: &Store,
    user_id: i64,
) -> Result<Vec<progress::Attempt>, PracticeError> {
    Ok(store
        .attempts(user_id)
        .await?
        .iter()
        .map(to_progress)
        .collect())
}

/// One stored attempt as debrief-coach's progress input.
pub fn to_progress(a: &Attempt) -> progress::Attempt {
    progress::Attempt {
        at: a.created_at,
        source: Source::parse(&a.source).unwrap_or(Source::Practice),
        round_kind: a.round_kind.clone(),
        score: u32::try_from(a.score.clamp(0, 100)).unwrap_or(0),
        summary: serde_json::from_str(&a.summary_json).unwrap_or_default(),
    }
}

/// A stored card as the scheduler's card. An unknown state reads as new, which only means the
/// next review starts it afresh.
pub fn from_stored(c: &ReviewCard) -> Card {
    Card {
        key: c.card.clone(),
        state: State::parse(&c.state).unwrap_or(State::New),
        due: c.due,
        stability: c.stability,
        difficulty: c.difficulty,
        reps: u32::try_from(c.reps.max(0)).unwrap_or(u32::MAX),
        lapses: u32::try_from(c.lapses.max(0)).unwrap_or(u32::MAX),
        last_review: c.last_review,
    }
}

/// The scheduler's card as a stored row.
pub fn to_stored(c: &Card) -> ReviewCard {
    ReviewCard {
        card: c.key.clone(),
        state: c.state.id().to_owned(),
        due: c.due,
        stability: c.stability,
        difficulty: c.difficulty,
        reps: i64::from(c.reps),
        lapses: i64::from(c.lapses),
        last_review: c.last_review,
    }
}
