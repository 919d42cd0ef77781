//! `jiaodui terms` and `jiaodui define` end to end.

use std::io::Write;
use std::process::{Command, Output};

fn jiaodui(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .args(["--color", "never"])
        .output()
        .expect("run jiaodui")
}

#[test]
fn terms_json_lists_seed_terms_with_positions() {
    let out = jiaodui(&[
        "terms",
        "tests/fixtures/seed.txt",
        "--format",
        "json",
        "--no-config",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let seed = std::fs::read_to_string("tests/fixtures/seed.txt").unwrap();
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() > 50);
    let four = records
        .iter()
        .find(|r| r["term"] == "四个意识")
        .expect("四个意识 listed");
    let (s, e) = (
        four["byte_start"].as_u64().unwrap() as usize,
        four["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&seed[s..e], "四個(gè)意識");
    assert_eq!(four["text"], "四個(gè)意識");
    assert_eq!(four["pinyin"], "sì gè yì shí");
    assert_eq!(four["line"], 19);
}

#[test]
fn terms_with_user_glossary() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(
        file,
        "[[term]]\nterm = \"楼道议事会\"\ndefinition = \"居民商议楼道事务的会议。\"\nsource = \"本地\""
    )
    .unwrap();
    let mut doc = tempfile::NamedTempFile::new().unwrap();
    write!(doc, "今天召开樓道議事會。").unwrap();
    let out = jiaodui(&[
        "terms",
        doc.path().to_str().unwrap(),
        "--glossary",
        file.path().to_str().unwrap(),
        "--format",
        "json",
        "--no-config",
    ]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\"term\":\"楼道议事会\""), "{stdout}");
}

#[test]
fn define_glossary_term_and_dictionary_word() {
    let out = jiaodui(&["define", "三會一課", "--no-config"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("三会一课") && text.contains("sān huì yī kè"),
        "{text}"
    );

    let out = jiaodui(&["define", "銀行", "--format", "json", "--no-config"]);
    if cfg!(feature = "cedict") {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(v["source"], "cedict");
        assert_eq!(v["entries"][0]["pinyin"], "yínháng");
    }

    let out = jiaodui(&["define", "不存在的词语甲乙", "--no-config"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.is_empty());
}
