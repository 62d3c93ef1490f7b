//! `debrief fit` and `debrief plan`: the fit diagnostic and the week-by-week prep plan.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::sync::Arc;

use debrief_coach::fit::{FitAnswers, FitResult};
use debrief_coach::plan::{Date, Plan};
use debrief_grader::Grader;
use debrief_pack::Catalog;
use debrief_practice::{App, PracticeError};
use debrief_store::{PlanId, UserId};

use crate::store::Local;
use crate::{Usage, print_json, print_text};

/// Arguments of `debrief fit`.
#[derive(Debug, clap::Args)]
pub struct FitArgs {
    /// A JSON file of answers: {"choices": {"item-id": "option-id"}, "wins": [...],
    /// "practice": [...]}. Without it, the questionnaire runs in the terminal.
    #[arg(long, value_name = "FILE.json")]
    answers: Option<PathBuf>,
    /// Print the questionnaire (items and options with their ids) as JSON and exit.
    #[arg(long)]
    items: bool,
    /// Show your saved results over time instead.
    #[arg(long, conflicts_with_all = ["answers", "items"])]
    history: bool,
    /// Do not save the result.
    #[arg(long)]
    no_save: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// `debrief plan ...`.
#[derive(Debug, clap::Subcommand)]
pub enum PlanCommand {
    /// Build a plan from today to the interview and save it.
    New(PlanArgs),
    /// Your saved plans.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// A saved plan with its ticks: Markdown (default), JSON or iCalendar.
    Show {
        /// Plan id.
        id: i64,
        /// Print JSON.
        #[arg(long, conflicts_with = "ics")]
        json: bool,
        /// Print an iCalendar file (one all-day event per item).
        #[arg(long)]
        ics: bool,
    },
    /// Tick an item off (or back on with --undo).
    Tick {
        /// Plan id.
        id: i64,
        /// Item id, as `plan show` prints it (e.g. w1-story-customer-obsession).
        item: String,
        /// Mark the item not done.
        #[arg(long)]
        undo: bool,
    },
}

/// Arguments of `debrief plan new`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// Company id: amazon, google or meta. With the role left out too, your profile's (else
    /// your newest plan's or mock's).
    company: Option<String>,
    /// Role id: pm or pmm.
    role: Option<String>,
    /// A track within the role that has a loop of its own, e.g. pm-t (Amazon's technical PM
    /// track). Left out with company and role given: the role's own loop.
    #[arg(long)]
    track: Option<String>,
    /// Level id at the company, e.g. l5.
    #[arg(long)]
    level: Option<String>,
    /// The interview date, YYYY-MM-DD; your profile's when it is left out.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Plan as of this date instead of today (YYYY-MM-DD); the plan is not saved.
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// Print the plan as JSON.
    #[arg(long, conflicts_with = "ics")]
    json: bool,
    /// Print the plan as an iCalendar file.
    #[arg(long)]
    ics: bool,
}

fn date(text: &str, what: &str) -> Result<Date, Usage> {
    Date::parse(text).map_err(|e| Usage(format!("{what}: {e}")))
}

fn print_plan(plan: &Plan, done: &BTreeSet<String>, json: bool, ics: bool) -> anyhow::Result<()> {
    if json {
        print_json(&serde_json::json!({ "plan": plan, "done": done }))
    } else if ics {
        let stamp = format!("{}T000000Z", plan.today.compact());
        print_text(&plan.to_ics(done, &stamp))
    } else {
        print_text(&plan.to_markdown(done))
    }
}

/// A workflow error as the terminal shows it: a missing plan points at the list, and bad
/// input is a usage error (exit 2).
fn usage(e: PracticeError) -> anyhow::Error {
    match e {
        PracticeError::Missing { what, id } => Usage(format!(
            "no {what} with id {id}; `debrief plan list` shows the ids"
        ))
        .into(),
        PracticeError::Invalid(m) => Usage(m).into(),
        PracticeError::Lookup(e) => Usage(e.to_string()).into(),
        PracticeError::Plan(e) => Usage(e.to_string()).into(),
        PracticeError::Fit(e) => Usage(e.to_string()).into(),
        other => other.into(),
    }
}

/// The profile's interview date, when it is after `today` (the clock's when not given), for a
/// plan made without --date.
async fn profile_date(app: &App, user: UserId, today: Option<Date>) -> anyhow::Result<Date> {
    let today = today.unwrap_or_else(|| app.clock().today());
    let profile = app.profile(user).await.map_err(usage)?;
    match profile.as_ref().and_then(|p| p.interview_date) {
        Some(d) if d > today => Ok(d),
        Some(d) => Err(Usage(format!(
            "--date is missing and your profile's interview date, {d}, is not after {today}; give \
             --date YYYY-MM-DD, or set a new one with `debrief profile set --date YYYY-MM-DD`"
        ))
        .into()),
        None => Err(Usage(
            "--date is missing: give the interview date as --date YYYY-MM-DD, or save it once \
             with `debrief profile set --date YYYY-MM-DD`"
                .to_owned(),
        )
        .into()),
    }
}

/// `debrief plan`.
pub fn plan(
    grader: &Arc<Grader>,
    data_dir: Option<&Path>,
    command: PlanCommand,
) -> anyhow::Result<ExitCode> {
    let local = Local::open(grader, data_dir)?;
    local.block_on(async |app: &App, user: UserId| {
        match command {
            PlanCommand::New(args) => {
                let target = app
                    .choose_loop(
                        user,
                        args.company.as_deref(),
                        args.role.as_deref(),
                        args.track.as_deref(),
                        args.level.clone(),
                    )
                    .await
                    .map_err(usage)?;
                let today = args.today.as_deref().map(|t| date(t, "--today")).transpose()?;
                let interview = match &args.date {
                    Some(d) => date(d, "--date")?,
                    None => profile_date(app, user, today).await?,
                };
                let (company, role) = (target.company.as_str(), target.role.id());
                let (track, level) = (target.track.as_deref(), target.level.as_deref());
                if today.is_some() {
                    // A plan "as of" another day is a preview: nothing is saved.
                    let plan = app
                        .preview_plan(user, company, role, track, level, today, interview)
                        .await
                        .map_err(usage)?;
                    print_plan(&plan, &BTreeSet::new(), args.json, args.ics)?;
                    return Ok(ExitCode::SUCCESS);
                }
                let saved = app
                    .create_plan(user, company, role, track, level, interview)
                    .await
                    .map_err(usage)?;
                print_plan(&saved.plan, &saved.done, args.json, args.ics)?;
                if !args.json && !args.ics {
                    let id = saved.id;
                    print_text(&format!(
                        "\nSaved as plan {id}: tick items with `debrief plan tick {id} ITEM-ID`.\n"
                    ))?;
                }
            }
            PlanCommand::List { json } => {
                let plans = app.plans(user).await.map_err(usage)?;
                if json {
                    print_json(&plans)?;
                } else if plans.is_empty() {
                    print_text(
                        "No plans yet. Make one with `debrief plan new amazon pmm --date YYYY-MM-DD`, \
                         or `debrief plan new` for your profile's loop and date.\n",
                    )?;
                } else {
                    let mut out = String::new();
                    for p in &plans {
                        let _ = writeln!(
                            out,
                            "{:>4}  {} {} {}  interview {}  ({} done)",
                            p.id, p.company, p.role, p.level, p.interview_date, p.done
                        );
                    }
                    print_text(&out)?;
                }
            }
            PlanCommand::Show { id, json, ics } => {
                let saved = app.plan(user, PlanId::new(id)).await.map_err(usage)?;
                print_plan(&saved.plan, &saved.done, json, ics)?;
            }
            PlanCommand::Tick { id, item, undo } => {
                let saved = app
                    .tick(user, PlanId::new(id), &item, !undo)
                    .await
                    .map_err(|e| match e {
                        PracticeError::Invalid(m) => Usage(format!(
                            "{m}; `debrief plan show {id}` lists the ids"
                        ))
                        .into(),
                        other => usage(other),
                    })?;
                print_text(&format!(
                    "{} {item} ({} of {} done)\n",
                    if undo { "Unticked" } else { "Ticked" },
                    saved.done.len(),
                    saved.plan.items().count()
                ))?;
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// `debrief fit`.
pub fn fit(
    grader: &Arc<Grader>,
    data_dir: Option<&Path>,
    args: FitArgs,
) -> anyhow::Result<ExitCode> {
    let catalog = grader.catalog();
    if args.items {
        print_json(catalog.fit_items())?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.history {
        let local = Local::open(grader, data_dir)?;
        let results =
            local.block_on(async |app: &App, user: UserId| Ok(app.fit_history(user).await?))?;
        if args.json {
            let rows: Vec<_> = results
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "date": local.date_of(f.created_at).to_string(),
                        "result": f.result,
                    })
                })
                .collect();
            print_json(&rows)?;
        } else if results.is_empty() {
            print_text("No saved results yet. Run `debrief fit`.\n")?;
        } else {
            let mut out = String::new();
            for f in &results {
                let _ = writeln!(
                    out,
                    "{}  {:<8} confidence {:.0}%  lean {:+.2}",
                    local.date_of(f.created_at),
                    f.result.recommendation.label(),
                    f.result.confidence * 100.0,
                    f.result.lean
                );
            }
            print_text(&out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let answers = match &args.answers {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Usage(format!("cannot read {}: {e}", path.display())))?;
            serde_json::from_str::<FitAnswers>(&text).map_err(|e| {
                Usage(format!(
                    "{} is not a valid answers file: {e}; expected {{\"choices\": {{\"item-id\": \
                     \"option-id\"}}, \"wins\": [...], \"practice\": [...]}} (`debrief fit --items` \
                     lists the ids)",
                    path.display()
                ))
            })?
        }
        None => interview(catalog)?,
    };
    let local = Local::open(grader, data_dir)?;
    let saved = local.block_on(async |app: &App, user: UserId| {
        app.assess_fit(user, answers, false, !args.no_save)
            .await
            .map_err(usage)
    })?;
    if args.json {
        print_json(&saved.result)?;
    } else {
        print_text(&render(&saved.result))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the questionnaire in the terminal: one item at a time, answered by number, then the
/// three wins.
fn interview(catalog: &Catalog) -> Result<FitAnswers, Usage> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Usage(
            "the questionnaire needs a terminal; pass --answers FILE.json instead (`debrief fit \
             --items` lists the item and option ids)"
                .into(),
        ));
    }
    let mut lines = stdin.lock().lines();
    let mut out = std::io::stdout().lock();
    let mut read = |prompt: &str, out: &mut std::io::StdoutLock<'_>| -> Option<String> {
        let _ = write!(out, "{prompt}");
        let _ = out.flush();
        lines
            .next()
            .and_then(Result::ok)
            .map(|l| l.trim().to_owned())
    };
    let items = catalog.fit_items();
    let _ = writeln!(
        out,
        "PM or PMM? {} situations; answer with the option's number, Enter to skip, q to finish.\n",
        items.len()
    );
    let mut answers = FitAnswers::default();
    'items: for (n, item) in items.iter().enumerate() {
        let _ = writeln!(out, "{}/{}. {}", n + 1, items.len(), item.prompt);
        for (k, option) in item.options.iter().enumerate() {
            let _ = writeln!(out, "   {}) {}", k + 1, option.text);
        }
        loop {
            let Some(line) = read("> ", &mut out) else {
                break 'items;
            };
            if line.eq_ignore_ascii_case("q") {
                break 'items;
            }
            if line.is_empty() {
                break;
            }
            match line
                .parse::<usize>()
                .ok()
                .and_then(|k| item.options.get(k.wrapping_sub(1)))
            {
                Some(option) => {
                    answers.choices.push((item.id.clone(), option.id.clone()));
                    break;
                }
                None => {
                    let _ = writeln!(out, "   Type a number from 1 to {}.", item.options.len());
                }
            }
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "Now your three biggest wins, one line each (Enter to skip):"
    );
    for n in 1..=3 {
        match read(&format!("Win {n}: "), &mut out) {
            Some(win) if !win.is_empty() => answers.wins.push(win),
            _ => {}
        }
    }
    let _ = writeln!(out);
    Ok(answers)
}

fn render(r: &FitResult) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (confidence {:.0}%, lean {:+.2})\n",
        r.recommendation.label(),
        r.confidence * 100.0,
        r.lean
    );
    let _ = writeln!(out, "{}\n", r.summary);
    let _ = writeln!(
        out,
        "Answered {} of {} situations.",
        r.items_answered, r.items_total
    );
    if !r.wins.is_empty() {
        let _ = writeln!(out, "\nYour wins");
        for w in &r.wins {
            let _ = writeln!(
                out,
                "  {}. {} (lean {:+.2}): {}",
                w.number,
                w.class.label(),
                w.lean,
                w.text
            );
        }
    }
    if !r.items.is_empty() {
        let _ = writeln!(out, "\nEvidence, item by item");
        for i in &r.items {
            let _ = writeln!(out, "  [{:+}] {} -> {}", i.lean, i.prompt, i.choice);
        }
    }
    if !r.next_steps.is_empty() {
        let _ = writeln!(out, "\nNext steps");
        for s in &r.next_steps {
            let _ = writeln!(out, "  - {s}");
        }
    }
    for note in r.notes.iter().chain(&r.to_add) {
        let _ = writeln!(out, "\nNote: {note}");
    }
    out
}
