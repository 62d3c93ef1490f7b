//! Progress: every graded answer, readiness per round kind and the series behind the plots,
//! worked out once for the web app's progress page and `debrief progress`. Artifact drills
//! (round kind `artifact:<kind>`) are read apart: readiness per artifact kind drilled, and
//! their own lines in the series.

use debrief_coach::mock::MockPlan;
use debrief_coach::progress::{self, ProgressSeries, Readiness, artifact_of};
use debrief_pack::Role;
use debrief_store::{Attempt, MockFilter, Page, PageRequest, UserId};
use serde::Serialize;

use crate::PracticeError;
use crate::app::App;
use crate::history::{thresholds, to_progress};

/// How many of the latest answers of a round kind must be at the bar for it to count as ready.
pub const READY_WINDOW: usize = 2;

/// Which round kinds readiness covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "scope", rename_all = "kebab-case")]
pub enum ReadinessScope {
    /// The round kinds of the candidate's newest mock loop, in loop order.
    LatestMock {
        /// The company's display name.
        company_name: String,
        /// The role.
        role: Role,
        /// The level's display name.
        level_name: String,
    },
    /// Every round kind the candidate has answered (no mock loop yet), in the order first
    /// answered.
    Answered,
}

/// The candidate's progress.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// The hire bar the scores are read against.
    pub bar: u32,
    /// Which round kinds `readiness` covers.
    pub scope: ReadinessScope,
    /// Readiness per round kind.
    pub readiness: Vec<Readiness>,
    /// Readiness per artifact kind drilled, in the order first drilled; each keyed
    /// `artifact:<kind id>` as the attempts hold it.
    pub artifacts: Vec<Readiness>,
    /// The series behind the plots.
    pub series: ProgressSeries,
    /// Every graded answer, oldest first.
    #[serde(skip)]
    pub attempts: Vec<Attempt>,
}

impl App {
    /// The candidate's progress: readiness for the round kinds of their newest mock loop (or,
    /// before any mock, every kind answered), and the series behind the plots.
    pub async fn progress(&self, user: UserId) -> Result<Progress, PracticeError> {
        let stored = self.store().attempts(user.get()).await?;
        let inputs: Vec<progress::Attempt> = stored.iter().map(to_progress).collect();
        let (bar, _) = thresholds(self.catalog());
        let newest = self
            .store()
            .mocks_page(user.get(), MockFilter::All, PageRequest::first(1))
            .await?;
        let latest = newest
            .items
            .first()
            .and_then(|m| serde_json::from_str::<MockPlan>(&m.plan_json).ok());
        let mut kinds: Vec<&str> = Vec::new();
        let scope = match &latest {
            Some(plan) => {
                for r in &plan.rounds {
                    if !kinds.contains(&r.kind.as_str()) {
                        kinds.push(r.kind.as_str());
                    }
                }
                ReadinessScope::LatestMock {
                    company_name: plan.company_name.clone(),
                    role: plan.role,
                    level_name: plan.level_name.clone(),
                }
            }
            None => {
                for a in &stored {
                    if artifact_of(&a.round_kind).is_none()
                        && !kinds.contains(&a.round_kind.as_str())
                    {
                        kinds.push(&a.round_kind);
                    }
                }
                ReadinessScope::Answered
            }
        };
        let readiness = progress::readiness(&inputs, &kinds, bar, READY_WINDOW);
        let mut drilled: Vec<&str> = Vec::new();
        for a in &stored {
            if artifact_of(&a.round_kind).is_some() && !drilled.contains(&a.round_kind.as_str()) {
                drilled.push(&a.round_kind);
            }
        }
        let artifacts = progress::readiness(&inputs, &drilled, bar, READY_WINDOW);
        Ok(Progress {
            bar,
            scope,
            readiness,
            artifacts,
            series: progress::series(&inputs),
            attempts: stored,
        })
    }

    /// One page of the candidate's graded answers, newest first: the history a person reads.
    pub async fn history_page(
        &self,
        user: UserId,
        request: PageRequest,
    ) -> Result<Page<Attempt>, PracticeError> {
        Ok(self.store().attempts_page(user.get(), request).await?)
    }
}
