//! From scanned lines to the outline: which lines count (not in code blocks or front matter,
//! as [`markdown::blocks`] pairs them; Markdown headings with numbered ones below them, or
//! numbered ones alone), the title, and the nesting by rank.

use super::heading::name_of;
use super::title::find_title;
use super::{LEVEL_TITLE, ListItem, MARKDOWN_LEVELS, Symbol, SymbolKind};
use super::{LineKey, LineRole, OutlineLine, RoleKey};
use crate::analysis::markdown;
use std::ops::Range;

/// A symbol of a [`FlatOutline`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlatSymbol {
    /// The index of its scanned line; `None` for the title found among the first lines
    /// ([`FlatOutline::title`]).
    pub line: Option<usize>,
    pub kind: SymbolKind,
    pub level: u8,
    /// Nesting depth: 0 for a top-level symbol, its parent's plus one otherwise.
    pub depth: usize,
    /// The symbol whose start ends its section (an index into [`FlatOutline::symbols`]), or
    /// `None` when the section runs to the end of the text.
    pub end: Option<usize>,
}

/// The title found among the first lines when it is not a scanned line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleLine {
    pub start: usize,
    pub content: Range<usize>,
    pub name: String,
    pub detail: Option<String>,
}

/// The outline before names and ranges are filled in: its symbols in document order (a
/// symbol's descendants follow it), each pointing at its scanned line. [`outline_of_scan`]
/// builds the tree from it; the language server writes its documentSymbol reply from it and
/// from names and positions it keeps per piece of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlatOutline {
    pub symbols: Vec<FlatSymbol>,
    pub title: Option<TitleLine>,
}

/// The [`FlatOutline`] of a text from the keys of its [`scan`]. `head` is the start of the
/// text: at least its first [`TITLE_SEARCH_LINES`] lines (or all of it), where a title is
/// looked for.
///
/// Which lines count: none inside front matter or fenced code blocks ([`markdown::blocks`]).
/// - A text without Markdown headings: the numbered headings, under the title found among
///   the first lines.
/// - A text with Markdown headings: those (the first the title when it is a `# ` one) and the
///   numbered headings below them. A numbered heading ranks below the six Markdown levels
///   (its level plus 6) and keeps its order among the numbered ones, so `一、` nests under the
///   nearest `#` heading and `（一）` under `一、`. A `1.` line followed by a blank is an
///   ordered-list item in Markdown: it counts only when it reads like a heading (at most 50
///   characters after the marker, no sentence-final punctuation) and nests under a numbered
///   heading, where it is the next level of official numbering (一、 > （一） > 1.); under a
///   `#` heading it is a list. `1、`, `1．` and `1.標題` are no list syntax and count as in
///   plain text.
///
/// [`scan`]: super::scan
/// [`TITLE_SEARCH_LINES`]: super::TITLE_SEARCH_LINES
pub fn flat_outline(lines: &[LineKey], head: &str) -> FlatOutline {
    let (skipped, spans) = in_blocks(lines);
    let counts = lines.iter().zip(&skipped).filter(|&(_, &skip)| !skip);
    let markdown = counts
        .clone()
        .any(|(l, _)| matches!(l.role, RoleKey::Markdown { .. }));
    let mut symbols: Vec<FlatSymbol> = lines
        .iter()
        .enumerate()
        .zip(&skipped)
        .filter(|&(_, &skip)| !skip)
        .filter_map(|((i, l), _)| {
            let (kind, level) = match (l.role, markdown) {
                (RoleKey::Markdown { level }, true) => (SymbolKind::Heading, level),
                (RoleKey::Numbered { kind, level, .. }, false) => (kind, level),
                (RoleKey::Numbered { kind, level, item }, true) if item != ListItem::Prose => {
                    (kind, MARKDOWN_LEVELS + level)
                }
                _ => return None,
            };
            Some(FlatSymbol {
                line: Some(i),
                kind,
                level,
                depth: 0,
                end: None,
            })
        })
        .collect();
    let mut title = None;
    if markdown {
        // The first Markdown heading, when it is a `# ` one, is the title.
        if let Some(h) = symbols.iter_mut().find(|h| h.level <= MARKDOWN_LEVELS)
            && h.level == 1
        {
            h.kind = SymbolKind::Title;
            h.level = LEVEL_TITLE;
        }
        drop_list_items(&mut symbols, lines);
    } else {
        let before = symbols
            .first()
            .and_then(|h| h.line)
            .map_or(usize::MAX, |i| lines[i].start);
        if let Some(line) = find_title(head, before, &spans) {
            let (name, detail) = name_of(&head[line.content.clone()]);
            symbols.insert(
                0,
                FlatSymbol {
                    line: None,
                    kind: SymbolKind::Title,
                    level: LEVEL_TITLE,
                    depth: 0,
                    end: None,
                },
            );
            title = Some(TitleLine {
                start: line.start,
                content: line.content,
                name,
                detail,
            });
        }
    }
    nest(&mut symbols);
    FlatOutline { symbols, title }
}

/// In a Markdown document, drops the `1. 標題` list items ([`ListItem::HeadingLike`]) that
/// would not nest under a numbered heading: under a `#` heading (or at the top) they are an
/// ordered list, under 一、 or （一） they are the next level of official numbering.
fn drop_list_items(symbols: &mut Vec<FlatSymbol>, lines: &[LineKey]) {
    // The levels of the open sections, as `nest` will find them.
    let mut open: Vec<u8> = Vec::new();
    symbols.retain(|s| {
        let item = s.line.is_some_and(|i| {
            matches!(
                lines[i].role,
                RoleKey::Numbered {
                    item: ListItem::HeadingLike,
                    ..
                }
            )
        });
        let parent = open.iter().rev().find(|&&level| level < s.level);
        if item && !parent.is_some_and(|&level| level > MARKDOWN_LEVELS) {
            return false;
        }
        while open.last().is_some_and(|&level| level >= s.level) {
            open.pop();
        }
        open.push(s.level);
        true
    });
}

/// The outline of a text `len` bytes long from its [`scan`]. `head` is the start of the text:
/// at least its first [`TITLE_SEARCH_LINES`] lines (or all of it), where a title is looked for.
///
/// [`scan`]: super::scan
/// [`TITLE_SEARCH_LINES`]: super::TITLE_SEARCH_LINES
pub fn outline_of_scan(lines: &[OutlineLine], head: &str, len: usize) -> Vec<Symbol> {
    let keys: Vec<LineKey> = lines.iter().map(|l| l.key(0)).collect();
    let flat = flat_outline(&keys, head);
    let start = |s: &FlatSymbol| match (s.line, &flat.title) {
        (Some(i), _) => lines[i].start,
        (None, Some(title)) => title.start,
        (None, None) => unreachable!("a symbol without a line is the title"),
    };
    let made: Vec<(usize, Symbol)> = flat
        .symbols
        .iter()
        .map(|s| {
            let (name, detail, selection_range) = match (s.line, &flat.title) {
                (Some(i), _) => {
                    let (name, detail) = match &lines[i].role {
                        LineRole::Markdown { name, detail, .. }
                        | LineRole::Numbered { name, detail, .. } => (name, detail),
                        _ => unreachable!("only headings become symbols"),
                    };
                    (name.clone(), detail.clone(), lines[i].content.clone())
                }
                (None, Some(t)) => (t.name.clone(), t.detail.clone(), t.content.clone()),
                (None, None) => unreachable!("a symbol without a line is the title"),
            };
            let end = s.end.map_or(len, |j| start(&flat.symbols[j]));
            let symbol = Symbol {
                name,
                detail,
                kind: s.kind,
                level: s.level,
                range: start(s)..end,
                selection_range,
                children: Vec::new(),
            };
            (s.depth, symbol)
        })
        .collect();
    let roots = children_at(&mut made.into_iter().peekable(), 0);
    roots
}

/// The symbols at `depth` from the next ones on, each with its children (the symbols
/// deeper than it that follow it).
fn children_at(
    made: &mut std::iter::Peekable<impl Iterator<Item = (usize, Symbol)>>,
    depth: usize,
) -> Vec<Symbol> {
    let mut out = Vec::new();
    while let Some((_, mut symbol)) = made.next_if(|(d, _)| *d == depth) {
        symbol.children = children_at(made, depth + 1);
        out.push(symbol);
    }
    out
}

/// Which scanned lines lie inside front matter or fenced code blocks (their delimiters and
/// fences included), and the spans of line starts those cover (for the lines
/// [`scan`](super::scan) left out).
fn in_blocks(lines: &[LineKey]) -> (Vec<bool>, Vec<Range<usize>>) {
    let mut skipped = vec![false; lines.len()];
    let mut spans = Vec::new();
    for block in markdown::blocks(lines, |l| Some((l.start, l.role.block()?))) {
        let last = block.close.unwrap_or(lines.len() - 1);
        skipped[block.open..=last].fill(true);
        let end = block.close.map_or(usize::MAX, |c| lines[c].start + 1);
        spans.push(lines[block.open].start..end);
    }
    (skipped, spans)
}

/// Sets each symbol's depth and section end with a stack: each heading closes the open
/// sections of the same or a lower rank (a higher or equal `level` number).
fn nest(symbols: &mut [FlatSymbol]) {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..symbols.len() {
        while let Some(&open) = stack.last()
            && symbols[open].level >= symbols[i].level
        {
            symbols[open].end = Some(i);
            stack.pop();
        }
        symbols[i].depth = stack.len();
        stack.push(i);
    }
}
