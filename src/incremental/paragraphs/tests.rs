//! Tests of the paragraph cache: chunked edits against flat ones, and the ring of
//! expanded paragraphs.

use super::chunks::{chunked, edit_entries};
use super::*;
use crate::analysis::summary::ParagraphSummary;
use crate::analysis::{Code, DocContext, DocSummary, Finding};
use std::sync::Arc;

fn clean(lens: &[usize]) -> ParagraphCache {
    ParagraphCache {
        chunks: chunked(
            lens.iter()
                .map(|&l| {
                    CacheEntry::Clean(
                        l,
                        Arc::new(CleanParagraph::new(
                            Vec::new(),
                            l,
                            ParagraphSummary::default(),
                            false,
                        )),
                    )
                })
                .collect(),
        ),
        context: DocContext::default(),
    }
}

fn shape(c: &ParagraphCache) -> Vec<(bool, usize)> {
    c.entries().map(|e| (e.is_dirty(), e.len())).collect()
}

#[test]
fn an_edit_dirties_its_paragraph_and_both_neighbours() {
    let mut c = clean(&[10, 10, 10, 10, 10]);
    c.edit(25, 27, 5);
    assert_eq!(shape(&c), [(false, 10), (true, 33), (false, 10)]);
    c.edit(0, 0, 1);
    assert_eq!(
        shape(&c),
        [(true, 44), (false, 10)],
        "merged with the dirty run"
    );
    assert_eq!(c.total_len(), 54);
}

#[test]
fn edits_at_the_ends() {
    let mut c = clean(&[10, 10, 10]);
    c.edit(30, 30, 2);
    assert_eq!(shape(&c), [(false, 10), (true, 22)]);
    let mut c = clean(&[10]);
    c.edit(0, 10, 0);
    assert_eq!(shape(&c), [(true, 0)]);
}

fn clean_entry(len: usize, han: usize) -> CacheEntry {
    let summary = ParagraphSummary {
        counts: DocSummary {
            script_counts: crate::analysis::script::ScriptCounts {
                han,
                ..Default::default()
            },
            simplified_annotations: han % 3,
        },
        ..ParagraphSummary::default()
    };
    CacheEntry::Clean(
        len,
        Arc::new(CleanParagraph::new(Vec::new(), len, summary, false)),
    )
}

/// What the chunks sum must equal what their entries sum.
fn assert_consistent(c: &ParagraphCache) {
    assert!(!c.chunks.is_empty());
    assert!(c.chunks.len() == 1 || c.chunks.iter().all(|k| !k.entries.is_empty()));
    let entries: Vec<&CacheEntry> = c.entries().collect();
    assert_eq!(
        c.total_len(),
        entries.iter().map(|e| e.len()).sum::<usize>()
    );
    let han: usize = entries
        .iter()
        .filter_map(|e| match e {
            CacheEntry::Clean(_, p) => Some(p.summary.counts.script_counts.han),
            CacheEntry::Dirty(_) => None,
        })
        .sum();
    assert_eq!(c.clean_counts().script_counts.han, han);
    assert_eq!(c.is_clean(), entries.iter().all(|e| !e.is_dirty()));
    assert_eq!(c.has_clean(), entries.iter().any(|e| !e.is_dirty()));
    for pair in entries.windows(2) {
        assert!(
            !(pair[0].is_dirty() && pair[1].is_dirty()),
            "dirty entries touch"
        );
    }
    let mut at = 0;
    let regions = c.dirty_regions();
    let mut expected = Vec::new();
    for e in &entries {
        if e.is_dirty() {
            expected.push((at, e.len()));
        }
        at += e.len();
    }
    assert_eq!(
        regions.iter().map(|r| (r.start, r.len)).collect::<Vec<_>>(),
        expected
    );
}

proptest::proptest! {
    /// Edits and installs on the chunked cache give the entries the same edits give on one
    /// flat list (the unchunked algorithm), with consistent sums, for chunks of
    /// [`CHUNK`] (tiny under test) entries.
    #[test]
    fn chunked_edits_equal_flat_edits(
        lens in proptest::collection::vec(1usize..40, 1..60),
        ops in proptest::collection::vec((0usize..3000, 0usize..60, 0usize..50, proptest::bool::ANY), 1..40),
    ) {
        let entries: Vec<CacheEntry> = lens.iter().enumerate().map(|(i, &l)| clean_entry(l, i)).collect();
        let mut flat = entries.clone();
        let mut c = ParagraphCache { chunks: chunked(entries), context: DocContext::default() };
        for (at, removed, inserted, install) in ops {
            let total = c.total_len();
            if install {
                // Analyse every dirty entry as paragraphs of 1–7 bytes.
                let regions = c.dirty_regions();
                let split = |len: usize| -> Vec<CacheEntry> {
                    let mut out = Vec::new();
                    let mut left = len;
                    while left > 0 {
                        let n = left.min(1 + (left + at) % 7);
                        out.push(clean_entry(n, n));
                        left -= n;
                    }
                    if out.is_empty() {
                        out.push(clean_entry(0, 0));
                    }
                    out
                };
                let replacements: Vec<(DirtyRegion, Vec<CacheEntry>)> =
                    regions.iter().map(|r| (*r, split(r.len))).collect();
                let mut model = Vec::new();
                let mut dirty = 0;
                for e in &flat {
                    if e.is_dirty() {
                        model.extend(replacements[dirty].1.iter().cloned());
                        dirty += 1;
                    } else {
                        model.push(e.clone());
                    }
                }
                flat = model;
                c.install(replacements);
            } else {
                let start = at.min(total);
                let end = (start + removed).min(total);
                edit_entries(&mut flat, start, end, inserted);
                c.edit(start, end, inserted);
            }
            let got: Vec<(bool, usize)> = shape(&c);
            let want: Vec<(bool, usize)> = flat.iter().map(|e| (e.is_dirty(), e.len())).collect();
            proptest::prop_assert_eq!(got, want);
            assert_consistent(&c);
        }
    }
}

fn kept_count(ps: &[Arc<CleanParagraph>]) -> usize {
    ps.iter().filter(|p| p.known().is_some()).count()
}

fn with_marks(n: usize) -> Vec<Arc<CleanParagraph>> {
    (0..n)
        .map(|_| {
            let f = Finding::new(Code::Control, 0..1, "x".into());
            Arc::new(CleanParagraph::new(
                vec![f],
                1,
                ParagraphSummary::default(),
                false,
            ))
        })
        .collect()
}

#[test]
fn the_ring_keeps_what_a_publish_needs_and_drops_dead_paragraphs_first() {
    let kept = Expanded::default();
    let remember_all = |ps: &[Arc<CleanParagraph>]| {
        for p in ps {
            p.keep(&kept, |e| e.findings = Some(Arc::from(Vec::new())));
        }
    };
    // Paragraphs replaced by edits do not push live ones out.
    let gone = with_marks(Expanded::MIN);
    remember_all(&gone);
    drop(gone);
    let live = with_marks(Expanded::MIN);
    remember_all(&live);
    assert_eq!(kept_count(&live), Expanded::MIN);
    // Beyond the limit the oldest are forgotten ...
    let more = with_marks(10);
    remember_all(&more);
    assert_eq!(kept_count(&live), Expanded::MIN - 10);
    // ... unless a publish said it needs more.
    kept.fit(400);
    let wide = with_marks(800);
    remember_all(&wide);
    assert_eq!(kept_count(&wide), 800);
}
