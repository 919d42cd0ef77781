//! Tests of replies built from data kept across versions (diagnostics converted per
//! paragraph, outline pieces per chunk): after random edits they equal what a fresh
//! document of the same text gives.

use super::convert;
use crate::analysis::Config;
use crate::incremental::paragraphs::ENCODINGS;
use crate::incremental::tests::{OUTLINE_PIECES, PIECES, refresh};
use crate::incremental::{LiveDocument, Located, Snapshot};
use proptest::prelude::*;
use std::sync::Arc;

/// The byte range `start` and `len` (fractions of the text's length) pick, on character
/// boundaries.
fn picked(text: &str, start: f64, len: f64) -> (usize, usize) {
    let mut a = (start * text.len() as f64) as usize;
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (a + (len * text.len() as f64) as usize).min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    (a, b)
}

/// Applies one random edit (start and length as fractions of the text, pieces to insert) to
/// `doc` and `text`; returns the document's snapshot and a fresh document's of the new text.
fn edited(
    doc: &mut LiveDocument,
    text: &mut String,
    (start, len, insert): (f64, f64, Vec<&str>),
    config: &Arc<Config>,
) -> (Arc<Snapshot>, Arc<Snapshot>) {
    let insert = insert.concat();
    let (a, b) = picked(text, start, len);
    doc.edit(a, b, &insert);
    text.replace_range(a..b, &insert);
    let mut fresh = LiveDocument::new(1, text, false, config.clone());
    (refresh(doc), refresh(&mut fresh))
}

proptest! {
    /// Publishes reuse diagnostics converted for earlier versions (kept per paragraph, lines
    /// counted from its start): equal to converting each finding, and to a fresh document's.
    #[test]
    fn kept_diagnostics_equal_a_fresh_conversion(
        initial in prop::collection::vec(prop::sample::select(PIECES), 0..30),
        edits in prop::collection::vec(
            (0.0..=1.0f64, 0.0..0.4f64, prop::collection::vec(prop::sample::select(PIECES), 0..4)),
            1..16),
    ) {
        let mut text = initial.concat();
        let config = Arc::new(Config::default());
        let mut doc = LiveDocument::new(1, &text, false, config.clone());
        refresh(&mut doc);
        for edit in edits {
            let (analysis, fresh) = edited(&mut doc, &mut text, edit, &config);
            let all: Vec<Located> = analysis.iter().collect();
            for encoding in ENCODINGS {
                let converted: Vec<_> = analysis
                    .full_many(&all)
                    .iter()
                    .map(|f| convert::diagnostic(&analysis, f, encoding))
                    .collect();
                prop_assert_eq!(convert::diagnostics_of(&analysis, &all, encoding), converted);
                prop_assert_eq!(
                    convert::diagnostics(&analysis, encoding, 3, doc.focus),
                    convert::diagnostics(&fresh, encoding, 3, doc.focus)
                );
            }
        }
    }
}

proptest! {
    /// The documentSymbol JSON written from the chunks' outline pieces (kept across
    /// versions, lines counted from each chunk's start) equals serializing the symbols of
    /// a fresh document of the same text, in every encoding; the foldingRange JSON
    /// written from them equals serializing its folding ranges.
    #[test]
    fn symbols_json_from_kept_pieces_equals_a_fresh_serialization(
        initial in prop::collection::vec(prop::sample::select(OUTLINE_PIECES), 0..40),
        edits in prop::collection::vec(
            (0.0..=1.0f64, 0.0..0.3f64, prop::collection::vec(prop::sample::select(OUTLINE_PIECES), 0..4)),
            1..12),
    ) {
        let mut text = initial.concat();
        let config = Arc::new(Config::default());
        let uri: tower_lsp_server::ls_types::Uri = "file:///t.txt".parse().unwrap();
        let mut doc = LiveDocument::new(1, &text, false, config.clone());
        refresh(&mut doc);
        for edit in edits {
            let (analysis, fresh) = edited(&mut doc, &mut text, edit, &config);
            let folding = super::features::folding_ranges_json(&analysis);
            let serialized =
                serde_json::to_vec(&super::features::folding_ranges(&fresh)).unwrap();
            prop_assert_eq!(
                std::str::from_utf8(&folding).unwrap(),
                String::from_utf8(serialized).unwrap(),
                "{:?}", text
            );
            for encoding in ENCODINGS {
                let written = super::symbols::symbols_json(&analysis, encoding).unwrap();
                let serialized = serde_json::to_vec(
                    &super::features::document_symbols(&fresh, &uri, encoding, true),
                ).unwrap();
                prop_assert_eq!(
                    String::from_utf8(written).unwrap(),
                    String::from_utf8(serialized).unwrap(),
                    "{:?}", text
                );
            }
        }
    }
}
