//! The clock, read at the edge: core never reads it. Dates are the candidate's local calendar
//! days (the machine's time zone), the same days the CLI uses. The areas that go through the
//! application layer read its clock (`App::clock`) instead; this one serves the mock loops'
//! handlers and the calendar stamp of a plan download.

use debrief_coach::plan::Date;

pub(crate) use debrief_practice::clock::now;

/// The local calendar day of a unix time.
pub(crate) fn day_of(seconds: i64) -> Date {
    debrief_practice::clock::local_date(seconds)
}

/// `m:ss` of a number of seconds (negative counts as 0): the time used in a box, a budget.
pub(crate) fn minutes_seconds(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// `HH:MM:SS` (UTC) of a unix time: when a draft was saved.
pub(crate) fn time_of_day(seconds: i64) -> String {
    let s = seconds.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
}

/// A unix time as `YYYYMMDDTHHMMSSZ` (an iCalendar DTSTAMP, always UTC).
pub(crate) fn ics_stamp(seconds: i64) -> String {
    let day = Date::from_days_since_epoch(seconds.div_euclid(86_400)).unwrap_or(Date::MIN);
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}{:02}{:02}Z",
        day.compact(),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_stamps_are_utc() {
        assert_eq!(ics_stamp(1_767_225_600 + 3_723), "20260101T010203Z");
        assert_eq!(ics_stamp(1_767_225_599), "20251231T235959Z");
    }
}
