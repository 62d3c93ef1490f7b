//! `debrief grade` and `debrief calibrate`: reading answers, calling the core grader, printing.

use std::io::{BufRead, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use debrief_grader::Grader;
use debrief_grader::MAX_ANSWER_BYTES;
use debrief_grader::calibrate::calibrate as run_calibration;
use debrief_grader::{GradeError, GradeInput, InputId};

use crate::{GradeArgs, Usage, print_json, print_text, render};

fn usage(e: GradeError) -> Usage {
    Usage(e.to_string())
}

/// Reads the answer from a file or standard input, as UTF-8 of at most 1 MB.
pub(crate) fn read_answer(file: Option<&Path>) -> Result<String, Usage> {
    let mut bytes = Vec::new();
    let limit = MAX_ANSWER_BYTES as u64 + 1;
    let (name, result) = match file {
        Some(path) if path != Path::new("-") => {
            let name = path.display().to_string();
            let result =
                std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes));
            (name, result)
        }
        _ => {
            let result = std::io::stdin().lock().take(limit).read_to_end(&mut bytes);
            ("standard input".to_owned(), result)
        }
    };
    result.map_err(|e| Usage(format!("cannot read {name}: {e}")))?;
    if bytes.len() > MAX_ANSWER_BYTES {
        return Err(Usage(format!(
            "{name} is over 1 MB; grade one answer at a time (about 150,000 words at most)"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Usage(format!(
            "{name} is not valid UTF-8 (bad byte at offset {}); save it as UTF-8 text",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// `debrief grade`.
pub fn run(grader: &Grader, args: GradeArgs) -> anyhow::Result<ExitCode> {
    if let Some(batch) = &args.batch {
        return run_batch(grader, batch);
    }
    let answer = read_answer(args.file.as_deref())?;
    let input = GradeInput {
        id: None,
        answer,
        role: args.role.clone(),
        round: args.round.clone(),
        question: args.question.clone(),
        company: args.company.clone(),
        transcript: args.transcript,
        budget_seconds: args.budget,
        follow_up: args.follow_up,
        principles: args.principles.clone(),
    };
    let request = grader.request(input).map_err(|e| Usage(e.to_string()))?;
    let report = grader.grade(&request).map_err(usage)?;
    if args.json {
        print_json(&report)?;
    } else {
        print_text(&render::report(&request.answer, &report, grader.catalog()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--batch FILE`, or `--batch -` for standard input (as `grade -` reads its answer).
fn run_batch(grader: &Grader, path: &Path) -> anyhow::Result<ExitCode> {
    let (name, reader): (String, Box<dyn BufRead>) = if path == Path::new("-") {
        (
            "standard input".to_owned(),
            Box::new(std::io::stdin().lock()),
        )
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| Usage(format!("cannot read batch file {}: {e}", path.display())))?;
        (
            path.display().to_string(),
            Box::new(std::io::BufReader::new(file)),
        )
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    for (n, line) in reader.split(b'\n').enumerate() {
        let number = n + 1;
        let line = line.map_err(|e| Usage(format!("cannot read batch {name}: {e}")))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match grade_line(grader, &line) {
            Ok(json) => writeln!(out, "{json}")?,
            Err((id, message)) => {
                bad += 1;
                let shown = format!("{name}:{number}: {message}");
                eprintln!("{}", crate::for_stderr(&shown));
                let error = serde_json::json!({ "id": id, "line": number, "error": message });
                writeln!(out, "{error}")?;
            }
        }
    }
    out.flush()?;
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Grades one batch line into its JSON report, or says what is wrong with it (with its id
/// when the line had one).
fn grade_line(grader: &Grader, line: &[u8]) -> Result<String, (serde_json::Value, String)> {
    let null = serde_json::Value::Null;
    let text = std::str::from_utf8(line)
        .map_err(|_| (null.clone(), "the line is not valid UTF-8".to_owned()))?;
    let parsed: GradeInput = serde_json::from_str(text).map_err(|e| {
        let id = serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|v| v.get("id").cloned())
            .unwrap_or_default();
        (id, format!("not a valid answer object: {e}; expected {{\"id\", \"answer\", optional \"role\", \"round\", \"question\", \"company\"}}"))
    })?;
    let id = parsed.id.clone();
    let json_id = match &id {
        Some(InputId::Text(s)) => serde_json::Value::from(s.clone()),
        Some(InputId::Number(n)) => serde_json::Value::from(*n),
        None => serde_json::Value::Null,
    };
    let fail = |m: String| (json_id.clone(), m);
    let request = grader.request(parsed).map_err(|e| fail(e.to_string()))?;
    let mut report = grader.grade(&request).map_err(|e| fail(e.to_string()))?;
    report.id = id.map(|i| i.to_string());
    serde_json::to_string(&report).map_err(|e| fail(e.to_string()))
}

/// The calibration set in `dir`, or the built-in one; it must have pairs.
fn calibration_set(
    dir: Option<&Path>,
) -> anyhow::Result<debrief_grader::calibrate::CalibrationSet> {
    let set = match dir {
        Some(d) => debrief_content::read_calibration(d),
        None => debrief_content::built_in_calibration(),
    }
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    if set.pairs.is_empty() {
        return Err(Usage("the calibration set has no pairs".into()).into());
    }
    Ok(set)
}

/// `debrief calibrate --fit`: the refitted score model as a content table on standard
/// output, how well it fits on standard error.
pub fn fit_score_model(grader: &Grader, dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let set = calibration_set(dir)?;
    let fitted =
        debrief_grader::calibrate::fit(grader, &set).map_err(|e| anyhow::anyhow!("{e}"))?;
    let today = debrief_practice::clock::Clock::system().today();
    let text = format!(
        "# How the overall score is built from measured features of an answer (see\n\
         # content/rules/README.md). Fitted by `debrief calibrate --fit` on {today} from the\n\
         # tuning part of content/calibration ({} answers); the held-out part was not used.\n\n{}",
        fitted.answers,
        debrief_grader::calibrate::score_model_toml(&fitted.model)
    );
    print_text(&text)?;
    eprintln!(
        "fitted on {} tuning answers; {} are on the right side of the hire threshold",
        fitted.answers, fitted.right_side
    );
    Ok(ExitCode::SUCCESS)
}

/// `debrief calibrate --fit-word-order`: the `word_order_odds` table the tuning part gives.
pub fn fit_word_order(dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let set = calibration_set(dir)?;
    let table = debrief_grader::calibrate::word_order_table(&set.pairs);
    let mut text = String::from("[grading.word_order_odds]\n");
    for (pair, odds) in &table {
        text.push_str(&format!("\"{pair}\" = {odds}\n"));
    }
    print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `debrief calibrate --fit-flaws`: the `[flaw_model]` table the tuning part gives.
pub fn fit_flaws(grader: &Grader, dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let set = calibration_set(dir)?;
    let model = debrief_grader::calibrate::fit_flaws(grader, &set);
    let mut text = String::from(
        "# Word weights learned per finding category (see content/rules/README.md). Refit with\n\
         # `debrief calibrate --fit-flaws` whenever the tuning part or a flaw-likeness rule changes.\n\n",
    );
    text.push_str(&debrief_grader::calibrate::flaw_model_toml(&model));
    print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `debrief calibrate`.
pub fn calibrate(grader: &Grader, dir: Option<&Path>, json: bool) -> anyhow::Result<ExitCode> {
    let set = calibration_set(dir)?;
    let report = run_calibration(grader, &set).map_err(|e| anyhow::anyhow!("{e}"))?;
    let levels = &set.levels;
    let shortfalls = levels.shortfalls(&report);
    if json {
        print_json(&serde_json::json!({
            "tuning": report.tuning,
            "held_out": report.held_out,
            "all": report.all,
            "slices": report.slices,
            "whole": report.whole,
            "traps": { "tuning": report.traps.0, "held_out": report.traps.1 },
            "gaming": { "tuning": report.gaming.0, "held_out": report.gaming.1 },
            "labels": report.labels,
            "figures": report.named_figures(),
            "levels": levels,
            "shortfalls": shortfalls,
        }))?;
    } else {
        print_text(&render::calibration(&report, &shortfalls))?;
    }
    Ok(if shortfalls.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
