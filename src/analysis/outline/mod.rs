//! The document outline: the title and the numbered headings of Chinese official writing
//! (第一編 > 第一章 > 第一節 > 一、 > （一） > 1. > （1） > ①) or Markdown `#` headings, nested
//! by level, with byte ranges for the editor's outline, breadcrumbs and folding.
//!
//! Choices worth knowing:
//! - The title, when found, is the root: every later heading is its descendant, so the seed
//!   gives one Title symbol whose children are the five sections 一、…五、.
//! - A heading is a line of its own. A numbered line that reads like a paragraph (long, or
//!   several sentences) is a list item, not a heading.
//! - When a document has Markdown headings, numbered headings nest below them (一、 under the
//!   nearest `#` heading); a `1. ` line there is a Markdown list item unless it is short,
//!   has no sentence-final punctuation and comes under a numbered heading such as 一、 or
//!   （一） (see [`flat_outline`]).
//! - Front matter and fenced code blocks, as [`markdown`](crate::analysis::markdown)
//!   recognises them, hold no headings (in any text).
//! - Page chrome (手機版, 打印 糾錯, 1 1 1) and bylines (中共安徽省委組織部) are never the title;
//!   a small predicate here keeps this module independent of the spam detectors.
//!
//! Linear in the text; no segmentation.
//!
//! The parts: `scan` finds the lines that can matter, each on its own (`heading` recognises
//! and names the headings among them); `tree` decides which of them count and nests them;
//! `title` finds the title among the first lines.

mod heading;
mod scan;
mod title;
mod tree;

#[cfg(test)]
mod tests;

pub use heading::ListItem;
pub use scan::{LineKey, LineRole, OutlineLine, RoleKey, scan};
pub use title::TITLE_SEARCH_LINES;
pub use tree::{FlatOutline, FlatSymbol, TitleLine, flat_outline, outline_of_scan};

use super::normalize::strip_annotations;
use serde::Serialize;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SymbolKind {
    Title,
    /// 第X編 / 第X编
    Part,
    /// 第X章
    Chapter,
    /// 第X節 / 第X节
    Section,
    /// Numbered (一、 （一） 1. （1） ①) and Markdown headings.
    Heading,
}

/// One outline entry. Offsets are bytes of the analysed text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Symbol {
    /// Short name: annotations removed, cut at the first clause break (`一、加強新時代基層黨組織建設`).
    pub name: String,
    /// The whole heading (annotations removed) when `name` had to be cut.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// Rank: 0 title; 1 編, 2 章, 3 節, 4 一、, 5 （一）, 6 1., 7 （1）, 8 ①; Markdown `#`×n is n,
    /// and in a text with Markdown headings the numbered ones rank below them (6 more: 一、
    /// is 10). Smaller is higher; a heading contains the following headings of larger rank.
    pub level: u8,
    /// The whole section: from the heading line's start to the start of the next heading of
    /// the same or a higher rank (or the end of the text).
    pub range: Range<usize>,
    /// The heading's text on its line, without indentation or line break.
    pub selection_range: Range<usize>,
    pub children: Vec<Symbol>,
}

const LEVEL_TITLE: u8 = 0;
const LEVEL_PART: u8 = 1;
const LEVEL_CHAPTER: u8 = 2;
const LEVEL_SECTION: u8 = 3;
const LEVEL_CN_NUMBER: u8 = 4;
const LEVEL_CN_PAREN: u8 = 5;
const LEVEL_DIGIT: u8 = 6;
const LEVEL_DIGIT_PAREN: u8 = 7;
const LEVEL_CIRCLED: u8 = 8;
/// Markdown's heading levels (`#` to `######`): in a text with Markdown headings the numbered
/// headings' ranks come after them.
const MARKDOWN_LEVELS: u8 = 6;

/// A line of the text: its start, and its content without indentation and line break.
struct Line {
    start: usize,
    content: Range<usize>,
}

/// The line `raw` (with its line break) that starts at byte `start`.
fn line_at(raw: &str, start: usize) -> Line {
    let body = raw.trim_end_matches(['\n', '\r']);
    let trimmed_start = body.trim_start_matches(is_indent);
    let lead = body.len() - trimmed_start.len();
    let content = trimmed_start.trim_end_matches(is_indent);
    Line {
        start,
        content: start + lead..start + lead + content.len(),
    }
}

fn is_indent(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

/// The outline of `text`: top-level symbols with nested children.
pub fn outline(text: &str) -> Vec<Symbol> {
    outline_of_scan(&scan(text), text, text.len())
}

/// Characters in a section, for hovers: annotations removed, whitespace not counted.
pub fn section_char_count(text: &str, symbol: &Symbol) -> usize {
    let Some(section) = text.get(symbol.range.clone()) else {
        return 0;
    };
    strip_annotations(section)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
}
