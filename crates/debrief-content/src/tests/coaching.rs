//! Should-fail and should-pass checks for what the coaching code reads from a pack: the plan's
//! pacing and texts, the fit diagnostic's tuning and texts, and the word lists. Each broken
//! pack must be reported on the line at fault, with the field and a message saying what
//! would be right.

use super::*;
use debrief_pack::{FitText, PlanText, TextKey, WordList};

/// A user layer of one file over the built-in pack.
fn over_built_in(path: &str, text: &str) -> Result<Catalog, Vec<Diagnostic>> {
    let overlay = vec![SourceFile {
        path: path.into(),
        text: text.to_owned().into(),
    }];
    match load_layers(&built_in_files(), &overlay) {
        Ok(catalog) => Ok(catalog),
        Err(ContentError::Invalid(d)) => Err(d),
        Err(e) => panic!("unexpected error: {e}"),
    }
}

#[test]
fn an_unknown_placeholder_is_reported_on_its_text_line() {
    let from = "text = \"<note-capped> {days_left} {max_weeks} {start}\"";
    let files = broken("plan.toml", from, &from.replace("{max_weeks}", "{weeks}"));
    check(
        &files,
        "plan.toml",
        line_containing("plan.toml", from),
        Some("text"),
        "unknown placeholder `{weeks}` in plan_text `note-capped`; it can use {days_left}, \
         {max_weeks}, {start}",
    );

    let from = "text = \"<why> {why}\"";
    let files = broken("plan.toml", from, "text = \"<why> {why} {because}\"");
    check(
        &files,
        "plan.toml",
        line_containing("plan.toml", from),
        Some("text"),
        "unknown placeholder `{because}`",
    );

    let from = "text = \"<light>\"";
    let files = broken("plan.toml", from, "text = \"<light> for {days} days\"");
    check(
        &files,
        "plan.toml",
        line_containing("plan.toml", from),
        Some("text"),
        "plan_text `light` takes no placeholders",
    );
}

#[test]
fn a_text_that_does_not_parse_is_reported() {
    let from = "text = \"<why> {why}\"";
    let files = broken("plan.toml", from, "text = \"<why> {why\"");
    check(
        &files,
        "plan.toml",
        line_containing("plan.toml", from),
        Some("text"),
        "does not parse: `{` opens a placeholder that is never closed",
    );
}

#[test]
fn a_mistyped_text_id_is_unknown_and_the_text_it_meant_is_missing() {
    let files = broken(
        "plan.toml",
        "id = \"focus-sharpen\"",
        "id = \"focus-sharpn\"",
    );
    let found = problems(&files);
    assert_eq!(found.len(), 2, "{found:#?}");
    let unknown = found
        .iter()
        .find(|d| d.field.as_deref() == Some("id"))
        .expect("the unknown id");
    assert_eq!(
        unknown.line,
        line_containing("plan.toml", "id = \"focus-sharpen\"")
    );
    assert!(
        unknown
            .message
            .contains("unknown plan_text id `focus-sharpn`; did you mean `focus-sharpen`?"),
        "{unknown}"
    );
    let missing = found
        .iter()
        .find(|d| d.field.as_deref() == Some("plan_text"))
        .expect("the missing text");
    assert_eq!(missing.line, line_containing("plan.toml", "[plan]"));
    assert!(
        missing
            .message
            .contains("missing [[plan_text]] `focus-sharpen` (it can use no placeholders)"),
        "{missing}"
    );
}

#[test]
fn a_pack_with_a_loop_needs_the_plan() {
    let files: Vec<SourceFile> = fixture()
        .into_iter()
        .filter(|f| !f.path.ends_with("plan.toml"))
        .collect();
    let found = problems(&files);
    let loop_line = line_containing("loop.toml", "[[loop]]");
    assert_eq!(found.len(), 2, "{found:#?}");
    for d in &found {
        assert_eq!((d.file.as_str(), d.line), ("fixture/loop.toml", loop_line));
    }
    assert!(
        found
            .iter()
            .any(|d| d.message.contains("needs a [plan] table"))
    );
    assert!(found.iter().any(|d| {
        d.message.contains(&format!(
            "needs every [[plan_text]] the code renders ({} of them)",
            PlanText::ALL.len()
        ))
    }));
}

#[test]
fn plan_numbers_out_of_range_are_reported() {
    let files = broken("plan.toml", "standard_weeks = 5", "standard_weeks = 2");
    check(
        &files,
        "plan.toml",
        line_containing("plan.toml", "standard_weeks = 5"),
        Some("standard_weeks"),
        "2 must be above compressed_weeks (2) and at most max_weeks (26)",
    );
    let files = broken("plan.toml", "drill_questions = 3", "drill_questions = 0");
    check(
        &files,
        "plan.toml",
        line_containing("plan.toml", "drill_questions = 3"),
        Some("drill_questions"),
        "0 is not in 1-5",
    );
    let files = broken("plan.toml", "\"mock loop\"", "\"Mock loop\"");
    check(
        &files,
        "plan.toml",
        line_containing("plan.toml", "done_by_mock"),
        Some("done_by_mock[0]"),
        "must be a non-empty lowercase phrase",
    );
}

#[test]
fn fit_tuning_must_sum_to_one_and_stay_in_range() {
    let tuning = built_in_files()
        .into_iter()
        .find(|f| f.path == "content/fit/tuning.toml")
        .expect("built-in tuning");
    let table: String = tuning
        .text
        .lines()
        .skip_while(|l| !l.starts_with("[fit_tuning]"))
        .take_while(|l| !l.starts_with("# ---"))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = table
        .replace("wins_weight = 0.3", "wins_weight = 0.4")
        .replace("call_at = 0.15", "call_at = 1.5")
        .replace("max_words = 12", "max_words = 0");
    let found = over_built_in("mine/fit.toml", &text).expect_err("broken tuning");
    let at = |needle: &str| {
        text.lines()
            .position(|l| l.starts_with(needle))
            .map(|n| n as u32 + 1)
            .expect("line")
    };
    let expect = [
        (
            "questionnaire_weight",
            "questionnaire_weight, wins_weight, practice_weight sum to 1.1",
        ),
        ("call_at", "1.5 is not between 0 and 1"),
        ("max_words", "0 is not in 1-100"),
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for (field, says) in expect {
        let d = found
            .iter()
            .find(|d| d.field.as_deref() == Some(field))
            .unwrap_or_else(|| panic!("{field}: {found:#?}"));
        assert_eq!((d.file.as_str(), d.line), ("mine/fit.toml", at(field)));
        assert!(d.message.contains(says), "{d} should say {says:?}");
    }
}

#[test]
fn a_user_layer_replaces_a_text_by_id_and_its_contract_still_holds() {
    let catalog = over_built_in(
        "mine/texts.toml",
        "[[fit_text]]\nid = \"to-add-practice\"\ntext = \"Add a practice answer or two.\"\n\n\
         [[plan_text]]\nid = \"title-story\"\ntext = \"A story for {name}\"\n",
    )
    .unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(
        catalog.fit_texts().get(FitText::ToAddPractice),
        "Add a practice answer or two."
    );
    assert_eq!(
        catalog
            .plan_texts()
            .render(PlanText::TitleStory, &[("name", "Ownership")]),
        "A story for Ownership"
    );

    let found = over_built_in(
        "mine/texts.toml",
        "[[fit_text]]\nid = \"note-disagree\"\ntext = \"{first} and {third} disagree.\"\n",
    )
    .expect_err("unknown placeholder");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].file.as_str(), found[0].line),
        ("mine/texts.toml", 3)
    );
    assert!(
        found[0].message.contains(
            "unknown placeholder `{third}` in fit_text `note-disagree`; it can use {first}, \
             {first_outcome}, {second}, {second_outcome}"
        ),
        "{}",
        found[0]
    );
}

#[test]
fn word_lists_have_known_ids_and_single_lowercase_words() {
    let files = broken(
        "words.toml",
        "\"weeks\", \"week\"",
        "\"Weeks\", \"last week\"",
    );
    let found = problems(&files);
    let fields: Vec<(&str, u32)> = found
        .iter()
        .map(|d| (d.field.as_deref().unwrap_or(""), d.line))
        .collect();
    // A list written over several lines is reported on the line of its key.
    let words = line_containing("words.toml", "words = [");
    assert_eq!(
        fields,
        [("words[7]", words), ("words[8]", words)],
        "{found:#?}"
    );
    assert!(
        found[0]
            .message
            .contains("`Weeks` is not one lowercase word")
    );
    assert!(
        found[1]
            .message
            .contains("`last week` is not one lowercase word")
    );

    let files = broken("words.toml", "id = \"number-words\"", "id = \"numbers\"");
    check(
        &files,
        "words.toml",
        line_containing("words.toml", "id = \"number-words\""),
        Some("id"),
        "unknown word list `numbers`",
    );
}

#[test]
fn the_built_in_pack_has_every_text_and_word_list_the_code_reads() {
    let catalog = load(None).unwrap_or_else(|e| panic!("{e}"));
    for key in PlanText::ALL {
        assert!(!catalog.plan_texts().get(*key).is_empty(), "{key:?}");
    }
    for key in FitText::ALL {
        assert!(!catalog.fit_texts().get(*key).is_empty(), "{key:?}");
    }
    for list in WordList::ALL {
        assert!(!catalog.lexicon().words(list).is_empty(), "{list:?}");
    }
    assert!(catalog.plan_settings().is_some() && catalog.fit_tuning().is_some());
}

#[test]
fn the_schema_documents_every_text() {
    let schema = include_str!("../../../../content/SCHEMA.md");
    for id in PlanText::ALL.iter().map(|k| k.id()) {
        assert!(schema.contains(&format!("| `{id}` |")), "plan_text `{id}`");
    }
    for id in FitText::ALL.iter().map(|k| k.id()) {
        assert!(schema.contains(&format!("| `{id}` |")), "fit_text `{id}`");
    }
    for id in WordList::ALL.iter().map(|l| l.id()) {
        assert!(schema.contains(&format!("| {id} |")), "word list `{id}`");
    }
}
