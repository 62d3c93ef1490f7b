//! `debrief stories`: the STAR story bank, kept in the store, linted by the grader, and
//! checked against a loop's weighted Leadership Principles.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use debrief_coach::story::{self, Format, Story};
use debrief_pack::Role;
use debrief_practice::{App, PracticeError, SavedStory};
use debrief_store::{StoryId, UserId};

use crate::store::Local;
use crate::{Usage, print_json, print_text};

/// The parts of a story, as flags.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct StoryFields {
    /// A short name you will recognise.
    #[arg(long)]
    title: Option<String>,
    /// S: the context.
    #[arg(long)]
    situation: Option<String>,
    /// T: your goal or assignment.
    #[arg(long)]
    task: Option<String>,
    /// A: what you did.
    #[arg(long)]
    action: Option<String>,
    /// R: what came of it, and the lesson.
    #[arg(long)]
    result: Option<String>,
    /// The numbers behind the result.
    #[arg(long)]
    metrics: Option<String>,
    /// Labels, comma-separated.
    #[arg(long, value_delimiter = ',')]
    tags: Option<Vec<String>>,
    /// Leadership Principle ids, comma-separated (e.g. earn-trust,dive-deep).
    #[arg(long, value_delimiter = ',')]
    lps: Option<Vec<String>>,
    /// The role the story is told for: pm or pmm.
    #[arg(long)]
    role: Option<String>,
}

/// `debrief stories ...`.
#[derive(Debug, Subcommand)]
pub enum StoriesCommand {
    /// Add a story from flags, or from a JSON file holding one story.
    #[command(after_help = "\
Examples:
  debrief stories add --title \"Checkout rollback\" --situation \"...\" --action \"...\" \\
      --result \"...\" --lps dive-deep,deliver-results --role pm
  debrief stories add --from story.json")]
    Add {
        /// A JSON file with one story: {\"title\": ..., \"situation\": ..., \"lps\": [...]}.
        #[arg(long, value_name = "FILE.json")]
        from: Option<PathBuf>,
        #[command(flatten)]
        fields: StoryFields,
        /// Print the saved story as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List your stories, newest first, with their strength.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show one story with its lint findings in place.
    Show {
        /// Story id.
        id: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change the given fields of a story.
    Edit {
        /// Story id.
        id: i64,
        #[command(flatten)]
        fields: StoryFields,
    },
    /// Delete a story.
    Rm {
        /// Story id.
        id: i64,
    },
    /// Grade every story (or one) as a behavioral answer.
    Lint {
        /// Story id; every story when omitted.
        id: Option<i64>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Which of a loop's weighted Leadership Principles your stories cover, and the gaps.
    #[command(after_help = "\
Examples:
  debrief stories coverage amazon pmm
  debrief stories coverage amazon pm --json | jq '.summary'
  debrief stories coverage          your target's loop (profile, else newest plan or mock)")]
    Coverage {
        /// Company id; without company and role, your profile's loop (else your newest plan's
        /// or mock's).
        company: Option<String>,
        /// Role id.
        role: Option<String>,
        /// A track within the role that has a loop of its own, e.g. pm-t (Amazon's technical PM
        /// track). Left out with company and role given: the role's own loop.
        #[arg(long)]
        track: Option<String>,
        /// Level id.
        #[arg(long)]
        level: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write every story as JSON, Markdown or CSV (standard output unless --output).
    Export {
        /// json, md or csv.
        #[arg(long, default_value = "json")]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Add the stories of a JSON, Markdown or CSV file: all of them, or none on any error.
    Import {
        /// The file; its extension picks the format unless --format says otherwise.
        file: PathBuf,
        /// json, md or csv.
        #[arg(long)]
        format: Option<String>,
    },
}

impl StoryFields {
    /// Lays the given fields over `story`.
    fn apply(self, story: &mut Story) -> Result<(), Usage> {
        let set = |slot: &mut String, value: Option<String>| {
            if let Some(v) = value {
                *slot = v;
            }
        };
        set(&mut story.title, self.title);
        set(&mut story.situation, self.situation);
        set(&mut story.task, self.task);
        set(&mut story.action, self.action);
        set(&mut story.result, self.result);
        set(&mut story.metrics, self.metrics);
        let trim = |v: Vec<String>| {
            v.into_iter()
                .map(|x| x.trim().to_owned())
                .filter(|x| !x.is_empty())
                .collect()
        };
        if let Some(t) = self.tags {
            story.tags = trim(t);
        }
        if let Some(l) = self.lps {
            story.lps = trim(l);
        }
        if let Some(r) = self.role {
            story.role = match r.trim() {
                "" => None,
                text => Some(Role::parse(text).ok_or_else(|| {
                    Usage(format!("unknown role `{text}`; valid roles: pm, pmm"))
                })?),
            };
        }
        Ok(())
    }
}

/// A story id from the command line, or a usage error pointing at the list.
fn story_id(id: i64) -> StoryId {
    StoryId::new(id)
}

/// A workflow error as the terminal shows it: a missing story points at the list, and bad
/// input is a usage error (exit 2).
fn usage(e: PracticeError) -> anyhow::Error {
    match e {
        PracticeError::Missing { what, id } => Usage(format!(
            "no {what} with id {id}; `debrief stories list` shows the ids"
        ))
        .into(),
        PracticeError::Invalid(m) => Usage(m).into(),
        PracticeError::Lookup(e) => Usage(e.to_string()).into(),
        other => other.into(),
    }
}

/// `debrief stories`.
pub fn run(local: &Local, command: StoriesCommand) -> anyhow::Result<ExitCode> {
    local.block_on(async |app: &App, user: UserId| {
        match command {
            StoriesCommand::Add { from, fields, json } => {
                let mut story = match from {
                    Some(path) => read_one(&path)?,
                    None => Story::default(),
                };
                fields.apply(&mut story)?;
                let saved = app.add_story(user, &story).await.map_err(usage)?;
                if json {
                    print_json(&saved)?;
                } else {
                    print_text(&format!(
                        "Saved story {}: {}\n",
                        saved.id, saved.story.title
                    ))?;
                }
            }
            StoriesCommand::List { json } => {
                let stories = app.linted_stories(user).await.map_err(usage)?;
                if json {
                    let saved: Vec<&SavedStory> = stories.iter().map(|s| &s.saved).collect();
                    print_json(&saved)?;
                } else if stories.is_empty() {
                    print_text(
                        "No stories yet. Add one with `debrief stories add --title ...`.\n",
                    )?;
                } else {
                    let mut out = String::new();
                    for s in &stories {
                        let strength = s.lint.as_ref().map_or("?".to_owned(), |l| {
                            format!("{:?} {}/100", l.strength, l.score)
                        });
                        let _ = writeln!(
                            out,
                            "{:>4}  {:<40}  {:<14}  {}",
                            s.saved.id,
                            truncate(&s.saved.story.title, 40),
                            strength,
                            s.saved.story.lps.join(", ")
                        );
                    }
                    print_text(&out)?;
                }
            }
            StoriesCommand::Show { id, json } => {
                let s = app.linted(app.story(user, story_id(id)).await.map_err(usage)?);
                let lint = s.lint.clone().map_err(Usage)?;
                if json {
                    print_json(&serde_json::json!({ "story": s.saved, "lint": lint }))?;
                } else {
                    print_text(&render_story(&s.saved, &lint))?;
                }
            }
            StoriesCommand::Edit { id, fields } => {
                let mut story = app.story(user, story_id(id)).await.map_err(usage)?.story;
                fields.apply(&mut story)?;
                app.update_story(user, story_id(id), &story)
                    .await
                    .map_err(usage)?;
                print_text(&format!("Updated story {id}\n"))?;
            }
            StoriesCommand::Rm { id } => {
                app.story(user, story_id(id)).await.map_err(usage)?;
                app.delete_story(user, story_id(id)).await.map_err(usage)?;
                print_text(&format!("Deleted story {id}\n"))?;
            }
            StoriesCommand::Lint { id, json } => {
                let stories = match id {
                    Some(id) => {
                        vec![app.linted(app.story(user, story_id(id)).await.map_err(usage)?)]
                    }
                    None => app.linted_stories(user).await.map_err(usage)?,
                };
                let mut lints = Vec::new();
                for s in &stories {
                    let lint = s
                        .lint
                        .as_ref()
                        .map_err(|e| Usage(format!("story {}: {e}", s.saved.id)))?;
                    lints.push((&s.saved, lint));
                }
                if json {
                    let rows: Vec<_> = lints
                        .iter()
                        .map(|(s, l)| {
                            serde_json::json!({ "id": s.id, "title": s.story.title, "lint": l })
                        })
                        .collect();
                    print_json(&rows)?;
                } else {
                    let mut out = String::new();
                    for (s, l) in &lints {
                        let _ = writeln!(
                            out,
                            "{:>4}  {}  {}/100 {} ({:?})",
                            s.id,
                            s.story.title,
                            l.score,
                            l.rating.label(),
                            l.strength
                        );
                        for f in &l.findings {
                            let _ = writeln!(
                                out,
                                "        {} \"{}\": {}",
                                f.part.label(),
                                truncate(&f.text, 50),
                                f.message
                            );
                        }
                    }
                    print_text(&out)?;
                }
            }
            StoriesCommand::Coverage {
                company,
                role,
                track,
                level,
                json,
            } => {
                let target = app
                    .choose_loop(
                        user,
                        company.as_deref(),
                        role.as_deref(),
                        track.as_deref(),
                        level,
                    )
                    .await
                    .map_err(usage)?;
                let bank = app.coverage(user, &target).await.map_err(usage)?;
                if json {
                    print_json(&bank)?;
                } else {
                    let coverage = &bank.coverage;
                    let mut out = format!("{}\n\n", coverage.summary.text);
                    for r in &coverage.rows {
                        let ids: Vec<&str> = r.stories.iter().map(|s| s.id.as_str()).collect();
                        let state = r
                            .gap
                            .clone()
                            .unwrap_or_else(|| format!("{}: covered", r.name));
                        let _ = writeln!(
                            out,
                            "  {:>2}  {:<45} stories: {}",
                            r.weight,
                            state,
                            if ids.is_empty() {
                                "-".to_owned()
                            } else {
                                ids.join(", ")
                            }
                        );
                    }
                    for (id, reason) in &bank.unread {
                        let _ = writeln!(out, "  story {id} was left out: {reason}");
                    }
                    print_text(&out)?;
                }
            }
            StoriesCommand::Export { format, output } => {
                let format = Format::parse(&format).ok_or_else(|| {
                    Usage(format!("unknown format `{format}`; use json, md or csv"))
                })?;
                let text = app.export_stories(user, format).await.map_err(usage)?;
                match output {
                    Some(path) => std::fs::write(&path, text)
                        .map_err(|e| Usage(format!("cannot write {}: {e}", path.display())))?,
                    None => print_text(&text)?,
                }
            }
            StoriesCommand::Import { file, format } => {
                let format = match format {
                    Some(f) => Format::parse(&f).ok_or_else(|| {
                        Usage(format!("unknown format `{f}`; use json, md or csv"))
                    })?,
                    None => Format::from_file_name(&file.to_string_lossy()).ok_or_else(|| {
                        Usage(format!(
                            "cannot tell the format of {}; pass --format json, md or csv",
                            file.display()
                        ))
                    })?,
                };
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| Usage(format!("cannot read {}: {e}", file.display())))?;
                let ids = app
                    .import_stories(user, format, &text)
                    .await
                    .map_err(|e| match e {
                        PracticeError::Invalid(m) => {
                            Usage(format!("{}: {m}", file.display())).into()
                        }
                        other => usage(other),
                    })?;
                print_text(&format!("Imported {} stories\n", ids.len()))?;
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn read_one(path: &Path) -> Result<Story, Usage> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Usage(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| {
        Usage(format!(
            "{} is not one story as JSON: {e}; expected {{\"title\": ..., \"situation\": ..., \"task\": ..., \
             \"action\": ..., \"result\": ..., \"lps\": [...]}}",
            path.display()
        ))
    })
}

fn truncate(text: &str, n: usize) -> String {
    let mut out: String = text.chars().take(n).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

fn render_story(s: &SavedStory, lint: &story::StoryLint) -> String {
    let mut out = format!("{} (story {})\n", s.story.title, s.id);
    let _ = writeln!(
        out,
        "{}/100 · {} · {:?}",
        lint.score,
        lint.rating.label(),
        lint.strength
    );
    if !s.story.lps.is_empty() {
        let _ = writeln!(out, "Principles: {}", s.story.lps.join(", "));
    }
    for part in story::Part::ALL {
        let text = s.story.part(part);
        if text.trim().is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}:\n  {}", part.label(), text.replace('\n', "\n  "));
        for f in lint.findings.iter().filter(|f| f.part == part) {
            let _ = writeln!(
                out,
                "  ! \"{}\": {} Instead: {}",
                f.text, f.message, f.suggestion
            );
        }
    }
    out
}
