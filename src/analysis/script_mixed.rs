//! `script/mixed`: Simplified-script slips in a Traditional document — 县 for 縣, and the
//! character-level conversion slips 最后 (最後), 干部 (幹部), 斗爭 (鬥爭), 哪里 (哪裡) that a
//! naive Simplified→Traditional converter leaves behind because 后, 干, 斗, 里 are also
//! valid Traditional characters in other words.
//!
//! How: each clause is seen in Simplified (character by character, same length) and
//! converted back with OpenCC's phrase-aware s2t tables (hanconv's trie, greedy longest match,
//! exactly as OpenCC does). A character is a slip when the text has a Simplified form there
//! and OpenCC's Traditional differs. Mere variant preferences stay quiet: a character that is
//! the Taiwan or Hong Kong standard form of OpenCC's choice (峰/峯, 台/臺, 群/羣) or one of the
//! forms Traditional writers commonly use side by side ([`ACCEPTED_IN_TRADITIONAL`]) is not
//! reported. Clauses written mostly in Simplified (a quotation, an appended keyword list) are
//! skipped: they are not slips, and `spam/appended-list` reports tails.
//!
//! Only runs when the document as a whole is Traditional. Fixes are not safe: converting
//! script changes body text, so they are offered one at a time in the editor only.

use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix};
use crate::analysis::script::{
    Script, ScriptCounts, is_simplified_only, is_traditional_only, simplified_char,
};
use crate::analysis::segment;
use hanconv::{Converters, Trie};
use std::ops::Range;
use std::sync::LazyLock;

/// Simplified forms that Traditional texts commonly use where OpenCC picks another character:
/// both forms are accepted in Taiwan or Hong Kong, or the character is frequent in names.
const ACCEPTED_IN_TRADITIONAL: &[char] = &[
    '了', '台', '着', '布', '托', '周', '回', '借', '才', '游', '岳', '凶', '致', '杰', '沈', '扎',
    '采', '咸', '奸', '蒙', '朴', '余', '于', '卷', '表', '征', '冲', '梁',
];

static S2T: LazyLock<&'static Trie<&'static str>> =
    LazyLock::new(|| Converters::S2T.dictionaries()[0]);

/// Code points covered by [`CONVERTIBLE`]: the BMP and the CJK extension planes.
const TABLE_SIZE: usize = 0x3_0000;

/// Bit set of characters that OpenCC's s2t may turn into another character (keys of
/// STCharacters with some other value): the only places a slip can be.
static CONVERTIBLE: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; TABLE_SIZE / 64];
    for (key, values) in hanconv::RawDictionary::STCharacters.var_iter() {
        let mut chars = key.chars();
        let (Some(k), None) = (chars.next(), chars.next()) else {
            continue;
        };
        if (k as usize) < TABLE_SIZE && values.iter().any(|v| *v != key) {
            bits[k as usize / 64] |= 1 << (k as usize % 64);
        }
    }
    bits
});

fn convertible(c: char) -> bool {
    let i = c as usize;
    i < TABLE_SIZE && CONVERTIBLE[i / 64] & (1 << (i % 64)) != 0
}

/// Bit set of characters that can be a slip at all: Simplified forms with some Traditional
/// form in OpenCC's table that is neither accepted nor a regional standard. The scan only
/// converts around these.
static TRIGGERS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; TABLE_SIZE / 64];
    for (key, values) in hanconv::RawDictionary::STCharacters.var_iter() {
        let mut chars = key.chars();
        let (Some(k), None) = (chars.next(), chars.next()) else {
            continue;
        };
        let slip_target = values.iter().filter_map(|v| {
            let mut vs = v.chars();
            match (vs.next(), vs.next()) {
                (Some(t), None) if t != k => Some(t),
                _ => None,
            }
        });
        if (k as usize) < TABLE_SIZE && slip_target.into_iter().any(|t| is_slip(k, t)) {
            bits[k as usize / 64] |= 1 << (k as usize % 64);
        }
    }
    bits
});

fn is_trigger(c: char) -> bool {
    let i = c as usize;
    i >= 0x3000 && i < TABLE_SIZE && TRIGGERS[i / 64] & (1 << (i % 64)) != 0
}

/// Phrases that decide a trigger's conversion start at most this many characters before it
/// (longer OpenCC phrases are idioms whose slips shorter phrases also catch).
const CONTEXT_CHARS: usize = 6;

/// Forces the conversion tables to load.
pub fn warm_up() {
    LazyLock::force(&S2T);
    LazyLock::force(&CONVERTIBLE);
    LazyLock::force(&TRIGGERS);
}

/// See [`mostly_simplified`].
const SIMPLIFIED_MIN: usize = 2;

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    if doc.summary.script() != Script::Traditional {
        return;
    }
    let view = doc.normalized();
    let text = view.text.as_str();
    let mut scratch = Scratch::default();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_range = line_start..line_start + line.len();
        line_start = line_range.end;
        if line.chars().any(is_trigger) && !mostly_simplified(line) {
            check_line(doc, text, line_range, &mut scratch, out);
        }
    }
}

/// Text with at least [`SIMPLIFIED_MIN`] Simplified-only characters and more of them than
/// Traditional-only ones is Simplified text quoted or appended, not a slip.
fn mostly_simplified(text: &str) -> bool {
    let counts = ScriptCounts::of(text);
    counts.simplified_only >= SIMPLIFIED_MIN && counts.simplified_only > counts.traditional_only
}

fn check_line(
    doc: &Document,
    text: &str,
    line: Range<usize>,
    scratch: &mut Scratch,
    out: &mut Vec<Finding>,
) {
    let mut start = line.start;
    for (i, c) in text[line.clone()].char_indices() {
        if is_clause_break(c) {
            let at = line.start + i;
            if at > start {
                check_clause(doc, text, start..at, scratch, out);
            }
            start = at + c.len_utf8();
        }
    }
    if line.end > start {
        check_clause(doc, text, start..line.end, scratch, out);
    }
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '。'
            | '！'
            | '？'
            | '；'
            | '，'
            | '、'
            | '：'
            | ','
            | ';'
            | '!'
            | '?'
            | ':'
            | '“'
            | '”'
            | '「'
            | '」'
            | '『'
            | '』'
            | '|'
            | '｜'
    )
}

/// Buffers reused across clauses so the scan allocates nothing per character.
#[derive(Default)]
struct Scratch {
    /// (byte offset in the view text, character) of the clause.
    chars: Vec<(usize, char)>,
    simplified: Vec<char>,
    /// Indices (into `chars`) of characters that can be slips.
    triggers: Vec<usize>,
}

/// One slip: a character position in the clause and the Traditional form it should have.
struct Slip {
    index: usize,
    traditional: char,
}

fn check_clause(
    doc: &Document,
    text: &str,
    clause: Range<usize>,
    scratch: &mut Scratch,
    out: &mut Vec<Finding>,
) {
    let slice = &text[clause.clone()];
    // Cheap exit: a clause with no character that can be a slip.
    if !slice.chars().any(is_trigger) {
        return;
    }
    if mostly_simplified(slice) {
        return;
    }
    scratch.chars.clear();
    scratch.simplified.clear();
    scratch.triggers.clear();
    for (i, c) in slice.char_indices() {
        if is_trigger(c) {
            scratch.triggers.push(scratch.chars.len());
        }
        scratch.chars.push((clause.start + i, c));
        scratch.simplified.push(simplified_char(c));
    }

    // Greedy longest match over the Simplified copy, as OpenCC converts. Each match is a
    // word (or a single character); slips inside one match, or in adjacent matches, form
    // one finding.
    let trie = *S2T;
    let n = scratch.chars.len();
    let mut i = 0;
    let mut group: Option<(Range<usize>, Vec<Slip>)> = None;
    let mut words: Option<Vec<Range<usize>>> = None;
    let mut next_trigger = 0;
    while i < n {
        // Skip stretches far from any trigger: nothing there can be a slip.
        while scratch.triggers.get(next_trigger).is_some_and(|&t| t < i) {
            next_trigger += 1;
        }
        let Some(&trigger) = scratch.triggers.get(next_trigger) else {
            break;
        };
        if trigger >= i + CONTEXT_CHARS {
            if let Some((range, slips)) = group.take() {
                emit(doc, text, &scratch.chars, range, &slips, out);
            }
            i = trigger + 1 - CONTEXT_CHARS;
        }
        let matched = trie.r#match(scratch.simplified[i..].iter().copied());
        let (mut len, mut slips) = match matched {
            Some((converted, len)) => (len, slips_in(&scratch.chars[i..i + len], converted, i)),
            None => (1, Vec::new()),
        };
        if slips.is_empty()
            && let Some(k) =
                overlapping_word(trie, scratch, i, len, clause.start, slice, &mut words)
        {
            // A word starting inside this match wants a conversion: 重大斗争 is matched
            // as 大斗 (a measure) + 争, but the words are 重大 + 斗争.
            len = k - i;
            slips.clear();
        }
        if slips.is_empty() {
            if let Some((range, slips)) = group.take() {
                emit(doc, text, &scratch.chars, range, &slips, out);
            }
        } else {
            match &mut group {
                Some((range, pending)) => {
                    range.end = i + len;
                    pending.extend(slips);
                }
                None => group = Some((i..i + len, slips)),
            }
        }
        i += len;
    }
    if let Some((range, slips)) = group.take() {
        emit(doc, text, &scratch.chars, range, &slips, out);
    }
}

/// A character OpenCC's s2t could change while it is a Simplified form.
fn could_be_slip(c: char) -> bool {
    (c as u32) >= 0x3000 && convertible(c) && simplified_char(c) == c && !is_traditional_only(c)
}

/// Greedy matching can hide a word: 重大斗争 is matched as 重+大斗+争. If a phrase starting
/// inside the match `i..i + len` would reveal a slip, and the segmenter does not split that
/// phrase (皇后面前 is 皇后 + 面前, so 后面 is not read there), returns that position (an index in the clause). The segmenter runs only
/// on such rare conflicts, on this one clause, and only once.
fn overlapping_word(
    trie: &Trie<&'static str>,
    scratch: &Scratch,
    i: usize,
    len: usize,
    clause_start: usize,
    clause: &str,
    words: &mut Option<Vec<Range<usize>>>,
) -> Option<usize> {
    for k in i + 1..i + len {
        if !is_trigger(scratch.chars[k].1) {
            continue;
        }
        let Some((converted, alt_len)) = trie.r#match(scratch.simplified[k..].iter().copied())
        else {
            continue;
        };
        if alt_len < 2 || slips_in(&scratch.chars[k..k + alt_len], converted, k).is_empty() {
            continue;
        }
        let words = words.get_or_insert_with(|| segment::words(clause));
        let start = scratch.chars[k].0 - clause_start;
        let end = scratch.chars[k + alt_len - 1].0 - clause_start;
        if !words.iter().any(|w| w.start > start && w.start <= end) {
            return Some(k);
        }
    }
    None
}

/// Slips where `source` (a matched word) differs from OpenCC's Traditional `converted`.
fn slips_in(source: &[(usize, char)], converted: &str, first_index: usize) -> Vec<Slip> {
    let mut slips = Vec::new();
    // OpenCC's tables map characters one to one; a match of another length gives no
    // position-by-position correspondence, so it is left alone.
    if converted.chars().count() != source.len() {
        return slips;
    }
    for (k, (&(_, c), t)) in source.iter().zip(converted.chars()).enumerate() {
        if c != t && is_slip(c, t) {
            slips.push(Slip {
                index: first_index + k,
                traditional: preferred_form(t),
            });
        }
    }
    slips
}

/// Whether the text's `c` where OpenCC writes `t` is a Simplified slip rather than a
/// variant preference.
fn is_slip(c: char, t: char) -> bool {
    if !could_be_slip(c) || is_regional_form(c, t) {
        return false;
    }
    is_simplified_only(c) || !ACCEPTED_IN_TRADITIONAL.contains(&c)
}

/// `c` is the Taiwan or Hong Kong standard form of OpenCC's `t` (峰 for 峯, 台 for 臺).
fn is_regional_form(c: char, t: char) -> bool {
    let mut buf = [0u8; 4];
    let t = &*t.encode_utf8(&mut buf);
    [hanconv::t2tw(t), hanconv::t2hk(t)]
        .iter()
        .any(|form| form.chars().next() == Some(c))
}

/// The form to suggest: the Taiwan standard one (為, 裡), which most Traditional text on the
/// web uses, rather than OpenCC's older 爲, 裏.
fn preferred_form(t: char) -> char {
    let mut buf = [0u8; 4];
    let tw = hanconv::t2tw(&*t.encode_utf8(&mut buf));
    let mut chars = tw.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c,
        _ => t,
    }
}

/// OpenCC's phrases can be long (先锋模范作用); report only the words that hold slips
/// (模范), as the segmenter sees them inside the phrase.
fn shrink_to_words(
    text: &str,
    chars: &[(usize, char)],
    word: Range<usize>,
    slips: &[Slip],
) -> Range<usize> {
    if word.len() <= 2 {
        return word;
    }
    let base = chars[word.start].0;
    let last = &chars[word.end - 1];
    let phrase = &text[base..last.0 + last.1.len_utf8()];
    let (Some(first_slip), Some(last_slip)) = (slips.first(), slips.last()) else {
        return word;
    };
    let (slip_start, slip_end) = (chars[first_slip.index].0, chars[last_slip.index].0);
    let mut start = word.end;
    let mut end = word.start;
    let mut index = word.start;
    for w in segment::words(phrase) {
        let (from, to) = (base + w.start, base + w.end);
        let first = index;
        while index < word.end && chars[index].0 < to {
            index += 1;
        }
        if to > slip_start && from <= slip_end {
            start = start.min(first);
            end = end.max(index);
        }
    }
    if start < end { start..end } else { word }
}

fn emit(
    doc: &Document,
    text: &str,
    chars: &[(usize, char)],
    word: Range<usize>,
    slips: &[Slip],
    out: &mut Vec<Finding>,
) {
    let view = doc.normalized();
    let byte_end = |i: usize| chars[i].0 + chars[i].1.len_utf8();
    let word = shrink_to_words(text, chars, word, slips);
    let view_range = chars[word.start].0..byte_end(word.end - 1);
    let source_range = view.text_to_source(view_range.clone());
    let Some(source) = doc.text.get(source_range.clone()) else {
        return;
    };
    // Rebuild the replacement from the source so that anything inside the word that the view
    // hides (an annotation) is kept.
    let mut replacement = String::with_capacity(source.len());
    let mut copied = source_range.start;
    for slip in slips {
        let at = view.text_to_source(chars[slip.index].0..byte_end(slip.index));
        if at.start < copied || at.end > source_range.end {
            return;
        }
        replacement.push_str(&doc.text[copied..at.start]);
        replacement.push(slip.traditional);
        copied = at.end;
    }
    replacement.push_str(&doc.text[copied..source_range.end]);

    let shown = &text[view_range];
    let mut fixed = String::with_capacity(shown.len());
    for (i, &(_, c)) in chars.iter().enumerate().take(word.end).skip(word.start) {
        match slips.iter().find(|s| s.index == i) {
            Some(s) => fixed.push(s.traditional),
            None => fixed.push(c),
        }
    }
    let message = doc.locale.pick(
        format!("「{shown}」应为「{fixed}」（简体字混入繁体文本）"),
        format!("“{shown}” should be “{fixed}” (Simplified characters in Traditional text)"),
    );
    let title = doc
        .locale
        .pick(format!("改为「{fixed}」"), format!("Change to “{fixed}”"));
    out.push(
        Finding::new(Code::ScriptMixed, source_range.clone(), message).with_fix(Fix {
            title,
            range: source_range,
            replacement,
            safe: false,
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, DocSummary, check_local};

    const SEED: &str = include_str!("../../tests/fixtures/seed.txt");

    fn findings(text: &str) -> Vec<Finding> {
        let config = Config::default();
        check_local(text, &DocSummary::of(text), &config)
            .into_iter()
            .filter(|f| f.code == Code::ScriptMixed)
            .collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        findings(text)
            .iter()
            .map(|f| &text[f.range.clone()])
            .collect()
    }

    /// A Traditional paragraph that makes any test text a Traditional document.
    const TRADITIONAL: &str = "這個國家的經濟發展與時俱進，黨員幹部們認真學習。\n\n";

    fn in_traditional(body: &str) -> String {
        format!("{TRADITIONAL}{body}")
    }

    #[test]
    fn seed_reports_the_conversion_slips() {
        let found = spans(SEED);
        for slip in ["最后", "干部", "斗爭", "哪里", "戰(zhàn)斗", "先后", "骨干"] {
            assert!(found.contains(&slip), "{slip} missing from {found:?}");
        }
        let title_end = SEED.find("中把基層").unwrap();
        let title_slip = findings(SEED)
            .into_iter()
            .find(|f| f.range.end == title_end)
            .unwrap();
        assert_eq!(&SEED[title_slip.range.clone()], "斗爭");
        assert_eq!(
            title_slip.message,
            "「斗爭」应为「鬥爭」（简体字混入繁体文本）"
        );
        assert_eq!(title_slip.fixes[0].replacement, "鬥爭");
        let last = findings(SEED)
            .into_iter()
            .find(|f| &SEED[f.range.clone()] == "最后")
            .unwrap();
        assert_eq!(last.message, "「最后」应为「最後」（简体字混入繁体文本）");
        assert_eq!(last.severity, crate::analysis::Severity::Hint);
    }

    #[test]
    fn seed_findings_are_simplified_forms_with_unsafe_fixes() {
        for f in findings(SEED) {
            let span = &SEED[f.range.clone()];
            assert!(span.chars().any(could_be_slip), "{span}");
            assert_eq!(f.fixes.len(), 1);
            assert!(!f.fixes[0].safe, "script fixes change body text");
            assert_eq!(span.chars().count(), f.fixes[0].replacement.chars().count());
        }
    }

    #[test]
    fn seed_spam_tail_is_not_reported() {
        let tail = SEED.find("夏河县").unwrap();
        assert!(findings(SEED).iter().all(|f| f.range.end <= tail));
    }

    #[test]
    fn simplified_and_unknown_documents_stay_quiet() {
        assert!(findings("最后，干部们在重大斗争中发挥作用，县里的工作。").is_empty());
        assert!(findings("最后干部").is_empty());
    }

    #[test]
    fn simplified_only_characters() {
        let text = in_traditional("他們來自台南县。");
        assert_eq!(spans(&text), ["台南县"]);
        let f = &findings(&text)[0];
        assert_eq!(f.fixes[0].replacement, "台南縣");
    }

    #[test]
    fn greedy_matching_does_not_hide_or_invent_words() {
        assert_eq!(spans(&in_traditional("在重大斗爭中前進。")), ["斗爭"]);
        // 皇后 + 面前, not 后面.
        assert!(spans(&in_traditional("他跪在皇后面前。")).is_empty());
    }

    #[test]
    fn variant_preferences_are_not_slips() {
        let text =
            in_traditional("台灣的山峰很高，人群聚集着，心裡想著線條。為了衛生，大家說話溫和。\n");
        assert!(spans(&text).is_empty(), "{:?}", spans(&text));
    }

    #[test]
    fn correct_traditional_words_with_shared_characters_stay_quiet() {
        let text = in_traditional(
            "我很了解情況。皇后與王后在宮裡。若干年後，他們干預此事，乾杯慶祝。北斗七星在夜空。\n",
        );
        assert!(spans(&text).is_empty(), "{:?}", spans(&text));
    }

    #[test]
    fn simplified_quotation_lines_are_skipped() {
        let text = in_traditional("他引用道：“这个问题很重要，我们要认真对待。”\n");
        assert!(spans(&text).is_empty(), "{:?}", spans(&text));
        let tail = in_traditional("夏河县| 芒康县| 科技| 尉犁县| 崇义县|");
        assert!(spans(&tail).is_empty());
    }

    #[test]
    fn adjacent_slips_form_one_finding_and_keep_annotations() {
        let text = in_traditional("加強聯(lián)系，服務群眾。");
        let found = findings(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "聯(lián)系");
        assert_eq!(found[0].fixes[0].replacement, "聯(lián)繫");
        assert_eq!(
            found[0].message,
            "「聯系」应为「聯繫」（简体字混入繁体文本）"
        );
        let text = in_traditional("這里的干部。");
        assert_eq!(spans(&text), ["這里", "干部"]);
    }

    #[test]
    fn english_messages_and_odd_input() {
        let text = in_traditional("最后\r\n𠮷干部\u{0}😀");
        let config = Config {
            locale: crate::analysis::Locale::En,
            ..Config::default()
        };
        let found = check_local(&text, &DocSummary::of(&text), &config);
        let slip = found.iter().find(|f| f.code == Code::ScriptMixed).unwrap();
        assert!(slip.message.starts_with("“最后” should be “最後”"));
    }
}
