//! Held-out text never enters the code (eval/README.md, "Protocol").
//!
//! The current held-out set is the one `eval/sets.toml` marks `role = "heldout"`. Its held-out
//! text is every window of 12 consecutive Han characters of its documents that comes from its
//! own prose sources (`prose` in sets.toml: `eval/source/<name>.jsonl`, as written there or
//! converted to Traditional with the builders' character table) and that no development set
//! contains. Windows of the builder's vocabularies (near misses, chrome, brands), which come
//! from a development builder, are not held-out text. None may occur in `src/`, `tests/`,
//! `data/` (the compressed CC-CEDICT table decompressed) or `eval/*.py`. A failure names the
//! file and line, never the window, so that reading the failure does not leak the set either.
//!
//! `cargo test --release --test it heldout_leak`

use crate::eval_support;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

const WINDOW: usize = 12;

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Calls `f` on every window of `WINDOW` consecutive Han characters of `text`.
fn han_windows(text: &str, mut f: impl FnMut(&str)) {
    let idx: Vec<(usize, char)> = text.char_indices().collect();
    let mut run_start = 0; // index into idx
    for i in 0..=idx.len() {
        let han = i < idx.len() && is_han(idx[i].1);
        if !han {
            run_start = i + 1;
            continue;
        }
        if i + 1 - run_start >= WINDOW {
            let a = idx[i + 1 - WINDOW].0;
            let b = idx[i].0 + idx[i].1.len_utf8();
            f(&text[a..b]);
        }
    }
}

/// Every string in a JSON value.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// The builders' careless Simplified → Traditional conversion: each character to the first
/// candidate of OpenCC's character table (`eval/source/STCharacters.txt`).
fn to_trad_table() -> std::collections::HashMap<char, char> {
    let path = eval_support::eval_path("source/STCharacters.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut t = std::collections::HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((k, v)) = line.split_once('\t') else {
            continue;
        };
        let (mut k, mut v) = (k.chars(), v.chars());
        if let (Some(a), None, Some(b)) = (k.next(), k.next(), v.next()) {
            t.insert(a, b);
        }
    }
    t
}

/// Han windows of the held-out set's prose sources, as written and converted to Traditional.
fn prose_windows(prose: &[String]) -> HashSet<String> {
    assert!(
        !prose.is_empty(),
        "the held-out set's entry in eval/sets.toml lists no prose"
    );
    let trad = to_trad_table();
    let mut out = HashSet::new();
    for name in prose {
        let path = eval_support::eval_path(&format!("source/{name}.jsonl"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
            let mut ss = Vec::new();
            strings(&v, &mut ss);
            for s in ss {
                let t: String = s.chars().map(|c| *trad.get(&c).unwrap_or(&c)).collect();
                for x in [&s, &t] {
                    han_windows(x, |w| {
                        out.insert(w.to_string());
                    });
                }
            }
        }
    }
    out
}

/// The held-out set's windows that no development set has.
fn heldout_windows() -> (String, HashSet<String>) {
    let m = eval_support::manifest();
    let held: Vec<&eval_support::SetEntry> = m.set.iter().filter(|s| s.role == "heldout").collect();
    assert_eq!(
        held.len(),
        1,
        "eval/sets.toml must mark exactly one set role = \"heldout\""
    );
    for s in &m.set {
        assert!(
            s.role == "heldout" || s.role == "development",
            "{}: unknown role {}",
            s.file,
            s.role
        );
    }
    let prose = prose_windows(&held[0].prose);
    let mut windows = HashSet::new();
    for doc in eval_support::load(&held[0].file, "see eval/sets.toml") {
        han_windows(&doc.text, |w| {
            if prose.contains(w) {
                windows.insert(w.to_string());
            }
        });
    }
    for s in m.set.iter().filter(|s| s.role == "development") {
        for doc in eval_support::load(&s.file, "see eval/sets.toml") {
            han_windows(&doc.text, |w| {
                windows.remove(w);
            });
        }
    }
    (held[0].file.clone(), windows)
}

/// Lines (1-based) of `text` holding a held-out window.
fn leaking_lines(text: &str, windows: &HashSet<String>) -> Vec<usize> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut hit = false;
        han_windows(line, |w| hit |= windows.contains(w));
        if hit {
            out.push(n + 1);
        }
    }
    out
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The text of a scanned file: UTF-8 (lossy), zstd-compressed tables decompressed.
fn file_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "zst") {
        #[cfg(feature = "cedict")]
        {
            let raw =
                zstd::decode_all(&bytes[..]).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            return String::from_utf8_lossy(&raw).into_owned();
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn scanned_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in ["src", "tests", "data"] {
        files_under(&root.join(d), &mut files);
    }
    let mut py: Vec<PathBuf> = std::fs::read_dir(root.join("eval"))
        .expect("eval/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    py.sort();
    files.extend(py);
    files
}

#[test]
fn no_heldout_text_in_code_tests_data_or_builders() {
    let (file, windows) = heldout_windows();
    // A held-out set of fresh prose has thousands of windows of its own (holdout8: 13,408;
    // holdout7: 3,119, where technical prose breaks Han runs with Latin words and
    // conversation with short turns); a handful would mean the development sets already
    // contain it (so it is not held out at all).
    assert!(
        windows.len() >= 2_000,
        "eval/{file} has only {} Han windows of its own",
        windows.len()
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = scanned_files();
    assert!(
        files.iter().any(|p| p.ends_with("src/lib.rs")),
        "scan must cover src/"
    );
    let mut leaks = Vec::new();
    for p in &files {
        let lines = leaking_lines(&file_text(p), &windows);
        if !lines.is_empty() {
            let shown: Vec<String> = lines.iter().take(10).map(|n| n.to_string()).collect();
            leaks.push(format!(
                "{} lines {}{}",
                p.strip_prefix(root).unwrap_or(p).display(),
                shown.join(", "),
                if lines.len() > 10 { ", …" } else { "" }
            ));
        }
    }
    println!(
        "eval/{file}: {} Han windows of {WINDOW} not in any development set; {} files scanned",
        windows.len(),
        files.len()
    );
    assert!(
        leaks.is_empty(),
        "text of the held-out set eval/{file} occurs in (windows withheld):\n{}",
        leaks.join("\n")
    );
}

/// The scan finds a planted window (taken from the set at run time, never written down), and
/// a window broken by one non-Han character is not one.
#[test]
fn the_scan_finds_a_planted_window() {
    let (_, windows) = heldout_windows();
    let mut some: Vec<&String> = windows.iter().collect();
    some.sort();
    let w = some[some.len() / 2];
    let planted = format!("fn f() {{}}\n// {w}。\nlet x = 1;\n");
    assert_eq!(leaking_lines(&planted, &windows), vec![2]);
    let mid = w.char_indices().nth(WINDOW / 2).unwrap().0;
    let broken = format!("// {} {}\n", &w[..mid], &w[mid..]);
    assert!(leaking_lines(&broken, &windows).is_empty());
}

#[test]
fn windows_are_han_runs_only() {
    let mut got = Vec::new();
    han_windows(
        "一二三四五六七八九十百千万，一二三四五六七八九十百",
        |w| got.push(w.to_string()),
    );
    assert_eq!(
        got,
        vec!["一二三四五六七八九十百千", "二三四五六七八九十百千万"]
    );
}
