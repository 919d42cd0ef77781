//! `spam/boilerplate`: page chrome left in scraped text, at the head or foot of the document:
//! 手机版, 打印 纠错, 微信扫一扫, 收听本文 00:00/00:00, 上一篇：…, 【字体：大 中 小】,
//! 版权所有 ©…, ICP备案号, counters, digit-only junk lines.
//!
//! A line is chrome when it is made entirely of chrome tokens (plus separators, numbers and at
//! most one site name such as 共产党员网), or when it starts with a chrome label (上一篇：,
//! 分享到：, 当前位置：) or is a copyright / ICP footer. Matching runs on the Simplified view
//! with annotations removed, so 手機(jī)版 matches 手机版. Only lines before the first and after
//! the last prose line are considered, and metadata (来源, 作者, dates) is never chrome.

use super::layout::{Plan, is_prose, simplified_line};
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix, Locale};
use crate::analysis::summary::SummarisedDocument;
use std::sync::LazyLock;

/// Lines longer than this are never chrome (footers included).
const MAX_CHROME_CHARS: usize = 200;
/// Label-led chrome lines (上一篇：…) longer than this are probably prose.
const MAX_LABELLED_CHARS: usize = 100;
/// A row of buttons with leftovers is at most this long.
const MAX_BUTTON_ROW_CHARS: usize = 40;
/// A site name beside buttons (共产党员网 打印 纠错) is at most this long.
const MAX_SITE_NAME_CHARS: usize = 12;

/// Buttons, widgets and navigation words; a line made only of these is chrome. Simplified,
/// lower case.
const TOKENS: &[&str] = &[
    "手机版",
    "手机版本",
    "电脑版",
    "网页版",
    "触屏版",
    "客户端",
    "欢迎使用手机浏览",
    "欢迎访问",
    "打印",
    "列印",
    "打印本页",
    "打印此页",
    "打印文章",
    "打印本文",
    "打印页面",
    "纠错",
    "我要纠错",
    "关闭",
    "关闭窗口",
    "关闭本页",
    "返回顶部",
    "回到顶部",
    "返回首页",
    "返回",
    "首页",
    "收藏",
    "加入收藏",
    "收藏本页",
    "分享",
    "分享到",
    "分享至",
    "扫一扫",
    "微信扫一扫",
    "手机扫一扫",
    "扫描二维码",
    "收听本文",
    "听新闻",
    "播放",
    "暂停",
    "字体",
    "字号",
    "相关阅读",
    "相关新闻",
    "相关文章",
    "推荐阅读",
    "延伸阅读",
    "相关链接",
    "热点推荐",
    "猜你喜欢",
    "热门文章",
    "精彩推荐",
    "相关推荐",
    "阅读量",
    "阅读数",
    "阅读",
    "浏览次数",
    "浏览量",
    "浏览",
    "点击数",
    "点击量",
    "点击",
    "访问量",
    "阅读次数",
    "次",
    "人阅读",
    "评论",
    "发表评论",
    "我要评论",
    "评论数",
    "登录",
    "注册",
    "退出",
    "繁体",
    "简体",
    "繁体版",
    "简体版",
    "无障碍",
    "长者模式",
    "微信",
    "微博",
    "新浪微博",
    "腾讯微博",
    "qq空间",
    "qq",
    "朋友圈",
    "豆瓣",
    "人人网",
    "复制链接",
    "链接已复制",
    "举报",
    "点赞",
    "赞",
    "在看",
    "网站地图",
    "联系我们",
    "关于我们",
    "设为首页",
    "rss",
    "订阅",
    "×",
    "✕",
    "✖",
    "上一页",
    "下一页",
    "尾页",
    "末页",
    "展开全文",
    "阅读全文",
    "显示全文",
    "查看原文",
    "原文链接",
    "进入专题",
    "全文",
    "原文",
    "我要分享",
    "一键分享",
    "分享本文",
    "收听",
    "朗读",
    "语音播报",
    "听全文",
    "大字版",
    "小字版",
    "默认",
    "视力保护色",
    "a+",
    "a-",
    "点击排行",
    "排行榜",
    "阅读排行",
    "热门排行",
    "热门点击",
    "本周排行",
    "本月排行",
    "转发",
    "回上一页",
    "回到页首",
    "回页首",
    "回顶部",
    "推文",
    "转录",
    "字型",
    "字型大小",
    "字体大小",
    "字号大小",
    "语音朗读",
    "语音播放",
    "请输入关键字",
    "请输入关键词",
    "请输入搜索内容",
    "请输入搜索关键词",
    "适老化版",
    "适老化",
    "老年版",
    "行动版",
    "桌面版",
    "回报错误",
    "错误回报",
    "请登录",
    "请登入",
    "免费注册",
    "立即注册",
    "立即登录",
    "用户登录",
    "会员登录",
    "会员登入",
];
/// More buttons and UI morphemes of forums (Discuz), WeChat mirrors, government portals and
/// Taiwan / Hong Kong sites (in their Simplified view): a line built from these is chrome
/// even when the exact wording is new.
const UI_MORPHEMES: &[&str] = &[
    "返回列表",
    "列表",
    "回复",
    "发表回复",
    "快速回复",
    "发帖",
    "发新帖",
    "新帖",
    "回帖",
    "楼主",
    "只看",
    "只看楼主",
    "只看该作者",
    "倒序浏览",
    "正序浏览",
    "阅读模式",
    "使用道具",
    "引用",
    "沙发",
    "板凳",
    "地板",
    "电梯直达",
    "查看",
    "帖子",
    "精华",
    "积分",
    "私信",
    "加好友",
    "发表于",
    "发布于",
    "关注",
    "取消关注",
    "点击关注",
    "扫码",
    "扫码关注",
    "二维码",
    "版权",
    "著作权",
    "转载",
    "隐私",
    "隐私政策",
    "隐私权政策",
    "隐私权",
    "声明",
    "免责声明",
    "法律声明",
    "政策",
    "备案",
    "标识码",
    "网站导览",
    "导览",
    "网站导航",
    "导航",
    "上一则",
    "下一则",
    "上一条",
    "下一条",
    "上一篇",
    "下一篇",
    "上一张",
    "下一张",
    "字级",
    "友善列印",
    "转寄",
    "寄给朋友",
    "回上页",
    "回首页",
    "回顶端",
    "回到顶端",
    "回到最上方",
    "置顶",
    "登入",
    "会员",
    "加入会员",
    "会员中心",
    "搜寻",
    "搜索",
    "站内搜索",
    "全文检索",
    "检索",
    "留言",
    "留言板",
    "写留言",
    "在线留言",
    "意见反馈",
    "反馈",
    "投稿",
    "我要投稿",
    "投诉",
    "帮助",
    "帮助中心",
    "更多",
    "查看更多",
    "加载更多",
    "倍速",
    "全屏",
    "静音",
    "音量",
    "重播",
    "已赞",
    "赞赏",
    "喜欢",
    "复制",
    "下载",
    "app",
    "公众号",
    "微信公众号",
    "视频号",
    "小程序",
    "百家号",
    "头条号",
    "官方微博",
    "官方微信",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "plurk",
    "噗浪",
    "电邮",
    "电邮分享",
    "line",
    "email",
    "e-mail",
    "无障碍浏览",
    "长辈版",
    "关怀版",
    "english",
    "繁体中文",
    "简体中文",
    "移动版",
    "图集",
    "查看原图",
    "原图",
    "放大",
    "缩小",
    "收起",
    "展开",
    "楼层",
    "点评",
    "举报",
    "标签",
    "分类",
    "栏目",
    "频道",
    "专题",
    "点阅次数",
    "点阅",
    "浏览人次",
    "人次",
    "宣告",
    "跳到主要内容区块",
    "跳到主要内容",
    "跳至主要内容",
    "写评论",
    "发表",
    "评论区",
    // The fixed sections of a government portal's menu bar.
    "政务服务",
    "政务公开",
    "信息公开",
    "政府信息公开",
    "互动交流",
    "公众参与",
    "办事服务",
    "网上办事",
    "数据开放",
    // Footer links of Hong Kong and Taiwan sites (私隱政策, 聯絡我們) and of portals.
    "私隐",
    "私隐政策",
    "私隐条款",
    "隐私条款",
    "使用条款",
    "服务条款",
    "用户协议",
    "联络我们",
    "广告服务",
    "广告合作",
    "广告查询",
    "友情链接",
    "主页",
];
/// Words that fill out a button label (只看该作者, 收藏本文) without being buttons themselves.
const FILLERS: &[&str] = &[
    "本文",
    "本页",
    "本站",
    "本帖",
    "本网",
    "我们",
    "该作者",
    "此页",
    "此文",
    "窗口",
    "页面",
    "文章",
    "全部",
    "一下",
    "好友",
    "朋友",
    "当前",
    "官方",
    "网站",
    "设定",
    "设置",
];

/// Function words that join clauses; page chrome has none between its buttons.
const CONJUNCTIONS: &[&str] = &[
    "或者", "或", "或是", "和", "与", "及", "以及", "并", "并且", "然后", "如果", "可以", "还是",
    "即", "也", "都", "再", "就", "后",
];

/// Font-size buttons count only next to 字体 / 字号 (a lone 中 is a word).
const FONT_SIZES: &[&str] = &["大", "中", "小", "默认", "特大", "标准", "t", "a", "aa"];
/// Size words of a bare font-size switch (`【大 中 小】`, `A- A A+`).
const SIZE_WORDS: &[&str] = &[
    "大", "中", "小", "特大", "默认", "标准", "a", "a+", "a-", "t",
];
/// Labels that start a chrome line whatever follows.
const LABEL_PREFIXES: &[&str] = &[
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "上篇",
    "下篇",
    "前一篇",
    "后一篇",
    "分享到",
    "分享至",
    "当前位置",
    "您的位置",
    "你的位置",
    "您现在的位置",
    "您所在的位置",
    "所在位置",
    "当前所在位置",
    "扫描二维码",
    "长按二维码",
    "长按识别二维码",
    "微信扫描二维码",
    "扫一扫",
    "手机扫一扫",
    "您当前的位置",
    "当前的位置",
    "你当前的位置",
    "上一则",
    "下一则",
    "上则",
    "下则",
    "上一主题",
    "下一主题",
    "本帖最后由",
    "发表于",
    "只看该作者",
    "点击上方",
    "点击蓝字",
    "点击关注",
    "长按识别",
    "长按扫码",
    "扫码关注",
    "预览时标签不可点",
    "继续滑动看下一个",
    "向上滑动看下一个",
    "轻触阅读原文",
    "喜欢此内容的人还喜欢",
    "主办单位",
    "承办单位",
    "协办单位",
    "主管单位",
    "技术支持",
    "网站标识码",
    "政府网站标识码",
    "网站地图",
    "免责声明",
    "版权声明",
    "转载声明",
];
/// Labels that start a chrome line only when a colon follows them (主办：某某局, but
/// 主办方表示…): the page's own link, the organiser block and the last-updated stamp of a
/// portal's footer.
const COLON_LABELS: &[&str] = &[
    "本文链接",
    "本文网址",
    "本文地址",
    "文章链接",
    "文章地址",
    "原文地址",
    "主办",
    "承办",
    "协办",
    "主管",
    "最后更新日期",
    "最后更新时间",
    "最后更新",
    "最近更新日期",
    "最近更新",
];
/// Words of a view or visit counter (浏览次数：1234, 总浏览人次：8045282, 您是第 123 位访客).
const COUNTER_WORDS: &[&str] = &[
    "浏览次数",
    "浏览人次",
    "浏览人数",
    "浏览量",
    "浏览",
    "点击数",
    "点击量",
    "点击率",
    "点击",
    "访问量",
    "访问人次",
    "访问次数",
    "访问",
    "访客",
    "阅读量",
    "阅读数",
    "阅读次数",
    "阅读",
    "点阅次数",
    "点阅",
    "人次",
    "人气",
    "评论",
    "点赞",
    "收藏",
    "转发",
];
/// Footers recognised anywhere in a short line.
const FOOTER_MARKS: &[&str] = &[
    "版权所有",
    "copyright",
    "icp备",
    "icp证",
    "公网安备",
    "公安机关备案号",
    "公安备案号",
    "all rights reserved",
    "未经授权禁止转载",
    "版权声明",
    "转载请注明",
    "未经许可不得转载",
    "不得转载",
    "禁止转载",
    "著作权属于",
    "著作权归",
    "版权归",
    "版权属于",
];
/// How a site name ends: 共产党员网, 新华网, 人民日报客户端.
const SITE_ENDINGS: &[&str] = &[
    "网",
    "站",
    "频道",
    "客户端",
    "报",
    "在线",
    "官网",
    "门户",
    ".com",
    ".cn",
    ".net",
];

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || is_decoration(c)
        || matches!(
            c,
            '【' | '】'
                | '['
                | ']'
                | '（'
                | '）'
                | '('
                | ')'
                | '|'
                | '｜'
                | '/'
                | '\\'
                | '·'
                | '•'
                | ':'
                | '：'
                | '>'
                | '»'
                | '<'
                | '«'
                | '›'
                | '-'
                | '—'
                | '_'
                | ','
                | '，'
                | '、'
                | ';'
                | '；'
                | '"'
                | '“'
                | '”'
                | '「'
                | '」'
                | '〉'
                | '〈'
                | '《'
                | '》'
                // Media, scroll and bullet glyphs of buttons: ▶ 播放, ▲ 回顶端, ↑ 点击上方.
                | '▶'
                | '►'
                | '▷'
                | '◀'
                | '◁'
                | '▲'
                | '△'
                | '▼'
                | '▽'
                | '↑'
                | '↓'
                | '←'
                | '→'
                | '⏸'
                | '⏯'
                | '・'
                | '◆'
                | '◇'
                | '■'
                | '□'
                | '●'
        )
}

/// Glyphs that decorate chrome without being words: block bars (`▌相关文章`), triangles and
/// stars (`热门文章 ▸ 更多`, `收藏 ☆`), technical symbols and pictographs (`⏱ 阅读约 7 分钟`,
/// `👍 12`). The close crosses (✕ ✖) are buttons of their own and stay tokens.
fn is_decoration(c: char) -> bool {
    matches!(c,
        '\u{2580}'..='\u{259F}'
        | '\u{25A0}'..='\u{25FF}'
        | '\u{2600}'..='\u{26FF}'
        | '\u{2190}'..='\u{21FF}'
        | '\u{2300}'..='\u{23FF}'
        | '\u{1F300}'..='\u{1FAFF}'
    ) || (('\u{2700}'..='\u{27BF}').contains(&c) && !matches!(c, '✕' | '✖'))
}

fn is_digitish(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A token list sorted by first character, so that the tokens able to start at a position
/// are one run found by binary search: the scan asks at every character of a candidate line,
/// against hundreds of tokens. Characters, not byte slices, are compared so that the search
/// makes no memcmp calls (which dominated fuzzing profiles).
struct SortedTokens(LazyLock<Vec<(char, &'static str)>>);

macro_rules! sorted_tokens {
    ($list:expr) => {
        SortedTokens(LazyLock::new(|| {
            let mut sorted: Vec<(char, &'static str)> = $list
                .iter()
                .filter_map(|t| Some((t.chars().next()?, *t)))
                .collect();
            sorted.sort_unstable();
            sorted
        }))
    };
}

static LABEL_PREFIXES_SORTED: SortedTokens = sorted_tokens!(LABEL_PREFIXES);
static COLON_LABELS_SORTED: SortedTokens = sorted_tokens!(COLON_LABELS);
static TOKENS_SORTED: SortedTokens = sorted_tokens!(TOKENS);
static UI_MORPHEMES_SORTED: SortedTokens = sorted_tokens!(UI_MORPHEMES);
static COUNTER_WORDS_SORTED: SortedTokens = sorted_tokens!(COUNTER_WORDS);
static FILLERS_SORTED: SortedTokens = sorted_tokens!(FILLERS);
static FONT_SIZES_SORTED: SortedTokens = sorted_tokens!(FONT_SIZES);

/// The length of the longest token of `tokens` at the start of `s`.
fn longest_at(s: &str, tokens: &SortedTokens) -> Option<usize> {
    let first = s.chars().next()?;
    let sorted: &[(char, &str)] = &tokens.0;
    let from = sorted.partition_point(|&(c, _)| c < first);
    let head = s.as_bytes();
    sorted[from..]
        .iter()
        .take_while(|&&(c, _)| c == first)
        // The token's last byte before the memcmp: most candidates differ there.
        .filter(|(_, t)| {
            let t = t.as_bytes();
            head.get(t.len() - 1) == t.last() && head.starts_with(t)
        })
        .map(|(_, t)| t.len())
        .max()
}

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
    let copyright_notice = is_copyright_notice(&lower);
    let footer = copyright_notice
        || FOOTER_MARKS
            .iter()
            .any(|m| *m != "copyright" && has_footer_mark(&lower, m));
    let registration = copyright_notice
        || ["icp备", "icp证", "公网安备", "备案号"]
            .iter()
            .any(|m| has_registration_number(&lower, m))
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

fn has_sentence_end(s: &str) -> bool {
    s.contains(['。', '！', '？', '!', '?'])
}

/// `首页 > 新闻 > 社会`, `新闻中心 » 地方动态 » 正文`: short segments between two or more
/// breadcrumb arrows, or one arrow after a home link.
fn is_breadcrumb(s: &str) -> bool {
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
fn is_home_trail(s: &str) -> bool {
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

/// `Copyright © 2014-2025 某某网`, `Copyright (c) 2020`, `copyright 2019 某某`, `© Copyright`:
/// the word with a ©, a (c) or a year beside it. The word alone is also the name of a file
/// and of a manual section (`4.2. copyright`, `--copyright gpl2`, `12.5 "Copyright
/// information"`), which are prose.
fn is_copyright_notice(lower: &str) -> bool {
    lower.match_indices("copyright").any(|(at, m)| {
        let after = lower[at + m.len()..].trim_start_matches([' ', '　', ':', '：']);
        let before = lower[..at].trim_end();
        after.starts_with(['©', '®'])
            || after.starts_with("(c)")
            || after.starts_with("&copy;")
            || starts_with_year(after)
            || before.ends_with('©')
    })
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

/// `某某在线 NEWS ｜ 主页 ｜ 港闻 ｜ 财经 ｜ 科技`, `首页 · 教程 · 问答 · 下载 · 论坛`,
/// `某某法规网 ｜ 法律法规 ｜ 司法解释 ｜ 裁判文书`: a site's menu bar, four or more short
/// section names between pipes or dots, with a home link among them or the site's name
/// first. A table row or a keyword list between pipes has neither.
fn is_nav_bar(s: &str) -> bool {
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

/// Whether `mark` occurs in `s` as itself, not inside a longer word: 版权所有者 (the copyright
/// owner) and 版权所有人 are subjects of sentences, not the 版权所有 of a footer.
fn has_footer_mark(s: &str, mark: &str) -> bool {
    s.match_indices(mark).any(|(at, m)| {
        let next = s[at + m.len()..].chars().next();
        mark != "版权所有" || !next.is_some_and(|c| "者人权方".contains(c))
    })
}

/// `京ICP备05070218号`, `ICP证：B2-2009`, `公网安备 11010502000001号`: a registration mark with
/// its number; a sentence about ICP备案 (网站应当依法办理ICP备案手续) has none.
fn has_registration_number(s: &str, mark: &str) -> bool {
    s.match_indices(mark).any(|(at, m)| {
        s[at + m.len()..]
            .chars()
            .take(8)
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    })
}

/// Where a counter word starts in `s` and how long it is, for each counter word followed by a
/// number (after separators and brackets: `点击：[123]次`, `阅读 1,024`).
fn counters(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
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
fn is_counter_line(s: &str) -> bool {
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

/// `欢迎访问某某市人民政府网站！`, `欢迎光临本站`: a site's greeting line.
fn is_welcome_line(s: &str) -> bool {
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
fn is_today_line(s: &str) -> bool {
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
fn is_page_widget_line(s: &str) -> bool {
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
    // 本站由某某提供技术支持
    if !sentence
        && chars <= 30
        && lower.ends_with("提供技术支持")
        && (lower.starts_with("本站") || lower.starts_with("本网") || lower.starts_with("网站"))
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

/// How many field labels (`发布：`, `阅读量:`) `s` holds; the colon of a time (16:26) is none.
fn labels(s: &str) -> usize {
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
fn has_date(s: &str) -> bool {
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

/// Units a page writes after a count (12345人看过, 67条评论, 8次播放).
const COUNT_UNITS: &[&str] = &[
    "人已阅",
    "人已阅读",
    "人读过",
    "热度",
    "次围观",
    "人围观",
    "人看过",
    "人阅读",
    "人浏览",
    "人已读",
    "次浏览",
    "次阅读",
    "次播放",
    "条评论",
    "人评论",
    "人点赞",
    "个赞",
    "人收藏",
    "人关注",
    "人喜欢",
    "次下载",
];

/// `12345人看过 · 67条评论`: one or more counts with their units, and little else.
fn is_count_row(s: &str) -> bool {
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

/// `联系电话：0731-5829　地址：某某路 1 号`, `地址：… 邮编：… 电话：…`: a footer's contact block, two
/// or more labelled contact fields and no sentence.
fn is_contact_line(s: &str) -> bool {
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
fn is_service_line(s: &str) -> bool {
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

/// `【大 中 小】`, `[ 大 中 小 ]`, `A- A A+`: three or more size words and nothing else.
fn is_font_size_row(s: &str) -> bool {
    let mut sizes = 0;
    for word in s.split(|c: char| is_separator(c)).filter(|w| !w.is_empty()) {
        if !SIZE_WORDS.contains(&word) {
            return false;
        }
        sizes += 1;
    }
    sizes >= 3
}

/// `建议使用 Chrome 浏览器，最佳分辨率 1920×1080`: the browser advice of a footer.
fn is_browser_advice(lower: &str) -> bool {
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

/// `隐私权政策 | 资讯安全政策 | 政府网站资料开放宣告`: a row of three or more short links between
/// pipes, at least half of which hold a UI or footer word.
fn is_link_row(s: &str) -> bool {
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
fn is_made_of_tokens(s: &str, extra: &[String]) -> bool {
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

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    findings(&Plan::of(doc), doc.locale, out);
}

/// [`detect`] on a summarised document (its ends).
pub fn detect_summarised(doc: &SummarisedDocument, out: &mut Vec<Finding>) {
    findings(doc.layout(), doc.locale, out);
}

/// The findings of a document's spam layout.
pub fn findings(plan: &Plan, locale: Locale, out: &mut Vec<Finding>) {
    for &i in &plan.chrome {
        let line = plan.lines[i];
        let content = plan.line_text(i);
        let lead = content.len() - content.trim_start().len();
        let range = line.start + lead..line.start + content.trim_end().len();
        let shown: String = content.trim().chars().take(30).collect();
        let message = locale.pick(
            format!("网页模板文字，非正文：「{shown}」"),
            format!("page chrome, not body text: “{shown}”"),
        );
        let title = locale.pick("删除此行", "Delete this line");
        out.push(
            Finding::new(Code::Boilerplate, range, message).with_fix(Fix {
                title,
                range: plan.deletion(i, i),
                replacement: String::new(),
                safe: true,
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Code;
    use crate::analysis::spam::{flagged, without_spam};

    fn chrome(line: &str) -> bool {
        is_chrome(&simplified_line(line), &[])
    }

    #[test]
    fn sorted_lookup_finds_the_longest_token_like_a_plain_scan() {
        let lists: [(&[&str], &SortedTokens); 7] = [
            (LABEL_PREFIXES, &LABEL_PREFIXES_SORTED),
            (COLON_LABELS, &COLON_LABELS_SORTED),
            (TOKENS, &TOKENS_SORTED),
            (UI_MORPHEMES, &UI_MORPHEMES_SORTED),
            (COUNTER_WORDS, &COUNTER_WORDS_SORTED),
            (FILLERS, &FILLERS_SORTED),
            (FONT_SIZES, &FONT_SIZES_SORTED),
        ];
        let plain = |s: &str, list: &[&str]| {
            list.iter()
                .filter(|t| s.starts_with(**t))
                .map(|t| t.len())
                .max()
        };
        for (list, sorted) in lists {
            for token in list {
                for s in [
                    token.to_string(),
                    format!("{token}x"),
                    format!("{token}{token}"),
                    token.chars().skip(1).collect(),
                    format!("「{token}"),
                ] {
                    assert_eq!(longest_at(&s, sorted), plain(&s, list), "{s:?}");
                }
            }
            assert_eq!(longest_at("", sorted), None);
        }
    }

    #[test]
    fn recognises_chrome_lines_in_both_scripts() {
        for line in [
            "手机版",
            "手機(jī)版",
            "歡迎使用手機瀏覽",
            "1 1 1",
            "共產(chǎn)黨員網(wǎng) 打印 糾錯(cuò)",
            "微信掃一掃 ×",
            "收聽本文 00:00/00:00",
            "【字体：大 中 小】【打印】【关闭】",
            "【字體：大 中 小】",
            "分享到：微信 微博 QQ空间",
            "上一篇：关于做好春节期间工作的通知",
            "下一篇：商务部召开例行新闻发布会",
            "打印本页 关闭窗口",
            "返回顶部",
            "相关阅读",
            "版权所有 © 2003-2023 新华网 All Rights Reserved",
            "京ICP备05070218号",
            "扫描二维码 关注我们",
            "扫一扫在手机打开当前页",
            "阅读量：1234",
            "浏览次数：56 次",
            "点击排行",
            "当前位置：首页 > 新闻中心 > 正文",
            "首頁 > 新聞 > 社會",
        ] {
            assert!(chrome(line), "{line}");
        }
    }

    #[test]
    fn page_widgets_reading_time_app_banner_share_hint_disclaimer_weather() {
        for line in [
            "本文共924字，阅读约需2分钟",
            "本文共3767字，閱讀約需14分鍾",
            "黄冈师范学院教务处 版 APP 下载",
            "萍鄉新聞網 版 客戶端 下載",
            "本站由万户网络提供技术支持",
            "打开微信“扫一扫”，即可将网页分享至朋友圈",
            "声明：本文系转载，版权归原作者所有，如有侵权请联系删除。",
            "聲明：本文系轉載，版權歸原作者所有，如有侵權請聯系刪除。",
            "搜索：请输入关键词 | 高级检索",
            "星期三 | 晴 18~26℃",
            "位置：网站首页 » 校园要闻 » 教学科研",
            "◆ 当前位置 ◆ 首页 - 部门动态",
            "公安机关备案号：36676962297328",
            "网友评论 0 条",
            "点赞(15) 收藏(3)",
            "（编辑：刘思远　审核：龙海燕）【我要纠错】",
        ] {
            assert!(
                chrome(line) || is_metadata_chrome(&simplified_line(line)),
                "{line}"
            );
        }
    }

    #[test]
    fn page_widget_near_misses_stay_prose() {
        for line in [
            "本文共分三个部分，阅读时请注意第二部分的例子。",
            "用户可以在官网下载最新版本的客户端，安装后重启。",
            "该项目由学校网络中心提供技术支持，师生均可申请使用。",
            "如有侵权行为，权利人可依法向人民法院提起诉讼。",
            "一、关于位置的说明",
            "位置：湘潭市雨湖区建设路12号",
            "今年夏季气温偏高，7月平均气温达到30℃以上。",
            "/home/<username>/texmf/texdoc/texdoc.cnf",
            "（一）评论 3 篇文章的写法",
        ] {
            assert!(!chrome(line), "{line}");
        }
    }

    #[test]
    fn near_misses_are_not_chrome() {
        for line in [
            "打印机故障导致生产线停工",
            "在重大斗爭中把基層黨組織鍛造得更加堅(jiān)強(qiáng)",
            "中共安徽省委組織部",
            "中国新闻网",
            "2023",
            "3",
            "中",
            "本文版权所有者表示，不追究转载责任。",
            "分享经济正在改变城市生活。",
        ] {
            assert!(!chrome(line), "{line}");
        }
    }

    #[test]
    fn home_trails_font_switches_link_rows_and_footers() {
        for line in [
            "位置：首页 / 社会民生",
            "位置：首页 - 乡村振兴",
            "首页 | 财经 | 专题专栏 | 国内新闻 | 互动交流",
            "首頁 | 政務公開 | 國內新聞",
            "【大 中 小】",
            "[ 大 中 小 ]",
            "字体：T | T | T",
            "字型大小 A- A A+",
            "听新闻 ▶ 00:00 / 04:36",
            "▲ 回頂端",
            "回上一頁  回到頁首",
            "↑ 点击上方“某某资讯”关注我们",
            "推文 轉錄 回文",
            "隱私權政策 | 資訊安全政策 | 政府網站資料開放宣告",
            "本網站著作權屬於某某時報網，轉載請註明出處",
            "建議使用 Chrome、Edge 最新版本瀏覽，最佳解析度 1920×1080",
            "建议使用IE9以上版本浏览器",
            "本站最佳浏览分辨率 1366*768",
        ] {
            assert!(chrome(line), "{line}");
        }
        for line in [
            "首页设计获得好评，按钮的位置也作了调整。",
            "位置信息设置",
            "大中小学校",
            "北京 | 上海 | 广州 | 深圳",
            "依著作權法規定，著作財產權存續於著作人之生存期間。",
            "本书版权所有，翻印必究，这行小字印在扉页的最下方。",
            "推荐使用分辨率较高的显示器，效果更好。",
            "\u{1b}[33;1m      *\u{1b}[;m 点阵字体（低分辨率栅格化下表现良好）",
            "型別：main > contrib > non-free",
            "優先順序：需要 > 重要 > 標準 > 可選 > 額外",
            "GNOME3 桌面：“設定” → “系統” → “詳細資訊”",
            "簡言之，gentoo 的 copyright 文件如下所示：",
            "本站分站：安仁县 > 金安区 > 康定市 > 迭部县 > 洛江区 > 昭苏县 > 茌平 > 麒麟区",
        ] {
            assert!(!chrome(line), "{line}");
        }
    }

    #[test]
    fn reprint_notices_app_promos_counts_and_article_trails() {
        for line in [
            "转载请注明出处，感谢支持！",
            "本站文章著作权归原作者所有，如有侵权请来信告知。",
            "下载APP，查看更多精彩评论",
            "打开某某日报APP，阅读全文",
            "关注公众号「读书会」，回复“书单”免费领取",
            "本页面最后更新于2019-02-11，总浏览量30412",
            "30412人看过 · 18条评论",
            "发布者：editor  发布时间：2018-05-02 10:21  阅读：9,112 次",
            "目前位置：首页 ／ 诗词赏析",
            "某某资讯网 / 读书 / 文章详情",
        ] {
            assert!(is_chrome(&simplified_line(line), &[]), "{line}");
        }
    }

    #[test]
    fn prose_about_reprints_apps_counts_and_paths_stays_prose() {
        for line in [
            "转载文章时，请务必注明出处并保留作者署名，否则将追究法律责任。",
            "下载这个应用以后，打开它就能看到全部的内容和评论。",
            "关注公众号的人越来越多，很多读者通过它获取新闻。",
            "这篇文章发表于2019-02-11，当时有30412人看过，引发了很多讨论。",
            "全书共有30412人参与调查，其中18条意见被采纳。",
            "配置文件放在 /etc/apt / sources.list 里。",
            "作者：林晓  发布时间：2018-05-02",
        ] {
            assert!(!is_chrome(&simplified_line(line), &[]), "{line}");
        }
    }

    #[test]
    fn counters_greetings_dates_contacts_and_organisers() {
        for line in [
            "總瀏覽人次：8045282",
            "网站访问量：1234567",
            "您是第 123456 位访客",
            "累计访问：98765 人次",
            "欢迎访问河源市自然资源局网站！",
            "歡迎訪問黔東南州人民政府網站！",
            "今天是2024年1月25日 星期二",
            "联系电话：0623-79064827　地址：泉州市滨江大道201号",
            "地址：403臺中市西區某某路97號　電話：(07)2896-3344",
            "主办：河源市自然资源局　承办：市大数据中心",
            "最後更新日期：2019/04/03",
            "本文链接：http://www.qz.gov.cn/art/2021/11/13/art_4404_830200.html",
            "请输入关键字 搜索",
            "语音朗读 ▶",
            "字級設定：小 中 大",
            "政务服务 | 政府信息公开 | 互动交流 | 走进嘉兴",
            "隱私權及資安政策 | 政府網站資料開放宣告",
        ] {
            assert!(chrome(line), "{line}");
        }
        for line in [
            "浏览次数的统计方法将在下一节说明。",
            "访问 2 次以上的用户占三成，阅读时长平均为 5 分钟。",
            "欢迎访问的客人先到前台登记，再去会议室。",
            "今天是个好日子，星期天我们去公园。",
            "联系人：王老师，联系电话：0731-5829000。",
            "地址：长沙市岳麓区麓山南路 932 号",
            "主办方表示，活动将持续三天。",
            "北京 | 上海",
            "本文链接的有效性由作者负责",
        ] {
            assert!(!chrome(line), "{line}");
        }
    }

    #[test]
    fn copyright_owners_and_icp_sentences_are_prose() {
        for line in [
            "版权所有者有权禁止他人未经许可复制其作品。",
            "网站开办者应当依法办理ICP备案手续，未经备案不得从事互联网信息服务。",
            "播放(或者 播放/暫停）",
            "版權人可以在授權書中限制使用範圍。",
        ] {
            assert!(!chrome(line), "{line}");
        }
        for line in [
            "版权所有 翻印必究",
            "湘ICP备05001234号-1",
            "京公网安备 11010502000001号",
            "版权所有：红网",
        ] {
            assert!(chrome(line), "{line}");
        }
    }

    #[test]
    fn bylines_with_counters_or_buttons_are_chrome() {
        let body = "这是正文的第一句话，内容比较长，用来充当正文。";
        let text = format!(
            "标题\n发布日期：2017-12-12 09:04    作者：冯佳琪    点击数：5142\n{body}\n{body}\n日期：2016-03-05 作者：何文斌 【打印】\n"
        );
        assert_eq!(
            flagged(&text, Code::Boilerplate),
            [
                "发布日期：2017-12-12 09:04    作者：冯佳琪    点击数：5142",
                "日期：2016-03-05 作者：何文斌 【打印】"
            ]
        );
        // A plain byline stays metadata.
        let text = format!("标题\n发布日期：2017-12-12　来源：本网\n{body}\n责任编辑：张三\n");
        assert!(flagged(&text, Code::Boilerplate).is_empty());
        assert!(is_metadata_chrome(&simplified_line(
            "發布日期：2021-10-02　點閱次數：26"
        )));
        assert!(is_metadata_chrome(
            "时间：2020-01-01　来源：教务处　点击：[123]次"
        ));
        assert!(!is_metadata_chrome("来源：新华网　作者：林晓"));
        assert!(!is_metadata_chrome("来源：阅读理解 第 3 期"));
    }

    #[test]
    fn related_article_bullets_among_footer_chrome() {
        let body = "这是正文的第一句话，内容比较长，用来充当正文。";
        let text = format!(
            "{body}\n相关阅读\n· 我市开展冬季安全生产大检查\n· 图解：一图读懂政府工作报告\n京ICP备12345678号\n"
        );
        assert_eq!(
            flagged(&text, Code::Boilerplate),
            [
                "相关阅读",
                "· 我市开展冬季安全生产大检查",
                "· 图解：一图读懂政府工作报告",
                "京ICP备12345678号"
            ]
        );
        // Bullets that close a document without chrome beside them are content.
        let text = format!("{body}\n· 第一项：完善制度建设\n· 第二项：加强队伍管理\n");
        assert!(flagged(&text, Code::Boilerplate).is_empty());
    }

    #[test]
    fn entity_semicolons_do_not_make_a_title_prose() {
        let text = "楼主 | 只看该作者 | 倒序浏览\n\n一&#26354;《貂蝉》首次完&ensp;整推出中西合奏\n\n扫一扫在手机打开当前页\n\n  《貂蝉》由钱兆熹作曲，王宁配器，是一部四乐章笛子与管弦乐协奏曲。\n";
        assert_eq!(
            flagged(text, Code::Boilerplate),
            ["楼主 | 只看该作者 | 倒序浏览", "扫一扫在手机打开当前页"]
        );
    }

    #[test]
    fn only_head_and_foot_are_considered() {
        let body = "这是正文的第一句话，内容比较长，用来充当正文。";
        let text = format!("{body}\n\n打印 关闭\n\n{body}\n");
        assert!(flagged(&text, Code::Boilerplate).is_empty());
    }

    #[test]
    fn marked_chrome_between_the_first_body_lines() {
        let body = "这是正文的第一句话，内容比较长，用来充当正文。";
        let text = format!("{body}\n登錄 | 註冊\n【打印】【關閉】\n{body}\n{body}\n");
        assert_eq!(
            flagged(&text, Code::Boilerplate),
            ["登錄 | 註冊", "【打印】【關閉】"]
        );
        // Mojibake of 责任编辑 holds two », yet is no breadcrumb.
        assert!(!chrome("è´£ä»»ç¼–è¾‘"));
        assert!(chrome("新闻中心 » 地方动态 » 正文"));
        assert!(chrome("只看该作者"));
        assert!(chrome("回复 引用 举报 #3楼"));
        assert!(!chrome("关注民生 回应关切"));
        assert!(!chrome("上一篇论文讨论的是选题，下一篇将讨论综述。"));
    }

    #[test]
    fn byte_exact_span_and_fix() {
        let text = "手机版\n\n标题\n\n这是正文的第一句话，内容比较长。\n\n返回顶部";
        let findings = crate::analysis::check(text, &crate::analysis::Config::default());
        let chrome: Vec<_> = findings
            .iter()
            .filter(|f| f.code == Code::Boilerplate)
            .collect();
        assert_eq!(chrome.len(), 2);
        assert_eq!(chrome[0].range, 0.."手机版".len());
        assert_eq!(chrome[0].fixes[0].range, 0.."手机版\n\n".len());
        assert!(chrome[0].fixes[0].safe);
        assert_eq!(&text[chrome[1].range.clone()], "返回顶部");
        assert_eq!(
            without_spam(text),
            "标题\n\n这是正文的第一句话，内容比较长。\n"
        );
    }

    #[test]
    fn configured_phrases() {
        let config = crate::analysis::Config::from_toml("boilerplate = [\"本站聲明\"]").unwrap();
        let text = "这是正文的第一句话，内容比较长。\n本站声明：本文仅代表作者观点\n";
        let found = crate::analysis::check(text, &config);
        assert_eq!(
            found.iter().filter(|f| f.code == Code::Boilerplate).count(),
            1
        );
        assert!(flagged(text, Code::Boilerplate).is_empty());
    }

    #[test]
    fn crlf_lines() {
        let text = "打印\r\n正文很长的一句话，写了又写，还有很多字。\r\n返回顶部\r\n";
        assert_eq!(flagged(text, Code::Boilerplate), ["打印", "返回顶部"]);
        assert_eq!(
            without_spam(text),
            "正文很长的一句话，写了又写，还有很多字。\r\n"
        );
    }

    #[test]
    fn share_bars_menu_bars_and_footer_links_of_other_sites() {
        for line in [
            "分享到：WhatsApp　Telegram　LinkedIn",
            "WhatsApp 分享 | 電郵分享",
            "▌熱門文章",
            "★ 相关推荐",
            "私隱條款 ｜ 服務條款 ｜ 聯絡我們",
            "关于我们 | 广告合作 | 友情链接",
            "某某快讯 NEWS ｜ 主頁 ｜ 要聞 ｜ 體育 ｜ 娛樂",
            "首页 · 专栏 · 视频 · 社区 · 登录",
            "某某财经网 ｜ 股票 ｜ 基金 ｜ 期货 ｜ 外汇",
            "当前：首页 / 读书 / 书评",
            "行動版 | 桌面版",
            "某某書房 列印 回報錯誤",
        ] {
            assert!(chrome(line), "{line}");
        }
        for line in [
            "互联网 | 物联网 | 车联网 | 区块链",
            "新华网 · 人民网 · 央视网 · 光明网",
            "名称 | 类型 | 长度 | 说明",
            "张三 · 李四 · 王五 · 赵六",
            "当前：内核版本 5.10",
        ] {
            assert!(!chrome(line), "{line}");
        }
    }

    #[test]
    fn greetings_service_lines_and_site_notices() {
        for line in [
            "欢迎光临，祝您浏览愉快！",
            "你好，欢迎来到某某社区！ [请登录] [免费注册]",
            "客服热线：400-820-1234（每日 8:00-22:00）",
            "客服邮箱：service@example.com",
            "本网站使用 Cookie 来改善体验，继续使用即表示您接受。",
            "建议使用 Safari、Edge 最新版访问本网站",
            "本文仅代表作者观点，不代表本网立场。",
            "文章来源于网络，若有侵权请联系我们删除",
            "喜欢这篇文章就点个赞吧 👏",
            "某某学习网 — 专注考研辅导二十年",
        ] {
            assert!(chrome(line), "{line}");
        }
        for line in [
            "欢迎光临的客人请先到前台登记",
            "浏览器会把 Cookie 保存在本地，用户可以随时清除。",
            "建议使用最新版本的 Firefox 进行测试。",
            "客服人员应当在 24 小时内答复投诉。",
            "联系人：李明　电话：0571-8888 1234　邮箱：li@example.org",
            "他说这篇文章值得点赞，因为写得很细致，读完让人受益良多。",
            "某某大学图书馆 — 专注古籍修复",
        ] {
            assert!(!chrome(line), "{line}");
        }
    }

    #[test]
    fn app_banners_reading_badges_bylines_and_tag_lines() {
        for line in [
            "打开某某新闻APP，体验更佳",
            "扫码下载某某App 随时随地看新闻",
            "手机扫码继续阅读",
            "⌚ 预计阅读 4 分钟 · 👁 12,345 热度",
            "发布人：编辑组　浏览量：1,234　收藏 ★",
            "分类：前端开发　标签：css、html",
            "12,345 人已阅",
        ] {
            assert!(chrome(line), "{line}");
        }
        for line in [
            "下载 App 后打开设置页面。",
            "每天坚持阅读 30 分钟",
            "分类：一级",
            "Apple 应用商店下载量第一",
            "某某教程_某某娱乐APP下载",
        ] {
            assert!(!chrome(line), "{line}");
        }
        assert!(is_metadata_chrome("更新时间：08:12 ｜ 3,210 人已阅"));
        assert!(!is_metadata_chrome("更新时间：2024-03-08 08:12"));
    }

    #[test]
    fn numbered_headings_and_copyright_files_are_body() {
        for line in [
            "4.2. copyright",
            "7.3. 登录",
            "3.1 字型",
            "本节介绍 copyright 文件的格式，参见政策手册 12.5 节。",
            "用 --copyright gpl2 参数生成模板",
        ] {
            assert!(!chrome(line), "{line}");
        }
        for line in [
            "Copyright © 2010-2024 某某网",
            "copyright (c) 2019 某某公司",
            "© Copyright 2021",
            "1 1 1",
        ] {
            assert!(chrome(line), "{line}");
        }
        let body = "本章说明软件包的版权文件应当如何填写，以及上游许可证的要求。";
        let text = format!(
            "4.2. copyright\n\n{body}\n{body}\n五、联系我们\n联系人：李明　电话：0571-8888 1234　邮箱：li@example.org\n{body}\n"
        );
        assert!(flagged(&text, Code::Boilerplate).is_empty());
    }
}
