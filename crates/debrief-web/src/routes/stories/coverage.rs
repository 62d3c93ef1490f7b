//! The story bank's list and its coverage matrix against a loop's weighted Leadership
//! Principles, as the list page shows them.

use debrief_coach::story::{self, Coverage};
use debrief_pack::Catalog;

use super::lint::strength_label;

/// A story as the list shows it.
pub(crate) struct StoryRow {
    pub id: i64,
    pub title: String,
    pub graded: bool,
    pub score: u32,
    pub rating_label: &'static str,
    pub strength_id: &'static str,
    pub strength_label: &'static str,
    pub finding_count: usize,
    pub principles: Vec<String>,
    pub tags: Vec<String>,
    pub role: &'static str,
}

/// A story in a coverage cell.
pub(crate) struct CellStory {
    pub href: String,
    pub title: String,
    pub strength_id: &'static str,
    pub strength_label: &'static str,
    pub score: u32,
}

/// One principle of the matrix.
pub(crate) struct CoverageRowView {
    pub id: String,
    pub name: String,
    pub weight: u32,
    pub stories: Vec<CellStory>,
    pub covered: bool,
    pub gap: String,
}

/// The coverage panel.
pub(crate) struct CoverageView {
    pub heading: String,
    pub covered: usize,
    pub total: usize,
    pub urgent: Vec<String>,
    pub rows: Vec<CoverageRowView>,
    pub extra: Vec<CoverageRowView>,
}

/// What the import form had, to show it again after an error.
fn cell(s: &story::CoveringStory) -> CellStory {
    CellStory {
        href: format!("/stories/{}", s.id),
        title: s.title.clone(),
        strength_id: s.strength.id(),
        strength_label: strength_label(s.strength),
        score: s.score,
    }
}

/// The coverage panel of one loop, under `heading`.
pub(crate) fn coverage_view(
    catalog: &Catalog,
    coverage: &Coverage,
    heading: String,
) -> CoverageView {
    CoverageView {
        heading,
        covered: coverage.summary.covered,
        total: coverage.summary.total,
        urgent: coverage
            .summary
            .urgent
            .iter()
            .map(|g| g.message.clone())
            .collect(),
        rows: coverage
            .rows
            .iter()
            .map(|r| CoverageRowView {
                id: r.principle.clone(),
                name: r.name.clone(),
                weight: r.weight,
                stories: r.stories.iter().map(cell).collect(),
                covered: r.covered,
                gap: r.gap.clone().unwrap_or_default(),
            })
            .collect(),
        extra: coverage
            .extra
            .iter()
            .map(|e| CoverageRowView {
                id: e.principle.clone(),
                name: catalog
                    .principle(&e.principle)
                    .map_or(e.name.clone(), |p| p.name.clone()),
                weight: 0,
                stories: e.stories.iter().map(cell).collect(),
                covered: true,
                gap: String::new(),
            })
            .collect(),
    }
}
