//! Footer chrome: copyright notices (and the licence statements and author credits that make
//! one the text's own), registration marks, contact and customer-service blocks, browser advice.

use super::{MAX_LABELLED_CHARS, has_sentence_end, is_digitish};
use crate::analysis::spam::layout::is_prose;

/// `Copyright © 2014-2025 某某网`, `Copyright (c) 2020`, `copyright 2019 某某`, `© Copyright`:
/// the word with a ©, a (c) or a year beside it. The word alone is also the name of a file
/// and of a manual section (`4.2. copyright`, `--copyright gpl2`, `12.5 "Copyright
/// information"`), which are prose.
pub(super) fn is_copyright_notice(lower: &str) -> bool {
    lower.match_indices("copyright").any(|(at, m)| {
        let after = lower[at + m.len()..].trim_start_matches([' ', '　', ':', '：']);
        let before = lower[..at].trim_end();
        after.starts_with(['©', '®'])
            || after.starts_with("(c)")
            || after.starts_with("&copy;")
            || starts_with_year(after)
            || before.ends_with('©')
    }) || lower.match_indices('©').any(|(at, m)| {
        // `©2024 某某科技有限公司`: the sign and a year, without the word.
        starts_with_year(lower[at + m.len()..].trim_start())
    })
}

/// Whether a copyright line names the people who wrote the text rather than a site.
pub(super) fn names_authors(lower: &str) -> bool {
    [
        "团队",
        "作者",
        "贡献者",
        "开发者",
        "译者",
        "项目组",
        "contributors",
        "authors",
        "team",
        "developers",
        "project",
        "基金会",
        "foundation",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A copyright line: the word or sign with a year, or 版权所有.
pub fn is_copyright_line(s: &str) -> bool {
    let lower = s.to_lowercase();
    is_copyright_notice(&lower) || lower.contains('©') || lower.contains("版权所有")
}

/// A sentence about a text's licence (本文档依照 GNU 通用公共许可证发布, 以 CC BY-SA 授权):
/// the copyright line beside it belongs to the text.
pub fn is_licence_statement(s: &str) -> bool {
    let lower = s.to_lowercase();
    is_prose(s)
        && [
            "许可证",
            "许可协议",
            "授权条款",
            "license",
            "gpl",
            "cc by",
            "自由软件",
            "公有领域",
            "再分发",
            "版权声明",
            "权限声明",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// `2014`, `2025-…`: a four-digit year 19xx / 20xx not followed by another digit.
fn starts_with_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && (b.starts_with(b"19") || b.starts_with(b"20"))
        && b[2].is_ascii_digit()
        && b[3].is_ascii_digit()
        && !b.get(4).is_some_and(u8::is_ascii_digit)
}

/// Whether `mark` occurs in `s` as itself, not inside a longer word: 版权所有者 (the copyright
/// owner) and 版权所有人 are subjects of sentences, not the 版权所有 of a footer.
pub(super) fn has_footer_mark(s: &str, mark: &str) -> bool {
    s.match_indices(mark).any(|(at, m)| {
        let next = s[at + m.len()..].chars().next();
        mark != "版权所有" || !next.is_some_and(|c| "者人权方".contains(c))
    })
}

/// `京ICP备05070218号`, `ICP证：B2-2009`, `公网安备 11010502000001号`: a registration mark with
/// its number; a sentence about ICP备案 (网站应当依法办理ICP备案手续) has none.
pub(super) fn has_registration_number(s: &str, mark: &str) -> bool {
    s.match_indices(mark).any(|(at, m)| {
        s[at + m.len()..]
            .chars()
            .take(8)
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    })
}

/// `联系电话：0731-5829　地址：某某路 1 号`, `地址：… 邮编：… 电话：…`: a footer's contact block, two
/// or more labelled contact fields and no sentence.
pub(super) fn is_contact_line(s: &str) -> bool {
    if s.chars().count() > MAX_LABELLED_CHARS || has_sentence_end(s) || s.contains('，') {
        return false;
    }
    // `客服专线：02-2718-6530（周一至周五 09:00-18:00）`: a shop's service line is the site's;
    // any other phone line (联系人：王磊 电话：…) may be a notice's own contact.
    if is_service_line(s) {
        return true;
    }
    if s.contains("联系人") {
        return false;
    }
    let fields = [
        "地址",
        "电话",
        "邮编",
        "传真",
        "邮箱",
        "电子邮箱",
        "e-mail",
        "email",
        "热线",
    ];
    let labelled = |w: &&str| {
        s.match_indices(*w)
            .any(|(at, _)| s[at + w.len()..].trim_start().starts_with(['：', ':']))
    };
    let phone = s.chars().filter(|&c| is_digitish(c)).count() >= 6;
    fields.iter().filter(|w| labelled(w)).count() >= 2 && phone
}

/// `客服专线：02-2718-6530`, `客服热线 400-800-1234`, `客服邮箱：help@…`: a customer-service
/// label (客服…, at most four characters more) and its number or address.
pub(super) fn is_service_line(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("客服") else {
        return false;
    };
    let Some(colon) = rest.find(['：', ':', ' ', '　']) else {
        return false;
    };
    let value = rest[colon..].trim_start_matches(['：', ':', ' ', '　']);
    rest[..colon].chars().count() <= 4
        && (value.chars().filter(|&c| is_digitish(c)).count() >= 6 || value.contains('@'))
}

/// `建议使用 Chrome 浏览器，最佳分辨率 1920×1080`: the browser advice of a footer.
pub(super) fn is_browser_advice(lower: &str) -> bool {
    let advice = ["建议", "推荐", "最佳"].iter().any(|w| lower.contains(w));
    let resolution = (lower.contains("分辨率") || lower.contains("解析度"))
        && has_screen_size(lower)
        && (advice || lower.contains("浏览"));
    resolution || (lower.contains("浏览器") && advice)
}

/// `1920×1080`, `1366*768`, `1024 x 768`: a screen size.
fn has_screen_size(s: &str) -> bool {
    let digits_before = |head: &str| {
        head.trim_end()
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count()
    };
    let digits_after = |tail: &str| {
        tail.trim_start()
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count()
    };
    s.match_indices(['×', '*', 'x', '＊']).any(|(at, sep)| {
        (3..=4).contains(&digits_before(&s[..at]))
            && (3..=4).contains(&digits_after(&s[at + sep.len()..]))
    })
}
