//! The company, role, track and level a form starts from (a prep plan, a mock loop): preset to
//! the candidate's target loop and laid out as the selects of `macros.html` (`loop_picker`).

use debrief_pack::{Catalog, Level, Role, track_label};
use debrief_practice::LoopChoice;

use super::Choice;

/// A company's levels, as one `<optgroup>` of the level select.
pub(crate) struct LevelGroup<'a> {
    pub company: &'a str,
    pub name: &'a str,
    /// Each level, and whether it is the one chosen.
    pub levels: Vec<(&'a Level, bool)>,
}

/// The selects' options, with the current choice marked.
pub(crate) struct LoopPicker<'a> {
    pub companies: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub tracks: Vec<Choice>,
    pub levels: Vec<LevelGroup<'a>>,
}

impl<'a> LoopPicker<'a> {
    /// The options with `company`, `role`, `track` (empty: none) and `level` selected.
    pub(crate) fn new(
        catalog: &'a Catalog,
        company: &str,
        role: &str,
        track: &str,
        level: &str,
    ) -> Self {
        LoopPicker {
            tracks: track_choices(catalog, track),
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

/// The track select: none (the role's own loop), then every track the content knows, each
/// saying where it applies. A typed track the content does not know stays selected, so the
/// error about it reads beside it.
pub(crate) fn track_choices(catalog: &Catalog, current: &str) -> Vec<Choice> {
    let mut out = vec![Choice::new("", "None", current)];
    for company in catalog.companies() {
        for role in Role::ALL {
            for track in catalog.tracks(&company.id, role) {
                let label = format!(
                    "{} ({} {} only)",
                    track_label(track),
                    company.name,
                    role.label()
                );
                out.push(Choice::new(track, label, current));
            }
        }
    }
    if !current.is_empty() && !out.iter().any(|c| c.selected) {
        out.push(Choice::new(current, current, current));
    }
    out
}

/// Replaces what the catalog does not know with the candidate's target loop (`target`, from
/// `App::target_loop`: their profile's, else their newest plan's, else their newest mock's,
/// else the content's defaults), so these forms start where `debrief stories coverage` and the home page do. A
/// level is kept when the company has it; else the target's level when the company is the
/// target's, else the company's default level. The track comes from the target only with its
/// company and role: a form that names them keeps its own (none when it gives none).
pub(crate) fn preset(
    catalog: &Catalog,
    target: &LoopChoice,
    company: &mut String,
    role: &mut String,
    track: &mut String,
    level: &mut String,
) {
    let from_target = catalog.company(company).is_err() && catalog.role(role).is_err();
    if catalog.company(company).is_err() {
        company.clone_from(&target.company);
    }
    if catalog.role(role).is_err() {
        *role = target.role.id().to_owned();
    }
    if from_target && track.is_empty() {
        *track = target.track.clone().unwrap_or_default();
    }
    if !catalog.levels_of(company).any(|l| l.id == *level) {
        let targets = target
            .level
            .as_deref()
            .filter(|_| target.company == *company)
            .filter(|l| catalog.levels_of(company).any(|known| known.id == *l));
        *level = match targets {
            Some(l) => l.to_owned(),
            None => catalog
                .default_level(company)
                .map(|l| l.id.clone())
                .unwrap_or_default(),
        };
    }
}

/// A target loop as a page names it: "Amazon PM (PM-T), L6, interview Fri 2027-01-15", with
/// the track and the date only when the profile gives them.
pub(crate) fn target_heading(catalog: &Catalog, target: &LoopChoice) -> String {
    let mut out = catalog
        .company(&target.company)
        .map_or_else(|_| target.company.clone(), |c| c.name.clone());
    out.push(' ');
    out.push_str(target.role.label());
    if let Some(track) = &target.track {
        out.push_str(&format!(" ({})", track_label(track)));
    }
    if let Some(level) = target.level.as_deref() {
        let name = catalog
            .levels_of(&target.company)
            .find(|l| l.id == level)
            .map_or_else(|| level.to_ascii_uppercase(), |l| l.name.clone());
        out.push_str(&format!(", {name}"));
    }
    if let Some(d) = target.interview_date {
        out.push_str(&format!(", interview {} {d}", d.weekday().short()));
    }
    out
}
