//! The other commands: `outline`, `terms` and `define`.

use super::*;
use jiaodui::analysis::outline::{Symbol, outline};

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
    assert_eq!(title["name"], "在重大斗爭中把基層黨組織鍛造得更加堅強");
    // Node for node the library's outline (its lines: `tests/snapshots/seed.txt.outline`):
    // `line` is the heading's line, `end_line` the line of the section's last byte.
    fn line_of(offset: usize) -> u64 {
        SEED[..offset].matches('\n').count() as u64 + 1
    }
    fn same(json: &[Value], symbols: &[Symbol]) {
        assert_eq!(json.len(), symbols.len(), "{json:?}");
        for (j, s) in json.iter().zip(symbols) {
            assert_eq!(j["name"], s.name.as_str());
            assert_eq!(j["level"], s.level);
            assert_eq!(j["byte_start"].as_u64(), Some(s.range.start as u64));
            assert_eq!(j["byte_end"].as_u64(), Some(s.range.end as u64));
            assert_eq!(j["line"].as_u64(), Some(line_of(s.selection_range.start)));
            assert_eq!(j["end_line"].as_u64(), Some(line_of(s.range.end - 1)));
            same(j["children"].as_array().unwrap(), &s.children);
        }
    }
    same(roots, &outline(SEED));
    let sections = title["children"].as_array().unwrap();
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
