//! Parts of a text that are code, where an HTML character reference is written on purpose
//! (`&lt;` in a snippet of HTML, `&#96;` inside `<code>`): `garble/html-entity` reports none
//! there.
//!
//! Each is recognised within one line, so that a line's findings do not depend on the lines
//! around it (the language server re-checks only the lines near an edit); fenced code
//! blocks of Markdown files are dropped later, by `analysis::finish` (see [`markdown`]).
//! - Markdown code spans: a run of backticks closed by the next run of the same length on
//!   the line (CommonMark); an unmatched run is a literal backtick;
//! - the HTML elements whose content is code or keyboard text — `<code>`, `<pre>`, `<kbd>`,
//!   `<samp>`, `<tt>`, `<var>`, `<xmp>`, `<script>`, `<style>` — from the opening tag to the
//!   matching closing tag on the line (ASCII case ignored); an element never closed there
//!   marks nothing;
//! - lines of an indented code block of HTML: indented by four spaces or a tab, holding an
//!   HTML tag and no Han character (Chinese prose is indented too, but it is prose).
//!
//! [`markdown`]: crate::analysis::markdown

use crate::analysis::script::is_han;
use std::ops::Range;

/// Elements whose content is code, keyboard input or sample output.
const CODE_ELEMENTS: &[&str] = &[
    "code", "pre", "kbd", "samp", "tt", "var", "xmp", "script", "style",
];

/// Byte ranges of `text` that are code, sorted and merged (not overlapping), so that
/// `markdown::is_skipped` answers whether an offset lies in one.
pub(crate) fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut all = code_spans(text);
    all.extend(indented_code(text));
    all.extend(code_elements(text));
    all.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for r in all {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Markdown code spans: a backtick run opens one that the next run of the same length on
/// its line closes.
fn code_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while let Some(rel) = memchr::memchr(b'`', &bytes[i..]) {
        let start = i + rel;
        let end = start + bytes[start..].iter().take_while(|&&b| b == b'`').count();
        runs.push(start..end);
        i = end;
    }
    // Which line each run is on, and the next run of the same length (linear, so a line of
    // thousands of unmatched runs stays cheap).
    let breaks: Vec<usize> = memchr::memchr_iter(b'\n', bytes).collect();
    let line_of = |at: usize| breaks.partition_point(|&b| b < at);
    let mut next_same = vec![None; runs.len()];
    let mut last_of_len: std::collections::HashMap<usize, usize> = Default::default();
    for k in (0..runs.len()).rev() {
        next_same[k] = last_of_len.insert(runs[k].len(), k);
    }
    let mut k = 0;
    while k < runs.len() {
        let open = &runs[k];
        match next_same[k].filter(|&m| line_of(runs[m].start) == line_of(open.start)) {
            Some(m) => {
                out.push(open.start..runs[m].end);
                // Runs inside the span are its text; the next span starts after it.
                k = m + 1;
            }
            None => k += 1,
        }
    }
    out
}

/// Lines of an indented code block of HTML: four spaces or a tab, a tag, no Han.
fn indented_code(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.len();
        start = range.end;
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if indented && has_tag(line) && !line.chars().any(is_han) {
            out.push(range);
        }
    }
    out
}

/// Whether `line` holds an HTML tag: `<` or `</` then a letter, and a `>` after it.
fn has_tag(line: &str) -> bool {
    line.match_indices('<').any(|(at, _)| {
        let rest = &line[at + 1..];
        let name = rest.strip_prefix('/').unwrap_or(rest);
        name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.contains('>')
    })
}

/// From each opening tag of a code element to its closing tag.
fn code_elements(text: &str) -> Vec<Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    // Where the line ends on which an element was found unclosed: later openings of it
    // there are unclosed too (keeps a long line of them linear).
    let mut unclosed_until = [0; CODE_ELEMENTS.len()];
    while let Some(rel) = memchr::memchr(b'<', &lower.as_bytes()[from..]) {
        let at = from + rel;
        from = at + 1;
        let rest = &lower[at + 1..];
        let Some(e) = CODE_ELEMENTS.iter().position(|n| {
            rest.starts_with(n)
                && rest[n.len()..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace())
        }) else {
            continue;
        };
        if at < unclosed_until[e] {
            continue;
        }
        let close = format!("</{}>", CODE_ELEMENTS[e]);
        let line_end =
            memchr::memchr(b'\n', &lower.as_bytes()[at..]).map_or(lower.len(), |n| at + n);
        match lower[at..line_end].find(&close) {
            Some(end) => {
                let end = at + end + close.len();
                out.push(at..end);
                from = end;
            }
            None => unclosed_until[e] = line_end,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(text: &str) -> Vec<&str> {
        code_ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn code_spans_pair_runs_of_equal_length() {
        assert_eq!(
            regions("用 `&lt;` 和 ``a ` &gt;`` 表示"),
            ["`&lt;`", "``a ` &gt;``"]
        );
        // Never across a line break: each line is judged alone.
        assert!(regions("`a\n&amp;` b").is_empty());
        // An unmatched run is a literal backtick and opens nothing.
        assert_eq!(regions("`` 甲 `乙` 丙"), ["`乙`"]);
    }

    #[test]
    fn code_elements_and_blocks() {
        assert_eq!(
            regions("例子：<code>&#96;Hello&#96;</code> 后文"),
            ["<code>&#96;Hello&#96;</code>"]
        );
        assert_eq!(
            regions("<PRE class=\"x\">&lt;p&gt;</pre>"),
            ["<PRE class=\"x\">&lt;p&gt;</pre>"]
        );
        assert!(regions("<pre>\n&lt;p&gt;\n</pre>").is_empty());
        assert_eq!(regions("按 <kbd>&lt;</kbd> 键"), ["<kbd>&lt;</kbd>"]);
        // Not an element of code, and an element never closed.
        assert!(regions("<codex>&amp;</codex> <p>&amp;</p> <code>&amp;").is_empty());
        assert_eq!(
            regions("说明：\n\n    <p>&amp;</p>\n    &lt;br&gt;\n\t</div>\n后文\n"),
            ["    <p>&amp;</p>\n", "\t</div>\n"]
        );
        // Indented prose (Chinese paragraphs are indented too) is no code block.
        assert!(regions("\n    &nbsp;&nbsp;第二段正文。\n").is_empty());
    }
}
