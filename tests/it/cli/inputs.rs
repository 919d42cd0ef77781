//! What the commands read: stdin, directories (honouring .gitignore) and JSONL corpora,
//! record by record and as a streaming filter.

use super::*;

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
