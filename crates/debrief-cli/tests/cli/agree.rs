//! The web app and the CLI cannot disagree: one data folder driven through both front ends,
//! then every figure both show compared, value for value. The JSON the API returns must equal
//! what the CLI prints with --json, and the pages must show the same loop, round kinds,
//! statuses and gaps. A fresh data folder must start both at the content's defaults.

use super::*;
use crate::serve::spawn_serve;

/// A running `debrief serve`, killed when dropped so a failed assertion leaves no server.
struct Served {
    child: std::process::Child,
    addr: String,
}

impl Served {
    fn start(data: &Path) -> Served {
        let dir = data.to_string_lossy().into_owned();
        let (child, addr, _) = spawn_serve(&[], &[("DEBRIEF_DATA_DIR", dir.as_str())]);
        Served { child, addr }
    }

    /// `GET path`: the body of a 200, or a panic naming the status.
    fn get(&self, path: &str) -> String {
        let (status, _, body) = http(&self.addr, "GET", path, "", "");
        assert!(status.contains(" 200 "), "GET {path}: {status}\n{body}");
        body
    }

    /// `GET path` as JSON.
    fn json(&self, path: &str) -> Value {
        let body = self.get(path);
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path} is not JSON ({e})"))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `text` as a form value.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Posts `fields` as a browser submitting one of the app's forms would: with the CSRF cookie
/// and token a page handed out. Expects a redirect or a page, and returns the body.
fn post_form(served: &Served, path: &str, fields: &[(&str, &str)]) -> String {
    let (_, headers, body) = http(&served.addr, "GET", "/stories/new", "", "");
    let cookie = headers
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a CSRF cookie")
        .to_owned();
    let token = body
        .split(r#"name="csrf-token" content=""#)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a CSRF token")
        .to_owned();
    let mut form = format!("csrf={}", encode(&token));
    for (k, v) in fields {
        form.push_str(&format!("&{k}={}", encode(v)));
    }
    let (status, _, body) = http(&served.addr, "POST", path, &cookie, &form);
    assert!(
        status.contains(" 303 ") || status.contains(" 200 "),
        "POST {path}: {status}\n{body}"
    );
    body
}

/// The CLI's --json output of `args` on the data folder `data`.
fn cli_json(data: &Path, args: &[&str]) -> Value {
    let out = debrief_in(data)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

/// Askama's escapes of the characters content names can hold, undone.
fn unescape(html: &str) -> String {
    html.replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// The text between `open` and the next `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

/// A page's start form, as preselected: the company and role whose options are `selected`
/// and the level selected, with the company whose group holds it.
#[derive(Debug, PartialEq, Eq)]
struct Preselected {
    company: String,
    role: String,
    level: (String, String),
}

/// The `<select>` named `name`, from its name to its end.
fn select_block<'a>(body: &'a str, name: &str) -> &'a str {
    let open = format!(r#"name="{name}""#);
    let at = body
        .find(&open)
        .unwrap_or_else(|| panic!("no {name} select"));
    between(&body[at..], &open, "</select>").expect("the select ends")
}

/// The values of the options marked `selected` in `block`.
fn selected_in(block: &str) -> Vec<String> {
    block
        .split("<option value=\"")
        .skip(1)
        .filter(|o| {
            o.split_once('>')
                .is_some_and(|(attrs, _)| attrs.ends_with(" selected"))
        })
        .filter_map(|o| o.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// The one value selected in the select named `name`.
fn selected(body: &str, name: &str) -> String {
    let values = selected_in(select_block(body, name));
    assert_eq!(values.len(), 1, "one {name} selected: {values:?}");
    values[0].clone()
}

/// The one level selected in the level select, with the company whose group holds it.
fn selected_level(body: &str) -> (String, String) {
    let mut found = Vec::new();
    for group in select_block(body, "level").split("<optgroup ").skip(1) {
        let company = between(group, r#"data-company=""#, "\"").expect("a company group");
        for level in selected_in(group) {
            found.push((company.to_owned(), level));
        }
    }
    assert_eq!(found.len(), 1, "one level selected: {found:?}");
    found.remove(0)
}

/// The plan and mock start forms (three selects).
fn picker(body: &str) -> Preselected {
    Preselected {
        company: selected(body, "company"),
        role: selected(body, "role"),
        level: selected_level(body),
    }
}

/// The home page's form: a company select, role radios, the level select.
fn home_picker(body: &str) -> Preselected {
    let roles: Vec<&str> = body
        .split(r#"name="role" value=""#)
        .skip(1)
        .filter(|r| {
            r.split_once('>')
                .is_some_and(|(attrs, _)| attrs.contains(" checked"))
        })
        .filter_map(|r| r.split('"').next())
        .collect();
    assert_eq!(roles.len(), 1, "one role checked: {roles:?}");
    Preselected {
        company: selected(body, "company"),
        role: roles[0].to_owned(),
        level: selected_level(body),
    }
}

/// The loop a `LoopChoice` names, as the forms preselect it.
fn expected(target: &Value) -> Preselected {
    let company = target["company"].as_str().expect("company").to_owned();
    Preselected {
        company: company.clone(),
        role: target["role"].as_str().expect("role").to_owned(),
        level: (
            company,
            target["level"].as_str().expect("a level").to_owned(),
        ),
    }
}

/// The readiness table of /progress: (round kind name, status, recent scores) per row.
fn readiness_rows(body: &str) -> Vec<(String, String, String)> {
    let table = between(body, r#"<table class="history readiness">"#, "</table>")
        .expect("a readiness table");
    let tbody = between(table, "<tbody>", "</tbody>").expect("rows");
    tbody
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let name = between(row, r#"<th scope="row">"#, "</th>").expect("a name");
            let status = between(row, r#"class="badge ready ready-"#, "\"").expect("a status");
            let recent = between(row, r#"<td class="num">"#, " <span").expect("recent scores");
            (unescape(name), status.to_owned(), recent.replace('–', ""))
        })
        .collect()
}

/// The principle ids of the coverage matrix's rows on /stories, with whether each is a gap.
fn matrix_rows(body: &str) -> Vec<(String, bool)> {
    let table = between(body, r#"<table class="matrix">"#, "</table>").expect("a matrix");
    table
        .split("<tr class=\"")
        .skip(1)
        .map(|row| {
            let gap = row.starts_with("is-gap");
            let id = between(row, r#"id="cov-"#, "\"").expect("a row id");
            (id.to_owned(), gap)
        })
        .collect()
}

#[test]
fn the_web_app_and_the_cli_show_the_same_figures() {
    let catalog = debrief_content::load(None).expect("built-in content");
    let data = tempfile::tempdir().expect("tempdir");
    let dir = data.path();

    // With the CLI: three stories (a strong one, one on principles the default loop weighs,
    // one too large for the grader to read), a plan for a loop that is not the default, and a
    // mock loop of another with two answers handed in, so there is history.
    debrief_in(dir)
        .args([
            "stories",
            "add",
            "--title",
            "Checkout rollback",
            "--role",
            "pm",
        ])
        .args([
            "--situation",
            "Checkout conversion dropped 15% after a redesign.",
        ])
        .args(["--action", STRONG])
        .args([
            "--result",
            "Conversion recovered from 31% to 36% in six weeks.",
        ])
        .args(["--lps", "dive-deep,deliver-results"])
        .assert()
        .success();
    debrief_in(dir)
        .args(["stories", "add", "--title", "Pricing page", "--role", "pm"])
        .args(["--action", "We changed the pricing page and it went fine."])
        .args(["--lps", "invent-and-simplify,customer-obsession"])
        .assert()
        .success();
    let huge = dir.join("huge.json");
    let action = "I decided to ship it. ".repeat(50_000);
    std::fs::write(
        &huge,
        serde_json::json!({"title": "Far too long", "action": action, "lps": ["ownership"]})
            .to_string(),
    )
    .expect("write the story");
    debrief_in(dir)
        .args([
            "stories",
            "add",
            "--from",
            huge.to_str().expect("utf-8 path"),
        ])
        .assert()
        .success();
    debrief_in(dir)
        .args([
            "plan",
            "new",
            "amazon",
            "pmm",
            "--level",
            "l6",
            "--date",
            "2099-01-15",
        ])
        .assert()
        .success();
    debrief_in(dir)
        .args([
            "mock",
            "--company",
            "meta",
            "--role",
            "pm",
            "--level",
            "ic5",
            "--seed",
            "3",
        ])
        .write_stdin(format!(
            "{STRONG}\n.\nWe aligned and it went well.\n.\n:end\n"
        ))
        .assert()
        .success()
        .stdout(predicate::str::contains("Handed in:"));

    // With the web app on the same folder: a story and a kept Practice answer.
    let served = Served::start(dir);
    post_form(
        &served,
        "/stories",
        &[
            ("title", "Billing bug"),
            ("role", "pmm"),
            (
                "situation",
                "A billing bug overcharged 40 enterprise customers.",
            ),
            (
                "action",
                "I decided to tell our three largest customers the cause before they asked.",
            ),
            ("result", "All three renewed, and churn fell from 9% to 4%."),
            ("lps", "earn-trust"),
        ],
    );
    let question = catalog
        .questions()
        .iter()
        .find(|q| q.round == "behavioral" && q.asks(debrief_pack::Role::Pm))
        .expect("a behavioral PM question")
        .id
        .clone();
    let page = post_form(
        &served,
        "/practice",
        &[
            ("company", "amazon"),
            ("role", "pm"),
            ("round", "behavioral"),
            ("question_id", &question),
            ("answer", STRONG),
            ("keep", "on"),
        ],
    );
    assert!(
        page.contains("Saved to your history"),
        "the answer was kept"
    );

    // The JSON: the API's values are the CLI's.
    let progress = cli_json(dir, &["progress", "--json"]);
    assert_eq!(served.json("/api/progress"), progress, "progress");
    assert_eq!(progress["scope"]["scope"], "latest-mock", "{progress}");
    let coverage = cli_json(dir, &["stories", "coverage", "--json"]);
    assert_eq!(served.json("/api/stories/coverage"), coverage, "coverage");
    let target = &coverage["target"];
    assert_eq!(served.json("/api/target"), *target, "target");
    assert_eq!(
        *target,
        serde_json::json!({"company": "amazon", "role": "pmm", "level": "l6", "from": "plan"}),
        "the newest plan's loop, though the mock is newer"
    );
    assert_eq!(
        coverage["unread"][0][0], 3,
        "the large story is left out: {coverage}"
    );
    assert_eq!(
        served.json("/api/stories/coverage?company=google&role=pm"),
        cli_json(dir, &["stories", "coverage", "google", "pm", "--json"]),
        "a loop named on both sides"
    );

    // The pages: /progress lists the same round kinds in the same order with the same
    // statuses and recent scores.
    let rows = readiness_rows(&served.get("/progress"));
    let cli_rows: Vec<(String, String, String)> = progress["readiness"]
        .as_array()
        .expect("readiness")
        .iter()
        .map(|r| {
            let kind = r["round_kind"].as_str().expect("kind");
            let name = catalog.round_kind(kind).map_or(kind, |k| k.name.as_str());
            let recent: Vec<String> = r["recent"]
                .as_array()
                .expect("recent")
                .iter()
                .map(Value::to_string)
                .collect();
            (
                name.to_owned(),
                r["status"].as_str().expect("status").to_owned(),
                recent.join(", "),
            )
        })
        .collect();
    assert!(cli_rows.len() > 1, "the mock's loop has several kinds");
    assert_eq!(rows, cli_rows, "readiness on /progress");

    // /stories names the same loop, the same gaps in the same order, and the story left out.
    let page = served.get("/stories");
    let company = catalog.company("amazon").expect("amazon");
    let heading = format!(
        "Coverage: {} PMM, {}</h2>",
        company.name,
        catalog
            .levels_of("amazon")
            .find(|l| l.id == "l6")
            .expect("l6")
            .name
    );
    assert!(page.contains(&heading), "{heading}");
    let cli_matrix: Vec<(String, bool)> = coverage["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["principle"].as_str().expect("id").to_owned(),
                r["covered"] == false,
            )
        })
        .collect();
    assert!(cli_matrix.iter().any(|(_, gap)| *gap), "there are gaps");
    assert!(cli_matrix.iter().any(|(_, gap)| !*gap), "and covered rows");
    assert_eq!(matrix_rows(&page), cli_matrix, "the matrix on /stories");
    let note = between(&page, "coverage-unread", "</div>").expect("a note of unread stories");
    assert!(
        note.contains(r#"href="/stories/3">Far too long</a>"#),
        "{note}"
    );

    // Every start form preselects the target.
    let want = expected(target);
    assert_eq!(home_picker(&served.get("/")), want, "the home page");
    assert_eq!(picker(&served.get("/plan")), want, "the plan form");
    assert_eq!(picker(&served.get("/mock")), want, "the mock form");

    // A profile set on the command line is the web app's target, and one set on the web
    // app's page is the command line's.
    cli_json(
        dir,
        &[
            "profile",
            "set",
            "--company",
            "meta",
            "--role",
            "pm",
            "--level",
            "ic6",
            "--json",
        ],
    );
    let shown = cli_json(dir, &["profile", "--json"]);
    assert_eq!(
        shown["target"],
        serde_json::json!({"company": "meta", "role": "pm", "level": "ic6", "from": "profile"})
    );
    assert_eq!(served.json("/api/target"), shown["target"], "target");
    let want = expected(&shown["target"]);
    assert_eq!(home_picker(&served.get("/")), want, "the home page");
    assert_eq!(picker(&served.get("/plan")), want, "the plan form");
    assert_eq!(picker(&served.get("/mock")), want, "the mock form");
    post_form(
        &served,
        "/profile",
        &[
            ("company", "google"),
            ("role", "pmm"),
            ("level", "l5"),
            ("track", ""),
            ("interview_date", ""),
        ],
    );
    let shown = cli_json(dir, &["profile", "--json"]);
    assert_eq!(shown["profile"]["company"], "google");
    assert_eq!(served.json("/api/target"), shown["target"], "target");
    assert_eq!(
        served.json("/api/stories/coverage"),
        cli_json(dir, &["stories", "coverage", "--json"]),
        "coverage of the profile's loop"
    );
    drop(served);

    // A fresh machine: both start at the content's defaults.
    let fresh = tempfile::tempdir().expect("tempdir");
    let defaults = cli_json(fresh.path(), &["stories", "coverage", "--json"])["target"].clone();
    let company = catalog.default_company().expect("a default company");
    assert_eq!(
        defaults,
        serde_json::json!({
            "company": company.id,
            "role": catalog.default_role().id(),
            "level": catalog.default_level(&company.id).map(|l| l.id.clone()),
            "from": "default",
        }),
        "the CLI starts at the content's defaults"
    );
    let served = Served::start(fresh.path());
    assert_eq!(served.json("/api/target"), defaults);
    let want = expected(&defaults);
    assert_eq!(home_picker(&served.get("/")), want, "the home page");
    assert_eq!(picker(&served.get("/plan")), want, "the plan form");
    assert_eq!(picker(&served.get("/mock")), want, "the mock form");
    assert!(served.get("/stories").contains(&format!(
        "Coverage: {} {}",
        company.name,
        catalog
            .role(catalog.default_role().id())
            .expect("the default role")
            .1
            .short
    )));
}
