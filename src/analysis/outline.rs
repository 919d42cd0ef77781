//! The document outline: the title and the numbered headings of Chinese official writing
//! (第一編 > 第一章 > 第一節 > 一、 > （一） > 1. > （1） > ①) or Markdown `#` headings, nested
//! by level, with byte ranges for the editor's outline, breadcrumbs and folding.
//!
//! Choices worth knowing:
//! - The title, when found, is the root: every later heading is its descendant, so the seed
//!   gives one Title symbol whose children are the five sections 一、…五、.
//! - A heading is a line of its own. A numbered line that reads like a paragraph (long, or
//!   several sentences) is a list item, not a heading.
//! - When a document has Markdown headings, only they (and the title) count: numbered lines
//!   in Markdown are list items. Fenced code blocks and YAML front matter are skipped.
//! - Page chrome (手機版, 打印 糾錯, 1 1 1) and bylines (中共安徽省委組織部) are never the title;
//!   a small predicate here keeps this module independent of the spam detectors.
//!
//! Linear in the text; no segmentation.

use super::normalize::strip_annotations;
use super::script::{is_han, simplified_char};
use serde::Serialize;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SymbolKind {
    Title,
    /// 第X編 / 第X编
    Part,
    /// 第X章
    Chapter,
    /// 第X節 / 第X节
    Section,
    /// Numbered (一、 （一） 1. （1） ①) and Markdown headings.
    Heading,
}

/// One outline entry. Offsets are bytes of the analysed text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Symbol {
    /// Short name: annotations removed, cut at the first clause break (`一、加強新時代基層黨組織建設`).
    pub name: String,
    /// The whole heading (annotations removed) when `name` had to be cut.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// Rank: 0 title; 1 編, 2 章, 3 節, 4 一、, 5 （一）, 6 1., 7 （1）, 8 ①; Markdown `#`×n is n.
    /// Smaller is higher; a heading contains the following headings of larger rank.
    pub level: u8,
    /// The whole section: from the heading line's start to the start of the next heading of
    /// the same or a higher rank (or the end of the text).
    pub range: Range<usize>,
    /// The heading's text on its line, without indentation or line break.
    pub selection_range: Range<usize>,
    pub children: Vec<Symbol>,
}

/// Names longer than this (in characters) are shortened with an ellipsis.
const MAX_NAME_CHARS: usize = 40;
/// Longest title candidate, in characters (annotations removed).
const MAX_TITLE_CHARS: usize = 60;
/// Title candidates are looked for only among the first lines.
pub const TITLE_SEARCH_LINES: usize = 40;
/// A numbered line whose text after the marker is longer than this is a list paragraph.
const MAX_HEADING_CHARS: usize = 80;
/// ... and so is one longer than this that ends like a sentence.
const MAX_SENTENCE_HEADING_CHARS: usize = 50;

const LEVEL_TITLE: u8 = 0;
const LEVEL_PART: u8 = 1;
const LEVEL_CHAPTER: u8 = 2;
const LEVEL_SECTION: u8 = 3;
const LEVEL_CN_NUMBER: u8 = 4;
const LEVEL_CN_PAREN: u8 = 5;
const LEVEL_DIGIT: u8 = 6;
const LEVEL_DIGIT_PAREN: u8 = 7;
const LEVEL_CIRCLED: u8 = 8;

/// A line of the text: its start, and its content without indentation and line break.
struct Line {
    start: usize,
    content: Range<usize>,
}

/// The line `raw` (with its line break) that starts at byte `start`.
fn line_at(raw: &str, start: usize) -> Line {
    let body = raw.trim_end_matches(['\n', '\r']);
    let trimmed_start = body.trim_start_matches(is_indent);
    let lead = body.len() - trimmed_start.len();
    let content = trimmed_start.trim_end_matches(is_indent);
    Line {
        start,
        content: start + lead..start + lead + content.len(),
    }
}

fn is_indent(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// What a line that can matter to the outline is (see [`scan`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineRole {
    /// Exactly `---` (`dashes`) or `...`: a YAML front-matter delimiter.
    Delimiter { dashes: bool },
    /// Opens with a run of backticks or tildes: may open or close a fenced code block; `bare`
    /// when nothing but blanks follows the run.
    Fence {
        marker: char,
        run: usize,
        bare: bool,
    },
    /// A Markdown ATX heading; `text` is its text without the `#`s.
    Markdown {
        level: u8,
        text: Range<usize>,
        name: String,
        detail: Option<String>,
    },
    /// A numbered heading (第一章, 一、, （一）, 1., ①…).
    Numbered {
        kind: SymbolKind,
        level: u8,
        name: String,
        detail: Option<String>,
    },
}

/// A line that can matter to the outline: a heading candidate, a code fence or a
/// front-matter delimiter. Whether it counts depends on the rest of the document (fences,
/// front matter, whether it has Markdown headings), which [`outline_of_scan`] decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineLine {
    pub start: usize,
    /// The line without indentation and line break.
    pub content: Range<usize>,
    pub role: LineRole,
}

impl OutlineLine {
    /// The same line `by` bytes further on.
    pub fn shifted(&self, by: usize) -> OutlineLine {
        let mut role = self.role.clone();
        if let LineRole::Markdown { text, .. } = &mut role {
            *text = text.start + by..text.end + by;
        }
        OutlineLine {
            start: self.start + by,
            content: self.content.start + by..self.content.end + by,
            role,
        }
    }
}

/// The lines of `text` that can matter to its outline, in order. What a line is depends on
/// that line alone, so for pieces of a text cut at line starts, the pieces' scans (shifted to
/// where each piece starts) make the scan of the whole: the language server keeps one per
/// paragraph and rescans only the paragraphs an edit touched.
pub fn scan(text: &str) -> Vec<OutlineLine> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line = line_at(raw, start);
        start += raw.len();
        let content = &text[line.content.clone()];
        if let Some(role) = role_of(content, line.content.start) {
            out.push(OutlineLine {
                start: line.start,
                content: line.content,
                role,
            });
        }
    }
    out
}

/// The role of a line whose content (at byte `at`) is `content`, if it can have one.
fn role_of(content: &str, at: usize) -> Option<LineRole> {
    let first = content.chars().next()?;
    match first {
        '-' | '.' => (content == "---" || content == "...").then_some(LineRole::Delimiter {
            dashes: content == "---",
        }),
        '`' | '~' => {
            let run = content.bytes().take_while(|&b| b == first as u8).count();
            Some(LineRole::Fence {
                marker: first,
                run,
                bare: content[run..].trim().is_empty(),
            })
        }
        '#' => markdown_level(content).map(|(level, inner)| {
            let from = at + (inner.as_ptr() as usize - content.as_ptr() as usize);
            let (name, detail) = name_of(inner);
            LineRole::Markdown {
                level,
                text: from..from + inner.len(),
                name,
                detail,
            }
        }),
        _ => numbered_heading(content).map(|(kind, level)| {
            let (name, detail) = name_of(content);
            LineRole::Numbered {
                kind,
                level,
                name,
                detail,
            }
        }),
    }
}

/// What [`flat_outline`] needs of a scanned line: where it is and its role, without names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineKey {
    /// Start of the line.
    pub start: usize,
    /// Start of its content (after indentation).
    pub content_start: usize,
    pub role: RoleKey,
}

/// [`LineRole`] without the names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKey {
    Delimiter {
        dashes: bool,
    },
    Fence {
        marker: char,
        run: usize,
        bare: bool,
    },
    Markdown {
        level: u8,
    },
    Numbered {
        kind: SymbolKind,
        level: u8,
    },
}

impl OutlineLine {
    /// The line's [`LineKey`], `by` bytes further on.
    pub fn key(&self, by: usize) -> LineKey {
        let role = match &self.role {
            LineRole::Delimiter { dashes } => RoleKey::Delimiter { dashes: *dashes },
            &LineRole::Fence { marker, run, bare } => RoleKey::Fence { marker, run, bare },
            LineRole::Markdown { level, .. } => RoleKey::Markdown { level: *level },
            LineRole::Numbered { kind, level, .. } => RoleKey::Numbered {
                kind: *kind,
                level: *level,
            },
        };
        LineKey {
            start: self.start + by,
            content_start: self.content.start + by,
            role,
        }
    }
}

/// A symbol of a [`FlatOutline`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlatSymbol {
    /// The index of its scanned line; `None` for the title found among the first lines
    /// ([`FlatOutline::title`]).
    pub line: Option<usize>,
    pub kind: SymbolKind,
    pub level: u8,
    /// Nesting depth: 0 for a top-level symbol, its parent's plus one otherwise.
    pub depth: usize,
    /// The symbol whose start ends its section (an index into [`FlatOutline::symbols`]), or
    /// `None` when the section runs to the end of the text.
    pub end: Option<usize>,
}

/// The title found among the first lines when it is not a scanned line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleLine {
    pub start: usize,
    pub content: Range<usize>,
    pub name: String,
    pub detail: Option<String>,
}

/// The outline before names and ranges are filled in: its symbols in document order (a
/// symbol's descendants follow it), each pointing at its scanned line. [`outline_of_scan`]
/// builds the tree from it; the language server writes its documentSymbol reply from it and
/// from names and positions it keeps per piece of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlatOutline {
    pub symbols: Vec<FlatSymbol>,
    pub title: Option<TitleLine>,
}

/// The [`FlatOutline`] of a text from the keys of its [`scan`]. `head` is the start of the
/// text: at least its first [`TITLE_SEARCH_LINES`] lines (or all of it), where a title is
/// looked for.
pub fn flat_outline(lines: &[LineKey], head: &str) -> FlatOutline {
    let (skipped, spans) = skipped_scan_lines(lines);
    let counts = lines.iter().zip(&skipped).filter(|&(_, &skip)| !skip);
    let markdown = counts
        .clone()
        .any(|(l, _)| matches!(l.role, RoleKey::Markdown { .. }));
    let mut symbols: Vec<FlatSymbol> = lines
        .iter()
        .enumerate()
        .zip(&skipped)
        .filter(|&(_, &skip)| !skip)
        .filter_map(|((i, l), _)| {
            let (kind, level) = match (l.role, markdown) {
                (RoleKey::Markdown { level }, true) => (SymbolKind::Heading, level),
                (RoleKey::Numbered { kind, level }, false) => (kind, level),
                _ => return None,
            };
            Some(FlatSymbol {
                line: Some(i),
                kind,
                level,
                depth: 0,
                end: None,
            })
        })
        .collect();
    let mut title = None;
    if markdown {
        // A leading `# ` heading is the title.
        if let Some(h) = symbols.first_mut()
            && h.level == 1
        {
            h.kind = SymbolKind::Title;
            h.level = LEVEL_TITLE;
        }
    } else {
        let before = symbols
            .first()
            .and_then(|h| h.line)
            .map_or(usize::MAX, |i| lines[i].start);
        if let Some(line) = find_title(head, before, &spans) {
            let (name, detail) = name_of(&head[line.content.clone()]);
            symbols.insert(
                0,
                FlatSymbol {
                    line: None,
                    kind: SymbolKind::Title,
                    level: LEVEL_TITLE,
                    depth: 0,
                    end: None,
                },
            );
            title = Some(TitleLine {
                start: line.start,
                content: line.content,
                name,
                detail,
            });
        }
    }
    nest(&mut symbols);
    FlatOutline { symbols, title }
}

/// The outline of `text`: top-level symbols with nested children.
pub fn outline(text: &str) -> Vec<Symbol> {
    outline_of_scan(&scan(text), text, text.len())
}

/// The outline of a text `len` bytes long from its [`scan`]. `head` is the start of the text:
/// at least its first [`TITLE_SEARCH_LINES`] lines (or all of it), where a title is looked for.
pub fn outline_of_scan(lines: &[OutlineLine], head: &str, len: usize) -> Vec<Symbol> {
    let keys: Vec<LineKey> = lines.iter().map(|l| l.key(0)).collect();
    let flat = flat_outline(&keys, head);
    let start = |s: &FlatSymbol| match (s.line, &flat.title) {
        (Some(i), _) => lines[i].start,
        (None, Some(title)) => title.start,
        (None, None) => unreachable!("a symbol without a line is the title"),
    };
    let made: Vec<(usize, Symbol)> = flat
        .symbols
        .iter()
        .map(|s| {
            let (name, detail, selection_range) = match (s.line, &flat.title) {
                (Some(i), _) => {
                    let (name, detail) = match &lines[i].role {
                        LineRole::Markdown { name, detail, .. }
                        | LineRole::Numbered { name, detail, .. } => (name, detail),
                        _ => unreachable!("only headings become symbols"),
                    };
                    (name.clone(), detail.clone(), lines[i].content.clone())
                }
                (None, Some(t)) => (t.name.clone(), t.detail.clone(), t.content.clone()),
                (None, None) => unreachable!("a symbol without a line is the title"),
            };
            let end = s.end.map_or(len, |j| start(&flat.symbols[j]));
            let symbol = Symbol {
                name,
                detail,
                kind: s.kind,
                level: s.level,
                range: start(s)..end,
                selection_range,
                children: Vec::new(),
            };
            (s.depth, symbol)
        })
        .collect();
    let roots = children_at(&mut made.into_iter().peekable(), 0);
    roots
}

/// The symbols at `depth` from the next ones on, each with its children (the symbols
/// deeper than it that follow it).
fn children_at(
    made: &mut std::iter::Peekable<impl Iterator<Item = (usize, Symbol)>>,
    depth: usize,
) -> Vec<Symbol> {
    let mut out = Vec::new();
    while let Some((_, mut symbol)) = made.next_if(|(d, _)| *d == depth) {
        symbol.children = children_at(made, depth + 1);
        out.push(symbol);
    }
    out
}

/// Which scanned lines lie inside fenced code blocks or YAML front matter (fences included),
/// and the spans of line starts those cover (for the lines [`scan`] left out).
fn skipped_scan_lines(lines: &[LineKey]) -> (Vec<bool>, Vec<Range<usize>>) {
    let mut skipped = vec![false; lines.len()];
    let mut spans = Vec::new();
    let mut i = 0;
    if let Some(first) = lines.first()
        && first.content_start == 0
        && first.role == (RoleKey::Delimiter { dashes: true })
        && let Some(end) =
            (1..lines.len()).find(|&j| matches!(lines[j].role, RoleKey::Delimiter { .. }))
    {
        skipped[..=end].fill(true);
        spans.push(0..lines[end].start + 1);
        i = end + 1;
    }
    // (marker, run, start of the opening line)
    let mut fence: Option<(char, usize, usize)> = None;
    while i < lines.len() {
        let line = &lines[i];
        match (fence, line.role) {
            (None, RoleKey::Fence { marker, run, .. }) if run >= 3 => {
                fence = Some((marker, run, line.start));
                skipped[i] = true;
            }
            (Some((m, n, open)), RoleKey::Fence { marker, run, bare })
                if marker == m && run >= n && bare =>
            {
                fence = None;
                skipped[i] = true;
                spans.push(open..line.start + 1);
            }
            (Some(_), _) => skipped[i] = true,
            _ => {}
        }
        i += 1;
    }
    if let Some((_, _, open)) = fence {
        spans.push(open..usize::MAX);
    }
    (skipped, spans)
}

/// Sets each symbol's depth and section end with a stack: each heading closes the open
/// sections of the same or a lower rank (a higher or equal `level` number).
fn nest(symbols: &mut [FlatSymbol]) {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..symbols.len() {
        while let Some(&open) = stack.last()
            && symbols[open].level >= symbols[i].level
        {
            symbols[open].end = Some(i);
            stack.pop();
        }
        symbols[i].depth = stack.len();
        stack.push(i);
    }
}

/// `## text` → (2, "text"): ATX headings with their closing `#`s removed.
fn markdown_level(content: &str) -> Option<(u8, &str)> {
    let hashes = content.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &content[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let inner = rest.trim().trim_end_matches('#').trim_end();
    (!inner.is_empty()).then_some((hashes as u8, inner))
}

fn is_cn_numeral(c: char) -> bool {
    "一二三四五六七八九十百千零〇两壹贰叁肆伍陆柒捌玖拾貳參陸".contains(c)
}

/// Recognises a numbered heading line and its rank.
fn numbered_heading(content: &str) -> Option<(SymbolKind, u8)> {
    let (kind, level, rest) = numbered_marker(content)?;
    looks_like_heading(rest).then_some((kind, level))
}

/// The marker's kind and rank, and the text after it.
fn numbered_marker(content: &str) -> Option<(SymbolKind, u8, &str)> {
    let mut chars = content.char_indices();
    let (_, first) = chars.next()?;
    match first {
        '第' => {
            let rest = &content['第'.len_utf8()..];
            let number_len: usize = rest
                .chars()
                .take_while(|&c| is_cn_numeral(c) || c.is_ascii_digit())
                .map(char::len_utf8)
                .sum();
            if number_len == 0 {
                return None;
            }
            let after = &rest[number_len..];
            let unit = after.chars().next()?;
            let (kind, level) = match unit {
                '編' | '编' => (SymbolKind::Part, LEVEL_PART),
                '章' => (SymbolKind::Chapter, LEVEL_CHAPTER),
                '節' | '节' => (SymbolKind::Section, LEVEL_SECTION),
                _ => return None,
            };
            Some((kind, level, &after[unit.len_utf8()..]))
        }
        '（' | '(' => {
            let inner = &content[first.len_utf8()..];
            let close = inner.find(['）', ')'])?;
            let number = &inner[..close];
            let close_len = inner[close..].chars().next()?.len_utf8();
            let rest = &inner[close + close_len..];
            if !number.is_empty()
                && number.chars().count() <= 3
                && number.chars().all(is_cn_numeral)
            {
                Some((SymbolKind::Heading, LEVEL_CN_PAREN, rest))
            } else if !number.is_empty()
                && number.len() <= 3
                && number.bytes().all(|b| b.is_ascii_digit())
            {
                Some((SymbolKind::Heading, LEVEL_DIGIT_PAREN, rest))
            } else {
                None
            }
        }
        '\u{2460}'..='\u{2473}' => Some((
            SymbolKind::Heading,
            LEVEL_CIRCLED,
            &content[first.len_utf8()..],
        )),
        c if is_cn_numeral(c) => {
            let number_len: usize = content
                .chars()
                .take_while(|&c| is_cn_numeral(c))
                .map(char::len_utf8)
                .sum();
            let rest = &content[number_len..];
            (content[..number_len].chars().count() <= 4 && rest.starts_with('、')).then(|| {
                (
                    SymbolKind::Heading,
                    LEVEL_CN_NUMBER,
                    &rest['、'.len_utf8()..],
                )
            })
        }
        c if c.is_ascii_digit() => {
            let digits = content.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &content[digits..];
            let sep = rest.chars().next()?;
            if digits > 3 || !matches!(sep, '.' | '、' | '．') {
                return None;
            }
            let rest = &rest[sep.len_utf8()..];
            // 1.5 亿元 is a number, not a heading.
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            Some((SymbolKind::Heading, LEVEL_DIGIT, rest))
        }
        _ => None,
    }
}

/// The text after a marker reads like a heading rather than a list paragraph.
fn looks_like_heading(rest: &str) -> bool {
    let rest = strip_annotations(rest.trim_matches(is_indent));
    let chars = rest.chars().count();
    if chars == 0
        || chars > MAX_HEADING_CHARS
        || !rest.chars().any(|c| is_han(c) || c.is_alphanumeric())
    {
        return false;
    }
    let body = rest.trim_end_matches(is_sentence_end);
    // Several sentences make a paragraph.
    if body.contains(is_sentence_end) {
        return false;
    }
    let ends_like_sentence = body.len() != rest.len();
    !(ends_like_sentence && chars > MAX_SENTENCE_HEADING_CHARS)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

/// The heading as written, without annotations, indentation or a closing full stop; cut
/// with `…` only when longer than [`MAX_NAME_CHARS`], and then the full text as detail.
fn name_of(heading: &str) -> (String, Option<String>) {
    let full = strip_annotations(heading);
    let full = full.trim_matches(is_indent);
    // A heading of nothing but punctuation (`# !`) keeps it: a symbol needs a name.
    let full = match full.trim_end_matches(is_sentence_end) {
        "" => full,
        trimmed => trimmed,
    };
    if full.chars().nth(MAX_NAME_CHARS).is_none() {
        return (full.to_string(), None);
    }
    let mut name: String = full.chars().take(MAX_NAME_CHARS).collect();
    name.push('…');
    (name, Some(full.to_string()))
}

/// The first title-like line: short, no sentence-final punctuation, not chrome or a byline,
/// before any body paragraph. Looks at the first lines of `head` that start before `before`
/// (the first heading) and outside `skipped` (code blocks, front matter).
fn find_title(head: &str, before: usize, skipped: &[Range<usize>]) -> Option<Line> {
    let mut start = 0;
    for raw in head.split_inclusive('\n').take(TITLE_SEARCH_LINES) {
        let line = line_at(raw, start);
        start += raw.len();
        if line.start >= before {
            break;
        }
        if line.content.is_empty() || skipped.iter().any(|r| r.contains(&line.start)) {
            continue;
        }
        let content = strip_annotations(&head[line.content.clone()]);
        let chars = content.chars().count();
        if chars > MAX_TITLE_CHARS {
            // A body paragraph: the title, if any, came before it.
            return None;
        }
        if looks_like_chrome_or_byline(&content) || content.ends_with(is_sentence_end) {
            continue;
        }
        if content.contains(['。', '！', '？']) {
            continue;
        }
        return Some(line);
    }
    None
}

/// Page chrome words (in Simplified; lines are compared through a Simplified copy).
const CHROME_WORDS: &[&str] = &[
    "手机版",
    "电脑版",
    "欢迎",
    "浏览",
    "打印",
    "纠错",
    "扫一扫",
    "收听",
    "分享",
    "登录",
    "注册",
    "首页",
    "返回",
    "字体",
    "关闭",
    "当前位置",
    "您的位置",
    "来源",
    "责任编辑",
    "编辑：",
    "作者：",
    "发布时间",
    "点击",
    "微信",
    "微博",
    "客户端",
    "下载",
    "搜索",
    "导航",
    "上一篇",
    "下一篇",
    "收藏",
    "评论",
    "阅读",
    "版权",
    "网站地图",
    "联系我们",
    "无障碍",
];

/// Organisation suffixes that make a short line a byline (中共安徽省委组织部).
const BYLINE_SUFFIXES: &[&str] = &[
    "部",
    "委",
    "会",
    "局",
    "厅",
    "办",
    "社",
    "报",
    "网",
    "中心",
    "院",
    "校",
    "处",
    "署",
    "室",
    "组",
    "记者",
    "通讯员",
    "评论员",
];

/// Short lines that are page chrome (menus, buttons, counters) or a byline, not a title.
fn looks_like_chrome_or_byline(line: &str) -> bool {
    if !line.chars().any(is_han) {
        return true;
    }
    let simplified: String = line.chars().map(simplified_char).collect();
    if CHROME_WORDS.iter().any(|w| simplified.contains(w)) || simplified.contains('×') {
        return true;
    }
    // 00:00/00:00, 2020-01-01 10:00: mostly digits and separators.
    let digits = line.chars().filter(|c| c.is_ascii_digit()).count();
    if digits * 2 >= line.chars().count() {
        return true;
    }
    let compact: String = simplified.chars().filter(|c| !c.is_whitespace()).collect();
    let short = compact.chars().count() <= 16;
    if short
        && (compact.starts_with("作者")
            || compact.starts_with("来源")
            || compact.starts_with("文/")
            || compact.starts_with("本报")
            || BYLINE_SUFFIXES.iter().any(|s| compact.ends_with(s)))
    {
        return true;
    }
    // Menus: several very short words separated by spaces (共產黨員網 打印 糾錯).
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 3 && words.iter().all(|w| w.chars().count() <= 6)
}

/// Characters in a section, for hovers: annotations removed, whitespace not counted.
pub fn section_char_count(text: &str, symbol: &Symbol) -> usize {
    let Some(section) = text.get(symbol.range.clone()) else {
        return 0;
    };
    strip_annotations(section)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../tests/fixtures/seed.txt");

    /// (depth, name) of every symbol, depth first.
    fn flat(symbols: &[Symbol]) -> Vec<(usize, String)> {
        fn walk(symbols: &[Symbol], depth: usize, out: &mut Vec<(usize, String)>) {
            for s in symbols {
                out.push((depth, s.name.clone()));
                walk(&s.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(symbols, 0, &mut out);
        out
    }

    /// Every symbol's selection lies in its range, and children tile inside their parent.
    fn assert_well_formed(text: &str, symbols: &[Symbol], within: Range<usize>) {
        let mut at = within.start;
        for s in symbols {
            assert!(s.range.start >= at && s.range.end <= within.end, "{s:?}");
            assert!(s.range.start <= s.selection_range.start);
            assert!(s.selection_range.end <= s.range.end);
            assert!(text.is_char_boundary(s.range.start) && text.is_char_boundary(s.range.end));
            at = s.range.end;
            assert_well_formed(text, &s.children, s.range.clone());
        }
    }

    #[test]
    fn seed_outline() {
        let symbols = outline(SEED);
        assert_eq!(symbols.len(), 1);
        let title = &symbols[0];
        assert_eq!(title.kind, SymbolKind::Title);
        assert_eq!(title.name, "在重大斗爭中把基層黨組織鍛造得更加堅強");
        assert_eq!(
            &SEED[title.selection_range.clone()],
            "在重大斗爭中把基層黨組織鍛造得更加堅(jiān)強(qiáng)"
        );
        assert_eq!(title.range, SEED.find("在重大").unwrap()..SEED.len());
        let names: Vec<&str> = title.children.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "一、加強新時代基層黨組織建設,必須毫不動搖把黨的政治建設擺在首位",
                "二、加強新時代基層黨組織建設,必須毫不動搖突出組織體系建設這個重點",
                "三、加強新時代基層黨組織建設,必須毫不動搖把骨干隊伍和人才隊伍建設作為關鍵之舉",
                "四、加強新時代基層黨組織建設,必須毫不動搖推進密切聯系群眾的優良作風在基層落地生…",
                "五、加強新時代基層黨組織建設,必須毫不動搖把制度建設擺在更加重要的位置來抓",
            ]
        );
        let first = &title.children[0];
        assert_eq!(first.level, 4);
        assert_eq!(first.detail, None);
        assert_eq!(
            title.children[3].detail.as_deref(),
            Some(
                "四、加強新時代基層黨組織建設,必須毫不動搖推進密切聯系群眾的優良作風在基層落地生根"
            )
        );
        // Selection: the heading without its two-space indentation or line break.
        let line17 = SEED.find("  一、").unwrap();
        assert_eq!(first.selection_range.start, line17 + 2);
        assert_eq!(
            &SEED[first.selection_range.clone()],
            "一、加強(qiáng)新時(shí)代基層黨組織建設(shè),必須毫不動(dòng)搖把黨的政治建設(shè)擺在首位"
        );
        // Sections tile: each ends where the next heading's line starts; the last at the end.
        assert_eq!(first.range.start, line17);
        for pair in title.children.windows(2) {
            assert_eq!(pair[0].range.end, pair[1].range.start);
            assert!(SEED[pair[1].range.start..].starts_with("  "));
        }
        assert_eq!(title.children[4].range.end, SEED.len());
        assert!(title.children.iter().all(|s| s.children.is_empty()));
        assert_well_formed(SEED, &symbols, 0..SEED.len());
    }

    #[test]
    fn nested_official_numbering() {
        let text = "\
規章制度彙編
第一章 總則
第一節 目的
一、基本原則
（一）堅持黨的領導
1. 加強學習
（1）每週一次
①集中學習
②自學
（2）每月總結
2. 改進作風
（二）依法辦事
二、適用範圍
第二節 定義
第二章 附則
";
        let got = flat(&outline(text));
        let want = [
            (0, "規章制度彙編"),
            (1, "第一章 總則"),
            (2, "第一節 目的"),
            (3, "一、基本原則"),
            (4, "（一）堅持黨的領導"),
            (5, "1. 加強學習"),
            (6, "（1）每週一次"),
            (7, "①集中學習"),
            (7, "②自學"),
            (6, "（2）每月總結"),
            (5, "2. 改進作風"),
            (4, "（二）依法辦事"),
            (3, "二、適用範圍"),
            (2, "第二節 定義"),
            (1, "第二章 附則"),
        ];
        let want: Vec<(usize, String)> = want.iter().map(|(d, n)| (*d, n.to_string())).collect();
        assert_eq!(got, want);
        let symbols = outline(text);
        assert_well_formed(text, &symbols, 0..text.len());
        let chapter = &symbols[0].children[0];
        assert_eq!(chapter.kind, SymbolKind::Chapter);
        assert_eq!(
            chapter.range,
            text.find("第一章").unwrap()..text.find("第二章").unwrap()
        );
        assert_eq!(symbols[0].children[1].kind, SymbolKind::Chapter);
        assert_eq!(chapter.children[0].kind, SymbolKind::Section);
    }

    #[test]
    fn parts_and_skipped_levels() {
        let text = "第一編 總論\n一、直接跳到這一級\n第二编 分论\n第一章 通则\n";
        let got = flat(&outline(text));
        assert_eq!(
            got.iter()
                .map(|(d, n)| (*d, n.as_str()))
                .collect::<Vec<_>>(),
            [
                (0, "第一編 總論"),
                (1, "一、直接跳到這一級"),
                (0, "第二编 分论"),
                (1, "第一章 通则"),
            ]
        );
    }

    #[test]
    fn markdown_with_front_matter_and_code_fences() {
        let text = "---\ntitle: 示例\n# 不是标题\n---\n# 工作报告\n\n一、这是列表\n\n## 背景\n\n```\n# 代码里的注释\n## 也不是\n```\n\n~~~~\n# 波浪线围栏\n~~~~\n\n### 细节 ###\n## 结论\n#没有空格不算\n";
        let symbols = outline(text);
        let got = flat(&symbols);
        assert_eq!(
            got.iter()
                .map(|(d, n)| (*d, n.as_str()))
                .collect::<Vec<_>>(),
            [(0, "工作报告"), (1, "背景"), (2, "细节"), (1, "结论")]
        );
        assert_eq!(symbols[0].kind, SymbolKind::Title);
        assert_eq!(&text[symbols[0].selection_range.clone()], "# 工作报告");
        assert_eq!(symbols[0].children[0].level, 2);
        assert_well_formed(text, &symbols, 0..text.len());
    }

    #[test]
    fn near_misses_are_not_headings() {
        let text = "\
關於做好工作的通知
這是正文，其中提到一、二、三等事項，並不是標題。
1.5 億元用於建設。
2020年1月1日
1. 各單位要高度重視，切實加強組織領導，把各項任務落到實處。要建立健全工作機制，明確責任分工，確保各項措施落地見效。
十二、第十二項
";
        let got = flat(&outline(text));
        assert_eq!(
            got.iter()
                .map(|(d, n)| (*d, n.as_str()))
                .collect::<Vec<_>>(),
            [(0, "關於做好工作的通知"), (1, "十二、第十二項")]
        );
    }

    #[test]
    fn list_paragraph_with_one_long_sentence() {
        let long = "1、".to_string() + &"加強組織建設".repeat(10) + "。";
        assert!(outline(&long).is_empty());
        assert_eq!(
            flat(&outline("1、加強組織建設。")),
            [(0, "1、加強組織建設".to_string())]
        );
    }

    #[test]
    fn crlf_and_full_width_indentation() {
        let text = "標題行\r\n\r\n\u{3000}\u{3000}一、第一部分\r\n正文。\r\n\u{3000}\u{3000}二、第二部分\r\n";
        let symbols = outline(text);
        let sections = &symbols[0].children;
        assert_eq!(&text[symbols[0].selection_range.clone()], "標題行");
        assert_eq!(&text[sections[0].selection_range.clone()], "一、第一部分");
        assert_eq!(sections[0].range.end, sections[1].range.start);
        assert!(text[sections[1].range.start..].starts_with('\u{3000}'));
        assert_eq!(sections[1].range.end, text.len());
    }

    #[test]
    fn annotated_and_long_headings() {
        let text = "三、加強(qiáng)組織建設(shè)：重點任務\n";
        let symbols = outline(text);
        // As written, annotations removed; not cut at the colon, so no detail.
        assert_eq!(symbols[0].name, "三、加強組織建設：重點任務");
        assert_eq!(symbols[0].detail, None);
        let long = format!("四、{}", "很長的標題".repeat(12));
        let symbols = outline(&long);
        assert_eq!(symbols[0].name.chars().count(), MAX_NAME_CHARS + 1);
        assert!(symbols[0].name.ends_with('…'));
        assert!(long.starts_with(symbols[0].name.trim_end_matches('…')));
        // The full text stays as the detail.
        assert_eq!(symbols[0].detail.as_deref(), Some(long.as_str()));
    }

    #[test]
    fn a_heading_of_punctuation_keeps_it_as_its_name() {
        // Found by the analysis fuzz target: `# !#` lost its whole name to the full-stop trim.
        let symbols = outline("# !#");
        assert_eq!(symbols[0].name, "!");
        let symbols = outline("# 標題。\n");
        assert_eq!(symbols[0].name, "標題");
    }

    #[test]
    fn no_title_after_body_or_in_chrome() {
        assert!(outline("").is_empty());
        assert!(outline("手機版\n\n1 1 1\n").is_empty());
        let body = "這是一段很長的正文內容，".repeat(8) + "\n短句\n";
        assert!(outline(&body).is_empty());
    }

    #[test]
    fn section_character_counts() {
        let symbols = outline(SEED);
        let first = &symbols[0].children[0];
        let count = section_char_count(SEED, first);
        let section = strip_annotations(&SEED[first.range.clone()]);
        assert_eq!(
            count,
            section.chars().filter(|c| !c.is_whitespace()).count()
        );
        assert!(count > 500 && count < SEED[first.range.clone()].chars().count());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "（",
            "(1",
            "第",
            "第一",
            "一",
            "1.",
            "#",
            "```",
            "---",
            "𠮷、\r",
            "①",
            "\u{0}二、",
        ] {
            let _ = outline(text);
        }
    }

    #[test]
    fn serializes_to_json() {
        let json = serde_json::to_string(&outline("一、總則\n")).unwrap();
        assert!(json.contains("\"kind\":\"heading\""), "{json}");
        assert!(json.contains("\"selection_range\":{\"start\":0"), "{json}");
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "---",
        "...",
        "```",
        "~~~",
        "````",
        "`",
        "# ",
        "## ",
        "#",
        "標題",
        "一、",
        "（一）",
        "1.",
        "①",
        "第一章",
        "第二節",
        "总则",
        "。",
        "，",
        "手機版",
        " ",
        "\u{3000}",
        "機(jī)",
        "這是正文，寫了很多字。",
        "a",
        "𠮷",
        "\u{feff}",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..160).prop_map(|v| v.concat())
    }

    proptest! {
        /// The language server's way: scans of the paragraphs, shifted and joined, and the
        /// first lines of the text, give the outline of the whole text.
        #[test]
        fn outline_from_paragraph_scans(t in text()) {
            let mut lines = Vec::new();
            for r in crate::analysis::paragraphs(&t) {
                lines.extend(scan(&t[r.clone()]).iter().map(|l| l.shifted(r.start)));
            }
            prop_assert_eq!(&lines, &scan(&t));
            let head_end = t
                .match_indices('\n')
                .nth(TITLE_SEARCH_LINES - 1)
                .map_or(t.len(), |(i, _)| i + 1);
            prop_assert_eq!(outline_of_scan(&lines, &t[..head_end], t.len()), outline(&t));
        }
    }
}
