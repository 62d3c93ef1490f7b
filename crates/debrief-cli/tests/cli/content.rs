//! The read-only commands: loops, the question bank, principles, content checks, help.

use super::*;

#[test]
fn amazon_pmm_loop_as_json_has_rounds_with_minutes_and_principles() {
    let v = json(&["loop", "amazon", "pmm", "--json"]);
    let rounds = v["rounds"].as_array().expect("rounds");
    assert!(rounds.len() >= 4, "{} rounds", rounds.len());
    for r in rounds {
        assert!(r["minutes"].as_u64().is_some_and(|m| m > 0), "{r}");
    }
    let with_lps = rounds
        .iter()
        .filter(|r| {
            r["weighted_principles"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
        })
        .count();
    assert!(with_lps >= 4, "{with_lps} rounds weight principles");
    assert!(
        rounds
            .iter()
            .any(|r| r["title"] == "Bar Raiser" && r["bar_raiser"] == true)
    );
    assert_eq!(v["company"]["id"], "amazon");
    assert_eq!(v["role"]["id"], "pmm");
    assert!(v["level"].is_null());
    let total: u64 = rounds.iter().filter_map(|r| r["minutes"].as_u64()).sum();
    assert_eq!(v["total_minutes"].as_u64(), Some(total));
    assert!(v["timeline"].as_array().is_some_and(|t| !t.is_empty()));
    assert!(
        v["checklists"].as_array().is_some_and(|c| c.len() >= 2),
        "both + pmm"
    );
}

#[test]
fn a_level_is_resolved_by_id_or_name() {
    let v = json(&["loop", "amazon", "pmm", "--level", "L5", "--json"]);
    assert_eq!(v["level"]["id"], "l5");
}

#[test]
fn the_loop_prints_readable_text() {
    debrief()
        .args(["loop", "amazon", "pm", "--level", "l6"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Amazon · Product Manager · L6"))
        .stdout(predicate::str::contains("[BAR RAISER]"))
        .stdout(predicate::str::contains(
            "Leadership Principles weighted across the loop",
        ));
}

#[test]
fn a_track_picks_its_own_loop_and_no_track_the_roles_own() {
    let technical = json(&["loop", "amazon", "pm", "--track", "pm-t", "--json"]);
    assert_eq!(technical["id"], "amazon-pm-t");
    assert_eq!(technical["track"], "pm-t");
    let kinds = |v: &Value| -> Vec<String> {
        v["rounds"]
            .as_array()
            .expect("rounds")
            .iter()
            .filter_map(|r| r["kind"].as_str().map(str::to_owned))
            .collect()
    };
    assert!(kinds(&technical).iter().any(|k| k == "system-design"));
    assert_eq!(technical["other_tracks"], serde_json::json!([null]));
    let plain = json(&["loop", "amazon", "pm", "--json"]);
    assert_eq!(plain["id"], "amazon-pm");
    assert!(plain["track"].is_null());
    assert!(kinds(&plain).iter().all(|k| k != "system-design"));
    assert_eq!(plain["other_tracks"], serde_json::json!(["pm-t"]));
    // Stages come with their text and source in the JSON, and in the text after the rounds.
    let stages = plain["stages"].as_array().expect("stages");
    assert!(
        stages
            .iter()
            .any(|s| s["id"] == "debrief" && s["after"] == "loop" && s["after_round"].is_null()),
        "{stages:?}"
    );
    debrief()
        .args(["loop", "amazon", "pm"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Steps that are not interviews"))
        .stdout(predicate::str::contains(
            "- Writing assessment (after Phone screen: Leadership Principles and product questions)",
        ))
        .stdout(predicate::str::contains(
            "debrief loop amazon pm --track pm-t",
        ));
    debrief()
        .args(["loop", "google", "pm", "--track", "pm-t"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Google has no PM loop on the track `pm-t`",
        ));
}

#[test]
fn the_loop_list_names_both_amazon_pm_loops_with_the_track() {
    debrief()
        .arg("loop")
        .assert()
        .success()
        .stdout(predicate::str::contains("Amazon PM (PM-T)"))
        .stdout(predicate::str::contains(
            "debrief loop amazon pm --track pm-t",
        ))
        .stdout(predicate::str::contains("debrief loop amazon pm\n"));
    let rows = json(&["loop", "--json"]);
    let amazon_pm: Vec<&Value> = rows
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["company"] == "amazon" && r["role"] == "pm")
        .collect();
    assert_eq!(amazon_pm.len(), 2, "{amazon_pm:?}");
    assert!(amazon_pm[0]["track"].is_null(), "the role's own loop first");
    assert_eq!(amazon_pm[1]["track"], "pm-t");
    debrief()
        .args(["loop", "amazon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give a company and a role"));
}

#[test]
fn unknown_company_role_or_level_exits_2_and_lists_the_valid_ones() {
    debrief()
        .args(["loop", "acme", "pm"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown company `acme`"))
        .stderr(predicate::str::contains("amazon, google, meta"));
    debrief()
        .args(["loop", "amazon", "designer"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("valid roles: pm, pmm"));
    debrief()
        .args(["loop", "meta", "pmm", "--level", "l5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown level `l5` for Meta"))
        .stderr(predicate::str::contains("ic5"));
    debrief()
        .args(["loop", "amazn", "pm"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `amazon`?"));
}

#[test]
fn the_whole_bank_lists_at_least_300_questions() {
    let v = json(&["questions", "--json"]);
    let qs = v.as_array().expect("array");
    assert!(qs.len() >= 300, "{}", qs.len());
    assert!(
        qs.iter()
            .all(|q| q["id"].is_string() && q["text"].is_string())
    );
    assert!(
        qs.iter().all(|q| q.get("score").is_none()),
        "no score without a search"
    );
}

#[test]
fn filters_combine() {
    let v = json(&[
        "questions",
        "--role",
        "pmm",
        "--round",
        "gtm-case",
        "--json",
    ]);
    let qs = v.as_array().expect("array");
    assert!(!qs.is_empty());
    for q in qs {
        assert_eq!(q["round"], "gtm-case");
        assert!(
            q["roles"]
                .as_array()
                .is_some_and(|r| r.contains(&Value::from("pmm")))
        );
    }
    let v = json(&[
        "questions",
        "--lp",
        "earn-trust",
        "--company",
        "google",
        "--json",
    ]);
    for q in v.as_array().expect("array") {
        assert!(
            q["principles"]
                .as_array()
                .is_some_and(|p| p.contains(&Value::from("earn-trust")))
        );
        assert!(q["company"].is_null() || q["company"] == "google", "{q}");
    }
}

#[test]
fn search_ranks_by_relevance() {
    let v = json(&["questions", "--search", "press release", "--json"]);
    let qs = v.as_array().expect("array");
    assert!(!qs.is_empty());
    let top = qs[0]["text"]
        .as_str()
        .expect("text")
        .to_lowercase()
        .replace('-', " ");
    assert!(top.contains("press release"), "top hit: {top}");
    let scores: Vec<f64> = qs.iter().filter_map(|q| q["score"].as_f64()).collect();
    assert_eq!(scores.len(), qs.len());
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "descending: {scores:?}"
    );
    let v = json(&[
        "questions",
        "--search",
        "press release",
        "--limit",
        "3",
        "--json",
    ]);
    assert_eq!(v.as_array().map(Vec::len), Some(3));
}

#[test]
fn a_search_word_no_question_holds_is_read_as_the_nearest_and_the_output_says_so() {
    debrief()
        .args(["questions", "--search", "prcing tiers", "-n", "3"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Read “prcing” as “pricing”: no question uses it as typed.",
        ))
        .stdout(predicate::str::contains("pric"));
    // The British spelling finds the prioritization questions the bank spells with a z.
    let hits = json(&["questions", "--search", "prioritise the roadmap", "--json"]);
    let first = hits[0]["text"].as_str().unwrap_or_default().to_lowercase();
    assert!(first.contains("priorit"), "{first}");
}

#[test]
fn examples_list_annotated_answers_with_the_graders_read_and_check_their_filters() {
    let all = json(&["examples", "--json"]);
    let items = all.as_array().expect("a list");
    assert!(!items.is_empty());
    for e in items {
        for field in [
            "id",
            "role",
            "round",
            "label",
            "question_id",
            "question",
            "answer",
            "rating",
        ] {
            assert!(
                e[field].as_str().is_some_and(|v| !v.is_empty()),
                "{field} in {e}"
            );
        }
        assert!(e["notes"].as_array().is_some_and(|n| !n.is_empty()), "{e}");
        assert!(e["score"].as_u64().is_some_and(|s| s <= 100), "{e}");
    }
    let pm = json(&[
        "examples",
        "--role",
        "pm",
        "--round",
        "behavioral",
        "--json",
    ]);
    let labels: Vec<&str> = pm
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            assert_eq!(
                (e["role"].as_str(), e["round"].as_str()),
                (Some("pm"), Some("behavioral"))
            );
            e["label"].as_str().unwrap_or_default()
        })
        .collect();
    assert_eq!(labels.first(), Some(&"strong"), "strong first");
    assert!(labels.contains(&"weak"));
    assert!(labels.windows(2).all(|w| w[0] == w[1] || w[0] == "strong"));
    debrief()
        .args(["examples", "--round", "behavioural"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `behavioral`"));
    debrief()
        .args(["examples", "--role", "pm", "--round", "recruiter-screen"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "[STRONG · recruiter-screen · PM]  grader: ",
        ));
}

#[test]
fn an_example_must_answer_a_bank_question_of_its_round_and_role() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    std::fs::write(
        dir.path().join("examples/broken.toml"),
        r#"[[example]]
id = "ex-bad-1"
role = "pmm"
round = "gtm-case"
label = "strong"
question = "beh-001"
answer = "An answer."
notes = ["A note."]

[[example]]
id = "ex-bad-2"
role = "pm"
round = "behavioral"
label = "great"
question = "beh-0001"
answer = "An answer."
notes = []
"#,
    )
    .expect("write");
    let stderr = failed_check(dir.path());
    for expected in [
        "field `round`: is `gtm-case` but question `beh-001` is a `behavioral` question",
        "field `label`: unknown example label `great`",
        "field `question`: unknown question `beh-0001`; did you mean `beh-001`?",
        "field `notes`: is empty or missing",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

#[test]
fn bad_filters_exit_2() {
    debrief()
        .args(["questions", "--round", "behavioural"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `behavioral`?"));
    debrief()
        .args(["questions", "--difficulty", "brutal"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("easy, medium, hard"));
}

#[test]
fn principles_list_and_show() {
    let v = json(&["lp", "--json"]);
    let all = v.as_array().expect("array");
    assert_eq!(all.len(), 16);
    assert_eq!(all[0]["name"], "Customer Obsession");
    let v = json(&["lp", "dive-deep", "--json"]);
    assert_eq!(v["principle"]["name"], "Dive Deep");
    assert!(
        v["principle"]["pm_proof"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(v["questions"].as_array().is_some_and(|q| q.len() >= 2));
    debrief().args(["lp", "frugal"]).assert().code(2);
}

#[test]
fn content_check_passes_on_the_built_in_pack() {
    debrief()
        .args(["content", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("content is valid"));
    debrief()
        .args(["content", "check"])
        .arg(content_dir())
        .assert()
        .success();
}

#[test]
fn content_check_fails_on_a_broken_copy_naming_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    let file = dir.path().join("loops/amazon-pmm.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("kind = "))
        .expect("a kind")
        + 1;
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                "kind = \"interview\"".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(&file, broken.join("\n")).expect("write");
    let rubric = dir.path().join("rubrics/behavioral.toml");
    let text = std::fs::read_to_string(&rubric).expect("read");
    std::fs::write(&rubric, text.replacen("weight = ", "weight = 1", 1)).expect("write");

    let stderr = failed_check(dir.path());
    let expected = format!("amazon-pmm.toml:{line}: field `kind`: unknown round kind `interview`");
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(
        stderr.contains("behavioral.toml:"),
        "both problems at once: {stderr}"
    );
    assert!(stderr.contains("they must sum to 100"), "{stderr}");

    let v: Value = serde_json::from_slice(
        &debrief()
            .args(["content", "check", "--json"])
            .arg(dir.path())
            .assert()
            .code(1)
            .get_output()
            .stdout,
    )
    .expect("json");
    assert_eq!(v["valid"], false);
    assert!(v["problems"].as_array().is_some_and(|p| p.len() >= 2));
}

#[test]
fn question_formats_are_checked_against_the_round_kind_and_the_rounds_that_ask_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    // A typo in a question's format, and a round asking a format no question of its kind has
    // (a 10-minute presentation round, while every pitch question loses its presentation tag).
    let loop_file = dir.path().join("loops/amazon-pmm.toml");
    let text = std::fs::read_to_string(&loop_file).expect("read");
    let text = text.replacen(
        "kind = \"launch-plan\"\ntitle = \"Launch-plan presentation\"\nminutes = 60",
        "kind = \"pitch\"\ntitle = \"Launch-plan presentation\"\nminutes = 10\nformats = [\"presentation\"]",
        1,
    );
    assert!(
        text.contains("formats = [\"presentation\"]"),
        "the round is there"
    );
    std::fs::write(&loop_file, text).expect("write");
    let pitch = dir.path().join("questions/pitch.toml");
    let text = std::fs::read_to_string(&pitch).expect("read");
    let text = text.replacen("format = \"battlecard\"", "format = \"batlecard\"", 1);
    let text = text.replace("format = \"presentation\"", "format = \"objection\"");
    std::fs::write(&pitch, text).expect("write");
    let stderr = failed_check(dir.path());
    assert!(
        stderr.contains(
            "field `format`: unknown question format `batlecard`; did you mean `battlecard`?"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("amazon-pmm.toml:")
            && stderr.contains("no question of round kind `pitch` for role `pmm` at `amazon` has one of these formats"),
        "{stderr}"
    );
}

#[test]
fn a_user_content_folder_adds_questions() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("mine.toml"),
        "[[question]]\nid = \"mine-001\"\ntext = \"Why would a fintech PMM join a hardware launch?\"\n\
         roles = [\"pmm\"]\nround = \"behavioral\"\ndifficulty = \"easy\"\n",
    )
    .expect("write");
    let out = debrief()
        .args(["questions", "--search", "fintech hardware", "--json"])
        .env("DEBRIEF_CONTENT", dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v[0]["id"], "mine-001");
}

#[test]
fn a_missing_content_folder_is_a_clear_error() {
    debrief()
        .args(["--content", "/no/such/folder", "lp"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "does not exist or is not a folder",
        ));
}

#[test]
fn version_help_and_completions() {
    debrief()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("debrief "));
    for sub in ["loop", "questions", "lp", "serve", "completions"] {
        debrief()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
    debrief()
        .args(["content", "check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    debrief()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_debrief"));
}

#[test]
fn signals_name_other_signals_one_level_deep_and_answer_with_is_for_phrase_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    // `causal-check` names `controlled-comparison`; make that one name a third signal, and
    // give a signal a built-in class, which the grader cannot lend.
    let signals = dir.path().join("rules/signals.toml");
    edit_once(
        &signals,
        "label = \"A comparison that rules other causes out\"\nweight = 1.25\nphrases = [\n",
        "label = \"A comparison that rules other causes out\"\nweight = 1.25\nphrases = [\n  \"@baseline\",\n",
    );
    edit_once(
        &signals,
        "phrases = [\n  \"up from\",",
        "phrases = [\n  \"@number\", \"up from\",",
    );
    // `answer_with` on a `metric` rule, which never reads it.
    edit_once(
        &dir.path().join("rules/weak-shape.toml"),
        "id = \"shape-too-short\"\ncategory = \"poor-shape\"\n",
        "id = \"shape-too-short\"\ncategory = \"poor-shape\"\nanswer_with = [\"fell\"]\n",
    );

    let stderr = failed_check(dir.path());
    assert!(
        stderr.contains("`@controlled-comparison` names classes of its own"),
        "{stderr}"
    );
    assert!(stderr.contains("`@number` is a built-in class"), "{stderr}");
    assert!(
        stderr.contains("field `answer_with`: only `existence` and `missing` rules read it"),
        "{stderr}"
    );
}

/// The rules the relevance part yields to are checked as a rule's `yields_to` are: an unknown
/// id, or a rule that names no questions, is an error that says which.
#[test]
fn relevance_yields_to_names_rules_with_questions() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&content_dir(), dir.path());
    edit_once(
        &dir.path().join("rules/grading.toml"),
        "relevance_yields_to = [\n",
        "relevance_yields_to = [\n  \"asked-weaknes-none\", \"shape-no-result\",\n",
    );
    let stderr = failed_check(dir.path());
    assert!(
        stderr.contains("field `relevance_yields_to`") && stderr.contains("asked-weaknes-none"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rule `shape-no-result` has no `asked_by`"),
        "{stderr}"
    );
}

/// Replaces the first `from` in the file at `path` with `to`, failing the test when `from` is
/// not there (a test that edits nothing would pass for the wrong reason).
fn edit_once(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// What `debrief content check` prints to standard error on the pack in `dir`, which must fail.
fn failed_check(dir: &std::path::Path) -> String {
    let out = debrief()
        .args(["content", "check"])
        .arg(dir)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    String::from_utf8_lossy(&out).into_owned()
}
