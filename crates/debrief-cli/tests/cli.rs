//! The `debrief` binary, run as a user runs it: arguments in, exit code and output checked.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn debrief() -> Command {
    let mut cmd = Command::cargo_bin("debrief").expect("binary builds");
    cmd.env_remove("DEBRIEF_CONTENT").env_remove("DATABASE_URL");
    // Never touch the real data folder: commands that save go to a throwaway one unless a
    // test names its own.
    cmd.env(
        "DEBRIEF_DATA_DIR",
        std::env::temp_dir().join("debrief-cli-tests-default"),
    );
    cmd
}

/// `debrief` with its own empty data folder.
fn debrief_in(dir: &Path) -> Command {
    let mut cmd = debrief();
    cmd.env("DEBRIEF_DATA_DIR", dir);
    cmd
}

fn json(args: &[&str]) -> Value {
    let out = debrief()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

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

    let out = debrief()
        .args(["content", "check"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8_lossy(&out);
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

const STRONG: &str = "Last year our checkout conversion dropped 15% after a redesign. My goal was to \
find the cause within two weeks. I pulled the funnel by device and found the drop was only on \
Android, where a new address form failed validation for 8% of users. I decided to roll back the \
form for Android instead of patching it, because the patch would have taken three sprints. I ran \
an A/B test against the old form: conversion recovered from 31% to 36% in six weeks. Since then I \
add a device-level guardrail metric to every launch.";

fn grade_json(args: &[&str], stdin: &str) -> Value {
    let out = debrief()
        .arg("grade")
        .args(args)
        .arg("--json")
        .write_stdin(stdin)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("report JSON")
}

#[test]
fn grade_json_has_the_contract_keys_and_values() {
    let v = grade_json(&["--role", "pm"], STRONG);
    for key in [
        "id",
        "score",
        "rating",
        "role_lean",
        "dimensions",
        "findings",
        "star",
        "metrics",
        "words",
        "spoken_seconds",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert!(v["id"].is_null());
    let score = v["score"].as_u64().expect("integer score");
    assert!(score <= 100);
    assert!(
        ["strong-no-hire", "no-hire", "hire", "strong-hire"]
            .contains(&v["rating"].as_str().expect("rating"))
    );
    let lean = v["role_lean"].as_f64().expect("lean");
    assert!((-1.0..=1.0).contains(&lean));
    assert_eq!(
        v["words"].as_u64(),
        Some(STRONG.split_whitespace().count() as u64)
    );
    assert_eq!(
        v["spoken_seconds"],
        (STRONG.split_whitespace().count() as f64 * 60.0 / 150.0).round() as u64
    );
    let metrics: Vec<&str> = v["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert_eq!(metrics, ["15%", "8%", "31%", "36%"]);
    for m in v["metrics"].as_array().expect("metrics") {
        let (s, e) = (
            m["start"].as_u64().expect("start") as usize,
            m["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(&STRONG[s..e], m["text"].as_str().expect("text"));
    }
    let dims = v["dimensions"].as_array().expect("dimensions");
    assert!((3..=6).contains(&dims.len()));
    let weights: u64 = dims.iter().filter_map(|d| d["weight"].as_u64()).sum();
    assert_eq!(weights, 100);
    for d in dims {
        assert!((1..=4).contains(&d["score"].as_u64().expect("score")));
        for e in d["evidence"].as_array().expect("evidence") {
            let (s, t) = (
                e["start"].as_u64().expect("s") as usize,
                e["end"].as_u64().expect("e") as usize,
            );
            assert_eq!(&STRONG[s..t], e["text"].as_str().expect("text"));
        }
    }
    for part in ["situation", "task", "action", "result"] {
        assert!(v["star"][part].is_array(), "{part}");
    }
    assert!(!v["star"]["action"].as_array().expect("action").is_empty());
}

#[test]
fn the_same_answer_gives_byte_identical_json() {
    let run = || {
        debrief()
            .args(["grade", "--role", "pmm", "--round", "behavioral", "--json"])
            .write_stdin(STRONG)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run(), run());
}

#[test]
fn findings_quote_the_weak_words() {
    let answer = "We aligned with stakeholders and I helped the team kind of improve things a lot.";
    let v = grade_json(&["--role", "pm"], answer);
    let findings = v["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        let (s, e) = (
            f["start"].as_u64().expect("s") as usize,
            f["end"].as_u64().expect("e") as usize,
        );
        assert_eq!(&answer[s..e], f["text"].as_str().expect("text"));
        assert!(!f["message"].as_str().expect("message").is_empty());
        assert!(!f["suggestion"].as_str().expect("suggestion").is_empty());
    }
    let categories: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["category"].as_str())
        .collect();
    assert!(categories.contains(&"collaboration-fog"), "{categories:?}");
    assert_eq!(v["rating"], "strong-no-hire");
}

#[test]
fn grade_prints_a_readable_report() {
    debrief()
        .args(["grade", "--role", "pm"])
        .write_stdin(STRONG)
        .assert()
        .success()
        .stdout(predicate::str::contains("Score "))
        .stdout(predicate::str::contains("Rubric"))
        .stdout(predicate::str::contains("Rating: "));
}

#[test]
fn grade_reads_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("answer.txt");
    std::fs::write(&path, STRONG).expect("write");
    let out = debrief()
        .args(["grade", "--role", "pm", "--json"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v, grade_json(&["--role", "pm"], STRONG));
}

#[test]
fn bad_grade_input_exits_2_with_a_clear_error() {
    debrief()
        .args(["grade", "--role", "pm"])
        .write_stdin("   \n ")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the answer is empty"));
    debrief()
        .args(["grade", "--role", "designer"])
        .write_stdin(STRONG)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("valid roles: pm, pmm"));
    debrief()
        .args(["grade", "--role", "pm", "--round", "gtm-cse"])
        .write_stdin(STRONG)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `gtm-case`?"))
        .stderr(predicate::str::contains("valid round kinds:"));
    debrief()
        .args(["grade", "--role", "pm"])
        .write_stdin(vec![b'I', b' ', 0xff, 0xfe, b'x'])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid UTF-8"));
    debrief()
        .args(["grade", "--role", "pm"])
        .write_stdin("word ".repeat(210_000))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("over 1 MB"));
}

#[test]
fn batch_grades_every_line_and_reports_bad_ones_by_line_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("answers.jsonl");
    let lines = [
        serde_json::json!({"id": "a1", "answer": STRONG, "role": "pm", "round": "behavioral"})
            .to_string(),
        "{not json".to_owned(),
        serde_json::json!({"id": "a3", "answer": STRONG}).to_string(),
        serde_json::json!({"id": "a4", "answer": STRONG, "round": "nope"}).to_string(),
        String::new(),
        serde_json::json!({"id": 5, "answer": "We helped.", "role": "pmm", "company": "amazon"})
            .to_string(),
    ];
    std::fs::write(&path, lines.join("\n")).expect("write");
    let out = debrief()
        .args(["grade", "--json", "--batch"])
        .arg(&path)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).expect("utf8");
    let rows: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(rows.len(), 5, "{stdout}");
    assert_eq!(rows[0]["id"], "a1");
    assert!(rows[0]["score"].is_u64());
    assert_eq!(rows[1]["line"], 2);
    assert!(
        rows[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("not a valid answer object"))
    );
    assert_eq!(rows[2]["id"], "a3");
    assert!(rows[2]["role"].is_null(), "no role grades role-neutrally");
    assert_eq!(rows[3]["id"], "a4");
    assert_eq!(rows[3]["line"], 4);
    assert!(
        rows[3]["error"]
            .as_str()
            .is_some_and(|e| e.contains("unknown round kind `nope`"))
    );
    assert_eq!(rows[4]["id"], "5");
    let stderr = String::from_utf8(out.stderr).expect("utf8");
    assert!(stderr.contains("answers.jsonl:2:"), "{stderr}");
    assert!(stderr.contains("answers.jsonl:4:"), "{stderr}");
    // The batch report for a line equals the single-answer report with its id.
    let mut single = grade_json(&["--role", "pm", "--round", "behavioral"], STRONG);
    single["id"] = Value::from("a1");
    assert_eq!(rows[0], single);
}

#[test]
fn calibrate_reports_figures_at_or_above_the_recorded_levels() {
    let out = debrief()
        .args(["calibrate", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("json");
    for part in ["tuning", "held_out"] {
        assert!(v[part]["pairs"].as_u64().is_some_and(|n| n >= 10), "{part}");
        assert!(
            v[part]["pairwise_accuracy"]
                .as_f64()
                .is_some_and(|a| a >= 0.95),
            "{part}: {}",
            v[part]
        );
        assert!(v[part]["auc"].as_f64().is_some_and(|a| a > 0.9), "{part}");
    }
    assert!(v["shortfalls"].as_array().is_some_and(Vec::is_empty));
}

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

// ----- serve modes and `debrief users` -----------------------------------------------------

#[test]
fn serving_beyond_loopback_needs_multi_user() {
    let data = tempfile::tempdir().expect("tempdir");
    debrief_in(data.path())
        .env_remove("DEBRIEF_MULTI_USER")
        .args(["serve", "--addr", "0.0.0.0:0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add --multi-user"))
        .stderr(predicate::str::contains(
            "0.0.0.0:0 can be reached from other machines",
        ));
    debrief_in(data.path())
        .env_remove("DEBRIEF_MULTI_USER")
        .args(["serve", "--no-signup"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--multi-user"));
}

#[test]
fn users_are_added_listed_given_new_passwords_and_removed() {
    let data = tempfile::tempdir().expect("tempdir");
    let users = |args: &[&str], stdin: &str| {
        let mut cmd = debrief_in(data.path());
        cmd.arg("users").args(args).write_stdin(stdin);
        cmd.assert()
    };
    users(&["add", "ada"], "correct horse battery\n")
        .success()
        .stdout(predicate::str::contains("Created the account ada"));
    users(&["add", "ADA"], "correct horse battery\n")
        .code(2)
        .stderr(predicate::str::contains("“ADA” is taken"));
    users(&["add", "bo"], "correct horse battery\n")
        .code(2)
        .stderr(predicate::str::contains("too short: use at least 3"));
    users(&["add", "local"], "correct horse battery\n")
        .code(2)
        .stderr(predicate::str::contains("reserved for local mode"));
    users(&["add", "grace"], "short\n")
        .code(2)
        .stderr(predicate::str::contains("at least 10 characters"));
    users(&["add", "grace"], "")
        .code(2)
        .stderr(predicate::str::contains("no password given"));
    users(&["add", "grace"], "another good password\r\n").success();

    users(&["list"], "")
        .success()
        .stdout(predicate::str::diff("ada\ngrace\n"));
    let listed: Value =
        serde_json::from_slice(&users(&["list", "--json"], "").success().get_output().stdout)
            .expect("json");
    assert_eq!(listed[0]["username"], "ada");
    assert_eq!(listed[0]["can_sign_in"], true);
    assert_eq!(listed.as_array().map(Vec::len), Some(2));

    users(&["passwd", "Ada"], "a brand new password\n")
        .success()
        .stdout(predicate::str::contains("Set a new password for ada"));
    users(&["rm", "nobody"], "")
        .code(2)
        .stderr(predicate::str::contains("no account named “nobody”"));
    users(&["rm", "ada"], "")
        .success()
        .stdout(predicate::str::contains("Removed the account ada"));
    users(&["rm", "grace"], "").success();
    users(&["list"], "")
        .success()
        .stdout(predicate::str::contains("No accounts yet"));
}

/// One HTTP/1.1 request over a plain socket: the status line and headers of the answer.
fn http_head(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Starts `debrief serve` on a free loopback port with `args` and `env`, and returns the child,
/// the address its banner printed, and the banner. The caller kills it.
fn spawn_serve(args: &[&str], env: &[(&str, &str)]) -> (std::process::Child, String, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_debrief"));
    cmd.args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("DEBRIEF_CONTENT")
        .env_remove("DATABASE_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("debrief serve starts");
    let mut banner = String::new();
    let stdout = child.stdout.take().expect("stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut banner).expect("banner");
    assert!(banner.contains("http://"), "{banner}");
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_owned();
    (child, addr, banner)
}

#[test]
fn serve_multi_user_puts_every_page_behind_sign_in() {
    let data = tempfile::tempdir().expect("tempdir");
    let data_dir = data.path().to_string_lossy().into_owned();
    let (mut child, addr, banner) = spawn_serve(
        &["--multi-user", "--no-signup"],
        &[("DEBRIEF_DATA_DIR", data_dir.as_str())],
    );
    let stories = http_head(&addr, "/stories");
    let signup = http_head(&addr, "/signup");
    let login = http_head(&addr, "/login");
    child.kill().expect("stop the server");
    child.wait().expect("reap");
    assert!(
        banner.contains("multi-user: sign-in required, sign-up closed"),
        "{banner}"
    );
    assert!(stories.starts_with("http/1.1 303"), "{stories}");
    assert!(
        stories.contains("location: /login?next=%2fstories"),
        "{stories}"
    );
    assert!(signup.starts_with("http/1.1 403"), "{signup}");
    assert!(login.starts_with("http/1.1 200"), "{login}");
    assert!(login.contains("set-cookie: debrief_csrf="), "{login}");
}

// ---- debrief mock, today, progress ----------------------------------------------------------

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
    assert_eq!(rounds.len(), 9);
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
        .stderr(predicate::str::contains("--company is missing"));
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
        .stdout(predicate::str::contains("Round 1 of 9: Recruiter screen"))
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
    // The handed-in answer is in the history; its weak areas are not due until tomorrow.
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
        .stdout(predicate::str::contains("Nothing due today"))
        .stdout(predicate::str::contains(
            "Coming back tomorrow: Recruiter screen",
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

/// One HTTP/1.1 request over a fresh connection; returns the status line, the headers
/// (lowercased names) and the body, de-chunked.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    cookie: &str,
    form: &str,
) -> (String, String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !cookie.is_empty() {
        request.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if method == "POST" {
        request.push_str(&format!(
            "Origin: http://{addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            form.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(form);
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let (status, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    let headers = headers.to_ascii_lowercase();
    let body = if headers.contains("transfer-encoding: chunked") {
        let mut out = String::new();
        let mut rest = body;
        while let Some((size, after)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 || after.len() < n {
                break;
            }
            out.push_str(&after[..n]);
            rest = after[n..].trim_start_matches("\r\n");
        }
        out
    } else {
        body.to_owned()
    };
    (status.to_owned(), headers, body)
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
