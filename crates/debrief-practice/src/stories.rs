//! The story bank: a candidate's STAR stories, each linted by the grader, and their coverage of
//! a loop's weighted Leadership Principles.

use debrief_coach::story::{self, Coverage, Format, Story, StoryLint};
use debrief_store::{Page, PageRequest, SavedStory, StoryId, UserId};
use serde::Serialize;

use crate::PracticeError;
use crate::app::{App, LoopChoice};

/// A saved story with its lint, or why it could not be linted (every part blank, or too
/// large to grade).
#[derive(Debug, Clone, Serialize)]
pub struct LintedStory {
    /// The story.
    #[serde(flatten)]
    pub saved: SavedStory,
    /// The grader's read of it.
    pub lint: Result<StoryLint, String>,
}

/// A loop's coverage by the story bank, and the stories it could not read.
#[derive(Debug, Clone, Serialize)]
pub struct BankCoverage {
    /// The loop the coverage is against.
    pub target: LoopChoice,
    /// The coverage of its weighted principles.
    #[serde(flatten)]
    pub coverage: Coverage,
    /// Stories left out because they could not be linted, with the reason.
    pub unread: Vec<(StoryId, String)>,
}

impl App {
    /// Every story of `user`, most recently changed first.
    pub async fn stories(&self, user: UserId) -> Result<Vec<SavedStory>, PracticeError> {
        Ok(self.store().stories(user.get()).await?)
    }

    /// Every story of `user` with its lint.
    pub async fn linted_stories(&self, user: UserId) -> Result<Vec<LintedStory>, PracticeError> {
        let stories = self.stories(user).await?;
        Ok(stories.into_iter().map(|s| self.linted(s)).collect())
    }

    /// One page of the stories of `user`, in the order of [`App::stories`], each with its lint
    /// (only this page's stories are read and linted).
    pub async fn story_page(
        &self,
        user: UserId,
        request: PageRequest,
    ) -> Result<Page<LintedStory>, PracticeError> {
        let page = self.store().stories_page(user.get(), request).await?;
        Ok(page.map(|s| self.linted(s)))
    }

    /// Story `id` of `user`.
    pub async fn story(&self, user: UserId, id: StoryId) -> Result<SavedStory, PracticeError> {
        self.store()
            .story(user.get(), id)
            .await?
            .ok_or(PracticeError::Missing {
                what: StoryId::WHAT,
                id: id.get(),
            })
    }

    /// A story with its lint.
    pub fn linted(&self, saved: SavedStory) -> LintedStory {
        let lint = story::lint(self.grader(), &saved.story).map_err(|e| e.to_string());
        LintedStory { saved, lint }
    }

    /// The problems that stop `story` being saved: no title, no STAR text, unknown principles.
    pub fn story_problems(&self, story: &Story) -> Vec<String> {
        story.check(self.catalog())
    }

    fn check(&self, story: &Story) -> Result<(), PracticeError> {
        let problems = self.story_problems(story);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(PracticeError::Invalid(format!(
                "the story was not saved: {}",
                problems.join("; ")
            )))
        }
    }

    /// Checks and saves a new story.
    pub async fn add_story(
        &self,
        user: UserId,
        story: &Story,
    ) -> Result<SavedStory, PracticeError> {
        let story = storable(story);
        self.check(&story)?;
        let now = self.clock().now();
        Ok(self.store().add_story(user.get(), &story, now).await?)
    }

    /// Checks and saves new text for story `id`.
    pub async fn update_story(
        &self,
        user: UserId,
        id: StoryId,
        story: &Story,
    ) -> Result<SavedStory, PracticeError> {
        let story = storable(story);
        self.check(&story)?;
        let now = self.clock().now();
        Ok(self
            .store()
            .update_story(user.get(), id, &story, now)
            .await?)
    }

    /// Deletes story `id`.
    pub async fn delete_story(&self, user: UserId, id: StoryId) -> Result<(), PracticeError> {
        Ok(self.store().delete_story(user.get(), id).await?)
    }

    /// Reads a story bank file and saves all of its stories, or none when any is not valid.
    pub async fn import_stories(
        &self,
        user: UserId,
        format: Format,
        text: &str,
    ) -> Result<Vec<StoryId>, PracticeError> {
        let mut stories = story::import(format, text)
            .map_err(|e| PracticeError::Invalid(format!("{e}; nothing was imported")))?;
        // A bank exported from an older SQLite data folder may hold NULs: it still imports,
        // into either store, with each one shown as U+FFFD.
        for s in &mut stories {
            s.replace_nul();
        }
        for (i, s) in stories.iter().enumerate() {
            let problems = self.story_problems(s);
            if !problems.is_empty() {
                return Err(PracticeError::Invalid(format!(
                    "story {} ({:?}): {}; nothing was imported",
                    i + 1,
                    s.title,
                    problems.join("; ")
                )));
            }
        }
        let now = self.clock().now();
        Ok(self
            .store()
            .import_stories(user.get(), &stories, now)
            .await?)
    }

    /// The whole bank as a file of `format`.
    pub async fn export_stories(
        &self,
        user: UserId,
        format: Format,
    ) -> Result<String, PracticeError> {
        let stories: Vec<Story> = self
            .stories(user)
            .await?
            .into_iter()
            .map(|s| s.story)
            .collect();
        Ok(story::export(format, &stories))
    }

    /// The bank's coverage of `target`'s weighted principles. A story that cannot be linted is
    /// left out and listed, so one bad story never hides the rest.
    pub async fn coverage(
        &self,
        user: UserId,
        target: &LoopChoice,
    ) -> Result<BankCoverage, PracticeError> {
        let linted = self.linted_stories(user).await?;
        self.coverage_of(&linted, target)
    }

    /// [`App::coverage`] of stories already linted, so a page that lists them too grades each
    /// story once.
    pub fn coverage_of(
        &self,
        linted: &[LintedStory],
        target: &LoopChoice,
    ) -> Result<BankCoverage, PracticeError> {
        let view = target.view(self.catalog())?;
        let mut unread = Vec::new();
        let mut rows: Vec<(String, &Story, &StoryLint)> = Vec::new();
        for l in linted {
            match &l.lint {
                Ok(lint) => rows.push((l.saved.id.to_string(), &l.saved.story, lint)),
                Err(reason) => unread.push((l.saved.id, reason.clone())),
            }
        }
        Ok(BankCoverage {
            target: target.clone(),
            coverage: story::coverage(self.catalog(), &view, &rows),
            unread,
        })
    }
}

/// `story` as every store can hold it: NUL characters shown as U+FFFD (see
/// [`Story::replace_nul`]). Saving goes through this, so the text policy is the same on SQLite
/// and PostgreSQL.
fn storable(story: &Story) -> std::borrow::Cow<'_, Story> {
    // Saving is rare and a story small: one copy, kept only when something changed.
    let mut owned = story.clone();
    if owned.replace_nul() == 0 {
        std::borrow::Cow::Borrowed(story)
    } else {
        std::borrow::Cow::Owned(owned)
    }
}
