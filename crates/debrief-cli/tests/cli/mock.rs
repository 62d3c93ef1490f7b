//! `debrief mock`, `debrief today` and `debrief progress`, on SQLite and PostgreSQL.

use super::*;
use crate::serve::spawn_serve;

const MOCK: [&str; 8] = [
    "mock",
    "--company",
    "amazon",
    "--role",
    "pmm",
    "--level",
    "l5",
    "--seed",
];

#[test]
fn mock_plan_is_reproducible_and_answers_give_a_debrief_with_quotes() {
    let plan = json(&[&MOCK[..], &["7", "--plan"]].concat());
    assert_eq!(plan["seed"], 7);
    let rounds = plan["rounds"].as_array().expect("rounds");
    assert_eq!(rounds.len(), 8);
    assert!(rounds.iter().any(|r| r["bar_raiser"] == true));
    assert_eq!(plan, json(&[&MOCK[..], &["7", "--plan"]].concat()));

    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("answers.jsonl");
    let answer = "We looked at the market and the team aligned on a plan. It went well.";
    std::fs::write(
        &answers,
        format!("{{\"round_index\": 0, \"question_index\": 0, \"answer\": \"{answer}\", \"elapsed_seconds\": 2400}}\n"),
    )
    .expect("write answers");
    let path = answers.to_str().expect("utf-8 path");
    let weighed = json(&[&MOCK[..], &["7", "--answers", path, "--json"]].concat());
    assert_eq!(weighed["decision"]["hire"], false);
    assert_eq!(weighed["seed"], 7);
    // Every quote is the candidate's own words.
    let mut quotes = 0;
    let mut walk = vec![&weighed];
    while let Some(v) = walk.pop() {
        match v {
            Value::Object(map) => {
                if let (Some(Value::String(text)), Some(_)) = (map.get("text"), map.get("stance")) {
                    assert!(
                        answer.contains(text.as_str()),
                        "{text:?} is not from the answer"
                    );
                    quotes += 1;
                }
                walk.extend(map.values());
            }
            Value::Array(items) => walk.extend(items),
            _ => {}
        }
    }
    assert!(quotes > 0, "the debrief quotes the answer");
    // The recruiter screen's 30-minute budget was overrun by ten minutes, and that is recorded.
    assert_eq!(weighed["rounds"][0]["over_seconds"], 600);
    // Markdown by default.
    debrief()
        .args([&MOCK[..], &["7", "--answers", path]].concat())
        .assert()
        .success()
        .stdout(predicate::str::contains("## Decision: No hire at L5"));
}

#[test]
fn a_quick_plan_draws_at_most_four_rounds_and_one_round_draws_that_round() {
    let quick = json(&[&MOCK[..], &["7", "--quick", "--plan"]].concat());
    assert_eq!(quick["scope"], "quick");
    let rounds = quick["rounds"].as_array().expect("rounds");
    assert!(!rounds.is_empty() && rounds.len() <= 4, "{}", rounds.len());
    assert_eq!(quick["loop_rounds"], 8);
    let ids: Vec<&str> = rounds.iter().filter_map(|r| r["id"].as_str()).collect();
    // The loop's elimination points are in it, in the loop's order.
    assert!(
        ids.contains(&"phone-screen") && ids.contains(&"bar-raiser"),
        "{ids:?}"
    );
    assert_eq!(ids.last(), Some(&"bar-raiser"));
    for (i, r) in rounds.iter().enumerate() {
        assert_eq!(r["index"], i);
        assert!(!r["questions"].as_array().expect("questions").is_empty());
    }
    // A 60-minute Bar Raiser asks four questions; the plan says which mode it runs in.
    let bar_raiser = json(
        &[
            &MOCK[..],
            &["7", "--round", "bar-raiser", "--interview", "--plan"],
        ]
        .concat(),
    );
    assert_eq!(
        bar_raiser["scope"],
        serde_json::json!({"round": "bar-raiser"})
    );
    assert_eq!(bar_raiser["mode"], "interview");
    assert_eq!(bar_raiser["rounds"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        bar_raiser["rounds"][0]["questions"]
            .as_array()
            .map(Vec::len),
        Some(4)
    );
    // A round the loop does not have: exit 2, what it meant and what exists.
    debrief()
        .args([&MOCK[..], &["7", "--round", "bar-riaser", "--plan"]].concat())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `bar-raiser`"))
        .stderr(predicate::str::contains("launch-plan"));
    // A quick loop and one round at once make no sense.
    debrief()
        .args(
            [
                &MOCK[..],
                &["7", "--quick", "--round", "gtm-case", "--plan"],
            ]
            .concat(),
        )
        .assert()
        .code(2);
}

#[test]
fn a_mock_without_a_company_and_role_runs_the_profiles_loop() {
    let dir = tempfile::tempdir().expect("temp dir");
    debrief_in(dir.path())
        .args([
            "profile",
            "set",
            "--company",
            "google",
            "--role",
            "pmm",
            "--level",
            "l6",
        ])
        .assert()
        .success();
    let out = debrief_in(dir.path())
        .args(["mock", "--quick", "--plan", "--seed", "3"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plan: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(
        (&plan["loop_id"], &plan["level"], &plan["scope"]),
        (
            &Value::from("google-pmm"),
            &Value::from("l6"),
            &Value::from("quick")
        )
    );
    assert!(plan["rounds"].as_array().is_some_and(|r| r.len() <= 4));
    // A level given on its own changes only the level.
    let out = debrief_in(dir.path())
        .args(["mock", "--plan", "--level", "l5"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plan: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(
        (&plan["loop_id"], &plan["level"]),
        (&Value::from("google-pmm"), &Value::from("l5"))
    );
    // One of company and role without the other is refused with what to do.
    debrief_in(dir.path())
        .args(["mock", "--plan", "--company", "amazon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give both --company and --role"));
}

#[test]
fn an_interview_mode_mock_keeps_the_score_for_the_debrief_and_quotes_the_answer_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The quick loop opens on the phone screen, a behavioral round: a result with no number.
    let claims = "The rep kept promising an integration we did not have. I sat in on three of \
                  his calls and wrote him a one-page guide. The misfires improved a lot.";
    let out = debrief_in(dir.path())
        .args([&MOCK[..], &["1", "--quick", "--interview"]].concat())
        .write_stdin(format!("{claims}\n.\n:end\n"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    assert!(
        out.contains("Quick loop, 3 rounds of 8 · Interview mode"),
        "{out}"
    );
    assert!(
        out.contains("Round 1 of 3: Phone screen with the hiring manager or a peer"),
        "{out}"
    );
    let (before, debrief) = out
        .split_once("## Decision")
        .expect("the debrief at the end");
    assert!(
        before.contains("Handed in. The score comes with the debrief."),
        "{before}"
    );
    assert!(
        !before.contains("/100") && !before.contains("(why:"),
        "{before}"
    );
    assert!(
        before.contains("The interviewer follows up: You said “")
            && before.contains("The misfires improved a lot"),
        "{before}"
    );
    assert!(debrief.contains("Rounds"), "{debrief}");
}

#[test]
fn mock_answers_errors_name_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("a.jsonl");
    std::fs::write(
        &answers,
        "{\"round_index\": 0, \"question_index\": 0, \"answer\": \"fine\"}\n\n{\"round_index\": 42, \"question_index\": 0, \"answer\": \"x\"}\nnot json\n",
    )
    .expect("write");
    let path = answers.to_str().expect("utf-8 path");
    debrief()
        .args([&MOCK[..], &["7", "--answers", path]].concat())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a.jsonl:3: the mock has no round 42",
        ))
        .stderr(predicate::str::contains("a.jsonl:4:"));
    debrief()
        .args(["mock", "--role", "pmm", "--level", "l5", "--plan"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give both --company and --role"));
}

#[test]
fn an_interactive_mock_saves_as_typed_resumes_and_ends_in_a_debrief() {
    let dir = tempfile::tempdir().expect("temp dir");
    // First sitting: answer, hand in, start the follow-up, stop (end of input).
    debrief_in(dir.path())
        .args([&MOCK[..], &["3"]].concat())
        .write_stdin("We looked at the market and the team aligned.\nIt went well.\n.\nI decided it myself.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Round 1 of 8: Recruiter screen"))
        .stdout(predicate::str::contains("Handed in:"))
        .stdout(predicate::str::contains("The interviewer follows up:"))
        .stderr(predicate::str::contains("debrief mock --resume 1"));
    debrief_in(dir.path())
        .args(["mock", "--list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("in progress"));
    // Second sitting: the draft typed before stopping is still there; end the loop.
    debrief_in(dir.path())
        .args(["mock", "--resume", "1"])
        .write_stdin(":end\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Your saved draft"))
        .stdout(predicate::str::contains("I decided it myself."))
        .stdout(predicate::str::contains("## Decision: No hire at L5"));
    let shown = debrief_in(dir.path())
        .args(["mock", "--show", "1", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let shown: Value = serde_json::from_slice(&shown).expect("json");
    assert_eq!(shown["decision"]["hire"], false);
    // The exported answers weigh byte for byte the same debrief, as scripts would run it.
    let exported = debrief_in(dir.path())
        .args(["mock", "--export", "1"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&exported).lines().count(),
        1,
        "one answer handed in"
    );
    let answers = dir.path().join("answers.jsonl");
    std::fs::write(&answers, &exported).expect("write answers");
    let weighed = debrief_in(dir.path())
        .args([
            "mock",
            "--mock",
            "1",
            "--answers",
            answers.to_str().expect("utf-8"),
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        serde_json::from_slice::<Value>(&weighed).expect("json"),
        shown,
        "the saved debrief and the one weighed from --answers are the same"
    );
    // The handed-in answer is in the history. It scored far under the bar, so its area is due
    // again today rather than waiting for tomorrow.
    let progress = debrief_in(dir.path())
        .args(["progress", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let progress: Value = serde_json::from_slice(&progress).expect("json");
    assert_eq!(progress["readiness"][0]["round_kind"], "recruiter-screen");
    assert_eq!(progress["readiness"][0]["status"], "not-yet");
    debrief_in(dir.path())
        .args(["today"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing due today").not())
        // The score depends on the question drawn; the wording does not.
        .stdout(predicate::str::contains("Recruiter screen — Scored "))
        .stdout(predicate::str::contains(
            ", far below the bar of 60: answer one more today",
        ));
    debrief_in(dir.path())
        .args(["mock", "--show", "9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no mock loop with id 9"));
}

/// The same binary on PostgreSQL: with `DATABASE_URL` set, stories, plans and mock loops are
/// kept in the server's database, and `debrief serve` shows them. Runs when `TEST_DATABASE_URL`
/// names a test database (`.ci/run` starts one); the rows it adds carry a unique title.
#[test]
fn the_binary_keeps_data_in_postgresql_when_database_url_is_set() {
    let Some(url) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("TEST_DATABASE_URL not set: skipping the PostgreSQL run of the binary");
        return;
    };
    let stamp = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    );
    let title = format!("Postgres story {stamp}");
    let empty = tempfile::tempdir().expect("tempdir");
    let on_pg = |args: &[&str]| {
        let mut cmd = debrief();
        cmd.env("DATABASE_URL", &url)
            .env("DEBRIEF_DATA_DIR", empty.path())
            .args(args);
        cmd
    };
    on_pg(&[
        "stories",
        "add",
        "--title",
        &title,
        "--action",
        "I decided to ship the smaller plan.",
        "--lps",
        "earn-trust",
    ])
    .assert()
    .success();
    let listed = on_pg(&["stories", "list", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listed: Value = serde_json::from_slice(&listed).expect("json");
    assert!(
        listed
            .as_array()
            .expect("list")
            .iter()
            .any(|s| s["title"] == title.as_str()),
        "the story is in PostgreSQL"
    );
    // Nothing went to the SQLite default.
    assert!(!empty.path().join("debrief.sqlite3").exists());
    // A mock loop on PostgreSQL, handed in and ended.
    let out = on_pg(&[&MOCK[..], &["5"]].concat())
        .write_stdin("We shipped it and it went well.\n.\n:end\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("## Decision: No hire at L5"));

    // `debrief serve` on the same database shows the story.
    let empty_dir = empty.path().to_string_lossy().into_owned();
    let (mut child, addr, _) = spawn_serve(
        &[],
        &[
            ("DATABASE_URL", url.as_str()),
            ("DEBRIEF_DATA_DIR", empty_dir.as_str()),
        ],
    );
    let page = {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
        write!(
            stream,
            "GET /stories HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        answer
    };
    child.kill().expect("stop the server");
    child.wait().expect("reap");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains(&title),
        "the page lists the story kept in PostgreSQL"
    );
}

/// The Done-when of the storage issue, with the real binary and no setup: a story, a fit
/// result and a plan saved through the web app are all there after the server is killed
/// (SIGKILL, no shutdown) and started again on the same data folder.
#[test]
fn serve_keeps_stories_fit_results_and_plans_across_a_kill_and_restart() {
    let data = tempfile::tempdir().expect("tempdir");
    let data_dir = data.path().to_string_lossy().into_owned();
    let env = [("DEBRIEF_DATA_DIR", data_dir.as_str())];
    let (mut child, addr, _) = spawn_serve(&[], &env);

    // The CSRF cookie and token come with the first page.
    let (_, headers, body) = http(&addr, "GET", "/stories/new", "", "");
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
    let post = |path: &str, form: &str| {
        let (status, headers, _) = http(
            &addr,
            "POST",
            path,
            &cookie,
            &format!("csrf={token}&{form}"),
        );
        assert!(
            status.contains(" 303 ") || status.contains(" 302 "),
            "{path}: {status}\n{headers}"
        );
    };
    post(
        "/stories",
        "title=Kept+across+a+kill&action=I+decided+to+ship+the+smaller+plan.&lps=earn-trust&role=pm",
    );
    post(
        "/fit",
        "item-underperforming-feature=funnel&win1=I+rebuilt+the+onboarding+funnel+and+activation+rose+from+31%25+to+40%25.",
    );
    post(
        "/plan",
        "company=amazon&role=pmm&level=l5&interview_date=2099-01-15",
    );

    child.kill().expect("SIGKILL the server");
    child.wait().expect("reap");

    let (mut child, addr, _) = spawn_serve(&[], &env);
    let stories = http(&addr, "GET", "/stories", "", "").2;
    let fit = http(&addr, "GET", "/fit", "", "").2;
    let plans = http(&addr, "GET", "/plan", "", "").2;
    child.kill().expect("stop the server");
    child.wait().expect("reap");
    assert!(stories.contains("Kept across a kill"), "the story survived");
    assert!(
        !fit.contains("Answer the situations (and, if you like"),
        "a fit result is shown"
    );
    assert!(fit.contains("Taken "), "the saved fit result survived");
    assert!(plans.contains("2099-01-15"), "the plan survived");
    assert!(plans.contains(r#"href="/plan/1""#), "{plans}");
}
