//! Pay charts as inline SVG, drawn on the server so they need no JavaScript: the spread of
//! sources for each level and role (the Pay page), and offers year by year (the Offers page).
//! `templates/paycharts.html` renders them; every label goes through askama's escaping, and
//! each chart has a text summary and a table beside it.

use debrief_offer::{Cents, WorkedOffer};
use debrief_pack::{Amount, PayTable};

const WIDTH: f64 = 460.0;
const LEFT: f64 = 74.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 10.0;
const AXIS: f64 = 26.0;
const ROW: f64 = 24.0;

/// A tick on the money axis.
pub(crate) struct Tick {
    pub at: String,
    pub label: String,
}

/// One source's figure on a row: a bar from low to high, or a dot for one number.
pub(crate) struct Mark {
    pub x1: String,
    pub x2: String,
    pub y: String,
    pub dot: bool,
    pub title: String,
}

/// One level and role.
pub(crate) struct SpreadRow {
    pub label: String,
    pub y: String,
    pub class: &'static str,
    pub marks: Vec<Mark>,
}

/// Total pay by level and role, one mark per source, on one money axis.
pub(crate) struct SpreadChart {
    pub title: String,
    pub summary: String,
    pub view_box: String,
    pub left: String,
    pub right: String,
    pub bottom: String,
    pub label_x: String,
    pub tick_y: String,
    pub ticks: Vec<Tick>,
    pub rows: Vec<SpreadRow>,
}

/// The role's display label.
pub(crate) fn role_label(role: &str) -> &'static str {
    match role {
        "pm" => "PM",
        "pmm" => "PMM",
        _ => "PM-T",
    }
}

fn role_class(role: &str) -> &'static str {
    match role {
        "pm" => "series-0",
        "pmm" => "series-1",
        _ => "series-2",
    }
}

/// A round step for an axis that reaches `max` in about five ticks.
fn step_for(max: f64) -> f64 {
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(magnitude * 10.0)
}

fn thousands(dollars: f64) -> String {
    if dollars == 0.0 {
        "$0".to_owned()
    } else if dollars >= 1_000_000.0 {
        format!("${:.1}M", dollars / 1_000_000.0)
    } else {
        format!("${:.0}K", dollars / 1_000.0)
    }
}

/// A source's figure and the tooltip naming the source.
type SourcedFigure = (Amount, String);

/// The spread chart of `table`'s total pay, or `None` when no row states a total.
pub(crate) fn spread(table: &PayTable<'_>) -> Option<SpreadChart> {
    let mut rows: Vec<(String, &'static str, Vec<SourcedFigure>)> = Vec::new();
    for level in &table.levels {
        for role in ["pm", "pmm", "pm-t"] {
            let marks: Vec<(Amount, String)> = level
                .rows
                .iter()
                .filter(|r| r.role == role)
                .filter_map(|r| {
                    // Totals only: a base-only figure on the same axis would read as low pay.
                    let total = r.total?;
                    Some((
                        total,
                        format!(
                            "{} total: {} ({}, {})",
                            role_label(role),
                            total.label(),
                            r.source,
                            r.as_of
                        ),
                    ))
                })
                .collect();
            if !marks.is_empty() {
                rows.push((
                    format!("{} {}", level.level.name, role_label(role)),
                    role_class(role),
                    marks,
                ));
            }
        }
    }
    let max = rows
        .iter()
        .flat_map(|(_, _, m)| m.iter().map(|(a, _)| a.high()))
        .max()? as f64;
    let step = step_for(max.max(1.0));
    let top_value = (max / step).ceil() * step;
    let plot_w = WIDTH - LEFT - RIGHT;
    let x = |v: f64| LEFT + v / top_value * plot_w;
    let height = TOP + ROW * rows.len() as f64 + AXIS;
    let bottom = TOP + ROW * rows.len() as f64;
    let ticks = ticks(top_value, step, x);
    let summary_parts: Vec<String> = rows
        .iter()
        .map(|(label, _, marks)| {
            let figures: Vec<String> = marks.iter().map(|(a, _)| a.label()).collect();
            format!("{label}: {}", figures.join(", "))
        })
        .collect();
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, class, marks))| {
            let y = TOP + ROW * i as f64 + ROW / 2.0;
            SpreadRow {
                label,
                y: format!("{y:.1}"),
                class,
                marks: marks
                    .into_iter()
                    .enumerate()
                    .map(|(j, (a, title))| {
                        // Sources on one row sit a little apart so overlapping ranges stay
                        // visible.
                        let dy = (j as f64 % 3.0 - 1.0) * 4.0;
                        Mark {
                            x1: format!("{:.1}", x(a.low() as f64)),
                            x2: format!("{:.1}", x(a.high() as f64)),
                            y: format!("{:.1}", y + dy),
                            dot: a.low() == a.high(),
                            title,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    Some(SpreadChart {
        title: format!(
            "{}: yearly pay by level, one mark per source",
            table.company.name
        ),
        summary: format!(
            "Total yearly pay as each source reports it; figures that give base only are in the table, not here. {}.",
            summary_parts.join("; ")
        ),
        view_box: format!("0 0 {WIDTH} {height:.0}"),
        left: format!("{LEFT}"),
        right: format!("{}", WIDTH - RIGHT),
        bottom: format!("{bottom:.1}"),
        label_x: format!("{}", LEFT - 8.0),
        tick_y: format!("{:.1}", bottom + 16.0),
        ticks,
        rows,
    })
}

/// One stacked part of a bar.
pub(crate) struct Segment {
    pub x: String,
    pub y: String,
    pub w: String,
    pub h: String,
    pub class: &'static str,
    pub title: String,
}

/// A year label under a group of bars.
pub(crate) struct YearLabel {
    pub x: String,
    pub label: String,
}

/// Offers year by year: for each year a group with one stacked bar per offer (base, sign-on,
/// stock, bonus).
pub(crate) struct OfferChart {
    pub summary: String,
    pub view_box: String,
    pub left: String,
    pub right: String,
    pub bottom: String,
    pub ticks: Vec<Tick>,
    pub label_x: String,
    pub years: Vec<YearLabel>,
    pub year_y: String,
    pub segments: Vec<Segment>,
}

/// The parts of pay a bar stacks, bottom to top, with their colour classes.
pub(crate) const PARTS: [(&str, &str); 4] = [
    ("Base", "part-base"),
    ("Sign-on", "part-signon"),
    ("Stock", "part-stock"),
    ("Bonus", "part-bonus"),
];

/// The chart of `offers` (two to four, or one), or `None` when nothing is paid.
pub(crate) fn offers(offers: &[&WorkedOffer]) -> Option<OfferChart> {
    const HEIGHT: f64 = 240.0;
    const LEFT_O: f64 = 56.0;
    let max = offers
        .iter()
        .flat_map(|w| w.years.iter().map(|y| y.total.dollars()))
        .max()
        .filter(|m| *m > 0)? as f64;
    let step = step_for(max);
    let top_value = (max / step).ceil() * step;
    let bottom = HEIGHT - AXIS;
    let plot_h = bottom - TOP;
    let y_of = |v: f64| bottom - v / top_value * plot_h;
    let years = offers.iter().map(|w| w.years.len()).max().unwrap_or(0);
    let group_w = (WIDTH - LEFT_O - RIGHT) / years.max(1) as f64;
    let gap = group_w * 0.2;
    let bar_w = (group_w - gap) / offers.len() as f64;
    let mut segments = Vec::new();
    let mut labels = Vec::new();
    for year in 0..years {
        let gx = LEFT_O + group_w * year as f64 + gap / 2.0;
        labels.push(YearLabel {
            x: format!("{:.1}", gx + (group_w - gap) / 2.0),
            label: format!("Year {}", year + 1),
        });
        for (i, w) in offers.iter().enumerate() {
            let Some(y) = w.years.get(year) else { continue };
            let parts = [y.base, y.signon, y.stock, y.bonus];
            let mut below = 0i64;
            for ((name, class), amount) in PARTS.iter().zip(parts) {
                let d = amount.dollars();
                if d <= 0 {
                    continue;
                }
                let y0 = y_of(below as f64);
                let y1 = y_of((below + d) as f64);
                segments.push(Segment {
                    x: format!("{:.1}", gx + bar_w * i as f64 + 1.0),
                    y: format!("{y1:.1}"),
                    w: format!("{:.1}", (bar_w - 2.0).max(1.0)),
                    h: format!("{:.1}", (y0 - y1).max(0.5)),
                    class,
                    title: format!(
                        "{}, year {}: {name} {}",
                        w.name,
                        year + 1,
                        Cents::from_dollars(d)
                    ),
                });
                below += d;
            }
        }
    }
    let ticks = ticks(top_value, step, y_of);
    let summary: Vec<String> = offers
        .iter()
        .map(|w| {
            let totals: Vec<String> = w.years.iter().map(|y| y.total.whole()).collect();
            format!("{}: {}", w.name, totals.join(", "))
        })
        .collect();
    Some(OfferChart {
        summary: format!(
            "Total pay year by year, bars left to right in the order listed. {}.",
            summary.join("; ")
        ),
        view_box: format!("0 0 {WIDTH} {HEIGHT}"),
        left: format!("{LEFT_O}"),
        right: format!("{}", WIDTH - RIGHT),
        bottom: format!("{bottom:.1}"),
        ticks,
        label_x: format!("{}", LEFT_O - 6.0),
        years: labels,
        year_y: format!("{:.1}", bottom + 17.0),
        segments,
    })
}

/// The axis ticks from 0 to `top_value` every `step`, each placed by `at` and labelled in
/// dollars.
fn ticks(top_value: f64, step: f64, at: impl Fn(f64) -> f64) -> Vec<Tick> {
    let mut ticks = Vec::new();
    let mut v = 0.0;
    while v <= top_value + 0.5 {
        ticks.push(Tick {
            at: format!("{:.1}", at(v)),
            label: thousands(v),
        });
        v += step;
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(step_for(480_000.0), 100_000.0);
        assert_eq!(step_for(212_500.0), 50_000.0);
        assert_eq!(step_for(945_000.0), 200_000.0);
        assert_eq!(thousands(250_000.0), "$250K");
        assert_eq!(thousands(1_200_000.0), "$1.2M");
    }
}
