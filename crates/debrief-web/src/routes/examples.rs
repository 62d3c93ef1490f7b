//! Model answers: `GET /examples?role=&round=`, annotated strong and weak answers for a round
//! kind and role, each with the grader's read of it. The workflow (checking the filters,
//! grading each answer against its question) is `debrief_practice::graded_examples`, shared
//! with `debrief examples`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use debrief_practice::{PracticeError, graded_examples};

use crate::AppState;
use crate::params::{Params, href, role_label};
use crate::respond::form_status;
use crate::ui::{Link, Meta, sentence};

/// One model answer as the page shows it.
pub(crate) struct ExampleView {
    pub id: String,
    pub strong: bool,
    pub kind_name: String,
    pub role: String,
    pub question: String,
    pub practice_href: String,
    /// The answer's paragraphs.
    pub paragraphs: Vec<String>,
    pub notes: Vec<String>,
    pub score: u32,
    pub rating: &'static str,
    pub rating_id: &'static str,
    /// Whether the grader's rating contradicts the label.
    pub disagrees: bool,
    /// What the grader flagged: (message, the words it points at, or empty for the whole answer).
    pub findings: Vec<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "examples.html")]
pub(crate) struct ExamplesPage {
    meta: Meta,
    /// One link per role and round kind that has examples, the shown one current.
    filters: Vec<Link>,
    examples: Vec<ExampleView>,
    heading: String,
    errors: Vec<String>,
}

/// `GET /examples?role=&round=`.
pub(crate) async fn examples(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Response {
    let catalog = &state.catalog;
    let role = params.get("role").filter(|r| !r.trim().is_empty());
    let round = params.get("round").filter(|k| !k.trim().is_empty());
    let mut errors = Vec::new();
    let graded = match graded_examples(&state.grader, role, round) {
        Ok(g) => g,
        Err(PracticeError::Lookup(e)) => {
            errors.push(sentence(&e.to_string()));
            Vec::new()
        }
        Err(e) => {
            tracing::error!(error = %e, "grading a model answer");
            errors.push("A model answer could not be graded; try again.".to_owned());
            Vec::new()
        }
    };
    let mut pairs: Vec<(&str, &str)> = catalog
        .examples()
        .iter()
        .map(|e| (e.role.as_str(), e.round.as_str()))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let kind_name = |k: &str| {
        catalog
            .round_kind(k)
            .map_or_else(|_| k.to_owned(), |x| x.name.clone())
    };
    let filters = pairs
        .into_iter()
        .map(|(r, k)| {
            let mut link = Link::new(
                format!("{} · {}", kind_name(k), role_label(r)),
                href("/examples", &[("role", r), ("round", k)]),
            );
            link.current = role == Some(r) && round == Some(k);
            link
        })
        .collect();
    let heading = match (role, round) {
        (Some(r), Some(k)) => format!(
            "Model answers: {}, {}",
            kind_name(k),
            role_label(&r.to_ascii_lowercase())
        ),
        _ => "Model answers".to_owned(),
    };
    let examples = graded
        .iter()
        .map(|e| ExampleView {
            id: e.id.to_owned(),
            strong: e.label == "strong",
            kind_name: kind_name(e.round),
            role: role_label(e.role).to_owned(),
            question: e.question.to_owned(),
            practice_href: href("/practice", &[("question", e.question_id)]),
            paragraphs: e
                .answer
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            notes: e.notes.to_vec(),
            score: e.score,
            rating: e.rating,
            rating_id: e.report.rating.id(),
            disagrees: e.grader_disagrees,
            findings: e
                .report
                .findings
                .iter()
                .filter(|f| f.severity >= debrief_grader::Severity::Warning)
                .map(|f| {
                    let whole = 2 * (f.end - f.start) > e.answer.len();
                    (
                        f.message.clone(),
                        if whole { String::new() } else { f.text.clone() },
                    )
                })
                .collect(),
        })
        .collect();
    let status = form_status(&errors);
    (
        status,
        ExamplesPage {
            meta: Meta::new(heading.clone(), "questions"),
            filters,
            examples,
            heading,
            errors,
        },
    )
        .into_response()
}
