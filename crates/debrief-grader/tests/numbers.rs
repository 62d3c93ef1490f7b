//! The numbers part of the score: the cap, depth in proportion to the round's minutes, and
//! numbers said in words. The built-in pack leaves depth and spoken numbers off, so these
//! tests also grade with a copy of it that switches them on.

use std::sync::{Arc, OnceLock};

use debrief_grader::{GradeRequest, Grader, ScorePart};
use debrief_pack::{Catalog, Role};

/// `depth_minutes` in the copy of the built-in pack that switches depth on.
const DEPTH_MINUTES: f64 = 6.0;

fn built_in() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).unwrap_or_else(|e| panic!("{e}"));
        Grader::new(Arc::new(catalog))
    })
}

/// The built-in pack with `depth_minutes` set and spoken numbers on.
fn with_depth() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let mut pack = built_in().catalog().pack().clone();
        if let Some(g) = &mut pack.grading {
            g.depth_minutes = DEPTH_MINUTES;
            g.spoken_numbers = true;
        }
        let catalog = Catalog::new(pack).unwrap_or_else(|e| panic!("{e:?}"));
        Grader::new(Arc::new(catalog))
    })
}

/// The numbers part of a behavioral answer's report, and the report.
fn numbers(
    grader: &Grader,
    answer: &str,
    budget: Option<u32>,
    question: Option<&str>,
    follow_up: bool,
) -> (ScorePart, debrief_grader::Report) {
    let round = grader
        .catalog()
        .round_kind_id("behavioral")
        .unwrap_or_else(|e| panic!("{e}"));
    let r = grader
        .grade(&GradeRequest {
            answer: answer.to_owned(),
            role: Some(Role::Pm),
            round: Some(round),
            question: question.map(str::to_owned),
            budget_seconds: budget,
            follow_up,
            ..Default::default()
        })
        .expect("graded");
    let part = r
        .score_parts
        .iter()
        .find(|p| p.id == "numbers")
        .expect("numbers")
        .clone();
    (part, r)
}

const ELEVEN: &str = "Sign-ups went from 1,200 to 1,900 a week, trials from 300 to 420, paid plans \
                      from 80 to 131, refunds from 9 to 4, and support tickets from 350 to 210 \
                      in the 6 weeks after launch.";

fn cap(grader: &Grader) -> f64 {
    grader
        .catalog()
        .score_model()
        .features
        .iter()
        .find(|f| f.id == "numbers")
        .expect("numbers feature")
        .cap
}

/// Past a feature's cap more adds nothing, and the report says so instead of showing the cap
/// as what was measured.
#[test]
fn a_capped_part_shows_what_was_measured_and_what_counts() {
    let cap = cap(built_in());
    let (part, _) = numbers(built_in(), ELEVEN, None, None, false);
    assert_eq!(part.value, 11.0, "{part:?}");
    assert_eq!(part.scale, 1.0);
    assert_eq!(part.counted, cap);
    assert_eq!(part.shown(), format!("11, of which {cap} counts"));
}

/// With `depth_minutes` set, a round of that many minutes expects the whole count; one of half
/// as many reaches the cap with half as many numbers, each worth twice as much, for the same
/// most points.
#[test]
fn depth_follows_the_rounds_minutes() {
    let cap = cap(with_depth());
    let full_budget = (DEPTH_MINUTES * 60.0) as u32;
    let (full, _) = numbers(with_depth(), ELEVEN, Some(full_budget), None, false);
    assert_eq!(full.value, 11.0, "{full:?}");
    assert_eq!(full.scale, 1.0);
    assert_eq!(full.counted, cap);
    let (half, _) = numbers(with_depth(), ELEVEN, Some(full_budget / 2), None, false);
    assert_eq!(half.value, 11.0, "{half:?}");
    assert_eq!(half.scale, 2.0);
    assert_eq!(half.counted, cap / 2.0);
    assert_eq!(half.points, full.points);
    assert_eq!(half.shown(), format!("11, of which {} counts", cap / 2.0));
    // A follow-up reply has its own budget: no depth.
    let (reply, _) = numbers(with_depth(), ELEVEN, Some(60), Some("And then?"), true);
    assert_eq!(reply.scale, 1.0);
}

/// A number said in words before a unit counts toward the numbers part as its digits would.
/// Before a time unit it is a time span ("over the next two quarters"): detail in a whole
/// answer, but no figure for a rule that asks for one, and none in a follow-up reply.
#[test]
fn spoken_numbers_count_and_time_spans_count_only_as_detail() {
    let (part, r) = numbers(
        with_depth(),
        "I called forty customers and ten percent of them had churned. All three roles agreed.",
        None,
        None,
        false,
    );
    // "all three roles": no unit, a manner of speaking.
    assert_eq!(part.value, 2.0, "forty customers, ten percent");
    assert!(r.metrics.iter().any(|m| m.text == "forty customers"));
    let (off, _) = numbers(
        built_in(),
        "I called forty customers and ten percent of them had churned.",
        None,
        None,
        false,
    );
    // Switched off, a plain count in words is no figure; a share in words ("ten percent") is
    // one, as its digits would be.
    assert_eq!(off.value, 1.0, "only the share counts");
    // A rule's own flag example: the time span is detail, yet the story still has no number.
    let (part, r) = numbers(
        with_depth(),
        "Our sales team kept losing deals to a cheaper rival. I analyzed the lost deals and \
         rewrote the positioning around audit readiness, and I trained the reps on the new talk \
         track. The win rate went up over the next two quarters, and I learned to start every \
         repositioning with win-loss calls.",
        None,
        None,
        false,
    );
    assert_eq!(part.value, 1.0, "a time span is detail in a whole answer");
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "measure-no-number-anywhere"),
        "a time span is no result: {:?}",
        r.findings
    );
    let (reply, _) = numbers(
        with_depth(),
        "The win rate went up within six months.",
        None,
        Some("What happened after that?"),
        true,
    );
    assert_eq!(
        reply.value, 0.0,
        "a follow-up reply's time span is no figure"
    );
}

/// Quantities said in words ("doubled", "about half of them", "one in five") are figures: the
/// built-in pack counts them among the numbers stated as facts (`number_signals`), and the
/// rules that ask for a number accept them. Vague magnitudes and senses of time are not.
#[test]
fn quantities_said_in_words_are_figures() {
    let plain = "Our trial users kept leaving before they linked a bank account. I sat in on \
                 support calls and heard that people did not trust us with their bank login on \
                 day one, so I let them start from a spreadsheet upload instead. The share \
                 still active after a month doubled, and about half of them linked their bank \
                 later anyway.";
    let (part, r) = numbers(built_in(), plain, None, None, false);
    assert_eq!(part.value, 2.0, "doubled, about half");
    let no_number: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("measure-no-number"))
        .map(|f| f.rule.as_str())
        .collect();
    assert!(no_number.is_empty(), "told it has no number: {no_number:?}");
    // The same story with its quantities made vague: nothing sizes the result.
    let vague = plain
        .replace("doubled", "went up a lot")
        .replace("about half of them", "many of them");
    let (part, r) = numbers(built_in(), &vague, None, None, false);
    assert_eq!(part.value, 0.0);
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "measure-no-number-anywhere"),
        "{:?}",
        r.findings
    );
    // Magnitudes that size nothing, and halves and quarters of a year, count for nothing.
    let (part, _) = numbers(
        built_in(),
        "We reached hundreds of thousands of customers in the second half of the year, and \
         the rollout slipped by a quarter.",
        None,
        None,
        false,
    );
    assert_eq!(part.value, 0.0);
    // Negated, a quantity asserts nothing ("tickets haven't doubled").
    let (part, _) = numbers(
        built_in(),
        "Support tickets never doubled, as the team feared.",
        None,
        None,
        false,
    );
    assert_eq!(part.value, 0.0);
}

/// A pack whose `number_signals` names no signal is refused with the field and the nearest id.
#[test]
fn number_signals_must_name_signals() {
    let mut pack = built_in().catalog().pack().clone();
    if let Some(g) = &mut pack.grading {
        g.number_signals = vec!["spoken-quantities".to_owned()];
    }
    let problems = match Catalog::new(pack) {
        Ok(_) => panic!("an unknown signal was accepted"),
        Err(p) => format!("{p:?}"),
    };
    assert!(problems.contains("number_signals"), "{problems}");
    assert!(problems.contains("spoken-quantity"), "{problems}");
}
