//! The clean paragraphs of an installed cache, as an analysis reads them.

use crate::incremental::paragraphs::{CODES, Chunk, CleanParagraph, ParagraphCache};
use std::sync::Arc;

/// The bits of the codes for which `wanted` holds (see [`Paragraph::codes`]).
pub(super) fn mask_of(wanted: [bool; CODES]) -> u16 {
    (0..CODES)
        .filter(|&i| wanted[i])
        .fold(0, |mask, i| mask | 1 << i)
}

/// A clean paragraph of an analysis: its start, length and cached findings.
#[derive(Clone, Copy)]
pub(super) struct Paragraph<'a> {
    pub(super) start: usize,
    pub(super) len: usize,
    /// `data.codes`.
    pub(super) codes: u16,
    pub(super) data: &'a Arc<CleanParagraph>,
}

/// The clean paragraphs of one installed cache: its chunks, shared with it (so building one
/// per version costs O(chunks)), and what is summed over them. Paragraph `i` is the `i`th
/// clean entry. Shared by the analyses made from one install (the local one and the
/// complete one).
pub(super) struct ParagraphList {
    pub(super) chunks: Vec<Arc<Chunk>>,
    /// Each chunk's byte start.
    pub(super) starts: Vec<usize>,
    /// The index of each chunk's first clean paragraph, and the total after the last.
    pub(super) first: Vec<usize>,
    /// Local findings per code.
    pub(super) counts: [usize; CODES],
    pub(super) has_marker: bool,
}

impl ParagraphList {
    pub(super) fn new(cache: &ParagraphCache) -> ParagraphList {
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

    pub(super) fn paragraph(&self, chunk: usize, k: usize) -> Paragraph<'_> {
        let (start, len, data) = self.chunks[chunk].clean(k);
        Paragraph {
            start: self.starts[chunk] + start,
            len,
            codes: data.codes,
            data,
        }
    }

    /// Number of paragraphs.
    pub(super) fn len(&self) -> usize {
        self.first.last().copied().unwrap_or(0)
    }

    /// Paragraph `i` (panics past the end, like indexing).
    pub(super) fn get(&self, i: usize) -> Paragraph<'_> {
        let chunk = self.first.partition_point(|&f| f <= i) - 1;
        self.paragraph(chunk, i - self.first[chunk])
    }

    /// How many paragraphs start at or before `offset`.
    pub(super) fn starting_by(&self, offset: usize) -> usize {
        let chunk = self.starts.partition_point(|&s| s <= offset);
        if chunk == 0 {
            return 0;
        }
        let c = chunk - 1;
        self.first[c] + self.chunks[c].clean_starting_by(offset - self.starts[c])
    }

    /// The paragraphs from `from` on, with their indices.
    pub(super) fn iter_from(
        &self,
        from: usize,
    ) -> impl Iterator<Item = (usize, Paragraph<'_>)> + '_ {
        self.kept_from(from, |_| true)
    }

    /// The paragraphs from `from` on, in the chunks `keep` accepts.
    pub(super) fn kept_from(
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

    pub(super) fn iter(&self) -> impl Iterator<Item = (usize, Paragraph<'_>)> + '_ {
        self.iter_from(0)
    }

    /// The paragraphs before `end`, last first, skipping whole chunks without a finding of
    /// `mask`'s codes.
    pub(super) fn rev_with_codes(
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
    pub(super) fn with_codes_from(
        &self,
        from: usize,
        mask: u16,
    ) -> impl Iterator<Item = (usize, Paragraph<'_>)> + '_ {
        self.kept_from(from, move |c| c.codes & mask != 0)
    }
}
