//! `debrief users`: accounts of a multi-user server, for whoever runs it (e.g. a coach who
//! serves with `--no-signup` and hands out accounts).

use std::io::{BufRead, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use debrief_store::{LOCAL_USERNAME, Store, StoreError};
use debrief_web::accounts;

use crate::{Usage, print_json, print_text, store};

/// The `users` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum UsersCommand {
    /// Create an account. The password is read from standard input when it is not a terminal
    /// (one line), else asked for twice without echo.
    #[command(after_help = "\
Examples:
  debrief users add ada
  printf '%s\\n' \"$PASSWORD\" | debrief users add ada")]
    Add {
        /// The username: 3 to 32 letters, digits, dots, dashes or underscores.
        name: String,
    },
    /// List the accounts.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Remove an account with all its data (stories, fit results, plans) and sessions. This
    /// cannot be undone.
    Rm {
        /// The username (case does not matter).
        name: String,
    },
    /// Set a new password for an account and sign it out everywhere. The password is read like
    /// `users add` reads it.
    Passwd {
        /// The username (case does not matter).
        name: String,
    },
}

/// Runs a `users` subcommand.
pub(crate) fn run(data_dir: Option<&Path>, command: UsersCommand) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let store = store::open(data_dir).await?;
        let result = match command {
            UsersCommand::Add { name } => add(&store, &name).await,
            UsersCommand::List { json } => list(&store, json).await,
            UsersCommand::Rm { name } => remove(&store, &name).await,
            UsersCommand::Passwd { name } => passwd(&store, &name).await,
        };
        store.close().await;
        result
    })?;
    Ok(ExitCode::SUCCESS)
}

async fn add(store: &Store, name: &str) -> anyhow::Result<()> {
    accounts::check_username(name).map_err(|e| Usage(e.to_string()))?;
    if store.user_by_name(name).await?.is_some() {
        return Err(Usage(format!(
            "the username “{name}” is taken; choose another (`debrief users list` shows them)"
        ))
        .into());
    }
    let password = read_password(name)?;
    let hash = accounts::hash_password(&password)?;
    match store.create_user(name, &hash).await {
        Ok(user) => {
            print_text(&format!(
                "Created the account {}. They can sign in now.\n",
                user.username
            ))?;
            Ok(())
        }
        Err(StoreError::UsernameTaken(_)) => Err(Usage(format!(
            "the username “{name}” is taken; choose another (`debrief users list` shows them)"
        ))
        .into()),
        Err(e) => Err(e.into()),
    }
}

async fn list(store: &Store, json: bool) -> anyhow::Result<()> {
    let users = store.users().await?;
    if json {
        let rows: Vec<serde_json::Value> = users
            .iter()
            .map(|u| {
                serde_json::json!({
                    "id": u.id,
                    "username": u.username,
                    "can_sign_in": !u.password_hash.is_empty(),
                })
            })
            .collect();
        return print_json(&rows);
    }
    if users.is_empty() {
        return print_text("No accounts yet. Create one with `debrief users add NAME`.\n");
    }
    let mut out = String::new();
    for user in &users {
        if user.password_hash.is_empty() {
            out.push_str(&format!(
                "{}  (the local-mode user: no password, cannot sign in)\n",
                user.username
            ));
        } else {
            out.push_str(&format!("{}\n", user.username));
        }
    }
    print_text(&out)
}

async fn remove(store: &Store, name: &str) -> anyhow::Result<()> {
    let user = existing(store, name).await?;
    if user.username == LOCAL_USERNAME && user.password_hash.is_empty() {
        return Err(Usage(
            "“local” holds the data of local mode (`debrief serve` without --multi-user) and \
             cannot be removed"
                .into(),
        )
        .into());
    }
    store.delete_user(user.id).await?;
    print_text(&format!(
        "Removed the account {} with its stories, fit results, plans and sessions.\n",
        user.username
    ))
}

async fn passwd(store: &Store, name: &str) -> anyhow::Result<()> {
    let user = existing(store, name).await?;
    if user.password_hash.is_empty() {
        return Err(Usage(
            "the local-mode user never signs in, so it has no password; create an account \
             with `debrief users add NAME`"
                .into(),
        )
        .into());
    }
    let password = read_password(&user.username)?;
    let hash = accounts::hash_password(&password)?;
    store.set_password_hash(user.id, &hash).await?;
    let ended = store.delete_user_sessions(user.id).await?;
    let sessions = match ended {
        0 => String::new(),
        1 => " and signed out of 1 session".into(),
        n => format!(" and signed out of {n} sessions"),
    };
    print_text(&format!(
        "Set a new password for {}{sessions}.\n",
        user.username
    ))
}

async fn existing(store: &Store, name: &str) -> anyhow::Result<debrief_store::User> {
    store.user_by_name(name).await?.ok_or_else(|| {
        Usage(format!(
            "there is no account named “{name}”; `debrief users list` shows them"
        ))
        .into()
    })
}

/// The new password: one line of standard input when it is not a terminal, else typed twice
/// without echo. Checked against the rules before anything is hashed.
fn read_password(username: &str) -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Password for {username}: "))
            .context("reading the password")?;
        accounts::check_password(&first, username).map_err(|e| Usage(e.to_string()))?;
        let again = rpassword::prompt_password("The same password again: ")
            .context("reading the password")?;
        if first != again {
            return Err(Usage("the two passwords differ; nothing was changed".into()).into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        let line = line.strip_suffix('\n').unwrap_or(&line);
        line.strip_suffix('\r').unwrap_or(line).to_owned()
    };
    if password.is_empty() {
        return Err(Usage(
            "no password given; type it when asked, or pipe it in on one line".into(),
        )
        .into());
    }
    accounts::check_password(&password, username).map_err(|e| Usage(e.to_string()))?;
    Ok(password)
}
