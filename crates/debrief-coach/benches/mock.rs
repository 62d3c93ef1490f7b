//! Mock loop speed: grading and weighing a whole loop, the debrief alone, and the draw.
//!
//! Run with `cargo bench -p debrief-coach --bench mock`.

use std::sync::OnceLock;

use debrief_grader::Grader;
use debrief_pack::Catalog;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).expect("built-in content is valid");
        Grader::new(std::sync::Arc::new(catalog))
    })
}

fn catalog() -> &'static Catalog {
    grader().catalog()
}

/// The strong answers of the calibration set, in order.
fn strong_answers() -> Vec<String> {
    let pairs = debrief_content::built_in_calibration()
        .expect("calibration set")
        .pairs;
    pairs.into_iter().map(|p| p.strong).collect()
}

/// A whole Amazon PMM L5 mock loop, answered: every question of every round gets a strong
/// calibration answer (the plan is drawn once, outside the timing).
fn full_loop() -> (
    debrief_coach::mock::MockPlan,
    Vec<debrief_coach::mock::AnswerInput>,
) {
    use debrief_coach::mock::{AnswerInput, MockSpec, draw};
    let spec = MockSpec {
        company: "amazon".into(),
        role: "pmm".into(),
        track: None,
        level: "l5".into(),
        seed: 7,
        scope: Default::default(),
        mode: Default::default(),
    };
    let plan = draw(catalog(), &spec, &[]).expect("the Amazon PMM loop draws");
    let strong_answers = strong_answers();
    let mut strong = strong_answers.iter().cycle();
    let mut inputs = Vec::new();
    for round in &plan.rounds {
        for q in 0..round.questions.len() {
            let answer = strong.next().cloned().unwrap_or_default();
            inputs.push(AnswerInput {
                round_index: round.index,
                question_index: q,
                probe_index: 0,
                probe: None,
                prompt: None,
                answer,
                elapsed_seconds: 600,
                transcript: false,
            });
        }
    }
    (plan, inputs)
}

/// Grading every answer of a full loop and weighing its debrief: what handing in the last
/// answer costs the server (answers are graded as they come in, so this is the worst case).
#[divan::bench(sample_count = 50)]
fn mock_loop_grade_and_debrief(bencher: Bencher<'_, '_>) {
    let (plan, inputs) = full_loop();
    bencher.bench(|| {
        let answers: Vec<_> = inputs
            .iter()
            .map(|i| debrief_coach::mock::grade_answer(grader(), &plan, i).expect("graded"))
            .collect();
        black_box(debrief_coach::mock::debrief(catalog(), &plan, &answers))
    });
}

/// Weighing the debrief alone, from answers already graded.
#[divan::bench(sample_count = 50)]
fn mock_loop_debrief_only(bencher: Bencher<'_, '_>) {
    let (plan, inputs) = full_loop();
    let answers: Vec<_> = inputs
        .iter()
        .map(|i| debrief_coach::mock::grade_answer(grader(), &plan, i).expect("graded"))
        .collect();
    bencher.bench(|| black_box(debrief_coach::mock::debrief(catalog(), &plan, &answers)));
}

/// Drawing a mock loop that avoids 200 recent questions.
#[divan::bench(sample_count = 50)]
fn mock_loop_draw(bencher: Bencher<'_, '_>) {
    use debrief_coach::mock::{MockSpec, draw};
    let recent: Vec<String> = catalog()
        .questions()
        .iter()
        .take(200)
        .map(|q| q.id.clone())
        .collect();
    let spec = MockSpec {
        company: "amazon".into(),
        role: "pmm".into(),
        track: None,
        level: "l5".into(),
        seed: 7,
        scope: Default::default(),
        mode: Default::default(),
    };
    bencher.bench(|| black_box(draw(catalog(), &spec, &recent)));
}
