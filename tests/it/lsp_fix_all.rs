//! Code actions stay small whatever the document, and fix-alls neither block the server nor
//! outlive their request: a client without `codeAction.resolveSupport` gets the fix-alls as a
//! command (edits through `workspace/applyEdit`), never inline on a cursor move; fix-all
//! edits are coalesced; a fix-all can be cancelled, fails when the document changes under
//! it, and another document's hover is answered while it runs.

use crate::lsp_support;

use jiaodui::position::Encoding;
use lsp_support::*;
use serde_json::{Value, json};

fn big(copies: usize) -> String {
    seed().repeat(copies)
}

fn resolve_caps() -> Value {
    json!({"textDocument": {"codeAction": {
        "resolveSupport": {"properties": ["edit"]}, "dataSupport": true}}})
}

fn last_line(text: &str) -> u32 {
    text.matches('\n').count() as u32
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_actions_stay_small_without_resolve_support_and_the_command_applies_the_fix() {
    let text = big(60); // ~870 KB, ~27k findings
    let mut c = TestClient::start();
    let init = c.initialize(vscode_caps(), json!({})).await;
    assert_eq!(
        init["capabilities"]["executeCommandProvider"]["commands"],
        json!(["jiaodui.applyFixAll"])
    );
    let u = uri("big.txt");
    c.open(&u, &text).await;
    c.diagnostics(&u, 1).await;
    let middle = last_line(&text) / 2;
    // A cursor move: an empty range, every kind of action.
    let r = c
        .request_full(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": range(middle, 3, middle, 3),
                   "context": {"diagnostics": []}}),
        )
        .await;
    let size = r.to_string().len();
    assert!(size < 20_000, "cursor reply of {size} bytes");
    let actions = r["result"].as_array().unwrap().clone();
    let source = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.jiaodui")
        .expect("source fix-all")
        .clone();
    for a in actions
        .iter()
        .filter(|a| a["kind"] != "quickfix" || a["command"].is_object())
    {
        assert!(a.get("edit").is_none(), "fix-all with an inline edit: {a}");
        assert_eq!(a["command"]["command"], "jiaodui.applyFixAll");
    }
    // The whole document selected: the quick fixes are capped.
    let r = c
        .request_full(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": range(0, 0, last_line(&text) + 1, 0),
                   "context": {"diagnostics": []}}),
        )
        .await;
    let size = r.to_string().len();
    assert!(size < 200_000, "whole-document reply of {size} bytes");
    // Running the command: the server sends the edit, coalesced (the fixes of this text
    // are dozens of bytes apart): far fewer edits than fixes, and never more JSON than the
    // whole text in one edit.
    let es = c.action_edits(&source, &u).await;
    let fixes = jiaodui::analysis::check(&text, &jiaodui::analysis::Config::default())
        .iter()
        .filter(|f| f.fixes.iter().any(|x| x.safe))
        .count();
    assert!(
        es.len() * 10 < fixes,
        "{} edits for {fixes} fixes",
        es.len()
    );
    let size = Value::Array(es.clone()).to_string().len();
    assert!(size < text.len() + 1000, "{size} bytes of edits");
    assert_eq!(
        apply_edits(&text, &es, Encoding::Utf16),
        fixed_once(&text, None)
    );
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sparse_fixes_are_sent_as_one_edit_per_run() {
    // Fixes far apart: one edit each, not the whole text.
    let filler = "這是一段沒有問題的文字，內容很長，寫了又寫。\n".repeat(20);
    let text = format!("手機(jī)版\n{filler}\n堅(jiān)強(qiáng)\n{filler}");
    let mut c = TestClient::start();
    c.initialize(neovim_caps(), json!({})).await;
    let u = uri("sparse.txt");
    c.open(&u, &text).await;
    c.diagnostics(&u, 1).await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": range(0, 0, 0, 0),
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let es = c.action_edits(&actions[0], &u).await;
    assert_eq!(es.len(), 2, "{es:?}");
    assert_eq!(
        apply_edits(&text, &es, Encoding::Utf8),
        fixed_once(&text, None)
    );
    assert!(c.shutdown_and_exit().await);
}

async fn source_fix_all(c: &mut TestClient, u: &str) -> Value {
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": range(0, 0, 0, 0),
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    actions[0].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fix_all_leaves_other_documents_served_and_can_be_cancelled() {
    let text = big(200); // ~2.9 MB, ~90k findings
    let mut c = TestClient::start();
    c.initialize(resolve_caps(), json!({"debounceMs": 0})).await;
    let (u, small) = (uri("big.txt"), uri("small.txt"));
    c.open(&u, &text).await;
    c.open(&small, "手機(jī)版").await;
    c.diagnostics(&u, 1).await;
    c.diagnostics(&small, 1).await;
    let action = source_fix_all(&mut c, &u).await;
    let hover = |id: i64| {
        json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
               "params": {"textDocument": {"uri": small}, "position": pos(0, 2)}})
    };

    // A hover on another document, sent after the fix-all, is answered before it.
    c.send(json!({"jsonrpc": "2.0", "id": 1001, "method": "codeAction/resolve", "params": action}))
        .await;
    c.send(hover(1002)).await;
    let first = c.next_response().await;
    assert_eq!(first["id"], 1002, "the hover waited for the fix-all");
    assert!(first["result"].is_object(), "{first}");
    let second = c.next_response().await;
    assert_eq!(second["id"], 1001);
    let es = second["result"]["edit"]["changes"][u.as_str()]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(
        apply_edits(&text, &es, Encoding::Utf16),
        fixed_once(&text, None)
    );

    // Cancelled: answered with RequestCancelled, and the server goes on.
    c.send(json!({"jsonrpc": "2.0", "id": 1003, "method": "codeAction/resolve", "params": action}))
        .await;
    c.notify("$/cancelRequest", json!({"id": 1003})).await;
    let r = c.response_to(json!(1003)).await;
    assert_eq!(r["error"]["code"], -32800, "{r}");

    // The document changes under it: ContentModified, not an edit for a text that is gone.
    c.send(json!({"jsonrpc": "2.0", "id": 1004, "method": "codeAction/resolve", "params": action}))
        .await;
    c.change(&u, 2, range(0, 0, 0, 0), "x").await;
    let r = c.response_to(json!(1004)).await;
    assert_eq!(r["error"]["code"], -32801, "{r}");

    // And a fix-all of the new version still works.
    c.send(hover(1005)).await;
    assert!(c.response_to(json!(1005)).await["result"].is_object());
    let action = source_fix_all(&mut c, &u).await;
    let es = c.action_edits(&action, &u).await;
    let edited = format!("x{text}");
    assert_eq!(
        apply_edits(&edited, &es, Encoding::Utf16),
        fixed_once(&edited, None)
    );
    assert!(c.shutdown_and_exit().await);
}
