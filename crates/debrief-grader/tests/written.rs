//! Answers written for testing, apart from the rules: 762 answers (`written/answers.jsonl`),
//! each labelled with what a hiring committee would say: strong and weak answers in plain
//! spoken words, strong answers built around a trap that naive graders punish (`trap`: a
//! negation on purpose, a quoted phrase rejected, an honest "we"), nonsense in the right frame
//! (a fluent, structured answer whose content is absurd), and good answers handed in to a
//! different question (`written_for` names the one each was written for). They were written
//! from a brief, without reading the rules, in twenty batches, and the grader was then mended
//! where a verdict was wrong for a general reason. They are not part of `content/calibration`
//! (they are not pairs, and they have been looked at), so this test is a guard, not a
//! measure: every answer must stay on its side of the Hire line, except those listed below
//! with the reason each is still missed. Most of those are nonsense whose absurdity needs
//! knowledge of the world (what a product can cause, who can buy it).

use std::sync::OnceLock;

use debrief_grader::{GradeRequest, Grader};
use debrief_pack::Role;

/// Answers the grader still puts on the wrong side of Hire, with why. A mend that moves one
/// across must take it off this list; a change that adds one fails the test.
const KNOWN_MISSES: &[(&str, &str)] = &[
    (
        "tr16",
        "strong honest-we story, 40: 'compliance', 'identity', 'verification' and 'usability' \
         count as abstract nouns (4.5 per 100 words, 20 points off); reading a noun that \
         qualifies the next ('the identity check') as concrete lowered calibration below its \
         floors, since weak answers say 'engagement metrics' the same way",
    ),
    (
        "tr18",
        "strong project walk-through, 41: 'the most impactful project on your resume' is met \
         under the screening round's meaning bound, and the finding lands on its opening 'Sure.'",
    ),
    (
        "tr20",
        "strong overruled story, 50, no finding: customer insight, message fidelity and learning \
         read 2 of 4, and its abstract nouns take 7 points",
    ),
    (
        "tr46",
        "strong copy example, 41: shares few words with 'Give me an example of copy you wrote', and \
         the shared-words rule still judges questions about the past (letting it pass them moved \
         derived off-question cases, good answers to such questions, below their floor)",
    ),
    (
        "b03",
        "strong story, 56: its concrete nouns ('integration', 'certification') read as abstract, \
         and its numbers are mostly small counts said in words",
    ),
    (
        "c07",
        "weak story, 63: credits a conversion lift to the page copy although a discount launched \
         the same week; 'that same week' is not read as another cause",
    ),
    (
        "d03",
        "strong screening story, 52: shares none of the question's words ('recent', 'decision', \
         'proud'), which the score's topic part reads as low relevance",
    ),
    (
        "d08",
        "weak story, 61: compares the holiday months with the autumn before them; a seasonal \
         comparison is not read as another cause",
    ),
    (
        "d24",
        "weak estimate, 75: applies one age band's marriage rate to all adults, ten times too \
         many weddings; each step's arithmetic holds, and the grader has no reference figures",
    ),
    (
        "e14",
        "weak strategy, 67: funds all three options without the spreading phrases the \
         no-focus rule reads",
    ),
    (
        "e18",
        "strong diagnosis, 59: told it ignores second-order effects, which it weighs in words \
         the rule does not read",
    ),
    (
        "e19",
        "weak estimate, 75: applies a share of households to people; each step's arithmetic \
         holds",
    ),
    (
        "e20",
        "strong strategy, 55: called off-question; the question says 'language-learning app' \
         and the answer speaks of 'learners' and 'tutors'",
    ),
    (
        "e36",
        "weak estimate, 63: treats every wedding guest as a paying user; the arithmetic holds",
    ),
    (
        "f17",
        "nonsense pitch, 73: a weather app whose subscription lowers rainfall; an impossible \
         cause and effect needs world knowledge the grader lacks",
    ),
    (
        "f18",
        "nonsense estimate, 79: sized in 'wash-miles' of dirt that roads make; a meaningless \
         unit with sound arithmetic",
    ),
    (
        "f33",
        "weak metrics story, 61: credits messaging for a lift that the planner season explains; \
         a seasonal peak is not read as another cause",
    ),
    (
        "f35",
        "off-question, 65: a dog-walk estimate handed in to a launch plan for dog walking; it \
         shares the subject, and no rule asks a launch plan for a sequence or a launch goal",
    ),
    (
        "f47",
        "weak story, 60: credits a new page for a rise a same-week price cut explains; the cut \
         is named but not read as another cause",
    ),
    (
        "f50",
        "nonsense design, 66: alphabetical lists said to lower blood pressure; an impossible \
         cause and effect",
    ),
    (
        "f51",
        "strong message, 55: told it is a story where a plan was asked for, because it reports \
         how the key claim was checked",
    ),
    (
        "f59",
        "weak estimate, 77: counts every seat in use as bought each year, ten times too many; \
         the arithmetic holds and the grader has no reference figures",
    ),
    (
        "g03",
        "nonsense design, 70: calendar colours said to raise a credit score; an impossible \
         cause and effect",
    ),
    (
        "g08",
        "nonsense campaign, 72: office chairs as the audience; 'chairs' is left out of the \
         non-customer words because real answers count dental chairs",
    ),
    (
        "g09",
        "nonsense estimate, 78: teeth counted as the buyers of toothbrushes; a meaningless unit \
         with sound arithmetic",
    ),
    (
        "g11",
        "nonsense spec, 71: a bike route planner said to reduce rainfall; an impossible cause \
         and effect",
    ),
    (
        "g12",
        "nonsense story, 82: every user in both arms and a test that runs backwards in the \
         calendar; dates in words are not compared",
    ),
    (
        "g13",
        "nonsense estimate, 72: windows counted as buyers; a meaningless unit",
    ),
    (
        "g15",
        "nonsense strategy, 60: software priced by the letters in a company's name; no rule \
         knows what a price can depend on",
    ),
    (
        "g17",
        "nonsense GTM, 67: messages printed where no one can read them (inside toner \
         cartridges); channels are not judged for reach",
    ),
    (
        "g18",
        "nonsense rollout, 73: phases run backwards and 10% control plus 100% treatment; \
         phase order and exposure shares are not checked",
    ),
    (
        "h03",
        "nonsense design, 73: a segment of people who never commute, for a commuting feature; the \
         contradiction is in meaning, not in figures",
    ),
    (
        "h04",
        "nonsense metrics, 73: measures of thoughts while the app is closed and meals not cooked; \
         what a product can observe needs world knowledge",
    ),
    (
        "h05",
        "nonsense GTM, 75: targets companies that no longer exist; 'no longer exist' is not among \
         the non-customer words",
    ),
    (
        "h09",
        "nonsense estimate, 76: dog walks per tonne of dog; a meaningless unit with sound \
         arithmetic",
    ),
    (
        "h11",
        "nonsense pitch, 72: invented facts about sleep and shopping; world knowledge",
    ),
    (
        "h13",
        "nonsense metrics, 65: both groups received the new page; a control that got the change is \
         not read",
    ),
    (
        "h14",
        "nonsense design, 73: an icon's colour said to triple battery life; an impossible cause \
         and effect",
    ),
    (
        "h16",
        "nonsense estimate, 76: four businesses per adult and a serviceable market larger than the \
         total; neither is compared",
    ),
    (
        "h17",
        "nonsense story, 62: buyers chose between messages they were never shown, and a July edit \
         raised Q1 results; quarters and months are not ordered",
    ),
    (
        "h18",
        "nonsense launch, 76: the same 50 pairs of shoes reserved for 200,000 people; stock \
         against demand is not checked",
    ),
    (
        "h20",
        "nonsense email, 76: years of use quoted for a feature launching today; tense against \
         dates is not checked",
    ),
    (
        "h29",
        "strong campaign, 53: designed as a campaign it ran, told in the past; read as a story \
         where a plan was asked for",
    ),
    (
        "h30",
        "strong update, 59: an update on a failed test, with no findings; its plain words meet few \
         of the prompt's, which the score's relevance part reads as low",
    ),
    (
        "h37",
        "weak estimate, 73: 67 million people over 2.4 a household called 2.8 million households; \
         a division said without 'divided by' is not checked",
    ),
    (
        "i03",
        "nonsense metrics, 65: a measure of minutes users spend thinking about a group while \
         the app is closed; what a product can observe needs world knowledge",
    ),
    (
        "i04",
        "strong messaging answer, 55: answers 'how would you fix it' with the story of fixing \
         it at a past job, which shape-story-for-a-plan reads as a story where a plan was asked \
         for",
    ),
    (
        "i17",
        "nonsense estimate, 78: sized in litres of rain an umbrella absorbs; a meaningless unit \
         with sound arithmetic",
    ),
    (
        "i31",
        "nonsense design, 73: delays shown in green said to make trains arrive earlier; an \
         impossible cause and effect",
    ),
    (
        "i35",
        "nonsense system design, 70: a 31-hour job inside a nightly window and 500 one-second \
         calls inside 150 ms; durations are not added up against their window",
    ),
    (
        "i38",
        "nonsense pitch, 77: a cup that costs $9 and earns $5 called a 44% margin; margins are \
         not checked against price and cost",
    ),
    (
        "i46",
        "nonsense launch, 72: the comparison group defined as the same users as the treatment \
         group; two group definitions are not compared",
    ),
    (
        "i48",
        "nonsense messaging, 65: a message that contradicts itself ('the cheapest luxury \
         headset'); contradiction in meaning",
    ),
    (
        "i49",
        "off-question, 72: a Maps design for families on road trips handed in to one for \
         wheelchair users; it shares the product and the round",
    ),
    (
        "i55",
        "nonsense strategy, 69: first-mover advantage claimed by the fifth entrant; world \
         knowledge",
    ),
    (
        "j03",
        "nonsense estimate, 78: every American throws a toothbrush away after each use; how \
         often people do things is world knowledge",
    ),
    (
        "j06",
        "nonsense pitch, 73: a 900 kg concrete tent called ultralight that packs into a \
         daypack; physical world knowledge",
    ),
    (
        "j14",
        "nonsense messaging, 71: positioning that promises slower payroll and higher fees; a \
         promise turned upside down is meaning, not words",
    ),
    (
        "j26",
        "nonsense system design, 81: disaster recovery on the same disk as the primary; \
         engineering knowledge",
    ),
    (
        "j29",
        "nonsense design, 70: an alarm built never to wake its user; a product that defeats its \
         purpose is meaning",
    ),
    (
        "j46",
        "nonsense strategy, 81: cuts the price further below a variable cost to reach profit; \
         unit economics are not computed",
    ),
    (
        "j49",
        "nonsense campaign, 61: a billboard campaign said to have caused rain; an impossible \
         cause and effect",
    ),
    (
        "j53",
        "strong design answer, 51: names its success measure but no figure at all, which \
         measure-no-number-in-case penalises in a case round",
    ),
    (
        "j56",
        "off-question, 62: a pricing plan handed in to a question about which segment to target \
         first; both are go-to-market choices for one product",
    ),
    (
        "n02",
        "inventive nonsense: Beethoven approving expense reports from the afterlife; none of \
         its words is in the absurd-content lists, and what objects, places and historical \
         figures can do is world knowledge",
    ),
    (
        "n03",
        "inventive nonsense: the Leaning Tower of Pisa ordering soup by tilting; none of its \
         words is in the absurd-content lists, and what objects, places and historical figures \
         can do is world knowledge",
    ),
    (
        "n06",
        "inventive nonsense: a launch fired by trebuchet, prices in knitted weather forecasts; \
         none of its words is in the absurd-content lists, and what objects, places and \
         historical figures can do is world knowledge",
    ),
    (
        "n09",
        "inventive nonsense: a pilot in ancient Troy, drivers paid in Byzantine gold; none of \
         its words is in the absurd-content lists, and what objects, places and historical \
         figures can do is world knowledge",
    ),
    (
        "n13",
        "inventive nonsense: fog delivered to drifting dunes by retired lamplighters; none of \
         its words is in the absurd-content lists, and what objects, places and historical \
         figures can do is world knowledge",
    ),
    (
        "n14",
        "inventive nonsense: Leonardo da Vinci reading a blog inside a teapot; none of its \
         words is in the absurd-content lists, and what objects, places and historical figures \
         can do is world knowledge",
    ),
    (
        "n15",
        "inventive nonsense: a Department of Lost Socks, pay in pre-owned echoes; none of its \
         words is in the absurd-content lists, and what objects, places and historical figures \
         can do is world knowledge",
    ),
    (
        "n16",
        "inventive nonsense: email through 12th-century monks with 900 years of latency; none \
         of its words is in the absurd-content lists, and what objects, places and historical \
         figures can do is world knowledge",
    ),
    (
        "n18",
        "inventive nonsense: thunderstorms sold to Florentine painters; none of its words is in \
         the absurd-content lists, and what objects, places and historical figures can do is \
         world knowledge",
    ),
    (
        "n19",
        "inventive nonsense: the bridges of Königsberg as listeners; none of its words is in \
         the absurd-content lists, and what objects, places and historical figures can do is \
         world knowledge",
    ),
    (
        "n21",
        "inventive nonsense: Marco Polo as a beta tester, weathervanes approving gates; none of \
         its words is in the absurd-content lists, and what objects, places and historical \
         figures can do is world knowledge",
    ),
    (
        "n22",
        "inventive nonsense: babies on a space station eating freeze-dried lullabies; none of \
         its words is in the absurd-content lists, and what objects, places and historical \
         figures can do is world knowledge",
    ),
    (
        "p04",
        "nonsense metrics, 73: a share that went from 21% to 127%; the share is named in the \
         sentence before, so the figure is not read as one",
    ),
    (
        "p06",
        "off-question, 76: a games answer handed in to a live-sports question for the same \
         streaming service; a neighbouring question",
    ),
    (
        "p09",
        "nonsense messaging, 73: a privacy promise whose proof point says every connected \
         company reads your inbox; a contradiction in meaning",
    ),
    (
        "p13",
        "strong press release with its FAQ, 55: its customer words meet a bank question about \
         saying no to a large customer better than the prompt's own words",
    ),
    (
        "p17",
        "nonsense strategy, 69: grows creators by hiding their first 30 videos; a plan that \
         defeats its own goal",
    ),
    (
        "p18",
        "weak estimate, 64: frameworks recited; the two findings cost too little to take it \
         below Hire",
    ),
    (
        "p20",
        "nonsense GTM, 78: ice cream shipped for days by ground mail without cooling; physical \
         world knowledge",
    ),
    (
        "p22",
        "strong launch plan, 59: read as setting no behaviour target, and 'instant' read as an \
         absolute claim",
    ),
    (
        "p26",
        "nonsense story, 80: a team of six then nine, and four weeks of results two days in; \
         figures and durations are not compared across sentences",
    ),
    (
        "p29",
        "nonsense design, 70: a voice-only feature for deaf users; a product that defeats its \
         purpose",
    ),
    (
        "p32",
        "nonsense estimate, 81: multiplies a correct count by 300 with no reason; the \
         arithmetic holds",
    ),
    (
        "p36",
        "nonsense launch plan, 76: full launch first and internal testing last; the order of \
         phases is not read",
    ),
    (
        "p37",
        "nonsense campaign, 64: a $50,000 budget said to buy a Super Bowl ad and 200 \
         billboards; prices of media are world knowledge",
    ),
    (
        "p38",
        "strong pitch, 50: meets a bank question about letting someone go better than the pitch \
         question's own words",
    ),
    (
        "q02",
        "inventive nonsense: receipts that turn into soup, impact weighed in visitors' shoes; \
         none of its words is in the absurd-content lists, and what objects, animals and places \
         can do is world knowledge",
    ),
    (
        "q03",
        "inventive nonsense: grandparents living inside clocks, payment in unused Sunday \
         afternoons (said 'by donating'); none of its words is in the absurd-content lists, and \
         what objects, animals and places can do is world knowledge",
    ),
    (
        "q07",
        "inventive nonsense: dogs registered as contractors who walk themselves; none of its \
         words is in the absurd-content lists, and what objects, animals and places can do is \
         world knowledge",
    ),
    (
        "q08",
        "inventive nonsense: universities inside volcanoes, budgets in pumice; none of its \
         words is in the absurd-content lists, and what objects, animals and places can do is \
         world knowledge",
    ),
    (
        "q10",
        "inventive nonsense: deals split in two by star sign, payment 'with' rivals' vacation \
         days; none of its words is in the absurd-content lists, and what objects, animals and \
         places can do is world knowledge",
    ),
    (
        "q12",
        "inventive nonsense: a website rewritten in Morse code, a board that is one dog; none \
         of its words is in the absurd-content lists, and what objects, animals and places can \
         do is world knowledge",
    ),
    (
        "q16",
        "inventive nonsense: umbrellas for people who live under waterfalls, a waterfall \
         falling upward; none of its words is in the absurd-content lists, and what objects, \
         animals and places can do is world knowledge",
    ),
    (
        "q17",
        "inventive nonsense: saved items kept in boxes under a desk, pigeons adopting them; \
         none of its words is in the absurd-content lists, and what objects, animals and places \
         can do is world knowledge",
    ),
    (
        "q19",
        "inventive nonsense: an app that moves the traveller's kitchen abroad; none of its \
         words is in the absurd-content lists, and what objects, animals and places can do is \
         world knowledge",
    ),
    (
        "q21",
        "inventive nonsense: payouts delivered by a heron, letters from the moon; none of its \
         words is in the absurd-content lists, and what objects, animals and places can do is \
         world knowledge",
    ),
    (
        "q24",
        "inventive nonsense: postcards delivered by the customer's former lunch, badgers \
         fostering customers; none of its words is in the absurd-content lists, and what \
         objects, animals and places can do is world knowledge",
    ),
    (
        "s03",
        "nonsense design, 63: a pill dispenser powered by the pills falling into its cup, and drone refills within four minutes anywhere in the country; what a device can run on is world knowledge",
    ),
    (
        "s04",
        "off-question, 65: a market sizing of gifts for near-strangers handed in to a design question about the same gifts; the topic matches and a design can be a service, so no list of design words separates it",
    ),
    (
        "s08",
        "nonsense diagnosis, 69: flat viewers with more and longer sessions cannot make total watch time fall 8%; the product of the parts is not checked",
    ),
    (
        "s10",
        "nonsense metrics answer, 78: shares of one whole that add to 140%, and ten billion one-minute views as 2,000 hours; neither sum is checked",
    ),
    (
        "s13",
        "nonsense strategy, 68: growth among people without a smartphone through push notifications, and 400 million US daily users; app reach for people without the device is not read outside the channel words",
    ),
    (
        "s16",
        "nonsense estimate, 77: four million people at 2.5 a household as ten million households, and 250 van stops an hour; a division said in words is not checked",
    ),
    (
        "s21",
        "nonsense system design, 74: GPS sent only while the courier stands still, GPS that works in tunnels, 5 ms over fibre worldwide; what a technology can do is world knowledge",
    ),
    (
        "s24",
        "off-question, 68: a disagreement story handed in to 'tell me about a time you failed'; its outages and $40k in refunds read as the failure asked for",
    ),
    (
        "s34",
        "strong GTM, 55: its concrete nouns ('certification', 'utility', 'emergency', 'operations') read as abstract and cost 14 points",
    ),
    (
        "s42",
        "nonsense launch, 68: ocean freight from Shenzhen that reaches Chicago in two days, and a July launch for the heating season; travel times and seasons are world knowledge",
    ),
    (
        "s46",
        "nonsense campaign, 66: a free four-pack mailed to 500,000 households from $15,000, and creators with a million followers at $100 a post; what things cost is world knowledge",
    ),
    (
        "s50",
        "nonsense pitch, 71: moving documents to the cloud halves the hospital's electricity bill, and a mail filter shields the MRI scanners; what a product can cause is world knowledge",
    ),
    (
        "u19",
        "weak estimate, 62: one Amazon order a week for every person in the US and no check against anything known; the arithmetic holds, and the missing sanity check is only one rubric dimension",
    ),
    (
        "u24",
        "strong positioning, 59: plain words for its segment and proof ('you keep Excel'), which the rubric's signals meet in part, and 'collaboration', 'security', 'confidentiality' read as abstract",
    ),
    (
        "u26",
        "strong campaign, 57: its audience by last year's negative balance and measures against the same districts last year are read as no isolation plan and no behaviour target, and 'low-balance' counts as abstract",
    ),
];

#[derive(serde::Deserialize)]
struct Written {
    id: String,
    role: String,
    round: String,
    #[serde(default)]
    company: Option<String>,
    question: String,
    label: String,
    answer: String,
}

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).unwrap_or_else(|e| panic!("{e}"));
        Grader::new(std::sync::Arc::new(catalog))
    })
}

/// The answers of a JSON Lines file on the wrong side of the Hire line, and how many it holds.
fn wrong_side(file: &str) -> (usize, Vec<(String, String, u32)>) {
    let g = grader();
    let mut wrong = Vec::new();
    let mut count = 0;
    for line in file.lines().filter(|l| !l.trim().is_empty()) {
        let w: Written = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let request = GradeRequest {
            answer: w.answer.clone(),
            role: Some(if w.role == "pm" { Role::Pm } else { Role::Pmm }),
            round: Some(
                g.catalog()
                    .round_kind_id(&w.round)
                    .unwrap_or_else(|e| panic!("{e}")),
            ),
            question: Some(w.question.clone()),
            company: w.company.clone(),
            ..Default::default()
        };
        let report = g
            .grade(&request)
            .unwrap_or_else(|e| panic!("{}: {e}", w.id));
        let hire = report.score >= g.catalog().grading().hire;
        let right = match w.label.as_str() {
            "strong" => hire,
            "weak" | "nonsense" | "off-question" => !hire,
            other => panic!("{}: label {other}", w.id),
        };
        if !right {
            wrong.push((w.id.clone(), w.label.clone(), report.score));
        }
        count += 1;
    }
    (count, wrong)
}

/// Fails on an answer newly on the wrong side, and on a known miss that is now right.
fn same_misses(wrong: &[(String, String, u32)], known: &[&str]) {
    let new: Vec<_> = wrong
        .iter()
        .filter(|(id, ..)| !known.contains(&id.as_str()))
        .collect();
    assert!(
        new.is_empty(),
        "answers now on the wrong side of Hire: {new:?}"
    );
    let mended: Vec<&&str> = known
        .iter()
        .filter(|id| !wrong.iter().any(|(w, ..)| w == *id))
        .collect();
    assert!(
        mended.is_empty(),
        "now right, take them off the known misses: {mended:?}"
    );
}

#[test]
fn answers_written_for_testing_stay_on_their_side_of_hire() {
    let (count, wrong) = wrong_side(include_str!("written/answers.jsonl"));
    assert_eq!(count, 762, "the file holds every answer");
    let known: Vec<&str> = KNOWN_MISSES.iter().map(|(id, _)| *id).collect();
    same_misses(&wrong, &known);
}

/// Pairs written for testing (2026-12-06, two batches, `written/fidelity.jsonl`): each question
/// states a hard fact that limits a product (the systems it connects to, how it works, how
/// often it is right, what it needs before it works, where its only proof comes from), and asks
/// for a message, a pitch or a plan. The strong answer keeps every claim inside the limit; the
/// weak one is fluent, structured and measured, and its only flaw is that it promises past the
/// limit. The grader reads no question's stated limits, so most weak answers here rate Hire:
/// this records the gap (25 of 42 weak answers rate Hire, 8 of 42 strong ones do not) so that
/// a mend shows, and nothing gets worse unseen. Phrase rules written for the first batch's
/// overclaims caught 1 of the second batch's 24 and flagged one of its strong answers, so none
/// was kept.
const FIDELITY_MISSES: &[&str] = &[
    "mf02", "mf04", "mf06", "mf09", "mf12", "mf13", "mf14", "mf16", "mf21", "mf23", "mf26", "mf29",
    "mf32", "mg06", "mg12", "mg14", "mg18", "mg20", "mg22", "mg24", "mg25", "mg26", "mg28", "mg30",
    "mg32", "mg35", "mg36", "mg38", "mg40", "mg42", "mg44", "mg46", "mg47",
];

#[test]
fn claims_past_a_limit_the_question_states_stay_where_they_are() {
    let (count, wrong) = wrong_side(include_str!("written/fidelity.jsonl"));
    assert_eq!(count, 84, "the file holds every answer");
    same_misses(&wrong, FIDELITY_MISSES);
}
