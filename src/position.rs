//! The one place that converts between byte offsets and line/column positions.
//!
//! Columns are counted in the negotiated encoding: UTF-8 bytes, UTF-16 code units (LSP's
//! default, what VS Code speaks) or Unicode scalar values (UTF-32, also the CLI's
//! "characters"). Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP. Every conversion clamps
//! instead of failing: a position past the end of a line lands at its end, one inside a
//! character (a surrogate pair, a UTF-8 sequence) lands at the character's start.

use std::ops::Range;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// Width of `c` in this encoding's units.
    pub fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    /// Width of `s` in this encoding's units.
    pub fn measure(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
            Encoding::Utf32 => s.chars().count(),
        }
    }
}

/// A zero-based line and column (column in some [`Encoding`]'s units).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Where each line of a text starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while let Some(rel) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + rel;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            line_starts.push(next);
            i = next;
        }
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The bytes of line `line` without its terminator (clamped to the last line).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let line = line.min(self.line_starts.len() - 1);
        let start = self.line_starts[line];
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The zero-based line containing byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// The line/column of byte `offset`. Offsets past the end clamp to the end; offsets inside
    /// a character or a line break clamp back to its start.
    pub fn line_col(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let offset = offset.min(range.end);
        LineCol {
            line: line as u32,
            col: encoding.measure(&text[range.start..offset]) as u32,
        }
    }

    /// The byte offset of a line/column, clamped: a line past the end gives the end of the
    /// text, a column past the end of its line gives the line's end, a column inside a
    /// character gives the character's start.
    pub fn offset(&self, text: &str, pos: LineCol, encoding: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return text.len();
        }
        let range = self.line_range(text, line);
        let mut remaining = pos.col as usize;
        for (i, c) in text[range.clone()].char_indices() {
            let w = encoding.width(c);
            if remaining < w {
                return range.start + i;
            }
            remaining -= w;
        }
        range.end
    }

    /// Both ends of a byte range.
    pub fn range(&self, text: &str, range: Range<usize>, encoding: Encoding) -> (LineCol, LineCol) {
        (
            self.line_col(text, range.start, encoding),
            self.line_col(text, range.end, encoding),
        )
    }
}

/// The same conversions over a [`ropey::Rope`], for documents that are edited in place (the
/// language server's). Every operation is O(log n): no line table to rebuild after an edit.
/// Semantics match [`LineIndex`] exactly (clamping included; a test holds this).
pub mod rope {
    use super::{Encoding, LineCol};
    use ropey::Rope;

    /// End of line `line`'s content, excluding its terminator (`\n`, `\r\n` or `\r`).
    fn line_content_end(rope: &Rope, line: usize) -> usize {
        let mut end = if line + 1 < rope.len_lines() {
            rope.line_to_byte(line + 1)
        } else {
            rope.len_bytes()
        };
        let start = rope.line_to_byte(line);
        if end > start && rope.byte(end - 1) == b'\n' {
            end -= 1;
        }
        if end > start && rope.byte(end - 1) == b'\r' {
            end -= 1;
        }
        end
    }

    /// Rounds `offset` down to a character boundary (and into the text).
    pub fn floor_char_boundary(rope: &Rope, offset: usize) -> usize {
        let offset = offset.min(rope.len_bytes());
        rope.char_to_byte(rope.byte_to_char(offset))
    }

    /// Width in `encoding` units of the bytes `start..end` (both on character boundaries).
    fn measure(rope: &Rope, start: usize, end: usize, encoding: Encoding) -> usize {
        match encoding {
            Encoding::Utf8 => end - start,
            Encoding::Utf32 => rope.byte_to_char(end) - rope.byte_to_char(start),
            Encoding::Utf16 => {
                rope.char_to_utf16_cu(rope.byte_to_char(end))
                    - rope.char_to_utf16_cu(rope.byte_to_char(start))
            }
        }
    }

    /// The line/column of byte `offset`; clamps like [`super::LineIndex::line_col`].
    pub fn line_col(rope: &Rope, offset: usize, encoding: Encoding) -> LineCol {
        let offset = floor_char_boundary(rope, offset);
        let line = rope.byte_to_line(offset);
        let start = rope.line_to_byte(line);
        let offset = offset.min(line_content_end(rope, line)).max(start);
        LineCol {
            line: line as u32,
            col: measure(rope, start, offset, encoding) as u32,
        }
    }

    /// The byte offset of a line/column; clamps like [`super::LineIndex::offset`].
    pub fn offset(rope: &Rope, pos: LineCol, encoding: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= rope.len_lines() {
            return rope.len_bytes();
        }
        let start = rope.line_to_byte(line);
        let end = line_content_end(rope, line);
        let col = pos.col as usize;
        match encoding {
            Encoding::Utf8 => floor_char_boundary(rope, start.saturating_add(col).min(end)),
            Encoding::Utf32 => {
                let first = rope.byte_to_char(start);
                let last = rope.byte_to_char(end);
                rope.char_to_byte(first.saturating_add(col).min(last))
            }
            Encoding::Utf16 => {
                let first = rope.char_to_utf16_cu(rope.byte_to_char(start));
                let last = rope.char_to_utf16_cu(rope.byte_to_char(end));
                let unit = first.saturating_add(col).min(last);
                rope.char_to_byte(rope.utf16_cu_to_char(unit))
            }
        }
    }
}

/// 1-based line and character columns of both ends of a range, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// 1-based line and character columns of one range (for many ranges use [`Locator`]).
pub fn span(index: &LineIndex, text: &str, range: &Range<usize>) -> Span {
    let (start, end) = index.range(text, range.clone(), Encoding::Utf32);
    Span {
        line: start.line + 1,
        column: start.col + 1,
        end_line: end.line + 1,
        end_column: end.col + 1,
    }
}

/// Line/column of many offsets in one text. Findings come sorted, so each column is counted
/// from the previous offset on the same line rather than from the line start: thousands of
/// findings on one multi-megabyte line then cost linear time, not quadratic. Lines come from
/// [`LineIndex`]; the result equals `LineIndex::line_col` in `Encoding::Utf32`.
pub struct Locator<'a> {
    text: &'a str,
    index: LineIndex,
    starts: Cursor,
    ends: Cursor,
}

/// The last position a [`Locator`] resolved.
#[derive(Clone, Copy, Default)]
struct Cursor {
    line: usize,
    offset: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        Locator {
            text,
            index: LineIndex::new(text),
            starts: Cursor::default(),
            ends: Cursor::default(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// 1-based line and character columns of both ends of `range`.
    pub fn span(&mut self, range: &Range<usize>) -> Span {
        let (line, column) = locate(self.text, &self.index, &mut self.starts, range.start);
        let (end_line, end_column) = locate(self.text, &self.index, &mut self.ends, range.end);
        Span {
            line: line as u32 + 1,
            column: column as u32 + 1,
            end_line: end_line as u32 + 1,
            end_column: end_column as u32 + 1,
        }
    }
}

/// 0-based line and column of `offset`, clamped like `LineIndex::line_col`.
fn locate(text: &str, index: &LineIndex, cursor: &mut Cursor, offset: usize) -> (usize, usize) {
    let offset = floor_boundary(text, offset.min(text.len()));
    let line = index.line_of(offset);
    let bounds = index.line_range(text, line);
    let offset = offset.min(bounds.end);
    let column = if line == cursor.line && offset >= cursor.offset {
        cursor.column + Encoding::Utf32.measure(&text[cursor.offset..offset])
    } else if line == cursor.line && offset - bounds.start > cursor.offset - offset {
        cursor.column - Encoding::Utf32.measure(&text[offset..cursor.offset])
    } else {
        Encoding::Utf32.measure(&text[bounds.start..offset])
    };
    *cursor = Cursor {
        line,
        offset,
        column,
    };
    (line, column)
}

/// The largest character boundary of `text` at or before `at` (`at` ≤ `text.len()`).
pub fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use Encoding::*;

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn astral_characters_in_every_encoding() {
        let text = "a𠮷b😀c";
        let idx = LineIndex::new(text);
        let c_at = text.find('c').unwrap();
        assert_eq!(idx.line_col(text, c_at, Utf8), lc(0, 10));
        assert_eq!(idx.line_col(text, c_at, Utf16), lc(0, 6));
        assert_eq!(idx.line_col(text, c_at, Utf32), lc(0, 4));
        for enc in [Utf8, Utf16, Utf32] {
            for (at, _) in text.char_indices() {
                assert_eq!(
                    idx.offset(text, idx.line_col(text, at, enc), enc),
                    at,
                    "{enc:?} {at}"
                );
            }
        }
    }

    #[test]
    fn positions_inside_a_character_clamp_to_its_start() {
        let text = "𠮷x";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.offset(text, lc(0, 1), Utf16),
            0,
            "inside the surrogate pair"
        );
        assert_eq!(idx.offset(text, lc(0, 2), Utf8), 0);
        assert_eq!(idx.line_col(text, 2, Utf16), lc(0, 0));
        assert_eq!(idx.offset(text, lc(0, 99), Utf16), text.len());
        assert_eq!(idx.offset(text, lc(7, 0), Utf16), text.len());
        assert_eq!(idx.line_col(text, 999, Utf32), lc(0, 2));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "機\r\n𠮷\rz\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(
            idx.line_col(text, text.find('𠮷').unwrap(), Utf16),
            lc(1, 0)
        );
        assert_eq!(idx.line_col(text, text.find('z').unwrap(), Utf16), lc(2, 0));
        assert_eq!(
            idx.offset(text, lc(0, 5), Utf16),
            3,
            "end of line 0 excludes CRLF"
        );
        assert_eq!(
            idx.line_col(text, 4, Utf16),
            lc(0, 1),
            "inside CRLF clamps to line end"
        );
        assert_eq!(idx.line_col(text, text.len(), Utf16), lc(3, 0));
        assert_eq!(idx.line_range(text, 1), 5..9);
    }

    #[test]
    fn rope_conversions_agree_with_the_line_index() {
        let texts = [
            "a𠮷b😀c\r\n機(jī)\r\rz\n\n",
            "",
            "\r\n",
            "𠮷",
            "x\ry\n\r\n😀😀\n",
        ];
        for text in texts {
            let idx = LineIndex::new(text);
            let rope = ropey::Rope::from_str(text);
            assert_eq!(rope.len_lines(), idx.line_count(), "{text:?}");
            for enc in [Utf8, Utf16, Utf32] {
                for at in 0..=text.len() + 2 {
                    assert_eq!(
                        rope::line_col(&rope, at, enc),
                        idx.line_col(text, at, enc),
                        "{text:?} {enc:?} {at}"
                    );
                }
                for line in 0..idx.line_count() as u32 + 2 {
                    for col in 0..14 {
                        assert_eq!(
                            rope::offset(&rope, lc(line, col), enc),
                            idx.offset(text, lc(line, col), enc),
                            "{text:?} {enc:?} {line}:{col}"
                        );
                    }
                }
            }
        }
    }
}
