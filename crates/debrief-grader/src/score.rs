//! Findings, dimension scores and the overall score for one answer.

use std::collections::{BTreeMap, BTreeSet};

use super::compile::{
    Compiled, CompiledRule, DimensionScoring, Metric, PrincipleEvidence, RuleKind, Scope, Term,
};
use super::{
    DimensionScore, Finding, GradeError, GradeRequest, MAX_ANSWER_BYTES, Report, Span, SpanText,
    Star, star,
};
use crate::topic::Overlap;
use debrief_pack::{Catalog, Rating, Role, RoundKindId};
use debrief_text::{Assertion, Text, TokenKind, WordClass};

mod budget;
mod dimension;
mod metric;
mod model;
mod relevance;
pub(crate) mod shape;

use dimension::{Judge, principle_dimension, rubric_for, whole_percents};
pub(crate) use model::round_to;
use model::{Measured, score_parts};
use relevance::{Relevance, on_question};
use shape::{abstract_nouns, abstract_rate};

/// At most this many findings per rule, so one habit does not drown the report.
const MAX_FINDINGS_PER_RULE: usize = 5;
/// Findings shorter than this are phrase-level and deduplicated within a category.
const PHRASE_BYTES: usize = 60;
/// Evidence spans kept per dimension: the strongest few, not every token that matched.
const MAX_EVIDENCE: usize = 6;
/// Of those, at most this many for the dimension (the rest count against it).
const MAX_POSITIVE_EVIDENCE: usize = 4;

/// Where phrase and class matches are, per term, as (first token, last token). Only what the
/// answer asserts counts ([`Assertion`]): a phrase that is negated, mentioned or a label is no
/// evidence and no claim; rules about wording (`literal`) still see negated phrases.
struct Hits<'c> {
    compiled: &'c Compiled,
    /// Asserted matches per pattern.
    patterns: ByPattern,
    /// Matches per pattern that are used (not mentioned, not a label), negated or not.
    used: ByPattern,
    signals: Vec<Vec<(usize, usize)>>,
    /// `signals` less the matches made only of the question's own words: what a rubric
    /// dimension counts as evidence. Empty without a question (then `signals` is the
    /// evidence).
    evidence: Vec<Vec<(usize, usize)>>,
    /// Words in line-opening labels, which add no length to an answer.
    label_words: usize,
    /// Per token, whether it is in a line-opening label.
    label: Vec<bool>,
    /// Per token, whether it is quoted or named to be talked about, or in a label: words the
    /// answer does not use as its own.
    unused: Vec<bool>,
    /// Each token's word as the phrase index numbers it.
    words: Vec<Option<u32>>,
    numbers: Vec<(usize, usize)>,
    /// Time spans in words ("two quarters", "six months"): detail in a whole answer (the
    /// score's numbers part and its dimensions' `@number` evidence), but no rule's figure.
    spans: Vec<(usize, usize)>,
    /// `numbers` and `spans` together, in token order.
    with_spans: Vec<(usize, usize)>,
    singular: Vec<(usize, usize)>,
    plural: Vec<(usize, usize)>,
    /// Line-opening labels, each as (first token, last token), when there are at least
    /// `grading.structure_labels` of them.
    labels: Vec<(usize, usize)>,
    /// Sentences that draw a line in the candidate's own words ([`Assertion::limits`]).
    limits: usize,
    /// Abstract nouns ([`abstract_nouns`]) in the candidate's own words, by token.
    abstract_nouns: Vec<usize>,
}

/// Matches kept by pattern: a pattern's matches are one slice, found by halving. An answer
/// matches a few hundred of the pack's thousands of patterns, so a list per pattern would
/// allocate and free thousands of empty lists for every answer.
#[derive(Debug, Default)]
struct ByPattern {
    /// Pattern ids, in the order of `spans` once sorted.
    ids: Vec<usize>,
    /// Each match's first and last token.
    spans: Vec<(usize, usize)>,
    /// One bit per pattern id that has a match: most lookups are for patterns the answer
    /// never matched, and this turns them away without a search.
    seen: Vec<u64>,
}

impl ByPattern {
    fn push(&mut self, pattern: usize, span: (usize, usize)) {
        self.ids.push(pattern);
        self.spans.push(span);
    }

    /// Sorted by pattern, then by position, so each pattern's matches are one slice in text
    /// order.
    fn sorted(self) -> ByPattern {
        let mut pairs: Vec<(usize, (usize, usize))> =
            self.ids.into_iter().zip(self.spans).collect();
        pairs.sort_unstable();
        let (ids, spans): (Vec<usize>, Vec<(usize, usize)>) = pairs.into_iter().unzip();
        let mut seen = vec![0u64; ids.last().map_or(0, |&p| p / 64 + 1)];
        for &p in &ids {
            seen[p / 64] |= 1 << (p % 64);
        }
        ByPattern { ids, spans, seen }
    }

    /// Pattern `p`'s matches, in text order.
    fn get(&self, p: usize) -> &[(usize, usize)] {
        if self
            .seen
            .get(p / 64)
            .is_none_or(|w| w & (1 << (p % 64)) == 0)
        {
            return &[];
        }
        let start = self.ids.partition_point(|&x| x < p);
        let end = start + self.ids[start..].partition_point(|&x| x == p);
        &self.spans[start..end]
    }
}

impl<'c> Hits<'c> {
    fn new(compiled: &'c Compiled, text: &Text<'_>, asked: &BTreeSet<String>) -> Hits<'c> {
        let assertion = Assertion::new(text, &compiled.scope_words);
        let min_words = compiled.grading.limit_sentence_words as usize;
        let mut patterns = ByPattern::default();
        let mut used = ByPattern::default();
        let mut signals = vec![Vec::new(); compiled.signals.len()];
        // Per token, whether the question uses the word: looked up once, not per match. With
        // no question there is nothing to look up, and evidence is every signal match, not
        // kept twice.
        let (in_question, mut evidence): (Vec<bool>, Vec<Vec<(usize, usize)>>) = if asked.is_empty()
        {
            (Vec::new(), Vec::new())
        } else {
            (
                (0..text.tokens.len())
                    .map(|t| asked.contains(text.lower(t)))
                    .collect(),
                vec![Vec::new(); compiled.signals.len()],
            )
        };
        let word_numbers = compiled.phrases.numbers(text);
        for (p, first, last) in compiled.phrases.matches_numbered(text, &word_numbers) {
            if !assertion.uses(first, last) {
                continue;
            }
            used.push(p, (first, last));
            // Evidence survives negation: "not just fewer reminders but fewer empty slots",
            // "patients without smartphones" reason about a segment rather than deny it, and
            // taking such words away cost strong answers far more than it caught. Claims
            // (rule phrases) do not: "I didn't set an awareness goal" sets none.
            let asserted = assertion.asserts(first, last);
            // The question's own words said back ("finance teams" to a question about
            // finance teams) show nothing the question did not already give: no rubric
            // evidence, though rules still read them.
            let echoed = !in_question.is_empty() && in_question[first..=last].iter().all(|&q| q);
            for &s in &compiled.pattern_signals[p] {
                if asserted || !compiled.signals[s].data.asserted {
                    signals[s].push((first, last));
                    if !echoed && let Some(e) = evidence.get_mut(s) {
                        e.push((first, last));
                    }
                }
            }
            if asserted {
                patterns.push(p, (first, last));
            }
        }
        for hits in signals.iter_mut().chain(&mut evidence) {
            hits.sort_unstable();
            hits.dedup();
        }
        let pick = |f: &dyn Fn(usize) -> bool| -> Vec<(usize, usize)> {
            (0..text.tokens.len())
                .filter(|&i| f(i))
                .map(|i| (i, i))
                .collect()
        };
        // A number in a label ("Q3 goals:") or a mention is not a result. A spoken one is
        // quoted with its unit ("three weeks"): the word alone says little.
        let (mut numbers, mut spans, mut with_spans) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..text.tokens.len() {
            let spoken = spoken_number(text, i, compiled);
            let at = if spoken.is_some() { (i, i + 1) } else { (i, i) };
            if (text.tokens[i].kind != TokenKind::Number && spoken.is_none())
                || !assertion.uses(at.0, at.1)
            {
                continue;
            }
            with_spans.push(at);
            if spoken == Some(Spoken::Span) {
                spans.push(at);
            } else {
                numbers.push(at);
            }
        }
        Hits {
            compiled,
            patterns: patterns.sorted(),
            used: used.sorted(),
            signals,
            evidence,
            limits: assertion
                .limits(text, &compiled.scope_words, min_words, true)
                .len(),
            abstract_nouns: abstract_nouns(text, compiled, &assertion, asked),
            label_words: assertion.label.iter().filter(|&&l| l).count(),
            label: assertion.label.clone(),
            unused: crate::flaws::unused(text, &assertion),
            words: word_numbers,
            numbers,
            spans,
            with_spans,
            singular: pick(&|i| text.tokens[i].singular),
            plural: pick(&|i| text.tokens[i].plural),
            labels: {
                let labels = runs(&assertion.label);
                let least = compiled.grading.structure_labels.max(1) as usize;
                if labels.len() >= least {
                    labels
                } else {
                    Vec::new()
                }
            },
        }
    }

    /// [`Hits::of`] for a dimension's evidence: in a whole answer a time span in words counts
    /// as a number ("shipped in three weeks" is a detail); a follow-up reply that names only
    /// a span ("in six months") has not answered with a figure.
    pub(crate) fn evidence(&self, term: Term, follow_up: bool) -> &[(usize, usize)] {
        match term {
            Term::Number if !follow_up => &self.with_spans,
            Term::Signal(i) => self.evidence.get(i).unwrap_or(&self.signals[i]),
            _ => self.of(term),
        }
    }

    /// Whether a match starting at token `first` is a time span in words.
    pub(crate) fn is_span(&self, first: usize) -> bool {
        self.spans.iter().any(|&(a, _)| a == first)
    }

    fn of(&self, term: Term) -> &[(usize, usize)] {
        match term {
            Term::Number => &self.numbers,
            Term::Singular => &self.singular,
            Term::Plural => &self.plural,
            Term::Labels => &self.labels,
            Term::Signal(i) => &self.signals[i],
            Term::Phrase(p) => self.patterns.get(p),
        }
    }

    /// [`Hits::of`] for a rule's own phrases: a `literal` rule (about wording) also sees them
    /// where a negator reaches.
    fn of_rule(&self, term: Term, literal: bool) -> &[(usize, usize)] {
        match term {
            Term::Phrase(p) if literal => self.used.get(p),
            _ => self.of(term),
        }
    }

    /// A phrase's matches that a negator reaches (used, not asserted): what a `denied` rule
    /// reads. Nothing for a class, which has no negated matches of its own.
    fn denied(&self, term: Term) -> impl Iterator<Item = (usize, usize)> + '_ {
        let p = match term {
            Term::Phrase(p) => Some(p),
            _ => None,
        };
        let used = p.map_or(&[][..], |p| self.used.get(p));
        let asserted = p.map_or(&[][..], |p| self.patterns.get(p));
        used.iter().copied().filter(move |m| !asserted.contains(m))
    }

    fn label(&self, term: Term) -> &str {
        match term {
            Term::Number => "A number",
            Term::Singular => "First person singular",
            Term::Plural => "First person plural",
            Term::Labels => "Labels",
            Term::Signal(i) => &self.compiled.signals[i].data.label,
            Term::Phrase(_) => "A telling phrase",
        }
    }

    fn weight(&self, term: Term) -> f64 {
        match term {
            Term::Signal(i) => self.compiled.signals[i].data.weight,
            Term::Singular => 0.5,
            _ => 1.0,
        }
    }
}

/// Grades one answer. See the module docs of `grade` for the steps.
pub(crate) fn grade(
    catalog: &Catalog,
    compiled: &Compiled,
    request: &GradeRequest,
) -> Result<Report, GradeError> {
    let answer = request.answer.as_str();
    if answer.len() > MAX_ANSWER_BYTES {
        return Err(GradeError::TooLarge(answer.len()));
    }
    let story_kind = catalog.story_kind().map_or("", |k| k.id.as_str());
    let asked = request
        .round
        .as_ref()
        .map_or(story_kind, RoundKindId::as_str);
    let kind = catalog.round_kind(asked)?;
    let round = kind.id.as_str();
    let (dimensions, rubric) = rubric_for(catalog, round, request.role)?;
    let text = Text::new(answer);
    if text.tokens.is_empty() {
        return Err(GradeError::Empty);
    }
    let grading = &compiled.grading;
    let words = text.word_count();
    let wpm = f64::from(grading.words_per_minute.max(1));
    let spoken = words as f64 * 60.0 / wpm;
    // The question, tokenized once for the time, the figures and the phrases it states.
    let question_text = request.question.as_deref().map(Text::new);
    // A time the caller sets (a mock's round) comes first; then a follow-up's; then the time
    // the question itself gives ("You have five minutes"); then the round's.
    let budget = request
        .budget_seconds
        .unwrap_or_else(|| {
            if request.follow_up {
                grading.follow_up_seconds
            } else {
                question_text
                    .as_ref()
                    .and_then(|q| budget::stated_seconds(q, &compiled.time_cues))
                    .unwrap_or(kind.answer_minutes.max(1) * 60)
            }
        })
        .max(1);
    let asked = request
        .question
        .as_deref()
        .map(|q| debrief_pack::search::lowercase_words(q).collect())
        .unwrap_or_default();
    let hits = Hits::new(compiled, &text, &asked);

    let labels = if kind.star {
        let mut cues = vec![[0.0f64; 4]; text.sentences.len()];
        for (s, signal) in compiled.signals.iter().enumerate() {
            if let Some(part) = signal.star {
                let mut seen = BTreeSet::new();
                for &(first, _) in &hits.signals[s] {
                    let sentence = text.tokens[first].sentence;
                    // One vote per cue signal per sentence, whatever its scoring weight.
                    if seen.insert(sentence) {
                        cues[sentence][part] += 1.0;
                    }
                }
            }
        }
        Some(star::segment(&text, &cues))
    } else {
        None
    };

    // What the question asks about: its words, and, for a question from the bank, the
    // signals its strong answers show (so an answer in other words than the question's still
    // meets it).
    let bank = request
        .question
        .as_deref()
        .and_then(|q| compiled.topics.bank_index(q))
        .and_then(|i| catalog.questions().get(i));
    let with_signals = request
        .question
        .as_deref()
        .zip(bank)
        .map(|(q, b)| format!("{q} {}", b.signals.join(" ")));
    // The principles the question tests: as asked, else the bank question's. A follow-up
    // probe is its own question; it tests what it asks, not the first question's principles.
    let tested: &[String] = if request.follow_up {
        &[]
    } else if request.principles.is_empty() {
        bank.map_or(&[], |b| b.principles.as_slice())
    } else {
        &request.principles
    };
    let principles: Vec<&PrincipleEvidence> = tested
        .iter()
        .filter_map(|p| compiled.principle_evidence.get(p))
        .collect();
    let question_numbers: BTreeSet<String> = question_text
        .iter()
        .flat_map(|q| {
            q.tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Number)
                .map(|t| q.source[t.start..t.end].to_owned())
        })
        .collect();
    // The phrases the question uses, for rules that judge whether the answer gives what was
    // asked, and rules that let the question's own words pass (`unless_asked`).
    let mut question_patterns: BTreeSet<usize> = question_text
        .iter()
        .flat_map(|q| compiled.matches(q).into_iter().map(|(p, _, _)| p))
        .collect();
    if question_text
        .iter()
        .any(|q| crate::asks::asks_past(q, compiled.question_words()))
    {
        question_patterns.insert(crate::asks::ASKS_PAST_ID);
    }
    let relevance = request
        .question
        .as_deref()
        .map(|q| Relevance::new(q, with_signals.as_deref(), &text, &hits, false))
        .unwrap_or_default();
    let ctx = Context {
        overlap: relevance.best(),
        question_numbers,
        question_patterns: &question_patterns,
        text: &text,
        hits: &hits,
        labels: labels.as_deref(),
        spoken,
        budget,
        wpm,
        request,
        clauses: std::cell::OnceCell::new(),
        prose_words: std::cell::OnceCell::new(),
        flaws: std::cell::OnceCell::new(),
    };
    let applicable = |rule: &CompiledRule| -> bool {
        let asked = rule.applies(request.role, round)
            && (rule.asked_by.is_empty()
                || rule.asked_by.iter().any(|p| question_patterns.contains(p)))
            && !rule
                .not_asked_by
                .iter()
                .any(|p| question_patterns.contains(p));
        // A reply to a follow-up answers one thing: what it lacks, unless the probe says what
        // it asked for, and how long or how shaped it is, are not judged as a whole story's
        // would be.
        asked
            && !(request.follow_up
                && ((rule.kind == RuleKind::Missing && rule.asked_by.is_empty())
                    || rule.data.whole_answers_only))
    };
    let run = |rule: &CompiledRule| -> (Vec<Finding>, Option<f64>) {
        let mut found = Vec::new();
        let value = match rule.kind {
            RuleKind::Existence => {
                ctx.existence(rule, &mut found);
                None
            }
            RuleKind::Missing => {
                ctx.missing(rule, &mut found);
                None
            }
            RuleKind::Metric(metric) => ctx.metric(rule, metric, &mut found),
        };
        (found, value)
    };
    // Rules measured ahead of their turn, because a rule they replace came first; and
    // whether each rule measured in its turn found anything.
    let mut ahead: BTreeMap<usize, (Vec<Finding>, Option<f64>)> = BTreeMap::new();
    let mut fired = vec![false; compiled.rules.len()];
    let mut findings = Vec::new();
    let mut caps = Vec::new();
    let mut fillers = None;
    for (i, rule) in compiled.rules.iter().enumerate() {
        if !applicable(rule) {
            continue;
        }
        // A rule that a finding of another replaces is not measured: its findings and cap
        // would be dropped (the off-question passes are the costliest the grader has).
        let replaced = rule.replaced_by.iter().any(|&j| {
            let by = &compiled.rules[j];
            if j < i {
                return fired[j];
            }
            applicable(by) && !ahead.entry(j).or_insert_with(|| run(by)).0.is_empty()
        });
        if replaced {
            continue;
        }
        let (found, value) = ahead.remove(&i).unwrap_or_else(|| run(rule));
        if let RuleKind::Metric(Metric::FillersPerMinute) = rule.kind
            && request.transcript
        {
            fillers = value.map(|v| (v * 10.0).round() / 10.0);
        }
        fired[i] = !found.is_empty();
        if fired[i]
            && let Some(cap) = rule.data.cap
        {
            caps.push((rule.data.id.as_str(), cap));
        }
        findings.extend(found);
    }
    // A finding that says the same and more stands in for the ones it replaces.
    let replaced: BTreeSet<&str> = compiled
        .rules
        .iter()
        .filter(|r| !r.data.replaces.is_empty())
        .filter(|r| findings.iter().any(|f| f.rule == r.data.id))
        .flat_map(|r| r.data.replaces.iter().map(String::as_str))
        .collect();
    findings.retain(|f| !replaced.contains(f.rule.as_str()));
    caps.retain(|(id, _)| !replaced.contains(id));
    let findings = tidy(findings);

    let distinct_signals = hits
        .signals
        .iter()
        .zip(&compiled.signals)
        .filter(|(h, s)| s.breadth && !h.is_empty())
        .count() as f64;
    let breadth = (distinct_signals * grading.breadth_points).min(grading.breadth_cap);
    let judge = Judge {
        compiled,
        hits: &hits,
        text: &text,
        findings: &findings,
        breadth,
        follow_up: request.follow_up,
    };
    let empty = DimensionScoring::default();
    let scored: Vec<(DimensionScore, f64)> = dimensions
        .iter()
        .filter_map(|d| {
            // Left out where the question tests principles and none of this dimension's.
            if !d.principles.is_empty()
                && !tested.is_empty()
                && !tested.iter().any(|t| d.principles.contains(t))
            {
                return None;
            }
            let scoring = compiled.scoring.get(&d.id).unwrap_or(&empty);
            if scoring.principles {
                principle_dimension(&judge, d, scoring, &principles, request.role)
            } else {
                Some(judge.dimension(d, scoring, &scoring.signals, &scoring.core))
            }
        })
        .collect();
    let mean = if request.follow_up {
        // The reply is judged where it answers: its best few dimensions, equally.
        let mut raws: Vec<f64> = scored.iter().map(|(_, raw)| *raw).collect();
        raws.sort_by(|a, b| b.total_cmp(a));
        let n = (grading.follow_up_dimensions.max(1) as usize)
            .min(raws.len())
            .max(1);
        raws.iter().take(n).sum::<f64>() / n as f64
    } else {
        let total_weight: f64 = scored
            .iter()
            .map(|(d, _)| f64::from(d.weight))
            .sum::<f64>()
            .max(1.0);
        scored
            .iter()
            .map(|(d, raw)| f64::from(d.weight) * raw)
            .sum::<f64>()
            / total_weight
    };
    // The numbers part: figures (digits, spoken figures), and in a whole answer spoken time
    // spans too, which are detail though no rule's figure. With `depth_minutes` set, a short
    // budget expects proportionally fewer of them, and they count only as far as the answer
    // is on its question, so that the extra credit does not reward a strong story full of
    // figures handed in to another question. A follow-up reply has its own budget and is
    // judged on the probe.
    // How far a whole answer is on its question, measured once for the numbers and the
    // lines the answer draws; a follow-up reply is judged on the probe.
    // A question judged on what it asks for (what the role is, a strength, a weakness, what
    // next) rather than on its words: a plain answer to "What's your biggest weakness?" shares
    // none of them and is on the question all the same.
    let asks_for = compiled
        .relevance_yields
        .iter()
        .any(|p| question_patterns.contains(p));
    let on = if request.follow_up || asks_for {
        1.0
    } else {
        on_question(
            catalog,
            request,
            with_signals.as_deref(),
            &text,
            &hits,
            &relevance,
        )
    };
    let (numbers, numbers_scale) = if request.follow_up {
        (figures(&hits, &text, compiled, &ctx.question_numbers), 1.0)
    } else {
        let scale = if grading.depth_minutes > 0.0 {
            on / grading.depth(budget)
        } else {
            1.0
        };
        // Quantities said in words ("doubled", "about half") are figures as much as digits
        // are: a plain answer carries its numbers that way. Overlapping matches ("about half"
        // and "half of them" in "about half of them") are one quantity.
        let said = debrief_text::merged_ranges(
            compiled
                .number_signals
                .iter()
                .flat_map(|&s| hits.evidence(Term::Signal(s), false).iter().copied()),
        )
        .len();
        (
            figures(&hits, &text, compiled, &ctx.question_numbers)
                + hits.spans.len() as f64
                + said as f64,
            scale,
        )
    };
    let measured = Measured {
        rubric: (mean - 1.0) / 3.0,
        numbers,
        numbers_scale,
        findings: &findings,
        length: spoken / f64::from(budget),
        // A reply to a probe answers one thing and has no room to draw lines.
        limits: (!request.follow_up).then_some(hits.limits as f64),
        abstract_words: {
            let mut words: Vec<String> = Vec::new();
            for &t in &hits.abstract_nouns {
                let word = text.lower(t);
                if !words.iter().any(|w| w == word) {
                    words.push(word.to_owned());
                }
            }
            words
        },
        // Per hundred of the candidate's words, counted as if a hundred words at the model's
        // neutral rate came first: a reply of forty words with no such noun, or with two, says
        // little about how the candidate talks, and is read nearer the usual rate.
        abstract_nouns: Some(abstract_rate(
            hits.abstract_nouns.len(),
            words.saturating_sub(hits.label_words),
            catalog.score_model(),
        )),
        limits_scale: on,
        // A follow-up reply answers the probe, not the question's topic words.
        relevance: if request.follow_up || asks_for {
            None
        } else {
            // Against the question with its strong answers' signals where it has them: an
            // answer to another question meets fewer of those, and here that costs points
            // without a finding's accusation.
            relevance.scored().map(|o| o.fraction())
        },
    };
    let (total, score_parts) = score_parts(catalog.score_model(), &measured);
    let mut score = total;
    if let Some(cap) = caps.iter().map(|&(_, cap)| cap).min() {
        score = score.min(f64::from(cap));
    }
    let score = score.clamp(0.0, 100.0).round() as u32;
    let rating = if score >= grading.strong_hire {
        Rating::StrongHire
    } else if score >= grading.hire {
        Rating::Hire
    } else if score >= grading.no_hire {
        Rating::NoHire
    } else {
        Rating::StrongNoHire
    };

    Ok(Report {
        id: None,
        score,
        rating,
        score_parts,
        role_lean: role_lean(compiled, &hits),
        dimensions: {
            // With a dimension left out, the rest still show percents of the whole.
            let mut shown: Vec<DimensionScore> = scored.into_iter().map(|(d, _)| d).collect();
            whole_percents(shown.iter_mut().map(|d| &mut d.weight));
            shown
        },
        findings,
        star: star_spans(&text, labels.as_deref()),
        metrics: metrics(&text, compiled),
        words,
        spoken_seconds: spoken.round() as u32,
        budget_seconds: budget,
        fillers_per_minute: fillers,
        round: round.to_owned(),
        role: request.role,
        rubric,
    })
}

/// Whether number token `i` is a plain count written in words ("twelve recorded calls",
/// "twenty partners"), as against a spelled figure with a scale or a share ("five hundred
/// shops", "seventy percent", "two million").
fn spelled_count(text: &Text<'_>, i: usize) -> bool {
    let scaled = || {
        text.tokens
            .get(i + 1)
            .is_some_and(|t| t.sentence == text.tokens[i].sentence)
            && (matches!(text.lower(i + 1), "percent" | "per")
                || debrief_text::scale_word(text.lower(i + 1)).is_some())
    };
    text.is_spelled_number(i) && !(text.lower(i).contains("hundred") || scaled())
}

/// The figures an answer states, years left out.
fn figures(hits: &Hits<'_>, text: &Text<'_>, compiled: &Compiled, asked: &BTreeSet<String>) -> f64 {
    hits.numbers
        .iter()
        .filter(|&&(i, _)| !is_year(text, i, &compiled.unit_words))
        // A plain count in words ("twelve recorded calls") clears a rule that asks for a figure
        // and is checked like one, but stays out of this count: the score model's weight for it
        // was fitted on digits, and counting those too lifted five weak tuning answers over
        // the Hire line (2026-12-06) and one strong one. A spelled figure with a scale or a
        // share ("seventy percent", "five hundred", "two million") counts: that moved no
        // calibration figure, and lifted a plain strong story written for testing to Hire.
        // (When `spoken_numbers` is on, one said before its unit counts that way, as before.)
        .filter(|&&(i, end)| end > i || !spelled_count(text, i))
        .filter(|&&(i, _)| !asked.contains(&text.source[text.tokens[i].start..text.tokens[i].end]))
        .count() as f64
}

struct Context<'a> {
    /// The question's topics the answer uses ([`Relevance::best`]).
    overlap: Option<Overlap>,
    /// The figures the question states, as written ("40%", "90").
    question_numbers: BTreeSet<String>,
    /// The phrases the question uses (pattern ids).
    question_patterns: &'a BTreeSet<usize>,
    text: &'a Text<'a>,
    hits: &'a Hits<'a>,
    labels: Option<&'a [usize]>,
    spoken: f64,
    budget: u32,
    wpm: f64,
    request: &'a GradeRequest,
    /// The answer's first-person clauses, counted once for every rule that reads them.
    clauses: std::cell::OnceCell<shape::Clauses>,
    /// How many of the answer's words stand in real clauses ([`sentence_words`]), counted
    /// once for every rule that reads them.
    prose_words: std::cell::OnceCell<usize>,
    /// How the answer reads against each learned category, read once for every rule that
    /// asks.
    flaws: std::cell::OnceCell<Vec<(debrief_pack::Category, crate::flaws::FlawReading)>>,
}

impl Context<'_> {
    /// The answer's first-person clauses by what they tell ([`shape::first_person_clauses`]).
    fn clauses(&self) -> shape::Clauses {
        *self.clauses.get_or_init(|| {
            shape::first_person_clauses(self.text, self.hits.compiled, &self.hits.label)
        })
    }

    /// How many of the answer's words stand in real clauses rather than in lists of terms.
    fn prose_words(&self) -> usize {
        *self.prose_words.get_or_init(|| {
            let text = self.text;
            text.sentences.iter().map(|s| sentence_words(text, s)).sum()
        })
    }

    fn span(&self, first: usize, last: usize) -> (usize, usize) {
        (self.text.tokens[first].start, self.text.tokens[last].end)
    }

    fn finding(
        &self,
        rule: &CompiledRule,
        (start, end): (usize, usize),
        measured: Option<String>,
    ) -> Finding {
        let message = match measured {
            Some(m) => format!("{} (Measured: {m}.)", rule.data.message),
            None => rule.data.message.clone(),
        };
        Finding {
            rule: rule.data.id.clone(),
            category: rule.category,
            severity: rule.severity,
            start,
            end,
            text: self.text.source[start..end].to_owned(),
            message,
            suggestion: rule.data.suggestion.clone(),
        }
    }

    fn in_scope(&self, scope: Scope, sentence: usize) -> bool {
        match scope {
            Scope::Answer => true,
            Scope::Star(part) => self.labels.is_some_and(|l| l[sentence] == part),
            Scope::Opening => sentence < self.opening_sentences(),
        }
    }

    /// How many sentences make the answer's opening: those that start within the grading's
    /// `opening_words` tokens (at least one).
    fn opening_sentences(&self) -> usize {
        let words = self.hits.compiled.grading.opening_words as usize;
        self.text
            .sentences
            .iter()
            .take_while(|s| s.first_token < words)
            .count()
            .max(1)
    }

    fn present(&self, terms: &[Term], sentence: Option<usize>) -> bool {
        self.present_where(terms, sentence, |_, _| true)
    }

    /// [`Context::present`], counting only the matches `keep` accepts.
    fn present_where(
        &self,
        terms: &[Term],
        sentence: Option<usize>,
        keep: impl Fn(Term, usize) -> bool,
    ) -> bool {
        terms.iter().any(|&t| {
            self.hits.of(t).iter().any(|&(first, _)| {
                sentence.is_none_or(|s| self.text.tokens[first].sentence == s) && keep(t, first)
            })
        })
    }

    /// Whether any of `terms` occurs before token `first`.
    fn before(&self, terms: &[Term], first: usize) -> bool {
        terms
            .iter()
            .any(|&t| self.hits.of(t).iter().any(|&(a, _)| a < first))
    }

    fn existence(&self, rule: &CompiledRule, out: &mut Vec<Finding>) {
        if matches!(rule.scope, Scope::Star(_)) && self.labels.is_none() {
            return;
        }
        if rule.window_answer && self.present(&rule.unless, None) {
            return;
        }
        if !rule.answer_with.is_empty() && !self.present(&rule.answer_with, None) {
            return;
        }
        let mut spans: Vec<(usize, usize)> = Vec::new();
        // A phrase the question itself uses is its subject, not a finding.
        for &t in rule.terms.iter().filter(|&&t| {
            !(rule.data.unless_asked
                && matches!(t, Term::Phrase(p) if self.question_patterns.contains(&p)))
        }) {
            if rule.data.denied {
                spans.extend(self.hits.denied(t));
            } else {
                spans.extend_from_slice(self.hits.of_rule(t, rule.data.literal));
            }
        }
        spans.sort_unstable();
        let mut found = Vec::new();
        for (first, last) in spans {
            let sentence = self.text.tokens[first].sentence;
            let sense_word = |t: usize, words: &[String]| {
                self.text.tokens.get(t).is_some_and(|token| {
                    token.sentence == sentence && words.iter().any(|w| w == self.text.lower(t))
                })
            };
            let other_sense = sense_word(last + 1, &rule.data.not_followed_by)
                || first
                    .checked_sub(1)
                    .is_some_and(|t| sense_word(t, &rule.data.not_preceded_by));
            if other_sense
                || (!rule.with.is_empty() && !self.present(&rule.with, Some(sentence)))
                || !self.in_scope(rule.scope, sentence)
                || (rule.window_before && self.before(&rule.unless, first))
                || (!rule.window_answer
                    && !rule.window_before
                    && self.present(&rule.unless, Some(sentence)))
            {
                continue;
            }
            found.push((first, last));
        }
        // A rule that needs several different phrases ("on the moon" and "carrier pigeons")
        // says nothing about one alone.
        let distinct: BTreeSet<&str> = found
            .iter()
            .map(|&(a, b)| {
                let (a, b) = (self.text.tokens[a].norm_start, self.text.tokens[b].norm_end);
                &self.text.normalised[a..b]
            })
            .collect();
        if distinct.len() < rule.data.min_count.max(1) as usize {
            return;
        }
        for (first, last) in found.into_iter().take(super::score::MAX_FINDINGS_PER_RULE) {
            out.push(self.finding(rule, self.span(first, last), None));
        }
    }

    fn missing(&self, rule: &CompiledRule, out: &mut Vec<Finding>) {
        let min_words = rule.data.min_words.unwrap_or(40) as usize;
        if self.text.word_count() < min_words {
            return;
        }
        if !rule.answer_with.is_empty() && !self.present(&rule.answer_with, None) {
            return;
        }
        let sentences: Vec<usize> = match rule.scope {
            Scope::Answer => (0..self.text.sentences.len()).collect(),
            Scope::Opening => {
                (0..self.opening_sentences().min(self.text.sentences.len())).collect()
            }
            Scope::Star(part) => match self.labels {
                None => return,
                Some(labels) => (0..labels.len()).filter(|&s| labels[s] == part).collect(),
            },
        };
        // A figure the question gave ("40% never submit", "90 days") is not the candidate's
        // measure: said back, it does not answer a rule that wants a number.
        let own = |term: Term, first: usize| {
            let t = &self.text.tokens[first];
            term != Term::Number
                || !self
                    .question_numbers
                    .contains(&self.text.source[t.start..t.end])
        };
        let found = sentences.iter().any(|&s| {
            self.present_where(&rule.terms, Some(s), own)
                || rule.together.iter().any(|group| {
                    group
                        .iter()
                        .all(|&t| self.present_where(&[t], Some(s), own))
                })
        });
        if found {
            return;
        }
        // Where the missing thing belonged: the part it belongs to, or the answer as a whole
        // (never its last sentence, which would read as a claim about that sentence).
        let last = self.text.sentences.len() - 1;
        let (a, b) = match (rule.scope, sentences.first(), sentences.last()) {
            (Scope::Star(_) | Scope::Opening, Some(&a), Some(&b)) => (a, b),
            (Scope::Answer, _, _) if rule.anchor_first => (0, 0),
            (Scope::Star(_) | Scope::Opening, _, _) | (Scope::Answer, _, _) => (0, last),
        };
        let span = (self.text.sentences[a].start, self.text.sentences[b].end);
        out.push(self.finding(rule, span, None));
    }
}

/// How many of a sentence's words stand in real clauses rather than in a list of terms.
///
/// A sentence with no function words at all ("Roadmap, KPIs, A/B testing.") is a list. Inside
/// a sentence, clauses are split at commas and semicolons: a fragment of one or two words, or
/// of three words without a function word ("north star metric", "I decided"), is a list item,
/// so "Customer obsession, I decided, instead of, since then, ..." does not pass for prose.
fn sentence_words(text: &Text<'_>, s: &debrief_text::Sentence) -> usize {
    let tokens = s.first_token..s.end_token;
    let function =
        |t: usize| text.tokens[t].function && text.tokens[t].class != WordClass::Conjunction;
    let function_count = tokens.clone().filter(|&t| function(t)).count();
    if function_count == 0 || (function_count as f64) < 0.08 * s.len() as f64 {
        return 0;
    }
    let mut real = 0;
    let mut clause_start = s.first_token;
    for t in tokens.clone() {
        let last = t + 1 == s.end_token;
        let split =
            !last && text.source[text.tokens[t].end..text.tokens[t + 1].start].contains([',', ';']);
        if split || last {
            let clause = clause_start..t + 1;
            let n = clause.len();
            let has_function = clause.clone().any(&function);
            let list_item = n <= 2 || (n == 3 && !has_function);
            // A sentence that is one short clause ("I cut scope.") is prose, not a list.
            if !list_item || clause_start == s.first_token && last {
                real += n;
            }
            clause_start = t + 1;
        }
    }
    real
}

/// Findings in answer order; one per rule and span; of two phrase-level findings of one
/// category on overlapping words (two fog rules both matching "helped"), the more severe.
/// Sentence-level findings (metrics, missing elements) say different things and all stay.
fn tidy(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        (a.start, a.end, std::cmp::Reverse(a.severity), &a.rule).cmp(&(
            b.start,
            b.end,
            std::cmp::Reverse(b.severity),
            &b.rule,
        ))
    });
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        let clash = out.iter().any(|k| {
            (k.rule == f.rule && k.start == f.start && k.end == f.end)
                || (k.category == f.category
                    && k.start < f.end
                    && f.start < k.end
                    && k.end - k.start < PHRASE_BYTES
                    && f.end - f.start < PHRASE_BYTES)
        });
        if !clash {
            out.push(f);
        }
    }
    out
}

/// The runs of `true` in `flags`, as (first, last) indices.
fn runs(flags: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &f) in flags.iter().chain(std::iter::once(&false)).enumerate() {
        match (f, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - 1));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// -1 (PMM framing) to +1 (PM framing), from role vocabulary, to two decimals.
fn role_lean(compiled: &Compiled, hits: &Hits<'_>) -> f64 {
    let (mut pm, mut pmm) = (0.0, 0.0);
    for (s, signal) in compiled.signals.iter().enumerate() {
        let n = hits.signals[s].len() as f64;
        match signal.lean {
            Some(Role::Pm) => pm += n,
            Some(Role::Pmm) => pmm += n,
            None => {}
        }
    }
    let lean = (pm - pmm) / (pm + pmm + 2.0);
    (lean * 100.0).round() / 100.0
}

fn star_spans(text: &Text<'_>, labels: Option<&[usize]>) -> Star {
    let mut star = Star::default();
    let Some(labels) = labels else { return star };
    for (s, &part) in labels.iter().enumerate() {
        let span = Span {
            start: text.sentences[s].start,
            end: text.sentences[s].end,
        };
        match part {
            0 => star.situation.push(span),
            1 => star.task.push(span),
            2 => star.action.push(span),
            _ => star.result.push(span),
        }
    }
    star
}

/// Whether number token `i` is a calendar year ("in 2023"), which dates a story but measures
/// nothing: four digits from 1900 to 2100, not followed by a unit ("2000 users" is a count).
fn is_year(text: &Text<'_>, i: usize, unit_words: &[String]) -> bool {
    let word = text.lower(i);
    let year = word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && word
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y));
    let counted = text.tokens.get(i + 1).is_some_and(|next| {
        next.sentence == text.tokens[i].sentence
            && unit_words.iter().any(|u| u == text.lower(i + 1))
    });
    year && !counted
}

/// A number as people say it ("three") right before a unit word in its sentence: a count
/// stated as a fact, as "3 weeks" is. Without the unit ("all three roles") it is only a
/// manner of speaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spoken {
    /// Before any other unit: "forty customers", "ten percent".
    Figure,
    /// Before a time unit ("two quarters", "six months"): when or how long, not a result.
    Span,
}

/// Whether token `i` is a spoken number before a unit word, and which kind.
fn spoken_number(text: &Text<'_>, i: usize, compiled: &Compiled) -> Option<Spoken> {
    let next = text.tokens.get(i + 1)?;
    let unit = text.lower(i + 1);
    let counted = compiled.spoken_numbers.contains(text.lower(i))
        && next.sentence == text.tokens[i].sentence
        && compiled.unit_words.iter().any(|u| u == unit);
    counted.then(|| {
        if compiled.time_units.contains(unit) {
            Spoken::Span
        } else {
            Spoken::Figure
        }
    })
}

/// Numbers with the unit word that follows them in the same sentence, in digits or as people
/// say them ("three weeks"); years are left out.
fn metrics(text: &Text<'_>, compiled: &Compiled) -> Vec<SpanText> {
    let unit_words = &compiled.unit_words;
    let mut out = Vec::new();
    for (i, t) in text.tokens.iter().enumerate() {
        let counted = if t.kind == TokenKind::Number {
            !is_year(text, i, unit_words)
        } else {
            spoken_number(text, i, compiled).is_some()
        };
        if !counted {
            continue;
        }
        let mut end = t.end;
        if let Some(next) = text.tokens.get(i + 1)
            && next.sentence == t.sentence
            && unit_words.iter().any(|u| u == text.lower(i + 1))
            && text.source[t.end..next.start].trim().is_empty()
        {
            end = next.end;
        }
        out.push(SpanText {
            start: t.start,
            end,
            text: text.source[t.start..end].to_owned(),
        });
    }
    out
}
