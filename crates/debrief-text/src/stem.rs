//! A word's stem by its commonest English endings.

/// A word's stem by its commonest English endings, as a prefix of the word: "matches",
/// "matched" and "matching" are all "match", and "shipping" and "shipped" are "ship". Cheap and
/// rough on purpose: the checks that call it only need to tell that two words are the same
/// word (a sentence that says one twice, branches that end in one action), and one rule for
/// all of them keeps them agreeing.
pub fn crude_stem(word: &str) -> &str {
    let word = word.strip_suffix("'s").unwrap_or(word);
    let word = if word.ends_with("ches")
        || word.ends_with("shes")
        || word.ends_with("xes")
        || word.ends_with("sses")
    {
        &word[..word.len() - 2]
    } else if word.ends_with('s') && !word.ends_with("ss") && word.len() > 3 {
        &word[..word.len() - 1]
    } else {
        word
    };
    for ending in ["ing", "ed", "er", "est", "ly"] {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.len() >= 3
        {
            return undoubled(stem);
        }
    }
    word
}

/// A stem whose last consonant was doubled before an ending ("shipp", "plann") without the
/// second letter; "ll", "ss" and "zz" stay ("fall", "pass", "buzz").
fn undoubled(stem: &str) -> &str {
    let b = stem.as_bytes();
    let n = b.len();
    let doubled = n >= 4
        && b[n - 1] == b[n - 2]
        && b[n - 1].is_ascii_lowercase()
        && !matches!(
            b[n - 1],
            b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'z'
        );
    if doubled { &stem[..n - 1] } else { stem }
}

#[cfg(test)]
mod tests {
    use super::crude_stem;

    #[test]
    fn a_crude_stem_joins_a_words_common_forms() {
        for word in ["match", "matches", "matched", "matching", "match's"] {
            assert_eq!(crude_stem(word), "match", "{word}");
        }
        for word in ["ship", "ships", "shipped", "shipping"] {
            assert_eq!(crude_stem(word), "ship", "{word}");
        }
        assert_eq!(crude_stem("planned"), "plan");
        assert_eq!(crude_stem("expanding"), crude_stem("expands"));
        assert_eq!(crude_stem("bookings"), crude_stem("booking"));
        // Short words, double s and a doubled l keep their letters.
        assert_eq!(crude_stem("best"), "best");
        assert_eq!(crude_stem("access"), "access");
        assert_eq!(crude_stem("falling"), "fall");
    }
}
