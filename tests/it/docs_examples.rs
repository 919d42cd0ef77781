//! The examples in docs/cli.md are real output of this build: `scripts/cli-examples.py
//! --check` reruns every documented command and fails on any difference.

use std::process::Command;

#[test]
fn documented_examples_match_the_binary() {
    let output = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/cli-examples.py"
        ))
        .arg("--check")
        .env("JIAODUI", env!("CARGO_BIN_EXE_jiaodui"))
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "docs/cli.md is stale (run scripts/cli-examples.py):\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
