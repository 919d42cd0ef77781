//! Applying fixes to text: non-overlapping edits, applied back to front.
//!
//! Only fixes marked `safe` are applied by [`fix_all`]; a detector marks a fix safe only when
//! it is certain and loses nothing (deleting an annotation whose reading was verified,
//! re-decoding mojibake that round-trips exactly).
//!
//! A fix pass is one analysis of the original text and its safe fixes, applied once. It does
//! not check its own output again: a repair (ç®€ä½“ä¸­æ–‡ → 简体中文) could then be judged
//! anew and edited or deleted (here, as a language-switcher link), so text the pass produced
//! would be rewritten on the strength of a second guess. The output differs from the input
//! only inside the ranges of the first analysis' safe fixes.

use super::{Config, Finding, Fix, Profile, check_with};
use std::ops::Range;

/// Applies `fixes` to `text`. Overlapping fixes after the first are skipped; returns the new
/// text and how many fixes were applied.
pub fn apply_fixes<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| f.range.start <= f.range.end && f.range.end <= text.len())
        .filter(|f| text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end))
        .collect();
    select_in_order(&mut fixes, |f| &f.range);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut applied = 0;
    for fix in fixes {
        out.push_str(&text[copied..fix.range.start]);
        out.push_str(&fix.replacement);
        copied = fix.range.end;
        applied += 1;
    }
    out.push_str(&text[copied..]);
    (out, applied)
}

/// Puts the edits of a fix pass in order and drops each that overlaps an earlier one: sorted
/// by range (stable, so of two edits with one range the first given wins), then the first of
/// overlapping edits wins. `range` gives an edit's byte range. The one rule by which the
/// CLI's `fix` and the server's fix-all choose among overlapping fixes.
pub fn select_in_order<T>(edits: &mut Vec<T>, range: impl Fn(&T) -> &Range<usize>) {
    edits.sort_by_key(|e| {
        let r = range(e);
        (r.start, r.end)
    });
    let mut end = 0;
    edits.retain(|e| {
        let r = range(e);
        let keep = r.start >= end;
        if keep {
            end = r.end;
        }
        keep
    });
}

/// The safe fixes of `findings`.
pub fn safe_fixes(findings: &[Finding]) -> impl Iterator<Item = &Fix> {
    findings
        .iter()
        .flat_map(|f| f.fixes.iter())
        .filter(|f| f.safe)
}

/// Applies the safe fixes of one analysis of `text` (see the module's doc: the output is not
/// checked again). Returns the text and the number of fixes applied.
pub fn fix_all(text: &str, config: &Config) -> (String, usize) {
    fix_all_with(text, Profile::plain(config))
}

/// [`fix_all`] under `profile` (Markdown code fences stay as they are).
pub fn fix_all_with(text: &str, profile: Profile) -> (String, usize) {
    let (_, fixed, applied) = check_and_fix_all_with(text, profile);
    (fixed, applied)
}

/// [`fix_all`], also returning the findings of `text` itself: its first round's check, so a
/// caller that wants both the findings and the fixed text analyses the text once less.
pub fn check_and_fix_all(text: &str, config: &Config) -> (Vec<Finding>, String, usize) {
    check_and_fix_all_with(text, Profile::plain(config))
}

/// [`check_and_fix_all`] under `profile`.
pub fn check_and_fix_all_with(text: &str, profile: Profile) -> (Vec<Finding>, String, usize) {
    let original = check_with(text, profile);
    let (fixed, total) = fix_all_from(text, &original);
    (original, fixed, total)
}

/// [`fix_all`] of `text` given `findings`, its findings (from [`check`](super::check) or
/// [`check_with`]), without checking `text` again.
pub fn fix_all_from(text: &str, findings: &[Finding]) -> (String, usize) {
    apply_fixes(text, safe_fixes(findings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::check;

    fn fix(range: std::ops::Range<usize>, replacement: &str) -> Fix {
        Fix {
            title: String::new(),
            range,
            replacement: replacement.into(),
            safe: true,
        }
    }

    #[test]
    fn selection_keeps_the_first_of_overlapping_edits_and_touching_ones() {
        let mut edits = vec![
            (5..8, "c"),
            (0..2, "a"),
            (1..3, "x"),
            (2..4, "b"),
            (5..8, "d"),
        ];
        select_in_order(&mut edits, |(r, _)| r);
        assert_eq!(edits, vec![(0..2, "a"), (2..4, "b"), (5..8, "c")]);
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let fixes = [fix(4..6, "X"), fix(0..2, ""), fix(5..7, "Y")];
        assert_eq!(apply_fixes("abcdefgh", &fixes), ("cdXgh".to_string(), 2));
    }

    #[test]
    fn ignores_out_of_range_and_split_characters() {
        let fixes = [fix(1..2, ""), fix(3..99, "")];
        assert_eq!(apply_fixes("機", &fixes).0, "機");
    }

    #[test]
    fn fix_all_is_idempotent() {
        let (once, n) = fix_all("手機(jī)版 堅(jiān)強(qiáng)", &Config::default());
        assert_eq!(once, "手機版 堅強");
        assert_eq!(n, 3);
        assert_eq!(fix_all(&once, &Config::default()), (once.clone(), 0));
    }

    #[test]
    fn check_and_fix_all_returns_the_original_findings() {
        let text = "手機(jī)版 堅(jiān)強(qiáng)";
        let (findings, fixed, n) = check_and_fix_all(text, &Config::default());
        assert_eq!(findings, check(text, &Config::default()));
        assert_eq!((fixed, n), fix_all(text, &Config::default()));
    }

    #[test]
    fn a_repair_is_not_judged_again_in_the_same_pass() {
        // The repair of this mojibake names a language; checked again, a line holding only
        // a language name would be taken for a language-switcher link and deleted.
        let config = Config::default();
        let (fixed, n) = fix_all("ç®€ä½“ä¸­æ–‡\n", &config);
        assert_eq!((fixed.as_str(), n), ("简体中文\n", 1));
        // An annotation hidden behind entities comes out as text; it is not deleted in the
        // same pass, whose analysis saw only entities.
        let (fixed, _) = fix_all("堅&#40;jiān&#41;持", &config);
        assert_eq!(fixed, "堅(jiān)持");
    }

    #[test]
    fn fix_all_from_a_check_is_fix_all() {
        let config = Config::default();
        for text in ["手機(jī)版 堅(jiān)強(qiáng)", "没有问题的句子。", ""] {
            let found = check(text, &config);
            assert_eq!(fix_all_from(text, &found), fix_all(text, &config));
        }
    }
}
