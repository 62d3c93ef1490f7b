//! `debrief fit` and `debrief plan`: the fit diagnostic and the week-by-week prep plan.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use debrief_core::Catalog;
use debrief_core::fit::{FitAnswers, FitResult, assess};
use debrief_core::plan::{Date, build_plan};

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
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Arguments of `debrief plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// Company id: amazon, google or meta.
    company: String,
    /// Role id: pm or pmm.
    role: String,
    /// Level id at the company, e.g. l5.
    #[arg(long)]
    level: Option<String>,
    /// The interview date, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: String,
    /// Plan as of this date instead of today (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// Print the plan as JSON.
    #[arg(long, conflicts_with_all = ["ics", "md"])]
    json: bool,
    /// Print the plan as an iCalendar file (one all-day event per item).
    #[arg(long, conflicts_with = "md")]
    ics: bool,
    /// Print the plan as Markdown (the default text output is the same).
    #[arg(long)]
    md: bool,
}

/// Today's date from the system clock (UTC).
fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64);
    Date::from_days_since_epoch(days).unwrap_or(Date::MIN)
}

fn date(text: &str, what: &str) -> Result<Date, Usage> {
    Date::parse(text).map_err(|e| Usage(format!("{what}: {e}")))
}

/// `debrief plan`.
pub fn plan(catalog: &Catalog, args: PlanArgs) -> anyhow::Result<ExitCode> {
    let interview = date(&args.date, "--date")?;
    let today = match &args.today {
        Some(t) => date(t, "--today")?,
        None => today(),
    };
    let plan = build_plan(
        catalog,
        &args.company,
        &args.role,
        args.level.as_deref(),
        today,
        interview,
    )
    .map_err(|e| Usage(e.to_string()))?;
    let done = BTreeSet::new();
    if args.json {
        print_json(&plan)?;
    } else if args.ics {
        let stamp = format!("{}T000000Z", today.compact());
        print_text(&plan.to_ics(&done, &stamp))?;
    } else {
        print_text(&plan.to_markdown(&done))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `debrief fit`.
pub fn fit(catalog: &Catalog, args: FitArgs) -> anyhow::Result<ExitCode> {
    if args.items {
        print_json(catalog.fit_items())?;
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
    let result = assess(catalog, &answers).map_err(|e| Usage(e.to_string()))?;
    if args.json {
        print_json(&result)?;
    } else {
        print_text(&render(&result))?;
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
