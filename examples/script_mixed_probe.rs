//! `script/mixed` probe: how often the detector speaks on real text, per source, with the
//! findings in context so each can be read and classified (real slip or false alarm).
//!
//! Reads JSON lines in either layout of `eval/`: `{"text", "script"?, …}` (the labelled sets,
//! most of `eval/source/`) or `{"title", "paras"}` (joined with newlines). Every document is
//! checked with `script/mixed` enabled; the detector itself decides which are Traditional.
//! Prints, per file: documents, Traditional documents, their characters, findings and
//! findings per 100,000 characters of Traditional text; then up to `--examples N` findings
//! (default 20 per file) as `span → fix | context`. Documents whose `source` says they were
//! converted character by character (`eval/build.py`'s careless s2t, which leaves 最后, 干部
//! on purpose) are counted apart, in the `conv` columns: their findings are mostly real slips.
//!
//! ```text
//! cargo run --release --example script_mixed_probe -- [--examples N] eval/source/*_zh_tw.jsonl
//! ```

use jiaodui::analysis::script::Script;
use jiaodui::analysis::{Code, Config, DocSummary, check};

/// The document's text, and whether it was converted character by character.
fn documents(line: &str) -> Option<(String, bool)> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let converted = value
        .get("source")
        .and_then(|s| s.as_str())
        .is_some_and(|s| s.contains("character level"));
    if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
        return Some((text.to_string(), converted));
    }
    let paras = value.get("paras")?.as_array()?;
    let mut text = value
        .get("title")
        .and_then(|t| t.as_str())
        .map(|t| format!("{t}\n"))
        .unwrap_or_default();
    for p in paras {
        text.push_str(p.as_str()?);
        text.push('\n');
    }
    Some((text, converted))
}

fn context(text: &str, range: std::ops::Range<usize>, chars: usize) -> String {
    let before: String = {
        let v: Vec<char> = text[..range.start].chars().rev().take(chars).collect();
        v.into_iter().rev().collect()
    };
    let after: String = text[range.end..].chars().take(chars).collect();
    format!("{before}【{}】{after}", &text[range]).replace('\n', "⏎")
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut examples = 20usize;
    if let Some(i) = args.iter().position(|a| a == "--examples") {
        examples = args[i + 1].parse().expect("--examples N");
        args.drain(i..i + 2);
    }
    let config = Config {
        enable: vec!["script/mixed".into()],
        ..Config::default()
    };
    let (mut all_chars, mut all_findings) = (0usize, 0usize);
    let (mut all_conv_chars, mut all_conv_findings) = (0usize, 0usize);
    println!(
        "{:<30} {:>5} {:>5} {:>9} {:>8} {:>8} | {:>5} {:>9} {:>8} {:>8}",
        "file",
        "docs",
        "trad",
        "chars",
        "findings",
        "per 100k",
        "conv",
        "chars",
        "findings",
        "per 100k"
    );
    let mut shown = Vec::new();
    for path in &args {
        let body = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (mut docs, mut trad, mut chars, mut found) = (0, 0, 0usize, 0usize);
        let (mut conv, mut conv_chars, mut conv_found) = (0, 0usize, 0usize);
        let mut listed = 0;
        for (n, line) in body.lines().enumerate() {
            let Some((text, converted)) = documents(line) else {
                continue;
            };
            docs += 1;
            if DocSummary::of(&text).script() != Script::Traditional {
                continue;
            }
            let (n_docs, n_chars, n_found) = if converted {
                (&mut conv, &mut conv_chars, &mut conv_found)
            } else {
                (&mut trad, &mut chars, &mut found)
            };
            *n_docs += 1;
            *n_chars += text.chars().count();
            for f in check(&text, &config) {
                if f.code != Code::ScriptMixed {
                    continue;
                }
                *n_found += 1;
                if listed < examples {
                    listed += 1;
                    let fix = f.fixes.first().map_or("", |x| x.replacement.as_str());
                    shown.push(format!(
                        "{}:{}{} {} → {} | {}",
                        path.rsplit('/').next().unwrap_or(path),
                        n + 1,
                        if converted { " (conv)" } else { "" },
                        &text[f.range.clone()],
                        fix,
                        context(&text, f.range.clone(), 12)
                    ));
                }
            }
        }
        all_chars += chars;
        all_findings += found;
        all_conv_chars += conv_chars;
        all_conv_findings += conv_found;
        println!(
            "{:<30} {:>5} {:>5} {:>9} {:>8} {:>8.2} | {:>5} {:>9} {:>8} {:>8.2}",
            path.rsplit('/').next().unwrap_or(path),
            docs,
            trad,
            chars,
            found,
            per_100k(found, chars),
            conv,
            conv_chars,
            conv_found,
            per_100k(conv_found, conv_chars)
        );
    }
    println!(
        "{:<30} {:>5} {:>5} {:>9} {:>8} {:>8.2} | {:>5} {:>9} {:>8} {:>8.2}",
        "total",
        "",
        "",
        all_chars,
        all_findings,
        per_100k(all_findings, all_chars),
        "",
        all_conv_chars,
        all_conv_findings,
        per_100k(all_conv_findings, all_conv_chars)
    );
    for line in shown {
        println!("{line}");
    }
}

fn per_100k(found: usize, chars: usize) -> f64 {
    if chars == 0 {
        0.0
    } else {
        found as f64 * 100_000.0 / chars as f64
    }
}
