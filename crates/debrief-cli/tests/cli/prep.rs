//! Preparation that is saved: plans and their ticks, the fit diagnostic, the story bank.

use super::*;

#[test]
fn plan_prints_markdown_json_and_ics() {
    let args = [
        "plan",
        "new",
        "amazon",
        "pmm",
        "--level",
        "l5",
        "--date",
        "2027-01-15",
        "--today",
        "2026-11-23",
    ];
    debrief()
        .args(args)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Prep plan: Amazon PMM, L5"))
        .stdout(predicate::str::contains("- [ ] "));
    let v = json(&[&args[..], &["--json"]].concat());
    let weeks = v["plan"]["weeks"].as_array().expect("weeks");
    assert_eq!(weeks.len(), 8);
    let ids: Vec<&str> = weeks
        .iter()
        .flat_map(|w| w["items"].as_array().into_iter().flatten())
        .filter_map(|i| i["id"].as_str())
        .collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "item ids are unique");
    let out = debrief()
        .args(args)
        .arg("--ics")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let ics = String::from_utf8(out).expect("utf8");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), ids.len());
    debrief()
        .args([
            "plan",
            "new",
            "amazon",
            "pmm",
            "--date",
            "2026-11-01",
            "--today",
            "2026-11-23",
        ])
        .assert()
        .code(2);
    debrief()
        .args(["plan", "new", "amazon", "pmm", "--date", "2027-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--date"));
}

#[test]
fn fit_reads_answers_and_recommends_a_role() {
    let items = json(&["fit", "--items"]);
    let items = items.as_array().expect("items");
    assert!(items.len() >= 20);
    // Pick, for every item, the option leaning furthest toward PM.
    let mut choices = serde_json::Map::new();
    for item in items {
        let best = item["option"]
            .as_array()
            .expect("options")
            .iter()
            .max_by_key(|o| o["lean"].as_i64().unwrap_or(0))
            .expect("an option");
        choices.insert(
            item["id"].as_str().expect("id").to_owned(),
            best["id"].clone(),
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("answers.json");
    let answers = serde_json::json!({
        "choices": choices,
        "wins": [STRONG],
    });
    std::fs::write(&path, answers.to_string()).expect("write");
    let data = tempfile::tempdir().expect("tempdir");
    let out = debrief_in(data.path())
        .args(["fit", "--json", "--answers"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["recommendation"], "pm");
    assert!(
        v["confidence"].as_f64().is_some_and(|c| c > 0.5),
        "{}",
        v["confidence"]
    );
    assert_eq!(v["items_answered"].as_u64(), Some(items.len() as u64));
    let history = {
        let out = debrief_in(data.path())
            .args(["fit", "--history", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<Value>(&out).expect("json")
    };
    assert_eq!(
        history.as_array().map(Vec::len),
        Some(1),
        "the result was saved"
    );
    assert_eq!(history[0]["result"]["recommendation"], "pm");
    std::fs::write(&path, "{\"choices\": {\"nope\": \"x\"}}").expect("write");
    debrief()
        .args(["fit", "--answers"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope"));
    debrief()
        .arg("fit")
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answers"));
}

#[test]
fn the_story_bank_keeps_lints_covers_and_round_trips() {
    let data = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| debrief_in(data.path()).args(args).assert();
    run(&[
        "stories",
        "add",
        "--title",
        "Checkout rollback",
        "--situation",
        "Checkout conversion \
        dropped 15% after a redesign.",
        "--action",
        "I helped the team look at it.",
        "--result",
        "Things got better.",
        "--lps",
        "dive-deep",
        "--role",
        "pm",
    ])
    .success()
    .stdout(predicate::str::contains("Saved story 1"));
    let list: Value = serde_json::from_slice(
        &run(&["stories", "list", "--json"])
            .success()
            .get_output()
            .stdout,
    )
    .expect("json");
    assert_eq!(list[0]["title"], "Checkout rollback");
    let show: Value = serde_json::from_slice(
        &run(&["stories", "show", "1", "--json"])
            .success()
            .get_output()
            .stdout,
    )
    .expect("json");
    let findings = show["lint"]["findings"].as_array().expect("findings");
    let fog = findings
        .iter()
        .find(|f| f["category"] == "collaboration-fog")
        .expect("fog finding");
    assert_eq!(fog["part"], "action");
    let (s, e) = (
        fog["start"].as_u64().expect("s") as usize,
        fog["end"].as_u64().expect("e") as usize,
    );
    assert_eq!(
        &"I helped the team look at it."[s..e],
        fog["text"].as_str().expect("text")
    );

    let coverage = |role: &str| -> Value {
        serde_json::from_slice(
            &run(&["stories", "coverage", "amazon", role, "--json"])
                .success()
                .get_output()
                .stdout,
        )
        .expect("json")
    };
    let before = coverage("pm");
    let row = |c: &Value, lp: &str| {
        c["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["principle"] == lp)
            .cloned()
            .expect("row")
    };
    assert!(
        row(&before, "earn-trust")["gap"]
            .as_str()
            .is_some_and(|g| g.contains("no story"))
    );
    run(&["stories", "add", "--title", "Pushed back on a launch date", "--situation", "Last year our \
        billing migration was due in May.", "--task", "My goal was to protect renewals.", "--action",
        "I decided to delay the launch by two weeks instead of shipping with a 3% error rate, and I \
        told the VP why with the data.", "--result", "Renewal errors fell from 3% to 0.2% in six \
        weeks and churn held at 1.1%. Since then I set an error budget before every launch.",
        "--lps", "earn-trust,have-backbone", "--role", "pm"])
    .success();
    let after = coverage("pm");
    assert!(
        row(&after, "earn-trust")["gap"]
            .as_str()
            .is_none_or(|g| !g.contains("no story")),
        "{}",
        row(&after, "earn-trust")
    );

    let export = run(&["stories", "export", "--format", "csv"])
        .success()
        .get_output()
        .stdout
        .clone();
    let other = tempfile::tempdir().expect("tempdir");
    let file = other.path().join("bank.csv");
    std::fs::write(&file, &export).expect("write");
    debrief_in(other.path())
        .args(["stories", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 2 stories"));
    let again = debrief_in(other.path())
        .args(["stories", "export", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&export)
    );

    std::fs::write(&file, "title,situation\n\"unclosed,x\n").expect("write");
    debrief_in(other.path())
        .args(["stories", "import"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line"));
    let count: Value = serde_json::from_slice(
        &debrief_in(other.path())
            .args(["stories", "list", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .expect("json");
    assert_eq!(
        count.as_array().map(Vec::len),
        Some(2),
        "a failed import adds nothing"
    );

    run(&[
        "stories",
        "edit",
        "1",
        "--title",
        "Checkout rollback, retold",
    ])
    .success();
    run(&["stories", "rm", "1"]).success();
    run(&["stories", "show", "1"])
        .code(2)
        .stderr(predicate::str::contains("no story with id 1"));
    run(&["stories", "add", "--title", " "])
        .code(2)
        .stderr(predicate::str::contains("not saved"));
    run(&[
        "stories",
        "add",
        "--title",
        "x",
        "--action",
        "y",
        "--lps",
        "dive-deeper",
    ])
    .code(2)
    .stderr(predicate::str::contains("did you mean"));
}

#[test]
fn a_saved_plan_keeps_its_ticks() {
    let data = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| debrief_in(data.path()).args(args).assert();
    run(&[
        "plan",
        "new",
        "amazon",
        "pmm",
        "--level",
        "l5",
        "--date",
        "2099-01-15",
    ])
    .success()
    .stdout(predicate::str::contains("Saved as plan 1"));
    let shown: Value = serde_json::from_slice(
        &run(&["plan", "show", "1", "--json"])
            .success()
            .get_output()
            .stdout,
    )
    .expect("json");
    let first = shown["plan"]["weeks"][0]["items"][0]["id"]
        .as_str()
        .expect("an item")
        .to_owned();
    run(&["plan", "tick", "1", &first])
        .success()
        .stdout(predicate::str::contains("Ticked"));
    let shown: Value = serde_json::from_slice(
        &run(&["plan", "show", "1", "--json"])
            .success()
            .get_output()
            .stdout,
    )
    .expect("json");
    assert_eq!(shown["done"], serde_json::json!([first]));
    run(&["plan", "show", "1"])
        .success()
        .stdout(predicate::str::contains("[x] "));
    run(&["plan", "tick", "1", "no-such-item"]).code(2);
    run(&["plan", "tick", "1", &first, "--undo"]).success();
    let listed: Value = serde_json::from_slice(
        &run(&["plan", "list", "--json"])
            .success()
            .get_output()
            .stdout,
    )
    .expect("json");
    assert_eq!(listed[0]["company"], "amazon");
}

#[test]
fn plan_new_says_what_the_story_bank_covers_and_what_to_strengthen() {
    let data = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| debrief_in(data.path()).args(args).assert();
    let plan_args = [
        "plan",
        "new",
        "amazon",
        "pmm",
        "--level",
        "l5",
        "--date",
        "2027-01-15",
        "--today",
        "2026-11-23",
    ];
    let preview = |extra: &[&str]| -> Value {
        serde_json::from_slice(
            &run(&[&plan_args[..], extra, &["--json"]].concat())
                .success()
                .get_output()
                .stdout,
        )
        .expect("json")
    };
    let fresh = preview(&[]);
    let stories: Vec<String> = fresh["plan"]["weeks"]
        .as_array()
        .expect("weeks")
        .iter()
        .flat_map(|w| w["items"].as_array().into_iter().flatten())
        .filter(|i| i["kind"] == "story")
        .filter_map(|i| i["principle"].as_str().map(str::to_owned))
        .collect();
    let (strong_lp, weak_lp) = (&stories[0], &stories[1]);
    run(&[
        "stories",
        "add",
        "--title",
        "Android checkout rollback",
        "--situation",
        "Checkout conversion on Android fell 15% after a redesign.",
        "--task",
        "I owned finding the cause within two weeks.",
        "--action",
        "I pulled the funnel by device and found the new address form failing on small \
         screens. I decided to roll the form back for Android within a day, told the design \
         lead why with the data, and ran an A/B test of a fixed version on 10% of traffic for \
         two weeks before shipping it to everyone.",
        "--result",
        "Conversion recovered from 31% to 36% in six weeks.",
        "--lps",
        strong_lp,
        "--role",
        "pmm",
    ])
    .success();
    run(&[
        "stories",
        "add",
        "--title",
        "Partner <b>onboarding</b>",
        "--situation",
        "Partners churned.",
        "--action",
        "I helped the team look at it.",
        "--result",
        "Things got better.",
        "--lps",
        weak_lp,
        "--role",
        "pmm",
    ])
    .success();
    let v = preview(&[]);
    let covered = v["plan"]["covered"].as_array().expect("covered");
    assert_eq!(covered.len(), 1, "{covered:?}");
    assert_eq!(covered[0]["story"], "Android checkout rollback");
    assert_eq!(covered[0]["principle"], strong_lp.as_str());
    let rewrite = v["plan"]["weeks"]
        .as_array()
        .expect("weeks")
        .iter()
        .flat_map(|w| w["items"].as_array().into_iter().flatten())
        .find(|i| i["kind"] == "rewrite")
        .expect("a rewrite item");
    assert_eq!(rewrite["story"], "Partner <b>onboarding</b>");
    assert_eq!(rewrite["principle"], weak_lp.as_str());
    run(&plan_args)
        .success()
        .stdout(predicate::str::contains(
            "covered by your story \"Android checkout rollback\"",
        ))
        .stdout(predicate::str::contains(
            "Strengthen your story: Partner \\<b\\>onboarding\\</b\\>",
        ))
        .stdout(predicate::str::contains("## Covered by your story bank"));
}
