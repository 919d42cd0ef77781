//! The language server's features, driven in-process over framed duplex pipes.

use crate::lsp_support;

use jiaodui::analysis::{Config, check};
use jiaodui::position::{Encoding, LineIndex};
use lsp_support::*;
use serde_json::{Value, json};

/// Expected LSP range of a byte range, computed with the library's own line index.
fn expected_range(text: &str, r: std::ops::Range<usize>, enc: Encoding) -> Value {
    let idx = LineIndex::new(text);
    let (a, b) = idx.range(text, r, enc);
    range(a.line, a.col, b.line, b.col)
}

#[tokio::test]
async fn seed_diagnostics_match_the_library_in_utf16() {
    let text = seed();
    let mut c = TestClient::start();
    let init = c.initialize(vscode_caps(), Value::Null).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    let u = uri("seed.txt");
    c.open(&u, &text).await;
    let diags = c.diagnostics(&u, 1).await;
    let expected = check(&text, &Config::default());
    assert_eq!(codes(&diags, "garble/inline-pinyin"), 557);
    assert_eq!(diags.len(), expected.len());
    for (d, f) in diags.iter().zip(&expected) {
        assert_eq!(d["code"], f.code.as_str());
        assert_eq!(d["source"], "jiaodui");
        assert_eq!(d["message"], f.message.as_str());
        assert_eq!(
            d["range"],
            expected_range(&text, f.range.clone(), Encoding::Utf16)
        );
    }
    // 手機(jī)版: the annotation sits after two characters on the first line.
    assert_eq!(only_pinyin(diags)[0]["range"], range(0, 2, 0, 6));
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn astral_characters_and_crlf_in_each_encoding() {
    let text = "𠮷😀機(jī)\r\n第二行𠮷機(jī)\r\n";
    for (caps, enc, first, second) in [
        (
            vscode_caps(),
            "utf-16",
            range(0, 5, 0, 9),
            range(1, 6, 1, 10),
        ),
        (
            neovim_caps(),
            "utf-8",
            range(0, 11, 0, 16),
            range(1, 16, 1, 21),
        ),
        (
            json!({"general": {"positionEncodings": ["utf-32"]}}),
            "utf-32",
            range(0, 3, 0, 7),
            range(1, 5, 1, 9),
        ),
    ] {
        let mut c = TestClient::start();
        let init = c.initialize(caps, Value::Null).await;
        assert_eq!(init["capabilities"]["positionEncoding"], enc);
        let u = uri("astral.txt");
        c.open(&u, text).await;
        let diags = c.pinyin(&u, 1).await;
        assert_eq!(diags.len(), 2, "{enc}");
        assert_eq!(diags[0]["range"], first, "{enc}");
        assert_eq!(diags[1]["range"], second, "{enc}");
        // An edit positioned after the astral characters lands where the client meant.
        let at = first["start"].clone();
        c.change(&u, 2, json!({"start": at, "end": first["end"]}), "")
            .await;
        let diags = c.pinyin(&u, 2).await;
        assert_eq!(diags.len(), 1, "{enc}: the first annotation was deleted");
        assert_eq!(diags[0]["range"], second, "{enc}");
        assert!(c.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn incremental_edits_shift_and_update_diagnostics() {
    let mut c = TestClient::start();
    c.initialize(neovim_caps(), Value::Null).await;
    let u = uri("edit.txt");
    c.open(&u, "第一段\n\n手機(jī)版\n\n堅(jiān)強(qiáng)\n")
        .await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 3);
    // Insert a line at the top: every diagnostic moves down one line.
    c.change(&u, 2, range(0, 0, 0, 0), "新的一行\n").await;
    let diags = c.pinyin(&u, 2).await;
    assert_eq!(diags[0]["range"], range(3, 6, 3, 11));
    // Add an annotation inside an untouched paragraph's neighbour.
    c.change(&u, 3, range(1, 9, 1, 9), "機(jī)").await;
    let diags = c.pinyin(&u, 3).await;
    assert_eq!(diags.len(), 4);
    assert_eq!(diags[0]["range"], range(1, 12, 1, 17));
    // Join paragraphs by deleting the blank line: findings stay the same.
    c.change(&u, 4, range(2, 0, 3, 0), "").await;
    assert_eq!(c.pinyin(&u, 4).await.len(), 4);
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn hover_explains_garble_and_headings() {
    let text = seed();
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"locale": "zh"})).await;
    let u = uri("seed.txt");
    c.open(&u, &text).await;
    c.pinyin(&u, 1).await;
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(0, 3)}),
        )
        .await;
    let md = hover["contents"]["value"].as_str().unwrap();
    assert!(md.contains("garble/inline-pinyin"), "{md}");
    assert!(
        md.contains("手機(jī)版") && md.contains("\n手機版\n"),
        "{md}"
    );
    assert_eq!(hover["range"], range(0, 2, 0, 6));
    // The first section heading (一、…) reports its length.
    let outline = jiaodui::analysis::outline::outline(&text);
    let section = &outline[0].children[0];
    let idx = LineIndex::new(&text);
    let at = idx.line_col(&text, section.selection_range.start + 3, Encoding::Utf16);
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(at.line, at.col)}),
        )
        .await;
    let md = hover["contents"]["value"].as_str().unwrap();
    let chars = jiaodui::analysis::outline::section_char_count(&text, section);
    assert!(md.contains(&format!("本节共 {chars} 字")), "{md}");
    // A glossary term: the entry's card.
    let term_at = text.find("基層黨組織").unwrap();
    let at = idx.line_col(&text, term_at + 3, Encoding::Utf16);
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(at.line, at.col)}),
        )
        .await;
    let md = hover["contents"]["value"].as_str().unwrap();
    let glossary = jiaodui::analysis::glossary::Glossary::shared();
    let card = glossary.lookup("基層黨組織").unwrap().to_markdown();
    assert!(md.contains(&card), "{md}");
    // An ordinary word: CC-CEDICT, with word-level pinyin (組織 is zǔzhī as one word).
    let word = idx.line_col(
        &text,
        text.find("中共安徽省委組織部").unwrap() + "中共安徽省委".len(),
        Encoding::Utf16,
    );
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(word.line, word.col)}),
        )
        .await;
    let md = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("CC-CEDICT") && md.contains("zǔzhī"), "{md}");
    // Nothing to say about a blank line.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(1, 0)}),
        )
        .await;
    assert_eq!(hover, Value::Null);
    assert!(c.shutdown_and_exit().await);
}

fn edits(action: &Value, u: &str) -> Vec<Value> {
    action["edit"]["changes"][u]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn code_actions_fix_one_all_of_a_kind_and_everything() {
    let text = "手機(jī)版\n堅(jiān)強(qiáng)\n";
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"disable": ["spam"]}))
        .await;
    let u = uri("fix.txt");
    c.open(&u, text).await;
    let diags = c.pinyin(&u, 1).await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": diags[0]["range"],
                   "context": {"diagnostics": [diags[0]]}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    let quick = &actions[0];
    assert_eq!(quick["kind"], "quickfix");
    assert_eq!(quick["isPreferred"], true);
    assert_eq!(
        edits(quick, &u),
        [json!({"range": range(0, 2, 0, 6), "newText": ""})]
    );
    let all = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .contains("全部 garble/inline-pinyin")
        })
        .expect("fix all of this kind");
    // Without resolve support the fix-alls come as a command, whose edit the server sends
    // with workspace/applyEdit (coalesced: these fixes are close, one edit).
    assert!(
        all.get("edit").is_none() && all["command"].is_object(),
        "{all}"
    );
    let all_edits = c.action_edits(all, &u).await;
    assert_eq!(all_edits.len(), 1);
    assert_eq!(
        apply_edits(text, &all_edits, Encoding::Utf16),
        "手機版\n堅強\n"
    );
    let source = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.jiaodui")
        .unwrap();
    let source_edits = c.action_edits(source, &u).await;
    assert_eq!(
        apply_edits(text, &source_edits, Encoding::Utf16),
        "手機版\n堅強\n"
    );
    // Format-on-save style: only the fix-all source action comes back.
    let only = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": range(0, 0, 0, 0),
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let only = only.as_array().unwrap();
    assert_eq!(only.len(), 1);
    // Applying it leaves nothing to fix.
    let es = c.action_edits(&only[0], &u).await;
    assert_eq!(apply_edits(text, &es, Encoding::Utf16), "手機版\n堅強\n");
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn outline_symbols_folding_and_workspace_symbols() {
    let text = seed();
    let outline = jiaodui::analysis::outline::outline(&text);
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("seed.txt");
    c.open(&u, &text).await;
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    let symbols = symbols.as_array().unwrap();
    assert_eq!(symbols.len(), outline.len());
    assert_eq!(symbols[0]["name"], outline[0].name.as_str());
    assert_eq!(
        symbols[0]["range"],
        expected_range(&text, outline[0].range.clone(), Encoding::Utf16)
    );
    assert_eq!(
        symbols[0]["selectionRange"],
        expected_range(&text, outline[0].selection_range.clone(), Encoding::Utf16)
    );
    let children = symbols[0]["children"].as_array().unwrap();
    assert_eq!(children.len(), outline[0].children.len());
    assert!(children.len() >= 5);

    let folds = c
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    let folds = folds.as_array().unwrap();
    for s in &outline[0].children {
        let line = LineIndex::new(&text).line_of(s.range.start);
        assert!(
            folds.iter().any(|f| f["startLine"] == line),
            "a fold at line {line}"
        );
    }

    let found = c
        .request("workspace/symbol", json!({"query": "基层党组织"}))
        .await;
    let found = found.as_array().unwrap();
    assert!(
        !found.is_empty(),
        "Simplified query finds Traditional headings"
    );
    assert!(found.iter().all(|s| s["location"]["uri"] == u.as_str()));
    assert!(c.shutdown_and_exit().await);

    // A client without hierarchical support gets flat symbols with containers.
    let mut c = TestClient::start();
    c.initialize(json!({}), Value::Null).await;
    c.open(&u, &text).await;
    let flat = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    let flat = flat.as_array().unwrap();
    assert!(flat.len() > outline.len());
    assert!(
        flat.iter()
            .all(|s| s.get("location").is_some() && s.get("children").is_none())
    );
    assert_eq!(flat[1]["containerName"], outline[0].name.as_str());
    assert!(c.shutdown_and_exit().await);
}

/// The whole documentSymbol reply, built from the library's outline: what the server's
/// prebuilt JSON must equal field for field.
fn expected_symbols(
    text: &str,
    symbols: &[jiaodui::analysis::outline::Symbol],
    enc: Encoding,
) -> Value {
    use jiaodui::analysis::outline::SymbolKind as K;
    Value::Array(
        symbols
            .iter()
            .map(|s| {
                let kind = match s.kind {
                    K::Title => 1,
                    K::Part => 4,
                    K::Chapter => 2,
                    K::Section => 3,
                    K::Heading => 15,
                };
                let mut v = json!({
                    "name": s.name,
                    "kind": kind,
                    "range": expected_range(text, s.range.clone(), enc),
                    "selectionRange": expected_range(text, s.selection_range.clone(), enc),
                });
                if let Some(d) = &s.detail {
                    v["detail"] = json!(d);
                }
                if !s.children.is_empty() {
                    v["children"] = expected_symbols(text, &s.children, enc);
                }
                v
            })
            .collect(),
    )
}

#[tokio::test]
async fn document_symbols_equal_the_outline_across_edits_and_the_lifecycle() {
    let mut text = seed();
    let mut c = TestClient::start();
    let early = c
        .request_full(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri("seed.txt")}}),
        )
        .await;
    assert_eq!(early["error"]["code"], -32002, "before initialize: {early}");
    c.initialize(neovim_caps(), Value::Null).await;
    let u = uri("seed.txt");
    let unknown = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri("not-open.txt")}}),
        )
        .await;
    assert_eq!(unknown, Value::Null);
    c.open(&u, &text).await;
    let outline = jiaodui::analysis::outline::outline(&text);
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    assert_eq!(symbols, expected_symbols(&text, &outline, Encoding::Utf8));
    // A new heading at the top, with an astral character: every range after it moves, and the
    // cached reply of the previous version is not served.
    c.change(&u, 2, range(0, 0, 0, 0), "第一章 𠮷總則\n\n")
        .await;
    text.insert_str(0, "第一章 𠮷總則\n\n");
    let outline = jiaodui::analysis::outline::outline(&text);
    for _ in 0..2 {
        let symbols = c
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": u}}),
            )
            .await;
        assert_eq!(symbols, expected_symbols(&text, &outline, Encoding::Utf8));
    }
    // After shutdown the request is refused, as tower-lsp-server refuses every request then.
    let down = c.request_full("shutdown", Value::Null).await;
    assert_eq!(down["result"], Value::Null, "{down}");
    let late = c
        .request_full(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    assert!(late.get("error").is_some(), "after shutdown: {late}");
    c.notify("exit", Value::Null).await;
}

#[tokio::test]
async fn selection_ranges_grow_from_word_to_document() {
    let text = "標題\n\n第一句。加強基層黨組織建設，推進工作。\n第二行\n";
    let mut c = TestClient::start();
    c.initialize(neovim_caps(), Value::Null).await;
    let u = uri("sel.txt");
    c.open(&u, text).await;
    let at = text.find("黨").unwrap();
    let line_start = text[..at].rfind('\n').unwrap() + 1;
    let result = c
        .request(
            "textDocument/selectionRange",
            json!({"textDocument": {"uri": u}, "positions": [pos(2, (at - line_start) as u32)]}),
        )
        .await;
    let mut node = &result[0];
    let mut spans = Vec::new();
    while node.is_object() {
        let r = &node["range"];
        let line = r["start"]["line"].as_u64().unwrap();
        let idx = LineIndex::new(text);
        let p = |v: &Value| jiaodui::position::LineCol {
            line: v["line"].as_u64().unwrap() as u32,
            col: v["character"].as_u64().unwrap() as u32,
        };
        let a = idx.offset(text, p(&r["start"]), Encoding::Utf8);
        let b = idx.offset(text, p(&r["end"]), Encoding::Utf8);
        spans.push((line, text[a..b].to_string()));
        node = &node["parent"];
    }
    let texts: Vec<&str> = spans.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(texts[0], "黨組織");
    assert_eq!(texts[1], "加強基層黨組織建設，");
    assert_eq!(texts[2], "加強基層黨組織建設，推進工作。");
    assert!(
        texts.contains(&"第一句。加強基層黨組織建設，推進工作。\n第二行"),
        "{texts:?}"
    );
    assert_eq!(*texts.last().unwrap(), text);
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn pull_diagnostics_replace_push() {
    let mut c = TestClient::start();
    let init = c
        .initialize(
            json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
            json!({"disable": ["spam"]}),
        )
        .await;
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "jiaodui"
    );
    let u = uri("pull.txt");
    c.open(&u, "手機(jī)版\n").await;
    let report = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"].as_array().unwrap().len(), 1);
    let id = report["resultId"].clone();
    let again = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": u}, "previousResultId": id}),
        )
        .await;
    assert_eq!(again["kind"], "unchanged");
    c.change(&u, 2, range(0, 2, 0, 6), "").await;
    let after = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": u}, "previousResultId": id}),
        )
        .await;
    assert_eq!(after["kind"], "full");
    assert!(after["items"].as_array().unwrap().is_empty());
    assert!(
        !c.notifications
            .iter()
            .any(|n| n["method"] == "textDocument/publishDiagnostics"),
        "no push when the client pulls"
    );
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn capped_kinds_get_a_summary_with_fix_all() {
    let text = seed();
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), json!({"maxDiagnosticsPerKind": 10}))
        .await;
    let u = uri("seed.txt");
    c.open(&u, &text).await;
    let diags = c.diagnostics(&u, 1).await;
    assert_eq!(codes(&diags, "garble/inline-pinyin"), 11);
    let summary = diags.iter().find(|d| d["data"]["summary"] == true).unwrap();
    assert_eq!(summary["data"]["hidden"], 547);
    assert!(summary["message"].as_str().unwrap().contains("547"));
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": summary["range"],
                   "context": {"diagnostics": [summary], "only": ["quickfix"]}}),
        )
        .await;
    let fix_all = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("557"))
        .expect("fix all 557");
    let es = c.action_edits(fix_all, &u).await;
    assert_eq!(
        apply_edits(&text, &es, Encoding::Utf16),
        fixed_once(&text, Some("garble/inline-pinyin"))
    );
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn fix_all_edits_come_from_code_action_resolve_when_the_client_resolves() {
    let text = seed();
    let mut c = TestClient::start();
    let caps = json!({"textDocument": {"codeAction": {
        "resolveSupport": {"properties": ["edit"]}, "dataSupport": true}}});
    let init = c
        .initialize(caps, json!({"maxDiagnosticsPerKind": 10}))
        .await;
    assert_eq!(
        init["capabilities"]["codeActionProvider"]["resolveProvider"],
        true
    );
    let u = uri("seed.txt");
    c.open(&u, &text).await;
    let diags = c.diagnostics(&u, 1).await;
    let summary = diags.iter().find(|d| d["data"]["summary"] == true).unwrap();
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": summary["range"],
                   "context": {"diagnostics": [summary]}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    // The quick fix of the finding under the cursor carries its edit.
    let quick = actions.iter().find(|a| a["isPreferred"] == true).unwrap();
    assert_eq!(edits(quick, &u).len(), 1);
    let fix_all = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("557"))
        .expect("fix all 557");
    assert!(fix_all.get("edit").is_none(), "left for resolve: {fix_all}");
    let resolved = c.request("codeAction/resolve", fix_all.clone()).await;
    assert_eq!(resolved["title"], fix_all["title"]);
    assert_eq!(
        apply_edits(&text, &edits(&resolved, &u), Encoding::Utf16),
        fixed_once(&text, Some("garble/inline-pinyin"))
    );
    // The whole-document fix-all resolves to edits that leave nothing to fix.
    let source = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.jiaodui")
        .unwrap();
    let resolved = c.request("codeAction/resolve", source.clone()).await;
    let es = edits(&resolved, &u);
    assert!(!es.is_empty());
    let fixed = apply_edits(&text, &es, Encoding::Utf16);
    assert_eq!(fixed, fixed_once(&text, None));
    let left: Vec<_> = check(&fixed, &Config::default())
        .into_iter()
        .filter(|f| f.fixes.iter().any(|x| x.safe))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn closing_clears_diagnostics() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("close.txt");
    c.open(&u, "手機(jī)版").await;
    assert_eq!(c.pinyin(&u, 1).await.len(), 1);
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}))
        .await;
    let n = c
        .notification(|m| m["method"] == "textDocument/publishDiagnostics")
        .await;
    assert!(n["params"]["diagnostics"].as_array().unwrap().is_empty());
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(0, 3)}),
        )
        .await;
    assert_eq!(hover, Value::Null);
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn spam_is_faded_and_folded() {
    let text = seed();
    let expected = check(&text, &Config::default());
    let spam: Vec<_> = expected.iter().filter(|f| f.code.is_spam()).collect();
    assert!(
        !spam.is_empty(),
        "the seed has page chrome and an appended list"
    );
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("seed.txt");
    c.open(&u, &text).await;
    let diags = c.diagnostics(&u, 1).await;
    for d in &diags {
        let is_spam = d["code"].as_str().unwrap().starts_with("spam/");
        assert_eq!(d["tags"] == json!([1]), is_spam, "{d}");
    }
    assert_eq!(
        diags.iter().filter(|d| d["tags"] == json!([1])).count(),
        spam.len()
    );
    // Spam spanning several lines folds as a block.
    let idx = LineIndex::new(&text);
    let folds = c
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": u}}),
        )
        .await;
    let chrome_folds: Vec<&Value> = folds
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "comment")
        .collect();
    let multi_line = spam
        .iter()
        .any(|f| idx.line_of(f.range.start) != idx.line_of(f.range.end.saturating_sub(1)));
    let adjacent = spam
        .windows(2)
        .any(|w| idx.line_of(w[1].range.start) <= idx.line_of(w[0].range.end) + 2);
    assert_eq!(
        !chrome_folds.is_empty(),
        multi_line || adjacent,
        "{chrome_folds:?}"
    );
    assert!(c.shutdown_and_exit().await);
}

#[tokio::test]
async fn dictionary_hover_reads_through_annotations() {
    let mut c = TestClient::start();
    c.initialize(vscode_caps(), Value::Null).await;
    let u = uri("bank.txt");
    let text = "他在銀(yín)行工作。";
    c.open(&u, text).await;
    c.pinyin(&u, 1).await;
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": pos(0, 2)}),
        )
        .await;
    let md = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("yínháng") && md.contains("bank"), "{md}");
    // The range covers 銀(yín)行 in the source, annotation included.
    assert_eq!(hover["range"], range(0, 2, 0, 9));
    assert!(c.shutdown_and_exit().await);
}
