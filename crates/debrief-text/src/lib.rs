//! debrief-text: answer text tokenized once.
//!
//! Words and numbers with byte spans, sentences, first-person markers and a normalised copy
//! ([`Text`]) that every later step works on; the phrase form rules are written in
//! ([`normalise_phrase`]); and "did you mean" hints ([`nearest`]). The pack's validation,
//! the grader and the coaching code all read text through this one tokenizer, so a phrase
//! the pack accepts is a phrase the grader can match.
//!
//! Pure: no I/O, no clock, no global state.

mod nearest;
mod phrase;
mod tokens;

pub use nearest::nearest;
pub use phrase::{is_normalised, normalise_phrase};
pub use tokens::{Sentence, Text, Token, TokenKind, WordClass, is_function_word};
