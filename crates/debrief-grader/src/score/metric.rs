//! The measures a `metric` rule bounds: each computed from the answer, compared with the
//! rule's bounds, and reported with what was measured.

use std::collections::BTreeSet;

use super::Context;
use super::shape::{self, longest_list};
use crate::Finding;
use crate::compile::{CompiledRule, Metric};
use crate::topic::Overlap;

impl Context<'_> {
    /// Computes the rule's metric, adds a finding when out of bounds, and returns the value
    /// (None when the answer is too small to measure it).
    pub(super) fn metric(
        &self,
        rule: &CompiledRule,
        metric: Metric,
        out: &mut Vec<Finding>,
    ) -> Option<f64> {
        let text = self.text;
        let words = text.word_count();
        let whole = (0, text.source.len());
        let (value, anchor, shown) = match metric {
            Metric::Words => {
                // Labels ("Metrics:") pad an answer without saying anything.
                let words = words.saturating_sub(self.hits.label_words);
                (words as f64, whole, format!("{words} words"))
            }
            Metric::QuestionOverlap => {
                // A short reply need not repeat the question's words.
                if rule.data.min_words.is_some_and(|m| words < m as usize) {
                    return None;
                }
                let Overlap { shared, asked, .. } = self.overlap?;
                let first = (text.sentences[0].start, text.sentences[0].end);
                (
                    shared as f64 / asked as f64,
                    first,
                    format!("{shared} of the question's {asked} topic words appear in the answer"),
                )
            }
            Metric::WeShare => {
                let (i, we) = (self.hits.singular.len(), self.hits.plural.len());
                if i + we < 5 {
                    return None;
                }
                let v = we as f64 / (i + we) as f64;
                let (first, last) = *self.hits.plural.first()?;
                (
                    v,
                    self.span(first, last),
                    format!("{:.0}% of first-person pronouns are plural", v * 100.0),
                )
            }
            Metric::SetupShare => {
                let labels = self.labels?;
                if words < 40 {
                    return None;
                }
                let setup: Vec<usize> = (0..labels.len()).filter(|&s| labels[s] <= 1).collect();
                let setup_words: usize = setup.iter().map(|&s| text.sentences[s].len()).sum();
                let v = setup_words as f64 / words as f64;
                let (a, b) = (*setup.first()?, *setup.last()?);
                let span = (text.sentences[a].start, text.sentences[b].end);
                (
                    v,
                    span,
                    format!("{:.0}% of the words set the scene", v * 100.0),
                )
            }
            Metric::OverBudget => {
                let v = self.spoken / f64::from(self.budget);
                let within = (f64::from(self.budget) * self.wpm / 60.0) as usize;
                let from = within.min(words - 1);
                let span = (text.tokens[from].start, text.source.len());
                (
                    v,
                    span,
                    format!(
                        "about {:.0} s spoken against a {} s budget",
                        self.spoken, self.budget
                    ),
                )
            }
            Metric::PhraseCount | Metric::FillersPerMinute => {
                // Fillers are speech: only a transcript is counted, and per spoken minute.
                let per_minute = metric == Metric::FillersPerMinute;
                if per_minute && !self.request.transcript {
                    return None;
                }
                // Too few of them is judged of answers long enough to hold them.
                if rule.data.min_words.is_some_and(|m| words < m as usize) {
                    return None;
                }
                let mut found = self.rule_phrases(rule);
                found.sort_unstable();
                let n = found.len();
                // Too many points at the first of them; too few at the answer as a whole,
                // where the missing ones belonged, never at one that is there.
                let few = rule.data.min.is_some_and(|m| (n as f64) < m);
                let anchor = match found.first() {
                    Some(&(a, b)) if !few => self.span(a, b),
                    _ => whole,
                };
                if per_minute {
                    let v = n as f64 / (self.spoken / 60.0).max(0.25);
                    (v, anchor, format!("{v:.1} fillers a minute"))
                } else {
                    (n as f64, anchor, format!("{n} of them"))
                }
            }
            Metric::ListSentences => {
                let grading = &self.hits.compiled.grading;
                let (items, item_words) = (
                    grading.list_items.max(2) as usize,
                    grading.list_item_words.max(1) as usize,
                );
                let lists: Vec<usize> = (0..text.sentences.len())
                    .filter(|&s| {
                        let sentence = &text.sentences[s];
                        longest_list(&text.source[sentence.start..sentence.end], item_words)
                            >= items
                    })
                    .collect();
                let anchor = lists
                    .first()
                    .map_or(whole, |&s| (text.sentences[s].start, text.sentences[s].end));
                (
                    lists.len() as f64,
                    anchor,
                    format!(
                        "{} sentences list {items} or more items in a row",
                        lists.len()
                    ),
                )
            }
            Metric::ImpossibleNumbers => {
                // Figures no answer can state, changes told the wrong way, parts past
                // their whole: one list, in answer order.
                let lists = &self.hits.compiled.plausible;
                let mut found = crate::plausible::impossible(text, lists);
                found.extend(crate::change::contradicted(text, lists));
                found.extend(crate::whole::overflowing(text, lists));
                found.extend(crate::dates::impossible_dates(text));
                found.extend(crate::tender::non_money(text, lists));
                found.extend(crate::period::monthly_as_yearly(text, lists));
                found.sort_by_key(|f| f.first);
                let first = found.first().map_or(whole, |f| self.span(f.first, f.last));
                let shown = found.first().map_or_else(String::new, |f| {
                    format!(
                        "{} impossible figure{}, the first \"{}\": {}",
                        found.len(),
                        if found.len() == 1 { "" } else { "s" },
                        &text.source[first.0..first.1],
                        f.why
                    )
                });
                (found.len() as f64, first, shown)
            }
            Metric::FixedDecision => {
                let actions: Vec<usize> = self.rule_phrases(rule).iter().map(|m| m.0).collect();
                let run = crate::decision::fixed_rule(text, &|t| actions.contains(&t));
                let (Some(first), Some(last)) = (run.first(), run.last()) else {
                    return Some(0.0);
                };
                let (a, b) = self.span(first.first, last.action);
                let action = text.lower(last.action);
                (
                    run.len() as f64,
                    (a, b),
                    format!(
                        "{} branches of one decision rule, every one ending in \"{action}\"",
                        run.len()
                    ),
                )
            }
            Metric::CoinedTerms => {
                let names = shape::coined_terms(
                    text,
                    self.hits.compiled,
                    &self.hits.label,
                    self.request.question.as_deref(),
                );
                // The rule's own phrases ("what I call") coin a name in so many words.
                let coining = self.rule_phrases(rule);
                let first = names.first().map_or_else(String::new, |&(a, b)| {
                    let (a, b) = self.span(a, b);
                    format!(", the first \"{}\"", &text.source[a..b])
                });
                let anchor = names
                    .iter()
                    .chain(&coining)
                    .min()
                    .map_or(whole, |&(a, b)| self.span(a, b));
                let plural = |n: usize| if n == 1 { "" } else { "s" };
                (
                    (names.len() + coining.len()) as f64,
                    anchor,
                    format!(
                        "{} invented name{}{first}, and {} phrase{} that coin one",
                        names.len(),
                        plural(names.len()),
                        coining.len(),
                        plural(coining.len()),
                    ),
                )
            }
            Metric::AskedNames => {
                let names = shape::question_names(self.request.question.as_deref()?);
                if names.is_empty() {
                    return None;
                }
                // Labels name a topic without saying anything about it.
                let said = (0..text.tokens.len())
                    .filter(|&i| !self.hits.label[i])
                    .filter(|&i| {
                        let bare = crate::topic::without_possessive(text.lower(i));
                        names.iter().any(|n| n == bare)
                    })
                    .count();
                let speaking_to = self.rule_phrases(rule).len();
                let shown = format!(
                    "the question names {}; the answer says it {said} time{} and speaks to the \
                     company, team or role {speaking_to} time{}",
                    names.join(", "),
                    if said == 1 { "" } else { "s" },
                    if speaking_to == 1 { "" } else { "s" },
                );
                ((said + speaking_to) as f64, whole, shown)
            }
            Metric::CircularClaims => {
                let found = shape::circular_claims(text, self.hits.compiled);
                let anchor = found.first().map_or(whole, |&(a, b)| self.span(a, b));
                let shown = if found.len() == 1 {
                    "1 sentence argues in a circle: its reason says its claim back".to_owned()
                } else {
                    format!(
                        "{} sentences argue in a circle: each one's reason says its claim back",
                        found.len()
                    )
                };
                (found.len() as f64, anchor, shown)
            }
            Metric::QuestionMeaning => {
                let topics = self.relevance_measured(rule, words)?;
                // Measured here, not for every answer: only these rules need it.
                let grading = &self.hits.compiled.grading;
                // Meaning only adds to the words' share: an answer whose words alone reach
                // the bound cannot fall under it, and its sentences need no vectors.
                if grading.meaning_weight >= 0.0
                    && rule.data.max.is_none()
                    && rule.data.min.is_some_and(|m| topics.share >= m)
                {
                    return None;
                }
                let least = grading.meaning_sentence_words as usize;
                let meaning = self.hits.compiled.meaning.closeness(
                    text.sentences
                        .iter()
                        .filter(|s| s.len() >= least)
                        .map(|s| &text.source[s.start..s.end]),
                    self.request.question.as_deref()?,
                    grading.meaning_sentences as usize,
                );
                let value = topics.share
                    + grading.meaning_weight * f64::from(meaning.unwrap_or(0.0)).max(0.0);
                let shown = format!(
                    "relevance {value:.2} (under {:.2}): {} of the question's {} topic words \
                     used, {:.0}% of their weight, and meaning similarity {:.2} between the \
                     question and the answer's closest sentences",
                    rule.data.min.unwrap_or_default(),
                    topics.shared,
                    topics.asked,
                    topics.share * 100.0,
                    meaning.unwrap_or_default(),
                );
                let first = (text.sentences[0].start, text.sentences[0].end);
                (value, first, shown)
            }
            Metric::QuestionRank => {
                if rule.data.min_words.is_some_and(|m| words < m as usize) {
                    return None;
                }
                // Measured here, not for every answer: only this rule needs the whole bank.
                // Labels name topics without saying anything about them, as for relevance.
                let said = (0..text.tokens.len())
                    .filter(|&i| !self.hits.label[i])
                    .map(|i| text.lower(i));
                // A question outside the bank is measured exactly, as the answer's relevance
                // already measured it (against its own words: there are no signals to add).
                let standing = self.hits.compiled.topics.standing(
                    self.request.question.as_deref()?,
                    said,
                    self.overlap.map(|o| o.share),
                )?;
                if rule
                    .data
                    .overlap_below
                    .is_some_and(|below| standing.asked >= below)
                {
                    return None;
                }
                let closest = standing
                    .closest
                    .as_ref()
                    .map_or_else(String::new, |(q, _)| format!("; the closest: \"{q}\""));
                let shown = format!(
                    "{} of the bank's {} questions share more of their subject words with the \
                     answer than the question asked, which it meets for {:.0}% of its words' \
                     weight{closest}",
                    standing.better,
                    standing.questions,
                    standing.asked * 100.0,
                );
                let first = (text.sentences[0].start, text.sentences[0].end);
                (standing.share(), first, shown)
            }
            Metric::QuestionSubject => {
                let topics = self.relevance_measured(rule, words)?;
                // Measured here, not for every answer: only this rule needs word vectors.
                let compiled = self.hits.compiled;
                let question = self.request.question.as_deref()?;
                let (letters, most) = (
                    compiled.grading.subject_word_letters as usize,
                    compiled.grading.subject_words as usize,
                );
                let skip = &compiled.not_subject_topics;
                // What the answer is about, against every word of the question, first: it is
                // the cheaper side, and an answer on the question in other words ("people who
                // gave once") is about something the question says ("give blood").
                let own = compiled.topics.subject(text.source, skip, letters, most);
                let question_words = crate::topic::plain_words(question)
                    .filter(|w| w.len() >= letters)
                    .map(str::to_lowercase)
                    .filter(|w| !debrief_text::is_function_word(w))
                    .collect::<Vec<_>>();
                let back = compiled
                    .meaning
                    .subject_closeness(&own, question_words.iter().map(String::as_str))?;
                if rule
                    .data
                    .answer_subject_below
                    .is_some_and(|below| back >= below)
                {
                    return None;
                }
                // Then the question's subject against the answer's own content words, each
                // once; labels name a topic without saying anything about it.
                let asked = compiled.topics.subject(question, skip, letters, most);
                let mut said: Vec<&str> = (0..text.tokens.len())
                    .filter(|&i| {
                        let t = &text.tokens[i];
                        t.kind == debrief_text::TokenKind::Word
                            && !t.function
                            && !self.hits.label[i]
                            && t.end - t.start >= letters
                    })
                    .map(|i| text.lower(i))
                    .collect();
                said.sort_unstable();
                said.dedup();
                let value = compiled
                    .meaning
                    .subject_closeness(&asked, said.into_iter())?;
                let names = |words: &[(String, f64)]| {
                    words
                        .iter()
                        .map(|(w, _)| w.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let shown = format!(
                    "the question's subject words ({}) are met at {value:.2} on average by the \
                     answer's closest words; the answer's own ({}) meet the question's words at \
                     {back:.2}; and the answer uses {:.0}% of the question's topic weight",
                    names(&asked),
                    names(&own),
                    topics.share * 100.0,
                );
                let first = (text.sentences[0].start, text.sentences[0].end);
                (value, first, shown)
            }
            Metric::PastShare | Metric::PlanShare => {
                let c = self.clauses();
                let least = self.hits.compiled.grading.mode_clauses.max(1) as usize;
                if c.all < least {
                    return None;
                }
                // A plan that opens and closes on what the candidate would do brings its
                // story in as evidence for a step; it is not a story in place of the plan,
                // unless the plan is only a sentence at each end of the story.
                if metric == Metric::PastShare
                    && c.framed_as_plan
                    && c.plan as f64
                        >= self.hits.compiled.grading.plan_frame_share * (c.plan + c.past) as f64
                {
                    return None;
                }
                let (n, what) = if metric == Metric::PastShare {
                    (c.past, "tell what happened")
                } else {
                    (c.plan, "say what would or will happen")
                };
                (
                    n as f64 / c.all as f64,
                    whole,
                    format!("{n} of {} first-person clauses {what}", c.all),
                )
            }
            Metric::PastClauses => {
                if rule.data.min_words.is_some_and(|m| words < m as usize) {
                    return None;
                }
                // An answer that meets much of the question's subject is left alone: a story
                // told in the present tense ("so I go to him...") has few past clauses too.
                if let (Some(below), Some(topics)) = (rule.data.overlap_below, self.overlap)
                    && topics.share >= below
                {
                    return None;
                }
                let c = self.clauses();
                (
                    c.past as f64,
                    whole,
                    format!(
                        "{} of {} first-person clauses tell what happened, and the answer \
                         meets {:.0}% of the question's topic weight",
                        c.past,
                        c.all,
                        self.overlap.map_or(0.0, |o| o.share * 100.0)
                    ),
                )
            }
            Metric::SelfShare => {
                // Sentences of four words or more; a first-person singular word puts the
                // candidate in the sentence, in a label too ("What was mine: ...").
                let (mut all, mut mine) = (0usize, 0usize);
                for sentence in text.sentences.iter().filter(|s| s.len() >= 4) {
                    all += 1;
                    mine += usize::from(
                        (sentence.first_token..sentence.end_token).any(|i| text.tokens[i].singular),
                    );
                }
                if all < 3 || rule.data.min_words.is_some_and(|m| words < m as usize) {
                    return None;
                }
                (
                    mine as f64 / all as f64,
                    whole,
                    format!("{mine} of {all} sentences speak of you (I, me, my)"),
                )
            }
            Metric::Repetition => {
                let mut seen = BTreeSet::new();
                let (mut long, mut repeats, mut first_repeat) = (0usize, 0usize, None);
                for (s, sentence) in text.sentences.iter().enumerate() {
                    if sentence.len() < 4 {
                        continue;
                    }
                    long += 1;
                    let a = text.tokens[sentence.first_token].norm_start;
                    let b = text.tokens[sentence.end_token - 1].norm_end;
                    if !seen.insert(&text.normalised[a..b]) {
                        repeats += 1;
                        first_repeat.get_or_insert(s);
                    }
                }
                if long < 2 {
                    return None;
                }
                let v = repeats as f64 / long as f64;
                let anchor = first_repeat
                    .map_or(whole, |s| (text.sentences[s].start, text.sentences[s].end));
                (
                    v,
                    anchor,
                    format!("{:.0}% of sentences repeat an earlier one", v * 100.0),
                )
            }
            Metric::SentenceShape => {
                if words < 8 {
                    return None;
                }
                let real = self.prose_words();
                let v = real as f64 / words as f64;
                (
                    v,
                    whole,
                    format!("{:.0}% of the words are in full sentences", v * 100.0),
                )
            }
            Metric::WordOrderOdds => {
                let v = shape::word_order_odds(text, self.hits.compiled.word_order_odds.as_ref())?;
                (
                    v,
                    whole,
                    format!(
                        "its word order scores {v:.2} in log-odds per word pair, where answers written as sentences score above 0"
                    ),
                )
            }
            Metric::LowercaseOpeners => {
                let v = shape::lowercase_openers(text)?;
                (
                    v,
                    whole,
                    format!(
                        "{:.0}% of the sentences after a full stop open in lower case",
                        v * 100.0
                    ),
                )
            }
            Metric::FlawLikeness => {
                // Counted without labels and quotations, as the fit counted them: a label edit
                // must not carry a short answer into the rule's reach.
                let own = crate::flaws::own_words(&self.hits.unused);
                if rule.data.min_words.is_some_and(|m| own < m as usize) {
                    return None;
                }
                let readings = self.flaws.get_or_init(|| {
                    let hits = &self.hits;
                    hits.compiled.flaws.read(text, &hits.unused, &hits.words)
                });
                let (_, reading) = readings.iter().find(|(c, _)| *c == rule.category)?;
                let sentence = text.sentences.get(reading.sentence)?;
                let words = reading
                    .words
                    .iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    reading.margin,
                    (sentence.start, sentence.end),
                    format!(
                        "its words read like the calibration set's weak answers of this kind, \
                         {:.2} above the bar in log-odds; in this sentence the words that \
                         weigh most are {words}",
                        reading.margin
                    ),
                )
            }
            Metric::WordOrder => {
                if words < 12 {
                    return None;
                }
                let v = shape::word_order_share(text);
                (
                    v,
                    whole,
                    format!("{:.1}% of word pairs are in an impossible order", v * 100.0),
                )
            }
        };
        let low = rule.data.min.is_some_and(|m| value < m);
        let high = rule.data.max.is_some_and(|m| value > m);
        if low || high {
            out.push(self.finding(rule, anchor, Some(shown)));
        }
        Some(value)
    }
}

impl Context<'_> {
    /// The answer's topic overlap with its question, when a relevance rule measures this
    /// answer at all: it is `min_words` long and, where the rule sets `overlap_below`, uses
    /// less of the question's topic weight than that. `None` otherwise, or without a question.
    fn relevance_measured(&self, rule: &CompiledRule, words: usize) -> Option<Overlap> {
        if rule.data.min_words.is_some_and(|m| words < m as usize) {
            return None;
        }
        let topics = self.overlap?;
        let shared_enough = rule
            .data
            .overlap_below
            .is_some_and(|below| topics.share >= below);
        (!shared_enough).then_some(topics)
    }

    /// Every match of the rule's own phrases, as (first token, last token), phrase by phrase:
    /// what a metric that counts them (fillers, phrases that coin a name) counts.
    fn rule_phrases(&self, rule: &CompiledRule) -> Vec<(usize, usize)> {
        rule.terms
            .iter()
            .flat_map(|&t| self.hits.of_rule(t, rule.data.literal).iter().copied())
            .collect()
    }
}
