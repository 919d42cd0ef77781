//! One clean paragraph of the cache: its marks, summary and outline lines, and its full
//! findings (and what the server converts them to) rebuilt on demand, kept for the recently
//! expanded paragraphs.

use super::{CODES, ENCODINGS};
use crate::analysis::outline::{self, OutlineLine};
use crate::analysis::summary::ParagraphSummary;
use crate::analysis::{self, Code, Config, DocSummary, Finding};
use crate::position::{self, Encoding, LineCol};
use std::any::Any;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// What a paragraph's finding is and where, in 12 bytes. The message and fixes are not kept:
/// they are rebuilt on demand by re-running the local detectors on the paragraph (see
/// [`CleanParagraph::expand`]), which is deterministic and, for one paragraph, cheap. A 10 MB
/// garbled document has ~450k findings, and at ~250 bytes each (message, fix title, edit) the
/// full ones cost over 100 MB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: u32,
    pub end: u32,
    pub code: Code,
    /// The finding has a safe fix (fix-all counts these without rebuilding them).
    pub safe_fix: bool,
}

/// Paragraphs longer than this keep their full findings: rebuilding them would mean
/// re-analysing a long text for every hover or publish.
const EXPAND_LIMIT: usize = 64 * 1024;

/// What the cache knows about one clean paragraph.
#[derive(Debug)]
pub struct CleanParagraph {
    /// Local findings, relative to the paragraph's start, sorted.
    pub marks: Box<[Mark]>,
    /// The full findings, kept for long paragraphs.
    full: Option<Arc<[Finding]>>,
    /// The full findings rebuilt for a publish or a hover, and what they were converted to,
    /// kept while the paragraph is among the recently expanded ones (see [`Expanded`]).
    expanded: Mutex<Expansion>,
    /// What the document-level detectors need from the paragraph (script counts, keyword
    /// candidates, non-blank lines): they run on the summaries of all paragraphs.
    pub summary: ParagraphSummary,
    /// Contains a suppression marker (`jiaodui-…`), which may act beyond the paragraph.
    pub has_marker: bool,
    /// Findings per code (indexed like `Code::ALL`), so a document's totals and the nearest
    /// findings of one kind are found without walking every finding.
    pub per_code: [u32; CODES],
    /// Bit `code as usize` is set when `per_code` of that code is not zero.
    pub codes: u16,
    /// The lines that can matter to the document's outline (`analysis::outline::scan`,
    /// relative offsets), scanned on the first outline request that needs them.
    outline: OnceLock<ParagraphOutline>,
}

/// A paragraph's outline lines and where they are.
#[derive(Debug, Default)]
pub struct ParagraphOutline {
    pub lines: Box<[OutlineLine]>,
    /// For each line, the line/column of its start, its content's start and its content's
    /// end, in each encoding (`Encoding::ALL` order), lines counted from the paragraph's first
    /// line: the document's outline symbols are converted without walking the document.
    pub positions: Box<[[[LineCol; 3]; 3]]>,
}

/// What was rebuilt for a paragraph on demand (see [`CleanParagraph::expand`] and
/// [`CleanParagraph::converted`]).
#[derive(Debug, Default)]
pub(super) struct Expansion {
    pub(super) findings: Option<Arc<[Finding]>>,
    /// What an outer layer made of the paragraph's findings for one position encoding (the
    /// server: its diagnostics, lines counted from the paragraph's first line, so a paragraph
    /// moved by an edit elsewhere keeps them).
    converted: Option<(Encoding, Arc<dyn Any + Send + Sync>)>,
}

impl Expansion {
    fn is_empty(&self) -> bool {
        self.findings.is_none() && self.converted.is_none()
    }
}

/// Local findings of one paragraph that starts at byte `start` of its document, finished as
/// far as a piece can be (`analysis::finish_piece`: enabled codes, severities, sorted,
/// deduplicated): the one definition both the analysis and [`CleanParagraph::expand`] use,
/// so that a finding's index among its paragraph's is stable.
pub fn local_findings(
    para: &str,
    start: usize,
    summary: &DocSummary,
    config: &Config,
) -> Vec<Finding> {
    let mut findings = analysis::check_local_at(para, start, summary, config);
    analysis::finish_piece(&mut findings, config);
    findings
}

/// [`local_findings`] and the paragraph's summary, from one pass.
pub fn analyse_paragraph(
    para: &str,
    start: usize,
    summary: &DocSummary,
    config: &Config,
) -> (Vec<Finding>, ParagraphSummary) {
    let (mut findings, paragraph) = analysis::check_paragraph(para, start, summary, config);
    analysis::finish_piece(&mut findings, config);
    (findings, paragraph)
}

impl CleanParagraph {
    pub fn new(
        findings: Vec<Finding>,
        len: usize,
        summary: ParagraphSummary,
        has_marker: bool,
    ) -> CleanParagraph {
        let mut per_code = [0u32; CODES];
        let mut codes = 0u16;
        for f in &findings {
            per_code[f.code as usize] += 1;
            codes |= 1 << f.code as usize;
        }
        let fits = |r: &std::ops::Range<usize>| u32::try_from(r.end).is_ok();
        let keep_full = len > EXPAND_LIMIT || !findings.iter().all(|f| fits(&f.range));
        let marks = findings
            .iter()
            .map(|f| Mark {
                start: f.range.start.min(u32::MAX as usize) as u32,
                end: f.range.end.min(u32::MAX as usize) as u32,
                code: f.code,
                safe_fix: f.fixes.iter().any(|x| x.safe),
            })
            .collect();
        CleanParagraph {
            marks,
            full: keep_full.then(|| findings.into()),
            expanded: Mutex::default(),
            summary,
            has_marker,
            per_code,
            codes,
            outline: OnceLock::new(),
        }
    }

    /// The paragraph's full findings (relative offsets), index for index like `marks`,
    /// remembered in `kept` for the next request. `text` gives the paragraph, which starts at
    /// byte `start` of the document; `summary` and `config` must be those it was analysed
    /// under.
    pub fn expand<'t>(
        self: &Arc<Self>,
        text: impl FnOnce() -> std::borrow::Cow<'t, str>,
        start: usize,
        summary: &DocSummary,
        config: &Config,
        kept: &Expanded,
    ) -> Arc<[Finding]> {
        if let Some(found) = self.known() {
            return found;
        }
        let found: Arc<[Finding]> = self.rebuild(&text(), start, summary, config).into();
        self.keep(kept, |e| e.findings = Some(found.clone()));
        found
    }

    /// What `convert` makes of the paragraph's text and full findings for `encoding` (the
    /// server: its diagnostics), remembered in `kept` like [`Self::expand`]'s findings; only
    /// the last encoding's result is kept.
    #[allow(clippy::too_many_arguments)]
    pub fn converted<'t, T: Any + Send + Sync>(
        self: &Arc<Self>,
        text: impl FnOnce() -> Cow<'t, str>,
        start: usize,
        summary: &DocSummary,
        config: &Config,
        kept: &Expanded,
        encoding: Encoding,
        convert: impl FnOnce(&str, &[Finding]) -> T,
    ) -> Arc<T> {
        if let Some((e, found)) = &crate::lock::lock(&self.expanded).converted
            && *e == encoding
            && let Ok(found) = found.clone().downcast::<T>()
        {
            return found;
        }
        let text = text();
        let findings = self.expand(|| Cow::Borrowed(&*text), start, summary, config, kept);
        let converted = Arc::new(convert(&text, &findings));
        let erased: Arc<dyn Any + Send + Sync> = converted.clone();
        self.keep(kept, |e| e.converted = Some((encoding, erased)));
        converted
    }

    /// Stores something rebuilt; the first thing stored puts the paragraph in `kept`.
    pub(super) fn keep(self: &Arc<Self>, kept: &Expanded, store: impl FnOnce(&mut Expansion)) {
        let was_empty = {
            let mut slot = crate::lock::lock(&self.expanded);
            let was_empty = slot.is_empty();
            store(&mut slot);
            was_empty
        };
        if was_empty {
            kept.remember(Arc::downgrade(self));
        }
    }

    /// The paragraph's outline lines and their positions (see [`ParagraphOutline`]); `text`
    /// gives the paragraph.
    pub fn outline<'t>(&self, text: impl FnOnce() -> Cow<'t, str>) -> &ParagraphOutline {
        self.outline.get_or_init(|| {
            let text = text();
            let lines = outline::scan(&text).into_boxed_slice();
            if lines.is_empty() {
                return ParagraphOutline::default();
            }
            // A paragraph starts a line and ends after a line break (or at the end of the
            // text): positions in a rope of it alone equal the document's, less its first line.
            let rope = ropey::Rope::from_str(&text);
            let at = |offset: usize| ENCODINGS.map(|e| position::rope::line_col(&rope, offset, e));
            let positions = lines
                .iter()
                .map(|l| [at(l.start), at(l.content.start), at(l.content.end)])
                .collect();
            ParagraphOutline { lines, positions }
        })
    }

    /// The full findings if they are at hand (kept, or recently expanded).
    pub fn known(&self) -> Option<Arc<[Finding]>> {
        if let Some(full) = &self.full {
            return Some(full.clone());
        }
        if self.marks.is_empty() {
            return Some(Arc::from(Vec::new()));
        }
        crate::lock::lock(&self.expanded).findings.clone()
    }

    /// Re-runs the local detectors (for requests that need every finding once, such as
    /// fix-all, and should not fill the cache).
    pub fn rebuild(
        &self,
        text: &str,
        start: usize,
        summary: &DocSummary,
        config: &Config,
    ) -> Vec<Finding> {
        let findings = local_findings(text, start, summary, config);
        let same = findings.len() == self.marks.len()
            && findings.iter().zip(self.marks.iter()).all(|(f, m)| {
                f.code == m.code
                    && f.range.start == m.start as usize
                    && f.range.end == m.end as usize
            });
        if same {
            return findings;
        }
        // Cannot happen while detectors are deterministic; never fail a request over it.
        tracing::error!("re-analysing a paragraph gave different findings; using the marks");
        self.marks
            .iter()
            .map(|m| {
                Finding::new(
                    m.code,
                    m.start as usize..m.end as usize,
                    m.code.as_str().to_string(),
                )
            })
            .collect()
    }
}

/// The paragraphs whose rebuilt findings are kept, oldest first. Beyond a limit the oldest
/// are forgotten, so memory stays bounded however much of the document the editor has shown.
/// The limit grows to twice the paragraphs one publish needs (see [`Expanded::fit`]): a
/// publish of a large document draws its capped diagnostics from a few hundred paragraphs
/// spread over the whole text, and a smaller ring would forget some of them before the next
/// publish, which would then re-analyse them.
#[derive(Debug, Default)]
pub struct Expanded {
    ring: Mutex<VecDeque<Weak<CleanParagraph>>>,
    /// Raised by [`Expanded::fit`]; at least [`Expanded::MIN`].
    limit: std::sync::atomic::AtomicUsize,
}

impl Expanded {
    pub(super) const MIN: usize = 256;
    const MAX: usize = 4096;

    /// Keeps at least twice `paragraphs` (up to [`Expanded::MAX`]).
    pub fn fit(&self, paragraphs: usize) {
        let wanted = (2 * paragraphs).clamp(Self::MIN, Self::MAX);
        self.limit
            .fetch_max(wanted, std::sync::atomic::Ordering::Relaxed);
    }

    fn remember(&self, p: Weak<CleanParagraph>) {
        let limit = self
            .limit
            .load(std::sync::atomic::Ordering::Relaxed)
            .max(Self::MIN);
        let mut ring = crate::lock::lock(&self.ring);
        ring.push_back(p);
        if ring.len() > limit {
            // Paragraphs replaced by edits are gone: their slots go first.
            ring.retain(|w| w.strong_count() > 0);
        }
        while ring.len() > limit {
            if let Some(old) = ring.pop_front().and_then(|w| w.upgrade()) {
                *crate::lock::lock(&old.expanded) = Expansion::default();
            }
        }
    }
}
