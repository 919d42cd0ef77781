//! The language server: LSP handlers over the document store.
//!
//! Ordering rule (tower-lsp-server runs up to four messages concurrently and interleaves them
//! at `.await` points): a notification that changes state (open, change, close, config) does
//! all its work synchronously before its first `.await`, so edits apply in arrival order.
//! Analysis runs in spawned tasks; requests read immutable
//! [`Analysis`](super::engine::Analysis) snapshots.
//!
//! - `workspace`: the session's settings, configuration files and glossaries, per document;
//! - `scheduler`: CPU slots, each document's analysis-and-publish task, publishes;
//! - `sync`: applying `didChange`, and losing and regaining sync with the client's text;
//! - `handlers`: the `LanguageServer` trait (initialize, notifications, requests).

mod handlers;
mod scheduler;
mod sync;
mod workspace;

use super::engine::Document;
use super::features;
use super::glossaries::GlossaryStore;
use super::settings::Settings;
use crate::analysis::Config;
use crate::position::Encoding;
use scheduler::blocking;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;
use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

const CONFIG_PULL_TIMEOUT: Duration = Duration::from_secs(2);
pub const FIX_ALL_KIND: &str = "source.fixAll.jiaodui";

/// Locks, recovering from poisoning: a panic caught elsewhere must not wedge the server.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f`, turning a panic into an internal-error response.
pub(crate) fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    let f = || {
        panic_if_asked(what);
        f()
    };
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        tracing::error!("{what} panicked");
        let mut e = Error::internal_error();
        e.message = format!("jiaodui: {what} failed").into();
        e
    })
}

/// Test hook for the guard above: a server started with `JIAODUI_TEST_PANIC=<what>` in its
/// environment panics inside the guarded handler `what` (`hover`, `didChange`, …), so that
/// `tests/lsp_panic_guard.rs` can check the panic becomes an error response and the server
/// keeps serving. Read once; unset (the only case outside that test) it costs one load.
fn panic_if_asked(what: &str) {
    static ASKED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let asked = ASKED.get_or_init(|| std::env::var("JIAODUI_TEST_PANIC").ok());
    if asked.as_deref() == Some(what) {
        panic!("JIAODUI_TEST_PANIC={what}: a panic on purpose, inside the guard");
    }
}

/// Hands freed heap pages back to the system: glibc keeps what was freed in its arenas, where
/// it counts as resident memory until reused. Public so memory tests measure the same way.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns unused memory to the system.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// What was negotiated with the client, plus the current settings.
#[derive(Clone, Debug, Default)]
pub struct Session {
    pub encoding: Encoding,
    pub hierarchical_symbols: bool,
    pub pull_diagnostics: bool,
    pub diagnostic_refresh: bool,
    pub watch_dynamic: bool,
    /// The client takes `RelativePattern` file watchers (for glossary files).
    pub watch_relative: bool,
    pub configuration_pull: bool,
    /// The client resolves code actions' edits lazily (`codeAction/resolve`).
    pub resolve_edits: bool,
    pub folders: Vec<PathBuf>,
    pub settings: Settings,
}

pub(crate) struct Inner {
    pub client: Client,
    pub session: RwLock<Session>,
    docs: Mutex<HashMap<Uri, Arc<Mutex<Document>>>>,
    config_files: Mutex<HashMap<PathBuf, std::result::Result<Config, String>>>,
    glossaries: Mutex<GlossaryStore>,
    /// Numbers the glossary-file watcher registrations.
    watcher_ids: AtomicU64,
    /// Counts `didClose`s, so that a burst of them trims the allocator once, after the last.
    closes: AtomicU64,
    /// `initialize` has been answered: requests may be served (see [`Backend::is_serving`]).
    initialized: AtomicBool,
    shutdown: Arc<AtomicBool>,
    /// The session's output, where diagnostics go as frames serialized straight from their
    /// types (see [`super::prebuilt::notification_frame`]); weak, so that a task still
    /// running at exit does not keep the output open. `None`: through the `Client`.
    output: Option<mpsc::WeakSender<Vec<u8>>>,
}

/// The server. Build it with `LspService::new(Backend::new)` (see [`super::serve`]).
#[derive(Clone)]
pub struct Backend {
    inner: Arc<Inner>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend::with_shutdown_flag(client, Arc::default())
    }

    /// Between `initialize` and `shutdown`: the span in which tower-lsp-server would pass
    /// a request on to its handler.
    pub(crate) fn is_serving(&self) -> bool {
        self.inner.initialized.load(Ordering::SeqCst) && !self.inner.shutdown.load(Ordering::SeqCst)
    }

    /// The documentSymbol result for `uri` as JSON (built once per version, off the async
    /// workers when it must be built); `None` for a document that is not open.
    pub(crate) async fn document_symbols_json(&self, uri: &Uri) -> Option<Result<Arc<[u8]>>> {
        let a = self.inner.current(uri, false).await?;
        lock(&*self.inner.doc(uri)?).symbols_asked = true;
        let session = self.inner.session();
        let (encoding, hierarchical) = (session.encoding, session.hierarchical_symbols);
        if let Some((e, h, json)) = &*lock(&a.lsp_symbols)
            && (*e, *h) == (encoding, hierarchical)
        {
            return Some(Ok(json.clone()));
        }
        let uri = uri.clone();
        let built = blocking("documentSymbol", move || {
            features::document_symbols_json(&a, &uri, encoding, hierarchical)
        })
        .await;
        Some(built.ok_or_else(|| {
            let mut e = Error::internal_error();
            e.message = "jiaodui: documentSymbol failed".into();
            e
        }))
    }

    /// The foldingRange result for `uri` as JSON (built once per version, off the async
    /// workers when it must be built); `None` for a document that is not open.
    pub(crate) async fn folding_ranges_json(&self, uri: &Uri) -> Option<Result<Arc<[u8]>>> {
        let a = self.inner.current(uri, false).await?;
        lock(&*self.inner.doc(uri)?).folding_asked = true;
        if let Some(json) = a.lsp_folding.get() {
            return Some(Ok(json.clone()));
        }
        let built = blocking("foldingRange", move || features::folding_ranges_json(&a)).await;
        Some(built.ok_or_else(|| {
            let mut e = Error::internal_error();
            e.message = "jiaodui: foldingRange failed".into();
            e
        }))
    }

    /// The framing layer dropped an undecodable `didChange` for `uri` (see
    /// [`super::framing::pump_input`]).
    pub fn change_lost(&self, uri: &str) {
        self.inner.change_lost(uri);
    }

    /// Like [`Backend::new`]; `shutdown` is set when the client sends `shutdown`.
    pub fn with_shutdown_flag(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        Backend::with_output(client, shutdown, None)
    }

    /// A server that writes its diagnostics as whole frames to `output`, the channel the
    /// session's writer reads (see [`super::serve`]).
    pub fn with_output(
        client: Client,
        shutdown: Arc<AtomicBool>,
        output: Option<mpsc::WeakSender<Vec<u8>>>,
    ) -> Backend {
        Backend {
            inner: Arc::new(Inner {
                client,
                session: RwLock::default(),
                docs: Mutex::default(),
                config_files: Mutex::default(),
                glossaries: Mutex::default(),
                watcher_ids: AtomicU64::new(0),
                closes: AtomicU64::new(0),
                initialized: AtomicBool::new(false),
                shutdown,
                output,
            }),
        }
    }
}
