//! Validation of principles: each company's Leadership Principles, hiring attributes or
//! interview competencies, tied to a company that names them, numbered within it, and weighted
//! or asked about only by that company's loops and questions.

use std::collections::{BTreeMap, BTreeSet};

use super::{Validator, unknown};
use crate::grading::CATEGORIES;
use crate::model::Origin;

impl Validator<'_> {
    /// `[[principle]]`: text, evidence and categories, the company, and a number unique
    /// within the company.
    pub(super) fn principles(&mut self) {
        let pack = self.pack;
        let mut numbers: BTreeMap<(&str, u32), &Origin> = BTreeMap::new();
        let signals: BTreeSet<&str> = pack.signals.iter().map(|x| x.id.as_str()).collect();
        let companies = self.companies.clone();
        for p in &pack.principles {
            let o = &p.origin;
            self.id(o, "id", &p.id);
            self.known(o, "company", "company", &p.company, &companies);
            self.text(o, "name", &p.name);
            self.text(o, "gist", &p.gist);
            self.text(o, "pm_proof", &p.pm_proof);
            self.text(o, "pmm_proof", &p.pmm_proof);
            self.sourced(o, &p.source, &p.as_of);
            for (i, c) in p.categories.iter().enumerate() {
                if !CATEGORIES.contains(&c.as_str()) {
                    self.push(
                        o,
                        format!("categories[{i}]"),
                        unknown("category", c, CATEGORIES),
                    );
                }
            }
            for (i, x) in p.signals.iter().enumerate() {
                self.known(o, &format!("signals[{i}]"), "signal", x, &signals);
            }
            for (field, list) in [
                ("pm_evidence", &p.pm_evidence),
                ("pmm_evidence", &p.pmm_evidence),
            ] {
                for (i, x) in list.iter().enumerate() {
                    self.known(o, &format!("{field}[{i}]"), "signal", x, &signals);
                }
            }
            if p.number == 0 {
                self.push(o, "number", "0 is not a position; count from 1");
            } else if let Some(first) = numbers.get(&(p.company.as_str(), p.number)) {
                let message = format!(
                    "number {} of {} is already used at {}:{}",
                    p.number, p.company, first.file, first.line
                );
                self.push(o, "number", message);
            } else {
                numbers.insert((p.company.as_str(), p.number), o);
            }
        }
        // A company whose principles the pack holds says what it calls them.
        let owners: BTreeSet<&str> = pack.principles.iter().map(|p| p.company.as_str()).collect();
        for c in &pack.companies {
            if owners.contains(c.id.as_str()) {
                self.text(&c.origin, "principle_word", &c.principle_word);
                self.text(&c.origin, "principles_word", &c.principles_word);
            }
        }
    }

    /// A principle a loop of `company` weights, or a question of `company` names, must be
    /// that company's: a Google round cannot weight an Amazon Leadership Principle. An unknown
    /// id is reported elsewhere.
    pub(super) fn principle_of(&mut self, origin: &Origin, field: &str, id: &str, company: &str) {
        let Some(p) = self.pack.principles.iter().find(|p| p.id == id) else {
            return;
        };
        if p.company == company {
            return;
        }
        let own: Vec<&str> = self
            .pack
            .principles
            .iter()
            .filter(|p| p.company == company)
            .map(|p| p.id.as_str())
            .collect();
        let message = if own.is_empty() {
            format!(
                "`{id}` is a principle of {}, not of {company}, and the pack holds none of \
                 {company}'s",
                p.company
            )
        } else {
            format!(
                "`{id}` is a principle of {}, not of {company}; {company}'s are: {}",
                p.company,
                own.join(", ")
            )
        };
        self.push(origin, field, message);
    }

    /// A round weights no more principles than one interviewer holds, and a loop weights
    /// enough of them across its rounds, where the company sets either.
    pub(super) fn loop_principle_spread(&mut self) {
        let pack = self.pack;
        for lp in &pack.loops {
            let Some(company) = pack.companies.iter().find(|c| c.id == lp.company) else {
                continue;
            };
            if let Some(max) = company.round_principles_max {
                for r in lp.rounds.iter().filter(|r| r.principles.len() > max) {
                    self.push(
                        &r.origin,
                        "principles",
                        format!(
                            "weights {} principles; an interviewer at {} holds about two, so \
                             keep at most {max} here and move the rest to other rounds",
                            r.principles.len(),
                            company.name
                        ),
                    );
                }
            }
            if let Some(min) = company.loop_principles_min {
                let covered: BTreeSet<&str> = lp
                    .rounds
                    .iter()
                    .flat_map(|r| r.principles.iter().map(|p| p.id.as_str()))
                    .collect();
                if covered.len() < min {
                    self.push(
                        &lp.origin,
                        "round",
                        format!(
                            "the rounds weight {} of {}'s principles; weight at least {min} \
                             across the loop so each is heard somewhere",
                            covered.len(),
                            company.name
                        ),
                    );
                }
            }
        }
    }
}
