//! The graded report as pages show it: the Practice page's report (with JavaScript on or off,
//! from one partial, `templates/report.html`) and the report of a mock answer just handed in.
//!
//! [`ReportView::new`] reshapes a grader [`Report`] over its answer: the answer as pieces with
//! findings as nested marks and STAR parts shaded ([`mark_up`]), findings grouped by category,
//! rubric dimensions with their anchors and evidence. The helpers for severities and quotes are
//! shared with the story page.

use debrief_grader::{Evidence, Finding, Report, Severity};
use debrief_pack::{Catalog, Grading, Rating};

use super::{Names, category_label};
use crate::clock::minutes_seconds;

/// Quotes longer than this many characters are shortened in lists.
const QUOTE_CHARS: usize = 160;

/// The Practice page's report column, which `templates/report.html` renders: what was wrong
/// with the request, whether the graded answer was kept, and the report or the empty state.
/// The page with JavaScript off and the live report (`POST /practice/report`) render the same
/// panel, so the two cannot drift apart.
pub(crate) struct ReportPanel<'a> {
    /// What was wrong with the request, as sentences.
    pub errors: Vec<String>,
    pub report: Option<ReportView>,
    /// Whether the graded answer was saved to the history.
    pub saved: bool,
    /// Why it could not be saved, when it could not (the report still shows).
    pub save_error: String,
    /// The hiring bars, drawn as ticks on the score's track.
    pub grading: &'a Grading,
}

/// A report reshaped for the template; it owns its strings.
pub(crate) struct ReportView {
    pub score: u32,
    pub rating: Rating,
    pub lean: Lean,
    pub words: usize,
    pub spoken: String,
    pub budget: String,
    pub over_budget: bool,
    /// Spoken time as a percent of the budget, at most 100.
    pub time_percent: u32,
    pub fillers: Option<String>,
    pub round_name: String,
    pub role_name: &'static str,
    pub rubric: String,
    pub finding_count: usize,
    pub marked: Vec<Piece>,
    /// Findings about the answer as a whole, too wide to mark.
    pub wide: Vec<FindingRow>,
    pub has_star: bool,
    pub dimensions: Vec<DimensionRow>,
    /// How the score adds up, part by part.
    pub parts: Vec<PartRow>,
    /// The score the parts add up to, when a finding capped it lower.
    pub capped_from: Option<u32>,
    pub groups: Vec<FindingGroup>,
    pub metrics: Vec<String>,
}

/// One part of the score as the "how the score adds up" table shows it.
pub(crate) struct PartRow {
    pub label: String,
    pub shown: String,
    /// Signed, one decimal: "+12.4", "−6.8".
    pub points: String,
}

/// Where the answer sits between PMM framing (0) and PM framing (100).
pub(crate) struct Lean {
    pub percent: u32,
    pub label: &'static str,
    /// Signed, two decimals: "+0.33".
    pub value: String,
}

/// One rubric dimension as the table shows it.
pub(crate) struct DimensionRow {
    pub label: String,
    pub score: u8,
    pub rating: Rating,
    /// What the rubric asks for at the next point up (empty at the top or when the rubric is
    /// not in the pack). The anchor of the score reached is not shown: it describes an answer
    /// at that level, and read beside this answer it would claim things this answer never
    /// said.
    pub next: String,
    /// The point `next` describes.
    pub next_score: u8,
    pub weight: u32,
    pub evidence: Vec<Quote>,
}

/// Evidence quotes that share a note ("A number": "12%", "6 weeks"), shortened.
pub(crate) struct Quote {
    pub note: String,
    pub quotes: Vec<String>,
}

/// The findings of one category, in answer order.
pub(crate) struct FindingGroup {
    pub label: String,
    pub findings: Vec<FindingRow>,
}

/// One finding in the list.
pub(crate) struct FindingRow {
    /// The rule that fired: its findings share one row.
    pub rule: String,
    pub severity: &'static str,
    pub severity_label: &'static str,
    /// Each place the rule fired, in answer order.
    pub quotes: Vec<FindingQuote>,
    /// Whether it is about the answer as a whole rather than some of its words.
    pub whole: bool,
    pub message: String,
    pub suggestion: String,
}

/// One place a rule fired: the words, and the mark that highlights them when there is one.
pub(crate) struct FindingQuote {
    pub text: String,
    pub mark: Option<usize>,
}

/// One step of the marked-up answer; the template writes them in order.
pub(crate) enum Piece {
    /// A `<mark>` opens.
    Open {
        id: usize,
        severity: &'static str,
        /// Levels of marks nested inside (at most 3), which set the underline offsets.
        depth: usize,
    },
    /// Answer text, shaded by its STAR part ("" outside STAR).
    Text { text: String, part: &'static str },
    /// A STAR part begins here.
    Part {
        part: &'static str,
        label: &'static str,
        initial: &'static str,
    },
    /// The open `<mark>` closes, after its tooltip.
    Close { id: usize, tips: Vec<Tip> },
}

/// A finding as a mark's tooltip shows it.
#[derive(Clone)]
pub(crate) struct Tip {
    pub heading: String,
    pub message: String,
    pub suggestion: String,
}

/// STAR part ids, labels and initials, in STAR order.
const PARTS: [(&str, &str, &str); 4] = [
    ("situation", "Situation", "S"),
    ("task", "Task", "T"),
    ("action", "Action", "A"),
    ("result", "Result", "R"),
];

pub(crate) fn severity_id(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

pub(crate) fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Info => "Info",
        Severity::Warning => "Warning",
        Severity::Error => "Error",
    }
}

/// The hiring-scale word for a 1-4 point.
fn rating_of(point: u8) -> Rating {
    match point {
        0 | 1 => Rating::StrongNoHire,
        2 => Rating::NoHire,
        3 => Rating::Hire,
        _ => Rating::StrongHire,
    }
}

/// At most [`QUOTE_CHARS`] characters, with an ellipsis when cut.
pub(crate) fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_owned(),
    }
}

/// The words for a role lean from -1 (PMM framing) to +1 (PM framing).
fn lean(value: f64) -> Lean {
    let value = if value.is_finite() {
        value.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let label = if value >= 0.6 {
        "Strong PM framing"
    } else if value >= 0.15 {
        "Leans PM"
    } else if value <= -0.6 {
        "Strong PMM framing"
    } else if value <= -0.15 {
        "Leans PMM"
    } else {
        "Balanced"
    };
    Lean {
        percent: ((value + 1.0) * 50.0).round() as u32,
        label,
        value: format!("{value:+.2}"),
    }
}

impl ReportView {
    /// The report of `answer`, marked up and grouped for a page.
    pub(crate) fn new(catalog: &Catalog, report: &Report, answer: &str) -> ReportView {
        let names = Names::new(catalog);
        let marked = mark_up(answer, report);
        let mark_of = |i: usize| marked.mark_of.get(i).copied().flatten();
        let row = |i: usize, f: &Finding| FindingRow {
            rule: f.rule.clone(),
            severity: severity_id(f.severity),
            severity_label: severity_label(f.severity),
            quotes: vec![FindingQuote {
                text: shorten(&f.text),
                mark: mark_of(i),
            }],
            whole: marked.wide.contains(&i),
            message: f.message.clone(),
            suggestion: f.suggestion.clone(),
        };
        let mut groups: Vec<FindingGroup> = Vec::new();
        for (i, f) in report.findings.iter().enumerate() {
            let label = category_label(f.category.id());
            let group = match groups.iter().position(|g| g.label == label) {
                Some(g) => &mut groups[g],
                None => {
                    groups.push(FindingGroup {
                        label,
                        findings: Vec::new(),
                    });
                    groups.last_mut().expect("just pushed")
                }
            };
            // Five uses of "really" are one habit: one message, five places.
            match group
                .findings
                .iter_mut()
                .find(|r| r.rule == f.rule && !r.whole)
            {
                Some(r) if !marked.wide.contains(&i) => r.quotes.push(FindingQuote {
                    text: shorten(&f.text),
                    mark: mark_of(i),
                }),
                _ => group.findings.push(row(i, f)),
            }
        }
        let wide = marked
            .wide
            .iter()
            .filter_map(|&i| report.findings.get(i).map(|f| row(i, f)))
            .collect();
        let dimensions = report
            .dimensions
            .iter()
            .map(|d| {
                let next_score = d.score.saturating_add(1);
                let next = catalog
                    .next_anchor(&report.rubric, &d.id, d.score)
                    .unwrap_or_default()
                    .to_owned();
                DimensionRow {
                    label: d.label.clone(),
                    score: d.score,
                    rating: rating_of(d.score),
                    next,
                    next_score,
                    weight: d.weight,
                    evidence: quotes(&d.evidence, answer),
                }
            })
            .collect();
        let budget = report.budget_seconds.max(1);
        ReportView {
            score: report.score,
            rating: report.rating,
            lean: lean(report.role_lean),
            words: report.words,
            spoken: minutes_seconds(report.spoken_seconds.into()),
            budget: minutes_seconds(report.budget_seconds.into()),
            over_budget: report.spoken_seconds > report.budget_seconds,
            time_percent: (u64::from(report.spoken_seconds) * 100 / u64::from(budget)).min(100)
                as u32,
            fillers: report.fillers_per_minute.map(|f| format!("{f:.1}")),
            round_name: names.kind(&report.round).to_owned(),
            role_name: report.role.map_or("either role", |r| r.label()),
            rubric: report.rubric.clone(),
            finding_count: report.findings.len(),
            has_star: marked.has_star,
            marked: marked.pieces,
            wide,
            dimensions,
            parts: report
                .score_parts
                .iter()
                .map(|p| PartRow {
                    label: p.label.clone(),
                    shown: p.shown(),
                    points: signed(p.points),
                })
                .collect(),
            capped_from: Some(report.uncapped_score()).filter(|&u| u > report.score),
            groups,
            metrics: report.metrics.iter().map(|m| m.text.clone()).collect(),
        }
    }
}

/// Points with their sign, one decimal, a true minus sign for losses.
fn signed(points: f64) -> String {
    if points < 0.0 {
        format!("\u{2212}{:.1}", -points)
    } else {
        format!("+{points:.1}")
    }
}

/// What a quote of the whole answer shows instead of its opening words.
const WHOLE_ANSWER: &str = "the answer as a whole";

/// Whether `start..end` spans the whole answer, leading and trailing space aside.
fn covers(answer: &str, start: usize, end: usize) -> bool {
    let lead = answer.len() - answer.trim_start().len();
    start <= lead && end >= answer.trim_end().len()
}

/// Evidence grouped by note, in order of first appearance, each quote once.
fn quotes(evidence: &[Evidence], answer: &str) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    for e in evidence {
        // A finding about the whole answer is not a quote of its opening words.
        let text = if covers(answer, e.start, e.end) {
            WHOLE_ANSWER.to_owned()
        } else {
            shorten(&e.text)
        };
        match out.iter_mut().find(|q| q.note == e.note) {
            Some(q) => {
                if !q.quotes.contains(&text) {
                    q.quotes.push(text);
                }
            }
            None => out.push(Quote {
                note: e.note.clone(),
                quotes: vec![text],
            }),
        }
    }
    out
}

/// Overlapping findings drawn as one mark; marks inside it are findings on fewer words.
struct Node {
    start: usize,
    end: usize,
    findings: Vec<usize>,
    children: Vec<Node>,
}

/// Places finding `f` over `start..end` in the tree. Findings arrive sorted by start, longest
/// first, so a finding inside the last node nests in it, and one that runs past its end joins
/// it (the mark then covers both).
fn insert(nodes: &mut Vec<Node>, f: usize, start: usize, end: usize) {
    if let Some(last) = nodes.last_mut()
        && start < last.end
    {
        if end <= last.end {
            insert(&mut last.children, f, start, end);
        } else {
            last.findings.push(f);
            last.end = end;
        }
        return;
    }
    nodes.push(Node {
        start,
        end,
        findings: vec![f],
        children: Vec::new(),
    });
}

fn depth(node: &Node) -> usize {
    node.children
        .iter()
        .map(|c| depth(c) + 1)
        .max()
        .unwrap_or(0)
}

/// The answer as pieces, and for each finding the mark that shows it.
pub(crate) struct Marked {
    pub pieces: Vec<Piece>,
    /// Per finding index: its mark id, or None when it is not marked.
    pub mark_of: Vec<Option<usize>>,
    /// Findings that cover the whole answer: listed above it rather than marked.
    pub wide: Vec<usize>,
    pub has_star: bool,
}

/// One finding to mark on a text: its byte span, how bad it is and what its tooltip says. The
/// grader's findings and the artifact checker's are both marked through this.
pub(crate) struct MarkSpan {
    pub start: usize,
    pub end: usize,
    /// Orders severities: the worst finding of a mark gives it its colour.
    pub rank: u8,
    /// The severity's CSS class suffix (`info`, `warning`, `error`).
    pub severity: &'static str,
    pub tip: Tip,
}

/// Writes the answer as pieces: the report's findings as nested marks, text runs shaded by
/// STAR part.
fn mark_up(answer: &str, report: &Report) -> Marked {
    let marks: Vec<MarkSpan> = report
        .findings
        .iter()
        .map(|f| MarkSpan {
            start: f.start,
            end: f.end,
            rank: f.severity as u8,
            severity: severity_id(f.severity),
            tip: Tip {
                heading: format!(
                    "{} · {}",
                    category_label(f.category.id()),
                    severity_label(f.severity)
                ),
                message: f.message.clone(),
                suggestion: f.suggestion.clone(),
            },
        })
        .collect();
    let star = &report.star;
    let parts: Vec<(usize, usize, usize)> =
        [&star.situation, &star.task, &star.action, &star.result]
            .iter()
            .enumerate()
            .flat_map(|(p, spans)| spans.iter().map(move |s| (s.start, s.end, p)))
            .collect();
    mark_spans(answer, &marks, parts)
}

/// Writes a text as pieces: `marks` as nested marks, runs shaded by STAR part where `parts`
/// (start, end, part index) place them. Spans are byte offsets on character boundaries; any
/// that are not (or run past the end, or are empty) are left out rather than trusted.
pub(crate) fn mark_spans(
    answer: &str,
    marks: &[MarkSpan],
    mut parts: Vec<(usize, usize, usize)>,
) -> Marked {
    let valid = |start: usize, end: usize| {
        start < end
            && end <= answer.len()
            && answer.is_char_boundary(start)
            && answer.is_char_boundary(end)
    };
    let mut wide = Vec::new();
    let mut order: Vec<usize> = Vec::new();
    for (i, f) in marks.iter().enumerate() {
        if !valid(f.start, f.end) {
            continue;
        }
        if covers(answer, f.start, f.end) {
            wide.push(i);
        } else {
            order.push(i);
        }
    }
    order.sort_by(|&a, &b| {
        (marks[a].start, std::cmp::Reverse(marks[a].end))
            .cmp(&(marks[b].start, std::cmp::Reverse(marks[b].end)))
    });
    let mut roots = Vec::new();
    for &i in &order {
        insert(&mut roots, i, marks[i].start, marks[i].end);
    }

    parts.retain(|&(s, e, _)| valid(s, e));
    parts.sort_unstable();
    // Overlapping STAR spans would not shade sensibly; keep the first of any overlap.
    let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(parts.len());
    for p in parts {
        if kept.last().is_none_or(|k| k.1 <= p.0) {
            kept.push(p);
        }
    }

    let mut out = Writer {
        answer,
        parts: &kept,
        next_part: 0,
        last_part: None,
        pieces: Vec::new(),
        mark_of: vec![None; marks.len()],
        next_id: 0,
        marks,
    };
    out.walk(&roots, 0, answer.len());
    Marked {
        pieces: out.pieces,
        mark_of: out.mark_of,
        wide,
        has_star: !kept.is_empty(),
    }
}

/// Walks the mark tree in answer order, writing pieces.
struct Writer<'r> {
    answer: &'r str,
    /// STAR spans (start, end, part), sorted and disjoint.
    parts: &'r [(usize, usize, usize)],
    /// The first STAR span not yet passed.
    next_part: usize,
    /// The part of the last STAR span begun.
    last_part: Option<usize>,
    pieces: Vec<Piece>,
    mark_of: Vec<Option<usize>>,
    next_id: usize,
    marks: &'r [MarkSpan],
}

impl Writer<'_> {
    fn walk(&mut self, nodes: &[Node], from: usize, to: usize) {
        let mut at = from;
        for node in nodes {
            self.text(at, node.start);
            let id = self.next_id;
            self.next_id += 1;
            let worst = node
                .findings
                .iter()
                .filter_map(|&i| self.marks.get(i))
                .max_by_key(|m| m.rank)
                .map_or("warning", |m| m.severity);
            self.pieces.push(Piece::Open {
                id,
                severity: worst,
                depth: depth(node).min(3),
            });
            self.walk(&node.children, node.start, node.end);
            let tips = node
                .findings
                .iter()
                .filter_map(|&i| {
                    if let Some(slot) = self.mark_of.get_mut(i) {
                        *slot = Some(id);
                    }
                    self.marks.get(i)
                })
                .map(|m| m.tip.clone())
                .collect();
            self.pieces.push(Piece::Close { id, tips });
            at = node.end;
        }
        self.text(at, to);
    }

    /// Writes `from..to` of the answer, split where STAR parts begin and end.
    fn text(&mut self, from: usize, to: usize) {
        let mut at = from;
        while at < to {
            while self
                .parts
                .get(self.next_part)
                .is_some_and(|&(_, end, _)| end <= at)
            {
                self.next_part += 1;
            }
            let (stop, part) = match self.parts.get(self.next_part) {
                Some(&(start, end, part)) if start <= at => {
                    if start == at && self.last_part != Some(part) {
                        let (id, label, initial) = PARTS[part.min(3)];
                        self.pieces.push(Piece::Part {
                            part: id,
                            label,
                            initial,
                        });
                    }
                    if start == at {
                        self.last_part = Some(part);
                    }
                    (end.min(to), PARTS[part.min(3)].0)
                }
                Some(&(start, _, _)) => (start.min(to), ""),
                None => (to, ""),
            };
            let text = self.answer.get(at..stop).unwrap_or_default();
            self.pieces.push(Piece::Text {
                text: text.to_owned(),
                part,
            });
            at = stop;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use debrief_grader::{GradeRequest, Grader, Span, Star};

    /// A report over `answer` with exactly these findings and STAR spans; the rest comes from
    /// grading the fixture pack.
    fn report(answer: &str, findings: &[(usize, usize, Severity)], star: Star) -> Report {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../debrief-content/tests/fixtures/minimal");
        let files = debrief_content::read_folder(&dir).expect("fixture");
        let catalog = debrief_content::load_layers(&files, &[]).expect("fixture is valid");
        let mut report = Grader::new(std::sync::Arc::new(catalog))
            .grade(&GradeRequest {
                answer: "I decided to ship.".into(),
                ..GradeRequest::default()
            })
            .expect("graded");
        report.findings = findings
            .iter()
            .enumerate()
            .map(|(i, &(start, end, severity))| Finding {
                rule: format!("r{i}"),
                category: debrief_pack::Category::WeaselWords,
                severity,
                start,
                end,
                text: answer.get(start..end).unwrap_or_default().to_owned(),
                message: format!("m{i}"),
                suggestion: format!("s{i}"),
            })
            .collect();
        report.star = star;
        report
    }

    /// The pieces as text: `[` and `]` around marks (with the severity of the mark), `{A}` where
    /// a STAR part begins, and a part's initial before each shaded run.
    fn show(marked: &Marked) -> String {
        let mut out = String::new();
        for p in &marked.pieces {
            match p {
                Piece::Open { severity, .. } => out.push_str(&format!("[{}:", &severity[..1])),
                Piece::Text { text, part } => {
                    if !part.is_empty() {
                        out.push_str(&part[..1]);
                        out.push('|');
                    }
                    out.push_str(text);
                }
                Piece::Part { initial, .. } => out.push_str(&format!("{{{initial}}}")),
                Piece::Close { tips, .. } => out.push_str(&format!("]{}", tips.len())),
            }
        }
        out
    }

    fn at(answer: &str, needle: &str) -> (usize, usize) {
        let start = answer.find(needle).expect("needle");
        (start, start + needle.len())
    }

    #[test]
    fn nested_findings_nest_and_overlapping_ones_share_a_mark() {
        let answer = "We kind of basically helped the team.";
        let (a, b) = at(answer, "kind of basically helped");
        let (c, d) = at(answer, "basically");
        let (e, f) = at(answer, "helped the team");
        let r = report(
            answer,
            &[
                (a, b, Severity::Warning),
                (c, d, Severity::Info),
                (e, f, Severity::Error),
            ],
            Star::default(),
        );
        let m = mark_up(answer, &r);
        // "helped the team" runs past the first mark's end, so it joins it.
        assert_eq!(show(&m), "We [e:kind of [i:basically]1 helped the team]2.");
        assert_eq!(m.mark_of, vec![Some(0), Some(1), Some(0)]);
        assert!(matches!(m.pieces[1], Piece::Open { depth: 1, .. }));
        assert!(m.wide.is_empty() && !m.has_star);
    }

    #[test]
    fn spans_are_bytes_and_bad_ones_are_left_out() {
        let answer = "Café — I helped.";
        let (a, b) = at(answer, "helped");
        assert_eq!((a, b), (12, 18));
        let r = report(
            answer,
            &[
                (a, b, Severity::Warning),
                // Inside "é", and past the end: neither is trusted.
                (4, 8, Severity::Warning),
                (10, 99, Severity::Warning),
                // The whole answer is a note above it, not a mark.
                (0, answer.len(), Severity::Info),
            ],
            Star::default(),
        );
        let m = mark_up(answer, &r);
        assert_eq!(show(&m), "Café — I [w:helped]1.");
        assert_eq!(m.wide, vec![3]);
        assert_eq!(m.mark_of, vec![Some(0), None, None, None]);
    }

    #[test]
    fn star_parts_shade_runs_and_are_labelled_where_they_begin() {
        let answer = "We had a bug. I decided to fix it. I fixed it. Churn fell 5%.";
        let span = |needle: &str| {
            let (start, end) = at(answer, needle);
            Span { start, end }
        };
        let star = Star {
            situation: vec![span("We had a bug.")],
            task: vec![],
            action: vec![span("I decided to fix it."), span("I fixed it.")],
            result: vec![span("Churn fell 5%.")],
        };
        let (a, b) = at(answer, "bug. I decided");
        let r = report(answer, &[(a, b, Severity::Warning)], star);
        let m = mark_up(answer, &r);
        assert!(m.has_star);
        assert_eq!(
            show(&m),
            "{S}s|We had a [w:s|bug. {A}a|I decided]1a| to fix it. a|I fixed it. {R}r|Churn fell 5%."
        );
    }

    #[test]
    fn labels_and_numbers_read_as_words() {
        assert_eq!(minutes_seconds(0), "0:00");
        assert_eq!(minutes_seconds(185), "3:05");
        assert_eq!(lean(0.67).label, "Strong PM framing");
        assert_eq!(lean(-0.2).label, "Leans PMM");
        assert_eq!(lean(0.0).value, "+0.00");
        assert_eq!(lean(-1.0).percent, 0);
        assert_eq!(lean(f64::NAN).percent, 50);
        assert_eq!(shorten("  short "), "short");
        assert_eq!(shorten(&"é".repeat(200)).chars().count(), QUOTE_CHARS + 1);
        assert_eq!(category_label("collaboration-fog"), "Collaboration fog");
    }
}
