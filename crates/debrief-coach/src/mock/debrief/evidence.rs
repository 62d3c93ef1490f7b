//! The answers as evidence: each answer ready to quote, quotes cut on word boundaries from a
//! report's evidence and findings, and the rows of the principle (or competency) table with
//! the answers that test them.

use super::*;

/// One answer, ready to quote.
pub(super) struct Graded<'a> {
    pub(super) at: AnswerRef,
    pub(super) answer: &'a MockAnswer,
    pub(super) text: Text<'a>,
    pub(super) source: String,
}

impl Graded<'_> {
    pub(super) fn score(&self) -> u32 {
        self.answer.report.score.min(100)
    }

    /// A quote of `[start, end)` widened to its sentence, or `None` when the span is not the
    /// claimed text of this answer (a report from another answer, or a stale one).
    pub(super) fn quote(&self, span: Span<'_>, stance: Stance, note: &str) -> Option<Quote> {
        let answer = self.answer.answer.as_str();
        if span.start >= span.end || answer.get(span.start..span.end) != Some(span.text) {
            return None;
        }
        let (mut lo, mut hi) = (span.start, span.end);
        for s in &self.text.sentences {
            if s.start <= span.start && span.start < s.end {
                lo = lo.min(s.start);
            }
            if s.start < span.end && span.end <= s.end {
                hi = hi.max(s.end);
            }
        }
        let (sentence_lo, sentence_hi) = (lo, hi);
        if hi - lo > MAX_QUOTE_BYTES {
            // Keep some words before the span, then as much after as fits, cutting between
            // words and never inside the span unless the span alone is too long.
            if span.start - lo > MAX_QUOTE_BYTES / 3 {
                lo = word_start(answer, span.start - MAX_QUOTE_BYTES / 3).min(span.start);
            }
            hi = hi.min(lo + MAX_QUOTE_BYTES);
            let floor = if span.end <= hi { span.end } else { lo };
            hi = word_end(answer, hi, floor);
        }
        let raw = answer.get(lo..hi)?;
        let lead = raw.len() - raw.trim_start().len();
        let trail = raw.len() - raw.trim_end().len();
        let (lo, hi) = (lo + lead, hi - trail);
        if lo >= hi {
            return None;
        }
        Some(Quote {
            at: self.at,
            source: self.source.clone(),
            start: lo,
            end: hi,
            text: answer.get(lo..hi)?.to_owned(),
            shortened: lo > sentence_lo || hi < sentence_hi,
            stance,
            note: note.to_owned(),
            category: None,
            rule: None,
        })
    }

    pub(super) fn finding_quote(&self, f: &Finding) -> Option<Quote> {
        let span = Span {
            start: f.start,
            end: f.end,
            text: &f.text,
        };
        let mut q = self.quote(span, Stance::Against, &f.message)?;
        q.category = Some(f.category);
        q.rule = Some(f.rule.clone());
        Some(q)
    }

    /// The answer's first sentence: the fallback when a claim has no evidence span to quote.
    pub(super) fn opening(&self, stance: Stance, note: &str) -> Option<Quote> {
        let answer = self.answer.answer.as_str();
        let s = self.text.sentences.first()?;
        let text = answer.get(s.start..s.end)?;
        self.quote(
            Span {
                start: s.start,
                end: s.end,
                text,
            },
            stance,
            note,
        )
    }

    /// Positive evidence of the report: (dimension score, note, span).
    pub(super) fn evidence(&self) -> impl Iterator<Item = (u8, &str, Span<'_>)> {
        self.answer.report.dimensions.iter().flat_map(|d| {
            d.evidence
                .iter()
                .filter(|e| !e.note.starts_with("Counts against"))
                .map(move |e| {
                    let span = Span {
                        start: e.start,
                        end: e.end,
                        text: &e.text,
                    };
                    (d.score, e.note.as_str(), span)
                })
        })
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Span<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: &'a str,
}

/// The start of the word at or after `at` (a char boundary), within a few bytes.
pub(super) fn word_start(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    match text[i..]
        .char_indices()
        .take(40)
        .find(|(_, c)| c.is_whitespace())
    {
        Some((k, c)) => i + k + c.len_utf8(),
        None => i,
    }
}

/// The end of the last whole word at or before `at`, not before `floor` (a char boundary);
/// `at` itself (on a char boundary) when no word break lies in between.
pub(super) fn word_end(text: &str, at: usize, floor: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    if i <= floor || i == text.len() || text[i..].starts_with(char::is_whitespace) {
        return i;
    }
    match text
        .get(floor..i)
        .and_then(|s| s.rfind(char::is_whitespace))
    {
        Some(k) => floor + k,
        None => i,
    }
}

pub(super) fn source_label(plan: &MockPlan, at: AnswerRef) -> String {
    let title = plan
        .rounds
        .get(at.round_index)
        .map_or("Unknown round", |r| r.title.as_str());
    let mut out = format!("{title}, question {}", at.question_index + 1);
    if at.probe_index > 0 {
        out.push_str(&format!(", follow-up {}", at.probe_index));
    }
    out
}

/// Integer mean of `(value, weight)` pairs, rounded half up; `None` without weight.
pub(super) fn weighted_mean(items: impl IntoIterator<Item = (u32, u32)>) -> Option<u32> {
    let (mut sum, mut total) = (0u64, 0u64);
    for (v, w) in items {
        sum += u64::from(v) * u64::from(w);
        total += u64::from(w);
    }
    (total > 0).then(|| ((2 * sum + total) / (2 * total)) as u32)
}

pub(super) fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// A row of the table before quotes: its id, name, weight and how much each answer tests it.
pub(super) struct Area {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) weight: u32,
    /// Signal labels that count for it; empty means any evidence.
    pub(super) labels: BTreeSet<String>,
    /// Finding categories that count against it; empty means any finding.
    pub(super) categories: BTreeSet<Category>,
}

/// The worst finding of some answers, quoted; the weakest answer's opening when none.
pub(super) fn weakest_point(answers: &[&Graded<'_>]) -> (String, Option<Quote>) {
    let mut findings: Vec<(&Graded<'_>, &Finding)> = answers
        .iter()
        .flat_map(|g| g.answer.report.findings.iter().map(move |f| (*g, f)))
        .collect();
    findings.sort_by_key(|(g, f)| (Reverse(severity_rank(f.severity)), g.at, f.start, f.end));
    for (g, f) in findings {
        if let Some(q) = g.finding_quote(f) {
            return (f.message.clone(), Some(q));
        }
    }
    let weakest = answers.iter().min_by_key(|g| (g.score(), g.at));
    match weakest {
        Some(g) => {
            let low = g.answer.report.dimensions.iter().min_by_key(|d| d.score);
            let reason = match low {
                Some(d) => format!(
                    "The answers show too little evidence of {} ({} of 4).",
                    d.label.to_lowercase(),
                    d.score
                ),
                None => "The answers show too little of what the round scores.".to_owned(),
            };
            (
                reason,
                g.opening(Stance::Against, "How the weakest answer opened"),
            )
        }
        None => ("No answer to judge.".to_owned(), None),
    }
}

/// The best evidence of some answers, quoted; the best answer's opening when none.
pub(super) fn strongest_point(answers: &[&Graded<'_>]) -> (String, Option<Quote>) {
    let mut by_score: Vec<&&Graded<'_>> = answers.iter().collect();
    by_score.sort_by_key(|g| (Reverse(g.score()), g.at));
    for g in &by_score {
        let mut dims: Vec<_> = g.answer.report.dimensions.iter().collect();
        dims.sort_by_key(|d| Reverse(d.score));
        for d in dims {
            for e in d
                .evidence
                .iter()
                .filter(|e| !e.note.starts_with("Counts against"))
            {
                let span = Span {
                    start: e.start,
                    end: e.end,
                    text: &e.text,
                };
                if let Some(q) = g.quote(span, Stance::For, &e.note) {
                    let reason = format!("{} scored {} of 4: {}.", d.label, d.score, e.note);
                    return (reason, Some(q));
                }
            }
        }
    }
    match by_score.first() {
        Some(g) => (
            "The answers hold up with no finding against them.".to_owned(),
            g.opening(Stance::For, "How the strongest answer opened"),
        ),
        None => ("No answer to judge.".to_owned(), None),
    }
}

/// The table's rows: the loop's weighted principles, or its competencies.
pub(super) fn areas_of(catalog: &Catalog, plan: &MockPlan) -> Vec<Area> {
    let labels: BTreeMap<&str, &str> = catalog
        .pack()
        .signals
        .iter()
        .map(|s| (s.id.as_str(), s.label.as_str()))
        .collect();
    let mut rows: Vec<(Area, usize)> = Vec::new();
    match plan.vocabulary {
        Vocabulary::Principles => {
            for r in &plan.rounds {
                for p in &r.lps {
                    match rows.iter_mut().find(|(a, _)| a.id == p.id) {
                        Some((a, _)) => a.weight += p.weight,
                        None => {
                            let principle = catalog.principle(&p.id).ok();
                            let order = principle.map_or(usize::MAX, |x| x.number as usize);
                            let area = Area {
                                id: p.id.clone(),
                                name: p.name.clone(),
                                weight: p.weight,
                                labels: principle
                                    .iter()
                                    .flat_map(|x| &x.signals)
                                    .filter_map(|s| labels.get(s.as_str()))
                                    .map(|s| (*s).to_owned())
                                    .collect(),
                                categories: principle
                                    .iter()
                                    .flat_map(|x| &x.categories)
                                    .filter_map(|c| Category::parse(c))
                                    .collect(),
                            };
                            rows.push((area, order));
                        }
                    }
                }
            }
        }
        Vocabulary::Competencies => {
            for r in &plan.rounds {
                for c in &r.competencies {
                    match rows.iter_mut().find(|(a, _)| &a.id == c) {
                        Some((a, _)) => a.weight += 1,
                        None => {
                            let order = rows.len();
                            let area = Area {
                                id: c.clone(),
                                name: c.clone(),
                                weight: 1,
                                labels: BTreeSet::new(),
                                categories: BTreeSet::new(),
                            };
                            rows.push((area, order));
                        }
                    }
                }
            }
        }
    }
    rows.sort_by(|a, b| {
        b.0.weight
            .cmp(&a.0.weight)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    rows.into_iter().map(|(a, _)| a).collect()
}

/// How much an answer tests an area. A principle is judged only from the answers whose
/// question targets it (a question naming none of the loop company's principles targets its
/// round's heaviest, as drawn) (the round's weight for it plus [`QUESTION_LP_WEIGHT`]) and from the
/// Bar Raiser's round, which reads the principles it weights across every answer (the round's
/// weight). An answer in a round that weights the principle but to a question aimed elsewhere
/// says nothing about it, as an interviewer holding two principles would not score a third
/// from it. A competency is scored by the rounds that name it. A probe's answer counts where
/// its question does.
pub(super) fn weight_for(plan: &MockPlan, area: &Area, at: AnswerRef) -> u32 {
    let Some(round) = plan.rounds.get(at.round_index) else {
        return 0;
    };
    match plan.vocabulary {
        Vocabulary::Principles => {
            let from_round = round
                .lps
                .iter()
                .find(|p| p.id == area.id)
                .map_or(0, |p| p.weight);
            let from_question = round
                .questions
                .get(at.question_index)
                .is_some_and(|q| q.lps.iter().any(|p| p.id == area.id));
            if from_question {
                from_round + QUESTION_LP_WEIGHT
            } else if round.bar_raiser {
                from_round
            } else {
                0
            }
        }
        Vocabulary::Competencies => u32::from(round.competencies.contains(&area.id)),
    }
}

pub(super) fn area_row(
    plan: &MockPlan,
    area: &Area,
    graded: &[Graded<'_>],
    scale: Scale,
) -> AreaRow {
    let testing: Vec<(&Graded<'_>, u32)> = graded
        .iter()
        .map(|g| (g, weight_for(plan, area, g.at)))
        .filter(|(_, w)| *w > 0)
        .collect();
    let score = weighted_mean(testing.iter().map(|(g, w)| (g.score(), *w)));
    let Some(score) = score else {
        return AreaRow {
            id: area.id.clone(),
            name: area.name.clone(),
            weight: area.weight,
            answers: 0,
            score: None,
            rating: None,
            note: match plan.vocabulary {
                Vocabulary::Principles => {
                    format!("No answered question was aimed at {}.", area.name)
                }
                Vocabulary::Competencies => {
                    format!("No answered round scores {}.", area.name)
                }
            },
            evidence: Vec::new(),
        };
    };
    let rating = scale.rate(score);
    let evidence = row_quotes(area, &testing, rating);
    let rounds: BTreeSet<usize> = testing.iter().map(|(g, _)| g.at.round_index).collect();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let note = match plan.vocabulary {
        Vocabulary::Principles => format!(
            "Rated from {} answer{} in {} round{}: the questions aimed at it{}.",
            testing.len(),
            plural(testing.len()),
            rounds.len(),
            plural(rounds.len()),
            if testing.iter().any(|(g, _)| plan
                .rounds
                .get(g.at.round_index)
                .is_some_and(|r| r.bar_raiser))
            {
                format!(" and {}", the_review(plan))
            } else {
                String::new()
            },
        ),
        Vocabulary::Competencies => format!(
            "Rated from {} answer{} in the {} round{} that score it.",
            testing.len(),
            plural(testing.len()),
            rounds.len(),
            plural(rounds.len()),
        ),
    };
    AreaRow {
        id: area.id.clone(),
        name: area.name.clone(),
        weight: area.weight,
        answers: testing.len(),
        score: Some(score),
        rating: Some(rating),
        note,
        evidence,
    }
}

/// Up to two quotes for and two against, from the answers that test the area, preferring the
/// area's own signals and categories, with at least one quote whenever an answer exists.
pub(super) fn row_quotes(
    area: &Area,
    testing: &[(&Graded<'_>, u32)],
    rating: Rating,
) -> Vec<Quote> {
    let mut seen: BTreeSet<(AnswerRef, usize, usize)> = BTreeSet::new();
    let mut keep = |q: Quote, out: &mut Vec<Quote>| {
        if seen.insert((q.at, q.start, q.end)) {
            out.push(q);
        }
    };
    let mut pros = Vec::new();
    for mapped in [true, false] {
        let mut found: Vec<(u8, u32, AnswerRef, usize, &Graded<'_>, &str, Span<'_>)> = testing
            .iter()
            .flat_map(|(g, w)| {
                g.evidence()
                    .map(move |(d, note, span)| (d, *w, g, note, span))
            })
            .filter(|(_, _, _, note, _)| {
                !mapped || area.labels.is_empty() || area.labels.contains(*note)
            })
            .map(|(d, w, g, note, span)| (d, w, g.at, span.start, *g, note, span))
            .collect();
        found.sort_by_key(|x| (Reverse(x.0), Reverse(x.1), x.2, x.3));
        for (_, _, _, _, g, note, span) in found {
            if pros.len() >= QUOTES_PER_SIDE {
                break;
            }
            if let Some(q) = g.quote(span, Stance::For, note) {
                keep(q, &mut pros);
            }
        }
        if !pros.is_empty() {
            break;
        }
    }
    let mut cons = Vec::new();
    for mapped in [true, false] {
        let mut found: Vec<(u8, u32, AnswerRef, usize, &Graded<'_>, &Finding)> = testing
            .iter()
            .flat_map(|(g, w)| g.answer.report.findings.iter().map(move |f| (g, *w, f)))
            .filter(|(_, _, f)| f.severity >= Severity::Warning)
            .filter(|(_, _, f)| {
                !mapped || area.categories.is_empty() || area.categories.contains(&f.category)
            })
            .map(|(g, w, f)| (severity_rank(f.severity), w, g.at, f.start, *g, f))
            .collect();
        found.sort_by_key(|x| (Reverse(x.0), Reverse(x.1), x.2, x.3));
        for (_, _, _, _, g, f) in found {
            if cons.len() >= QUOTES_PER_SIDE {
                break;
            }
            if let Some(q) = g.finding_quote(f) {
                keep(q, &mut cons);
            }
        }
        if !cons.is_empty() || rating >= Rating::Hire {
            break;
        }
    }
    let mut out = pros;
    out.extend(cons);
    if out.is_empty() {
        // Every rating rests on the candidate's words, even when the report marked none.
        let pick = if rating >= Rating::Hire {
            testing
                .iter()
                .max_by_key(|(g, w)| (g.score(), *w, Reverse(g.at)))
        } else {
            testing
                .iter()
                .min_by_key(|(g, w)| (g.score(), Reverse(*w), g.at))
        };
        let stance = if rating >= Rating::Hire {
            Stance::For
        } else {
            Stance::Against
        };
        if let Some(q) = pick.and_then(|(g, _)| g.opening(stance, "How the answer opened")) {
            out.push(q);
        }
    }
    out
}

/// "the Bar Raiser's round", or the company's name for it.
fn the_review(plan: &MockPlan) -> String {
    match &plan.review {
        Some(r) => format!("the {}'s round", r.name),
        None => "the bar-raising round".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_means_round_half_up() {
        assert_eq!(weighted_mean([(60, 1), (61, 1)]), Some(61));
        assert_eq!(weighted_mean([(80, 2), (20, 1)]), Some(60));
        assert_eq!(weighted_mean([(10, 0)]), None);
        assert_eq!(weighted_mean(std::iter::empty()), None);
    }

    #[test]
    fn word_bounds_stay_on_char_boundaries() {
        let t = "naïve café über straße";
        for at in 0..=t.len() {
            let s = word_start(t, at);
            assert!(t.is_char_boundary(s), "{at}");
            let e = word_end(t, at, 0);
            assert!(t.is_char_boundary(e), "{at}");
        }
        assert_eq!(word_end("one two three", 6, 0), 3);
        assert_eq!(word_start("one two three", 1), 4);
    }
}
