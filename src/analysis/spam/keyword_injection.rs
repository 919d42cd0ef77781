//! `spam/keyword-injection`: a gambling (or porn, fake-invoice…) brand written into the body,
//! often in place of real words: `…推动澳门新葡京娱乐官网在基层落地生根…`.
//!
//! Candidates are occurrences of a curated stem lexicon (Simplified view, so both scripts
//! match), extended to the whole brand phrase by commercial suffixes (娱乐, 官网, 开户, app…),
//! plus repeated spam-looking domains. A brand fires when it carries a hard commercial suffix
//! (官网, 开户, 网址…), or when it recurs in two or more sentences; a phrase written once
//! fires when the document carries a second, different spam phrase (天博体育 here, 极速贷官网
//! there, a throwaway host). A document that is about
//! gambling (a crackdown report: 赌博, 涉赌, 查处…) is left alone. The fix only deletes the
//! phrase and is unsafe: the word it replaced is lost.

use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix, Locale};
use crate::analysis::normalize::NormalizedView;
use crate::analysis::summary::SummarisedDocument;
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
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
const MORPHEMES: &[&str] = &["娱乐", "体育", "电竞", "国际"];
/// Morphemes that name a gambling, loan or streaming site only with a hard suffix after them
/// (卓越彩官网, 秒批贷官网, 蜜桃直播app下载, 天游平台官方网站): honest text writes 色彩, 信贷,
/// 现场直播 and 服务平台, but not followed by 官网 or 注册送.
const HARD_ONLY_MORPHEMES: &[&str] = &["彩", "贷", "直播", "平台", "影院"];
/// What follows 娱乐 / 体育 in honest text (娱乐圈, 体育馆, 体育总局…).
const HONEST_MORPHEME_FOLLOWERS: &[char] = &[
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
const TOPIC: &[&str] = &[
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
const SUFFIXES: &[&str] = &[
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
const HARD_SUFFIXES: &[&str] = &[
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
const GAMBLING_SUFFIXES: &[&str] = &[
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

fn has_spam_only_suffix(tail: &str) -> bool {
    SPAM_ONLY_SUFFIXES.iter().any(|x| tail.contains(x))
}

/// Pinyin pieces of gambling / porn domains.
const DOMAIN_WORDS: &[&str] = &[
    "casino",
    "bocai",
    "dubo",
    "yule",
    "caipiao",
    "qipai",
    "baijiale",
    "poker",
    "bet365",
    "porn",
    "xpj",
    "vns",
    "amjs",
    "weinisi",
    "taiyangcheng",
    "jinsha",
    "huangguan",
    "yinhe",
];
/// Short domain prefixes that are spam only when followed by digits (js333, hg0088).
const DOMAIN_PREFIXES: &[&str] = &[
    "js", "hg", "pj", "ag", "bet", "dc", "xpj", "vns", "yh", "tyc",
];

const MAX_PHRASE_CHARS: usize = 20;
const MAX_ASCII_SUFFIX: usize = 12;

static MATCHER: LazyLock<(CharwiseDoubleArrayAhoCorasick<u32>, Vec<Kind>)> = LazyLock::new(|| {
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

/// One candidate occurrence of a brand phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Occurrence {
    key: String,
    place: Place,
    hard: bool,
    suffixed: bool,
    brand: bool,
    min_sentences: usize,
    /// The name in front of a morpheme must not be an ordinary word (休闲娱乐, 群众体育).
    check_name: Option<String>,
    /// The phrase carries a suffix only spam writes (注册送, app下载, 最新网址): its name may be
    /// an ordinary word (帝豪国际app下载, 豪客娱乐最新网址).
    spam_only: bool,
    /// A Han name before 体育 / 电竞 (星空体育): a brand only when every 体育 of the document
    /// belongs to it and the document says nothing else about sport.
    exclusive: Option<&'static str>,
    /// Unmistakably a spam phrase even once (a hard suffix, a gambling suffix after a lexicon
    /// stem, a long lexicon brand): with a second such phrase the document is injected.
    certain: bool,
    /// Nothing Han follows the phrase (`，皇朝娱乐，`): it stands as a clause or an item of
    /// its own, not as the modifier of a noun (泰国受国际市场…, 国际机场).
    standalone: bool,
}

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
const NAMED_MORPHEMES: &[&str] = &["棋牌", "快三", "彩票", "真人"];
/// What follows 棋牌 / 彩票 in honest text (棋牌室, 彩票站).
const HONEST_FOLLOWERS: &[char] = &[
    '室', '活', '比', '协', '运', '爱', '类', '馆', '站', '店', '业', '秀', '版', '事',
];

/// Start of the two Han characters before a named morpheme, when there are two and the
/// morpheme is not followed by an honest continuation.
fn named_prefix(hay: &str, stem: &Range<usize>) -> Option<usize> {
    if !NAMED_MORPHEMES.contains(&&hay[stem.clone()]) {
        return None;
    }
    if hay[stem.end..].starts_with(HONEST_FOLLOWERS) {
        return None;
    }
    name_before(hay, stem.start)
}

/// Start of the name just before `at`: an ASCII brand (bet9527, ag8) or two Han characters.
fn name_before(hay: &str, at: usize) -> Option<usize> {
    let ascii = hay.as_bytes()[..at]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    if (2..=MAX_ASCII_SUFFIX).contains(&ascii) {
        let name = &hay[at - ascii..at];
        if name.bytes().any(|b| b.is_ascii_alphabetic()) {
            return Some(at - ascii);
        }
    }
    let mut before = hay[..at].char_indices().rev();
    let (a_at, a) = before.next()?;
    let (start, b) = before.next()?;
    let han = crate::analysis::script::is_han;
    // 8哥棋牌: digits and one Han character, not a count or a date (3家, 2019年).
    let digits = hay.as_bytes()[..a_at]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if han(a)
        && !is_function_char(a)
        && !"年月日号家个章节条次届期岁元万亿位名种类项点时分秒".contains(a)
        && (1..=4).contains(&digits)
    {
        return Some(a_at - digits);
    }
    (han(a) && han(b) && !is_function_char(a) && !is_function_char(b)).then_some(start)
}

/// Characters that end a clause rather than a name (的, 和, 在…).
fn is_function_char(c: char) -> bool {
    "的了和与及在是为对把被从向或等也都就又而且并其之".contains(c)
}

/// Whether a name is a place (jieba's `ns`: 中国, 上海).
fn is_place_name(name: &str) -> bool {
    let words = crate::analysis::segment::tagged_words(name);
    words.len() == 1 && words[0].tag == "ns"
}

/// Whether a 2-character name before a morpheme is an ordinary word (休闲, 群众, 文化).
fn is_ordinary_word(name: &str) -> bool {
    if name.is_ascii() {
        return false;
    }
    let words = crate::analysis::segment::tagged_words(name);
    words.len() == 1
        && !matches!(
            words[0].tag.as_str(),
            "nr" | "nrt" | "nrfg" | "nz" | "ns" | "x" | "eng"
        )
}

fn longest_suffix(s: &str) -> Option<&'static str> {
    SUFFIXES
        .iter()
        .filter(|x| s.starts_with(**x))
        .max_by_key(|x| x.len())
        .copied()
}

/// Extends a stem at `stem` to the full brand phrase; returns its end and whether a hard /
/// any suffix was taken.
fn extend_phrase(hay: &str, stem: Range<usize>) -> (Range<usize>, bool, bool) {
    let mut start = stem.start;
    if hay[..start].ends_with("澳门") {
        start -= "澳门".len();
    }
    let mut end = stem.end;
    let (mut hard, mut suffixed) = (false, false);
    for _ in 0..4 {
        if hay[start..end].chars().count() >= MAX_PHRASE_CHARS {
            break;
        }
        // 金沙娱乐场, 太阳城娱乐城: the lexicon's 金沙娱乐 takes its venue word.
        if hay[start..end].ends_with("娱乐") && hay[end..].starts_with(['场', '城']) {
            suffixed = true;
            end += '场'.len_utf8();
            continue;
        }
        if let Some(x) = longest_suffix(&hay[end..]) {
            hard |= HARD_SUFFIXES.contains(&x);
            suffixed = true;
            end += x.len();
            continue;
        }
        let ascii = hay[end..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .take(MAX_ASCII_SUFFIX + 1)
            .count();
        if (1..=MAX_ASCII_SUFFIX).contains(&ascii) {
            suffixed = true;
            end += ascii;
            // 注册送38元: the bonus's amount and its unit.
            if hay[..end - ascii].ends_with('送')
                && hay[end - ascii..end].bytes().all(|b| b.is_ascii_digit())
                && hay[end..].starts_with('元')
            {
                end += '元'.len_utf8();
            }
            continue;
        }
        break;
    }
    (start..end, hard, suffixed)
}

/// Whether no Han character follows byte `end` of `hay`.
fn standalone(hay: &str, end: usize) -> bool {
    !hay[end..]
        .chars()
        .next()
        .is_some_and(crate::analysis::script::is_han)
}

/// Sentence ends (byte offsets) in `hay`.
fn sentence_ends(hay: &str) -> Vec<usize> {
    hay.char_indices()
        .filter(|&(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '；'))
        .map(|(i, _)| i)
        .collect()
}

/// Host of a URL-like ASCII token if it looks like a gambling / porn domain.
/// With the number of sentences it must recur in.
fn spam_host(token: &str) -> Option<(&str, usize)> {
    let t = token
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    let host = t.split('/').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return None;
    }
    let tld = labels[labels.len() - 1];
    if !tld.bytes().all(|b| b.is_ascii_lowercase()) || !(2..=6).contains(&tld.len()) {
        return None;
    }
    if labels.iter().any(|l| matches!(*l, "gov" | "edu" | "mil")) {
        return None;
    }
    let name = labels[labels.len() - 2];
    let letters = name.bytes().filter(u8::is_ascii_alphabetic).count();
    let digits = name.bytes().filter(u8::is_ascii_digit).count();
    // An .org host is a project's (debian.org, gnu.org) unless its name is a number-heavy
    // throwaway (bet7722.org).
    if labels.contains(&"org") && digits < 2 {
        return None;
    }
    let wordy = DOMAIN_WORDS.iter().any(|w| name.contains(w));
    let prefixed = DOMAIN_PREFIXES.iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|r| r.len() >= 2 && r.bytes().all(|b| b.is_ascii_digit()))
    });
    if wordy || prefixed {
        return Some((host, 2));
    }
    // A made-up name mixing letters and digits (bet-9527, 8888vip; ag8 on a cheap domain);
    // counted only when it recurs in three sentences, or in two on the cheap top-level domains
    // spam hosts use (.xyz, .vip, .top). Spam
    // hosts are written in lower case; a file name (SimSun18030.ttc, c70usong.fd in a font
    // manual) is not a host.
    let known = [
        "51job", "3g", "5i5j", "51cto", "17k", "4g", "5g", "365jia", "hao123", "mp3", "mp4",
        "h264", "x86", "i18n", "l10n", "k8s", "w3",
    ];
    let lower = name.bytes().all(|b| !b.is_ascii_uppercase());
    let cheap_tld = matches!(
        tld,
        "xyz" | "vip" | "top" | "cc" | "ink" | "app" | "bet" | "club" | "win" | "fun" | "icu"
    );
    let throwaway = letters >= 1
        && digits >= if cheap_tld { 1 } else { 2 }
        && lower
        && name.len() <= 12
        && !known.contains(&name)
        && !is_file_extension(tld);
    let needed = if digits >= 2 && cheap_tld { 2 } else { 3 };
    throwaway.then_some((host, needed))
}

/// Extensions of files that documents name (fonts, TeX, documents, images, archives, code),
/// which are not top-level domains or are rarely hosts when they are.
fn is_file_extension(tld: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "ttc", "ttf", "otf", "pfb", "afm", "tfm", "fd", "vf", "map", "enc", "tex", "sty", "cls",
        "bib", "bst", "ltx", "dtx", "ins", "log", "aux", "toc", "pdf", "dvi", "ps", "eps", "txt",
        "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "png", "jpg", "jpeg", "gif", "bmp",
        "svg", "zip", "gz", "tgz", "bz2", "xz", "rar", "exe", "dll", "so", "deb", "rpm", "py",
        "js", "ts", "rs", "cpp", "hpp", "java", "lua", "pl", "rb", "sh", "html", "htm", "css",
        "json", "xml", "yaml", "yml", "toml", "ini", "cfg", "conf", "md", "mp3", "mp4", "odt",
        "ods", "odp", "odg", "rtf", "epub", "wav", "ogg", "flac", "avi", "mkv", "mov", "iso",
        "img", "bin", "dat", "db", "bak", "tmp", "jar",
    ];
    EXTENSIONS.contains(&tld)
}

/// What one piece of text (a paragraph, or a whole document) holds for this detector, in
/// offsets relative to the piece: the candidate phrases and domains, and the gambling-topic
/// and law-enforcement words that excuse them. Nothing here crosses a line break (the lexicon,
/// suffixes and names have none, and a line break ends a sentence), so a document's pieces
/// can be scanned separately and [`judge`]d together, as the language server does with its
/// cached paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Candidates {
    /// Occurrences of a gambling morpheme with a name in front, in order.
    morphemes: Vec<Occurrence>,
    /// Occurrences of a brand stem, in order.
    stems: Vec<Occurrence>,
    /// Topic words (赌博, 博彩…) not swallowed by a candidate phrase.
    topic_outside: usize,
    /// Topic words anywhere, also inside candidate phrases (赌博 in 赌博网站).
    topic_words: usize,
    /// The sentence of each law-enforcement word.
    legal_sentences: Vec<usize>,
    urls: Vec<UrlCandidate>,
    /// How many times each of [`MORPHEMES`] occurs, with or without a name.
    morpheme_counts: [usize; MORPHEMES.len()],
    /// Whether the piece writes about sport or games (比赛, 运动员…).
    sport: bool,
    /// Plain domains glued into sentences (see [`glued_domain`]).
    glued: Vec<UrlCandidate>,
    /// Every domain-like token the piece names, distinct.
    domains: Vec<String>,
}

/// Where a candidate is: `phrase` in the Simplified view (orders and overlaps candidates),
/// `source` in the text, and the sentence it is in.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Place {
    phrase: Range<usize>,
    source: Range<usize>,
    shown: String,
    sentence: usize,
}

/// A spam-looking domain.
#[derive(Clone, Debug, PartialEq, Eq)]
struct UrlCandidate {
    place: Place,
    host: String,
    /// Sentences it must recur in.
    needed: usize,
}

impl Candidates {
    /// Scans `text` (seen through `view`, its normalized view).
    pub fn of(text: &str, view: &NormalizedView) -> Candidates {
        // Lower-casing ASCII keeps every byte offset.
        let hay = view.simplified.to_ascii_lowercase();
        let (automaton, kinds) = &*MATCHER;
        let mut stems = Vec::new();
        let mut topic_spans = Vec::new();
        let mut legal_spans = Vec::new();
        let mut morphemes = Vec::new();
        let mut sport = false;
        for m in automaton.leftmost_find_iter(&hay) {
            let range = m.start()..m.end();
            match kinds[m.value() as usize] {
                Kind::Brand => stems.push((range, true)),
                Kind::Ambiguous => stems.push((range, false)),
                Kind::Topic => topic_spans.push(range),
                Kind::Legal => legal_spans.push(range),
                Kind::Morpheme => morphemes.push(range),
                Kind::Sport => sport = true,
            }
        }
        let mut morpheme_counts = [0; MORPHEMES.len()];
        for m in &morphemes {
            if let Some(k) = MORPHEMES.iter().position(|x| *x == &hay[m.clone()]) {
                morpheme_counts[k] += 1;
            }
        }
        let urls = url_tokens(&hay);
        let domain_tokens = domain_like_tokens(&hay);
        let mut domains: Vec<String> = domain_tokens
            .iter()
            .map(|r| hay[r.clone()].to_string())
            .collect();
        domains.sort_unstable();
        domains.dedup();
        let glued: Vec<(Range<usize>, &str)> = domain_tokens
            .iter()
            .filter(|r| !urls.iter().any(|(u, _, _)| u == *r))
            .filter_map(|r| glued_domain(&hay, r).map(|h| (r.clone(), h)))
            .collect();
        if stems.is_empty() && urls.is_empty() && morphemes.is_empty() && glued.is_empty() {
            return Candidates {
                topic_outside: topic_spans.len(),
                topic_words: topic_spans.len(),
                morpheme_counts,
                sport,
                domains,
                ..Candidates::default()
            };
        }
        let ends = sentence_ends(&hay);
        let sentence_of = |at: usize| ends.partition_point(|&e| e < at);
        let place = |phrase: Range<usize>| {
            let source = view.simplified_to_source(phrase.clone());
            Place {
                sentence: sentence_of(phrase.start),
                shown: text[source.clone()].to_string(),
                phrase,
                source,
            }
        };

        let mut morpheme_occurrences = Vec::new();
        for stem in morphemes {
            let (phrase, hard, _) = extend_phrase(&hay, stem.clone());
            let honest = hay[stem.end..].starts_with(HONEST_MORPHEME_FOLLOWERS);
            if honest && !hard {
                continue;
            }
            let Some(start) = name_before(&hay, stem.start) else {
                continue;
            };
            let ascii_name = hay.as_bytes()[start].is_ascii();
            let name = &hay[start..stem.start];
            if HARD_ONLY_MORPHEMES.contains(&&hay[stem.clone()]) {
                // 卓越彩官网 and 蜜桃直播app下载 are names made of ordinary words; 服务平台官网
                // is an ordinary phrase: only 平台 checks its name. Twice, in two sentences.
                if !hard {
                    continue;
                }
                let checked = &hay[stem.clone()] == "平台" && !ascii_name;
                morpheme_occurrences.push(Occurrence {
                    key: hay[start..stem.end].to_string(),
                    place: place(start..phrase.end),
                    hard: false,
                    suffixed: true,
                    brand: false,
                    min_sentences: 2,
                    check_name: checked.then(|| name.to_string()),
                    spam_only: has_spam_only_suffix(&hay[stem.end..phrase.end]),
                    exclusive: None,
                    certain: true,
                    standalone: standalone(&hay, phrase.end),
                });
                continue;
            }
            let morpheme = MORPHEMES
                .iter()
                .copied()
                .find(|m| *m == &hay[stem.clone()])
                .unwrap_or("娱乐");
            let sports = morpheme != "娱乐";
            // 体育 after a Han word is usually honest (群众体育); such a name counts only when
            // the document's every 体育 is this phrase, repeated, in a text not about sport.
            let exclusive = (sports && !ascii_name && !hard).then_some(morpheme);
            let spam_only = has_spam_only_suffix(&hay[stem.end..phrase.end]);
            // Companies are named …国际 and have a 官网: that twice is news, not spam.
            let company = morpheme == "国际" && !spam_only;
            let min_sentences = match (hard, sports) {
                (true, false) => 1,
                (true, true) if !company => 2,
                _ => 3,
            };
            morpheme_occurrences.push(Occurrence {
                // The name and the morpheme: what follows (官网, an ASCII word glued on) varies.
                key: hay[start..stem.end].to_string(),
                place: place(start..phrase.end),
                hard: false,
                suffixed: true,
                brand: false,
                min_sentences,
                check_name: (!ascii_name && exclusive.is_none())
                    .then(|| hay[start..stem.start].to_string()),
                spam_only,
                exclusive,
                certain: hard && !company,
                standalone: standalone(&hay, phrase.end),
            });
        }
        let mut stem_occurrences = Vec::new();
        for (stem, brand) in stems {
            let (mut phrase, hard, mut suffixed) = extend_phrase(&hay, stem.clone());
            let mut key = hay[stem.clone()].to_string();
            let mut min_sentences = 2;
            // 天博体育, 百家乐线上, 太阳城娱乐: a gambling word after the stem (国际, 集团,
            // 官方 also follow honest names: 金沙国际酒店).
            let gambling_suffix = GAMBLING_SUFFIXES
                .iter()
                .any(|x| hay[stem.end..phrase.end].contains(x));
            // A lexicon brand alone (新濠天地) is also named by honest news: only plausible.
            let certain = hard || gambling_suffix;
            if !brand && !suffixed {
                // 天天棋牌: an unknown name before a gambling morpheme, accepted only when the
                // very same phrase recurs in three sentences.
                let Some(start) = named_prefix(&hay, &stem) else {
                    continue;
                };
                phrase.start = start;
                key = hay[start..stem.end].to_string();
                suffixed = true;
                min_sentences = 3;
            } else if !brand && let Some(start) = named_prefix(&hay, &stem) {
                // 旺财棋牌注册送58元: the name belongs to the phrase that is deleted.
                phrase.start = start;
                key = hay[start..stem.end].to_string();
            }
            stem_occurrences.push(Occurrence {
                key,
                min_sentences,
                check_name: None,
                spam_only: false,
                exclusive: None,
                certain,
                standalone: standalone(&hay, phrase.end),
                place: place(phrase),
                hard,
                suffixed,
                brand,
            });
        }
        // A phrase such as 金沙娱乐 also swallows a topic word such as 赌场 in 金沙赌场.
        let outside = |r: &Range<usize>| {
            !morpheme_occurrences
                .iter()
                .chain(&stem_occurrences)
                .any(|o| o.place.phrase.start <= r.start && r.end <= o.place.phrase.end)
        };
        let topic_outside = topic_spans.iter().filter(|r| outside(r)).count();
        Candidates {
            legal_sentences: legal_spans.iter().map(|r| sentence_of(r.start)).collect(),
            urls: urls
                .into_iter()
                .map(|(range, host, needed)| UrlCandidate {
                    place: place(range),
                    host: host.to_string(),
                    needed,
                })
                .collect(),
            morphemes: morpheme_occurrences,
            stems: stem_occurrences,
            topic_outside,
            topic_words: topic_spans.len(),
            morpheme_counts,
            sport,
            glued: glued
                .into_iter()
                .map(|(range, host)| UrlCandidate {
                    place: place(range),
                    host: host.to_string(),
                    needed: 3,
                })
                .collect(),
            domains,
        }
    }

    /// Whether the piece holds nothing this detector looks at.
    pub fn is_empty(&self) -> bool {
        *self == Candidates::default()
    }
}

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    let candidates = Candidates::of(doc.text, doc.normalized());
    judge(&[(0, &candidates)], doc.locale, out);
}

/// [`detect`] on a summarised document (its paragraphs' candidates).
pub fn detect_summarised(doc: &SummarisedDocument, out: &mut Vec<Finding>) {
    judge(doc.injection_candidates(), doc.locale, out);
}

/// The findings of a document from the candidates of its pieces, given in document order
/// with the byte offset where each piece starts.
pub fn judge(pieces: &[(usize, &Candidates)], locale: Locale, out: &mut Vec<Finding>) {
    let any_candidate = pieces.iter().any(|(_, c)| {
        !c.stems.is_empty() || !c.urls.is_empty() || !c.morphemes.is_empty() || !c.glued.is_empty()
    });
    if !any_candidate {
        return;
    }
    let topic_outside: usize = pieces.iter().map(|(_, c)| c.topic_outside).sum();
    if topic_outside >= 2 {
        return;
    }
    // A sentence is named by its piece's offset and its number within the piece.
    let legal_sentences: HashSet<(usize, usize)> = pieces
        .iter()
        .flat_map(|&(at, c)| c.legal_sentences.iter().map(move |&s| (at, s)))
        .collect();

    // Morpheme occurrences first, then stems: a group's first occurrence decides whether
    // its name is checked.
    let occurrences = pieces
        .iter()
        .flat_map(|&(at, c)| c.morphemes.iter().map(move |o| (at, o)))
        .chain(
            pieces
                .iter()
                .flat_map(|&(at, c)| c.stems.iter().map(move |o| (at, o))),
        );
    let mut groups: HashMap<&str, Vec<(usize, &Occurrence)>> = HashMap::new();
    for (at, o) in occurrences {
        groups.entry(o.key.as_str()).or_default().push((at, o));
    }
    let mut fired: Vec<(usize, &Place, usize)> = Vec::new();
    // Groups short of their sentences: certain spam phrases, and plausible brands (a made-up
    // name before 娱乐 / 国际, a short lexicon brand) that fire only beside others.
    let mut fired_groups = 0;
    let mut certain: Vec<&Vec<(usize, &Occurrence)>> = Vec::new();
    let mut plausible: Vec<&Vec<(usize, &Occurrence)>> = Vec::new();
    for group in groups.values() {
        let mut sentences: Vec<(usize, usize)> = group
            .iter()
            .map(|(at, o)| (*at, o.place.sentence))
            .collect();
        sentences.sort_unstable();
        sentences.dedup();
        let hard = group.iter().any(|(_, o)| o.hard);
        let strong = group.iter().any(|(_, o)| o.brand || o.suffixed);
        let in_reporting = sentences
            .iter()
            .filter(|s| legal_sentences.contains(s))
            .count();
        // Reporting names a brand beside gambling words (赌博, 涉赌); a statute's 违法 alone
        // does not excuse a brand in its clauses.
        if topic_outside > 0 && in_reporting * 2 >= sentences.len() && in_reporting > 0 {
            continue;
        }
        if let Some(m) = group[0].1.exclusive
            && group.iter().all(|(_, o)| o.exclusive.is_some())
        {
            let k = MORPHEMES.iter().position(|x| *x == m).unwrap_or(0);
            let total: usize = pieces.iter().map(|(_, c)| c.morpheme_counts[k]).sum();
            if total > group.len() || pieces.iter().any(|(_, c)| c.sport) {
                continue;
            }
        }
        let needed = group
            .iter()
            .map(|(_, o)| o.min_sentences)
            .min()
            .unwrap_or(2);
        if hard || (strong && sentences.len() >= needed) {
            if let Some(name) = &group[0].1.check_name
                && is_ordinary_word(name)
            {
                // An ordinary word as a name (帝豪, 豪客) still makes a brand when a spam-only
                // suffix carries it, or when the phrase holds every use of its morpheme in
                // four sentences or more: the word is not the document's topic.
                let spam_only = group.iter().any(|(_, o)| o.spam_only);
                let key = group[0].1.key.as_str();
                let every_use = MORPHEMES
                    .iter()
                    .position(|m| key.ends_with(m))
                    .is_some_and(|k| {
                        pieces
                            .iter()
                            .map(|(_, c)| c.morpheme_counts[k])
                            .sum::<usize>()
                            == group.len()
                    });
                if !(spam_only || (every_use && sentences.len() >= 4)) {
                    continue;
                }
            }
            // 中国国际, 北京国际: a place before 国际 is an honest name (博览会, 机场). Checked
            // only here, for a group that would fire: jieba is too slow for every 国际.
            if let Some(place) = group[0].1.key.strip_suffix("国际")
                && !place.is_ascii()
                && is_place_name(place)
            {
                continue;
            }
            fired.extend(group.iter().map(|(at, o)| (*at, &o.place, group.len())));
            fired_groups += 1;
        } else if strong || group.iter().any(|(_, o)| o.brand) {
            // Once only: a candidate for the corroboration below, unless its name is an
            // ordinary word or a place (休闲娱乐, 福利彩票, 中国国际).
            let key = group[0].1.key.as_str();
            let name = group[0].1.check_name.clone().or_else(|| {
                NAMED_MORPHEMES
                    .iter()
                    .find_map(|m| key.strip_suffix(m))
                    .filter(|n| !n.is_empty() && !n.is_ascii())
                    .map(str::to_string)
            });
            let spam_only = group.iter().any(|(_, o)| o.spam_only);
            if !spam_only
                && name
                    .as_deref()
                    .is_some_and(|n| is_ordinary_word(n) || is_place_name(n))
            {
                continue;
            }
            if let Some(place) = key.strip_suffix("国际")
                && !place.is_ascii()
                && is_place_name(place)
            {
                continue;
            }
            if group.iter().any(|(_, o)| o.certain) {
                certain.push(group);
            } else if group.iter().all(|(_, o)| o.standalone) {
                plausible.push(group);
            }
        }
    }
    // A document carrying two different spam phrases (or one that fired and another) was
    // injected: each of them fires even once. Gambling reporting (赌博, 博彩…) stays out.
    let mut hosts: Vec<&str> = pieces
        .iter()
        .flat_map(|(_, c)| c.urls.iter().map(|u| u.host.as_str()))
        .collect();
    hosts.sort_unstable();
    hosts.dedup();
    // A sentence naming three different candidates is a list of gambling words (left to
    // `spam/appended-list`), not an injection into prose.
    let mut per_sentence: HashMap<(usize, usize), usize> = HashMap::new();
    for group in groups.values() {
        let mut seen: Vec<(usize, usize)> = group
            .iter()
            .map(|(at, o)| (*at, o.place.sentence))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *per_sentence.entry(s).or_default() += 1;
        }
    }
    let in_list = |at: usize, o: &Occurrence| per_sentence.get(&(at, o.place.sentence)) >= Some(&3);
    certain.retain(|g| g.iter().any(|&(at, o)| !in_list(at, o)));
    plausible.retain(|g| g.iter().any(|&(at, o)| !in_list(at, o)));
    // Reporting on gambling names it (赌博, 投注), also inside a phrase (赌博网站, 体育投注).
    let topic_words: usize = pieces.iter().map(|(_, c)| c.topic_words).sum::<usize>()
        + groups
            .keys()
            .filter(|k| TOPIC.iter().any(|t| k.contains(t)))
            .count();
    let corroborated = topic_words == 0 && fired_groups + certain.len() + hosts.len() >= 2;
    if corroborated {
        for group in certain.iter().chain(&plausible) {
            fired.extend(
                group
                    .iter()
                    .filter(|&&(at, o)| !in_list(at, o))
                    .map(|(at, o)| (*at, &o.place, group.len())),
            );
        }
    }
    let any_brand = !fired.is_empty();
    let mut by_host: HashMap<&str, (Vec<(usize, &Place)>, usize)> = HashMap::new();
    // A glued plain domain counts only when the document names no other domain: a technical
    // text names many.
    let mut domains: Vec<&str> = pieces
        .iter()
        .flat_map(|(_, c)| c.domains.iter().map(String::as_str))
        .collect();
    domains.sort_unstable();
    domains.dedup();
    let glued = pieces
        .iter()
        .filter(|_| domains.len() == 1)
        .flat_map(|&(at, c)| c.glued.iter().map(move |u| (at, u)));
    for (at, u) in pieces
        .iter()
        .flat_map(|&(at, c)| c.urls.iter().map(move |u| (at, u)))
        .chain(glued)
    {
        let entry = by_host.entry(&u.host).or_insert((Vec::new(), u.needed));
        entry.0.push((at, &u.place));
    }
    let mut url_hits = Vec::new();
    for (places, needed) in by_host.values() {
        let mut sentences: Vec<(usize, usize)> =
            places.iter().map(|(at, p)| (*at, p.sentence)).collect();
        sentences.sort_unstable();
        sentences.dedup();
        if sentences.len() >= *needed || any_brand || corroborated {
            url_hits.extend(places.iter().map(|(at, p)| (*at, *p, places.len())));
        }
    }

    // Document order. Two groups may hold the same phrase (九州娱乐 as the stem 九州 with a
    // suffix and as the morpheme 娱乐 with a name): of phrases starting together the longer
    // wins, then the more frequent, so the outcome does not depend on hash order.
    let order = |&(at, p, count): &(usize, &Place, usize)| {
        (
            at,
            p.phrase.start,
            std::cmp::Reverse(p.phrase.end),
            std::cmp::Reverse(count),
        )
    };
    fired.sort_by_key(order);
    let mut hits = fired;
    hits.extend(url_hits);
    hits.sort_by_key(|(at, p, _)| (*at, p.phrase.start));
    // Phrases of different pieces never overlap.
    let mut last_end = (0, 0);
    for (at, place, count) in hits {
        if (at, place.phrase.start) < last_end {
            continue;
        }
        last_end = (at, place.phrase.end);
        let shown = &place.shown;
        let source = at + place.source.start..at + place.source.end;
        let message = locale.pick(
            format!("疑似植入的推广词「{shown}」（全文 {count} 处）"),
            format!("likely injected promotional phrase “{shown}” ({count} in the document)"),
        );
        let title = locale.pick(format!("删除「{shown}」"), format!("Delete “{shown}”"));
        out.push(
            Finding::new(Code::KeywordInjection, source.clone(), message).with_fix(Fix {
                title,
                range: source,
                replacement: String::new(),
                safe: false,
            }),
        );
    }
}

/// A plain short domain (hth.com, kaiyun.com) written into Chinese sentences: its host when it
/// is glued to Han text after it and stands where a word would (after a clause break or a
/// function character), not as the object of 访问 / 登录 or inside an address.
fn glued_domain<'a>(hay: &'a str, range: &Range<usize>) -> Option<&'a str> {
    let token = &hay[range.clone()];
    if token.contains('/') || token.starts_with("http") || token.starts_with("www.") {
        return None;
    }
    let labels: Vec<&str> = token.split('.').collect();
    let [name, tld] = labels.as_slice() else {
        return None;
    };
    let commercial = [
        "com", "net", "cc", "vip", "app", "top", "xyz", "me", "co", "io", "tv", "bet", "club",
    ];
    if !commercial.contains(tld)
        || !(2..=10).contains(&name.len())
        || !name.bytes().all(|b| b.is_ascii_lowercase())
    {
        return None;
    }
    let after = hay[range.end..].chars().next()?;
    let before = hay[..range.start].chars().next_back();
    let han = crate::analysis::script::is_han;
    let word_slot = before.is_none_or(|c| {
        matches!(c, '，' | '。' | '；' | '！' | '？' | '、' | '\n' | '）' | '」' | '”')
            // Not after 在 / 从 / 到, which take an address as their object (在github.com上).
            || "的了和与及并而且也都就又".contains(c)
    });
    (han(after) && word_slot).then_some(token)
}

/// Each maximal run of URL bytes (ASCII letters, digits, `.-/:_`) that holds a dot, in order.
fn dotted_ascii_runs(hay: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = hay.as_bytes();
    let is_url_byte =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'/' | b':' | b'_');
    let mut from = 0;
    std::iter::from_fn(move || {
        let dot = from + memchr::memchr(b'.', bytes.get(from..)?)?;
        let mut start = dot;
        while start > 0 && is_url_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = dot;
        while end < bytes.len() && is_url_byte(bytes[end]) {
            end += 1;
        }
        from = end.max(dot + 1);
        Some(start..end)
    })
}

/// Every `name.tld` ASCII token (letters, digits, dots, dashes, slashes) around a dot.
fn domain_like_tokens(hay: &str) -> Vec<Range<usize>> {
    dotted_ascii_runs(hay)
        .filter_map(|run| {
            let token = hay[run.clone()].trim_end_matches(['.', '/', ':', '-']);
            let letters_around = token.split('.').filter(|l| !l.is_empty()).count() >= 2
                && token.bytes().any(|b| b.is_ascii_alphabetic());
            letters_around.then(|| run.start..run.start + token.len())
        })
        .collect()
}

/// URL-like ASCII tokens whose host looks like a gambling / porn site: (range, host).
fn url_tokens(hay: &str) -> Vec<(Range<usize>, &str, usize)> {
    dotted_ascii_runs(hay)
        .filter_map(|run| {
            // Injected into a number (1www.hg0088.com997年): start at www. / http, and end
            // the host at the letters of its top-level domain.
            let text = &hay[run.clone()];
            let lead = text.find("http").or_else(|| text.find("www.")).unwrap_or(0);
            // `umask_hg5599.cc`: a host has no underscore; what is glued before it by one is
            // another word.
            let lead = match text[lead..].find('.') {
                Some(dot) => text[lead..lead + dot]
                    .rfind('_')
                    .map_or(lead, |u| lead + u + 1),
                None => lead,
            };
            let token = text[lead..].trim_end_matches(['.', '/', ':', '-']);
            let token = match token.rfind('.') {
                Some(dot) if !token[dot..].contains('/') => {
                    let letters = token[dot + 1..]
                        .bytes()
                        .take_while(u8::is_ascii_alphabetic)
                        .count();
                    &token[..dot + 1 + letters]
                }
                _ => token,
            };
            let (host, needed) = spam_host(token)?;
            let at = run.start + lead;
            Some((at..at + token.len(), host, needed))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::spam::flagged;

    fn injected(text: &str) -> Vec<&str> {
        flagged(text, Code::KeywordInjection)
    }

    #[test]
    fn two_different_phrases_once_each_corroborate() {
        let text = "安装前请备份数据，天博体育，然后重启系统。\n配置文件位于 /etc 目录下，极速贷官网，请勿随意修改。";
        assert_eq!(injected(text), ["天博体育", "极速贷官网"]);
        // A made-up name before 娱乐 standing as its own clause joins them.
        let text = format!("{text}\n执行命令之前，鑫鼎娱乐，先检查权限。");
        assert_eq!(injected(&text), ["天博体育", "极速贷官网", "鑫鼎娱乐"]);
        // The lexicon's 金沙娱乐 takes its venue word and the hard suffix after it.
        assert_eq!(
            injected("安装之后，金沙娱乐场注册送88，缓存目录里会有软件包。"),
            ["金沙娱乐场注册送88"]
        );
        // A word glued on by an underscore is no part of the host.
        let text = "第三章 权限设置_hg5599.cc\n把权限设为 0002，hg5599.cc，更安全。";
        assert_eq!(injected(text), ["hg5599.cc", "hg5599.cc"]);
    }

    #[test]
    fn single_mentions_in_news_law_and_ordinary_words_stay_quiet() {
        for text in [
            // Honest news names a casino resort once, beside a spam host elsewhere.
            "据中央社报道，澳门新濠天地本月举办展览，入场人数创新高。\n详见 www.lh3651.xyz 的说明，lh3651.xyz 也有。",
            // A police report names the site it shut down.
            "开设赌场的，处五年以下有期徒刑。\n查处的“开云体育”等境外赌博网站已被依法关停，天博体育官网同时被封。",
            // 国际 modifying a noun, ordinary words ending in 彩 / 贷 / 娱乐.
            "泰国受国际市场影响，出口下降。\n色彩鲜艳的画面，信贷政策收紧，休闲娱乐设施完善，中国国际贸易促进委员会发布报告。",
            // Two lottery names of the state, each once.
            "福利彩票的公益金用于养老。\n体育彩票的公益金用于全民健身。",
        ] {
            assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
        }
    }

    #[test]
    fn repeated_brand_in_unrelated_sentences() {
        let text = include_str!("../../../tests/fixtures/spam/injection_simplified.txt");
        assert_eq!(injected(text), ["澳门新葡京娱乐"; 3]);
        let text = "經過5年探索和博狗亞洲，已取得實質性突破。形成了共同發展的博狗亞洲。";
        assert_eq!(injected(text), ["博狗亞洲", "博狗亞洲"]);
        let text = "全市澳門(mén)新葡京改制已達到。";
        assert_eq!(injected(text), Vec::<&str>::new());
        let text = "全市澳門(mén)新葡京官網改制已達到。";
        assert_eq!(injected(text), ["澳門(mén)新葡京官網"]);
    }

    #[test]
    fn live_dealer_casinos_and_ranking_services() {
        let text = "投资总额内进行ag真人视讯。国内投资ag真人视讯符合规定。";
        assert_eq!(injected(text), ["真人视讯", "真人视讯"]);
        let text = "两国复交符合两国百度快速排名的利益。祝愿中国百度快速排名早日实现。";
        assert_eq!(injected(text), ["快速排名", "快速排名"]);
        assert!(injected("电视讯号很好。视讯会议开始了。").is_empty());
    }

    #[test]
    fn hard_suffix_once_and_spam_domains() {
        assert_eq!(injected("我们在百家乐开户了。"), ["百家乐开户"]);
        let text = "由于标识物本身具有很强的www.hg0088.com性。1www.hg0088.com997年共查补税款。";
        assert_eq!(injected(text), ["www.hg0088.com", "www.hg0088.com"]);
        let text = "详见www.people.com.cn。也可访问www.people.com.cn。";
        assert!(injected(text).is_empty());
    }

    #[test]
    fn file_names_with_digits_are_not_throwaway_domains() {
        let text = "字体文件SimSun18030.ttc放在这里。安装SimSun18030.ttc之后重启。\
                    再用SimSun18030.ttc排版。c70usong.fd是字体定义。修改c70usong.fd即可。\
                    参考c70usong.fd的写法。";
        assert!(injected(text).is_empty(), "{:?}", injected(text));
        // A lower-case throwaway host recurring in three sentences still counts.
        let text = "欢迎访问bet9527.cc注册。请到bet9527.cc领取。下载bet9527.cc客户端。";
        assert_eq!(injected(text).len(), 3, "{:?}", injected(text));
    }

    #[test]
    fn unknown_brand_and_throwaway_domain_repeated() {
        let text = include_str!("../../../tests/fixtures/spam/injection_unknown_brand.txt");
        assert_eq!(
            injected(text),
            [
                "鑫鼎娱乐",
                "鑫鼎娱乐",
                "鑫鼎娱乐",
                "bet-9527.net",
                "bet-9527.net",
                "bet-9527.net"
            ]
        );
        // Once or twice is not a pattern; with a hard suffix once is enough.
        assert!(injected("推动鑫鼎娱乐改革。鑫鼎娱乐发展。").is_empty());
        assert_eq!(injected("推动鑫鼎娱乐官网改革。"), ["鑫鼎娱乐官网"]);
        assert!(injected("详见bet-9527.net。也见bet-9527.net。").is_empty());
    }

    #[test]
    fn han_named_sports_brands_grouped_by_name() {
        let text = "管理者容易忽略这一点。星空体育确实如此。系统默认的方法就能达成。星空体育Debian 的政策禁止这样做。优先性小于 1000。星空体育APT 设定若干选项。";
        assert_eq!(
            injected(text),
            ["星空体育", "星空体育Debian", "星空体育APT"]
        );
        let text = "自从 Qt 4.0 发布后，BOB体育KDE 的授权问题解决了。不像 GNOME，BOB体育Xfce 没有定为默认。我们想要弄明白，BOB体育但又很敏感。";
        assert_eq!(injected(text).len(), 3);
        let text = "配置文件很重要，雷火电竞还有您使用的程序。如果该选项已禁用，雷火电竞则打印机不可用。在纸张两面进行打印：雷火电竞转入打印窗口。";
        assert_eq!(injected(text), ["雷火电竞"; 3]);
    }

    #[test]
    fn sport_and_games_writing_stays_quiet() {
        for text in [
            "学校体育是基础。学校体育要加强锻炼。学校体育工作会议召开。",
            "群众体育蓬勃发展。群众体育设施增加。群众体育活动丰富。",
            "阳光体育每天一小时。阳光体育让学生爱上运动。阳光体育全面推开。",
            "星空体育馆开放。星空体育馆维修。星空体育馆闭馆。",
            "校园电竞兴起。校园电竞社团成立。校园电竞选手获奖。",
        ] {
            assert!(injected(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn glued_plain_domains_recurring() {
        let text = "如果计算机没反应，hth.com尝试按一下电源键。如果仍不起作用，hth.com则最后一种方法是断电。如果计算机掉电，hth.com而且又没有额外的电源。";
        assert_eq!(injected(text), ["hth.com"; 3]);
        for text in [
            // Spaced, as technical text writes addresses, or beside other domains.
            "访问 debian.com 了解。请看 debian.com 的说明。打开 debian.com 即可。",
            "在github.com上提交。在github.com上讨论。在gitlab.com上镜像。",
            "登录taobao.com购物。登录taobao.com付款。登录taobao.com查询。",
            "在github.com上提交。在github.com上讨论。在github.com上镜像。",
        ] {
            assert!(injected(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn honest_repetition_stays_quiet() {
        for text in [
            include_str!("../../../tests/fixtures/spam/honest_repetition.txt"),
            include_str!("../../../tests/fixtures/spam/crackdown_unknown_brand.txt"),
            "拨打12306.cn。登录12306.cn购票。访问12306.cn查询。",
            "在51job.com找工作。51job.com发布。51job.com统计。",
        ] {
            assert!(injected(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn loan_streaming_and_lottery_sites_with_hard_suffixes() {
        // Made-up names before 彩 / 贷 / 直播 / 平台, carried by a hard suffix, twice.
        let text = "配置文件放在这里。福运彩官网请先备份。修改之后福运彩官网重启服务即可。";
        assert_eq!(injected(text), ["福运彩官网"; 2]);
        let text = "每个进程都有编号，快易贷app下载可以查看。结束进程前，快易贷app下载请确认。";
        assert_eq!(injected(text), ["快易贷app下载"; 2]);
        let text = "樱花直播最新网址用于备份。恢复时樱花直播最新网址需要权限。";
        assert_eq!(injected(text), ["樱花直播最新网址"; 2]);
        let text =
            "用户组由管理员创建。博顺平台官方网站列出所有组。删除组时博顺平台官方网站会提示。";
        assert_eq!(injected(text), ["博顺平台官方网站"; 2]);
        // Real loan-spam vocabulary once with a hard suffix, and a registration bonus.
        assert_eq!(
            injected("磁盘已满时，征信黑户贷款口子官网会报错。"),
            ["贷款口子官网"]
        );
        let text = "先挂载分区。旺财棋牌注册送58元再格式化。最后旺财棋牌注册送58元检查。";
        assert_eq!(injected(text), ["旺财棋牌注册送58元"; 2]);
    }

    #[test]
    fn hard_only_morphemes_in_honest_text_stay_quiet() {
        for text in [
            // Ordinary words ending in 彩 / 贷 / 直播 / 平台 without a hard suffix.
            "色彩很丰富。水彩画很精彩。五彩缤纷的色彩。",
            "信贷政策调整。小额信贷增长。助学贷款发放。",
            "晚会现场直播。比赛现场直播。直播带货兴起。",
            "政务服务平台上线。服务平台运行平稳。在服务平台办理。",
            // An ordinary phrase before 平台官网, once each.
            "请登录国家政务服务平台官网查询。也可在服务平台官网下载表格。",
            // Once is not a pattern.
            "详见福运彩官网。",
        ] {
            assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
        }
    }

    #[test]
    fn made_up_names_before_guoji_and_digit_names() {
        let text = "进程退出时，金鼎国际释放内存。若没有参数，金鼎国际读取标准输入。\
                    出错时金鼎国际返回非零值。";
        assert_eq!(injected(text), ["金鼎国际"; 3]);
        let text = "参数可以省略，9哥棋牌则使用默认值。若要调试，9哥棋牌请加上选项。\
                    输出写入文件，9哥棋牌覆盖原有内容。";
        assert_eq!(injected(text), ["9哥棋牌"; 3]);
        let text =
            "默认不启用，BG真人需要手动打开。连接断开后BG真人自动重试。日志里BG真人记录时间。";
        assert_eq!(injected(text), ["BG真人"; 3]);
    }

    #[test]
    fn honest_guoji_counts_and_reality_shows_stay_quiet() {
        for text in [
            // A place before 国际 is an honest name; other 国际 in the text, too.
            "中国国际进口博览会开幕。中国国际进口博览会吸引客商。中国国际进口博览会闭幕。",
            "北京国际机场扩建。北京国际机场通航。北京国际机场客流增长。",
            "华夏国际开业。国际合作加强。华夏国际扩张。华夏国际上市。",
            // Counts and dates before a morpheme are not names.
            "共有3家娱乐公司。其中2家娱乐公司上市。另1家娱乐公司亏损。",
            // 真人秀 is television.
            "这档真人秀很火。真人秀节目增多。观众爱看真人秀。",
        ] {
            assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
        }
    }

    #[test]
    fn throwaway_hosts_on_cheap_domains_and_org() {
        let text = "先安装依赖rt5566.xyz再编译。编译完成后rt5566.xyz运行测试。";
        assert_eq!(injected(text), ["rt5566.xyz"; 2]);
        let text =
            "选项不区分大小写，bo8.win可以缩写。未知选项bo8.win会被忽略。结果bo8.win写到屏幕。";
        assert_eq!(injected(text), ["bo8.win"; 3]);
        let text = "本页由www.dz6677.org转载。请勿从www.dz6677.org下载。www.dz6677.org保留权利。";
        assert_eq!(injected(text), ["www.dz6677.org"; 3]);
        for text in [
            // Project hosts and known sites, repeated.
            "详见www.gnu.org。补丁寄往bug-coreutils@gnu.org。源码在ftp.gnu.org。",
            "访问hao123.com导航。hao123.com收录网站。在hao123.com搜索。",
            "用x86.org的资料。x86.org有手册。x86.org更新了。",
            // Twice on an ordinary domain is not yet a pattern.
            "详见rt5566.com。也见rt5566.com。",
        ] {
            assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
        }
    }

    #[test]
    fn ordinary_words_as_names_with_spam_only_suffixes_or_everywhere() {
        // 金龙 is an ordinary word; a download link or a registration bonus makes it a brand.
        let text = "先读手册，金龙国际app下载再动手。若有疑问，金龙国际app下载请提问。";
        assert_eq!(injected(text), ["金龙国际app下载"; 2]);
        // 黄金娱乐 in four sentences, and the text has no other 娱乐.
        let text = "命令行参数如下，黄金娱乐。输出格式（黄金娱乐）可选。出错时黄金娱乐退出。\
                    本文由黄金娱乐整理。";
        assert_eq!(injected(text), ["黄金娱乐"; 4]);
        for text in [
            // An ordinary word before 国际 / 娱乐 with an ordinary suffix, or fewer times.
            "金龙国际官网改版。金龙国际官网上线。",
            "命令行参数如下，黄金娱乐。输出格式（黄金娱乐）可选。出错时黄金娱乐退出。",
            // Leisure writing uses 娱乐 elsewhere too.
            "休闲娱乐设施齐全。休闲娱乐区扩建。休闲娱乐活动多。休闲娱乐消费增长。娱乐至上。",
        ] {
            assert!(injected(text).is_empty(), "{text}: {:?}", injected(text));
        }
    }

    #[test]
    fn honest_mentions_stay_quiet() {
        for text in [
            include_str!("../../../tests/fixtures/spam/crackdown_news.txt"),
            "金沙江水流湍急。银河系有千亿颗恒星。皇冠假日酒店开业。",
            "中国福利彩票发行量增加。体育彩票也在增长。",
            "老人们在棋牌室下棋。社区新建了棋牌室。棋牌室里很热闹。",
            "他去过澳门威尼斯人酒店。",
        ] {
            assert!(injected(text).is_empty(), "{text}");
        }
    }
}
