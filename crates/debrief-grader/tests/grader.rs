//! The grader over the built-in pack: every rule's own examples, the gaming guards, golden
//! reports, and properties over arbitrary text.

use std::sync::OnceLock;

use debrief_grader::Grader;

use debrief_grader::compile::{Metric, RuleKind};
use debrief_grader::{GradeError, GradeRequest, Report};
use debrief_pack::{Category, Rating, Role};
use proptest::prelude::*;

/// The typed id of a round kind the built-in pack has.
fn kind(id: &str) -> debrief_pack::RoundKindId {
    grader()
        .catalog()
        .round_kind_id(id)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).unwrap_or_else(|e| panic!("{e}"));
        Grader::new(std::sync::Arc::new(catalog))
    })
}

fn grade(answer: &str, role: Option<Role>, round: &str) -> Report {
    let request = GradeRequest {
        answer: answer.to_owned(),
        role,
        round: Some(kind(round)),
        ..Default::default()
    };
    grader().grade(&request).unwrap_or_else(|e| panic!("{e}"))
}

/// `answer` graded for `role` in `round`, asked `question`.
fn grade_asked(answer: &str, role: Role, round: &str, question: &str) -> Report {
    let request = GradeRequest {
        answer: answer.to_owned(),
        role: Some(role),
        round: Some(kind(round)),
        question: Some(question.to_owned()),
        ..Default::default()
    };
    grader().grade(&request).unwrap_or_else(|e| panic!("{e}"))
}

const STRONG_PM: &str = "Last year our checkout conversion dropped 15% after a redesign. My goal \
was to find the cause within two weeks. I pulled the funnel by device and found the drop was only \
on Android, where a new address form failed validation for 8% of users. I decided to roll back \
the form for Android instead of patching it, because the patch would have taken three sprints. \
I ran an A/B test against the old form: conversion recovered from 31% to 36% in six weeks. The \
side effect was slower address autocomplete for returning users, which I accepted and flagged to \
the payments team. Since then I add a device-level guardrail metric to every launch I own.";

const STRONG_PMM: &str = "At my last company our new invoicing add-on was getting sign-ups but \
almost no weekly use. My goal was to lift 30-day activation among accounts with five to fifty \
employees before the Q3 renewal cycle. I interviewed twelve churned trial accounts and found they \
thought the add-on replaced their accountant, which it did not. I rewrote the messaging ladder \
around one promise, invoices out in two minutes, and I removed the claim about automatic tax \
filing because the product could not do it. I chose to leave enterprise accounts out of the \
campaign since their finance teams buy differently. We ran the new onboarding emails against a \
holdout of 20% of new accounts: activation rose from 18% to 29% in eight weeks, and support \
tickets about tax fell by half. I learned to test the promise with churned users before launch.";

#[test]
fn every_rule_flags_its_flag_examples_and_passes_its_pass_examples() {
    let mut failures = Vec::new();
    for rule in &grader().compiled().rules {
        let role = rule.roles.first().copied();
        let round = rule
            .data
            .rounds
            .first()
            .map_or("behavioral", String::as_str);
        let transcript = matches!(rule.kind, RuleKind::Metric(Metric::FillersPerMinute));
        let run = |text: &str| {
            let request = GradeRequest {
                answer: text.to_owned(),
                role,
                round: Some(kind(round)),
                transcript,
                question: rule.data.examples.question.clone(),
                ..Default::default()
            };
            // A rule whose finding stands in for this one's (`replaces`) counts as this one.
            let stands_in = |id: &str| {
                id == rule.data.id
                    || grader()
                        .compiled()
                        .rules
                        .iter()
                        .any(|r| r.data.id == id && r.data.replaces.contains(&rule.data.id))
            };
            grader()
                .grade(&request)
                .map(|r| r.findings.iter().any(|f| stands_in(&f.rule)))
                .unwrap_or(false)
        };
        for example in &rule.data.examples.flag {
            if !run(example) {
                failures.push(format!("{} should flag: {example}", rule.data.id));
            }
        }
        for example in &rule.data.examples.pass {
            if run(example) {
                failures.push(format!("{} should pass: {example}", rule.data.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_category_has_a_rule() {
    for category in debrief_pack::CATEGORIES {
        assert!(
            grader()
                .compiled()
                .rules
                .iter()
                .any(|r| r.data.category == category),
            "no rule for {category}"
        );
    }
}

#[test]
fn strong_answers_rate_hire() {
    let r = grade(STRONG_PM, Some(Role::Pm), "behavioral");
    assert!(r.rating >= Rating::Hire, "{} {:?}", r.score, r.findings);
    let r = grade(STRONG_PMM, Some(Role::Pmm), "behavioral");
    assert!(r.rating >= Rating::Hire, "{} {:?}", r.score, r.findings);
}

#[test]
fn one_word_and_platitude_answers_rate_strong_no_hire() {
    for answer in [
        "Yes.",
        "Teamwork.",
        "I always put the customer first and work hard to deliver great results for everyone.",
    ] {
        for role in [Some(Role::Pm), Some(Role::Pmm), None] {
            let r = grade(answer, role, "behavioral");
            assert_eq!(
                r.rating,
                Rating::StrongNoHire,
                "{answer:?} scored {}",
                r.score
            );
        }
    }
}

#[test]
fn keyword_lists_do_not_rate_hire() {
    let keywords = "Customer obsession, ownership, A/B testing, 15% conversion, roadmap, \
        stakeholder alignment, north star metric, retention, cohort analysis, holdout, trade-offs, \
        I decided, instead of, since then, Q3, activation, segmentation, positioning, 40% growth";
    for role in [Role::Pm, Role::Pmm] {
        let r = grade(keywords, Some(role), "behavioral");
        assert!(r.rating < Rating::Hire, "keywords scored {}", r.score);
        assert!(r.findings.iter().any(|f| f.category == Category::PoorShape));
    }
}

#[test]
fn a_strong_answer_pasted_five_times_does_not_rate_hire() {
    let pasted = [STRONG_PM; 5].join("\n\n");
    let r = grade(&pasted, Some(Role::Pm), "behavioral");
    assert!(r.rating < Rating::Hire, "pasted scored {}", r.score);
    assert!(r.findings.iter().any(|f| f.category == Category::PoorShape));
}

/// A deterministic shuffle (no randomness in tests either): a linear congruential sequence.
fn shuffle(text: &str, seed: u64) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let mut state = seed;
    for i in (1..words.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (state >> 33) as usize % (i + 1);
        words.swap(i, j);
    }
    words.join(" ")
}

#[test]
fn shuffling_a_strong_answer_costs_at_least_20_points_and_the_hire() {
    for (answer, role) in [(STRONG_PM, Role::Pm), (STRONG_PMM, Role::Pmm)] {
        let original = grade(answer, Some(role), "behavioral").score;
        for seed in 1..=5 {
            let r = grade(&shuffle(answer, seed), Some(role), "behavioral");
            assert!(
                r.score + 20 <= original,
                "seed {seed}: {original} -> {}",
                r.score
            );
            assert!(
                r.rating < Rating::Hire,
                "seed {seed}: shuffled rated {:?}",
                r.rating
            );
        }
    }
}

#[test]
fn a_shuffled_estimate_full_of_numbers_rates_strong_no_hire() {
    // Numbers and nouns make most word pairs possible; the full stops that land mid-paragraph,
    // before a lowercase word, still give the shuffle away.
    let estimate = [
        STRONG_ESTIMATE,
        "Then the supply side. A fast charger handles about three cars an hour and a slow one \
         about one car every four hours, and most public points are slow. If 100,000 points did \
         one session a day each, that is 100,000 sessions, close to my 80,000, so the two views \
         agree within a factor I can live with.",
        "The number I would check first is the share of charging done away from home, because \
         the whole estimate moves with it: at one in three instead of one in five, the answer \
         rises to about 130,000 sessions a day.",
    ]
    .join("\n\n");
    for seed in 1..=8 {
        let shuffled: Vec<String> = estimate.split("\n\n").map(|p| shuffle(p, seed)).collect();
        let r = grade(&shuffled.join("\n\n"), Some(Role::Pm), "estimation");
        assert_eq!(r.rating, Rating::StrongNoHire, "seed {seed}: {}", r.score);
    }
    let r = grade(&estimate, Some(Role::Pm), "estimation");
    assert!(r.rating >= Rating::Hire, "the estimate itself: {}", r.score);
    // Real writing keeps its credit: lowercase bullets on their own lines, and an answer in
    // lowercase throughout.
    let bullets = "I'd size it from cars, not chargers.\n- about 1.4 million electric cars\n\
                   - two charges a week each\n- one in five at a public point\n\
                   That gives 400,000 charges a day and about 80,000 public sessions.";
    let lower = STRONG_ESTIMATE.to_lowercase();
    for answer in [bullets, lower.as_str()] {
        let r = grade(answer, Some(Role::Pm), "estimation");
        assert!(
            r.findings.iter().all(|f| f.rule != "shape-word-salad"),
            "{answer}: {:?}",
            r.findings
        );
    }
}

#[test]
fn long_is_not_strong_fog_scores_below_a_concise_specific_answer_of_the_same_length() {
    let fog = "So basically at my previous company we were kind of working on a really important \
        initiative around checkout, and it was a very big priority for the whole organization. We \
        aligned with a lot of stakeholders across engineering, design and marketing, and I helped \
        the team think through the various options. We collaborated closely and supported each \
        other, and I was involved in many of the key discussions. There were some challenges, but \
        we worked through them together as a team. In the end the results were really positive, \
        things improved significantly and leadership was very happy with the outcome. Overall it \
        was a great success and I learned a lot about teamwork and about the customer.";
    let (fog_words, strong_words) = (
        fog.split_whitespace().count(),
        STRONG_PM.split_whitespace().count(),
    );
    assert!(
        fog_words.abs_diff(strong_words) * 100 / strong_words <= 15,
        "{fog_words} vs {strong_words}"
    );
    let f = grade(fog, Some(Role::Pm), "behavioral");
    let s = grade(STRONG_PM, Some(Role::Pm), "behavioral");
    assert!(
        f.score + 25 < s.score,
        "fog {} vs strong {}",
        f.score,
        s.score
    );
    assert!(f.rating < Rating::Hire);
    let categories: Vec<&str> = f.findings.iter().map(|x| x.category.id()).collect();
    for c in ["collaboration-fog", "weasel-words", "no-measure"] {
        assert!(categories.contains(&c), "{c} missing from {categories:?}");
    }
}

#[test]
fn role_lean_reads_pm_and_pmm_framing() {
    let pm = grade(STRONG_PM, None, "behavioral").role_lean;
    let pmm = grade(STRONG_PMM, None, "behavioral").role_lean;
    assert!(pm > 0.0, "PM answer leans {pm}");
    assert!(pmm < 0.0, "PMM answer leans {pmm}");
}

#[test]
fn star_parts_follow_the_story() {
    let r = grade(STRONG_PM, Some(Role::Pm), "behavioral");
    let first = |spans: &[debrief_grader::Span]| spans.first().map(|s| &STRONG_PM[s.start..s.end]);
    assert_eq!(
        first(&r.star.situation),
        Some("Last year our checkout conversion dropped 15% after a redesign.")
    );
    assert!(first(&r.star.task).is_some_and(|t| t.starts_with("My goal")));
    assert!(r.star.action.len() >= 2);
    assert!(
        r.star
            .result
            .iter()
            .any(|s| STRONG_PM[s.start..s.end].starts_with("Since then"))
    );
    let r = grade(STRONG_PM, Some(Role::Pm), "metrics");
    assert!(
        r.star.situation.is_empty() && r.star.result.is_empty(),
        "STAR is for behavioral rounds"
    );
}

#[test]
fn transcripts_count_fillers_per_minute_including_multi_word_fillers() {
    let talk = "Um so, you know, I decided to, uh, cut the scope, you know, and I mean it worked. \
        Basically we shipped in May and, um, activation went from 20% to 26% in six weeks.";
    let request = GradeRequest {
        answer: talk.into(),
        role: Some(Role::Pm),
        round: Some(kind("behavioral")),
        transcript: true,
        ..Default::default()
    };
    let r = grader().grade(&request).expect("graded");
    let words = talk.split_whitespace().count() as f64;
    let minutes = words / 150.0;
    // um, you know, uh, you know, i mean, basically, um: seven, two of them two words long.
    let fillers = 7.0;
    // Under 15 seconds of speech counts as a quarter minute, so one slip is not 10 a minute.
    let expected = ((fillers / minutes.max(0.25)) * 10.0).round() / 10.0;
    assert_eq!(r.fillers_per_minute, Some(expected));
    let typed = grade(talk, Some(Role::Pm), "behavioral");
    assert_eq!(
        typed.fillers_per_minute, None,
        "typed answers are not counted"
    );
}

#[test]
fn errors_are_clear() {
    let empty = GradeRequest {
        answer: " \n\t ".into(),
        ..Default::default()
    };
    assert_eq!(grader().grade(&empty), Err(GradeError::Empty));
    let big = GradeRequest {
        answer: "a".repeat(1_000_001),
        ..Default::default()
    };
    assert!(matches!(
        grader().grade(&big),
        Err(GradeError::TooLarge(1_000_001))
    ));
    let bad = debrief_grader::GradeInput {
        id: None,
        answer: "x".into(),
        role: None,
        round: Some("nope".into()),
        question: None,
        company: None,
        transcript: false,
        budget_seconds: None,
        follow_up: false,
        principles: Vec::new(),
    };
    let message = grader()
        .request(bad)
        .expect_err("unknown round")
        .to_string();
    assert!(
        message.contains("valid round kinds: recruiter-screen"),
        "{message}"
    );
}

#[test]
fn golden_reports() {
    let pairs = debrief_content::built_in_calibration()
        .expect("calibration set")
        .pairs;
    // The original pairs only (ids "cal-pm-..." and "cal-pmm-..."), so adding slices or
    // batches does not move the picks.
    let mut chosen: Vec<_> = pairs
        .iter()
        .filter(|p| {
            !p.held_out
                && p.slice == debrief_grader::calibrate::Slice::Standard
                && p.id.starts_with("cal-pm")
        })
        .collect();
    chosen.sort_by(|a, b| a.id.cmp(&b.id));
    // Ten pairs spread over the set: twenty reports, strong and weak side by side.
    let step = (chosen.len() / 10).max(1);
    let picks: Vec<_> = chosen.iter().step_by(step).take(10).collect();
    assert_eq!(picks.len(), 10);
    for pair in picks {
        for (which, answer) in [("strong", &pair.strong), ("weak", &pair.weak)] {
            let request = GradeRequest {
                answer: answer.clone(),
                role: Role::parse(&pair.role),
                round: Some(kind(&pair.round)),
                ..Default::default()
            };
            let report = grader().grade(&request).expect("graded");
            insta::assert_json_snapshot!(format!("{}-{which}", pair.id), report);
        }
    }
    for (name, answer, role) in [
        ("strong-pm", STRONG_PM, Role::Pm),
        ("strong-pmm", STRONG_PMM, Role::Pmm),
    ] {
        insta::assert_json_snapshot!(name, grade(answer, Some(role), "behavioral"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any text: no panic, every span in bounds and on char boundaries, quoted text equal to
    /// the span, and byte-identical JSON when graded twice.
    #[test]
    fn any_text_grades_safely_and_deterministically(
        answer in "(\\PC|[ \n.,!?%$'’-]){0,400}",
        role in prop_oneof![Just(None), Just(Some(Role::Pm)), Just(Some(Role::Pmm))],
        round in prop_oneof![Just("behavioral"), Just("gtm-case"), Just("metrics")],
        transcript in any::<bool>(),
    ) {
        let request = GradeRequest {
            answer: answer.clone(),
            role,
            round: Some(kind(round)),
            transcript,
            ..Default::default()
        };
        match grader().grade(&request) {
            Err(GradeError::Empty) => prop_assert!(answer.chars().all(|c| !c.is_alphanumeric())),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
            Ok(report) => {
                let ok = |s: usize, e: usize| s <= e && e <= answer.len() && answer.is_char_boundary(s) && answer.is_char_boundary(e);
                for f in &report.findings {
                    prop_assert!(ok(f.start, f.end));
                    prop_assert_eq!(&answer[f.start..f.end], f.text.as_str());
                }
                for d in &report.dimensions {
                    prop_assert!((1..=4).contains(&d.score));
                    for e in &d.evidence {
                        prop_assert!(ok(e.start, e.end));
                        prop_assert_eq!(&answer[e.start..e.end], e.text.as_str());
                    }
                }
                for m in &report.metrics {
                    prop_assert!(ok(m.start, m.end));
                }
                for s in report.star.situation.iter().chain(&report.star.task).chain(&report.star.action).chain(&report.star.result) {
                    prop_assert!(ok(s.start, s.end));
                }
                prop_assert!(report.score <= 100);
                prop_assert!((-1.0..=1.0).contains(&report.role_lean));
                let once = serde_json::to_string(&report).expect("json");
                let twice = serde_json::to_string(&grader().grade(&request).expect("again")).expect("json");
                prop_assert_eq!(once, twice);
            }
        }
    }
}

#[test]
fn a_long_comma_separated_keyword_list_does_not_rate_hire() {
    let list = "Customer obsession, ownership, I decided, instead of, since then, A/B testing, \
        holdout, cohort analysis, 15% conversion, from 31% to 36%, in six weeks, north star \
        metric, guardrail metric, second-order effects, trade-offs, I pushed back, disagree and \
        commit, as a result, activation, retention, segmentation, positioning, messaging ladder, \
        proof points, battlecard, enablement, launch tier, adoption target, win rate, I learned, \
        now I, root cause, funnel drop-off, device split, Android, rollback, roadmap, PRD.";
    assert!(list.split_whitespace().count() >= 70);
    for role in [Role::Pm, Role::Pmm] {
        let r = grade(list, Some(role), "behavioral");
        assert!(r.rating < Rating::Hire, "a keyword list scored {}", r.score);
        assert!(
            r.findings.iter().any(|f| f.category == Category::PoorShape),
            "{:?}",
            r.findings
        );
    }
}

/// A strong estimation answer, for the case-round relevance checks.
const STRONG_ESTIMATE: &str = "Germany has about 48 million passenger cars, and roughly 1.4 \
million of them are fully electric. Most charging happens at home or at work, so I'd assume \
about one charge in five is at a public station. If an electric car charges about twice a week, \
that is 1.4 million times two divided by seven, around 400,000 charges a day, and a fifth of \
those is about 80,000 public charging sessions a day. I'd sanity-check that against the roughly \
100,000 public charge points: under one session per point per day sounds low but plausible, \
since many points sit idle overnight.";

#[test]
fn an_answer_to_a_different_question_is_flagged() {
    let graded =
        |answer: &str, question: &str| grade_asked(answer, Role::Pm, "estimation", question);
    let asked = "Estimate how many public electric-vehicle charging sessions happen in Germany on \
                 an average day.";
    let off = graded(STRONG_PM, asked);
    // Neither its words nor its meaning are near the question, and hundreds of the bank's
    // questions fit it better: one finding says so (the bank rule for rounds whose questions
    // name one quantity stands in for the shared-words and meaning ones), names the question
    // it fits, and the answer cannot rate Hire.
    let said: Vec<&str> = off
        .findings
        .iter()
        .map(|f| f.rule.as_str())
        .filter(|r| r.starts_with("shape-off-question"))
        .collect();
    assert_eq!(
        said,
        ["shape-off-question-bank-specific"],
        "{:?}",
        off.findings
    );
    let finding = &off.findings[off
        .findings
        .iter()
        .position(|f| f.rule == "shape-off-question-bank-specific")
        .expect("found above")];
    assert!(
        finding
            .message
            .contains("the closest: \"Checkout conversion dropped 15%"),
        "{}",
        finding.message
    );
    assert!(off.rating < Rating::Hire, "scored {}", off.score);
    let on = graded(STRONG_ESTIMATE, asked);
    assert!(
        on.findings
            .iter()
            .all(|f| !f.rule.starts_with("shape-off-question")),
        "{:?}",
        on.findings
    );
    // The same estimate in other words than the question's: meaning keeps it on the question.
    let reworded = STRONG_ESTIMATE
        .replace(
            "public charging sessions",
            "times a car is plugged in away from home",
        )
        .replace("public charge points", "roadside and car-park chargers");
    let plain = graded(&reworded, asked);
    assert!(
        plain
            .findings
            .iter()
            .all(|f| f.rule != "shape-off-question-meaning"),
        "{:?}",
        plain.findings
    );
}

#[test]
fn a_behavioral_story_is_not_judged_off_question_by_meaning() {
    // Behavioral prompts are abstract and good stories concrete, so static vectors place them
    // far apart: the meaning rule leaves behavioral rounds to the shared-words rule.
    let r = grade_asked(
        STRONG_PMM,
        Role::Pmm,
        "behavioral",
        "Describe a time when what customers asked for and what they actually needed turned \
         out to be different. How did you find out?",
    );
    assert!(
        r.findings
            .iter()
            .all(|f| f.rule != "shape-off-question-meaning"),
        "{:?}",
        r.findings
    );
}

#[test]
fn word_lists_compile_from_the_pack() {
    let compiled = grader().compiled();
    // Written as plain words in the pack, compared by stem; "would" is a stopword that
    // questions never contribute, so it has no stem here.
    let stems: Vec<&str> = compiled
        .generic_question_stems
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(
        stems,
        [
            "approach", "case", "describ", "exampl", "give", "share", "situat", "someth", "talk",
            "tell", "think", "time", "walk"
        ]
    );
    assert!(compiled.unit_words.iter().any(|w| w == "weeks"));
    let report = grade(
        "Retention rose 12 weeks later, by 9 points, to 40,000 users.",
        None,
        "behavioral",
    );
    let metrics: Vec<&str> = report.metrics.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(metrics, ["12 weeks", "9 points", "40,000 users"]);
}

/// The calibration set holds every slice in both parts (at least 240 pairs, 100 per role), its
/// written gaming cases and the ones derived from strong answers; every named figure can carry
/// a floor, a floor on a name that is no figure is itself a shortfall, and a run is
/// deterministic.
#[test]
fn calibration_reports_each_slice_the_gaming_cases_and_floors_by_name() {
    use debrief_grader::calibrate::{GamingKind, Slice, calibrate};
    let set = debrief_content::built_in_calibration().expect("calibration set");
    assert!(set.pairs.len() >= 240, "{}", set.pairs.len());
    for role in ["pm", "pmm"] {
        let n = set.pairs.iter().filter(|p| p.role == role).count();
        assert!(n >= 100, "{role}: {n}");
    }
    let report = calibrate(grader(), &set).expect("graded");
    for slice in Slice::ALL {
        let f = &report.slices[&slice];
        assert!(f.tuning.pairs > 0 && f.held_out.pairs > 0, "{slice:?}");
    }
    assert_eq!(
        report.whole.tuning.pairs + report.whole.held_out.pairs,
        set.pairs.len()
    );
    let traps = set.pairs.iter().filter(|p| p.slice == Slice::Trap).count();
    assert_eq!(report.traps.0.pairs + report.traps.1.pairs, traps);
    let whole = set
        .pairs
        .iter()
        .filter(|p| p.slice != Slice::FollowUp)
        .count();
    let shuffles: usize = [&report.gaming.0, &report.gaming.1]
        .iter()
        .map(|g| g.by_kind.get(&GamingKind::Shuffle).map_or(0, |k| k.0))
        .sum();
    assert_eq!(shuffles, whole, "one shuffled case per whole strong answer");
    assert_eq!(report.labels.answers, whole);
    let written: usize = [&report.gaming.0, &report.gaming.1]
        .iter()
        .map(|g| g.cases)
        .sum();
    assert!(
        written > set.gaming.len() + shuffles,
        "off-question cases derived"
    );

    let named = report.named_figures();
    for name in set.levels.floors.keys() {
        assert!(named.contains_key(name), "floor on unknown figure {name}");
    }
    assert!(set.levels.shortfalls(&report).is_empty());
    let mut levels = set.levels.clone();
    levels
        .floors
        .insert("plain-language.held-out.nonsense".into(), 0.1);
    levels
        .floors
        .insert("gaming.tuning.rejected_rate".into(), 1.01);
    let shortfalls = levels.shortfalls(&report);
    assert!(
        shortfalls
            .iter()
            .any(|s| s.contains("plain-language.held-out.nonsense"))
    );
    assert!(
        shortfalls
            .iter()
            .any(|s| s.starts_with("gaming.tuning.rejected_rate"))
    );
    assert_eq!(calibrate(grader(), &set).expect("graded"), report);
}

/// Only what an answer asserts counts: a negated claim or one named in order to reject it
/// raises no finding, while a vague word stays vague under "not"; a label earns nothing.
#[test]
fn negated_and_rejected_phrases_raise_no_finding_and_labels_earn_nothing() {
    let categories = |answer: &str, round: &str| -> Vec<Category> {
        grade(answer, Some(Role::Pmm), round)
            .findings
            .iter()
            .map(|f| f.category)
            .collect()
    };
    let negated = "I didn't set an awareness goal, on purpose. The only target was 300 paying \
                   teams by March, and we reached 340 by the second week of March.";
    assert!(!categories(negated, "launch-plan").contains(&Category::AwarenessWithoutTarget));
    let asserted = "The main goal of the launch was to drive awareness and create buzz.";
    assert!(categories(asserted, "launch-plan").contains(&Category::AwarenessWithoutTarget));
    let rejected = "The rote answer, 'one builds, one markets', misses who decides what ships \
                    and who decides how a segment hears about it.";
    assert!(!categories(rejected, "recruiter-screen").contains(&Category::GenericRoleDefinition));
    let vague = "It was not really a success, and the team was not very happy with it.";
    assert!(categories(vague, "behavioral").contains(&Category::WeaselWords));

    let plain = "I read forty lost-deal notes and found the buyer was finance, not the data \
                 team our pitch targeted.\n\nI rewrote the first call around closing the books \
                 two days sooner and gave up the launch blog the team loved.\n\nWin rate in the \
                 test region went from 18% to 26% in two quarters while the control region \
                 stayed flat.";
    let labelled = "User segments: I read forty lost-deal notes and found the buyer was \
                    finance, not the data team our pitch targeted.\n\nPain points: I rewrote the \
                    first call around closing the books two days sooner and gave up the launch \
                    blog the team loved.\n\nMetrics: Win rate in the test region went from 18% \
                    to 26% in two quarters while the control region stayed flat.";
    let (a, b) = (
        grade(plain, Some(Role::Pmm), "behavioral").score,
        grade(labelled, Some(Role::Pmm), "behavioral").score,
    );
    assert!(a.abs_diff(b) <= 5, "labels moved the score from {a} to {b}");
}

/// Evidence is the strongest few quotes, none inside another, and a year is not a metric.
#[test]
fn evidence_is_a_few_distinct_quotes_and_years_are_not_metrics() {
    let answer = "In 2023 I rewrote the pitch for finance buyers after reading forty lost-deal \
                  notes. I decided to drop the launch blog. Win rate went from 18% to 26% in two \
                  quarters, and 2000 users joined the beta.";
    let report = grade(answer, Some(Role::Pmm), "behavioral");
    let metrics: Vec<&str> = report.metrics.iter().map(|m| m.text.as_str()).collect();
    assert!(!metrics.contains(&"2023"), "{metrics:?}");
    assert!(metrics.iter().any(|m| m.starts_with("2000")), "{metrics:?}");
    for d in &report.dimensions {
        assert!(d.evidence.len() <= 6, "{}: {}", d.id, d.evidence.len());
        for (i, a) in d.evidence.iter().enumerate() {
            for (j, b) in d.evidence.iter().enumerate() {
                let against = |e: &debrief_grader::Evidence| e.note.starts_with("Counts against");
                if i != j && !against(a) && !against(b) {
                    let inside = b.start <= a.start && a.end <= b.end;
                    assert!(
                        !inside || (a.start, a.end) == (b.start, b.end) && i < j,
                        "{d:?}"
                    );
                }
            }
        }
    }
}

/// A reply to a follow-up is judged on what it answers: an exact one-number reply to a
/// one-number probe is not capped as too short nor faulted for lacking a whole story: it rates
/// Hire where the same words as a whole story do not, and it outscores an evasive reply to the
/// same probe by a wide margin.
#[test]
fn a_follow_up_reply_is_judged_on_what_the_probe_asked() {
    let probe = "Give me one number that shows it worked, and what it was before.";
    let reply = "Repeat bookings per member went from 1.3 to 1.9 a month in the quarter after \
                 launch, while the control cities stayed flat at 1.3.";
    let evasive = "Honestly it's hard to pick one number, because the launch touched a lot of \
                   things and everyone was really happy with how it went overall.";
    let judge = |answer: &str, follow_up: bool| {
        grader()
            .grade(&GradeRequest {
                answer: answer.to_owned(),
                role: Some(Role::Pmm),
                round: Some(kind("behavioral")),
                question: Some(probe.to_owned()),
                follow_up,
                ..Default::default()
            })
            .expect("graded")
    };
    let as_story = judge(reply, false);
    let as_reply = judge(reply, true);
    assert!(
        as_story
            .findings
            .iter()
            .any(|f| f.rule == "shape-too-short")
    );
    assert!(
        !as_reply
            .findings
            .iter()
            .any(|f| f.rule.starts_with("shape-"))
    );
    assert_eq!(as_reply.budget_seconds, 90);
    assert!(
        as_reply.rating >= Rating::Hire && as_story.rating <= Rating::NoHire,
        "{} vs {}",
        as_reply.score,
        as_story.score
    );
    assert!(
        as_reply.score >= as_story.score + 10,
        "{} vs {}",
        as_reply.score,
        as_story.score
    );
    let dodged = judge(evasive, true);
    assert!(
        as_reply.score >= dodged.score + 15,
        "{} vs {}",
        as_reply.score,
        dodged.score
    );
    assert!(dodged.rating <= Rating::NoHire);
    // The probe asked for a number: the dodge is told so, the reply with one is not.
    let asked = |r: &Report| r.findings.iter().any(|f| f.rule == "asked-number-none");
    assert!(asked(&dodged), "{:?}", dodged.findings);
    assert!(!asked(&as_reply), "{:?}", as_reply.findings);
    // A probe that asks for something else does not want a number.
    let other = grader()
        .grade(&GradeRequest {
            answer: evasive.to_owned(),
            role: Some(Role::Pmm),
            round: Some(kind("behavioral")),
            question: Some("Who else was in the room when you decided?".to_owned()),
            follow_up: true,
            ..Default::default()
        })
        .expect("graded");
    assert!(!asked(&other), "{:?}", other.findings);
}

/// A story told for a Leadership Principle question is judged on the evidence for the
/// principles the question tests: the same story earns the principle dimension for the
/// principle it shows, and a story that shows another principle does not.
#[test]
fn a_behavioral_answer_is_judged_on_the_principles_its_question_tests() {
    let story = "Last spring my team had to launch the partner dashboard with two engineers \
                 instead of the five we had asked for, and no budget for a vendor. I cut the \
                 custom charts and reused the reporting screens we already had, which saved \
                 about eight weeks of work. I also talked the data team into sharing their \
                 nightly export instead of building our own pipeline, so it cost us nothing to \
                 run. We shipped in ten weeks, on the original date, and 140 of our 200 \
                 partners used it in the first month, up from 30 who used the old spreadsheet.";
    let judge = |principles: &[&str], question: Option<&str>| {
        grader()
            .grade(&GradeRequest {
                answer: story.to_owned(),
                role: Some(Role::Pm),
                round: Some(kind("behavioral")),
                question: question.map(str::to_owned),
                principles: principles.iter().map(|p| (*p).to_owned()).collect(),
                ..Default::default()
            })
            .expect("graded")
    };
    // Every built-in principle can be judged for either role.
    for p in grader().catalog().principles() {
        assert!(
            !p.pm_evidence.is_empty() && !p.pmm_evidence.is_empty(),
            "{} lists no evidence",
            p.id
        );
    }
    let dimension = |r: &Report| r.dimensions.iter().find(|d| d.id == "principle").cloned();
    let frugal = judge(&["frugality"], None);
    let coaching = judge(&["hire-and-develop-the-best"], None);
    let unasked = judge(&[], None);
    let on = dimension(&frugal).expect("scored when the question tests a principle");
    let off = dimension(&coaching).expect("scored when the question tests a principle");
    assert!(on.label.ends_with(": Frugality"), "{}", on.label);
    assert!(on.score >= 3, "{on:?}");
    assert!(
        on.evidence.iter().any(|e| e.text.contains("instead of")
            || e.text.contains("reused")
            || e.text.contains("cost us nothing")),
        "{on:?}"
    );
    assert_eq!(off.score, 1, "{off:?}");
    assert!(
        frugal.score > coaching.score,
        "{} vs {}",
        frugal.score,
        coaching.score
    );
    // A question that names no principle leaves the dimension out rather than guessing, and
    // the weights shown are still percents of the whole.
    assert!(dimension(&unasked).is_none());
    for r in [&frugal, &unasked] {
        assert_eq!(r.dimensions.iter().map(|d| d.weight).sum::<u32>(), 100);
    }
    // A dimension the question does not test is left out: a frugality story is not marked
    // down for having no lesson, while a question on learning keeps the lesson dimension.
    let has = |r: &Report, id: &str| r.dimensions.iter().any(|d| d.id == id);
    assert!(!has(&frugal, "learning") && has(&unasked, "learning"));
    assert!(has(&judge(&["learn-and-be-curious"], None), "learning"));
    // A question from the bank brings its own principles.
    let bank = grader()
        .catalog()
        .questions()
        .iter()
        .find(|q| q.round == "behavioral" && q.principles == ["frugality"])
        .expect("a frugality question in the bank");
    let from_bank = judge(&[], Some(&bank.text));
    assert_eq!(
        dimension(&from_bank).map(|d| d.label),
        Some(on.label.clone())
    );
    // Both principles of a two-principle question must show: one alone scores lower.
    let both = judge(&["frugality", "hire-and-develop-the-best"], None);
    let both = dimension(&both).expect("scored");
    assert!(both.score < on.score, "{both:?}");
    // An unknown principle in a request is a clear error that suggests the right id.
    let bad = grader()
        .request(debrief_grader::GradeInput {
            id: None,
            answer: story.to_owned(),
            role: None,
            round: None,
            question: None,
            company: None,
            transcript: false,
            budget_seconds: None,
            follow_up: false,
            principles: vec!["frugalty".to_owned()],
        })
        .expect_err("unknown principle");
    assert!(bad.to_string().contains("frugality"), "{bad}");
}

/// The score is the score model's parts added up (no finding caps this answer): every point
/// traces to a measured part, and a part that cannot be measured says so.
#[test]
fn the_score_is_its_parts_added_up() {
    let answer = "I was the product manager for payments in a banking app. About 7% of first \
                  payments to a new recipient were for one dollar, a test before the real \
                  transfer. I decided to check the recipient's name against the bank's record \
                  and warn, never block. Each check cost eleven cents. In three months one-dollar \
                  tests fell from 7% to under 2%, and payments sent to the wrong account went \
                  from about 60 a month to 14.";
    let grade = |question: Option<&str>| {
        grader()
            .grade(&GradeRequest {
                answer: answer.to_owned(),
                role: Some(Role::Pm),
                round: Some(kind("behavioral")),
                question: question.map(str::to_owned),
                ..Default::default()
            })
            .expect("graded")
    };
    let r = grade(None);
    let total: f64 = r.score_parts.iter().map(|p| p.points).sum();
    assert!(
        (total - f64::from(r.score)).abs() <= 0.6,
        "{total} vs {}",
        r.score
    );
    assert_eq!(r.uncapped_score(), r.score);
    assert_eq!(r.score_parts[0].id, "base");
    let numbers = r
        .score_parts
        .iter()
        .find(|p| p.id == "numbers")
        .expect("numbers");
    assert_eq!(numbers.value, 5.0, "7%, 7%, 2%, 60 and 14: {r:?}");
    let relevance = r
        .score_parts
        .iter()
        .find(|p| p.id == "relevance")
        .expect("relevance");
    assert!(!relevance.measured);
    assert!(relevance.shown().contains("not measured"));

    // With a question, relevance is measured, and a question the answer meets scores it higher
    // than one it does not touch.
    let on = grade(Some(
        "Tell me about a payments problem you found in the data and the check you added for new recipients.",
    ));
    let off = grade(Some(
        "How would you price and package a new analytics add-on for enterprise marketing teams?",
    ));
    let value = |r: &debrief_grader::Report| {
        let p = r
            .score_parts
            .iter()
            .find(|p| p.id == "relevance")
            .expect("relevance");
        assert!(p.measured);
        p.value
    };
    assert!(
        value(&on) > value(&off),
        "{} vs {}",
        value(&on),
        value(&off)
    );
    assert!(on.score > off.score, "{} vs {}", on.score, off.score);
}

/// Labels name a topic without saying anything about it: they add no topic words.
#[test]
fn labels_add_no_relevance() {
    let question = "How would you price and package a new analytics add-on for enterprise teams?";
    let plain = "We ran a survey of forty customers and most wanted a cheaper plan. I cut the \
                 onboarding from five steps to two, and weekly activity rose from 31% to 38% \
                 in a month.";
    let labelled = format!("Pricing:\nPackaging:\nAnalytics add-on:\n{plain}");
    let relevance = |answer: &str| {
        grade_asked(answer, Role::Pm, "strategy", question)
            .score_parts
            .iter()
            .find(|p| p.id == "relevance")
            .map(|p| p.value)
            .expect("relevance")
    };
    assert_eq!(relevance(plain), relevance(&labelled));
}

/// Nonsense in the right frame (segments, proof, channels, targets, a holdout) cannot rate
/// Hire, and the report says why: the absurd customers and channels, or the figures that
/// cannot be true.
#[test]
fn nonsense_in_the_right_frame_rates_no_hire_with_a_finding() {
    let absurd = "Segment: purple elephants who live on the moon, about 2.3 million households. \
                  Positioning: the only planner built for low gravity. Proof: 9 of 10 elephants \
                  in our pilot finished setup in under 4 minutes. Channels: carrier pigeons for \
                  awareness and placement inside dreams for consideration. Targets: 25,000 \
                  paying teams in 90 days, up from 3,000, with trial-to-paid conversion from 8% \
                  to 14%, against a holdout on the far side of the moon.";
    let impossible = "Segment: finance teams at companies of 50 to 500 people, about 140% of \
                      the mid-market. Positioning: approvals in one click. Channels: the \
                      accounting partners they already use, and in-product prompts. Targets: \
                      activation of 130% in 30 days, support tickets down 250%, and 12 billion \
                      weekly active users by Q6.";
    let grade_gtm = |answer: &str| {
        grader()
            .grade(&GradeRequest {
                answer: answer.to_owned(),
                role: Some(Role::Pmm),
                round: Some(kind("gtm-case")),
                ..Default::default()
            })
            .expect("graded")
    };
    for (answer, rule) in [
        (absurd, "shape-absurd-content"),
        (impossible, "shape-impossible-figures"),
    ] {
        let report = grade_gtm(answer);
        assert!(
            report.rating <= Rating::NoHire,
            "{}: {report:?}",
            report.score
        );
        assert!(
            report.findings.iter().any(|f| f.rule == rule),
            "{rule}: {:?}",
            report.findings
        );
    }
    // One odd word is a figure of speech, not nonsense.
    let figure = grade_gtm(
        "Segment: finance teams at companies of 50 to 500 people. The team was over the moon \
         when the pilot worked: 9 of 10 teams finished setup in under 4 minutes.",
    );
    assert!(
        !figure
            .findings
            .iter()
            .any(|f| f.rule == "shape-absurd-content")
    );
}

fn rules_of(report: &Report) -> Vec<&str> {
    report.findings.iter().map(|f| f.rule.as_str()).collect()
}

#[test]
fn a_plain_answer_in_other_words_is_not_called_off_question() {
    // The bank question's strong-answer signals are many words this answer never uses; its
    // own words ("leaving", "role") meet the question, so no rule may call it off-question.
    let answer = "Honestly, I've done the job I was hired to do there. I joined to take our \
        invoicing tool from a side project to something firms pay for, and it now brings in \
        about a fifth of the company's revenue. The next two years there are about keeping it \
        steady, which matters but isn't what I'm best at. I want to be somewhere the hard part \
        is still ahead, and this team is at the stage we were at three years ago. I'm not \
        leaving because anything went wrong; my manager knows I'm talking to you.";
    let r = grade_asked(
        answer,
        Role::Pm,
        "recruiter-screen",
        "Why are you looking to leave your current role now?",
    );
    let rules = rules_of(&r);
    assert!(
        rules.iter().all(|id| !id.starts_with("shape-off-question")),
        "{rules:?}"
    );
    // Nor is a screen answer about motive held to numbers: only a question about scope or
    // results asks for them.
    assert!(!rules.contains(&"measure-no-number-in-screen"), "{rules:?}");
    let scope = grade_asked(
        answer,
        Role::Pm,
        "recruiter-screen",
        "What is the largest scope you have owned? Tell me the team size and which decisions were yours.",
    );
    assert!(
        !rules_of(&scope).contains(&"measure-no-number-in-screen"),
        "the answer has a figure in words (a fifth): {:?}",
        rules_of(&scope)
    );
}

#[test]
fn nonsense_is_caught_by_kind_and_the_questions_own_words_are_not_nonsense() {
    let nonsense = "I was the PM for a toaster that streams music to goldfish, with about two \
        million goldfish using it each week. Retention fell 18% when the bread started singing \
        off-key. I decided to retrain the bread on classical music, because sourdough prefers \
        strings, and within 6 weeks retention went from 41% to 63% against a control group.";
    let r = grade_asked(
        nonsense,
        Role::Pm,
        "behavioral",
        "Tell me about a time you made a decision with incomplete data.",
    );
    assert!(
        rules_of(&r).contains(&"shape-absurd-content"),
        "{:?}",
        rules_of(&r)
    );
    assert!(r.score <= 40, "{}", r.score);
    // A question about goldfish and pigeons makes them the subject, not nonsense.
    let pets = "The owners who matter most keep goldfish and pigeons at home and forget when \
        they last cleaned the tank or the loft. I'd send one reminder a week, timed to when \
        they last logged a cleaning, and I'd know it worked if the share of owners logging a \
        cleaning every two weeks rose from 30% to 45% in a quarter.";
    let r = grade_asked(
        pets,
        Role::Pm,
        "product-design",
        "Design an app that helps people who keep goldfish and pigeons look after them.",
    );
    assert!(
        !rules_of(&r).contains(&"shape-absurd-content"),
        "{:?}",
        rules_of(&r)
    );
}

#[test]
fn the_word_order_table_is_the_tuning_parts_own_recount() {
    let set = debrief_content::built_in_calibration().expect("calibration set");
    let recount = debrief_grader::calibrate::word_order_table(&set.pairs);
    let pack = &grader().catalog().grading().word_order_odds;
    assert_eq!(
        recount.keys().collect::<Vec<_>>(),
        pack.keys().collect::<Vec<_>>(),
        "run `debrief calibrate --fit-word-order` and replace the table in grading.toml"
    );
    for (pair, odds) in &recount {
        assert!(
            (odds - pack[pair]).abs() < 0.005,
            "{pair}: {odds} against {}",
            pack[pair]
        );
    }
    // Pairs no sentence has weigh against; the pairs sentences are made of weigh for.
    assert!(pack["determiner determiner"] < -3.0 && pack["subject auxiliary"] > 1.0);
}

/// A screening question that a rule of its own judges on what it asks ("What's your biggest
/// weakness?") is not judged on its words: a plain answer shares none of them and is on it.
/// The same answer to a question no such rule judges is still read as off it.
#[test]
fn a_plain_weakness_answer_is_not_off_a_question_its_own_rule_judges() {
    let answer = "I hold on to a plan for too long once I've argued for it in front of people. \
                  Last year I kept a reporting feature on our roadmap for two months after the \
                  support data showed the setup screen was hurting us more, and we lost most \
                  of a quarter on it. What I do now is write down, before we start, the one \
                  number that would make me drop the plan, and I ask my engineering lead to \
                  call it out if we hit it.";
    let off = |question: &str| {
        grade_asked(answer, Role::Pm, "recruiter-screen", question)
            .findings
            .iter()
            .any(|f| f.rule.starts_with("shape-off-question"))
    };
    assert!(!off("What's your biggest weakness?"));
    assert!(off(
        "What draws you to building developer tools at a company of our size?"
    ));
}
