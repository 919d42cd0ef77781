//! Scaling probe: does `check` stay linear when real lines are repeated into one huge line,
//! many lines, or many paragraphs? Quadratic work hides in per-finding scans of "the line"
//! or "the list", which ordinary documents never make long enough to notice.
//!
//! Lines come from the labelled sets (`eval/*.jsonl`: prose from packages, with injected and
//! natural garbles and spam), grouped by the first finding `check` reports on them in their
//! own document, plus a group of lines with no finding, plus short pieces that pack one
//! phenomenon densely (a line of a thousand quoted 「锟斤拷」 mentions, entities, list items),
//! which real lines are too sparse to stress. Each group's lines are repeated to
//! a small and a 16× larger text in three shapes; the probe prints the time of each and the
//! growth beyond linear ((big / small) / 16), and exits 1 when a growth passes the limit.
//!
//! ```text
//! cargo run --release --example scaling -- [--small-kb 128] [--limit 3] [--only GROUP] eval/*.jsonl
//! ```

use jiaodui::analysis::{Config, check};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const FACTOR: usize = 16;
const LINES_PER_GROUP: usize = 60;

/// Pieces that pack one phenomenon (or its near miss) densely; each is its own group.
const DENSE_PIECES: &[(&str, &str)] = &[
    ("dense: pinyin", "他说機(jī)会很多，"),
    ("dense: mojibake", "鍩轰簬鐨勬柟娉曪紝"),
    ("dense: quoted mojibake", "常见乱码如“浣犲ソ”，"),
    ("dense: straight quotes", "乱码如\"锟斤拷\"，"),
    ("dense: entities", "中文&amp;nbsp;内容&#20013;，"),
    ("dense: zero-width", "中\u{200b}文\u{200d}内容，"),
    ("dense: 锟斤拷", "内容锟斤拷锟斤拷，"),
    ("dense: quoted 锟斤拷", "显示为「锟斤拷」，"),
    ("dense: U+FFFD", "文本\u{fffd}\u{fffd}内容"),
    ("dense: control", "中文\u{7}内容\u{1b}，"),
    ("dense: cp1252", "ä¸­æ–‡å†…å®¹ï¼Œ"),
    ("dense: Big5 as GBK", "嚙踝蕭嚙賡嚙踝蕭，"),
    ("dense: squares", "姓名□□□□内容"),
    (
        "dense: spam",
        "澳门新葡京 www.example.com 手机版 | 登录 | 注册 ",
    ),
    ("dense: places", "北京 上海 广州 深圳 天津 重庆 "),
    ("dense: affixes", "深圳搬家 深圳保洁 北京人才网 上海人才网 "),
    ("dense: headings", "一、总则 （一）目的 1. 范围 第一章 "),
    ("dense: glossary terms", "三会一课三會一課民主集中制"),
];

fn main() {
    let mut small_kb = 128usize;
    let mut limit = 3.0f64;
    let mut only = String::new();
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--small-kb" => small_kb = args.next().and_then(|v| v.parse().ok()).expect("a size"),
            "--limit" => limit = args.next().and_then(|v| v.parse().ok()).expect("a number"),
            "--only" => only = args.next().expect("a group name or part of one"),
            _ => files.push(arg),
        }
    }
    assert!(!files.is_empty(), "give eval/*.jsonl files");
    let config = Config::default();
    let mut groups = sample_lines(&files, &config);
    for (name, piece) in DENSE_PIECES {
        groups.insert(name.to_string(), vec![piece.to_string()]);
    }
    let small = small_kb * 1024;
    let mut worst = 0.0f64;
    println!(
        "{:<26} {:<10} {:>6} {:>11} {:>11} {:>7}",
        "lines", "shape", "lines", "small", "16× larger", "growth"
    );
    for (group, lines) in groups.iter().filter(|(g, _)| g.contains(&only)) {
        for (shape, separator) in [("one line", " "), ("lines", "\n"), ("paragraphs", "\n\n")] {
            let small_text = repeat_to(lines, separator, small);
            let big_text = repeat_to(lines, separator, small * FACTOR);
            let t_small = (0..3)
                .map(|_| time(&small_text, &config))
                .min()
                .unwrap_or_default();
            let t_big = time(&big_text, &config);
            let growth = t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-6) / FACTOR as f64;
            worst = worst.max(growth);
            println!(
                "{group:<26} {shape:<10} {:>6} {:>9.1}ms {:>9.1}ms {growth:>6.2}×{}",
                lines.len(),
                t_small.as_secs_f64() * 1e3,
                t_big.as_secs_f64() * 1e3,
                if growth > limit {
                    "  ← superlinear"
                } else {
                    ""
                }
            );
        }
    }
    println!("worst growth beyond linear: {worst:.2}× (limit {limit})");
    if worst > limit {
        std::process::exit(1);
    }
}

fn time(text: &str, config: &Config) -> Duration {
    let start = Instant::now();
    let findings = check(text, config);
    let elapsed = start.elapsed();
    std::hint::black_box(findings);
    elapsed
}

/// The lines' text repeated (cycling through the lines) until it holds `bytes` bytes.
fn repeat_to(lines: &[String], separator: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    for line in lines.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(line);
        text.push_str(separator);
    }
    text
}

/// Up to `LINES_PER_GROUP` distinct non-empty lines per group, taken evenly across the files
/// so no one set dominates a group.
fn sample_lines(files: &[String], config: &Config) -> BTreeMap<String, Vec<String>> {
    let mut all: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files {
        let body = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        for record in body.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value =
                serde_json::from_str(record).unwrap_or_else(|e| panic!("{file}: {e}"));
            let Some(text) = value["text"].as_str() else {
                continue;
            };
            let findings = check(text, config);
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                let range = start..start + line.len();
                start = range.end;
                let line = line.trim_end_matches(['\n', '\r']);
                if line.trim().is_empty() {
                    continue;
                }
                let group = findings
                    .iter()
                    .find(|f| f.range.start >= range.start && f.range.start < range.end)
                    .map_or("no finding".to_string(), |f| f.code.as_str().to_string());
                all.entry(group).or_default().push(line.to_string());
            }
        }
    }
    all.into_iter()
        .map(|(group, mut lines)| {
            lines.sort();
            lines.dedup();
            let step = (lines.len() / LINES_PER_GROUP).max(1);
            let picked = lines
                .into_iter()
                .step_by(step)
                .take(LINES_PER_GROUP)
                .collect();
            (group, picked)
        })
        .collect()
}
