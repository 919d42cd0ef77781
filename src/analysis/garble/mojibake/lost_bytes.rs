//! UTF-8 read as windows-1252 with bytes lost: windows-1252 leaves five bytes undefined (81,
//! 8D, 8F, 90, 9D), so a decoder turns each into U+FFFD (十 = E5 8D 81 → `å��`). Every one of
//! those bytes is a UTF-8 continuation byte, so a U+FFFD inside such a run stands for one of
//! exactly five bytes after a known lead byte. Each damaged character is rebuilt from the
//! candidates: the one that is a common character and forms words with its neighbours, else
//! U+FFFD. The repair is a guess, so its fix is never safe.

use super::plausibility::{context, is_cjk_like, word_coverage_between};
use super::{Misreading, MojibakeRun, sure_pieces};
use crate::analysis::garble::codepage::{is_common_han, single_byte_of};
use crate::analysis::script::{is_han, simplified_char};
use crate::analysis::segment;
use std::ops::Range;

/// The bytes windows-1252 does not define, which its decoders turn into U+FFFD.
const UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Most lost bytes one character may have: two give 25 candidates.
const MAX_LOST_PER_CHAR: usize = 2;

/// One byte of a damaged run: known, or lost (one of [`UNDEFINED`]).
#[derive(Clone, Copy)]
enum Byte {
    Known(u8),
    Lost,
}

/// Runs of windows-1252 characters and U+FFFD holding at least one U+FFFD, rebuilt as UTF-8
/// where every character has a known lead byte; appended to `out` (callers drop the runs
/// these overlap).
pub(super) fn rebuilt_runs(text: &str, out: &mut Vec<MojibakeRun>) {
    let mut start = None;
    let mut lost = 0;
    let chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')));
    for (at, c) in chars {
        let member = c == '\u{FFFD}' || (!c.is_ascii() && single_byte_of(c).is_some());
        match (member, start) {
            (true, None) => {
                start = Some(at);
                lost = usize::from(c == '\u{FFFD}');
            }
            (true, Some(_)) => lost += usize::from(c == '\u{FFFD}'),
            (false, Some(from)) => {
                if lost > 0 {
                    out.extend(rebuild(text, from..at));
                }
                start = None;
            }
            (false, None) => {}
        }
    }
}

/// `text[run]` rebuilt, from its first lead byte to the end of its last whole character.
fn rebuild(text: &str, run: Range<usize>) -> Option<MojibakeRun> {
    let mut bytes = Vec::with_capacity(run.len());
    let mut offsets = Vec::with_capacity(run.len() + 1);
    for (at, c) in text[run.clone()].char_indices() {
        bytes.push(match c {
            '\u{FFFD}' => Byte::Lost,
            _ => Byte::Known(single_byte_of(c)?),
        });
        offsets.push(run.start + at);
    }
    offsets.push(run.end);
    // Characters as (byte span, candidates, whether a byte of it was lost).
    let mut chars: Vec<Damage> = Vec::new();
    let mut p = 0;
    while p < bytes.len() {
        let Byte::Known(lead) = bytes[p] else {
            if chars.is_empty() {
                p += 1;
                continue;
            }
            return None;
        };
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ if chars.is_empty() => {
                p += 1;
                continue;
            }
            _ => break,
        };
        let Some(tail) = bytes.get(p + 1..p + len) else {
            break;
        };
        let candidates = candidates(lead, tail);
        if candidates.is_empty() {
            break;
        }
        let lost = tail.iter().any(|b| matches!(b, Byte::Lost));
        chars.push((p..p + len, candidates, lost));
        p += len;
    }
    let damaged = chars.iter().filter(|(_, _, lost)| *lost).count();
    let sure = chars.len() - damaged;
    // Enough sure characters to know this is Chinese UTF-8, and something to rebuild.
    const MIN_SURE: usize = 2;
    if damaged == 0 || sure < MIN_SURE || sure < damaged {
        return None;
    }
    let (first, last) = (chars.first()?.0.start, chars.last()?.0.end);
    let range = offsets[first]..offsets[last];
    let repair = choose(text, range.clone(), &chars)?;
    // Characters with no byte lost are sure, whatever the guess makes of the others.
    let sure = sure_pieces(
        text,
        chars.iter().map(|(span, candidates, lost)| {
            (
                offsets[span.start]..offsets[span.end],
                (!lost).then(|| candidates[0]),
            )
        }),
    );
    Some(MojibakeRun {
        range: range.clone(),
        misreading: Misreading::Utf8AsCp1252,
        repaired: range,
        repair,
        guess: Some(sure),
    })
}

/// The characters `lead` followed by `tail` may stand for: one when every byte is known,
/// else those of the lost bytes' possible values that decode to Chinese.
fn candidates(lead: u8, tail: &[Byte]) -> Vec<char> {
    let lost = tail.iter().filter(|b| matches!(b, Byte::Lost)).count();
    if lost > MAX_LOST_PER_CHAR {
        return Vec::new();
    }
    let mut found = Vec::new();
    for pick in 0..UNDEFINED.len().pow(lost as u32) {
        let mut seq = vec![lead];
        let mut k = pick;
        for b in tail {
            seq.push(match b {
                Byte::Known(b) => *b,
                Byte::Lost => {
                    let b = UNDEFINED[k % UNDEFINED.len()];
                    k /= UNDEFINED.len();
                    b
                }
            });
        }
        if let Ok(s) = std::str::from_utf8(&seq)
            && let Some(c) = s.chars().next()
            && is_cjk_like(c)
        {
            found.push(c);
        }
    }
    found
}

/// A character of a damaged run: its byte span, what it may be, whether a byte was lost.
type Damage = (Range<usize>, Vec<char>, bool);

/// The repair: sure characters as they are, each damaged one as its candidate that is a
/// common Han character forming the most words with the text around, else U+FFFD.
fn choose(text: &str, range: Range<usize>, chars: &[Damage]) -> Option<String> {
    const CONTEXT: usize = 4;
    let (left, right) = (
        context(text, range.start, CONTEXT, false),
        context(text, range.end, CONTEXT, true),
    );
    let mut repair: String = chars
        .iter()
        .map(|(_, c, lost)| if *lost { '\u{FFFD}' } else { c[0] })
        .collect();
    if !chars.iter().any(|(_, c, lost)| !lost && is_han(c[0])) {
        return None;
    }
    for (i, (_, candidates, lost)) in chars.iter().enumerate() {
        if !lost {
            continue;
        }
        // Ranked by the words the repair then forms, then by how frequent the word the
        // candidate makes with a neighbour is (提出 before 描出).
        let neighbours = |k: usize| repair.chars().nth(k).filter(|&c| is_han(c));
        let (before, after) = (i.checked_sub(1).and_then(neighbours), neighbours(i + 1));
        let pair_frequency = |c: char| {
            let with = |a: char, b: char| {
                let word: String = [a, b].into_iter().map(simplified_char).collect();
                segment::frequency(&word).unwrap_or(0)
            };
            before
                .map_or(0, |b| with(b, c))
                .max(after.map_or(0, |a| with(c, a)))
        };
        let mut best: Option<((f64, usize), char)> = None;
        for &c in candidates.iter().filter(|&&c| is_common_han(c)) {
            let trial: String = repair
                .chars()
                .enumerate()
                .map(|(k, r)| if k == i { c } else { r })
                .collect();
            let score = (
                word_coverage_between(left, &trial, right),
                pair_frequency(c),
            );
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, c));
            }
        }
        if let Some(((coverage, _), c)) = best
            && coverage > 0.0
        {
            repair = repair
                .chars()
                .enumerate()
                .map(|(k, r)| if k == i { c } else { r })
                .collect();
        }
    }
    Some(repair)
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Config, check};

    /// `original` as UTF-8 decoded with windows-1252, its undefined bytes as U+FFFD.
    fn misread(original: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(original.as_bytes())
            .0
            .chars()
            .zip(original.bytes())
            .map(|(c, b)| {
                if matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect()
    }

    #[test]
    fn lost_bytes_are_guessed_unsafely_and_sure_pieces_fixed_safely() {
        let original = "十四五规划提出要加快发展现代产业体系。";
        let garbled = misread(original);
        assert!(garbled.contains('\u{FFFD}'), "{garbled}");
        let findings = check(&garbled, &Config::default());
        let mojibake: Vec<_> = findings
            .iter()
            .filter(|f| f.code.as_str() == "garble/mojibake")
            .collect();
        assert_eq!(mojibake.len(), 1, "{findings:?}");
        let fixes = &mojibake[0].fixes;
        // The guess: 十 (E5 8D 81) and 提 (E6 8F 90) lost all their continuation bytes; the
        // words around them decide.
        assert_eq!(fixes[0].replacement, original);
        assert!(!fixes[0].safe);
        assert!(fixes[1..].iter().all(|f| f.safe));
        // The replacement characters belong to the run and are not reported apart.
        assert!(
            findings
                .iter()
                .all(|f| f.code.as_str() == "garble/mojibake")
        );
        let (fixed, _) = crate::analysis::fix::fix_all(&garbled, &Config::default());
        assert!(
            fixed.contains("四五规划") && fixed.contains('\u{FFFD}'),
            "{fixed}"
        );
    }

    #[test]
    fn a_replacement_character_in_clean_text_is_not_rebuilt() {
        let text = "他说\u{FFFD}今天很好。Café\u{FFFD}";
        let findings = check(text, &Config::default());
        assert!(
            findings
                .iter()
                .all(|f| f.code.as_str() != "garble/mojibake"),
            "{findings:?}"
        );
    }
}
