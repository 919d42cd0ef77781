//! Answers `textDocument/documentSymbol` and `textDocument/foldingRange` from JSON
//! serialized once per document version, in a tower `Service` wrapped around
//! tower-lsp-server's `LspService`.
//!
//! Why: tower-lsp-server turns every handler's result into a `serde_json::Value` and then
//! serializes that; for a 10 MB document's outline (~10k symbols, ~2 MB of JSON) building,
//! printing and freeing the `Value` tree — hundreds of thousands of small allocations — took
//! 15–30 ms per request, most of it in the allocator. Here a request costs one copy of the
//! cached bytes into a frame, written straight to the output (replies may arrive in any order
//! in JSON-RPC, so bypassing the server's own output queue is fine).
//!
//! The intercepted request keeps the handler's semantics: it runs only between `initialize`
//! and `shutdown` (anything else goes to tower-lsp-server, which answers with the proper
//! error), reads the document's current analysis the same way, answers `null` for a document
//! that is not open, and leaves params that do not parse to the ordinary handler. Unlike the
//! ordinary path it cannot be cancelled, which a reply this cheap does not need.

use super::Backend;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::sync::mpsc;
use tower::Service;
use tower_lsp_server::jsonrpc::{Id, Request, Response};
use tower_lsp_server::ls_types::TextDocumentIdentifier;
use tower_lsp_server::{ExitedError, LspService};

const DOCUMENT_SYMBOL: &str = "textDocument/documentSymbol";
const FOLDING_RANGE: &str = "textDocument/foldingRange";

/// `LspService<Backend>` with the documentSymbol and foldingRange fast path in front.
pub struct Prebuilt {
    inner: LspService<Backend>,
    backend: Backend,
    /// Whole frames for the client, in the order they are sent (see `framing::write_frames`).
    frames: mpsc::Sender<Vec<u8>>,
}

impl Prebuilt {
    pub fn new(inner: LspService<Backend>, frames: mpsc::Sender<Vec<u8>>) -> Prebuilt {
        let backend = inner.inner().clone();
        Prebuilt {
            inner,
            backend,
            frames,
        }
    }
}

impl Prebuilt {
    /// The server behind the service.
    pub fn backend(&self) -> Backend {
        self.backend.clone()
    }
}

impl Service<Request> for Prebuilt {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        // tower-lsp-server swallows its MethodNotFound reply to every `$/` method, requests
        // included, so a client waiting on one would wait forever; a notification stays
        // unanswered, as it must.
        if req.method().starts_with("$/")
            && req.method() != "$/cancelRequest"
            && let Some(id) = req.id().cloned()
        {
            let mut e = tower_lsp_server::jsonrpc::Error::method_not_found();
            e.message = format!("Method not found: {}", req.method()).into();
            return Box::pin(std::future::ready(Ok(Some(Response::from_error(id, e)))));
        }
        let kind = match req.method() {
            DOCUMENT_SYMBOL => Prepared::DocumentSymbol,
            FOLDING_RANGE => Prepared::FoldingRange,
            _ => return self.inner.call(req),
        };
        if self.backend.is_serving()
            && let Some(id) = req.id().cloned()
            && let Some(params) = req
                .params()
                .and_then(|p| serde_json::from_value::<DocumentParams>(p.clone()).ok())
        {
            let backend = self.backend.clone();
            let frames = self.frames.clone();
            return Box::pin(async move {
                let uri = params.text_document.uri;
                let json = match kind {
                    Prepared::DocumentSymbol => backend.document_symbols_json(&uri).await,
                    Prepared::FoldingRange => backend.folding_ranges_json(&uri).await,
                };
                match json {
                    Some(Ok(json)) => {
                        // If the output is gone the session is over; nothing to answer.
                        let _ = frames.send(reply_frame(&id, &json)).await;
                        Ok(None)
                    }
                    Some(Err(e)) => Ok(Some(Response::from_error(id, e))),
                    None => Ok(Some(Response::from_ok(id, Value::Null))),
                }
            });
        }
        self.inner.call(req)
    }
}

/// The requests answered here.
#[derive(Clone, Copy)]
enum Prepared {
    DocumentSymbol,
    FoldingRange,
}

/// What both requests' params hold that they need (`DocumentSymbolParams` and
/// `FoldingRangeParams` add only progress tokens).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocumentParams {
    text_document: TextDocumentIdentifier,
}

/// A whole response frame: header and `{"jsonrpc":"2.0","id":…,"result":…}` around `result`,
/// which must be valid JSON.
pub fn reply_frame(id: &Id, result: &[u8]) -> Vec<u8> {
    let id = serde_json::to_string(id).unwrap_or_else(|_| "null".into());
    let head = format!("{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":");
    let body_len = head.len() + result.len() + 1;
    let header = format!("Content-Length: {body_len}\r\n\r\n");
    let mut frame = Vec::with_capacity(header.len() + body_len);
    frame.extend_from_slice(header.as_bytes());
    frame.extend_from_slice(head.as_bytes());
    frame.extend_from_slice(result);
    frame.push(b'}');
    frame
}

/// A whole notification frame: header and `{"jsonrpc":"2.0","method":…,"params":…}`, the
/// params serialized straight from their type (no `serde_json::Value` in between).
pub fn notification_frame(method: &str, params: &impl serde::Serialize) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    let body = serde_json::to_vec(&Notification {
        jsonrpc: "2.0",
        method,
        params,
    })
    // Serializing LSP types to a Vec cannot fail (no maps with non-string keys, no I/O).
    .unwrap_or_else(|_| b"{}".to_vec());
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    let mut frame = Vec::with_capacity(header.len() + body.len());
    frame.extend_from_slice(header.as_bytes());
    frame.extend_from_slice(&body);
    frame
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn notification_frame_is_a_framed_notification() {
        let frame = notification_frame("a/b", &json!({"x": ["第", 1]}));
        let text = String::from_utf8(frame).unwrap();
        let (header, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(header, format!("Content-Length: {}", body.len()));
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            v,
            json!({"jsonrpc": "2.0", "method": "a/b", "params": {"x": ["第", 1]}})
        );
    }

    #[test]
    fn reply_frame_is_a_framed_response_with_the_id() {
        for (id, want) in [
            (Id::Number(7), json!(7)),
            (Id::String("a\"b".into()), json!("a\"b")),
        ] {
            let frame = reply_frame(&id, br#"[{"name":"\u7b2c"}]"#);
            let text = String::from_utf8(frame).unwrap();
            let (header, body) = text.split_once("\r\n\r\n").unwrap();
            assert_eq!(header, format!("Content-Length: {}", body.len()));
            let v: Value = serde_json::from_str(body).unwrap();
            assert_eq!(
                v,
                json!({"jsonrpc": "2.0", "id": want, "result": [{"name": "第"}]})
            );
        }
    }
}
