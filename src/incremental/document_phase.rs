//! The document-level phase: its plan, its execution on the paragraphs' cached summaries and
//! the document's two ends, and the install of its findings.

use super::document::LiveDocument;
use super::snapshot::Snapshot;
use crate::analysis::spam::layout::TextEnds;
use crate::analysis::summary::{self, SummarisedDocument};
use crate::analysis::{DocSummary, Finding};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Work for the document-level phase.
pub struct DocumentPlan {
    generation: u64,
    analysis: Arc<Snapshot>,
    live: Arc<AtomicU64>,
}

pub struct DocumentOutcome {
    generation: u64,
    findings: Vec<Finding>,
}

impl LiveDocument {
    /// Work for the document-level phase, if the current analysis still lacks it.
    pub fn plan_document(&self) -> Option<DocumentPlan> {
        let analysis = self.current()?;
        (!analysis.complete && !analysis.partial).then(|| DocumentPlan {
            generation: self.generation,
            analysis,
            live: self.live.clone(),
        })
    }

    /// Stores document-level findings computed for the current generation.
    pub fn install_document(&mut self, outcome: DocumentOutcome) -> Option<Arc<Snapshot>> {
        let current = self.current()?;
        if outcome.generation != self.generation || current.complete {
            return Some(current);
        }
        self.document_findings = Arc::new(outcome.findings);
        self.document_fresh = true;
        let a = &current;
        let mut analysis = Snapshot::new(
            a.generation,
            a.version,
            a.markdown,
            a.rope.clone(),
            a.paragraphs.clone(),
            self.document_findings.clone(),
            true,
            a.summary,
            a.config.clone(),
            a.text.get().cloned(),
        );
        analysis.partial = a.partial;
        analysis.kept = self.kept.clone();
        let analysis = Arc::new(analysis);
        self.analysis = Some(analysis.clone());
        Some(analysis)
    }
}

/// Runs the document-level detectors on the paragraphs' cached summaries and the text of
/// the document's two ends (the whole text only when the ends meet). `None` if the document
/// moved on.
pub fn execute_document(plan: &DocumentPlan) -> Option<DocumentOutcome> {
    let started = std::time::Instant::now();
    let a = &plan.analysis;
    if plan.live.load(Ordering::SeqCst) != plan.generation {
        return None;
    }
    // Only what the detectors read: the paragraphs at the two ends (for how far the ends
    // reach), the few with keyword-injection candidates (listed per chunk), and the script
    // counts summed per chunk. Gathering all ~17k paragraphs of a 10 MB text took ~5 ms of
    // each keystroke.
    let list = &a.paragraphs;
    let count = list.len();
    let total = count.checked_sub(1).map_or(0, |last| {
        let p = list.get(last);
        p.start + p.len
    });
    let ends = summary::ends_needed_at(count, total, |i| {
        let p = list.get(i);
        (p.len, p.data.summary.nonblank_lines)
    });
    let mut counts = DocSummary::default();
    let mut injection = Vec::new();
    for (c, chunk) in list.chunks.iter().enumerate() {
        counts.add(chunk.clean_counts());
        for &k in chunk.injections() {
            let p = list.paragraph(c, k as usize);
            if let Some(candidates) = p.data.summary.injection.as_deref() {
                injection.push((p.start, candidates));
            }
        }
    }
    let texts = ends
        .clone()
        .map(|(head, foot)| (a.slice(head), a.slice(foot)));
    let excerpt = match (&ends, &texts) {
        (Some((_, foot)), Some((head_text, foot_text))) => {
            TextEnds::ends(head_text, foot.start, foot_text, a.rope.len_bytes())
        }
        _ => TextEnds::whole(a.text()),
    };
    let gathered = started.elapsed();
    let doc = SummarisedDocument::from_parts(injection, counts, excerpt, &a.config);
    let mut findings = summary::check_document_summarised(&doc, &a.config);
    crate::analysis::finish_piece(&mut findings, &a.config);
    tracing::debug!(
        "document analysis of {} bytes ({} paragraphs, ends {:?}) in {:?} (summaries and ends gathered in {:?})",
        a.rope.len_bytes(),
        count,
        ends,
        started.elapsed(),
        gathered,
    );
    Some(DocumentOutcome {
        generation: plan.generation,
        findings,
    })
}
