//! `debrief guide`: the guides as terminal text (every guide listed, or one read through with
//! its numbered sources and where to practise), or as JSON.

use std::fmt::Write;
use std::process::ExitCode;

use debrief_pack::{Catalog, Guide, Role};
use serde::Serialize;

use crate::render::{heading, labelled, wrap};
use crate::{Usage, print_json, print_text};

/// A guide as the list's JSON gives it: enough to choose one, without its prose.
#[derive(Serialize)]
struct Summary<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    companies: &'a [String],
    roles: &'a [String],
    loops: &'a [String],
    minutes: usize,
}

/// One guide as `debrief guide ID --json` gives it: its lists under plural names.
#[derive(Serialize)]
struct Full<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    companies: &'a [String],
    roles: &'a [String],
    loops: &'a [String],
    questions: &'a [String],
    as_of: &'a str,
    sections: &'a [debrief_pack::GuideSection],
    sources: &'a [debrief_pack::GuideSource],
}

/// Lists the guides, or prints the one named `id`.
pub(crate) fn run(catalog: &Catalog, id: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    match id {
        Some(id) => {
            let guide = catalog.guide(id).map_err(Usage::from)?;
            if json {
                print_json(&Full {
                    id: &guide.id,
                    title: &guide.title,
                    summary: &guide.summary,
                    companies: &guide.companies,
                    roles: &guide.roles,
                    loops: &guide.loops,
                    questions: &guide.questions,
                    as_of: &guide.as_of,
                    sections: &guide.sections,
                    sources: &guide.sources,
                })?;
            } else {
                print_text(&show(catalog, guide))?;
            }
        }
        None if json => {
            let list: Vec<Summary<'_>> = catalog
                .guides()
                .iter()
                .map(|g| Summary {
                    id: &g.id,
                    title: &g.title,
                    summary: &g.summary,
                    companies: &g.companies,
                    roles: &g.roles,
                    loops: &g.loops,
                    minutes: g.reading_minutes(),
                })
                .collect();
            print_json(&list)?;
        }
        None => print_text(&list(catalog))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// "Amazon · PM · 4 min read".
fn about(catalog: &Catalog, guide: &Guide) -> String {
    let mut parts: Vec<String> = guide
        .companies
        .iter()
        .map(|c| catalog.company(c).map_or(c.clone(), |c| c.name.clone()))
        .collect();
    let roles: Vec<&str> = guide
        .roles
        .iter()
        .map(|r| Role::parse(r).map_or(r.as_str(), |role| role.label()))
        .collect();
    parts.push(roles.join(" and "));
    parts.push(format!("{} min read", guide.reading_minutes()));
    parts.join(" · ")
}

/// Every guide: the general ones first, then the loop guides company by company.
pub(crate) fn list(catalog: &Catalog) -> String {
    let mut out = String::from("Guides\n======\n");
    let width = catalog
        .guides()
        .iter()
        .map(|g| g.id.chars().count())
        .max()
        .unwrap_or(0);
    let group = |out: &mut String, title: &str, guides: Vec<&Guide>| {
        if guides.is_empty() {
            return;
        }
        heading(out, title);
        for g in guides {
            let _ = writeln!(out, "  {:<width$}  {}", g.id, g.title);
            let _ = writeln!(out, "  {:<width$}  {}", "", about(catalog, g));
        }
    };
    group(&mut out, "Start here", catalog.general_guides());
    for c in catalog.companies() {
        let guides = catalog
            .guides()
            .iter()
            .filter(|g| g.is_loop_guide() && g.companies.contains(&c.id))
            .collect();
        group(&mut out, &format!("{} loops", c.name), guides);
    }
    if catalog.guides().is_empty() {
        out.push_str("\nThe content holds no guides.\n");
    } else {
        out.push_str("\nRun `debrief guide <id>` to read one.\n");
    }
    out
}

/// One guide, read through: its sections, its numbered sources, where to practise and its
/// questions. Citations stay as written (`[1]`) and point at the numbered sources.
pub(crate) fn show(catalog: &Catalog, guide: &Guide) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n{}",
        guide.title,
        "=".repeat(guide.title.chars().count())
    );
    let _ = writeln!(out, "{} · checked {}\n", about(catalog, guide), guide.as_of);
    out.push_str(&wrap(&guide.summary, ""));
    for s in &guide.sections {
        heading(&mut out, &s.heading);
        for (i, p) in s.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&wrap(p, ""));
        }
        if !s.points.is_empty() {
            out.push('\n');
        }
        for p in &s.points {
            out.push_str(&labelled("-", p, "  "));
        }
    }
    heading(&mut out, "Sources");
    let width = guide.sources.len().to_string().len() + 2;
    let hanging = " ".repeat(width + 3);
    for (i, s) in guide.sources.iter().enumerate() {
        let number = format!("[{}]", i + 1);
        out.push_str(&labelled(&format!("{number:>width$}"), &s.title, "  "));
        let line = match &s.loop_id {
            Some(id) => match catalog.loops().iter().find(|l| &l.id == id) {
                Some(l) => format!(
                    "debrief loop {} {} (each figure with its own source and date)",
                    l.company, l.role
                ),
                None => format!("the {id} loop"),
            },
            None => format!("{} ({})", s.url, s.date_label()),
        };
        let _ = writeln!(out, "{hanging}{line}");
    }
    if !guide.loops.is_empty() {
        heading(&mut out, "Practise");
        for l in catalog
            .loops()
            .iter()
            .filter(|l| guide.loops.contains(&l.id))
        {
            let level = catalog
                .default_level(&l.company)
                .map(|lv| format!(" --level {}", lv.id))
                .unwrap_or_default();
            let (c, r) = (&l.company, &l.role);
            let _ = writeln!(out, "  debrief loop {c} {r}");
            let _ = writeln!(out, "  debrief questions --company {c} --role {r}");
            let _ = writeln!(out, "  debrief mock --company {c} --role {r}{level}");
        }
    }
    let questions: Vec<_> = guide
        .questions
        .iter()
        .filter_map(|q| catalog.question(q))
        .collect();
    if !questions.is_empty() {
        heading(&mut out, "Questions to practise");
        let width = questions
            .iter()
            .map(|q| q.id.chars().count())
            .max()
            .unwrap_or(0);
        for q in questions {
            out.push_str(&labelled(&format!("{:<width$}", q.id), &q.text, "  "));
        }
        out.push_str("\nAnswer one with `debrief grade --question \"...\"`, or on the web app's Practice page.\n");
    }
    out
}
