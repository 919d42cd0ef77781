//! The language server's document model under arbitrary `didChange` edits (see
//! `common/edits.rs`): each edit is applied to `incremental::LiveDocument` exactly as the server
//! does and to a `String` model through `LineIndex`, and the two must agree on every edit's
//! byte range, on the text after every edit, and on the line count at the end. No analysis
//! runs here (`incremental_analysis` checks that, far more slowly), so this target explores edit
//! sequences, encodings and the paragraph cache's bookkeeping at thousands of inputs a second.
//!
//! Input: initial text bytes, then optionally 0xFF and the edit script (decoded with
//! `arbitrary`; the same format as `incremental_analysis`'s).

#![no_main]

mod common;

use arbitrary::Unstructured;
use common::edits;
use common::{split, text_of};
use jiaodui::analysis::Config;
use jiaodui::incremental::LiveDocument;
use jiaodui::position::LineIndex;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let (text_bytes, script) = split(data);
    let mut model = text_of(text_bytes).into_owned();
    let mut u = Unstructured::new(script);
    let (encoding, _) = edits::head(&mut u);
    let mut doc = LiveDocument::new(1, &model, false, Arc::new(Config::default()));
    assert!(doc.rope == model.as_str(), "the opened document differs from its text");
    let mut count = 0;
    while let Some(edit) = edits::next(&mut u, &mut count) {
        edits::apply(&mut doc, &mut model, &edit, encoding);
        assert!(doc.rope == model.as_str(), "rope and model differ after an edit");
    }
    assert_eq!(doc.rope.len_lines(), LineIndex::new(&model).line_count());
});
