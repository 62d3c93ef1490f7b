//! Validation of what mock loops draw and ask: the question formats a round may ask, and the
//! follow-up probes with their triggers and quoting wording.

use std::collections::BTreeSet;

use super::{Validator, unknown};
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
}
