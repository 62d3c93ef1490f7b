use super::*;

const HEADER: [&str; 9] = [
    "title",
    "situation",
    "task",
    "action",
    "result",
    "metrics",
    "tags",
    "lps",
    "role",
];

pub(super) fn write(stories: &[Story]) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for story in stories {
        for name in TEXT_FIELDS {
            field(&mut out, text_field(story, name));
            out.push(',');
        }
        field(&mut out, &list(&story.tags));
        out.push(',');
        field(&mut out, &list(&story.lps));
        out.push(',');
        field(&mut out, story.role.map_or("", Role::id));
        out.push_str("\r\n");
    }
    out
}

/// One cell, double-quoted, with the `'` of [`FORMULA_START`] in front when it needs one.
fn field(out: &mut String, value: &str) {
    out.push('"');
    if value.starts_with(FORMULA_START) || marked(value) {
        out.push('\'');
    }
    out.push_str(&value.replace('"', "\"\""));
    out.push('"');
}

/// What makes a spreadsheet run a cell as a formula when it starts the cell.
///
/// A spreadsheet opening the export would run `=HYPERLINK(...)` or `@SUM(...)` typed into a
/// story (OWASP's "CSV injection"), so such a cell is written with a leading `'`, which
/// spreadsheets take as "this is text". For the round trip to stay exact the mark must be
/// unambiguous: a text that itself starts with `'` and then `'` or one of these gets the mark
/// too ([`marked`]), and import drops one leading `'` exactly when it is followed by `'` or one
/// of these. Any other text, `'plain` included, is written as it is.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell starts with the `'` the export adds: one followed by `'` or a formula start.
fn marked(value: &str) -> bool {
    value
        .strip_prefix('\'')
        .is_some_and(|rest| rest.starts_with('\'') || rest.starts_with(FORMULA_START))
}

fn list(items: &[String]) -> String {
    let escaped: Vec<String> = items
        .iter()
        .map(|item| {
            if item.is_empty() {
                "\\e".to_owned()
            } else {
                item.replace('\\', "\\\\").replace(';', "\\;")
            }
        })
        .collect();
    escaped.join(";")
}

/// One field as read: its value and where it starts in the input.
struct Field {
    value: String,
    at: usize,
    quoted: bool,
    /// Bytes dropped from the start of `value`: the `'` that neutralised a formula.
    dropped: usize,
}

impl Field {
    /// Drops the `'` the export puts before a formula start (see [`FORMULA_START`]).
    fn unmark(mut self) -> Field {
        if marked(&self.value) {
            self.value.remove(0);
            self.dropped = 1;
        }
        self
    }
}

/// Splits the input into records of fields, skipping blank lines.
fn records(text: &str) -> Result<Vec<(usize, Vec<Field>)>, ImportError> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut out = Vec::new();
    while pos < bytes.len() {
        if bytes[pos] == b'\n' {
            pos += 1;
            continue;
        }
        if bytes[pos..].starts_with(b"\r\n") {
            pos += 2;
            continue;
        }
        let start = pos;
        let mut fields = Vec::new();
        loop {
            let at = pos;
            let mut value = String::new();
            let quoted = bytes.get(pos) == Some(&b'"');
            if quoted {
                pos += 1;
                loop {
                    let Some(rel) = text[pos..].find('"') else {
                        return Err(error_at(
                            Format::Csv,
                            text,
                            at,
                            "this quoted field is never closed; expected a closing `\"` \
                             (a quote inside a field is written `\"\"`)",
                        ));
                    };
                    value.push_str(&text[pos..pos + rel]);
                    pos += rel + 1;
                    if bytes.get(pos) == Some(&b'"') {
                        value.push('"');
                        pos += 1;
                    } else {
                        break;
                    }
                }
                let ends = matches!(bytes.get(pos), None | Some(b',' | b'\n'))
                    || bytes[pos..].starts_with(b"\r\n");
                if !ends {
                    return Err(error_at(
                        Format::Csv,
                        text,
                        pos,
                        "expected `,` or the end of the line after a closing quote (a quote \
                         inside a field is written `\"\"`)",
                    ));
                }
            } else {
                let end = text[pos..]
                    .find([',', '\n'])
                    .map_or(text.len(), |rel| pos + rel);
                let mut raw = &text[pos..end];
                if bytes.get(end) == Some(&b'\n') {
                    raw = raw.strip_suffix('\r').unwrap_or(raw);
                }
                if let Some(q) = raw.find('"') {
                    return Err(error_at(
                        Format::Csv,
                        text,
                        pos + q,
                        "a quote inside an unquoted field; expected the whole field in \
                         quotes with the quote doubled (`\"a \"\"b\"\"\"`)",
                    ));
                }
                value.push_str(raw);
                pos = end;
            }
            fields.push(Field {
                value,
                at,
                quoted,
                dropped: 0,
            });
            match bytes.get(pos) {
                Some(b',') => pos += 1,
                Some(b'\r') => {
                    pos += 2;
                    break;
                }
                Some(b'\n') => {
                    pos += 1;
                    break;
                }
                _ => break,
            }
        }
        out.push((start, fields));
    }
    Ok(out)
}

pub(super) fn read(text: &str) -> Result<Vec<Story>, ImportError> {
    let records = records(text)?;
    let mut rows = records.into_iter();
    let Some((_, header)) = rows.next() else {
        return Err(ImportError {
            format: Format::Csv,
            line: 1,
            column: None,
            message: format!("expected the header row {}", HEADER.join(",")),
        });
    };
    let mut columns: Vec<Option<&str>> = Vec::new();
    for f in &header {
        let name = f.value.trim().to_ascii_lowercase();
        if let Some(known) = HEADER.iter().find(|h| **h == name) {
            if columns.contains(&Some(known)) {
                return Err(error_at(
                    Format::Csv,
                    text,
                    f.at,
                    format!("the `{name}` column appears twice in the header; keep one"),
                ));
            }
            columns.push(Some(known));
        } else if IGNORED_FIELDS.contains(&name.as_str()) {
            columns.push(None);
        } else {
            return Err(error_at(
                Format::Csv,
                text,
                f.at,
                format!(
                    "unknown column {} in the header row; expected {}",
                    found(&f.value),
                    HEADER.join(",")
                ),
            ));
        }
    }
    if !columns.contains(&Some("title")) {
        return Err(error_at(
            Format::Csv,
            text,
            0,
            format!(
                "expected a header row naming at least a `title` column: {}",
                HEADER.join(",")
            ),
        ));
    }
    let mut stories = Vec::new();
    for (start, fields) in rows {
        if fields.len() != columns.len() {
            return Err(error_at(
                Format::Csv,
                text,
                start,
                format!(
                    "expected {} fields as in the header row, found {}",
                    columns.len(),
                    fields.len()
                ),
            ));
        }
        let mut story = Story::default();
        for (column, f) in columns.iter().zip(fields) {
            let Some(name) = column else { continue };
            let f = f.unmark();
            if let Some(slot) = text_field_mut(&mut story, name) {
                *slot = f.value;
                continue;
            }
            match *name {
                "tags" => story.tags = items(text, &f)?,
                "lps" => story.lps = items(text, &f)?,
                _ => {
                    let given = f.value.trim();
                    if !given.is_empty() {
                        story.role = Some(Role::parse(given).ok_or_else(|| {
                            error_at(
                                Format::Csv,
                                text,
                                f.at,
                                format!(
                                    "unknown role {}; expected pm, pmm or an empty field",
                                    found(given)
                                ),
                            )
                        })?);
                    }
                }
            }
        }
        stories.push(story);
    }
    Ok(stories)
}

/// Where character `index` (a byte offset) of a field's value sits in the input.
fn source_offset(text: &str, f: &Field, index: usize) -> usize {
    let mut pos = f.at + usize::from(f.quoted) + f.dropped;
    let mut seen = 0;
    let bytes = text.as_bytes();
    while seen < index && pos < bytes.len() {
        if f.quoted && bytes[pos] == b'"' {
            // A doubled quote is one character of the value.
            pos += 2;
            seen += 1;
        } else {
            let width = text[pos..].chars().next().map_or(1, char::len_utf8);
            pos += width;
            seen += width;
        }
    }
    pos
}

/// Splits a `;`-joined list field into its items.
fn items(text: &str, f: &Field) -> Result<Vec<String>, ImportError> {
    let mut out = Vec::new();
    if f.value.is_empty() {
        return Ok(out);
    }
    let mut item = String::new();
    let mut chars = f.value.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            ';' => out.push(std::mem::take(&mut item)),
            '\\' => match chars.next() {
                Some((_, '\\')) => item.push('\\'),
                Some((_, ';')) => item.push(';'),
                Some((_, 'e')) => {}
                _ => {
                    return Err(error_at(
                        Format::Csv,
                        text,
                        source_offset(text, f, at),
                        "unknown escape in a list; expected \\\\ (a backslash), \\; (a \
                         semicolon) or \\e (an empty item)",
                    ));
                }
            },
            c => item.push(c),
        }
    }
    out.push(item);
    Ok(out)
}
