//! The first phase: local detectors on the dirty paragraphs of a plan, off the lock.

use super::PARALLEL_PARAGRAPHS;
use super::document::{LocalOutcome, LocalPlan};
use crate::analysis::{self, Config, DocSummary};
use crate::incremental::paragraphs::{CacheEntry, CleanParagraph, DirtyRegion, analyse_paragraph};
use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// A fresh document larger than this is analysed in two goes: the first paragraphs (up to
/// [`FIRST_BYTES`]), published at once, then the rest. The editor shows the top of a file
/// it opens, so that is where the first diagnostics are needed.
pub(super) const PROGRESSIVE_BYTES: usize = if cfg!(test) { 4096 } else { 2 * 1024 * 1024 };
pub(super) const FIRST_BYTES: usize = if cfg!(test) { 1024 } else { 256 * 1024 };

/// Analyses one paragraph that starts at byte `start` of the document.
fn analyse_one(para: &str, start: usize, summary: &DocSummary, config: &Config) -> CacheEntry {
    let (findings, paragraph) = analyse_paragraph(para, start, summary, config);
    CacheEntry::Clean(
        para.len(),
        Arc::new(CleanParagraph::new(
            findings,
            para.len(),
            paragraph,
            crate::analysis::suppress::may_hold_marker(para),
        )),
    )
}

/// Analyses the paragraphs of `text`, which starts at byte `base` of the document.
fn analyse_paragraphs(
    text: &str,
    base: usize,
    summary: &DocSummary,
    config: &Config,
) -> Vec<CacheEntry> {
    let ranges = analysis::paragraphs(text);
    let single = ranges.len() == 1;
    let ranges: Vec<Range<usize>> = ranges
        .into_iter()
        .filter(|r| single || !r.is_empty())
        .collect();
    let one = |r: &Range<usize>| analyse_one(&text[r.clone()], base + r.start, summary, config);
    if ranges.len() > PARALLEL_PARAGRAPHS {
        ranges.par_iter().map(one).collect()
    } else {
        ranges.iter().map(one).collect()
    }
}

/// Analyses the paragraphs of `text` (at byte `base`) that start within its first
/// [`FIRST_BYTES`], and leaves the rest as one dirty entry (its start is a paragraph boundary,
/// so it splits on its own as the whole text would).
fn analyse_first_paragraphs(
    text: &str,
    base: usize,
    summary: &DocSummary,
    config: &Config,
) -> Vec<CacheEntry> {
    let ranges = analysis::paragraphs(text);
    let end = ranges
        .iter()
        .find(|r| r.end >= FIRST_BYTES)
        .map_or(text.len(), |r| r.end);
    let mut entries = analyse_paragraphs(&text[..end], base, summary, config);
    if end < text.len() {
        entries.push(CacheEntry::Dirty(text.len() - end));
    }
    entries
}

/// Runs a plan (local detectors on the dirty paragraphs). `None` if the document moved on.
pub fn execute(plan: &LocalPlan) -> Option<LocalOutcome> {
    let started = std::time::Instant::now();
    let stale = || plan.live.load(Ordering::SeqCst) != plan.generation;
    let pieces: Vec<String> = plan
        .regions
        .iter()
        .map(|r| plan.rope.byte_slice(r.start..r.start + r.len).to_string())
        .collect();
    // The document's summary: cached counts of clean paragraphs plus those of dirty regions.
    let mut summary = plan.clean_counts;
    for piece in &pieces {
        summary.add(DocSummary::of(piece));
    }
    let full_rerun = summary.context() != plan.cached_context && plan.has_clean;
    let mut replacements = Vec::new();
    if full_rerun {
        let text = plan.rope.to_string();
        let region = DirtyRegion {
            chunk: 0,
            entry: 0,
            start: 0,
            len: text.len(),
        };
        replacements.push((region, analyse_paragraphs(&text, 0, &summary, &plan.config)));
    } else {
        for (r, piece) in plan.regions.iter().zip(&pieces) {
            if stale() {
                return None;
            }
            let entries = if !plan.has_clean && piece.len() > PROGRESSIVE_BYTES {
                analyse_first_paragraphs(piece, r.start, &summary, &plan.config)
            } else {
                analyse_paragraphs(piece, r.start, &summary, &plan.config)
            };
            replacements.push((*r, entries));
        }
    }
    tracing::debug!(
        "local analysis of {} bytes: {} dirty regions ({} bytes){} in {:?}",
        plan.rope.len_bytes(),
        plan.regions.len(),
        plan.regions.iter().map(|r| r.len).sum::<usize>(),
        if full_rerun {
            ", document context changed: everything"
        } else {
            ""
        },
        started.elapsed()
    );
    (!stale()).then(|| LocalOutcome {
        plan_generation: plan.generation,
        layout: plan.layout,
        version: plan.version,
        markdown: plan.markdown,
        rope: plan.rope.clone(),
        full_rerun,
        replacements,
        summary,
        config: plan.config.clone(),
    })
}
