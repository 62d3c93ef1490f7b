//! The PM-or-PMM fit diagnostic: assess a candidate's answers (and, if they want, their
//! latest practice answers), keep the result, and read the history back.

use debrief_coach::fit::{FitAnswers, FitResult, MAX_PRACTICE, assess};
use debrief_store::{FitResultId, Page, PageRequest, UserId};
use serde::Serialize;

use crate::PracticeError;
use crate::app::App;

/// A kept fit result.
#[derive(Debug, Clone, Serialize)]
pub struct SavedFit {
    /// Its id.
    pub id: FitResultId,
    /// When it was taken (unix seconds).
    pub created_at: i64,
    /// The result.
    pub result: FitResult,
}

impl App {
    /// The candidate's latest practice answers (newest first, at most the number the
    /// diagnostic reads), for the fit's third source.
    pub async fn practice_answers(&self, user: UserId) -> Result<Vec<String>, PracticeError> {
        Ok(self
            .store()
            .latest_practice_answers(user.get(), MAX_PRACTICE)
            .await?)
    }

    /// Assesses `answers`, adding the latest practice answers when `with_practice`, and keeps
    /// the result when `keep`.
    pub async fn assess_fit(
        &self,
        user: UserId,
        mut answers: FitAnswers,
        with_practice: bool,
        keep: bool,
    ) -> Result<SavedFit, PracticeError> {
        if with_practice {
            answers.practice = self.practice_answers(user).await?;
        }
        if answers.choices.is_empty() && answers.wins.is_empty() && answers.practice.is_empty() {
            return Err(PracticeError::Invalid(
                "answer at least one situation, or describe a win, to get a result; more \
                 answers give a surer one"
                    .to_owned(),
            ));
        }
        let result = assess(self.grader(), &answers)?;
        let created_at = self.clock().now();
        if !keep {
            return Ok(SavedFit {
                id: FitResultId::new(0),
                created_at,
                result,
            });
        }
        let json = serde_json::to_string(&result)?;
        let row = self.store().save_fit(user.get(), created_at, json).await?;
        Ok(SavedFit {
            id: FitResultId::new(row.id),
            created_at,
            result,
        })
    }

    /// Every kept fit result of `user`, newest first. A result saved by an older version that
    /// no longer reads is skipped.
    pub async fn fit_history(&self, user: UserId) -> Result<Vec<SavedFit>, PracticeError> {
        Ok(self
            .store()
            .fit_results(user.get())
            .await?
            .into_iter()
            .filter_map(read_fit)
            .collect())
    }

    /// One page of [`App::fit_history`]. A result that no longer reads is skipped, so a page
    /// may hold fewer than it could; `total` counts every kept result.
    pub async fn fit_page(
        &self,
        user: UserId,
        request: PageRequest,
    ) -> Result<Page<SavedFit>, PracticeError> {
        let page = self.store().fit_results_page(user.get(), request).await?;
        let items = page.items.iter().cloned().filter_map(read_fit).collect();
        Ok(page.with_items(items))
    }

    /// Kept fit result `id` of `user`, if it is theirs and still reads.
    pub async fn fit_result(
        &self,
        user: UserId,
        id: FitResultId,
    ) -> Result<Option<SavedFit>, PracticeError> {
        Ok(self
            .store()
            .fit_result(user.get(), id.get())
            .await?
            .and_then(read_fit))
    }

    /// The newest kept fit result of `user` that still reads.
    pub async fn latest_fit(&self, user: UserId) -> Result<Option<SavedFit>, PracticeError> {
        // The newest few are enough: a result stops reading only across versions.
        let page = self
            .fit_page(user, PageRequest::first(LATEST_FIT_WINDOW))
            .await?;
        Ok(page.items.into_iter().next())
    }
}

/// How many of the newest results [`App::latest_fit`] looks through for one that reads.
const LATEST_FIT_WINDOW: u64 = 10;

/// A stored result as a [`SavedFit`], unless it no longer reads.
fn read_fit(r: debrief_store::FitResult) -> Option<SavedFit> {
    let result = serde_json::from_str(&r.result_json).ok()?;
    Some(SavedFit {
        id: FitResultId::new(r.id),
        created_at: r.created_at,
        result,
    })
}
