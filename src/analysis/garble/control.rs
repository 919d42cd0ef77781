//! `garble/control`: control characters in prose — C0 except tab, line feed and carriage
//! return, DEL, and C1 (U+0080–U+009F). Invisible, meaningless in text, and they break tools.
//!
//! A C1 character inside a mojibake run (UTF-8 read as Latin-1: `â€\u{9D}`) belongs to that
//! run and is left to `garble/mojibake`, whose repair restores it. Safe fix: delete.

use super::{code_points, deletion, member_runs};
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding};

pub fn is_control(c: char) -> bool {
    matches!(c as u32, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F..=0x9F)
}

/// Offsets of control characters: a byte loop for C0 and DEL, memchr for C1's lead byte.
fn candidates(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F)
        .map(|(i, _)| i)
        .collect();
    let c1 =
        memchr::memchr_iter(0xC2, bytes).filter(|&i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)));
    if found.is_empty() {
        found.extend(c1);
    } else {
        found.extend(c1);
        found.sort_unstable();
    }
    found
}

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    for range in member_runs(doc, candidates(doc.text), |_, _, c| is_control(c)) {
        let points = code_points(&doc.text[range.clone()]);
        let message = doc.locale.pick(
            format!("控制字符 {points}"),
            format!("control character {points}"),
        );
        out.push(deletion(doc, Code::Control, range, message, true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, DocSummary};

    fn flagged(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
        let config = Config::default();
        let doc = Document::new(text, DocSummary::of(text), &config);
        let mut out = Vec::new();
        detect(&doc, &mut out);
        out.into_iter().map(|f| (f.range, f.message)).collect()
    }

    #[test]
    fn names_the_code_points_with_exact_spans() {
        assert_eq!(
            flagged("响\u{7}铃"),
            [(3..4, "控制字符 U+0007".to_string())]
        );
        assert_eq!(
            flagged("a\u{1B}\u{7F}b\u{85}"),
            [
                (1..3, "控制字符 U+001B, U+007F".to_string()),
                (4..6, "控制字符 U+0085".to_string())
            ]
        );
        assert_eq!(flagged("\u{0}"), [(0..1, "控制字符 U+0000".to_string())]);
    }

    #[test]
    fn tabs_and_line_breaks_are_fine() {
        assert!(flagged("一\t二\r\n三\n").is_empty());
        assert!(flagged("é ü ¥ 中文").is_empty());
    }

    #[test]
    fn fix_deletes_safely() {
        let config = Config::default();
        let text = "a\u{8}b";
        let doc = Document::new(text, DocSummary::of(text), &config);
        let mut out = Vec::new();
        detect(&doc, &mut out);
        let (fixed, _) = crate::analysis::fix::apply_fixes(text, &out[0].fixes);
        assert_eq!(fixed, "ab");
        assert!(out[0].fixes[0].safe);
    }
}
