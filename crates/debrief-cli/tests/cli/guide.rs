//! `debrief guide`: the list, one guide as readable terminal text (snapshotted) and as JSON,
//! and a clear error for a guide that does not exist.

use super::*;

#[test]
fn the_list_names_every_guide_general_ones_first() {
    let out = debrief().arg("guide").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let start = text.find("Start here").expect("general guides first");
    let amazon = text.find("Amazon loops").expect("then the loops");
    assert!(start < amazon, "{text}");
    for id in [
        "pm-or-pmm",
        "amazon-pm",
        "amazon-pmm",
        "google-pm",
        "google-pmm",
        "meta-pm",
        "meta-pmm",
    ] {
        assert!(text.contains(&format!("  {id} ")), "{id} in:\n{text}");
    }
    let list = json(&["guide", "--json"]);
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 7);
    assert!(
        list.iter()
            .all(|g| g["minutes"].as_u64().is_some_and(|m| m >= 1))
    );
    // The Amazon PM guide walks through both Amazon PM loops, the PM-T track's included.
    let amazon_pm = list
        .iter()
        .find(|g| g["id"] == "amazon-pm")
        .expect("the Amazon PM guide");
    assert_eq!(
        amazon_pm["loops"],
        serde_json::json!(["amazon-pm", "amazon-pm-t"])
    );
}

#[test]
fn one_guide_reads_as_terminal_text() {
    let out = debrief().args(["guide", "amazon-pm"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    assert!(
        text.lines().all(|l| !l.ends_with(' ')),
        "no trailing spaces"
    );
    insta::assert_snapshot!("guide_amazon_pm", text);
}

#[test]
fn one_guide_as_json_has_its_sections_sources_and_links() {
    let v = json(&["guide", "Google-PMM", "--json"]);
    assert_eq!(v["id"], "google-pmm");
    assert_eq!(v["loops"][0], "google-pmm");
    let sections = v["sections"].as_array().expect("sections");
    assert!(sections.len() >= 4);
    assert!(sections.iter().all(|s| s["heading"].is_string()));
    let sources = v["sources"].as_array().expect("sources");
    assert_eq!(sources[0]["loop"], "google-pmm");
    assert!(
        sources[1]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://"))
    );
    assert!(v["questions"].as_array().is_some_and(|q| !q.is_empty()));
}

#[test]
fn an_unknown_guide_exits_2_naming_the_near_miss_and_every_guide() {
    debrief()
        .args(["guide", "amazon-pn"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown guide `amazon-pn` (did you mean `amazon-pm`?)")
                .and(predicate::str::contains("pm-or-pmm")),
        );
}
