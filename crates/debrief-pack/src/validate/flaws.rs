//! Validation of the learned word weights (`[flaw_model]`): each category known and learned
//! once, every number finite, every feature one or two lower-case words, and every
//! `flaw-likeness` rule backed by its category's weights.

use std::collections::BTreeSet;

use super::{Validator, unknown};
use crate::grading::CATEGORIES;

impl Validator<'_> {
    /// `[flaw_model]` and the rules that read it.
    pub(super) fn flaw_model(&mut self) {
        let pack = self.pack;
        let mut learned = BTreeSet::new();
        if let Some(m) = &pack.flaw_model {
            let o = &m.origin;
            for (i, c) in m.categories.iter().enumerate() {
                let field = |f: &str| format!("category[{i}].{f}");
                if !CATEGORIES.contains(&c.category.as_str()) {
                    let message = unknown("category", &c.category, CATEGORIES);
                    self.push(o, field("category"), message);
                } else if !learned.insert(c.category.as_str()) {
                    let message =
                        format!("category `{}` is learned twice; keep one entry", c.category);
                    self.push(o, field("category"), message);
                }
                for (what, value) in [("bias", c.bias), ("threshold", c.threshold)] {
                    if !value.is_finite() {
                        self.push(o, field(what), "must be a finite number");
                    }
                }
                for entry in c.entries() {
                    let message = match entry {
                        Err(line) => {
                            format!("`{line}` is not a feature and its weight separated by a space")
                        }
                        Ok((feature, weight)) => {
                            let words: Vec<&str> = feature.split(' ').collect();
                            let plain =
                                |w: &&str| !w.is_empty() && w.chars().all(|ch| !ch.is_uppercase());
                            if words.len() > 2 || !words.iter().all(plain) {
                                format!(
                                    "`{feature}` is not one lower-case word or two joined by \
                                     one space"
                                )
                            } else if !weight.is_finite() {
                                format!("`{feature}` must weigh a finite number")
                            } else {
                                continue;
                            }
                        }
                    };
                    self.push(o, field("weights"), message);
                }
            }
        }
        for rule in pack
            .rules
            .iter()
            .filter(|r| r.metric.as_deref() == Some("flaw-likeness"))
        {
            if !learned.contains(rule.category.as_str()) {
                let message = format!(
                    "reads learned weights for `{}`, and [flaw_model] has none; run `debrief \
                     calibrate --fit-flaws` and keep its output in the rules folder",
                    rule.category
                );
                self.push(&rule.origin, "metric", message);
            }
        }
    }
}
