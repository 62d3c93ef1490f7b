//! The "today" queue: the round kinds and LPs the review schedule says are due, each with what
//! happened last time and a question to answer now.

use std::collections::{BTreeMap, HashSet};

use debrief_coach::fsrs::{Card, State, due_queue};
use debrief_coach::progress::AttemptSummary;
use debrief_pack::{Catalog, Question, Role};
use debrief_store::Store;
use serde::Serialize;

use crate::PracticeError;
use crate::history::from_stored;

/// How many recent questions a suggestion avoids.
const RECENT: usize = 50;

/// What a due card is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Subject {
    /// A round kind.
    RoundKind {
        /// Round kind id.
        id: String,
        /// Its display name.
        name: String,
    },
    /// A Leadership Principle.
    Principle {
        /// Principle id.
        id: String,
        /// Its display name.
        name: String,
    },
}

impl Subject {
    /// The display name.
    pub fn name(&self) -> &str {
        match self {
            Subject::RoundKind { name, .. } | Subject::Principle { name, .. } => name,
        }
    }
}

/// One entry of the queue.
#[derive(Debug, Clone, Serialize)]
pub struct TodayItem {
    /// The card key, `kind:<id>` or `lp:<id>`.
    pub card: String,
    /// What to practise.
    pub subject: Subject,
    /// When it fell due, unix seconds.
    pub due: i64,
    /// The chance, 0 to 1, that the candidate is still at the bar here.
    pub retrievability: f64,
    /// Times it fell below the bar after reaching it.
    pub lapses: u32,
    /// The latest score in this area, with when.
    pub last_score: Option<(u32, i64)>,
    /// Why it is in the queue, in a sentence.
    pub reason: String,
    /// A question to answer now: (id, text, round kind id).
    pub question: Option<(String, String, String)>,
}

/// The queue for `now`, holding every card due by `until` (the end of the candidate's day),
/// most urgent first, at most `limit` entries. Cards for ids the content no longer has are
/// skipped.
pub async fn today(
    store: &Store,
    catalog: &Catalog,
    user_id: i64,
    now: i64,
    until: i64,
    limit: usize,
) -> Result<Vec<TodayItem>, PracticeError> {
    let cards: Vec<Card> = store
        .due_cards(user_id, until)
        .await?
        .iter()
        .map(from_stored)
        .collect();
    if cards.is_empty() {
        return Ok(Vec::new());
    }
    let attempts = store.attempts(user_id).await?;
    // Each attempt's LPs, read once: every LP card below looks through them.
    let attempt_lps: Vec<Vec<String>> = attempts
        .iter()
        .map(|a| {
            serde_json::from_str::<AttemptSummary>(&a.summary_json)
                .map(|s| s.lps)
                .unwrap_or_default()
        })
        .collect();
    let recent: HashSet<String> = store
        .recent_question_ids(user_id, RECENT)
        .await?
        .into_iter()
        .collect();
    let mut suggested: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for card in due_queue(&cards, now, until) {
        if out.len() >= limit {
            break;
        }
        let Some((kind, id)) = card.subject() else {
            continue;
        };
        // The latest attempt in this area tells the score and the role to suggest for.
        let latest = attempts
            .iter()
            .zip(&attempt_lps)
            .rev()
            .find(|(a, lps)| match kind {
                "kind" => a.round_kind == id,
                _ => lps.iter().any(|lp| lp == id),
            })
            .map(|(a, _)| a);
        let role = latest.and_then(|a| a.role.as_deref()).and_then(Role::parse);
        let (subject, pick) = match kind {
            "kind" => match catalog.round_kind(id) {
                Ok(k) => (
                    Subject::RoundKind {
                        id: id.to_owned(),
                        name: k.name.clone(),
                    },
                    suggest(catalog, role, &recent, &suggested, |q| q.round == id),
                ),
                Err(_) => continue,
            },
            _ => match catalog.principle(id) {
                Ok(p) => (
                    Subject::Principle {
                        id: id.to_owned(),
                        name: p.name.clone(),
                    },
                    suggest(catalog, role, &recent, &suggested, |q| {
                        q.principles.iter().any(|lp| lp == id)
                    }),
                ),
                Err(_) => continue,
            },
        };
        if let Some(q) = pick {
            suggested.insert(q.id.clone());
        }
        let last_score = latest.map(|a| {
            (
                u32::try_from(a.score.clamp(0, 100)).unwrap_or(0),
                a.created_at,
            )
        });
        let last = last_score.map_or(String::new(), |(score, _)| format!(" (last score {score})"));
        let reason = match card.state {
            State::Learning => {
                format!("Below the bar last time{last}; it comes back until it clears it.")
            }
            // Every answer in an area reviews its card, so one mock can add several lapses:
            // the count is of answers, not of separate slips.
            State::Relearning => format!(
                "Below the bar again after clearing it{last}: {} answer{} in this area fell short after it had reached the bar.",
                card.lapses,
                if card.lapses == 1 { "" } else { "s" }
            ),
            State::Review | State::New => {
                format!("Due for a check that it is still at the bar{last}.")
            }
        };
        out.push(TodayItem {
            card: card.key.clone(),
            subject,
            due: card.due,
            retrievability: card.retrievability(now),
            lapses: card.lapses,
            last_score,
            reason,
            question: pick.map(|q| (q.id.clone(), q.text.clone(), q.round.clone())),
        });
    }
    Ok(out)
}

/// The first question in bank order that matches, asks the role, and was neither answered
/// lately nor already suggested today; failing that, the first that matches at all.
fn suggest<'c>(
    catalog: &'c Catalog,
    role: Option<Role>,
    recent: &HashSet<String>,
    suggested: &HashSet<String>,
    matches: impl Fn(&Question) -> bool,
) -> Option<&'c Question> {
    let mut candidates = catalog
        .questions()
        .iter()
        .filter(|q| matches(q) && role.is_none_or(|r| q.asks(r)));
    let first = candidates.clone().next();
    candidates
        .find(|q| !recent.contains(&q.id) && !suggested.contains(&q.id))
        .or(first)
}

/// The queue split at the end of the candidate's day.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Queue {
    /// Due by tonight, most urgent first, at most the limit asked for.
    pub today: Vec<TodayItem>,
    /// Falling due after tonight and by tomorrow night: where a weak answer of today comes
    /// back.
    pub tomorrow: Vec<TodayItem>,
}

/// Today's queue (due by `tonight`, at most `limit`) and what falls due by `tomorrow_night`,
/// from one read of the schedule.
///
/// The review schedule brings a weak area back tomorrow, which is right for an answer near the
/// bar and wrong for one far below it: a candidate who just scored 19 should not read "nothing
/// is due today". An area whose latest score is at least the pack's `today_far_below` points
/// under the grader's hire bar is pulled into today. Today is ranked by how far below the bar
/// each area's latest answer sits times how much the candidate's loop weighs it (`weights`,
/// from [`loop_weights`]; an area the loop does not weigh counts once), then by the gap alone,
/// then by when it fell due.
#[allow(clippy::too_many_arguments)]
pub async fn queue(
    store: &Store,
    catalog: &Catalog,
    user_id: i64,
    now: i64,
    tonight: i64,
    tomorrow_night: i64,
    limit: usize,
    weights: &BTreeMap<String, u32>,
) -> Result<Queue, PracticeError> {
    let all = today(store, catalog, user_id, now, tomorrow_night, usize::MAX).await?;
    let bar = catalog.grading().hire;
    let far = catalog
        .plan_settings()
        .map_or(u32::MAX, |p| p.today_far_below);
    let far_below = |i: &TodayItem| {
        i.last_score
            .is_some_and(|(s, _)| s.saturating_add(far) <= bar)
    };
    let (mut due, mut tomorrow): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|i| i.due <= tonight || far_below(i));
    for item in due.iter_mut().filter(|i| i.due > tonight) {
        if let Some((score, _)) = item.last_score {
            item.reason = format!(
                "Scored {score}, far below the bar of {bar}: answer one more today, while the feedback is fresh."
            );
        }
    }
    let gap = |i: &TodayItem| i.last_score.map_or(0, |(s, _)| bar.saturating_sub(s));
    let weight = |i: &TodayItem| weights.get(&i.card).copied().unwrap_or(0).max(1);
    let rank = |a: &TodayItem, b: &TodayItem| {
        (gap(b).saturating_mul(weight(b)))
            .cmp(&gap(a).saturating_mul(weight(a)))
            .then(gap(b).cmp(&gap(a)))
            .then(a.due.cmp(&b.due))
    };
    due.sort_by(rank);
    due.truncate(limit);
    tomorrow.sort_by(rank);
    Ok(Queue {
        today: due,
        tomorrow,
    })
}

/// How much a loop weighs each review card: a principle (`lp:<id>`) by the weights its rounds
/// give it, a round kind (`kind:<id>`) by the principle weights (or competencies) its rounds
/// carry, so both read on one scale. The loop is the company's for the role on `track` (`None`:
/// the role's own loop); empty when the company has no such loop.
pub fn loop_weights(
    catalog: &Catalog,
    company: &str,
    role: Role,
    track: Option<&str>,
) -> BTreeMap<String, u32> {
    let mut out: BTreeMap<String, u32> = BTreeMap::new();
    let Some(lp) = catalog.find_loop(company, role, track) else {
        return out;
    };
    for r in &lp.rounds {
        let carried: u32 = r.principles.iter().map(|p| p.weight).sum::<u32>()
            + u32::try_from(r.competencies.len()).unwrap_or(u32::MAX);
        *out.entry(format!("kind:{}", r.kind)).or_default() += carried.max(1);
        for p in &r.principles {
            *out.entry(format!("lp:{}", p.id)).or_default() += p.weight;
        }
    }
    out
}

impl crate::App {
    /// The candidate's queue now: due by the end of their day (at most `limit`), and what
    /// comes back by the end of tomorrow, ranked with the weights of their target loop.
    pub async fn today_queue(
        &self,
        user: debrief_store::UserId,
        limit: usize,
    ) -> Result<Queue, PracticeError> {
        let clock = self.clock();
        let now = clock.now();
        let tonight = clock.end_of_day(now);
        let tomorrow_night = clock.end_of_day(tonight.saturating_add(1));
        let target = self.target_loop(user).await?;
        let weights = loop_weights(
            self.catalog(),
            &target.company,
            target.role,
            target.track.as_deref(),
        );
        queue(
            self.store(),
            self.catalog(),
            user.get(),
            now,
            tonight,
            tomorrow_night,
            limit,
            &weights,
        )
        .await
    }
}
