//! Job offers worked out year by year, in integer cents.
//!
//! Pure: amounts and schedules in, a year-by-year table out. No I/O, no clock, no global
//! state. The pay *data* (bands by company, role and level, and the companies' schedules) is
//! content; this crate is the arithmetic every front end shares, so the web page, the CLI and
//! a comparison file can never disagree about what an offer is worth.
//!
//! - [`money`]: [`Cents`] and [`BasisPoints`], with parsing as candidates type them.
//! - [`schedule`]: a vesting [`Schedule`] that must add up to 100%, split into vests whose sum
//!   is the grant to the cent.
//! - [`offer`]: an [`Offer`] (base with raises, sign-on by year, bonus, any number of grants)
//!   worked out under a stock-price scenario, and what leaving at month N keeps and repays.

pub mod money;
pub mod offer;
pub mod schedule;

pub use money::{BasisPoints, Cents, MoneyError};
pub use offer::{
    Bonus, Clawback, Grant, HORIZON_YEARS, Leaving, Offer, Paid, SignOn, WorkedOffer, YearPay,
};
pub use schedule::{Schedule, ScheduleError, ScheduleYear, Vest};
