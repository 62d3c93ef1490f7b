//! The prep plan over the built-in pack: dates, adapting to the weeks left, stable ids and the
//! Markdown and ICS exports.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use debrief_grader::Grader;

use debrief_coach::plan::{Date, Groundwork, ItemKind, Pace, Plan, PlanError, build_plan};
use debrief_pack::Catalog;
use proptest::prelude::*;

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).unwrap_or_else(|e| panic!("{e}"));
        Grader::new(std::sync::Arc::new(catalog))
    })
}

fn catalog() -> &'static Catalog {
    grader().catalog()
}

/// The longest plan, from the pack's `[plan]` table.
fn max_weeks() -> u32 {
    catalog()
        .plan_settings()
        .map(|p| p.max_weeks)
        .expect("the built-in pack paces plans")
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

const TODAY: &str = "2026-05-01";

fn plan(company: &str, role: &str, level: Option<&str>, interview: &str) -> Plan {
    build_plan(
        catalog(),
        company,
        role,
        None,
        level,
        date(TODAY),
        date(interview),
        &Groundwork::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Amazon PMM L5 with 8 weeks (56 days) and with 2 weeks (14 days) to go.
fn pmm_8_weeks() -> Plan {
    plan("amazon", "pmm", Some("l5"), "2026-06-26")
}

fn pmm_2_weeks() -> Plan {
    plan("amazon", "pmm", Some("l5"), "2026-05-15")
}

fn ids(plan: &Plan) -> Vec<String> {
    plan.items().map(|i| i.id.clone()).collect()
}

fn story_principles(plan: &Plan) -> Vec<String> {
    plan.items()
        .filter(|i| i.kind == ItemKind::Story && !i.title.starts_with("Second"))
        .filter_map(|i| i.principle.clone())
        .collect()
}

const DAY_MIN: i64 = -719_162; // 0001-01-01
const DAY_MAX: i64 = 2_932_896; // 9999-12-31

proptest! {
    #[test]
    fn days_to_date_and_back_is_identity(days in DAY_MIN..=DAY_MAX) {
        let d = Date::from_days_since_epoch(days).expect("in range");
        prop_assert_eq!(d.days_since_epoch(), days);
        prop_assert_eq!(Date::parse(&d.to_string()), Ok(d));
        prop_assert!(d.day() >= 1 && d.day() <= debrief_coach::calendar::days_in_month(d.year(), d.month()));
    }

    #[test]
    fn add_days_is_consistent(days in DAY_MIN + 2_000..=DAY_MAX - 2_000, a in -1_000i64..1_000, b in -1_000i64..1_000) {
        let d = Date::from_days_since_epoch(days).expect("in range");
        let stepwise = d.add_days(a).and_then(|x| x.add_days(b));
        prop_assert_eq!(stepwise, d.add_days(a + b));
        let moved = d.add_days(a).expect("in range");
        prop_assert_eq!(d.days_until(moved), a);
        prop_assert_eq!(moved > d, a > 0);
        // Weekdays cycle every seven days.
        prop_assert_eq!(d.add_days(7 * (a / 7)).map(Date::weekday), Some(d.weekday()));
        // The next day is the day after, across month and year ends.
        let next = d.add_days(1).expect("in range");
        let month_end = d.day() == debrief_coach::calendar::days_in_month(d.year(), d.month());
        if month_end {
            prop_assert_eq!(next.day(), 1);
        } else {
            prop_assert_eq!((next.year(), next.month(), next.day()), (d.year(), d.month(), d.day() + 1));
        }
    }
}

#[test]
fn eight_weeks_against_two_weeks() {
    let long = pmm_8_weeks();
    let short = pmm_2_weeks();
    assert_eq!(long.weeks.len(), 8);
    assert_eq!(short.weeks.len(), 2);
    assert_eq!(long.pace, Pace::Extended);
    assert_eq!(short.pace, Pace::Compressed);
    let (long_n, short_n) = (long.items().count(), short.items().count());
    assert!(
        short_n < long_n,
        "{short_n} items in 2 weeks, {long_n} in 8"
    );
    assert!(long.cut.is_empty(), "{:?}", long.cut);
    assert!(!short.cut.is_empty());
    for cut in &short.cut {
        assert!(!cut.reason.is_empty(), "{cut:?}");
    }
    // The heaviest principles are kept, heaviest first, and only lighter ones are cut.
    let view = catalog()
        .loop_view("amazon", "pmm", Some("l5"))
        .unwrap_or_else(|e| panic!("{e}"));
    let weights: BTreeMap<&str, u32> = view
        .principle_weights
        .iter()
        .map(|p| (p.id, p.weight))
        .collect();
    let heaviest: Vec<String> = view
        .principle_weights
        .iter()
        .map(|p| p.id.to_owned())
        .collect();
    let kept = story_principles(&short);
    assert_eq!(kept, heaviest[..kept.len()]);
    // The three the sources weight most for PMMs lead, in the loop's order.
    let top: BTreeSet<&str> = kept.iter().take(3).map(String::as_str).collect();
    assert_eq!(
        top,
        BTreeSet::from(["customer-obsession", "think-big", "earn-trust"])
    );
    assert_eq!(
        story_principles(&long),
        heaviest,
        "8 weeks: a story for every LP"
    );
    let lightest_kept = kept.iter().map(|p| weights[p.as_str()]).min();
    for cut in short.cut.iter().filter(|c| c.kind == ItemKind::Story) {
        let p = cut.principle.as_deref().expect("a principle");
        assert!(
            Some(weights[p]) <= lightest_kept,
            "{p} cut before a lighter one"
        );
    }
    // Elimination-point rounds (the phone screen and the Bar Raiser, both behavioral) get more
    // drill sessions than the others in the short plan.
    let sessions = |plan: &Plan, kind: &str| {
        plan.items()
            .filter(|i| i.kind == ItemKind::Drill && i.round_kind.as_deref() == Some(kind))
            .count()
    };
    assert!(sessions(&short, "behavioral") > sessions(&short, "messaging"));
    assert!(sessions(&short, "behavioral") > sessions(&short, "gtm-case"));
    // 8 weeks repeats drills.
    assert!(sessions(&long, "behavioral") >= 7);
    assert!(sessions(&long, "messaging") >= 3);
}

#[test]
fn weeks_run_from_today_to_the_interview() {
    for p in [
        pmm_8_weeks(),
        pmm_2_weeks(),
        plan("google", "pm", None, "2026-05-20"),
    ] {
        assert_eq!(p.weeks[0].start, date(TODAY));
        assert_eq!(p.weeks.last().map(|w| w.end), Some(p.interview));
        for pair in p.weeks.windows(2) {
            assert_eq!(pair[0].end.add_days(1), Some(pair[1].start));
            assert_eq!(pair[0].start.days_until(pair[0].end), 6);
        }
        for week in &p.weeks {
            let mut last = None;
            for item in &week.items {
                assert_eq!(item.week, week.index);
                assert!(item.due >= week.start && item.due <= week.end, "{item:?}");
                assert!(item.due < p.interview, "{} due on interview day", item.id);
                assert!(last <= Some(item.due), "items ordered by due date");
                last = Some(item.due);
                assert!(
                    item.id
                        .starts_with(&format!("w{}-{}-", week.index, item.kind))
                );
                for q in &item.question_ids {
                    assert!(p.questions.contains_key(q), "{q} has its text");
                    assert!(catalog().question(q).is_some());
                }
            }
        }
        let light = p.weeks.last().is_some_and(|w| w.light);
        assert_eq!(light, p.pace != Pace::Compressed, "{}", p.id);
    }
}

#[test]
fn mocks_sit_in_the_last_third_before_a_light_week() {
    for p in [
        pmm_8_weeks(),
        pmm_2_weeks(),
        plan("amazon", "pm", None, "2026-05-29"),
    ] {
        let days = p.start.days_until(p.interview);
        let mocks: Vec<_> = p
            .items()
            .filter(|i| i.kind == ItemKind::Mock && i.title.starts_with("Full mock loop"))
            .collect();
        assert!(!mocks.is_empty(), "{}", p.id);
        for m in &mocks {
            let offset = p.start.days_until(m.due);
            assert!(3 * offset >= 2 * days, "{} on day {offset} of {days}", m.id);
            // One question per round of the loop.
            let rounds = catalog()
                .loop_view(&p.company, &p.role, None)
                .map(|v| v.rounds.len())
                .unwrap_or(0);
            assert_eq!(m.question_ids.len(), rounds);
        }
        // The light stretch: the last week, or a compressed plan's days after its mock.
        let light_from = match p.weeks.last() {
            Some(w) if w.light => w.start.add_days(-1).expect("a date"),
            _ => mocks.last().map(|m| m.due).expect("a mock"),
        };
        let light: Vec<_> = p.items().filter(|i| i.due > light_from).collect();
        assert!(
            light
                .iter()
                .all(|i| matches!(i.kind, ItemKind::Rest | ItemKind::Drill)),
            "no new stories, artifacts or mocks in the light days: {light:?}"
        );
        assert!(light.iter().any(|i| i.id.ends_with("rest-day-before")));
        assert!(light.iter().any(|i| i.id.contains("-rest-light-")));
    }
    assert_eq!(
        pmm_8_weeks()
            .items()
            .filter(|i| i.kind == ItemKind::Mock)
            .count(),
        2
    );
}

#[test]
fn drills_link_company_questions_first_and_rotate() {
    let p = pmm_8_weeks();
    let gtm: Vec<&str> = p
        .items()
        .filter(|i| i.kind == ItemKind::Drill && i.round_kind.as_deref() == Some("gtm-case"))
        .flat_map(|i| i.question_ids.iter().map(String::as_str))
        .collect();
    let first = catalog().question(gtm[0]).expect("question");
    assert_eq!(first.company.as_deref(), Some("amazon"));
    // No question repeats before the bank for that round is used up.
    let unique: BTreeSet<&str> = gtm.iter().copied().collect();
    assert_eq!(unique.len(), gtm.len());
    for id in &gtm {
        let q = catalog().question(id).expect("question");
        assert!(q.roles.iter().any(|r| r == "pmm"));
        assert!(q.company.as_deref().is_none_or(|c| c == "amazon"));
    }
    let product = plan("amazon", "pm", Some("l5"), "2026-06-26");
    let drill = product
        .items()
        .find(|i| i.id == "w1-drill-product-design-1")
        .expect("a product-design drill in week 1");
    assert_eq!(drill.title, "Two timed drills: Product design");
    assert_eq!(drill.question_ids.len(), 2);
}

#[test]
fn ids_are_unique_and_stable_across_builds() {
    for (a, b) in [
        (pmm_8_weeks(), pmm_8_weeks()),
        (pmm_2_weeks(), pmm_2_weeks()),
    ] {
        let ids_a = ids(&a);
        let unique: BTreeSet<&String> = ids_a.iter().collect();
        assert_eq!(unique.len(), ids_a.len(), "ids are unique");
        assert_eq!(ids_a, ids(&b));
        assert_eq!(a, b);
        let json_a = serde_json::to_string(&a).expect("json");
        let json_b = serde_json::to_string(&b).expect("json");
        assert_eq!(json_a, json_b, "byte-identical JSON");
        let back: Plan = serde_json::from_str(&json_a).expect("round trip");
        assert_eq!(back, a);
    }
    let p = pmm_8_weeks();
    assert_eq!(p.id, "amazon-pmm-l5-2026-06-26");
    assert!(p.item("w1-story-customer-obsession").is_some());
    let json = serde_json::to_value(&p).expect("json");
    assert_eq!(json["interview"], "2026-06-26");
    assert_eq!(json["pace"], "extended");
    assert!(json["weeks"][0]["items"][0]["kind"].is_string());
}

#[test]
fn past_today_and_unknown_inputs_are_clear_errors() {
    let past = build_plan(
        catalog(),
        "amazon",
        "pmm",
        None,
        None,
        date(TODAY),
        date("2026-04-30"),
        &Groundwork::default(),
    );
    assert_eq!(
        past.as_ref().map_err(ToString::to_string).err().as_deref(),
        Some(
            "the interview date 2026-04-30 is in the past (today is 2026-05-01); give the date of an interview still ahead"
        )
    );
    assert!(matches!(past, Err(PlanError::InterviewPast { .. })));
    let today = build_plan(
        catalog(),
        "amazon",
        "pmm",
        None,
        None,
        date(TODAY),
        date(TODAY),
        &Groundwork::default(),
    );
    assert!(matches!(today, Err(PlanError::InterviewToday { .. })));
    let unknown = build_plan(
        catalog(),
        "amazn",
        "pmm",
        None,
        None,
        date(TODAY),
        date("2026-06-01"),
        &Groundwork::default(),
    );
    let message = unknown.map_err(|e| e.to_string()).err().unwrap_or_default();
    assert!(message.contains("did you mean `amazon`"), "{message}");
    let level = build_plan(
        catalog(),
        "amazon",
        "pmm",
        None,
        Some("l9"),
        date(TODAY),
        date("2026-06-01"),
        &Groundwork::default(),
    );
    assert!(matches!(level, Err(PlanError::Lookup(_))));
}

#[test]
fn far_interviews_are_capped_and_say_so() {
    let max_weeks = max_weeks();
    let p = plan("amazon", "pm", Some("l6"), "2027-03-01");
    assert!(p.capped);
    assert_eq!(p.weeks.len(), max_weeks as usize);
    assert_eq!(p.start.days_until(p.interview), 7 * i64::from(max_weeks));
    assert_eq!(p.weeks[0].start, p.start);
    assert!(p.notes[0].contains("26 weeks"), "{:?}", p.notes);
    assert!(p.days_left > 7 * max_weeks);
    let not_capped = plan("amazon", "pm", Some("l6"), "2026-10-30");
    assert!(!not_capped.capped);
    assert_eq!(not_capped.weeks.len(), max_weeks as usize);
}

#[test]
fn very_short_windows_still_plan() {
    for interview in [
        "2026-05-02",
        "2026-05-03",
        "2026-05-04",
        "2026-05-08",
        "2026-05-09",
    ] {
        for (company, role) in [("amazon", "pm"), ("google", "pmm"), ("meta", "pm")] {
            let p = plan(company, role, None, interview);
            assert!(p.items().count() > 0);
            assert!(p.items().any(|i| i.kind == ItemKind::Mock));
            assert!(p.items().all(|i| i.due >= p.start && i.due < p.interview));
            assert!(!p.cut.is_empty(), "{company} {role} {interview}");
        }
    }
    let one_day = plan("amazon", "pmm", None, "2026-05-02");
    assert!(one_day.cut.iter().any(|c| c.title == "Full mock loop"));
}

#[test]
fn google_loops_write_stories_for_googles_hiring_attributes() {
    let p = plan("google", "pmm", None, "2026-06-05");
    let stories: Vec<&str> = p
        .items()
        .filter(|i| i.kind == ItemKind::Story)
        .map(|i| i.title.as_str())
        .collect();
    assert!(stories.contains(&"Story: Leadership"), "{stories:?}");
    assert!(stories.contains(&"Story: Googleyness"), "{stories:?}");
    // Weighted attributes, as Amazon's loops weight principles; never an Amazon LP.
    let amazon: Vec<String> = catalog()
        .principles_of("amazon")
        .iter()
        .map(|lp| format!("Story: {}", lp.name))
        .collect();
    assert!(
        stories.iter().all(|s| !amazon.iter().any(|a| a == s)),
        "{stories:?}"
    );
}

fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
}

#[test]
fn ics_is_folded_crlf_and_one_event_per_item() {
    let p = pmm_8_weeks();
    let done: BTreeSet<String> = ids(&p).into_iter().take(3).collect();
    let ics = p.to_ics(&done, "2026-05-01T08:00:00Z");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "CRLF: {line:?}");
        assert!(line.len() - 2 <= 75, "{} octets: {line:?}", line.len() - 2);
        assert!(!line[..line.len() - 2].contains(['\r', '\n']));
    }
    assert_eq!(
        ics.matches("BEGIN:VEVENT\r\n").count(),
        p.items().count(),
        "one event per item"
    );
    let unfolded = unfold(&ics);
    let item = p.item("w1-story-customer-obsession").expect("item");
    assert!(unfolded.contains(&format!(
        "UID:w1-story-customer-obsession.{}@debrief\r\n",
        p.id
    )));
    assert!(unfolded.contains(&format!(
        "DTSTART;VALUE=DATE:{}\r\n",
        item.due.to_string().replace('-', "")
    )));
    assert!(unfolded.contains("DTSTAMP:20260501T080000Z\r\n"));
    assert_eq!(
        unfolded.matches("SUMMARY:✓ ").count(),
        3,
        "done items are marked"
    );
    // Folding never splits a UTF-8 character: the text is valid UTF-8 by construction, and
    // unfolding restores the exact summaries.
    assert!(unfolded.contains(&format!("SUMMARY:{}\r\n", item.title)) || done.contains(&item.id));
    // The same plan and stamp give the same calendar.
    assert_eq!(ics, p.to_ics(&done, "2026-05-01T08:00:00Z"));
}

#[test]
fn ics_escapes_text_values() {
    let mut p = pmm_2_weeks();
    let first = &mut p.weeks[0].items[0];
    first.title = "Cut, then ship; keep C:\\notes\nnext line".into();
    first.detail = "ü".repeat(60);
    let ics = p.to_ics(&BTreeSet::new(), "20260501T000000Z");
    let unfolded = unfold(&ics);
    assert!(
        unfolded.contains("SUMMARY:Cut\\, then ship\\; keep C:\\\\notes\\nnext line\r\n"),
        "{unfolded}"
    );
    assert!(unfolded.contains(&format!("DESCRIPTION:{}\\n\\n", "ü".repeat(60))));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75);
    }
}

#[test]
fn markdown_ticks_reflect_done_ids() {
    let p = pmm_2_weeks();
    let all = ids(&p);
    let done: BTreeSet<String> = [all[0].clone(), all[2].clone(), "not-an-item".to_owned()]
        .into_iter()
        .collect();
    let md = p.to_markdown(&done);
    assert!(md.starts_with("# Prep plan: Amazon PMM, L5\n"));
    assert!(md.contains(&format!("- Done: 2 of {}\n", all.len())));
    assert!(md.contains("## Week 1: "));
    assert!(md.contains("## Week 2: "));
    assert!(md.contains("## Cut to fit 2 weeks"));
    for id in &all {
        let line = md
            .lines()
            .find(|l| l.ends_with(&format!("`{id}`")))
            .unwrap_or_else(|| panic!("{id} listed"));
        let expected = if done.contains(id) {
            "- [x] "
        } else {
            "- [ ] "
        };
        assert!(line.starts_with(expected), "{line}");
    }
    assert_eq!(md.matches("- [x] ").count(), 2);
    assert_eq!(p.progress(&done), (2, all.len()));
    assert_eq!(p.to_markdown(&BTreeSet::new()).matches("- [x] ").count(), 0);
}

#[test]
fn every_loop_and_window_gives_a_sound_plan() {
    let loops: Vec<(String, String, Option<String>)> = catalog()
        .loops()
        .iter()
        .map(|l| (l.company.clone(), l.role.clone(), l.track.clone()))
        .collect();
    let today = date(TODAY);
    let max_weeks = max_weeks();
    let windows = (1..=60).chain([90, 120, 181, 182, 183, 400]);
    for days in windows {
        let interview = today.add_days(days).expect("a date");
        for (company, role, track) in &loops {
            let p = build_plan(
                catalog(),
                company,
                role,
                track.as_deref(),
                None,
                today,
                interview,
                &Groundwork::default(),
            )
            .unwrap_or_else(|e| panic!("{company} {role} {days}: {e}"));
            let context = format!("{} after {days} days", p.id);
            let ids = ids(&p);
            let unique: BTreeSet<&String> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "{context}: unique ids");
            assert!(p.weeks.len() <= max_weeks as usize, "{context}");
            assert_eq!(p.capped, days > 182, "{context}");
            let span = p.start.days_until(p.interview);
            assert_eq!(p.weeks.len() as i64, (span + 6) / 7, "{context}");
            for item in p.items() {
                assert!(
                    item.due >= p.start && item.due < p.interview,
                    "{context}: {item:?}"
                );
            }
            let mocks: Vec<_> = p.items().filter(|i| i.kind == ItemKind::Mock).collect();
            assert!(
                mocks
                    .iter()
                    .any(|m| 3 * p.start.days_until(m.due) >= 2 * span || span < 6),
                "{context}: a mock in the last third (windows under six days hold it two days out)"
            );
            assert_eq!(
                p.items()
                    .filter(|i| i.id.ends_with("-rest-day-before"))
                    .count(),
                1,
                "{context}"
            );
            if p.pace == Pace::Compressed {
                assert!(!p.cut.is_empty(), "{context}: says what was cut");
            }
        }
    }
}

/// The fixture pack, whose plan texts are each `<id>` followed by every placeholder the text
/// may use, with loops laid over it that between them render every text.
fn marked_catalog() -> Catalog {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../debrief-content/tests/fixtures/minimal");
    let files = debrief_content::read_folder(&dir).unwrap_or_else(|e| panic!("{e}"));
    let overlay = debrief_content::SourceFile {
        path: "plan-overlay.toml".into(),
        text: include_str!("fixtures/plan-overlay.toml").into(),
    };
    debrief_content::load_layers(&files, &[overlay]).unwrap_or_else(|e| panic!("{e}"))
}

/// A bank and a history that between them reach every text on groundwork: a strong story for
/// the heaviest target, a weaker one with each kind of problem for the next ones, one round
/// kind at the bar and the others below it.
fn marked_groundwork(fresh: &Plan, shift: usize) -> Groundwork {
    use debrief_coach::plan::BankStory;
    use debrief_coach::progress::{Readiness, Status};
    use debrief_coach::story::Strength;
    use debrief_pack::Rating;
    let principles = story_principles(fresh);
    let stories = principles
        .iter()
        .take(5)
        .enumerate()
        .map(|(i, p)| {
            // Which problem a weaker story has: no number, no result, a finding, none.
            let problem = (i + shift) % 4;
            BankStory {
                title: format!("story {i}"),
                principles: vec![p.clone()],
                strength: if i == 0 {
                    Strength::Strong
                } else {
                    Strength::Weak
                },
                rating: if i == 0 {
                    Rating::StrongHire
                } else {
                    Rating::NoHire
                },
                score: 50,
                has_number: i == 0 || problem != 0,
                has_result: i == 0 || problem != 1,
                finding: (problem == 2).then(|| "A finding.".to_owned()),
            }
        })
        .collect();
    let mut kinds: Vec<String> = Vec::new();
    for item in fresh.items().filter(|i| i.kind == ItemKind::Drill) {
        if let Some(k) = &item.round_kind
            && !kinds.contains(k)
        {
            kinds.push(k.clone());
        }
    }
    let readiness = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| Readiness {
            round_kind: k.clone(),
            status: if i == 0 {
                Status::Ready
            } else {
                Status::NotYet
            },
            attempts: 2,
            recent: if i == 0 { vec![90, 80] } else { vec![20, 30] },
            best: Some(90),
            next_step: String::new(),
        })
        .collect();
    Groundwork {
        stories,
        bar: 60,
        readiness,
        ..Groundwork::default()
    }
}

#[test]
fn every_plan_text_renders_with_the_values_the_code_fills_in() {
    use debrief_pack::{PlanText, TextKey};
    let catalog = marked_catalog();
    let today = date(TODAY);
    let mut seen = BTreeSet::new();
    let mut texts_owned: Vec<String> = Vec::new();
    let loops = [
        ("amazon", Some("l5")),
        ("initech", Some("l5")),
        ("acme", Some("senior")),
        ("hooli", Some("mid")),
    ];
    for (company, level) in loops {
        let fresh = build_plan(
            &catalog,
            company,
            "pm",
            None,
            level,
            today,
            today.add_days(70).expect("a date"),
            &Groundwork::default(),
        )
        .unwrap_or_else(|e| panic!("{company}: {e}"));
        let windows = (1..=70)
            .chain([120, 182, 300])
            .map(|d| (d, Groundwork::default()));
        let on_groundwork = (0..4).flat_map(|shift| {
            let groundwork = marked_groundwork(&fresh, shift);
            [3, 10, 21, 49, 120].map(|d| (d, groundwork.clone()))
        });
        for (days, groundwork) in windows.chain(on_groundwork) {
            let interview = today.add_days(days).expect("a date");
            let p = build_plan(
                &catalog,
                company,
                "pm",
                None,
                level,
                today,
                interview,
                &groundwork,
            )
            .unwrap_or_else(|e| panic!("{company} {days}: {e}"));
            for covered in &p.covered {
                texts_owned.push(covered.text.clone());
            }
            let mut texts: Vec<&str> = p.notes.iter().map(String::as_str).collect();
            for week in &p.weeks {
                texts.push(&week.focus);
            }
            for item in p.items() {
                texts.extend([item.title.as_str(), item.detail.as_str()]);
            }
            for cut in &p.cut {
                texts.extend([cut.title.as_str(), cut.reason.as_str()]);
            }
            texts.extend(texts_owned.iter().map(String::as_str));
            for text in texts {
                assert!(
                    !text.contains(['{', '}']),
                    "{company} after {days} days: a placeholder is left in {text:?}"
                );
                for key in PlanText::ALL {
                    if text.contains(&format!("<{}>", key.id())) {
                        seen.insert(key.id());
                    }
                }
            }
        }
    }
    drop(texts_owned);
    // A weighted principle without a gist: validation requires every principle's gist.
    let unreachable = ["story-principle"];
    let missing: Vec<&str> = PlanText::ALL
        .iter()
        .map(|k| k.id())
        .filter(|id| !seen.contains(id) && !unreachable.contains(id))
        .collect();
    assert!(missing.is_empty(), "never rendered: {missing:?}");
}

// ---- What the candidate already has ------------------------------------------------------

use debrief_coach::plan::{BankStory, Layout};
use debrief_coach::progress::{Readiness, Status};
use debrief_coach::story::Strength;
use debrief_pack::Rating;

fn bank_story(title: &str, principle: &str, strength: Strength, rating: Rating) -> BankStory {
    BankStory {
        title: title.to_owned(),
        principles: vec![principle.to_owned()],
        strength,
        rating,
        score: if strength == Strength::Strong { 85 } else { 40 },
        has_number: strength == Strength::Strong,
        has_result: true,
        finding: None,
    }
}

fn reading(kind: &str, status: Status, recent: &[u32]) -> Readiness {
    Readiness {
        round_kind: kind.to_owned(),
        status,
        attempts: recent.len(),
        recent: recent.to_vec(),
        best: recent.iter().copied().max(),
        next_step: String::new(),
    }
}

fn pmm_8_weeks_with(groundwork: &Groundwork) -> Plan {
    build_plan(
        catalog(),
        "amazon",
        "pmm",
        None,
        Some("l5"),
        date(TODAY),
        date("2026-06-26"),
        groundwork,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Work items (anything but rest) due on each day.
fn load(plan: &Plan) -> BTreeMap<Date, usize> {
    let mut out = BTreeMap::new();
    for item in plan.items().filter(|i| i.kind != ItemKind::Rest) {
        *out.entry(item.due).or_default() += 1;
    }
    out
}

#[test]
fn a_strong_story_covers_its_principle_and_a_weak_one_is_rewritten() {
    let fresh = pmm_8_weeks();
    let heaviest = story_principles(&fresh)[0].clone();
    let second = story_principles(&fresh)[1].clone();
    let writes = |p: &Plan, lp: &str| {
        p.items()
            .filter(|i| i.kind == ItemKind::Story && i.principle.as_deref() == Some(lp))
            .count()
    };
    assert_eq!(writes(&fresh, &heaviest), 2, "a first and a second story");
    let groundwork = Groundwork {
        stories: vec![
            bank_story(
                "Pricing <launch> in Brazil",
                &heaviest,
                Strength::Strong,
                Rating::StrongHire,
            ),
            bank_story(
                "Partner onboarding",
                &second,
                Strength::Weak,
                Rating::NoHire,
            ),
        ],
        bar: 60,
        ..Groundwork::default()
    };
    let p = pmm_8_weeks_with(&groundwork);
    // The strong story stands for the first one; the second story is still asked for.
    assert_eq!(writes(&p, &heaviest), 1, "{:?}", ids(&p));
    assert!(p.items().all(|i| i.id != format!("w1-story-{heaviest}")));
    assert_eq!(p.covered.len(), 1);
    let covered = &p.covered[0];
    assert_eq!(covered.principle, heaviest);
    assert_eq!(covered.story, "Pricing <launch> in Brazil");
    assert_eq!(covered.rating, "Strong hire");
    assert!(
        covered
            .text
            .contains("covered by your story \"Pricing <launch> in Brazil\" (rated Strong hire)"),
        "{}",
        covered.text
    );
    // The weak story gets a rewrite naming it and its main problem, instead of a new story.
    let rewrites: Vec<_> = p.items().filter(|i| i.kind == ItemKind::Rewrite).collect();
    assert_eq!(rewrites.len(), 1, "{rewrites:?}");
    let rewrite = rewrites[0];
    assert_eq!(rewrite.principle.as_deref(), Some(second.as_str()));
    assert_eq!(rewrite.story.as_deref(), Some("Partner onboarding"));
    assert!(
        rewrite.title.contains("Partner onboarding"),
        "{}",
        rewrite.title
    );
    assert!(
        rewrite.detail.contains("rated No hire: it has no number"),
        "{}",
        rewrite.detail
    );
    assert!(
        p.items()
            .all(|i| !(i.kind == ItemKind::Story && i.id.ends_with(&format!("-story-{second}")))),
        "no new first story for a principle the bank has a story for"
    );
    // Markdown writes the candidate's title as text.
    let md = p.to_markdown(&BTreeSet::new());
    assert!(md.contains("## Covered by your story bank"), "{md}");
    assert!(md.contains("Pricing \\<launch\\> in Brazil"), "{md}");
    // Two strong stories leave nothing to write for the principle.
    let mut two = groundwork.clone();
    two.stories.push(bank_story(
        "Second launch",
        &heaviest,
        Strength::Strong,
        Rating::Hire,
    ));
    assert_eq!(writes(&pmm_8_weeks_with(&two), &heaviest), 0);
}

#[test]
fn history_moves_drill_sessions_from_ready_kinds_to_weak_ones() {
    let fresh = pmm_8_weeks();
    let drills = |p: &Plan, kind: &str| {
        p.items()
            .filter(|i| {
                i.kind == ItemKind::Drill
                    && i.round_kind.as_deref() == Some(kind)
                    && !i.id.ends_with("warm-up")
            })
            .count()
    };
    let kinds: Vec<String> = {
        let mut k: Vec<String> = fresh
            .items()
            .filter(|i| i.kind == ItemKind::Drill)
            .filter_map(|i| i.round_kind.clone())
            .collect();
        k.dedup();
        let mut seen = BTreeSet::new();
        k.retain(|x| seen.insert(x.clone()));
        k
    };
    assert!(kinds.len() >= 2, "{kinds:?}");
    let (ready, weak) = (&kinds[0], &kinds[1]);
    let before = (drills(&fresh, ready), drills(&fresh, weak));
    let groundwork = Groundwork {
        bar: 60,
        readiness: vec![
            reading(ready, Status::Ready, &[80, 72]),
            reading(weak, Status::NotYet, &[35, 50]),
        ],
        ..Groundwork::default()
    };
    let p = pmm_8_weeks_with(&groundwork);
    let after = (drills(&p, ready), drills(&p, weak));
    assert_eq!(
        after.0,
        before.0.div_ceil(2),
        "half the sessions: {before:?} -> {after:?}"
    );
    assert!(after.1 > before.1, "more sessions: {before:?} -> {after:?}");
    assert!(
        p.cut
            .iter()
            .any(|c| c.title.starts_with("Fewer drills") && c.reason.contains("80, 72")),
        "{:?}",
        p.cut
    );
    let weak_item = p
        .items()
        .find(|i| i.round_kind.as_deref() == Some(weak.as_str()) && i.kind == ItemKind::Drill)
        .expect("a weak drill");
    assert!(weak_item.detail.contains("35, 50"), "{}", weak_item.detail);
    // Too few answers to say: scheduled as for a fresh candidate.
    let unsure = Groundwork {
        bar: 60,
        readiness: vec![reading(weak, Status::NotYet, &[70])],
        ..Groundwork::default()
    };
    assert_eq!(drills(&pmm_8_weeks_with(&unsure), weak), before.1);
}

#[test]
fn no_day_holds_more_than_the_limit_and_the_first_days_are_light() {
    let pacing = catalog().plan_settings().expect("pacing");
    let max = pacing.max_daily_items as usize;
    let first = pacing.light_start_items as usize;
    let today = date(TODAY);
    let weak_history = Groundwork {
        bar: 60,
        readiness: ["behavioral", "gtm-case", "product-sense", "writing"]
            .iter()
            .map(|k| reading(k, Status::NotYet, &[20, 30]))
            .collect(),
        ..Groundwork::default()
    };
    for groundwork in [Groundwork::default(), weak_history] {
        for (company, role) in [("amazon", "pmm"), ("amazon", "pm"), ("google", "pm")] {
            for days in [3, 6, 10, 14, 21, 30, 35, 49, 63, 91, 150] {
                let interview = today.add_days(days).expect("a date");
                let p = build_plan(
                    catalog(),
                    company,
                    role,
                    None,
                    None,
                    today,
                    interview,
                    &groundwork,
                )
                .unwrap_or_else(|e| panic!("{e}"));
                let context = format!("{} after {days} days", p.id);
                for (day, n) in load(&p) {
                    assert!(n <= max, "{context}: {n} items on {day}");
                    let offset = p.start.days_until(day);
                    if p.pace != Pace::Compressed && offset < i64::from(pacing.light_start_days) {
                        assert!(n <= first, "{context}: {n} items on day {offset}");
                    }
                }
                let mock_days: BTreeSet<Date> = p
                    .items()
                    .filter(|i| i.kind == ItemKind::Mock)
                    .map(|i| i.due)
                    .collect();
                for item in p.items().filter(|i| i.kind != ItemKind::Rest) {
                    assert!(
                        item.kind == ItemKind::Mock || !mock_days.contains(&item.due),
                        "{context}: {} on a mock day",
                        item.id
                    );
                }
                // Every question listed is linked to an item still in the plan.
                for q in p.questions.keys() {
                    assert!(
                        p.items().any(|i| i.question_ids.contains(q)),
                        "{context}: {q}"
                    );
                }
            }
        }
    }
    // Eight weeks hold everything at two a day: nothing is cut, the day after is light.
    let p = pmm_8_weeks();
    assert!(p.cut.is_empty(), "{:?}", p.cut);
    let tomorrow = today.add_days(1).expect("a date");
    assert!(load(&p).get(&tomorrow).copied().unwrap_or(0) <= first);
}

#[test]
fn plans_as_first_made_keep_their_old_layout() {
    let old = pmm_8_weeks_with(&Groundwork::as_first_made());
    assert_eq!(Groundwork::as_first_made().layout, Layout::Uncapped);
    // The old layout put three items on the day after the plan was made.
    let tomorrow = date(TODAY).add_days(1).expect("a date");
    assert_eq!(load(&old).get(&tomorrow).copied(), Some(3));
    assert!(old.notes.iter().all(|n| !n.contains("No day holds more")));
    assert_eq!(old.items().count(), pmm_8_weeks().items().count());
}
