//! Non-Chinese code pages that Chinese bytes get shown through: windows-1251 (Cyrillic: UTF-8
//! 系统 becomes `зі»з»џ`), DOS code page 437 (`Σ╕¡µûç`: Greek, accented letters, box drawing),
//! Shift_JIS (`荳ｭ譁`, GBK `ﾖﾐﾎﾄ`: half-width katakana among kanji) and EUC-KR (GBK `토零匡`:
//! hangul mixed with hanja inside one word), and for UTF-8 only KOI8-R (`Е╝┴Хё┘`: a capital
//! Cyrillic letter, then box drawing) and Mac OS Roman (`ÂÆâË£Ö`). `mojibake` re-encodes such runs and decodes them
//! as UTF-8, GBK or Big5; here are the code pages and the candidate runs.
//!
//! Candidates are cheap to find, by byte searches for the characters that Chinese lead bytes
//! become: UTF-8 leads E4–E9 are д…й in cp1251 and Σ σ µ τ Φ Θ in cp437; GBK leads B0–F7 are
//! box drawing or Greek in cp437, half-width katakana in Shift_JIS and hangul in EUC-KR; UTF-8
//! trails 80–BF are box drawing in KOI8-R, and leads E4–E9 are ‰ Â Ê Á Ë È in Mac Roman. Runs
//! are grown only around those. Real Russian, Greek, box-drawing, Japanese or Korean text
//! rarely re-decodes to anything: the repair must still be plausible Chinese (judged by
//! `mojibake`), and for EUC-KR the run must mix hangul with hanja, which modern Korean words
//! never do.

use super::codepage::is_common_han;
use crate::analysis::script::is_han;
use encoding_rs::{EUC_KR, Encoding, KOI8_R, MACINTOSH, SHIFT_JIS, WINDOWS_1251};
use std::ops::Range;
use std::sync::LazyLock;

/// A non-Chinese code page that may have misread Chinese bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForeignPage {
    Cp1251,
    Cp437,
    ShiftJis,
    EucKr,
    Koi8R,
    MacRoman,
}

impl ForeignPage {
    pub const ALL: [ForeignPage; 6] = [
        ForeignPage::Cp1251,
        ForeignPage::Cp437,
        ForeignPage::ShiftJis,
        ForeignPage::EucKr,
        ForeignPage::Koi8R,
        ForeignPage::MacRoman,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ForeignPage::Cp1251 => "Windows-1251",
            ForeignPage::Cp437 => "CP437",
            ForeignPage::ShiftJis => "Shift_JIS",
            ForeignPage::EucKr => "EUC-KR",
            ForeignPage::Koi8R => "KOI8-R",
            ForeignPage::MacRoman => "Mac OS Roman",
        }
    }

    fn double_byte(self) -> Option<&'static Encoding> {
        match self {
            ForeignPage::ShiftJis => Some(SHIFT_JIS),
            ForeignPage::EucKr => Some(EUC_KR),
            _ => None,
        }
    }

    /// The bytes `c` stands for in this code page (ASCII stands for itself): one or two.
    pub fn bytes_of(self, c: char) -> Option<([u8; 2], usize)> {
        if c.is_ascii() {
            return Some(([c as u8, 0], 1));
        }
        let high: &[char; 128] = match self {
            ForeignPage::Cp1251 => &CP1251_HIGH,
            ForeignPage::Cp437 => &CP437_HIGH,
            ForeignPage::Koi8R => &KOI8R_HIGH,
            ForeignPage::MacRoman => &MAC_ROMAN_HIGH,
            _ => return self.double_byte().and_then(|e| encode_one(e, c)),
        };
        high.iter()
            .position(|&h| h == c)
            .map(|i| ([0x80 + i as u8, 0], 1))
    }

    /// Whether a non-ASCII character may be part of a run misread with this page.
    fn in_page(self, c: char) -> bool {
        // The no-break space is a UTF-8 trail byte in KOI8-R (9A: 的 is E7 9A 84) and
        // windows-1251 (A0: 格 is E6 A0 BC).
        let trail_space = matches!(self, ForeignPage::Koi8R | ForeignPage::Cp1251) && c == '\u{A0}';
        if c.is_ascii() || (c.is_whitespace() && !trail_space) {
            return false;
        }
        match self {
            // Their mojibake is kana or hangul among Han; Cyrillic, Greek and symbols, which
            // these pages also encode, belong to other text.
            ForeignPage::ShiftJis if !(is_kana(c) || is_han(c)) => return false,
            ForeignPage::EucKr if !(is_hangul(c) || is_han(c)) => return false,
            _ => {}
        }
        self.bytes_of(c).is_some()
    }

    /// Whether a run seen through this page shows its tell-tale (see the module comment).
    fn is_seed(self, c: char) -> bool {
        match self {
            ForeignPage::Cp1251 => matches!(c, 'д'..='й'),
            ForeignPage::Cp437 => {
                matches!(
                    c,
                    'Σ' | 'σ' | 'µ' | 'τ' | 'Φ' | 'Θ' | '\u{2500}'..='\u{25A0}'
                )
            }
            ForeignPage::ShiftJis => is_halfwidth_katakana(c),
            ForeignPage::EucKr => is_hangul(c),
            // Every UTF-8 trail byte 80–BF is box drawing, a block or a symbol in KOI8-R.
            ForeignPage::Koi8R => matches!(c, '\u{2500}'..='\u{25A0}'),
            // The UTF-8 leads E4–E9 of nearly all Chinese characters: ‰ Â Ê Á Ë È.
            ForeignPage::MacRoman => matches!(c, '‰' | 'Â' | 'Ê' | 'Á' | 'Ë' | 'È'),
        }
    }
}

/// Hiragana, katakana and half-width katakana.
fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x30FA | 0xFF66..=0xFF9F) || is_halfwidth_katakana(c)
}

fn is_halfwidth_katakana(c: char) -> bool {
    matches!(c as u32, 0xFF61..=0xFF9F)
}

pub fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3)
}

/// `c` encoded with a double-byte `encoding`, when it maps (one or two bytes).
fn encode_one(encoding: &'static Encoding, c: char) -> Option<([u8; 2], usize)> {
    let mut encoder = encoding.new_encoder();
    let mut utf8 = [0u8; 4];
    let mut out = [0u8; 8];
    let (result, _, written) =
        encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut utf8), &mut out, true);
    match (result, written) {
        (encoding_rs::EncoderResult::InputEmpty, 1) => Some(([out[0], 0], 1)),
        (encoding_rs::EncoderResult::InputEmpty, 2) => Some(([out[0], out[1]], 2)),
        _ => None,
    }
}

/// Bytes 0x80–0xFF of code page 437 (as Python's and Unicode's mapping tables give them).
const CP437_HIGH: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐', //
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧', //
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀', //
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩', //
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{A0}',
];

/// Bytes 0x80–0xFF of windows-1251, from `encoding_rs` (0x98, unassigned, maps to U+0098).
static CP1251_HIGH: LazyLock<[char; 128]> = LazyLock::new(|| high_half(WINDOWS_1251));
/// Bytes 0x80–0xFF of KOI8-R (Cyrillic letters, box drawing, blocks and symbols).
static KOI8R_HIGH: LazyLock<[char; 128]> = LazyLock::new(|| high_half(KOI8_R));
/// Bytes 0x80–0xFF of Mac OS Roman (accented letters, typographic and math symbols).
static MAC_ROMAN_HIGH: LazyLock<[char; 128]> = LazyLock::new(|| high_half(MACINTOSH));

/// What a single-byte `encoding` decodes bytes 0x80–0xFF to.
fn high_half(encoding: &'static Encoding) -> [char; 128] {
    let mut high = ['\u{FFFD}'; 128];
    for (i, slot) in high.iter_mut().enumerate() {
        let byte = [0x80 + i as u8];
        if let Some(s) = encoding.decode_without_bom_handling_and_without_replacement(&byte) {
            *slot = s.chars().next().unwrap_or('\u{FFFD}');
        }
    }
    high
}

/// Whether `c` may be a seed of some page: one cheap test per character of the text, so that
/// the byte searches below run only where such a character occurs.
pub fn may_be_seed(c: char) -> bool {
    matches!(c as u32, 0xB5 | 0xC1 | 0xC2 | 0xC8 | 0xCA | 0xCB | 0x391..=0x3C9 | 0x434..=0x439 | 0x2030 | 0x2500..=0x25A0 | 0xAC00..=0xD7A3 | 0xFF61..=0xFF9F)
}

/// Byte offsets where a seed character of `page` may start (a superset, found with byte
/// searches: д–й are D0 B4–B9, Greek CE/CF, µ C2 B5, box drawing E2 94–96, half-width
/// katakana EF BD/BE, hangul EA–ED).
fn seeds(text: &str, page: ForeignPage) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found: Vec<usize> = match page {
        ForeignPage::Cp1251 => memchr::memchr_iter(0xD0, bytes).collect(),
        ForeignPage::Koi8R => {
            let mut v: Vec<usize> = Vec::new();
            for needle in [&b"\xE2\x94"[..], b"\xE2\x95", b"\xE2\x96"] {
                v.extend(memchr::memmem::find_iter(bytes, needle));
            }
            v
        }
        // Â Á Ê Ë È are C3 82/81/8A/8B/88 (filtered by `is_seed`), ‰ is E2 80 B0.
        ForeignPage::MacRoman => {
            let mut v: Vec<usize> = memchr::memchr_iter(0xC3, bytes).collect();
            v.extend(memchr::memmem::find_iter(bytes, b"\xE2\x80\xB0"));
            v
        }
        ForeignPage::Cp437 => {
            let mut v: Vec<usize> = memchr::memchr2_iter(0xCE, 0xCF, bytes).collect();
            for needle in [&b"\xE2\x94"[..], b"\xE2\x95", b"\xE2\x96", b"\xC2\xB5"] {
                v.extend(memchr::memmem::find_iter(bytes, needle));
            }
            v
        }
        ForeignPage::ShiftJis => {
            let mut v: Vec<usize> = memchr::memmem::find_iter(bytes, b"\xEF\xBD").collect();
            v.extend(memchr::memmem::find_iter(bytes, b"\xEF\xBE"));
            v
        }
        ForeignPage::EucKr => memchr::memchr3_iter(0xEA, 0xEB, 0xEC, bytes)
            .chain(memchr::memchr_iter(0xED, bytes))
            .collect(),
    };
    found.sort_unstable();
    found
}

/// Runs of characters that `page` can encode, grown around seed characters: at least two
/// non-ASCII ones, with single ASCII characters `@`–`~` allowed after a non-ASCII one
/// (GBK and Big5 trail bytes).
pub fn candidate_runs(text: &str, page: ForeignPage) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let in_page = |c: char| page.in_page(c);
    for at in seeds(text, page) {
        if runs.last().is_some_and(|r| at < r.end) || !text.is_char_boundary(at) {
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        if !page.is_seed(c) || !in_page(c) {
            continue;
        }
        // Back over page characters (an ASCII one only right after a non-ASCII one).
        let mut start = at;
        let mut back = text[..at].char_indices().rev().peekable();
        while let Some((i, c)) = back.next() {
            if in_page(c) {
                start = i;
                continue;
            }
            if matches!(c, '@'..='~')
                && let Some(&(j, d)) = back.peek()
                && in_page(d)
            {
                back.next();
                start = j;
                continue;
            }
            break;
        }
        let mut end = at;
        let mut after_lead = false;
        let mut non_ascii = 0;
        for (i, c) in text[start..].char_indices() {
            if in_page(c) {
                non_ascii += 1;
                after_lead = true;
                end = start + i + c.len_utf8();
            } else if after_lead && matches!(c, '@'..='~') {
                after_lead = false;
                end = start + i + 1;
            } else {
                break;
            }
        }
        if non_ascii >= 2 {
            runs.push(start..end);
        }
    }
    runs
}

/// `run` without the common Chinese characters at its edges: the clean text it grew into
/// (Shift_JIS and EUC-KR encode most Han characters; their mojibake's own Han are rare ones).
pub fn trim_common_edges(text: &str, run: Range<usize>) -> Range<usize> {
    let inner = &text[run.clone()];
    let trimmed = inner.trim_start_matches(is_common_han);
    let start = run.start + inner.len() - trimmed.len();
    start..start + trimmed.trim_end_matches(is_common_han).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_the_code_pages() {
        let byte = |page: ForeignPage, c| page.bytes_of(c).map(|(b, n)| b[..n].to_vec());
        assert_eq!(byte(ForeignPage::Cp1251, 'д'), Some(vec![0xE4]));
        assert_eq!(byte(ForeignPage::Cp1251, 'Ђ'), Some(vec![0x80]));
        assert_eq!(byte(ForeignPage::Cp437, 'Σ'), Some(vec![0xE4]));
        assert_eq!(byte(ForeignPage::Cp437, '╕'), Some(vec![0xB8]));
        assert_eq!(byte(ForeignPage::Cp437, 'a'), Some(vec![b'a']));
        assert_eq!(byte(ForeignPage::Cp437, '中'), None);
        assert_eq!(byte(ForeignPage::ShiftJis, 'ﾖ'), Some(vec![0xD6]));
        assert_eq!(byte(ForeignPage::ShiftJis, '譁'), Some(vec![0xE6, 0x96]));
        assert_eq!(byte(ForeignPage::EucKr, '토'), Some(vec![0xC5, 0xE4]));
    }

    #[test]
    fn runs_grow_around_seeds() {
        // 中文 (E4 B8 AD E6 96 87) read as cp437.
        let text = "前Σ╕¡µצç后";
        // צ is not in cp437: the run stops before it.
        assert_eq!(candidate_runs(text, ForeignPage::Cp437), [3..12]);
        let text = "前Σ╕¡µûç后";
        assert_eq!(
            candidate_runs(text, ForeignPage::Cp437),
            [3..text.len() - 3]
        );
        assert!(candidate_runs("纯中文文本", ForeignPage::Cp1251).is_empty());
        // Shift_JIS takes kanji too; common ones at the edges can be trimmed off again.
        let text = "他说ﾖﾐﾎﾄ了";
        let runs = candidate_runs(text, ForeignPage::ShiftJis);
        assert_eq!(runs, [6..text.len()]);
        assert_eq!(trim_common_edges(text, runs[0].clone()), 6..text.len() - 3);
        // Cyrillic in Shift_JIS and EUC-KR is other text, not their mojibake.
        assert!(candidate_runs("ещё ﾖ", ForeignPage::ShiftJis).is_empty());
    }
}
