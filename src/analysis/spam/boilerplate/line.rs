//! Whether one trimmed, Simplified line is page chrome: label-led lines, the rules of the
//! sibling modules, footers, and lines made of buttons, numbers and separators.

use super::banners::{is_page_widget_line, is_today_line, is_welcome_line};
use super::counters::is_counter_line;
use super::footer::{
    has_footer_mark, has_registration_number, is_browser_advice, is_contact_line,
    is_copyright_notice, is_service_line, names_authors,
};
use super::lexicon::{
    COLON_LABELS_SORTED, EDITION_HEADINGS, FOOTER_MARKS, LABEL_PREFIXES_SORTED, SECTION_HEADINGS,
    longest_at,
};
use super::navigation::{is_breadcrumb, is_font_size_row, is_home_trail, is_link_row, is_nav_bar};
use super::tokens::is_made_of_tokens;
use super::{MAX_CHROME_CHARS, MAX_LABELLED_CHARS, has_sentence_end, is_digitish, is_separator};
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
    // A manual's or man page's section heading alone on its line (版权, 声明), or an
    // edition's (【原文】, 【点评】), is no button.
    let heading = lead.trim_end_matches(|c: char| is_separator(c) || c == '：');
    if SECTION_HEADINGS.contains(&heading) || EDITION_HEADINGS.contains(&heading) {
        return false;
    }
    is_made_of_tokens(&lower, &extra)
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
