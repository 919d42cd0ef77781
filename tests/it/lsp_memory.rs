//! Closing documents frees their memory: the server forgets them (no symbols, no hovers), the
//! resident set shrinks back once they are closed (the server trims the allocator itself), and opening and closing the same load again
//! and again does not grow it. The test runs alone in a process of its own (`alone_support`),
//! so that no other test's allocations move the numbers.

use crate::alone_support;
use crate::lsp_support;

use jiaodui::lsp::backend::release_free_memory;
use lsp_support::*;
use serde_json::{Value, json};

/// Resident set size of this process (the server runs in it), in bytes.
fn rss() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

const DOCUMENTS: usize = 60;

/// Distinct documents of about 30 KB: copies of the seed under a numbered title.
fn text(i: usize) -> String {
    let seed = seed();
    let mut out = format!("第{i}號文件 標題\n\n");
    for k in 0..2 {
        out.push_str(&format!("第{k}部分\n\n"));
        out.push_str(&seed);
        out.push('\n');
    }
    out
}

fn name(i: usize) -> String {
    uri(&format!("memory/{i}.txt"))
}

/// Opens every document and waits for all their diagnostics; returns the resident set then.
async fn open_all(c: &mut TestClient) -> usize {
    for i in 0..DOCUMENTS {
        c.open(&name(i), &text(i)).await;
    }
    for _ in 0..DOCUMENTS {
        c.notification(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"] != json!([])
        })
        .await;
    }
    let symbols = c
        .request("workspace/symbol", json!({"query": "號文件"}))
        .await;
    assert_eq!(symbols.as_array().unwrap().len(), DOCUMENTS);
    release_free_memory();
    rss()
}

/// Closes every document, waits for the cleared diagnostics; returns the resident set then.
async fn close_all(c: &mut TestClient) -> usize {
    for i in 0..DOCUMENTS {
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": name(i)}}),
        )
        .await;
    }
    for _ in 0..DOCUMENTS {
        c.notification(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    }
    // The store is empty: nothing is listed or hovered any more.
    let symbols = c.request("workspace/symbol", json!({"query": ""})).await;
    assert_eq!(symbols, json!([]));
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": name(0)}, "position": pos(4, 1)}),
        )
        .await;
    assert_eq!(hover, Value::Null);
    // The server hands the memory back by itself, shortly after the last close (nothing
    // here trims the allocator).
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    rss()
}

#[test]
fn closing_documents_frees_their_memory() {
    let name = alone_support::test_name(module_path!(), "closing_documents_frees_their_memory");
    if !alone_support::in_own_process(&name, &[]) {
        return;
    }
    // Few blocking threads: each keeps its stack and allocator arena resident while it
    // idles, which would blur the numbers.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(open_and_close_rounds());
}

async fn open_and_close_rounds() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"debounceMs": 0})).await;
    // Warm up what stays loaded for the server's lifetime (tables, segmenter, dictionary,
    // blocking threads) with a first round.
    let warm = uri("warm.txt");
    c.open(&warm, &seed()).await;
    c.diagnostics(&warm, 1).await;
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": warm}, "position": pos(4, 1)}),
    )
    .await;
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": warm}}),
    )
    .await;
    c.notification(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == warm.as_str()
            && m["params"]["diagnostics"] == json!([])
    })
    .await;
    open_all(&mut c).await;
    let base = close_all(&mut c).await;

    let mut rounds = Vec::new();
    for _ in 0..2 {
        let open = open_all(&mut c).await;
        let closed = close_all(&mut c).await;
        rounds.push((open, closed));
    }
    let mb = |b: usize| b as f64 / (1 << 20) as f64;
    let report = format!(
        "base {:.0} MB; rounds (open, closed): {:?}",
        mb(base),
        rounds
            .iter()
            .map(|&(o, c)| (format!("{:.0} MB", mb(o)), format!("{:.0} MB", mb(c))))
            .collect::<Vec<_>>()
    );
    eprintln!("{report}");
    let (open1, _) = rounds[0];
    let held = open1.saturating_sub(base);
    // The documents (about 1.7 MB of text) and their analyses take real memory...
    assert!(held > 8 << 20, "{report}");
    for &(open, closed) in &rounds {
        // ...which closing gives back (nearly all of it: the allocator keeps a few pages)...
        assert!(open.saturating_sub(closed) > held * 3 / 4, "{report}");
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        assert!(closed < base + held / 4, "{report}");
        // ...and leaks would add up round after round.
        assert!(open < open1 + held / 4, "{report}");
        assert!(closed < base + held / 2, "{report}");
    }
    assert!(c.shutdown_and_exit().await);
}
