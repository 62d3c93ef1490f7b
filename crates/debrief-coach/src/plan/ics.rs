//! The plan as an RFC 5545 calendar: one all-day event per item, importable anywhere.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{Date, Plan};

impl Plan {
    /// The plan as an RFC 5545 calendar: one all-day event per item on its due date, with
    /// CRLF line endings and lines folded at 75 octets. Done items get a "✓ " before their
    /// summary.
    ///
    /// `stamp` is the moment of export for DTSTAMP (core reads no clock): the UTC form
    /// `YYYYMMDDTHHMMSSZ`, RFC 3339 in UTC (`2026-05-01T09:30:00Z`, fractions ignored) or a
    /// bare date. Anything else falls back to the plan's start date at midnight UTC.
    pub fn to_ics(&self, done: &BTreeSet<String>, stamp: &str) -> String {
        let stamp = ics_stamp(stamp, self.start);
        let mut out = String::new();
        let mut line = |text: &str| fold_line(&mut out, text);
        line("BEGIN:VCALENDAR");
        line("VERSION:2.0");
        line("PRODID:-//debrief//prep plan//EN");
        line("CALSCALE:GREGORIAN");
        line("METHOD:PUBLISH");
        line(&format!(
            "X-WR-CALNAME:{}",
            escape_text(&format!("Prep plan: {}", self.heading()))
        ));
        let weeks = self.weeks.len();
        for item in self.items() {
            let mut summary = String::new();
            if done.contains(&item.id) {
                summary.push_str("✓ ");
            }
            summary.push_str(&item.title);
            let mut description = item.detail.clone();
            if !item.question_ids.is_empty() {
                description.push_str("\n\nQuestions:");
                for q in &item.question_ids {
                    match self.questions.get(q) {
                        Some(text) => {
                            let _ = write!(description, "\n- {q}: {text}");
                        }
                        None => {
                            let _ = write!(description, "\n- {q}");
                        }
                    }
                }
            }
            let _ = write!(
                description,
                "\n\nWeek {} of {weeks}, {} interview on {}.",
                item.week,
                self.heading(),
                self.interview
            );
            let end = item.due.add_days(1).unwrap_or(item.due);
            line("BEGIN:VEVENT");
            line(&format!("UID:{}.{}@debrief", item.id, self.id));
            line(&format!("DTSTAMP:{stamp}"));
            line(&format!("DTSTART;VALUE=DATE:{}", item.due.compact()));
            line(&format!("DTEND;VALUE=DATE:{}", end.compact()));
            line(&format!("SUMMARY:{}", escape_text(&summary)));
            line(&format!("DESCRIPTION:{}", escape_text(&description)));
            line(&format!("CATEGORIES:debrief,{}", item.kind));
            line("TRANSP:TRANSPARENT");
            line("END:VEVENT");
        }
        line("END:VCALENDAR");
        out
    }
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma get a backslash,
/// line breaks become `\n`, and other control characters (forbidden in TEXT) are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no physical line exceeds 75 octets (RFC 5545, 3.1):
/// continuation lines start with a space, and folds never split a UTF-8 character.
fn fold_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space of a continuation line counts toward its 75 octets.
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Normalises a caller-supplied moment to the UTC DATE-TIME form of RFC 5545.
fn ics_stamp(stamp: &str, fallback: Date) -> String {
    let mut compact: String = stamp
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect::<String>()
        .to_ascii_uppercase();
    if let Some(dot) = compact.find('.') {
        let utc = compact.ends_with('Z');
        compact.truncate(dot);
        if utc {
            compact.push('Z');
        }
    }
    let b = compact.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    let valid_date = |b: &[u8]| {
        std::str::from_utf8(&b[..8])
            .ok()
            .and_then(|s| Date::parse(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8])).ok())
            .is_some()
    };
    let ok = match b.len() {
        8 => digits(0..8) && valid_date(b),
        15 | 16 => {
            digits(0..8)
                && b[8] == b'T'
                && digits(9..15)
                && (b.len() == 15 || b[15] == b'Z')
                && valid_date(b)
        }
        _ => false,
    };
    match (ok, b.len()) {
        (true, 8) => format!("{compact}T000000Z"),
        (true, 15) => format!("{compact}Z"),
        (true, _) => compact,
        (false, _) => format!("{}T000000Z", fallback.compact()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn escaping_follows_rfc_5545() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\rg\u{7}h"),
            "a\\,b\\;c\\\\d\\ne\\nf\\ngh"
        );
    }

    #[test]
    fn folding_keeps_75_octets_and_utf8() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(100));
        fold_line(&mut out, &line);
        assert!(out.ends_with("\r\n"));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        let mut short = String::new();
        fold_line(&mut short, "BEGIN:VEVENT");
        assert_eq!(short, "BEGIN:VEVENT\r\n");
    }

    #[test]
    fn stamps_normalise_or_fall_back() {
        let fallback = date("2026-05-01");
        assert_eq!(ics_stamp("20260501T093000Z", fallback), "20260501T093000Z");
        assert_eq!(
            ics_stamp("2026-05-01T09:30:00.123Z", fallback),
            "20260501T093000Z"
        );
        assert_eq!(ics_stamp("2026-05-02", fallback), "20260502T000000Z");
        assert_eq!(ics_stamp("20260501T093000", fallback), "20260501T093000Z");
        assert_eq!(ics_stamp("yesterday", fallback), "20260501T000000Z");
        assert_eq!(ics_stamp("2026-02-30", fallback), "20260501T000000Z");
    }
}
