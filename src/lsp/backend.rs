//! The language server: LSP handlers over the document store.
//!
//! Ordering rule (tower-lsp-server runs up to four messages concurrently and interleaves them
//! at `.await` points): a notification that changes state (open, change, close, config) does
//! all its work synchronously before its first `.await`, so edits apply in arrival order.
//! Analysis runs in spawned tasks; requests read immutable [`Analysis`] snapshots.

use super::convert::{self, SOURCE};
use super::engine::{Analysis, Document, Step, execute, execute_document};
use super::features;
use super::glossaries::{Effects, GlossaryStore, UserGlossary};
use super::settings::{self, Settings};
use crate::analysis::Config;
use crate::analysis::glossary::Glossary;
use crate::position::Encoding;
use serde_json::Value;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

const CONFIG_PULL_TIMEOUT: Duration = Duration::from_secs(2);
pub const FIX_ALL_KIND: &str = "source.fixAll.jiaodui";
/// Documents at least this large leave their outline to the first request that needs it.
const LARGE_BYTES: usize = 512 * 1024;

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

/// How long a large document must go unedited before the memory its analyses freed is
/// handed back to the system (see `Inner::prepare_outline`).
const IDLE_BEFORE_TRIM: Duration = Duration::from_millis(1000);

/// Slots for CPU-bound jobs, one per core. More jobs at once would only time-slice the same
/// cores; a burst of edits coalesces instead of piling up work (and threads, and memory):
/// a document has at most one analysis task, which analyses the latest text once its turn
/// comes.
fn cpu_slots() -> Arc<tokio::sync::Semaphore> {
    static SLOTS: std::sync::OnceLock<Arc<tokio::sync::Semaphore>> = std::sync::OnceLock::new();
    SLOTS
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            Arc::new(tokio::sync::Semaphore::new(cores))
        })
        .clone()
}

/// How one round of a document's analysis task ended.
enum RunOutcome {
    /// Published the analysis of the current text.
    Published(Arc<Analysis>),
    /// The document moved on during the round: run again.
    Superseded,
    /// Closed, shutting down, or the analysis of this generation failed.
    Stopped(u64),
}

tokio::task_local! {
    /// The CPU slot a document's analysis task holds for its whole run, so that its steps
    /// (local analysis, document phase, conversion) do not queue again one by one.
    static HELD_SLOT: Arc<tokio::sync::OwnedSemaphorePermit>;
}

/// Runs CPU-bound work on a blocking thread once a slot is free (or in the slot the task
/// holds); a panic is logged and becomes `None`.
async fn blocking<T: Send + 'static>(
    what: &'static str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let slot = match HELD_SLOT.try_with(Arc::clone) {
        Ok(held) => held,
        Err(_) => Arc::new(cpu_slots().acquire_owned().await.ok()?),
    };
    let job = move || {
        let _slot = slot; // held until the job ends, even if its task is aborted meanwhile
        std::panic::catch_unwind(AssertUnwindSafe(f))
    };
    match tokio::task::spawn_blocking(job).await {
        Ok(Ok(v)) => Some(v),
        Ok(Err(_)) => {
            tracing::error!("{what} panicked");
            None
        }
        Err(e) => {
            tracing::warn!("{what} did not finish: {e}");
            None
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

impl Inner {
    pub fn session(&self) -> Session {
        self.session
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn doc(&self, uri: &Uri) -> Option<Arc<Mutex<Document>>> {
        lock(&self.docs).get(uri).cloned()
    }

    pub fn open_uris(&self) -> Vec<Uri> {
        lock(&self.docs).keys().cloned().collect()
    }

    /// The effective config for `uri`: its `jiaodui.toml`, then the editor settings.
    fn config_for(self: &Arc<Self>, uri: &Uri) -> Arc<Config> {
        let session = self.session();
        let base = match self.config_file_of(uri, &session) {
            None => Config::default(),
            Some(path) => self.file_config(&path),
        };
        Arc::new(session.settings.apply(base))
    }

    /// The `jiaodui.toml` governing `uri`, if any.
    fn config_file_of(&self, uri: &Uri, session: &Session) -> Option<PathBuf> {
        uri.to_file_path()
            .and_then(|p| settings::find_config_file(&p, &session.folders))
    }

    /// A `jiaodui.toml`'s config (cached; a broken one is reported once and counts as empty).
    fn file_config(self: &Arc<Self>, path: &std::path::Path) -> Config {
        let mut cache = lock(&self.config_files);
        let loaded = cache.entry(path.to_path_buf()).or_insert_with(|| {
            let r = settings::load_config_file(path);
            if let Err(e) = &r {
                self.report(e.clone());
            }
            r
        });
        loaded.clone().unwrap_or_default()
    }

    /// Logs a problem with a file the user controls and shows it in the editor.
    fn report(&self, problem: String) {
        tracing::warn!("{problem}");
        let client = self.client.clone();
        let message = format!("jiaodui: {problem}");
        tokio::spawn(async move {
            client.show_message(MessageType::WARNING, message).await;
        });
    }

    /// The user glossaries of `uri` merged with the built-in glossary, or `None` when its
    /// `jiaodui.toml` names none (use `Glossary::shared()`). Reads and builds what is missing
    /// on a blocking thread.
    pub async fn user_glossary(self: &Arc<Self>, uri: &Uri) -> Option<Arc<UserGlossary>> {
        let session = self.session();
        let config_path = self.config_file_of(uri, &session)?;
        let config = self.file_config(&config_path);
        if config.glossary.is_empty() {
            return None;
        }
        let paths = crate::config_file::glossary_paths(&config_path, &config);
        if let Some(set) = lock(&self.glossaries).cached(&paths) {
            return Some(set);
        }
        let inner = self.clone();
        let (set, effects) =
            blocking("glossary", move || lock(&inner.glossaries).get(&paths)).await?;
        // Watch the files and report problems before the slow part, so a file edited meanwhile
        // is not missed.
        self.apply(effects);
        let warm = set.clone();
        // The segmenter takes ~0.2 s to build: not on the hover that first matches.
        blocking("glossary warm-up", move || warm.glossary.warm_up()).await;
        Some(set)
    }

    /// Reports problems and watches new glossary files.
    fn apply(self: &Arc<Self>, effects: Effects) {
        for problem in effects.problems {
            self.report(problem);
        }
        let session = self.session();
        if effects.new_files.is_empty() || !session.watch_dynamic {
            return;
        }
        let watchers = effects
            .new_files
            .iter()
            .filter_map(|path| {
                let glob_pattern = if session.watch_relative {
                    let base = Uri::from_file_path(path.parent()?)?;
                    GlobPattern::Relative(RelativePattern {
                        base_uri: OneOf::Right(base),
                        pattern: path.file_name()?.to_str()?.to_string(),
                    })
                } else {
                    GlobPattern::String(path.to_str()?.to_string())
                };
                Some(FileSystemWatcher {
                    glob_pattern,
                    kind: None,
                })
            })
            .collect();
        let id = self.watcher_ids.fetch_add(1, Ordering::Relaxed);
        let registration = Registration {
            id: format!("jiaodui-glossary-watcher-{id}"),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        let client = self.client.clone();
        tokio::spawn(async move {
            let register = client.register_capability(vec![registration]);
            match tokio::time::timeout(CONFIG_PULL_TIMEOUT, register).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!("registering a glossary watcher failed: {e}"),
                Err(_) => tracing::warn!("registering a glossary watcher: no answer"),
            }
        });
    }

    /// Loads the user glossaries of `uri` in the background, so its first hover is quick.
    fn prepare_glossary(self: &Arc<Self>, uri: Uri) {
        let inner = self.clone();
        tokio::spawn(async move {
            inner.user_glossary(&uri).await;
        });
    }

    /// Glossary files changed on disk (or were saved): read them again now, then rebuild the
    /// open documents' glossaries in the background.
    fn glossary_files_changed(self: &Arc<Self>, paths: &[PathBuf]) {
        let mut effects = Effects::default();
        {
            let mut store = lock(&self.glossaries);
            for path in paths {
                let e = store.reload(path);
                effects.problems.extend(e.problems);
            }
        }
        self.apply(effects);
        for uri in self.open_uris() {
            self.prepare_glossary(uri);
        }
    }

    /// A `jiaodui.toml` changed (or the workspace folders did): configs and glossaries are
    /// read again.
    fn config_files_changed(self: &Arc<Self>) {
        lock(&self.config_files).clear();
        lock(&self.glossaries).invalidate_all();
        self.reconfigure_all();
        for uri in self.open_uris() {
            self.prepare_glossary(uri);
        }
    }

    /// The analysis of the document's current version, running it now if needed; `complete`
    /// also waits for the document-level phase.
    pub async fn current(self: &Arc<Self>, uri: &Uri, complete: bool) -> Option<Arc<Analysis>> {
        let doc = self.doc(uri)?;
        if lock(&doc).out_of_sync {
            return None;
        }
        if !complete {
            // A partial analysis (a large document still being analysed) will do.
            let latest = lock(&doc).latest();
            if let Some(a) = latest {
                return Some(a);
            }
        }
        let a = self.local_of(&doc, false).await?;
        if complete && !a.complete {
            return self.complete_of(&doc).await;
        }
        Some(a)
    }

    /// Brings the local (per-paragraph) analysis up to date; with `partial`, the first
    /// installed analysis will do even if paragraphs are left (see `Analysis::partial`).
    async fn local_of(&self, doc: &Arc<Mutex<Document>>, partial: bool) -> Option<Arc<Analysis>> {
        // A few attempts: an edit arriving mid-run makes that run stale.
        let mut stale = 0;
        while stale < 4 {
            if lock(doc).out_of_sync {
                return None;
            }
            let plan = match lock(doc).plan() {
                Step::Ready(a) => return Some(a),
                Step::Run(plan) => plan,
            };
            match blocking("analysis", move || execute(&plan)).await {
                Some(Some(outcome)) => match lock(doc).install(outcome) {
                    Some(a) if partial || !a.partial => return Some(a),
                    Some(_) => {}
                    None => stale += 1,
                },
                Some(None) => stale += 1,
                None => return None,
            }
        }
        None
    }

    /// Runs the document-level phase for the current analysis.
    async fn complete_of(&self, doc: &Arc<Mutex<Document>>) -> Option<Arc<Analysis>> {
        let local = self.local_of(doc, false).await?;
        if local.complete {
            return Some(local);
        }
        let plan = lock(doc).plan_document()?;
        let outcome = blocking("document analysis", move || execute_document(&plan)).await??;
        lock(doc).install_document(outcome)
    }

    /// Schedules the debounced analysis-and-publish task of a document after its state was
    /// updated. A task still in its debounce is cancelled and started again (the debounce
    /// waits for a pause in typing); a task past it keeps its place: it analyses whatever
    /// text is current when it runs, and runs again if the document moved on meanwhile.
    /// Restarting it instead would send the document to the back of the CPU queue at every
    /// keystroke, and a document edited faster than the queue moves would never be published.
    fn schedule(self: &Arc<Self>, uri: Uri, doc: Arc<Mutex<Document>>, delay: Duration) {
        let session = self.session();
        if session.pull_diagnostics {
            return;
        }
        let inner = self.clone();
        let mut d = lock(&doc);
        if d.pending.is_some() && d.pending_queued {
            return;
        }
        if let Some(pending) = d.pending.take() {
            pending.abort();
        }
        d.pending_ticket += 1;
        d.pending_queued = false;
        let ticket = d.pending_ticket;
        let task_doc = doc.clone();
        let task = tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            {
                let mut d = lock(&task_doc);
                if d.pending_ticket != ticket {
                    return; // replaced while it slept
                }
                d.pending_queued = true;
            }
            let mut scheduled = std::time::Instant::now();
            loop {
                let Ok(permit) = cpu_slots().acquire_owned().await else {
                    return;
                };
                let slot = Arc::new(permit);
                let mut outcome = RunOutcome::Superseded;
                // A few rounds in one turn catch up with edits made while one ran; a document
                // edited without pause then queues again, behind the others.
                for _ in 0..3 {
                    outcome = HELD_SLOT
                        .scope(
                            slot.clone(),
                            inner.analyse_and_publish(&uri, &task_doc, scheduled),
                        )
                        .await;
                    if !matches!(outcome, RunOutcome::Superseded) {
                        break;
                    }
                    scheduled = std::time::Instant::now();
                }
                drop(slot);
                let seen = match &outcome {
                    RunOutcome::Published(a) => a.generation,
                    RunOutcome::Stopped(generation) => *generation,
                    RunOutcome::Superseded => continue,
                };
                {
                    let mut d = lock(&task_doc);
                    if d.pending_ticket != ticket {
                        return;
                    }
                    // An edit since the round's last look found this task queued and left
                    // it to us: run again rather than leave that edit unpublished.
                    if d.generation != seen {
                        continue;
                    }
                    d.pending = None;
                    d.pending_queued = false;
                }
                if let RunOutcome::Published(a) = outcome {
                    inner.prepare_outline(&uri, &task_doc, a).await;
                }
                return;
            }
        });
        d.pending = Some(task.abort_handle());
    }

    /// One round of a document's analysis task: local findings of the dirty paragraphs, then
    /// the document-level detectors from the paragraphs' cached summaries and the document's
    /// ends (cheap at any size), then one publish.
    async fn analyse_and_publish(
        &self,
        uri: &Uri,
        doc: &Arc<Mutex<Document>>,
        scheduled: std::time::Instant,
    ) -> RunOutcome {
        // Settings may have changed since the task was scheduled.
        let session = &self.session();
        let started = lock(doc).generation;
        let Some(mut a) = self.local_of(doc, true).await else {
            return self.stopped_or_superseded(uri, doc, started);
        };
        if a.partial {
            // A large document just opened: its first paragraphs' diagnostics now (with
            // no document-level findings yet).
            if !self.publish(uri, doc, a.clone(), session).await {
                return self.stopped_or_superseded(uri, doc, started);
            }
            tracing::debug!(
                "published the first paragraphs {:?} after opening",
                scheduled.elapsed()
            );
        }
        match self.complete_of(doc).await {
            Some(complete) => a = complete,
            None => return self.stopped_or_superseded(uri, doc, started),
        }
        if !self.publish(uri, doc, a.clone(), session).await {
            return self.stopped_or_superseded(uri, doc, started);
        }
        tracing::debug!(
            "published {} diagnostics {:?} after the edit",
            a.total(),
            scheduled.elapsed(),
        );
        if lock(doc).generation != a.generation {
            return RunOutcome::Superseded;
        }
        RunOutcome::Published(a)
    }

    /// Why a round that began at generation `started` ended without publishing: the
    /// document moved on (run again), or it was closed or the analysis failed (stop; the
    /// next edit schedules a new task).
    fn stopped_or_superseded(
        &self,
        uri: &Uri,
        doc: &Arc<Mutex<Document>>,
        started: u64,
    ) -> RunOutcome {
        let open = self.doc(uri).is_some_and(|d| Arc::ptr_eq(&d, doc));
        let generation = lock(doc).generation;
        if !open || self.shutdown.load(Ordering::SeqCst) {
            // Closed: nothing to publish, whatever the generation.
            RunOutcome::Stopped(generation)
        } else if generation != started {
            RunOutcome::Superseded
        } else {
            RunOutcome::Stopped(generation)
        }
    }

    /// Editors ask for symbols and folding after a change; have them ready (unless the
    /// document has moved on already): the replies a client has asked for before, written
    /// from the outline pieces (a few ms on 10 MB), and on a smaller document the outline
    /// tree with its top sections' lengths for hovers.
    async fn prepare_outline(&self, uri: &Uri, doc: &Arc<Mutex<Document>>, warm: Arc<Analysis>) {
        let (live, symbols_asked, folding_asked) = {
            let d = lock(doc);
            (d.live.clone(), d.symbols_asked, d.folding_asked)
        };
        let session = self.session();
        let uri = uri.clone();
        let generation = warm.generation;
        let idle = live.clone();
        let large = blocking("outline", move || {
            let current = || live.load(Ordering::SeqCst) == warm.generation;
            let small = warm.rope.len_bytes() < LARGE_BYTES;
            // The flat form is built from the outline tree, tens of ms on a large document:
            // only hierarchical replies are prepared there.
            if symbols_asked && (session.hierarchical_symbols || small) && current() {
                features::document_symbols_json(
                    &warm,
                    &uri,
                    session.encoding,
                    session.hierarchical_symbols,
                );
            }
            if folding_asked && current() {
                features::folding_ranges_json(&warm);
            }
            if !current() {
                return false;
            }
            if small {
                // The top sections are the costly hovers (the title's is the whole text).
                for s in warm.outline() {
                    warm.section_chars(s);
                }
                false
            } else {
                // On a large document the outline tree and the top sections cost tens of
                // ms, which would slow the next keystroke: the first request that needs
                // them pays instead.
                true
            }
        })
        .await;
        if large == Some(true) {
            // A large document's analyses free tens of MB each time (text copies, the
            // previous version's snapshot): hand them back once typing pauses. Trimming
            // after every publish made the next keystroke fault its memory in again
            // (`TRIM=1 cargo run --release --example keystroke_phases`).
            tokio::spawn(async move {
                tokio::time::sleep(IDLE_BEFORE_TRIM).await;
                if idle.load(Ordering::SeqCst) == generation {
                    blocking("trim", release_free_memory).await;
                }
            });
        }
    }

    /// Publishes an analysis's diagnostics unless the document has moved on; returns whether
    /// it did.
    async fn publish(
        &self,
        uri: &Uri,
        doc: &Arc<Mutex<Document>>,
        a: Arc<Analysis>,
        session: &Session,
    ) -> bool {
        let (focus, live) = {
            let d = lock(doc);
            (d.focus, d.live.clone())
        };
        let (cap, encoding) = (session.settings.max_per_kind, session.encoding);
        let (version, generation) = (a.version, a.generation);
        let direct = self.output.is_some();
        let target = uri.clone();
        let Some(Some(outgoing)) = blocking("diagnostics", move || {
            // Under a burst of edits this may start late, after the document moved on:
            // converting (and later sending) a stale analysis would only add to the backlog.
            let started = std::time::Instant::now();
            let out = (live.load(Ordering::SeqCst) == generation).then(|| {
                let diagnostics = convert::diagnostics(&a, encoding, cap, focus);
                if direct {
                    Outgoing::Frame(publish_frame(target, diagnostics, Some(version)))
                } else {
                    Outgoing::Diagnostics(diagnostics)
                }
            });
            tracing::debug!("diagnostics converted in {:?}", started.elapsed());
            out
        })
        .await
        else {
            return false;
        };
        // Checking and sending in one turn: a thread preempted between the two must not let
        // a newer publish go out first.
        let turn = lock(doc).publishing.clone();
        let _turn = turn.lock().await;
        let still_open = self.doc(uri).is_some_and(|d| Arc::ptr_eq(&d, doc));
        if !still_open || lock(doc).generation != generation {
            return false; // superseded (a newer task publishes) or closed
        }
        self.send(uri, outgoing, Some(version)).await;
        true
    }

    /// Sends a publish: a prepared frame straight to the output, or diagnostics through the
    /// `Client` when there is no output channel.
    async fn send(&self, uri: &Uri, outgoing: Outgoing, version: Option<i32>) {
        let output = self.output.as_ref().and_then(mpsc::WeakSender::upgrade);
        match (outgoing, output) {
            // If the output is gone the session is over; nothing to tell.
            (Outgoing::Frame(frame), Some(output)) => {
                let _ = output.send(frame).await;
            }
            (Outgoing::Frame(_), None) => {}
            (Outgoing::Diagnostics(diagnostics), Some(output)) => {
                let frame = publish_frame(uri.clone(), diagnostics, version);
                let _ = output.send(frame).await;
            }
            (Outgoing::Diagnostics(diagnostics), None) => {
                self.client
                    .publish_diagnostics(uri.clone(), diagnostics, version)
                    .await;
            }
        }
    }

    /// Re-resolves every open document's config; re-analyses those whose config changed.
    fn reconfigure_all(self: &Arc<Self>) {
        let docs: Vec<(Uri, Arc<Mutex<Document>>)> = lock(&self.docs)
            .iter()
            .map(|(u, d)| (u.clone(), d.clone()))
            .collect();
        let mut changed = false;
        for (uri, doc) in docs {
            let config = self.config_for(&uri);
            let differs = {
                let mut d = lock(&doc);
                let differs = *d.config != *config;
                if differs {
                    d.set_config(config);
                }
                differs
            };
            if differs {
                changed = true;
                self.schedule(uri, doc, Duration::ZERO);
            }
        }
        let session = self.session();
        if changed && session.pull_diagnostics && session.diagnostic_refresh {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }

    fn set_settings(self: &Arc<Self>, settings: Settings) {
        self.session
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .settings = settings;
        self.reconfigure_all();
    }

    /// Asks the client for the `jiaodui` settings section, in the background and with a
    /// timeout: a client that never answers must not stall anything.
    fn pull_configuration(self: &Arc<Self>) {
        let inner = self.clone();
        tokio::spawn(async move {
            let items = vec![ConfigurationItem {
                scope_uri: None,
                section: Some("jiaodui".into()),
            }];
            match tokio::time::timeout(CONFIG_PULL_TIMEOUT, inner.client.configuration(items)).await
            {
                Ok(Ok(values)) => {
                    if let Some(v) = values.into_iter().next().filter(|v| !v.is_null()) {
                        inner.set_settings(Settings::from_json(&v));
                    }
                }
                Ok(Err(e)) => tracing::warn!("workspace/configuration failed: {e}"),
                Err(_) => tracing::warn!(
                    "workspace/configuration: no answer within {CONFIG_PULL_TIMEOUT:?}"
                ),
            }
        });
    }

    fn did_change(self: &Arc<Self>, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.doc(&uri) else {
            tracing::warn!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            );
            return;
        };
        let encoding = self.session().encoding;
        {
            let mut d = lock(&doc);
            let version = params.text_document.version;
            let mut changes = params.content_changes;
            if version <= d.version && !d.out_of_sync {
                // The client and the server disagree about the history: applying the change
                // or dropping it may each leave a text the client does not have.
                let why = format!("didChange version {version} after {}", d.version);
                d.lose_sync();
                drop(d);
                self.report_lost_sync(&uri, &doc, why);
                d = lock(&doc);
            }
            if d.out_of_sync {
                // Only a whole-text change (or a didOpen) says what the text is again.
                let Some(full) = changes.iter().rposition(|c| c.range.is_none()) else {
                    d.version = d.version.max(version);
                    tracing::debug!("didChange for {} ignored: out of sync", uri.as_str());
                    return;
                };
                tracing::info!(
                    "{} is in sync again (whole text, version {version})",
                    uri.as_str()
                );
                changes.drain(..full);
                d.out_of_sync = false;
            }
            for change in changes {
                match change.range {
                    Some(r) => {
                        let bytes = convert::byte_range(&d.rope, r, encoding);
                        d.edit(bytes.start, bytes.end, &change.text);
                    }
                    None => {
                        let len = d.rope.len_bytes();
                        d.edit(0, len, &change.text);
                    }
                }
            }
            d.version = version;
        }
        let delay = Duration::from_millis(self.session().settings.debounce_ms);
        self.schedule(uri, doc, delay);
    }
}

impl Inner {
    /// A document's text may have diverged from the client's (see
    /// [`Document::out_of_sync`]): says so in the log and to the user, and clears its
    /// diagnostics, which may no longer point at the right text.
    pub(crate) fn report_lost_sync(
        self: &Arc<Self>,
        uri: &Uri,
        doc: &Arc<Mutex<Document>>,
        why: String,
    ) {
        tracing::warn!(
            "{}: {why}; out of sync until the whole text is sent again",
            uri.as_str()
        );
        let inner = self.clone();
        let uri = uri.clone();
        let turn = lock(doc).publishing.clone();
        if let Some(p) = lock(doc).pending.take() {
            p.abort();
        }
        tokio::spawn(async move {
            let message = format!(
                "jiaodui lost track of {} ({why}); its diagnostics are cleared until it is reopened",
                uri.as_str()
            );
            inner
                .client
                .log_message(MessageType::WARNING, message.clone())
                .await;
            inner
                .client
                .show_message(MessageType::WARNING, message)
                .await;
            if !inner.session().pull_diagnostics {
                let _turn = turn.lock().await;
                inner
                    .send(&uri, Outgoing::Diagnostics(Vec::new()), None)
                    .await;
            }
        });
    }

    /// The framing layer dropped an undecodable `didChange` for `uri`: from here on the text
    /// cannot be trusted.
    pub(crate) fn change_lost(self: &Arc<Self>, uri: &str) {
        let Ok(uri) = uri.parse::<Uri>() else { return };
        let Some(doc) = self.doc(&uri) else { return };
        lock(&doc).lose_sync();
        self.report_lost_sync(&uri, &doc, "a didChange could not be decoded".into());
    }
}

impl Inner {
    /// The edit of a fix-all (`code`, or every code) on `uri`'s current text, built on a
    /// blocking thread, after any other fix-all of the same document (see
    /// [`Document::heavy`]); other documents' requests go on meanwhile. It stops early, and
    /// the request fails with ContentModified, when the document changes meanwhile; when the
    /// request is cancelled (tower-lsp-server drops this future on `$/cancelRequest` and
    /// answers RequestCancelled) the blocking work stops at its next paragraph. `None` for
    /// a document that is not open or out of sync.
    async fn fix_all(
        self: &Arc<Self>,
        uri: &Uri,
        code: Option<crate::analysis::Code>,
    ) -> Result<Option<WorkspaceEdit>> {
        let Some(doc) = self.doc(uri) else {
            return Ok(None);
        };
        let heavy = lock(&doc).heavy.clone();
        let _turn = heavy.lock().await;
        let Some(a) = self.current(uri, true).await else {
            return Ok(None);
        };
        let live = lock(&doc).live.clone();
        let cancelled = Arc::new(AtomicBool::new(false));
        let _on_drop = CancelOnDrop(cancelled.clone());
        let encoding = self.session().encoding;
        let generation = a.generation;
        let uri = uri.clone();
        let job = tokio::task::spawn_blocking(move || {
            let stop =
                || cancelled.load(Ordering::Relaxed) || live.load(Ordering::Relaxed) != generation;
            let started = std::time::Instant::now();
            let edit = guarded("fix-all", || {
                features::fix_all_edit(&a, &uri, code, encoding, &stop)
            });
            tracing::debug!("fix-all built in {:?}", started.elapsed());
            edit
        });
        match job.await {
            Ok(Ok(Some(edit))) => Ok(Some(edit)),
            Ok(Ok(None)) => Err(Error::content_modified()),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(Error::internal_error()),
        }
    }
}

/// How long after the last `didClose` of a burst the freed memory is handed back.
const TRIM_AFTER_CLOSE: Duration = Duration::from_millis(300);

impl Inner {
    /// A document was closed: once no other close follows for [`TRIM_AFTER_CLOSE`] (its
    /// analysis task, aborted, has wound down by then), hand the pages its text, caches and
    /// snapshots held back to the system. glibc keeps freed memory in its arenas, where it
    /// stays resident: 100 documents of 100 KB opened and closed left ~400 MB resident.
    fn trim_after_close(self: &Arc<Self>) {
        let n = self.closes.fetch_add(1, Ordering::SeqCst) + 1;
        let inner = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(TRIM_AFTER_CLOSE).await;
            if inner.closes.load(Ordering::SeqCst) == n {
                blocking("trim", release_free_memory).await;
            }
        });
    }
}

/// Sets its flag when dropped: a request's future dropped before its blocking work ends
/// (cancelled) tells that work to stop.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// How long a fix-all command waits for the client to answer its `workspace/applyEdit`.
const APPLY_EDIT_TIMEOUT: Duration = Duration::from_secs(30);

/// A publish ready to go: serialized off the async workers when the output takes frames.
enum Outgoing {
    Frame(Vec<u8>),
    Diagnostics(Vec<Diagnostic>),
}

/// The `textDocument/publishDiagnostics` frame for these diagnostics, serialized straight
/// from their types: tower-lsp-server's `Client` builds a `serde_json::Value` tree first,
/// which for a publish of 2,000 diagnostics is thousands of small allocations to make and
/// free on every keystroke.
fn publish_frame(uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) -> Vec<u8> {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    super::prebuilt::notification_frame("textDocument/publishDiagnostics", &params)
}

fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.clone())
        .unwrap_or_default();
    if offered.contains(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else if offered.contains(&PositionEncodingKind::UTF32)
        && !offered.contains(&PositionEncodingKind::UTF16)
    {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

fn encoding_kind(e: Encoding) -> PositionEncodingKind {
    match e {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

fn is_markdown(uri: &Uri, language_id: &str) -> bool {
    let kind = crate::analysis::TextKind::of_editor_document(language_id, uri.path().as_str());
    kind == crate::analysis::TextKind::Markdown
}

fn is_config_file(uri: &Uri) -> bool {
    settings::is_config_path(uri.path().as_str())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let text = caps.text_document.as_ref();
        let workspace = caps.workspace.as_ref();
        #[allow(deprecated)]
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if folders.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path())
        {
            folders.push(root.into_owned());
        }
        let session = Session {
            encoding: negotiate_encoding(&params),
            hierarchical_symbols: text
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            watch_dynamic: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            watch_relative: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.relative_pattern_support)
                .unwrap_or(false),
            configuration_pull: workspace.and_then(|w| w.configuration).unwrap_or(false),
            resolve_edits: text
                .and_then(|t| t.code_action.as_ref())
                .and_then(|c| c.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "edit")),
            folders,
            settings: params
                .initialization_options
                .as_ref()
                .map(Settings::from_json)
                .unwrap_or_default(),
        };
        tracing::info!(
            "initialize: encoding {:?}, pull diagnostics {}, folders {:?}",
            session.encoding,
            session.pull_diagnostics,
            session.folders
        );
        let capabilities = ServerCapabilities {
            position_encoding: Some(encoding_kind(session.encoding)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::SOURCE_FIX_ALL,
                    CodeActionKind::new(FIX_ALL_KIND),
                ]),
                resolve_provider: Some(true),
                ..CodeActionOptions::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![features::FIX_ALL_COMMAND.into()],
                ..ExecuteCommandOptions::default()
            }),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
            diagnostic_provider: session.pull_diagnostics.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some(SOURCE.into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..DiagnosticOptions::default()
                })
            }),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..ServerCapabilities::default()
        };
        *self
            .inner
            .session
            .write()
            .unwrap_or_else(|e| e.into_inner()) = session;
        self.inner.initialized.store(true, Ordering::SeqCst);
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "jiaodui".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let session = self.inner.session();
        // Load the character tables and the segmenter off the request path.
        tokio::task::spawn_blocking(|| {
            crate::analysis::script::warm_up();
            crate::analysis::segment::warm_up();
        });
        if session.configuration_pull {
            self.inner.pull_configuration();
        }
        if session.watch_dynamic {
            let client = self.inner.client.clone();
            tokio::spawn(async move {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![FileSystemWatcher {
                        glob_pattern: GlobPattern::String("**/{jiaodui,.jiaodui}.toml".into()),
                        kind: None,
                    }],
                };
                let registration = Registration {
                    id: "jiaodui-config-watcher".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                let register = client.register_capability(vec![registration]);
                match tokio::time::timeout(CONFIG_PULL_TIMEOUT, register).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => tracing::warn!("registering the config watcher failed: {e}"),
                    Err(_) => tracing::warn!("registering the config watcher: no answer"),
                }
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shutdown.store(true, Ordering::SeqCst);
        for uri in self.inner.open_uris() {
            if let Some(doc) = self.inner.doc(&uri)
                && let Some(p) = lock(&doc).pending.take()
            {
                p.abort();
            }
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let inner = &self.inner;
        let _ = guarded("didOpen", || {
            let td = params.text_document;
            let config = inner.config_for(&td.uri);
            let markdown = is_markdown(&td.uri, &td.language_id);
            let doc = Arc::new(Mutex::new(Document::new(
                td.version, &td.text, markdown, config,
            )));
            if let Some(old) = lock(&inner.docs).insert(td.uri.clone(), doc.clone())
                && let Some(p) = lock(&old).pending.take()
            {
                p.abort();
            }
            inner.schedule(td.uri.clone(), doc, Duration::ZERO);
            inner.prepare_glossary(td.uri);
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let _ = guarded("didChange", || self.inner.did_change(params));
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = &params.text_document.uri;
        if is_config_file(uri) {
            self.inner.config_files_changed();
        } else if let Some(path) = uri
            .to_file_path()
            .map(|p| crate::config_file::normalize_lexically(&p))
            && lock(&self.inner.glossaries).knows(&path)
        {
            self.inner.glossary_files_changed(&[path]);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = lock(&self.inner.docs).remove(&uri);
        let turn = removed.as_ref().map(|doc| {
            let mut d = lock(doc);
            if let Some(p) = d.pending.take() {
                p.abort();
            }
            d.publishing.clone()
        });
        if !self.inner.session().pull_diagnostics {
            // After any publish already under way, so that the empty one comes last.
            let _turn = match &turn {
                Some(t) => Some(t.lock().await),
                None => None,
            };
            // The same path as every other publish, so it cannot overtake one.
            self.inner
                .send(&uri, Outgoing::Diagnostics(Vec::new()), None)
                .await;
        }
        drop(turn);
        drop(removed);
        self.inner.trim_after_close();
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let useful = match &params.settings {
            Value::Object(m) => !m.is_empty(),
            _ => false,
        };
        if useful {
            self.inner
                .set_settings(Settings::from_json(&params.settings));
        } else if self.inner.session().configuration_pull {
            self.inner.pull_configuration();
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| is_config_file(&c.uri)) {
            // Re-reads every glossary file on next use too.
            self.inner.config_files_changed();
            return;
        }
        let glossary_files: Vec<PathBuf> = {
            let store = lock(&self.inner.glossaries);
            params
                .changes
                .iter()
                .filter_map(|c| c.uri.to_file_path())
                .map(|p| crate::config_file::normalize_lexically(&p))
                .filter(|p| store.knows(p))
                .collect()
        };
        if !glossary_files.is_empty() {
            self.inner.glossary_files_changed(&glossary_files);
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut s = self
                .inner
                .session
                .write()
                .unwrap_or_else(|e| e.into_inner());
            let path = |f: &WorkspaceFolder| f.uri.to_file_path().map(|p| p.into_owned());
            let removed: Vec<PathBuf> = params.event.removed.iter().filter_map(path).collect();
            s.folders.retain(|f| !removed.contains(f));
            s.folders.extend(params.event.added.iter().filter_map(path));
        }
        self.inner.config_files_changed();
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let session = self.inner.session();
        let Some(a) = self.inner.current(&params.text_document.uri, true).await else {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
            ));
        };
        let result_id = format!("{}", a.generation);
        if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            return Ok(DocumentDiagnosticReport::Unchanged(
                RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                },
            )
            .into());
        }
        let focus = self
            .inner
            .doc(&params.text_document.uri)
            .map_or(0, |d| lock(&d).focus);
        let items = guarded("diagnostic", || {
            convert::diagnostics(&a, session.encoding, session.settings.max_per_kind, focus)
        })?;
        Ok(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            })
            .into(),
        )
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(a) = self.inner.current(&p.text_document.uri, false).await else {
            return Ok(None);
        };
        let encoding = self.inner.session().encoding;
        let user = self.inner.user_glossary(&p.text_document.uri).await;
        let glossary = user.as_ref().map_or(Glossary::shared(), |u| &u.glossary);
        guarded("hover", || {
            features::hover(&a, glossary, p.position, encoding)
        })
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some(a) = self.inner.current(&p.text_document.uri, false).await else {
            return Ok(None);
        };
        // Only user glossaries have a file to go to.
        let Some(user) = self.inner.user_glossary(&p.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.inner.session().encoding;
        guarded("definition", || {
            features::glossary_definition(&a, &user, p.position, encoding)
                .map(GotoDefinitionResponse::Scalar)
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(a) = self.inner.current(&params.text_document.uri, true).await else {
            return Ok(None);
        };
        let session = self.inner.session();
        guarded("codeAction", || {
            features::code_actions(&a, &params, session.encoding, session.resolve_edits)
        })
    }

    async fn code_action_resolve(&self, mut action: CodeAction) -> Result<CodeAction> {
        let Some((uri, code)) = action.data.as_ref().and_then(features::fix_all_target) else {
            return Ok(action);
        };
        action.edit = self.inner.fix_all(&uri, code).await?;
        Ok(action)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != features::FIX_ALL_COMMAND {
            return Err(Error::invalid_params(format!(
                "unknown command {}",
                params.command
            )));
        }
        let Some((uri, code)) = params.arguments.first().and_then(features::fix_all_target) else {
            return Err(Error::invalid_params(
                "expected {\"fixAll\": code or \"all\", \"uri\": …}",
            ));
        };
        let Some(edit) = self.inner.fix_all(&uri, code).await? else {
            return Ok(None);
        };
        // Not awaited here: a client may handle the applyEdit request only after this
        // reply.
        let client = self.inner.client.clone();
        tokio::spawn(async move {
            let apply = client.apply_edit(edit);
            match tokio::time::timeout(APPLY_EDIT_TIMEOUT, apply).await {
                Ok(Ok(r)) if !r.applied => tracing::warn!(
                    "the client did not apply the fix-all: {}",
                    r.failure_reason.unwrap_or_default()
                ),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!("workspace/applyEdit failed: {e}"),
                Err(_) => tracing::warn!("workspace/applyEdit: no answer"),
            }
        });
        Ok(None)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(a) = self.inner.current(&params.text_document.uri, false).await else {
            return Ok(None);
        };
        // Sessions served through `super::serve` answer from `folding_ranges_json`.
        blocking("foldingRange", move || features::folding_ranges(&a))
            .await
            .map(Some)
            .ok_or_else(Error::internal_error)
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let Some(a) = self.inner.current(&params.text_document.uri, false).await else {
            return Ok(None);
        };
        let encoding = self.inner.session().encoding;
        guarded("selectionRange", || {
            Some(
                params
                    .positions
                    .iter()
                    .map(|&p| features::selection_range(&a, p, encoding))
                    .collect(),
            )
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.inner.current(&uri, false).await else {
            return Ok(None);
        };
        let session = self.inner.session();
        // Normally answered by `prebuilt::Prebuilt` before it gets here.
        guarded("documentSymbol", || {
            Some(features::document_symbols(
                &a,
                &uri,
                session.encoding,
                session.hierarchical_symbols,
            ))
        })
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let encoding = self.inner.session().encoding;
        let mut out = Vec::new();
        for uri in self.inner.open_uris() {
            if let Some(a) = self.inner.current(&uri, false).await {
                out.extend(guarded("workspace/symbol", || {
                    features::workspace_symbols(&a, &uri, &params.query, encoding)
                })?);
            }
        }
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }
}
