//! Scanning: the lines of a text that can matter to its outline (heading candidates, code
//! fences, front-matter delimiters), each judged on its own, so that scans of pieces join.

use super::heading::{ListItem, markdown_level, name_of, numbered_heading};
use super::{SymbolKind, line_at};
use crate::analysis::markdown::{self, BlockLine, Delimiter, Fence};
use std::ops::Range;

/// What a line that can matter to the outline is (see [`scan`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineRole {
    /// A front-matter delimiter, as [`markdown::classify`] says.
    Delimiter(Delimiter),
    /// A code fence, as [`markdown::classify`] says: may open or close a fenced code block.
    Fence(Fence),
    /// A Markdown ATX heading; `text` is its text without the `#`s.
    Markdown {
        level: u8,
        text: Range<usize>,
        name: String,
        detail: Option<String>,
    },
    /// A numbered heading (第一章, 一、, （一）, 1., ①…); `item` says whether it is also a
    /// Markdown ordered-list item.
    Numbered {
        kind: SymbolKind,
        level: u8,
        item: ListItem,
        name: String,
        detail: Option<String>,
    },
}

/// A line that can matter to the outline: a heading candidate, a code fence or a
/// front-matter delimiter. Whether it counts depends on the rest of the document (fences,
/// front matter, whether it has Markdown headings), which [`outline_of_scan`] decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineLine {
    pub start: usize,
    /// The line without indentation and line break.
    pub content: Range<usize>,
    pub role: LineRole,
}

impl OutlineLine {
    /// The same line `by` bytes further on.
    pub fn shifted(&self, by: usize) -> OutlineLine {
        let mut role = self.role.clone();
        if let LineRole::Markdown { text, .. } = &mut role {
            *text = text.start + by..text.end + by;
        }
        OutlineLine {
            start: self.start + by,
            content: self.content.start + by..self.content.end + by,
            role,
        }
    }
}

/// The lines of `text` that can matter to its outline, in order. What a line is depends on
/// that line alone, so for pieces of a text cut at line starts, the pieces' scans (shifted to
/// where each piece starts) make the scan of the whole: the language server keeps one per
/// paragraph and rescans only the paragraphs an edit touched.
pub fn scan(text: &str) -> Vec<OutlineLine> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line = line_at(raw, start);
        start += raw.len();
        let role = match markdown::classify(raw) {
            Some(BlockLine::Delimiter(d)) => Some(LineRole::Delimiter(d)),
            Some(BlockLine::Fence(f)) => Some(LineRole::Fence(f)),
            None => heading_role(&text[line.content.clone()], line.content.start),
        };
        if let Some(role) = role {
            out.push(OutlineLine {
                start: line.start,
                content: line.content,
                role,
            });
        }
    }
    out
}

/// The role of a heading line whose content (at byte `at`) is `content`, if it is one.
fn heading_role(content: &str, at: usize) -> Option<LineRole> {
    if content.starts_with('#') {
        return markdown_level(content).map(|(level, inner)| {
            let from = at + (inner.as_ptr() as usize - content.as_ptr() as usize);
            let (name, detail) = name_of(inner);
            LineRole::Markdown {
                level,
                text: from..from + inner.len(),
                name,
                detail,
            }
        });
    }
    numbered_heading(content).map(|(kind, level, item)| {
        let (name, detail) = name_of(content);
        LineRole::Numbered {
            kind,
            level,
            item,
            name,
            detail,
        }
    })
}

/// What [`flat_outline`] needs of a scanned line: where it is and its role, without names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineKey {
    /// Start of the line.
    pub start: usize,
    /// Start of its content (after indentation).
    pub content_start: usize,
    pub role: RoleKey,
}

/// [`LineRole`] without the names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKey {
    Delimiter(Delimiter),
    Fence(Fence),
    Markdown {
        level: u8,
    },
    Numbered {
        kind: SymbolKind,
        level: u8,
        item: ListItem,
    },
}

impl RoleKey {
    /// What the line is to front matter and fenced code blocks, if anything.
    pub fn block(self) -> Option<BlockLine> {
        match self {
            RoleKey::Delimiter(d) => Some(BlockLine::Delimiter(d)),
            RoleKey::Fence(f) => Some(BlockLine::Fence(f)),
            RoleKey::Markdown { .. } | RoleKey::Numbered { .. } => None,
        }
    }
}

impl OutlineLine {
    /// The line's [`LineKey`], `by` bytes further on.
    pub fn key(&self, by: usize) -> LineKey {
        let role = match &self.role {
            &LineRole::Delimiter(d) => RoleKey::Delimiter(d),
            &LineRole::Fence(f) => RoleKey::Fence(f),
            LineRole::Markdown { level, .. } => RoleKey::Markdown { level: *level },
            LineRole::Numbered {
                kind, level, item, ..
            } => RoleKey::Numbered {
                kind: *kind,
                level: *level,
                item: *item,
            },
        };
        LineKey {
            start: self.start + by,
            content_start: self.content.start + by,
            role,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::outline::{TITLE_SEARCH_LINES, outline, outline_of_scan};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "---",
        "...",
        "+++",
        "```",
        "~~~",
        "````",
        "`",
        "    ",
        "``` a`b",
        "# ",
        "## ",
        "#",
        "標題",
        "一、",
        "（一）",
        "1.",
        "1. ",
        "①",
        "第一章",
        "第二節",
        "总则",
        "。",
        "，",
        "手機版",
        " ",
        "\u{3000}",
        "機(jī)",
        "這是正文，寫了很多字。",
        "a",
        "𠮷",
        "\u{feff}",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..160).prop_map(|v| v.concat())
    }

    proptest! {
        /// The language server's way: scans of the paragraphs, shifted and joined, and the
        /// first lines of the text, give the outline of the whole text.
        #[test]
        fn outline_from_paragraph_scans(t in text()) {
            let mut lines = Vec::new();
            for r in crate::analysis::paragraphs(&t) {
                lines.extend(scan(&t[r.clone()]).iter().map(|l| l.shifted(r.start)));
            }
            prop_assert_eq!(&lines, &scan(&t));
            let head_end = t
                .match_indices('\n')
                .nth(TITLE_SEARCH_LINES - 1)
                .map_or(t.len(), |(i, _)| i + 1);
            prop_assert_eq!(outline_of_scan(&lines, &t[..head_end], t.len()), outline(&t));
        }
    }
}
