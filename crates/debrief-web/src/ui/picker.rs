//! The company, role and level a form starts from (a prep plan, a mock loop): preset to a valid
//! choice and laid out as the three selects of `macros.html` (`select_field`, `level_select`).

use debrief_pack::{Catalog, Level};

use super::Choice;

/// A company's levels, as one `<optgroup>` of the level select.
pub(crate) struct LevelGroup<'a> {
    pub company: &'a str,
    pub name: &'a str,
    /// Each level, and whether it is the one chosen.
    pub levels: Vec<(&'a Level, bool)>,
}

/// The three selects' options, with the current choice marked.
pub(crate) struct LoopPicker<'a> {
    pub companies: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub levels: Vec<LevelGroup<'a>>,
}

impl<'a> LoopPicker<'a> {
    /// The options with `company`, `role` and `level` selected.
    pub(crate) fn new(catalog: &'a Catalog, company: &str, role: &str, level: &str) -> Self {
        LoopPicker {
            companies: catalog
                .companies()
                .iter()
                .map(|c| Choice::new(c.id.clone(), c.name.clone(), company))
                .collect(),
            roles: catalog
                .roles()
                .iter()
                .map(|r| Choice::new(r.id.clone(), r.name.clone(), role))
                .collect(),
            levels: catalog
                .companies()
                .iter()
                .map(|c| LevelGroup {
                    company: &c.id,
                    name: &c.name,
                    levels: catalog
                        .levels_of(&c.id)
                        .map(|l| (l, c.id == company && l.id == level))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Replaces what the catalog does not know with a sensible preset: the first company, the PM
/// role, and L5 (or the company's first level).
pub(crate) fn preset(
    catalog: &Catalog,
    company: &mut String,
    role: &mut String,
    level: &mut String,
) {
    if catalog.company(company).is_err() {
        *company = catalog
            .companies()
            .first()
            .map(|c| c.id.clone())
            .unwrap_or_default();
    }
    if catalog.role(role).is_err() {
        *role = "pm".into();
    }
    if !catalog.levels_of(company).any(|l| l.id == *level) {
        let levels: Vec<&Level> = catalog.levels_of(company).collect();
        *level = levels
            .iter()
            .find(|l| l.id == "l5")
            .or(levels.first())
            .map(|l| l.id.clone())
            .unwrap_or_default();
    }
}
