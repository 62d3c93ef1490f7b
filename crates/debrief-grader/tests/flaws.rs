//! The learned word weights ([`debrief_grader::flaws`]) over the built-in pack: the committed
//! model is the tuning part's, labels and quotations are no feature, and a finding names a
//! sentence of the answer and words of that sentence.

use std::sync::{Arc, OnceLock};

use debrief_grader::{GradeRequest, Grader, Report};
use debrief_pack::Role;
use debrief_text::{Assertion, Text};

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).unwrap_or_else(|e| panic!("{e}"));
        Grader::new(Arc::new(catalog))
    })
}

fn unused(text: &Text<'_>) -> Vec<bool> {
    let assertion = Assertion::new(text, &grader().compiled().scope_words);
    debrief_grader::flaws::unused(text, &assertion)
}

/// Each learned category's margin for `answer`.
fn margins(answer: &str) -> Vec<(String, f64)> {
    let text = Text::new(answer);
    let compiled = grader().compiled();
    compiled
        .flaws
        .read(&text, &unused(&text), &compiled.phrases.numbers(&text))
        .into_iter()
        .map(|(c, r)| (c.id().to_owned(), r.margin))
        .collect()
}

fn grade(answer: &str, question: &str) -> Report {
    let request = GradeRequest {
        answer: answer.to_owned(),
        role: Some(Role::Pm),
        round: Some(
            grader()
                .catalog()
                .round_kind_id("behavioral")
                .unwrap_or_else(|e| panic!("{e}")),
        ),
        question: Some(question.to_owned()),
        ..Default::default()
    };
    grader().grade(&request).unwrap_or_else(|e| panic!("{e}"))
}

/// Brokering instead of deciding, told in words no phrase rule lists, at 150 words and more.
const BROKER: &str = "I had a situation where our VP wanted to launch the new pricing page \
before the holidays, and I think I had some concerns about the timing. I didn't want to create \
friction, because the relationship with leadership matters, and I felt it was important that \
everyone felt heard.\n\nSo I set up a meeting where I laid out both options with the context for \
each, and let the VP make the call, since it was really her decision to make. There were good \
points on both sides, and honestly I could see her view. We went ahead with the launch in \
November.\n\nSome things went well and some things didn't, and we learned a lot as a team. I \
think the main thing I took from it is that alignment is more important than being right, and \
that my role is to make sure the decision gets made with everyone in the room.";

const DISAGREED: &str = "Tell me about a time you disagreed with a senior leader.";

#[test]
fn the_committed_model_is_the_tuning_parts_fit() {
    let (read, least) = debrief_grader::calibrate::flaw_rules(grader());
    let model = grader().catalog().flaw_model();
    let learned: Vec<&str> = model
        .categories
        .iter()
        .map(|c| c.category.as_str())
        .collect();
    let read: Vec<&str> = read.iter().map(String::as_str).collect();
    assert_eq!(learned, read, "run `debrief calibrate --fit-flaws`");
    // The fit records how many answers it read: a tuning part grown since is a stale model.
    let set = debrief_content::built_in_calibration().expect("calibration set");
    let long_enough = debrief_grader::calibrate::fit_answer_count(grader(), &set);
    assert!(
        model
            .fitted_on
            .starts_with(&format!("{long_enough} tuning answers")),
        "the tuning part has {long_enough} answers of {least} words or more; the model says \
         \"{}\": run `debrief calibrate --fit-flaws` and replace content/rules/flaw-model.toml",
        model.fitted_on
    );
}

#[test]
fn a_brokered_disagreement_in_new_words_is_found_in_its_own_sentence() {
    let report = grade(BROKER, DISAGREED);
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule == "learned-no-backbone")
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    // The span is one whole sentence of the answer, and the words shown are in it.
    let text = Text::new(BROKER);
    assert!(
        text.sentences
            .iter()
            .any(|s| s.start == finding.start && s.end == finding.end),
        "{finding:?}"
    );
    let said = finding.text.to_lowercase();
    let shown = finding
        .message
        .rsplit("weigh most are ")
        .next()
        .unwrap_or_default();
    let words: Vec<&str> = shown.split('"').skip(1).step_by(2).collect();
    assert!(!words.is_empty(), "{}", finding.message);
    for w in words {
        assert!(said.contains(w), "{w:?} is not in {said:?}");
    }
}

#[test]
fn labels_and_stacked_headings_leave_the_reading_alone() {
    let labelled = BROKER
        .split("\n\n")
        .zip(["Context: ", "What I did: Why me: ", "Result: "])
        .map(|(p, label)| format!("{label}{p}"))
        .collect::<Vec<_>>()
        .join("\n\n");
    assert_eq!(margins(BROKER), margins(&labelled));
}

#[test]
fn quoted_words_are_no_feature() {
    let text = Text::new(
        "I searched every deck and page for 'guarantee', 'zero' and 'eliminate', and we \
         removed them.",
    );
    let features = debrief_grader::flaws::features(&text, &unused(&text));
    for quoted in ["guarantee", "zero", "eliminate"] {
        assert!(!features.contains_key(quoted), "{quoted}");
    }
    assert!(features.contains_key("searched every"));
}

#[test]
fn a_short_answer_padded_with_labels_is_not_read() {
    // 140 words of its own, ten to a line, each line under a heading: 196 words in all.
    let words: Vec<&str> = BROKER.split_whitespace().take(140).collect();
    let short: String = words
        .chunks(10)
        .map(|line| format!("What happened next then: {}\n", line.join(" ")))
        .collect();
    let text = Text::new(&short);
    let own = debrief_grader::flaws::own_words(&unused(&text));
    assert!(own == 140 && text.word_count() >= 150, "{own}");
    let report = grade(&short, DISAGREED);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.rule.starts_with("learned-")),
        "{:#?}",
        report.findings
    );
}
