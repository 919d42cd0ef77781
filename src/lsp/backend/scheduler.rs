//! Scheduling: CPU slots for blocking work, each document's debounced
//! analysis-and-publish task, outline preparation, publishing, trimming memory.

use super::{Inner, OpenDocument, Session, lock, release_free_memory};
use crate::incremental::{Snapshot, Step, execute, execute_document};
use crate::lsp::convert;
use crate::lsp::features;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use tower_lsp_server::ls_types::*;

/// Documents at least this large leave their outline to the first request that needs it.
const LARGE_BYTES: usize = 512 * 1024;

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
    Published(Arc<Snapshot>),
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
pub(super) async fn blocking<T: Send + 'static>(
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

impl Inner {
    /// The analysis of the document's current version, running it now if needed; `complete`
    /// also waits for the document-level phase.
    pub async fn current(self: &Arc<Self>, uri: &Uri, complete: bool) -> Option<Arc<Snapshot>> {
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
    /// installed analysis will do even if paragraphs are left (see `Snapshot::partial`).
    async fn local_of(
        &self,
        doc: &Arc<Mutex<OpenDocument>>,
        partial: bool,
    ) -> Option<Arc<Snapshot>> {
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
    async fn complete_of(&self, doc: &Arc<Mutex<OpenDocument>>) -> Option<Arc<Snapshot>> {
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
    pub(super) fn schedule(
        self: &Arc<Self>,
        uri: Uri,
        doc: Arc<Mutex<OpenDocument>>,
        delay: Duration,
    ) {
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
        doc: &Arc<Mutex<OpenDocument>>,
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
        doc: &Arc<Mutex<OpenDocument>>,
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
    async fn prepare_outline(
        &self,
        uri: &Uri,
        doc: &Arc<Mutex<OpenDocument>>,
        warm: Arc<Snapshot>,
    ) {
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
        doc: &Arc<Mutex<OpenDocument>>,
        a: Arc<Snapshot>,
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
    pub(super) async fn send(&self, uri: &Uri, outgoing: Outgoing, version: Option<i32>) {
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
}

/// How long after the last `didClose` of a burst the freed memory is handed back.
const TRIM_AFTER_CLOSE: Duration = Duration::from_millis(300);

/// How long an idle blocking thread of the server's runtime lives (tokio's default, set
/// explicitly because the second trim after closing waits for those threads to end).
pub const BLOCKING_KEEP_ALIVE: Duration = Duration::from_secs(10);

impl Inner {
    /// A document was closed: once no other close follows for [`TRIM_AFTER_CLOSE`] (its
    /// analysis task, aborted, has wound down by then), hand the pages its text, caches and
    /// snapshots held back to the system. glibc keeps freed memory in its arenas, where it
    /// stays resident: 100 documents of 100 KB opened and closed left ~400 MB resident.
    ///
    /// When that leaves no document open, it trims once more after the idle blocking threads
    /// have ended: each keeps per-thread caches (the segmenter's words learned from the texts
    /// it analysed) that are freed only when the thread ends. `scripts/lsp_bounded.py close`:
    /// 59–60 MB resident 10 s after closing 100 documents of 100 KB, 49 MB after this trim.
    pub(super) fn trim_after_close(self: &Arc<Self>) {
        let n = self.closes.fetch_add(1, Ordering::SeqCst) + 1;
        let inner = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(TRIM_AFTER_CLOSE).await;
            if inner.closes.load(Ordering::SeqCst) != n {
                return;
            }
            blocking("trim", release_free_memory).await;
            if !lock(&inner.docs).is_empty() {
                return;
            }
            tokio::time::sleep(BLOCKING_KEEP_ALIVE + Duration::from_secs(1)).await;
            if inner.closes.load(Ordering::SeqCst) == n && lock(&inner.docs).is_empty() {
                blocking("trim", release_free_memory).await;
            }
        });
    }
}

/// A publish ready to go: serialized off the async workers when the output takes frames.
pub(super) enum Outgoing {
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
    crate::lsp::prebuilt::notification_frame("textDocument/publishDiagnostics", &params)
}
