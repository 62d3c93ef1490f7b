//! Amazon's Leadership Principles: `GET /lp` lists them, `GET /lp/{id}` shows one with its PM
//! and PMM proof, the loops that weigh it and questions that probe it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use debrief_pack::{Principle, QuestionQuery};

use crate::AppState;
use crate::error::PageError;
use crate::params::{href, loop_href, role_label};
use crate::ui::views::all_principles;
use crate::ui::{Link, Meta, Names, QuestionCard, sentence};

/// Questions listed on a principle's page before the link to the rest.
const LP_QUESTIONS: usize = 6;

#[derive(Template, WebTemplate)]
#[template(path = "lp_index.html")]
pub(crate) struct PrinciplesPage<'a> {
    meta: Meta,
    principles: Vec<&'a Principle>,
}

/// `GET /lp`.
pub(crate) async fn principles(State(state): State<AppState>) -> Response {
    PrinciplesPage {
        meta: Meta::new("Leadership Principles", "lp"),
        principles: state.catalog.principles(),
    }
    .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "lp.html")]
pub(crate) struct PrinciplePage<'a> {
    meta: Meta,
    principle: &'a Principle,
    cards: Vec<QuestionCard<'a>>,
    total: usize,
    all_href: String,
    /// Loops that weigh this principle, heaviest first, with the loop-wide weight.
    loops: Vec<Link>,
    prev: Option<Link>,
    next: Option<Link>,
}

/// `GET /lp/{id}`.
pub(crate) async fn principle(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let principle = catalog.principle(&id).map_err(|e| {
        PageError::new(
            StatusCode::NOT_FOUND,
            "No such Leadership Principle",
            sentence(&e.to_string()),
        )
        .choices("The Leadership Principles", all_principles(catalog))
    })?;
    let names = Names::new(catalog);
    let hits = catalog.find_questions(&QuestionQuery {
        principle: Some(principle.id.clone()),
        ..Default::default()
    });
    let mut loops: Vec<(u32, Link)> = catalog
        .loops()
        .iter()
        .filter_map(|l| {
            let weight = l
                .principle_weights()
                .into_iter()
                .find(|w| w.id == principle.id)?
                .weight;
            let company = catalog
                .company(&l.company)
                .map_or(l.company.as_str(), |c| c.name.as_str());
            let role = role_label(&l.role);
            let link = Link::new(
                format!("{company} · {role}"),
                loop_href(&l.company, &l.role, None),
            )
            .note(format!("weight {weight} across the loop"));
            Some((weight, link))
        })
        .collect();
    loops.sort_by_key(|l| std::cmp::Reverse(l.0));
    let ordered = catalog.principles();
    let at = ordered
        .iter()
        .position(|p| p.id == principle.id)
        .unwrap_or(0);
    let link = |p: &Principle| Link::new(p.name.clone(), format!("/lp/{}", p.id));
    Ok(PrinciplePage {
        meta: Meta::new(principle.name.clone(), "lp"),
        principle,
        cards: QuestionCard::from_hits(&hits[..hits.len().min(LP_QUESTIONS)], &names),
        total: hits.len(),
        all_href: href("/questions", &[("lp", &principle.id)]),
        loops: loops.into_iter().map(|(_, l)| l).collect(),
        prev: at
            .checked_sub(1)
            .and_then(|i| ordered.get(i))
            .map(|p| link(p)),
        next: ordered.get(at + 1).map(|p| link(p)),
    }
    .into_response())
}
