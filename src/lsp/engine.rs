//! Incremental analysis of one open document, and the immutable snapshot it produces.
//!
//! A run has three steps so that no lock is held while analysing: [`Document::plan`] (under
//! the document's lock: clone the rope, O(1), and list the dirty paragraphs), [`execute`]
//! (no lock, on a blocking thread: analyse the dirty paragraphs), and [`Document::install`]
//! (under the lock: store the results if no edit came in meanwhile). An execution whose
//! document moved on stops early (it polls the live generation).
//!
//! Document-level detectors (page chrome, appended lists, keyword injection) run as a second
//! phase ([`Document::plan_document`], [`execute_document`], [`Document::install_document`])
//! on what the first left behind: each cached paragraph keeps an
//! `analysis::summary::ParagraphSummary` (computed with its local findings, so only dirty
//! paragraphs are summarised again), and the phase combines the summaries and re-reads only
//! the paragraphs at the document's two ends, a few milliseconds on 10 MB. Until it finishes
//! (or while a large document just opened is partly analysed), an analysis carries the
//! previous document-level findings with their offsets shifted past the edits (those the
//! edits touched are dropped), and is marked incomplete.

use super::convert;
use super::paragraphs::{
    CODES, Chunk, CleanParagraph, DirtyRegion, ENCODINGS, Entry, Expanded, ParagraphCache,
    analyse_paragraph,
};
use super::symbols;
use crate::analysis::outline::{
    FlatOutline, Symbol, TITLE_SEARCH_LINES, flat_outline, outline, outline_of_scan,
    section_char_count,
};
use crate::analysis::spam::layout::Excerpt;
use crate::analysis::summary::{self, SummarisedDocument};
use crate::analysis::{
    self, Code, Config, DocContext, DocSummary, Finding, Fix, Profile, TextKind,
};
use crate::position::Encoding;
use crate::position::LineCol;
use rayon::prelude::*;
use ropey::Rope;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use tower_lsp_server::ls_types::{Diagnostic, Position, Range as LspRange};

const MARKER: &str = "jiaodui-";
/// A fresh document larger than this is analysed in two goes: the first paragraphs (up to
/// [`FIRST_BYTES`]), published at once, then the rest. The editor shows the top of a file
/// it opens, so that is where the first diagnostics are needed.
const PROGRESSIVE_BYTES: usize = if cfg!(test) { 4096 } else { 2 * 1024 * 1024 };
const FIRST_BYTES: usize = if cfg!(test) { 1024 } else { 256 * 1024 };
/// Regions with more paragraphs than this are analysed on all cores.
const PARALLEL_PARAGRAPHS: usize = 64;

/// One open document.
pub struct Document {
    pub version: i32,
    pub markdown: bool,
    pub rope: Rope,
    /// Bumped by every edit and config change.
    pub generation: u64,
    /// The same number, readable by a running analysis without the lock.
    pub live: Arc<AtomicU64>,
    /// Bumped whenever the cache's entries change shape (edits, installs).
    layout: u64,
    cache: ParagraphCache,
    /// Document-level findings of the last second phase, shifted along with edits since.
    document_findings: Arc<Vec<Finding>>,
    /// Whether `document_findings` were computed for the current generation.
    document_fresh: bool,
    pub config: Arc<Config>,
    pub analysis: Option<Arc<Analysis>>,
    /// Byte offset of the last edit: capped diagnostics are chosen around it.
    pub focus: usize,
    /// The document's analysis-and-publish task, if one is scheduled.
    pub pending: Option<tokio::task::AbortHandle>,
    /// That task's number (to tell it from a task that replaced it) and whether it is past
    /// its debounce: queued for a CPU slot or running, analysing whatever text is current.
    pub pending_ticket: u64,
    pub pending_queued: bool,
    /// Held from the last check that an analysis is current until its publish is sent, so
    /// that a newer publish (or the empty one on close) cannot overtake an older one.
    pub publishing: Arc<tokio::sync::Mutex<()>>,
    /// Paragraphs whose full findings are kept (see [`Expanded`]).
    kept: Arc<Expanded>,
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

/// Work for one analysis run, taken under the lock.
pub struct Plan {
    generation: u64,
    layout: u64,
    version: i32,
    markdown: bool,
    rope: Rope,
    regions: Vec<DirtyRegion>,
    has_clean: bool,
    clean_counts: DocSummary,
    cached_context: DocContext,
    config: Arc<Config>,
    live: Arc<AtomicU64>,
}

/// Results of an execution, to install.
pub struct Outcome {
    plan_generation: u64,
    layout: u64,
    version: i32,
    markdown: bool,
    rope: Rope,
    full_rerun: bool,
    replacements: Vec<(DirtyRegion, Vec<Entry>)>,
    summary: DocSummary,
    config: Arc<Config>,
}

/// Work for the document-level phase.
pub struct DocumentPlan {
    generation: u64,
    analysis: Arc<Analysis>,
    live: Arc<AtomicU64>,
}

pub struct DocumentOutcome {
    generation: u64,
    findings: Vec<Finding>,
}

pub enum Step {
    Ready(Arc<Analysis>),
    Run(Box<Plan>),
}

impl Document {
    pub fn new(version: i32, text: &str, markdown: bool, config: Arc<Config>) -> Document {
        Document {
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
            pending: None,
            pending_ticket: 0,
            pending_queued: false,
            publishing: Arc::default(),
            kept: Arc::default(),
            symbols_asked: false,
            folding_asked: false,
            out_of_sync: false,
            heavy: Arc::default(),
        }
    }

    /// Marks the text as no longer the client's (see [`Document::out_of_sync`]); analyses
    /// under way are made stale.
    pub fn lose_sync(&mut self) {
        self.out_of_sync = true;
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
        Step::Run(Box::new(Plan {
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
    pub fn install(&mut self, outcome: Outcome) -> Option<Arc<Analysis>> {
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
            let mut analysis = Analysis::new(
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

    /// The analysis of the current version, even a partial one (see [`Analysis::partial`]).
    pub fn latest(&self) -> Option<Arc<Analysis>> {
        self.current()
    }

    fn current(&self) -> Option<Arc<Analysis>> {
        self.analysis
            .as_ref()
            .filter(|a| a.generation == self.generation)
            .cloned()
    }

    /// Work for the document-level phase, if the current analysis still lacks it.
    pub fn plan_document(&self) -> Option<DocumentPlan> {
        let analysis = self.current()?;
        (!analysis.complete && !analysis.partial).then(|| DocumentPlan {
            generation: self.generation,
            analysis,
            live: self.live.clone(),
        })
    }

    /// Stores document-level findings computed for the current generation.
    pub fn install_document(&mut self, outcome: DocumentOutcome) -> Option<Arc<Analysis>> {
        let current = self.current()?;
        if outcome.generation != self.generation || current.complete {
            return Some(current);
        }
        self.document_findings = Arc::new(outcome.findings);
        self.document_fresh = true;
        let a = &current;
        let mut analysis = Analysis::new(
            a.generation,
            a.version,
            a.markdown,
            a.rope.clone(),
            a.paragraphs.clone(),
            self.document_findings.clone(),
            true,
            a.summary,
            a.config.clone(),
            a.text.get().cloned(),
        );
        analysis.partial = a.partial;
        analysis.kept = self.kept.clone();
        let analysis = Arc::new(analysis);
        self.analysis = Some(analysis.clone());
        Some(analysis)
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

/// The bits of the codes for which `wanted` holds (see [`Paragraph::codes`]).
fn mask_of(wanted: [bool; CODES]) -> u16 {
    (0..CODES)
        .filter(|&i| wanted[i])
        .fold(0, |mask, i| mask | 1 << i)
}

/// A clean paragraph of an analysis: its start, length and cached findings.
#[derive(Clone, Copy)]
struct Paragraph<'a> {
    start: usize,
    len: usize,
    /// `data.codes`.
    codes: u16,
    data: &'a Arc<CleanParagraph>,
}

/// The clean paragraphs of one installed cache: its chunks, shared with it (so building one
/// per version costs O(chunks)), and what is summed over them. Paragraph `i` is the `i`th
/// clean entry. Shared by the analyses made from one install (the local one and the
/// complete one).
struct ParagraphList {
    chunks: Vec<Arc<Chunk>>,
    /// Each chunk's byte start.
    starts: Vec<usize>,
    /// The index of each chunk's first clean paragraph, and the total after the last.
    first: Vec<usize>,
    /// Local findings per code (disabled codes included).
    counts: [usize; CODES],
    has_marker: bool,
}

impl ParagraphList {
    fn new(cache: &ParagraphCache) -> ParagraphList {
        let chunks = cache.chunks().to_vec();
        let mut starts = Vec::with_capacity(chunks.len());
        let mut first = Vec::with_capacity(chunks.len() + 1);
        let mut counts = [0usize; CODES];
        let mut has_marker = false;
        let (mut at, mut index) = (0, 0);
        for c in &chunks {
            starts.push(at);
            first.push(index);
            at += c.len();
            index += c.clean_len();
            if c.codes != 0 {
                for (total, n) in counts.iter_mut().zip(c.per_code) {
                    *total += n;
                }
            }
            has_marker |= c.has_marker;
        }
        first.push(index);
        ParagraphList {
            chunks,
            starts,
            first,
            counts,
            has_marker,
        }
    }

    fn paragraph(&self, chunk: usize, k: usize) -> Paragraph<'_> {
        let (start, len, data) = self.chunks[chunk].clean(k);
        Paragraph {
            start: self.starts[chunk] + start,
            len,
            codes: data.codes,
            data,
        }
    }

    /// Number of paragraphs.
    fn len(&self) -> usize {
        self.first.last().copied().unwrap_or(0)
    }

    /// Paragraph `i` (panics past the end, like indexing).
    fn get(&self, i: usize) -> Paragraph<'_> {
        let chunk = self.first.partition_point(|&f| f <= i) - 1;
        self.paragraph(chunk, i - self.first[chunk])
    }

    /// How many paragraphs start at or before `offset`.
    fn starting_by(&self, offset: usize) -> usize {
        let chunk = self.starts.partition_point(|&s| s <= offset);
        if chunk == 0 {
            return 0;
        }
        let c = chunk - 1;
        self.first[c] + self.chunks[c].clean_starting_by(offset - self.starts[c])
    }

    /// The paragraphs from `from` on, with their indices.
    fn iter_from(&self, from: usize) -> impl Iterator<Item = (usize, Paragraph<'_>)> + '_ {
        self.kept_from(from, |_| true)
    }

    /// The paragraphs from `from` on, in the chunks `keep` accepts.
    fn kept_from(
        &self,
        from: usize,
        keep: impl Fn(&Chunk) -> bool + 'static,
    ) -> impl Iterator<Item = (usize, Paragraph<'_>)> + '_ {
        let chunk = self.first.partition_point(|&f| f <= from).saturating_sub(1);
        (chunk..self.chunks.len())
            .filter(move |&c| keep(&self.chunks[c]))
            .flat_map(move |c| {
                let skip = from.saturating_sub(self.first[c]);
                (skip..self.chunks[c].clean_len())
                    .map(move |k| (self.first[c] + k, self.paragraph(c, k)))
            })
    }

    fn iter(&self) -> impl Iterator<Item = (usize, Paragraph<'_>)> + '_ {
        self.iter_from(0)
    }

    /// The paragraphs before `end`, last first, skipping whole chunks without a finding of
    /// `mask`'s codes.
    fn rev_with_codes(
        &self,
        end: usize,
        mask: u16,
    ) -> impl Iterator<Item = (usize, Paragraph<'_>)> + '_ {
        let last = self.first.partition_point(|&f| f < end);
        (0..last)
            .rev()
            .filter(move |&c| self.chunks[c].codes & mask != 0)
            .flat_map(move |c| {
                let upto = (end - self.first[c]).min(self.chunks[c].clean_len());
                (0..upto)
                    .rev()
                    .map(move |k| (self.first[c] + k, self.paragraph(c, k)))
            })
    }

    /// The paragraphs from `from` on, skipping whole chunks without a finding of `mask`'s
    /// codes.
    fn with_codes_from(
        &self,
        from: usize,
        mask: u16,
    ) -> impl Iterator<Item = (usize, Paragraph<'_>)> + '_ {
        self.kept_from(from, move |c| c.codes & mask != 0)
    }
}

/// The findings of paragraph `p`, number `i`, as `Located`.
fn located_in(i: usize, p: Paragraph<'_>) -> impl DoubleEndedIterator<Item = Located> + '_ {
    p.data
        .marks
        .iter()
        .enumerate()
        .map(move |(nth, m)| Located {
            code: m.code,
            start: p.start + m.start as usize,
            end: p.start + m.end as usize,
            safe_fix: m.safe_fix,
            origin: Origin::Local { paragraph: i, nth },
        })
}

/// Analyses one paragraph that starts at byte `start` of the document.
fn analyse_one(para: &str, start: usize, summary: &DocSummary, config: &Config) -> Entry {
    let (findings, paragraph) = analyse_paragraph(para, start, summary, config);
    Entry::Clean(
        para.len(),
        Arc::new(CleanParagraph::new(
            findings,
            para.len(),
            paragraph,
            para.contains(MARKER),
        )),
    )
}

/// Analyses the paragraphs of `text`, which starts at byte `base` of the document.
fn analyse_paragraphs(
    text: &str,
    base: usize,
    summary: &DocSummary,
    config: &Config,
) -> Vec<Entry> {
    let ranges = analysis::paragraphs(text);
    let single = ranges.len() == 1;
    let ranges: Vec<Range<usize>> = ranges
        .into_iter()
        .filter(|r| single || !r.is_empty())
        .collect();
    let one = |r: &Range<usize>| analyse_one(&text[r.clone()], base + r.start, summary, config);
    if ranges.len() > PARALLEL_PARAGRAPHS {
        ranges.par_iter().map(one).collect()
    } else {
        ranges.iter().map(one).collect()
    }
}

/// Analyses the paragraphs of `text` (at byte `base`) that start within its first
/// [`FIRST_BYTES`], and leaves the rest as one dirty entry (its start is a paragraph boundary,
/// so it splits on its own as the whole text would).
fn analyse_first_paragraphs(
    text: &str,
    base: usize,
    summary: &DocSummary,
    config: &Config,
) -> Vec<Entry> {
    let ranges = analysis::paragraphs(text);
    let end = ranges
        .iter()
        .find(|r| r.end >= FIRST_BYTES)
        .map_or(text.len(), |r| r.end);
    let mut entries = analyse_paragraphs(&text[..end], base, summary, config);
    if end < text.len() {
        entries.push(Entry::Dirty(text.len() - end));
    }
    entries
}

/// Runs a plan (local detectors on the dirty paragraphs). `None` if the document moved on.
pub fn execute(plan: &Plan) -> Option<Outcome> {
    let started = std::time::Instant::now();
    let stale = || plan.live.load(Ordering::SeqCst) != plan.generation;
    let pieces: Vec<String> = plan
        .regions
        .iter()
        .map(|r| plan.rope.byte_slice(r.start..r.start + r.len).to_string())
        .collect();
    // The document's summary: cached counts of clean paragraphs plus those of dirty regions.
    let mut summary = plan.clean_counts;
    for piece in &pieces {
        summary.add(DocSummary::of(piece));
    }
    let full_rerun = summary.context() != plan.cached_context && plan.has_clean;
    let mut replacements = Vec::new();
    if full_rerun {
        let text = plan.rope.to_string();
        let region = DirtyRegion {
            chunk: 0,
            entry: 0,
            start: 0,
            len: text.len(),
        };
        replacements.push((region, analyse_paragraphs(&text, 0, &summary, &plan.config)));
    } else {
        for (r, piece) in plan.regions.iter().zip(&pieces) {
            if stale() {
                return None;
            }
            let entries = if !plan.has_clean && piece.len() > PROGRESSIVE_BYTES {
                analyse_first_paragraphs(piece, r.start, &summary, &plan.config)
            } else {
                analyse_paragraphs(piece, r.start, &summary, &plan.config)
            };
            replacements.push((*r, entries));
        }
    }
    tracing::debug!(
        "local analysis of {} bytes: {} dirty regions ({} bytes){} in {:?}",
        plan.rope.len_bytes(),
        plan.regions.len(),
        plan.regions.iter().map(|r| r.len).sum::<usize>(),
        if full_rerun {
            ", document context changed: everything"
        } else {
            ""
        },
        started.elapsed()
    );
    (!stale()).then(|| Outcome {
        plan_generation: plan.generation,
        layout: plan.layout,
        version: plan.version,
        markdown: plan.markdown,
        rope: plan.rope.clone(),
        full_rerun,
        replacements,
        summary,
        config: plan.config.clone(),
    })
}

/// Runs the document-level detectors on the paragraphs' cached summaries and the text of
/// the document's two ends (the whole text only when the ends meet). `None` if the document
/// moved on.
pub fn execute_document(plan: &DocumentPlan) -> Option<DocumentOutcome> {
    let started = std::time::Instant::now();
    let a = &plan.analysis;
    if plan.live.load(Ordering::SeqCst) != plan.generation {
        return None;
    }
    // Only what the detectors read: the paragraphs at the two ends (for how far the ends
    // reach), the few with keyword-injection candidates (listed per chunk), and the script
    // counts summed per chunk. Gathering all ~17k paragraphs of a 10 MB text took ~5 ms of
    // each keystroke.
    let list = &a.paragraphs;
    let count = list.len();
    let total = count.checked_sub(1).map_or(0, |last| {
        let p = list.get(last);
        p.start + p.len
    });
    let ends = summary::ends_needed_at(count, total, |i| {
        let p = list.get(i);
        (p.len, p.data.summary.nonblank_lines)
    });
    let mut counts = DocSummary::default();
    let mut injection = Vec::new();
    for (c, chunk) in list.chunks.iter().enumerate() {
        counts.add(chunk.clean_counts());
        for &k in chunk.injections() {
            let p = list.paragraph(c, k as usize);
            if let Some(candidates) = p.data.summary.injection.as_deref() {
                injection.push((p.start, candidates));
            }
        }
    }
    let texts = ends
        .clone()
        .map(|(head, foot)| (a.slice(head), a.slice(foot)));
    let excerpt = match (&ends, &texts) {
        (Some((_, foot)), Some((head_text, foot_text))) => {
            Excerpt::ends(head_text, foot.start, foot_text, a.rope.len_bytes())
        }
        _ => Excerpt::whole(a.text()),
    };
    let gathered = started.elapsed();
    let doc = SummarisedDocument::from_parts(injection, counts, excerpt, &a.config);
    let findings = summary::check_document_summarised(&doc, &a.config);
    tracing::debug!(
        "document analysis of {} bytes ({} paragraphs, ends {:?}) in {:?} (summaries and ends gathered in {:?})",
        a.rope.len_bytes(),
        count,
        ends,
        started.elapsed(),
        gathered,
    );
    Some(DocumentOutcome {
        generation: plan.generation,
        findings,
    })
}

/// Where a finding is and what kind, without its message or fixes (see
/// [`Analysis::full`] for those). Offsets are absolute.
#[derive(Clone, Copy, Debug)]
pub struct Located {
    code: Code,
    start: usize,
    end: usize,
    safe_fix: bool,
    origin: Origin,
}

#[derive(Clone, Copy, Debug)]
enum Origin {
    /// The `nth` finding of paragraph `paragraph` (an index into the analysis's list).
    Local {
        paragraph: usize,
        nth: usize,
    },
    Document(usize),
    Materialized(usize),
}

impl Located {
    fn of(f: &Finding, origin: Origin) -> Located {
        Located {
            code: f.code,
            start: f.range.start,
            end: f.range.end,
            safe_fix: f.fixes.iter().any(|x| x.safe),
            origin,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn code(&self) -> Code {
        self.code
    }

    /// Whether the finding has a fix that fix-all applies.
    pub fn has_safe_fix(&self) -> bool {
        self.safe_fix
    }
}

/// Everything known about one version of a document. Immutable and shared: handlers work on
/// a snapshot without holding the document's lock.
pub struct Analysis {
    pub generation: u64,
    pub version: i32,
    pub markdown: bool,
    pub rope: Rope,
    /// The whole text, built from the rope on first use (most keystrokes never need it).
    text: OnceLock<Arc<str>>,
    pub config: Arc<Config>,
    pub summary: DocSummary,
    /// Whether the document-level findings belong to this version (see the module docs).
    pub complete: bool,
    /// Some paragraphs are not analysed yet (a large document just opened): their local
    /// findings are missing. Published, and used by requests that need not wait.
    pub partial: bool,
    /// The paragraphs and their cached findings (relative offsets).
    paragraphs: Arc<ParagraphList>,
    document_findings: Arc<Vec<Finding>>,
    /// Set instead when suppression markers or Markdown regions need the whole list.
    materialized: Option<Vec<Finding>>,
    counts: [usize; CODES],
    enabled: [bool; CODES],
    pub skipped: Vec<Range<usize>>,
    /// The outline, and the positions of its lines' offsets (see [`Self::outline_range`]).
    outline: OnceLock<(Vec<Symbol>, HashMap<usize, [LineCol; 3]>)>,
    /// Section lengths already computed for hovers, by section range.
    section_chars: Mutex<HashMap<(usize, usize), usize>>,
    /// Paragraphs whose full findings were rebuilt lately (shared by the document's versions).
    pub kept: Arc<Expanded>,
    /// The documentSymbol result as JSON for the client's position encoding and hierarchy
    /// support, serialized once per version (see `features::document_symbols_json`).
    pub lsp_symbols: Mutex<Option<(Encoding, bool, Arc<[u8]>)>>,
    /// The foldingRange result as JSON, built once per version (see
    /// `features::folding_ranges_json`).
    pub lsp_folding: OnceLock<Arc<[u8]>>,
    /// How many findings have a safe fix, per code (the last entry: all codes), counted
    /// once per version for the fix-all actions' titles: editors ask for code actions on
    /// every cursor move.
    safe_fix_counts: OnceLock<Vec<usize>>,
}

impl Analysis {
    /// How many findings of `code` (`None`: of every code) have a safe fix.
    pub fn safe_fix_count(&self, code: Option<Code>) -> usize {
        let counts = self.safe_fix_counts.get_or_init(|| {
            let mut counts = vec![0; CODES + 1];
            for f in self.iter().filter(|f| f.has_safe_fix()) {
                counts[f.code() as usize] += 1;
                counts[CODES] += 1;
            }
            counts
        });
        counts[code.map_or(CODES, |c| c as usize)]
    }

    #[allow(clippy::too_many_arguments)]
    fn new(
        generation: u64,
        version: i32,
        markdown: bool,
        rope: Rope,
        paragraphs: Arc<ParagraphList>,
        document_findings: Arc<Vec<Finding>>,
        complete: bool,
        summary: DocSummary,
        config: Arc<Config>,
        text: Option<Arc<str>>,
    ) -> Analysis {
        let has_marker = paragraphs.has_marker;
        let enabled = Code::ALL.map(|c| config.is_enabled(c));
        let mut analysis = Analysis {
            generation,
            version,
            markdown,
            rope,
            text: OnceLock::new(),
            config,
            summary,
            complete,
            partial: false,
            paragraphs,
            document_findings,
            materialized: None,
            counts: [0; CODES],
            enabled,
            skipped: Vec::new(),
            outline: OnceLock::new(),
            section_chars: Mutex::default(),
            lsp_symbols: Mutex::default(),
            lsp_folding: OnceLock::new(),
            safe_fix_counts: OnceLock::new(),
            kept: Arc::default(),
        };
        if let Some(text) = text {
            let _ = analysis.text.set(text);
        }
        let kind = if markdown {
            TextKind::Markdown
        } else {
            TextKind::Plain
        };
        if kind != TextKind::Plain {
            analysis.skipped = kind.skipped_ranges(analysis.text());
        }
        // Otherwise `analysis::finish` would only drop disabled codes (done by `iter`) and
        // set severities (done by `convert`).
        if has_marker || !analysis.skipped.is_empty() {
            let all = analysis.all_findings();
            let profile = Profile::new(&analysis.config, kind);
            analysis.materialized = Some(analysis::finish(analysis.text(), all, profile));
        }
        let mut counts = [0usize; CODES];
        if analysis.materialized.is_some() {
            for f in analysis.iter() {
                counts[f.code() as usize] += 1;
            }
        } else {
            counts = analysis.paragraphs.counts;
            for f in analysis.document_findings.iter() {
                counts[f.code as usize] += 1;
            }
            for (total, enabled) in counts.iter_mut().zip(analysis.enabled) {
                if !enabled {
                    *total = 0;
                }
            }
        }
        analysis.counts = counts;
        analysis
    }

    /// The whole text of this version.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| Arc::from(self.rope.to_string()))
    }

    /// `range` clamped into the text and onto character boundaries.
    pub fn rope_range(&self, range: Range<usize>) -> Range<usize> {
        let len = self.rope.len_bytes();
        let start = crate::position::rope::floor_char_boundary(&self.rope, range.start.min(len));
        let end =
            crate::position::rope::floor_char_boundary(&self.rope, range.end.clamp(start, len));
        start..end
    }

    /// The text of `range` (clamped), without building the whole text.
    pub fn slice(&self, range: Range<usize>) -> String {
        let r = self.rope_range(range);
        self.rope.byte_slice(r).to_string()
    }

    fn located_document(&self) -> impl Iterator<Item = Located> + '_ {
        self.document_findings
            .iter()
            .enumerate()
            .map(|(i, f)| Located::of(f, Origin::Document(i)))
    }

    /// Every finding: local ones paragraph by paragraph (in document order), then
    /// document-level ones.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Located> + '_> {
        if let Some(all) = &self.materialized {
            return Box::new(
                all.iter()
                    .enumerate()
                    .map(|(i, f)| Located::of(f, Origin::Materialized(i))),
            );
        }
        let enabled = self.enabled;
        let local = self.paragraphs.iter().flat_map(|(i, p)| located_in(i, p));
        Box::new(
            local
                .chain(self.located_document())
                .filter(move |f| enabled[f.code as usize]),
        )
    }

    /// The text of paragraph `i`, borrowed when possible.
    fn paragraph_text(&self, i: usize) -> Cow<'_, str> {
        let p = self.paragraphs.get(i);
        let r = p.start..p.start + p.len;
        match self.text.get() {
            Some(text) => Cow::Borrowed(&text[r]),
            None => self.rope.byte_slice(r).into(),
        }
    }

    /// The full findings of paragraph `i` (relative offsets), kept for a while.
    fn expand(&self, i: usize) -> Arc<[Finding]> {
        let p = self.paragraphs.get(i);
        p.data.expand(
            || self.paragraph_text(i),
            p.start,
            &self.summary,
            &self.config,
            &self.kept,
        )
    }

    /// The full finding (message, fixes) behind `f`, in absolute offsets.
    pub fn full(&self, f: Located) -> Finding {
        self.full_many(&[f]).pop().expect("one finding")
    }

    /// The full findings behind `fs`, in order; each paragraph is re-analysed once.
    pub fn full_many(&self, fs: &[Located]) -> Vec<Finding> {
        let mut expanded: HashMap<usize, Arc<[Finding]>> = HashMap::new();
        fs.iter()
            .map(|f| {
                let found = match f.origin {
                    Origin::Local { paragraph, nth } => {
                        let shift = self.paragraphs.get(paragraph).start;
                        expanded
                            .entry(paragraph)
                            .or_insert_with(|| self.expand(paragraph))
                            .get(nth)
                            .map(|x| x.clone().shifted(shift))
                    }
                    Origin::Document(i) => self.document_findings.get(i).cloned(),
                    Origin::Materialized(i) => {
                        self.materialized.as_ref().and_then(|m| m.get(i)).cloned()
                    }
                };
                found.unwrap_or_else(|| Finding::new(f.code, f.range(), f.code.as_str().into()))
            })
            .collect()
    }

    /// The diagnostics of `fs`, in order (see `convert::diagnostic`). Those of local findings
    /// come from their paragraph's diagnostics, converted once per paragraph and kept with its
    /// rebuilt findings, their lines moved to where the paragraph now starts: no position is
    /// looked up in the whole document's rope.
    pub fn diagnostics_of(&self, fs: &[Located], encoding: Encoding) -> Vec<Diagnostic> {
        let mut converted: HashMap<usize, (Arc<[Diagnostic]>, u32)> = HashMap::new();
        let mut paragraphs: Vec<usize> = fs
            .iter()
            .filter_map(|f| match f.origin {
                Origin::Local { paragraph, .. } => Some(paragraph),
                _ => None,
            })
            .collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        self.kept.fit(paragraphs.len());
        let out = fs
            .iter()
            .map(|f| {
                let found = match f.origin {
                    Origin::Local { paragraph, nth } => {
                        let (diagnostics, line) = converted.entry(paragraph).or_insert_with(|| {
                            let p = self.paragraphs.get(paragraph);
                            let diagnostics = p.data.diagnostics(
                                || self.paragraph_text(paragraph),
                                p.start,
                                &self.summary,
                                &self.config,
                                &self.kept,
                                encoding,
                                |text, found| {
                                    convert::paragraph_diagnostics(
                                        text,
                                        found,
                                        &self.config,
                                        encoding,
                                    )
                                },
                            );
                            (diagnostics, self.rope.byte_to_line(p.start) as u32)
                        });
                        diagnostics.get(nth).map(|d| {
                            let mut d = d.clone();
                            d.range.start.line += *line;
                            d.range.end.line += *line;
                            d
                        })
                    }
                    _ => None,
                };
                found.unwrap_or_else(|| convert::diagnostic(self, &self.full(*f), encoding))
            })
            .collect();
        out
    }

    /// Every finding in full (absolute offsets): local ones paragraph by paragraph, then
    /// document-level ones. Re-analyses every paragraph that has findings.
    pub fn all_findings(&self) -> Vec<Finding> {
        if let Some(all) = &self.materialized {
            return all.clone();
        }
        let mut out = self.local_full(|p| !p.marks.is_empty(), |_| true);
        out.extend(self.document_findings.iter().cloned());
        out.retain(|f| self.enabled[f.code as usize]);
        out
    }

    /// Full local findings (absolute offsets) that pass `keep`, from the paragraphs that pass
    /// `visit`; many paragraphs are re-analysed on all cores.
    fn local_full(
        &self,
        visit: impl Fn(&CleanParagraph) -> bool + Sync,
        keep: impl Fn(&Finding) -> bool + Sync,
    ) -> Vec<Finding> {
        let wanted: Vec<usize> = self
            .paragraphs
            .iter()
            .filter(|(_, p)| visit(p.data))
            .map(|(i, _)| i)
            .collect();
        let one = |&i: &usize| -> Vec<Finding> {
            let p = self.paragraphs.get(i);
            let shifted = |f: &Finding| keep(f).then(|| f.clone().shifted(p.start));
            match p.data.known() {
                Some(found) => found.iter().filter_map(shifted).collect(),
                None => {
                    let found = p.data.rebuild(
                        &self.paragraph_text(i),
                        p.start,
                        &self.summary,
                        &self.config,
                    );
                    found.iter().filter_map(shifted).collect()
                }
            }
        };
        if wanted.len() > PARALLEL_PARAGRAPHS {
            wanted.par_iter().flat_map_iter(one).collect()
        } else {
            wanted.iter().flat_map(one).collect()
        }
    }

    /// Safe fixes (absolute offsets) of the findings of `code`, or of every code, in order and
    /// without overlaps (the first of overlapping fixes wins, as in
    /// `analysis::fix::apply_fixes`).
    pub fn safe_fixes(&self, code: Option<Code>) -> Vec<Fix> {
        let wanted = |c: Code| self.enabled[c as usize] && code.is_none_or(|w| w == c);
        let fixes_of =
            |f: &Finding| -> Vec<Fix> { f.fixes.iter().filter(|x| x.safe).cloned().collect() };
        let mut all: Vec<Fix> = if let Some(m) = &self.materialized {
            m.iter()
                .filter(|f| wanted(f.code))
                .flat_map(fixes_of)
                .collect()
        } else {
            let mut local: Vec<Fix> = self
                .local_full(
                    |p| p.marks.iter().any(|m| m.safe_fix && wanted(m.code)),
                    |f| wanted(f.code),
                )
                .iter()
                .flat_map(fixes_of)
                .collect();
            local.extend(
                self.document_findings
                    .iter()
                    .filter(|f| wanted(f.code))
                    .flat_map(fixes_of),
            );
            local
        };
        all.sort_by_key(|f| (f.range.start, f.range.end));
        let mut out = Vec::with_capacity(all.len());
        let mut end = 0;
        for f in all {
            if f.range.start < end {
                continue;
            }
            end = f.range.end;
            out.push(f);
        }
        out
    }

    /// The safe fixes of [`Analysis::safe_fixes`] as bare edits (absolute range, replacement),
    /// for a fix-all: paragraphs are rebuilt on all cores and each one's findings dropped as
    /// soon as its edits are taken, so the whole document's findings are never held at once
    /// (on a garbled 10 MB document they are hundreds of MB). `stop` is polled between
    /// paragraphs; `None` if it said to stop.
    pub fn safe_edits(
        &self,
        code: Option<Code>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<(Range<usize>, String)>> {
        let wanted = |c: Code| self.enabled[c as usize] && code.is_none_or(|w| w == c);
        let edits_of = |f: &Finding, shift: usize, out: &mut Vec<(Range<usize>, String)>| {
            if wanted(f.code) {
                for x in f.fixes.iter().filter(|x| x.safe) {
                    out.push((
                        x.range.start + shift..x.range.end + shift,
                        x.replacement.clone(),
                    ));
                }
            }
        };
        let mut all: Vec<(Range<usize>, String)> = Vec::new();
        if let Some(m) = &self.materialized {
            for f in m.iter() {
                edits_of(f, 0, &mut all);
            }
        } else {
            let paragraphs: Vec<usize> = self
                .paragraphs
                .iter()
                .filter(|(_, p)| p.data.marks.iter().any(|m| m.safe_fix && wanted(m.code)))
                .map(|(i, _)| i)
                .collect();
            let one = |&i: &usize| -> Option<Vec<(Range<usize>, String)>> {
                if stop() {
                    return None;
                }
                let p = self.paragraphs.get(i);
                let mut out = Vec::new();
                match p.data.known() {
                    Some(found) => found.iter().for_each(|f| edits_of(f, p.start, &mut out)),
                    None => p
                        .data
                        .rebuild(
                            &self.paragraph_text(i),
                            p.start,
                            &self.summary,
                            &self.config,
                        )
                        .iter()
                        .for_each(|f| edits_of(f, p.start, &mut out)),
                }
                Some(out)
            };
            let per: Option<Vec<Vec<(Range<usize>, String)>>> =
                if paragraphs.len() > PARALLEL_PARAGRAPHS {
                    paragraphs.par_iter().map(one).collect()
                } else {
                    paragraphs.iter().map(one).collect()
                };
            all = per?.into_iter().flatten().collect();
            for f in self.document_findings.iter() {
                edits_of(f, 0, &mut all);
            }
        }
        if stop() {
            return None;
        }
        all.sort_by_key(|(r, _)| (r.start, r.end));
        let mut end = 0;
        all.retain(|(r, _)| {
            let keep = r.start >= end;
            if keep {
                end = r.end;
            }
            keep
        });
        Some(all)
    }

    /// Whether `iter` yields findings in document order (document-level ones can interleave).
    pub fn iter_is_sorted(&self) -> bool {
        self.materialized.is_some() || self.document_findings.is_empty()
    }

    pub fn count(&self, code: Code) -> usize {
        self.counts[code as usize]
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Findings of the codes for which `wanted` holds, in document order, visiting only
    /// paragraphs that have some (local findings; document-level ones come last).
    pub fn of_codes(&self, wanted: [bool; CODES]) -> Vec<Located> {
        let wanted = std::array::from_fn::<bool, CODES, _>(|i| {
            wanted[i] && self.enabled[i] && self.counts[i] > 0
        });
        if !wanted.contains(&true) {
            return Vec::new();
        }
        if self.materialized.is_some() {
            return self.iter().filter(|f| wanted[f.code() as usize]).collect();
        }
        let mask = mask_of(wanted);
        let mut out = Vec::new();
        for (i, p) in self.paragraphs.with_codes_from(0, mask) {
            if p.codes & mask != 0 {
                out.extend(located_in(i, p).filter(|f| wanted[f.code as usize]));
            }
        }
        out.extend(self.located_document().filter(|f| wanted[f.code as usize]));
        out
    }

    /// Up to `before` local findings of `code` starting before `focus` (nearest first) and up
    /// to `after` starting at or after it (in order), visiting paragraphs outward from the
    /// focus and skipping those without that code. `None` for materialized analyses.
    pub fn near(
        &self,
        code: Code,
        focus: usize,
        before: usize,
        after: usize,
    ) -> Option<(Vec<Located>, Vec<Located>)> {
        if self.materialized.is_some() {
            return None;
        }
        let mask = 1u16 << code as usize;
        let split = self.paragraphs.starting_by(focus);
        let mut b = Vec::new();
        for (i, p) in self.paragraphs.rev_with_codes(split, mask) {
            if b.len() >= before {
                break;
            }
            if p.codes & mask == 0 {
                continue;
            }
            for f in located_in(i, p).rev().filter(|f| f.code == code) {
                if f.start < focus && b.len() < before {
                    b.push(f);
                }
            }
        }
        let mut a = Vec::new();
        for (i, p) in self
            .paragraphs
            .with_codes_from(split.saturating_sub(1), mask)
        {
            if a.len() >= after {
                break;
            }
            if p.codes & mask == 0 {
                continue;
            }
            for f in located_in(i, p).filter(|f| f.code == code) {
                if f.start >= focus && a.len() < after {
                    a.push(f);
                }
            }
        }
        Some((b, a))
    }

    /// Whether any document-level finding has `code`.
    pub fn has_document_finding(&self, code: Code) -> bool {
        self.document_findings.iter().any(|f| f.code == code)
    }

    /// Findings whose range overlaps `range` (or touches it, for empty ranges).
    pub fn overlapping(&self, range: Range<usize>) -> Vec<Located> {
        let hits = |f: &Located| {
            let r = f.range();
            r.start <= range.end && range.start <= r.end
        };
        if self.materialized.is_some() {
            return self.iter().filter(hits).collect();
        }
        // Only paragraphs overlapping the range can hold local hits.
        let first = self.paragraphs.starting_by(range.start).saturating_sub(1);
        let enabled = self.enabled;
        let mut out: Vec<Located> = self
            .paragraphs
            .iter_from(first)
            .take_while(|(_, p)| p.start <= range.end)
            .flat_map(|(i, p)| located_in(i, p))
            .filter(|f| enabled[f.code() as usize])
            .filter(hits)
            .collect();
        out.extend(
            self.located_document()
                .filter(|f| enabled[f.code() as usize])
                .filter(hits),
        );
        out
    }

    /// Byte range of the paragraph containing `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Range<usize> {
        let i = self.paragraphs.starting_by(offset).saturating_sub(1);
        match self.paragraphs.iter_from(i).next() {
            Some((_, p)) => p.start..p.start + p.len,
            None => 0..self.rope.len_bytes(),
        }
    }

    /// The document's outline, computed once per version from the paragraphs' outline lines
    /// (each paragraph scanned once, when first needed) and the document's first lines: after
    /// an edit only the new paragraphs are scanned. A partly analysed document is scanned
    /// whole.
    pub fn outline(&self) -> &[Symbol] {
        &self.outline_and_positions().0
    }

    fn outline_and_positions(&self) -> &(Vec<Symbol>, HashMap<usize, [LineCol; 3]>) {
        self.outline.get_or_init(|| {
            if self.partial {
                return (outline(self.text()), HashMap::new());
            }
            let mut lines = Vec::new();
            let mut positions = HashMap::new();
            for (i, p) in self.paragraphs.iter() {
                let scanned = p.data.outline(|| self.paragraph_text(i));
                if scanned.lines.is_empty() {
                    continue;
                }
                lines.extend(scanned.lines.iter().map(|l| l.shifted(p.start)));
                let first = self.rope.byte_to_line(p.start) as u32;
                for (l, at) in scanned.lines.iter().zip(&scanned.positions) {
                    let offsets = [l.start, l.content.start, l.content.end];
                    for (offset, relative) in offsets.into_iter().zip(at) {
                        let absolute = relative.map(|lc| LineCol {
                            line: lc.line + first,
                            col: lc.col,
                        });
                        positions.insert(p.start + offset, absolute);
                    }
                }
            }
            let symbols = outline_of_scan(&lines, &self.head(), self.rope.len_bytes());
            (symbols, positions)
        })
    }

    /// The LSP range of an outline symbol's byte range: from the positions kept with the
    /// paragraphs' outline lines when it has them (so a 10k-symbol outline is converted
    /// without walking the document), else through the rope.
    pub fn outline_range(&self, r: Range<usize>, encoding: Encoding) -> LspRange {
        let e = ENCODINGS.iter().position(|&x| x == encoding).unwrap_or(1);
        let positions = &self.outline_and_positions().1;
        let at = |offset: usize| match positions.get(&offset) {
            Some(lc) => Position::new(lc[e].line, lc[e].col),
            None => convert::position(&self.rope, offset, encoding),
        };
        LspRange::new(at(r.start), at(r.end))
    }

    /// The hierarchical documentSymbol result as JSON, written from the outline pieces kept
    /// per chunk (see [`super::symbols`]): after an edit only the chunks it rebuilt are
    /// gathered again. `None` for a partly analysed document.
    pub fn symbols_json(&self, encoding: Encoding) -> Option<Vec<u8>> {
        let (pieces, flat) = self.outline_pieces()?;
        symbols::write_json(
            &flat,
            &pieces,
            encoding,
            |offset| crate::position::rope::line_col(&self.rope, offset, encoding),
            self.rope.len_bytes(),
        )
    }

    /// The foldingRange result as JSON, from the same outline pieces as
    /// [`Self::symbols_json`] (no outline tree, no copy of the text); `spam` are the spam
    /// blocks' lines and `spam_text` their collapsed text. `None` for a partly analysed
    /// document.
    pub fn folding_json(&self, spam: &[(u32, u32)], spam_text: &str) -> Option<Vec<u8>> {
        let (pieces, flat) = self.outline_pieces()?;
        let spam_text = serde_json::to_vec(spam_text).ok()?;
        symbols::write_folding_json(
            &flat,
            &pieces,
            |offset| self.rope.byte_to_line(offset) as u32,
            |r| self.last_content_line(r) as u32,
            self.rope.len_bytes(),
            spam,
            &spam_text,
        )
    }

    /// The line of the last character in `r` that is not whitespace (`r`'s first line if
    /// there is none), read backwards from the rope: a section rarely ends in more than a
    /// few blank characters.
    pub fn last_content_line(&self, r: Range<usize>) -> usize {
        let mut end = r.end;
        let mut chars = self.rope.chars_at(self.rope.byte_to_char(r.end));
        while end > r.start
            && let Some(c) = chars.prev()
            && c.is_whitespace()
        {
            end -= c.len_utf8();
        }
        self.rope.byte_to_line(end.max(r.start))
    }

    /// This version's outline pieces, joined, and its flat outline (see
    /// [`super::symbols`]): after an edit only the chunks it rebuilt are gathered again.
    /// `None` for a partly analysed document.
    fn outline_pieces(&self) -> Option<(symbols::Pieces<'_>, FlatOutline)> {
        if self.partial {
            return None;
        }
        let list = &self.paragraphs;
        let mut pieces = symbols::Pieces::new();
        for (c, chunk) in list.chunks.iter().enumerate() {
            let start = list.starts[c];
            let piece = chunk.outline.get_or_init(|| {
                let first_line = self.rope.byte_to_line(start);
                symbols::ChunkOutline::new(
                    chunk,
                    |offset| (self.rope.byte_to_line(start + offset) - first_line) as u32,
                    |k| {
                        let (_, _, p) = chunk.clean(k);
                        p.outline(|| self.paragraph_text(list.first[c] + k))
                    },
                )
            });
            if !piece.keys.is_empty() {
                pieces.push(piece, start, self.rope.byte_to_line(start) as u32);
            }
        }
        let flat = flat_outline(&pieces.keys(), &self.head());
        Some((pieces, flat))
    }

    /// The text's first `outline::TITLE_SEARCH_LINES` lines (all of it if it has fewer).
    fn head(&self) -> Cow<'_, str> {
        if let Some(text) = self.text.get() {
            return Cow::Borrowed(text);
        }
        let mut end = self.rope.len_bytes();
        let mut seen = 0;
        let mut at = 0;
        'chunks: for chunk in self.rope.chunks() {
            for i in memchr::memchr_iter(b'\n', chunk.as_bytes()) {
                seen += 1;
                if seen == TITLE_SEARCH_LINES {
                    end = at + i + 1;
                    break 'chunks;
                }
            }
            at += chunk.len();
        }
        Cow::Owned(self.slice(0..end))
    }

    /// A section's length in characters (see `outline::section_char_count`), memoised: the
    /// title's section is the whole document.
    pub fn section_chars(&self, symbol: &Symbol) -> usize {
        let key = (symbol.range.start, symbol.range.end);
        if let Some(&n) = super::backend::lock(&self.section_chars).get(&key) {
            return n;
        }
        let n = section_char_count(self.text(), symbol);
        super::backend::lock(&self.section_chars).insert(key, n);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn refresh(doc: &mut Document) -> Arc<Analysis> {
        if let Step::Run(plan) = doc.plan() {
            doc.install(execute(&plan).unwrap()).unwrap();
        }
        match doc.plan_document() {
            Some(plan) => doc
                .install_document(execute_document(&plan).unwrap())
                .unwrap(),
            None => doc.current().unwrap(),
        }
    }

    fn tiling(doc: &Document) -> Vec<usize> {
        doc.cache.entries().map(Entry::len).collect()
    }

    const PIECES: &[&str] = &[
        "機(jī)",
        "堅(jiān)",
        "手",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        " \n",
        "𠮷",
        "一、",
        "县",
        "这",
        "。",
        "基層黨組織",
        "\u{3000}",
        "\u{feff}",
        "a",
        "# ",
        "```",
        "---",
        "（一）",
        "第一章",
        "標題",
    ];

    #[test]
    fn a_large_fresh_document_is_analysed_first_paragraphs_first() {
        let seed = include_str!("../../tests/fixtures/seed.txt");
        let mut text = String::new();
        while text.len() < 3 * PROGRESSIVE_BYTES {
            text.push_str(seed);
            text.push_str("\n\n");
        }
        let config = Arc::new(Config::default());
        let mut doc = Document::new(1, &text, false, config.clone());
        let Step::Run(plan) = doc.plan() else {
            panic!("nothing analysed yet")
        };
        let first = doc.install(execute(&plan).unwrap()).unwrap();
        assert!(first.partial);
        assert!(doc.plan_document().is_none(), "document phase waits");
        let analysed = first.paragraph_at(0).end;
        assert!(analysed < text.len());
        let all = analysis::check(&text, &config);
        let got = first.all_findings();
        assert!(!got.is_empty());
        assert!(
            got.iter().all(|f| all.contains(f)),
            "a prefix of the findings"
        );
        // An edit while partial, in the part not analysed yet, then the rest.
        let at = text.len() - 10;
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
        doc.edit(at, at, "機(jī)");
        text.insert_str(at, "機(jī)");
        let done = refresh(&mut doc);
        assert!(!done.partial && done.complete);
        assert_eq!(
            analysis::finish(&text, done.all_findings(), Profile::plain(&config)),
            analysis::check(&text, &config)
        );
    }

    /// Found by the `rope_edits` fuzz target: paragraphs were analysed as if each began the
    /// document, so a U+FEFF opening a later paragraph passed for a byte-order mark.
    #[test]
    fn only_the_first_paragraph_may_open_with_a_byte_order_mark() {
        let config = Arc::new(Config::default());
        let text = "\u{feff}一\n\n\u{feff}二\n\n三";
        let mut doc = Document::new(1, text, false, config.clone());
        let zero_width = |a: &Analysis| -> Vec<Range<usize>> {
            a.iter()
                .filter(|f| f.code() == Code::ZeroWidth)
                .map(|f| f.range())
                .collect()
        };
        assert_eq!(zero_width(&refresh(&mut doc)), [8..11]);
        // The second paragraph becomes the first: its mark is now a byte-order mark.
        doc.edit(0, 8, "");
        assert!(zero_width(&refresh(&mut doc)).is_empty());
        // And a later one again once text is typed before it.
        doc.edit(0, 0, "甲\n\n");
        let a = refresh(&mut doc);
        assert_eq!(zero_width(&a), [5..8]);
        let got: Vec<Finding> = a.all_findings();
        assert_eq!(
            analysis::finish(a.text(), got, Profile::plain(&config)),
            analysis::check(a.text(), &config)
        );
    }

    /// The document phase reads only the paragraphs at the ends, those with keyword-injection
    /// candidates (listed per chunk) and the chunks' script counts: its findings equal a
    /// whole-text check, on spam fixtures alone, padded apart in the middle (ends read apart,
    /// more chunks than one), and after edits at both ends and in the middle.
    #[test]
    fn document_phase_from_chunk_lists_equals_a_whole_check() {
        let fixtures = [
            include_str!("../../tests/fixtures/spam/injection_simplified.txt"),
            include_str!("../../tests/fixtures/spam/injection_unknown_brand.txt"),
            include_str!("../../tests/fixtures/spam/chrome_simplified.txt"),
            include_str!("../../tests/fixtures/spam/chrome_traditional.txt"),
            include_str!("../../tests/fixtures/spam/seo_lists.txt"),
            include_str!("../../tests/fixtures/spam/forum_discuz.txt"),
            include_str!("../../tests/fixtures/spam/honest_repetition.txt"),
            include_str!("../../tests/fixtures/seed.txt"),
        ];
        let padding: String = (0..400)
            .map(|i| format!("第{i}段正文，写了又写，说明情况。\n\n"))
            .collect();
        let config = Arc::new(Config::default());
        for fixture in fixtures {
            let mut middle = fixture.len() / 2;
            while !fixture.is_char_boundary(middle) {
                middle += 1;
            }
            let cut = fixture[middle..]
                .find("\n\n")
                .map_or(fixture.len(), |i| middle + i + 2);
            let padded = format!("{}{padding}{}", &fixture[..cut], &fixture[cut..]);
            for text in [fixture.to_string(), padded] {
                let mut text = text;
                let mut doc = Document::new(1, &text, false, config.clone());
                let check = |doc: &mut Document, text: &str| {
                    // Past the first paragraphs of a large text too.
                    while let Step::Run(plan) = doc.plan() {
                        doc.install(execute(&plan).unwrap());
                    }
                    let a = refresh(doc);
                    assert!(a.complete && !a.partial);
                    let got = analysis::finish(text, a.all_findings(), Profile::plain(&config));
                    assert_eq!(got, analysis::check(text, &config), "{text:?}");
                };
                check(&mut doc, &text);
                for step in 0..3 {
                    let (at, insert) = match step {
                        0 => (0, "首页\n\n"),
                        1 => {
                            let mut mid = text.len() / 2;
                            while !text.is_char_boundary(mid) {
                                mid += 1;
                            }
                            (mid, "好")
                        }
                        _ => (text.len(), "\n\n版权所有"),
                    };
                    doc.edit(at, at, insert);
                    text.insert_str(at, insert);
                    check(&mut doc, &text);
                }
            }
        }
    }

    /// Lines that make, break, nest and rename headings (same first clause, later clauses
    /// that differ), fence them off or open front matter, end sections in blank characters,
    /// and page chrome (folded as spam blocks).
    const OUTLINE_PIECES: &[&str] = &[
        "首页 | 新闻中心 | 联系我们 | 网站地图\n",
        "上一篇：关于开展工作的通知\n",
        "下一篇：关于召开会议的通知\n",
        " \u{3000}\n",
        "一、基層黨組織，必須堅持。\n",
        "二、基層黨組織，必須擺在首位\n",
        "三、基層黨組織\n",
        "（一）基層，甲；乙\n",
        "（二）基層，甲；丙\n",
        "1. 基層，𠮷\n",
        "第一章 總則，甲\n",
        "第二節 附則\n",
        "在重大斗爭中把基層黨組織鍛造得更加堅強\n",
        "# 標題，一\n",
        "## 基層，\"引號\"\\\n",
        "```\n",
        "---\n",
        "正文。\n",
        "\n",
        "\r\n",
        "\r",
        "基層",
        "，",
        "𠮷",
        "\u{3000}",
        "\t",
    ];

    proptest! {
        /// The documentSymbol JSON written from the chunks' outline pieces (kept across
        /// versions, lines counted from each chunk's start) equals serializing the symbols of
        /// a fresh document of the same text, in every encoding; the foldingRange JSON
        /// written from them equals serializing its folding ranges.
        #[test]
        fn symbols_json_from_kept_pieces_equals_a_fresh_serialization(
            initial in prop::collection::vec(prop::sample::select(OUTLINE_PIECES), 0..40),
            edits in prop::collection::vec(
                (0.0..=1.0f64, 0.0..0.3f64, prop::collection::vec(prop::sample::select(OUTLINE_PIECES), 0..4)),
                1..12),
        ) {
            let mut text = initial.concat();
            let config = Arc::new(Config::default());
            let uri: tower_lsp_server::ls_types::Uri = "file:///t.txt".parse().unwrap();
            let mut doc = Document::new(1, &text, false, config.clone());
            refresh(&mut doc);
            for (start, len, insert) in edits {
                let insert = insert.concat();
                let mut a = (start * text.len() as f64) as usize;
                while !text.is_char_boundary(a) { a -= 1; }
                let mut b = (a + (len * text.len() as f64) as usize).min(text.len());
                while !text.is_char_boundary(b) { b -= 1; }
                doc.edit(a, b, &insert);
                text.replace_range(a..b, &insert);
                let analysis = refresh(&mut doc);
                let mut fresh = Document::new(1, &text, false, config.clone());
                let fresh = refresh(&mut fresh);
                let folding = super::super::features::folding_ranges_json(&analysis);
                let serialized =
                    serde_json::to_vec(&super::super::features::folding_ranges(&fresh)).unwrap();
                prop_assert_eq!(
                    std::str::from_utf8(&folding).unwrap(),
                    String::from_utf8(serialized).unwrap(),
                    "{:?}", text
                );
                for encoding in ENCODINGS {
                    let written = analysis.symbols_json(encoding).unwrap();
                    let serialized = serde_json::to_vec(
                        &super::super::features::document_symbols(&fresh, &uri, encoding, true),
                    ).unwrap();
                    prop_assert_eq!(
                        String::from_utf8(written).unwrap(),
                        String::from_utf8(serialized).unwrap(),
                        "{:?}", text
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn cached_paragraphs_tile_like_a_fresh_split(
            initial in prop::collection::vec(prop::sample::select(PIECES), 0..30),
            edits in prop::collection::vec(
                (0.0..=1.0f64, 0.0..0.4f64, prop::collection::vec(prop::sample::select(PIECES), 0..4), any::<bool>()),
                1..16),
        ) {
            let mut text = initial.concat();
            let config = Arc::new(Config::default());
            let mut doc = Document::new(1, &text, false, config.clone());
            refresh(&mut doc);
            for (start, len, insert, analyse) in edits {
                let insert = insert.concat();
                let mut a = (start * text.len() as f64) as usize;
                while !text.is_char_boundary(a) { a -= 1; }
                let mut b = (a + (len * text.len() as f64) as usize).min(text.len());
                while !text.is_char_boundary(b) { b -= 1; }
                doc.edit(a, b, &insert);
                text.replace_range(a..b, &insert);
                if analyse {
                    let analysis = refresh(&mut doc);
                    let expected: Vec<usize> = analysis::paragraphs(&text).iter().map(|r| r.len()).collect();
                    prop_assert_eq!(tiling(&doc), expected, "{:?}", text);
                    let got: Vec<Finding> = analysis.all_findings();
                    prop_assert_eq!(analysis::finish(&text, got, Profile::plain(&config)), analysis::check(&text, &config));
                    // The outline, assembled from the paragraphs' kept scans.
                    prop_assert_eq!(analysis.outline(), &outline(&text)[..]);
                    let mut symbols: Vec<&Symbol> = analysis.outline().iter().collect();
                    while let Some(s) = symbols.pop() {
                        for r in [s.range.clone(), s.selection_range.clone()] {
                            for encoding in ENCODINGS {
                                prop_assert_eq!(
                                    analysis.outline_range(r.clone(), encoding),
                                    convert::range(&analysis.rope, r.clone(), encoding)
                                );
                            }
                        }
                        symbols.extend(&s.children);
                    }
                    // Publishes reuse diagnostics converted for earlier versions (kept per
                    // paragraph, lines counted from its start): equal to a fresh document's.
                    let mut fresh = Document::new(1, &text, false, config.clone());
                    let fresh = refresh(&mut fresh);
                    let all: Vec<Located> = analysis.iter().collect();
                    for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                        let converted: Vec<_> = analysis
                            .full_many(&all)
                            .iter()
                            .map(|f| convert::diagnostic(&analysis, f, encoding))
                            .collect();
                        prop_assert_eq!(analysis.diagnostics_of(&all, encoding), converted);
                        prop_assert_eq!(
                            convert::diagnostics(&analysis, encoding, 3, doc.focus),
                            convert::diagnostics(&fresh, encoding, 3, doc.focus)
                        );
                    }
                }
            }
            prop_assert_eq!(doc.rope.to_string(), text);
        }
    }
}
