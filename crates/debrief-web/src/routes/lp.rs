//! Each company's principles: Amazon's Leadership Principles, Google's hiring attributes,
//! Meta's interview competencies. `GET /lp?company=` lists one company's (the target's when
//! not asked), `GET /lp/{id}` shows one with its PM and PMM proof, the loops that weigh it and
//! questions that probe it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use debrief_coach::mock::upper_first;
use debrief_pack::{Company, Principle, QuestionQuery, track_label};

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::error::PageError;
use crate::params::{Params, href, role_label, track_loop_href};
use crate::ui::views::all_principles;
use crate::ui::{Link, Meta, Names, QuestionCard, sentence};

/// Questions listed on a principle's page before the link to the rest.
const LP_QUESTIONS: usize = 6;

#[derive(Template, WebTemplate)]
#[template(path = "lp_index.html")]
pub(crate) struct PrinciplesPage<'a> {
    meta: Meta,
    /// "Google's hiring attributes".
    title: String,
    company: &'a Company,
    principles: Vec<&'a Principle>,
    /// The other companies' lists.
    others: Vec<Link>,
}

/// `GET /lp?company=`: the company asked for, else the target loop's.
pub(crate) async fn principles(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let id = match params.get("company") {
        Some(c) => c.to_owned(),
        None => state.app.target_loop(user.user_id()).await?.company,
    };
    let company = catalog.company(&id).map_err(|e| {
        PageError::new(
            StatusCode::BAD_REQUEST,
            "No such company",
            sentence(&e.to_string()),
        )
        .choices("Companies", company_links(catalog.companies()))
    })?;
    let title = format!("{}'s {}", company.name, company.principles_noun());
    let others = company_links(catalog.companies())
        .into_iter()
        .zip(catalog.companies())
        .filter(|(_, c)| c.id != company.id)
        .map(|(l, _)| l)
        .collect();
    Ok(PrinciplesPage {
        meta: Meta::new(title.clone(), "lp"),
        title,
        company,
        principles: catalog.principles_of(&company.id),
        others,
    }
    .into_response())
}

/// A link to each company's list: "Google's hiring attributes".
fn company_links(companies: &[Company]) -> Vec<Link> {
    companies
        .iter()
        .map(|c| {
            Link::new(
                format!("{}'s {}", c.name, c.principles_noun()),
                href("/lp", &[("company", &c.id)]),
            )
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "lp.html")]
pub(crate) struct PrinciplePage<'a> {
    meta: Meta,
    principle: &'a Principle,
    /// Whose it is.
    company: &'a Company,
    /// "Leadership Principle 12", "Hiring attribute 4".
    eyebrow: String,
    /// "Leadership Principles", "Hiring attributes": the crumb back to the company's list.
    list_title: String,
    list_href: String,
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
            "No such principle or competency",
            sentence(&e.to_string()),
        )
        .choices("Every company's", all_principles(catalog))
    })?;
    // Content is validated, so the company exists.
    let company = catalog.company(&principle.company).map_err(|e| {
        PageError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The content is inconsistent",
            sentence(&e.to_string()),
        )
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
            let role = match &l.track {
                Some(t) => format!("{} ({})", role_label(&l.role), track_label(t)),
                None => role_label(&l.role).to_owned(),
            };
            let link = Link::new(
                format!("{company} · {role}"),
                track_loop_href(&l.company, &l.role, l.track.as_deref(), None),
            )
            .note(format!("weight {weight} across the loop"));
            Some((weight, link))
        })
        .collect();
    loops.sort_by_key(|l| std::cmp::Reverse(l.0));
    // Earlier and later ones of the same company.
    let ordered = catalog.principles_of(&company.id);
    let at = ordered
        .iter()
        .position(|p| p.id == principle.id)
        .unwrap_or(0);
    let link = |p: &Principle| Link::new(p.name.clone(), format!("/lp/{}", p.id));
    Ok(PrinciplePage {
        meta: Meta::new(principle.name.clone(), "lp"),
        principle,
        company,
        eyebrow: format!(
            "{} {}",
            upper_first(company.principle_noun()),
            principle.number
        ),
        list_title: upper_first(company.principles_noun()),
        list_href: href("/lp", &[("company", &company.id)]),
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
