//! `script/mixed`: Simplified-script slips in a Traditional document — 县 for 縣, and the
//! conversion slips 最后 (最後), 干部 (幹部), 斗爭 (鬥爭), 哪里 (哪裡) that a naive
//! Simplified→Traditional converter leaves behind because 后, 干, 斗, 里 are also valid
//! Traditional characters in other words. A false alarm on clean text costs more than a miss,
//! so every decision is made on words, and doubtful contexts stay quiet.
//!
//! How: each clause is seen in Simplified (character by character, same length). A cheap scan
//! finds clauses where OpenCC's s2t tables (hanconv) would change a character at all; only
//! those are segmented (jieba, [`segment`]), and each word is converted alone ([`words`]), so
//! a phrase never straddles two words (在地|志工 is not 地誌). Then:
//!
//! * a Simplified-only character that its word's conversion changes is a slip (县, 这, 统);
//! * an ambiguous character (one-to-many, or a correct Traditional character in other words:
//!   后, 只, 制, 里, 云, 干, 发 …, listed in `data/script/characters.txt` or correct by
//!   OpenCC's own tables) is a slip only when an OpenCC phrase inside its word decides it
//!   (最后 → 最後), the word is not a name (馬克里), no more frequent dictionary word crossing
//!   the phrase reads it as written (考試|制度, 強制|成), and the line is not classical
//!   Chinese (三后在天, 《詩》云);
//! * forms Traditional writers use beside OpenCC's (占/佔, 注釋/註釋, 却) and regional standard
//!   forms (峰/峯, 台/臺) are never reported.
//!
//! Silent contexts: clauses and lines written mostly in Simplified (a quotation, an appended
//! keyword list: `spam/appended-list` reports tails), a short quoted mention (“系统”), a line
//! about the scripts (簡體, 異體), mojibake (锟斤拷: `garble/mojibake` reports it), and a
//! document with many Simplified characters (they are deliberate; slips are rare).
//!
//! Only runs when the document as a whole is Traditional. Fixes are not safe: converting
//! script changes body text, so they are offered one at a time in the editor only.

mod context;
pub(crate) use context::is_deliberate;
mod words;

use crate::analysis::finding::{Code, Finding, Fix};
use crate::analysis::script::{Script, ScriptCounts, is_traditional_only, simplified_char};
use crate::analysis::segment;
use crate::analysis::{Document, garble};
use context::{is_accepted, is_ambiguous};
use hanconv::{Converters, Trie};
use std::ops::Range;
use std::sync::LazyLock;

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
/// form in OpenCC's table that is neither accepted nor a regional standard. Only clauses with
/// one are looked at.
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
    (0x3000..TABLE_SIZE).contains(&i) && TRIGGERS[i / 64] & (1 << (i % 64)) != 0
}

/// An OpenCC phrase that decides a character starts at most this many characters before it
/// (longer phrases are idioms whose slips shorter phrases also catch).
const CONTEXT_CHARS: usize = 6;

/// Forces the conversion tables to load.
pub fn warm_up() {
    LazyLock::force(&S2T);
    LazyLock::force(&CONVERTIBLE);
    LazyLock::force(&TRIGGERS);
    LazyLock::force(&context::TABLE);
}

/// See [`mostly_simplified`].
const SIMPLIFIED_MIN: usize = 2;

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    if doc.summary.script() != Script::Traditional
        || context::is_deliberate(&doc.summary.script_counts)
    {
        return;
    }
    let view = doc.normalized();
    let text = view.text.as_str();
    let mut scratch = Scratch::default();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_range = line_start..line_start + line.len();
        line_start = line_range.end;
        if line.chars().any(is_trigger)
            && !mostly_simplified(line)
            && !context::is_about_script(line)
        {
            let ambiguous_allowed = !context::is_classical(line);
            check_line(doc, text, line_range, ambiguous_allowed, &mut scratch, out);
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
    ambiguous_allowed: bool,
    scratch: &mut Scratch,
    out: &mut Vec<Finding>,
) {
    let mut start = line.start;
    for (i, c) in text[line.clone()].char_indices() {
        if is_clause_break(c) {
            let at = line.start + i;
            if at > start {
                check_clause(doc, text, start..at, ambiguous_allowed, scratch, out);
            }
            start = at + c.len_utf8();
        }
    }
    if line.end > start {
        check_clause(doc, text, start..line.end, ambiguous_allowed, scratch, out);
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
    ambiguous_allowed: bool,
    scratch: &mut Scratch,
    out: &mut Vec<Finding>,
) {
    let slice = &text[clause.clone()];
    // Cheap exit: a clause with no character that can be a slip.
    if !slice.chars().any(is_trigger)
        || mostly_simplified(slice)
        || context::is_quoted_mention(text, clause.clone())
    {
        return;
    }
    scratch.chars.clear();
    scratch.simplified.clear();
    for (i, c) in slice.char_indices() {
        scratch.chars.push((clause.start + i, c));
        scratch.simplified.push(simplified_char(c));
    }
    let trie = *S2T;
    if !(0..scratch.chars.len()).any(|k| is_candidate(trie, scratch, k, ambiguous_allowed)) {
        return;
    }

    // Word by word; slips in adjacent words form one finding.
    let mut group: Option<(Range<usize>, Vec<Slip>)> = None;
    let mut index = 0;
    for word in segment::tagged_words(slice) {
        let start = index;
        while index < scratch.chars.len() && scratch.chars[index].0 - clause.start < word.range.end
        {
            index += 1;
        }
        let range = start..index;
        if !range.clone().any(|k| is_trigger(scratch.chars[k].1)) {
            flush(doc, &scratch.chars, &mut group, out);
            continue;
        }
        let ctx = words::WordContext {
            name: word.tag.starts_with("nr") || word.tag.starts_with("ns"),
            ambiguous_allowed,
        };
        let (slips, span) = words::slips(trie, scratch, range.clone(), &ctx);
        if slips.is_empty() {
            flush(doc, &scratch.chars, &mut group, out);
            continue;
        }
        // A slip group continues into this word only if its span starts the word.
        match &mut group {
            Some((group_range, pending)) if group_range.end == span.start => {
                group_range.end = span.end;
                pending.extend(slips);
            }
            _ => {
                flush(doc, &scratch.chars, &mut group, out);
                group = Some((span, slips));
            }
        }
    }
    flush(doc, &scratch.chars, &mut group, out);
}

fn flush(
    doc: &Document,
    chars: &[(usize, char)],
    group: &mut Option<(Range<usize>, Vec<Slip>)>,
    out: &mut Vec<Finding>,
) {
    if let Some((range, slips)) = group.take() {
        emit(doc, chars, range, &slips, out);
    }
}

/// Whether the character at `k` may be a slip, before segmenting: a Simplified-only
/// character, or an ambiguous one that some OpenCC phrase around it would change.
fn is_candidate(trie: &Trie<&'static str>, scratch: &Scratch, k: usize, ambiguous: bool) -> bool {
    let c = scratch.chars[k].1;
    if !is_trigger(c) {
        return false;
    }
    if !is_ambiguous(c) {
        return true;
    }
    ambiguous
        && (k.saturating_sub(CONTEXT_CHARS - 1)..=k).any(|i| {
            trie.r#match(scratch.simplified[i..].iter().copied())
                .is_some_and(|(converted, len)| {
                    len >= 2
                        && i + len > k
                        && converted.chars().count() == len
                        && converted
                            .chars()
                            .nth(k - i)
                            .is_some_and(|t| t != c && is_slip(c, t))
                })
        })
}

/// A character OpenCC's s2t could change while it is a Simplified form.
fn could_be_slip(c: char) -> bool {
    (c as u32) >= 0x3000 && convertible(c) && simplified_char(c) == c && !is_traditional_only(c)
}

/// Whether the text's `c` where OpenCC writes `t` is a Simplified slip rather than a
/// variant preference.
fn is_slip(c: char, t: char) -> bool {
    if !could_be_slip(c) || is_regional_form(c, t) {
        return false;
    }
    !is_accepted(c)
}

/// `c` is the Taiwan or Hong Kong standard form of OpenCC's `t` (峰 for 峯, 台 for 臺).
fn is_regional_form(c: char, t: char) -> bool {
    let mut buf = [0u8; 4];
    let t = &*t.encode_utf8(&mut buf);
    [hanconv::t2tw(t), hanconv::t2hk(t)]
        .iter()
        .any(|form| form.starts_with(c))
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

fn emit(
    doc: &Document,
    chars: &[(usize, char)],
    word: Range<usize>,
    slips: &[Slip],
    out: &mut Vec<Finding>,
) {
    let view = doc.normalized();
    let byte_end = |i: usize| chars[i].0 + chars[i].1.len_utf8();
    let view_range = chars[word.start].0..byte_end(word.end - 1);
    let source_range = view.text_to_source(view_range.clone());
    let Some(source) = doc.text.get(source_range.clone()) else {
        return;
    };
    // Mojibake (鍩轰簬) and replacement garbage (锟斤拷) hold Simplified characters by
    // accident: garble/mojibake and garble/replacement report them.
    let overlaps = |r: &Range<usize>| r.start < source_range.end && source_range.start < r.end;
    let line_start = doc.text[..source_range.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = doc.text[source_range.end..]
        .find('\n')
        .map_or(doc.text.len(), |i| source_range.end + i);
    if doc.mojibake_runs().iter().any(|run| overlaps(&run.range))
        || garble::replacement::garbage_runs(&doc.text[line_start..line_end])
            .any(|r| overlaps(&(line_start + r.start..line_start + r.end)))
    {
        return;
    }
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

    let shown = &view.text[view_range];
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
mod tests;
