//! The `debrief` binary: command-line glue around the debrief crates, and `debrief serve`.
//!
//! Every command loads the content pack, calls the same core functions the web app calls, and
//! prints either text for people or JSON (`--json`) for scripts. Exit codes: 0 success, 1 a
//! failure (invalid content, I/O), 2 a usage error (unknown company, role, level, ...).

mod artifact;
mod grade;
mod guide;
mod mock;
mod pay;
mod prep;
mod profile;
mod render;
mod store;
mod stories;
mod users;

use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};
use debrief_content::ContentError;
use debrief_grader::Grader;
use debrief_pack::{Catalog, LookupError, QuestionQuery};

/// debrief: interview preparation for Product Manager and Product Marketing Manager candidates.
///
/// Explore each company's loop, search the question bank and read the Leadership Principles,
/// offline. `debrief serve` runs the web app.
#[derive(Debug, Parser)]
#[command(name = "debrief", version, about, long_about, after_help = EXAMPLES)]
struct Cli {
    /// A folder of content files laid over the built-in pack (adds entries, or replaces them
    /// by id).
    #[arg(long, global = true, env = debrief_content::CONTENT_ENV, value_name = "DIR")]
    content: Option<PathBuf>,

    /// The folder of your own data (stories, fit results, plans): a SQLite file lives there.
    /// Ignored when DATABASE_URL names a PostgreSQL database.
    #[arg(long, global = true, env = "DEBRIEF_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "\
Examples:
  debrief serve                          run the web app on http://127.0.0.1:7878
  debrief loop amazon pmm --level l5     Amazon's PMM loop at L5
  debrief questions --role pmm --search \"launch pricing\"
  debrief lp dive-deep                   one Leadership Principle, PM and PMM proof
  debrief lp --company google            Google's hiring attributes
  debrief content check ./my-pack        validate a content folder";

#[derive(Debug, Subcommand)]
enum Command {
    /// Show a company's interview loop for a role: rounds, minutes, what each judges,
    /// weighted Leadership Principles, elimination points, the steps that are not interviews,
    /// timeline and the prep checklist. With no company and role, list every loop.
    #[command(after_help = "\
Examples:
  debrief loop                          every loop, with its track
  debrief loop amazon pmm
  debrief loop amazon pm --level l6
  debrief loop amazon pm --track pm-t   Amazon's technical PM track
  debrief loop google pmm --json | jq '.rounds[].title'")]
    Loop {
        /// Company id: amazon, google or meta. Leave it and the role out to list every loop.
        company: Option<String>,
        /// Role id: pm or pmm.
        role: Option<String>,
        /// A track within the role that has a loop of its own, e.g. pm-t (Amazon's technical
        /// PM track). Left out: the role's own loop.
        #[arg(long)]
        track: Option<String>,
        /// Level id at the company, e.g. l5 (Amazon, Google) or ic5 (Meta).
        #[arg(long)]
        level: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The documents loops ask for (PR/FAQ, written exercise, GTM one-pager, messaging house,
    /// battlecard, launch plan, PRD): kinds, prompts, templates, and a checker that reads a
    /// document the way a reviewer does.
    Artifact {
        #[command(subcommand)]
        command: artifact::ArtifactCommand,
    },
    /// PM and PMM pay at a company by level, every figure with its source, date and whether
    /// other sources agree; the company's vesting schedule and sign-on pattern.
    #[command(after_help = "\
Examples:
  debrief pay amazon
  debrief pay amazon --role pmm --level l6
  debrief pay google --json | jq '.rows[] | {role, level, total}'")]
    Pay {
        /// Company id: amazon, google or meta.
        company: String,
        /// Only this role: pm, pmm or pm-t.
        #[arg(long)]
        role: Option<String>,
        /// Only this level, e.g. l5 (Amazon, Google) or ic5 (Meta).
        #[arg(long)]
        level: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Work an offer out year by year (first-year pay, four-year average and the evenly
    /// spread figure salary sites show), or compare offers from a file.
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "\
Examples:
  debrief offer --base 150000 --signon 50000,40000 --grant 200000:amazon
  debrief offer --base 170k --bonus 15% --grant 240000:google --stock-change -30
  debrief offer --base 150000 --company amazon --signon 55000,45000 --grant 150000:amazon --leave-at 6
  debrief offer compare offers.toml --json"
    )]
    Offer {
        #[command(subcommand)]
        command: Option<pay::OfferCommand>,
        #[command(flatten)]
        args: pay::OfferArgs,
    },
    /// List and search the question bank. Filters combine; --search ranks by relevance.
    #[command(after_help = "\
Examples:
  debrief questions --role pmm --round gtm-case
  debrief questions --lp earn-trust --company amazon
  debrief questions --search \"conversion dropped\" --limit 5
  debrief questions --json | jq length")]
    Questions {
        /// Only questions asked of this role (pm, pmm).
        #[arg(long)]
        role: Option<String>,
        /// Only questions of this round kind, e.g. behavioral, gtm-case.
        #[arg(long)]
        round: Option<String>,
        /// Questions for this company: its own and the general ones.
        #[arg(long)]
        company: Option<String>,
        /// Only questions probing this Leadership Principle id, e.g. dive-deep.
        #[arg(long)]
        lp: Option<String>,
        /// Only questions of this difficulty: easy, medium, hard.
        #[arg(long)]
        difficulty: Option<String>,
        /// Ranked full-text search over questions, their principles and signals.
        #[arg(long, short = 's', value_name = "TEXT")]
        search: Option<String>,
        /// Show at most this many questions.
        #[arg(long, short = 'n')]
        limit: Option<usize>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Annotated model answers, strong and weak, for each round kind and role, with what makes
    /// each one strong or weak and how the grader reads it.
    #[command(after_help = "\
Examples:
  debrief examples --role pmm --round gtm-case
  debrief examples --round behavioral --json | jq '.[] | select(.label == \"weak\")'")]
    Examples {
        /// Only answers as this role (pm, pmm).
        #[arg(long)]
        role: Option<String>,
        /// Only answers for this round kind, e.g. behavioral, gtm-case.
        #[arg(long)]
        round: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show a company's principles (Amazon's Leadership Principles, Google's hiring attributes,
    /// Meta's interview competencies), or one of them with PM and PMM proof.
    #[command(after_help = "\
Examples:
  debrief lp
  debrief lp --company google
  debrief lp earn-trust
  debrief lp --json")]
    Lp {
        /// Principle id, e.g. customer-obsession or googleyness; the company's list when
        /// omitted.
        id: Option<String>,
        /// Whose list to show: amazon, google or meta; the content's default company when
        /// omitted.
        #[arg(long)]
        company: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Guides in plain words: which role to interview for, and each company's loop round by
    /// round (what each round tests, how to prepare, common mistakes), every fact with its
    /// source.
    #[command(after_help = "\
Examples:
  debrief guide                      list the guides
  debrief guide pm-or-pmm            PM or PMM: what each role owns and how each is judged
  debrief guide amazon-pmm
  debrief guide google-pm --json | jq '.sections[].heading'")]
    Guide {
        /// Guide id, e.g. pm-or-pmm or amazon-pm; every guide is listed when omitted.
        id: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Grade an answer: findings on the exact words, a score per rubric dimension, a 0-100
    /// score and a hiring rating. Reads FILE, or standard input when FILE is `-` or absent.
    #[command(after_help = "\
Examples:
  debrief grade answer.txt --role pmm --round gtm-case
  pbpaste | debrief grade --role pm --question \"Tell me about a time you disagreed\"
  debrief grade answer.txt --role pm --json | jq .score
  debrief grade --transcript call.txt --role pmm
  debrief grade --batch answers.jsonl --json     one JSON object per line in and out

Batch lines: {\"id\": \"a1\", \"answer\": \"...\", \"role\": \"pm\", \"round\": \"behavioral\",
\"question\": \"...\", \"company\": \"amazon\"}; role, round, question and company are optional
(no role grades role-neutrally; no round grades as behavioral). A bad line is reported with its
line number and the rest are still graded; the exit code is then 2.")]
    Grade(GradeArgs),
    /// Measure the grader on the calibration set: pairwise accuracy, AUC and per-category
    /// recall, for the tuning part and the held-out part.
    #[command(after_help = "\
Examples:
  debrief calibrate
  debrief calibrate --json | jq .held_out.pairwise_accuracy
  debrief calibrate --dir ./my-calibration
  debrief calibrate --fit > content/rules/score-model.toml
  debrief calibrate --fit-word-order
  debrief calibrate --fit-flaws > content/rules/flaw-model.toml")]
    Calibrate {
        /// A calibration folder laid out like content/calibration; the built-in set when omitted.
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Refit the score model on the tuning part (never the held-out part) and print it as
        /// a `[score_model]` content table, instead of measuring.
        #[arg(long, conflicts_with = "json")]
        fit: bool,
        /// Recount the `word-order-odds` table on the tuning part (never the held-out part)
        /// and print it as the `[grading.word_order_odds]` table that ends
        /// content/rules/grading.toml.
        #[arg(long, conflicts_with_all = ["json", "fit"])]
        fit_word_order: bool,
        /// Refit the word weights learned per finding category on the tuning part (never the
        /// held-out part) and print them as a `[flaw_model]` content table.
        #[arg(long, conflicts_with_all = ["json", "fit", "fit_word_order"])]
        fit_flaws: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// PM or PMM? A questionnaire of situations plus an audit of your biggest wins, giving a
    /// recommendation with a confidence, the evidence item by item, and next steps.
    #[command(after_help = "\
Examples:
  debrief fit                              answer in the terminal
  debrief fit --items > items.json         the item and option ids, for scripts
  debrief fit --answers answers.json --json")]
    Fit(prep::FitArgs),
    /// A week-by-week prep plan from today to the interview: artifacts, drills per round kind,
    /// stories for the weighted Leadership Principles, mock loops.
    #[command(after_help = "\
Examples:
  debrief plan new amazon pmm --level l5 --date 2027-01-15
  debrief plan new                      your profile's loop and interview date
  debrief plan list
  debrief plan show 1 --ics > prep.ics
  debrief plan tick 1 w1-story-customer-obsession")]
    #[command(subcommand)]
    Plan(prep::PlanCommand),
    /// Your target: the company, role, level, track and interview date you are preparing for.
    /// Commands that take a company and role (plan new, stories coverage) start there when
    /// you leave them out, as the web app's forms do.
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "\
Examples:
  debrief profile
  debrief profile set --company amazon --role pm --level l6 --track pm-t --date 2027-01-15
  debrief profile set --role pmm           keep the rest, change the role
  debrief profile set --date ''            forget the interview date
  debrief profile clear
  debrief profile --json"
    )]
    Profile {
        #[command(subcommand)]
        command: Option<profile::ProfileCommand>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Your STAR story bank: add, list, show, edit, rm, lint, coverage, export, import.
    #[command(subcommand)]
    Stories(stories::StoriesCommand),
    /// A timed mock loop for a company, role and level: every round in order (or a quick
    /// loop, or one round), follow-up probes that quote your answer, each answer graded as it
    /// is handed in (or, in interview mode, nothing until the end), and a hiring-committee
    /// debrief at the end. Saved as you type and resumable.
    #[command(after_help = "\
Examples:
  debrief mock --company amazon --role pmm --level l5      run it in the terminal
  debrief mock --company amazon --role pmm --level l5 --quick --interview
                                                          the 3 rounds where candidates are cut
                                                          most, no score until the debrief
  debrief mock --company amazon --role pm --level l6 --round bar-raiser
  debrief mock --company amazon --role pmm --level l5 --quick --plan   the quick loop's draw
  debrief mock --resume 3
  debrief mock --list
  debrief mock --show 3 > debrief.md
  debrief mock --company amazon --role pmm --level l5 --seed 7 --plan > plan.json
  debrief mock --company amazon --role pmm --level l5 --seed 7 --answers answers.jsonl --json
  debrief mock --export 3 > answers.jsonl                  the answers handed in to mock 3
  debrief mock --mock 3 --answers answers.jsonl           same questions as saved mock 3")]
    Mock(mock::MockArgs),
    /// Today's practice queue: the round kinds and Leadership Principles your graded answers
    /// showed as weak, brought back on a spaced-repetition schedule (FSRS), each with a
    /// question to answer.
    #[command(after_help = "\
Examples:
  debrief today
  debrief today --json | jq '.[0].question'")]
    Today {
        /// Show at most this many.
        #[arg(long, short = 'n', default_value_t = 10)]
        limit: usize,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Readiness per round kind (at or above the bar in your last two answers) and the scores
    /// behind the progress plots.
    #[command(after_help = "\
Examples:
  debrief progress
  debrief progress --json | jq '.readiness'")]
    Progress {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Work with content packs.
    #[command(subcommand)]
    Content(ContentCommand),
    /// Run the web app. On loopback it is yours alone, with no sign-in (local mode); to serve
    /// a team, add --multi-user: accounts, sign-in and each person's data kept apart.
    #[command(after_help = "\
Examples:
  debrief serve
  debrief serve --addr 127.0.0.1:8080
  debrief serve --addr 127.0.0.1:0      pick a free port and print it
  debrief serve --multi-user --addr 0.0.0.0:7878
  debrief serve --multi-user --no-signup --secure-cookies --public-host prep.example.com
                                        behind an HTTPS proxy, reached as prep.example.com")]
    Serve {
        /// Address to listen on. An address other than loopback needs --multi-user.
        #[arg(long, default_value = "127.0.0.1:7878", env = "DEBRIEF_ADDR")]
        addr: SocketAddr,
        /// Serve several people: accounts with passwords, sign-in, each person's data private.
        #[arg(long, env = "DEBRIEF_MULTI_USER")]
        multi_user: bool,
        /// Close the sign-up page; accounts are made with `debrief users add`.
        #[arg(long, requires = "multi_user", env = "DEBRIEF_NO_SIGNUP")]
        no_signup: bool,
        /// Mark cookies Secure, so browsers send them only over HTTPS. Use it when the app is
        /// reached through an HTTPS reverse proxy.
        #[arg(long, env = "DEBRIEF_SECURE_COOKIES")]
        secure_cookies: bool,
        /// A name browsers reach the app by, besides IP addresses and localhost (repeat it, or
        /// separate names with commas). Requests for any other name are refused, so a website
        /// that points a name of its own at this machine cannot read your data.
        #[arg(
            long,
            value_name = "NAME",
            value_delimiter = ',',
            env = "DEBRIEF_PUBLIC_HOST"
        )]
        public_host: Vec<String>,
        /// The address of a reverse proxy in front of the app (repeat it, separate addresses
        /// with commas, or give a range such as 10.0.0.0/8). Only its X-Forwarded-For and
        /// X-Forwarded-Host are believed; from anyone else they are ignored.
        #[arg(
            long,
            value_name = "ADDRESS",
            value_delimiter = ',',
            env = "DEBRIEF_TRUSTED_PROXY"
        )]
        trusted_proxy: Vec<String>,
        /// How many connections may be open at once; one more gets a short 503. Keep it well
        /// below the process's open-file limit.
        #[arg(
            long,
            value_name = "N",
            default_value_t = debrief_web::DEFAULT_MAX_CONNECTIONS,
            value_parser = clap::value_parser!(u32).range(1..),
            env = "DEBRIEF_MAX_CONNECTIONS"
        )]
        max_connections: u32,
    },
    /// Accounts of a multi-user server: add, list, rm, passwd.
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  debrief completions bash > ~/.local/share/bash-completion/completions/debrief
  debrief completions zsh > ~/.zfunc/_debrief")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, clap::Args)]
struct GradeArgs {
    /// The answer file; `-` or nothing reads standard input.
    #[arg(value_name = "FILE", conflicts_with = "batch")]
    file: Option<PathBuf>,
    /// Grade for this role (pm, pmm); role-neutral when omitted.
    #[arg(long)]
    role: Option<String>,
    /// The round kind, e.g. behavioral, gtm-case, metrics; behavioral when omitted.
    #[arg(long)]
    round: Option<String>,
    /// The question the answer responds to.
    #[arg(long, value_name = "TEXT")]
    question: Option<String>,
    /// The company id, e.g. amazon.
    #[arg(long)]
    company: Option<String>,
    /// The answer is a spoken transcript: count filler words per minute.
    #[arg(long)]
    transcript: bool,
    /// The answer replies to an interviewer's follow-up, given with --question: it is judged
    /// on what the follow-up asked, not as a whole story.
    #[arg(long, requires = "question")]
    follow_up: bool,
    /// A Leadership Principle the question tests, by id (repeat for more); a question from
    /// the bank gives its own when omitted. A behavioral answer is also judged on the
    /// evidence for them.
    #[arg(long = "principle", value_name = "ID")]
    principles: Vec<String>,
    /// The time budget in seconds; the round kind's typical budget when omitted.
    #[arg(long, value_name = "SECONDS")]
    budget: Option<u32>,
    /// Grade every line of a JSON Lines file (`-` for standard input); prints one report per
    /// line.
    #[arg(long, value_name = "FILE.jsonl")]
    batch: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum ContentCommand {
    /// Validate a content folder laid over the built-in pack (or the built-in pack alone).
    /// Exits 0 when valid; otherwise prints every problem with file, line and field and
    /// exits 1.
    #[command(after_help = "\
Examples:
  debrief content check
  debrief content check ./my-pack
  debrief content check ./my-pack --json")]
    Check {
        /// The folder to check; the built-in pack (and --content, if given) when omitted.
        dir: Option<PathBuf>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// An error the user can fix by changing the command line: exit code 2.
#[derive(Debug)]
pub(crate) struct Usage(pub(crate) String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

impl From<LookupError> for Usage {
    fn from(e: LookupError) -> Self {
        Usage(e.to_string())
    }
}

/// The allocator. Loading the content pack and compiling the grader make some 170,000 small
/// allocations before a `debrief grade` from a shell reads its answer; this allocator takes
/// its memory from the system in large committed blocks rather than page by page, which
/// measured about a fifth off that command's wall time (at some 20 MB more peak memory), and
/// grading many answers in a row is faster too. Nothing depends on which allocator it is.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            let usage = err.downcast_ref::<Usage>().is_some();
            eprintln!("error: {}", for_stderr(&format!("{err:#}")));
            if usage {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let content = cli.content.as_deref();
    match cli.command {
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "debrief", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Content(ContentCommand::Check { dir, json }) => {
            content_check(dir.as_deref().or(content), json)
        }
        Command::Loop {
            company,
            role,
            track,
            level,
            json,
        } => {
            let catalog = load(content)?;
            let (company, role) = match (company, role) {
                (Some(company), Some(role)) => (company, role),
                (None, None) if track.is_none() && level.is_none() => {
                    if json {
                        print_json(&render::LoopRow::all(&catalog))?;
                    } else {
                        print_text(&render::loop_list(&catalog))?;
                    }
                    return Ok(ExitCode::SUCCESS);
                }
                _ => {
                    return Err(Usage(
                        "give a company and a role (e.g. `debrief loop amazon pm`), or neither \
                         to list every loop"
                            .to_owned(),
                    )
                    .into());
                }
            };
            let view = catalog
                .loop_view_on(&company, &role, track.as_deref(), level.as_deref())
                .map_err(Usage::from)?;
            if json {
                print_json(&view)?;
            } else {
                print_text(&render::loop_view(&view))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Questions {
            role,
            round,
            company,
            lp,
            difficulty,
            search,
            limit,
            json,
        } => {
            let catalog = load(content)?;
            let query = question_query(&catalog, role, round, company, lp, difficulty, search)?;
            let mut hits = catalog.find_questions(&query);
            if let Some(n) = limit {
                hits.truncate(n);
            }
            if json {
                print_json(&hits)?;
            } else {
                print_text(&render::questions(&catalog, &hits, &query))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Examples { role, round, json } => {
            let grader = load_grader(content)?;
            let examples =
                debrief_practice::graded_examples(&grader, role.as_deref(), round.as_deref())
                    .map_err(|e| match e {
                        debrief_practice::PracticeError::Lookup(l) => {
                            anyhow::Error::from(Usage::from(l))
                        }
                        other => anyhow::Error::from(other),
                    })?;
            if json {
                print_json(&examples)?;
            } else {
                print_text(&render::examples(&examples))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Pay {
            company,
            role,
            level,
            json,
        } => pay::pay(
            &load(content)?,
            &company,
            role.as_deref(),
            level.as_deref(),
            json,
        ),
        Command::Artifact { command } => {
            let data_dir = cli.data_dir.as_deref();
            with_grader(content, |g| artifact::run(g, data_dir, command))
        }
        Command::Offer { command, args } => pay::offer(&load(content)?, command, args),
        Command::Lp { id, company, json } => {
            let catalog = load(content)?;
            match id {
                Some(id) => {
                    let p = catalog.principle(&id).map_err(Usage::from)?;
                    let questions: Vec<&str> = catalog
                        .questions()
                        .iter()
                        .filter(|q| q.principles.contains(&p.id))
                        .map(|q| q.id.as_str())
                        .collect();
                    if json {
                        print_json(&serde_json::json!({ "principle": p, "questions": questions }))?;
                    } else {
                        print_text(&render::principle(&catalog, p))?;
                    }
                }
                None => {
                    let company = match &company {
                        Some(c) => catalog.company(c).map_err(Usage::from)?,
                        None => catalog
                            .default_company()
                            .or_else(|| catalog.companies().first())
                            .ok_or_else(|| anyhow::anyhow!("the content holds no company"))?,
                    };
                    let list = catalog.principles_of(&company.id);
                    if json {
                        print_json(&list)?;
                    } else {
                        print_text(&render::principles(company, &list))?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Guide { id, json } => guide::run(&load(content)?, id.as_deref(), json),
        Command::Serve {
            addr,
            multi_user,
            no_signup,
            secure_cookies,
            public_host,
            trusted_proxy,
            max_connections,
        } => {
            let mut auth = serve_auth(addr, multi_user, no_signup, secure_cookies)?;
            auth.trusted_proxies = debrief_web::TrustedProxies::parse(&trusted_proxy)
                .map_err(|e| Usage(format!("--trusted-proxy: {e}")))?;
            let limits = debrief_web::Limits {
                max_connections: max_connections as usize,
                ..debrief_web::Limits::default()
            };
            auth.public_hosts = public_host
                .into_iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .filter(|h| !h.is_empty())
                .collect();
            serve(content, cli.data_dir.as_deref(), addr, auth, limits)
        }
        Command::Users(command) => users::run(cli.data_dir.as_deref(), command),
        Command::Grade(args) => with_grader(content, |g| grade::run(g, args)),
        Command::Fit(args) => prep::fit(&load_grader(content)?, cli.data_dir.as_deref(), args),
        Command::Plan(command) => {
            prep::plan(&load_grader(content)?, cli.data_dir.as_deref(), command)
        }
        Command::Profile { command, json } => {
            let grader = load_grader(content)?;
            let local = store::Local::open(&grader, cli.data_dir.as_deref())?;
            profile::run(&local, command, json)
        }
        Command::Stories(command) => {
            let grader = load_grader(content)?;
            let local = store::Local::open(&grader, cli.data_dir.as_deref())?;
            stories::run(&local, command)
        }
        Command::Calibrate {
            dir,
            json,
            fit,
            fit_word_order,
            fit_flaws,
        } => {
            let grader = load_grader(content)?;
            if fit_flaws {
                grade::fit_flaws(&grader, dir.as_deref())
            } else if fit_word_order {
                grade::fit_word_order(dir.as_deref())
            } else if fit {
                grade::fit_score_model(&grader, dir.as_deref())
            } else {
                grade::calibrate(&grader, dir.as_deref(), json)
            }
        }
        Command::Mock(args) => mock::run(&load_grader(content)?, cli.data_dir.as_deref(), args),
        Command::Today { limit, json } => {
            mock::today_queue(&load_grader(content)?, cli.data_dir.as_deref(), json, limit)
        }
        Command::Progress { json } => {
            mock::progress(&load_grader(content)?, cli.data_dir.as_deref(), json)
        }
    }
}

fn question_query(
    catalog: &Catalog,
    role: Option<String>,
    round: Option<String>,
    company: Option<String>,
    lp: Option<String>,
    difficulty: Option<String>,
    search: Option<String>,
) -> Result<QuestionQuery, Usage> {
    let role = match role {
        Some(r) => Some(catalog.role(&r)?.0),
        None => None,
    };
    let round = match round {
        Some(k) => Some(catalog.round_kind(&k)?.id.clone()),
        None => None,
    };
    let company = match company {
        Some(c) => Some(catalog.company(&c)?.id.clone()),
        None => None,
    };
    let principle = match lp {
        Some(p) => Some(catalog.principle(&p)?.id.clone()),
        None => None,
    };
    let difficulty = match difficulty {
        Some(d) => {
            let d = d.trim().to_ascii_lowercase();
            if !debrief_pack::DIFFICULTIES.contains(&d.as_str()) {
                return Err(Usage(format!(
                    "unknown difficulty `{d}`; valid difficulties: {}",
                    debrief_pack::DIFFICULTIES.join(", ")
                )));
            }
            Some(d)
        }
        None => None,
    };
    Ok(QuestionQuery {
        role,
        round,
        company,
        principle,
        search,
        difficulty,
    })
}

fn load(content: Option<&std::path::Path>) -> anyhow::Result<Catalog> {
    debrief_content::load(content).map_err(|e| match &e {
        ContentError::Invalid(_) => anyhow::anyhow!(
            "{e}\nfix the files above, or run without --content / DEBRIEF_CONTENT to use the \
             built-in pack"
        ),
        _ => anyhow::Error::new(e),
    })
}

/// The content and the grader compiled from it, for the commands that grade.
/// Runs a one-shot command with a grader. The process ends right after, and exiting hands
/// the grader's memory back at once, where dropping it frees each of its many allocations in
/// turn (a few milliseconds of a `debrief grade` run from a shell).
fn with_grader(
    content: Option<&std::path::Path>,
    run: impl FnOnce(&Arc<Grader>) -> anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    let grader = load_grader(content)?;
    let result = run(&grader);
    std::mem::forget(grader);
    result
}

fn load_grader(content: Option<&std::path::Path>) -> anyhow::Result<Arc<Grader>> {
    Ok(Arc::new(Grader::new(Arc::new(load(content)?))))
}

fn content_check(dir: Option<&std::path::Path>, json: bool) -> anyhow::Result<ExitCode> {
    let result = debrief_content::load(dir);
    let (ok, problems, summary) = match &result {
        Ok(catalog) => {
            let p = catalog.pack();
            let summary = format!(
                "content is valid: {} roles, {} principles, {} companies, {} levels, {} round \
                 kinds, {} loops, {} rubrics, {} questions, {} checklists, {} guides",
                p.roles.len(),
                p.principles.len(),
                p.companies.len(),
                p.levels.len(),
                p.round_kinds.len(),
                p.loops.len(),
                p.rubrics.len(),
                p.questions.len(),
                p.checklists.len(),
                p.guides.len()
            );
            (true, Vec::new(), summary)
        }
        Err(ContentError::Invalid(d)) => (false, d.clone(), e_summary(d.len())),
        Err(e) => return Err(Usage(e.to_string()).into()),
    };
    if json {
        print_json(&serde_json::json!({ "valid": ok, "summary": summary, "problems": problems }))?;
    } else if ok {
        print_text(&format!("{summary}\n"))?;
    } else {
        let mut out = std::io::stderr().lock();
        for d in &problems {
            writeln!(out, "{d}")?;
        }
        writeln!(out, "{summary}")?;
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn e_summary(n: usize) -> String {
    if n == 1 {
        "content is invalid: 1 problem".into()
    } else {
        format!("content is invalid: {n} problems")
    }
}

/// The web app's [`debrief_web::Auth`] from `serve`'s flags. Anything but loopback would put
/// one person's data in front of everyone who can reach the port, so it needs --multi-user.
fn serve_auth(
    addr: SocketAddr,
    multi_user: bool,
    no_signup: bool,
    secure_cookies: bool,
) -> Result<debrief_web::Auth, Usage> {
    if !multi_user && !addr.ip().is_loopback() {
        return Err(Usage(format!(
            "{addr} can be reached from other machines, and without accounts anyone who reaches              it could read and change your data; add --multi-user to serve with sign-in and              separate accounts, or listen on 127.0.0.1"
        )));
    }
    let mut auth = if multi_user {
        debrief_web::Auth::multi_user()
    } else {
        debrief_web::Auth::local()
    };
    auth.signup = multi_user && !no_signup;
    auth.secure_cookies = secure_cookies;
    Ok(auth)
}

fn serve(
    content: Option<&std::path::Path>,
    data_dir: Option<&std::path::Path>,
    addr: SocketAddr,
    auth: debrief_web::Auth,
    limits: debrief_web::Limits,
) -> anyhow::Result<ExitCode> {
    let catalog = Arc::new(load(content)?);
    catalog.warm_up();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DEBRIEF_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        // The store first: a bad data folder or an unreachable database stops the start with
        // a clear error before anything listens.
        let store = store::open(data_dir).await?;
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!("cannot listen on {addr}; is another program using it? try --addr 127.0.0.1:0")
        })?;
        let local = listener.local_addr().context("reading the bound address")?;
        let mode = match (auth.mode, auth.signup) {
            (debrief_web::Mode::Local, _) => "local mode: no sign-in",
            (debrief_web::Mode::MultiUser, true) => "multi-user: sign-in required, sign-up open",
            (debrief_web::Mode::MultiUser, false) => {
                "multi-user: sign-in required, sign-up closed (debrief users add NAME)"
            }
        };
        println!("debrief is serving on http://{local}/  ({mode}; Ctrl-C to stop)");
        if !local.ip().is_loopback() && auth.public_hosts.is_empty() {
            println!(
                "It answers to IP addresses and localhost only: if people reach it by a name, \
                 add --public-host NAME."
            );
        }
        std::io::stdout().flush().ok();
        let state = debrief_web::AppState::shared(catalog, store).with_auth(auth);
        let shutdown = async {
            // If the signal handler cannot be installed, run until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        debrief_web::serve(listener, state, limits, shutdown)
            .await
            .context("serving")?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn print_json<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

pub(crate) fn print_text(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    // On a terminal, text a user wrote could carry escape sequences that move the cursor,
    // rewrite the screen or set the window title; written to a file or a pipe, it is kept byte
    // for byte (an export must not change what was saved).
    let text = if out.is_terminal() {
        for_terminal(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    // A closed pipe (`debrief questions | head`) is not an error worth reporting.
    match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// `text` as standard error should show it: made safe when it is a terminal.
pub(crate) fn for_stderr(text: &str) -> std::borrow::Cow<'_, str> {
    if std::io::stderr().is_terminal() {
        for_terminal(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `text` safe to show on a terminal: every control character but newline and tab (ESC, the
/// C1 controls, carriage return, backspace, ...) becomes U+FFFD, so no text a user wrote can
/// act on the terminal.
fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let keep = |c: char| !c.is_control() || c == '\n' || c == '\t';
    if text.chars().all(keep) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if keep(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_carries_no_control_characters() {
        let story = "Launch\u{1b}]0;owned\u{7}\u{1b}[2J done\r\u{9b}31m\nnext\tline";
        let shown = for_terminal(story);
        assert!(
            !shown
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{shown:?}"
        );
        assert_eq!(
            shown,
            "Launch\u{fffd}]0;owned\u{fffd}\u{fffd}[2J done\u{fffd}\u{fffd}31m\nnext\tline"
        );
        assert!(matches!(
            for_terminal("plain\ttext\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn roles_parse_case_insensitively() {
        assert_eq!(
            debrief_pack::Role::parse("PMM"),
            Some(debrief_pack::Role::Pmm)
        );
    }
}
