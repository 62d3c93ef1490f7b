//! Lists that grow with the candidate's data come a page at a time: the page holds its share,
//! plain links lead to the pages around it with the list's other parameters kept, and a page
//! that is not there (past the end, `0`, `abc`, a number too large to hold) shows a page that
//! says so, never an error.

use reqwest::StatusCode;

use crate::harness::{App, Page};

/// The `href` of the pager's link marked `rel` ("next", "prev"), as the page writes it.
fn pager_link(page: &Page, rel: &str) -> Option<String> {
    let nav = page.body.split(r#"<nav class="pager""#).nth(1)?;
    let nav = nav.split("</nav>").next()?;
    nav.split("<a ")
        .find(|a| a.contains(&format!(r#"rel="{rel}""#)))
        .and_then(|a| a.split(r#"href=""#).nth(1))
        .and_then(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&").replace("&#38;", "&"))
}

/// Every page a list can be asked for that is not one of its pages gives a page, not an error.
async fn odd_pages_are_pages(app: &App, path: &str, last: u64) {
    let join = if path.contains('?') { '&' } else { '?' };
    for (asked, shown) in [
        ("0", 1),
        ("abc", 1),
        ("-3", 1),
        ("99999999999999999999", last),
        ("4000", last),
    ] {
        let page = app.get(&format!("{path}{join}page={asked}")).await;
        assert_eq!(page.status, StatusCode::OK, "{path} page={asked}");
        page.is_page();
        if last > 1 {
            page.has(&format!("Page {shown} of {last}"));
        }
        if asked == "4000" || asked.len() > 10 {
            page.has("this is the last").lacks("99999999999999999999");
        } else {
            page.has("not a page number");
        }
    }
}

#[tokio::test]
async fn the_question_bank_pages_with_its_filters_kept() {
    let app = App::start_builtin().await;
    let first = app.get("/questions?role=pm&q=customer").await;
    assert_eq!(first.status, StatusCode::OK);
    let next = pager_link(&first, "next").expect("more than a page of questions");
    assert!(
        next.contains("role=pm") && next.contains("q=customer"),
        "{next}"
    );
    assert!(next.ends_with("page=2"), "{next}");
    let second = app.get(&next).await;
    second.has("Showing 21–").has("Page 2 of");
    let back = pager_link(&second, "prev").expect("previous");
    assert_eq!(
        back, "/questions?q=customer&role=pm",
        "page 1 is the list's own address"
    );

    let last = first
        .text
        .split("Page 1 of ")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .and_then(|n| n.parse::<u64>().ok())
        .expect("page count");
    odd_pages_are_pages(&app, "/questions?role=pm&q=customer", last).await;
    app.stop().await;
}
