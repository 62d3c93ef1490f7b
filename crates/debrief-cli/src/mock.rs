//! `debrief mock`, `debrief today` and `debrief progress`: mock loops in the terminal, the
//! review queue, and readiness per round kind. The workflow itself lives in debrief-practice,
//! shared with the web app; this module reads the terminal and prints.

use debrief_store::MockId;
use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use debrief_coach::mock::{self, AnswerInput, Debrief, MockAnswer, MockPlan};
use debrief_coach::progress::{Readiness, artifact_of};
use debrief_grader::Grader;
use debrief_practice::mock::{Session, Step};
use debrief_practice::progress::READY_WINDOW;
use debrief_practice::{App, MockSummary, PracticeError, ReadinessScope};
use debrief_store::{Store, UserId};

use crate::store::{Local, now};
use crate::{Usage, print_json, print_text};

/// Arguments of `debrief mock`.
#[derive(Debug, Clone, clap::Args)]
pub struct MockArgs {
    /// Company id: amazon, google or meta. Left out with --role, your target's (`debrief
    /// profile`, else your newest plan's or mock's).
    #[arg(long)]
    company: Option<String>,
    /// Role id: pm or pmm.
    #[arg(long)]
    role: Option<String>,
    /// A track within the role that has a loop of its own, e.g. pm-t (Amazon's technical PM
    /// track). Left out with --company and --role given: the role's own loop.
    #[arg(long)]
    track: Option<String>,
    /// Level id at the company, e.g. l5 (Amazon, Google) or ic5 (Meta).
    #[arg(long)]
    level: Option<String>,
    /// A quick loop: the rounds where candidates are cut most (the loop's elimination
    /// points), topped up with its heaviest other rounds, three in all.
    #[arg(long, conflicts_with_all = ["round", "resume", "list", "show", "export"])]
    quick: bool,
    /// One round of the loop, by its id (e.g. bar-raiser, gtm-case; `debrief loop` lists them).
    #[arg(long, value_name = "ID", conflicts_with_all = ["resume", "list", "show", "export"])]
    round: Option<String>,
    /// Interview mode: no score or finding until the debrief; follow-ups come as the
    /// interviewer's questions. Without it, each answer's report shows as it is handed in.
    #[arg(long, conflicts_with_all = ["resume", "list", "show", "export"])]
    interview: bool,
    /// Seed for drawing the questions. Interactive mocks draw a random one; with --answers it
    /// defaults to 1. The debrief shows the seed, so a loop can be drawn again.
    #[arg(long)]
    seed: Option<u64>,
    /// Grade a whole loop from a JSON Lines file without asking anything: one answer per line,
    /// {"round_index", "question_index", "probe_index", "probe", "answer", "elapsed_seconds"}
    /// (the web app's "answers.jsonl" download). Prints the debrief; saves nothing.
    #[arg(long, value_name = "FILE.jsonl")]
    answers: Option<PathBuf>,
    /// With --answers: use the questions of this saved mock instead of a fresh draw.
    #[arg(long = "mock", value_name = "ID", requires = "answers")]
    mock_id: Option<i64>,
    /// Print the drawn loop (rounds and questions, as JSON) and exit: what an --answers file
    /// answers.
    #[arg(long, conflicts_with_all = ["answers", "resume", "list", "show"])]
    plan: bool,
    /// Carry on with a saved mock loop.
    #[arg(long, value_name = "ID", conflicts_with_all = ["answers", "list", "show"])]
    resume: Option<i64>,
    /// List your mock loops.
    #[arg(long, conflicts_with_all = ["answers", "show"])]
    list: bool,
    /// Print the debrief of a saved mock loop.
    #[arg(long, value_name = "ID", conflicts_with = "answers")]
    show: Option<i64>,
    /// Print the answers handed in to a saved mock loop as JSON Lines: what --answers reads
    /// (with --mock ID) to weigh the same debrief.
    #[arg(long, value_name = "ID", conflicts_with_all = ["answers", "show", "list", "resume"])]
    export: Option<i64>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// `debrief mock`.
pub fn run(
    grader: &Arc<Grader>,
    data_dir: Option<&Path>,
    args: MockArgs,
) -> anyhow::Result<ExitCode> {
    if let Some(file) = &args.answers {
        return from_answers(grader, data_dir, &args, file);
    }
    if args.plan {
        let plan = mock::draw(
            grader.catalog(),
            &spec_for(grader, data_dir, &args, args.seed.unwrap_or(1))?,
            &[],
        )
        .map_err(usage)?;
        print_json(&plan)?;
        return Ok(ExitCode::SUCCESS);
    }
    let local = Local::open(grader, data_dir)?;
    local.block_on(async |app: &App, user: UserId| {
        let store = app.store();
        if args.list {
            return list(app, user, args.json).await;
        }
        if let Some(id) = args.export {
            let session = debrief_practice::mock::load(store, grader, user, MockId::new(id))
                .await
                .map_err(|e| practice_error(e, id))?;
            print_text(&session.answers_jsonl()?)?;
            return Ok(ExitCode::SUCCESS);
        }
        if let Some(id) = args.show {
            let session = debrief_practice::mock::load(store, grader, user, MockId::new(id))
                .await
                .map_err(|e| practice_error(e, id))?;
            return match &session.debrief {
                Some(d) => {
                    print_debrief(d, args.json)?;
                    Ok(ExitCode::SUCCESS)
                }
                None => Err(Usage(format!(
                    "mock loop {id} is not finished yet: carry on with `debrief mock --resume \
                     {id}`, or type :end there to end it and read the debrief"
                ))
                .into()),
            };
        }
        let id = match args.resume {
            Some(id) => id,
            None => {
                let seed = match args.seed {
                    Some(seed) => seed,
                    None => random_seed()?,
                };
                let spec = target_spec(app, user, &args, seed).await?;
                let started = debrief_practice::mock::start(store, grader, user, &spec, now())
                    .await
                    .map_err(|e| practice_error(e, 0))?;
                started.id
            }
        };
        interactive(store, grader, user, MockId::new(id), args.json).await
    })
}

/// The spec of a new mock: the company, role and level given, else the candidate's target
/// (`App::choose_loop`: their profile, else their newest plan or mock, else the content's
/// defaults), read from the store only when something is left out.
fn spec_for(
    grader: &Arc<Grader>,
    data_dir: Option<&Path>,
    args: &MockArgs,
    seed: u64,
) -> anyhow::Result<mock::MockSpec> {
    if args.company.is_some() && args.role.is_some() && args.level.is_some() {
        return fresh_spec(args, seed);
    }
    let local = Local::open(grader, data_dir)?;
    local.block_on(async |app: &App, user: UserId| target_spec(app, user, args, seed).await)
}

/// [`spec_for`] inside an open store.
async fn target_spec(
    app: &App,
    user: UserId,
    args: &MockArgs,
    seed: u64,
) -> anyhow::Result<mock::MockSpec> {
    if args.company.is_some() && args.role.is_some() && args.level.is_some() {
        return fresh_spec(args, seed);
    }
    let choice = app
        .choose_loop(
            user,
            args.company.as_deref(),
            args.role.as_deref(),
            args.track.as_deref(),
            args.level.clone(),
        )
        .await
        .map_err(|e| match e {
            PracticeError::Invalid(_) => usage(
                "give both --company and --role, or neither to use your target (`debrief \
                 profile`), e.g. `debrief mock --company amazon --role pmm --level l5`",
            ),
            other => practice_error(other, 0),
        })?;
    let level = choice.level.clone().or_else(|| {
        app.catalog()
            .default_level(&choice.company)
            .map(|l| l.id.clone())
    });
    let filled = MockArgs {
        company: Some(choice.company.clone()),
        role: Some(choice.role.id().to_owned()),
        track: choice.track.clone(),
        level,
        ..args.clone()
    };
    fresh_spec(&filled, seed)
}

fn fresh_spec(args: &MockArgs, seed: u64) -> anyhow::Result<mock::MockSpec> {
    let need = |value: &Option<String>, flag: &str| {
        value.clone().ok_or_else(|| {
            Usage(format!(
                "{flag} is missing: a new mock loop needs --company, --role and --level, e.g. \
                 `debrief mock --company amazon --role pmm --level l5`"
            ))
        })
    };
    let mut spec = debrief_practice::mock::spec(
        &need(&args.company, "--company")?,
        &need(&args.role, "--role")?,
        &need(&args.level, "--level")?,
        seed,
    );
    spec.track.clone_from(&args.track);
    spec.scope = match (&args.round, args.quick) {
        (Some(round), _) => mock::Scope::Round(round.clone()),
        (None, true) => mock::Scope::Quick,
        (None, false) => mock::Scope::Full,
    };
    if args.interview {
        spec.mode = mock::Mode::Interview;
    }
    Ok(spec)
}

fn usage(e: impl std::fmt::Display) -> anyhow::Error {
    Usage(e.to_string()).into()
}

fn practice_error(e: PracticeError, id: i64) -> anyhow::Error {
    match e {
        PracticeError::NotFound(_) => usage(format!(
            "no mock loop with id {id}; `debrief mock --list` shows the ids"
        )),
        PracticeError::Mock(e) => usage(e),
        PracticeError::Invalid(m) => usage(m),
        other => anyhow::Error::new(other),
    }
}

fn random_seed() -> anyhow::Result<u64> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("no random seed available: {e}; pass --seed N"))?;
    Ok(u64::from_le_bytes(bytes))
}

/// `--answers`: grade every line, report every bad line with its number, then weigh the
/// debrief exactly as the web app does.
fn from_answers(
    grader: &Arc<Grader>,
    data_dir: Option<&Path>,
    args: &MockArgs,
    file: &Path,
) -> anyhow::Result<ExitCode> {
    let plan: MockPlan = match args.mock_id {
        Some(id) => {
            let local = Local::open(grader, data_dir)?;
            local.block_on(async |app: &App, user: UserId| {
                let store = app.store();
                let session = debrief_practice::mock::load(store, grader, user, MockId::new(id))
                    .await
                    .map_err(|e| practice_error(e, id))?;
                Ok(session.plan)
            })?
        }
        None => mock::draw(
            grader.catalog(),
            &spec_for(grader, data_dir, args, args.seed.unwrap_or(1))?,
            &[],
        )
        .map_err(usage)?,
    };
    let text = if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut s)
            .context("reading answers from stdin")?;
        s
    } else {
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?
    };
    let mut answers: Vec<MockAnswer> = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let graded = serde_json::from_str::<AnswerInput>(line)
            .map_err(|e| e.to_string())
            .and_then(|input| mock::grade_answer(grader, &plan, &input).map_err(|e| e.to_string()));
        match graded {
            Ok(a) => answers.push(a),
            Err(e) => errors.push(format!("{}:{line_no}: {e}", file.display())),
        }
    }
    if !errors.is_empty() {
        return Err(Usage(format!(
            "{}\nfix the lines above; each line is one answer: {{\"round_index\": 0, \
             \"question_index\": 0, \"answer\": \"...\"}} (see `debrief mock --plan` for the \
             rounds and questions)",
            errors.join("\n")
        ))
        .into());
    }
    if answers.is_empty() {
        return Err(usage(format!(
            "{} holds no answers; write one JSON object per line",
            file.display()
        )));
    }
    let debrief = mock::debrief(grader.catalog(), &plan, &answers);
    print_debrief(&debrief, args.json)?;
    Ok(ExitCode::SUCCESS)
}

fn print_debrief(debrief: &Debrief, json: bool) -> anyhow::Result<()> {
    if json {
        print_json(debrief)
    } else {
        print_text(&debrief.to_markdown())
    }
}

async fn list(app: &App, user: UserId, json: bool) -> anyhow::Result<ExitCode> {
    let mocks = app.mocks(user).await?;
    if json {
        print_json(&mocks)?;
        return Ok(ExitCode::SUCCESS);
    }
    if mocks.is_empty() {
        print_text(
            "No mock loops yet. Start one with `debrief mock --company amazon --role pmm --level l5`.\n",
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for MockSummary {
        mock: m, debrief, ..
    } in &mocks
    {
        let status = match (debrief, &m.debrief_json) {
            (Some(d), _) => format!(
                "{} · {}/100 (bar {})",
                if d.decision.hire { "Hire" } else { "No hire" },
                d.score,
                d.bar
            ),
            (None, Some(_)) => "finished".to_owned(),
            (None, None) => format!("in progress · resume with `debrief mock --resume {}`", m.id),
        };
        let _ = writeln!(
            out,
            "{:>4}  {} {} {}  started {}  {status}",
            m.id,
            m.company,
            m.role,
            m.level,
            app.clock().date_of(m.created_at)
        );
    }
    print_text(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The terminal loop: one box at a time, every line saved as it is typed.
async fn interactive(
    store: &Store,
    grader: &Arc<Grader>,
    user: UserId,
    id: MockId,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let tty = std::io::stdin().is_terminal();
    let mut stdin = std::io::stdin().lock();
    let mut said_how = false;
    loop {
        let session = debrief_practice::mock::open_current(store, grader, user, id, now())
            .await
            .map_err(|e| practice_error(e, id.get()))?;
        let Some(step) = session.current().cloned() else {
            let debrief = match session.debrief {
                Some(d) => d,
                None => debrief_practice::mock::finish(store, grader, user, id, now())
                    .await
                    .map_err(|e| practice_error(e, id.get()))?,
            };
            print_debrief(&debrief, json)?;
            return Ok(ExitCode::SUCCESS);
        };
        if !json {
            print_step(&session, &step, id.get(), !said_how)?;
            said_how = true;
        }
        let mut text = step.text.clone();
        let mut ended = false;
        let mut handed_in = false;
        loop {
            if tty {
                eprint!("> ");
                let _ = std::io::stderr().flush();
            }
            let mut line = String::new();
            if stdin.read_line(&mut line).context("reading your answer")? == 0 {
                break;
            }
            let line = line.trim_end_matches(['\n', '\r']);
            match line.trim() {
                "." => {
                    handed_in = true;
                    break;
                }
                ":end" => {
                    ended = true;
                    break;
                }
                _ => {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(line);
                    debrief_practice::mock::save_draft(
                        store,
                        grader,
                        user,
                        id,
                        step.slot,
                        &text,
                        now(),
                    )
                    .await
                    .map_err(|e| practice_error(e, id.get()))?;
                }
            }
        }
        if ended {
            let debrief = debrief_practice::mock::finish(store, grader, user, id, now())
                .await
                .map_err(|e| practice_error(e, id.get()))?;
            print_debrief(&debrief, json)?;
            return Ok(ExitCode::SUCCESS);
        }
        if !handed_in {
            // End of input without a hand-in: everything typed is saved.
            eprintln!(
                "\nSaved. Carry on later with `debrief mock --resume {id}`; type a line with only \
                 `.` to hand an answer in, or `:end` to end the loop."
            );
            return Ok(ExitCode::SUCCESS);
        }
        match debrief_practice::mock::submit(store, grader, user, id, step.slot, &text, now()).await
        {
            Ok(handed) => {
                if !json {
                    if session.plan.mode.shows_reports() {
                        print_text(&feedback(&handed.answer))?;
                    } else {
                        print_text("\nHanded in. The score comes with the debrief.\n\n")?;
                    }
                }
            }
            Err(PracticeError::Grade(e)) | Err(PracticeError::Mock(mock::MockError::Grade(e))) => {
                eprintln!(
                    "That answer could not be handed in: {e}. Your text is saved; try again."
                );
            }
            Err(PracticeError::Mock(mock::MockError::Artifact(e))) => {
                eprintln!(
                    "That document could not be handed in: {e}. Your text is saved; try again."
                );
            }
            Err(e) => return Err(practice_error(e, id.get())),
        }
    }
}

fn print_step(session: &Session, step: &Step, id: i64, explain: bool) -> anyhow::Result<()> {
    let mut out = String::new();
    let (r, _, p) = step.indexes();
    if explain {
        let _ = writeln!(
            out,
            "{} · {} · {} · {}, {} rounds of {} · {} · mock loop {id} (seed {})\nType your answer; \
             each line is saved as you go. A line with only `.` hands it in; `:end` ends the loop \
             and shows the debrief; Ctrl-D stops (resume with `debrief mock --resume {id}`).{}\n",
            session.plan.company_name,
            match &session.plan.track {
                Some(t) => format!(
                    "{} ({} track)",
                    session.plan.role_name,
                    debrief_pack::track_label(t)
                ),
                None => session.plan.role_name.clone(),
            },
            session.plan.level_name,
            session.plan.scope.label(),
            session.plan.rounds.len(),
            session.plan.rounds_in_loop(),
            session.plan.mode.label(),
            session.plan.seed,
            if session.plan.mode.shows_reports() {
                ""
            } else {
                "\nInterview mode: no score until the debrief."
            }
        );
    }
    if let Some(round) = session.round(step) {
        let used = session.round_seconds(r, now());
        let budget = i64::from(round.minutes) * 60;
        let _ = writeln!(
            out,
            "── Round {} of {}: {}{} · {} · {} used of {} ──",
            r + 1,
            session.plan.rounds.len(),
            round.title,
            if round.bar_raiser {
                " (Bar Raiser)"
            } else {
                ""
            },
            round.kind_name,
            clock(used),
            clock(budget)
        );
    }
    if p > 0 {
        let _ = writeln!(out, "The interviewer follows up: {}", step.prompt);
        // Why a probe is asked names the weakness: feedback, so interview mode keeps it back.
        if let Some(why) = step
            .why
            .as_ref()
            .filter(|_| session.plan.mode.shows_reports())
        {
            let _ = writeln!(out, "  (why: {why})");
        }
    } else {
        let _ = writeln!(out, "{}", step.prompt);
    }
    if !step.text.is_empty() {
        let _ = writeln!(
            out,
            "\nYour saved draft (new lines are added to it):\n{}",
            step.text
        );
    }
    print_text(&out)
}

fn feedback(answer: &MockAnswer) -> String {
    let r = &answer.report;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nHanded in: {}/100 · {} · {} words",
        r.score,
        r.rating.label(),
        r.words
    );
    for f in r.findings.iter().take(3) {
        let _ = writeln!(out, "  • \"{}\": {} {}", f.text, f.message, f.suggestion);
    }
    out.push('\n');
    out
}

fn clock(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// `debrief today`.
pub fn today_queue(
    grader: &Arc<Grader>,
    data_dir: Option<&Path>,
    json: bool,
    limit: usize,
) -> anyhow::Result<ExitCode> {
    let local = Local::open(grader, data_dir)?;
    let queue =
        local.block_on(async |app: &App, user: UserId| Ok(app.today_queue(user, limit).await?))?;
    let (items, tomorrow) = (queue.today, queue.tomorrow);
    if json {
        print_json(&items)?;
        return Ok(ExitCode::SUCCESS);
    }
    let tomorrow_line = if tomorrow.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = tomorrow.iter().map(|i| i.subject.name()).collect();
        format!("Coming back tomorrow: {}.\n", names.join(", "))
    };
    if items.is_empty() {
        print_text(&format!(
            "Nothing due today. Weak round kinds and Leadership Principles from your graded \
             answers come back here on a spaced-repetition schedule.\n{tomorrow_line}"
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let _ = writeln!(out, "{}. {} — {}", i + 1, item.subject.name(), item.reason);
        if let Some((id, text, round)) = &item.question {
            let _ = writeln!(
                out,
                "   {text}\n   (question {id}: answer it on the Practice page, or save your answer \
                 to a file and run `debrief grade --round {round} --question \"...\" FILE`)"
            );
        }
    }
    out.push_str(&tomorrow_line);
    print_text(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `debrief progress`.
pub fn progress(
    grader: &Arc<Grader>,
    data_dir: Option<&Path>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let local = Local::open(grader, data_dir)?;
    let progress =
        local.block_on(async |app: &App, user: UserId| Ok(app.progress(user).await?))?;
    let hire = progress.bar;
    if json {
        print_json(&progress)?;
        return Ok(ExitCode::SUCCESS);
    }
    if progress.attempts.is_empty() {
        print_text(
            "Nothing graded yet. Answers from Practice and mock loops, and documents checked in \
             artifact drills, show up here.\n",
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let scope = match &progress.scope {
        ReadinessScope::LatestMock {
            company_name,
            role,
            level_name,
        } => format!(
            "the round kinds of your latest mock loop, {company_name} {} at {level_name}",
            role.label()
        ),
        ReadinessScope::Answered => "every round kind you have answered".to_owned(),
    };
    let catalog = grader.catalog();
    let line = |out: &mut String, name: &str, r: &Readiness| {
        let recent: Vec<String> = r.recent.iter().map(u32::to_string).collect();
        let _ = writeln!(
            out,
            "  {:<28} {:<9} recent {:<8} {}",
            name,
            r.status.label(),
            recent.join(", "),
            r.next_step
        );
    };
    let mut out = String::new();
    if !progress.readiness.is_empty() {
        let _ = writeln!(
            out,
            "Readiness per round kind (bar {hire}, last {READY_WINDOW} answers), for {scope}:"
        );
    }
    for r in &progress.readiness {
        let name = catalog
            .round_kind(&r.round_kind)
            .map_or(r.round_kind.as_str(), |k| k.name.as_str());
        line(&mut out, name, r);
    }
    if !progress.artifacts.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "Artifact drills (bar {hire}, last {READY_WINDOW} checks of each kind):"
        );
    }
    for r in &progress.artifacts {
        // A kind the content no longer has is shown by its id.
        let name = artifact_of(&r.round_kind)
            .and_then(|k| catalog.artifact_kind(k).ok())
            .map_or(r.round_kind.as_str(), |k| k.name.as_str());
        line(&mut out, name, r);
    }
    let _ = writeln!(
        out,
        "\n{} graded answers and checked documents in all.",
        progress.attempts.len()
    );
    print_text(&out)?;
    Ok(ExitCode::SUCCESS)
}
