//! Splitting a pasted document into the sections of its kind.
//!
//! Candidates paste Markdown, plain text, or text copied out of a word processor, where
//! headings lose their formatting. A line is read as a heading when it looks like one in any
//! of those forms: a Markdown heading, a heading underlined with `===` or `---`, a line that
//! is all bold, a short line in capitals, a short label ending in a colon, or a short line
//! (bare, numbered or labelled with its text after the colon) that names one of the kind's
//! sections. Each heading is matched to a section by its name or aliases; text before the
//! first heading belongs to the kind's first section when no heading names that one.

use debrief_pack::artifact::{ArtifactKind, heading_key};
use debrief_pack::search::content_stems;
use debrief_text::is_function_word;

/// Most words a line may have and still be read as a heading by its form alone.
const HEADING_WORDS: usize = 10;

/// Most words a paragraph's opening sentence may have and still be its run-in heading.
const RUN_IN_WORDS: usize = 10;

/// One part of the document: a heading (when it has one) and the text under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The heading as written, without its markup; empty for text before any heading.
    pub heading: String,
    /// Byte span of the heading line (empty span for text before any heading).
    pub heading_span: (usize, usize),
    /// Byte span of the text under the heading, up to the next heading.
    pub body: (usize, usize),
    /// The index of the kind's section it is, when its heading names one.
    pub section: Option<usize>,
}

/// The document's parts in order, each matched to a section of `kind` where its heading
/// names one.
pub fn split(kind: &ArtifactKind, text: &str) -> Vec<Part> {
    let lines = lines(text);
    let mut parts: Vec<Part> = Vec::new();
    let mut body_start = 0;
    let mut pending: Option<(String, (usize, usize), Option<usize>)> = None;
    // Sections a heading has named so far: of two that a heading fits equally ("Where Acme
    // wins" fits where we win and where they win), it is the first not yet written.
    let mut taken = vec![false; kind.sections.len()];
    // The numbered sections a heading such as "Pillars" opened, while its sub-headings last.
    let mut series: Vec<usize> = Vec::new();
    let mut series_level: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let (start, end) = lines[i];
        let line = &text[start..end];
        let next = lines.get(i + 1).map(|&(s, e)| &text[s..e]);
        // A run-in heading opens a paragraph after text: right under a heading, "As in
        // Goals. The decision..." is that heading's text, not a new section.
        let paragraph = i > 0 && text[lines[i - 1].0..lines[i - 1].1].trim().is_empty();
        let found = heading_of(kind, line, next, !series.is_empty()).or_else(|| {
            (paragraph && has_words(text, (body_start, start)))
                .then(|| run_in(kind, line))
                .flatten()
                .map(|(heading, body)| (heading, body, Some(body), false))
        });
        if let Some((heading, span_end, inline_body, skip)) = found {
            // "Launch plan: Hopride at Denver" above every section is the title.
            let title = !taken.contains(&true) && is_title(kind, &heading);
            if title {
                // The title, subject and all, is no section's; what follows it is the
                // document's opening text.
                push_part(&mut parts, pending.take(), body_start, start, text);
                push_part(
                    &mut parts,
                    Some((heading, (start, end), None)),
                    end,
                    end,
                    text,
                );
                body_start = end;
                i += 1;
                continue;
            }
            // Under "Pillars", headings that name no section are the pillars, in order.
            // A heading at the set's own level ("4. What we leave out" after "3. Pillars",
            // "## Risks" after "## Pillars") closes it.
            let level = level_of(line);
            if series_level.is_some_and(|open| level.is_some() && level <= Some(open)) {
                series.clear();
            }
            let section = match (
                series_of(kind, &heading),
                section_given(kind, &heading, &taken),
            ) {
                (Some(named), _) => {
                    series = named;
                    series_level = level;
                    None
                }
                (None, Some(s)) => {
                    if !series.contains(&s) {
                        series.clear();
                    }
                    Some(s)
                }
                (None, None) => series.iter().copied().find(|&s| !taken[s]),
            };
            if let Some(s) = section {
                taken[s] = true;
            }
            // Close the part before this heading.
            push_part(&mut parts, pending.take(), body_start, start, text);
            let heading_span = (
                start,
                if skip {
                    lines[i + 1].1
                } else {
                    start + span_end
                },
            );
            pending = Some((heading, heading_span, section));
            body_start = match inline_body {
                Some(offset) => start + offset,
                None => heading_span.1,
            };
            i += if skip { 2 } else { 1 };
            continue;
        }
        i += 1;
    }
    push_part(&mut parts, pending, body_start, text.len(), text);
    let first_optional = kind.sections.first().is_some_and(|s| !s.required);
    attach_unnamed(text, parts, first_optional)
}

/// Whether a part before any section is only a title block: at most three short lines, each
/// a field ("Owner: Mara Lindqvist, PMM.") or a line that is no sentence ("Prepared by Hannah
/// Osei, 3 March"). "We open a pickup lane on 4 May." is a sentence, so the section's text.
fn title_block(text: &str, part: &Part) -> bool {
    let lines: Vec<&str> = text[part.heading_span.0.min(part.body.0)..part.body.1]
        .lines()
        .map(|l| l.trim().trim_matches(['*', '_', '#', ' ']))
        .filter(|l| l.chars().any(char::is_alphanumeric))
        .collect();
    lines.len() <= 3
        && lines.iter().all(|l| {
            let field = l.split_once(':').is_some_and(|(name, _)| {
                let words = name.split_whitespace().count();
                (1..=4).contains(&words)
            });
            l.split_whitespace().count() <= 12 && (field || !l.ends_with(['.', '!', '?']))
        })
}

/// A heading line's level, when its form gives one: (Markdown `#` marks, numbering depth),
/// so "## Pillars" is (2, 0), "3. Pillars" (0, 1) and "3.1 Readings" (0, 2); lower is higher.
fn level_of(line: &str) -> Option<(usize, usize)> {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    let rest = t.trim_start_matches('#').trim_start();
    let number = rest
        .split(|c: char| c.is_whitespace() || c == ')')
        .next()
        .unwrap_or("");
    let depth = if !number.is_empty()
        && number.starts_with(|c: char| c.is_ascii_digit())
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        number.split('.').filter(|p| !p.is_empty()).count()
    } else {
        0
    };
    (hashes > 0 || depth > 0).then_some((if hashes > 0 { hashes } else { 7 }, depth))
}

/// The sections a heading names as a numbered set: "Pillars" or "Message pillars" for
/// sections named "Pillar 1" to "Pillar 4". `None` when the heading names no such set.
fn series_of(kind: &ArtifactKind, heading: &str) -> Option<Vec<usize>> {
    let key = heading_key(heading);
    // Any plural word of the heading may name the set: "Pillars and proof".
    key.split(' ')
        .filter_map(|w| w.strip_suffix('s').filter(|s| s.len() >= 3))
        .map(|stem| {
            (0..kind.sections.len())
                .filter(|&i| {
                    let name = heading_key(&kind.sections[i].name);
                    name.strip_prefix(stem)
                        .and_then(|rest| rest.strip_prefix(' '))
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                })
                .collect::<Vec<usize>>()
        })
        .find(|named| named.len() >= 2)
}

fn has_words(text: &str, (start, end): (usize, usize)) -> bool {
    text[start..end].chars().any(char::is_alphanumeric)
}

/// A heading that names none of the kind's sections is a sub-heading of the section it
/// follows ("### Pricing" inside a customer FAQ, "Problem" inside a press release): its part
/// joins that one, heading and all. Before any named section, the parts (a title line, text
/// with no heading) are the kind's first section, unless a heading names that one; where that
/// section is optional, a title block (a few short lines: the title, the author, the date)
/// is not its text.
fn attach_unnamed(text: &str, parts: Vec<Part>, first_optional: bool) -> Vec<Part> {
    let first_named = parts.iter().any(|p| p.section == Some(0));
    let mut out: Vec<Part> = Vec::with_capacity(parts.len());
    for mut part in parts {
        match (part.section, out.last_mut()) {
            (None, Some(last)) if last.section.is_some() => last.body.1 = part.body.1,
            // A title with nothing under it before the first section is no section's text.
            (None, _) if !part.heading.is_empty() && !has_words(text, part.body) => {}
            (None, None) if !first_named && first_optional && title_block(text, &part) => {}
            (None, last) => {
                part.body.0 = part.heading_span.0;
                part.heading_span = (part.heading_span.0, part.heading_span.0);
                if !first_named {
                    part.section = Some(0);
                }
                // Two unnamed parts in a row before any named one are one.
                match last {
                    Some(last) if last.section == part.section => last.body.1 = part.body.1,
                    _ => out.push(part),
                }
            }
            // A section written under several labels in a row (a press release's "Headline:",
            // "The problem:", "Customer quote:") is one part: its checks read all of it.
            (Some(s), Some(last)) if last.section == Some(s) => last.body.1 = part.body.1,
            (Some(_), _) => out.push(part),
        }
    }
    for p in &mut out {
        if p.heading.is_empty() {
            p.heading_span = (p.body.0, p.body.0);
        }
    }
    out
}

fn push_part(
    parts: &mut Vec<Part>,
    heading: Option<(String, (usize, usize), Option<usize>)>,
    body_start: usize,
    body_end: usize,
    text: &str,
) {
    match heading {
        Some((heading, heading_span, section)) => parts.push(Part {
            heading,
            heading_span,
            body: (body_start.min(body_end), body_end),
            section,
        }),
        // Text before the first heading is a part only when it has words.
        None if text[body_start..body_end]
            .chars()
            .any(char::is_alphanumeric) =>
        {
            parts.push(Part {
                heading: String::new(),
                heading_span: (body_start, body_start),
                body: (body_start, body_end),
                section: None,
            });
        }
        None => {}
    }
}

/// Line spans without their line breaks.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            out.push((start, end));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// When `line` is a heading: its text, where the heading ends and where the body starts when
/// the heading is a label followed by text (both offsets from the line's start), and whether
/// the next line is its underline.
///
/// Under a heading that opened a numbered set ("Pillars"), a short numbered line ("3.1 See
/// which stories earn support") is the next one of the set.
fn heading_of(
    kind: &ArtifactKind,
    line: &str,
    next: Option<&str>,
    series_open: bool,
) -> Option<(String, usize, Option<usize>, bool)> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    // A list item is content, whatever it says ("- Support: trained on the 3rd").
    let bullet = trimmed.starts_with(['-', '*', '+', '\u{2022}'])
        && !trimmed.starts_with("**")
        && !trimmed.starts_with("---");
    let lead = line.len() - line.trim_start().len();
    let line_end = |_: ()| lead + trimmed.len();
    // A Markdown heading.
    if let Some(rest) = trimmed.strip_prefix('#') {
        let rest = rest.trim_start_matches('#');
        if rest.starts_with(' ') || rest.is_empty() {
            let heading = clean(rest);
            return (!heading.is_empty()).then(|| (heading, line_end(()), None, false));
        }
    }
    // Underlined with === or --- on the next line.
    if let Some(next) = next {
        let under = next.trim();
        if under.len() >= 3
            && (under.bytes().all(|b| b == b'=') || under.bytes().all(|b| b == b'-'))
            && words(trimmed) <= HEADING_WORDS
        {
            return Some((clean(trimmed), line_end(()), None, true));
        }
    }
    // A whole line in bold.
    for mark in ["**", "__"] {
        if let Some(inner) = trimmed.strip_prefix(mark).and_then(|r| {
            r.strip_suffix(mark)
                .or_else(|| r.strip_suffix(&format!("{mark}:")))
                .or_else(|| r.strip_suffix(&format!(":{mark}")))
        }) && !inner.contains(mark)
            && words(inner) <= HEADING_WORDS
        {
            return Some((clean(inner), line_end(()), None, false));
        }
    }
    // A bold label followed by text: "**Problem:** Landlords lose ...".
    if let Some(rest) = trimmed.strip_prefix("**")
        && let Some(close) = rest.find("**")
    {
        let label = rest[..close].trim_end_matches(':');
        let after = &rest[close + 2..];
        // Bold is a heading's form, so the label may name its section by its words alone.
        if section_of(kind, label.trim_end_matches('.')).is_some()
            && (after.starts_with([':', ' ', '\t', '.']) || after.trim().is_empty())
        {
            let body = lead + 2 + close + 2;
            let body = body + (after.len() - after.trim_start_matches([':', ' ', '\t']).len());
            return Some((clean(label), body, Some(body), false));
        }
    }
    if bullet {
        return None;
    }
    // A label ending in a colon: alone on its line, or naming a section with text after it.
    if let Some((label, after)) = trimmed.split_once(':') {
        let n = words(label);
        // A leading number ("3. Pillar 1: ...") is numbering, not a sentence's full stop.
        let unnumbered = label
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')')
            .trim_start();
        if n > 0 && n <= 6 && !unnumbered.contains(['.', '?', '!']) {
            if after.trim().is_empty() {
                return Some((clean(label), line_end(()), None, false));
            }
            if names(kind, label) {
                let body = lead + label.len() + 1;
                let body = body + (after.len() - after.trim_start().len());
                return Some((clean(label), body, Some(body), false));
            }
        }
    }
    let bare = trimmed.trim_end_matches(':');
    let ends_like_prose = bare.ends_with(['.', '?', '!', ',', ';']);
    // A short line in capitals.
    let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 3
        && letters.iter().all(|c| c.is_uppercase())
        && words(bare) <= HEADING_WORDS
        && !ends_like_prose
    {
        return Some((clean(bare), line_end(()), None, false));
    }
    // A short line, bare or numbered, that names a section or a numbered set of them.
    if !ends_like_prose
        && words(bare) <= 6
        && (names(kind, bare) || series_of(kind, bare).is_some())
    {
        return Some((clean(bare), line_end(()), None, false));
    }
    let numbered = bare.starts_with(|c: char| c.is_ascii_digit())
        && bare
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .starts_with([' ', ')']);
    if series_open && numbered && !ends_like_prose && words(bare) <= HEADING_WORDS {
        return Some((clean(bare), line_end(()), None, false));
    }
    None
}

/// A run-in heading: a paragraph that opens with a short sentence naming a section
/// ("Readiness. Support gets an hour of training...", "What could go wrong. Fill rate could
/// fall..."), as text typed without heading styles often is. Returns the heading and where
/// the paragraph's text starts in the line.
fn run_in(kind: &ArtifactKind, line: &str) -> Option<(String, usize)> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let stop = trimmed.find(". ")?;
    let head = &trimmed[..stop];
    let n = words(head);
    // "1. Audience" is a numbered heading, not a sentence "1".
    let sentence = head.chars().any(char::is_alphabetic)
        && !trimmed.starts_with(['-', '*', '+', '#', '\u{2022}']);
    if sentence
        && (1..=RUN_IN_WORDS).contains(&n)
        && !head.contains([';', ':'])
        && (names(kind, head) || (n <= 4 && by_words(kind, head).is_some()))
    {
        let after = &trimmed[stop + 1..];
        Some((
            clean(head),
            lead + stop + 1 + (after.len() - after.trim_start().len()),
        ))
    } else {
        None
    }
}

/// Whether a heading names the document's kind, alone or before its subject ("Launch plan",
/// "Battlecard: Tradeboard", "PRD - Drafted replies"): a title, whatever section a word of it
/// could name.
fn is_title(kind: &ArtifactKind, heading: &str) -> bool {
    let key = heading_key(heading);
    let name = heading_key(&kind.name);
    !name.is_empty() && (key == name || key.starts_with(&format!("{name} ")))
}

/// A heading's text without Markdown marks, numbering kept for matching to drop.
fn clean(heading: &str) -> String {
    heading
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '#' || c == ':')
        .trim()
        .to_owned()
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whether a line that is not a heading by its form names a section closely enough to be
/// one: by name or alias, never by shared words alone (a list item "Support" in a launch
/// FAQ is not a heading).
fn names(kind: &ArtifactKind, line: &str) -> bool {
    named(kind, line).is_some() || qualified(kind, line).is_some() || !filled(kind, line).is_empty()
}

/// The section a heading names before a qualifier: "Goals, in priority order", "Risks (and
/// what we do about them)", "Pricing - draft".
fn qualified(kind: &ArtifactKind, heading: &str) -> Option<usize> {
    let cut = [",", "(", " - ", " \u{2013} ", " \u{2014} ", ":"]
        .iter()
        .filter_map(|sep| heading.find(sep))
        .min()?;
    let lead = heading[..cut].trim();
    if lead.is_empty() {
        return None;
    }
    kind.sections
        .iter()
        .position(|s| s.is_named(lead))
        .or_else(|| filled(kind, lead).first().copied())
}

/// The kind's section a heading names: by name or alias ([`named`]), by a name whose pronoun
/// the heading fills ([`filled`]), else by the words it shares with one ([`by_words`]).
pub fn section_of(kind: &ArtifactKind, heading: &str) -> Option<usize> {
    section_given(kind, heading, &[])
}

/// [`section_of`] in a document where the sections in `taken` are already written.
fn section_given(kind: &ArtifactKind, heading: &str, taken: &[bool]) -> Option<usize> {
    if let Some(i) = kind.sections.iter().position(|s| s.is_named(heading)) {
        return Some(i);
    }
    // A question set as a heading is an FAQ's item: "How will we know it worked?" shares a
    // word with "How it works" and names nothing.
    if heading.trim_end().ends_with('?') {
        return None;
    }
    if let Some(i) = qualified(kind, heading) {
        return Some(i);
    }
    let fits = filled(kind, heading);
    if let Some(&first) = fits.first() {
        let free = fits
            .iter()
            .copied()
            .find(|&i| !taken.get(i).copied().unwrap_or(false));
        return Some(free.unwrap_or(first));
    }
    named(kind, heading).or_else(|| by_words(kind, heading))
}

/// Modal verbs the function-word list leaves out, which head requirement lists ("Must:",
/// "May:") and name no section.
const MODALS: [&str; 4] = ["must", "may", "might", "shall"];

/// Words a section name uses for one side of a comparison, which a writer replaces with a
/// name: "Where we win" is written "Where Acme wins", "Their strengths" "Cloudnest's
/// strengths".
const PRONOUNS: [&str; 6] = ["we", "they", "our", "their", "us", "them"];

/// The sections, in the kind's order, with a name or alias whose pronoun the heading fills with
/// one to three words, its other words the same but for a plural or possessive `s`.
fn filled(kind: &ArtifactKind, heading: &str) -> Vec<usize> {
    let key = heading_key(heading);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 2 || words.len() > 8 {
        return Vec::new();
    }
    kind.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            std::iter::once(&s.name).chain(&s.aliases).any(|n| {
                let n = heading_key(n);
                let pattern: Vec<&str> = n.split(' ').collect();
                pattern.iter().any(|w| PRONOUNS.contains(w)) && fills(&pattern, &words)
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether `words` match `pattern`, a pronoun standing for one to three words that are not
/// themselves pronouns ("Where we win" is not "Where they win").
fn fills(pattern: &[&str], words: &[&str]) -> bool {
    let same = |a: &str, b: &str| {
        // A plural or third-person `s`, or `es` after a hiss ("pushes", "matches").
        let base = |w: &str| {
            w.strip_suffix("es")
                .filter(|b| {
                    b.len() >= 3 && ["sh", "ch", "x", "s", "z"].iter().any(|e| b.ends_with(e))
                })
                .or_else(|| w.strip_suffix('s').filter(|b| b.len() >= 3))
                .unwrap_or(w)
                .to_owned()
        };
        // A name in a pronoun's place takes the verb in the singular: "Where they are
        // better" is written "Where Brightline is better".
        let agree = |w: &str| {
            match w {
                "is" => "are",
                "was" => "were",
                "has" => "have",
                "does" => "do",
                other => other,
            }
            .to_owned()
        };
        a == b || base(a) == base(b) || agree(a) == agree(b)
    };
    match (pattern.split_first(), words.is_empty()) {
        (None, empty) => empty,
        (Some(_), true) => false,
        (Some((p, rest)), false) if PRONOUNS.contains(p) => (1..=3.min(words.len()))
            .any(|n| words[..n].iter().all(|w| !PRONOUNS.contains(w)) && fills(rest, &words[n..])),
        (Some((p, rest)), false) => same(p, words[0]) && fills(rest, &words[1..]),
    }
}

/// The section whose name or alias is the heading, else the one whose name or alias appears
/// in it as whole words ("Internal FAQ (for the team)"), the longest such name winning. A
/// one-word name inside a longer heading ("plan" in "Launch plan: Tallyboard") is not
/// enough.
fn named(kind: &ArtifactKind, heading: &str) -> Option<usize> {
    let key = heading_key(heading);
    if key.is_empty() {
        return None;
    }
    if let Some(i) = kind.sections.iter().position(|s| s.is_named(heading)) {
        return Some(i);
    }
    let padded = format!(" {key} ");
    kind.sections
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            std::iter::once(&s.name)
                .chain(&s.aliases)
                .map(move |n| (i, heading_key(n)))
        })
        .filter(|(_, n)| {
            !n.is_empty()
                && padded.contains(&format!(" {n} "))
                && (n.contains(' ') || key.split(' ').count() <= 3)
        })
        .max_by_key(|(_, n)| n.len())
        .map(|(i, _)| i)
}

/// The section whose name and aliases share the heading's distinctive words ("Goal and
/// metrics" is the goals section, "What happened" the results one when an alias says
/// "happened"): each shared stem weighs one over the number of the kind's sections that use
/// it, so "launch" in a launch plan's every heading decides nothing. `None` on a tie.
fn by_words(kind: &ArtifactKind, heading: &str) -> Option<usize> {
    // Modal and other function words say nothing about a section: a "Must:" list inside the
    // requirements is not the guardrails because an alias says "must not regress".
    let distinctive = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| {
                let w = w.to_lowercase();
                !w.is_empty() && !is_function_word(&w) && !MODALS.contains(&w.as_str())
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let words = content_stems(&distinctive(heading));
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let stems: Vec<std::collections::BTreeSet<String>> = kind
        .sections
        .iter()
        .map(|s| content_stems(&distinctive(&format!("{} {}", s.name, s.aliases.join(" ")))))
        .collect();
    let spread = |w: &String| stems.iter().filter(|s| s.contains(w)).count().max(1) as f64;
    // Most of the heading's words must be the section's: a title such as "Brightchair: a
    // go-to-market brief" shares one word with a section and names none.
    let mut scored: Vec<(f64, usize)> = stems
        .iter()
        .enumerate()
        .filter(|(_, s)| 2 * words.iter().filter(|w| s.contains(*w)).count() >= words.len())
        .map(|(i, s)| {
            (
                words
                    .iter()
                    .filter(|w| s.contains(*w))
                    .map(|w| 1.0 / spread(w))
                    .sum(),
                i,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.as_slice() {
        [] => None,
        [(_, i)] => Some(*i),
        [(a, i), (b, _), ..] => (a - b > 1e-9).then_some(*i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use debrief_pack::artifact::ArtifactSection;

    fn section(id: &str, name: &str, aliases: &[&str]) -> ArtifactSection {
        ArtifactSection {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| (*a).into()).collect(),
            ..Default::default()
        }
    }

    fn kind() -> ArtifactKind {
        ArtifactKind {
            id: "prfaq".into(),
            sections: vec![
                section("press-release", "Press release", &["release"]),
                section("customer-faq", "Customer FAQ", &["external faq"]),
                section("internal-faq", "Internal FAQ", &["stakeholder faq"]),
            ],
            ..Default::default()
        }
    }

    fn ids(kind: &ArtifactKind, text: &str) -> Vec<(Option<usize>, String)> {
        split(kind, text)
            .into_iter()
            .map(|p| (p.section, text[p.body.0..p.body.1].trim().to_owned()))
            .collect()
    }

    #[test]
    fn a_name_in_place_of_we_or_they_names_the_first_such_section_not_yet_written() {
        let kind = ArtifactKind {
            id: "battlecard".into(),
            sections: vec![
                section("snapshot", "Snapshot", &[]),
                section("win", "Where we win", &[]),
                section(
                    "lose",
                    "Where we lose",
                    &["Where they win", "Their strengths"],
                ),
                section("proof", "Proof points", &["Wins"]),
            ],
            ..Default::default()
        };
        let sections = |text: &str| -> Vec<Option<usize>> {
            split(&kind, text).into_iter().map(|p| p.section).collect()
        };
        assert_eq!(
            sections("## Where Restwell wins\nFirm beds.\n## Where Cloudnest wins\nPrice.\n"),
            vec![Some(1), Some(2)]
        );
        // Bare lines, a name of several words, and a possessive (two headings in a row that
        // name one section are one part).
        assert_eq!(
            sections(
                "Snapshot\nA rival.\n\nWhere Restwell wins\nFirm beds.\n\n\
                 Where the old spreadsheet wins\nIt is free.\n\nCloudnest's strengths\nReach.\n"
            ),
            vec![Some(0), Some(1), Some(2)]
        );
        // A pronoun does not fill another's place, and a one-word alias still names its own.
        assert_eq!(
            sections("## Where they win\nPrice.\n## Where we win\nBeds.\n## Wins\nTen stores.\n"),
            vec![Some(2), Some(1), Some(3)]
        );
        // A line of prose is not a heading because it fits the pattern.
        assert_eq!(
            sections("## Snapshot\nWhere Restwell wins, the buyer has tried the bed in a store.\n"),
            vec![Some(0)]
        );
    }

    #[test]
    fn qualified_numbered_and_modal_headings_name_the_right_section() {
        let kind = ArtifactKind {
            id: "prd".into(),
            sections: vec![
                section("goals", "Goals", &[]),
                section("requirements", "Requirements", &[]),
                section("pillar-1", "Pillar 1", &[]),
                section(
                    "guardrails",
                    "Guardrails",
                    &["Metrics that must not regress"],
                ),
            ],
            ..Default::default()
        };
        let sections = |text: &str| -> Vec<(Option<usize>, String)> {
            split(&kind, text)
                .into_iter()
                .map(|p| (p.section, p.heading))
                .collect()
        };
        // A qualifier after the name; a "Must:" list inside the requirements, not the
        // guardrails because an alias says "must"; a numbered label with text after it.
        assert_eq!(
            sections(
                "3. Goals, in priority order\nFaster counts.\n5. Requirements\nMust:\n- Blind \
                 counts.\nShould:\n- A report.\n6. Pillar 1: Qualify on deposits\n- 41 of 64 \
                 approved.\n"
            ),
            vec![
                (Some(0), "3. Goals, in priority order".to_owned()),
                (Some(1), "5. Requirements".to_owned()),
                (Some(2), "6. Pillar 1".to_owned()),
            ]
        );
    }

    #[test]
    fn markdown_headings_split_and_match_by_name_or_alias() {
        let text = "# Lockbox ships today\n\nBody one.\n\n## External FAQ\nQ? A.\n\n### Pricing\nFree.\n\n### 3. Internal FAQ (for the team)\nHard Q? Honest A.\n";
        let got = ids(&kind(), text);
        // The title names no section: it and its text are the first section's. "Pricing" is
        // a sub-heading of the FAQ it sits in.
        assert_eq!(
            got,
            vec![
                (Some(0), "# Lockbox ships today\n\nBody one.".into()),
                (Some(1), "Q? A.\n\n### Pricing\nFree.".into()),
                (Some(2), "Hard Q? Honest A.".into()),
            ]
        );
    }

    #[test]
    fn text_before_any_heading_is_the_first_section_when_nothing_names_it() {
        let got = ids(
            &kind(),
            "Lockbox ships today.\nMore.\n\nCUSTOMER FAQ\nQ? A.\n",
        );
        assert_eq!(got[0], (Some(0), "Lockbox ships today.\nMore.".into()));
        assert_eq!(got[1], (Some(1), "Q? A.".into()));
    }

    #[test]
    fn word_processor_forms_are_headings_too() {
        let text = "Press Release\n=============\nIt shipped.\n\n**Customer FAQ**\nQ? A.\n\nStakeholder FAQ:\nWhy now? Because.\n";
        let got = ids(&kind(), text);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![Some(0), Some(1), Some(2)]
        );
        assert_eq!(got[0].1, "It shipped.");
    }

    #[test]
    fn a_label_with_text_after_it_is_a_heading_only_when_it_names_a_section() {
        let text = "Release: It shipped today for renters.\nNote: this line is prose.\nInternal FAQ: Why now? Because.\n";
        let got = ids(&kind(), text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[0],
            (
                Some(0),
                "It shipped today for renters.\nNote: this line is prose.".into()
            )
        );
        assert_eq!(got[1], (Some(2), "Why now? Because.".into()));
    }

    #[test]
    fn a_prose_line_that_mentions_a_section_is_not_a_heading() {
        let got = ids(&kind(), "We wrote the internal FAQ last.\nIt was hard.\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, Some(0));
    }

    #[test]
    fn labels_in_a_row_that_name_one_section_are_one_part_and_questions_name_none() {
        let kind = ArtifactKind {
            id: "prfaq".into(),
            sections: vec![
                section(
                    "release",
                    "Press release",
                    &["Headline", "Customer quote", "The problem"],
                ),
                section("faq", "Customer FAQ", &["Customer questions"]),
                section("internal", "Internal FAQ", &["How it works"]),
            ],
            ..Default::default()
        };
        let text = "**Headline:** Tags settle disputes\n\n**The problem:** 2.7% of totes.\n\n\
                    **Customer quote:** \"Now I know.\"\n\n**Customer FAQ**\nDoes it work? Yes.\n\n\
                    **Internal FAQ**\n### How will we know it worked?\nDisputes fall to 2 days.\n";
        let got = ids(&kind, text);
        assert_eq!(
            got.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            vec![Some(0), Some(1), Some(2)],
            "{got:?}"
        );
        // The release's three labels are one text, so its checks read all of it.
        assert!(got[0].1.contains("2.7% of totes") && got[0].1.contains("Now I know"));
        // A question heading stays inside the FAQ it belongs to.
        assert!(got[2].1.contains("Disputes fall to 2 days"), "{got:?}");
    }

    #[test]
    fn a_title_naming_the_kind_is_no_section_and_run_in_headings_open_paragraphs() {
        let kind = ArtifactKind {
            id: "launch-plan".into(),
            name: "Launch plan".into(),
            sections: vec![
                section("overview", "Overview", &[]),
                section("timeline", "Timeline", &["Plan", "Dates"]),
                section("risks", "Risks", &["What could go wrong"]),
            ],
            ..Default::default()
        };
        let text = "Launch plan: Hopride at Denver\n\nWe open a pickup lane on 4 May.\n\n\
                    Dates. 20 April: drivers briefed. 4 May: open.\n\n\
                    What could go wrong. The lot could fill; we cap it at 80 cars.\n";
        let got = ids(&kind, text);
        assert_eq!(
            got.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            vec![Some(0), Some(1), Some(2)],
            "{got:?}"
        );
        assert_eq!(got[0].1, "We open a pickup lane on 4 May.");
        assert!(got[1].1.starts_with("20 April"), "{got:?}");
        // Right under a heading, a sentence that names another section is that heading's text.
        let under =
            "## Timeline\n\nRisks. See below for the lot.\n\n## Risks\nThe lot could fill.\n";
        assert_eq!(
            split(&kind, under)
                .iter()
                .map(|p| p.section)
                .collect::<Vec<_>>(),
            vec![Some(1), Some(2)]
        );
    }
    #[test]
    fn a_title_block_is_not_an_optional_first_section_but_a_sentence_is() {
        let mut overview = section("overview", "Overview", &[]);
        overview.required = false;
        let mut risks = section("risks", "Risks", &[]);
        risks.required = true;
        let kind = ArtifactKind {
            id: "launch-plan".into(),
            sections: vec![overview, risks],
            ..Default::default()
        };
        let titled = ids(
            &kind,
            "Tidyhand Instant Pay\nOwner: Mara Lindqvist, PMM. 7 August.\n\nRisks\nThe lot fills.\n",
        );
        assert_eq!(titled, vec![(Some(1), "The lot fills.".into())]);
        let opened = ids(
            &kind,
            "We open a pickup lane on 4 May.\n\nRisks\nThe lot fills.\n",
        );
        assert_eq!(
            opened[0],
            (Some(0), "We open a pickup lane on 4 May.".into())
        );
    }

    #[test]
    fn headings_under_pillars_are_the_pillars_in_order_until_a_heading_at_its_level() {
        let kind = ArtifactKind {
            id: "messaging-house".into(),
            sections: vec![
                section("roof", "Core message", &["Roof"]),
                section("pillar-1", "Pillar 1", &[]),
                section("pillar-2", "Pillar 2", &[]),
                section("pillar-3", "Pillar 3", &[]),
                section("tone", "Tone", &[]),
            ],
            ..Default::default()
        };
        let markdown = "## Roof\nPaid on the doorstep.\n\n## Pillars\n\n### 1. Invoice at the door\n84 seconds.\n\n### 2. Money in days\n19 to 3 days.\n\n## Tone\nPlain.\n";
        let got: Vec<Option<usize>> = ids(&kind, markdown).iter().map(|(s, _)| *s).collect();
        assert_eq!(got, vec![Some(0), Some(1), Some(2), Some(4)]);
        // Numbered: "3.1" and "3.2" are under "3. Pillars and proof"; "4." is not a pillar.
        let numbered = "1. Roof\nPaid on the doorstep.\n\n3. Pillars and proof\n\n3.1 Invoice at the door\n84 seconds.\n\n3.2 Money in days\n19 to 3 days.\n\n4. What we leave out\nAccounting.\n";
        let got = ids(&kind, numbered);
        assert_eq!(
            got.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            vec![Some(0), Some(1), Some(2)],
            "{got:?}"
        );
        assert!(got[2].1.contains("What we leave out"), "{got:?}");
    }
}
