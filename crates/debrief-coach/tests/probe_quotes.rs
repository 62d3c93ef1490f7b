//! Follow-up probes that quote the candidate: the interviewer reads back the candidate's own
//! words where the finding that set the probe off points at a phrase.

use std::sync::OnceLock;

use debrief_coach::mock::{probes_for, quote_of};
use debrief_grader::{GradeRequest, Grader};
use debrief_pack::Role;
use debrief_text::Text;
use proptest::prelude::*;

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).unwrap_or_else(|e| panic!("{e}"));
        Grader::new(std::sync::Arc::new(catalog))
    })
}

fn probes(
    kind: &str,
    role: Role,
    question: &str,
    answer: &str,
) -> Vec<(String, String, Option<String>)> {
    let report = grader()
        .grade(&GradeRequest {
            answer: answer.to_owned(),
            role: Some(role),
            round: Some(grader().catalog().round_kind_id(kind).expect("kind")),
            question: Some(question.to_owned()),
            company: Some("amazon".into()),
            budget_seconds: None,
            transcript: false,
            follow_up: false,
            principles: Vec::new(),
        })
        .expect("graded");
    probes_for(grader(), kind, role, answer, &report, &[])
        .into_iter()
        .map(|p| (p.probe.id.clone(), p.text, p.quote))
        .collect()
}

const CAMPAIGN: &str = "Design a campaign to launch a budgeting app for young professionals.";

const CREDIT: &str = "I would run a campaign to build awareness of the new budgeting app among \
young professionals in big cities. We would use Instagram and TikTok creators plus a launch \
event, and measure success by impressions and buzz across social. Sign-ups went up 30% after \
our last launch because of the campaign, which proves the approach works. I would then iterate \
on the creative every two weeks.";

const FOG: &str = "Last year our onboarding completion was falling and the team was worried. I \
supported the team and helped align everyone on a new plan with design and sales. We worked \
really hard for two months and the launch went really well, everyone was happy with it. The \
team shipped a new checklist and the numbers improved a lot. I learned a lot about working \
across functions and keeping people aligned on the goal.";

/// The quote without the ellipses that mark a cut.
fn bare(quote: &str) -> &str {
    quote.trim_start_matches('…').trim_end_matches('…')
}

#[test]
fn a_probe_reads_back_the_phrase_that_set_it_off() {
    let asked = probes("campaign-design", Role::Pmm, CAMPAIGN, CREDIT);
    // Two findings call for the attribution probe: one on the whole answer (no plan to
    // isolate the effect), one on the phrase "because of the campaign". The phrase wins,
    // because the interviewer can read it back.
    let (_, text, quote) = asked
        .iter()
        .find(|(id, _, _)| id == "attribution-how-you-know")
        .unwrap_or_else(|| panic!("the attribution probe fires: {asked:#?}"));
    let quote = quote.as_deref().expect("it quotes");
    assert!(quote.contains("because of the campaign"), "{quote}");
    assert!(CREDIT.contains(bare(quote)), "{quote}");
    assert!(
        text.starts_with(&format!("You said “{quote}”: compared with what?")),
        "{text}"
    );
    let awareness = asked
        .iter()
        .find(|(id, _, _)| id == "awareness-then-what")
        .expect("the awareness probe fires");
    let quote = awareness.2.as_deref().expect("it quotes");
    assert!(quote.contains("build awareness"), "{quote}");
    assert!(quote.split_whitespace().count() <= 14, "{quote}");
}

#[test]
fn a_whole_answer_finding_or_a_missing_signal_asks_the_plain_question() {
    let asked = probes(
        "behavioral",
        Role::Pm,
        "Tell me about a launch you led.",
        FOG,
    );
    assert!(!asked.is_empty());
    let catalog = grader().catalog();
    for (id, text, quote) in &asked {
        let probe = catalog.probe(id).expect("probe");
        match quote {
            Some(q) => {
                assert!(FOG.contains(bare(q)), "{q}");
                assert!(text.contains(q.as_str()), "{text}");
            }
            None => assert_eq!(text, &probe.text, "{id}"),
        }
    }
    // The "we" finding covers the whole story: no phrase stands for it.
    let fog = asked
        .iter()
        .find(|(id, _, _)| id == "fog-your-call")
        .expect("the ownership probe fires");
    assert!(fog.2.is_none());
}

#[test]
fn a_short_sentence_is_quoted_whole_and_a_long_one_around_the_phrase() {
    let answer = "We shipped it. Then I moved the whole sales team to a new pricing page that \
                  nobody had tested with a single customer before the quarter ended.";
    let text = Text::new(answer);
    let at = |phrase: &str| {
        let start = answer.find(phrase).expect("phrase");
        (start, start + phrase.len())
    };
    let (s, e) = at("shipped");
    assert_eq!(quote_of(&text, s, e).as_deref(), Some("We shipped it"));
    let (s, e) = at("new pricing page");
    let long = quote_of(&text, s, e).expect("quoted");
    assert!(long.starts_with('…') && long.ends_with('…'), "{long}");
    assert!(long.contains("new pricing page"), "{long}");
    assert_eq!(bare(&long).split_whitespace().count(), 14, "{long}");
    // Near the sentence's end, the quote runs to it.
    let (s, e) = at("quarter");
    let end = quote_of(&text, s, e).expect("quoted");
    assert!(
        end.starts_with('…') && end.ends_with("the quarter ended"),
        "{end}"
    );
    // A span over most of the answer stands for the whole answer.
    assert_eq!(quote_of(&text, 0, answer.len()), None);
    assert_eq!(quote_of(&Text::new(""), 0, 0), None);
}

proptest! {
    #[test]
    fn a_quote_is_always_the_candidates_own_words(
        answer in "[a-zA-Z0-9 ,.'%$é\n-]{0,300}",
        a in 0usize..320,
        b in 0usize..320,
    ) {
        let text = Text::new(&answer);
        let (start, end) = (a.min(b), a.max(b));
        if let Some(q) = quote_of(&text, start, end) {
            let inner = bare(&q);
            prop_assert!(!inner.is_empty());
            prop_assert!(answer.contains(inner), "{q:?}");
            prop_assert!(Text::new(inner).tokens.len() <= 14, "{q:?}");
        }
    }
}
