//! Content validation: every problem in a pack, found in one pass.
//!
//! Validation never stops at the first problem: a content author fixing a pack wants the whole
//! list at once. Each [`Problem`] names the entry's origin and the field at fault; the loader
//! turns that into a file and line.

use std::collections::{BTreeMap, BTreeSet};

use crate::fit::{LEANS as FIT_LEANS, OUTCOMES as FIT_OUTCOMES};
use crate::grading::{
    BUILT_IN_CLASSES, CATEGORIES, METRICS, QUESTION_CLASSES, SCORE_FEATURES, STAR_PARTS,
};
use crate::model::{DIFFICULTIES, Origin, Role};
use crate::pack::Pack;
use debrief_text::{Text, is_normalised, nearest, normalise_phrase};

mod artifacts;
mod coaching;
mod drills;
mod flaws;
mod guides;
mod pay;
mod principles;
mod stages;

/// One thing wrong with a content pack.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The entry (or nested entry) at fault.
    pub origin: Origin,
    /// The field at fault, relative to the entry, e.g. `kind` or `principles[1].id`.
    pub field: String,
    /// What is wrong and, where possible, what would be right.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: field `{}`: {}",
            self.origin.file, self.origin.line, self.field, self.message
        )
    }
}

/// The smallest and largest number of dimensions a rubric may have.
pub const RUBRIC_DIMENSIONS: std::ops::RangeInclusive<usize> = 3..=7;

/// Finds every problem in `pack`, in file order. An empty list means the pack is valid.
pub fn validate(pack: &Pack) -> Vec<Problem> {
    let mut v = Validator::new(pack);
    v.roles();
    v.principles();
    v.companies_and_levels();
    v.round_kinds();
    v.loops();
    v.loop_principle_spread();
    v.rubrics();
    v.questions();
    v.checklists();
    v.fit();
    v.fit_tuning();
    v.grader();
    v.probes();
    v.examples();
    v.plan();
    v.word_lists();
    v.search_aliases();
    v.places();
    v.pay();
    v.artifacts();
    v.guides();
    v.duplicate_entries();
    let mut problems = v.problems;
    problems.sort_by(|a, b| {
        (&a.origin.file, a.origin.line, &a.field).cmp(&(&b.origin.file, b.origin.line, &b.field))
    });
    problems
}

struct Validator<'a> {
    pack: &'a Pack,
    problems: Vec<Problem>,
    principles: BTreeSet<&'a str>,
    companies: BTreeSet<&'a str>,
    round_kinds: BTreeSet<&'a str>,
    levels: BTreeMap<&'a str, BTreeSet<&'a str>>,
}

const ROLE_IDS: [&str; 2] = ["pm", "pmm"];

impl<'a> Validator<'a> {
    fn new(pack: &'a Pack) -> Self {
        let mut levels: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for l in &pack.levels {
            levels.entry(&l.company).or_default().insert(&l.id);
        }
        Validator {
            pack,
            problems: Vec::new(),
            principles: pack.principles.iter().map(|p| p.id.as_str()).collect(),
            companies: pack.companies.iter().map(|c| c.id.as_str()).collect(),
            round_kinds: pack.round_kinds.iter().map(|k| k.id.as_str()).collect(),
            levels,
        }
    }

    fn push(&mut self, origin: &Origin, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            origin: origin.clone(),
            field: field.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, origin: &Origin, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(origin, field, "is empty or missing; write it out");
        }
    }

    fn texts(&mut self, origin: &Origin, field: &str, values: &[String]) {
        if values.is_empty() {
            self.push(
                origin,
                field,
                "is empty or missing; give at least one entry",
            );
        }
        for (i, value) in values.iter().enumerate() {
            if value.trim().is_empty() {
                self.push(origin, format!("{field}[{i}]"), "is an empty string");
            }
        }
    }

    fn id(&mut self, origin: &Origin, field: &str, value: &str) {
        if value.is_empty() {
            self.push(
                origin,
                field,
                "is empty or missing; every entry needs an id",
            );
        } else if !is_kebab(value) {
            self.push(
                origin,
                field,
                format!("`{value}` is not a lowercase kebab-case id (letters, digits, `-`)"),
            );
        }
    }

    fn known(
        &mut self,
        origin: &Origin,
        field: &str,
        what: &str,
        value: &str,
        valid: &BTreeSet<&str>,
    ) {
        if !valid.contains(value) {
            let message = unknown(what, value, valid.iter().copied());
            self.push(origin, field, message);
        }
    }

    fn role(&mut self, origin: &Origin, field: &str, value: &str) {
        if Role::parse(value).is_none_or(|r| r.id() != value) {
            self.push(origin, field, unknown("role", value, ROLE_IDS));
        }
    }

    fn sourced(&mut self, origin: &Origin, source: &str, as_of: &str) {
        self.text(origin, "source", source);
        if as_of.trim().is_empty() {
            self.push(
                origin,
                "as_of",
                "is empty or missing; give the date of the source",
            );
        } else if !is_as_of(as_of) {
            self.push(
                origin,
                "as_of",
                format!("`{as_of}` is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-QN"),
            );
        }
    }

    /// Two top-level entries of one kind with one key, for every kind (`Pack::keys`).
    fn duplicate_entries(&mut self) {
        for kind in self.pack.keys() {
            let mut seen: BTreeMap<&str, &Origin> = BTreeMap::new();
            for (field, what, key, origin) in &kind {
                if key.is_empty() {
                    continue;
                }
                if let Some(first) = seen.get(key.as_str()) {
                    let message = format!(
                        "duplicate {what} `{key}`; first defined at {}:{}",
                        first.file, first.line
                    );
                    self.push(origin, *field, message);
                } else {
                    seen.insert(key, origin);
                }
            }
        }
    }

    fn duplicates<'e, I>(&mut self, kind: &str, entries: I)
    where
        I: IntoIterator<Item = (String, &'e Origin)>,
    {
        let mut seen: BTreeMap<String, &Origin> = BTreeMap::new();
        for (key, origin) in entries {
            if key.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(&key) {
                let message = format!(
                    "duplicate {kind} id `{key}`; first defined at {}:{}",
                    first.file, first.line
                );
                self.push(origin, "id", message);
            } else {
                seen.insert(key, origin);
            }
        }
    }

    fn roles(&mut self) {
        let pack = self.pack;
        for r in &pack.roles {
            let o = &r.origin;
            self.role(o, "id", &r.id);
            self.text(o, "name", &r.name);
            self.text(o, "short", &r.short);
            self.text(o, "accountable_for", &r.accountable_for);
            self.text(o, "decision_rights", &r.decision_rights);
            self.text(o, "cognitive_default", &r.cognitive_default);
            self.texts(o, "primary_outputs", &r.primary_outputs);
            self.texts(o, "artifacts", &r.artifacts);
            self.texts(o, "proof_modes", &r.proof_modes);
            self.texts(o, "failure_modes", &r.failure_modes);
        }
        let defaults = pack
            .roles
            .iter()
            .filter(|r| r.default)
            .map(|r| (r.id.as_str(), &r.origin));
        self.one_default("role", defaults);
    }

    /// At most one entry of a kind (or of a company's levels) may be the default.
    fn one_default<'e>(
        &mut self,
        kind: &str,
        defaults: impl IntoIterator<Item = (&'e str, &'e Origin)>,
    ) {
        let mut first: Option<(&str, &Origin)> = None;
        for (id, origin) in defaults {
            match first {
                None => first = Some((id, origin)),
                Some((first_id, at)) => {
                    let message = format!(
                        "`{id}` and `{first_id}` ({}:{}) are both the default {kind}; keep \
                         `default = true` on one (a user folder can override an entry by id to \
                         set it to false)",
                        at.file, at.line
                    );
                    self.push(origin, "default", message);
                }
            }
        }
    }

    fn companies_and_levels(&mut self) {
        let pack = self.pack;
        for c in &pack.companies {
            let o = &c.origin;
            self.id(o, "id", &c.id);
            self.text(o, "name", &c.name);
            self.text(o, "summary", &c.summary);
            if let Some(r) = &c.review {
                self.review(o, r);
            }
        }
        let companies = self.companies.clone();
        let amazon = self.levels.get("amazon").cloned().unwrap_or_default();
        for l in &pack.levels {
            let o = &l.origin;
            self.known(o, "company", "company", &l.company, &companies);
            self.id(o, "id", &l.id);
            self.text(o, "name", &l.name);
            self.text(o, "pm_title", &l.pm_title);
            self.text(o, "pmm_title", &l.pmm_title);
            self.text(o, "scope", &l.scope);
            self.text(o, "bar", &l.bar);
            if let Some(eq) = &l.amazon_equivalent {
                self.known(o, "amazon_equivalent", "Amazon level", eq, &amazon);
            }
            if let Some(score) = l.hire_score
                && !(1..=100).contains(&score)
            {
                let message = format!("{score} is not in 1-100 (an overall score out of 100)");
                self.push(o, "hire_score", message);
            }
        }
        let defaults = pack.companies.iter().filter(|c| c.default);
        self.one_default("company", defaults.map(|c| (c.id.as_str(), &c.origin)));
        for c in &pack.companies {
            let levels = pack
                .levels
                .iter()
                .filter(|l| l.company == c.id && l.default);
            let kind = format!("level of {}", c.id);
            self.one_default(&kind, levels.map(|l| (l.id.as_str(), &l.origin)));
        }
    }

    fn round_kinds(&mut self) {
        let pack = self.pack;
        for k in &pack.round_kinds {
            let o = &k.origin;
            self.id(o, "id", &k.id);
            self.text(o, "name", &k.name);
            self.text(o, "description", &k.description);
            if k.roles.is_empty() {
                self.push(o, "roles", "is empty or missing; name pm, pmm or both");
            }
            for (i, r) in k.roles.iter().enumerate() {
                self.role(o, &format!("roles[{i}]"), r);
            }
            if k.answer_minutes == 0 {
                self.push(o, "answer_minutes", "must be at least 1");
            }
            for (i, p) in k.search_phrases.iter().enumerate() {
                if p.split_whitespace().count() < 2 {
                    self.push(
                        o,
                        format!("search_phrases[{i}]"),
                        "needs two words or more: one word is a search term, not a phrase",
                    );
                }
            }
            if !(1..=240).contains(&k.question_minutes) {
                self.push(
                    o,
                    "question_minutes",
                    "is missing or out of range: give the interview minutes one question takes \
                     with its follow-ups, 1 to 240",
                );
            }
        }
    }

    fn loops(&mut self) {
        let pack = self.pack;
        let companies = self.companies.clone();
        let kinds = self.round_kinds.clone();
        let principles = self.principles.clone();
        let rubrics: BTreeSet<(&str, &str)> = pack
            .rubrics
            .iter()
            .map(|r| (r.round_kind.as_str(), r.role.as_str()))
            .collect();
        for lp in &pack.loops {
            let o = &lp.origin;
            self.id(o, "id", &lp.id);
            self.known(o, "company", "company", &lp.company, &companies);
            self.role(o, "role", &lp.role);
            self.loop_track(lp);
            self.text(o, "summary", &lp.summary);
            let levels = self
                .levels
                .get(lp.company.as_str())
                .cloned()
                .unwrap_or_default();
            if lp.levels.is_empty() {
                self.push(
                    o,
                    "levels",
                    "is empty or missing; list the levels this loop hires at",
                );
            }
            for (i, level) in lp.levels.iter().enumerate() {
                let what = format!("level of {}", lp.company);
                self.known(o, &format!("levels[{i}]"), &what, level, &levels);
            }
            if lp.rounds.is_empty() {
                self.push(o, "round", "a loop needs at least one [[loop.round]]");
            }
            let round_ids: BTreeSet<&str> = lp.rounds.iter().map(|r| r.id.as_str()).collect();
            for r in &lp.rounds {
                let o = &r.origin;
                self.id(o, "id", &r.id);
                self.known(o, "kind", "round kind", &r.kind, &kinds);
                self.text(o, "title", &r.title);
                self.text(o, "interviewer", &r.interviewer);
                self.texts(o, "judges", &r.judges);
                if !(5..=480).contains(&r.minutes) {
                    self.push(o, "minutes", format!("{} is not in 5-480", r.minutes));
                }
                let mut seen = BTreeSet::new();
                for (i, p) in r.principles.iter().enumerate() {
                    let field = format!("principles[{i}].id");
                    self.known(o, &field, "principle", &p.id, &principles);
                    self.principle_of(o, &field, &p.id, &lp.company);
                    if !seen.insert(p.id.as_str()) {
                        self.push(o, field, format!("principle `{}` is listed twice", p.id));
                    }
                    if !(1..=3).contains(&p.weight) {
                        let message = format!("{} is not in 1-3", p.weight);
                        self.push(o, format!("principles[{i}].weight"), message);
                    }
                }
                for (i, c) in r.competencies.iter().enumerate() {
                    if c.trim().is_empty() {
                        self.push(o, format!("competencies[{i}]"), "is an empty string");
                    }
                }
                self.round_formats(lp, r);
                if let Some(e) = &r.elimination {
                    self.text(o, "elimination", e);
                }
                self.sourced(o, &r.source, &r.as_of);
                if Role::parse(&lp.role).is_some()
                    && kinds.contains(r.kind.as_str())
                    && !rubrics.contains(&(r.kind.as_str(), lp.role.as_str()))
                {
                    let message = format!(
                        "no rubric scores round kind `{}` for role `{}`; add a [[rubric]] with \
                         round_kind = \"{}\" and role = \"{}\"",
                        r.kind, lp.role, r.kind, lp.role
                    );
                    self.push(o, "kind", message);
                }
            }
            let ids = lp.rounds.iter().map(|r| (r.id.clone(), &r.origin));
            self.duplicates("round", ids);
            for t in &lp.timeline {
                let o = &t.origin;
                self.text(o, "label", &t.label);
                if t.max_days == 0 {
                    self.push(o, "max_days", "is zero or missing");
                } else if t.min_days > t.max_days {
                    let message = format!("{} is above max_days {}", t.min_days, t.max_days);
                    self.push(o, "min_days", message);
                }
                self.sourced(o, &t.source, &t.as_of);
            }
            for f in &lp.figures {
                let o = &f.origin;
                self.text(o, "label", &f.label);
                self.text(o, "value", &f.value);
                self.sourced(o, &f.source, &f.as_of);
            }
            for e in &lp.eliminations {
                let o = &e.origin;
                self.known(o, "round", "round of this loop", &e.round, &round_ids);
                self.text(o, "what", &e.what);
                self.sourced(o, &e.source, &e.as_of);
            }
            self.stages(lp);
        }
        let pairs = pack.loops.iter().map(|l| {
            let track = l.track.as_deref().unwrap_or("no track");
            (format!("{} {} {track}", l.company, l.role), &l.origin)
        });
        self.duplicates("loop (company, role and track)", pairs);
    }

    fn rubrics(&mut self) {
        let pack = self.pack;
        let kinds = self.round_kinds.clone();
        let principles = self.principles.clone();
        for rb in &pack.rubrics {
            let o = &rb.origin;
            self.id(o, "id", &rb.id);
            self.known(o, "round_kind", "round kind", &rb.round_kind, &kinds);
            self.role(o, "role", &rb.role);
            self.text(o, "title", &rb.title);
            self.text(o, "summary", &rb.summary);
            let n = rb.dimensions.len();
            if !RUBRIC_DIMENSIONS.contains(&n) {
                let message = format!("has {n} dimensions; a rubric needs 3 to 7");
                self.push(o, "dimension", message);
            }
            let total: u32 = rb.dimensions.iter().map(|d| d.weight).sum();
            if n > 0 && total != 100 {
                let message = format!("dimension weights sum to {total}; they must sum to 100");
                self.push(o, "dimension", message);
            }
            for d in &rb.dimensions {
                let o = &d.origin;
                self.id(o, "id", &d.id);
                self.text(o, "label", &d.label);
                self.text(o, "looks_for", &d.looks_for);
                if d.weight == 0 {
                    self.push(o, "weight", "is zero or missing; give an integer percent");
                }
                for (i, p) in d.principles.iter().enumerate() {
                    self.known(o, &format!("principles[{i}]"), "principle", p, &principles);
                }
                for (field, text) in [
                    ("anchors.strong_no_hire", &d.anchors.strong_no_hire),
                    ("anchors.no_hire", &d.anchors.no_hire),
                    ("anchors.hire", &d.anchors.hire),
                    ("anchors.strong_hire", &d.anchors.strong_hire),
                ] {
                    if text.trim().is_empty() {
                        self.push(o, field, "anchor is empty or missing; describe that point");
                    }
                }
            }
            let ids = rb.dimensions.iter().map(|d| (d.id.clone(), &d.origin));
            self.duplicates("dimension", ids);
        }
        let pairs = pack
            .rubrics
            .iter()
            .map(|r| (format!("{} {}", r.round_kind, r.role), &r.origin));
        self.duplicates("rubric (round kind and role)", pairs);
    }

    fn questions(&mut self) {
        let pack = self.pack;
        let kinds = self.round_kinds.clone();
        let companies = self.companies.clone();
        let principles = self.principles.clone();
        for q in &pack.questions {
            let o = &q.origin;
            self.id(o, "id", &q.id);
            self.text(o, "text", &q.text);
            if q.roles.is_empty() {
                self.push(o, "roles", "is empty or missing; name pm, pmm or both");
            }
            for (i, r) in q.roles.iter().enumerate() {
                self.role(o, &format!("roles[{i}]"), r);
            }
            self.known(o, "round", "round kind", &q.round, &kinds);
            if let Some(format) = &q.format {
                let formats: BTreeSet<&str> = pack
                    .round_kinds
                    .iter()
                    .filter(|k| k.id == q.round)
                    .flat_map(|k| k.formats.iter().map(String::as_str))
                    .collect();
                self.known(o, "format", "question format", format, &formats);
            }
            if let Some(c) = &q.company {
                self.known(o, "company", "company", c, &companies);
            }
            for (i, p) in q.principles.iter().enumerate() {
                let field = format!("principles[{i}]");
                self.known(o, &field, "principle", p, &principles);
                if let Some(c) = &q.company {
                    self.principle_of(o, &field, p, c);
                }
            }
            if !DIFFICULTIES.contains(&q.difficulty.as_str()) {
                self.push(
                    o,
                    "difficulty",
                    unknown("difficulty", &q.difficulty, DIFFICULTIES),
                );
            }
            for (i, s) in q.signals.iter().enumerate() {
                if s.trim().is_empty() {
                    self.push(o, format!("signals[{i}]"), "is an empty string");
                }
            }
            for (i, s) in q.follow_ups.iter().enumerate() {
                if s.trim().is_empty() {
                    self.push(o, format!("follow_ups[{i}]"), "is an empty string");
                }
            }
            // Wording written for one level ("This is an L6 role") must say so, or a mock at
            // another level would ask it.
            let words: BTreeSet<String> = q
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() >= 2 && w.len() <= 4)
                .map(str::to_ascii_lowercase)
                .collect();
            for l in pack
                .levels
                .iter()
                .filter(|l| q.company.as_deref().is_none_or(|c| c == l.company))
            {
                let named = words.contains(&l.name.to_ascii_lowercase());
                if named && !q.levels.contains(&l.id) {
                    self.push(
                        o,
                        "levels",
                        format!(
                            "the question names level {} in its text; add levels = [\"{}\"] (with \
                             company) so a mock at another level never asks it",
                            l.name, l.id
                        ),
                    );
                }
            }
            if !q.levels.is_empty() {
                match q.company.as_deref().and_then(|c| self.levels.get(c)).cloned() {
                    Some(levels) => {
                        for (i, l) in q.levels.iter().enumerate() {
                            self.known(o, &format!("levels[{i}]"), "level", l, &levels);
                        }
                    }
                    None => self.push(
                        o,
                        "levels",
                        "names levels but the question has no company whose levels they are; add company",
                    ),
                }
            }
        }
    }

    fn checklists(&mut self) {
        let pack = self.pack;
        let kinds = self.round_kinds.clone();
        let roles: BTreeSet<&str> = ["pm", "pmm", "both"].into_iter().collect();
        for c in &pack.checklists {
            let o = &c.origin;
            self.id(o, "id", &c.id);
            self.known(o, "role", "checklist role", &c.role, &roles);
            self.text(o, "title", &c.title);
            if c.items.is_empty() {
                self.push(
                    o,
                    "item",
                    "a checklist needs at least one [[checklist.item]]",
                );
            }
            for item in &c.items {
                let o = &item.origin;
                self.id(o, "id", &item.id);
                self.text(o, "text", &item.text);
                self.text(o, "why", &item.why);
                for (i, k) in item.round_kinds.iter().enumerate() {
                    self.known(o, &format!("round_kinds[{i}]"), "round kind", k, &kinds);
                }
            }
            let ids = c.items.iter().map(|i| (i.id.clone(), &i.origin));
            self.duplicates("checklist item", ids);
        }
    }
}

impl Validator<'_> {
    /// The fit diagnostic: items with at least two options of valid lean, advice per outcome.
    fn fit(&mut self) {
        let pack = self.pack;
        for item in &pack.fit_items {
            let o = &item.origin;
            self.id(o, "id", &item.id);
            self.text(o, "prompt", &item.prompt);
            if item.options.len() < 2 {
                let message = format!(
                    "has {} options; an item needs at least 2 [[fit_item.option]]",
                    item.options.len()
                );
                self.push(o, "option", message);
            }
            for option in &item.options {
                let o = &option.origin;
                self.id(o, "id", &option.id);
                self.text(o, "text", &option.text);
                self.text(o, "why", &option.why);
                if !FIT_LEANS.contains(&option.lean) {
                    let message = format!(
                        "{} is not in -2..2 (negative leans PMM, positive PM, 0 is neutral)",
                        option.lean
                    );
                    self.push(o, "lean", message);
                }
            }
            let ids = item.options.iter().map(|x| (x.id.clone(), &x.origin));
            self.duplicates("fit option", ids);
        }
        let outcomes: BTreeSet<&str> = FIT_OUTCOMES.into_iter().collect();
        for a in &pack.fit_advice {
            let o = &a.origin;
            self.known(o, "outcome", "fit outcome", &a.outcome, &outcomes);
            self.text(o, "summary", &a.summary);
            self.texts(o, "text", &a.text);
        }
    }

    /// A phrase list: lowercase word sequences the tokenizer can produce, or known classes.
    fn phrases(
        &mut self,
        origin: &Origin,
        field: &str,
        phrases: &[String],
        classes: &BTreeSet<String>,
    ) {
        for (i, p) in phrases.iter().enumerate() {
            let f = format!("{field}[{i}]");
            if let Some(class) = p.strip_prefix('@') {
                if !classes.contains(p.as_str()) {
                    let valid: Vec<&str> = classes.iter().map(String::as_str).collect();
                    let message = unknown("class", &format!("@{class}"), valid);
                    self.push(origin, f, message);
                }
                continue;
            }
            if p.trim().is_empty() {
                self.push(origin, f, "is an empty phrase");
                continue;
            }
            // Plain lowercase words are what the tokenizer produces; only unusual phrases need
            // the full check below (this keeps start-up fast).
            if is_normalised(p) && !p.split(' ').any(|w| w.as_bytes()[0].is_ascii_digit()) {
                continue;
            }
            let normal = normalise_phrase(p);
            if normal != *p {
                let message = format!(
                    "phrase `{p}` must be written lowercase with single spaces: `{normal}`"
                );
                self.push(origin, f, message);
                continue;
            }
            // The phrase must be the same words the tokenizer makes of an answer, or it can
            // never match.
            let t = Text::new(p);
            let words: Vec<&str> = (0..t.tokens.len()).map(|k| t.lower(k)).collect();
            if words.join(" ") != *p {
                let message = format!(
                    "phrase `{p}` can never match: answers are matched word by word without \
                     punctuation, so write it as `{}`",
                    words.join(" ")
                );
                self.push(origin, f, message);
            }
        }
    }

    fn one_of(
        &mut self,
        origin: &Origin,
        field: &str,
        what: &str,
        value: Option<&str>,
        valid: &[&str],
    ) {
        if let Some(v) = value
            && !valid.contains(&v)
        {
            self.push(origin, field, unknown(what, v, valid.iter().copied()));
        }
    }

    /// Rule ids that name questions to yield on (`yields_to`, `relevance_yields_to`): each
    /// must be a rule with `asked_by`.
    fn yields(&mut self, origin: &Origin, field: &str, ids: &[String]) {
        let pack = self.pack;
        for id in ids {
            match pack.rules.iter().find(|x| &x.id == id) {
                None => self.push(
                    origin,
                    field,
                    unknown("rule", id, pack.rules.iter().map(|r| r.id.as_str())),
                ),
                Some(x) if x.asked_by.is_empty() => {
                    let message = format!(
                        "rule `{id}` has no `asked_by`, so it names no questions to yield on"
                    );
                    self.push(origin, field, message);
                }
                Some(_) => {}
            }
        }
    }

    fn grader(&mut self) {
        self.flaw_model();
        let pack = self.pack;
        let mut classes: BTreeSet<String> =
            BUILT_IN_CLASSES.iter().map(|c| (*c).to_owned()).collect();
        classes.extend(pack.signals.iter().map(|s| format!("@{}", s.id)));
        for s in &pack.signals {
            let o = &s.origin;
            self.id(o, "id", &s.id);
            self.text(o, "label", &s.label);
            if s.phrases.is_empty() {
                self.push(
                    o,
                    "phrases",
                    "is empty or missing; list the phrases that show it",
                );
            }
            self.phrases(o, "phrases", &s.phrases, &classes);
            // A signal lends another its phrases one level deep; the grader follows no further,
            // and built-in classes ("@number") are not phrases to lend.
            for name in s.phrases.iter().filter_map(|p| p.strip_prefix('@')) {
                match pack.signals.iter().find(|x| x.id == name) {
                    None if BUILT_IN_CLASSES.contains(&format!("@{name}").as_str()) => {
                        let message = format!(
                            "`@{name}` is a built-in class; a signal can name another signal, \
                             whose phrases it then matches, but not a class"
                        );
                        self.push(o, "phrases", message);
                    }
                    Some(x) if x.phrases.iter().any(|q| q.starts_with('@')) => {
                        let message = format!(
                            "`@{name}` names classes of its own, and a signal lends its \
                             phrases one level deep only: name those here directly"
                        );
                        self.push(o, "phrases", message);
                    }
                    _ => {}
                }
            }
            self.one_of(o, "lean", "role", s.lean.as_deref(), &ROLE_IDS);
            self.one_of(o, "star", "STAR part", s.star.as_deref(), &STAR_PARTS);
            if !(s.weight > 0.0 && s.weight <= 5.0) {
                self.push(o, "weight", format!("{} is not in (0, 5]", s.weight));
            }
        }

        let kinds = self.round_kinds.clone();
        let scopes = ["answer", "opening", "situation", "task", "action", "result"];
        let rule_ids: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
        for r in &pack.rules {
            let o = &r.origin;
            for id in &r.replaces {
                if id == &r.id {
                    self.push(o, "replaces", "a rule cannot replace itself");
                } else if !rule_ids.contains(&id.as_str()) {
                    self.push(o, "replaces", unknown("rule", id, rule_ids.iter().copied()));
                }
            }
            self.yields(o, "yields_to", &r.yields_to);
            self.id(o, "id", &r.id);
            if !CATEGORIES.contains(&r.category.as_str()) {
                self.push(o, "category", unknown("category", &r.category, CATEGORIES));
            }
            if !["info", "warning", "error"].contains(&r.severity.as_str()) {
                self.push(
                    o,
                    "severity",
                    unknown("severity", &r.severity, ["info", "warning", "error"]),
                );
            }
            match r.kind.as_str() {
                "existence" | "missing" => {
                    if r.phrases.is_empty() {
                        self.push(o, "phrases", "is empty or missing; list what to look for");
                    }
                }
                "metric" => match r.metric.as_deref() {
                    None => self.push(
                        o,
                        "metric",
                        format!(
                            "a metric rule names its metric; valid: {}",
                            METRICS.join(", ")
                        ),
                    ),
                    Some(m) => {
                        self.one_of(o, "metric", "metric", Some(m), &METRICS);
                        if r.min.is_none() && r.max.is_none() {
                            self.push(o, "max", "a metric rule needs `min` or `max`");
                        }
                        if m == "fillers-per-minute" && r.phrases.is_empty() {
                            self.push(o, "phrases", "list the filler phrases to count");
                        }
                    }
                },
                other => self.push(
                    o,
                    "kind",
                    unknown("rule kind", other, ["existence", "missing", "metric"]),
                ),
            }
            for (field, problem) in r.bound_problems() {
                self.push(o, field, problem);
            }
            self.phrases(o, "phrases", &r.phrases, &classes);
            self.phrases(o, "unless", &r.unless, &classes);
            self.phrases(o, "with", &r.with, &classes);
            self.phrases(o, "answer_with", &r.answer_with, &classes);
            for (i, group) in r.together.iter().enumerate() {
                if group.len() < 2 {
                    let message = "a group lists two or more phrases or classes that must meet \
                                   in one sentence; put a single one in `phrases`";
                    self.push(o, format!("together[{i}]"), message);
                }
                self.phrases(o, &format!("together[{i}]"), group, &classes);
            }
            if !r.together.is_empty() && r.kind != "missing" {
                let message = "only `missing` rules read it; remove it or change the kind";
                self.push(o, "together", message);
            }
            for (field, list) in [("asked_by", &r.asked_by), ("not_asked_by", &r.not_asked_by)] {
                let q = |p: &&String| QUESTION_CLASSES.contains(&p.as_str());
                let plain: Vec<String> = list.iter().filter(|p| !q(p)).cloned().collect();
                for w in plain.iter().filter(|p| p.starts_with('@')) {
                    let message = format!(
                        "`{w}`: `{field}` is matched in the question's words, so it takes plain \
                         phrases and {}, not classes",
                        QUESTION_CLASSES.join(", ")
                    );
                    self.push(o, field, message);
                }
                self.phrases(o, field, &plain, &classes);
            }
            for (field, list, side) in [
                ("not_followed_by", &r.not_followed_by, "after"),
                ("not_preceded_by", &r.not_preceded_by, "before"),
            ] {
                for (i, w) in list.iter().enumerate() {
                    // Compared with one lowercase token, so anything else could never match.
                    let one_word = !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-');
                    if !one_word {
                        let message = format!(
                            "`{w}` must be one lowercase word: it is compared with the single \
                             word right {side} a match"
                        );
                        self.push(o, format!("{field}[{i}]"), message);
                    }
                }
            }
            if r.denied && r.literal {
                let message = "a rule is either about wording (`literal`) or about what is \
                               declined (`denied`), not both";
                self.push(o, "denied", message);
            }
            if r.min_count > 1 && r.kind != "existence" {
                let message = "only `existence` rules read it; remove it or change the kind";
                self.push(o, "min_count", message);
            }
            for (set, field) in [
                (!r.not_followed_by.is_empty(), "not_followed_by"),
                (!r.not_preceded_by.is_empty(), "not_preceded_by"),
                (r.unless_asked, "unless_asked"),
                (!r.with.is_empty(), "with"),
                (r.denied, "denied"),
            ] {
                if set && r.kind != "existence" {
                    let message = "only `existence` rules read it; remove it or change the kind";
                    self.push(o, field, message);
                }
            }
            if !r.answer_with.is_empty() && !matches!(r.kind.as_str(), "existence" | "missing") {
                let message = "only `existence` and `missing` rules read it; remove it or change \
                               the kind";
                self.push(o, "answer_with", message);
            }
            self.one_of(
                o,
                "window",
                "window",
                r.window.as_deref(),
                &["sentence", "answer", "before"],
            );
            self.one_of(o, "scope", "scope", r.scope.as_deref(), &scopes);
            self.one_of(
                o,
                "anchor",
                "anchor",
                r.anchor.as_deref(),
                &["first", "last"],
            );
            for (i, role) in r.roles.iter().enumerate() {
                self.role(o, &format!("roles[{i}]"), role);
            }
            for (i, k) in r.rounds.iter().enumerate() {
                self.known(o, &format!("rounds[{i}]"), "round kind", k, &kinds);
            }
            if r.cap.is_some_and(|c| c > 100) {
                self.push(o, "cap", "is above 100");
            }
            self.text(o, "message", &r.message);
            self.text(o, "suggestion", &r.suggestion);
            if r.examples.flag.is_empty() || r.examples.pass.is_empty() {
                self.push(
                    o,
                    "examples",
                    "give at least one `flag` and one `pass` example; a test runs them",
                );
            }
        }

        let dimensions: BTreeSet<&str> = pack
            .rubrics
            .iter()
            .flat_map(|r| r.dimensions.iter().map(|d| d.id.as_str()))
            .collect();
        for s in &pack.scoring {
            let o = &s.origin;
            let valid = dimensions.clone();
            self.known(o, "dimension", "rubric dimension", &s.dimension, &valid);
            let refs: Vec<String> = s
                .signals
                .iter()
                .map(|x| format!("@{}", x.trim_start_matches('@')))
                .collect();
            self.phrases(o, "signals", &refs, &classes);
            let core: Vec<String> = s
                .core
                .iter()
                .map(|x| format!("@{}", x.trim_start_matches('@')))
                .collect();
            self.phrases(o, "core", &core, &classes);
            if s.principles && !s.signals.is_empty() {
                let message = "a dimension scored from the principles takes its signals from \
                               each principle's evidence; leave `signals` empty";
                self.push(o, "signals", message);
            }
            for (i, c) in s.penalties.iter().enumerate() {
                if !CATEGORIES.contains(&c.as_str()) {
                    self.push(
                        o,
                        format!("penalties[{i}]"),
                        unknown("category", c, CATEGORIES),
                    );
                }
            }
        }
        let scored: BTreeSet<&str> = pack.scoring.iter().map(|s| s.dimension.as_str()).collect();
        for rb in &pack.rubrics {
            for d in &rb.dimensions {
                if !d.id.is_empty() && !scored.contains(d.id.as_str()) {
                    let message = format!(
                        "no [[scoring]] entry scores dimension `{}`; add one under content/rules",
                        d.id
                    );
                    self.push(&d.origin, "id", message);
                }
            }
        }
        if let Some(g) = &pack.grading
            && !(g.no_hire < g.hire && g.hire < g.strong_hire && g.strong_hire <= 100)
        {
            self.push(
                &g.origin,
                "hire",
                "thresholds must rise: no_hire < hire < strong_hire <= 100",
            );
        }
        if let Some(g) = &pack.grading {
            self.yields(&g.origin, "relevance_yields_to", &g.relevance_yields_to);
            for id in &g.number_signals {
                if !pack.signals.iter().any(|s| &s.id == id) {
                    let message = unknown("signal", id, pack.signals.iter().map(|s| s.id.as_str()));
                    self.push(&g.origin, "number_signals", message);
                }
            }
            for (pair, odds) in &g.word_order_odds {
                let known = |w: &str| crate::grading::WORD_ORDER_CLASSES.contains(&w);
                let words: Vec<&str> = pair.split(' ').collect();
                if words.len() != 2 || !words.iter().all(|w| known(w)) {
                    let message = format!(
                        "`{pair}` is not two word classes joined by a space; the classes are {}",
                        crate::grading::WORD_ORDER_CLASSES.join(", ")
                    );
                    self.push(&g.origin, "word_order_odds", message);
                }
                if !odds.is_finite() {
                    let message = format!("`{pair}` must be a finite number");
                    self.push(&g.origin, "word_order_odds", message);
                }
            }
        }
        if let Some(m) = &pack.score_model {
            let o = &m.origin;
            if !m.base.is_finite() {
                self.push(o, "base", "must be a finite number");
            }
            let mut seen = BTreeSet::new();
            for (i, f) in m.features.iter().enumerate() {
                if !SCORE_FEATURES.contains(&f.id.as_str()) {
                    let message = unknown("score feature", &f.id, SCORE_FEATURES);
                    self.push(o, format!("feature[{i}].id"), message);
                } else if !seen.insert(f.id.as_str()) {
                    let message = format!("feature `{}` is listed twice; keep one", f.id);
                    self.push(o, format!("feature[{i}].id"), message);
                }
                self.text(o, &format!("feature[{i}].label"), &f.label);
                if !f.points.is_finite() {
                    self.push(o, format!("feature[{i}].points"), "must be a finite number");
                }
                if f.neutral
                    .is_some_and(|n| !(n.is_finite() && (0.0..=f.cap).contains(&n)))
                {
                    let message = "must lie between 0 and the feature's cap";
                    self.push(o, format!("feature[{i}].neutral"), message);
                }
                if !(f.cap.is_finite() && f.cap > 0.0) {
                    let message = "must be a number above 0: the largest value that counts";
                    self.push(o, format!("feature[{i}].cap"), message);
                }
            }
            if m.features.is_empty() {
                self.push(
                    o,
                    "feature",
                    "is empty; give at least one [[score_model.feature]]",
                );
            }
        }
    }
}

/// "unknown round kind `x`; did you mean `y`? valid: a, b, c".
pub fn unknown<'v>(what: &str, value: &str, valid: impl IntoIterator<Item = &'v str>) -> String {
    let valid: Vec<&str> = valid.into_iter().collect();
    let mut message = if value.is_empty() {
        format!("is empty or missing; give a {what}")
    } else {
        format!("unknown {what} `{value}`")
    };
    if let Some(near) = nearest(value, &valid) {
        message.push_str(&format!("; did you mean `{near}`?"));
    }
    if valid.is_empty() {
        message.push_str(&format!("; the pack defines no {what}"));
    } else {
        message.push_str(&format!("; valid: {}", valid.join(", ")));
    }
    message
}

fn is_kebab(id: &str) -> bool {
    !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_as_of(s: &str) -> bool {
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let in_range =
        |p: &str, lo: u32, hi: u32| p.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v));
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, q] if q.starts_with('Q') => digits(y, 4) && matches!(&q[1..], "1" | "2" | "3" | "4"),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 1, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && digits(d, 2) && in_range(m, 1, 12) && in_range(d, 1, 31)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_accepts_the_documented_forms_only() {
        for ok in ["2025", "2025-06", "2025-06-30", "2025-Q2"] {
            assert!(is_as_of(ok), "{ok}");
        }
        for bad in [
            "",
            "25",
            "2025-13",
            "2025-Q5",
            "2025-6",
            "June 2025",
            "2025-06-32",
        ] {
            assert!(!is_as_of(bad), "{bad}");
        }
    }

    #[test]
    fn kebab_ids() {
        assert!(is_kebab("dive-deep"));
        assert!(is_kebab("l5"));
        assert!(!is_kebab("Dive-Deep"));
        assert!(!is_kebab("dive_deep"));
        assert!(!is_kebab("-x"));
        assert!(!is_kebab("a--b"));
    }

    #[test]
    fn unknown_suggests_the_nearest_and_lists_all() {
        let m = unknown("round kind", "behavioural", ["behavioral", "metrics"]);
        assert_eq!(
            m,
            "unknown round kind `behavioural`; did you mean `behavioral`?; valid: behavioral, metrics"
        );
        let m = unknown("role", "designer", ["pm", "pmm"]);
        assert_eq!(m, "unknown role `designer`; valid: pm, pmm");
    }
}
