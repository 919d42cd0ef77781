//! Crossed leftovers: once a line shows Big5 read as GBK (or GBK as Big5), short pieces of
//! the same damage cut off from the repaired run by ASCII or spaces (`ㄒBTS Τ ftp`, `讽 т…`)
//! are read the same way and join the run. The evidence stays within the line.

use super::claimed::Claimed;
use super::crossed::recode_whatwg;
use super::{Misreading, MojibakeRun};
use crate::analysis::garble::codepage::{
    COMMON, DoubleByte, char_flags, is_cjk_punctuation, is_level1_in,
};
use crate::analysis::script::{is_han, is_simplified_only};
use std::ops::Range;

/// The longest leftover piece: a word or two cut off by ASCII.
const MAX_PIECE: usize = 4;
/// The shortest repaired run on the line that confirms its misreading.
const MIN_CONFIRMING: usize = 4;

/// A character that clean text `read` as itself would hardly hold there: bopomofo, kana,
/// Greek, Cyrillic, box drawing, private use, a rare Han character, or (when Big5 was
/// written) a Simplified-only one among Traditional.
fn garbage_like(c: char, written: DoubleByte) -> bool {
    if is_han(c) {
        return char_flags(c) & COMMON == 0
            || (written == DoubleByte::Big5 && is_simplified_only(c));
    }
    matches!(c as u32,
        0x0370..=0x03FF | 0x0400..=0x04FF | 0x2500..=0x257F | 0x3040..=0x30FF
            | 0x3100..=0x312F | 0xE000..=0xF8FF | 0xFE30..=0xFE6F)
}

/// Grows each crossed run in `runs` over its leftover pieces, the ASCII between kept as it
/// is, so that one stretch of damage stays one run.
pub(super) fn absorb_crossed_leftovers(text: &str, runs: &mut [MojibakeRun]) {
    let claimed = Claimed::covering(runs.iter().map(|r| r.range.clone()));
    let mut taken: Vec<Range<usize>> = Vec::new();
    for run in runs.iter_mut() {
        let Misreading::Crossed(written, read) = run.misreading else {
            continue;
        };
        if run.range != run.repaired || text[run.range.clone()].chars().count() < MIN_CONFIRMING {
            continue;
        }
        // Walk outwards over ASCII gaps, taking each piece that repairs cleanly.
        for forward in [false, true] {
            loop {
                let at = if forward {
                    run.range.end
                } else {
                    run.range.start
                };
                let Some(piece) = next_piece(text, at, forward) else {
                    break;
                };
                if claimed.overlaps(&piece)
                    || taken
                        .iter()
                        .any(|t| t.start < piece.end && piece.start < t.end)
                {
                    break;
                }
                let Some(repair) = repair_piece(&text[piece.clone()], written, read) else {
                    break;
                };
                taken.push(piece.clone());
                if forward {
                    run.repair.push_str(&text[run.range.end..piece.start]);
                    run.repair.push_str(&repair);
                    run.range.end = piece.end;
                } else {
                    run.repair = format!(
                        "{repair}{}{}",
                        &text[piece.end..run.range.start],
                        run.repair
                    );
                    run.range.start = piece.start;
                }
                run.repaired = run.range.clone();
            }
        }
    }
}

/// The next run of non-ASCII characters other than Chinese punctuation, past ASCII other than
/// line breaks, before (or after, when `forward`) `at`.
fn next_piece(text: &str, at: usize, forward: bool) -> Option<Range<usize>> {
    let in_piece = |c: char| !c.is_ascii() && !is_cjk_punctuation(c);
    if forward {
        let rest = &text[at..];
        let gap = rest.find(|c: char| !c.is_ascii() || c == '\n')?;
        if gap == 0 || rest[gap..].starts_with('\n') {
            return None;
        }
        let start = at + gap;
        let len = text[start..]
            .find(|c: char| !in_piece(c))
            .unwrap_or(text.len() - start);
        (len > 0).then_some(start..start + len)
    } else {
        let head = &text[..at];
        let gap_start = head.rfind(|c: char| !c.is_ascii() || c == '\n')?;
        let end = gap_start + head[gap_start..].chars().next()?.len_utf8();
        if end == at || head[gap_start..].starts_with('\n') {
            return None;
        }
        let start = head[..end]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_piece(c))
            .last()
            .map_or(end, |(i, _)| i);
        (start < end).then_some(start..end)
    }
}

/// The repair of a leftover piece: every character looks like garbage and recodes to a
/// level-1 character of `written` or Chinese punctuation.
fn repair_piece(piece: &str, written: DoubleByte, read: DoubleByte) -> Option<String> {
    if piece.chars().count() > MAX_PIECE {
        return None;
    }
    piece
        .chars()
        .map(|c| {
            let r = recode_whatwg(c, written, read)?;
            (garbage_like(c, written) && (is_level1_in(written, r) || is_cjk_punctuation(r)))
                .then_some(r)
        })
        .collect()
}
