//! Whether a line is made of buttons, numbers and separators (`只看该作者 回复 引用 举报`,
//! `字体：大 中 小`): what page widgets and link rows are built from.
//!
//! Buttons are labels set apart from each other; a button word inside a clause is a word of
//! prose: one followed by an aspect particle (工厂关闭了, 打印过), or words glued between two
//! buttons (打印机关闭, 评论已关闭) make the line a sentence, whatever else it holds.

use super::lexicon::{
    ASPECT_PARTICLES, CONJUNCTIONS, FILLERS_SORTED, FONT_SIZES_SORTED, SITE_ENDINGS, TOKENS_SORTED,
    UI_MORPHEMES_SORTED, longest_at,
};
use super::{MAX_BUTTON_ROW_CHARS, MAX_SITE_NAME_CHARS, is_digitish, is_separator};
use crate::analysis::script::is_han;

/// Buttons, numbers and separators only, plus at most one site name beside a button; or
/// mostly buttons, with only short leftovers (只看 该作者, 回复 引用 举报 #3楼).
pub(super) fn is_made_of_tokens(s: &str, extra: &[String]) -> bool {
    let mut rest = s;
    let mut buttons = 0;
    let mut button_chars = 0;
    let mut font_label = false;
    let mut digit_groups = 0;
    let mut digit_chars = 0;
    let mut remainders: Vec<&str> = Vec::new();
    let mut remainder_start: Option<&str> = None;
    let mut remainder_len = 0;
    // Whether the last step was a button, and whether a remainder follows one directly.
    let mut after_button = false;
    let mut remainder_after_button = false;
    let mut in_clause = false;
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let word_start = !prev.is_some_and(|p| p.is_ascii_alphanumeric());
        let token = button_at(rest, word_start, extra);
        let filler = longest_at(rest, &FILLERS_SORTED);
        // Sizes count only after 字体 / 字号, so the 中 of 中国新闻网 stays a name.
        let font = longest_at(rest, &FONT_SIZES_SORTED).filter(|_| font_label);
        let mut is_button = false;
        let step = if is_separator(c) || c == '©' {
            Some(c.len_utf8())
        } else if is_digitish(c) {
            let n: usize = rest
                .chars()
                .take_while(|&d| is_digitish(d) || matches!(d, ':' | '/' | '.'))
                .map(char::len_utf8)
                .sum();
            digit_groups += 1;
            digit_chars += rest[..n].chars().filter(|&d| is_digitish(d)).count();
            Some(n)
        } else if let Some(n) = token.filter(|&n| Some(n) >= font && Some(n) >= filler) {
            let word = &rest[..n];
            // Words glued between two buttons: 打印机关闭, 评论已关闭.
            in_clause |= remainder_after_button
                && remainder_start.is_some_and(|r| r[..remainder_len].chars().any(is_han));
            is_button = true;
            font_label |= matches!(
                word,
                "字体" | "字号" | "字级" | "字型" | "字型大小" | "字体大小" | "字号大小"
            );
            buttons += 1;
            button_chars += word.chars().count();
            Some(n)
        } else if let Some(n) = font {
            Some(n)
        } else {
            filler
        };
        match step {
            Some(n) => {
                if let Some(start) = remainder_start.take() {
                    remainders.push(&start[..remainder_len]);
                }
                prev = rest[..n].chars().last();
                rest = &rest[n..];
                after_button = is_button;
                // A button followed by an aspect particle is a verb: 关闭了.
                in_clause |= is_button && ASPECT_PARTICLES.iter().any(|p| rest.starts_with(p));
            }
            None => {
                if remainder_start.is_none() {
                    remainder_start = Some(rest);
                    remainder_len = 0;
                    remainder_after_button = after_button;
                }
                remainder_len += c.len_utf8();
                prev = Some(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if let Some(start) = remainder_start {
        remainders.push(&start[..remainder_len]);
    }
    if in_clause {
        return false;
    }
    match remainders.as_slice() {
        // `7.3. 登录`, `4、版权`: a manual's numbered heading names one button word.
        [] if buttons == 1 && digit_groups == 1 && is_outline_number(s) => return false,
        [] if buttons > 0 => return true,
        // Digit-only junk such as `1 1 1`; a lone number is often a section number.
        [] => return digit_groups >= 2 && digit_chars <= 12,
        [site]
            if buttons > 0
                && site.chars().count() <= MAX_SITE_NAME_CHARS
                && SITE_ENDINGS.iter().any(|e| site.ends_with(e)) =>
        {
            return true;
        }
        _ => {}
    }
    // Mostly buttons: a row of UI words with a few short names or counts between them. A
    // conjunction between them (播放(或者 播放/暂停）) makes it a sentence about the buttons.
    if remainders.iter().any(|r| CONJUNCTIONS.contains(&r.trim())) {
        return false;
    }
    let leftover: usize = remainders.iter().map(|r| r.chars().count()).sum();
    buttons >= 2
        && remainders.iter().all(|r| r.chars().count() <= 4)
        && leftover <= button_chars
        && s.chars().count() <= MAX_BUTTON_ROW_CHARS
        && !s.contains(['。', '！', '？', '，', '!', '?'])
}

/// The longest button at the start of `rest`; ASCII words (app, line, qq) only as whole
/// words, so `online` holds no `line`.
fn button_at(rest: &str, word_start: bool, extra: &[String]) -> Option<usize> {
    longest_at(rest, &TOKENS_SORTED)
        .into_iter()
        .chain(longest_at(rest, &UI_MORPHEMES_SORTED))
        .chain(
            extra
                .iter()
                .filter(|p| rest.starts_with(p.as_str()))
                .map(|p| p.len()),
        )
        .filter(|&n| {
            let ascii = rest.as_bytes()[0].is_ascii_alphanumeric();
            !ascii
                || (word_start
                    && !rest[n..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric()))
        })
        .max()
}

/// Whether `s` starts with an outline number: `7.3.`, `4.2 `, `3、`, `１．`.
fn is_outline_number(s: &str) -> bool {
    let number: String = s
        .chars()
        .take_while(|&c| is_digitish(c) || matches!(c, '.' | '．' | '、'))
        .collect();
    number.starts_with(is_digitish) && number.contains(['.', '．', '、'])
}
