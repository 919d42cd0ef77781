//! Where each kind of mojibake could start, found in one pass over the text with one table
//! lookup per character.

use super::foreign_pages;
use crate::analysis::garble::codepage::{
    BIG5_SEQ_START, COMMON, DoubleByte, GBK_SEQ_START, IN_BIG5, IN_GBK, SINGLE_BYTE, char_flags,
};
use std::ops::Range;

/// Where each kind could start, found in one pass with one table lookup per character, so
/// clean text costs little more than decoding its characters.
#[derive(Default)]
pub(super) struct MojibakeStarts {
    pub(super) gbk_starts: Vec<usize>,
    pub(super) big5_starts: Vec<usize>,
    /// Runs of windows-1252/Latin-1 characters (two or more non-ASCII ones), which may carry
    /// single ASCII characters `@`–`~` after a non-ASCII one: GBK and Big5 trail bytes
    /// 0x40–0x7E show up as ASCII letters when the text is read as Latin-1.
    pub(super) latin1_runs: Vec<Range<usize>>,
    /// Clusters of rare characters (or kana and symbols) that have a code in the encoding
    /// that misread them: where crossed Big5/GBK runs sit, even inside long clean text.
    pub(super) crossed: Vec<(Range<usize>, DoubleByte)>,
    /// A character that Chinese bytes become through a non-Chinese code page was seen
    /// (see `foreign_pages`), so those pages are worth searching.
    pub(super) foreign_seed: bool,
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

impl MojibakeStarts {
    pub(super) fn of(text: &str) -> MojibakeStarts {
        let mut found = MojibakeStarts::default();
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
