//! Drives the language server in-process (framed duplex pipes, as an editor would over stdio)
//! and prints the numbers the README quotes:
//! open → first diagnostics, keystroke → diagnostics (100 KB vs 10 MB), hover and
//! documentSymbol latency (p50/p99) on 10 MB, and resident memory.
//!
//! `LSP_BENCH=shapes` instead times keystrokes in documents of other shapes: 1M short lines
//! without a blank line, and one 5 MB line, against the same edit in 100 KB.
//!
//! `cargo run --release --example lsp_bench` (debounce is set to 0 so the numbers are the
//! server's own work; editors add the `debounceMs` setting, 100 ms by default, on top).
//! Times run from sending a message to the arrival of the reply's frame, before this client
//! parses it.

#[path = "common/seed_like.rs"]
mod seed_like;
use jiaodui::lsp::framing::{Frame, encode, read_frame};
use seed_like::corpus;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tokio::io::{AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;

/// The parts of a message this client looks at. Replies are skimmed, not built into a
/// `Value` (a documentSymbol reply on 10 MB is megabytes of JSON, and this client shares the
/// machine's two cores with the server).
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    params: Option<HeadParams>,
}

#[derive(serde::Deserialize)]
struct HeadParams {
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    version: Option<i64>,
    #[serde(default)]
    diagnostics: Option<Vec<serde::de::IgnoredAny>>,
}

fn head(body: &[u8]) -> Value {
    let h: Head = serde_json::from_slice(body).unwrap();
    let mut m = json!({});
    if let Some(id) = h.id {
        m["id"] = id;
    }
    if let Some(method) = h.method {
        m["method"] = json!(method);
    }
    if let Some(p) = h.params {
        m["params"] = json!({"uri": p.uri, "version": p.version,
                             "count": p.diagnostics.map_or(0, |d| d.len())});
    }
    m
}

struct Client {
    to_server: DuplexStream,
    incoming: mpsc::UnboundedReceiver<(Instant, Value)>,
    next_id: i64,
    /// When the frame of the last awaited message arrived (before this client parsed it:
    /// the time an editor takes to parse a reply is not the server's latency).
    arrived: Instant,
}

impl Client {
    fn start() -> Client {
        let (to_server, server_in) = tokio::io::duplex(1 << 20);
        let (server_out, from_server) = tokio::io::duplex(1 << 20);
        tokio::spawn(jiaodui::lsp::serve(server_in, server_out));
        let (tx, incoming) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut reader = BufReader::new(from_server);
            while let Ok(Some(Frame::Body(body))) = read_frame(&mut reader).await {
                let arrived = Instant::now();
                let _ = tx.send((arrived, head(&body)));
            }
        });
        Client {
            to_server,
            incoming,
            next_id: 0,
            arrived: Instant::now(),
        }
    }

    async fn send(&mut self, v: Value) {
        self.to_server
            .write_all(&encode(v.to_string().as_bytes()))
            .await
            .unwrap();
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    async fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let (arrived, m) = self.incoming.recv().await.expect("server closed");
            if m.get("method").is_some() && m.get("id").is_some() {
                let reply = json!({"jsonrpc": "2.0", "id": m["id"], "result": null});
                self.send(reply).await;
                continue;
            }
            if pred(&m) {
                self.arrived = arrived;
                return m;
            }
        }
    }

    /// Time from sending a request on `uri`'s document to its reply's arrival.
    async fn timed(&mut self, method: &str, uri: &str) -> Duration {
        let started = Instant::now();
        self.request(method, json!({"textDocument": {"uri": uri}}))
            .await;
        self.arrived - started
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.wait(|m| m["id"] == id && m.get("method").is_none())
            .await
    }

    /// Every further publish for `version` until none comes for `quiet`: (elapsed, count).
    async fn later_diagnostics(
        &mut self,
        uri: &str,
        version: i64,
        started: Instant,
        quiet: Duration,
    ) -> Vec<(Duration, usize)> {
        let mut out = Vec::new();
        while let Ok(n) = tokio::time::timeout(quiet, self.diagnostics(uri, version)).await {
            out.push((self.arrived - started, n));
        }
        out
    }

    async fn diagnostics(&mut self, uri: &str, version: i64) -> usize {
        let m = self
            .wait(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .await;
        m["params"]["count"].as_u64().unwrap_or(0) as usize
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Position of byte `at` (UTF-16, as VS Code would send it).
fn position(text: &str, at: usize) -> Value {
    let idx = jiaodui::position::LineIndex::new(text);
    let lc = idx.line_col(text, at, jiaodui::position::Encoding::Utf16);
    json!({"line": lc.line, "character": lc.col})
}

/// Keystroke → first diagnostics, and → the last publish for that version (the complete
/// diagnostics, with the document-level detectors; the same publish unless the server
/// publishes twice, as it once did for documents over 512 KB).
async fn keystrokes(
    c: &mut Client,
    uri: &str,
    text: &str,
    first_version: i64,
    n: usize,
) -> (Vec<Duration>, Vec<Duration>) {
    let mut complete = Vec::new();
    let mut samples = Vec::new();
    let mut version = first_version;
    let mut text = text.to_string();
    for k in 0..n {
        // Type a character in the middle of a paragraph, then delete it.
        let mut at = text.len() / 2 + k * 997;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let p = position(&text, at);
        version += 1;
        let started = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": p, "end": p}, "text": "好"}]}),
        )
        .await;
        c.diagnostics(uri, version).await;
        let first = c.arrived - started;
        samples.push(first);
        let later = c
            .later_diagnostics(uri, version, started, Duration::from_millis(300))
            .await;
        complete.push(later.last().map_or(first, |&(at, _)| at));
        text.insert(at, '好');
        // LSP_BENCH_PAUSE_MS: a typist's pause after each keystroke, so the background work it
        // started (document phase, outline) is done before the next one.
        if let Some(ms) = std::env::var("LSP_BENCH_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
    }
    (samples, complete)
}

fn main() {
    // As `jiaodui lsp` does, before any thread starts.
    jiaodui::lsp::tune_allocator();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(bench());
}

/// `lines` short lines without a blank line between them: the seed-like text cut at every
/// clause, and clauses over 12 characters cut every 12.
fn without_blank_lines(lines: usize) -> String {
    let text = corpus(lines * 24);
    let mut out = String::new();
    let mut count = 0;
    let clauses = text
        .split_inclusive(['，', '。', '、', '；', '\n'])
        .map(|c| c.trim_end_matches('\n'))
        .filter(|c| !c.trim().is_empty());
    'outer: for clause in clauses {
        let chars: Vec<char> = clause.chars().collect();
        for piece in chars.chunks(12) {
            out.extend(piece);
            out.push('\n');
            count += 1;
            if count == lines {
                break 'outer;
            }
        }
    }
    out
}

/// Open `text`, wait for its analysis to settle, then time 20 keystrokes to their complete
/// diagnostics; prints and returns the p50.
async fn keystrokes_in(c: &mut Client, name: &str, text: &str) -> Duration {
    let uri = format!("file:///bench/{}.txt", name.replace([' ', ','], ""));
    let started = Instant::now();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    )
    .await;
    c.diagnostics(&uri, 1).await;
    let settled = c
        .later_diagnostics(&uri, 1, started, Duration::from_secs(5))
        .await
        .last()
        .map_or(c.arrived - started, |&(at, _)| at);
    let (_, mut complete) = keystrokes(c, &uri, text, 1, 20).await;
    let p50 = percentile(&mut complete, 0.5);
    println!(
        "{name} ({} bytes, {} lines): open → all diagnostics {settled:?}; keystroke → complete diagnostics p50 {p50:?} p99 {:?}; rss {:.0} MB",
        text.len(),
        text.lines().count(),
        percentile(&mut complete, 0.99),
        rss_mb()
    );
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;
    p50
}

async fn shapes() {
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {},
            "initializationOptions": {"debounceMs": 0}}),
    )
    .await;
    c.notify("initialized", json!({})).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let base = keystrokes_in(&mut c, "100 KB", &corpus(100 * 1024)).await;
    let many = keystrokes_in(
        &mut c,
        "1M lines, no blank line",
        &without_blank_lines(1_000_000),
    )
    .await;
    let line = keystrokes_in(
        &mut c,
        "one 5 MB line",
        &corpus(5 * 1024 * 1024).replace('\n', " "),
    )
    .await;
    println!(
        "1M lines / 100 KB: {:.2}×; one 5 MB line: {line:?}",
        many.as_secs_f64() / base.as_secs_f64()
    );
}

async fn bench() {
    jiaodui::lsp::init_logging();
    if std::env::var("LSP_BENCH").as_deref() == Ok("shapes") {
        return shapes().await;
    }
    let small = corpus(100 * 1024);
    let large = corpus(10 * 1024 * 1024);
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {
            "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}},
            "initializationOptions": {"debounceMs": 0}}),
    )
    .await;
    c.notify("initialized", json!({})).await;
    // Let the dictionaries load as they would while the editor starts up.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    println!("rss after initialize: {:.0} MB", rss_mb());

    for (name, text) in [("100 KB", &small), ("10 MB", &large)] {
        let uri = format!("file:///bench/{}.txt", name.replace(' ', ""));
        let started = Instant::now();
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        )
        .await;
        let n = c.diagnostics(&uri, 1).await;
        println!(
            "{name} ({} bytes): open → first diagnostics {:?} ({n} published)",
            text.len(),
            c.arrived - started
        );
        for (at, n) in c
            .later_diagnostics(&uri, 1, started, Duration::from_secs(3))
            .await
        {
            println!("{name}: open → further diagnostics {at:?} ({n} published)");
        }
        println!("{name}: rss {:.0} MB", rss_mb());
        let (mut ks, mut complete) = keystrokes(&mut c, &uri, text, 1, 20).await;
        println!(
            "{name}: keystroke → diagnostics p50 {:?} p99 {:?}",
            percentile(&mut ks, 0.5),
            percentile(&mut ks, 0.99)
        );
        println!(
            "{name}: keystroke → last publish (complete, with document-level detectors) p50 {:?} p99 {:?}",
            percentile(&mut complete, 0.5),
            percentile(&mut complete, 0.99)
        );
    }
    // Resident memory once the editor is idle: a large document's freed memory is handed back
    // after a pause in typing.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    println!("rss with both documents open: {:.0} MB", rss_mb());

    let uri = "file:///bench/10MB.txt";
    let mut hovers = Vec::new();
    let mut symbols = Vec::new();
    let lines = large.lines().count() as u64;
    // Hovers first, on their own (a documentSymbol reply of ~10k symbols takes the server's
    // worker a while to serialize and free, which would land on the next hover).
    for k in 0..200u64 {
        let line = (k * 7919) % lines;
        let started = Instant::now();
        c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": (k * 13) % 40}}),
        )
        .await;
        hovers.push(c.arrived - started);
    }
    for _ in 0..200u64 {
        symbols.push(c.timed("textDocument/documentSymbol", uri).await);
    }
    // Folding ranges, first and repeated (VS Code asks after every change).
    let mut folds = Vec::new();
    for _ in 0..50u64 {
        folds.push(c.timed("textDocument/foldingRange", uri).await);
    }
    // The first documentSymbol and foldingRange after an edit, as an editor asks for them
    // once the edit's diagnostics are in.
    let mut after_edit = Vec::new();
    let mut folds_after_edit = Vec::new();
    let mut text = large.clone();
    for k in 0..10usize {
        let mut at = text.len() / 3 + k * 7919;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let p = position(&text, at);
        let version = 100 + k as i64;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": p, "end": p}, "text": "好"}]}),
        )
        .await;
        text.insert(at, '好');
        c.diagnostics(uri, version).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        after_edit.push(c.timed("textDocument/documentSymbol", uri).await);
        folds_after_edit.push(c.timed("textDocument/foldingRange", uri).await);
    }
    println!(
        "10 MB hover: p50 {:?} p99 {:?}",
        percentile(&mut hovers, 0.5),
        percentile(&mut hovers, 0.99)
    );
    let first_symbols = symbols[0];
    println!(
        "10 MB documentSymbol: first request (computes the outline) {:?}; p50 {:?} p99 {:?}",
        first_symbols,
        percentile(&mut symbols, 0.5),
        percentile(&mut symbols, 0.99)
    );
    println!(
        "10 MB documentSymbol, first request after an edit: p50 {:?} max {:?}",
        percentile(&mut after_edit, 0.5),
        percentile(&mut after_edit, 1.0)
    );
    let first_folds = folds[0];
    println!(
        "10 MB foldingRange: first request {:?}; p50 {:?} p99 {:?}; first request after an edit: p50 {:?} max {:?}",
        first_folds,
        percentile(&mut folds, 0.5),
        percentile(&mut folds, 0.99),
        percentile(&mut folds_after_edit, 0.5),
        percentile(&mut folds_after_edit, 1.0)
    );
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///bench/100KB.txt"}}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    println!("rss with the 10 MB document open: {:.0} MB", rss_mb());
}
