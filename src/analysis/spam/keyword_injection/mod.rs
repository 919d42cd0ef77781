//! `spam/keyword-injection`: a gambling (or porn, fake-invoice…) brand written into the body,
//! often in place of real words: `…推动澳门新葡京娱乐官网在基层落地生根…`.
//!
//! Candidates are occurrences of a curated stem lexicon (Simplified view, so both scripts
//! match), extended to the whole brand phrase by commercial suffixes (娱乐, 官网, 开户, app…),
//! plus repeated spam-looking domains. A brand fires when it carries a hard commercial suffix
//! (官网, 开户, 网址…), or when it recurs in two or more sentences; a phrase written once
//! fires when the document carries a second, different spam phrase (天博体育 here, 极速贷官网
//! there, a throwaway host). A document that is about
//! gambling (a crackdown report: 赌博, 涉赌, 查处…) is left alone. The fix only deletes the
//! phrase and is unsafe: the word it replaced is lost.
//!
//! The parts: `lexicon` holds the words and the automaton over them; `phrase` extends a
//! stem to the phrase written and finds the name before a morpheme; `domains` finds spam
//! hosts; `candidates` scans one piece of text into [`Candidates`]; `judge` decides over
//! the candidates of all pieces.

mod candidates;
mod domains;
mod judge;
mod lexicon;
mod phrase;

#[cfg(test)]
mod tests;

pub use judge::judge;

use crate::analysis::Document;
use crate::analysis::finding::Finding;
use lexicon::MORPHEMES;
use std::ops::Range;

/// One candidate occurrence of a brand phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Occurrence {
    key: String,
    place: Place,
    hard: bool,
    suffixed: bool,
    brand: bool,
    min_sentences: usize,
    /// The name in front of a morpheme must not be an ordinary word (休闲娱乐, 群众体育).
    check_name: Option<String>,
    /// The phrase carries a suffix only spam writes (注册送, app下载, 最新网址): its name may be
    /// an ordinary word (帝豪国际app下载, 豪客娱乐最新网址).
    spam_only: bool,
    /// A Han name before 体育 / 电竞 (星空体育): a brand only when every 体育 of the document
    /// belongs to it and the document says nothing else about sport.
    exclusive: Option<&'static str>,
    /// Unmistakably a spam phrase even once (a hard suffix, a gambling suffix after a lexicon
    /// stem, a long lexicon brand): with a second such phrase the document is injected.
    certain: bool,
    /// Nothing Han follows the phrase (`，皇朝娱乐，`): it stands as a clause or an item of
    /// its own, not as the modifier of a noun (泰国受国际市场…, 国际机场).
    standalone: bool,
}

/// What one piece of text (a paragraph, or a whole document) holds for this detector, in
/// offsets relative to the piece: the candidate phrases and domains, and the gambling-topic
/// and law-enforcement words that excuse them. Nothing here crosses a line break (the lexicon,
/// suffixes and names have none, and a line break ends a sentence), so a document's pieces
/// can be scanned separately and [`judge`]d together, as the language server does with its
/// cached paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Candidates {
    /// Occurrences of a gambling morpheme with a name in front, in order.
    morphemes: Vec<Occurrence>,
    /// Occurrences of a brand stem, in order.
    stems: Vec<Occurrence>,
    /// Topic words (赌博, 博彩…) not swallowed by a candidate phrase.
    topic_outside: usize,
    /// Topic words anywhere, also inside candidate phrases (赌博 in 赌博网站).
    topic_words: usize,
    /// The sentence of each law-enforcement word.
    legal_sentences: Vec<usize>,
    urls: Vec<UrlCandidate>,
    /// How many times each of [`MORPHEMES`] occurs, with or without a name.
    morpheme_counts: [usize; MORPHEMES.len()],
    /// Whether the piece writes about sport or games (比赛, 运动员…).
    sport: bool,
    /// Plain domains glued into sentences (see [`glued_domain`]).
    glued: Vec<UrlCandidate>,
    /// Every domain-like token the piece names, distinct.
    domains: Vec<String>,
}

/// Where a candidate is: `phrase` in the Simplified view (orders and overlaps candidates),
/// `source` in the text, and the sentence it is in.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Place {
    phrase: Range<usize>,
    source: Range<usize>,
    shown: String,
    sentence: usize,
}

/// A spam-looking domain.
#[derive(Clone, Debug, PartialEq, Eq)]
struct UrlCandidate {
    place: Place,
    host: String,
    /// Sentences it must recur in.
    needed: usize,
}

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    let candidates = Candidates::of(doc.text, doc.normalized());
    judge(&[(0, &candidates)], doc.locale, out);
}
