//! The checker on a small kind written here, so each check's behaviour is pinned apart from
//! the content pack's wording.

use super::*;
use debrief_pack::artifact::ArtifactSection;

fn section(id: &str, required: bool, max_words: u32, checks: &[&str]) -> ArtifactSection {
    ArtifactSection {
        id: id.replace(' ', "-"),
        name: id.to_owned(),
        required,
        max_words,
        purpose: "p".into(),
        checks: checks.iter().map(|c| (*c).into()).collect(),
        ..Default::default()
    }
}

fn kind() -> ArtifactKind {
    ArtifactKind {
        id: "memo".into(),
        sections: vec![
            section(
                "press release",
                true,
                120,
                &["not-launched", "fluff", "no-number", "over-budget"],
            ),
            section("audience", false, 0, &["no-segment"]),
            section("pillars", false, 0, &["pillar-without-proof"]),
            section("benefits", false, 0, &["features-not-benefits"]),
            section("metrics", false, 0, &["metric-incomplete"]),
            section(
                "internal faq",
                true,
                0,
                &[
                    "softball-answer",
                    "nothing-set-aside",
                    "choice-put-off",
                    "overpromise",
                    "weasel",
                ],
            ),
        ],
        dimensions: vec![debrief_pack::ArtifactDimension {
            id: "honesty".into(),
            name: "Honesty".into(),
            sections: vec!["internal-faq".into()],
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn check_def(
    id: &str,
    phrases: &[&str],
    answers: &[&str],
    limit: Option<f64>,
    penalty: f64,
) -> ArtifactCheck {
    ArtifactCheck {
        id: id.into(),
        name: id.into(),
        severity: "major".into(),
        message: format!("{id} in {{section}}"),
        why: "w".into(),
        fix: "f".into(),
        phrases: phrases.iter().map(|p| (*p).into()).collect(),
        answers: answers.iter().map(|p| (*p).into()).collect(),
        limit,
        penalty,
        ..Default::default()
    }
}

fn check_defs() -> Vec<ArtifactCheck> {
    vec![
        check_def("missing-section", &[], &[], None, 4.0),
        ArtifactCheck {
            message: "{section} lacks {move}".into(),
            ..check_def("missing-move", &[], &[], None, 1.5)
        },
        check_def("out-of-order", &[], &[], None, 0.5),
        check_def("off-prompt", &[], &[], Some(0.2), 2.0),
        check_def("incoherent", &[], &[], Some(0.03), 4.0),
        check_def("over-budget", &[], &[], Some(0.1), 1.0),
        check_def("no-number", &[], &[], None, 1.0),
        check_def("fluff", &["world-class", "seamless"], &[], None, 0.5),
        check_def(
            "weasel",
            &["significantly", "many customers"],
            &[],
            None,
            0.5,
        ),
        check_def(
            "not-launched",
            &["will launch", "we will", "plans to", "will"],
            &["how much", "when"],
            Some(0.0),
            1.5,
        ),
        check_def(
            "softball-answer",
            &["minimal", "unlikely", "we see little"],
            &[],
            None,
            1.5,
        ),
        check_def(
            "nothing-set-aside",
            &["every", "all"],
            &["not doing", "leave out"],
            None,
            2.0,
        ),
        check_def(
            "choice-put-off",
            &["focused", "roadmap"],
            &["not doing", "leave out"],
            None,
            2.0,
        ),
        check_def(
            "overpromise",
            &["guaranteed", "for good", "accurate"],
            &["pilot", "test set"],
            None,
            1.5,
        ),
        check_def(
            "metric-incomplete",
            &["within", "q3", "june"],
            &["from", "baseline"],
            None,
            1.0,
        ),
        check_def(
            "pillar-without-proof",
            &[],
            &["customers", "study"],
            None,
            1.0,
        ),
        check_def(
            "features-not-benefits",
            &["supports", "includes"],
            &["so you", "saves"],
            Some(0.5),
            1.0,
        ),
        check_def("no-segment", &[], &["landlords", "renters"], None, 1.0),
        check_def(
            "leading-question",
            &["would you like", "do you want", "ask about"],
            &["important to you"],
            None,
            1.0,
        ),
    ]
}

fn checks() -> ArtifactChecks {
    ArtifactChecks::new(&check_defs())
}

/// Grader signals for the moves: a decision and a lesson, each only where asserted.
fn compiled() -> Compiled {
    let signal = |id: &str, label: &str, phrases: &[&str]| debrief_pack::Signal {
        id: id.into(),
        label: label.into(),
        phrases: phrases.iter().map(|p| (*p).into()).collect(),
        lean: None,
        star: None,
        weight: 1.0,
        asserted: true,
        origin: Default::default(),
    };
    let pack = debrief_pack::Pack {
        signals: vec![
            signal(
                "decided",
                "A decision of one's own",
                &["i decided", "i chose"],
            ),
            signal("lesson", "A lesson", &["i learned", "next time"]),
        ],
        ..Default::default()
    };
    Compiled::new(&pack)
}

fn run(text: &str, prompt: Option<&str>) -> ArtifactReport {
    run_kind(&kind(), text, prompt)
}

fn run_kind(kind: &ArtifactKind, text: &str, prompt: Option<&str>) -> ArtifactReport {
    try_kind(kind, text, prompt).expect("checked")
}

/// Checks `text` as a document of `kind` with the checks, signals and scope words above.
fn try_kind(
    kind: &ArtifactKind,
    text: &str,
    prompt: Option<&str>,
) -> Result<ArtifactReport, ArtifactError> {
    try_with(kind, &checks(), text, prompt)
}

/// [`try_kind`] with other checks.
fn try_with(
    kind: &ArtifactKind,
    checks: &ArtifactChecks,
    text: &str,
    prompt: Option<&str>,
) -> Result<ArtifactReport, ArtifactError> {
    let compiled = compiled();
    let scope = ScopeWords::new(
        &["not".to_owned(), "never".to_owned(), "no".to_owned()],
        &["words like".to_owned()],
        4,
    )
    .with_reassurances(&["no risk".to_owned()]);
    let topics = Topics::default();
    let grading = Grading::default();
    let checker = Checker {
        checks,
        compiled: &compiled,
        answer: &|_: &str, _: &str, _: Option<&str>, _: u32| None,
        scope: &scope,
        topics: &topics,
        grading: &grading,
    };
    let request = ArtifactRequest {
        kind: "memo".into(),
        text: text.into(),
        prompt: prompt.map(str::to_owned),
    };
    check(kind, &checker, &request)
}

fn fired(report: &ArtifactReport) -> Vec<(&str, &str)> {
    report
        .findings
        .iter()
        .map(|f| (f.check.as_str(), f.quote.as_str()))
        .collect()
}

const STRONG: &str = "## Press release\nRentline now reminds 4,000 renters three days before rent is due, and late payments fell from 31% to 12% in the pilot.\n\n## Internal FAQ\nWhat could go wrong? Reminders can annoy: 3 of 40 pilot renters turned them off.\n";

#[test]
fn a_plain_strong_document_raises_nothing_and_rates_strong_hire() {
    let r = run(STRONG, None);
    assert_eq!(fired(&r), vec![]);
    assert_eq!((r.score, r.rating), (100, Rating::StrongHire));
    assert_eq!(r.sections[0].heading.as_deref(), Some("Press release"));
    assert_eq!(r.dimensions[0].score, 4.0);
}

#[test]
fn a_missing_required_section_scores_zero_and_points_where_it_belonged() {
    let text = "## Press release\nRentline reminds 4,000 renters before rent is due.\n";
    let r = run(text, None);
    let missing: Vec<&ArtifactFinding> = r
        .findings
        .iter()
        .filter(|f| f.check == "missing-section")
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(
        (missing[0].section.as_deref(), missing[0].start),
        (Some("internal-faq"), text.len())
    );
    assert_eq!(missing[0].message, "Missing-section in internal faq");
    assert_eq!(r.sections[5].score, Some(0.0));
    assert_eq!(r.score, 50);
    assert_eq!(r.rating, Rating::NoHire);
}

#[test]
fn a_press_release_written_as_a_plan_is_flagged_at_each_future_phrase() {
    let text = STRONG.replace(
        "Rentline now reminds",
        "Next year we will launch Rentline, which reminds",
    );
    let r = run(&text, None);
    assert_eq!(fired(&r), vec![("not-launched", "we will launch")]);
    assert!(r.score < 100);
    // A future inside an indirect question is what the launched product shows.
    let shows = STRONG.replace(
        "Rentline now reminds",
        "Rentline now shows renters how much they will owe and reminds",
    );
    assert!(
        fired(&run(&shows, None)).is_empty(),
        "{:?}",
        fired(&run(&shows, None))
    );
    let plan = STRONG.replace("Rentline now reminds", "Rentline will remind");
    assert_eq!(fired(&run(&plan, None)), vec![("not-launched", "will")]);
}

#[test]
fn a_quoted_buzzword_is_not_the_writers_fluff_but_a_used_one_is() {
    let quoted = STRONG.replace(
        "in the pilot.",
        "in the pilot. We avoided words like \"seamless\" on purpose.",
    );
    assert_eq!(fired(&run(&quoted, None)), vec![]);
    let used = STRONG.replace("in the pilot.", "in the pilot, a seamless experience.");
    assert_eq!(fired(&run(&used, None)), vec![("fluff", "seamless")]);
}

#[test]
fn a_softball_answer_is_one_that_plays_a_risk_down_with_no_number() {
    let soft = STRONG.replace(
        "Reminders can annoy: 3 of 40 pilot renters turned them off.",
        "The risk is minimal.",
    );
    assert_eq!(
        fired(&run(&soft, None)),
        vec![("softball-answer", "minimal")]
    );
    let backed = STRONG.replace(
        "Reminders can annoy: 3 of 40",
        "The risk is minimal: 3 of 40",
    );
    assert_eq!(fired(&run(&backed, None)), vec![]);
}

#[test]
fn a_reassurance_that_opens_an_answer_is_softball_whatever_figures_follow_it() {
    let opened = STRONG.replace(
        "Reminders can annoy: 3 of 40 pilot renters turned them off.",
        "We see little risk. Adoption has been strong: 412 reminders went out in week one.",
    );
    assert_eq!(
        fired(&run(&opened, None)),
        vec![("softball-answer", "We see little")]
    );
    // A reassurance the answer's own first sentence backs with a figure is an answer.
    let backed = STRONG.replace(
        "Reminders can annoy: 3 of 40 pilot renters turned them off.",
        "We see little risk: 3 of 40 pilot renters turned reminders off. Adoption is strong.",
    );
    assert_eq!(fired(&run(&backed, None)), vec![]);
}

#[test]
fn asked_what_is_left_out_an_answer_must_open_with_what_it_sets_aside() {
    let faq = |answer: &str| {
        STRONG.replace(
            "What could go wrong? Reminders can annoy: 3 of 40 pilot renters turned them off.",
            &format!(
                "What could go wrong? Reminders can annoy: 3 of 40 pilot renters turned them off.\nWhat are we not doing? {answer}"
            ),
        )
    };
    assert_eq!(
        fired(&run(
            &faq("We cover every case renters raised. Nothing waits."),
            None
        )),
        vec![("nothing-set-aside", "every")]
    );
    assert_eq!(
        fired(&run(
            &faq("We are focused on what matters most to renters."),
            None
        )),
        vec![("choice-put-off", "focused")]
    );
    // A focus with a line drawn beside it names what waits; a claim of full cover does not.
    assert_eq!(
        fired(&run(
            &faq("We are focused on tenants. Landlord reminders are not in this release."),
            None
        )),
        vec![]
    );
    assert_eq!(
        fired(&run(
            &faq("We cover every case. Late fees are not in this release."),
            None
        )),
        vec![("nothing-set-aside", "every")]
    );
    // What a real answer names, a count ("all 31 requests") and a claim denied are no dodge.
    for answer in [
        "Text reminders, a landlord app and late fees. Each needs a licence we lack.",
        "We read all 31 requests and dropped the landlord app, which 9 of them wanted.",
        "We are not building every feature landlords asked for: no late fees.",
    ] {
        assert_eq!(fired(&run(&faq(answer), None)), vec![], "{answer}");
    }
    // Another question's answer may say "every": only the asked-for one is read.
    let other = STRONG.replace(
        "Reminders can annoy: 3 of 40 pilot renters turned them off.",
        "Reminders can annoy: 3 of 40 pilot renters turned them off, every one in week one.",
    );
    assert_eq!(fired(&run(&other, None)), vec![]);
}

#[test]
fn an_absolute_promise_or_an_unsourced_accuracy_rate_is_overpromising() {
    let faq = |answer: &str| {
        STRONG.replace(
            "Reminders can annoy: 3 of 40 pilot renters turned them off.",
            &format!("Reminders can annoy: 3 of 40 pilot renters turned them off. {answer}"),
        )
    };
    assert_eq!(
        fired(&run(&faq("Rent arrives on time, guaranteed."), None)),
        vec![("overpromise", "guaranteed")]
    );
    assert_eq!(
        fired(&run(&faq("Reminders are 99% accurate."), None)),
        vec![("overpromise", "accurate")]
    );
    for fine in [
        "Reminders were 97% accurate in the pilot.",
        "Dates were 96% accurate on our test set of 5,000 leases.",
        "Reminders are accurate to the day of the lease.",
        "Is the rent date guaranteed? Only when the landlord confirms it.",
        "We never said it was guaranteed.",
    ] {
        assert_eq!(fired(&run(&faq(fine), None)), vec![], "{fine}");
    }
}

#[test]
fn a_metric_needs_a_baseline_a_target_and_a_date_and_a_year_is_not_a_baseline() {
    let text = format!(
        "{STRONG}\n## Metrics\n- Late payments from 31% to 12% by June 2027\n- Reach 40% retention by Q3 2027\n- Increase engagement\n- Cut refunds from 4% to 2% in 2027\n- Raise activation from 31% to 40%\n"
    );
    let r = run(&text, None);
    let quotes: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.check == "metric-incomplete")
        .map(|f| f.quote.as_str())
        .collect();
    assert_eq!(
        quotes,
        vec![
            "Reach 40% retention by Q3 2027",
            "Increase engagement",
            "Raise activation from 31% to 40%"
        ]
    );
    // The section came after the internal FAQ: out of the kind's order.
    assert!(
        r.findings
            .iter()
            .any(|f| f.check == "out-of-order" && f.quote == "## Metrics")
    );
}

#[test]
fn a_group_is_named_by_who_or_by_what_they_do_but_not_by_a_list_of_features() {
    let audience = |line: &str| {
        let text = format!(
            "## Audience\n{line}\n\n{}",
            &STRONG[STRONG.find("## Internal").unwrap_or(0)..]
        );
        fired(&run(
            &format!("## Press release\nRentline reminds 4,000 renters.\n\n{text}"),
            None,
        ))
        .iter()
        .any(|&(c, _)| c == "no-segment")
    };
    assert!(!audience("Property managers who run 50 to 500 units."));
    assert!(!audience("Property managers running 50 to 500 units."));
    assert!(audience("Busy people."));
    assert!(audience("Dashboards including alerts and reports."));
}

#[test]
fn pillars_need_proof_and_benefit_sections_need_benefits() {
    let text = format!(
        "## Press release\nRentline reminds 4,000 renters.\n\n## Audience\nBusy people.\n\n## Pillars\n- Calmer landlords\n- Happier renters\n\n## Benefits\nIt supports SMS. It includes a dashboard.\n\n{}",
        &STRONG[STRONG.find("## Internal").unwrap_or(0)..]
    );
    let report = run(&text, None);
    let got = fired(&report);
    assert!(got.contains(&("no-segment", "Busy people.")), "{got:?}");
    assert!(
        got.contains(&("pillar-without-proof", "Calmer landlords")),
        "{got:?}"
    );
    assert!(
        got.contains(&("features-not-benefits", "It supports SMS")),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|(c, q)| *c == "pillar-without-proof" && q.starts_with("Fewer"))
    );
}

#[test]
fn a_leading_question_is_flagged_where_it_opens_the_question_quoted_or_not() {
    let kind = ArtifactKind {
        id: "card".into(),
        sections: vec![section("landmines", true, 0, &["leading-question"])],
        ..Default::default()
    };
    let text = "## Landmines\n- \"Would you like to pay less?\"\n\
                - \"What share of orders do you want shipped the same day?\"\n\
                - \"Is fast support important to you?\"\n- Ask about their support.\n";
    let r = run_kind(&kind, text, None);
    // "do you want" inside an open question leads nowhere; the answers lead anywhere.
    assert_eq!(
        fired(&r),
        vec![
            ("leading-question", "Would you like"),
            ("leading-question", "important to you"),
            ("leading-question", "Ask about")
        ]
    );
    assert!(r.score < 100);
}

#[test]
fn a_document_that_draws_no_line_loses_points_and_reassurance_draws_none() {
    let mut defs = check_defs();
    defs.push(check_def("no-limits", &[], &[], Some(1.0), 0.5));
    let with_limits = ArtifactChecks::new(&defs);
    let score = |text: &str| {
        let r = try_with(&kind(), &with_limits, text, None).expect("checked");
        let fired = r.findings.iter().any(|f| f.check == "no-limits");
        (r.score, fired)
    };
    let (plain, plain_fired) = score(STRONG);
    assert!(plain_fired && plain < 100, "{plain}");
    // One limit of the writer's own in about 40 words meets a rate of one per 100.
    let limited = STRONG.replace(
        "in the pilot.",
        "in the pilot. It is not for landlords with fewer than five units.",
    );
    assert_eq!(score(&limited), (100, false));
    // Saying there is nothing to worry about states no limit.
    let reassured = STRONG.replace(
        "in the pilot.",
        "in the pilot. There is no risk to renters.",
    );
    assert!(score(&reassured).1);
}

#[test]
fn a_label_opening_a_statement_makes_its_move_and_a_bare_one_does_not() {
    let kind = ArtifactKind {
        id: "memo".into(),
        sections: vec![ArtifactSection {
            moves: vec!["lesson".into()],
            ..section("lessons", true, 0, &[])
        }],
        ..Default::default()
    };
    let moved = |text: &str| {
        !run_kind(&kind, text, None)
            .findings
            .iter()
            .any(|f| f.check == "missing-move")
    };
    assert!(moved(
        "## Lessons\nNext time: we test the reminder on 40 renters first.\n"
    ));
    assert!(!moved("## Lessons\nNext time: faster.\n"));
}

#[test]
fn only_attributed_quotations_count_as_quotes() {
    let kind = ArtifactKind {
        id: "memo".into(),
        sections: vec![section("release", true, 0, &["quote-stuffing"])],
        ..Default::default()
    };
    let mut defs = check_defs();
    defs.push(check_def(
        "quote-stuffing",
        &["thrilled"],
        &["said"],
        Some(1.0),
        1.0,
    ));
    let checks = ArtifactChecks::new(&defs);
    let fired = |text: &str| {
        try_with(&kind, &checks, text, None)
            .expect("checked")
            .findings
            .iter()
            .any(|f| f.check == "quote-stuffing")
    };
    let example = "## Release\nWhen it cannot match, it shows \"Line 3: unit price $4.10, order $3.95.\"\n\n\
                   \"We built this for the clerk with 600 invoices on a Monday,\" said Ruth Okafor.\n";
    // One person's quote and an example of what the product shows: within a limit of one.
    assert!(!fired(example));
    let second = format!(
        "{example}\n\"Our queue used to be three days deep on a Monday morning,\" said Dev Malhotra.\n"
    );
    assert!(fired(&second));
}

#[test]
fn headings_alone_earn_nothing() {
    let r = run("## Press release\n\n## Internal FAQ\n", None);
    assert!(r.sections.iter().all(|s| !s.present));
    assert_eq!(r.score, 0);
    assert_eq!(r.rating, Rating::StrongNoHire);
}

#[test]
fn empty_and_oversized_documents_and_unknown_kinds_are_clear_errors() {
    assert_eq!(
        try_kind(&kind(), " \n# \n", None),
        Err(ArtifactError::Empty)
    );
    assert!(matches!(
        try_kind(&kind(), &"word ".repeat(50_000), None),
        Err(ArtifactError::TooLarge(_))
    ));
}

#[test]
fn shuffled_words_under_the_right_headings_earn_nothing() {
    // Each section's words in a fixed scrambled order: the headings, numbers and vocabulary
    // all survive, the sentences do not.
    let scramble = |line: &str| {
        let mut words: Vec<&str> = line.split_whitespace().collect();
        let n = words.len();
        for i in 0..n {
            words.swap(i, (i * 7 + 3) % n);
        }
        words.join(" ")
    };
    let text: String = STRONG
        .lines()
        .map(|l| {
            if l.starts_with('#') || l.is_empty() {
                l.to_owned()
            } else {
                scramble(l)
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let r = run(&text, None);
    assert!(
        r.findings.iter().any(|f| f.check == "incoherent"),
        "{:?}",
        fired(&r)
    );
    assert_eq!((r.score, r.rating), (0, Rating::StrongNoHire));
    // The strong document itself reads as prose.
    assert!(
        !run(STRONG, None)
            .findings
            .iter()
            .any(|f| f.check == "incoherent")
    );
}

#[test]
fn a_document_about_something_else_than_its_prompt_is_flagged() {
    let prompt = Some("Write a PR/FAQ for a grocery delivery subscription for families.");
    let r = run(STRONG, prompt);
    assert!(
        r.findings.iter().any(|f| f.check == "off-prompt"),
        "{:?}",
        fired(&r)
    );
    let on = run(
        STRONG,
        Some("Write a PR/FAQ for rent reminders that help renters pay on time."),
    );
    assert!(
        !on.findings.iter().any(|f| f.check == "off-prompt"),
        "{:?}",
        fired(&on)
    );
    assert!(on.score > r.score);
}

/// A kind with one section that must show a decision, or else a lesson.
fn decision_kind(prose: bool) -> ArtifactKind {
    let mut decision = section("decision", true, 0, &[]);
    decision.moves = vec!["decided|lesson".into()];
    let mut lessons = section("lessons", false, 0, &[]);
    lessons.moves = vec!["lesson".into()];
    ArtifactKind {
        id: "memo".into(),
        prose,
        sections: vec![decision, lessons],
        ..Default::default()
    }
}

#[test]
fn a_section_must_make_its_moves_and_a_denied_or_quoted_move_is_not_made() {
    let kind = decision_kind(false);
    let made = run_kind(
        &kind,
        "# Decision\nI decided to keep monthly billing.\n",
        None,
    );
    assert!(fired(&made).is_empty(), "{:?}", fired(&made));
    assert_eq!(made.score, 100);
    // Either signal of `decided|lesson` makes the move.
    let either = run_kind(&kind, "# Decision\nNext time I ask finance first.\n", None);
    assert!(fired(&either).is_empty(), "{:?}", fired(&either));
    for text in [
        "# Decision\nThe team aligned on monthly billing after a review.\n",
        "# Decision\nI never decided anything; the board did.\n",
        "# Decision\nWords like i decided are not a decision here.\n",
    ] {
        let report = run_kind(&kind, text, None);
        assert_eq!(report.findings.len(), 1, "{text}: {:?}", fired(&report));
        let f = &report.findings[0];
        assert_eq!(
            (f.check.as_str(), f.section.as_deref()),
            ("missing-move", Some("decision"))
        );
        // The first signal's label, lowercased, names the move; the finding sits on the
        // section's first sentence.
        assert_eq!(f.message, "Decision lacks a decision of one's own");
        assert!(
            text.contains(&f.quote) && f.quote.len() > 10,
            "{:?}",
            f.quote
        );
        assert_eq!(report.sections[0].score, Some(2.5));
        assert!(report.score < 100);
    }
    // An absent optional section makes no moves and is not asked for them.
    assert!(!made.sections[1].present);
}

#[test]
fn a_narrative_lacks_a_move_as_a_whole_once_per_move() {
    let kind = decision_kind(true);
    let text = "We talked to nine clinics in March. The team aligned on text reminders, \
                and no-shows fell from 14% to 9% by June.";
    let report = run_kind(&kind, text, None);
    // Both sections read the whole text: each lacks its move, on the document as a whole.
    let moves: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.check == "missing-move")
        .map(|f| (f.section.as_deref(), f.start, f.end, f.message.as_str()))
        .collect();
    assert_eq!(
        moves,
        vec![
            (
                Some("decision"),
                0,
                0,
                "Decision lacks a decision of one's own"
            ),
            (Some("lessons"), 0, 0, "Lessons lacks a lesson"),
        ]
    );
    let with = format!("{text} I learned to ask the front desk first.");
    let report = run_kind(&kind, &with, None);
    assert!(fired(&report).is_empty(), "{:?}", fired(&report));
}

#[test]
fn neighbouring_any_order_sections_may_swap_but_nothing_else_may() {
    let mut kind = kind();
    // Audience and pillars (second and third) may come in either order.
    kind.sections[1].any_order = true;
    kind.sections[2].any_order = true;
    let doc = |order: &[&str]| {
        order
            .iter()
            .map(|h| format!("# {h}\nRenters who move often save 40 minutes a week.\n"))
            .collect::<String>()
    };
    let swapped = run_kind(&kind, &doc(&["press release", "pillars", "audience"]), None);
    assert!(
        !fired(&swapped).iter().any(|(c, _)| *c == "out-of-order"),
        "{:?}",
        fired(&swapped)
    );
    let broken = run_kind(
        &kind,
        &doc(&["press release", "benefits", "audience"]),
        None,
    );
    assert!(
        fired(&broken)
            .iter()
            .any(|(c, q)| *c == "out-of-order" && q.contains("audience")),
        "{:?}",
        fired(&broken)
    );
}

#[test]
fn a_narratives_wording_findings_are_the_whole_documents() {
    let mut kind = kind();
    kind.prose = true;
    let report = run_kind(
        &kind,
        "Renters saved a world-class 40 minutes a week.",
        None,
    );
    let fluff: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.check == "fluff")
        .map(|f| (f.section.as_deref(), f.message.as_str(), f.quote.as_str()))
        .collect();
    assert_eq!(fluff, vec![(None, "Fluff in the document", "world-class")]);
}

#[test]
fn a_document_is_read_against_its_own_length_spoken_not_a_rounds_minutes() {
    let mut kind = kind();
    kind.sections[0].max_words = 600;
    kind.sections[5].max_words = 570;
    let others: u32 = kind.sections[1..5].iter().map(|s| s.max_words).sum();
    assert_eq!(others, 0);
    let grading = Grading {
        words_per_minute: 150,
        ..Grading::default()
    };
    // 1,170 words at 150 a minute.
    assert_eq!(reading_budget(&kind, &grading), 468);
}

#[test]
fn a_date_given_once_for_the_list_dates_its_metrics_and_a_goal_sentence_is_no_metric() {
    let text = format!(
        "{STRONG}\n## Metrics (by June 2027)\n- Late payments from 31% to 12%\n- Raise activation from 31% to 40%\n"
    );
    let r = run(&text, None);
    assert!(
        !r.findings.iter().any(|f| f.check == "metric-incomplete"),
        "{:?}",
        fired(&r)
    );
    // A line that introduces items dates the ones under it, not the ones above it.
    let text = format!(
        "{STRONG}\n## Metrics\n- Raise activation from 31% to 40%\nWithin a quarter of launch:\n- Late payments from 31% to 12%\n"
    );
    let quotes: Vec<String> = run(&text, None)
        .findings
        .iter()
        .filter(|f| f.check == "metric-incomplete")
        .map(|f| f.quote.clone())
        .collect();
    assert_eq!(quotes, vec!["Raise activation from 31% to 40%".to_owned()]);
    // A month's possessive dates a metric ("June's 4%"); a long sentence with no label is the
    // goal the metrics serve, whatever figures it holds.
    let text = format!(
        "{STRONG}\n## Metrics\nWin back the renters who stopped paying through us after the 2024 fee change, now that the fee is gone for 80 landlords.\n- Refunds no higher than June's 4%, from 4% today\n"
    );
    let r = run(&text, None);
    assert!(
        !r.findings.iter().any(|f| f.check == "metric-incomplete"),
        "{:?}",
        fired(&r)
    );
}

fn segment_kind() -> (ArtifactKind, ArtifactChecks) {
    let mut audience = section("audience", true, 0, &["everyone-segment"]);
    audience.moves = vec!["decided|@limit".into()];
    let kind = ArtifactKind {
        id: "memo".into(),
        sections: vec![audience],
        ..Default::default()
    };
    let mut defs = check_defs();
    defs.push(check_def(
        "everyone-segment",
        &["any", "every", "all", "anyone", "of all sizes"],
        &["week", "year"],
        None,
        1.5,
    ));
    (kind, ArtifactChecks::new(&defs))
}

#[test]
fn a_segment_that_is_everyone_is_flagged_but_a_counted_group_or_a_line_drawn_is_not() {
    let (kind, checks) = segment_kind();
    let flagged = |text: &str| -> Vec<String> {
        try_with(&kind, &checks, text, None)
            .expect("checked")
            .findings
            .iter()
            .filter(|f| f.check == "everyone-segment")
            .map(|f| f.quote.clone())
            .collect()
    };
    assert_eq!(
        flagged("# Audience\nAny business of all sizes, from small teams to large enterprises.\n"),
        vec!["Any", "of all sizes", "from small teams to large"]
    );
    for text in [
        "# Audience\nAll 410,000 sellers who listed in the last 90 days. Not for shops.\n",
        "# Audience\nLandlords who collect rent every week. Not for agencies.\n",
        "# Audience\nLandlords with 2 to 20 flats.\nNot for: anyone with a letting agent.\n",
    ] {
        assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
    }
}

#[test]
fn a_line_the_writer_draws_makes_a_limit_move_in_any_words() {
    let (kind, checks) = segment_kind();
    let moves = |text: &str| {
        try_with(&kind, &checks, text, None)
            .expect("checked")
            .findings
            .iter()
            .filter(|f| f.check == "missing-move")
            .count()
    };
    assert_eq!(
        moves(
            "# Audience\nLandlords with 2 to 20 flats.\nNot targeted: agencies with their own software.\n"
        ),
        0
    );
    assert_eq!(
        moves("# Audience\nLandlords with 2 to 20 flats in Leeds.\n"),
        1
    );
    // Reassurance draws no line.
    assert_eq!(
        moves("# Audience\nLandlords with 2 to 20 flats. There is no risk for them.\n"),
        1
    );
}

#[test]
fn the_kind_sets_how_much_drawing_no_line_costs_and_a_missing_move_costs_the_whole() {
    let mut decision = section("decision", true, 0, &[]);
    decision.moves = vec!["decided".into()];
    let kind = ArtifactKind {
        id: "memo".into(),
        sections: vec![decision],
        ..Default::default()
    };
    let mut defs = check_defs();
    defs.push(check_def("no-limits", &[], &[], Some(1.0), 1.0));
    let limited = ArtifactChecks::new(&defs);
    let text = "# Decision\nI decided to keep monthly billing for the 4,000 renters.\n";
    let score = |kind: &ArtifactKind, checks: &ArtifactChecks| {
        try_with(kind, checks, text, None).expect("checked").score
    };
    // No line drawn: the whole check's penalty, a quarter of the score per section point.
    assert_eq!(score(&kind, &limited), 75);
    let lighter = ArtifactKind {
        limits_penalty: Some(0.4),
        ..kind.clone()
    };
    assert_eq!(score(&lighter, &limited), 90);
    let off = ArtifactKind {
        limits_per_hundred: Some(0.0),
        ..kind.clone()
    };
    assert_eq!(score(&off, &limited), 100);
    // A missing move costs its section and, by its document penalty, every section.
    let for_all = ArtifactChecks::new(
        &check_defs()
            .into_iter()
            .map(|c| {
                if c.id == "missing-move" {
                    ArtifactCheck {
                        document_penalty: 0.4,
                        ..c
                    }
                } else {
                    c
                }
            })
            .collect::<Vec<_>>(),
    );
    let bare = "# Decision\nMonthly billing stays for the 4,000 renters.\n";
    let with = try_with(&kind, &for_all, bare, None)
        .expect("checked")
        .score;
    let without = try_with(&kind, &checks(), bare, None)
        .expect("checked")
        .score;
    assert_eq!(without - with, 10);
}
