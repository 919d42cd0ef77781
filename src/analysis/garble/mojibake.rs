//! `garble/mojibake`: text decoded with the wrong encoding, and its lossless repair.
//!
//! Kinds found, each by re-encoding a candidate run the way it was misread and decoding it the
//! way it was written:
//! - UTF-8 read as GBK (鍙戝竷 → 发布) or as Big5. A window starts at a character whose GBK
//!   (Big5) code has lead E2–E9/EF and trail 80–BF, i.e. the first two bytes of a three-byte
//!   UTF-8 sequence (≈1% of clean characters, every third one in mojibake), and grows while the
//!   bytes keep decoding to CJK characters. A broken end (a lost byte) is flagged, not repaired.
//! - UTF-8 read as windows-1252/Latin-1 (ä½ å¥½ → 你好, â€œ → “), ftfy-style.
//! - GBK or Big5 read as Latin-1/windows-1252 (ÄãºÃ → 你好, °l²¼•rég → 發布時間): runs of
//!   Latin-1 letters and cp1252 punctuation that may hold single ASCII letters (trail bytes
//!   0x40–0x7E), decoded pair by pair; with ASCII trails the repair must be clean Chinese.
//! - Big5 read as GBK and GBK read as Big5: clusters of rare characters (or kana) even inside
//!   long clean text, grown over neighbours that recode to common characters; the repair must
//!   be mostly level 1 of the written code page and form dictionary words (jieba, run only on
//!   these few candidates). Grown edge characters that may be clean text are not reported.
//!
//! A repair must read like Chinese (mostly common characters, see `codepage`) while the
//! original does not, so ordinary prose that happens to contain such characters stays quiet.
//! The fix is safe only when the whole run is recovered exactly.

use super::codepage::{
    BIG5_SEQ_START, COMMON, DoubleByte, GBK_SEQ_START, IN_BIG5, IN_GBK, SINGLE_BYTE, char_flags,
    common_share, decode_pair, encode_pair, is_cjk_punctuation, is_common_han, level1_share,
    misread_codes, single_byte_of,
};
use super::foreign_pages::{self, ForeignPage, is_hangul};
use super::mention::is_quoted_example;
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix, Locale};
use crate::analysis::script::{is_han, simplified_char};
use crate::analysis::segment;
use std::ops::Range;

/// How the text was misread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Misreading {
    /// UTF-8 bytes decoded with a double-byte code page.
    Utf8As(DoubleByte),
    /// UTF-8 bytes decoded as windows-1252 or Latin-1.
    Utf8AsCp1252,
    /// Double-byte bytes decoded as windows-1252 or Latin-1.
    DoubleByteAsCp1252(DoubleByte),
    /// Bytes of the first code page decoded with the second.
    Crossed(DoubleByte, DoubleByte),
    /// UTF-8 bytes decoded with a non-Chinese code page (cp1251, cp437, Shift_JIS, EUC-KR,
    /// KOI8-R, Mac Roman).
    Utf8AsForeignPage(ForeignPage),
    /// GBK or Big5 bytes decoded with a non-Chinese code page.
    DoubleByteAsForeignPage(DoubleByte, ForeignPage),
    /// UTF-8 decoded as windows-1252, saved as UTF-8 and decoded as windows-1252 again.
    Utf8AsCp1252Twice,
    /// UTF-8 decoded with a double-byte code page, saved as UTF-8 and decoded so again.
    Utf8AsTwice(DoubleByte),
}

impl Misreading {
    fn describe(self, locale: Locale) -> String {
        let (written, read) = match self {
            Misreading::Utf8As(db) => ("UTF-8", db.name()),
            Misreading::Utf8AsCp1252 => ("UTF-8", "Windows-1252"),
            Misreading::DoubleByteAsCp1252(db) => (db.name(), "Latin-1"),
            Misreading::Crossed(from, to) => (from.name(), to.name()),
            Misreading::Utf8AsForeignPage(sb) => ("UTF-8", sb.name()),
            Misreading::DoubleByteAsForeignPage(db, sb) => (db.name(), sb.name()),
            Misreading::Utf8AsCp1252Twice => ("UTF-8", "Windows-1252 ×2"),
            Misreading::Utf8AsTwice(DoubleByte::Gbk) => ("UTF-8", "GBK ×2"),
            Misreading::Utf8AsTwice(DoubleByte::Big5) => ("UTF-8", "Big5 ×2"),
        };
        locale.pick(
            format!("{written} 被按 {read} 解读"),
            format!("{written} read as {read}"),
        )
    }
}

/// One mojibake run. `repaired` (within `range`) is the part that decodes exactly to
/// `repair`; it equals `range` when the whole run is recoverable, and is empty when nothing is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MojibakeRun {
    pub range: Range<usize>,
    pub misreading: Misreading,
    pub repaired: Range<usize>,
    pub repair: String,
}

impl MojibakeRun {
    pub fn is_lossless(&self) -> bool {
        self.repaired == self.range
    }
}

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    let text = doc.text;
    for run in doc.mojibake_runs() {
        let garbled = &text[run.range.clone()];
        let how = run.misreading.describe(doc.locale);
        let message = if run.repair.is_empty() {
            doc.locale.pick(
                format!("「{garbled}」疑为乱码（{how}），无法无损还原"),
                format!("“{garbled}” looks garbled ({how}) and cannot be recovered"),
            )
        } else if run.is_lossless() {
            doc.locale.pick(
                format!("「{garbled}」疑为乱码（{how}），应为「{}」", run.repair),
                format!(
                    "“{garbled}” looks garbled ({how}); it reads “{}”",
                    run.repair
                ),
            )
        } else {
            let part = &text[run.repaired.clone()];
            doc.locale.pick(
                format!(
                    "「{garbled}」疑为乱码（{how}），其中「{part}」应为「{}」，其余已损坏",
                    run.repair
                ),
                format!(
                    "“{garbled}” looks garbled ({how}); “{part}” reads “{}”, the rest is damaged",
                    run.repair
                ),
            )
        };
        let mut finding = Finding::new(Code::Mojibake, run.range.clone(), message);
        if !run.repair.is_empty() {
            finding = finding.with_fix(Fix {
                title: doc.locale.pick(
                    format!("还原为「{}」", run.repair),
                    format!("Recover “{}”", run.repair),
                ),
                range: run.repaired.clone(),
                replacement: run.repair.clone(),
                safe: run.is_lossless(),
            });
        }
        out.push(finding);
    }
}

/// Every mojibake run in `text`, in order, non-overlapping.
pub fn find_runs(text: &str) -> Vec<MojibakeRun> {
    let mut runs = Vec::new();
    // Cheap exit: every kind needs a non-ASCII character.
    if text.is_ascii() {
        return runs;
    }
    let candidates = Candidates::of(text);
    utf8_as_double_byte(text, DoubleByte::Gbk, &candidates.gbk_starts, &mut runs);
    utf8_as_double_byte(text, DoubleByte::Big5, &candidates.big5_starts, &mut runs);
    // Each later reading skips what an earlier one took; the ranges taken are kept merged
    // and sorted so that a long line of thousands of runs is not tested run by run.
    let taken = Claimed::covering(runs.iter().map(|r| r.range.clone()));
    // Mac Roman mojibake is mostly Latin-1 letters, which a windows-1252 reading would take
    // apart into bogus pieces: its whole-UTF-8 reading goes first and keeps its stretch.
    let mut mac_roman: Vec<MojibakeRun> = Vec::new();
    if candidates.foreign_seed {
        for range in foreign_pages::candidate_runs(text, ForeignPage::MacRoman) {
            if !taken.overlaps(&range) {
                misread_as_foreign(text, range, ForeignPage::MacRoman, &mut mac_roman);
            }
        }
    }
    let taken_by_mac_roman = Claimed::covering(mac_roman.iter().map(|r| r.range.clone()));
    for range in &candidates.latin1_runs {
        if !taken_by_mac_roman.overlaps(range) {
            misread_as_cp1252(text, range.clone(), &mut runs);
        }
    }
    runs.append(&mut mac_roman);
    let mut taken = Claimed::covering(runs.iter().map(|r| r.range.clone()));
    for sb in ForeignPage::ALL
        .into_iter()
        .filter(|&sb| candidates.foreign_seed && sb != ForeignPage::MacRoman)
    {
        for range in foreign_pages::candidate_runs(text, sb) {
            if taken.overlaps(&range) {
                continue;
            }
            let found = runs.len();
            misread_as_foreign(text, range, sb, &mut runs);
            for run in &runs[found..] {
                taken.add(run.range.clone());
            }
        }
    }
    keep_first_of_overlapping(&mut runs);
    let mut claimed = Claimed::covering(runs.iter().map(|r| r.range.clone()));
    for (core, read) in &candidates.crossed {
        let written = match read {
            DoubleByte::Gbk => DoubleByte::Big5,
            DoubleByte::Big5 => DoubleByte::Gbk,
        };
        if let Some(run) = crossed_double_byte(text, core.clone(), written, *read, &claimed) {
            claimed.add(run.range.clone());
            runs.push(run);
        }
    }
    keep_first_of_overlapping(&mut runs);
    // Mojibake quoted as an example of itself (常见乱码如“浣犲ソ”) is not damage.
    runs.retain(|r| !is_quoted_example(text, r.range.clone()));
    runs
}

/// Byte ranges runs already hold: disjoint and sorted, so that the thousands of candidate
/// clusters of a long document are each tested with a binary search.
struct Claimed(Vec<Range<usize>>);

impl Claimed {
    fn overlaps(&self, range: &Range<usize>) -> bool {
        let i = self.0.partition_point(|r| r.end <= range.start);
        self.0.get(i).is_some_and(|r| r.start < range.end)
    }

    fn contains(&self, at: usize) -> bool {
        let i = self.0.partition_point(|r| r.end <= at);
        self.0.get(i).is_some_and(|r| r.start <= at)
    }

    /// The union of non-empty `ranges`, which may overlap each other.
    fn covering(ranges: impl Iterator<Item = Range<usize>>) -> Self {
        let mut all: Vec<Range<usize>> = ranges.collect();
        all.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for range in all {
            debug_assert!(range.start < range.end, "an empty run {range:?}");
            match merged.last_mut() {
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        Claimed(merged)
    }

    /// Adds a non-empty range, merging it with those it overlaps.
    fn add(&mut self, range: Range<usize>) {
        debug_assert!(range.start < range.end, "an empty run {range:?}");
        let first = self.0.partition_point(|r| r.end <= range.start);
        let end = first + self.0[first..].partition_point(|r| r.start < range.end);
        if first == end {
            self.0.insert(first, range);
        } else {
            let merged = range.start.min(self.0[first].start)..range.end.max(self.0[end - 1].end);
            self.0.splice(first..end, [merged]);
        }
    }
}

/// Where each kind could start, found in one pass with one table lookup per character, so
/// clean text costs little more than decoding its characters.
#[derive(Default)]
struct Candidates {
    gbk_starts: Vec<usize>,
    big5_starts: Vec<usize>,
    /// Runs of windows-1252/Latin-1 characters (two or more non-ASCII ones), which may carry
    /// single ASCII characters `@`–`~` after a non-ASCII one: GBK and Big5 trail bytes
    /// 0x40–0x7E show up as ASCII letters when the text is read as Latin-1.
    latin1_runs: Vec<Range<usize>>,
    /// Clusters of rare characters (or kana and symbols) that have a code in the encoding
    /// that misread them: where crossed Big5/GBK runs sit, even inside long clean text.
    crossed: Vec<(Range<usize>, DoubleByte)>,
    /// A character that Chinese bytes become through a non-Chinese code page was seen
    /// (see `foreign_pages`), so those pages are worth searching.
    foreign_seed: bool,
}

/// A run of Latin-1 characters being gathered.
#[derive(Clone, Copy, Default)]
struct Latin1Run {
    start: usize,
    non_ascii: usize,
    /// The previous character was non-ASCII, so an ASCII one may be its trail byte.
    after_lead: bool,
}

/// Rare characters close together, being gathered.
#[derive(Clone, Copy, Default)]
struct RareCluster {
    start: usize,
    end: usize,
    rare: usize,
    /// Characters with a code before the cluster, in it, and since its last rare one: a
    /// run too short to make a repair (ǎ in a pinyin syllable) is not worth checking.
    before: usize,
    chars: usize,
    /// Common characters since the last rare one.
    gap: usize,
}

impl RareCluster {
    /// Common characters a cluster may bridge: crossed readings keep some common ones.
    const MAX_GAP: usize = 2;
    const MIN_RUN: usize = 3;

    fn worth_checking(&self) -> bool {
        self.rare >= 1 && self.before + self.chars + self.gap >= Self::MIN_RUN
    }
}

impl Candidates {
    fn of(text: &str) -> Candidates {
        let mut found = Candidates::default();
        let mut latin1 = Latin1Run::default();
        let mut clusters = [RareCluster::default(); 2];
        // Characters with a code in each reading, in a row, up to here.
        let mut coded = [0usize; 2];
        let reads = [(IN_GBK, DoubleByte::Gbk), (IN_BIG5, DoubleByte::Big5)];
        for (at, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), '\0')))
        {
            found.foreign_seed |= foreign_pages::may_be_seed(c);
            let f = char_flags(c);
            if f & GBK_SEQ_START != 0 {
                found.gbk_starts.push(at);
            }
            if f & BIG5_SEQ_START != 0 {
                found.big5_starts.push(at);
            }
            if f & SINGLE_BYTE != 0 {
                if latin1.non_ascii == 0 {
                    latin1.start = at;
                }
                latin1.non_ascii += 1;
                latin1.after_lead = true;
            } else if latin1.after_lead && matches!(c, '@'..='~') {
                latin1.after_lead = false;
            } else {
                if latin1.non_ascii >= 2 {
                    found.latin1_runs.push(latin1.start..at);
                }
                latin1 = Latin1Run::default();
            }
            for ((cluster, &(flag, read)), coded) in
                clusters.iter_mut().zip(&reads).zip(coded.iter_mut())
            {
                if f & flag == 0 {
                    if cluster.worth_checking() {
                        found.crossed.push((cluster.start..cluster.end, read));
                    }
                    *cluster = RareCluster::default();
                    *coded = 0;
                    continue;
                }
                if f & COMMON == 0 {
                    if cluster.rare == 0 || cluster.gap > RareCluster::MAX_GAP {
                        if cluster.worth_checking() {
                            found.crossed.push((cluster.start..cluster.end, read));
                        }
                        *cluster = RareCluster {
                            start: at,
                            before: *coded,
                            ..RareCluster::default()
                        };
                    }
                    cluster.end = at + c.len_utf8();
                    cluster.rare += 1;
                    cluster.chars += cluster.gap + 1;
                    cluster.gap = 0;
                } else {
                    cluster.gap += 1;
                }
                *coded += 1;
            }
        }
        found.crossed.sort_by_key(|(r, _)| r.start);
        found
    }
}

/// Sorts by start and drops runs overlapping an earlier-found one (earlier kinds win ties).
fn keep_first_of_overlapping(runs: &mut Vec<MojibakeRun>) {
    runs.sort_by_key(|r| r.range.start);
    let mut kept_end = 0;
    runs.retain(|r| {
        let keep = r.range.start >= kept_end;
        if keep {
            kept_end = r.range.end;
        }
        keep
    });
}

/// Characters a repair of Chinese text may consist of.
fn is_cjk_like(c: char) -> bool {
    is_han(c) || is_cjk_punctuation(c) || matches!(c as u32, 0x3040..=0x30FF)
}

/// The repair of `text[range]` reads like Chinese and the garbled text does not.
fn reads_better(text: &str, range: Range<usize>, repair: &str) -> bool {
    const CONTEXT: usize = 4;
    let garbled = &text[range.clone()];
    if repair.chars().count() < 2 || !repair.chars().any(is_han) {
        return false;
    }
    let before = common_share(garbled);
    let after = common_share(repair);
    let han = repair.chars().filter(|&c| is_han(c)).count();
    // Big5 level 1 is broad, so mojibake keeps many "common" characters; the gain matters.
    if after >= 0.8 && after - before >= 0.2 {
        // Two characters can be common by chance; real text also forms words.
        const SHORT: usize = 2;
        return han > SHORT || word_coverage(repair) >= 0.5;
    }
    // Classical and technical prose keeps a rare character or two (不悱不发), and some
    // mojibake is mostly made of Big5-common characters (濡傚嫉涓変豢): then words decide.
    const MIN_HAN_FOR_WORDS: usize = 3;
    if after < 0.7 || after <= before || han < MIN_HAN_FOR_WORDS {
        return false;
    }
    let (left, right) = (
        context(text, range.start, CONTEXT, false),
        context(text, range.end, CONTEXT, true),
    );
    word_coverage_between(left, repair, right) >= 0.5
        && word_coverage_between(left, garbled, right) <= 0.25
}

/// Decodes one UTF-8 sequence at the start of `bytes`. `Err(true)` means the bytes so far
/// are a valid but incomplete prefix.
fn decode_utf8_step(bytes: &[u8]) -> Result<(char, usize), bool> {
    let len = match bytes.first() {
        None => return Err(true),
        Some(0x00..=0x7F) => 1,
        Some(0xC2..=0xDF) => 2,
        Some(0xE0..=0xEF) => 3,
        Some(0xF0..=0xF4) => 4,
        Some(_) => return Err(false),
    };
    if bytes.len() < len {
        return Err(std::str::from_utf8(bytes)
            .err()
            .is_some_and(|e| e.error_len().is_none()));
    }
    match std::str::from_utf8(&bytes[..len]) {
        Ok(s) => Ok((s.chars().next().unwrap_or('\u{FFFD}'), len)),
        Err(_) => Err(false),
    }
}

/// The bytes `c` stands for when `db` decoded it: two, or one for GBK's single-byte €.
fn misread_bytes(db: DoubleByte, c: char) -> Option<([u8; 2], usize)> {
    if c == '€' && db == DoubleByte::Gbk {
        return Some(([0x80, 0], 1));
    }
    encode_pair(db, c).map(|pair| (pair, 2))
}

/// UTF-8 text decoded as GBK or Big5: (nearly) every character stands for two bytes.
fn utf8_as_double_byte(text: &str, db: DoubleByte, starts: &[usize], out: &mut Vec<MojibakeRun>) {
    let mut bytes: Vec<u8> = Vec::new();
    // (source offset, byte count) after each consumed character.
    let mut char_ends: Vec<(usize, usize)> = Vec::new();
    let mut decoded = String::new();
    // Where scanning may resume: windows never overlap.
    let mut resume = 0;
    for &at in starts {
        if at < resume {
            continue;
        }
        // Gather characters lazily while their bytes keep decoding to CJK characters.
        bytes.clear();
        char_ends.clear();
        decoded.clear();
        let mut next = at;
        let mut gathering = true;
        // Best end so far that closes both a sequence and a character: (chars, decoded len).
        let mut repaired: Option<(usize, usize)> = None;
        let mut pos = 0;
        let mut truncated_tail = 0;
        // Index of the first gathered character not wholly decoded yet.
        let mut closed = 0;
        loop {
            while gathering && bytes.len() < pos + 4 {
                let Some((pair, len)) = text[next..]
                    .chars()
                    .next()
                    .and_then(|c| misread_bytes(db, c).map(|(pair, len)| (pair, len, c.len_utf8())))
                    .map(|(pair, len, width)| {
                        next += width;
                        (pair, len)
                    })
                else {
                    gathering = false;
                    break;
                };
                bytes.extend_from_slice(&pair[..len]);
                char_ends.push((next, bytes.len()));
                if len == 2 && pair[1] < 0x80 {
                    // The decoder swallowed an ASCII byte as a trail: the run ends here.
                    gathering = false;
                }
            }
            match decode_utf8_step(&bytes[pos..]) {
                Ok((c, len)) if is_cjk_like(c) || (c.is_ascii() && pos + 1 == bytes.len()) => {
                    decoded.push(c);
                    pos += len;
                    while char_ends[closed].1 < pos {
                        closed += 1;
                    }
                    if char_ends[closed].1 == pos {
                        repaired = Some((closed + 1, decoded.len()));
                    }
                }
                Ok(_) | Err(false) => break,
                Err(true) => {
                    truncated_tail = bytes.len() - pos;
                    break;
                }
            }
        }
        let Some((repaired_chars, decoded_len)) = repaired else {
            continue;
        };
        let repaired_end = char_ends[repaired_chars - 1].0;
        let repair = &decoded[..decoded_len];
        if !reads_better(text, at..repaired_end, repair)
            && !short_glued_repair(text, at..repaired_end, repair)
        {
            if let Some(run) = misread_twice(text, db, at) {
                resume = run.range.end;
                out.push(run);
            } else {
                resume = repaired_end;
            }
            continue;
        }
        // Characters holding the start of a sequence whose rest was lost are damaged.
        let damaged_bytes = pos + truncated_tail;
        let damaged_chars = char_ends
            .iter()
            .position(|&(_, b)| b >= damaged_bytes)
            .map_or(char_ends.len(), |k| k + 1);
        let end = char_ends[damaged_chars.max(repaired_chars) - 1].0;
        out.push(MojibakeRun {
            range: at..end,
            misreading: Misreading::Utf8As(db),
            repaired: at..repaired_end,
            repair: repair.to_string(),
        });
        resume = end;
    }
}

/// UTF-8 misread with `db`, saved as UTF-8 and misread again (成合 → 鎴愬悎 → 閹存劕): undone
/// once, the run gives mojibake of the same kind (with bopomofo and full-width letters
/// among its characters, ㄦ ｆ, which the first reading stops at). The longest prefix of
/// that (losing a few characters at its broken end) which undoes exactly again and ends on
/// a source character is the run, when the second repair reads like Chinese.
fn misread_twice(text: &str, db: DoubleByte, at: usize) -> Option<MojibakeRun> {
    const MAX_CHARS: usize = 512;
    const MAX_LOST: usize = 5;
    let mut bytes: Vec<u8> = Vec::new();
    // (source offset, byte count) after each source character.
    let mut char_ends: Vec<(usize, usize)> = Vec::new();
    let mut source = text[at..].char_indices().take(MAX_CHARS);
    let mut once = String::new();
    let mut p = 0;
    // Source characters are gathered only while the first undoing keeps going.
    loop {
        match decode_utf8_step(&bytes[p..]) {
            Ok((c, len)) if !c.is_ascii() && misread_bytes(db, c).is_some() => {
                once.push(c);
                p += len;
            }
            Ok(_) | Err(false) => break,
            Err(true) => {
                let Some((i, c)) = source.next() else {
                    break;
                };
                let Some((pair, len)) = misread_bytes(db, c) else {
                    break;
                };
                if len == 2 && pair[1] < 0x80 {
                    break;
                }
                bytes.extend_from_slice(&pair[..len]);
                char_ends.push((at + i + c.len_utf8(), bytes.len()));
            }
        }
    }
    // `once` is `bytes[..p]` read as UTF-8, so its prefixes end at byte counts of `bytes`.
    let ends: Vec<usize> = once.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    for &prefix_len in ends.iter().rev().take(MAX_LOST + 1) {
        let Some(k) = char_ends.iter().position(|&(_, b)| b == prefix_len) else {
            continue;
        };
        let Some(twice) = utf8_under_double_byte(db, &once[..prefix_len]) else {
            continue;
        };
        let end = char_ends[k].0;
        if reads_better(text, at..end, &twice) {
            return Some(MojibakeRun {
                range: at..end,
                misreading: Misreading::Utf8AsTwice(db),
                repaired: at..end,
                repair: twice,
            });
        }
    }
    None
}

/// `text` re-encoded with `db` and decoded as UTF-8, when that is exact and all CJK.
fn utf8_under_double_byte(db: DoubleByte, text: &str) -> Option<String> {
    let mut bytes: Vec<u8> = Vec::with_capacity(text.len());
    for c in text.chars() {
        let (pair, len) = misread_bytes(db, c)?;
        bytes.extend_from_slice(&pair[..len]);
    }
    let decoded = String::from_utf8(bytes).ok()?;
    decoded.chars().all(is_cjk_like).then_some(decoded)
}

/// A run decoded as windows-1252 or Latin-1: UTF-8 (ftfy-style) or GBK/Big5 underneath.
fn misread_as_cp1252(text: &str, run: Range<usize>, out: &mut Vec<MojibakeRun>) {
    let mut bytes: Vec<u8> = Vec::with_capacity(run.len());
    let mut offsets: Vec<usize> = Vec::with_capacity(run.len() + 1);
    for (at, c) in text[run.clone()].char_indices() {
        let byte = if c.is_ascii() {
            c as u8
        } else {
            single_byte_of(c).unwrap_or(b'?')
        };
        bytes.push(byte);
        offsets.push(run.start + at);
    }
    offsets.push(run.end);
    let before = out.len();
    utf8_windows(&bytes, &offsets, out);
    // A lone misread letter standing apart (无法显示 “Ã©” 或 “Ã¨”) is quoted as an example of
    // mojibake; in a misread word it sits among letters (CafÃ©, MÃ¼ller).
    let mut k = before;
    while k < out.len() {
        let r = out[k].range.clone();
        let lone = text[r.clone()].chars().count() == 2
            && !text[..r.start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && !text[r.end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if lone {
            out.remove(k);
        } else {
            k += 1;
        }
    }
    if out.len() == before {
        double_byte_under_latin1(text, &bytes, &offsets, Misreading::DoubleByteAsCp1252, out);
    }
}

/// A run decoded with `sb`: UTF-8 or GBK/Big5 underneath. Unlike windows-1252 (ftfy's
/// territory, where accented Latin words are repaired too), only Chinese repairs count here,
/// so real Russian, Greek, box-drawing, Japanese and Korean text stays quiet.
fn misread_as_foreign(text: &str, run: Range<usize>, sb: ForeignPage, out: &mut Vec<MojibakeRun>) {
    let before = out.len();
    misread_as_foreign_unchecked(text, run, sb, out);
    if sb == ForeignPage::EucKr {
        // Modern Korean writes a word in hangul alone; GBK read as EUC-KR mixes hangul (GBK
        // leads B0–C8) with hanja (leads CA–FD) inside one run.
        let mut k = before;
        while k < out.len() {
            let garbled = &text[out[k].range.clone()];
            if garbled.chars().any(is_hangul) && garbled.chars().any(is_han) {
                k += 1;
            } else {
                out.remove(k);
            }
        }
    }
}

fn misread_as_foreign_unchecked(
    text: &str,
    run: Range<usize>,
    sb: ForeignPage,
    out: &mut Vec<MojibakeRun>,
) {
    let (bytes, offsets) = foreign_bytes(text, run.clone(), sb);
    // A byte that does not start a character (the trail of a two-byte one) is no boundary.
    let boundary = |k: usize| k == 0 || k + 1 == offsets.len() || offsets[k] != offsets[k - 1];
    let before = out.len();
    for (start, p, repair) in utf8_runs(&bytes, is_cjk_like) {
        // Characters holding bytes of the window on either side are part of the damage.
        let end = (p..offsets.len())
            .find(|&k| boundary(k))
            .unwrap_or(offsets.len() - 1);
        let range = offsets[start]..offsets[end];
        if reads_better(text, range.clone(), &repair)
            || short_glued_repair(text, range.clone(), &repair)
        {
            let exact = boundary(start) && boundary(p);
            out.push(MojibakeRun {
                range: range.clone(),
                misreading: Misreading::Utf8AsForeignPage(sb),
                repaired: if exact {
                    range
                } else {
                    range.start..range.start
                },
                repair: if exact { repair } else { String::new() },
            });
        }
    }
    // A character drawn three times in a row (──────, ▓▓▓) is a line or a bar, not text:
    // a Chinese character misread is two different bytes.
    let drawn = {
        let mut chars = text[run.clone()].chars();
        let mut last = (chars.next(), 1);
        let mut drawn = false;
        for c in chars {
            last = if Some(c) == last.0 {
                (last.0, last.1 + 1)
            } else {
                (Some(c), 1)
            };
            drawn |= last.1 >= 3;
        }
        drawn
    };
    // KOI8-R and Mac Roman show UTF-8 pages (Russian and old Mac locales); a GBK reading
    // through their letters and symbols would be a guess among Cyrillic and accented words.
    let double_byte_seen = !matches!(sb, ForeignPage::Koi8R | ForeignPage::MacRoman);
    if out.len() == before && !drawn && double_byte_seen {
        let trimmed = if sb == ForeignPage::ShiftJis || sb == ForeignPage::EucKr {
            foreign_pages::trim_common_edges(text, run)
        } else {
            run
        };
        let (bytes, offsets) = foreign_bytes(text, trimmed, sb);
        double_byte_under_latin1(
            text,
            &bytes,
            &offsets,
            |db| Misreading::DoubleByteAsForeignPage(db, sb),
            out,
        );
    }
}

/// A two-character repair is too short to judge alone; through a foreign page (whose
/// characters have no business inside a Chinese word) or as rare Han from UTF-8 read as GBK
/// it counts when the garbled run is glued between Chinese characters or punctuation, the
/// repair is common characters, and it forms words with its neighbours (竹有 in 人有志，竹有节).
/// One side may instead be a digit (2020年) or the edge of the line, the other must be Chinese.
fn short_glued_repair(text: &str, range: Range<usize>, repair: &str) -> bool {
    const CONTEXT: usize = 4;
    let chinese = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_cjk_punctuation(c));
    let edge_or_digit = |c: Option<char>| c.is_none_or(|c| c == '\n' || c.is_ascii_digit());
    let (left, right) = (
        text[..range.start].chars().next_back(),
        text[range.end..].chars().next(),
    );
    let glued = (chinese(left) && (chinese(right) || edge_or_digit(right)))
        || (edge_or_digit(left) && chinese(right));
    if !glued || repair.chars().count() < 2 || !repair.chars().all(is_common_han) {
        return false;
    }
    let garbled = &text[range.clone()];
    if garbled.chars().any(is_common_han) {
        return false;
    }
    let (left, right) = (
        context(text, range.start, CONTEXT, false),
        context(text, range.end, CONTEXT, true),
    );
    word_coverage_between(left, repair, right) >= 0.5
}

/// The bytes of `text[run]` in `page`, and the source offset of the character each byte
/// belongs to (plus the run's end).
fn foreign_bytes(text: &str, run: Range<usize>, page: ForeignPage) -> (Vec<u8>, Vec<usize>) {
    let mut bytes: Vec<u8> = Vec::with_capacity(run.len());
    let mut offsets: Vec<usize> = Vec::with_capacity(run.len() + 1);
    for (at, c) in text[run.clone()].char_indices() {
        let (pair, len) = page.bytes_of(c).unwrap_or(([b'?', 0], 1));
        for &b in &pair[..len] {
            bytes.push(b);
            offsets.push(run.start + at);
        }
    }
    offsets.push(run.end);
    (bytes, offsets)
}

/// A decoded character a UTF-8-as-cp1252 repair may produce.
fn plausible_utf8_repair(c: char) -> bool {
    !matches!(c as u32, 0x00..=0x7F | 0x80..=0x9F | 0xFFFD | 0xE000..=0xF8FF | 0xF0000..)
}

/// `text` re-encoded as windows-1252 and decoded as UTF-8, when that is exact and gives
/// something other than ASCII and windows-1252 look-alikes (ä¸­ → 中).
fn utf8_under_cp1252(text: &str) -> Option<String> {
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c as u8)
            } else {
                single_byte_of(c)
            }
        })
        .collect::<Option<_>>()?;
    let decoded = std::str::from_utf8(&bytes).ok()?;
    let recovered = decoded
        .chars()
        .any(|c| !c.is_ascii() && single_byte_of(c).is_none() && plausible_utf8_repair(c));
    recovered.then(|| decoded.to_string())
}

/// The maximal runs of `bytes` that decode as UTF-8 into characters `keep` accepts, scanning
/// on one byte past anything else: (start, end, the decoded text).
fn utf8_runs<'a>(
    bytes: &'a [u8],
    keep: impl Fn(char) -> bool + 'a,
) -> impl Iterator<Item = (usize, usize, String)> + 'a {
    let mut p = 0;
    std::iter::from_fn(move || {
        while p < bytes.len() {
            let start = p;
            let mut decoded = String::new();
            while let Ok((c, len)) = decode_utf8_step(&bytes[p..]) {
                if !keep(c) {
                    break;
                }
                decoded.push(c);
                p += len;
            }
            if p > start {
                return Some((start, p, decoded));
            }
            p += 1;
        }
        None
    })
}

/// UTF-8 sequences among the non-ASCII bytes (the ASCII ones in a run are only there as
/// possible GBK/Big5 trail bytes).
fn utf8_windows(bytes: &[u8], offsets: &[usize], out: &mut Vec<MojibakeRun>) {
    for (start, p, repair) in utf8_runs(bytes, plausible_utf8_repair) {
        let single_two_byte = p - start == 2;
        let accept = !single_two_byte
            || repair
                .chars()
                .next()
                .is_some_and(|c| matches!(c as u32, 0xA0..=0x17F));
        if accept {
            // Misread twice (ä¸­ saved as UTF-8 and misread again: Ã¤Â¸Â­): undo both.
            let (misreading, repair) = match utf8_under_cp1252(&repair) {
                Some(twice) => (Misreading::Utf8AsCp1252Twice, twice),
                None => (Misreading::Utf8AsCp1252, repair),
            };
            out.push(MojibakeRun {
                range: offsets[start]..offsets[p],
                misreading,
                repaired: offsets[start]..offsets[p],
                repair,
            });
        }
    }
}

/// GBK or Big5 text shown as Latin-1 (ÄãºÃ, °l²¼•rég): pairs of bytes, the first always
/// non-ASCII, the second possibly an ASCII letter, that decode to Chinese.
fn double_byte_under_latin1(
    text: &str,
    bytes: &[u8],
    offsets: &[usize],
    misreading: impl Fn(DoubleByte) -> Misreading,
    out: &mut Vec<MojibakeRun>,
) {
    // Through a non-Chinese page, short glued runs may be judged by their neighbours.
    let foreign = matches!(
        misreading(DoubleByte::Gbk),
        Misreading::DoubleByteAsForeignPage(..)
    );
    const MIN_PAIRS: usize = 2;
    if bytes.len() < 2 * MIN_PAIRS {
        return;
    }
    // Accepted (byte span, code page, repair), from either code page and either alignment.
    let mut accepted: Vec<(Range<usize>, DoubleByte, String)> = Vec::new();
    for db in [DoubleByte::Gbk, DoubleByte::Big5] {
        for alignment in 0..2 {
            let mut p = alignment;
            while p + 1 < bytes.len() {
                let start = p;
                let mut repair = String::new();
                while p + 1 < bytes.len() && bytes[p] >= 0x80 {
                    match decode_pair(db, bytes[p], bytes[p + 1]) {
                        Some(c) if is_cjk_like(c) => repair.push(c),
                        _ => break,
                    }
                    p += 2;
                }
                if p == start {
                    p += 2;
                    continue;
                }
                if p - start < 2 * MIN_PAIRS {
                    continue;
                }
                // Windows must begin and end on characters (two-byte pages split them).
                let on_char =
                    |k: usize| k == 0 || k + 1 == offsets.len() || offsets[k] != offsets[k - 1];
                if !on_char(start) || !on_char(p) {
                    continue;
                }
                let range = offsets[start]..offsets[p];
                let ascii_trails = bytes[start..p].iter().any(|b| b.is_ascii());
                // Trail bytes shown as letters make European words candidates too, so then
                // the repair must be clean Chinese: common characters forming words.
                let clean = !ascii_trails
                    || (common_share(&repair) >= 0.9 && word_coverage(&repair) >= 0.5);
                let short = foreign && short_glued_repair(text, range.clone(), &repair);
                if clean && (reads_better(text, range, &repair) || short) {
                    accepted.push((start..p, db, repair));
                }
            }
        }
    }
    // Longest first; on a tie the first found (GBK before Big5) wins.
    accepted.sort_by_key(|(span, _, _)| std::cmp::Reverse(span.len()));
    let mut kept: Vec<Range<usize>> = Vec::new();
    for (span, db, repair) in accepted {
        if kept
            .iter()
            .any(|k| k.start < span.end && span.start < k.end)
        {
            continue;
        }
        kept.push(span.clone());
        let range = offsets[span.start]..offsets[span.end];
        out.push(MojibakeRun {
            range: range.clone(),
            misreading: misreading(db),
            repaired: range,
            repair,
        });
    }
}

/// Share of the Han characters of `text` that belong to multi-character dictionary words
/// (jieba without HMM, so unknown sequences stay single characters).
fn word_coverage(text: &str) -> f64 {
    word_coverage_between("", text, "")
}

/// [`word_coverage`] of `text` read between `before` and `after`: a run cut out of a
/// sentence shares words with its neighbours (双拥之花开一|片).
fn word_coverage_between(before: &str, text: &str, after: &str) -> f64 {
    let mut simplified = String::with_capacity(before.len() + text.len() + after.len());
    simplified.extend(before.chars().map(simplified_char));
    let from = simplified.chars().count();
    simplified.extend(text.chars().map(simplified_char));
    let to = simplified.chars().count();
    simplified.extend(after.chars().map(simplified_char));
    let han = text.chars().filter(|&c| is_han(c)).count();
    if han == 0 {
        return 0.0;
    }
    let in_words: usize = segment::cut(&simplified, false)
        .iter()
        .filter(|t| t.end - t.start >= 2)
        .map(|t| t.end.min(to).saturating_sub(t.start.max(from)))
        .sum();
    in_words as f64 / han as f64
}

/// Up to `n` characters of `text` before `at` (or after, when `forward`), within the line.
fn context(text: &str, at: usize, n: usize, forward: bool) -> &str {
    if forward {
        let rest = &text[at..];
        let end = rest
            .char_indices()
            .take_while(|&(_, c)| c != '\n')
            .take(n)
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        &rest[..end]
    } else {
        let head = &text[..at];
        let start = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c != '\n')
            .take(n)
            .last()
            .map_or(at, |(i, _)| i);
        &head[start..]
    }
}

/// How `read` decoders disagree: which of two byte readings of a character comes first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decoder {
    Whatwg,
    Cp950,
}

/// The character `c` stands for if `written` bytes were decoded as `read` by `decoder`.
fn recode(c: char, written: DoubleByte, read: DoubleByte, decoder: Decoder) -> Option<char> {
    let mut codes = misread_codes(read, c);
    let (first, second) = (codes.next(), codes.next());
    let pair = match decoder {
        Decoder::Cp950 => second.or(first),
        Decoder::Whatwg => first,
    };
    let [lead, trail] = pair?;
    decode_pair(written, lead, trail)
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
fn crossed_double_byte(
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
        let Some((coverage, run)) =
            crossed_with(text, core.clone(), written, read, decoder, claimed)
        else {
            continue;
        };
        if best.as_ref().is_none_or(|(c, _)| coverage > *c) {
            best = Some((coverage, run));
        }
    }
    best.map(|(_, run)| run)
}

/// [`crossed_double_byte`] for one way of reading the bytes; returns the repair's word
/// coverage with the run.
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
            },
        ));
    }
    if repair.chars().count() < MIN_CHARS || !gains_level1(written, &text[start..end], &repair) {
        return None;
    }
    if looks_japanese(&text[start..end]) {
        return None;
    }
    // Judge the surely garbled part (grown common characters that form no word dropped),
    // or, when that is too short to judge, everything grown.
    let (kept_start, kept_end) = trim_growth(text, start..end, core, &repair);
    let mut judged = None;
    for span in [kept_start..kept_end, start..end] {
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
/// dropped while they are common (so may be clean text) and form no word in `repair`, the
/// recoding of `grown`.
fn trim_growth(
    text: &str,
    grown: Range<usize>,
    core: Range<usize>,
    repair: &str,
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
    let maybe_clean = |i: usize| char_flags(garbled[i].1) & COMMON != 0;
    let mut keep_from = 0;
    for t in &tokens {
        if t.end > lead || t.end - t.start > 1 || !maybe_clean(t.start) {
            break;
        }
        keep_from = t.end;
    }
    let mut keep_to = total;
    for t in tokens.iter().rev() {
        if t.start < total - tail || t.end - t.start > 1 || !maybe_clean(t.start) {
            break;
        }
        keep_to = t.start;
    }
    let byte_at = |i: usize| garbled.get(i).map_or(grown.end, |&(at, _)| at);
    (byte_at(keep_from), byte_at(keep_to.max(keep_from)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, DocSummary};

    proptest::proptest! {
        /// The merged ranges answer "does anything taken overlap this?" exactly as testing
        /// every range taken, however the ranges overlap and in whatever order they come.
        #[test]
        fn claimed_ranges_overlap_like_the_ranges_themselves(
            first in proptest::collection::vec((0usize..60, 1usize..8), 0..12),
            later in proptest::collection::vec((0usize..60, 1usize..8), 0..12),
            queries in proptest::collection::vec((0usize..70, 0usize..8), 1..20),
        ) {
            let to_range = |&(start, len): &(usize, usize)| start..start + len;
            let mut all: Vec<Range<usize>> = first.iter().map(to_range).collect();
            let mut claimed = Claimed::covering(all.clone().into_iter());
            for range in later.iter().map(to_range) {
                claimed.add(range.clone());
                all.push(range);
            }
            for query in queries.iter().map(to_range) {
                let naive = all.iter().any(|r| r.start < query.end && query.start < r.end);
                proptest::prop_assert_eq!(claimed.overlaps(&query), naive, "{:?} in {:?}", query, all);
            }
        }
    }

    fn runs(text: &str) -> Vec<(&str, String, bool)> {
        find_runs(text)
            .into_iter()
            .map(|r| (&text[r.range.clone()], r.repair.clone(), r.is_lossless()))
            .collect()
    }

    /// Encodes `original` with `write` and decodes it with `read`, as a broken pipeline would.
    fn misread(
        original: &str,
        write: &'static encoding_rs::Encoding,
        read: &'static encoding_rs::Encoding,
    ) -> String {
        let (bytes, _, _) = write.encode(original);
        read.decode_without_bom_handling(&bytes).0.into_owned()
    }

    #[test]
    fn utf8_read_as_gbk_is_repaired_exactly() {
        assert_eq!(runs("鍙戝竷"), [("鍙戝竷", "发布".to_string(), true)]);
        assert_eq!(runs("浣犲ソ"), [("浣犲ソ", "你好".to_string(), true)]);
        let text = "标题：鍙戝竷鏃堕棿 2024";
        let found = find_runs(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "鍙戝竷鏃堕棿");
        assert_eq!(found[0].range, 9..27);
        assert_eq!(found[0].repair, "发布时间");
    }

    fn apply_repairs(text: &str) -> String {
        let fixes: Vec<Fix> = find_runs(text)
            .iter()
            .map(|r| Fix {
                title: String::new(),
                range: r.repaired.clone(),
                replacement: r.repair.clone(),
                safe: true,
            })
            .collect();
        crate::analysis::fix::apply_fixes(text, &fixes).0
    }

    #[test]
    fn longer_utf8_as_gbk_sentences_round_trip() {
        // Chosen so that no byte is left dangling at the end (GBK decoders read a lone 0x80
        // as €, which shifts the pairing; such texts lose their last byte).
        for original in [
            "基层党组织是贯彻落实党中央决策部署的“最后一公里”，抓重大任务落实是试金石，也是磨刀",
            "发布时间：二〇二四年五月",
            "在重大斗争中把基层党组织锻造得更加坚强",
        ] {
            let garbled = misread(original, encoding_rs::UTF_8, encoding_rs::GBK);
            assert_eq!(apply_repairs(&garbled), original, "{garbled}");
            assert!(find_runs(&garbled).iter().all(|r| r.is_lossless()));
        }
    }

    #[test]
    fn dangling_last_byte_leaves_a_damaged_tail() {
        // 石。 ends on an odd byte: its last byte became U+FFFD.
        let garbled = misread("落实是试金石。", encoding_rs::UTF_8, encoding_rs::GBK);
        let text = garbled.trim_end_matches('\u{FFFD}');
        let found = find_runs(text);
        assert_eq!(found.len(), 1, "{text}");
        // 。 = E3 80 82 lost its 82: 銆 (E3 80) is damaged.
        assert_eq!(found[0].range, 0..text.len());
        assert_eq!(&text[found[0].repaired.clone()], "钀藉疄鏄\u{E21D}瘯閲戠煶");
        assert_eq!(found[0].repair, "落实是试金石");
        assert!(!found[0].is_lossless());
    }

    #[test]
    fn broken_end_is_flagged_without_a_safe_fix() {
        // 你好吗 lost its last byte: 浣犲ソ鍚 + U+FFFD.
        let text = misread("你好吗", encoding_rs::UTF_8, encoding_rs::GBK);
        let cut = text.trim_end_matches('\u{FFFD}');
        let found = find_runs(cut);
        assert_eq!(found.len(), 1, "{cut}");
        assert_eq!(found[0].repair, "你好");
        assert!(!found[0].is_lossless());
        assert_eq!(&cut[found[0].range.clone()], cut);
    }

    #[test]
    fn utf8_read_as_cp1252() {
        assert_eq!(
            runs("ä½\u{a0}å¥½"),
            [("ä½\u{a0}å¥½", "你好".to_string(), true)]
        );
        // With the no-break space lost, only 好 is left whole.
        assert_eq!(runs("ä½ å¥½"), [("å¥½", "好".to_string(), true)]);
        let quoted = misread("“你好”", encoding_rs::UTF_8, encoding_rs::WINDOWS_1252);
        let text = format!("他说{quoted}。");
        assert_eq!(runs(&text), [(quoted.as_str(), "“你好”".to_string(), true)]);
    }

    /// The repairs found in `garbled` embedded in a Chinese sentence.
    fn repairs_in_sentence(garbled: &str) -> Vec<String> {
        let text = format!("据说{garbled}，请注意。");
        runs(&text)
            .into_iter()
            .map(|(_, repair, _)| repair)
            .collect()
    }

    #[test]
    fn utf8_read_through_foreign_one_byte_pages() {
        // UTF-8 shown as windows-1251 and as code page 437.
        assert_eq!(repairs_in_sentence("иЇ·е…€е¤‡д»Ѕж•°жЌ®"), ["请先备份数据"]);
        assert_eq!(repairs_in_sentence("зЅ‘з»њиїћжЋҐе¤±иґҐ"), ["网络连接失败"]);
        assert_eq!(
            repairs_in_sentence("σ«ëΦúàΦ╜»Σ╗╢σîàΣ╣ïσëì"),
            ["安装软件包之前"]
        );
        let found = find_runs("据说Φ»╖σàêσñçΣ╗╜µò░µì«，请注意。");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].misreading,
            Misreading::Utf8AsForeignPage(ForeignPage::Cp437)
        );
        assert!(found[0].is_lossless());
    }

    #[test]
    fn gbk_read_through_foreign_pages() {
        assert_eq!(repairs_in_sentence("╟δ╧╚▒╕╖▌╩²╛▌"), ["请先备份数据"]);
        assert_eq!(repairs_in_sentence("ﾎﾞｷｨｶﾁﾈ｡"), ["无法读取"]);
        assert_eq!(repairs_in_sentence("헝邱구룀鑒앴"), ["请先备份数据"]);
        assert_eq!(repairs_in_sentence("갛陋흡숭관裂품"), ["安装软件包之前"]);
        // UTF-8 shown as Shift_JIS: kanji with half-width katakana between them.
        assert_eq!(repairs_in_sentence("鄂醍ｻ懆ｿ樊磁螟ｱ雍･"), ["网络连接失败"]);
        // A window that starts inside a two-byte character is flagged but not repaired.
        let found = find_runs("据说醍ｻ懆ｿ樊磁螟ｱ雍･，请注意。");
        assert_eq!(found.len(), 1);
        assert!(found[0].repair.is_empty() || found[0].is_lossless());
    }

    #[test]
    fn short_runs_through_foreign_pages_are_judged_with_their_neighbours() {
        let repaired =
            |text: &str| -> Vec<String> { runs(text).into_iter().map(|r| r.1).collect() };
        assert_eq!(repaired("明天可能дё‹й›Ё，记得带伞"), ["下雨"]);
        assert_eq!(repaired("他每天晚上Φ»╗Σ╣ª到深夜"), ["读书"]);
        // A no-break space is a trail byte in windows-1251 (格 is E6 A0 BC).
        assert_eq!(repaired("输出的ж\u{A0}јејЏ是文本"), ["格式"]);
        // A digit or the start of a line on one side, Chinese on the other.
        assert_eq!(repaired("处以3е№ґд»Ґ下有期徒刑"), ["年以"]);
        assert_eq!(repaired("说明如下。\nиЇ·жіЁ意，机器上有两块硬盘"), ["请注"]);
        // UTF-8 read as GBK, three rare characters glued inside a sentence.
        assert_eq!(repaired("请参考下面的渚嬪瓙，再动手"), ["例子"]);
        // Digits or a line edge on both sides are not enough.
        assert!(runs("编号 12е№ґд»Ґ34").is_empty());
        assert!(runs("\nе№ґд»Ґ\n").is_empty());
        // Real Russian beside Chinese stays quiet.
        assert!(runs("俄语里“да”是是，“нет”是不，“еда”是食物。").is_empty());
        assert!(runs("Съешь же ещё этих мягких булок").is_empty());
    }

    #[test]
    fn utf8_read_as_koi8r_and_mac_roman() {
        for (encoding, page) in [
            (encoding_rs::KOI8_R, ForeignPage::Koi8R),
            (encoding_rs::MACINTOSH, ForeignPage::MacRoman),
        ] {
            for clean in ["请先备份数据", "系统的默认设置", "安装"] {
                let garbled = misread(clean, encoding_rs::UTF_8, encoding);
                let text = format!("第三步：{garbled}，然后重启。");
                let found = find_runs(&text);
                assert_eq!(found.len(), 1, "{text}: {found:?}");
                assert_eq!(found[0].repair, clean, "{text}");
                assert_eq!(found[0].misreading, Misreading::Utf8AsForeignPage(page));
                assert!(found[0].is_lossless());
            }
        }
        // A whole title line, its ASCII left alone.
        let garbled = misread("安装", encoding_rs::UTF_8, encoding_rs::KOI8_R);
        let text = format!("D.3.2. {garbled} debootstrap\n");
        assert_eq!(runs(&text), [(garbled.as_str(), "安装".to_string(), true)]);
    }

    #[test]
    fn real_russian_and_accented_latin_stay_quiet_under_new_pages() {
        for text in [
            "Привет, мир! Это обычный русский текст, ёлка и Ёж.",
            "ГОСТ Р 7.0.5—2008 «Библиографическая ссылка»，即俄罗斯国家标准。",
            "╔══════╗\n║ Меню ║\n╚══════╝",
            "Ça va? Être ou ne pas être. Ålesund, Ärger, Élève, Ñandú, Âge d'or.",
            "CAFÉ CRÈME À LA CARTE, ÉCOLE ÉLÉMENTAIRE, ÊTRE, MÂCON, BÂTIMENT",
            "利润率提升 5‰，约为千分之五。",
            "┌─Д─┐ 表格里的 Д 是俄文字母。",
        ] {
            assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
        }
    }

    #[test]
    fn short_crossed_pairs_with_kana_or_cyrillic() {
        let repaired =
            |text: &str| -> Vec<String> { runs(text).into_iter().map(|r| r.1).collect() };
        // Big5 意它 and 改動 shown as GBK, glued inside Traditional sentences.
        assert_eq!(repaired("你應該注種ウ們的侷限性"), ["意它"]);
        assert_eq!(repaired("這裡不需要э笆。"), ["改動"]);
        // A line quoting Japanese or Russian, kana standing apart, and Japanese itself stay quiet.
        for text in [
            "日語「種ウ」與「見る」的寫法不同。",
            "動詞見る的意思是看，書く是寫。",
            "俄語 да 與 э笆 不同。",
            "這是見る。",
            "日本語を話す人は多い。",
        ] {
            assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
        }
    }

    #[test]
    fn traditional_text_written_in_gbk_read_as_big5() {
        for clean in ["可以透過指令設定", "使用者名稱", "伺服器設定"] {
            let garbled = misread(clean, encoding_rs::GBK, encoding_rs::BIG5);
            let text = format!("這裡{garbled}，請注意。");
            let found = find_runs(&text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(
                found[0].misreading,
                Misreading::Crossed(DoubleByte::Gbk, DoubleByte::Big5)
            );
        }
        // Real Traditional prose with rare characters stays quiet.
        for text in [
            "麒麟與鳳凰皆為瑞獸，饕餮紋常見於商周青銅器。",
            "蹣跚學步的孩子躡手躡腳地走進廚房。",
            "魑魅魍魎，皆山林異氣所生。",
        ] {
            assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
        }
    }

    #[test]
    fn utf8_read_as_gbk_twice() {
        for clean in ["特别注意", "网络设置", "数据备份"] {
            let once = misread(clean, encoding_rs::UTF_8, encoding_rs::GBK);
            let twice = misread(&once, encoding_rs::UTF_8, encoding_rs::GBK);
            let text = format!("请{twice}，然后继续。");
            let found = find_runs(&text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].repair, clean, "{text}");
            assert_eq!(
                found[0].misreading,
                Misreading::Utf8AsTwice(DoubleByte::Gbk)
            );
            assert!(found[0].is_lossless());
        }
        // Mojibake of one misreading is repaired once, not twice.
        let found = find_runs("请鐗瑰埆娉ㄦ剰，然后继续。");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].repair, "特别注意");
        assert_eq!(found[0].misreading, Misreading::Utf8As(DoubleByte::Gbk));
        // Real text with rare characters stays quiet.
        for text in [
            "鑫鑫鑫淼淼淼",
            "他的名字叫鎏金，住在垚山。",
            "閻王殿前鍾馗捉鬼",
        ] {
            assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
        }
    }

    #[test]
    fn utf8_read_as_cp1252_twice() {
        let once = misread("安装文件", encoding_rs::UTF_8, encoding_rs::WINDOWS_1252);
        let twice = misread(&once, encoding_rs::UTF_8, encoding_rs::WINDOWS_1252);
        let found = find_runs(&twice);
        assert_eq!(found.len(), 1, "{twice}");
        assert_eq!(found[0].repair, "安装文件");
        assert_eq!(found[0].misreading, Misreading::Utf8AsCp1252Twice);
    }

    #[test]
    fn real_japanese_korean_russian_and_box_drawing_stay_quiet() {
        for text in [
            "日语的“ありがとうございます”和韩语的“감사합니다”意思相同。",
            "招牌上写着「ｱｲｳｴｵ」和「東京タワー」，是日文半角片假名。",
            "韩国首都서울특별시的人口约为九百万。",
            "한국어 문장은 띄어쓰기를 합니다",
            "俄语“Добро пожаловать”是欢迎光临的意思，Москва 即莫斯科。",
            "где же деньги，Съешь ещё этих мягких французских булок",
            "┌──────┬──────┐\n│ 名称 │ 说明 │\n├──────┼──────┤\n└──────┴──────┘",
            "公式 Σσ τ = Φ(Θ) 中的 µ 是均值，α ß Γ π 都是希腊字母。",
            "░▒▓█ 进度条 ▄▌▐▀",
        ] {
            assert!(runs(text).is_empty(), "{text}: {:?}", runs(text));
        }
    }

    #[test]
    fn gbk_read_as_latin1() {
        assert_eq!(runs("ÄãºÃ"), [("ÄãºÃ", "你好".to_string(), true)]);
        let garbled = misread("发布时间", encoding_rs::GBK, encoding_rs::WINDOWS_1252);
        assert_eq!(runs(&garbled)[0].1, "发布时间");
    }

    #[test]
    fn big5_and_gbk_confusions() {
        let original = "我們的國家正在發展，人民生活越來越好";
        let garbled = misread(original, encoding_rs::BIG5, encoding_rs::GBK);
        let found = runs(&garbled);
        assert_eq!(found.len(), 1, "{garbled}");
        assert_eq!(found[0].1, original);
        let original = "我们的国家正在发展，人民生活越来越好";
        let garbled = misread(original, encoding_rs::GBK, encoding_rs::BIG5);
        // 人 (C8CB) is no Big5 code: it became U+FFFD, which splits the run. Past it, the
        // edge characters 汜 (民) and 疑 (好) are common and make no word with the repair,
        // so they could be clean text: only the sure part is reported.
        let repairs: Vec<String> = runs(&garbled).into_iter().map(|r| r.1).collect();
        assert_eq!(repairs, ["我们的国家正在发展，", "生活越来越"], "{garbled}");
    }

    #[test]
    fn quoted_examples_of_misread_letters_stay_quiet() {
        assert!(runs("若終端機無法顯示 “Ã©” 或 Ã¨” 或 “Ã§” 等重音字母").is_empty());
        assert_eq!(runs("我们在CafÃ©见面")[0].1, "é");
    }

    #[test]
    fn near_misses_stay_quiet() {
        for text in [
            "发布时间：2024年",
            "滚烫的锅，别烫伤",
            "Café résumé naïve",
            "×÷±°",
            "“……”——",
            "これは日本語の文章です",
            "温度 25°C，价格 £5，3×4",
            "鄧鍇鑫先生",
            "锟斤拷锟斤拷",
            "Ã",
        ] {
            assert!(find_runs(text).is_empty(), "{text}: {:?}", runs(text));
        }
    }

    #[test]
    fn classical_verse_with_rare_characters_stays_quiet() {
        // Reduplicated and rare but legitimate characters of the 诗经 and Tang/Song verse
        // recode to level 1 characters too (芃芃 → 刷刷), yet no mojibake is there.
        for text in [
            "芃芃黍苗，阴雨膏之。四国有王，郇伯劳之。",
            "倡樓妝㸌㸌，農野綠芃芃。",
            "蓺之荏菽，荏菽旆旆。禾役穟穟，麻麦幪幪，瓜瓞唪唪。",
            "鲁侯戾止，言观其旂。其旂茷茷，鸾声哕哕。",
            "寥泬敞延英，朝班立位橫。",
            "浮雲不相顧，寥泬誰爲梯。",
            "听琤琤漏永，洗银林、梅英半寒收。",
            "竹露點衣巾，湖煙濕扃鑰。",
            "峨峨羣玉山，肅肅紫殿東。",
            "澗草疎疎螢火光，山月朗朗楓樹長。",
            "三幅吹空縠，孰寫仙禽狀。",
            "生前有敵唯丹桂，沒後無家秖白蘋。",
            "長風吹窾木，始有音韻吐。",
            "月娥如有相思淚，秖待方諸寄兩行。",
            "人生代代無窮已，江月年年秖相似。",
            "意君來此地，時復疎林薄。",
            "□望极平田，徘徊欲下，依前被、风惊起。",
            "笳鼓喧喧，旌旗猎猎。",
        ] {
            assert!(find_runs(text).is_empty(), "{text}: {:?}", runs(text));
        }
    }

    #[test]
    fn seed_body_is_clean() {
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        assert!(find_runs(seed).is_empty(), "{:?}", runs(seed));
    }

    /// `original` misread inside `before`…`after`: the text and the garbled span.
    fn embedded(
        before: &str,
        original: &str,
        after: &str,
        write: &'static encoding_rs::Encoding,
        read: &'static encoding_rs::Encoding,
    ) -> (String, Range<usize>) {
        let garbled = misread(original, write, read);
        let start = before.len();
        (
            format!("{before}{garbled}{after}"),
            start..start + garbled.len(),
        )
    }

    #[test]
    fn short_big5_as_gbk_run_inside_clean_text() {
        let (text, span) = embedded(
            "在印表機的 [內容] ",
            "對話方塊中",
            "，將紙張方向設定為橫向。",
            encoding_rs::BIG5,
            encoding_rs::GBK,
        );
        let found = find_runs(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].range, span);
        assert_eq!(&text[span], "癸杠よ遏い");
        assert_eq!(found[0].repair, "對話方塊中");
        assert!(found[0].is_lossless());
        assert_eq!(
            found[0].misreading,
            Misreading::Crossed(DoubleByte::Big5, DoubleByte::Gbk)
        );
        // Kana that all turn into common characters, in verse that forms no dictionary word.
        let (text, span) = embedded(
            "麗日流鶯早，",
            "涼天墜露",
            "初。",
            encoding_rs::BIG5,
            encoding_rs::GBK,
        );
        let found = find_runs(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(
            (found[0].range.clone(), found[0].repair.as_str()),
            (span, "涼天墜露")
        );
    }

    #[test]
    fn short_gbk_as_big5_run_inside_clean_text() {
        // Mostly Big5 level 1 characters, with one rare one: only words tell.
        let (text, span) = embedded(
            "手机版\n",
            "盗卖终将解决",
            "\n维护股民权益、保护中小投资者",
            encoding_rs::GBK,
            encoding_rs::BIG5,
        );
        let found = find_runs(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].range, span);
        assert_eq!(found[0].repair, "盗卖终将解决");
        // A character read through code page 950 (①, not the WHATWG reading 啤).
        let text = "的儿子也正好11岁，坴腔陑①岆嗣繫祥す噙啊！";
        let found = find_runs(text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(&text[found[0].range.clone()], "坴腔陑①岆嗣繫祥す噙");
        assert_eq!(found[0].repair, "她的心情是多么不平静");
    }

    #[test]
    fn gbk_as_cp1252_with_ascii_trail_bytes() {
        // 發 = B0 6C, 時 = 95 72: trail bytes shown as letters, a lead byte as •.
        let (text, span) = embedded(
            "讓改革紅利惠及更多羣衆\n",
            "發布時間",
            "：2018-08-03 來源：新華網",
            encoding_rs::GBK,
            encoding_rs::WINDOWS_1252,
        );
        assert_eq!(&text[span.clone()], "°l²¼•rég");
        let found = find_runs(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].range, span);
        assert_eq!(found[0].repair, "發布時間");
        assert_eq!(
            found[0].misreading,
            Misreading::DoubleByteAsCp1252(DoubleByte::Gbk)
        );
        let garbled = misread(
            "輸入時進行拼字檢查",
            encoding_rs::GBK,
            encoding_rs::WINDOWS_1252,
        );
        assert_eq!(
            runs(&garbled),
            [(garbled.as_str(), "輸入時進行拼字檢查".to_string(), true)]
        );
    }

    #[test]
    fn utf8_as_gbk_with_a_rare_character_is_judged_by_words() {
        let (text, span) = embedded(
            "曰：“不愤不启，",
            "不悱不发",
            "，举一隅不以三隅反，则不复也。”",
            encoding_rs::UTF_8,
            encoding_rs::GBK,
        );
        let found = find_runs(&text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].range, span);
        assert_eq!(found[0].repair, "不悱不发");
    }

    #[test]
    fn european_and_japanese_text_stays_quiet() {
        for text in [
            "他引用了法语「Ça a été très difficile à écrire」和德语「Größe über Äpfel」。",
            "Très élégant, déjà vu, crème brûlée, naïveté, Œuvre, Ærø, Þórður, São João",
            "德国学者 Müller 和西班牙记者 José García 也参加了研讨会。",
            "日本品牌「ユニクロ」在台北開設了旗艦店。",
            "日本品牌「ユニクロ」在上海开设了旗舰店。",
            "他說「こんにちは」，又說「ありがとう」。",
            "設α為常數，β與γ皆為正數，則Δ值為零。",
            "温度 25°C，±0.5°C，价格 €5、£3，“引号”……——",
        ] {
            assert!(find_runs(text).is_empty(), "{text}: {:?}", runs(text));
        }
    }

    #[test]
    fn detect_reports_message_and_fix() {
        let config = Config::default();
        let text = "鍙戝竷";
        let doc = Document::new(text, DocSummary::of(text), &config);
        let mut out = Vec::new();
        detect(&doc, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].message,
            "「鍙戝竷」疑为乱码（UTF-8 被按 GBK 解读），应为「发布」"
        );
        assert_eq!(out[0].fixes[0].replacement, "发布");
        assert!(out[0].fixes[0].safe);
    }
}
