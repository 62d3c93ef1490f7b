//! The clock and the candidate's calendar day: read here, at the edge, and passed into
//! everything else as plain numbers and dates.
//!
//! "Today" is the local day of the machine running debrief (its time zone from the system,
//! `TZ` included), so a weak area due "tomorrow" turns up after the candidate's own midnight,
//! not UTC's. A time zone that cannot be read falls back to UTC.

use debrief_coach::plan::Date;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Seconds since the Unix epoch, from the system clock.
pub fn now() -> i64 {
    Timestamp::now().as_second()
}

fn zone() -> TimeZone {
    TimeZone::try_system().unwrap_or(TimeZone::UTC)
}

/// The local calendar day of a unix time.
pub fn local_date(seconds: i64) -> Date {
    local_date_in(seconds, &zone())
}

/// The last second of the local day holding `seconds`: what "due today" runs up to.
pub fn end_of_local_day(seconds: i64) -> i64 {
    end_of_day_in(seconds, &zone())
}

/// The clock the workflows read: the time now and the candidate's time zone. The web app and
/// the CLI make one with [`Clock::system`]; tests fix the time with [`Clock::fixed`], so a
/// workflow's "today" never depends on when a test runs.
#[derive(Debug, Clone)]
pub struct Clock {
    zone: TimeZone,
    fixed: Option<i64>,
}

impl Clock {
    /// The system clock in the machine's time zone (UTC when it cannot be read).
    pub fn system() -> Clock {
        Clock {
            zone: zone(),
            fixed: None,
        }
    }

    /// A clock stopped at `seconds` in `zone`.
    pub fn fixed(seconds: i64, zone: TimeZone) -> Clock {
        Clock {
            zone,
            fixed: Some(seconds),
        }
    }

    /// Seconds since the Unix epoch.
    pub fn now(&self) -> i64 {
        self.fixed.unwrap_or_else(now)
    }

    /// The candidate's calendar day of `seconds`.
    pub fn date_of(&self, seconds: i64) -> Date {
        local_date_in(seconds, &self.zone)
    }

    /// The candidate's calendar day now.
    pub fn today(&self) -> Date {
        self.date_of(self.now())
    }

    /// The last second of the candidate's day holding `seconds`.
    pub fn end_of_day(&self, seconds: i64) -> i64 {
        end_of_day_in(seconds, &self.zone)
    }
}

fn local_date_in(seconds: i64, tz: &TimeZone) -> Date {
    let fallback = || Date::from_days_since_epoch(seconds.div_euclid(86_400)).unwrap_or(Date::MIN);
    let Ok(at) = Timestamp::from_second(seconds) else {
        return fallback();
    };
    let day = at.to_zoned(tz.clone()).date();
    Date::new(
        i32::from(day.year()),
        u32::from(day.month().unsigned_abs()),
        u32::from(day.day().unsigned_abs()),
    )
    .unwrap_or_else(|_| fallback())
}

fn end_of_day_in(seconds: i64, tz: &TimeZone) -> i64 {
    let Ok(at) = Timestamp::from_second(seconds) else {
        return seconds;
    };
    let zoned = at.to_zoned(tz.clone());
    zoned
        .date()
        .tomorrow()
        .and_then(|d| d.to_zoned(tz.clone()))
        .map_or(seconds, |next| next.timestamp().as_second() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_follow_the_time_zone() {
        // 2026-03-01T03:00:00Z is still February 28th in New York.
        let t = 1_772_334_000;
        let utc = TimeZone::UTC;
        let ny = TimeZone::get("America/New_York")
            .unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(-5)));
        assert_eq!(local_date_in(t, &utc).to_string(), "2026-03-01");
        assert_eq!(local_date_in(t, &ny).to_string(), "2026-02-28");
        assert_eq!(end_of_day_in(t, &utc), 1_772_409_599);
        // New York's February 28th ends at 05:00Z on March 1st.
        assert_eq!(end_of_day_in(t, &ny), 1_772_341_199);
    }
}
