//! The language server's incremental analysis under arbitrary `didChange` edits: the edit
//! scripts of `rope_edits` (see `common/edits.rs`), applied to `incremental::LiveDocument` and to
//! a `String` model; after the edits, and at points the input chooses, the incremental
//! analysis (only the paragraphs the edits touched are re-analysed, then the document-level
//! phase) must equal `check` on the model. Each execution runs several full analyses, so
//! this target is ~50× slower than `rope_edits`, which checks the document model alone.
//!
//! Input: initial text bytes, then optionally 0xFF and the edit script (decoded with
//! `arbitrary`).

#![no_main]

mod common;

use arbitrary::Unstructured;
use common::edits;
use common::{assert_findings, split, text_of};
use jiaodui::analysis::{Code, Config, Finding, check};
use jiaodui::incremental::{LiveDocument, Step, execute, execute_document};
use jiaodui::position::LineIndex;
use libfuzzer_sys::fuzz_target;
use std::ops::Range;
use std::sync::Arc;

/// What a finding is, less its severity (the server applies severities when it publishes).
fn key(f: &Finding) -> (Code, Range<usize>, String, Vec<(Range<usize>, String, bool)>) {
    (
        f.code,
        f.range.clone(),
        f.message.clone(),
        f.fixes
            .iter()
            .map(|x| (x.range.clone(), x.replacement.clone(), x.safe))
            .collect(),
    )
}

/// Runs the server's analysis steps until the document's analysis is current and complete.
fn analyse(doc: &mut LiveDocument, model: &str) {
    let analysis = loop {
        match doc.plan() {
            Step::Run(plan) => {
                let outcome = execute(&plan).expect("nothing moved the document on");
                doc.install(outcome).expect("installed for the current generation");
            }
            Step::Ready(a) => match doc.plan_document() {
                Some(plan) => {
                    let outcome = execute_document(&plan).expect("document unchanged");
                    doc.install_document(outcome).expect("current");
                }
                None => break a,
            },
        }
    };
    assert!(analysis.complete);
    assert_eq!(analysis.text(), model);
    assert!(!analysis.partial, "every paragraph analysed");
    let located: Vec<_> = analysis.iter().collect();
    let mut incremental: Vec<Finding> = analysis.full_many(&located);
    incremental.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    incremental.dedup();
    let fresh = check(model, &doc.config);
    assert_findings(model, &fresh);
    let incremental: Vec<_> = incremental.iter().map(key).collect();
    let fresh: Vec<_> = fresh.iter().map(key).collect();
    assert_eq!(incremental, fresh, "incremental analysis differs from check on {model:?}");
}

fuzz_target!(|data: &[u8]| {
    let (text_bytes, script) = split(data);
    let mut model = text_of(text_bytes).into_owned();
    let mut u = Unstructured::new(script);
    let (encoding, analyse_initially) = edits::head(&mut u);
    let mut doc = LiveDocument::new(1, &model, false, Arc::new(Config::default()));
    if analyse_initially {
        analyse(&mut doc, &model);
    }
    let mut count = 0;
    while let Some(edit) = edits::next(&mut u, &mut count) {
        edits::apply(&mut doc, &mut model, &edit, encoding);
        if edit.analyse % 8 == 0 {
            analyse(&mut doc, &model);
        }
    }
    if count > 0 {
        analyse(&mut doc, &model);
    }
    assert_eq!(doc.rope.to_string(), model);
    assert_eq!(doc.rope.len_lines(), LineIndex::new(&model).line_count());
});
