//! Text helpers of the plan builder: titles from checklist texts, slugs for ids, and the small
//! grammar of joining content text into sentences.

/// Whether `text` mentions `name` as a phrase: its words in order and adjacent, each word
/// matching when one is a prefix of the other ("one-pager" matches "one-page").
pub(super) fn mentions(text: &str, name: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let text = words(text);
    let name = words(name);
    if name.is_empty() || name.len() > text.len() {
        return false;
    }
    let same = |a: &str, b: &str| {
        a == b || (a.len().min(b.len()) >= 4 && (a.starts_with(b) || b.starts_with(a)))
    };
    text.windows(name.len())
        .any(|w| w.iter().zip(&name).all(|(a, b)| same(a, b)))
}

/// The opening of a checklist text as a title: up to the first sentence end, or the first
/// colon when at least four words precede it.
fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        let at_break = next.is_none_or(char::is_whitespace);
        if !at_break {
            continue;
        }
        let stop = match c {
            '.' | '?' | '!' => true,
            ':' => text[..i].split_whitespace().count() >= 4,
            _ => false,
        };
        if stop {
            end = if c == '?' { i + 1 } else { i };
            break;
        }
    }
    text[..end].trim().to_owned()
}

/// A checklist text's opening sentence, shortened at a clause or word boundary (with "…")
/// when it runs past 80 characters; the full text stays in the item's detail.
pub(super) fn title_of(text: &str) -> String {
    const LIMIT: usize = 80;
    let sentence = first_sentence(text);
    if sentence.chars().count() <= LIMIT {
        return sentence;
    }
    let head: String = sentence.chars().take(LIMIT).collect();
    let clause = [", ", " (", "; "]
        .iter()
        .filter_map(|sep| head.rfind(sep))
        .filter(|&i| head[..i].chars().count() >= 30)
        .max();
    let end = clause.or_else(|| head.rfind(' ')).unwrap_or(head.len());
    format!("{}…", head[..end].trim_end_matches([',', ';', ' ']))
}

/// Lowercase, ASCII letters and digits, words joined by `-`.
pub(super) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `text` with its first letter lowercased, unless the first word is an acronym or a name
/// that keeps its capitals ("PRD", "GTM one-pager", "NPS").
pub(super) fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    let acronym = first_word.chars().filter(|c| c.is_uppercase()).count() > 1;
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !acronym => c.to_lowercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

/// "." when `text` does not already end a sentence, else "".
pub(super) fn sentence_end(text: &str) -> &'static str {
    if text.trim_end().ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    }
}

/// Appends `sentence` to `text` as the next sentence: a period first when `text` does not end
/// one, then a space.
pub(super) fn push_sentence(text: &mut String, sentence: &str) {
    text.push_str(sentence_end(text));
    text.push(' ');
    text.push_str(sentence);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(slug("GTM one-pager"), "gtm-one-pager");
        assert_eq!(
            slug("Prioritization framework or ranked backlog"),
            "prioritization-framework-or-ranked-backlog"
        );
        assert!(mentions(
            "Make one battlecard: the top objections",
            "Battlecard"
        ));
        assert!(mentions(
            "Write one system design doc end to end",
            "System design doc"
        ));
        assert!(mentions(
            "a one-page brief for the GTM one-pager",
            "GTM one-pager"
        ));
        assert!(!mentions("FAQ edits before the launch", "Launch FAQ"));
        assert_eq!(
            first_sentence("Audit your last three major wins. For each, write one line."),
            "Audit your last three major wins"
        );
        assert_eq!(
            first_sentence("Work one GTM case end to end: audience, pain, promise."),
            "Work one GTM case end to end"
        );
        assert_eq!(
            first_sentence("Answer in writing: what would you cut?"),
            "Answer in writing: what would you cut?"
        );
        assert_eq!(
            lower_first("Problem scoping: show why"),
            "problem scoping: show why"
        );
        assert_eq!(lower_first("PRD"), "PRD");
        let long = "Rewrite every awareness, buzz or reach goal in your stories as a behavior target with a number, a segment and a deadline.";
        assert_eq!(
            title_of(long),
            "Rewrite every awareness, buzz or reach goal in your stories as a behavior…"
        );
        assert_eq!(title_of("Make one battlecard."), "Make one battlecard");
        assert_eq!(lower_first("GTM one-pager"), "GTM one-pager");
    }

    #[test]
    fn sentences_join_with_one_period() {
        let mut text = "Write a story for Ownership".to_owned();
        push_sentence(&mut text, "A PM proves it with a decision.");
        push_sentence(&mut text, "Avoid: blame?");
        push_sentence(&mut text, "Done");
        assert_eq!(
            text,
            "Write a story for Ownership. A PM proves it with a decision. Avoid: blame? Done"
        );
    }
}
