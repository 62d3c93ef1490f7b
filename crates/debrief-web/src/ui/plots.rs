//! Progress plots as inline SVG, drawn on the server so they need no JavaScript.
//!
//! [`Chart::new`] turns a few [`debrief_coach::progress::Series`] into coordinates: a polyline
//! per series, a dot per attempt (with a `<title>` tooltip) up to [`MAX_DOTS`] a line, past
//! which runs of consecutive attempts share a dot at their mean, so a chart stays the same size
//! however long the history grows; axis ticks, and a dashed line at the hire bar. `templates/plots.html` renders a [`Chart`] with askama, so every label is
//! escaped like any other text on a page. Each chart also carries a text summary and a table
//! of its values for screen readers and for anyone who prefers numbers.

use std::collections::BTreeMap;

use debrief_coach::progress::{Point, Series};

use crate::clock::day_of;

/// The drawing area, in SVG user units; the SVG scales to its container's width.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;
/// Lines beyond this many get the same colours again (the table still tells them apart).
const PALETTE: usize = 6;
/// Dots a line draws at most. More would not be told apart at this width anyway.
pub(crate) const MAX_DOTS: usize = 60;

/// One plotted line.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// What the line is (a round kind, an LP, a dimension), already a display name.
    pub label: String,
    /// `series-0` .. `series-5`: the colour class.
    pub class: String,
    /// SVG `points` of the polyline.
    pub points: String,
    /// One dot per attempt.
    pub dots: Vec<Dot>,
    /// The latest value, rounded.
    pub last: u32,
    /// How many attempts.
    pub count: usize,
    /// Change from the first to the latest value, e.g. "+12" or "-3" or "±0".
    pub change: String,
}

/// A point of a line, with its tooltip.
#[derive(Debug, Clone)]
pub(crate) struct Dot {
    pub x: String,
    pub y: String,
    /// "Behavioral: 72 on 2026-11-20".
    pub title: String,
}

/// An axis tick.
#[derive(Debug, Clone)]
pub(crate) struct Tick {
    /// Position along the axis, SVG units.
    pub at: String,
    pub label: String,
}

/// A chart ready for `templates/plots.html`.
#[derive(Debug, Clone)]
pub(crate) struct Chart {
    /// The chart's heading.
    pub title: String,
    /// A one-sentence description for screen readers.
    pub summary: String,
    pub lines: Vec<Line>,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    /// The y of the hire bar, and its label.
    pub bar_y: String,
    pub bar_label: String,
    /// `0 0 WIDTH HEIGHT`.
    pub view_box: String,
    /// Plot area edges, for the axis lines.
    pub left: String,
    pub right: String,
    pub top: String,
    pub bottom: String,
    /// The x where tick labels of the y axis end.
    pub y_label_x: String,
    /// The y where tick labels of the x axis sit.
    pub x_label_y: String,
}

/// What the x axis measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum XAxis {
    /// Time: answers given the same day stand on one vertical line.
    #[default]
    Date,
    /// The answers in the order given, evenly spaced: every answer its own step.
    Attempt,
}

impl Chart {
    /// A chart of `series` (values 0-100 over unix-second times), each named by `name`, with a
    /// dashed line at `bar`, along `axis`.
    pub(crate) fn new(
        title: &str,
        series: &[Series],
        name: impl Fn(&str) -> String,
        bar: u32,
        axis: XAxis,
    ) -> Chart {
        let times = series.iter().flat_map(|s| s.points.iter().map(|p| p.at));
        let (first, last) = times.fold((i64::MAX, i64::MIN), |(lo, hi), t| (lo.min(t), hi.max(t)));
        let (first, last) = if first > last { (0, 1) } else { (first, last) };
        // A single moment still gets a visible width: pad a day on each side.
        let (t0, t1) = if last - first < 3_600 {
            (first - 86_400, last + 86_400)
        } else {
            (first, last)
        };
        // By answer, each answer is one step. An answer feeds several series (its round kind,
        // its principles) at one time, so it keeps one x in all of them; answers handed in
        // within the same second are told apart by their order within a series.
        let mut slots: BTreeMap<i64, usize> = BTreeMap::new();
        for s in series {
            let mut here: BTreeMap<i64, usize> = BTreeMap::new();
            for p in &s.points {
                *here.entry(p.at).or_default() += 1;
            }
            for (t, count) in here {
                let slot = slots.entry(t).or_default();
                *slot = (*slot).max(count);
            }
        }
        let mut first_step: BTreeMap<i64, usize> = BTreeMap::new();
        let mut answers = 0;
        for (t, count) in &slots {
            first_step.insert(*t, answers);
            answers += count;
        }
        let span = WIDTH - LEFT - RIGHT;
        let step_x = |i: usize| match answers {
            0 | 1 => LEFT + span / 2.0,
            n => LEFT + i as f64 / (n - 1) as f64 * span,
        };
        let x = |t: i64| LEFT + (t - t0) as f64 / (t1 - t0) as f64 * span;
        let positions = |points: &[Point]| -> Vec<f64> {
            let mut taken: BTreeMap<i64, usize> = BTreeMap::new();
            points
                .iter()
                .map(|p| match axis {
                    XAxis::Date => x(p.at),
                    XAxis::Attempt => {
                        let k = taken.entry(p.at).or_default();
                        let step = first_step.get(&p.at).copied().unwrap_or(0) + *k;
                        *k += 1;
                        step_x(step)
                    }
                })
                .collect()
        };
        let y = |v: f64| TOP + (100.0 - v.clamp(0.0, 100.0)) / 100.0 * (HEIGHT - TOP - BOTTOM);

        let lines: Vec<Line> = series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let label = name(&s.key);
                let dots: Vec<Dot> = runs(&s.points, &positions(&s.points))
                    .into_iter()
                    .map(|run| Dot {
                        x: coord(run.x),
                        y: coord(y(run.value)),
                        title: run.title(&label),
                    })
                    .collect();
                let points = dots
                    .iter()
                    .map(|d| format!("{},{}", d.x, d.y))
                    .collect::<Vec<_>>()
                    .join(" ");
                let first = s.points.first().map_or(0.0, |p| p.value);
                let latest = s.last().unwrap_or(0.0);
                let delta = (latest - first).round() as i64;
                Line {
                    class: format!("series-{}", i % PALETTE),
                    points,
                    dots,
                    last: latest.round().clamp(0.0, 100.0) as u32,
                    count: s.points.len(),
                    change: match delta {
                        0 => "±0".to_owned(),
                        d if d > 0 => format!("+{d}"),
                        d => d.to_string(),
                    },
                    label,
                }
            })
            .collect();

        // With nothing plotted there are no dates or answers to show.
        let x_ticks = match axis {
            _ if lines.is_empty() => Vec::new(),
            XAxis::Date => time_ticks(t0, t1)
                .into_iter()
                .map(|t| Tick {
                    at: coord(x(t)),
                    label: day(t),
                })
                .collect(),
            XAxis::Attempt => attempt_ticks(answers)
                .into_iter()
                .map(|i| Tick {
                    at: coord(step_x(i)),
                    label: format!("answer {}", i + 1),
                })
                .collect(),
        };
        let y_ticks = [0u32, 25, 50, 75, 100]
            .into_iter()
            .map(|v| Tick {
                at: coord(y(f64::from(v))),
                label: v.to_string(),
            })
            .collect();
        let summary = if lines.is_empty() {
            format!("{title}: nothing graded yet.")
        } else {
            let parts: Vec<String> = lines
                .iter()
                .map(|l| {
                    format!(
                        "{} {} ({} attempts, {})",
                        l.label, l.last, l.count, l.change
                    )
                })
                .collect();
            format!("{title}, latest scores out of 100: {}.", parts.join("; "))
        };
        Chart {
            title: title.to_owned(),
            summary,
            lines,
            x_ticks,
            y_ticks,
            bar_y: coord(y(f64::from(bar))),
            bar_label: format!("bar {bar}"),
            view_box: format!("0 0 {WIDTH} {HEIGHT}"),
            left: coord(LEFT),
            right: coord(WIDTH - RIGHT),
            top: coord(TOP),
            bottom: coord(HEIGHT - BOTTOM),
            y_label_x: coord(LEFT - 6.0),
            x_label_y: coord(HEIGHT - BOTTOM + 18.0),
        }
    }
}

/// Consecutive points drawn as one dot: their mean time and value.
struct Run {
    at: i64,
    /// The mean position of its points on the x axis.
    x: f64,
    value: f64,
    count: usize,
    first: i64,
    last: i64,
}

impl Run {
    fn of(points: &[Point], xs: &[f64]) -> Run {
        let count = points.len().max(1);
        // i128: a sum of many unix times must not overflow.
        let at = points.iter().map(|p| i128::from(p.at)).sum::<i128>() / count as i128;
        Run {
            at: i64::try_from(at).unwrap_or_default(),
            x: xs.iter().sum::<f64>() / xs.len().max(1) as f64,
            value: points.iter().map(|p| p.value).sum::<f64>() / count as f64,
            count: points.len(),
            first: points.first().map_or(0, |p| p.at),
            last: points.last().map_or(0, |p| p.at),
        }
    }

    /// "Behavioral: 72 on 2026-11-20", or for a run "Behavioral: 64 on average over 17
    /// answers from 2026-01-01 to 2026-01-09".
    fn title(&self, label: &str) -> String {
        let value = self.value.round();
        if self.count <= 1 {
            return format!("{label}: {value} on {}", day(self.at));
        }
        let (first, last) = (day(self.first), day(self.last));
        let when = if first == last {
            format!("on {first}")
        } else {
            format!("from {first} to {last}")
        };
        format!(
            "{label}: {value} on average over {} answers {when}",
            self.count
        )
    }
}

/// The dots of a line: one per point up to [`MAX_DOTS`], else [`MAX_DOTS`] runs of
/// consecutive points (as even as they divide), oldest first.
fn runs(points: &[Point], xs: &[f64]) -> Vec<Run> {
    let n = points.len();
    if n <= MAX_DOTS {
        return (0..n)
            .map(|i| Run::of(&points[i..=i], &xs[i..=i]))
            .collect();
    }
    (0..MAX_DOTS)
        .map(|i| {
            let range = i * n / MAX_DOTS..(i + 1) * n / MAX_DOTS;
            Run::of(&points[range.clone()], &xs[range])
        })
        .collect()
}

/// An SVG coordinate with one decimal: short, and stable across platforms.
fn coord(v: f64) -> String {
    format!("{v:.1}")
}

fn day(t: i64) -> String {
    day_of(t).to_string()
}

/// Up to four evenly spaced answer indexes from the first to the last, both included.
fn attempt_ticks(n: usize) -> Vec<usize> {
    match n {
        0 => Vec::new(),
        1..=4 => (0..n).collect(),
        n => {
            let mut ticks: Vec<usize> = (0..4).map(|i| i * (n - 1) / 3).collect();
            ticks.dedup();
            ticks
        }
    }
}

/// Up to four evenly spaced times from `t0` to `t1`, both ends included.
fn time_ticks(t0: i64, t1: i64) -> Vec<i64> {
    let span = t1 - t0;
    if span <= 2 * 86_400 {
        return vec![t0 + span / 2];
    }
    (0..4).map(|i| t0 + span * i / 3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(key: &str, points: &[(i64, f64)]) -> Series {
        Series {
            key: key.to_owned(),
            points: points
                .iter()
                .map(|&(at, value)| Point { at, value })
                .collect(),
        }
    }

    const DAY: i64 = 86_400;
    const T0: i64 = 1_767_225_600; // 2026-01-01

    #[test]
    fn points_map_time_to_x_and_score_to_y() {
        let s = [series("behavioral", &[(T0, 0.0), (T0 + 9 * DAY, 100.0)])];
        let chart = Chart::new("By round kind", &s, |k| k.to_uppercase(), 60, XAxis::Date);
        let line = &chart.lines[0];
        assert_eq!(line.label, "BEHAVIORAL");
        assert_eq!(line.points, "40.0,192.0 624.0,12.0");
        assert_eq!(line.dots[1].title, "BEHAVIORAL: 100 on 2026-01-10");
        assert_eq!(line.change, "+100");
        assert_eq!(line.last, 100);
        // The bar at 60 sits 40% of the way down the plot area.
        assert_eq!(chart.bar_y, "84.0");
        assert_eq!(chart.x_ticks.len(), 4);
        assert_eq!(chart.x_ticks[0].label, "2026-01-01");
        assert_eq!(chart.x_ticks[3].label, "2026-01-10");
        assert_eq!(chart.y_ticks[0].label, "0");
        assert!(
            chart.summary.contains("BEHAVIORAL 100 (2 attempts, +100)"),
            "{}",
            chart.summary
        );
    }

    #[test]
    fn by_attempt_answers_of_one_day_get_their_own_steps() {
        // Three answers within one hour, and one a week later.
        let s = [
            series(
                "behavioral",
                &[(T0, 20.0), (T0 + 600, 40.0), (T0 + 7 * DAY, 70.0)],
            ),
            series("lp", &[(T0 + 1_200, 50.0)]),
        ];
        let by_date = Chart::new("t", &s, str::to_owned, 60, XAxis::Date);
        let xs = |c: &Chart, line: usize| -> Vec<String> {
            c.lines[line].dots.iter().map(|d| d.x.clone()).collect()
        };
        // By date, the first two stand less than a pixel apart.
        assert_eq!(xs(&by_date, 0), vec!["40.0", "40.6", "624.0"]);
        let by_answer = Chart::new("t", &s, str::to_owned, 60, XAxis::Attempt);
        // By answer, four answers take four even steps across 584 units: 0, 1/3, 2/3, 1.
        assert_eq!(xs(&by_answer, 0), vec!["40.0", "234.7", "624.0"]);
        assert_eq!(xs(&by_answer, 1), vec!["429.3"]);
        let labels: Vec<&str> = by_answer.x_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, vec!["answer 1", "answer 2", "answer 3", "answer 4"]);
        assert_eq!(attempt_ticks(10), vec![0, 3, 6, 9]);
        // Two answers handed in within one second still get a step each.
        let same = [series("behavioral", &[(T0, 20.0), (T0, 40.0)])];
        let chart = Chart::new("t", &same, str::to_owned, 60, XAxis::Attempt);
        assert_eq!(xs(&chart, 0), vec!["40.0", "624.0"]);
        assert!(attempt_ticks(0).is_empty());
    }

    #[test]
    fn one_attempt_is_centred_and_empty_charts_say_so() {
        let one = [series("lp", &[(T0, 55.0)])];
        let chart = Chart::new("t", &one, str::to_owned, 60, XAxis::Date);
        assert_eq!(chart.lines[0].dots[0].x, "332.0");
        assert_eq!(chart.lines[0].change, "±0");
        assert_eq!(chart.x_ticks.len(), 1);
        let empty = Chart::new("By LP", &[], str::to_owned, 60, XAxis::Date);
        assert!(empty.lines.is_empty());
        assert!(empty.x_ticks.is_empty(), "no dates without data");
        assert_eq!(empty.summary, "By LP: nothing graded yet.");
    }

    #[test]
    fn a_long_history_draws_a_bounded_number_of_dots() {
        let points: Vec<(i64, f64)> = (0..1_000)
            .map(|i| (T0 + i * 3_600, if i == 999 { 90.0 } else { 50.0 }))
            .collect();
        let chart = Chart::new(
            "t",
            &[series("behavioral", &points)],
            str::to_owned,
            60,
            XAxis::Date,
        );
        let line = &chart.lines[0];
        assert_eq!(line.dots.len(), MAX_DOTS);
        assert_eq!(line.points.split(' ').count(), MAX_DOTS);
        // The legend still reads every attempt: the count, the latest score and the change.
        assert_eq!(
            (line.count, line.last, line.change.as_str()),
            (1_000, 90, "+40")
        );
        assert_eq!(
            line.dots[0].title,
            "behavioral: 50 on average over 16 answers on 2026-01-01"
        );
        assert!(
            line.dots[1]
                .title
                .contains("over 17 answers from 2026-01-01 to 2026-01-02"),
            "{}",
            line.dots[1].title
        );
        // Exactly the cap draws every point.
        let capped: Vec<(i64, f64)> = points[..MAX_DOTS].to_vec();
        let chart = Chart::new("t", &[series("b", &capped)], str::to_owned, 60, XAxis::Date);
        assert_eq!(chart.lines[0].dots.len(), MAX_DOTS);
        assert!(chart.lines[0].dots[0].title.ends_with("50 on 2026-01-01"));
    }

    #[test]
    fn colours_cycle_through_the_palette() {
        let many: Vec<Series> = (0..8)
            .map(|i| series(&format!("s{i}"), &[(T0 + i, 50.0)]))
            .collect();
        let chart = Chart::new("t", &many, str::to_owned, 60, XAxis::Date);
        assert_eq!(chart.lines[5].class, "series-5");
        assert_eq!(chart.lines[6].class, "series-0");
    }
}
