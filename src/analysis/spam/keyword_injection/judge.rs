//! Judging the candidates of a whole document: which brand groups recur or carry a hard
//! suffix, which single phrases corroborate each other, which spam hosts recur, and what
//! gambling reporting excuses.

use super::lexicon::{MORPHEMES, NAMED_MORPHEMES, TOPIC};
use super::phrase::{is_ordinary_word, is_place_name};
use super::{Candidates, Occurrence, Place};
use crate::analysis::finding::{Code, Finding, Fix, Locale};
use std::collections::{HashMap, HashSet};

/// The findings of a document from the candidates of its pieces, given in document order
/// with the byte offset where each piece starts.
pub fn judge(pieces: &[(usize, &Candidates)], locale: Locale, out: &mut Vec<Finding>) {
    let any_candidate = pieces.iter().any(|(_, c)| {
        !c.stems.is_empty() || !c.urls.is_empty() || !c.morphemes.is_empty() || !c.glued.is_empty()
    });
    if !any_candidate {
        return;
    }
    let topic_outside: usize = pieces.iter().map(|(_, c)| c.topic_outside).sum();
    if topic_outside >= 2 {
        return;
    }
    // A sentence is named by its piece's offset and its number within the piece.
    let legal_sentences: HashSet<(usize, usize)> = pieces
        .iter()
        .flat_map(|&(at, c)| c.legal_sentences.iter().map(move |&s| (at, s)))
        .collect();

    // Morpheme occurrences first, then stems: a group's first occurrence decides whether
    // its name is checked.
    let occurrences = pieces
        .iter()
        .flat_map(|&(at, c)| c.morphemes.iter().map(move |o| (at, o)))
        .chain(
            pieces
                .iter()
                .flat_map(|&(at, c)| c.stems.iter().map(move |o| (at, o))),
        );
    let mut groups: HashMap<&str, Vec<(usize, &Occurrence)>> = HashMap::new();
    for (at, o) in occurrences {
        groups.entry(o.key.as_str()).or_default().push((at, o));
    }
    let mut fired: Vec<(usize, &Place, usize)> = Vec::new();
    // Groups short of their sentences: certain spam phrases, and plausible brands (a made-up
    // name before 娱乐 / 国际, a short lexicon brand) that fire only beside others.
    let mut fired_groups = 0;
    let mut certain: Vec<&Vec<(usize, &Occurrence)>> = Vec::new();
    let mut plausible: Vec<&Vec<(usize, &Occurrence)>> = Vec::new();
    for group in groups.values() {
        let mut sentences: Vec<(usize, usize)> = group
            .iter()
            .map(|(at, o)| (*at, o.place.sentence))
            .collect();
        sentences.sort_unstable();
        sentences.dedup();
        let hard = group.iter().any(|(_, o)| o.hard);
        let strong = group.iter().any(|(_, o)| o.brand || o.suffixed);
        let in_reporting = sentences
            .iter()
            .filter(|s| legal_sentences.contains(s))
            .count();
        // Reporting names a brand beside gambling words (赌博, 涉赌); a statute's 违法 alone
        // does not excuse a brand in its clauses.
        if topic_outside > 0 && in_reporting * 2 >= sentences.len() && in_reporting > 0 {
            continue;
        }
        if let Some(m) = group[0].1.exclusive
            && group.iter().all(|(_, o)| o.exclusive.is_some())
        {
            let k = MORPHEMES.iter().position(|x| *x == m).unwrap_or(0);
            let total: usize = pieces.iter().map(|(_, c)| c.morpheme_counts[k]).sum();
            if total > group.len() || pieces.iter().any(|(_, c)| c.sport) {
                continue;
            }
        }
        let needed = group
            .iter()
            .map(|(_, o)| o.min_sentences)
            .min()
            .unwrap_or(2);
        if hard || (strong && sentences.len() >= needed) {
            if let Some(name) = &group[0].1.check_name
                && is_ordinary_word(name)
            {
                // An ordinary word as a name (帝豪, 豪客) still makes a brand when a spam-only
                // suffix carries it, or when the phrase holds every use of its morpheme in
                // four sentences or more: the word is not the document's topic.
                let spam_only = group.iter().any(|(_, o)| o.spam_only);
                let key = group[0].1.key.as_str();
                let every_use = MORPHEMES
                    .iter()
                    .position(|m| key.ends_with(m))
                    .is_some_and(|k| {
                        pieces
                            .iter()
                            .map(|(_, c)| c.morpheme_counts[k])
                            .sum::<usize>()
                            == group.len()
                    });
                if !(spam_only || (every_use && sentences.len() >= 4)) {
                    continue;
                }
            }
            // 中国国际, 北京国际: a place before 国际 is an honest name (博览会, 机场). Checked
            // only here, for a group that would fire: jieba is too slow for every 国际.
            if let Some(place) = group[0].1.key.strip_suffix("国际")
                && !place.is_ascii()
                && is_place_name(place)
            {
                continue;
            }
            fired.extend(group.iter().map(|(at, o)| (*at, &o.place, group.len())));
            fired_groups += 1;
        } else if strong || group.iter().any(|(_, o)| o.brand) {
            // Once only: a candidate for the corroboration below, unless its name is an
            // ordinary word or a place (休闲娱乐, 福利彩票, 中国国际).
            let key = group[0].1.key.as_str();
            let name = group[0].1.check_name.clone().or_else(|| {
                NAMED_MORPHEMES
                    .iter()
                    .find_map(|m| key.strip_suffix(m))
                    .filter(|n| !n.is_empty() && !n.is_ascii())
                    .map(str::to_string)
            });
            let spam_only = group.iter().any(|(_, o)| o.spam_only);
            if !spam_only
                && name
                    .as_deref()
                    .is_some_and(|n| is_ordinary_word(n) || is_place_name(n))
            {
                continue;
            }
            if let Some(place) = key.strip_suffix("国际")
                && !place.is_ascii()
                && is_place_name(place)
            {
                continue;
            }
            if group.iter().any(|(_, o)| o.certain) {
                certain.push(group);
            } else if group.iter().all(|(_, o)| o.standalone) {
                plausible.push(group);
            }
        }
    }
    // A document carrying two different spam phrases (or one that fired and another) was
    // injected: each of them fires even once. Gambling reporting (赌博, 博彩…) stays out.
    let mut hosts: Vec<&str> = pieces
        .iter()
        .flat_map(|(_, c)| c.urls.iter().map(|u| u.host.as_str()))
        .collect();
    hosts.sort_unstable();
    hosts.dedup();
    // A sentence naming three different candidates is a list of gambling words (left to
    // `spam/appended-list`), not an injection into prose.
    let mut per_sentence: HashMap<(usize, usize), usize> = HashMap::new();
    for group in groups.values() {
        let mut seen: Vec<(usize, usize)> = group
            .iter()
            .map(|(at, o)| (*at, o.place.sentence))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *per_sentence.entry(s).or_default() += 1;
        }
    }
    let in_list = |at: usize, o: &Occurrence| per_sentence.get(&(at, o.place.sentence)) >= Some(&3);
    certain.retain(|g| g.iter().any(|&(at, o)| !in_list(at, o)));
    plausible.retain(|g| g.iter().any(|&(at, o)| !in_list(at, o)));
    // Reporting on gambling names it (赌博, 投注), also inside a phrase (赌博网站, 体育投注).
    let topic_words: usize = pieces.iter().map(|(_, c)| c.topic_words).sum::<usize>()
        + groups
            .keys()
            .filter(|k| TOPIC.iter().any(|t| k.contains(t)))
            .count();
    let corroborated = topic_words == 0 && fired_groups + certain.len() + hosts.len() >= 2;
    if corroborated {
        for group in certain.iter().chain(&plausible) {
            fired.extend(
                group
                    .iter()
                    .filter(|&&(at, o)| !in_list(at, o))
                    .map(|(at, o)| (*at, &o.place, group.len())),
            );
        }
    }
    let any_brand = !fired.is_empty();
    let mut by_host: HashMap<&str, (Vec<(usize, &Place)>, usize)> = HashMap::new();
    // A glued plain domain counts only when the document names no other domain: a technical
    // text names many.
    let mut domains: Vec<&str> = pieces
        .iter()
        .flat_map(|(_, c)| c.domains.iter().map(String::as_str))
        .collect();
    domains.sort_unstable();
    domains.dedup();
    let glued = pieces
        .iter()
        .filter(|_| domains.len() == 1)
        .flat_map(|&(at, c)| c.glued.iter().map(move |u| (at, u)));
    for (at, u) in pieces
        .iter()
        .flat_map(|&(at, c)| c.urls.iter().map(move |u| (at, u)))
        .chain(glued)
    {
        let entry = by_host.entry(&u.host).or_insert((Vec::new(), u.needed));
        entry.0.push((at, &u.place));
    }
    let mut url_hits = Vec::new();
    for (places, needed) in by_host.values() {
        let mut sentences: Vec<(usize, usize)> =
            places.iter().map(|(at, p)| (*at, p.sentence)).collect();
        sentences.sort_unstable();
        sentences.dedup();
        if sentences.len() >= *needed || any_brand || corroborated {
            url_hits.extend(places.iter().map(|(at, p)| (*at, *p, places.len())));
        }
    }

    // Document order. Two groups may hold the same phrase (九州娱乐 as the stem 九州 with a
    // suffix and as the morpheme 娱乐 with a name): of phrases starting together the longer
    // wins, then the more frequent, so the outcome does not depend on hash order.
    let order = |&(at, p, count): &(usize, &Place, usize)| {
        (
            at,
            p.phrase.start,
            std::cmp::Reverse(p.phrase.end),
            std::cmp::Reverse(count),
        )
    };
    fired.sort_by_key(order);
    let mut hits = fired;
    hits.extend(url_hits);
    hits.sort_by_key(|(at, p, _)| (*at, p.phrase.start));
    // Phrases of different pieces never overlap.
    let mut last_end = (0, 0);
    for (at, place, count) in hits {
        if (at, place.phrase.start) < last_end {
            continue;
        }
        last_end = (at, place.phrase.end);
        let shown = &place.shown;
        let source = at + place.source.start..at + place.source.end;
        let message = locale.pick(
            format!("疑似植入的推广词「{shown}」（全文 {count} 处）"),
            format!("likely injected promotional phrase “{shown}” ({count} in the document)"),
        );
        let title = locale.pick(format!("删除「{shown}」"), format!("Delete “{shown}”"));
        out.push(
            Finding::new(Code::KeywordInjection, source.clone(), message).with_fix(Fix {
                title,
                range: source,
                replacement: String::new(),
                safe: false,
            }),
        );
    }
}
