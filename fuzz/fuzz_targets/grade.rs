//! Any bytes as an answer (the first byte picks role, round and transcript mode, and whether
//! the first line is the question, so the passes that compare answer and question run too):
//! grading never panics, every span is in bounds and on a char boundary, and grading is
//! deterministic.
#![no_main]

use std::sync::OnceLock;

use debrief_grader::{GradeRequest, Grader};
use debrief_pack::Role;
use libfuzzer_sys::fuzz_target;

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| Grader::new(std::sync::Arc::new(debrief_content::load(None).expect("built-in content is valid"))))
}

const ROUNDS: [&str; 7] = ["behavioral", "gtm-case", "metrics", "pitch", "product-design", "recruiter-screen", "estimation"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let (question, answer) = match text.split_once('\n') {
        Some((q, a)) if selector & 0x40 != 0 => (Some(q.to_owned()), a),
        _ => (None, text),
    };
    let request = GradeRequest {
        answer: answer.to_owned(),
        question,
        role: [None, Some(Role::Pm), Some(Role::Pmm)][usize::from(selector % 3)],
        round: grader().catalog().round_kind_id(ROUNDS[usize::from(selector / 3 & 0x1f) % ROUNDS.len()]).ok(),
        transcript: selector & 0x80 != 0,
        ..Default::default()
    };
    let Ok(report) = grader().grade(&request) else { return };
    let ok = |s: usize, e: usize| s <= e && e <= answer.len() && answer.is_char_boundary(s) && answer.is_char_boundary(e);
    for f in &report.findings {
        assert!(ok(f.start, f.end));
        assert_eq!(&answer[f.start..f.end], f.text);
    }
    for d in &report.dimensions {
        for e in &d.evidence {
            assert!(ok(e.start, e.end));
        }
    }
    for m in &report.metrics {
        assert!(ok(m.start, m.end));
    }
    assert!(report.score <= 100);
    let again = grader().grade(&request).expect("graded twice");
    assert_eq!(report, again);
});
