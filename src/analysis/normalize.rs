//! The normalized view of a text: inline-pinyin annotations removed, plus a Simplified-script
//! copy, each with an offset map back to exact source bytes.
//!
//! Later features (glossary matching, segmentation, outline names) work on the view, so they
//! see 四個意識 where the file says 四個(gè)意識, and map what they find back to the source.

use super::garble::inline_pinyin::{Annotation, find_annotations};
use super::script::for_each_differing;
use std::ops::Range;

/// One place where the mapped text differs from its target: `from` in the mapped text
/// corresponds to `to` in the target, with no finer correspondence inside.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Edit {
    from: Range<usize>,
    to: Range<usize>,
}

/// Maps byte offsets of a derived text back to the text it was derived from. Outside the
/// recorded edits, offsets move by a constant delta.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    edits: Vec<Edit>,
}

impl OffsetMap {
    /// Maps an offset that starts something: at a deletion point it lands after the
    /// deleted text (so a match starting there does not include it).
    pub fn map_start(&self, offset: usize) -> usize {
        let i = self.edits.partition_point(|e| e.from.start <= offset);
        match i.checked_sub(1).map(|i| &self.edits[i]) {
            None => offset,
            Some(e) if offset >= e.from.end => e.to.end + (offset - e.from.end),
            Some(e) => e.to.start,
        }
    }

    /// Maps an offset that ends something: at a deletion point it lands before the deleted
    /// text; inside an edit it extends to the edit's end.
    pub fn map_end(&self, offset: usize) -> usize {
        let i = self.edits.partition_point(|e| e.from.start < offset);
        match i.checked_sub(1).map(|i| &self.edits[i]) {
            None => offset,
            Some(e) if offset >= e.from.end => e.to.end + (offset - e.from.end),
            Some(e) => e.to.end,
        }
    }

    pub fn map_range(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.map_start(range.start);
            return at..at;
        }
        self.map_start(range.start)..self.map_end(range.end)
    }
}

/// The source text seen without annotations, and in Simplified script.
#[derive(Clone, Debug)]
pub struct NormalizedView {
    /// The source with every inline-pinyin annotation removed.
    pub text: String,
    /// `text` converted character by character to Simplified script (same character count).
    pub simplified: String,
    to_source: OffsetMap,
    simplified_to_text: OffsetMap,
}

impl NormalizedView {
    pub fn new(source: &str) -> NormalizedView {
        NormalizedView::from_annotations(source, &find_annotations(source))
    }

    /// Builds the view from annotations already found (they are sorted and disjoint).
    pub fn from_annotations(source: &str, annotations: &[Annotation]) -> NormalizedView {
        let mut text = String::with_capacity(source.len());
        let mut edits = Vec::with_capacity(annotations.len());
        let mut copied = 0;
        for a in annotations {
            text.push_str(&source[copied..a.parenthetical.start]);
            edits.push(Edit {
                from: text.len()..text.len(),
                to: a.parenthetical.clone(),
            });
            copied = a.parenthetical.end;
        }
        text.push_str(&source[copied..]);

        let mut simplified = String::with_capacity(text.len());
        let mut simplified_edits = Vec::new();
        // Copy runs of unchanged characters in bulk: most characters (all of ASCII, most of
        // a Simplified text) convert to themselves, and the scan skips them undecoded.
        let mut unchanged_from = 0;
        for_each_differing(&text, |at, c, s| {
            simplified.push_str(&text[unchanged_from..at]);
            unchanged_from = at + c.len_utf8();
            let from = simplified.len();
            simplified.push(s);
            if s.len_utf8() != c.len_utf8() {
                simplified_edits.push(Edit {
                    from: from..simplified.len(),
                    to: at..at + c.len_utf8(),
                });
            }
        });
        simplified.push_str(&text[unchanged_from..]);
        NormalizedView {
            text,
            simplified,
            to_source: OffsetMap { edits },
            simplified_to_text: OffsetMap {
                edits: simplified_edits,
            },
        }
    }

    /// Source bytes of a range of `text`.
    pub fn text_to_source(&self, range: Range<usize>) -> Range<usize> {
        self.to_source.map_range(range)
    }

    /// Source bytes of a range of `simplified`.
    pub fn simplified_to_source(&self, range: Range<usize>) -> Range<usize> {
        self.text_to_source(self.simplified_to_text.map_range(range))
    }

    /// Range of `simplified` (equally of `text`) for a character range: both views have the
    /// same characters, so callers that count characters can use either.
    pub fn simplified_to_text(&self, range: Range<usize>) -> Range<usize> {
        self.simplified_to_text.map_range(range)
    }
}

/// `text` with annotations removed; convenient for short strings such as headings.
pub fn strip_annotations(text: &str) -> String {
    NormalizedView::new(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_annotations_and_maps_back() {
        let src = "加強(qiáng)四個(gè)意識";
        let view = NormalizedView::new(src);
        assert_eq!(view.text, "加強四個意識");
        assert_eq!(view.simplified, "加强四个意识");
        let at = view.simplified.find("四个意识").unwrap();
        let range = view.simplified_to_source(at..at + "四个意识".len());
        assert_eq!(&src[range], "四個(gè)意識");
        // A match ending right before an annotation does not swallow it.
        let range = view.text_to_source(0.."加強".len());
        assert_eq!(&src[range], "加強");
        let range = view.text_to_source("加強".len().."加強四".len());
        assert_eq!(&src[range], "四");
    }

    #[test]
    fn keeps_legitimate_parentheses() {
        let src = "機關(guān)(事業(yè))單位";
        let view = NormalizedView::new(src);
        assert_eq!(view.text, "機關(事業)單位");
        assert_eq!(view.simplified, "机关(事业)单位");
    }

    #[test]
    fn astral_characters_map_exactly() {
        let src = "𠮷機(jī)😀";
        let view = NormalizedView::new(src);
        assert_eq!(view.text, "𠮷機😀");
        let end = view.text.len();
        assert_eq!(view.text_to_source(0..end), 0..src.len());
        let at = view.text.find('😀').unwrap();
        assert_eq!(&src[view.text_to_source(at..end)], "😀");
    }
}
