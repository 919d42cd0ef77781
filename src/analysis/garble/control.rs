//! `garble/control`: control characters in prose — C0 except tab, line feed and carriage
//! return, DEL, and C1 (U+0080–U+009F). Invisible, meaningless in text, and they break tools.
//!
//! A C1 character inside a mojibake run (UTF-8 read as Latin-1: `â€\u{9D}`) belongs to that
//! run and is left to `garble/mojibake`, whose repair restores it. An ESC that starts a
//! terminal escape sequence (`ESC[01;34m`, colours pasted from a terminal) is found with the
//! whole sequence: deleting the ESC alone would leave `[01;34m` in the text. Safe fix: delete,
//! except for C1 characters that windows-1252 prints (U+0085 …, U+0093 “, U+0097 —): text in
//! that page read as Latin-1, so the fix restores the punctuation, as ftfy does.

use super::codepage::cp1252_high;
use super::{code_points, deletion, member_runs};
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix};

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

/// Longest escape sequence taken in, in bytes after the ESC: real ones are a few bytes.
const MAX_SEQUENCE_BYTES: usize = 32;

/// The length of the ANSI control sequence (CSI: `[`, parameter bytes 0x30–0x3F,
/// intermediate bytes 0x20–0x2F, a final byte 0x40–0x7E) that `rest` starts with, if any.
fn csi_len(rest: &[u8]) -> Option<usize> {
    if rest.first() != Some(&b'[') {
        return None;
    }
    let mut i = 1;
    while i < rest.len() && i <= MAX_SEQUENCE_BYTES {
        match rest[i] {
            0x20..=0x3F => i += 1,
            0x40..=0x7E => return Some(i + 1),
            _ => return None,
        }
    }
    None
}

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    let text = doc.text;
    let bytes = text.as_bytes();
    // A run that ends in ESC takes in the control sequence after it, and then joins a run it
    // now touches.
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for mut run in member_runs(doc, candidates(text), |_, _, c| is_control(c)) {
        if bytes[run.end - 1] == 0x1B
            && let Some(n) = csi_len(&bytes[run.end..])
        {
            run.end += n;
        }
        match runs.last_mut() {
            Some(last) if last.end >= run.start => last.end = last.end.max(run.end),
            _ => runs.push(run),
        }
    }
    for range in runs {
        let controls: String = text[range.clone()]
            .chars()
            .filter(|&c| is_control(c))
            .collect();
        let points = code_points(&controls);
        let sequence = controls.len() < range.len();
        let message = if sequence {
            let shown = text[range.clone()].replace('\u{1B}', "ESC");
            doc.locale.pick(
                format!("控制字符 {points}（终端转义序列 {shown}）"),
                format!("control character {points} (terminal escape sequence {shown})"),
            )
        } else {
            doc.locale.pick(
                format!("控制字符 {points}"),
                format!("control character {points}"),
            )
        };
        // C1 characters that windows-1252 prints (U+0085 …, U+0093 “, U+0097 —) are that
        // page's punctuation read as Latin-1: restoring it loses nothing, deleting would.
        let as_cp1252: Option<String> = (!sequence)
            .then(|| {
                controls
                    .chars()
                    .map(|c| cp1252_high(c as u32).filter(|p| !is_control(*p)))
                    .collect()
            })
            .flatten();
        match as_cp1252 {
            Some(punctuation) => out.push(
                Finding::new(Code::Control, range.clone(), message).with_fix(Fix {
                    title: doc.locale.pick(
                        format!("替换为「{punctuation}」（Windows-1252）"),
                        format!("Replace with “{punctuation}” (Windows-1252)"),
                    ),
                    range,
                    replacement: punctuation,
                    safe: true,
                }),
            ),
            None => out.push(deletion(doc, Code::Control, range, message, true)),
        }
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
    fn windows_1252_punctuation_read_as_latin1_is_restored() {
        let config = Config::default();
        let fixed = |text: &str| crate::analysis::fix::fix_all(text, &config).0;
        assert_eq!(fixed("他说\u{93}好\u{94}\u{85}"), "他说“好”…");
        // 0x81 has no windows-1252 character: deleted as before.
        assert_eq!(fixed("甲\u{81}乙"), "甲乙");
    }

    #[test]
    fn an_escape_sequence_is_found_and_deleted_whole() {
        let text = "\u{1B}[01;34m目录\u{1B}[0m 与 \u{1B}[m\u{7}文字";
        let found = flagged(text);
        assert_eq!(
            found
                .iter()
                .map(|(r, _)| &text[r.clone()])
                .collect::<Vec<_>>(),
            ["\u{1B}[01;34m", "\u{1B}[0m", "\u{1B}[m\u{7}"]
        );
        assert_eq!(found[0].1, "控制字符 U+001B（终端转义序列 ESC[01;34m）");
        let config = Config::default();
        let (fixed, _) = crate::analysis::fix::fix_all(text, &config);
        assert_eq!(fixed, "目录 与 文字");
        // Not a control sequence: only the ESC goes.
        assert_eq!(
            flagged("\u{1B}[漢"),
            [(0..1, "控制字符 U+001B".to_string())]
        );
        assert_eq!(flagged("a\u{1B}"), [(1..2, "控制字符 U+001B".to_string())]);
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
