//! Text read through a single-byte page: windows-1252/Latin-1 (ä½ å¥½ → 你好, ÄãºÃ → 你好)
//! or a foreign page (cp1251, cp437, Shift_JIS, EUC-KR, KOI8-R, Mac Roman), with UTF-8 or
//! GBK/Big5 underneath.

use super::plausibility::{is_cjk_like, reads_better, short_glued_repair, word_coverage};
use super::utf8_as_double_byte::decode_utf8_step;
use super::{Misreading, MojibakeRun};
use crate::analysis::garble::codepage::{
    DoubleByte, common_share, decode_pair, is_cjk_punctuation, is_common_han, is_level1_in,
    single_byte_of,
};
use crate::analysis::garble::foreign_pages::{self, ForeignPage, is_hangul};
use crate::analysis::script::{is_han, simplified_char};
use std::ops::Range;

/// A run decoded as windows-1252 or Latin-1: UTF-8 (ftfy-style) or GBK/Big5 underneath.
pub(super) fn misread_as_cp1252(text: &str, run: Range<usize>, out: &mut Vec<MojibakeRun>) {
    let mut bytes: Vec<u8> = Vec::with_capacity(run.len());
    let mut offsets: Vec<usize> = Vec::with_capacity(run.len() + 1);
    for (at, c) in text[run.clone()].char_indices() {
        let byte = if c.is_ascii() {
            c as u8
        } else {
            single_byte_of(c).unwrap_or(b'?')
        };
        bytes.push(byte);
        offsets.push(run.start + at);
    }
    offsets.push(run.end);
    // Both readings are tried on the whole run, and the one that explains more of it wins:
    // GBK bytes shown as Latin-1 hold short stretches that happen to be valid UTF-8 (æ»® in
    // Ê®ËÄÎå¹æ»®Ìá³ö), and taking those alone would "repair" them into unrelated characters
    // and leave the rest garbled.
    let mut as_utf8 = Vec::new();
    utf8_windows(&bytes, &offsets, &mut as_utf8);
    // A lone misread letter standing apart (无法显示 “Ã©” 或 “Ã¨”) is quoted as an example of
    // mojibake; in a misread word it sits among letters (CafÃ©, MÃ¼ller).
    as_utf8.retain(|r| {
        let lone = text[r.range.clone()].chars().count() == 2
            && !text[..r.range.start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && !text[r.range.end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        !lone
    });
    let mut as_double_byte = Vec::new();
    double_byte_under_latin1(
        text,
        &bytes,
        &offsets,
        Misreading::DoubleByteAsCp1252,
        &mut as_double_byte,
    );
    let covered = |runs: &[MojibakeRun]| runs.iter().map(|r| r.range.len()).sum::<usize>();
    // On a tie UTF-8 wins: it is the commoner misreading, and its byte sequences are strict.
    if covered(&as_double_byte) > covered(&as_utf8) {
        out.append(&mut as_double_byte);
    } else {
        out.append(&mut as_utf8);
    }
}

/// A run of Latin-1 characters too short or too plain to judge alone (¼ü¡£ → 键。, £©¡£ → ）。)
/// in a document that already holds `db` text read as Latin-1: read with `db` when every
/// pair of it decodes to Chinese, from its first character or its second (the first may be
/// a real character, such as a closing quote, that only looks like a Latin-1 one).
pub(super) fn confirmed_double_byte_under_latin1(
    text: &str,
    run: Range<usize>,
    db: DoubleByte,
) -> Option<MojibakeRun> {
    let mut bytes: Vec<u8> = Vec::with_capacity(run.len());
    let mut starts: Vec<usize> = Vec::with_capacity(run.len());
    for (at, c) in text[run.clone()].char_indices() {
        bytes.push(if c.is_ascii() {
            c as u8
        } else {
            single_byte_of(c)?
        });
        starts.push(run.start + at);
    }
    (0..2).find_map(|skip| {
        let pairs = bytes.get(skip..)?;
        if pairs.is_empty() || pairs.len() % 2 != 0 {
            return None;
        }
        let repair: String = pairs
            .chunks(2)
            .map(|p| {
                (p[0] >= 0x80)
                    .then(|| decode_pair(db, p[0], p[1]))
                    .flatten()
            })
            .collect::<Option<String>>()?;
        let range = starts[skip]..run.end;
        // Clean Chinese text has runs of windows-1252 punctuation (’”, ……, ——) whose bytes
        // also pair up: a leftover must show a Latin-1 letter or sign.
        let latin1 = text[range.clone()]
            .chars()
            .any(|c| matches!(c as u32, 0xA0..=0xFF) && c != '·');
        (latin1 && repair.chars().all(is_cjk_like)).then(|| MojibakeRun {
            range: range.clone(),
            misreading: Misreading::DoubleByteAsCp1252(db),
            repaired: range,
            repair,
            guess: None,
        })
    })
}

/// A run decoded with `sb`: UTF-8 or GBK/Big5 underneath. Unlike windows-1252 (ftfy's
/// territory, where accented Latin words are repaired too), only Chinese repairs count here,
/// so real Russian, Greek, box-drawing, Japanese and Korean text stays quiet.
pub(super) fn misread_as_foreign(
    text: &str,
    run: Range<usize>,
    sb: ForeignPage,
    out: &mut Vec<MojibakeRun>,
) {
    let before = out.len();
    misread_as_foreign_unchecked(text, run, sb, out);
    // A run of Cyrillic letters cased like a word (ТЕКСТ, Текст, текст) is Russian; GBK
    // bytes shown in windows-1251 mix the cases at random inside a run.
    if sb == ForeignPage::Cp1251 {
        let found = out.split_off(before);
        out.extend(
            found
                .into_iter()
                .filter(|r| !cased_like_a_cyrillic_word(&text[r.range.clone()])),
        );
    }
    if sb == ForeignPage::EucKr {
        // Modern Korean writes a word in hangul alone; GBK read as EUC-KR mixes hangul (GBK
        // leads B0–C8) with hanja (leads CA–FD) inside one run.
        let mut k = before;
        while k < out.len() {
            let garbled = &text[out[k].range.clone()];
            if garbled.chars().any(is_hangul) && garbled.chars().any(is_han) {
                k += 1;
            } else {
                out.remove(k);
            }
        }
    }
}

/// Cyrillic letters only, all capitals, all small, or one capital then small letters.
fn cased_like_a_cyrillic_word(run: &str) -> bool {
    let cyrillic = |c: char| matches!(c as u32, 0x400..=0x4FF);
    if !run.chars().all(cyrillic) {
        return false;
    }
    let mut rest = run.chars().skip(1);
    run.chars().all(char::is_uppercase) || rest.all(char::is_lowercase)
}

fn misread_as_foreign_unchecked(
    text: &str,
    run: Range<usize>,
    sb: ForeignPage,
    out: &mut Vec<MojibakeRun>,
) {
    let (bytes, offsets) = foreign_bytes(text, run.clone(), sb);
    // A byte that does not start a character (the trail of a two-byte one) is no boundary.
    let boundary = |k: usize| k == 0 || k + 1 == offsets.len() || offsets[k] != offsets[k - 1];
    let before = out.len();
    for (start, p, repair) in utf8_runs(&bytes, is_cjk_like) {
        // Characters holding bytes of the window on either side are part of the damage.
        let end = (p..offsets.len())
            .find(|&k| boundary(k))
            .unwrap_or(offsets.len() - 1);
        let range = offsets[start]..offsets[end];
        if reads_better(text, range.clone(), &repair)
            || short_glued_repair(text, range.clone(), &repair)
        {
            let exact = boundary(start) && boundary(p);
            out.push(MojibakeRun {
                range: range.clone(),
                misreading: Misreading::Utf8AsForeignPage(sb),
                repaired: if exact {
                    range
                } else {
                    range.start..range.start
                },
                repair: if exact { repair } else { String::new() },
                guess: None,
            });
        }
    }
    // A character drawn three times in a row (──────, ▓▓▓) is a line or a bar, not text:
    // a Chinese character misread is two different bytes.
    let drawn = {
        let mut chars = text[run.clone()].chars();
        let mut last = (chars.next(), 1);
        let mut drawn = false;
        for c in chars {
            last = if Some(c) == last.0 {
                (last.0, last.1 + 1)
            } else {
                (Some(c), 1)
            };
            drawn |= last.1 >= 3;
        }
        drawn
    };
    // KOI8-R and Mac Roman show UTF-8 pages (Russian and old Mac locales); a GBK reading
    // through their letters and symbols would be a guess among Cyrillic and accented words.
    let double_byte_seen = !matches!(sb, ForeignPage::Koi8R | ForeignPage::MacRoman);
    // Bytes that are valid UTF-8 throughout, non-ASCII included, are UTF-8 of another
    // language (Russian through cp437: ╨┐╤Ç…); pairing them as GBK would invent Chinese.
    let other_utf8 = std::str::from_utf8(&bytes).is_ok_and(|s| !s.is_ascii());
    if out.len() == before && !drawn && double_byte_seen && !other_utf8 {
        let trimmed = if sb == ForeignPage::ShiftJis || sb == ForeignPage::EucKr {
            foreign_pages::trim_common_edges(text, run)
        } else {
            run
        };
        let (bytes, offsets) = foreign_bytes(text, trimmed, sb);
        double_byte_under_latin1(
            text,
            &bytes,
            &offsets,
            |db| Misreading::DoubleByteAsForeignPage(db, sb),
            out,
        );
    }
}
/// The bytes of `text[run]` in `page`, and the source offset of the character each byte
/// belongs to (plus the run's end).
fn foreign_bytes(text: &str, run: Range<usize>, page: ForeignPage) -> (Vec<u8>, Vec<usize>) {
    let mut bytes: Vec<u8> = Vec::with_capacity(run.len());
    let mut offsets: Vec<usize> = Vec::with_capacity(run.len() + 1);
    for (at, c) in text[run.clone()].char_indices() {
        let (pair, len) = page.bytes_of(c).unwrap_or(([b'?', 0], 1));
        for &b in &pair[..len] {
            bytes.push(b);
            offsets.push(run.start + at);
        }
    }
    offsets.push(run.end);
    (bytes, offsets)
}

/// A decoded character a UTF-8-as-cp1252 repair may produce. Besides controls, private use
/// and U+FFFD, the blocks that Chinese double-byte mojibake lands in by chance are refused:
/// IPA and spacing modifiers, Cyrillic Supplement, Armenian, Syriac to Samaritan, phonetic
/// extensions (GBK bytes D4 A4 are valid UTF-8 for Ԥ, yet no one writes it).
fn plausible_utf8_repair(c: char) -> bool {
    !matches!(
        c as u32,
        0x00..=0x9F
            | 0x250..=0x2FF
            | 0x500..=0x58F
            | 0x700..=0x8FF
            | 0x1D00..=0x1DBF
            | 0xFFFD
            | 0xE000..=0xF8FF
            | 0xF0000..
    )
}

/// `text` re-encoded as windows-1252 and decoded as UTF-8, when that is exact and gives
/// something other than ASCII (ä¸­ → 中, Ã© → é): the first undoing of a run misread twice
/// is itself such mojibake.
fn utf8_under_cp1252(text: &str) -> Option<String> {
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c as u8)
            } else {
                single_byte_of(c)
            }
        })
        .collect::<Option<_>>()?;
    let decoded = std::str::from_utf8(&bytes).ok()?;
    let recovered = !decoded.is_ascii()
        && decoded
            .chars()
            .all(|c| c.is_ascii() || plausible_utf8_repair(c));
    recovered.then(|| decoded.to_string())
}

/// The maximal runs of `bytes` that decode as UTF-8 into characters `keep` accepts, scanning
/// on one byte past anything else: (start, end, the decoded text).
fn utf8_runs<'a>(
    bytes: &'a [u8],
    keep: impl Fn(char) -> bool + 'a,
) -> impl Iterator<Item = (usize, usize, String)> + 'a {
    let mut p = 0;
    std::iter::from_fn(move || {
        while p < bytes.len() {
            let start = p;
            let mut decoded = String::new();
            while let Ok((c, len)) = decode_utf8_step(&bytes[p..]) {
                if !keep(c) {
                    break;
                }
                decoded.push(c);
                p += len;
            }
            if p > start {
                return Some((start, p, decoded));
            }
            p += 1;
        }
        None
    })
}

/// UTF-8 sequences among the non-ASCII bytes (the ASCII ones in a run are only there as
/// possible GBK/Big5 trail bytes).
fn utf8_windows(bytes: &[u8], offsets: &[usize], out: &mut Vec<MojibakeRun>) {
    for (start, p, repair) in utf8_runs(bytes, plausible_utf8_repair) {
        let single_two_byte = p - start == 2;
        // A lone Hangul syllable is three bytes that happen to be UTF-8 (ë…” in Brontë…”,
        // êµ½ in GBK 年到); Korean read as windows-1252 misreads whole words.
        let hangul = repair.chars().filter(|&c| is_hangul(c)).count();
        // An accented capital before a no-break space (SELKÄ\u{A0}EDELLÄ) is two bytes of
        // valid UTF-8 (Ġ) that real text writes; Ã or Â before one is à or a no-break space
        // misread, and stays a repair.
        let before_no_break_space = single_two_byte
            && bytes[start + 1] == 0xA0
            && !repair.chars().all(|c| matches!(c as u32, 0xA0..=0xFF));
        let accept = (!single_two_byte
            || repair
                .chars()
                .next()
                .is_some_and(|c| matches!(c as u32, 0xA0..=0x17F)))
            && hangul != 1
            && !before_no_break_space;
        if accept {
            // Misread twice (ä¸­ saved as UTF-8 and misread again: Ã¤Â¸Â­): undo both.
            let (misreading, repair) = match utf8_under_cp1252(&repair) {
                Some(twice) => (Misreading::Utf8AsCp1252Twice, twice),
                None => (Misreading::Utf8AsCp1252, repair),
            };
            out.push(MojibakeRun {
                range: offsets[start]..offsets[p],
                misreading,
                repaired: offsets[start]..offsets[p],
                repair,
                guess: None,
            });
        }
    }
}

/// GBK or Big5 text shown as Latin-1 (ÄãºÃ, °l²¼•rég): pairs of bytes, the first always
/// non-ASCII, the second possibly an ASCII letter, that decode to Chinese.
fn double_byte_under_latin1(
    text: &str,
    bytes: &[u8],
    offsets: &[usize],
    misreading: impl Fn(DoubleByte) -> Misreading,
    out: &mut Vec<MojibakeRun>,
) {
    // Through a non-Chinese page, short glued runs may be judged by their neighbours.
    let foreign = matches!(
        misreading(DoubleByte::Gbk),
        Misreading::DoubleByteAsForeignPage(..)
    );
    const MIN_PAIRS: usize = 2;
    if bytes.len() < 2 * MIN_PAIRS {
        return;
    }
    // Accepted (byte span, code page, repair), from either code page and either alignment.
    let mut accepted: Vec<(Range<usize>, DoubleByte, String)> = Vec::new();
    for db in [DoubleByte::Gbk, DoubleByte::Big5] {
        for alignment in 0..2 {
            let mut p = alignment;
            while p + 1 < bytes.len() {
                let start = p;
                let mut repair = String::new();
                while p + 1 < bytes.len() && bytes[p] >= 0x80 {
                    match decode_pair(db, bytes[p], bytes[p + 1]) {
                        Some(c) if is_cjk_like(c) => repair.push(c),
                        _ => break,
                    }
                    p += 2;
                }
                if p == start {
                    // An ASCII byte cannot lead a pair: the next pair may start right after
                    // it (青霉素G竞争: the G stands alone between two runs).
                    p += if bytes[p] < 0x80 { 1 } else { 2 };
                    continue;
                }
                if p - start < 2 * MIN_PAIRS {
                    continue;
                }
                // Windows must begin and end on characters (two-byte pages split them).
                let on_char =
                    |k: usize| k == 0 || k + 1 == offsets.len() || offsets[k] != offsets[k - 1];
                if !on_char(start) || !on_char(p) {
                    continue;
                }
                let range = offsets[start]..offsets[p];
                let ascii_trails = bytes[start..p].iter().any(|b| b.is_ascii());
                // Trail bytes shown as letters make European words candidates too, so then
                // the repair must be clean Chinese: common characters forming words.
                // Full-width punctuation decoded between the characters (¡A → ，, ¡C → 。)
                // vouches for classical or terse prose whose words jieba does not know.
                const MIN_HAN_WITH_PUNCTUATION: usize = 4;
                let punctuated = repair.chars().any(is_cjk_punctuation)
                    && repair.chars().filter(|&c| is_han(c)).count() >= MIN_HAN_WITH_PUNCTUATION;
                let clean = !ascii_trails
                    || (common_share(&repair) >= 0.9
                        && (word_coverage(&repair) >= 0.5 || punctuated));
                // Chinese written in GBK or Big5 is nearly all level 1 of its own code page
                // (Traditional text saved as GBK: in its Simplified form); Cyrillic or
                // accented letters paired up land mostly in level 2 (Russian in
                // windows-1251: 漕牝痂磬), which the union of both levels 1 does not see.
                const MIN_LEVEL1_SHARE: f64 = 0.8;
                let han: Vec<char> = repair.chars().filter(|&c| is_han(c)).collect();
                let level1 = han
                    .iter()
                    .filter(|&&c| is_level1_in(db, c) || is_level1_in(db, simplified_char(c)))
                    .count();
                let clean = clean && level1 as f64 >= MIN_LEVEL1_SHARE * han.len() as f64;
                let short = foreign && short_glued_repair(text, range.clone(), &repair);
                if clean && (reads_better(text, range, &repair) || short) {
                    accepted.push((start..p, db, repair));
                }
            }
        }
    }
    // The repair with the most common characters first (a reading one byte out of step
    // also decodes, into rare ones), then the longest; on a tie the first found (GBK before
    // Big5) wins.
    let common = |repair: &str| {
        repair
            .chars()
            .filter(|&c| is_common_han(c) || is_cjk_punctuation(c))
            .count()
    };
    accepted.sort_by_key(|(span, _, repair)| std::cmp::Reverse((common(repair), span.len())));
    let mut kept: Vec<Range<usize>> = Vec::new();
    for (span, db, repair) in accepted {
        if kept
            .iter()
            .any(|k| k.start < span.end && span.start < k.end)
        {
            continue;
        }
        kept.push(span.clone());
        let range = offsets[span.start]..offsets[span.end];
        out.push(MojibakeRun {
            range: range.clone(),
            misreading: misreading(db),
            repaired: range,
            repair,
            guess: None,
        });
    }
}
