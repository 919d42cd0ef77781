//! Web-spam detectors: page chrome, appended keyword lists, injected brand names.
//! One file per code; `layout` holds what the first two share (head/foot regions, deletions
//! that leave no blank-line debris).

pub mod appended_list;
pub mod boilerplate;
pub mod keyword_injection;
pub mod layout;

/// Texts of the findings of `code` in `text` (test helper).
#[cfg(test)]
pub(crate) fn flagged(text: &str, code: crate::analysis::Code) -> Vec<&str> {
    crate::analysis::check(text, &crate::analysis::Config::default())
        .into_iter()
        .filter(|f| f.code == code)
        .map(|f| &text[f.range])
        .collect()
}

/// `text` with every safe spam fix applied once (test helper).
#[cfg(test)]
pub(crate) fn without_spam(text: &str) -> String {
    let findings = crate::analysis::check(text, &crate::analysis::Config::default());
    let fixes = findings
        .iter()
        .filter(|f| f.code.is_spam())
        .flat_map(|f| f.fixes.iter())
        .filter(|f| f.safe);
    crate::analysis::fix::apply_fixes(text, fixes).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Code, Config, check};

    const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

    // Which lines of the seed and of each fixture are flagged, and the fix of each finding:
    // the snapshots `tests/snapshots/**/<fixture>.check` (`tests/it/snapshots.rs`).

    /// 1-based line numbers of the findings of `code`.
    fn lines_of(text: &str, code: Code) -> Vec<usize> {
        check(text, &Config::default())
            .into_iter()
            .filter(|f| f.code == code)
            .map(|f| text[..f.range.start].matches('\n').count() + 1)
            .collect()
    }

    fn line_starts(text: &str) -> Vec<usize> {
        std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect()
    }

    #[test]
    fn seed_fix_keeps_title_byline_and_body() {
        let starts = line_starts(SEED);
        // Lines 7–10 (title, byline and the blank lines after them) and 15–45 (the body).
        let expected = format!(
            "{}{}",
            &SEED[starts[6]..starts[10]],
            &SEED[starts[14]..starts[45]]
        );
        let fixed = without_spam(SEED);
        assert_eq!(fixed, expected);
        let again: Vec<_> = check(&fixed, &Config::default())
            .into_iter()
            .filter(|f| f.code.is_spam())
            .collect();
        assert!(again.is_empty(), "{again:?}");
    }

    #[test]
    fn simplified_news_page() {
        let text = include_str!("../../../tests/fixtures/spam/chrome_simplified.txt");
        let kept: String = text
            .split_inclusive('\n')
            .enumerate()
            .filter(|(i, _)| [4, 5, 7, 8, 9].contains(&(i + 1)))
            .map(|(_, l)| l)
            .collect();
        assert_eq!(without_spam(text), kept);
    }

    #[test]
    fn traditional_news_page() {
        let text = include_str!("../../../tests/fixtures/spam/chrome_traditional.txt");
        let kept: String = text
            .split_inclusive('\n')
            .enumerate()
            .filter(|(i, _)| [3, 4, 6, 7, 8].contains(&(i + 1)))
            .map(|(_, l)| l)
            .collect();
        assert_eq!(without_spam(text), kept);
    }

    #[test]
    fn labelled_keyword_lists() {
        let text = include_str!("../../../tests/fixtures/spam/list_labelled.txt");
        // Each labelled line is a list of its own.
        assert_eq!(flagged(text, Code::AppendedList).len(), 2);
        let fixed = without_spam(text);
        assert!(fixed.ends_with("做起来。”\n"), "{fixed:?}");
        assert!(!fixed.contains("关键词"));
    }

    /// Line numbers of the page chrome, appended lists and injections of a fixture.
    fn spam_lines(text: &str) -> [Vec<usize>; 3] {
        [
            lines_of(text, Code::Boilerplate),
            lines_of(text, Code::AppendedList),
            lines_of(text, Code::KeywordInjection),
        ]
    }

    #[test]
    fn generated_lists_of_any_separator() {
        let text = include_str!("../../../tests/fixtures/spam/seo_lists.txt");
        // The three lines of any separator are one list.
        assert_eq!(flagged(text, Code::AppendedList).len(), 1);
        let fixed = without_spam(text);
        assert!(fixed.ends_with("确保夏粮丰收。\n"), "{fixed:?}");
    }

    #[test]
    fn prose_that_looks_like_chrome_or_lists() {
        let text = include_str!("../../../tests/fixtures/spam/near_miss_prose.txt");
        assert_eq!(spam_lines(text), [Vec::<usize>::new(), vec![], vec![]]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "\n",
            "\r\n\r\n",
            "|",
            "｜｜｜｜｜",
            "𠮷|𠮷|𠮷|𠮷|𠮷",
            "。夏河县| 芒康县| 科技| 尉犁县| 崇义县",
            "打印\r\n正文很长的一句话，写了又写，还有很多字。\r\n返回顶部\r\n",
            "www..com www.js333.com. ..",
        ] {
            let _ = check(text, &Config::default());
            let _ = without_spam(text);
        }
    }
}
