//! Links, names and question cards: catalog values reshaped for templates, and the words pages
//! use for what went wrong.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use debrief_coach::progress::artifact_of;
use debrief_pack::{
    Catalog, Guide, LookupError, LoopView, Question, QuestionHit, Role, track_label,
};

use crate::params::{href, loop_href, role_label, track_loop_href};

/// A link with its label.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub label: String,
    pub href: String,
    /// Secondary text shown under or beside the label.
    pub note: String,
    /// Whether this is the page being shown (rendered with `aria-current`).
    pub current: bool,
}

impl Link {
    pub(crate) fn new(label: impl Into<String>, href: impl Into<String>) -> Link {
        Link {
            label: label.into(),
            href: href.into(),
            note: String::new(),
            current: false,
        }
    }

    pub(crate) fn note(mut self, note: impl Into<String>) -> Link {
        self.note = note.into();
        self
    }
}

/// Display names by id, built per request from the catalog (a few dozen entries).
pub(crate) struct Names<'a> {
    kinds: BTreeMap<&'a str, &'a str>,
    /// Artifact kinds by id: an artifact drill's attempt names its kind `artifact:<id>` where
    /// an answer names its round kind.
    artifacts: BTreeMap<&'a str, &'a str>,
    companies: BTreeMap<&'a str, &'a str>,
    principles: BTreeMap<&'a str, &'a str>,
    /// Model answers by (role, round kind).
    examples: BTreeMap<(&'a str, &'a str), usize>,
}

impl<'a> Names<'a> {
    pub(crate) fn new(catalog: &'a Catalog) -> Names<'a> {
        Names {
            kinds: catalog
                .round_kinds()
                .iter()
                .map(|k| (k.id.as_str(), k.name.as_str()))
                .collect(),
            artifacts: catalog
                .artifact_kinds()
                .iter()
                .map(|k| (k.id.as_str(), k.name.as_str()))
                .collect(),
            companies: catalog
                .companies()
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect(),
            principles: catalog
                .principles()
                .into_iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
            examples: catalog.examples().iter().fold(BTreeMap::new(), |mut m, e| {
                *m.entry((e.role.as_str(), e.round.as_str())).or_insert(0) += 1;
                m
            }),
        }
    }

    /// Links to the model answers for a question's round kind, one per role asked that has
    /// some: "Model answers for Go-to-market case (PMM)".
    fn example_links(&self, question: &Question) -> Vec<Link> {
        question
            .roles
            .iter()
            .filter(|r| {
                self.examples
                    .contains_key(&(r.as_str(), question.round.as_str()))
            })
            .map(|r| {
                Link::new(
                    format!(
                        "Model answers for {} ({})",
                        self.kind(&question.round),
                        role_label(r)
                    ),
                    href(
                        "/examples",
                        &[("role", r.as_str()), ("round", question.round.as_str())],
                    ),
                )
            })
            .collect()
    }

    fn get<'s>(map: &BTreeMap<&'a str, &'a str>, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        map.get(id).copied().unwrap_or(id)
    }

    /// A round kind's name, or an artifact kind's for `artifact:<id>`; an id the content no
    /// longer has is shown as it is.
    pub(crate) fn kind<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        match artifact_of(id) {
            Some(artifact) => self.artifacts.get(artifact).copied().unwrap_or(id),
            None => Self::get(&self.kinds, id),
        }
    }

    pub(crate) fn principle<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        Self::get(&self.principles, id)
    }
}

/// A question as a result card shows it.
pub(crate) struct QuestionCard<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub kind_name: &'a str,
    pub roles: Vec<&'a str>,
    pub company: Option<(&'a str, &'a str)>,
    pub principles: Vec<Link>,
    pub difficulty: &'a str,
    pub signals: &'a [String],
    pub follow_ups: &'a [String],
    /// The Practice page with this question picked.
    pub practice_href: String,
    /// The model answers for its round kind, per role asked.
    pub examples: Vec<Link>,
}

impl<'a> QuestionCard<'a> {
    pub(crate) fn new(question: &'a Question, names: &Names<'a>) -> QuestionCard<'a> {
        QuestionCard {
            id: &question.id,
            text: &question.text,
            kind_name: names.kind(&question.round),
            roles: question.roles.iter().map(|r| role_label(r)).collect(),
            company: question
                .company
                .as_deref()
                .map(|c| (c, Names::get(&names.companies, c))),
            principles: question
                .principles
                .iter()
                .map(|p| Link::new(names.principle(p), format!("/lp/{p}")))
                .collect(),
            difficulty: &question.difficulty,
            signals: &question.signals,
            follow_ups: &question.follow_ups,
            practice_href: href("/practice", &[("question", &question.id)]),
            examples: names.example_links(question),
        }
    }

    pub(crate) fn from_hits(hits: &[QuestionHit<'a>], names: &Names<'a>) -> Vec<QuestionCard<'a>> {
        hits.iter()
            .map(|h| QuestionCard::new(h.question, names))
            .collect()
    }
}

/// One timeline span drawn as a bar on a shared day scale, so spans from different sources
/// can be compared at a glance.
pub(crate) struct SpanRow<'a> {
    pub label: &'a str,
    pub days: String,
    pub source: &'a str,
    pub as_of: &'a str,
    pub note: &'a str,
    /// Bar start, in percent of the scale.
    pub left: u32,
    /// Bar width, in percent of the scale.
    pub width: u32,
}

/// The loop's timeline spans on one scale, and the scale's ticks in days.
pub(crate) fn timeline_rows<'a>(view: &LoopView<'a>) -> (Vec<SpanRow<'a>>, Vec<(u32, u32)>) {
    // A whole number of weeks, so ticks land on week boundaries.
    let longest = view
        .timeline
        .iter()
        .map(|t| t.max_days.max(t.min_days))
        .max()
        .unwrap_or(0);
    let scale = longest.div_ceil(28).max(1) * 28;
    let percent = |days: u32| days.min(scale) * 100 / scale;
    let rows = view
        .timeline
        .iter()
        .map(|t| {
            let (low, high) = (t.min_days.min(t.max_days), t.max_days.max(t.min_days));
            SpanRow {
                label: &t.label,
                days: if low == high {
                    format!("{low} days")
                } else {
                    format!("{low}–{high} days")
                },
                source: &t.source,
                as_of: &t.as_of,
                note: t.note.as_deref().unwrap_or(""),
                left: percent(low),
                width: (percent(high) - percent(low)).max(2),
            }
        })
        .collect();
    let ticks = (0..=4).map(|i| (scale * i / 4, i * 25)).collect();
    (rows, ticks)
}

/// What an error page shows: the status, what was wrong, and the valid choices as links.
#[derive(Debug)]
pub(crate) struct Trouble {
    pub status: StatusCode,
    pub heading: String,
    pub message: String,
    pub choices_heading: String,
    pub choices: Vec<Link>,
}

/// Explains a failed loop lookup for `company` and `role` as given, with a link for every
/// valid choice that keeps the rest of the request.
pub(crate) fn loop_trouble(
    catalog: &Catalog,
    error: &LookupError,
    company: &str,
    role: &str,
) -> Trouble {
    let role = Role::parse(role).unwrap_or(Role::Pm).id();
    let (heading, choices_heading, choices) = match error {
        LookupError::UnknownCompany { valid, .. } => (
            "We don’t cover that company",
            "Companies with loops",
            valid
                .iter()
                .filter_map(|id| catalog.company(id).ok())
                .map(|c| Link::new(c.name.clone(), loop_href(&c.id, role, None)))
                .collect(),
        ),
        LookupError::UnknownRole { .. } => (
            "That role isn’t one we prepare for",
            "Roles",
            catalog
                .roles()
                .iter()
                .map(|r| {
                    Link::new(r.name.clone(), loop_href(company, &r.id, None)).note(r.short.clone())
                })
                .collect(),
        ),
        LookupError::UnknownLevel { valid, .. } => {
            let role_enum = Role::parse(role).unwrap_or(Role::Pm);
            (
                "That level isn’t in this loop",
                "Levels this loop hires at",
                valid
                    .iter()
                    .filter_map(|id| catalog.levels_of(company).find(|l| &l.id == id))
                    .map(|l| {
                        Link::new(l.name.clone(), loop_href(company, role, Some(&l.id)))
                            .note(l.title_for(role_enum).to_owned())
                    })
                    .collect(),
            )
        }
        LookupError::NoLoop { .. } => (
            "No loop for that role yet",
            "Loops in the content pack",
            all_loops(catalog),
        ),
        LookupError::UnknownTrack { .. } => {
            let role_enum = Role::parse(role).unwrap_or(Role::Pm);
            let company_id = catalog.company(company).map_or(company, |c| c.id.as_str());
            (
                "No loop on that track",
                "Loops for this company and role",
                catalog
                    .loops()
                    .iter()
                    .filter(|l| l.company == company_id && l.role == role_enum.id())
                    .map(|l| {
                        Link::new(
                            catalog.name_of_loop(l),
                            track_loop_href(&l.company, &l.role, l.track.as_deref(), None),
                        )
                    })
                    .collect(),
            )
        }
        LookupError::UnknownRoundKind { .. }
        | LookupError::UnknownPrinciple { .. }
        | LookupError::UnknownSchedule { .. }
        | LookupError::UnknownGuide { .. }
        | LookupError::UnknownArtifact { .. }
        | LookupError::UnknownArtifactPrompt { .. } => {
            ("Not found", "Loops in the content pack", all_loops(catalog))
        }
    };
    Trouble {
        status: StatusCode::NOT_FOUND,
        heading: heading.to_owned(),
        message: sentence(&error.to_string()),
        choices_heading: choices_heading.to_owned(),
        choices,
    }
}

/// Every loop as a link, "Amazon · PMM", with its track when it has one: "Amazon · PM (PM-T)".
pub(crate) fn all_loops(catalog: &Catalog) -> Vec<Link> {
    catalog
        .loops_listed()
        .into_iter()
        .map(|l| {
            let company = catalog
                .company(&l.company)
                .map_or(l.company.as_str(), |c| c.name.as_str());
            let role = match &l.track {
                Some(t) => format!("{} ({})", role_label(&l.role), track_label(t)),
                None => role_label(&l.role).to_owned(),
            };
            Link::new(
                format!("{company} · {role}"),
                track_loop_href(&l.company, &l.role, l.track.as_deref(), None),
            )
            .note(format!(
                "{} rounds · {} min",
                l.rounds.len(),
                l.total_minutes()
            ))
        })
        .collect()
}

/// Every company's principles as links to their pages, noted with the company and number.
pub(crate) fn all_principles(catalog: &Catalog) -> Vec<Link> {
    catalog
        .principles()
        .into_iter()
        .map(|p| {
            let company = catalog
                .company(&p.company)
                .map_or(p.company.as_str(), |c| c.name.as_str());
            Link::new(p.name.clone(), format!("/lp/{}", p.id))
                .note(format!("{company} · {}", p.number))
        })
        .collect()
}

/// A guide as a link to its page.
pub(crate) fn guide_link(guide: &Guide) -> Link {
    Link::new(guide.title.clone(), format!("/guides/{}", guide.id))
        .note(format!("{} min read", guide.reading_minutes()))
}

/// Every guide as a link, in pack order.
pub(crate) fn all_guides(catalog: &Catalog) -> Vec<Link> {
    catalog.guides().iter().map(guide_link).collect()
}

/// The questions page address for one loop.
pub(crate) fn loop_questions_href(company: &str, role: &str) -> String {
    href("/questions", &[("company", company), ("role", role)])
}

/// A finding category id as a label: "collaboration-fog" is "Collaboration fog".
pub(crate) fn category_label(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Core messages start lowercase and quote with backticks ("unknown company `acme`"); a page
/// shows a sentence with typographic quotes.
pub(crate) fn sentence(message: &str) -> String {
    let mut open = true;
    let message: String = message
        .chars()
        .map(|c| match c {
            '`' => {
                open = !open;
                if open { '\u{201d}' } else { '\u{201c}' }
            }
            c => c,
        })
        .collect();
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => {
            let mut out: String = first.to_uppercase().collect();
            out.push_str(chars.as_str());
            if !out.ends_with(['.', '?', '!']) {
                out.push('.');
            }
            out
        }
        None => String::new(),
    }
}
