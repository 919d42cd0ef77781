//! Tests of the built-in glossary data and of term matching.

use std::collections::{HashMap, HashSet};

use jiaodui::analysis::glossary::{
    Entry, Glossary, GlossaryError, MAX_USER_GLOSSARY_BYTES, lookup_key, parse_entries,
};
use jiaodui::analysis::script::{is_han, traditional_differs};
use pinyin::ToPinyinMulti;

const SEED: &str = include_str!("../fixtures/seed.txt");

/// Terms of the seed article that the glossary must know (as written in the issue).
const SEED_TERMS: &[&str] = &[
    "三會一課",
    "四個意識",
    "四個自信",
    "兩個維護",
    "不忘初心、牢記使命",
    "講看齊、見行動",
    "一課一片一實踐",
    "組織生活會",
    "一抓雙促",
    "三抓一增強",
    "雙創兩提升",
    "六大載體",
    "四議兩公開",
    "民主集中制",
    "最後一公里",
    "包鄉走村入戶",
    "走基層、轉作風、解難題",
    "黨支部工作條例",
    "戰鬥堡壘",
    "主題教育",
    "脫貧攻堅",
    "鄉村振興戰略",
    "黨群服務中心",
    "習近平新時代中國特色社會主義思想",
    "基層黨組織",
    "黨的政治建設",
    "組織體系",
    "駐村工作隊",
    "臨時黨組織",
    "先鋒模範作用",
    "群眾路線",
];

fn builtin() -> &'static Glossary {
    Glossary::shared()
}

fn has_tone_mark(s: &str) -> bool {
    s.chars()
        .any(|c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".contains(c))
}

fn is_reading(c: char, syllable: &str) -> bool {
    let Some(readings) = c.to_pinyin_multi() else {
        return false;
    };
    readings.into_iter().any(|p| {
        p.with_tone() == syllable
        // Neutral tone (轻声) is written without a mark: accept the plain form of a reading.
        || (!has_tone_mark(syllable) && p.plain() == syllable)
    })
}

#[test]
fn builtin_has_at_least_300_entries() {
    assert!(builtin().len() >= 300, "only {} entries", builtin().len());
}

#[test]
fn every_entry_is_complete() {
    for e in builtin().entries() {
        assert!(!e.definition.trim().is_empty(), "{}: no definition", e.term);
        assert!(!e.source.trim().is_empty(), "{}: no source", e.term);
        assert!(!e.category.trim().is_empty(), "{}: no category", e.term);
        assert!(!e.pinyin.trim().is_empty(), "{}: no pinyin", e.term);
        assert_eq!(
            lookup_key(&e.term),
            e.term,
            "{}: term must be Simplified",
            e.term
        );
    }
}

#[test]
fn pinyin_is_a_reading_of_each_character() {
    let mut bad = Vec::new();
    for e in builtin().entries() {
        let han: Vec<char> = e.term.chars().filter(|&c| is_han(c)).collect();
        let syllables: Vec<&str> = e.pinyin.split(' ').collect();
        if han.len() != syllables.len() {
            bad.push(format!(
                "{}: {} chars, {} syllables",
                e.term,
                han.len(),
                syllables.len()
            ));
            continue;
        }
        for (c, s) in han.iter().zip(&syllables) {
            if !is_reading(*c, s) {
                bad.push(format!("{}: {s} is not a reading of {c}", e.term));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn traditional_variant_agrees_with_opencc() {
    let mut bad = Vec::new();
    for e in builtin().entries() {
        let trad = hanconv::s2t(&e.term);
        if trad != e.term && !e.variants.contains(&trad) {
            bad.push(format!("{}: missing Traditional form {trad}", e.term));
        }
        for v in &e.variants {
            // A variant is either the Traditional form or an alternative wording.
            if *v != trad && lookup_key(v) == e.term {
                bad.push(format!("{}: variant {v} differs from s2t {trad}", e.term));
            }
        }
        if trad != e.term {
            assert_eq!(e.traditional(), trad);
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn no_duplicate_terms_or_variants() {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut bad = Vec::new();
    for e in builtin().entries() {
        let keys: HashSet<String> = e.forms().map(lookup_key).collect();
        for k in keys {
            if let Some(other) = seen.insert(k.clone(), &e.term) {
                bad.push(format!("{k}: in {other} and {}", e.term));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn related_terms_are_not_empty_strings() {
    for e in builtin().entries() {
        for r in &e.related {
            assert!(!r.trim().is_empty(), "{}: empty related term", e.term);
            assert_ne!(lookup_key(r), e.term, "{}: related to itself", e.term);
        }
    }
}

#[test]
fn seed_terms_are_found_in_the_seed() {
    let g = builtin();
    let found: HashSet<usize> = g.find_terms(SEED).iter().map(|m| m.entry_index).collect();
    for term in SEED_TERMS {
        let i = g
            .lookup_index(term)
            .unwrap_or_else(|| panic!("{term} not in glossary"));
        assert!(found.contains(&i), "{term} not found in the seed");
    }
}

#[test]
fn seed_matches_map_back_to_source() {
    let g = builtin();
    let matches = g.find_terms(SEED);
    assert!(matches.len() > 50, "only {} matches", matches.len());
    for m in &matches {
        let slice = &SEED[m.byte_range.clone()];
        assert_eq!(
            g.lookup_index(slice),
            Some(m.entry_index),
            "source slice {slice:?} does not look up to its entry"
        );
        assert!(!slice.ends_with(')'), "{slice:?} ends in an annotation");
    }
    // 四個(gè)意識 is written with an annotation in the seed.
    let i = g.lookup_index("四个意识").unwrap();
    let m = matches.iter().find(|m| m.entry_index == i).unwrap();
    assert_eq!(&SEED[m.byte_range.clone()], "四個(gè)意識");
}

/// The Traditional form with every character that differs from its Simplified form followed
/// by its reading in parentheses, as in the seed: 三會(huì)一課.
fn annotated(entry: &Entry) -> String {
    let trad = hanconv::s2t(&entry.term);
    let mut syllables = entry.pinyin.split(' ');
    let mut out = String::new();
    for c in trad.chars() {
        out.push(c);
        if is_han(c) {
            let s = syllables.next().unwrap();
            if traditional_differs(c) {
                out.push_str(&format!("({s})"));
            }
        }
    }
    out
}

#[test]
fn every_seed_term_matches_in_each_script_and_annotated() {
    let g = builtin();
    let found: HashSet<usize> = g.find_terms(SEED).iter().map(|m| m.entry_index).collect();
    assert!(found.len() >= SEED_TERMS.len());
    for &i in &found {
        let e = g.entry(i).unwrap();
        let trad = hanconv::s2t(&e.term);
        let ann = annotated(e);
        for form in [e.term.as_str(), trad.as_str(), ann.as_str()] {
            let text = format!("我们要落实“{form}”。");
            let ms = g.find_terms(&text);
            assert_eq!(ms.len(), 1, "{form}: {ms:?}");
            assert_eq!(ms[0].entry_index, i, "{form}");
            let got = &text[ms[0].byte_range.clone()];
            // The range runs from the first character to the end of the last one (a trailing
            // annotation is not part of the term).
            let expected = form
                .strip_suffix(')')
                .map_or(form, |f| &f[..f.rfind('(').unwrap()]);
            assert_eq!(got, expected);
        }
    }
}

#[test]
fn fragments_of_longer_words_are_not_matched() {
    let g = builtin();
    let i = g.lookup_index("组织力").unwrap();
    let text = "提升组织力。凝聚组织力量。";
    let ms = g.find_terms(text);
    let hits: Vec<&str> = ms
        .iter()
        .filter(|m| m.entry_index == i)
        .map(|m| &text[m.byte_range.clone()])
        .collect();
    assert_eq!(hits, ["组织力"]);
    assert_eq!(ms.iter().filter(|m| m.entry_index == i).count(), 1);
    assert_eq!(ms[0].byte_range, 6..15);
}

#[test]
fn lookup_in_either_script() {
    let g = builtin();
    let a = g.lookup("三会一课").unwrap();
    assert_eq!(g.lookup("三會一課"), Some(a));
    assert_eq!(g.lookup("三會(huì)一課(kè)"), Some(a));
    assert_eq!(g.lookup("“三会一课”"), Some(a));
    assert_eq!(
        g.lookup("不忘初心，牢記使命").map(|e| e.term.as_str()),
        Some("不忘初心、牢记使命")
    );
    assert!(g.lookup("银行").is_none());
}

#[test]
fn markdown_shows_both_scripts_pinyin_and_source() {
    let md = builtin().lookup("三會一課").unwrap().to_markdown();
    for part in [
        "三会一课",
        "三會一課",
        "sān huì yī kè",
        "组织生活",
        "支部工作条例",
        "组织生活会",
    ] {
        assert!(md.contains(part), "{part} missing from {md}");
    }
}

#[test]
fn user_entries_override_builtins_and_add_terms() {
    let user = r#"
[[term]]
term = "三会一课"
variants = ["三會一課"]
pinyin = "sān huì yī kè"
category = "本单位"
definition = "本单位的自定义解释。"
source = "本单位制度"

[[term]]
term = "楼道议事会"
definition = "居民在楼道内商议公共事务的自治形式。"
source = "本地文件"
"#;
    let base = builtin().len();
    let g = Glossary::with_user_toml(user).unwrap();
    assert_eq!(g.len(), base + 1);
    assert_eq!(
        g.lookup("三會一課").unwrap().definition,
        "本单位的自定义解释。"
    );
    let text = "落实三會一課，推广樓道議事會。";
    let terms: Vec<&str> = g
        .find_terms(text)
        .iter()
        .map(|m| g.entry(m.entry_index).unwrap().term.as_str())
        .collect();
    assert_eq!(terms, ["三会一课", "楼道议事会"]);
    // The built-in glossary is unchanged.
    assert_ne!(builtin().lookup("三会一课").unwrap().category, "本单位");
}

#[test]
fn user_glossary_errors_are_clear() {
    let big = "#".repeat(MAX_USER_GLOSSARY_BYTES + 1);
    let err = parse_entries(&big).unwrap_err();
    assert!(matches!(err, GlossaryError::TooLarge { .. }));
    assert!(err.to_string().contains("larger than the limit"));
    assert!(matches!(
        parse_entries("[[term]]\nterm = 1\n"),
        Err(GlossaryError::Parse(_))
    ));
    assert!(matches!(
        parse_entries("[[term]]\nterm = \"\"\n"),
        Err(GlossaryError::Invalid(_))
    ));
    assert!(matches!(
        parse_entries("[[term]]\nterm = \"x\"\ncolour = \"red\"\n"),
        Err(GlossaryError::Parse(_))
    ));
}
