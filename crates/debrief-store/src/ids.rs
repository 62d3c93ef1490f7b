//! Typed ids for stored records. Each record kind has its own id type, so a story id cannot be
//! passed where a mock id or a user id is expected; the raw number is read only at the SQL
//! boundary (`get`) and when an id is shown or parsed from a path or an argument.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why text is not an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not a {what} id; ids are whole numbers such as 3")]
pub struct IdError {
    /// What kind of id was expected ("story", "mock", ...).
    pub what: &'static str,
    /// The text given.
    pub given: String,
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident => $what:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// What the id names, for messages.
            pub const WHAT: &'static str = $what;

            /// The id of the row numbered `raw`.
            pub const fn new(raw: i64) -> $name {
                $name(raw)
            }

            /// The row number, for SQL and for links.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdError;

            fn from_str(text: &str) -> Result<$name, IdError> {
                text.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .map($name)
                    .ok_or_else(|| IdError { what: $what, given: text.to_owned() })
            }
        }
    )*};
}

ids! {
    /// An account (the local user in local mode).
    UserId => "user";
    /// A STAR story of the story bank.
    StoryId => "story";
    /// A saved fit-diagnostic result.
    FitResultId => "fit result";
    /// A saved prep plan.
    PlanId => "plan";
    /// A mock loop.
    MockId => "mock loop";
    /// A graded answer in the practice history.
    AttemptId => "attempt";
    /// A saved job offer.
    OfferId => "offer";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_from_positive_whole_numbers_only() {
        assert_eq!("3".parse::<StoryId>(), Ok(StoryId::new(3)));
        assert_eq!(" 12 ".parse::<MockId>(), Ok(MockId::new(12)));
        for bad in ["", "0", "-1", "x", "1.5", "9999999999999999999999"] {
            let err = bad.parse::<PlanId>().err();
            assert_eq!(
                err.map(|e| e.to_string()),
                Some(format!(
                    "`{bad}` is not a plan id; ids are whole numbers such as 3"
                ))
            );
        }
    }

    #[test]
    fn ids_serialize_as_plain_numbers() {
        assert_eq!(
            serde_json::to_string(&UserId::new(7)).ok().as_deref(),
            Some("7")
        );
        let back: Result<AttemptId, _> = serde_json::from_str("7");
        assert_eq!(back.ok(), Some(AttemptId::new(7)));
    }
}
