//! `spam/appended-list`: a list of short keywords appended after the body by SEO farms,
//! `夏河县| 芒康县| 科技| 尉犁县| …`, `本文关键词：…`, `热门城市：…`.
//!
//! Only the tail of the document is considered: list lines after the last prose line (or the
//! rest of the last prose line after its final sentence end), with nothing but chrome,
//! metadata or blank lines after them. A run fires when it has enough short items and they
//! look like SEO fodder: place names (jieba `ns`, or 县/市/区… suffixes), portal topic words,
//! characters of the other script than the body's, or pipe separators. A known SEO label
//! (本文关键词, 热门城市) is enough on its own. Lists inside the body, names in a sentence,
//! Markdown lists and tables are left alone.
//!
//! The parts: `lexicon` holds the words (SEO heads, portal topics, place and site suffixes);
//! `line` parses one line into a [`ListLine`]; `judge` decides whether a group of list lines
//! is keyword fodder; `runs` finds the fired runs at the foot of the document.

mod judge;
mod lexicon;
mod line;
mod runs;

#[cfg(test)]
mod tests;

pub use line::{Label, ListLine, parse_line};
pub(super) use runs::find_runs;

use super::layout::Plan;
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix, Locale};
use crate::analysis::summary::SummarisedDocument;

/// Items longer than this are not keywords.
const MAX_ITEM_CHARS: usize = 16;
/// Most items of a keyword list are at most this long.
const SHORT_ITEM_CHARS: usize = 8;
/// Unlabelled lists need at least this many items.
const MIN_ITEMS: usize = 5;

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    findings(&Plan::of(doc), doc.locale, out);
}

/// [`detect`] on a summarised document (its ends).
pub fn detect_summarised(doc: &SummarisedDocument, out: &mut Vec<Finding>) {
    findings(doc.layout(), doc.locale, out);
}

/// The findings of a document's spam layout.
pub fn findings(plan: &Plan, locale: Locale, out: &mut Vec<Finding>) {
    for run in &plan.lists {
        let whole_from = run.lines.start + run.partial_start.is_some() as usize;
        let fix_range = if whole_from < run.lines.end {
            let whole = plan.deletion(whole_from, run.lines.end - 1);
            run.partial_start.unwrap_or(whole.start)..whole.end
        } else {
            run.partial_start.unwrap_or(run.range.start)..run.range.end
        };
        let message = locale.pick(
            format!(
                "正文后附加的关键词列表（{} 项），疑似 SEO 垃圾内容",
                run.items
            ),
            format!(
                "keyword list appended after the body ({} items), likely SEO spam",
                run.items
            ),
        );
        let title = locale.pick("删除附加的关键词列表", "Delete the appended list");
        out.push(
            Finding::new(Code::AppendedList, run.range.clone(), message).with_fix(Fix {
                title,
                range: fix_range,
                replacement: String::new(),
                safe: true,
            }),
        );
    }
}
