//! The language server (`jiaodui lsp`): LSP 3.17 over stdin/stdout with tower-lsp-server.
//! The only module that knows the protocol.
//!
//! - [`framing`]: reads frames itself so malformed ones get an error reply instead of ending
//!   the session; good frames go on to tower-lsp-server through an in-memory pipe.
//! - [`backend`]: the handlers and the scheduler, over the documents of
//!   [`crate::incremental`]; [`features`]: hover, code actions, symbols, folding, selection;
//!   [`convert`]: byte offsets ↔ LSP positions; [`settings`]: editor settings and
//!   `jiaodui.toml`; [`glossaries`]: the user glossaries it names, for hover and definition;
//!   [`prebuilt`]: documentSymbol answered from JSON built once per version; [`symbols`]:
//!   that JSON written from outline pieces kept per chunk of paragraphs.

pub mod backend;
pub mod convert;
pub mod features;
pub mod framing;
pub mod glossaries;
pub mod prebuilt;
pub mod settings;
pub mod symbols;
#[cfg(test)]
mod tests;

pub use backend::Backend;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tower_lsp_server::{LspService, Server};

/// Serves one LSP session over `input`/`output` until the client sends `exit` or closes the
/// input. Returns whether `shutdown` came before (the exit code should then be 0).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (frames_tx, frames_rx) = mpsc::channel::<Vec<u8>>(64);
    let publishes = frames_tx.downgrade();
    let (service, socket) = LspService::new(move |client| {
        Backend::with_output(client, flag.clone(), Some(publishes.clone()))
    });

    const PIPE: usize = 1 << 20;
    let (to_server, server_in) = tokio::io::duplex(PIPE);
    let (server_out, from_server) = tokio::io::duplex(PIPE);

    let writer = tokio::spawn(framing::write_frames(output, frames_rx));
    let forward = tokio::spawn(framing::pump_output(from_server, frames_tx.clone()));
    let service = prebuilt::Prebuilt::new(service, frames_tx.clone());
    let backend = service.backend();
    let reader = tokio::spawn(framing::pump_input(
        input,
        to_server,
        frames_tx,
        move |uri| backend.change_lost(uri),
    ));

    Server::new(server_in, server_out, socket)
        .serve(service)
        .await;
    // The server has stopped (exit, or end of input): its output pipe is closed, so the
    // forwarder drains what is left and the writer flushes it.
    reader.abort();
    let _ = forward.await;
    let _ = writer.await;
    shutdown.load(Ordering::SeqCst)
}

/// Sets up logging to stderr; the level comes from `JIAODUI_LOG` (error, warn, info, debug,
/// trace; default warn). Nothing but protocol goes to stdout.
pub fn init_logging() {
    let level = std::env::var("JIAODUI_LOG")
        .ok()
        .and_then(|v| v.trim().parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::WARN);
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_ansi(false)
        .try_init();
}

/// Tells glibc's allocator to hand big buffers back and to keep few arenas; call it before any
/// thread starts. Measured with `lsp_bench` (10 MB document open: ~145 → ~100 MB resident; after
/// the hovers and symbol requests ~190 → ~135 MB):
/// - buffers of 4 MB and more (the document's text, copies of it, the `didOpen` frame) are
///   mapped on their own and unmapped when freed. glibc's default threshold rises to the size
///   of the largest such buffer freed, after which 10 MB buffers come from the heap and their
///   pages stay resident when freed;
/// - up to 32 MB free at the top of the heap is kept rather than trimmed, so the replies of
///   repeated requests (a 2 MB outline) reuse pages instead of faulting them in again;
/// - two arenas instead of 8 per core: each arena keeps its own freed pages.
///
/// Elsewhere (another libc) it does nothing.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        const M_TRIM_THRESHOLD: std::ffi::c_int = -1;
        const M_MMAP_THRESHOLD: std::ffi::c_int = -3;
        const M_ARENA_MAX: std::ffi::c_int = -8;
        // SAFETY: mallopt only changes allocator parameters; it is called before other threads
        // exist (and is thread-safe in glibc anyway).
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 4 << 20);
            mallopt(M_TRIM_THRESHOLD, 32 << 20);
            mallopt(M_ARENA_MAX, 2);
        }
    }
}

/// Runs `jiaodui lsp` on stdin/stdout and returns the process exit code (0 after a proper
/// shutdown/exit, 1 otherwise). The caller should exit with it right away: a thread may still
/// be blocked reading stdin.
pub fn run_stdio() -> i32 {
    tune_allocator();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_keep_alive(backend::BLOCKING_KEEP_ALIVE)
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            tracing::error!("cannot start the async runtime: {e}");
            return 1;
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    runtime.shutdown_timeout(std::time::Duration::from_millis(50));
    if clean { 0 } else { 1 }
}
