//! `garble/private-use`: Private Use Area characters (U+E000–U+F8FF, planes 15–16). They
//! mean something only with one particular font (icon fonts on web pages, vendor-specific
//! glyphs in old GBK/Big5 conversions) and show as boxes anywhere else.
//!
//! The fix, deletion, is unsafe: the character may carry meaning the user wants to rewrite.
//! Characters inside a mojibake run are left to `garble/mojibake`.

use super::{code_points, deletion, member_runs};
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding};

pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    // BMP private use is EE 80 80 – EF A3 BF; planes 15–16 start with F3 B0–BF or F4.
    let bytes = doc.text.as_bytes();
    let mut candidates: Vec<usize> = memchr::memchr3_iter(0xEE, 0xEF, 0xF3, bytes)
        .chain(memchr::memchr_iter(0xF4, bytes))
        .filter(|&i| match bytes[i] {
            0xEF => matches!(bytes.get(i + 1), Some(0x80..=0xA3)),
            0xF3 => matches!(bytes.get(i + 1), Some(0xB0..=0xBF)),
            _ => true,
        })
        .collect();
    candidates.sort_unstable();
    for range in member_runs(doc, candidates, |_, _, c| is_private_use(c)) {
        let points = code_points(&doc.text[range.clone()]);
        let message = doc.locale.pick(
            format!("私用区字符 {points}：只在特定字体中有意义"),
            format!("private-use character {points}: meaningful only in a particular font"),
        );
        out.push(deletion(doc, Code::PrivateUse, range, message, false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, DocSummary};

    fn flagged(text: &str) -> Vec<std::ops::Range<usize>> {
        let config = Config::default();
        let doc = Document::new(text, DocSummary::of(text), &config);
        let mut out = Vec::new();
        detect(&doc, &mut out);
        assert!(out.iter().all(|f| !f.fixes[0].safe));
        out.into_iter().map(|f| f.range).collect()
    }

    #[test]
    fn finds_private_use_runs_with_exact_spans() {
        assert_eq!(flagged("图标\u{E000}\u{F8FF}文字"), [6..12]);
        assert_eq!(flagged("a\u{F0000}b\u{10FFFD}"), [1..5, 6..10]);
    }

    #[test]
    fn neighbours_of_the_ranges_stay_quiet() {
        assert!(flagged("中文").is_empty());
        assert!(flagged("\u{D7FF}\u{F900}\u{EFFFF}，。").is_empty());
    }
}
