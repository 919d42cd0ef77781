//! Chinese word segmentation (jieba-rs) that works on either script.
//!
//! jieba's dictionary is Simplified, so Traditional text is segmented through a
//! character-by-character Simplified copy (same character count) and the words are mapped
//! back to source bytes. The dictionary loads once, on first use (~0.2 s); call
//! [`warm_up`] early in long-running processes.

use super::script::simplified_char;
use jieba_rs::Jieba;
use std::ops::Range;
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Loads the dictionary now rather than on the first request.
pub fn warm_up() {
    LazyLock::force(&JIEBA);
}

/// The shared segmenter.
pub fn jieba() -> &'static Jieba {
    &JIEBA
}

/// A segmented word: its bytes in the source and its part-of-speech tag (jieba's ICTCLAS-style
/// tags: `ns` place name, `n` noun, `x` punctuation/unknown …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    pub tag: String,
}

/// `text` in Simplified script, plus the byte offset of each character in `text` (and a final
/// entry for the end), so character positions from jieba map back to source bytes.
fn simplified_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut simplified = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() / 3 + 1);
    for (at, c) in text.char_indices() {
        offsets.push(at);
        simplified.push(simplified_char(c));
    }
    offsets.push(text.len());
    (simplified, offsets)
}

/// Words of `text` (any script), as byte ranges of `text`, tiling it.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let (simplified, offsets) = simplified_with_offsets(text);
    JIEBA
        .cut(&simplified, true)
        .into_iter()
        .map(|t| offsets[t.start]..offsets[t.end])
        .collect()
}

/// Words of `text` with part-of-speech tags.
pub fn tagged_words(text: &str) -> Vec<Word> {
    let (simplified, offsets) = simplified_with_offsets(text);
    JIEBA
        .tag(&simplified, true)
        .into_iter()
        .map(|t| Word {
            range: offsets[t.start]..offsets[t.end],
            tag: t.tag.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn traditional_segments_like_simplified() {
        assert_eq!(cut("基層黨組織").len(), cut("基层党组织").len());
        let words = cut("基層黨組織建設");
        assert!(words.len() <= 3, "{words:?}");
        assert_eq!(words.concat(), "基層黨組織建設");
    }

    #[test]
    fn tags_place_names() {
        let text = "夏河县 浙江省";
        let tagged = tagged_words(text);
        let places: Vec<&str> = tagged
            .iter()
            .filter(|w| w.tag == "ns")
            .map(|w| &text[w.range.clone()])
            .collect();
        assert!(places.contains(&"浙江省"), "{tagged:?}");
    }
}
