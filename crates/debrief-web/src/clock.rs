//! The clock, read at the edge: core never reads it. Dates are the candidate's local calendar
//! days (the machine's time zone), the same days the CLI uses, so a plan rebuilt on either side
//! has the same weeks and item ids.

use debrief_coach::plan::Date;

pub(crate) use debrief_practice::clock::now;

/// The local calendar day of a unix time.
pub(crate) fn day_of(seconds: i64) -> Date {
    debrief_practice::clock::local_date(seconds)
}

/// Today, locally.
pub(crate) fn today() -> Date {
    day_of(now())
}

/// The last second of the local day that holds `seconds`: what the "today" queue counts as due.
pub(crate) fn end_of_day(seconds: i64) -> i64 {
    debrief_practice::clock::end_of_local_day(seconds)
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
    fn ics_stamps_are_utc_and_days_end_after_they_start() {
        assert_eq!(ics_stamp(1_767_225_600 + 3_723), "20260101T010203Z");
        let t = 1_767_225_600 + 43_200;
        assert!(end_of_day(t) >= t && end_of_day(t) < t + 86_400 + 3_600);
        assert_eq!(day_of(end_of_day(t)), day_of(t));
        assert_ne!(day_of(end_of_day(t) + 1), day_of(t));
    }
}
