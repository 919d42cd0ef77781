//! Whether a repair reads like Chinese where the garbled text does not: common characters,
//! and dictionary words (also with the text on either side of a short run).

use crate::analysis::garble::codepage::{common_share, is_cjk_punctuation, is_common_han};
use crate::analysis::script::{is_han, simplified_char};
use crate::analysis::segment;
use std::ops::Range;

/// Characters a repair of Chinese text may consist of.
pub(super) fn is_cjk_like(c: char) -> bool {
    // U+00B7 is the GBK middle dot of transliterated names (爱德华·斯通).
    is_han(c) || is_cjk_punctuation(c) || matches!(c as u32, 0xB7 | 0x3040..=0x30FF)
}

/// The repair of `text[range]` reads like Chinese and the garbled text does not.
pub(super) fn reads_better(text: &str, range: Range<usize>, repair: &str) -> bool {
    const CONTEXT: usize = 4;
    let garbled = &text[range.clone()];
    if repair.chars().count() < 2 || !repair.chars().any(is_han) {
        return false;
    }
    let before = common_share(garbled);
    let after = common_share(repair);
    let han = repair.chars().filter(|&c| is_han(c)).count();
    // Big5 level 1 is broad, so mojibake keeps many "common" characters; the gain matters.
    if after >= 0.8 && after - before >= 0.2 {
        // Two characters can be common by chance; real text also forms words.
        const SHORT: usize = 2;
        return han > SHORT || word_coverage(repair) >= 0.5;
    }
    // Classical and technical prose keeps a rare character or two (不悱不发), and some
    // mojibake is mostly made of Big5-common characters (濡傚嫉涓変豢): then words decide.
    const MIN_HAN_FOR_WORDS: usize = 3;
    if after < 0.7 || after <= before || han < MIN_HAN_FOR_WORDS {
        return false;
    }
    let (left, right) = (
        context(text, range.start, CONTEXT, false),
        context(text, range.end, CONTEXT, true),
    );
    word_coverage_between(left, repair, right) >= 0.5
        && word_coverage_between(left, garbled, right) <= 0.25
}
/// A two-character repair is too short to judge alone; through a foreign page (whose
/// characters have no business inside a Chinese word) or as rare Han from UTF-8 read as GBK
/// it counts when the garbled run is glued between Chinese characters or punctuation, the
/// repair is common characters, and it forms words with its neighbours (竹有 in 人有志，竹有节).
/// One side may instead be a digit (2020年) or the edge of the line, the other must be Chinese.
pub(super) fn short_glued_repair(text: &str, range: Range<usize>, repair: &str) -> bool {
    const CONTEXT: usize = 4;
    let chinese = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_cjk_punctuation(c));
    let edge_or_digit = |c: Option<char>| c.is_none_or(|c| c == '\n' || c.is_ascii_digit());
    let (left, right) = (
        text[..range.start].chars().next_back(),
        text[range.end..].chars().next(),
    );
    let glued = (chinese(left) && (chinese(right) || edge_or_digit(right)))
        || (edge_or_digit(left) && chinese(right));
    if !glued || repair.chars().count() < 2 || !repair.chars().all(is_common_han) {
        return false;
    }
    let garbled = &text[range.clone()];
    if garbled.chars().any(is_common_han) {
        return false;
    }
    let (left, right) = (
        context(text, range.start, CONTEXT, false),
        context(text, range.end, CONTEXT, true),
    );
    word_coverage_between(left, repair, right) >= 0.5
}
/// Share of the Han characters of `text` that belong to multi-character dictionary words
/// (jieba without HMM, so unknown sequences stay single characters).
pub(super) fn word_coverage(text: &str) -> f64 {
    word_coverage_between("", text, "")
}

/// [`word_coverage`] of `text` read between `before` and `after`: a run cut out of a
/// sentence shares words with its neighbours (双拥之花开一|片).
pub(super) fn word_coverage_between(before: &str, text: &str, after: &str) -> f64 {
    let mut simplified = String::with_capacity(before.len() + text.len() + after.len());
    simplified.extend(before.chars().map(simplified_char));
    let from = simplified.chars().count();
    simplified.extend(text.chars().map(simplified_char));
    let to = simplified.chars().count();
    simplified.extend(after.chars().map(simplified_char));
    let han = text.chars().filter(|&c| is_han(c)).count();
    if han == 0 {
        return 0.0;
    }
    let in_words: usize = segment::cut(&simplified, false)
        .iter()
        .filter(|t| t.end - t.start >= 2)
        .map(|t| t.end.min(to).saturating_sub(t.start.max(from)))
        .sum();
    in_words as f64 / han as f64
}

/// Up to `n` characters of `text` before `at` (or after, when `forward`), within the line.
pub(super) fn context(text: &str, at: usize, n: usize, forward: bool) -> &str {
    if forward {
        let rest = &text[at..];
        let end = rest
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .take(n)
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        &rest[..end]
    } else {
        let head = &text[..at];
        let start = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c != '\n')
            .take(n)
            .last()
            .map_or(at, |(i, _)| i);
        &head[start..]
    }
}
