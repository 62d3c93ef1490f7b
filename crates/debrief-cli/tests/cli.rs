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

/// A strong behavioral answer in plain words, shared by the grading and mock tests.
const STRONG: &str = "Last year our checkout conversion dropped 15% after a redesign. My goal was to \
find the cause within two weeks. I pulled the funnel by device and found the drop was only on \
Android, where a new address form failed validation for 8% of users. I decided to roll back the \
form for Android instead of patching it, because the patch would have taken three sprints. I ran \
an A/B test against the old form: conversion recovered from 31% to 36% in six weeks. Since then I \
add a device-level guardrail metric to every launch.";

#[path = "cli/agree.rs"]
mod agree;
#[path = "cli/content.rs"]
mod content;
#[path = "cli/grade.rs"]
mod grade;
#[path = "cli/mock.rs"]
mod mock;
#[path = "cli/prep.rs"]
mod prep;
#[path = "cli/serve.rs"]
mod serve;
