//! End-to-end tests of the `jiaodui` binary: exit codes, output formats, fixing files in place,
//! encodings, inputs (stdin, directories, JSONL corpora) and config discovery. This module
//! holds what they share: running the binary in a directory and reading what it printed.

use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod check;
mod commands;
mod fix;
mod inputs;

const SEED: &str = include_str!("../../fixtures/seed.txt");
const ANNOTATED: &str = "他們要堅(jiān)持原則。\n";
const FIXED: &str = "他們要堅持原則。\n";

fn jiaodui(dir: &Path, args: &[&str]) -> Output {
    run_with_stdin(dir, args, None)
}

fn run_with_stdin(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jiaodui");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn seed_findings(dir: &Path, file: &str) -> Vec<Value> {
    json_lines(&jiaodui(dir, &["check", "--format", "json", file]))
}
