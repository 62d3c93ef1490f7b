//! HTML pages. Each handler reads its parameters, asks the catalog, and hands a view model to
//! an askama template; askama escapes every value, so user text is never rendered as markup.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use debrief_pack::{
    Catalog, DIFFICULTIES, Elimination, Level, LoopView, Principle, QuestionQuery, Role,
    RoleProfile, RoundView,
};
use debrief_practice::Subject;

use crate::AppState;
use crate::assets::VERSION;
use crate::guard::page_context;
use crate::params::{Params, QuestionFilters, href, loop_href, role_label};
use crate::user::{CurrentUser, end_of_day, now};
use crate::views::{
    Link, Names, QuestionCard, SpanRow, Trouble, all_loops, all_principles, loop_questions_href,
    loop_trouble, sentence, timeline_rows,
};

/// Results per page of the question bank.
const PER_PAGE: usize = 20;
/// Questions listed on a principle's page before the link to the rest.
const LP_QUESTIONS: usize = 6;

/// What the base layout needs from every page.
pub(crate) struct Meta {
    /// The `<title>`, before " · debrief".
    pub title: String,
    /// The nav item to mark current: "practice", "loops", "questions", "lp", "stories", "fit",
    /// "plan", "mock", "progress" or "".
    pub active: &'static str,
    /// The asset fingerprint for cache busting.
    pub version: &'static str,
    /// The request's CSRF token: `base.html` writes it into `<meta name="csrf-token">` and
    /// every POST form into a hidden field (`csrf_field` in `macros.html`).
    pub csrf: String,
    /// Who is signed in (multi-user mode), shown in the header with a sign-out button.
    pub account: Option<String>,
}

impl Meta {
    /// The layout data of a page of the current request: the token and the account come from
    /// the guard (see `guard::page_context`), so no handler passes them by hand.
    pub(crate) fn new(title: impl Into<String>, active: &'static str) -> Meta {
        let context = page_context();
        Meta {
            title: title.into(),
            active,
            version: VERSION,
            csrf: context.csrf,
            account: context.account,
        }
    }
}

/// A company with the levels it hires at, for the home form.
pub(crate) struct CompanyLevels<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub levels: Vec<&'a Level>,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub(crate) struct HomePage<'a> {
    meta: Meta,
    companies: Vec<CompanyLevels<'a>>,
    roles: &'a [RoleProfile],
    loops: Vec<Link>,
    question_count: usize,
    principle_count: usize,
    /// Preselected so one click shows a loop.
    default_company: &'a str,
    default_level: &'a str,
    /// The review queue: what is due today.
    today: Vec<TodayRow>,
    /// What falls due tomorrow (names), so a weak answer shows where it will come back.
    tomorrow: Vec<String>,
    /// Why the queue could not be read, if it could not (the rest of the page still shows).
    today_error: String,
}

/// One entry of the "Today" queue on the home page.
pub(crate) struct TodayRow {
    /// What to practise: a round kind or a Leadership Principle, by name.
    pub subject: String,
    /// "Round kind" or "Leadership Principle".
    pub kind: &'static str,
    /// Why it is due, in a sentence.
    pub reason: String,
    /// A question to answer now: the Practice page with it picked, and its text.
    pub question: Option<(String, String)>,
}

/// How many due areas the home page lists.
const TODAY_ITEMS: usize = 6;

/// The candidate's "Today" queue and the names of what falls due tomorrow, or why they could
/// not be read.
async fn today_rows(
    state: &AppState,
    user: CurrentUser,
) -> Result<(Vec<TodayRow>, Vec<String>), String> {
    let at = now();
    let tonight = end_of_day(at);
    let tomorrow_night = end_of_day(tonight.saturating_add(1));
    let queue = debrief_practice::queue(
        &state.store,
        &state.catalog,
        user.id,
        at,
        tonight,
        tomorrow_night,
        TODAY_ITEMS,
    )
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "today queue unreadable");
        sentence(&e.to_string())
    })?;
    let tomorrow = queue
        .tomorrow
        .iter()
        .map(|i| i.subject.name().to_owned())
        .collect();
    let today = queue
        .today
        .into_iter()
        .map(|item| TodayRow {
            subject: item.subject.name().to_owned(),
            kind: match item.subject {
                Subject::RoundKind { .. } => "Round kind",
                Subject::Principle { .. } => "Leadership Principle",
            },
            reason: item.reason,
            // The question brings its company, role and round to the Practice page.
            question: item
                .question
                .map(|(id, text, _)| (href("/practice", &[("question", &id)]), text)),
        })
        .collect();
    Ok((today, tomorrow))
}

/// `GET /`.
pub(crate) async fn home(State(state): State<AppState>, user: CurrentUser) -> Response {
    let ((today, tomorrow), today_error) = match today_rows(&state, user).await {
        Ok(rows) => (rows, String::new()),
        Err(message) => ((Vec::new(), Vec::new()), message),
    };
    let catalog = &state.catalog;
    let companies: Vec<CompanyLevels<'_>> = catalog
        .companies()
        .iter()
        .map(|c| CompanyLevels {
            id: &c.id,
            name: &c.name,
            levels: catalog.levels_of(&c.id).collect(),
        })
        .collect();
    let default_company = companies.first().map_or("", |c| c.id);
    let default_level = companies
        .first()
        .and_then(|c| c.levels.iter().find(|l| l.id == "l5").or(c.levels.first()))
        .map_or("", |l| l.id.as_str());
    HomePage {
        meta: Meta::new("Know the loop before you walk in", "loops"),
        roles: catalog.roles(),
        loops: all_loops(catalog),
        question_count: catalog.questions().len(),
        principle_count: catalog.principles().len(),
        default_company,
        default_level,
        companies,
        today,
        tomorrow,
        today_error,
    }
    .into_response()
}

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
    timeline: Vec<SpanRow<'a>>,
    /// Scale ticks: (days, percent along the axis).
    ticks: Vec<(u32, u32)>,
    /// Known elimination points with the title of their round.
    eliminations: Vec<(&'a str, &'a Elimination)>,
    questions_href: String,
    /// Heaviest loop-wide principle weight, for scaling bars.
    max_weight: u32,
    /// Competencies scored across the loop (Google, Meta), with how many rounds score each.
    competencies: Vec<Link>,
}

impl LoopPage<'_> {
    /// Width of a weight bar, in percent of the heaviest.
    fn bar(&self, weight: &u32) -> u32 {
        (weight * 100)
            .checked_div(self.max_weight)
            .unwrap_or(0)
            .max(4)
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
                ("round", &round.round.kind),
            ],
        )
    }

    /// The Practice page set to this loop.
    fn loop_practice(&self) -> String {
        href(
            "/practice",
            &[("company", &self.view.company.id), ("role", self.role.id())],
        )
    }

    fn level_title(&self) -> &str {
        self.view.level.map_or("", |l| l.title_for(self.role))
    }
}

/// `GET /loop?company=&role=&level=`: what the home form submits.
pub(crate) async fn loop_query(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Response {
    let (Some(company), Some(role)) = (params.get("company"), params.get("role")) else {
        let trouble = Trouble {
            status: StatusCode::BAD_REQUEST,
            heading: "Pick a loop".into(),
            message: "Choose a company and a role to see the loop, for example Amazon and PMM."
                .into(),
            choices_heading: "Loops in the content pack".into(),
            choices: all_loops(&state.catalog),
        };
        return error_page(trouble);
    };
    render_loop(&state.catalog, company, role, params.get("level"))
}

/// `GET /loops/{company}/{role}?level=`: the same page at a readable address.
pub(crate) async fn loop_path(
    State(state): State<AppState>,
    Path((company, role)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> Response {
    render_loop(&state.catalog, &company, &role, params.get("level"))
}

fn render_loop(catalog: &Catalog, company: &str, role: &str, level: Option<&str>) -> Response {
    let view = match catalog.loop_view(company, role, level) {
        Ok(view) => view,
        Err(e) => return error_page(loop_trouble(catalog, &e, company, role)),
    };
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
                loop_href(company_id, role.id(), Some(&l.id)),
            )
            .note(l.title_for(role).to_owned());
            link.current = Some(l.id.as_str()) == level_id;
            link
        })
        .collect();
    let mut all = Link::new("All levels", loop_href(company_id, role.id(), None));
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
    let title = match view.level {
        Some(l) => format!("{} {} loop, {}", view.company.name, role.label(), l.name),
        None => format!("{} {} loop", view.company.name, role.label()),
    };
    LoopPage {
        meta: Meta::new(title, "loops"),
        role,
        levels,
        other_role,
        timeline,
        ticks,
        eliminations,
        questions_href: loop_questions_href(company_id, role.id()),
        competencies,
        max_weight: view
            .principle_weights
            .iter()
            .map(|p| p.weight)
            .max()
            .unwrap_or(0),
        view,
    }
    .into_response()
}

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
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
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
pub(crate) async fn principle(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let catalog = &state.catalog;
    let principle = match catalog.principle(&id) {
        Ok(p) => p,
        Err(e) => {
            return error_page(Trouble {
                status: StatusCode::NOT_FOUND,
                heading: "No such Leadership Principle".into(),
                message: sentence(&e.to_string()),
                choices_heading: "The Leadership Principles".into(),
                choices: all_principles(catalog),
            });
        }
    };
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
    PrinciplePage {
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
    .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
pub(crate) struct ErrorPage {
    meta: Meta,
    trouble: Trouble,
}

pub(crate) fn error_page(trouble: Trouble) -> Response {
    let status = trouble.status;
    (
        status,
        ErrorPage {
            meta: Meta::new(trouble.heading.clone(), ""),
            trouble,
        },
    )
        .into_response()
}

/// Any other path: a 404 page that points back into the app.
pub(crate) async fn not_found(State(state): State<AppState>) -> Response {
    let mut choices = vec![
        Link::new("Pick a loop", "/").note("Company, role and level"),
        Link::new("Question bank", "/questions")
            .note(format!("{} questions", state.catalog.questions().len())),
        Link::new("Leadership Principles", "/lp").note("PM and PMM proof"),
    ];
    choices.extend(all_loops(&state.catalog));
    error_page(Trouble {
        status: StatusCode::NOT_FOUND,
        heading: "Page not found".into(),
        message: "There is no page at this address. These are good places to start.".into(),
        choices_heading: "Where to go".into(),
        choices,
    })
}
