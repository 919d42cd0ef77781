//! The language server: LSP handlers over the document store.
//!
//! Ordering rule (tower-lsp-server runs up to four messages concurrently and interleaves them
//! at `.await` points): a notification that changes state (open, change, close, config) does
//! all its work synchronously before its first `.await`, so edits apply in arrival order.
//! Analysis runs in spawned tasks; requests read immutable
//! [`Snapshot`](crate::incremental::Snapshot)s.
//!
//! - `workspace`: the session's settings, configuration files and glossaries, per document;
//! - `scheduler`: CPU slots, each document's analysis-and-publish task, publishes;
//! - `sync`: applying `didChange`, and losing and regaining sync with the client's text;
//! - `handlers`: the `LanguageServer` trait (initialize, notifications, requests).

mod handlers;
mod scheduler;
mod sync;
mod workspace;

use super::features;
use super::glossaries::GlossaryStore;
use super::settings::EditorSettings;
use crate::analysis::Config;
use crate::incremental::LiveDocument;
use crate::position::Encoding;
use scheduler::blocking;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

const CONFIG_PULL_TIMEOUT: Duration = Duration::from_secs(2);
pub use scheduler::BLOCKING_KEEP_ALIVE;

pub(crate) use crate::lock::lock;

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
/// `tests/it/lsp_panic_guard.rs` can check the panic becomes an error response and the server
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
    pub settings: EditorSettings,
}

/// An open document as the server holds it: the engine's [`LiveDocument`] plus what the
/// scheduler and text sync keep about it.
pub(crate) struct OpenDocument {
    pub doc: LiveDocument,
    /// The document's analysis-and-publish task, if one is scheduled.
    pub pending: Option<tokio::task::AbortHandle>,
    /// That task's number (to tell it from a task that replaced it) and whether it is past
    /// its debounce: queued for a CPU slot or running, analysing whatever text is current.
    pub pending_ticket: u64,
    pub pending_queued: bool,
    /// Held from the last check that an analysis is current until its publish is sent, so
    /// that a newer publish (or the empty one on close) cannot overtake an older one.
    pub publishing: Arc<tokio::sync::Mutex<()>>,
    /// The client has asked for this document's symbols, or its folding ranges: it will ask
    /// again after edits, so the server has them ready after each publish.
    pub symbols_asked: bool,
    pub folding_asked: bool,
    /// The text may no longer be the client's (a change with a version not above the last
    /// one, or a change the framing layer could not decode): nothing is analysed, published
    /// or answered from it until a whole-text change or a `didOpen` brings it back.
    pub out_of_sync: bool,
    /// Held by a fix-all while it builds its edit: one document's fix-alls run one at a
    /// time, and never hold up another document's requests.
    pub heavy: Arc<tokio::sync::Mutex<()>>,
}

impl OpenDocument {
    pub fn new(doc: LiveDocument) -> OpenDocument {
        OpenDocument {
            doc,
            pending: None,
            pending_ticket: 0,
            pending_queued: false,
            publishing: Arc::default(),
            symbols_asked: false,
            folding_asked: false,
            out_of_sync: false,
            heavy: Arc::default(),
        }
    }

    /// Marks the text as no longer the client's (see [`OpenDocument::out_of_sync`]);
    /// analyses under way are made stale.
    pub fn lose_sync(&mut self) {
        self.out_of_sync = true;
        self.doc.invalidate();
    }
}

impl std::ops::Deref for OpenDocument {
    type Target = LiveDocument;
    fn deref(&self) -> &LiveDocument {
        &self.doc
    }
}

impl std::ops::DerefMut for OpenDocument {
    fn deref_mut(&mut self) -> &mut LiveDocument {
        &mut self.doc
    }
}

pub(crate) struct Inner {
    pub client: Client,
    pub session: RwLock<Session>,
    docs: Mutex<HashMap<Uri, Arc<Mutex<OpenDocument>>>>,
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
        if let Some(json) = features::kept_document_symbols_json(&a, encoding, hierarchical) {
            return Some(Ok(json));
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
        if let Some(json) = features::kept_folding_ranges_json(&a) {
            return Some(Ok(json));
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
