//! Per-paragraph cache of local findings, kept in step with edits.
//!
//! The entries tile the document. A clean entry is exactly one paragraph (as
//! `analysis::paragraphs` splits the current text) with its local findings in offsets relative
//! to its start, so an edit elsewhere only shifts it. An edit turns the entries it touches,
//! plus one neighbour on each side, into a single dirty entry. The neighbours make the dirty
//! entry's ends true paragraph boundaries of the new text: a boundary depends only on the line
//! before it and the line at it, and both lie in text the edit did not touch. So splitting a
//! dirty entry on its own gives the same paragraphs as splitting the whole text, and re-running
//! `check_local` on them gives the same findings as a fresh analysis.

use super::symbols::ChunkOutline;
use crate::analysis::outline::{self, OutlineLine};
use crate::analysis::summary::ParagraphSummary;
use crate::analysis::{self, Code, Config, DocContext, DocSummary, Finding};
use crate::position::{self, Encoding, LineCol};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use tower_lsp_server::ls_types::Diagnostic;

/// What a paragraph's finding is and where, in 12 bytes. The message and fixes are not kept:
/// they are rebuilt on demand by re-running the local detectors on the paragraph (see
/// [`CleanParagraph::expand`]), which is deterministic and, for one paragraph, cheap. A 10 MB
/// garbled document has ~450k findings, and at ~250 bytes each (message, fix title, edit) the
/// full ones cost over 100 MB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: u32,
    pub end: u32,
    pub code: Code,
    /// The finding has a safe fix (fix-all counts these without rebuilding them).
    pub safe_fix: bool,
}

/// Paragraphs longer than this keep their full findings: rebuilding them would mean
/// re-analysing a long text for every hover or publish.
const EXPAND_LIMIT: usize = 64 * 1024;

/// What the cache knows about one clean paragraph.
#[derive(Debug)]
pub struct CleanParagraph {
    /// Local findings, relative to the paragraph's start, sorted.
    pub marks: Box<[Mark]>,
    /// The full findings, kept for long paragraphs.
    full: Option<Arc<[Finding]>>,
    /// The full findings rebuilt for a publish or a hover, and their diagnostics, kept while
    /// the paragraph is among the recently expanded ones (see [`Expanded`]).
    expanded: Mutex<Expansion>,
    /// What the document-level detectors need from the paragraph (script counts, keyword
    /// candidates, non-blank lines): they run on the summaries of all paragraphs.
    pub summary: ParagraphSummary,
    /// Contains a suppression marker (`jiaodui-…`), which may act beyond the paragraph.
    pub has_marker: bool,
    /// Findings per code (indexed like `Code::ALL`), so a document's totals and the nearest
    /// findings of one kind are found without walking every finding.
    pub per_code: [u32; CODES],
    /// Bit `code as usize` is set when `per_code` of that code is not zero.
    pub codes: u16,
    /// The lines that can matter to the document's outline (`analysis::outline::scan`,
    /// relative offsets), scanned on the first outline request that needs them.
    outline: OnceLock<ParagraphOutline>,
}

/// A paragraph's outline lines and where they are.
#[derive(Debug, Default)]
pub struct ParagraphOutline {
    pub lines: Box<[OutlineLine]>,
    /// For each line, the line/column of its start, its content's start and its content's
    /// end, in each encoding (`Encoding::ALL` order), lines counted from the paragraph's first
    /// line: the document's outline symbols are converted without walking the document.
    pub positions: Box<[[[LineCol; 3]; 3]]>,
}

/// What was rebuilt for a paragraph on demand (see [`CleanParagraph::expand`] and
/// [`CleanParagraph::diagnostics`]).
#[derive(Debug, Default)]
struct Expansion {
    findings: Option<Arc<[Finding]>>,
    /// The LSP diagnostics of the paragraph's findings in one position encoding, their lines
    /// counted from the paragraph's first line: a paragraph moved by an edit elsewhere keeps
    /// them, and a publish adds the line the paragraph now starts on.
    diagnostics: Option<(Encoding, Arc<[Diagnostic]>)>,
}

impl Expansion {
    fn is_empty(&self) -> bool {
        self.findings.is_none() && self.diagnostics.is_none()
    }
}

/// The position encodings, in the order of [`ParagraphOutline::positions`].
pub const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

/// Number of codes; `code as usize` indexes `Code::ALL`.
pub const CODES: usize = crate::analysis::Code::ALL.len();

/// Local findings of one paragraph that starts at byte `start` of its document, sorted and
/// deduplicated: the one definition both the analysis and [`CleanParagraph::expand`] use, so
/// that a finding's index among its paragraph's is stable.
pub fn local_findings(
    para: &str,
    start: usize,
    summary: &DocSummary,
    config: &Config,
) -> Vec<Finding> {
    sorted(analysis::check_local_at(para, start, summary, config))
}

/// [`local_findings`] and the paragraph's summary, from one pass.
pub fn analyse_paragraph(
    para: &str,
    start: usize,
    summary: &DocSummary,
    config: &Config,
) -> (Vec<Finding>, ParagraphSummary) {
    let (findings, paragraph) = analysis::check_paragraph(para, start, summary, config);
    (sorted(findings), paragraph)
}

fn sorted(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    findings.dedup();
    findings
}

impl CleanParagraph {
    pub fn new(
        findings: Vec<Finding>,
        len: usize,
        summary: ParagraphSummary,
        has_marker: bool,
    ) -> CleanParagraph {
        let mut per_code = [0u32; CODES];
        let mut codes = 0u16;
        for f in &findings {
            per_code[f.code as usize] += 1;
            codes |= 1 << f.code as usize;
        }
        let fits = |r: &std::ops::Range<usize>| u32::try_from(r.end).is_ok();
        let keep_full = len > EXPAND_LIMIT || !findings.iter().all(|f| fits(&f.range));
        let marks = findings
            .iter()
            .map(|f| Mark {
                start: f.range.start.min(u32::MAX as usize) as u32,
                end: f.range.end.min(u32::MAX as usize) as u32,
                code: f.code,
                safe_fix: f.fixes.iter().any(|x| x.safe),
            })
            .collect();
        CleanParagraph {
            marks,
            full: keep_full.then(|| findings.into()),
            expanded: Mutex::default(),
            summary,
            has_marker,
            per_code,
            codes,
            outline: OnceLock::new(),
        }
    }

    /// The paragraph's full findings (relative offsets), index for index like `marks`,
    /// remembered in `kept` for the next request. `text` gives the paragraph, which starts at
    /// byte `start` of the document; `summary` and `config` must be those it was analysed
    /// under.
    pub fn expand<'t>(
        self: &Arc<Self>,
        text: impl FnOnce() -> std::borrow::Cow<'t, str>,
        start: usize,
        summary: &DocSummary,
        config: &Config,
        kept: &Expanded,
    ) -> Arc<[Finding]> {
        if let Some(found) = self.known() {
            return found;
        }
        let found: Arc<[Finding]> = self.rebuild(&text(), start, summary, config).into();
        self.keep(kept, |e| e.findings = Some(found.clone()));
        found
    }

    /// The LSP diagnostics of the paragraph's findings (index for index like `marks`), lines
    /// counted from the paragraph's first line, remembered in `kept` like [`Self::expand`]'s
    /// findings. `convert` makes them from the paragraph's text and full findings.
    #[allow(clippy::too_many_arguments)]
    pub fn diagnostics<'t>(
        self: &Arc<Self>,
        text: impl FnOnce() -> Cow<'t, str>,
        start: usize,
        summary: &DocSummary,
        config: &Config,
        kept: &Expanded,
        encoding: Encoding,
        convert: impl FnOnce(&str, &[Finding]) -> Vec<Diagnostic>,
    ) -> Arc<[Diagnostic]> {
        if let Some((e, found)) = &super::backend::lock(&self.expanded).diagnostics
            && *e == encoding
        {
            return found.clone();
        }
        let text = text();
        let findings = self.expand(|| Cow::Borrowed(&*text), start, summary, config, kept);
        let converted: Arc<[Diagnostic]> = convert(&text, &findings).into();
        self.keep(kept, |e| {
            e.diagnostics = Some((encoding, converted.clone()))
        });
        converted
    }

    /// Stores something rebuilt; the first thing stored puts the paragraph in `kept`.
    fn keep(self: &Arc<Self>, kept: &Expanded, store: impl FnOnce(&mut Expansion)) {
        let was_empty = {
            let mut slot = super::backend::lock(&self.expanded);
            let was_empty = slot.is_empty();
            store(&mut slot);
            was_empty
        };
        if was_empty {
            kept.remember(Arc::downgrade(self));
        }
    }

    /// The paragraph's outline lines and their positions (see [`ParagraphOutline`]); `text`
    /// gives the paragraph.
    pub fn outline<'t>(&self, text: impl FnOnce() -> Cow<'t, str>) -> &ParagraphOutline {
        self.outline.get_or_init(|| {
            let text = text();
            let lines = outline::scan(&text).into_boxed_slice();
            if lines.is_empty() {
                return ParagraphOutline::default();
            }
            // A paragraph starts a line and ends after a line break (or at the end of the
            // text): positions in a rope of it alone equal the document's, less its first line.
            let rope = ropey::Rope::from_str(&text);
            let at = |offset: usize| ENCODINGS.map(|e| position::rope::line_col(&rope, offset, e));
            let positions = lines
                .iter()
                .map(|l| [at(l.start), at(l.content.start), at(l.content.end)])
                .collect();
            ParagraphOutline { lines, positions }
        })
    }

    /// The full findings if they are at hand (kept, or recently expanded).
    pub fn known(&self) -> Option<Arc<[Finding]>> {
        if let Some(full) = &self.full {
            return Some(full.clone());
        }
        if self.marks.is_empty() {
            return Some(Arc::from(Vec::new()));
        }
        super::backend::lock(&self.expanded).findings.clone()
    }

    /// Re-runs the local detectors (for requests that need every finding once, such as
    /// fix-all, and should not fill the cache).
    pub fn rebuild(
        &self,
        text: &str,
        start: usize,
        summary: &DocSummary,
        config: &Config,
    ) -> Vec<Finding> {
        let findings = local_findings(text, start, summary, config);
        let same = findings.len() == self.marks.len()
            && findings.iter().zip(self.marks.iter()).all(|(f, m)| {
                f.code == m.code
                    && f.range.start == m.start as usize
                    && f.range.end == m.end as usize
            });
        if same {
            return findings;
        }
        // Cannot happen while detectors are deterministic; never fail a request over it.
        tracing::error!("re-analysing a paragraph gave different findings; using the marks");
        self.marks
            .iter()
            .map(|m| {
                Finding::new(
                    m.code,
                    m.start as usize..m.end as usize,
                    m.code.as_str().to_string(),
                )
            })
            .collect()
    }
}

/// The paragraphs whose rebuilt findings are kept, oldest first. Beyond a limit the oldest
/// are forgotten, so memory stays bounded however much of the document the editor has shown.
/// The limit grows to twice the paragraphs one publish needs (see [`Expanded::fit`]): a
/// publish of a large document draws its capped diagnostics from a few hundred paragraphs
/// spread over the whole text, and a smaller ring would forget some of them before the next
/// publish, which would then re-analyse them.
#[derive(Debug, Default)]
pub struct Expanded {
    ring: Mutex<VecDeque<Weak<CleanParagraph>>>,
    /// Raised by [`Expanded::fit`]; at least [`Expanded::MIN`].
    limit: std::sync::atomic::AtomicUsize,
}

impl Expanded {
    const MIN: usize = 256;
    const MAX: usize = 4096;

    /// Keeps at least twice `paragraphs` (up to [`Expanded::MAX`]).
    pub fn fit(&self, paragraphs: usize) {
        let wanted = (2 * paragraphs).clamp(Self::MIN, Self::MAX);
        self.limit
            .fetch_max(wanted, std::sync::atomic::Ordering::Relaxed);
    }

    fn remember(&self, p: Weak<CleanParagraph>) {
        let limit = self
            .limit
            .load(std::sync::atomic::Ordering::Relaxed)
            .max(Self::MIN);
        let mut ring = super::backend::lock(&self.ring);
        ring.push_back(p);
        if ring.len() > limit {
            // Paragraphs replaced by edits are gone: their slots go first.
            ring.retain(|w| w.strong_count() > 0);
        }
        while ring.len() > limit {
            if let Some(old) = ring.pop_front().and_then(|w| w.upgrade()) {
                *super::backend::lock(&old.expanded) = Expansion::default();
            }
        }
    }
}

#[derive(Clone, Debug)]
pub enum Entry {
    Clean(usize, Arc<CleanParagraph>),
    Dirty(usize),
}

impl Entry {
    pub fn len(&self) -> usize {
        match self {
            Entry::Clean(len, _) | Entry::Dirty(len) => *len,
        }
    }

    fn is_dirty(&self) -> bool {
        matches!(self, Entry::Dirty(_))
    }
}

/// How many entries a chunk holds when chunks are (re)built; edits and installs only
/// rebuild the chunks they touch, so a keystroke costs O(chunks + `CHUNK`), not O(entries).
/// Unit tests use tiny chunks, so that their small documents span many.
pub const CHUNK: usize = if cfg!(test) { 3 } else { 64 };

/// A run of consecutive entries and what is summed over them. Immutable once built and
/// shared (by `Arc`) between the cache and the analyses made from it: an edit rebuilds the
/// few chunks it touches and every other chunk is shared as is.
#[derive(Debug)]
pub struct Chunk {
    entries: Vec<Entry>,
    /// Each entry's start, relative to the chunk's.
    starts: Vec<usize>,
    /// Indices (in `entries`) of the clean entries.
    clean: Vec<u32>,
    len: usize,
    dirty: usize,
    /// Document summaries summed over the clean entries.
    clean_counts: DocSummary,
    /// Local findings per code, summed over the clean entries.
    pub per_code: [usize; CODES],
    /// Bit `code as usize` set when some clean entry has findings of that code.
    pub codes: u16,
    pub has_marker: bool,
    /// Clean indices of the paragraphs with keyword-injection candidates (few have any):
    /// the document phase reads these instead of every paragraph.
    injections: Vec<u32>,
    /// The chunk's outline piece for documentSymbol, made on the first request that needs it
    /// and kept while the chunk is (see `super::symbols`).
    pub outline: OnceLock<ChunkOutline>,
}

impl Chunk {
    fn new(entries: Vec<Entry>) -> Chunk {
        let mut chunk = Chunk {
            starts: Vec::with_capacity(entries.len()),
            clean: Vec::new(),
            len: 0,
            dirty: 0,
            clean_counts: DocSummary::default(),
            per_code: [0; CODES],
            codes: 0,
            has_marker: false,
            injections: Vec::new(),
            entries: Vec::new(),
            outline: OnceLock::new(),
        };
        for (i, e) in entries.iter().enumerate() {
            chunk.starts.push(chunk.len);
            chunk.len += e.len();
            match e {
                Entry::Dirty(_) => chunk.dirty += 1,
                Entry::Clean(_, p) => {
                    if p.summary.injection.is_some() {
                        chunk.injections.push(chunk.clean.len() as u32);
                    }
                    chunk.clean.push(i as u32);
                    chunk.clean_counts.add(p.summary.counts);
                    if p.codes != 0 {
                        for (total, n) in chunk.per_code.iter_mut().zip(p.per_code) {
                            *total += n as usize;
                        }
                    }
                    chunk.codes |= p.codes;
                    chunk.has_marker |= p.has_marker;
                }
            }
        }
        chunk.entries = entries;
        chunk
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Bytes covered.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Clean indices (as [`Chunk::clean`] takes them) of the paragraphs with
    /// keyword-injection candidates.
    pub fn injections(&self) -> &[u32] {
        &self.injections
    }

    /// Script counts summed over the clean entries.
    pub fn clean_counts(&self) -> DocSummary {
        self.clean_counts
    }

    /// Number of clean entries.
    pub fn clean_len(&self) -> usize {
        self.clean.len()
    }

    /// The `k`th clean entry: its start relative to the chunk's, its length and paragraph.
    pub fn clean(&self, k: usize) -> (usize, usize, &Arc<CleanParagraph>) {
        let i = self.clean[k] as usize;
        match &self.entries[i] {
            Entry::Clean(len, p) => (self.starts[i], *len, p),
            Entry::Dirty(_) => unreachable!("`clean` indexes clean entries only"),
        }
    }

    /// How many clean entries start at or before `offset` (relative to the chunk's start).
    pub fn clean_starting_by(&self, offset: usize) -> usize {
        self.clean
            .partition_point(|&i| self.starts[i as usize] <= offset)
    }
}

/// `entries` cut into chunks of about [`CHUNK`] entries (at least one chunk).
fn chunked(entries: Vec<Entry>) -> Vec<Arc<Chunk>> {
    if entries.len() <= CHUNK {
        return vec![Arc::new(Chunk::new(entries))];
    }
    // Even sizes, so that the chunks rebuilt around an edit do not leave slivers behind.
    let pieces = entries.len().div_ceil(CHUNK);
    let size = entries.len().div_ceil(pieces);
    let mut out = Vec::with_capacity(pieces);
    let mut rest = entries.into_iter();
    loop {
        let piece: Vec<Entry> = rest.by_ref().take(size).collect();
        if piece.is_empty() {
            break;
        }
        out.push(Arc::new(Chunk::new(piece)));
    }
    out
}

/// A dirty run to re-analyse: where its entry is (chunk, index in the chunk), byte start and
/// length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DirtyRegion {
    pub chunk: usize,
    pub entry: usize,
    pub start: usize,
    pub len: usize,
}

#[derive(Debug)]
pub struct ParagraphCache {
    /// Never empty; no chunk is empty except the only one of an empty cache.
    chunks: Vec<Arc<Chunk>>,
    /// The document context the clean entries were analysed under; local detectors depend on
    /// it, so when it changes every entry is re-analysed.
    pub context: DocContext,
}

impl ParagraphCache {
    /// A cache for a fresh text of `len` bytes: everything dirty.
    pub fn new(len: usize) -> ParagraphCache {
        ParagraphCache {
            chunks: chunked(vec![Entry::Dirty(len)]),
            context: DocContext::default(),
        }
    }

    /// The chunks, shared: what an analysis keeps of the cache.
    pub fn chunks(&self) -> &[Arc<Chunk>] {
        &self.chunks
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.chunks.iter().flat_map(|c| c.entries.iter())
    }

    pub fn total_len(&self) -> usize {
        self.chunks.iter().map(|c| c.len).sum()
    }

    /// Marks everything for re-analysis (config or script changed).
    pub fn invalidate_all(&mut self) {
        self.chunks = chunked(vec![Entry::Dirty(self.total_len())]);
    }

    /// Records that bytes `start..old_end` (old coordinates) were replaced by `new_len` bytes.
    /// Offsets must be clamped to the text by the caller.
    ///
    /// Works on the few chunks around the edit, flattened: the chunk holding `start`, the one
    /// holding `old_end`, and enough chunks on either side to see two entries beyond them
    /// (the dirty entry takes one neighbour each side, then absorbs a dirty entry next to it).
    pub fn edit(&mut self, start: usize, old_end: usize, new_len: usize) {
        let n = self.chunks.len();
        let chunk_of = |offset: usize| {
            let mut at = 0;
            for (i, c) in self.chunks.iter().enumerate() {
                if offset < at + c.len {
                    return (i, at);
                }
                at += c.len;
            }
            (n - 1, at - self.chunks[n - 1].len)
        };
        let (mut a, mut base) = chunk_of(start);
        let (mut b, _) = chunk_of(old_end);
        let mut before = 0;
        while a > 0 && before < 2 {
            a -= 1;
            before += self.chunks[a].entries.len();
            base -= self.chunks[a].len;
        }
        let mut after = 0;
        while b + 1 < n && after < 2 {
            b += 1;
            after += self.chunks[b].entries.len();
        }
        let mut entries: Vec<Entry> = self.chunks[a..=b]
            .iter()
            .flat_map(|c| c.entries.iter().cloned())
            .collect();
        edit_entries(&mut entries, start - base, old_end - base, new_len);
        self.chunks.splice(a..=b, chunked(entries));
    }

    pub fn dirty_regions(&self) -> Vec<DirtyRegion> {
        let mut out = Vec::new();
        let mut at = 0;
        for (chunk, c) in self.chunks.iter().enumerate() {
            if c.dirty > 0 {
                for (entry, e) in c.entries.iter().enumerate() {
                    if e.is_dirty() {
                        out.push(DirtyRegion {
                            chunk,
                            entry,
                            start: at + c.starts[entry],
                            len: e.len(),
                        });
                    }
                }
            }
            at += c.len;
        }
        out
    }

    pub fn is_clean(&self) -> bool {
        self.chunks.iter().all(|c| c.dirty == 0)
    }

    pub fn has_clean(&self) -> bool {
        self.chunks.iter().any(|c| !c.clean.is_empty())
    }

    /// Sum of the clean entries' document summaries.
    pub fn clean_counts(&self) -> DocSummary {
        let mut total = DocSummary::default();
        for c in &self.chunks {
            total.add(c.clean_counts);
        }
        total
    }

    /// Replaces the dirty entries at `regions` (as returned by `dirty_regions`, same layout)
    /// by their analysed paragraphs.
    pub fn install(&mut self, mut replacements: Vec<(DirtyRegion, Vec<Entry>)>) {
        // Chunk by chunk from the end, so the chunk indices still to come stay valid; within
        // a chunk from its last region, so the entry indices do.
        replacements.sort_by_key(|(r, _)| std::cmp::Reverse((r.chunk, r.entry)));
        let mut replacements = replacements.into_iter().peekable();
        while let Some((first, entries)) = replacements.next() {
            let chunk = first.chunk;
            let mut flat = self.chunks[chunk].entries.clone();
            let mut splice = |region: DirtyRegion, entries: Vec<Entry>| {
                debug_assert_eq!(entries.iter().map(Entry::len).sum::<usize>(), region.len);
                debug_assert!(flat[region.entry].is_dirty());
                flat.splice(region.entry..=region.entry, entries);
            };
            splice(first, entries);
            while let Some((region, entries)) = replacements.next_if(|(r, _)| r.chunk == chunk) {
                splice(region, entries);
            }
            self.chunks.splice(chunk..=chunk, chunked(flat));
        }
    }
}

/// The edit of [`ParagraphCache::edit`] on a flat run of entries (offsets relative to it).
fn edit_entries(entries: &mut Vec<Entry>, start: usize, old_end: usize, new_len: usize) {
    let n = entries.len();
    let mut first = n - 1;
    let mut last = n - 1;
    let mut at = 0;
    let mut found_first = false;
    for (i, e) in entries.iter().enumerate() {
        let end = at + e.len();
        if !found_first && start < end {
            first = i;
            found_first = true;
        }
        if old_end < end {
            last = i;
            break;
        }
        at = end;
    }
    let mut lo = first.saturating_sub(1);
    let mut hi = (last + 1).min(n - 1).max(lo);
    // Absorb dirty neighbours so that no two dirty entries touch.
    if lo > 0 && entries[lo - 1].is_dirty() {
        lo -= 1;
    }
    if hi + 1 < n && entries[hi + 1].is_dirty() {
        hi += 1;
    }
    let old: usize = entries[lo..=hi].iter().map(Entry::len).sum();
    let removed = old_end.saturating_sub(start);
    let len = (old + new_len).saturating_sub(removed);
    entries.splice(lo..=hi, [Entry::Dirty(len)]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(lens: &[usize]) -> ParagraphCache {
        ParagraphCache {
            chunks: chunked(
                lens.iter()
                    .map(|&l| {
                        Entry::Clean(
                            l,
                            Arc::new(CleanParagraph::new(
                                Vec::new(),
                                l,
                                ParagraphSummary::default(),
                                false,
                            )),
                        )
                    })
                    .collect(),
            ),
            context: DocContext::default(),
        }
    }

    fn shape(c: &ParagraphCache) -> Vec<(bool, usize)> {
        c.entries().map(|e| (e.is_dirty(), e.len())).collect()
    }

    #[test]
    fn an_edit_dirties_its_paragraph_and_both_neighbours() {
        let mut c = clean(&[10, 10, 10, 10, 10]);
        c.edit(25, 27, 5);
        assert_eq!(shape(&c), [(false, 10), (true, 33), (false, 10)]);
        c.edit(0, 0, 1);
        assert_eq!(
            shape(&c),
            [(true, 44), (false, 10)],
            "merged with the dirty run"
        );
        assert_eq!(c.total_len(), 54);
    }

    #[test]
    fn edits_at_the_ends() {
        let mut c = clean(&[10, 10, 10]);
        c.edit(30, 30, 2);
        assert_eq!(shape(&c), [(false, 10), (true, 22)]);
        let mut c = clean(&[10]);
        c.edit(0, 10, 0);
        assert_eq!(shape(&c), [(true, 0)]);
    }

    fn clean_entry(len: usize, han: usize) -> Entry {
        let summary = ParagraphSummary {
            counts: DocSummary {
                script_counts: crate::analysis::script::ScriptCounts {
                    han,
                    ..Default::default()
                },
                simplified_annotations: han % 3,
            },
            ..ParagraphSummary::default()
        };
        Entry::Clean(
            len,
            Arc::new(CleanParagraph::new(Vec::new(), len, summary, false)),
        )
    }

    /// What the chunks sum must equal what their entries sum.
    fn assert_consistent(c: &ParagraphCache) {
        assert!(!c.chunks.is_empty());
        assert!(c.chunks.len() == 1 || c.chunks.iter().all(|k| !k.entries.is_empty()));
        let entries: Vec<&Entry> = c.entries().collect();
        assert_eq!(
            c.total_len(),
            entries.iter().map(|e| e.len()).sum::<usize>()
        );
        let han: usize = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Clean(_, p) => Some(p.summary.counts.script_counts.han),
                Entry::Dirty(_) => None,
            })
            .sum();
        assert_eq!(c.clean_counts().script_counts.han, han);
        assert_eq!(c.is_clean(), entries.iter().all(|e| !e.is_dirty()));
        assert_eq!(c.has_clean(), entries.iter().any(|e| !e.is_dirty()));
        for pair in entries.windows(2) {
            assert!(
                !(pair[0].is_dirty() && pair[1].is_dirty()),
                "dirty entries touch"
            );
        }
        let mut at = 0;
        let regions = c.dirty_regions();
        let mut expected = Vec::new();
        for e in &entries {
            if e.is_dirty() {
                expected.push((at, e.len()));
            }
            at += e.len();
        }
        assert_eq!(
            regions.iter().map(|r| (r.start, r.len)).collect::<Vec<_>>(),
            expected
        );
    }

    proptest::proptest! {
        /// Edits and installs on the chunked cache give the entries the same edits give on one
        /// flat list (the unchunked algorithm), with consistent sums, for chunks of
        /// [`CHUNK`] (tiny under test) entries.
        #[test]
        fn chunked_edits_equal_flat_edits(
            lens in proptest::collection::vec(1usize..40, 1..60),
            ops in proptest::collection::vec((0usize..3000, 0usize..60, 0usize..50, proptest::bool::ANY), 1..40),
        ) {
            let entries: Vec<Entry> = lens.iter().enumerate().map(|(i, &l)| clean_entry(l, i)).collect();
            let mut flat = entries.clone();
            let mut c = ParagraphCache { chunks: chunked(entries), context: DocContext::default() };
            for (at, removed, inserted, install) in ops {
                let total = c.total_len();
                if install {
                    // Analyse every dirty entry as paragraphs of 1–7 bytes.
                    let regions = c.dirty_regions();
                    let split = |len: usize| -> Vec<Entry> {
                        let mut out = Vec::new();
                        let mut left = len;
                        while left > 0 {
                            let n = left.min(1 + (left + at) % 7);
                            out.push(clean_entry(n, n));
                            left -= n;
                        }
                        if out.is_empty() {
                            out.push(clean_entry(0, 0));
                        }
                        out
                    };
                    let replacements: Vec<(DirtyRegion, Vec<Entry>)> =
                        regions.iter().map(|r| (*r, split(r.len))).collect();
                    let mut model = Vec::new();
                    let mut dirty = 0;
                    for e in &flat {
                        if e.is_dirty() {
                            model.extend(replacements[dirty].1.iter().cloned());
                            dirty += 1;
                        } else {
                            model.push(e.clone());
                        }
                    }
                    flat = model;
                    c.install(replacements);
                } else {
                    let start = at.min(total);
                    let end = (start + removed).min(total);
                    edit_entries(&mut flat, start, end, inserted);
                    c.edit(start, end, inserted);
                }
                let got: Vec<(bool, usize)> = shape(&c);
                let want: Vec<(bool, usize)> = flat.iter().map(|e| (e.is_dirty(), e.len())).collect();
                proptest::prop_assert_eq!(got, want);
                assert_consistent(&c);
            }
        }
    }

    fn kept_count(ps: &[Arc<CleanParagraph>]) -> usize {
        ps.iter().filter(|p| p.known().is_some()).count()
    }

    fn with_marks(n: usize) -> Vec<Arc<CleanParagraph>> {
        (0..n)
            .map(|_| {
                let f = Finding::new(Code::Control, 0..1, "x".into());
                Arc::new(CleanParagraph::new(
                    vec![f],
                    1,
                    ParagraphSummary::default(),
                    false,
                ))
            })
            .collect()
    }

    #[test]
    fn the_ring_keeps_what_a_publish_needs_and_drops_dead_paragraphs_first() {
        let kept = Expanded::default();
        let remember_all = |ps: &[Arc<CleanParagraph>]| {
            for p in ps {
                p.keep(&kept, |e| e.findings = Some(Arc::from(Vec::new())));
            }
        };
        // Paragraphs replaced by edits do not push live ones out.
        let gone = with_marks(Expanded::MIN);
        remember_all(&gone);
        drop(gone);
        let live = with_marks(Expanded::MIN);
        remember_all(&live);
        assert_eq!(kept_count(&live), Expanded::MIN);
        // Beyond the limit the oldest are forgotten ...
        let more = with_marks(10);
        remember_all(&more);
        assert_eq!(kept_count(&live), Expanded::MIN - 10);
        // ... unless a publish said it needs more.
        kept.fit(400);
        let wide = with_marks(800);
        remember_all(&wide);
        assert_eq!(kept_count(&wide), 800);
    }
}
