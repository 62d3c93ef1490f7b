//! Tokenizing an answer once: words and numbers with byte spans, sentences, and a normalised
//! copy (lowercase words joined by single spaces, one line per sentence) that holds each
//! token's lowercase form, which phrases match on. Every later step works on these spans;
//! nothing re-scans the text.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word (letters, digits, internal apostrophes, hyphens and slashes).
    Word,
    /// A number, with its currency sign and unit suffix when attached (`$2.4m`, `15%`, `3x`),
    /// or a number in words that counts ("five hundred", "twenty-four": see
    /// [`spelled_value`](crate::spelled_value)).
    Number,
}

/// One word or number of the answer.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Byte span in the answer.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Byte span in the normalised text.
    pub norm_start: usize,
    /// End of the normalised span.
    pub norm_end: usize,
    /// Sentence index.
    pub sentence: usize,
    /// Word or number.
    pub kind: TokenKind,
    /// First person singular (I, me, my, ...).
    pub singular: bool,
    /// First person plural (we, us, our, ...).
    pub plural: bool,
    /// A grammatical class used to judge word order.
    pub class: WordClass,
    /// Whether the word is a function word ([`is_function_word`]), worked out once here
    /// because several passes ask it of every token.
    pub function: bool,
}

impl Token {
    /// Whether the token is first person, singular or plural ("I", "we", "my", "our"): the
    /// candidate speaking.
    #[inline]
    pub fn first_person(&self) -> bool {
        self.singular || self.plural
    }
}

/// Closed-class words whose order English constrains; everything else is `Open`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// the, a, my, our, ...
    Determiner,
    /// of, in, for, with, ...
    Preposition,
    /// I, we, they, he, she.
    Subject,
    /// was, is, will, could, ...
    Auxiliary,
    /// and, or, but.
    Conjunction,
    /// Any other word.
    Open,
}

/// A sentence: its byte span and its tokens.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// Byte span in the answer.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Index of its first token.
    pub first_token: usize,
    /// One past its last token.
    pub end_token: usize,
}

impl Sentence {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.end_token - self.first_token
    }

    /// Whether it has no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An answer, tokenized.
#[derive(Debug, Clone)]
pub struct Text<'a> {
    /// The answer as given.
    pub source: &'a str,
    /// Words and numbers, in order.
    pub tokens: Vec<Token>,
    /// Sentences, in order; each has at least one token.
    pub sentences: Vec<Sentence>,
    /// Lowercase tokens joined by spaces, sentences separated by newlines.
    pub normalised: String,
}

impl<'a> Text<'a> {
    /// Tokenizes `source`. Never fails: any string is some sequence of tokens (maybe none).
    pub fn new(source: &'a str) -> Text<'a> {
        let mut tokens: Vec<Token> = Vec::with_capacity(source.len() / 5 + 1);
        let mut sentences = Vec::new();
        let mut normalised = String::with_capacity(source.len() + 16);
        let mut sentence_start: Option<usize> = None;
        let mut first_token = 0;
        let bytes = source.as_bytes();
        let mut i = 0;
        let close = |tokens: &Vec<Token>,
                     sentences: &mut Vec<Sentence>,
                     start: &mut Option<usize>,
                     first: &mut usize,
                     end: usize| {
            if let Some(s) = start.take()
                && tokens.len() > *first
            {
                sentences.push(Sentence {
                    start: s,
                    end,
                    first_token: *first,
                    end_token: tokens.len(),
                });
                *first = tokens.len();
            }
        };
        while i < source.len() {
            let c = char_at(source, i);
            let width = c.len_utf8();
            if is_word_char(c) || (is_currency(c) && next_is_digit(source, i + width)) {
                // A number in words is one number token, as its digits would be.
                // Most words are turned away by their first letters before any work.
                let spelled = crate::spelled::may_start(&bytes[i..]).then(|| {
                    crate::spelled::spelled_end(source, i, |at| {
                        if at < source.len()
                            && source.is_char_boundary(at)
                            && is_word_char(char_at(source, at))
                        {
                            scan_word(source, at).0
                        } else {
                            at
                        }
                    })
                });
                let (end, kind) = match spelled.flatten() {
                    Some(end) => (end, TokenKind::Number),
                    None => scan_token(source, i),
                };
                if sentence_start.is_none() {
                    sentence_start = Some(i);
                    if !normalised.is_empty() {
                        normalised.push('\n');
                    }
                } else {
                    normalised.push(' ');
                }
                let norm_start = normalised.len();
                push_lower(&mut normalised, &source[i..end]);
                let norm_end = normalised.len();
                let lower = &normalised[norm_start..norm_end];
                tokens.push(Token {
                    start: i,
                    end,
                    norm_start,
                    norm_end,
                    sentence: sentences.len(),
                    kind,
                    singular: is_singular(lower),
                    plural: is_plural(lower),
                    class: class_of(lower),
                    function: is_function_word(lower),
                });
                i = end;
                continue;
            }
            let ends_sentence = match c {
                '.' | '!' | '?' => {
                    // Closing marks may follow: quotes, a bracket, or the asterisks and
                    // underscores that close Markdown emphasis ("**What does it cost?**").
                    let next = source[i + width..]
                        .chars()
                        .find(|&n| !matches!(n, '*' | '_'));
                    next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '\'' || n == ')')
                        && !is_abbreviation(&tokens, source, i)
                }
                '\n' => {
                    // A line break ends a sentence when the line looks complete or the next
                    // line is blank or a bullet; wrapped prose continues.
                    let rest = &source[i + 1..];
                    let next_line = rest.trim_start_matches([' ', '\t']);
                    next_line.starts_with('\n')
                        || next_line.starts_with(['-', '*', '•'])
                        || next_line.chars().next().is_some_and(|n| n.is_ascii_digit())
                        || bytes
                            .get(i.wrapping_sub(1))
                            .is_some_and(|b| b":;".contains(b))
                }
                '•' => true,
                _ => false,
            };
            if ends_sentence {
                close(
                    &tokens,
                    &mut sentences,
                    &mut sentence_start,
                    &mut first_token,
                    i + width,
                );
            }
            i += width;
        }
        close(
            &tokens,
            &mut sentences,
            &mut sentence_start,
            &mut first_token,
            source.len(),
        );
        // A sentence's end is the end of its last token plus closing punctuation.
        for s in &mut sentences {
            let last = tokens[s.end_token - 1].end;
            let tail = &source[last..s.end.max(last)];
            let keep = tail
                .char_indices()
                .take_while(|(_, c)| !c.is_whitespace())
                .last()
                .map_or(0, |(j, c)| j + c.len_utf8());
            s.end = last + keep;
        }
        Text {
            source,
            tokens,
            sentences,
            normalised,
        }
    }

    /// Whether token `i` is a number written in words ("twenty", "five hundred").
    pub fn is_spelled_number(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Number
            && self.lower(i).starts_with(|c: char| c.is_ascii_alphabetic())
    }

    /// Number of words and numbers.
    pub fn word_count(&self) -> usize {
        self.tokens.len()
    }

    /// Whether `sentence` asks a question: it ends on a question mark (a span ends at its
    /// mark, before any closing Markdown emphasis).
    pub fn asks(&self, sentence: &Sentence) -> bool {
        self.source[sentence.start..sentence.end]
            .trim_end()
            .ends_with('?')
    }

    /// The lowercase text of a token.
    // Inlined across crates: every pass of the grader reads tokens through it.
    #[inline]
    pub fn lower(&self, token: usize) -> &str {
        let t = &self.tokens[token];
        &self.normalised[t.norm_start..t.norm_end]
    }
}

// The word lists below are the closed-class grammar of English the tokenizer is built on, not
// product knowledge, so they stay here rather than in the content pack: the pronouns behind the
// grader's built-in `@i` and `@we` classes, and the determiners, prepositions, auxiliaries and
// other function words that tell a sentence from a keyword list. They change with the language,
// not with interviews. Keeping them here also keeps the layering: this crate sits below the
// pack, and the pack's validation runs the tokenizer (to check that every phrase can match)
// before any catalog, and so any word list, exists. The abbreviations and attached number units
// of `is_abbreviation` and `scan_token` are the same kind of grammar. Vocabulary that is
// knowledge (units that belong to a metric, generic question words) lives in the content pack.

/// The first person singular: "I", "me", "my" and their contractions. A `match` rather than a
/// list to search, because every token of every answer asks.
fn is_singular(word: &str) -> bool {
    matches!(
        word,
        "i" | "me" | "my" | "mine" | "myself" | "i'm" | "i've" | "i'd" | "i'll"
    )
}

/// The first person plural: "we", "us", "our" and their contractions.
fn is_plural(word: &str) -> bool {
    matches!(
        word,
        "we" | "us" | "our" | "ours" | "ourselves" | "we're" | "we've" | "we'd" | "we'll"
    )
}

/// The longest closed-class word below ("between", "because"): a longer word is open, and
/// most of an answer's words are turned away by their length alone.
const LONGEST_FUNCTION_WORD: usize = 7;

fn class_of(word: &str) -> WordClass {
    if word.len() > LONGEST_FUNCTION_WORD {
        return WordClass::Open;
    }
    match word {
        // Only words that must have a noun after them: "these", "those" and "each" also stand
        // alone ("each of them", "those were", "two a week each").
        "the" | "a" | "an" | "my" | "our" | "their" | "his" | "its" | "your" | "every" => {
            WordClass::Determiner
        }
        "of" | "in" | "on" | "at" | "for" | "with" | "from" | "by" | "into" | "about"
        | "during" | "between" | "through" | "within" | "without" => WordClass::Preposition,
        "i" | "we" | "they" | "he" | "she" => WordClass::Subject,
        "was" | "were" | "is" | "are" | "will" | "would" | "could" | "should" | "can" | "did"
        | "had" | "has" | "have" | "been" => WordClass::Auxiliary,
        "and" | "or" | "but" | "nor" => WordClass::Conjunction,
        _ => WordClass::Open,
    }
}

/// Token ranges (first, last) sorted, with overlapping ones joined: "we will" and "will launch"
/// in "we will launch" are one range, and "about half" and "half of them" one quantity.
pub fn merged_ranges(ranges: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = ranges.collect();
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (f, l) in ranges {
        match out.last_mut() {
            Some(last) if f <= last.1 => last.1 = last.1.max(l),
            _ => out.push((f, l)),
        }
    }
    out
}

/// Function words: a real sentence has some; a keyword list has almost none.
pub fn is_function_word(word: &str) -> bool {
    word.len() <= LONGEST_FUNCTION_WORD && class_of(word) != WordClass::Open
        || matches!(
            word,
            "to" | "that"
                | "these"
                | "those"
                | "each"
                | "it"
                | "this"
                | "not"
                | "so"
                | "as"
                | "than"
                | "then"
                | "because"
                | "which"
                | "who"
                | "what"
                | "when"
                | "me"
                | "us"
                | "them"
                | "be"
                | "do"
                | "if"
        )
}

fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or('\0')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥')
}

fn next_is_digit(s: &str, i: usize) -> bool {
    s.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
}

/// Scans one token from `start`: a number (with currency, separators and unit suffix) or a
/// word (with internal apostrophes, hyphens and slashes).
fn scan_token(s: &str, start: usize) -> (usize, TokenKind) {
    let bytes = s.as_bytes();
    let mut i = start;
    let first = char_at(s, i);
    if is_currency(first) || first.is_ascii_digit() {
        if is_currency(first) {
            i += first.len_utf8();
        }
        while i < s.len() {
            let b = bytes[i];
            // A separator counts only between digits: "2.5" and "40,000", not "5, then".
            let separator =
                (b == b'.' || b == b',') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !(b.is_ascii_digit() || separator) {
                break;
            }
            i += 1;
        }
        // Attached unit: %, x, k, m, b, bn, mm, pp, and ordinals (1st, 2nd, 3rd, 4th).
        let rest = &s[i..];
        for unit in [
            "%", "bn", "mm", "pp", "st", "nd", "rd", "th", "x", "k", "m", "b",
        ] {
            if rest.len() >= unit.len()
                && rest.is_char_boundary(unit.len())
                && rest[..unit.len()].eq_ignore_ascii_case(unit)
                && !rest[unit.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                return (i + unit.len(), TokenKind::Number);
            }
        }
        // Digits glued to other letters ("2fa", "4g") or hyphenated into a compound
        // ("30-day", "3-year") make a word, not a number.
        let compound =
            rest.starts_with('-') && rest[1..].chars().next().is_some_and(char::is_alphabetic);
        if (compound || rest.chars().next().is_some_and(char::is_alphabetic)) && !is_currency(first)
        {
            return scan_word(s, start);
        }
        if i == start + first.len_utf8() && is_currency(first) {
            // A lone currency sign is punctuation; the caller only sends one before a digit.
            return (i, TokenKind::Word);
        }
        return (i, TokenKind::Number);
    }
    scan_word(s, start)
}

fn scan_word(s: &str, start: usize) -> (usize, TokenKind) {
    let mut i = start;
    let mut chars = s[start..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if c.is_alphanumeric() {
            i = start + off + c.len_utf8();
            continue;
        }
        // Joiners count only between two word characters.
        let joins = matches!(c, '\'' | '’' | '-' | '/' | '&');
        if joins && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric()) {
            continue;
        }
        break;
    }
    (i, TokenKind::Word)
}

/// Lowercases `word` into `out`, with typographic apostrophes made plain.
fn push_lower(out: &mut String, word: &str) {
    for c in word.chars() {
        if c == '’' {
            out.push('\'');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(plain) = unaccented(c) {
            out.push(plain);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The plain letter under a Latin letter with an accent, lowercase: "cliché" and "cliche",
/// "naïve" and "naive" are one word to every phrase and word list, which are written in plain
/// ASCII.
fn unaccented(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => return None,
    })
}

/// Whether the period at `dot` belongs to an abbreviation rather than ending a sentence.
fn is_abbreviation(tokens: &[Token], source: &str, dot: usize) -> bool {
    let Some(last) = tokens.last() else {
        return false;
    };
    if last.end != dot {
        return false;
    }
    let word = source[last.start..last.end].to_ascii_lowercase();
    matches!(
        word.as_str(),
        "e.g" | "i.e" | "vs" | "etc" | "mr" | "mrs" | "ms" | "dr" | "inc" | "u.s" | "approx" | "no"
    ) || (word.len() == 1
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && word != "i"
        && word != "a")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_function_words_are_within_the_length_cut() {
        // The length cut turns longer words away before the lists are read: these are the
        // longest words the lists hold, and must still be found.
        assert_eq!(class_of("between"), WordClass::Preposition);
        assert_eq!(class_of("without"), WordClass::Preposition);
        assert!(is_function_word("because"));
        assert!(!is_function_word("betweens"));
    }

    fn words<'a>(t: &Text<'a>) -> Vec<&'a str> {
        t.tokens.iter().map(|k| &t.source[k.start..k.end]).collect()
    }

    fn numbers<'a>(t: &Text<'a>) -> Vec<&'a str> {
        t.tokens
            .iter()
            .filter(|k| k.kind == TokenKind::Number)
            .map(|k| &t.source[k.start..k.end])
            .collect()
    }

    #[test]
    fn numbers_in_words_are_one_token_when_they_count() {
        let t = Text::new(
            "I'd aim for five hundred shops through about twenty installers in two quarters.",
        );
        assert_eq!(numbers(&t), ["five hundred", "twenty"]);
        let t =
            Text::new("Twelve million bikes, forty percent of them, two hundred and forty-five.");
        assert_eq!(
            numbers(&t),
            ["Twelve", "forty", "two hundred and forty-five"]
        );
        assert!(words(&t).contains(&"million"), "the scale stays a word");
        assert!(words(&t).contains(&"percent"));
        let t = Text::new("About one point eight billion, and ten per cent more.");
        assert_eq!(numbers(&t), ["one point eight", "ten"]);
        // Small numbers alone, hyphenated compounds and a spelled number's own parts in a
        // phrase stay words.
        let t = Text::new(
            "Two things: a twenty-minute video, one in five users, ten times, a hundred.",
        );
        assert!(numbers(&t).is_empty(), "{:?}", numbers(&t));
        let t = Text::new("A hundred twenty thousand visits, one in a hundred.");
        assert_eq!(numbers(&t), ["A hundred twenty"]);
        let t = Text::new("One in twenty said so.");
        assert_eq!(numbers(&t), ["twenty"]);
        assert_eq!(t.lower(2), "twenty", "phrases still read the word");
        // A number never runs across punctuation or a line.
        let t = Text::new("We had twenty, five hundred\nthousand.");
        assert_eq!(numbers(&t), ["twenty", "five hundred"]);
    }

    #[test]
    fn numbers_keep_currency_separators_and_units() {
        let t = Text::new("Revenue rose 15% to $2.4M, 3x faster, 40,000 users in Q3 via B2B.");
        let nums: Vec<&str> = t
            .tokens
            .iter()
            .filter(|k| k.kind == TokenKind::Number)
            .map(|k| &t.source[k.start..k.end])
            .collect();
        assert_eq!(nums, ["15%", "$2.4M", "3x", "40,000"]);
        assert!(words(&t).contains(&"Q3"));
        assert!(words(&t).contains(&"B2B"));
        let t = Text::new("A 30-day trial.");
        assert_eq!(words(&t), ["A", "30-day", "trial"]);
    }

    #[test]
    fn accented_letters_read_as_plain_ones_and_spans_stay_on_the_source() {
        let t = Text::new("The Cliché is naïve, and the résumé said so.");
        let lower: Vec<&str> = (0..t.tokens.len()).map(|i| t.lower(i)).collect();
        assert_eq!(lower[1], "cliche");
        assert_eq!(lower[3], "naive");
        assert_eq!(lower[6], "resume");
        assert_eq!(words(&t)[1], "Cliché");
    }

    #[test]
    fn words_keep_internal_joiners() {
        let t = Text::new("A best-in-class go-to-market plan, I’m sure, for A/B tests.");
        assert_eq!(
            words(&t),
            [
                "A",
                "best-in-class",
                "go-to-market",
                "plan",
                "I’m",
                "sure",
                "for",
                "A/B",
                "tests"
            ]
        );
        assert_eq!(
            t.normalised,
            "a best-in-class go-to-market plan i'm sure for a/b tests"
        );
        assert!(t.tokens[4].singular);
    }

    /// Each sentence's text, in order.
    fn spans<'a>(t: &'a Text<'_>) -> Vec<&'a str> {
        t.sentences
            .iter()
            .map(|s| &t.source[s.start..s.end])
            .collect()
    }

    #[test]
    fn sentences_split_on_terminal_punctuation_not_decimals_or_abbreviations() {
        let t = Text::new("We grew 2.5x in Q3, e.g. in Ohio. Then I cut scope! Why? Because.");
        assert_eq!(
            spans(&t),
            [
                "We grew 2.5x in Q3, e.g. in Ohio.",
                "Then I cut scope!",
                "Why?",
                "Because."
            ]
        );
        assert_eq!(t.normalised.lines().count(), 4);
    }

    #[test]
    fn a_question_in_markdown_emphasis_ends_its_sentence() {
        let t = Text::new("**What does it cost?** Two engineers. _Why now?_ Rivals moved.");
        assert_eq!(
            spans(&t),
            [
                "What does it cost?",
                "Two engineers.",
                "Why now?",
                "Rivals moved."
            ]
        );
    }

    #[test]
    fn bullets_and_blank_lines_end_sentences_but_wrapped_lines_do_not() {
        let t =
            Text::new("Goals\n- grow adoption\n- cut churn\n\nThis line wraps\nonto the next one");
        assert_eq!(
            spans(&t),
            [
                "Goals",
                "grow adoption",
                "cut churn",
                "This line wraps\nonto the next one"
            ]
        );
    }

    #[test]
    fn odd_input_tokenizes_without_panicking() {
        for s in [
            "",
            "   ",
            "...",
            "$",
            "$$5",
            "5%%",
            "İstanbul ǅ",
            "a\u{0}b",
            "’’",
            "-x-",
            "1.2.3.4",
        ] {
            let t = Text::new(s);
            for k in &t.tokens {
                assert!(
                    s.is_char_boundary(k.start) && s.is_char_boundary(k.end) && k.start < k.end
                );
            }
        }
    }
}
