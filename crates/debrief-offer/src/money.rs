//! Money as whole cents, and the percentages applied to it as basis points.
//!
//! Pay is added, split and compared many times over; floating-point dollars would leave a cent
//! here and there that no offer letter has. Every amount is an `i64` of cents, every rate an
//! `i32` of basis points (1% = 100), and every split rounds down with the remainder carried,
//! so parts always add up to the whole.

use std::fmt;

use serde::{Serialize, Serializer};

/// An amount of money in US cents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cents(pub i64);

/// The largest amount an offer field accepts: a billion dollars, far above any pay and far
/// below where sums of a few dozen of them could overflow.
pub const MAX_AMOUNT: Cents = Cents(100_000_000_000);

/// Why a piece of text is not an amount of money or a percentage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing was given.
    #[error("is empty; write an amount in dollars such as 150000, 150,000 or 150k")]
    Empty,
    /// Not a number.
    #[error("`{0}` is not an amount; write dollars such as 150000, 150,000.50 or 150k")]
    NotAmount(String),
    /// More than two decimals.
    #[error("`{0}` has more than two decimals; money is counted in whole cents")]
    TooPrecise(String),
    /// Below zero.
    #[error("`{0}` is negative; write the amount without a minus sign")]
    Negative(String),
    /// Over [`MAX_AMOUNT`].
    #[error("`{0}` is more than $1,000,000,000; check the number of zeros")]
    TooLarge(String),
    /// Not a percentage.
    #[error(
        "`{0}` is not a percentage; write a number such as 3, -30 or 12.5 (a % sign is optional)"
    )]
    NotPercent(String),
    /// A percentage out of the allowed range.
    #[error("`{0}` is out of range; {1}")]
    PercentOutOfRange(String, &'static str),
}

impl Cents {
    /// Zero.
    pub const ZERO: Cents = Cents(0);

    /// Whole dollars as cents.
    pub const fn from_dollars(dollars: i64) -> Cents {
        Cents(dollars * 100)
    }

    /// Parses an amount of dollars as a candidate types it: `150000`, `150,000`, `$150,000.50`,
    /// `150k`, `1.2m`. Never negative; at most two decimals (after a `k` or `m` suffix the
    /// result must still be whole cents).
    pub fn parse(text: &str) -> Result<Cents, MoneyError> {
        let raw = text.trim();
        if raw.is_empty() {
            return Err(MoneyError::Empty);
        }
        let t = raw.strip_prefix('$').unwrap_or(raw).trim();
        if t.starts_with('-') {
            return Err(MoneyError::Negative(raw.to_owned()));
        }
        let lower = t.to_ascii_lowercase();
        let (number, scale) = match lower.strip_suffix('k') {
            Some(n) => (n, 1_000i64),
            None => match lower.strip_suffix('m') {
                Some(n) => (n, 1_000_000),
                None => (lower.as_str(), 1),
            },
        };
        let digits: String = number.chars().filter(|c| *c != ',' && *c != '_').collect();
        let decimal =
            Decimal::parse(&digits).ok_or_else(|| MoneyError::NotAmount(raw.to_owned()))?;
        // value = mantissa / 10^decimals dollars; in cents that is mantissa * scale * 100 / 10^d.
        let numerator = i128::from(decimal.mantissa) * i128::from(scale) * 100;
        let denominator = 10i128.pow(decimal.decimals);
        if numerator % denominator != 0 {
            return Err(MoneyError::TooPrecise(raw.to_owned()));
        }
        let cents = numerator / denominator;
        if cents > i128::from(MAX_AMOUNT.0) {
            return Err(MoneyError::TooLarge(raw.to_owned()));
        }
        Ok(Cents(cents as i64))
    }

    /// This amount times `numerator / denominator`, rounded down (toward minus infinity).
    pub fn share(self, numerator: i64, denominator: i64) -> Cents {
        let product = i128::from(self.0) * i128::from(numerator);
        Cents(product.div_euclid(i128::from(denominator)) as i64)
    }

    /// This amount changed by `rate` basis points (a 3% raise is 300), rounded to the nearest
    /// cent.
    pub fn grown_by(self, rate: BasisPoints, times: u32) -> Cents {
        let mut value = self;
        for _ in 0..times {
            let product = i128::from(value.0) * i128::from(10_000 + rate.0);
            value = Cents(round_div(product, 10_000) as i64);
        }
        value
    }

    /// Whole dollars, rounded to the nearest dollar (for charts and compact tables).
    pub fn dollars(self) -> i64 {
        round_div(i128::from(self.0), 100) as i64
    }

    /// Shown rounded to the nearest dollar, `$30,119`: what a table of yearly pay shows, where
    /// cents (which a share-price scenario produces) are noise.
    pub fn whole(self) -> String {
        Cents::from_dollars(self.dollars()).to_string()
    }

    /// Shown as dollars with thousands separators and cents only when there are any:
    /// `$150,000`, `$212,500.50`, `-$1,200`.
    pub fn display(self) -> String {
        self.to_string()
    }
}

/// `a / b` rounded half away from zero.
fn round_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    let r = a % b;
    if 2 * r.abs() >= b.abs() {
        q + a.signum() * b.signum()
    } else {
        q
    }
}

impl std::ops::Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Cents) -> Cents {
        Cents(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign for Cents {
    fn add_assign(&mut self, rhs: Cents) {
        self.0 += rhs.0;
    }
}

impl std::ops::Sub for Cents {
    type Output = Cents;
    fn sub(self, rhs: Cents) -> Cents {
        Cents(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        Cents(iter.map(|c| c.0).sum())
    }
}

impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let dollars = abs / 100;
        let cents = abs % 100;
        let digits = dollars.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if cents == 0 {
            write!(f, "{sign}${grouped}")
        } else {
            write!(f, "{sign}${grouped}.{cents:02}")
        }
    }
}

/// In JSON, money is a number of dollars with at most two decimals (`212500` or `212500.5`):
/// what a script reading `debrief offer --json` expects, exact because it is printed from cents.
impl Serialize for Cents {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_i64(self.0 / 100)
        } else {
            // Exact: a cents value over 100 has a finite decimal form; serde_json prints the
            // shortest representation that round-trips, which for two decimals is those two.
            s.serialize_f64(self.0 as f64 / 100.0)
        }
    }
}

/// A rate in hundredths of a percent: 1% is 100, -30% is -3,000.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BasisPoints(pub i32);

impl BasisPoints {
    /// Parses a percentage as typed: `3`, `3%`, `-30`, `+15`, `12.5`. At most two decimals;
    /// `allowed` bounds it, in basis points, and `why` says what the bound is when it fails.
    pub fn parse_percent(
        text: &str,
        allowed: std::ops::RangeInclusive<i32>,
        why: &'static str,
    ) -> Result<BasisPoints, MoneyError> {
        let raw = text.trim();
        let t = raw.strip_suffix('%').unwrap_or(raw).trim();
        let (negative, unsigned) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let decimal = Decimal::parse(unsigned)
            .filter(|d| d.decimals <= 2)
            .ok_or_else(|| MoneyError::NotPercent(raw.to_owned()))?;
        let bp = i128::from(decimal.mantissa) * 10i128.pow(2 - decimal.decimals);
        let bp = if negative { -bp } else { bp };
        let in_range = i32::try_from(bp).ok().filter(|v| allowed.contains(v));
        in_range
            .map(BasisPoints)
            .ok_or_else(|| MoneyError::PercentOutOfRange(raw.to_owned(), why))
    }

    /// As a percentage, with decimals only where there are any: `-30%`, `12.5%`.
    pub fn percent_label(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 100, abs % 100);
        if frac == 0 {
            format!("{sign}{whole}%")
        } else if frac % 10 == 0 {
            format!("{sign}{whole}.{}%", frac / 10)
        } else {
            format!("{sign}{whole}.{frac:02}%")
        }
    }
}

/// In JSON, a rate is a percentage number: -30, 12.5.
impl Serialize for BasisPoints {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_i64(i64::from(self.0 / 100))
        } else {
            s.serialize_f64(f64::from(self.0) / 100.0)
        }
    }
}

/// A non-negative decimal read digit by digit: `mantissa / 10^decimals`.
struct Decimal {
    mantissa: i64,
    decimals: u32,
}

impl Decimal {
    fn parse(text: &str) -> Option<Decimal> {
        let (whole, frac) = match text.split_once('.') {
            Some((w, f)) => (w, f),
            None => (text, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !all_digits(whole) || !all_digits(frac) {
            return None;
        }
        // Trailing zeros after the point carry no precision: 150000.50 is 150000.5.
        let frac = frac.trim_end_matches('0');
        if whole.len() + frac.len() > 15 {
            return None;
        }
        let mantissa = format!("{whole}{frac}").parse::<i64>().unwrap_or(0);
        Some(Decimal {
            mantissa,
            decimals: frac.len() as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_as_candidates_type_them() {
        let ok = |t: &str| Cents::parse(t).map(|c| c.0);
        assert_eq!(ok("150000"), Ok(15_000_000));
        assert_eq!(ok("150,000"), Ok(15_000_000));
        assert_eq!(ok(" $150,000.50 "), Ok(15_000_050));
        assert_eq!(ok("150000.5"), Ok(15_000_050));
        assert_eq!(ok("150k"), Ok(15_000_000));
        assert_eq!(ok("1.25M"), Ok(125_000_000));
        assert_eq!(ok("0"), Ok(0));
        assert_eq!(ok(".5"), Ok(50));
        assert!(matches!(Cents::parse(""), Err(MoneyError::Empty)));
        assert!(matches!(Cents::parse("abc"), Err(MoneyError::NotAmount(_))));
        assert!(matches!(
            Cents::parse("1.234"),
            Err(MoneyError::TooPrecise(_))
        ));
        assert!(matches!(Cents::parse("-5"), Err(MoneyError::Negative(_))));
        assert!(matches!(
            Cents::parse("2000000000"),
            Err(MoneyError::TooLarge(_))
        ));
        assert!(matches!(
            Cents::parse("1.2.3"),
            Err(MoneyError::NotAmount(_))
        ));
        assert!(matches!(Cents::parse("."), Err(MoneyError::NotAmount(_))));
    }

    #[test]
    fn display_groups_thousands_and_hides_zero_cents() {
        assert_eq!(Cents(21_250_000).to_string(), "$212,500");
        assert_eq!(Cents(21_250_050).to_string(), "$212,500.50");
        assert_eq!(Cents(-120_000).to_string(), "-$1,200");
        assert_eq!(Cents(5).to_string(), "$0.05");
        assert_eq!(Cents(100_000).to_string(), "$1,000");
        assert_eq!(Cents(3_011_854).whole(), "$30,119");
        assert_eq!(Cents(-150).whole(), "-$2");
    }

    #[test]
    fn shares_round_down_and_growth_rounds_to_the_cent() {
        assert_eq!(Cents(1_000).share(1, 3), Cents(333));
        assert_eq!(Cents(-1_000).share(1, 3), Cents(-334));
        assert_eq!(
            Cents::from_dollars(100_000).grown_by(BasisPoints(300), 2).0,
            10_609_000
        );
        assert_eq!(
            Cents::from_dollars(100).grown_by(BasisPoints(-3_000), 1),
            Cents(7_000)
        );
    }

    #[test]
    fn percentages_parse_with_sign_decimals_and_bounds() {
        let p = |t: &str| BasisPoints::parse_percent(t, -9_999..=100_000, "x").map(|b| b.0);
        assert_eq!(p("3"), Ok(300));
        assert_eq!(p("-30%"), Ok(-3_000));
        assert_eq!(p("+15"), Ok(1_500));
        assert_eq!(p("12.5"), Ok(1_250));
        assert_eq!(p("0.25"), Ok(25));
        assert!(p("-100").is_err());
        assert!(p("1.234").is_err());
        assert!(p("lots").is_err());
        assert_eq!(BasisPoints(-3_000).percent_label(), "-30%");
        assert_eq!(BasisPoints(1_250).percent_label(), "12.5%");
        assert_eq!(BasisPoints(1_225).percent_label(), "12.25%");
    }

    #[test]
    fn json_money_is_dollars() {
        let j = |c: i64| serde_json::to_string(&Cents(c)).unwrap_or_default();
        assert_eq!(j(21_250_000), "212500");
        assert_eq!(j(21_250_050), "212500.5");
        assert_eq!(j(21_250_001), "212500.01");
    }
}
