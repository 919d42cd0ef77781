//! The language server's document model under arbitrary `didChange` edits: a sequence of
//! range edits (positions in UTF-8, UTF-16 or UTF-32, possibly out of range, inside a
//! surrogate pair or a UTF-8 sequence, reversed) and whole-text replacements, applied to
//! `lsp::engine::Document` exactly as the server does (`convert::byte_range`, then
//! `Document::edit`) and to a `String` model through `LineIndex`. The rope must always equal
//! the model. After the edits, and at points the input chooses, the incremental analysis (only the paragraphs the
//! edits touched are re-analysed, then the document-level phase) must equal `check` on the
//! model.
//!
//! Input: initial text bytes, then optionally 0xFF and the edit script (decoded with
//! `arbitrary`).

#![no_main]

mod common;

use arbitrary::{Arbitrary, Unstructured};
use common::{assert_findings, split, text_of};
use jiaodui::analysis::{Code, Config, Finding, check};
use jiaodui::lsp::convert;
use jiaodui::lsp::engine::{Document, Step, execute, execute_document};
use jiaodui::position::{Encoding, LineCol, LineIndex};
use libfuzzer_sys::fuzz_target;
use std::ops::Range;
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, Range as LspRange};

/// Text worth inserting: garble the detectors look for, line breaks of every kind, astral
/// characters, paragraph breaks, suppression markers.
const PIECES: &[&str] = &[
    "機(jī)",
    "(jī)",
    "堅(jiān)強(qiáng)",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\r\n\r\n",
    "𠮷",
    "😀",
    "👨‍👩‍👧",
    "一、",
    "（一）",
    "第一章 ",
    "基層黨組織",
    "锟斤拷",
    "ÃƒÂ©",
    "鍩轰簬",
    "&amp;nbsp;",
    "&#20013;",
    "\u{200b}",
    "\u{feff}",
    "\u{fffd}",
    "\u{e000}",
    "\u{7}",
    "jiaodui-disable",
    "jiaodui-enable",
    "手机版 | 登录 | 注册",
    "澳门新葡京 www.example.com",
    "，",
    "。",
    " ",
    "\u{3000}",
];

#[derive(Arbitrary, Debug)]
enum Insert {
    Piece(u8),
    /// A slice of the current text (cut and paste).
    Copy { from: u16, len: u8 },
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Edit {
    start: (u16, u16),
    end: (u16, u16),
    insert: Insert,
    /// 0: a range edit; 1: replace the whole text (a change without a range).
    whole: u8,
    /// Compare the incremental analysis with `check` after this edit when it is 0 (rarely:
    /// a full `check` per edit would make the target too slow to explore edit sequences).
    analyse: u8,
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn insert_text(model: &str, insert: &Insert) -> String {
    match insert {
        Insert::Piece(i) => PIECES[usize::from(*i) % PIECES.len()].to_string(),
        Insert::Copy { from, len } => {
            let a = floor_boundary(model, usize::from(*from));
            let b = floor_boundary(model, a + usize::from(*len));
            model[a..b].to_string()
        }
        Insert::Raw(s) => s.clone(),
    }
}

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
fn analyse(doc: &mut Document, model: &str) {
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
    let encoding = match u.int_in_range(0..=2u8).unwrap_or(1) {
        0 => Encoding::Utf8,
        1 => Encoding::Utf16,
        _ => Encoding::Utf32,
    };
    let mut doc = Document::new(1, &model, false, Arc::new(Config::default()));
    let analyse_initially = u.arbitrary::<bool>().unwrap_or(false);
    if analyse_initially {
        analyse(&mut doc, &model);
    }
    let mut edits = 0;
    while let Ok(edit) = u.arbitrary::<Edit>() {
        if edits == 24 {
            break;
        }
        edits += 1;
        let new = insert_text(&model, &edit.insert);
        if edit.whole == 1 {
            let len = doc.rope.len_bytes();
            doc.edit(0, len, &new);
            model = new;
        } else {
            let lsp = LspRange::new(
                Position::new(u32::from(edit.start.0), u32::from(edit.start.1)),
                Position::new(u32::from(edit.end.0), u32::from(edit.end.1)),
            );
            let bytes = convert::byte_range(&doc.rope, lsp, encoding);
            doc.edit(bytes.start, bytes.end, &new);

            let idx = LineIndex::new(&model);
            let pos = |(line, col): (u16, u16)| LineCol {
                line: u32::from(line),
                col: u32::from(col),
            };
            let a = idx.offset(&model, pos(edit.start), encoding);
            let b = idx.offset(&model, pos(edit.end), encoding);
            assert_eq!(bytes, a.min(b)..a.max(b), "rope and line index disagree");
            model.replace_range(a.min(b)..a.max(b), &new);
        }
        assert_eq!(doc.rope.len_bytes(), model.len());
        if edit.analyse % 8 == 0 {
            analyse(&mut doc, &model);
        }
    }
    if edits > 0 {
        analyse(&mut doc, &model);
    }
    assert_eq!(doc.rope.to_string(), model);
    assert_eq!(doc.rope.len_lines(), LineIndex::new(&model).line_count());
});
