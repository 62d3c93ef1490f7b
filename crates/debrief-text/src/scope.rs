//! What a sentence asserts, as opposed to what it denies, quotes or merely labels.
//!
//! "I didn't set an awareness goal, on purpose" contains the words of an awareness goal but
//! claims the opposite; "the rote answer, 'one builds, one markets', misses the point" quotes a
//! definition in order to reject it; "User segments:" on a line of its own is a heading, not a
//! segment. Evidence and findings must count only what the candidate asserts, so each token is
//! marked:
//!
//! - **negated**: a negator ("not", "never", "without", "rather than", ... from the pack) stands
//!   before it within a few tokens of the same clause. Clauses end at `, ; : . ! ?`, brackets
//!   and dashes, so "I didn't wait, I decided" asserts the decision. A rejecter after the
//!   words ("page views I'd leave off the scorecard", "impressions don't matter") denies what
//!   its clause names before it, unless "I" or "we" stands there.
//! - **mentioned**: it follows a mention cue ("words like", "the rote answer") to the end of
//!   its clause, or sits in a quotation that opens after one, in its clause or right after it
//!   ("the rote answer, 'one builds, one markets', misses it"), or in a list of two or more
//!   short quotations ("'next-generation', 'seamless' and 'bold'"). Quotation marks alone do
//!   not make a mention: a candidate quoting their own headline or framing is asserting it.
//! - **label**: it belongs to a short label that opens a line ("Metrics:", "**Pain points:**",
//!   "- User segments:"): at most four words, none of them a pronoun, then a colon. The
//!   sentence after a label counts on its own words; the label adds nothing.

use crate::tokens::{Text, WordClass};

/// The words the marking reads, from the pack's word lists.
#[derive(Debug, Clone, Default)]
pub struct ScopeWords {
    /// How many tokens after a negator it reaches.
    pub window: usize,
    /// Per first word, the negators, mention cues and rejecters that start with it, each one
    /// or more lowercase words ("rather than", "words like", "don't matter"): most tokens
    /// start none, and one lookup finds the few phrases worth comparing.
    firsts: rustc_hash::FxHashMap<String, Starting>,
    /// Per first word, the denials that only reassure ("no risk") that start with it, each as
    /// lowercase words.
    reassurances: rustc_hash::FxHashMap<String, Phrases>,
}

/// The phrases that start with one word, by list.
#[derive(Debug, Clone, Default)]
struct Starting {
    negators: Phrases,
    mention_cues: Phrases,
    /// Phrases that reject what stands before them in their clause ("I'd leave off",
    /// "don't matter").
    rejecters: Phrases,
}

/// The phrases of one list that start with one word, grouped by their second word: a common
/// first word ("the" opens dozens of mention cues, "I" many rejecters) then costs one lookup
/// of the next word rather than a comparison per phrase.
#[derive(Debug, Clone, Default)]
struct Phrases {
    /// Whether the first word is a phrase by itself.
    alone: bool,
    /// Second word → the words after the second of each phrase that has it.
    by_second: rustc_hash::FxHashMap<String, Vec<Vec<String>>>,
}

impl Phrases {
    fn push(&mut self, words: &[String]) {
        match words {
            [] => {}
            [_] => self.alone = true,
            [_, second, rest @ ..] => self
                .by_second
                .entry(second.clone())
                .or_default()
                .push(rest.to_vec()),
        }
    }

    /// The length in tokens of the longest of these phrases that starts at token `t` (whose
    /// word is their first), all of it inside `t`'s sentence.
    fn longest_at(&self, text: &Text<'_>, t: usize) -> Option<usize> {
        let mut longest = self.alone.then_some(1);
        let n = text.tokens.len();
        let sentence = text.tokens[t].sentence;
        let same = |u: usize| u < n && text.tokens[u].sentence == sentence;
        if self.by_second.is_empty() || !same(t + 1) {
            return longest;
        }
        for rest in self.by_second.get(text.lower(t + 1)).into_iter().flatten() {
            let fits = rest
                .iter()
                .enumerate()
                .all(|(k, w)| same(t + 2 + k) && text.lower(t + 2 + k) == w);
            if fits {
                longest = longest.max(Some(2 + rest.len()));
            }
        }
        longest
    }
}

impl ScopeWords {
    /// Builds the lists from phrases as written ("rather than"), split on spaces.
    pub fn new(negators: &[String], mention_cues: &[String], window: usize) -> ScopeWords {
        let mut firsts: rustc_hash::FxHashMap<String, Starting> = Default::default();
        for (first, phrases) in by_first_word(negators) {
            firsts.entry(first).or_default().negators = phrases;
        }
        for (first, phrases) in by_first_word(mention_cues) {
            firsts.entry(first).or_default().mention_cues = phrases;
        }
        ScopeWords {
            window,
            firsts,
            reassurances: Default::default(),
        }
    }

    /// The same words, with the denials that only reassure ("no risk", "not an issue"), which
    /// [`Assertion::limits`] does not count.
    #[must_use]
    pub fn with_reassurances(mut self, phrases: &[String]) -> ScopeWords {
        self.reassurances = by_first_word(phrases);
        self
    }

    /// The same words, with the phrases that reject what comes before them in their clause
    /// ("page views I'd leave off the scorecard", "impressions don't matter here").
    #[must_use]
    pub fn with_rejecters(mut self, phrases: &[String]) -> ScopeWords {
        for starting in self.firsts.values_mut() {
            starting.rejecters = Phrases::default();
        }
        // One table for every kind of phrase: most tokens start none, and one lookup a token
        // finds the few worth comparing.
        for (first, words) in by_first_word(phrases) {
            self.firsts.entry(first).or_default().rejecters = words;
        }
        self
    }
}

/// The most words a quotation in a list of quoted words may hold: longer ones are sentences.
const SHORT_QUOTE_WORDS: usize = 3;

/// Phrases as lowercase words, grouped by their first word.
fn by_first_word(phrases: &[String]) -> rustc_hash::FxHashMap<String, Phrases> {
    let mut out: rustc_hash::FxHashMap<String, Phrases> = Default::default();
    for phrase in phrases {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        if let Some(first) = words.first() {
            out.entry(first.clone()).or_default().push(&words);
        }
    }
    out
}

/// Per token: whether the sentence denies, quotes or labels it rather than asserting it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assertion {
    /// Inside a negator's reach.
    pub negated: Vec<bool>,
    /// Named by a mention cue.
    pub mentioned: Vec<bool>,
    /// Part of a line-opening label.
    pub label: Vec<bool>,
}

impl Assertion {
    /// Marks every token of `text`.
    pub fn new(text: &Text<'_>, words: &ScopeWords) -> Assertion {
        let n = text.tokens.len();
        let quotes = quotations(text);
        let mut out = Assertion {
            negated: vec![false; n],
            mentioned: vec![false; n],
            label: labels(text),
        };
        let clause = clause_ids(text);
        // Two or more short quotations in a row ("'next-generation', 'seamless' and
        // 'transformative'") name words to talk about them: a list of quoted words is a
        // mention whatever introduces it. A candidate's own headline is one quotation.
        let mut i = 0;
        while i < quotes.len() {
            let mut j = i;
            while j + 1 < quotes.len() && joins(between(text.source, quotes[j].1, quotes[j + 1].0))
            {
                j += 1;
            }
            let inside = |&(open, close): &(usize, usize)| within(text, open, close);
            // One quoted word names the word itself ("'seamless' promises nothing anyone can
            // check"): a claim is never a single word in quotation marks.
            let one_word = j == i && inside(&quotes[i]).len() == 1;
            if one_word
                || (j > i
                    && quotes[i..=j]
                        .iter()
                        .all(|q| inside(q).len() <= SHORT_QUOTE_WORDS))
            {
                for t in quotes[i..=j].iter().flat_map(inside) {
                    out.mentioned[t] = true;
                }
            }
            i = j + 1;
        }
        for t in 0..n {
            // "Page views and follower counts I'd leave off the scorecard": a rejecter denies
            // what stands before it in its clause, when that is the thing named first, not a
            // clause of the candidate's own ("I tracked views and I'd ignore clicks").
            let Some(starting) = words.firsts.get(text.lower(t)) else {
                continue;
            };
            if starting.rejecters.longest_at(text, t).is_some() {
                let first = clause_start(&clause, t);
                // Something must be named: "and I'd drop the holdout" rejects nothing before
                // the phrase.
                if first < t
                    && !(first..t).any(|u| text.tokens[u].first_person())
                    && (first..t).any(|u| !text.tokens[u].function)
                {
                    for u in first..t {
                        out.negated[u] = true;
                    }
                }
            }
            if let Some(len) = starting.negators.longest_at(text, t)
                // "Not just", "not only": the thing is done, and more ("I didn't just say no;
                // I showed her the data").
                && !(t + len < n
                    && matches!(text.lower(t + len), "just" | "only" | "simply" | "merely"))
            {
                let last = t + len - 1;
                // A denied "A or B" denies both, however long B is ("I wouldn't make our
                // app-store rating or a satisfaction score the goal"): an "or" or "nor" in
                // reach carries the denial on to the end of the clause.
                let mut reach = (last + 1 + words.window).min(n);
                let mut u = last + 1;
                while u < reach && clause[u] == clause[last] {
                    out.negated[u] = true;
                    if matches!(text.lower(u), "or" | "nor") {
                        reach = n;
                    }
                    u += 1;
                }
            }
            if let Some(len) = starting.mention_cues.longest_at(text, t) {
                let last = t + len - 1;
                let mut u = last + 1;
                while u < n && clause[u] == clause[last] {
                    out.mentioned[u] = true;
                    u += 1;
                }
                // What the cue names may run on past a comma when the cue opens its own
                // clause (not "I cut words like..."): a list it equates itself with ("the
                // tempting numbers are downloads, opens, likes and comments") runs to the
                // end of the sentence; a cue standing alone before a comma names the clause
                // after it ("the tidy version people repeat, that product builds it and
                // marketing sells it, leaves out..."), and what follows that is said of it.
                // Either stops at a clause in the first person or one that turns against it
                // ("but", "however").
                let opens_clause =
                    !(clause_start(&clause, t)..t).any(|v| text.tokens[v].first_person());
                let equates = (last + 1..u).any(|v| {
                    matches!(
                        text.lower(v),
                        "is" | "are" | "was" | "were" | "include" | "includes"
                    )
                });
                let stands_alone = u == last + 1;
                let mut clauses = if !opens_clause {
                    0
                } else if equates {
                    usize::MAX
                } else {
                    usize::from(stands_alone)
                };
                let sentence = text.tokens[last].sentence;
                while clauses > 0 && u < n && text.tokens[u].sentence == sentence && !turns(text, u)
                {
                    let end = (u..n).find(|&v| clause[v] != clause[u]).unwrap_or(n);
                    if (u..end).any(|v| text.tokens[v].first_person()) {
                        break;
                    }
                    for v in u..end {
                        out.mentioned[v] = true;
                    }
                    u = end;
                    clauses -= 1;
                }
                // A quotation opening after the cue, inside its clause or right after it, is
                // what the cue names ("I've heard it put as "the PM builds it, ..."").
                // Quotations are in text order: find the first opening after the cue.
                let mut after = quotes.partition_point(|&(open, _)| open < text.tokens[last].end);
                if u < n
                    && let Some(&(_, mut end)) = quotes
                        .get(after)
                        .filter(|&&(open, _)| open < text.tokens[u].start)
                {
                    loop {
                        while u < n && text.tokens[u].end <= end {
                            out.mentioned[u] = true;
                            u += 1;
                        }
                        // A list of quotations goes on ("avoid: 'theft-proof', 'never lose
                        // your bike' or 'smartest lock'"): each one joined to the last by a
                        // comma, "and" or "or" is named too.
                        after += 1;
                        match quotes.get(after) {
                            Some(&(open, close)) if joins(between(text.source, end, open)) => {
                                end = close;
                            }
                            _ => break,
                        }
                    }
                }
            }
        }
        options_turned_down(text, &mut out);
        quoted_to_reject(text, &quotes, &mut out);
        out
    }

    /// Whether tokens `first..=last` are asserted: neither negated, mentioned nor a label. A
    /// match is judged by its first token, so a phrase that itself opens with a negator ("no
    /// target") is asserted when nothing before it denies it.
    pub fn asserts(&self, first: usize, _last: usize) -> bool {
        !self.negated[first] && !self.mentioned[first] && !self.label[first]
    }

    /// Whether tokens `first..=last` are used rather than quoted or a label, whatever negation
    /// says: for rules about wording, where "not really" is as vague as "really".
    pub fn uses(&self, first: usize, _last: usize) -> bool {
        !self.mentioned[first] && !self.label[first]
    }

    /// Whether token `t` is in a label that opens a statement on its line ("Not for:
    /// travellers whose employer books for them", "What wasn't mine: the adjusters' tools"):
    /// at least four words follow it there, so the label says what the words after it are.
    /// A label with little or nothing after it is still no evidence.
    pub fn opens_statement(&self, text: &Text<'_>, t: usize) -> bool {
        const WORDS_AFTER: usize = 4;
        if !self.label[t] || self.mentioned[t] {
            return false;
        }
        let end = text.tokens[t].end;
        let line_end = text.source[end..]
            .find('\n')
            .map_or(text.source.len(), |i| end + i);
        (t + 1..text.tokens.len())
            .take_while(|&u| text.tokens[u].start < line_end)
            .filter(|&u| !self.label[u])
            .count()
            >= WORDS_AFTER
    }

    /// The sentences that draw a line in the writer's own words, as indices into
    /// `text.sentences`: statements, not questions, in which a negator reaches a word that is
    /// neither mentioned nor a label ("not for clinics under five therapists", "we kept the
    /// trial rather than the blog"), of at least `min_words` tokens. A sentence holding one of
    /// the reassurances ("there is no risk") draws none: it says nothing is wrong, not where
    /// the line is. With `owned`, the line must be the speaker's: the sentence has "I", "we",
    /// "my" or "our" in it (not "me" or "us", which others act on), or sets something aside with a negator of several words ("rather than") or "not
    /// for"; "a lot of people won't read the email" is a guess about others.
    pub fn limits(
        &self,
        text: &Text<'_>,
        words: &ScopeWords,
        min_words: usize,
        owned: bool,
    ) -> Vec<usize> {
        // A denied word of the writer's own: not quoted, and in a label only where the label
        // opens a statement.
        let denial = |t: usize| {
            self.negated[t]
                && !self.mentioned[t]
                && (!self.label[t] || self.opens_statement(text, t))
        };
        let speaker =
            |t: usize| text.tokens[t].first_person() && !matches!(text.lower(t), "me" | "us");
        let sets_aside = |t: usize| {
            words.firsts.get(text.lower(t)).is_some_and(|starting| {
                starting.negators.longest_at(text, t).is_some_and(|len| {
                    len > 1
                        || (t + 1 < text.tokens.len()
                            && text.tokens[t + 1].sentence == text.tokens[t].sentence
                            && text.lower(t + 1) == "for")
                })
            })
        };
        // The answer to a question that sets something aside ("What are we not doing?") draws
        // its lines without a negator of its own when it names what is set aside: "Cancelling
        // on the user's behalf, negotiating bills, or a paid tier." A sentence of the writer's
        // own ("We are focused on the swaps that matter most") names nothing.
        let mut answers_denial = vec![false; text.sentences.len()];
        let mut open = false;
        for (i, s) in text.sentences.iter().enumerate() {
            if text.asks(s) {
                open = (s.first_token..s.end_token).any(denial);
                continue;
            }
            // Only the answer's first sentence, and only as a list of what is set aside (two
            // or more items): "Travel Data launches in 112 countries" answers something else.
            if open {
                let items = text.source[s.start..s.end].matches([',', ';']).count()
                    + (s.first_token..s.end_token)
                        .filter(|&t| matches!(text.lower(t), "and" | "or"))
                        .count();
                answers_denial[i] = items >= 2 && !(s.first_token..s.end_token).any(speaker);
            }
            open = false;
        }
        text.sentences
            .iter()
            .enumerate()
            .filter(|&(i, s)| {
                let tokens = s.first_token..s.end_token;
                // Label words ("Pain points:", "What I did:") add no length to what the
                // sentence says.
                (lead_in_end(text, s)..s.end_token)
                    .filter(|&t| !self.label[t])
                    .count()
                    >= min_words
                    && !text.asks(s)
                    && (answers_denial[i] || tokens.clone().any(denial))
                    && !tokens.clone().any(|t| {
                        words
                            .reassurances
                            .get(text.lower(t))
                            .is_some_and(|phrases| phrases.longest_at(text, t).is_some())
                    })
                    && (!owned
                        || (lead_in_end(text, s)..s.end_token).any(|t| {
                            // The speaker past any lead-in: "What I did: the blog did not ship" puts
                            // "I" in a label, not in the sentence.
                            speaker(t) || sets_aside(t)
                        }))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// Options posed and then turned down as a set: "There are three tempting moves: drop the
/// price, a loud awareness campaign, or rushing out features. I'd commit to none of them
/// yet." The options are named to be set aside, so they are a mention, not the candidate's
/// plan. The sentence before must pose them (a list, in no one's voice) and the one after must
/// turn them all down in the candidate's ("none of them", "wouldn't ... any of these").
/// "We tried three fixes. None of them worked." is a story, and stays.
fn options_turned_down(text: &Text<'_>, out: &mut Assertion) {
    // "I" or "we" as a subject: options in "drop our price" are still posed, in no one's voice.
    let person = |t: usize| {
        text.tokens[t].class == crate::WordClass::Subject && text.tokens[t].first_person()
    };
    for k in 1..text.sentences.len() {
        let (prev, s) = (&text.sentences[k - 1], &text.sentences[k]);
        let refers = (s.first_token..s.end_token.saturating_sub(2)).find(|&t| {
            matches!(text.lower(t), "none" | "neither" | "any" | "either")
                && text.lower(t + 1) == "of"
                && matches!(text.lower(t + 2), "them" | "these" | "those")
        });
        let Some(t) = refers else { continue };
        let refuses = matches!(text.lower(t), "none" | "neither") || out.negated[t];
        let mine = (s.first_token..t).any(|u| text.tokens[u].singular);
        let posed = !(prev.first_token..prev.end_token).any(person)
            && (text.source[prev.start..prev.end].matches(',').count() >= 2
                || (prev.first_token..prev.end_token).any(|u| text.lower(u) == "or"));
        if refuses && mine && posed {
            for u in prev.first_token..prev.end_token {
                out.mentioned[u] = true;
            }
        }
    }
}

/// The first token of a sentence after its lead-in labels: short clauses that end in a colon
/// ("What I did: Pricing: I would not go free") name what follows rather than say it, whether
/// or not they open a line.
fn lead_in_end(text: &Text<'_>, s: &crate::tokens::Sentence) -> usize {
    const LEAD_IN_WORDS: usize = 4;
    let mut first = s.first_token;
    loop {
        let colon = (first..s.end_token.min(first + LEAD_IN_WORDS)).find(|&t| {
            text.source[text.tokens[t].end..]
                .trim_start_matches(['*', '_'])
                .starts_with(':')
        });
        match colon {
            Some(t) if t + 1 < s.end_token => first = t + 1,
            _ => return first,
        }
    }
}

/// The first token of token `t`'s clause.
/// Words in quotation marks that the answer shows it does not stand behind. A word the
/// answer names to talk about it elsewhere ("words like 'seamless' were cut first") is named
/// wherever it stands in quotes, so the old headline it came from ("our headline was 'The
/// seamless, best-in-class platform'") does not count as the candidate's own wording. And a
/// quotation introduced as the old one ("the old tagline", "our previous headline") is quoted
/// to be replaced, not used.
fn quoted_to_reject(text: &Text<'_>, quotes: &[(usize, usize)], out: &mut Assertion) {
    if quotes.is_empty() {
        return;
    }
    let named: rustc_hash::FxHashSet<&str> = (0..text.tokens.len())
        .filter(|&t| out.mentioned[t] && !text.tokens[t].function)
        .map(|t| text.lower(t))
        .collect();
    for &(open, close) in quotes {
        let inside = within(text, open, close);
        let Some(first) = inside.clone().next() else {
            continue;
        };
        // The few words before the quotation, in its sentence, whatever the commas.
        let sentence_start = text.sentences[text.tokens[first].sentence].first_token;
        let opening = first.saturating_sub(4).max(sentence_start);
        let old = (opening..first).any(|t| {
            matches!(
                text.lower(t),
                "old" | "previous" | "original" | "former" | "earlier"
            )
        });
        for t in inside {
            if old || named.contains(text.lower(t)) {
                out.mentioned[t] = true;
            }
        }
    }
}

fn clause_start(clause: &[usize], t: usize) -> usize {
    (0..t)
        .rev()
        .take_while(|&u| clause[u] == clause[t])
        .last()
        .unwrap_or(t)
}

/// Whether the clause opening at token `t` turns against what came before it: a contrast
/// ends what a mention cue names ("people assume the drop is seasonal, but the cohorts
/// show...").
fn turns(text: &Text<'_>, t: usize) -> bool {
    matches!(
        text.lower(t),
        "but" | "yet" | "however" | "although" | "though" | "instead" | "whereas" | "while"
    )
}

/// A clause number per token: it changes at punctuation that ends a clause and at each
/// sentence.
fn clause_ids(text: &Text<'_>) -> Vec<usize> {
    let mut ids = Vec::with_capacity(text.tokens.len());
    let mut id = 0;
    for (t, token) in text.tokens.iter().enumerate() {
        if t > 0 {
            let prev = &text.tokens[t - 1];
            let between = &text.source[prev.end..token.start];
            if prev.sentence != token.sentence
                || between.contains([',', ';', ':', '(', ')', '—', '–', '!', '?', '.'])
                || between.contains(" - ")
            {
                id += 1;
            }
        }
        ids.push(id);
    }
    ids
}

/// The tokens inside the quotation marks at `open` and `close`: tokens are in text order, so
/// they are found by halving rather than by reading every token.
fn within(text: &Text<'_>, open: usize, close: usize) -> std::ops::Range<usize> {
    let first = text.tokens.partition_point(|t| t.start <= open);
    let end = text.tokens.partition_point(|t| t.end <= close);
    first..end.max(first)
}

/// The text after the closing mark at `close` up to `open`: quotation marks may be curly, so
/// the closing mark's own width is skipped, not one byte.
fn between(source: &str, close: usize, open: usize) -> &str {
    let after = close + source[close..].chars().next().map_or(0, char::len_utf8);
    source.get(after..open).unwrap_or("")
}

/// Whether `gap`, the text between two quotations, only joins them into a list.
fn joins(gap: &str) -> bool {
    gap.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .all(|w| w.is_empty() || w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or"))
}

/// The byte ranges (opening mark, closing mark) of quotations: straight or curly double
/// quotes, curly single quotes, and straight single quotes that open after a space and close
/// before one (not apostrophes).
fn quotations(text: &Text<'_>) -> Vec<(usize, usize)> {
    let source = text.source;
    let mut ranges = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    for (i, c) in source.char_indices() {
        let next = source[i + c.len_utf8()..].chars().next();
        match (open, c) {
            (None, '"' | '“') => open = Some((i, c)),
            (None, '‘') => open = Some((i, c)),
            (None, '\'') if prev.is_none_or(|p| p.is_whitespace() || p == '(') => {
                open = Some((i, c));
            }
            (Some((start, '"')), '"') | (Some((start, '“')), '”' | '"') => {
                ranges.push((start, i));
                open = None;
            }
            (Some((start, '‘')), '’') if next.is_none_or(|n| !n.is_alphanumeric()) => {
                ranges.push((start, i));
                open = None;
            }
            (Some((start, '\'')), '\'') if next.is_none_or(|n| !n.is_alphanumeric()) => {
                ranges.push((start, i));
                open = None;
            }
            // A quotation never runs past the end of a paragraph.
            (Some(_), '\n') if next == Some('\n') => open = None,
            _ => {}
        }
        prev = Some(c);
    }
    ranges
}

/// Tokens of line-opening labels: at most four words, no subject pronoun (contracted or not),
/// then a colon, after any bullet or emphasis markers. What follows a label counts on its own;
/// the label never does, or renaming "Users:" to "User segments:" would earn a segment.
fn labels(text: &Text<'_>) -> Vec<bool> {
    let source = text.source;
    let mut label = vec![false; text.tokens.len()];
    // Whether the previous token closed a label: a label right after it on the same line is a
    // label too ("Result: Why this role: ..."), so stacking headings earns nothing either.
    let mut after_label = false;
    let mut t = 0;
    while t < text.tokens.len() {
        let token = &text.tokens[t];
        // Only the gap since the previous token is read, so marking stays linear in the text.
        let gap_start = t.checked_sub(1).map_or(0, |p| text.tokens[p].end);
        let gap = &source[gap_start..token.start];
        // Gaps are mostly one space: bytes are searched, not chars.
        let newline = gap.bytes().rposition(|b| b == b'\n');
        let chained = std::mem::take(&mut after_label) && newline.is_none();
        let lead = match newline {
            Some(i) => &gap[i + 1..],
            None if t == 0 || chained => gap,
            None => {
                t += 1;
                continue;
            }
        };
        let opens_line = chained
            || lead
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '-' | '*' | '#' | '•' | '>' | '_'));
        if !opens_line {
            t += 1;
            continue;
        }
        let mut end = t;
        let mut found = None;
        // A subject, contracted or not, makes a sentence: "I'd watch two guardrails:"
        // introduces what follows, and its words count. It still opens the line as a heading
        // does, so a label right after it is one ("What I did: Why this role: ..."), as after
        // any other heading: putting a heading before one of the answer's own leaves it a
        // label.
        let mut spoken = false;
        while end < text.tokens.len() && end - t < 4 {
            let tok = &text.tokens[end];
            let subject = tok.class == WordClass::Subject
                || matches!(
                    text.lower(end),
                    "i'd"
                        | "i'll"
                        | "i'm"
                        | "i've"
                        | "we'd"
                        | "we'll"
                        | "we're"
                        | "we've"
                        | "they'd"
                        | "they'll"
                        | "they're"
                        | "they've"
                );
            spoken |= subject;
            if text.tokens[end].sentence != token.sentence {
                break;
            }
            let after = source[tok.end..]
                .trim_start_matches(['*', '_'])
                .chars()
                .next();
            if after == Some(':') {
                found = Some(end);
                break;
            }
            if end + 1 < text.tokens.len() {
                let gap = &source[tok.end..text.tokens[end + 1].start];
                if gap.contains('\n')
                    || !gap.trim().is_empty() && gap.trim() != "/" && gap.trim() != "&"
                {
                    break;
                }
            }
            end += 1;
        }
        if let Some(last) = found {
            if !spoken {
                for flag in &mut label[t..=last] {
                    *flag = true;
                }
            }
            after_label = true;
            t = last + 1;
        } else {
            t += 1;
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> ScopeWords {
        ScopeWords::new(
            &[
                "not".into(),
                "didn't".into(),
                "never".into(),
                "no".into(),
                "without".into(),
                "rather than".into(),
                "instead of".into(),
            ],
            &[
                "words like".into(),
                "i would avoid".into(),
                "the phrase".into(),
                "the rote answer".into(),
                "put as".into(),
            ],
            5,
        )
        .with_rejecters(&["i'd leave off".into(), "don't matter".into()])
    }

    /// The tokens of `source` marked by `pick`, as words.
    fn marked(source: &str, pick: fn(&Assertion) -> &Vec<bool>) -> Vec<String> {
        let text = Text::new(source);
        let a = Assertion::new(&text, &words());
        (0..text.tokens.len())
            .filter(|&t| pick(&a)[t])
            .map(|t| text.lower(t).to_owned())
            .collect()
    }

    #[test]
    fn not_just_is_no_denial() {
        assert!(marked("I didn't just cut the price.", |a| &a.negated).is_empty());
        assert_eq!(
            marked("I didn't cut the price.", |a| &a.negated),
            ["cut", "the", "price"]
        );
    }

    #[test]
    fn a_denied_either_or_denies_both_however_long() {
        let denied = marked(
            "I didn't make the store rating or a satisfaction score the goal, and I tracked runs.",
            |a| &a.negated,
        );
        assert!(denied.contains(&"satisfaction".to_owned()), "{denied:?}");
        assert!(!denied.contains(&"tracked".to_owned()), "{denied:?}");
        // Without an "or" the reach stays the window.
        let denied = marked(
            "I didn't set a goal for the launch week of the big spring campaign.",
            |a| &a.negated,
        );
        assert!(!denied.contains(&"campaign".to_owned()), "{denied:?}");
    }

    #[test]
    fn a_mention_runs_on_past_a_comma_until_the_candidate_speaks_or_it_turns() {
        // A list the cue equates itself with runs to the end of the sentence.
        let named = marked(
            "The rote answer is reach, impressions and clicks, likes and shares. I chose \
             repeat orders.",
            |a| &a.mentioned,
        );
        assert!(named.contains(&"likes".to_owned()), "{named:?}");
        assert!(!named.contains(&"chose".to_owned()), "{named:?}");
        // A cue standing alone names the clause after it; what follows is said of it.
        let named = marked(
            "The rote answer, that one builds and one markets, misses the buyer.",
            |a| &a.mentioned,
        );
        assert!(named.contains(&"markets".to_owned()), "{named:?}");
        assert!(!named.contains(&"misses".to_owned()), "{named:?}");
        // A clause in the first person, or one that turns against the mention, is a claim.
        let named = marked(
            "The rote answer is reach and buzz, as we reported them.",
            |a| &a.mentioned,
        );
        assert!(!named.contains(&"reported".to_owned()), "{named:?}");
        let named = marked(
            "The rote answer is reach and buzz, but the cohorts showed repeat orders.",
            |a| &a.mentioned,
        );
        assert!(named.contains(&"buzz".to_owned()), "{named:?}");
        assert!(!named.contains(&"cohorts".to_owned()), "{named:?}");
    }

    #[test]
    fn one_quoted_word_is_a_mention_and_a_quoted_headline_is_not() {
        assert_eq!(
            marked(
                "It says nothing, and \"seamless\" promises something nobody can check.",
                |a| &a.mentioned
            ),
            ["seamless"]
        );
        assert!(
            marked(
                "Our headline was \"seamless booking for every trip\", and it tested well.",
                |a| &a.mentioned
            )
            .is_empty()
        );
    }

    #[test]
    fn a_quoted_headline_is_named_where_its_words_are_rejected_or_it_is_the_old_one() {
        // The headline's two words, then what the cue names in the second sentence.
        let named = marked(
            "Our headline was \"The seamless, best-in-class platform\". Words like \
             \"seamless\" and \"best-in-class\" were cut first.",
            |a| &a.mentioned,
        );
        assert_eq!(named[..3], ["seamless", "best-in-class", "seamless"]);
        assert_eq!(
            marked(
                "The old tagline, \"seamless payroll\", said nothing.",
                |a| &a.mentioned
            ),
            ["seamless", "payroll"]
        );
        assert!(
            marked(
                "Our headline was \"seamless booking for every trip\", and it tested well.",
                |a| &a.mentioned
            )
            .is_empty()
        );
    }

    #[test]
    fn a_list_of_quoted_words_is_a_mention() {
        assert_eq!(
            marked(
                "So have its cousins: 'next-generation', 'seamless' and 'bold'.",
                |a| &a.mentioned
            ),
            ["next-generation", "seamless", "bold"]
        );
        // Curly marks are three bytes wide: the gap between two is read past the whole mark.
        assert_eq!(
            marked(
                "I cut words like “seamless”, “robust” and “bold” from the page.",
                |a| &a.mentioned
            ),
            ["seamless", "robust", "and", "bold"]
        );
        // One quotation, or a list of sentences, is the writer's own line.
        assert!(marked("Our headline was 'Never lose a parcel'.", |a| &a.mentioned).is_empty());
        assert!(
            marked(
                "We tested 'Never lose a parcel again' and 'Every parcel tracked to the door'.",
                |a| &a.mentioned
            )
            .is_empty()
        );
    }

    #[test]
    fn options_posed_and_turned_down_as_a_set_are_a_mention() {
        let mentioned = |text: &str| marked(text, |a| &a.mentioned);
        let posed = mentioned(
            "There are three tempting moves: drop our price, run a loud awareness campaign, or \
             rush out features. I'd commit to none of them until I know who is leaving.",
        );
        assert!(
            posed.iter().any(|w| w == "awareness") && posed.iter().any(|w| w == "price"),
            "{posed:?}"
        );
        // "Would not ... any of these" turns them down too.
        let any = mentioned(
            "Run a campaign, cut the price or add a tier. I would not do any of these yet.",
        );
        assert!(any.iter().any(|w| w == "campaign"), "{any:?}");
        // A story of what the team did stays a story, whoever judges it after.
        assert!(
            mentioned("We tried a campaign, a discount and a tier. None of them worked.")
                .is_empty()
        );
        assert!(
            mentioned("We ran a campaign, a discount and a tier. I'd repeat none of them.")
                .is_empty()
        );
        // Options the candidate keeps are theirs.
        assert!(
            mentioned("Run a campaign, cut the price or add a tier. I'd start with the tier.")
                .is_empty()
        );
    }

    #[test]
    fn a_rejecter_denies_what_its_clause_names_first() {
        assert_eq!(
            marked(
                "Page views and follower counts I'd leave off the scorecard.",
                |a| &a.negated
            ),
            ["page", "views", "and", "follower", "counts"]
        );
        assert_eq!(
            marked("Tonight, impressions don't matter.", |a| &a.negated),
            ["impressions"]
        );
        // A clause of the candidate's own is theirs, whatever follows.
        assert!(
            marked("We tracked page views and I'd leave off the rest.", |a| &a
                .negated)
            .is_empty()
        );
        // Nothing named before it: a joining word is not rejected.
        assert!(marked("It rained, and I'd leave off the rest.", |a| &a.negated).is_empty());
        // Only its own clause: the sentence before the comma stands.
        assert!(
            marked(
                "I set a reach goal, and then I'd leave off the rest.",
                |a| &a.negated
            )
            .iter()
            .all(|w| w != "reach")
        );
    }

    #[test]
    fn negation_reaches_to_the_end_of_its_clause_or_window() {
        assert_eq!(
            marked("I didn't set an awareness goal, on purpose.", |a| &a
                .negated),
            ["set", "an", "awareness", "goal"]
        );
        assert_eq!(
            marked("We grew trials rather than awareness.", |a| &a.negated),
            ["awareness"]
        );
        assert!(marked("I decided to ship in May.", |a| &a.negated).is_empty());
        // Five tokens, then the claim is asserted again.
        assert_eq!(
            marked("Not the team but I myself decided to cut it", |a| &a
                .negated),
            ["the", "team", "but", "i", "myself"]
        );
    }

    #[test]
    fn mention_cues_mark_what_they_name_and_plain_quotes_are_claims() {
        assert_eq!(
            marked(
                "The rote answer, 'one builds, one markets', misses the point.",
                |a| &a.mentioned
            ),
            ["one", "builds", "one", "markets"]
        );
        assert_eq!(
            marked("I cut words like robust and seamless, then shipped.", |a| {
                &a.mentioned
            }),
            ["robust", "and", "seamless"]
        );
        // A quotation that opens inside the cue's clause is named whole, past its commas.
        assert_eq!(
            marked(
                "I've heard it put as \"the PM builds it, the PMM sells it\", and I disagree.",
                |a| &a.mentioned
            ),
            ["the", "pm", "builds", "it", "the", "pmm", "sells", "it"]
        );
        // A list of quotations after the cue is named whole; what follows the list is not.
        assert_eq!(
            marked(
                "What I would avoid: 'theft-proof', 'never lose it' or 'smartest lock'. We \
                 said 'alerts in 5 seconds'.",
                |a| &a.mentioned
            ),
            [
                "theft-proof",
                "never",
                "lose",
                "it",
                "or",
                "smartest",
                "lock"
            ]
        );
        // Quoting one's own headline asserts it.
        assert!(
            marked("Our headline was “instant sync for every team”.", |a| {
                &a.mentioned
            })
            .is_empty()
        );
        // Apostrophes are not quotes.
        assert!(marked("We didn't ship; the team's plan held.", |a| &a.mentioned).is_empty());
    }

    #[test]
    fn line_opening_labels_are_marked_and_sentences_are_not() {
        assert_eq!(
            marked(
                "User segments:\nBusy parents.\n\n**Pain points:** late pickups\n- Metrics: 20%\nGuardrail: support tickets per account stay flat through the whole test.",
                |a| &a.label
            ),
            ["user", "segments", "pain", "points", "metrics", "guardrail"]
        );
        assert!(
            marked("I decided: we cut it.\nThe result: churn fell.", |a| &a
                .label)
            .iter()
            .all(|w| w == "the" || w == "result")
        );
        assert!(marked("Activation rose from 31% to 40%.", |a| &a.label).is_empty());
        // A heading stacked in front of another on the same line is a label too; what follows
        // the last one is the candidate's own.
        assert_eq!(
            marked("Result: Why this role: you sell to clinics.", |a| &a.label),
            ["result", "why", "this", "role"]
        );
        assert!(marked("Result:\nWhy it mattered to clinics.", |a| &a.label) == ["result"]);
        // A heading with a subject in it is the candidate's own words, but a label after it
        // on its line is still a label: a heading put in front of one moves nothing.
        assert_eq!(
            marked("What I did: Why this role: you sell to clinics.", |a| &a
                .label),
            ["why", "this", "role"]
        );
        // A contracted subject makes a sentence too: its words are the candidate's own.
        assert!(
            marked(
                "I'd watch two guardrails: prescriber time and flagged refills.
We'll cut: the export.",
                |a| &a.label
            )
            .is_empty()
        );
    }
    /// The sentences [`Assertion::limits`] counts in `source`, as text.
    fn limits_in(source: &str, min_words: usize, owned: bool) -> Vec<String> {
        let text = Text::new(source);
        let words = words().with_reassurances(&["no risk".into(), "never gave up".into()]);
        Assertion::new(&text, &words)
            .limits(&text, &words, min_words, owned)
            .into_iter()
            .map(|i| {
                let s = &text.sentences[i];
                text.source[s.start..s.end].trim().to_owned()
            })
            .collect()
    }

    #[test]
    fn a_limit_is_a_statement_the_writer_draws_and_not_a_reassurance_or_a_question() {
        let answer = "We chose not to build the mobile app this year. There is no risk to \
                      renters at all here. Why did we not ship sooner? I never gave up on the \
                      team during that long quarter. A lot of people will not read the email \
                      at all, they say. It is not for landlords with fewer than five units.";
        assert_eq!(
            limits_in(answer, 8, false),
            vec![
                "We chose not to build the mobile app this year.",
                "A lot of people will not read the email at all, they say.",
                "It is not for landlords with fewer than five units."
            ]
        );
        // Owned: a guess about other people is no line of the speaker's; "not for" sets aside.
        assert_eq!(
            limits_in(answer, 8, true),
            vec![
                "We chose not to build the mobile app this year.",
                "It is not for landlords with fewer than five units."
            ]
        );
        let guess = "A lot of people will not read the email at all, that is clear.";
        assert!(limits_in(guess, 8, true).is_empty());
        assert_eq!(limits_in(guess, 8, false).len(), 1);
        // Short denials are boasts more often than limits, and a lead-in label adds no words.
        assert!(limits_in("We did not cut corners.", 8, true).is_empty());
        assert!(limits_in("What I did: So I said no to the booth.", 8, true).is_empty());
        assert_eq!(
            limits_in(
                "So I said no to the booth that year, and kept the passes.",
                8,
                true
            )
            .len(),
            1
        );
        // A quoted denial is a mention, not the writer's line.
        assert!(
            limits_in(
                "I cut words like not available from every page we wrote.",
                8,
                true
            )
            .is_empty()
        );
    }

    #[cfg(test)]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Any text gets one mark per token in each list, and marking never panics: quotes,
            /// colons, line breaks and negators in any order.
            #[test]
            fn every_token_gets_a_mark(source in "[a-z'\"“”‘’:;,.!?*#\\- \\n]{0,200}") {
                let text = Text::new(&source);
                let words = ScopeWords::new(
                    &["not".into(), "rather than".into()],
                    &["words like".into()],
                    5,
                );
                let a = Assertion::new(&text, &words);
                prop_assert_eq!(a.negated.len(), text.tokens.len());
                prop_assert_eq!(a.mentioned.len(), text.tokens.len());
                prop_assert_eq!(a.label.len(), text.tokens.len());
                let limits = a.limits(&text, &words, 0, true);
                prop_assert!(limits.iter().all(|&i| i < text.sentences.len()));
            }

            /// A negator never denies what comes before it.
            #[test]
            fn negation_only_reaches_forward(words in proptest::collection::vec("[a-z]{1,6}", 1..20)) {
                prop_assume!(!words.iter().any(|w| w == "not"));
                let mut source = words.join(" ");
                source.push_str(" not");
                let text = Text::new(&source);
                let a = Assertion::new(&text, &ScopeWords::new(&["not".into()], &[], 5));
                prop_assert!(a.negated.iter().all(|&n| !n));
            }
        }
    }
}
