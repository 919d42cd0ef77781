//! What a heading line looks like: Markdown `#` headings and numbered headings (第一章,
//! 一、, （一）, 1., ①…) with their rank, told apart from list paragraphs; and the name a
//! heading gets in the outline.

use super::{
    LEVEL_CHAPTER, LEVEL_CIRCLED, LEVEL_CN_NUMBER, LEVEL_CN_PAREN, LEVEL_DIGIT, LEVEL_DIGIT_PAREN,
    LEVEL_PART, LEVEL_SECTION, SymbolKind, is_indent, is_sentence_end,
};
use crate::analysis::normalize::strip_annotations;
use crate::analysis::script::is_han;

/// Names longer than this (in characters) are shortened with an ellipsis.
pub(super) const MAX_NAME_CHARS: usize = 40;
/// A numbered line whose text after the marker is longer than this is a list paragraph.
const MAX_HEADING_CHARS: usize = 80;
/// ... and so is one longer than this that ends like a sentence.
const MAX_SENTENCE_HEADING_CHARS: usize = 50;

/// `## text` → (2, "text"): ATX headings with their closing `#`s removed.
pub(super) fn markdown_level(content: &str) -> Option<(u8, &str)> {
    let hashes = content.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &content[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let inner = rest.trim().trim_end_matches('#').trim_end();
    (!inner.is_empty()).then_some((hashes as u8, inner))
}

fn is_cn_numeral(c: char) -> bool {
    "一二三四五六七八九十百千零〇两壹贰叁肆伍陆柒捌玖拾貳參陸".contains(c)
}

/// Whether a numbered heading line is also a Markdown ordered-list item, and if so whether it
/// may still be a heading in a Markdown document (see `flat_outline`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListItem {
    /// Not list syntax: 一、, （一）, ①, 第一章, `1、`, `1．`, `1.標題` (no blank after the dot).
    No,
    /// `1. 加強學習`: short (at most 50 characters after the marker) and without
    /// sentence-final punctuation, so it may be a heading.
    HeadingLike,
    /// `1. 要把工作落到實處。`, or a longer item: list prose.
    Prose,
}

/// Recognises a numbered heading line, its rank, and whether it is a Markdown list item.
pub(super) fn numbered_heading(content: &str) -> Option<(SymbolKind, u8, ListItem)> {
    let (kind, level, rest) = numbered_marker(content)?;
    if !looks_like_heading(rest) {
        return None;
    }
    Some((kind, level, list_item(content, level, rest)))
}

/// What a numbered heading line whose text after the marker is `rest` (a suffix of
/// `content`) is as Markdown: an ordered-list item is digits, then `.`, then a blank (`1)` is no
/// numbered heading here).
fn list_item(content: &str, level: u8, rest: &str) -> ListItem {
    let marker = &content[..content.len() - rest.len()];
    if level != LEVEL_DIGIT || !marker.ends_with('.') || !rest.starts_with([' ', '\t']) {
        return ListItem::No;
    }
    let text = strip_annotations(rest.trim_matches(is_indent));
    if text.ends_with(is_sentence_end) || text.chars().count() > MAX_SENTENCE_HEADING_CHARS {
        ListItem::Prose
    } else {
        ListItem::HeadingLike
    }
}

/// The marker's kind and rank, and the text after it.
fn numbered_marker(content: &str) -> Option<(SymbolKind, u8, &str)> {
    let mut chars = content.char_indices();
    let (_, first) = chars.next()?;
    match first {
        '第' => {
            let rest = &content['第'.len_utf8()..];
            let number_len: usize = rest
                .chars()
                .take_while(|&c| is_cn_numeral(c) || c.is_ascii_digit())
                .map(char::len_utf8)
                .sum();
            if number_len == 0 {
                return None;
            }
            let after = &rest[number_len..];
            let unit = after.chars().next()?;
            let (kind, level) = match unit {
                '編' | '编' => (SymbolKind::Part, LEVEL_PART),
                '章' => (SymbolKind::Chapter, LEVEL_CHAPTER),
                '節' | '节' => (SymbolKind::Section, LEVEL_SECTION),
                _ => return None,
            };
            Some((kind, level, &after[unit.len_utf8()..]))
        }
        '（' | '(' => {
            let inner = &content[first.len_utf8()..];
            let close = inner.find(['）', ')'])?;
            let number = &inner[..close];
            let close_len = inner[close..].chars().next()?.len_utf8();
            let rest = &inner[close + close_len..];
            if !number.is_empty()
                && number.chars().count() <= 3
                && number.chars().all(is_cn_numeral)
            {
                Some((SymbolKind::Heading, LEVEL_CN_PAREN, rest))
            } else if !number.is_empty()
                && number.len() <= 3
                && number.bytes().all(|b| b.is_ascii_digit())
            {
                Some((SymbolKind::Heading, LEVEL_DIGIT_PAREN, rest))
            } else {
                None
            }
        }
        '\u{2460}'..='\u{2473}' => Some((
            SymbolKind::Heading,
            LEVEL_CIRCLED,
            &content[first.len_utf8()..],
        )),
        c if is_cn_numeral(c) => {
            let number_len: usize = content
                .chars()
                .take_while(|&c| is_cn_numeral(c))
                .map(char::len_utf8)
                .sum();
            let rest = &content[number_len..];
            (content[..number_len].chars().count() <= 4 && rest.starts_with('、')).then(|| {
                (
                    SymbolKind::Heading,
                    LEVEL_CN_NUMBER,
                    &rest['、'.len_utf8()..],
                )
            })
        }
        c if c.is_ascii_digit() => {
            let digits = content.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &content[digits..];
            let sep = rest.chars().next()?;
            if digits > 3 || !matches!(sep, '.' | '、' | '．') {
                return None;
            }
            let rest = &rest[sep.len_utf8()..];
            // 1.5 亿元 is a number, not a heading.
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            Some((SymbolKind::Heading, LEVEL_DIGIT, rest))
        }
        _ => None,
    }
}

/// The text after a marker reads like a heading rather than a list paragraph.
fn looks_like_heading(rest: &str) -> bool {
    let rest = strip_annotations(rest.trim_matches(is_indent));
    let chars = rest.chars().count();
    if chars == 0
        || chars > MAX_HEADING_CHARS
        || !rest.chars().any(|c| is_han(c) || c.is_alphanumeric())
    {
        return false;
    }
    let body = rest.trim_end_matches(is_sentence_end);
    // Several sentences make a paragraph.
    if body.contains(is_sentence_end) {
        return false;
    }
    let ends_like_sentence = body.len() != rest.len();
    !(ends_like_sentence && chars > MAX_SENTENCE_HEADING_CHARS)
}

/// The heading as written, without annotations, indentation or a closing full stop; cut
/// with `…` only when longer than [`MAX_NAME_CHARS`], and then the full text as detail.
pub(super) fn name_of(heading: &str) -> (String, Option<String>) {
    let full = strip_annotations(heading);
    let full = full.trim_matches(is_indent);
    // A heading of nothing but punctuation (`# !`) keeps it: a symbol needs a name.
    let full = match full.trim_end_matches(is_sentence_end) {
        "" => full,
        trimmed => trimmed,
    };
    if full.chars().nth(MAX_NAME_CHARS).is_none() {
        return (full.to_string(), None);
    }
    let mut name: String = full.chars().take(MAX_NAME_CHARS).collect();
    name.push('…');
    (name, Some(full.to_string()))
}
