//! From a lexicon match to the phrase as written: the commercial suffixes after a stem, the
//! made-up name before a morpheme (and whether that name is an ordinary word or a place),
//! and the sentence a phrase is in.

use super::lexicon::{HARD_SUFFIXES, HONEST_FOLLOWERS, NAMED_MORPHEMES, SUFFIXES};
use std::ops::Range;

const MAX_PHRASE_CHARS: usize = 20;
const MAX_ASCII_SUFFIX: usize = 12;

/// Start of the two Han characters before a named morpheme, when there are two and the
/// morpheme is not followed by an honest continuation.
pub(super) fn named_prefix(hay: &str, stem: &Range<usize>) -> Option<usize> {
    if !NAMED_MORPHEMES.contains(&&hay[stem.clone()]) {
        return None;
    }
    if hay[stem.end..].starts_with(HONEST_FOLLOWERS) {
        return None;
    }
    name_before(hay, stem.start)
}

/// Start of the name just before `at`: an ASCII brand (bet9527, ag8) or two Han characters.
pub(super) fn name_before(hay: &str, at: usize) -> Option<usize> {
    let ascii = hay.as_bytes()[..at]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    if (2..=MAX_ASCII_SUFFIX).contains(&ascii) {
        let name = &hay[at - ascii..at];
        if name.bytes().any(|b| b.is_ascii_alphabetic()) {
            return Some(at - ascii);
        }
    }
    let mut before = hay[..at].char_indices().rev();
    let (a_at, a) = before.next()?;
    let (start, b) = before.next()?;
    let han = crate::analysis::script::is_han;
    // 8哥棋牌: digits and one Han character, not a count or a date (3家, 2019年).
    let digits = hay.as_bytes()[..a_at]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if han(a)
        && !is_function_char(a)
        && !"年月日号家个章节条次届期岁元万亿位名种类项点时分秒".contains(a)
        && (1..=4).contains(&digits)
    {
        return Some(a_at - digits);
    }
    (han(a) && han(b) && !is_function_char(a) && !is_function_char(b)).then_some(start)
}

/// Characters that end a clause rather than a name (的, 和, 在…).
fn is_function_char(c: char) -> bool {
    "的了和与及在是为对把被从向或等也都就又而且并其之".contains(c)
}

/// Whether a name is a place (jieba's `ns`: 中国, 上海).
pub(super) fn is_place_name(name: &str) -> bool {
    let words = crate::analysis::segment::tagged_words(name);
    words.len() == 1 && words[0].tag == "ns"
}

/// Whether a 2-character name before a morpheme is an ordinary word (休闲, 群众, 文化).
pub(super) fn is_ordinary_word(name: &str) -> bool {
    if name.is_ascii() {
        return false;
    }
    let words = crate::analysis::segment::tagged_words(name);
    words.len() == 1
        && !matches!(
            words[0].tag.as_str(),
            "nr" | "nrt" | "nrfg" | "nz" | "ns" | "x" | "eng"
        )
}

fn longest_suffix(s: &str) -> Option<&'static str> {
    SUFFIXES
        .iter()
        .filter(|x| s.starts_with(**x))
        .max_by_key(|x| x.len())
        .copied()
}

/// Extends a stem at `stem` to the full brand phrase; returns its end and whether a hard /
/// any suffix was taken.
pub(super) fn extend_phrase(hay: &str, stem: Range<usize>) -> (Range<usize>, bool, bool) {
    let mut start = stem.start;
    if hay[..start].ends_with("澳门") {
        start -= "澳门".len();
    }
    let mut end = stem.end;
    let (mut hard, mut suffixed) = (false, false);
    for _ in 0..4 {
        if hay[start..end].chars().count() >= MAX_PHRASE_CHARS {
            break;
        }
        // 金沙娱乐场, 太阳城娱乐城: the lexicon's 金沙娱乐 takes its venue word.
        if hay[start..end].ends_with("娱乐") && hay[end..].starts_with(['场', '城']) {
            suffixed = true;
            end += '场'.len_utf8();
            continue;
        }
        if let Some(x) = longest_suffix(&hay[end..]) {
            hard |= HARD_SUFFIXES.contains(&x);
            suffixed = true;
            end += x.len();
            continue;
        }
        let ascii = hay[end..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .take(MAX_ASCII_SUFFIX + 1)
            .count();
        if (1..=MAX_ASCII_SUFFIX).contains(&ascii) {
            suffixed = true;
            end += ascii;
            // 注册送38元: the bonus's amount and its unit.
            if hay[..end - ascii].ends_with('送')
                && hay[end - ascii..end].bytes().all(|b| b.is_ascii_digit())
                && hay[end..].starts_with('元')
            {
                end += '元'.len_utf8();
            }
            continue;
        }
        break;
    }
    (start..end, hard, suffixed)
}

/// Whether no Han character follows byte `end` of `hay`.
pub(super) fn standalone(hay: &str, end: usize) -> bool {
    !hay[end..]
        .chars()
        .next()
        .is_some_and(crate::analysis::script::is_han)
}

/// Sentence ends (byte offsets) in `hay`.
pub(super) fn sentence_ends(hay: &str) -> Vec<usize> {
    hay.char_indices()
        .filter(|&(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '；'))
        .map(|(i, _)| i)
        .collect()
}
