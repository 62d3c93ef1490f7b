//! Guides: the built-in ones are complete and readable at length, and a broken guide is
//! reported on the line at fault with what would be right.

use super::*;

/// A valid guide over the fixture pack (its Amazon PM loop and question `q-001`), as a user
/// layer's text.
const GUIDE: &str = "[[guide]]\nid = \"amazon-pm-walkthrough\"\ntitle = \"The loop\"\n\
    summary = \"How it runs.\"\ncompanies = [\"amazon\"]\nroles = [\"pm\"]\n\
    loops = [\"amazon-pm\"]\nquestions = [\"q-001\"]\nas_of = \"2026-12-04\"\n\n\
    [[guide.section]]\nheading = \"Rounds\"\n\
    paragraphs = [\"Five interviews [1], a Bar Raiser among them [2].\"]\n\
    points = [\"Prepare two stories per principle.\"]\n\n\
    [[guide.source]]\ntitle = \"A guide\"\nurl = \"https://example.com/guide\"\n\
    published = \"2026-06\"\n\n\
    [[guide.source]]\ntitle = \"The loop page\"\nloop = \"amazon-pm\"\n";

/// The 1-based line of the first line of `text` holding `needle`.
fn line_of_text(text: &str, needle: &str) -> u32 {
    let n = text
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle present");
    n as u32 + 1
}

/// `GUIDE` with `from` replaced by `to`; panics if `from` is absent.
fn guide_with(from: &str, to: &str) -> String {
    assert!(GUIDE.contains(from), "the guide lacks {from:?}");
    GUIDE.replacen(from, to, 1)
}

/// Asserts exactly one problem in `text`, on the line holding `needle`, about `field`, whose
/// message contains `says`.
fn one_problem(text: &str, needle: &str, field: &str, says: &str) {
    let found = layer_problems(text);
    assert_eq!(found.len(), 1, "expected one problem, got: {found:#?}");
    let d = &found[0];
    assert_eq!(d.line, line_of_text(text, needle), "{d}");
    assert_eq!(d.field.as_deref(), Some(field), "{d}");
    assert!(d.message.contains(says), "{d} should say {says:?}");
}

#[test]
fn a_valid_guide_loads_and_its_loop_finds_it() {
    assert!(layer_problems(GUIDE).is_empty());
    let overlay = vec![SourceFile {
        path: "mine/guide.toml".into(),
        text: GUIDE.into(),
    }];
    let catalog = load_layers(&fixture(), &overlay).expect("valid");
    let guide = catalog
        .guide("Amazon-PM-Walkthrough")
        .expect("found ignoring case");
    assert_eq!(guide.sections[0].origin.line, 11);
    assert_eq!(guide.sources[1].origin.line, 21);
    let ids: Vec<&str> = catalog
        .guides_for_loop("amazon-pm")
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(ids, ["amazon-pm-walkthrough"]);
    assert!(catalog.general_guides().is_empty());
    let missing = catalog
        .guide("amazon-pm-walkthru")
        .expect_err("no such guide");
    assert!(
        missing
            .to_string()
            .contains("did you mean `amazon-pm-walkthrough`?"),
        "{missing}"
    );
}

#[test]
fn a_guide_naming_an_unknown_loop_fails_on_that_line_with_the_nearest_loop() {
    let text = guide_with("loops = [\"amazon-pm\"]", "loops = [\"amazon-pn\"]");
    one_problem(
        &text,
        "loops = ",
        "loops[0]",
        "unknown loop `amazon-pn`; did you mean `amazon-pm`?",
    );
    // A loop source is checked the same way.
    let text = guide_with("loop = \"amazon-pm\"", "loop = \"amazon-pmx\"");
    one_problem(
        &text,
        "loop = \"amazon-pmx\"",
        "loop",
        "unknown loop `amazon-pmx`",
    );
}

#[test]
fn unknown_companies_roles_and_questions_are_named() {
    let text = guide_with("companies = [\"amazon\"]", "companies = [\"amazn\"]");
    let found = layer_problems(&text);
    assert!(
        found
            .iter()
            .any(|d| d.field.as_deref() == Some("companies[0]")
                && d.message.contains("did you mean `amazon`?")),
        "{found:#?}"
    );
    let text = guide_with("roles = [\"pm\"]", "roles = [\"pmx\"]");
    let found = layer_problems(&text);
    assert!(
        found
            .iter()
            .any(|d| d.field.as_deref() == Some("roles[0]") && d.message.contains("pmx")),
        "{found:#?}"
    );
    let text = guide_with("questions = [\"q-001\"]", "questions = [\"q-011\"]");
    one_problem(
        &text,
        "questions = ",
        "questions[0]",
        "unknown question `q-011`",
    );
    // q-002 is asked of PMMs only.
    let text = guide_with("questions = [\"q-001\"]", "questions = [\"q-002\"]");
    one_problem(
        &text,
        "questions = ",
        "questions[0]",
        "none of the guide's roles",
    );
}

#[test]
fn a_loop_of_another_role_is_refused() {
    let text = guide_with("roles = [\"pm\"]", "roles = [\"pmm\"]")
        .replace("questions = [\"q-001\"]", "questions = [\"q-002\"]");
    one_problem(
        &text,
        "loops = ",
        "loops[0]",
        "is for role `pm`, which the guide's roles (pmm) leave out",
    );
}

#[test]
fn citations_must_name_a_source_and_every_source_must_be_cited() {
    let text = guide_with("[2].", "[3].");
    let found = layer_problems(&text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().any(|d| {
        d.field.as_deref() == Some("paragraphs[0]")
            && d.message
                .contains("cites [3], but the guide lists 2 sources")
    }));
    assert!(
        found.iter().any(|d| d.field.as_deref() == Some("title")
            && d.message.contains("source 2 is cited nowhere"))
    );
    // "[2026]" is a year in brackets, not a citation.
    let text = guide_with("Prepare two", "In [2026], prepare two");
    assert!(layer_problems(&text).is_empty());
}

#[test]
fn a_source_opens_and_is_dated() {
    let text = guide_with("https://example.com/guide", "example.com/guide");
    one_problem(&text, "url = ", "url", "not an address a reader can open");
    let text = guide_with("published = \"2026-06\"\n", "");
    one_problem(&text, "[[guide.source]]", "published", "give `published`");
    let text = guide_with("published = \"2026-06\"", "accessed = \"June 2026\"");
    one_problem(&text, "accessed = ", "accessed", "is not a date");
    let text = guide_with("as_of = \"2026-12-04\"\n", "");
    let found = layer_problems(&text);
    assert!(
        found.iter().any(|d| d.field.as_deref() == Some("as_of")),
        "{found:#?}"
    );
}

#[test]
fn a_guide_needs_prose_and_sources() {
    let text = guide_with("heading = \"Rounds\"", "heading = \"\"");
    one_problem(&text, "heading = ", "heading", "is empty or missing");
    let sourceless = GUIDE
        .split("[[guide.source]]")
        .next()
        .unwrap_or_default()
        .replace(" [1]", "")
        .replace(" [2]", "");
    one_problem(
        &sourceless,
        "[[guide]]",
        "source",
        "at least one [[guide.source]]",
    );
}

#[test]
fn the_built_in_guides_cover_the_role_choice_and_every_loop_at_readable_length() {
    let catalog = load(None).expect("built-in content is valid");
    let general: Vec<&str> = catalog
        .general_guides()
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(general, ["pm-or-pmm"]);
    for l in catalog.loops() {
        assert_eq!(
            catalog.guides_for_loop(&l.id).len(),
            1,
            "loop {} needs exactly one guide",
            l.id
        );
    }
    for g in catalog.guides() {
        let words = g.word_count();
        assert!(
            (600..=1_200).contains(&words),
            "guide {} has {words} words; keep it between 600 and 1,200",
            g.id
        );
        assert!(!g.questions.is_empty(), "guide {} links no questions", g.id);
    }
}
