//! A framing layer in front of tower-lsp-server.
//!
//! tower-lsp-server stops reading after the first frame it cannot decode (tokio-util's
//! `FramedRead` ends the stream after a decoder error), so one malformed message would end the
//! session. Here every frame is read and checked first: bad JSON is answered with -32700, JSON
//! that is not a JSON-RPC message with -32600, and only good frames are forwarded to the
//! server through an in-memory pipe. The server's output goes through a second pipe and is
//! re-framed, so replies written here never interleave with the server's.
//!
//! A `Content-Length` larger than the body swallows the start of the next message; when a
//! malformed body holds a `Content-Length:` header, reading starts again there
//! ([`Resync`]), so that next message is still served.

use serde_json::{Value, json};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
    ReadBuf,
};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Larger frames are refused (and skipped): far beyond any document an editor sends.
const MAX_BODY_BYTES: usize = 1 << 30;
const MAX_HEADER_LINE: usize = 8 * 1024;

/// One frame read from a stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`: the frame cannot be delimited.
    BadHeader(String),
}

/// Reads the next frame; `None` at end of input.
pub async fn read_frame<R: AsyncBufRead + Unpin>(reader: &mut R) -> io::Result<Option<Frame>> {
    let mut content_length: Option<Result<usize, String>> = None;
    // Every length a header declared: a frame with two different `Content-Length`s is read
    // to the shortest that holds a whole JSON value, so the next message is not swallowed.
    let mut lengths: Vec<usize> = Vec::new();
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = read_line_limited(reader, &mut line).await?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank line between frames
        }
        saw_header = true;
        // Garbage before a header is skipped up to the header name, as tower-lsp does.
        let lower = text.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            let value = text[at + "content-length:".len()..].trim();
            let parsed = value
                .parse::<usize>()
                .map_err(|_| format!("invalid Content-Length `{value}`"));
            if let Ok(len) = parsed {
                lengths.push(len);
            }
            // A valid length wins over an invalid one whatever their order.
            if !matches!(content_length, Some(Ok(_))) || parsed.is_ok() {
                content_length = Some(parsed);
            }
        }
    }
    match content_length {
        Some(Ok(_)) if lengths.len() > 1 => {
            lengths.sort_unstable();
            lengths.dedup();
            lengths.retain(|&l| l <= MAX_BODY_BYTES);
            let mut body = Vec::new();
            for (i, &len) in lengths.iter().enumerate() {
                let at = body.len();
                body.resize(len, 0);
                reader.read_exact(&mut body[at..]).await?;
                let last = i + 1 == lengths.len();
                if last || serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_ok() {
                    if !last {
                        tracing::warn!(
                            "conflicting Content-Length headers {lengths:?}: took {len}"
                        );
                    }
                    return Ok(Some(Frame::Body(body)));
                }
            }
            Ok(Some(Frame::BadHeader("frame is too large".into())))
        }
        Some(Ok(len)) if len <= MAX_BODY_BYTES => {
            let mut body = vec![0; len];
            reader.read_exact(&mut body).await?;
            Ok(Some(Frame::Body(body)))
        }
        Some(Ok(len)) => Ok(Some(Frame::BadHeader(format!(
            "frame of {len} bytes is too large"
        )))),
        Some(Err(e)) => Ok(Some(Frame::BadHeader(e))),
        None => Ok(Some(Frame::BadHeader("missing Content-Length".into()))),
    }
}

/// Reads one line (through `\n`), keeping at most `MAX_HEADER_LINE` bytes of it.
async fn read_line_limited<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    out: &mut Vec<u8>,
) -> io::Result<usize> {
    let mut total = 0;
    loop {
        let buf = reader.fill_buf().await?;
        if buf.is_empty() {
            return Ok(total);
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = MAX_HEADER_LINE.saturating_sub(out.len());
        out.extend_from_slice(&buf[..take.min(room)]);
        reader.consume(take);
        total += take;
        if done {
            return Ok(total);
        }
    }
}

/// Frames `body` for the wire.
pub fn encode(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_reply(id: Value, code: i64, message: &str) -> Vec<u8> {
    let reply = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    encode(reply.to_string().as_bytes())
}

/// An error reply echoing `id` exactly as the client wrote it (`raw` is its JSON text):
/// an id of 2^64 parsed into a `Value` would come back as a float.
fn error_reply_raw(raw: &str, code: i64, message: &str) -> Vec<u8> {
    let error = json!({"code": code, "message": message});
    encode(format!(r#"{{"jsonrpc":"2.0","id":{raw},"error":{error}}}"#).as_bytes())
}

/// The `id` of a message as written, if it is a number or a string.
fn raw_id(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id<'a> {
        #[serde(borrow)]
        id: Option<&'a serde_json::value::RawValue>,
    }
    let raw = serde_json::from_slice::<Id>(body).ok()?.id?.get().trim();
    matches!(raw.as_bytes().first(), Some(b'-' | b'0'..=b'9' | b'"')).then(|| raw.to_string())
}

/// `body` with each escaped lone surrogate (`\udc00`, which JavaScript's `JSON.stringify`
/// writes for half a pair) replaced by `\ufffd`, as a lenient UTF-16 decoder would; `None`
/// if it has none. serde_json refuses such strings, and dropping the frame would drop a
/// `didChange`: the next change would then apply to a text the client no longer has.
pub fn replace_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    fn unit(b: &[u8], at: usize) -> Option<u16> {
        if b.get(at) != Some(&b'\\') || b.get(at + 1) != Some(&b'u') {
            return None;
        }
        let hex = std::str::from_utf8(b.get(at + 2..at + 6)?).ok()?;
        u16::from_str_radix(hex, 16).ok()
    }
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    let mut copied = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(u) = unit(body, i) else {
            i += 2; // any other escape, including `\\`
            continue;
        };
        let high = (0xD800..0xDC00).contains(&u);
        let low = (0xDC00..0xE000).contains(&u);
        if high && unit(body, i + 6).is_some_and(|v| (0xDC00..0xE000).contains(&v)) {
            i += 12; // a proper pair
            continue;
        }
        if high || low {
            let o = out.get_or_insert_with(|| Vec::with_capacity(body.len()));
            o.extend_from_slice(&body[copied..i]);
            o.extend_from_slice(b"\\ufffd");
            copied = i + 6;
        }
        i += 6;
    }
    let mut out = out?;
    out.extend_from_slice(&body[copied..]);
    Some(out)
}

/// A buffered reader that can be handed bytes back: they are read again before the rest of
/// the stream.
pub struct Resync<R> {
    replay: Vec<u8>,
    at: usize,
    inner: R,
}

impl<R> Resync<R> {
    pub fn new(inner: R) -> Resync<R> {
        Resync {
            replay: Vec::new(),
            at: 0,
            inner,
        }
    }

    /// Makes `bytes` the next thing read (ahead of anything handed back before and unread).
    pub fn unread(&mut self, bytes: &[u8]) {
        let mut replay = bytes.to_vec();
        replay.extend_from_slice(&self.replay[self.at..]);
        self.replay = replay;
        self.at = 0;
    }
}

impl<R: AsyncBufRead + Unpin> AsyncRead for Resync<R> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let available = match self.as_mut().poll_fill_buf(cx) {
            Poll::Ready(Ok(bytes)) => bytes,
            Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
            Poll::Pending => return Poll::Pending,
        };
        let n = available.len().min(buf.remaining());
        buf.put_slice(&available[..n]);
        self.consume(n);
        Poll::Ready(Ok(()))
    }
}

impl<R: AsyncBufRead + Unpin> AsyncBufRead for Resync<R> {
    fn poll_fill_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        let this = self.get_mut();
        if this.at < this.replay.len() {
            return Poll::Ready(Ok(&this.replay[this.at..]));
        }
        Pin::new(&mut this.inner).poll_fill_buf(cx)
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        let this = self.get_mut();
        if this.at < this.replay.len() {
            this.at = (this.at + amt).min(this.replay.len());
            if this.at == this.replay.len() {
                this.replay.clear();
                this.at = 0;
            }
        } else {
            Pin::new(&mut this.inner).consume(amt);
        }
    }
}

/// Where a header starts inside a malformed body (not at its very start, so that reading
/// from there always makes progress).
fn embedded_header(body: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    body.windows(NAME.len())
        .skip(1)
        .position(|w| w.eq_ignore_ascii_case(NAME))
        .map(|i| i + 1)
}

/// The document an undecodable body changed, if it looks like a `didChange`: the first
/// `"uri":"…"` after the method name (URIs need no JSON escapes but `\/`).
fn dropped_change_uri(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let method = text.find("\"textDocument/didChange\"")?;
    let key = method + text[method..].find("\"uri\"")?;
    let rest = text[key + 5..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].replace("\\/", "/"))
}

/// What to do with one incoming body.
enum Verdict {
    Forward,
    /// Forward this instead (lone surrogates replaced).
    ForwardRepaired(Vec<u8>),
    Reply(Vec<u8>),
    /// Not JSON at all (answered with this -32700 reply).
    Unparsable(Vec<u8>),
}

fn judge(body: &[u8]) -> Verdict {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            if let Some(repaired) = replace_lone_surrogates(body)
                && serde_json::from_slice::<serde::de::IgnoredAny>(&repaired).is_ok()
            {
                tracing::warn!("lone surrogate escapes in a frame: decoded as U+FFFD");
                return match judge(&repaired) {
                    Verdict::Forward => Verdict::ForwardRepaired(repaired),
                    other => other,
                };
            }
            tracing::warn!("malformed JSON frame ({} bytes): {e}", body.len());
            return Verdict::Unparsable(error_reply(Value::Null, -32700, "Parse error"));
        }
    };
    // Moved, not cloned, into the check: a didOpen body can be 10 MB of text.
    let is_message = value.is_object()
        && if value.get("method").is_some() {
            serde_json::from_value::<Request>(value).is_ok()
                || serde_json::from_slice::<Response>(body).is_ok()
        } else {
            serde_json::from_value::<Response>(value).is_ok()
                || serde_json::from_slice::<Request>(body).is_ok()
        };
    if is_message {
        return Verdict::Forward;
    }
    let value: Value = serde_json::from_slice(body).unwrap_or_default();
    tracing::warn!(
        "frame is not a JSON-RPC message: {}",
        truncate(&value.to_string(), 200)
    );
    match raw_id(body) {
        // An id that is not an integer LSP can carry (2^64, 1.5) is echoed as written.
        Some(raw) => Verdict::Reply(error_reply_raw(&raw, -32600, "Invalid request")),
        None => Verdict::Reply(error_reply(Value::Null, -32600, "Invalid request")),
    }
}

fn truncate(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Pumps frames from `input` to the server's input pipe, answering bad frames itself through
/// `replies`. Returns at end of input (dropping the pipe tells the server to stop).
///
/// `lost_change` is told the URI of each `didChange` dropped as undecodable: the server's
/// text of that document is no longer the client's.
pub async fn pump_input<R, W>(
    input: R,
    mut to_server: W,
    replies: mpsc::Sender<Vec<u8>>,
    lost_change: impl Fn(&str),
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = Resync::new(BufReader::with_capacity(1 << 16, input));
    loop {
        match read_frame(&mut reader).await {
            Ok(None) => break,
            Ok(Some(Frame::BadHeader(why))) => {
                tracing::warn!("skipping a frame: {why}");
                let _ = replies
                    .send(error_reply(Value::Null, -32700, "Parse error"))
                    .await;
            }
            Ok(Some(Frame::Body(body))) => match judge(&body) {
                Verdict::Forward => {
                    if to_server.write_all(&encode(&body)).await.is_err() {
                        break; // the server has stopped (exit)
                    }
                }
                Verdict::ForwardRepaired(body) => {
                    if to_server.write_all(&encode(&body)).await.is_err() {
                        break;
                    }
                }
                Verdict::Reply(reply) => {
                    let _ = replies.send(reply).await;
                }
                Verdict::Unparsable(reply) => {
                    if let Some(uri) = dropped_change_uri(&body) {
                        lost_change(&uri);
                    }
                    if let Some(at) = embedded_header(&body) {
                        // The declared length ran into the next message: read it again
                        // from its header.
                        tracing::warn!("resynchronising at a header inside a bad frame");
                        reader.unread(&body[at..]);
                    }
                    let _ = replies.send(reply).await;
                }
            },
            Err(e) => {
                tracing::info!("input closed: {e}");
                break;
            }
        }
    }
    let _ = to_server.shutdown().await;
}

/// Re-frames the server's output into whole frames on `frames`.
pub async fn pump_output<R: AsyncRead + Unpin>(from_server: R, frames: mpsc::Sender<Vec<u8>>) {
    let mut reader = BufReader::with_capacity(1 << 16, from_server);
    while let Ok(Some(frame)) = read_frame(&mut reader).await {
        if let Frame::Body(body) = frame {
            if frames.send(encode(&body)).await.is_err() {
                break;
            }
        }
    }
}

/// Writes whole frames to `output`, in the order they arrive.
pub async fn write_frames<W: AsyncWrite + Unpin>(
    mut output: W,
    mut frames: mpsc::Receiver<Vec<u8>>,
) {
    while let Some(frame) = frames.recv().await {
        if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
            tracing::info!("output closed");
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = BufReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut reader).await.unwrap() {
            out.push(f);
        }
        out
    }

    #[tokio::test]
    async fn reads_frames_and_flags_bad_headers() {
        let input = b"Content-Length: 2\r\n\r\n{}Content-Type: x\r\n\r\ncontent-length:3\r\nX: y\r\n\r\n[1]";
        assert_eq!(
            frames(input).await,
            [
                Frame::Body(b"{}".to_vec()),
                Frame::BadHeader("missing Content-Length".into()),
                Frame::Body(b"[1]".to_vec())
            ]
        );
        assert_eq!(
            frames(b"Content-Length: x\r\n\r\n").await,
            [Frame::BadHeader("invalid Content-Length `x`".into())]
        );
    }

    #[tokio::test]
    async fn unread_bytes_come_first() {
        let mut reader = Resync::new(BufReader::new(&b"Content-Length: 2\r\n\r\n[]"[..]));
        let Some(Frame::Body(body)) = read_frame(&mut reader).await.unwrap() else {
            panic!()
        };
        assert_eq!(body, b"[]");
        reader.unread(b"xContent-Length: 2\r\n\r\n{}");
        reader.unread(b"Content-Length: 1\r\n\r\n1");
        let mut got = Vec::new();
        while let Some(f) = read_frame(&mut reader).await.unwrap() {
            got.push(f);
        }
        assert_eq!(
            got,
            [Frame::Body(b"1".to_vec()), Frame::Body(b"{}".to_vec()),]
        );
        assert_eq!(embedded_header(b"{\"a\"CONTENT-LENGTH: 9"), Some(4));
        assert_eq!(embedded_header(b"Content-Length: 9"), None);
    }

    #[test]
    fn judges_bodies() {
        assert!(matches!(
            judge(br#"{"jsonrpc":"2.0","method":"x"}"#),
            Verdict::Forward
        ));
        let Verdict::Unparsable(r) = judge(b"{oops") else {
            panic!()
        };
        assert!(String::from_utf8_lossy(&r).contains("-32700"));
        let Verdict::Reply(r) = judge(br#"{"id":4,"method":"x"}"#) else {
            panic!()
        };
        let r = String::from_utf8_lossy(&r);
        assert!(r.contains("-32600") && r.contains(r#""id":4"#), "{r}");
    }
}
