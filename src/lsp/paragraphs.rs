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

use crate::analysis::Finding;
use crate::analysis::script::{Script, ScriptCounts};
use std::sync::Arc;

/// What the cache knows about one clean paragraph.
#[derive(Debug)]
pub struct CleanParagraph {
    /// Local findings, relative to the paragraph's start, sorted.
    pub findings: Vec<Finding>,
    pub counts: ScriptCounts,
    /// Contains a suppression marker (`jiaodui-…`), which may act beyond the paragraph.
    pub has_marker: bool,
    /// Findings per code (indexed like `Code::ALL`), so a document's totals and the nearest
    /// findings of one kind are found without walking every finding.
    pub per_code: [u32; CODES],
}

/// Number of codes; `code as usize` indexes `Code::ALL`.
pub const CODES: usize = crate::analysis::Code::ALL.len();

impl CleanParagraph {
    pub fn new(findings: Vec<Finding>, counts: ScriptCounts, has_marker: bool) -> CleanParagraph {
        let mut per_code = [0u32; CODES];
        for f in &findings {
            per_code[f.code as usize] += 1;
        }
        CleanParagraph {
            findings,
            counts,
            has_marker,
            per_code,
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

/// A dirty run to re-analyse: its index in the entries, byte start and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DirtyRegion {
    pub index: usize,
    pub start: usize,
    pub len: usize,
}

#[derive(Debug)]
pub struct ParagraphCache {
    entries: Vec<Entry>,
    /// The document script the clean entries were analysed under; local detectors may depend
    /// on it, so when it changes every entry is re-analysed.
    pub script: Script,
}

impl ParagraphCache {
    /// A cache for a fresh text of `len` bytes: everything dirty.
    pub fn new(len: usize) -> ParagraphCache {
        ParagraphCache {
            entries: vec![Entry::Dirty(len)],
            script: Script::Unknown,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn total_len(&self) -> usize {
        self.entries.iter().map(Entry::len).sum()
    }

    /// Marks everything for re-analysis (config or script changed).
    pub fn invalidate_all(&mut self) {
        self.entries = vec![Entry::Dirty(self.total_len())];
    }

    /// Records that bytes `start..old_end` (old coordinates) were replaced by `new_len` bytes.
    /// Offsets must be clamped to the text by the caller.
    pub fn edit(&mut self, start: usize, old_end: usize, new_len: usize) {
        let n = self.entries.len();
        let mut first = n - 1;
        let mut last = n - 1;
        let mut at = 0;
        let mut found_first = false;
        for (i, e) in self.entries.iter().enumerate() {
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
        if lo > 0 && self.entries[lo - 1].is_dirty() {
            lo -= 1;
        }
        if hi + 1 < n && self.entries[hi + 1].is_dirty() {
            hi += 1;
        }
        let old: usize = self.entries[lo..=hi].iter().map(Entry::len).sum();
        let removed = old_end.saturating_sub(start);
        let len = (old + new_len).saturating_sub(removed);
        self.entries.splice(lo..=hi, [Entry::Dirty(len)]);
    }

    pub fn dirty_regions(&self) -> Vec<DirtyRegion> {
        let mut out = Vec::new();
        let mut at = 0;
        for (index, e) in self.entries.iter().enumerate() {
            if e.is_dirty() {
                out.push(DirtyRegion {
                    index,
                    start: at,
                    len: e.len(),
                });
            }
            at += e.len();
        }
        out
    }

    pub fn is_clean(&self) -> bool {
        !self.entries.iter().any(Entry::is_dirty)
    }

    /// Sum of the clean entries' script counts.
    pub fn clean_counts(&self) -> ScriptCounts {
        let mut total = ScriptCounts::default();
        for e in &self.entries {
            if let Entry::Clean(_, p) = e {
                total.add(p.counts);
            }
        }
        total
    }

    /// Replaces the dirty entries at `regions` (as returned by `dirty_regions`, same layout)
    /// by their analysed paragraphs.
    pub fn install(&mut self, mut replacements: Vec<(DirtyRegion, Vec<Entry>)>) {
        replacements.sort_by_key(|(r, _)| std::cmp::Reverse(r.index));
        for (region, entries) in replacements {
            debug_assert_eq!(entries.iter().map(Entry::len).sum::<usize>(), region.len);
            self.entries.splice(region.index..=region.index, entries);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(lens: &[usize]) -> ParagraphCache {
        ParagraphCache {
            entries: lens
                .iter()
                .map(|&l| {
                    Entry::Clean(
                        l,
                        Arc::new(CleanParagraph::new(
                            Vec::new(),
                            ScriptCounts::default(),
                            false,
                        )),
                    )
                })
                .collect(),
            script: Script::Unknown,
        }
    }

    fn shape(c: &ParagraphCache) -> Vec<(bool, usize)> {
        c.entries.iter().map(|e| (e.is_dirty(), e.len())).collect()
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
}
