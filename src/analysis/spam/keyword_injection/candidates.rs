//! Scanning one piece of text into its [`Candidates`]: brand stems and named morphemes
//! extended to their phrases, spam domains, and the topic, law and sport words around them.

use super::domains::{domain_like_tokens, glued_domain, url_tokens};
use super::lexicon::{
    GAMBLING_SUFFIXES, HARD_ONLY_MORPHEMES, HONEST_MORPHEME_FOLLOWERS, Kind, MATCHER, MORPHEMES,
    has_spam_only_suffix,
};
use super::phrase::{extend_phrase, name_before, named_prefix, sentence_ends, standalone};
use super::{Candidates, Occurrence, Place, UrlCandidate};
use crate::analysis::normalize::NormalizedView;
use std::ops::Range;

impl Candidates {
    /// Scans `text` (seen through `view`, its normalized view).
    pub fn of(text: &str, view: &NormalizedView) -> Candidates {
        // Lower-casing ASCII keeps every byte offset.
        let hay = view.simplified.to_ascii_lowercase();
        let (automaton, kinds) = &*MATCHER;
        let mut stems = Vec::new();
        let mut topic_spans = Vec::new();
        let mut legal_spans = Vec::new();
        let mut morphemes = Vec::new();
        let mut sport = false;
        for m in automaton.leftmost_find_iter(&hay) {
            let range = m.start()..m.end();
            match kinds[m.value() as usize] {
                Kind::Brand => stems.push((range, true)),
                Kind::Ambiguous => stems.push((range, false)),
                Kind::Topic => topic_spans.push(range),
                Kind::Legal => legal_spans.push(range),
                Kind::Morpheme => morphemes.push(range),
                Kind::Sport => sport = true,
            }
        }
        let mut morpheme_counts = [0; MORPHEMES.len()];
        for m in &morphemes {
            if let Some(k) = MORPHEMES.iter().position(|x| *x == &hay[m.clone()]) {
                morpheme_counts[k] += 1;
            }
        }
        let urls = url_tokens(&hay);
        let domain_tokens = domain_like_tokens(&hay);
        let mut domains: Vec<String> = domain_tokens
            .iter()
            .map(|r| hay[r.clone()].to_string())
            .collect();
        domains.sort_unstable();
        domains.dedup();
        let glued: Vec<(Range<usize>, &str)> = domain_tokens
            .iter()
            .filter(|r| !urls.iter().any(|(u, _, _)| u == *r))
            .filter_map(|r| glued_domain(&hay, r).map(|h| (r.clone(), h)))
            .collect();
        if stems.is_empty() && urls.is_empty() && morphemes.is_empty() && glued.is_empty() {
            return Candidates {
                topic_outside: topic_spans.len(),
                topic_words: topic_spans.len(),
                morpheme_counts,
                sport,
                domains,
                ..Candidates::default()
            };
        }
        let ends = sentence_ends(&hay);
        let sentence_of = |at: usize| ends.partition_point(|&e| e < at);
        let place = |phrase: Range<usize>| {
            let source = view.simplified_to_source(phrase.clone());
            Place {
                sentence: sentence_of(phrase.start),
                shown: text[source.clone()].to_string(),
                phrase,
                source,
            }
        };

        let mut morpheme_occurrences = Vec::new();
        for stem in morphemes {
            let (phrase, hard, _) = extend_phrase(&hay, stem.clone());
            let honest = hay[stem.end..].starts_with(HONEST_MORPHEME_FOLLOWERS);
            if honest && !hard {
                continue;
            }
            let Some(start) = name_before(&hay, stem.start) else {
                continue;
            };
            let ascii_name = hay.as_bytes()[start].is_ascii();
            let name = &hay[start..stem.start];
            if HARD_ONLY_MORPHEMES.contains(&&hay[stem.clone()]) {
                // 卓越彩官网 and 蜜桃直播app下载 are names made of ordinary words; 服务平台官网
                // is an ordinary phrase: only 平台 checks its name. Twice, in two sentences.
                if !hard {
                    continue;
                }
                let checked = &hay[stem.clone()] == "平台" && !ascii_name;
                morpheme_occurrences.push(Occurrence {
                    key: hay[start..stem.end].to_string(),
                    place: place(start..phrase.end),
                    hard: false,
                    suffixed: true,
                    brand: false,
                    min_sentences: 2,
                    check_name: checked.then(|| name.to_string()),
                    spam_only: has_spam_only_suffix(&hay[stem.end..phrase.end]),
                    exclusive: None,
                    certain: true,
                    standalone: standalone(&hay, phrase.end),
                });
                continue;
            }
            let morpheme = MORPHEMES
                .iter()
                .copied()
                .find(|m| *m == &hay[stem.clone()])
                .unwrap_or("娱乐");
            let sports = morpheme != "娱乐";
            // 体育 after a Han word is usually honest (群众体育); such a name counts only when
            // the document's every 体育 is this phrase, repeated, in a text not about sport.
            let exclusive = (sports && !ascii_name && !hard).then_some(morpheme);
            let spam_only = has_spam_only_suffix(&hay[stem.end..phrase.end]);
            // Companies are named …国际 and have a 官网: that twice is news, not spam.
            let company = morpheme == "国际" && !spam_only;
            let min_sentences = match (hard, sports) {
                (true, false) => 1,
                (true, true) if !company => 2,
                _ => 3,
            };
            morpheme_occurrences.push(Occurrence {
                // The name and the morpheme: what follows (官网, an ASCII word glued on) varies.
                key: hay[start..stem.end].to_string(),
                place: place(start..phrase.end),
                hard: false,
                suffixed: true,
                brand: false,
                min_sentences,
                check_name: (!ascii_name && exclusive.is_none())
                    .then(|| hay[start..stem.start].to_string()),
                spam_only,
                exclusive,
                certain: hard && !company,
                standalone: standalone(&hay, phrase.end),
            });
        }
        let mut stem_occurrences = Vec::new();
        for (stem, brand) in stems {
            let (mut phrase, hard, mut suffixed) = extend_phrase(&hay, stem.clone());
            let mut key = hay[stem.clone()].to_string();
            let mut min_sentences = 2;
            // 天博体育, 百家乐线上, 太阳城娱乐: a gambling word after the stem (国际, 集团,
            // 官方 also follow honest names: 金沙国际酒店).
            let gambling_suffix = GAMBLING_SUFFIXES
                .iter()
                .any(|x| hay[stem.end..phrase.end].contains(x));
            // A lexicon brand alone (新濠天地) is also named by honest news: only plausible.
            let certain = hard || gambling_suffix;
            if !brand && !suffixed {
                // 天天棋牌: an unknown name before a gambling morpheme, accepted only when the
                // very same phrase recurs in three sentences.
                let Some(start) = named_prefix(&hay, &stem) else {
                    continue;
                };
                phrase.start = start;
                key = hay[start..stem.end].to_string();
                suffixed = true;
                min_sentences = 3;
            } else if !brand && let Some(start) = named_prefix(&hay, &stem) {
                // 旺财棋牌注册送58元: the name belongs to the phrase that is deleted.
                phrase.start = start;
                key = hay[start..stem.end].to_string();
            }
            stem_occurrences.push(Occurrence {
                key,
                min_sentences,
                check_name: None,
                spam_only: false,
                exclusive: None,
                certain,
                standalone: standalone(&hay, phrase.end),
                place: place(phrase),
                hard,
                suffixed,
                brand,
            });
        }
        // A phrase such as 金沙娱乐 also swallows a topic word such as 赌场 in 金沙赌场.
        let outside = |r: &Range<usize>| {
            !morpheme_occurrences
                .iter()
                .chain(&stem_occurrences)
                .any(|o| o.place.phrase.start <= r.start && r.end <= o.place.phrase.end)
        };
        let topic_outside = topic_spans.iter().filter(|r| outside(r)).count();
        Candidates {
            legal_sentences: legal_spans.iter().map(|r| sentence_of(r.start)).collect(),
            urls: urls
                .into_iter()
                .map(|(range, host, needed)| UrlCandidate {
                    place: place(range),
                    host: host.to_string(),
                    needed,
                })
                .collect(),
            morphemes: morpheme_occurrences,
            stems: stem_occurrences,
            topic_outside,
            topic_words: topic_spans.len(),
            morpheme_counts,
            sport,
            glued: glued
                .into_iter()
                .map(|(range, host)| UrlCandidate {
                    place: place(range),
                    host: host.to_string(),
                    needed: 3,
                })
                .collect(),
            domains,
        }
    }

    /// Whether the piece holds nothing this detector looks at.
    pub fn is_empty(&self) -> bool {
        *self == Candidates::default()
    }
}
