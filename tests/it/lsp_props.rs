//! Property: any sequence of incremental edits leaves the server with the same diagnostics
//! and outline as opening the final text fresh (and as `check` on that text).

use crate::lsp_support;

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

/// Pieces that make and break the document-level findings: page chrome and keyword lists
/// (at the ends), injected brands and domains (anywhere; repeated or with a hard suffix they
/// fire, beside gambling-topic words they do not), and text in the other script.
const SPAM_PIECES: &[&str] = &[
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
    "九州娱乐",
    "www.hg0088.com",
    "赌博",
    "警方",
    "推动工作落实，取得实效，群众满意。",
    "這是繁體的說明，內容很長，寫了又寫。",
    "他們來自台南县。",
    "在重大斗爭中前進。",
    "这是简体的说明。",
    "標題",
    "。",
    "\n",
    "\n\n",
    "\r\n",
    "機(jī)",
];

fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    pieces_strategy(PIECES, max)
}

fn pieces_strategy(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|v| v.concat())
}

#[derive(Clone, Debug)]
struct Edit {
    start: f64,
    len: f64,
    insert: String,
    /// Wait for this edit's diagnostics before the next edit, so that the server converts
    /// and keeps some paragraphs' diagnostics, which later edits move (or make stale).
    settle: bool,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    (0.0..=1.0f64, 0.0..0.3f64, text_strategy(4), any::<bool>()).prop_map(
        |(start, len, insert, settle)| Edit {
            start,
            len,
            insert,
            settle,
        },
    )
}

/// Edits of spam pieces, mostly near either end of the document (where chrome and lists
/// count), some anywhere; short deletions, so that a long body stays between the ends.
fn spam_edit_strategy() -> impl Strategy<Value = Edit> {
    let start = prop_oneof![0.0..0.08f64, 0.92..=1.0f64, 0.0..=1.0f64];
    (
        start,
        0.0..0.02f64,
        pieces_strategy(SPAM_PIECES, 4),
        any::<bool>(),
    )
        .prop_map(|(start, len, insert, settle)| Edit {
            start,
            len,
            insert,
            settle,
        })
}

/// A body of `n` prose paragraphs: long enough (100+) that the server reads the document's
/// ends apart, through the paragraphs' summaries. In Traditional script, the document's
/// script (and with it `script/mixed`) can flip under edits in either script.
fn body(n: usize, traditional: bool) -> String {
    (0..n)
        .map(|i| match traditional {
            true => format!("第{i}段正文，寫了又寫，還有很多字，說明情況。\n\n"),
            false => format!("第{i}段正文，写了又写，还有很多字，说明情况。\n\n"),
        })
        .collect()
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
    let mut settled = None;
    for e in &edits {
        let r = target(&model, e);
        let idx = LineIndex::new(&model);
        let (a, b) = idx.range(&model, r.clone(), Encoding::Utf16);
        version += 1;
        c.change(&u, version, range(a.line, a.col, b.line, b.col), &e.insert)
            .await;
        model.replace_range(r, &e.insert);
        settled = None;
        if e.settle {
            settled = Some(c.diagnostics(&u, version as i64).await);
        }
    }
    let edited = match settled {
        Some(d) => d,
        None => c.diagnostics(&u, version as i64).await,
    };
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
        prop_assert_eq!(&d["message"], &f.message);
    }
    prop_assert!(c.shutdown_and_exit().await);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn spam_edits_match_a_fresh_open(
        head in pieces_strategy(SPAM_PIECES, 20),
        body_len in prop::sample::select(&[0usize, 5, 120][..]),
        traditional in any::<bool>(),
        foot in pieces_strategy(SPAM_PIECES, 20),
        edits in prop::collection::vec(spam_edit_strategy(), 1..12),
    ) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(run(format!("{head}{}{foot}", body(body_len, traditional)), edits))?;
    }

    #[test]
    fn incremental_edits_match_a_fresh_open(initial in text_strategy(40), edits in prop::collection::vec(edit_strategy(), 1..12)) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(run(initial, edits))?;
    }
}
