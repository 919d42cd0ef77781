//! `spam/appended-list`: a list of short keywords appended after the body by SEO farms,
//! `夏河县| 芒康县| 科技| 尉犁县| …`, `本文关键词：…`, `热门城市：…`.
//!
//! Only the tail of the document is considered: list lines after the last prose line (or the
//! rest of the last prose line after its final sentence end), with nothing but chrome,
//! metadata or blank lines after them. A run fires when it has enough short items and they
//! look like SEO fodder: place names (jieba `ns`, or 县/市/区… suffixes), portal topic words,
//! characters of the other script than the body's, or pipe separators. A known SEO label
//! (本文关键词, 热门城市) is enough on its own. Lists inside the body, names in a sentence,
//! Markdown lists and tables are left alone.

use super::layout::{Excerpt, Line, ListRun, Plan, Role, is_metadata, is_prose, simplified_line};
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix, Locale};
use crate::analysis::script::{Script, ScriptCounts};
use crate::analysis::segment::tagged_words;
use crate::analysis::summary::SummarisedDocument;
use std::collections::HashMap;

/// Items longer than this are not keywords.
const MAX_ITEM_CHARS: usize = 16;
/// Most items of a keyword list are at most this long.
const SHORT_ITEM_CHARS: usize = 8;
/// Unlabelled lists need at least this many items.
const MIN_ITEMS: usize = 5;

/// Labels that announce an SEO keyword block.
const SEO_LABELS: &[&str] = &[
    "本文关键词",
    "本文关键字",
    "热门城市",
    "热门搜索",
    "相关搜索",
    "热门关键词",
    "热搜词",
    "热搜",
    "地区导航",
    "服务区域",
    "热门标签",
    "城市分站",
    "分站导航",
    "热门地区",
    "服务城市",
    "服务地区",
    "服务范围",
    "覆盖城市",
    "友情链接",
    "热门专题",
    "相关专题",
    "热门推荐",
    "热门关键字",
];
/// Heads that papers also put above their abstract (关键词：经济增长；人力资本；制度).
const KEYWORD_LABELS: &[&str] = &["关键词", "关键字", "keywords", "keyword", "key words"];
/// How the heads of SEO blocks end, whatever comes before (大家都在搜, 推荐专题, 站点导航,
/// TAG标签, 附近城市): tag-like ends and place-like ends.
const TAG_LABEL_ENDINGS: &[&str] = &[
    "标签", "专题", "导航", "热词", "站群", "推荐", "分类", "tag", "tags",
];
const SEO_LABEL_ENDINGS: &[&str] = &["城市", "地区", "区域", "分站", "县市", "热搜"];
/// Labels that a real blog also uses for a few tags.
const TAG_LABELS: &[&str] = &[
    "标签",
    "本文标签",
    "文章标签",
    "tags",
    "tag",
    "相关标签",
    "推荐阅读",
    "相关阅读",
    "延伸阅读",
    "猜你喜欢",
    "热门推荐",
    "相关推荐",
    "热门阅读",
    "热点推荐",
    "精彩推荐",
];

/// Topic words of portal navigation bars, appended to pages as keyword fodder.
const TOPIC_WORDS: &[&str] = &[
    "科技",
    "财经",
    "游戏",
    "页游",
    "手游",
    "网游",
    "城市",
    "娱乐",
    "体育",
    "汽车",
    "房产",
    "教育",
    "健康",
    "旅游",
    "时尚",
    "军事",
    "历史",
    "文化",
    "美食",
    "母婴",
    "女性",
    "星座",
    "彩票",
    "股票",
    "基金",
    "理财",
    "小说",
    "视频",
    "图片",
    "音乐",
    "新闻",
    "社会",
    "国际",
    "国内",
    "本地",
    "生活",
    "家居",
    "数码",
    "手机",
    "电脑",
    "动漫",
    "影视",
    "综艺",
    "明星",
    "育儿",
    "读书",
    "公益",
    "招聘",
    "二手",
    "论坛",
    "博客",
    "通道",
    "资讯",
    "热点",
    "专题",
    "直播",
    "电影",
    "电视剧",
    "高考",
    "考研",
    "留学",
    "养生",
    "情感",
    "搞笑",
    "宠物",
    "装修",
    "商业",
    "经济",
    "政务",
    "法治",
    "通信",
    "互联网",
    "创业",
    "家电",
    "酒店",
    "航空",
    "港股",
    "美股",
    "期货",
    "外汇",
    "黄金",
    "保险",
    "银行",
    "科普",
    "农业",
    "环保",
    "能源",
    "时政",
    // Categories of legal and web-hosting portals.
    "百科",
    "快讯",
    "源码",
    "域名",
    "主机",
    "建站",
    "云服务器",
    "软件下载",
    "债务",
    "合同纠纷",
    "刑事",
    "民事",
    "法律",
    "律师",
    "vps",
];

/// Last characters of administrative place names.
const PLACE_SUFFIXES: &[char] = &['县', '市', '区', '旗', '州', '镇', '省', '盟', '乡'];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    None,
    Seo,
    /// 关键词 / Keywords: an abstract's three to five keywords, or an SEO block.
    Keywords,
    Tags,
    /// Some other short head (`周边地区：`, `【分站】`): judged on its items like no label.
    Other,
}

/// How the name of a local portal or service page ends (北京人才网, 上海分站, 天涯论坛).
const SITE_SUFFIXES: &[&str] = &[
    "网",
    "站",
    "论坛",
    "社区",
    "频道",
    "门户",
    "信息港",
    "黄页",
    "招聘",
    "人才网",
    "房产",
    "租房",
    "二手房",
    "天气",
    "新闻",
    "热线",
    "之家",
    "在线",
    "吧",
    "官网",
    "分站",
    "网站",
];

/// A line that is made of short items only (in Simplified script).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListLine {
    pub items: Vec<String>,
    pub label: Label,
    pub pipes: usize,
    /// Written in the other script than the document's body.
    pub script_mismatch: bool,
    /// Its items are separated mostly by commas (，, 、) as a sentence's would be.
    pub comma_separated: bool,
    /// Marked up as generators do and prose does not: decorative separators (┆ ⋄ ▸ 『』),
    /// enumerators before items (`(1)`, `①`) or hit counts after them (`(353)`).
    pub decorated: bool,
    /// Its items are numbered (`1、`, `(2)`, `③`): a procedure's steps are too.
    pub enumerated: bool,
}

fn is_topic(item: &str) -> bool {
    TOPIC_WORDS.iter().any(|t| t.eq_ignore_ascii_case(item))
}

fn has_place_suffix(item: &str) -> bool {
    let n = item.chars().count();
    (2..=MAX_ITEM_CHARS).contains(&n) && item.ends_with(PLACE_SUFFIXES) && item.chars().all(is_cjk)
}

fn is_cjk(c: char) -> bool {
    crate::analysis::script::is_han(c)
}

fn is_pipe(c: char) -> bool {
    matches!(c, '|' | '｜' | '¦')
}

/// Anything a generated list puts between its items: pipes, slashes, bullets, commas,
/// brackets, whitespace of any width.
fn is_item_separator(c: char) -> bool {
    c.is_whitespace()
        || is_pipe(c)
        || matches!(
            c,
            '、' | '/'
                | '／'
                | '·'
                | '•'
                | '▪'
                | '◆'
                | '◇'
                | '●'
                | '○'
                | '■'
                | '□'
                | '★'
                | '☆'
                | '丨'
                | '，'
                | ','
                | '；'
                | ';'
                | '['
                | ']'
                | '【'
                | '】'
                | '「'
                | '」'
                | '〔'
                | '〕'
                // Arrows and middle dots of generated directories (地区 > 县 > 县).
                | '>'
                | '＞'
                | '»'
                | '›'
                | '→'
                | '・'
                | '‖'
                | '▏'
                // Vertical bars and stars of other blocks (〡 is a Suzhou numeral drawn as a
                // bar), tildes, angle brackets and the wrappers of generated tag rows.
                | '〡'
                | '∣'
                | '＊'
                | '~'
                | '～'
                | '<'
                | '＜'
                | '〈'
                | '〉'
                // Lozenges, dotted bars, triangles, bullseyes and corner brackets of the
                // directories keyword farms print (吉州区 ⋄ 新津区, 『惠水县』　『源城区』).
                | '⋄'
                | '◊'
                | '┆'
                | '┊'
                | '▸'
                | '▹'
                | '►'
                | '▶'
                | '▼'
                | '◎'
                | '◈'
                | '♦'
                | '❖'
                | '『'
                | '』'
                | '〖'
                | '〗'
                | '＋'
                | '│'
                | '┃'
                | '╎'
        )
        || is_circled_number(c)
}

/// `[更多]`, `[+更多]`, `更多>>`, `查看全部 ›`: the link that closes a generated row.
fn is_closing_link(item: &str) -> bool {
    matches!(item, "更多" | "+更多" | "查看全部" | "查看更多")
}

/// Separators that only generated rows use: prose and hand-made lists separate with commas,
/// 、, spaces, slashes, middle dots and arrows.
fn is_decorative_separator(c: char) -> bool {
    is_item_separator(c)
        && !c.is_whitespace()
        && !matches!(
            c,
            '、' | '，'
                | ','
                | '；'
                | ';'
                | '/'
                | '／'
                | '·'
                | '・'
                | '>'
                | '＞'
                | '»'
                | '›'
                | '→'
                | '<'
                | '＜'
                | '〈'
                | '〉'
                | '['
                | ']'
                | '「'
                | '」'
        )
}

/// ① … ⑳, ⑴ … ⒇, ⒈ … ⒛: enumerators a generated row puts before each item.
fn is_circled_number(c: char) -> bool {
    matches!(c, '\u{2460}'..='\u{249B}')
}

/// An item without what generators wrap around the keyword: a hit count after it (江油市(393),
/// 魏县（128）) and an inline enumerator before it (1、, 2.).
fn bare_item(item: &str) -> &str {
    let mut t = item;
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = t.strip_suffix(close)
            && let Some(at) = inner.rfind(open)
            && at > 0
            && inner[at + open.len_utf8()..]
                .chars()
                .all(|c| c.is_ascii_digit())
            && inner.len() > at + open.len_utf8()
        {
            t = &inner[..at];
        }
    }
    if let Some(rest) = strip_paren_enumerator(t) {
        t = rest;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < t.len() && t[digits..].starts_with(['、', '.']) {
        let rest = &t[digits..];
        let mark = rest.chars().next().map_or(0, char::len_utf8);
        t = &rest[mark..];
    }
    t
}

/// `(12)江岸区` → `江岸区`: a parenthesised enumerator before an item (ASCII digits only).
fn strip_paren_enumerator(item: &str) -> Option<&str> {
    let rest = item.strip_prefix(['(', '（'])?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let after = rest[digits..].strip_prefix([')', '）'])?;
    (!after.is_empty()).then_some(after)
}

/// How many items of `s` open with a parenthesised enumerator (`(1)峡江县 / (2)陕西省`).
fn paren_enumerators(s: &str) -> usize {
    s.split(is_item_separator)
        .filter(|t| strip_paren_enumerator(t).is_some())
        .count()
}

/// `减肥_滨江区_外汇`: underscores between non-ASCII characters separate items; in `pg_ctl`
/// they are part of a name.
fn underscores_as_separators(s: &str) -> Option<String> {
    if !s.contains('_') {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let between_han = chars.iter().enumerate().all(|(i, &c)| {
        c != '_'
            || (i > 0
                && !chars[i - 1].is_ascii()
                && chars.get(i + 1).is_some_and(|n| !n.is_ascii()))
    });
    between_han.then(|| s.replace('_', " "))
}

/// How many inline enumerators (`2、`, `3.`) follow a space: `1、双柏街道 2、大观镇 3、…` is one
/// generated row, not a numbered paragraph.
fn inline_enumerators(s: &str) -> usize {
    let b = s.as_bytes();
    (1..b.len())
        .filter(|&i| {
            b[i].is_ascii_digit() && b[i - 1] == b' ' && {
                let d = b[i..].iter().take_while(|x| x.is_ascii_digit()).count();
                // `2、`, or `2.` before a Han item (not a version or section, 2.3).
                s[i + d..].starts_with('、')
                    || s[i + d..]
                        .strip_prefix('.')
                        .and_then(|r| r.chars().next())
                        .is_some_and(crate::analysis::script::is_han)
            }
        })
        .count()
}

/// Markdown list items and table rows, enumerated headings and the like.
fn is_structured(s: &str) -> bool {
    if s.starts_with(['|', '-', '*', '+', '>', '#', '`']) {
        return true;
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && s[digits..].starts_with(['.', '、', ')', '）']) {
        return true;
    }
    let numerals = s
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    (numerals > 0 && s.chars().nth(numerals) == Some('、')) || s.starts_with(['（', '('])
}

/// Characters that continue a sentence after a head word (热门城市的房价…).
fn is_function_start(c: char) -> bool {
    "的了和与及在是为对把被从向或等也都就又而且并之有".contains(c)
}

/// Splits off a `标签：` style label: `(label kind, rest)`; `None` when the line has another
/// label (`参会单位：…` is content).
fn split_label(s: &str) -> Option<(Label, &str)> {
    let colon = s
        .char_indices()
        .take(13)
        .find(|&(_, c)| c == '：' || c == ':')
        .map(|(at, c)| (at, c.len_utf8()))
        .or_else(|| {
            // `【热门城市】北京 上海`, `[热词]小说 考研`: a bracketed head without a colon.
            let (open, close) = if s.starts_with('【') {
                ('【', '】')
            } else {
                ('[', ']')
            };
            let inner = s.strip_prefix(open)?;
            let at = inner.char_indices().take(12).find(|&(_, c)| c == close)?.0;
            Some((at + open.len_utf8(), close.len_utf8()))
        });
    let Some((at, colon_len)) = colon else {
        // `热门地区彩票预测 ★ 星座运势`, `热门推荐 >>鹤岗市婚纱摄影`: an SEO head glued to its
        // first item, without a colon.
        let glued = SEO_LABELS
            .iter()
            .filter(|l| l.chars().count() >= 4)
            .find(|l| s.starts_with(**l));
        if let Some(head) = glued {
            let rest = s[head.len()..].trim_start_matches([' ', '>', '＞', '»']);
            if !rest.is_empty() && !rest.starts_with(is_function_start) {
                return Some((Label::Seo, rest));
            }
        }
        return Some((Label::None, s));
    };
    let label = s[..at]
        .trim()
        .trim_start_matches(['【', '['])
        .trim_end_matches(['】', ']']);
    let label = label.to_lowercase();
    let rest = &s[at + colon_len..];
    // 城市分站, 本站分站, 各地分站: sub-site directories are SEO fodder under any name.
    let sub_sites = label.ends_with("分站") && label.chars().count() <= 6;
    let short_head = label.chars().count() <= 8;
    // 大家都在搜, 热门搜寻, 大家也在找: what others searched for.
    let searched = short_head && (label.contains('搜') || label.ends_with("在找"));
    // 附近的律所, 周边的城市: a generated "nearby" head, judged on its items.
    let nearby = short_head && (label.starts_with("附近") || label.starts_with("周边"));
    let ends_with = |ends: &[&str]| short_head && ends.iter().any(|e| label.ends_with(e));
    if SEO_LABELS.contains(&label.as_str()) || sub_sites || searched || ends_with(SEO_LABEL_ENDINGS)
    {
        Some((Label::Seo, rest))
    } else if KEYWORD_LABELS.contains(&label.as_str()) {
        Some((Label::Keywords, rest))
    } else if TAG_LABELS.contains(&label.as_str()) || ends_with(TAG_LABEL_ENDINGS) {
        Some((Label::Tags, rest))
    } else if s.starts_with('[') && s[at..].starts_with(']') {
        // `[望花开发区] [白山镇]`: a bracketed first item, not a head.
        Some((Label::None, s))
    } else if nearby
        || !label.is_empty()
            && !label.contains(|c: char| {
                c.is_ascii_digit()
                    || matches!(c, '，' | ',' | '。' | '的' | '有' | '是' | '了' | '在')
            })
    {
        Some((Label::Other, rest))
    } else {
        None
    }
}

/// Parses one line (`raw` as written, `s` its trimmed Simplified form) as a keyword list.
pub fn parse_line(raw: &str, s: &str, body_script: Script) -> Option<ListLine> {
    let enumerators = inline_enumerators(s) + paren_enumerators(s);
    if s.is_empty() || (is_structured(s) && !is_hashtag_run(s) && enumerators < 2) {
        return None;
    }
    let (label, rest) = split_label(s)?;
    let rest = rest.trim();
    // `#话题##话题#`: hashtags run together are items between `#`.
    let untagged;
    let hashtags = is_hashtag_run(rest);
    let rest = if hashtags {
        untagged = rest.replace('#', " ");
        untagged.trim()
    } else {
        rest
    };
    // A labelled list may close with 。; an unlabelled line that does is a sentence.
    // A known SEO or tag head may close its list with 。; after any other head (参加的国家有：
    // 中国、美国和日本。) that is a sentence.
    let rest = if matches!(label, Label::None | Label::Other) {
        rest
    } else {
        rest.trim_end_matches('。')
    };
    let sentence_marks: &[char] = match label {
        Label::None | Label::Other => &['。', '！', '？', '!', '?', '：', ':', '“', '”', '"'],
        _ => &['。', '！', '？', '!', '?'],
    };
    if rest.contains(sentence_marks) {
        return None;
    }
    let spaced = underscores_as_separators(rest);
    let rest = spaced.as_deref().unwrap_or(rest);
    let items: Vec<String> = rest
        .split(is_item_separator)
        .map(bare_item)
        .map(|t| t.trim_end_matches(['…', '.']))
        .filter(|t| {
            !t.is_empty()
                && !t.chars().all(|c| matches!(c, '-' | '—' | '–' | '_'))
                // `[更多]`, `[+更多]`, `更多>>`, `查看全部 ›`: the link that closes a
                // generated row.
                && !is_closing_link(t)
        })
        .map(str::to_string)
        .collect();
    if items.is_empty() && label == Label::None {
        return None;
    }
    let mut short = 0;
    for item in &items {
        let n = item.chars().count();
        if n > MAX_ITEM_CHARS {
            return None;
        }
        // Gazetteer names run long (呼和浩特经济技术开发区) yet are keyword fodder.
        short += (n <= SHORT_ITEM_CHARS || has_place_suffix(item)) as usize;
    }
    if short * 5 < items.len() * 4 {
        // Generated names run long too (新乡高新技术产业开发区网站建设) when they share a pattern.
        let all: Vec<&str> = items.iter().map(String::as_str).collect();
        shared_affix(&all)?;
    }
    if label == Label::None && items.len() == 1 {
        let item = &items[0];
        if !(is_topic(item) || has_place_suffix(item)) {
            return None;
        }
    }
    let counts = ScriptCounts::of(raw);
    let script_mismatch = match body_script {
        Script::Traditional => counts.simplified_only >= 1 && counts.traditional_only == 0,
        Script::Simplified => counts.traditional_only >= 1 && counts.simplified_only == 0,
        Script::Unknown => false,
    };
    let commas = rest
        .chars()
        .filter(|c| matches!(c, '，' | ',' | '、'))
        .count();
    let counted = rest
        .split(is_item_separator)
        .filter(|t| bare_item(t).len() < t.len() && t.ends_with([')', '）']))
        .count();
    // A separator after the last item (`蘇澳鎮，`, `三峽區 /`) or a closing link is left by a
    // template that writes `item + separator` per item.
    let trailing_separator = rest
        .trim_end_matches(['…', '.'])
        .trim_end()
        .ends_with(|c: char| {
            is_item_separator(c) && !c.is_whitespace() && !matches!(c, ']' | '」' | '〉')
        });
    let decorated = hashtags
        || trailing_separator
        || rest.split(is_item_separator).any(is_closing_link)
        || rest.chars().any(is_decorative_separator)
        || enumerators >= 2
        || counted >= 2
        || rest.chars().filter(|&c| is_circled_number(c)).count() >= 2;
    Some(ListLine {
        decorated,
        enumerated: enumerators >= 2 || rest.chars().any(is_circled_number),
        comma_separated: commas * 2 >= items.len().saturating_sub(1).max(1),
        items,
        label,
        pipes: rest.chars().filter(|&c| is_pipe(c)).count(),
        script_mismatch,
    })
}

/// `#一网通办##debian##钦州市#`: three or more hashtags written back to back.
fn is_hashtag_run(s: &str) -> bool {
    s.starts_with('#')
        && !s[1..].starts_with([' ', '#'])
        && s.trim_end().ends_with('#')
        && s.matches("##").count() >= 2
}

fn has_site_suffix(item: &str) -> bool {
    let n = item.chars().count();
    (3..=10).contains(&n) && SITE_SUFFIXES.iter().any(|x| item.ends_with(x))
}

/// The two-character prefix or suffix most items share, when at least 60 % of four or more
/// items of three or more characters do: generated lists repeat a pattern (深圳搬家 深圳保洁
/// 深圳装修…, 北京人才网 上海人才网…), real enumerations of names do not.
fn shared_affix<'a>(items: &[&'a str]) -> Option<(bool, &'a str)> {
    let long: Vec<&str> = items
        .iter()
        .copied()
        .filter(|i| i.chars().count() >= 3)
        .collect();
    if long.len() < 4 || long.len() * 5 < items.len() * 3 {
        return None;
    }
    let affix = |item: &'a str, front: bool| -> &'a str {
        let cut = if front {
            item.char_indices().nth(2).map_or(item.len(), |(i, _)| i)
        } else {
            item.char_indices().rev().nth(1).map_or(0, |(i, _)| i)
        };
        if front { &item[..cut] } else { &item[cut..] }
    };
    for front in [true, false] {
        // Distinct items per affix: a repeated heading (图表精灵 - 类型, 图表精灵 - 范围) is
        // structure. Counted in one pass, so a line of 100k items stays linear.
        let mut pairs: Vec<(&str, &str)> = long.iter().map(|&i| (affix(i, front), i)).collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut sharing: HashMap<&str, usize> = HashMap::new();
        for (a, _) in &pairs {
            *sharing.entry(a).or_default() += 1;
        }
        // The first item's affix that enough items share, as the items come.
        for candidate in &long {
            let a = affix(candidate, front);
            if a.chars().any(|c| c.is_ascii_digit() || c == '第') {
                continue;
            }
            let n = sharing[a];
            if n * 5 >= items.len() * 3 && n >= 4 {
                return Some((front, a));
            }
        }
    }
    None
}

/// How many items look like SEO fodder (places, topic words, portal names, other-script
/// lines, items sharing a generated prefix or suffix).
fn fodder(lines: &[&ListLine], enough: usize) -> usize {
    let mut count = 0;
    let mut undecided = Vec::new();
    let all: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.items.iter().map(String::as_str))
        .collect();
    let affix = shared_affix(&all);
    let shares = |item: &str| {
        affix.is_some_and(|(front, a)| {
            item.chars().count() >= 3
                && if front {
                    item.starts_with(a)
                } else {
                    item.ends_with(a)
                }
        })
    };
    for line in lines {
        for item in &line.items {
            if line.script_mismatch
                || is_topic(item)
                || has_place_suffix(item)
                || has_site_suffix(item)
                || shares(item)
            {
                count += 1;
            } else {
                undecided.push(item.as_str());
            }
        }
    }
    if count >= enough {
        return count;
    }
    for item in undecided {
        let words = tagged_words(item);
        if words.len() == 1 && words[0].tag == "ns" {
            count += 1;
        }
    }
    count
}

/// Whether a group of list lines (in document order) is an appended keyword list.
fn is_keyword_list(lines: &[&ListLine]) -> bool {
    let n: usize = lines.iter().map(|l| l.items.len()).sum();
    let pipes: usize = lines.iter().map(|l| l.pipes).sum();
    let label = lines.first().map_or(Label::None, |l| l.label);
    let half = n.div_ceil(2);
    match label {
        Label::Seo => n >= 2,
        Label::Keywords => n >= MIN_ITEMS || (n >= 2 && fodder(lines, half) >= half),
        Label::Tags => n >= MIN_ITEMS || (n >= 3 && fodder(lines, half) >= half),
        Label::None => {
            n >= MIN_ITEMS && (pipes + 2 >= n || is_tag_cloud(lines) || fodder(lines, half) >= half)
        }
        // A head of the body's own (下辖：, 途经：, 沿途站点：) over places is content unless
        // the row is marked up as a generator's.
        Label::Other => {
            n >= MIN_ITEMS
                && (pipes + 2 >= n || fodder(lines, half) >= half)
                && looks_generated(lines)
        }
    }
}

/// Whether a list also carries a generator's marks: decorative separators, enumerators or hit
/// counts, pipes, the other script than the body's, a shared generated affix (…搬家), portal
/// topics among its places, or more items than a sentence enumerates.
fn looks_generated(lines: &[&ListLine]) -> bool {
    let items: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.items.iter().map(String::as_str))
        .collect();
    let n = items.len();
    let pipes: usize = lines.iter().map(|l| l.pipes).sum();
    let commas = lines.iter().all(|l| l.comma_separated);
    lines.iter().any(|l| l.decorated || l.script_mismatch)
        || (pipes >= 2 && pipes + 2 >= n)
        || shared_affix(&items).is_some()
        || (items.iter().any(|i| is_topic(i)) && items.iter().any(|i| has_place_suffix(i)))
        || (!commas && n >= 8)
}

/// A keyword list that fires even with page furniture (a share row, a 客服 line) after it
/// rather than at the very end: an SEO head, or fodder marked up as a generator's.
fn is_strong_list(lines: &[&ListLine]) -> bool {
    if !is_keyword_list(lines) {
        return false;
    }
    let label = lines.first().map_or(Label::None, |l| l.label);
    let n: usize = lines.iter().map(|l| l.items.len()).sum();
    let half = n.div_ceil(2);
    if label == Label::Seo {
        return true;
    }
    // Marks a gazetteer's table (many rows) or a garbled line (the other script) lacks.
    let items: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.items.iter().map(String::as_str))
        .collect();
    let pipes: usize = lines.iter().map(|l| l.pipes).sum();
    let marked = lines.iter().any(|l| l.decorated)
        || (pipes >= 2 && pipes + 2 >= n)
        || shared_affix(&items).is_some()
        || (items.iter().any(|i| is_topic(i)) && items.iter().any(|i| has_place_suffix(i)));
    n >= MIN_ITEMS && marked && fodder(lines, half) >= half
}

/// A tag cloud: many distinct short words and nothing else (乡村振兴 · 虚拟化 · 云计算 · linux ·
/// 营商环境 · 一网通办); with commas only when there are more of them than a sentence lists.
fn is_tag_cloud(lines: &[&ListLine]) -> bool {
    let items: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.items.iter().map(String::as_str))
        .collect();
    let commas = lines.iter().all(|l| l.comma_separated);
    let enough = if commas { 8 } else { 6 };
    let mut distinct = items.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // A cloud is wide: a table of contents (第一章 总则) has two words a line.
    items.len() >= enough
        && lines.iter().all(|l| l.items.len() >= 4 && !l.enumerated)
        && !items.iter().any(|i| i.starts_with('第'))
        && distinct.len() * 10 >= items.len() * 9
        && items
            .iter()
            .all(|i| (2..=6).contains(&i.chars().count()) && !i.chars().any(|c| c.is_ascii_digit()))
}

/// Whether a body line introduces what follows as its own list or table: it says 如下 / 下表 /
/// 下列 / 本表 / 一览 (a bare colon is not enough: a scraped body often stops at one).
fn announces_list(line: &str) -> bool {
    ["如下", "下表", "下列", "本表", "一览", "列表如", "见下"]
        .iter()
        .any(|w| line.contains(w))
}

/// Short non-chrome lines a list may have after it and still count as appended: a share
/// row, a policy row, `客服专线：…`, `觉得有用？点个赞吧` (furniture the chrome lexicon does not
/// know). Only a strong list ([`is_strong_list`]) fires with furniture after it.
const MAX_FURNITURE_LINES: usize = 6;
const MAX_FURNITURE_CHARS: usize = 40;
/// Non-blank body lines (above the last prose line) searched for a strong list.
const MAX_BODY_LINES: usize = 4;

/// The role of a body line, which the layout leaves unclassified.
fn body_role(text: &Excerpt, script: Script, line: Line) -> Role {
    let raw = text.slice(line.start..line.end);
    let s = simplified_line(raw);
    if s.is_empty() {
        Role::Blank
    } else if is_metadata(&s) {
        Role::Metadata
    } else if let Some(list) = parse_line(raw, &s, script) {
        Role::List(list)
    } else if is_prose(&s) {
        Role::Prose
    } else {
        Role::Other
    }
}

/// Finds fired runs in the foot region `foot_start..` (roles classified), the last prose line
/// being `last_prose`, and strong lists among the last few body lines above it.
pub(super) fn find_runs(
    text: &Excerpt,
    script: Script,
    lines: &[Line],
    roles: &[Option<Role>],
    foot_start: usize,
    last_prose: Option<usize>,
) -> Vec<ListRun> {
    // The few body lines above the foot, classified here (chrome the layout marked stays).
    let mut body_from = foot_start;
    let mut body_roles: Vec<Option<Role>> = Vec::new();
    if last_prose.is_some() {
        let mut nonblank = 0;
        while body_from > 0 && nonblank < MAX_BODY_LINES + 1 {
            body_from -= 1;
            let r = match roles.get(body_from).and_then(|r| r.clone()) {
                Some(r) => r,
                None => body_role(text, script, lines[body_from]),
            };
            nonblank += (r != Role::Blank) as usize;
            body_roles.push(Some(r));
        }
        body_roles.reverse();
    }
    let role = |i: usize| {
        if i >= body_from && i < foot_start {
            body_roles[i - body_from].as_ref()
        } else {
            roles.get(i).and_then(|r| r.as_ref())
        }
    };
    let line_text = |k: usize| text.slice(lines[k].start..lines[k].end).trim();
    let mut runs = Vec::new();
    let mut i = lines.len();
    // Only blank, chrome and metadata lines after the lists found so far.
    let mut strict = true;
    let mut furniture = 0;
    let mut glued_tried = false;
    while i > body_from {
        if i == foot_start && last_prose.is_some() && strict && !glued_tried {
            // The last prose line may end in a list; if not, the search goes on above it.
            glued_tried = true;
            runs.reverse();
            let before = runs.len();
            appended_to_prose(text, script, lines, foot_start - 1, &mut runs);
            let glued =
                runs.len() > before || runs.first().is_some_and(|r| r.partial_start.is_some());
            runs.reverse();
            if glued {
                break;
            }
        }
        i -= 1;
        let furniture_line = |k: usize| {
            furniture < MAX_FURNITURE_LINES
                && simplified_line(line_text(k))
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
                    <= MAX_FURNITURE_CHARS
        };
        match role(i) {
            Some(Role::Blank | Role::Chrome | Role::Metadata) => continue,
            Some(Role::List(_)) => {}
            _ => {
                if furniture_line(i) {
                    furniture += 1;
                    strict = false;
                    continue;
                }
                break;
            }
        }
        // A group: list lines with only blank lines between them.
        let last = i;
        let mut first = i;
        let mut j = i;
        while j > body_from {
            // A line with its own head (`Tags：…` under `地区导航：…`) starts its own list.
            if matches!(role(first), Some(Role::List(l)) if l.label != Label::None) {
                break;
            }
            match role(j - 1) {
                Some(Role::List(_)) => first = j - 1,
                Some(Role::Blank) => {}
                _ => break,
            }
            j -= 1;
        }
        let group: Vec<&ListLine> = (first..=last)
            .filter_map(|k| match role(k) {
                Some(Role::List(l)) => Some(l),
                _ => None,
            })
            .collect();
        let has_content_before = (0..first)
            .rev()
            .any(|k| !line_text(k).is_empty() && role(k) != Some(&Role::Chrome));
        // A list the body announces (下表列出…：, 各县如下) is the body's own table or list;
        // under an SEO or tag head it is not.
        let label = group.first().map_or(Label::None, |l| l.label);
        let bare_head = matches!(role(first), Some(Role::List(l))
            if l.items.is_empty() && l.label == Label::Other);
        let announced = !matches!(label, Label::Seo | Label::Tags)
            && ((bare_head && announces_list(line_text(first)))
                || (0..first)
                    .rev()
                    .find(|&k| !line_text(k).is_empty())
                    .is_some_and(|k| {
                        matches!(role(k), Some(Role::Prose | Role::Other))
                            && announces_list(line_text(k))
                    }));
        let fires = if strict {
            is_keyword_list(&group)
        } else {
            is_strong_list(&group)
        };
        if !has_content_before || announced || !fires {
            // A short row that is not a keyword list (分享 | 隐私政策 | 联络我们) is furniture;
            // the lines above it are tried on their own.
            if has_content_before && !announced && furniture_line(last) {
                furniture += 1;
                strict = false;
                i = last;
                continue;
            }
            break;
        }
        let l = lines[first];
        let content = text.slice(l.start..l.end);
        let lead = content.len() - content.trim_start().len();
        runs.push(ListRun {
            range: l.start + lead..lines[last].end,
            lines: first..last + 1,
            partial_start: None,
            items: group.iter().map(|g| g.items.len()).sum(),
        });
        i = first;
    }
    runs.reverse();
    runs
}

/// A list glued onto the end of the last prose line, after its final sentence end.
fn appended_to_prose(
    text: &Excerpt,
    script: Script,
    lines: &[Line],
    p: usize,
    runs: &mut Vec<ListRun>,
) {
    let l = lines[p];
    let line = text.slice(l.start..l.end);
    let Some((at, c)) = line
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?'))
    else {
        return;
    };
    let mut cut = at + c.len_utf8();
    while let Some(q) = line[cut..]
        .chars()
        .next()
        .filter(|q| matches!(q, '”' | '’' | '」' | '』' | '）' | ')' | '"'))
    {
        cut += q.len_utf8();
    }
    let suffix = &line[cut..];
    let s = simplified_line(suffix);
    if s.is_empty() {
        return;
    }
    let Some(list) = parse_line(suffix, &s, script) else {
        return;
    };
    let lead = suffix.len() - suffix.trim_start().len();
    let start = l.start + cut + lead;
    // Merge with a run that starts right below (only blank lines between).
    let adjacent = runs.first().is_some_and(|r| {
        (p + 1..r.lines.start).all(|k| text.slice(lines[k].start..lines[k].end).trim().is_empty())
    });
    if adjacent {
        let run = &mut runs[0];
        run.range.start = start;
        run.lines.start = p;
        run.partial_start = Some(l.start + cut);
        run.items += list.items.len();
    } else if runs.is_empty() && list.items.len() >= MIN_ITEMS && is_keyword_list(&[&list]) {
        runs.push(ListRun {
            range: start..l.end,
            lines: p..p + 1,
            partial_start: Some(l.start + cut),
            items: list.items.len(),
        });
    }
}

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    findings(&Plan::of(doc), doc.locale, out);
}

/// [`detect`] on a summarised document (its ends).
pub fn detect_summarised(doc: &SummarisedDocument, out: &mut Vec<Finding>) {
    findings(doc.layout(), doc.locale, out);
}

/// The findings of a document's spam layout.
pub fn findings(plan: &Plan, locale: Locale, out: &mut Vec<Finding>) {
    for run in &plan.lists {
        let whole_from = run.lines.start + run.partial_start.is_some() as usize;
        let fix_range = if whole_from < run.lines.end {
            let whole = plan.deletion(whole_from, run.lines.end - 1);
            run.partial_start.unwrap_or(whole.start)..whole.end
        } else {
            run.partial_start.unwrap_or(run.range.start)..run.range.end
        };
        let message = locale.pick(
            format!(
                "正文后附加的关键词列表（{} 项），疑似 SEO 垃圾内容",
                run.items
            ),
            format!(
                "keyword list appended after the body ({} items), likely SEO spam",
                run.items
            ),
        );
        let title = locale.pick("删除附加的关键词列表", "Delete the appended list");
        out.push(
            Finding::new(Code::AppendedList, run.range.clone(), message).with_fix(Fix {
                title,
                range: fix_range,
                replacement: String::new(),
                safe: true,
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::spam::{flagged, without_spam};

    const BODY: &str = "推动制度建设在基层落地生根，这是一项长期任务。";

    fn lists(text: &str) -> Vec<&str> {
        flagged(text, Code::AppendedList)
    }

    #[test]
    fn pipe_list_after_body() {
        let text = format!("{BODY}\n\n夏河县| 芒康县| 科技| 尉犁县| 崇义县| ");
        assert_eq!(lists(&text), ["夏河县| 芒康县| 科技| 尉犁县| 崇义县| "]);
        assert_eq!(without_spam(&text), format!("{BODY}\n"));
    }

    #[test]
    fn list_glued_to_the_last_sentence() {
        let text = format!("{BODY}夏河县| 芒康县| 科技| 尉犁县| 崇义县");
        assert_eq!(lists(&text), ["夏河县| 芒康县| 科技| 尉犁县| 崇义县"]);
        assert_eq!(without_spam(&text), BODY);
    }

    #[test]
    fn list_spanning_lines_and_labelled_lists() {
        let text = format!("{BODY}\n夏河县 芒康县\n尉犁县 崇义县\n陇西县 赤城县\n");
        assert_eq!(
            lists(&text),
            ["夏河县 芒康县\n尉犁县 崇义县\n陇西县 赤城县"]
        );
        let text = format!("{BODY}\n本文关键词：基层党建，组织建设，党支部\n");
        assert_eq!(lists(&text).len(), 1);
        let text = format!("{BODY}\n热门城市：北京 上海 广州 深圳 杭州 成都\n");
        assert_eq!(lists(&text).len(), 1);
    }

    #[test]
    fn two_labelled_lists_are_judged_one_by_one() {
        let first = "地区导航：永德县装修公司 · 根河装修公司 · 隆德装修公司 · 冕宁县装修公司 · 沙雅装修公司 · 房产 · 江北装修公司";
        let second = "Tags：汽车 - 嘉鱼 - 滨海新 - 广平县 - 靖宇县 - 大埔县 - 旅游 - 张家界市";
        let text = format!("{BODY}\n{first}\n{second}\n");
        assert_eq!(lists(&text), [first, second]);
    }

    #[test]
    fn arrow_separated_directories_and_sub_site_heads() {
        let line =
            "服务区域：焉耆回族自治县 > 星座 > 抚州 > 巴南区 > 新吴区 > 大庆市 > 红古 > 魏都区";
        assert_eq!(lists(&format!("{BODY}\n\n{line}\n")), [line]);
        let line = "本站分站：友好区 - 美食 - 仪征 - 金溪 - 烈山 - 清水河县 - 光泽 - 建水县";
        assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line]);
        let line = "各地分站：北京 上海";
        assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line]);
        // A menu path of a help page is neither a list nor long enough to be one.
        assert!(lists(&format!("{BODY}\n设置 > 隐私 > 屏幕锁定\n")).is_empty());
    }

    #[test]
    fn heads_hashtags_tag_clouds_and_long_generated_names() {
        for line in [
            "大家都在搜：顺昌县防水补漏/奎文防水补漏/南岗区防水补漏/巩义市防水补漏/延庆区防水补漏",
            "推荐专题：政务服务 · 乡村振兴 · 虚拟化 · 就业创业 · 开源软件 · 云计算",
            "TAG标签：湖南\t浙江\t新疆\t四川\t青海",
            "#一网通办##debian##安全生产##钦州市##宁乡市##仓山区#",
            "业务覆盖：#虚拟化##钱塘区##庆安县##保德县##中山区#",
            "河长制\tlinux\t民生实事\t一网通办\t疫情防控\t基层治理\t网络安全",
            "服务器，河长制，就业创业，数字经济，招商引资，网络安全，疫情防控，营商环境",
            "新乡高新技术产业开发区网站建设｜湘潭九华示范网站建设｜修文网站建设｜麻章区网站建设｜茂县网站建设",
            "全国分站：林甸seo优化 · 南通经济技术开发区seo优化 · 张家界市seo优化 · 乌鲁木齐市seo优化 · 洮南seo优化",
            "关键字：青海；上海；四川；海南；西藏；黑龙江",
        ] {
            assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line], "{line}");
        }
    }

    #[test]
    fn lists_the_body_announces_are_content() {
        let rows = "长沙市　芙蓉区　天心区　岳麓区　开福区　雨花区\n湘潭市　雨湖区　岳塘区　湘潭县　湘乡市　韶山市";
        for head in ["本表按地级市排列，数据截至2022年底。", "各市所辖县区如下："]
        {
            let text = format!("{BODY}\n{head}\n{rows}\n");
            assert!(lists(&text).is_empty(), "{text}");
        }
        let text = format!("{BODY}\n{rows}\n");
        assert_eq!(lists(&text).len(), 1);
    }

    #[test]
    fn abstract_keywords_and_short_enumerations_are_content() {
        for text in [
            format!("{BODY}\n关键词：开源软件；系统管理；软件包\n"),
            format!("{BODY}\n關鍵字：開放原始碼；系統管理；套件\n"),
            format!("{BODY}\nKeywords: LaTeX; typesetting; Chinese\n"),
            format!("{BODY}\n# 安装\n"),
            format!("{BODY}\n苹果，香蕉，橘子，葡萄，西瓜，桃子\n"),
            format!("{BODY}\n床前明月光，疑是地上霜，举头望明月，低头思故乡\n"),
        ] {
            assert!(lists(&text).is_empty(), "{text}");
        }
    }

    #[test]
    fn counts_enumerators_and_other_separators() {
        for line in [
            // Hit counts after each place, with bullets or Suzhou-numeral bars between.
            "夏河县(31) · 芒康县(7) · 尉犁县(502) · 崇义县(64) · 陇西县(18) · 赤城县(233)",
            "尚志市（12）〡桦南县（9）〡汤原县（77）〡嘉荫县（340）〡铁力市（5）",
            // Circled and inline enumerators.
            "①额敏县 ②托里县 ③和布克赛尔县 ④乌苏市 ⑤沙湾市",
            "1、苏尼特右旗 2、化德县 3、商都县 4、兴和县 5、凉城县 6、察哈尔右翼前旗",
            // Underscores, tildes and stars between generated items.
            "天镇县开锁_阳高县开锁_广灵县开锁_灵丘县开锁_浑源县开锁",
            "宁陵县驾校 ~ 柘城县驾校 ~ 虞城县驾校 ~ 夏邑县驾校 ~ 永城市驾校",
            "淇县 ＊ 浚县 ＊ 汤阴县 ＊ 内黄县 ＊ 林州市 ＊ 滑县",
            // An SEO head glued to its first item, and a closing [更多] link.
            "热门地区新密市 · 登封市 · 巩义市 · 荥阳市 · 中牟县 [更多]",
            "热门推荐 >>邙山区月嫂 ∣ 惠济区月嫂 ∣ 上街区月嫂 ∣ 管城区月嫂 ∣ 金水区月嫂",
        ] {
            assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line], "{line}");
        }
    }

    #[test]
    fn identifiers_numbered_steps_and_head_words_in_prose_stay_content() {
        for text in [
            // Underscores inside command names are not separators.
            format!("{BODY}\n用pg_ctl启动，再用pg_dump备份。\n"),
            // One numbered step a line, or two in a sentence, is a procedure.
            format!("{BODY}\n1、打开设置。2、选择网络。\n"),
            // A head word that begins a sentence.
            format!("{BODY}\n热门城市的房价继续上涨，北京 上海 广州 深圳领涨。\n"),
            // A parenthesised year or page is not a hit count of a place list.
            format!("{BODY}\n参见《史记》(1959) 与《汉书》(1962)。\n"),
        ] {
            assert!(lists(&text).is_empty(), "{text}");
        }
    }

    #[test]
    fn search_and_nearby_heads_enumerators_and_farm_separators() {
        for line in [
            "大家也在找：甘泉县  富县  定边县  房贷  美食  靖边县  吴起县",
            "附近的医院：榆阳区 ┆ 横山区 ┆ 府谷县 ┆ 神木市 ┆ 米脂县 ┆ 佳县",
            "(1)岳阳县 / (2)华容县 / (3)湘阴县 / (4)平江县 / (5)汨罗市 查看全部 ›",
            "『浏阳市』　『宁乡市』　『望城区』　『雨花区』　『债务』 [+更多]",
            "相关词条：曲江区 ⋄ 百科 ⋄ 乳源县 ⋄ 源码 ⋄ 域名 ⋄ 仁化县",
            "附近的律所：（1）丰都县，（2）垫江县，（3）忠县，（4）云阳县，（5）奉节县",
            "[热词]考研┊临县┊四六级┊兴县┊岚县┊汾阳市",
            "1.平遥人才网 2.介休人才网 3.灵石人才网 4.寿阳人才网 5.昔阳人才网",
            "隆回县 ＋ 洞口县 ＋ 绥宁县 ＋ 新宁县 ＋ 城步苗族自治县 ＋ 武冈市",
        ] {
            assert_eq!(lists(&format!("{BODY}\n{line}\n")), [line], "{line}");
        }
    }

    #[test]
    fn a_marked_list_fires_above_short_page_furniture() {
        let list = "周边城市导航：新会装修公司 ▸ 台山装修公司 ▸ 开平装修公司 ▸ 鹤山装修公司 ▸ 恩平装修公司";
        for furniture in [
            "微信分享　微博分享　邮件分享",
            "隐私声明 ｜ 服务条款 ｜ 联系我们 ｜ 投稿须知",
            "客服电话：0750-1234567（工作日 9:00-17:30）",
            "觉得有用？点个赞吧 👍 12",
        ] {
            let text = format!("{BODY}\n{list}\n{furniture}\n");
            assert_eq!(lists(&text), [list], "{furniture}");
        }
        // An SEO head is no content the body announces (可以通过下列方式…).
        let line = "TAGS:泸县|合江县|叙永县|古蔺县|纳溪区";
        let text = format!("{BODY}\n可以通过下列方式安装：\n{line}\n");
        assert_eq!(lists(&text), [line]);
    }

    #[test]
    fn place_lists_of_the_body_stay_content() {
        for line in [
            "下辖：芙蓉区、天心区、岳麓区、开福区、雨花区",
            "巡回法庭：深圳、沈阳、南京、郑州、重庆、西安",
            "行程：北京→天津→济南→南京→上海→杭州",
            "沿途站点：西直门 动物园 国家图书馆 魏公村 人民大学 海淀黄庄",
            "途经：北京市、天津市、沧州市、德州市、济南市、泰安市",
            "沿线车站：北京南、天津南、沧州西、德州东、济南西、泰安、曲阜东、滕州东、枣庄、徐州东",
            "推荐书目：《论语》《孟子》《大学》《中庸》《诗经》《尚书》",
            "(1)打开设置 (2)选择网络 (3)点击高级 (4)输入密码 (5)保存配置 (6)重新启动",
        ] {
            let text = format!("{BODY}\n\n{line}\n");
            assert!(lists(&text).is_empty(), "{line}");
        }
        // A gazetteer's table above the sentence that closes it.
        let text = format!(
            "{BODY}\n区划名称\t面积\t政府驻地\n雨湖区\t452\t雨湖路\n岳塘区\t206\t书院路\n湘潭县\t2134\t易俗河镇\n湘乡市\t1967\t东山街道\n湘潭市人民政府驻岳塘区。\n"
        );
        assert!(lists(&text).is_empty(), "{text}");
        // A list with real paragraphs after it is the body's.
        let text =
            format!("{BODY}\n本站热搜：沿河县 ⋄ 印江县 ⋄ 思南县 ⋄ 石阡县 ⋄ 德江县\n{BODY}{BODY}\n");
        assert!(lists(&text).is_empty(), "{text}");
    }

    #[test]
    fn near_misses() {
        for text in [
            format!("{BODY}\n张三、李四、王五、赵六、孙七等同志参加了会议。"),
            format!("{BODY}\n与会的欧洲七国是德国、法国、希腊、奥地利、比利时、荷兰和意大利。"),
            format!("{BODY}\n\n夏河县 芒康县 尉犁县 崇义县 陇西县\n\n{BODY}\n"),
            format!("{BODY}\n- 北京市\n- 上海市\n- 广州市\n- 深圳市\n- 杭州市\n"),
            format!("{BODY}\n| 北京市 | 上海市 | 广州市 | 深圳市 | 杭州市 |\n"),
            format!("{BODY}\n标签：旅行 摄影 日本\n"),
            format!("{BODY}\n第一章 总则\n第二章 组织\n第三章 纪律\n"),
            "今天天气很好".to_string(),
            "夏河县| 芒康县| 科技| 尉犁县| 崇义县".to_string(),
        ] {
            assert!(lists(&text).is_empty(), "{text}");
        }
    }
}
