//! The question bank: `GET /questions` with filters, search and ranked results.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use debrief_pack::{Catalog, DIFFICULTIES};

use crate::AppState;
use crate::params::{Params, QuestionFilters};
use crate::respond::form_status;
use crate::ui::{Meta, Names, QuestionCard, sentence};

/// Results per page of the question bank.
const PER_PAGE: usize = 20;

#[derive(Template, WebTemplate)]
#[template(path = "questions.html")]
pub(crate) struct QuestionsPage<'a> {
    meta: Meta,
    filters: QuestionFilters,
    errors: Vec<String>,
    cards: Vec<QuestionCard<'a>>,
    /// Matches before paging.
    total: usize,
    /// 1-based index of the first card shown.
    first: usize,
    prev: Option<String>,
    next: Option<String>,
    clear: String,
    catalog: &'a Catalog,
    difficulties: [&'static str; 3],
}

impl QuestionsPage<'_> {
    fn last(&self) -> usize {
        self.first + self.cards.len() - 1
    }
}

/// `GET /questions`: filters, search and ranked results.
pub(crate) async fn questions(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Response {
    let catalog = &state.catalog;
    let filters = QuestionFilters::from_params(&params);
    let names = Names::new(catalog);
    let (query, errors) = match filters.resolve(catalog) {
        Ok(query) => (Some(query), Vec::new()),
        Err(errors) => (None, errors.iter().map(|e| sentence(e)).collect()),
    };
    let hits = query
        .as_ref()
        .map(|q| catalog.find_questions(q))
        .unwrap_or_default();
    let total = hits.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = filters.page.min(pages);
    let start = (page - 1) * PER_PAGE;
    let shown = &hits[start.min(total)..(start + PER_PAGE).min(total)];
    let title = if filters.q.is_empty() {
        "Question bank".to_owned()
    } else {
        format!("“{}” in the question bank", filters.q)
    };
    let status = form_status(&errors);
    let page_view = QuestionsPage {
        meta: Meta::new(title, "questions"),
        errors,
        cards: QuestionCard::from_hits(shown, &names),
        total,
        first: start + 1,
        prev: (page > 1).then(|| filters.href(page - 1)),
        next: (page < pages).then(|| filters.href(page + 1)),
        clear: "/questions".into(),
        catalog,
        difficulties: DIFFICULTIES,
        filters,
    };
    (status, page_view).into_response()
}
