//! Query parameters: read leniently, checked against the catalog, written back into links.

use debrief_pack::{Catalog, DIFFICULTIES, QuestionQuery, Role};
use serde::Deserialize;

/// Query parameters as sent. Kept as pairs rather than a struct so a repeated or unknown key
/// never turns into a framework error page: the first non-empty value of a key wins.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// The first non-empty value of `key`, trimmed.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .find(|v| !v.is_empty())
    }

    /// The first value of `key` exactly as sent, untrimmed (answer text, whose byte offsets
    /// must index what was sent).
    pub(crate) fn raw(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `key`, trimmed, the empty ones left out (repeated checkboxes).
    pub(crate) fn all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Parameters as if sent as `pairs` (for tests of handlers' parsing).
    #[cfg(test)]
    pub(crate) fn from_pairs(pairs: &[(&str, &str)]) -> Params {
        Params(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    /// Whether `key` was sent at all, even empty.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }
}

/// A page number as a query sent it (`page=`, or another key of a list's own).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum PageParam {
    /// Not sent: the first page.
    #[default]
    Absent,
    /// A page number from 1. Digits too many to hold read as the largest number, a page past
    /// any end, which shows the last page.
    Number(u64),
    /// Anything else (`0`, `-1`, `abc`): the first page, and the pager says why.
    Invalid,
}

impl PageParam {
    /// The page number under `key`. Never an error page: a mangled number is not worth one.
    pub(crate) fn read(params: &Params, key: &str) -> PageParam {
        let Some(value) = params.get(key) else {
            return PageParam::Absent;
        };
        if !value.bytes().all(|b| b.is_ascii_digit()) {
            return PageParam::Invalid;
        }
        // Only digits, so the one way to fail is a number too large for a u64.
        match value.parse::<u64>() {
            Ok(0) => PageParam::Invalid,
            Ok(n) => PageParam::Number(n),
            Err(_) => PageParam::Number(u64::MAX),
        }
    }

    /// The page to read: the number sent, else the first.
    pub(crate) fn number(self) -> u64 {
        match self {
            PageParam::Number(n) => n,
            PageParam::Absent | PageParam::Invalid => 1,
        }
    }
}

/// A page number as a link writes it: left out (empty) for the first page, so the first
/// page's address is the list's own.
pub(crate) fn page_value(page: u64) -> String {
    if page > 1 {
        page.to_string()
    } else {
        String::new()
    }
}

/// Percent-encodes a query value (application/x-www-form-urlencoded).
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `path?k=v&...` with the empty values left out.
pub(crate) fn href(path: &str, pairs: &[(&str, &str)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The canonical address of a loop page (a role's own loop).
pub(crate) fn loop_href(company: &str, role: &str, level: Option<&str>) -> String {
    track_loop_href(company, role, None, level)
}

/// The canonical address of the loop of a track within a role (`None`: the role's own loop).
pub(crate) fn track_loop_href(
    company: &str,
    role: &str,
    track: Option<&str>,
    level: Option<&str>,
) -> String {
    href(
        &format!("/loops/{}/{}", encode(company), encode(role)),
        &[
            ("track", track.unwrap_or("")),
            ("level", level.unwrap_or("")),
        ],
    )
}

/// The question bank's filters as the user gave them, kept verbatim so the form can show them
/// again; [`QuestionFilters::resolve`] checks them.
#[derive(Debug, Clone, Default)]
pub(crate) struct QuestionFilters {
    /// Role id.
    pub role: String,
    /// Round kind id.
    pub round: String,
    /// Company id.
    pub company: String,
    /// Principle id.
    pub lp: String,
    /// Difficulty id.
    pub difficulty: String,
    /// Search text.
    pub q: String,
    /// The page of results asked for.
    pub page: PageParam,
}

impl QuestionFilters {
    pub(crate) fn from_params(params: &Params) -> QuestionFilters {
        let get = |k: &str| params.get(k).unwrap_or_default().to_owned();
        let lower = |k: &str| get(k).to_ascii_lowercase();
        QuestionFilters {
            role: lower("role"),
            round: lower("round"),
            company: lower("company"),
            lp: lower("lp"),
            difficulty: lower("difficulty"),
            q: get("q"),
            page: PageParam::read(params, "page"),
        }
    }

    /// The core query, or every filter that names something the pack does not have.
    pub(crate) fn resolve(&self, catalog: &Catalog) -> Result<QuestionQuery, Vec<String>> {
        let mut errors = Vec::new();
        let mut query = QuestionQuery::default();
        let nonempty = |s: &String| (!s.is_empty()).then(|| s.clone());
        if !self.role.is_empty() {
            match catalog.role(&self.role) {
                Ok((role, _)) => query.role = Some(role),
                Err(e) => errors.push(e.to_string()),
            }
        }
        if !self.round.is_empty() {
            match catalog.round_kind(&self.round) {
                Ok(kind) => query.round = Some(kind.id.clone()),
                Err(e) => errors.push(e.to_string()),
            }
        }
        if !self.company.is_empty() {
            match catalog.company(&self.company) {
                Ok(company) => query.company = Some(company.id.clone()),
                Err(e) => errors.push(e.to_string()),
            }
        }
        if !self.lp.is_empty() {
            match catalog.principle(&self.lp) {
                Ok(p) => query.principle = Some(p.id.clone()),
                Err(e) => errors.push(e.to_string()),
            }
        }
        if !self.difficulty.is_empty() {
            // The core has no lookup for difficulty; it is a fixed list.
            if DIFFICULTIES.contains(&self.difficulty.as_str()) {
                query.difficulty = Some(self.difficulty.clone());
            } else {
                errors.push(format!(
                    "unknown difficulty `{}`; valid difficulties: {}",
                    self.difficulty,
                    DIFFICULTIES.join(", ")
                ));
            }
        }
        query.search = nonempty(&self.q);
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// Whether any filter or search is set.
    pub(crate) fn any(&self) -> bool {
        [
            &self.role,
            &self.round,
            &self.company,
            &self.lp,
            &self.difficulty,
            &self.q,
        ]
        .iter()
        .any(|v| !v.is_empty())
    }

    /// The address of these filters at `page`.
    pub(crate) fn href(&self, page: u64) -> String {
        let page = page_value(page);
        href(
            "/questions",
            &[
                ("q", &self.q),
                ("role", &self.role),
                ("company", &self.company),
                ("round", &self.round),
                ("lp", &self.lp),
                ("difficulty", &self.difficulty),
                ("page", &page),
            ],
        )
    }
}

/// Role label for a role id from the pack ("PM"), or the id itself.
pub(crate) fn role_label(id: &str) -> &str {
    match Role::parse(id) {
        Some(role) => role.label(),
        None => id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_keeps_ids_and_escapes_the_rest() {
        assert_eq!(encode("dive-deep"), "dive-deep");
        assert_eq!(encode("a b&c=<d>"), "a+b%26c%3D%3Cd%3E");
        assert_eq!(encode("é"), "%C3%A9");
    }

    #[test]
    fn hrefs_leave_out_empty_values() {
        assert_eq!(
            href("/questions", &[("q", ""), ("lp", "ownership")]),
            "/questions?lp=ownership"
        );
        assert_eq!(href("/questions", &[("q", "")]), "/questions");
        assert_eq!(
            loop_href("amazon", "pmm", Some("l5")),
            "/loops/amazon/pmm?level=l5"
        );
    }

    #[test]
    fn page_numbers_read_leniently() {
        let read = |v: &str| PageParam::read(&Params(vec![("page".into(), v.into())]), "page");
        assert_eq!(read("3"), PageParam::Number(3));
        assert_eq!(read(" 12 "), PageParam::Number(12));
        assert_eq!(read(""), PageParam::Absent);
        assert_eq!(read("99999999999999999999"), PageParam::Number(u64::MAX));
        for bad in ["0", "000", "-1", "abc", "2.5", "+3", "1e3", "٣"] {
            assert_eq!(read(bad), PageParam::Invalid, "{bad}");
            assert_eq!(read(bad).number(), 1);
        }
        assert_eq!(PageParam::Absent.number(), 1);
        assert_eq!(
            (page_value(1), page_value(4)),
            (String::new(), "4".to_owned())
        );
    }

    #[test]
    fn the_first_nonempty_value_wins() {
        let p = Params(vec![
            ("role".into(), " ".into()),
            ("role".into(), "pmm".into()),
            ("role".into(), "pm".into()),
        ]);
        assert_eq!(p.get("role"), Some("pmm"));
        assert_eq!(p.get("company"), None);
    }
}
