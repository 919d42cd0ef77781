//! Acceptance test on the real scraped page the project started from
//! (tests/fixtures/seed.txt): every phenomenon in it is found, exactly, and `fix` keeps the body.
//! Every finding and the outline, line by line: `tests/snapshots/seed.txt.check` and `.outline`.

use jiaodui::analysis::{Code, Config, check, fix::fix_all, outline::outline};

const SEED: &str = include_str!("../fixtures/seed.txt");

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte].matches('\n').count() + 1
}

fn lines_with(code: Code) -> Vec<usize> {
    let mut lines: Vec<usize> = check(SEED, &Config::default())
        .iter()
        .filter(|f| f.code == code)
        .map(|f| line_of(SEED, f.range.start))
        .collect();
    lines.dedup();
    lines
}

#[test]
fn finds_all_557_annotations_and_nothing_else_in_that_family() {
    let findings = check(SEED, &Config::default());
    let annotations: Vec<_> = findings
        .iter()
        .filter(|f| f.code == Code::InlinePinyin)
        .collect();
    assert_eq!(annotations.len(), 557);
    for f in &annotations {
        let span = &SEED[f.range.clone()];
        assert!(span.starts_with('(') && span.ends_with(')'), "{span}");
    }
    let other_garble: Vec<_> = findings
        .iter()
        .filter(|f| f.code.family() == "garble" && f.code != Code::InlinePinyin)
        .map(|f| (f.code, &SEED[f.range.clone()]))
        .collect();
    assert!(other_garble.is_empty(), "{other_garble:?}");
}

/// Which lines are chrome, and every other finding: `tests/snapshots/seed.txt.check`.
#[test]
fn the_appended_tail_is_the_last_line_and_no_brand_is_injected() {
    let tail: Vec<_> = check(SEED, &Config::default())
        .into_iter()
        .filter(|f| f.code == Code::AppendedList)
        .collect();
    assert_eq!(tail.len(), 1);
    let last_line_start = SEED.rfind('\n').unwrap() + 1;
    assert_eq!(tail[0].range, last_line_start..SEED.len());
    assert!(lines_with(Code::KeywordInjection).is_empty());
}

#[test]
fn outline_is_the_title_and_five_sections() {
    let symbols = outline(SEED);
    assert_eq!(symbols.len(), 1);
    assert_eq!(symbols[0].name, "在重大斗爭中把基層黨組織鍛造得更加堅強");
    let sections: Vec<&str> = symbols[0]
        .children
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(sections.len(), 5);
    for (name, numeral) in sections
        .iter()
        .zip(["一、", "二、", "三、", "四、", "五、"])
    {
        assert!(name.starts_with(numeral), "{name}");
    }
}

#[test]
fn fix_removes_annotations_chrome_and_tail_keeps_the_body_and_is_idempotent() {
    let config = Config::default();
    let (fixed, applied) = fix_all(SEED, &config);
    assert!(applied >= 557 - 3, "{applied}");
    assert!(!fixed.contains("(jī)"));
    assert!(!fixed.contains("夏河县"));
    assert!(!fixed.contains("手機版") && !fixed.contains("收聽本文"));
    // Title, byline and every body paragraph survive, annotation-free, in order.
    let view = jiaodui::analysis::normalize::strip_annotations(SEED);
    let lines: Vec<&str> = view.lines().collect();
    let body = [&lines[6..7], &lines[8..9], &lines[14..45]].concat();
    for line in body.into_iter().filter(|l| !l.trim().is_empty()) {
        assert!(fixed.contains(line), "lost: {line}");
    }
    assert!(fixed.starts_with("在重大斗爭中把基層黨組織鍛造得更加堅強\n\n中共安徽省委組織部\n"));
    let after = check(&fixed, &config);
    assert!(
        after.iter().all(|f| f.fixes.iter().all(|x| !x.safe)),
        "fixable findings remain"
    );
    assert_eq!(fix_all(&fixed, &config), (fixed.clone(), 0));
}
