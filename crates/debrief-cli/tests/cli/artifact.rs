//! `debrief artifact check`: printed without saving, or kept in the history with `--save`
//! through the application layer the web app's drills use. The built-in content has no
//! artifact kinds on this branch, so the web tests' small kind is laid over it.

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
