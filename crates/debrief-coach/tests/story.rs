//! The story bank over the built-in pack: checks, lint findings placed in the story's parts,
//! the coverage matrix against a loop, and exact round trips through JSON, Markdown and CSV.

use std::sync::OnceLock;

use debrief_grader::Grader;

use debrief_coach::story::{self, Format, ImportError, Part, Story, StoryLint, Strength};
use debrief_pack::{Catalog, Rating, Role};
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

fn lint(story: &Story) -> StoryLint {
    story::lint(grader(), story).unwrap_or_else(|e| panic!("{e}"))
}

/// A strong PMM story: owned decisions, a holdout, numbers with a timeframe, a lesson.
fn strong_pmm(lps: &[&str]) -> Story {
    Story {
        title: "Invoicing activation".into(),
        situation: "At my last company our new invoicing add-on was getting sign-ups but almost \
            no weekly use."
            .into(),
        task: "My goal was to lift 30-day activation among accounts with five to fifty \
            employees before the Q3 renewal cycle."
            .into(),
        action: "I interviewed twelve churned trial accounts and found they thought the add-on \
            replaced their accountant, which it did not. I rewrote the messaging ladder around \
            one promise, invoices out in two minutes, and I removed the claim about automatic \
            tax filing because the product could not do it. I chose to leave enterprise \
            accounts out of the campaign since their finance teams buy differently."
            .into(),
        result: "We ran the new onboarding emails against a holdout of 20% of new accounts: \
            activation rose from 18% to 29% in eight weeks, and support tickets about tax fell \
            by half. I learned to test the promise with churned users before launch."
            .into(),
        metrics: "Activation 18% to 29% in eight weeks against a 20% holdout.".into(),
        tags: vec!["activation".into()],
        lps: lps.iter().map(|s| (*s).to_owned()).collect(),
        role: Some(Role::Pmm),
    }
}

fn foggy() -> Story {
    Story {
        title: "Onboarding".into(),
        situation: "Our onboarding flow was confusing new users.".into(),
        task: String::new(),
        action: "Last spring I helped the team launch the new onboarding flow.".into(),
        result: "People liked it.".into(),
        metrics: String::new(),
        tags: vec![],
        lps: vec!["earn-trust".into()],
        role: Some(Role::Pmm),
    }
}

#[test]
fn check_names_empty_fields_and_unknown_principles_with_a_hint() {
    let story = Story {
        lps: vec!["dive-deeep".into(), "Dive-Deep".into(), "dive-deep".into()],
        ..Story::default()
    };
    let problems = story.check(catalog());
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0].contains("title is empty"), "{problems:#?}");
    assert!(problems[1].contains("all empty"), "{problems:#?}");
    assert!(
        problems[2].contains("`dive-deeep`") && problems[2].contains("did you mean `dive-deep`"),
        "{}",
        problems[2]
    );
    assert!(problems[2].contains("earn-trust"), "lists the valid ids");
    assert!(problems[3].contains("more than once"), "{}", problems[3]);
    assert!(strong_pmm(&["earn-trust"]).check(catalog()).is_empty());
}

#[test]
fn lint_places_a_fog_finding_in_the_action_part() {
    let story = foggy();
    let lint = lint(&story);
    let fog = lint
        .findings
        .iter()
        .find(|f| f.category == debrief_pack::Category::CollaborationFog)
        .unwrap_or_else(|| panic!("no fog finding: {:#?}", lint.findings));
    assert_eq!(fog.part, Part::Action);
    assert_eq!(&story.action[fog.start..fog.end], fog.text);
    assert!(fog.text.to_lowercase().contains("helped"), "{fog:?}");
    assert!(fog.continues.is_empty());
    // Relative to the action's own text: "Last spring " comes before it.
    let at = story
        .action
        .find(fog.text.as_str())
        .unwrap_or_else(|| panic!("{fog:?}"));
    assert_eq!(fog.start, at);
    assert!(fog.start >= "Last spring ".len());
    // The report's span is the same text in the graded answer.
    let raw = lint
        .report
        .findings
        .iter()
        .find(|f| f.rule == fog.rule)
        .unwrap_or_else(|| panic!("{fog:?}"));
    let offset = lint.text.find(&story.action).unwrap_or_else(|| panic!());
    assert_eq!(raw.start, offset + fog.start);
    assert_eq!(raw.end, offset + fog.end);
    // Every placed finding quotes exactly its part's text.
    for f in &lint.findings {
        assert_eq!(&story.part(f.part)[f.start..f.end], f.text, "{f:?}");
        for c in &f.continues {
            assert_eq!(&story.part(c.part)[c.start..c.end], c.text, "{c:?}");
        }
    }
    assert_eq!(lint.report.role, Some(Role::Pmm));
    assert_eq!(lint.report.round, "behavioral");
    assert!(!lint.has_number);
    assert_eq!(
        lint.strength,
        Strength::Weak,
        "{} {:?}",
        lint.score,
        lint.rating
    );
}

#[test]
fn lint_rates_a_strong_story_strong_and_places_its_numbers() {
    let story = strong_pmm(&[]);
    let lint = lint(&story);
    assert!(
        lint.rating >= Rating::Hire,
        "{} {:?}",
        lint.score,
        lint.findings
    );
    assert_eq!(lint.strength, Strength::Strong);
    assert!(lint.has_number);
    assert!(lint.numbers.iter().any(|n| n.part == Part::Metrics));
    for n in &lint.numbers {
        assert_eq!(&story.part(n.part)[n.start..n.end], n.text, "{n:?}");
    }
    assert_eq!(lint.score, lint.report.score);
}

#[test]
fn lint_of_an_empty_story_is_the_graders_error() {
    assert!(matches!(
        story::lint(grader(), &Story::default()),
        Err(debrief_grader::GradeError::Empty)
    ));
}

#[test]
fn coverage_for_google_pm_weighs_googles_hiring_attributes() {
    let view = catalog()
        .loop_view("google", "pm", None)
        .unwrap_or_else(|e| panic!("{e}"));
    let empty = story::coverage(catalog(), &view, &[]);
    // Every one of Google's four attributes, with the weight its rounds give it.
    assert_eq!(empty.summary.total, 4, "{}", empty.summary.text);
    let ids: Vec<&str> = empty.rows.iter().map(|r| r.principle.as_str()).collect();
    for id in [
        "role-related-knowledge",
        "general-cognitive-ability",
        "emergent-leadership",
        "googleyness",
    ] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    assert!(empty.rows.iter().all(|r| r.weight >= 1));
    // In Google's word for them, never Amazon's.
    assert!(
        empty
            .summary
            .text
            .starts_with("0 of 4 weighted hiring attributes are covered"),
        "{}",
        empty.summary.text
    );
    assert!(!empty.summary.text.contains("Leadership Principle"));

    // A strong story tagged Googleyness covers it; one tagged with an Amazon LP is an extra.
    let strong = strong_pmm(&["googleyness", "customer-obsession"]);
    let strong_lint = lint(&strong);
    assert_eq!(strong_lint.strength, Strength::Strong);
    let one = [("s1".to_owned(), &strong, &strong_lint)];
    let better = story::coverage(catalog(), &view, &one);
    assert_eq!(better.summary.covered, 1);
    let g = better
        .rows
        .iter()
        .find(|r| r.principle == "googleyness")
        .unwrap_or_else(|| panic!("googleyness row"));
    assert!(g.covered);
    assert_eq!(better.extra.len(), 1);
    assert_eq!(better.extra[0].principle, "customer-obsession");
}

#[test]
fn coverage_for_amazon_pmm_names_gaps_and_improves_with_a_strong_story() {
    let view = catalog()
        .loop_view("amazon", "pmm", None)
        .unwrap_or_else(|e| panic!("{e}"));
    let empty = story::coverage(catalog(), &view, &[]);
    assert_eq!(empty.loop_id, "amazon-pmm");
    assert_eq!(empty.rows.len(), view.principle_weights.len());
    assert_eq!(empty.summary.covered, 0);
    assert_eq!(empty.summary.total, empty.rows.len());
    assert_eq!(
        empty.rows[0].principle, "customer-obsession",
        "heaviest first"
    );
    let weights: Vec<u32> = empty.rows.iter().map(|r| r.weight).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
    let earn_trust = empty
        .rows
        .iter()
        .find(|r| r.principle == "earn-trust")
        .unwrap_or_else(|| panic!());
    assert_eq!(earn_trust.gap.as_deref(), Some("Earn Trust: no story"));
    assert_eq!(empty.summary.urgent.len(), 3);
    assert_eq!(
        empty.summary.urgent[0].message,
        "Customer Obsession: no story"
    );
    assert!(
        empty.summary.text.starts_with("0 of "),
        "{}",
        empty.summary.text
    );

    let strong = strong_pmm(&[
        "customer-obsession",
        "think-big",
        "strive-to-be-earths-best-employer",
    ]);
    let strong_lint = lint(&strong);
    assert_eq!(strong_lint.strength, Strength::Strong);
    let weak = Story {
        lps: vec!["dive-deep".into(), "made-up".into()],
        ..foggy()
    };
    let weak_lint = lint(&weak);
    let two = [
        ("s1".to_owned(), &strong, &strong_lint),
        ("s2".to_owned(), &weak, &weak_lint),
    ];
    let better = story::coverage(catalog(), &view, &two);
    assert_eq!(better.summary.covered, 2);
    let row = |id: &str| {
        better
            .rows
            .iter()
            .find(|r| r.principle == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let co = row("customer-obsession");
    assert!(co.covered);
    assert_eq!(co.gap, None);
    assert_eq!(co.stories[0].id, "s1");
    assert_eq!(co.stories[0].strength, Strength::Strong);
    assert_eq!(
        row("dive-deep").gap.as_deref(),
        Some("Dive Deep: one story, no number")
    );
    assert_eq!(
        row("earn-trust").gap.as_deref(),
        Some("Earn Trust: no story")
    );
    assert!(
        better
            .summary
            .urgent
            .iter()
            .all(|g| g.principle != "customer-obsession"),
        "{:?}",
        better.summary.urgent
    );
    assert_eq!(better.summary.urgent[0].message, "Earn Trust: no story");
    let extra: Vec<(&str, &str)> = better
        .extra
        .iter()
        .map(|e| (e.principle.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        extra,
        [
            (
                "strive-to-be-earths-best-employer",
                "Strive to be Earth's Best Employer"
            ),
            ("made-up", "made-up")
        ]
    );

    // Two stories, neither strong.
    let weak2 = Story {
        lps: vec!["earn-trust".into()],
        result: "Adoption went from 3% to 4% in a quarter.".into(),
        ..foggy()
    };
    let weak2_lint = lint(&weak2);
    let pair = [
        ("a".to_owned(), &weak, &weak_lint),
        ("b".to_owned(), &foggy(), &lint(&foggy())),
        ("c".to_owned(), &weak2, &weak2_lint),
    ];
    let matrix = story::coverage(catalog(), &view, &pair);
    let gap = matrix
        .rows
        .iter()
        .find(|r| r.principle == "earn-trust")
        .and_then(|r| r.gap.clone());
    assert_eq!(gap.as_deref(), Some("Earn Trust: two stories, none strong"));
}

#[test]
fn json_is_what_serde_reads_and_writes() {
    let stories = vec![strong_pmm(&["dive-deep"]), Story::default()];
    let json = story::export(Format::Json, &stories);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["version"], 1);
    let expected = serde_json::to_value(&stories).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["stories"], expected);
    let back: Vec<Story> =
        serde_json::from_value(value["stories"].clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, stories);
    // A bare array and the store's extra fields are accepted.
    let bare = r#"[{"id": 7, "title": "T", "role": "PMM", "created_at": "2026-01-01", "updated_at": null}]"#;
    let read = story::import(Format::Json, bare).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read[0].title, "T");
    assert_eq!(read[0].role, Some(Role::Pmm));
}

#[test]
fn markdown_is_readable() {
    let md = story::export(Format::Markdown, &[strong_pmm(&["dive-deep"])]);
    assert!(md.contains("\n## Invoicing activation\n"), "{md}");
    assert!(md.contains("- Role: PMM\n"), "{md}");
    assert!(md.contains("- Principles: \"dive-deep\"\n"), "{md}");
    assert!(md.contains("### Action\n\n```text\nI interviewed"), "{md}");
    assert!(
        !md.contains("### Title"),
        "a plain title stays in the heading"
    );
    let odd = Story {
        title: "  two\nlines ".into(),
        ..Story::default()
    };
    let md = story::export(Format::Markdown, &[odd]);
    assert!(md.contains("\n## two lines\n"), "{md}");
    assert!(
        md.contains("### Title\n\n```text\n  two\nlines \n```"),
        "{md}"
    );
}

#[test]
fn hand_written_markdown_and_csv_import() {
    let md = "# My stories\n\nNotes before the first story are ignored.\r\n\r\n## Pricing page\r\n\
              - role: pm\r\n- Tags: \"pricing\", \"b2b\"\r\n\r\n### result\r\n````\r\nWin rate up 4 points.\r\n````\r\n";
    let stories = story::import(Format::Markdown, md).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].title, "Pricing page");
    assert_eq!(stories[0].role, Some(Role::Pm));
    assert_eq!(stories[0].tags, ["pricing", "b2b"]);
    assert_eq!(stories[0].result, "Win rate up 4 points.\r");

    let csv = "\u{feff}Title,lps,role,id\nPricing page,dive-deep;ownership,pm,3\n\n\"A, \"\"quoted\"\" title\",,,4\n";
    let stories = story::import(Format::Csv, csv).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stories.len(), 2);
    assert_eq!(stories[0].lps, ["dive-deep", "ownership"]);
    assert_eq!(stories[0].role, Some(Role::Pm));
    assert_eq!(stories[1].title, "A, \"quoted\" title");
    assert!(stories[1].lps.is_empty());
}

/// Markup a person might type, or an attacker might plant, in a title, tag or principle.
const MARKUP: [&str; 16] = [
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![pixel](http://evil.example/x.png)",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "**not bold** _nor this_ ~~nor this~~",
    "<https://evil.example>",
    "see https://evil.example and www.evil.example",
    "mail me@evil.example",
    "&lt;b&gt; &amp;",
    "`code` | cell | $x$",
    "line\n# two\n- three",
    "ends in #",
    "back\\slash \\<b> \\",
];

/// `line` with every backslash escape (a backslash and the ASCII punctuation after it)
/// replaced by `\u{1}`, leaving the characters a viewer would read as markup.
fn unescaped(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.next_if(char::is_ascii_punctuation).is_some() {
            out.push('\u{1}');
        } else {
            out.push(c);
        }
    }
    out
}

/// Checks that every line of a Markdown export outside a fenced block is one the exporter
/// writes itself, and that the user text on headings and list lines holds no markup.
fn assert_markdown_is_inert(md: &str) -> Result<(), String> {
    let mut fence: Option<String> = None;
    for (n, line) in md.split('\n').enumerate() {
        let fail = |why: &str| Err(format!("line {}: {why}: {line:?}\n{md}", n + 1));
        if let Some(open) = &fence {
            if line == open {
                fence = None;
            }
            continue;
        }
        if line.starts_with("```") {
            fence = Some(line.trim_end_matches("text").to_owned());
            continue;
        }
        let fixed = line.is_empty()
            || line == "# Story bank"
            || line.starts_with("Exported by debrief.")
            || line.starts_with("fenced blocks holding")
            || ["Title", "Situation", "Task", "Action", "Result", "Metrics"]
                .iter()
                .any(|l| line.strip_prefix("### ") == Some(l))
            || line == "- Role: PM"
            || line == "- Role: PMM";
        if fixed {
            continue;
        }
        let user = if let Some(rest) = line.strip_prefix("## ") {
            rest
        } else if let Some(rest) = line
            .strip_prefix("- Principles: \"")
            .or_else(|| line.strip_prefix("- Tags: \""))
        {
            rest
        } else {
            return fail("a line the exporter does not write");
        };
        let bare = unescaped(user);
        if let Some(c) = bare.chars().find(|c| "<>[]*_`~&|$#@".contains(*c)) {
            return fail(&format!("unescaped {c:?}"));
        }
        if bare.contains("](") || bare.contains("://") || bare.to_lowercase().contains("www.") {
            return fail("a link or an autolink");
        }
    }
    match fence {
        Some(_) => Err(format!("a fence is never closed\n{md}")),
        None => Ok(()),
    }
}

#[test]
fn markdown_export_writes_user_markup_as_plain_text() {
    let stories: Vec<Story> = MARKUP
        .iter()
        .map(|m| Story {
            title: (*m).to_owned(),
            action: format!("Body keeps {m} verbatim."),
            tags: vec![(*m).to_owned(), "plain".to_owned()],
            lps: vec![(*m).to_owned()],
            role: Some(Role::Pm),
            ..Story::default()
        })
        .collect();
    let md = story::export(Format::Markdown, &stories);
    assert_markdown_is_inert(&md).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        md.lines().filter(|l| l.starts_with("## ")).count(),
        stories.len(),
        "{md}"
    );
    assert!(
        md.contains("\n## \\<img src=x onerror=alert(1)\\>\n"),
        "{md}"
    );
    assert!(
        md.contains("\n## \\[click\\](javascript:alert(1))\n"),
        "{md}"
    );
    assert!(
        md.contains("- Tags: \"see https\\://evil.example and www\\.evil.example\", \"plain\"\n"),
        "{md}"
    );
    assert!(
        md.contains("\n## line \\# two - three\n"),
        "a multi-line title gets an escaped stand-in heading:\n{md}"
    );
    // A title ending in `#` stays in the heading now that its `#` is escaped.
    assert!(md.contains("\n## ends in \\#\n"), "{md}");
    assert_eq!(story::import(Format::Markdown, &md), Ok(stories));
}

#[test]
fn markdown_import_reads_backslash_escapes_like_a_viewer() {
    let md = "## a \\*b\\* c:\\d \\\\ e\\\n- Tags: \"\\<x\\>\", \"\\\\\", \"\\q\\\"\"\n";
    let e = import_err(Format::Markdown, md);
    assert!(e.message.contains("unknown escape"), "{e}");
    let md = "## a \\*b\\* c:\\d \\\\ e\\\n- Tags: \"\\<x\\>\", \"\\\\\", \"\\@\\\"\"\n";
    let stories = story::import(Format::Markdown, md).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stories[0].title, "a *b* c:\\d \\ e\\");
    assert_eq!(stories[0].tags, ["<x>", "\\", "@\""]);
}

/// Formula triggers: what makes a spreadsheet run a cell rather than show it.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cells of an export whose every field is double-quoted, as a spreadsheet reads them.
fn csv_cells(csv: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![]];
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut cell = String::new();
                loop {
                    match chars.next() {
                        Some('"') if chars.next_if_eq(&'"').is_some() => cell.push('"'),
                        Some('"') | None => break,
                        Some(c) => cell.push(c),
                    }
                }
                if let Some(row) = rows.last_mut() {
                    row.push(cell);
                }
            }
            ',' => {}
            '\r' if chars.next_if_eq(&'\n').is_some() => rows.push(vec![]),
            // The header row is unquoted.
            c => {
                let mut cell = c.to_string();
                while let Some(c) = chars.next_if(|c| !matches!(c, ',' | '\r')) {
                    cell.push(c);
                }
                if let Some(row) = rows.last_mut() {
                    row.push(cell);
                }
            }
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

#[test]
fn csv_export_neutralises_formulas_and_round_trips() {
    let mut stories = Vec::new();
    for t in TRIGGERS {
        let text = format!("{t}HYPERLINK(\"http://evil.example\",\"x\")");
        stories.push(Story {
            title: text.clone(),
            situation: format!("{t}1+1"),
            task: format!("'{t}quoted already"),
            action: format!("''{t}twice"),
            result: text.clone(),
            metrics: format!("{t}"),
            tags: vec![text.clone(), "b".into()],
            lps: vec![format!("{t}cmd|' /C calc'!A0")],
            role: Some(Role::Pmm),
        });
    }
    stories.push(Story {
        title: "-5% churn".into(),
        situation: "'".into(),
        task: "''".into(),
        action: "'plain quote".into(),
        result: "'''".into(),
        metrics: "+1 NPS".into(),
        tags: vec!["'".into(), "x".into()],
        lps: vec!["''=".into()],
        role: None,
    });
    let csv = story::export(Format::Csv, &stories);
    let rows = csv_cells(&csv);
    assert_eq!(rows.len(), stories.len() + 1, "{csv}");
    for row in &rows {
        assert_eq!(row.len(), 9, "{row:?}");
        for cell in row {
            assert!(!cell.starts_with(TRIGGERS), "{cell:?} in\n{csv}");
        }
    }
    assert_eq!(rows[1][0], "'=HYPERLINK(\"http://evil.example\",\"x\")");
    assert_eq!(rows[1][2], "''=quoted already");
    assert_eq!(rows[7][0], "'-5% churn");
    assert_eq!(rows[7][1], "'");
    assert_eq!(rows[7][2], "'''");
    assert_eq!(rows[7][3], "'plain quote");
    assert_eq!(story::import(Format::Csv, &csv), Ok(stories));

    // By hand: one leading quote goes only before a quote or a trigger.
    let csv = "title,tags\n'=1+1,'-a;b\n'x,''\n-5% churn,'\n";
    let read = story::import(Format::Csv, csv).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read[0].title, "=1+1");
    assert_eq!(read[0].tags, ["-a", "b"]);
    assert_eq!(read[1].title, "'x");
    assert_eq!(read[1].tags, ["'"]);
    assert_eq!(read[2].title, "-5% churn");
    assert_eq!(read[2].tags, ["'"]);
    // An error in a list still points at its place in the file.
    let e = import_err(Format::Csv, "title,tags\nt,'-a\\qb\n");
    assert_eq!((e.line, e.column), (2, Some(6)), "{e}");
}

fn import_err(format: Format, text: &str) -> ImportError {
    match story::import(format, text) {
        Ok(stories) => panic!("imported {stories:?}"),
        Err(e) => e,
    }
}

#[test]
fn json_import_errors_name_the_line_and_what_was_expected() {
    let e = import_err(
        Format::Json,
        "{\"version\": 1, \"stories\": [\n  {\"title\": \"a\",\n   \"titel\": \"b\"}\n]}",
    );
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("unknown field `titel`"), "{e}");
    assert!(e.to_string().starts_with("JSON line 3, column "), "{e}");

    let e = import_err(Format::Json, "{\"version\": 2, \"stories\": []}");
    assert!(e.message.contains("version 2"), "{e}");
    let e = import_err(Format::Json, "[{\"title\": \"a\"}\n{\"title\": \"b\"}]");
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.contains("expected `,` or `]`"), "{e}");
    let e = import_err(Format::Json, "[{\"tags\": \"one\"}]");
    assert!(
        e.message
            .contains("invalid type: string \"one\", expected a sequence"),
        "{e}"
    );
    let e = import_err(Format::Json, "[{\"role\": \"designer\"}]");
    assert!(e.message.contains("expected `pm` or `pmm`"), "{e}");
    let e = import_err(Format::Json, "[{\"title\": \"never closed}]");
    assert_eq!(e.line, 1, "{e}");
    assert!(e.message.contains("EOF while parsing a string"), "{e}");
}

#[test]
fn markdown_import_errors_name_the_line_and_what_was_expected() {
    let e = import_err(
        Format::Markdown,
        "# Bank\n\n## One\n\n### Action\n\n```text\nI did it.\n",
    );
    assert_eq!(e.line, 7, "{e}");
    assert!(e.message.contains("never closed"), "{e}");
    assert!(e.to_string().starts_with("Markdown line 7: "), "{e}");

    let e = import_err(Format::Markdown, "## One\n\n### Actions\n\n```\nx\n```\n");
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("expected Title, Situation"), "{e}");

    let e = import_err(Format::Markdown, "## One\n### Action\nI did it.\n");
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("expected a fenced block"), "{e}");

    let e = import_err(Format::Markdown, "## One\n- Role: designer\n");
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.contains("expected PM or PMM"), "{e}");

    let e = import_err(Format::Markdown, "## One\n- Tags: \"a\", b\n");
    assert_eq!((e.line, e.column), (2, Some(14)), "{e}");
    assert!(e.message.contains("expected `\"`"), "{e}");

    let e = import_err(Format::Markdown, "## One\n\nJust prose.\n");
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("expected a `- Role:`"), "{e}");
}

#[test]
fn csv_import_errors_name_the_line_column_and_what_was_expected() {
    let header = "title,situation,task,action,result,metrics,tags,lps,role\r\n";
    let e = import_err(Format::Csv, &format!("{header}\"a\",\"b\"\r\n"));
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.contains("expected 9 fields"), "{e}");
    assert!(e.to_string().starts_with("CSV line 2, column 1: "), "{e}");

    let e = import_err(
        Format::Csv,
        &format!("{header}\"a\",\"multi\nline\",,,,,\"x\\qy\",,\r\n"),
    );
    assert_eq!((e.line, e.column), (3, Some(13)), "{e}");
    assert!(e.message.contains("unknown escape"), "{e}");

    let e = import_err(Format::Csv, &format!("{header}a \"quote\",,,,,,,,\r\n"));
    assert_eq!((e.line, e.column), (2, Some(3)), "{e}");
    assert!(e.message.contains("quote inside an unquoted field"), "{e}");

    let e = import_err(Format::Csv, &format!("{header}\"open,,,,,,,,\r\n"));
    assert_eq!((e.line, e.column), (2, Some(1)), "{e}");
    assert!(e.message.contains("never closed"), "{e}");

    let e = import_err(Format::Csv, "title,sitaution\r\n");
    assert_eq!((e.line, e.column), (1, Some(7)), "{e}");
    assert!(e.message.contains("unknown column"), "{e}");

    let e = import_err(Format::Csv, &format!("{header},,,,,,,,analyst\r\n"));
    assert!(e.message.contains("expected pm, pmm"), "{e}");
    let e = import_err(Format::Csv, "");
    assert!(e.message.contains("expected the header row"), "{e}");
}

#[test]
fn formats_parse_from_ids_and_file_names() {
    assert_eq!(Format::parse("MD"), Some(Format::Markdown));
    assert_eq!(Format::parse(".csv"), Some(Format::Csv));
    assert_eq!(Format::from_file_name("bank.json"), Some(Format::Json));
    assert_eq!(Format::from_file_name("bank"), None);
    for format in Format::ALL {
        assert_eq!(
            story::import(format, &story::export(format, &[])),
            Ok(vec![])
        );
    }
}

/// Text that exercises every encoding: anything at all, and strings dense in the characters
/// the formats treat specially.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "[a-z #|,;:\"'`\\\\\r\n\t\u{feff}\u{85}\u{2028}é😀-]{0,24}",
        1 => "`{0,7}[a-z\n]{0,3}`{0,7}",
        1 => "(## |### |- |```|\"|\\\\e|\r\n| ){0,6}",
        2 => "['=+@\t\r-]{0,3}[a-z '=+@\t\r-]{0,6}",
        2 => "(<|>|\\[|\\]|\\(|!|\\*|_|~|&|#|\\$|:|//|www\\.|@|\\\\|\"|'|a| |\n){0,10}",
        1 => Just(String::new()),
    ]
}

fn story_strategy() -> impl Strategy<Value = Story> {
    (
        (text(), text(), text()),
        (text(), text(), text()),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec(text(), 0..4),
        prop::option::of(prop_oneof![Just(Role::Pm), Just(Role::Pmm)]),
    )
        .prop_map(
            |((title, situation, task), (action, result, metrics), tags, lps, role)| Story {
                title,
                situation,
                task,
                action,
                result,
                metrics,
                tags,
                lps,
                role,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_format_round_trips_exactly(stories in prop::collection::vec(story_strategy(), 0..4)) {
        for format in Format::ALL {
            let written = story::export(format, &stories);
            prop_assert_eq!(
                story::import(format, &written),
                Ok(stories.clone()),
                "{} did not round-trip:\n{}", format, written
            );
        }
    }

    #[test]
    fn exports_hold_no_markup_and_no_formula(stories in prop::collection::vec(story_strategy(), 0..4)) {
        let md = story::export(Format::Markdown, &stories);
        if let Err(e) = assert_markdown_is_inert(&md) {
            return Err(TestCaseError::fail(e));
        }
        let csv = story::export(Format::Csv, &stories);
        for cell in csv_cells(&csv).iter().flatten() {
            prop_assert!(!cell.starts_with(TRIGGERS), "{:?} in\n{}", cell, csv);
        }
    }

    #[test]
    fn json_export_agrees_with_serde(stories in prop::collection::vec(story_strategy(), 0..3)) {
        let written = story::export(Format::Json, &stories);
        let value: serde_json::Value = serde_json::from_str(&written)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Vec<Story> = serde_json::from_value(value["stories"].clone())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, stories.clone());
        let serde_written = serde_json::to_string(&serde_json::json!({"version": 1, "stories": stories}))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(story::import(Format::Json, &serde_written), Ok(stories));
    }

    #[test]
    fn imports_never_panic_on_arbitrary_text(text in any::<String>()) {
        for format in Format::ALL {
            let _ = story::import(format, &text);
        }
    }

    #[test]
    fn imports_never_panic_on_damaged_exports(
        stories in prop::collection::vec(story_strategy(), 1..3),
        cut in any::<prop::sample::Index>(),
        insert in text(),
    ) {
        for format in Format::ALL {
            let written = story::export(format, &stories);
            let mut at = cut.index(written.len() + 1);
            while !written.is_char_boundary(at) {
                at -= 1;
            }
            let damaged = format!("{}{insert}{}", &written[..at], &written[at..]);
            let _ = story::import(format, &damaged);
            let _ = story::import(format, &written[..at]);
        }
    }

    #[test]
    fn lint_spans_quote_their_parts(story in story_strategy()) {
        if let Ok(lint) = story::lint(grader(), &story) {
            for f in &lint.findings {
                prop_assert_eq!(story.part(f.part).get(f.start..f.end), Some(f.text.as_str()));
                for c in &f.continues {
                    prop_assert_eq!(story.part(c.part).get(c.start..c.end), Some(c.text.as_str()));
                }
            }
            for n in &lint.numbers {
                prop_assert_eq!(story.part(n.part).get(n.start..n.end), Some(n.text.as_str()));
            }
        }
    }
}
