//! Validation of guides: every company, role, loop and question a guide names exists (and
//! fits the guide's companies and roles), every section has prose, every citation names one of
//! the guide's sources, every source is cited and can be opened (or is a loop whose page cites
//! its figures), and every date is a date.

use std::collections::BTreeSet;

use super::{Validator, is_as_of};
use crate::guides::{Guide, citations};
use crate::model::{Origin, Role};

impl Validator<'_> {
    /// `[[guide]]` with its `[[guide.section]]` and `[[guide.source]]` tables.
    pub(super) fn guides(&mut self) {
        let pack = self.pack;
        let companies = self.companies.clone();
        let loops: BTreeSet<&str> = pack.loops.iter().map(|l| l.id.as_str()).collect();
        for g in &pack.guides {
            let o = &g.origin;
            self.id(o, "id", &g.id);
            self.text(o, "title", &g.title);
            self.text(o, "summary", &g.summary);
            self.date(o, "as_of", Some(&g.as_of), true);
            for (i, c) in g.companies.iter().enumerate() {
                self.known(o, &format!("companies[{i}]"), "company", c, &companies);
            }
            if g.roles.is_empty() {
                self.push(o, "roles", "is empty or missing; name pm, pmm or both");
            }
            for (i, r) in g.roles.iter().enumerate() {
                self.role(o, &format!("roles[{i}]"), r);
            }
            for (i, id) in g.loops.iter().enumerate() {
                self.guide_loop(g, &format!("loops[{i}]"), id, &loops);
            }
            for (i, id) in g.questions.iter().enumerate() {
                self.guide_question(g, &format!("questions[{i}]"), id);
            }
            self.guide_prose(g);
            self.guide_sources(g, &loops);
        }
    }

    /// A loop the guide walks through: known, and of the guide's companies and roles.
    fn guide_loop(&mut self, g: &Guide, field: &str, id: &str, loops: &BTreeSet<&str>) {
        let o = &g.origin;
        let Some(lp) = self.pack.loops.iter().find(|l| l.id == id) else {
            self.known(o, field, "loop", id, loops);
            return;
        };
        if !g.companies.is_empty() && !g.companies.contains(&lp.company) {
            let message = format!(
                "loop `{id}` is {}'s, but the guide is about {}; add `{}` to companies or \
                 name another loop",
                lp.company,
                g.companies.join(", "),
                lp.company
            );
            self.push(o, field, message);
        }
        if !g.roles.contains(&lp.role) {
            let message = format!(
                "loop `{id}` is for role `{}`, which the guide's roles ({}) leave out",
                lp.role,
                g.roles.join(", ")
            );
            self.push(o, field, message);
        }
    }

    /// A question to practise: in the bank, asked of one of the guide's roles, and of one of
    /// its companies when the question is company-specific.
    fn guide_question(&mut self, g: &Guide, field: &str, id: &str) {
        let o = &g.origin;
        let Some(q) = self.pack.questions.iter().find(|q| q.id == id) else {
            let ids: Vec<&str> = self.pack.questions.iter().map(|q| q.id.as_str()).collect();
            // The bank is too long to list: a near miss, and where to look.
            let hint = debrief_text::nearest(id, &ids)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            let message =
                format!("unknown question `{id}`{hint}; `debrief questions` lists the bank's");
            self.push(o, field, message);
            return;
        };
        let roles: Vec<Role> = g.roles.iter().filter_map(|r| Role::parse(r)).collect();
        if !roles.is_empty() && !roles.iter().any(|r| q.asks(*r)) {
            let message = format!(
                "question `{id}` is asked of {}, none of the guide's roles ({})",
                q.roles.join(", "),
                g.roles.join(", ")
            );
            self.push(o, field, message);
        }
        if let Some(c) = &q.company
            && !g.companies.is_empty()
            && !g.companies.contains(c)
        {
            let message = format!(
                "question `{id}` is {c}'s, but the guide is about {}",
                g.companies.join(", ")
            );
            self.push(o, field, message);
        }
    }

    /// Sections: a heading and prose each, and citations of sources the guide lists.
    fn guide_prose(&mut self, g: &Guide) {
        if g.sections.is_empty() {
            let message = "a guide needs at least one [[guide.section]]";
            self.push(&g.origin, "section", message);
        }
        let sources = g.sources.len();
        for s in &g.sections {
            let o = &s.origin;
            self.text(o, "heading", &s.heading);
            self.texts(o, "paragraphs", &s.paragraphs);
            let lists = [("paragraphs", &s.paragraphs), ("points", &s.points)];
            for (name, list) in lists {
                for (i, text) in list.iter().enumerate() {
                    let field = format!("{name}[{i}]");
                    if name == "points" && text.trim().is_empty() {
                        self.push(o, &field, "is an empty string");
                    }
                    for n in citations(text).filter(|n| *n > sources) {
                        let message = format!(
                            "cites [{n}], but the guide lists {sources} source{}; add a \
                             [[guide.source]] or fix the number",
                            if sources == 1 { "" } else { "s" }
                        );
                        self.push(o, &field, message);
                    }
                }
            }
        }
    }

    /// Sources: a title, then either an address that opens with its date or a loop; each one
    /// cited somewhere, so the list holds only what the prose rests on.
    fn guide_sources(&mut self, g: &Guide, loops: &BTreeSet<&str>) {
        if g.sources.is_empty() {
            let message = "a guide needs at least one [[guide.source]] for the facts it states";
            self.push(&g.origin, "source", message);
        }
        let cited: BTreeSet<usize> = g.texts().flat_map(citations).collect();
        for (i, s) in g.sources.iter().enumerate() {
            let o = &s.origin;
            self.text(o, "title", &s.title);
            self.date(o, "published", s.published.as_deref(), false);
            self.date(o, "accessed", s.accessed.as_deref(), false);
            match (&s.loop_id, s.url.trim().is_empty()) {
                (Some(id), true) => self.known(o, "loop", "loop", id, loops),
                (Some(_), false) => self.push(
                    o,
                    "url",
                    "give either `url` (a page) or `loop` (a loop page's cited figures), not both",
                ),
                (None, _) => {
                    let opens = ["https://", "http://"].iter().any(|scheme| {
                        s.url.strip_prefix(scheme).is_some_and(|rest| {
                            rest.contains('.') && !rest.contains(char::is_whitespace)
                        })
                    });
                    if !opens {
                        let message = format!(
                            "`{}` is not an address a reader can open; give the page's \
                             https:// URL, or `loop` for facts a loop page already cites",
                            s.url
                        );
                        self.push(o, "url", message);
                    }
                    if s.published.is_none() && s.accessed.is_none() {
                        let message = "give `published` (the page's date) or, for an undated \
                                       page, `accessed` (when it was opened)";
                        self.push(o, "published", message);
                    }
                }
            }
            let n = i + 1;
            if !cited.contains(&n) {
                let message = format!(
                    "source {n} is cited nowhere; cite it as [{n}] where the guide uses it, or \
                     remove it"
                );
                self.push(o, "title", message);
            }
        }
    }

    /// A date field: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-QN`; `required` when it must be
    /// given.
    fn date(&mut self, origin: &Origin, field: &str, value: Option<&str>, required: bool) {
        match value.map(str::trim) {
            None | Some("") if required => {
                let message = "is empty or missing; give the date the guide was last checked";
                self.push(origin, field, message);
            }
            Some("") => {
                let message = "is empty; give a date or leave the field out";
                self.push(origin, field, message);
            }
            Some(d) if !is_as_of(d) => {
                let message =
                    format!("`{d}` is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-QN");
                self.push(origin, field, message);
            }
            _ => {}
        }
    }
}
