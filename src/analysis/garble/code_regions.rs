//! Parts of a text that are code, where an HTML character reference is written on purpose
//! (`&lt;` in a snippet of HTML, `&#96;` inside `<code>`): `garble/html-entity` reports none
//! there.
//!
//! Recognised, whatever the kind of file (a plain-text note holds Markdown as often as a
//! `.md` file does):
//! - Markdown code spans: a run of backticks closed by the next run of the same length in
//!   the same paragraph (CommonMark); an unmatched run is a literal backtick;
//! - Markdown fenced code blocks and front matter (as [`markdown::skipped_ranges`]);
//! - Markdown indented code blocks: lines indented by four spaces or a tab after a blank
//!   line, that hold no Han character (Chinese prose is indented too, but it is prose);
//! - the HTML elements whose content is code or keyboard text — `<code>`, `<pre>`, `<kbd>`,
//!   `<samp>`, `<tt>`, `<var>`, `<xmp>`, `<script>`, `<style>` — from the opening tag to the
//!   matching closing tag (ASCII case ignored); an element never closed marks nothing.

use crate::analysis::markdown;
use crate::analysis::script::is_han;
use std::ops::Range;

/// Elements whose content is code, keyboard input or sample output.
const CODE_ELEMENTS: &[&str] = &[
    "code", "pre", "kbd", "samp", "tt", "var", "xmp", "script", "style",
];

/// Byte ranges of `text` that are code, sorted and merged (not overlapping), so that
/// [`markdown::is_skipped`] answers whether an offset lies in one.
pub(crate) fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut all = markdown::skipped_ranges(text);
    all.extend(code_spans(text));
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

/// Markdown code spans: a backtick run opens one that the next run of the same length closes,
/// within the paragraph (a blank line ends it).
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
    // Which paragraph each run is in, and the next run of the same length (linear, so a
    // line of thousands of unmatched runs stays cheap).
    let blank_lines = blank_line_starts(text);
    let paragraph = |at: usize| blank_lines.partition_point(|&b| b < at);
    let mut next_same = vec![None; runs.len()];
    let mut last_of_len: std::collections::HashMap<usize, usize> = Default::default();
    for k in (0..runs.len()).rev() {
        next_same[k] = last_of_len.insert(runs[k].len(), k);
    }
    let mut k = 0;
    while k < runs.len() {
        let open = &runs[k];
        match next_same[k].filter(|&m| paragraph(runs[m].start) == paragraph(open.start)) {
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

/// Start offsets of the blank lines of `text` (empty or only whitespace).
fn blank_line_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() && line.ends_with('\n') {
            out.push(start);
        }
        start += line.len();
    }
    out
}

/// Markdown indented code blocks without Han characters: each line indented by four spaces or
/// a tab, the first after a blank line (or the text's start), the block running on over
/// further indented or blank lines.
fn indented_code(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut after_blank = true;
    let mut in_block = false;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.len();
        start = range.end;
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            after_blank = true;
            continue;
        }
        let indented = content.starts_with("    ") || content.starts_with('\t');
        in_block = indented && (in_block || after_blank) && !content.chars().any(is_han);
        if in_block {
            out.push(range);
        }
        after_blank = false;
    }
    out
}

/// From each opening tag of a code element to its closing tag.
fn code_elements(text: &str) -> Vec<Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    // Elements found never closed after some opening: no later opening closes either.
    let mut unclosed = [false; CODE_ELEMENTS.len()];
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
        if unclosed[e] {
            continue;
        }
        let close = format!("</{}>", CODE_ELEMENTS[e]);
        match lower[at..].find(&close) {
            Some(end) => {
                let end = at + end + close.len();
                out.push(at..end);
                from = end;
            }
            None => unclosed[e] = true,
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
        // Across a line break in one paragraph, but not across a blank line.
        assert_eq!(regions("`a\n&amp;` b"), ["`a\n&amp;`"]);
        assert!(regions("`未闭合\n\n&gt;`").is_empty());
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
            regions("<PRE class=\"x\">&lt;p&gt;\n</pre>"),
            ["<PRE class=\"x\">&lt;p&gt;\n</pre>"]
        );
        assert_eq!(regions("按 <kbd>&lt;</kbd> 键"), ["<kbd>&lt;</kbd>"]);
        // Not an element of code, and an element never closed.
        assert!(regions("<codex>&amp;</codex> <p>&amp;</p> <code>&amp;").is_empty());
        assert_eq!(
            regions("说明：\n\n    <p>&amp;</p>\n    &lt;br&gt;\n后文\n"),
            ["    <p>&amp;</p>\n    &lt;br&gt;\n"]
        );
        // Indented prose (Chinese paragraphs are indented too) is no code block.
        assert!(regions("\n    &nbsp;&nbsp;第二段正文。\n").is_empty());
        assert_eq!(
            regions("```html\n&copy;\n```\n"),
            ["```html\n&copy;\n```\n"]
        );
    }
}
