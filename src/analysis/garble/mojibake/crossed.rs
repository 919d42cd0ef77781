//! Big5 read as GBK and GBK read as Big5: clusters of rare characters (or kana) grown over
//! neighbours that recode to common characters, judged by the written code page's level 1
//! and by words, with rare characters that are likely legitimate (reduplication, verse) left
//! alone.

use super::claimed::Claimed;
use super::plausibility::{context, word_coverage_between};
use super::{Misreading, MojibakeRun, sure_pieces};
use crate::analysis::garble::codepage::{
    COMMON, DoubleByte, char_flags, decode_pair, is_cjk_punctuation, is_common_han, is_level1_in,
    level1_share, misread_codes,
};
use crate::analysis::script::{is_han, is_simplified_only, simplified_char};
use crate::analysis::segment;
use std::ops::Range;

/// How `read` decoders disagree: which of two byte readings of a character comes first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decoder {
    Whatwg,
    Cp950,
}

/// The character `c` stands for if `written` bytes were decoded as `read` by `decoder`.
fn recode(c: char, written: DoubleByte, read: DoubleByte, decoder: Decoder) -> Option<char> {
    if let Some([lead, trail]) = gb18030_2000_pua(read, c) {
        return decode_pair(written, lead, trail);
    }
    let mut codes = misread_codes(read, c);
    let (first, second) = (codes.next(), codes.next());
    let pair = match decoder {
        Decoder::Cp950 => second.or(first),
        Decoder::Whatwg => first,
    };
    let [lead, trail] = pair?;
    decode_pair(written, lead, trail)
}

/// Marks a crossed run as a guess when one of its characters has two codes in the reading
/// code page that stand for different characters (Big5 decoders disagree on some kana and
/// symbols: む is 其 one way and 莋 the other): which decoder garbled the text is unknown, so
/// the repair is offered, not applied, and the stretches between such characters, certain
/// either way, are its sure pieces.
pub(super) fn doubt_ambiguous_codes(text: &str, run: &mut MojibakeRun) {
    let Misreading::Crossed(written, read) = run.misreading else {
        return;
    };
    let garbled = &text[run.range.clone()];
    if garbled.chars().count() != run.repair.chars().count() {
        return;
    }
    // Doubtful unless exactly one of the readings is a level-1 character of the written code
    // page (其 against 莋) and the repair took it.
    let doubtful = |c: char, repaired: char| {
        let recodings: Vec<char> = misread_codes(read, c)
            .filter_map(|[l, t]| decode_pair(written, l, t))
            .collect();
        if recodings.iter().all(|&r| r == recodings[0]) {
            return false;
        }
        let level1: Vec<char> = recodings
            .iter()
            .copied()
            .filter(|&r| is_level1_in(written, r))
            .collect();
        !(level1.len() == 1 && level1[0] == repaired)
    };
    if !garbled
        .chars()
        .zip(run.repair.chars())
        .any(|(c, r)| doubtful(c, r))
    {
        return;
    }
    let start = run.range.start;
    let sure = sure_pieces(
        text,
        garbled
            .char_indices()
            .zip(run.repair.chars())
            .map(|((at, c), r)| {
                (
                    start + at..start + at + c.len_utf8(),
                    (!doubtful(c, r)).then_some(r),
                )
            }),
    );
    run.guess = Some(sure);
}

/// The character `c` stands for if `written` bytes were decoded as `read` the WHATWG way.
pub(super) fn recode_whatwg(c: char, written: DoubleByte, read: DoubleByte) -> Option<char> {
    recode(c, written, read, Decoder::Whatwg)
}

/// GBK codes that GB18030-2000 decoders (and Python's) show as private-use characters
/// U+E78D–U+E796 where WHATWG has vertical forms: Big5 自 (A6 DB) read as GBK is U+E78F.
fn gb18030_2000_pua(read: DoubleByte, c: char) -> Option<[u8; 2]> {
    const TRAILS: [u8; 10] = [0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0xEC, 0xED, 0xF3];
    let index = (c as u32).checked_sub(0xE78D)? as usize;
    (read == DoubleByte::Gbk)
        .then(|| TRAILS.get(index).map(|&t| [0xA6, t]))
        .flatten()
}

/// A recoded character that continues a repair: common Han or Chinese punctuation.
fn is_clean_repair(r: char) -> bool {
    is_common_han(r) || is_cjk_punctuation(r)
}

fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF)
}

/// Japanese quoted in Chinese text (「ユニクロ」) has kana in a row or mostly kana; crossed
/// mojibake only sprinkles them.
fn looks_japanese(text: &str) -> bool {
    const KANA_IN_ROW: usize = 3;
    let (mut kana, mut chars, mut in_row) = (0, 0, 0);
    for c in text.chars() {
        chars += 1;
        if is_kana(c) {
            kana += 1;
            in_row += 1;
            if in_row >= KANA_IN_ROW {
                return true;
            }
        } else {
            in_row = 0;
        }
    }
    kana * 2 > chars
}

/// Bytes of `written` shown through `read`: around a cluster of rare characters (`core`),
/// the run of characters whose bytes decode in `written` to common characters forming words.
pub(super) fn crossed_double_byte(
    text: &str,
    core: Range<usize>,
    written: DoubleByte,
    read: DoubleByte,
    claimed: &Claimed,
) -> Option<MojibakeRun> {
    if claimed.overlaps(&core) {
        return None;
    }
    let mut best: Option<(f64, MojibakeRun)> = None;
    for decoder in [Decoder::Whatwg, Decoder::Cp950] {
        let ambiguous = read == DoubleByte::Big5
            && text[core.clone()]
                .chars()
                .chain(context(text, core.end, 16, true).chars())
                .any(|c| misread_codes(read, c).nth(1).is_some());
        if decoder == Decoder::Cp950 && !ambiguous {
            break;
        }
        // Words judge first; a whole clause of classical text is the fallback.
        let found = crossed_with(text, core.clone(), written, read, decoder, claimed, false)
            .or_else(|| crossed_with(text, core.clone(), written, read, decoder, claimed, true));
        let Some((coverage, run)) = found else {
            continue;
        };
        if best.as_ref().is_none_or(|(c, _)| coverage > *c) {
            best = Some((coverage, run));
        }
    }
    best.map(|(_, run)| run)
}

/// [`crossed_double_byte`] for one way of reading the bytes; returns the repair's word
/// coverage with the run. With `as_clause`, only a whole clause of classical text (see
/// [`decisive_clause`]) is taken.
///
/// Crossed readings keep common characters by chance, so the run is grown from the rare
/// core over neighbours that recode to common characters, then grown characters that are
/// common, make no word with the repair and do make a word with the text around (so are
/// likely clean text) are dropped again.
fn crossed_with(
    text: &str,
    core: Range<usize>,
    written: DoubleByte,
    read: DoubleByte,
    decoder: Decoder,
    claimed: &Claimed,
    as_clause: bool,
) -> Option<(f64, MojibakeRun)> {
    const MAX_GROWTH: usize = 16;
    const MIN_CHARS: usize = 3;
    let recodes_cleanly = |c: char| recode(c, written, read, decoder).is_some_and(is_clean_repair);
    // The rare characters stand for the common ones of the real text.
    let (mut chars, mut clean) = (0, 0);
    for c in text[core.clone()].chars() {
        chars += 1;
        clean += is_clean_repair(recode(c, written, read, decoder)?) as usize;
    }
    if clean * 2 < chars || clean == 0 {
        return None;
    }
    let free = |at: usize| !claimed.contains(at);
    let mut start = core.start;
    for (at, c) in text[..core.start].char_indices().rev().take(MAX_GROWTH) {
        if !free(at) || !recodes_cleanly(c) {
            break;
        }
        start = at;
    }
    let mut end = core.end;
    for (at, c) in text[core.end..].char_indices().take(MAX_GROWTH) {
        if !free(core.end + at) || !recodes_cleanly(c) {
            break;
        }
        end = core.end + at + c.len_utf8();
    }
    let repair_of = |range: Range<usize>| -> Option<String> {
        text[range]
            .chars()
            .map(|c| recode(c, written, read, decoder))
            .collect()
    };
    // Cheap tests first: most clusters in clean text end here, before any segmentation.
    let repair = repair_of(start..end)?;
    if repair.chars().count() == 2 && short_crossed_pair(text, start..end, &repair, written) {
        return Some((
            1.0,
            MojibakeRun {
                range: start..end,
                misreading: Misreading::Crossed(written, read),
                repaired: start..end,
                repair,
                guess: None,
            },
        ));
    }
    // A whole clause of classical text decides by itself: it lacks the words judged below.
    let mut repair = repair;
    let clause = if as_clause {
        Some(decisive_clause(text, start..end, &repair, written)?)
    } else {
        None
    };
    if let Some(clause_end) = clause {
        end = clause_end;
        repair = repair_of(start..end)?;
    }
    let decisive = clause.is_some();
    if !decisive
        && (repair.chars().count() < MIN_CHARS
            || !gains_level1(written, &text[start..end], &repair)
            || looks_japanese(&text[start..end]))
    {
        return None;
    }
    // Judge the surely garbled part (grown common characters that form no word dropped),
    // or, when that is too short to judge, everything grown.
    let (kept_start, kept_end) = trim_growth(text, start..end, core.clone(), &repair, written);
    let mut judged = decisive.then_some(1.0);
    for span in [kept_start..kept_end, start..end] {
        if judged.is_some() {
            break;
        }
        let repair = repair_of(span.clone())?;
        if repair.chars().count() < MIN_CHARS {
            continue;
        }
        if let Some(after) = crossed_evidence(text, span.clone(), &repair, written) {
            judged = Some(after);
            break;
        }
    }
    let after = judged?;
    // Report only what is surely garbled, as long as two characters are left.
    const MIN_REPORTED: usize = 2;
    if text[kept_start..kept_end].chars().count() >= MIN_REPORTED {
        (start, end) = (kept_start, kept_end);
    }
    if !enough_rare_evidence(text, start..end) || foreign_word(text, start..end) {
        return None;
    }
    let repair = repair_of(start..end)?;
    Some((
        after,
        MojibakeRun {
            range: start..end,
            misreading: Misreading::Crossed(written, read),
            repaired: start..end,
            repair,
            guess: None,
        },
    ))
}

/// A crossed pair too short for [`crossed_evidence`] (Big5 意它 shown as GBK 種ウ): it counts
/// when one of its two characters is kana, Cyrillic or Greek, the only one of that script on
/// its line (so the line is not quoting Japanese or Russian), the other is Han, the pair is
/// glued between Chinese characters or punctuation, and its repair is two level-1 characters
/// of the written code page that form words with those neighbours where the pair forms none.
fn short_crossed_pair(text: &str, run: Range<usize>, repair: &str, written: DoubleByte) -> bool {
    const CONTEXT: usize = 4;
    let garbled = &text[run.clone()];
    let foreign = |c: char| is_kana(c) || matches!(c as u32, 0x370..=0x3FF | 0x400..=0x4FF);
    let (Some(odd), true) = (
        garbled.chars().find(|&c| foreign(c)),
        garbled.chars().any(is_han),
    ) else {
        return false;
    };
    let chinese = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_cjk_punctuation(c));
    if !chinese(text[..run.start].chars().next_back()) || !chinese(text[run.end..].chars().next()) {
        return false;
    }
    let line_start = text[..run.start].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[run.end..]
        .find('\n')
        .map_or(text.len(), |n| run.end + n);
    let same_script =
        |c: char| (is_kana(odd) && is_kana(c)) || (!is_kana(odd) && !is_kana(c) && foreign(c));
    if text[line_start..run.start]
        .chars()
        .chain(text[run.end..line_end].chars())
        .any(same_script)
    {
        return false;
    }
    if written_level1_share(written, repair) < 1.0 {
        return false;
    }
    let (left, right) = (
        context(text, run.start, CONTEXT, false),
        context(text, run.end, CONTEXT, true),
    );
    word_coverage_between(left, garbled, right) == 0.0
        && word_coverage_between(left, repair, right) >= 0.5
}

/// A run without a single Han character (Cyrillic, Greek, kana) that stands apart from Chinese
/// text is a word of that language (Съешь ещё этих), not crossed mojibake, which comes glued
/// between Chinese characters or punctuation.
fn foreign_word(text: &str, run: Range<usize>) -> bool {
    if text[run.clone()].chars().any(is_han) {
        return false;
    }
    let chinese = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_cjk_punctuation(c));
    !(chinese(text[..run.start].chars().next_back()) && chinese(text[run.end..].chars().next()))
}

/// A short crossed run resting on one distinct rare character is left alone where such a
/// character is most likely legitimate: reduplicated (芃芃, 疎疎: reduplication is ordinary
/// Chinese, so a doubled rare character is one piece of evidence, not two), or inside a line
/// of verse, whose rare characters are literary (吹空縠, 湖煙濕扃). Mojibake brings rare
/// characters by the handful; longer runs are judged by their words.
fn enough_rare_evidence(text: &str, run: Range<usize>) -> bool {
    const LONG_RUN: usize = 5;
    let garbled = &text[run.clone()];
    let mut rare: Option<char> = None;
    let mut chars = 0;
    for c in garbled.chars() {
        chars += 1;
        if char_flags(c) & COMMON == 0 {
            match rare {
                Some(r) if r != c => return true,
                _ => rare = Some(c),
            }
        }
    }
    let Some(rare) = rare else {
        return true;
    };
    if chars >= LONG_RUN {
        return true;
    }
    let doubled: String = [rare, rare].iter().collect();
    let reduplicated = around(text, run.clone(), 1).contains(doubled.as_str());
    !(reduplicated || in_verse_line(text, run))
}

/// `text[run]` with up to `n` characters of its line on either side.
fn around(text: &str, run: Range<usize>, n: usize) -> &str {
    let left = context(text, run.start, n, false);
    let right = context(text, run.end, n, true);
    &text[run.start - left.len()..run.end + right.len()]
}

/// Clause punctuation of verse (not 、, which lists names in prose).
fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '？' | '！' | ',' | ';' | '?' | '!')
}

/// A verse clause: 3 to 8 Han characters (□ marks a lost one in old texts).
fn is_verse_clause(clause: &str) -> bool {
    let mut n = 0;
    for c in clause.chars() {
        if !(is_han(c) || c == '□') {
            return false;
        }
        n += 1;
    }
    (3..=8).contains(&n)
}

/// `run` lies in a clause of classical verse: its clause and a neighbouring one are short
/// all-Han clauses ending in clause punctuation (寥泬敞延英，朝班立位橫。).
fn in_verse_line(text: &str, run: Range<usize>) -> bool {
    const REACH: usize = 20;
    let left = context(text, run.start, REACH, false);
    let right = context(text, run.end, REACH, true);
    // The run's clause: back to a clause end or the line start, on to a clause end.
    let (clause_start, previous) = match left.char_indices().rev().find(|&(_, c)| is_clause_end(c))
    {
        Some((at, c)) => (
            run.start - left.len() + at + c.len_utf8(),
            Some(&left[..at]),
        ),
        None if left.chars().count() < REACH => (run.start - left.len(), None),
        None => return false,
    };
    let Some((end_at, end_c)) = right.char_indices().find(|&(_, c)| is_clause_end(c)) else {
        return false;
    };
    let clause_end = run.end + end_at;
    if !is_verse_clause(&text[clause_start..clause_end]) {
        return false;
    }
    let after = &right[end_at + end_c.len_utf8()..];
    let next = after.split(is_clause_end).next().unwrap_or("");
    let previous = previous.map(|p| p.rsplit(is_clause_end).next().unwrap_or(""));
    is_verse_clause(next) || previous.is_some_and(is_verse_clause)
}

/// The repair is made of `written`'s level 1 characters (clean text in `written` would be
/// too) and the garbled text clearly less so.
fn gains_level1(written: DoubleByte, garbled: &str, repair: &str) -> bool {
    let after = written_level1_share(written, repair);
    after >= 0.9 && after - written_level1_share(written, garbled) >= 0.25
}

/// [`level1_share`] in the written code page, where GBK also carries Traditional text (a
/// Hong Kong or Taiwan page saved as GBK): a Traditional character counts as its Simplified
/// form would.
fn written_level1_share(written: DoubleByte, text: &str) -> f64 {
    match written {
        DoubleByte::Gbk => {
            let simplified: String = text.chars().map(simplified_char).collect();
            level1_share(written, &simplified)
        }
        DoubleByte::Big5 => level1_share(written, text),
    }
}

/// Whether `repair` of the crossed run `span` reads like Chinese where the run does not;
/// the repair's word coverage if so.
///
/// Crossed readings keep many characters that are common somewhere (GBK read as Big5 is
/// mostly Big5 level 1), so commonness is judged in the written code page's own level 1:
/// the evidence is a clear gain there plus words, or kana and symbols beside rare Han that
/// all become common characters (verse and names may form no dictionary word).
fn crossed_evidence(
    text: &str,
    span: Range<usize>,
    repair: &str,
    written: DoubleByte,
) -> Option<f64> {
    const CONTEXT: usize = 4;
    let garbled = &text[span.clone()];
    let han = repair.chars().filter(|&c| is_han(c)).count();
    if han < 2 || !gains_level1(written, garbled, repair) {
        return None;
    }
    let share_after = written_level1_share(written, repair);
    let share_before = written_level1_share(written, garbled);
    let (left, right) = (
        context(text, span.start, CONTEXT, false),
        context(text, span.end, CONTEXT, true),
    );
    let before = word_coverage_between(left, garbled, right);
    if before > 0.25 {
        return None;
    }
    let after = word_coverage_between(left, repair, right);
    let gain = share_after - share_before;
    // Greek and kana alone are no evidence (GBK's Greek and kana rows are Big5's most
    // common characters, and formulas use Greek letters): a rare Han character must be there.
    let foreign = garbled.chars().any(|c| !is_han(c))
        && garbled.chars().any(|c| is_han(c) && !is_common_han(c));
    let accept = after >= 0.5
        || (gain >= 0.5 && after >= 0.4)
        || (foreign && share_after >= 1.0 && gain >= 0.4 && han >= 4);
    accept.then_some(after)
}

/// The part of `grown` (around `core`) to report: grown characters at the edges are
/// dropped while they are common Han that clean text adjoins (so may be clean text) or
/// ordinary punctuation, and form no word in `repair`, the recoding of `grown`. Bopomofo,
/// kana and the like, and Simplified-only characters in a Big5 repair, are always kept.
fn trim_growth(
    text: &str,
    grown: Range<usize>,
    core: Range<usize>,
    repair: &str,
    written: DoubleByte,
) -> (usize, usize) {
    if grown == core {
        return (grown.start, grown.end);
    }
    let garbled: Vec<(usize, char)> = text[grown.clone()]
        .char_indices()
        .map(|(at, c)| (grown.start + at, c))
        .collect();
    let total = garbled.len();
    let lead = garbled
        .iter()
        .take_while(|(at, _)| *at < core.start)
        .count();
    let tail = garbled.iter().filter(|(at, _)| *at >= core.end).count();
    let simplified: String = repair.chars().map(simplified_char).collect();
    let tokens = segment::cut(&simplified, false);
    // Clean text the run grew into adjoins it through Han or, at its end, punctuation: at a
    // line edge, after punctuation or next to ASCII a lone common Han character is the run's
    // own, and so is one the reading shows in the wrong script (讽 among Big5). Grown
    // ordinary punctuation (not 〃 or 〞, which crossed readings bring) may always be clean.
    let han_outside = |c: Option<char>| c.is_some_and(is_han);
    let left_open = han_outside(text[..grown.start].chars().next_back());
    // A clause's last character before its punctuation (初。, 啊！) may be clean text too.
    let right_open = text[grown.end..]
        .chars()
        .next()
        .is_some_and(|c| is_han(c) || is_cjk_punctuation(c));
    let maybe_clean = |i: usize, open: bool| {
        let c = garbled[i].1;
        char_flags(c) & COMMON != 0
            && (is_ordinary_punctuation(c)
                || (open && is_han(c) && !(written == DoubleByte::Big5 && is_simplified_only(c))))
    };
    let mut keep_from = 0;
    for t in &tokens {
        if t.end > lead || t.end - t.start > 1 || !maybe_clean(t.start, left_open) {
            break;
        }
        keep_from = t.end;
    }
    let mut keep_to = total;
    for t in tokens.iter().rev() {
        if t.start < total - tail || t.end - t.start > 1 || !maybe_clean(t.start, right_open) {
            break;
        }
        keep_to = t.start;
    }
    let byte_at = |i: usize| garbled.get(i).map_or(grown.end, |&(at, _)| at);
    (byte_at(keep_from), byte_at(keep_to.max(keep_from)))
}

/// A whole clause of Big5 read as GBK in classical text, which forms few dictionary words:
/// `run` follows a line edge, punctuation or ASCII and ends the line or, cut after the last
/// clause punctuation of its repair (where clean text it grew into begins), ends there, holds no punctuation itself, is at least half rare or non-Han
/// characters, and recodes to at least 85 % level-1 characters of `written` including
/// punctuation that the garbled text lacked (故春蒐、夏苗 from 珿琄籤甃). Returns where the
/// clause ends.
fn decisive_clause(
    text: &str,
    run: Range<usize>,
    repair: &str,
    written: DoubleByte,
) -> Option<usize> {
    const MIN_CHARS: usize = 5;
    // One level-2 character in a short clause (駿馬名騅，常騎之。) is classical, not noise.
    const MIN_LEVEL1: f64 = 0.85;
    // A run that grew into clean text after its last clause ends there (跋 + 其中多魚).
    let edge =
        |c: Option<char>| c.is_none_or(|c| c == '\n' || c.is_ascii() || is_cjk_punctuation(c));
    let right = text[run.end..].chars().next();
    let (run, repair) = if right.is_none_or(|c| c == '\n') {
        (run, repair.to_string())
    } else {
        let kept = repair
            .char_indices()
            .filter(|&(_, c)| is_clause_end_or_stop(c))
            .last()
            .map(|(at, c)| at + c.len_utf8())?;
        let repair = &repair[..kept];
        let chars = repair.chars().count();
        let end = text[run.clone()]
            .char_indices()
            .nth(chars)
            .map_or(run.end, |(at, _)| run.start + at);
        (run.start..end, repair.to_string())
    };
    let garbled = &text[run.clone()];
    let chars = garbled.chars().count();
    // Only Big5 read as GBK turns punctuation into private-use characters; GBK punctuation
    // read as Big5 becomes symbols that ordinary text holds too.
    if written != DoubleByte::Big5 || chars < MIN_CHARS {
        return None;
    }
    if garbled
        .chars()
        .any(|c| is_cjk_punctuation(c) || c.is_ascii())
    {
        return None;
    }
    let odd = garbled
        .chars()
        .filter(|&c| !is_han(c) || char_flags(c) & COMMON == 0)
        .count();
    let punctuation = repair.chars().filter(|&c| is_cjk_punctuation(c)).count();
    let han = repair.chars().filter(|&c| is_han(c)).count();
    let level1 = written_level1_share(written, &repair);
    let left = text[..run.start].chars().next_back();
    (odd * 2 >= chars && punctuation > 0 && han >= 4 && level1 >= MIN_LEVEL1 && edge(left))
        .then_some(run.end)
}

/// Punctuation closing a clause or sentence, with the quotes that follow a full stop.
fn is_clause_end_or_stop(c: char) -> bool {
    is_clause_end(c) || matches!(c, '：' | '」' | '”' | '』')
}

/// Punctuation that clean Chinese text is full of, unlike the ditto marks and dashes that
/// crossed readings of punctuation bring (〃 for ”, 〞 for —).
fn is_ordinary_punctuation(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '《'
            | '》'
            | '…'
            | '—'
    )
}
