//! Protocol corners real clients hit: `$/` requests, duplicated `Content-Length` headers,
//! ids beyond what LSP's integers hold, lone UTF-16 surrogate escapes (which JavaScript's
//! `JSON.stringify` writes) in a `didChange`, and versions that do not go up. The server
//! must answer what needs an answer and never go on analysing a text the client does not
//! have.

use crate::lsp_support;

use jiaodui::lsp::framing::encode;
use jiaodui::position::{Encoding, LineIndex};
use lsp_support::*;
use serde_json::{Value, json};

#[tokio::test]
async fn dollar_requests_get_method_not_found_and_dollar_notifications_nothing() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let r = c.request_full("$/jiaodui/whatever", json!({})).await;
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // A `$/` notification is ignored: the next answer is the hover's.
    c.notify("$/setTrace", json!({"value": "off"})).await;
    c.notify("$/progress", json!({"token": 1, "value": {}}))
        .await;
    let u = uri("d.txt");
    c.open(&u, "手機(jī)版").await;
    c.send_raw(&hover_request(50, &u)).await;
    let r = c.response_to(json!(50)).await;
    assert!(r.get("error").is_none(), "{r}");
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn two_content_length_headers_do_not_swallow_the_next_message() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("headers.txt");
    c.open(&u, "手機(jī)版").await;
    c.pinyin(&u, 1).await;
    let body = json!({"jsonrpc": "2.0", "id": 60, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": u}, "position": pos(0, 2)}})
    .to_string();
    let n = body.len();
    // The right length first or second, the wrong one longer or shorter.
    for (i, (a, b)) in [(n, n + 30), (n + 30, n), (n, n - 10), (n - 10, n), (n, n)]
        .into_iter()
        .enumerate()
    {
        let id = 60 + i as i64;
        let body = body.replace("\"id\":60", &format!("\"id\":{id}"));
        let mut bytes =
            format!("Content-Length: {a}\r\nContent-Length: {b}\r\n\r\n{body}").into_bytes();
        bytes.extend_from_slice(&hover_request(100 + id, &u));
        c.send_raw(&bytes).await;
        let r = c.response_to(json!(id)).await;
        assert!(r.get("error").is_none(), "{a}/{b}: {r}");
        let r = c.response_to(json!(100 + id)).await;
        assert!(r.get("error").is_none(), "{a}/{b}: {r}");
    }
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn ids_beyond_lsp_integers_are_echoed_as_written() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    *c.raw.lock().unwrap() = Some(Vec::new());
    for id in [
        "18446744073709551616",
        "9223372036854775808",
        "-99999999999999999999",
    ] {
        let body = format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"workspace/symbol","params":{{"query":""}}}}"#
        );
        c.send_raw(&encode(body.as_bytes())).await;
        let as_value: Value = serde_json::from_str(id).unwrap();
        let r = c.response_to(as_value).await;
        assert!(r.get("error").is_some(), "{r}");
        let raw = c.raw.lock().unwrap().take().unwrap();
        let text = String::from_utf8(raw.last().unwrap().clone()).unwrap();
        assert!(text.contains(&format!(r#""id":{id},"#)), "{text}");
        *c.raw.lock().unwrap() = Some(Vec::new());
    }
    // An ordinary id still gets an ordinary answer.
    let r = c
        .request_full("workspace/symbol", json!({"query": ""}))
        .await;
    assert!(r.get("error").is_none(), "{r}");
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn lone_surrogate_escapes_are_decoded_as_replacement_characters() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"debounceMs": 0})).await;
    let u = uri("surrogate.txt");
    c.open(&u, "手機(jī)版").await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);
    // What JSON.stringify writes for half a pair: a lone low surrogate, a lone high one,
    // and (to be left alone) a proper pair and an escaped backslash before `udc00`.
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{u}","version":2}},"contentChanges":[{{"range":{{"start":{{"line":0,"character":0}},"end":{{"line":0,"character":0}}}},"text":"\udc00a\ud800\ud842\udfb7\\udc00"}}]}}}}"#
    );
    c.send_raw(&encode(body.as_bytes())).await;
    let mut model = "\u{fffd}a\u{fffd}𠮷\\udc00手機(jī)版".to_string();
    assert_eq!(published(&c.diagnostics(&u, 2).await), expected(&model));
    // The next change lands where the client means it to.
    let at = model.find('手').unwrap();
    let (p, _) = LineIndex::new(&model).range(&model, at..at, Encoding::Utf16);
    c.change(&u, 3, range(p.line, p.col, p.line, p.col), "堅(jiān)")
        .await;
    model.insert_str(at, "堅(jiān)");
    let got = c.diagnostics(&u, 3).await;
    assert_eq!(published(&got), expected(&model), "{model}");
    assert_eq!(codes(&got, "garble/inline-pinyin"), 2);
    assert!(c.shutdown_and_exit().await);
}

/// Waits for the empty publish that says a document's diagnostics were cleared.
async fn cleared(c: &mut TestClient, u: &str) {
    let u = u.to_string();
    let n = c
        .notification(move |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == u.as_str()
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    assert_eq!(n["params"]["diagnostics"], json!([]));
}

#[tokio::test]
async fn a_version_that_does_not_go_up_stops_the_document_until_the_whole_text_comes() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"debounceMs": 0})).await;
    let u = uri("versions.txt");
    c.open(&u, "手機(jī)版").await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);
    c.change(&u, 2, range(0, 0, 0, 0), "堅(jiān)").await;
    assert_eq!(c.pinyin(&u, 2).await.len(), 2);
    // Version 2 again: the client and server disagree about the history.
    c.change(&u, 2, range(0, 0, 0, 0), "強(qiáng)").await;
    cleared(&mut c, &u).await;
    let warned = c
        .notification(|m| m["method"] == "window/showMessage")
        .await;
    assert!(
        warned["params"]["message"]
            .as_str()
            .unwrap()
            .contains("versions.txt"),
        "{warned}"
    );
    // Nothing is answered from the text that may be wrong, and incremental edits wait.
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(0, 1)}),
        )
        .await;
    assert_eq!(h, Value::Null);
    c.change(&u, 3, range(0, 0, 0, 0), "機(jī)").await;
    // A whole-text change brings it back.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 4},
               "contentChanges": [{"text": "強(qiáng)手機(jī)版"}]}),
    )
    .await;
    assert_eq!(
        published(&c.diagnostics(&u, 4).await),
        expected("強(qiáng)手機(jī)版")
    );
    c.change(&u, 5, range(0, 0, 0, 0), "\n").await;
    assert_eq!(
        published(&c.diagnostics(&u, 5).await),
        expected("\n強(qiáng)手機(jī)版")
    );
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn an_undecodable_did_change_stops_the_document_until_it_is_reopened() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"debounceMs": 0})).await;
    let u = uri("broken.txt");
    c.open(&u, "手機(jī)版").await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{u}","version":2}},"contentChanges":[{{"text":"\x"}}]}}}}"#
    );
    c.send_raw(&encode(body.as_bytes())).await;
    assert_eq!(c.response_to(Value::Null).await["error"]["code"], -32700);
    cleared(&mut c, &u).await;
    c.change(&u, 3, range(0, 0, 0, 0), "堅(jiān)").await;
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(0, 1)}),
        )
        .await;
    assert_eq!(h, Value::Null);
    // Reopening says what the text is.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 7,
               "text": "堅(jiān)手機(jī)版"}}),
    )
    .await;
    assert_eq!(c.pinyin(&u, 7).await.len(), 2);
    assert!(c.shutdown_and_exit().await);
}
