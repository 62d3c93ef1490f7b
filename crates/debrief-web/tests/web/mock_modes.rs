//! The start form's choice of rounds and mode, over real HTTP with JavaScript off: a quick
//! loop, one round, and interview mode, where no score, finding or reason for a follow-up shows
//! until the debrief.

use reqwest::StatusCode;

use crate::harness::{Browser, Data, Server, hidden};

/// Starts a mock with the form's fields, from the form's page; returns the response.
async fn start(browser: &Browser, extra: &[(&str, &str)]) -> crate::harness::Page {
    assert_eq!(browser.get("/mock").await.status, StatusCode::OK);
    let mut form = vec![("company", "amazon"), ("role", "pmm"), ("level", "l5")];
    form.extend_from_slice(extra);
    browser.post_form("/mock", &form).await
}

/// Absolute claims in a pitch: the probe that follows quotes them.
/// An answer to the quick loop's first round, the phone screen: a result with no number.
const CLAIMS: &str = "The rep kept promising an integration we did not have. I sat in on three of \
                      his calls and wrote him a one-page guide. The misfires improved a lot.";

#[tokio::test]
async fn the_start_form_offers_every_scope_and_mode_and_keeps_the_choice_on_an_error() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let page = browser.get("/mock").await;
    page.is_page()
        .has(r#"<input type="radio" name="scope" value="full" checked>"#)
        .has(r#"<input type="radio" name="scope" value="quick">"#)
        .has(r#"<input type="radio" name="mode" value="practice" checked>"#)
        .has(r#"<input type="radio" name="mode" value="interview">"#)
        .has(r#"<optgroup label="Amazon PMM">"#)
        .has(r#"<option value="amazon-pmm/launch-plan">"#)
        .has(r#"<optgroup label="Amazon PM (PM-T)">"#)
        .has(r#"<option value="amazon-pm-t/system-design">"#);

    // A round of another loop is refused, with the loops named and the choices kept.
    let page = start(
        &browser,
        &[
            ("scope", "round"),
            ("round", "amazon-pm/bar-raiser"),
            ("mode", "interview"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .has("belongs to the Amazon PM loop, not the Amazon PMM loop")
        .has(r#"<input type="radio" name="scope" value="round" checked>"#)
        .has(r#"<input type="radio" name="mode" value="interview" checked>"#)
        .has(r#"<option value="amazon-pm/bar-raiser" selected>"#);
    let page = start(&browser, &[("scope", "round")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("Pick the round to run");
    let page = start(&browser, &[("mode", "silent")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("There is no mode “silent”");
    // A round id the loop does not have says which it has.
    let page = start(
        &browser,
        &[("scope", "round"), ("round", "amazon-pmm/gtm-cse")],
    )
    .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("did you mean").has("gtm-case");
    server.stop().await;
}

#[tokio::test]
async fn a_quick_loop_in_interview_mode_shows_no_score_until_the_debrief() {
    let data = Data::new();
    let server = Server::local_seeded(&data, 7).await;
    let browser = server.browser();
    let page = start(&browser, &[("scope", "quick"), ("mode", "interview")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let mock = page.location().to_owned();
    let page = browser.get(&mock).await;
    page.is_page()
        .has("Quick loop: 3 of the loop's 8 rounds")
        .has("Interview mode: no score until the debrief")
        .has("Round 1 of 3")
        .has("Phone screen with the hiring manager or a peer")
        .has("Bar Raiser");

    let page = browser
        .post_form(
            &format!("{mock}/answer"),
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "0"),
                ("text", CLAIMS),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    assert_eq!(page.location(), format!("{mock}#answer"));
    let page = browser.get(&mock).await;
    page.is_page()
        .has("Handed in: Round 1, Phone screen with the hiring manager or a peer: question 1.")
        .has("The interviewer follows up")
        .has("You said “")
        .has("The misfires improved a lot");
    for hidden_text in [
        "Feedback on your last answer",
        "/100",
        "Why they ask",
        "Instead:",
    ] {
        assert!(
            !page.text.contains(hidden_text),
            "interview mode shows {hidden_text:?}"
        );
    }
    assert_eq!(hidden(&page, "probe"), "1");

    // The debrief, at the end, has the scores.
    let page = browser.post_form(&format!("{mock}/finish"), &[]).await;
    assert_eq!(page.location(), format!("{mock}/debrief"));
    browser
        .get(&format!("{mock}/debrief"))
        .await
        .is_page()
        .has("Rating per round")
        .has("The misfires improved a lot")
        .has(&format!(r#"href="{mock}/summary""#))
        .has("Appendix: the full debrief and every answer");
    // The one-page summary: the decision, the fixes, a line per round and per principle.
    let page = browser.get(&format!("{mock}/summary")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("Debrief summary: Amazon PMM, L5")
        .has("No hire at L5")
        .has("Phone screen with the hiring manager or a peer")
        .has("Customer Obsession")
        .has("Not tested");
    assert!(
        !page.text.contains("Every answer"),
        "the summary leaves the transcript out"
    );
    server.stop().await;
}

#[tokio::test]
async fn one_round_in_practice_mode_reports_after_each_answer() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let page = start(
        &browser,
        &[("scope", "round"), ("round", "amazon-pmm/bar-raiser")],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let mock = page.location().to_owned();
    let page = browser.get(&mock).await;
    page.is_page()
        .has("One round: 1 of the loop's 8 rounds")
        .has("Round 1 of 1")
        .has("Bar Raiser")
        .has("Question 1 of 4");
    assert!(!page.text.contains("Interview mode"));
    let page = browser
        .post_form(
            &format!("{mock}/answer"),
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "0"),
                (
                    "text",
                    "We helped the team and aligned with stakeholders. It went well.",
                ),
            ],
        )
        .await;
    assert_eq!(page.location(), format!("{mock}#feedback"));
    browser
        .get(&mock)
        .await
        .has("Feedback on your last answer")
        .has("/100");
    server.stop().await;
}
