use super::*;
use crate::markdown_text;

const SECTIONS: [(&str, &str); 6] = [
    ("Title", "title"),
    ("Situation", "situation"),
    ("Task", "task"),
    ("Action", "action"),
    ("Result", "result"),
    ("Metrics", "metrics"),
];

pub(super) fn write(stories: &[Story]) -> String {
    let mut out = String::from(
        "# Story bank\n\nExported by debrief. Each story is a `##` heading; its parts are \
         fenced blocks holding the text exactly as written.\n",
    );
    for story in stories {
        let plain = heading_safe(&story.title);
        out.push_str("\n## ");
        // Escaped, so the heading shows the title as typed and cannot carry HTML or a link.
        if plain {
            markdown_text::push_escaped(&mut out, &story.title);
        } else {
            markdown_text::push_escaped(&mut out, &display_title(&story.title));
        }
        out.push_str("\n\n");
        let mut listed = false;
        if let Some(role) = story.role {
            let _ = writeln!(out, "- Role: {}", role.label());
            listed = true;
        }
        for (label, list) in [("Principles", &story.lps), ("Tags", &story.tags)] {
            if list.is_empty() {
                continue;
            }
            let _ = write!(out, "- {label}: ");
            for (i, item) in list.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                quote(&mut out, item);
            }
            out.push('\n');
            listed = true;
        }
        if listed {
            out.push('\n');
        }
        for (label, field) in SECTIONS {
            let body = text_field(story, field);
            let wanted = if field == "title" {
                !plain
            } else {
                !body.is_empty()
            };
            if wanted {
                let fence = "`".repeat(longest_backtick_run(body).max(2) + 1);
                let _ = write!(out, "### {label}\n\n{fence}text\n{body}\n{fence}\n\n");
            }
        }
    }
    out
}

/// Whether a title, escaped, can be the rest of a heading line and read back exactly: one line
/// with no white space at either end (a heading drops it). A trailing `#` is fine: escaped,
/// it is not a closing sequence.
fn heading_safe(title: &str) -> bool {
    !title.is_empty()
        && !title.chars().any(char::is_control)
        && !title.starts_with(char::is_whitespace)
        && !title.ends_with(char::is_whitespace)
}

/// A readable stand-in for a title that is not heading-safe.
fn display_title(title: &str) -> String {
    let words: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "(untitled)".to_owned()
    } else {
        words.join(" ")
    }
}

fn longest_backtick_run(text: &str) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// A list item in double quotes: Markdown-escaped like a heading (so a viewer shows the text),
/// then `"`, line breaks and other control characters escaped so the item stays on its line.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    // The Markdown escapes already double every backslash, so each one left starts an escape.
    for c in markdown_text::escape(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A line without the `\r` of a CRLF ending.
fn strip_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

fn is_story_heading(line: &str) -> bool {
    let line = strip_cr(line);
    line == "##" || line.starts_with("## ")
}

fn error(line: usize, column: Option<usize>, message: impl Into<String>) -> ImportError {
    ImportError {
        format: Format::Markdown,
        line: line + 1,
        column,
        message: message.into(),
    }
}

pub(super) fn read(text: &str) -> Result<Vec<Story>, ImportError> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut i = lines
        .iter()
        .position(|l| is_story_heading(l))
        .unwrap_or(lines.len());
    let mut stories = Vec::new();
    while i < lines.len() {
        let heading = strip_cr(lines[i]);
        let mut story = Story {
            title: markdown_text::unescape(heading.strip_prefix("## ").unwrap_or_default()),
            ..Story::default()
        };
        let mut seen: BTreeSet<String> = BTreeSet::new();
        i += 1;
        while i < lines.len() && !is_story_heading(lines[i]) {
            let line = strip_cr(lines[i]);
            if line.trim().is_empty() {
                i += 1;
            } else if let Some(name) = line.strip_prefix("### ") {
                i = section(&lines, i, name, &mut story, &mut seen)?;
            } else if let Some(item) = line.strip_prefix("- ") {
                list_line(i, line, item, &mut story, &mut seen)?;
                i += 1;
            } else {
                return Err(error(
                    i,
                    None,
                    format!(
                        "expected a `- Role:`, `- Principles:` or `- Tags:` line, a `### ` \
                         section (Title, Situation, Task, Action, Result, Metrics) or the \
                         next story's `## ` heading, found {}",
                        found(line)
                    ),
                ));
            }
        }
        stories.push(story);
    }
    Ok(stories)
}

/// Reads the section whose `### ` heading is line `i`; returns the line after its block.
fn section(
    lines: &[&str],
    i: usize,
    name: &str,
    story: &mut Story,
    seen: &mut BTreeSet<String>,
) -> Result<usize, ImportError> {
    let name = name.trim();
    let Some(&(label, field)) = SECTIONS.iter().find(|(l, _)| l.eq_ignore_ascii_case(name)) else {
        return Err(error(
            i,
            None,
            format!(
                "unknown section {}; expected Title, Situation, Task, Action, Result or \
                 Metrics",
                found(name)
            ),
        ));
    };
    if !seen.insert(field.to_owned()) {
        return Err(error(
            i,
            None,
            format!("a second `### {label}` section in one story; keep one"),
        ));
    }
    let mut open = i + 1;
    while open < lines.len() && lines[open].trim().is_empty() {
        open += 1;
    }
    let opening = lines.get(open).map_or("", |l| strip_cr(l));
    let ticks = opening.len() - opening.trim_start_matches('`').len();
    if ticks < 3 || opening[ticks..].contains('`') {
        let what = if open >= lines.len() {
            "the end of the file".to_owned()
        } else {
            found(opening)
        };
        return Err(error(
            open.min(lines.len().saturating_sub(1)),
            None,
            format!(
                "expected a fenced block (a line of three or more backticks) holding the \
                 {field} text after `### {label}`, found {what}"
            ),
        ));
    }
    let fence = &opening[..ticks];
    let Some(close) = (open + 1..lines.len()).find(|&j| strip_cr(lines[j]).trim_end() == fence)
    else {
        return Err(error(
            open,
            None,
            format!(
                "the {field} block opened here is never closed; expected a line of exactly \
                 {ticks} backticks"
            ),
        ));
    };
    let body = lines[open + 1..close].join("\n");
    if let Some(slot) = text_field_mut(story, field) {
        *slot = body;
    }
    Ok(close + 1)
}

/// Reads a `- Role:`, `- Principles:` or `- Tags:` line (`item` is after the dash).
fn list_line(
    i: usize,
    line: &str,
    item: &str,
    story: &mut Story,
    seen: &mut BTreeSet<String>,
) -> Result<(), ImportError> {
    let expected = "expected `- Role: PM`, `- Role: PMM`, `- Principles: \"...\"` or \
                    `- Tags: \"...\"`";
    let Some((label, value)) = item.split_once(':') else {
        return Err(error(i, None, format!("{expected}, found {}", found(line))));
    };
    let label = label.trim().to_ascii_lowercase();
    if !matches!(label.as_str(), "role" | "principles" | "tags") {
        return Err(error(
            i,
            Some(3),
            format!("{expected}, found a `{}` line", label),
        ));
    }
    if !seen.insert(label.clone()) {
        return Err(error(
            i,
            None,
            format!("a second `- {label}:` line in one story; keep one"),
        ));
    }
    let value_at = line.len() - value.len();
    match label.as_str() {
        "role" => {
            let given = value.trim();
            story.role = Role::parse(given).map(Some).ok_or_else(|| {
                error(
                    i,
                    Some(line[..value_at].chars().count() + 2),
                    format!("unknown role {}; expected PM or PMM", found(given)),
                )
            })?;
        }
        "principles" => story.lps = quoted_list(i, line, value_at)?,
        _ => story.tags = quoted_list(i, line, value_at)?,
    }
    Ok(())
}

/// Reads `"a", "b"` from byte `from` of `line` to its end.
fn quoted_list(i: usize, line: &str, from: usize) -> Result<Vec<String>, ImportError> {
    let column = |at: usize| Some(line[..at].chars().count() + 1);
    let mut out = Vec::new();
    let mut chars = line[from..]
        .char_indices()
        .map(|(o, c)| (o + from, c))
        .peekable();
    let skip_ws = |chars: &mut std::iter::Peekable<_>| {
        while chars
            .next_if(|&(_, c): &(usize, char)| c == ' ' || c == '\t')
            .is_some()
        {}
    };
    skip_ws(&mut chars);
    if chars.peek().is_none() {
        return Ok(out);
    }
    loop {
        skip_ws(&mut chars);
        match chars.next() {
            Some((_, '"')) => {}
            Some((at, c)) => {
                return Err(error(
                    i,
                    column(at),
                    format!("expected `\"` opening a quoted item, found {c:?}"),
                ));
            }
            None => {
                return Err(error(
                    i,
                    column(line.len()),
                    "expected `\"` opening a quoted item after `,`, found the end of the line",
                ));
            }
        }
        let mut item = String::new();
        loop {
            match chars.next() {
                None => {
                    return Err(error(
                        i,
                        column(line.len()),
                        "expected `\"` closing the quoted item, found the end of the line",
                    ));
                }
                Some((_, '"')) => break,
                Some((at, '\\')) => match chars.next() {
                    // `\\`, `\"` and the Markdown escapes (`\<`, `\[`, ...), as a viewer reads them.
                    Some((_, c)) if c.is_ascii_punctuation() => item.push(c),
                    Some((_, 'n')) => item.push('\n'),
                    Some((_, 'r')) => item.push('\r'),
                    Some((_, 't')) => item.push('\t'),
                    Some((_, 'u')) => {
                        let mut hex = String::new();
                        let ok = chars.next().is_some_and(|(_, c)| c == '{') && {
                            loop {
                                match chars.next() {
                                    Some((_, '}')) => break true,
                                    Some((_, c)) if c.is_ascii_hexdigit() && hex.len() < 6 => {
                                        hex.push(c)
                                    }
                                    _ => break false,
                                }
                            }
                        };
                        let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                        match c {
                            Some(c) if ok => item.push(c),
                            _ => {
                                return Err(error(
                                    i,
                                    column(at),
                                    "expected \\u{hex} with one to six hex digits naming a \
                                     character",
                                ));
                            }
                        }
                    }
                    _ => {
                        return Err(error(
                            i,
                            column(at),
                            "unknown escape; expected a backslash before punctuation (\\\\, \\\", \
                             \\<, ...), \\n, \\r, \\t or \\u{hex}",
                        ));
                    }
                },
                Some((_, c)) => item.push(c),
            }
        }
        out.push(item);
        skip_ws(&mut chars);
        match chars.next() {
            None => return Ok(out),
            Some((_, ',')) => {}
            Some((at, c)) => {
                return Err(error(
                    i,
                    column(at),
                    format!("expected `,` or the end of the line after an item, found {c:?}"),
                ));
            }
        }
    }
}
