//! The calendar: a civil [`Date`] with its own arithmetic, and [`Weekday`].
//!
//! Plans, review queues and progress count days; "today" is always passed in by the caller
//! (the application layer reads the clock and the local time zone), so everything here is pure.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A day of the proleptic Gregorian calendar, from 0001-01-01 to 9999-12-31.
///
/// Always valid: it is built by [`Date::new`], [`Date::parse`] or day arithmetic, each of which
/// checks the calendar. Serializes as `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    // Field order matters: the derived ordering is chronological.
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date could not be read or built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not shaped like `YYYY-MM-DD`.
    #[error("`{given}` is not a date: write it as YYYY-MM-DD, e.g. 2026-03-14")]
    Format {
        /// What was given.
        given: String,
    },
    /// The text is shaped like a date, but the calendar has no such day.
    #[error("`{given}` is not a valid date: {reason}")]
    Invalid {
        /// What was given.
        given: String,
        /// What is wrong, e.g. "February 2026 has 28 days".
        reason: String,
    },
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// Every day, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The full English name, e.g. "Monday".
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    /// The three-letter name, e.g. "Mon".
    pub fn short(self) -> &'static str {
        &self.name()[..3]
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `year` has a February 29th (proleptic Gregorian).
pub const fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1-12) of `year`; 0 for a month that does not exist.
pub const fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to a valid civil date.
///
/// The calendar is shifted to start on March 1st, so the leap day is the last day of its year;
/// years then group into 400-year eras of exactly 146,097 days.
const fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = if month <= 2 {
        year as i64 - 1
    } else {
        year as i64
    };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400; // 0..=399
    let shifted_month = (month as i64 + 9) % 12; // March = 0 .. February = 11
    let day_of_year = (153 * shifted_month + 2) / 5 + day as i64 - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719,468 days separate 0000-03-01 (day 0 of era 0) from 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}

/// The civil date `days` after 1970-01-01, as (year, month, day); the inverse of
/// [`days_from_civil`].
const fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097; // 0..=146_096
    // Count whole years of the era, correcting for the leap days of every 4th, 100th and
    // 400th year.
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

impl Date {
    /// The first date debrief handles: 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// The last date debrief handles: 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// A date from its parts, checked against the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        let given = || format!("{year:04}-{month:02}-{day:02}");
        let invalid = |reason: String| DateError::Invalid {
            given: given(),
            reason,
        };
        if !(Self::MIN.year..=Self::MAX.year).contains(&year) {
            return Err(invalid("years run from 0001 to 9999".into()));
        }
        if !(1..=12).contains(&month) {
            return Err(invalid("months run from 01 to 12".into()));
        }
        let last = days_in_month(year, month);
        if !(1..=last).contains(&day) {
            let name = MONTH_NAMES[month as usize - 1];
            return Err(invalid(format!("{name} {year} has {last} days")));
        }
        Ok(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Reads `YYYY-MM-DD` (surrounding whitespace ignored).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let trimmed = text.trim();
        let bytes = trimmed.as_bytes();
        let shaped = bytes.len() == 10
            && bytes.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shaped {
            return Err(DateError::Format {
                given: trimmed.to_owned(),
            });
        }
        let number = |range: std::ops::Range<usize>| {
            bytes[range]
                .iter()
                .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
        };
        Date::new(number(0..4) as i32, number(5..7), number(8..10))
    }

    /// The year, 1 to 9999.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// The month's English name, e.g. "February".
    pub fn month_name(self) -> &'static str {
        MONTH_NAMES[usize::from(self.month) - 1]
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(self.year, self.month(), self.day())
    }

    /// The date `days` after 1970-01-01; `None` outside [`Date::MIN`]..=[`Date::MAX`].
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let min = Self::MIN.days_since_epoch();
        let max = Self::MAX.days_since_epoch();
        if !(min..=max).contains(&days) {
            return None;
        }
        let (year, month, day) = civil_from_days(days);
        Some(Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The date `days` later (earlier when negative); `None` past the supported range.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// Days from `self` to `later`: positive when `later` is after `self`.
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3 with Monday as 0).
        Weekday::ALL[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// The date in the compact form of RFC 5545 (`YYYYMMDD`).
    pub fn compact(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

impl TryFrom<String> for Date {
    type Error = DateError;

    fn try_from(value: String) -> Result<Date, DateError> {
        Date::parse(&value)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn known_days_since_epoch() {
        assert_eq!(date("1970-01-01").days_since_epoch(), 0);
        assert_eq!(date("1969-12-31").days_since_epoch(), -1);
        assert_eq!(date("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(date("2000-02-29").days_since_epoch(), 11_016);
        assert_eq!(date("0001-01-01").days_since_epoch(), -719_162);
        assert_eq!(date("9999-12-31").days_since_epoch(), 2_932_896);
        assert_eq!(
            Date::from_days_since_epoch(11_016),
            Some(date("2000-02-29"))
        );
        assert_eq!(Date::from_days_since_epoch(-719_163), None);
        assert_eq!(Date::from_days_since_epoch(2_932_897), None);
    }

    #[test]
    fn leap_years_and_month_ends() {
        let next = |s: &str| date(s).add_days(1).map(|d| d.to_string());
        assert_eq!(next("2024-02-28").as_deref(), Some("2024-02-29"));
        assert_eq!(next("2024-02-29").as_deref(), Some("2024-03-01"));
        assert_eq!(next("2023-02-28").as_deref(), Some("2023-03-01"));
        assert_eq!(next("1900-02-28").as_deref(), Some("1900-03-01"));
        assert_eq!(next("2000-02-28").as_deref(), Some("2000-02-29"));
        assert_eq!(next("2026-04-30").as_deref(), Some("2026-05-01"));
        assert_eq!(next("2026-12-31").as_deref(), Some("2027-01-01"));
        assert_eq!(date("2026-03-01").add_days(-1), Some(date("2026-02-28")));
        assert_eq!(date("2028-03-01").add_days(-1), Some(date("2028-02-29")));
        assert_eq!(Date::MAX.add_days(1), None);
        assert_eq!(Date::MIN.add_days(-1), None);
        assert!(is_leap_year(2000) && is_leap_year(2024));
        assert!(!is_leap_year(1900) && !is_leap_year(2100) && !is_leap_year(2026));
        // A whole leap and a whole common year.
        assert_eq!(date("2024-01-01").days_until(date("2025-01-01")), 366);
        assert_eq!(date("2025-01-01").days_until(date("2026-01-01")), 365);
    }

    #[test]
    fn weekdays() {
        assert_eq!(date("1970-01-01").weekday(), Weekday::Thursday);
        assert_eq!(date("2026-01-01").weekday(), Weekday::Thursday);
        assert_eq!(date("2000-02-29").weekday(), Weekday::Tuesday);
        assert_eq!(date("1969-12-29").weekday(), Weekday::Monday);
        assert_eq!(date("0001-01-01").weekday(), Weekday::Monday);
        assert_eq!(Weekday::Sunday.short(), "Sun");
    }

    #[test]
    fn parse_explains_bad_input() {
        let err = |s: &str| Date::parse(s).map_err(|e| e.to_string()).err();
        assert_eq!(
            err("2026-02-29").as_deref(),
            Some("`2026-02-29` is not a valid date: February 2026 has 28 days")
        );
        assert_eq!(
            err("2026-13-01").as_deref(),
            Some("`2026-13-01` is not a valid date: months run from 01 to 12")
        );
        assert_eq!(
            err("0000-01-01").as_deref(),
            Some("`0000-01-01` is not a valid date: years run from 0001 to 9999")
        );
        for bad in [
            "",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-01-01T00",
            "２０２６-01-01",
        ] {
            assert!(
                matches!(Date::parse(bad), Err(DateError::Format { .. })),
                "{bad:?}"
            );
        }
        assert_eq!(date(" 2026-06-26 ").to_string(), "2026-06-26");
        assert_eq!("2026-06-26".parse::<Date>(), Ok(date("2026-06-26")));
        assert_eq!(date("0042-01-09").to_string(), "0042-01-09");
    }

    #[test]
    fn dates_serialize_as_text() {
        let d = date("2026-06-26");
        assert_eq!(
            serde_json::to_string(&d).ok().as_deref(),
            Some("\"2026-06-26\"")
        );
        let back: Result<Date, _> = serde_json::from_str("\"2026-06-26\"");
        assert_eq!(back.ok(), Some(d));
        let bad: Result<Date, _> = serde_json::from_str("\"2026-02-30\"");
        assert!(bad.is_err());
    }
}
