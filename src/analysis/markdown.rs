//! Markdown regions that are not prose: YAML/TOML front matter and fenced code blocks.
//! Findings inside them are dropped, so a code sample full of `&amp;` or a `title:` block
//! raise nothing. Line-based and linear; recognises CommonMark fences (``` or ~~~, at most
//! three spaces of indent, closed by a fence of the same character at least as long).

use super::Finding;
use std::ops::Range;

/// File extensions of Markdown (compared ignoring ASCII case).
pub const EXTENSIONS: [&str; 5] = ["md", "markdown", "mdown", "mkd", "mkdn"];

/// Byte ranges of front matter and fenced code blocks, in order, not overlapping. An unclosed
/// fence runs to the end of the text (as CommonMark says).
pub fn skipped_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut lines = LineIter { text, at: 0 };
    if let Some(front) = front_matter(text) {
        out.push(0..front);
        lines.at = front;
    }
    // (fence char, fence length, block start)
    let mut open: Option<(u8, usize, usize)> = None;
    while let Some(line) = lines.next() {
        let content = &text[line.clone()];
        let indent = content.len() - content.trim_start_matches(' ').len();
        let fence = &content[indent..];
        let marker = fence.as_bytes().first().copied();
        let run = match marker {
            Some(c @ (b'`' | b'~')) if indent <= 3 => fence.bytes().take_while(|&b| b == c).count(),
            _ => 0,
        };
        match open {
            None if run >= 3 => {
                let info = &fence[run..];
                // A backtick fence's info string may not contain backticks.
                if marker == Some(b'~') || !info.contains('`') {
                    open = Some((marker.unwrap_or(b'`'), run, line.start));
                }
            }
            Some((c, len, start))
                if marker == Some(c) && run >= len && fence[run..].trim().is_empty() =>
            {
                out.push(start..line.end);
                open = None;
            }
            _ => {}
        }
    }
    if let Some((_, _, start)) = open {
        out.push(start..text.len());
    }
    out
}

/// End of a front-matter block (`---` … `---`/`...`, or `+++` … `+++`) opening the text.
fn front_matter(text: &str) -> Option<usize> {
    let text_start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let mut lines = LineIter {
        text,
        at: text_start,
    };
    let first = lines.next()?;
    let opener = text[first].trim_end();
    if opener != "---" && opener != "+++" {
        return None;
    }
    for line in lines {
        let l = text[line.clone()].trim_end();
        if l == opener || (opener == "---" && l == "...") {
            return Some(line.end);
        }
    }
    None
}

/// Lines including their terminator.
struct LineIter<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for LineIter<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..])
            .map_or(self.text.len(), |i| start + i + 1);
        self.at = end;
        Some(start..end)
    }
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
