//! UTF-8 read as GBK or Big5 (鍙戝竷 → 发布): nearly every character stands for two bytes of
//! the UTF-8 text; also misread twice (鎴愬悎 → 閹存劕), and a broken end left unrepaired.

use super::plausibility::{is_cjk_like, reads_better, short_glued_repair};
use super::{Misreading, MojibakeRun};
use crate::analysis::garble::codepage::{DoubleByte, encode_pair};

/// Decodes one UTF-8 sequence at the start of `bytes`. `Err(true)` means the bytes so far
/// are a valid but incomplete prefix.
pub(super) fn decode_utf8_step(bytes: &[u8]) -> Result<(char, usize), bool> {
    let len = match bytes.first() {
        None => return Err(true),
        Some(0x00..=0x7F) => 1,
        Some(0xC2..=0xDF) => 2,
        Some(0xE0..=0xEF) => 3,
        Some(0xF0..=0xF4) => 4,
        Some(_) => return Err(false),
    };
    if bytes.len() < len {
        return Err(std::str::from_utf8(bytes)
            .err()
            .is_some_and(|e| e.error_len().is_none()));
    }
    match std::str::from_utf8(&bytes[..len]) {
        Ok(s) => Ok((s.chars().next().unwrap_or('\u{FFFD}'), len)),
        Err(_) => Err(false),
    }
}

/// The bytes `c` stands for when `db` decoded it: two, or one for GBK's single-byte €.
fn misread_bytes(db: DoubleByte, c: char) -> Option<([u8; 2], usize)> {
    if c == '€' && db == DoubleByte::Gbk {
        return Some(([0x80, 0], 1));
    }
    encode_pair(db, c).map(|pair| (pair, 2))
}

/// UTF-8 text decoded as GBK or Big5: (nearly) every character stands for two bytes.
pub(super) fn utf8_as_double_byte(
    text: &str,
    db: DoubleByte,
    starts: &[usize],
    out: &mut Vec<MojibakeRun>,
) {
    let mut bytes: Vec<u8> = Vec::new();
    // (source offset, byte count) after each consumed character.
    let mut char_ends: Vec<(usize, usize)> = Vec::new();
    let mut decoded = String::new();
    // Where scanning may resume: windows never overlap.
    let mut resume = 0;
    for &at in starts {
        if at < resume {
            continue;
        }
        // Gather characters lazily while their bytes keep decoding to CJK characters.
        bytes.clear();
        char_ends.clear();
        decoded.clear();
        let mut next = at;
        let mut gathering = true;
        // Best end so far that closes both a sequence and a character: (chars, decoded len).
        let mut repaired: Option<(usize, usize)> = None;
        let mut pos = 0;
        let mut truncated_tail = 0;
        // Index of the first gathered character not wholly decoded yet.
        let mut closed = 0;
        loop {
            while gathering && bytes.len() < pos + 4 {
                let Some((pair, len)) = text[next..]
                    .chars()
                    .next()
                    .and_then(|c| misread_bytes(db, c).map(|(pair, len)| (pair, len, c.len_utf8())))
                    .map(|(pair, len, width)| {
                        next += width;
                        (pair, len)
                    })
                else {
                    gathering = false;
                    break;
                };
                bytes.extend_from_slice(&pair[..len]);
                char_ends.push((next, bytes.len()));
                if len == 2 && pair[1] < 0x80 {
                    // The decoder swallowed an ASCII byte as a trail: the run ends here.
                    gathering = false;
                }
            }
            match decode_utf8_step(&bytes[pos..]) {
                Ok((c, len)) if is_cjk_like(c) || (c.is_ascii() && pos + 1 == bytes.len()) => {
                    decoded.push(c);
                    pos += len;
                    while char_ends[closed].1 < pos {
                        closed += 1;
                    }
                    if char_ends[closed].1 == pos {
                        repaired = Some((closed + 1, decoded.len()));
                    }
                }
                Ok(_) | Err(false) => break,
                Err(true) => {
                    truncated_tail = bytes.len() - pos;
                    break;
                }
            }
        }
        let Some((repaired_chars, decoded_len)) = repaired else {
            continue;
        };
        let repaired_end = char_ends[repaired_chars - 1].0;
        let repair = &decoded[..decoded_len];
        if !reads_better(text, at..repaired_end, repair)
            && !short_glued_repair(text, at..repaired_end, repair)
        {
            if let Some(run) = misread_twice(text, db, at) {
                resume = run.range.end;
                out.push(run);
            } else {
                resume = repaired_end;
            }
            continue;
        }
        // Characters holding the start of a sequence whose rest was lost are damaged.
        let damaged_bytes = pos + truncated_tail;
        let damaged_chars = char_ends
            .iter()
            .position(|&(_, b)| b >= damaged_bytes)
            .map_or(char_ends.len(), |k| k + 1);
        let end = char_ends[damaged_chars.max(repaired_chars) - 1].0;
        out.push(MojibakeRun {
            range: at..end,
            misreading: Misreading::Utf8As(db),
            repaired: at..repaired_end,
            repair: repair.to_string(),
            guess: None,
        });
        resume = end;
    }
}

/// UTF-8 misread with `db`, saved as UTF-8 and misread again (成合 → 鎴愬悎 → 閹存劕): undone
/// once, the run gives mojibake of the same kind (with bopomofo and full-width letters
/// among its characters, ㄦ ｆ, which the first reading stops at). The longest prefix of
/// that (losing a few characters at its broken end) which undoes exactly again and ends on
/// a source character is the run, when the second repair reads like Chinese.
fn misread_twice(text: &str, db: DoubleByte, at: usize) -> Option<MojibakeRun> {
    const MAX_CHARS: usize = 512;
    const MAX_LOST: usize = 5;
    let mut bytes: Vec<u8> = Vec::new();
    // (source offset, byte count) after each source character.
    let mut char_ends: Vec<(usize, usize)> = Vec::new();
    let mut source = text[at..].char_indices().take(MAX_CHARS);
    let mut once = String::new();
    let mut p = 0;
    // Source characters are gathered only while the first undoing keeps going.
    loop {
        match decode_utf8_step(&bytes[p..]) {
            Ok((c, len)) if !c.is_ascii() && misread_bytes(db, c).is_some() => {
                once.push(c);
                p += len;
            }
            Ok(_) | Err(false) => break,
            Err(true) => {
                let Some((i, c)) = source.next() else {
                    break;
                };
                let Some((pair, len)) = misread_bytes(db, c) else {
                    break;
                };
                if len == 2 && pair[1] < 0x80 {
                    break;
                }
                bytes.extend_from_slice(&pair[..len]);
                char_ends.push((at + i + c.len_utf8(), bytes.len()));
            }
        }
    }
    // `once` is `bytes[..p]` read as UTF-8, so its prefixes end at byte counts of `bytes`.
    let ends: Vec<usize> = once.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    for &prefix_len in ends.iter().rev().take(MAX_LOST + 1) {
        let Some(k) = char_ends.iter().position(|&(_, b)| b == prefix_len) else {
            continue;
        };
        let Some(twice) = utf8_under_double_byte(db, &once[..prefix_len]) else {
            continue;
        };
        let end = char_ends[k].0;
        if reads_better(text, at..end, &twice) {
            return Some(MojibakeRun {
                range: at..end,
                misreading: Misreading::Utf8AsTwice(db),
                repaired: at..end,
                repair: twice,
                guess: None,
            });
        }
    }
    None
}

/// `text` re-encoded with `db` and decoded as UTF-8, when that is exact and all CJK.
fn utf8_under_double_byte(db: DoubleByte, text: &str) -> Option<String> {
    let mut bytes: Vec<u8> = Vec::with_capacity(text.len());
    for c in text.chars() {
        let (pair, len) = misread_bytes(db, c)?;
        bytes.extend_from_slice(&pair[..len]);
    }
    let decoded = String::from_utf8(bytes).ok()?;
    decoded.chars().all(is_cjk_like).then_some(decoded)
}
