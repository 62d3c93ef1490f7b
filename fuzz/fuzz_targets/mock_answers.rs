//! Any bytes as a `debrief mock --answers` file: each line is parsed as an answer, placed in a
//! fixed Amazon PMM L5 loop and graded; then the debrief is weighed. Nothing panics, and every
//! quote in the debrief is the candidate's own words: an exact slice of the answer it names.
#![no_main]

use std::sync::OnceLock;

use debrief_grader::Grader;
use debrief_coach::mock::{self, AnswerInput, MockPlan, MockSpec};
use libfuzzer_sys::fuzz_target;

fn setup() -> &'static (Grader, MockPlan) {
    static SETUP: OnceLock<(Grader, MockPlan)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let catalog = debrief_content::load(None).expect("built-in content is valid");
        let spec = MockSpec {
            company: "amazon".into(),
            role: "pmm".into(),
            level: "l5".into(),
            seed: 7,
            scope: mock::Scope::Full,
            mode: mock::Mode::Interview,
        };
        let plan = mock::draw(&catalog, &spec, &[]).expect("the Amazon PMM loop draws");
        (Grader::new(std::sync::Arc::new(catalog)), plan)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (grader, plan) = setup();
    let mut answers = Vec::new();
    for (n, line) in text.lines().enumerate() {
        // Lines that are JSON answers go in as they are; any other line is an answer to the
        // next box in order, so free text reaches the grader and the debrief too.
        let input = serde_json::from_str::<AnswerInput>(line).unwrap_or(AnswerInput {
            round_index: n % plan.rounds.len(),
            question_index: 0,
            probe_index: 0,
            probe: None,
            prompt: None,
            answer: line.to_owned(),
            elapsed_seconds: u32::try_from(n).unwrap_or(0) * 60,
            transcript: n % 2 == 1,
        });
        if let Ok(answer) = mock::grade_answer(grader, plan, &input) {
            // A follow-up that quotes the answer quotes its own words, and says them.
            for probe in plan.probes(grader, &answer, &[]) {
                if let Some(quote) = &probe.quote {
                    let bare = quote.trim_start_matches('…').trim_end_matches('…');
                    assert!(answer.answer.contains(bare), "{quote:?} is not from the answer");
                    assert!(probe.text.contains(quote.as_str()));
                }
            }
            answers.push(answer);
        }
    }
    let debrief = mock::debrief(grader.catalog(), plan, &answers);
    for quote in debrief.quotes() {
        let answer = debrief.answer_text(quote.at).expect("a quote names an answer of the debrief");
        assert_eq!(answer.get(quote.start..quote.end), Some(quote.text.as_str()));
    }
    let _ = debrief.to_markdown();
});
