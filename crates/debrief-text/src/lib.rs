//! debrief-text: answer text tokenized once.
//!
//! Words and numbers with byte spans, sentences, first-person markers and a normalised copy
//! ([`Text`]) that every later step works on; the phrase form rules are written in
//! ([`normalise_phrase`]); a rough stem that tells two forms of a word apart from two words
//! ([`crude_stem`]); and "did you mean" hints ([`nearest`]). The pack's validation,
//! the grader and the coaching code all read text through this one tokenizer, so a phrase
//! the pack accepts is a phrase the grader can match.
//!
//! Pure: no I/O, no clock, no global state.

mod nearest;
mod phrase;
mod scope;
mod spelled;
mod stem;
mod tokens;

pub use nearest::nearest;
pub use phrase::{is_normalised, normalise_phrase};
pub use scope::{Assertion, ScopeWords};
pub use spelled::{scale_word, spelled_value};
pub use stem::crude_stem;
pub use tokens::{Sentence, Text, Token, TokenKind, WordClass, is_function_word, merged_ranges};

/// `text` as every store can hold it: each NUL character (U+0000) replaced with U+FFFD.
/// PostgreSQL's `text` cannot hold a NUL, and in something a candidate wrote one only ever
/// comes from pasting out of a binary file; the visible replacement marks where it was and
/// nothing else changes. Every path that saves user text applies this one rule, so SQLite and
/// PostgreSQL hold the same text and an export from one imports into the other.
pub fn storable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\0') {
        std::borrow::Cow::Owned(text.replace('\0', "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod storable_tests {
    use super::storable;

    #[test]
    fn only_nul_changes() {
        assert_eq!(storable("a\0b\0"), "a\u{FFFD}b\u{FFFD}");
        assert!(matches!(
            storable("tab\tand\nline é"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
