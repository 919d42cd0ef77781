//! Chinese word segmentation (jieba-rs) that works on either script, without loading jieba's
//! whole dictionary for a few short spans.
//!
//! jieba's dictionary is Simplified, so Traditional text is segmented through a
//! character-by-character Simplified copy (same character count) and the words are mapped
//! back to source bytes.
//!
//! Loading all 349,045 dictionary words into jieba's trie costs ~0.15 s of CPU, more than
//! checking several megabytes, while `check` segments only short candidate spans. jieba's
//! segmentation of a text depends only on the dictionary words that occur inside it and on
//! the sum of all word frequencies. So each thread keeps a small segmenter holding just the
//! words found in the texts it has been asked about (binary search over the sorted
//! dictionary lines, embedded from `data/jieba/`), plus a placeholder entry that keeps the
//! frequency total equal to the full dictionary's: the result is the full segmenter's. Once a
//! thread has looked up [`FULL_LOAD_AFTER_BYTES`] the full dictionary is loaded and used
//! instead (a batch run is then faster), except after [`warm_up`]: a long-running process (the
//! language server) stays on the lean path, where the full dictionary's ~30 MB would be
//! resident for good. [`Lean`] is the same segmenter for callers that add words of their own
//! (the glossary).

use super::script::simplified_char;
use jieba_rs::{Jieba, Token};
use std::cell::RefCell;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{LazyLock, OnceLock};

/// jieba's dictionary, `word freq tag` per line, sorted by word (byte order).
const DICTIONARY: &str = include_str!("../../data/jieba/dict.txt");
/// Sum of the frequencies in [`DICTIONARY`] (checked by a test).
const DICTIONARY_TOTAL: usize = 60_101_964;
/// Longest word of [`DICTIONARY`] in bytes (checked by a test).
const LONGEST_WORD_BYTES: usize = 48;
/// An entry no text can match (U+10FFFF is not in jieba's word-character class), carrying
/// the frequencies of the words a partial segmenter lacks.
const PLACEHOLDER: &str = "\u{10FFFF}\u{10FFFF}";
/// After looking up this many bytes a thread loads the full dictionary: beyond it lookups
/// would cost more than the load.
const FULL_LOAD_AFTER_BYTES: usize = 400_000;

static FULL: OnceLock<Jieba> = OnceLock::new();

fn full() -> &'static Jieba {
    FULL.get_or_init(full_dictionary)
}

/// jieba with its whole dictionary (the embedded copy in `data/jieba`, the same file jieba-rs
/// would embed a second time with its `default-dict` feature).
fn full_dictionary() -> Jieba {
    Jieba::with_dict(&mut DICTIONARY.as_bytes()).expect("the embedded dictionary parses")
}

/// Set by [`warm_up`]: never load the full dictionary in this process.
static STAY_LEAN: AtomicBool = AtomicBool::new(false);
/// A thread's lean segmenter that knows this many words starts over (on the lean path for
/// good, it would otherwise grow towards the full dictionary in a long session).
const MAX_LEAN_WORDS: usize = 50_000;

/// For long-running processes (the language server): builds the lean path's lookup tables
/// now and keeps the process on that path (see the module docs).
pub fn warm_up() {
    STAY_LEAN.store(true, Ordering::Relaxed);
    LazyLock::force(&FIRST_LINE);
}

/// Byte offset of each line of [`DICTIONARY`].
static LINE_STARTS: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let bytes = DICTIONARY.as_bytes();
    let mut starts = Vec::with_capacity(350_000);
    starts.push(0);
    starts.extend(
        memchr::memchr_iter(b'\n', bytes)
            .map(|i| i + 1)
            .filter(|&start| start < bytes.len())
            .map(|start| start as u32),
    );
    starts
});

/// Characters with a [`FIRST_LINE`] entry: the BMP.
const FIRST_LINE_CHARS: usize = 0x1_0000;

/// For each BMP character, the index of the first line whose word starts with it or a later
/// character (code point order is UTF-8 byte order), and a last entry for the astral ones:
/// the lines of words starting with `c` are `FIRST_LINE[c]..FIRST_LINE[c + 1]`.
static FIRST_LINE: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut first = Vec::with_capacity(FIRST_LINE_CHARS + 1);
    for i in 0..LINE_STARTS.len() {
        let c = line(i).chars().next().map_or(0, |c| c as usize);
        while first.len() <= c.min(FIRST_LINE_CHARS) {
            first.push(i as u32);
        }
    }
    first.resize(FIRST_LINE_CHARS + 1, LINE_STARTS.len() as u32);
    first
});

/// Lines whose word starts with `c`, or a range that holds them.
fn lines_starting_with(c: char) -> (usize, usize) {
    let first = &*FIRST_LINE;
    match c as usize {
        c if c < FIRST_LINE_CHARS => (first[c] as usize, first[c + 1] as usize),
        _ => (first[FIRST_LINE_CHARS] as usize, LINE_STARTS.len()),
    }
}

/// Line `i` of the dictionary, without its line break.
fn line(i: usize) -> &'static str {
    let starts = &*LINE_STARTS;
    let start = starts[i] as usize;
    let end = starts.get(i + 1).map_or(DICTIONARY.len(), |&s| s as usize);
    DICTIONARY[start..end].trim_end_matches(['\n', '\r'])
}

/// A segmenter that knows only the dictionary words of the texts it has seen, and cuts them
/// as jieba with the full dictionary does (see the module docs).
pub struct Lean {
    jieba: Jieba,
    /// Dictionary frequencies of the dictionary words added so far.
    added_total: usize,
    /// Bytes of text looked up so far.
    looked_up: usize,
    /// Words known (learned or added).
    words: usize,
}

impl Default for Lean {
    fn default() -> Lean {
        Lean::new()
    }
}

impl Lean {
    pub fn new() -> Lean {
        let mut jieba = Jieba::empty();
        jieba.add_word(PLACEHOLDER, Some(DICTIONARY_TOTAL), Some("x"));
        Lean {
            jieba,
            added_total: 0,
            looked_up: 0,
            words: 0,
        }
    }

    /// Words known so far (a measure of its size).
    pub fn words(&self) -> usize {
        self.words
    }

    /// Adds `word` as `add_word(word, None, None)` on a full-dictionary jieba would: with the
    /// frequency jieba suggests for it, which depends only on the dictionary words inside it.
    pub fn add_suggested(&mut self, word: &str) {
        self.learn(word);
        if !self.jieba.has_word(word) {
            self.words += 1;
        }
        self.jieba.add_word(word, None, None);
    }

    /// jieba's cut of `text` (Simplified script), as with the full dictionary plus the words
    /// added with [`Lean::add_suggested`].
    pub fn cut<'a>(&mut self, text: &'a str, hmm: bool) -> Vec<Token<'a>> {
        self.learn(text);
        self.jieba.cut(text, hmm)
    }

    /// Adds every dictionary word that occurs in `text`.
    fn learn(&mut self, text: &str) {
        self.looked_up += text.len();
        let starts = &*LINE_STARTS;
        let mut added = false;
        for (at, first) in text.char_indices() {
            let rest = &text.as_bytes()[at..];
            let (mut lo, mut hi) = lines_starting_with(first);
            // Narrow [lo, hi) to the words starting with ever longer prefixes of `rest`.
            for (k, c) in text[at..].char_indices() {
                let prefix = &rest[..k + c.len_utf8()];
                if prefix.len() > LONGEST_WORD_BYTES {
                    break;
                }
                lo += starts[lo..hi].partition_point(|&s| word_at(s) < prefix);
                hi = lo + starts[lo..hi].partition_point(|&s| word_at(s).starts_with(prefix));
                if lo == hi {
                    break;
                }
                if word_at(starts[lo]) == prefix {
                    added |= self.add(line(lo));
                }
            }
        }
        if added {
            let rest = DICTIONARY_TOTAL.saturating_sub(self.added_total);
            self.jieba.add_word(PLACEHOLDER, Some(rest), Some("x"));
        }
    }

    /// Adds one `word freq tag` line unless its word is known; whether it was added.
    fn add(&mut self, line: &str) -> bool {
        let mut fields = line.split(' ');
        let word = fields.next().unwrap_or("");
        if word.is_empty() || self.jieba.has_word(word) {
            return false;
        }
        let freq = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0);
        let tag = fields.next().unwrap_or("");
        self.jieba.add_word(word, Some(freq), Some(tag));
        self.added_total += freq;
        self.words += 1;
        true
    }
}

/// jieba's dictionary frequency of `word` (Simplified script), if it is a dictionary word.
pub fn frequency(word: &str) -> Option<usize> {
    let first = word.chars().next()?;
    let starts = &*LINE_STARTS;
    let (lo, hi) = lines_starting_with(first);
    let at = lo + starts[lo..hi].partition_point(|&s| word_at(s) < word.as_bytes());
    if at < hi && word_at(starts[at]) == word.as_bytes() {
        line(at).split(' ').nth(1)?.parse().ok()
    } else {
        None
    }
}

/// The word of the dictionary line starting at byte `start`, as bytes.
fn word_at(start: u32) -> &'static [u8] {
    let bytes = &DICTIONARY.as_bytes()[start as usize..];
    let end = memchr::memchr2(b' ', b'\n', bytes).unwrap_or(bytes.len());
    &bytes[..end]
}

thread_local! {
    static PARTIAL: RefCell<Option<Lean>> = const { RefCell::new(None) };
}

/// Runs `f` with a segmenter that segments `text` exactly as the full dictionary does.
fn with_segmenter<R>(text: &str, f: impl FnOnce(&Jieba) -> R) -> R {
    if let Some(full) = FULL.get() {
        return f(full);
    }
    PARTIAL.with(|cell| {
        let mut partial = cell.borrow_mut();
        let partial = partial.get_or_insert_with(Lean::new);
        if partial.looked_up + text.len() > FULL_LOAD_AFTER_BYTES {
            if !STAY_LEAN.load(Ordering::Relaxed) {
                return f(full());
            }
            if partial.words > MAX_LEAN_WORDS {
                *partial = Lean::new();
            }
        }
        partial.learn(text);
        f(&partial.jieba)
    })
}

/// jieba's cut of `simplified` (text already in Simplified script).
pub fn cut(simplified: &str, hmm: bool) -> Vec<Token<'_>> {
    with_segmenter(simplified, |jieba| jieba.cut(simplified, hmm))
}

/// A segmented word: its bytes in the source and its part-of-speech tag (jieba's ICTCLAS-style
/// tags: `ns` place name, `n` noun, `x` punctuation/unknown …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    pub tag: String,
}

/// `text` in Simplified script, plus the byte offset of each character in `text` (and a final
/// entry for the end), so character positions from jieba map back to source bytes.
fn simplified_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut simplified = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() / 3 + 1);
    for (at, c) in text.char_indices() {
        offsets.push(at);
        simplified.push(simplified_char(c));
    }
    offsets.push(text.len());
    (simplified, offsets)
}

/// Words of `text` (any script), as byte ranges of `text`, tiling it.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let (simplified, offsets) = simplified_with_offsets(text);
    cut(&simplified, true)
        .into_iter()
        .map(|t| offsets[t.start]..offsets[t.end])
        .collect()
}

/// Words of `text` with part-of-speech tags.
pub fn tagged_words(text: &str) -> Vec<Word> {
    let (simplified, offsets) = simplified_with_offsets(text);
    with_segmenter(&simplified, |jieba| {
        jieba
            .tag(&simplified, true)
            .into_iter()
            .map(|t| Word {
                range: offsets[t.start]..offsets[t.end],
                tag: t.tag.to_string(),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn frequency_of_dictionary_words() {
        assert!(frequency("最后").is_some_and(|f| f > 1000));
        assert!(frequency("强制").is_some());
        assert_eq!(frequency("最后一"), None);
        assert_eq!(
            frequency("最"),
            DICTIONARY.lines().find_map(|l| {
                let mut f = l.split(' ');
                (f.next() == Some("最")).then(|| f.next().unwrap().parse().unwrap())
            })
        );
        assert_eq!(frequency(""), None);
        assert_eq!(frequency("𠮷𠮷"), None);
    }

    #[test]
    fn traditional_segments_like_simplified() {
        assert_eq!(cut("基層黨組織").len(), cut("基层党组织").len());
        let words = cut("基層黨組織建設");
        assert!(words.len() <= 3, "{words:?}");
        assert_eq!(words.concat(), "基層黨組織建設");
    }

    #[test]
    fn tags_place_names() {
        let text = "夏河县 浙江省";
        let tagged = tagged_words(text);
        let places: Vec<&str> = tagged
            .iter()
            .filter(|w| w.tag == "ns")
            .map(|w| &text[w.range.clone()])
            .collect();
        assert!(places.contains(&"浙江省"), "{tagged:?}");
    }

    #[test]
    fn dictionary_is_sorted_and_its_constants_hold() {
        let mut total = 0;
        let mut longest = 0;
        let mut previous = "";
        for i in 0..LINE_STARTS.len() {
            let line = line(i);
            let mut fields = line.split(' ');
            let word = fields.next().unwrap();
            assert!(previous < word, "{previous} {word}");
            total += fields.next().unwrap().parse::<usize>().unwrap();
            longest = longest.max(word.len());
            previous = word;
        }
        assert_eq!(LINE_STARTS.len(), 349_045);
        assert_eq!(total, DICTIONARY_TOTAL);
        assert_eq!(longest, LONGEST_WORD_BYTES);
        for c in ['中', '4', 'a', '𠮷', '\u{FFFF}', '\0'] {
            let (lo, hi) = lines_starting_with(c);
            let starting = (0..LINE_STARTS.len()).filter(|&i| line(i).starts_with(c));
            assert!(starting.clone().all(|i| lo <= i && i < hi), "{c}");
            if (c as usize) < FIRST_LINE_CHARS {
                assert_eq!(starting.count(), hi - lo, "{c}");
            }
        }
    }

    /// Words added on top (as the glossary does) change a lean segmenter's cuts exactly as
    /// they change the full dictionary's, also when a word is already in the dictionary.
    #[test]
    fn lean_with_added_words_equals_full_with_the_same_words() {
        let added = [
            "基层党组织",
            "党组织建设",
            "中国特色社会主义",
            "习近平",
            "两学一做",
            "不忘初心",
        ];
        let mut full = full_dictionary();
        let mut lean = Lean::new();
        for word in added {
            full.add_word(word, None, None);
            lean.add_suggested(word);
        }
        let seed = include_str!("../../tests/fixtures/seed.txt");
        let simplified: String = seed.chars().map(simplified_char).collect();
        for text in simplified
            .split(['\n', '。'])
            .chain(["加强基层党组织建设，坚持中国特色社会主义，不忘初心、牢记使命"])
            .filter(|t| !t.is_empty())
        {
            let expected: Vec<_> = full.cut(text, false).iter().map(|t| t.word).collect();
            let got: Vec<_> = lean.cut(text, false).iter().map(|t| t.word).collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    /// The partial segmenter cuts and tags exactly as the full dictionary does.
    #[test]
    fn partial_segmenter_equals_full() {
        let seed = include_str!("../../tests/fixtures/seed.txt");
        let simplified: String = seed.chars().map(simplified_char).collect();
        let texts: Vec<&str> = simplified
            .split(['\n', '。', '，'])
            .filter(|t| !t.is_empty())
            .chain([
                "夏河县| 芒康县| 科技| 尉犁县| 崇义县| 陇西县",
                "4S店和1号店在北京市海淀区，iPhone 15 价格 3999 元",
                "他说：“结婚的和尚未结婚的都来了。”\r\n",
                "𠮷野家😀\u{0}",
            ])
            .collect();
        let mut partial = Lean::new();
        let full = full();
        for text in texts {
            partial.learn(text);
            for hmm in [false, true] {
                let expected: Vec<_> = full
                    .tag(text, hmm)
                    .iter()
                    .map(|t| (t.word, t.tag))
                    .collect();
                let got: Vec<_> = partial
                    .jieba
                    .tag(text, hmm)
                    .iter()
                    .map(|t| (t.word, t.tag))
                    .collect();
                assert_eq!(got, expected, "{text}");
            }
        }
        // The embedded dictionary is the one jieba-rs loads.
        for i in (0..LINE_STARTS.len()).step_by(97) {
            assert!(full.has_word(line(i).split(' ').next().unwrap()));
        }
    }
}
