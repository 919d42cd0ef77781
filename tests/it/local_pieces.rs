//! Local findings do not depend on how a document is cut between lines, on real text: every
//! development eval document, the seed and the spam fixtures, analysed whole, in the pieces
//! `analysis::paragraphs` makes (what the language server caches) and line by line (the
//! finest cut it could make), give the same findings and fixes. This is what lets the server
//! re-analyse only the few lines around an edit, with or without blank lines.

use crate::eval_support;
use crate::fixture_support;

use jiaodui::analysis::{self, Config, DocSummary, Finding};
use std::ops::Range;

fn by_pieces(text: &str, pieces: &[Range<usize>], config: &Config) -> Vec<Finding> {
    let summary = DocSummary::of(text);
    let mut found = Vec::new();
    for r in pieces {
        found.extend(
            analysis::check_local_at(&text[r.clone()], r.start, &summary, config)
                .into_iter()
                .map(|f| f.shifted(r.start)),
        );
    }
    analysis::finish(text, found, analysis::Profile::plain(config))
}

/// Every line its own piece (line break included).
fn lines(text: &str) -> Vec<Range<usize>> {
    analysis::spam::layout::lines(text)
        .iter()
        .map(|l| l.start..l.next)
        .collect()
}

fn texts() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = eval_support::development_docs()
        .into_iter()
        .map(|d| (d.id, d.text))
        .collect();
    out.extend(fixture_support::fixtures());
    out
}

#[test]
fn local_findings_do_not_depend_on_the_cut() {
    let config = Config::default();
    let texts = texts();
    assert!(texts.len() > 1000, "only {} texts", texts.len());
    let mut findings = 0;
    for (name, text) in &texts {
        let whole = analysis::finish(
            text,
            analysis::check_local(text, &DocSummary::of(text), &config),
            analysis::Profile::plain(&config),
        );
        findings += whole.len();
        assert_eq!(
            whole,
            by_pieces(text, &analysis::paragraphs(text), &config),
            "{name}: cut as the server cuts"
        );
        assert_eq!(
            whole,
            by_pieces(text, &lines(text), &config),
            "{name}: cut at every line"
        );
    }
    assert!(findings > 1000, "only {findings} local findings");
}
