//! The words of appended keyword lists: the heads SEO blocks, tag rows and abstracts put
//! before their items, portal topic words, and the endings of place and site names.

use super::MAX_ITEM_CHARS;

/// Labels that announce an SEO keyword block.
pub(super) const SEO_LABELS: &[&str] = &[
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
pub(super) const KEYWORD_LABELS: &[&str] =
    &["关键词", "关键字", "keywords", "keyword", "key words"];
/// How the heads of SEO blocks end, whatever comes before (大家都在搜, 推荐专题, 站点导航,
/// TAG标签, 附近城市): tag-like ends and place-like ends.
pub(super) const TAG_LABEL_ENDINGS: &[&str] = &[
    "标签", "专题", "导航", "热词", "站群", "推荐", "分类", "tag", "tags",
];
pub(super) const SEO_LABEL_ENDINGS: &[&str] = &["城市", "地区", "区域", "分站", "县市", "热搜"];
/// Labels that a real blog also uses for a few tags.
pub(super) const TAG_LABELS: &[&str] = &[
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
pub(super) fn is_topic(item: &str) -> bool {
    TOPIC_WORDS.iter().any(|t| t.eq_ignore_ascii_case(item))
}

pub(super) fn has_place_suffix(item: &str) -> bool {
    let n = item.chars().count();
    (2..=MAX_ITEM_CHARS).contains(&n) && item.ends_with(PLACE_SUFFIXES) && item.chars().all(is_cjk)
}

fn is_cjk(c: char) -> bool {
    crate::analysis::script::is_han(c)
}

pub(super) fn has_site_suffix(item: &str) -> bool {
    let n = item.chars().count();
    (3..=10).contains(&n) && SITE_SUFFIXES.iter().any(|x| item.ends_with(x))
}
