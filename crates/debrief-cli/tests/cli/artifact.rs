//! `debrief artifact check`: printed without saving, or kept in the history with `--save`
//! through the application layer the web app's drills use. Most tests lay the web tests'
//! small kind over the built-in content, so they do not move with the built-in wording.

use super::*;

fn artifact_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../debrief-web/tests/fixtures/artifacts")
}

const MEMO: &str = "## Announcement\nWe will launch seamless payouts for restaurant owners.\n\n\
                    ## FAQ\nWill fraud be a problem? The risk is minimal.\n";

fn progress_json(dir: &Path) -> Value {
    let out = debrief_in(dir)
        .arg("--content")
        .arg(artifact_fixture())
        .args(["progress", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

#[test]
fn a_check_is_kept_only_with_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let check = |extra: &[&str]| {
        let mut cmd = debrief_in(dir.path());
        cmd.arg("--content")
            .arg(artifact_fixture())
            .args(["artifact", "check", "-", "--kind", "launch-memo"])
            .args(extra)
            .write_stdin(MEMO);
        cmd
    };
    check(&["--prompt", "memo-payouts"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Not written as launched"))
        .stderr(predicate::str::contains("Saved").not());
    assert_eq!(
        progress_json(dir.path())["artifacts"],
        serde_json::json!([])
    );

    check(&["--prompt", "memo-payouts", "--save"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Launch memo: "))
        .stdout(predicate::str::contains("Not written as launched"))
        .stderr(predicate::str::contains(
            "Saved to your history (attempt 1)",
        ));
    let progress = progress_json(dir.path());
    assert_eq!(
        progress["artifacts"][0]["round_kind"],
        "artifact:launch-memo"
    );
    assert_eq!(progress["artifacts"][0]["attempts"], 1);
    assert_eq!(
        progress["series"]["artifacts"][0]["key"],
        "artifact:launch-memo"
    );
    assert_eq!(progress["readiness"], serde_json::json!([]));
    debrief_in(dir.path())
        .arg("--content")
        .arg(artifact_fixture())
        .arg("progress")
        .assert()
        .success()
        .stdout(predicate::str::contains("Artifact drills"))
        .stdout(predicate::str::contains("Launch memo"));

    // --save --json prints the report as the check does without saving.
    let out = check(&["--save", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(report["kind"], "launch-memo");
    assert_eq!(progress_json(dir.path())["artifacts"][0]["attempts"], 2);
}

#[test]
fn a_save_that_cannot_be_kept_exits_2_and_keeps_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let check = |extra: &[&str], text: &str| {
        let mut cmd = debrief_in(dir.path());
        cmd.arg("--content")
            .arg(artifact_fixture())
            .args(["artifact", "check", "-", "--save"])
            .args(extra)
            .write_stdin(text.to_owned());
        cmd
    };
    check(
        &["--kind", "launch-memo", "--prompt", "a memo about anything"],
        MEMO,
    )
    .assert()
    .code(2)
    .stderr(predicate::str::contains("--save keeps a prompt by its id"));
    check(&["--kind", "launch-memo", "--prompt", "memo-payout"], MEMO)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `memo-payouts`"));
    check(&["--kind", "launch-mem"], MEMO)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `launch-memo`"));
    check(&["--kind", "launch-memo"], " \n \n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the document is empty"));
    assert_eq!(
        progress_json(dir.path())["artifacts"],
        serde_json::json!([])
    );
}

#[test]
fn a_written_exercise_shows_the_graders_reading_beside_the_checks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let story = "Last spring our checkout team worked on slot selection. We aligned with \
                 operations and engineering, and the team decided to add wider delivery \
                 windows. It went really well and customers loved it.";
    let run = |json: bool| {
        let mut cmd = debrief_in(dir.path());
        cmd.args(["artifact", "check", "-", "--kind", "writing-exercise"]);
        if json {
            cmd.arg("--json");
        }
        cmd.write_stdin(story)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let report: Value = serde_json::from_slice(&run(true)).expect("JSON");
    assert_eq!(report["read_as"]["round"], "behavioral");
    assert_eq!(report["read_as"]["weight"], 0.5);
    let reading = report["read_as"]["score"].as_u64().expect("a score");
    assert!(reading <= 100);
    let findings = report["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .all(|f| f["category"].as_str().is_some_and(|c| !c.is_empty()))
    );
    let checks: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["check"].as_str())
        .collect();
    for expected in ["as-answer", "missing-move", "under-budget"] {
        assert!(checks.contains(&expected), "{expected} in {checks:?}");
    }
    let text = String::from_utf8(run(false)).expect("UTF-8");
    assert!(
        text.contains(&format!(
            "Read as a behavioral interview answer: {reading}/100"
        )),
        "{text}"
    );
    // What the check cannot judge follows every report, from the kind's content.
    assert!(text.contains("What this check cannot judge"), "{text}");
    assert!(
        text.contains("- Whether the result came from what you did"),
        "{text}"
    );
}

#[test]
fn unknown_moves_and_readings_are_refused_with_the_near_miss() {
    let dir = tempfile::tempdir().expect("temp dir");
    let layer = dir.path().join("layer");
    std::fs::create_dir_all(&layer).expect("layer dir");
    let text = std::fs::read_to_string(artifact_fixture().join("launch-memo.toml"))
        .expect("fixture")
        .replacen(
            "minutes = 20\n",
            "minutes = 20\nread_as = { round = \"behavioural\", weight = 1.5 }\n",
            1,
        )
        .replacen(
            "\n[[artifact.section]]\n",
            "\n[[artifact.section]]\nmoves = [\"owned-decison\", \"lesson|\"]\n",
            1,
        );
    std::fs::write(layer.join("launch-memo.toml"), text).expect("write");
    debrief_in(dir.path())
        .arg("--content")
        .arg(&layer)
        .args(["artifact", "kinds"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `owned-decision`"))
        .stderr(predicate::str::contains("did you mean `behavioral`"))
        .stderr(predicate::str::contains("read_as.weight"))
        .stderr(predicate::str::contains("must be above 0 and at most 1"));
}
