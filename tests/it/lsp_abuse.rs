//! Protocol abuse beyond `lsp_robustness.rs`: broken framing followed by good requests,
//! edits that point inside a surrogate pair, repeated versions, a 5 MB line, and 10,000 open
//! documents. In every case the server answers or ignores, and keeps serving.

use crate::lsp_support;

use jiaodui::position::Encoding;
use lsp_support::*;
use serde_json::{Value, json};

#[tokio::test]
async fn wrong_content_lengths_are_answered_and_the_next_request_still_served() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("framing.txt");
    c.open(&u, "手機(jī)版").await;
    c.pinyin(&u, 1).await;
    let good = |id: i64| hover_request(id, &u);
    let body = br#"{"jsonrpc":"2.0","id":90,"method":"textDocument/hover","params":{}}"#;

    // Shorter than the body: the cut body is malformed, the rest is skipped up to the next
    // header.
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() / 2).into_bytes();
    bytes.extend_from_slice(body);
    bytes.extend_from_slice(&good(11));
    c.send_raw(&bytes).await;
    assert_eq!(c.response_to(Value::Null).await["error"]["code"], -32700);
    let r = c.response_to(json!(11)).await;
    assert!(r.get("error").is_none(), "{r}");

    // Not a number, and negative.
    for header in ["Content-Length: twelve", "Content-Length: -5"] {
        let mut bytes = format!("{header}\r\n\r\n").into_bytes();
        bytes.extend_from_slice(body);
        bytes.extend_from_slice(&good(12));
        c.send_raw(&bytes).await;
        assert_eq!(c.response_to(Value::Null).await["error"]["code"], -32700);
        let r = c.response_to(json!(12)).await;
        assert!(r.get("error").is_none(), "{header}: {r}");
    }

    // No Content-Length at all, and no headers at all.
    for (header, after) in [
        (
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
            "",
        ),
        ("", "\r\n\r\n"),
    ] {
        let mut bytes = header.as_bytes().to_vec();
        bytes.extend_from_slice(body);
        bytes.extend_from_slice(after.as_bytes());
        bytes.extend_from_slice(&good(13));
        c.send_raw(&bytes).await;
        assert_eq!(c.response_to(Value::Null).await["error"]["code"], -32700);
        let r = c.response_to(json!(13)).await;
        assert!(r.get("error").is_none(), "{header:?}: {r}");
    }

    // Longer than the body: the frame swallows the start of the next message, and the server
    // picks up again at the header inside it, so that message is still answered.
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() + 40).into_bytes();
    bytes.extend_from_slice(body);
    bytes.extend_from_slice(&good(14));
    bytes.extend_from_slice(&good(15));
    c.send_raw(&bytes).await;
    assert_eq!(c.response_to(Value::Null).await["error"]["code"], -32700);
    let r = c.response_to(json!(14)).await;
    assert!(r.get("error").is_none(), "{r}");
    let r = c.response_to(json!(15)).await;
    assert!(r.get("error").is_none(), "{r}");

    // A length far beyond the limit is refused without waiting for (or allocating) it.
    let mut bytes = b"Content-Length: 99999999999999\r\n\r\n".to_vec();
    bytes.extend_from_slice(body);
    bytes.extend_from_slice(&good(16));
    c.send_raw(&bytes).await;
    assert_eq!(c.response_to(Value::Null).await["error"]["code"], -32700);
    let r = c.response_to(json!(16)).await;
    assert!(r.get("error").is_none(), "{r}");

    // Edits still work after all that.
    c.change(&u, 2, range(0, 0, 0, 0), "堅(jiān)").await;
    assert_eq!(c.pinyin(&u, 2).await.len(), 2);
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn edits_inside_a_surrogate_pair_clamp_to_the_character() {
    for caps in [vscode_caps(), neovim_caps()] {
        let mut c = TestClient::start();
        c.initialize(caps.clone(), json!({"debounceMs": 0})).await;
        let utf8 = caps == neovim_caps();
        let encoding = if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let u = uri("surrogate.txt");
        let text = "𠮷手機(jī)版𠮷\n𠮷";
        c.open(&u, text).await;
        c.diagnostics(&u, 1).await;
        // Column 1 is between the two UTF-16 halves of 𠮷 (and inside its four UTF-8 bytes):
        // both ends clamp to the start of the character, so this inserts before it.
        c.change(&u, 2, range(0, 1, 0, 1), "a").await;
        let mut model = format!("a{text}");
        assert_eq!(
            published(&c.diagnostics(&u, 2).await),
            expected_in(&model, encoding)
        );
        // A deletion from inside the last 𠮷 of line 0 to inside the 𠮷 of line 1 removes
        // whole characters only: from before the first to before the second.
        let line0 = model.lines().next().unwrap();
        let last = line0.rfind('𠮷').unwrap();
        let col = if utf8 {
            last + 2
        } else {
            line0[..last].encode_utf16().count() + 1
        };
        c.change(&u, 3, range(0, col as u32, 1, if utf8 { 3 } else { 1 }), "")
            .await;
        model.replace_range(last..model.rfind('𠮷').unwrap(), "");
        assert_eq!(model, "a𠮷手機(jī)版𠮷");
        let diags = c.diagnostics(&u, 3).await;
        assert_eq!(published(&diags), expected_in(&model, encoding));
        // The text is still whole: a fresh open of the model publishes the same.
        let fresh = uri("surrogate-fresh.txt");
        c.open(&fresh, &model).await;
        assert_eq!(c.diagnostics(&fresh, 1).await, diags);
        let symbols = |u: &str| json!({"textDocument": {"uri": u}});
        assert_eq!(
            c.request("textDocument/documentSymbol", symbols(&u)).await,
            c.request("textDocument/documentSymbol", symbols(&fresh))
                .await
        );
        assert!(c.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn repeated_versions_clear_the_document_and_reopening_replaces() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"debounceMs": 0})).await;
    let u = uri("repeat.txt");
    c.open(&u, "手機(jī)版").await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);
    c.change(&u, 2, range(0, 0, 0, 0), "堅(jiān)").await;
    assert_eq!(c.pinyin(&u, 2).await.len(), 2);
    // A gap in the versions is fine.
    c.change(&u, 9, range(0, 0, 0, 0), "\n").await;
    let model = "\n堅(jiān)手機(jī)版";
    assert_eq!(published(&c.diagnostics(&u, 9).await), expected(model));
    // Version 9 again (and version 1 again): the client is confused. Applying or dropping
    // the edits may each leave a text the client does not have: the diagnostics are cleared
    // and nothing is published until the text is sent whole (`tests/it/lsp_protocol.rs`).
    c.change(&u, 9, range(0, 0, 0, 0), "強(qiáng)").await;
    c.change(&u, 1, range(0, 0, 0, 0), "強(qiáng)").await;
    let cleared = c
        .notification(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    assert_eq!(cleared["params"]["uri"], u.as_str());
    // didOpen of an open document replaces it, whatever its version.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "plaintext", "version": 1,
               "text": "強(qiáng)"}}),
    )
    .await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);
    c.change(&u, 2, range(0, 0, 0, 0), "機(jī)").await;
    assert_eq!(
        published(&c.diagnostics(&u, 2).await),
        expected("機(jī)強(qiáng)")
    );
    assert!(c.shutdown_and_exit().await);
}

/// How many findings a capped publish stands for: those shown plus those its summary
/// diagnostic counts.
fn total(diagnostics: &[Value]) -> usize {
    diagnostics
        .iter()
        .map(|d| match d["data"]["hidden"].as_u64() {
            Some(hidden) if d["data"]["summary"] == true => hidden as usize,
            _ => 1,
        })
        .sum()
}

/// About 5 MB on one line: seed text with its line breaks turned into full stops.
fn one_long_line() -> String {
    let seed = seed().replace('\n', "。");
    let mut line = String::with_capacity(5 << 20);
    while line.len() < 5 << 20 {
        line.push_str(&seed);
    }
    line
}

#[tokio::test]
async fn a_five_megabyte_line_is_served() {
    let line = one_long_line();
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"debounceMs": 0})).await;
    let u = uri("long-line.txt");
    c.open(&u, &line).await;
    let first = c.pinyin(&u, 1).await;
    assert!(total(&first) > 100_000, "{}", total(&first));
    // An edit near the end of the line, at a UTF-16 column in the millions.
    let end_col = line.encode_utf16().count() as u32;
    c.change(&u, 2, range(0, end_col, 0, end_col), "堅(jiān)")
        .await;
    // Capped: the findings nearest the edit are shown, the new one among them.
    let after = c.pinyin(&u, 2).await;
    assert_eq!(total(&after), total(&first) + 1);
    let new = range(0, end_col + 1, 0, end_col + 7);
    assert!(after.iter().any(|d| d["range"] == new));
    assert!(!first.iter().any(|d| d["range"] == new));
    // Hover at the start, the middle and the end (answers, not errors); the outline.
    for col in [0, end_col / 2, end_col + 3] {
        let r = c
            .request_full(
                "textDocument/hover",
                json!({"textDocument": {"uri": u}, "position": pos(0, col)}),
            )
            .await;
        assert!(r.get("error").is_none(), "{r}");
    }
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    // One line: no heading, so an empty outline (not null, not an error), and nothing to fold.
    assert_eq!(symbols, json!([]), "{symbols}");
    let folding = c
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    assert_eq!(folding, json!([]), "{folding}");
    // Deleting the whole line leaves an empty document with no diagnostics.
    c.change(&u, 3, range(0, 0, 0, end_col + 7), "").await;
    assert!(c.diagnostics(&u, 3).await.is_empty());
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn ten_thousand_open_documents() {
    const N: usize = 10_000;
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"debounceMs": 0})).await;
    let name = |i: usize| uri(&format!("many/{i}.txt"));
    let text = |i: usize| {
        format!("第{i}篇 標題\n\n一、手機(jī)版\n\n第{i}行。他們要堅持原則，這是正文的一段話。\n")
    };
    for i in 0..N {
        c.open(&name(i), &text(i)).await;
    }
    // Every document gets its diagnostics.
    let mut seen = vec![false; N];
    for _ in 0..N {
        let m = c
            .notification(|m| m["method"] == "textDocument/publishDiagnostics")
            .await;
        let u = m["params"]["uri"].as_str().unwrap();
        let i: usize = u
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".txt")
            .parse()
            .unwrap();
        assert!(!seen[i], "published twice: {u}");
        seen[i] = true;
        let diagnostics = m["params"]["diagnostics"].as_array().unwrap().clone();
        assert_eq!(published(&diagnostics), expected(&text(i)), "{u}");
    }
    // A sample answers requests; the workspace outline lists every document.
    for i in (0..N).step_by(997) {
        let r = c
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": name(i)}}),
            )
            .await;
        assert_eq!(r.as_array().unwrap().len(), 1, "{r}");
    }
    let all = c
        .request("workspace/symbol", json!({"query": "標題"}))
        .await;
    assert_eq!(all.as_array().unwrap().len(), N);
    // Closing clears each document's diagnostics and forgets it.
    for i in 0..N {
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": name(i)}}),
        )
        .await;
    }
    for _ in 0..N {
        let m = c
            .notification(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["diagnostics"] == json!([])
            })
            .await;
        assert!(m["params"].get("version").is_none_or(Value::is_null), "{m}");
    }
    let all = c
        .request("workspace/symbol", json!({"query": "標題"}))
        .await;
    assert_eq!(all, json!([]));
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": name(5)}, "position": pos(2, 1)}),
        )
        .await;
    assert_eq!(r, Value::Null);
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn config_discovery_never_leaves_the_workspace_folder() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    std::fs::create_dir_all(ws.join("sub")).unwrap();
    // Above the workspace folder: must not apply to anything opened in it.
    std::fs::write(
        dir.path().join("jiaodui.toml"),
        "disable = [\"garble/inline-pinyin\"]\n",
    )
    .unwrap();
    let mut c = TestClient::start();
    c.initialize_with_folder(vscode_caps(), &ws).await;
    let inside = format!("file://{}/sub/a.txt", ws.display());
    c.open(&inside, "手機(jī)版").await;
    assert_eq!(c.pinyin(&inside, 1).await.len(), 1);
    // A path that climbs out with `..` is judged by where it really is: outside the folder,
    // beside that config, which applies to it as the CLI would apply it.
    let climbing = format!("file://{}/../b.txt", ws.display());
    c.open(&climbing, "手機(jī)版").await;
    assert_eq!(c.pinyin(&climbing, 1).await.len(), 0);
    assert!(c.shutdown_and_exit().await);
}
