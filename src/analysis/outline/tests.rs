//! Outlines of whole texts: the seed, official numbering, Markdown, near misses, odd input.

use super::heading::MAX_NAME_CHARS;
use super::*;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

/// (depth, name) of every symbol, depth first.
fn flat(symbols: &[Symbol]) -> Vec<(usize, String)> {
    fn walk(symbols: &[Symbol], depth: usize, out: &mut Vec<(usize, String)>) {
        for s in symbols {
            out.push((depth, s.name.clone()));
            walk(&s.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(symbols, 0, &mut out);
    out
}

/// Every symbol's selection lies in its range, and children tile inside their parent.
fn assert_well_formed(text: &str, symbols: &[Symbol], within: Range<usize>) {
    let mut at = within.start;
    for s in symbols {
        assert!(s.range.start >= at && s.range.end <= within.end, "{s:?}");
        assert!(s.range.start <= s.selection_range.start);
        assert!(s.selection_range.end <= s.range.end);
        assert!(text.is_char_boundary(s.range.start) && text.is_char_boundary(s.range.end));
        at = s.range.end;
        assert_well_formed(text, &s.children, s.range.clone());
    }
}

#[test]
fn seed_outline() {
    let symbols = outline(SEED);
    assert_eq!(symbols.len(), 1);
    let title = &symbols[0];
    assert_eq!(title.kind, SymbolKind::Title);
    assert_eq!(title.name, "在重大斗爭中把基層黨組織鍛造得更加堅強");
    assert_eq!(
        &SEED[title.selection_range.clone()],
        "在重大斗爭中把基層黨組織鍛造得更加堅(jiān)強(qiáng)"
    );
    assert_eq!(title.range, SEED.find("在重大").unwrap()..SEED.len());
    let names: Vec<&str> = title.children.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "一、加強新時代基層黨組織建設,必須毫不動搖把黨的政治建設擺在首位",
            "二、加強新時代基層黨組織建設,必須毫不動搖突出組織體系建設這個重點",
            "三、加強新時代基層黨組織建設,必須毫不動搖把骨干隊伍和人才隊伍建設作為關鍵之舉",
            "四、加強新時代基層黨組織建設,必須毫不動搖推進密切聯系群眾的優良作風在基層落地生…",
            "五、加強新時代基層黨組織建設,必須毫不動搖把制度建設擺在更加重要的位置來抓",
        ]
    );
    let first = &title.children[0];
    assert_eq!(first.level, 4);
    assert_eq!(first.detail, None);
    assert_eq!(
        title.children[3].detail.as_deref(),
        Some("四、加強新時代基層黨組織建設,必須毫不動搖推進密切聯系群眾的優良作風在基層落地生根")
    );
    // Selection: the heading without its two-space indentation or line break.
    let line17 = SEED.find("  一、").unwrap();
    assert_eq!(first.selection_range.start, line17 + 2);
    assert_eq!(
        &SEED[first.selection_range.clone()],
        "一、加強(qiáng)新時(shí)代基層黨組織建設(shè),必須毫不動(dòng)搖把黨的政治建設(shè)擺在首位"
    );
    // Sections tile: each ends where the next heading's line starts; the last at the end.
    assert_eq!(first.range.start, line17);
    for pair in title.children.windows(2) {
        assert_eq!(pair[0].range.end, pair[1].range.start);
        assert!(SEED[pair[1].range.start..].starts_with("  "));
    }
    assert_eq!(title.children[4].range.end, SEED.len());
    assert!(title.children.iter().all(|s| s.children.is_empty()));
    assert_well_formed(SEED, &symbols, 0..SEED.len());
}

#[test]
fn nested_official_numbering() {
    let text = "\
規章制度彙編
第一章 總則
第一節 目的
一、基本原則
（一）堅持黨的領導
1. 加強學習
（1）每週一次
①集中學習
②自學
（2）每月總結
2. 改進作風
（二）依法辦事
二、適用範圍
第二節 定義
第二章 附則
";
    let got = flat(&outline(text));
    let want = [
        (0, "規章制度彙編"),
        (1, "第一章 總則"),
        (2, "第一節 目的"),
        (3, "一、基本原則"),
        (4, "（一）堅持黨的領導"),
        (5, "1. 加強學習"),
        (6, "（1）每週一次"),
        (7, "①集中學習"),
        (7, "②自學"),
        (6, "（2）每月總結"),
        (5, "2. 改進作風"),
        (4, "（二）依法辦事"),
        (3, "二、適用範圍"),
        (2, "第二節 定義"),
        (1, "第二章 附則"),
    ];
    let want: Vec<(usize, String)> = want.iter().map(|(d, n)| (*d, n.to_string())).collect();
    assert_eq!(got, want);
    let symbols = outline(text);
    assert_well_formed(text, &symbols, 0..text.len());
    let chapter = &symbols[0].children[0];
    assert_eq!(chapter.kind, SymbolKind::Chapter);
    assert_eq!(
        chapter.range,
        text.find("第一章").unwrap()..text.find("第二章").unwrap()
    );
    assert_eq!(symbols[0].children[1].kind, SymbolKind::Chapter);
    assert_eq!(chapter.children[0].kind, SymbolKind::Section);
}

#[test]
fn parts_and_skipped_levels() {
    let text = "第一編 總論\n一、直接跳到這一級\n第二编 分论\n第一章 通则\n";
    let got = flat(&outline(text));
    assert_eq!(
        got.iter()
            .map(|(d, n)| (*d, n.as_str()))
            .collect::<Vec<_>>(),
        [
            (0, "第一編 總論"),
            (1, "一、直接跳到這一級"),
            (0, "第二编 分论"),
            (1, "第一章 通则"),
        ]
    );
}

#[test]
fn markdown_with_front_matter_and_code_fences() {
    let text = "---\ntitle: 示例\n# 不是标题\n---\n# 工作报告\n\n1. 这是列表\n\n一、基本情况\n\n## 背景\n\n```\n# 代码里的注释\n## 也不是\n```\n\n~~~~\n# 波浪线围栏\n~~~~\n\n### 细节 ###\n## 结论\n#没有空格不算\n";
    let symbols = outline(text);
    let got = flat(&symbols);
    assert_eq!(
        got.iter()
            .map(|(d, n)| (*d, n.as_str()))
            .collect::<Vec<_>>(),
        [
            (0, "工作报告"),
            (1, "一、基本情况"),
            (1, "背景"),
            (2, "细节"),
            (1, "结论")
        ]
    );
    assert_eq!(symbols[0].kind, SymbolKind::Title);
    assert_eq!(&text[symbols[0].selection_range.clone()], "# 工作报告");
    assert_eq!(symbols[0].children[0].level, 10);
    assert_eq!(symbols[0].children[1].level, 2);
    assert_well_formed(text, &symbols, 0..text.len());
}

#[test]
fn near_misses_are_not_headings() {
    let text = "\
關於做好工作的通知
這是正文，其中提到一、二、三等事項，並不是標題。
1.5 億元用於建設。
2020年1月1日
1. 各單位要高度重視，切實加強組織領導，把各項任務落到實處。要建立健全工作機制，明確責任分工，確保各項措施落地見效。
十二、第十二項
";
    let got = flat(&outline(text));
    assert_eq!(
        got.iter()
            .map(|(d, n)| (*d, n.as_str()))
            .collect::<Vec<_>>(),
        [(0, "關於做好工作的通知"), (1, "十二、第十二項")]
    );
}

#[test]
fn list_paragraph_with_one_long_sentence() {
    let long = "1、".to_string() + &"加強組織建設".repeat(10) + "。";
    assert!(outline(&long).is_empty());
    assert_eq!(
        flat(&outline("1、加強組織建設。")),
        [(0, "1、加強組織建設".to_string())]
    );
}

#[test]
fn crlf_and_full_width_indentation() {
    let text =
        "標題行\r\n\r\n\u{3000}\u{3000}一、第一部分\r\n正文。\r\n\u{3000}\u{3000}二、第二部分\r\n";
    let symbols = outline(text);
    let sections = &symbols[0].children;
    assert_eq!(&text[symbols[0].selection_range.clone()], "標題行");
    assert_eq!(&text[sections[0].selection_range.clone()], "一、第一部分");
    assert_eq!(sections[0].range.end, sections[1].range.start);
    assert!(text[sections[1].range.start..].starts_with('\u{3000}'));
    assert_eq!(sections[1].range.end, text.len());
}

#[test]
fn annotated_and_long_headings() {
    let text = "三、加強(qiáng)組織建設(shè)：重點任務\n";
    let symbols = outline(text);
    // As written, annotations removed; not cut at the colon, so no detail.
    assert_eq!(symbols[0].name, "三、加強組織建設：重點任務");
    assert_eq!(symbols[0].detail, None);
    let long = format!("四、{}", "很長的標題".repeat(12));
    let symbols = outline(&long);
    assert_eq!(symbols[0].name.chars().count(), MAX_NAME_CHARS + 1);
    assert!(symbols[0].name.ends_with('…'));
    assert!(long.starts_with(symbols[0].name.trim_end_matches('…')));
    // The full text stays as the detail.
    assert_eq!(symbols[0].detail.as_deref(), Some(long.as_str()));
}

#[test]
fn a_heading_of_punctuation_keeps_it_as_its_name() {
    // Found by the analysis fuzz target: `# !#` lost its whole name to the full-stop trim.
    let symbols = outline("# !#");
    assert_eq!(symbols[0].name, "!");
    let symbols = outline("# 標題。\n");
    assert_eq!(symbols[0].name, "標題");
}

#[test]
fn no_title_after_body_or_in_chrome() {
    assert!(outline("").is_empty());
    assert!(outline("手機版\n\n1 1 1\n").is_empty());
    let body = "這是一段很長的正文內容，".repeat(8) + "\n短句\n";
    assert!(outline(&body).is_empty());
}

#[test]
fn page_chrome_is_never_the_title() {
    // Lines the chrome detector's line rule knows, though the title's own word list does not.
    let text = "跳到主要內容區塊\n本市推動老舊公寓加裝電梯補助計畫\n\n為提升高齡長者居住品質，市府自今年起擴大補助。\n";
    let symbols = outline(text);
    assert_eq!(symbols[0].kind, SymbolKind::Title);
    assert_eq!(symbols[0].name, "本市推動老舊公寓加裝電梯補助計畫");
    let forum = "查看: 3521|回复: 27\n\n去年把家里的老房子翻新了一遍，踩了不少坑。\n";
    assert!(outline(forum).is_empty());
}

#[test]
fn section_character_counts() {
    let symbols = outline(SEED);
    let first = &symbols[0].children[0];
    let count = section_char_count(SEED, first);
    let section = strip_annotations(&SEED[first.range.clone()]);
    assert_eq!(
        count,
        section.chars().filter(|c| !c.is_whitespace()).count()
    );
    assert!(count > 500 && count < SEED[first.range.clone()].chars().count());
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "（",
        "(1",
        "第",
        "第一",
        "一",
        "1.",
        "#",
        "```",
        "---",
        "𠮷、\r",
        "①",
        "\u{0}二、",
    ] {
        let _ = outline(text);
    }
}

#[test]
fn serializes_to_json() {
    let json = serde_json::to_string(&outline("一、總則\n")).unwrap();
    assert!(json.contains("\"kind\":\"heading\""), "{json}");
    assert!(json.contains("\"selection_range\":{\"start\":0"), "{json}");
}

/// Owned (depth, name) pairs, to compare with [`flat`].
fn pairs(want: &[(usize, &str)]) -> Vec<(usize, String)> {
    want.iter().map(|(d, n)| (*d, n.to_string())).collect()
}

#[test]
fn toml_front_matter_is_not_outlined() {
    let text = "+++\ntitle = \"示例\"\n# 不是标题\n一、也不是\n+++\n# 工作报告\n\n## 背景\n";
    assert_eq!(flat(&outline(text)), pairs(&[(0, "工作报告"), (1, "背景")]));
    // YAML front matter may end in `...`; TOML front matter only in `+++`.
    let text = "---\ntitle: 示例\n...\n# 工作报告\n";
    assert_eq!(flat(&outline(text)), pairs(&[(0, "工作报告")]));
    let text = "+++\na = 1\n...\n# 在前言裡\n+++\n# 工作报告\n";
    assert_eq!(flat(&outline(text)), pairs(&[(0, "工作报告")]));
    // A BOM may come first; an indented delimiter, or one after the first line, opens nothing.
    let text = "\u{feff}+++\n# 不是标题\n+++\n# 工作报告\n";
    assert_eq!(flat(&outline(text)), pairs(&[(0, "工作报告")]));
    let text = " +++\n# 甲\n+++\n# 乙\n";
    assert_eq!(flat(&outline(text)), pairs(&[(0, "甲"), (1, "乙")]));
}

#[test]
fn numbered_headings_nest_under_markdown_headings() {
    let text = "\
# 关于做好年度工作的通知

各单位：

## 总体要求

一、指导思想

（一）坚持稳中求进

1. 加强学习

1. 各单位要高度重视，确保各项措施落实到位。

2. 改进作风

（1）每周一次

（二）依法办事

二、工作安排

### 第一章 附则

## 附件

1. 参会人员名单
2. 会议日程

1.联系方式
";
    let symbols = outline(text);
    assert_eq!(
        flat(&symbols),
        pairs(&[
            (0, "关于做好年度工作的通知"),
            (1, "总体要求"),
            (2, "一、指导思想"),
            (3, "（一）坚持稳中求进"),
            (4, "1. 加强学习"),
            (4, "2. 改进作风"),
            (5, "（1）每周一次"),
            (3, "（二）依法办事"),
            (2, "二、工作安排"),
            (2, "第一章 附则"),
            (1, "附件"),
            (2, "1.联系方式"),
        ])
    );
    assert_well_formed(text, &symbols, 0..text.len());
    // Numbered headings rank below the six Markdown levels, keeping their own order.
    let section = &symbols[0].children[0].children[0];
    assert_eq!(section.kind, SymbolKind::Heading);
    assert_eq!(section.level, 6 + LEVEL_CN_NUMBER);
    assert_eq!(section.range.start, text.find("一、").unwrap());
    assert_eq!(section.range.end, text.find("二、").unwrap());
    // A Markdown heading closes the numbered sections before it.
    assert_eq!(
        symbols[0].children[0].children[1].range.end,
        text.find("### ").unwrap()
    );
    let chapter = &symbols[0].children[0].children[2];
    assert_eq!(chapter.kind, SymbolKind::Heading);
    assert_eq!(chapter.level, 3);
}

#[test]
fn a_chapter_line_under_a_deep_markdown_heading_stays_inside_it() {
    let text = "# 标题\n###### 很深\n第一章 总则\n一、原则\n## 下一节\n";
    assert_eq!(
        flat(&outline(text)),
        pairs(&[
            (0, "标题"),
            (1, "很深"),
            (2, "第一章 总则"),
            (3, "一、原则"),
            (1, "下一节"),
        ])
    );
}

#[test]
fn fenced_code_holds_no_headings() {
    for fence in ["```", "~~~", " ```", "  ~~~~", "   ```rust"] {
        let close = fence.trim_start().trim_end_matches("rust");
        let text = format!("{fence}\n# not a heading\n一、不是標題\n第一章 總則\n{close}\n");
        assert!(outline(&text).is_empty(), "{text:?}");
        // Around a real heading, both ways of outlining skip the block.
        let text = format!("一、甲\n{fence}\n一、不是\n{close}\n二、乙\n");
        assert_eq!(
            flat(&outline(&text)),
            pairs(&[(0, "一、甲"), (0, "二、乙")]),
            "{text:?}"
        );
        let text = format!("# 甲\n{fence}\n# 不是\n{close}\n## 乙\n");
        assert_eq!(
            flat(&outline(&text)),
            pairs(&[(0, "甲"), (1, "乙")]),
            "{text:?}"
        );
    }
    // An unclosed fence runs to the end.
    assert_eq!(flat(&outline("# 甲\n```\n# 不是\n")), pairs(&[(0, "甲")]));
    // Closed only by the same character, at least as long, with nothing after it.
    let text = "# 甲\n````\n```\n~~~~\n```` 不算\n# 不是\n````\n## 乙\n";
    assert_eq!(flat(&outline(text)), pairs(&[(0, "甲"), (1, "乙")]));
}

#[test]
fn near_fences_do_not_hide_headings() {
    // Four spaces of indent: an indented code line, not a fence.
    let text = "# 甲\n    ```\n## 乙\n    ```\n## 丙\n";
    assert_eq!(
        flat(&outline(text)),
        pairs(&[(0, "甲"), (1, "乙"), (1, "丙")])
    );
    // Two backticks, inline code, and a backtick fence whose info string has a backtick.
    let text = "一、甲\n``\n`代碼`\n``` a`b\n二、乙\n";
    assert_eq!(flat(&outline(text)), pairs(&[(0, "一、甲"), (0, "二、乙")]));
}
