//! A mock loop's writing round over the built-in pack: it asks for documents, and each is
//! read by the artifact checker and handed to the debrief as an answer.

use super::*;

#[test]
fn the_amazon_pmm_writing_round_asks_for_documents_and_reads_them_with_the_artifact_checker() {
    for seed in 0..6 {
        let p = plan("amazon", "pmm", "l5", seed);
        let (r, round) = p
            .rounds
            .iter()
            .enumerate()
            .find(|(_, r)| r.kind.as_str() == "writing")
            .expect("the Amazon PMM loop has a writing assessment");
        let q = &round.questions[0];
        let kind = q
            .artifact
            .as_deref()
            .expect("its questions ask for a document");
        let example = catalog()
            .pack()
            .artifact_examples
            .iter()
            .find(|e| e.kind == kind && e.label == "strong")
            .expect("each kind has a strong example");
        let got = answer(&p, r, 0, &example.text, 1800);
        assert_eq!(got.report.rubric, format!("artifact:{kind}"));
        assert_eq!(got.report.score_parts[0].id, "artifact");
        // A document cut to its opening is read as one: it scores lower, its findings are the
        // checker's under the grader's categories, and where the kind has sections to miss,
        // the missing ones are named.
        let opening: String = example.text.chars().take(400).collect();
        let thin = answer(&p, r, 0, &opening, 600);
        assert!(thin.report.score < got.report.score, "seed {seed}");
        assert!(
            thin.report
                .findings
                .iter()
                .all(|f| f.rule.starts_with("artifact-"))
        );
        let prose = catalog()
            .pack()
            .artifacts
            .iter()
            .any(|k| k.id == kind && k.prose);
        assert!(
            prose
                || thin.report.findings.iter().any(|f| {
                    f.rule == "artifact-missing-section" && f.category.id() == "poor-shape"
                }),
            "seed {seed}: {:?}",
            thin.report.findings
        );
    }
}
