//! Lists that grow with the candidate's data come a page at a time: the page holds its share,
//! plain links lead to the pages around it with the list's other parameters kept, and a page
//! that is not there (past the end, `0`, `abc`, a number too large to hold) shows a page that
//! says so, never an error.

use debrief_coach::story::Story;
use debrief_store::{NewAttempt, NewMock};
use reqwest::StatusCode;

use crate::harness::{App, Page, in_days, now};

/// The `href` of the pager's link marked `rel` ("next", "prev"), as the page writes it.
fn pager_link(html: &str, rel: &str) -> Option<String> {
    let nav = html.split(r#"<nav class="pager""#).nth(1)?;
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
    let next = pager_link(&first.body, "next").expect("more than a page of questions");
    assert!(
        next.contains("role=pm") && next.contains("q=customer"),
        "{next}"
    );
    assert!(next.ends_with("page=2"), "{next}");
    let second = app.get(&next).await;
    second.has("Showing 21–").has("Page 2 of");
    let back = pager_link(&second.body, "prev").expect("previous");
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

/// The local user's id: the one every page of a local-mode app shows.
async fn local_user(app: &App) -> i64 {
    app.store.local_user().await.expect("local user").id
}

/// `n` stories tagged with the fixture's one principle, added in one go, so they share a time
/// and list in the order given.
async fn add_stories(app: &App, n: usize) {
    let stories: Vec<Story> = (0..n)
        .map(|i| Story {
            title: format!("Story {i:04}"),
            situation: "Checkout conversion on Android fell 15% after a redesign.".to_owned(),
            task: "I owned finding the cause within two weeks.".to_owned(),
            action: "I pulled the funnel by device, found the broken step and shipped the fix."
                .to_owned(),
            result: "Conversion recovered from 31% to 36% in six weeks.".to_owned(),
            lps: vec!["dive-deep".to_owned()],
            ..Story::default()
        })
        .collect();
    let user = local_user(app).await;
    app.store
        .import_stories(user, &stories, now())
        .await
        .expect("stories saved");
}

/// The titles of the story cards on a page of the bank.
fn story_titles(page: &Page) -> Vec<String> {
    page.body
        .split(r#"<li class="card story-card">"#)
        .skip(1)
        .filter_map(|card| {
            card.split(r#"<a class="stretched" href="/stories/"#)
                .nth(1)?
                .split('>')
                .nth(1)?
                .split('<')
                .next()
                .map(str::to_owned)
        })
        .collect()
}

#[tokio::test]
async fn the_story_bank_lists_a_page_and_covers_the_whole_bank() {
    let app = App::start().await;
    add_stories(&app, 73).await;

    let first = app.get("/stories?company=amazon&role=pm").await;
    assert_eq!(first.status, StatusCode::OK);
    first
        .is_page()
        .has(r#"Your stories <span class="count">73</span>"#)
        .has("Showing 1–50 of 73")
        .has("Page 1 of 2");
    let titles = story_titles(&first);
    assert_eq!(titles.len(), 50, "a page holds 50 stories");
    assert_eq!(titles[0], "Story 0000");
    let next = pager_link(&first.body, "next").expect("a link to page 2");
    assert_eq!(next, "/stories?company=amazon&role=pm&page=2");
    assert_eq!(pager_link(&first.body, "prev"), None);
    // The coverage matrix counts every story, not the page's.
    first.has("and 68 more (73 in all)");

    let second = app.get(&next).await;
    second
        .is_page()
        .has("Showing 51–73 of 73")
        .has("Page 2 of 2");
    let rest = story_titles(&second);
    assert_eq!(rest.len(), 23, "page 2 holds the rest");
    assert_eq!(rest[0], "Story 0050");
    assert_eq!(rest[22], "Story 0072");
    assert!(
        titles.iter().all(|t| !rest.contains(t)),
        "no story on both pages"
    );
    second
        .has("and 68 more (73 in all)")
        .has(r#"<input type="hidden" name="page" value="2">"#);
    assert_eq!(
        pager_link(&second.body, "prev").as_deref(),
        Some("/stories?company=amazon&role=pm")
    );
    assert_eq!(pager_link(&second.body, "next"), None);

    // The exports still hold the whole bank.
    let csv = app.get("/stories/export.csv").await;
    assert_eq!(csv.body.matches("Story 00").count(), 73);

    odd_pages_are_pages(&app, "/stories?company=amazon&role=pm", 2).await;
    app.stop().await;
}

#[tokio::test]
async fn a_large_story_bank_gives_a_page_of_bounded_size() {
    let app = App::start().await;
    add_stories(&app, 1_000).await;
    let page = app.get("/stories").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(story_titles(&page).len(), 50);
    page.has("Page 1 of 20").has("and 995 more (1000 in all)");
    assert!(
        page.body.len() < 100_000,
        "1,000 stories gave {} bytes of HTML",
        page.body.len()
    );
    app.stop().await;
}

/// The part of `page` from the heading with id `from` to the next `<section` (or the end).
fn section<'a>(page: &'a Page, from: &str) -> &'a str {
    let start = page
        .body
        .find(&format!(r#"id="{from}""#))
        .unwrap_or_else(|| panic!("no #{from}"));
    let rest = &page.body[start..];
    rest.find("<section").map_or(rest, |end| &rest[..end])
}

#[tokio::test]
async fn mock_loops_page_in_progress_and_finished_apart() {
    let app = App::start().await;
    let user = local_user(&app).await;
    let t0 = now() - 10_000;
    // 25 finished loops, then 22 in progress, each a second newer than the last.
    for i in 0..47i64 {
        let mock = NewMock {
            company: format!("co{i:02}"),
            role: "pm".to_owned(),
            level: "l5".to_owned(),
            seed: i,
            plan_json: "{}".to_owned(),
        };
        let mock = app
            .store
            .create_mock(user, &mock, t0 + i)
            .await
            .expect("mock");
        if i < 25 {
            app.store
                .finish_mock(user, mock.id, "{}", t0 + 100)
                .await
                .expect("finished");
        }
    }
    let cards = |html: &str| html.matches(r#"class="card plan-card mock-card""#).count();
    let page = app.get("/mock?company=amazon&role=pm&level=l5").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has(r#"In progress <span class="count">22</span>"#)
        .has(r#"Finished <span class="count">25</span>"#);
    let open = section(&page, "open-title");
    let done = section(&page, "done-title");
    assert_eq!((cards(open), cards(done)), (20, 20));
    assert!(open.contains("co46 PM, l5") && !open.contains("co26 PM, l5"));
    assert!(done.contains("co24 PM, l5") && !done.contains("co04 PM, l5"));
    let next_done = pager_link(done, "next").expect("finished page 2");
    assert_eq!(
        next_done,
        "/mock?company=amazon&role=pm&level=l5&page=2#done-title"
    );
    let next_open = pager_link(open, "next").expect("open page 2");
    assert_eq!(
        next_open,
        "/mock?company=amazon&role=pm&level=l5&open=2#open-title"
    );

    // Each list turns its own page and keeps the other's.
    let both = app
        .get("/mock?company=amazon&role=pm&level=l5&open=2&page=2")
        .await;
    let open = section(&both, "open-title");
    let done = section(&both, "done-title");
    assert_eq!((cards(open), cards(done)), (2, 5));
    assert!(open.contains("co25 PM, l5") && done.contains("co00 PM, l5"));
    assert_eq!(
        pager_link(done, "prev").as_deref(),
        Some("/mock?company=amazon&role=pm&level=l5&open=2#done-title")
    );
    assert_eq!(
        pager_link(open, "prev").as_deref(),
        Some("/mock?company=amazon&role=pm&level=l5&page=2#open-title")
    );
    odd_pages_are_pages(&app, "/mock", 2).await;
    let far = app.get("/mock?open=99999999999999999999").await;
    assert_eq!(
        cards(section(&far, "open-title")),
        2,
        "the last page of those in progress"
    );
    app.stop().await;
}

#[tokio::test]
async fn saved_plans_come_a_page_at_a_time() {
    let app = App::start_builtin().await;
    let user = local_user(&app).await;
    let interview = in_days(60);
    for i in 0..23 {
        app.store
            .create_plan(user, "amazon", "pm", "l5", &interview, now() - 1_000 + i)
            .await
            .expect("plan");
    }
    let cards = |page: &Page| page.body.matches(r#"<li class="card plan-card">"#).count();
    let first = app.get("/plan?company=amazon&role=pmm").await;
    assert_eq!(first.status, StatusCode::OK);
    first
        .is_page()
        .has(r#"Your plans <span class="count">23</span>"#);
    assert_eq!(cards(&first), 20);
    let next = pager_link(&first.body, "next").expect("page 2");
    assert_eq!(next, "/plan?company=amazon&role=pmm&page=2#plans-title");
    let second = app.get(&next).await;
    second.is_page().has("Page 2 of 2");
    assert_eq!(cards(&second), 3);
    odd_pages_are_pages(&app, "/plan", 2).await;
    app.stop().await;
}

#[tokio::test]
async fn fit_results_come_a_page_at_a_time_and_any_one_can_be_shown() {
    let app = App::start_builtin().await;
    let win = "I rebuilt the onboarding funnel and cut the signup steps from 7 to 3; activation \
               rose from 18% to 29%.";
    let page = app.post_form("/fit", &[("win1", win)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let user = local_user(&app).await;
    let saved = app.store.fit_results(user).await.expect("results");
    let json = saved[0].result_json.clone();
    let oldest = saved[0].id;
    for i in 0..24 {
        app.store
            .save_fit(user, now() + 1 + i, json.clone())
            .await
            .expect("saved");
    }
    let rows = |page: &Page| page.body.matches(r#"<a href="/fit?result="#).count();
    let first = app.get("/fit").await;
    first
        .is_page()
        .has(r#"Your results <span class="count">25</span>"#);
    assert_eq!(rows(&first), 20);
    let next = pager_link(&first.body, "next").expect("page 2");
    assert_eq!(next, "/fit?page=2#history-title");
    let second = app.get(&next).await;
    assert_eq!(rows(&second), 5);
    // The oldest result is on page 2; its link keeps the page, and it shows from page 1 too.
    second.has(&format!(r#"href="/fit?result={oldest}&amp;page=2#result""#));
    let shown = app.get(&format!("/fit?result={oldest}")).await;
    shown.has("Win 1:");
    assert_eq!(
        pager_link(&shown.body, "next"),
        Some(format!("/fit?result={oldest}&page=2#history-title"))
    );
    odd_pages_are_pages(&app, "/fit", 2).await;
    app.stop().await;
}

#[tokio::test]
async fn the_progress_history_pages_and_its_plots_stay_bounded() {
    let app = App::start().await;
    let user = local_user(&app).await;
    let t0 = now() - 200 * 86_400;
    for i in 0..130i64 {
        let attempt = NewAttempt {
            source: "practice".to_owned(),
            mock_id: None,
            question_id: None,
            round_kind: "behavioral".to_owned(),
            role: Some("pm".to_owned()),
            company: Some("amazon".to_owned()),
            score: 40 + i % 50,
            rating: "hire".to_owned(),
            answer: format!("Answer {i:03}"),
            summary_json: r#"{"rubric":"behavioral-pm","dimensions":[{"id":"impact","label":"Impact","score":3}],"lps":["dive-deep"]}"#.to_owned(),
        };
        app.store
            .record_attempt(user, &attempt, t0 + i * 86_400)
            .await
            .expect("attempt");
    }
    let rows = |page: &Page| {
        page.body
            .matches(r#"<td class="history-question">"#)
            .count()
    };
    let first = app.get("/progress").await;
    assert_eq!(first.status, StatusCode::OK);
    first
        .is_page()
        .has(r#"History <span class="count">130</span>"#)
        .has("Showing 1–50 of 130")
        .has("Page 1 of 3");
    assert_eq!(rows(&first), 50);
    // Three plots of one line each, every one drawn from all 130 answers in at most 60 dots.
    let dots = first.body.matches("<circle").count();
    assert!(dots <= 3 * 60, "{dots} dots");
    first.has("on average over").has("<td>130</td>");
    let next = pager_link(&first.body, "next").expect("page 2");
    assert_eq!(next, "/progress?page=2#history-title");
    let last = app.get("/progress?page=3").await;
    assert_eq!(rows(&last), 30);
    last.has("Showing 101–130 of 130");
    odd_pages_are_pages(&app, "/progress", 3).await;
    app.stop().await;
}
