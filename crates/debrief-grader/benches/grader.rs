//! Grader speed: one answer, batch throughput, and compiling the rule set.
//!
//! Run with `cargo bench -p debrief-grader --bench grader`. Targets (issue #3): a 300-word
//! answer in at most 200 µs median on one core; at least 10 MB of answer text a second per
//! core in batch; the compiled rule set built in at most 50 ms.

use std::sync::OnceLock;

use debrief_grader::compile::Compiled;
use debrief_grader::{GradeRequest, Grader};
use debrief_pack::{Catalog, Role};
use divan::{Bencher, black_box, counter::BytesCount};

/// The allocator the `debrief` binary grades with, so these figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// Every answer of the calibration set: strong and weak, both roles, many round kinds.
fn corpus() -> &'static [GradeRequest] {
    static CORPUS: OnceLock<Vec<GradeRequest>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let pairs = debrief_content::built_in_calibration()
            .expect("calibration set")
            .pairs;
        pairs
            .iter()
            .flat_map(|p| {
                [&p.strong, &p.weak].map(|answer| GradeRequest {
                    answer: answer.clone(),
                    role: Role::parse(&p.role),
                    round: catalog().round_kind_id(&p.round).ok(),
                    ..Default::default()
                })
            })
            .collect()
    })
}

/// The calibration set's original pairs (ids "cal-pm-..." and "cal-pmm-..."), in set order:
/// the 300-word answers are built from them, so adding pairs to the set does not change what
/// those benches grade.
fn original_pairs() -> Vec<debrief_grader::calibrate::CalibrationPair> {
    debrief_content::built_in_calibration()
        .expect("calibration set")
        .pairs
        .into_iter()
        .filter(|p| p.id.starts_with("cal-pm"))
        .collect()
}

/// A behavioral answer of exactly 300 words, built from the calibration set's strong answers.
fn three_hundred_words() -> GradeRequest {
    let pairs = original_pairs();
    let words: Vec<&str> = pairs
        .iter()
        .flat_map(|p| p.strong.split_whitespace())
        .take(300)
        .collect();
    GradeRequest {
        answer: words.join(" "),
        role: Some(Role::Pm),
        round: catalog().round_kind_id("behavioral").ok(),
        ..Default::default()
    }
}

#[divan::bench]
fn grade_300_words(bencher: Bencher<'_, '_>) {
    let request = three_hundred_words();
    assert_eq!(request.answer.split_whitespace().count(), 300);
    bencher.bench(|| grader().grade(black_box(&request)).expect("graded"));
}

/// The same 300 words handed in to an estimation question they do not answer: every pass runs,
/// the meaning of each sentence against the question and the answer's standing among the
/// bank's questions included.
#[divan::bench]
fn grade_300_words_off_question(bencher: Bencher<'_, '_>) {
    // Behavioral stories from the tuning part, so the words are about anything but the question.
    let pairs = original_pairs();
    let words: Vec<&str> = pairs
        .iter()
        .filter(|p| !p.held_out && p.round == "behavioral")
        .flat_map(|p| p.strong.split_whitespace())
        .take(300)
        .collect();
    let request = GradeRequest {
        answer: words.join(" "),
        role: Some(Role::Pm),
        round: catalog().round_kind_id("estimation").ok(),
        question: Some(
            "Estimate how many public electric-vehicle charging sessions happen in Germany on \
             an average day."
                .to_owned(),
        ),
        ..Default::default()
    };
    let report = grader().grade(&request).expect("graded");
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule.starts_with("shape-off-question-bank")),
        "the bank pass must run in this bench (the meaning pass runs before it stands in)"
    );
    bencher.bench(|| grader().grade(black_box(&request)).expect("graded"));
}

#[divan::bench]
fn batch_calibration_corpus(bencher: Bencher<'_, '_>) {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(|r| r.answer.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for request in corpus {
            black_box(grader().grade(black_box(request)).expect("graded"));
        }
    });
}

#[divan::bench(sample_count = 20)]
fn compile_rule_set(bencher: Bencher<'_, '_>) {
    let pack = catalog().pack();
    bencher.bench(|| Compiled::new(black_box(pack)));
}

/// Checking the built-in strong written exercise against its prompt: the split, every
/// section's checks and moves, and the grader's reading of the whole narrative as a story.
#[divan::bench]
fn check_written_exercise(bencher: Bencher<'_, '_>) {
    let pack = catalog().pack();
    let example = pack
        .artifact_examples
        .iter()
        .find(|e| e.kind == "writing-exercise" && e.label == "strong")
        .expect("a strong written exercise");
    let prompt = pack
        .artifacts
        .iter()
        .find(|k| k.id == "writing-exercise")
        .and_then(|k| k.prompts.iter().find(|p| p.id == example.prompt))
        .map(|p| p.text.clone());
    let request = debrief_grader::artifact::ArtifactRequest {
        kind: "writing-exercise".into(),
        text: example.text.clone(),
        prompt,
    };
    bencher.bench(|| {
        grader()
            .check_artifact(black_box(&request))
            .expect("checked")
    });
}
