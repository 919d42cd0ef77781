//! The fix applier on arbitrary text: `check`, then `apply_fixes` / `fix_all`.
//!
//! - every fix is a valid span, so `apply_fixes` never has to drop one for its range;
//! - one round of safe fixes changes only the fixed ranges: text before the first and after
//!   the last applied fix is kept;
//! - each fix applied alone gives exactly `text[..start] + replacement + text[end..]`, and
//!   checking the result does not panic;
//! - a safe fix changes the text (a no-op "fix" would be counted as a repair);
//! - `fix_all` is exactly that one round (it never checks and edits its own output), and
//!   its output can be checked.
//!
//! Input: text bytes (valid UTF-8 as is, anything else decoded lossily), then optionally
//! 0xFF and control bytes: the first picks the config (default or English).

#![no_main]

mod common;

use common::{assert_findings, split, text_of};
use jiaodui::analysis::fix::{apply_fixes, fix_all, safe_fixes};
use jiaodui::analysis::{Config, Fix, Locale, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text_bytes, control) = split(data);
    let text = text_of(text_bytes);
    let text: &str = &text;
    let flags = control.first().copied().unwrap_or(0);
    let config = Config {
        locale: if flags & 1 == 0 { Locale::Zh } else { Locale::En },
        ..Config::default()
    };

    let findings = check(text, &config);
    assert_findings(text, &findings);

    // One round of safe fixes.
    let safe: Vec<&Fix> = safe_fixes(&findings).collect();
    for fix in &safe {
        assert_ne!(
            &text[fix.range.clone()],
            fix.replacement,
            "a safe fix that changes nothing: {fix:?}"
        );
    }
    let (once, applied) = apply_fixes(text, safe.iter().copied());
    assert_eq!(applied == 0, safe.is_empty(), "the first safe fix always applies");
    if let (Some(first), Some(last)) = (
        safe.iter().map(|f| f.range.start).min(),
        safe.iter().map(|f| f.range.end).max(),
    ) {
        assert!(once.starts_with(&text[..first]), "text before the fixes changed");
        assert!(once.ends_with(&text[last..]), "text after the fixes changed");
    }

    // Each fix on its own (safe or not) edits exactly its range; the result can be checked.
    if flags & 2 != 0 {
        for fix in findings.iter().flat_map(|f| &f.fixes).take(4) {
            let (alone, n) = apply_fixes(text, [fix]);
            assert_eq!(n, 1);
            let expected = format!(
                "{}{}{}",
                &text[..fix.range.start],
                fix.replacement,
                &text[fix.range.end..]
            );
            assert_eq!(alone, expected);
            assert_findings(&alone, &check(&alone, &config));
        }
    }

    // Fix-all is that one round: it does not check its own output again.
    let (fixed, total) = fix_all(text, &config);
    assert_eq!((fixed.as_str(), total), (once.as_str(), applied));
    assert_findings(&fixed, &check(&fixed, &config));
});
