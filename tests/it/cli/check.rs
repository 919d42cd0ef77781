//! `jiaodui check`: exit codes, positions and output formats, statistics, config
//! discovery and errors, help and usage errors in either locale.

use super::*;

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
