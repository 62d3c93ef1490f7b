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

    /// Whether `key` was sent at all, even empty.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
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

/// The canonical address of a loop page.
pub(crate) fn loop_href(company: &str, role: &str, level: Option<&str>) -> String {
    href(
        &format!("/loops/{}/{}", encode(company), encode(role)),
        &[("level", level.unwrap_or(""))],
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
    /// 1-based page of results.
    pub page: usize,
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
            // A mangled page number is not worth an error page: fall back to the first.
            page: params
                .get("page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1)
                .max(1),
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
    pub(crate) fn href(&self, page: usize) -> String {
        let page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
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
