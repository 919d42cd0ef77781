//! Plain data produced by the analysis: findings, their codes and severities, and fixes.
//!
//! Everything here is in byte offsets into the analysed text; conversion to lines and
//! columns happens in `crate::position`, at the edges (CLI, LSP).

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A stable diagnostic code. The string form (`garble/inline-pinyin`) is public API:
/// it appears in JSON output, LSP diagnostics, config files and suppression markers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    InlinePinyin,
    Mojibake,
    Replacement,
    Control,
    ZeroWidth,
    PrivateUse,
    HtmlEntity,
    AppendedList,
    Boilerplate,
    KeywordInjection,
    ScriptMixed,
}

impl Code {
    pub const ALL: [Code; 11] = [
        Code::InlinePinyin,
        Code::Mojibake,
        Code::Replacement,
        Code::Control,
        Code::ZeroWidth,
        Code::PrivateUse,
        Code::HtmlEntity,
        Code::AppendedList,
        Code::Boilerplate,
        Code::KeywordInjection,
        Code::ScriptMixed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::InlinePinyin => "garble/inline-pinyin",
            Code::Mojibake => "garble/mojibake",
            Code::Replacement => "garble/replacement",
            Code::Control => "garble/control",
            Code::ZeroWidth => "garble/zero-width",
            Code::PrivateUse => "garble/private-use",
            Code::HtmlEntity => "garble/html-entity",
            Code::AppendedList => "spam/appended-list",
            Code::Boilerplate => "spam/boilerplate",
            Code::KeywordInjection => "spam/keyword-injection",
            Code::ScriptMixed => "script/mixed",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The family prefix (`garble`, `spam`, `script`), which config and markers also accept.
    pub fn family(self) -> &'static str {
        self.as_str().split('/').next().unwrap_or("")
    }

    /// Spam is text that should not be there at all; editors fade it.
    pub fn is_spam(self) -> bool {
        self.family() == "spam"
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Code::ScriptMixed => Severity::Hint,
            Code::AppendedList | Code::Boilerplate | Code::KeywordInjection => Severity::Warning,
            _ => Severity::Warning,
        }
    }

    /// What this kind of finding is, in a sentence (hovers, SARIF rules, `--statistics`).
    pub fn describe(self, locale: Locale) -> String {
        let (zh, en) = match self {
            Code::InlinePinyin => (
                "内联拼音：网页的注音（ruby）被压平成正文，字后跟着括号里的读音",
                "Inline pinyin: a page's ruby annotations flattened into the text, a reading in parentheses after the character",
            ),
            Code::Mojibake => (
                "乱码：文本按错误的编码解读（如 UTF-8 被当作 GBK）",
                "Mojibake: text decoded with the wrong encoding (e.g. UTF-8 read as GBK)",
            ),
            Code::Replacement => (
                "替换字符：解码失败留下的 U+FFFD、锟斤拷、烫烫烫等，原文已无法恢复",
                "Replacement characters: U+FFFD, 锟斤拷, 烫烫烫 left by failed decoding; the original is lost",
            ),
            Code::Control => (
                "控制字符：正文中不该出现的不可见控制字符",
                "Control characters that do not belong in prose",
            ),
            Code::ZeroWidth => (
                "零宽字符：看不见但会干扰搜索和比较",
                "Zero-width characters: invisible, but they break search and comparison",
            ),
            Code::PrivateUse => (
                "私用区字符：字体相关的私有码位，换个环境就显示不出",
                "Private-use characters: font-specific code points that render nowhere else",
            ),
            Code::HtmlEntity => (
                "HTML 实体：未解码的 &nbsp; &#x4E2D; 等",
                "HTML entities left undecoded (&nbsp;, &#x4E2D;)",
            ),
            Code::AppendedList => (
                "附加列表：正文后被追加的关键词或地名列表（SEO 垃圾）",
                "Appended list: keywords or place names appended after the text (SEO spam)",
            ),
            Code::Boilerplate => (
                "网页杂项：抓取时带入的页面元素（分享、打印、导航等）",
                "Page chrome: share/print/navigation text scraped with the page",
            ),
            Code::KeywordInjection => (
                "关键词注入：被插入正文的广告或品牌词",
                "Keyword injection: advertising or brand words inserted into the text",
            ),
            Code::ScriptMixed => (
                "繁简混用：繁体文本中夹杂简体字（或反之）",
                "Mixed script: Simplified characters in Traditional text (or the reverse)",
            ),
        };
        locale.pick(zh, en)
    }

    /// Whether `pattern` (a full code or a family such as `garble`) names this code.
    pub fn matches(self, pattern: &str) -> bool {
        let pattern = pattern.trim();
        pattern == self.as_str() || pattern == self.family() || pattern == "all"
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown code `{s}`")))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// One text edit that repairs (part of) a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub range: Range<usize>,
    pub replacement: String,
    /// Safe fixes are applied by fix-all (`jiaodui fix`, `source.fixAll`); unsafe ones
    /// are only offered one at a time.
    pub safe: bool,
}

/// One problem found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    pub fixes: Vec<Fix>,
}

impl Finding {
    pub fn new(code: Code, range: Range<usize>, message: String) -> Finding {
        Finding {
            code,
            severity: code.default_severity(),
            message,
            range,
            fixes: Vec::new(),
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fixes.push(fix);
        self
    }

    /// Shifts every offset by `delta`, used when a paragraph was analysed on its own.
    pub fn shifted(mut self, delta: usize) -> Finding {
        self.range = self.range.start + delta..self.range.end + delta;
        for fix in &mut self.fixes {
            fix.range = fix.range.start + delta..fix.range.end + delta;
        }
        self
    }
}

/// Message language. Chinese by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Zh,
    En,
}

impl Locale {
    /// Picks the message in this locale.
    pub fn pick(self, zh: impl Into<String>, en: impl Into<String>) -> String {
        match self {
            Locale::Zh => zh.into(),
            Locale::En => en.into(),
        }
    }

    pub fn parse(s: &str) -> Option<Locale> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Locale::Zh)
        } else if s.starts_with("en") {
            Some(Locale::En)
        } else {
            None
        }
    }
}
