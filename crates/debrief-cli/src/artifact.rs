//! `debrief artifact`: the documents loops ask for. Lists the kinds and their prompts, prints a
//! kind's template, and checks a document with the core checker, or with `--save` through
//! `App::check_artifact`, which also keeps it in the candidate's history (the web app's drills
//! call the same method); this file parses, calls and prints.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;
use debrief_grader::Grader;
use debrief_grader::artifact::{self, ArtifactReport, ArtifactRequest};
use debrief_pack::ArtifactKind;
use debrief_practice::{App, PracticeError};
use debrief_store::UserId;
use serde::Serialize;

use crate::store::Local;
use crate::{Usage, print_json, print_text};

/// `debrief artifact` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum ArtifactCommand {
    /// The artifact kinds: what each is, its sections and its time budget.
    Kinds {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Exercise prompts, for one kind or all.
    Prompts {
        /// Only this kind, e.g. prfaq.
        #[arg(long)]
        kind: Option<String>,
        /// Only prompts for this role (pm, pmm).
        #[arg(long)]
        role: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print a kind's template: its sections in order, each with a line of guidance.
    New {
        /// The kind, e.g. prfaq.
        #[arg(long)]
        kind: String,
    },
    /// Check a document the way a reviewer reads it: sections, budgets, and the findings of
    /// each section's checks, with a score per section and a rating.
    #[command(after_help = "\
Examples:
  debrief artifact new --kind prfaq > prfaq.md
  debrief artifact check prfaq.md --kind prfaq --prompt prfaq-1
  debrief artifact check prfaq.md --kind prfaq --prompt prfaq-1 --save
  pbpaste | debrief artifact check - --kind battlecard --json | jq .rating")]
    Check {
        /// The document (Markdown or plain text); `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// The kind, e.g. prfaq, prd, battlecard.
        #[arg(long)]
        kind: String,
        /// The prompt it answers, by id or as text: a document about something else is
        /// flagged. With --save, an id of the kind's prompts (`debrief artifact prompts`).
        #[arg(long)]
        prompt: Option<String>,
        /// Keep the check in your history (progress shows it per artifact kind, and the web
        /// app's history links to its report), in the data folder or DATABASE_URL.
        #[arg(long)]
        save: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// A kind as `artifact kinds --json` lists it.
#[derive(Serialize)]
struct KindJson<'a> {
    id: &'a str,
    name: &'a str,
    roles: &'a [String],
    minutes: u32,
    summary: &'a str,
    sections: Vec<&'a str>,
    prompts: usize,
}

/// `debrief artifact ...`; `data_dir` is where `check --save` keeps the check.
pub(crate) fn run(
    grader: &Arc<Grader>,
    data_dir: Option<&Path>,
    command: ArtifactCommand,
) -> anyhow::Result<ExitCode> {
    let catalog = grader.catalog();
    let kinds = &catalog.pack().artifacts;
    match command {
        ArtifactCommand::Kinds { json } => {
            if json {
                let list: Vec<KindJson<'_>> = kinds
                    .iter()
                    .map(|k| KindJson {
                        id: &k.id,
                        name: &k.name,
                        roles: &k.roles,
                        minutes: k.minutes,
                        summary: &k.summary,
                        sections: k.sections.iter().map(|s| s.id.as_str()).collect(),
                        prompts: k.prompts.len(),
                    })
                    .collect();
                print_json(&list)?;
            } else {
                let mut out = String::new();
                for k in kinds {
                    let _ = writeln!(
                        out,
                        "{}  {} ({} min; {})\n    {}\n    sections: {}\n",
                        k.id,
                        k.name,
                        k.minutes,
                        k.roles.join(", "),
                        k.summary,
                        k.sections
                            .iter()
                            .map(|s| if s.required {
                                s.name.clone()
                            } else {
                                format!("{} (optional)", s.name)
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
                print_text(&out)?;
            }
        }
        ArtifactCommand::Prompts { kind, role, json } => {
            let chosen: Vec<&ArtifactKind> = match &kind {
                Some(id) => vec![artifact::kind(catalog, id).map_err(|e| Usage(e.to_string()))?],
                None => kinds.iter().collect(),
            };
            if let Some(r) = &role
                && debrief_pack::Role::parse(r).is_none()
            {
                return Err(Usage(format!("`{r}` is not a role; use pm or pmm")).into());
            }
            let prompts: Vec<serde_json::Value> = chosen
                .iter()
                .flat_map(|k| {
                    k.prompts
                        .iter()
                        .filter(|p| {
                            role.as_ref()
                                .is_none_or(|r| p.roles.is_empty() || p.roles.contains(r))
                        })
                        .map(|p| {
                            serde_json::json!({
                                "id": p.id, "kind": k.id, "roles": p.roles, "text": p.text,
                            })
                        })
                })
                .collect();
            if json {
                print_json(&prompts)?;
            } else {
                let mut out = String::new();
                for p in &prompts {
                    let _ = writeln!(
                        out,
                        "{}  [{}]\n    {}\n",
                        p["id"].as_str().unwrap_or_default(),
                        p["kind"].as_str().unwrap_or_default(),
                        p["text"].as_str().unwrap_or_default()
                    );
                }
                print_text(&out)?;
            }
        }
        ArtifactCommand::New { kind } => {
            let k = artifact::kind(catalog, &kind).map_err(|e| Usage(e.to_string()))?;
            let mut out = k.template.trim_end().to_owned();
            out.push('\n');
            print_text(&out)?;
        }
        ArtifactCommand::Check {
            file,
            kind,
            prompt,
            save: true,
            json,
        } => {
            let text = crate::grade::read_answer(file.as_deref())?;
            let k = catalog.artifact_kind(&kind).map_err(Usage::from)?;
            if let Some(p) = &prompt {
                catalog
                    .artifact_prompt(k, p)
                    .map_err(|e| Usage(format!("{e}; --save keeps a prompt by its id")))?;
            }
            let local = Local::open(grader, data_dir)?;
            let checked = local.block_on(async |app: &App, user: UserId| {
                app.check_artifact(user, &k.id, prompt.as_deref(), &text, None)
                    .await
                    .map_err(|e| match e {
                        PracticeError::Artifact(_) | PracticeError::Lookup(_) => {
                            anyhow::Error::from(Usage(e.to_string()))
                        }
                        other => anyhow::Error::from(other),
                    })
            })?;
            if json {
                print_json(&checked.report)?;
            } else {
                print_text(&render(k, &checked.attempt.answer, &checked.report))?;
            }
            eprintln!(
                "Saved to your history (attempt {}); `debrief progress` shows it.",
                checked.attempt.id
            );
        }
        ArtifactCommand::Check {
            file,
            kind,
            prompt,
            save: false,
            json,
        } => {
            let text = crate::grade::read_answer(file.as_deref())?;
            let k = artifact::kind(catalog, &kind).map_err(|e| Usage(e.to_string()))?;
            // A prompt id of the kind stands for its text.
            let prompt = prompt.map(|p| {
                k.prompts
                    .iter()
                    .find(|x| x.id == p)
                    .map_or(p, |x| x.text.clone())
            });
            let request = ArtifactRequest { kind, text, prompt };
            let report = grader
                .check_artifact(&request)
                .map_err(|e| Usage(e.to_string()))?;
            if json {
                print_json(&report)?;
            } else {
                print_text(&render(k, &request.text, &report))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The report as text: the rating, each section with its score, then the findings with the
/// document's own words.
fn render(kind: &ArtifactKind, text: &str, r: &ArtifactReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}/100, {} ({} words)\n",
        kind.name,
        r.score,
        r.rating.label(),
        r.words
    );
    if kind.prose {
        out.push_str("A narrative is read as one text: each part is looked for in all of it.\n");
    }
    out.push_str("Sections\n");
    for s in &r.sections {
        let state = match (s.present, s.score) {
            (false, Some(_)) => "missing".to_owned(),
            (false, None) => "not included (optional)".to_owned(),
            // A narrative's sections are read in the whole text: no counts of their own.
            (true, Some(score)) if kind.prose => format!("{score:.1}/4"),
            (true, Some(score)) => {
                let budget = if s.max_words > 0 {
                    format!(", {} of {} words", s.words, s.max_words)
                } else {
                    format!(", {} words", s.words)
                };
                format!("{score:.1}/4{budget}")
            }
            (true, None) => String::new(),
        };
        let _ = writeln!(out, "  {:<28} {state}", s.name);
    }
    if !r.dimensions.is_empty() {
        out.push_str("\nDimensions\n");
        for d in &r.dimensions {
            let _ = writeln!(out, "  {:<28} {:.1}/4", d.name, d.score);
        }
    }
    if let Some(reading) = &r.read_as {
        let _ = writeln!(
            out,
            "\nRead as a {} interview answer: {}/100, {} ({:.0}% of the score)",
            reading.round,
            reading.score,
            reading.rating.label(),
            reading.weight * 100.0
        );
    }
    if r.findings.is_empty() {
        out.push_str("\nNo findings.\n");
    } else {
        findings(&mut out, kind, text, r);
    }
    if !kind.unchecked.is_empty() {
        out.push_str("\nWhat this check cannot judge (read for it yourself)\n");
        for u in &kind.unchecked {
            let _ = writeln!(out, "- {u}");
        }
    }
    out
}

/// The findings, each with the document's words, where they are and what to do.
fn findings(out: &mut String, kind: &ArtifactKind, text: &str, r: &ArtifactReport) {
    out.push_str("\nFindings\n");
    for f in &r.findings {
        let section = f
            .section
            .as_deref()
            .and_then(|id| kind.sections.iter().find(|s| s.id == id))
            .map_or("Document", |s| s.name.as_str());
        let line = text[..f.start.min(text.len())].matches('\n').count() + 1;
        let _ = writeln!(
            *out,
            "- [{}] {} ({section}, line {line})",
            f.severity, f.name
        );
        if !f.quote.trim().is_empty() {
            let _ = writeln!(*out, "    \"{}\"", f.quote.trim());
        }
        let _ = writeln!(
            *out,
            "    {}\n    Why: {}\n    Instead: {}",
            f.message, f.why, f.fix
        );
    }
}
