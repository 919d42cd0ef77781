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
//! The fix covers the part of a run that decodes exactly from whole byte sequences and is
//! safe; a damaged rest (a byte lost) is left as it is, reported.
//!
//! The parts, by what the bytes went through: `utf8_as_double_byte` (UTF-8 read as GBK or
//! Big5, once or twice), `single_byte` (read through windows-1252/Latin-1 or a foreign page:
//! UTF-8 or GBK/Big5 underneath), `crossed` (Big5 read as GBK and GBK as Big5). `candidates`
//! finds where each kind could start in one pass, `lost_bytes` rebuilds UTF-8 read as
//! windows-1252 whose undefined bytes became U+FFFD (a guess, never a safe fix), `claimed` keeps the ranges runs already
//! hold, and `plausibility` decides whether a repair reads like Chinese.

mod candidates;
mod claimed;
mod crossed;
mod leftovers;
mod lost_bytes;
mod plausibility;
mod single_byte;
mod utf8_as_double_byte;

#[cfg(test)]
mod tests;

use super::codepage::DoubleByte;
use super::foreign_pages::{self, ForeignPage};
use super::mention::is_quoted_example;
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix, Locale};
use candidates::MojibakeStarts;
use claimed::Claimed;
use crossed::crossed_double_byte;
use single_byte::{confirmed_double_byte_under_latin1, misread_as_cp1252, misread_as_foreign};
use std::ops::Range;
use utf8_as_double_byte::utf8_as_double_byte;

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
    /// Set when the repair is a guess — lost bytes filled in (see `lost_bytes`), or a
    /// character with two codes read one way (see `crossed`): the repair is offered, never
    /// safe; the pieces it holds that are certain are fixed safely.
    pub guess: Option<SurePieces>,
}

/// The parts of a guessed repair that decode exactly: (range, repair).
pub type SurePieces = Vec<(Range<usize>, String)>;

/// The sure pieces of a guessed repair given character by character: each garbled character's
/// range in `text` with its repair, `None` where the repair is a guess. Consecutive sure
/// characters join; pieces that would change nothing are no fixes and are dropped.
fn sure_pieces(
    text: &str,
    chars: impl IntoIterator<Item = (Range<usize>, Option<char>)>,
) -> SurePieces {
    let mut pieces: SurePieces = Vec::new();
    let mut open = false;
    for (range, repair) in chars {
        match (repair, pieces.last_mut()) {
            (Some(r), Some((piece, repair))) if open => {
                piece.end = range.end;
                repair.push(r);
            }
            (Some(r), _) => pieces.push((range, r.to_string())),
            (None, _) => {}
        }
        open = repair.is_some();
    }
    pieces.retain(|(range, repair)| text[range.clone()] != *repair);
    pieces
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
        let message = if run.guess.is_some() {
            doc.locale.pick(
                format!(
                    "「{garbled}」疑为乱码（{how}），无法确定还原；推测为「{}」",
                    run.repair
                ),
                format!(
                    "“{garbled}” looks garbled ({how}) and cannot be recovered for certain; probably “{}”",
                    run.repair
                ),
            )
        } else if run.repair.is_empty() {
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
                // `repaired` decodes exactly from whole byte sequences, so its repair is
                // as sure as a lossless run's; the damaged rest is left as it is. A repair
                // that guesses lost bytes is only offered, with its sure pieces safe.
                safe: run.guess.is_none(),
            });
            for (range, repair) in run.guess.iter().flatten() {
                finding = finding.with_fix(Fix {
                    title: doc.locale.pick(
                        format!("还原可确定的部分「{repair}」"),
                        format!("Recover the certain part “{repair}”"),
                    ),
                    range: range.clone(),
                    replacement: repair.clone(),
                    safe: true,
                });
            }
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
    let candidates = MojibakeStarts::of(text);
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
    // Latin-1 runs nothing explained, or only single characters read as UTF-8 (ªÅ¦ → ªŦ),
    // with the indices of those weak runs.
    let mut unexplained: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for range in &candidates.latin1_runs {
        if !taken_by_mac_roman.overlaps(range) {
            let found = runs.len();
            misread_as_cp1252(text, range.clone(), &mut runs);
            let weak = runs[found..]
                .iter()
                .all(|r| r.misreading == Misreading::Utf8AsCp1252 && r.repair.chars().count() == 1);
            if weak {
                unexplained.push((range.clone(), found..runs.len()));
            }
        }
    }
    // Once a line shows GBK or Big5 read as Latin-1, its short leftovers (a closing bracket
    // and full stop, one word) are read the same way. The evidence stays within the line,
    // so that a line's findings do not depend on the rest of the document.
    let confirmed_starts = |db| {
        let mut starts: Vec<usize> = runs
            .iter()
            .filter(|r| r.misreading == Misreading::DoubleByteAsCp1252(db))
            .map(|r| r.range.start)
            .collect();
        starts.sort_unstable();
        starts
    };
    let (gbk_starts, big5_starts) = (
        confirmed_starts(DoubleByte::Gbk),
        confirmed_starts(DoubleByte::Big5),
    );
    if gbk_starts.is_empty() && big5_starts.is_empty() {
        unexplained.clear();
    }
    // The runs come in order, so each line is found once.
    let mut line: Option<Range<usize>> = None;
    let mut superseded = vec![false; runs.len()];
    let mut leftovers = Vec::new();
    for (range, weak) in unexplained {
        let line = match &line {
            Some(l) if l.start <= range.start && range.start <= l.end => l.clone(),
            _ => line.insert(line_around(text, range.start)).clone(),
        };
        let within = |starts: &[usize]| {
            starts.partition_point(|&s| s < line.end) - starts.partition_point(|&s| s < line.start)
        };
        let (gbk, big5) = (within(&gbk_starts), within(&big5_starts));
        if gbk + big5 == 0 {
            continue;
        }
        let db = if gbk >= big5 {
            DoubleByte::Gbk
        } else {
            DoubleByte::Big5
        };
        if let Some(run) = confirmed_double_byte_under_latin1(text, range, db) {
            superseded[weak].fill(true);
            leftovers.push(run);
        }
    }
    let mut index = 0;
    runs.retain(|_| {
        index += 1;
        !superseded[index - 1]
    });
    runs.append(&mut leftovers);
    // UTF-8 read as windows-1252 with bytes lost: rebuilt over the sure pieces found above.
    if text.contains('\u{FFFD}') {
        let mut rebuilt = Vec::new();
        lost_bytes::rebuilt_runs(text, &mut rebuilt);
        let other = Claimed::covering(
            runs.iter()
                .filter(|r| r.misreading != Misreading::Utf8AsCp1252)
                .map(|r| r.range.clone()),
        );
        rebuilt.retain(|r| !other.overlaps(&r.range));
        let cover = Claimed::covering(rebuilt.iter().map(|r| r.range.clone()));
        runs.retain(|r| !cover.overlaps(&r.range));
        runs.append(&mut rebuilt);
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
    // Pieces of a line's crossed damage cut off by ASCII or spaces are read the same way.
    leftovers::absorb_crossed_leftovers(text, &mut runs);
    for run in runs.iter_mut() {
        crossed::doubt_ambiguous_codes(text, run);
    }
    keep_first_of_overlapping(&mut runs);
    // Mojibake quoted as an example of itself (常见乱码如“浣犲ソ”) is not damage.
    runs.retain(|r| !is_quoted_example(text, r.range.clone()));
    runs
}

/// The line holding byte `at`, without its line break.
fn line_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
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
