//! Validation of pay content: every row sourced with an address a reader can open, amounts
//! that make sense, schedules that vest the whole grant, and each company's new-hire schedule
//! named after the company.

use super::Validator;
use crate::model::Origin;
use crate::pay::{Amount, CLAWBACKS, GRANT_KINDS, PAY_ROLES, SIGNON_PAID, SOURCE_COUNTS};

/// The highest yearly figure a pay row may state, in dollars: far above any PM's pay, so a
/// figure past it is a typo (an extra zero, cents written as dollars).
const MAX_YEARLY: u64 = 10_000_000;

impl Validator<'_> {
    /// `[[pay]]`, `[[vesting]]`, `[[signon]]` and `[[negotiation]]`.
    pub(super) fn pay(&mut self) {
        let pack = self.pack;
        for row in &pack.pay {
            let o = &row.origin;
            self.known(
                o,
                "company",
                "company",
                &row.company,
                &self.companies.clone(),
            );
            self.one_of(o, "role", "pay role", Some(&row.role), &PAY_ROLES);
            if let Some(levels) = self.levels.get(row.company.as_str())
                && !levels.contains(row.level.as_str())
            {
                let levels = levels.clone();
                self.known(o, "level", "level", &row.level, &levels);
            }
            let figures = [
                ("base", row.base),
                ("stock", row.stock),
                ("bonus", row.bonus),
                ("signon", row.signon),
                ("total", row.total),
            ];
            for (field, amount) in figures {
                if let Some(a) = amount {
                    self.amount(o, field, a);
                }
            }
            if row.total.is_none() && row.base.is_none() {
                self.push(
                    o,
                    "total",
                    "is missing; a pay row gives at least `total` or `base`",
                );
            }
            self.source(o, &row.source, &row.url, &row.as_of, &row.sources);
        }
        for v in &pack.vestings {
            let o = &v.origin;
            self.id(o, "id", &v.id);
            self.text(o, "name", &v.name);
            self.text(o, "about", &v.about);
            self.one_of(o, "kind", "grant kind", Some(&v.kind), &GRANT_KINDS);
            if !v.company.is_empty() {
                self.known(o, "company", "company", &v.company, &self.companies.clone());
            }
            if v.kind == "new-hire" && !v.company.is_empty() && v.id != v.company {
                let message = format!(
                    "`{}` is a new-hire schedule of `{}`; name it `{}`, so the company's id names its schedule",
                    v.id, v.company, v.company
                );
                self.push(o, "id", message);
            }
            if let Err(e) = v.schedule() {
                self.push(o, "percent_by_year", format!("the schedule {e}"));
            }
            self.source(o, &v.source, &v.url, &v.as_of, &v.sources);
        }
        for s in &pack.signons {
            let o = &s.origin;
            self.known(o, "company", "company", &s.company, &self.companies.clone());
            self.count(o, "years", s.years, 1..=4);
            self.one_of(o, "paid", "payment", Some(&s.paid), &SIGNON_PAID);
            self.one_of(o, "clawback", "clawback", Some(&s.clawback), &CLAWBACKS);
            self.text(o, "about", &s.about);
            self.source(o, &s.source, &s.url, &s.as_of, &s.sources);
        }
        for n in &pack.negotiation {
            let o = &n.origin;
            self.id(o, "id", &n.id);
            self.text(o, "title", &n.title);
            self.text(o, "text", &n.text);
        }
    }

    fn amount(&mut self, origin: &Origin, field: &str, amount: Amount) {
        if amount.low() == 0 || amount.high() > MAX_YEARLY {
            let message = format!(
                "{} is not a yearly amount in dollars; write it whole, from 1 to {MAX_YEARLY}",
                amount.label()
            );
            self.push(origin, field, message);
        } else if amount.low() > amount.high() {
            self.push(
                origin,
                field,
                "the range starts above its end; write [low, high]",
            );
        }
    }

    /// A figure's backing: who, where to open it, when, and whether others agree.
    fn source(&mut self, origin: &Origin, source: &str, url: &str, as_of: &str, sources: &str) {
        self.sourced(origin, source, as_of);
        let opens = url
            .strip_prefix("https://")
            .is_some_and(|rest| rest.contains('.') && !rest.contains(char::is_whitespace));
        if !opens {
            let message = format!(
                "`{url}` is not an address a reader can open; give the source's https:// URL"
            );
            self.push(origin, "url", message);
        }
        self.one_of(
            origin,
            "sources",
            "source count",
            Some(sources),
            &SOURCE_COUNTS,
        );
    }
}
