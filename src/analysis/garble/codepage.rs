//! Legacy code-page knowledge shared by the garble detectors: per-character GBK and Big5 codes,
//! two-byte decoding tables, windows-1252's 0x80–0x9F block, and a small "common character"
//! set used to judge whether a re-decoding reads like real Chinese.
//!
//! Everything is derived once from `encoding_rs` (the WHATWG Encoding Standard tables), so no
//! data files are shipped. The common set is GB2312 level 1 (B0A1–D7F9, the 3,755 常用字) plus
//! Big5 level 1 (A440–C67E, the 5,401 常用國字): both are frequency-selected lists, which is
//! exactly what mojibake is not made of.

use encoding_rs::{BIG5, Encoding, GBK};
use std::sync::LazyLock;

/// A two-byte legacy encoding the detectors know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoubleByte {
    Gbk,
    Big5,
}

impl DoubleByte {
    pub fn name(self) -> &'static str {
        match self {
            DoubleByte::Gbk => "GBK",
            DoubleByte::Big5 => "Big5",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            DoubleByte::Gbk => GBK,
            DoubleByte::Big5 => BIG5,
        }
    }
}

const LEAD_MIN: u8 = 0x81;
const TRAIL_MIN: u8 = 0x40;
/// Pair tables are indexed by (lead − 0x81) × 191 + (trail − 0x40).
const TRAILS: usize = 0xFF - TRAIL_MIN as usize;
const PAIRS: usize = (0xFF - LEAD_MIN as usize) * TRAILS;

struct Table {
    /// Two-byte code of each BMP character (0 = none).
    code_of: Vec<u16>,
    /// The character each two-byte code decodes to (0 = invalid).
    char_of: Vec<u32>,
}

fn build_table(db: DoubleByte) -> Table {
    let mut code_of = vec![0u16; 0x1_0000];
    let mut char_of = vec![0u32; PAIRS];
    for lead in LEAD_MIN..=0xFE {
        for trail in TRAIL_MIN..=0xFE {
            if trail == 0x7F {
                continue;
            }
            let pair = [lead, trail];
            let Some(decoded) = db
                .encoding()
                .decode_without_bom_handling_and_without_replacement(&pair)
            else {
                continue;
            };
            let mut chars = decoded.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            if (c as u32) < 0x80 {
                continue;
            }
            char_of[pair_index(lead, trail)] = c as u32;
            if let Some(slot) = code_of.get_mut(c as usize)
                && *slot == 0
            {
                *slot = u16::from_be_bytes([lead, trail]);
            }
        }
    }
    Table { code_of, char_of }
}

fn pair_index(lead: u8, trail: u8) -> usize {
    (lead - LEAD_MIN) as usize * TRAILS + (trail - TRAIL_MIN) as usize
}

static GBK_TABLE: LazyLock<Table> = LazyLock::new(|| build_table(DoubleByte::Gbk));
static BIG5_TABLE: LazyLock<Table> = LazyLock::new(|| build_table(DoubleByte::Big5));
static COMMON_HAN: LazyLock<Vec<bool>> = LazyLock::new(build_common);

fn table(db: DoubleByte) -> &'static Table {
    match db {
        DoubleByte::Gbk => &GBK_TABLE,
        DoubleByte::Big5 => &BIG5_TABLE,
    }
}

/// The two bytes `c` has in `db`, if it has a two-byte code there.
pub fn encode_pair(db: DoubleByte, c: char) -> Option<[u8; 2]> {
    let code = *table(db).code_of.get(c as usize)?;
    (code != 0).then(|| code.to_be_bytes())
}

/// The character the two bytes decode to in `db`.
pub fn decode_pair(db: DoubleByte, lead: u8, trail: u8) -> Option<char> {
    if lead < LEAD_MIN || lead == 0xFF || trail < TRAIL_MIN || trail == 0x7F || trail == 0xFF {
        return None;
    }
    let c = table(db).char_of[pair_index(lead, trail)];
    (c != 0).then(|| char::from_u32(c)).flatten()
}

fn build_common() -> Vec<bool> {
    let mut common = vec![false; 0x1_0000];
    for lead in 0xB0..=0xD7u8 {
        for trail in 0xA1..=0xFEu8 {
            if let Some(c) = decode_pair(DoubleByte::Gbk, lead, trail) {
                common[c as usize] = true;
            }
        }
    }
    for lead in 0xA4..=0xC6u8 {
        for trail in (0x40..=0x7Eu8).chain(0xA1..=0xFE) {
            if lead == 0xC6 && trail > 0x7E {
                break;
            }
            if let Some(c) = decode_pair(DoubleByte::Big5, lead, trail) {
                common[c as usize] = true;
            }
        }
    }
    common
}

/// A frequent Han character (GB2312 level 1 or Big5 level 1).
pub fn is_common_han(c: char) -> bool {
    COMMON_HAN.get(c as usize).copied().unwrap_or(false)
}

/// Punctuation that ordinary Chinese prose is full of: CJK symbols, full-width forms, and the
/// general-punctuation dashes, quotes and ellipsis.
pub fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF65 | 0x2010..=0x2027)
}

/// What share of the non-ASCII characters of `text` are common Han or CJK punctuation
/// (0 when there are none).
pub fn common_share(text: &str) -> f64 {
    let (mut common, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        total += 1;
        common += (is_common_han(c) || is_cjk_punctuation(c)) as usize;
    }
    if total == 0 {
        0.0
    } else {
        common as f64 / total as f64
    }
}

/// windows-1252's characters for bytes 0x80–0x9F (the WHATWG decoder maps the five unassigned
/// bytes to the C1 control of the same value).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The byte a character stands for when text was decoded as windows-1252 or Latin-1
/// (C1 controls included, since Latin-1 decoders produce them).
pub fn single_byte_of(c: char) -> Option<u8> {
    match c as u32 {
        0x80..=0xFF => Some(c as u32 as u8),
        _ => CP1252_HIGH
            .iter()
            .position(|&h| h == c)
            .map(|i| 0x80 + i as u8),
    }
}

/// Cheap pre-test for [`single_byte_of`] on characters above U+00FF.
pub fn is_cp1252_special(c: char) -> bool {
    matches!(c as u32, 0x152..=0x2122) && single_byte_of(c).is_some()
}

/// The windows-1252 character of a byte in 0x80–0x9F (for HTML numeric references, which the
/// HTML standard remaps the same way).
pub fn cp1252_high(byte: u32) -> Option<char> {
    (0x80..=0x9F)
        .contains(&byte)
        .then(|| CP1252_HIGH[(byte - 0x80) as usize])
}

/// [`char_flags`] bit: the GBK code looks like the first two bytes of a three-byte UTF-8
/// sequence (lead E2–E9/EF, trail 80–BF), where UTF-8-as-GBK mojibake starts.
pub const GBK_SEQ_START: u8 = 1;
/// As [`GBK_SEQ_START`], for Big5.
pub const BIG5_SEQ_START: u8 = 2;
/// The character has a two-byte GBK code.
pub const IN_GBK: u8 = 4;
/// The character has a two-byte Big5 code.
pub const IN_BIG5: u8 = 8;
/// Common Han or CJK punctuation.
pub const COMMON: u8 = 16;
/// Non-ASCII and stands for one windows-1252/Latin-1 byte.
pub const SINGLE_BYTE: u8 = 32;

static FLAGS: LazyLock<Vec<u8>> = LazyLock::new(build_flags);

fn build_flags() -> Vec<u8> {
    let seq_start =
        |pair: [u8; 2]| matches!(pair[0], 0xE2..=0xE9 | 0xEF) && matches!(pair[1], 0x80..=0xBF);
    (0..0x1_0000u32)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return 0;
            };
            let mut f = 0;
            if let Some(pair) = encode_pair(DoubleByte::Gbk, c) {
                f |= IN_GBK | if seq_start(pair) { GBK_SEQ_START } else { 0 };
            }
            if let Some(pair) = encode_pair(DoubleByte::Big5, c) {
                f |= IN_BIG5 | if seq_start(pair) { BIG5_SEQ_START } else { 0 };
            }
            if is_common_han(c) || is_cjk_punctuation(c) {
                f |= COMMON;
            }
            if cp >= 0x80 && single_byte_of(c).is_some() {
                f |= SINGLE_BYTE;
            }
            f
        })
        .collect()
}

/// All of the flags above for one character, from one table lookup (0 for astral characters).
pub fn char_flags(c: char) -> u8 {
    FLAGS.get(c as usize).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_byte_tables_round_trip() {
        assert_eq!(encode_pair(DoubleByte::Gbk, '中'), Some([0xD6, 0xD0]));
        assert_eq!(decode_pair(DoubleByte::Gbk, 0xD6, 0xD0), Some('中'));
        assert_eq!(encode_pair(DoubleByte::Big5, '中'), Some([0xA4, 0xA4]));
        assert_eq!(decode_pair(DoubleByte::Big5, 0xA4, 0xA4), Some('中'));
        assert_eq!(encode_pair(DoubleByte::Gbk, 'a'), None);
        assert_eq!(decode_pair(DoubleByte::Gbk, 0x20, 0x20), None);
    }

    #[test]
    fn common_set_holds_frequent_characters_only() {
        for c in "的是了我你好中國国發发".chars() {
            assert!(is_common_han(c), "{c}");
        }
        for c in "鍙戝竷浣犲".chars() {
            assert!(!is_common_han(c), "{c}");
        }
    }

    #[test]
    fn cp1252_bytes() {
        assert_eq!(single_byte_of('€'), Some(0x80));
        assert_eq!(single_byte_of('ä'), Some(0xE4));
        assert_eq!(single_byte_of('\u{81}'), Some(0x81));
        assert_eq!(single_byte_of('中'), None);
        assert!(is_cp1252_special('“'));
        assert!(!is_cp1252_special('中'));
    }
}
