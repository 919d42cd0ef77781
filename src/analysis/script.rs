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
        if !values.contains(&key) && flags[k as usize] & TRADITIONAL_DIFFERS == 0 {
            flags[k as usize] |= SIMPLIFIED_ONLY;
        }
    }
    // A character that is a Traditional key cannot at the same time be Simplified-only.
    for k in traditional_keys {
        flags[k as usize] &= !SIMPLIFIED_ONLY;
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
        let mut counts = ScriptCounts::default();
        for c in text.chars() {
            if (c as u32) < 0x3000 {
                continue;
            }
            let f = flags(c);
            counts.traditional_only += (f & TRADITIONAL_ONLY != 0) as usize;
            counts.simplified_only += (f & SIMPLIFIED_ONLY != 0) as usize;
            counts.han += is_han(c) as usize;
        }
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

    /// The dominant script; needs a clear majority so that quotations do not flip it.
    pub fn script(&self) -> Script {
        let (t, s) = (self.traditional_only, self.simplified_only);
        if t + s < 3 {
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
}
