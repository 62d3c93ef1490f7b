//! The Offers page: enter offers, keep them, and compare them year by year.
//!
//! - `GET /offers?compare=ID&compare=ID&stock_change=&leave_at=`: the form, the saved offers
//!   (the newest four compared when none are chosen) and the comparison: a year-by-year table
//!   per offer, the three summary figures side by side, a chart, and what leaving early keeps.
//! - `POST /offers`: checks the offer (every problem shown beside its field, the form kept as
//!   typed), saves it and shows the comparison with it.
//! - `POST /offers/{id}/delete`: deletes one.
//!
//! Reading what was typed and all the arithmetic are `debrief_practice::offers`, shared with
//! `debrief offer`; this file turns form fields into a draft and reports into views.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use debrief_offer::{Cents, HORIZON_YEARS, WorkedOffer};
use debrief_practice::offers::{
    FieldProblem, GrantDraft, MAX_COMPARED, OfferReport, SavedOfferDraft, comparison_notes,
    read_offer, work_out_offer,
};
use debrief_practice::{OfferDraft, Scenario};
use debrief_store::OfferId;

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::error::PageError;
use crate::params::{Params, href};
use crate::respond::form_status;
use crate::ui::paychart::{self, OfferChart, PARTS};
use crate::ui::{Choice, Meta, sentence};

/// Grant rows the form shows.
const GRANT_ROWS: usize = 3;
/// Sign-on years the form shows.
const SIGNON_YEARS: usize = 4;

/// A form input: its value as typed and the problem with it, if any.
#[derive(Default, Clone)]
pub(crate) struct Input {
    pub value: String,
    pub error: String,
}

/// One grant row of the form.
pub(crate) struct GrantInput {
    pub n: usize,
    pub amount: Input,
    pub schedules: Vec<Choice>,
    pub schedule_error: String,
    pub start: Input,
}

/// The form as typed.
pub(crate) struct OfferForm {
    pub name: Input,
    pub companies: Vec<Choice>,
    pub company_error: String,
    pub base: Input,
    pub raise: Input,
    pub signon: Vec<(usize, Input)>,
    pub bonus: Input,
    pub grants: Vec<GrantInput>,
}

/// One saved offer in the list.
pub(crate) struct SavedView {
    pub id: i64,
    pub name: String,
    pub summary: String,
    pub checked: bool,
}

/// One row of a year table.
pub(crate) struct YearRow {
    pub year: u32,
    pub base: String,
    pub signon: String,
    pub stock: String,
    pub bonus: String,
    pub total: String,
}

/// One offer worked out, as the page shows it.
pub(crate) struct OfferView {
    pub name: String,
    /// Which of the optional columns any year fills.
    pub has_signon: bool,
    pub has_stock: bool,
    pub has_bonus: bool,
    pub years: Vec<YearRow>,
    pub first_year: String,
    pub four_year_average: String,
    pub spread_evenly: String,
    pub one_time_cash: String,
    pub stock_after: String,
    pub back_loaded: String,
    pub flat_note: String,
    pub leaving: String,
}

/// A row of the side-by-side summary.
pub(crate) struct CompareRow {
    pub label: &'static str,
    pub hint: &'static str,
    pub values: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "offers.html")]
pub(crate) struct OffersPage {
    meta: Meta,
    form: OfferForm,
    errors: Vec<String>,
    saved: Vec<SavedView>,
    stock_change: Input,
    leave_at: Input,
    scenario_label: String,
    names: Vec<String>,
    compare: Vec<CompareRow>,
    notes: Vec<String>,
    offers: Vec<OfferView>,
    chart: Option<OfferChart>,
    parts: Vec<(&'static str, &'static str)>,
    max_compared: usize,
    pay_href: String,
}

fn money(c: Cents) -> String {
    if c.0 == 0 {
        "—".to_owned()
    } else {
        c.whole()
    }
}

fn scenario_label(w: &WorkedOffer) -> String {
    if w.stock_change.0 == 0 {
        "share price flat".to_owned()
    } else {
        let label = w.stock_change.percent_label();
        let sign = if w.stock_change.0 > 0 { "+" } else { "" };
        format!("share price {sign}{label} a year")
    }
}

fn offer_view(r: &OfferReport) -> OfferView {
    let w = r.main();
    let years = w
        .years
        .iter()
        .map(|y| YearRow {
            year: y.year,
            base: money(y.base),
            signon: money(y.signon),
            stock: money(y.stock),
            bonus: money(y.bonus),
            total: y.total.whole(),
        })
        .collect();
    let back_loaded = r.back_loaded_note().unwrap_or_default();
    let flat_note = r.flat_note().unwrap_or_default();
    let leaving = r.leaving_note().unwrap_or_default();
    OfferView {
        name: r.offer.name.clone(),
        has_signon: w.years.iter().any(|y| y.signon.0 != 0),
        has_stock: w.years.iter().any(|y| y.stock.0 != 0),
        has_bonus: w.years.iter().any(|y| y.bonus.0 != 0),
        years,
        first_year: w.first_year.whole(),
        four_year_average: w.four_year_average.whole(),
        spread_evenly: w.spread_evenly.whole(),
        one_time_cash: money(w.one_time_cash),
        stock_after: money(w.stock_after),
        back_loaded,
        flat_note,
        leaving,
    }
}

fn compare_rows(reports: &[OfferReport]) -> Vec<CompareRow> {
    let row = |label, hint, get: &dyn Fn(&WorkedOffer) -> Cents| CompareRow {
        label,
        hint,
        values: reports.iter().map(|r| get(r.main()).whole()).collect(),
    };
    let mut rows: Vec<CompareRow> = (0..HORIZON_YEARS as usize)
        .map(|i| CompareRow {
            label: ["Year 1", "Year 2", "Year 3", "Year 4"][i.min(3)],
            hint: "",
            values: reports
                .iter()
                .map(|r| {
                    r.main()
                        .years
                        .get(i)
                        .map(|y| y.total.whole())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    rows.push(row(
        "First-year pay",
        "what the first twelve months pay",
        &|w| w.first_year,
    ));
    rows.push(row(
        "Four-year average",
        "the offer's size over a typical grant",
        &|w| w.four_year_average,
    ));
    rows.push(row(
        "Spread evenly",
        "the salary-site figure: sign-on and grants divided evenly",
        &|w| w.spread_evenly,
    ));
    rows.push(row("One-time cash", "sign-on, not paid again", &|w| {
        w.one_time_cash
    }));
    if reports.iter().any(|r| r.leaving.is_some()) {
        rows.push(CompareRow {
            label: "Kept if leaving early",
            hint: "after repaying sign-on",
            values: reports
                .iter()
                .map(|r| r.leaving.map(|l| l.kept.whole()).unwrap_or_default())
                .collect(),
        });
    }
    rows
}

/// The form's fields as a draft.
fn draft_from(params: &Params) -> OfferDraft {
    let get = |k: &str| params.get(k).unwrap_or_default().to_owned();
    OfferDraft {
        name: get("name"),
        company: get("company"),
        base: get("base"),
        raise: get("raise"),
        signon: (1..=SIGNON_YEARS)
            .map(|i| get(&format!("signon{i}")))
            .collect(),
        bonus: get("bonus"),
        grants: (1..=GRANT_ROWS)
            .map(|i| GrantDraft {
                amount: get(&format!("grant{i}_amount")),
                schedule: get(&format!("grant{i}_schedule")),
                start_year: get(&format!("grant{i}_start")),
            })
            .collect(),
    }
}

/// The form showing `draft`, with each problem beside its field.
fn form_view(state: &AppState, draft: &OfferDraft, problems: &[FieldProblem]) -> OfferForm {
    let catalog = &state.catalog;
    let error = |field: &str| {
        problems
            .iter()
            .filter(|p| p.field == field)
            .map(|p| sentence(&p.message))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let input = |field: &str, value: &str| Input {
        value: value.to_owned(),
        error: error(field),
    };
    let mut companies = vec![Choice::new("", "Another company", &draft.company)];
    companies.extend(
        catalog
            .companies()
            .iter()
            .map(|c| Choice::new(c.id.clone(), c.name.clone(), &draft.company)),
    );
    let grants = (0..GRANT_ROWS)
        .map(|i| {
            let g = draft.grants.get(i).cloned().unwrap_or_default();
            let at = |f: &str| format!("grant[{}].{f}", i + 1);
            let mut schedules = vec![Choice::new("", "Choose a schedule", &g.schedule)];
            schedules.extend(catalog.vestings().iter().map(|v| {
                let years: Vec<String> = v.percent_by_year.iter().map(|p| format!("{p}")).collect();
                Choice::new(
                    v.id.clone(),
                    format!("{} ({}%)", v.name, years.join("/")),
                    &g.schedule,
                )
            }));
            GrantInput {
                n: i + 1,
                amount: input(&at("amount"), &g.amount),
                schedules,
                schedule_error: error(&at("schedule")),
                start: input(&at("start_year"), &g.start_year),
            }
        })
        .collect();
    OfferForm {
        name: input("name", &draft.name),
        companies,
        company_error: error("company"),
        base: input("base", &draft.base),
        raise: input("raise", &draft.raise),
        signon: (0..SIGNON_YEARS)
            .map(|i| {
                let value = draft.signon.get(i).map(String::as_str).unwrap_or("");
                (i + 1, input(&format!("signon[{}]", i + 1), value))
            })
            .collect(),
        bonus: input("bonus", &draft.bonus),
        grants,
    }
}

/// The page: the form, the saved offers, and the comparison of those chosen.
async fn render(
    state: &AppState,
    user: CurrentUser,
    draft: OfferDraft,
    problems: Vec<FieldProblem>,
    params: &Params,
) -> Result<Response, PageError> {
    let saved: Vec<SavedOfferDraft> = state.app.saved_offers(user.user_id()).await?;
    let chosen: Vec<i64> = params
        .all("compare")
        .filter_map(|v| v.parse().ok())
        .collect();
    // With none chosen, the newest ones are compared.
    let picked: Vec<&SavedOfferDraft> = if chosen.is_empty() {
        let skip = saved.len().saturating_sub(MAX_COMPARED);
        saved.iter().skip(skip).collect()
    } else {
        saved
            .iter()
            .filter(|s| chosen.contains(&s.id.get()))
            .take(MAX_COMPARED)
            .collect()
    };
    let scenario = Scenario {
        stock_change: params.get("stock_change").unwrap_or_default().to_owned(),
        leave_at_month: params.get("leave_at").unwrap_or_default().to_owned(),
    };
    let mut scenario_problems: Vec<FieldProblem> = Vec::new();
    let mut reports = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for s in &picked {
        match work_out_offer(&state.catalog, &s.draft, &scenario) {
            Ok(r) => reports.push(r),
            Err(e) => {
                for p in e.problems {
                    if p.field == "stock_change" || p.field == "leave_at_month" {
                        if !scenario_problems.contains(&p) {
                            scenario_problems.push(p);
                        }
                    } else {
                        // The content changed under a saved offer (a schedule removed).
                        errors.push(sentence(&format!("{}: {}", s.draft.name, p)));
                    }
                }
            }
        }
    }
    let scenario_error = |field: &str| {
        scenario_problems
            .iter()
            .filter(|p| p.field == field)
            .map(|p| sentence(&p.message))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !problems.is_empty() {
        errors.insert(
            0,
            "The offer was not saved: fix the fields marked below.".to_owned(),
        );
    }
    let worked: Vec<&WorkedOffer> = reports.iter().map(|r| r.main()).collect();
    let picked_ids: Vec<i64> = picked.iter().map(|s| s.id.get()).collect();
    let page = OffersPage {
        meta: Meta::new("Offers", "offers"),
        form: form_view(state, &draft, &problems),
        saved: saved
            .iter()
            .rev()
            .map(|s| SavedView {
                id: s.id.get(),
                name: s.draft.name.clone(),
                summary: read_offer(&state.catalog, &s.draft)
                    .map(|o| {
                        let w = o.work_out(debrief_offer::BasisPoints(0));
                        format!(
                            "first year {}, four-year average {}",
                            w.first_year.whole(),
                            w.four_year_average.whole()
                        )
                    })
                    .unwrap_or_else(|e| sentence(&e.to_string())),
                checked: picked_ids.contains(&s.id.get()),
            })
            .collect(),
        stock_change: Input {
            value: scenario.stock_change.clone(),
            error: scenario_error("stock_change"),
        },
        leave_at: Input {
            value: scenario.leave_at_month.clone(),
            error: scenario_error("leave_at_month"),
        },
        scenario_label: worked
            .first()
            .map(|w| scenario_label(w))
            .unwrap_or_default(),
        names: reports.iter().map(|r| r.offer.name.clone()).collect(),
        compare: if reports.len() > 1 {
            compare_rows(&reports)
        } else {
            Vec::new()
        },
        chart: paychart::offers(&worked),
        notes: comparison_notes(&reports),
        offers: reports.iter().map(offer_view).collect(),
        parts: PARTS.to_vec(),
        max_compared: MAX_COMPARED,
        pay_href: href("/pay", &[]),
        errors,
    };
    let status = form_status(&problems);
    Ok((status, page).into_response())
}

/// `GET /offers`.
pub(crate) async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let draft = OfferDraft {
        company: params
            .get("company")
            .unwrap_or_default()
            .to_ascii_lowercase(),
        ..OfferDraft::default()
    };
    render(&state, user, draft, Vec::new(), &params).await
}

/// `POST /offers`: saves the offer, or shows the form again with its problems.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let draft = draft_from(&params);
    match state.app.save_offer(user.user_id(), &draft).await? {
        Ok(_) => Ok(Redirect::to("/offers#compare").into_response()),
        Err(problems) => render(&state, user, draft, problems.problems, &Params::default()).await,
    }
}

/// `POST /offers/{id}/delete`.
pub(crate) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let not_found = || PageError::not_found("offer", "/offers", "Your offers");
    let id: OfferId = raw.parse().map_err(|_| not_found())?;
    state.app.delete_offer(user.user_id(), id).await?;
    Ok(Redirect::to("/offers").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_become_a_draft_in_order() {
        let params = Params::from_pairs(&[
            ("name", " Amazon PM L6 "),
            ("company", "amazon"),
            ("base", "150000"),
            ("signon1", "55000"),
            ("signon2", "45000"),
            ("grant1_amount", "150000"),
            ("grant1_schedule", "amazon"),
            ("grant2_amount", ""),
        ]);
        let d = draft_from(&params);
        assert_eq!(d.name, "Amazon PM L6");
        assert_eq!(d.signon, vec!["55000", "45000", "", ""]);
        assert_eq!(d.grants.len(), GRANT_ROWS);
        assert_eq!(d.grants[0].schedule, "amazon");
        assert_eq!(d.grants[1].amount, "");
    }
}
