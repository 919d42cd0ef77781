//! One line as a keyword list: its head (label), its items between generators' separators
//! (without hit counts and enumerators), and the marks a generator leaves.

use super::lexicon::{
    KEYWORD_LABELS, SEO_LABEL_ENDINGS, SEO_LABELS, TAG_LABEL_ENDINGS, TAG_LABELS, has_place_suffix,
    is_topic,
};
use super::{MAX_ITEM_CHARS, SHORT_ITEM_CHARS};
use crate::analysis::script::{Script, ScriptCounts};
use std::collections::HashMap;

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

/// The two-character prefix or suffix most items share, when at least 60 % of four or more
/// items of three or more characters do: generated lists repeat a pattern (深圳搬家 深圳保洁
/// 深圳装修…, 北京人才网 上海人才网…), real enumerations of names do not.
pub(super) fn shared_affix<'a>(items: &[&'a str]) -> Option<(bool, &'a str)> {
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
