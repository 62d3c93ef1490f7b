//! Mocks, round clocks, drafts, attempts and review cards.

use super::*;

use debrief_store::{AnswerSlot, NewAttempt, NewMock, ReviewCard, Submission};

fn new_mock(company: &str) -> NewMock {
    NewMock {
        company: company.to_owned(),
        role: "pm".to_owned(),
        level: "l6".to_owned(),
        seed: -7_205_759_403_792_793_600,
        plan_json: format!(r#"{{"company":"{company}","rounds":[{{"kind":"behavioral"}}]}}"#),
    }
}

fn slot(round: i64, question: i64, probe: i64) -> AnswerSlot {
    AnswerSlot::new(round, question, probe)
}

fn submission(prompt_id: &str, text: &str) -> Submission {
    Submission {
        prompt_id: prompt_id.to_owned(),
        text: text.to_owned(),
        elapsed_seconds: 95,
        report_json: r#"{"score": 71, "rating": "hire"}"#.to_owned(),
    }
}

fn practice(question_id: Option<&str>, score: i64) -> NewAttempt {
    NewAttempt {
        source: "practice".to_owned(),
        mock_id: None,
        question_id: question_id.map(str::to_owned),
        round_kind: "behavioral".to_owned(),
        role: Some("pmm".to_owned()),
        company: Some("amazon".to_owned()),
        score,
        rating: "hire".to_owned(),
        answer: "I led the launch; sign-ups grew 12% in 6 weeks.".to_owned(),
        summary_json: r#"{"dimensions":[{"id":"impact","score":3}],"lps":["ownership"]}"#
            .to_owned(),
    }
}

fn from_mock(mock_id: i64, question_id: &str) -> NewAttempt {
    NewAttempt {
        source: "mock".to_owned(),
        mock_id: Some(mock_id),
        ..practice(Some(question_id), 55)
    }
}

fn review_card(key: &str, due: i64) -> ReviewCard {
    ReviewCard {
        card: key.to_owned(),
        state: "review".to_owned(),
        due,
        stability: 3.173_1,
        difficulty: 5.5,
        reps: 2,
        lapses: 0,
        last_review: Some(due - 86_400),
    }
}

fn keys(cards: &[ReviewCard]) -> Vec<&str> {
    cards.iter().map(|c| c.card.as_str()).collect()
}

/// Counts rows with SQL run beside the store (in the test's PostgreSQL schema).
async fn count_rows(db: &Db, sql: &'static str) -> i64 {
    match (db.sqlite_path(), &db.schema) {
        (Some(path), _) => {
            let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await);
            let (n,): (i64,) = ok!(sqlx::query_as(sql).fetch_one(&raw).await);
            raw.close().await;
            n
        }
        (None, Some(schema)) => {
            let options: sqlx::postgres::PgConnectOptions = ok!(db.address.parse());
            let raw = ok!(sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect_with(options.options([("search_path", schema.as_str())]))
                .await);
            let (n,): (i64,) = ok!(sqlx::query_as(sql).fetch_one(&raw).await);
            raw.close().await;
            n
        }
        (None, None) => panic!("unknown backend"),
    }
}

#[tokio::test]
async fn mocks_round_trip_and_order() {
    each_backend("mocks", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;

        // Non-ASCII and a large plan come back byte for byte.
        let mut big = new_mock("amazon");
        let filler = "Customer Obsession — 顧客 🚀 \"quoted\" \\ back\tslash\n".repeat(20_000);
        big.plan_json = serde_json::json!({ "company": "amazon", "notes": filler }).to_string();
        big.plan_json.insert_str(1, " \n ");
        let first = ok!(s.create_mock(a, &big, 100).await);
        assert_eq!(
            (
                first.user_id,
                first.company.as_str(),
                first.role.as_str(),
                first.level.as_str(),
                first.seed
            ),
            (a, "amazon", "pm", "l6", big.seed)
        );
        assert_eq!(first.plan_json, big.plan_json);
        assert_eq!((first.created_at, first.updated_at), (100, 100));
        assert_eq!(
            (first.finished_at, first.debrief_json.as_deref()),
            (None, None)
        );
        assert_eq!(ok!(s.mock(a, first.id).await), Some(first.clone()));

        let mut pmm = new_mock("google");
        pmm.role = "pmm".to_owned();
        let second = ok!(s.create_mock(a, &pmm, 300).await);
        let same_second = ok!(s.create_mock(a, &new_mock("meta"), 300).await);
        let ids = |v: Vec<debrief_store::Mock>| v.into_iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(
            ids(ok!(s.mocks(a).await)),
            vec![same_second.id, second.id, first.id],
            "newest first; the same second, the later one first"
        );

        // Finishing sets the debrief; finishing again replaces it and keeps finished_at.
        let debrief = "{ \"verdict\": \"hire\",\n \"é\": [1, 2.50] }";
        let finished = ok!(s.finish_mock(a, second.id, debrief, 400).await);
        assert_eq!(finished.finished_at, Some(400));
        assert_eq!(finished.debrief_json.as_deref(), Some(debrief));
        assert_eq!(finished.updated_at, 400);
        let again = ok!(s
            .finish_mock(a, second.id, "{\"verdict\":\"no hire\"}", 500)
            .await);
        assert_eq!(again.finished_at, Some(400));
        assert_eq!(
            again.debrief_json.as_deref(),
            Some("{\"verdict\":\"no hire\"}")
        );
        assert_eq!((again.created_at, again.updated_at), (300, 500));
        assert_eq!(ok!(s.mock(a, second.id).await), Some(again));

        // Delete, then it is gone, and everything on it says so.
        ok!(s.delete_mock(a, same_second.id).await);
        assert_eq!(ok!(s.mock(a, same_second.id).await), None);
        expect_not_found(s.delete_mock(a, same_second.id).await, "mock");
        expect_not_found(s.finish_mock(a, same_second.id, "{}", 1).await, "mock");
        assert_eq!(ids(ok!(s.mocks(a).await)), vec![second.id, first.id]);

        // What the store refuses.
        let mut bad = new_mock("amazon");
        bad.role = "swe".to_owned();
        expect_invalid(s.create_mock(a, &bad, 1).await, "role");
        let mut bad = new_mock(" ");
        expect_invalid(s.create_mock(a, &bad, 1).await, "company");
        bad = new_mock("amazon");
        bad.level = String::new();
        expect_invalid(s.create_mock(a, &bad, 1).await, "level");
        bad = new_mock("amazon");
        bad.plan_json = "rounds: 3".to_owned();
        expect_invalid(s.create_mock(a, &bad, 1).await, "plan_json");
        expect_invalid(s.finish_mock(a, first.id, "", 1).await, "debrief_json");
        expect_not_found(s.create_mock(a + 1000, &new_mock("x"), 1).await, "user");
        assert_eq!(ok!(s.mocks(a).await).len(), 2);
    })
    .await;
}

#[tokio::test]
async fn round_clocks_start_once_and_end_once() {
    each_backend("rounds", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let m = ok!(s.create_mock(a, &new_mock("amazon"), 100).await).id;
        assert!(ok!(s.round_clocks(a, m).await).is_empty());

        let clock = |round_index, started_at, ended_at| debrief_store::RoundClock {
            mock_id: m,
            round_index,
            started_at,
            ended_at,
        };
        assert_eq!(ok!(s.start_round(a, m, 2, 110).await), clock(2, 110, None));
        // Starting again (a reload, a second tab) keeps the first start.
        assert_eq!(ok!(s.start_round(a, m, 2, 150).await), clock(2, 110, None));
        assert_eq!(ok!(s.start_round(a, m, 0, 120).await), clock(0, 120, None));
        assert_eq!(
            ok!(s.start_round(a, m, 10, 130).await),
            clock(10, 130, None)
        );

        // The first end wins, and a later start does not reopen the round.
        assert_eq!(
            ok!(s.end_round(a, m, 2, 200).await),
            clock(2, 110, Some(200))
        );
        assert_eq!(
            ok!(s.end_round(a, m, 2, 260).await),
            clock(2, 110, Some(200))
        );
        assert_eq!(
            ok!(s.start_round(a, m, 2, 270).await),
            clock(2, 110, Some(200))
        );

        assert_eq!(
            ok!(s.round_clocks(a, m).await),
            vec![
                clock(0, 120, None),
                clock(2, 110, Some(200)),
                clock(10, 130, None)
            ],
            "by round, numerically"
        );

        expect_not_found(s.end_round(a, m, 3, 300).await, "round");
        expect_invalid(s.start_round(a, m, -1, 300).await, "round_index");
        expect_invalid(s.end_round(a, m, -1, 300).await, "round_index");
        let missing = m + 1000;
        expect_not_found(s.start_round(a, missing, 0, 300).await, "mock");
        expect_not_found(s.end_round(a, missing, 0, 300).await, "mock");
        expect_not_found(s.round_clocks(a, missing).await, "mock");
    })
    .await;
}

#[tokio::test]
async fn drafts_then_submit_and_a_handed_in_answer_stays() {
    each_backend("answers", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let m = ok!(s.create_mock(a, &new_mock("amazon"), 100).await).id;
        assert!(ok!(s.mock_answers(a, m).await).is_empty());

        // The first draft starts the clock; later drafts change the text and updated_at only.
        let d1 = ok!(s
            .save_draft(a, m, slot(0, 0, 0), "q-ownership", "I", 110)
            .await);
        assert_eq!(
            (d1.started_at, d1.updated_at, d1.text.as_str()),
            (110, 110, "I")
        );
        assert_eq!(
            (d1.mock_id, d1.slot, d1.prompt_id.as_str()),
            (m, slot(0, 0, 0), "q-ownership")
        );
        assert!(!d1.is_submitted());
        let long = format!(
            "I owned the rollout — 日本 launch, ünïcödé 🚀, 'quotes' ; DROP TABLE mocks; --\n{}",
            "Sign-ups grew 12% in 6 weeks. ".repeat(10_000)
        );
        let d2 = ok!(s
            .save_draft(a, m, slot(0, 0, 0), "q-ownership", &long, 120)
            .await);
        assert_eq!((d2.started_at, d2.updated_at), (110, 120));
        assert_eq!(d2.text, long);
        assert_eq!(
            (d2.submitted_at, d2.elapsed_seconds, d2.report_json),
            (None, None, None)
        );
        assert_eq!(
            ok!(s.mock(a, m).await).map(|m| m.updated_at),
            Some(120),
            "the mock moved too"
        );

        // Handing in keeps started_at and records the rest.
        let mut handed = submission("q-ownership", &long);
        handed.text.push_str("\nThe end.");
        let done = ok!(s.submit_answer(a, m, slot(0, 0, 0), &handed, 130).await);
        assert_eq!(
            (done.started_at, done.updated_at, done.submitted_at),
            (110, 130, Some(130))
        );
        assert_eq!(done.text, handed.text);
        assert_eq!(done.elapsed_seconds, Some(95));
        assert_eq!(
            done.report_json.as_deref(),
            Some(handed.report_json.as_str())
        );
        assert!(done.is_submitted());

        // A late autosave, or a second submission, is refused and changes nothing.
        match s
            .save_draft(a, m, slot(0, 0, 0), "q-ownership", "overwritten", 140)
            .await
        {
            Err(
                e @ StoreError::Invalid {
                    field: "answer", ..
                },
            ) => assert_eq!(
                e.to_string(),
                "invalid answer: that answer was already handed in"
            ),
            other => panic!("expected Invalid answer, got {other:?}"),
        }
        expect_invalid(
            s.submit_answer(
                a,
                m,
                slot(0, 0, 0),
                &submission("q-ownership", "again"),
                150,
            )
            .await,
            "answer",
        );
        assert_eq!(ok!(s.mock_answers(a, m).await), vec![done.clone()]);
        assert_eq!(
            ok!(s.mock(a, m).await).map(|m| m.updated_at),
            Some(130),
            "refusals roll back"
        );

        // Submitting with no draft creates the answer; order is round, question, probe (numeric).
        let probe = ok!(s
            .submit_answer(a, m, slot(0, 0, 1), &submission("p-why", "Because"), 160)
            .await);
        assert_eq!((probe.started_at, probe.submitted_at), (160, Some(160)));
        ok!(s.save_draft(a, m, slot(1, 0, 0), "q-dive", "", 170).await);
        ok!(s
            .save_draft(a, m, slot(0, 10, 0), "q-ten", "ten", 171)
            .await);
        ok!(s.save_draft(a, m, slot(0, 2, 0), "q-two", "two", 172).await);
        let answers = ok!(s.mock_answers(a, m).await);
        assert_eq!(
            answers.iter().map(|x| x.slot).collect::<Vec<_>>(),
            vec![
                slot(0, 0, 0),
                slot(0, 0, 1),
                slot(0, 2, 0),
                slot(0, 10, 0),
                slot(1, 0, 0)
            ]
        );
        assert_eq!(answers[0], done);
        assert_eq!(answers[4].text, "", "an empty draft is kept as empty");

        // What the store refuses.
        expect_invalid(
            s.save_draft(a, m, slot(-1, 0, 0), "q", "x", 1).await,
            "round_index",
        );
        expect_invalid(
            s.save_draft(a, m, slot(0, -1, 0), "q", "x", 1).await,
            "question_index",
        );
        expect_invalid(
            s.save_draft(a, m, slot(0, 0, -1), "q", "x", 1).await,
            "probe_index",
        );
        expect_invalid(
            s.save_draft(a, m, slot(0, 0, 0), " ", "x", 1).await,
            "prompt_id",
        );
        expect_invalid(
            s.save_draft(a, m, slot(2, 0, 0), "q", "a\0b", 1).await,
            "text",
        );
        expect_invalid(
            s.submit_answer(a, m, slot(2, 0, 0), &submission("q", "a\0b"), 1)
                .await,
            "text",
        );
        let mut bad = submission("q", "x");
        bad.elapsed_seconds = -1;
        expect_invalid(
            s.submit_answer(a, m, slot(2, 0, 0), &bad, 1).await,
            "elapsed_seconds",
        );
        bad = submission("q", "x");
        bad.report_json = "score=3".to_owned();
        expect_invalid(
            s.submit_answer(a, m, slot(2, 0, 0), &bad, 1).await,
            "report_json",
        );
        let missing = m + 1000;
        expect_not_found(
            s.save_draft(a, missing, slot(0, 0, 0), "q", "x", 1).await,
            "mock",
        );
        expect_not_found(
            s.submit_answer(a, missing, slot(0, 0, 0), &submission("q", "x"), 1)
                .await,
            "mock",
        );
        expect_not_found(s.mock_answers(a, missing).await, "mock");
        assert_eq!(ok!(s.mock_answers(a, m).await).len(), 5);

        // The answers survive a restart.
        let again = db.reopen().await;
        assert_eq!(ok!(again.mock_answers(a, m).await), answers);
        again.close().await;
    })
    .await;
}

#[tokio::test]
async fn deleting_a_mock_removes_its_rounds_and_answers_but_keeps_attempts() {
    each_backend("mock_cascade", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let doomed = ok!(s.create_mock(a, &new_mock("amazon"), 100).await).id;
        let kept = ok!(s.create_mock(a, &new_mock("google"), 100).await).id;
        for m in [doomed, kept] {
            ok!(s.start_round(a, m, 0, 110).await);
            ok!(s.save_draft(a, m, slot(0, 0, 0), "q-a", "draft", 120).await);
            ok!(s
                .submit_answer(a, m, slot(0, 1, 0), &submission("q-b", "done"), 130)
                .await);
        }
        let from_doomed = ok!(s.record_attempt(a, &from_mock(doomed, "q-b"), 130).await);
        let from_kept = ok!(s.record_attempt(a, &from_mock(kept, "q-b"), 131).await);

        ok!(s.delete_mock(a, doomed).await);
        expect_not_found(s.round_clocks(a, doomed).await, "mock");
        expect_not_found(s.mock_answers(a, doomed).await, "mock");
        assert_eq!(count_rows(db, "SELECT COUNT(*) FROM mock_rounds").await, 1);
        assert_eq!(count_rows(db, "SELECT COUNT(*) FROM mock_answers").await, 2);
        assert_eq!(ok!(s.round_clocks(a, kept).await).len(), 1);
        assert_eq!(ok!(s.mock_answers(a, kept).await).len(), 2);

        // The history keeps the attempt, no longer linked to a mock.
        let attempts = ok!(s.attempts(a).await);
        assert_eq!(attempts.len(), 2);
        assert_eq!(
            attempts[0],
            debrief_store::Attempt {
                mock_id: None,
                ..from_doomed
            }
        );
        assert_eq!(attempts[1], from_kept);
    })
    .await;
}

#[tokio::test]
async fn attempts_come_back_oldest_first_and_recent_questions_newest_first() {
    each_backend("attempts", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let m = ok!(s.create_mock(a, &new_mock("amazon"), 50).await).id;

        let mut rich = practice(Some("q-launch"), 88);
        rich.answer = format!("Ich habe — 日本 🚀\n{}", "12% in 6 weeks. ".repeat(5_000));
        rich.summary_json = "{ \"lps\" : [\"ownership\"],\n \"x\": 2.50 }".to_owned();
        let late = ok!(s.record_attempt(a, &rich, 300).await);
        let early = ok!(s.record_attempt(a, &practice(None, 0), 100).await);
        let mut bare = practice(Some("q-metrics"), 100);
        bare.role = None;
        bare.company = None;
        let mid = ok!(s.record_attempt(a, &bare, 200).await);
        let same_second = ok!(s.record_attempt(a, &from_mock(m, "q-launch"), 300).await);
        assert_eq!(
            ok!(s.attempts(a).await),
            vec![early, mid, late.clone(), same_second.clone()],
            "oldest first; the same second in the order recorded"
        );
        assert_eq!(late.answer, rich.answer);
        assert_eq!(late.summary_json, rich.summary_json);
        assert_eq!((late.user_id, late.created_at, late.score), (a, 300, 88));
        assert_eq!(same_second.mock_id, Some(m));
        assert_eq!(same_second.source, "mock");

        // Recent questions: attempts and the user's mock answers (questions, not probes),
        // each once at its latest time, newest first; ties by id.
        ok!(s
            .save_draft(a, m, slot(0, 0, 0), "q-draft-only", "typing", 250)
            .await);
        ok!(s
            .submit_answer(a, m, slot(0, 0, 1), &submission("p-probe", "x"), 400)
            .await);
        ok!(s
            .save_draft(a, m, slot(0, 1, 0), "q-metrics", "again", 350)
            .await);
        ok!(s
            .record_attempt(a, &practice(Some("q-tie-b"), 10), 320)
            .await);
        ok!(s
            .record_attempt(a, &practice(Some("q-tie-a"), 10), 320)
            .await);
        let recent = ok!(s.recent_question_ids(a, 10).await);
        assert_eq!(
            recent,
            [
                "q-metrics",
                "q-tie-a",
                "q-tie-b",
                "q-launch",
                "q-draft-only"
            ],
            "p-probe names a probe, not a question"
        );
        assert_eq!(
            ok!(s.recent_question_ids(a, 2).await),
            ["q-metrics", "q-tie-a"]
        );
        assert!(ok!(s.recent_question_ids(a, 0).await).is_empty());

        // What the store refuses.
        let refuse = async |attempt: NewAttempt, field: &str| {
            expect_invalid(s.record_attempt(a, &attempt, 1).await, field);
        };
        refuse(
            NewAttempt {
                source: "drill".into(),
                ..practice(None, 1)
            },
            "source",
        )
        .await;
        refuse(
            NewAttempt {
                role: Some("swe".into()),
                ..practice(None, 1)
            },
            "role",
        )
        .await;
        refuse(practice(None, 101), "score").await;
        refuse(
            NewAttempt {
                answer: "nul \0 inside".into(),
                ..practice(None, 1)
            },
            "answer",
        )
        .await;
        refuse(practice(None, -1), "score").await;
        refuse(
            NewAttempt {
                round_kind: " ".into(),
                ..practice(None, 1)
            },
            "round_kind",
        )
        .await;
        refuse(
            NewAttempt {
                rating: String::new(),
                ..practice(None, 1)
            },
            "rating",
        )
        .await;
        refuse(
            NewAttempt {
                summary_json: "{".into(),
                ..practice(None, 1)
            },
            "summary_json",
        )
        .await;
        refuse(
            NewAttempt {
                mock_id: Some(m),
                ..practice(None, 1)
            },
            "mock_id",
        )
        .await;
        refuse(
            NewAttempt {
                mock_id: None,
                ..from_mock(m, "q")
            },
            "mock_id",
        )
        .await;
        expect_not_found(
            s.record_attempt(a, &from_mock(m + 1000, "q"), 1).await,
            "mock",
        );
        expect_not_found(
            s.record_attempt(a + 1000, &practice(None, 1), 1).await,
            "user",
        );
        assert_eq!(ok!(s.attempts(a).await).len(), 6);
    })
    .await;
}

#[tokio::test]
async fn artifact_attempts_are_kept_and_read_one_at_a_time() {
    each_backend("artifact_attempts", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bob").await;
        let drill = NewAttempt {
            source: "artifact".to_owned(),
            round_kind: "artifact:prfaq".to_owned(),
            question_id: None,
            answer: "## Press release\nToday we launched.".to_owned(),
            summary_json: r#"{"artifact":{"kind":"prfaq","prompt":"prfaq-1"}}"#.to_owned(),
            ..practice(None, 48)
        };
        let kept = ok!(s.record_attempt(a, &drill, 500).await);
        assert_eq!(kept.source, "artifact");
        assert_eq!(ok!(s.attempt(a, kept.id).await), Some(kept.clone()));
        assert_eq!(ok!(s.attempts(a).await), vec![kept.clone()]);
        // Another user's attempt, or one that is not there, reads as none.
        assert_eq!(ok!(s.attempt(b, kept.id).await), None);
        assert_eq!(ok!(s.attempt(a, kept.id + 1000).await), None);
        // A drill belongs to no mock, and counts as no Practice answer.
        let m = ok!(s.create_mock(a, &new_mock("amazon"), 10).await).id;
        expect_invalid(
            s.record_attempt(
                a,
                &NewAttempt {
                    mock_id: Some(m),
                    ..drill.clone()
                },
                1,
            )
            .await,
            "mock_id",
        );
        assert!(ok!(s.latest_practice_answers(a, 5).await).is_empty());
        assert!(ok!(s.recent_question_ids(a, 5).await).is_empty());
    })
    .await;
}

#[tokio::test]
async fn review_cards_upsert_and_come_due() {
    each_backend("cards", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        assert!(ok!(s.cards(a).await).is_empty());
        assert_eq!(ok!(s.card(a, "kind:behavioral").await), None);

        let fresh = ReviewCard {
            card: "lp:ownership".to_owned(),
            state: "new".to_owned(),
            due: 1_000,
            stability: 0.0,
            difficulty: 0.0,
            reps: 0,
            lapses: 0,
            last_review: None,
        };
        ok!(s.put_card(a, &fresh).await);
        assert_eq!(ok!(s.card(a, "lp:ownership").await), Some(fresh.clone()));

        // Several at once, and an upsert that replaces every field.
        let mut learnt = review_card("lp:ownership", 5_000);
        learnt.lapses = 1;
        learnt.state = "relearning".to_owned();
        ok!(s
            .put_cards(
                a,
                &[
                    review_card("kind:behavioral", 3_000),
                    learnt.clone(),
                    review_card("lp:dive-deep", 3_000),
                    review_card("kind:product-sense", 9_000),
                ]
            )
            .await);
        assert_eq!(ok!(s.card(a, "lp:ownership").await), Some(learnt.clone()));
        assert_eq!(
            keys(&ok!(s.cards(a).await)),
            [
                "kind:behavioral",
                "lp:dive-deep",
                "lp:ownership",
                "kind:product-sense"
            ],
            "by due, then key"
        );
        assert_eq!(
            keys(&ok!(s.due_cards(a, 5_000).await)),
            ["kind:behavioral", "lp:dive-deep", "lp:ownership"],
            "due at or before the time given"
        );
        assert_eq!(
            keys(&ok!(s.due_cards(a, 4_999).await)),
            ["kind:behavioral", "lp:dive-deep"]
        );
        assert!(ok!(s.due_cards(a, 2_999).await).is_empty());

        // Floats come back bit for bit.
        for (i, value) in [
            0.1 + 0.2,
            1e-300,
            123_456.789_012_345_6,
            2.0,
            f64::MAX,
            5e-324,
        ]
        .into_iter()
        .enumerate()
        {
            let mut card = review_card(&format!("lp:float-{i}"), 10_000);
            card.stability = value;
            card.difficulty = value / 3.0;
            ok!(s.put_card(a, &card).await);
            let back = ok!(s.card(a, &card.card).await).unwrap_or_else(|| panic!("{value}"));
            assert_eq!(back.stability.to_bits(), value.to_bits(), "{value}");
            assert_eq!(
                back.difficulty.to_bits(),
                (value / 3.0).to_bits(),
                "{value}"
            );
        }

        // What the store refuses; a batch with one bad card writes none of them.
        let refuse = async |card: ReviewCard, field: &str| {
            expect_invalid(s.put_card(a, &card).await, field);
            expect_invalid(
                s.put_cards(a, &[review_card("lp:new-one", 1), card]).await,
                field,
            );
        };
        refuse(
            ReviewCard {
                state: "due".into(),
                ..review_card("lp:x", 1)
            },
            "state",
        )
        .await;
        refuse(review_card(" ", 1), "card").await;
        refuse(
            ReviewCard {
                stability: f64::NAN,
                ..review_card("lp:x", 1)
            },
            "stability",
        )
        .await;
        refuse(
            ReviewCard {
                stability: -1.0,
                ..review_card("lp:x", 1)
            },
            "stability",
        )
        .await;
        refuse(
            ReviewCard {
                difficulty: f64::INFINITY,
                ..review_card("lp:x", 1)
            },
            "difficulty",
        )
        .await;
        refuse(
            ReviewCard {
                reps: -1,
                ..review_card("lp:x", 1)
            },
            "reps",
        )
        .await;
        refuse(
            ReviewCard {
                lapses: -1,
                ..review_card("lp:x", 1)
            },
            "lapses",
        )
        .await;
        assert_eq!(ok!(s.card(a, "lp:new-one").await), None);
        expect_not_found(s.put_card(a + 1000, &fresh).await, "user");
        expect_not_found(
            s.put_cards(a + 1000, &[fresh.clone(), review_card("lp:y", 1)])
                .await,
            "user",
        );
        assert_eq!(ok!(s.cards(a).await).len(), 10);
    })
    .await;
}

#[tokio::test]
async fn users_cannot_touch_each_others_mocks_attempts_or_cards() {
    each_backend("mock_isolation", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bob").await;

        let m = ok!(s.create_mock(a, &new_mock("amazon"), 10).await).id;
        ok!(s.start_round(a, m, 0, 11).await);
        ok!(s
            .save_draft(a, m, slot(0, 0, 0), "q-ada", "ada's draft", 12)
            .await);
        ok!(s
            .submit_answer(a, m, slot(0, 1, 0), &submission("q-ada-2", "ada's"), 13)
            .await);
        let attempt = ok!(s.record_attempt(a, &from_mock(m, "q-ada-2"), 13).await);
        ok!(s.put_card(a, &review_card("lp:ownership", 100)).await);
        let mock_before = ok!(s.mock(a, m).await);
        let rounds_before = ok!(s.round_clocks(a, m).await);
        let answers_before = ok!(s.mock_answers(a, m).await);

        // Reads.
        assert_eq!(ok!(s.mock(b, m).await), None);
        assert!(ok!(s.mocks(b).await).is_empty());
        expect_not_found(s.round_clocks(b, m).await, "mock");
        expect_not_found(s.mock_answers(b, m).await, "mock");
        assert!(ok!(s.attempts(b).await).is_empty());
        assert!(ok!(s.recent_question_ids(b, 10).await).is_empty());
        assert_eq!(ok!(s.card(b, "lp:ownership").await), None);
        assert!(ok!(s.cards(b).await).is_empty());
        assert!(ok!(s.due_cards(b, i64::MAX).await).is_empty());

        // Writes into Ada's mock: refused as if it did not exist.
        expect_not_found(s.start_round(b, m, 0, 20).await, "mock");
        expect_not_found(s.start_round(b, m, 1, 20).await, "mock");
        expect_not_found(s.end_round(b, m, 0, 20).await, "mock");
        expect_not_found(
            s.save_draft(b, m, slot(0, 0, 0), "q-ada", "bob", 20).await,
            "mock",
        );
        expect_not_found(
            s.save_draft(b, m, slot(5, 0, 0), "q-new", "bob", 20).await,
            "mock",
        );
        expect_not_found(
            s.submit_answer(b, m, slot(0, 0, 0), &submission("q-ada", "bob"), 20)
                .await,
            "mock",
        );
        expect_not_found(
            s.submit_answer(b, m, slot(6, 0, 0), &submission("q-new", "bob"), 20)
                .await,
            "mock",
        );
        expect_not_found(s.finish_mock(b, m, "{\"by\":\"bob\"}", 20).await, "mock");
        expect_not_found(s.record_attempt(b, &from_mock(m, "q"), 20).await, "mock");
        expect_not_found(s.delete_mock(b, m).await, "mock");

        // Bob's card of the same key is his own.
        ok!(s.put_card(b, &review_card("lp:ownership", 999)).await);
        assert_eq!(
            ok!(s.card(b, "lp:ownership").await).map(|c| c.due),
            Some(999)
        );

        // Ada's data is exactly as she left it.
        assert_eq!(ok!(s.mock(a, m).await), mock_before);
        assert_eq!(ok!(s.round_clocks(a, m).await), rounds_before);
        assert_eq!(ok!(s.mock_answers(a, m).await), answers_before);
        assert_eq!(ok!(s.attempts(a).await), vec![attempt]);
        assert_eq!(
            ok!(s.card(a, "lp:ownership").await),
            Some(review_card("lp:ownership", 100))
        );
        assert_eq!(
            ok!(s.recent_question_ids(a, 10).await),
            ["q-ada-2", "q-ada"]
        );
        assert_eq!(count_rows(db, "SELECT COUNT(*) FROM mock_rounds").await, 1);
        assert_eq!(count_rows(db, "SELECT COUNT(*) FROM mock_answers").await, 2);
    })
    .await;
}

/// The child's side of the draft durability test: saves drafts until killed, printing after
/// each save_draft call returns.
pub(crate) async fn save_drafts_until_killed(store: &Store, user_id: i64) {
    use std::io::Write;
    let mock = ok!(store.create_mock(user_id, &new_mock("amazon"), 1).await);
    println!("CHILD mock {}", mock.id);
    println!("CHILD drafting");
    let _ = std::io::stdout().flush();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut i = 0;
    while Instant::now() < deadline {
        let text = draft_text(i);
        // One slot per save, and one slot that every save replaces.
        ok!(store
            .save_draft(user_id, mock.id, slot(0, i, 0), "q", &text, i)
            .await);
        ok!(store
            .save_draft(user_id, mock.id, slot(1, 0, 0), "q", &text, i)
            .await);
        println!("CHILD saved {i}");
        let _ = std::io::stdout().flush();
        i += 1;
    }
}

fn draft_text(i: i64) -> String {
    format!("draft {i}: I led — 日本 🚀\n{}", "typing ".repeat(300))
}

#[tokio::test]
async fn drafts_survive_a_sigkill() {
    each_backend("draft_sigkill", async |db: &Db| {
        let a = user(&db.store, "ada").await;
        let dir = ok!(tempfile::tempdir());
        let (mut child, mut out) = spawn_child(db, "drafts", a, &dir.path().join("go"));
        let seen = wait_for(&mut out, "drafting");
        let mock_id: i64 = seen
            .iter()
            .find_map(|line| line.split("CHILD mock ").nth(1)?.parse().ok())
            .unwrap_or_else(|| panic!("no mock id in {seen:?}"));
        wait_for(&mut out, "saved 40");
        ok!(child.kill());
        let status = ok!(child.wait());
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(9), "killed by SIGKILL: {status:?}");
        }
        // Every line the child finished printing is a save that had returned.
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut rest);
        let complete = match rest.rfind('\n') {
            Some(end) => &rest[..end],
            None => "",
        };
        let last = complete
            .lines()
            .filter_map(|line| line.split("CHILD saved ").nth(1)?.parse::<i64>().ok())
            .max()
            .unwrap_or(40);

        // Reopen as a new process would.
        let store = db.reopen().await;
        let answers = ok!(store.mock_answers(a, mock_id).await);
        let per_slot: Vec<&debrief_store::MockAnswer> =
            answers.iter().filter(|x| x.slot.round_index == 0).collect();
        assert!(
            per_slot.len() as i64 == last + 1 || per_slot.len() as i64 == last + 2,
            "{}: {} drafts kept, {} returned",
            db.label(),
            per_slot.len(),
            last + 1
        );
        for (i, answer) in per_slot.iter().enumerate() {
            assert_eq!(answer.slot, slot(0, i as i64, 0));
            assert_eq!(answer.text, draft_text(i as i64), "{}", db.label());
        }
        let replaced = answers
            .iter()
            .find(|x| x.slot == slot(1, 0, 0))
            .unwrap_or_else(|| panic!("the replaced slot is missing"));
        assert!(
            replaced.text == draft_text(last) || replaced.text == draft_text(last + 1),
            "{}: the replaced slot holds an older draft than the last returned ({last})",
            db.label()
        );
        ok!(store
            .save_draft(a, mock_id, slot(2, 0, 0), "q", "after the crash", 99)
            .await);
        store.close().await;
        if let Some(path) = db.sqlite_path() {
            let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await);
            let (check,): (String,) = ok!(sqlx::query_as("PRAGMA integrity_check")
                .fetch_one(&raw)
                .await);
            assert_eq!(check, "ok");
            raw.close().await;
        }
    })
    .await;
}
