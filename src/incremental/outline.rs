//! The outline queries of a [`Snapshot`]: the outline and its positions, the outline lines
//! of each chunk for replies built per chunk, section lengths.

use super::snapshot::Snapshot;
use crate::analysis::outline::{
    Symbol, TITLE_SEARCH_LINES, outline, outline_of_scan, section_char_count,
};
use crate::incremental::paragraphs::{ENCODINGS, ParagraphOutline};
use crate::position::Encoding;
use crate::position::LineCol;
use std::any::Any;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

impl Snapshot {
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

    /// The line/column of an outline symbol's byte range: from the positions kept with the
    /// paragraphs' outline lines when it has them (so a 10k-symbol outline is converted
    /// without walking the document), else through the rope.
    pub fn outline_positions(&self, r: Range<usize>, encoding: Encoding) -> (LineCol, LineCol) {
        let e = ENCODINGS.iter().position(|&x| x == encoding).unwrap_or(1);
        let positions = &self.outline_and_positions().1;
        let at = |offset: usize| match positions.get(&offset) {
            Some(lc) => lc[e],
            None => crate::position::rope::line_col(&self.rope, offset, encoding),
        };
        (at(r.start), at(r.end))
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

    /// For each chunk of paragraphs (in order): what `build` makes of its paragraphs'
    /// outline lines, and the byte and the line the chunk starts on. `build` gets, for each
    /// clean paragraph of the chunk, its start and the line it starts on (both counted from
    /// the chunk's start) and its outline lines. What it makes is kept with the chunk, which
    /// the versions an edit did not rebuild it share: after an edit only the chunks it
    /// rebuilt are gathered again. `None` for a partly analysed document.
    pub fn chunk_outlines<T: Any + Send + Sync>(
        &self,
        build: impl Fn(&[(usize, u32, &ParagraphOutline)]) -> T,
    ) -> Option<Vec<(Arc<T>, usize, u32)>> {
        if self.partial {
            return None;
        }
        let list = &self.paragraphs;
        let mut out = Vec::with_capacity(list.chunks.len());
        for (c, chunk) in list.chunks.iter().enumerate() {
            let start = list.starts[c];
            let first_line = self.rope.byte_to_line(start);
            let make = || -> Arc<T> {
                let scanned: Vec<(usize, u32, &ParagraphOutline)> = (0..chunk.clean_len())
                    .map(|k| {
                        let (at, _, p) = chunk.clean(k);
                        let line = (self.rope.byte_to_line(start + at) - first_line) as u32;
                        (
                            at,
                            line,
                            p.outline(|| self.paragraph_text(list.first[c] + k)),
                        )
                    })
                    .filter(|(_, _, scan)| !scan.lines.is_empty())
                    .collect();
                Arc::new(build(&scanned))
            };
            let kept = chunk
                .outline
                .get_or_init(|| make() as Arc<dyn Any + Send + Sync>);
            let piece = kept.clone().downcast::<T>().unwrap_or_else(|_| make());
            out.push((piece, start, first_line as u32));
        }
        Some(out)
    }

    /// The text's first `outline::TITLE_SEARCH_LINES` lines (all of it if it has fewer).
    pub fn head(&self) -> Cow<'_, str> {
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
        if let Some(&n) = crate::lock::lock(&self.section_chars).get(&key) {
            return n;
        }
        let n = section_char_count(self.text(), symbol);
        crate::lock::lock(&self.section_chars).insert(key, n);
        n
    }
}
