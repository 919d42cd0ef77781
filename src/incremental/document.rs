//! One open document: its text and its paragraph cache, edits to them, and the plan of a run
//! and the outcome it installs.

use super::paragraph_list::ParagraphList;
use super::snapshot::Snapshot;
use crate::analysis::{Config, DocContext, DocSummary, Finding};
use crate::incremental::paragraphs::{CacheEntry, DirtyRegion, Expanded, ParagraphCache};
use ropey::Rope;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// One open document.
pub struct LiveDocument {
    pub version: i32,
    pub markdown: bool,
    pub rope: Rope,
    /// Bumped by every edit and config change.
    pub generation: u64,
    /// The same number, readable by a running analysis without the lock.
    pub live: Arc<AtomicU64>,
    /// Bumped whenever the cache's entries change shape (edits, installs).
    pub(super) layout: u64,
    pub(super) cache: ParagraphCache,
    /// Document-level findings of the last second phase, shifted along with edits since.
    pub(super) document_findings: Arc<Vec<Finding>>,
    /// Whether `document_findings` were computed for the current generation.
    pub(super) document_fresh: bool,
    pub config: Arc<Config>,
    pub analysis: Option<Arc<Snapshot>>,
    /// Byte offset of the last edit: capped diagnostics are chosen around it.
    pub focus: usize,
    /// Paragraphs whose full findings are kept (see [`Expanded`]).
    pub(super) kept: Arc<Expanded>,
}

/// Work for one analysis run, taken under the lock.
pub struct LocalPlan {
    pub(super) generation: u64,
    pub(super) layout: u64,
    pub(super) version: i32,
    pub(super) markdown: bool,
    pub(super) rope: Rope,
    pub(super) regions: Vec<DirtyRegion>,
    pub(super) has_clean: bool,
    pub(super) clean_counts: DocSummary,
    pub(super) cached_context: DocContext,
    pub(super) config: Arc<Config>,
    pub(super) live: Arc<AtomicU64>,
}

/// Results of an execution, to install.
pub struct LocalOutcome {
    pub(super) plan_generation: u64,
    pub(super) layout: u64,
    pub(super) version: i32,
    pub(super) markdown: bool,
    pub(super) rope: Rope,
    pub(super) full_rerun: bool,
    pub(super) replacements: Vec<(DirtyRegion, Vec<CacheEntry>)>,
    pub(super) summary: DocSummary,
    pub(super) config: Arc<Config>,
}

pub enum Step {
    Ready(Arc<Snapshot>),
    Run(Box<LocalPlan>),
}

impl LiveDocument {
    pub fn new(version: i32, text: &str, markdown: bool, config: Arc<Config>) -> LiveDocument {
        LiveDocument {
            version,
            markdown,
            rope: Rope::from_str(text),
            generation: 1,
            live: Arc::new(AtomicU64::new(1)),
            layout: 0,
            cache: ParagraphCache::new(text.len()),
            document_findings: Arc::default(),
            document_fresh: false,
            config,
            analysis: None,
            focus: 0,
            kept: Arc::default(),
        }
    }

    /// Makes analyses under way stale: their results will not be installed.
    pub fn invalidate(&mut self) {
        self.bump();
    }

    fn bump(&mut self) {
        self.generation += 1;
        self.layout += 1;
        self.document_fresh = false;
        self.live.store(self.generation, Ordering::SeqCst);
    }

    /// Replaces bytes `start..end` (clamped to the text, to character boundaries) by `new`.
    pub fn edit(&mut self, start: usize, end: usize, new: &str) {
        let len = self.rope.len_bytes();
        let start = crate::position::rope::floor_char_boundary(&self.rope, start.min(len));
        let end = crate::position::rope::floor_char_boundary(&self.rope, end.clamp(start, len));
        let (c0, c1) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
        self.rope.remove(c0..c1);
        self.rope.insert(c0, new);
        self.cache.edit(start, end, new.len());
        self.document_findings = Arc::new(shift_past_edit(
            &self.document_findings,
            start,
            end,
            new.len(),
        ));
        self.focus = start;
        self.bump();
    }

    pub fn set_config(&mut self, config: Arc<Config>) {
        self.config = config;
        self.cache.invalidate_all();
        self.document_findings = Arc::default();
        self.bump();
    }

    /// The current analysis, or the work needed to bring it up to date.
    pub fn plan(&self) -> Step {
        if let Some(a) = &self.analysis
            && a.generation == self.generation
            && !a.partial
        {
            return Step::Ready(a.clone());
        }
        Step::Run(Box::new(LocalPlan {
            generation: self.generation,
            layout: self.layout,
            version: self.version,
            markdown: self.markdown,
            rope: self.rope.clone(),
            regions: self.cache.dirty_regions(),
            has_clean: self.cache.has_clean(),
            clean_counts: self.cache.clean_counts(),
            cached_context: self.cache.context,
            config: self.config.clone(),
            live: self.live.clone(),
        }))
    }

    /// Stores an execution's results if the document has not changed since its plan; returns
    /// the analysis of the current generation if there is one.
    pub fn install(&mut self, outcome: LocalOutcome) -> Option<Arc<Snapshot>> {
        if outcome.plan_generation == self.generation && outcome.layout == self.layout {
            if outcome.full_rerun {
                self.cache = ParagraphCache::new(self.rope.len_bytes());
                let regions = self.cache.dirty_regions();
                let entries = outcome
                    .replacements
                    .into_iter()
                    .flat_map(|(_, e)| e)
                    .collect();
                self.cache.install(vec![(regions[0], entries)]);
            } else {
                self.cache.install(outcome.replacements);
            }
            self.cache.context = outcome.summary.context();
            self.layout += 1;
            let mut analysis = Snapshot::new(
                outcome.plan_generation,
                outcome.version,
                outcome.markdown,
                outcome.rope,
                Arc::new(ParagraphList::new(&self.cache)),
                self.document_findings.clone(),
                self.document_fresh,
                outcome.summary,
                outcome.config,
                None,
            );
            analysis.partial = !self.cache.is_clean();
            analysis.kept = self.kept.clone();
            self.analysis = Some(Arc::new(analysis));
        }
        self.current()
    }

    /// The analysis of the current version, even a partial one (see [`Snapshot::partial`]).
    pub fn latest(&self) -> Option<Arc<Snapshot>> {
        self.current()
    }

    pub(super) fn current(&self) -> Option<Arc<Snapshot>> {
        self.analysis
            .as_ref()
            .filter(|a| a.generation == self.generation)
            .cloned()
    }
}

/// Document-level findings after replacing `start..end` by `new_len` bytes: those wholly
/// before the edit stay, those wholly after move, those touching it are dropped until the
/// document phase recomputes them.
fn shift_past_edit(findings: &[Finding], start: usize, end: usize, new_len: usize) -> Vec<Finding> {
    let removed = end - start;
    findings
        .iter()
        .filter_map(|f| {
            let spans = || std::iter::once(&f.range).chain(f.fixes.iter().map(|x| &x.range));
            if spans().all(|r| r.end <= start) {
                Some(f.clone())
            } else if spans().all(|r| r.start >= end) {
                let mut g = f.clone().shifted(new_len);
                g.range = g.range.start - removed..g.range.end - removed;
                for fix in &mut g.fixes {
                    fix.range = fix.range.start - removed..fix.range.end - removed;
                }
                Some(g)
            } else {
                None
            }
        })
        .collect()
}
