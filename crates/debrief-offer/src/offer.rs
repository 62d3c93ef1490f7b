//! An offer worked out year by year, the three summary figures candidates compare offers by,
//! and what leaving early costs.
//!
//! Three figures, each labelled, because they answer different questions and sources mix them
//! up: the first year's pay (what arrives in the bank in the first twelve months), the
//! four-year average (the offer's real size over a typical grant), and the evenly spread figure
//! salary sites print (base and bonus plus sign-on and each grant divided evenly over its
//! years), which hides a back-loaded schedule.

use serde::Serialize;

use crate::money::{BasisPoints, Cents};
use crate::schedule::Schedule;

/// How many years the year-by-year table covers: a typical new-hire grant's length.
pub const HORIZON_YEARS: u32 = 4;

/// The range a yearly stock-price change may take, in basis points: a fall of up to 95% a
/// year, a rise of up to 200%.
pub const STOCK_CHANGE_RANGE: std::ops::RangeInclusive<i32> = -9_500..=20_000;

/// The range a yearly raise may take, in basis points.
pub const RAISE_RANGE: std::ops::RangeInclusive<i32> = 0..=5_000;

/// When a year's sign-on bonus is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paid {
    /// In twelve equal parts with the year's paychecks.
    Monthly,
    /// All of it at the start of the year.
    UpFront,
}

/// What is repaid of a year's sign-on when leaving before the year ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clawback {
    /// What was received that year, in proportion to the months of the year not worked.
    Prorated,
    /// Everything received that year.
    Full,
    /// Nothing.
    None,
}

/// Sign-on bonuses by year and how they are paid and repaid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignOn {
    /// Year one's, year two's, ...
    pub by_year: Vec<Cents>,
    /// When each year's is paid.
    pub paid: Paid,
    /// What leaving early repays.
    pub clawback: Clawback,
}

impl Default for SignOn {
    fn default() -> Self {
        SignOn {
            by_year: Vec::new(),
            paid: Paid::UpFront,
            clawback: Clawback::Prorated,
        }
    }
}

/// A yearly cash bonus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum Bonus {
    /// None.
    #[default]
    None,
    /// A fixed amount each year.
    Amount(Cents),
    /// A share of each year's base.
    PercentOfBase(BasisPoints),
}

/// A stock grant on its own schedule; a refresher is a grant that starts later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    /// The grant's value when granted.
    pub amount: Cents,
    /// The schedule's id, as the candidate named it.
    pub schedule_id: String,
    /// The schedule.
    #[serde(skip)]
    pub schedule: Schedule,
    /// Months after the start date that vesting begins (0 for a new-hire grant, 12 for a
    /// refresher granted after the first year).
    pub start_month: u32,
}

/// One offer, as a candidate enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    /// What the candidate calls it ("Amazon PM L6").
    pub name: String,
    /// Yearly base salary in the first year.
    pub base: Cents,
    /// The yearly raise applied from year two, compounding.
    pub raise: BasisPoints,
    /// Sign-on bonuses.
    pub signon: SignOn,
    /// The yearly cash bonus.
    pub bonus: Bonus,
    /// Stock grants.
    pub grants: Vec<Grant>,
}

/// One year of an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearPay {
    /// 1 for the first twelve months from the start date.
    pub year: u32,
    /// Base salary.
    pub base: Cents,
    /// Sign-on bonus.
    pub signon: Cents,
    /// Stock that vests this year, at the scenario's price.
    pub stock: Cents,
    /// Cash bonus.
    pub bonus: Cents,
    /// All of the above.
    pub total: Cents,
}

/// An offer worked out under one stock-price scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkedOffer {
    /// The offer's name.
    pub name: String,
    /// The yearly change in the share price assumed (0 for flat).
    pub stock_change: BasisPoints,
    /// Years 1 to [`HORIZON_YEARS`].
    pub years: Vec<YearPay>,
    /// Year one's total.
    pub first_year: Cents,
    /// The mean of the years' totals.
    pub four_year_average: Cents,
    /// Year one's base and bonus, plus the sign-on and each starting grant spread evenly: the
    /// figure salary sites show, at grant value.
    pub spread_evenly: Cents,
    /// Sign-on over all years: one-time cash, kept apart from recurring pay.
    pub one_time_cash: Cents,
    /// Stock that vests after the last year shown.
    pub stock_after: Cents,
}

/// What leaving after a number of months keeps and repays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Leaving {
    /// Months worked.
    pub month: u32,
    /// Base salary received.
    pub base: Cents,
    /// Sign-on received.
    pub signon_received: Cents,
    /// Sign-on repaid on leaving.
    pub signon_owed: Cents,
    /// Stock vested by then, at the scenario's price.
    pub stock_vested: Cents,
    /// Stock left unvested, at the scenario's price.
    pub stock_forfeited: Cents,
    /// Bonuses for the whole years worked.
    pub bonus: Cents,
    /// Received less repaid.
    pub kept: Cents,
}

impl Offer {
    /// Base salary in `year` (from 1), after the raises before it.
    pub fn base_in(&self, year: u32) -> Cents {
        self.base.grown_by(self.raise, year.saturating_sub(1))
    }

    /// Cash bonus for `year`.
    pub fn bonus_in(&self, year: u32) -> Cents {
        match self.bonus {
            Bonus::None => Cents::ZERO,
            Bonus::Amount(c) => c,
            Bonus::PercentOfBase(rate) => self.base_in(year).share(i64::from(rate.0), 10_000),
        }
    }

    fn signon_in(&self, year: u32) -> Cents {
        let index = year.saturating_sub(1) as usize;
        self.signon.by_year.get(index).copied().unwrap_or_default()
    }

    /// Every vest of every grant as (months from the start date, value at `stock_change`).
    fn vests(&self, stock_change: BasisPoints) -> Vec<(u32, Cents)> {
        let mut out = Vec::new();
        for grant in &self.grants {
            for vest in grant.schedule.vests(grant.amount) {
                let month = grant.start_month + vest.month;
                out.push((month, at_price(vest.amount, stock_change, month)));
            }
        }
        out
    }

    /// The offer year by year under a yearly share-price change (`BasisPoints(0)`: flat).
    pub fn work_out(&self, stock_change: BasisPoints) -> WorkedOffer {
        let vests = self.vests(stock_change);
        let years: Vec<YearPay> = (1..=HORIZON_YEARS)
            .map(|year| {
                let stock = vests
                    .iter()
                    .filter(|(m, _)| year_of(*m) == year)
                    .map(|(_, c)| *c)
                    .sum();
                let (base, signon, bonus) = (
                    self.base_in(year),
                    self.signon_in(year),
                    self.bonus_in(year),
                );
                YearPay {
                    year,
                    base,
                    signon,
                    stock,
                    bonus,
                    total: base + signon + stock + bonus,
                }
            })
            .collect();
        let sum: Cents = years.iter().map(|y| y.total).sum();
        let one_time_cash: Cents = self.signon.by_year.iter().copied().sum();
        let stock_yearly: Cents = self
            .grants
            .iter()
            .filter(|g| g.start_month == 0)
            .map(|g| g.amount.share(1, i64::from(g.schedule.len_years())))
            .sum();
        WorkedOffer {
            name: self.name.clone(),
            stock_change,
            first_year: years.first().map(|y| y.total).unwrap_or_default(),
            four_year_average: sum.share(1, i64::from(HORIZON_YEARS)),
            spread_evenly: self.base_in(1)
                + self.bonus_in(1)
                + one_time_cash.share(1, i64::from(HORIZON_YEARS))
                + stock_yearly,
            one_time_cash,
            stock_after: vests
                .iter()
                .filter(|(m, _)| year_of(*m) > HORIZON_YEARS)
                .map(|(_, c)| *c)
                .sum(),
            years,
        }
    }

    /// What leaving after `month` months (from 0) keeps and repays, under a yearly share-price
    /// change. Bonuses count for whole years worked only.
    pub fn leave_at(&self, month: u32, stock_change: BasisPoints) -> Leaving {
        let mut base = Cents::ZERO;
        for year in 1..=month.div_ceil(12) {
            let worked = (month - (year - 1) * 12).min(12);
            base += self.base_in(year).share(i64::from(worked), 12);
        }
        let mut received = Cents::ZERO;
        let mut owed = Cents::ZERO;
        for (i, amount) in self.signon.by_year.iter().enumerate() {
            let start = i as u32 * 12;
            if month <= start {
                // The year never began: leaving at its first day is leaving the year before.
                continue;
            }
            let into = (month - start).min(12);
            let got = match self.signon.paid {
                Paid::Monthly => amount.share(i64::from(into), 12),
                Paid::UpFront => *amount,
            };
            received += got;
            if into < 12 {
                owed += match self.signon.clawback {
                    Clawback::Prorated => got.share(i64::from(12 - into), 12),
                    Clawback::Full => got,
                    Clawback::None => Cents::ZERO,
                };
            }
        }
        let vests = self.vests(stock_change);
        let stock_vested: Cents = vests.iter().filter(|(m, _)| *m <= month).map(|v| v.1).sum();
        let stock_forfeited: Cents = vests.iter().filter(|(m, _)| *m > month).map(|v| v.1).sum();
        let bonus: Cents = (1..=month / 12).map(|y| self.bonus_in(y)).sum();
        Leaving {
            month,
            base,
            signon_received: received,
            signon_owed: owed,
            stock_vested,
            stock_forfeited,
            bonus,
            kept: base + received + stock_vested + bonus - owed,
        }
    }
}

/// The offer year (from 1) a month after the start date falls in: months 1 to 12 are year 1.
fn year_of(month: u32) -> u32 {
    month.saturating_sub(1) / 12 + 1
}

/// `amount` granted at month 0, valued at `month` after the share price changed by `change`
/// a year, compounding; rounded to the cent. Flat is exact.
fn at_price(amount: Cents, change: BasisPoints, month: u32) -> Cents {
    if change.0 == 0 {
        return amount;
    }
    let factor = (1.0 + f64::from(change.0) / 10_000.0).powf(f64::from(month) / 12.0);
    Cents((amount.0 as f64 * factor).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(p: &[f64], v: &[u32]) -> Schedule {
        Schedule::new(p, v).expect("valid schedule")
    }

    fn amazon_l6() -> Offer {
        // A published worked example of an Amazon L6 PM offer: base $150,000; sign-on $55,000
        // then $45,000; $150,000 of stock at 5/15/40/40.
        Offer {
            name: "Amazon PM L6".into(),
            base: Cents::from_dollars(150_000),
            raise: BasisPoints(0),
            signon: SignOn {
                by_year: vec![Cents::from_dollars(55_000), Cents::from_dollars(45_000)],
                paid: Paid::Monthly,
                clawback: Clawback::Prorated,
            },
            bonus: Bonus::None,
            grants: vec![Grant {
                amount: Cents::from_dollars(150_000),
                schedule_id: "amazon".into(),
                schedule: schedule(&[5.0, 15.0, 40.0, 40.0], &[1, 1, 2, 2]),
                start_month: 0,
            }],
        }
    }

    #[test]
    fn the_amazon_worked_example_matches_hand_arithmetic() {
        let w = amazon_l6().work_out(BasisPoints(0));
        let totals: Vec<i64> = w.years.iter().map(|y| y.total.0 / 100).collect();
        // Y1 150,000 + 55,000 + 5% of 150,000 (7,500) = 212,500
        // Y2 150,000 + 45,000 + 15% (22,500)          = 217,500
        // Y3 150,000 + 40% (60,000)                   = 210,000
        // Y4 150,000 + 40% (60,000)                   = 210,000
        assert_eq!(totals, vec![212_500, 217_500, 210_000, 210_000]);
        assert_eq!(w.four_year_average, Cents::from_dollars(212_500));
        // 150,000 + (55,000 + 45,000) / 4 + 150,000 / 4 = 212,500
        assert_eq!(w.spread_evenly, Cents::from_dollars(212_500));
        assert_eq!(w.one_time_cash, Cents::from_dollars(100_000));
        assert_eq!(w.stock_after, Cents::ZERO);
    }

    #[test]
    fn raises_and_percentage_bonuses_compound_from_year_two() {
        let mut o = amazon_l6();
        o.raise = BasisPoints(300);
        o.bonus = Bonus::PercentOfBase(BasisPoints(1_000));
        let w = o.work_out(BasisPoints(0));
        assert_eq!(w.years[1].base, Cents::from_dollars(154_500));
        assert_eq!(w.years[2].base, Cents::from_dollars(159_135));
        assert_eq!(w.years[1].bonus, Cents::from_dollars(15_450));
        assert_eq!(w.years[0].bonus, Cents::from_dollars(15_000));
    }

    #[test]
    fn a_refresher_that_starts_later_lands_in_later_years() {
        let mut o = amazon_l6();
        o.grants.push(Grant {
            amount: Cents::from_dollars(40_000),
            schedule_id: "even-annual".into(),
            schedule: schedule(&[25.0, 25.0, 25.0, 25.0], &[1, 1, 1, 1]),
            start_month: 12,
        });
        let w = o.work_out(BasisPoints(0));
        let stock: Vec<i64> = w.years.iter().map(|y| y.stock.0 / 100).collect();
        assert_eq!(stock, vec![7_500, 32_500, 70_000, 70_000]);
        assert_eq!(w.stock_after, Cents::from_dollars(10_000));
        // A salary site spreads only the grants of the offer itself.
        assert_eq!(w.spread_evenly, Cents::from_dollars(212_500));
    }

    #[test]
    fn a_falling_share_price_shrinks_later_vests_more() {
        let w = amazon_l6().work_out(BasisPoints(-3_000));
        // Month 12: 7,500 x 0.7 = 5,250. Month 24: 22,500 x 0.49 = 11,025.
        assert_eq!(w.years[0].stock, Cents::from_dollars(5_250));
        assert_eq!(w.years[1].stock, Cents::from_dollars(11_025));
        assert!(w.years[3].stock < w.years[2].stock);
        let up = amazon_l6().work_out(BasisPoints(1_500));
        assert_eq!(up.years[0].stock, Cents::from_dollars(8_625));
        // Salary sites show grant value whatever the scenario.
        assert_eq!(w.spread_evenly, up.spread_evenly);
    }

    #[test]
    fn leaving_early_repays_the_unworked_share_of_the_sign_on() {
        let o = amazon_l6();
        let l = o.leave_at(6, BasisPoints(0));
        // Six months of base; half the year-one sign-on received monthly, and half of that
        // repaid; no stock vested (the first vest is at month 12).
        assert_eq!(l.base, Cents::from_dollars(75_000));
        assert_eq!(l.signon_received, Cents::from_dollars(27_500));
        assert_eq!(l.signon_owed, Cents::from_dollars(13_750));
        assert_eq!(l.stock_vested, Cents::ZERO);
        assert_eq!(l.stock_forfeited, Cents::from_dollars(150_000));
        assert_eq!(l.kept, Cents::from_dollars(75_000 + 27_500 - 13_750));
        let year = o.leave_at(12, BasisPoints(0));
        assert_eq!(year.signon_owed, Cents::ZERO);
        assert_eq!(year.signon_received, Cents::from_dollars(55_000));
        assert_eq!(year.stock_vested, Cents::from_dollars(7_500));
        let start = o.leave_at(0, BasisPoints(0));
        assert_eq!(start.kept, Cents::ZERO);
        let mut upfront = o.clone();
        upfront.signon.paid = Paid::UpFront;
        let l = upfront.leave_at(3, BasisPoints(0));
        assert_eq!(l.signon_received, Cents::from_dollars(55_000));
        assert_eq!(l.signon_owed, Cents::from_dollars(41_250));
        let l = upfront.leave_at(15, BasisPoints(0));
        assert_eq!(l.signon_received, Cents::from_dollars(100_000));
        assert_eq!(l.signon_owed, Cents::from_dollars(33_750));
    }
}
