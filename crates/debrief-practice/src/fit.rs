//! The PM-or-PMM fit diagnostic: assess a candidate's answers (and, if they want, their
//! latest practice answers), keep the result, and read the history back.

use debrief_coach::fit::{FitAnswers, FitResult, MAX_PRACTICE, assess};
use debrief_store::{FitResultId, UserId};
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
            .attempts(user.get())
            .await?
            .into_iter()
            .rev()
            .filter(|a| a.source == "practice")
            .map(|a| a.answer)
            .take(MAX_PRACTICE)
            .collect())
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
            .filter_map(|r| {
                let result = serde_json::from_str(&r.result_json).ok()?;
                Some(SavedFit {
                    id: FitResultId::new(r.id),
                    created_at: r.created_at,
                    result,
                })
            })
            .collect())
    }
}
