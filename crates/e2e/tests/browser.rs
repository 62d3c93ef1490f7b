//! The web app in a real browser: headless Chromium driven over WebDriver.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). The test starts
//! its own chromedriver on a free port and the app on another, both on loopback.

use std::net::TcpListener as StdListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

/// Kills chromedriver when the test ends, pass or fail.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}

async fn start_driver() -> (Driver, u16) {
    let exe = std::env::var_os("CHROMEDRIVER")
        .map(Into::into)
        .or_else(|| which("chromedriver"))
        .expect(
            "chromedriver not found: install Debian's chromium and chromium-driver \
             (apt-get install chromium chromium-driver), or set CHROMEDRIVER",
        );
    let port = free_port();
    let child = Command::new(exe)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not listen within 20 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (driver, port)
}

/// A database file of its own for one test, removed (with SQLite's `-wal` and `-shm` files)
/// when the test ends.
struct TempDb(std::path::PathBuf);

impl TempDb {
    fn new() -> TempDb {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        TempDb(std::env::temp_dir().join(format!(
            "debrief-e2e-{}-{nanos}.sqlite3",
            std::process::id()
        )))
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Starts the app over the built-in content and a fresh database; returns its address and the
/// database, which lives as long as the returned guard.
async fn start_app() -> (String, TempDb) {
    start_app_over(debrief_content::load(None).expect("built-in content is valid")).await
}

/// The seed every mock loop of these tests is drawn with.
const MOCK_SEED: u64 = 20_261_206;

/// [`start_app`] over another content pack.
async fn start_app_over(catalog: debrief_pack::Catalog) -> (String, TempDb) {
    let db = TempDb::new();
    let store = debrief_web::Store::open(&db.0.to_string_lossy())
        .await
        .expect("the store opens");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    // A fixed draw: what a mock loop asks, and so which follow-up the tests see, never
    // depends on luck (a fresh draw once asked a question whose probe did not quote the
    // candidate, and a test that expects the quote failed).
    let state = debrief_web::AppState::new(catalog, store).with_mock_seed(MOCK_SEED);
    tokio::spawn(debrief_web::serve(
        listener,
        state,
        Default::default(),
        std::future::pending(),
    ));
    (format!("http://{addr}"), db)
}

async fn browser(port: u16) -> WebDriver {
    browser_with(port, true).await
}

/// A Chromium session, with page scripts on or off (off: as a candidate who blocks them).
async fn browser_with(port: u16, javascript: bool) -> WebDriver {
    let mut caps = DesiredCapabilities::chrome();
    if !javascript {
        caps.add_experimental_option(
            "prefs",
            serde_json::json!({ "profile.managed_default_content_settings.javascript": 2 }),
        )
        .expect("prefs");
    }
    if let Some(bin) = std::env::var_os("CHROMIUM")
        .map(Into::into)
        .or_else(|| which("chromium"))
    {
        caps.set_binary(&bin.to_string_lossy()).expect("binary");
    }
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1280,1000",
    ] {
        caps.add_arg(arg).expect("arg");
    }
    WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
        .await
        .expect("a Chromium session")
}

/// Chooses `value` in the control named `name`, whether a select or radio buttons.
async fn choose(page: &WebDriver, name: &str, value: &str) {
    let control = page
        .find(By::Css(format!("[name='{name}']")))
        .await
        .unwrap_or_else(|e| panic!("control {name}: {e}"));
    if control.tag_name().await.expect("tag") == "select" {
        SelectElement::new(&control)
            .await
            .expect("select")
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("{name}={value}: {e}"));
    } else {
        page.find(By::Css(format!("[name='{name}'][value='{value}']")))
            .await
            .unwrap_or_else(|e| panic!("option {name}={value}: {e}"))
            .click()
            .await
            .expect("click");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_picks_amazon_pmm_l5_and_sees_the_bar_raiser_round() {
    let (_driver, port) = start_driver().await;
    let (base, _db) = start_app().await;
    let page = browser(port).await;
    let result = async {
        page.goto(&base).await?;
        let h1 = page.find(By::Tag("h1")).await?.text().await?;
        assert!(!h1.is_empty(), "the home page has a heading");

        choose(&page, "company", "amazon").await;
        choose(&page, "role", "pmm").await;
        choose(&page, "level", "l5").await;
        page.find(By::Id("see-loop")).await?.click().await?;

        let deadline = Instant::now() + Duration::from_secs(10);
        while !page.current_url().await?.as_str().contains("amazon") {
            assert!(Instant::now() < deadline, "the loop page did not open");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let url = page.current_url().await?;
        assert!(url.as_str().contains("pmm"), "{url}");
        let heading = page.find(By::Tag("h1")).await?.text().await?;
        assert!(heading.contains("Amazon"), "{heading}");
        let body = page.find(By::Tag("main")).await?.text().await?;
        assert!(
            body.contains("Bar Raiser"),
            "the loop shows its Bar Raiser round"
        );
        assert!(body.contains("L5"), "the chosen level is shown");
        assert!(
            body.contains("Customer Obsession"),
            "weighted LPs are shown"
        );
        WebDriverResult::Ok(())
    }
    .await;
    let quit = page.quit().await;
    result.expect("browser steps");
    quit.expect("browser quits");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_practice_page_regrades_as_the_candidate_types() {
    let (_driver, port) = start_driver().await;
    let (base, _db) = start_app().await;
    let page = browser(port).await;
    let result = async {
        page.goto(format!("{base}/practice?company=amazon&role=pm"))
            .await?;
        // Wait for the field rather than find it at once: on a loaded machine the page can
        // still be settling when goto returns.
        let answer = page.query(By::Id("answer")).first().await?;
        answer
            .send_keys(
                "We aligned with stakeholders and I helped the team. I decided to cut the \
                 address step instead of patching it, and conversion rose from 31% to 36% in six \
                 weeks.",
            )
            .await?;
        // No submit: the debounced script posts the form to /practice/report and swaps in the
        // report column the server rendered, the same markup as without JavaScript.
        let deadline = Instant::now() + Duration::from_secs(10);
        let marks = loop {
            let marks = page.find_all(By::Css("#report-body mark.finding")).await?;
            if !marks.is_empty() {
                break marks;
            }
            assert!(
                Instant::now() < deadline,
                "the report did not appear while typing"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let first = marks[0].text().await?;
        assert!(
            first.contains("aligned") || first.contains("helped"),
            "first highlight: {first}"
        );
        let report = page.find(By::Id("report-body")).await?.text().await?;
        assert!(report.contains("/100"), "the score is shown");
        let status = page.find(By::Id("report-status")).await?.text().await?;
        assert_eq!(status, "Graded as you type");
        assert!(
            report.contains("Owned decisions"),
            "the dimension table is shown"
        );
        // Keyboard focus on a highlight shows its message and suggestion.
        marks[0].focus().await?;
        let tip = page.find(By::Css("mark.finding:focus .tip")).await?;
        assert!(tip.is_displayed().await?, "the tooltip shows on focus");

        // "Show in answer" brings the phrase into view below the sticky header, at a desktop
        // width and at a tablet width where the header takes three rows.
        for width in [1280, 700] {
            page.set_window_rect(0, 0, width, 800).await?;
            let link = page.find(By::Css(".finding-link")).await?;
            let target = link.attr("href").await?.unwrap_or_default();
            page.execute("window.scrollTo(0, document.body.scrollHeight);", vec![])
                .await?;
            link.scroll_into_view().await?;
            link.click().await?;
            tokio::time::sleep(Duration::from_millis(200)).await;
            let gap = page
                .execute(
                    "const m = document.querySelector(arguments[0]);
                     const h = document.querySelector('.site-header').getBoundingClientRect();
                     return m.getBoundingClientRect().top - Math.max(h.bottom, 0);",
                    vec![serde_json::json!(target)],
                )
                .await?;
            let gap = gap.json().as_f64().unwrap_or(-1.0);
            assert!(
                gap >= 0.0,
                "at {width} px {target} sits {gap} px under the header"
            );
        }
        WebDriverResult::Ok(())
    }
    .await;
    let quit = page.quit().await;
    result.expect("browser steps");
    quit.expect("browser quits");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_practice_picker_and_button_use_the_servers_report() {
    let (_driver, port) = start_driver().await;
    let (base, _db) = start_app().await;
    let page = browser(port).await;
    let result = async {
        page.goto(format!("{base}/practice")).await?;
        // A company narrows the question list: the server's page for it is swapped in.
        choose(&page, "company", "amazon").await;
        wait_for("the question list for Amazon", || async {
            let hint = page.find(By::Id("question-id-hint")).await?.text().await?;
            Ok(hint.contains("Amazon"))
        })
        .await?;
        // Picking a question brings its card.
        let options = page.find_all(By::Css("#question-id option")).await?;
        let value = options[1].attr("value").await?.expect("a question id");
        choose(&page, "question_id", &value).await;
        wait_for("the question card", || async {
            Ok(!page
                .find_all(By::Css("#prompt .prompt-text"))
                .await?
                .is_empty())
        })
        .await?;

        // With "keep" unticked, the button grades in place: the script's report, no reload.
        let keep = page.find(By::Id("keep")).await?;
        keep.scroll_into_view().await?;
        keep.click().await?;
        let answer = page.find(By::Id("answer")).await?;
        answer
            .send_keys("I decided to cut the address step; conversion rose 5% in six weeks.")
            .await?;
        let button = page.find(By::Id("grade-button")).await?;
        button.scroll_into_view().await?;
        button.click().await?;
        wait_for("the report", || async {
            let status = page.find(By::Id("report-status")).await?.text().await?;
            Ok(status == "Graded as you type"
                && !page
                    .find_all(By::Css("#report-body .report-summary"))
                    .await?
                    .is_empty())
        })
        .await?;
        let live = page.find(By::Id("report-live")).await?.text().await?;
        assert!(live.starts_with("Score "), "announced: {live}");
        assert!(
            page.find_all(By::Css(".saved-note")).await?.is_empty(),
            "nothing kept"
        );

        // An emptied answer shows the empty state again.
        answer.clear().await?;
        answer.send_keys(" ").await?;
        wait_for("the empty state", || async {
            let body = page.find(By::Id("report-body")).await?.text().await?;
            Ok(body.contains("Your debrief appears here"))
        })
        .await?;
        WebDriverResult::Ok(())
    }
    .await;
    let quit = page.quit().await;
    result.expect("browser steps");
    quit.expect("browser quits");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_adds_a_story_sees_its_findings_and_the_coverage_change() {
    let (_driver, port) = start_driver().await;
    let (base, _db) = start_app().await;
    let page = browser(port).await;
    let result = async {
        // Before: the loop's Earn Trust row has no story.
        page.goto(format!("{base}/stories?company=amazon&role=pmm"))
            .await?;
        let row = page.find(By::Id("cov-earn-trust")).await?.text().await?;
        assert!(row.contains("no story"), "before: {row}");

        page.find(By::LinkText("Add a story"))
            .await?
            .click()
            .await?;
        page.find(By::Id("title"))
            .await?
            .send_keys("Billing bug")
            .await?;
        page.find(By::Id("situation"))
            .await?
            .send_keys("A billing bug overcharged 40 enterprise customers for two months.")
            .await?;
        page.find(By::Id("action"))
            .await?
            .send_keys(
                "I helped the team ship the fix. I decided to tell our three largest customers \
                 the cause before they asked.",
            )
            .await?;
        page.find(By::Id("result"))
            .await?
            .send_keys("All three renewed, and churn fell from 9% to 4% in two quarters.")
            .await?;
        let lp = page.find(By::Id("lp-earn-trust")).await?;
        lp.scroll_into_view().await?;
        lp.click().await?;
        assert!(lp.is_selected().await?, "Earn Trust is ticked");
        page.find(By::Css("form.story-form button[type='submit']"))
            .await?
            .click()
            .await?;

        // The story page marks the finding in the action, where it was written.
        let deadline = Instant::now() + Duration::from_secs(10);
        let marks = loop {
            let marks = page
                .find_all(By::Css("[data-part='action'] mark.finding"))
                .await?;
            if !marks.is_empty() {
                break marks;
            }
            assert!(
                Instant::now() < deadline,
                "the story page did not show findings"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let heading = page.find(By::Tag("h1")).await?.text().await?;
        assert_eq!(heading, "Billing bug");
        let first = marks[0].text().await?;
        assert!(first.contains("helped"), "first highlight: {first}");
        marks[0].focus().await?;
        let tip = page.find(By::Css("mark.finding:focus .tip")).await?;
        assert!(tip.is_displayed().await?, "the tooltip shows on focus");

        // After: the row lists the story and no longer says "no story". With no plan saved,
        // the bank's coverage panel shows the target loop.
        page.goto(format!("{base}/stories")).await?;
        let row = page.find(By::Id("cov-earn-trust")).await?.text().await?;
        assert!(!row.contains("no story"), "after: {row}");
        assert!(row.contains("Billing bug"), "after: {row}");
        WebDriverResult::Ok(())
    }
    .await;
    let quit = page.quit().await;
    result.expect("browser steps");
    quit.expect("browser quits");
}

/// Waits up to ten seconds for `check` to hold, polling every 100 ms.
async fn wait_for<F, Fut>(what: &str, mut check: F) -> WebDriverResult<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<bool>>,
{
    let deadline = Instant::now() + Duration::from_secs(10);
    while !check().await? {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_runs_a_short_mock_loop_and_reads_the_debrief() {
    const ANSWER: &str = "We helped the team and aligned with stakeholders. It went well.";
    let (_driver, port) = start_driver().await;
    let (base, _db) = start_app().await;
    let page = browser(port).await;
    let result = async {
        page.goto(format!("{base}/loops/amazon/pmm?level=l5"))
            .await?;
        page.find(By::Id("start-mock")).await?.click().await?;
        wait_for("the mock's first round", || async {
            Ok(page.current_url().await?.path().starts_with("/mock/"))
        })
        .await?;
        let round = page.find(By::Css(".box-round")).await?.text().await?;
        assert!(round.eq_ignore_ascii_case("Round 1 of 8"), "{round}");
        let clock = page.find(By::Id("mock-clock")).await?.text().await?;
        assert!(clock.contains("of 30:00"), "the round's budget: {clock}");

        // Typing is saved by the page's script, without a click.
        page.find(By::Id("mock-text"))
            .await?
            .send_keys(ANSWER)
            .await?;
        wait_for("the Saved status", || async {
            let status = page.find(By::Id("save-status")).await?.text().await?;
            Ok(status.starts_with("Saved "))
        })
        .await?;

        // A reload shows the text the server kept.
        page.refresh().await?;
        let kept = page.find(By::Id("mock-text")).await?.value().await?;
        assert_eq!(kept.as_deref(), Some(ANSWER));

        // Handed in: the report of the answer comes back with the next box.
        page.find(By::Id("hand-in")).await?.click().await?;
        wait_for("the answer's report", || async {
            Ok(!page.find_all(By::Id("feedback")).await?.is_empty())
        })
        .await?;
        let feedback = page.find(By::Id("feedback")).await?.text().await?;
        assert!(feedback.contains("/100"), "the score: {feedback}");
        assert!(feedback.contains("Instead:"), "what to do: {feedback}");

        let finish = page.find(By::Id("finish")).await?;
        finish.scroll_into_view().await?;
        finish.click().await?;
        wait_for("the debrief", || async {
            Ok(page.current_url().await?.path().ends_with("/debrief"))
        })
        .await?;
        let verdict = page.find(By::Css(".verdict")).await?.text().await?;
        assert!(
            verdict.starts_with("No hire") || verdict.starts_with("Hire"),
            "{verdict}"
        );
        let table = page.find(By::Id("area-table")).await?.text().await?;
        assert!(table.contains("Customer Obsession"), "{table}");

        // Printed, the debrief opens on a one-page summary of the whole loop (all nine
        // rounds and every principle), and the rest follows as the appendix.
        let debrief_url = page.current_url().await?;
        let summary_url = debrief_url.as_str().replace("/debrief", "/summary");
        page.goto(&summary_url).await?;
        let summary = page.find(By::Css(".onepage")).await?.text().await?;
        assert!(
            summary.contains("Bar Raiser") && summary.contains("Customer Obsession"),
            "{summary}"
        );
        let pdf = page
            .print_page(thirtyfour::common::print::PrintParameters::default())
            .await?;
        assert_eq!(pdf_pages(&pdf), 1, "the summary prints on one page");
        page.goto(debrief_url.as_str()).await?;
        let pdf = page
            .print_page(thirtyfour::common::print::PrintParameters::default())
            .await?;
        assert!(pdf_pages(&pdf) >= 2, "the appendix follows the summary");

        // A phone: the debrief, progress and loop pages (a track's too, with its steps that
        // are not interviews) fit 375 px.
        let debrief = page.current_url().await?;
        page.set_window_rect(0, 0, 375, 900).await?;
        for url in [
            debrief.to_string(),
            format!("{base}/progress"),
            format!("{base}/loops/amazon/pmm?level=l5"),
            format!("{base}/loops/amazon/pm?track=pm-t&level=l6"),
            format!("{base}/loops/google/pm"),
        ] {
            page.goto(&url).await?;
            let cut = cut_off(&page).await?;
            assert!(
                cut.is_empty(),
                "{url} at 375 px: cut off or scrolling sideways: {cut:?}"
            );
        }
        WebDriverResult::Ok(())
    }
    .await;
    let quit = page.quit().await;
    result.expect("browser steps");
    quit.expect("browser quits");
}

/// The pages of a PDF as Chromium writes it: each page is an object of `/Type /Page` (the
/// page tree is `/Type /Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

/// What does not fit the viewport: the page scrolling sideways, or elements reaching past its
/// right edge outside a box that scrolls on its own (a wide table in its scroll box is fine).
async fn cut_off(page: &WebDriver) -> WebDriverResult<Vec<String>> {
    let found = page
        .execute(
            r#"
            const w = document.documentElement.clientWidth;
            const out = [];
            if (document.documentElement.scrollWidth > w) {
                out.push("page scrolls sideways: " + document.documentElement.scrollWidth + " > " + w);
            }
            const inScroller = (e) => {
                for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                    const o = getComputedStyle(p).overflowX;
                    if (o === "auto" || o === "scroll") return true;
                }
                return false;
            };
            for (const e of document.querySelectorAll("main *")) {
                const r = e.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || inScroller(e)) continue;
                if (r.right > w + 1) {
                    out.push(e.tagName.toLowerCase() + "." + e.className + " ends at " + Math.round(r.right));
                }
            }
            return out.slice(0, 8);
            "#,
            vec![],
        )
        .await?;
    let list = found.json().as_array().cloned().unwrap_or_default();
    Ok(list
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect())
}

/// Types `value` into the input named `name`.
async fn fill(page: &WebDriver, name: &str, value: &str) -> WebDriverResult<()> {
    let input = page.find(By::Css(format!("[name='{name}']"))).await?;
    input.clear().await?;
    input.send_keys(value).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_reads_pay_by_level_and_compares_two_offers() {
    let (_driver, port) = start_driver().await;
    let (base, _db) = start_app().await;
    let page = browser(port).await;
    let result = async {
        page.goto(format!("{base}/pay")).await?;
        let heading = page.find(By::Tag("h1")).await?.text().await?;
        assert!(heading.contains("Amazon"), "{heading}");
        page.find(By::LinkText("PMM")).await?.click().await?;
        let url = page.current_url().await?;
        assert!(url.as_str().contains("role=pmm"), "{url}");
        let main = page.find(By::Tag("main")).await?.text().await?;
        assert!(main.contains("L7"), "every level is listed");
        assert!(
            !page
                .find_all(By::Css("svg.pay-spread circle, svg.pay-spread line"))
                .await?
                .is_empty()
        );

        page.find(By::LinkText("Compare your offers"))
            .await?
            .click()
            .await?;
        for (name, company, base_pay, signon, amount, schedule) in [
            (
                "Amazon PM L6",
                "amazon",
                "150000",
                ["55000", "45000"],
                "150000",
                "amazon",
            ),
            (
                "Google PMM L5",
                "google",
                "170000",
                ["", ""],
                "240000",
                "google",
            ),
        ] {
            fill(&page, "name", name).await?;
            choose(&page, "company", company).await;
            fill(&page, "base", base_pay).await?;
            fill(&page, "signon1", signon[0]).await?;
            fill(&page, "signon2", signon[1]).await?;
            fill(&page, "grant1_amount", amount).await?;
            choose(&page, "grant1_schedule", schedule).await;
            page.find(By::Css(".offer-form button[type='submit']"))
                .await?
                .click()
                .await?;
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                // The page is being replaced: an element read mid-navigation goes stale.
                let text = match page.find(By::Tag("main")).await {
                    Ok(main) => main.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                if text.contains(name) && text.contains("Four-year average") {
                    break;
                }
                assert!(Instant::now() < deadline, "the offer {name} was not shown");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        // Column heads may be styled in capitals; compare without case.
        let compare = page
            .find(By::Css("table.offer-compare"))
            .await?
            .text()
            .await?
            .to_lowercase();
        assert!(
            compare.contains("amazon pm l6") && compare.contains("google pmm l5"),
            "{compare}"
        );
        assert!(
            compare.contains("$212,500"),
            "the Amazon example's first year: {compare}"
        );
        assert!(
            !page
                .find_all(By::Css("svg.offer-bars rect"))
                .await?
                .is_empty()
        );

        // A phone: neither page, nor the profile form and the home page that links to it,
        // nor the guides with their long source addresses, scrolls sideways.
        page.set_window_rect(0, 0, 375, 900).await?;
        for path in [
            "/pay",
            "/offers",
            "/pay?company=google",
            "/profile",
            "/",
            "/guides",
            "/guides/amazon-pm",
            "/guides/pm-or-pmm",
        ] {
            page.goto(format!("{base}{path}")).await?;
            let cut = cut_off(&page).await?;
            assert!(cut.is_empty(), "{path} at 375 px: {cut:?}");
        }
        WebDriverResult::Ok(())
    }
    .await;
    let quit = page.quit().await;
    result.expect("browser steps");
    quit.expect("browser quits");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amazon_pmm_l5_quick_loop_in_interview_mode_shows_no_score_until_the_debrief() {
    // Absolute claims in a pitch: the interviewer reads the claim back and asks for proof.
    // The quick loop opens on the phone screen: a result with no number draws a quoting probe.
    const PITCH: &str = "The rep kept promising an integration we did not have. I sat in on \
                         three of his calls and wrote him a one-page guide. The misfires \
                         improved a lot.";
    const PROOF: &str = "Fair: the calls with a wrong promise fell from 9 of 20 to 2 of 20 in \
                         the month after the guide, against no change on the other team.";
    let (_driver, port) = start_driver().await;
    let (base, _db) = start_app().await;
    let page = browser(port).await;
    let result = async {
        page.goto(format!("{base}/mock")).await?;
        choose(&page, "company", "amazon").await;
        choose(&page, "role", "pmm").await;
        choose(&page, "level", "l5").await;
        choose(&page, "scope", "quick").await;
        choose(&page, "mode", "interview").await;
        page.find(By::Css("form.mock-start button[type='submit']"))
            .await?
            .click()
            .await?;
        wait_for("the quick loop's first round", || async {
            Ok(page.current_url().await?.path().starts_with("/mock/"))
        })
        .await?;
        let note = page.find(By::Id("mode-note")).await?.text().await?;
        assert!(
            note.contains("Quick loop: 3 of the loop's 8 rounds"),
            "{note}"
        );
        assert!(note.contains("Interview mode"), "{note}");
        let strip = page.find(By::Css(".round-strip")).await?.text().await?;
        assert!(strip.contains("Phone screen"), "{strip}");
        assert!(strip.contains("Bar Raiser"), "{strip}");
        let round = page.find(By::Css(".box-round")).await?.text().await?;
        assert!(round.eq_ignore_ascii_case("Round 1 of 3"), "{round}");

        page.find(By::Id("mock-text"))
            .await?
            .send_keys(PITCH)
            .await?;
        page.find(By::Id("hand-in")).await?.click().await?;
        wait_for("the follow-up", || async {
            Ok(!page.find_all(By::Id("handed-in")).await?.is_empty())
        })
        .await?;
        // No score, no finding, no reason for the probe: only the interviewer's question,
        // quoting the candidate.
        assert!(page.find_all(By::Id("feedback")).await?.is_empty());
        let body = page.find(By::Tag("main")).await?.text().await?;
        assert!(!body.contains("/100"), "a score shows: {body}");
        assert!(!body.contains("Why they ask"), "{body}");
        let prompt = page.find(By::Id("prompt-text")).await?.text().await?;
        assert!(
            prompt.starts_with("You said “") && prompt.contains("The misfires improved a lot"),
            "{prompt}"
        );

        page.find(By::Id("mock-text"))
            .await?
            .send_keys(PROOF)
            .await?;
        page.find(By::Id("hand-in")).await?.click().await?;
        wait_for("the next box", || async {
            // The page reloads under the check: a vanished element is "not yet".
            let Some(note) = page.find_all(By::Id("handed-in")).await?.into_iter().next() else {
                return Ok(false);
            };
            Ok(note.text().await.is_ok_and(|t| t.contains("follow-up 1")))
        })
        .await?;
        let body = page.find(By::Tag("main")).await?.text().await?;
        assert!(!body.contains("/100"), "a score shows: {body}");

        let finish = page.find(By::Id("finish")).await?;
        finish.scroll_into_view().await?;
        finish.click().await?;
        wait_for("the debrief", || async {
            Ok(page.current_url().await?.path().ends_with("/debrief"))
        })
        .await?;
        let verdict = page.find(By::Css(".verdict")).await?.text().await?;
        assert!(verdict.starts_with("No hire"), "{verdict}");
        let main = page.find(By::Tag("main")).await?.text().await?;
        assert!(
            main.contains("You said “"),
            "the probe is in the transcript"
        );

        // The start form with its round list fits a phone, as does this debrief.
        let debrief = page.current_url().await?;
        page.set_window_rect(0, 0, 375, 900).await?;
        for url in [
            format!("{base}/mock"),
            debrief.to_string(),
            format!("{base}/examples?role=pmm&round=gtm-case"),
        ] {
            page.goto(&url).await?;
            let cut = cut_off(&page).await?;
            assert!(cut.is_empty(), "{url} at 375 px: {cut:?}");
        }
        WebDriverResult::Ok(())
    }
    .await;
    let quit = page.quit().await;
    result.expect("browser steps");
    quit.expect("browser quits");
}

/// The built-in content with the web tests' artifact kind (`launch-memo`) laid over it as a
/// user layer: the built-in content on this branch has no artifact kinds yet.
fn artifact_catalog() -> debrief_pack::Catalog {
    let overlay = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../debrief-web/tests/fixtures/artifacts");
    debrief_content::load(Some(&overlay)).expect("the artifact layer is valid")
}

/// A weak launch memo: future tense, fluff and a softball answer.
const MEMO: &str = "## Announcement\nWe will launch seamless payouts for restaurant owners.\n\n\
                    ## FAQ\nWill fraud be a problem? The risk is minimal.";

/// Replaces the drill's template with [`MEMO`], typed.
async fn write_memo(page: &WebDriver) -> WebDriverResult<()> {
    let text = page.find(By::Id("drill-text")).await?;
    text.clear().await?;
    text.send_keys(MEMO).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_drills_an_artifact_with_javascript_and_without() {
    let (_driver, port) = start_driver().await;
    let (base, _db) = start_app_over(artifact_catalog()).await;

    // With JavaScript: the clock ticks, the text is kept in the browser as it is typed (a
    // reload brings it back), and the check lands on the report.
    let page = browser(port).await;
    let result = async {
        page.goto(format!("{base}/artifacts")).await?;
        page.find(By::LinkText("Launch memo"))
            .await?
            .click()
            .await?;
        wait_for("the kind's page", || async {
            Ok(page.current_url().await?.path() == "/artifacts/launch-memo")
        })
        .await?;
        page.find(By::Id("start-drill")).await?.click().await?;
        wait_for("the drill", || async {
            Ok(page.current_url().await?.path() == "/artifacts/launch-memo/drill")
        })
        .await?;
        let clock = page.find(By::Id("drill-clock")).await?.text().await?;
        assert!(clock.contains("of 20:00"), "the kind's budget: {clock}");
        wait_for("the clock to tick", || async {
            Ok(page.find(By::Id("clock-used")).await?.text().await? != "0:00")
        })
        .await?;
        let template = page.find(By::Id("drill-text")).await?.value().await?;
        assert!(
            template.is_some_and(|t| t.starts_with("## Announcement")),
            "the box starts from the kind's template"
        );
        write_memo(&page).await?;
        // Saved on the server as typed, as a mock's answers are: a reload opens the draft.
        wait_for("the autosave", || async {
            let status = page.find(By::Id("save-status")).await?.text().await?;
            Ok(status.starts_with("Saved ") && !status.contains("browser"))
        })
        .await?;
        page.refresh().await?;
        wait_for("the text to come back", || async {
            let kept = page.find(By::Id("drill-text")).await?.value().await?;
            Ok(kept.as_deref() == Some(MEMO))
        })
        .await?;

        page.find(By::Id("check-button")).await?.click().await?;
        wait_for("the report", || async {
            Ok(page.current_url().await?.path().contains("/attempts/"))
        })
        .await?;
        let findings = page.find(By::Id("findings")).await?.text().await?;
        assert!(findings.contains("Not written as launched"), "{findings}");
        assert!(findings.contains("Instead:"), "{findings}");
        let marked = page.find_all(By::Css("#marked mark.finding")).await?;
        assert!(
            !marked.is_empty(),
            "the findings are marked on the document"
        );
        let report = page.current_url().await?;

        // Checked, the browser's copy is done with: a new drill starts from the template.
        page.goto(format!(
            "{base}/artifacts/launch-memo/drill?prompt=memo-payouts"
        ))
        .await?;
        let fresh = page.find(By::Id("drill-text")).await?.value().await?;
        assert!(
            fresh.is_some_and(|t| t.starts_with("## Announcement\n[")),
            "the template again"
        );

        // A phone: the list, a kind, the drill and the report fit 375 px.
        page.set_window_rect(0, 0, 375, 900).await?;
        for url in [
            format!("{base}/artifacts"),
            format!("{base}/artifacts/launch-memo"),
            format!("{base}/artifacts/launch-memo/drill?prompt=memo-payouts"),
            report.to_string(),
            format!("{base}/progress"),
        ] {
            page.goto(&url).await?;
            let cut = cut_off(&page).await?;
            assert!(
                cut.is_empty(),
                "{url} at 375 px: cut off or scrolling sideways: {cut:?}"
            );
        }
        WebDriverResult::Ok(())
    }
    .await;
    let quit = page.quit().await;
    result.expect("browser steps with JavaScript");
    quit.expect("browser quits");

    // Without JavaScript: no clock ticks and no autosave, and the form simply posts.
    let plain = browser_with(port, false).await;
    let result = async {
        plain
            .goto(format!(
                "{base}/artifacts/launch-memo/drill?prompt=memo-pricing"
            ))
            .await?;
        let status = plain.find(By::Id("save-status")).await?.text().await?;
        assert!(status.is_empty(), "no script ran: {status:?}");
        write_memo(&plain).await?;
        plain.find(By::Id("check-button")).await?.click().await?;
        wait_for("the report", || async {
            Ok(plain.current_url().await?.path().contains("/attempts/"))
        })
        .await?;
        let findings = plain.find(By::Id("findings")).await?.text().await?;
        assert!(findings.contains("Softball answer"), "{findings}");
        let heading = plain.find(By::Tag("h1")).await?.text().await?;
        assert_eq!(heading, "Launch memo: your check");
        WebDriverResult::Ok(())
    }
    .await;
    let quit = plain.quit().await;
    result.expect("browser steps without JavaScript");
    quit.expect("browser quits");
}
