//! Tests of the CC-CEDICT lookup (feature `cedict`, on by default).
#![cfg(feature = "cedict")]

use jiaodui::analysis::dictionary::{available, lookup_all, lookup_word};

#[test]
fn bank_in_both_scripts() {
    assert!(available());
    for word in ["银行", "銀行", "銀(yín)行"] {
        let e = lookup_word(word).unwrap_or_else(|| panic!("{word} not found"));
        assert_eq!(e.traditional, "銀行");
        assert_eq!(e.simplified, "银行");
        assert_eq!(e.pinyin, "yínháng");
        assert!(
            e.glosses.iter().any(|g| g.contains("bank")),
            "{:?}",
            e.glosses
        );
    }
}

#[test]
fn common_senses_before_proper_nouns() {
    let all = lookup_all("王");
    assert!(all.len() >= 2, "{all:?}");
    assert_eq!(all[0].pinyin, "wáng");
    assert!(all.iter().any(|e| e.pinyin == "Wáng"));
}

#[test]
fn traditional_only_lookup_and_misses() {
    let e = lookup_word("機關").unwrap();
    assert_eq!(e.simplified, "机关");
    assert_eq!(e.pinyin, "jīguān");
    assert!(lookup_word("三会一课").is_none());
    assert!(lookup_word("").is_none());
    assert!(lookup_word("qwertyuiop").is_none());
}
