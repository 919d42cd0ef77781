//! User glossaries in the language server: hover, override of built-in entries, reload on
//! change, broken files, go-to-definition into the glossary file. In-process over the duplex
//! pipe, with a temporary directory as the workspace.

use crate::lsp_support;

use jiaodui::analysis::glossary::Glossary;
use jiaodui::position::{Encoding, LineIndex};
use lsp_support::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const TERMS: &str = "# 本单位术语\n\
[[term]]\n\
term = \"楼道议事会\"\n\
variants = [\"樓道議事會\"]\n\
pinyin = \"lóu dào yì shì huì\"\n\
definition = \"居民在楼道内商议公共事务的自治形式。\"\n\
\n\
[[term]]\n\
term = \"三会一课\"\n\
variants = [\"三會一課\"]\n\
definition = \"本单位的三会一课安排：每月第一周。\"\n";

const DOC: &str = "推广楼道议事会。\n推廣樓道議事會。\n推广樓(lóu)道議(yì)事會(huì)。\n\
落实三会一课制度，增强四个意识。\n";

struct Workspace {
    _dir: tempfile::TempDir,
    root: PathBuf,
    terms: PathBuf,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::create_dir_all(root.join("glossary")).unwrap();
        std::fs::write(
            root.join("jiaodui.toml"),
            "glossary = [\"glossary/terms.toml\"]\n",
        )
        .unwrap();
        let terms = root.join("glossary/terms.toml");
        std::fs::write(&terms, TERMS).unwrap();
        Workspace {
            _dir: dir,
            root,
            terms,
        }
    }

    fn doc_uri(&self) -> String {
        file_uri(&self.root.join("docs/a.txt"))
    }
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn caps(encodings: &[&str]) -> Value {
    json!({
        "general": {"positionEncodings": encodings},
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
    })
}

/// The file watchers the server registered so far for glossary files, asking (with hovers)
/// until there are some: registration runs in the background after the first load, which can
/// take seconds on a busy machine.
async fn glossary_watchers(c: &mut TestClient, u: &str) -> Vec<Value> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        let watchers: Vec<Value> = c
            .server_requests
            .iter()
            .filter(|r| r["method"] == "client/registerCapability")
            .flat_map(|r| {
                r["params"]["registrations"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .filter(|r| r["id"].as_str().is_some_and(|id| id.contains("glossary")))
            .flat_map(|r| {
                r["registerOptions"]["watchers"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        if !watchers.is_empty() {
            return watchers;
        }
        hover_text(c, u, pos(0, 0)).await;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no glossary watcher registered: {:?}", c.server_requests);
}

/// The LSP position of the `nth` occurrence of `needle` in `text`, `chars` characters in.
fn position_of(text: &str, needle: &str, nth: usize, chars: usize, enc: Encoding) -> Value {
    let start = text.match_indices(needle).nth(nth).unwrap().0;
    let at = start
        + needle
            .char_indices()
            .nth(chars)
            .map_or(needle.len(), |(i, _)| i);
    let lc = LineIndex::new(text).line_col(text, at, enc);
    pos(lc.line, lc.col)
}

async fn hover_text(c: &mut TestClient, uri: &str, position: Value) -> String {
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position}),
        )
        .await;
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn definition(c: &mut TestClient, uri: &str, position: Value) -> Value {
    c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": position}),
    )
    .await
}

async fn open_doc(c: &mut TestClient, ws: &Workspace) -> String {
    let u = ws.doc_uri();
    c.open(&u, DOC).await;
    c.diagnostics(&u, 1).await;
    u
}

async fn notify_changed(c: &mut TestClient, path: &Path) {
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(path), "type": 2}]}),
    )
    .await;
}

async fn show_message(c: &mut TestClient) -> String {
    let m = c
        .notification(|m| m["method"] == "window/showMessage")
        .await;
    m["params"]["message"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn user_terms_hover_in_either_script_and_through_annotations() {
    let ws = Workspace::new();
    let mut c = TestClient::start();
    c.initialize_with_folder(caps(&["utf-16"]), &ws.root).await;
    let u = open_doc(&mut c, &ws).await;
    let enc = Encoding::Utf16;
    for (needle, nth) in [("楼道议事会", 0), ("樓道議事會", 0), ("樓(lóu)道", 0)] {
        let md = hover_text(&mut c, &u, position_of(DOC, needle, nth, 1, enc)).await;
        assert!(
            md.contains("**楼道议事会**") && md.contains("居民在楼道内商议公共事务的自治形式"),
            "{needle}: {md}"
        );
    }
    // The annotated form: the hover covers the term with the annotations inside it (one
    // right after its last character belongs to the text that follows, as for built-ins).
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": position_of(DOC, "議(yì)", 0, 0, enc)}),
        )
        .await;
    let line = DOC.lines().nth(2).unwrap();
    let term = "樓(lóu)道議(yì)事會";
    let start = line[..line.find(term).unwrap()].encode_utf16().count() as u32;
    let len = term.encode_utf16().count() as u32;
    assert_eq!(hover["range"], range(2, start, 2, start + len));
    // A user entry replaces the built-in one with the same term.
    let md = hover_text(&mut c, &u, position_of(DOC, "三会一课", 0, 2, enc)).await;
    assert!(md.contains("本单位的三会一课安排"), "{md}");
    let builtin = Glossary::shared().lookup("三会一课").unwrap();
    assert!(!md.contains(&builtin.definition), "{md}");
    // Built-in terms the user glossary leaves alone still hover.
    let md = hover_text(&mut c, &u, position_of(DOC, "四个意识", 0, 1, enc)).await;
    assert!(
        md.contains(&Glossary::shared().lookup("四个意识").unwrap().definition),
        "{md}"
    );
    // A document outside the workspace's jiaodui.toml gets the built-in glossary.
    let other = uri("plain.txt");
    c.open(&other, DOC).await;
    c.diagnostics(&other, 1).await;
    let md = hover_text(&mut c, &other, position_of(DOC, "三会一课", 0, 2, enc)).await;
    assert!(md.contains(&builtin.definition), "{md}");
    let md = hover_text(&mut c, &other, position_of(DOC, "楼道议事会", 0, 1, enc)).await;
    assert!(!md.contains("居民在楼道内"), "{md}");
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn editing_the_glossary_file_reloads_it_and_a_broken_one_keeps_the_last_good_version() {
    let ws = Workspace::new();
    let mut c = TestClient::start();
    c.initialize_with_folder(caps(&["utf-16"]), &ws.root).await;
    let u = open_doc(&mut c, &ws).await;
    let at = position_of(DOC, "楼道议事会", 0, 2, Encoding::Utf16);
    assert!(
        hover_text(&mut c, &u, at.clone())
            .await
            .contains("居民在楼道内")
    );
    // The server asked the client to watch the glossary file (by its path: this client
    // takes no relative patterns).
    let watchers = glossary_watchers(&mut c, &u).await;
    assert_eq!(
        watchers,
        [json!({"globPattern": ws.terms.to_str().unwrap()})]
    );

    std::fs::write(&ws.terms, TERMS.replace("居民在楼道内", "住户在楼道里")).unwrap();
    notify_changed(&mut c, &ws.terms).await;
    let md = hover_text(&mut c, &u, at.clone()).await;
    assert!(
        md.contains("住户在楼道里") && !md.contains("居民在楼道内"),
        "{md}"
    );

    // Broken: an entry without `term`. Reported once, the last good version stays.
    std::fs::write(&ws.terms, "[[term]]\ndefinition = \"缺少词条\"\n").unwrap();
    notify_changed(&mut c, &ws.terms).await;
    let message = show_message(&mut c).await;
    assert!(
        message.contains("terms.toml") && message.contains("term"),
        "{message}"
    );
    assert!(
        hover_text(&mut c, &u, at.clone())
            .await
            .contains("住户在楼道里")
    );
    // Not TOML at all, then over the size limit: still serving, still the good version.
    std::fs::write(&ws.terms, "[[term]\nterm = ").unwrap();
    notify_changed(&mut c, &ws.terms).await;
    assert!(show_message(&mut c).await.contains("terms.toml"));
    let limit = jiaodui::analysis::glossary::MAX_USER_GLOSSARY_BYTES;
    std::fs::write(&ws.terms, "#".repeat(limit + 1)).unwrap();
    notify_changed(&mut c, &ws.terms).await;
    assert!(show_message(&mut c).await.contains("larger than the limit"));
    assert!(
        hover_text(&mut c, &u, at.clone())
            .await
            .contains("住户在楼道里")
    );
    let md = hover_text(
        &mut c,
        &u,
        position_of(DOC, "四个意识", 0, 1, Encoding::Utf16),
    )
    .await;
    assert!(md.contains("**四个意识**"), "built-ins stay: {md}");
    // Fixed and saved in the editor: didSave is enough.
    std::fs::write(&ws.terms, TERMS.replace("居民在楼道内", "大家在楼道间")).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&ws.terms)}}),
    )
    .await;
    assert!(
        hover_text(&mut c, &u, at.clone())
            .await
            .contains("大家在楼道间")
    );

    // The jiaodui.toml stops naming the file: back to the built-in glossary only.
    std::fs::write(ws.root.join("jiaodui.toml"), "").unwrap();
    notify_changed(&mut c, &ws.root.join("jiaodui.toml")).await;
    c.diagnostics(&u, 1).await;
    let md = hover_text(&mut c, &u, at.clone()).await;
    assert!(!md.contains("大家在楼道间"), "{md}");
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn definition_goes_to_the_user_entry_in_each_encoding() {
    let ws = Workspace::new();
    let terms_uri = file_uri(&ws.terms);
    // `term = "楼道议事会"` is line 2 of the file; `三会一课` line 8. Columns: 8 ASCII bytes
    // before the value, then 5 (UTF-16) or 15 (UTF-8) units of term.
    for (encodings, enc, width) in [
        (&["utf-16"][..], Encoding::Utf16, 5),
        (&["utf-8", "utf-16"][..], Encoding::Utf8, 15),
    ] {
        let mut c = TestClient::start();
        let init = c.initialize_with_folder(caps(encodings), &ws.root).await;
        assert_eq!(init["capabilities"]["definitionProvider"], true);
        let u = open_doc(&mut c, &ws).await;
        for (needle, nth) in [("楼道议事会", 0), ("樓道議事會", 0), ("樓(lóu)道", 0)] {
            let location = definition(&mut c, &u, position_of(DOC, needle, nth, 1, enc)).await;
            assert_eq!(location["uri"], terms_uri.as_str(), "{needle}");
            assert_eq!(
                location["range"],
                range(2, 8, 2, 8 + width),
                "{needle} {enc:?}"
            );
        }
        // An overridden built-in term goes to the user's entry.
        let location = definition(&mut c, &u, position_of(DOC, "三会一课", 0, 0, enc)).await;
        let four = if enc == Encoding::Utf8 { 12 } else { 4 };
        assert_eq!(location["range"], range(8, 8, 8, 8 + four));
        // Built-in terms (hover only) and ordinary text: no definition.
        let builtin = definition(&mut c, &u, position_of(DOC, "四个意识", 0, 1, enc)).await;
        assert_eq!(builtin, Value::Null);
        let plain = definition(&mut c, &u, position_of(DOC, "推广", 0, 0, enc)).await;
        assert_eq!(plain, Value::Null);
        assert!(c.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn glossary_watchers_use_relative_patterns_when_the_client_takes_them() {
    let ws = Workspace::new();
    let mut c = TestClient::start();
    let caps = json!({"workspace": {"didChangeWatchedFiles": {
        "dynamicRegistration": true, "relativePatternSupport": true}}});
    c.initialize_with_folder(caps, &ws.root).await;
    let u = open_doc(&mut c, &ws).await;
    let watchers = glossary_watchers(&mut c, &u).await;
    assert_eq!(
        watchers,
        [json!({"globPattern": {
            "baseUri": file_uri(&ws.root.join("glossary")),
            "pattern": "terms.toml"
        }})]
    );
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn definition_without_user_glossaries_is_null() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("plain.txt");
    c.open(&u, DOC).await;
    c.diagnostics(&u, 1).await;
    let at = position_of(DOC, "三会一课", 0, 1, Encoding::Utf16);
    assert_eq!(definition(&mut c, &u, at).await, Value::Null);
    // Unknown documents too.
    assert_eq!(
        definition(&mut c, &uri("nope.txt"), pos(0, 0)).await,
        Value::Null
    );
    assert!(c.shutdown_and_exit().await);
}
