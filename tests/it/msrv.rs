//! `rust-version` in Cargo.toml is the real minimum: the newest `rust-version` among the
//! crates a build of jiaodui compiles (its normal and build dependencies, transitively, per
//! `cargo metadata`). Dependencies that raise it make this test fail until Cargo.toml says so.

use crate::cargo_support;

fn version(s: &str) -> Vec<u32> {
    s.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

#[test]
fn rust_version_is_the_newest_among_the_dependencies() {
    let closure = cargo_support::build_closure();
    let (ours, dependencies) = closure.split_first().unwrap();
    let (newest, by) = dependencies
        .iter()
        .filter_map(|p| Some((version(p["rust_version"].as_str()?), p["name"].as_str()?)))
        .max()
        .expect("dependencies declare rust-version");
    let ours = version(ours["rust_version"].as_str().unwrap());
    assert_eq!(
        ours, newest,
        "Cargo.toml's rust-version should be {newest:?}, the newest among the dependencies ({by})"
    );
}
