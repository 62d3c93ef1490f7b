//! A person's text inside Markdown, rendered as that text and nothing else.
//!
//! Every Markdown export (the mock debrief, the story bank) writes user text through
//! [`push_escaped`], so no title, tag or answer can open raw HTML, a link, an image, emphasis, a
//! code span, a table cell or math in a CommonMark or GitHub viewer. Only backslash escapes are
//! used, which CommonMark defines for every ASCII punctuation character, so [`unescape`] gives
//! back the exact text: what the story bank import relies on.

/// Appends `text` to `out`, backslash-escaping every character a CommonMark or GitHub viewer
/// could read as inline syntax. Line breaks and other control characters pass through: callers
/// decide what a line break means where they write. What only matters at the start of a line
/// (list markers, `>` aside) is the caller's too.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    for (at, c) in text.char_indices() {
        if needs_escape(text, at, c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// [`push_escaped`] into a new string.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    out
}

/// Whether `c`, at byte `at` of `text`, needs a backslash.
fn needs_escape(text: &str, at: usize, c: char) -> bool {
    match c {
        // Parentheses and `!` only act after `]`, which is escaped; `$` opens math on GitHub.
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '$' => true,
        // GitHub links bare addresses it spots by `://` or a `www.` prefix; an escape splits
        // the pattern without changing the text shown. The `@` escape stops @mentions where
        // the text is pasted into GitHub and email links in viewers like markdown-it (GitHub
        // links a typed email address, as `mailto:`, whatever the escapes).
        ':' => text[at..].starts_with("://"),
        '.' => {
            at >= 3
                && text
                    .as_bytes()
                    .get(at - 3..at)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"www"))
        }
        '@' => true,
        _ => false,
    }
}

/// Reads backslash escapes the way CommonMark does: a backslash before ASCII punctuation
/// stands for that character; any other backslash is itself. The inverse of [`escape`].
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.next_if(|n| c == '\\' && n.is_ascii_punctuation()) {
            Some(escaped) => out.push(escaped),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_inline_markup_and_bare_links() {
        assert_eq!(
            escape("<b> [x](y) ![i](j) *e* _f_ ~g~ `h` | # & $m$ \\"),
            "\\<b\\> \\[x\\](y) !\\[i\\](j) \\*e\\* \\_f\\_ \\~g\\~ \\`h\\` \\| \\# \\& \\$m\\$ \\\\"
        );
        assert_eq!(
            escape("https://a.example, WWW.b.example, c@d.example, Q3: up"),
            "https\\://a.example, WWW\\.b.example, c\\@d.example, Q3: up"
        );
        assert_eq!(escape("ww.x w.x .x"), "ww.x w.x .x");
    }

    #[test]
    fn unescape_undoes_escape_and_keeps_other_backslashes() {
        for text in [
            "",
            "plain",
            "a\\b \\n \\",
            "\\<x\\>",
            "www.x https://y @",
            "é\\😀",
        ] {
            assert_eq!(unescape(&escape(text)), text);
        }
        assert_eq!(unescape("C:\\new \\\\ \\* \\"), "C:\\new \\ * \\");
    }
}
