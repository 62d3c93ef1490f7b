//! Vesting schedules: how a stock grant turns into pay, year by year and vest by vest.
//!
//! A schedule is written the way companies describe it, per year: the share of the grant each
//! year releases and in how many equal vests (Amazon's new-hire grant is 5%, 15%, 40%, 40%,
//! vesting once in each of the first two years and twice in each of the last two). The whole
//! grant must vest: a schedule that does not add up to 100% is refused, never scaled.

use serde::Serialize;

use crate::money::{BasisPoints, Cents};

/// How many equal vests a year may be split into: yearly, half-yearly, every four months,
/// quarterly, every two months, monthly. Each divides twelve, so every vest lands on a whole
/// month.
pub const VESTS_PER_YEAR: [u32; 6] = [1, 2, 3, 4, 6, 12];

/// The longest schedule accepted, in years.
pub const MAX_YEARS: usize = 10;

/// One year of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScheduleYear {
    /// The share of the grant this year releases.
    pub share: BasisPoints,
    /// In how many equal vests, spread evenly over the year.
    pub vests: u32,
}

/// A valid vesting schedule: shares that add up to 100%, each year split into equal vests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    years: Vec<ScheduleYear>,
}

/// One vest of a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Vest {
    /// Months after the grant starts vesting (12 is the first anniversary).
    pub month: u32,
    /// What vests then, at the grant's value.
    pub amount: Cents,
}

/// Why a schedule was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// No years.
    #[error("has no years; give the percent that vests in each year, such as [5, 15, 40, 40]")]
    Empty,
    /// More than [`MAX_YEARS`].
    #[error("has {0} years; at most {MAX_YEARS} are allowed")]
    TooLong(usize),
    /// The two lists differ in length.
    #[error("gives {shares} yearly percentages but {vests} vest counts; give one of each per year")]
    Lengths {
        /// Percentages given.
        shares: usize,
        /// Vest counts given.
        vests: usize,
    },
    /// A percentage below zero, above 100 or with more than two decimals.
    #[error("year {year}: {percent} is not a percentage from 0 to 100 with at most two decimals")]
    BadPercent {
        /// The year, from 1.
        year: usize,
        /// What was given.
        percent: String,
    },
    /// A vest count that does not divide the year into whole months.
    #[error("year {year}: {vests} vests a year is not allowed; use 1, 2, 3, 4, 6 or 12")]
    BadVests {
        /// The year, from 1.
        year: usize,
        /// What was given.
        vests: u32,
    },
    /// The shares do not add up to 100%.
    #[error("adds up to {}, not 100%; a schedule must vest the whole grant", .0.percent_label())]
    NotWhole(BasisPoints),
}

impl Schedule {
    /// A schedule from its yearly percentages and vest counts, checked.
    pub fn new(percent_by_year: &[f64], vests_per_year: &[u32]) -> Result<Schedule, ScheduleError> {
        if percent_by_year.is_empty() {
            return Err(ScheduleError::Empty);
        }
        if percent_by_year.len() > MAX_YEARS {
            return Err(ScheduleError::TooLong(percent_by_year.len()));
        }
        if percent_by_year.len() != vests_per_year.len() {
            return Err(ScheduleError::Lengths {
                shares: percent_by_year.len(),
                vests: vests_per_year.len(),
            });
        }
        let mut years = Vec::with_capacity(percent_by_year.len());
        for (i, (&percent, &vests)) in percent_by_year.iter().zip(vests_per_year).enumerate() {
            let share = basis_points(percent).ok_or_else(|| ScheduleError::BadPercent {
                year: i + 1,
                percent: percent.to_string(),
            })?;
            if !VESTS_PER_YEAR.contains(&vests) {
                return Err(ScheduleError::BadVests { year: i + 1, vests });
            }
            years.push(ScheduleYear { share, vests });
        }
        let total: i32 = years.iter().map(|y| y.share.0).sum();
        if total != 10_000 {
            return Err(ScheduleError::NotWhole(BasisPoints(total)));
        }
        Ok(Schedule { years })
    }

    /// The years, first to last.
    pub fn years(&self) -> &[ScheduleYear] {
        &self.years
    }

    /// How many years the grant takes to vest.
    pub fn len_years(&self) -> u32 {
        self.years.len() as u32
    }

    /// `amount` split into this schedule's vests, in month order. Each vest is what the
    /// schedule has released by then, rounded down to the cent, less what earlier vests
    /// released, so the vests add up to `amount` exactly and no rounding error builds up.
    pub fn vests(&self, amount: Cents) -> Vec<Vest> {
        let mut out = Vec::new();
        let mut released_bp: i64 = 0;
        let mut released = Cents::ZERO;
        for (y, year) in self.years.iter().enumerate() {
            let step = 12 / year.vests;
            for k in 1..=year.vests {
                // This year's share, released in `vests` equal steps: cumulative basis points
                // in units of 1/vests to keep them whole.
                let before = released_bp * i64::from(year.vests);
                let cumulative = before + i64::from(year.share.0) * i64::from(k);
                let through = amount.share(cumulative, 10_000 * i64::from(year.vests));
                if k == year.vests {
                    released_bp += i64::from(year.share.0);
                }
                let vest = through - released;
                released = through;
                if vest.0 != 0 || year.share.0 != 0 {
                    out.push(Vest {
                        month: y as u32 * 12 + k * step,
                        amount: vest,
                    });
                }
            }
        }
        out
    }
}

/// A percentage as basis points, if it is from 0 to 100 with at most two decimals.
fn basis_points(percent: f64) -> Option<BasisPoints> {
    if !percent.is_finite() || !(0.0..=100.0).contains(&percent) {
        return None;
    }
    let scaled = percent * 100.0;
    let rounded = scaled.round();
    // Decimals such as 33.33 are not exact in binary; anything within a millionth of a basis
    // point of a whole one is that one.
    ((scaled - rounded).abs() < 1e-6).then_some(BasisPoints(rounded as i32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn amazon() -> Schedule {
        Schedule::new(&[5.0, 15.0, 40.0, 40.0], &[1, 1, 2, 2]).expect("valid")
    }

    #[test]
    fn amazon_new_hire_vests_on_the_months_it_says() {
        let vests = amazon().vests(Cents::from_dollars(150_000));
        let got: Vec<(u32, i64)> = vests.iter().map(|v| (v.month, v.amount.0 / 100)).collect();
        assert_eq!(
            got,
            vec![
                (12, 7_500),
                (24, 22_500),
                (30, 30_000),
                (36, 30_000),
                (42, 30_000),
                (48, 30_000)
            ]
        );
    }

    #[test]
    fn monthly_thirds_round_down_and_carry_the_remainder() {
        // 33/33/22/12 monthly of $100,000.01: every vest whole cents, the last ones absorb
        // the remainders, the sum exact.
        let google = Schedule::new(&[33.0, 33.0, 22.0, 12.0], &[12, 12, 12, 12]).expect("valid");
        let amount = Cents(10_000_001);
        let vests = google.vests(amount);
        assert_eq!(vests.len(), 48);
        assert_eq!(vests[0].month, 1);
        assert_eq!(vests[47].month, 48);
        assert_eq!(vests.iter().map(|v| v.amount).sum::<Cents>(), amount);
        let first_year: Cents = vests
            .iter()
            .filter(|v| v.month <= 12)
            .map(|v| v.amount)
            .sum();
        assert_eq!(first_year, Cents(3_300_000));
    }

    #[test]
    fn refuses_what_is_not_a_schedule() {
        assert_eq!(Schedule::new(&[], &[]), Err(ScheduleError::Empty));
        assert_eq!(
            Schedule::new(&[25.0, 25.0, 25.0, 20.0], &[1, 1, 1, 1]),
            Err(ScheduleError::NotWhole(BasisPoints(9_500)))
        );
        assert!(matches!(
            Schedule::new(&[50.0, 50.0], &[1]),
            Err(ScheduleError::Lengths { .. })
        ));
        assert!(matches!(
            Schedule::new(&[50.0, 50.0], &[1, 5]),
            Err(ScheduleError::BadVests { year: 2, vests: 5 })
        ));
        assert!(matches!(
            Schedule::new(&[50.001, 49.999], &[1, 1]),
            Err(ScheduleError::BadPercent { year: 1, .. })
        ));
        assert!(matches!(
            Schedule::new(&[-10.0, 110.0], &[1, 1]),
            Err(ScheduleError::BadPercent { year: 1, .. })
        ));
        assert!(Schedule::new(&[33.33, 33.33, 33.34], &[4, 4, 4]).is_ok());
        let message = Schedule::new(&[25.0, 25.0, 25.0, 20.0], &[1, 1, 1, 1])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some("adds up to 95%, not 100%; a schedule must vest the whole grant")
        );
    }

    fn schedule_strategy() -> impl Strategy<Value = (Vec<u32>, Vec<u32>)> {
        // Random whole shares in basis points that add up to 10,000, and random vest counts.
        (1usize..=6)
            .prop_flat_map(|n| {
                (
                    proptest::collection::vec(0u32..=10_000, n - 1),
                    proptest::collection::vec(proptest::sample::select(VESTS_PER_YEAR.to_vec()), n),
                )
            })
            .prop_map(|(mut cuts, vests)| {
                cuts.sort_unstable();
                let mut shares = Vec::with_capacity(cuts.len() + 1);
                let mut last = 0;
                for c in cuts {
                    shares.push(c - last);
                    last = c;
                }
                shares.push(10_000 - last);
                (shares, vests)
            })
    }

    proptest! {
        #[test]
        fn a_grants_vests_add_up_to_the_grant(
            (shares, vests) in schedule_strategy(),
            cents in 0i64..100_000_000_000,
        ) {
            let percents: Vec<f64> = shares.iter().map(|&s| f64::from(s) / 100.0).collect();
            let schedule = Schedule::new(&percents, &vests).expect("shares add up to 100%");
            let out = schedule.vests(Cents(cents));
            prop_assert_eq!(out.iter().map(|v| v.amount).sum::<Cents>(), Cents(cents));
            prop_assert!(out.iter().all(|v| v.amount.0 >= 0));
            prop_assert!(out.windows(2).all(|w| w[0].month < w[1].month));
            // Each year releases its share, to within a cent per vest of rounding.
            for (y, year) in schedule.years().iter().enumerate() {
                let lo = y as u32 * 12;
                let got: i64 = out.iter().filter(|v| v.month > lo && v.month <= lo + 12)
                    .map(|v| v.amount.0).sum();
                let want = i128::from(cents) * i128::from(year.share.0) / 10_000;
                prop_assert!((i128::from(got) - want).abs() <= i128::from(year.vests) + 1);
            }
        }

        #[test]
        fn a_schedule_that_is_not_whole_is_refused(
            (mut shares, vests) in schedule_strategy(),
            off in 1u32..=500,
        ) {
            shares[0] += off;
            let percents: Vec<f64> = shares.iter().map(|&s| f64::from(s) / 100.0).collect();
            let refused = matches!(
                Schedule::new(&percents, &vests),
                Err(ScheduleError::NotWhole(_) | ScheduleError::BadPercent { .. })
            );
            prop_assert!(refused);
        }
    }
}
