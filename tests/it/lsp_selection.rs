//! selectionRange: every range contains the position it was asked for, and every parent
//! contains its child, at every position of the seed and of random documents (blank lines,
//! leading indentation, the document's end, CRLF, astral characters), in all encodings.

use crate::lsp_support;

use jiaodui::position::{Encoding, LineIndex};
use lsp_support::*;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Every position a client can put the cursor on: each character boundary (not between
/// `\r` and `\n`), as (line, character) in `encoding`.
fn positions(text: &str, encoding: Encoding) -> Vec<(u64, u64)> {
    let idx = LineIndex::new(text);
    let mut out = Vec::new();
    for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
        if b > 0 && text.as_bytes()[b - 1] == b'\r' && text.as_bytes().get(b) == Some(&b'\n') {
            continue;
        }
        let (p, _) = idx.range(text, b..b, encoding);
        out.push((p.line as u64, p.col as u64));
    }
    out
}

fn point(v: &Value) -> (u64, u64) {
    (
        v["line"].as_u64().expect("line"),
        v["character"].as_u64().expect("character"),
    )
}

/// Checks one reply: one chain per position, each range containing the position and each
/// parent its child. Returns how many chains broke the rule (with the first broken one).
fn check(reply: &Value, asked: &[(u64, u64)]) -> Result<(), String> {
    let chains = reply.as_array().ok_or("no array")?;
    if chains.len() != asked.len() {
        return Err(format!(
            "{} chains for {} positions",
            chains.len(),
            asked.len()
        ));
    }
    let mut bad = 0;
    let mut first = None;
    for (chain, &p) in chains.iter().zip(asked) {
        let mut node = chain;
        let mut child: Option<((u64, u64), (u64, u64))> = None;
        let mut ok = true;
        while !node.is_null() {
            let (s, e) = (point(&node["range"]["start"]), point(&node["range"]["end"]));
            ok &= s <= p && p <= e && s <= e;
            if let Some((cs, ce)) = child {
                ok &= s <= cs && ce <= e;
            }
            child = Some((s, e));
            node = &node["parent"];
        }
        if !ok {
            bad += 1;
            first.get_or_insert_with(|| format!("at {p:?}: {chain}"));
        }
    }
    match first {
        None => Ok(()),
        Some(f) => Err(format!(
            "{bad} of {} positions broken; first {f}",
            asked.len()
        )),
    }
}

async fn ask(c: &mut TestClient, u: &str, asked: &[(u64, u64)]) -> Value {
    let positions: Vec<Value> = asked
        .iter()
        .map(|&(l, ch)| json!({"line": l, "character": ch}))
        .collect();
    c.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": u}, "positions": positions}),
    )
    .await
}

fn caps(encoding: Encoding) -> Value {
    match encoding {
        Encoding::Utf16 => vscode_caps(),
        Encoding::Utf8 => neovim_caps(),
        Encoding::Utf32 => json!({"general": {"positionEncodings": ["utf-32"]}}),
    }
}

async fn every_position(text: &str, encoding: Encoding, name: &str) -> Result<(), String> {
    let mut c = TestClient::start();
    c.initialize(caps(encoding), json!({"debounceMs": 0})).await;
    let u = uri(name);
    c.open(&u, text).await;
    let asked = positions(text, encoding);
    let reply = ask(&mut c, &u, &asked).await;
    let result = check(&reply, &asked);
    assert!(c.shutdown_and_exit().await);
    result
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_position_of_the_seed_is_inside_its_ranges() {
    let seed = seed();
    for encoding in [Encoding::Utf16, Encoding::Utf8, Encoding::Utf32] {
        every_position(&seed, encoding, "seed.txt")
            .await
            .unwrap_or_else(|e| panic!("{encoding:?}: {e}"));
    }
    // The same text as Markdown (sections from headings) and with CRLF line ends.
    every_position(&seed.replace('\n', "\r\n"), Encoding::Utf16, "seed.md")
        .await
        .unwrap();
}

const PIECES: &[&str] = &[
    "第一章 總則\n",
    "# 標題\n",
    "一、概述\n",
    "  縮進的一行。\n",
    "\u{3000}\u{3000}全角縮進，句子。\n",
    "\n",
    "\n\n",
    "   \n",
    "\r\n",
    "\r",
    "\t",
    "正文，分句；句子。",
    "機(jī)器",
    "𠮷",
    "😀",
    " ",
    "基層黨組織",
    "hello world. ",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn every_position_of_random_documents_is_inside_its_ranges(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..30),
        encoding in prop::sample::select(&[Encoding::Utf16, Encoding::Utf8, Encoding::Utf32][..]),
    ) {
        let text: String = pieces.concat();
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let result = rt.block_on(every_position(&text, encoding, "random.md"));
        prop_assert!(result.is_ok(), "{:?} in {:?}: {}", encoding, text, result.unwrap_err());
    }
}
