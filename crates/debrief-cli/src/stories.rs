//! `debrief stories`: the STAR story bank, kept in the store, linted by the grader, and
//! checked against a loop's weighted Leadership Principles.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use debrief_coach::story::{self, Format, Story};
use debrief_grader::Grader;
use debrief_pack::{Catalog, Role};
use debrief_store::{NewStory, Store};

use crate::store::{Local, now};
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
  debrief stories coverage amazon pm --json | jq '.summary'")]
    Coverage {
        /// Company id.
        company: String,
        /// Role id.
        role: String,
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

fn to_core(s: &debrief_store::Story) -> Story {
    s.into()
}

fn to_new(s: &Story) -> NewStory {
    s.into()
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

/// Problems that stop a story being saved: no title, no STAR text, unknown principles.
fn check(catalog: &Catalog, story: &Story) -> Result<(), Usage> {
    let problems = story.check(catalog);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Usage(format!(
            "the story was not saved: {}",
            problems.join("; ")
        )))
    }
}

async fn find(store: &Store, user: i64, id: i64) -> anyhow::Result<debrief_store::Story> {
    store.story(user, id).await?.ok_or_else(|| {
        Usage(format!(
            "no story with id {id}; `debrief stories list` shows the ids"
        ))
        .into()
    })
}

/// `debrief stories`.
pub fn run(grader: &Grader, local: &Local, command: StoriesCommand) -> anyhow::Result<ExitCode> {
    let catalog = grader.catalog();
    local.block_on(async |store: &Store, user: i64| {
        match command {
            StoriesCommand::Add { from, fields, json } => {
                let mut story = match from {
                    Some(path) => read_one(&path)?,
                    None => Story::default(),
                };
                fields.apply(&mut story)?;
                check(catalog, &story)?;
                let saved = store.add_story(user, &to_new(&story), now()).await?;
                if json {
                    print_json(&saved)?;
                } else {
                    print_text(&format!("Saved story {}: {}\n", saved.id, saved.title))?;
                }
            }
            StoriesCommand::List { json } => {
                let stories = store.stories(user).await?;
                if json {
                    print_json(&stories)?;
                } else if stories.is_empty() {
                    print_text(
                        "No stories yet. Add one with `debrief stories add --title ...`.\n",
                    )?;
                } else {
                    let mut out = String::new();
                    for s in &stories {
                        let lint = story::lint(grader, &to_core(s)).ok();
                        let strength = lint.as_ref().map_or("?".to_owned(), |l| {
                            format!("{:?} {}/100", l.strength, l.score)
                        });
                        let _ = writeln!(
                            out,
                            "{:>4}  {:<40}  {:<14}  {}",
                            s.id,
                            truncate(&s.title, 40),
                            strength,
                            s.lps.join(", ")
                        );
                    }
                    print_text(&out)?;
                }
            }
            StoriesCommand::Show { id, json } => {
                let s = find(store, user, id).await?;
                let core = to_core(&s);
                let lint = story::lint(grader, &core).map_err(|e| Usage(e.to_string()))?;
                if json {
                    print_json(&serde_json::json!({ "story": s, "lint": lint }))?;
                } else {
                    print_text(&render_story(&s, &core, &lint))?;
                }
            }
            StoriesCommand::Edit { id, fields } => {
                let s = find(store, user, id).await?;
                let mut core = to_core(&s);
                fields.apply(&mut core)?;
                check(catalog, &core)?;
                store.update_story(user, id, &to_new(&core), now()).await?;
                print_text(&format!("Updated story {id}\n"))?;
            }
            StoriesCommand::Rm { id } => {
                find(store, user, id).await?;
                store.delete_story(user, id).await?;
                print_text(&format!("Deleted story {id}\n"))?;
            }
            StoriesCommand::Lint { id, json } => {
                let stories = match id {
                    Some(id) => vec![find(store, user, id).await?],
                    None => store.stories(user).await?,
                };
                let mut lints = Vec::new();
                for s in &stories {
                    let lint = story::lint(grader, &to_core(s))
                        .map_err(|e| Usage(format!("story {}: {e}", s.id)))?;
                    lints.push((s, lint));
                }
                if json {
                    let rows: Vec<_> = lints
                        .iter()
                        .map(
                            |(s, l)| serde_json::json!({ "id": s.id, "title": s.title, "lint": l }),
                        )
                        .collect();
                    print_json(&rows)?;
                } else {
                    let mut out = String::new();
                    for (s, l) in &lints {
                        let _ = writeln!(
                            out,
                            "{:>4}  {}  {}/100 {} ({:?})",
                            s.id,
                            s.title,
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
                level,
                json,
            } => {
                let view = catalog
                    .loop_view(&company, &role, level.as_deref())
                    .map_err(|e| Usage(e.to_string()))?;
                let stories = store.stories(user).await?;
                let cores: Vec<(String, Story)> = stories
                    .iter()
                    .map(|s| (s.id.to_string(), to_core(s)))
                    .collect();
                let mut lints = Vec::new();
                for (_, c) in &cores {
                    lints.push(story::lint(grader, c).map_err(|e| Usage(e.to_string()))?);
                }
                let rows: Vec<(String, &Story, &story::StoryLint)> = cores
                    .iter()
                    .zip(&lints)
                    .map(|((id, c), l)| (id.clone(), c, l))
                    .collect();
                let coverage = story::coverage(catalog, &view, &rows);
                if json {
                    print_json(&coverage)?;
                } else {
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
                    print_text(&out)?;
                }
            }
            StoriesCommand::Export { format, output } => {
                let format = Format::parse(&format).ok_or_else(|| {
                    Usage(format!("unknown format `{format}`; use json, md or csv"))
                })?;
                let stories: Vec<Story> = store.stories(user).await?.iter().map(to_core).collect();
                let text = story::export(format, &stories);
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
                let stories = story::import(format, &text)
                    .map_err(|e| Usage(format!("{}: {e}; nothing was imported", file.display())))?;
                for (i, s) in stories.iter().enumerate() {
                    let problems = s.check(catalog);
                    if !problems.is_empty() {
                        return Err(Usage(format!(
                            "story {} ({:?}): {}; nothing was imported",
                            i + 1,
                            s.title,
                            problems.join("; ")
                        ))
                        .into());
                    }
                }
                let news: Vec<NewStory> = stories.iter().map(to_new).collect();
                let ids = store.import_stories(user, &news, now()).await?;
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

fn render_story(s: &debrief_store::Story, core: &Story, lint: &story::StoryLint) -> String {
    let mut out = format!("{} (story {})\n", s.title, s.id);
    let _ = writeln!(
        out,
        "{}/100 · {} · {:?}",
        lint.score,
        lint.rating.label(),
        lint.strength
    );
    if !s.lps.is_empty() {
        let _ = writeln!(out, "Principles: {}", s.lps.join(", "));
    }
    for part in story::Part::ALL {
        let text = core.part(part);
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
