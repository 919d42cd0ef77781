//! A scripted LSP client for the server tests: it talks to `jiaodui::lsp::serve` in-process
//! over tokio duplex pipes with real Content-Length framing, answers the server's own
//! requests (workspace/configuration, client/registerCapability, refresh) and keeps the
//! notifications it receives.
#![allow(dead_code)]

use jiaodui::lsp::framing::{Frame, encode, read_frame};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::io::{AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Waits this long at most for a message the test expects (a hang guard, not a speed check).
const PATIENCE: Duration = Duration::from_secs(60);

pub struct TestClient {
    to_server: DuplexStream,
    incoming: mpsc::UnboundedReceiver<Value>,
    next_id: i64,
    pub server: Option<JoinHandle<bool>>,
    /// Notifications received and not yet consumed.
    pub notifications: Vec<Value>,
    /// Requests the server sent to the client.
    pub server_requests: Vec<Value>,
    /// What `workspace/configuration` answers (one value per item).
    pub configuration: Value,
    /// Once set to `Some`, every body the server sends from then on, as bytes (for checks a
    /// `Value` cannot make, such as how a number was written).
    pub raw: std::sync::Arc<std::sync::Mutex<Option<Vec<Vec<u8>>>>>,
}

pub fn uri(name: &str) -> String {
    format!("file:///tmp/jiaodui-test/{name}")
}

pub fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed.txt"
    ))
    .unwrap()
}

impl TestClient {
    pub fn start() -> TestClient {
        let (to_server, server_in) = tokio::io::duplex(1 << 20);
        let (server_out, from_server) = tokio::io::duplex(1 << 20);
        let server = tokio::spawn(jiaodui::lsp::serve(server_in, server_out));
        let (tx, incoming) = mpsc::unbounded_channel();
        let raw = std::sync::Arc::new(std::sync::Mutex::new(None::<Vec<Vec<u8>>>));
        let keep = raw.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(from_server);
            while let Ok(Some(frame)) = read_frame(&mut reader).await {
                let Frame::Body(body) = frame else { continue };
                if let Some(kept) = keep.lock().unwrap().as_mut() {
                    kept.push(body.clone());
                }
                let value: Value = serde_json::from_slice(&body).expect("server sent bad JSON");
                if tx.send(value).is_err() {
                    break;
                }
            }
        });
        TestClient {
            to_server,
            incoming,
            next_id: 0,
            server: Some(server),
            notifications: Vec::new(),
            server_requests: Vec::new(),
            configuration: Value::Null,
            raw,
        }
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.to_server.write_all(bytes).await.unwrap();
        self.to_server.flush().await.unwrap();
    }

    pub async fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(&encode(body.as_bytes())).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Receives one message, answering server requests on the way.
    async fn receive(&mut self) -> Value {
        loop {
            if let Some(message) = self.receive_once().await {
                return message;
            }
        }
    }

    /// Receives one message: a server request is answered, kept in `server_requests`, and
    /// gives `None`.
    async fn receive_once(&mut self) -> Option<Value> {
        {
            let message = tokio::time::timeout(PATIENCE, self.incoming.recv())
                .await
                .expect("no message from the server")
                .expect("server output closed");
            if message.get("method").is_some() && message.get("id").is_some() {
                let result = match message["method"].as_str() {
                    Some("workspace/configuration") => {
                        let n = message["params"]["items"].as_array().map_or(1, Vec::len);
                        Value::Array(vec![self.configuration.clone(); n])
                    }
                    Some("workspace/applyEdit") => json!({"applied": true}),
                    _ => Value::Null,
                };
                let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": result});
                self.server_requests.push(message);
                self.send(reply).await;
                return None;
            }
            Some(message)
        }
    }

    /// Sends a request and returns the whole response (with `result` or `error`).
    pub async fn request_full(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.response_to(json!(id)).await
    }

    pub async fn response_to(&mut self, id: Value) -> Value {
        loop {
            let message = self.receive().await;
            if message.get("method").is_none() && message["id"] == id {
                return message;
            }
            if message.get("method").is_some() {
                self.notifications.push(message);
            } else {
                panic!("unexpected response {message}");
            }
        }
    }

    /// Sends a request and returns its `result`, failing on an error response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_full(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Initialize + initialized with the given client capabilities and options.
    pub async fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let result = self
            .request(
                "initialize",
                json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                       "initializationOptions": options}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn initialize_with_folder(
        &mut self,
        capabilities: Value,
        folder: &std::path::Path,
    ) -> Value {
        let folder_uri = format!("file://{}", folder.display());
        let result = self
            .request(
                "initialize",
                json!({"processId": null, "rootUri": folder_uri, "capabilities": capabilities,
                       "workspaceFolders": [{"uri": folder_uri, "name": "ws"}]}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        self.open_as(uri, text, "plaintext").await;
    }

    pub async fn open_as(&mut self, uri: &str, text: &str, language: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        )
        .await;
    }

    /// One incremental change replacing `range` (LSP positions) by `text`.
    pub async fn change(&mut self, uri: &str, version: i32, range: Value, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": text}]}),
        )
        .await;
    }

    /// Waits for a notification matching `pred` (earlier ones are kept).
    pub async fn notification(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.notifications.iter().position(&pred) {
            return self.notifications.remove(i);
        }
        loop {
            let message = self.receive().await;
            if message.get("method").is_some() && pred(&message) {
                return message;
            }
            if message.get("method").is_some() {
                self.notifications.push(message);
            } else {
                panic!("unexpected response {message}");
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let uri = uri.to_string();
        let n = self
            .notification(move |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri.as_str()
                    && m["params"]["version"] == version
            })
            .await;
        n["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Only the inline-pinyin diagnostics published for `uri` at `version` (tests about the
    /// protocol use that one well-settled detector; the spam detectors are tested on their own).
    pub async fn pinyin(&mut self, uri: &str, version: i64) -> Vec<Value> {
        only_pinyin(self.diagnostics(uri, version).await)
    }

    /// The next response, whatever its id (notifications on the way are kept).
    pub async fn next_response(&mut self) -> Value {
        loop {
            let message = self.receive().await;
            if message.get("method").is_some() {
                self.notifications.push(message);
            } else {
                return message;
            }
        }
    }

    /// Waits until the server has sent a request `method` to the client (answered on the
    /// way), and returns it.
    pub async fn server_request(&mut self, method: &str) -> Value {
        loop {
            if let Some(i) = self
                .server_requests
                .iter()
                .position(|r| r["method"] == method)
            {
                return self.server_requests.remove(i);
            }
            let Some(message) = self.receive_once().await else {
                continue;
            };
            if message.get("method").is_some() {
                self.notifications.push(message);
            } else {
                panic!("unexpected response {message}");
            }
        }
    }

    /// The edits of a code action for `uri`, however the server delivers them: inline, by
    /// `codeAction/resolve` (an action with `data` and no edit), or by running its command
    /// and receiving `workspace/applyEdit`.
    pub async fn action_edits(&mut self, action: &Value, uri: &str) -> Vec<Value> {
        let edits = |v: &Value| v["changes"][uri].as_array().cloned().unwrap_or_default();
        if action.get("edit").is_some() {
            return edits(&action["edit"]);
        }
        if action.get("data").is_some() {
            let resolved = self.request("codeAction/resolve", action.clone()).await;
            return edits(&resolved["edit"]);
        }
        let command = &action["command"];
        assert!(command.is_object(), "no edit, data or command: {action}");
        let r = self
            .request(
                "workspace/executeCommand",
                json!({"command": command["command"], "arguments": command["arguments"]}),
            )
            .await;
        assert_eq!(r, Value::Null);
        let apply = self.server_request("workspace/applyEdit").await;
        edits(&apply["params"]["edit"])
    }

    /// shutdown (params null, as some clients send) + exit; returns what `serve` returned.
    pub async fn shutdown_and_exit(mut self) -> bool {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown", "params": null}))
            .await;
        let response = self.response_to(json!(id)).await;
        assert_eq!(response["result"], Value::Null, "{response}");
        assert!(response.get("error").is_none());
        self.notify("exit", Value::Null).await;
        let server = self.server.take().unwrap();
        tokio::time::timeout(PATIENCE, server)
            .await
            .expect("server did not stop after exit")
            .unwrap()
    }
}

/// Client capabilities of a VS Code–like client (UTF-16 only, push diagnostics).
pub fn vscode_caps() -> Value {
    json!({
        "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}},
        "workspace": {"configuration": false}
    })
}

/// A Neovim-like client: offers UTF-8.
pub fn neovim_caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-8", "utf-16", "utf-32"]},
        "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}
    })
}

pub fn codes(diagnostics: &[Value], code: &str) -> usize {
    diagnostics.iter().filter(|d| d["code"] == code).count()
}

pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

pub fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({"start": pos(l0, c0), "end": pos(l1, c1)})
}

pub fn only_pinyin(diagnostics: Vec<Value>) -> Vec<Value> {
    diagnostics
        .into_iter()
        .filter(|d| d["code"] == "garble/inline-pinyin")
        .collect()
}

/// `text` with LSP `edits` (non-overlapping, positions in `encoding`) applied.
pub fn apply_edits(text: &str, edits: &[Value], encoding: jiaodui::position::Encoding) -> String {
    use jiaodui::position::{LineCol, LineIndex};
    let idx = LineIndex::new(text);
    let p = |v: &Value| LineCol {
        line: v["line"].as_u64().unwrap() as u32,
        col: v["character"].as_u64().unwrap() as u32,
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                idx.offset(text, p(&e["range"]["start"]), encoding),
                idx.offset(text, p(&e["range"]["end"]), encoding),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort();
    let mut out = String::new();
    let mut copied = 0;
    for (a, b, t) in spans {
        assert!(a >= copied, "overlapping edits");
        out.push_str(&text[copied..a]);
        out.push_str(t);
        copied = b;
    }
    out.push_str(&text[copied..]);
    out
}

/// `text` with the safe fixes of a fresh `check` applied once (of `code` only, if given): what
/// a fix-all must leave.
pub fn fixed_once(text: &str, code: Option<&str>) -> String {
    use jiaodui::analysis::{Config, check, fix};
    let findings: Vec<_> = check(text, &Config::default())
        .into_iter()
        .filter(|f| code.is_none_or(|c| f.code.as_str() == c))
        .collect();
    fix::apply_fixes(text, fix::safe_fixes(&findings)).0
}

/// The full diagnostics the server should publish for `text` (what a fresh `check` finds,
/// in `encoding`'s positions), as (range, code) pairs.
pub fn expected_in(text: &str, encoding: jiaodui::position::Encoding) -> Vec<(Value, Value)> {
    let idx = jiaodui::position::LineIndex::new(text);
    jiaodui::analysis::check(text, &jiaodui::analysis::Config::default())
        .into_iter()
        .map(|f| {
            let (a, b) = idx.range(text, f.range.clone(), encoding);
            (range(a.line, a.col, b.line, b.col), json!(f.code.as_str()))
        })
        .collect()
}

/// [`expected_in`] with UTF-16 positions, the protocol's default.
pub fn expected(text: &str) -> Vec<(Value, Value)> {
    expected_in(text, jiaodui::position::Encoding::Utf16)
}

/// Published diagnostics as (range, code) pairs, to compare with [`expected`].
pub fn published(diagnostics: &[Value]) -> Vec<(Value, Value)> {
    diagnostics
        .iter()
        .map(|d| (d["range"].clone(), d["code"].clone()))
        .collect()
}

/// A framed hover request at line 0, character 2 of `u`.
pub fn hover_request(id: i64, u: &str) -> Vec<u8> {
    let body = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": u}, "position": pos(0, 2)}});
    encode(body.to_string().as_bytes())
}
