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
//!
//! - `clean`: a clean paragraph ([`CleanParagraph`]): its marks, summary and outline lines,
//!   and its full findings rebuilt on demand and kept a while ([`Expanded`]);
//! - `chunks`: the entries in chunks ([`Chunk`]) and the cache over them ([`ParagraphCache`]).

mod chunks;
mod clean;
#[cfg(test)]
mod tests;

pub use chunks::{CHUNK, CacheEntry, Chunk, DirtyRegion, ParagraphCache};
pub use clean::{
    CleanParagraph, Expanded, Mark, ParagraphOutline, analyse_paragraph, local_findings,
};

use crate::position::Encoding;

/// The position encodings, in the order of [`ParagraphOutline::positions`].
pub const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

/// Number of codes; `code as usize` indexes `Code::ALL`.
pub const CODES: usize = crate::analysis::Code::ALL.len();
