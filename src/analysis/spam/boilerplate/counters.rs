//! Counters: view and visit counters, counts written before their units, and bylines that
//! carry a counter or buttons (chrome rather than metadata).

use super::lexicon::{COUNT_UNITS, COUNTER_WORDS_SORTED, longest_at};
use super::{MAX_LABELLED_CHARS, has_sentence_end, is_digitish};

/// Where a counter word starts in `s` and how long it is, for each counter word followed by a
/// number (after separators and brackets: `点击：[123]次`, `阅读 1,024`).
pub(super) fn counters(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    s.char_indices().filter_map(move |(at, _)| {
        let n = longest_at(&s[at..], &COUNTER_WORDS_SORTED)?;
        let after = s[at + n..].trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '：' | ':' | '[' | '【' | '(' | '（' | '为' | '数')
        });
        // 阅读 30 分钟 is a duration, not a count.
        let unit = after
            .trim_start_matches(|c: char| is_digitish(c) || c == ',')
            .trim_start();
        let duration = ["分钟", "小时", "秒", "天"]
            .iter()
            .any(|u| unit.starts_with(u));
        (after.starts_with(is_digitish) && !duration).then_some((at, n))
    })
}

/// `總瀏覽人次：8045282`, `网站访问量：1234567`, `您是第 123456 位访客`: a short line that is a visit
/// or view counter and little else.
pub(super) fn is_counter_line(s: &str) -> bool {
    if s.chars().count() > 30 || has_sentence_end(s) || s.contains(['，', ',']) {
        return false;
    }
    let digits = s.chars().filter(|&c| is_digitish(c)).count();
    let found: Vec<(usize, usize)> = counters(s).collect();
    let visitor = s.contains("位访客") || s.contains("位访问者");
    if digits < 2 || (found.is_empty() && !visitor) {
        return false;
    }
    let counter_chars: usize = found
        .iter()
        .map(|&(at, n)| s[at..at + n].chars().count())
        .sum();
    let han = s
        .chars()
        .filter(|&c| crate::analysis::script::is_han(c))
        .count();
    // Beside the counter only a few words (总, 网站, 您是第…位访客).
    han.saturating_sub(counter_chars) <= 6
}

/// A byline (来源, 作者, 发布时间) that also carries a view counter or buttons
/// (`发布日期：2017-12-12 作者：某某 点击数：5142`, `日期：… 【打印】`): the counter and the
/// buttons make it page chrome, not metadata.
pub fn is_metadata_chrome(s: &str) -> bool {
    if s.chars().count() > MAX_LABELLED_CHARS || has_sentence_end(s) {
        return false;
    }
    let lower = s.to_lowercase();
    // `更新时间：16:26 ｜ 62,542 人已阅`: a count written before its unit counts too.
    if counters(&lower).next().is_some() || counts_with_units(&lower).0 > 0 {
        return true;
    }
    let buttons = [
        "打印",
        "关闭",
        "分享",
        "分享到",
        "收藏",
        "纠错",
        "打印本页",
        "关闭窗口",
        "我要纠错",
        "字体",
        "字号",
        "列印",
    ];
    lower
        .split(|c: char| c.is_whitespace() || matches!(c, '【' | '】' | '[' | ']' | '|' | '｜'))
        .map(|w| w.trim_end_matches(['：', ':']))
        .any(|w| buttons.contains(&w) || w.starts_with("字体：") || w.starts_with("字号："))
}

/// How many field labels (`发布：`, `阅读量:`) `s` holds; the colon of a time (16:26) is none.
pub(super) fn labels(s: &str) -> usize {
    s.match_indices(['：', ':'])
        .filter(|&(at, _)| {
            !s[..at]
                .chars()
                .next_back()
                .is_none_or(|c| is_digitish(c) || c.is_whitespace())
        })
        .count()
}

/// A date: 2019-04-11, 2019/4/11, 2019年4月11日.
pub(super) fn has_date(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        let year = b[i..].iter().take_while(|x| x.is_ascii_digit()).count() == 4
            && (i == 0 || !b[i - 1].is_ascii_digit());
        year && {
            let rest = &s[i + 4..];
            (rest.starts_with(['-', '/', '.'])
                && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
                || (rest.starts_with('年') && rest.contains('月'))
        }
    })
}

/// `12345人看过 · 67条评论`: one or more counts with their units, and little else.
pub(super) fn is_count_row(s: &str) -> bool {
    let (found, unit_chars) = counts_with_units(s);
    let han = s
        .chars()
        .filter(|&c| crate::analysis::script::is_han(c))
        .count();
    found >= 1 && han.saturating_sub(unit_chars) <= 2
}

/// How many counts with a unit after them `s` holds, and how many characters the units take.
fn counts_with_units(s: &str) -> (usize, usize) {
    let mut found = 0;
    let mut unit_chars = 0;
    for (at, c) in s.char_indices() {
        if !c.is_ascii_digit() {
            continue;
        }
        // `62,542 人已阅`: a space may stand between the count and its unit.
        let rest = s[at + 1..].trim_start_matches([' ', '\u{3000}']);
        if let Some(u) = COUNT_UNITS.iter().find(|u| rest.starts_with(**u)) {
            found += 1;
            unit_chars += u.chars().count();
        }
    }
    (found, unit_chars)
}
