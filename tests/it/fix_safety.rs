//! Fix safety and limits beyond `cli.rs`: `fix` then `check` leaves nothing fixable on every
//! corpus we have; legacy-encoded files are written back only when they round-trip; config
//! discovery stops at the repository root; oversized config and glossary files are refused.

use jiaodui::analysis::fix::{fix_all, safe_fixes};
use jiaodui::analysis::{Config, check};
use serde_json::Value;
use std::fs;
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

#[test]
fn fix_then_check_leaves_nothing_fixable() {
    let texts = corpus();
    assert!(texts.len() > 900, "{}", texts.len());
    let config = Config::default();
    let mut fixed_some = 0;
    for (name, text) in &texts {
        let (fixed, applied) = fix_all(text, &config);
        fixed_some += usize::from(applied > 0);
        let findings = check(&fixed, &config);
        let left: Vec<_> = safe_fixes(&findings).collect();
        assert!(left.is_empty(), "{name}: still fixable after fix: {left:?}");
        // Fixing again changes nothing.
        assert_eq!(fix_all(&fixed, &config), (fixed.clone(), 0), "{name}");
    }
    assert!(fixed_some > 100, "{fixed_some}");
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
