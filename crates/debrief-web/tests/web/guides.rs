//! Guides with JavaScript off: the list, one guide with its citations linked to its sources and
//! where to practise, the links from the loop and fit pages, a clear 404 for an unknown guide,
//! and escaping of everything a content folder can put in a guide.

use std::sync::Arc;

use debrief_content::{SourceFile, built_in_files, load_layers};
use reqwest::StatusCode;

use crate::harness::{App, Data, Server};

#[tokio::test]
async fn the_guides_list_and_each_guide_show_their_prose_sources_and_where_to_practise() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();

    let page = browser.get("/guides").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("<h1>Guides</h1>")
        .has(r#"<a href="/guides" aria-current="page">Guides</a>"#)
        .has(r#"href="/guides/pm-or-pmm">PM or PMM: pick the loop you can win</a>"#)
        .has("Amazon loops")
        .has("Google loops")
        .has("Meta loops");
    for id in [
        "amazon-pm",
        "amazon-pmm",
        "google-pm",
        "google-pmm",
        "meta-pm",
        "meta-pmm",
    ] {
        page.has(&format!(r#"href="/guides/{id}""#));
        let guide = browser.get(&format!("/guides/{id}")).await;
        assert_eq!(guide.status, StatusCode::OK, "/guides/{id}");
        guide
            .is_page()
            .has(r##"<sup class="cite"><a href="#source-1" aria-label="source 1">[1]</a></sup>"##)
            .has(r#"<li id="source-1">"#)
            .has("Questions to practise")
            .has("Practice this question");
    }

    let page = browser.get("/guides/amazon-pm").await;
    page.has("<h1>The Amazon PM loop, round by round</h1>")
        .has("Amazon · PM · ")
        .has(" min read")
        .has(r#"<a href="/guides">Guides</a>"#)
        .has("<h2 id=\"section-1\">How the loop runs</h2>")
        .has(r##"<a href="#section-2">What each round listens for</a>"##)
        // A citation sits against the word it follows.
        .has(r#"about five interviews<sup class="cite">"#)
        // A page source opens at its address; a loop source at the loop page.
        .has(r#"href="https://amazon.jobs/content/en/how-we-hire/pm-t-interview-prep" rel="noreferrer""#)
        .has("(undated; accessed 2026-12-04)")
        .has(r#"<a href="/loops/amazon/pm">Amazon PM loop: rounds, timelines"#)
        // Where to practise for the loop it walks through.
        .has("Practise for the Amazon PM loop")
        .has(r#"href="/practice?company=amazon&amp;role=pm">Practice an answer for this loop</a>"#)
        .has(r#"href="/questions?company=amazon&amp;role=pm">Questions for this loop</a>"#)
        .has(r#"href="/mock?company=amazon&amp;role=pm">Start a mock loop</a>"#)
        // Read next: the role choice and the other Amazon guide, not Google's or Meta's.
        .has(r#"href="/guides/pm-or-pmm""#)
        .has(r#"href="/guides/amazon-pmm""#)
        .lacks(r#"href="/guides/google-pm""#)
        .has(r#"href="/practice?question=mx-024""#);

    // The general guide sends the candidate to the fit diagnostic and every loop guide.
    let page = browser.get("/guides/pm-or-pmm").await;
    page.has("PM and PMM · ")
        .has(r#"<a href="/fit">The PM or PMM fit diagnostic</a>"#)
        .has(r#"href="/guides/meta-pmm""#)
        .lacks("Practise for the");

    // The loop page links its guide; the fit page links the general one.
    browser.get("/loops/google/pmm").await.has(
        r#"href="/guides/google-pmm">Read the guide: The Google PMM loop, session by session</a>"#,
    );
    browser
        .get("/fit")
        .await
        .has(r#"<a href="/guides/pm-or-pmm">PM or PMM: pick the loop you can win</a>"#);
    browser
        .get("/")
        .await
        .has(r#"<a href="/guides">guides</a>"#);
    server.stop().await;
}

#[tokio::test]
async fn an_unknown_guide_is_a_404_page_naming_the_near_miss_and_listing_the_guides() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let page = browser.get("/guides/amazon-pn").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.is_page()
        .has("<h1>No such guide</h1>")
        .has("Unknown guide “amazon-pn” (did you mean “amazon-pm”?)")
        .has(r#"href="/guides/amazon-pm""#)
        .has(r#"href="/guides/pm-or-pmm""#);
    let page = browser.get("/guides/%3Cscript%3E").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.lacks("<script>alert").has("&lt;script&gt;");
    server.stop().await;
}

/// A guide a user's content folder could hold, with markup in every field a page shows.
const HOSTILE: &str = r#"[[guide]]
id = "hostile"
title = "<b>Bold</b> & bolder"
summary = "Quotes \" and <i>tags</i>"
roles = ["pm"]
as_of = "2026-12-04"

[[guide.section]]
heading = "<script>alert(1)</script>"
paragraphs = ["A <img src=x onerror=alert(1)> claim [1] and [x] stays text."]
points = ["<a href='javascript:alert(1)'>click</a> [1]"]

[[guide.source]]
title = "<em>Source</em>"
url = "https://example.com/?a=1&b=<2>"
published = "2026"
"#;

#[tokio::test]
async fn every_word_of_a_guide_is_escaped() {
    let overlay = vec![SourceFile {
        path: "mine/hostile.toml".into(),
        text: HOSTILE.into(),
    }];
    let catalog = load_layers(&built_in_files(), &overlay).expect("the layer is valid");
    let app = App::start_with(Arc::new(catalog)).await;
    let page = app.get("/guides/hostile").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .lacks("<b>Bold</b>")
        .lacks("<script>alert(1)</script>")
        .lacks("<img src=x")
        .lacks("<a href='javascript:")
        .lacks("<em>Source</em>")
        .has("&lt;b&gt;Bold&lt;/b&gt; &amp; bolder")
        .has("&lt;script&gt;alert(1)&lt;/script&gt;")
        .has("A &lt;img src=x onerror=alert(1)&gt; claim<sup")
        .has("and [x] stays text.")
        .has(r#"href="https://example.com/?a=1&amp;b=&lt;2&gt;""#);
    app.get("/guides")
        .await
        .has("Quotes &quot; and &lt;i&gt;tags&lt;/i&gt;");
    app.stop().await;
}
