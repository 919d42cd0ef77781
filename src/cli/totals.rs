//! Per-code totals of findings, summed over inputs for the summary and `--statistics`.

use crate::analysis::{Code, Finding};

/// How many findings of each code (indexed as `Code::ALL`).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct CodeCounts([usize; Code::ALL.len()]);

impl CodeCounts {
    pub(super) fn of(findings: &[Finding]) -> CodeCounts {
        let mut counts = CodeCounts::default();
        for finding in findings {
            if let Some(i) = Code::ALL.iter().position(|c| *c == finding.code) {
                counts.0[i] += 1;
            }
        }
        counts
    }

    pub(super) fn add(&mut self, other: &CodeCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    pub(super) fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// Codes that occurred, most frequent first.
    pub(super) fn ranked(&self) -> Vec<(Code, usize)> {
        let mut ranked: Vec<(Code, usize)> = Code::ALL
            .into_iter()
            .zip(self.0)
            .filter(|(_, n)| *n > 0)
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }
}
