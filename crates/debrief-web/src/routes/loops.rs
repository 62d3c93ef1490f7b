//! The loop explorer: `GET /loop?company=&role=&track=&level=` (what the home form submits) and
//! the same page at `GET /loops/{company}/{role}?track=&level=`: the rounds, their weights,
//! sources and timelines, the steps that are not interviews, and where to practise each round.
//! Without a track it is the role's own loop; a track (`pm-t`) is the track's own loop.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use debrief_pack::{Catalog, Elimination, LoopView, Role, RoundView, StageView, track_label};

use crate::AppState;
use crate::error::PageError;
use crate::params::{Params, href, loop_href, track_loop_href};
use crate::ui::views::{
    SpanRow, all_loops, guide_link, loop_questions_href, loop_trouble, timeline_rows,
};
use crate::ui::{Link, Meta};
use debrief_coach::mock::upper_first;

#[derive(Template, WebTemplate)]
#[template(path = "loop.html")]
pub(crate) struct LoopPage<'a> {
    meta: Meta,
    view: LoopView<'a>,
    role: Role,
    /// Level links; the current one is marked.
    levels: Vec<Link>,
    /// The same company and level for the other role, when that loop exists.
    other_role: Option<Link>,
    /// The company's other loops for this role, by track: the technical track from the plain
    /// loop, the plain loop from a track's.
    other_tracks: Vec<Link>,
    /// The loop's name: "Amazon PM (PM-T)".
    name: String,
    timeline: Vec<SpanRow<'a>>,
    /// Scale ticks: (days, percent along the axis).
    ticks: Vec<(u32, u32)>,
    /// Known elimination points with the title of their round.
    eliminations: Vec<(&'a str, &'a Elimination)>,
    questions_href: String,
    /// Heaviest loop-wide principle weight, for scaling bars.
    max_weight: u32,
    /// Free-text competencies scored across the loop, with how many rounds score each.
    competencies: Vec<Link>,
    /// What the rounds weight, in the company's word, as a heading: "Hiring attributes".
    nouns_head: String,
    /// The guides that walk through this loop.
    guides: Vec<Link>,
}

impl LoopPage<'_> {
    /// Width of a weight bar, in percent of the heaviest.
    fn bar(&self, weight: &u32) -> u32 {
        (weight * 100)
            .checked_div(self.max_weight)
            .unwrap_or(0)
            .max(4)
    }

    /// "after System design", or "after the loop" for a stage that follows the whole loop.
    fn stage_after(&self, stage: &StageView<'_>) -> String {
        match stage.after_round {
            Some(title) => format!("After {title}"),
            None => "After the loop".to_owned(),
        }
    }

    /// Where to practise one round: the bank filtered to this loop and the round's kind.
    fn round_questions(&self, round: &RoundView<'_>) -> String {
        href(
            "/questions",
            &[
                ("company", &self.view.company.id),
                ("role", self.role.id()),
                ("round", &round.round.kind),
            ],
        )
    }

    /// The Practice page set to this loop and the round's kind.
    fn round_practice(&self, round: &RoundView<'_>) -> String {
        href(
            "/practice",
            &[
                ("company", &self.view.company.id),
                ("role", self.role.id()),
                ("track", self.view.track.unwrap_or("")),
                ("round", &round.round.kind),
            ],
        )
    }

    /// The Practice page set to this loop.
    fn loop_practice(&self) -> String {
        href(
            "/practice",
            &[
                ("company", &self.view.company.id),
                ("role", self.role.id()),
                ("track", self.view.track.unwrap_or("")),
            ],
        )
    }

    fn level_title(&self) -> &str {
        self.view.level.map_or("", |l| l.title_for(self.role))
    }
}

/// `GET /loop?company=&role=&track=&level=`: what the home form submits.
pub(crate) async fn loop_query(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let (Some(company), Some(role)) = (params.get("company"), params.get("role")) else {
        return Err(PageError::new(
            StatusCode::BAD_REQUEST,
            "Pick a loop",
            "Choose a company and a role to see the loop, for example Amazon and PMM.",
        )
        .choices("Loops in the content pack", all_loops(&state.catalog)));
    };
    render_loop(
        &state.catalog,
        company,
        role,
        track(&params),
        params.get("level"),
    )
}

/// `GET /loops/{company}/{role}?track=&level=`: the same page at a readable address.
pub(crate) async fn loop_path(
    State(state): State<AppState>,
    Path((company, role)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    render_loop(
        &state.catalog,
        &company,
        &role,
        track(&params),
        params.get("level"),
    )
}

/// The track asked for; sent empty (the forms' "None") it is no track.
fn track(params: &Params) -> Option<&str> {
    params.get("track").filter(|t| !t.trim().is_empty())
}

fn render_loop(
    catalog: &Catalog,
    company: &str,
    role: &str,
    track: Option<&str>,
    level: Option<&str>,
) -> Result<Response, PageError> {
    let view = catalog
        .loop_view_on(company, role, track, level)
        .map_err(|e| loop_trouble(catalog, &e, company, role))?;
    // loop_view resolved the role, so this parse succeeds; Pm is only a type-level fallback.
    let role = Role::parse(&view.role.id).unwrap_or(Role::Pm);
    let company_id = view.company.id.as_str();
    let level_id = view.level.map(|l| l.id.as_str());
    let mut levels: Vec<Link> = view
        .levels
        .iter()
        .map(|l| {
            let mut link = Link::new(
                l.name.clone(),
                track_loop_href(company_id, role.id(), view.track, Some(&l.id)),
            )
            .note(l.title_for(role).to_owned());
            link.current = Some(l.id.as_str()) == level_id;
            link
        })
        .collect();
    let mut all = Link::new(
        "All levels",
        track_loop_href(company_id, role.id(), view.track, None),
    );
    all.current = level_id.is_none();
    levels.insert(0, all);
    let other = Role::ALL.into_iter().find(|r| *r != role).unwrap_or(role);
    let other_role = catalog
        .loops()
        .iter()
        .any(|l| l.company == company_id && l.role == other.id())
        .then(|| {
            // Keep the level only when the other loop hires at it.
            let keep = catalog.loop_view(company_id, other.id(), level_id).is_ok();
            let level = if keep { level_id } else { None };
            Link::new(
                format!("See the {} loop", other.label()),
                loop_href(company_id, other.id(), level),
            )
        });
    let other_tracks = view
        .other_tracks
        .iter()
        .map(|t| {
            // Keep the level only when that loop hires at it.
            let keep = catalog
                .loop_view_on(company_id, role.id(), *t, level_id)
                .is_ok();
            let level = if keep { level_id } else { None };
            let label = match t {
                Some(t) => format!(
                    "See the {} {} track loop",
                    view.company.name,
                    track_label(t)
                ),
                None => format!(
                    "See the {} {} loop without a track",
                    view.company.name,
                    role.label()
                ),
            };
            Link::new(label, track_loop_href(company_id, role.id(), *t, level))
        })
        .collect();
    let eliminations = view
        .eliminations
        .iter()
        .map(|e| {
            let title = view
                .rounds
                .iter()
                .find(|r| r.round.id == e.round)
                .map_or(e.round.as_str(), |r| r.round.title.as_str());
            (title, e)
        })
        .collect();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in view.rounds.iter().flat_map(|r| &r.round.competencies) {
        match counts.iter_mut().find(|(name, _)| name == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    // Most-scored first; the sort is stable, so ties keep loop order.
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let competencies = counts
        .into_iter()
        .map(|(name, n)| {
            Link::new(name, "").note(if n == 1 {
                "1 round".into()
            } else {
                format!("{n} rounds")
            })
        })
        .collect();
    let (timeline, ticks) = timeline_rows(&view);
    let name = view.name();
    let title = match view.level {
        Some(l) => format!("{name} loop, {}", l.name),
        None => format!("{name} loop"),
    };
    Ok(LoopPage {
        meta: Meta::new(title, "loops"),
        role,
        levels,
        other_role,
        other_tracks,
        name,
        timeline,
        ticks,
        eliminations,
        questions_href: loop_questions_href(company_id, role.id()),
        competencies,
        nouns_head: upper_first(view.company.principles_noun()),
        guides: catalog
            .guides_for_loop(view.id)
            .into_iter()
            .map(guide_link)
            .collect(),
        max_weight: view
            .principle_weights
            .iter()
            .map(|p| p.weight)
            .max()
            .unwrap_or(0),
        view,
    }
    .into_response())
}
