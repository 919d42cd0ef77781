//! The CLI and the editor agree (issue 16): every fixture, every development eval document,
//! the seed and a Markdown document go through `jiaodui check --format json` (the built
//! binary) and through the language server (in-process, UTF-8 positions), under one
//! `jiaodui.toml` with `enable`/`disable` and `[severity]` plus one override given as a flag
//! and as an editor setting, and must give the same codes, ranges, severities and fixes.

use crate::eval_support;
use crate::fixture_support;
use crate::lsp_support;

use jiaodui::position::{Encoding, LineIndex};
use lsp_support::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The project's config: a family off with one of its codes back on, severities by family
/// and by code.
const CONFIG: &str = r#"disable = ["script", "garble/zero-width"]
enable = ["script/mixed"]
[severity]
spam = "error"
"garble/mojibake" = "info"
"script/mixed" = "warning"
"#;
/// Given on top of the file, as `--disable` and as the editor's `disable`: it beats the
/// file's narrower `enable`.
const OVERRIDE: &str = "script";

/// A Markdown document: garble in its front matter and fences is not reported, the same
/// garble in its prose is.
const MARKDOWN: &str = "+++\ntitle = \"手機(jī)版\"\n+++\n# 標題\n\n他們要堅(jiān)持原則。&amp;\n\n```text\n堅(jiān)持 &amp;\n```\n\n~~~\n鍙戝竷\n~~~\n後文：鍙戝竷会。\n";

/// One finding, as both sides can state it: code, UTF-8 range (line, column, line, column),
/// LSP severity number.
type Key = (String, [u64; 4], u64);
/// A fix: title, UTF-8 range, replacement.
type FixKey = (String, [u64; 4], String);

fn lsp_severity(name: &str) -> u64 {
    match name {
        "error" => 1,
        "warning" => 2,
        "info" => 3,
        "hint" => 4,
        other => panic!("severity {other}"),
    }
}

fn utf8_range(text: &str, index: &LineIndex, start: u64, end: u64) -> [u64; 4] {
    let (a, b) = index.range(text, start as usize..end as usize, Encoding::Utf8);
    [a.line, a.col, b.line, b.col].map(u64::from)
}

fn lsp_range(r: &Value) -> [u64; 4] {
    let n = |v: &Value| v.as_u64().unwrap();
    [
        n(&r["start"]["line"]),
        n(&r["start"]["character"]),
        n(&r["end"]["line"]),
        n(&r["end"]["character"]),
    ]
}

/// The documents, by path relative to the workspace: fixtures (the seed among them), the
/// development eval documents, the Markdown document.
fn documents() -> BTreeMap<String, String> {
    let mut docs: BTreeMap<String, String> = fixture_support::fixtures()
        .into_iter()
        .map(|(name, text)| (format!("fixtures/{name}"), text))
        .collect();
    assert!(docs.contains_key("fixtures/seed.txt"));
    for (i, doc) in eval_support::development_docs().into_iter().enumerate() {
        // A file with NUL bytes is refused by the CLI as binary (an editor has no such rule).
        if !doc.text.contains('\0') {
            docs.insert(format!("eval/{i:04}.txt"), doc.text);
        }
    }
    docs.insert("notes/report.md".into(), MARKDOWN.into());
    docs
}

fn workspace(docs: &BTreeMap<String, String>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(root.join("jiaodui.toml"), CONFIG).unwrap();
    for (name, text) in docs {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Per document: its findings and the fixes of each.
type Seen = BTreeMap<String, BTreeMap<Key, Vec<FixKey>>>;

fn cli(root: &Path, docs: &BTreeMap<String, String>) -> Seen {
    let output = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(["check", "--format", "json", "--disable", OVERRIDE])
        .args(["fixtures", "eval", "notes"])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        output.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut seen: Seen = docs.keys().map(|k| (k.clone(), BTreeMap::new())).collect();
    let indices: BTreeMap<&String, LineIndex> =
        docs.iter().map(|(k, t)| (k, LineIndex::new(t))).collect();
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let f: Value = serde_json::from_str(line).unwrap();
        let name = f["file"].as_str().unwrap().to_string();
        let text = &docs[&name];
        let index = &indices[&name];
        let at = |v: &Value| {
            utf8_range(
                text,
                index,
                v["byte_start"].as_u64().unwrap(),
                v["byte_end"].as_u64().unwrap(),
            )
        };
        let key = (
            f["code"].as_str().unwrap().to_string(),
            at(&f),
            lsp_severity(f["severity"].as_str().unwrap()),
        );
        let fixes = f["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                let title = x["title"].as_str().unwrap().to_string();
                (title, at(x), x["replacement"].as_str().unwrap().to_string())
            })
            .collect();
        let old = seen.get_mut(&name).unwrap().insert(key, fixes);
        assert!(old.is_none(), "{name}: a finding twice");
    }
    seen
}

/// At most this many findings with fixes per document have their quick fixes asked for.
const FIXES_PER_DOCUMENT: usize = 8;

async fn server(root: &Path, docs: &BTreeMap<String, String>, cli: &Seen) -> Seen {
    let settings =
        json!({"disable": [OVERRIDE], "maxDiagnosticsPerKind": 1_000_000, "debounceMs": 0});
    let mut c = TestClient::start();
    c.configuration = settings.clone();
    let folder = format!("file://{}", root.display());
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": folder, "capabilities": neovim_caps(),
               "workspaceFolders": [{"uri": folder, "name": "ws"}],
               "initializationOptions": settings}),
    )
    .await;
    c.notify("initialized", json!({})).await;
    let uri_of = |name: &str| format!("file://{}", root.join(name).display());
    for (name, text) in docs {
        // The Markdown document is recognised by its language id, the rest are plain text.
        let language = if name.ends_with(".md") {
            "markdown"
        } else {
            "plaintext"
        };
        c.open_as(&uri_of(name), text, language).await;
    }
    let mut seen = Seen::new();
    for name in docs.keys() {
        let u = uri_of(name);
        let mut found = BTreeMap::new();
        for d in c.diagnostics(&u, 1).await {
            assert!(d.get("data").is_none(), "{name}: a summary diagnostic {d}");
            let key = (
                d["code"].as_str().unwrap().to_string(),
                lsp_range(&d["range"]),
                d["severity"].as_u64().unwrap(),
            );
            found.insert(key, Vec::new());
        }
        // Quick fixes of the findings the CLI gives fixes (a few per document).
        let with_fixes = cli[name].iter().filter(|(_, fixes)| !fixes.is_empty());
        for ((code, r, _), _) in with_fixes.take(FIXES_PER_DOCUMENT) {
            let range = json!({"start": pos(r[0] as u32, r[1] as u32), "end": pos(r[2] as u32, r[3] as u32)});
            let actions = c
                .request(
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": u}, "range": range,
                           "context": {"diagnostics": [], "only": ["quickfix"]}}),
                )
                .await;
            for a in actions.as_array().unwrap() {
                let Some(edits) = a["edit"]["changes"][&u].as_array() else {
                    continue; // a fix-all, carrying no edit
                };
                let d = &a["diagnostics"][0];
                let key = (
                    d["code"].as_str().unwrap().to_string(),
                    lsp_range(&d["range"]),
                    d["severity"].as_u64().unwrap(),
                );
                if (&key.0, &key.1) != (code, r) {
                    continue; // another finding overlapping this one
                }
                assert_eq!(edits.len(), 1, "{a}");
                let fix = (
                    a["title"].as_str().unwrap().to_string(),
                    lsp_range(&edits[0]["range"]),
                    edits[0]["newText"].as_str().unwrap().to_string(),
                );
                found.entry(key).or_insert_with(Vec::new).push(fix);
            }
        }
        seen.insert(name.clone(), found);
    }
    assert!(c.shutdown_and_exit().await);
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_and_server_report_the_same_findings() {
    let started = std::time::Instant::now();
    let docs = documents();
    let ws = workspace(&docs);
    let root: PathBuf = ws.path().canonicalize().unwrap();
    let from_cli = cli(&root, &docs);
    let from_server = server(&root, &docs, &from_cli).await;
    let mut findings = 0;
    for (name, cli_found) in &from_cli {
        let server_found = &from_server[name];
        let keys = |m: &BTreeMap<Key, Vec<FixKey>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(cli_found), keys(server_found), "{name}");
        let mut asked = 0;
        for (key, fixes) in cli_found {
            if fixes.is_empty() || asked == FIXES_PER_DOCUMENT {
                continue;
            }
            asked += 1;
            assert_eq!(fixes, &server_found[key], "{name}: fixes of {key:?}");
        }
        findings += cli_found.len();
    }
    // The config and the override bite: nothing disabled is reported, severities are the
    // file's.
    let all: Vec<&Key> = from_cli.values().flat_map(|m| m.keys()).collect();
    assert!(all.iter().all(|(code, ..)| code != "garble/zero-width"));
    assert!(all.iter().all(|(code, ..)| !code.starts_with("script")));
    assert!(
        all.iter()
            .any(|(code, _, s)| code == "spam/boilerplate" && *s == 1)
    );
    assert!(
        all.iter()
            .any(|(code, _, s)| code == "garble/mojibake" && *s == 3)
    );
    // The Markdown document: only its prose is checked.
    let md: Vec<u64> = from_cli["notes/report.md"]
        .keys()
        .map(|(_, r, _)| r[0])
        .collect();
    assert!(
        !md.is_empty() && md.iter().all(|&line| line == 5 || line == 14),
        "{md:?}"
    );
    eprintln!(
        "{} documents, {findings} findings, in {:?}",
        docs.len(),
        started.elapsed()
    );
}
