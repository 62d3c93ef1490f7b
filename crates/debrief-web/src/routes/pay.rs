//! The Pay page: PM against PMM pay at a company by level, every figure with its source, date
//! and whether other sources agree, the spread of sources as a chart, the company's vesting and
//! sign-on, and negotiation guidance.
//!
//! - `GET /pay?company=&role=&level=`: the company's table (the target loop's company when none
//!   is given: the profile's, else the newest plan's or mock's, else the default), filtered by
//!   role and level; plain links and a GET form, so it works without JavaScript.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use debrief_pack::paybook::pm_gap_label;
use debrief_pack::{Amount, PayRow, PayTable, Vesting};

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::error::PageError;
use crate::params::{Params, href};
use crate::ui::paychart::{self, SpreadChart, role_label};
use crate::ui::{Link, Meta, sentence};

/// A filter link with whether it is the current one.
pub(crate) struct Filter {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// One source's row.
pub(crate) struct RowView {
    pub role: &'static str,
    pub total: String,
    /// The parts the source gives: (label, figure).
    pub parts: Vec<(&'static str, String)>,
    pub source: String,
    pub url: String,
    pub as_of: String,
    pub backing: &'static str,
    pub note: String,
}

/// One level's rows.
pub(crate) struct LevelView {
    pub id: String,
    pub name: String,
    pub titles: String,
    /// PM against PMM as one source gives them both.
    pub gaps: Vec<String>,
    pub rows: Vec<RowView>,
}

/// A vesting schedule as the page shows it.
pub(crate) struct VestingView {
    pub name: String,
    pub years: String,
    pub about: String,
    pub source: String,
    pub url: String,
    pub as_of: String,
    pub backing: &'static str,
}

/// The sign-on pattern as the page shows it.
pub(crate) struct SignOnView {
    pub about: String,
    pub source: String,
    pub url: String,
    pub as_of: String,
    pub backing: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "pay.html")]
pub(crate) struct PayPage {
    meta: Meta,
    company_name: String,
    companies: Vec<Filter>,
    roles: Vec<Filter>,
    levels: Vec<Filter>,
    table: Vec<LevelView>,
    chart: Option<SpreadChart>,
    vesting: Vec<VestingView>,
    signon: Option<SignOnView>,
    tips: Vec<(String, String)>,
    offers_href: String,
}

fn figure(a: Option<Amount>) -> String {
    a.map(Amount::label).unwrap_or_else(|| "—".to_owned())
}

fn backing(sources: &str) -> &'static str {
    if sources == "many" {
        "several sources agree"
    } else {
        "one source"
    }
}

fn vesting_view(v: &Vesting) -> VestingView {
    let years: Vec<String> = v
        .percent_by_year
        .iter()
        .zip(&v.vests_per_year)
        .enumerate()
        .map(|(i, (p, n))| {
            let how = match n {
                1 => "once".to_owned(),
                2 => "every six months".to_owned(),
                4 => "quarterly".to_owned(),
                12 => "monthly".to_owned(),
                n => format!("in {n} vests"),
            };
            format!("year {}: {p}% {how}", i + 1)
        })
        .collect();
    VestingView {
        name: v.name.clone(),
        years: years.join(" · "),
        about: v.about.clone(),
        source: v.source.clone(),
        url: v.url.clone(),
        as_of: v.as_of.clone(),
        backing: backing(&v.sources),
    }
}

/// "PM $320K against PMM $290K (PM 10% more), Levels.fyi via ..., 2025-Q2".
pub(crate) fn gap_line(pm: &PayRow, pmm: &PayRow) -> String {
    let gap = pm_gap_label(pm, pmm);
    format!(
        "PM {} against PMM {}{gap}, one source: {}, {}",
        figure(pm.total),
        figure(pmm.total),
        pm.source,
        pm.as_of
    )
}

fn level_views(table: &PayTable<'_>) -> Vec<LevelView> {
    table
        .levels
        .iter()
        .map(|l| LevelView {
            id: l.level.id.clone(),
            name: l.level.name.clone(),
            titles: format!("{} · {}", l.level.pm_title, l.level.pmm_title),
            gaps: l
                .pm_against_pmm()
                .into_iter()
                .map(|(pm, pmm)| gap_line(pm, pmm))
                .collect(),
            rows: l
                .rows
                .iter()
                .map(|r| RowView {
                    role: role_label(&r.role),
                    total: figure(r.total),
                    parts: [
                        ("Base", r.base),
                        ("Stock a year", r.stock),
                        ("Bonus", r.bonus),
                        ("Sign-on", r.signon),
                    ]
                    .into_iter()
                    .filter_map(|(label, a)| a.map(|a| (label, a.label())))
                    .collect(),
                    source: r.source.clone(),
                    url: r.url.clone(),
                    as_of: r.as_of.clone(),
                    backing: backing(&r.sources),
                    note: r.note.clone(),
                })
                .collect(),
        })
        .collect()
}

/// `GET /pay?company=&role=&level=`: the company asked for, else the target loop's.
pub(crate) async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    // Without a company asked for, the target's (the profile's, else the newest plan's...):
    // both roles stay shown, since the page compares them.
    let company = match params.get("company") {
        Some(c) => c.to_owned(),
        None => state.app.target_loop(user.user_id()).await?.company,
    };
    let role = params.get("role");
    let level = params.get("level");
    let table = catalog.pay_table(&company, role, level).map_err(|e| {
        let links = catalog
            .companies()
            .iter()
            .map(|c| Link::new(c.name.clone(), href("/pay", &[("company", &c.id)])))
            .collect();
        PageError::new(
            StatusCode::NOT_FOUND,
            "No pay figures for that choice",
            sentence(&e.to_string()),
        )
        .choices("Pay by company", links)
    })?;
    let id = table.company.id.clone();
    let role_now = table.role.unwrap_or("");
    let level_now = level.unwrap_or("").to_ascii_lowercase();
    let keep = |r: &str, l: &str| {
        let mut pairs = vec![("company", id.as_str())];
        if !r.is_empty() {
            pairs.push(("role", r));
        }
        if !l.is_empty() {
            pairs.push(("level", l));
        }
        href("/pay", &pairs)
    };
    let companies = catalog
        .companies()
        .iter()
        .map(|c| Filter {
            label: c.name.clone(),
            href: href("/pay", &[("company", &c.id)]),
            current: c.id == id,
        })
        .collect();
    let roles = [
        ("", "PM and PMM"),
        ("pm", "PM"),
        ("pmm", "PMM"),
        ("pm-t", "PM-T"),
    ]
    .into_iter()
    .filter(|(r, _)| {
        r.is_empty()
            || catalog
                .pack()
                .pay
                .iter()
                .any(|p| p.company == id && p.role == *r)
    })
    .map(|(r, label)| Filter {
        label: label.to_owned(),
        href: keep(r, &level_now),
        current: r == role_now,
    })
    .collect();
    let mut levels: Vec<Filter> = vec![Filter {
        label: "All levels".to_owned(),
        href: keep(role_now, ""),
        current: level_now.is_empty(),
    }];
    levels.extend(catalog.levels_of(&id).map(|l| Filter {
        label: l.name.clone(),
        href: keep(role_now, &l.id),
        current: l.id == level_now,
    }));
    let mut vesting: Vec<VestingView> = table.vesting.map(vesting_view).into_iter().collect();
    vesting.extend(table.other_vesting.iter().map(|v| vesting_view(v)));
    let page = PayPage {
        meta: Meta::new(format!("{} pay", table.company.name), "pay"),
        company_name: table.company.name.clone(),
        companies,
        roles,
        levels,
        chart: paychart::spread(&table),
        table: level_views(&table),
        vesting,
        signon: table.signon.map(|s| SignOnView {
            about: s.about.clone(),
            source: s.source.clone(),
            url: s.url.clone(),
            as_of: s.as_of.clone(),
            backing: backing(&s.sources),
        }),
        tips: catalog
            .negotiation()
            .iter()
            .map(|n| (n.title.clone(), n.text.clone()))
            .collect(),
        offers_href: href("/offers", &[("company", &id)]),
    };
    Ok(page.into_response())
}
