//! Markdown regions that are not prose: YAML/TOML front matter and fenced code blocks.
//! Findings inside them are dropped, so a code sample full of `&amp;` or a `title:` block
//! raise nothing, and the outline takes no heading from them.
//!
//! The one place they are recognised, in two steps both users share: [`classify`] says what
//! a line is on its own (so a text cut at line starts classifies piece by piece, as the
//! language server's outline does), and [`blocks`] pairs the classified lines of a text into
//! blocks. [`skipped_ranges`] turns those into byte ranges for the detectors;
//! `outline::flat_outline` skips the scanned lines inside them.
//!
//! The rules: CommonMark fences (three or more ``` or ~~~ after at most three spaces of
//! indent; a backtick fence's info string has no backtick; closed by a fence of the same
//! character at least as long with nothing after it; unclosed, one runs to the end of the
//! text); front matter is `---` … `---`/`...` or `+++` … `+++` opening the text (after a BOM
//! if any), unindented, and is none when it is not closed. Fences inside list items or block
//! quotes, and indented code blocks, are not recognised. Line-based and linear.

use super::Finding;
use std::ops::Range;

/// File extensions of Markdown (compared ignoring ASCII case).
pub const EXTENSIONS: [&str; 5] = ["md", "markdown", "mdown", "mkd", "mkdn"];

/// What a line can be to a front-matter or fenced block, judged on the line alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockLine {
    Delimiter(Delimiter),
    Fence(Fence),
}

/// A line that is exactly a front-matter delimiter (trailing blanks allowed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    /// `---`: opens and closes YAML front matter.
    Dashes,
    /// `+++`: opens and closes TOML front matter.
    Pluses,
    /// `...`: closes YAML front matter.
    Dots,
}

/// A code fence: three or more backticks or tildes after at most three spaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fence {
    /// `` b'`' `` or `b'~'`.
    pub marker: u8,
    /// How many markers (at least 3).
    pub run: usize,
    /// Can open a block: a tilde fence, or a backtick fence whose info string has no backtick.
    pub opens: bool,
    /// Can close a block: nothing but blanks after the markers.
    pub closes: bool,
}

/// What `line` (with or without its line break) is to front matter and fences, if anything.
/// A leading BOM is ignored.
pub fn classify(line: &str) -> Option<BlockLine> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let delimiter = match line.trim_end() {
        "---" => Some(Delimiter::Dashes),
        "+++" => Some(Delimiter::Pluses),
        "..." => Some(Delimiter::Dots),
        _ => None,
    };
    if let Some(d) = delimiter {
        return Some(BlockLine::Delimiter(d));
    }
    let fence = line.trim_start_matches(' ');
    if line.len() - fence.len() > 3 {
        return None;
    }
    let marker = *fence.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let run = fence.bytes().take_while(|&b| b == marker).count();
    if run < 3 {
        return None;
    }
    let info = &fence[run..];
    Some(BlockLine::Fence(Fence {
        marker,
        run,
        opens: marker == b'~' || !info.contains('`'),
        closes: info.trim().is_empty(),
    }))
}

/// A front-matter or fenced block: the indices of its opening and closing lines in the
/// slice given to [`blocks`]; `close` is `None` when it runs to the end of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub open: usize,
    pub close: Option<usize>,
}

/// The blocks of a text, in order, not overlapping. `lines` are lines of the text in order;
/// `class(line)` gives a line's start (a byte offset of the text) and what [`classify`]
/// says of it. Lines it says nothing of may be left out of `lines`, or given with `None`.
pub fn blocks<T>(lines: &[T], class: impl Fn(&T) -> Option<(usize, BlockLine)>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut from = 0;
    if let Some((0, BlockLine::Delimiter(opener @ (Delimiter::Dashes | Delimiter::Pluses)))) =
        lines.first().and_then(&class)
    {
        let closes =
            |d: Delimiter| d == opener || (opener, d) == (Delimiter::Dashes, Delimiter::Dots);
        let end = (1..lines.len())
            .find(|&j| matches!(class(&lines[j]), Some((_, BlockLine::Delimiter(d))) if closes(d)));
        if let Some(end) = end {
            out.push(Block {
                open: 0,
                close: Some(end),
            });
            from = end + 1;
        }
    }
    // (its line's index, the opening fence)
    let mut open: Option<(usize, Fence)> = None;
    for (i, line) in lines.iter().enumerate().skip(from) {
        let Some((_, BlockLine::Fence(fence))) = class(line) else {
            continue;
        };
        match open {
            None if fence.opens => open = Some((i, fence)),
            Some((at, opening))
                if fence.marker == opening.marker && fence.run >= opening.run && fence.closes =>
            {
                out.push(Block {
                    open: at,
                    close: Some(i),
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some((at, _)) = open {
        out.push(Block {
            open: at,
            close: None,
        });
    }
    out
}

/// Byte ranges of front matter and fenced code blocks, in order, not overlapping, each from
/// its opening line's start to its closing line's end (the text's end when unclosed).
pub fn skipped_ranges(text: &str) -> Vec<Range<usize>> {
    let mut lines: Vec<(Range<usize>, BlockLine)> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.len();
        start = range.end;
        if let Some(class) = classify(line) {
            lines.push((range, class));
        }
    }
    blocks(&lines, |(range, class)| Some((range.start, *class)))
        .into_iter()
        .map(|b| lines[b.open].0.start..b.close.map_or(text.len(), |c| lines[c].0.end))
        .collect()
}

/// Drops findings that start inside a skipped range. `skipped` must be sorted.
pub fn drop_skipped(findings: &mut Vec<Finding>, skipped: &[Range<usize>]) {
    if skipped.is_empty() {
        return;
    }
    findings.retain(|f| !is_skipped(skipped, f.range.start));
}

/// Whether `offset` lies inside one of the sorted `skipped` ranges.
pub fn is_skipped(skipped: &[Range<usize>], offset: usize) -> bool {
    let i = skipped.partition_point(|r| r.end <= offset);
    skipped.get(i).is_some_and(|r| r.start <= offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skipped(text: &str) -> Vec<&str> {
        skipped_ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_front_matter_and_fences() {
        let text = "---\ntitle: 機(jī)\n---\n正文\n\n```rust\nlet a = \"機(jī)\";\n\n```\n後文\n~~~~\n~~~\n仍是代碼\n~~~~\n";
        assert_eq!(
            skipped(text),
            [
                "---\ntitle: 機(jī)\n---\n",
                "```rust\nlet a = \"機(jī)\";\n\n```\n",
                "~~~~\n~~~\n仍是代碼\n~~~~\n"
            ]
        );
    }

    #[test]
    fn near_misses_are_prose() {
        assert!(skipped("正文\n---\n不是前言\n---\n").is_empty());
        assert!(skipped("``不是圍欄``\n    ```\n縮進四格是代碼塊，不是圍欄\n").is_empty());
        assert_eq!(skipped("```\n未閉合\r\n"), ["```\n未閉合\r\n"]);
        assert_eq!(
            skipped("\u{feff}+++\na = 1\n+++\r\n正文"),
            ["\u{feff}+++\na = 1\n+++\r\n"]
        );
    }

    #[test]
    fn classifies_lines_on_their_own() {
        let fence = |marker, run, opens, closes| {
            Some(BlockLine::Fence(Fence {
                marker,
                run,
                opens,
                closes,
            }))
        };
        assert_eq!(classify("```\n"), fence(b'`', 3, true, true));
        assert_eq!(classify("   ~~~~ 波浪\r\n"), fence(b'~', 4, true, false));
        assert_eq!(classify("  ```rust"), fence(b'`', 3, true, false));
        assert_eq!(classify("``` a`b"), fence(b'`', 3, false, false));
        assert_eq!(classify("~~~ a`b"), fence(b'~', 3, true, false));
        assert_eq!(classify("\u{feff}```"), fence(b'`', 3, true, true));
        for not_a_fence in ["    ```", "\t```", "``", "`代碼`", "\u{3000}```", "a```"] {
            assert_eq!(classify(not_a_fence), None, "{not_a_fence:?}");
        }
        let delimiter = |d| Some(BlockLine::Delimiter(d));
        assert_eq!(classify("---\n"), delimiter(Delimiter::Dashes));
        assert_eq!(classify("+++ \r\n"), delimiter(Delimiter::Pluses));
        assert_eq!(classify("..."), delimiter(Delimiter::Dots));
        assert_eq!(classify("\u{feff}+++"), delimiter(Delimiter::Pluses));
        for not_a_delimiter in [" ---", "----", "--", "+++ a", "…"] {
            assert_eq!(classify(not_a_delimiter), None, "{not_a_delimiter:?}");
        }
    }

    #[test]
    fn fences_per_commonmark() {
        // Up to three spaces of indent, either character; closed by the same character.
        let text = "甲\n   ```\n機(jī)\n  ~~~\n```\n乙\n ~~~~\n丙\n~~~\n ~~~~~ \n丁\n";
        assert_eq!(
            skipped(text),
            ["   ```\n機(jī)\n  ~~~\n```\n", " ~~~~\n丙\n~~~\n ~~~~~ \n"]
        );
        // Four spaces is no fence, and a backtick info string with a backtick opens none.
        assert!(skipped("    ```\n甲\n    ```\n``` a`b\n乙\n").is_empty());
        // Front matter is the first line's only, and `...` closes only YAML.
        assert!(skipped("\n---\na: 1\n---\n").is_empty());
        assert_eq!(skipped("+++\n...\n+++\n正文"), ["+++\n...\n+++\n"]);
        assert_eq!(skipped("---\na: 1\n...\n正文"), ["---\na: 1\n...\n"]);
        // Unclosed front matter is none, so a fence after it still counts.
        assert_eq!(skipped("---\n```\n甲\n"), ["```\n甲\n"]);
    }

    #[test]
    fn drops_findings_inside() {
        let text = "機(jī)\n```\n機(jī)\n```\n";
        let config = crate::analysis::Config::default();
        let mut findings = crate::analysis::check(text, &config);
        assert_eq!(findings.len(), 2);
        drop_skipped(&mut findings, &skipped_ranges(text));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].range, 3..8);
    }

    #[test]
    fn a_markdown_profile_checks_only_the_prose() {
        use crate::analysis::{Profile, TextKind, check_with};
        let text = "+++\ntitle = \"機(jī)\"\n+++\n機(jī)\n```\n機(jī)\n```\n";
        let config = crate::analysis::Config::default();
        let starts = |kind| -> Vec<usize> {
            check_with(text, Profile::new(&config, kind))
                .iter()
                .map(|f| f.range.start)
                .collect()
        };
        assert_eq!(starts(TextKind::Plain).len(), 3);
        assert_eq!(
            starts(TextKind::Markdown),
            [text.find("(jī)\n```").unwrap()]
        );
        assert_eq!(TextKind::of_path("docs/A.MD"), TextKind::Markdown);
        assert_eq!(TextKind::of_path("notes.mkd"), TextKind::Markdown);
        assert_eq!(TextKind::of_path("a.md/readme"), TextKind::Plain);
        assert_eq!(TextKind::of_path("a.txt"), TextKind::Plain);
        assert_eq!(
            TextKind::of_editor_document("markdown", "untitled:1"),
            TextKind::Markdown
        );
    }
}
