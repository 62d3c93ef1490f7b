//! `debrief serve` modes and `debrief users`.

use super::*;

#[test]
fn serving_beyond_loopback_needs_multi_user() {
    let data = tempfile::tempdir().expect("tempdir");
    debrief_in(data.path())
        .env_remove("DEBRIEF_MULTI_USER")
        .args(["serve", "--addr", "0.0.0.0:0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add --multi-user"))
        .stderr(predicate::str::contains(
            "0.0.0.0:0 can be reached from other machines",
        ));
    debrief_in(data.path())
        .env_remove("DEBRIEF_MULTI_USER")
        .args(["serve", "--no-signup"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--multi-user"));
}

#[test]
fn users_are_added_listed_given_new_passwords_and_removed() {
    let data = tempfile::tempdir().expect("tempdir");
    let users = |args: &[&str], stdin: &str| {
        let mut cmd = debrief_in(data.path());
        cmd.arg("users").args(args).write_stdin(stdin);
        cmd.assert()
    };
    users(&["add", "ada"], "correct horse battery\n")
        .success()
        .stdout(predicate::str::contains("Created the account ada"));
    users(&["add", "ADA"], "correct horse battery\n")
        .code(2)
        .stderr(predicate::str::contains("“ADA” is taken"));
    users(&["add", "bo"], "correct horse battery\n")
        .code(2)
        .stderr(predicate::str::contains("too short: use at least 3"));
    users(&["add", "local"], "correct horse battery\n")
        .code(2)
        .stderr(predicate::str::contains("reserved for local mode"));
    users(&["add", "grace"], "short\n")
        .code(2)
        .stderr(predicate::str::contains("at least 10 characters"));
    users(&["add", "grace"], "")
        .code(2)
        .stderr(predicate::str::contains("no password given"));
    users(&["add", "grace"], "another good password\r\n").success();

    users(&["list"], "")
        .success()
        .stdout(predicate::str::diff("ada\ngrace\n"));
    let listed: Value =
        serde_json::from_slice(&users(&["list", "--json"], "").success().get_output().stdout)
            .expect("json");
    assert_eq!(listed[0]["username"], "ada");
    assert_eq!(listed[0]["can_sign_in"], true);
    assert_eq!(listed.as_array().map(Vec::len), Some(2));

    users(&["passwd", "Ada"], "a brand new password\n")
        .success()
        .stdout(predicate::str::contains("Set a new password for ada"));
    users(&["rm", "nobody"], "")
        .code(2)
        .stderr(predicate::str::contains("no account named “nobody”"));
    users(&["rm", "ada"], "")
        .success()
        .stdout(predicate::str::contains("Removed the account ada"));
    users(&["rm", "grace"], "").success();
    users(&["list"], "")
        .success()
        .stdout(predicate::str::contains("No accounts yet"));
}

/// One HTTP/1.1 request over a plain socket: the status line and headers of the answer.
pub(crate) fn http_head(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Starts `debrief serve` on a free loopback port with `args` and `env`, and returns the child,
/// the address its banner printed, and the banner. The caller kills it.
pub(crate) fn spawn_serve(
    args: &[&str],
    env: &[(&str, &str)],
) -> (std::process::Child, String, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_debrief"));
    cmd.args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("DEBRIEF_CONTENT")
        .env_remove("DATABASE_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("debrief serve starts");
    let mut banner = String::new();
    let stdout = child.stdout.take().expect("stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut banner).expect("banner");
    assert!(banner.contains("http://"), "{banner}");
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_owned();
    (child, addr, banner)
}

#[test]
fn serve_multi_user_puts_every_page_behind_sign_in() {
    let data = tempfile::tempdir().expect("tempdir");
    let data_dir = data.path().to_string_lossy().into_owned();
    let (mut child, addr, banner) = spawn_serve(
        &["--multi-user", "--no-signup"],
        &[("DEBRIEF_DATA_DIR", data_dir.as_str())],
    );
    let stories = http_head(&addr, "/stories");
    let signup = http_head(&addr, "/signup");
    let login = http_head(&addr, "/login");
    child.kill().expect("stop the server");
    child.wait().expect("reap");
    assert!(
        banner.contains("multi-user: sign-in required, sign-up closed"),
        "{banner}"
    );
    assert!(stories.starts_with("http/1.1 303"), "{stories}");
    assert!(
        stories.contains("location: /login?next=%2fstories"),
        "{stories}"
    );
    assert!(signup.starts_with("http/1.1 403"), "{signup}");
    assert!(login.starts_with("http/1.1 200"), "{login}");
    assert!(login.contains("set-cookie: debrief_csrf="), "{login}");
}
