//! Prep plans: made from a loop, an interview date and what the candidate already has (the
//! story bank and the history), saved, rebuilt exactly as they were made, and ticked off item
//! by item.
//!
//! What a plan reads of the bank and the history is its [`Groundwork`], saved with it as JSON:
//! a saved plan rebuilds from that copy, never from the bank as it is now, so writing a story
//! or grading an answer later never moves its items or their ids. Plans saved before plans
//! kept it rebuild with [`Groundwork::as_first_made`]: no bank, no history, no daily limit,
//! exactly as they read then.

use std::collections::BTreeSet;

use debrief_coach::calendar::Date;
use debrief_coach::plan::{BankStory, Groundwork, Plan, build_plan};
use debrief_coach::progress;
use debrief_store::{Page, PageRequest, PlanId, UserId};
use serde::Serialize;

use crate::PracticeError;
use crate::app::App;
use crate::history::{progress_attempts, thresholds};
use crate::progress::READY_WINDOW;

/// A saved plan, rebuilt from what it was made of, with the items ticked off.
#[derive(Debug, Clone, Serialize)]
pub struct SavedPlan {
    /// Its id.
    pub id: PlanId,
    /// The plan as it was made (same `today`, same item ids).
    pub plan: Plan,
    /// The ids of the items ticked off.
    pub done: BTreeSet<String>,
    /// When it was made (unix seconds).
    pub created_at: i64,
}

/// A saved plan as a list shows it, rebuilt when the content still has its loop.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    /// Its id.
    pub id: PlanId,
    /// Company id.
    pub company: String,
    /// Role id.
    pub role: String,
    /// The track whose loop the plan is for (`pm-t`); `None` for the role's own loop.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// Level id, empty when none was chosen.
    pub level: String,
    /// The interview date.
    pub interview_date: String,
    /// How many items are ticked off.
    pub done: usize,
    /// The plan, or why it can no longer be rebuilt.
    pub plan: Result<Plan, String>,
}

impl App {
    /// What `user` already has, as a plan for the loop (of `company` for `role`, on `track`
    /// when given) reads it: every story of the bank that can be linted, with its lint, and
    /// readiness in the loop's round kinds (the definition the progress page uses).
    pub async fn groundwork(
        &self,
        user: UserId,
        company: &str,
        role: &str,
        track: Option<&str>,
        level: Option<&str>,
    ) -> Result<Groundwork, PracticeError> {
        let view = self.catalog().loop_view_on(company, role, track, level)?;
        let mut kinds: Vec<&str> = Vec::new();
        for rv in &view.rounds {
            if !kinds.contains(&rv.round.kind.as_str()) {
                kinds.push(&rv.round.kind);
            }
        }
        let stories = self
            .linted_stories(user)
            .await?
            .iter()
            .filter_map(|l| {
                let lint = l.lint.as_ref().ok()?;
                Some(BankStory::of(&l.saved.story, lint))
            })
            .collect();
        let attempts = progress_attempts(self.store(), user.get()).await?;
        let (bar, _) = thresholds(self.catalog());
        Ok(Groundwork {
            stories,
            bar,
            readiness: progress::readiness(&attempts, &kinds, bar, READY_WINDOW),
            ..Groundwork::default()
        })
    }

    /// A plan from today to `interview` for the loop (on `track` when given), from what `user`
    /// has now, not saved (a preview, or a plan "as of" another day when `today` is given).
    #[allow(clippy::too_many_arguments)]
    pub async fn preview_plan(
        &self,
        user: UserId,
        company: &str,
        role: &str,
        track: Option<&str>,
        level: Option<&str>,
        today: Option<Date>,
        interview: Date,
    ) -> Result<Plan, PracticeError> {
        let today = today.unwrap_or_else(|| self.clock().today());
        let groundwork = self.groundwork(user, company, role, track, level).await?;
        Ok(build_plan(
            self.catalog(),
            company,
            role,
            track,
            level,
            today,
            interview,
            &groundwork,
        )?)
    }

    /// Makes a plan from today to `interview` for the loop (on `track` when given), from what
    /// `user` has now, and saves it with that groundwork and the track.
    pub async fn create_plan(
        &self,
        user: UserId,
        company: &str,
        role: &str,
        track: Option<&str>,
        level: Option<&str>,
        interview: Date,
    ) -> Result<SavedPlan, PracticeError> {
        let created_at = self.clock().now();
        let today = self.clock().date_of(created_at);
        let groundwork = self.groundwork(user, company, role, track, level).await?;
        let plan = build_plan(
            self.catalog(),
            company,
            role,
            track,
            level,
            today,
            interview,
            &groundwork,
        )?;
        let groundwork_json = serde_json::to_string(&groundwork)?;
        let id = self
            .store()
            .create_plan_from(
                user.get(),
                &plan.company,
                &plan.role,
                plan.track.as_deref(),
                plan.level.as_deref().unwrap_or(""),
                &plan.interview.to_string(),
                created_at,
                Some(&groundwork_json),
            )
            .await?;
        Ok(SavedPlan {
            id: PlanId::new(id),
            plan,
            done: BTreeSet::new(),
            created_at,
        })
    }

    /// Rebuilds a stored plan exactly as it was made: same inputs, same `today`, the groundwork
    /// saved with it (or, for a plan saved before plans kept one, none and no daily limit), so
    /// the same ids.
    fn rebuild(&self, stored: &debrief_store::Plan) -> Result<Plan, PracticeError> {
        let interview = Date::parse(&stored.interview_date).map_err(|e| {
            PracticeError::Invalid(format!("the saved interview date cannot be read: {e}"))
        })?;
        let level = Some(stored.level.as_str()).filter(|l| !l.is_empty());
        let groundwork = match &stored.groundwork_json {
            Some(json) => serde_json::from_str(json).map_err(|e| {
                PracticeError::Invalid(format!(
                    "what plan {} was made from cannot be read ({e}); it was saved by a newer \
                     debrief, or the data was edited",
                    stored.id
                ))
            })?,
            None => Groundwork::as_first_made(),
        };
        Ok(build_plan(
            self.catalog(),
            &stored.company,
            &stored.role,
            stored.track.as_deref(),
            level,
            self.clock().date_of(stored.created_at),
            interview,
            &groundwork,
        )?)
    }

    /// Every plan of `user`, newest first, each with its ticks counted.
    pub async fn plans(&self, user: UserId) -> Result<Vec<PlanSummary>, PracticeError> {
        let mut out = Vec::new();
        for p in self.store().plans(user.get()).await? {
            out.push(self.plan_summary(user, p).await?);
        }
        Ok(out)
    }

    /// One page of [`App::plans`] (only this page's plans are read and rebuilt).
    pub async fn plan_page(
        &self,
        user: UserId,
        request: PageRequest,
    ) -> Result<Page<PlanSummary>, PracticeError> {
        let page = self.store().plans_page(user.get(), request).await?;
        let mut items = Vec::with_capacity(page.items.len());
        for p in &page.items {
            items.push(self.plan_summary(user, p.clone()).await?);
        }
        Ok(page.with_items(items))
    }

    /// A stored plan as a list shows it: rebuilt, with its ticks counted.
    async fn plan_summary(
        &self,
        user: UserId,
        p: debrief_store::Plan,
    ) -> Result<PlanSummary, PracticeError> {
        let done = self.store().done_items(user.get(), p.id).await?.len();
        let plan = self.rebuild(&p).map_err(|e| e.to_string());
        Ok(PlanSummary {
            id: PlanId::new(p.id),
            company: p.company,
            role: p.role,
            track: p.track,
            level: p.level,
            interview_date: p.interview_date,
            done,
            plan,
        })
    }

    /// Plan `id` of `user`, rebuilt, with its ticks.
    pub async fn plan(&self, user: UserId, id: PlanId) -> Result<SavedPlan, PracticeError> {
        let stored =
            self.store()
                .plan(user.get(), id.get())
                .await?
                .ok_or(PracticeError::Missing {
                    what: PlanId::WHAT,
                    id: id.get(),
                })?;
        let plan = self.rebuild(&stored)?;
        let done = self.store().done_items(user.get(), id.get()).await?;
        Ok(SavedPlan {
            id,
            plan,
            done,
            created_at: stored.created_at,
        })
    }

    /// Ticks item `item` of plan `id` off (or on again when `done` is false); the item must be
    /// one of the plan's.
    pub async fn tick(
        &self,
        user: UserId,
        id: PlanId,
        item: &str,
        done: bool,
    ) -> Result<SavedPlan, PracticeError> {
        let saved = self.plan(user, id).await?;
        if saved.plan.item(item).is_none() {
            return Err(PracticeError::Invalid(format!(
                "plan {id} has no item `{item}`"
            )));
        }
        let now = self.clock().now();
        self.store()
            .set_item_done(user.get(), id.get(), item, done, now)
            .await?;
        self.plan(user, id).await
    }
}
