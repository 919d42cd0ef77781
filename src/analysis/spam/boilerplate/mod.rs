//! `spam/boilerplate`: page chrome left in scraped text, at the head or foot of the document:
//! 手机版, 打印 纠错, 微信扫一扫, 收听本文 00:00/00:00, 上一篇：…, 【字体：大 中 小】,
//! 版权所有 ©…, ICP备案号, counters, digit-only junk lines.
//!
//! A line is chrome when it is made entirely of chrome tokens (plus separators, numbers and at
//! most one site name such as 共产党员网), or when it starts with a chrome label (上一篇：,
//! 分享到：, 当前位置：) or is a copyright / ICP footer. Matching runs on the Simplified view
//! with annotations removed, so 手機(jī)版 matches 手机版. Only lines before the first and after
//! the last prose line are considered, and metadata (来源, 作者, dates) is never chrome.
//!
//! The parts: `lexicon` holds the words (buttons, UI morphemes, labels, footer marks) and
//! their sorted lookup; `line` decides whether a line is chrome, from the rules of the
//! others: `navigation` (breadcrumbs, home trails, menu bars, link rows), `footer`
//! (copyright, registration marks, contact blocks), `counters` (view counters, counts with
//! units, bylines that carry them), `banners` (greetings, date widgets, page widgets,
//! site banners, pagers) and `tokens` (lines made of buttons, numbers and separators).

mod banners;
mod counters;
mod footer;
mod lexicon;
mod line;
mod navigation;
mod tokens;

#[cfg(test)]
mod tests;

pub use counters::is_metadata_chrome;
pub use footer::{is_copyright_line, is_licence_statement};
pub use line::{is_chrome, is_marked_chrome};

use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix, Locale};
use crate::analysis::spam::layout::Plan;
use crate::analysis::summary::SummarisedDocument;

/// Lines longer than this are never chrome (footers included).
const MAX_CHROME_CHARS: usize = 200;
/// Label-led chrome lines (上一篇：…) longer than this are probably prose.
const MAX_LABELLED_CHARS: usize = 100;
/// A row of buttons with leftovers is at most this long.
const MAX_BUTTON_ROW_CHARS: usize = 40;
/// A site name beside buttons (共产党员网 打印 纠错) is at most this long.
const MAX_SITE_NAME_CHARS: usize = 12;

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

fn has_sentence_end(s: &str) -> bool {
    s.contains(['。', '！', '？', '!', '?'])
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
