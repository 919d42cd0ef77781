//! Banners and widgets a site puts around every page: greetings, the date widget, the reading
//! time, app and account promotions, reprint and cookie notices, pagers, slogans.

use super::counters::{counters, has_date, is_count_row, labels};
use super::lexicon::SITE_ENDINGS;
use super::tokens::is_made_of_tokens;
use super::{has_sentence_end, is_digitish, is_separator};

/// `欢迎访问某某市人民政府网站！`, `欢迎光临本站`: a site's greeting line.
pub(super) fn is_welcome_line(s: &str) -> bool {
    if s.chars().count() > 48 {
        return false;
    }
    // `您好，欢迎访问某某网！`: a salutation first.
    let s = ["您好", "你好"]
        .iter()
        .find_map(|w| s.strip_prefix(w))
        .map_or(s, |r| {
            r.trim_start_matches(['，', ',', '！', '!', ' ', '　'])
        });
    let Some(rest) = ["欢迎访问", "欢迎光临", "欢迎来到", "欢迎进入"]
        .iter()
        .find_map(|w| s.strip_prefix(w))
    else {
        return false;
    };
    // The greeting ends at its first mark; a wish (祝您阅读愉快) or the login buttons
    // (`[请登录] [免费注册]`) may follow it.
    let (name, tail) = rest.split_at(
        rest.find(['，', ',', '！', '!', '。', '~', '～', '[', '【', '|', '｜'])
            .unwrap_or(rest.len()),
    );
    let name = name.trim();
    let tail = tail.trim_matches(|c: char| {
        matches!(c, '，' | ',' | '！' | '!' | '。' | '~' | '～') || c.is_whitespace()
    });
    let named = SITE_ENDINGS
        .iter()
        .chain(&[
            "网站",
            "本站",
            "官方网站",
            "主页",
            "首页",
            "社区",
            "论坛",
            "平台",
            "商城",
            "博客",
        ])
        .any(|e| name.ends_with(e));
    let wish = tail.starts_with("祝")
        && tail.chars().count() <= 10
        && ["愉快", "开心", "顺利", "顺心"]
            .iter()
            .any(|w| tail.ends_with(w));
    name.chars().count() <= 24
        && (named || (name.is_empty() && wish))
        && (tail.is_empty() || wish || is_made_of_tokens(tail, &[]))
}

/// `今天是2024年1月25日 星期二`, `今天是：2023年9月23日 星期四 农历八月初九`: a portal's date widget.
pub(super) fn is_today_line(s: &str) -> bool {
    let Some(rest) = ["今天是", "今日是", "今天", "今日"]
        .iter()
        .find_map(|w| s.strip_prefix(w))
    else {
        return false;
    };
    let rest = rest.trim_start_matches(['：', ':', ' ']);
    rest.starts_with(is_digitish)
        && (rest.contains("星期") || rest.contains("周") || rest.contains("礼拜"))
        && s.chars().count() <= 40
        && !has_sentence_end(s)
        && !s.contains(['，', ','])
}

/// Short widget lines of a page that are no sentence: the reading-time badge
/// (`本文共924字，阅读约需2分钟`), the app-download banner (`某某日报 版 APP 下载`), the vendor
/// credit (`本站由某某软件提供技术支持`), the share hint (`打开微信“扫一扫”，即可将网页分享至朋友圈`),
/// the reprint disclaimer (`本文系转载…如有侵权请联系删除`), the search box
/// (`搜索：请输入关键词 | 高级检索`), the weather widget (`星期三 | 晴 18~26℃`) and the position
/// label (`位置：首页 » 栏目`). Each needs two marks of its own, so prose that names one word
/// (阅读, 下载, 技术支持, 侵权) stays prose.
pub(super) fn is_page_widget_line(s: &str) -> bool {
    let chars = s.chars().count();
    if chars > 60 {
        return false;
    }
    let lower = s.to_lowercase();
    let digits = lower.chars().any(is_digitish);
    // 本文共924字，阅读约需2分钟 / 全文约1200字，预计阅读时间3分钟
    if digits
        && (lower.starts_with("本文共")
            || lower.starts_with("全文共")
            || lower.starts_with("全文约"))
        && lower.contains("阅读")
        && lower.contains("分钟")
    {
        return true;
    }
    let sentence = has_sentence_end(s);
    // 某某日报 版 APP 下载, 客户端下载
    if !sentence
        && chars <= 30
        && (lower.ends_with("下载") || lower.ends_with("下载 "))
        && (lower.contains("app") || lower.contains("客户端"))
        && !lower.contains(['，', ','])
        // `某某教程_某某娱乐APP下载` is a brand glued onto a title, not a banner.
        && !lower.contains('_')
    {
        return true;
    }
    // 本站由某某提供技术支持, 本站由某某云提供计算服务
    if !sentence
        && chars <= 30
        && (lower.starts_with("本站") || lower.starts_with("本网") || lower.starts_with("网站"))
        && lower.contains('由')
        && lower.rfind("提供").is_some_and(|at| {
            let what = &lower[at + "提供".len()..];
            what.chars().count() <= 8
                && ["支持", "服务", "加速", "存储", "带宽", "托管"]
                    .iter()
                    .any(|w| what.ends_with(w))
        })
    {
        return true;
    }
    // 打开微信“扫一扫”，即可将网页分享至朋友圈
    if (lower.contains("扫一扫") || lower.contains("二维码"))
        && (lower.contains("分享") || lower.contains("朋友圈") || lower.contains("关注"))
        && chars <= 40
    {
        return true;
    }
    // 声明：本文系转载，版权归原作者所有，如有侵权请联系删除。
    if (lower.contains("如有侵权") || lower.contains("若有侵权"))
        && (lower.contains("删除") || lower.contains("联系"))
        && (lower.contains("转载") || lower.contains("版权"))
    {
        return true;
    }
    // 搜索：请输入关键词 | 高级检索
    if !sentence && (lower.contains("请输入关键词") || lower.contains("请输入关键字")) {
        return true;
    }
    // 星期三 | 晴 18~26℃
    if !sentence
        && chars <= 30
        && lower.contains(['℃', '°'])
        && (lower.contains("星期") || lower.contains("周"))
        && digits
        && !lower.contains(['，', ','])
    {
        return true;
    }
    // 转载请注明出处，谢谢合作！ — a reprint notice alone on its line, however it ends.
    if chars <= 24
        && [
            "转载请注明",
            "转载请保留",
            "转载务必注明",
            "未经允许不得转载",
            "未经许可不得转载",
        ]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        return true;
    }
    // 本网站著作权属于原作者，如有侵权请来信告知。 (Taiwan sites write 著作权 and 来信).
    if (lower.contains("如有侵权") || lower.contains("若有侵权"))
        && ["删除", "联系", "告知", "来信", "来函"]
            .iter()
            .any(|w| lower.contains(w))
        && ["转载", "版权", "著作权", "原作者"]
            .iter()
            .any(|w| lower.contains(w))
        && chars <= 40
    {
        return true;
    }
    // 下载APP，阅读更多精彩内容 / 打开某某APP，查看高清大图 / 关注公众号「某某」，回复“资料”免费领取…
    let app_promo = (lower.starts_with("下载") || lower.starts_with("打开"))
        && lower.contains("app")
        && [
            "阅读更多",
            "查看更多",
            "查看高清",
            "看更多",
            "阅读全文",
            "体验更佳",
        ]
        .iter()
        .any(|w| lower.contains(w));
    let account_promo = (lower.starts_with("关注") || lower.starts_with("扫码关注"))
        && (lower.contains("公众号") || lower.contains("微信号"))
        && (lower.contains("回复") || lower.contains("领取") || lower.contains("获取"));
    if (app_promo || account_promo) && !sentence && chars <= 40 {
        return true;
    }
    // 本页面最后更新于2021-03-04，总访问量12345: an update stamp with a visit counter.
    if chars <= 40 && lower.contains("最后更新") && digits && counters(&lower).next().is_some()
    {
        return true;
    }
    // 发布者：admin  发布时间：2019-04-11 01:48  阅读：25,872 次: a dated byline with a counter.
    if !sentence && chars <= 60 && has_date(&lower) && counters(&lower).next().is_some() {
        return true;
    }
    // 发布：某某编辑部　阅读量：95,892　收藏 ☆: a byline whose other field is a view counter.
    if !sentence && chars <= 60 && counters(&lower).next().is_some() && labels(&lower) >= 2 {
        return true;
    }
    // 12345人看过 · 67条评论: counts written before their unit.
    if !sentence && chars <= 30 && is_count_row(&lower) {
        return true;
    }
    // 目前位置：首页 ／ 栏目, 当前位置：首页 > 正文
    if let Some(rest) = ["目前位置", "当前位置", "您的位置", "现在位置"]
        .iter()
        .find_map(|w| lower.strip_prefix(w))
        && rest.trim_start().starts_with(['：', ':'])
        && rest.contains("首页")
        && !sentence
    {
        return true;
    }
    // 某某网 / 栏目 / 文章详情: a breadcrumb that ends at the article page.
    if !sentence && chars <= 40 {
        let segments: Vec<&str> = lower
            .split(['/', '／', '>', '＞', '»'])
            .map(str::trim)
            .collect();
        if segments.len() >= 3
            && segments
                .iter()
                .all(|g| !g.is_empty() && g.chars().count() <= 12)
            && ["文章详情", "正文", "详情", "内容详情", "文章内容"]
                .contains(segments.last().unwrap_or(&""))
        {
            return true;
        }
    }
    // 位置：网站首页 » 栏目
    if let Some(rest) = lower.strip_prefix("位置")
        && rest.trim_start().starts_with(['：', ':'])
        && rest.contains("首页")
        && !sentence
    {
        return true;
    }
    is_banner_line(&lower, sentence)
}

/// Promotions and notices a site puts around every page: the cookie banner, the browser
/// advice, the opinion disclaimer, the like prompt, the app banner, the reading-time badge,
/// the category and tag line, the site's slogan. Each needs two marks of its own.
fn is_banner_line(lower: &str, sentence: bool) -> bool {
    let chars = lower.chars().count();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    // 本站使用 Cookie 以提供更好的浏览体验，继续浏览即表示您同意。
    if chars <= 80
        && lower.contains("cookie")
        && has(&[
            "继续浏览",
            "继续使用",
            "点击同意",
            "点击接受",
            "接受全部",
            "接受所有",
        ])
    {
        return true;
    }
    // 建议使用 Chrome、Edge 最新版本浏览本站
    if chars <= 40
        && !sentence
        && (lower.starts_with("建议") || lower.starts_with("推荐") || lower.starts_with("为了"))
        && has(&[
            "chrome",
            "edge",
            "firefox",
            "safari",
            "火狐",
            "谷歌浏览",
            "360",
        ])
        && has(&["本站", "本网", "网站"])
    {
        return true;
    }
    // 声明：本文仅代表作者观点，不代表本站立场。
    if chars <= 60
        && has(&["仅代表作者", "仅代表个人", "仅代表原作者", "只代表作者"])
        && lower.contains("不代表")
        && has(&["立场", "观点"])
    {
        return true;
    }
    // 本站部分内容来源于网络，如有侵权请联系删除。
    if chars <= 50
        && has(&["如有侵权", "若有侵权", "如涉及侵权", "如有侵犯"])
        && has(&["删除", "联系"])
        && has(&["来源于网络", "来自网络", "源于网络", "来源网络", "网络转载"])
    {
        return true;
    }
    // 觉得有用？点个赞吧 👍 97
    if chars <= 30
        && has(&[
            "点个赞",
            "点赞吧",
            "给个赞",
            "点赞支持",
            "赞一个",
            "点个在看",
        ])
    {
        return true;
    }
    // 下载某某App 即时推送 / 扫码下载某某APP，随时随地… / APP内打开，体验更佳 >
    if chars <= 30
        && !sentence
        && has_app_word(lower)
        && has(&["下载", "打开", "扫码", "安装"])
        && has(&[
            "体验更佳",
            "体验更好",
            "即时推送",
            "随时随地",
            "更多精彩",
            "更流畅",
            "抢先看",
            "第一时间",
            "继续阅读",
            "阅读全文",
        ])
    {
        return true;
    }
    // 手机扫码继续阅读本页
    if chars <= 20
        && !sentence
        && lower.contains("扫码")
        && has(&["继续阅读", "手机阅读", "手机浏览"])
    {
        return true;
    }
    // 阅读约 7 分钟, 预计阅读时间 5 分钟 (with a heat or view count beside it)
    if chars <= 40
        && !sentence
        && has(&[
            "阅读约",
            "阅读需",
            "阅读时间",
            "阅读时长",
            "预计阅读",
            "分钟阅读",
            "分钟读完",
        ])
        && has_minutes(lower)
    {
        return true;
    }
    // 分类：系统运维　标签：debian、apt、安装
    let labelled = |w: &str| {
        lower
            .match_indices(w)
            .any(|(at, _)| lower[at + w.len()..].starts_with(['：', ':']))
    };
    if chars <= 80
        && !sentence
        && ["分类", "标签", "栏目", "频道", "tags", "tag"]
            .iter()
            .filter(|w| labelled(w))
            .count()
            >= 2
    {
        return true;
    }
    // Powered by Discuz! X3.4 / Processed in 0.051 second(s), 8 queries / GMT+8, 2024-1-1 12:00:
    // the engine's credit, timing and clock of a forum page.
    if chars <= 60
        && (["powered by ", "theme by ", "designed by "]
            .iter()
            .any(|w| lower.starts_with(w))
            || (lower.starts_with("processed in ") && lower.contains("queries"))
            || (lower.starts_with("gmt+") && has_date(lower)))
    {
        return true;
    }
    // 互联网新闻信息服务许可证：11120180001, 增值电信业务经营许可证：京B2-20090059
    if chars <= 60
        && !sentence
        && lower.find("许可证").is_some_and(|at| {
            at <= 3 * 14
                && lower[at + "许可证".len()..]
                    .chars()
                    .take(12)
                    .filter(|&c| is_digitish(c))
                    .count()
                    >= 4
                && ["服务", "业务", "经营", "视听", "出版"]
                    .iter()
                    .any(|w| lower[..at].contains(w))
        })
    {
        return true;
    }
    // 第1页 共3页: a pager.
    if chars <= 30 && is_pager(lower) {
        return true;
    }
    // 本文来自投稿，不代表本站立场
    if chars <= 40
        && lower.contains("不代表")
        && lower.contains("立场")
        && has(&["本站", "本网", "本平台", "本号", "本刊"])
    {
        return true;
    }
    // 如若转载，请注明出处 / 本文由某某原创，转载请联系作者获得授权
    if chars <= 30
        && ["本文", "如若", "如需", "如要", "若需", "欢迎", "原创文章"]
            .iter()
            .any(|w| lower.starts_with(w))
        && lower.contains("转载")
        && has(&[
            "注明出处",
            "请注明",
            "请联系",
            "获得授权",
            "获取授权",
            "保留",
        ])
    {
        return true;
    }
    // 觉得不错，就分享给朋友吧 / 喜欢就关注我们吧
    if chars <= 24
        && has(&[
            "分享给朋友",
            "分享给更多",
            "转发给朋友",
            "关注我们吧",
            "记得关注",
            "欢迎关注",
            "欢迎转发",
            "欢迎分享",
            "保存分享",
        ])
    {
        return true;
    }
    // 某某驿站 — 专注 Linux 运维十年: the site's name and its slogan.
    if chars <= 30 && !sentence && !lower.contains(['，', ',']) {
        for dash in ["—", "–", " - ", "｜", "|"] {
            if let Some((name, slogan)) = lower.split_once(dash) {
                let name = name.trim();
                let slogan = slogan.trim_start_matches(['—', ' ', '　']).trim();
                if name.chars().count() <= 12
                    && SITE_ENDINGS.iter().any(|e| name.ends_with(e))
                    && [
                        "专注",
                        "专业",
                        "您身边的",
                        "你身边的",
                        "中国领先",
                        "领先的",
                        "一站式",
                    ]
                    .iter()
                    .any(|w| slogan.starts_with(w))
                {
                    return true;
                }
            }
        }
    }
    false
}

/// `第1页 共3页`, `共 12 页 ｜ 第 2 页`: page numbers and nothing but pager words.
fn is_pager(lower: &str) -> bool {
    let mut rest = lower;
    let (mut page_no, mut pages) = (false, false);
    while let Some(c) = rest.chars().next() {
        let word = ["第", "共"].iter().find(|w| rest.starts_with(**w));
        if let Some(w) = word {
            let after = rest[w.len()..].trim_start();
            let digits = after.len() - after.trim_start_matches(is_digitish).len();
            let tail = after[digits..].trim_start();
            if digits > 0 && tail.starts_with('页') {
                if *w == "第" {
                    page_no = true;
                } else {
                    pages = true;
                }
                rest = &tail['页'.len_utf8()..];
                continue;
            }
            return false;
        }
        if let Some(n) = ["上一页", "下一页", "首页", "尾页", "末页"]
            .iter()
            .find(|w| rest.starts_with(**w))
            .map(|w| w.len())
        {
            rest = &rest[n..];
            continue;
        }
        if is_separator(c) || is_digitish(c) {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        return false;
    }
    page_no && pages
}

/// `app` as a word of its own or next to Han (`下载港闻App`, `APP内打开`), not inside `apple`
/// or `application`.
fn has_app_word(lower: &str) -> bool {
    lower.match_indices("app").any(|(at, m)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + m.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphabetic())
            && !after.is_some_and(|c| c.is_ascii_alphabetic())
    })
}

/// `约 7 分钟`, `3分钟`: a number of minutes.
fn has_minutes(lower: &str) -> bool {
    lower.match_indices("分钟").any(|(at, _)| {
        lower[..at]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(is_digitish)
    })
}
