//! Nested spans around a position, for "expand selection": word (jieba) → clause → sentence
//! → line, within one paragraph's text, so the cost does not grow with the document; and the
//! blank-line paragraph around a position. The caller adds sections.

use super::segment;
use std::ops::Range;

/// Ends a sentence (the mark stays with the sentence, as do closing quotes after it).
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '；' | ';')
}

/// Ends a clause.
fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, '，' | '、' | '：' | ',' | ':')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '」' | '』' | '”' | '’' | '）' | ')' | '》' | '〉' | '】' | '"' | '\''
    )
}

/// The span in `line` around `at` delimited by characters for which `ends` holds, trimmed of
/// surrounding whitespace.
fn delimited(line: &str, at: usize, ends: fn(char) -> bool) -> Range<usize> {
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !ends(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if ends(next) || is_closing(next) {
                end = j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if at < end {
            return trim(line, start..end);
        }
        start = end;
    }
    trim(line, start..line.len())
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// Spans of `paragraph` containing byte `at`, innermost first, each strictly larger than the
/// one before: word, clause, sentence, line. `at` is clamped to a character boundary.
pub fn nested_spans(paragraph: &str, at: usize) -> Vec<Range<usize>> {
    let mut at = at.min(paragraph.len());
    while !paragraph.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = paragraph[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = paragraph[at..]
        .find('\n')
        .map_or(paragraph.len(), |i| at + i);
    let line = &paragraph[line_start..line_end];
    let in_line = at - line_start;
    let shift = |r: Range<usize>| r.start + line_start..r.end + line_start;

    let sentence = delimited(line, in_line, ends_sentence);
    let clause_in = &line[sentence.clone()];
    let clause = delimited(
        clause_in,
        in_line.saturating_sub(sentence.start),
        ends_clause,
    );
    let clause = clause.start + sentence.start..clause.end + sentence.start;
    let clause_text = &line[clause.clone()];
    let in_clause = in_line.saturating_sub(clause.start);
    let word = segment::words(clause_text)
        .into_iter()
        .find(|w| w.start <= in_clause && in_clause < w.end)
        .map(|w| w.start + clause.start..w.end + clause.start);

    let mut out: Vec<Range<usize>> = Vec::new();
    for r in [
        word,
        Some(clause),
        Some(sentence),
        Some(trim(line, 0..line.len())),
    ]
    .into_iter()
    .flatten()
    {
        let r = shift(r);
        let grows = out
            .last()
            .is_none_or(|last| r.start <= last.start && last.end <= r.end && r != *last);
        if !r.is_empty() && grows && r.start <= at && at <= r.end {
            out.push(r);
        }
    }
    out
}

/// The paragraph holding `at`: from a non-blank line after a blank one (or the text's start)
/// up to the next such line, so with its trailing blank lines. Not the analysis' pieces,
/// which may cut a paragraph between any two lines.
pub fn paragraph_around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let line_start = |i: usize| memchr::memrchr(b'\n', &bytes[..i]).map_or(0, |n| n + 1);
    let line_end = |i: usize| memchr::memchr(b'\n', &bytes[i..]).map_or(text.len(), |n| i + n + 1);
    let blank = |r: Range<usize>| text[r].trim().is_empty();
    let mut start = line_start(at.min(text.len()));
    while start > 0 {
        let before = line_start(start - 1);
        if blank(before..start) && !blank(start..line_end(start)) {
            break;
        }
        start = before;
    }
    let mut end = line_end(start);
    let mut last_blank = blank(start..end);
    while end < text.len() && end <= at {
        let next = line_end(end);
        last_blank = blank(end..next);
        end = next;
    }
    while end < text.len() {
        let next = line_end(end);
        let next_blank = blank(end..next);
        if last_blank && !next_blank {
            break;
        }
        last_blank = next_blank;
        end = next;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, needle: &str) -> Vec<String> {
        let at = text.find(needle).unwrap();
        nested_spans(text, at)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn word_clause_sentence_line() {
        let text = "第一句。加強基層黨組織建設，推進「三會一課」。\n第二行";
        assert_eq!(
            spans(text, "黨"),
            [
                "黨組織",
                "加強基層黨組織建設，",
                "加強基層黨組織建設，推進「三會一課」。",
                "第一句。加強基層黨組織建設，推進「三會一課」。"
            ]
        );
        assert_eq!(
            spans(text, "二"),
            ["第二行"],
            "one word, one line: no repeats"
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in ["", "\n", "。。。", "a𠮷b\r\n", "  "] {
            for at in 0..=text.len() + 1 {
                let _ = nested_spans(text, at);
            }
        }
    }

    /// Paragraphs as runs of lines separated by blank lines, each with its trailing blank
    /// lines (the plain definition, line by line).
    fn blank_line_paragraphs(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let (mut start, mut at, mut in_blank_run) = (0, 0, false);
        for line in text.split_inclusive('\n') {
            let blank = line.trim().is_empty();
            if !blank && in_blank_run && at > start {
                out.push(start..at);
                start = at;
            }
            in_blank_run = blank;
            at += line.len();
        }
        out.push(start..at);
        out
    }

    proptest::proptest! {
        #[test]
        fn paragraph_around_is_the_blank_line_paragraph(
            lines in proptest::collection::vec("(|[a-c]{1,3}| |[a-c]\r)", 0..30),
            last_break in proptest::bool::ANY,
        ) {
            let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            if !last_break {
                text.pop();
            }
            for p in blank_line_paragraphs(&text) {
                for at in p.clone() {
                    proptest::prop_assert_eq!(paragraph_around(&text, at), p.clone(), "at {}", at);
                }
            }
            let end = text.len();
            let last = blank_line_paragraphs(&text).pop().unwrap();
            proptest::prop_assert_eq!(paragraph_around(&text, end), last);
        }
    }
}
