//! Navigation chrome: breadcrumb trails, home-link trails, a site's menu bar, font-size
//! switches and rows of footer links.

use super::lexicon::{FOOTER_MARKS, SITE_ENDINGS, SIZE_WORDS, TOKENS, UI_MORPHEMES};
use super::{has_sentence_end, is_digitish, is_separator};

/// `首页 > 新闻 > 社会`, `新闻中心 » 地方动态 » 正文`: short segments between two or more
/// breadcrumb arrows, or one arrow after a home link.
pub(super) fn is_breadcrumb(s: &str) -> bool {
    let is_arrow = |c: char| matches!(c, '>' | '»' | '＞' | '›' | '→' | '〉');
    let arrows = s.chars().filter(|&c| is_arrow(c)).count();
    if arrows == 0 || has_sentence_end(s) || s.contains(['，', ',']) {
        return false;
    }
    // `优先顺序：需要 > 重要 > 标准`, `桌面：“设定” → “系统”`: an ordering or a menu path under
    // a label of its own; a trail's only label says where you are (当前位置：).
    if let Some(colon) = s.find(['：', ':'])
        && s[colon..].contains(is_arrow)
        && !["位置", "导航", "栏目"]
            .iter()
            .any(|w| s[..colon].contains(w))
    {
        return false;
    }
    if s.contains(['“', '”', '"', '「', '」']) {
        return false;
    }
    let segments: Vec<&str> = s
        .split(is_arrow)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    // Segments are words (Han or ASCII), not the Latin-1 debris of mojibake (ä»»ç¼).
    let wordy = |t: &str| {
        t.chars().all(|c| {
            crate::analysis::script::is_han(c) || c.is_ascii() || is_separator(c) || is_digitish(c)
        })
    };
    let short = segments.iter().all(|t| t.chars().count() <= 16 && wordy(t));
    let home = ["首页", "网站首页", "主页", "home", "位置"]
        .iter()
        .any(|h| s.contains(h));
    // Real trails are a few levels deep; a long run of `>` is a keyword list.
    short && (2..=MAX_TRAIL_SEGMENTS).contains(&segments.len()) && (arrows >= 2 || home)
}

/// Breadcrumbs and navigation bars have at most this many segments.
const MAX_TRAIL_SEGMENTS: usize = 7;

/// `位置：首页 / 社会民生`, `首页 - 乡村振兴`, `首页 | 财经 | 专题 | 互动交流`: a home link (after
/// an optional `…位置：` label) followed by short segments behind any separator.
pub(super) fn is_home_trail(s: &str) -> bool {
    let mut rest = s;
    if let Some(at) = rest.find("位置")
        && rest[..at].chars().count() <= 6
    {
        rest = rest[at + "位置".len()..].trim_start_matches([' ', '：', ':', '　']);
    } else if let Some(after) = ["当前", "您在", "你在", "导航"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        && after.trim_start().starts_with(['：', ':'])
    {
        // `当前：首页 / 运维教程`: the label without 位置.
        rest = after.trim_start_matches([' ', '：', ':', '　']);
    }
    let Some(after) = ["首页", "网站首页", "主页", "home"]
        .iter()
        .find_map(|h| rest.strip_prefix(h))
    else {
        return false;
    };
    let is_trail_separator = |c: char| {
        matches!(
            c,
            '>' | '»' | '＞' | '›' | '→' | '〉' | '/' | '-' | '|' | '｜' | '·' | '\\'
        )
    };
    if !after.trim_start().starts_with(is_trail_separator)
        || has_sentence_end(s)
        || s.contains(['，', ','])
    {
        return false;
    }
    let segments: Vec<&str> = after
        .split(is_trail_separator)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let wordy = |t: &str| {
        t.chars().count() <= 12
            && t.chars().all(|c| {
                crate::analysis::script::is_han(c) || c.is_ascii_alphanumeric() || c.is_whitespace()
            })
    };
    (1..MAX_TRAIL_SEGMENTS).contains(&segments.len()) && segments.iter().all(|t| wordy(t))
}

/// `某某在线 NEWS ｜ 主页 ｜ 港闻 ｜ 财经 ｜ 科技`, `首页 · 教程 · 问答 · 下载 · 论坛`,
/// `某某法规网 ｜ 法律法规 ｜ 司法解释 ｜ 裁判文书`: a site's menu bar, four or more short
/// section names between pipes or dots, with a home link among them or the site's name
/// first. A table row or a keyword list between pipes has neither.
pub(super) fn is_nav_bar(s: &str) -> bool {
    if has_sentence_end(s) || s.contains(['，', ',', '、', '：']) {
        return false;
    }
    let is_bar = |c: char| matches!(c, '|' | '｜' | '·' | '•' | '・');
    let items: Vec<&str> = s.split(is_bar).map(str::trim).collect();
    if !(4..=12).contains(&items.len()) {
        return false;
    }
    let wordy = |t: &str, max: usize| {
        !t.is_empty()
            && t.chars().count() <= max
            && t.chars().all(|c| {
                crate::analysis::script::is_han(c) || c.is_ascii_alphanumeric() || c == ' '
            })
    };
    let (first, sections) = items.split_first().unwrap_or((&"", &[]));
    if !sections.iter().all(|t| wordy(t, 6)) || !wordy(first, 16) {
        return false;
    }
    let home = |t: &&str| ["首页", "主页", "网站首页", "home"].contains(t);
    // A list of sites (新华网 · 人民网 · 央视网) or of words that end alike is no menu.
    let site_first = first.split(' ').next().is_some_and(|name| {
        SITE_ENDINGS
            .iter()
            .any(|e| name.ends_with(e) && !sections.iter().any(|t| t.ends_with(e)))
    });
    items.iter().any(home) || site_first
}

/// `【大 中 小】`, `[ 大 中 小 ]`, `A- A A+`: three or more size words and nothing else.
pub(super) fn is_font_size_row(s: &str) -> bool {
    let mut sizes = 0;
    for word in s.split(|c: char| is_separator(c)).filter(|w| !w.is_empty()) {
        if !SIZE_WORDS.contains(&word) {
            return false;
        }
        sizes += 1;
    }
    sizes >= 3
}

/// `隐私权政策 | 资讯安全政策 | 政府网站资料开放宣告`: a row of three or more short links between
/// pipes, at least half of which hold a UI or footer word.
pub(super) fn is_link_row(s: &str) -> bool {
    if has_sentence_end(s) || s.contains(['，', ',']) {
        return false;
    }
    let links: Vec<&str> = s
        .split(['|', '｜'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    if links.len() < 2 || links.iter().any(|l| l.chars().count() > 12) {
        return false;
    }
    let ui_word = |l: &str| {
        TOKENS
            .iter()
            .chain(UI_MORPHEMES)
            .chain(FOOTER_MARKS)
            .any(|w| w.chars().count() >= 2 && !w.is_ascii() && l.contains(w))
    };
    let with_ui = links.iter().filter(|l| ui_word(l)).count();
    // Two links (隐私权政策 | 政府网站资料开放宣告) only when both are footer links.
    if links.len() == 2 {
        with_ui == 2
    } else {
        with_ui * 2 >= links.len()
    }
}
