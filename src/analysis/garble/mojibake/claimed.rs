//! The byte ranges mojibake runs already hold, kept merged and sorted so that each later
//! reading skips them with a binary search.

use std::ops::Range;

/// Byte ranges runs already hold: disjoint and sorted, so that the thousands of candidate
/// clusters of a long document are each tested with a binary search.
pub(super) struct Claimed(Vec<Range<usize>>);

impl Claimed {
    pub(super) fn overlaps(&self, range: &Range<usize>) -> bool {
        let i = self.0.partition_point(|r| r.end <= range.start);
        self.0.get(i).is_some_and(|r| r.start < range.end)
    }

    pub(super) fn contains(&self, at: usize) -> bool {
        let i = self.0.partition_point(|r| r.end <= at);
        self.0.get(i).is_some_and(|r| r.start <= at)
    }

    /// The union of non-empty `ranges`, which may overlap each other.
    pub(super) fn covering(ranges: impl Iterator<Item = Range<usize>>) -> Self {
        let mut all: Vec<Range<usize>> = ranges.collect();
        all.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for range in all {
            debug_assert!(range.start < range.end, "an empty run {range:?}");
            match merged.last_mut() {
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        Claimed(merged)
    }

    /// Adds a non-empty range, merging it with those it overlaps.
    pub(super) fn add(&mut self, range: Range<usize>) {
        debug_assert!(range.start < range.end, "an empty run {range:?}");
        let first = self.0.partition_point(|r| r.end <= range.start);
        let end = first + self.0[first..].partition_point(|r| r.start < range.end);
        if first == end {
            self.0.insert(first, range);
        } else {
            let merged = range.start.min(self.0[first].start)..range.end.max(self.0[end - 1].end);
            self.0.splice(first..end, [merged]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The merged ranges answer "does anything taken overlap this?" exactly as testing
        /// every range taken, however the ranges overlap and in whatever order they come.
        #[test]
        fn claimed_ranges_overlap_like_the_ranges_themselves(
            first in proptest::collection::vec((0usize..60, 1usize..8), 0..12),
            later in proptest::collection::vec((0usize..60, 1usize..8), 0..12),
            queries in proptest::collection::vec((0usize..70, 0usize..8), 1..20),
        ) {
            let to_range = |&(start, len): &(usize, usize)| start..start + len;
            let mut all: Vec<Range<usize>> = first.iter().map(to_range).collect();
            let mut claimed = Claimed::covering(all.clone().into_iter());
            for range in later.iter().map(to_range) {
                claimed.add(range.clone());
                all.push(range);
            }
            for query in queries.iter().map(to_range) {
                let naive = all.iter().any(|r| r.start < query.end && query.start < r.end);
                proptest::prop_assert_eq!(claimed.overlaps(&query), naive, "{:?} in {:?}", query, all);
            }
        }
    }
}
