//! The catalog's pay lookups: the rows for a company, role and level in the order a page
//! shows them, the vesting schedules by id, and each company's sign-on pattern.

use serde::Serialize;

use crate::catalog::{Catalog, LookupError};
use crate::model::{Company, Level, Role};
use crate::pay::{Amount, Negotiation, PAY_ROLES, PayRow, SignOnPattern, Vesting};
use debrief_text::nearest;

/// One level's rows: every source for every role asked for, PM first.
#[derive(Debug, Clone, Serialize)]
pub struct PayLevel<'a> {
    /// The level.
    pub level: &'a Level,
    /// Its rows, by role (`pm`, `pmm`, `pm-t`) and then in content order.
    pub rows: Vec<&'a PayRow>,
}

impl PayLevel<'_> {
    /// PM and PMM totals one source gives side by side at this level: (source, PM row, PMM
    /// row), for rows with the same address and date that both state a total. Only within one
    /// source is a PM-to-PMM gap a like-for-like comparison.
    pub fn pm_against_pmm(&self) -> Vec<(&PayRow, &PayRow)> {
        let mut out = Vec::new();
        for pm in self
            .rows
            .iter()
            .filter(|r| r.role == "pm" && r.total.is_some())
        {
            let twin = self.rows.iter().find(|r| {
                r.role == "pmm" && r.total.is_some() && r.url == pm.url && r.as_of == pm.as_of
            });
            if let Some(pmm) = twin {
                out.push((*pm, *pmm));
            }
        }
        out
    }
}

/// How much more (or, negative, less) the PM figure is than the PMM one, in whole percent,
/// when both are single numbers; ranges are left as ranges rather than reduced to a point no
/// source gave.
pub fn pm_gap_percent(pm: &PayRow, pmm: &PayRow) -> Option<i64> {
    match (pm.total?, pmm.total?) {
        (Amount::One(a), Amount::One(b)) if b > 0 => {
            let (a, b) = (a as i64, b as i64);
            Some(((a - b) * 200 + b).div_euclid(2 * b))
        }
        _ => None,
    }
}

/// The gap in words for a page or a terminal: ` (PM 10% more)`, ` (PMM 4% more)`, ` (the
/// same)`, or nothing for ranges.
pub fn pm_gap_label(pm: &PayRow, pmm: &PayRow) -> String {
    match pm_gap_percent(pm, pmm) {
        Some(g) if g > 0 => format!(" (PM {g}% more)"),
        Some(g) if g < 0 => format!(" (PMM {}% more)", -g),
        Some(_) => " (the same)".to_owned(),
        None => String::new(),
    }
}

/// What the content holds on a company's pay, filtered by role and level.
#[derive(Debug, Clone, Serialize)]
pub struct PayTable<'a> {
    /// The company.
    pub company: &'a Company,
    /// The role asked for, if one was.
    pub role: Option<&'static str>,
    /// Levels in the company's order (only the one asked for, if one was), each with its rows;
    /// a level with no rows for the role is left out.
    pub levels: Vec<PayLevel<'a>>,
    /// The company's new-hire schedule, if the content has one.
    pub vesting: Option<&'a Vesting>,
    /// Its other schedules (refreshers, promotion grants).
    pub other_vesting: Vec<&'a Vesting>,
    /// Its sign-on pattern, if the content has one.
    pub signon: Option<&'a SignOnPattern>,
}

/// A vesting schedule found by id, with its arithmetic form.
#[derive(Debug, Clone)]
pub struct NamedSchedule<'a> {
    /// The content entry.
    pub vesting: &'a Vesting,
    /// The schedule, ready for the offer arithmetic.
    pub schedule: debrief_offer::Schedule,
}

impl Catalog {
    /// A pay role id (`pm`, `pmm`, `pm-t`, any case, `pmt` for `pm-t`), or an error listing
    /// them.
    pub fn pay_role(&self, given: &str) -> Result<&'static str, LookupError> {
        let g = given.trim().to_ascii_lowercase();
        let g = if g == "pmt" { "pm-t".to_owned() } else { g };
        PAY_ROLES
            .iter()
            .copied()
            .find(|r| *r == g)
            .ok_or_else(|| LookupError::UnknownRole {
                given: given.trim().to_owned(),
                valid: PAY_ROLES.iter().map(|r| (*r).to_owned()).collect(),
            })
    }

    /// The tracks the content knows within `role` at `company`: those of [`crate::TRACKS`]
    /// the company has a loop for, or pay rows for where a source prices the track apart.
    pub fn tracks(&self, company: &str, role: Role) -> Vec<&'static str> {
        crate::tracks_of(role)
            .filter(|t| {
                self.loop_tracks(company, role).contains(t)
                    || self
                        .pack()
                        .pay
                        .iter()
                        .any(|row| row.company == company && row.role == *t)
            })
            .collect()
    }

    /// The pay rows of `company`, for one role and one level when given, grouped by level.
    pub fn pay_table(
        &self,
        company: &str,
        role: Option<&str>,
        level: Option<&str>,
    ) -> Result<PayTable<'_>, LookupError> {
        let company = self.company(company)?;
        let role = role.map(|r| self.pay_role(r)).transpose()?;
        let levels: Vec<&Level> = self.levels_of(&company.id).collect();
        let chosen = match level {
            Some(given) => {
                let g = given.trim().to_ascii_lowercase();
                let found = levels.iter().find(|l| l.id == g).copied();
                let valid: Vec<String> = levels.iter().map(|l| l.id.clone()).collect();
                Some(found.ok_or_else(|| {
                    let refs: Vec<&str> = valid.iter().map(String::as_str).collect();
                    LookupError::UnknownLevel {
                        company: company.name.clone(),
                        hint: nearest(&g, &refs)
                            .map(|n| format!(" (did you mean `{n}`?)"))
                            .unwrap_or_default(),
                        given: g.clone(),
                        valid: valid.clone(),
                    }
                })?)
            }
            None => None,
        };
        let pack = self.pack();
        let levels = levels
            .into_iter()
            .filter(|l| chosen.is_none_or(|c| c.id == l.id))
            .filter_map(|level| {
                let mut rows: Vec<&PayRow> = pack
                    .pay
                    .iter()
                    .filter(|r| r.company == company.id && r.level == level.id)
                    .filter(|r| role.is_none_or(|role| r.role == role))
                    .collect();
                rows.sort_by_key(|r| PAY_ROLES.iter().position(|p| *p == r.role));
                (!rows.is_empty()).then_some(PayLevel { level, rows })
            })
            .collect();
        let vesting = pack.vestings.iter().find(|v| v.id == company.id);
        Ok(PayTable {
            company,
            role,
            levels,
            vesting,
            other_vesting: pack
                .vestings
                .iter()
                .filter(|v| v.company == company.id && v.id != company.id)
                .collect(),
            signon: self.signon_pattern(&company.id),
        })
    }

    /// Every vesting schedule, in content order.
    pub fn vestings(&self) -> &[Vesting] {
        &self.pack().vestings
    }

    /// The schedule named `id` (a company id names its new-hire schedule), or an error that
    /// lists the schedules.
    pub fn schedule(&self, id: &str) -> Result<NamedSchedule<'_>, LookupError> {
        let g = id.trim().to_ascii_lowercase();
        let all = &self.pack().vestings;
        let found = all
            .iter()
            .find(|v| v.id == g)
            .and_then(|v| v.schedule().ok().map(|schedule| (v, schedule)));
        match found {
            Some((vesting, schedule)) => Ok(NamedSchedule { vesting, schedule }),
            None => {
                let valid: Vec<String> = all.iter().map(|v| v.id.clone()).collect();
                let refs: Vec<&str> = valid.iter().map(String::as_str).collect();
                Err(LookupError::UnknownSchedule {
                    hint: nearest(&g, &refs)
                        .map(|n| format!(" (did you mean `{n}`?)"))
                        .unwrap_or_default(),
                    given: g,
                    valid,
                })
            }
        }
    }

    /// How `company` pays sign-on, if the content says.
    pub fn signon_pattern(&self, company: &str) -> Option<&SignOnPattern> {
        self.pack().signons.iter().find(|s| s.company == company)
    }

    /// Negotiation guidance, in content order.
    pub fn negotiation(&self) -> &[Negotiation] {
        &self.pack().negotiation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(role: &str, total: Amount) -> PayRow {
        PayRow {
            company: "amazon".into(),
            role: role.into(),
            level: "l5".into(),
            base: None,
            stock: None,
            bonus: None,
            signon: None,
            total: Some(total),
            source: "s".into(),
            url: "https://example.org".into(),
            as_of: "2025".into(),
            sources: "one".into(),
            note: String::new(),
            origin: Default::default(),
        }
    }

    #[test]
    fn the_gap_is_whole_percent_of_the_pmm_figure_and_only_for_single_numbers() {
        let gap = |a, b| pm_gap_percent(&row("pm", a), &row("pmm", b));
        // 320 against 290: 10.3% more, rounded to 10.
        assert_eq!(gap(Amount::One(320_000), Amount::One(290_000)), Some(10));
        // 193 against 179: 7.8%, rounded to 8.
        assert_eq!(gap(Amount::One(193_000), Amount::One(179_000)), Some(8));
        assert_eq!(gap(Amount::One(100_000), Amount::One(110_000)), Some(-9));
        assert_eq!(gap(Amount::Range([1, 2]), Amount::One(2)), None);
    }
}
