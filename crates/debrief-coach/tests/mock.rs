//! Mock loops over the built-in pack: the draw, follow-up probes, the debrief and its exports.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use debrief_grader::Grader;

use debrief_coach::mock::{
    AnswerInput, Debrief, MAX_PROBES_PER_QUESTION, MockAnswer, MockError, MockPlan, MockSpec,
    Stance, Vocabulary, debrief, draw, grade_answer, probes_for,
};
use debrief_grader::calibrate::CalibrationPair;
use debrief_grader::{GradeRequest, Report};
use debrief_pack::{CATEGORIES, Catalog, Rating, Role};
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

fn pairs() -> &'static [CalibrationPair] {
    static PAIRS: OnceLock<Vec<CalibrationPair>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        debrief_content::built_in_calibration()
            .unwrap_or_else(|e| panic!("{e}"))
            .pairs
            .into_iter()
            // The original pairs (ids "cal-pm-..." and "cal-pmm-..."): adding slices or
            // batches must not move what these tests replay.
            .filter(|p| {
                p.slice == debrief_grader::calibrate::Slice::Standard && p.id.starts_with("cal-pm")
            })
            .collect()
    })
}

fn spec(company: &str, role: &str, level: &str, seed: u64) -> MockSpec {
    MockSpec {
        company: company.into(),
        role: role.into(),
        track: None,
        level: level.into(),
        seed,
        scope: Default::default(),
        mode: Default::default(),
    }
}

fn plan(company: &str, role: &str, level: &str, seed: u64) -> MockPlan {
    draw(catalog(), &spec(company, role, level, seed), &[]).unwrap_or_else(|e| panic!("{e}"))
}

/// A plan drawn, where the bank allows, from the questions the calibration set answers: the
/// rest are passed as recently seen, which the draw avoids. A strong calibration answer is
/// strong for its own question; told to another question it is off-topic, and the grader says
/// so, which tests of the debrief's arithmetic must not depend on.
fn calibrated_plan(company: &str, role: &str, level: &str, seed: u64) -> MockPlan {
    let answered: BTreeSet<&str> = pairs()
        .iter()
        .filter_map(|p| p.question.as_deref())
        .collect();
    let others: Vec<String> = catalog()
        .questions()
        .iter()
        .filter(|q| !answered.contains(q.id.as_str()))
        .map(|q| q.id.clone())
        .collect();
    draw(catalog(), &spec(company, role, level, seed), &others).unwrap_or_else(|e| panic!("{e}"))
}

fn answer(plan: &MockPlan, round: usize, question: usize, text: &str, seconds: u32) -> MockAnswer {
    let input = AnswerInput {
        round_index: round,
        question_index: question,
        probe_index: 0,
        probe: None,
        prompt: None,
        answer: text.to_owned(),
        elapsed_seconds: seconds,
        transcript: false,
    };
    grade_answer(grader(), plan, &input).unwrap_or_else(|e| panic!("{e}"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quality {
    Strong,
    Weak,
}

/// A calibration answer of the wanted quality for the round's kind and the plan's role (a
/// behavioral one where the set has none for the kind). A strong one is the strong answer that
/// fits the question best (an answer to another question is no longer strong), a weak one
/// varies across questions.
fn calibration_answer(plan: &MockPlan, round: usize, question: usize, quality: Quality) -> &str {
    let kind = &plan.rounds[round].kind;
    let role = plan.role.id();
    let mut fits: Vec<&CalibrationPair> = pairs()
        .iter()
        .filter(|p| p.role == role && p.round == kind.as_str() && !p.held_out)
        .collect();
    if fits.is_empty() {
        fits = pairs()
            .iter()
            .filter(|p| p.role == role && p.round == "behavioral" && !p.held_out)
            .collect();
    }
    match quality {
        Quality::Strong => {
            let asked = &plan.rounds[round].questions[question].text;
            let score = |answer: &str| {
                grader()
                    .grade(&GradeRequest {
                        answer: answer.to_owned(),
                        role: Some(plan.role),
                        round: Some(kind.clone()),
                        question: Some(asked.clone()),
                        ..Default::default()
                    })
                    .map_or(0, |r| r.score)
            };
            let id = &plan.rounds[round].questions[question].id;
            if let Some(own) = fits
                .iter()
                .find(|p| p.question.as_deref() == Some(id.as_str()))
            {
                return own.strong.as_str();
            }
            fits.iter()
                .map(|p| p.strong.as_str())
                .max_by_key(|a| score(a))
                .unwrap_or_default()
        }
        Quality::Weak => &fits[(round + question) % fits.len()].weak,
    }
}

/// Answers every question of the rounds `keep` admits, with calibration answers.
fn answer_all(plan: &MockPlan, quality: impl Fn(usize) -> Option<Quality>) -> Vec<MockAnswer> {
    let mut out = Vec::new();
    for r in &plan.rounds {
        let Some(q) = quality(r.index) else {
            continue;
        };
        for (i, question) in r.questions.iter().enumerate() {
            // A question that asks for a document gets one: its kind's example of the quality.
            let text = match &question.artifact {
                Some(kind) => document(kind, q),
                None => calibration_answer(plan, r.index, i, q),
            };
            out.push(answer(plan, r.index, i, text, 240));
        }
    }
    out
}

/// The pack's example document of `kind` of the wanted quality.
fn document(kind: &str, quality: Quality) -> &'static str {
    let label = if quality == Quality::Strong {
        "strong"
    } else {
        "weak"
    };
    catalog()
        .pack()
        .artifact_examples
        .iter()
        .find(|e| e.kind == kind && e.label == label)
        .map(|e| e.text.as_str())
        .unwrap_or_else(|| panic!("no {label} example of {kind}"))
}

/// Every quote is an exact substring of the answer it names; every rated row, answered round
/// and reason about the candidate carries one.
fn assert_quotes_are_their_words(d: &Debrief) {
    let quotes = d.quotes();
    for q in &quotes {
        let answer = d
            .answer_text(q.at)
            .unwrap_or_else(|| panic!("quote from a missing answer: {q:?}"));
        assert_eq!(answer.get(q.start..q.end), Some(q.text.as_str()), "{q:?}");
        assert!(answer.contains(&q.text));
        assert!(!q.text.trim().is_empty(), "{q:?}");
        assert_eq!(q.text, q.text.trim(), "{q:?}");
    }
    for r in &d.rounds {
        assert_eq!(
            r.quote.is_some(),
            r.answered > 0,
            "{}: {}",
            r.title,
            r.reason
        );
    }
    for a in &d.areas {
        assert_eq!(!a.evidence.is_empty(), a.rating.is_some(), "{}", a.name);
    }
    for r in &d.decision.reasons {
        assert!(
            r.quote.is_some() || r.text.contains("not answered"),
            "a reason without a quote: {}",
            r.text
        );
    }
    if let Some(v) = &d.review.veto {
        assert!(v.quote.is_some(), "the veto quotes the answer");
    }
}

fn roundtrip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(&back, value);
    assert_eq!(serde_json::to_string(&back).expect("serializes"), json);
    back
}

// ---- content ----------------------------------------------------------------------------------

#[test]
fn probes_cover_every_finding_category_and_a_missing_trade_off() {
    let probes = catalog().probes();
    assert!(probes.len() >= 20, "{} probes", probes.len());
    let rules = &catalog().pack().rules;
    for category in CATEGORIES {
        let covered = probes.iter().any(|p| {
            p.when.categories.iter().any(|c| c == category)
                || p.when
                    .rules
                    .iter()
                    .any(|id| rules.iter().any(|r| &r.id == id && r.category == category))
        });
        assert!(covered, "no probe fires on {category}");
    }
    assert!(
        probes
            .iter()
            .any(|p| p.when.missing.iter().any(|s| s == "trade-off"))
    );
}

#[test]
fn levels_carry_a_hire_score_that_rises_with_seniority() {
    for company in ["amazon", "google", "meta"] {
        let scores: Vec<u32> = catalog()
            .levels_of(company)
            .map(|l| l.hire_score.unwrap_or_else(|| panic!("{company} {}", l.id)))
            .collect();
        assert_eq!(scores.len(), 4, "{company}");
        assert!(
            scores.windows(2).all(|w| w[0] < w[1]),
            "{company}: {scores:?}"
        );
    }
    let l5 = catalog()
        .levels_of("amazon")
        .find(|l| l.id == "l5")
        .expect("amazon l5");
    assert_eq!(l5.hire_score, Some(grader().compiled().grading.hire));
}

#[test]
fn bad_probes_are_reported_with_file_line_and_a_suggestion() {
    let text = r#"
[[probe]]
id = "bad-one"
text = "What did you give up?"
why = "Judgment."
when = { categories = ["no-measures"], rules = ["fog-helper-verb"], missing = ["trade-offs"] }
rounds = ["behavioural"]
roles = ["pmx"]

[[probe]]
id = "bad-one"
text = " "
why = ""
"#;
    let overlay = [debrief_content::SourceFile {
        path: "user/probes.toml".into(),
        text: text.into(),
    }];
    let err = debrief_content::load_layers(&debrief_content::built_in_files(), &overlay)
        .expect_err("invalid");
    let debrief_content::ContentError::Invalid(found) = err else {
        panic!("unexpected error: {err}");
    };
    let said: Vec<String> = found.iter().map(ToString::to_string).collect();
    let has = |needle: &str| {
        assert!(
            said.iter().any(|d| d.contains(needle)),
            "no diagnostic says {needle:?}: {said:#?}"
        );
    };
    has(
        "user/probes.toml:6: field `when.categories[0]`: unknown category `no-measures`; did you mean `no-measure`?",
    );
    has("field `when.rules[0]`: unknown rule `fog-helper-verb`; did you mean `fog-helper-verbs`?");
    has("field `when.missing[0]`: unknown signal `trade-offs`; did you mean `trade-off`?");
    has("field `rounds[0]`: unknown round kind `behavioural`; did you mean `behavioral`?");
    has("field `roles[0]`: unknown role `pmx`");
    has(
        "user/probes.toml:11: field `id`: duplicate probe id `bad-one`; first defined at user/probes.toml:2",
    );
    has("field `text`: is empty or missing");
    has("field `why`: is empty or missing");
    has("field `when`: is empty or missing");
    assert_eq!(said.len(), 9, "{said:#?}");
}

#[test]
fn a_hire_score_out_of_range_and_an_empty_review_are_reported() {
    let text = r#"
[[company]]
id = "meta"
name = "Meta"
summary = "A user's override."

[company.review]
name = ""
about = "Reads every round."

[[level]]
company = "meta"
id = "ic5"
name = "IC5"
pm_title = "Product Manager"
pmm_title = "Product Marketing Manager"
scope = "A product area."
bar = "Owned decisions."
hire_score = 150
"#;
    let overlay = [debrief_content::SourceFile {
        path: "user/meta.toml".into(),
        text: text.into(),
    }];
    let err = debrief_content::load_layers(&debrief_content::built_in_files(), &overlay)
        .expect_err("invalid");
    let said = err.to_string();
    assert!(
        said.contains("field `review.name`: is empty or missing"),
        "{said}"
    );
    assert!(
        said.contains("user/meta.toml:19: field `hire_score`: 150 is not in 1-100"),
        "{said}"
    );
}

// ---- the draw ---------------------------------------------------------------------------------

#[test]
fn the_amazon_pmm_mock_runs_every_round_in_order_with_the_bar_raiser() {
    let plan = plan("amazon", "pmm", "l5", 42);
    let lp = catalog()
        .loops()
        .iter()
        .find(|l| l.id == "amazon-pmm")
        .expect("loop");
    let ids: Vec<&str> = plan.rounds.iter().map(|r| r.id.as_str()).collect();
    let expected: Vec<&str> = lp.rounds.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert!(
        plan.rounds
            .iter()
            .any(|r| r.bar_raiser && r.title == "Bar Raiser")
    );
    assert_eq!(plan.vocabulary, Vocabulary::Principles);
    assert_eq!(plan.review.as_ref().map(|r| r.veto), Some(true));
    assert_eq!(plan.hire_score, 60);
    let mut seen = BTreeSet::new();
    for r in &plan.rounds {
        let per = catalog()
            .round_kind(r.kind.as_str())
            .expect("kind")
            .question_minutes;
        let wanted = usize::try_from(r.minutes / per).expect("small").max(1);
        assert_eq!(r.questions.len(), wanted, "{}", r.title);
        for q in &r.questions {
            assert!(seen.insert(q.id.clone()), "{} asked twice", q.id);
            let bank = catalog().question(&q.id).expect("from the bank");
            assert_eq!(r.kind, bank.round.as_str(), "{}", q.id);
            assert!(bank.asks(Role::Pmm), "{}", q.id);
            assert!(bank.company.as_deref().is_none_or(|c| c == "amazon"));
            assert_eq!(bank.text, q.text);
        }
    }
}

#[test]
fn the_draw_is_reproducible_per_seed_and_differs_across_seeds() {
    let a = plan("amazon", "pmm", "l5", 42);
    assert_eq!(a, plan("amazon", "pmm", "l5", 42));
    let draws: BTreeSet<Vec<String>> = (1..=6)
        .map(|seed| plan("amazon", "pmm", "l5", seed).question_ids())
        .collect();
    assert!(draws.len() >= 5, "{} distinct draws of 6", draws.len());
}

#[test]
fn the_draw_avoids_recent_questions() {
    let first = plan("amazon", "pmm", "l5", 42);
    let recent = first.question_ids();
    let second = draw(catalog(), &spec("amazon", "pmm", "l5", 42), &recent).expect("second draw");
    let overlap: Vec<String> = second
        .question_ids()
        .into_iter()
        .filter(|id| recent.contains(id))
        .collect();
    assert!(overlap.is_empty(), "repeated: {overlap:?}");
}

#[test]
fn when_every_question_is_recent_the_least_recent_come_back_once_each() {
    let recent: Vec<String> = catalog().questions().iter().map(|q| q.id.clone()).collect();
    let plan = draw(catalog(), &spec("amazon", "pmm", "l5", 9), &recent).expect("draws");
    let ids = plan.question_ids();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no question twice: {ids:?}");
    // The recruiter screen asks one question: the eligible one asked longest ago, which is the
    // last eligible one in the list.
    let screen = &plan.rounds[0];
    let oldest = catalog()
        .questions()
        .iter()
        .rev()
        .find(|q| {
            screen.kind == q.round.as_str()
                && q.asks(Role::Pmm)
                && q.company.as_deref().is_none_or(|c| c == "amazon")
        })
        .expect("an eligible question");
    assert_eq!(screen.questions[0].id, oldest.id);
}

#[test]
fn every_loop_draws_at_every_level() {
    for lp in catalog().loops() {
        for level in &lp.levels {
            let p = plan(&lp.company, &lp.role, level, 3);
            assert_eq!(p.rounds.len(), lp.rounds.len(), "{}", lp.id);
            let empty = debrief(catalog(), &p, &[]);
            assert!(!empty.decision.hire, "{}", lp.id);
            assert!(empty.rounds.iter().all(|r| r.answered == 0 && r.score == 0));
            assert!(
                empty
                    .areas
                    .iter()
                    .all(|a| a.rating.is_none() && a.note.starts_with("No answered "))
            );
            // Every built-in loop weights its own company's principles: Amazon's LPs,
            // Google's hiring attributes, Meta's competencies.
            assert_eq!(p.vocabulary, Vocabulary::Principles, "{}", lp.id);
            assert!(!empty.areas.is_empty(), "{} has rows", lp.id);
            for a in &empty.areas {
                let owner = catalog().principle(&a.id).map(|x| x.company.as_str());
                assert_eq!(owner, Ok(lp.company.as_str()), "{} row {}", lp.id, a.id);
            }
            // Every question is aimed at principles of the loop's company only.
            for r in &p.rounds {
                for q in &r.questions {
                    for x in &q.lps {
                        let owner = catalog().principle(&x.id).map(|x| x.company.as_str());
                        assert_eq!(owner, Ok(lp.company.as_str()), "{} {}", lp.id, q.id);
                    }
                }
            }
        }
    }
}

#[test]
fn bad_ids_say_what_would_be_valid() {
    let err = draw(catalog(), &spec("amazn", "pmm", "l5", 1), &[]).expect_err("typo");
    assert!(err.to_string().contains("did you mean `amazon`"), "{err}");
    let err = draw(catalog(), &spec("amazon", "pmm", "l9", 1), &[]).expect_err("level");
    assert!(
        err.to_string().contains("valid levels: l4, l5, l6, l7"),
        "{err}"
    );
    let p = plan("amazon", "pmm", "l5", 1);
    let input = |round, question, probe_index, probe: Option<&str>| AnswerInput {
        round_index: round,
        question_index: question,
        probe_index,
        probe: probe.map(str::to_owned),
        prompt: None,
        answer: "I decided to cut the launch scope.".into(),
        elapsed_seconds: 10,
        transcript: false,
    };
    let err = grade_answer(grader(), &p, &input(99, 0, 0, None)).expect_err("round");
    assert_eq!(
        err,
        MockError::NoRound {
            given: 99,
            last: p.rounds.len() - 1
        }
    );
    let err = grade_answer(grader(), &p, &input(0, 5, 0, None)).expect_err("question");
    assert!(err.to_string().contains("check question_index"), "{err}");
    let err =
        grade_answer(grader(), &p, &input(0, 0, 1, Some("result-in-number"))).expect_err("probe");
    assert!(
        err.to_string().contains("did you mean `result-in-numbers`"),
        "{err}"
    );
    let err = grade_answer(grader(), &p, &input(0, 0, 1, None)).expect_err("no probe id");
    assert!(matches!(err, MockError::ProbeMismatch { .. }), "{err}");
    let mut empty = input(0, 0, 0, None);
    empty.answer = "  ".into();
    assert!(matches!(
        grade_answer(grader(), &p, &empty),
        Err(MockError::Grade(_))
    ));
}

// ---- probes -----------------------------------------------------------------------------------

const NO_NUMBER: &str = "I owned the relaunch of our onboarding emails for small accounting firms. \
I decided to cut the sequence from seven emails to three instead of adding more reminders, because \
the long sequence buried the first invoice. I rewrote each email around one task and I tested the \
new order with a handful of firms. The result was that far more firms sent their first invoice, \
and the sales team was much happier with trial conversions afterwards.";

const WE_FOG: &str = "We noticed that our trial users were dropping off after the first week. \
We looked at the data together and we agreed that the onboarding was too long. We rebuilt the \
checklist and our designers made it simpler, and we launched it to all new accounts. In the end \
our activation went from 22% to 31% in six weeks, and we were really proud of what our team \
achieved together.";

const NO_TRADE_OFF: &str = "Our invoicing add-on had sign-ups but little weekly use among firms \
with five to fifty staff. I interviewed twelve churned trial accounts and found they thought the \
add-on replaced their accountant. I rewrote the messaging around one promise, invoices out in two \
minutes, and I decided to lead the launch email with that promise. Activation rose from 18% to 29% \
in eight weeks among those accounts.";

fn grade_behavioral(text: &str) -> Report {
    let request = GradeRequest {
        answer: text.to_owned(),
        role: Some(Role::Pmm),
        round: catalog().round_kind_id("behavioral").ok(),
        question: Some("Tell me about a launch you owned from start to finish.".into()),
        company: Some("amazon".into()),
        ..Default::default()
    };
    grader().grade(&request).unwrap_or_else(|e| panic!("{e}"))
}

fn probe_ids(text: &str, asked: &[String]) -> Vec<String> {
    let report = grade_behavioral(text);
    probes_for(grader(), "behavioral", Role::Pmm, text, &report, asked)
        .into_iter()
        .map(|p| p.probe.id.clone())
        .collect()
}

#[test]
fn an_answer_without_a_number_is_asked_for_the_result_in_numbers() {
    let ids = probe_ids(NO_NUMBER, &[]);
    assert_eq!(
        ids.first().map(String::as_str),
        Some("result-in-numbers"),
        "{ids:?}"
    );
    let text = &catalog().probe("result-in-numbers").expect("probe").text;
    assert!(text.contains("in numbers"), "{text}");
}

#[test]
fn a_we_fog_answer_is_asked_what_the_candidate_decided() {
    let ids = probe_ids(WE_FOG, &[]);
    assert_eq!(
        ids.first().map(String::as_str),
        Some("fog-your-call"),
        "{ids:?}"
    );
    assert!(ids.len() <= MAX_PROBES_PER_QUESTION);
}

#[test]
fn an_answer_without_a_trade_off_is_asked_what_was_given_up() {
    assert_eq!(probe_ids(NO_TRADE_OFF, &[]), ["trade-off-gave-up"]);
}

#[test]
fn a_strong_answer_is_not_probed() {
    let strong = pairs()
        .iter()
        .find(|p| p.id == "cal-pmm-beh-001")
        .expect("calibration pair");
    assert_eq!(probe_ids(&strong.strong, &[]), Vec::<String>::new());
}

#[test]
fn probes_are_capped_per_question_and_never_repeat() {
    let all = probe_ids(WE_FOG, &[]);
    assert_eq!(all.len(), 2, "{all:?}");
    let next = probe_ids(WE_FOG, &all[..1]);
    assert_eq!(next, &all[1..]);
    assert!(probe_ids(WE_FOG, &all).is_empty());
    // Probes are scoped: a case round is not asked a behavioral probe.
    let report = grade_behavioral(WE_FOG);
    let in_case: Vec<String> = probes_for(grader(), "gtm-case", Role::Pmm, WE_FOG, &report, &[])
        .into_iter()
        .map(|p| p.probe.id.clone())
        .collect();
    assert!(
        !in_case.contains(&"fog-your-call".to_owned()),
        "{in_case:?}"
    );
}

#[test]
fn a_probe_is_answered_graded_and_counted_in_its_question() {
    let p = plan("amazon", "pmm", "l5", 42);
    let bar_raiser = p
        .rounds
        .iter()
        .position(|r| r.bar_raiser)
        .expect("bar raiser");
    let first = answer(&p, bar_raiser, 0, NO_NUMBER, 200);
    let probes = p.probes(grader(), &first, &[]);
    // The answer has no number (and, told to another question, strays from this one).
    let probe = probes
        .iter()
        .find(|p| p.probe.id == "result-in-numbers")
        .expect("the number probe fires");
    let input = AnswerInput {
        round_index: bar_raiser,
        question_index: 0,
        probe_index: 1,
        probe: Some(probe.probe.id.clone()),
        prompt: Some(probe.text.clone()),
        answer: "About 410 of the 1,200 trial firms sent a first invoice in the first week, \
                 against 260 the quarter before, and paid conversion rose from 9% to 13% over \
                 the next two months."
            .into(),
        elapsed_seconds: 40,
        transcript: false,
    };
    let follow_up = grade_answer(grader(), &p, &input).expect("graded");
    assert_eq!(follow_up.prompt_id, "result-in-numbers");
    assert_eq!(follow_up.prompt, probe.text);
    assert_eq!(follow_up.report.round, "behavioral");
    let d = debrief(catalog(), &p, &[first.clone(), follow_up.clone()]);
    let summary = d
        .answers
        .iter()
        .find(|a| a.at.probe_index == 1)
        .expect("the probe's answer is in the debrief");
    assert_eq!(summary.prompt_id, "result-in-numbers");
    let round = &d.rounds[bar_raiser];
    assert_eq!(round.used_seconds, 240);
    // The question counts its answer twice and the probe's once; the round's other questions
    // score 0.
    let q1 = (2 * first.report.score + follow_up.report.score + 1) / 3;
    let n = u32::try_from(p.rounds[bar_raiser].questions.len()).expect("few");
    assert!(n >= 2, "a 60-minute Bar Raiser asks several questions");
    assert_eq!(round.score, (q1 + n / 2) / n);
    assert!(
        round
            .reason
            .starts_with("Questions 2, 3 and 4 not answered (each scored 0)."),
        "{}",
        round.reason
    );
    assert_quotes_are_their_words(&d);
}

// ---- the debrief ------------------------------------------------------------------------------

#[test]
fn strong_answers_are_a_hire_at_l5_and_weak_ones_a_no_hire() {
    for (company, role, level) in [
        ("amazon", "pmm", "l5"),
        ("amazon", "pm", "l5"),
        ("google", "pmm", "l5"),
        ("google", "pm", "l5"),
        ("meta", "pmm", "ic5"),
        ("meta", "pm", "ic5"),
    ] {
        let p = calibrated_plan(company, role, level, 42);
        let strong = debrief(catalog(), &p, &answer_all(&p, |_| Some(Quality::Strong)));
        assert!(
            strong.decision.hire,
            "{company} {role}: {}",
            strong.decision.summary
        );
        assert!(strong.score >= strong.bar);
        assert!(strong.review.veto.is_none());
        // A strong loop may leave nothing to fix: fixes come from findings only.
        assert!(strong.decision.fixes.len() <= 3, "{company} {role}");
        assert_quotes_are_their_words(&strong);
        let weak = debrief(catalog(), &p, &answer_all(&p, |_| Some(Quality::Weak)));
        assert!(
            !weak.decision.hire,
            "{company} {role}: {}",
            weak.decision.summary
        );
        assert!(weak.score < weak.bar);
        assert!(!weak.decision.reasons.is_empty());
        assert_eq!(weak.decision.fixes.len(), 3, "{company} {role}");
        assert!(
            weak.decision
                .fixes
                .windows(2)
                .all(|w| w[0].impact >= w[1].impact)
        );
        assert_quotes_are_their_words(&weak);
        // Where nothing cleared the bar, the review does not call the least weak row "strongest".
        let top = weak.areas.iter().filter_map(|a| a.score).max().unwrap_or(0);
        if top < weak.bar
            && !weak.review.read.is_empty()
            && weak.areas.iter().any(|a| a.score.is_some())
        {
            assert!(
                !weak.review.read.contains("Strongest"),
                "{}",
                weak.review.read
            );
            assert!(
                weak.review
                    .read
                    .contains("reached the bar; the closest was"),
                "{}",
                weak.review.read
            );
        }
        if strong
            .areas
            .iter()
            .filter_map(|a| a.score)
            .max()
            .unwrap_or(0)
            >= strong.bar
        {
            assert!(
                strong.review.read.contains("Strongest"),
                "{}",
                strong.review.read
            );
        }
        // The loop's vocabulary: principle names at Amazon, competencies elsewhere.
        let names: Vec<&str> = p
            .rounds
            .iter()
            .flat_map(|r| {
                r.lps
                    .iter()
                    .map(|l| l.name.as_str())
                    .chain(r.competencies.iter().map(String::as_str))
            })
            .collect();
        for f in &weak.decision.fixes {
            assert!(names.contains(&f.area.as_str()), "{}", f.area);
        }
    }
}

#[test]
fn the_level_raises_the_bar() {
    let answers_at = |level: &str| {
        let p = plan("amazon", "pmm", level, 42);
        debrief(catalog(), &p, &answer_all(&p, |_| Some(Quality::Strong)))
    };
    let (l4, l7) = (answers_at("l4"), answers_at("l7"));
    assert_eq!((l4.bar, l7.bar), (55, 70));
    assert_eq!(l4.score, l7.score, "the same answers score the same");
    assert!(l4.decision.hire);
}

/// The principles a round's answers are judged on: those its questions aim at, and for the
/// Bar Raiser also those the round weights.
fn judged_in(r: &debrief_coach::mock::PlannedRound) -> BTreeSet<&str> {
    let aimed = r.questions.iter().flat_map(|q| q.lps.iter());
    let weighted = r.lps.iter().filter(|_| r.bar_raiser);
    aimed.chain(weighted).map(|l| l.id.as_str()).collect()
}

/// A principle only one round of the plan tests, so weak answers there sink it alone.
fn lp_of_one_round(plan: &MockPlan) -> Option<(String, usize)> {
    let mut touched: std::collections::BTreeMap<&str, BTreeSet<usize>> = Default::default();
    for r in &plan.rounds {
        for l in judged_in(r) {
            touched.entry(l).or_default().insert(r.index);
        }
    }
    plan.rounds.iter().flat_map(|r| r.lps.iter()).find_map(|l| {
        let rounds = touched.get(l.id.as_str())?;
        let only = *rounds.first()?;
        (rounds.len() == 1).then(|| (l.id.clone(), only))
    })
}

const FOG_SHORT: &str = "We aligned with everyone and helped the team. It went well.";

#[test]
fn one_strong_no_hire_principle_is_a_bar_raiser_veto_despite_a_high_average() {
    // The first seed whose draw leaves one weighted principle to a single round.
    let (p, (lp, round)) = (1..200)
        .map(|seed| plan("amazon", "pmm", "l5", seed))
        .find_map(|p| lp_of_one_round(&p).map(|x| (p, x)))
        .expect("a draw where one round alone tests a principle");
    let mut answers = answer_all(&p, |r| (r != round).then_some(Quality::Strong));
    for q in 0..p.rounds[round].questions.len() {
        answers.push(answer(&p, round, q, FOG_SHORT, 30));
    }
    let d = debrief(catalog(), &p, &answers);
    assert!(d.score >= d.bar, "the average is high: {}", d.score);
    let row = d.areas.iter().find(|a| a.id == lp).expect("row");
    assert_eq!(row.rating, Some(Rating::StrongNoHire), "{row:?}");
    // Its evidence comes from that round alone: no other answer was aimed at it.
    assert!(
        row.evidence.iter().all(|q| q.at.round_index == round),
        "{row:#?}"
    );
    let r = &p.rounds[round];
    let aimed = r
        .questions
        .iter()
        .filter(|q| {
            (r.bar_raiser && r.lps.iter().any(|l| l.id == lp)) || q.lps.iter().any(|l| l.id == lp)
        })
        .count();
    assert_eq!(row.answers, aimed);
    // The Bar Raiser vetoes on the heaviest principle rated strong no hire.
    let veto = d.review.veto.as_ref().expect("veto");
    let heaviest = d
        .areas
        .iter()
        .filter(|a| a.rating == Some(Rating::StrongNoHire))
        .max_by_key(|a| a.weight)
        .expect("a strong no hire row");
    assert_eq!(veto.area_id, heaviest.id);
    assert!(!d.decision.hire, "{}", d.decision.summary);
    assert!(
        d.decision.summary.contains("vetoes"),
        "{}",
        d.decision.summary
    );
    let first = &d.decision.reasons[0];
    assert_eq!(first.area.as_deref(), Some(veto.area_id.as_str()));
    assert!(first.quote.is_some(), "the veto quotes the answer");
    assert_quotes_are_their_words(&d);
}

#[test]
fn each_principle_is_judged_only_from_the_answers_aimed_at_it_and_the_bar_raisers_round() {
    for seed in [3, 42, 77] {
        let p = plan("amazon", "pmm", "l5", seed);
        let answers = answer_all(&p, |r| {
            Some(if r % 2 == 0 {
                Quality::Strong
            } else {
                Quality::Weak
            })
        });
        let d = debrief(catalog(), &p, &answers);
        for row in &d.areas {
            let judges = |round: usize, question: usize| {
                let r = &p.rounds[round];
                r.questions[question].lps.iter().any(|l| l.id == row.id)
                    || (r.bar_raiser && r.lps.iter().any(|l| l.id == row.id))
            };
            for q in &row.evidence {
                assert!(
                    judges(q.at.round_index, q.at.question_index),
                    "seed {seed}: {} quotes {:?}, whose question is not aimed at it",
                    row.name,
                    q.at
                );
            }
            let expected = answers
                .iter()
                .filter(|a| judges(a.round_index, a.question_index))
                .count();
            assert_eq!(row.answers, expected, "seed {seed}: {}", row.name);
            if expected > 0 {
                assert!(
                    row.note.contains("the questions aimed at it"),
                    "{}",
                    row.note
                );
            }
        }
        // Strong answers in some rounds and weak ones in others separate the principles
        // instead of averaging them all to the middle.
        let scores: Vec<u32> = d.areas.iter().filter_map(|a| a.score).collect();
        let spread = scores.iter().max().unwrap_or(&0) - scores.iter().min().unwrap_or(&0);
        assert!(spread >= 15, "seed {seed}: ratings bunch: {scores:?}");
    }
}

#[test]
fn a_round_failed_on_its_craft_gets_a_fix_though_no_principle_row_shows_it() {
    let p = plan("amazon", "pmm", "l5", 42);
    let campaign = p
        .rounds
        .iter()
        .position(|r| r.kind == "launch-plan")
        .expect("the launch-plan round");
    let mut answers = answer_all(&p, |r| (r != campaign).then_some(Quality::Strong));
    for q in 0..p.rounds[campaign].questions.len() {
        answers.push(answer(&p, campaign, q, FOG_SHORT, 60));
    }
    let d = debrief(catalog(), &p, &answers);
    assert!(d.rounds[campaign].score < d.bar);
    let fix = d
        .decision
        .fixes
        .iter()
        .find(|f| f.quote.at.round_index == campaign)
        .unwrap_or_else(|| panic!("no fix speaks to the failed round: {:#?}", d.decision.fixes));
    if let Some(r) = fix.round {
        assert_eq!((r, fix.weight), (campaign, 0));
        assert_eq!(fix.area, d.rounds[campaign].title);
        assert!(
            d.to_markdown()
                .contains(&format!("(round {}, score", campaign + 1))
        );
    }
    // Fixes are ranked 1, 2, 3 and never repeat a finding category.
    let categories: BTreeSet<_> = d.decision.fixes.iter().map(|f| f.category).collect();
    assert_eq!(categories.len(), d.decision.fixes.len());
    for (i, f) in d.decision.fixes.iter().enumerate() {
        assert_eq!(f.rank, i + 1);
    }
    assert_quotes_are_their_words(&d);
}

#[test]
fn missing_answers_count_and_untouched_principles_say_so() {
    let p = plan("amazon", "pmm", "l5", 42);
    let writing = p
        .rounds
        .iter()
        .position(|r| r.kind == "writing")
        .expect("writing round");
    let answers = answer_all(&p, |r| (r != writing).then_some(Quality::Strong));
    let d = debrief(catalog(), &p, &answers);
    let round = &d.rounds[writing];
    assert_eq!((round.answered, round.score), (0, 0));
    assert_eq!(round.rating, Rating::NoHire);
    assert!(round.reason.starts_with("Not answered"), "{}", round.reason);
    assert!(round.quote.is_none());
    // Answered in full, the writing round gets documents (see `answer_all`).
    let all = debrief(catalog(), &p, &answer_all(&p, |_| Some(Quality::Strong)));
    assert!(
        d.score < all.score,
        "an unanswered round pulls the score down"
    );
    assert_quotes_are_their_words(&d);

    // Only the recruiter screen answered: every principle it does not test says so.
    let only = answer_all(&p, |r| (r == 0).then_some(Quality::Strong));
    let d = debrief(catalog(), &p, &only);
    assert!(!d.decision.hire);
    let tested = judged_in(&p.rounds[0]);
    for a in &d.areas {
        if tested.contains(a.id.as_str()) {
            assert!(a.rating.is_some(), "{}", a.name);
        } else {
            assert_eq!(
                a.note,
                format!("No answered question was aimed at {}.", a.name)
            );
            assert!(a.evidence.is_empty() && a.rating.is_none());
        }
    }
    let unanswered = d
        .decision
        .reasons
        .iter()
        .filter(|r| r.text.contains("was not answered"))
        .count();
    assert!(unanswered >= 1, "{:#?}", d.decision.reasons);
    assert_quotes_are_their_words(&d);
}

#[test]
fn answers_outside_the_plan_are_left_out_and_a_resubmission_wins() {
    let p = plan("amazon", "pmm", "l5", 42);
    let strong = calibration_answer(&p, 0, 0, Quality::Strong);
    let weak = calibration_answer(&p, 0, 0, Quality::Weak);
    let mut stray = answer(&p, 0, 0, strong, 60);
    stray.round_index = 40;
    let answers = vec![
        answer(&p, 0, 0, weak, 60),
        answer(&p, 0, 0, strong, 60),
        stray,
    ];
    let d = debrief(catalog(), &p, &answers);
    assert_eq!(d.ignored_answers, 1);
    assert_eq!(d.answers.len(), 1);
    assert_eq!(d.answers[0].answer, strong);
}

#[test]
fn time_over_the_budget_is_recorded_not_refused() {
    let p = plan("amazon", "pmm", "l5", 42);
    let case = p
        .rounds
        .iter()
        .position(|r| r.minutes == 60 && r.kind == "gtm-case")
        .expect("the go-to-market case");
    let text = calibration_answer(&p, case, 0, Quality::Strong);
    let d = debrief(catalog(), &p, &[answer(&p, case, 0, text, 63 * 60)]);
    let r = &d.rounds[case];
    assert_eq!(
        (r.budget_seconds, r.used_seconds, r.over_seconds),
        (3600, 3780, 180)
    );
    assert!(
        d.to_markdown().contains("63:00 of 60:00 (3:00 over)"),
        "{}",
        d.to_markdown()
    );
}

#[test]
fn the_plan_and_the_debrief_round_trip_through_json() {
    let p = plan("amazon", "pmm", "l5", 42);
    let back = roundtrip(&p);
    let answers = answer_all(&back, |r| (r % 3 != 1).then_some(Quality::Strong));
    let d = debrief(catalog(), &back, &answers);
    roundtrip(&d);
    // Answers as the store keeps them: report JSON read back gives the same debrief.
    let stored: Vec<MockAnswer> = answers
        .iter()
        .map(|a| {
            let json = serde_json::to_string(a).expect("serializes");
            serde_json::from_str(&json).expect("deserializes")
        })
        .collect();
    assert_eq!(
        serde_json::to_string(&debrief(catalog(), &back, &stored)).expect("json"),
        serde_json::to_string(&d).expect("json")
    );
}

#[test]
fn markdown_escapes_the_candidates_text() {
    let p = plan("amazon", "pmm", "l5", 42);
    let text = "# I decided\n| a | b |\n- [click](http://example.com) <script>alert(1)</script>\n\
                1. I cut *scope* by 40% in `two` weeks & shipped ~early~.";
    let d = debrief(catalog(), &p, &[answer(&p, 0, 0, text, 60)]);
    let md = d.to_markdown();
    assert!(!md.contains("<script>"), "raw HTML leaked");
    assert!(md.contains("\\<script\\>"));
    assert!(md.contains("> \\# I decided"));
    assert!(md.contains("> \\| a \\| b \\|"));
    assert!(md.contains("> \\- \\[click\\]"));
    assert!(md.contains("> 1\\. I cut \\*scope\\*"));
    assert!(!md.lines().any(|l| l.starts_with("# I decided")));
    assert_quotes_are_their_words(&d);
}

#[test]
fn the_markdown_debrief_is_stable() {
    let p = plan("amazon", "pmm", "l5", 7);
    let bar_raiser = p
        .rounds
        .iter()
        .position(|r| r.bar_raiser)
        .expect("bar raiser");
    let mut answers = answer_all(&p, |r| match r {
        2 => None,
        4 => Some(Quality::Weak),
        _ => Some(Quality::Strong),
    });
    let first = answer(&p, bar_raiser, 1, NO_NUMBER, 200);
    let probe = p
        .probes(grader(), &first, &[])
        .first()
        .map(|p| p.probe.id.clone())
        .expect("a probe fires");
    answers.retain(|a| !(a.round_index == bar_raiser && a.question_index == 1));
    answers.push(first);
    let input = AnswerInput {
        round_index: bar_raiser,
        question_index: 1,
        probe_index: 1,
        probe: Some(probe),
        prompt: None,
        answer: "Headline: I cut the onboarding sequence from seven emails to three, and 410 of \
                 1,200 trial firms sent a first invoice in week one, against 260 the quarter \
                 before."
            .into(),
        elapsed_seconds: 35,
        transcript: false,
    };
    answers.push(grade_answer(grader(), &p, &input).expect("graded"));
    let d = debrief(catalog(), &p, &answers);
    assert_quotes_are_their_words(&d);
    assert_eq!(d.to_markdown(), d.to_markdown());
    insta::assert_snapshot!("amazon-pmm-debrief", d.to_markdown());
}

// ---- properties -------------------------------------------------------------------------------

fn fixed_plan() -> &'static MockPlan {
    static PLAN: OnceLock<MockPlan> = OnceLock::new();
    PLAN.get_or_init(|| plan("amazon", "pmm", "l5", 11))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any text, and any report however mismatched with its answer, gives a debrief whose
    /// quotes are the answers' own words, and a Markdown export.
    #[test]
    fn the_debrief_never_panics_on_arbitrary_answers(
        texts in proptest::collection::vec("(\\PC|[\\n#*|<>`\\[\\]-]){0,300}", 1..4),
        swap in any::<bool>(),
        seconds in any::<u32>(),
    ) {
        let p = fixed_plan();
        let mut answers: Vec<MockAnswer> = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let round = i % p.rounds.len();
            let input = AnswerInput {
                round_index: round,
                question_index: 0,
                probe_index: 0,
                probe: None,
                prompt: None,
                answer: text.clone(),
                elapsed_seconds: seconds,
                transcript: false,
            };
            match grade_answer(grader(), p, &input) {
                Ok(a) => answers.push(a),
                Err(MockError::Grade(_) | MockError::Artifact(_)) => {}
                Err(e) => panic!("{e}"),
            }
        }
        if swap && answers.len() >= 2 {
            // A report from another answer: its spans must not be quoted blindly.
            let report = answers[1].report.clone();
            answers[0].report = report;
        }
        let d = debrief(catalog(), p, &answers);
        let md = d.to_markdown();
        prop_assert!(md.starts_with("# Mock loop debrief"));
        for q in d.quotes() {
            let answer = d.answer_text(q.at).unwrap_or_default();
            prop_assert_eq!(answer.get(q.start..q.end), Some(q.text.as_str()));
        }
        prop_assert!(d.quotes().iter().all(|q| matches!(q.stance, Stance::For | Stance::Against)));
    }
}

#[test]
fn a_question_worded_for_one_level_is_drawn_only_at_that_level() {
    let q = catalog().question("rs-017").expect("rs-017");
    assert!(q.text.contains("L6 role"), "{}", q.text);
    let drawn = |level: &str| {
        (0..200u64).any(|seed| {
            plan("amazon", "pm", level, seed)
                .rounds
                .iter()
                .flat_map(|r| &r.questions)
                .any(|q| q.id == "rs-017")
        })
    };
    assert!(!drawn("l5"), "an L5 mock drew an L6 question");
    assert!(!drawn("l4"), "an L4 mock drew an L6 question");
    assert!(drawn("l6"), "the L6 mock can still draw it");
}

#[path = "mock/companies.rs"]
mod companies;
#[path = "mock/writing.rs"]
mod writing;
