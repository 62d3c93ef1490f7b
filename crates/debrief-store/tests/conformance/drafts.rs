//! Artifact drill drafts.

use super::*;

#[tokio::test]
async fn a_drill_draft_keeps_its_start_per_user_kind_and_prompt_until_dropped() {
    each_backend("drill drafts", async |db: &Db| {
        let s = &db.store;
        let ada = ok!(s.create_user("ada", "h").await).id;
        let bo = ok!(s.create_user("bo", "h").await).id;
        assert_eq!(ok!(s.drill_draft(ada, "prfaq", "prfaq-1").await), None);

        let first = ok!(s
            .save_drill_draft(ada, "prfaq", "prfaq-1", "## Press release", 100, 110)
            .await);
        assert_eq!(
            (first.text.as_str(), first.started_at, first.updated_at),
            ("## Press release", 100, 110)
        );
        // A later save replaces the text and keeps the first start, whatever it is sent.
        let second = ok!(s
            .save_drill_draft(ada, "prfaq", "prfaq-1", "## Press release\nToday", 150, 160)
            .await);
        assert_eq!(
            (second.text.as_str(), second.started_at, second.updated_at),
            ("## Press release\nToday", 100, 160)
        );
        assert_eq!(
            ok!(s.drill_draft(ada, "prfaq", "prfaq-1").await),
            Some(second.clone())
        );
        // A start in the future is the save's own time.
        let own = ok!(s
            .save_drill_draft(ada, "prfaq", "", "Own topic", 999, 170)
            .await);
        assert_eq!(own.started_at, 170);
        // Another prompt, another kind and another user are other drafts.
        assert_eq!(ok!(s.drill_draft(ada, "prd", "prfaq-1").await), None);
        assert_eq!(ok!(s.drill_draft(bo, "prfaq", "prfaq-1").await), None);
        assert!(!ok!(s.delete_drill_draft(bo, "prfaq", "prfaq-1").await));
        assert_eq!(
            ok!(s.drill_draft(ada, "prfaq", "prfaq-1").await),
            Some(second)
        );

        assert!(ok!(s.delete_drill_draft(ada, "prfaq", "prfaq-1").await));
        assert_eq!(ok!(s.drill_draft(ada, "prfaq", "prfaq-1").await), None);
        assert_eq!(ok!(s.drill_draft(ada, "prfaq", "").await), Some(own));

        expect_invalid(s.save_drill_draft(ada, " ", "", "x", 1, 1).await, "kind");
        expect_invalid(
            s.save_drill_draft(ada, "prd", "", "a\0b", 1, 1).await,
            "text",
        );
        assert!(matches!(
            s.save_drill_draft(ada + 1000, "prd", "", "x", 1, 1).await,
            Err(StoreError::NotFound { .. })
        ));
    })
    .await;
}
