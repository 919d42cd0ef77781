//! Whether one trimmed, Simplified line is page chrome: label-led lines, the rules of the
//! sibling modules, footers, and lines made of buttons, numbers and separators.

use super::banners::{is_page_widget_line, is_today_line, is_welcome_line};
use super::counters::is_counter_line;
use super::footer::{
    has_footer_mark, has_registration_number, is_browser_advice, is_contact_line,
    is_copyright_notice, is_service_line, names_authors,
};
use super::lexicon::{
    COLON_LABELS_SORTED, CONJUNCTIONS, FILLERS_SORTED, FONT_SIZES_SORTED, FOOTER_MARKS,
    LABEL_PREFIXES_SORTED, SECTION_HEADINGS, SITE_ENDINGS, TOKENS_SORTED, UI_MORPHEMES_SORTED,
    longest_at,
};
use super::navigation::{is_breadcrumb, is_font_size_row, is_home_trail, is_link_row, is_nav_bar};
use super::{
    MAX_BUTTON_ROW_CHARS, MAX_CHROME_CHARS, MAX_LABELLED_CHARS, MAX_SITE_NAME_CHARS,
    has_sentence_end, is_digitish, is_separator,
};
use crate::analysis::spam::layout::{is_prose, simplified_line};

/// Whether a trimmed, Simplified line is page chrome. `extra` are configured phrases.
pub fn is_chrome(s: &str, extra: &[String]) -> bool {
    let chars = s.chars().count();
    if chars == 0 || chars > MAX_CHROME_CHARS {
        return false;
    }
    let lower = s.to_lowercase();
    let lead = lower.trim_start_matches(|c: char| is_separator(c) || c == '©');
    if chars <= MAX_LABELLED_CHARS
        && let Some(n) = longest_at(lead, &LABEL_PREFIXES_SORTED)
    {
        // 上一篇：… is a link; 上一篇论文讨论的是…。 is a sentence.
        let after = lead[n..].chars().next();
        if after.is_none_or(|c| is_separator(c) || is_digitish(c)) || !has_sentence_end(s) {
            return true;
        }
    }
    if chars <= MAX_LABELLED_CHARS
        && let Some(n) = longest_at(lead, &COLON_LABELS_SORTED)
        && lead[n..].trim_start().starts_with(['：', ':'])
    {
        return true;
    }
    if is_breadcrumb(lead) || is_home_trail(lead) || is_nav_bar(lead) || is_font_size_row(lead) {
        return true;
    }
    if is_counter_line(lead)
        || is_welcome_line(lead)
        || is_today_line(lead)
        || is_contact_line(lead)
        || is_page_widget_line(lead)
    {
        return true;
    }
    if chars <= MAX_LABELLED_CHARS && (is_browser_advice(&lower) || is_link_row(lead)) {
        return true;
    }
    // A prose sentence may mention 版权所有; a footer line is not a sentence, or it carries
    // an unmistakable registration mark.
    // `copyright` is also an English word in prose (gentoo 的 copyright 文件如下所示：); as a
    // footer it comes with a year, a © or at the head of the line.
    // A notice naming a team or authors (版权 © 2004–2023 某某安装程序团队) is the text's own.
    let registered = ["icp备", "icp证", "公网安备", "备案号"]
        .iter()
        .any(|m| has_registration_number(&lower, m));
    let own_notice = names_authors(&lower) && !registered;
    let copyright_notice = is_copyright_notice(&lower) && !own_notice;
    let footer = copyright_notice
        || (!own_notice
            && FOOTER_MARKS
                .iter()
                .any(|m| *m != "copyright" && has_footer_mark(&lower, m)));
    let registration = copyright_notice
        || registered
        || lower.contains("all rights reserved")
        || (lower.contains('©') && !has_sentence_end(s))
        || (lower.contains("标识码") && lower.contains(|c: char| c.is_ascii_digit()));
    if footer
        && (registration
            || !is_prose(s)
            || (lead.starts_with("版权")
                && !["版权所有者", "版权所有人", "版权人", "版权方"]
                    .iter()
                    .any(|w| lead.starts_with(w))))
    {
        return true;
    }
    let extra: Vec<String> = extra
        .iter()
        .map(|p| simplified_line(p).to_lowercase())
        .filter(|p| !p.is_empty())
        .collect();
    // Breadcrumbs: 首页 > 新闻 > 社会.
    if chars <= MAX_LABELLED_CHARS
        && ["首页", "网站首页", "主页", "home"]
            .iter()
            .any(|h| lead.starts_with(h))
        && lead.contains(['>', '»', '＞', '›'])
        && !lead.contains('<')
    {
        return true;
    }
    if extra.iter().any(|p| lead.starts_with(p.as_str())) {
        return true;
    }
    // A manual's or man page's section heading alone on its line (版权, 声明) is no button.
    if SECTION_HEADINGS.contains(&lead.trim_end_matches(|c: char| is_separator(c) || c == '：')) {
        return false;
    }
    is_made_of_tokens(&lower, &extra)
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

/// Chrome so marked by its structure (a label with a colon, brackets, pipes, arrows, a
/// copyright sign) that it is recognised even between the first or last body lines, where
/// scrapers also leave it: `登录 | 注册`, `【打印】【关闭】`, `当前位置：首页 > 财经`.
pub fn is_marked_chrome(s: &str, extra: &[String]) -> bool {
    s.contains(['|', '｜', '【', '[', '>', '»', '：', ':', '©'])
        && !has_sentence_end(s)
        && !s.contains(['，', ','])
        // Among body lines, a line of addresses and phone numbers is the text's own contact
        // (一、联系方式 … 电话：…), not a footer.
        && !(is_contact_line(s) && !is_service_line(s))
        && is_chrome(s, extra)
}

/// Whether `s` starts with an outline number: `7.3.`, `4.2 `, `3、`, `１．`.
fn is_outline_number(s: &str) -> bool {
    let number: String = s
        .chars()
        .take_while(|&c| is_digitish(c) || matches!(c, '.' | '．' | '、'))
        .collect();
    number.starts_with(is_digitish) && number.contains(['.', '．', '、'])
}

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
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let word_start = !prev.is_some_and(|p| p.is_ascii_alphanumeric());
        let token = button_at(rest, word_start, extra);
        let filler = longest_at(rest, &FILLERS_SORTED);
        // Sizes count only after 字体 / 字号, so the 中 of 中国新闻网 stays a name.
        let font = longest_at(rest, &FONT_SIZES_SORTED).filter(|_| font_label);
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
            }
            None => {
                if remainder_start.is_none() {
                    remainder_start = Some(rest);
                    remainder_len = 0;
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
