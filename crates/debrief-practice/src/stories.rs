//! The story bank: a candidate's STAR stories, each linted by the grader, and their coverage of
//! a loop's weighted Leadership Principles.

use debrief_coach::story::{self, Coverage, Format, Story, StoryLint};
use debrief_store::{StoryId, UserId};
use serde::Serialize;

use crate::PracticeError;
use crate::app::{App, LoopChoice};

/// A saved story: its id, the story and when it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedStory {
    /// Its id.
    pub id: StoryId,
    /// The story.
    #[serde(flatten)]
    pub story: Story,
    /// When it was added (unix seconds).
    pub created_at: i64,
    /// When it last changed (unix seconds).
    pub updated_at: i64,
}

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

fn saved(row: &debrief_store::Story) -> SavedStory {
    SavedStory {
        id: StoryId::new(row.id),
        story: Story::from(row),
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

impl App {
    /// Every story of `user`, most recently changed first.
    pub async fn stories(&self, user: UserId) -> Result<Vec<SavedStory>, PracticeError> {
        let rows = self.store().stories(user.get()).await?;
        Ok(rows.iter().map(saved).collect())
    }

    /// Every story of `user` with its lint.
    pub async fn linted_stories(&self, user: UserId) -> Result<Vec<LintedStory>, PracticeError> {
        let stories = self.stories(user).await?;
        Ok(stories.into_iter().map(|s| self.linted(s)).collect())
    }

    /// Story `id` of `user`.
    pub async fn story(&self, user: UserId, id: StoryId) -> Result<SavedStory, PracticeError> {
        match self.store().story(user.get(), id.get()).await? {
            Some(row) => Ok(saved(&row)),
            None => Err(PracticeError::Missing {
                what: StoryId::WHAT,
                id: id.get(),
            }),
        }
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
        self.check(story)?;
        let now = self.clock().now();
        let row = self
            .store()
            .add_story(user.get(), &story.into(), now)
            .await?;
        Ok(saved(&row))
    }

    /// Checks and saves new text for story `id`.
    pub async fn update_story(
        &self,
        user: UserId,
        id: StoryId,
        story: &Story,
    ) -> Result<SavedStory, PracticeError> {
        self.check(story)?;
        let now = self.clock().now();
        let row = self
            .store()
            .update_story(user.get(), id.get(), &story.into(), now)
            .await?;
        Ok(saved(&row))
    }

    /// Deletes story `id`.
    pub async fn delete_story(&self, user: UserId, id: StoryId) -> Result<(), PracticeError> {
        Ok(self.store().delete_story(user.get(), id.get()).await?)
    }

    /// Reads a story bank file and saves all of its stories, or none when any is not valid.
    pub async fn import_stories(
        &self,
        user: UserId,
        format: Format,
        text: &str,
    ) -> Result<Vec<StoryId>, PracticeError> {
        let stories = story::import(format, text)
            .map_err(|e| PracticeError::Invalid(format!("{e}; nothing was imported")))?;
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
        let rows: Vec<debrief_store::NewStory> = stories.iter().map(Into::into).collect();
        let now = self.clock().now();
        let ids = self.store().import_stories(user.get(), &rows, now).await?;
        Ok(ids.into_iter().map(StoryId::new).collect())
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
        let view =
            self.catalog()
                .loop_view(&target.company, target.role.id(), target.level.as_deref())?;
        let linted = self.linted_stories(user).await?;
        let mut unread = Vec::new();
        let mut rows: Vec<(String, &Story, &StoryLint)> = Vec::new();
        for l in &linted {
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
