//! Tests that hold the crate's layering (ARCHITECTURE.md): `analysis` and `incremental`
//! know no protocol, runtime or outer layer; `cli` and `lsp` do not import each other; and
//! no two modules import each other, directly or round a longer cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `.rs` file under `src/`, as (module path, source without comments and without an
/// inline `mod tests`).
fn sources() -> Vec<(Vec<String>, String)> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).expect("under src");
            let mut module: Vec<String> = relative
                .with_extension("")
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).expect("source is UTF-8");
            let code = text.split("#[cfg(test)]\nmod tests {").next().unwrap_or("");
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            (module, code)
        })
        .collect()
}

/// The paths a source names after `prefix` (`crate::` or `super::`), as segments.
fn paths_after<'a>(code: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
    code.match_indices(prefix)
        .filter(|(at, _)| {
            !code[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            rest[..end].split("::").filter(|s| !s.is_empty()).collect()
        })
        .collect()
}

#[test]
fn inner_layers_know_no_protocol_runtime_or_outer_layer() {
    let forbidden = [
        "ls_types",
        "tower_lsp_server",
        "tokio",
        "crate::lsp",
        "crate::cli",
    ];
    for (module, code) in sources() {
        let inner = matches!(
            module.first().map(String::as_str),
            Some("analysis" | "incremental" | "position")
        );
        if inner {
            for word in forbidden {
                assert!(!code.contains(word), "{} uses {word}", module.join("::"));
            }
        }
        match module.first().map(String::as_str) {
            Some("cli") => assert!(!code.contains("crate::lsp"), "{module:?} imports lsp"),
            Some("lsp") => assert!(!code.contains("crate::cli"), "{module:?} imports cli"),
            _ => {}
        }
    }
}

#[test]
fn no_module_imports_another_that_imports_it_back() {
    let sources = sources();
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|(m, _)| m.clone()).collect();
    // The module a path names: its longest prefix that is a module file.
    let module_of = |segments: &[String]| -> Option<Vec<String>> {
        (1..=segments.len())
            .rev()
            .map(|k| segments[..k].to_vec())
            .find(|m| modules.contains(m))
    };
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, code) in &sources {
        if module.last().is_some_and(|m| m == "tests") {
            continue;
        }
        let parent = &module[..module.len().saturating_sub(1)];
        let named = paths_after(code, "crate::")
            .into_iter()
            .map(|p| p.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .chain(paths_after(code, "super::").into_iter().map(|p| {
                let mut full = parent.to_vec();
                full.extend(p.iter().map(|s| s.to_string()));
                full
            }));
        for path in named {
            let Some(target) = module_of(&path) else {
                continue;
            };
            // A module may use its ancestors and its descendants: that is nesting, not a
            // cycle.
            if target.starts_with(module) || module.starts_with(&target) {
                continue;
            }
            edges.entry(module.clone()).or_default().insert(target);
        }
    }
    // Depth-first search for a path back to where it began.
    let mut cycles = Vec::new();
    for start in edges.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if next == start {
                    cycles.push(path.iter().map(|m| m.join("::")).collect::<Vec<_>>());
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles: {cycles:#?}");
}
