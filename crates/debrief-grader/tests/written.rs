//! Answers written for testing, apart from the rules: 142 strong and weak answers in plain
//! spoken words (`written/answers.jsonl`), each labelled with what a hiring committee would
//! say. They were written from a brief, without reading the rules, in four batches, and the
//! grader was then mended where a verdict was wrong for a general reason. They are not part of
//! `content/calibration` (they are not pairs, and they have been looked at), so this test is a
//! guard, not a measure: every answer must stay on its side of the Hire line, except the few
//! listed below with the reason each is still missed.

use std::sync::OnceLock;

use debrief_grader::{GradeRequest, Grader};
use debrief_pack::Role;

/// Answers the grader still puts on the wrong side of Hire, with why. A mend that moves one
/// across must take it off this list; a change that adds one fails the test.
const KNOWN_MISSES: &[(&str, &str)] = &[
    (
        "b03",
        "strong story, 56: its concrete nouns ('integration', 'certification') read as abstract, \
         and its numbers are mostly small counts said in words",
    ),
    (
        "c07",
        "weak story, 63: credits a conversion lift to the page copy although a discount launched \
         the same week; 'that same week' is not read as another cause",
    ),
    (
        "d03",
        "strong screening story, 52: shares none of the question's words ('recent', 'decision', \
         'proud'), which the score's topic part reads as low relevance",
    ),
    (
        "d08",
        "weak story, 61: compares the holiday months with the autumn before them; a seasonal \
         comparison is not read as another cause",
    ),
    (
        "d24",
        "weak estimate, 75: applies one age band's marriage rate to all adults, ten times too \
         many weddings; each step's arithmetic holds, and the grader has no reference figures",
    ),
];

#[derive(serde::Deserialize)]
struct Written {
    id: String,
    role: String,
    round: String,
    #[serde(default)]
    company: Option<String>,
    question: String,
    label: String,
    answer: String,
}

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).unwrap_or_else(|e| panic!("{e}"));
        Grader::new(std::sync::Arc::new(catalog))
    })
}

#[test]
fn answers_written_for_testing_stay_on_their_side_of_hire() {
    let g = grader();
    let file = include_str!("written/answers.jsonl");
    let mut wrong = Vec::new();
    let mut count = 0;
    for line in file.lines().filter(|l| !l.trim().is_empty()) {
        let w: Written = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let request = GradeRequest {
            answer: w.answer.clone(),
            role: Some(if w.role == "pm" { Role::Pm } else { Role::Pmm }),
            round: Some(
                g.catalog()
                    .round_kind_id(&w.round)
                    .unwrap_or_else(|e| panic!("{e}")),
            ),
            question: Some(w.question.clone()),
            company: w.company.clone(),
            ..Default::default()
        };
        let report = g
            .grade(&request)
            .unwrap_or_else(|e| panic!("{}: {e}", w.id));
        let hire = report.score >= g.catalog().grading().hire;
        let right = match w.label.as_str() {
            "strong" => hire,
            "weak" => !hire,
            other => panic!("{}: label {other}", w.id),
        };
        if !right {
            wrong.push((w.id.clone(), w.label.clone(), report.score));
        }
        count += 1;
    }
    assert_eq!(count, 142, "the file holds every answer");
    let known: Vec<&str> = KNOWN_MISSES.iter().map(|(id, _)| *id).collect();
    let new: Vec<_> = wrong
        .iter()
        .filter(|(id, ..)| !known.contains(&id.as_str()))
        .collect();
    assert!(
        new.is_empty(),
        "answers now on the wrong side of Hire: {new:?}"
    );
    let mended: Vec<&&str> = known
        .iter()
        .filter(|id| !wrong.iter().any(|(w, ..)| w == *id))
        .collect();
    assert!(
        mended.is_empty(),
        "now right, take them off KNOWN_MISSES: {mended:?}"
    );
}
