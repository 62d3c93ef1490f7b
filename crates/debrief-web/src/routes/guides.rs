//! Guides: `GET /guides` lists them (the general ones first, then one per loop, company by
//! company) and `GET /guides/{id}` shows one: its sections with every citation linked to its
//! source, where to practise for the loops it walks through, and the questions it suggests.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use debrief_pack::{Catalog, Guide, Inline, inline};

use crate::AppState;
use crate::error::PageError;
use crate::params::{href, loop_href, role_label};
use crate::ui::views::{all_guides, guide_link, loop_questions_href};
use crate::ui::{Link, Meta, Names, QuestionCard, sentence};

/// A guide as the list shows it.
pub(crate) struct GuideCard<'a> {
    href: String,
    title: &'a str,
    summary: &'a str,
    /// "Amazon · PM · 4 min read".
    about: String,
}

impl<'a> GuideCard<'a> {
    fn new(catalog: &Catalog, guide: &'a Guide) -> GuideCard<'a> {
        GuideCard {
            href: format!("/guides/{}", guide.id),
            title: &guide.title,
            summary: &guide.summary,
            about: about(catalog, guide),
        }
    }
}

/// What a guide is about and how long it takes: "Amazon · PM · 4 min read"; a guide about
/// every company leaves the company out.
fn about(catalog: &Catalog, guide: &Guide) -> String {
    let mut parts: Vec<String> = guide
        .companies
        .iter()
        .map(|c| catalog.company(c).map_or(c.clone(), |c| c.name.clone()))
        .collect();
    let roles: Vec<&str> = guide.roles.iter().map(|r| role_label(r)).collect();
    parts.push(roles.join(" and "));
    parts.push(format!("{} min read", guide.reading_minutes()));
    parts.join(" · ")
}

#[derive(Template, WebTemplate)]
#[template(path = "guides.html")]
pub(crate) struct GuidesPage<'a> {
    meta: Meta,
    /// Guides about no one loop.
    general: Vec<GuideCard<'a>>,
    /// Loop guides by company, in the companies' order: (company name, its guides).
    companies: Vec<(&'a str, Vec<GuideCard<'a>>)>,
}

/// `GET /guides`.
pub(crate) async fn list(State(state): State<AppState>) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let general = catalog
        .general_guides()
        .into_iter()
        .map(|g| GuideCard::new(catalog, g))
        .collect();
    let companies = catalog
        .companies()
        .iter()
        .map(|c| {
            let cards: Vec<GuideCard<'_>> = catalog
                .guides()
                .iter()
                .filter(|g| g.is_loop_guide() && g.companies.contains(&c.id))
                .map(|g| GuideCard::new(catalog, g))
                .collect();
            (c.name.as_str(), cards)
        })
        .filter(|(_, cards)| !cards.is_empty())
        .collect();
    Ok(GuidesPage {
        meta: Meta::new("Guides", "guides"),
        general,
        companies,
    }
    .into_response())
}

/// A piece of a paragraph: text, or the number of the source it cites.
pub(crate) struct Piece<'a> {
    text: &'a str,
    cite: Option<usize>,
}

/// A paragraph or point as pieces; the template escapes every text piece. A citation sits
/// against the word it follows ("five interviews[1]"), as printed citations do, so the space
/// written before it in the content is dropped.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece<'_>> = Vec::new();
    for p in inline(text) {
        match p {
            Inline::Text(text) => out.push(Piece { text, cite: None }),
            Inline::Cite(n) => {
                if let Some(last) = out.last_mut().filter(|l| l.cite.is_none()) {
                    last.text = last.text.trim_end();
                }
                out.push(Piece {
                    text: "",
                    cite: Some(n),
                });
            }
        }
    }
    out
}

/// One section, ready to render.
pub(crate) struct SectionView<'a> {
    /// The fragment the page's contents link to.
    anchor: String,
    heading: &'a str,
    paragraphs: Vec<Vec<Piece<'a>>>,
    points: Vec<Vec<Piece<'a>>>,
}

/// One numbered source.
pub(crate) struct SourceView<'a> {
    number: usize,
    title: &'a str,
    /// Where it opens: the page, or the loop page for a loop's sources.
    href: String,
    /// The address as shown, for a page; empty for a loop.
    url: &'a str,
    /// "2026-06", "undated; accessed 2026-12-04"; empty for a loop.
    date: String,
}

/// Where to go from a loop guide for one loop it walks through.
pub(crate) struct LoopLinks {
    /// "Amazon PM loop".
    name: String,
    links: Vec<Link>,
}

#[derive(Template, WebTemplate)]
#[template(path = "guide.html")]
pub(crate) struct GuidePage<'a> {
    meta: Meta,
    guide: &'a Guide,
    about: String,
    sections: Vec<SectionView<'a>>,
    sources: Vec<SourceView<'a>>,
    loops: Vec<LoopLinks>,
    cards: Vec<QuestionCard<'a>>,
    /// Other guides worth reading next.
    related: Vec<Link>,
}

/// `GET /guides/{id}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let guide = catalog.guide(&id).map_err(|e| {
        PageError::new(
            StatusCode::NOT_FOUND,
            "No such guide",
            sentence(&e.to_string()),
        )
        .choices("Guides", all_guides(catalog))
    })?;
    let sections = guide
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| SectionView {
            anchor: format!("section-{}", i + 1),
            heading: &s.heading,
            paragraphs: s.paragraphs.iter().map(|p| pieces(p)).collect(),
            points: s.points.iter().map(|p| pieces(p)).collect(),
        })
        .collect();
    let sources = guide
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (href, url) = match &s.loop_id {
                Some(id) => (loop_page(catalog, id), ""),
                None => (s.url.clone(), s.url.as_str()),
            };
            SourceView {
                number: i + 1,
                title: &s.title,
                href,
                url,
                date: s.date_label(),
            }
        })
        .collect();
    let names = Names::new(catalog);
    let cards = guide
        .questions
        .iter()
        .filter_map(|q| catalog.question(q))
        .map(|q| QuestionCard::new(q, &names))
        .collect();
    Ok(GuidePage {
        meta: Meta::new(guide.title.clone(), "guides"),
        about: about(catalog, guide),
        sections,
        sources,
        loops: guide
            .loops
            .iter()
            .filter_map(|l| loop_links(catalog, l))
            .collect(),
        cards,
        related: related(catalog, guide),
        guide,
    }
    .into_response())
}

/// The loop page of a loop id (content is validated, so the loop exists).
fn loop_page(catalog: &Catalog, id: &str) -> String {
    catalog
        .loops()
        .iter()
        .find(|l| l.id == id)
        .map_or_else(|| "/".to_owned(), |l| loop_href(&l.company, &l.role, None))
}

/// The loop page, the Practice page, the question bank and the mock form, each set to the loop.
fn loop_links(catalog: &Catalog, id: &str) -> Option<LoopLinks> {
    let l = catalog.loops().iter().find(|l| l.id == id)?;
    let company = catalog
        .company(&l.company)
        .map_or(l.company.as_str(), |c| c.name.as_str());
    let role = role_label(&l.role);
    let set = [("company", l.company.as_str()), ("role", l.role.as_str())];
    Some(LoopLinks {
        name: format!("{company} {role} loop"),
        links: vec![
            Link::new(
                "The loop: rounds, weights and sources",
                loop_href(&l.company, &l.role, None),
            ),
            Link::new("Practice an answer for this loop", href("/practice", &set)),
            Link::new(
                "Questions for this loop",
                loop_questions_href(&l.company, &l.role),
            ),
            Link::new("Start a mock loop", href("/mock", &set)),
        ],
    })
}

/// What to read next: for a loop guide, the general guides and the other role's guide at the
/// same company; for a general guide, the fit diagnostic and every loop guide.
fn related(catalog: &Catalog, guide: &Guide) -> Vec<Link> {
    if !guide.is_loop_guide() {
        let mut links = vec![
            Link::new("The PM or PMM fit diagnostic", "/fit")
                .note("Situations, your wins and your answers, read for which role they point to"),
        ];
        links.extend(
            catalog
                .guides()
                .iter()
                .filter(|g| g.is_loop_guide())
                .map(guide_link),
        );
        return links;
    }
    catalog
        .guides()
        .iter()
        .filter(|g| g.id != guide.id)
        .filter(|g| !g.is_loop_guide() || g.companies.iter().any(|c| guide.companies.contains(c)))
        .map(guide_link)
        .collect()
}
