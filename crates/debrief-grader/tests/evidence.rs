//! What counts as the candidate's own: words and figures the question already gave earn
//! nothing, and a question judged on what it asks for is not measured on its words. A time the
//! question gives is the budget its answer is judged against.

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

/// A time the question gives ("You have two minutes") is the answer's budget in place of the
/// round's, so a long answer to it runs over; a time that is part of the case is not.
#[test]
fn a_time_the_question_gives_is_the_answers_budget() {
    let answer = "I would start with contractors who run between twenty and forty technicians, \
        because their dispatchers still schedule on a whiteboard and lose about an hour a day to \
        phone calls. Smaller shops fit the current product already, and the largest firms buy \
        enterprise suites through a procurement team we cannot reach yet. The buyer at a \
        mid-sized firm is usually the operations manager, not the owner, so the pitch speaks to \
        missed appointments and overtime rather than to growth. Distributors are the channel: \
        every firm buys parts from two or three of them each week, and their counter staff \
        already recommend tools. I would offer the distributors a referral fee for each firm \
        that books its first hundred jobs on the board. Pricing moves from a flat fee to a \
        dispatcher seat plus a small charge per technician, which keeps the entry price close \
        to what a ten-person shop pays today. The product needs two things before launch: a \
        board that shows forty technicians at once and a way to hand a job from one crew to \
        another without calling the office. Everything else on the roadmap waits. I would not \
        build inventory tracking for this launch, even though sales will ask for it, because \
        the firms we talked to keep parts in the van and count them by hand on Fridays. The \
        launch itself is quiet: twenty firms in two regions first, with a named contact in \
        support and a weekly call for the first month. I would judge the first quarter on one \
        number, the share of those firms that book half their jobs through the board within \
        sixty days, and I would want it above sixty percent before spending on a wider launch. \
        A guardrail matters too: if the time from a customer's call to a booked visit gets \
        longer for any firm, we stop and find out why before adding more. If the first group \
        goes well, the next step is a second wave of fifty firms through the same \
        distributors, this time with a case study from one of the first twenty, told by its \
        operations manager in her own words, with her numbers on overtime before and after. \
        The risk I worry about most is support load, since a firm of forty technicians calls \
        far more often than a firm of five, so I would staff one support person for every \
        fifteen new firms until the calls settle down, and I would review that ratio monthly.";
    let case = "Ductwise sells scheduling software to HVAC contractors with 1 to 10 \
        technicians. How would you take it to contractors with 25 to 100 technicians?";
    let timed = format!("You have about two minutes. {case}");
    let rules = |r: &Report| {
        r.findings
            .iter()
            .map(|f| f.rule.clone())
            .collect::<Vec<_>>()
    };

    let r = grade_asked(answer, Role::Pmm, "gtm-case", &timed);
    assert_eq!(r.budget_seconds, 120);
    assert!(
        rules(&r).iter().any(|id| id.contains("over-budget")),
        "{:?}",
        rules(&r)
    );

    let r = grade_asked(answer, Role::Pmm, "gtm-case", case);
    assert_eq!(r.budget_seconds, 20 * 60);
    assert!(
        !rules(&r).iter().any(|id| id.contains("over-budget")),
        "{:?}",
        rules(&r)
    );

    let installs = format!("{case} Onboarding must let a firm install in 20 minutes.");
    let r = grade_asked(answer, Role::Pmm, "gtm-case", &installs);
    assert_eq!(r.budget_seconds, 20 * 60);
}
