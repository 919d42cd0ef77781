//! How a finding is shown: JSON Lines records, and human output in the style of rustc and
//! ripgrep (`file:line:col code message`, then the source line with the span underlined).
//!
//! Human output is written with ANSI styles; the stream it is finally written to strips them
//! when colour is off. Long lines are shown as a window around the span, and characters that
//! would corrupt a terminal or be invisible (controls, zero-width and bidi marks) are shown
//! as escapes, so the underline stays aligned with what is printed.

use crate::analysis::{Finding, Locale, Severity};
use crate::position::{LineIndex, floor_boundary};
pub use crate::position::{Locator, span};
use anstyle::{AnsiColor, Style};
use std::io::Write;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Where a finding came from in a JSONL corpus.
#[derive(Clone, Copy, Debug)]
pub struct RecordRef<'a> {
    /// 1-based line number of the record in its input.
    pub number: u64,
    /// The record's id, as written in the input.
    pub id: Option<&'a serde_json::value::RawValue>,
}

/// One JSON Lines record for `finding`: `file`, `record` and `id` (JSONL input only), `code`,
/// `severity`, `message`, 1-based `line`/`column`/`end_line`/`end_column` (characters),
/// `byte_start`/`byte_end`, and `fixes` (`title`, `byte_start`, `byte_end`, `replacement`,
/// `safe`). Written by hand rather than through serde: a big file has hundreds of thousands
/// of findings, and this is what serde_json writes for the same fields, at a fraction of the
/// cost (a test compares the two).
pub fn write_json(
    out: &mut Vec<u8>,
    file: &str,
    record: Option<RecordRef>,
    locator: &mut Locator,
    finding: &Finding,
) {
    let at = locator.span(&finding.range);
    out.extend_from_slice(b"{\"file\":");
    json_string(out, file);
    if let Some(record) = record {
        out.extend_from_slice(b",\"record\":");
        json_number(out, record.number);
        if let Some(id) = record.id {
            out.extend_from_slice(b",\"id\":");
            out.extend_from_slice(id.get().as_bytes());
        }
    }
    out.extend_from_slice(b",\"code\":");
    json_string(out, finding.code.as_str());
    out.extend_from_slice(b",\"severity\":");
    json_string(out, finding.severity.as_str());
    out.extend_from_slice(b",\"message\":");
    json_string(out, &finding.message);
    for (key, value) in [
        (&b",\"line\":"[..], at.line),
        (b",\"column\":", at.column),
        (b",\"end_line\":", at.end_line),
        (b",\"end_column\":", at.end_column),
    ] {
        out.extend_from_slice(key);
        json_number(out, value);
    }
    out.extend_from_slice(b",\"byte_start\":");
    json_number(out, finding.range.start);
    out.extend_from_slice(b",\"byte_end\":");
    json_number(out, finding.range.end);
    out.extend_from_slice(b",\"fixes\":[");
    for (i, fix) in finding.fixes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"title\":");
        json_string(out, &fix.title);
        out.extend_from_slice(b",\"byte_start\":");
        json_number(out, fix.range.start);
        out.extend_from_slice(b",\"byte_end\":");
        json_number(out, fix.range.end);
        out.extend_from_slice(b",\"replacement\":");
        json_string(out, &fix.replacement);
        out.extend_from_slice(if fix.safe {
            b",\"safe\":true}"
        } else {
            b",\"safe\":false}"
        });
    }
    out.extend_from_slice(b"]}\n");
}

/// A JSON string literal, escaped as serde_json does (only `"`, `\\` and control characters
/// need it; most strings have none and are copied as they are).
fn json_string(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        // Serializing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

fn json_number(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

pub fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
        Severity::Hint => AnsiColor::Blue,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

/// The styles of human output; all plain when colour is off, so nothing needs stripping.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    colored: bool,
}

impl Palette {
    pub fn new(colored: bool) -> Palette {
        Palette { colored }
    }

    fn pick(self, style: Style) -> Style {
        if self.colored { style } else { Style::new() }
    }

    pub fn severity(self, severity: Severity) -> Style {
        self.pick(severity_style(severity))
    }

    pub fn gutter(self) -> Style {
        self.pick(
            Style::new()
                .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue)))
                .bold(),
        )
    }

    pub fn label(self) -> Style {
        self.pick(Style::new().bold())
    }

    pub fn dim(self) -> Style {
        self.pick(Style::new().dimmed())
    }
}

/// `label:line:col code message`, the source line and an underline.
pub fn write_human(
    out: &mut Vec<u8>,
    label: &str,
    locator: &mut Locator,
    finding: &Finding,
    palette: Palette,
    locale: Locale,
) {
    let at = locator.span(&finding.range);
    let style = palette.severity(finding.severity);
    let (label_style, gutter) = (palette.label(), palette.gutter());
    let _ = writeln!(
        out,
        "{label_style}{label}:{}:{}{label_style:#} {style}{}{style:#} {}",
        at.line,
        at.column,
        finding.code,
        printable(&finding.message)
    );
    let shown = excerpt(locator.text(), locator.index(), &finding.range);
    let number = (at.line).to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(out, "{gutter}{number} |{gutter:#} {}", shown.line);
    let _ = writeln!(
        out,
        "{gutter}{pad} |{gutter:#} {}{style}{}{}{style:#}",
        " ".repeat(shown.caret_column),
        "^".repeat(shown.caret_width.max(1)),
        if shown.span_continues { "…" } else { "" },
    );
    if let Some(fix) = finding.fixes.first() {
        let kind = match (fix.safe, locale) {
            (true, Locale::Zh) => "修复：",
            (false, Locale::Zh) => "建议：",
            (true, Locale::En) => "fix: ",
            (false, Locale::En) => "suggestion: ",
        };
        let _ = writeln!(
            out,
            "{gutter}{pad} ={gutter:#} {kind}{}",
            printable(&fix.title)
        );
    }
    out.push(b'\n');
}

/// Lines up to this many display columns are shown whole.
const WHOLE_LINE_COLUMNS: usize = 120;
/// Columns of context shown on each side of the span in a longer line.
const CONTEXT_COLUMNS: usize = 40;
/// Columns of the span itself shown at most.
const MAX_SPAN_COLUMNS: usize = 80;

/// A printable piece of one source line, with where the underline goes.
#[derive(Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub line: String,
    pub caret_column: usize,
    pub caret_width: usize,
    /// The span goes on past what is shown (onto later lines or past the window).
    pub span_continues: bool,
}

pub fn excerpt(text: &str, index: &LineIndex, range: &Range<usize>) -> Excerpt {
    let start = floor_boundary(text, range.start.min(text.len()));
    let line = index.line_range(text, index.line_of(start));
    let start = start.clamp(line.start, line.end);
    let end = floor_boundary(text, range.end.min(line.end)).max(start);
    let mut span_continues = range.end > line.end;

    let whole = line.len() <= 4 * WHOLE_LINE_COLUMNS
        && display_width(&text[line.clone()]) <= WHOLE_LINE_COLUMNS;
    let (window_start, shown_end, window_end) = if whole {
        (line.start, end, line.end)
    } else {
        let window_start = walk_back(text, line.start, start, CONTEXT_COLUMNS);
        let shown_end = walk_forward(text, start, end, MAX_SPAN_COLUMNS);
        let window_end = walk_forward(text, shown_end, line.end, CONTEXT_COLUMNS);
        (window_start, shown_end, window_end)
    };
    if shown_end < end {
        span_continues = true;
    }

    let mut out = Excerpt {
        line: String::new(),
        caret_column: 0,
        caret_width: 0,
        span_continues,
    };
    let mut column = 0;
    if window_start > line.start {
        out.line.push('…');
        column += 1;
    }
    for (offset, c) in text[window_start..window_end].char_indices() {
        let at = window_start + offset;
        if at == start {
            out.caret_column = column;
        }
        let width = push_printable(&mut out.line, c);
        if at >= start && at < shown_end {
            out.caret_width += width;
        }
        column += width;
    }
    if start == window_end {
        out.caret_column = column;
    }
    if window_end < line.end {
        out.line.push('…');
    }
    out
}

/// The start of up to `columns` display columns ending at `to` (not before `limit`).
fn walk_back(text: &str, limit: usize, to: usize, columns: usize) -> usize {
    let mut width = 0;
    let mut at = to;
    for (offset, c) in text[limit..to].char_indices().rev() {
        width += printable_width(c);
        if width > columns {
            break;
        }
        at = limit + offset;
    }
    at
}

/// The end of up to `columns` display columns starting at `from` (not past `limit`).
fn walk_forward(text: &str, from: usize, limit: usize, columns: usize) -> usize {
    let mut width = 0;
    for (offset, c) in text[from..limit].char_indices() {
        width += printable_width(c);
        if width > columns {
            return from + offset;
        }
    }
    limit
}

fn display_width(s: &str) -> usize {
    s.chars().map(printable_width).sum()
}

/// Characters that print as nothing, or would move the cursor or reorder text.
fn is_invisible(c: char) -> bool {
    // Fast path for the bulk of Chinese text and ASCII.
    if (' '..='~').contains(&c) || ('\u{2070}'..'\u{FEFF}').contains(&c) {
        return false;
    }
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

fn escape(c: char) -> String {
    format!("<U+{:04X}>", c as u32)
}

fn printable_width(c: char) -> usize {
    if (' '..='~').contains(&c) {
        1
    } else if c == '\t' {
        4
    } else if is_invisible(c) {
        escape(c).len()
    } else {
        c.width().unwrap_or(0)
    }
}

fn push_printable(out: &mut String, c: char) -> usize {
    if c == '\t' {
        out.push_str("    ");
    } else if is_invisible(c) {
        out.push_str(&escape(c));
    } else {
        out.push(c);
    }
    printable_width(c)
}

/// `s` with invisible and control characters escaped.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_invisible) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_invisible(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::Encoding;

    fn excerpt_of(text: &str, range: Range<usize>) -> Excerpt {
        excerpt(text, &LineIndex::new(text), &range)
    }

    #[test]
    fn underlines_by_display_width() {
        let text = "𠮷a手機(jī)版\n";
        let at = text.find('(').unwrap();
        let e = excerpt_of(text, at..at + "(jī)".len());
        assert_eq!(e.line, "𠮷a手機(jī)版");
        assert_eq!(e.caret_column, 2 + 1 + 2 + 2);
        assert_eq!(e.caret_width, 4);
        assert!(!e.span_continues);
    }

    #[test]
    fn long_lines_show_a_window() {
        let text = format!(
            "{}機(jī){}\n",
            "中".repeat(1_000_000),
            "文".repeat(1_000_000)
        );
        let at = text.find('(').unwrap();
        let e = excerpt_of(&text, at..at + 5);
        assert!(e.line.chars().count() < 100, "{}", e.line.len());
        assert!(e.line.starts_with('…') && e.line.ends_with('…'));
        assert_eq!(e.caret_column, 1 + CONTEXT_COLUMNS);
        assert_eq!(e.caret_width, 4);
    }

    #[test]
    fn invisible_characters_are_escaped_and_spans_past_the_line_continue() {
        let text = "a\u{200B}b\u{1b}[31m\nnext";
        let e = excerpt_of(text, 1..text.len());
        assert_eq!(e.line, "a<U+200B>b<U+001B>[31m");
        assert_eq!(e.caret_column, 1);
        assert_eq!(e.caret_width, e.line.len() - 1);
        assert!(e.span_continues);
        assert_eq!(printable("x\u{7}"), "x<U+0007>");
    }

    #[test]
    fn empty_and_out_of_range_spans_do_not_panic() {
        for text in ["", "機", "a\r\nb", "機\n"] {
            for start in 0..=text.len() + 2 {
                for end in start..=text.len() + 2 {
                    let _ = excerpt_of(text, start..end);
                }
            }
        }
        let e = excerpt_of("ab", 2..2);
        assert_eq!(e.caret_column, 2);
    }

    #[test]
    fn locator_agrees_with_line_index_in_any_order() {
        for text in [
            "",
            "a",
            "𠮷b\r\n機\rc\n\n😀",
            "機(jī)\n堅(jiān)強(qiáng)\r\n",
        ] {
            let index = LineIndex::new(text);
            let mut locator = Locator::new(text);
            let n = text.len() + 2;
            // Forward, backward and jumping orders all give LineIndex's answer.
            let order = (0..n).chain((0..n).rev()).chain((0..n).map(|i| i * 7 % n));
            for offset in order {
                let expected = index.line_col(text, offset, Encoding::Utf32);
                let got = locator.span(&(offset..offset));
                assert_eq!(
                    (got.line - 1, got.column - 1),
                    (expected.line, expected.col),
                    "{text:?} {offset}"
                );
            }
        }
    }

    #[derive(serde::Serialize)]
    struct SerdeFix<'a> {
        title: &'a str,
        byte_start: usize,
        byte_end: usize,
        replacement: &'a str,
        safe: bool,
    }

    /// The record as serde_json writes it, to check the hand-written [`write_json`].
    #[derive(serde::Serialize)]
    struct SerdeFinding<'a> {
        file: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        record: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a serde_json::value::RawValue>,
        code: &'static str,
        severity: &'static str,
        message: &'a str,
        line: u32,
        column: u32,
        end_line: u32,
        end_column: u32,
        byte_start: usize,
        byte_end: usize,
        fixes: Vec<SerdeFix<'a>>,
    }

    #[test]
    fn json_records_equal_serde_json() {
        let text = "第一行\n\"引号\"\\反斜杠\u{1}\t\u{7F}𠮷😀 end";
        let id = serde_json::value::RawValue::from_string("\"doc-\\\"7\"".into()).unwrap();
        for (i, (range, fixes)) in [(0..3, 0), (9..19, 1), (text.len() - 3..text.len(), 2)]
            .into_iter()
            .enumerate()
        {
            let mut finding = Finding::new(
                crate::analysis::Code::Mojibake,
                range.clone(),
                format!("消息「{}」\"\\\u{0}\n", &text[range.clone()]),
            );
            for k in 0..fixes {
                finding.fixes.push(crate::analysis::Fix {
                    title: format!("改为\t{k}"),
                    range: range.clone(),
                    replacement: text[range.clone()].to_string(),
                    safe: k == 0,
                });
            }
            let record = (i > 0).then(|| RecordRef {
                number: 41 + i as u64,
                id: (i == 2).then_some(&*id),
            });
            let file = "dir/\"a\".txt";
            let mut got = Vec::new();
            write_json(&mut got, file, record, &mut Locator::new(text), &finding);
            let at = Locator::new(text).span(&finding.range);
            let expected = SerdeFinding {
                file,
                record: record.map(|r| r.number),
                id: record.and_then(|r| r.id),
                code: finding.code.as_str(),
                severity: finding.severity.as_str(),
                message: &finding.message,
                line: at.line,
                column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
                byte_start: finding.range.start,
                byte_end: finding.range.end,
                fixes: finding
                    .fixes
                    .iter()
                    .map(|f| SerdeFix {
                        title: &f.title,
                        byte_start: f.range.start,
                        byte_end: f.range.end,
                        replacement: &f.replacement,
                        safe: f.safe,
                    })
                    .collect(),
            };
            let mut want = serde_json::to_vec(&expected).unwrap();
            want.push(b'\n');
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }

    #[test]
    fn json_columns_are_characters_and_one_based() {
        let text = "𠮷\n😀手機(jī)版";
        let at = text.find('(').unwrap();
        let mut finding = Finding::new(
            crate::analysis::Code::InlinePinyin,
            at..at + "(jī)".len(),
            "m".into(),
        );
        finding.fixes.push(crate::analysis::Fix {
            title: "t".into(),
            range: finding.range.clone(),
            replacement: String::new(),
            safe: true,
        });
        let mut out = Vec::new();
        write_json(&mut out, "f.txt", None, &mut Locator::new(text), &finding);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["line"], 2);
        assert_eq!(v["column"], 4);
        assert_eq!(v["end_column"], 8);
        assert_eq!(v["byte_start"], at);
        assert_eq!(v["fixes"][0]["byte_end"], at + 5);
        assert!(v.get("record").is_none());
    }
}
