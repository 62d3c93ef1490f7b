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

/// Behavioral stories from the tuning part, 300 words of them: about anything but an
/// estimation question.
fn three_hundred_words_of_stories() -> String {
    let pairs = original_pairs();
    let words: Vec<&str> = pairs
        .iter()
        .filter(|p| !p.held_out && p.round == "behavioral")
        .flat_map(|p| p.strong.split_whitespace())
        .take(300)
        .collect();
    words.join(" ")
}

/// 300 words of stories handed in to an estimation question they do not answer: the bank
/// pass (the answer's standing among the bank's questions) finds that other questions fit it
/// better, and its finding stands in for the meaning and subject passes', so those two are
/// not measured.
#[divan::bench]
fn grade_300_words_off_question(bencher: Bencher<'_, '_>) {
    let request = GradeRequest {
        answer: three_hundred_words_of_stories(),
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
        "the bank pass must find this answer off the question"
    );
    bencher.bench(|| grader().grade(black_box(&request)).expect("graded"));
}

/// An answer every pass measures in full: a 289-word launch story handed in to a pitch
/// question (answer p24 of the written answers the tests guard). The bank pass measures its
/// standing and finds no question that fits it much better; the meaning pass embeds each of
/// its sentences; the subject pass matches the question's subject words against its words and
/// back, and finds it off the question. The costliest kind of answer there is to grade.
#[divan::bench]
fn grade_300_words_every_pass(bencher: Bencher<'_, '_>) {
    let line = include_str!("../tests/written/answers.jsonl")
        .lines()
        .find(|l| l.contains("\"id\": \"p24\""))
        .expect("answer p24");
    let written: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
    let field = |k: &str| written[k].as_str().expect("a text field").to_owned();
    let request = GradeRequest {
        answer: field("answer"),
        role: Role::parse(&field("role")),
        round: catalog().round_kind_id(&field("round")).ok(),
        question: Some(field("question")),
        ..Default::default()
    };
    let report = grader().grade(&request).expect("graded");
    let fired: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(
        fired.contains(&"shape-off-question-subject")
            && !fired
                .iter()
                .any(|r| r.starts_with("shape-off-question-bank")),
        "the subject pass, not the bank pass, must find this answer off the question: {fired:?}"
    );
    bencher.bench(|| grader().grade(black_box(&request)).expect("graded"));
}

/// A 300-word answer to its own question: a strong estimation answer from the calibration
/// set, its words repeated to 300, graded with the question, as a candidate's answer is.
#[divan::bench]
fn grade_300_words_on_question(bencher: Bencher<'_, '_>) {
    let pair = original_pairs()
        .into_iter()
        .find(|p| p.round == "estimation" && p.question.is_some())
        .expect("an estimation pair on a bank question");
    let words: Vec<&str> = pair.strong.split_whitespace().cycle().take(300).collect();
    let question = catalog()
        .pack()
        .questions
        .iter()
        .find(|q| Some(&q.id) == pair.question.as_ref())
        .map(|q| q.text.clone());
    assert!(question.is_some(), "the pair's question is in the bank");
    let request = GradeRequest {
        answer: words.join(" "),
        role: Role::parse(&pair.role),
        round: catalog().round_kind_id(&pair.round).ok(),
        question,
        ..Default::default()
    };
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
