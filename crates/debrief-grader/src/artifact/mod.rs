//! The artifact checker: a pasted document read the way a reviewer reads it.
//!
//! The document is split into its kind's sections ([`split`]); each section is tokenized once
//! with the grader's tokenizer and read with its honesty rules (a phrase that is denied,
//! quoted or only a label is not the writer's claim); then each check the section lists runs
//! ([`checks`]), and the document-wide checks (missing and out-of-order sections, a document
//! about something other than its prompt). Sections score 0 to 4 from their findings, the
//! kind's rubric dimensions are the mean of their sections, and the overall score is the
//! weighted mean on the hiring scale. Every finding points at the document's own words, or at
//! the heading where a section belonged.

mod checks;
pub mod split;

use serde::{Deserialize, Serialize};

use debrief_pack::artifact::{ArtifactCheck, ArtifactKind, LIMIT_MOVE};
use debrief_pack::{Catalog, Grading, Rating};
use debrief_text::{Assertion, ScopeWords, Text, normalise_phrase};

use crate::phrases::PhraseIndex;

use crate::compile::Compiled;
use crate::topic::Topics;

/// The largest document the checker accepts, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 200_000;

/// What to check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArtifactRequest {
    /// The kind id, e.g. `prfaq`.
    pub kind: String,
    /// The document as pasted.
    pub text: String,
    /// The exercise it answers, when known: a document about something else is flagged.
    pub prompt: Option<String>,
}

/// Why a document could not be checked. Every message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArtifactError {
    /// The kind is not one the content knows.
    #[error("`{0}` is not an artifact kind; `debrief artifact kinds` lists them ({1})")]
    UnknownKind(String, String),
    /// The document has no words.
    #[error("the document is empty; write or paste it, with its section headings")]
    Empty,
    /// The document is too large.
    #[error("the document is {0} bytes; the limit is 200 KB, so check one document at a time")]
    TooLarge(usize),
}

/// One finding on a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArtifactFinding {
    /// The check that raised it.
    pub check: String,
    /// The check's short name.
    pub name: String,
    /// `minor`, `major` or `critical`.
    pub severity: String,
    /// The grader's finding category it counts as (`weasel-words`, `no-measure`, ...).
    pub category: String,
    /// The section it is about, by id; null for the document as a whole.
    pub section: Option<String>,
    /// Byte offset of the first byte of the words it is about (for a missing section, where
    /// it belonged).
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The document's words there (empty for a missing section).
    pub quote: String,
    /// What is wrong.
    pub message: String,
    /// Why a reviewer minds.
    pub why: String,
    /// What a strong document does instead.
    pub fix: String,
}

/// One section as the document has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionReport {
    /// Section id.
    pub id: String,
    /// The name a reviewer expects.
    pub name: String,
    /// The heading as written; null when the section is missing or came before any heading.
    pub heading: Option<String>,
    /// Whether the document has it with words under it.
    pub present: bool,
    /// Whether the kind requires it.
    pub required: bool,
    /// Words under it.
    pub words: usize,
    /// The word budget, 0 for none.
    pub max_words: u32,
    /// 0 to 4; null for an optional section the document leaves out.
    pub score: Option<f64>,
    /// Byte span of the section's text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
}

/// A rubric dimension of the kind, scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArtifactDimensionScore {
    /// Dimension id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// 0 to 4: the mean of its sections.
    pub score: f64,
}

/// The checked document. Field order is the JSON contract's key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArtifactReport {
    /// The kind id.
    pub kind: String,
    /// 0 to 100.
    pub score: u32,
    /// The hiring-scale rating of the score.
    pub rating: Rating,
    /// The kind's sections, in the kind's order.
    pub sections: Vec<SectionReport>,
    /// The kind's rubric dimensions.
    pub dimensions: Vec<ArtifactDimensionScore>,
    /// Findings, in document order (missing sections where they belonged).
    pub findings: Vec<ArtifactFinding>,
    /// Words in the document.
    pub words: usize,
    /// The grader's reading of the whole document as an answer, for a kind that asks for one
    /// (`read_as`); its score is part of `score`.
    pub read_as: Option<AnswerReading>,
}

/// The grader's reading of a whole document as an answer to its prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerReading {
    /// The round kind whose rubric read it.
    pub round: String,
    /// The grader's 0-100 score.
    pub score: u32,
    /// Its rating.
    pub rating: Rating,
    /// Its share of the document's score.
    pub weight: f64,
}

/// Grades a document as an answer: (round kind id, the document, its prompt, the time budget
/// in seconds) to the grader's report, or `None` when the round kind is unknown.
pub type ReadAnswer<'a> = dyn Fn(&str, &str, Option<&str>, u32) -> Option<crate::Report> + 'a;

/// The pack's checks compiled once: each check's wording and one index of every check's
/// phrases and answers.
#[derive(Debug, Clone)]
pub struct ArtifactChecks {
    checks: Vec<ArtifactCheck>,
    phrases: PhraseIndex,
    /// Per pattern: the check (index into `checks`) and whether it is one of its answers.
    patterns: Vec<(usize, bool)>,
}

impl ArtifactChecks {
    /// Compiles the pack's `[[artifact_check]]` phrases.
    pub fn new(checks: &[ArtifactCheck]) -> ArtifactChecks {
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        for (i, c) in checks.iter().enumerate() {
            for (list, answer) in [(&c.phrases, false), (&c.answers, true)] {
                for p in list {
                    let p = normalise_phrase(p);
                    if !p.is_empty() {
                        phrases.push(p);
                        patterns.push((i, answer));
                    }
                }
            }
        }
        ArtifactChecks {
            checks: checks.to_vec(),
            phrases: PhraseIndex::new(&phrases),
            patterns,
        }
    }

    /// The check `id`, with its index.
    pub fn get(&self, id: &str) -> Option<(usize, &ArtifactCheck)> {
        self.checks.iter().enumerate().find(|(_, c)| c.id == id)
    }
}

/// A section's text read once: tokens, what each sentence asserts, and every phrase match.
pub(crate) struct Read<'a> {
    /// The section's text.
    pub text: Text<'a>,
    /// What each token's sentence asserts.
    pub assertion: Assertion,
    /// Matches: (check index, is an answer, first token, last token).
    pub matches: Vec<(usize, bool, usize, usize)>,
    /// The sentences in which the writer draws a line ("Not for: clinics under five
    /// therapists"), by index.
    pub limits: Vec<usize>,
    /// Where the section's text starts in the document.
    pub offset: usize,
}

impl<'a> Read<'a> {
    fn new(checks: &ArtifactChecks, scope: &ScopeWords, body: &'a str, offset: usize) -> Read<'a> {
        let text = Text::new(body);
        let assertion = Assertion::new(&text, scope);
        // A phrase may end in a possessive: "August's 7.2" has its date.
        let matches = checks
            .phrases
            .matches_to_possessive(&text)
            .into_iter()
            .map(|(p, first, last)| {
                let (check, answer) = checks.patterns[p];
                (check, answer, first, last)
            })
            .collect();
        let limits = assertion.limits(&text, scope, 0, false);
        Read {
            text,
            assertion,
            matches,
            limits,
            offset,
        }
    }

    /// Document byte span of tokens `first..=last`.
    pub fn span(&self, first: usize, last: usize) -> (usize, usize) {
        (
            self.offset + self.text.tokens[first].start,
            self.offset + self.text.tokens[last].end,
        )
    }
}

/// The kind `id` names in the catalog.
pub fn kind<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c ArtifactKind, ArtifactError> {
    let kinds = &catalog.pack().artifacts;
    kinds.iter().find(|k| k.id == id).ok_or_else(|| {
        let ids: Vec<&str> = kinds.iter().map(|k| k.id.as_str()).collect();
        ArtifactError::UnknownKind(id.to_owned(), ids.join(", "))
    })
}

/// What checking needs besides the document: the compiled checks, the grader's signals (for
/// the moves a section must make), the words that deny or quote, the bank's topic weights and
/// the rating thresholds.
pub struct Checker<'a> {
    /// The pack's checks, compiled.
    pub checks: &'a ArtifactChecks,
    /// The grader's compiled signals.
    pub compiled: &'a Compiled,
    /// The grader, for a kind read as an answer.
    pub answer: &'a ReadAnswer<'a>,
    /// Negators and mention cues.
    pub scope: &'a ScopeWords,
    /// Topic weights, for the prompt.
    pub topics: &'a Topics,
    /// Rating thresholds.
    pub grading: &'a Grading,
}

/// Checks `request` against `kind`. Pure and deterministic.
pub fn check(
    kind: &ArtifactKind,
    checker: &Checker<'_>,
    request: &ArtifactRequest,
) -> Result<ArtifactReport, ArtifactError> {
    let Checker {
        checks,
        compiled,
        answer,
        scope,
        topics,
        grading,
    } = *checker;
    let doc = request.text.as_str();
    if doc.len() > MAX_DOCUMENT_BYTES {
        return Err(ArtifactError::TooLarge(doc.len()));
    }
    if !doc.chars().any(char::is_alphanumeric) {
        return Err(ArtifactError::Empty);
    }
    let parts = split::split(kind, doc);
    // A narrative is read as one text whatever headings it has: each section's checks read
    // all of it, and the budget is the document's. So a hedge or a buzzword costs every part
    // that checks wording, not one: the whole is what a reader judges. (Counting it once, in
    // one part, was tried; weak narratives built on adjectives then rated Hire.)
    let prose = kind.prose;
    let whole_doc = split::Part {
        heading: String::new(),
        heading_span: (0, 0),
        body: (0, doc.len()),
        section: None,
    };
    // Each part is read once: a narrative's one text serves every section.
    let read_parts: Vec<&split::Part> = if prose {
        vec![&whole_doc]
    } else {
        parts.iter().collect()
    };
    let reads: Vec<Read<'_>> = read_parts
        .iter()
        .map(|p| Read::new(checks, scope, &doc[p.body.0..p.body.1], p.body.0))
        .collect();
    let mut findings = Vec::new();
    // Missing moves are kept apart from the dedup below: in a narrative two sections'
    // findings share the whole-document span and differ only in the move they name.
    let mut missing_moves = Vec::new();
    let mut shown: Vec<Option<Vec<bool>>> = vec![None; reads.len()];
    let mut sections = Vec::new();
    let mut scores: Vec<Option<f64>> = Vec::new();
    for (index, section) in kind.sections.iter().enumerate() {
        // A section written twice (two "FAQ" parts) is read as one.
        let mine: Vec<usize> = (0..read_parts.len())
            .filter(|&i| prose || read_parts[i].section == Some(index))
            .collect();
        let words: usize = mine.iter().map(|&i| reads[i].text.word_count()).sum();
        let (start, end) = match (mine.first(), mine.last()) {
            (Some(&a), Some(&b)) => (read_parts[a].body.0, read_parts[b].body.1),
            _ => (where_missing(kind, index, &parts, doc.len()), 0),
        };
        let end = end.max(start);
        let present = words > 0;
        let mut local = Vec::new();
        if present {
            for &i in &mine {
                for id in &section.checks {
                    if let Some((c_index, c)) = checks.get(id) {
                        local.extend(checks::run(c_index, c, section, &reads[i], doc));
                    }
                }
            }
            // Budgets are about the whole section, however many parts it was written in.
            if !prose {
                local.extend(checks::budget(checks, section, words, (start, end), doc));
            }
        } else if section.required
            && let Some((_, c)) = checks.get("missing-section")
        {
            local.push(checks::finding(c, Some(section), (start, start), doc));
        }
        let mut moves = Vec::new();
        if present && let Some((_, c)) = checks.get("missing-move") {
            for alternatives in &section.moves {
                let ids: Vec<usize> = alternatives
                    .split('|')
                    .filter_map(|id| compiled.signal_index(id.trim()))
                    .collect();
                let Some(&first) = ids.first() else { continue };
                let limit = alternatives.split('|').any(|id| id.trim() == LIMIT_MOVE);
                let made = mine.iter().any(|&i| {
                    let shown = shown[i].get_or_insert_with(|| signals_shown(compiled, &reads[i]));
                    ids.iter().any(|&s| shown[s]) || limit && !reads[i].limits.is_empty()
                });
                if !made {
                    let label = &compiled.signals[first].data.label;
                    // A narrative lacks the move as a whole; a section, from its first words.
                    let read = (!prose).then(|| mine.first().map(|&i| &reads[i])).flatten();
                    moves.push(checks::missing_move(c, section, read, label, doc));
                }
            }
        }
        let score = if present {
            Some(section_score(checks, local.iter().chain(&moves)))
        } else if section.required {
            Some(0.0)
        } else {
            None
        };
        for f in &mut local {
            // A narrative's wording is the whole text's, wherever the part would be.
            if prose && let Some((_, c)) = checks.get(&f.check) {
                f.section = None;
                f.message = checks::message(c, None);
            } else {
                f.section = Some(section.id.clone());
            }
        }
        for f in &mut moves {
            f.section = Some(section.id.clone());
        }
        findings.extend(local);
        missing_moves.extend(moves);
        scores.push(score);
        sections.push(SectionReport {
            id: section.id.clone(),
            name: section.name.clone(),
            heading: mine
                .first()
                .map(|&i| read_parts[i].heading.clone())
                .filter(|h| !h.is_empty()),
            present,
            required: section.required,
            words,
            max_words: section.max_words,
            score,
            start,
            end,
        });
    }
    let whole = Text::new(doc);
    let mut penalty = 0.0;
    // A narrative's budget is its sections' added up: at most all their ceilings, at least
    // the floors of the ones it needs. Either miss is the whole document's.
    if prose {
        let words = whole.word_count() as f64;
        let (floor, ceiling) = kind.word_budget();
        if let Some((_, c)) = checks.get("over-budget")
            && ceiling > 0
            && words > f64::from(ceiling) * (1.0 + c.limit.unwrap_or(0.0))
        {
            penalty += c.penalty;
            findings.push(checks::finding(c, None, (0, 0), doc));
        }
        if let Some((_, c)) = checks.get("under-budget")
            && words < f64::from(floor)
        {
            penalty += c.penalty;
            findings.push(checks::finding(c, None, (0, 0), doc));
        }
    }
    // In prose every section reads the same words: one finding per check and span.
    findings.sort_by(|a, b| (a.start, a.end, &a.check).cmp(&(b.start, b.end, &b.check)));
    findings.dedup_by(|a, b| (a.start, a.end, &a.check) == (b.start, b.end, &b.check));
    // A missing move is the writer's thinking, so it costs the whole document as well.
    if let Some((_, c)) = checks.get("missing-move") {
        penalty += c.document_penalty * missing_moves.len() as f64;
    }
    findings.extend(missing_moves);
    if let Some((_, c)) = checks.get("out-of-order")
        && let Some(part) = out_of_order(kind, &parts)
    {
        penalty += c.penalty;
        findings.push(checks::finding(c, None, part.heading_span, doc));
    }
    if let Some(prompt) = request.prompt.as_deref()
        && let Some((_, c)) = checks.get("off-prompt")
        && let Some(share) = prompt_share(topics, prompt, doc)
        && share < c.limit.unwrap_or(0.0)
    {
        penalty += c.penalty;
        findings.push(checks::finding(c, None, (0, 0), doc));
    }
    // Shuffled or scrambled text under the right headings is not a document: what its
    // sections hold cannot be read as claims, whatever numbers and words they contain.
    if let Some((_, c)) = checks.get("incoherent")
        && whole.word_count() >= 12
        && crate::score::shape::word_order_share(&whole) > c.limit.unwrap_or(1.0)
    {
        penalty += c.penalty;
        findings.push(checks::finding(c, None, (0, 0), doc));
    }
    // A document that never draws a line (who it is not for, what it gives up, what it
    // cannot do) reads as a pitch. Short of the rate, the penalty grows with the shortfall.
    if let Some((_, c)) = checks.get("no-limits")
        && let Some(rate) = kind.limits_per_hundred.or(c.limit).filter(|&r| r > 0.0)
        && whole.word_count() > 0
    {
        // A document's limits are often short, impersonal list items ("No rent or lease
        // messages"): the writer's own by where they stand.
        // A narrative's one read is the whole document, and has them already.
        let limits = if prose {
            reads.iter().map(|r| r.limits.len()).sum()
        } else {
            Assertion::new(&whole, scope)
                .limits(&whole, scope, 0, false)
                .len()
        };
        let per_hundred = 100.0 * limits as f64 / whole.word_count() as f64;
        if per_hundred < rate {
            penalty += kind.limits_penalty.unwrap_or(c.penalty) * (1.0 - per_hundred / rate);
            findings.push(checks::finding(c, None, (0, 0), doc));
        }
    }
    findings.sort_by_key(|f| (f.start, f.end));
    let weighted: (f64, f64) = kind
        .sections
        .iter()
        .zip(&scores)
        .filter_map(|(s, score)| score.map(|v| (s.weight() * v, s.weight() * 4.0)))
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    let raw = if weighted.1 > 0.0 {
        100.0 * weighted.0 / weighted.1
    } else {
        0.0
    };
    // A document-wide finding costs its penalty, in section points, of every section.
    let mut score = (raw - 25.0 * penalty).clamp(0.0, 100.0);
    let mut read_as = None;
    if let Some(how) = &kind.read_as
        && let Some((_, c)) = checks.get("as-answer")
        && let Some(report) = answer(
            &how.round,
            doc,
            request.prompt.as_deref(),
            reading_budget(kind, grading),
        )
    {
        let weight = how.weight.clamp(0.0, 1.0);
        score = (1.0 - weight) * score + weight * f64::from(report.score);
        // What a check already says about the same words is not said twice, nor what two of
        // the grader's rules say about them.
        let mut fresh: Vec<ArtifactFinding> = report
            .findings
            .iter()
            .filter(|g| {
                !findings.iter().any(|f| {
                    f.category == g.category.id()
                        && f.start < g.end.max(g.start + 1)
                        && g.start < f.end.max(f.start + 1)
                })
            })
            .map(|g| answer_finding(c, g))
            .collect();
        fresh.dedup_by(|a, b| (a.start, a.end, &a.category) == (b.start, b.end, &b.category));
        findings.extend(fresh);
        read_as = Some(AnswerReading {
            round: how.round.clone(),
            score: report.score,
            rating: report.rating,
            weight,
        });
    }
    let score = score.round() as u32;
    let dimensions = kind
        .dimensions
        .iter()
        .map(|d| {
            let of: Vec<f64> = d
                .sections
                .iter()
                .filter_map(|id| kind.sections.iter().position(|s| &s.id == id))
                .filter_map(|i| scores[i])
                .collect();
            ArtifactDimensionScore {
                id: d.id.clone(),
                name: d.name.clone(),
                score: if of.is_empty() {
                    0.0
                } else {
                    round2(of.iter().sum::<f64>() / of.len() as f64)
                },
            }
        })
        .collect();
    Ok(ArtifactReport {
        kind: kind.id.clone(),
        score,
        rating: rating(grading, score),
        sections,
        dimensions,
        findings,
        words: whole.word_count(),
        read_as,
    })
}

/// The time a document is read against as an answer: its kind's word ceiling spoken at the
/// grader's pace. A document is not interrupted as a spoken answer is, so only past its own
/// length does it run long, and the checker's budgets already say so.
fn reading_budget(kind: &ArtifactKind, grading: &Grading) -> u32 {
    let (_, words) = kind.word_budget();
    let wpm = grading.words_per_minute.max(1);
    (words.max(1) * 60).div_ceil(wpm)
}

/// A finding of the grader's reading, worded as the `as-answer` check's: the grader's message
/// and suggestion on the same words.
fn answer_finding(check: &ArtifactCheck, g: &crate::Finding) -> ArtifactFinding {
    ArtifactFinding {
        check: check.id.clone(),
        name: check.name.clone(),
        severity: match g.severity {
            crate::Severity::Info => "minor",
            crate::Severity::Warning => "major",
            crate::Severity::Error => "critical",
        }
        .to_owned(),
        category: g.category.id().to_owned(),
        section: None,
        start: g.start,
        end: g.end,
        quote: g.text.clone(),
        message: g.message.clone(),
        why: check.why.clone(),
        fix: g.suggestion.clone(),
    }
}

/// A section's score: 4 less its findings' penalties, each check counted at most twice.
fn section_score<'f>(
    checks: &ArtifactChecks,
    findings: impl Iterator<Item = &'f ArtifactFinding>,
) -> f64 {
    let mut by_check: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in findings {
        *by_check.entry(f.check.as_str()).or_default() += 1;
    }
    let lost: f64 = by_check
        .iter()
        .filter_map(|(id, n)| checks.get(id).map(|(_, c)| c.penalty * (*n).min(2) as f64))
        .sum();
    round2((4.0 - lost).clamp(0.0, 4.0))
}

/// Which of the grader's signals a part of the document shows, read as the grader reads an
/// answer: a phrase only mentioned or used as a label is no evidence, and a signal that must
/// be asserted is none where the sentence denies it.
fn signals_shown(compiled: &Compiled, read: &Read<'_>) -> Vec<bool> {
    let mut shown = vec![false; compiled.signals.len()];
    for (p, first, last) in compiled.matches(&read.text) {
        let statement = read.assertion.opens_statement(&read.text, first);
        if !read.assertion.uses(first, last) && !statement {
            continue;
        }
        let asserted =
            read.assertion.asserts(first, last) || (statement && !read.assertion.negated[first]);
        for &s in &compiled.pattern_signals[p] {
            if asserted || !compiled.signals[s].data.asserted {
                shown[s] = true;
            }
        }
    }
    shown
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn rating(grading: &Grading, score: u32) -> Rating {
    if score >= grading.strong_hire {
        Rating::StrongHire
    } else if score >= grading.hire {
        Rating::Hire
    } else if score >= grading.no_hire {
        Rating::NoHire
    } else {
        Rating::StrongNoHire
    }
}

/// Where a missing section belonged: the start of the first present section after it in the
/// kind's order, else the end of the document.
fn where_missing(kind: &ArtifactKind, index: usize, parts: &[split::Part], len: usize) -> usize {
    (index + 1..kind.sections.len())
        .find_map(|later| parts.iter().find(|p| p.section == Some(later)))
        .map_or(len, |p| p.heading_span.0)
}

/// The first part that comes after a part of a later section: where the order breaks. A run
/// of neighbouring `any_order` sections shares one place, so they may come in any order.
fn out_of_order<'p>(kind: &ArtifactKind, parts: &'p [split::Part]) -> Option<&'p split::Part> {
    let place: Vec<usize> = (0..kind.sections.len())
        .scan(0, |run_start, i| {
            let joins = i > 0 && kind.sections[i].any_order && kind.sections[i - 1].any_order;
            if !joins {
                *run_start = i;
            }
            Some(*run_start)
        })
        .collect();
    let mut highest = None;
    for p in parts {
        let Some(s) = p.section.and_then(|s| place.get(s).copied()) else {
            continue;
        };
        if highest.is_some_and(|h| s < h) {
            return Some(p);
        }
        highest = highest.max(Some(s));
    }
    None
}

/// The weighted share of the prompt's topics the document talks about; `None` when the
/// prompt names none.
fn prompt_share(topics: &Topics, prompt: &str, doc: &str) -> Option<f64> {
    let asked = topics.of(prompt);
    if asked.is_empty() {
        return None;
    }
    let used = topics.used(&asked, doc);
    let overlap = topics.overlap(&asked, &used);
    // With no bank to weigh topics by (every weight zero), each topic counts the same.
    Some(if overlap.share == 0.0 && overlap.shared > 0 {
        overlap.fraction()
    } else {
        overlap.share
    })
}

#[cfg(test)]
mod tests;

/// What a writing round of a mock loop needs besides the document's check: where it is asked.
#[derive(Debug, Clone, Copy)]
pub struct AsAnswer<'a> {
    /// The round kind the document is handed in for.
    pub round: &'a str,
    /// The role of the loop.
    pub role: Option<debrief_pack::Role>,
    /// The round's time budget in seconds.
    pub budget_seconds: u32,
}

/// A checked document as the grader's [`crate::Report`], for a mock loop's writing round:
/// the score and rating are the checker's, its findings become the report's findings under
/// each check's category, and the kind's dimensions its rubric dimensions, so the debrief
/// reads the document as it reads any answer.
pub fn as_report(kind: &ArtifactKind, report: &ArtifactReport, at: AsAnswer<'_>) -> crate::Report {
    let findings = report
        .findings
        .iter()
        .filter_map(|f| {
            Some(crate::Finding {
                rule: format!("artifact-{}", f.check),
                category: debrief_pack::Category::parse(&f.category)?,
                severity: match f.severity.as_str() {
                    "minor" => crate::Severity::Info,
                    "major" => crate::Severity::Warning,
                    _ => crate::Severity::Error,
                },
                start: f.start,
                end: f.end,
                text: f.quote.clone(),
                message: f.message.clone(),
                suggestion: f.fix.clone(),
            })
        })
        .collect();
    let count = report.dimensions.len().max(1) as u32;
    let dimensions = report
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| crate::DimensionScore {
            id: d.id.clone(),
            label: d.name.clone(),
            // The checker's 0-4 on the grader's 1-4 scale.
            score: d.score.round().clamp(1.0, 4.0) as u8,
            weight: 100 / count + u32::from((i as u32) < 100 % count),
            evidence: Vec::new(),
        })
        .collect();
    let score = f64::from(report.score);
    crate::Report {
        id: None,
        score: report.score,
        rating: report.rating,
        score_parts: vec![crate::ScorePart {
            id: "artifact".to_owned(),
            label: format!("{}, as the artifact checker reads it", kind.name),
            value: score,
            counted: score,
            measured: true,
            points: score,
            scale: 1.0,
            words: Vec::new(),
        }],
        role_lean: 0.0,
        dimensions,
        findings,
        star: crate::Star::default(),
        metrics: Vec::new(),
        words: report.words,
        spoken_seconds: 0,
        budget_seconds: at.budget_seconds,
        fillers_per_minute: None,
        round: at.round.to_owned(),
        role: at.role,
        rubric: format!("artifact:{}", kind.id),
    }
}
