//! Phrases as the normalised answer text spells them, so a rule's phrase matches as written.

/// Whether a phrase is plain lowercase ASCII words joined by single spaces: the form the
/// normalised answer text has, so it can match as written.
pub fn is_normalised(phrase: &str) -> bool {
    let b = phrase.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && !phrase.contains("  ")
        && b.iter().all(|&c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || matches!(c, b' ' | b'\'' | b'-' | b'/' | b'&')
        })
        && !b.windows(2).any(|w| {
            let joiner = |c: u8| matches!(c, b'\'' | b'-' | b'/' | b'&');
            (joiner(w[0]) && !w[1].is_ascii_alphanumeric())
                || (joiner(w[1]) && !w[0].is_ascii_alphanumeric())
        })
}

/// Phrases match the normalised text: lowercase, typographic apostrophes plain, single spaces.
pub fn normalise_phrase(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| w.replace('’', "'").to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}
