//! Load harness for the language server, shared by `examples/lsp_load.rs` (the full run whose
//! numbers the README quotes) and `tests/it/lsp_load.rs` (a short run that asserts correctness).
//!
//! It starts the real binary (`jiaodui lsp --stdio`) over pipes, opens `documents` copies of
//! the seed, and edits them at a fixed aggregate rate (random document, random place; inserts
//! of annotations, astral characters, line breaks, markers; deletions) for `duration`. It
//! records when each edit was sent and when each `publishDiagnostics` arrived, then waits for
//! every document's final version to be published and compares that publish with a fresh
//! `analysis::check` of the final text, converted as the server converts it.
#![allow(dead_code)]

use jiaodui::analysis::{Config, Severity, check};
use jiaodui::lsp::framing::{Frame, encode, read_frame};
use jiaodui::position::{Encoding, LineIndex};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};
use tokio::sync::mpsc;

#[derive(Clone, Debug)]
pub struct LoadConfig {
    /// The `jiaodui` binary to run.
    pub server: PathBuf,
    pub documents: usize,
    /// Edits per second, over all documents together.
    pub rate: f64,
    pub duration: Duration,
    /// The server's `debounceMs` setting.
    pub debounce_ms: u64,
    pub seed: u64,
}

#[derive(Debug, Default)]
pub struct LoadReport {
    pub edits: usize,
    pub achieved_rate: f64,
    pub publishes: usize,
    /// For every edit: time until the first publish of its version or a later one.
    pub edit_to_covering_publish: Vec<Duration>,
    /// For every published version: time from the edit that produced it to the publish.
    pub edit_to_own_publish: Vec<Duration>,
    /// From the last edit until every document's final version was published.
    pub settle: Duration,
    /// Peak resident set of the server process (VmHWM), in KiB.
    pub peak_rss_kib: u64,
    /// CPU time the server used (user + system), all threads, over the whole session.
    pub server_cpu: Duration,
    /// Publishes whose version was older than one already published for the document.
    pub out_of_order: usize,
    /// Documents whose final publish differs from a fresh analysis (with what differs).
    pub mismatches: Vec<String>,
    pub final_diagnostics: usize,
}

pub fn percentile(samples: &[Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// xorshift64*: reproducible choices without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "機(jī)",
    "堅(jiān)",
    "強(qiáng)",
    "(jī)",
    "手",
    "版",
    "好",
    "\n",
    "\n\n",
    "\r\n",
    "𠮷",
    "😀",
    "一、",
    "（一）",
    "標題",
    " ",
    "。",
    "，",
    "基層黨組織",
    "&amp;",
    "&nbsp;",
    "分享到：",
    "jiaodui-disable",
    "jiaodui-enable",
    "\u{3000}",
];

struct Doc {
    uri: String,
    text: String,
    initial_len: usize,
    version: i32,
    /// Edits sent and not yet covered by a publish: (version, sent at).
    pending: VecDeque<(i32, Instant)>,
    sent_at: Vec<(i32, Instant)>,
    last_published: Option<(i32, Value)>,
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One random edit of `doc`: its LSP range (UTF-16) and new text; applied to the model.
fn random_edit(doc: &mut Doc, rng: &mut Rng) -> (Value, String) {
    let text = &doc.text;
    let idx = LineIndex::new(text);
    // Snapped through a position, as an editor's offsets always are (never inside a CRLF).
    let snap = |at: usize| {
        let lc = idx.line_col(text, floor_boundary(text, at), Encoding::Utf16);
        idx.offset(text, lc, Encoding::Utf16)
    };
    let start = snap(rng.below(text.len() + 1));
    let grown = text.len() > doc.initial_len * 3 / 2;
    let (delete, insert) = match rng.below(10) {
        _ if grown => (1 + rng.below(40), String::new()),
        0..=5 => (0, PIECES[rng.below(PIECES.len())].to_string()),
        6..=8 => (1 + rng.below(8), String::new()),
        _ => (
            1 + rng.below(4),
            PIECES[rng.below(PIECES.len())].to_string(),
        ),
    };
    let end = snap(start + delete * 3).max(start);
    let (a, b) = idx.range(text, start..end, Encoding::Utf16);
    let range = json!({"start": {"line": a.line, "character": a.col},
                       "end": {"line": b.line, "character": b.col}});
    doc.text.replace_range(start..end, &insert);
    (range, insert)
}

fn severity_number(s: Severity) -> u64 {
    match s {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
        Severity::Hint => 4,
    }
}

/// What the server should publish for `text`: (range, code, severity, message) per finding.
fn expected(text: &str) -> Vec<Value> {
    let idx = LineIndex::new(text);
    check(text, &Config::default())
        .into_iter()
        .map(|f| {
            let (a, b) = idx.range(text, f.range.clone(), Encoding::Utf16);
            json!([{"start": {"line": a.line, "character": a.col},
                    "end": {"line": b.line, "character": b.col}},
                   f.code.as_str(), severity_number(f.severity), f.message])
        })
        .collect()
}

fn published(diagnostics: &Value) -> Vec<Value> {
    diagnostics
        .as_array()
        .map(|ds| {
            ds.iter()
                .map(|d| json!([d["range"], d["code"], d["severity"], d["message"]]))
                .collect()
        })
        .unwrap_or_default()
}

fn peak_rss_kib(child: &Child) -> u64 {
    let Some(pid) = child.id() else { return 0 };
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0)
}

/// User + system CPU time of a process so far (from /proc/<pid>/stat, in clock ticks of
/// 10 ms, the Linux default).
fn cpu_time(child: &Child) -> Duration {
    let Some(pid) = child.id() else {
        return Duration::ZERO;
    };
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<u64> = rest
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

struct Session {
    child: Child,
    stdin: ChildStdin,
    incoming: mpsc::UnboundedReceiver<(Instant, Value)>,
    next_id: i64,
}

impl Session {
    fn start(server: &PathBuf) -> Session {
        let mut child = Command::new(server)
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", server.display()));
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut reader = BufReader::with_capacity(1 << 16, stdout);
            while let Ok(Some(frame)) = read_frame(&mut reader).await {
                let Frame::Body(body) = frame else { continue };
                let at = Instant::now();
                let value: Value = serde_json::from_slice(&body).expect("server sent bad JSON");
                if tx.send((at, value)).is_err() {
                    break;
                }
            }
        });
        Session {
            child,
            stdin,
            incoming,
            next_id: 0,
        }
    }

    async fn send(&mut self, message: Value) {
        self.stdin
            .write_all(&encode(message.to_string().as_bytes()))
            .await
            .expect("server stdin closed");
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    async fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        id
    }
}

/// Takes one message into the bookkeeping; returns the id of a response.
fn absorb(
    docs: &mut [Doc],
    report: &mut LoadReport,
    at: Instant,
    m: Value,
    replies: &mut Vec<Value>,
) -> Option<i64> {
    if m.get("method").is_some() && m.get("id").is_some() {
        replies.push(json!({"jsonrpc": "2.0", "id": m["id"], "result": null}));
        return None;
    }
    if m["method"] != "textDocument/publishDiagnostics" {
        return m["id"].as_i64();
    }
    let uri = m["params"]["uri"].as_str().unwrap_or_default();
    let Some(i) = uri
        .rsplit('/')
        .next()
        .and_then(|n| n.trim_end_matches(".txt").parse::<usize>().ok())
        .filter(|&i| i < docs.len())
    else {
        return None;
    };
    let Some(version) = m["params"]["version"].as_i64() else {
        return None;
    };
    let version = version as i32;
    let doc = &mut docs[i];
    report.publishes += 1;
    if doc
        .last_published
        .as_ref()
        .is_some_and(|(v, _)| *v > version)
    {
        report.out_of_order += 1;
    }
    while let Some(&(v, sent)) = doc.pending.front() {
        if v > version {
            break;
        }
        report
            .edit_to_covering_publish
            .push(at.saturating_duration_since(sent));
        doc.pending.pop_front();
    }
    if let Ok(k) = doc.sent_at.binary_search_by_key(&version, |&(v, _)| v) {
        let sent = doc.sent_at[k].1;
        report
            .edit_to_own_publish
            .push(at.saturating_duration_since(sent));
    }
    doc.last_published = Some((version, m["params"]["diagnostics"].clone()));
    None
}

/// Runs one load session and reports what it saw.
pub async fn run(config: &LoadConfig) -> LoadReport {
    let seed_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed.txt"
    ))
    .unwrap();
    let mut rng = Rng(config.seed.max(1));
    let mut report = LoadReport::default();
    let mut s = Session::start(&config.server);
    let mut replies = Vec::new();
    let init = s
        .request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {},
                   "initializationOptions": {"debounceMs": config.debounce_ms,
                                             "maxDiagnosticsPerKind": 1_000_000}}),
        )
        .await;
    let mut docs: Vec<Doc> = (0..config.documents)
        .map(|i| {
            let text = format!("第{i}號文件\n\n{seed_text}");
            Doc {
                uri: format!("file:///load/{i}.txt"),
                initial_len: text.len(),
                text,
                version: 1,
                pending: VecDeque::new(),
                sent_at: Vec::new(),
                last_published: None,
            }
        })
        .collect();
    loop {
        let (at, m) = s.incoming.recv().await.expect("server closed");
        if absorb(&mut docs, &mut report, at, m, &mut replies) == Some(init) {
            break;
        }
    }
    s.notify("initialized", json!({})).await;
    for i in 0..docs.len() {
        let (uri, text) = (docs[i].uri.clone(), docs[i].text.clone());
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                   "text": text}}),
        )
        .await;
    }
    while docs.iter().any(|d| d.last_published.is_none()) {
        let (at, m) = s.incoming.recv().await.expect("server closed");
        absorb(&mut docs, &mut report, at, m, &mut replies);
    }
    report.publishes = 0;

    // The edits: one per tick, catching up if the loop falls behind.
    let period = Duration::from_secs_f64(1.0 / config.rate);
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    while started.elapsed() < config.duration {
        ticks.tick().await;
        let i = rng.below(docs.len());
        let doc = &mut docs[i];
        let (range, text) = random_edit(doc, &mut rng);
        doc.version += 1;
        let (uri, version) = (doc.uri.clone(), doc.version);
        let sent = Instant::now();
        doc.pending.push_back((version, sent));
        doc.sent_at.push((version, sent));
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": text}]}),
        )
        .await;
        report.edits += 1;
        while let Ok((at, m)) = s.incoming.try_recv() {
            absorb(&mut docs, &mut report, at, m, &mut replies);
        }
        for reply in replies.drain(..) {
            s.send(reply).await;
        }
    }
    let last_edit = Instant::now();
    report.achieved_rate = report.edits as f64 / started.elapsed().as_secs_f64();

    // Settle: every document's final version published.
    let deadline = Duration::from_secs(120);
    while docs
        .iter()
        .any(|d| d.last_published.as_ref().map(|(v, _)| *v) != Some(d.version))
    {
        let Ok(Some((at, m))) = tokio::time::timeout(deadline, s.incoming.recv()).await else {
            report
                .mismatches
                .push("no final publish within 120 s".to_string());
            break;
        };
        absorb(&mut docs, &mut report, at, m, &mut replies);
        for reply in replies.drain(..) {
            s.send(reply).await;
        }
    }
    report.settle = last_edit.elapsed();
    // Anything published after the final version (a stale publish overtaking) would show up
    // here and be what the editor keeps. A fixed window would let a slow machine hide it, so:
    // first a round trip through the server for every document (a documentSymbol request,
    // answered from the analysis of the document's current version, so its answer comes after
    // that analysis), then silence for twice the slowest edit-to-publish time of this run (at
    // least 300 ms, at most 20 s): a stale publish still queued has had longer than any real
    // publish took to arrive.
    let mut barrier = std::collections::HashSet::new();
    for i in 0..docs.len() {
        let uri = docs[i].uri.clone();
        barrier.insert(
            s.request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            )
            .await,
        );
    }
    while !barrier.is_empty() {
        let Ok(Some((at, m))) = tokio::time::timeout(deadline, s.incoming.recv()).await else {
            report
                .mismatches
                .push("no answer to the documentSymbol barrier within 120 s".to_string());
            break;
        };
        if let Some(id) = absorb(&mut docs, &mut report, at, m, &mut replies) {
            barrier.remove(&id);
        }
        for reply in replies.drain(..) {
            s.send(reply).await;
        }
    }
    let slowest = report
        .edit_to_own_publish
        .iter()
        .max()
        .copied()
        .unwrap_or_default();
    let quiet = (slowest * 2).clamp(Duration::from_millis(300), Duration::from_secs(20));
    while let Ok(Some((at, m))) = tokio::time::timeout(quiet, s.incoming.recv()).await {
        absorb(&mut docs, &mut report, at, m, &mut replies);
        for reply in replies.drain(..) {
            s.send(reply).await;
        }
    }
    for doc in &docs {
        let Some((version, diagnostics)) = &doc.last_published else {
            report
                .mismatches
                .push(format!("{}: never published", doc.uri));
            continue;
        };
        if *version != doc.version {
            report.mismatches.push(format!(
                "{}: last publish is version {version}, the document is at {}",
                doc.uri, doc.version
            ));
            continue;
        }
        let (got, want) = (published(diagnostics), expected(&doc.text));
        report.final_diagnostics += got.len();
        if got != want {
            let first = got
                .iter()
                .zip(&want)
                .position(|(g, w)| g != w)
                .unwrap_or(got.len().min(want.len()));
            report.mismatches.push(format!(
                "{}: {} published, {} expected; first difference at {first}: {:?} vs {:?}; text {:?}",
                doc.uri,
                got.len(),
                want.len(),
                got.get(first),
                want.get(first),
                doc.text
            ));
        }
    }
    report.peak_rss_kib = peak_rss_kib(&s.child);
    report.server_cpu = cpu_time(&s.child);
    let id = s.request("shutdown", Value::Null).await;
    loop {
        match tokio::time::timeout(Duration::from_secs(30), s.incoming.recv()).await {
            Ok(Some((at, m))) => {
                if absorb(&mut docs, &mut report, at, m, &mut replies) == Some(id) {
                    break;
                }
            }
            _ => break,
        }
    }
    s.notify("exit", Value::Null).await;
    let _ = tokio::time::timeout(Duration::from_secs(10), s.child.wait()).await;
    report
}
