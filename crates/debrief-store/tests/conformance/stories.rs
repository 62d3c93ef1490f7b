//! Stories, isolation between users, fit results, plans, offers and profiles.

use super::*;

#[tokio::test]
async fn stories_round_trip_and_order() {
    each_backend("stories", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;

        let mut full = story("Launch in Japan — 日本");
        full.tags = vec!["z".into(), "a".into(), "with, comma \"quoted\"".into()];
        full.lps = vec!["ownership".into(), "dive-deep".into()];
        full.situation = "line one\nline two\ttab 'quote' ; DROP TABLE stories; --".into();
        let first = ok!(s.add_story(a, &full, 100).await);
        assert_eq!(first.story, full, "every field comes back as given");
        assert_eq!((first.created_at, first.updated_at), (100, 100));
        assert_eq!(ok!(s.story(a, first.id).await), Some(first.clone()));

        let mut bare = Story {
            title: "bare".into(),
            ..Story::default()
        };
        bare.role = None;
        let second = ok!(s.add_story(a, &bare, 200).await);
        assert_eq!(second.story, bare);
        let third = ok!(s.add_story(a, &story("third"), 200).await);

        // Newest update first; the same second keeps the order of adding.
        let ids =
            |v: Vec<debrief_store::SavedStory>| v.into_iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(
            ids(ok!(s.stories(a).await)),
            vec![second.id, third.id, first.id]
        );

        // Updating moves a story to the front and keeps created_at.
        let mut changed = first.story.clone();
        changed.result = "grew 30% in a quarter".into();
        changed.role = Some(Role::Pmm);
        changed.tags.clear();
        let updated = ok!(s.update_story(a, first.id, &changed, 300).await);
        assert_eq!(updated.story, changed);
        assert_eq!((updated.created_at, updated.updated_at), (100, 300));
        assert_eq!(ok!(s.story(a, first.id).await), Some(updated));
        assert_eq!(
            ids(ok!(s.stories(a).await)),
            vec![first.id, second.id, third.id]
        );

        // Delete, then it is gone, and deleting again says so.
        ok!(s.delete_story(a, second.id).await);
        assert_eq!(ok!(s.story(a, second.id).await), None);
        expect_not_found(s.delete_story(a, second.id).await, "story");
        expect_not_found(s.update_story(a, second.id, &bare, 400).await, "story");
        assert_eq!(ids(ok!(s.stories(a).await)), vec![first.id, third.id]);

        // What the store refuses.
        expect_invalid(s.add_story(a, &Story::default(), 1).await, "title");
        expect_not_found(s.add_story(a + 1000, &story("x"), 1).await, "user");

        // Import: all in one transaction, ids in the order given; a bad story stops all of them.
        let batch: Vec<Story> = (0..5).map(|i| story(&format!("imported {i}"))).collect();
        let imported = ok!(s.import_stories(a, &batch, 500).await);
        assert_eq!(imported.len(), 5);
        let listed = ok!(s.stories(a).await);
        let titles: Vec<&str> = listed
            .iter()
            .take(5)
            .map(|s| s.story.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "imported 0",
                "imported 1",
                "imported 2",
                "imported 3",
                "imported 4"
            ]
        );
        let mut with_bad = batch.clone();
        with_bad.push(Story::default());
        expect_invalid(s.import_stories(a, &with_bad, 600).await, "title");
        expect_not_found(s.import_stories(a + 1000, &batch, 600).await, "user");
        assert_eq!(ok!(s.stories(a).await).len(), 7);
    })
    .await;
}

#[tokio::test]
async fn users_cannot_touch_each_others_data() {
    each_backend("isolation", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bob").await;

        let sa = ok!(s.add_story(a, &story("ada's"), 10).await);
        let fa = ok!(s.save_fit(a, 10, r#"{"lean":"pm"}"#.to_owned()).await);
        let pa = ok!(s
            .create_plan(a, "amazon", "pm", "l6", "2026-09-01", 10)
            .await);
        ok!(s.set_item_done(a, pa, "w1-story", true, 11).await);

        // Reads.
        assert_eq!(ok!(s.story(b, sa.id).await), None);
        assert!(ok!(s.stories(b).await).is_empty());
        assert!(ok!(s.fit_results(b).await).is_empty());
        assert_eq!(ok!(s.plan(b, pa).await), None);
        assert!(ok!(s.plans(b).await).is_empty());
        expect_not_found(s.done_items(b, pa).await, "plan");

        // Writes.
        expect_not_found(
            s.update_story(b, sa.id, &story("bob was here"), 20).await,
            "story",
        );
        expect_not_found(s.delete_story(b, sa.id).await, "story");
        expect_not_found(s.set_item_done(b, pa, "w1-story", false, 20).await, "plan");
        expect_not_found(s.set_item_done(b, pa, "bobs-item", true, 20).await, "plan");
        expect_not_found(s.delete_plan(b, pa).await, "plan");

        // Ada's data is exactly as she left it.
        assert_eq!(ok!(s.story(a, sa.id).await), Some(sa));
        assert_eq!(ok!(s.fit_results(a).await), vec![fa]);
        assert_eq!(ok!(s.plans(a).await).len(), 1);
        assert_eq!(
            ok!(s.done_items(a, pa).await),
            BTreeSet::from(["w1-story".to_owned()])
        );

        // And Bob's own data stays his.
        let sb = ok!(s.add_story(b, &story("bob's"), 30).await);
        assert_eq!(ok!(s.stories(a).await).len(), 1);
        assert_eq!(ok!(s.stories(b).await), vec![sb]);
    })
    .await;
}

#[tokio::test]
async fn fit_results_come_back_newest_first_byte_for_byte() {
    each_backend("fit", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let old = ok!(s
            .save_fit(a, 100, "{ \"lean\" : -0.4,\n \"é\": [1, 2.50] }".to_owned())
            .await);
        let new = ok!(s.save_fit(a, 300, "{\"lean\":0.7}".to_owned()).await);
        let mid = ok!(s.save_fit(a, 200, "[]".to_owned()).await);
        let same_second = ok!(s.save_fit(a, 300, "{}".to_owned()).await);
        assert_eq!(
            ok!(s.fit_results(a).await),
            vec![same_second, new, mid, old.clone()]
        );
        assert_eq!(old.result_json, "{ \"lean\" : -0.4,\n \"é\": [1, 2.50] }");
        expect_invalid(s.save_fit(a, 1, "not json".to_owned()).await, "result_json");
        expect_not_found(s.save_fit(a + 1000, 1, "{}".to_owned()).await, "user");
    })
    .await;
}

#[tokio::test]
async fn plan_ticks_round_trip() {
    each_backend("plans", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let p1 = ok!(s
            .create_plan(a, "amazon", "pm", "l6", "2026-09-01", 100)
            .await);
        let p2 = ok!(s
            .create_plan(a, "google", "pmm", "l5", "2026-10-15", 200)
            .await);
        let plans = ok!(s.plans(a).await);
        assert_eq!(plans.iter().map(|p| p.id).collect::<Vec<_>>(), vec![p2, p1]);
        let plan = ok!(s.plan(a, p1).await).unwrap_or_else(|| panic!("plan {p1}"));
        assert_eq!(
            (
                plan.company.as_str(),
                plan.role.as_str(),
                plan.level.as_str()
            ),
            ("amazon", "pm", "l6")
        );
        assert_eq!(
            (plan.interview_date.as_str(), plan.created_at, plan.user_id),
            ("2026-09-01", 100, a)
        );
        assert_eq!(
            plan.groundwork_json, None,
            "a plan saved without groundwork"
        );
        assert_eq!(plan.track, None, "a plan for the role's own loop");
        let p3 = ok!(s
            .create_plan_from(
                a,
                "amazon",
                "pm",
                Some("pm-t"),
                "l5",
                "2026-11-01",
                50,
                Some("{\"bar\":60}")
            )
            .await);
        let with = ok!(s.plan(a, p3).await).unwrap_or_else(|| panic!("plan {p3}"));
        assert_eq!(with.groundwork_json.as_deref(), Some("{\"bar\":60}"));
        assert_eq!(
            with.track.as_deref(),
            Some("pm-t"),
            "the track's loop is kept"
        );
        let listed = ok!(s.plans(a).await);
        assert_eq!(
            listed
                .iter()
                .map(|p| p.groundwork_json.is_some())
                .collect::<Vec<_>>(),
            [false, false, true],
            "newest first: only the oldest has groundwork"
        );
        ok!(s.delete_plan(a, p3).await);

        assert!(ok!(s.done_items(a, p1).await).is_empty());
        ok!(s.set_item_done(a, p1, "w1-artifact", true, 110).await);
        ok!(s.set_item_done(a, p1, "w2-mock", true, 120).await);
        ok!(s.set_item_done(a, p1, "w2-mock", true, 130).await);
        ok!(s.set_item_done(a, p2, "w1-artifact", true, 130).await);
        let set = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        assert_eq!(
            ok!(s.done_items(a, p1).await),
            set(&["w1-artifact", "w2-mock"])
        );
        ok!(s.set_item_done(a, p1, "w1-artifact", false, 140).await);
        ok!(s.set_item_done(a, p1, "never-ticked", false, 140).await);
        assert_eq!(ok!(s.done_items(a, p1).await), set(&["w2-mock"]));
        assert_eq!(ok!(s.done_items(a, p2).await), set(&["w1-artifact"]));

        // The ticks survive a restart.
        let again = db.reopen().await;
        assert_eq!(ok!(again.done_items(a, p1).await), set(&["w2-mock"]));
        again.close().await;

        expect_invalid(
            s.create_plan(a, "amazon", "swe", "l6", "2026-09-01", 1)
                .await,
            "role",
        );
        expect_invalid(
            s.create_plan(a, "amazon", "pm", "l6", "09/01/2026", 1)
                .await,
            "interview_date",
        );
        expect_invalid(s.set_item_done(a, p1, "", true, 1).await, "item_id");
        expect_not_found(
            s.set_item_done(a, p1 + p2 + 1000, "x", true, 1).await,
            "plan",
        );
        expect_not_found(
            s.create_plan(a + 1000, "amazon", "pm", "l6", "2026-09-01", 1)
                .await,
            "user",
        );

        ok!(s.delete_plan(a, p1).await);
        assert_eq!(ok!(s.plan(a, p1).await), None);
        expect_not_found(s.done_items(a, p1).await, "plan");
        assert_eq!(ok!(s.done_items(a, p2).await), set(&["w1-artifact"]));
    })
    .await;
}

/// One text policy on both backends: a NUL in a story is refused the same way (never a raw
/// database error), a name with one matches no account, and a rate-limit key with one counts.
#[tokio::test]
async fn nul_characters_are_refused_alike_on_every_backend() {
    each_backend("nul", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "nul-owner").await;
        for field in ["title", "situation", "metrics", "tags"] {
            let mut bad = story("with a NUL");
            match field {
                "title" => bad.title = "bad\0title".into(),
                "situation" => bad.situation = "bad\0situation".into(),
                "metrics" => bad.metrics = "\0".into(),
                _ => bad.tags = vec!["ok".into(), "bad\0tag".into()],
            }
            match s.add_story(a, &bad, 1).await {
                Err(StoreError::Invalid { field: f, reason }) => {
                    assert_eq!(f, field, "{}", db.label());
                    assert!(reason.contains("NUL"), "{reason}");
                }
                other => panic!("{}: {field}: {other:?}", db.label()),
            }
            match s.import_stories(a, &[story("fine"), bad], 1).await {
                Err(StoreError::Invalid { .. }) => {}
                other => panic!("{}: import {field}: {other:?}", db.label()),
            }
        }
        assert!(ok!(s.stories(a).await).is_empty(), "nothing half-saved");
        assert_eq!(ok!(s.user_by_name("nul-owner\0").await), None);
        ok!(s.record_login_failure("user:x\0y@1.2.3.4", 10).await);
        assert_eq!(
            ok!(s.login_failures_since("user:x\0y@1.2.3.4", 0).await),
            1,
            "{}",
            db.label()
        );
    })
    .await;
}

#[tokio::test]
async fn offers_round_trip_per_user_and_refuse_bad_input() {
    each_backend("offers", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bo").await;
        let json = r#"{"name":"Amazon PM L6 — 日本","base":"150000"}"#;
        let first = ok!(s.save_offer(a, 100, "Amazon PM L6 — 日本", json).await);
        assert_eq!(first.offer_json, json, "kept byte for byte");
        let second = ok!(s.save_offer(a, 50, "Google PMM L5", "{}").await);
        let ids =
            |v: Vec<debrief_store::SavedOffer>| v.into_iter().map(|o| o.id).collect::<Vec<_>>();
        assert_eq!(
            ids(ok!(s.offers(a).await)),
            vec![second.id, first.id],
            "oldest first"
        );
        assert_eq!(ok!(s.offer(a, first.id).await), Some(first.clone()));

        // Another user neither sees nor deletes them.
        assert!(ok!(s.offers(b).await).is_empty());
        assert_eq!(ok!(s.offer(b, first.id).await), None);
        expect_not_found(s.delete_offer(b, first.id).await, "offer");
        assert_eq!(ok!(s.offers(a).await).len(), 2);

        expect_invalid(s.save_offer(a, 1, "  ", "{}").await, "name");
        expect_invalid(s.save_offer(a, 1, "x", "not json").await, "offer_json");
        expect_invalid(s.save_offer(a, 1, "a\0b", "{}").await, "name");
        expect_not_found(s.save_offer(9_999, 1, "x", "{}").await, "user");

        ok!(s.delete_offer(a, first.id).await);
        assert_eq!(ids(ok!(s.offers(a).await)), vec![second.id]);
        expect_not_found(s.delete_offer(a, first.id).await, "offer");
    })
    .await;
}

#[tokio::test]
async fn a_profile_is_one_row_per_user_replaced_and_cleared() {
    use debrief_store::NewProfile;
    each_backend("profiles", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bo").await;
        assert_eq!(ok!(s.profile(a).await), None, "nothing before a save");

        let first = NewProfile {
            company: "amazon",
            role: "pm",
            level: "l6",
            track: Some("pm-t"),
            interview_date: Some("2027-01-15"),
        };
        let saved = ok!(s.save_profile(a, &first, 100).await);
        assert_eq!(
            (
                saved.company.as_str(),
                saved.role.as_str(),
                saved.level.as_str(),
                saved.track.as_deref(),
                saved.interview_date.as_deref(),
                saved.updated_at
            ),
            ("amazon", "pm", "l6", Some("pm-t"), Some("2027-01-15"), 100)
        );
        assert_eq!(ok!(s.profile(a).await), Some(saved.clone()));

        // A second save replaces the row, optional fields included.
        let second = NewProfile {
            company: "google",
            role: "pmm",
            level: "l5",
            track: None,
            interview_date: None,
        };
        let replaced = ok!(s.save_profile(a, &second, 200).await);
        assert_eq!(replaced.track, None);
        assert_eq!(replaced.interview_date, None);
        assert_eq!(ok!(s.profile(a).await), Some(replaced.clone()));

        // Another user neither sees A's nor changes it by saving or clearing their own.
        assert_eq!(ok!(s.profile(b).await), None);
        assert!(!ok!(s.clear_profile(b).await), "B had none");
        let theirs = ok!(s.save_profile(b, &first, 300).await);
        assert_eq!(theirs.user_id, b);
        assert_eq!(ok!(s.profile(a).await), Some(replaced.clone()));
        assert!(ok!(s.clear_profile(b).await));
        assert_eq!(ok!(s.profile(a).await), Some(replaced));

        // Refused input leaves the row as it was.
        let bad = |f: fn(&mut NewProfile<'static>)| {
            let mut p = second;
            f(&mut p);
            p
        };
        expect_invalid(
            s.save_profile(a, &bad(|p| p.role = "pm-t"), 400).await,
            "role",
        );
        expect_invalid(
            s.save_profile(a, &bad(|p| p.company = " "), 400).await,
            "company",
        );
        expect_invalid(
            s.save_profile(a, &bad(|p| p.level = "l\0"), 400).await,
            "level",
        );
        expect_invalid(
            s.save_profile(a, &bad(|p| p.track = Some("")), 400).await,
            "track",
        );
        expect_invalid(
            s.save_profile(a, &bad(|p| p.interview_date = Some("15/01/2027")), 400)
                .await,
            "interview_date",
        );
        expect_not_found(s.save_profile(9_999, &second, 400).await, "user");
        assert_eq!(ok!(s.profile(a).await).map(|p| p.updated_at), Some(200));

        assert!(ok!(s.clear_profile(a).await));
        assert_eq!(ok!(s.profile(a).await), None);
        assert!(!ok!(s.clear_profile(a).await), "cleared already");
    })
    .await;
}
