//! A panic inside a request handler becomes an internal-error response, and the server keeps
//! serving (the guard `guarded` in `src/lsp/backend/mod.rs`).
//!
//! The panic is real: `JIAODUI_TEST_PANIC=hover` makes the guarded hover handler panic (a
//! test-only hook read once per process), so the test runs alone in a process of its own
//! (`alone_support`), started with the variable set.

use crate::alone_support;
use crate::lsp_support;

use lsp_support::*;
use serde_json::{Value, json};

#[tokio::test]
async fn a_panicking_handler_answers_an_error_and_the_server_keeps_serving() {
    let name = alone_support::test_name(
        module_path!(),
        "a_panicking_handler_answers_an_error_and_the_server_keeps_serving",
    );
    if !alone_support::in_own_process(&name, &[("JIAODUI_TEST_PANIC", "hover")]) {
        return;
    }
    assert_eq!(std::env::var("JIAODUI_TEST_PANIC").as_deref(), Ok("hover"));
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("panic.txt");
    c.open(&u, "手機(jī)版").await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);

    // Twice: the first panic must not leave a poisoned lock or a dead task behind.
    for _ in 0..2 {
        let r = c
            .request_full(
                "textDocument/hover",
                json!({"textDocument": {"uri": u}, "position": pos(0, 3)}),
            )
            .await;
        assert_eq!(r["error"]["code"], -32603, "{r}");
        assert_eq!(r["error"]["message"], "jiaodui: hover failed", "{r}");
        assert!(r.get("result").is_none(), "{r}");
    }

    // Still serving: edits are analysed and published, other requests answered.
    c.change(&u, 2, range(0, 0, 0, 0), "堅(jiān)").await;
    assert_eq!(c.pinyin(&u, 2).await.len(), 2);
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": range(0, 0, 0, 12),
                   "context": {"diagnostics": []}}),
        )
        .await;
    assert!(
        actions.as_array().is_some_and(|a| !a.is_empty()),
        "no code action after the panic: {actions}"
    );
    assert!(c.shutdown_and_exit().await);
}
