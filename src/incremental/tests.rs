//! Tests of the engine: incremental runs against whole checks, on random edits. The texts
//! and `refresh` serve the server's tests of replies built from kept data too.

use super::execute::PROGRESSIVE_BYTES;
use super::*;
use crate::analysis::outline::{Symbol, outline};
use crate::analysis::{self, Code, Config, Finding, Profile};
use crate::incremental::paragraphs::{CacheEntry, ENCODINGS};
use proptest::prelude::*;
use std::ops::Range;
use std::sync::Arc;

/// Runs both phases to the end: the current analysis, complete.
pub(crate) fn refresh(doc: &mut LiveDocument) -> Arc<Snapshot> {
    if let Step::Run(plan) = doc.plan() {
        doc.install(execute(&plan).unwrap()).unwrap();
    }
    match doc.plan_document() {
        Some(plan) => doc
            .install_document(execute_document(&plan).unwrap())
            .unwrap(),
        None => doc.current().unwrap(),
    }
}

fn tiling(doc: &LiveDocument) -> Vec<usize> {
    doc.cache.entries().map(CacheEntry::len).collect()
}

/// Bits of text that make and break paragraphs, garbles, headings and scripts.
pub(crate) const PIECES: &[&str] = &[
    "機(jī)",
    "堅(jiān)",
    "手",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " \n",
    "𠮷",
    "一、",
    "县",
    "这",
    "。",
    "基層黨組織",
    "\u{3000}",
    "\u{feff}",
    "a",
    "# ",
    "```",
    "---",
    "（一）",
    "第一章",
    "標題",
];

#[test]
fn a_large_fresh_document_is_analysed_first_paragraphs_first() {
    let seed = include_str!("../../tests/fixtures/seed.txt");
    let mut text = String::new();
    while text.len() < 3 * PROGRESSIVE_BYTES {
        text.push_str(seed);
        text.push_str("\n\n");
    }
    let config = Arc::new(Config::default());
    let mut doc = LiveDocument::new(1, &text, false, config.clone());
    let Step::Run(plan) = doc.plan() else {
        panic!("nothing analysed yet")
    };
    let first = doc.install(execute(&plan).unwrap()).unwrap();
    assert!(first.partial);
    assert!(doc.plan_document().is_none(), "document phase waits");
    let analysed = first.paragraph_at(0).end;
    assert!(analysed < text.len());
    let all = analysis::check(&text, &config);
    let got = first.all_findings();
    assert!(!got.is_empty());
    assert!(
        got.iter().all(|f| all.contains(f)),
        "a prefix of the findings"
    );
    // An edit while partial, in the part not analysed yet, then the rest.
    let at = text.len() - 10;
    let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
    doc.edit(at, at, "機(jī)");
    text.insert_str(at, "機(jī)");
    let done = refresh(&mut doc);
    assert!(!done.partial && done.complete);
    assert_eq!(
        analysis::finish(&text, done.all_findings(), Profile::plain(&config)),
        analysis::check(&text, &config)
    );
}

/// Found by the `rope_edits` fuzz target: paragraphs were analysed as if each began the
/// document, so a U+FEFF opening a later paragraph passed for a byte-order mark.
#[test]
fn only_the_first_paragraph_may_open_with_a_byte_order_mark() {
    let config = Arc::new(Config::default());
    let text = "\u{feff}一\n\n\u{feff}二\n\n三";
    let mut doc = LiveDocument::new(1, text, false, config.clone());
    let zero_width = |a: &Snapshot| -> Vec<Range<usize>> {
        a.iter()
            .filter(|f| f.code() == Code::ZeroWidth)
            .map(|f| f.range())
            .collect()
    };
    assert_eq!(zero_width(&refresh(&mut doc)), [8..11]);
    // The second paragraph becomes the first: its mark is now a byte-order mark.
    doc.edit(0, 8, "");
    assert!(zero_width(&refresh(&mut doc)).is_empty());
    // And a later one again once text is typed before it.
    doc.edit(0, 0, "甲\n\n");
    let a = refresh(&mut doc);
    assert_eq!(zero_width(&a), [5..8]);
    let got: Vec<Finding> = a.all_findings();
    assert_eq!(
        analysis::finish(a.text(), got, Profile::plain(&config)),
        analysis::check(a.text(), &config)
    );
}

/// The document phase reads only the paragraphs at the ends, those with keyword-injection
/// candidates (listed per chunk) and the chunks' script counts: its findings equal a
/// whole-text check, on spam fixtures alone, padded apart in the middle (ends read apart,
/// more chunks than one), and after edits at both ends and in the middle.
#[test]
fn document_phase_from_chunk_lists_equals_a_whole_check() {
    let fixtures = [
        include_str!("../../tests/fixtures/spam/injection_simplified.txt"),
        include_str!("../../tests/fixtures/spam/injection_unknown_brand.txt"),
        include_str!("../../tests/fixtures/spam/chrome_simplified.txt"),
        include_str!("../../tests/fixtures/spam/chrome_traditional.txt"),
        include_str!("../../tests/fixtures/spam/seo_lists.txt"),
        include_str!("../../tests/fixtures/spam/forum_discuz.txt"),
        include_str!("../../tests/fixtures/spam/honest_repetition.txt"),
        include_str!("../../tests/fixtures/seed.txt"),
    ];
    let padding: String = (0..400)
        .map(|i| format!("第{i}段正文，写了又写，说明情况。\n\n"))
        .collect();
    let config = Arc::new(Config::default());
    for fixture in fixtures {
        let mut middle = fixture.len() / 2;
        while !fixture.is_char_boundary(middle) {
            middle += 1;
        }
        let cut = fixture[middle..]
            .find("\n\n")
            .map_or(fixture.len(), |i| middle + i + 2);
        let padded = format!("{}{padding}{}", &fixture[..cut], &fixture[cut..]);
        for text in [fixture.to_string(), padded] {
            let mut text = text;
            let mut doc = LiveDocument::new(1, &text, false, config.clone());
            let check = |doc: &mut LiveDocument, text: &str| {
                // Past the first paragraphs of a large text too.
                while let Step::Run(plan) = doc.plan() {
                    doc.install(execute(&plan).unwrap());
                }
                let a = refresh(doc);
                assert!(a.complete && !a.partial);
                let got = analysis::finish(text, a.all_findings(), Profile::plain(&config));
                assert_eq!(got, analysis::check(text, &config), "{text:?}");
            };
            check(&mut doc, &text);
            for step in 0..3 {
                let (at, insert) = match step {
                    0 => (0, "首页\n\n"),
                    1 => {
                        let mut mid = text.len() / 2;
                        while !text.is_char_boundary(mid) {
                            mid += 1;
                        }
                        (mid, "好")
                    }
                    _ => (text.len(), "\n\n版权所有"),
                };
                doc.edit(at, at, insert);
                text.insert_str(at, insert);
                check(&mut doc, &text);
            }
        }
    }
}

/// Lines that make, break, nest and rename headings (same first clause, later clauses
/// that differ), fence them off or open front matter, end sections in blank characters,
/// and page chrome (folded as spam blocks).
pub(crate) const OUTLINE_PIECES: &[&str] = &[
    "首页 | 新闻中心 | 联系我们 | 网站地图\n",
    "上一篇：关于开展工作的通知\n",
    "下一篇：关于召开会议的通知\n",
    " \u{3000}\n",
    "一、基層黨組織，必須堅持。\n",
    "二、基層黨組織，必須擺在首位\n",
    "三、基層黨組織\n",
    "（一）基層，甲；乙\n",
    "（二）基層，甲；丙\n",
    "1. 基層，𠮷\n",
    "第一章 總則，甲\n",
    "第二節 附則\n",
    "在重大斗爭中把基層黨組織鍛造得更加堅強\n",
    "# 標題，一\n",
    "## 基層，\"引號\"\\\n",
    "```\n",
    "   ~~~\n",
    "    ```\n",
    "---\n",
    "+++\n",
    "...\n",
    "1. 基層\n",
    "正文。\n",
    "\n",
    "\r\n",
    "\r",
    "基層",
    "，",
    "𠮷",
    "\u{3000}",
    "\t",
];

proptest! {
    #[test]
    fn cached_paragraphs_tile_like_a_fresh_split(
        initial in prop::collection::vec(prop::sample::select(PIECES), 0..30),
        edits in prop::collection::vec(
            (0.0..=1.0f64, 0.0..0.4f64, prop::collection::vec(prop::sample::select(PIECES), 0..4), any::<bool>()),
            1..16),
    ) {
        let mut text = initial.concat();
        let config = Arc::new(Config::default());
        let mut doc = LiveDocument::new(1, &text, false, config.clone());
        refresh(&mut doc);
        for (start, len, insert, analyse) in edits {
            let insert = insert.concat();
            let mut a = (start * text.len() as f64) as usize;
            while !text.is_char_boundary(a) { a -= 1; }
            let mut b = (a + (len * text.len() as f64) as usize).min(text.len());
            while !text.is_char_boundary(b) { b -= 1; }
            doc.edit(a, b, &insert);
            text.replace_range(a..b, &insert);
            if analyse {
                let analysis = refresh(&mut doc);
                let expected: Vec<usize> = analysis::paragraphs(&text).iter().map(|r| r.len()).collect();
                prop_assert_eq!(tiling(&doc), expected, "{:?}", text);
                let got: Vec<Finding> = analysis.all_findings();
                prop_assert_eq!(analysis::finish(&text, got, Profile::plain(&config)), analysis::check(&text, &config));
                // The outline, assembled from the paragraphs' kept scans.
                prop_assert_eq!(analysis.outline(), &outline(&text)[..]);
                let mut symbols: Vec<&Symbol> = analysis.outline().iter().collect();
                while let Some(s) = symbols.pop() {
                    for r in [s.range.clone(), s.selection_range.clone()] {
                        for encoding in ENCODINGS {
                            let at = |offset| crate::position::rope::line_col(&analysis.rope, offset, encoding);
                            prop_assert_eq!(
                                analysis.outline_positions(r.clone(), encoding),
                                (at(r.start), at(r.end))
                            );
                        }
                    }
                    symbols.extend(&s.children);
                }
            }
        }
        prop_assert_eq!(doc.rope.to_string(), text);
    }
}
