//! What `cargo metadata` says a build of the `jiaodui` package compiles: the packages reached
//! from it through normal and build dependencies (dev-dependencies and the other workspace
//! members, such as the Python package, are not part of the binary).

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::process::Command;

/// The `jiaodui` package and every package its build compiles, as `cargo metadata` entries
/// (the first is `jiaodui` itself).
pub fn build_closure() -> Vec<Value> {
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
    let root = packages
        .values()
        .find(|p| p["name"] == "jiaodui" && p["source"].is_null())
        .expect("the jiaodui package")["id"]
        .as_str()
        .unwrap();
    let mut seen = HashSet::new();
    let mut order = Vec::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        order.push(packages[id].clone());
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
    order
}
