//! Validation of what the coaching code reads from the pack: the plan's pacing and wording,
//! the fit diagnostic's tuning and wording, and the word lists.
//!
//! Texts are checked against the contract of their keys ([`TextKey`]): every id is one the
//! code renders, every placeholder one the code fills in for that id, and a pack that uses the
//! feature (a loop for plans, a fit item for the diagnostic) has every text the code needs.

use std::ops::RangeInclusive;

use super::{Validator, unknown};
use crate::fit::FitText;
use crate::model::Origin;
use crate::plan::PlanText;
use crate::template::{Template, TextKey, placeholders};
use crate::words::WordList;
use debrief_text::Text;

/// How far from 1 a sum of shares may be and still count as 1 (shares are written as
/// decimals, which binary floating point cannot all hold exactly).
const SUM_TOLERANCE: f64 = 1e-9;

impl Validator<'_> {
    /// `[plan]` and `[[plan_text]]`: numbers in range, texts against their contract, and both
    /// present in a pack with a loop.
    pub(super) fn plan(&mut self) {
        let pack = self.pack;
        if let Some(p) = &pack.plan {
            let o = &p.origin;
            self.count(o, "max_weeks", p.max_weeks, 1..=52);
            self.count(o, "compressed_weeks", p.compressed_weeks, 1..=52);
            if p.standard_weeks <= p.compressed_weeks || p.standard_weeks > p.max_weeks {
                let message = format!(
                    "{} must be above compressed_weeks ({}) and at most max_weeks ({})",
                    p.standard_weeks, p.compressed_weeks, p.max_weeks
                );
                self.push(o, "standard_weeks", message);
            }
            self.count(o, "one_week_stories", p.one_week_stories, 1..=16);
            self.count(o, "compressed_stories", p.compressed_stories, 1..=16);
            self.count(o, "first_pass_days", p.first_pass_days, 0..=366);
            self.count(o, "story_rounds", p.story_rounds, 1..=16);
            self.count(o, "second_stories", p.second_stories, 1..=16);
            self.count(o, "story_questions", p.story_questions, 1..=5);
            self.count(o, "busiest_others", p.busiest_others, 1..=13);
            let sessions = p.compressed_elimination_sessions;
            self.count(o, "compressed_elimination_sessions", sessions, 1..=7);
            self.count(o, "standard_other_weeks", p.standard_other_weeks, 1..=52);
            self.count(o, "drill_minutes", p.drill_minutes, 1..=240);
            self.count(o, "drill_questions", p.drill_questions, 1..=5);
            self.count(o, "baseline_mock_weeks", p.baseline_mock_weeks, 1..=52);
            self.count(o, "baseline_gap_days", p.baseline_gap_days, 0..=366);
            self.count(o, "second_mock_gap_days", p.second_mock_gap_days, 0..=366);
            self.count(o, "full_mock_days", p.full_mock_days, 1..=14);
            self.count(o, "quick_rounds", p.quick_rounds, 1..=6);
            self.count(o, "light_days", p.light_days, 1..=7);
            self.count(o, "day_before_stories", p.day_before_stories, 1..=16);
            self.count(o, "today_far_below", p.today_far_below, 1..=100);
            self.count(o, "max_daily_items", p.max_daily_items, 1..=10);
            self.count(o, "light_start_days", p.light_start_days, 0..=7);
            if p.light_start_items == 0 || p.light_start_items > p.max_daily_items {
                let message = format!(
                    "{} must be at least 1 and at most max_daily_items ({})",
                    p.light_start_items, p.max_daily_items
                );
                self.push(o, "light_start_items", message);
            }
            self.count(o, "ready_drill_divisor", p.ready_drill_divisor, 1..=8);
            self.count(o, "weak_boosted_kinds", p.weak_boosted_kinds, 0..=13);
            self.count(o, "weak_extra_sessions", p.weak_extra_sessions, 0..=10);
            self.lowercase_phrases(o, "done_by_mock", &p.done_by_mock);
            self.lowercase_phrases(o, "done_by_stories", &p.done_by_stories);
        }
        let needed = pack.loops.first().map(|l| &l.origin);
        if let Some(loop_origin) = needed
            && pack.plan.is_none()
        {
            self.push(
                loop_origin,
                "plan",
                "a pack with loops builds prep plans, so it needs a [plan] table with the plan's \
                 pacing (see content/plan.toml)",
            );
        }
        let anchor = pack.plan.as_ref().map(|p| &p.origin).or(needed);
        self.templates::<PlanText>(&pack.plan_texts, needed.and(anchor), "a loop");
    }

    /// `[fit_tuning]` and `[[fit_text]]`: shares that sum to 1, thresholds between 0 and 1,
    /// counts above 0, texts against their contract; both present in a pack with fit items.
    pub(super) fn fit_tuning(&mut self) {
        let pack = self.pack;
        if let Some(t) = &pack.fit_tuning {
            let o = &t.origin;
            self.shares(
                o,
                [
                    ("questionnaire_weight", t.questionnaire_weight),
                    ("wins_weight", t.wins_weight),
                    ("practice_weight", t.practice_weight),
                ],
            );
            self.shares(
                o,
                [
                    ("items_evidence", t.items_evidence),
                    ("wins_evidence", t.wins_evidence),
                    ("practice_evidence", t.practice_evidence),
                ],
            );
            for (field, value) in [
                ("call_at", t.call_at),
                ("win_class_at", t.win_class_at),
                ("agree_full_at", t.agree_full_at),
                ("strength_full_at", t.strength_full_at),
            ] {
                let inside = value > 0.0 && value < 1.0;
                if !inside {
                    self.push(
                        o,
                        field,
                        format!("{value} is not between 0 and 1 (exclusive)"),
                    );
                }
            }
            for (field, value) in [
                ("unclear_confidence", t.unclear_confidence),
                ("low_evidence_cap", t.low_evidence_cap),
            ] {
                let inside = value > 0.0 && value <= 1.0;
                if !inside {
                    self.push(o, field, format!("{value} is not in (0, 1]"));
                }
            }
            self.count(o, "practice_full", t.practice_full, 1..=100);
            self.count(o, "min_items", t.min_items, 1..=1000);
            self.count(o, "max_words", t.max_words, 1..=100);
        }
        let needed = pack.fit_items.first().map(|i| &i.origin);
        if let Some(item_origin) = needed
            && pack.fit_tuning.is_none()
        {
            self.push(
                item_origin,
                "fit_tuning",
                "a pack with fit items runs the fit diagnostic, so it needs a [fit_tuning] table \
                 (see content/fit/tuning.toml)",
            );
        }
        let anchor = pack.fit_tuning.as_ref().map(|t| &t.origin).or(needed);
        self.templates::<FitText>(&pack.fit_texts, needed.and(anchor), "a fit item");
    }

    /// `[[search_alias]]`: at least two lowercase single words per group, and no word in two
    /// groups (a search would not know which group it meant).
    pub(super) fn search_aliases(&mut self) {
        let pack = self.pack;
        let mut owner: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
        for group in &pack.search_aliases {
            let o = &group.origin;
            self.id(o, "id", &group.id);
            if group.words.len() < 2 {
                self.push(
                    o,
                    "words",
                    "needs at least two words that mean the same in a search",
                );
            }
            for (i, word) in group.words.iter().enumerate() {
                let t = Text::new(word);
                if t.tokens.len() != 1 || t.lower(0) != word {
                    let message = format!(
                        "`{word}` is not one lowercase word as questions are split into words"
                    );
                    self.push(o, format!("words[{i}]"), message);
                } else if let Some(other) = owner.insert(word, &group.id)
                    && other != group.id
                {
                    let message = format!("`{word}` is also in search alias `{other}`");
                    self.push(o, format!("words[{i}]"), message);
                }
            }
        }
    }

    /// `[[place]]`: names as answers are split into words, a head count, and a source a
    /// reader can open.
    pub(super) fn places(&mut self) {
        let pack = self.pack;
        for place in &pack.places {
            let o = &place.origin;
            self.id(o, "id", &place.id);
            if place.names.is_empty() {
                self.push(
                    o,
                    "names",
                    "is empty or missing; list the names answers use",
                );
            }
            for (i, name) in place.names.iter().enumerate() {
                if !debrief_text::is_normalised(name) {
                    let message = format!(
                        "`{name}` is not a lowercase name as answers are split into words \
                         (words separated by single spaces, no punctuation)"
                    );
                    self.push(o, format!("names[{i}]"), message);
                }
            }
            if place.people == 0 {
                self.push(o, "people", "is missing; give how many people live there");
            }
            self.text(o, "source", &place.source);
            self.text(o, "as_of", &place.as_of);
            if !place.url.starts_with("https://") {
                self.push(o, "url", "is not an https address a reader can open");
            }
        }
    }

    /// `[[word_list]]`: known ids, and lowercase words the tokenizer keeps whole.
    pub(super) fn word_lists(&mut self) {
        let pack = self.pack;
        let valid: Vec<&str> = WordList::ALL.iter().map(|l| l.id()).collect();
        for list in &pack.word_lists {
            let o = &list.origin;
            if WordList::parse(&list.id).is_none() {
                self.push(
                    o,
                    "id",
                    unknown("word list", &list.id, valid.iter().copied()),
                );
            }
            if list.words.is_empty() {
                self.push(o, "words", "is empty or missing; list at least one word");
            }
            let phrases = WordList::parse(&list.id).is_some_and(WordList::holds_phrases);
            for (i, word) in list.words.iter().enumerate() {
                if phrases {
                    if !debrief_text::is_normalised(word) {
                        let message = format!(
                            "`{word}` is not a lowercase phrase as answers are split into \
                             words (words separated by single spaces, no punctuation at either \
                             end)"
                        );
                        self.push(o, format!("words[{i}]"), message);
                    }
                    continue;
                }
                let t = Text::new(word);
                if t.tokens.len() != 1 || t.lower(0) != word {
                    let message = format!(
                        "`{word}` is not one lowercase word as answers are split into words \
                         (no spaces, no punctuation at either end)"
                    );
                    self.push(o, format!("words[{i}]"), message);
                }
            }
        }
    }

    /// A whole number in `range`.
    pub(super) fn count(
        &mut self,
        origin: &Origin,
        field: &str,
        value: u32,
        range: RangeInclusive<u32>,
    ) {
        if !range.contains(&value) {
            let message = format!("{value} is not in {}-{}", range.start(), range.end());
            self.push(origin, field, message);
        }
    }

    /// Shares, each between 0 and 1, that sum to 1; a problem names the first field.
    fn shares(&mut self, origin: &Origin, shares: [(&str, f64); 3]) {
        for (field, value) in shares {
            if !(0.0..=1.0).contains(&value) {
                self.push(origin, field, format!("{value} is not between 0 and 1"));
            }
        }
        let sum: f64 = shares.iter().map(|(_, v)| v).sum();
        // Written so that NaN fails too.
        let sums_to_one = (sum - 1.0).abs() < SUM_TOLERANCE;
        if !sums_to_one {
            let names: Vec<&str> = shares.iter().map(|(f, _)| *f).collect();
            let message = format!("{} sum to {sum}; they must sum to 1", names.join(", "));
            self.push(origin, shares[0].0, message);
        }
    }

    /// Phrases matched against lowercased text: non-empty and lowercase.
    fn lowercase_phrases(&mut self, origin: &Origin, field: &str, phrases: &[String]) {
        for (i, p) in phrases.iter().enumerate() {
            if p.trim().is_empty() || p.to_lowercase() != *p {
                let message = format!("`{p}` must be a non-empty lowercase phrase");
                self.push(origin, format!("{field}[{i}]"), message);
            }
        }
    }

    /// Texts of one kind against their contract. With `required` (where to report a missing
    /// text), every key must be present; `user` says what makes the pack need them.
    fn templates<K: TextKey>(
        &mut self,
        entries: &[Template],
        required: Option<&Origin>,
        user: &str,
    ) {
        let kind = K::KIND;
        let valid: Vec<&str> = K::ALL.iter().map(|k| k.id()).collect();
        for entry in entries {
            let o = &entry.origin;
            self.id(o, "id", &entry.id);
            let key = K::parse(&entry.id);
            if key.is_none() && !entry.id.is_empty() {
                let what = format!("{kind} id");
                self.push(o, "id", unknown(&what, &entry.id, valid.iter().copied()));
            }
            self.text(o, "text", &entry.text);
            let names = match placeholders(&entry.text) {
                Ok(names) => names,
                Err(e) => {
                    self.push(o, "text", format!("does not parse: {}", e.message));
                    continue;
                }
            };
            let Some(key) = key else { continue };
            let allowed = key.placeholders();
            let mut reported: Vec<&str> = Vec::new();
            for name in names {
                if allowed.contains(&name) || reported.contains(&name) {
                    continue;
                }
                reported.push(name);
                let message = if allowed.is_empty() {
                    format!(
                        "unknown placeholder `{{{name}}}`: {kind} `{}` takes no placeholders",
                        entry.id
                    )
                } else {
                    let list: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
                    format!(
                        "unknown placeholder `{{{name}}}` in {kind} `{}`; it can use {}",
                        entry.id,
                        list.join(", ")
                    )
                };
                self.push(o, "text", message);
            }
        }
        let Some(at) = required else { return };
        if entries.is_empty() {
            let message = format!(
                "a pack with {user} needs every [[{kind}]] the code renders ({} of them); none \
                 is defined",
                K::ALL.len()
            );
            self.push(at, kind, message);
            return;
        }
        for key in K::ALL {
            if entries.iter().any(|e| e.id == key.id()) {
                continue;
            }
            let uses = if key.placeholders().is_empty() {
                "no placeholders".to_owned()
            } else {
                let list: Vec<String> = key
                    .placeholders()
                    .iter()
                    .map(|a| format!("{{{a}}}"))
                    .collect();
                list.join(", ")
            };
            let message = format!(
                "missing [[{kind}]] `{}` (it can use {uses}); a pack with {user} needs it",
                key.id()
            );
            self.push(at, kind, message);
        }
    }
}
