//! What counts as the candidate's own: words and figures the question already gave earn
//! nothing, and a question judged on what it asks for is not measured on its words.

use std::sync::OnceLock;

use debrief_grader::{GradeRequest, Grader, Report};
use debrief_pack::Role;

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).unwrap_or_else(|e| panic!("{e}"));
        Grader::new(std::sync::Arc::new(catalog))
    })
}

/// `answer` graded for `role` in `round`, asked `question`.
fn grade_asked(answer: &str, role: Role, round: &str, question: &str) -> Report {
    let round = grader()
        .catalog()
        .round_kind_id(round)
        .unwrap_or_else(|e| panic!("{e}"));
    let request = GradeRequest {
        answer: answer.to_owned(),
        role: Some(role),
        round: Some(round),
        question: Some(question.to_owned()),
        ..Default::default()
    };
    grader().grade(&request).unwrap_or_else(|e| panic!("{e}"))
}

/// The question's own words said back earn no rubric evidence: a segment the question names
/// ("finance teams") is credited to an answer that names it unasked, not to one that repeats it.
#[test]
fn the_questions_own_words_said_back_are_no_evidence() {
    let answer = "The core message for finance teams is that month-end closes two days sooner, \
                  because receipts match themselves.";
    let quoted = |report: &Report| -> Vec<String> {
        report
            .dimensions
            .iter()
            .flat_map(|d| d.evidence.iter().map(|e| e.text.to_lowercase()))
            .collect()
    };
    let unasked = grade_asked(
        answer,
        Role::Pmm,
        "messaging",
        "Write the core message for our new expense app.",
    );
    assert!(
        quoted(&unasked).iter().any(|q| q == "finance teams"),
        "{:?}",
        quoted(&unasked)
    );
    let asked = grade_asked(
        answer,
        Role::Pmm,
        "messaging",
        "Write the core message for our new expense app for finance teams.",
    );
    assert!(
        !quoted(&asked).iter().any(|q| q == "finance teams"),
        "{:?}",
        quoted(&asked)
    );
}

/// A figure the question states, said back, is not one of the candidate's: it earns nothing
/// in the score's numbers part, while the candidate's own figures still count.
#[test]
fn the_questions_own_figures_said_back_earn_no_number_credit() {
    let answer = "Adoption is at 40% of target two weeks in. I would read 30 support tickets \
                  before changing anything.";
    let numbers = |report: &Report| {
        report
            .score_parts
            .iter()
            .find(|p| p.id == "numbers")
            .map(|p| p.value)
    };
    let unasked = grade_asked(
        answer,
        Role::Pm,
        "launch-plan",
        "How would you fix adoption?",
    );
    let asked = grade_asked(
        answer,
        Role::Pm,
        "launch-plan",
        "Two weeks after launch, adoption is at 40% of target. What would you do?",
    );
    assert_eq!(numbers(&unasked), Some(2.0));
    assert_eq!(numbers(&asked), Some(1.0));
}

/// A question judged on what it asks for is not measured on its words: a plain answer to
/// "What's your biggest weakness?" shares none of them, and its relevance part is left
/// unmeasured rather than counted as missing.
#[test]
fn a_question_judged_on_what_it_asks_is_not_measured_on_its_words() {
    let answer = "I hold on to a plan too long once I've argued for it. Last year I kept a \
                  redesign on the roadmap for two months after the first test showed no lift, \
                  because I had sold it to my director. Now I write the kill criteria into the \
                  plan before we start.";
    let relevance = |question: &str| {
        grade_asked(answer, Role::Pm, "recruiter-screen", question)
            .score_parts
            .into_iter()
            .find(|p| p.id == "relevance")
            .map(|p| p.measured)
    };
    assert_eq!(relevance("What's your biggest weakness?"), Some(false));
    assert_eq!(
        relevance("Why do you want to leave your current company?"),
        Some(true)
    );
}
