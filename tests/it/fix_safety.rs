//! Fix safety and limits beyond `cli.rs`: a fix pass edits only inside the safe fixes of one
//! analysis of its input, on every corpus we have and on random documents; legacy-encoded
//! files are written back only when they round-trip; config discovery stops at the
//! repository root; oversized config and glossary files are refused.

use jiaodui::analysis::fix::{fix_all, safe_fixes};
use jiaodui::analysis::{Config, check};
use serde_json::Value;
use std::fs;
use std::ops::Range;
use std::path::Path;
use std::process::{Command, Output};

fn jiaodui(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .args(["--color", "never"])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run jiaodui")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const ANNOTATED: &str = "他們要堅(jiān)持原則。\n";

/// Every text we have: the seed, the spam fixtures, the labelled and held-out records.
fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Every fixture, read or fail (see `fixture_support`).
    let mut texts = crate::fixture_support::fixtures();
    let fixtures = texts
        .iter()
        .filter(|(name, _)| name.starts_with("spam/"))
        .count();
    assert!(fixtures >= 13, "tests/fixtures/spam: {fixtures} fixtures");
    for file in ["eval/labelled.jsonl", "eval/holdout.jsonl"] {
        let lines = fs::read_to_string(root.join(file)).unwrap();
        for (i, line) in lines.lines().enumerate() {
            let record: Value = serde_json::from_str(line).unwrap();
            let text = record["text"]
                .as_str()
                .unwrap_or_else(|| panic!("{file}:{}: no text", i + 1));
            texts.push((format!("{file}:{}", i + 1), text.to_string()));
        }
    }
    texts
}

/// The merged byte ranges of the safe fixes in `findings`.
fn safe_ranges(findings: &[jiaodui::analysis::Finding]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = safe_fixes(findings).map(|f| f.range.clone()).collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// `fixed` keeps every byte of `text` outside `ranges`, in order: it reads as the text between
/// the ranges, with anything in place of each range.
fn differs_only_inside(text: &str, fixed: &str, ranges: &[Range<usize>]) -> Result<(), String> {
    let mut gaps = Vec::with_capacity(ranges.len() + 1);
    let mut at = 0;
    for r in ranges {
        gaps.push(&text[at..r.start]);
        at = r.end;
    }
    gaps.push(&text[at..]);
    let (first, rest) = gaps.split_first().expect("one gap at least");
    let Some(mut left) = fixed.strip_prefix(first) else {
        return Err(format!("the text before the first fix changed: {fixed:?}"));
    };
    let (last, middle) = rest.split_last().map_or((&"", &[][..]), |(l, m)| (l, m));
    if !rest.is_empty() {
        let Some(trimmed) = left.strip_suffix(last) else {
            return Err(format!("the text after the last fix changed: {fixed:?}"));
        };
        left = trimmed;
    }
    for gap in middle {
        let Some(i) = left.find(gap) else {
            return Err(format!("{gap:?} between two fixes is gone from {fixed:?}"));
        };
        left = &left[i + gap.len()..];
    }
    Ok(())
}

#[test]
fn fix_changes_only_what_the_first_analysis_fixes_safely() {
    let texts = corpus();
    assert!(texts.len() > 900, "{}", texts.len());
    let config = Config::default();
    let mut fixed_some = 0;
    for (name, text) in &texts {
        let findings = check(text, &config);
        let (fixed, applied) = fix_all(text, &config);
        fixed_some += usize::from(applied > 0);
        assert_eq!(applied == 0, fixed == *text, "{name}");
        if let Err(why) = differs_only_inside(text, &fixed, &safe_ranges(&findings)) {
            panic!("{name}: {why}");
        }
    }
    assert!(fixed_some > 100, "{fixed_some}");
}

/// Pieces of documents: clean prose in both scripts, garbles of every kind, spam lines, and
/// garbles whose repair looks like another garble or like spam (an entity-escaped annotation,
/// a language-switcher name behind mojibake).
const PIECES: &[&str] = &[
    "他們要堅持原則。",
    "我们今天去公园散步。",
    "手機(jī)版",
    "堅&#40;jiān&#41;持",
    "&#40;jī&#41;",
    "ç®€ä½“ä¸­æ–‡",
    "简体中文",
    "繁體中文",
    " | ",
    "Ê®ËÄÎå¹æ»®Ìá³ö",
    "鍙戝竷鏃堕棿",
    "锟斤拷",
    "\u{fffd}",
    "\u{200b}",
    "\u{1b}[0m",
    "&nbsp;",
    "&amp;lt;",
    "打印本页 关闭窗口",
    "关键词：北京,上海,广州,深圳,杭州",
    "相关阅读：",
    "\n",
    "\n\n",
    "。",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// However the pieces combine, `fix` edits only inside the safe fixes of one analysis of
    /// its input: what a repair produces is never judged and edited again in the same pass.
    #[test]
    fn a_fix_pass_never_edits_outside_the_first_analysis(
        picks in proptest::collection::vec(0..PIECES.len(), 0..16)
    ) {
        let text: String = picks.iter().map(|&i| PIECES[i]).collect();
        let config = Config::default();
        let findings = check(&text, &config);
        let (fixed, _) = fix_all(&text, &config);
        if let Err(why) = differs_only_inside(&text, &fixed, &safe_ranges(&findings)) {
            proptest::prop_assert!(false, "{:?}: {}", text, why);
        }
    }
}

#[test]
fn gaps_between_fixes_are_checked() {
    let text = "abcdefgh";
    assert!(differs_only_inside(text, "abXdefgh", &[2..3]).is_ok());
    assert!(differs_only_inside(text, "abXYZgh", &[2..3, 5..6]).is_err());
    assert!(differs_only_inside(text, "ab!cdefgh", &[]).is_err());
    assert!(differs_only_inside(text, "abcdefg", &[0..1]).is_err());
}

#[test]
fn legacy_files_that_do_not_round_trip_are_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (mut bytes, _, _) = encoding_rs::GBK.encode(ANNOTATED);
    // A GB18030 four-byte sequence: decodes (U+0080) but cannot be written back as GBK.
    let mut bytes = bytes.to_mut().clone();
    bytes.extend_from_slice(b"\x81\x30\x81\x30\n");
    let path = dir.path().join("four.txt");
    fs::write(&path, &bytes).unwrap();
    let out = jiaodui(
        dir.path(),
        &["fix", "--encoding", "gbk", "--locale", "en", "four.txt"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("round-trip"), "{}", stderr(&out));
    assert_eq!(fs::read(&path).unwrap(), bytes);
    // Bytes that are not GBK at all are refused when reading.
    let mut invalid = bytes[..bytes.len() - 5].to_vec();
    invalid.extend_from_slice(b"\x81\x20\n");
    fs::write(&path, &invalid).unwrap();
    let out = jiaodui(
        dir.path(),
        &["fix", "--encoding", "gbk", "--locale", "en", "four.txt"],
    );
    assert_eq!(code(&out), 2);
    assert_eq!(fs::read(&path).unwrap(), invalid);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn config_discovery_stops_at_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    // Above the repository: must not apply.
    fs::write(
        dir.path().join("jiaodui.toml"),
        "disable = [\"garble/inline-pinyin\"]\n",
    )
    .unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::create_dir_all(repo.join("docs")).unwrap();
    fs::write(repo.join("docs/a.txt"), ANNOTATED).unwrap();
    assert_eq!(code(&jiaodui(&repo, &["check", "docs/a.txt"])), 1);
    assert_eq!(code(&jiaodui(&repo.join("docs"), &["check", "a.txt"])), 1);
    // Outside any repository the parent's file does apply.
    fs::remove_dir(repo.join(".git")).unwrap();
    assert_eq!(code(&jiaodui(&repo, &["check", "docs/a.txt"])), 0);
}

#[test]
fn oversized_config_and_glossary_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ANNOTATED).unwrap();
    // Config: 256 KB at most, found or named.
    fs::write(dir.path().join("jiaodui.toml"), "#".repeat(256 * 1024 + 1)).unwrap();
    let out = jiaodui(dir.path(), &["check", "--locale", "en", "a.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("limit"), "{}", stderr(&out));
    let out = jiaodui(
        dir.path(),
        &[
            "check",
            "--config",
            "jiaodui.toml",
            "--locale",
            "en",
            "a.txt",
        ],
    );
    assert_eq!(code(&out), 2);
    fs::remove_file(dir.path().join("jiaodui.toml")).unwrap();
    // Glossary: 1 MB at most.
    fs::write(dir.path().join("big.toml"), "#".repeat((1 << 20) + 1)).unwrap();
    let out = jiaodui(dir.path(), &["terms", "--glossary", "big.toml", "a.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("big.toml"), "{}", stderr(&out));
    fs::write(dir.path().join("ok.toml"), "#".repeat(1 << 20)).unwrap();
    let out = jiaodui(dir.path(), &["terms", "--glossary", "ok.toml", "a.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}
