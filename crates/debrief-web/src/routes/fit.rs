//! The fit diagnostic: PM or PMM, how sure, and why.
//!
//! - `GET /fit?result=&page=`: the questionnaire (radio groups per item, three optional wins),
//!   the result asked for (or the newest saved one) with its evidence item by item, and the
//!   saved results (date, recommendation, confidence), newest first, [`FITS_PER_PAGE`] a page,
//!   so progress shows over time.
//! - `POST /fit`: assesses the answers, saves the result and redirects to it. Mistakes show the
//!   form again with the answers kept.
//!
//! A PM or PMM result carries a "Make it my target" form that posts to `/profile/role`, unless
//! the role is already the saved profile's.
//!
//! Assessing, keeping and reading results back are the application layer's
//! (`App::assess_fit`, `fit_page`, `fit_result`, `latest_fit`, `practice_answers`), as for
//! `debrief fit`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use debrief_coach::fit::{FitAnswers, FitResult, SourceLean, WINS_ASKED};
use debrief_pack::Catalog;
use debrief_pack::{FitItem, FitOutcome};
use debrief_practice::{Clock, PageRequest, PracticeError};
use debrief_store::FitResultId;

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::error::PageError;
use crate::params::{PageParam, Params, href, page_value};
use crate::respond::form_status;
use crate::ui::pager::Pager;
use crate::ui::report::shorten;
use crate::ui::views::guide_link;
use crate::ui::{Link, Meta, sentence};

/// Saved results per page of the history.
pub(crate) const FITS_PER_PAGE: u64 = 20;

/// The form field of an item: its id, prefixed so it never meets another field's name.
fn field(item: &str) -> String {
    format!("item-{item}")
}

/// The questionnaire as the candidate filled it.
#[derive(Debug, Default, Clone)]
pub(crate) struct FitForm {
    /// (item id, option id) chosen.
    pub choices: Vec<(String, String)>,
    /// The wins, as typed (always [`WINS_ASKED`] of them).
    pub wins: Vec<String>,
}

impl FitForm {
    fn empty() -> FitForm {
        FitForm {
            choices: Vec::new(),
            wins: vec![String::new(); WINS_ASKED],
        }
    }

    fn from_result(result: &FitResult) -> FitForm {
        let mut wins: Vec<String> = result.wins.iter().map(|w| w.text.clone()).collect();
        wins.resize(WINS_ASKED.max(wins.len()), String::new());
        FitForm {
            choices: result
                .items
                .iter()
                .map(|i| (i.item.clone(), i.option.clone()))
                .collect(),
            wins,
        }
    }

    fn chosen(&self, item: &str, option: &str) -> bool {
        self.choices.iter().any(|(i, o)| i == item && o == option)
    }
}

/// An option as a radio button.
pub(crate) struct OptionView {
    pub id: String,
    pub text: String,
    pub checked: bool,
}

/// An item as a radio group.
pub(crate) struct ItemView {
    pub field: String,
    pub number: usize,
    pub prompt: String,
    pub options: Vec<OptionView>,
}

/// A saved result in the history list.
pub(crate) struct HistoryRow {
    pub href: String,
    pub date: String,
    pub outcome: &'static str,
    pub label: &'static str,
    pub confidence: u32,
    pub current: bool,
}

/// One source's lean.
pub(crate) struct SourceView {
    pub name: &'static str,
    pub count: String,
    pub lean: String,
    pub weight: u32,
    pub points_to: &'static str,
}

/// An answered item as evidence.
pub(crate) struct EvidenceView {
    pub prompt: String,
    pub choice: String,
    pub lean: &'static str,
    pub lean_class: &'static str,
    pub why: String,
}

/// A win, classified.
pub(crate) struct WinView {
    pub number: usize,
    pub text: String,
    pub class: &'static str,
    pub label: &'static str,
    pub pm_words: String,
    pub pmm_words: String,
}

/// A result as the page shows it.
pub(crate) struct ResultView {
    pub date: String,
    pub outcome: &'static str,
    pub label: &'static str,
    pub role_name: &'static str,
    pub confidence: u32,
    pub lean: String,
    /// The lean on a 0 (PMM) to 100 (PM) scale.
    pub lean_percent: u32,
    pub summary: String,
    pub answered: usize,
    pub total: usize,
    pub sources: Vec<SourceView>,
    pub items: Vec<EvidenceView>,
    pub wins: Vec<WinView>,
    pub next_steps: Vec<String>,
    pub to_add: Vec<String>,
    pub notes: Vec<String>,
}

fn percent(fraction: f64) -> u32 {
    if fraction.is_finite() {
        (fraction.clamp(0.0, 1.0) * 100.0).round() as u32
    } else {
        0
    }
}

fn role_name(outcome: FitOutcome) -> &'static str {
    match outcome {
        FitOutcome::Pm => "Product Manager",
        FitOutcome::Pmm => "Product Marketing Manager",
        FitOutcome::Unclear => "Not clear yet",
    }
}

fn item_lean(lean: i32) -> (&'static str, &'static str) {
    match lean {
        ..=-2 => ("Strong PMM", "pmm"),
        -1 => ("Leans PMM", "pmm"),
        0 => ("Neutral", "neutral"),
        1 => ("Leans PM", "pm"),
        _ => ("Strong PM", "pm"),
    }
}

fn source(name: &'static str, unit: &str, s: &Option<SourceLean>) -> Option<SourceView> {
    s.as_ref().map(|s| SourceView {
        name,
        count: format!("{} {unit}{}", s.count, if s.count == 1 { "" } else { "s" }),
        lean: format!("{:+.2}", s.lean),
        weight: percent(s.weight),
        points_to: s.points_to.label(),
    })
}

impl ResultView {
    fn new(clock: &Clock, result: &FitResult, created_at: i64) -> ResultView {
        let lean = if result.lean.is_finite() {
            result.lean.clamp(-1.0, 1.0)
        } else {
            0.0
        };
        ResultView {
            date: clock.date_of(created_at).to_string(),
            outcome: result.recommendation.id(),
            label: result.recommendation.label(),
            role_name: role_name(result.recommendation),
            confidence: percent(result.confidence),
            lean: format!("{lean:+.2}"),
            lean_percent: ((lean + 1.0) * 50.0).round() as u32,
            summary: result.summary.clone(),
            answered: result.items_answered,
            total: result.items_total,
            sources: [
                source("Questionnaire", "item", &result.sources.questionnaire),
                source("Your wins", "win", &result.sources.wins),
                source("Practice answers", "answer", &result.sources.practice),
            ]
            .into_iter()
            .flatten()
            .collect(),
            items: result
                .items
                .iter()
                .map(|i| {
                    let (lean, lean_class) = item_lean(i.lean);
                    EvidenceView {
                        prompt: i.prompt.clone(),
                        choice: i.choice.clone(),
                        lean,
                        lean_class,
                        why: i.why.clone(),
                    }
                })
                .collect(),
            wins: result
                .wins
                .iter()
                .map(|w| WinView {
                    number: w.number,
                    text: shorten(&w.text),
                    class: w.class.id(),
                    label: w.class.label(),
                    pm_words: w.pm_words.join(", "),
                    pmm_words: w.pmm_words.join(", "),
                })
                .collect(),
            next_steps: result.next_steps.clone(),
            to_add: result.to_add.clone(),
            notes: result.notes.clone(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "fit.html")]
pub(crate) struct FitPage {
    meta: Meta,
    items: Vec<ItemView>,
    wins: Vec<String>,
    result: Option<ResultView>,
    /// A page of the saved results, and where it sits among them.
    history: Vec<HistoryRow>,
    pager: Pager,
    errors: Vec<String>,
    /// Whether the result was just saved.
    saved: bool,
    /// The role of the candidate's saved profile (`pm`, `pmm`), else empty: the result's
    /// "Make it my target" button shows unless it is already the target.
    target_role: &'static str,
    /// Graded practice answers in the history the assessment can read (at most
    /// [`debrief_coach::fit::MAX_PRACTICE`]).
    practice_available: usize,
    /// The guides about no one loop (what separates the roles), linked from the page head.
    guides: Vec<Link>,
}

fn items(catalog: &Catalog, form: &FitForm) -> Vec<ItemView> {
    catalog
        .fit_items()
        .iter()
        .enumerate()
        .map(|(n, item): (usize, &FitItem)| ItemView {
            field: field(&item.id),
            number: n + 1,
            prompt: item.prompt.clone(),
            options: item
                .options
                .iter()
                .map(|o| OptionView {
                    id: o.id.clone(),
                    text: o.text.clone(),
                    checked: form.chosen(&item.id, &o.id),
                })
                .collect(),
        })
        .collect()
}

/// Builds the page: the form, the result shown (`shown`: a saved result's id, or the newest),
/// and the page `asked` of the history.
async fn render(
    state: &AppState,
    user: CurrentUser,
    form: Option<FitForm>,
    shown: Option<FitResultId>,
    asked: PageParam,
    errors: Vec<String>,
    saved: bool,
) -> Result<Response, PageError> {
    let app = &state.app;
    let uid = user.user_id();
    let page = app
        .fit_page(uid, PageRequest::new(asked.number(), FITS_PER_PAGE))
        .await?;
    let practice_available = app.practice_answers(uid).await?.len();
    let target_role = app.profile(uid).await?.map_or("", |p| p.role.id());
    // The result shown need not be on the page of the history shown.
    let current = match shown {
        Some(id) => app.fit_result(uid, id).await?,
        None if errors.is_empty() => app.latest_fit(uid).await?,
        None => None,
    };
    let form = form.unwrap_or_else(|| {
        current
            .as_ref()
            .map_or_else(FitForm::empty, |r| FitForm::from_result(&r.result))
    });
    // Links keep the result shown and the page of the history.
    let link = |result: Option<FitResultId>, page: u64, at: &str| {
        let result = result.map(|id| id.to_string()).unwrap_or_default();
        let query = [("result", result.as_str()), ("page", &page_value(page))];
        format!("{}#{at}", href("/fit", &query))
    };
    let pager = Pager::new(&page, asked, "Pages of your results", |n| {
        link(shown, n, "history-title")
    });
    let history = page
        .items
        .iter()
        .map(|r| HistoryRow {
            href: link(Some(r.id), page.page, "result"),
            date: app.clock().date_of(r.created_at).to_string(),
            outcome: r.result.recommendation.id(),
            label: r.result.recommendation.label(),
            confidence: percent(r.result.confidence),
            current: current.as_ref().is_some_and(|c| c.id == r.id),
        })
        .collect();
    let status = form_status(&errors);
    Ok((
        status,
        FitPage {
            meta: Meta::new("PM or PMM? The fit diagnostic", "fit"),
            items: items(&state.catalog, &form),
            wins: form.wins,
            result: current.map(|r| ResultView::new(app.clock(), &r.result, r.created_at)),
            history,
            pager,
            errors,
            practice_available,
            target_role,
            saved,
            guides: state
                .catalog
                .general_guides()
                .into_iter()
                .map(guide_link)
                .collect(),
        },
    )
        .into_response())
}

/// `GET /fit?result=`.
pub(crate) async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let shown = params.get("result").and_then(|r| r.parse().ok());
    let saved = params.get("saved").is_some();
    let asked = PageParam::read(&params, "page");
    render(&state, user, None, shown, asked, Vec::new(), saved).await
}

/// `POST /fit`: assess, save, and show the result.
pub(crate) async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let mut form = FitForm::empty();
    for item in catalog.fit_items() {
        if let Some(option) = params.get(&field(&item.id)) {
            form.choices.push((item.id.clone(), option.to_owned()));
        }
    }
    for (n, win) in form.wins.iter_mut().enumerate() {
        *win = params
            .raw(&format!("win{}", n + 1))
            .unwrap_or_default()
            .replace("\r\n", "\n");
    }
    let answers = FitAnswers {
        choices: form.choices.clone(),
        wins: form
            .wins
            .iter()
            .filter(|w| !w.trim().is_empty())
            .cloned()
            .collect(),
        practice: Vec::new(),
    };
    let with_practice = params.get("use_practice").is_some();
    match state
        .app
        .assess_fit(user.user_id(), answers, with_practice, true)
        .await
    {
        Ok(saved) => {
            Ok(Redirect::to(&format!("/fit?result={}&saved=1#result", saved.id)).into_response())
        }
        // Nothing answered, an option the questionnaire lacks: the form again, with the reason.
        Err(e @ (PracticeError::Invalid(_) | PracticeError::Fit(_))) => {
            let errors = vec![sentence(&e.to_string())];
            render(
                &state,
                user,
                Some(form),
                None,
                PageParam::Absent,
                errors,
                false,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
