//! Plain-text rendering for the terminal. Only layout lives here; every value comes from the
//! core's views, so the terminal and the web app show the same facts.

use std::fmt::Write;

use debrief_coach::mock::upper_first;
use debrief_pack::{
    Catalog, Company, LoopView, Principle, QuestionHit, QuestionQuery, track_label,
};
use serde::Serialize;

/// Width text is wrapped to.
const WIDTH: usize = 96;

/// Greedy word wrap of `text` to `WIDTH`, every line prefixed with `indent`.
pub(crate) fn wrap(text: &str, indent: &str) -> String {
    let width = |s: &str| s.chars().count();
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && width(indent) + width(&line) + 1 + width(word) > WIDTH {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

/// Wraps `text` after a label, continuing lines aligned under the text. A long label gets its
/// own line, with the text below it, so the text keeps a readable width.
pub(crate) fn labelled(label: &str, text: &str, indent: &str) -> String {
    if label.chars().count() > 24 {
        let hanging = format!("{indent}  ");
        let mut out = wrap(label, &hanging).replacen(&hanging, indent, 1);
        out.push_str(&wrap(text, &format!("{indent}    ")));
        return out;
    }
    let head = format!("{indent}{label} ");
    let wrapped = wrap(text, &" ".repeat(head.len()));
    wrapped.replacen(&" ".repeat(head.len()), &head, 1)
}

pub(crate) fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}\n{}", "-".repeat(title.chars().count()));
}

fn bar(weight: u32) -> String {
    "■".repeat(weight as usize)
}

/// One loop of the list `debrief loop` prints without a company and role.
#[derive(Debug, Serialize)]
pub struct LoopRow {
    /// The loop id.
    pub id: String,
    /// "Amazon PM (PM-T)".
    pub name: String,
    /// Company id.
    pub company: String,
    /// Role id.
    pub role: String,
    /// The track within the role, when the loop is a track's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// How many rounds it has.
    pub rounds: usize,
    /// Its minutes in all.
    pub minutes: u32,
    /// The command that shows it.
    pub command: String,
}

impl LoopRow {
    /// Every loop of the content, in pack order.
    pub fn all(catalog: &Catalog) -> Vec<LoopRow> {
        catalog
            .loops_listed()
            .into_iter()
            .map(|l| {
                let mut command = format!("debrief loop {} {}", l.company, l.role);
                if let Some(t) = &l.track {
                    command.push_str(&format!(" --track {t}"));
                }
                LoopRow {
                    id: l.id.clone(),
                    name: catalog.name_of_loop(l),
                    company: l.company.clone(),
                    role: l.role.clone(),
                    track: l.track.clone(),
                    rounds: l.rounds.len(),
                    minutes: l.total_minutes(),
                    command,
                }
            })
            .collect()
    }
}

/// Every loop, one a line, with the command that shows it.
pub fn loop_list(catalog: &Catalog) -> String {
    let rows = LoopRow::all(catalog);
    let width = label_width(rows.iter().map(|r| r.name.as_str()));
    let mut out = String::from("Loops in the content\n====================\n");
    for r in &rows {
        let _ = writeln!(
            out,
            "  {:<width$}  {:>2} rounds, {:>3} min   {}",
            r.name, r.rounds, r.minutes, r.command
        );
    }
    out.push_str(
        "\nA track (such as Amazon's technical PM track, PM-T) has a loop of its own; without\n\
         --track you see the role's own loop.\n",
    );
    out
}

/// The loop page, as text.
pub fn loop_view(v: &LoopView<'_>) -> String {
    let mut out = String::new();
    let role_name = match v.track {
        Some(t) => format!("{} ({} track)", v.role.name, track_label(t)),
        None => v.role.name.clone(),
    };
    let title = match v.level {
        Some(level) => format!(
            "{} · {} · {} ({})",
            v.company.name,
            role_name,
            level.name,
            match v.role.id.as_str() {
                "pm" => &level.pm_title,
                _ => &level.pmm_title,
            }
        ),
        None => format!("{} · {}", v.company.name, role_name),
    };
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    out.push_str(&wrap(v.summary, ""));
    for other in &v.other_tracks {
        let command = match other {
            Some(t) => format!(
                "Also: the {} track has its own loop: debrief loop {} {} --track {t}",
                track_label(t),
                v.company.id,
                v.role.id
            ),
            None => format!(
                "Also: the {} loop without a track: debrief loop {} {}",
                v.role.short, v.company.id, v.role.id
            ),
        };
        out.push_str(&wrap(&command, ""));
    }
    if let Some(level) = v.level {
        heading(&mut out, &format!("At {}", level.name));
        out.push_str(&labelled("Scope:", &level.scope, "  "));
        out.push_str(&labelled("Bar:  ", &level.bar, "  "));
    } else if !v.levels.is_empty() {
        let names: Vec<&str> = v.levels.iter().map(|l| l.id.as_str()).collect();
        let _ = writeln!(
            out,
            "\nLevels: {} (add --level to see the bar at one)",
            names.join(", ")
        );
    }

    heading(
        &mut out,
        &format!(
            "Rounds ({} rounds, {} minutes in all)",
            v.rounds.len(),
            v.total_minutes
        ),
    );
    for r in &v.rounds {
        let badge = if r.round.bar_raiser {
            "  [BAR RAISER]"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{:>2}. {} · {} · {} min{}",
            r.order, r.round.title, r.kind_name, r.round.minutes, badge
        );
        out.push_str(&labelled("Interviewer:", &r.round.interviewer, "    "));
        out.push_str(&labelled("Judges:", &r.round.judges.join("; "), "    "));
        if !r.weighted_principles.is_empty() {
            let lps: Vec<String> = r
                .weighted_principles
                .iter()
                .map(|p| format!("{} {}", p.name, bar(p.weight)))
                .collect();
            out.push_str(&labelled("Weighs:", &lps.join(", "), "    "));
        }
        if !r.round.competencies.is_empty() {
            out.push_str(&labelled(
                "Scores:",
                &r.round.competencies.join("; "),
                "    ",
            ));
        }
        if let Some(e) = &r.round.elimination {
            out.push_str(&labelled("Where people fail:", e, "    "));
        }
        out.push_str(&labelled(
            "Source:",
            &format!("{} ({})", r.round.source, r.round.as_of),
            "    ",
        ));
    }

    if !v.stages.is_empty() {
        heading(&mut out, "Steps that are not interviews");
        for s in &v.stages {
            let after = match s.after_round {
                Some(title) => format!("after {title}"),
                None => "after the loop".to_owned(),
            };
            let _ = writeln!(out, "- {} ({after})", s.stage.name);
            out.push_str(&labelled("What happens:", &s.stage.about, "    "));
            out.push_str(&labelled("What you can do:", &s.stage.prepare, "    "));
            out.push_str(&labelled(
                "Source:",
                &format!("{} ({})", s.stage.source, s.stage.as_of),
                "    ",
            ));
        }
    }

    if !v.principle_weights.is_empty() {
        let title = format!(
            "{} weighted across the loop",
            upper_first(v.company.principles_noun())
        );
        heading(&mut out, &title);
        let width = label_width(v.principle_weights.iter().map(|p| p.name));
        for p in &v.principle_weights {
            let _ = writeln!(
                out,
                "  {:<width$}  {:>2} {}",
                p.name,
                p.weight,
                bar(p.weight)
            );
        }
    }

    if !v.eliminations.is_empty() {
        heading(&mut out, "Known elimination points");
        for e in v.eliminations {
            let round = v
                .rounds
                .iter()
                .find(|r| r.round.id == e.round)
                .map_or(e.round.as_str(), |r| r.round.title.as_str());
            out.push_str(&labelled(&format!("- {round}:"), &e.what, "  "));
            let _ = writeln!(out, "      ({}, {})", e.source, e.as_of);
        }
    }

    if !v.timeline.is_empty() || !v.figures.is_empty() {
        heading(&mut out, "Timeline and figures (sources side by side)");
        for t in v.timeline {
            let days = if t.min_days == t.max_days {
                format!("{} days", t.max_days)
            } else {
                format!("{}-{} days", t.min_days, t.max_days)
            };
            out.push_str(&labelled(
                &format!("- {}: {days}", t.label),
                &format!("({}, {})", t.source, t.as_of),
                "  ",
            ));
            if let Some(note) = &t.note {
                out.push_str(&wrap(note, "      "));
            }
        }
        for f in v.figures {
            out.push_str(&labelled(
                &format!("- {}: {}", f.label, f.value),
                &format!("({}, {})", f.source, f.as_of),
                "  ",
            ));
        }
    }

    for c in &v.checklists {
        heading(&mut out, &format!("Checklist: {}", c.title));
        for item in &c.items {
            out.push_str(&labelled("[ ]", &item.text, "  "));
            out.push_str(&wrap(&format!("Why: {}", item.why), "      "));
        }
    }
    out
}

/// The question list, as text.
pub fn questions(catalog: &Catalog, hits: &[QuestionHit<'_>], query: &QuestionQuery) -> String {
    let mut out = String::new();
    if let Some(text) = &query.search {
        let read: Vec<String> = catalog
            .search_corrections(text)
            .into_iter()
            .map(|(typed, as_word)| format!("“{typed}” as “{as_word}”"))
            .collect();
        if !read.is_empty() {
            let _ = writeln!(
                out,
                "Read {}: no question uses {} as typed.\n",
                read.join(", "),
                if read.len() == 1 { "it" } else { "them" }
            );
        }
    }
    if hits.is_empty() {
        out.push_str("No questions match. Loosen a filter or try other search words.\n");
        return out;
    }
    for h in hits {
        let q = h.question;
        let kind = catalog
            .round_kind(&q.round)
            .map_or(q.round.as_str(), |k| k.name.as_str());
        let roles: Vec<String> = q.roles.iter().map(|r| r.to_uppercase()).collect();
        let mut tags = vec![kind.to_owned(), roles.join("/"), q.difficulty.clone()];
        if let Some(c) = &q.company {
            tags.push(catalog.company(c).map_or(c.clone(), |c| c.name.clone()));
        }
        let _ = writeln!(out, "{}  [{}]", q.id, tags.join(" · "));
        out.push_str(&wrap(&q.text, "    "));
        if !q.principles.is_empty() {
            let names: Vec<&str> = q
                .principles
                .iter()
                .map(|p| catalog.principle(p).map_or(p.as_str(), |p| p.name.as_str()))
                .collect();
            out.push_str(&labelled("Probes:", &names.join(", "), "    "));
        }
        out.push('\n');
    }
    let how = if query.search.is_some() {
        ", best match first"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{} question{}{how}",
        hits.len(),
        if hits.len() == 1 { "" } else { "s" }
    );
    out
}

/// A company's principles, as text, under the company's own word for them ("Google's hiring
/// attributes").
pub fn principles(company: &Company, list: &[&Principle]) -> String {
    let title = format!("{}'s {}", company.name, company.principles_noun());
    let mut out = format!("{title}\n{}\n", "=".repeat(title.chars().count()));
    if list.is_empty() {
        let _ = writeln!(out, "\nThe content holds no {}.", company.principles_noun());
    }
    for p in list {
        let _ = writeln!(out, "\n{:>2}. {}  ({})", p.number, p.name, p.id);
        out.push_str(&wrap(&p.gist, "    "));
    }
    out.push_str("\nRun `debrief lp <id>` for how a PM and a PMM each prove one.\n");
    out
}

/// One principle, as text.
pub fn principle(catalog: &Catalog, p: &Principle) -> String {
    let mut out = String::new();
    let title = format!("{}. {}", p.number, p.name);
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    out.push_str(&wrap(&p.gist, ""));
    heading(&mut out, "How a PM proves it");
    out.push_str(&wrap(&p.pm_proof, "  "));
    heading(&mut out, "How a PMM proves it");
    out.push_str(&wrap(&p.pmm_proof, "  "));
    if !p.pitfalls.is_empty() {
        heading(&mut out, "Pitfalls");
        for pitfall in &p.pitfalls {
            out.push_str(&labelled("-", pitfall, "  "));
        }
    }
    let count = catalog
        .questions()
        .iter()
        .filter(|q| q.principles.contains(&p.id))
        .count();
    let _ = writeln!(
        out,
        "\n{count} questions probe it: debrief questions --lp {}",
        p.id
    );
    out
}

/// A graded answer, as text: the answer with findings marked, the findings, the dimension
/// table and the rating.
/// The widest of `labels` in characters: the column they are padded to.
fn label_width<'a>(labels: impl Iterator<Item = &'a str>) -> usize {
    labels.map(|l| l.chars().count()).max().unwrap_or(0)
}

pub fn report(answer: &str, r: &debrief_grader::Report, catalog: &Catalog) -> String {
    let mut out = String::new();
    let lean = if r.role_lean > 0.15 {
        "PM framing"
    } else if r.role_lean < -0.15 {
        "PMM framing"
    } else {
        "balanced framing"
    };
    let role = r
        .role
        .map_or("role-neutral".to_owned(), |x| x.label().to_owned());
    let _ = writeln!(
        out,
        "Score {}/100 · {} · {} · {} ({})",
        r.score,
        r.rating.label(),
        role,
        r.round,
        r.rubric
    );
    let clock = |s: u32| format!("{}m{:02}s", s / 60, s % 60);
    let _ = writeln!(
        out,
        "{} words · about {} spoken (budget {}) · role lean {:+.2} ({lean})",
        r.words,
        clock(r.spoken_seconds),
        clock(r.budget_seconds),
        r.role_lean
    );
    if let Some(f) = r.fillers_per_minute {
        let _ = writeln!(out, "{f:.1} filler words a minute");
    }

    heading(&mut out, "Your answer, with findings marked");
    // A rule that fires in several places is one finding with several quotes: its message is
    // said once, and each place in the answer carries its number.
    let mut rules: Vec<&str> = Vec::new();
    let number: Vec<usize> = r
        .findings
        .iter()
        .map(|f| match rules.iter().position(|&id| id == f.rule) {
            Some(i) => i + 1,
            None => {
                rules.push(&f.rule);
                rules.len()
            }
        })
        .collect();
    let mut marked = String::new();
    let mut at = 0;
    for (f, &n) in r.findings.iter().zip(&number) {
        // Overlapping findings are listed below but marked once.
        if f.start < at || f.end > answer.len() {
            continue;
        }
        marked.push_str(&answer[at..f.start]);
        let _ = write!(marked, "[{}]{}", &answer[f.start..f.end], superscript(n));
        at = f.end;
    }
    marked.push_str(&answer[at.min(answer.len())..]);
    for paragraph in marked.split("\n\n") {
        out.push_str(&wrap(paragraph, "  "));
        out.push('\n');
    }

    if r.findings.is_empty() {
        out.push_str("No findings: nothing weak was detected.\n");
    } else {
        heading(&mut out, &format!("Findings ({})", r.findings.len()));
        for (g, rule) in rules.iter().enumerate() {
            let places: Vec<&debrief_grader::Finding> =
                r.findings.iter().filter(|f| f.rule == *rule).collect();
            let Some(f) = places.first() else { continue };
            let quotes: Vec<String> = places
                .iter()
                .map(|p| {
                    let quote: String = p.text.chars().take(80).collect();
                    format!("\"{}\"", quote.replace('\n', " "))
                })
                .collect();
            if places.len() > 1 {
                let _ = writeln!(
                    out,
                    "{:>3}. {:?} · {} · {} places:",
                    g + 1,
                    f.severity,
                    f.category,
                    places.len()
                );
                out.push_str(&wrap(&quotes.join(", "), "       "));
            } else {
                let _ = writeln!(
                    out,
                    "{:>3}. {:?} · {} · {}",
                    g + 1,
                    f.severity,
                    f.category,
                    quotes.join(", ")
                );
            }
            out.push_str(&wrap(&f.message, "       "));
            out.push_str(&wrap(&format!("Instead: {}", f.suggestion), "       "));
        }
    }

    heading(&mut out, "Rubric");
    let width = label_width(r.dimensions.iter().map(|d| d.label.as_str()));
    for d in &r.dimensions {
        let word =
            ["", "strong no hire", "no hire", "hire", "strong hire"][usize::from(d.score.min(4))];
        let _ = writeln!(
            out,
            "  {:<width$}  {:>3}%  {}/4 {word}",
            d.label, d.weight, d.score
        );
        for e in d.evidence.iter().take(3) {
            let quote: String = e.text.chars().take(60).collect();
            let _ = writeln!(
                out,
                "  {:<width$}         \"{}\" ({})",
                "",
                quote.replace('\n', " "),
                e.note
            );
        }
        // Below Hire, what the grader looked for and did not find: the rubric's Hire anchor.
        if d.score < 3
            && let Some(hire) = catalog.next_anchor(&r.rubric, &d.id, 2)
        {
            let indent = format!("  {:<width$}         ", "");
            out.push_str(&wrap(&format!("For hire: {hire}"), &indent));
        }
    }
    heading(&mut out, "How the score adds up");
    let width = label_width(r.score_parts.iter().map(|p| p.label.as_str()));
    for p in &r.score_parts {
        let _ = writeln!(
            out,
            "  {:<width$}  {:>+6.1}  {}",
            p.label,
            p.points,
            p.shown()
        );
    }
    let uncapped = r.uncapped_score();
    if uncapped > r.score {
        let _ = writeln!(
            out,
            "  The parts add up to {uncapped}; a finding caps the score at {}.",
            r.score
        );
    }
    let _ = writeln!(out, "\nRating: {} ({}/100)", r.rating.label(), r.score);

    let star = [
        ("situation", &r.star.situation),
        ("task", &r.star.task),
        ("action", &r.star.action),
        ("result", &r.star.result),
    ];
    if star.iter().any(|(_, s)| !s.is_empty()) {
        let parts: Vec<String> = star
            .iter()
            .map(|(name, spans)| {
                let bytes: usize = spans.iter().map(|s| s.end - s.start).sum();
                let share = bytes * 100 / answer.len().max(1);
                format!(
                    "{name} {} sentence{} ({share}%)",
                    spans.len(),
                    if spans.len() == 1 { "" } else { "s" }
                )
            })
            .collect();
        let _ = writeln!(out, "STAR: {}", parts.join(", "));
    }
    if !r.metrics.is_empty() {
        let numbers: Vec<&str> = r.metrics.iter().map(|m| m.text.as_str()).collect();
        let _ = writeln!(out, "Numbers: {}", numbers.join(", "));
    }
    out
}

fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// Calibration figures, as text.
pub fn calibration(
    r: &debrief_grader::calibrate::CalibrationReport,
    shortfalls: &[String],
) -> String {
    let mut out = String::from("Grader calibration\n==================\n");
    let _ = writeln!(
        out,
        "\nThe standard slice (the floors recorded before slices existed):"
    );
    let _ = writeln!(
        out,
        "\n{:<28} {:>8} {:>10} {:>8}",
        "", "tuning", "held-out", "all"
    );
    let row = |out: &mut String,
               name: &str,
               f: &dyn Fn(&debrief_grader::calibrate::PartFigures) -> String| {
        let _ = writeln!(
            out,
            "{:<28} {:>8} {:>10} {:>8}",
            name,
            f(&r.tuning),
            f(&r.held_out),
            f(&r.all)
        );
    };
    row(&mut out, "pairs", &|p| p.pairs.to_string());
    row(&mut out, "pairwise accuracy", &|p| {
        format!("{:.3}", p.pairwise_accuracy)
    });
    row(&mut out, "AUC", &|p| format!("{:.3}", p.auc));
    row(&mut out, "mean score, strong", &|p| {
        format!("{:.1}", p.mean_strong)
    });
    row(&mut out, "mean score, weak", &|p| {
        format!("{:.1}", p.mean_weak)
    });
    row(&mut out, "strong rated hire+", &|p| {
        format!("{:.3}", p.strong_rated_hire)
    });
    row(&mut out, "weak rated no hire-", &|p| {
        format!("{:.3}", p.weak_rated_no_hire)
    });
    heading(&mut out, "Recall per category (standard pairs)");
    let _ = writeln!(
        out,
        "  {:<26} {:>8} {:>8} {:>8} {:>14}",
        "category", "labelled", "caught", "recall", "strong flagged"
    );
    for (c, x) in &r.all.recall {
        let _ = writeln!(
            out,
            "  {:<26} {:>8} {:>8} {:>8.3} {:>14}",
            c, x.labelled, x.caught, x.recall, x.strong_flagged
        );
    }
    heading(&mut out, "Slices (tuning / held-out)");
    let _ = writeln!(
        out,
        "  {:<16} {:>9} {:>15} {:>15} {:>15}",
        "slice", "pairs", "pairwise", "strong hire+", "weak no hire-"
    );
    let pair = |t: f64, h: f64| format!("{t:.2} / {h:.2}");
    let slices = r
        .slices
        .iter()
        .map(|(s, f)| (s.id(), f))
        .chain(std::iter::once(("all", &r.whole)));
    for (name, f) in slices {
        let _ = writeln!(
            out,
            "  {:<16} {:>9} {:>15} {:>15} {:>15}",
            name,
            format!("{} / {}", f.tuning.pairs, f.held_out.pairs),
            pair(f.tuning.pairwise_accuracy, f.held_out.pairwise_accuracy),
            pair(f.tuning.strong_rated_hire, f.held_out.strong_rated_hire),
            pair(f.tuning.weak_rated_no_hire, f.held_out.weak_rated_no_hire),
        );
    }
    heading(&mut out, "Honesty and gaming");
    let (tt, th) = (&r.traps.0, &r.traps.1);
    let _ = writeln!(
        out,
        "  trap strong answers with no wrong finding: {}/{} tuning, {}/{} held-out",
        tt.clean, tt.pairs, th.clean, th.pairs
    );
    for (name, g) in [("tuning", &r.gaming.0), ("held-out", &r.gaming.1)] {
        let kinds: Vec<String> = g
            .by_kind
            .iter()
            .map(|(k, (n, rejected))| format!("{} {rejected}/{n}", k.id()))
            .collect();
        let _ = writeln!(
            out,
            "  gaming cases rated no hire or worse ({name}): {}/{} ({})",
            g.rejected,
            g.cases,
            kinds.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "  labels added to strong answers: {}/{} within {} points{}",
        r.labels.within_tolerance,
        r.labels.answers,
        debrief_grader::calibrate::LABEL_TOLERANCE,
        r.labels
            .largest
            .as_ref()
            .map(|(id, moved)| format!(" (largest move {moved:+} on {id})"))
            .unwrap_or_default()
    );
    if r.examples.answers > 0 {
        let e = &r.examples;
        let _ = writeln!(
            out,
            "  model answers: strong above weak {}/{} pairs; rating agrees with the label {}/{}{}",
            e.ranked_right,
            e.pairs,
            e.label_agrees,
            e.answers,
            if e.disagreements.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = e
                    .disagreements
                    .iter()
                    .map(|(id, score)| format!("{id} {score}"))
                    .collect();
                format!(" (not: {})", list.join(", "))
            }
        );
    }
    if !r.artifacts.is_empty() {
        heading(&mut out, "Artifact checker (tuning / held-out)");
        let _ = writeln!(
            out,
            "  {:<20} {:>9} {:>13} {:>14} {:>15}",
            "kind", "pairs", "pairwise", "strong hire+", "weak no hire-"
        );
        for (kind, f) in &r.artifacts {
            let (t, h) = (&f.tuning, &f.held_out);
            let _ = writeln!(
                out,
                "  {:<20} {:>9} {:>13} {:>14} {:>15}",
                kind,
                format!("{} / {}", t.pairs, h.pairs),
                format!("{:.2} / {:.2}", t.pairwise_accuracy, h.pairwise_accuracy),
                format!("{:.2} / {:.2}", t.strong_rated_hire, h.strong_rated_hire),
                format!("{:.2} / {:.2}", t.weak_rated_no_hire, h.weak_rated_no_hire),
            );
        }
        for (kind, f) in &r.artifacts {
            for (name, p) in [("tuning", &f.tuning), ("held-out", &f.held_out)] {
                for (id, strong, weak) in &p.misranked {
                    let _ = writeln!(
                        out,
                        "  ranked wrong ({kind}, {name}): {id}: strong {strong} vs weak {weak}"
                    );
                }
            }
        }
        let e = &r.artifact_examples;
        if e.documents > 0 {
            let _ = writeln!(
                out,
                "  example documents: strong above weak {}/{} pairs; rating agrees with the label {}/{}",
                e.ranked_right, e.pairs, e.label_agrees, e.documents
            );
        }
    }
    for (name, part) in [("tuning", &r.tuning), ("held-out", &r.held_out)] {
        if !part.misses.is_empty() {
            heading(&mut out, &format!("Pairs ranked wrong ({name})"));
            for m in &part.misses {
                let _ = writeln!(out, "  {}: strong {} vs weak {}", m.id, m.strong, m.weak);
            }
        }
    }
    if shortfalls.is_empty() {
        out.push_str("\nAll figures are at or above their recorded levels.\n");
    } else {
        heading(&mut out, "Below the recorded levels");
        for s in shortfalls {
            let _ = writeln!(out, "  - {s}");
        }
    }
    out
}

/// Model answers as text: each with its label, question, answer, notes and the grader's read.
pub fn examples(examples: &[debrief_practice::GradedExample<'_>]) -> String {
    let mut out = String::new();
    if examples.is_empty() {
        out.push_str("No model answers for that role and round kind yet.\n");
        return out;
    }
    for e in examples {
        let _ = writeln!(
            out,
            "{}  [{} · {} · {}]  grader: {}/100, {}",
            e.id,
            e.label.to_uppercase(),
            e.round,
            e.role.to_uppercase(),
            e.score,
            e.rating
        );
        out.push_str(&labelled(
            "Question:",
            &format!("{} ({})", e.question, e.question_id),
            "    ",
        ));
        for (i, para) in e
            .answer
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .enumerate()
        {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&wrap(para, "    "));
        }
        out.push('\n');
        for n in e.notes {
            out.push_str(&labelled("-", n, "    "));
        }
        if e.grader_disagrees {
            out.push_str(&wrap(
                "The grader's rating disagrees with the label here: it still reads some answers by \
                 their words rather than their thinking. Trust the notes.",
                "    ",
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_the_width_and_indents() {
        let text = "word ".repeat(40);
        let wrapped = wrap(&text, "  ");
        assert!(wrapped.lines().count() > 1);
        for line in wrapped.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
            assert!(line.starts_with("  word"));
        }
    }

    #[test]
    fn labelled_aligns_continuations_under_the_text() {
        let text = "alpha ".repeat(30);
        let out = labelled("Judges:", &text, "  ");
        let mut lines = out.lines();
        assert!(
            lines
                .next()
                .is_some_and(|l| l.starts_with("  Judges: alpha"))
        );
        assert!(
            lines
                .next()
                .is_some_and(|l| l.starts_with("          alpha"))
        );
    }
}
