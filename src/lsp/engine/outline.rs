//! The outline queries of an [`Analysis`]: outline, symbol and folding JSON, section lengths.

use super::snapshot::Analysis;
use crate::analysis::outline::{
    FlatOutline, Symbol, TITLE_SEARCH_LINES, flat_outline, outline, outline_of_scan,
    section_char_count,
};
use crate::lsp::paragraphs::ENCODINGS;
use crate::lsp::{convert, symbols};
use crate::position::Encoding;
use crate::position::LineCol;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use tower_lsp_server::ls_types::{Position, Range as LspRange};

impl Analysis {
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
    /// per chunk (see [`crate::lsp::symbols`]): after an edit only the chunks it rebuilt are
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
    /// [`crate::lsp::symbols`]): after an edit only the chunks it rebuilt are gathered again.
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
        if let Some(&n) = crate::lsp::backend::lock(&self.section_chars).get(&key) {
            return n;
        }
        let n = section_char_count(self.text(), symbol);
        crate::lsp::backend::lock(&self.section_chars).insert(key, n);
        n
    }
}
