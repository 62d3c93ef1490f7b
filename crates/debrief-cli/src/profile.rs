//! `debrief profile`: what the candidate is preparing for (company, role, level, track and
//! interview date), shown, set and cleared. The profile itself, and its checks against the
//! content, are the application layer's (`App::profile`, `save_profile`, `clear_profile`),
//! shared with the web app's Your target page.

use std::fmt::Write as _;
use std::process::ExitCode;

use debrief_pack::Catalog;
use debrief_practice::{App, Chosen, LoopChoice, PracticeError, Profile, ProfileDraft};
use debrief_store::UserId;

use crate::store::Local;
use crate::{Usage, print_json, print_text};

/// `debrief profile ...`.
#[derive(Debug, clap::Subcommand)]
pub enum ProfileCommand {
    /// Set your target. Flags left out keep their values (a new profile starts from the
    /// content's defaults); an empty --track or --date clears it.
    Set(SetArgs),
    /// Forget your target: defaults come from your newest plan or mock loop again.
    Clear,
}

/// Arguments of `debrief profile set`.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// Company id: amazon, google or meta.
    #[arg(long)]
    company: Option<String>,
    /// Role id: pm or pmm.
    #[arg(long)]
    role: Option<String>,
    /// Level id at the company, e.g. l5 (Amazon, Google) or ic5 (Meta).
    #[arg(long)]
    level: Option<String>,
    /// A track within the role where the content prices one apart, e.g. pm-t (Amazon PM);
    /// '' for none.
    #[arg(long)]
    track: Option<String>,
    /// The interview date, YYYY-MM-DD, today or later; '' for none.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Print the saved profile as JSON.
    #[arg(long)]
    json: bool,
}

/// The flag a profile field is set with, for messages.
fn flag(field: &str) -> &str {
    match field {
        "interview_date" => "--date",
        "company" => "--company",
        "role" => "--role",
        "level" => "--level",
        "track" => "--track",
        other => other,
    }
}

fn usage(e: PracticeError) -> anyhow::Error {
    match e {
        PracticeError::Profile(p) => {
            let mut out = "the profile was not saved:".to_owned();
            for problem in &p.problems {
                let _ = write!(out, "\n  {}: {}", flag(&problem.field), problem.message);
            }
            Usage(out).into()
        }
        PracticeError::Invalid(m) => Usage(m).into(),
        other => other.into(),
    }
}

/// A target loop in words: "Amazon PM (PM-T), L6".
fn loop_name(catalog: &Catalog, target: &LoopChoice) -> String {
    let company = catalog
        .company(&target.company)
        .map_or_else(|_| target.company.clone(), |c| c.name.clone());
    let track = target
        .track
        .as_deref()
        .map(|t| format!(" ({})", t.to_ascii_uppercase()))
        .unwrap_or_default();
    let level = target
        .level
        .as_deref()
        .map(|l| {
            let name = catalog
                .levels_of(&target.company)
                .find(|known| known.id == l)
                .map_or_else(|| l.to_ascii_uppercase(), |known| known.name.clone());
            format!(", {name}")
        })
        .unwrap_or_default();
    format!("{company} {}{track}{level}", target.role.label())
}

fn show(app: &App, profile: Option<&Profile>, target: &LoopChoice) -> String {
    let mut out = String::new();
    let name = loop_name(app.catalog(), target);
    match profile {
        Some(p) => {
            let _ = writeln!(out, "Target: {name}");
            match p.interview_date {
                Some(d) => {
                    let days = app.clock().today().days_until(d);
                    let when = match days {
                        0 => "today".to_owned(),
                        1 => "tomorrow".to_owned(),
                        n if n > 1 => format!("in {n} days"),
                        n => format!("{} days ago", -n),
                    };
                    let _ = writeln!(out, "Interview: {} {d} ({when})", d.weekday().short());
                }
                None => {
                    let _ = writeln!(
                        out,
                        "Interview: no date (set one with `debrief profile set --date YYYY-MM-DD`)"
                    );
                }
            }
            out.push_str(
                "Commands that take a company and role start here when you leave them out.\n",
            );
        }
        None => {
            let from = match target.from {
                Chosen::Plan => "your newest plan",
                Chosen::Mock => "your newest mock loop",
                _ => "debrief's defaults",
            };
            let _ = writeln!(
                out,
                "No profile yet: commands start at {name}, from {from}.\nSet one with `debrief \
                 profile set --company amazon --role pmm --level l5 --date YYYY-MM-DD`."
            );
        }
    }
    out
}

/// `debrief profile`.
pub fn run(local: &Local, command: Option<ProfileCommand>, json: bool) -> anyhow::Result<ExitCode> {
    local.block_on(async |app: &App, user: UserId| {
        match command {
            None => {
                let profile = app.profile(user).await.map_err(usage)?;
                let target = app.target_loop(user).await.map_err(usage)?;
                if json {
                    print_json(&serde_json::json!({ "profile": profile, "target": target }))?;
                } else {
                    print_text(&show(app, profile.as_ref(), &target))?;
                }
            }
            Some(ProfileCommand::Set(args)) => {
                let draft = ProfileDraft {
                    company: args.company,
                    role: args.role,
                    level: args.level,
                    track: args.track,
                    interview_date: args.date,
                };
                if draft == ProfileDraft::default() {
                    return Err(Usage(
                        "nothing to set: give at least one of --company, --role, --level, \
                         --track and --date"
                            .to_owned(),
                    )
                    .into());
                }
                let saved = app.save_profile(user, &draft).await.map_err(usage)?;
                if args.json {
                    print_json(&saved)?;
                } else {
                    let target = app.target_loop(user).await.map_err(usage)?;
                    print_text(&format!("Saved.\n{}", show(app, Some(&saved), &target)))?;
                }
            }
            Some(ProfileCommand::Clear) => {
                let had = app.clear_profile(user).await.map_err(usage)?;
                print_text(if had {
                    "Cleared: commands start at your newest plan or mock loop again.\n"
                } else {
                    "There was no profile to clear.\n"
                })?;
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}
