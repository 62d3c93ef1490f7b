//! Users, sessions, failed logins and account admin.

use super::*;

#[tokio::test]
async fn usernames_are_unique_ignoring_case() {
    each_backend("users", async |db: &Db| {
        let s = &db.store;
        let ada = ok!(s.create_user("Ada", "hash-a").await);
        assert_eq!(ada.username, "Ada");
        assert_eq!(ada.password_hash, "hash-a");
        for dup in ["Ada", "ada", "ADA"] {
            match s.create_user(dup, "other").await {
                Err(e @ StoreError::UsernameTaken(_)) => {
                    assert_eq!(
                        e.to_string(),
                        format!("the username {dup:?} is already taken")
                    )
                }
                other => panic!("duplicate {dup}: {other:?}"),
            }
        }
        assert_eq!(ok!(s.user_by_name("aDa").await), Some(ada.clone()));
        assert_eq!(ok!(s.user_by_id(ada.id).await), Some(ada.clone()));
        assert_eq!(ok!(s.user_by_name("grace").await), None);
        assert_eq!(ok!(s.user_by_id(ada.id + 1000).await), None);
        expect_invalid(s.create_user(" ", "h").await, "username");

        // The local user is created once, has no password, and never leaks a hash into JSON.
        let local = ok!(s.local_user().await);
        assert_eq!(ok!(s.local_user().await), local);
        assert_eq!(local.username, debrief_store::LOCAL_USERNAME);
        assert!(local.password_hash.is_empty());
        let json = ok!(serde_json::to_string(&ada));
        assert!(!json.contains("hash-a"), "{json}");
    })
    .await;
}

#[tokio::test]
async fn sessions_expire_and_store_only_a_hash() {
    each_backend("sessions", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bob").await;
        let ta = ok!(debrief_store::new_session_token());
        let tb = ok!(debrief_store::new_session_token());
        ok!(s.create_session(a, &ta, 1_000).await);
        ok!(s.create_session(b, &tb, 2_000).await);

        assert_eq!(ok!(s.session_user(&ta, 999).await).map(|u| u.id), Some(a));
        assert_eq!(ok!(s.session_user(&tb, 999).await).map(|u| u.id), Some(b));
        assert_eq!(
            ok!(s.session_user(&ta, 1_000).await),
            None,
            "expired at expires_at"
        );
        assert_eq!(ok!(s.session_user("not-a-token", 0).await), None);
        assert_eq!(
            ok!(s.session_user(&hash_token(&ta), 0).await),
            None,
            "the hash is no token"
        );

        assert_eq!(ok!(s.delete_expired(1_500).await), 1);
        assert_eq!(ok!(s.session_user(&ta, 0).await), None, "deleted");
        assert_eq!(ok!(s.session_user(&tb, 1_999).await).map(|u| u.id), Some(b));
        ok!(s.delete_session(&tb).await);
        ok!(s.delete_session(&tb).await);
        assert_eq!(ok!(s.session_user(&tb, 0).await), None);

        ok!(s.create_session(a, "t1", 10).await);
        ok!(s.create_session(a, "t2", 10).await);
        assert_eq!(ok!(s.delete_user_sessions(a).await), 2);
        expect_not_found(s.create_session(a + b + 1000, "t3", 10).await, "user");

        if let Some(path) = db.sqlite_path() {
            let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await);
            ok!(s.create_session(a, &ta, 5_000).await);
            let rows: Vec<(String,)> = ok!(sqlx::query_as("SELECT token_hash FROM sessions")
                .fetch_all(&raw)
                .await);
            assert_eq!(rows, vec![(hash_token(&ta),)]);
            raw.close().await;
        }
    })
    .await;
}

#[tokio::test]
async fn failed_logins_are_counted_per_key_within_a_window_and_pruned() {
    each_backend("login_failures", async |db: &Db| {
        let s = &db.store;
        for at in [100, 200, 300] {
            ok!(s.record_login_failure("user:ada", at).await);
        }
        ok!(s.record_login_failure("ip:192.0.2.1", 250).await);
        assert_eq!(ok!(s.login_failures_since("user:ada", 0).await), 3);
        assert_eq!(
            ok!(s.login_failures_since("user:ada", 200).await),
            2,
            "since is inclusive"
        );
        assert_eq!(ok!(s.login_failures_since("user:ada", 301).await), 0);
        assert_eq!(ok!(s.login_failures_since("user:bob", 0).await), 0);
        assert_eq!(ok!(s.login_failures_since("ip:192.0.2.1", 0).await), 1);
        assert_eq!(
            ok!(s.oldest_login_failure_since("user:ada", 150).await),
            Some(200)
        );
        assert_eq!(ok!(s.oldest_login_failure_since("user:bob", 0).await), None);

        // A success clears one key only.
        assert_eq!(ok!(s.clear_login_failures("user:ada").await), 3);
        assert_eq!(ok!(s.login_failures_since("user:ada", 0).await), 0);
        assert_eq!(ok!(s.login_failures_since("ip:192.0.2.1", 0).await), 1);

        // Pruning drops what is older than the window, whatever the key.
        ok!(s.record_login_failure("user:ada", 400).await);
        assert_eq!(ok!(s.prune_login_failures(300).await), 1);
        assert_eq!(ok!(s.login_failures_since("ip:192.0.2.1", 0).await), 0);
        assert_eq!(ok!(s.login_failures_since("user:ada", 0).await), 1);
    })
    .await;
}

#[tokio::test]
async fn accounts_are_listed_removed_with_their_data_and_given_new_passwords() {
    each_backend("accounts", async |db: &Db| {
        let s = &db.store;
        let bob = user(s, "bob").await;
        let ada = user(s, "Ada").await;
        let local = ok!(s.local_user().await);
        let names: Vec<String> = ok!(s.users().await)
            .into_iter()
            .map(|u| u.username)
            .collect();
        assert_eq!(names, ["Ada", "bob", "local"], "by name, ignoring case");

        ok!(s
            .set_password_hash(ada, "$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3")
            .await);
        let stored = ok!(s.user_by_id(ada).await).map(|u| u.password_hash);
        assert_eq!(
            stored.as_deref(),
            Some("$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3")
        );
        assert!(matches!(
            s.set_password_hash(ada, "").await,
            Err(StoreError::Invalid { .. })
        ));
        assert!(matches!(
            s.set_password_hash(999_999, "$argon2id$x").await,
            Err(StoreError::NotFound { what: "user", .. })
        ));

        // Removing an account removes its data and sessions, and nobody else's.
        ok!(s.add_story(bob, &story("bob's story"), 10).await);
        ok!(s.add_story(ada, &story("ada's story"), 10).await);
        ok!(s.save_fit(bob, 10, "{}".to_owned()).await);
        let plan = ok!(s
            .create_plan(bob, "amazon", "pm", "l5", "2030-01-01", 10)
            .await);
        ok!(s.set_item_done(bob, plan, "w1-a", true, 11).await);
        let token = ok!(debrief_store::new_session_token());
        ok!(s.create_session(bob, &token, 1_000).await);
        ok!(s.delete_user(bob).await);
        assert!(ok!(s.user_by_name("bob").await).is_none());
        assert!(ok!(s.session_user(&token, 0).await).is_none());
        assert!(ok!(s.stories(bob).await).is_empty());
        assert!(ok!(s.fit_results(bob).await).is_empty());
        assert!(ok!(s.plans(bob).await).is_empty());
        assert_eq!(ok!(s.stories(ada).await).len(), 1);
        assert!(matches!(
            s.delete_user(bob).await,
            Err(StoreError::NotFound { what: "user", .. })
        ));
        let names: Vec<i64> = ok!(s.users().await).into_iter().map(|u| u.id).collect();
        assert_eq!(names, [ada, local.id]);
    })
    .await;
}
