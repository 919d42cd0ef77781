//! Findings and byte ranges to LSP values (and back), in the negotiated position encoding.

use crate::analysis::{Code, Finding, Fix, Severity};
use crate::incremental::{Located, Snapshot};
use crate::position::{Encoding, LineCol, rope as rope_pos};
use ropey::Rope;
use serde_json::json;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position, Range as LspRange,
    TextEdit,
};

pub const SOURCE: &str = "jiaodui";

pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let lc = rope_pos::line_col(rope, offset, encoding);
    Position::new(lc.line, lc.col)
}

pub fn range(rope: &Rope, r: Range<usize>, encoding: Encoding) -> LspRange {
    LspRange::new(
        position(rope, r.start, encoding),
        position(rope, r.end, encoding),
    )
}

/// A byte offset for an LSP position, clamped into the text.
pub fn offset(rope: &Rope, p: Position, encoding: Encoding) -> usize {
    rope_pos::offset(
        rope,
        LineCol {
            line: p.line,
            col: p.character,
        },
        encoding,
    )
}

/// Byte range for an LSP range, clamped and ordered.
pub fn byte_range(rope: &Rope, r: LspRange, encoding: Encoding) -> Range<usize> {
    let a = offset(rope, r.start, encoding);
    let b = offset(rope, r.end, encoding);
    a.min(b)..a.max(b)
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The diagnostic of a full finding (see `Snapshot::full`), absolute offsets.
pub fn diagnostic(a: &Snapshot, f: &Finding, encoding: Encoding) -> Diagnostic {
    diagnostic_in(&a.rope, f, encoding)
}

/// The diagnostics of `fs`, in order (see [`diagnostic`]). Those of local findings come from
/// their paragraph's diagnostics, converted once per paragraph and kept with its rebuilt
/// findings (lines counted from the paragraph's first line), moved to where the paragraph
/// now starts: no position is looked up in the whole document's rope.
pub fn diagnostics_of(a: &Snapshot, fs: &[Located], encoding: Encoding) -> Vec<Diagnostic> {
    let mut converted: HashMap<usize, (Arc<Vec<Diagnostic>>, u32)> = HashMap::new();
    let mut paragraphs: Vec<usize> = fs.iter().filter_map(|f| f.local()).map(|l| l.0).collect();
    paragraphs.sort_unstable();
    paragraphs.dedup();
    a.keep_expanded(paragraphs.len());
    fs.iter()
        .map(|f| {
            let found = f.local().and_then(|(paragraph, nth)| {
                let (diagnostics, line) = converted.entry(paragraph).or_insert_with(|| {
                    a.paragraph_converted(paragraph, encoding, |text, found| {
                        paragraph_diagnostics(text, found, encoding)
                    })
                });
                diagnostics.get(nth).map(|d| {
                    let mut d = d.clone();
                    d.range.start.line += *line;
                    d.range.end.line += *line;
                    d
                })
            });
            found.unwrap_or_else(|| diagnostic(a, &a.full(*f), encoding))
        })
        .collect()
}

/// The diagnostics of the findings of one paragraph, `text` (offsets relative to its start),
/// with lines counted from its first line. A paragraph starts a line and ends after a line
/// break (or at the end of the text), so the positions equal the document's less its first
/// line; converting in a rope of the paragraph alone costs no walk through the document's.
pub fn paragraph_diagnostics(
    text: &str,
    findings: &[Finding],
    encoding: Encoding,
) -> Vec<Diagnostic> {
    let rope = Rope::from_str(text);
    findings
        .iter()
        .map(|f| diagnostic_in(&rope, f, encoding))
        .collect()
}

fn diagnostic_in(rope: &Rope, f: &Finding, encoding: Encoding) -> Diagnostic {
    let code = f.code;
    Diagnostic {
        range: range(rope, f.range.clone(), encoding),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(code.as_str().into())),
        source: Some(SOURCE.into()),
        message: f.message.clone(),
        tags: code.is_spam().then(|| vec![DiagnosticTag::UNNECESSARY]),
        ..Diagnostic::default()
    }
}

/// The edit of a fix in absolute offsets.
pub fn text_edit(rope: &Rope, fix: &Fix, encoding: Encoding) -> TextEdit {
    TextEdit::new(
        range(rope, fix.range.clone(), encoding),
        fix.replacement.clone(),
    )
}

/// Marks the summary diagnostic that stands for findings left out of a capped publish.
pub fn is_summary(d: &Diagnostic) -> Option<Code> {
    let data = d.data.as_ref()?;
    if data.get("summary")?.as_bool()? {
        Code::parse(data.get("code")?.as_str()?)
    } else {
        None
    }
}

/// The diagnostics to publish: every finding, except that a kind with more than `cap`
/// findings shows the `cap` nearest to `focus` plus one summary diagnostic saying how many more
/// there are (its code action fixes them all). One pass over the findings, no sorting of
/// them: a keystroke in a document with 800k findings costs milliseconds here. Only the
/// shown findings are built in full (their paragraphs re-analysed).
pub fn diagnostics(a: &Snapshot, encoding: Encoding, cap: usize, focus: usize) -> Vec<Diagnostic> {
    let cap = cap.max(1);
    let capped = Code::ALL.map(|c| a.count(c) > cap);
    let mut shown_all: Vec<Located> = a.of_codes(capped.map(|c| !c));
    let mut summaries = Vec::new();
    for code in Code::ALL.into_iter().filter(|&c| capped[c as usize]) {
        let near = if a.has_document_finding(code) {
            None
        } else {
            a.near(code, focus, cap, cap)
        };
        let shown: Vec<Located> = match near {
            Some((before, after)) => {
                let take_before = before
                    .len()
                    .min((cap / 2).max(cap.saturating_sub(after.len())));
                let take_after = after.len().min(cap - take_before);
                let mut shown: Vec<Located> = before[..take_before].iter().rev().copied().collect();
                shown.extend(after[..take_after].iter().copied());
                shown
            }
            None => {
                let mut only = [false; Code::ALL.len()];
                only[code as usize] = true;
                let mut all = a.of_codes(only);
                all.sort_by_key(|f| (f.range().start, f.range().end));
                let mut window = Window::new(cap);
                for f in all {
                    window.offer(f, focus);
                }
                window.shown()
            }
        };
        let hidden = a.count(code) - shown.len();
        if let Some(&anchor) = shown.first() {
            let r = anchor.range();
            summaries.push((
                (r.start, r.end, code, true),
                summary_diagnostic(a, anchor, hidden, encoding),
            ));
        }
        shown_all.extend(shown);
    }
    // Document order, as `analysis::check` sorts (start, end, code); a summary after the
    // finding it is anchored to. The findings are sorted before they are converted: moving
    // thousands of diagnostics around cost more than converting them.
    shown_all.sort_by_key(|f| (f.range().start, f.range().end, f.code()));
    summaries.sort_by_key(|(key, _)| *key);
    let mut out = Vec::with_capacity(shown_all.len() + summaries.len());
    let mut summaries = summaries.into_iter().peekable();
    for (f, d) in shown_all
        .iter()
        .zip(diagnostics_of(a, &shown_all, encoding))
    {
        let key = (f.range().start, f.range().end, f.code(), false);
        while let Some((_, s)) = summaries.next_if(|(k, _)| *k < key) {
            out.push(s);
        }
        out.push(d);
    }
    out.extend(summaries.map(|(_, s)| s));
    out
}

/// The `cap` findings of one kind nearest to the focus, chosen while streaming through them
/// in document order: the last `cap` before the focus and the first `cap` after it.
struct Window {
    cap: usize,
    before: std::collections::VecDeque<Located>,
    after: Vec<Located>,
}

impl Window {
    fn new(cap: usize) -> Window {
        Window {
            cap,
            before: std::collections::VecDeque::new(),
            after: Vec::new(),
        }
    }

    fn offer(&mut self, f: Located, focus: usize) {
        if f.range().start < focus {
            if self.before.len() == self.cap {
                self.before.pop_front();
            }
            self.before.push_back(f);
        } else if self.after.len() < self.cap {
            self.after.push(f);
        }
    }

    /// Half before the focus, half after, topped up from either side.
    fn shown(&self) -> Vec<Located> {
        let (b, after) = (self.before.len(), self.after.len());
        let take_before = b.min((self.cap / 2).max(self.cap.saturating_sub(after)));
        let take_after = after.min(self.cap - take_before);
        let mut out: Vec<Located> = self.before.iter().skip(b - take_before).copied().collect();
        out.extend(self.after.iter().take(take_after).copied());
        out
    }
}

fn summary_diagnostic(
    a: &Snapshot,
    anchor: Located,
    hidden: usize,
    encoding: Encoding,
) -> Diagnostic {
    let code = anchor.code();
    let message = a.config.locale.pick(
        format!("另有 {hidden} 处 {code} 未逐条显示；可用「修复全部」一次修复"),
        format!(
            "{hidden} more {code} findings are not shown; use “fix all” to repair them at once"
        ),
    );
    Diagnostic {
        range: range(&a.rope, anchor.range(), encoding),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String(code.as_str().into())),
        source: Some(SOURCE.into()),
        message,
        data: Some(json!({"summary": true, "code": code.as_str(), "hidden": hidden})),
        ..Diagnostic::default()
    }
}

/// Up to `chars` characters of the text on each side of `range`, within its line.
pub fn context(text: &str, range: Range<usize>, chars: usize) -> Range<usize> {
    let before = &text[..range.start];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let start = before[line_start..]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(line_start, |(i, _)| line_start + i);
    let after = &text[range.end..];
    let line_end = after.find(['\n', '\r']).unwrap_or(after.len());
    let end = after[..line_end]
        .char_indices()
        .nth(chars)
        .map_or(range.end + line_end, |(i, _)| range.end + i);
    start..end
}

/// A finding's first fix applied to its surrounding context: (before, after). `window` is the
/// text of the document from byte `window_start` on, covering the finding.
pub fn repaired_context(
    window: &str,
    window_start: usize,
    f: &Finding,
) -> Option<(String, String)> {
    let fix = f.fixes.first()?;
    let local = |r: &Range<usize>| {
        let r = r.start.checked_sub(window_start)?..r.end.checked_sub(window_start)?;
        (r.end <= window.len()
            && window.is_char_boundary(r.start)
            && window.is_char_boundary(r.end))
        .then_some(r)
    };
    let (range, fix_range) = (local(&f.range)?, local(&fix.range)?);
    let span = range.start.min(fix_range.start)..range.end.max(fix_range.end);
    let ctx = context(window, span, 6);
    let before = window[ctx.clone()].to_string();
    let after = format!(
        "{}{}{}",
        &window[ctx.start..fix_range.start],
        fix.replacement,
        &window[fix_range.end..ctx.end]
    );
    Some((before, after))
}
