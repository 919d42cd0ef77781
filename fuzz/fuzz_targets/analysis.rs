//! The analysis on arbitrary text: `check` (default config, or everything enabled in English
//! with extra boilerplate phrases), the outline, glossary terms, paragraphs and selection
//! ranges never panic, and every byte range they return is ordered, in bounds and on
//! character boundaries.
//!
//! Input: text bytes (valid UTF-8 as is, anything else decoded lossily), then optionally a
//! 0xFF byte and control bytes: the first picks the config and a selection offset, the rest
//! (lossily, split at `\n`) are extra boilerplate phrases.

#![no_main]

mod common;

use common::{assert_findings, assert_span, split, text_of};
use jiaodui::analysis::outline::{Symbol, outline, section_char_count};
use jiaodui::analysis::{Config, Locale, check, glossary::Glossary, markdown, paragraphs};
use jiaodui::analysis::{DocSummary, Profile, check_local, check_local_at, finish, selection};
use libfuzzer_sys::fuzz_target;

fn everything_config(phrases: &[u8]) -> Config {
    Config {
        locale: Locale::En,
        enable: vec!["all".into()],
        boilerplate: String::from_utf8_lossy(phrases)
            .split('\n')
            .take(8)
            .map(str::to_string)
            .collect(),
        ..Config::default()
    }
}

fn assert_symbols(text: &str, symbols: &[Symbol], parent: Option<&Symbol>) {
    for s in symbols {
        assert_span(text, &s.range, "symbol range");
        assert_span(text, &s.selection_range, "symbol selection range");
        assert!(
            s.range.start <= s.selection_range.start && s.selection_range.end <= s.range.end,
            "selection range {:?} outside the symbol's range {:?}",
            s.selection_range,
            s.range
        );
        assert!(!s.name.is_empty(), "symbol without a name at {:?}", s.range);
        if let Some(p) = parent {
            assert!(
                p.range.start <= s.range.start && s.range.end <= p.range.end,
                "child {:?} outside its parent {:?}",
                s.range,
                p.range
            );
        }
        section_char_count(text, s);
        assert_symbols(text, &s.children, Some(s));
    }
}

fuzz_target!(|data: &[u8]| {
    let (text_bytes, control) = split(data);
    let text = text_of(text_bytes);
    let text: &str = &text;
    let flags = control.first().copied().unwrap_or(0);
    let config = if flags & 1 == 0 {
        Config::default()
    } else {
        everything_config(control.get(1..).unwrap_or(&[]))
    };

    let findings = check(text, &config);
    assert_findings(text, &findings);

    // Local findings paragraph by paragraph (what the server caches) are valid spans of their
    // paragraph; shifted and finished they are valid spans of the document.
    let ranges = paragraphs(text);
    assert_eq!(ranges.first().map(|r| r.start), Some(0), "paragraphs start at 0");
    assert!(
        ranges.windows(2).all(|w| w[0].end == w[1].start),
        "paragraphs do not tile"
    );
    assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
    if flags & 2 != 0 {
        let summary = DocSummary::of(text);
        let mut pieces = Vec::new();
        for r in &ranges {
            assert_span(text, r, "paragraph");
            let para = &text[r.clone()];
            let local = check_local_at(para, r.start, &summary, &config);
            for f in &local {
                assert_span(para, &f.range, f.code.as_str());
            }
            pieces.extend(local.into_iter().map(|f| f.shifted(r.start)));
        }
        assert_findings(text, &finish(text, pieces, Profile::plain(&config)));
        assert_findings(
            text,
            &finish(text, check_local(text, &summary, &config), Profile::plain(&config)),
        );
    }

    assert_symbols(text, &outline(text), None);

    for r in markdown::skipped_ranges(text) {
        assert_span(text, &r, "markdown skipped range");
    }

    if flags & 4 != 0 {
        for m in Glossary::shared().find_terms(text) {
            assert_span(text, &m.byte_range, "glossary term");
            assert!(Glossary::shared().entry(m.entry_index).is_some());
        }
    }

    // Selection ranges inside the paragraph holding the chosen offset.
    if let Some(para) = ranges.iter().find(|r| !r.is_empty()) {
        let ptext = &text[para.clone()];
        let at = usize::from(flags >> 3) * ptext.len() / 31;
        let spans = selection::nested_spans(ptext, at);
        let mut last: Option<&std::ops::Range<usize>> = None;
        for s in &spans {
            assert_span(ptext, s, "selection span");
            if let Some(l) = last {
                assert!(
                    s.start <= l.start && l.end <= s.end && s != l,
                    "selection spans do not grow: {l:?} then {s:?}"
                );
            }
            last = Some(s);
        }
    }
});
