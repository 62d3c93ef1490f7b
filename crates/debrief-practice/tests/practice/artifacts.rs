//! Artifact drills: a checked document kept as an attempt, grouped per artifact kind by
//! progress, read back by its owner, and passed over by the review schedule. The built-in pack
//! has no artifact kinds on this branch, so the tests lay the web tests' small kind over it.

use std::path::Path;
use std::sync::Arc;

use debrief_coach::progress::{AttemptSummary, Source};
use debrief_grader::Grader;
use debrief_grader::artifact::ArtifactError;
use debrief_pack::{LookupError, Role};
use debrief_practice::{App, ArtifactSummary, Clock, PracticeError, ReadinessScope};
use debrief_store::{AttemptId, NewAttempt, Store, UserId};
use jiff::tz::TimeZone;

/// 2026-11-16T12:00:00Z.
const T0: i64 = 1_794_830_400;

/// The built-in pack with the test kind `launch-memo` laid over it.
fn grader() -> Arc<Grader> {
    let overlay =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../debrief-web/tests/fixtures/artifacts");
    let catalog = debrief_content::load(Some(&overlay)).expect("the fixture layer is valid");
    Arc::new(Grader::new(Arc::new(catalog)))
}

async fn app() -> (tempfile::TempDir, App, UserId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_default(dir.path()).await.expect("open store");
    let user = UserId::new(store.local_user().await.expect("local user").id);
    let app = App::new(store, grader(), Clock::fixed(T0, TimeZone::UTC));
    (dir, app, user)
}

/// A weak memo: future tense, fluff, a softball answer, no customer section; and a NUL,
/// which the store keeps as U+FFFD.
const WEAK: &str = "## Announcement\nWe will launch seamless payouts\0 for everyone, very \
                    soon.\n\n## FAQ\nWill fraud be a problem? The risk is minimal.\n";

#[tokio::test]
async fn a_checked_document_is_kept_as_an_attempt_of_its_kind() {
    let (_dir, app, user) = app().await;
    let checked = app
        .check_artifact(user, "launch-memo", Some("memo-payouts"), WEAK, Some(754))
        .await
        .expect("checked and kept");
    let a = &checked.attempt;
    assert_eq!(a.source, Source::Artifact.id());
    assert_eq!(a.round_kind, "artifact:launch-memo");
    assert_eq!((a.mock_id, a.question_id.as_deref()), (None, None));
    assert_eq!(
        a.role.as_deref(),
        Some("pm"),
        "the prompt is written for PMs"
    );
    assert_eq!(a.score, i64::from(checked.report.score));
    assert_eq!(a.rating, checked.report.rating.id());
    assert_eq!(a.created_at, T0);
    assert_eq!(a.answer, WEAK.replace('\0', "\u{fffd}"));
    assert!(a.score < 60, "a weak memo scored {}", a.score);
    // The report indexes the document as kept.
    for f in &checked.report.findings {
        assert_eq!(
            a.answer.get(f.start..f.end),
            Some(f.quote.as_str()),
            "{f:?}"
        );
    }
    let checks: Vec<&str> = checked
        .report
        .findings
        .iter()
        .map(|f| f.check.as_str())
        .collect();
    for expected in [
        "not-launched",
        "fluff",
        "missing-section",
        "softball-answer",
    ] {
        assert!(checks.contains(&expected), "{expected} in {checks:?}");
    }

    // The summary reads as any attempt's (no dimensions or principles to plot as answers)
    // and as the drill's.
    let base: AttemptSummary = serde_json::from_str(&a.summary_json).expect("summary");
    assert_eq!(base.rubric, "artifact:launch-memo");
    assert!(base.dimensions.is_empty() && base.lps.is_empty());
    let summary = ArtifactSummary::read(&a.summary_json).expect("the drill's part");
    assert_eq!(summary.kind, "launch-memo");
    assert_eq!(summary.prompt.as_deref(), Some("memo-payouts"));
    assert_eq!(summary.seconds, Some(754));
    assert_eq!(summary.findings, checks);
    let customer = summary
        .sections
        .iter()
        .find(|s| s.id == "customer")
        .expect("section");
    assert!(!customer.present);
    assert_eq!(customer.score, Some(0.0));

    // A drill schedules no review: the queue's cards are round kinds and principles.
    assert!(
        app.store()
            .cards(user.get())
            .await
            .expect("cards")
            .is_empty()
    );
    let queue = app.today_queue(user, 10).await.expect("queue");
    assert!(queue.today.is_empty() && queue.tomorrow.is_empty());

    // Read back by its owner, the same report; a day's time past a day is not kept.
    let id = AttemptId::new(a.id);
    let again = app.artifact_attempt(user, id).await.expect("read back");
    assert_eq!(again.report, checked.report);
    assert_eq!(again.prompt.as_deref(), Some("memo-payouts"));
    assert_eq!(again.seconds, Some(754));
    let long = app
        .check_artifact(user, "launch-memo", None, WEAK, Some(90_000))
        .await
        .expect("kept");
    assert_eq!(long.seconds, None);
    assert_eq!(long.attempt.role, None, "a kind for both roles, no prompt");
}

#[tokio::test]
async fn only_the_owners_drills_read_back() {
    let (_dir, app, user) = app().await;
    let drill = app
        .check_artifact(user, "launch-memo", None, WEAK, None)
        .await
        .expect("kept")
        .attempt;
    let other = UserId::new(
        app.store()
            .create_user("bob", "x")
            .await
            .expect("second user")
            .id,
    );
    let missing = |r: Result<_, PracticeError>| {
        matches!(
            r,
            Err(PracticeError::Missing {
                what: "artifact drill",
                ..
            })
        )
    };
    assert!(missing(
        app.artifact_attempt(other, AttemptId::new(drill.id)).await
    ));
    assert!(missing(
        app.artifact_attempt(user, AttemptId::new(drill.id + 100))
            .await
    ));
    // An answer from the Practice page is no drill.
    let answer = app
        .store()
        .record_attempt(
            user.get(),
            &NewAttempt {
                source: "practice".into(),
                mock_id: None,
                question_id: None,
                round_kind: "behavioral".into(),
                role: None,
                company: None,
                score: 50,
                rating: "no-hire".into(),
                answer: "I led it.".into(),
                summary_json: "{}".into(),
            },
            T0,
        )
        .await
        .expect("answer");
    assert!(missing(
        app.artifact_attempt(user, AttemptId::new(answer.id)).await
    ));
}

#[tokio::test]
async fn what_cannot_be_checked_is_refused_and_nothing_is_kept() {
    let (_dir, app, user) = app().await;
    match app
        .check_artifact(user, "launch-mem", None, WEAK, None)
        .await
    {
        Err(PracticeError::Lookup(e @ LookupError::UnknownArtifact { .. })) => {
            assert!(e.to_string().contains("did you mean `launch-memo`"), "{e}");
        }
        other => panic!("expected an unknown kind, got {other:?}"),
    }
    match app
        .check_artifact(user, "launch-memo", Some("memo-payout"), WEAK, None)
        .await
    {
        Err(PracticeError::Lookup(e @ LookupError::UnknownArtifactPrompt { .. })) => {
            assert!(e.to_string().contains("did you mean `memo-payouts`"), "{e}");
        }
        other => panic!("expected an unknown prompt, got {other:?}"),
    }
    assert!(matches!(
        app.check_artifact(user, "launch-memo", None, " \n ## \n", None)
            .await,
        Err(PracticeError::Artifact(ArtifactError::Empty))
    ));
    let huge = "word ".repeat(50_000);
    assert!(matches!(
        app.check_artifact(user, "launch-memo", None, &huge, None)
            .await,
        Err(PracticeError::Artifact(ArtifactError::TooLarge(_)))
    ));
    assert!(
        app.store()
            .attempts(user.get())
            .await
            .expect("attempts")
            .is_empty()
    );
}

#[tokio::test]
async fn progress_reads_drills_per_kind_apart_from_the_rounds() {
    let (_dir, app, user) = app().await;
    app.check_artifact(user, "launch-memo", None, WEAK, None)
        .await
        .expect("kept");
    let store = app.store();
    // An answer, and rows whose round kinds the content does not know (an artifact kind
    // removed since, a round kind renamed): progress reads them and does not fail.
    for kind in ["behavioral", "artifact:gone", "retired-kind"] {
        store
            .record_attempt(
                user.get(),
                &NewAttempt {
                    source: if kind.starts_with("artifact:") {
                        "artifact"
                    } else {
                        "practice"
                    }
                    .into(),
                    mock_id: None,
                    question_id: None,
                    round_kind: kind.into(),
                    role: Some(Role::Pm.id().into()),
                    company: None,
                    score: 70,
                    rating: "hire".into(),
                    answer: "text".into(),
                    summary_json: "{}".into(),
                },
                T0 + 1,
            )
            .await
            .expect("recorded");
    }
    let p = app.progress(user).await.expect("progress");
    assert_eq!(p.scope, ReadinessScope::Answered);
    let kinds: Vec<&str> = p.readiness.iter().map(|r| r.round_kind.as_str()).collect();
    assert_eq!(kinds, ["behavioral", "retired-kind"], "rounds only");
    let drilled: Vec<&str> = p.artifacts.iter().map(|r| r.round_kind.as_str()).collect();
    assert_eq!(drilled, ["artifact:launch-memo", "artifact:gone"]);
    assert_eq!(p.artifacts[0].attempts, 1);
    let lines: Vec<&str> = p.series.artifacts.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(lines, ["artifact:gone", "artifact:launch-memo"]);
    assert!(
        p.series
            .round_kinds
            .iter()
            .all(|s| !s.key.starts_with("artifact:"))
    );
    assert_eq!(p.attempts.len(), 4, "the history holds every attempt");
    // The review queue and a new plan read the same history without tripping on them.
    app.today_queue(user, 10).await.expect("queue");
    app.groundwork(user, "amazon", "pm", None, Some("l5"))
        .await
        .expect("groundwork");
}
