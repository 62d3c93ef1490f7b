//! The recorded floors (`content/calibration/levels.toml`) and the named figures they hold.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{CalibrationReport, PartFigures, Slice};

/// The recorded floors the figures must stay at or above (`content/calibration/levels.toml`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationLevels {
    /// Floor for the tuning part's pairwise accuracy.
    pub pairwise_accuracy: f64,
    /// Floor for the tuning part's AUC.
    pub auc: f64,
    /// Floor for the held-out part's pairwise accuracy.
    pub held_out_pairwise_accuracy: f64,
    /// Floor for the held-out part's AUC.
    pub held_out_auc: f64,
    /// Floors for per-category recall over the `standard` slice.
    #[serde(default)]
    pub recall: BTreeMap<String, f64>,
    /// Floors for any figure by its name ([`CalibrationReport::named_figures`]), such as
    /// `plain-language.held-out.pairwise_accuracy` or `gaming.tuning.rejected_rate`.
    #[serde(default)]
    pub floors: BTreeMap<String, f64>,
}

impl CalibrationLevels {
    /// Every figure below its floor, as a sentence; empty when all hold.
    pub fn shortfalls(&self, report: &CalibrationReport) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |what: &str, value: f64, floor: f64| {
            if value < floor {
                out.push(format!(
                    "{what} is {value:.3}, below the recorded {floor:.3}"
                ));
            }
        };
        check(
            "tuning pairwise accuracy",
            report.tuning.pairwise_accuracy,
            self.pairwise_accuracy,
        );
        check("tuning AUC", report.tuning.auc, self.auc);
        check(
            "held-out pairwise accuracy",
            report.held_out.pairwise_accuracy,
            self.held_out_pairwise_accuracy,
        );
        check("held-out AUC", report.held_out.auc, self.held_out_auc);
        for (category, floor) in &self.recall {
            let value = report.all.recall.get(category).map_or(0.0, |r| r.recall);
            check(&format!("recall of {category}"), value, *floor);
        }
        let named = report.named_figures();
        let mut unknown = Vec::new();
        for (name, floor) in &self.floors {
            match named.get(name) {
                Some(value) => check(name, *value, *floor),
                // A floor on a figure that does not exist would hold forever: say so.
                None => unknown.push(format!(
                    "levels.toml has a floor for `{name}`, which is not a figure of this set"
                )),
            }
        }
        out.extend(unknown);
        out
    }
}

impl CalibrationReport {
    /// Every figure a floor can hold, by name: for each slice and part,
    /// `{slice}.{tuning|held-out}.{pairwise_accuracy|auc|strong_rated_hire|weak_rated_no_hire}`
    /// (and `all.` for every slice together); `trap.{part}.clean_rate`;
    /// `gaming.{part}.rejected_rate`; `labels.within_rate`; `examples.{ranked_rate|label_rate}`.
    pub fn named_figures(&self) -> BTreeMap<String, f64> {
        let mut out = BTreeMap::new();
        let mut part = |prefix: &str, p: &PartFigures| {
            if p.pairs == 0 {
                return;
            }
            for (name, value) in [
                ("pairwise_accuracy", p.pairwise_accuracy),
                ("auc", p.auc),
                ("strong_rated_hire", p.strong_rated_hire),
                ("weak_rated_no_hire", p.weak_rated_no_hire),
            ] {
                out.insert(format!("{prefix}.{name}"), value);
            }
        };
        for slice in Slice::ALL {
            if let Some(f) = self.slices.get(&slice) {
                part(&format!("{}.tuning", slice.id()), &f.tuning);
                part(&format!("{}.held-out", slice.id()), &f.held_out);
            }
        }
        part("all.tuning", &self.whole.tuning);
        part("all.held-out", &self.whole.held_out);
        for (name, traps) in [("tuning", &self.traps.0), ("held-out", &self.traps.1)] {
            if traps.pairs > 0 {
                out.insert(format!("trap.{name}.clean_rate"), traps.clean_rate);
            }
        }
        for (name, gaming) in [("tuning", &self.gaming.0), ("held-out", &self.gaming.1)] {
            if gaming.cases > 0 {
                out.insert(format!("gaming.{name}.rejected_rate"), gaming.rejected_rate);
            }
        }
        if self.labels.answers > 0 {
            out.insert("labels.within_rate".to_owned(), self.labels.within_rate);
        }
        for (kind, f) in &self.artifacts {
            for (part, p) in [("tuning", &f.tuning), ("held-out", &f.held_out)] {
                if p.pairs == 0 {
                    continue;
                }
                for (name, value) in [
                    ("pairwise_accuracy", p.pairwise_accuracy),
                    ("strong_rated_hire", p.strong_rated_hire),
                    ("weak_rated_no_hire", p.weak_rated_no_hire),
                ] {
                    out.insert(format!("artifact.{kind}.{part}.{name}"), value);
                }
            }
        }
        let e = &self.artifact_examples;
        if e.documents > 0 {
            out.insert(
                "artifact-examples.label_rate".to_owned(),
                e.label_agrees as f64 / e.documents as f64,
            );
        }
        if e.pairs > 0 {
            out.insert(
                "artifact-examples.ranked_rate".to_owned(),
                e.ranked_right as f64 / e.pairs as f64,
            );
        }
        if self.examples.answers > 0 {
            out.insert("examples.ranked_rate".to_owned(), self.examples.ranked_rate);
            out.insert("examples.label_rate".to_owned(), self.examples.label_rate);
        }
        out
    }
}
