//! `debrief profile`: the target set once, shown, changed field by field, cleared, and used by
//! the commands that default to the target loop.

use super::*;

/// The day `days` from today (UTC), as `YYYY-MM-DD`: the commands read the real clock.
fn in_days(days: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    debrief_coach::calendar::Date::from_days_since_epoch(now.div_euclid(86_400) + days)
        .expect("a date")
        .to_string()
}

fn json_in(dir: &Path, args: &[&str]) -> Value {
    let out = debrief_in(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

#[test]
fn profile_is_set_shown_changed_by_field_and_cleared() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    debrief_in(d)
        .arg("profile")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "No profile yet: commands start at Amazon PM, L5, from debrief's defaults.",
        ));
    let empty = json_in(d, &["profile", "--json"]);
    assert_eq!(empty["profile"], Value::Null);
    assert_eq!(empty["target"]["from"], "default");

    let date = in_days(30);
    let saved = json_in(
        d,
        &[
            "profile",
            "set",
            "--company",
            "Amazon",
            "--role",
            "pm",
            "--level",
            "L6",
            "--track",
            "pm-t",
            "--date",
            &date,
            "--json",
        ],
    );
    assert_eq!(
        saved,
        serde_json::json!({"company": "amazon", "role": "pm", "level": "l6", "track": "pm-t",
            "interview_date": date, "updated_at": saved["updated_at"]})
    );
    debrief_in(d)
        .arg("profile")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Target: Amazon PM (PM-T), L6\nInterview: ",
        ))
        .stdout(predicate::str::contains(format!("{date} (in 30 days)")));

    // A partial update keeps the rest; a PMM target drops the PM track.
    let pmm = json_in(d, &["profile", "set", "--role", "pmm", "--json"]);
    assert_eq!(
        (
            &pmm["company"],
            &pmm["role"],
            &pmm["level"],
            &pmm["interview_date"]
        ),
        (
            &serde_json::json!("amazon"),
            &serde_json::json!("pmm"),
            &serde_json::json!("l6"),
            &serde_json::json!(date)
        )
    );
    assert!(pmm.get("track").is_none(), "{pmm}");
    let undated = json_in(d, &["profile", "set", "--date", "", "--json"]);
    assert!(undated.get("interview_date").is_none(), "{undated}");
    let shown = json_in(d, &["profile", "--json"]);
    assert_eq!(shown["target"]["from"], "profile");
    assert_eq!(shown["target"]["role"], "pmm");

    debrief_in(d)
        .args(["profile", "clear"])
        .assert()
        .success()
        .stdout("Cleared: commands start at your newest plan or mock loop again.\n");
    debrief_in(d)
        .args(["profile", "clear"])
        .assert()
        .success()
        .stdout("There was no profile to clear.\n");
    assert_eq!(json_in(d, &["profile", "--json"])["profile"], Value::Null);
}

#[test]
fn profile_set_names_every_problem_by_its_flag_and_saves_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    debrief_in(d)
        .args([
            "profile",
            "set",
            "--company",
            "gogle",
            "--role",
            "pm-t",
            "--date",
            "2020-01-01",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: the profile was not saved:\n",
        ))
        .stderr(predicate::str::contains(
            "  --company: unknown company `gogle` (did you mean `google`?); valid companies: \
             amazon, google, meta\n",
        ))
        .stderr(predicate::str::contains(
            "  --role: `pm-t` is a track, not a role; choose the role pm and the track pm-t\n",
        ))
        .stderr(predicate::str::contains(
            "  --date: 2020-01-01 is in the past (today is ",
        ));
    debrief_in(d)
        .args(["profile", "set", "--company", "meta", "--level", "l5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--level: unknown level `l5` for Meta",
        ));
    debrief_in(d)
        .args(["profile", "set", "--company", "google", "--track", "pm-t"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--track: `pm-t` is not a track the content knows for Google PM",
        ));
    debrief_in(d)
        .args(["profile", "set"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to set"));
    assert_eq!(json_in(d, &["profile", "--json"])["profile"], Value::Null);
}

#[test]
fn plan_and_story_coverage_default_to_the_profile() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    // No profile and no date: the plan says how to give one.
    debrief_in(d)
        .args(["plan", "new"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--date is missing: give the interview date as --date YYYY-MM-DD, or save it once \
             with `debrief profile set --date YYYY-MM-DD`",
        ));
    let date = in_days(40);
    debrief_in(d)
        .args([
            "profile",
            "set",
            "--company",
            "google",
            "--role",
            "pmm",
            "--level",
            "l6",
            "--date",
            &date,
        ])
        .assert()
        .success();
    // The profile's loop and date; a plan made from it is saved.
    let plan = json_in(d, &["plan", "new", "--json"]);
    assert_eq!(
        (
            &plan["plan"]["company"],
            &plan["plan"]["role"],
            &plan["plan"]["level"],
            &plan["plan"]["interview"]
        ),
        (
            &serde_json::json!("google"),
            &serde_json::json!("pmm"),
            &serde_json::json!("l6"),
            &serde_json::json!(date)
        ),
        "{plan}"
    );
    let plans = json_in(d, &["plan", "list", "--json"]);
    assert_eq!(plans.as_array().map(Vec::len), Some(1));
    // Named on the command line, the loop is that one, still with the profile's date; a level
    // alone keeps the profile's loop.
    let named = json_in(d, &["plan", "new", "meta", "pm", "--json"]);
    assert_eq!(named["plan"]["company"], "meta");
    assert_eq!(named["plan"]["interview"], serde_json::json!(date));
    let at = json_in(d, &["plan", "new", "--level", "l5", "--json"]);
    assert_eq!(
        (&at["plan"]["company"], &at["plan"]["level"]),
        (&serde_json::json!("google"), &serde_json::json!("l5"))
    );
    debrief_in(d)
        .args(["plan", "new", "google"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give both a company and a role"));

    // Story coverage reads the profile's loop, over the newer plans.
    let coverage = json_in(d, &["stories", "coverage", "--json"]);
    assert_eq!(
        coverage["target"],
        serde_json::json!({"company": "google", "role": "pmm", "level": "l6",
            "from": "profile", "interview_date": date})
    );
    debrief_in(d)
        .args(["stories", "coverage"])
        .assert()
        .success()
        // Google's loop, not the default Amazon one: its four hiring attributes, weighted.
        .stdout(predicate::str::contains(
            "0 of 4 weighted hiring attributes are covered by a strong story.",
        ))
        .stdout(predicate::str::contains("Googleyness"))
        .stdout(predicate::str::contains("Leadership Principle").not());

    // A date that has passed is not a plan's end: the plan asks for one.
    debrief_in(d)
        .args(["plan", "new", "--today", &in_days(41)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "your profile's interview date, {date}, is not after"
        )));
    // Cleared, the newest plan is the target again.
    debrief_in(d).args(["profile", "clear"]).assert().success();
    let coverage = json_in(d, &["stories", "coverage", "--json"]);
    assert_eq!(coverage["target"]["from"], "plan");
    assert_eq!(coverage["target"]["company"], "google");
    assert_eq!(coverage["target"]["level"], "l5");
}
