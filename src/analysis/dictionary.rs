//! Pinyin and English glosses for ordinary words, from CC-CEDICT.
//!
//! The dictionary (CC BY-SA 4.0, see `data/cedict/`) is embedded zstd-compressed behind the
//! default-on `cedict` cargo feature and unpacked on first use (`warm_up` does it early).
//! Without the feature every lookup finds nothing and [`available`] is false.
//! Party-building terms are not in CC-CEDICT: see [`super::glossary`]. Pure: no I/O.

use serde::Serialize;

/// One CC-CEDICT entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DictEntry {
    pub traditional: String,
    pub simplified: String,
    /// Pinyin with tone marks, syllables written together: 银行 → yínháng.
    pub pinyin: String,
    /// English senses, in dictionary order.
    pub glosses: Vec<String>,
}

/// Whether the dictionary is compiled in.
pub fn available() -> bool {
    cfg!(feature = "cedict")
}

/// Unpacks and indexes the dictionary now rather than on the first lookup.
pub fn warm_up() {
    #[cfg(feature = "cedict")]
    data::get();
}

/// The first entry for `word` (either script; inline pinyin annotations are ignored).
/// Common-word senses come before surnames and other proper nouns.
pub fn lookup_word(word: &str) -> Option<DictEntry> {
    lookup_all(word).into_iter().next()
}

/// Every entry for `word` (either script), common-word senses first.
pub fn lookup_all(word: &str) -> Vec<DictEntry> {
    #[cfg(feature = "cedict")]
    {
        let word = super::normalize::strip_annotations(word.trim());
        if word.is_empty() {
            return Vec::new();
        }
        let dict = data::get();
        let mut rows = dict.find(&word);
        if rows.is_empty() {
            let simplified = hanconv::t2s(&word);
            if simplified != word {
                rows = dict.find(&simplified);
            }
        }
        // Lower-case pinyin (common words) before capitalised (proper nouns).
        rows.sort_by_key(|&r| (dict.field(r, 2).starts_with(char::is_uppercase), r));
        rows.into_iter().map(|r| dict.entry(r)).collect()
    }
    #[cfg(not(feature = "cedict"))]
    {
        let _ = word;
        Vec::new()
    }
}

#[cfg(feature = "cedict")]
mod data {
    use super::{DictEntry, numbered_to_marks};
    use std::sync::OnceLock;

    const COMPRESSED: &[u8] = include_bytes!("../../data/cedict/cedict.tsv.zst");

    /// The unpacked TSV (traditional, simplified, pinyin, glosses) with per-line field
    /// offsets and two indexes sorted by the traditional and the simplified form.
    pub(super) struct Dict {
        text: String,
        /// Per line: start of each of the 4 fields and the end of the line.
        rows: Vec<[u32; 5]>,
        by_traditional: Vec<u32>,
        by_simplified: Vec<u32>,
    }

    pub(super) fn get() -> &'static Dict {
        static DICT: OnceLock<Dict> = OnceLock::new();
        DICT.get_or_init(|| {
            let bytes = zstd::stream::decode_all(COMPRESSED)
                .expect("embedded CC-CEDICT data is valid zstd");
            Dict::new(String::from_utf8(bytes).expect("embedded CC-CEDICT data is UTF-8"))
        })
    }

    impl Dict {
        fn new(text: String) -> Dict {
            let mut rows = Vec::with_capacity(130_000);
            let mut start = 0usize;
            for line in text.split_inclusive('\n') {
                let body = line.trim_end_matches('\n');
                let mut row = [start as u32; 5];
                let mut field = 1;
                for (i, b) in body.bytes().enumerate() {
                    if b == b'\t' && field < 4 {
                        row[field] = (start + i + 1) as u32;
                        field += 1;
                    }
                }
                row[4] = (start + body.len()) as u32;
                if field == 4 {
                    rows.push(row);
                }
                start += line.len();
            }
            let mut dict = Dict {
                text,
                rows,
                by_traditional: Vec::new(),
                by_simplified: Vec::new(),
            };
            let mut by_traditional: Vec<u32> = (0..dict.rows.len() as u32).collect();
            by_traditional.sort_by(|&a, &b| dict.field(a, 0).cmp(dict.field(b, 0)));
            let mut by_simplified = by_traditional.clone();
            by_simplified.sort_by(|&a, &b| dict.field(a, 1).cmp(dict.field(b, 1)));
            dict.by_traditional = by_traditional;
            dict.by_simplified = by_simplified;
            dict
        }

        /// Field `i` (0 traditional, 1 simplified, 2 pinyin, 3 glosses) of row `r`.
        pub(super) fn field(&self, r: u32, i: usize) -> &str {
            let row = &self.rows[r as usize];
            let end = if i == 3 { row[4] } else { row[i + 1] - 1 };
            &self.text[row[i] as usize..end as usize]
        }

        /// Rows whose traditional or simplified form is `word`.
        pub(super) fn find(&self, word: &str) -> Vec<u32> {
            let mut out = Vec::new();
            for (index, field) in [(&self.by_simplified, 1), (&self.by_traditional, 0)] {
                let from = index.partition_point(|&r| self.field(r, field) < word);
                out.extend(
                    index[from..]
                        .iter()
                        .take_while(|&&r| self.field(r, field) == word),
                );
            }
            out.sort_unstable();
            out.dedup();
            out
        }

        pub(super) fn entry(&self, r: u32) -> DictEntry {
            DictEntry {
                traditional: self.field(r, 0).to_string(),
                simplified: self.field(r, 1).to_string(),
                pinyin: numbered_to_marks(self.field(r, 2)),
                glosses: self
                    .field(r, 3)
                    .split('/')
                    .filter(|g| !g.is_empty())
                    .map(str::to_string)
                    .collect(),
            }
        }
    }
}

/// Converts CC-CEDICT's numbered pinyin to tone marks, syllables written together with an
/// apostrophe before a, e, o: `yin2 hang2` → `yínháng`, `Xi1 an1` → `Xī'ān`, `nu:3` → `nǚ`.
/// Tokens that are not syllables (letters, `·`, `,`) are kept, separated by spaces.
pub fn numbered_to_marks(numbered: &str) -> String {
    let mut out = String::with_capacity(numbered.len());
    let mut prev_syllable = false;
    for token in numbered.split_whitespace() {
        match syllable_with_mark(token) {
            Some(s) => {
                if prev_syllable
                    && s.starts_with([
                        'a', 'e', 'o', 'ā', 'á', 'ǎ', 'à', 'ē', 'é', 'ě', 'è', 'ō', 'ó', 'ǒ', 'ò',
                    ])
                {
                    out.push('\'');
                } else if !prev_syllable && !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s);
                prev_syllable = true;
            }
            None => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(token);
                prev_syllable = false;
            }
        }
    }
    out
}

/// `hang2` → `háng`; `None` when `token` is not a numbered syllable.
fn syllable_with_mark(token: &str) -> Option<String> {
    let tone = token.chars().last()?.to_digit(10)?;
    let base = &token[..token.len() - 1];
    if !(1..=5).contains(&tone)
        || base.is_empty()
        || !base.chars().all(|c| c.is_ascii_alphabetic() || c == ':')
    {
        return None;
    }
    let base = base
        .replace("u:", "ü")
        .replace("U:", "Ü")
        .replace('v', "ü")
        .replace('V', "Ü");
    if tone == 5 {
        return Some(base);
    }
    let chars: Vec<char> = base.chars().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let at = lower
        .iter()
        .position(|&c| c == 'a' || c == 'e')
        .or_else(|| lower.windows(2).position(|w| w == ['o', 'u']))
        .or_else(|| lower.iter().rposition(|c| "iouü".contains(*c)))
        .or_else(|| lower.iter().position(|&c| c == 'm' || c == 'n'))?;
    let t = tone as usize - 1;
    let marked = match chars[at] {
        'a' => ['ā', 'á', 'ǎ', 'à'][t],
        'e' => ['ē', 'é', 'ě', 'è'][t],
        'i' => ['ī', 'í', 'ǐ', 'ì'][t],
        'o' => ['ō', 'ó', 'ǒ', 'ò'][t],
        'u' => ['ū', 'ú', 'ǔ', 'ù'][t],
        'ü' => ['ǖ', 'ǘ', 'ǚ', 'ǜ'][t],
        'A' => ['Ā', 'Á', 'Ǎ', 'À'][t],
        'E' => ['Ē', 'É', 'Ě', 'È'][t],
        'I' => ['Ī', 'Í', 'Ǐ', 'Ì'][t],
        'O' => ['Ō', 'Ó', 'Ǒ', 'Ò'][t],
        'U' => ['Ū', 'Ú', 'Ǔ', 'Ù'][t],
        'Ü' => ['Ǖ', 'Ǘ', 'Ǚ', 'Ǜ'][t],
        'n' if t != 0 => ['n', 'ń', 'ň', 'ǹ'][t],
        'm' if t == 1 => 'ḿ',
        _ => {
            // No precomposed letter (n̄, m̀ …): use a combining mark.
            let mut s: String = chars[..=at].iter().collect();
            s.push(['\u{304}', '\u{301}', '\u{30C}', '\u{300}'][t]);
            s.extend(&chars[at + 1..]);
            return Some(s);
        }
    };
    let mut s: String = chars[..at].iter().collect();
    s.push(marked);
    s.extend(&chars[at + 1..]);
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_pinyin_to_marks() {
        assert_eq!(numbered_to_marks("yin2 hang2"), "yínháng");
        assert_eq!(numbered_to_marks("Xi1 an1"), "Xī'ān");
        assert_eq!(numbered_to_marks("nu:3 er2"), "nǚ'ér");
        assert_eq!(numbered_to_marks("lu:4 se4"), "lǜsè");
        assert_eq!(numbered_to_marks("gou3 you3"), "gǒuyǒu");
        assert_eq!(numbered_to_marks("shui3"), "shuǐ");
        assert_eq!(numbered_to_marks("liu2"), "liú");
        assert_eq!(numbered_to_marks("ma5"), "ma");
        assert_eq!(numbered_to_marks("ng2"), "ńg");
        assert_eq!(numbered_to_marks("san1 C"), "sān C");
        assert_eq!(numbered_to_marks("A1 la1 bo2"), "Ālābó");
    }
}
