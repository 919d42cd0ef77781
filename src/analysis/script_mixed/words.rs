//! Word-level decisions: which characters of one segmented word are Simplified slips.
//!
//! The word is converted alone with OpenCC's s2t trie (greedy longest match, as OpenCC does,
//! but never across the word's edges: 在地|志工 is not read as 地志 → 地誌). A Simplified-only
//! character that the conversion changes is a slip (县 → 縣). An ambiguous character
//! ([`super::context::is_ambiguous`]: 后, 只, 制, 里 …) is a slip only when a phrase of
//! OpenCC's table (two characters or more) inside the word converts it, that phrase is a
//! common word of jieba's dictionary (not 地志, 制表), the word is not a name, and no
//! dictionary word crossing the phrase's edge, of comparable frequency, reads the character as
//! written (考試制度 is 考試 + 制度, not 試製; 強制成 is 強制 + 成, not 製成).

use super::context::is_ambiguous;
use super::{Scratch, Slip, is_slip, preferred_form};
use crate::analysis::segment;
use hanconv::Trie;
use std::ops::Range;

/// The longest dictionary word looked at around a phrase, in characters.
const CROSSING_MAX: usize = 4;
/// A phrase decides an ambiguous character only if it is a word of jieba's dictionary at
/// least this frequent: OpenCC also lists rare and literary phrases (地志 24, 制表 61) that
/// ordinary text mostly holds by accident across a word boundary (在地志工, 八進位制表示).
const PHRASE_MIN_FREQUENCY: usize = 100;
/// A crossing word undoes a phrase when it is at least this fraction of its frequency
/// (強制 932 against 制成 2805; 大斗 3 against 斗爭 9529 does not).
const CROSSING_SHARE: usize = 10;

/// What decides the ambiguous characters of a word.
pub(super) struct WordContext {
    /// The word is a name of a person or a place (jieba tags nr*, ns*): 馬克里, 埃里克.
    pub name: bool,
    /// Ambiguous characters may be reported at all (not in a classical line).
    pub ambiguous_allowed: bool,
}

/// Words this long or longer (黨員幹部, 重大鬥爭) are reported as the phrases that hold their
/// slips (幹部, 鬥爭).
const NARROW_FROM: usize = 4;

/// Slips of the clause's characters `word` (indices into `scratch.chars`), and the characters
/// to report: the word, or for a long word the phrases holding the slips.
pub(super) fn slips(
    trie: &Trie<&'static str>,
    scratch: &Scratch,
    word: Range<usize>,
    ctx: &WordContext,
) -> (Vec<Slip>, Range<usize>) {
    let mut slips = Vec::new();
    let mut span = word.end..word.start;
    // Simplified-only characters: the word converted as OpenCC converts it.
    for (i, len, converted) in greedy_matches(trie, scratch, word.clone()) {
        // OpenCC's tables map characters one to one; a match of another length gives no
        // position-by-position correspondence, so it is left alone.
        if converted.chars().count() == len {
            for (k, t) in (i..i + len).zip(converted.chars()) {
                let c = scratch.chars[k].1;
                if c != t && !is_ambiguous(c) && is_slip(c, t) {
                    span = span.start.min(i)..span.end.max(i + len);
                    slips.push(Slip {
                        index: k,
                        traditional: preferred_form(t),
                    });
                }
            }
        }
    }
    // Ambiguous characters: any phrase inside the word that decides them, not only the one
    // greedy matching picks (重大斗爭 holds 大斗 and 斗爭; frequency settles it, see
    // [`decides`]).
    if ctx.ambiguous_allowed && !ctx.name && word.len() >= 2 {
        for k in word.clone() {
            let c = scratch.chars[k].1;
            if !is_ambiguous(c) || !super::is_trigger(c) {
                continue;
            }
            let first = k.saturating_sub(super::CONTEXT_CHARS - 1).max(word.start);
            let decided = (first..=k).find_map(|i| {
                let (converted, len) =
                    trie.r#match(scratch.simplified[i..word.end].iter().copied())?;
                if len < 2 || i + len <= k || converted.chars().count() != len {
                    return None;
                }
                let t = converted.chars().nth(k - i)?;
                (t != c && is_slip(c, t) && decides(trie, scratch, i..i + len, k))
                    .then_some((t, i..i + len))
            });
            if let Some((t, phrase)) = decided {
                span = span.start.min(phrase.start)..span.end.max(phrase.end);
                slips.push(Slip {
                    index: k,
                    traditional: preferred_form(t),
                });
            }
        }
        slips.sort_by_key(|s| s.index);
    }
    if word.len() < NARROW_FROM || span.is_empty() {
        span = word;
    }
    (slips, span)
}

/// Whether the OpenCC phrase `phrase` decides the ambiguous character at `k`: it, or a word
/// inside it holding `k` and converting it, is a dictionary word at least
/// [`PHRASE_MIN_FREQUENCY`] frequent, and no dictionary word crossing
/// one of its edges (overlapping it without either holding the other), at least
/// 1/[`CROSSING_SHARE`] as frequent, holds `k` and reads it as written (考試制度: 制度 against
/// 試製). A crossing word away from `k` does not count: 幹部隊伍 also holds 部隊.
fn decides(trie: &Trie<&'static str>, scratch: &Scratch, phrase: Range<usize>, k: usize) -> bool {
    let n = scratch.chars.len();
    let mut word = String::new();
    // The most frequent dictionary word inside the phrase that converts `k` as it does (防範
    // in OpenCC's 防範措施, which jieba knows only rarely).
    let mut best: Option<(Range<usize>, usize)> = None;
    for a in phrase.start..=k {
        for b in (k + 1).max(a + 2)..=phrase.end {
            word.clear();
            word.extend(&scratch.simplified[a..b]);
            let Some(frequency) = segment::frequency(&word) else {
                continue;
            };
            if frequency >= PHRASE_MIN_FREQUENCY
                && best.as_ref().is_none_or(|(_, f)| frequency > *f)
                && !keeps(trie, scratch, a..b, k)
            {
                best = Some((a..b, frequency));
            }
        }
    }
    let Some((phrase, phrase_frequency)) = best else {
        return false;
    };
    for s in phrase.start.saturating_sub(CROSSING_MAX - 1)..phrase.end {
        for e in s + 2..=(s + CROSSING_MAX).min(n) {
            let overlaps = s < phrase.end && e > phrase.start;
            let nested =
                (s <= phrase.start && e >= phrase.end) || (s >= phrase.start && e <= phrase.end);
            if !overlaps || nested {
                continue;
            }
            word.clear();
            word.extend(&scratch.simplified[s..e]);
            let Some(frequency) = segment::frequency(&word) else {
                continue;
            };
            if frequency * CROSSING_SHARE < phrase_frequency {
                continue;
            }
            if (s..e).contains(&k) && keeps(trie, scratch, s..e, k) {
                return false;
            }
        }
    }
    true
}

/// Whether OpenCC, converting the characters `word` alone, leaves the character at `k` as the
/// text writes it (or changes it only to a variant).
fn keeps(trie: &Trie<&'static str>, scratch: &Scratch, word: Range<usize>, k: usize) -> bool {
    let Some((i, len, converted)) =
        greedy_matches(trie, scratch, word).find(|&(i, len, _)| (i..i + len).contains(&k))
    else {
        return true;
    };
    let c = scratch.chars[k].1;
    converted.chars().count() != len
        || converted
            .chars()
            .nth(k - i)
            .is_none_or(|t| t == c || !is_slip(c, t))
}

/// OpenCC's conversion of the characters `word` alone, as OpenCC does it: greedy longest
/// matches from the left, (start, length, converted), skipping characters no entry starts
/// with.
fn greedy_matches<'a>(
    trie: &'a Trie<&'static str>,
    scratch: &'a Scratch,
    word: Range<usize>,
) -> impl Iterator<Item = (usize, usize, &'static str)> + 'a {
    let mut i = word.start;
    std::iter::from_fn(move || {
        while i < word.end {
            let at = i;
            match trie.r#match(scratch.simplified[at..word.end].iter().copied()) {
                Some((converted, len)) => {
                    i += len.max(1);
                    return Some((at, len, *converted));
                }
                None => i += 1,
            }
        }
        None
    })
}
