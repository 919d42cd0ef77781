//! Incremental analysis of one open document, and the immutable snapshot it produces.
//!
//! A run has three steps so that no lock is held while analysing: [`Document::plan`] (under
//! the document's lock: clone the rope, O(1), and list the dirty paragraphs), [`execute`]
//! (no lock, on a blocking thread: analyse the dirty paragraphs, then the document-level
//! detectors), and [`Document::install`] (under the lock: store the results if no edit came in
//! meanwhile). An execution whose document moved on stops early (it polls the live generation).

use super::paragraphs::{CleanParagraph, DirtyRegion, Entry, ParagraphCache};
use crate::analysis::outline::{Symbol, outline, section_char_count};
use crate::analysis::{self, Code, Config, DocSummary, Finding, markdown};
use ropey::Rope;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

const MARKER: &str = "jiaodui-";

/// One open document.
pub struct Document {
    pub version: i32,
    pub markdown: bool,
    pub rope: Rope,
    /// Bumped by every edit and config change.
    pub generation: u64,
    /// The same number, readable by a running analysis without the lock.
    pub live: Arc<AtomicU64>,
    /// Bumped whenever the cache's entries change shape (edits, installs).
    layout: u64,
    cache: ParagraphCache,
    pub config: Arc<Config>,
    pub analysis: Option<Arc<Analysis>>,
    /// Byte offset of the last edit: capped diagnostics are chosen around it.
    pub focus: usize,
    pub pending: Option<tokio::task::AbortHandle>,
}

/// Work for one analysis run, taken under the lock.
pub struct Plan {
    generation: u64,
    layout: u64,
    version: i32,
    markdown: bool,
    rope: Rope,
    regions: Vec<DirtyRegion>,
    /// Every clean entry, for a full re-run if the document's script flips.
    clean: Vec<(usize, usize)>,
    clean_counts: analysis::script::ScriptCounts,
    cached_script: analysis::script::Script,
    config: Arc<Config>,
    live: Arc<AtomicU64>,
}

/// Results of an execution, to install.
pub struct Outcome {
    plan_generation: u64,
    layout: u64,
    version: i32,
    markdown: bool,
    rope: Rope,
    text: Arc<str>,
    full_rerun: bool,
    replacements: Vec<(DirtyRegion, Vec<Entry>)>,
    summary: DocSummary,
    document_findings: Vec<Finding>,
    config: Arc<Config>,
}

pub enum Step {
    Ready(Arc<Analysis>),
    Run(Box<Plan>),
}

impl Document {
    pub fn new(version: i32, text: &str, markdown: bool, config: Arc<Config>) -> Document {
        Document {
            version,
            markdown,
            rope: Rope::from_str(text),
            generation: 1,
            live: Arc::new(AtomicU64::new(1)),
            layout: 0,
            cache: ParagraphCache::new(text.len()),
            config,
            analysis: None,
            focus: 0,
            pending: None,
        }
    }

    fn bump(&mut self) {
        self.generation += 1;
        self.layout += 1;
        self.live.store(self.generation, Ordering::SeqCst);
    }

    /// Replaces bytes `start..end` (clamped to the text, to character boundaries) by `new`.
    pub fn edit(&mut self, start: usize, end: usize, new: &str) {
        let len = self.rope.len_bytes();
        let start = crate::position::rope::floor_char_boundary(&self.rope, start.min(len));
        let end = crate::position::rope::floor_char_boundary(&self.rope, end.clamp(start, len));
        let (c0, c1) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
        self.rope.remove(c0..c1);
        self.rope.insert(c0, new);
        self.cache.edit(start, end, new.len());
        self.focus = start;
        self.bump();
    }

    pub fn set_config(&mut self, config: Arc<Config>) {
        self.config = config;
        self.cache.invalidate_all();
        self.bump();
    }

    /// The current analysis, or the work needed to bring it up to date.
    pub fn plan(&self) -> Step {
        if let Some(a) = &self.analysis
            && a.generation == self.generation
        {
            return Step::Ready(a.clone());
        }
        let mut clean = Vec::new();
        let mut at = 0;
        for (i, e) in self.cache.entries().iter().enumerate() {
            if matches!(e, Entry::Clean(..)) {
                clean.push((i, at));
            }
            at += e.len();
        }
        Step::Run(Box::new(Plan {
            generation: self.generation,
            layout: self.layout,
            version: self.version,
            markdown: self.markdown,
            rope: self.rope.clone(),
            regions: self.cache.dirty_regions(),
            clean,
            clean_counts: self.cache.clean_counts(),
            cached_script: self.cache.script,
            config: self.config.clone(),
            live: self.live.clone(),
        }))
    }

    /// Stores an execution's results if the document has not changed since its plan; returns
    /// the analysis of the current generation if there is one.
    pub fn install(&mut self, outcome: Outcome) -> Option<Arc<Analysis>> {
        if outcome.plan_generation == self.generation && outcome.layout == self.layout {
            if outcome.full_rerun {
                self.cache = ParagraphCache::new(self.rope.len_bytes());
                let regions = self.cache.dirty_regions();
                let entries = outcome
                    .replacements
                    .into_iter()
                    .flat_map(|(_, e)| e)
                    .collect();
                self.cache.install(vec![(regions[0], entries)]);
            } else {
                self.cache.install(outcome.replacements);
            }
            self.cache.script = outcome.summary.script();
            self.layout += 1;
            let analysis = Arc::new(Analysis::new(
                outcome.plan_generation,
                outcome.version,
                outcome.markdown,
                outcome.rope,
                outcome.text,
                &self.cache,
                outcome.document_findings,
                outcome.config,
            ));
            self.analysis = Some(analysis);
        }
        self.analysis
            .as_ref()
            .filter(|a| a.generation == self.generation)
            .cloned()
    }
}

fn analyse_paragraphs(text: &str, summary: &DocSummary, config: &Config) -> Vec<Entry> {
    let ranges = analysis::paragraphs(text);
    let single = ranges.len() == 1;
    ranges
        .into_iter()
        .filter(|r| single || !r.is_empty())
        .map(|r| {
            let para = &text[r.clone()];
            let mut findings = analysis::check_local(para, summary, config);
            findings.sort_by(|a, b| {
                (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
            });
            findings.dedup();
            Entry::Clean(
                r.len(),
                Arc::new(CleanParagraph {
                    findings,
                    counts: analysis::script::ScriptCounts::of(para),
                    has_marker: para.contains(MARKER),
                }),
            )
        })
        .collect()
}

/// Runs a plan. `None` if the document moved on meanwhile.
pub fn execute(plan: &Plan) -> Option<Outcome> {
    let stale = || plan.live.load(Ordering::SeqCst) != plan.generation;
    let text: Arc<str> = Arc::from(plan.rope.to_string());
    // The document's summary: cached counts of clean paragraphs plus those of dirty regions.
    let mut counts = plan.clean_counts;
    for r in &plan.regions {
        counts.add(analysis::script::ScriptCounts::of(
            &text[r.start..r.start + r.len],
        ));
    }
    let summary = DocSummary {
        script_counts: counts,
    };
    let full_rerun = summary.script() != plan.cached_script && !plan.clean.is_empty();
    let mut replacements = Vec::new();
    if full_rerun {
        let region = DirtyRegion {
            index: 0,
            start: 0,
            len: text.len(),
        };
        replacements.push((region, analyse_paragraphs(&text, &summary, &plan.config)));
    } else {
        for r in &plan.regions {
            if stale() {
                return None;
            }
            let piece = &text[r.start..r.start + r.len];
            replacements.push((*r, analyse_paragraphs(piece, &summary, &plan.config)));
        }
    }
    if stale() {
        return None;
    }
    let document_findings = analysis::check_document(&text, &summary, &plan.config);
    Some(Outcome {
        plan_generation: plan.generation,
        layout: plan.layout,
        version: plan.version,
        markdown: plan.markdown,
        rope: plan.rope.clone(),
        text,
        full_rerun,
        replacements,
        summary,
        document_findings,
        config: plan.config.clone(),
    })
}

/// One finding and the shift that makes its offsets absolute.
#[derive(Clone, Copy)]
pub struct Located<'a> {
    pub finding: &'a Finding,
    pub shift: usize,
}

impl Located<'_> {
    pub fn range(&self) -> Range<usize> {
        self.finding.range.start + self.shift..self.finding.range.end + self.shift
    }

    pub fn code(&self) -> Code {
        self.finding.code
    }

    pub fn to_owned(self) -> Finding {
        self.finding.clone().shifted(self.shift)
    }
}

/// Everything known about one version of a document. Immutable and shared: handlers work on
/// a snapshot without holding the document's lock.
pub struct Analysis {
    pub generation: u64,
    pub version: i32,
    pub rope: Rope,
    pub text: Arc<str>,
    pub config: Arc<Config>,
    /// Paragraph starts and their cached findings (relative offsets).
    paragraphs: Vec<(usize, Arc<CleanParagraph>)>,
    document_findings: Vec<Finding>,
    /// Set instead when suppression markers or Markdown regions need the whole list.
    materialized: Option<Vec<Finding>>,
    /// Findings per code, in the order of `iter`.
    counts: HashMap<Code, usize>,
    pub skipped: Vec<Range<usize>>,
    outline: OnceLock<Vec<Symbol>>,
    /// Section lengths already computed for hovers, by section range.
    section_chars: Mutex<HashMap<(usize, usize), usize>>,
}

impl Analysis {
    #[allow(clippy::too_many_arguments)]
    fn new(
        generation: u64,
        version: i32,
        markdown: bool,
        rope: Rope,
        text: Arc<str>,
        cache: &ParagraphCache,
        mut document_findings: Vec<Finding>,
        config: Arc<Config>,
    ) -> Analysis {
        let mut paragraphs = Vec::with_capacity(cache.entries().len());
        let mut at = 0;
        let mut has_marker = false;
        for e in cache.entries() {
            if let Entry::Clean(len, p) = e {
                has_marker |= p.has_marker;
                paragraphs.push((at, p.clone()));
                at += len;
            }
        }
        let skipped = if markdown {
            markdown::skipped_ranges(&text)
        } else {
            Vec::new()
        };
        document_findings.retain(|f| config.is_enabled(f.code));
        let mut analysis = Analysis {
            generation,
            version,
            rope,
            text,
            config,
            paragraphs,
            document_findings,
            materialized: None,
            counts: HashMap::new(),
            skipped,
            outline: OnceLock::new(),
            section_chars: Mutex::default(),
        };
        if has_marker || !analysis.skipped.is_empty() {
            let all: Vec<Finding> = analysis.iter().map(Located::to_owned).collect();
            let mut all = analysis::finish(&analysis.text, all, &analysis.config);
            markdown::drop_skipped(&mut all, &analysis.skipped);
            analysis.materialized = Some(all);
        }
        let mut counts = HashMap::new();
        for f in analysis.iter() {
            *counts.entry(f.code()).or_insert(0) += 1;
        }
        analysis.counts = counts;
        analysis
    }

    /// Every finding: local ones paragraph by paragraph, then document-level ones.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Located<'_>> + '_> {
        if let Some(all) = &self.materialized {
            return Box::new(all.iter().map(|finding| Located { finding, shift: 0 }));
        }
        let config = &self.config;
        let local = self.paragraphs.iter().flat_map(|(start, p)| {
            p.findings.iter().map(move |finding| Located {
                finding,
                shift: *start,
            })
        });
        let document = self
            .document_findings
            .iter()
            .map(|finding| Located { finding, shift: 0 });
        Box::new(
            local
                .chain(document)
                .filter(move |f| config.is_enabled(f.code())),
        )
    }

    pub fn count(&self, code: Code) -> usize {
        self.counts.get(&code).copied().unwrap_or(0)
    }

    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }

    /// Findings whose range overlaps `range` (or touches it, for empty ranges).
    pub fn overlapping(&self, range: Range<usize>) -> Vec<Located<'_>> {
        let hits = |f: &Located| {
            let r = f.range();
            r.start <= range.end && range.start <= r.end
        };
        if self.materialized.is_some() {
            return self.iter().filter(hits).collect();
        }
        // Only paragraphs overlapping the range can hold local hits.
        let first = self
            .paragraphs
            .partition_point(|(start, _)| *start <= range.start)
            .saturating_sub(1);
        let config = &self.config;
        let mut out: Vec<Located> = self.paragraphs[first..]
            .iter()
            .take_while(|(start, _)| *start <= range.end)
            .flat_map(|(start, p)| {
                p.findings.iter().map(move |finding| Located {
                    finding,
                    shift: *start,
                })
            })
            .filter(|f| config.is_enabled(f.code()))
            .filter(hits)
            .collect();
        out.extend(
            self.document_findings
                .iter()
                .map(|finding| Located { finding, shift: 0 })
                .filter(hits),
        );
        out
    }

    /// Byte range of the paragraph containing `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Range<usize> {
        let i = self
            .paragraphs
            .partition_point(|(start, _)| *start <= offset)
            .saturating_sub(1);
        let start = self.paragraphs.get(i).map_or(0, |p| p.0);
        let end = self.paragraphs.get(i + 1).map_or(self.text.len(), |p| p.0);
        start..end
    }

    /// The document's outline, computed once per version.
    pub fn outline(&self) -> &[Symbol] {
        self.outline.get_or_init(|| outline(&self.text))
    }

    /// A section's length in characters (see `outline::section_char_count`), memoised: the
    /// title's section is the whole document.
    pub fn section_chars(&self, symbol: &Symbol) -> usize {
        let key = (symbol.range.start, symbol.range.end);
        if let Some(&n) = super::backend::lock(&self.section_chars).get(&key) {
            return n;
        }
        let n = section_char_count(&self.text, symbol);
        super::backend::lock(&self.section_chars).insert(key, n);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn refresh(doc: &mut Document) -> Arc<Analysis> {
        match doc.plan() {
            Step::Ready(a) => a,
            Step::Run(plan) => doc.install(execute(&plan).unwrap()).unwrap(),
        }
    }

    fn tiling(doc: &Document) -> Vec<usize> {
        doc.cache.entries().iter().map(Entry::len).collect()
    }

    const PIECES: &[&str] = &[
        "機(jī)",
        "堅(jiān)",
        "手",
        "\n",
        "\n\n",
        "\r\n",
        " \n",
        "𠮷",
        "一、",
        "县",
        "这",
        "。",
        "基層黨組織",
        "\u{3000}",
        "a",
    ];

    proptest! {
        #[test]
        fn cached_paragraphs_tile_like_a_fresh_split(
            initial in prop::collection::vec(prop::sample::select(PIECES), 0..30),
            edits in prop::collection::vec(
                (0.0..=1.0f64, 0.0..0.4f64, prop::collection::vec(prop::sample::select(PIECES), 0..4), any::<bool>()),
                1..16),
        ) {
            let mut text = initial.concat();
            let config = Arc::new(Config::default());
            let mut doc = Document::new(1, &text, false, config.clone());
            refresh(&mut doc);
            for (start, len, insert, analyse) in edits {
                let insert = insert.concat();
                let mut a = (start * text.len() as f64) as usize;
                while !text.is_char_boundary(a) { a -= 1; }
                let mut b = (a + (len * text.len() as f64) as usize).min(text.len());
                while !text.is_char_boundary(b) { b -= 1; }
                doc.edit(a, b, &insert);
                text.replace_range(a..b, &insert);
                if analyse {
                    let analysis = refresh(&mut doc);
                    let expected: Vec<usize> = analysis::paragraphs(&text).iter().map(|r| r.len()).collect();
                    prop_assert_eq!(tiling(&doc), expected, "{:?}", text);
                    let got: Vec<Finding> = analysis.iter().map(Located::to_owned).collect();
                    prop_assert_eq!(analysis::finish(&text, got, &config), analysis::check(&text, &config));
                }
            }
            prop_assert_eq!(doc.rope.to_string(), text);
        }
    }
}
