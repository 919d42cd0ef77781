//! Line layout shared by the spam detectors: where the body starts and ends, which lines are
//! page chrome or appended lists, and how to delete them without leaving blank-line debris.
//!
//! Spam lives around the body: chrome before the first prose line (head) and after the last
//! one (foot), lists appended at the very end. Only those regions are classified, so the cost
//! does not grow with the body.

use super::{appended_list, boilerplate};
use crate::analysis::Document;
use crate::analysis::normalize::NormalizedView;
use crate::analysis::script::Script;
use std::ops::Range;

/// At most this many non-blank lines are examined from each end.
const MAX_REGION_LINES: usize = 40;
/// Lines at each edge of the body where clearly marked chrome is still recognised.
const EDGE_LINES: usize = 6;
/// Non-blank lines each end of a [`TextEnds`] must hold: the head or foot region (at most
/// [`MAX_REGION_LINES`]), the [`EDGE_LINES`] beside it, and the kept line where a deletion's
/// scan for blank-line debris stops.
pub const END_LINES: usize = MAX_REGION_LINES + EDGE_LINES + 2;

/// What the layout reads of a document: the whole text, or its two ends. Every question the
/// layout asks stays within [`END_LINES`] non-blank lines of an end, so ends that are whole
/// paragraphs (they split into the same lines) holding that many each, with text between
/// them, give the same plan as the whole text; the language server re-reads only those.
#[derive(Clone, Copy, Debug)]
pub struct TextEnds<'a> {
    head: &'a str,
    /// The foot and its byte offset; `None` for a whole text (`head`).
    foot: Option<(usize, &'a str)>,
    /// Length of the whole document.
    len: usize,
}

impl<'a> TextEnds<'a> {
    pub fn whole(text: &'a str) -> TextEnds<'a> {
        TextEnds {
            head: text,
            foot: None,
            len: text.len(),
        }
    }

    /// The first bytes of a document of `len` bytes (`head`) and the last (`foot`, from
    /// byte `foot_start`); they must not meet, and each must end / start at a line start
    /// and hold [`END_LINES`] non-blank lines (see [`ends_needed`]).
    pub fn ends(head: &'a str, foot_start: usize, foot: &'a str, len: usize) -> TextEnds<'a> {
        debug_assert!(head.len() < foot_start && foot_start + foot.len() == len);
        TextEnds {
            head,
            foot: Some((foot_start, foot)),
            len,
        }
    }

    /// The document's text at `range` (absolute bytes, within one end).
    pub(super) fn slice(&self, range: Range<usize>) -> &'a str {
        match self.foot {
            Some((at, foot)) if range.start >= at => &foot[range.start - at..range.end - at],
            _ => &self.head[range],
        }
    }

    /// Every line of the excerpt (absolute offsets), head then foot.
    fn lines(&self) -> Vec<Line> {
        let mut out = lines(self.head);
        if let Some((at, foot)) = self.foot {
            out.extend(lines(foot).into_iter().map(|l| Line {
                start: l.start + at,
                end: l.end + at,
                next: l.next + at,
            }));
        }
        out
    }
}

/// Which ends of a document a [`TextEnds`] needs, given its paragraphs' lengths and non-blank
/// line counts in order: `(head_len, foot_start)`, or `None` when the ends would meet and the
/// whole text is needed.
pub fn ends_needed(paragraphs: &[(usize, usize)]) -> Option<(usize, usize)> {
    let total = paragraphs.iter().map(|p| p.0).sum();
    ends_needed_at(paragraphs.len(), total, |i| paragraphs[i])
}

/// [`ends_needed`] reading only the paragraphs it needs: `count` paragraphs of `total`
/// bytes in all, `paragraph(i)` the `i`th one's length and non-blank lines. A caller that
/// keeps its paragraphs' summaries need not gather all of them for this.
pub fn ends_needed_at(
    count: usize,
    total: usize,
    paragraph: impl Fn(usize) -> (usize, usize),
) -> Option<(usize, usize)> {
    let mut head = 0;
    let mut lines = 0;
    let mut head_paragraphs = 0;
    for i in 0..count {
        if lines >= END_LINES {
            break;
        }
        let (len, nonblank) = paragraph(i);
        head += len;
        lines += nonblank;
        head_paragraphs += 1;
    }
    let mut foot_start = total;
    let mut lines = 0;
    for i in (head_paragraphs..count).rev() {
        if lines >= END_LINES {
            break;
        }
        let (len, nonblank) = paragraph(i);
        foot_start -= len;
        lines += nonblank;
    }
    (lines >= END_LINES && head < foot_start).then_some((head, foot_start))
}

/// Non-blank lines of `text`, counted as the layout does.
pub fn nonblank_lines(text: &str) -> usize {
    lines(text)
        .iter()
        .filter(|l| !text[l.start..l.end].trim().is_empty())
        .count()
}

/// One line: `start..end` is its content (without `\n` / `\r\n`), `next` the start of the
/// following line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

/// Every line of `text`, in order. A text without a final line break still has its last line.
pub fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let (end, next) = match memchr::memchr(b'\n', &bytes[start..]) {
            Some(rel) => {
                let nl = start + rel;
                let end = if nl > start && bytes[nl - 1] == b'\r' {
                    nl - 1
                } else {
                    nl
                };
                (end, nl + 1)
            }
            None => (bytes.len(), bytes.len()),
        };
        out.push(Line { start, end, next });
        start = next;
    }
    out
}

/// The line's text with inline-pinyin annotations removed, in Simplified script, trimmed.
pub fn simplified_line(text: &str) -> String {
    NormalizedView::new(text.trim())
        .simplified
        .trim()
        .to_string()
}

/// Counts the non-whitespace characters of `s`.
fn visible_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Whether a (simplified, trimmed) line reads as running prose rather than a title, byline or
/// button row: it ends sentences, or it has several clauses, or it is long.
pub fn is_prose(s: &str) -> bool {
    let chars = visible_chars(s);
    let sentence_ends = s
        .chars()
        .filter(|c| matches!(c, '。' | '！' | '？'))
        .count()
        + s.matches(['!', '?']).count();
    // The `;` closing an HTML entity (`&#26354;`, `&ensp;`) is no clause break.
    let commas = s
        .chars()
        .filter(|c| matches!(c, '，' | ',' | '；' | ';'))
        .count()
        .saturating_sub(entity_count(s));
    // A row of pipe-separated items is a menu or a keyword list, however long.
    let pipes = s.chars().filter(|c| matches!(c, '|' | '｜')).count();
    if sentence_ends == 0 && pipes >= 3 {
        return false;
    }
    (sentence_ends >= 1 && chars >= 8) || (commas >= 2 && chars >= 16) || chars >= 60
}

/// How many `&name;` / `&#123;` / `&#x4E2D;` entities `s` holds.
fn entity_count(s: &str) -> usize {
    s.match_indices('&')
        .filter(|&(at, _)| {
            let rest = &s.as_bytes()[at + 1..];
            let body = rest
                .iter()
                .take(10)
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
                .count();
            body >= 2 && rest.get(body) == Some(&b';')
        })
        .count()
}

/// A related-article bullet (`· 我市开展冬季安全生产大检查`): a bullet and a short title.
fn is_bullet_title(line: &str) -> bool {
    let s = line.trim();
    let Some(title) = s.strip_prefix(['·', '•', '▪', '◆', '●', '○', '■', '▸', '►', '◇'])
    else {
        return false;
    };
    let n = visible_chars(title);
    (4..=40).contains(&n)
        && !title.contains(['。', '！', '？', '!', '?', '，', ','])
        && title.chars().any(crate::analysis::script::is_han)
}

/// A short line whose only sentence end closes it (`水电改造要注意哪些问题？`): a headline.
fn is_title_like(line: &str) -> bool {
    let s = line.trim();
    let ends = s
        .chars()
        .filter(|c| matches!(c, '。' | '！' | '？' | '!' | '?'))
        .count();
    ends == 1 && s.ends_with(['？', '！', '?', '!']) && visible_chars(s) <= 30
}

/// Metadata that belongs with the article (byline, source, date, editor): never spam.
pub fn is_metadata(s: &str) -> bool {
    let s = s.trim_start_matches(['（', '(', '【', '[', ' ', '　']);
    const LABELS: &[&str] = &[
        "责任编辑",
        "编辑",
        "责编",
        "来源",
        "作者",
        "记者",
        "通讯员",
        "校对",
        "审核",
        "审校",
        "发布时间",
        "发布日期",
        "发表时间",
        "更新时间",
        "时间",
        "日期",
        "原标题",
        "本文来源",
        "文章来源",
        "出处",
        "撰稿",
        "摄影",
        "供稿",
        "监制",
        "编审",
        "稿源",
        "信息来源",
        "完",
    ];
    if LABELS.iter().any(|l| {
        s.strip_prefix(l).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with(['：', ':', ' ', '　', '）', ')', '】', ']', '|'])
        })
    }) {
        return true;
    }
    if s.contains("来源：") || s.contains("作者：") || s.contains("编辑：") {
        return visible_chars(s) <= 80;
    }
    starts_with_date(s)
}

/// `2020-10-14`, `2020年10月14日`, `2020/10/14`, `2020.10.14`.
fn starts_with_date(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() < 6 || !bytes[..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let rest = &s[4..];
    (rest.starts_with(['-', '/', '.']) && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit))
        || rest.starts_with('年')
}

/// What a line in the head or foot region is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Blank,
    /// Page chrome (`spam/boilerplate`).
    Chrome,
    /// Looks like a keyword list (judged later, as a group, by `spam/appended-list`).
    List(appended_list::ListLine),
    Metadata,
    /// Running prose: the body.
    Prose,
    /// Title, byline or anything else that is not spam.
    Other,
}

/// A run of appended-list lines that fired, possibly starting inside the last prose line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListRun {
    /// Source bytes of the list (from its first item to the end of its last line).
    pub range: Range<usize>,
    /// Line indices covered by the run (the first may be only partly covered).
    pub lines: Range<usize>,
    /// Set when the run starts inside a prose line: the byte where deletion starts.
    pub partial_start: Option<usize>,
    pub items: usize,
}

/// The spam layout of a document: chrome lines and appended lists, with deletion ranges.
pub struct Plan<'a> {
    text: TextEnds<'a>,
    pub lines: Vec<Line>,
    pub chrome: Vec<usize>,
    pub lists: Vec<ListRun>,
    deleted: Vec<usize>,
}

impl<'a> Plan<'a> {
    pub fn of(doc: &Document<'a>) -> Plan<'a> {
        Plan::of_excerpt(
            TextEnds::whole(doc.text),
            doc.summary.script(),
            doc.boilerplate,
        )
    }

    /// The plan of a document read through `text`; `script` is the document's script and
    /// `boilerplate` the configured extra chrome phrases.
    pub fn of_excerpt(text: TextEnds<'a>, script: Script, boilerplate: &[String]) -> Plan<'a> {
        let lines = text.lines();
        let mut roles: Vec<Option<Role>> = vec![None; lines.len()];
        let classify = |i: usize, roles: &mut Vec<Option<Role>>| -> Role {
            if let Some(r) = &roles[i] {
                return r.clone();
            }
            let l = lines[i];
            let s = simplified_line(text.slice(l.start..l.end));
            let role = if s.is_empty() {
                Role::Blank
            } else if is_metadata(&s) {
                if boilerplate::is_metadata_chrome(&s) {
                    Role::Chrome
                } else {
                    Role::Metadata
                }
            } else if boilerplate::is_chrome(&s, boilerplate) {
                Role::Chrome
            } else if let Some(list) =
                appended_list::parse_line(text.slice(l.start..l.end), &s, script)
            {
                Role::List(list)
            } else if is_prose(&s) {
                Role::Prose
            } else {
                Role::Other
            };
            roles[i] = Some(role.clone());
            role
        };
        // A short question or exclamation (a forum thread's title) does not start the body.
        let is_body = |i: usize, roles: &mut Vec<Option<Role>>| {
            classify(i, roles) == Role::Prose
                && !is_title_like(text.slice(lines[i].start..lines[i].end))
        };

        // Head: lines before the first prose line.
        let mut head_end = 0;
        let mut seen = 0;
        while head_end < lines.len() && seen < MAX_REGION_LINES {
            if is_body(head_end, &mut roles) {
                break;
            }
            if roles[head_end] != Some(Role::Blank) {
                seen += 1;
            }
            head_end += 1;
        }
        // Foot: lines after the last prose line.
        let mut foot_start = lines.len();
        let mut seen = 0;
        while foot_start > head_end && seen < MAX_REGION_LINES {
            if is_body(foot_start - 1, &mut roles) {
                break;
            }
            if roles[foot_start - 1] != Some(Role::Blank) {
                seen += 1;
            }
            foot_start -= 1;
        }
        // With no prose at all, the regions meet; lines past the caps stay unclassified.
        let body_exists = head_end < foot_start;
        let mut chrome = Vec::new();
        for (i, role) in roles.iter().enumerate() {
            if role == &Some(Role::Chrome) && (i < head_end || i >= foot_start) {
                chrome.push(i);
            }
        }
        // Marked chrome among the first and last few body lines (a breadcrumb after a
        // one-line lead, 登录 | 注册 between paragraphs).
        if body_exists {
            let near_head = head_end..(head_end + EDGE_LINES).min(foot_start);
            let near_foot = foot_start.saturating_sub(EDGE_LINES).max(near_head.end)..foot_start;
            for i in near_head.chain(near_foot) {
                let l = lines[i];
                let s = simplified_line(text.slice(l.start..l.end));
                // A copyright line beside a sentence about the licence is the text's own
                // notice (附录：版权 … Copyright © 2004 某某 … 本文档依照 GPL 发布).
                let beside = |k: Option<usize>| {
                    k.is_some_and(|k| {
                        let n = lines[k];
                        boilerplate::is_licence_statement(&simplified_line(
                            text.slice(n.start..n.end),
                        ))
                    })
                };
                let nonblank =
                    |k: &usize| !text.slice(lines[*k].start..lines[*k].end).trim().is_empty();
                if !s.is_empty()
                    && !is_metadata(&s)
                    && boilerplate::is_marked_chrome(&s, boilerplate)
                    && !(boilerplate::is_copyright_line(&s)
                        && (beside((0..i).rev().find(nonblank))
                            || beside((i + 1..lines.len()).find(nonblank))))
                {
                    roles[i] = Some(Role::Chrome);
                    chrome.push(i);
                }
            }
            chrome.sort_unstable();
        }
        // Related-article bullets among the footer chrome (相关阅读, · title, Copyright …) are
        // chrome too; a bullet list with no chrome beside it is content.
        loop {
            let mut grew = false;
            for i in foot_start.max(head_end)..lines.len() {
                if roles[i] == Some(Role::Chrome)
                    || !is_bullet_title(text.slice(lines[i].start..lines[i].end))
                {
                    continue;
                }
                let nonblank = |k: &usize| roles[*k] != Some(Role::Blank);
                let prev = (foot_start..i).rev().find(nonblank);
                let next = (i + 1..lines.len()).find(nonblank);
                if [prev, next]
                    .into_iter()
                    .flatten()
                    .any(|k| roles[k] == Some(Role::Chrome))
                {
                    roles[i] = Some(Role::Chrome);
                    chrome.push(i);
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        chrome.sort_unstable();
        let last_prose = (body_exists && foot_start > 0).then(|| foot_start - 1);
        let lists = appended_list::find_runs(&text, script, &lines, &roles, foot_start, last_prose);
        let mut deleted = chrome.clone();
        for run in &lists {
            let whole = if run.partial_start.is_some() {
                run.lines.start + 1
            } else {
                run.lines.start
            };
            deleted.extend(whole..run.lines.end);
        }
        deleted.sort_unstable();
        deleted.dedup();
        Plan {
            text,
            lines,
            chrome,
            lists,
            deleted,
        }
    }

    fn is_deleted(&self, i: usize) -> bool {
        self.deleted.binary_search(&i).is_ok()
    }

    /// The content of line `i` (without its line break).
    pub fn line_text(&self, i: usize) -> &'a str {
        let l = self.lines[i];
        self.text.slice(l.start..l.end)
    }

    fn is_blank(&self, i: usize) -> bool {
        self.line_text(i).trim().is_empty()
    }

    /// Bytes to delete for whole lines `first..=last` so that no blank-line debris is left:
    /// before kept text the block takes the blank lines after it; at the end of the document
    /// it takes the blank lines before it and everything to the end.
    pub fn deletion(&self, first: usize, last: usize) -> Range<usize> {
        let lines = &self.lines;
        let mut j = last + 1;
        let mut kept_after = false;
        let mut nonblank_after = false;
        while j < lines.len() {
            if !self.is_blank(j) {
                nonblank_after = true;
                if !self.is_deleted(j) {
                    kept_after = true;
                    break;
                }
            }
            j += 1;
        }
        if kept_after {
            let mut end = lines[last].next;
            let mut k = last + 1;
            while k < lines.len() && self.is_blank(k) {
                end = lines[k].next;
                k += 1;
            }
            return lines[first].start..end;
        }
        let mut start = lines[first].start;
        let mut k = first;
        while k > 0 && self.is_blank(k - 1) {
            k -= 1;
            start = lines[k].start;
        }
        // A partly deleted line before keeps its own line break.
        let end = if nonblank_after {
            lines[last].next
        } else {
            self.text.len
        };
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lines_with_and_without_final_break() {
        let text = "一\r\n\n二";
        let got: Vec<_> = lines(text)
            .iter()
            .map(|l| (&text[l.start..l.end], l.next))
            .collect();
        assert_eq!(got, [("一", 5), ("", 6), ("二", 9)]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn prose_and_metadata() {
        assert!(is_prose(
            "习近平总书记强调,要抓好党的组织制度建设,这是根本。"
        ));
        assert!(!is_prose("在重大斗争中把基层党组织锻造得更加坚强"));
        assert!(!is_prose("中共安徽省委组织部"));
        assert!(is_metadata("责任编辑：张三"));
        assert!(is_metadata("（责任编辑：张三）"));
        assert!(is_metadata("2020-10-14 10:31:22"));
        assert!(is_metadata("2020年10月14日 来源：共产党员网"));
        assert!(!is_metadata("编辑部的故事"));
        assert!(!is_metadata("2020"));
    }
}
