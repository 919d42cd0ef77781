//! Applying fixes to text: non-overlapping edits, applied back to front.
//!
//! Only fixes marked `safe` are applied by [`fix_all`]; a detector marks a fix safe only when
//! it is certain and loses nothing (deleting an annotation whose reading was verified,
//! re-decoding mojibake that round-trips exactly).

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

/// Applies every safe fix, repeatedly, until nothing fixable remains (removing one garble can
/// reveal another, e.g. an entity that decodes to an annotation). Returns the text and the
/// number of fixes applied.
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
    let (fixed, total) = fix_all_from_with(text, &original, profile);
    (original, fixed, total)
}

/// [`fix_all`] of `text` given `findings`, its findings under `config` (from
/// [`check`](super::check)): the first round applies their safe fixes without checking `text`
/// again, later rounds check the fixed text as [`fix_all`] does.
pub fn fix_all_from(text: &str, findings: &[Finding], config: &Config) -> (String, usize) {
    fix_all_from_with(text, findings, Profile::plain(config))
}

/// [`fix_all_from`] under `profile` (`findings` from [`check_with`] under the same profile).
pub fn fix_all_from_with(text: &str, findings: &[Finding], profile: Profile) -> (String, usize) {
    const MAX_ROUNDS: usize = 8;
    let mut current = text.to_string();
    let mut total = 0;
    for round in 0..MAX_ROUNDS {
        let later;
        let findings = if round == 0 {
            findings
        } else {
            later = check_with(&current, profile);
            &later
        };
        let (next, applied) = apply_fixes(&current, safe_fixes(findings));
        if applied == 0 {
            break;
        }
        total += applied;
        current = next;
    }
    (current, total)
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
    fn fix_all_from_a_check_is_fix_all() {
        let config = Config::default();
        for text in ["手機(jī)版 堅(jiān)強(qiáng)", "没有问题的句子。", ""] {
            let found = check(text, &config);
            assert_eq!(fix_all_from(text, &found, &config), fix_all(text, &config));
        }
    }
}
