//! The Pay page and the Offers page, through links and forms a browser with JavaScript off
//! uses: every figure with its source, offers saved and compared, problems beside their
//! fields, user text escaped.

use reqwest::StatusCode;

use crate::harness::App;

#[tokio::test]
async fn pay_shows_pm_and_pmm_by_level_with_sources_and_a_chart() {
    let app = App::start_builtin().await;
    let page = app.get("/pay").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("Pay: PM and PMM at Amazon")
        .has(r#"<svg class="chart-svg pay-spread""#)
        .has("<desc id=\"spread-desc\">")
        .has(r#"id="level-l5""#)
        .has(r#"id="level-l7""#)
        .has("How the stock and sign-on arrive")
        .has("year 1: 5% once")
        .has("Negotiating")
        .has(r#"rel="noopener noreferrer""#);
    // Every row links its source.
    let rows = page.body.matches(r#"<li class="pay-row">"#).count();
    let sources = page
        .body
        .matches(r#"<p class="pay-source small"><a href="https://"#)
        .count();
    assert!(rows >= 6, "PM and PMM at three levels at least: {rows}");
    assert!(sources >= rows, "{sources} sources for {rows} rows");

    let pmm = app.get("/pay?company=amazon&role=pmm&level=l6").await;
    pmm.is_page()
        .has(r#"id="level-l6""#)
        .lacks(r#"id="level-l5""#);
    assert!(
        !pmm.text
            .contains(r#"<span class="badge role-pm">PM</span>"#)
    );

    let google = app.get("/pay?company=google").await;
    google.is_page().has("Pay: PM and PMM at Google");

    let wrong = app.get("/pay?company=amazn").await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    wrong
        .is_page()
        .has("did you mean")
        .has(r#"href="/pay?company=amazon""#);
}

#[tokio::test]
async fn offers_are_saved_compared_and_deleted_without_javascript() {
    let app = App::start_builtin().await;
    app.get("/offers")
        .await
        .is_page()
        .has("No offer yet")
        .has(r#"action="/offers" method="post""#);

    // A bad offer: every problem beside its field, what was typed kept, nothing saved.
    let bad = app
        .post_form(
            "/offers",
            &[
                ("name", "Amazon <b>PM</b>"),
                ("base", "lots"),
                ("grant1_amount", "200000"),
                ("grant1_schedule", "nope"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    bad.is_page()
        .has("The offer was not saved")
        .has(r#"id="offer-base-error""#)
        .has("“lots” is not an amount")
        .has(r#"value="lots""#)
        .has("Unknown vesting schedule “nope”")
        .has("Amazon &lt;b&gt;PM&lt;/b&gt;")
        .lacks("<b>PM</b>");
    assert!(
        app.store
            .offers(app.store.local_user().await.expect("user").id)
            .await
            .expect("offers")
            .is_empty()
    );

    let amazon = app
        .post_form(
            "/offers",
            &[
                ("name", "Amazon PM L6 <script>"),
                ("company", "amazon"),
                ("base", "150000"),
                ("signon1", "55000"),
                ("signon2", "45,000"),
                ("grant1_amount", "150k"),
                ("grant1_schedule", "amazon"),
            ],
        )
        .await;
    assert_eq!(amazon.status, StatusCode::OK, "{}", amazon.text);
    amazon
        .is_page()
        .has("Amazon PM L6 &lt;script&gt;")
        .lacks("L6 <script>")
        // The published example: 212,500 / 217,500 / 210,000 / 210,000.
        .has("$212,500")
        .has("$217,500")
        .has("$210,000")
        .has(r#"<svg class="chart-svg offer-bars""#);

    app.post_form(
        "/offers",
        &[
            ("name", "Google PMM L5"),
            ("company", "google"),
            ("base", "170000"),
            ("bonus", "15%"),
            ("grant1_amount", "240000"),
            ("grant1_schedule", "google"),
        ],
    )
    .await;
    let both = app.get("/offers").await;
    both.is_page()
        .has("Side by side")
        // Google: 170,000 + 15% bonus 25,500 + 33% of 240,000 (79,200) = 274,700 in year one,
        // against Amazon's 212,500.
        .has("Google PMM L5 pays the most in the first year, $62,200 more than the next.")
        .has("First-year pay")
        .has("Four-year average")
        .has("Spread evenly")
        .has("$25,500");
    let saved = app
        .store
        .offers(app.store.local_user().await.expect("user").id)
        .await
        .expect("offers");
    assert_eq!(saved.len(), 2);

    let down = app
        .get(&format!(
            "/offers?compare={}&compare={}&stock_change=-30&leave_at=6",
            saved[0].id.get(),
            saved[1].id.get()
        ))
        .await;
    down.is_page()
        .has("share price -30% a year")
        .has("With the share price flat")
        .has("Leaving after 6 months")
        .has("$5,250");
    let nonsense = app.get("/offers?stock_change=lots&leave_at=999").await;
    nonsense
        .is_page()
        .has("“lots” is not a percentage")
        .has("“999” is not a month");

    let path = format!("/offers/{}/delete", saved[0].id.get());
    let after = app.post_form(&path, &[]).await;
    assert_eq!(after.status, StatusCode::OK);
    assert_eq!(
        app.store
            .offers(app.store.local_user().await.expect("user").id)
            .await
            .expect("offers")
            .len(),
        1
    );
    let again = app.post_form(&path, &[]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}
