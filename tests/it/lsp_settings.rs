//! The language server's settings: initialization options, pulled and pushed configuration,
//! `jiaodui.toml` in a workspace folder or beside a file, and Markdown files.

use crate::lsp_support;

use lsp_support::*;
use serde_json::{Value, json};

#[tokio::test]
async fn settings_from_init_options_pull_and_change_notification() {
    let mut c = TestClient::start();
    c.configuration = json!({"locale": "en"});
    c.initialize(
        json!({"workspace": {"configuration": true}}),
        json!({"jiaodui": {"disable": ["garble"]}}),
    )
    .await;
    let u = uri("cfg.txt");
    c.open(&u, "手機(jī)版\n").await;
    // The pulled configuration (locale en, nothing disabled) replaces the initial options.
    let english = loop {
        let n = c
            .notification(|m| m["method"] == "textDocument/publishDiagnostics")
            .await;
        let diags = only_pinyin(n["params"]["diagnostics"].as_array().unwrap().clone());
        if !diags.is_empty() {
            break diags;
        }
    };
    assert!(
        english[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("inline pinyin")
    );
    assert!(
        c.server_requests
            .iter()
            .any(|r| r["method"] == "workspace/configuration")
    );
    // didChangeConfiguration with settings applies them directly.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"jiaodui": {"severity": {"garble": "error"}}}}),
    )
    .await;
    let n = c
        .notification(|m| m["method"] == "textDocument/publishDiagnostics")
        .await;
    let d = &only_pinyin(n["params"]["diagnostics"].as_array().unwrap().clone())[0];
    assert_eq!(d["severity"], 1);
    assert!(d["message"].as_str().unwrap().starts_with("内联拼音"));
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn jiaodui_toml_in_the_workspace_is_found_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(
        root.join("jiaodui.toml"),
        "disable = [\"garble/inline-pinyin\"]\n",
    )
    .unwrap();
    let mut c = TestClient::start();
    c.initialize_with_folder(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        &root,
    )
    .await;
    let u = format!("file://{}/docs/a.txt", root.display());
    c.open(&u, "手機(jī)版\n").await;
    assert!(c.pinyin(&u, 1).await.is_empty(), "disabled by jiaodui.toml");
    std::fs::write(root.join("jiaodui.toml"), "locale = \"en\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}/jiaodui.toml", root.display()), "type": 2}]}),
    )
    .await;
    let diags = c.pinyin(&u, 1).await;
    assert_eq!(diags.len(), 1);
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("inline pinyin")
    );
    // The watcher was registered dynamically.
    let watched = c
        .server_requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .expect("watcher registration");
    assert_eq!(
        watched["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    assert!(c.shutdown_and_exit().await);
}

/// A file opened without a workspace folder gets the `jiaodui.toml` beside it, found as the
/// CLI finds it (issue 16: its `[severity]` table was ignored).
#[tokio::test]
async fn a_file_opened_without_a_folder_gets_the_config_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("jiaodui.toml"),
        "[severity]\n\"garble/inline-pinyin\" = \"error\"\n",
    )
    .unwrap();
    let mut c = TestClient::start();
    c.initialize(neovim_caps(), Value::Null).await;
    let u = format!("file://{}/a.txt", dir.path().display());
    c.open(&u, "他們要堅(jiān)持原則。\n").await;
    let diags = c.pinyin(&u, 1).await;
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["severity"], 1, "{diags:?}");
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn markdown_skips_front_matter_and_fenced_code() {
    let text = "---\ntitle: 機(jī)\n---\n# 標題\n\n手機(jī)版\n\n```\n機(jī)\n```\n";
    let mut c = TestClient::start();
    c.initialize(neovim_caps(), Value::Null).await;
    let u = uri("doc.md");
    c.open_as(&u, text, "markdown").await;
    let diags = c.pinyin(&u, 1).await;
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["range"]["start"]["line"], 5);
    // The same text as plain text reports all three.
    let p = uri("doc.txt");
    c.open(&p, text).await;
    assert_eq!(c.pinyin(&p, 1).await.len(), 3);
    assert!(c.shutdown_and_exit().await);
}
