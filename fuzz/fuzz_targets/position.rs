//! Position conversion: `LineIndex` and its rope twin against a naive reference, in UTF-8,
//! UTF-16 and UTF-32, over text with CRLF, lone CR and astral characters.
//!
//! - byte → line/col → byte round-trips for every character boundary (an offset between the
//!   `\r` and `\n` of a CRLF lands at the end of the line's content);
//! - an offset inside a character converts like the character's start;
//! - any line/col (including far out of range) converts to a character boundary in the text,
//!   on the asked line (or the text's end past the last line), at a column no greater than
//!   asked, and back to the same place;
//! - the rope functions agree with `LineIndex` everywhere.
//!
//! Input: text bytes, then optionally 0xFF and query bytes (extra line/col pairs).

#![no_main]

mod common;

use common::{split, text_of};
use jiaodui::position::{Encoding, LineCol, LineIndex, rope as rope_pos};
use libfuzzer_sys::fuzz_target;

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

/// One line of the reference split: content, and where the next line starts.
struct RefLine {
    start: usize,
    end: usize,
}

/// Lines by the LSP rule (`\n`, `\r\n` or a lone `\r` ends a line), by a char loop.
fn reference_lines(text: &str) -> Vec<RefLine> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => {
                lines.push(RefLine { start, end: i });
                start = i + 1;
            }
            '\r' => {
                lines.push(RefLine { start, end: i });
                if let Some(&(_, '\n')) = chars.peek() {
                    chars.next();
                    start = i + 2;
                } else {
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    lines.push(RefLine {
        start,
        end: text.len(),
    });
    lines
}

fn reference_line_col(text: &str, lines: &[RefLine], offset: usize, enc: Encoding) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = lines.partition_point(|l| l.start <= offset) - 1;
    let l = &lines[line];
    let offset = offset.min(l.end);
    LineCol {
        line: line as u32,
        col: enc.measure(&text[l.start..offset]) as u32,
    }
}

fn check_offset(
    text: &str,
    lines: &[RefLine],
    idx: &LineIndex,
    rope: &ropey::Rope,
    pos: LineCol,
    enc: Encoding,
) {
    let at = idx.offset(text, pos, enc);
    assert_eq!(
        rope_pos::offset(rope, pos, enc),
        at,
        "rope offset of {pos:?} {enc:?}"
    );
    assert!(
        at <= text.len() && text.is_char_boundary(at),
        "offset {at} of {pos:?}"
    );
    let back = idx.line_col(text, at, enc);
    match lines.get(pos.line as usize) {
        None => assert_eq!(at, text.len(), "{pos:?} past the last line"),
        Some(l) => {
            assert!(l.start <= at && at <= l.end, "{pos:?} {enc:?} left its line");
            assert_eq!(back.line, pos.line, "{pos:?} {enc:?} -> {at} -> {back:?}");
            assert!(back.col <= pos.col, "{pos:?} {enc:?} -> {at} -> {back:?}");
            if back.col < pos.col && at < l.end {
                // Clamped inside the line: only because `pos` points into a character.
                let c = text[at..].chars().next().expect("at < end of line");
                assert!(
                    ((pos.col - back.col) as usize) < enc.width(c),
                    "{pos:?} {enc:?} clamped to {back:?} before {c:?}"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (text_bytes, queries) = split(data);
    let text = text_of(text_bytes);
    let text: &str = &text;
    let idx = LineIndex::new(text);
    let rope = ropey::Rope::from_str(text);
    let lines = reference_lines(text);
    assert_eq!(idx.line_count(), lines.len(), "line count");
    assert_eq!(rope.len_lines(), lines.len(), "rope line count");
    for (n, l) in lines.iter().enumerate() {
        assert_eq!(idx.line_range(text, n), l.start..l.end, "line {n}");
    }

    // Offsets: every one in short texts; in longer ones those near line breaks and astral
    // characters (where conversions can go wrong) and a stride through the rest.
    let interesting = |at: usize| {
        at <= 256
            || text.len() - at <= 8
            || at % 61 == 0
            || text.as_bytes()[at.saturating_sub(4)..(at + 4).min(text.len())]
                .iter()
                .any(|&b| b == b'\r' || b == b'\n' || b >= 0xF0)
    };
    for enc in ENCODINGS {
        for at in (0..=text.len())
            .filter(|&at| interesting(at))
            .chain([text.len() + 1, usize::MAX])
        {
            let lc = idx.line_col(text, at, enc);
            assert_eq!(
                lc,
                reference_line_col(text, &lines, at, enc),
                "line_col({at}) {enc:?}"
            );
            assert_eq!(rope_pos::line_col(&rope, at, enc), lc, "rope line_col({at})");
            if at <= text.len() && text.is_char_boundary(at) {
                let l = &lines[lc.line as usize];
                let expected = at.min(l.end);
                assert_eq!(idx.offset(text, lc, enc), expected, "round trip of {at} {enc:?}");
            }
        }
    }

    // Line/column pairs: a small grid, plus those the input asks for.
    for enc in ENCODINGS {
        for line in 0..(lines.len() as u32 + 1).min(6) {
            for col in 0..12 {
                check_offset(text, &lines, &idx, &rope, LineCol { line, col }, enc);
            }
            check_offset(text, &lines, &idx, &rope, LineCol { line, col: u32::MAX }, enc);
        }
        check_offset(text, &lines, &idx, &rope, LineCol { line: u32::MAX, col: 0 }, enc);
    }
    for q in queries.chunks_exact(5) {
        let enc = ENCODINGS[usize::from(q[0] % 3)];
        let line = u32::from(u16::from_le_bytes([q[1], q[2]]));
        let col = u32::from(u16::from_le_bytes([q[3], q[4]]));
        check_offset(text, &lines, &idx, &rope, LineCol { line, col }, enc);
    }

    // The three encodings measure each line consistently.
    for l in &lines {
        let s = &text[l.start..l.end];
        let (b, u16s, u32s) = (
            Encoding::Utf8.measure(s),
            Encoding::Utf16.measure(s),
            Encoding::Utf32.measure(s),
        );
        assert_eq!(b, s.len());
        assert!(u32s <= u16s && u16s <= b, "{b} {u16s} {u32s}");
        assert_eq!(u16s, s.encode_utf16().count());
    }
});
