//! Whether a group of list lines is an appended keyword list: enough items that look like SEO
//! fodder (places, portal topics, site names, a shared generated affix), by the head's kind.

use super::MIN_ITEMS;
use super::lexicon::{has_place_suffix, has_site_suffix, is_topic};
use super::line::{Label, ListLine, shared_affix};
use crate::analysis::segment::tagged_words;

/// How many items look like SEO fodder (places, topic words, portal names, other-script
/// lines, items sharing a generated prefix or suffix).
fn fodder(lines: &[&ListLine], enough: usize) -> usize {
    let mut count = 0;
    let mut undecided = Vec::new();
    let all: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.items.iter().map(String::as_str))
        .collect();
    let affix = shared_affix(&all);
    let shares = |item: &str| {
        affix.is_some_and(|(front, a)| {
            item.chars().count() >= 3
                && if front {
                    item.starts_with(a)
                } else {
                    item.ends_with(a)
                }
        })
    };
    for line in lines {
        for item in &line.items {
            if line.script_mismatch
                || is_topic(item)
                || has_place_suffix(item)
                || has_site_suffix(item)
                || shares(item)
            {
                count += 1;
            } else {
                undecided.push(item.as_str());
            }
        }
    }
    if count >= enough {
        return count;
    }
    for item in undecided {
        let words = tagged_words(item);
        if words.len() == 1 && words[0].tag == "ns" {
            count += 1;
        }
    }
    count
}

/// Whether a group of list lines (in document order) is an appended keyword list.
pub(super) fn is_keyword_list(lines: &[&ListLine]) -> bool {
    let n: usize = lines.iter().map(|l| l.items.len()).sum();
    let pipes: usize = lines.iter().map(|l| l.pipes).sum();
    let label = lines.first().map_or(Label::None, |l| l.label);
    let half = n.div_ceil(2);
    match label {
        Label::Seo => n >= 2,
        Label::Keywords => n >= MIN_ITEMS || (n >= 2 && fodder(lines, half) >= half),
        Label::Tags => n >= MIN_ITEMS || (n >= 3 && fodder(lines, half) >= half),
        Label::None => {
            n >= MIN_ITEMS && (pipes + 2 >= n || is_tag_cloud(lines) || fodder(lines, half) >= half)
        }
        // A head of the body's own (下辖：, 途经：, 沿途站点：) over places is content unless
        // the row is marked up as a generator's.
        Label::Other => {
            n >= MIN_ITEMS
                && (pipes + 2 >= n || fodder(lines, half) >= half)
                && looks_generated(lines)
        }
    }
}

/// Whether a list also carries a generator's marks: decorative separators, enumerators or hit
/// counts, pipes, the other script than the body's, a shared generated affix (…搬家), portal
/// topics among its places, or more items than a sentence enumerates.
fn looks_generated(lines: &[&ListLine]) -> bool {
    let items: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.items.iter().map(String::as_str))
        .collect();
    let n = items.len();
    let pipes: usize = lines.iter().map(|l| l.pipes).sum();
    let commas = lines.iter().all(|l| l.comma_separated);
    lines.iter().any(|l| l.decorated || l.script_mismatch)
        || (pipes >= 2 && pipes + 2 >= n)
        || shared_affix(&items).is_some()
        || (items.iter().any(|i| is_topic(i)) && items.iter().any(|i| has_place_suffix(i)))
        || (!commas && n >= 8)
}

/// A keyword list that fires even with page furniture (a share row, a 客服 line) after it
/// rather than at the very end: an SEO head, or fodder marked up as a generator's.
pub(super) fn is_strong_list(lines: &[&ListLine]) -> bool {
    if !is_keyword_list(lines) {
        return false;
    }
    let label = lines.first().map_or(Label::None, |l| l.label);
    let n: usize = lines.iter().map(|l| l.items.len()).sum();
    let half = n.div_ceil(2);
    if label == Label::Seo {
        return true;
    }
    // Marks a gazetteer's table (many rows) or a garbled line (the other script) lacks.
    let items: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.items.iter().map(String::as_str))
        .collect();
    let pipes: usize = lines.iter().map(|l| l.pipes).sum();
    let marked = lines.iter().any(|l| l.decorated)
        || (pipes >= 2 && pipes + 2 >= n)
        || shared_affix(&items).is_some()
        || (items.iter().any(|i| is_topic(i)) && items.iter().any(|i| has_place_suffix(i)));
    n >= MIN_ITEMS && marked && fodder(lines, half) >= half
}

/// A tag cloud: many distinct short words and nothing else (乡村振兴 · 虚拟化 · 云计算 · linux ·
/// 营商环境 · 一网通办); with commas only when there are more of them than a sentence lists.
fn is_tag_cloud(lines: &[&ListLine]) -> bool {
    let items: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.items.iter().map(String::as_str))
        .collect();
    let commas = lines.iter().all(|l| l.comma_separated);
    let enough = if commas { 8 } else { 6 };
    let mut distinct = items.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // A cloud is wide: a table of contents (第一章 总则) has two words a line.
    items.len() >= enough
        && lines.iter().all(|l| l.items.len() >= 4 && !l.enumerated)
        && !items.iter().any(|i| i.starts_with('第'))
        && distinct.len() * 10 >= items.len() * 9
        && items
            .iter()
            .all(|i| (2..=6).contains(&i.chars().count()) && !i.chars().any(|c| c.is_ascii_digit()))
}
