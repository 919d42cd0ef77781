//! Property: any sequence of incremental edits leaves the server with the same diagnostics
//! and outline as opening the final text fresh (and as `check` on that text).

mod lsp_support;

use jiaodui::analysis::{Config, check};
use jiaodui::position::{Encoding, LineIndex};
use lsp_support::*;
use proptest::prelude::*;
use serde_json::json;

const PIECES: &[&str] = &[
    "機(jī)",
    "堅(jiān)",
    "強(qiáng)",
    "手",
    "版",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "𠮷",
    "😀",
    "一、",
    "（一）",
    "標題",
    " ",
    "(",
    "jī)",
    "县",
    "。",
    "，",
    "基層黨組織",
    "jiaodui-disable",
    "jiaodui-enable",
    "\u{3000}",
];

fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

#[derive(Clone, Debug)]
struct Edit {
    start: f64,
    len: f64,
    insert: String,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    (0.0..=1.0f64, 0.0..0.3f64, text_strategy(4)).prop_map(|(start, len, insert)| Edit {
        start,
        len,
        insert,
    })
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte range an edit targets, snapped so that it never splits a CRLF (an LSP position
/// cannot point between \r and \n either).
fn target(text: &str, e: &Edit) -> std::ops::Range<usize> {
    let idx = LineIndex::new(text);
    let snap = |at: usize| {
        let at = floor_boundary(text, at);
        let lc = idx.line_col(text, at, Encoding::Utf16);
        idx.offset(text, lc, Encoding::Utf16)
    };
    let start = snap((e.start * text.len() as f64) as usize);
    let end = snap(start + (e.len * text.len() as f64) as usize).max(start);
    start..end
}

async fn run(initial: String, edits: Vec<Edit>) -> Result<(), TestCaseError> {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"debounceMs": 0})).await;
    let u = uri("prop.txt");
    c.open(&u, &initial).await;
    let mut model = initial.clone();
    let mut version = 1;
    for e in &edits {
        let r = target(&model, e);
        let idx = LineIndex::new(&model);
        let (a, b) = idx.range(&model, r.clone(), Encoding::Utf16);
        version += 1;
        c.change(&u, version, range(a.line, a.col, b.line, b.col), &e.insert)
            .await;
        model.replace_range(r, &e.insert);
    }
    let edited = c.diagnostics(&u, version as i64).await;
    let edited_symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    let fresh_uri = uri("fresh.txt");
    c.open(&fresh_uri, &model).await;
    let fresh = c.diagnostics(&fresh_uri, 1).await;
    let fresh_symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": fresh_uri}}),
        )
        .await;
    prop_assert_eq!(&edited, &fresh, "text {:?}", model);
    prop_assert_eq!(&edited_symbols, &fresh_symbols);
    let expected = check(&model, &Config::default());
    prop_assert_eq!(edited.len(), expected.len());
    let idx = LineIndex::new(&model);
    for (d, f) in edited.iter().zip(&expected) {
        let (a, b) = idx.range(&model, f.range.clone(), Encoding::Utf16);
        prop_assert_eq!(&d["range"], &range(a.line, a.col, b.line, b.col));
        prop_assert_eq!(&d["code"], f.code.as_str());
    }
    prop_assert!(c.shutdown_and_exit().await);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn incremental_edits_match_a_fresh_open(initial in text_strategy(40), edits in prop::collection::vec(edit_strategy(), 1..12)) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(run(initial, edits))?;
    }
}
