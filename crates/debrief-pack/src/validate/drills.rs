//! Validation of what mock loops draw and ask and what candidates practise against: the
//! question formats a round may ask, the follow-up probes with their triggers and quoting
//! wording, and the model answers with the questions they answer.

use std::collections::BTreeSet;

use super::{Validator, unknown};
use crate::examples::EXAMPLE_LABELS;
use crate::grading::CATEGORIES;
use crate::model::{Loop, Round};

impl Validator<'_> {
    /// A round's formats are its kind's, and the bank holds a question of each it can ask.
    pub(super) fn round_formats(&mut self, lp: &Loop, r: &Round) {
        let pack = self.pack;
        let o = &r.origin;
        let formats: BTreeSet<&str> = pack
            .round_kinds
            .iter()
            .filter(|k| k.id == r.kind)
            .flat_map(|k| k.formats.iter().map(String::as_str))
            .collect();
        for (i, f) in r.formats.iter().enumerate() {
            self.known(o, &format!("formats[{i}]"), "question format", f, &formats);
        }
        if r.formats.is_empty() {
            return;
        }
        let askable = pack.questions.iter().any(|q| {
            q.round == r.kind
                && q.roles.contains(&lp.role)
                && q.company.as_deref().is_none_or(|c| c == lp.company)
                && q.suits_formats(&r.formats)
        });
        if !askable {
            self.push(
                o,
                "formats",
                format!(
                    "no question of round kind `{}` for role `{}` at `{}` has one of these \
                     formats; add one with format = \"{}\", or widen the round's formats",
                    r.kind, lp.role, lp.company, r.formats[0]
                ),
            );
        }
    }

    /// Follow-up probes: text, a trigger, and ids that exist.
    pub(super) fn probes(&mut self) {
        let pack = self.pack;
        let kinds = self.round_kinds.clone();
        let rules: BTreeSet<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
        let signals: BTreeSet<&str> = pack.signals.iter().map(|s| s.id.as_str()).collect();
        for p in &pack.probes {
            let o = &p.origin;
            self.id(o, "id", &p.id);
            self.text(o, "text", &p.text);
            self.text(o, "why", &p.why);
            if let Some(quoting) = &p.quoting {
                match crate::template::placeholders(quoting) {
                    Ok(names) if names == ["quote"] => {}
                    Ok(names) => self.push(
                        o,
                        "quoting",
                        format!(
                            "must hold `{{quote}}` exactly once and no other placeholder (found \
                             {}): it is filled in with the candidate's own words",
                            if names.is_empty() {
                                "none".to_owned()
                            } else {
                                names.join(", ")
                            }
                        ),
                    ),
                    Err(e) => self.push(o, "quoting", format!("does not parse: {e}")),
                }
            }
            let w = &p.when;
            if w.categories.is_empty() && w.rules.is_empty() && w.missing.is_empty() {
                self.push(
                    o,
                    "when",
                    "is empty or missing; give `categories`, `rules` or `missing` so the probe \
                     can fire",
                );
            }
            for (i, c) in w.categories.iter().enumerate() {
                if !CATEGORIES.contains(&c.as_str()) {
                    let field = format!("when.categories[{i}]");
                    self.push(o, field, unknown("category", c, CATEGORIES));
                }
            }
            for (i, r) in w.rules.iter().enumerate() {
                self.known(o, &format!("when.rules[{i}]"), "rule", r, &rules);
            }
            for (i, x) in w.missing.iter().enumerate() {
                self.known(o, &format!("when.missing[{i}]"), "signal", x, &signals);
            }
            for (i, k) in p.rounds.iter().enumerate() {
                self.known(o, &format!("rounds[{i}]"), "round kind", k, &kinds);
            }
            for (i, r) in p.roles.iter().enumerate() {
                self.role(o, &format!("roles[{i}]"), r);
            }
        }
    }

    /// Model answers: a known role, round kind and label, a bank question of that round asked
    /// of that role, an answer and at least one note.
    pub(super) fn examples(&mut self) {
        let pack = self.pack;
        for e in &pack.examples {
            let o = &e.origin;
            self.id(o, "id", &e.id);
            self.role(o, "role", &e.role);
            if !EXAMPLE_LABELS.contains(&e.label.as_str()) {
                self.push(
                    o,
                    "label",
                    unknown("example label", &e.label, EXAMPLE_LABELS),
                );
            }
            self.text(o, "answer", &e.answer);
            if e.notes.is_empty() {
                self.push(
                    o,
                    "notes",
                    "is empty or missing; say what makes the answer strong or weak",
                );
            }
            for (i, n) in e.notes.iter().enumerate() {
                if n.trim().is_empty() {
                    self.push(o, format!("notes[{i}]"), "is an empty string");
                }
            }
            match pack.questions.iter().find(|q| q.id == e.question) {
                None => {
                    let ids: Vec<&str> = pack.questions.iter().map(|q| q.id.as_str()).collect();
                    // The bank is too long to list: a near miss, and where to look.
                    let hint = debrief_text::nearest(&e.question, &ids)
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_default();
                    self.push(
                        o,
                        "question",
                        format!(
                            "unknown question `{}`{hint}; `debrief questions --round {}` lists the bank's",
                            e.question, e.round
                        ),
                    );
                }
                Some(q) => {
                    if q.round != e.round {
                        self.push(
                            o,
                            "round",
                            format!(
                                "is `{}` but question `{}` is a `{}` question; give its round",
                                e.round, q.id, q.round
                            ),
                        );
                    }
                    if !q.roles.contains(&e.role) {
                        self.push(
                            o,
                            "role",
                            format!(
                                "question `{}` is not asked of `{}` (it is asked of {})",
                                q.id,
                                e.role,
                                q.roles.join(", ")
                            ),
                        );
                    }
                }
            }
        }
    }
}
