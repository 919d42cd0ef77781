//! `garble/inline-pinyin`: a Traditional character followed by its reading in parentheses,
//! 機(jī), left behind when a page's ruby annotations were flattened into text.
//!
//! Fires only when the character differs between the scripts (what such pages annotate), the
//! parenthetical touches it, and the syllable is a real reading of that character (checked
//! with the `pinyin` crate; tone marks, tone numbers with 5 for the neutral tone, or none;
//! ASCII or full-width parentheses). So 國 (guó), f(x), (一), 機（ji）meaning something else
//! and 機關(事業)單位 stay quiet, while annotations inside such parentheses are still found.
//!
//! Simplified pages get the same treatment on their Simplified characters (发(fā)布 → 發):
//! such annotations count where the page (the whole document) has a few of them and their
//! line annotates no character that is the same in both scripts. A learner's text annotates every character
//! (我(wǒ)们(men)的(de)), so its lines stay quiet.

use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix};
use crate::analysis::garble::codepage::is_common_han;
use crate::analysis::script::simplified_char;
use crate::analysis::script::{is_han, simplified_differs, traditional_differs};
use pinyin::{ToPinyin, ToPinyinMulti};
use std::ops::Range;

/// One annotation: the annotated character and the parenthetical to delete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub character: Range<usize>,
    pub parenthetical: Range<usize>,
}

/// The longest syllable is "zhuang" plus a tone digit; allow a little slack.
const MAX_SYLLABLE_CHARS: usize = 8;

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    let text = doc.text;
    for a in doc.annotations() {
        let han = &text[a.character.clone()];
        let paren = &text[a.parenthetical.clone()];
        let message = doc.locale.pick(
            format!("内联拼音注音：「{han}{paren}」应为「{han}」"),
            format!("inline pinyin annotation: “{han}{paren}” should read “{han}”"),
        );
        let title = doc.locale.pick(
            format!("删除注音 {paren}"),
            format!("Remove annotation {paren}"),
        );
        out.push(
            Finding::new(Code::InlinePinyin, a.parenthetical.clone(), message).with_fix(Fix {
                title,
                range: a.parenthetical.clone(),
                replacement: String::new(),
                safe: true,
            }),
        );
    }
}

/// A Simplified page's annotations count only when it has at least this many.
const MIN_SIMPLIFIED_ANNOTATIONS: usize = 2;

/// Finds every annotation in `text`, in order, judging a Simplified page by `text` alone.
pub fn find_annotations(text: &str) -> Vec<Annotation> {
    find_annotations_on_page(text, count_simplified(text))
}

/// Annotations on Simplified characters in `text`, before the page-wide gate. Additive over
/// pieces cut at line starts, so a document's count is the sum of its paragraphs'.
pub fn count_simplified(text: &str) -> usize {
    scan(text).simplified.iter().filter(|&&s| s).count()
}

/// Whether a page with `count` Simplified annotations (see [`count_simplified`]) has enough
/// for them to count.
pub fn simplified_annotations_count(count: usize) -> bool {
    count >= MIN_SIMPLIFIED_ANNOTATIONS
}

/// Finds every annotation in `text`, in order, where `text` is part of a page that has
/// `page_simplified` annotations on Simplified characters (see [`count_simplified`]): what a
/// line gives never depends on the other lines of its paragraph, so the language server may
/// cut a document anywhere between lines.
pub fn find_annotations_on_page(text: &str, page_simplified: usize) -> Vec<Annotation> {
    let Scan {
        mut found,
        simplified,
        neutral_lines,
    } = scan(text);
    let enough = simplified_annotations_count(page_simplified);
    let mut flags = simplified.into_iter();
    found.retain(|a| {
        !flags.next().unwrap_or(false)
            || (enough
                && neutral_lines
                    .binary_search(&line_start(text, a.character.start))
                    .is_err())
    });
    drop_lessons(text, &mut found);
    found
}

/// Candidate annotations of a text, before any gate.
struct Scan {
    found: Vec<Annotation>,
    /// Whether each found annotation is on a Simplified character.
    simplified: Vec<bool>,
    /// Line starts of annotations on characters the same in both scripts (learner text).
    neutral_lines: Vec<usize>,
}

fn scan(text: &str) -> Scan {
    let mut found = Vec::new();
    let mut simplified: Vec<bool> = Vec::new();
    let mut neutral_lines: Vec<usize> = Vec::new();
    let bytes = text.as_bytes();
    let mut search_from = 0;
    while let Some(rel) = memchr::memchr2(b'(', 0xEF, &bytes[search_from..]) {
        let open = search_from + rel;
        search_from = open + 1;
        let open_len = if bytes[open] == b'(' {
            1
        } else if text[open..].starts_with('（') {
            '（'.len_utf8()
        } else {
            continue;
        };
        let Some(han) = text[..open].chars().next_back() else {
            continue;
        };
        if !is_han(han) {
            continue;
        }
        let traditional = traditional_differs(han);
        let inner_start = open + open_len;
        let Some((syllable, close_end)) = parse_syllable(&text[inner_start..]) else {
            continue;
        };
        if !is_reading_of(han, syllable) {
            continue;
        }
        let end = inner_start + close_end;
        if !traditional && !simplified_differs(han) {
            neutral_lines.push(line_start(text, open));
            search_from = end;
            continue;
        }
        found.push(Annotation {
            character: open - han.len_utf8()..open,
            parenthetical: open..end,
        });
        simplified.push(!traditional);
        search_from = end;
    }
    Scan {
        found,
        simplified,
        neutral_lines,
    }
}

fn line_start(text: &str, at: usize) -> usize {
    memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |n| n + 1)
}

/// Drops the annotations of lines that teach readings: a teaching word and only a few
/// annotations (給下列詞語注音：長(cháng)江、長(zhǎng)大). Flattened ruby annotates a line
/// densely even when it mentions 讀音 in passing.
fn drop_lessons(text: &str, found: &mut Vec<Annotation>) {
    let mut keep = vec![true; found.len()];
    let mut i = 0;
    while i < found.len() {
        let at = found[i].character.start;
        let bytes = text.as_bytes();
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |n| at + n);
        let mut j = i;
        while j < found.len() && found[j].character.start < line_end {
            j += 1;
        }
        // Dense lines (the common case) are ruby whatever they say; only sparse ones are read.
        if j - i <= MAX_LESSON_ANNOTATIONS {
            let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
            let line = &text[line_start..line_end];
            // A line annotating one or two characters, each rare or read in a way other than
            // its usual one, points out what a reader would stumble on (决眦（zì）入归鸟,
            // 说（yuè）：通“悦”); flattened ruby annotates ordinary characters too.
            let chosen =
                j - i <= MAX_CHOSEN_ANNOTATIONS && found[i..j].iter().all(|a| is_chosen(text, a));
            if chosen || TEACHING_WORDS.iter().any(|w| line.contains(w)) {
                keep[i..j].iter_mut().for_each(|k| *k = false);
            }
        }
        i = j;
    }
    let mut keep = keep.into_iter();
    found.retain(|_| keep.next().unwrap_or(true));
}

/// A lesson line annotates at most this many characters.
const MAX_LESSON_ANNOTATIONS: usize = 4;

/// A line of teaching text annotates at most this many chosen characters.
const MAX_CHOSEN_ANNOTATIONS: usize = 2;

/// The annotated character is rare, or the reading is not its usual one (the first the
/// `pinyin` crate gives): what a textbook annotates for its readers.
fn is_chosen(text: &str, a: &Annotation) -> bool {
    let Some(han) = text[a.character.clone()].chars().next() else {
        return false;
    };
    if !is_common_han(han) && !is_common_han(simplified_char(han)) {
        return true;
    }
    let paren = &text[a.parenthetical.clone()];
    let syllable = paren
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）'])
        .replace('v', "ü");
    let Some(usual) = han.to_pinyin() else {
        return false;
    };
    let toneless = !syllable.chars().any(|c| c.is_ascii_digit())
        && syllable.chars().all(|c| c.is_ascii_lowercase() || c == 'ü');
    let matches_usual = usual.with_tone() == syllable
        || usual.with_tone_num_end() == syllable
        || (toneless && usual.plain() == syllable)
        || syllable
            .strip_suffix(['5', '0'])
            .is_some_and(|n| usual.plain() == n);
    !matches_usual
}

/// Words of a line that teaches readings (給下列詞語注音：長(cháng)江, 「行」讀作 háng): its
/// parentheticals are the lesson, not flattened ruby.
const TEACHING_WORDS: &[&str] = &[
    "注音",
    "读音",
    "讀音",
    "读作",
    "讀作",
    "念作",
    "唸作",
    "读成",
    "讀成",
    "多音字",
    "破音字",
    "拼音",
    "发音",
    "發音",
    "声调",
    "聲調",
];

/// Reads `syllable)` at the start of `rest`; returns the syllable and the offset after the
/// closing parenthesis.
fn parse_syllable(rest: &str) -> Option<(&str, usize)> {
    for (count, (i, c)) in rest.char_indices().enumerate() {
        if c == ')' || c == '）' {
            return (count > 0).then(|| (&rest[..i], i + c.len_utf8()));
        }
        if count >= MAX_SYLLABLE_CHARS || !is_pinyin_letter(c) {
            return None;
        }
    }
    None
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || matches!(c, '0'..='5') || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Whether `syllable` (tone marks, tone number or toneless; `v` for `ü`) is a reading of `han`.
fn is_reading_of(han: char, syllable: &str) -> bool {
    let Some(readings) = han.to_pinyin_multi() else {
        return false;
    };
    let with_u = syllable.replace('v', "ü");
    // Tone 5 (or 0) marks the neutral tone: 過(guo5) in 用過.
    let neutral = syllable
        .strip_suffix(['5', '0'])
        .map(|s| s.replace('v', "ü"));
    readings.into_iter().any(|p| {
        if neutral.as_deref().is_some_and(|n| p.plain() == n) {
            return true;
        }
        let toned = p.with_tone();
        toned == syllable
            || toned == with_u
            || p.with_tone_num_end() == syllable
            || p.with_tone_num_end() == with_u
            || p.plain() == syllable
            || p.plain() == with_u
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parentheticals(text: &str) -> Vec<&str> {
        find_annotations(text)
            .into_iter()
            .map(|a| &text[a.parenthetical])
            .collect()
    }

    #[test]
    fn finds_annotations_with_exact_spans() {
        let text = "手機(jī)版，堅(jiān)強(qiáng)";
        let found = find_annotations(text);
        assert_eq!(found.len(), 3);
        assert_eq!(&text[found[0].character.clone()], "機");
        assert_eq!(found[0].parenthetical, 6..11);
        assert_eq!(parentheticals(text), ["(jī)", "(jiān)", "(qiáng)"]);
    }

    #[test]
    fn accepts_full_width_parentheses_tone_numbers_and_heteronyms() {
        assert_eq!(parentheticals("機（jī）"), ["（jī）"]);
        assert_eq!(parentheticals("機(ji1)"), ["(ji1)"]);
        assert_eq!(parentheticals("會(huì)會(kuài)"), ["(huì)", "(kuài)"]);
        assert_eq!(parentheticals("綠(lǜ)綠(lv4)"), ["(lǜ)", "(lv4)"]);
    }

    #[test]
    fn neutral_tone_numbers() {
        assert_eq!(parentheticals("來過(guo5)了嗎(ma0)"), ["(guo5)", "(ma0)"]);
        assert!(parentheticals("過(guo6)").is_empty());
    }

    #[test]
    fn simplified_pages_annotating_simplified_characters() {
        let text = "请选(xuǎn)择一个选项，然后点击确认(rèn)按钮。";
        assert_eq!(parentheticals(text), ["(xuǎn)", "(rèn)"]);
        let text = "软(ruan3)件包的依赖关(guan1)系\n下一行没有注音";
        assert_eq!(parentheticals(text), ["(ruan3)", "(guan1)"]);
        assert_eq!(
            parentheticals("输（shū）入密码后按回车键（jian）。"),
            ["（shū）", "（jian）"]
        );
    }

    #[test]
    fn learner_text_and_lone_simplified_glosses_stay_quiet() {
        for text in [
            // Every character annotated, neutral ones too: a reader for learners.
            "我(wǒ)们(men)的(de)学(xué)校(xiào)很(hěn)大(dà)。",
            "这(zhè)是(shì)一(yī)本(běn)书(shū)。",
            // One Simplified character with a reading-like gloss on the whole page.
            "按下回车(che)即可。",
            // Not a reading of the character (a legit abbreviation in parentheses).
            "机（ji）型与车（cx）型",
            "第一章(li)",
        ] {
            assert!(parentheticals(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn lines_that_teach_readings_stay_quiet() {
        for text in [
            "給下列詞語注音：長(cháng)江、長(zhǎng)大。",
            "「樂」是破音字：樂(yuè)器、樂(lè)觀。",
        ] {
            assert!(find_annotations(text).is_empty(), "{text}");
        }
        // Textbook lines annotating a rare character or an unusual reading.
        for text in [
            "荡胸生曾云，决眦（zì）入归鸟。",
            "注释：说（yuè）：通“悦”，愉快。",
            "學而時習之，不亦說(yuè)乎？",
        ] {
            assert!(find_annotations(text).is_empty(), "{text}");
        }
        // A sparse line annotating ordinary characters the usual way is flattened ruby.
        assert_eq!(find_annotations("系統(tǒng)日期與時間").len(), 1);
        // The next line is flattened ruby again, and so is a dense line naming 讀音 in passing.
        let text = "「長」的讀音有兩個。\n機(jī)關(guān)單位";
        assert_eq!(find_annotations(text).len(), 2);
        let text = "鍵(jiàn)盤有關(guān)，選(xuǎn)擇(zé)配置，產(chǎn)生帶讀音符號(hào)的字。";
        assert_eq!(find_annotations(text).len(), 6);
    }

    #[test]
    fn near_misses_stay_quiet() {
        for text in [
            "國 (guó)",
            "e(s)",
            "f(x)",
            "(一)",
            "（二）",
            "在(zài)中(zhōng)国(guó)",
            "機關(事業)單位",
            "機(xx)",
            "機(qiáng)",
            "機(jīxyzabc)",
            "機(",
        ] {
            assert!(find_annotations(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn finds_annotations_inside_legitimate_parentheses() {
        assert_eq!(
            parentheticals("機關(guān)(事業(yè))單位"),
            ["(guān)", "(yè)"]
        );
        assert_eq!(parentheticals("(街道、社區(qū))"), ["(qū)"]);
    }
}
