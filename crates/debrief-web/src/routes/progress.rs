//! `GET /progress?page=`: the graded answers (Practice and mock loops) and the documents
//! checked in artifact drills, newest first, [`HISTORY_PER_PAGE`] a page (`App::history_page`),
//! readiness per round kind and per artifact kind drilled, and plots of score per round kind,
//! Leadership Principle, rubric dimension and artifact kind over time. A drill's row links to
//! its report; a round or artifact kind the content no longer has is shown by its id.
//!
//! The figures are `App::progress`, the very value `debrief progress --json` prints (and
//! `GET /api/progress` returns): readiness over the round kinds of the newest mock loop, else
//! every kind answered, and the plots over every answer. The plots are inline SVG drawn on the
//! server (`ui/plots.rs`), so the page needs no JavaScript; past a number of answers a dot
//! stands for a run of them, so they stay the same size as the history grows.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use debrief_coach::progress::{Readiness, Status, artifact_of};
use debrief_pack::{Catalog, Rating};
use debrief_practice::{ArtifactSummary, PageRequest, ReadinessScope, history};

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::error::PageError;
use crate::params::{PageParam, Params, href, page_value};
use crate::ui::pager::Pager;
use crate::ui::plots::{Chart, XAxis};
use crate::ui::{Meta, Names};

/// Graded answers per page of the history, newest first.
pub(crate) const HISTORY_PER_PAGE: u64 = 50;

/// One graded answer in the history table.
pub(crate) struct HistoryRow {
    pub date: String,
    /// "Practice", "Mock loop" or "Artifact drill".
    pub source: &'static str,
    /// The mock it was answered in, while the mock exists, or the drill's report.
    pub href: Option<String>,
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
    /// A page of the history, and where it sits in the whole.
    rows: Vec<HistoryRow>,
    pager: Pager,
    readiness: Vec<ReadyRow>,
    /// Readiness per artifact kind drilled.
    artifacts: Vec<ReadyRow>,
    /// Which round kinds readiness covers, in a sentence.
    readiness_note: String,
    bar: u32,
    charts: Vec<(Chart, &'static str)>,
    /// The x-axis choices: (label, link, current).
    axis_links: Vec<(&'static str, String, bool)>,
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

/// What a drill's history row says it answered: its prompt while the content has it, else
/// that it was on a topic of the candidate's own.
fn drill_prompt(catalog: &Catalog, kind: Option<&str>, summary_json: &str) -> String {
    let prompt = ArtifactSummary::read(summary_json).and_then(|s| s.prompt);
    kind.and_then(|k| catalog.artifact_kind(k).ok())
        .zip(prompt)
        .and_then(|(k, p)| catalog.artifact_prompt(k, &p).ok())
        .map_or_else(
            || "A document on a topic of your own".to_owned(),
            |p| p.text.clone(),
        )
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
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let names = Names::new(catalog);
    let progress = state.app.progress(user.user_id()).await?;
    let clock = state.app.clock();
    let asked = PageParam::read(&params, "page");
    let history = state
        .app
        .history_page(
            user.user_id(),
            PageRequest::new(asked.number(), HISTORY_PER_PAGE),
        )
        .await?;
    let pager = Pager::new(&history, asked, "Pages of your history", |n| {
        format!(
            "{}#history-title",
            href("/progress", &[("page", &page_value(n))])
        )
    });

    let rows = history
        .items
        .iter()
        .map(|a| {
            let drill = artifact_of(&a.round_kind).filter(|_| a.source == "artifact");
            let question = match a.question_id.as_deref().and_then(|q| catalog.question(q)) {
                Some(q) => q.text.clone(),
                None if drill.is_some() => drill_prompt(catalog, drill, &a.summary_json),
                None if a.source == "mock" => "A follow-up in a mock loop".to_owned(),
                None => "Your own question".to_owned(),
            };
            HistoryRow {
                date: clock.date_of(a.created_at).to_string(),
                source: match a.source.as_str() {
                    "mock" => "Mock loop",
                    "artifact" => "Artifact drill",
                    _ => "Practice",
                },
                // Deleting a mock clears its attempts' mock id, so an id here is a live mock.
                href: match drill {
                    Some(kind) => Some(format!("/artifacts/{kind}/attempts/{}", a.id)),
                    None => a.mock_id.map(|id| format!("/mock/{id}")),
                },
                kind_name: names.kind(&a.round_kind).to_owned(),
                question,
                score: a.score,
                rating: rating_of_id(&a.rating),
            }
        })
        .collect();

    let readiness_note = match &progress.scope {
        ReadinessScope::LatestMock {
            company_name,
            role,
            level_name,
        } => format!(
            "The round kinds of your latest mock loop, {company_name} {} at {level_name}.",
            role.label()
        ),
        ReadinessScope::Answered => {
            "Every round kind you have answered. Run a mock loop to see the kinds of its loop."
                .to_owned()
        }
    };
    let ready_row = |r: &Readiness| ReadyRow {
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
        next_step: r.next_step.clone(),
    };
    let readiness = progress.readiness.iter().map(ready_row).collect();
    let artifacts = progress.artifacts.iter().map(ready_row).collect();

    let series = &progress.series;
    let bar = progress.bar;
    // `?x=answer` plots each answer as its own step (a mock's answers share one day).
    let axis = if params.get("x") == Some("answer") {
        XAxis::Attempt
    } else {
        XAxis::Date
    };
    let axis_links = [
        ("Date", "", XAxis::Date),
        ("Answer", "answer", XAxis::Attempt),
    ]
    .into_iter()
    .map(|(label, value, a)| {
        let pairs: Vec<(&str, &str)> = if value.is_empty() {
            Vec::new()
        } else {
            vec![("x", value)]
        };
        (
            label,
            format!("{}#plots-title", href("/progress", &pairs)),
            a == axis,
        )
    })
    .collect();
    // Dimensions are named by the label the candidate read on the report, which differs by
    // rubric for a shared id: the newest answer's label wins. The summaries are read the one
    // way the application layer reads them.
    let summaries: Vec<_> = progress
        .attempts
        .iter()
        .map(|a| history::to_progress(a).summary)
        .collect();
    let labels: BTreeMap<&str, &str> = summaries
        .iter()
        .flat_map(|s| &s.dimensions)
        .map(|d| (d.id.as_str(), d.label.as_str()))
        .collect();
    // Dimension scores run 1-4, plotted as 0-100 (1 is 0, 4 is 100): "hire" (3) sits at 67.
    let dimension_bar = 67;
    // The answer plots come with the first answer; drills alone plot only their own line.
    let answered = progress
        .attempts
        .iter()
        .any(|a| artifact_of(&a.round_kind).is_none());
    let mut charts = if !answered {
        Vec::new()
    } else {
        vec![
            (
                Chart::new(
                    "Score by round kind",
                    &series.round_kinds,
                    |k| names.kind(k).to_owned(),
                    bar,
                    axis,
                ),
                "chart-kinds",
            ),
            (
                Chart::new(
                    "Score by Leadership Principle or competency",
                    &series.lps,
                    |k| names.principle(k).to_owned(),
                    bar,
                    axis,
                ),
                "chart-lps",
            ),
            (
                Chart::new(
                    "Rubric dimensions (1 to 4, shown as 0 to 100)",
                    &series.dimensions,
                    |k| labels.get(k).map_or(k, |l| *l).to_owned(),
                    dimension_bar,
                    axis,
                ),
                "chart-dims",
            ),
        ]
    };
    if !series.artifacts.is_empty() {
        charts.push((
            Chart::new(
                "Score by artifact drilled",
                &series.artifacts,
                |k| names.kind(k).to_owned(),
                bar,
                axis,
            ),
            "chart-artifacts",
        ));
    }
    Ok(ProgressPage {
        meta: Meta::new("Progress", "progress"),
        rows,
        pager,
        readiness,
        artifacts,
        readiness_note,
        bar,
        charts,
        axis_links,
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
