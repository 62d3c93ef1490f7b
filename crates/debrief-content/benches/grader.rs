//! Grader speed: one answer, batch throughput, and compiling the rule set.
//!
//! Run with `cargo bench -p debrief-content --bench grader`. Targets (issue #3): a 300-word
//! answer in at most 200 µs median on one core; at least 10 MB of answer text a second per
//! core in batch; the compiled rule set built in at most 50 ms.

use std::sync::OnceLock;

use debrief_core::grade::compile::Compiled;
use debrief_core::{Catalog, GradeRequest, Role};
use divan::{Bencher, black_box, counter::BytesCount};

fn main() {
    divan::main();
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| debrief_content::load(None).expect("built-in content is valid"))
}

/// Every answer of the calibration set: strong and weak, both roles, many round kinds.
fn corpus() -> &'static [GradeRequest] {
    static CORPUS: OnceLock<Vec<GradeRequest>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let (pairs, _) = debrief_content::built_in_calibration().expect("calibration set");
        pairs
            .iter()
            .flat_map(|p| {
                [&p.strong, &p.weak].map(|answer| GradeRequest {
                    answer: answer.clone(),
                    role: Role::parse(&p.role),
                    round: Some(p.round.clone()),
                    ..Default::default()
                })
            })
            .collect()
    })
}

/// A behavioral answer of exactly 300 words, built from the calibration set's strong answers.
fn three_hundred_words() -> GradeRequest {
    let words: Vec<&str> = corpus()
        .iter()
        .step_by(2)
        .flat_map(|r| r.answer.split_whitespace())
        .take(300)
        .collect();
    GradeRequest {
        answer: words.join(" "),
        role: Some(Role::Pm),
        round: Some("behavioral".into()),
        ..Default::default()
    }
}

#[divan::bench]
fn grade_300_words(bencher: Bencher<'_, '_>) {
    let request = three_hundred_words();
    assert_eq!(request.answer.split_whitespace().count(), 300);
    bencher.bench(|| catalog().grade(black_box(&request)).expect("graded"));
}

#[divan::bench]
fn batch_calibration_corpus(bencher: Bencher<'_, '_>) {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(|r| r.answer.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for request in corpus {
            black_box(catalog().grade(black_box(request)).expect("graded"));
        }
    });
}

#[divan::bench(sample_count = 20)]
fn compile_rule_set(bencher: Bencher<'_, '_>) {
    let pack = catalog().pack();
    bencher.bench(|| Compiled::new(black_box(pack)));
}

#[divan::bench(sample_count = 10)]
fn load_and_validate_built_in_pack(bencher: Bencher<'_, '_>) {
    bencher.bench(|| debrief_content::load(None).expect("valid"));
}

/// A whole Amazon PMM L5 mock loop, answered: every question of every round gets a strong
/// calibration answer (the plan is drawn once, outside the timing).
fn full_loop() -> (
    debrief_core::mock::MockPlan,
    Vec<debrief_core::mock::AnswerInput>,
) {
    use debrief_core::mock::{AnswerInput, MockSpec, draw};
    let spec = MockSpec {
        company: "amazon".into(),
        role: "pmm".into(),
        level: "l5".into(),
        seed: 7,
    };
    let plan = draw(catalog(), &spec, &[]).expect("the Amazon PMM loop draws");
    let mut strong = corpus().iter().step_by(2).cycle();
    let mut inputs = Vec::new();
    for round in &plan.rounds {
        for q in 0..round.questions.len() {
            let answer = strong.next().map(|r| r.answer.clone()).unwrap_or_default();
            inputs.push(AnswerInput {
                round_index: round.index,
                question_index: q,
                probe_index: 0,
                probe: None,
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
            .map(|i| debrief_core::mock::grade_answer(catalog(), &plan, i).expect("graded"))
            .collect();
        black_box(debrief_core::mock::debrief(catalog(), &plan, &answers))
    });
}

/// Weighing the debrief alone, from answers already graded.
#[divan::bench(sample_count = 50)]
fn mock_loop_debrief_only(bencher: Bencher<'_, '_>) {
    let (plan, inputs) = full_loop();
    let answers: Vec<_> = inputs
        .iter()
        .map(|i| debrief_core::mock::grade_answer(catalog(), &plan, i).expect("graded"))
        .collect();
    bencher.bench(|| black_box(debrief_core::mock::debrief(catalog(), &plan, &answers)));
}

/// Drawing a mock loop that avoids 200 recent questions.
#[divan::bench(sample_count = 50)]
fn mock_loop_draw(bencher: Bencher<'_, '_>) {
    use debrief_core::mock::{MockSpec, draw};
    let recent: Vec<String> = catalog()
        .questions()
        .iter()
        .take(200)
        .map(|q| q.id.clone())
        .collect();
    let spec = MockSpec {
        company: "amazon".into(),
        role: "pmm".into(),
        level: "l5".into(),
        seed: 7,
    };
    bencher.bench(|| black_box(draw(catalog(), &spec, &recent)));
}
