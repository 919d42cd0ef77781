//! `garble/replacement`: characters that stand where text was already lost, so nothing can
//! be recovered — U+FFFD runs, 锟斤拷 (U+FFFD's UTF-8 bytes read as GBK), 烫烫烫 / 屯屯屯
//! (MSVC's fill bytes 0xCC / 0xCD read as GBK), and runs of □ standing for missing glyphs.
//!
//! Near misses: 烫 and 烫烫 are words (滚烫, 烫伤, 烫烫的), so only three or more in a row count;
//! □ is a legitimate form placeholder or checkbox (□同意, 姓名：□□□), so a run counts when it is
//! three or longer and not after a colon, or two or longer between Han characters.
//! Runs that the text quotes or names as examples of garbling (「锟斤拷」, 显示为烫烫烫; see
//! `mention`) are not damage, unless their line holds many runs (a body full of U+FFFD).
//! One finding per run; the only fix, deletion, is unsafe (the lost text may need rewriting).

use super::mention::is_mentioned;
use super::{claimed_by_mojibake, deletion, find_all};
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding};
use crate::analysis::script::is_han;
use std::ops::Range;

const KUNJINKAO: &str = "锟斤拷";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    ReplacementChar,
    Kunjinkao,
    FillBytes,
    Squares,
}

/// A line with more runs than this is damaged text, whatever it says about garbling.
const MAX_MENTIONS_PER_LINE: usize = 3;

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    let runs = find_runs(doc.text);
    let per_line = runs_per_line(doc.text, &runs);
    for ((range, kind), &on_line) in runs.iter().zip(&per_line) {
        let range = range.clone();
        let kind = *kind;
        if claimed_by_mojibake(doc, range.start) {
            continue;
        }
        if on_line <= MAX_MENTIONS_PER_LINE && is_mentioned(doc.text, range.clone()) {
            continue;
        }
        let run = &doc.text[range.clone()];
        let message = match kind {
            Kind::ReplacementChar => doc.locale.pick(
                format!(
                    "替换字符 U+FFFD ×{}：此处原文已在解码时丢失",
                    run.chars().count()
                ),
                format!(
                    "replacement character U+FFFD ×{}: the original text was lost in decoding",
                    run.chars().count()
                ),
            ),
            Kind::Kunjinkao => doc.locale.pick(
                format!("「{run}」是乱码（U+FFFD 的 UTF-8 字节被按 GBK 解读），原文已丢失"),
                format!("“{run}” is garbage (U+FFFD's UTF-8 bytes read as GBK); the text is lost"),
            ),
            Kind::FillBytes => doc.locale.pick(
                format!("「{run}」是乱码（未初始化内存的填充字节被按 GBK 解读）"),
                format!("“{run}” is garbage (uninitialised-memory fill bytes read as GBK)"),
            ),
            Kind::Squares => doc.locale.pick(
                format!("「{run}」疑为无法显示或已丢失的字符"),
                format!("“{run}” looks like characters that could not be shown or were lost"),
            ),
        };
        out.push(deletion(doc, Code::Replacement, range, message, false));
    }
}

/// For each run (sorted by start), how many runs share its line: one pass over the text
/// between consecutive runs, so a long line full of runs stays linear.
fn runs_per_line(text: &str, runs: &[(Range<usize>, Kind)]) -> Vec<usize> {
    let mut counts = vec![0; runs.len()];
    let mut group_start = 0;
    for k in 0..=runs.len() {
        let new_line = k == runs.len()
            || (k > 0
                && memchr::memchr(
                    b'\n',
                    &text.as_bytes()[runs[k - 1].0.start..runs[k].0.start],
                )
                .is_some());
        if new_line && k > group_start {
            counts[group_start..k].fill(k - group_start);
            group_start = k;
        }
    }
    counts
}

/// Byte ranges of `text` holding replacement garbage (U+FFFD, 锟斤拷, 烫烫烫 …), for detectors
/// that must leave those characters alone (`script/mixed`: 锟 is a Simplified form).
pub fn garbage_runs(text: &str) -> impl Iterator<Item = Range<usize>> {
    find_runs(text).into_iter().map(|(range, _)| range)
}

fn find_runs(text: &str) -> Vec<(Range<usize>, Kind)> {
    let mut runs = Vec::new();
    let mut next = 0;
    for at in find_all(text, &["\u{FFFD}", KUNJINKAO, "烫", "屯", "□"]) {
        if at < next {
            continue;
        }
        let rest = &text[at..];
        let Some(c) = rest.chars().next() else {
            continue;
        };
        let (len, kind) = match c {
            '\u{FFFD}' => (same_char_run(rest, c), Some(Kind::ReplacementChar)),
            '锟' => (kunjinkao_run(rest), Some(Kind::Kunjinkao)),
            '烫' | '屯' => {
                let len = same_char_run(rest, c);
                (len, (len >= 3 * c.len_utf8()).then_some(Kind::FillBytes))
            }
            '□' => {
                let len = same_char_run(rest, c);
                (
                    len,
                    squares_are_garbage(text, at, len).then_some(Kind::Squares),
                )
            }
            _ => (c.len_utf8(), None),
        };
        if let Some(kind) = kind {
            runs.push((at..at + len, kind));
        }
        // A run too short to flag is skipped whole, so its tail is not judged on its own.
        next = at + len;
    }
    runs
}

/// Byte length of the run of `c` starting `rest`.
fn same_char_run(rest: &str, c: char) -> usize {
    rest.len() - rest.trim_start_matches(c).len()
}

/// Repeated 锟斤拷, plus a trailing 锟 or 锟斤 left by an odd number of replacement characters.
fn kunjinkao_run(rest: &str) -> usize {
    let repeated = rest.len() - rest.trim_start_matches(KUNJINKAO).len();
    let tail = &rest[repeated..];
    repeated
        + if tail.starts_with("锟斤") {
            "锟斤".len()
        } else if tail.starts_with('锟') {
            '锟'.len_utf8()
        } else {
            0
        }
}

fn squares_are_garbage(text: &str, at: usize, len: usize) -> bool {
    let count = len / '□'.len_utf8();
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    let after_colon = matches!(before, Some('：' | ':'))
        || text[..at].trim_end_matches(' ').ends_with([':', '：']);
    let between_han = before.is_some_and(is_han) && after.is_some_and(is_han);
    (count >= 3 && !after_colon) || (count >= 2 && between_han)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, DocSummary};

    fn flagged(text: &str) -> Vec<(&str, Range<usize>)> {
        let config = Config::default();
        let doc = Document::new(text, DocSummary::of(text), &config);
        let mut out = Vec::new();
        detect(&doc, &mut out);
        out.into_iter()
            .map(|f| (&text[f.range.clone()], f.range))
            .collect()
    }

    #[test]
    fn finds_runs_with_exact_spans() {
        assert_eq!(flagged("a\u{FFFD}\u{FFFD}b"), [("\u{FFFD}\u{FFFD}", 1..7)]);
        assert_eq!(flagged("前锟斤拷锟斤拷后"), [("锟斤拷锟斤拷", 3..21)]);
        assert_eq!(flagged("锟斤拷锟"), [("锟斤拷锟", 0..12)]);
        assert_eq!(flagged("烫烫烫烫"), [("烫烫烫烫", 0..12)]);
        assert_eq!(flagged("x屯屯屯"), [("屯屯屯", 1..10)]);
        assert_eq!(flagged("我□□你"), [("□□", 3..9)]);
        assert_eq!(flagged("内容□□□。"), [("□□□", 6..15)]);
    }

    #[test]
    fn near_misses_stay_quiet() {
        for text in [
            "滚烫的水，小心烫伤",
            "烫烫的",
            "屯兵屯田",
            "□同意 □不同意",
            "姓名：□□□",
            "Name: □□□□",
            "□□ 选项",
            "一斤拷贝",
            "锟",
        ] {
            assert!(flagged(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn discussed_examples_stay_quiet_but_damaged_lines_do_not() {
        for text in [
            "所谓「锟斤拷」，是 U+FFFD 的 UTF-8 字节被当成 GBK 读出的样子。",
            "在 VC 的调试版里，未初始化的栈内存会显示为烫烫烫烫。",
            "有读者来信说网页标题变成了 \u{FFFD}\u{FFFD}\u{FFFD}，问怎么修。",
        ] {
            assert!(flagged(text).is_empty(), "{text}");
        }
        // Four runs on one line are a damaged body even if it names 乱码.
        let text = "乱码\u{FFFD}\u{FFFD}一\u{FFFD}\u{FFFD}二\u{FFFD}\u{FFFD}三\u{FFFD}\u{FFFD}";
        assert_eq!(flagged(text).len(), 4);
        // An ordinary sentence keeps its finding.
        assert_eq!(
            flagged("截至\u{FFFD}\u{FFFD}年底，全县共有学校四十所。").len(),
            1
        );
    }

    #[test]
    fn fix_is_an_unsafe_deletion() {
        let config = Config::default();
        let text = "烫烫烫";
        let doc = Document::new(text, DocSummary::of(text), &config);
        let mut out = Vec::new();
        detect(&doc, &mut out);
        assert_eq!(out[0].fixes[0].replacement, "");
        assert!(!out[0].fixes[0].safe);
    }
}
