//! Per-paragraph summaries, for analysing a document incrementally: what the document-level
//! detectors need from one paragraph, and their findings derived from a document's summaries
//! plus the few paragraphs at its ends.
//!
//! `check` runs the document-level detectors over the whole text. The language server keeps
//! a [`ParagraphSummary`] per cached paragraph instead, recomputes only those of the
//! paragraphs an edit touched, and runs the same detectors on a [`SummarisedDocument`]:
//! - `script/mixed` (a local detector that depends on the document's script) sums the
//!   paragraphs' script counts;
//! - `spam/keyword-injection` judges the candidate phrases of every paragraph together
//!   (`keyword_injection::Candidates`): a brand fires when it recurs across sentences;
//! - `spam/boilerplate` and `spam/appended-list` look only at the document's head and foot, so
//!   they re-read just the paragraphs holding the last [`layout::END_LINES`] non-blank lines
//!   of each end (`layout::TextEnds`).
//!
//! The findings are those of `check_document` on the whole text (a property test compares
//! them).

use super::finding::{Finding, Locale};
use super::spam::keyword_injection::Candidates;
use super::spam::layout::{self, Plan, TextEnds};
use super::{Config, DocSummary, Document};
use std::sync::OnceLock;

/// What the document-level detectors need from one paragraph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParagraphSummary {
    /// The paragraph's share of the document's [`DocSummary`].
    pub counts: DocSummary,
    /// Lines that are not blank (how far into the document the layout's ends reach).
    pub nonblank_lines: usize,
    /// Keyword-injection candidates; `None` when there are none (most paragraphs).
    pub injection: Option<Box<Candidates>>,
}

impl ParagraphSummary {
    /// The summary of `doc`, one paragraph (its normalized view is shared with the local
    /// detectors run on the same `Document`).
    pub fn of(doc: &Document) -> ParagraphSummary {
        let candidates = Candidates::of(doc.text, doc.normalized());
        ParagraphSummary {
            counts: DocSummary::of(doc.text),
            nonblank_lines: layout::nonblank_lines(doc.text),
            injection: (!candidates.is_empty()).then(|| Box::new(candidates)),
        }
    }
}

/// One paragraph of a summarised document: where it starts, its length and summary.
#[derive(Clone, Copy, Debug)]
pub struct SummarisedParagraph<'a> {
    pub start: usize,
    pub len: usize,
    pub summary: &'a ParagraphSummary,
}

/// The byte ranges of the ends a [`SummarisedDocument`] needs the text of: `(head, foot)`,
/// or `None` when they would meet and the whole text is needed. `paragraphs` tile the
/// document in order.
pub fn ends_needed(
    paragraphs: &[SummarisedParagraph],
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let total = paragraphs.last().map_or(0, |p| p.start + p.len);
    ends_needed_at(paragraphs.len(), total, |i| {
        (paragraphs[i].len, paragraphs[i].summary.nonblank_lines)
    })
}

/// [`ends_needed`] reading only the paragraphs at the ends: `count` paragraphs tiling
/// `total` bytes, `paragraph(i)` the `i`th one's length and non-blank lines.
pub fn ends_needed_at(
    count: usize,
    total: usize,
    paragraph: impl Fn(usize) -> (usize, usize),
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let (head, foot_start) = layout::ends_needed_at(count, total, paragraph)?;
    Some((0..head, foot_start..total))
}

/// A document seen through its paragraphs' summaries and the text of its ends.
pub struct SummarisedDocument<'a> {
    /// The keyword-injection candidates of the paragraphs that have some, with the
    /// paragraphs' starts, in order.
    injection: Vec<(usize, &'a Candidates)>,
    /// The text at [`ends_needed`], or the whole text.
    pub ends: TextEnds<'a>,
    pub summary: DocSummary,
    pub locale: Locale,
    /// Extra boilerplate phrases from the config.
    pub boilerplate: &'a [String],
    layout: OnceLock<Plan<'a>>,
}

impl<'a> SummarisedDocument<'a> {
    pub fn new(
        paragraphs: &'a [SummarisedParagraph<'a>],
        ends: TextEnds<'a>,
        config: &'a Config,
    ) -> SummarisedDocument<'a> {
        let mut counts = DocSummary::default();
        for p in paragraphs {
            counts.add(p.summary.counts);
        }
        let injection = paragraphs
            .iter()
            .filter_map(|p| Some((p.start, p.summary.injection.as_deref()?)))
            .collect();
        SummarisedDocument::from_parts(injection, counts, ends, config)
    }

    /// The same document from what a caller keeps gathered already, so that it need not
    /// walk every paragraph: the injection candidates (with their paragraphs' starts, in
    /// order) and the paragraphs' summaries summed.
    pub fn from_parts(
        injection: Vec<(usize, &'a Candidates)>,
        summary: DocSummary,
        ends: TextEnds<'a>,
        config: &'a Config,
    ) -> SummarisedDocument<'a> {
        SummarisedDocument {
            injection,
            ends,
            summary,
            locale: config.locale,
            boilerplate: &config.boilerplate,
            layout: OnceLock::new(),
        }
    }

    /// The spam layout of the document's ends, computed once.
    pub fn layout(&self) -> &Plan<'a> {
        self.layout
            .get_or_init(|| Plan::of_excerpt(self.ends, self.summary.script(), self.boilerplate))
    }

    /// The keyword-injection candidates of the paragraphs that have some, with their starts.
    pub fn injection_candidates(&self) -> &[(usize, &'a Candidates)] {
        &self.injection
    }
}

/// Findings of the document-level detectors from a summarised document; equal to
/// [`super::check_document`] on the whole text.
pub fn check_document_summarised(doc: &SummarisedDocument, config: &Config) -> Vec<Finding> {
    super::run_summarised(doc, config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{check_document, check_paragraph, paragraphs};
    use proptest::prelude::*;

    /// Document-level findings through summaries, as the language server computes them, and
    /// whether the ends were read apart.
    fn summarised(text: &str, config: &Config) -> (Vec<Finding>, bool) {
        let summary = DocSummary::of(text);
        let ranges = paragraphs(text);
        let summaries: Vec<ParagraphSummary> = ranges
            .iter()
            .map(|r| check_paragraph(&text[r.clone()], r.start, &summary, config).1)
            .collect();
        let list: Vec<SummarisedParagraph> = ranges
            .iter()
            .zip(&summaries)
            .map(|(r, s)| SummarisedParagraph {
                start: r.start,
                len: r.len(),
                summary: s,
            })
            .collect();
        let ends = ends_needed(&list);
        let excerpt = match &ends {
            Some((head, foot)) => TextEnds::ends(
                &text[head.clone()],
                foot.start,
                &text[foot.clone()],
                text.len(),
            ),
            None => TextEnds::whole(text),
        };
        let doc = SummarisedDocument::new(&list, excerpt, config);
        (check_document_summarised(&doc, config), ends.is_some())
    }

    fn assert_same(text: &str, apart: bool) {
        let config = Config::default();
        let whole = check_document(text, &DocSummary::of(text), &config);
        assert_eq!(summarised(text, &config), (whole, apart), "{text:?}");
    }

    /// A body of `n` prose lines, blank-line separated.
    fn body(n: usize) -> String {
        (0..n)
            .map(|i| format!("第{i}段正文，写了又写，还有很多字，说明情况。\n\n"))
            .collect()
    }

    #[test]
    fn fixtures_through_summaries() {
        for text in [
            include_str!("../../tests/fixtures/seed.txt"),
            include_str!("../../tests/fixtures/spam/chrome_simplified.txt"),
            include_str!("../../tests/fixtures/spam/chrome_traditional.txt"),
            include_str!("../../tests/fixtures/spam/injection_simplified.txt"),
            include_str!("../../tests/fixtures/spam/injection_unknown_brand.txt"),
            include_str!("../../tests/fixtures/spam/crackdown_news.txt"),
            include_str!("../../tests/fixtures/spam/seo_lists.txt"),
            include_str!("../../tests/fixtures/spam/list_labelled.txt"),
            include_str!("../../tests/fixtures/spam/forum_discuz.txt"),
        ] {
            assert_same(text, false);
            // With a long body between the chrome and the foot, the ends are read apart.
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let (top, bottom) = lines.split_at(lines.len() / 2);
            assert_same(
                &format!("{}\n{}{}", top.concat(), body(120), bottom.concat()),
                true,
            );
        }
    }

    const PIECES: &[&str] = &[
        "手机版\n",
        "打印 纠错\n",
        "返回顶部\n",
        "版权所有 © 2020 某某网\n",
        "上一篇：关于开展工作的通知\n",
        "· 我市开展冬季安全生产大检查\n",
        "登录 | 注册\n",
        "夏河县| 芒康县| 科技| 尉犁县| 崇义县\n",
        "本文关键词：北京 上海\n",
        "责任编辑：张三\n",
        "澳门新葡京娱乐",
        "百家乐开户",
        "鑫鼎娱乐",
        "www.hg0088.com",
        "赌博",
        "警方",
        "推动工作落实，取得实效，群众满意。",
        "這是繁體的說明，內容很長，寫了又寫。",
        "标题",
        "。",
        "\n",
        "\n\n",
        "\r\n",
        "機(jī)",
        "县",
    ];

    proptest! {
        #[test]
        fn summaries_give_the_whole_document_findings(
            head in prop::collection::vec(prop::sample::select(PIECES), 0..30),
            body_lines in prop::sample::select(&[0usize, 3, 60, 110][..]),
            foot in prop::collection::vec(prop::sample::select(PIECES), 0..30),
        ) {
            let text = format!("{}{}{}", head.concat(), body(body_lines), foot.concat());
            let config = Config::default();
            let whole = check_document(&text, &DocSummary::of(&text), &config);
            prop_assert_eq!(summarised(&text, &config).0, whole, "{:?}", text);
        }
    }
}
