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
    // Like the WHATWG Big5 encoder, prefer standard Big5 codes (lead A1 and up) to the
    // HKSCS ones (leads 81–A0) for characters that have both.
    let leads: Vec<u8> = match db {
        DoubleByte::Gbk => (LEAD_MIN..=0xFE).collect(),
        DoubleByte::Big5 => (0xA1..=0xFE).chain(LEAD_MIN..0xA1).collect(),
    };
    for lead in leads {
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

/// Big5 codes where Microsoft's code page 950 (Windows, and Python's `big5`) decodes to
/// another character than the WHATWG (HKSCS-based) decoder: mostly the ETEN block of kana,
/// Cyrillic and circled numbers, which Big5/GBK mojibake is full of. From CP950.TXT.
const CP950_DIFFERENCES: [(u16, char); 262] = [
    (0xA145, '\u{2027}'),
    (0xA14E, '\u{FE51}'),
    (0xA1C2, '\u{00AF}'),
    (0xA1E3, '\u{FF5E}'),
    (0xA1F2, '\u{2295}'),
    (0xA1F3, '\u{2299}'),
    (0xA241, '\u{2215}'),
    (0xA242, '\u{FE68}'),
    (0xA244, '\u{FFE5}'),
    (0xA246, '\u{FFE0}'),
    (0xA247, '\u{FFE1}'),
    (0xA3E1, '\u{20AC}'),
    (0xC6A1, '\u{30FE}'),
    (0xC6A2, '\u{309D}'),
    (0xC6A3, '\u{309E}'),
    (0xC6A4, '\u{3005}'),
    (0xC6A5, '\u{3041}'),
    (0xC6A6, '\u{3042}'),
    (0xC6A7, '\u{3043}'),
    (0xC6A8, '\u{3044}'),
    (0xC6A9, '\u{3045}'),
    (0xC6AA, '\u{3046}'),
    (0xC6AB, '\u{3047}'),
    (0xC6AC, '\u{3048}'),
    (0xC6AD, '\u{3049}'),
    (0xC6AE, '\u{304A}'),
    (0xC6AF, '\u{304B}'),
    (0xC6B0, '\u{304C}'),
    (0xC6B1, '\u{304D}'),
    (0xC6B2, '\u{304E}'),
    (0xC6B3, '\u{304F}'),
    (0xC6B4, '\u{3050}'),
    (0xC6B5, '\u{3051}'),
    (0xC6B6, '\u{3052}'),
    (0xC6B7, '\u{3053}'),
    (0xC6B8, '\u{3054}'),
    (0xC6B9, '\u{3055}'),
    (0xC6BA, '\u{3056}'),
    (0xC6BB, '\u{3057}'),
    (0xC6BC, '\u{3058}'),
    (0xC6BD, '\u{3059}'),
    (0xC6BE, '\u{305A}'),
    (0xC6BF, '\u{305B}'),
    (0xC6C0, '\u{305C}'),
    (0xC6C1, '\u{305D}'),
    (0xC6C2, '\u{305E}'),
    (0xC6C3, '\u{305F}'),
    (0xC6C4, '\u{3060}'),
    (0xC6C5, '\u{3061}'),
    (0xC6C6, '\u{3062}'),
    (0xC6C7, '\u{3063}'),
    (0xC6C8, '\u{3064}'),
    (0xC6C9, '\u{3065}'),
    (0xC6CA, '\u{3066}'),
    (0xC6CB, '\u{3067}'),
    (0xC6CC, '\u{3068}'),
    (0xC6CD, '\u{3069}'),
    (0xC6CE, '\u{306A}'),
    (0xC6CF, '\u{306B}'),
    (0xC6D0, '\u{306C}'),
    (0xC6D1, '\u{306D}'),
    (0xC6D2, '\u{306E}'),
    (0xC6D3, '\u{306F}'),
    (0xC6D4, '\u{3070}'),
    (0xC6D5, '\u{3071}'),
    (0xC6D6, '\u{3072}'),
    (0xC6D7, '\u{3073}'),
    (0xC6D8, '\u{3074}'),
    (0xC6D9, '\u{3075}'),
    (0xC6DA, '\u{3076}'),
    (0xC6DB, '\u{3077}'),
    (0xC6DC, '\u{3078}'),
    (0xC6DD, '\u{3079}'),
    (0xC6DE, '\u{307A}'),
    (0xC6DF, '\u{307B}'),
    (0xC6E0, '\u{307C}'),
    (0xC6E1, '\u{307D}'),
    (0xC6E2, '\u{307E}'),
    (0xC6E3, '\u{307F}'),
    (0xC6E4, '\u{3080}'),
    (0xC6E5, '\u{3081}'),
    (0xC6E6, '\u{3082}'),
    (0xC6E7, '\u{3083}'),
    (0xC6E8, '\u{3084}'),
    (0xC6E9, '\u{3085}'),
    (0xC6EA, '\u{3086}'),
    (0xC6EB, '\u{3087}'),
    (0xC6EC, '\u{3088}'),
    (0xC6ED, '\u{3089}'),
    (0xC6EE, '\u{308A}'),
    (0xC6EF, '\u{308B}'),
    (0xC6F0, '\u{308C}'),
    (0xC6F1, '\u{308D}'),
    (0xC6F2, '\u{308E}'),
    (0xC6F3, '\u{308F}'),
    (0xC6F4, '\u{3090}'),
    (0xC6F5, '\u{3091}'),
    (0xC6F6, '\u{3092}'),
    (0xC6F7, '\u{3093}'),
    (0xC6F8, '\u{30A1}'),
    (0xC6F9, '\u{30A2}'),
    (0xC6FA, '\u{30A3}'),
    (0xC6FB, '\u{30A4}'),
    (0xC6FC, '\u{30A5}'),
    (0xC6FD, '\u{30A6}'),
    (0xC6FE, '\u{30A7}'),
    (0xC740, '\u{30A8}'),
    (0xC741, '\u{30A9}'),
    (0xC742, '\u{30AA}'),
    (0xC743, '\u{30AB}'),
    (0xC744, '\u{30AC}'),
    (0xC745, '\u{30AD}'),
    (0xC746, '\u{30AE}'),
    (0xC747, '\u{30AF}'),
    (0xC748, '\u{30B0}'),
    (0xC749, '\u{30B1}'),
    (0xC74A, '\u{30B2}'),
    (0xC74B, '\u{30B3}'),
    (0xC74C, '\u{30B4}'),
    (0xC74D, '\u{30B5}'),
    (0xC74E, '\u{30B6}'),
    (0xC74F, '\u{30B7}'),
    (0xC750, '\u{30B8}'),
    (0xC751, '\u{30B9}'),
    (0xC752, '\u{30BA}'),
    (0xC753, '\u{30BB}'),
    (0xC754, '\u{30BC}'),
    (0xC755, '\u{30BD}'),
    (0xC756, '\u{30BE}'),
    (0xC757, '\u{30BF}'),
    (0xC758, '\u{30C0}'),
    (0xC759, '\u{30C1}'),
    (0xC75A, '\u{30C2}'),
    (0xC75B, '\u{30C3}'),
    (0xC75C, '\u{30C4}'),
    (0xC75D, '\u{30C5}'),
    (0xC75E, '\u{30C6}'),
    (0xC75F, '\u{30C7}'),
    (0xC760, '\u{30C8}'),
    (0xC761, '\u{30C9}'),
    (0xC762, '\u{30CA}'),
    (0xC763, '\u{30CB}'),
    (0xC764, '\u{30CC}'),
    (0xC765, '\u{30CD}'),
    (0xC766, '\u{30CE}'),
    (0xC767, '\u{30CF}'),
    (0xC768, '\u{30D0}'),
    (0xC769, '\u{30D1}'),
    (0xC76A, '\u{30D2}'),
    (0xC76B, '\u{30D3}'),
    (0xC76C, '\u{30D4}'),
    (0xC76D, '\u{30D5}'),
    (0xC76E, '\u{30D6}'),
    (0xC76F, '\u{30D7}'),
    (0xC770, '\u{30D8}'),
    (0xC771, '\u{30D9}'),
    (0xC772, '\u{30DA}'),
    (0xC773, '\u{30DB}'),
    (0xC774, '\u{30DC}'),
    (0xC775, '\u{30DD}'),
    (0xC776, '\u{30DE}'),
    (0xC777, '\u{30DF}'),
    (0xC778, '\u{30E0}'),
    (0xC779, '\u{30E1}'),
    (0xC77A, '\u{30E2}'),
    (0xC77B, '\u{30E3}'),
    (0xC77C, '\u{30E4}'),
    (0xC77D, '\u{30E5}'),
    (0xC77E, '\u{30E6}'),
    (0xC7A1, '\u{30E7}'),
    (0xC7A2, '\u{30E8}'),
    (0xC7A3, '\u{30E9}'),
    (0xC7A4, '\u{30EA}'),
    (0xC7A5, '\u{30EB}'),
    (0xC7A6, '\u{30EC}'),
    (0xC7A7, '\u{30ED}'),
    (0xC7A8, '\u{30EE}'),
    (0xC7A9, '\u{30EF}'),
    (0xC7AA, '\u{30F0}'),
    (0xC7AB, '\u{30F1}'),
    (0xC7AC, '\u{30F2}'),
    (0xC7AD, '\u{30F3}'),
    (0xC7AE, '\u{30F4}'),
    (0xC7AF, '\u{30F5}'),
    (0xC7B0, '\u{30F6}'),
    (0xC7B1, '\u{0414}'),
    (0xC7B2, '\u{0415}'),
    (0xC7B3, '\u{0401}'),
    (0xC7B4, '\u{0416}'),
    (0xC7B5, '\u{0417}'),
    (0xC7B6, '\u{0418}'),
    (0xC7B7, '\u{0419}'),
    (0xC7B8, '\u{041A}'),
    (0xC7B9, '\u{041B}'),
    (0xC7BA, '\u{041C}'),
    (0xC7BB, '\u{0423}'),
    (0xC7BC, '\u{0424}'),
    (0xC7BD, '\u{0425}'),
    (0xC7BE, '\u{0426}'),
    (0xC7BF, '\u{0427}'),
    (0xC7C0, '\u{0428}'),
    (0xC7C1, '\u{0429}'),
    (0xC7C2, '\u{042A}'),
    (0xC7C3, '\u{042B}'),
    (0xC7C4, '\u{042C}'),
    (0xC7C5, '\u{042D}'),
    (0xC7C6, '\u{042E}'),
    (0xC7C7, '\u{042F}'),
    (0xC7C8, '\u{0430}'),
    (0xC7C9, '\u{0431}'),
    (0xC7CA, '\u{0432}'),
    (0xC7CB, '\u{0433}'),
    (0xC7CC, '\u{0434}'),
    (0xC7CD, '\u{0435}'),
    (0xC7CE, '\u{0451}'),
    (0xC7CF, '\u{0436}'),
    (0xC7D0, '\u{0437}'),
    (0xC7D1, '\u{0438}'),
    (0xC7D2, '\u{0439}'),
    (0xC7D3, '\u{043A}'),
    (0xC7D4, '\u{043B}'),
    (0xC7D5, '\u{043C}'),
    (0xC7D6, '\u{043D}'),
    (0xC7D7, '\u{043E}'),
    (0xC7D8, '\u{043F}'),
    (0xC7D9, '\u{0440}'),
    (0xC7DA, '\u{0441}'),
    (0xC7DB, '\u{0442}'),
    (0xC7DC, '\u{0443}'),
    (0xC7DD, '\u{0444}'),
    (0xC7DE, '\u{0445}'),
    (0xC7DF, '\u{0446}'),
    (0xC7E0, '\u{0447}'),
    (0xC7E1, '\u{0448}'),
    (0xC7E2, '\u{0449}'),
    (0xC7E3, '\u{044A}'),
    (0xC7E4, '\u{044B}'),
    (0xC7E5, '\u{044C}'),
    (0xC7E6, '\u{044D}'),
    (0xC7E7, '\u{044E}'),
    (0xC7E8, '\u{044F}'),
    (0xC7E9, '\u{2460}'),
    (0xC7EA, '\u{2461}'),
    (0xC7EB, '\u{2462}'),
    (0xC7EC, '\u{2463}'),
    (0xC7ED, '\u{2464}'),
    (0xC7EE, '\u{2465}'),
    (0xC7EF, '\u{2466}'),
    (0xC7F0, '\u{2467}'),
    (0xC7F1, '\u{2468}'),
    (0xC7F2, '\u{2469}'),
    (0xC7F3, '\u{2474}'),
    (0xC7F4, '\u{2475}'),
    (0xC7F5, '\u{2476}'),
    (0xC7F6, '\u{2477}'),
    (0xC7F7, '\u{2478}'),
    (0xC7F8, '\u{2479}'),
    (0xC7F9, '\u{247A}'),
    (0xC7FA, '\u{247B}'),
    (0xC7FB, '\u{247C}'),
    (0xC7FC, '\u{247D}'),
    (0xF9FE, '\u{2593}'),
];

/// The code page 950 bytes of `c` where they differ from the WHATWG ones.
pub fn encode_pair_cp950(c: char) -> Option<[u8; 2]> {
    if c.is_ascii() {
        return None;
    }
    CP950_DIFFERENCES
        .iter()
        .find(|&&(_, d)| d == c)
        .map(|&(code, _)| code.to_be_bytes())
}

/// Every pair of bytes `db` decoders turn into `c`: the WHATWG code, then for Big5 the code
/// page 950 one when it differs.
pub fn misread_codes(db: DoubleByte, c: char) -> impl Iterator<Item = [u8; 2]> {
    let whatwg = encode_pair(db, c);
    let cp950 = match db {
        DoubleByte::Big5 if char_flags(c) & CP950_CODE != 0 => {
            encode_pair_cp950(c).filter(|&p| Some(p) != whatwg)
        }
        _ => None,
    };
    whatwg.into_iter().chain(cp950)
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

/// A frequent Han character of `db`'s own level 1 (GB2312 level 1 for GBK, Big5 level 1
/// for Big5): what clean text written in `db` is mostly made of.
pub fn is_level1_in(db: DoubleByte, c: char) -> bool {
    let Some([lead, trail]) = encode_pair(db, c) else {
        return false;
    };
    match db {
        DoubleByte::Gbk => matches!(lead, 0xB0..=0xD7) && trail >= 0xA1,
        DoubleByte::Big5 => matches!(lead, 0xA4..=0xC5) || (lead == 0xC6 && trail <= 0x7E),
    }
}

/// Share of the non-ASCII characters of `text` that are `db` level 1 Han or CJK punctuation.
pub fn level1_share(db: DoubleByte, text: &str) -> f64 {
    let (mut common, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        total += 1;
        common += (is_level1_in(db, c) || is_cjk_punctuation(c)) as usize;
    }
    if total == 0 {
        0.0
    } else {
        common as f64 / total as f64
    }
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
/// Has a code page 950 code different from its WHATWG Big5 one (see [`misread_codes`]).
const CP950_CODE: u8 = 64;

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
            if encode_pair_cp950(c).is_some() {
                f |= IN_BIG5 | CP950_CODE;
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
