//! Pay as content: bands by company, role and level, each company's vesting schedules and
//! sign-on pattern, and negotiation guidance.
//!
//! Pay figures are reported, not known: sources disagree, and the product shows them side by
//! side rather than averaging them into one number that no source gave. Every row therefore
//! carries its source, an address a reader can open, its date and whether other sources agree.
//! Amounts are whole US dollars a year as the source states them; the offer arithmetic
//! (`debrief-offer`) works in cents.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// The roles a pay row may be for: the two the pack is built around, plus Amazon's technical
/// PM track where a source prices it apart.
pub const PAY_ROLES: [&str; 3] = ["pm", "pmm", "pm-t"];

/// How a figure is backed.
pub const SOURCE_COUNTS: [&str; 2] = ["one", "many"];

/// What a vesting schedule is for.
pub const GRANT_KINDS: [&str; 3] = ["new-hire", "refresher", "promotion"];

/// When sign-on is paid.
pub const SIGNON_PAID: [&str; 2] = ["monthly", "up-front"];

/// What leaving early repays of a sign-on.
pub const CLAWBACKS: [&str; 3] = ["prorated", "full", "none"];

/// A figure as a source gives it: one number or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Amount {
    /// One number.
    One(u64),
    /// A low and a high end.
    Range([u64; 2]),
}

impl Amount {
    /// The low end (the number itself for one number).
    pub fn low(self) -> u64 {
        match self {
            Amount::One(v) => v,
            Amount::Range([lo, _]) => lo,
        }
    }

    /// The high end.
    pub fn high(self) -> u64 {
        match self {
            Amount::One(v) => v,
            Amount::Range([_, hi]) => hi,
        }
    }

    /// `$320K` or `$200K–$250K`: thousands, as pay is usually quoted.
    pub fn label(self) -> String {
        fn k(v: u64) -> String {
            if v.is_multiple_of(1_000) {
                format!("${}K", v / 1_000)
            } else {
                format!("${:.1}K", v as f64 / 1_000.0)
            }
        }
        match self {
            Amount::One(v) => k(v),
            Amount::Range([lo, hi]) => format!("{}–{}", k(lo), k(hi)),
        }
    }
}

/// One source's figures for one company, role and level.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PayRow {
    /// Company id.
    #[serde(default)]
    pub company: String,
    /// `pm`, `pmm` or `pm-t`.
    #[serde(default)]
    pub role: String,
    /// The company's level id.
    #[serde(default)]
    pub level: String,
    /// Yearly base salary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Amount>,
    /// Stock value per year, as the source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock: Option<Amount>,
    /// Yearly cash bonus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<Amount>,
    /// First-year sign-on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signon: Option<Amount>,
    /// Total yearly pay as the source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    /// Who reports it: a title and publication a reader can look up.
    #[serde(default)]
    pub source: String,
    /// An address that opens the source.
    #[serde(default)]
    pub url: String,
    /// The date of the figure.
    #[serde(default)]
    pub as_of: String,
    /// `one` when only this source reports it, `many` when several agree.
    #[serde(default)]
    pub sources: String,
    /// What the figure is (a median of self-reports, a posting's range, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A vesting schedule as the content describes it. The arithmetic form is
/// [`debrief_offer::Schedule`], which the catalog builds once the pack is valid.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vesting {
    /// Kebab-case id; a company's new-hire schedule has the company's id.
    #[serde(default)]
    pub id: String,
    /// The company it belongs to; empty for a general pattern.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub company: String,
    /// `new-hire`, `refresher` or `promotion`.
    #[serde(default)]
    pub kind: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The percent of the grant vesting in each year; adds up to 100.
    #[serde(default)]
    pub percent_by_year: Vec<f64>,
    /// How many equal vests each year has.
    #[serde(default)]
    pub vests_per_year: Vec<u32>,
    /// How it vests, in our words.
    #[serde(default)]
    pub about: String,
    /// Who reports it.
    #[serde(default)]
    pub source: String,
    /// An address that opens the source.
    #[serde(default)]
    pub url: String,
    /// The date of the source.
    #[serde(default)]
    pub as_of: String,
    /// `one` or `many`.
    #[serde(default)]
    pub sources: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Vesting {
    /// The schedule, checked: what validation reports when it is not one.
    pub fn schedule(&self) -> Result<debrief_offer::Schedule, debrief_offer::ScheduleError> {
        debrief_offer::Schedule::new(&self.percent_by_year, &self.vests_per_year)
    }
}

/// How a company pays and claws back sign-on bonuses.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SignOnPattern {
    /// Company id.
    #[serde(default)]
    pub company: String,
    /// Over how many years sign-on is paid.
    #[serde(default)]
    pub years: u32,
    /// `monthly` or `up-front`.
    #[serde(default)]
    pub paid: String,
    /// `prorated`, `full` or `none`.
    #[serde(default)]
    pub clawback: String,
    /// The pattern in our words, saying it is reported and the offer letter governs.
    #[serde(default)]
    pub about: String,
    /// Who reports it.
    #[serde(default)]
    pub source: String,
    /// An address that opens the source.
    #[serde(default)]
    pub url: String,
    /// The date of the source.
    #[serde(default)]
    pub as_of: String,
    /// `one` or `many`.
    #[serde(default)]
    pub sources: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl SignOnPattern {
    /// When it is paid, as the offer arithmetic reads it (validation allows nothing else).
    pub fn paid(&self) -> debrief_offer::Paid {
        match self.paid.as_str() {
            "monthly" => debrief_offer::Paid::Monthly,
            _ => debrief_offer::Paid::UpFront,
        }
    }

    /// What leaving early repays, as the offer arithmetic reads it.
    pub fn clawback(&self) -> debrief_offer::Clawback {
        match self.clawback.as_str() {
            "full" => debrief_offer::Clawback::Full,
            "none" => debrief_offer::Clawback::None,
            _ => debrief_offer::Clawback::Prorated,
        }
    }
}

/// One piece of negotiation guidance.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Negotiation {
    /// Kebab-case id.
    #[serde(default)]
    pub id: String,
    /// A short title.
    #[serde(default)]
    pub title: String,
    /// The guidance, in our words.
    #[serde(default)]
    pub text: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}
