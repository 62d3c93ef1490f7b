//! Any bytes as an answer (the first byte picks role, round and transcript mode): grading
//! never panics, every span is in bounds and on a char boundary, and grading is
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

const ROUNDS: [&str; 6] = ["behavioral", "gtm-case", "metrics", "pitch", "product-design", "recruiter-screen"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(answer) = std::str::from_utf8(rest) else { return };
    let request = GradeRequest {
        answer: answer.to_owned(),
        role: [None, Some(Role::Pm), Some(Role::Pmm)][usize::from(selector % 3)],
        round: grader().catalog().round_kind_id(ROUNDS[usize::from(selector / 3) % ROUNDS.len()]).ok(),
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
