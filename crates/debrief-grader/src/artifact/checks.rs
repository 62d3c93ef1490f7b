//! The section checks, each a small unit: what it looks at, when it fires, and where its
//! finding points. Their wording, phrases and limits come from the pack's
//! `[[artifact_check]]` entries.

use debrief_pack::artifact::{ArtifactCheck, ArtifactSection};
use debrief_text::{TokenKind, merged_ranges as merged};

use super::{ArtifactChecks, ArtifactFinding, Read};

/// A finding of `check` on the document's bytes `span`.
pub(super) fn finding(
    check: &ArtifactCheck,
    section: Option<&ArtifactSection>,
    span: (usize, usize),
    doc: &str,
) -> ArtifactFinding {
    ArtifactFinding {
        check: check.id.clone(),
        name: check.name.clone(),
        severity: check.severity.clone(),
        category: check.category.clone(),
        section: section.map(|s| s.id.clone()),
        start: span.0,
        end: span.1,
        quote: doc.get(span.0..span.1).unwrap_or_default().to_owned(),
        message: message(check, section),
        why: check.why.clone(),
        fix: check.fix.clone(),
    }
}

/// The check's message about `section`, or about the document as a whole.
pub(super) fn message(check: &ArtifactCheck, section: Option<&ArtifactSection>) -> String {
    let name = section.map_or("the document", |s| s.name.as_str());
    capitalised(&check.message.replace("{section}", name))
}

/// `text` with its first letter a capital: a message may open with "the document".
fn capitalised(text: &str) -> String {
    first_letter(text, char::to_uppercase)
}

/// `text` with its first letter changed by `case` (`char::to_uppercase` or `to_lowercase`).
fn first_letter<I: Iterator<Item = char>>(text: &str, case: impl Fn(char) -> I) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => case(c).chain(chars).collect(),
        None => String::new(),
    }
}

/// The word-budget checks a section lists, on the section as a whole.
pub(super) fn budget(
    checks: &ArtifactChecks,
    section: &ArtifactSection,
    words: usize,
    span: (usize, usize),
    doc: &str,
) -> Vec<ArtifactFinding> {
    let mut out = Vec::new();
    let listed = |id: &str| section.checks.iter().any(|c| c == id);
    // The finding quotes the section's opening words, not the whole section.
    let head = (span.0, (span.0 + 80).min(span.1));
    let head = (head.0, floor_char(doc, head.1));
    if listed("over-budget")
        && section.max_words > 0
        && let Some((_, c)) = checks.get("over-budget")
        && words as f64 > f64::from(section.max_words) * (1.0 + c.limit.unwrap_or(0.0))
    {
        out.push(finding(c, Some(section), head, doc));
    }
    if listed("under-budget")
        && let Some((_, c)) = checks.get("under-budget")
        && words < section.min_words as usize
    {
        out.push(finding(c, Some(section), head, doc));
    }
    out
}

fn floor_char(doc: &str, mut i: usize) -> usize {
    while i > 0 && !doc.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Runs one of the section's content checks on one part of its text.
pub(super) fn run(
    index: usize,
    check: &ArtifactCheck,
    section: &ArtifactSection,
    read: &Read<'_>,
    doc: &str,
) -> Vec<ArtifactFinding> {
    let at = |first: usize, last: usize| finding(check, Some(section), read.span(first, last), doc);
    let limit = check.limit.unwrap_or(0.0);
    match check.id.as_str() {
        // Wording checks: every use of a phrase, unless quoted or a label. A denied vague word
        // is still vague ("not very"), so negation does not excuse it.
        "fluff" | "weasel" => {
            merged(phrases(read, index, false).filter(|&(f, l)| read.assertion.uses(f, l)))
                .into_iter()
                .map(|(f, l)| at(f, l))
                .collect()
        }
        // An opener leads only where it opens the question ("What share do you want..." is
        // open); the answers lead wherever they stand. Questions a rep reads out are usually
        // quoted, so quotation does not excuse one.
        "leading-question" => {
            let opens: Vec<usize> = items(read)
                .iter()
                .map(|&(f, _)| f)
                .chain(read.text.sentences.iter().map(|s| s.first_token))
                .collect();
            let openers = phrases(read, index, false).filter(|(f, _)| opens.contains(f));
            merged(openers.chain(phrases(read, index, true)))
                .into_iter()
                .map(|(f, l)| at(f, l))
                .collect()
        }
        // Future tense in a press release: a plan, not a launch. Counted beyond the limit. A
        // future inside an indirect question ("shows how much cash the shop will have
        // tomorrow", "when your parcel will arrive": the check's answers, a few words before
        // it in the sentence) describes what the launched product tells, not a plan.
        "not-launched" => {
            let text = &read.text;
            let asked = |f: usize| {
                phrases(read, index, true).any(|(af, al)| {
                    al < f
                        && f - al <= INDIRECT_WINDOW
                        && text.tokens[af].sentence == text.tokens[f].sentence
                })
            };
            let uses = merged(
                phrases(read, index, false)
                    .filter(|&(f, l)| read.assertion.uses(f, l) && !asked(f)),
            );
            if uses.len() as f64 > limit {
                uses.into_iter().map(|(f, l)| at(f, l)).collect()
            } else {
                Vec::new()
            }
        }
        "no-number" => {
            if read.text.tokens.iter().any(|t| t.kind == TokenKind::Number) {
                Vec::new()
            } else {
                vec![opening(check, section, read, doc)]
            }
        }
        "no-segment" => {
            let named = phrases(read, index, true).any(|(f, l)| read.assertion.asserts(f, l))
                || names_a_group(read);
            if named {
                Vec::new()
            } else {
                vec![opening(check, section, read, doc)]
            }
        }
        "everyone-segment" => everyone(index, read)
            .into_iter()
            .map(|(f, l)| at(f, l))
            .collect(),
        "softball-answer" => softball(index, check, section, read, doc),
        "nothing-set-aside" | "choice-put-off" => {
            nothing_set_aside(index, check, section, read, doc)
        }
        "overpromise" => overpromise(index, check, section, read, doc),
        "quote-stuffing" => quotes(index, check, section, read, doc),
        "metric-incomplete" => metrics(index, check, section, read, doc),
        // A pillar written as a paragraph is one pillar whose proof may follow its claim; a
        // list holds one pillar per line.
        // A pillar is its claim and what backs it, in whatever order and on however many
        // lines: it is bare only when nothing in it is a figure or a proof.
        "pillar-without-proof" => {
            let all = (0, read.text.tokens.len().saturating_sub(1));
            if read.text.tokens.is_empty()
                || has_number(read, all.0, all.1)
                || has_phrase(read, index, true, all.0, all.1)
            {
                Vec::new()
            } else {
                vec![opening(check, section, read, doc)]
            }
        }
        "features-not-benefits" => {
            let sentences: Vec<(usize, usize)> = read
                .text
                .sentences
                .iter()
                .map(|s| (s.first_token, s.end_token - 1))
                .collect();
            let feature_only: Vec<(usize, usize)> = sentences
                .iter()
                .copied()
                .filter(|&(f, l)| {
                    has_phrase(read, index, false, f, l) && !has_phrase(read, index, true, f, l)
                })
                .collect();
            if !sentences.is_empty() && feature_only.len() as f64 / sentences.len() as f64 > limit {
                feature_only.into_iter().map(|(f, l)| at(f, l)).collect()
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// A move the section should make and does not: on the section's first sentence, or on the
/// document as a whole when `read` is `None` (a narrative, read as one text).
pub(super) fn missing_move(
    check: &ArtifactCheck,
    section: &ArtifactSection,
    read: Option<&Read<'_>>,
    label: &str,
    doc: &str,
) -> ArtifactFinding {
    let mut f = match read {
        Some(read) => opening(check, section, read, doc),
        None => finding(check, Some(section), (0, 0), doc),
    };
    f.message = f
        .message
        .replace("{move}", &first_letter(label, char::to_lowercase));
    f
}

/// A finding on the section's first sentence: for what the whole section lacks.
fn opening(
    check: &ArtifactCheck,
    section: &ArtifactSection,
    read: &Read<'_>,
    doc: &str,
) -> ArtifactFinding {
    let span = read
        .text
        .sentences
        .first()
        .map_or((read.offset, read.offset), |s| {
            (read.offset + s.start, read.offset + s.end)
        });
    finding(check, Some(section), span, doc)
}

/// The check's phrase matches (or its answers'), as token ranges.
fn phrases<'r>(
    read: &'r Read<'_>,
    index: usize,
    answers: bool,
) -> impl Iterator<Item = (usize, usize)> + 'r {
    read.matches
        .iter()
        .filter(move |&&(c, a, _, _)| c == index && a == answers)
        .map(|&(_, _, f, l)| (f, l))
}

/// Whether tokens `first..=last` hold an asserted match of the check's phrases (or answers).
fn has_phrase(read: &Read<'_>, index: usize, answers: bool, first: usize, last: usize) -> bool {
    phrases(read, index, answers).any(|(f, l)| f >= first && l <= last && read.assertion.uses(f, l))
}

/// Whether sentence `sentence` holds an asserted match of the check's answers.
fn answers_in(read: &Read<'_>, index: usize, sentence: usize) -> bool {
    let s = &read.text.sentences[sentence];
    has_phrase(read, index, true, s.first_token, s.end_token - 1)
}

fn has_number(read: &Read<'_>, first: usize, last: usize) -> bool {
    read.text.tokens[first..=last]
        .iter()
        .any(|t| t.kind == TokenKind::Number)
}

/// The section's items as token ranges: its lines when it is written as several (a list),
/// else its sentences.
fn items(read: &Read<'_>) -> Vec<(usize, usize)> {
    let src = read.text.source;
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for line in src.split_inclusive('\n') {
        let end = start + line.len();
        let tokens: Vec<usize> = (0..read.text.tokens.len())
            .filter(|&t| read.text.tokens[t].start >= start && read.text.tokens[t].end <= end)
            .collect();
        if let (Some(&f), Some(&l)) = (tokens.first(), tokens.last()) {
            lines.push((f, l));
        }
        start = end;
    }
    if lines.len() >= 2 {
        return lines;
    }
    read.text
        .sentences
        .iter()
        .map(|s| (s.first_token, s.end_token - 1))
        .collect()
}

/// The section's answers: for each question, the sentences that follow it up to the next
/// question, as (the question's sentence, the answer's first token, its last token).
fn answers(read: &Read<'_>) -> Vec<(usize, usize, usize)> {
    let sentences = &read.text.sentences;
    let question = |i: usize| read.text.asks(&sentences[i]);
    let mut out = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        if question(i) {
            let first = i + 1;
            let mut j = first;
            while j < sentences.len() && !question(j) {
                j += 1;
            }
            if j > first {
                out.push((
                    i,
                    sentences[first].first_token,
                    sentences[j - 1].end_token - 1,
                ));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// The last token of the sentence token `t` stands in: where an answer's first sentence ends.
fn sentence_end(read: &Read<'_>, t: usize) -> usize {
    read.text.sentences[read.text.tokens[t].sentence].end_token - 1
}

/// Softball answers: an answer to a question that plays the risk down with one of the
/// check's phrases and gives no number behind it, or that opens by playing it down and
/// only then gives figures beside the point ("We see little risk. Adoption has been
/// strong: 412 slots in the first week"): a reassurance in a first sentence with no figure
/// of its own is the answer, whatever follows it.
fn softball(
    index: usize,
    check: &ArtifactCheck,
    section: &ArtifactSection,
    read: &Read<'_>,
    doc: &str,
) -> Vec<ArtifactFinding> {
    answers(read)
        .into_iter()
        .filter_map(|(_, f, l)| {
            let last = if has_number(read, f, l) {
                let end = sentence_end(read, f);
                if has_number(read, f, end) {
                    return None;
                }
                end
            } else {
                l
            };
            phrases(read, index, false)
                .find(|&(pf, pl)| pf >= f && pl <= last && read.assertion.uses(pf, pl))
        })
        .map(|(f, l)| finding(check, Some(section), read.span(f, l), doc))
        .collect()
}

/// Nothing set aside: a question about what was left out, given up or not done (the check's
/// answers, in the question), whose answer opens by claiming that everything is covered
/// (`nothing-set-aside`: "every case is handled") or by putting the choice off
/// (`choice-put-off`: "we are focused on what matters most"). Only the answer's first
/// sentence is read, where a real answer names what it sets aside; a quantifier a figure
/// follows ("all 31 requests") counts, it does not claim. A choice put off is no dodge where
/// the answer also draws a line ("We're focused on one branch; cross-branch swaps are not in
/// this release"), while a claim that nothing was left out stands whatever follows it.
fn nothing_set_aside(
    index: usize,
    check: &ArtifactCheck,
    section: &ArtifactSection,
    read: &Read<'_>,
    doc: &str,
) -> Vec<ArtifactFinding> {
    let text = &read.text;
    let put_off = check.id == "choice-put-off";
    answers(read)
        .into_iter()
        .filter(|&(q, _, _)| answers_in(read, index, q))
        .filter(|&(_, f, l)| {
            let (a, b) = (text.tokens[f].sentence, text.tokens[l].sentence);
            !put_off || !read.limits.iter().any(|&s| (a..=b).contains(&s))
        })
        .filter_map(|(_, f, _)| {
            let end = sentence_end(read, f);
            phrases(read, index, false).find(|&(pf, pl)| {
                pf >= f
                    && pl <= end
                    && read.assertion.asserts(pf, pl)
                    && !figure_near(read, pl, pl + 1..pl + 1 + QUANTIFIER_WINDOW)
            })
        })
        .map(|(f, l)| finding(check, Some(section), read.span(f, l), doc))
        .collect()
}

/// Overpromising: an absolute promise of the writer's own ("guaranteed", "ends ... for
/// good"), or an accuracy figure with nothing in its sentence to say where it was measured
/// (the check's answers: a pilot, a test set, a study). A question is not a claim, so a
/// promise inside one ("Is the price guaranteed?") is left alone.
fn overpromise(
    index: usize,
    check: &ArtifactCheck,
    section: &ArtifactSection,
    read: &Read<'_>,
    doc: &str,
) -> Vec<ArtifactFinding> {
    let text = &read.text;
    let asked = |t: usize| text.asks(&text.sentences[text.tokens[t].sentence]);
    let sourced = |t: usize| answers_in(read, index, text.tokens[t].sentence);
    let accuracy = |f: usize, l: usize| {
        f == l
            && matches!(
                text.lower(f),
                "accurate" | "accuracy" | "precise" | "precision"
            )
    };
    merged(phrases(read, index, false).filter(|&(f, l)| {
        read.assertion.asserts(f, l)
            && !asked(f)
            && (!accuracy(f, l)
                || (figure_near(read, f, f.saturating_sub(ACCURACY_WINDOW)..f) && !sourced(f)))
    }))
    .into_iter()
    .map(|(f, l)| finding(check, Some(section), read.span(f, l), doc))
    .collect()
}

/// How many tokens before "accurate" a figure may stand and still be its rate ("99%
/// accurate", "98% fraud accuracy").
const ACCURACY_WINDOW: usize = 4;

/// How many tokens after a quantifier a figure may stand and still be its count ("all 31
/// requests", "every one of the 410,000 sellers").
const QUANTIFIER_WINDOW: usize = 3;

/// Whether a figure stands at one of `tokens` in `anchor`'s sentence: the count a
/// quantifier names, or the rate before "accurate".
fn figure_near(read: &Read<'_>, anchor: usize, tokens: std::ops::Range<usize>) -> bool {
    let text = &read.text;
    let sentence = text.tokens[anchor].sentence;
    tokens
        .filter(|&t| t < text.tokens.len())
        .any(|t| text.tokens[t].sentence == sentence && text.tokens[t].kind == TokenKind::Number)
}

/// Quote stuffing: more quotations than the limit allows, or a quotation that praises with
/// one of the check's superlatives.
fn quotes(
    index: usize,
    check: &ArtifactCheck,
    section: &ArtifactSection,
    read: &Read<'_>,
    doc: &str,
) -> Vec<ArtifactFinding> {
    let src = read.text.source;
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in src.char_indices() {
        match (c, open) {
            ('"' | '\u{201c}', None) => open = Some(i),
            ('"' | '\u{201d}', Some(o)) => {
                spans.push((o, i + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
    }
    // Only quotations of some length are quotes from people; short ones name a thing. One
    // person's quote broken by "she said" is one quote: quotations in one paragraph join.
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans
        .into_iter()
        .filter(|&(s, e)| src[s..e].split_whitespace().count() >= 6)
    {
        match joined.last_mut() {
            Some(last) if !src[last.1..s].contains("\n\n") => last.1 = e,
            _ => joined.push((s, e)),
        }
    }
    // A quote is a person's when its paragraph attributes it ("said Ruth Okafor"): a
    // quotation showing what the product says ("Line 3: unit price $4.10") is an example.
    let attributions: Vec<usize> = phrases(read, index, true)
        .map(|(f, _)| read.text.tokens[f].start)
        .collect();
    let paragraph = |s: usize, e: usize| {
        let start = src[..s].rfind("\n\n").map_or(0, |i| i + 2);
        let end = src[e..].find("\n\n").map_or(src.len(), |i| e + i);
        (start, end)
    };
    let spans: Vec<(usize, usize)> = joined
        .into_iter()
        .filter(|&(s, e)| {
            let (ps, pe) = paragraph(s, e);
            check.answers.is_empty() || attributions.iter().any(|&a| a >= ps && a < pe)
        })
        .collect();
    let mut out = Vec::new();
    let limit = check.limit.unwrap_or(2.0);
    if spans.len() as f64 > limit
        && let Some(&(s, e)) = spans.get(limit as usize)
    {
        out.push(finding(
            check,
            Some(section),
            (read.offset + s, read.offset + e),
            doc,
        ));
    }
    // A quote that cheers and gives no figure: praise with nothing a reader can check.
    for (f, l) in phrases(read, index, false) {
        let (s, e) = (read.text.tokens[f].start, read.text.tokens[l].end);
        if let Some(&(qs, qe)) = spans.iter().find(|&&(qs, qe)| s >= qs && e <= qe) {
            let figure = read
                .text
                .tokens
                .iter()
                .any(|t| t.kind == TokenKind::Number && t.start >= qs && t.end <= qe);
            if !figure {
                out.push(finding(check, Some(section), read.span(f, l), doc));
            }
        }
    }
    out
}

/// Metrics without their baseline, target or date: each item that states a target (a
/// number) needs a baseline (an answer phrase, or a second number) and a date (one of the
/// check's phrases); a list item with no number is a metric with no target. A date given
/// once for the list, in the section's heading ("Goals (first 90 days)") or in a line that
/// introduces items ("By 30 June:"), dates every item under it.
fn metrics(
    index: usize,
    check: &ArtifactCheck,
    section: &ArtifactSection,
    read: &Read<'_>,
    doc: &str,
) -> Vec<ArtifactFinding> {
    let heading = doc[..read.offset]
        .trim_end()
        .rsplit('\n')
        .next()
        .unwrap_or("");
    let mut dated_above = names_a_date(check, heading);
    let mut out = Vec::new();
    for (f, l) in items(read) {
        // A year dates a metric; it is not its baseline or target.
        let numbers = read.text.tokens[f..=l]
            .iter()
            .filter(|t| t.kind == TokenKind::Number && !year_token(&read.text, t))
            .count();
        let baseline = numbers >= 2 || has_phrase(read, index, true, f, l);
        let year = read.text.tokens[f..=l]
            .iter()
            .any(|t| year_token(&read.text, t));
        let date = year || has_phrase(read, index, false, f, l);
        let intro = read.text.source[read.text.tokens[l].end..]
            .trim_start()
            .starts_with(':');
        if intro {
            dated_above |= date;
            continue;
        }
        // Metrics are written compactly ("Pickups per week: from 9,800 to 13,000 by June");
        // a long sentence with no label is the goal they serve ("Win back travellers who
        // stopped riding with us, now that we have a pickup lane for 80 cars").
        let label =
            read.text.source[read.text.tokens[f].start..read.text.tokens[l].end].contains(':');
        if l + 1 - f >= STATEMENT_WORDS && !label {
            continue;
        }
        // A list item with no figure is a metric with no target ("- Increase
        // engagement"); a sentence with none states the goal the metrics serve.
        let listed = read.text.source[..read.text.tokens[f].start]
            .rsplit('\n')
            .next()
            .is_some_and(|lead| lead.trim_start().starts_with(['-', '*', '+', '\u{2022}']));
        if numbers > 0 && (!baseline || !(date || dated_above)) || numbers == 0 && listed {
            out.push(finding(check, Some(section), read.span(f, l), doc));
        }
    }
    out
}

/// How many words before a future tense an indirect question's word ("how much", "when") may
/// stand and still hold it.
const INDIRECT_WINDOW: usize = 6;

/// Tokens from which an item with no label reads as a sentence about the goal rather than a
/// metric. On the tuning part every flagged item this long came from a strong document.
const STATEMENT_WORDS: usize = 20;

/// Whether `line` (a heading) names a date the way a metric's own words would: a year, or
/// one of the check's date phrases as whole words.
fn names_a_date(check: &ArtifactCheck, line: &str) -> bool {
    let text = debrief_text::Text::new(line);
    let words: Vec<&str> = (0..text.tokens.len())
        .map(|t| {
            let w = text.lower(t);
            w.strip_suffix("'s").unwrap_or(w)
        })
        .collect();
    let year = text.tokens.iter().any(|t| year_token(&text, t));
    year || check.phrases.iter().any(|p| {
        let p = debrief_text::normalise_phrase(p);
        let want: Vec<&str> = p.split(' ').filter(|w| !w.is_empty()).collect();
        !want.is_empty() && words.windows(want.len()).any(|w| w == want.as_slice())
    })
}

/// Where a segment is everyone: the writer's own "any business", "every team", "of all
/// sizes", or a span "from small teams to large enterprises". A quantifier a figure follows
/// ("all 410,000 sellers") counts a known group, one a time word follows ("every week",
/// the check's answers) is about time, not people, and one in a line the writer draws ("Not
/// for: anyone looking for a medical device") rules everyone out.
fn everyone(index: usize, read: &Read<'_>) -> Vec<(usize, usize)> {
    let text = &read.text;
    let n = text.tokens.len();
    let same = |a: usize, b: usize| text.tokens[a].sentence == text.tokens[b].sentence;
    let time_after = |l: usize| phrases(read, index, true).any(|(f, _)| f == l + 1);
    let drawn = |t: usize| read.limits.contains(&text.tokens[t].sentence);
    let mut found: Vec<(usize, usize)> = phrases(read, index, false)
        .filter(|&(f, l)| {
            read.assertion.asserts(f, l)
                && !figure_near(read, l, l + 1..l + 1 + QUANTIFIER_WINDOW)
                && !time_after(l)
                && !drawn(f)
        })
        .collect();
    // "from <one or two words> to <a word>": a range of kinds of customer, not of figures.
    for f in 0..n {
        if text.lower(f) != "from" {
            continue;
        }
        let to = (f + 2..(f + 4).min(n)).find(|&t| text.lower(t) == "to" && same(f, t));
        if let Some(to) = to
            && to + 1 < n
            && same(to, to + 1)
            && (f + 1..=to + 1).all(|t| text.tokens[t].kind == TokenKind::Word)
            && read.assertion.asserts(f, to + 1)
            && !drawn(f)
        {
            found.push((f, to + 1));
        }
    }
    merged(found.into_iter())
}

/// Whether `token` of `text` is a number that is a year.
fn year_token(text: &debrief_text::Text<'_>, token: &debrief_text::Token) -> bool {
    token.kind == TokenKind::Number && is_year(&text.source[token.start..token.end])
}

/// Whether a number token is a year (1900 to 2099), which dates rather than measures.
fn is_year(token: &str) -> bool {
    token.len() == 4
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token.starts_with("19") || token.starts_with("20"))
}

/// Whether the text names a group of people the way English does whatever the group: a
/// plural followed by "who", "that" or "with" ("recipients who", "clinics with").
fn names_a_group(read: &Read<'_>) -> bool {
    let text = &read.text;
    let n = text.tokens.len();
    let plural = |t: usize| {
        let w = text.lower(t);
        text.tokens[t].kind == TokenKind::Word
            && w.len() >= 5
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
    };
    let same = |a: usize, b: usize| text.tokens[a].sentence == text.tokens[b].sentence;
    // Or a plural and a participle that says what they do ("growers farming 200 to 2,000
    // acres", "clinics running three sites"); "including" lists, it does not describe.
    let participle = |t: usize| {
        let w = text.lower(t);
        text.tokens[t].kind == TokenKind::Word
            && w.len() >= 6
            && w.ends_with("ing")
            && w != "including"
    };
    (0..n).any(|t| {
        let w = text.lower(t);
        t > 0
            && (matches!(w, "who" | "that" | "with") || participle(t))
            && plural(t - 1)
            && same(t - 1, t)
    })
}
