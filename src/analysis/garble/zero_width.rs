//! `garble/zero-width`: invisible characters left by web pages and editors — zero-width
//! space, non-joiner and joiner (U+200B–U+200D), word joiner (U+2060), a byte-order mark
//! (U+FEFF) anywhere but the very start of the document, and the soft hyphen (U+00AD).
//!
//! Legitimate uses stay quiet: a joiner inside an emoji sequence (👨‍👩‍👧), joiners and
//! non-joiners next to scripts that shape with them (Arabic, Persian, Indic, Mongolian…),
//! and zero-width spaces between words of scripts written without spaces (Thai, Lao, Khmer,
//! Myanmar, Tibetan). A leading U+FEFF is a BOM only when the analysed text starts the
//! document: local detectors see one paragraph at a time, so `Document::starts_document`
//! (set by `check_local_at` from the paragraph's offset) tells a real BOM from a stray one
//! at the start of a later paragraph. A soft hyphen between two characters that stand for
//! misread bytes (GBK or Big5 shown as Latin-1, where byte 0xAD is one) is left to the
//! mojibake detector. Safe fix: delete (they carry nothing visible).

use super::codepage::single_byte_of;
use super::{code_points, deletion, find_all, member_runs};
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding};

fn is_candidate(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

/// Scripts that use U+200C/U+200D to control joining or conjuncts.
fn shapes_with_joiners(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0x0900..=0x0DFF | 0x0F00..=0x0FFF | 0x1000..=0x109F | 0x1780..=0x18AF
        | 0xA840..=0xA8FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC | 0x10A00..=0x10A5F)
}

/// Scripts written without spaces, where U+200B marks word breaks.
fn breaks_with_zwsp(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0FFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

/// Pictographs and the modifiers that take part in ZWJ emoji sequences.
fn is_emoji_part(c: char) -> bool {
    matches!(c as u32,
        0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0x1F000..=0x1FAFF | 0xE0020..=0xE007F)
}

/// A non-ASCII character that stands for one byte read as windows-1252 or Latin-1.
fn misread_byte(c: char) -> bool {
    !c.is_ascii() && single_byte_of(c).is_some()
}

fn is_stray(text: &str, at: usize, c: char, starts_document: bool) -> bool {
    if !is_candidate(c) {
        return false;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    let near = |f: fn(char) -> bool| before.is_some_and(f) || after.is_some_and(f);
    match c {
        '\u{FEFF}' => !(at == 0 && starts_document),
        '\u{200D}' => {
            !(before.is_some_and(is_emoji_part) && after.is_some_and(is_emoji_part)
                || near(shapes_with_joiners))
        }
        '\u{200C}' => !near(shapes_with_joiners),
        '\u{200B}' => !near(breaks_with_zwsp),
        // Byte 0xAD of GBK or Big5 text read as Latin-1 shows as a soft hyphen between
        // other misread bytes; deleting it would lose a byte of the mojibake.
        '\u{AD}' => !(before.is_some_and(misread_byte) && after.is_some_and(misread_byte)),
        _ => true,
    }
}

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    let candidates = find_all(
        doc.text,
        &[
            "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{AD}",
        ],
    );
    let starts_document = doc.starts_document;
    for range in member_runs(doc, candidates, |text, at, c| {
        is_stray(text, at, c, starts_document)
    }) {
        let points = code_points(&doc.text[range.clone()]);
        let message = doc.locale.pick(
            format!("不可见字符 {points}"),
            format!("invisible character {points}"),
        );
        out.push(deletion(doc, Code::ZeroWidth, range, message, true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, DocSummary};

    fn flagged_at(text: &str, starts_document: bool) -> Vec<std::ops::Range<usize>> {
        let config = Config::default();
        let mut doc = Document::new(text, DocSummary::of(text), &config);
        doc.starts_document = starts_document;
        let mut out = Vec::new();
        detect(&doc, &mut out);
        out.into_iter().map(|f| f.range).collect()
    }

    fn flagged(text: &str) -> Vec<std::ops::Range<usize>> {
        flagged_at(text, true)
    }

    #[test]
    fn finds_invisible_characters_with_exact_spans() {
        assert_eq!(flagged("中\u{200B}文"), [3..6]);
        assert_eq!(flagged("中\u{200B}\u{200C}\u{200D}文"), [3..12]);
        assert_eq!(flagged("词\u{2060}语"), [3..6]);
        assert_eq!(flagged("中\u{FEFF}文"), [3..6]);
        assert_eq!(flagged("校\u{AD}对"), [3..5]);
        // Big5 bytes A8 AB AD D7 AA 5A shown as Latin-1: 0xAD is a byte of the mojibake.
        assert!(flagged("¨«\u{AD}×ªZ").is_empty());
        assert_eq!(flagged("a\u{200D}b"), [1..4]);
    }

    #[test]
    fn byte_order_mark_only_at_document_start() {
        assert!(flagged("\u{FEFF}正文").is_empty());
        assert_eq!(flagged_at("\u{FEFF}第二段", false), [0..3]);
        assert_eq!(flagged("\u{FEFF}\u{FEFF}正文"), [3..6]);
    }

    #[test]
    fn legitimate_joiners_stay_quiet() {
        for text in [
            "👨\u{200D}👩\u{200D}👧",
            "🏳\u{FE0F}\u{200D}🌈",
            "❤\u{FE0F}\u{200D}🔥",
            "می\u{200C}خواهم",
            "क्\u{200D}ष",
            "ภาษา\u{200B}ไทย",
            "中文 text",
        ] {
            assert!(flagged(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn message_names_code_points() {
        let config = Config::default();
        let text = "中\u{200B}文";
        let doc = Document::new(text, DocSummary::of(text), &config);
        let mut out = Vec::new();
        detect(&doc, &mut out);
        assert_eq!(out[0].message, "不可见字符 U+200B");
        assert!(out[0].fixes[0].safe);
    }
}
