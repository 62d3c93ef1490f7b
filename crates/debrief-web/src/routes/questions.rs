//! The question bank: `GET /questions` with filters, search and ranked results.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use debrief_pack::{Catalog, DIFFICULTIES};
use debrief_practice::PageRequest;

use crate::AppState;
use crate::params::{Params, QuestionFilters};
use crate::respond::form_status;
use crate::ui::pager::Pager;
use crate::ui::{Meta, Names, QuestionCard, sentence};

/// Results per page of the question bank.
const PER_PAGE: u64 = 20;

#[derive(Template, WebTemplate)]
#[template(path = "questions.html")]
pub(crate) struct QuestionsPage<'a> {
    meta: Meta,
    filters: QuestionFilters,
    errors: Vec<String>,
    cards: Vec<QuestionCard<'a>>,
    /// Where the cards sit among the matches, and links to the pages around.
    pager: Pager,
    clear: String,
    catalog: &'a Catalog,
    difficulties: [&'static str; 3],
    /// "“prcing” as “pricing”": search words read as another word of the bank.
    read_as: String,
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
    // The content's matches are in memory already: the page is a slice of them, clamped the
    // way the store clamps the lists it pages.
    let total = hits.len() as u64;
    let request = PageRequest::new(filters.page.number(), PER_PAGE);
    let start = usize::try_from(request.offset(total)).map_or(hits.len(), |s| s.min(hits.len()));
    let end = hits.len().min(start + PER_PAGE as usize);
    let shown = &hits[start..end];
    let pager = Pager::of(
        total,
        request.clamp(total),
        PER_PAGE,
        shown.len(),
        filters.page,
        "Pages of questions",
        |n| filters.href(n),
    );
    let title = if filters.q.is_empty() {
        "Question bank".to_owned()
    } else {
        format!("“{}” in the question bank", filters.q)
    };
    let read_as = if filters.q.trim().is_empty() {
        String::new()
    } else {
        catalog
            .search_corrections(&filters.q)
            .into_iter()
            .map(|(typed, as_word)| format!("“{typed}” as “{as_word}”"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let status = form_status(&errors);
    let page_view = QuestionsPage {
        read_as,
        meta: Meta::new(title, "questions"),
        errors,
        cards: QuestionCard::from_hits(shown, &names),
        pager,
        clear: "/questions".into(),
        catalog,
        difficulties: DIFFICULTIES,
        filters,
    };
    (status, page_view).into_response()
}
