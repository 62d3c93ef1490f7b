//! `debrief pay` and `debrief offer`: the pay content for a company, and offers worked out
//! year by year. The arithmetic and the reading of what was typed are debrief-practice's; this
//! file parses the command line, calls it and prints.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use debrief_offer::{Cents, WorkedOffer};
use debrief_pack::{Amount, Catalog, PayTable};
use debrief_practice::offers::{
    GrantDraft, OfferProblems, OfferReport, compare_offer_file, comparison_notes, split_amounts,
    work_out_offer,
};
use debrief_practice::{OfferDraft, Scenario};
use serde::Serialize;

use crate::{Usage, print_json, print_text};

/// The figures of one offer as `--json` prints them.
#[derive(Serialize)]
struct OfferJson<'a> {
    name: &'a str,
    #[serde(flatten)]
    main: &'a WorkedOffer,
    #[serde(skip_serializing_if = "Option::is_none")]
    flat: Option<&'a WorkedOffer>,
    grants: Vec<GrantJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    leaving: Option<&'a debrief_offer::Leaving>,
}

#[derive(Serialize)]
struct GrantJson<'a> {
    amount: Cents,
    schedule: &'a str,
    start_year: u32,
}

impl<'a> OfferJson<'a> {
    fn new(r: &'a OfferReport) -> OfferJson<'a> {
        OfferJson {
            name: &r.offer.name,
            main: r.main(),
            flat: r.scenario.as_ref().map(|_| &r.flat),
            grants: r
                .offer
                .grants
                .iter()
                .map(|g| GrantJson {
                    amount: g.amount,
                    schedule: &g.schedule_id,
                    start_year: g.start_month / 12 + 1,
                })
                .collect(),
            leaving: r.leaving.as_ref(),
        }
    }
}

/// `debrief offer`'s arguments for one offer.
#[derive(Debug, Args)]
pub(crate) struct OfferArgs {
    /// Yearly base salary in dollars: 150000, 150,000 or 150k.
    #[arg(long, value_name = "DOLLARS")]
    base: Option<String>,
    /// What to call the offer.
    #[arg(long, default_value = "Offer")]
    name: String,
    /// The company: its sign-on pattern applies (Amazon: paid monthly, repaid in proportion
    /// on leaving early). Without it, the company of a grant on a company's new-hire schedule
    /// (200000:amazon); else sign-on is paid up front each year.
    #[arg(long)]
    company: Option<String>,
    /// Sign-on by year, separated by commas: 50000,40000.
    #[arg(long, value_name = "DOLLARS,DOLLARS...")]
    signon: Option<String>,
    /// Yearly cash bonus: dollars, or a share of base such as 10%.
    #[arg(long, value_name = "DOLLARS|PCT%")]
    bonus: Option<String>,
    /// Yearly raise in percent, applied from year two.
    #[arg(long, value_name = "PCT")]
    raise: Option<String>,
    /// A stock grant: its value and vesting schedule (amazon, google, meta, standard, ...),
    /// and optionally the year it starts vesting (2 for a refresher after year one). Repeat
    /// for more grants.
    #[arg(long = "grant", value_name = "AMOUNT:SCHEDULE[:START_YEAR]")]
    grants: Vec<String>,
    /// A yearly change in the share price, in percent (-30, 15). Flat when omitted: debrief
    /// never assumes growth.
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    stock_change: Option<String>,
    /// Also show what leaving after this many months keeps and repays.
    #[arg(long, value_name = "MONTH")]
    leave_at: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// `debrief offer compare`.
#[derive(Debug, Subcommand)]
pub(crate) enum OfferCommand {
    /// Compare two to four offers from a TOML file, side by side.
    #[command(after_help = "\
The file:
  stock_change = -30        # optional, percent a year
  leave_at_month = 12       # optional

  [[offer]]
  name = \"Amazon PM L6\"
  company = \"amazon\"
  base = 150000
  signon = [55000, 45000]
  [[offer.grant]]
  amount = 150000
  schedule = \"amazon\"

  [[offer]]
  name = \"Google PMM L5\"
  base = 170000
  bonus = \"15%\"
  [[offer.grant]]
  amount = 240000
  schedule = \"google\"")]
    Compare {
        /// The TOML file, or - for standard input.
        file: PathBuf,
        /// Overrides the file's stock_change: a yearly share-price change in percent.
        #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
        stock_change: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// `debrief pay`.
pub(crate) fn pay(
    catalog: &Catalog,
    company: &str,
    role: Option<&str>,
    level: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let table = catalog
        .pay_table(company, role, level)
        .map_err(Usage::from)?;
    if json {
        print_json(&pay_json(&table))?;
    } else {
        print_text(&pay_text(catalog, &table))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct PayRowJson<'a> {
    role: &'a str,
    level: &'a str,
    level_name: &'a str,
    #[serde(flatten)]
    row: &'a debrief_pack::PayRow,
}

fn pay_json<'a>(t: &'a PayTable<'a>) -> serde_json::Value {
    let rows: Vec<PayRowJson<'_>> = t
        .levels
        .iter()
        .flat_map(|l| {
            l.rows.iter().map(|row| PayRowJson {
                role: &row.role,
                level: &l.level.id,
                level_name: &l.level.name,
                row,
            })
        })
        .collect();
    // `role` and `level` also sit inside the flattened row; serde keeps the first of a
    // repeated key in a map, and both say the same.
    serde_json::json!({
        "company": t.company.id,
        "role": t.role,
        "rows": rows,
        "vesting": t.vesting,
        "other_vesting": t.other_vesting,
        "signon": t.signon,
        "currency": "USD",
    })
}

fn figure(a: Option<Amount>) -> String {
    a.map(Amount::label).unwrap_or_else(|| "—".into())
}

fn pay_text(catalog: &Catalog, t: &PayTable<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} pay by level (US dollars a year, as each source reports it)\n",
        t.company.name
    );
    if t.levels.is_empty() {
        out.push_str("The content has no pay rows for this choice.\n");
    }
    for l in &t.levels {
        let _ = writeln!(out, "{}", l.level.name);
        for (pm, pmm) in l.pm_against_pmm() {
            let gap = debrief_pack::paybook::pm_gap_label(pm, pmm);
            let _ = writeln!(
                out,
                "  PM {} against PMM {}{gap}, in one source ({})",
                figure(pm.total),
                figure(pmm.total),
                pm.as_of
            );
        }
        for row in &l.rows {
            let role = match row.role.as_str() {
                "pm" => "PM",
                "pmm" => "PMM",
                _ => "PM-T",
            };
            let _ = writeln!(
                out,
                "  {role:<4} total {:<14} base {:<14} stock/yr {:<10} bonus {:<9} sign-on {}",
                figure(row.total),
                figure(row.base),
                figure(row.stock),
                figure(row.bonus),
                figure(row.signon),
            );
            let backing = if row.sources == "one" {
                "one source"
            } else {
                "several sources"
            };
            let _ = writeln!(out, "       {} ({}, {backing})", row.source, row.as_of);
            let _ = writeln!(out, "       {}", row.url);
            if !row.note.is_empty() {
                let _ = writeln!(out, "       {}", row.note);
            }
        }
        out.push('\n');
    }
    if let Some(v) = t.vesting {
        let _ = writeln!(out, "New-hire vesting: {} ({})", v.name, v.about);
        let _ = writeln!(out, "  {} ({}) {}", v.source, v.as_of, v.url);
    }
    if let Some(s) = t.signon {
        let _ = writeln!(out, "Sign-on: {}", s.about);
        let _ = writeln!(out, "  {} ({}) {}", s.source, s.as_of, s.url);
    }
    if let Some(tip) = catalog.negotiation().first() {
        let _ = writeln!(out, "\n{}: {}", tip.title, tip.text);
        out.push_str("More in the web app's Pay page, and `debrief offer` works an offer out.\n");
    }
    out
}

/// `debrief offer` and `debrief offer compare`.
pub(crate) fn offer(
    catalog: &Catalog,
    command: Option<OfferCommand>,
    args: OfferArgs,
) -> anyhow::Result<ExitCode> {
    match command {
        Some(OfferCommand::Compare {
            file,
            stock_change,
            json,
        }) => {
            let text = if file.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())?
            } else {
                std::fs::read_to_string(&file)
                    .map_err(|e| Usage(format!("cannot read {}: {e}", file.display())))?
            };
            let text = match stock_change {
                Some(change) => with_stock_change(&text, &change)?,
                None => text,
            };
            let reports = compare_offer_file(catalog, &text).map_err(problems)?;
            if json {
                let offers: Vec<OfferJson<'_>> = reports.iter().map(OfferJson::new).collect();
                print_json(&serde_json::json!({ "offers": offers }))?;
            } else {
                print_text(&compare_text(&reports))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let Some(base) = args.base else {
                return Err(Usage(
                    "give --base (the yearly base salary), or use `debrief offer compare FILE`; \
                     see debrief offer --help"
                        .into(),
                )
                .into());
            };
            let mut grants = Vec::new();
            for g in &args.grants {
                let mut parts = g.splitn(3, ':');
                let amount = parts.next().unwrap_or_default().trim().to_owned();
                let schedule = parts.next().unwrap_or_default().trim().to_owned();
                if schedule.is_empty() {
                    return Err(Usage(format!(
                        "--grant `{g}` names no schedule; write AMOUNT:SCHEDULE, such as 200000:amazon"
                    ))
                    .into());
                }
                grants.push(GrantDraft {
                    amount,
                    schedule,
                    start_year: parts.next().unwrap_or_default().trim().to_owned(),
                });
            }
            let draft = OfferDraft {
                name: args.name,
                company: args.company.unwrap_or_default(),
                base,
                raise: args.raise.unwrap_or_default(),
                signon: args
                    .signon
                    .as_deref()
                    .map(split_amounts)
                    .unwrap_or_default(),
                bonus: args.bonus.unwrap_or_default(),
                grants,
            };
            let scenario = Scenario {
                stock_change: args.stock_change.unwrap_or_default(),
                leave_at_month: args.leave_at.unwrap_or_default(),
            };
            let report = work_out_offer(catalog, &draft, &scenario).map_err(problems)?;
            if args.json {
                print_json(&OfferJson::new(&report))?;
            } else {
                print_text(&offer_text(&report))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn problems(e: OfferProblems) -> anyhow::Error {
    let lines: Vec<String> = e.problems.iter().map(|p| format!("  {p}")).collect();
    Usage(format!("the offer has problems:\n{}", lines.join("\n"))).into()
}

/// The file's text with `stock_change` set to `change`, replacing a top-level one.
fn with_stock_change(text: &str, change: &str) -> anyhow::Result<String> {
    let mut value: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        Usage(format!("the comparison file is not TOML: {}", e.message()))
    })?;
    value.insert(
        "stock_change".into(),
        toml::Value::String(change.to_owned()),
    );
    Ok(toml::to_string(&value)?)
}

fn money(c: Cents) -> String {
    if c.0 == 0 { "—".into() } else { c.whole() }
}

fn scenario_label(w: &WorkedOffer) -> String {
    if w.stock_change.0 == 0 {
        "share price flat".into()
    } else {
        format!("share price {} a year", signed(w.stock_change))
    }
}

fn signed(b: debrief_offer::BasisPoints) -> String {
    let label = b.percent_label();
    if b.0 > 0 { format!("+{label}") } else { label }
}

fn offer_text(r: &OfferReport) -> String {
    let w = r.main();
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})\n", r.offer.name, scenario_label(w));
    let _ = writeln!(
        out,
        "{:>4}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}",
        "year", "base", "sign-on", "stock", "bonus", "total"
    );
    for y in &w.years {
        let _ = writeln!(
            out,
            "{:>4}  {:>12}  {:>12}  {:>12}  {:>12}  {:>12}",
            y.year,
            money(y.base),
            money(y.signon),
            money(y.stock),
            money(y.bonus),
            y.total.whole()
        );
    }
    out.push('\n');
    summary(&mut out, w);
    if let Some(back_loaded) = r.back_loaded_note() {
        let _ = writeln!(out, "{back_loaded}");
    }
    if let Some(flat) = r.flat_note() {
        let _ = writeln!(out, "{flat}");
    }
    if let Some(leaving) = r.leaving_note() {
        let _ = writeln!(out, "\n{leaving}");
        out.push_str(
            "Repayment terms are as reported for the company; your offer letter governs.\n",
        );
    }
    out
}

fn summary(out: &mut String, w: &WorkedOffer) {
    let _ = writeln!(
        out,
        "First-year pay                 {:>12}",
        w.first_year.whole()
    );
    let _ = writeln!(
        out,
        "Four-year average              {:>12}",
        w.four_year_average.whole()
    );
    let _ = writeln!(
        out,
        "Spread evenly (salary sites)   {:>12}   sign-on and each grant divided evenly over the years",
        w.spread_evenly.whole()
    );
    if w.one_time_cash.0 > 0 {
        let _ = writeln!(
            out,
            "One-time cash (sign-on)        {:>12}   not paid again after it runs out",
            w.one_time_cash.whole()
        );
    }
    if w.stock_after.0 > 0 {
        let _ = writeln!(out, "Stock vesting after year 4     {:>12}", w.stock_after);
    }
}

fn compare_text(reports: &[OfferReport]) -> String {
    let mut out = String::new();
    let width = 16;
    let names: Vec<String> = reports
        .iter()
        .map(|r| short(&r.offer.name, width))
        .collect();
    let _ = writeln!(
        out,
        "Offers compared ({})\n",
        scenario_label(reports[0].main())
    );
    let _ = write!(out, "{:<22}", "");
    for n in &names {
        let _ = write!(out, "  {n:>width$}");
    }
    out.push('\n');
    let row = |out: &mut String, label: &str, get: &dyn Fn(&WorkedOffer) -> Cents| {
        let _ = write!(out, "{label:<22}");
        for r in reports {
            let _ = write!(out, "  {:>width$}", get(r.main()).whole());
        }
        out.push('\n');
    };
    for year in 0..debrief_offer::HORIZON_YEARS as usize {
        row(&mut out, &format!("Year {}", year + 1), &|w| {
            w.years.get(year).map(|y| y.total).unwrap_or_default()
        });
    }
    row(&mut out, "First-year pay", &|w| w.first_year);
    row(&mut out, "Four-year average", &|w| w.four_year_average);
    row(&mut out, "Spread evenly", &|w| w.spread_evenly);
    row(&mut out, "One-time cash", &|w| w.one_time_cash);
    if reports.iter().any(|r| r.leaving.is_some()) {
        let _ = write!(out, "{:<22}", "Kept if leaving early");
        for r in reports {
            let kept = r.leaving.map(|l| l.kept.whole()).unwrap_or_default();
            let _ = write!(out, "  {kept:>width$}");
        }
        out.push('\n');
    }
    out.push('\n');
    for note in comparison_notes(reports) {
        let _ = writeln!(out, "{note}");
    }
    out.push_str("\nYear by year, each offer:\n\n");
    for r in reports {
        out.push_str(&offer_text(r));
        out.push('\n');
    }
    out
}

/// A name cut to `width` characters for a column header.
fn short(name: &str, width: usize) -> String {
    if name.chars().count() <= width {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}
