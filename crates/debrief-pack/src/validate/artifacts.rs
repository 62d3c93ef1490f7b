//! Validation of artifact kinds, the artifact checker's checks and the example documents.

use std::collections::BTreeSet;

use super::{Validator, unknown};
use crate::artifact::{
    ARTIFACT_CHECKS, ARTIFACT_SEVERITIES, ArtifactKind, DOCUMENT_CHECKS, heading_key,
};
use crate::examples::EXAMPLE_LABELS;
use crate::grading::CATEGORIES;

impl Validator<'_> {
    /// Kinds with sections in order, budgets that make sense, known checks and prompts; every
    /// check worded; examples of known kinds and prompts.
    pub(super) fn artifacts(&mut self) {
        let pack = self.pack;
        for kind in &pack.artifacts {
            self.artifact_kind(kind);
        }
        self.question_artifacts();
        let worded: BTreeSet<&str> = pack.artifact_checks.iter().map(|c| c.id.as_str()).collect();
        for c in &pack.artifact_checks {
            let o = &c.origin;
            if !ARTIFACT_CHECKS.contains(&c.id.as_str()) {
                self.push(o, "id", unknown("artifact check", &c.id, ARTIFACT_CHECKS));
            }
            self.text(o, "name", &c.name);
            self.text(o, "message", &c.message);
            self.text(o, "why", &c.why);
            self.text(o, "fix", &c.fix);
            if !ARTIFACT_SEVERITIES.contains(&c.severity.as_str()) {
                self.push(
                    o,
                    "severity",
                    unknown("severity", &c.severity, ARTIFACT_SEVERITIES),
                );
            }
            if !CATEGORIES.contains(&c.category.as_str()) {
                self.push(
                    o,
                    "category",
                    unknown("finding category", &c.category, CATEGORIES),
                );
            }
            if !(0.0..=4.0).contains(&c.penalty) {
                self.push(o, "penalty", "must be between 0 and 4 section points");
            }
            if !(0.0..=4.0).contains(&c.document_penalty) {
                self.push(
                    o,
                    "document_penalty",
                    "must be between 0 and 4 section points",
                );
            }
            for (i, p) in c.phrases.iter().chain(&c.answers).enumerate() {
                if p.trim().is_empty() || p.trim() != p || p.to_lowercase() != *p {
                    self.push(
                        o,
                        format!("phrases[{i}]"),
                        format!("`{p}` must be lowercase words with no spaces around them"),
                    );
                }
            }
        }
        if !pack.artifacts.is_empty() {
            for id in ARTIFACT_CHECKS {
                if !worded.contains(id) {
                    let o = &pack.artifacts[0].origin;
                    self.push(
                        o,
                        "section",
                        format!(
                            "the checker's `{id}` check has no [[artifact_check]] entry; every \
                             check needs its wording"
                        ),
                    );
                }
            }
        }
        for e in &pack.artifact_examples {
            let o = &e.origin;
            self.id(o, "id", &e.id);
            self.text(o, "text", &e.text);
            if !EXAMPLE_LABELS.contains(&e.label.as_str()) {
                self.push(
                    o,
                    "label",
                    unknown("example label", &e.label, EXAMPLE_LABELS),
                );
            }
            let Some(kind) = pack.artifacts.iter().find(|k| k.id == e.kind) else {
                let kinds: Vec<&str> = pack.artifacts.iter().map(|k| k.id.as_str()).collect();
                self.push(o, "kind", unknown("artifact kind", &e.kind, kinds));
                continue;
            };
            if !kind.prompts.iter().any(|p| p.id == e.prompt) {
                let ids: Vec<&str> = kind.prompts.iter().map(|p| p.id.as_str()).collect();
                self.push(o, "prompt", unknown("prompt of this kind", &e.prompt, ids));
            }
            if e.notes.is_empty() {
                self.push(
                    o,
                    "note",
                    "is empty or missing; say what makes each part strong or weak",
                );
            }
            let sections: BTreeSet<&str> = kind.sections.iter().map(|s| s.id.as_str()).collect();
            for (i, n) in e.notes.iter().enumerate() {
                self.known(
                    o,
                    &format!("note[{i}].section"),
                    "section",
                    &n.section,
                    &sections,
                );
                self.text(o, &format!("note[{i}].note"), &n.note);
            }
        }
    }

    /// A question's artifact is a kind the pack has, written by each of the question's roles.
    fn question_artifacts(&mut self) {
        let pack = self.pack;
        for q in &pack.questions {
            let Some(id) = &q.artifact else { continue };
            match pack.artifacts.iter().find(|k| &k.id == id) {
                None => {
                    let ids: Vec<&str> = pack.artifacts.iter().map(|k| k.id.as_str()).collect();
                    self.push(&q.origin, "artifact", unknown("artifact kind", id, ids));
                }
                Some(kind) => {
                    if let Some(r) = q.roles.iter().find(|r| !kind.roles.contains(r)) {
                        self.push(
                            &q.origin,
                            "artifact",
                            format!(
                                "`{id}` is not written by `{r}`, one of the question's roles; its roles are {}",
                                kind.roles.join(", ")
                            ),
                        );
                    }
                }
            }
        }
    }

    fn artifact_kind(&mut self, kind: &ArtifactKind) {
        let o = &kind.origin;
        self.id(o, "id", &kind.id);
        self.text(o, "name", &kind.name);
        self.text(o, "summary", &kind.summary);
        self.text(o, "template", &kind.template);
        self.text(o, "source", &kind.source);
        self.texts(o, "review", &kind.review);
        self.texts(o, "unchecked", &kind.unchecked);
        self.texts(o, "roles", &kind.roles);
        for (i, r) in kind.roles.iter().enumerate() {
            self.role(o, &format!("roles[{i}]"), r);
        }
        if kind.minutes == 0 {
            self.push(
                o,
                "minutes",
                "is 0 or missing; give the drill's time budget in minutes",
            );
        }
        let pack = self.pack;
        if kind
            .limits_per_hundred
            .is_some_and(|r| !(0.0..=5.0).contains(&r))
        {
            self.push(o, "limits_per_hundred", "must be between 0 (off) and 5");
        }
        if kind
            .limits_penalty
            .is_some_and(|p| !(0.0..=4.0).contains(&p))
        {
            self.push(
                o,
                "limits_penalty",
                "must be between 0 and 4 section points",
            );
        }
        if let Some(read_as) = &kind.read_as {
            let rounds: BTreeSet<&str> = pack.round_kinds.iter().map(|r| r.id.as_str()).collect();
            self.known(o, "read_as.round", "round kind", &read_as.round, &rounds);
            if !(read_as.weight > 0.0 && read_as.weight <= 1.0) {
                self.push(o, "read_as.weight", "must be above 0 and at most 1");
            }
        }
        if !kind.sections.iter().any(|s| s.required) {
            self.push(
                o,
                "section",
                "no section is required; mark the ones a reviewer needs",
            );
        }
        let section_checks: Vec<&str> = ARTIFACT_CHECKS
            .iter()
            .copied()
            .filter(|c| !DOCUMENT_CHECKS.contains(c))
            .collect();
        let signals: BTreeSet<&str> = pack.signals.iter().map(|s| s.id.as_str()).collect();
        let mut names = BTreeSet::new();
        let mut ids = BTreeSet::new();
        for s in &kind.sections {
            let o = &s.origin;
            self.id(o, "id", &s.id);
            if !ids.insert(s.id.as_str()) {
                self.push(
                    o,
                    "id",
                    format!("section `{}` appears twice in this kind", s.id),
                );
            }
            self.text(o, "name", &s.name);
            self.text(o, "purpose", &s.purpose);
            for name in std::iter::once(&s.name).chain(&s.aliases) {
                let key = heading_key(name);
                if !key.is_empty() && !names.insert(key) {
                    self.push(
                        o,
                        "aliases",
                        format!("`{name}` already names another section of this kind"),
                    );
                }
            }
            if s.max_words > 0 && s.min_words > s.max_words {
                self.push(o, "min_words", "is above max_words");
            }
            if s.weight.is_some_and(|w| !(w > 0.0 && w <= 5.0)) {
                self.push(o, "weight", "must be above 0 and at most 5");
            }
            for (i, m) in s.moves.iter().enumerate() {
                let field = format!("moves[{i}]");
                if m.split('|').all(|id| id.trim().is_empty()) {
                    self.push(
                        o,
                        &field,
                        "is empty; name a signal id (or `@limit`), or several joined by `|`",
                    );
                }
                let ids = m.split('|').map(str::trim).filter(|id| !id.is_empty());
                if ids.clone().count() > 0
                    && ids.clone().all(|id| id == crate::artifact::LIMIT_MOVE)
                {
                    // The finding names the move by its first signal's label.
                    self.push(
                        o,
                        &field,
                        "needs a signal id beside `@limit`, to name the move",
                    );
                }
                for id in m
                    .split('|')
                    .map(str::trim)
                    .filter(|id| !id.is_empty() && *id != crate::artifact::LIMIT_MOVE)
                {
                    self.known(o, &field, "signal", id, &signals);
                }
            }
            for (i, c) in s.checks.iter().enumerate() {
                if !section_checks.contains(&c.as_str()) {
                    self.push(
                        o,
                        format!("checks[{i}]"),
                        unknown("section check", c, section_checks.iter().copied()),
                    );
                }
            }
        }
        for d in &kind.dimensions {
            let o = &d.origin;
            self.id(o, "id", &d.id);
            self.text(o, "name", &d.name);
            self.text(o, "about", &d.about);
            self.texts(o, "sections", &d.sections);
            for (i, s) in d.sections.iter().enumerate() {
                self.known(o, &format!("sections[{i}]"), "section", s, &ids);
            }
        }
        if kind.prompts.len() < 3 {
            self.push(
                o,
                "prompt",
                "has fewer than 3 prompts; give the drill at least 3",
            );
        }
        for p in &kind.prompts {
            let o = &p.origin;
            self.id(o, "id", &p.id);
            self.text(o, "text", &p.text);
            for (i, r) in p.roles.iter().enumerate() {
                if !kind.roles.contains(r) {
                    self.push(
                        o,
                        format!("roles[{i}]"),
                        format!("`{r}` is not one of the kind's roles"),
                    );
                }
            }
        }
    }
}
