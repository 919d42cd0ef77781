//! The title: the first short, title-like line among the first lines of the text, before any
//! heading or body paragraph, that is not page chrome or a byline.

use super::{Line, is_sentence_end, line_at};
use crate::analysis::normalize::strip_annotations;
use crate::analysis::script::{is_han, simplified_char};
use crate::analysis::spam::{boilerplate, layout};
use std::ops::Range;

/// Longest title candidate, in characters (annotations removed).
const MAX_TITLE_CHARS: usize = 60;
/// Title candidates are looked for only among the first lines.
pub const TITLE_SEARCH_LINES: usize = 40;

/// The first title-like line: short, no sentence-final punctuation, not chrome or a byline,
/// before any body paragraph. Looks at the first lines of `head` that start before `before`
/// (the first heading) and outside `skipped` (code blocks, front matter).
pub(super) fn find_title(head: &str, before: usize, skipped: &[Range<usize>]) -> Option<Line> {
    let mut start = 0;
    for raw in head.split_inclusive('\n').take(TITLE_SEARCH_LINES) {
        let line = line_at(raw, start);
        start += raw.len();
        if line.start >= before {
            break;
        }
        if line.content.is_empty() || skipped.iter().any(|r| r.contains(&line.start)) {
            continue;
        }
        let content = strip_annotations(&head[line.content.clone()]);
        let chars = content.chars().count();
        if chars > MAX_TITLE_CHARS {
            // A body paragraph: the title, if any, came before it.
            return None;
        }
        // The chrome detector's own line rule: a page's chrome (跳到主要內容區塊,
        // 查看: 3521|回复: 27) often comes first.
        if boilerplate::is_chrome(&layout::simplified_line(&content), &[]) {
            continue;
        }
        if looks_like_chrome_or_byline(&content) || content.ends_with(is_sentence_end) {
            continue;
        }
        if content.contains(['。', '！', '？']) {
            continue;
        }
        return Some(line);
    }
    None
}

/// Page chrome words (in Simplified; lines are compared through a Simplified copy).
const CHROME_WORDS: &[&str] = &[
    "手机版",
    "电脑版",
    "欢迎",
    "浏览",
    "打印",
    "纠错",
    "扫一扫",
    "收听",
    "分享",
    "登录",
    "注册",
    "首页",
    "返回",
    "字体",
    "关闭",
    "当前位置",
    "您的位置",
    "来源",
    "责任编辑",
    "编辑：",
    "作者：",
    "发布时间",
    "点击",
    "微信",
    "微博",
    "客户端",
    "下载",
    "搜索",
    "导航",
    "上一篇",
    "下一篇",
    "收藏",
    "评论",
    "阅读",
    "版权",
    "网站地图",
    "联系我们",
    "无障碍",
];

/// Organisation suffixes that make a short line a byline (中共安徽省委组织部).
const BYLINE_SUFFIXES: &[&str] = &[
    "部",
    "委",
    "会",
    "局",
    "厅",
    "办",
    "社",
    "报",
    "网",
    "中心",
    "院",
    "校",
    "处",
    "署",
    "室",
    "组",
    "记者",
    "通讯员",
    "评论员",
];

/// Short lines that are page chrome (menus, buttons, counters) or a byline, not a title.
fn looks_like_chrome_or_byline(line: &str) -> bool {
    if !line.chars().any(is_han) {
        return true;
    }
    let simplified: String = line.chars().map(simplified_char).collect();
    if CHROME_WORDS.iter().any(|w| simplified.contains(w)) || simplified.contains('×') {
        return true;
    }
    // 00:00/00:00, 2020-01-01 10:00: mostly digits and separators.
    let digits = line.chars().filter(|c| c.is_ascii_digit()).count();
    if digits * 2 >= line.chars().count() {
        return true;
    }
    let compact: String = simplified.chars().filter(|c| !c.is_whitespace()).collect();
    let short = compact.chars().count() <= 16;
    if short
        && (compact.starts_with("作者")
            || compact.starts_with("来源")
            || compact.starts_with("文/")
            || compact.starts_with("本报")
            || BYLINE_SUFFIXES.iter().any(|s| compact.ends_with(s)))
    {
        return true;
    }
    // Menus: several very short words separated by spaces (共產黨員網 打印 糾錯).
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 3 && words.iter().all(|w| w.chars().count() <= 6)
}
