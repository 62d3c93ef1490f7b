//! The debrief as a Markdown document.
//!
//! Everything that came from a person (the candidate's answers and quotes, and content text)
//! is escaped, so no answer can open a link, a heading, a table cell or raw HTML in the export.

use std::fmt::Write as _;

use super::debrief::{Debrief, Quote, Stance};
use super::{Vocabulary, upper_first};
use crate::markdown_text;

impl Debrief {
    /// The debrief as a complete Markdown document: decision, reasons and fixes, the Bar
    /// Raiser's view, rounds, the principle table with its quotes, and every answer verbatim.
    /// Deterministic.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail; the results are ignored for that reason.
        let _ = self.write_markdown(&mut out);
        out
    }

    fn write_markdown(&self, out: &mut String) -> std::fmt::Result {
        writeln!(
            out,
            "# Mock loop debrief: {}, {}, {}\n",
            inline(&self.company_name),
            inline(&self.role_name),
            inline(&self.level_name)
        )?;
        writeln!(
            out,
            "Loop `{}`, seed {}. Every rating is against the {} bar of {} (out of 100); every \
             quote is the candidate's own words.\n",
            code(&self.loop_id),
            self.seed,
            inline(&self.level_name),
            self.bar
        )?;
        let verdict = if self.decision.hire {
            "Hire"
        } else {
            "No hire"
        };
        writeln!(
            out,
            "## Decision: {verdict} at {}\n",
            inline(&self.level_name)
        )?;
        writeln!(out, "{}\n", inline(&self.decision.summary))?;
        if self.ignored_answers > 0 {
            writeln!(
                out,
                "{} answer(s) did not fit this mock's rounds and questions and were left out.\n",
                self.ignored_answers
            )?;
        }
        if !self.decision.reasons.is_empty() {
            writeln!(out, "### Reasons\n")?;
            for r in &self.decision.reasons {
                writeln!(out, "- {}", inline(&r.text))?;
                if let Some(q) = &r.quote {
                    writeln!(out, "  - {}", quoted_after(q, &r.text))?;
                }
            }
            writeln!(out)?;
        }
        let n = self.decision.fixes.len();
        if n > 0 {
            let heading = match n {
                1 => "The thing to fix first".to_owned(),
                3 => "Three things to fix first".to_owned(),
                _ => format!("{n} things to fix first"),
            };
            writeln!(out, "### {heading}\n")?;
            for f in &self.decision.fixes {
                let about = match f.round {
                    Some(r) => format!("round {}, score {}", r + 1, f.score),
                    None => format!("weight {}, score {}", f.weight, f.score),
                };
                writeln!(
                    out,
                    "{}. **{}** ({about}): {}",
                    f.rank,
                    inline(&f.area),
                    inline(&f.problem)
                )?;
                writeln!(out, "   - You said: {}", quoted_plain(&f.quote))?;
                writeln!(out, "   - Next time: {}", inline(&f.suggestion))?;
            }
            writeln!(out)?;
        }

        let review = &self.review;
        match &review.name {
            Some(name) => writeln!(out, "## {}'s view\n", inline(name))?,
            None => writeln!(out, "## No Bar Raiser in this loop\n")?,
        }
        writeln!(out, "{}\n", inline(&review.about))?;
        writeln!(out, "{}\n", inline(&review.read))?;
        if let Some(q) = review.veto.as_ref().and_then(|v| v.quote.as_ref()) {
            writeln!(out, "- Veto: {}", quoted(q))?;
        }
        for q in &review.quotes {
            writeln!(out, "- {}: {}", stance(q.stance), quoted(q))?;
        }
        if review.veto.is_some() || !review.quotes.is_empty() {
            writeln!(out)?;
        }

        writeln!(out, "## Rounds\n")?;
        writeln!(out, "| # | Round | Kind | Time used | Rating | Score |")?;
        writeln!(out, "|---:|---|---|---|---|---:|")?;
        for r in &self.rounds {
            let mut time = format!("{} of {}", clock(r.used_seconds), clock(r.budget_seconds));
            if r.over_seconds > 0 {
                let _ = write!(time, " ({} over)", clock(r.over_seconds));
            }
            let title = if r.bar_raiser && !r.title.contains("Bar Raiser") {
                format!("{} (Bar Raiser)", inline(&r.title))
            } else {
                inline(&r.title)
            };
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                r.index + 1,
                title,
                inline(&r.kind_name),
                time,
                r.rating.label(),
                r.score
            )?;
        }
        writeln!(out)?;
        for r in &self.rounds {
            writeln!(
                out,
                "{}. **{}** ({} of {} questions answered): {}",
                r.index + 1,
                inline(&r.title),
                r.answered,
                r.questions,
                inline(&r.reason)
            )?;
            if let Some(q) = &r.quote {
                writeln!(out, "   - {}", quoted_after(q, &r.reason))?;
            }
        }
        writeln!(out)?;

        writeln!(out, "## {}\n", upper_first(&self.nouns))?;
        if self.areas.is_empty() {
            let none = match self.vocabulary {
                Vocabulary::Principles => format!("This loop weights no {}.", self.noun),
                Vocabulary::Competencies => format!("This loop names no {}.", self.noun),
            };
            writeln!(out, "{none}\n")?;
        } else {
            let head = upper_first(&self.noun);
            writeln!(out, "| {head} | Weight | Rating | Score | Answers |")?;
            writeln!(out, "|---|---:|---|---:|---:|")?;
            for a in &self.areas {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    inline(&a.name),
                    a.weight,
                    a.rating.map_or("Not tested", |r| r.label()),
                    a.score.map_or_else(|| "-".to_owned(), |s| s.to_string()),
                    a.answers
                )?;
            }
            writeln!(out)?;
            for a in &self.areas {
                writeln!(out, "### {}\n", inline(&a.name))?;
                writeln!(out, "{}\n", inline(&a.note))?;
                for q in &a.evidence {
                    writeln!(out, "- {}: {}", stance(q.stance), quoted(q))?;
                }
                if !a.evidence.is_empty() {
                    writeln!(out)?;
                }
            }
        }

        writeln!(out, "## Answers\n")?;
        if self.answers.is_empty() {
            writeln!(out, "No answer was given.\n")?;
        }
        for a in &self.answers {
            let what = if a.at.probe_index == 0 {
                format!("question {}", a.at.question_index + 1)
            } else {
                format!(
                    "question {}, follow-up {}",
                    a.at.question_index + 1,
                    a.at.probe_index
                )
            };
            writeln!(
                out,
                "### Round {}, {}: {what}\n",
                a.at.round_index + 1,
                inline(&a.round_title)
            )?;
            writeln!(out, "**Asked:** {}\n", inline(&a.prompt))?;
            writeln!(out, "{}\n", block(&a.answer))?;
            writeln!(
                out,
                "Score {} ({}), {} words, {} against a budget of {}.\n",
                a.score,
                a.rating.label().to_lowercase(),
                a.words,
                clock(a.elapsed_seconds),
                clock(a.budget_seconds)
            )?;
        }
        // One trailing newline, however the last section ended.
        while out.ends_with("\n\n") {
            out.pop();
        }
        Ok(())
    }
}

fn stance(s: Stance) -> &'static str {
    match s {
        Stance::For => "For",
        Stance::Against => "Against",
    }
}

/// A quote in curly quotation marks with its note and where it came from.
fn quoted(q: &Quote) -> String {
    let more = if q.shortened { " …" } else { "" };
    format!(
        "“{}{more}” ({}; {})",
        inline(&q.text),
        inline(&q.note),
        inline(&q.source)
    )
}

/// A quote after `text`: with its note unless `text` already says it.
fn quoted_after(q: &Quote, text: &str) -> String {
    if text.contains(q.note.as_str()) {
        quoted_plain(q)
    } else {
        quoted(q)
    }
}

/// A quote with where it came from, for places that already say what it shows.
fn quoted_plain(q: &Quote) -> String {
    let more = if q.shortened { " …" } else { "" };
    format!("“{}{more}” ({})", inline(&q.text), inline(&q.source))
}

/// Seconds as m:ss.
fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Text inside backticks: backticks cannot be escaped there, so they are dropped.
fn code(text: &str) -> String {
    text.replace('`', "")
}

/// Text for one line of Markdown: whitespace runs (newlines included) become one space, and
/// every character Markdown could read as syntax is backslash-escaped.
pub(crate) fn inline(text: &str) -> String {
    let mut flat = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !flat.is_empty() {
            flat.push(' ');
        }
        flat.push_str(word);
    }
    markdown_text::escape(&flat)
}

/// Text as a blockquote, line by line: each line escaped like [`inline`] and stripped of what
/// would start a list, heading, code block or thematic break.
pub(crate) fn block(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = inline(line);
        if line.is_empty() {
            if lines.last().is_some_and(|l| l != ">") {
                lines.push(">".to_owned());
            }
            continue;
        }
        lines.push(format!("> {}", escape_line_start(&line)));
    }
    while lines.last().is_some_and(|l| l == ">") {
        lines.pop();
    }
    if lines.is_empty() {
        return "> (empty)".to_owned();
    }
    lines.join("\n")
}

/// Escapes what only matters at the start of a line: list markers, headings and rules made of
/// `-`, `+` or `=`, and ordered-list numbers (`1.`, `1)`).
fn escape_line_start(line: &str) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    if line.starts_with(['-', '+', '=']) {
        return format!("\\{line}");
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_markdown_and_flattens_lines() {
        assert_eq!(
            inline("a *b* [c](d)\n\n# e | f <g> & `h` $x$"),
            "a \\*b\\* \\[c\\](d) \\# e \\| f \\<g\\> \\& \\`h\\` \\$x\\$"
        );
        assert_eq!(
            inline("https://a.example www.b.example c@d.example"),
            "https\\://a.example www\\.b.example c\\@d.example"
        );
        assert_eq!(inline("  \n  "), "");
        assert_eq!(inline("naïve\u{0}café"), "naïve café");
    }

    #[test]
    fn block_quotes_every_line_and_defuses_line_starts() {
        assert_eq!(
            block("1. one\n\n- two\n    code\n===\n"),
            "> 1\\. one\n>\n> \\- two\n> code\n> \\==="
        );
        assert_eq!(block("\n\n"), "> (empty)");
    }

    #[test]
    fn clock_reads_minutes_and_seconds() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(605), "10:05");
        assert_eq!(clock(3600), "60:00");
    }
}
