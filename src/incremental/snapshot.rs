//! [`Snapshot`], the immutable snapshot of one version, and its queries on findings.

use super::PARALLEL_PARAGRAPHS;
use super::paragraph_list::{Paragraph, ParagraphList, mask_of};
use crate::analysis::outline::Symbol;
use crate::analysis::{self, Code, Config, DocSummary, Finding, Profile, TextKind};
use crate::incremental::paragraphs::{CODES, CleanParagraph, Expanded};
use crate::position::Encoding;
use crate::position::LineCol;
use rayon::prelude::*;
use ropey::Rope;
use std::any::Any;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

/// Where a finding is and what kind, without its message or fixes (see
/// [`Snapshot::full`] for those). Offsets are absolute.
#[derive(Clone, Copy, Debug)]
pub struct Located {
    code: Code,
    start: usize,
    end: usize,
    safe_fix: bool,
    origin: Origin,
}

#[derive(Clone, Copy, Debug)]
enum Origin {
    /// The `nth` finding of paragraph `paragraph` (an index into the analysis's list).
    Local {
        paragraph: usize,
        nth: usize,
    },
    Document(usize),
    Materialized(usize),
}

impl Located {
    fn of(f: &Finding, origin: Origin) -> Located {
        Located {
            code: f.code,
            start: f.range.start,
            end: f.range.end,
            safe_fix: f.fixes.iter().any(|x| x.safe),
            origin,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn code(&self) -> Code {
        self.code
    }

    /// Whether the finding has a fix that fix-all applies.
    pub fn has_safe_fix(&self) -> bool {
        self.safe_fix
    }

    /// For a local finding, its paragraph's index in the analysis and its index among that
    /// paragraph's findings.
    pub fn local(&self) -> Option<(usize, usize)> {
        match self.origin {
            Origin::Local { paragraph, nth } => Some((paragraph, nth)),
            _ => None,
        }
    }
}

/// Everything known about one version of a document. Immutable and shared: handlers work on
/// a snapshot without holding the document's lock.
pub struct Snapshot {
    pub generation: u64,
    pub version: i32,
    pub markdown: bool,
    pub rope: Rope,
    /// The whole text, built from the rope on first use (most keystrokes never need it).
    pub(super) text: OnceLock<Arc<str>>,
    pub config: Arc<Config>,
    pub summary: DocSummary,
    /// Whether the document-level findings belong to this version (see the module docs).
    pub complete: bool,
    /// Some paragraphs are not analysed yet (a large document just opened): their local
    /// findings are missing. Published, and used by requests that need not wait.
    pub partial: bool,
    /// The paragraphs and their cached findings (relative offsets).
    pub(super) paragraphs: Arc<ParagraphList>,
    document_findings: Arc<Vec<Finding>>,
    /// Set instead when suppression markers or Markdown regions need the whole list.
    materialized: Option<Vec<Finding>>,
    counts: [usize; CODES],
    pub skipped: Vec<Range<usize>>,
    /// The outline, and the positions of its lines' offsets (see [`Self::outline_range`]).
    pub(super) outline: OnceLock<(Vec<Symbol>, HashMap<usize, [LineCol; 3]>)>,
    /// Section lengths already computed for hovers, by section range.
    pub(super) section_chars: Mutex<HashMap<(usize, usize), usize>>,
    /// Paragraphs whose full findings were rebuilt lately (shared by the document's versions).
    pub kept: Arc<Expanded>,
    /// What outer layers derived from this version and keep with it, one value per type
    /// (the server: replies serialized once per version); see [`Snapshot::memo`].
    memos: Mutex<Vec<Arc<dyn Any + Send + Sync>>>,
    /// How many findings have a safe fix, per code (the last entry: all codes), counted
    /// once per version for the fix-all actions' titles: editors ask for code actions on
    /// every cursor move.
    safe_fix_counts: OnceLock<Vec<usize>>,
}

impl Snapshot {
    /// The value of type `T` kept with this version, made with `T::default()` on first use:
    /// an outer layer keeps what it derives from a version here (the server: replies
    /// serialized once), so that it goes when the version does.
    pub fn memo<T: Any + Send + Sync + Default>(&self) -> Arc<T> {
        let mut memos = crate::lock::lock(&self.memos);
        if let Some(found) = memos.iter().find_map(|m| m.clone().downcast::<T>().ok()) {
            return found;
        }
        let made = Arc::new(T::default());
        memos.push(made.clone());
        made
    }

    /// How many findings of `code` (`None`: of every code) have a safe fix.
    pub fn safe_fix_count(&self, code: Option<Code>) -> usize {
        let counts = self.safe_fix_counts.get_or_init(|| {
            let mut counts = vec![0; CODES + 1];
            for f in self.iter().filter(|f| f.has_safe_fix()) {
                counts[f.code() as usize] += 1;
                counts[CODES] += 1;
            }
            counts
        });
        counts[code.map_or(CODES, |c| c as usize)]
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        generation: u64,
        version: i32,
        markdown: bool,
        rope: Rope,
        paragraphs: Arc<ParagraphList>,
        document_findings: Arc<Vec<Finding>>,
        complete: bool,
        summary: DocSummary,
        config: Arc<Config>,
        text: Option<Arc<str>>,
    ) -> Snapshot {
        let has_marker = paragraphs.has_marker;
        let mut analysis = Snapshot {
            generation,
            version,
            markdown,
            rope,
            text: OnceLock::new(),
            config,
            summary,
            complete,
            partial: false,
            paragraphs,
            document_findings,
            materialized: None,
            counts: [0; CODES],
            skipped: Vec::new(),
            outline: OnceLock::new(),
            section_chars: Mutex::default(),
            memos: Mutex::default(),
            safe_fix_counts: OnceLock::new(),
            kept: Arc::default(),
        };
        if let Some(text) = text {
            let _ = analysis.text.set(text);
        }
        let kind = if markdown {
            TextKind::Markdown
        } else {
            TextKind::Plain
        };
        if kind != TextKind::Plain {
            analysis.skipped = kind.skipped_ranges(analysis.text());
        }
        // Findings are finished per piece as they are made (`analysis::finish_piece`); only
        // markers and Markdown regions need the whole text and the whole list.
        if has_marker || !analysis.skipped.is_empty() {
            let all = analysis.all_findings();
            let profile = Profile::new(&analysis.config, kind);
            analysis.materialized = Some(analysis::finish(analysis.text(), all, profile));
        }
        let mut counts = [0usize; CODES];
        if analysis.materialized.is_some() {
            for f in analysis.iter() {
                counts[f.code() as usize] += 1;
            }
        } else {
            counts = analysis.paragraphs.counts;
            for f in analysis.document_findings.iter() {
                counts[f.code as usize] += 1;
            }
        }
        analysis.counts = counts;
        analysis
    }

    /// The whole text of this version.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| Arc::from(self.rope.to_string()))
    }

    /// `range` clamped into the text and onto character boundaries.
    pub fn rope_range(&self, range: Range<usize>) -> Range<usize> {
        let len = self.rope.len_bytes();
        let start = crate::position::rope::floor_char_boundary(&self.rope, range.start.min(len));
        let end =
            crate::position::rope::floor_char_boundary(&self.rope, range.end.clamp(start, len));
        start..end
    }

    /// The text of `range` (clamped), without building the whole text.
    pub fn slice(&self, range: Range<usize>) -> String {
        let r = self.rope_range(range);
        self.rope.byte_slice(r).to_string()
    }

    fn located_document(&self) -> impl Iterator<Item = Located> + '_ {
        self.document_findings
            .iter()
            .enumerate()
            .map(|(i, f)| Located::of(f, Origin::Document(i)))
    }

    /// Every finding: local ones paragraph by paragraph (in document order), then
    /// document-level ones.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Located> + '_> {
        if let Some(all) = &self.materialized {
            return Box::new(
                all.iter()
                    .enumerate()
                    .map(|(i, f)| Located::of(f, Origin::Materialized(i))),
            );
        }
        let local = self.paragraphs.iter().flat_map(|(i, p)| located_in(i, p));
        Box::new(local.chain(self.located_document()))
    }

    /// The text of paragraph `i`, borrowed when possible.
    pub(super) fn paragraph_text(&self, i: usize) -> Cow<'_, str> {
        let p = self.paragraphs.get(i);
        let r = p.start..p.start + p.len;
        match self.text.get() {
            Some(text) => Cow::Borrowed(&text[r]),
            None => self.rope.byte_slice(r).into(),
        }
    }

    /// The full findings of paragraph `i` (relative offsets), kept for a while.
    fn expand(&self, i: usize) -> Arc<[Finding]> {
        let p = self.paragraphs.get(i);
        p.data.expand(
            || self.paragraph_text(i),
            p.start,
            &self.summary,
            &self.config,
            &self.kept,
        )
    }

    /// The full finding (message, fixes) behind `f`, in absolute offsets.
    pub fn full(&self, f: Located) -> Finding {
        self.full_many(&[f]).pop().expect("one finding")
    }

    /// The full findings behind `fs`, in order; each paragraph is re-analysed once.
    pub fn full_many(&self, fs: &[Located]) -> Vec<Finding> {
        let mut expanded: HashMap<usize, Arc<[Finding]>> = HashMap::new();
        fs.iter()
            .map(|f| {
                let found = match f.origin {
                    Origin::Local { paragraph, nth } => {
                        let shift = self.paragraphs.get(paragraph).start;
                        expanded
                            .entry(paragraph)
                            .or_insert_with(|| self.expand(paragraph))
                            .get(nth)
                            .map(|x| x.clone().shifted(shift))
                    }
                    Origin::Document(i) => self.document_findings.get(i).cloned(),
                    Origin::Materialized(i) => {
                        self.materialized.as_ref().and_then(|m| m.get(i)).cloned()
                    }
                };
                found.unwrap_or_else(|| Finding::new(f.code, f.range(), f.code.as_str().into()))
            })
            .collect()
    }

    /// What `convert` makes of paragraph `paragraph`'s text and full findings (index for
    /// index like its marks) for `encoding`, kept with the paragraph while it is among the
    /// recently expanded ones (see `CleanParagraph::converted`), and the line the paragraph
    /// starts on.
    pub fn paragraph_converted<T: std::any::Any + Send + Sync>(
        &self,
        paragraph: usize,
        encoding: Encoding,
        convert: impl FnOnce(&str, &[Finding]) -> T,
    ) -> (Arc<T>, u32) {
        let p = self.paragraphs.get(paragraph);
        let converted = p.data.converted(
            || self.paragraph_text(paragraph),
            p.start,
            &self.summary,
            &self.config,
            &self.kept,
            encoding,
            convert,
        );
        (converted, self.rope.byte_to_line(p.start) as u32)
    }

    /// Keeps the expanded findings of at least `paragraphs` paragraphs (see `Expanded::fit`).
    pub fn keep_expanded(&self, paragraphs: usize) {
        self.kept.fit(paragraphs);
    }

    /// Every finding in full (absolute offsets): local ones paragraph by paragraph, then
    /// document-level ones. Re-analyses every paragraph that has findings.
    pub fn all_findings(&self) -> Vec<Finding> {
        if let Some(all) = &self.materialized {
            return all.clone();
        }
        let mut out = self.local_full(|p| !p.marks.is_empty(), |_| true);
        out.extend(self.document_findings.iter().cloned());
        out
    }

    /// Full local findings (absolute offsets) that pass `keep`, from the paragraphs that pass
    /// `visit`; many paragraphs are re-analysed on all cores.
    fn local_full(
        &self,
        visit: impl Fn(&CleanParagraph) -> bool + Sync,
        keep: impl Fn(&Finding) -> bool + Sync,
    ) -> Vec<Finding> {
        let wanted: Vec<usize> = self
            .paragraphs
            .iter()
            .filter(|(_, p)| visit(p.data))
            .map(|(i, _)| i)
            .collect();
        let one = |&i: &usize| -> Vec<Finding> {
            let p = self.paragraphs.get(i);
            let shifted = |f: &Finding| keep(f).then(|| f.clone().shifted(p.start));
            match p.data.known() {
                Some(found) => found.iter().filter_map(shifted).collect(),
                None => {
                    let found = p.data.rebuild(
                        &self.paragraph_text(i),
                        p.start,
                        &self.summary,
                        &self.config,
                    );
                    found.iter().filter_map(shifted).collect()
                }
            }
        };
        if wanted.len() > PARALLEL_PARAGRAPHS {
            wanted.par_iter().flat_map_iter(one).collect()
        } else {
            wanted.iter().flat_map(one).collect()
        }
    }

    /// The safe fixes of the findings of `code`, or of every code, as bare edits (absolute
    /// range, replacement), in order and without overlaps (`analysis::fix::select_in_order`,
    /// as the CLI's `fix` chooses), for a fix-all: paragraphs are rebuilt on all cores and each one's findings dropped as
    /// soon as its edits are taken, so the whole document's findings are never held at once
    /// (on a garbled 10 MB document they are hundreds of MB). `stop` is polled between
    /// paragraphs; `None` if it said to stop.
    pub fn safe_edits(
        &self,
        code: Option<Code>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<(Range<usize>, String)>> {
        let wanted = |c: Code| code.is_none_or(|w| w == c);
        let edits_of = |f: &Finding, shift: usize, out: &mut Vec<(Range<usize>, String)>| {
            if wanted(f.code) {
                for x in f.fixes.iter().filter(|x| x.safe) {
                    out.push((
                        x.range.start + shift..x.range.end + shift,
                        x.replacement.clone(),
                    ));
                }
            }
        };
        let mut all: Vec<(Range<usize>, String)> = Vec::new();
        if let Some(m) = &self.materialized {
            for f in m.iter() {
                edits_of(f, 0, &mut all);
            }
        } else {
            let paragraphs: Vec<usize> = self
                .paragraphs
                .iter()
                .filter(|(_, p)| p.data.marks.iter().any(|m| m.safe_fix && wanted(m.code)))
                .map(|(i, _)| i)
                .collect();
            let one = |&i: &usize| -> Option<Vec<(Range<usize>, String)>> {
                if stop() {
                    return None;
                }
                let p = self.paragraphs.get(i);
                let mut out = Vec::new();
                match p.data.known() {
                    Some(found) => found.iter().for_each(|f| edits_of(f, p.start, &mut out)),
                    None => p
                        .data
                        .rebuild(
                            &self.paragraph_text(i),
                            p.start,
                            &self.summary,
                            &self.config,
                        )
                        .iter()
                        .for_each(|f| edits_of(f, p.start, &mut out)),
                }
                Some(out)
            };
            let per: Option<Vec<Vec<(Range<usize>, String)>>> =
                if paragraphs.len() > PARALLEL_PARAGRAPHS {
                    paragraphs.par_iter().map(one).collect()
                } else {
                    paragraphs.iter().map(one).collect()
                };
            all = per?.into_iter().flatten().collect();
            for f in self.document_findings.iter() {
                edits_of(f, 0, &mut all);
            }
        }
        if stop() {
            return None;
        }
        analysis::fix::select_in_order(&mut all, |(r, _)| r);
        Some(all)
    }

    /// Whether `iter` yields findings in document order (document-level ones can interleave).
    pub fn iter_is_sorted(&self) -> bool {
        self.materialized.is_some() || self.document_findings.is_empty()
    }

    pub fn count(&self, code: Code) -> usize {
        self.counts[code as usize]
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Findings of the codes for which `wanted` holds, in document order, visiting only
    /// paragraphs that have some (local findings; document-level ones come last).
    pub fn of_codes(&self, wanted: [bool; CODES]) -> Vec<Located> {
        let wanted = std::array::from_fn::<bool, CODES, _>(|i| wanted[i] && self.counts[i] > 0);
        if !wanted.contains(&true) {
            return Vec::new();
        }
        if self.materialized.is_some() {
            return self.iter().filter(|f| wanted[f.code() as usize]).collect();
        }
        let mask = mask_of(wanted);
        let mut out = Vec::new();
        for (i, p) in self.paragraphs.with_codes_from(0, mask) {
            if p.codes & mask != 0 {
                out.extend(located_in(i, p).filter(|f| wanted[f.code as usize]));
            }
        }
        out.extend(self.located_document().filter(|f| wanted[f.code as usize]));
        out
    }

    /// Up to `before` local findings of `code` starting before `focus` (nearest first) and up
    /// to `after` starting at or after it (in order), visiting paragraphs outward from the
    /// focus and skipping those without that code. `None` for materialized analyses.
    pub fn near(
        &self,
        code: Code,
        focus: usize,
        before: usize,
        after: usize,
    ) -> Option<(Vec<Located>, Vec<Located>)> {
        if self.materialized.is_some() {
            return None;
        }
        let mask = 1u16 << code as usize;
        let split = self.paragraphs.starting_by(focus);
        let mut b = Vec::new();
        for (i, p) in self.paragraphs.rev_with_codes(split, mask) {
            if b.len() >= before {
                break;
            }
            if p.codes & mask == 0 {
                continue;
            }
            for f in located_in(i, p).rev().filter(|f| f.code == code) {
                if f.start < focus && b.len() < before {
                    b.push(f);
                }
            }
        }
        let mut a = Vec::new();
        for (i, p) in self
            .paragraphs
            .with_codes_from(split.saturating_sub(1), mask)
        {
            if a.len() >= after {
                break;
            }
            if p.codes & mask == 0 {
                continue;
            }
            for f in located_in(i, p).filter(|f| f.code == code) {
                if f.start >= focus && a.len() < after {
                    a.push(f);
                }
            }
        }
        Some((b, a))
    }

    /// Whether any document-level finding has `code`.
    pub fn has_document_finding(&self, code: Code) -> bool {
        self.document_findings.iter().any(|f| f.code == code)
    }

    /// Findings whose range overlaps `range` (or touches it, for empty ranges).
    pub fn overlapping(&self, range: Range<usize>) -> Vec<Located> {
        let hits = |f: &Located| {
            let r = f.range();
            r.start <= range.end && range.start <= r.end
        };
        if self.materialized.is_some() {
            return self.iter().filter(hits).collect();
        }
        // Only paragraphs overlapping the range can hold local hits.
        let first = self.paragraphs.starting_by(range.start).saturating_sub(1);
        let mut out: Vec<Located> = self
            .paragraphs
            .iter_from(first)
            .take_while(|(_, p)| p.start <= range.end)
            .flat_map(|(i, p)| located_in(i, p))
            .filter(hits)
            .collect();
        out.extend(self.located_document().filter(hits));
        out
    }

    /// Byte range of the paragraph containing `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Range<usize> {
        let i = self.paragraphs.starting_by(offset).saturating_sub(1);
        match self.paragraphs.iter_from(i).next() {
            Some((_, p)) => p.start..p.start + p.len,
            None => 0..self.rope.len_bytes(),
        }
    }
}

/// The findings of paragraph `p`, number `i`, as `Located`.
fn located_in(i: usize, p: Paragraph<'_>) -> impl DoubleEndedIterator<Item = Located> + '_ {
    p.data
        .marks
        .iter()
        .enumerate()
        .map(move |(nth, m)| Located {
            code: m.code,
            start: p.start + m.start as usize,
            end: p.start + m.end as usize,
            safe_fix: m.safe_fix,
            origin: Origin::Local { paragraph: i, nth },
        })
}
