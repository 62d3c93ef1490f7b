//! [`Pack`]: everything one content pack holds, entry kind by entry kind.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

use crate::artifact::{ArtifactCheck, ArtifactExample, ArtifactKind};
use crate::examples::Example;
use crate::fit::{FitAdvice, FitItem, FitTuning};
use crate::grading::{FlawModel, Grading, Rule, ScoreModel, Scoring, Signal};
use crate::guides::Guide;
use crate::model::{
    Checklist, Company, Level, Loop, Principle, Probe, Question, RoleProfile, RoundKind, Rubric,
};
use crate::pay::{Negotiation, PayRow, SignOnPattern, Vesting};
use crate::plan::PlanSettings;
use crate::template::Template;
use crate::words::{Place, SearchAlias, WordListEntry};

/// Everything one content pack holds. Several packs merge into one by id.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Role descriptions.
    #[serde(default, rename = "role")]
    pub roles: Vec<RoleProfile>,
    /// Leadership Principles.
    #[serde(default, rename = "principle")]
    pub principles: Vec<Principle>,
    /// Companies.
    #[serde(default, rename = "company")]
    pub companies: Vec<Company>,
    /// Levels of all companies.
    #[serde(default, rename = "level")]
    pub levels: Vec<Level>,
    /// Round kinds.
    #[serde(default, rename = "round_kind")]
    pub round_kinds: Vec<RoundKind>,
    /// Loops.
    #[serde(default, rename = "loop")]
    pub loops: Vec<Loop>,
    /// Rubrics.
    #[serde(default, rename = "rubric")]
    pub rubrics: Vec<Rubric>,
    /// The question bank.
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
    /// Preparation checklists.
    #[serde(default, rename = "checklist")]
    pub checklists: Vec<Checklist>,
    /// Grader evidence signals.
    #[serde(default, rename = "signal")]
    pub signals: Vec<Signal>,
    /// Grader rules.
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
    /// How each rubric dimension is scored.
    #[serde(default)]
    pub scoring: Vec<Scoring>,
    /// Rating thresholds and speaking rate.
    #[serde(default)]
    pub grading: Option<Grading>,
    /// How the overall score is built from measured features.
    #[serde(default)]
    pub score_model: Option<ScoreModel>,
    /// Word weights learned per finding category.
    #[serde(default)]
    pub flaw_model: Option<FlawModel>,
    /// The fit diagnostic's situational items.
    #[serde(default, rename = "fit_item")]
    pub fit_items: Vec<FitItem>,
    /// The fit diagnostic's next steps, one entry per outcome.
    #[serde(default, rename = "fit_advice")]
    pub fit_advice: Vec<FitAdvice>,
    /// How the fit diagnostic weighs its evidence.
    #[serde(default)]
    pub fit_tuning: Option<FitTuning>,
    /// The fit diagnostic's wording, by id.
    #[serde(default, rename = "fit_text")]
    pub fit_texts: Vec<Template>,
    /// Follow-up probes for mock loops.
    #[serde(default, rename = "probe")]
    pub probes: Vec<Probe>,
    /// Annotated model answers.
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
    /// The prep plan's pacing.
    #[serde(default)]
    pub plan: Option<PlanSettings>,
    /// The prep plan's wording, by id.
    #[serde(default, rename = "plan_text")]
    pub plan_texts: Vec<Template>,
    /// Word lists the code looks up, by id.
    #[serde(default, rename = "word_list")]
    pub word_lists: Vec<WordListEntry>,
    /// Word groups question search treats as one.
    #[serde(default, rename = "search_alias")]
    pub search_aliases: Vec<SearchAlias>,
    /// Countries and how many people live in each, for the grader's impossible figures.
    #[serde(default, rename = "place")]
    pub places: Vec<Place>,
    /// Pay figures by company, role and level, one row per source.
    #[serde(default, rename = "pay")]
    pub pay: Vec<PayRow>,
    /// Vesting schedules.
    #[serde(default, rename = "vesting")]
    pub vestings: Vec<Vesting>,
    /// Sign-on patterns, one per company at most.
    #[serde(default, rename = "signon")]
    pub signons: Vec<SignOnPattern>,
    /// Negotiation guidance.
    #[serde(default, rename = "negotiation")]
    pub negotiation: Vec<Negotiation>,
    /// Artifact kinds: the documents loops ask for.
    #[serde(default, rename = "artifact")]
    pub artifacts: Vec<ArtifactKind>,
    /// The artifact checker's checks: wording, phrases and limits.
    #[serde(default, rename = "artifact_check")]
    pub artifact_checks: Vec<ArtifactCheck>,
    /// Annotated example documents.
    #[serde(default, rename = "artifact_example")]
    pub artifact_examples: Vec<ArtifactExample>,
    /// Guide pages: the role choice and each loop, in our own words.
    #[serde(default, rename = "guide")]
    pub guides: Vec<Guide>,
}

/// The registry of entry kinds: every list of a [`Pack`], named once with its TOML table, the
/// name messages use, the key a user layer overrides it by (and duplicates are found by), and
/// the entries nested in it that carry origins of their own. Merging layers, filling in
/// origins and checking for duplicate ids are all generated from this one list, so a new kind
/// is one line here and cannot be forgotten by one of them.
macro_rules! entry_kinds {
    ($(
        $field:ident: $table:literal, $name:literal, key = |$e:ident| $key:expr
        $(, duplicate = ($dup_field:literal, $dup_what:literal))?
        $(, nested = |$i:ident, $visit:ident| $nested:block)?
        ;
    )*) => {
        impl Pack {
            /// Adds `other`'s entries after these: the files of one layer concatenated. A
            /// later file's `[grading]`, `[plan]` or `[fit_tuning]` replaces an earlier one's.
            pub fn append(&mut self, other: Pack) {
                let mut other = other;
                $( self.$field.append(&mut other.$field); )*
                self.replace_tables(other);
            }

            /// Lays `overlay`'s lists over these: an entry whose key matches one of this pack's
            /// replaces it (the first time), the rest are added in order. `[grading]`, `[plan]`
            /// and `[fit_tuning]` are replaced whole when the overlay has them.
            pub fn merge(&mut self, overlay: Pack) {
                let mut overlay = overlay;
                $( merge_by_key(&mut self.$field, std::mem::take(&mut overlay.$field), |$e| $key); )*
                self.replace_tables(overlay);
            }

            /// The one-per-pack tables of `other` replace these where `other` has them.
            fn replace_tables(&mut self, other: Pack) {
                if other.grading.is_some() {
                    self.grading = other.grading;
                }
                if other.score_model.is_some() {
                    self.score_model = other.score_model;
                }
                if other.flaw_model.is_some() {
                    self.flaw_model = other.flaw_model;
                }
                if other.fit_tuning.is_some() {
                    self.fit_tuning = other.fit_tuning;
                }
                if other.plan.is_some() {
                    self.plan = other.plan;
                }
            }

            /// Every entry that carries an origin, visited mutably, with the TOML table path
            /// of its kind (`question`, `loop.round`, ...), the index of its parent entry (0
            /// for a top-level entry) and its index among its siblings. The loader fills in
            /// origins with it.
            pub fn origins_mut(&mut self, visit: &mut dyn FnMut(&str, usize, usize, &mut Origin)) {
                $(
                    for (index, $e) in self.$field.iter_mut().enumerate() {
                        visit($table, 0, index, &mut $e.origin);
                        $( {
                            let ($i, $visit) = (index, &mut *visit);
                            $nested
                        } )?
                    }
                )*
                if let Some(g) = &mut self.grading {
                    visit("grading", 0, 0, &mut g.origin);
                }
                if let Some(m) = &mut self.score_model {
                    visit("score_model", 0, 0, &mut m.origin);
                }
                if let Some(m) = &mut self.flaw_model {
                    visit("flaw_model", 0, 0, &mut m.origin);
                }
                if let Some(t) = &mut self.fit_tuning {
                    visit("fit_tuning", 0, 0, &mut t.origin);
                }
                if let Some(p) = &mut self.plan {
                    visit("plan", 0, 0, &mut p.origin);
                }
            }

            /// Every top-level entry's key with where it is defined, kind by kind: what the
            /// duplicate check reads. Each item is (field the message points at, what the
            /// message calls the key, the key, the origin).
            pub(crate) fn keys(&self) -> Vec<Vec<(&'static str, String, String, &Origin)>> {
                vec![$(
                    self.$field
                        .iter()
                        .map(|$e| {
                            let (field, what) = entry_kinds!(@dup $name $(, $dup_field, $dup_what)?);
                            (field, what, $key, &$e.origin)
                        })
                        .collect(),
                )*]
            }
        }
    };
    (@dup $name:literal) => { ("id", format!("{} id", $name)) };
    (@dup $name:literal, $field:literal, $what:literal) => { ($field, $what.to_owned()) };
}

entry_kinds! {
    roles: "role", "role", key = |e| e.id.clone();
    principles: "principle", "principle", key = |e| e.id.clone();
    companies: "company", "company", key = |e| e.id.clone();
    levels: "level", "level", key = |e| format!("{}/{}", e.company, e.id);
    round_kinds: "round_kind", "round kind", key = |e| e.id.clone();
    loops: "loop", "loop", key = |e| e.id.clone(), nested = |i, visit| {
        for (j, x) in e.rounds.iter_mut().enumerate() {
            visit("loop.round", i, j, &mut x.origin);
        }
        for (j, x) in e.timeline.iter_mut().enumerate() {
            visit("loop.timeline", i, j, &mut x.origin);
        }
        for (j, x) in e.figures.iter_mut().enumerate() {
            visit("loop.figure", i, j, &mut x.origin);
        }
        for (j, x) in e.eliminations.iter_mut().enumerate() {
            visit("loop.elimination", i, j, &mut x.origin);
        }
        for (j, x) in e.stages.iter_mut().enumerate() {
            visit("loop.stage", i, j, &mut x.origin);
        }
    };
    rubrics: "rubric", "rubric", key = |e| e.id.clone(), nested = |i, visit| {
        for (j, x) in e.dimensions.iter_mut().enumerate() {
            visit("rubric.dimension", i, j, &mut x.origin);
        }
    };
    questions: "question", "question", key = |e| e.id.clone();
    checklists: "checklist", "checklist", key = |e| e.id.clone(), nested = |i, visit| {
        for (j, x) in e.items.iter_mut().enumerate() {
            visit("checklist.item", i, j, &mut x.origin);
        }
    };
    signals: "signal", "signal", key = |e| e.id.clone();
    rules: "rule", "rule", key = |e| e.id.clone();
    scoring: "scoring", "scoring", key = |e| e.dimension.clone();
    fit_items: "fit_item", "fit item", key = |e| e.id.clone(), nested = |i, visit| {
        for (j, x) in e.options.iter_mut().enumerate() {
            visit("fit_item.option", i, j, &mut x.origin);
        }
    };
    fit_advice: "fit_advice", "fit advice", key = |e| e.outcome.clone(),
        duplicate = ("outcome", "fit advice for outcome");
    probes: "probe", "probe", key = |e| e.id.clone();
    examples: "example", "example", key = |e| e.id.clone();
    fit_texts: "fit_text", "fit_text", key = |e| e.id.clone();
    plan_texts: "plan_text", "plan_text", key = |e| e.id.clone();
    word_lists: "word_list", "word list", key = |e| e.id.clone();
    search_aliases: "search_alias", "search alias", key = |e| e.id.clone();
    places: "place", "place", key = |e| e.id.clone();
    pay: "pay", "pay row", key = |e| format!("{}/{}/{}/{}/{}", e.company, e.role, e.level, e.url, e.as_of),
        duplicate = ("url", "pay row for this company, role, level, source and date");
    vestings: "vesting", "vesting schedule", key = |e| e.id.clone();
    signons: "signon", "sign-on pattern", key = |e| e.company.clone(),
        duplicate = ("company", "sign-on pattern for company");
    negotiation: "negotiation", "negotiation", key = |e| e.id.clone();
    artifacts: "artifact", "artifact kind", key = |e| e.id.clone(), nested = |i, visit| {
        for (j, x) in e.sections.iter_mut().enumerate() {
            visit("artifact.section", i, j, &mut x.origin);
        }
        for (j, x) in e.dimensions.iter_mut().enumerate() {
            visit("artifact.dimension", i, j, &mut x.origin);
        }
        for (j, x) in e.prompts.iter_mut().enumerate() {
            visit("artifact.prompt", i, j, &mut x.origin);
        }
    };
    artifact_checks: "artifact_check", "artifact check", key = |e| e.id.clone();
    artifact_examples: "artifact_example", "artifact example", key = |e| e.id.clone();
    guides: "guide", "guide", key = |e| e.id.clone(), nested = |i, visit| {
        for (j, x) in e.sections.iter_mut().enumerate() {
            visit("guide.section", i, j, &mut x.origin);
        }
        for (j, x) in e.sources.iter_mut().enumerate() {
            visit("guide.source", i, j, &mut x.origin);
        }
    };
}

/// Lays `overlay` over `base` by key: a key already in `base` (as it was before this overlay)
/// is replaced once, anything else is added in order.
fn merge_by_key<T>(base: &mut Vec<T>, overlay: Vec<T>, key: impl Fn(&T) -> String) {
    let original = base.len();
    let mut replaced = vec![false; original];
    for item in overlay {
        let k = key(&item);
        match base[..original].iter().position(|b| key(b) == k) {
            Some(i) if !replaced[i] => {
                replaced[i] = true;
                base[i] = item;
            }
            _ => base.push(item),
        }
    }
}
