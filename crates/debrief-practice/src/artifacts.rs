//! Artifact drills: a document a loop asks for (a PR/FAQ, a battlecard, ...) written against
//! one of its kind's prompts, checked the way a reviewer reads it, and kept in the candidate's
//! history as an attempt, so progress shows each kind's scores over time.
//!
//! An attempt of a drill has source `artifact` and round kind `artifact:<kind id>`
//! ([`artifact_key`]); its summary is the shape every attempt's is (no rubric dimensions and
//! no principles, so the answer plots stay answers) with the drill's own part beside it
//! ([`ArtifactSummary`]). The document is kept as checked, so the report can be shown again:
//! the checker is deterministic, and [`App::artifact_attempt`] checks the kept text again with
//! the content of the day.
//!
//! While the candidate writes, the document is kept as a draft on the server (one per kind and
//! prompt, [`App::save_drill_draft`]), as a mock loop's answers are, and dropped once it is
//! checked.
//!
//! A drill reviews no spaced-repetition card: the schedule's cards are round kinds and
//! principles, each brought back with a bank question to answer, and a document is neither.

use debrief_coach::progress::{AttemptSummary, Source, artifact_key, artifact_of};
use debrief_grader::artifact::{
    ArtifactDimensionScore, ArtifactError, ArtifactReport, ArtifactRequest, MAX_DOCUMENT_BYTES,
};
use debrief_pack::{ArtifactKind, ArtifactPrompt, Role};
use debrief_store::{Attempt, AttemptId, DrillDraft, NewAttempt, UserId};
use serde::{Deserialize, Serialize};

use crate::PracticeError;
use crate::app::App;

/// The longest a drill can plausibly take, in seconds: a time beyond it (a page left open for
/// days) is not recorded.
pub const MAX_DRILL_SECONDS: u32 = 24 * 60 * 60;

/// A checked document with the attempt it is kept as.
#[derive(Debug, Clone, Serialize)]
pub struct CheckedArtifact {
    /// The attempt in the history: when, the score and rating recorded, the document.
    pub attempt: Attempt,
    /// The artifact kind id.
    pub kind: String,
    /// The prompt it answers, by id, when it answers one.
    pub prompt: Option<String>,
    /// How long the drill took, in seconds, when known.
    pub seconds: Option<u32>,
    /// The checker's report of the document (for an attempt read back, checked again now).
    pub report: ArtifactReport,
}

/// One section of a checked document, as the summary keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionPoint {
    /// Section id.
    pub id: String,
    /// Whether the document has it with words under it.
    pub present: bool,
    /// Words under it.
    pub words: usize,
    /// 0 to 4; none for an optional section left out.
    pub score: Option<f64>,
}

/// What a drill's attempt keeps besides its columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArtifactSummary {
    /// The artifact kind id.
    #[serde(default)]
    pub kind: String,
    /// The prompt answered, by id.
    #[serde(default)]
    pub prompt: Option<String>,
    /// How long the drill took, in seconds, when known.
    #[serde(default)]
    pub seconds: Option<u32>,
    /// The kind's sections, in order.
    #[serde(default)]
    pub sections: Vec<SectionPoint>,
    /// The kind's rubric dimensions, scored 0 to 4.
    #[serde(default)]
    pub dimensions: Vec<ArtifactDimensionScore>,
    /// The checks that raised findings, in document order, once per finding.
    #[serde(default)]
    pub findings: Vec<String>,
}

impl ArtifactSummary {
    /// The summary of `report`, a document answering `prompt` in `seconds`.
    pub fn of(report: &ArtifactReport, prompt: Option<&str>, seconds: Option<u32>) -> Self {
        ArtifactSummary {
            kind: report.kind.clone(),
            prompt: prompt.map(str::to_owned),
            seconds,
            sections: report
                .sections
                .iter()
                .map(|s| SectionPoint {
                    id: s.id.clone(),
                    present: s.present,
                    words: s.words,
                    score: s.score,
                })
                .collect(),
            dimensions: report.dimensions.clone(),
            findings: report.findings.iter().map(|f| f.check.clone()).collect(),
        }
    }

    /// The drill's part of an attempt's summary JSON; `None` when it has none or does not read.
    pub fn read(summary_json: &str) -> Option<ArtifactSummary> {
        serde_json::from_str::<Stored>(summary_json)
            .ok()
            .map(|s| s.artifact)
    }
}

/// An artifact attempt's summary JSON: the fields every attempt's summary has (the rubric
/// named `artifact:<kind>`, no rubric dimensions, no principles) and the drill's own.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    #[serde(flatten)]
    base: AttemptSummary,
    artifact: ArtifactSummary,
}

/// The role a drill counts for: the prompt's when it names one, else the kind's when it has
/// one, else none.
fn role_of(kind: &ArtifactKind, prompt: Option<&ArtifactPrompt>) -> Option<Role> {
    let one = |roles: &[String]| match roles {
        [only] => Role::parse(only),
        _ => None,
    };
    prompt
        .and_then(|p| one(&p.roles))
        .or_else(|| one(&kind.roles))
}

impl App {
    /// The artifact kind `kind` and its prompt `prompt_id` (none for the candidate's own
    /// topic), as the content names them.
    fn drill_of(
        &self,
        kind: &str,
        prompt_id: Option<&str>,
    ) -> Result<(&ArtifactKind, Option<&ArtifactPrompt>), PracticeError> {
        let catalog = self.catalog();
        let kind = catalog.artifact_kind(kind)?;
        let prompt = prompt_id
            .map(|id| catalog.artifact_prompt(kind, id))
            .transpose()?;
        Ok((kind, prompt))
    }

    /// Checks `text` as a document of artifact kind `kind` answering prompt `prompt_id` (an id
    /// of the kind's prompts; none for a document of the candidate's own), and records it in
    /// `user`'s history. `seconds` is how long the drill took, when known; more than a day is
    /// not recorded. The text is checked as it is saved (`debrief_text::storable`), so every
    /// span of the report indexes the kept document.
    pub async fn check_artifact(
        &self,
        user: UserId,
        kind: &str,
        prompt_id: Option<&str>,
        text: &str,
        seconds: Option<u32>,
    ) -> Result<CheckedArtifact, PracticeError> {
        let (kind, prompt) = self.drill_of(kind, prompt_id)?;
        let text = debrief_text::storable(text).into_owned();
        let report = self.grader().check_artifact(&ArtifactRequest {
            kind: kind.id.clone(),
            text: text.clone(),
            prompt: prompt.map(|p| p.text.clone()),
        })?;
        let seconds = seconds.filter(|s| *s <= MAX_DRILL_SECONDS);
        let prompt_id = prompt.map(|p| p.id.as_str());
        let key = artifact_key(&kind.id);
        let summary = Stored {
            base: AttemptSummary {
                rubric: key.clone(),
                ..AttemptSummary::default()
            },
            artifact: ArtifactSummary::of(&report, prompt_id, seconds),
        };
        let attempt = self
            .store()
            .record_attempt(
                user.get(),
                &NewAttempt {
                    source: Source::Artifact.id().to_owned(),
                    mock_id: None,
                    question_id: None,
                    round_kind: key,
                    role: role_of(kind, prompt).map(|r| r.id().to_owned()),
                    company: None,
                    score: i64::from(report.score),
                    rating: report.rating.id().to_owned(),
                    answer: text,
                    summary_json: serde_json::to_string(&summary)?,
                },
                self.clock().now(),
            )
            .await?;
        // The draft is done with. Failing to drop it loses nothing: the document is kept in
        // the history, and the draft only comes back in the box next time.
        let _ = self
            .store()
            .delete_drill_draft(user.get(), &kind.id, prompt_id.unwrap_or_default())
            .await;
        Ok(CheckedArtifact {
            attempt,
            kind: kind.id.clone(),
            prompt: prompt_id.map(str::to_owned),
            seconds,
            report,
        })
    }

    /// Saves `text` as `user`'s draft of a drill of `kind` on `prompt_id` (none for their own
    /// topic), begun at `started` (unix seconds; a later save keeps the first start, so the
    /// drill's clock survives a reload or another device). A document past the checker's size
    /// limit is refused, as the check would refuse it.
    pub async fn save_drill_draft(
        &self,
        user: UserId,
        kind: &str,
        prompt_id: Option<&str>,
        text: &str,
        started: i64,
    ) -> Result<DrillDraft, PracticeError> {
        let (kind, prompt) = self.drill_of(kind, prompt_id)?;
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(ArtifactError::TooLarge(text.len()).into());
        }
        let text = debrief_text::storable(text);
        let now = self.clock().now();
        Ok(self
            .store()
            .save_drill_draft(
                user.get(),
                &kind.id,
                prompt.map_or("", |p| p.id.as_str()),
                &text,
                started,
                now,
            )
            .await?)
    }

    /// `user`'s saved draft of a drill of `kind` on `prompt_id`, if there is one.
    pub async fn drill_draft(
        &self,
        user: UserId,
        kind: &str,
        prompt_id: Option<&str>,
    ) -> Result<Option<DrillDraft>, PracticeError> {
        let (kind, prompt) = self.drill_of(kind, prompt_id)?;
        Ok(self
            .store()
            .drill_draft(user.get(), &kind.id, prompt.map_or("", |p| p.id.as_str()))
            .await?)
    }

    /// Drill `id` of `user`, its document checked again with today's content (the checker is
    /// deterministic, so the report is the one first shown unless the content changed; the
    /// attempt keeps the score recorded then). [`PracticeError::Missing`] when the user has no
    /// such attempt or it is not a drill; a prompt the content no longer has is left out.
    pub async fn artifact_attempt(
        &self,
        user: UserId,
        id: AttemptId,
    ) -> Result<CheckedArtifact, PracticeError> {
        let missing = || PracticeError::Missing {
            what: "artifact drill",
            id: id.get(),
        };
        let attempt = self
            .store()
            .attempt(user.get(), id.get())
            .await?
            .ok_or_else(missing)?;
        let Some(kind_id) = artifact_of(&attempt.round_kind)
            .filter(|_| attempt.source == Source::Artifact.id())
            .map(str::to_owned)
        else {
            return Err(missing());
        };
        let catalog = self.catalog();
        let kind = catalog.artifact_kind(&kind_id)?;
        let summary = ArtifactSummary::read(&attempt.summary_json).unwrap_or_default();
        let prompt = summary
            .prompt
            .as_deref()
            .and_then(|p| catalog.artifact_prompt(kind, p).ok());
        let report = self.grader().check_artifact(&ArtifactRequest {
            kind: kind.id.clone(),
            text: attempt.answer.clone(),
            prompt: prompt.map(|p| p.text.clone()),
        })?;
        Ok(CheckedArtifact {
            kind: kind.id.clone(),
            prompt: prompt.map(|p| p.id.clone()),
            seconds: summary.seconds,
            report,
            attempt,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drill_counts_for_the_one_role_its_prompt_or_kind_names() {
        let prompt = |roles: &[&str]| ArtifactPrompt {
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            ..ArtifactPrompt::default()
        };
        let kind = |roles: &[&str]| ArtifactKind {
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            ..ArtifactKind::default()
        };
        let both = kind(&["pm", "pmm"]);
        assert_eq!(role_of(&both, Some(&prompt(&["pmm"]))), Some(Role::Pmm));
        assert_eq!(role_of(&both, Some(&prompt(&[]))), None);
        assert_eq!(role_of(&both, None), None);
        assert_eq!(role_of(&kind(&["pm"]), Some(&prompt(&[]))), Some(Role::Pm));
    }

    #[test]
    fn the_summary_reads_as_any_attempts_and_as_a_drills() {
        let stored = Stored {
            base: AttemptSummary {
                rubric: artifact_key("prfaq"),
                ..AttemptSummary::default()
            },
            artifact: ArtifactSummary {
                kind: "prfaq".into(),
                prompt: Some("prfaq-1".into()),
                seconds: Some(600),
                findings: vec!["fluff".into()],
                ..ArtifactSummary::default()
            },
        };
        let json = serde_json::to_string(&stored).expect("json");
        let base: AttemptSummary = serde_json::from_str(&json).expect("an attempt's summary");
        assert_eq!(base.rubric, "artifact:prfaq");
        assert!(base.dimensions.is_empty() && base.lps.is_empty());
        assert_eq!(ArtifactSummary::read(&json), Some(stored.artifact));
        assert_eq!(ArtifactSummary::read(r#"{"lps":["x"]}"#), None);
        assert_eq!(ArtifactSummary::read("not json"), None);
    }
}
