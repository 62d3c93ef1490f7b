//! Progress: the candidate's graded answers over time, as series to plot and as readiness per
//! round kind.
//!
//! Every graded answer (from Practice or from a mock loop) is kept as an [`Attempt`]: when,
//! where from, the round kind, the LPs its question tests, the overall score and the score of
//! each rubric dimension. A document checked in an artifact drill is kept the same way, its
//! round kind `artifact:<kind id>` ([`artifact_key`]), so it is plotted per artifact kind and
//! never mixed into the interview rounds. [`AttemptSummary`] is the part that is not already a column in the
//! store (it is kept as JSON beside the attempt). From a list of attempts this module derives
//! the series behind the progress plots ([`series`]) and a readiness verdict per round kind
//! ([`readiness`]): ready when the most recent attempts are all at or above the bar.
//!
//! Pure: the attempts are passed in; nothing here reads a clock or a database.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use debrief_grader::Report;

/// Where a graded answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The Practice page or `debrief grade`.
    Practice,
    /// An answer in a mock loop.
    Mock,
    /// A document checked in an artifact drill (a PR/FAQ, a battlecard, ...).
    Artifact,
}

impl Source {
    /// The id, as stored.
    pub fn id(self) -> &'static str {
        match self {
            Source::Practice => "practice",
            Source::Mock => "mock",
            Source::Artifact => "artifact",
        }
    }

    /// The source with this id.
    pub fn parse(id: &str) -> Option<Source> {
        match id {
            "practice" => Some(Source::Practice),
            "mock" => Some(Source::Mock),
            "artifact" => Some(Source::Artifact),
            _ => None,
        }
    }
}

/// What an artifact drill's attempt holds where an answer holds its round kind:
/// `artifact:<kind id>`. The prefix keeps drills apart from interview rounds (no round kind id
/// has a colon), so the plots and readiness group them per artifact kind.
pub const ARTIFACT_PREFIX: &str = "artifact:";

/// The round kind field of an attempt at artifact kind `kind`: `artifact:<kind>`.
pub fn artifact_key(kind: &str) -> String {
    format!("{ARTIFACT_PREFIX}{kind}")
}

/// The artifact kind id of an attempt's round kind field, when it is an artifact drill's.
pub fn artifact_of(round_kind: &str) -> Option<&str> {
    round_kind.strip_prefix(ARTIFACT_PREFIX)
}

/// One rubric dimension's score in an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionPoint {
    /// Dimension id.
    pub id: String,
    /// Dimension label.
    pub label: String,
    /// 1 (strong no hire) to 4 (strong hire).
    pub score: u8,
}

/// What an attempt keeps besides its columns: the rubric, its dimension scores and the LPs the
/// question tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptSummary {
    /// The rubric the answer was graded against.
    #[serde(default)]
    pub rubric: String,
    /// Dimension scores, in rubric order.
    #[serde(default)]
    pub dimensions: Vec<DimensionPoint>,
    /// LP ids the question tests.
    #[serde(default)]
    pub lps: Vec<String>,
}

impl AttemptSummary {
    /// The summary of a report for a question testing `lps`.
    pub fn of(report: &Report, lps: &[String]) -> AttemptSummary {
        AttemptSummary {
            rubric: report.rubric.clone(),
            dimensions: report
                .dimensions
                .iter()
                .map(|d| DimensionPoint {
                    id: d.id.clone(),
                    label: d.label.clone(),
                    score: d.score,
                })
                .collect(),
            lps: lps.to_vec(),
        }
    }
}

/// One graded answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// When, unix seconds.
    pub at: i64,
    /// Where from.
    pub source: Source,
    /// Round kind id.
    pub round_kind: String,
    /// Overall score, 0 to 100.
    pub score: u32,
    /// Dimension scores and LPs.
    pub summary: AttemptSummary,
}

/// One point of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// When, unix seconds.
    pub at: i64,
    /// The value: an overall score (0-100) for round kinds and LPs, a dimension score scaled
    /// to the same 0-100 range (1 is 0, 4 is 100) for dimensions, so every plot shares an axis.
    pub value: f64,
}

/// A line to plot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// The id: a round kind, an LP or a dimension id.
    pub key: String,
    /// Points, oldest first.
    pub points: Vec<Point>,
}

impl Series {
    /// The latest value.
    pub fn last(&self) -> Option<f64> {
        self.points.last().map(|p| p.value)
    }
}

/// The views the progress page plots.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProgressSeries {
    /// Overall score per round kind.
    pub round_kinds: Vec<Series>,
    /// Overall score of the answers whose question tests each LP.
    pub lps: Vec<Series>,
    /// Dimension scores, by dimension id (dimensions shared by several rubrics are one line).
    pub dimensions: Vec<Series>,
    /// Overall score per artifact kind drilled, keyed `artifact:<kind id>` as the attempts
    /// hold it: documents are not answers to a round, so they get lines of their own.
    pub artifacts: Vec<Series>,
}

/// The series of a list of attempts, each sorted by key, points oldest first (attempts with
/// the same time keep their given order).
pub fn series(attempts: &[Attempt]) -> ProgressSeries {
    let mut ordered: Vec<&Attempt> = attempts.iter().collect();
    ordered.sort_by_key(|a| a.at);
    let mut kinds: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
    let mut lps: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
    let mut dims: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
    let mut artifacts: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
    for attempt in ordered {
        let score = Point {
            at: attempt.at,
            value: f64::from(attempt.score.min(100)),
        };
        if artifact_of(&attempt.round_kind).is_some() {
            artifacts
                .entry(&attempt.round_kind)
                .or_default()
                .push(score);
            continue;
        }
        kinds.entry(&attempt.round_kind).or_default().push(score);
        for lp in &attempt.summary.lps {
            lps.entry(lp).or_default().push(score);
        }
        for d in &attempt.summary.dimensions {
            let value = (f64::from(d.score.clamp(1, 4)) - 1.0) * 100.0 / 3.0;
            dims.entry(&d.id).or_default().push(Point {
                at: attempt.at,
                value,
            });
        }
    }
    let collect = |map: BTreeMap<&str, Vec<Point>>| {
        map.into_iter()
            .map(|(key, points)| Series {
                key: key.to_owned(),
                points,
            })
            .collect()
    };
    ProgressSeries {
        round_kinds: collect(kinds),
        lps: collect(lps),
        dimensions: collect(dims),
        artifacts: collect(artifacts),
    }
}

/// Whether the candidate is at the bar in a round kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// No graded answer yet.
    Untried,
    /// Below the bar in at least one recent attempt, or too few attempts.
    NotYet,
    /// At or above the bar in every one of the recent attempts.
    Ready,
}

impl Status {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Status::Untried => "not tried",
            Status::NotYet => "not yet",
            Status::Ready => "ready",
        }
    }
}

/// Readiness in one round kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    /// Round kind id.
    pub round_kind: String,
    /// The verdict.
    pub status: Status,
    /// All graded answers in this kind.
    pub attempts: usize,
    /// The most recent scores, newest first (at most the window).
    pub recent: Vec<u32>,
    /// The best score ever.
    pub best: Option<u32>,
    /// What to do next, in a sentence.
    pub next_step: String,
}

/// Readiness for each of `kinds` (in the given order; a loop's round kinds, say): ready when
/// the `window` most recent attempts in that kind all scored at least `bar`.
pub fn readiness(attempts: &[Attempt], kinds: &[&str], bar: u32, window: usize) -> Vec<Readiness> {
    let window = window.max(1);
    kinds
        .iter()
        .map(|&kind| {
            let mut mine: Vec<&Attempt> =
                attempts.iter().filter(|a| a.round_kind == kind).collect();
            mine.sort_by_key(|a| std::cmp::Reverse(a.at));
            let recent: Vec<u32> = mine.iter().take(window).map(|a| a.score).collect();
            let best = mine.iter().map(|a| a.score).max();
            let below = recent.iter().filter(|&&s| s < bar).count();
            let (status, next_step) = if mine.is_empty() {
                (
                    Status::Untried,
                    "Answer one question of this kind to get a first reading.".to_owned(),
                )
            } else if recent.len() == window && below == 0 {
                (
                    Status::Ready,
                    format!(
                        "At or above the bar ({bar}) in the last {window}; keep it warm with one \
                         answer a week."
                    ),
                )
            } else if below == 0 {
                let more = window - recent.len();
                (
                    Status::NotYet,
                    format!(
                        "At the bar so far; {more} more answer{} at {bar} or above to confirm it.",
                        if more == 1 { "" } else { "s" }
                    ),
                )
            } else {
                (
                    Status::NotYet,
                    format!(
                        "{below} of the last {} below the bar ({bar}); practise this kind until \
                         {window} in a row reach it.",
                        recent.len()
                    ),
                )
            };
            Readiness {
                round_kind: kind.to_owned(),
                status,
                attempts: mine.len(),
                recent,
                best,
                next_step,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(at: i64, kind: &str, score: u32, lps: &[&str], dims: &[(&str, u8)]) -> Attempt {
        Attempt {
            at,
            source: Source::Practice,
            round_kind: kind.to_owned(),
            score,
            summary: AttemptSummary {
                rubric: format!("{kind}-pm"),
                dimensions: dims
                    .iter()
                    .map(|&(id, score)| DimensionPoint {
                        id: id.to_owned(),
                        label: id.to_uppercase(),
                        score,
                    })
                    .collect(),
                lps: lps.iter().map(|s| (*s).to_owned()).collect(),
            },
        }
    }

    #[test]
    fn series_group_by_kind_lp_and_dimension_oldest_first() {
        let attempts = vec![
            attempt(30, "behavioral", 70, &["earn-trust"], &[("ownership", 4)]),
            attempt(
                10,
                "behavioral",
                40,
                &["earn-trust", "dive-deep"],
                &[("ownership", 1)],
            ),
            attempt(20, "product-sense", 55, &[], &[("user", 2)]),
        ];
        let s = series(&attempts);
        let keys = |v: &[Series]| v.iter().map(|s| s.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&s.round_kinds), ["behavioral", "product-sense"]);
        assert_eq!(keys(&s.lps), ["dive-deep", "earn-trust"]);
        assert_eq!(keys(&s.dimensions), ["ownership", "user"]);
        let behavioral = &s.round_kinds[0];
        assert_eq!(
            behavioral
                .points
                .iter()
                .map(|p| (p.at, p.value))
                .collect::<Vec<_>>(),
            [(10, 40.0), (30, 70.0)]
        );
        assert_eq!(s.lps[0].points.len(), 1);
        assert_eq!(s.lps[1].last(), Some(70.0));
        // Dimension scores 1..4 map onto 0..100.
        assert_eq!(s.dimensions[0].points[0].value, 0.0);
        assert_eq!(s.dimensions[0].points[1].value, 100.0);
        assert!((s.dimensions[1].points[0].value - 100.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn artifact_drills_get_lines_of_their_own() {
        let attempts = vec![
            attempt(10, "behavioral", 40, &["earn-trust"], &[("ownership", 2)]),
            attempt(20, &artifact_key("prfaq"), 55, &[], &[]),
            attempt(30, &artifact_key("prfaq"), 75, &[], &[]),
            attempt(40, &artifact_key("battlecard"), 60, &[], &[]),
        ];
        let s = series(&attempts);
        let keys = |v: &[Series]| v.iter().map(|s| s.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&s.round_kinds), ["behavioral"]);
        assert_eq!(
            keys(&s.artifacts),
            ["artifact:battlecard", "artifact:prfaq"]
        );
        assert_eq!(s.artifacts[1].points.len(), 2);
        assert_eq!(s.artifacts[1].last(), Some(75.0));
        assert_eq!(keys(&s.lps), ["earn-trust"]);
        assert_eq!(artifact_of("artifact:prfaq"), Some("prfaq"));
        assert_eq!(artifact_of("behavioral"), None);
        assert_eq!(Source::parse(Source::Artifact.id()), Some(Source::Artifact));
    }

    #[test]
    fn ready_means_the_last_two_at_the_bar() {
        let attempts = vec![
            attempt(1, "behavioral", 30, &[], &[]),
            attempt(2, "behavioral", 65, &[], &[]),
            attempt(3, "behavioral", 72, &[], &[]),
            attempt(1, "gtm-case", 80, &[], &[]),
            attempt(2, "gtm-case", 50, &[], &[]),
            attempt(5, "writing", 90, &[], &[]),
        ];
        let r = readiness(
            &attempts,
            &["behavioral", "gtm-case", "writing", "bar-raiser"],
            60,
            2,
        );
        assert_eq!(r[0].status, Status::Ready);
        assert_eq!(r[0].recent, [72, 65]);
        assert_eq!(r[0].best, Some(72));
        assert_eq!(r[1].status, Status::NotYet);
        assert!(
            r[1].next_step
                .contains("1 of the last 2 below the bar (60)"),
            "{}",
            r[1].next_step
        );
        assert_eq!(r[2].status, Status::NotYet, "one attempt is not two");
        assert!(
            r[2].next_step.contains("1 more answer at 60"),
            "{}",
            r[2].next_step
        );
        assert_eq!(r[3].status, Status::Untried);
        assert_eq!(r[3].attempts, 0);
    }

    #[test]
    fn summaries_and_sources_round_trip_as_json() {
        let a = attempt(1, "behavioral", 30, &["earn-trust"], &[("ownership", 2)]);
        let json = serde_json::to_string(&a.summary).expect("serialize");
        let back: AttemptSummary = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, a.summary);
        assert_eq!(Source::parse(Source::Mock.id()), Some(Source::Mock));
        assert_eq!(Source::parse("x"), None);
    }
}
