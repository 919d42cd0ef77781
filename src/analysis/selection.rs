//! Nested spans around a position, for "expand selection": word (jieba) → clause → sentence
//! → line. The caller adds paragraph and section. Works on one paragraph's text, so its cost
//! does not grow with the document.

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
}
