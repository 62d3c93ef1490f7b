//! Guides: readable pages, in our own words, on what a candidate must know before a loop
//! (which role to prepare for, how one company's loop runs and what each round tests).
//!
//! A guide is prose, so it is stored as sections of paragraphs and points; the one piece of
//! markup a paragraph may hold is a citation, `[n]`, naming the guide's n-th source. Keeping
//! the markup that small means no front end ever turns content into HTML: a page renders the
//! pieces [`inline`] returns, escaping every text piece as it escapes anything else.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// One guide page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Kebab-case id, also the page's address (`/guides/{id}`).
    #[serde(default)]
    pub id: String,
    /// The page title.
    #[serde(default)]
    pub title: String,
    /// What the guide answers, in a sentence or two: the list's blurb.
    #[serde(default)]
    pub summary: String,
    /// Company ids the guide is about (empty for a guide about every company).
    #[serde(default)]
    pub companies: Vec<String>,
    /// Role ids the guide is for.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Loop ids it walks through: their pages link back to it. A guide naming none is a
    /// general one (the fit diagnostic links those).
    #[serde(default)]
    pub loops: Vec<String>,
    /// Bank question ids worth practising after reading it.
    #[serde(default)]
    pub questions: Vec<String>,
    /// When the guide was last checked against its sources.
    #[serde(default)]
    pub as_of: String,
    /// The sections, in reading order. Serialized under the name it is read by, as every
    /// entry is: the built-in pack is stored as its own serialization at build time.
    #[serde(default, rename = "section")]
    pub sections: Vec<GuideSection>,
    /// The sources its citations name, in citation order: `[1]` is the first.
    #[serde(default, rename = "source")]
    pub sources: Vec<GuideSource>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A section of a guide: a heading, paragraphs, then an optional list of points.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GuideSection {
    /// The section heading.
    #[serde(default)]
    pub heading: String,
    /// Paragraphs of prose; a paragraph may cite sources as `[n]`.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// Short points shown as a list after the paragraphs (optional); they may cite too.
    #[serde(default)]
    pub points: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A source a guide cites: a page a reader can open, or a loop whose page lists the sources
/// of its figures (for facts the pack already cites there).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GuideSource {
    /// Title and publisher, as a reader would look it up.
    #[serde(default)]
    pub title: String,
    /// The `http://` or `https://` address that opens it; empty when `loop` is given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// A loop id: the facts come from that loop's figures, rounds and elimination points,
    /// each cited with its own source on the loop page.
    #[serde(default, rename = "loop", skip_serializing_if = "Option::is_none")]
    pub loop_id: Option<String>,
    /// The source's publication or update date, when it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// When the address was last opened, for an undated page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl GuideSource {
    /// The date to show beside the source: "2026-06", "undated; accessed 2026-12-04",
    /// "2017-11-10; accessed 2026-12-04"; empty for a loop's sources.
    pub fn date_label(&self) -> String {
        match (&self.published, &self.accessed) {
            (Some(p), Some(a)) => format!("{p}; accessed {a}"),
            (Some(p), None) => p.clone(),
            (None, Some(a)) => format!("undated; accessed {a}"),
            (None, None) => String::new(),
        }
    }
}

/// A piece of a paragraph: text as written, or a citation of the guide's n-th source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline<'a> {
    /// Text, to be shown (and escaped) as it is.
    Text(&'a str),
    /// `[n]`: the n-th source, counted from 1.
    Cite(usize),
}

/// The longest citation number [`inline`] reads; `[2026]` is a year in brackets, not a
/// citation.
const MAX_CITE_DIGITS: usize = 3;

/// Splits `text` into text and citations. A citation is `[` then one to three ASCII digits
/// then `]`, the number at least 1; anything else, brackets included, stays text, so a
/// paragraph without citations is one text piece.
pub fn inline(text: &str) -> Vec<Inline<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut rest = 0;
    while let Some(offset) = text[rest..].find('[') {
        let open = rest + offset;
        let digits = text[open + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let close = open + 1 + digits;
        let number = (1..=MAX_CITE_DIGITS).contains(&digits) && text[close..].starts_with(']');
        match text[open + 1..close].parse::<usize>() {
            Ok(n) if number && n >= 1 => {
                if start < open {
                    out.push(Inline::Text(&text[start..open]));
                }
                out.push(Inline::Cite(n));
                start = close + 1;
                rest = start;
            }
            _ => rest = open + 1,
        }
    }
    if start < text.len() {
        out.push(Inline::Text(&text[start..]));
    }
    out
}

/// The citation numbers in `text`, in order.
pub fn citations(text: &str) -> impl Iterator<Item = usize> + '_ {
    inline(text).into_iter().filter_map(|piece| match piece {
        Inline::Cite(n) => Some(n),
        Inline::Text(_) => None,
    })
}

/// Words a reader reads per minute, for a guide's reading time.
const WORDS_PER_MINUTE: usize = 230;

impl Guide {
    /// Every paragraph and point, in reading order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().flat_map(|s| {
            s.paragraphs
                .iter()
                .chain(s.points.iter())
                .map(String::as_str)
        })
    }

    /// Words of prose: the summary, the headings, the paragraphs and the points (citations
    /// not counted).
    pub fn word_count(&self) -> usize {
        let words = |text: &str| {
            inline(text)
                .into_iter()
                .map(|piece| match piece {
                    Inline::Text(t) => t.split_whitespace().count(),
                    Inline::Cite(_) => 0,
                })
                .sum::<usize>()
        };
        words(&self.summary)
            + self
                .sections
                .iter()
                .map(|s| words(&s.heading))
                .sum::<usize>()
            + self.texts().map(words).sum::<usize>()
    }

    /// Minutes to read it, rounded up, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.word_count().div_ceil(WORDS_PER_MINUTE).max(1)
    }

    /// Whether it walks through a loop (its page links back here) rather than a general
    /// topic.
    pub fn is_loop_guide(&self) -> bool {
        !self.loops.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_split_out_and_other_brackets_stay_text() {
        assert_eq!(
            inline("Four rounds [1], maybe five [2][3]."),
            vec![
                Inline::Text("Four rounds "),
                Inline::Cite(1),
                Inline::Text(", maybe five "),
                Inline::Cite(2),
                Inline::Cite(3),
                Inline::Text("."),
            ]
        );
        for text in ["[0] [x] [2026] [] [12", "a [b] c", "no brackets", "[[1]"] {
            let pieces = inline(text);
            let cites = pieces
                .iter()
                .filter(|p| matches!(p, Inline::Cite(_)))
                .count();
            let expected = usize::from(text == "[[1]");
            assert_eq!(cites, expected, "{text}: {pieces:?}");
        }
        assert_eq!(inline("[[1]"), vec![Inline::Text("["), Inline::Cite(1)]);
        assert_eq!(inline(""), Vec::<Inline<'_>>::new());
        assert_eq!(citations("x [4] y [12]").collect::<Vec<_>>(), vec![4, 12]);
    }

    #[test]
    fn pieces_put_back_together_give_the_text() {
        for text in ["é [1] ü [2]", "[1]", "tail [", "ünïcode [99] ok"] {
            let joined: String = inline(text)
                .into_iter()
                .map(|p| match p {
                    Inline::Text(t) => t.to_owned(),
                    Inline::Cite(n) => format!("[{n}]"),
                })
                .collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn source_dates_read_as_the_loops_write_them() {
        let source = |published: Option<&str>, accessed: Option<&str>| GuideSource {
            title: "t".into(),
            url: "https://example.com".into(),
            loop_id: None,
            published: published.map(str::to_owned),
            accessed: accessed.map(str::to_owned),
            origin: Origin::default(),
        };
        assert_eq!(source(Some("2026-06"), None).date_label(), "2026-06");
        assert_eq!(
            source(None, Some("2026-12-04")).date_label(),
            "undated; accessed 2026-12-04"
        );
        assert_eq!(
            source(Some("2017"), Some("2026-12-04")).date_label(),
            "2017; accessed 2026-12-04"
        );
    }
}
