//! Incremental analysis of open documents, and the immutable snapshots it produces: plain
//! data in byte offsets and line/column, no protocol types, no async runtime. The language
//! server (`crate::lsp`) schedules the runs and converts the snapshots into replies.
//!
//! A run has three steps so that no lock is held while analysing: [`LiveDocument::plan`] (under
//! the document's lock: clone the rope, O(1), and list the dirty paragraphs), [`execute`]
//! (no lock, on a blocking thread: analyse the dirty paragraphs), and [`LiveDocument::install`]
//! (under the lock: store the results if no edit came in meanwhile). An execution whose
//! document moved on stops early (it polls the live generation).
//!
//! Document-level detectors (page chrome, appended lists, keyword injection) run as a second
//! phase ([`LiveDocument::plan_document`], [`execute_document`], [`LiveDocument::install_document`])
//! on what the first left behind: each cached paragraph keeps an
//! `analysis::summary::ParagraphSummary` (computed with its local findings, so only dirty
//! paragraphs are summarised again), and the phase combines the summaries and re-reads only
//! the paragraphs at the document's two ends, a few milliseconds on 10 MB. Until it finishes
//! (or while a large document just opened is partly analysed), an analysis carries the
//! previous document-level findings with their offsets shifted past the edits (those the
//! edits touched are dropped), and is marked incomplete.
//!
//! - [`paragraphs`]: the per-paragraph cache of local findings, in chunks;
//! - `document`: the open document, its edits, and the plan/outcome of a run;
//! - `execute`: the first phase (local detectors on the dirty paragraphs);
//! - `document_phase`: the second phase (document-level detectors);
//! - `paragraph_list`: the clean paragraphs an analysis is made from;
//! - `snapshot`: [`Snapshot`] and its queries on findings; `outline`: its outline queries.

mod document;
mod document_phase;
mod execute;
mod outline;
mod paragraph_list;
pub mod paragraphs;
mod snapshot;
#[cfg(test)]
pub(crate) mod tests;

pub use document::{LiveDocument, LocalOutcome, LocalPlan, Step};
pub use document_phase::{DocumentOutcome, DocumentPlan, execute_document};
pub use execute::execute;
pub use snapshot::{Located, Snapshot};

/// Regions with more paragraphs than this are analysed on all cores.
pub(super) const PARALLEL_PARAGRAPHS: usize = 64;
