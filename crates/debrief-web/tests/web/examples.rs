//! Model answers with JavaScript off: the Examples page, and the links to it beside questions.

use reqwest::StatusCode;

use crate::harness::{Data, Server};

#[tokio::test]
async fn model_answers_show_with_their_notes_and_the_graders_read_and_questions_link_to_them() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let page = browser.get("/examples?role=pmm&round=gtm-case").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("Model answers: Go-to-market case, PMM")
        .has("Strong answer")
        .has("Weak answer")
        .has("Why it is strong")
        .has("Why it is weak")
        .has("The grader:</strong>")
        .has(r#"href="/examples?role=pm&amp;round=behavioral""#)
        .has("Answer this question yourself");
    // The first card is a strong answer: strong ones come first.
    let first = page.text.find("Strong answer").expect("strong");
    let weak = page.text.find("Weak answer").expect("weak");
    assert!(first < weak);
    // A weak answer the grader rates hire says so instead of hiding it.
    let page = browser.get("/examples?role=pmm&round=estimation").await;
    page.is_page()
        .has("The grader’s rating disagrees with the label here");

    // A round kind that does not exist is a clear error with the near miss.
    let page = browser.get("/examples?round=gtm-cse").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("gtm-case");

    // The question bank and Practice link each question to its kind's model answers.
    let page = browser.get("/questions?role=pmm&round=gtm-case").await;
    page.has(r#"<a href="/examples?role=pmm&amp;round=gtm-case">Model answers for Go-to-market case (PMM)</a>"#);
    let page = browser.get("/practice?question=gtm-002").await;
    assert_eq!(page.status, StatusCode::OK);
    page.has(r#"href="/examples?role=pmm&amp;round=gtm-case""#);
    server.stop().await;
}
