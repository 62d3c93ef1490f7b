//! Should-fail and should-pass checks for what a loop says beyond its rounds: the track it is
//! for, its steps that are not interviews, and the company's review with its source. Each
//! broken entry is reported on its line, with the field and what would be right.

use super::*;

/// A user layer of one file over the minimal fixture: its problems, or none.
fn over_fixture(text: &str) -> Vec<Diagnostic> {
    let overlay = vec![SourceFile {
        path: "mine/loop.toml".into(),
        text: text.to_owned().into(),
    }];
    match load_layers(&fixture(), &overlay) {
        Ok(_) => Vec::new(),
        Err(ContentError::Invalid(d)) => d,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

/// An Amazon PM loop of one round, on `track` when given, followed by `more`.
fn amazon_loop(id: &str, track: Option<&str>, more: &str) -> String {
    let track = track.map_or(String::new(), |t| format!("track = \"{t}\"\n"));
    format!(
        "[[loop]]\nid = \"{id}\"\ncompany = \"amazon\"\nrole = \"pm\"\n{track}\
         summary = \"A loop.\"\nlevels = [\"l5\"]\n\n[[loop.round]]\nid = \"screen\"\n\
         kind = \"behavioral\"\ntitle = \"Screen\"\nminutes = 60\ninterviewer = \"A leader\"\n\
         judges = [\"Stories\"]\nprinciples = [{{ id = \"dive-deep\", weight = 2 }}]\n\
         source = \"A write-up\"\nas_of = \"2025\"\n{more}"
    )
}

/// A stage after `after`, with `about` as its text.
fn stage(id: &str, after: &str, about: &str) -> String {
    format!(
        "\n[[loop.stage]]\nid = \"{id}\"\nname = \"Debrief\"\nafter = \"{after}\"\n\
         about = \"{about}\"\nprepare = \"Give each interviewer a different story.\"\n\
         source = \"A public page, https://example.com/debrief\"\nas_of = \"2025-12-07\"\n"
    )
}

/// The 1-based line of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> u32 {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |n| n as u32 + 1)
}

/// Asserts exactly one problem, in the layer at `line`, about `field`, saying `says`.
fn one(found: &[Diagnostic], line: u32, field: &str, says: &str) {
    assert_eq!(found.len(), 1, "expected one problem, got: {found:#?}");
    let d = &found[0];
    assert_eq!(
        (d.file.as_str(), d.line, d.field.as_deref()),
        ("mine/loop.toml", line, Some(field)),
        "{d}"
    );
    assert!(d.message.contains(says), "{d} should say {says:?}");
}

#[test]
fn a_track_loop_beside_the_role_loop_and_its_stages_are_valid() {
    let text = format!(
        "{}\n{}",
        amazon_loop(
            "amazon-pm-t",
            Some("pm-t"),
            &stage("debrief", "loop", "Votes, then talk.")
        ),
        stage("after-screen", "screen", "The loop is arranged.")
    );
    assert_eq!(over_fixture(&text), Vec::new());
}

#[test]
fn an_unknown_track_is_named_with_the_ones_the_role_has() {
    let text = amazon_loop("amazon-pm-x", Some("pm-x"), "");
    one(
        &over_fixture(&text),
        line_of(&text, "track = "),
        "track",
        "unknown track of role pm `pm-x`; did you mean `pm-t`?; valid: pm-t",
    );
    let text = text.replace("role = \"pm\"", "role = \"pmm\"");
    let found = over_fixture(&text);
    let track: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.field.as_deref() == Some("track"))
        .collect();
    assert_eq!(track.len(), 1, "{found:#?}");
    assert!(
        track[0].message.contains("role `pmm` has no tracks"),
        "{}",
        track[0]
    );
}

#[test]
fn two_loops_for_one_company_role_and_track_are_one_too_many() {
    // The fixture has Amazon's PM loop without a track; another without one repeats it.
    let text = amazon_loop("amazon-pm-again", None, "");
    one(
        &over_fixture(&text),
        line_of(&text, "id = \"amazon-pm-again\""),
        "id",
        "duplicate loop (company, role and track) id `amazon pm no track`",
    );
    let text = format!(
        "{}\n{}",
        amazon_loop("amazon-pm-t", Some("pm-t"), ""),
        amazon_loop("amazon-pm-t2", Some("pm-t"), "")
    );
    let found = over_fixture(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("amazon pm pm-t"), "{}", found[0]);
}

#[test]
fn a_stage_must_follow_a_round_of_its_loop_or_the_loop() {
    let text = amazon_loop(
        "amazon-pm-t",
        Some("pm-t"),
        &stage("debrief", "panel", "Votes."),
    );
    one(
        &over_fixture(&text),
        line_of(&text, "after = \"panel\""),
        "after",
        "unknown round of this loop (or `loop` for a step after it) `panel`; valid: loop, screen",
    );
}

#[test]
fn a_stage_needs_its_text_and_a_source() {
    let text = amazon_loop("amazon-pm-t", Some("pm-t"), &stage("debrief", "loop", ""));
    one(
        &over_fixture(&text),
        line_of(&text, "about = \"\""),
        "about",
        "is empty or missing",
    );
    let text = amazon_loop(
        "amazon-pm-t",
        Some("pm-t"),
        &stage("debrief", "loop", "Votes.").replace(
            "source = \"A public page, https://example.com/debrief\"\n",
            "",
        ),
    );
    one(
        &over_fixture(&text),
        line_of(&text, "[[loop.stage]]"),
        "source",
        "is empty or missing",
    );
    let text = amazon_loop(
        "amazon-pm-t",
        Some("pm-t"),
        &stage("debrief", "loop", "Votes.").replace("as_of = \"2025-12-07\"", "as_of = \"soon\""),
    );
    one(
        &over_fixture(&text),
        line_of(&text, "as_of = \"soon\""),
        "as_of",
        "is not a date",
    );
}

#[test]
fn stage_ids_are_kebab_case_unique_and_not_a_round_id() {
    let text = amazon_loop(
        "amazon-pm-t",
        Some("pm-t"),
        &format!(
            "{}{}",
            stage("debrief", "loop", "Votes."),
            stage("debrief", "loop", "Again.")
        ),
    );
    let found = over_fixture(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("duplicate stage id `debrief`"));
    let text = amazon_loop(
        "amazon-pm-t",
        Some("pm-t"),
        &stage("screen", "loop", "Votes."),
    );
    let stage_at = line_of(&text, "[[loop.stage]]");
    one(
        &over_fixture(&text),
        stage_at + 1,
        "id",
        "`screen` is also a round of this loop",
    );
    let text = amazon_loop(
        "amazon-pm-t",
        Some("pm-t"),
        &stage("Debrief", "loop", "Votes."),
    );
    one(
        &over_fixture(&text),
        line_of(&text, "id = \"Debrief\""),
        "id",
        "not a lowercase kebab-case id",
    );
}

#[test]
fn a_company_review_says_where_it_comes_from() {
    let company = "[[company]]\nid = \"amazon\"\nname = \"Amazon\"\nsummary = \"Judged on \
                   principles.\"\nuses_principles = true\nprinciple_word = \"Leadership \
                   Principle\"\nprinciples_word = \"Leadership Principles\"\n\n\
                   [company.review]\nname = \"Bar Raiser\"\nveto = true\nabout = \"Leads the \
                   debrief.\"\n";
    let found = over_fixture(company);
    let fields: Vec<Option<&str>> = found.iter().map(|d| d.field.as_deref()).collect();
    assert_eq!(
        fields,
        [Some("review.as_of"), Some("review.source")],
        "{found:#?}"
    );
    let sourced = format!("{company}source = \"A public page\"\nas_of = \"2025-12-07\"\n");
    assert_eq!(over_fixture(&sourced), Vec::new());
}
