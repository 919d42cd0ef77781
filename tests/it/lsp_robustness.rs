//! The server survives what real clients (and broken ones) send.

use crate::lsp_support;

use jiaodui::lsp::framing::encode;
use lsp_support::*;
use serde_json::{Value, json};

#[tokio::test]
async fn requests_before_initialize_are_refused() {
    let mut c = TestClient::start();
    let r = c
        .request_full(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri("x")}, "position": pos(0, 0)}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32002);
    c.initialize(vscode_caps(), Value::Null).await;
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn malformed_frames_are_answered_and_the_server_keeps_serving() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    c.send_raw(&encode(b"{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": "))
        .await;
    let r = c.response_to(Value::Null).await;
    assert_eq!(r["error"]["code"], -32700);
    // Valid JSON that is no JSON-RPC message.
    c.send_raw(&encode(br#"{"id": 8, "hello": 1}"#)).await;
    let r = c.response_to(json!(8)).await;
    assert_eq!(r["error"]["code"], -32600);
    // A frame without Content-Length.
    c.send_raw(b"Content-Type: application/json\r\n\r\n").await;
    let r = c.response_to(Value::Null).await;
    assert_eq!(r["error"]["code"], -32700);
    // Not UTF-8.
    c.send_raw(&encode(b"{\"a\": \"\xff\xfe\"}")).await;
    let r = c.response_to(Value::Null).await;
    assert_eq!(r["error"]["code"], -32700);
    // Still serving.
    let u = uri("after.txt");
    c.open(&u, "手機(jī)版").await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn unknown_methods_are_reported() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let r = c.request_full("jiaodui/nonsense", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    // Unknown notifications are ignored: no response (a notification is never answered, not
    // even with an error), no error shown to the user, and the server keeps serving. A stray
    // response would reach `response_to` below before the answer it waits for and fail it.
    c.notify("$/somethingElse", json!({})).await;
    c.notify("jiaodui/unknownNotification", json!({"x": 1}))
        .await;
    let u = uri("after-unknown.txt");
    c.open(&u, "手機(jī)版").await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);
    let r = c.request_full("jiaodui/nonsense", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    let complaints: Vec<&Value> = c
        .notifications
        .iter()
        .filter(|n| n["method"] == "window/showMessage" || n["method"] == "window/logMessage")
        .filter(|n| n["params"]["type"].as_i64().is_some_and(|t| t <= 2))
        .collect();
    assert!(complaints.is_empty(), "{complaints:?}");
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn edits_to_unknown_documents_are_ignored_and_stale_versions_wait_for_the_text() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    c.change(&uri("never-opened.txt"), 2, range(0, 0, 0, 0), "x")
        .await;
    let u = uri("v.txt");
    c.open(&u, "手機(jī)版").await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);
    c.change(&u, 5, range(0, 0, 0, 0), "堅(jiān)").await;
    assert_eq!(c.pinyin(&u, 5).await.len(), 2);
    // Version 4 < 5: stale. Neither applying it (it would delete everything) nor dropping
    // it is safe: the document waits for its whole text, incremental edits are ignored.
    c.change(&u, 4, range(0, 0, 9, 0), "").await;
    c.change(&u, 6, range(0, 0, 0, 0), "x").await;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 7},
               "contentChanges": [{"text": "堅(jiān)手機(jī)版"}]}),
    )
    .await;
    c.change(&u, 8, range(0, 0, 0, 0), "\n").await;
    let diags = c.pinyin(&u, 8).await;
    assert_eq!(diags.len(), 2);
    assert_eq!(diags[0]["range"], range(1, 1, 1, 7));
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn out_of_range_positions_are_clamped() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("clamp.txt");
    c.open(&u, "𠮷\n手機(jī)版").await;
    c.pinyin(&u, 1).await;
    // Inside the surrogate pair, past the line end, past the last line.
    for p in [pos(0, 1), pos(0, 99), pos(99, 0), pos(u32::MAX, u32::MAX)] {
        let r = c
            .request_full(
                "textDocument/hover",
                json!({"textDocument": {"uri": u}, "position": p}),
            )
            .await;
        assert!(r.get("error").is_none(), "{r}");
        let r = c
            .request_full(
                "textDocument/selectionRange",
                json!({"textDocument": {"uri": u}, "positions": [p]}),
            )
            .await;
        assert!(r.get("error").is_none(), "{r}");
    }
    // An edit far past the end appends at the end.
    c.change(&u, 2, range(50, 3, 60, 0), "\n機(jī)").await;
    let diags = c.pinyin(&u, 2).await;
    assert_eq!(diags.len(), 2);
    assert_eq!(diags[1]["range"], range(2, 1, 2, 5));
    // A reversed range is treated as ordered.
    c.change(&u, 3, range(2, 5, 2, 1), "").await;
    assert_eq!(c.pinyin(&u, 3).await.len(), 1);
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn exit_without_shutdown_reports_failure() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    c.notify("exit", Value::Null).await;
    let server = c.server.take().unwrap();
    assert!(!server.await.unwrap());
}

#[tokio::test]
async fn full_document_changes_replace_the_text() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("full.txt");
    c.open(&u, "手機(jī)版").await;
    c.pinyin(&u, 1).await;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [{"text": "堅(jiān)強(qiáng)\r\n"}]}),
    )
    .await;
    let diags = c.pinyin(&u, 2).await;
    assert_eq!(diags.len(), 2);
    assert_eq!(diags[1]["range"], range(0, 8, 0, 15));
    assert!(c.shutdown_and_exit().await);
}
