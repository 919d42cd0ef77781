//! The cache's entries (clean paragraphs and dirty runs) in chunks, and the cache itself:
//! edits, dirty regions and installs.

use super::CODES;
use super::clean::CleanParagraph;
use crate::analysis::DocContext;
use crate::analysis::DocSummary;
use std::any::Any;
use std::sync::{Arc, OnceLock};

#[derive(Clone, Debug)]
pub enum CacheEntry {
    Clean(usize, Arc<CleanParagraph>),
    Dirty(usize),
}

impl CacheEntry {
    pub fn len(&self) -> usize {
        match self {
            CacheEntry::Clean(len, _) | CacheEntry::Dirty(len) => *len,
        }
    }

    pub(super) fn is_dirty(&self) -> bool {
        matches!(self, CacheEntry::Dirty(_))
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
    pub(super) entries: Vec<CacheEntry>,
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
    /// What an outer layer made of the chunk's outline lines (the server: its piece of the
    /// documentSymbol reply), made on the first request that needs it and kept while the
    /// chunk is (see `Snapshot::chunk_outlines`).
    pub outline: OnceLock<Arc<dyn Any + Send + Sync>>,
}

impl Chunk {
    fn new(entries: Vec<CacheEntry>) -> Chunk {
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
                CacheEntry::Dirty(_) => chunk.dirty += 1,
                CacheEntry::Clean(_, p) => {
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

    pub fn entries(&self) -> &[CacheEntry] {
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
            CacheEntry::Clean(len, p) => (self.starts[i], *len, p),
            CacheEntry::Dirty(_) => unreachable!("`clean` indexes clean entries only"),
        }
    }

    /// How many clean entries start at or before `offset` (relative to the chunk's start).
    pub fn clean_starting_by(&self, offset: usize) -> usize {
        self.clean
            .partition_point(|&i| self.starts[i as usize] <= offset)
    }
}

/// `entries` cut into chunks of about [`CHUNK`] entries (at least one chunk).
pub(super) fn chunked(entries: Vec<CacheEntry>) -> Vec<Arc<Chunk>> {
    if entries.len() <= CHUNK {
        return vec![Arc::new(Chunk::new(entries))];
    }
    // Even sizes, so that the chunks rebuilt around an edit do not leave slivers behind.
    let pieces = entries.len().div_ceil(CHUNK);
    let size = entries.len().div_ceil(pieces);
    let mut out = Vec::with_capacity(pieces);
    let mut rest = entries.into_iter();
    loop {
        let piece: Vec<CacheEntry> = rest.by_ref().take(size).collect();
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
    pub(super) chunks: Vec<Arc<Chunk>>,
    /// The document context the clean entries were analysed under; local detectors depend on
    /// it, so when it changes every entry is re-analysed.
    pub context: DocContext,
}

impl ParagraphCache {
    /// A cache for a fresh text of `len` bytes: everything dirty.
    pub fn new(len: usize) -> ParagraphCache {
        ParagraphCache {
            chunks: chunked(vec![CacheEntry::Dirty(len)]),
            context: DocContext::default(),
        }
    }

    /// The chunks, shared: what an analysis keeps of the cache.
    pub fn chunks(&self) -> &[Arc<Chunk>] {
        &self.chunks
    }

    pub fn entries(&self) -> impl Iterator<Item = &CacheEntry> {
        self.chunks.iter().flat_map(|c| c.entries.iter())
    }

    pub fn total_len(&self) -> usize {
        self.chunks.iter().map(|c| c.len).sum()
    }

    /// Marks everything for re-analysis (config or script changed).
    pub fn invalidate_all(&mut self) {
        self.chunks = chunked(vec![CacheEntry::Dirty(self.total_len())]);
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
        let mut entries: Vec<CacheEntry> = self.chunks[a..=b]
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
    pub fn install(&mut self, mut replacements: Vec<(DirtyRegion, Vec<CacheEntry>)>) {
        // Chunk by chunk from the end, so the chunk indices still to come stay valid; within
        // a chunk from its last region, so the entry indices do.
        replacements.sort_by_key(|(r, _)| std::cmp::Reverse((r.chunk, r.entry)));
        let mut replacements = replacements.into_iter().peekable();
        while let Some((first, entries)) = replacements.next() {
            let chunk = first.chunk;
            let mut flat = self.chunks[chunk].entries.clone();
            let mut splice = |region: DirtyRegion, entries: Vec<CacheEntry>| {
                debug_assert_eq!(
                    entries.iter().map(CacheEntry::len).sum::<usize>(),
                    region.len
                );
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
pub(super) fn edit_entries(
    entries: &mut Vec<CacheEntry>,
    start: usize,
    old_end: usize,
    new_len: usize,
) {
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
    let old: usize = entries[lo..=hi].iter().map(CacheEntry::len).sum();
    let removed = old_end.saturating_sub(start);
    let len = (old + new_len).saturating_sub(removed);
    entries.splice(lo..=hi, [CacheEntry::Dirty(len)]);
}
