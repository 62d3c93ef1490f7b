//! Numbers written in words ("five hundred", "twenty-four", "one point eight" before
//! "billion"): read as one number token, as their digits would be, so a figure counts whether
//! the candidate typed it or said it. Like the function words, this is the grammar of English
//! numerals, not product knowledge.
//!
//! The token mirrors how digits are read: "2 million" is the number "2" and the word
//! "million", and "40 percent" the number "40" and the word "percent", so a spelled "two
//! million" is the number "two" and the word "million". Rules and phrases that read the unit
//! word ("million views") then read it the same way for both.
//!
//! Small numbers alone stay words: "two things", "three cities", "one in five" are a manner of
//! speaking as often as a count, and style guides spell them out where digits would be odd. A
//! spelled number counts when it is 11 or more, holds "hundred", or stands right before a
//! scale word or "percent".

/// The words for 0 to 19, by value.
const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// The words for 20 to 90, by tens from 20.
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The value of one number word below a hundred: "seven", "forty", "twenty-four".
fn below_hundred(word: &str) -> Option<f64> {
    if let Some(v) = SMALL.iter().position(|&w| w == word) {
        return Some(v as f64);
    }
    if let Some(t) = TENS.iter().position(|&w| w == word) {
        return Some(20.0 + 10.0 * t as f64);
    }
    let (tens, unit) = word.split_once('-')?;
    let tens = TENS.iter().position(|&w| w == tens)?;
    let unit = SMALL[1..10].iter().position(|&w| w == unit)? + 1;
    Some(20.0 + 10.0 * tens as f64 + unit as f64)
}

/// The value of a scale word said after a number, in digits or in words ("2 million",
/// "twelve thousand"): the scale stays a word of its own, and readers multiply by it.
pub fn scale_word(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Whether `word` ends a spelled number as its scale or unit: "2 million", "40 percent".
fn is_unit_after(word: &str) -> bool {
    scale_word(word).is_some() || word == "percent"
}

/// One step of reading a spelled number.
#[derive(Clone, Copy, PartialEq)]
enum Last {
    /// Nothing read yet.
    Start,
    /// A number below a hundred; `true` when it was a plain tens word ("forty").
    Number { tens: bool },
    /// "hundred".
    Hundred,
    /// "and" after "hundred".
    And,
    /// "point".
    Point,
    /// A digit after "point".
    Decimal,
}

/// The value of a spelled number in the form the tokenizer keeps (lowercase words joined by
/// single spaces): "five hundred" is 500, "two hundred and forty" 240, "one point eight" 1.8,
/// "twenty-four" 24. `None` for anything else.
pub fn spelled_value(words: &str) -> Option<f64> {
    // "a hundred twenty thousand" is said for 120 thousand; "a hundred" alone stays words
    // ("one in a hundred").
    if let Some(rest) = words.strip_prefix("a hundred ") {
        return spelled_value(&format!("one hundred {rest}"));
    }
    let mut total = 0.0;
    let mut digits = 0.1;
    let mut last = Last::Start;
    for word in words.split(' ') {
        last = match (last, word) {
            (Last::Start | Last::And, w) => {
                total += below_hundred(w)?;
                Last::Number {
                    tens: TENS.contains(&w),
                }
            }
            (Last::Number { tens: true }, w) if SMALL[1..10].contains(&w) => {
                total += below_hundred(w)?;
                Last::Number { tens: false }
            }
            (Last::Number { .. }, "hundred") if total > 0.0 && total < 100.0 => {
                total *= 100.0;
                Last::Hundred
            }
            (Last::Hundred, "and") => Last::And,
            (Last::Hundred, w) => {
                total += below_hundred(w).filter(|&v| v > 0.0)?;
                Last::Number {
                    tens: TENS.contains(&w),
                }
            }
            (Last::Number { .. }, "point") => Last::Point,
            (Last::Point | Last::Decimal, w) => {
                let d = SMALL[..10].iter().position(|&s| s == w)?;
                total += d as f64 * digits;
                digits /= 10.0;
                Last::Decimal
            }
            _ => return None,
        };
    }
    matches!(last, Last::Number { .. } | Last::Hundred | Last::Decimal).then_some(total)
}

/// Whether a word starting at the front of `rest` may be a number in words: its first three
/// letters are those of a number word ("thr", "fif", "twe"; "fort", "thir"), or it is
/// the "a" of "a hundred".
/// Most words fail this at once, which keeps the tokenizer's pace.
pub(crate) fn may_start(rest: &[u8]) -> bool {
    const STARTS: [&[u8; 3]; 14] = [
        b"zer", b"one", b"two", b"thr", b"fou", b"fiv", b"fif", b"six", b"sev", b"eig", b"nin",
        b"ten", b"ele", b"twe",
    ];
    match rest {
        [a, b' ', ..] if a.eq_ignore_ascii_case(&b'a') => rest
            .get(2..9)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"hundred")),
        [a, b, c, ..] => {
            let head = [
                a.to_ascii_lowercase(),
                b.to_ascii_lowercase(),
                c.to_ascii_lowercase(),
            ];
            STARTS.iter().any(|s| **s == head)
                // "forty", not "for"; "thirty", not "this" or "think".
                || (head == *b"for" && rest.get(3).is_some_and(|d| d.eq_ignore_ascii_case(&b't')))
                || (head == *b"thi" && rest.get(3).is_some_and(|d| d.eq_ignore_ascii_case(&b'r')))
        }
        _ => false,
    }
}

/// Where a spelled number that counts ends, when one starts at byte `start` of `source`: the
/// longest run of number words joined by single spaces that reads as one number, when it is
/// 11 or more, holds "hundred", or comes right before a scale word or "percent" (which stay
/// words of their own). `word_end` gives where the word at a byte ends, as the tokenizer
/// reads words.
pub(crate) fn spelled_end(
    source: &str,
    start: usize,
    word_end: impl Fn(usize) -> usize,
) -> Option<usize> {
    let first = &source[start..word_end(start)];
    let a_hundred = first.eq_ignore_ascii_case("a")
        && source[start + 1..]
            .get(..8)
            .is_some_and(|w| w.eq_ignore_ascii_case(" hundred"));
    if !a_hundred && below_hundred(&first.to_ascii_lowercase()).is_none() {
        return None;
    }
    let mut words = String::new();
    let mut best: Option<(usize, usize, f64)> = None; // (end, length of `words`, value)
    let mut at = start;
    loop {
        let end = word_end(at);
        if end == at {
            break;
        }
        if !words.is_empty() {
            words.push(' ');
        }
        words.extend(source[at..end].chars().map(|c| c.to_ascii_lowercase()));
        match spelled_value(&words) {
            Some(value) => best = Some((end, words.len(), value)),
            // "two hundred and" or "one point" may go on to a number; anything else ends it.
            None if words.ends_with(" and")
                || words.ends_with(" point")
                || words == "a"
                || words == "a hundred" => {}
            None => break,
        }
        // Only a single space joins the words of one number.
        if source.as_bytes().get(end) != Some(&b' ') {
            break;
        }
        at = end + 1;
    }
    let (end, len, value) = best?;
    let rest = source[end..].strip_prefix(' ').unwrap_or("");
    let next = &rest[..word_end(end + 1).saturating_sub(end + 1).min(rest.len())];
    let unit_after = is_unit_after(&next.to_ascii_lowercase())
        || (next.eq_ignore_ascii_case("per")
            && rest
                .get(3..8)
                .is_some_and(|w| w.eq_ignore_ascii_case(" cent")));
    (value >= 11.0 || words[..len].contains("hundred") || unit_after).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `n` (below a thousand) in words, as a test's independent spelling.
    fn words(n: u32) -> String {
        let mut out = Vec::new();
        if n >= 100 {
            out.push(format!("{} hundred", SMALL[(n / 100) as usize]));
        }
        let rest = n % 100;
        if rest >= 20 {
            let tens = TENS[(rest / 10 - 2) as usize];
            out.push(if rest.is_multiple_of(10) {
                tens.to_owned()
            } else {
                format!("{tens}-{}", SMALL[(rest % 10) as usize])
            });
        } else if rest > 0 || n == 0 {
            out.push(SMALL[rest as usize].to_owned());
        }
        out.join(" ")
    }

    proptest! {
        /// Every number below a thousand reads back as itself, and as one number token in a
        /// sentence when it counts.
        #[test]
        fn every_number_below_a_thousand_reads_back(n in 0u32..1000) {
            let said = words(n);
            prop_assert_eq!(spelled_value(&said), Some(f64::from(n)));
            let sentence = format!("We reached {said} shops.");
            let t = crate::Text::new(&sentence);
            let numbers: Vec<&str> = t
                .tokens
                .iter()
                .filter(|k| k.kind == crate::TokenKind::Number)
                .map(|k| &sentence[k.start..k.end])
                .collect();
            if n >= 11 {
                prop_assert_eq!(numbers, vec![said.as_str()]);
            } else {
                prop_assert!(numbers.is_empty());
            }
        }

        /// Any run of number words and others tokenizes, and each number token reads back
        /// as a value.
        #[test]
        fn runs_of_number_words_tokenize(parts in prop::collection::vec(prop::sample::select(vec![
            "one", "nine", "ten", "twelve", "twenty", "forty-two", "hundred", "thousand",
            "million", "and", "point", "percent", "per", "cent", "shops", ",", ".", "-", "\n",
            "Fifty", "twenty-minute",
        ]), 0..14)) {
            let s = parts.join(" ");
            let t = crate::Text::new(&s);
            for (i, k) in t.tokens.iter().enumerate() {
                prop_assert!(k.start < k.end && k.end <= s.len());
                if k.kind == crate::TokenKind::Number {
                    prop_assert!(spelled_value(t.lower(i)).is_some(), "{}", t.lower(i));
                }
            }
        }
    }

    #[test]
    fn values_read_as_said() {
        assert_eq!(spelled_value("five hundred"), Some(500.0));
        assert_eq!(spelled_value("two hundred and forty"), Some(240.0));
        assert_eq!(spelled_value("two hundred forty-five"), Some(245.0));
        assert_eq!(spelled_value("twenty-four"), Some(24.0));
        assert_eq!(spelled_value("twenty four"), Some(24.0));
        assert_eq!(spelled_value("nineteen"), Some(19.0));
        assert_eq!(spelled_value("one point eight"), Some(1.8));
        assert_eq!(spelled_value("a hundred twenty"), Some(120.0));
        assert_eq!(spelled_value("a hundred"), None);
        assert_eq!(spelled_value("zero"), Some(0.0));
        for not in [
            "two three",
            "forty twenty",
            "hundred",
            "five hundred and",
            "one point",
            "twenty-ten",
            "fourteen four",
            "five hundred hundred",
            "",
            "several",
        ] {
            assert_eq!(spelled_value(not), None, "{not}");
        }
    }
}
