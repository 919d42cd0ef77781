//! Runs one test alone in a fresh process of the test binary it belongs to, for the few tests
//! that need a process to themselves: one sets a variable the server reads once per process
//! (`lsp_panic_guard`), one measures the resident set of its process (`lsp_memory`). Such a
//! test calls [`in_own_process`] first and returns when it answers `false`: the test then ran,
//! and passed, in the child process.
#![allow(dead_code)]

use std::process::Command;

/// Set in the child process to the name of the one test it runs.
const CHILD: &str = "JIAODUI_TEST_ALONE";

/// The name libtest gives test function `function` of the module `module_path` (as
/// `module_path!()` writes it: the crate's name first, which test names leave out).
pub fn test_name(module_path: &str, function: &str) -> String {
    match module_path.split_once("::") {
        Some((_crate, module)) => format!("{module}::{function}"),
        None => function.to_string(),
    }
}

/// `true` in the child process that runs `test` alone: the caller goes on with the test.
/// Otherwise starts that child, with `env` added to its environment, and waits for it:
/// returns `false` once it ran exactly that one test and the test passed, panics with the
/// child's output when it did not.
pub fn in_own_process(test: &str, env: &[(&str, &str)]) -> bool {
    if std::env::var(CHILD).as_deref() == Ok(test) {
        return true;
    }
    let output = Command::new(std::env::current_exe().expect("the test binary's path"))
        .args([test, "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD, test)
        .envs(env.iter().copied())
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprint!("{stderr}");
    assert!(
        output.status.success() && stdout.contains("test result: ok. 1 passed"),
        "{test} in its own process: {}\n{stdout}{stderr}",
        output.status
    );
    false
}
