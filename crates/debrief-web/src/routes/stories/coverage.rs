//! The story bank's list and its coverage matrix against a loop's weighted Leadership
//! Principles, as the list page shows them.

use debrief_coach::mock::upper_first;
use debrief_coach::story;
use debrief_pack::Catalog;
use debrief_practice::{BankCoverage, LintedStory};
use debrief_store::StoryId;

use super::lint::strength_label;
use crate::ui::sentence;

/// Stories a cell of the matrix names, strongest first; the rest are counted. A cell needs only
/// its best few to say whether the principle is covered, and listing every tagged story would
/// grow the page with the bank.
const CELL_STORIES: usize = 5;

/// Stories the coverage left out that it names; the rest are counted.
const UNREAD_SHOWN: usize = 10;

/// A story as the list shows it.
pub(crate) struct StoryRow {
    pub id: StoryId,
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
    /// The strongest few stories tagged with it.
    pub stories: Vec<CellStory>,
    /// How many stories are tagged with it in all, and how many of them `stories` leaves out.
    pub count: usize,
    pub more: usize,
    pub covered: bool,
    pub gap: String,
}

/// A story the coverage left out because it could not be graded.
pub(crate) struct UnreadStory {
    pub href: String,
    pub title: String,
    pub reason: String,
}

/// The coverage panel.
pub(crate) struct CoverageView {
    /// The loop: "Amazon PMM, L5".
    pub heading: String,
    /// The loop's company id and role id, for the selects.
    pub company: String,
    pub role: &'static str,
    /// What the loop weights, in the company's word: "Leadership Principles", "hiring
    /// attributes".
    pub nouns: String,
    /// One of them, capitalised for the matrix's column: "Hiring attribute".
    pub noun_head: String,
    pub covered: usize,
    pub total: usize,
    pub urgent: Vec<String>,
    pub rows: Vec<CoverageRowView>,
    pub extra: Vec<CoverageRowView>,
    /// Stories left out of the matrix, with why (the first few), and how many more there are.
    pub unread: Vec<UnreadStory>,
    pub unread_more: usize,
}

fn cell(s: &story::CoveringStory) -> CellStory {
    CellStory {
        href: format!("/stories/{}", s.id),
        title: s.title.clone(),
        strength_id: s.strength.id(),
        strength_label: strength_label(s.strength),
        score: s.score,
    }
}

/// A cell's strongest stories (they come strongest first), how many there are in all and how
/// many are left out.
fn cells(stories: &[story::CoveringStory]) -> (Vec<CellStory>, usize, usize) {
    let shown: Vec<CellStory> = stories.iter().take(CELL_STORIES).map(cell).collect();
    let more = stories.len() - shown.len();
    (shown, stories.len(), more)
}

/// The coverage panel of the bank's coverage of one loop; `linted` names the stories it left
/// out.
pub(crate) fn coverage_view(
    catalog: &Catalog,
    bank: &BankCoverage,
    linted: &[LintedStory],
) -> CoverageView {
    let target = &bank.target;
    let entry = catalog.company(&target.company).ok();
    let company = entry.map_or(target.company.as_str(), |c| c.name.as_str());
    let (noun, nouns) = entry.map_or(("principle", "principles"), |c| {
        (c.principle_noun(), c.principles_noun())
    });
    let role = catalog
        .role(target.role.id())
        .map_or(target.role.label(), |(_, p)| p.short.as_str());
    let level = target.level.as_deref().map(|id| {
        catalog
            .levels_of(&target.company)
            .find(|l| l.id == id)
            .map_or(id, |l| l.name.as_str())
    });
    let name = debrief_pack::catalog::loop_name(company, role, target.track.as_deref());
    let heading = match level {
        Some(level) => format!("{name}, {level}"),
        None => name,
    };
    let coverage = &bank.coverage;
    CoverageView {
        heading,
        company: target.company.clone(),
        role: target.role.id(),
        nouns: nouns.to_owned(),
        noun_head: upper_first(noun),
        unread_more: bank.unread.len().saturating_sub(UNREAD_SHOWN),
        unread: bank
            .unread
            .iter()
            .take(UNREAD_SHOWN)
            .map(|(id, reason)| UnreadStory {
                href: format!("/stories/{id}"),
                title: linted
                    .iter()
                    .find(|l| l.saved.id == *id)
                    .map_or_else(|| format!("Story {id}"), |l| l.saved.story.title.clone()),
                reason: sentence(reason),
            })
            .collect(),
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
            .map(|r| {
                let (stories, count, more) = cells(&r.stories);
                CoverageRowView {
                    id: r.principle.clone(),
                    name: r.name.clone(),
                    weight: r.weight,
                    stories,
                    count,
                    more,
                    covered: r.covered,
                    gap: r.gap.clone().unwrap_or_default(),
                }
            })
            .collect(),
        extra: coverage
            .extra
            .iter()
            .map(|e| {
                let (stories, count, more) = cells(&e.stories);
                CoverageRowView {
                    id: e.principle.clone(),
                    name: catalog
                        .principle(&e.principle)
                        .map_or(e.name.clone(), |p| p.name.clone()),
                    weight: 0,
                    stories,
                    count,
                    more,
                    covered: true,
                    gap: String::new(),
                }
            })
            .collect(),
    }
}
