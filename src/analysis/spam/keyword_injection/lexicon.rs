//! The words of injected brands and of the writing that excuses them: brand stems, gambling
//! morphemes, commercial suffixes, gambling-topic, law-enforcement and sport words, and the
//! one automaton that finds them all in the Simplified view.

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Means spam on its own (百家乐, 新葡京).
    Brand,
    /// A brand only with a commercial suffix (金沙娱乐, not 金沙江).
    Ambiguous,
    /// Gambling vocabulary of legitimate reporting (赌博, 博彩, 彩民).
    Topic,
    /// Law-enforcement vocabulary (查处, 警方).
    Legal,
    /// A gambling morpheme that takes a made-up name in front (鑫鼎娱乐, bet9527体育).
    Morpheme,
    /// Honest writing about sport and games (比赛, 运动员): excuses a Han-named …体育.
    Sport,
}

/// Morphemes of [`Kind::Morpheme`]: they fire only with a name in front and either a hard
/// suffix (…娱乐官网) or repetition in three sentences.
pub(super) const MORPHEMES: &[&str] = &["娱乐", "体育", "电竞", "国际"];
/// Morphemes that name a gambling, loan or streaming site only with a hard suffix after them
/// (卓越彩官网, 秒批贷官网, 蜜桃直播app下载, 天游平台官方网站): honest text writes 色彩, 信贷,
/// 现场直播 and 服务平台, but not followed by 官网 or 注册送.
pub(super) const HARD_ONLY_MORPHEMES: &[&str] = &["彩", "贷", "直播", "平台", "影院"];
/// What follows 娱乐 / 体育 in honest text (娱乐圈, 体育馆, 体育总局…).
pub(super) const HONEST_MORPHEME_FOLLOWERS: &[char] = &[
    '圈', '节', '活', '设', '场', '项', '产', '业', '新', '明', '行', '休', '性', '化', '公', '版',
    '频', '方', '生', '消', '功', '界', '文', '传', '星', '资', '八', '记', '馆', '局', '总', '课',
    '老', '运', '比', '赛', '事', '精', '锻', '中', '用', '部', '学', '大', '教', '强', '健', '器',
    '组', '委', '协', '工', '人', '竞', '类', '与', '和', '等', '的', '、',
];

const BRANDS: &[&str] = &[
    "新葡京",
    "葡京娱乐",
    "百家乐",
    "时时彩",
    "六合彩",
    "娱乐城",
    "真人视频",
    "真人荷官",
    "老虎机",
    "北京赛车",
    "pk10",
    "金宝博",
    "bet365",
    "威廉希尔",
    "必威体育",
    "亚博体育",
    "开元棋牌",
    "网投",
    "现金网",
    "太阳城集团",
    "银河娱乐",
    "金沙娱乐",
    "皇冠体育",
    "永利娱乐",
    "美高梅娱乐",
    "威尼斯人娱乐",
    "电子游艺",
    "捕鱼游戏",
    "棋牌游戏",
    "代开发票",
    "办证刻章",
    "约炮",
    "裸聊",
    "援交",
    "成人视频",
    "黄色网站",
    "色情网站",
    "传奇私服",
    "刷单返利",
    "体育投注",
    "足球投注",
    "博彩网站",
    "赌博网站",
    "网上赌场",
    "在线赌场",
    "注册送彩金",
    "送彩金",
    "彩金",
    "博狗",
    "永利皇宫",
    "新濠天地",
    "快三",
    "一分快三",
    "幸运飞艇",
    "北京pk拾",
    "雷竞技",
    "沙巴体育",
    "华体会",
    "开云体育",
    "乐鱼体育",
    "真人百家乐",
    "电子老虎机",
    // Live-dealer casinos (ag真人视讯) and paid search-ranking services.
    "真人视讯",
    "视讯娱乐",
    "快速排名",
    // Online lottery games and casino brands of the 2020s.
    "分分彩",
    "极速赛车",
    "极速飞艇",
    "九游会",
    "乐天堂",
    "fun88",
    // Predatory loans for the blacklisted (黑户 "口子": loans that skip the credit check),
    // ghost-writing and adult live streams, advertised like casinos.
    "贷款口子",
    "网贷口子",
    "秒下款",
    "无视征信",
    "代写论文",
    "午夜福利",
    "福利影院",
];
const AMBIGUOUS: &[&str] = &[
    "太阳城",
    "金沙",
    "皇冠",
    "银河",
    "永利",
    "美高梅",
    "新濠",
    "威尼斯人",
    "葡京",
    "凯撒",
    "利来",
    "大发",
    "乐鱼",
    "开云",
    "亚博",
    "天博",
    "九游",
    "明升",
    "棋牌",
    "彩票",
    "捕鱼",
    "真人",
    "必威",
    "必发",
    "乐虎",
    "凯发",
    "九州",
    "金冠",
    "鸿运",
    "尊龙",
    "凯时",
    "千亿",
    "米乐",
    "龙8",
    "立博",
    "伟德",
    "明陞",
    "必赢",
];
pub(super) const TOPIC: &[&str] = &[
    "赌",
    "赌博",
    "赌场",
    "博彩",
    "博彩业",
    "涉赌",
    "赌资",
    "聚众赌博",
    "彩民",
    "投注",
    "赌客",
    "庄家",
    "下注",
    "福彩",
    "体彩",
    "开奖",
    "赌球",
    "网络赌博",
    "跨境赌博",
    "赌徒",
    "戒赌",
    "禁赌",
    "黄赌毒",
    "色情",
    "卖淫",
    "嫖娼",
    "涉黄",
    "淫秽",
];
const LEGAL: &[&str] = &[
    "打击",
    "查处",
    "警方",
    "抓获",
    "取缔",
    "涉案",
    "嫌疑人",
    "公安",
    "民警",
    "非法",
    "违法",
    "犯罪",
    "诈骗",
    "判处",
    "立案",
    "侦破",
    "整治",
    "专项行动",
];
/// Commercial words that extend a brand to the phrase spammers write.
pub(super) const SUFFIXES: &[&str] = &[
    "娱乐城",
    "娱乐场",
    "娱乐",
    "国际",
    "官网",
    "官方网站",
    "官方",
    "网站",
    "平台",
    "开户",
    "注册",
    "登录",
    "登陆",
    "网址",
    "app下载",
    "app",
    "下载",
    "手机版",
    "入口",
    "在线",
    "体育",
    "棋牌",
    "彩票",
    "游戏",
    "集团",
    "真人",
    "首页",
    "客户端",
    "网投",
    "备用网址",
    "最新网址",
    "官方网址",
    "线上",
    "赌场",
    "网页版",
    "送彩金",
    "彩金",
    "投注",
    "快三",
    "快3",
    "时时彩",
    "赛车",
    "亚洲",
    "娱乐平台",
    "百家乐",
    "视讯",
    "注册送",
    "登录入口",
];
/// Suffixes no honest sentence puts after a gambling brand: one occurrence is enough.
pub(super) const HARD_SUFFIXES: &[&str] = &[
    "官网",
    "官方网站",
    "开户",
    "注册",
    "网址",
    "app下载",
    "app",
    "下载",
    "登录",
    "登陆",
    "入口",
    "备用网址",
    "最新网址",
    "官方网址",
    "送彩金",
    "彩金",
    "手机版",
    "网页版",
    "首页",
    "注册送",
    "登录入口",
];
/// Suffixes that make a lexicon stem a gambling phrase even once (天博体育, 百家乐线上).
pub(super) const GAMBLING_SUFFIXES: &[&str] = &[
    "娱乐",
    "体育",
    "棋牌",
    "彩票",
    "真人",
    "赌场",
    "视讯",
    "百家乐",
    "快三",
    "快3",
    "时时彩",
    "赛车",
    "投注",
    "网投",
    "线上",
    "彩金",
];
/// Hard suffixes that honest text does not write after a name even once (a company's 官网 it
/// does): registration bonuses, download and entry links, mirror addresses.
const SPAM_ONLY_SUFFIXES: &[&str] = &[
    "注册送",
    "app下载",
    "登录入口",
    "最新网址",
    "备用网址",
    "送彩金",
];

pub(super) fn has_spam_only_suffix(tail: &str) -> bool {
    SPAM_ONLY_SUFFIXES.iter().any(|x| tail.contains(x))
}

pub(super) static MATCHER: LazyLock<(CharwiseDoubleArrayAhoCorasick<u32>, Vec<Kind>)> =
    LazyLock::new(|| {
        let mut patterns: Vec<(&str, Kind)> = Vec::new();
        patterns.extend(BRANDS.iter().map(|p| (*p, Kind::Brand)));
        patterns.extend(AMBIGUOUS.iter().map(|p| (*p, Kind::Ambiguous)));
        patterns.extend(TOPIC.iter().map(|p| (*p, Kind::Topic)));
        patterns.extend(LEGAL.iter().map(|p| (*p, Kind::Legal)));
        patterns.extend(MORPHEMES.iter().map(|p| (*p, Kind::Morpheme)));
        patterns.extend(HARD_ONLY_MORPHEMES.iter().map(|p| (*p, Kind::Morpheme)));
        patterns.extend(SPORT_WORDS.iter().map(|p| (*p, Kind::Sport)));
        let mut seen = std::collections::HashSet::new();
        patterns.retain(|(p, _)| seen.insert(*p));
        let kinds = patterns.iter().map(|(_, k)| *k).collect();
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(
                patterns
                    .iter()
                    .enumerate()
                    .map(|(i, (p, _))| (*p, i as u32)),
            )
            .expect("the spam lexicon is valid");
        (automaton, kinds)
    });

/// Words of honest writing about sport and games; an injected …体育 brand comes without them.
const SPORT_WORDS: &[&str] = &[
    "运动",
    "比赛",
    "赛事",
    "锻炼",
    "健身",
    "球队",
    "奥运",
    "联赛",
    "冠军",
    "运动员",
    "足球",
    "篮球",
    "竞技",
    "赛季",
    "体能",
    "战队",
    "电子竞技",
    "选手",
    "教练",
    "体育课",
];

/// Gambling morphemes that take a made-up name in front (天天棋牌, 大运快三).
pub(super) const NAMED_MORPHEMES: &[&str] = &["棋牌", "快三", "彩票", "真人"];
/// What follows 棋牌 / 彩票 in honest text (棋牌室, 彩票站).
pub(super) const HONEST_FOLLOWERS: &[char] = &[
    '室', '活', '比', '协', '运', '爱', '类', '馆', '站', '店', '业', '秀', '版', '事',
];
