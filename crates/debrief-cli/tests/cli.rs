//! The `debrief` binary, run as a user runs it: arguments in, exit code and output checked.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn debrief() -> Command {
    let mut cmd = Command::cargo_bin("debrief").expect("binary builds");
    cmd.env_remove("DEBRIEF_CONTENT").env_remove("DATABASE_URL");
    // Never touch the real data folder: commands that save go to a throwaway one unless a
    // test names its own.
    cmd.env(
        "DEBRIEF_DATA_DIR",
        std::env::temp_dir().join("debrief-cli-tests-default"),
    );
    cmd
}

/// `debrief` with its own empty data folder.
fn debrief_in(dir: &Path) -> Command {
    let mut cmd = debrief();
    cmd.env("DEBRIEF_DATA_DIR", dir);
    cmd
}

fn json(args: &[&str]) -> Value {
    let out = debrief()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// One HTTP/1.1 request over a fresh connection; returns the status line, the headers
/// (lowercased names) and the body, de-chunked.
pub(crate) fn http(
    addr: &str,
    method: &str,
    path: &str,
    cookie: &str,
    form: &str,
) -> (String, String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !cookie.is_empty() {
        request.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if method == "POST" {
        request.push_str(&format!(
            "Origin: http://{addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            form.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(form);
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let (status, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    let headers = headers.to_ascii_lowercase();
    let body = if headers.contains("transfer-encoding: chunked") {
        let mut out = String::new();
        let mut rest = body;
        while let Some((size, after)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 || after.len() < n {
                break;
            }
            out.push_str(&after[..n]);
            rest = after[n..].trim_start_matches("\r\n");
        }
        out
    } else {
        body.to_owned()
    };
    (status.to_owned(), headers, body)
}

/// A strong behavioral answer in plain words, shared by the grading and mock tests.
const STRONG: &str = "Last year our checkout conversion dropped 15% after a redesign. My goal was to \
find the cause within two weeks. I pulled the funnel by device and found the drop was only on \
Android, where a new address form failed validation for 8% of users. I decided to roll back the \
form for Android instead of patching it, because the patch would have taken three sprints. I ran \
an A/B test against the old form: conversion recovered from 31% to 36% in six weeks. Since then I \
add a device-level guardrail metric to every launch.";

#[path = "cli/agree.rs"]
mod agree;
#[path = "cli/artifact.rs"]
mod artifact;
#[path = "cli/content.rs"]
mod content;
#[path = "cli/grade.rs"]
mod grade;
#[path = "cli/guide.rs"]
mod guide;
#[path = "cli/mock.rs"]
mod mock;
#[path = "cli/pay.rs"]
mod pay;
#[path = "cli/prep.rs"]
mod prep;
#[path = "cli/profile.rs"]
mod profile;
#[path = "cli/serve.rs"]
mod serve;
