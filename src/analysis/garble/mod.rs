//! Garbled-character detectors: text damaged by encoding mix-ups, flattened annotations,
//! invisible characters and leftover markup. One file per code.
//!
//! The detectors never report the same bytes twice: mojibake runs are found first (once per
//! paragraph, cached on the `Document`), and the character-level detectors (replacement,
//! control, zero-width, private-use) skip characters inside them. A C1 control or soft
//! hyphen in `ä¸\u{AD}` is part of a misread UTF-8 sequence, and its repair restores it.

pub(crate) mod code_regions;
pub mod codepage;
pub mod control;
pub mod foreign_pages;
pub mod html_entity;
pub mod inline_pinyin;
pub(crate) mod mention;
pub mod mojibake;
pub mod private_use;
pub mod replacement;
pub mod zero_width;

use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix};
use std::ops::Range;

/// Whether byte `at` of the document lies inside a mojibake run.
pub(crate) fn claimed_by_mojibake(doc: &Document, at: usize) -> bool {
    let runs = doc.mojibake_runs();
    let i = runs.partition_point(|r| r.range.end <= at);
    runs.get(i).is_some_and(|r| r.range.start <= at)
}

/// A finding whose fix deletes the flagged text.
pub(crate) fn deletion(
    doc: &Document,
    code: Code,
    range: Range<usize>,
    message: String,
    safe: bool,
) -> Finding {
    let title = doc.locale.pick("删除", "Delete");
    Finding::new(code, range.clone(), message).with_fix(Fix {
        title,
        range,
        replacement: String::new(),
        safe,
    })
}

/// `U+0007, U+001B` for the distinct code points of `text` (at most four, then `…`).
pub(crate) fn code_points(text: &str) -> String {
    const SHOWN: usize = 4;
    let mut seen: Vec<char> = Vec::new();
    for c in text.chars() {
        if !seen.contains(&c) {
            seen.push(c);
        }
        if seen.len() > SHOWN {
            break;
        }
    }
    let mut out: Vec<String> = seen
        .iter()
        .take(SHOWN)
        .map(|c| format!("U+{:04X}", *c as u32))
        .collect();
    if seen.len() > SHOWN {
        out.push("…".into());
    }
    out.join(", ")
}

/// Groups candidate characters (their byte offsets, ascending) into maximal runs of adjacent
/// ones that satisfy `member(text, at, c)` and are not claimed by mojibake. Detectors find the
/// candidates with byte searches (memchr/memmem), so clean text is never decoded char by char.
pub(crate) fn member_runs(
    doc: &Document,
    candidates: impl IntoIterator<Item = usize>,
    mut member: impl FnMut(&str, usize, char) -> bool,
) -> Vec<Range<usize>> {
    let text = doc.text;
    let mut runs: Vec<Range<usize>> = Vec::new();
    for at in candidates {
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        if !member(text, at, c) || claimed_by_mojibake(doc, at) {
            continue;
        }
        let end = at + c.len_utf8();
        match runs.last_mut() {
            Some(last) if last.end == at => last.end = end,
            Some(last) if last.end > at => {}
            _ => runs.push(at..end),
        }
    }
    runs
}

/// Byte offsets of every occurrence of any of `needles`, ascending.
pub(crate) fn find_all(text: &str, needles: &[&str]) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    for needle in needles {
        found.extend(memchr::memmem::find_iter(
            text.as_bytes(),
            needle.as_bytes(),
        ));
    }
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, DocSummary, check};
    use proptest::prelude::*;

    const GARBLE: [Code; 6] = [
        Code::Mojibake,
        Code::Replacement,
        Code::Control,
        Code::ZeroWidth,
        Code::PrivateUse,
        Code::HtmlEntity,
    ];

    fn garble_findings(text: &str) -> Vec<Finding> {
        check(text, &Config::default())
            .into_iter()
            .filter(|f| GARBLE.contains(&f.code))
            .collect()
    }

    fn assert_well_formed(text: &str) {
        let findings = garble_findings(text);
        let mut last_end = 0;
        for f in &findings {
            assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
            assert!(f.range.start < f.range.end && f.range.end <= text.len());
            assert!(f.range.start >= last_end, "overlap: {findings:?}");
            last_end = f.range.end;
            for fix in &f.fixes {
                assert!(text.is_char_boundary(fix.range.start));
                assert!(text.is_char_boundary(fix.range.end));
                assert!(fix.range.start >= f.range.start && fix.range.end <= f.range.end);
            }
        }
    }

    #[test]
    fn seed_has_no_garble_beyond_inline_pinyin() {
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        assert!(garble_findings(seed).is_empty());
    }

    #[test]
    fn c1_inside_cp1252_mojibake_is_reported_once() {
        // “ and ” in UTF-8 read as windows-1252 (Latin-1 for the unassigned 0x9D).
        let text = "他说â€œä½\u{A0}å¥½â€\u{9D}。";
        let findings = garble_findings(text);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].code, Code::Mojibake);
        // 中 = E4 B8 AD: the soft hyphen belongs to the mojibake too.
        let findings = garble_findings("ä¸\u{AD}æ\u{96}\u{87}");
        assert_eq!(
            findings.iter().map(|f| f.code).collect::<Vec<_>>(),
            [Code::Mojibake]
        );
        assert_eq!(findings[0].fixes[0].replacement, "中文");
    }

    #[test]
    fn lone_control_and_zero_width_are_still_reported() {
        let findings = garble_findings("é\u{85}中\u{AD}文");
        let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::Control, Code::ZeroWidth]);
    }

    #[test]
    fn local_detectors_agree_per_paragraph() {
        let text = "\u{FEFF}鍙戝竷&nbsp;\n\n\u{FEFF}第二段\u{7}锟斤拷\n\n&amp;quot;\u{E000}";
        let config = Config::default();
        let summary = DocSummary::of(text);
        let whole = crate::analysis::finish(
            text,
            crate::analysis::check_local(text, &summary, &config),
            crate::analysis::Profile::plain(&config),
        );
        let mut pieces = Vec::new();
        for r in crate::analysis::paragraphs(text) {
            pieces.extend(
                crate::analysis::check_local_at(&text[r.clone()], r.start, &summary, &config)
                    .into_iter()
                    .map(|f| f.shifted(r.start)),
            );
        }
        assert_eq!(
            whole,
            crate::analysis::finish(text, pieces, crate::analysis::Profile::plain(&config))
        );
        let codes: Vec<Code> = whole.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [
                Code::Mojibake,
                Code::HtmlEntity,
                Code::ZeroWidth,
                Code::Control,
                Code::Replacement,
                Code::HtmlEntity,
                Code::PrivateUse
            ]
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_stays_on_char_boundaries(text in "\\PC*") {
            assert_well_formed(&text);
        }

        #[test]
        fn never_panics_on_garble_heavy_strings(
            text in "[锟斤拷烫屯□鍙戝竷浣犲ソÄãºÃâ€œä½å¥½\u{A0}\u{AD}\u{80}-\u{9F}\u{0}-\u{1F}\u{200B}-\u{200D}\u{FEFF}\u{E000}\u{F0000}\u{FFFD}&#;xamplt0-9a-z中文 \n]{0,64}"
        ) {
            assert_well_formed(&text);
        }
    }
}
