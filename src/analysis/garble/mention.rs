//! Garbled text that is written about rather than leaked: an article on encodings quotes
//! 「锟斤拷」 or “浣犲ソ” as examples, says a page 显示为烫烫烫, or lists examples in a table row
//! beside the codec that made them (`锟斤拷  UTF-8 → GBK`). Such a run is not damage.
//!
//! A run counts as mentioned when it sits inside quotation marks, or when its sentence names
//! the phenomenon (乱码, 显示为, 编码, a codec name…) within a few characters of it. Callers
//! still flag runs of a line that carries many of them (a page body full of U+FFFD).

use crate::analysis::script::is_han;
use std::ops::Range;

/// How far (in characters, within the sentence) a discussion word may stand from the run.
const NEAR: usize = 16;

/// Words that name the phenomenon or introduce an example of it.
const DISCUSSION_WORDS: &[&str] = &[
    "乱码",
    "亂碼",
    "乱碼",
    "显示为",
    "顯示為",
    "显示成",
    "顯示成",
    "变成",
    "變成",
    "变为",
    "變為",
    "编码",
    "編碼",
    "解码",
    "解碼",
    "字符集",
    "字元集",
    "字节",
    "位元組",
    "替换字符",
    "替換字元",
    "未初始化",
    "俗称",
    "俗稱",
    "所谓",
    "所謂",
    "例如",
    "比如",
    "GBK",
    "GB2312",
    "UTF-8",
    "UTF8",
    "utf-8",
    "Unicode",
    "Big5",
    "U+FFFD",
    "0xFFFD",
    "0xCC",
    "0xCD",
    "EF BF BD",
];

/// Opening and closing quotation marks that set off a quoted example.
const QUOTES: &[(char, char)] = &[
    ('“', '”'),
    ('「', '」'),
    ('『', '』'),
    ('‘', '’'),
    ('"', '"'),
    ('`', '`'),
];

/// How many other characters a quotation may hold beside the run (「乱码“锟斤拷”」 is
/// quoted; a quoted sentence with a run somewhere inside is not).
const QUOTE_SLACK: usize = 4;

/// Whether `text[range]` is quoted or named as an example of garbling.
pub(crate) fn is_mentioned(text: &str, range: Range<usize>) -> bool {
    is_quoted(text, range.clone()) || near_discussion(text, range)
}

/// Whether `text[range]` is quoted and named as an example of garbling: the stricter test
/// for mojibake, which the text may legitimately quote (a garbled title in quotes is still
/// garbled) and whose runs sit in pages about encodings.
pub(crate) fn is_quoted_example(text: &str, range: Range<usize>) -> bool {
    is_quoted(text, range.clone()) && near_discussion(text, range)
}

/// Up to `NEAR` characters before `at` within the same sentence.
fn sentence_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let mut start = at;
    for (n, (i, c)) in head.char_indices().rev().enumerate() {
        if n >= NEAR || matches!(c, '。' | '！' | '？' | '\n' | '!' | '?') {
            break;
        }
        start = i;
    }
    &head[start..]
}

/// Up to `NEAR` characters after `at` within the same sentence.
fn sentence_after(text: &str, at: usize) -> &str {
    let tail = &text[at..];
    let mut end = 0;
    for (n, (i, c)) in tail.char_indices().enumerate() {
        if n >= NEAR || matches!(c, '。' | '！' | '？' | '\n' | '!' | '?') {
            break;
        }
        end = i + c.len_utf8();
    }
    &tail[..end]
}

/// How far back (in bytes) the straight-quote count looks on a long line: far enough for any
/// real line, and it keeps a megabyte line full of quoted runs linear rather than quadratic.
const LINE_LOOKBACK: usize = 4096;

/// The line before `at`, or its last `LINE_LOOKBACK` bytes (from a character boundary).
fn line_before(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(LINE_LOOKBACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..at];
    memchr::memrchr(b'\n', head.as_bytes()).map_or(head, |n| &head[n + 1..])
}

/// The run stands inside a pair of quotation marks that hold little else, and is not glued
/// to a Han character there: a quoted example fills its quotes (“锟斤拷”), while a run that
/// ends a quoted word (“继\u{FFFD}”) replaced part of it.
fn is_quoted(text: &str, range: Range<usize>) -> bool {
    let glued = text[..range.start].chars().next_back().is_some_and(is_han)
        || text[range.end..].chars().next().is_some_and(is_han);
    if glued {
        return false;
    }
    let before = sentence_before(text, range.start);
    let after = sentence_after(text, range.end);
    QUOTES.iter().any(|&(open, close)| {
        let Some(o) = before.rfind(open) else {
            return false;
        };
        // A straight quote opens or closes by its count on the line: after an even number,
        // the run stands between two quoted strings ("a" 屯屯屯 "b"), not inside one.
        if open == close && line_before(text, range.start).matches(open).count() % 2 == 0 {
            return false;
        }
        let inside_before = &before[o + open.len_utf8()..];
        let Some(c) = after.find(close) else {
            return false;
        };
        let inside_after = &after[..c];
        // Nothing but a little slack between the marks and the run, and no other mark.
        let tight =
            |s: &str| s.chars().count() <= QUOTE_SLACK && !s.contains(open) && !s.contains(close);
        tight(inside_before) && tight(inside_after)
    })
}

/// A named example stands apart from the words around it (显示为锟斤拷，…); a run glued
/// between two Han characters replaced part of a word (临����文件), whatever the sentence says.
fn near_discussion(text: &str, range: Range<usize>) -> bool {
    let glued = text[..range.start].chars().next_back().is_some_and(is_han)
        && text[range.end..].chars().next().is_some_and(is_han);
    if glued {
        return false;
    }
    let before = sentence_before(text, range.start);
    let after = sentence_after(text, range.end);
    DISCUSSION_WORDS
        .iter()
        .any(|w| before.contains(w) || after.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentioned(text: &str, run: &str) -> bool {
        let at = text.find(run).expect("run in text");
        is_mentioned(text, at..at + run.len())
    }

    #[test]
    fn quoted_examples_are_mentions() {
        assert!(mentioned("网页上那串「锟斤拷」到底从何而来？", "锟斤拷"));
        assert!(mentioned("调试时看到“烫烫烫烫”就该警惕。", "烫烫烫烫"));
        assert!(mentioned("他把“瑙嗛”贴到群里问是什么字。", "瑙嗛"));
        assert!(!is_quoted_example("他把“瑙嗛”贴到群里问是什么字。", 9..15));
        let text = "常见的乱码如“浣犲ソ”其实是“你好”。";
        let at = text.find("浣犲ソ").unwrap();
        assert!(is_quoted_example(text, at..at + "浣犲ソ".len()));
        assert!(mentioned(
            "標題寫成『\u{FFFD}\u{FFFD}』也沒人發現",
            "\u{FFFD}\u{FFFD}"
        ));
    }

    #[test]
    fn named_phenomenon_makes_a_mention() {
        assert!(mentioned(
            "中文页面显示为锟斤拷锟斤拷，是因为编码不一致",
            "锟斤拷锟斤拷"
        ));
        assert!(mentioned(
            "栈上未初始化的内存在调试版里是屯屯屯。",
            "屯屯屯"
        ));
        assert!(mentioned(
            "屏幕上全是乱码 \u{FFFD}\u{FFFD}\u{FFFD}，重新保存即可",
            "\u{FFFD}\u{FFFD}\u{FFFD}"
        ));
        assert!(mentioned("锟斤拷\tUTF-8 → GBK", "锟斤拷"));
    }

    #[test]
    fn leaked_runs_are_not_mentions() {
        assert!(!mentioned(
            "会议于\u{FFFD}\u{FFFD}月召开，各单位按时报到。",
            "\u{FFFD}\u{FFFD}"
        ));
        assert!(!mentioned("本店新到一批锟斤拷春茶，欢迎选购。", "锟斤拷"));
        // Glued inside a word, even where the sentence gives an example.
        assert!(!mentioned(
            "一些脚本（例如清理临\u{FFFD}\u{FFFD}文件）",
            "\u{FFFD}\u{FFFD}"
        ));
        assert!(!mentioned("典型的编码转换烫烫烫工具", "烫烫烫"));
        // Quotes closed before the run, and a discussion word in another sentence.
        assert!(!mentioned("他说“好”，然后烫烫烫离开了。", "烫烫烫"));
        assert!(!mentioned(
            "书名叫“春天里锟斤拷的一个下午和晚上”吧",
            "锟斤拷"
        ));
        assert!(!mentioned(
            "文件是 UTF-8 的。随后屯屯屯出现在正文里",
            "屯屯屯"
        ));
        // Between two quoted strings, and at the end of a quoted word.
        assert!(!mentioned(
            "复制 \"src\" 屯屯屯屯 \"dst\" 两个目录",
            "屯屯屯屯"
        ));
        assert!(!mentioned("点击“继\u{FFFD}”按钮", "\u{FFFD}"));
        assert!(mentioned("输入 \"锟斤拷\" 查看效果", "锟斤拷"));
    }
}
