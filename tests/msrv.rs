//! `rust-version` in Cargo.toml is the real minimum: the newest `rust-version` among the
//! crates a build of jiaodui compiles (its normal and build dependencies, transitively, per
//! `cargo metadata`). Dependencies that raise it make this test fail until Cargo.toml says so.

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::process::Command;

fn version(s: &str) -> Vec<u32> {
    s.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

#[test]
fn rust_version_is_the_newest_among_the_dependencies() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    let packages: HashMap<&str, &Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let root = metadata["resolve"]["root"].as_str().unwrap();

    // Walk normal and build edges only: dev-dependencies are not needed to build or install.
    let mut seen = HashSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let needed = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if needed {
                stack.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    let (newest, by) = seen
        .iter()
        .filter(|id| **id != root)
        .filter_map(|id| {
            let p = packages[id];
            Some((version(p["rust_version"].as_str()?), p["name"].as_str()?))
        })
        .max()
        .expect("dependencies declare rust-version");
    let ours = version(packages[root]["rust_version"].as_str().unwrap());
    assert_eq!(
        ours, newest,
        "Cargo.toml's rust-version should be {newest:?}, the newest among the dependencies ({by})"
    );
}
