//! Helpers shared by the fuzz targets: turning bytes into text, and the span invariants every
//! byte range handed out by the analysis must satisfy.

#![allow(dead_code)]

pub mod edits;

use jiaodui::analysis::Finding;
use std::borrow::Cow;
use std::ops::Range;

/// Separates the text part of an input from its control part: 0xFF never occurs in UTF-8,
/// so a corpus of plain text files is a corpus of valid inputs (with no control part).
pub const SPLIT: u8 = 0xFF;

/// The input's bytes as text: as they are when they are valid UTF-8, lossily decoded
/// otherwise (what the CLI and the server do with a file that is not UTF-8).
pub fn text_of(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Splits an input at the first [`SPLIT`] byte into (text bytes, control bytes).
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == SPLIT) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

/// `range` is ordered, inside `text` and on character boundaries.
#[track_caller]
pub fn assert_span(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what}: {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what}: {range:?} splits a character"
    );
}

/// Every finding's range and every fix's range is a valid span of `text`, findings come
/// sorted, and messages are not empty.
#[track_caller]
pub fn assert_findings(text: &str, findings: &[Finding]) {
    for f in findings {
        assert_span(text, &f.range, f.code.as_str());
        assert!(!f.message.is_empty(), "{}: empty message", f.code);
        for fix in &f.fixes {
            assert_span(text, &fix.range, &format!("{} fix", f.code));
            assert!(!fix.title.is_empty(), "{}: fix without a title", f.code);
        }
    }
    assert!(
        findings.windows(2).all(|w| {
            (w[0].range.start, w[0].range.end, w[0].code)
                <= (w[1].range.start, w[1].range.end, w[1].code)
        }),
        "findings out of order"
    );
}
