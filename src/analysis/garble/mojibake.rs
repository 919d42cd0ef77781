//! `garble/mojibake`: text decoded with the wrong encoding, and its lossless repair.
//!
//! Kinds found, each by re-encoding a candidate run the way it was misread and decoding it the
//! way it was written:
//! - UTF-8 read as GBK (鍙戝竷 → 发布) or as Big5. A window starts at a character whose GBK
//!   (Big5) code has lead E2–E9/EF and trail 80–BF, i.e. the first two bytes of a three-byte
//!   UTF-8 sequence (≈1% of clean characters, every third one in mojibake), and grows while the
//!   bytes keep decoding to CJK characters. A broken end (a lost byte) is flagged, not repaired.
//! - UTF-8 read as windows-1252/Latin-1 (ä½ å¥½ → 你好, â€œ → “), ftfy-style.
//! - GBK or Big5 read as Latin-1 (ÄãºÃ → 你好): runs of ≥ 4 Latin-1 letters that decode to
//!   common Han.
//! - Big5 read as GBK and GBK read as Big5: runs full of rare characters (or kana) whose
//!   re-decoding is made of common characters and of dictionary words (jieba, run only on
//!   these few candidates).
//!
//! A repair must read like Chinese (mostly common characters, see `codepage`) while the
//! original does not, so ordinary prose that happens to contain such characters stays quiet.
//! The fix is safe only when the whole run is recovered exactly.

use super::codepage::{
    BIG5_SEQ_START, COMMON, DoubleByte, GBK_SEQ_START, IN_BIG5, IN_GBK, SINGLE_BYTE, char_flags,
    common_share, decode_pair, encode_pair, is_cjk_punctuation, single_byte_of,
};
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix, Locale};
use crate::analysis::script::{is_han, simplified_char};
use crate::analysis::segment::jieba;
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
}

impl Misreading {
    fn describe(self, locale: Locale) -> String {
        let (written, read) = match self {
            Misreading::Utf8As(db) => ("UTF-8", db.name()),
            Misreading::Utf8AsCp1252 => ("UTF-8", "Windows-1252"),
            Misreading::DoubleByteAsCp1252(db) => (db.name(), "Latin-1"),
            Misreading::Crossed(from, to) => (from.name(), to.name()),
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
    for range in &candidates.single_byte_runs {
        misread_as_cp1252(text, range.clone(), &mut runs);
    }
    keep_first_of_overlapping(&mut runs);
    let claimed: Vec<Range<usize>> = runs.iter().map(|r| r.range.clone()).collect();
    for (range, read) in &candidates.crossed {
        let written = match read {
            DoubleByte::Gbk => DoubleByte::Big5,
            DoubleByte::Big5 => DoubleByte::Gbk,
        };
        crossed_double_byte(text, range.clone(), written, *read, &claimed, &mut runs);
    }
    keep_first_of_overlapping(&mut runs);
    runs
}

/// Where each kind could start, found in one pass with one table lookup per character, so
/// clean text costs little more than decoding its characters.
#[derive(Default)]
struct Candidates {
    gbk_starts: Vec<usize>,
    big5_starts: Vec<usize>,
    /// Runs of two or more windows-1252/Latin-1 characters.
    single_byte_runs: Vec<Range<usize>>,
    /// Runs of characters with a code in the encoding that misread them, enough of them rare.
    crossed: Vec<(Range<usize>, DoubleByte)>,
}

/// A run of characters sharing a flag, with a count of the rare ones.
#[derive(Clone, Copy, Default)]
struct RunCount {
    start: usize,
    chars: usize,
    rare: usize,
}

impl Candidates {
    fn of(text: &str) -> Candidates {
        const MIN_CROSSED_CHARS: usize = 4;
        let mut found = Candidates::default();
        let mut single = RunCount::default();
        let mut in_read = [RunCount::default(); 2];
        let reads = [(IN_GBK, DoubleByte::Gbk), (IN_BIG5, DoubleByte::Big5)];
        for (at, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), '\0')))
        {
            let f = char_flags(c);
            if f & GBK_SEQ_START != 0 {
                found.gbk_starts.push(at);
            }
            if f & BIG5_SEQ_START != 0 {
                found.big5_starts.push(at);
            }
            if f & SINGLE_BYTE != 0 {
                if single.chars == 0 {
                    single.start = at;
                }
                single.chars += 1;
            } else {
                if single.chars >= 2 {
                    found.single_byte_runs.push(single.start..at);
                }
                single.chars = 0;
            }
            for (run, &(flag, read)) in in_read.iter_mut().zip(&reads) {
                if f & flag != 0 {
                    if run.chars == 0 {
                        *run = RunCount {
                            start: at,
                            chars: 0,
                            rare: 0,
                        };
                    }
                    run.chars += 1;
                    run.rare += (f & COMMON == 0) as usize;
                } else {
                    if run.chars >= MIN_CROSSED_CHARS && run.rare * 10 >= run.chars * 3 {
                        found.crossed.push((run.start..at, read));
                    }
                    run.chars = 0;
                }
            }
        }
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

/// The repair reads like Chinese and the garbled text does not.
fn reads_better(garbled: &str, repair: &str) -> bool {
    if repair.chars().count() < 2 || !repair.chars().any(is_han) {
        return false;
    }
    let before = common_share(garbled);
    let after = common_share(repair);
    // Big5 level 1 is broad, so mojibake keeps many "common" characters; the gain matters.
    if after < 0.8 || after - before < 0.2 {
        return false;
    }
    // Two characters can be common by chance; real text also forms words.
    const SHORT: usize = 2;
    repair.chars().filter(|&c| is_han(c)).count() > SHORT || word_coverage(repair) >= 0.5
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
        let garbled = &text[at..repaired_end];
        if !reads_better(garbled, repair) {
            resume = repaired_end;
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

/// A run decoded as windows-1252 or Latin-1: UTF-8 (ftfy-style) or GBK/Big5 underneath.
fn misread_as_cp1252(text: &str, run: Range<usize>, out: &mut Vec<MojibakeRun>) {
    let mut bytes: Vec<u8> = Vec::with_capacity(run.len());
    let mut offsets: Vec<usize> = Vec::with_capacity(run.len() + 1);
    for (at, c) in text[run.clone()].char_indices() {
        bytes.push(single_byte_of(c).unwrap_or(b'?'));
        offsets.push(run.start + at);
    }
    offsets.push(run.end);
    let before = out.len();
    utf8_windows(&bytes, &offsets, out);
    if out.len() == before {
        double_byte_under_latin1(text, &bytes, &offsets, out);
    }
}

/// A decoded character a UTF-8-as-cp1252 repair may produce.
fn plausible_utf8_repair(c: char) -> bool {
    !matches!(c as u32, 0x80..=0x9F | 0xFFFD | 0xE000..=0xF8FF | 0xF0000..)
}

fn utf8_windows(bytes: &[u8], offsets: &[usize], out: &mut Vec<MojibakeRun>) {
    let mut p = 0;
    while p < bytes.len() {
        let start = p;
        let mut repair = String::new();
        while let Ok((c, len)) = decode_utf8_step(&bytes[p..]) {
            if !plausible_utf8_repair(c) {
                break;
            }
            repair.push(c);
            p += len;
        }
        if p == start {
            p += 1;
            continue;
        }
        let single_two_byte = p - start == 2;
        let accept = !single_two_byte
            || repair
                .chars()
                .next()
                .is_some_and(|c| matches!(c as u32, 0xA0..=0x17F));
        if accept {
            out.push(MojibakeRun {
                range: offsets[start]..offsets[p],
                misreading: Misreading::Utf8AsCp1252,
                repaired: offsets[start]..offsets[p],
                repair,
            });
        }
    }
}

/// GBK or Big5 text shown as Latin-1 (ÄãºÃ): mostly Latin-1 letters, pairs decode to Han.
fn double_byte_under_latin1(
    text: &str,
    bytes: &[u8],
    offsets: &[usize],
    out: &mut Vec<MojibakeRun>,
) {
    // GBK and Big5 codes of common characters use bytes A1–FE only, so windows-1252's
    // quotes, dashes and ellipsis (“……”——) never start this.
    if bytes.len() < 4 || bytes.iter().any(|&b| b < 0xA1) {
        return;
    }
    let spans = if bytes.len().is_multiple_of(2) {
        vec![0..bytes.len()]
    } else {
        vec![0..bytes.len() - 1, 1..bytes.len()]
    };
    let mut best: Option<(f64, DoubleByte, Range<usize>, String)> = None;
    for span in &spans {
        for db in [DoubleByte::Gbk, DoubleByte::Big5] {
            let Some(repair) = decode_pairs(db, &bytes[span.clone()]) else {
                continue;
            };
            let garbled = &text[offsets[span.start]..offsets[span.end]];
            if !reads_better(garbled, &repair) {
                continue;
            }
            let score = common_share(&repair);
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, db, span.clone(), repair));
            }
        }
    }
    if let Some((_, db, span, repair)) = best {
        let range = offsets[span.start]..offsets[span.end];
        out.push(MojibakeRun {
            range: range.clone(),
            misreading: Misreading::DoubleByteAsCp1252(db),
            repaired: range,
            repair,
        });
    }
}

/// Decodes `bytes` as pairs in `db`; `None` unless every pair is a valid two-byte code.
fn decode_pairs(db: DoubleByte, bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len() * 3 / 2);
    for pair in bytes.chunks(2) {
        let &[lead, trail] = pair else { return None };
        out.push(decode_pair(db, lead, trail)?);
    }
    Some(out)
}

/// Share of the Han characters of `text` that belong to multi-character dictionary words
/// (jieba without HMM, so unknown sequences stay single characters).
fn word_coverage(text: &str) -> f64 {
    let simplified: String = text.chars().map(simplified_char).collect();
    let han = simplified.chars().filter(|&c| is_han(c)).count();
    if han == 0 {
        return 0.0;
    }
    let in_words: usize = jieba()
        .cut(&simplified, false)
        .iter()
        .map(|t| t.word.chars().count())
        .filter(|&n| n >= 2)
        .sum();
    in_words as f64 / han as f64
}

/// Bytes of `written` shown through `read`: a candidate run of characters with a two-byte
/// code in `read`, full of rare characters, whose bytes decode in `written` to common words.
fn crossed_double_byte(
    text: &str,
    run: Range<usize>,
    written: DoubleByte,
    read: DoubleByte,
    claimed: &[Range<usize>],
    out: &mut Vec<MojibakeRun>,
) {
    if claimed
        .iter()
        .any(|r| r.start < run.end && run.start < r.end)
    {
        return;
    }
    let garbled = &text[run.clone()];
    let mut bytes = Vec::with_capacity(garbled.len());
    for c in garbled.chars() {
        bytes.extend_from_slice(&encode_pair(read, c).unwrap_or_default());
    }
    let Some(repair) = decode_pairs(written, &bytes) else {
        return;
    };
    // Crossed readings often keep some common characters by chance, so the test is a clear
    // gain in common characters plus words where there were none.
    let (share_after, share_before) = (common_share(&repair), common_share(garbled));
    if share_after < 0.9 || share_after - share_before < 0.3 {
        return;
    }
    let (after, before) = (word_coverage(&repair), word_coverage(garbled));
    if after >= 0.5 && before <= 0.25 {
        out.push(MojibakeRun {
            range: run.clone(),
            misreading: Misreading::Crossed(written, read),
            repaired: run,
            repair,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Config, DocSummary};

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
        // 人 (C8CB) is no Big5 code: it became U+FFFD, which splits the run.
        let repairs: Vec<String> = runs(&garbled).into_iter().map(|r| r.1).collect();
        assert_eq!(
            repairs,
            ["我们的国家正在发展，", "民生活越来越好"],
            "{garbled}"
        );
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
    fn seed_body_is_clean() {
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        assert!(find_runs(seed).is_empty(), "{:?}", runs(seed));
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
