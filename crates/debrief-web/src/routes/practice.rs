//! The Practice page: pick a question (or type one), write an answer, read the grader's report.
//!
//! `GET /practice` shows the form, preset from the query (`company`, `role`, `round`,
//! `question` as a bank id). `POST /practice` is the same form submitted with JavaScript off:
//! the server grades and renders the page with the report. With JavaScript on, the page's
//! script posts the same form to `POST /practice/report` as the candidate types and swaps in
//! what comes back: the report column alone, rendered from the same partial
//! (`templates/report.html`), so the report is never drawn in the browser.
//!
//! Answers never travel in a URL (they are private stories), so the report only comes from a
//! POST. A POST of the page that grades also records the attempt in the candidate's progress
//! history (`debrief_practice::record`: the progress plots and the review schedule) unless the
//! candidate unticked "Keep this answer in my progress history"; the live report keeps nothing.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use debrief_coach::progress::Source;
use debrief_grader::{GradeError, GradeRequest, Grader, Report};
use debrief_pack::{Catalog, Question, QuestionQuery, Role};

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::clock::now;
use crate::params::Params;
use crate::respond::form_status;
use crate::ui::picker::track_choices;
use crate::ui::report::{Piece, ReportPanel, ReportView};
use crate::ui::{Choice, Meta, Names, QuestionCard, sentence};

/// The form as the candidate filled it, kept verbatim so the page can show it again.
#[derive(Debug, Default)]
pub(crate) struct PracticeForm {
    pub company: String,
    pub role: String,
    /// A track within the role (`pm-t`), whose own loop's rounds are on offer; empty for none.
    pub track: String,
    pub round: String,
    pub question_id: String,
    pub question: String,
    pub answer: String,
    pub transcript: bool,
    /// Keep the graded answer in the progress history (the checkbox, ticked by default).
    pub keep: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "practice.html")]
pub(crate) struct PracticePage<'a> {
    meta: Meta,
    form: PracticeForm,
    companies: Vec<Choice>,
    roles: Vec<Choice>,
    tracks: Vec<Choice>,
    rounds: Vec<Choice>,
    questions: Vec<Choice>,
    /// Says what the question list holds.
    question_hint: String,
    /// The bank question picked, shown above the answer.
    prompt: Option<QuestionCard<'a>>,
    /// The report column: `templates/report.html`.
    panel: ReportPanel<'a>,
    /// What to record when the answer was graded and is to be kept.
    graded: Option<Kept>,
}

/// The report column alone, the answer of `POST /practice/report`. The template is only the
/// include, so the column is rendered by the very same code as inside the page.
#[derive(Template, WebTemplate)]
#[template(source = "{% include \"report.html\" %}", ext = "html")]
pub(crate) struct ReportFragment<'a> {
    panel: ReportPanel<'a>,
}

/// A graded answer, with what the history records beside it.
struct Kept {
    report: Report,
    question_id: Option<String>,
    lps: Vec<String>,
    company: Option<String>,
}

/// What the handlers read from a query or a form.
struct Input {
    form: PracticeForm,
    /// Whether to grade the answer: a POST, unless it only updates the question list and
    /// there is no answer yet. An empty answer to grade is an error.
    grade: bool,
    /// Which of company, role and round the chosen bank question fills in: those a GET query
    /// left out. A key sent empty ("role=") is an explicit "any" and stays so.
    fill: [bool; 3],
}

impl Input {
    /// The form as posted (to the page or for the live report), and whether it only asks to
    /// update the question list.
    fn posted(params: &Params) -> (Input, bool) {
        let get = |k: &str| params.get(k).unwrap_or_default().to_owned();
        let lower = |k: &str| get(k).to_ascii_lowercase();
        let filter_only = params.get("action") == Some("filter");
        let form = PracticeForm {
            company: lower("company"),
            role: lower("role"),
            track: lower("track"),
            round: lower("round"),
            question_id: lower("question_id"),
            question: params.raw("question").unwrap_or_default().to_owned(),
            // Byte offsets in the report index this exact text, so it is never trimmed.
            answer: params.raw("answer").unwrap_or_default().to_owned(),
            transcript: params.get("transcript").is_some(),
            keep: params.get("keep").is_some(),
        };
        let input = Input {
            grade: !filter_only || !form.answer.trim().is_empty(),
            fill: [false; 3],
            form,
        };
        (input, filter_only)
    }
}

/// `GET /practice?company=&role=&track=&round=&question=`. With no question picked, a company or
/// role the query leaves out is the candidate's target loop's (`App::target_loop`, with its
/// track when the query names no company, role or track), as on the other forms; a key sent
/// empty is an explicit "any" and stays so.
pub(crate) async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Response {
    let get = |k: &str| params.get(k).unwrap_or_default().to_owned();
    let mut input = Input {
        form: PracticeForm {
            company: get("company").to_ascii_lowercase(),
            role: get("role").to_ascii_lowercase(),
            track: get("track").to_ascii_lowercase(),
            round: get("round").to_ascii_lowercase(),
            question_id: get("question").to_ascii_lowercase(),
            keep: true,
            ..PracticeForm::default()
        },
        grade: false,
        // The page's script sends every key, so its requests fill nothing in.
        fill: ["company", "role", "round"].map(|k| !params.has(k)),
    };
    let [fill_company, fill_role, _] = input.fill;
    if input.form.question_id.is_empty() && (fill_company || fill_role) {
        // The page works without the history: if it cannot be read, the content's defaults.
        let target = match state.app.target_loop(user.user_id()).await {
            Ok(t) => t,
            Err(e) => {
                tracing::error!(error = %e, "target loop unreadable");
                state.app.default_loop()
            }
        };
        if fill_company {
            input.form.company = target.company;
        }
        if fill_role {
            input.form.role = target.role.id().to_owned();
        }
        if fill_company && fill_role && !params.has("track") {
            input.form.track = target.track.unwrap_or_default();
        }
    }
    respond(build(&state.grader, input))
}

/// `POST /practice`: the form, urlencoded, as a browser with JavaScript off sends it (or with
/// it on, when the answer is to be kept). A graded answer is recorded in the history when the
/// form asks to keep it.
pub(crate) async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    form: Result<Form<Params>, FormRejection>,
) -> Response {
    let params = match form {
        Ok(Form(params)) => params,
        Err(rejection) => return rejected(&state.grader, &rejection).into_response(),
    };
    let (input, filter_only) = Input::posted(&params);
    let mut page = build(&state.grader, input);
    // "Update the question list" re-grades what is there but is no hand-in: nothing is kept.
    if page.form.keep
        && !filter_only
        && let Some(kept) = page.graded.take()
    {
        let graded = debrief_practice::Graded {
            source: Source::Practice,
            mock_id: None,
            question_id: kept.question_id.as_deref(),
            lps: &kept.lps,
            company: kept.company.as_deref(),
            answer: &page.form.answer,
            report: &kept.report,
        };
        match debrief_practice::record(&state.store, &state.catalog, user.user_id(), &graded, now())
            .await
        {
            Ok(_) => page.panel.saved = true,
            Err(e) => {
                // The report still shows; the details are for the log, not the page.
                tracing::error!(error = %e, "practice attempt not recorded");
                page.panel.save_error = "your history could not be reached just now. Grade the \
                                         answer again in a moment to keep it."
                    .to_owned();
            }
        }
    }
    respond(page)
}

/// `POST /practice/report`: the same form, graded, answered with the report column alone for
/// the page's script to swap in (400 with the mistakes in it when the request had any). It
/// keeps nothing: only a graded `POST /practice` records an answer.
pub(crate) async fn report(
    State(state): State<AppState>,
    form: Result<Form<Params>, FormRejection>,
) -> Response {
    let (status, page) = match form {
        Ok(Form(params)) => {
            let (mut input, _) = Input::posted(&params);
            input.grade = true;
            let page = build(&state.grader, input);
            (form_status(&page.panel.errors), page)
        }
        Err(rejection) => rejected(&state.grader, &rejection),
    };
    (status, ReportFragment { panel: page.panel }).into_response()
}

/// A body the form extractor refused: too large, or not a form. The page comes back empty
/// (the body was not read) with the reason.
fn rejected<'g>(grader: &'g Grader, rejection: &FormRejection) -> (StatusCode, PracticePage<'g>) {
    let status = rejection.status();
    let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "That answer is too large to grade: the limit is 1 MB (about 150,000 words). Go back to \
         keep your text, and grade one answer at a time."
            .to_owned()
    } else {
        format!(
            "The form could not be read ({}). Submit it from this page.",
            rejection.body_text()
        )
    };
    let input = Input {
        form: PracticeForm {
            keep: true,
            ..PracticeForm::default()
        },
        grade: false,
        fill: [false; 3],
    };
    let mut page = build(grader, input);
    page.panel.errors.push(message);
    (status, page)
}

/// The page, with 400 when the request had errors.
fn respond(page: PracticePage<'_>) -> Response {
    (form_status(&page.panel.errors), page).into_response()
}

/// Resolves the form against the catalog, grades when asked, and builds the page.
fn build(grader: &Grader, input: Input) -> PracticePage<'_> {
    let catalog = grader.catalog();
    let Input {
        mut form,
        grade,
        fill: [fill_company, fill_role, fill_round],
    } = input;
    let mut errors = Vec::new();

    let question = if form.question_id.is_empty() {
        None
    } else {
        match catalog.question(&form.question_id) {
            Some(q) => Some(q),
            None => {
                errors.push(format!(
                    "There is no question “{}” in the bank. Pick one from the list or type your \
                     own.",
                    form.question_id
                ));
                form.question_id.clear();
                None
            }
        }
    };
    if let Some(q) = question {
        if fill_company && let Some(c) = &q.company {
            form.company.clone_from(c);
        }
        if fill_role && let [only] = q.roles.as_slice() {
            form.role.clone_from(only);
        }
        if fill_round {
            form.round.clone_from(&q.round);
        }
    }

    let company = if form.company.is_empty() {
        None
    } else {
        match catalog.company(&form.company) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.push(sentence(&e.to_string()));
                form.company.clear();
                None
            }
        }
    };
    let role = if form.role.is_empty() {
        None
    } else {
        match catalog.role(&form.role) {
            Ok((role, _)) => Some(role),
            Err(e) => {
                errors.push(sentence(&e.to_string()));
                form.role.clear();
                None
            }
        }
    };
    // The rounds on offer: the loop's kinds when company and role (and the track, when one is
    // chosen) name a loop, else all.
    let track = Some(form.track.as_str()).filter(|t| !t.is_empty());
    let the_loop = match (company, role) {
        (Some(c), Some(r)) => match track {
            Some(t) => match catalog.loop_track(&c.id, r.id(), t) {
                Ok(t) => catalog.find_loop(&c.id, r, Some(&t)),
                Err(e) => {
                    errors.push(sentence(&e.to_string()));
                    form.track.clear();
                    catalog.find_loop(&c.id, r, None)
                }
            },
            None => catalog.find_loop(&c.id, r, None),
        },
        _ => None,
    };
    let mut kinds: Vec<&str> = Vec::new();
    match the_loop {
        Some(l) => {
            for r in &l.rounds {
                if !kinds.contains(&r.kind.as_str()) {
                    kinds.push(&r.kind);
                }
            }
        }
        None => kinds.extend(catalog.round_kinds().iter().map(|k| k.id.as_str())),
    }
    let round_ok = if form.round.is_empty() {
        true
    } else {
        match catalog.round_kind(&form.round) {
            Ok(k) => {
                form.round.clone_from(&k.id);
                true
            }
            Err(e) => {
                errors.push(sentence(&e.to_string()));
                false
            }
        }
    };
    if form.round.is_empty() || !round_ok {
        form.round = question
            .map(|q| q.round.as_str())
            .or_else(|| kinds.iter().copied().find(|k| *k == "behavioral"))
            .or_else(|| kinds.first().copied())
            .unwrap_or("behavioral")
            .to_owned();
    }
    // The chosen round stays on offer even when the loop has no such round.
    if let Ok(k) = catalog.round_kind(&form.round)
        && !kinds.contains(&k.id.as_str())
    {
        kinds.push(&k.id);
    }

    let names = Names::new(catalog);
    let rounds = kinds
        .iter()
        .map(|k| Choice::new(*k, names.kind(k), &form.round))
        .collect();
    let mut companies = vec![Choice::new("", "Any company", &form.company)];
    companies.extend(
        catalog
            .companies()
            .iter()
            .map(|c| Choice::new(c.id.clone(), c.name.clone(), &form.company)),
    );
    let mut roles = vec![Choice::new("", "Either role", &form.role)];
    // Short labels ("PMM"), as the rest of the app writes roles, fit beside the company.
    roles.extend(
        catalog
            .roles()
            .iter()
            .map(|r| Choice::new(r.id.clone(), r.short.clone(), &form.role)),
    );

    let hits = catalog.find_questions(&QuestionQuery {
        role,
        round: Some(form.round.clone()),
        company: company.map(|c| c.id.clone()),
        ..QuestionQuery::default()
    });
    let mut listed: Vec<&Question> = hits.iter().map(|h| h.question).collect();
    let count = listed.len();
    // The chosen question stays on the list even when the filters have moved on.
    if let Some(q) = question
        && !listed.iter().any(|l| l.id == q.id)
    {
        listed.insert(0, q);
    }
    let questions = listed
        .iter()
        .map(|q| Choice {
            round: q.round.clone(),
            ..Choice::new(q.id.clone(), q.text.clone(), &form.question_id)
        })
        .collect();
    let question_hint = question_hint(
        catalog,
        count,
        company.map(|c| c.name.as_str()),
        role,
        &form.round,
    );

    let mut report = None;
    let mut graded = None;
    if grade && errors.is_empty() {
        let question_text = match question {
            Some(q) => Some(q.text.clone()),
            None => Some(form.question.trim().to_owned()).filter(|t| !t.is_empty()),
        };
        let graded_report = catalog
            .round_kind(&form.round)
            .map_err(GradeError::from)
            .and_then(|kind| {
                grader.grade(&GradeRequest {
                    answer: form.answer.clone(),
                    role,
                    round: Some(kind.kind_id()),
                    question: question_text,
                    company: company.map(|c| c.id.clone()),
                    budget_seconds: None,
                    transcript: form.transcript,
                    follow_up: false,
                    principles: question.map(|q| q.principles.clone()).unwrap_or_default(),
                })
            });
        match graded_report {
            Ok(r) => {
                report = Some(ReportView::new(catalog, &r, &form.answer));
                graded = Some(Kept {
                    report: r,
                    question_id: question.map(|q| q.id.clone()),
                    lps: question.map(|q| q.principles.clone()).unwrap_or_default(),
                    company: company.map(|c| c.id.clone()),
                });
            }
            Err(e) => errors.push(sentence(&e.to_string())),
        }
    }

    PracticePage {
        meta: Meta::new("Practice an answer", "practice"),
        companies,
        roles,
        tracks: track_choices(catalog, &form.track),
        rounds,
        questions,
        question_hint,
        prompt: question.map(|q| QuestionCard::new(q, &names)),
        panel: ReportPanel {
            errors,
            report,
            saved: false,
            save_error: String::new(),
            grading: catalog.grading(),
        },
        graded,
        form,
    }
}

fn question_hint(
    catalog: &Catalog,
    count: usize,
    company: Option<&str>,
    role: Option<Role>,
    round: &str,
) -> String {
    let kind = catalog.round_kind(round).map_or(round, |k| k.name.as_str());
    let whose = match (company, role) {
        (Some(c), Some(r)) => format!(" for {c} {} candidates", r.label()),
        (Some(c), None) => format!(" for {c}"),
        (None, Some(r)) => format!(" for {} candidates", r.label()),
        (None, None) => String::new(),
    };
    let noun = if count == 1 { "question" } else { "questions" };
    format!("{count} {kind} {noun}{whose}.")
}
