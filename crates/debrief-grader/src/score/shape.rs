//! The shape of an answer read from its words: lists of short items, the tense of its
//! first-person clauses (what happened, what would happen, what is), and how many of its
//! nouns name a process or a quality rather than who did what.

use std::collections::BTreeSet;

use crate::compile::Compiled;
use debrief_text::{Assertion, Text, TokenKind, WordClass};

/// The longest run of short items (at most `item_words` words each) a sentence lists,
/// separated by commas, semicolons, "and" or "or": "geography, time of day, platform,
/// restaurant type and courier type" is five. A colon starts a new run (the label before it
/// is not an item); an item with a number (a calculation's step) or one that opens a clause
/// ("which", "because") ends the run.
pub(super) fn longest_list(sentence: &str, item_words: usize) -> usize {
    const CLAUSE: [&str; 15] = [
        "which", "that", "who", "whose", "where", "because", "so", "if", "when", "while", "but",
        "then", "to", "as", "since",
    ];
    // One item at a time, as its words come: its first word, its length, whether it holds a
    // number. No item is kept, so a long answer costs no allocation here.
    struct Item<'s> {
        first: Option<&'s str>,
        words: usize,
        number: bool,
    }
    let (mut run, mut best) = (0usize, 0usize);
    let mut end = |item: &mut Item<'_>, run: &mut usize| {
        let Some(first) = item.first.take() else {
            // "..., and X": the conjunction opens the item rather than ending one.
            return;
        };
        let first = first.trim_matches(|c: char| !c.is_alphanumeric());
        let clause = CLAUSE.iter().any(|c| first.eq_ignore_ascii_case(c));
        if item.words <= item_words && !clause && !item.number {
            *run += 1;
            best = best.max(*run);
        } else {
            *run = 0;
        }
        (item.words, item.number) = (0, false);
    };
    for (k, section) in sentence.split(':').enumerate() {
        if k > 0 {
            run = 0;
        }
        for part in section.split([',', ';', '(', ')']) {
            let mut item = Item {
                first: None,
                words: 0,
                number: false,
            };
            for w in part.split_whitespace() {
                if w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or") {
                    end(&mut item, &mut run);
                } else {
                    item.first.get_or_insert(w);
                    item.words += 1;
                    item.number |= w.bytes().any(|b| b.is_ascii_digit());
                }
            }
            end(&mut item, &mut run);
        }
    }
    best
}

/// Abstract nouns per hundred words, with a hundred words at the score model's `neutral`
/// rate for the feature counted in, so a short reply is read nearer the usual rate.
pub(super) fn abstract_rate(nouns: usize, words: usize, model: &debrief_pack::ScoreModel) -> f64 {
    const PRIOR_WORDS: f64 = 100.0;
    let neutral = model.neutral("abstract").unwrap_or(0.0);
    100.0 * (nouns as f64 + neutral) / (words as f64 + PRIOR_WORDS)
}

/// The tokens of the candidate's own words (not labels, not quoted or named) that are abstract
/// nouns:
/// at least seven letters, a plural "s" aside, ending in one of the pack's `abstract-endings`
/// ("alignment", "visibility") and not in its `not-abstract` list ("payment", "retention").
/// A word the question or prompt uses (`asked`, lowercase words) is the subject, not an
/// abstraction ("security" for a security product), and a capitalised word inside a sentence
/// is a name ("the Evidence add-on").
pub(super) fn abstract_nouns(
    text: &Text<'_>,
    compiled: &Compiled,
    assertion: &Assertion,
    asked: &std::collections::BTreeSet<String>,
) -> Vec<usize> {
    const LEAST: usize = 7;
    (0..text.tokens.len())
        .filter(|&i| !assertion.label[i] && !assertion.mentioned[i])
        .filter(|&i| {
            let token = &text.tokens[i];
            let opens = text.sentences[token.sentence].first_token == i;
            opens
                || !text.source[token.start..token.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
        .filter(|&i| {
            let word = text.lower(i);
            let one = word
                .strip_suffix('s')
                .filter(|w| !w.ends_with('s'))
                .unwrap_or(word);
            one.len() >= LEAST
                && !asked.contains(word)
                && !asked.contains(one)
                && compiled
                    .abstract_endings
                    .iter()
                    .any(|e| one.ends_with(e.as_str()))
                && !compiled.not_abstract.contains(word)
                && !compiled.not_abstract.contains(one)
        })
        .collect()
}

/// The clauses whose subject is "I" or "we", by what they tell.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Clauses {
    /// A past-tense verb follows: "I chose", "we shipped".
    pub(super) past: usize,
    /// A modal or a contracted "would" or "will": "I'd", "we will", "I should".
    pub(super) plan: usize,
    /// All of them, the rest saying what is ("I think", "we're").
    pub(super) all: usize,
    /// Whether the answer's opening (its first two sentences, since the first may restate
    /// the problem) and its last sentence each hold a plan clause: a plan that brings a past
    /// story in as evidence ("First I'd split the drop... When I faced this at a payroll
    /// startup... For you, I'd start with that split").
    pub(super) framed_as_plan: bool,
}

/// Counts the first-person clauses ([`Clauses`]). Adverbs between subject and verb ("I then
/// chose", "we quickly shipped") are skipped, and so are labels ("What I did:").
pub(super) fn first_person_clauses(
    text: &Text<'_>,
    compiled: &Compiled,
    label: &[bool],
) -> Clauses {
    let mut out = Clauses::default();
    let last_sentence = text.sentences.len().saturating_sub(1);
    let (mut plan_opens, mut plan_closes) = (false, false);
    let mut plan_at = |sentence: usize| {
        plan_opens |= sentence < 2;
        plan_closes |= sentence == last_sentence;
    };
    for i in 0..text.tokens.len() {
        if label.get(i).copied().unwrap_or(false) {
            continue;
        }
        let had_or_would = matches!(text.lower(i), "i'd" | "we'd");
        match text.lower(i) {
            "i" | "we" | "i'd" | "we'd" => {}
            "i'll" | "we'll" => {
                out.plan += 1;
                out.all += 1;
                plan_at(text.tokens[i].sentence);
                continue;
            }
            "i'm" | "we're" | "i've" | "we've" => {
                out.all += 1;
                continue;
            }
            _ => continue,
        }
        let sentence = text.tokens[i].sentence;
        let verb = (i + 1..text.tokens.len())
            .take_while(|&j| text.tokens[j].sentence == sentence)
            .find(|&j| !crate::asks::adverb(text.lower(j), &compiled.skip_adverbs));
        let Some(verb) = verb else {
            out.all += 1;
            out.plan += usize::from(had_or_would);
            if had_or_would {
                plan_at(sentence);
            }
            continue;
        };
        // "What I did:" heads a paragraph; it tells nothing.
        if text.source[text.tokens[verb].end..].starts_with(':') {
            continue;
        }
        out.all += 1;
        let verb = text.lower(verb);
        let past = (verb.len() > 3 && verb.ends_with("ed"))
            || compiled.past_verbs.contains(verb)
            || verb == "been";
        if had_or_would {
            // "I'd told them" is "I had"; "I'd tell them" is "I would".
            if past {
                out.past += 1;
            } else {
                out.plan += 1;
                plan_at(sentence);
            }
        } else if compiled.modal_verbs.contains(verb) {
            out.plan += 1;
            plan_at(sentence);
        } else if past {
            out.past += 1;
        }
    }
    out.framed_as_plan = plan_opens && plan_closes;
    out
}

/// The share of an answer's word pairs in an order no English sentence has (two
/// determiners in a row, a sentence ending on "the", a capitalised opener mid-sentence, a
/// sentence that opens in lower case mid-line in text that capitalises): shuffled or
/// scrambled text scores high, prose near zero.
pub(crate) fn word_order_share(text: &Text<'_>) -> f64 {
    let (mut pairs, mut odd) = (0usize, 0usize);
    for s in &text.sentences {
        for t in s.first_token..s.end_token.saturating_sub(1) {
            // Words on two lines are not a pair: a list's items ("- a week each",
            // "- one in five") run on without a full stop.
            if text.source[text.tokens[t].end..text.tokens[t + 1].start].contains('\n') {
                continue;
            }
            pairs += 1;
            if impossible(text.tokens[t].class, text.tokens[t + 1].class) {
                odd += 1;
            }
        }
        // A sentence does not end on "the" or "of".
        let last = text.tokens[s.end_token - 1].class;
        if s.len() > 1 && matches!(last, WordClass::Determiner | WordClass::Preposition) {
            odd += 1;
        }
        // Nor does "The" or "We" stand capitalised in its middle: in shuffled text
        // the words that opened sentences land anywhere. (Someone who writes all
        // in lowercase has none; "I" is capitalised everywhere and left out.)
        for t in s.first_token + 1..s.end_token {
            if capital_mid_sentence(text, t) {
                odd += 1;
            }
        }
    }
    // Nor does a sentence that follows another on the same line open in lower case,
    // in an answer that capitalises a sentence or an opener ("The", "We") somewhere:
    // in shuffled text the full stops land mid-paragraph, before whatever word came
    // next. Bullets start new lines, and someone who writes in lowercase has neither
    // (a capitalised name is not an opener).
    let opens = |s: &debrief_text::Sentence, case: fn(&char) -> bool| {
        text.source[s.start..s.end]
            .chars()
            .next()
            .is_some_and(|c| case(&c))
    };
    let lower_opens = text
        .sentences
        .windows(2)
        .filter(|pair| {
            opens(&pair[1], char::is_ascii_lowercase)
                && !text.source[pair[0].end..pair[1].start].contains('\n')
        })
        .count();
    // Only then is it worth asking whether the writer capitalises at all.
    let capitalises = lower_opens > 0
        && (text
            .sentences
            .iter()
            .any(|s| opens(s, char::is_ascii_uppercase))
            || (0..text.tokens.len()).any(|t| capitalised_opener(text, t)));
    if capitalises {
        odd += lower_opens;
    }
    odd as f64 / pairs.max(1) as f64
}

/// The pairs of neighbouring word classes in `text`, as indexes into
/// [`debrief_pack::WORD_ORDER_CLASSES`] (`start` and `end` for each sentence's edges); words
/// on two lines make no pair, as in [`word_order_share`].
pub(crate) fn class_pairs(text: &Text<'_>) -> Vec<(usize, usize)> {
    const START: usize = 6;
    const END: usize = 7;
    let index = |c: WordClass| match c {
        WordClass::Determiner => 0,
        WordClass::Preposition => 1,
        WordClass::Subject => 2,
        WordClass::Auxiliary => 3,
        WordClass::Conjunction => 4,
        WordClass::Open => 5,
    };
    let mut out = Vec::with_capacity(text.tokens.len() + 2 * text.sentences.len());
    for s in &text.sentences {
        if s.first_token >= s.end_token {
            continue;
        }
        out.push((START, index(text.tokens[s.first_token].class)));
        for t in s.first_token..s.end_token - 1 {
            if !text.source[text.tokens[t].end..text.tokens[t + 1].start].contains('\n') {
                out.push((index(text.tokens[t].class), index(text.tokens[t + 1].class)));
            }
        }
        out.push((index(text.tokens[s.end_token - 1].class), END));
    }
    out
}

/// How far `text` reads as sentences as written rather than shuffled words: the mean, over
/// its class pairs, of the pack's log-odds for each (`grading.word_order_odds`). `None` with
/// no table, or under twelve pairs, too few to judge.
pub(crate) fn word_order_odds(text: &Text<'_>, table: Option<&[[f64; 8]; 8]>) -> Option<f64> {
    let table = table?;
    let pairs = class_pairs(text);
    (pairs.len() >= 12)
        .then(|| pairs.iter().map(|&(a, b)| table[a][b]).sum::<f64>() / pairs.len() as f64)
}

/// The share of sentences that follow a full stop, question mark or exclamation mark on the
/// same line and open in lower case, in text whose other sentences open with a capital:
/// shuffled words put the marks anywhere, so most "sentences" open mid-phrase ("sales. value
/// inspection is"). `None` under five such sentences, or when the writer capitalises no word
/// but "I" (a lower-case writer is not a shuffle).
pub(crate) fn lowercase_openers(text: &Text<'_>) -> Option<f64> {
    let capitalises = text.tokens.iter().any(|t| {
        let word = &text.source[t.start..t.end];
        !t.singular && word.chars().next().is_some_and(char::is_uppercase)
    });
    let (mut after_mark, mut lower) = (0usize, 0usize);
    for s in &text.sentences {
        let Some(first) = text.source[s.start..s.end].chars().next() else {
            continue;
        };
        let before = text.source[..s.start].trim_end_matches([' ', '\t']);
        if before.ends_with(['.', '!', '?']) && first.is_alphabetic() {
            after_mark += 1;
            lower += usize::from(first.is_lowercase());
        }
    }
    (after_mark >= 5 && capitalises).then(|| lower as f64 / after_mark as f64)
}

/// Whether token `t` is a closed-class word other than "I" written with a capital, as a
/// sentence opener is ("The", "We").
fn capitalised_opener(text: &Text<'_>, t: usize) -> bool {
    let token = &text.tokens[t];
    token.class != WordClass::Open && !token.singular && starts_upper(text, t)
}

/// Whether token `t` is written with a capital first letter.
fn starts_upper(text: &Text<'_>, t: usize) -> bool {
    let token = &text.tokens[t];
    text.source[token.start..token.end]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Whether token `t` is a closed-class word written with a capital where no sentence, quote,
/// label or list item starts ("the report, The team" or "cuts The"); after a full stop the
/// tokenizer may have kept ("No. The users"), a capital is normal.
fn capital_mid_sentence(text: &Text<'_>, t: usize) -> bool {
    let token = &text.tokens[t];
    let word = &text.source[token.start..token.end];
    let closed_capital =
        capitalised_opener(text, t) && word.chars().skip(1).all(|c| !c.is_uppercase());
    let before = text.source[..token.start].trim_end_matches([' ', '\t']);
    let opens = before.is_empty()
        || before.ends_with([
            '\n', '.', '!', '?', ':', '"', '“', '‘', '\'', '(', '-', '•', '*', '—', '–', ';',
        ]);
    closed_capital && !opens
}

/// Word pairs English does not allow ("the of", "we the", "and or"): rare in real answers,
/// common in shuffled ones.
fn impossible(a: WordClass, b: WordClass) -> bool {
    use WordClass::*;
    matches!(
        (a, b),
        (
            Determiner,
            Determiner | Preposition | Subject | Auxiliary | Conjunction
        ) | (Subject, Determiner | Subject | Preposition | Conjunction)
            | (Preposition, Auxiliary | Conjunction | Subject)
            | (Conjunction, Conjunction)
    )
}

/// The invented names in an answer: runs of two or more capitalised words inside a sentence
/// (its first word left out, since every sentence opens with a capital), separated by spaces
/// only, whose last word is one of the `coined-term-heads` ("Checkout Confidence Quotient",
/// "Tri-Horizon Exposure Scan"). An established name (`known-terms`), a name the question
/// uses, and a line-opening label are not coined. One span (first and last token) per
/// distinct name, in order. A made-up metric or framework names nothing a listener can check;
/// several in one answer are the sound of nonsense in the right frame.
pub(super) fn coined_terms(
    text: &Text<'_>,
    compiled: &Compiled,
    label: &[bool],
    question: Option<&str>,
) -> Vec<(usize, usize)> {
    let question = question.map(str::to_lowercase).unwrap_or_default();
    let capitalised = |t: usize| {
        let token = &text.tokens[t];
        token.kind == debrief_text::TokenKind::Word
            && !label.get(t).copied().unwrap_or(false)
            && !token.singular
            && starts_upper(text, t)
    };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for s in &text.sentences {
        let mut t = s.first_token + 1;
        while t < s.end_token {
            if !capitalised(t) {
                t += 1;
                continue;
            }
            let start = t;
            while t + 1 < s.end_token
                && capitalised(t + 1)
                && text.source[text.tokens[t].end..text.tokens[t + 1].start]
                    .chars()
                    .all(|c| c == ' ')
            {
                t += 1;
            }
            let end = t;
            t += 1;
            if end == start || !compiled.coined_heads.contains(text.lower(end)) {
                continue;
            }
            let name = (start..=end)
                .map(|i| text.lower(i))
                .collect::<Vec<_>>()
                .join(" ");
            if compiled.known_terms.contains(&name)
                || question.contains(&name)
                || !seen.insert(name)
            {
                continue;
            }
            out.push((start, end));
        }
    }
    out
}

/// The sentences of an answer that argue in a circle: split at a `circular-joins` word
/// ("because", "so", "means", "and", "is"), both sides use mostly the same content words, and
/// in reverse order ("more bookings prove better matches, and better matches cause more
/// bookings"; "firms choose it because it's the best fit, and it's the best fit because they
/// chose it"). Each side must repeat at least `grading.circular_overlap` of the other's
/// distinct content words, and at least `grading.circular_shared` of them, and the sentence
/// must give a reason or an equation (a join that is not a plain conjunction). A reason that
/// restates its claim explains nothing, however fluent. Sentences with a figure are left out:
/// arithmetic repeats its units ("24,000 contacts in four hours, or 6,000 an hour"), and
/// parallel statements keep their order ("downhill stations mean riders can't return bikes,
/// and uphill stations mean riders can't start trips"). One span (first and last token) per
/// such sentence.
pub(super) fn circular_claims(text: &Text<'_>, compiled: &Compiled) -> Vec<(usize, usize)> {
    let grading = &compiled.grading;
    let least = grading.circular_shared.max(1) as usize;
    let mut out = Vec::new();
    // Reused from sentence to sentence: most sentences are turned away before the slow part.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut joins: Vec<usize> = Vec::new();
    let mut stems: Vec<u64> = Vec::new();
    for s in &text.sentences {
        let tokens = s.first_token..s.end_token;
        if tokens
            .clone()
            .any(|t| text.tokens[t].kind != debrief_text::TokenKind::Word)
        {
            continue;
        }
        // Cheapest test first, on the words as written (hashes of the open-class words of
        // three letters or more, no stemming yet): a circle says most of its shared words
        // twice in the same form, and asking for all but one lets a word change its ending
        // ("matches", "matched").
        stems.clear();
        stems.extend(
            tokens
                .clone()
                .filter(|&t| text.tokens[t].class == WordClass::Open && text.lower(t).len() > 2)
                .map(|t| stem_hash(text.lower(t))),
        );
        if repeats(&mut stems) < least.saturating_sub(1).max(1) {
            continue;
        }
        // One pass: content words by their stem, with their token, and the join words that
        // split the sentence.
        words.clear();
        joins.clear();
        stems.clear();
        let mut reasons = false;
        for t in tokens {
            let w = text.lower(t);
            if compiled.circular_joins.contains(w) {
                joins.push(t);
                reasons |= text.tokens[t].class != WordClass::Conjunction;
            } else if w.len() > 2 && !debrief_text::is_function_word(w) {
                let stem = debrief_text::crude_stem(w);
                words.push((t, stem));
                stems.push(stem_hash(stem));
            }
        }
        // A circle gives a reason or an equation ("because", "means", "is"); two clauses
        // joined by "and" alone only say two things ("we cut the price for small teams, and
        // small teams cut their seats").
        if !reasons {
            continue;
        }
        // And it repeats at least `least` different words (compared by a hash of the stem:
        // a rare collision only lets a sentence through to the exact test below).
        if repeats(&mut stems) < least {
            continue;
        }
        let circular = joins.iter().any(|&join| {
            let split = words.partition_point(|&(t, _)| t < join);
            argues_in_circle(
                &words[..split],
                &words[split..],
                least,
                grading.circular_overlap,
            )
        });
        if circular {
            out.push((s.first_token, s.end_token - 1));
        }
    }
    out
}

/// Whether the content words before a join and after it say the same thing back: enough of
/// each side's distinct words recur on the other, and the shared ones come in another order.
fn argues_in_circle(
    before: &[(usize, &str)],
    after: &[(usize, &str)],
    least: usize,
    overlap: f64,
) -> bool {
    let (left, right) = (distinct(before), distinct(after));
    if left.len() < 2 || right.len() < 2 {
        return false;
    }
    let shared: Vec<&str> = left.iter().copied().filter(|w| right.contains(w)).collect();
    let covered = |side: &[&str]| shared.len() as f64 / side.len() as f64 >= overlap;
    if shared.len() < least || !covered(&left) || !covered(&right) {
        return false;
    }
    // Order: the position of each shared word on either side. A circle swaps claim and
    // reason ("A because B, and B because A"), so the pairs that cross the swap come in the
    // other order: with one word on one side of it and four on the other, four pairs of ten.
    // A parallel sentence keeps its order.
    let at = |side: &[&str], w: &str| side.iter().position(|x| *x == w).unwrap_or(0);
    let (mut pairs, mut swapped) = (0usize, 0usize);
    for (i, a) in shared.iter().enumerate() {
        for b in &shared[i + 1..] {
            pairs += 1;
            let l = at(&left, a) < at(&left, b);
            let r = at(&right, a) < at(&right, b);
            if l != r {
                swapped += 1;
            }
        }
    }
    4 * swapped >= pairs
}

/// How many different values `hashes` holds more than once (sorts it).
fn repeats(hashes: &mut [u64]) -> usize {
    hashes.sort_unstable();
    hashes
        .windows(2)
        .enumerate()
        .filter(|&(i, pair)| pair[0] == pair[1] && (i == 0 || hashes[i - 1] != pair[0]))
        .count()
}

/// A stem's hash, for counting repeats without comparing strings.
fn stem_hash(stem: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    stem.hash(&mut h);
    h.finish()
}

/// Each word of `side` once, in the order it first comes.
fn distinct<'w>(side: &[(usize, &'w str)]) -> Vec<&'w str> {
    let mut seen: Vec<&str> = Vec::new();
    for &(_, w) in side {
        if !seen.contains(&w) {
            seen.push(w);
        }
    }
    seen
}

/// The names a question uses, lowercase: capitalised words inside a sentence ("Why do you want
/// to work at Nettlecombe?" names "nettlecombe"), at least three letters, not written all in
/// capitals (PM, PMM and CEO are roles) and without a possessive "'s". A word that opens a
/// sentence is capitalised for that reason alone, so it is left out.
pub(super) fn question_names(question: &str) -> Vec<String> {
    const LEAST: usize = 3;
    let text = Text::new(question);
    let mut names: Vec<String> = Vec::new();
    for (i, t) in text.tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || text.sentences[t.sentence].first_token == i {
            continue;
        }
        let word = crate::topic::without_possessive(&text.source[t.start..t.end]);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let all_caps = word.chars().all(|c| !c.is_lowercase());
        let lower = word.to_lowercase();
        if capital && !all_caps && word.chars().count() >= LEAST && !names.contains(&lower) {
            names.push(lower);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::{abstract_nouns, circular_claims, coined_terms, longest_list, question_names};
    use crate::compile::Compiled;
    use debrief_text::{Assertion, Text};

    #[test]
    fn abstract_nouns_are_the_candidates_own_and_not_the_questions_or_names() {
        let catalog = debrief_content::load(None).expect("the built-in pack loads");
        let compiled = Compiled::new(catalog.pack());
        let count = |answer: &str, question: &str| {
            let text = Text::new(answer);
            let assertion = Assertion::new(&text, &compiled.scope_words);
            let asked = debrief_pack::search::lowercase_words(question).collect();
            abstract_nouns(&text, &compiled, &assertion, &asked).len()
        };
        // "alignment", "visibility" and "optimization" describe; the plain name of a measure
        // ("retention") and of a thing ("payments") do not count.
        assert_eq!(
            count(
                "We drove alignment and visibility through optimization of retention and payments.",
                "Why?"
            ),
            3
        );
        // A label, a word the question uses and a name inside a sentence are not the
        // candidate's abstraction; quoted jargon is a mention.
        assert_eq!(
            count(
                "Alignment: the Evidence add-on cut security review time, and I cut the word \
                 'synergy optimization' from the page.",
                "Launch a security-compliance product."
            ),
            0
        );
    }

    #[test]
    fn coined_names_are_capitalised_runs_ending_in_a_head_noun_and_nobody_elses() {
        let catalog = debrief_content::load(None).expect("the built-in pack loads");
        let compiled = Compiled::new(catalog.pack());
        let names = |answer: &str, question: Option<&str>| -> Vec<String> {
            let text = Text::new(answer);
            let label = Assertion::new(&text, &compiled.scope_words).label;
            coined_terms(&text, &compiled, &label, question)
                .into_iter()
                .map(|(a, b)| text.source[text.tokens[a].start..text.tokens[b].end].to_owned())
                .collect()
        };
        assert_eq!(
            names(
                "I'd run a Checkout Momentum Audit, then the Checkout Momentum Audit again, and \
                 watch the Friction Debt Index.",
                None
            ),
            ["Checkout Momentum Audit", "Friction Debt Index"]
        );
        // An established name, a name the question gives, a sentence's capitalised first
        // word, names that end in something else and a run broken by a comma are not coined.
        assert!(
            names(
                "Conversion Index figures aside, I'd watch the Net Promoter Score, the Seller \
                 Health Score and Google Sheets. Seattle, Index and Lens are not one name.",
                Some("How would you raise the Seller Health Score?")
            )
            .is_empty()
        );
    }

    #[test]
    fn a_circle_says_its_claim_back_as_its_reason_and_a_parallel_or_a_sum_does_not() {
        let catalog = debrief_content::load(None).expect("the built-in pack loads");
        let compiled = Compiled::new(catalog.pack());
        let circles = |answer: &str| -> Vec<String> {
            let text = Text::new(answer);
            circular_claims(&text, &compiled)
                .into_iter()
                .map(|(a, b)| text.source[text.tokens[a].start..text.tokens[b].end].to_owned())
                .collect()
        };
        // Claim and reason swap places, with the words' endings changed or not.
        assert_eq!(
            circles(
                "We shipped it in May. More bookings would prove better matches, and better \
                 matches would cause more bookings. The team agreed."
            ),
            [
                "More bookings would prove better matches, and better matches would cause more bookings"
            ]
        );
        assert_eq!(
            circles(
                "Firms choose it because it is the best fit for them, and we know it is the \
                 best fit for them because those firms choose it."
            )
            .len(),
            1
        );
        // Two sides in the same order are a parallel, not a circle; a sum repeats its units;
        // a reason from outside the claim shares few of its words.
        assert!(
            circles(
                "Full downhill stations mean riders can't return bikes, and empty uphill \
                 stations mean riders can't start trips. That is 24,000 contacts in four hours, \
                 or 6,000 contacts an hour. I ranked by price because the interviews showed \
                 price drove most choices. We cut the price for small teams, and small teams \
                 cut their seats."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_list_is_a_run_of_short_items_and_clauses_or_numbers_end_it() {
        let factors = "Segment by geography, time of day, day of week, platform, restaurant \
                       type and courier type.";
        assert_eq!(longest_list(factors, 4), 6);
        // The label before a colon is not an item.
        assert_eq!(
            longest_list("Channels: search, social, email and events.", 4),
            4
        );
        // A calculation's steps carry numbers; a relative clause is not an item.
        assert_eq!(
            longest_list("Staff across airlines, security, 20,000 a day, shops.", 4),
            2
        );
        assert_eq!(
            longest_list(
                "Stores, warehouses and the website, which promises stock.",
                4
            ),
            3
        );
        // Prose has no run at all.
        assert_eq!(
            longest_list(
                "I cut the invite screen because it lost a third of new teams.",
                4
            ),
            0
        );
    }

    #[test]
    fn question_names_are_the_capitalised_words_inside_a_sentence() {
        assert_eq!(
            question_names("Why do you want to work at Nettlecombe?"),
            vec!["nettlecombe"]
        );
        assert_eq!(
            question_names("What draws you to Quillcraft's design team? Why now?"),
            vec!["quillcraft"],
            "a possessive is the name; 'Why' opens a sentence"
        );
        assert!(
            question_names("Why PM rather than PMM, and why now?").is_empty(),
            "roles written in capitals are no names"
        );
        assert!(question_names("Tell me about a time you failed.").is_empty());
    }
}
