//! Simplified/Traditional script knowledge from OpenCC's character tables (via hanconv).
//!
//! Lookups are dense tables indexed by code point, because they run on every character of
//! multi-megabyte corpora.

use std::sync::LazyLock;

/// Code points covered by the dense tables: the BMP and the CJK extension planes.
const TABLE_SIZE: usize = 0x3_0000;
const TRADITIONAL_DIFFERS: u8 = 1;
const TRADITIONAL_ONLY: u8 = 2;
const SIMPLIFIED_ONLY: u8 = 4;
/// [`is_han`], kept in the table so that [`ScriptCounts::of`] needs one lookup per character.
const HAN: u8 = 8;
const SIMPLIFIED_DIFFERS: u8 = 16;

struct Tables {
    flags: Vec<u8>,
    /// The default Simplified form of each Traditional character (0 = unchanged).
    to_simplified: Vec<u32>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(build_tables);

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

fn build_tables() -> Tables {
    use hanconv::RawDictionary;
    let mut flags = vec![0u8; TABLE_SIZE];
    let mut to_simplified = vec![0u32; TABLE_SIZE];
    let mut traditional_keys = Vec::new();
    for (key, values) in RawDictionary::TSCharacters.var_iter() {
        let Some(k) = single_char(key) else { continue };
        if (k as usize) >= TABLE_SIZE {
            continue;
        }
        let first = values.first().and_then(|v| single_char(v));
        if let Some(s) = first.filter(|&s| s != k) {
            flags[k as usize] |= TRADITIONAL_DIFFERS;
            to_simplified[k as usize] = s as u32;
        }
        if !values.contains(&key) {
            flags[k as usize] |= TRADITIONAL_ONLY;
        }
        traditional_keys.push(k);
    }
    for (key, values) in RawDictionary::STCharacters.var_iter() {
        let Some(k) = single_char(key) else { continue };
        if (k as usize) >= TABLE_SIZE {
            continue;
        }
        if values
            .first()
            .and_then(|v| single_char(v))
            .is_some_and(|t| t != k)
        {
            flags[k as usize] |= SIMPLIFIED_DIFFERS;
        }
        if !values.contains(&key) && flags[k as usize] & TRADITIONAL_DIFFERS == 0 {
            flags[k as usize] |= SIMPLIFIED_ONLY;
        }
    }
    // A character that is a Traditional key cannot at the same time be Simplified-only.
    for k in traditional_keys {
        flags[k as usize] &= !SIMPLIFIED_ONLY;
    }
    for (cp, f) in flags.iter_mut().enumerate() {
        if char::from_u32(cp as u32).is_some_and(is_han) {
            *f |= HAN;
        }
    }
    Tables {
        flags,
        to_simplified,
    }
}

fn flags(c: char) -> u8 {
    TABLES.flags.get(c as usize).copied().unwrap_or(0)
}

/// Forces the tables to load (so the first keystroke does not pay for it).
pub fn warm_up() {
    LazyLock::force(&TABLES);
}

/// Han ideograph (CJK Unified Ideographs, extensions, compatibility ideographs) or 〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Converting this character to Simplified script changes it (機 → 机, 乾 → 干).
pub fn traditional_differs(c: char) -> bool {
    flags(c) & TRADITIONAL_DIFFERS != 0
}

/// Converting this character to Traditional script changes it (机 → 機, 干 → 幹).
pub fn simplified_differs(c: char) -> bool {
    flags(c) & SIMPLIFIED_DIFFERS != 0
}

/// Used only in Traditional script (機, 幹); 乾 is not, since Simplified keeps it in 乾隆.
pub fn is_traditional_only(c: char) -> bool {
    flags(c) & TRADITIONAL_ONLY != 0
}

/// Used only in Simplified script (县, 这); 干 and 后 are not, Traditional uses them too.
pub fn is_simplified_only(c: char) -> bool {
    flags(c) & SIMPLIFIED_ONLY != 0
}

/// The default Simplified form of one character (itself when it has none).
pub fn simplified_char(c: char) -> char {
    match TABLES.to_simplified.get(c as usize) {
        Some(&s) if s != 0 => char::from_u32(s).unwrap_or(c),
        _ => c,
    }
}

/// Code points from which script tables have entries: no character below U+3000 is script
/// specific or has a Simplified form (checked by a test), so whole-document scans skip them.
const FIRST_SCRIPT_CODE_POINT: u32 = 0x3000;

/// Calls `f(byte offset, code point)` for each character of `text` at or above U+3000,
/// skipping the others (ASCII, Latin, punctuation below U+3000) byte by byte without
/// decoding them.
#[inline]
fn for_each_from_u3000(text: &str, mut f: impl FnMut(usize, u32)) {
    // U+3000 is the first code point with lead byte 0xE3.
    const _: () = assert!(FIRST_SCRIPT_CODE_POINT == 0x3000);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0xE3 {
            i += 1;
            continue;
        }
        let trail = |k: usize| (bytes.get(i + k).copied().unwrap_or(0) & 0x3F) as u32;
        let (cp, len) = if lead < 0xF0 {
            (((lead & 0x0F) as u32) << 12 | trail(1) << 6 | trail(2), 3)
        } else {
            (
                ((lead & 0x07) as u32) << 18 | trail(1) << 12 | trail(2) << 6 | trail(3),
                4,
            )
        };
        f(i, cp);
        i += len;
    }
}

/// Every character of `text` whose Simplified form differs, with its byte offset and that
/// form, in order: [`simplified_char`] over a whole document at the cost of a byte scan.
pub fn for_each_differing(text: &str, mut f: impl FnMut(usize, char, char)) {
    let tables = &*TABLES;
    for_each_from_u3000(text, |at, cp| {
        let differs = tables
            .flags
            .get(cp as usize)
            .is_some_and(|&f| f & TRADITIONAL_DIFFERS != 0);
        if !differs {
            return;
        }
        let to = tables.to_simplified[cp as usize];
        if let (Some(c), Some(s)) = (char::from_u32(cp), char::from_u32(to))
            && to != 0
        {
            f(at, c, s);
        }
    });
}

/// Which script a piece of text is written in, judged by characters unique to one script.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Script {
    #[default]
    Unknown,
    Simplified,
    Traditional,
}

/// Counts of script-specific characters. Additive, so per-paragraph counts can be summed
/// into a document's without rescanning it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    pub han: usize,
    pub traditional_only: usize,
    pub simplified_only: usize,
}

impl ScriptCounts {
    pub fn of(text: &str) -> ScriptCounts {
        // This runs on every document: one table lookup per character from U+3000 on.
        let flags: &[u8] = &TABLES.flags;
        let mut counts = ScriptCounts::default();
        for_each_from_u3000(text, |_, cp| {
            let f = match flags.get(cp as usize) {
                Some(&f) => f,
                None => char::from_u32(cp).map_or(0, |c| if is_han(c) { HAN } else { 0 }),
            };
            counts.traditional_only += (f & TRADITIONAL_ONLY != 0) as usize;
            counts.simplified_only += (f & SIMPLIFIED_ONLY != 0) as usize;
            counts.han += (f & HAN != 0) as usize;
        });
        counts
    }

    pub fn add(&mut self, other: ScriptCounts) {
        self.han += other.han;
        self.traditional_only += other.traditional_only;
        self.simplified_only += other.simplified_only;
    }

    pub fn subtract(&mut self, other: ScriptCounts) {
        self.han = self.han.saturating_sub(other.han);
        self.traditional_only = self.traditional_only.saturating_sub(other.traditional_only);
        self.simplified_only = self.simplified_only.saturating_sub(other.simplified_only);
    }

    /// Too few script-specific characters to judge the script by.
    pub fn too_few_to_judge(&self) -> bool {
        self.traditional_only + self.simplified_only < 3
    }

    /// The script for reports: `traditional`, `simplified`, `mixed` (enough characters of
    /// both that neither is a clear majority) or `unknown` (too few to judge).
    pub fn label(&self) -> &'static str {
        match self.script() {
            Script::Traditional => "traditional",
            Script::Simplified => "simplified",
            Script::Unknown if self.too_few_to_judge() => "unknown",
            Script::Unknown => "mixed",
        }
    }

    /// The dominant script; needs a clear majority so that quotations do not flip it.
    pub fn script(&self) -> Script {
        let (t, s) = (self.traditional_only, self.simplified_only);
        if self.too_few_to_judge() {
            Script::Unknown
        } else if t >= 3 * s {
            Script::Traditional
        } else if s >= 3 * t {
            Script::Simplified
        } else {
            Script::Unknown
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_tell_mixed_from_too_few() {
        assert_eq!(ScriptCounts::of("這裡說話").label(), "traditional");
        assert_eq!(ScriptCounts::of("这里说话").label(), "simplified");
        assert_eq!(ScriptCounts::of("這裡說話这里说话").label(), "mixed");
        assert_eq!(ScriptCounts::of("中文").label(), "unknown");
    }

    #[test]
    fn classifies_characters() {
        assert!(is_traditional_only('機'));
        assert!(is_traditional_only('幹'));
        assert!(!is_traditional_only('乾'));
        assert!(traditional_differs('乾'));
        assert!(is_simplified_only('县'));
        assert!(is_simplified_only('这'));
        assert!(!is_simplified_only('干'));
        assert!(!is_simplified_only('后'));
        assert!(!is_traditional_only('中'));
        assert_eq!(simplified_char('機'), '机');
        assert_eq!(simplified_char('中'), '中');
        assert!(is_han('𠮷'));
        assert!(!is_han('，'));
    }

    #[test]
    fn judges_script() {
        assert_eq!(
            ScriptCounts::of("基層黨組織鍛造得更加堅強").script(),
            Script::Traditional
        );
        assert_eq!(
            ScriptCounts::of("基层党组织锻造得更加坚强").script(),
            Script::Simplified
        );
        assert_eq!(ScriptCounts::of("中文").script(), Script::Unknown);
    }

    #[test]
    fn nothing_below_u3000_is_script_specific() {
        for cp in 0..FIRST_SCRIPT_CODE_POINT {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert_eq!(flags(c) & !HAN, 0, "{c}");
            assert_eq!(simplified_char(c), c);
        }
    }

    #[test]
    fn differing_characters_equal_simplified_char() {
        let text = "a機關(guān)𠮷乾隆、后臺😀\u{10FFFF}县縣";
        let mut expected = Vec::new();
        for (at, c) in text.char_indices() {
            if simplified_char(c) != c {
                expected.push((at, c, simplified_char(c)));
            }
        }
        let mut got = Vec::new();
        for_each_differing(text, |at, c, s| got.push((at, c, s)));
        assert_eq!(got, expected);
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn counts_equal_a_character_by_character_count() {
        let text =
            "a中文〇　、機县𠮷𰀀\u{3134F}😀é\u{2FFF}\u{3000}\u{FFFF}\u{10FFFF}基層黨組織县里";
        let mut expected = ScriptCounts::default();
        for c in text.chars() {
            if (c as u32) < 0x3000 {
                continue;
            }
            expected.han += is_han(c) as usize;
            expected.traditional_only += is_traditional_only(c) as usize;
            expected.simplified_only += is_simplified_only(c) as usize;
        }
        assert_eq!(ScriptCounts::of(text), expected);
        assert_eq!(expected.han, 15);
        for end in 0..=text.len() {
            if text.is_char_boundary(end) {
                let _ = ScriptCounts::of(&text[..end]);
            }
        }
    }
}
