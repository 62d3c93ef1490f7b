//! `GET /progress`: every graded answer (Practice and mock loops), readiness per round kind, and
//! plots of score per round kind, Leadership Principle and rubric dimension over time.
//!
//! The figures come from `debrief_coach::progress` over the attempts the store keeps
//! (`debrief_practice::history`); the plots are inline SVG drawn on the server (`ui/plots.rs`), so
//! the page needs no JavaScript.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use debrief_coach::mock::MockPlan;
use debrief_coach::progress::{self, Status};
use debrief_pack::Rating;
use debrief_practice::history;

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::clock::day_of;
use crate::error::PageError;
use crate::ui::plots::Chart;
use crate::ui::{Meta, Names};

/// How many recent attempts in a round kind must be at the bar to call it ready.
const READY_WINDOW: usize = 2;
/// History rows shown, newest first.
const HISTORY_ROWS: usize = 100;

/// One graded answer in the history table.
pub(crate) struct HistoryRow {
    pub date: String,
    /// "Practice" or "Mock loop".
    pub source: &'static str,
    /// The mock it was answered in, while the mock exists.
    pub mock_href: Option<String>,
    pub kind_name: String,
    pub question: String,
    pub score: i64,
    pub rating: Option<Rating>,
}

/// Readiness in one round kind.
pub(crate) struct ReadyRow {
    pub kind_name: String,
    /// `ready`, `not-yet` or `untried`: the badge's class.
    pub status: &'static str,
    pub label: &'static str,
    pub attempts: usize,
    /// The most recent scores, newest first: "64, 58".
    pub recent: String,
    pub best: Option<u32>,
    pub next_step: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "progress.html")]
pub(crate) struct ProgressPage {
    meta: Meta,
    total: usize,
    rows: Vec<HistoryRow>,
    readiness: Vec<ReadyRow>,
    /// Which round kinds readiness covers, in a sentence.
    readiness_note: String,
    bar: u32,
    charts: Vec<(Chart, &'static str)>,
}

/// A rating stored as its id.
fn rating_of_id(id: &str) -> Option<Rating> {
    [
        Rating::StrongNoHire,
        Rating::NoHire,
        Rating::Hire,
        Rating::StrongHire,
    ]
    .into_iter()
    .find(|r| r.id() == id)
}

fn status_id(status: Status) -> &'static str {
    match status {
        Status::Ready => "ready",
        Status::NotYet => "not-yet",
        Status::Untried => "untried",
    }
}

/// `GET /progress`.
pub(crate) async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let names = Names::new(catalog);
    let stored = state.store.attempts(user.id).await?;
    let mocks = state.store.mocks(user.id).await?;
    let attempts: Vec<progress::Attempt> = stored.iter().map(history::to_progress).collect();
    let (bar, _) = history::thresholds(catalog);

    let rows = stored
        .iter()
        .rev()
        .take(HISTORY_ROWS)
        .map(|a| {
            let question = match a.question_id.as_deref().and_then(|q| catalog.question(q)) {
                Some(q) => q.text.clone(),
                None if a.source == "mock" => "A follow-up in a mock loop".to_owned(),
                None => "Your own question".to_owned(),
            };
            let mock = a.mock_id.filter(|id| mocks.iter().any(|m| m.id == *id));
            HistoryRow {
                date: day_of(a.created_at).to_string(),
                source: if a.source == "mock" {
                    "Mock loop"
                } else {
                    "Practice"
                },
                mock_href: mock.map(|id| format!("/mock/{id}")),
                kind_name: names.kind(&a.round_kind).to_owned(),
                question,
                score: a.score,
                rating: rating_of_id(&a.rating),
            }
        })
        .collect();

    // Readiness for the round kinds of the latest mock's loop; failing that, every kind tried.
    let latest = mocks
        .iter()
        .max_by_key(|m| (m.created_at, m.id))
        .and_then(|m| serde_json::from_str::<MockPlan>(&m.plan_json).ok());
    let (kinds, readiness_note): (Vec<String>, String) = match &latest {
        Some(plan) => {
            let mut kinds: Vec<String> = Vec::new();
            for r in &plan.rounds {
                if !kinds.contains(&r.kind) {
                    kinds.push(r.kind.clone());
                }
            }
            let note = format!(
                "The round kinds of your latest mock loop, {} {} at {}.",
                plan.company_name,
                plan.role.label(),
                plan.level_name
            );
            (kinds, note)
        }
        None => {
            let mut kinds: Vec<String> = Vec::new();
            for a in &stored {
                if !kinds.contains(&a.round_kind) {
                    kinds.push(a.round_kind.clone());
                }
            }
            (
                kinds,
                "Every round kind you have answered. Run a mock loop to see the kinds of its loop."
                    .to_owned(),
            )
        }
    };
    let kind_refs: Vec<&str> = kinds.iter().map(String::as_str).collect();
    let readiness = progress::readiness(&attempts, &kind_refs, bar, READY_WINDOW)
        .into_iter()
        .map(|r| ReadyRow {
            kind_name: names.kind(&r.round_kind).to_owned(),
            status: status_id(r.status),
            label: r.status.label(),
            attempts: r.attempts,
            recent: r
                .recent
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            best: r.best,
            next_step: r.next_step,
        })
        .collect();

    let series = progress::series(&attempts);
    // Dimensions are named by their label; ids differ by rubric but labels are what a
    // candidate reads on every report.
    let labels: BTreeMap<&str, &str> = attempts
        .iter()
        .flat_map(|a| &a.summary.dimensions)
        .map(|d| (d.id.as_str(), d.label.as_str()))
        .collect();
    // Dimension scores run 1-4, plotted as 0-100 (1 is 0, 4 is 100): "hire" (3) sits at 67.
    let dimension_bar = 67;
    let charts = if attempts.is_empty() {
        Vec::new()
    } else {
        vec![
            (
                Chart::new(
                    "Score by round kind",
                    &series.round_kinds,
                    |k| names.kind(k).to_owned(),
                    bar,
                ),
                "chart-kinds",
            ),
            (
                Chart::new(
                    "Score by Leadership Principle",
                    &series.lps,
                    |k| names.principle(k).to_owned(),
                    bar,
                ),
                "chart-lps",
            ),
            (
                Chart::new(
                    "Rubric dimensions (1 to 4, shown as 0 to 100)",
                    &series.dimensions,
                    |k| labels.get(k).map_or(k, |l| *l).to_owned(),
                    dimension_bar,
                ),
                "chart-dims",
            ),
        ]
    };
    Ok(ProgressPage {
        meta: Meta::new("Progress", "progress"),
        total: stored.len(),
        rows,
        readiness,
        readiness_note,
        bar,
        charts,
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_read_back_from_their_ids() {
        assert_eq!(rating_of_id("no-hire"), Some(Rating::NoHire));
        assert_eq!(rating_of_id("strong-hire"), Some(Rating::StrongHire));
        assert_eq!(rating_of_id("maybe"), None);
        assert_eq!(status_id(Status::NotYet), "not-yet");
    }
}
