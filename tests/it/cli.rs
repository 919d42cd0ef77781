//! End-to-end tests of the `jiaodui` binary: exit codes, output formats, fixing files in place,
//! encodings, inputs (stdin, directories, JSONL corpora) and config discovery.

use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEED: &str = include_str!("../fixtures/seed.txt");
const ANNOTATED: &str = "他們要堅(jiān)持原則。\n";
const FIXED: &str = "他們要堅持原則。\n";

fn jiaodui(dir: &Path, args: &[&str]) -> Output {
    run_with_stdin(dir, args, None)
}

fn run_with_stdin(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jiaodui");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn exit_codes() {
    let dir = temp();
    write(dir.path(), "clean.txt", "沒有問題的句子。\n");
    write(dir.path(), "bad.txt", ANNOTATED);
    assert_eq!(code(&jiaodui(dir.path(), &["check", "clean.txt"])), 0);
    assert_eq!(code(&jiaodui(dir.path(), &["check", "bad.txt"])), 1);

    // An unreadable input is an error, but the others are still checked.
    let out = jiaodui(
        dir.path(),
        &["check", "--format", "json", "missing.txt", "bad.txt"],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("missing.txt"), "{}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 1);

    let out = jiaodui(
        dir.path(),
        &["check", "--disable", "garble/nope", "bad.txt"],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("garble/nope"));
}

#[test]
fn json_finding_has_exact_positions() {
    let dir = temp();
    let text = "𠮷好\n😀他堅(jiān)持\n";
    write(dir.path(), "a.txt", text);
    let out = jiaodui(dir.path(), &["check", "--format", "json", "a.txt"]);
    assert_eq!(code(&out), 1);
    let findings = json_lines(&out);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    let start = text.find('(').unwrap();
    assert_eq!(start, 18);
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "file",
            "code",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
            "fixes"
        ]
    );
    assert_eq!(f["file"], "a.txt");
    assert_eq!(f["code"], "garble/inline-pinyin");
    assert_eq!(f["severity"], "warning");
    assert!(!f["message"].as_str().unwrap().is_empty());
    // Columns count characters: 😀 他 堅 come before the parenthesis.
    assert_eq!(
        (&f["line"], &f["column"], &f["end_line"], &f["end_column"]),
        (
            &Value::from(2),
            &Value::from(4),
            &Value::from(2),
            &Value::from(10)
        )
    );
    assert_eq!(f["byte_start"], 18);
    assert_eq!(f["byte_end"], 18 + "(jiān)".len());
    let fix = &f["fixes"][0];
    assert_eq!(fix["byte_start"], 18);
    assert_eq!(fix["byte_end"], 25);
    assert_eq!(fix["replacement"], "");
    assert_eq!(fix["safe"], true);
    assert!(fix["title"].is_string());
}

#[test]
fn human_output_underlines_the_span() {
    let dir = temp();
    write(dir.path(), "a.txt", "𠮷他堅(jiān)持\n");
    let out = jiaodui(dir.path(), &["check", "a.txt"]);
    let text = stdout(&out);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("a.txt:1:4 garble/inline-pinyin ")
    );
    assert_eq!(lines.next().unwrap(), "1 | 𠮷他堅(jiān)持");
    // 𠮷 他 堅 are two columns wide each.
    assert_eq!(lines.next().unwrap(), "  |       ^^^^^^");
    assert!(!text.contains('\u{1b}'), "no colour when NO_COLOR is set");
    assert!(stderr(&out).contains('1'), "summary on stderr");

    let quiet = jiaodui(dir.path(), &["--quiet", "check", "a.txt"]);
    assert_eq!(stderr(&quiet), "");
    let coloured = jiaodui(dir.path(), &["check", "--color", "always", "a.txt"]);
    assert!(stdout(&coloured).contains('\u{1b}'));
}

#[test]
fn a_huge_line_is_shown_as_a_window() {
    let dir = temp();
    let text = format!(
        "{}他們要堅(jiān)持原則{}\n",
        "中文".repeat(1 << 20),
        "文字".repeat(1 << 20)
    );
    write(dir.path(), "big.txt", &text);
    let out = jiaodui(dir.path(), &["check", "big.txt"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.len() < 2000, "{} bytes", out.stdout.len());
    assert!(stdout(&out).contains("堅(jiān)持"));
}

fn seed_findings(dir: &Path, file: &str) -> Vec<Value> {
    json_lines(&jiaodui(dir, &["check", "--format", "json", file]))
}

#[test]
fn seed_has_557_inline_pinyin_findings() {
    let dir = temp();
    write(dir.path(), "seed.txt", SEED);
    let findings = seed_findings(dir.path(), "seed.txt");
    let pinyin = findings
        .iter()
        .filter(|f| f["code"] == "garble/inline-pinyin")
        .count();
    assert_eq!(pinyin, 557);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn fix_repairs_the_seed_idempotently_and_keeps_permissions() {
    let dir = temp();
    let path = write(dir.path(), "seed.txt", SEED);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }

    let diff = jiaodui(dir.path(), &["fix", "--diff", "seed.txt"]);
    assert_eq!(
        code(&diff),
        1,
        "--diff exits 1 when there is something to fix"
    );
    assert!(stdout(&diff).starts_with("--- a/seed.txt\n+++ b/seed.txt\n"));
    assert!(stdout(&diff).contains("\n-在重大斗爭中把基層黨組織鍛造得更加堅(jiān)強(qiáng)\n"));
    assert!(stdout(&diff).contains("\n+在重大斗爭中把基層黨組織鍛造得更加堅強\n"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        SEED,
        "--diff writes nothing"
    );

    let out = jiaodui(dir.path(), &["fix", "seed.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let fixed = fs::read_to_string(&path).unwrap();
    assert!(!fixed.contains("(jī)") && !fixed.contains("(qiáng)"));
    assert!(fixed.contains("在重大斗爭中把基層黨組織鍛造得更加堅強"));
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o640);

    // Nothing fixable remains.
    for f in seed_findings(dir.path(), "seed.txt") {
        assert_ne!(f["code"], "garble/inline-pinyin");
        let fixes = f["fixes"].as_array().unwrap();
        assert!(!fixes.iter().any(|x| x["safe"] == true), "{f}");
    }

    // A second run changes nothing.
    let again = jiaodui(dir.path(), &["fix", "seed.txt"]);
    assert_eq!(code(&again), 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    let diff = jiaodui(dir.path(), &["fix", "--diff", "seed.txt"]);
    assert_eq!(code(&diff), 0);
    assert_eq!(stdout(&diff), "");
    // No temporary files are left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn fix_to_stdout_leaves_the_file() {
    let dir = temp();
    let path = write(dir.path(), "a.txt", ANNOTATED);
    let out = jiaodui(dir.path(), &["fix", "--stdout", "a.txt"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), FIXED);
    assert_eq!(fs::read_to_string(&path).unwrap(), ANNOTATED);
}

#[test]
fn utf8_bom_is_preserved() {
    let dir = temp();
    let path = write(dir.path(), "bom.txt", format!("\u{FEFF}{ANNOTATED}"));
    let check = jiaodui(dir.path(), &["check", "--format", "json", "bom.txt"]);
    assert_eq!(json_lines(&check)[0]["column"], 5);
    assert_eq!(code(&jiaodui(dir.path(), &["fix", "bom.txt"])), 0);
    assert_eq!(
        fs::read(&path).unwrap(),
        format!("\u{FEFF}{FIXED}").as_bytes()
    );
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, had_errors) = encoding_rs::GBK.encode(text);
    assert!(!had_errors);
    bytes.into_owned()
}

fn big5(text: &str) -> Vec<u8> {
    let (bytes, _, had_errors) = encoding_rs::BIG5.encode(text);
    assert!(!had_errors);
    bytes.into_owned()
}

#[test]
fn legacy_encodings_are_named_and_left_untouched() {
    let dir = temp();
    let gbk_bytes = gbk(
        "基层党组织是贯彻落实党中央决策部署的最后一公里，我们始终坚持把党的政治建设摆在首位。\n",
    );
    let big5_bytes = big5(
        "基層黨組織是貫徹落實黨中央決策部署的最後一公里，我們始終堅持把黨的政治建設擺在首位。\n",
    );
    let gbk_path = write(dir.path(), "gbk.txt", &gbk_bytes);
    let big5_path = write(dir.path(), "big5.txt", &big5_bytes);
    for (file, name) in [("gbk.txt", "GBK"), ("big5.txt", "Big5")] {
        for command in ["check", "fix"] {
            let out = jiaodui(dir.path(), &[command, "--locale", "en", file]);
            assert_eq!(code(&out), 2, "{command} {file}");
            let err = stderr(&out);
            assert!(err.contains(file) && err.contains(name), "{err}");
            assert!(err.contains(&format!("--encoding {}", name.to_lowercase())));
        }
    }
    assert_eq!(fs::read(&gbk_path).unwrap(), gbk_bytes);
    assert_eq!(fs::read(&big5_path).unwrap(), big5_bytes);

    write(dir.path(), "binary.txt", b"PK\x03\x04\0\0\x01");
    let out = jiaodui(dir.path(), &["check", "--locale", "en", "binary.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("binary"));
}

#[test]
fn explicit_encodings_are_read_and_written_back() {
    let dir = temp();
    let path = write(
        dir.path(),
        "gbk.txt",
        gbk("第一行。\n他們要堅(jiān)持原則。\n"),
    );
    let out = jiaodui(
        dir.path(),
        &["check", "--encoding", "gbk", "--format", "json", "gbk.txt"],
    );
    assert_eq!(code(&out), 1);
    let findings = json_lines(&out);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (&findings[0]["line"], &findings[0]["column"]),
        (&Value::from(2), &Value::from(5))
    );

    let out = jiaodui(dir.path(), &["fix", "--encoding", "gbk", "gbk.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        fs::read(&path).unwrap(),
        gbk("第一行。\n他們要堅持原則。\n")
    );

    let path = write(dir.path(), "big5.txt", big5("他們要堅(jian)持原則。\n"));
    let auto = jiaodui(dir.path(), &["fix", "--encoding", "auto", "big5.txt"]);
    assert_eq!(code(&auto), 0, "{}", stderr(&auto));
    assert_eq!(fs::read(&path).unwrap(), big5("他們要堅持原則。\n"));
}

#[cfg(unix)]
#[test]
fn read_only_files_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let path = write(dir.path(), "ro.txt", ANNOTATED);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let out = jiaodui(dir.path(), &["fix", "--locale", "en", "ro.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&path).unwrap(), ANNOTATED);
    assert_eq!(mode(&path), 0o444);
}

#[cfg(unix)]
#[test]
fn symlinks_are_written_through() {
    let dir = temp();
    let target = write(dir.path(), "real/target.txt", ANNOTATED);
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = jiaodui(dir.path(), &["fix", "link.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), FIXED);
}

#[test]
fn stdin_is_read_with_a_dash_or_when_piped() {
    let dir = temp();
    let out = run_with_stdin(
        dir.path(),
        &["check", "--format", "json", "-"],
        Some(ANNOTATED.as_bytes()),
    );
    assert_eq!(code(&out), 1);
    assert_eq!(json_lines(&out)[0]["file"], "-");

    let out = run_with_stdin(
        dir.path(),
        &["check", "--format", "json", "--stdin-filename", "doc.md"],
        Some(ANNOTATED.as_bytes()),
    );
    assert_eq!(json_lines(&out)[0]["file"], "doc.md");

    let out = run_with_stdin(dir.path(), &["fix", "-"], Some(ANNOTATED.as_bytes()));
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), FIXED);
}

#[test]
fn jsonl_corpus_is_checked_and_fixed_per_record() {
    let dir = temp();
    let corpus = concat!(
        r#"{"id":"a","text":"他們要堅(jiān)持原則。","lang":"zh-TW"}"#,
        "\n",
        r#"{"text":"沒有問題。","n":1.5}"#,
        "\n",
        r#"{"id":7,"text":"一\n堅(jiān)強(qiáng)","tags":["x"]}"#,
        "\n"
    );
    write(dir.path(), "corpus.jsonl", corpus);
    let out = jiaodui(
        dir.path(),
        &[
            "check",
            "--input-format",
            "jsonl",
            "--format",
            "json",
            "corpus.jsonl",
        ],
    );
    assert_eq!(code(&out), 1);
    let findings = json_lines(&out);
    let summary: Vec<(Value, Value, Value, Value)> = findings
        .iter()
        .map(|f| {
            (
                f["record"].clone(),
                f.get("id").cloned().unwrap_or(Value::Null),
                f["line"].clone(),
                f["column"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            // Records are numbered from 1, as lines are.
            (1.into(), "a".into(), 1.into(), 5.into()),
            (3.into(), 7.into(), 2.into(), 2.into()),
            (3.into(), 7.into(), 2.into(), 9.into()),
        ]
    );
    assert_eq!(findings[0]["file"], "corpus.jsonl");

    // As a filter: records in, fixed records out, other fields and their order kept.
    let out = run_with_stdin(
        dir.path(),
        &["fix", "--input-format", "jsonl"],
        Some(corpus.as_bytes()),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        concat!(
            r#"{"id":"a","text":"他們要堅持原則。","lang":"zh-TW"}"#,
            "\n",
            r#"{"text":"沒有問題。","n":1.5}"#,
            "\n",
            r#"{"id":7,"text":"一\n堅強","tags":["x"]}"#,
            "\n"
        )
    );

    // Only the text field changes: other values keep their exact spelling.
    let record = concat!(
        r#"{"id":12345678901234567890123,"f":1.50,"e":"\u00e9","#,
        r#""text":"他們要堅(jiān)持原則。"}"#,
        "\n"
    );
    let out = run_with_stdin(
        dir.path(),
        &["fix", "--input-format", "jsonl", "-"],
        Some(record.as_bytes()),
    );
    assert_eq!(
        stdout(&out),
        record.replace("堅(jiān)持", "堅持"),
        "{}",
        stderr(&out)
    );
    let out = run_with_stdin(
        dir.path(),
        &["check", "--input-format", "jsonl", "--format", "json"],
        Some(record.as_bytes()),
    );
    assert!(stdout(&out).contains(r#""id":12345678901234567890123,"#));

    // A bad record is reported and passed through; the others are still fixed.
    let out = run_with_stdin(
        dir.path(),
        &["fix", "--input-format", "jsonl", "--text-field", "body"],
        Some("{\"body\":\"堅(jiān)持\"}\nnot json\n".as_bytes()),
    );
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "{\"body\":\"堅持\"}\nnot json\n");
    assert!(
        stderr(&out).contains("第 2 条记录不是有效的 JSON"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn directories_are_searched_honouring_gitignore() {
    let dir = temp();
    let root = dir.path();
    write(root, "docs/a.txt", ANNOTATED);
    write(root, "docs/sub/b.md", ANNOTATED);
    write(root, "docs/ignored.txt", ANNOTATED);
    write(root, "docs/.gitignore", "ignored.txt\n");
    write(root, "docs/code.rs", ANNOTATED);
    write(root, "docs/.hidden/c.txt", ANNOTATED);
    let out = jiaodui(root, &["check", "--format", "json", "docs"]);
    assert_eq!(code(&out), 1);
    let files: Vec<String> = json_lines(&out)
        .iter()
        .map(|f| f["file"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(files, ["docs/a.txt", "docs/sub/b.md"]);

    // Files named explicitly are always read; --ext changes what directories yield.
    let out = jiaodui(root, &["check", "--format", "json", "docs/code.rs"]);
    assert_eq!(json_lines(&out).len(), 1);
    let out = jiaodui(root, &["check", "--format", "json", "--ext", "rs", "docs"]);
    assert_eq!(json_lines(&out).len(), 1);

    // With no PATH and no piped stdin, the current directory is searched.
    let out = jiaodui(&root.join("docs"), &["check", "--format", "json"]);
    let files: Vec<Value> = json_lines(&out).iter().map(|f| f["file"].clone()).collect();
    assert_eq!(files, [Value::from("a.txt"), Value::from("sub/b.md")]);

    // `fix` rewrites directories only when asked by name.
    let out = jiaodui(&root.join("docs"), &["fix"]);
    assert_eq!(code(&out), 2);
    let out = jiaodui(root, &["fix", "docs"]);
    assert_eq!(code(&out), 0);
    assert_eq!(
        fs::read_to_string(root.join("docs/sub/b.md")).unwrap(),
        FIXED
    );
    assert_eq!(
        fs::read_to_string(root.join("docs/ignored.txt")).unwrap(),
        ANNOTATED
    );
}

/// Front matter and fenced code in a Markdown file are not prose: `check` reports only the
/// finding in the text (as the editor does) and `fix` leaves the code alone. The same text
/// under another name is plain text.
#[test]
fn markdown_files_skip_front_matter_and_fenced_code() {
    const DOC: &str =
        "---\ntitle: 機(jī)\n---\n# 標題\n\n他們要堅(jiān)持原則。\n\n```\n機(jī)\n```\n";
    let dir = temp();
    write(dir.path(), "a.md", DOC);
    write(dir.path(), "a.txt", DOC);
    let lines = |name: &str| -> Vec<u64> {
        json_lines(&jiaodui(dir.path(), &["check", "--format", "json", name]))
            .iter()
            .map(|f| f["line"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(lines("a.md"), [6]);
    assert_eq!(lines("a.txt"), [2, 6, 9]);
    let piped = run_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "b.markdown",
            "-",
        ],
        Some(DOC.as_bytes()),
    );
    assert_eq!(json_lines(&piped).len(), 1);
    assert_eq!(code(&jiaodui(dir.path(), &["fix", "a.md"])), 0);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        DOC.replace(ANNOTATED, FIXED)
    );
}

#[test]
fn config_is_found_in_a_parent_directory() {
    let dir = temp();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "jiaodui.toml",
        "disable = [\"garble/inline-pinyin\"]\n",
    );
    write(root, "book/ch1/a.txt", ANNOTATED);
    assert_eq!(code(&jiaodui(root, &["check", "book/ch1/a.txt"])), 0);
    assert_eq!(code(&jiaodui(&root.join("book"), &["check", "ch1"])), 0);
    // The command line wins over the file.
    assert_eq!(
        code(&jiaodui(
            root,
            &[
                "check",
                "--enable",
                "garble/inline-pinyin",
                "book/ch1/a.txt"
            ]
        )),
        1
    );
    assert_eq!(
        code(&jiaodui(root, &["check", "--no-config", "book/ch1/a.txt"])),
        1
    );
    // `fix` follows the same config.
    assert_eq!(code(&jiaodui(root, &["fix", "book/ch1/a.txt"])), 0);
    assert_eq!(
        fs::read_to_string(root.join("book/ch1/a.txt")).unwrap(),
        ANNOTATED
    );

    // A nearer config wins; the search stops at the repository root.
    write(root, "book/jiaodui.toml", "locale = \"en\"\n");
    let out = jiaodui(root, &["check", "--format", "json", "book/ch1/a.txt"]);
    assert_eq!(code(&out), 1);
    let zh = jiaodui(
        root,
        &[
            "check",
            "--format",
            "json",
            "--locale",
            "zh",
            "book/ch1/a.txt",
        ],
    );
    assert_ne!(
        json_lines(&out)[0]["message"],
        json_lines(&zh)[0]["message"]
    );

    // A broken config is an error naming the file.
    write(root, "book/jiaodui.toml", "disable = [\"garble/nope\"]\n");
    let out = jiaodui(root, &["check", "book/ch1/a.txt"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("jiaodui.toml"), "{}", stderr(&out));
    assert!(stderr(&out).contains("garble/nope"));

    // --config names the file explicitly.
    write(root, "other.toml", "disable = [\"garble\"]\n");
    let out = jiaodui(root, &["check", "--config", "other.toml", "book/ch1/a.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn outline_of_the_seed() {
    let dir = temp();
    write(dir.path(), "seed.txt", SEED);
    let out = jiaodui(dir.path(), &["outline", "--format", "json", "seed.txt"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let tree: Value = serde_json::from_slice(&out.stdout).unwrap();
    let roots = tree.as_array().unwrap();
    assert_eq!(roots.len(), 1);
    let title = &roots[0];
    let keys: Vec<&str> = title
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "name",
            "detail",
            "kind",
            "level",
            "line",
            "end_line",
            "byte_start",
            "byte_end",
            "children"
        ]
    );
    assert_eq!(title["kind"], "title");
    assert_eq!(title["line"], 7);
    assert_eq!(title["name"], "在重大斗爭中把基層黨組織鍛造得更加堅強");
    let sections = title["children"].as_array().unwrap();
    let heads: Vec<(String, u64)> = sections
        .iter()
        .map(|s| {
            let name = s["name"].as_str().unwrap();
            (name.chars().take(2).collect(), s["line"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        heads,
        [
            ("一、".to_string(), 17),
            ("二、".to_string(), 23),
            ("三、".to_string(), 29),
            ("四、".to_string(), 35),
            ("五、".to_string(), 41)
        ]
    );
    // Sections tile the title's range, and each ends on the line before the next heading.
    for pair in sections.windows(2) {
        assert_eq!(pair[0]["byte_end"], pair[1]["byte_start"]);
        assert!(pair[0]["end_line"].as_u64() < pair[1]["line"].as_u64());
    }
    let last = sections.last().unwrap();
    assert_eq!(last["byte_end"], title["byte_end"]);
    assert!(&SEED[..sections[0]["byte_start"].as_u64().unwrap() as usize].ends_with('\n'));

    let human = run_with_stdin(dir.path(), &["outline"], Some(SEED.as_bytes()));
    assert_eq!(code(&human), 0);
    let lines: Vec<String> = stdout(&human).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0], "在重大斗爭中把基層黨組織鍛造得更加堅強 7");
    assert!(lines[1].starts_with("  一、") && lines[1].ends_with(" 17"));
}

#[test]
fn jsonl_records_stream_through_a_pipe() {
    // The first record's answer arrives while stdin is still open: the command works as a
    // filter. (The channel wait is a guard against hanging, not a speed requirement.)
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(["fix", "--input-format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines() {
            if send.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    writeln!(stdin, r#"{{"text":"他們要堅(jiān)持原則。"}}"#).unwrap();
    stdin.flush().unwrap();
    let first = receive
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("first record answered before input ends");
    assert_eq!(first, r#"{"text":"他們要堅持原則。"}"#);
    writeln!(stdin, r#"{{"text":"二"}}"#).unwrap();
    drop(stdin);
    assert_eq!(receive.recv().unwrap(), r#"{"text":"二"}"#);
    assert!(child.wait().unwrap().success());
}

#[test]
fn summaries_tell_the_truth_after_errors_and_with_stdout() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ANNOTATED);
    // A missing file: the error in Chinese (no OS text in English), and a summary that says
    // one input could not be checked rather than "no problems".
    let out = jiaodui(dir.path(), &["check", "missing.txt"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("错误：missing.txt: 文件或目录不存在"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
    assert!(err.contains("1 个文件因出错未能检查"), "{err}");
    let out = jiaodui(
        dir.path(),
        &["--locale", "en", "check", "missing.txt", "a.txt"],
    );
    let err = stderr(&out);
    assert!(err.contains("error: missing.txt: No such file"), "{err}");
    assert!(
        err.contains("1 finding in 1 file (1 file checked); 1 file could not be checked"),
        "{err}"
    );
    // --stdout changes nothing on disk, and says so.
    let out = jiaodui(dir.path(), &["fix", "--stdout", "a.txt"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), FIXED);
    assert!(
        stderr(&out).contains("磁盘上的文件未改动"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        ANNOTATED
    );
    // A GBK file fix refuses: the summary counts it as not processed.
    write(
        dir.path(),
        "gbk.txt",
        [0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xca, 0xc0, 0xbd, 0xe7],
    );
    let out = jiaodui(dir.path(), &["fix", "gbk.txt"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("1 个文件因出错未处理"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn statistics_count_findings_per_code() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "seed.txt", SEED);
    let all = json_lines(&jiaodui(
        dir.path(),
        &["check", "--format", "json", "seed.txt"],
    ));
    let out = jiaodui(
        dir.path(),
        &["check", "--statistics", "--format", "json", "seed.txt"],
    );
    assert_eq!(code(&out), 1);
    let rows = json_lines(&out);
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, all.len());
    for row in &rows {
        let n = all.iter().filter(|f| f["code"] == row["code"]).count();
        assert_eq!(row["count"].as_u64().unwrap() as usize, n, "{row}");
    }
    // Most frequent first.
    assert!(
        rows.windows(2)
            .all(|w| w[0]["count"].as_u64() >= w[1]["count"].as_u64())
    );
    // Human: one row per code; the stderr summary breaks the total down too.
    let out = jiaodui(dir.path(), &["check", "--statistics", "seed.txt"]);
    assert_eq!(stdout(&out).lines().count(), rows.len());
    assert!(
        stdout(&out)
            .lines()
            .next()
            .unwrap()
            .contains("garble/inline-pinyin")
    );
    assert!(
        stderr(&out).contains("按代码：garble/inline-pinyin"),
        "{}",
        stderr(&out)
    );
    // Not with formats that have no room for it.
    let out = jiaodui(
        dir.path(),
        &["check", "--statistics", "--format", "sarif", "seed.txt"],
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn jsonl_records_are_numbered_from_one_and_named_by_id() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "c.jsonl",
        "{\"id\":\"a1\",\"text\":\"好\"}\n{\"id\":\"b2\",\"text\":\"堅(jiān)持\"}\n{\"text\":\"堅(jiān)\"}\n",
    );
    let out = jiaodui(dir.path(), &["check", "--input-format", "jsonl", "c.jsonl"]);
    let text = stdout(&out);
    assert!(
        text.contains("c.jsonl#2[id=b2]:1:2 garble/inline-pinyin"),
        "{text}"
    );
    assert!(
        text.contains("c.jsonl#3:1:2 garble/inline-pinyin"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("2 条记录中发现 2 处问题（共检查 3 条记录）"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_and_usage_errors_follow_the_locale() {
    let dir = tempfile::tempdir().unwrap();
    let out = jiaodui(dir.path(), &["check", "--help"]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    assert!(help.contains("用法：jiaodui check"), "{help}");
    assert!(
        help.contains("--statistics") && help.contains("只输出每个代码的问题数"),
        "{help}"
    );
    assert!(
        !help.contains("Options:") && !help.contains("Print help"),
        "{help}"
    );
    // Each subcommand describes its own formats.
    let outline = stdout(&jiaodui(dir.path(), &["outline", "--help"]));
    assert!(
        outline.contains("缩进的标题树") && !outline.contains("sarif"),
        "{outline}"
    );
    assert!(
        outline.contains("--encoding") && outline.contains("文件编码"),
        "{outline}"
    );
    let define = stdout(&jiaodui(
        dir.path(),
        &["--locale", "en", "define", "--help"],
    ));
    assert!(define.contains("Usage: jiaodui define"), "{define}");
    assert!(
        define.contains("markdown") && !define.contains("SARIF"),
        "{define}"
    );
    // Usage errors.
    let out = jiaodui(dir.path(), &["check", "--formt", "json"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("错误：无法识别的参数 `--formt`"),
        "{}",
        stderr(&out)
    );
    let out = jiaodui(dir.path(), &["--locale", "en", "check", "--formt", "json"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unexpected argument '--formt'"),
        "{}",
        stderr(&out)
    );
    let out = jiaodui(dir.path(), &["check", "--disable", "garble/nope", "x"]);
    assert!(
        stderr(&out).contains("未知的代码 `garble/nope`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn define_prints_plain_text_on_a_terminal_and_markdown_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let plain = stdout(&jiaodui(dir.path(), &["define", "三会一课"]));
    assert!(
        plain.starts_with("三会一课（三會一課） sān huì yī kè · 组织生活\n"),
        "{plain}"
    );
    assert!(!plain.contains("**") && !plain.contains('*'), "{plain}");
    let coloured = stdout(&jiaodui(
        dir.path(),
        &["--color", "always", "define", "三会一课"],
    ));
    assert!(coloured.contains("\u{1b}[1m三会一课"), "{coloured}");
    let markdown = stdout(&jiaodui(
        dir.path(),
        &["define", "--format", "markdown", "三会一课"],
    ));
    assert!(
        markdown.starts_with("**三会一课**（三會一課） *sān huì yī kè*"),
        "{markdown}"
    );
}

#[test]
fn outline_names_headings_as_written_and_says_when_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "seed.txt", SEED);
    let out = jiaodui(dir.path(), &["outline", "seed.txt"]);
    let tree = stdout(&out);
    assert!(
        tree.contains("  一、加強新時代基層黨組織建設,必須毫不動搖把黨的政治建設擺在首位 17\n"),
        "{tree}"
    );
    write(
        dir.path(),
        "plain.txt",
        "只是一段话，没有标题。\n第二段。\n",
    );
    let out = jiaodui(dir.path(), &["outline", "plain.txt"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("plain.txt: 没有找到标题或章节编号"),
        "{}",
        stderr(&out)
    );
    let out = jiaodui(dir.path(), &["outline", "--format", "json", "plain.txt"]);
    assert_eq!(stdout(&out), "[]\n");
}

#[test]
fn outline_of_markdown_skips_front_matter_and_fences_and_nests_numbered_headings() {
    let dir = temp();
    let text = "+++\ntitle = \"示例\"\n# 不是标题\n+++\n# 工作报告\n\n一、基本情况\n\n（一）组织设置\n\n   ~~~\n# 代码\n一、也不是\n   ~~~\n\n## 附件\n\n1. 名单\n    ```\n## 结语\n";
    write(dir.path(), "a.md", text);
    let out = jiaodui(dir.path(), &["outline", "a.md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "工作报告 5\n  一、基本情况 7\n    （一）组织设置 9\n  附件 16\n  结语 20\n"
    );
    let out = jiaodui(dir.path(), &["outline", "--format", "json", "a.md"]);
    let tree: Value = serde_json::from_slice(&out.stdout).unwrap();
    let title = &tree[0];
    assert_eq!(title["kind"], "title");
    assert_eq!(title["level"], 0);
    // Numbered headings rank below the six Markdown levels; 一、 runs to the line before 附件.
    let section = &title["children"][0];
    assert_eq!(section["level"], 10);
    assert_eq!(section["end_line"], 15);
    assert_eq!(section["children"][0]["level"], 11);
    assert_eq!(title["children"][1]["level"], 2);
}

#[test]
fn terms_json_names_the_file_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "落实三会一课制度。\n");
    let rows = json_lines(&jiaodui(
        dir.path(),
        &["terms", "--format", "json", "a.txt"],
    ));
    assert_eq!(rows[0]["file"], "a.txt");
    assert!(rows[0].get("path").is_none());
}

#[test]
fn config_errors_follow_the_locale() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "jiaodui.toml", "disable = [\"garble/nope\"]\n");
    write(dir.path(), "a.txt", "中文\n");
    let out = jiaodui(dir.path(), &["check", "a.txt"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("配置文件有误：") && err.contains("未知的代码 `garble/nope`"),
        "{err}"
    );
    let out = jiaodui(dir.path(), &["--locale", "en", "check", "a.txt"]);
    assert!(
        stderr(&out).contains("unknown code `garble/nope`"),
        "{}",
        stderr(&out)
    );
    let out = jiaodui(dir.path(), &["check", "--config", "missing.toml", "a.txt"]);
    assert!(
        stderr(&out).contains("missing.toml: 文件或目录不存在"),
        "{}",
        stderr(&out)
    );
}
