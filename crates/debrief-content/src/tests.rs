use super::*;

/// The minimal fixture pack, as files named `fixture/<name>`.
fn fixture() -> Vec<SourceFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    let mut files = read_folder(&dir).expect("fixture folder reads");
    for f in &mut files {
        let name = f.path.rsplit('/').next().unwrap_or_default().to_owned();
        f.path = format!("fixture/{name}");
    }
    files
}

/// The fixture with `from` replaced by `to` in file `name`; panics if `from` is absent, so a
/// test cannot silently check an unbroken pack.
fn broken(name: &str, from: &str, to: &str) -> Vec<SourceFile> {
    let mut files = fixture();
    let file = files
        .iter_mut()
        .find(|f| f.path == format!("fixture/{name}"))
        .expect("fixture file exists");
    assert!(file.text.contains(from), "fixture {name} lacks {from:?}");
    file.text = file.text.replacen(from, to, 1).into();
    files
}

fn problems(files: &[SourceFile]) -> Vec<Diagnostic> {
    match load_layers(files, &[]) {
        Ok(_) => Vec::new(),
        Err(ContentError::Invalid(d)) => d,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

/// Panics unless one of `found` is on `field` and its message says `text`.
#[track_caller]
fn assert_problem(found: &[Diagnostic], field: &str, text: &str) {
    assert!(
        found
            .iter()
            .any(|d| d.field.as_deref() == Some(field) && d.message.contains(text)),
        "no problem on `{field}` saying {text:?}: {found:#?}"
    );
}

/// Asserts exactly one problem, at `file:line`, about `field`, whose message contains `says`.
fn check(files: &[SourceFile], file: &str, line: u32, field: Option<&str>, says: &str) {
    let found = problems(files);
    assert_eq!(found.len(), 1, "expected one problem, got: {found:#?}");
    let d = &found[0];
    assert_eq!(d.file, format!("fixture/{file}"), "{d}");
    assert_eq!(d.line, line, "{d}");
    assert_eq!(d.field.as_deref(), field, "{d}");
    assert!(d.message.contains(says), "{d} should say {says:?}");
}

fn line_containing(name: &str, needle: &str) -> u32 {
    let files = fixture();
    let file = files
        .iter()
        .find(|f| f.path == format!("fixture/{name}"))
        .expect("file");
    let n = file
        .text
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle present");
    n as u32 + 1
}

#[test]
fn the_fixture_is_valid() {
    let catalog = load_layers(&fixture(), &[]).expect("fixture is valid");
    assert_eq!(catalog.questions().len(), 2);
    assert_eq!(
        catalog.loops()[0].rounds[0].origin.line,
        line_containing("loop.toml", "[[loop.round]]")
    );
}

#[test]
fn unknown_referenced_ids_name_file_line_and_field() {
    let files = broken(
        "questions.toml",
        "round = \"behavioral\"",
        "round = \"behavioural\"",
    );
    let line = line_containing("questions.toml", "round = \"behavioral\"");
    check(
        &files,
        "questions.toml",
        line,
        Some("round"),
        "did you mean `behavioral`?",
    );

    let files = broken("loop.toml", "id = \"dive-deep\"", "id = \"dive-deeper\"");
    let line = line_containing("loop.toml", "principles = [");
    check(
        &files,
        "loop.toml",
        line,
        Some("principles[0].id"),
        "unknown principle `dive-deeper`",
    );

    let files = broken(
        "loop.toml",
        "round = \"bar-raiser\"",
        "round = \"hiring-manager\"",
    );
    let line = line_containing("loop.toml", "round = \"bar-raiser\"");
    check(
        &files,
        "loop.toml",
        line,
        Some("round"),
        "unknown round of this loop `hiring-manager`",
    );
}

/// A user layer adding Google with one hiring attribute, laid over the fixture.
const GOOGLE_LAYER: &str = "[[company]]\nid = \"google\"\nname = \"Google\"\n\
    summary = \"Judged on attributes.\"\nuses_principles = true\n\
    principle_word = \"hiring attribute\"\nprinciples_word = \"hiring attributes\"\n\n\
    [[level]]\ncompany = \"google\"\nid = \"l5\"\nname = \"L5\"\npm_title = \"PM\"\n\
    pmm_title = \"PMM\"\nscope = \"A product.\"\nbar = \"Judgment.\"\n\n\
    [[principle]]\nid = \"googleyness\"\ncompany = \"google\"\nnumber = 1\n\
    name = \"Googleyness\"\ngist = \"g\"\npm_proof = \"p\"\npmm_proof = \"q\"\n\
    source = \"s\"\nas_of = \"2025\"\n";

/// A Google loop of one behavioral round weighting `principle`.
fn google_loop(principle: &str) -> String {
    format!(
        "[[loop]]\nid = \"google-pm\"\ncompany = \"google\"\nrole = \"pm\"\n\
         summary = \"A loop.\"\nlevels = [\"l5\"]\n\n[[loop.round]]\nid = \"leadership\"\n\
         kind = \"behavioral\"\ntitle = \"Leadership\"\nminutes = 45\ninterviewer = \"A PM\"\n\
         judges = [\"Leading\"]\nprinciples = [{{ id = \"{principle}\", weight = 3 }}]\n\
         source = \"A write-up\"\nas_of = \"2025\"\n"
    )
}

#[test]
fn a_loop_weights_and_a_company_question_names_only_its_own_companys_principles() {
    // Google's loop weighting Googleyness is fine.
    let fine = layer_problems(&format!("{GOOGLE_LAYER}\n{}", google_loop("googleyness")));
    assert!(fine.is_empty(), "{fine:#?}");
    // Weighting Amazon's Dive Deep is refused on the weight's line, listing Google's own.
    let found = layer_problems(&format!("{GOOGLE_LAYER}\n{}", google_loop("dive-deep")));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].field.as_deref(), Some("principles[0].id"));
    assert!(
        found[0]
            .message
            .contains("`dive-deep` is a principle of amazon, not of google")
            && found[0].message.contains("googleyness"),
        "{found:#?}"
    );
    // A question tagged with Google may name only Google's; an untagged one may name any.
    let question = |company: &str, principle: &str| {
        format!(
            "{GOOGLE_LAYER}\n[[question]]\nid = \"q-009\"\ntext = \"Tell me about it.\"\n\
             roles = [\"pm\"]\nround = \"behavioral\"\n{company}\
             principles = [\"{principle}\"]\ndifficulty = \"easy\"\n"
        )
    };
    assert!(layer_problems(&question("company = \"google\"\n", "googleyness")).is_empty());
    assert!(layer_problems(&question("", "dive-deep")).is_empty());
    let found = layer_problems(&question("company = \"google\"\n", "dive-deep"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].field.as_deref(), Some("principles[0]"));
    // A principle's company must exist, and its number is unique within that company only.
    let stray = GOOGLE_LAYER.replace(
        "company = \"google\"\nnumber",
        "company = \"gogle\"\nnumber",
    );
    let found = layer_problems(&stray);
    assert_problem(&found, "company", "google");
    let twelve = GOOGLE_LAYER.replace("number = 1", "number = 12");
    assert!(
        layer_problems(&twelve).is_empty(),
        "Dive Deep's 12 is Amazon's"
    );
    // A company whose principles the pack holds says what it calls them.
    let unnamed = GOOGLE_LAYER.replace("principle_word = \"hiring attribute\"\n", "");
    let found = layer_problems(&unnamed);
    assert!(
        found
            .iter()
            .any(|d| d.field.as_deref() == Some("principle_word")),
        "{found:#?}"
    );
}

#[test]
fn duplicate_ids_point_at_the_second_and_name_the_first() {
    let files = broken("questions.toml", "id = \"q-002\"", "id = \"q-001\"");
    let line = line_containing("questions.toml", "id = \"q-002\"");
    let first = line_containing("questions.toml", "id = \"q-001\"") - 1;
    check(
        &files,
        "questions.toml",
        line,
        Some("id"),
        &format!("duplicate question id `q-001`; first defined at fixture/questions.toml:{first}"),
    );
}

#[test]
fn weights_that_do_not_sum_to_100_are_reported() {
    let files = broken("rubric.toml", "weight = 40", "weight = 45");
    let line = line_containing("rubric.toml", "[[rubric]]");
    check(
        &files,
        "rubric.toml",
        line,
        Some("dimension"),
        "sum to 105; they must sum to 100",
    );
}

#[test]
fn missing_anchors_are_reported_on_the_anchor_line() {
    let files = broken("rubric.toml", "hire = \"A number.\", ", "");
    let line = line_containing("rubric.toml", "no_hire = \"A result, no number.\"");
    check(
        &files,
        "rubric.toml",
        line,
        Some("anchors.hire"),
        "anchor is empty or missing",
    );
}

#[test]
fn empty_text_is_reported() {
    let files = broken(
        "questions.toml",
        "Tell me about a metric you traced to its root cause.",
        " ",
    );
    let line = line_containing("questions.toml", "Tell me about a metric");
    check(
        &files,
        "questions.toml",
        line,
        Some("text"),
        "is empty or missing",
    );
}

#[test]
fn bad_enums_are_reported() {
    let files = broken(
        "questions.toml",
        "difficulty = \"hard\"",
        "difficulty = \"brutal\"",
    );
    let line = line_containing("questions.toml", "difficulty = \"hard\"");
    check(
        &files,
        "questions.toml",
        line,
        Some("difficulty"),
        "valid: easy, medium, hard",
    );

    let files = broken(
        "questions.toml",
        "roles = [\"pmm\"]",
        "roles = [\"pmm\", \"designer\"]",
    );
    let line = line_containing("questions.toml", "roles = [\"pmm\"]");
    check(
        &files,
        "questions.toml",
        line,
        Some("roles[1]"),
        "unknown role `designer`",
    );
}

#[test]
fn toml_syntax_and_unknown_fields_name_the_line() {
    let files = broken(
        "questions.toml",
        "difficulty = \"medium\"",
        "difficulty = \"medium",
    );
    let line = line_containing("questions.toml", "difficulty = \"medium\"");
    check(&files, "questions.toml", line, None, "");

    let files = broken(
        "questions.toml",
        "difficulty = \"medium\"",
        "dificulty = \"medium\"",
    );
    let found = problems(&files);
    assert!(
        found.iter().any(|d| d.file == "fixture/questions.toml"
            && d.line == line
            && d.message.contains("unknown field `dificulty`")),
        "{found:#?}"
    );
}

#[test]
fn every_problem_is_reported_at_once_across_files() {
    let mut files = broken(
        "questions.toml",
        "difficulty = \"hard\"",
        "difficulty = \"brutal\"",
    );
    let rubric = files
        .iter_mut()
        .find(|f| f.path.ends_with("rubric.toml"))
        .expect("rubric");
    rubric.text = rubric.text.replacen("weight = 40", "weight = 10", 1).into();
    let syntax = files
        .iter_mut()
        .find(|f| f.path.ends_with("base.toml"))
        .expect("base");
    syntax.text.to_mut().push_str("\n[[company]\n");
    let found = problems(&files);
    let files_named: Vec<&str> = found.iter().map(|d| d.file.as_str()).collect();
    assert!(
        files_named.contains(&"fixture/questions.toml"),
        "{found:#?}"
    );
    assert!(files_named.contains(&"fixture/rubric.toml"), "{found:#?}");
    assert!(files_named.contains(&"fixture/base.toml"), "{found:#?}");
}

#[test]
fn a_user_layer_overrides_by_id_and_adds() {
    let overlay = vec![SourceFile {
        path: "mine/q.toml".into(),
        text: r#"
[[question]]
id = "q-001"
text = "Walk me through the last metric you debugged."
roles = ["pm"]
round = "behavioral"
difficulty = "easy"

[[question]]
id = "mine-001"
text = "Why this team?"
roles = ["pm", "pmm"]
round = "behavioral"
difficulty = "easy"
"#
        .into(),
    }];
    let catalog = load_layers(&fixture(), &overlay).expect("valid overlay");
    assert_eq!(catalog.questions().len(), 3);
    let q = catalog.question("q-001").expect("still there");
    assert_eq!(q.text, "Walk me through the last metric you debugged.");
    assert_eq!(q.origin.file, "mine/q.toml");
    assert_eq!(catalog.questions()[0].id, "q-001", "replaced in place");
}

#[test]
fn duplicates_inside_a_user_layer_are_not_hidden_by_the_merge() {
    let text = "[[question]]\nid = \"q-001\"\ntext = \"A\"\nroles = [\"pm\"]\nround = \"behavioral\"\ndifficulty = \"easy\"\n";
    let overlay = vec![SourceFile {
        path: "mine/q.toml".into(),
        text: format!("{text}\n{text}").into(),
    }];
    let found = match load_layers(&fixture(), &overlay) {
        Err(ContentError::Invalid(d)) => d,
        other => panic!("expected a duplicate, got {other:?}"),
    };
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].file.as_str(), found[0].line), ("mine/q.toml", 9));
}

#[test]
fn a_missing_user_folder_is_a_clear_error() {
    let err = load(Some(Path::new("/definitely/not/here"))).expect_err("missing folder");
    assert!(
        err.to_string()
            .contains("does not exist or is not a folder"),
        "{err}"
    );
}

#[test]
fn headers_map_nested_entries_to_lines() {
    let text = "[[loop]]\nid='a'\n[[loop.round]]\nid='x'\n[[loop.round]]\nid='y'\n[[loop]]\nid='b'\n[[loop.round]]\nid='z'\n";
    let h = Headers::scan(text);
    assert_eq!(h.line_of("loop", 0, 1), 7);
    assert_eq!(h.line_of("loop.round", 0, 1), 5);
    assert_eq!(h.line_of("loop.round", 1, 0), 9);
    assert_eq!(
        h.line_of("loop.round", 1, 5),
        7,
        "missing falls back to the parent"
    );
}

#[test]
fn the_built_in_pack_is_valid_and_complete() {
    let catalog = load(None).unwrap_or_else(|e| panic!("{e}"));
    let pack = catalog.pack();
    assert_eq!(catalog.principles_of("amazon").len(), 16);
    assert_eq!(
        catalog.principles_of("google").len(),
        4,
        "Google's hiring attributes"
    );
    assert_eq!(
        catalog.principles_of("meta").len(),
        3,
        "Meta's PM competencies"
    );
    assert_eq!(pack.principles.len(), 23);
    assert_eq!(pack.roles.len(), 2);
    assert_eq!(pack.round_kinds.len(), 13);
    assert_eq!(
        pack.loops.len(),
        7,
        "a loop per company and role, and Amazon's PM-T track"
    );
    assert_eq!(pack.rubrics.len(), 26, "a rubric per round kind and role");
    assert!(
        pack.questions.len() >= 300,
        "{} questions",
        pack.questions.len()
    );
    let only = |role: &str| {
        pack.questions
            .iter()
            .filter(|q| q.roles.len() == 1 && q.roles[0] == role)
            .count()
    };
    assert!(only("pmm") >= 60, "{} PMM-only", only("pmm"));
    assert!(only("pm") >= 60, "{} PM-only", only("pm"));
    for p in &pack.principles {
        let n = pack
            .questions
            .iter()
            .filter(|q| q.round == "behavioral" && q.principles.contains(&p.id))
            .count();
        // Google's and Meta's competencies have a behavioral round of their own to fill.
        let least = if p.company == "amazon" { 2 } else { 5 };
        assert!(n >= least, "{} has {n} behavioral questions", p.id);
    }
    for company in ["amazon", "google", "meta"] {
        for role in ["pm", "pmm"] {
            let view = catalog.loop_view(company, role, None).expect("loop exists");
            assert!(view.rounds.len() >= 4, "{company} {role}");
            // Every loop weights its own company's principles, and only those.
            assert!(!view.principle_weights.is_empty(), "{company} {role}");
            for w in &view.principle_weights {
                let p = catalog.principle(w.id).expect("weighted principle exists");
                assert_eq!(p.company, company, "{company} {role} weights {}", w.id);
            }
        }
    }
    // System design and the technical screen are the PM-T track's, not every Amazon PM's.
    let kinds = |track: Option<&str>| -> Vec<String> {
        let view = catalog
            .loop_view_on("amazon", "pm", track, None)
            .expect("an Amazon PM loop");
        view.rounds.iter().map(|r| r.round.kind.clone()).collect()
    };
    assert!(kinds(Some("pm-t")).iter().any(|k| k == "system-design"));
    assert!(kinds(None).iter().all(|k| k != "system-design"));
    // Every loop has a sourced step after its interviews, and every company a review.
    for lp in catalog.loops() {
        assert!(
            lp.stages.iter().any(|s| s.after == "loop"),
            "{} has no step after the loop",
            lp.id
        );
    }
    for c in catalog.companies() {
        assert!(c.review.is_some(), "{} has no review", c.id);
    }
    let amazon_pmm = catalog
        .loop_view("amazon", "pmm", Some("l5"))
        .expect("amazon pmm l5");
    assert!(
        amazon_pmm
            .rounds
            .iter()
            .any(|r| r.round.bar_raiser && r.round.title == "Bar Raiser")
    );
}

#[test]
fn calibration_folders_are_not_read_as_pack_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("calibration")).expect("mkdir");
    std::fs::write(
        dir.path().join("calibration/pairs.toml"),
        "[[pair]]\nid = \"x\"\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("extra.toml"),
        "[[question]]\nid = \"extra-1\"\ntext = \"Why us?\"\nroles = [\"pm\"]\n\
         round = \"behavioral\"\ndifficulty = \"easy\"\n",
    )
    .expect("write");
    let files = read_folder(dir.path()).expect("reads");
    assert_eq!(
        files.len(),
        1,
        "{:?}",
        files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    assert!(
        built_in_files()
            .iter()
            .all(|f| !f.path.starts_with("content/calibration/"))
    );
}

#[test]
fn artifact_pairs_are_read_as_documents_apart_from_the_answer_pairs() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sub in ["tuning", "artifacts/tuning", "artifacts/held-out"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
    }
    std::fs::write(
        dir.path().join("tuning/pm.toml"),
        "[[pair]]\nid = \"cal-x\"\nquestion_text = \"Why us?\"\nrole = \"pm\"\n\
         round = \"behavioral\"\nstrong = \"a\"\nweak = \"b\"\nweak_categories = []\n",
    )
    .expect("write");
    let pair = "[[artifact_pair]]\nid = \"ID\"\nkind = \"prd\"\nrole = \"pm\"\n\
                prompt = \"Write a PRD.\"\nstrong = \"s\"\nweak = \"w\"\n";
    for (part, id) in [("tuning", "cal-art-prd-01"), ("held-out", "cal-art-prd-02")] {
        std::fs::write(
            dir.path().join(format!("artifacts/{part}/prd.toml")),
            pair.replace("ID", id),
        )
        .expect("write");
    }
    let set = read_calibration(dir.path()).expect("both formats parse");
    assert_eq!(set.pairs.len(), 1);
    let parts: Vec<(&str, bool, u32)> = set
        .artifact_pairs
        .iter()
        .map(|p| (p.id.as_str(), p.held_out, p.origin.line))
        .collect();
    assert_eq!(
        parts,
        vec![("cal-art-prd-02", true, 1), ("cal-art-prd-01", false, 1)]
    );
    let built_in = built_in_calibration().expect("the built-in set parses");
    assert!(
        built_in
            .pairs
            .iter()
            .all(|p| !p.origin.file.contains("/artifacts/"))
    );
    assert!(built_in.artifact_pairs.len() >= 15 * 7);
    assert!(built_in.artifact_pairs.iter().any(|p| p.held_out));
}

mod bank;
mod coaching;
mod guides;
mod stages;

/// The problems of a user layer holding `table` (a `[score_model]`, a rule, ...), or none.
fn layer_problems(table: &str) -> Vec<Diagnostic> {
    let overlay = vec![SourceFile {
        path: "mine/score.toml".into(),
        text: table.to_owned().into(),
    }];
    match load_layers(&fixture(), &overlay) {
        Ok(_) => Vec::new(),
        Err(ContentError::Invalid(d)) => d,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

#[test]
fn a_score_model_layer_replaces_the_default_and_is_validated() {
    let good = "[score_model]\nbase = 40\n\n[[score_model.feature]]\nid = \"numbers\"\n\
                label = \"Numbers\"\npoints = 2.5\ncap = 8\n";
    let overlay = vec![SourceFile {
        path: "mine/score.toml".into(),
        text: good.into(),
    }];
    let catalog = load_layers(&fixture(), &overlay).expect("valid model");
    assert_eq!(catalog.score_model().base, 40.0);
    assert_eq!(catalog.score_model().features.len(), 1);

    let bad = "[score_model]\nbase = 40\n\n[[score_model.feature]]\nid = \"vibes\"\n\
               label = \"Vibes\"\npoints = 2\ncap = 0\nneutral = 3\n\n\
               [[score_model.feature]]\nid = \"numbers\"\nlabel = \"\"\npoints = 1\ncap = 8\n";
    let found = layer_problems(bad);
    let says = |field: &str, text: &str| {
        assert!(
            found.iter().any(|d| d.file == "mine/score.toml"
                && d.field.as_deref() == Some(field)
                && d.message.contains(text)),
            "no problem at {field} saying {text:?}: {found:#?}"
        );
    };
    says("feature[0].id", "numbers");
    says("feature[0].cap", "above 0");
    says("feature[0].neutral", "between 0 and the feature's cap");
    says("feature[1].label", "");
    assert_eq!(found.len(), 4, "{found:#?}");
    let empty = layer_problems("[score_model]\nbase = 1\n");
    assert_eq!(empty.len(), 1, "{empty:#?}");
    assert!(empty[0].message.contains("at least one"), "{empty:#?}");
}

#[test]
fn a_flaw_model_layer_is_read_line_by_line_and_validated() {
    let good = "[flaw_model]\n\n[[flaw_model.category]]\ncategory = \"poor-shape\"\nbias = -0.2\n\
                threshold = 1.5\nweights = \'\'\'\nthere 1.25\na lot 0.5\nthat -0.75\n\'\'\'\n";
    let overlay = vec![SourceFile {
        path: "mine/score.toml".into(),
        text: good.into(),
    }];
    let catalog = load_layers(&fixture(), &overlay).expect("valid model");
    let model = catalog.flaw_model();
    assert_eq!(model.categories.len(), 1);
    let entries: Vec<_> = model.categories[0].entries().collect();
    assert_eq!(
        entries,
        vec![Ok(("there", 1.25)), Ok(("a lot", 0.5)), Ok(("that", -0.75))]
    );

    let bad = "[flaw_model]\n\n[[flaw_model.category]]\ncategory = \"vibes\"\nbias = 0\n\
               threshold = 1\nweights = \'\'\'\nthere\nThere 1\none two three 1\n\'\'\'\n\n\
               [[flaw_model.category]]\ncategory = \"poor-shape\"\nbias = 0\nthreshold = 1\n\
               weights = \'\'\'\n\'\'\'\n\n\
               [[flaw_model.category]]\ncategory = \"poor-shape\"\nbias = 0\nthreshold = 1\n\
               weights = \'\'\'\n\'\'\'\n";
    let found = layer_problems(bad);
    let says = |field: &str, text: &str| assert_problem(&found, field, text);
    says("category[0].category", "unknown category `vibes`");
    says(
        "category[0].weights",
        "`there` is not a feature and its weight",
    );
    says("category[0].weights", "`There` is not one lower-case word");
    says(
        "category[0].weights",
        "`one two three` is not one lower-case word",
    );
    says("category[2].category", "learned twice");
    assert_eq!(found.len(), 5, "{found:#?}");

    // A rule that reads learned weights needs them.
    let rule = "[[rule]]\nid = \"learned-x\"\ncategory = \"no-backbone\"\nseverity = \"warning\"\n\
                kind = \"metric\"\nmetric = \"flaw-likeness\"\nmax = 0.0\nmessage = \"m\"\n\
                suggestion = \"s\"\nexamples = { flag = [\"a\"], pass = [\"b\"] }\n";
    let found = layer_problems(rule);
    assert_problem(&found, "metric", "--fit-flaws");
}

#[test]
fn word_order_pairs_name_two_known_classes() {
    let grading = "[grading]\nstrong_hire = 80\nhire = 60\nno_hire = 35\nwords_per_minute = 150\n\n\
                   [grading.word_order_odds]\n\"determiner word\" = 0.4\n\"the of\" = -3\n\
                   \"start word end\" = 1\n";
    let found = layer_problems(grading);
    let bad: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.field.as_deref() == Some("word_order_odds"))
        .collect();
    assert_eq!(bad.len(), 2, "{found:#?}");
    assert!(
        bad.iter().any(|d| d.message.contains("`the of`")),
        "{bad:#?}"
    );
    assert!(
        bad.iter().any(|d| d.message.contains("`start word end`")),
        "{bad:#?}"
    );
}

#[test]
fn not_followed_by_takes_single_lowercase_words_on_existence_rules() {
    let rule = |kind: &str, words: &str| {
        format!(
            "[[rule]]\nid = \"mine-rule\"\ncategory = \"weasel-words\"\nseverity = \"info\"\n\
             kind = \"{kind}\"\nphrases = [\"i owned the product\"]\nnot_followed_by = {words}\n\
             message = \"m\"\nsuggestion = \"s\"\nexamples = {{ flag = [\"I owned the product.\"], \
             pass = [\"I owned the product marketing.\"] }}\n"
        )
    };
    let fine = layer_problems(&rule("existence", "[\"marketing\"]"));
    assert!(fine.is_empty(), "{fine:#?}");
    let found = layer_problems(&rule("existence", "[\"Marketing page\"]"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].field.as_deref(), Some("not_followed_by[0]"));
    assert!(
        found[0].message.contains("one lowercase word"),
        "{found:#?}"
    );
    let found = layer_problems(&rule("missing", "[\"marketing\"]"));
    assert!(
        found
            .iter()
            .any(|d| d.field.as_deref() == Some("not_followed_by")),
        "{found:#?}"
    );
}

#[test]
fn not_preceded_by_takes_single_lowercase_words_on_existence_rules() {
    let rule = |kind: &str, words: &str| {
        format!(
            "[[rule]]\nid = \"mine-rule\"\ncategory = \"weasel-words\"\nseverity = \"info\"\n\
             kind = \"{kind}\"\nphrases = [\"kind of\"]\nnot_preceded_by = {words}\n\
             message = \"m\"\nsuggestion = \"s\"\nexamples = {{ flag = [\"It was kind of slow.\"], \
             pass = [\"It was the same kind of work.\"] }}\n"
        )
    };
    let fine = layer_problems(&rule("existence", "[\"same\"]"));
    assert!(fine.is_empty(), "{fine:#?}");
    let found = layer_problems(&rule("existence", "[\"the same\"]"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].field.as_deref(), Some("not_preceded_by[0]"));
    assert!(found[0].message.contains("right before"), "{found:#?}");
    let found = layer_problems(&rule("missing", "[\"same\"]"));
    assert!(
        found
            .iter()
            .any(|d| d.field.as_deref() == Some("not_preceded_by")),
        "{found:#?}"
    );
}

#[test]
fn principle_evidence_scoring_from_principles_and_asked_by_are_checked() {
    // Evidence names signals that exist.
    let principle = "[[principle]]\nid = \"frugality\"\nnumber = 10\nname = \"Frugality\"\n\
                     gist = \"g\"\npm_proof = \"p\"\npmm_proof = \"q\"\n\
                     source = \"s\"\nas_of = \"2025\"\n\
                     pm_evidence = [\"owned-decision\"]\npmm_evidence = [\"owned-decison\"]\n";
    let found = layer_problems(principle);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].field.as_deref(), Some("pmm_evidence[0]"));
    assert!(found[0].message.contains("owned-decision"), "{found:#?}");
    // A dimension scored from the principles takes no signals of its own.
    let scoring = "[[scoring]]\ndimension = \"results\"\nprinciples = true\n\
                   signals = [\"owned-decision\"]\n";
    let found = layer_problems(scoring);
    assert_problem(&found, "signals", "principle");
    // `asked_by` is matched in the question's words: plain phrases, no classes.
    let rule = |asked: &str| {
        format!(
            "[[rule]]\nid = \"mine-asked\"\ncategory = \"no-measure\"\nseverity = \"error\"\n\
             kind = \"missing\"\nasked_by = {asked}\nphrases = [\"@number\"]\nmin_words = 1\n\
             message = \"m\"\nsuggestion = \"s\"\nexamples = {{ question = \"How many?\", \
             flag = [\"Lots.\"], pass = [\"About 40.\"] }}\n"
        )
    };
    let fine = layer_problems(&rule("[\"how many\"]"));
    assert!(fine.is_empty(), "{fine:#?}");
    let found = layer_problems(&rule("[\"@number\"]"));
    assert_problem(&found, "asked_by", "plain");
    // A question class is read from the question, so it is accepted beside phrases.
    let fine = layer_problems(&rule("[\"@asks-past\", \"how many\"]"));
    assert!(fine.is_empty(), "{fine:#?}");
}

#[test]
fn min_count_and_unless_asked_are_read_on_existence_rules_only() {
    let rule = |kind: &str| {
        format!(
            "[[rule]]\nid = \"mine-absurd\"\ncategory = \"weasel-words\"\nseverity = \"info\"\n\
             kind = \"{kind}\"\nphrases = [\"on the moon\", \"by pigeon\"]\nmin_count = 2\n\
             unless_asked = true\n\
             message = \"m\"\nsuggestion = \"s\"\nexamples = {{ flag = [\"On the moon, by pigeon.\"], \
             pass = [\"By pigeon.\"] }}\n"
        )
    };
    assert!(layer_problems(&rule("existence")).is_empty());
    let found = layer_problems(&rule("missing"));
    for field in ["min_count", "unless_asked"] {
        assert!(
            found.iter().any(|d| d.field.as_deref() == Some(field)),
            "{field}: {found:#?}"
        );
    }
}

#[test]
fn question_meaning_takes_a_share_below_and_replaces_names_real_rules() {
    let rule = |extra: &str| {
        format!(
            "[[rule]]\nid = \"mine-meaning\"\ncategory = \"poor-shape\"\nseverity = \"error\"\n\
             kind = \"metric\"\nmetric = \"question-meaning\"\nmin = 0.1\n{extra}\n\
             message = \"m\"\nsuggestion = \"s\"\nexamples = {{ flag = [\"Off.\"], pass = [\"On.\"] }}\n"
        )
    };
    // Whether a problem on `field` says `needle`.
    let says = |extra: &str, field: &str, needle: &str| {
        assert_problem(&layer_problems(&rule(extra)), field, needle);
    };
    let fine = layer_problems(&rule("overlap_below = 0.3\nreplaces = [\"fog-helped\"]"));
    assert!(fine.is_empty(), "{fine:#?}");
    // The relevance it measures holds topic words as well as meaning, so the extra bound on
    // words is optional; when given, it is a share.
    let bare = layer_problems(&rule(""));
    assert!(bare.is_empty(), "{bare:#?}");
    says("overlap_below = 30", "overlap_below", "0 to 1");
    // A replaced rule exists, with a did-you-mean when it is a near miss.
    says(
        "overlap_below = 0.3\nreplaces = [\"fog-helpd\"]",
        "replaces",
        "fog-helped",
    );
    says(
        "overlap_below = 0.3\nreplaces = [\"mine-meaning\"]",
        "replaces",
        "itself",
    );
}

#[test]
fn pay_content_is_validated_field_by_field_on_its_line() {
    let source =
        "source = \"s\"\nurl = \"https://example.org/p\"\nas_of = \"2025\"\nsources = \"one\"\n";
    let layer = format!(
        "[[vesting]]\nid = \"odd\"\nkind = \"refresher\"\nname = \"n\"\nabout = \"a\"\n\
         percent_by_year = [25, 25, 25, 20]\nvests_per_year = [1, 1, 1, 1]\n{source}\n\
         [[vesting]]\nid = \"ours\"\ncompany = \"amazon\"\nkind = \"new-hire\"\nname = \"n\"\n\
         about = \"a\"\npercent_by_year = [100]\nvests_per_year = [5]\n{source}\n\
         [[pay]]\ncompany = \"amazon\"\nrole = \"designer\"\nlevel = \"l9\"\n\
         total = [300000, 200000]\nsource = \"s\"\nurl = \"example.org\"\nas_of = \"last year\"\n\
         sources = \"some\"\n"
    );
    let found = layer_problems(&layer);
    let said = |field: &str, says: &str| assert_problem(&found, field, says);
    said("percent_by_year", "adds up to 95%, not 100%");
    said("percent_by_year", "5 vests a year is not allowed");
    said("id", "name it `amazon`");
    said("role", "designer");
    said("level", "l9");
    said("total", "starts above its end");
    said("url", "https://");
    said("as_of", "not a date");
    said("sources", "some");
    // Each on the line of its field.
    let line_of = |field: &str| {
        found
            .iter()
            .find(|d| d.field.as_deref() == Some(field))
            .map(|d| d.line)
    };
    assert_eq!(line_of("total"), Some(30), "{found:#?}");
}

#[test]
fn a_question_that_casts_the_candidate_as_one_role_is_not_asked_of_the_other() {
    let catalog = crate::load(None).expect("built-in pack");
    let casts = |text: &str, role: &str| {
        let t = text.to_lowercase();
        ["you're a ", "you are a ", "as a "].iter().any(|lead| {
            t.contains(&format!("{lead}{role} ")) || t.contains(&format!("{lead}{role},"))
        })
    };
    let wrong: Vec<&str> = catalog
        .questions()
        .iter()
        .filter(|q| {
            (casts(&q.text, "pm") && q.roles.iter().any(|r| r == "pmm"))
                || (casts(&q.text, "pmm") && q.roles.iter().any(|r| r == "pm"))
        })
        .map(|q| q.id.as_str())
        .collect();
    assert!(
        wrong.is_empty(),
        "framed for one role, asked of the other: {wrong:?}"
    );
}

/// Every entry's origin, in the order `origins_mut` visits them.
fn origins(pack: &mut Pack) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    pack.origins_mut(&mut |_, _, _, o| out.push((o.file.clone(), o.line)));
    out
}

#[test]
fn the_build_snapshot_is_the_pack_the_built_in_files_parse_to() {
    let mut diagnostics = Vec::new();
    let mut parsed = parse_layer(&built_in_files(), &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let (mut snapshot, valid) =
        built_in_snapshot().expect("the built-in files parse, so the build wrote a snapshot");
    assert!(valid, "the built-in pack is valid, and the build says so");
    assert_eq!(
        serde_json::to_value(&snapshot).expect("serializes"),
        serde_json::to_value(&parsed).expect("serializes"),
        "the snapshot is stale or loses a field"
    );
    let (a, b) = (origins(&mut snapshot), origins(&mut parsed));
    assert!(a.len() > 1000 && a.iter().all(|(f, l)| f.starts_with("content/") && *l > 0));
    assert_eq!(a, b);
}

#[test]
fn an_overlay_laid_over_the_snapshot_is_validated_and_its_problems_located() {
    let (base, _) = built_in_snapshot().expect("snapshot");
    let overlay = [SourceFile {
        path: "mine/questions.toml".into(),
        text: "[[question]]\nid = \"mx-001\"\ntext = \"Why?\"\nround = \"no-such-round\"\n".into(),
    }];
    let Err(ContentError::Invalid(d)) = load_over(base, Vec::new(), &built_in_files(), &overlay)
    else {
        panic!("an unknown round kind is refused");
    };
    // The overlay's own problem is on its line ...
    assert!(
        d.iter().any(|d| d.file == "mine/questions.toml"
            && d.line == 4
            && d.message.contains("no-such-round")),
        "{d:?}"
    );
    // ... and a built-in entry that now points at a changed question is placed on its own
    // line, which the snapshot kept.
    assert!(
        d.iter().any(|d| d.file.starts_with("content/examples/")
            && d.line > 1
            && d.message.contains("mx-001")),
        "{d:?}"
    );
}

#[test]
fn a_question_that_names_a_level_must_be_tagged_with_it() {
    let overlay = |levels: &str| {
        [SourceFile {
            path: "mine/questions.toml".into(),
            text: format!(
                "[[question]]\nid = \"mine-l6\"\ntext = \"This is an L6 role. What would you own?\"\n\
                 roles = [\"pm\"]\nround = \"recruiter-screen\"\ncompany = \"amazon\"\n\
                 difficulty = \"easy\"\n{levels}"
            )
            .into(),
        }]
    };
    let base = || built_in_snapshot().expect("snapshot").0;
    let Err(ContentError::Invalid(d)) =
        load_over(base(), Vec::new(), &built_in_files(), &overlay(""))
    else {
        panic!("an untagged level is refused");
    };
    assert_problem(&d, "levels", "L6");
    assert!(
        load_over(
            base(),
            Vec::new(),
            &built_in_files(),
            &overlay("levels = [\"l6\"]\n")
        )
        .is_ok()
    );
}

#[test]
fn a_round_weighting_more_principles_than_an_interviewer_holds_is_refused() {
    let amazon = built_in_files()
        .into_iter()
        .find(|f| f.path == "content/companies/amazon.toml")
        .expect("amazon.toml");
    let text = amazon
        .text
        .replace("round_principles_max = 3", "round_principles_max = 1")
        .replace("loop_principles_min = 12", "loop_principles_min = 16");
    assert_ne!(text, amazon.text, "the limits are set in amazon.toml");
    let overlay = [SourceFile {
        path: "mine/amazon.toml".into(),
        text: text.into(),
    }];
    let (base, _) = built_in_snapshot().expect("snapshot");
    let Err(ContentError::Invalid(d)) = load_over(base, Vec::new(), &built_in_files(), &overlay)
    else {
        panic!("the tighter limits are broken by the built-in loops");
    };
    assert!(
        d.iter().any(|d| d.file == "content/loops/amazon-pm.toml"
            && d.field.as_deref() == Some("principles")
            && d.message.contains("keep at most 1")),
        "{d:?}"
    );
    assert!(
        d.iter().any(|d| d.file == "content/loops/amazon-pm.toml"
            && d.message
                .contains("of Amazon's principles; weight at least 16")),
        "{d:?}"
    );
}
