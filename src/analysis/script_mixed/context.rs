//! What `script/mixed` knows besides OpenCC's tables: the character table of
//! `data/script/characters.txt` (accepted variants, one-to-many characters) and the contexts
//! where Simplified characters are not slips (classical lines, quoted mentions, lines about
//! the scripts, documents that use Simplified characters on purpose).

use crate::analysis::script::{ScriptCounts, is_simplified_only};
use std::sync::LazyLock;

/// The character table (see `data/script/README.md`).
const CHARACTERS: &str = include_str!("../../../data/script/characters.txt");

pub(super) struct Table {
    accepted: Vec<char>,
    ambiguous: Vec<char>,
}

/// The sections of [`CHARACTERS`]; panics on a malformed line (a test parses it).
fn parse(text: &str) -> Table {
    let mut table = Table {
        accepted: Vec::new(),
        ambiguous: Vec::new(),
    };
    let mut section = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = Some(name.to_string());
            continue;
        }
        let c = line.chars().next().expect("a non-empty line");
        let list = match section.as_deref() {
            Some("accepted") => &mut table.accepted,
            Some("ambiguous") => &mut table.ambiguous,
            other => panic!("characters.txt: line {line:?} in section {other:?}"),
        };
        list.push(c);
    }
    table.accepted.sort_unstable();
    table.ambiguous.sort_unstable();
    table
}

pub(super) static TABLE: LazyLock<Table> = LazyLock::new(|| parse(CHARACTERS));

/// Never reported: a form Traditional writers use beside OpenCC's choice.
pub(super) fn is_accepted(c: char) -> bool {
    TABLE.accepted.binary_search(&c).is_ok()
}

/// A character that only a word can decide: listed as one-to-many, or a correct Traditional
/// character in its own right (not Simplified-only).
pub(super) fn is_ambiguous(c: char) -> bool {
    !is_simplified_only(c) || TABLE.ambiguous.binary_search(&c).is_ok()
}

/// Markers of modern written Chinese (either script) that classical text hardly uses.
const MODERN: &[char] = &[
    '的', '了', '們', '们', '這', '这', '個', '个', '嗎', '吗', '呢', '吧', '您', '你', '很', '麼',
    '么', '些', '啊', '嗯', '咱', '啦',
];

/// Particles and words of classical Chinese that modern prose rarely uses.
const CLASSICAL: &[char] = &[
    '矣', '兮', '乎', '焉', '哉', '歟', '欤', '曰', '吾', '汝', '弗', '曷', '毋', '爰', '盍', '厥',
    '靡', '匪', '耶', '邪', '乃', '遂', '亦',
];

/// A line of classical Chinese: more classical particles than modern markers, or no modern
/// marker and the shape of verse (two or more clauses of 5 or 7 characters, or four or more
/// of 4, all of one length). In classical text 后 is a sovereign, 云 is "to say", 谷風 the
/// valley wind: the phrase tables, built for modern words, misread them.
pub(super) fn is_classical(line: &str) -> bool {
    let (mut modern, mut classical) = (0usize, 0usize);
    for c in line.chars() {
        modern += MODERN.contains(&c) as usize;
        classical += CLASSICAL.contains(&c) as usize;
    }
    classical > modern || (modern == 0 && is_verse(line))
}

fn is_verse(line: &str) -> bool {
    let mut lengths = line
        .split(['，', '。', '？', '！', '；', '、'])
        .map(|clause| {
            clause
                .chars()
                .filter(|&c| crate::analysis::script::is_han(c))
                .count()
        })
        .filter(|&n| n > 0);
    let Some(first) = lengths.next() else {
        return false;
    };
    let mut clauses = 1;
    for n in lengths {
        if n != first {
            return false;
        }
        clauses += 1;
    }
    match first {
        5 | 7 => clauses >= 2,
        4 => clauses >= 4,
        _ => false,
    }
}

/// Words that announce a discussion of the scripts themselves: a line with one quotes
/// Simplified forms on purpose (「县」是「縣」的簡體字).
const ABOUT_SCRIPT: &[&str] = &[
    "簡體",
    "简体",
    "簡化字",
    "简化字",
    "簡寫",
    "简写",
    "大陸用",
    "大陆用",
    "異體",
    "异体",
];

pub(super) fn is_about_script(line: &str) -> bool {
    ABOUT_SCRIPT.iter().any(|w| line.contains(w))
}

/// Quotation marks that open and close a quoted mention.
const OPENING: &[char] = &['“', '「', '『', '《', '〈', '"', '\''];
const CLOSING: &[char] = &['”', '」', '』', '》', '〉', '"', '\''];

/// A clause of at most [`MENTION_CHARS`] characters between quotation marks: a word quoted as a
/// word (the form “系统”), not a slip.
pub(super) fn is_quoted_mention(text: &str, clause: std::ops::Range<usize>) -> bool {
    const MENTION_CHARS: usize = 3;
    let before = text[..clause.start].chars().next_back();
    let after = text[clause.end..].chars().next();
    before.is_some_and(|c| OPENING.contains(&c))
        && after.is_some_and(|c| CLOSING.contains(&c))
        && text[clause].chars().count() <= MENTION_CHARS
}

/// A Traditional document uses Simplified characters on purpose when they are many: at
/// least [`DELIBERATE_MIN`] Simplified-only characters and one for every
/// [`DELIBERATE_RATIO`] Traditional-only ones (a bilingual page, a text about the scripts).
/// Slips are rare by nature.
const DELIBERATE_MIN: usize = 8;
const DELIBERATE_RATIO: usize = 8;

pub(crate) fn is_deliberate(counts: &ScriptCounts) -> bool {
    counts.simplified_only >= DELIBERATE_MIN
        && counts.simplified_only * DELIBERATE_RATIO >= counts.traditional_only
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_its_sections_do_not_overlap() {
        let table = parse(CHARACTERS);
        assert!(table.accepted.len() > 30 && table.ambiguous.len() > 30);
        for c in &table.accepted {
            assert!(table.ambiguous.binary_search(c).is_err(), "{c} in both");
        }
        for w in table.accepted.windows(2).chain(table.ambiguous.windows(2)) {
            assert_ne!(w[0], w[1], "listed twice");
        }
        for c in [
            '后', '制', '只', '准', '郁', '筑', '云', '里', '面', '干', '发', '系',
        ] {
            assert!(is_ambiguous(c), "{c}");
        }
        assert!(is_accepted('占') && !is_ambiguous('县') && !is_accepted('县'));
    }

    #[test]
    #[should_panic(expected = "section")]
    fn a_line_outside_a_section_is_an_error() {
        parse("县 no section\n");
    }

    #[test]
    fn classical_lines() {
        assert!(is_classical("瞻彼日月，悠悠我思，道之云遠，曷云能來。"));
        assert!(is_classical("離離挂空悲，慼慼抱虛警。"));
        assert!(is_classical("下武維周，世有哲王。三后在天，王配于京。"));
        assert!(!is_classical("最后，他們在會上發言。"));
        assert!(!is_classical("選取一個漸層色圖案樣式，然后按一下 [確定]。"));
        assert!(!is_classical("動態互動網頁可由如下方法制作。"));
        assert!(!is_classical("最後一天，大家回家。"));
    }

    #[test]
    fn mentions_and_script_talk() {
        let text = "寫作「县」不對";
        let start = text.find('县').unwrap();
        assert!(is_quoted_mention(text, start..start + 3));
        assert!(!is_quoted_mention("他說县裡", 6..9));
        assert!(is_about_script("「县」是「縣」的簡體字"));
        assert!(!is_about_script("縣政府的公告"));
    }

    #[test]
    fn deliberate_documents() {
        let counts = |t, s| ScriptCounts {
            han: 1000,
            traditional_only: t,
            simplified_only: s,
        };
        assert!(!is_deliberate(&counts(300, 3)));
        assert!(!is_deliberate(&counts(300, 12)));
        assert!(is_deliberate(&counts(300, 40)));
        assert!(!is_deliberate(&counts(30, 4)));
    }
}
