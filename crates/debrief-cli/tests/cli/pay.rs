//! `debrief pay` and `debrief offer`: the pay content, offers worked out by hand-checkable
//! arithmetic, comparisons from a file, and clear errors for what was typed wrong.

use super::*;

fn dollars(v: &Value) -> i64 {
    v.as_i64()
        .unwrap_or_else(|| panic!("{v} is a whole number of dollars"))
}

#[test]
fn the_issue_offer_matches_hand_arithmetic() {
    let v = json(&[
        "offer",
        "--base",
        "150000",
        "--signon",
        "50000,40000",
        "--grant",
        "200000:amazon",
        "--json",
    ]);
    let years = v["years"].as_array().expect("years");
    assert_eq!(years.len(), 4);
    // Amazon's new-hire grant vests 5/15/40/40: $10,000, $30,000, $80,000, $80,000.
    //        base      sign-on   stock     total
    // Y1  150,000 +  50,000 +  10,000 = 210,000
    // Y2  150,000 +  40,000 +  30,000 = 220,000
    // Y3  150,000 +       0 +  80,000 = 230,000
    // Y4  150,000 +       0 +  80,000 = 230,000
    let want = [
        (150_000, 50_000, 10_000, 0, 210_000),
        (150_000, 40_000, 30_000, 0, 220_000),
        (150_000, 0, 80_000, 0, 230_000),
        (150_000, 0, 80_000, 0, 230_000),
    ];
    for (i, (y, w)) in years.iter().zip(want).enumerate() {
        assert_eq!(dollars(&y["year"]), i as i64 + 1);
        let got = (
            dollars(&y["base"]),
            dollars(&y["signon"]),
            dollars(&y["stock"]),
            dollars(&y["bonus"]),
            dollars(&y["total"]),
        );
        assert_eq!(got, w, "year {}", i + 1);
    }
    assert_eq!(dollars(&v["first_year"]), 210_000);
    // (210,000 + 220,000 + 230,000 + 230,000) / 4 = 222,500
    assert_eq!(dollars(&v["four_year_average"]), 222_500);
    // 150,000 + 90,000 / 4 + 200,000 / 4 = 222,500
    assert_eq!(dollars(&v["spread_evenly"]), 222_500);
    assert!(dollars(&v["first_year"]) < dollars(&v["four_year_average"]));
    // Sorted keys: the order a map keeps depends on features other crates of a build enable.
    insta::with_settings!({ sort_maps => true }, {
        insta::assert_json_snapshot!("offer_issue_example", v);
    });
}

#[test]
fn offer_text_labels_each_figure_and_says_it_is_back_loaded() {
    debrief()
        .args([
            "offer",
            "--base",
            "150k",
            "--signon",
            "50000,40000",
            "--grant",
            "200000:amazon",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("First-year pay"))
        .stdout(predicate::str::contains("Four-year average"))
        .stdout(predicate::str::contains("Spread evenly (salary sites)"))
        .stdout(predicate::str::contains(
            "$12,500 less than the average year",
        ));
}

#[test]
fn stock_scenarios_and_leaving_early_change_what_they_should() {
    let base = [
        "offer",
        "--base",
        "150000",
        "--company",
        "amazon",
        "--signon",
        "55000,45000",
        "--grant",
        "150000:amazon",
        "--json",
    ];
    let flat = json(&base);
    assert!(flat.get("flat").is_none(), "no scenario, no second table");
    let down = json(&[&base[..], &["--stock-change", "-30", "--leave-at", "6"]].concat());
    // Month 12's vest of $7,500 at 70% of the grant price.
    assert_eq!(dollars(&down["years"][0]["stock"]), 5_250);
    assert_eq!(dollars(&down["flat"]["years"][0]["stock"]), 7_500);
    assert_eq!(dollars(&down["stock_change"]), -30);
    // Six months in: half of year one's $55,000 received monthly, half of that repaid.
    assert_eq!(dollars(&down["leaving"]["signon_received"]), 27_500);
    assert_eq!(dollars(&down["leaving"]["signon_owed"]), 13_750);
    assert_eq!(dollars(&down["leaving"]["stock_vested"]), 0);
}

#[test]
fn offer_errors_name_the_field_and_the_fix() {
    debrief()
        .args(["offer", "--base", "150000", "--grant", "200000:amazn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("grant[1].schedule"))
        .stderr(predicate::str::contains("did you mean `amazon`"));
    debrief()
        .args(["offer", "--base", "lots", "--signon", "5e4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("base: `lots` is not an amount"))
        .stderr(predicate::str::contains("signon[1]"));
    debrief()
        .args(["offer", "--grant", "200000:amazon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give --base"));
    debrief()
        .args(["offer", "--base", "1", "--grant", "200000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("AMOUNT:SCHEDULE"));
    debrief()
        .args(["offer", "--base", "1", "--stock-change", "-120"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-95% to +200%"));
}

#[test]
fn offers_compare_from_a_file_side_by_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("offers.toml");
    std::fs::write(
        &file,
        r#"
[[offer]]
name = "Amazon PM L6"
company = "amazon"
base = 150000
signon = [55000, 45000]
[[offer.grant]]
amount = 150000
schedule = "amazon"

[[offer]]
name = "Google PMM L5"
base = "170k"
bonus = "15%"
[[offer.grant]]
amount = 240000
schedule = "google"
"#,
    )
    .expect("write");
    let path = file.to_str().expect("utf-8 path");
    let v = json(&["offer", "compare", path, "--json"]);
    insta::with_settings!({ sort_maps => true }, {
        insta::assert_json_snapshot!("offer_compare_amazon_google", v);
    });
    let offers = v["offers"].as_array().expect("offers");
    assert_eq!(offers.len(), 2);
    let amazon: Vec<i64> = offers[0]["years"]
        .as_array()
        .expect("years")
        .iter()
        .map(|y| dollars(&y["total"]))
        .collect();
    // The published Amazon L6 example: 212,500 / 217,500 / 210,000 / 210,000.
    assert_eq!(amazon, vec![212_500, 217_500, 210_000, 210_000]);
    assert_eq!(dollars(&offers[1]["years"][0]["bonus"]), 25_500);
    let down = json(&["offer", "compare", path, "--stock-change", "-30", "--json"]);
    let stock = |v: &Value| v["years"][0]["stock"].as_f64().unwrap_or(f64::NAN);
    // 33% of $240,000 vests monthly in year one; at -30% a year each vest is worth less.
    assert_eq!(stock(&offers[1]), 79_200.0);
    assert!(stock(&down["offers"][1]) < 79_200.0);
    debrief()
        .args(["offer", "compare", path])
        .assert()
        .success()
        .stdout(predicate::str::contains("Amazon PM L6"))
        .stdout(predicate::str::contains("Four-year average"))
        .stdout(predicate::str::contains("pays the most in the first year"));
    std::fs::write(&file, "[[offer]]\nname = \"only one\"\nbase = 1\n").expect("write");
    debrief()
        .args(["offer", "compare", path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("compare 2 to 4"));
    debrief()
        .args(["offer", "compare", "/no/such/file.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

#[test]
fn pay_lists_pm_and_pmm_by_amazon_level_with_sources() {
    let v = json(&["pay", "amazon", "--json"]);
    let rows = v["rows"].as_array().expect("rows");
    // L4 has no row yet: no public source for it was found, and none is made up.
    for level in ["l5", "l6", "l7"] {
        for role in ["pm", "pmm"] {
            let found: Vec<&Value> = rows
                .iter()
                .filter(|r| r["level"] == level && r["role"] == role)
                .collect();
            assert!(!found.is_empty(), "a {role} row at {level}");
            for r in found {
                for key in ["source", "url", "as_of"] {
                    let text = r[key].as_str().unwrap_or_default();
                    assert!(!text.trim().is_empty(), "{role} {level} has a {key}");
                }
                assert!(
                    r["url"]
                        .as_str()
                        .unwrap_or_default()
                        .starts_with("https://")
                );
                assert!(r.get("total").is_some() || r.get("base").is_some());
            }
        }
    }
    assert!(
        rows.iter().all(|r| r["url"]
            .as_str()
            .unwrap_or_default()
            .starts_with("https://")),
        "every row opens"
    );
    let filtered = json(&["pay", "amazon", "--role", "PMM", "--level", "l6", "--json"]);
    let rows = filtered["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["role"] == "pmm" && r["level"] == "l6")
    );
    assert_eq!(
        filtered["vesting"]["percent_by_year"],
        serde_json::json!([5.0, 15.0, 40.0, 40.0])
    );
    debrief()
        .args(["pay", "amazn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `amazon`"));
    debrief()
        .args(["pay", "amazon", "--level", "l9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("valid levels"));
    debrief()
        .args(["pay", "amazon", "--role", "designer"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pm-t"));
}
