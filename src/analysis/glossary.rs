//! Glossary of terms from Chinese party-building and government documents.
//!
//! The built-in data lives in `data/glossary.toml` (embedded at compile time);
//! user glossaries in the same schema are merged on top of it. The matcher finds
//! terms in Simplified, Traditional or inline-pinyin-annotated text (三会一课,
//! 三會一課, 三會(huì)一課) and reports byte ranges in the original text. Pure:
//! text in, plain data out, no I/O.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use super::normalize::NormalizedView;
use super::script::is_han;
use super::segment::Lean;
use serde::{Deserialize, Serialize};

/// A definition of a term, serialized as `define --format json` prints it
/// (`{"source": "glossary", "entry": …}` or `{"source": "cedict", "entries": […]}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "source", rename_all = "lowercase")]
pub enum Definition<'a> {
    Glossary {
        entry: &'a Entry,
    },
    Cedict {
        entries: Vec<super::dictionary::DictEntry>,
    },
}

/// The built-in glossary source, in the `[[term]]` TOML schema.
pub const BUILTIN_TOML: &str = include_str!("../../data/glossary.toml");

/// Largest user glossary accepted, in bytes.
pub const MAX_USER_GLOSSARY_BYTES: usize = 1024 * 1024;

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The term in Simplified script.
    pub term: String,
    /// Traditional form(s) and alternative wordings.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Space-separated syllables with tone marks, one per Han character of `term`.
    #[serde(default)]
    pub pinyin: String,
    /// Subject area, e.g. 组织生活.
    #[serde(default)]
    pub category: String,
    /// Short explanation in Chinese.
    #[serde(default)]
    pub definition: String,
    /// The governing document or occasion.
    #[serde(default)]
    pub source: String,
    /// Other terms worth looking up.
    #[serde(default)]
    pub related: Vec<String>,
}

impl Entry {
    /// Every written form of the entry: the term followed by its variants.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.variants.iter().map(String::as_str))
    }

    /// The Traditional form: the first variant that is a script conversion of
    /// the term, or the term itself when both scripts write it alike.
    pub fn traditional(&self) -> &str {
        let key = lookup_key(&self.term);
        self.variants
            .iter()
            .find(|v| *v != &self.term && lookup_key(v) == key)
            .map(String::as_str)
            .unwrap_or(&self.term)
    }

    /// Markdown for an editor hover: both scripts, pinyin, category,
    /// definition, source and related terms.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("**{}**", self.term);
        let trad = self.traditional();
        if trad != self.term {
            out.push_str(&format!("（{trad}）"));
        }
        if !self.pinyin.is_empty() {
            out.push_str(&format!(" *{}*", self.pinyin));
        }
        if !self.category.is_empty() {
            out.push_str(&format!(" · {}", self.category));
        }
        out.push_str("\n\n");
        if !self.definition.is_empty() {
            out.push_str(&self.definition);
            out.push_str("\n\n");
        }
        let others: Vec<&str> = self
            .variants
            .iter()
            .map(String::as_str)
            .filter(|v| *v != trad)
            .collect();
        if !others.is_empty() {
            out.push_str(&format!("又作：{}  \n", others.join("、")));
        }
        if !self.source.is_empty() {
            out.push_str(&format!("来源：{}  \n", self.source));
        }
        if !self.related.is_empty() {
            out.push_str(&format!("相关：{}  \n", self.related.join("、")));
        }
        out.trim_end().to_string()
    }
}

/// Why a glossary could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlossaryError {
    /// The input is larger than [`MAX_USER_GLOSSARY_BYTES`].
    TooLarge { size: usize, limit: usize },
    /// The TOML is malformed or does not follow the schema.
    Parse(String),
    /// An entry breaks a rule (e.g. an empty term).
    Invalid(String),
}

impl GlossaryError {
    /// The message in `locale` (TOML parser details stay as the parser wrote them).
    pub fn localized(&self, locale: crate::analysis::Locale) -> String {
        match (self, locale) {
            (_, crate::analysis::Locale::En) => self.to_string(),
            (GlossaryError::TooLarge { size, limit }, _) => {
                format!("术语表有 {size} 字节，超过上限 {limit} 字节")
            }
            (GlossaryError::Parse(msg), _) => format!("术语表不是有效的 TOML：{msg}"),
            (GlossaryError::Invalid(msg), _) => format!("术语表条目无效：{msg}"),
        }
    }
}

impl fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GlossaryError::TooLarge { size, limit } => write!(
                f,
                "glossary is {size} bytes, larger than the limit of {limit} bytes"
            ),
            GlossaryError::Parse(msg) => write!(f, "glossary is not valid TOML: {msg}"),
            GlossaryError::Invalid(msg) => write!(f, "invalid glossary entry: {msg}"),
        }
    }
}

impl std::error::Error for GlossaryError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[serde(default)]
    term: Vec<RawEntry>,
}

/// [`Entry`] as written, with the span of its `term` value.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    term: toml::Spanned<String>,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    pinyin: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    definition: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    related: Vec<String>,
}

/// A glossary entry and where its `term` value is written in the TOML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcedEntry {
    pub entry: Entry,
    /// Byte range of the `term` value in the TOML text, inside its quotes (so it is the
    /// term itself unless the value uses escapes).
    pub term_span: Range<usize>,
}

/// Parse glossary TOML (`[[term]]` tables) into entries, refusing inputs
/// larger than [`MAX_USER_GLOSSARY_BYTES`].
pub fn parse_entries(toml_text: &str) -> Result<Vec<Entry>, GlossaryError> {
    Ok(parse_sourced_entries(toml_text)?
        .into_iter()
        .map(|s| s.entry)
        .collect())
}

/// Like [`parse_entries`], keeping where each entry's term is written (for go-to-definition).
pub fn parse_sourced_entries(toml_text: &str) -> Result<Vec<SourcedEntry>, GlossaryError> {
    if toml_text.len() > MAX_USER_GLOSSARY_BYTES {
        return Err(GlossaryError::TooLarge {
            size: toml_text.len(),
            limit: MAX_USER_GLOSSARY_BYTES,
        });
    }
    let file: GlossaryFile =
        toml::from_str(toml_text).map_err(|e| GlossaryError::Parse(e.to_string()))?;
    let mut out = Vec::with_capacity(file.term.len());
    for (i, raw) in file.term.into_iter().enumerate() {
        let term_span = unquoted(toml_text, raw.term.span());
        let entry = Entry {
            term: raw.term.into_inner(),
            variants: raw.variants,
            pinyin: raw.pinyin,
            category: raw.category,
            definition: raw.definition,
            source: raw.source,
            related: raw.related,
        };
        if entry.term.trim().is_empty() {
            return Err(GlossaryError::Invalid(format!(
                "entry {} has an empty `term`",
                i + 1
            )));
        }
        out.push(SourcedEntry { entry, term_span });
    }
    Ok(out)
}

/// `span` (a TOML string value, quotes included) without its quotes; unchanged when it does
/// not look like a quoted string.
fn unquoted(text: &str, span: Range<usize>) -> Range<usize> {
    let Some(value) = text.get(span.clone()) else {
        return span;
    };
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        let n = quote.len();
        if value.len() >= 2 * n && value.starts_with(quote) && value.ends_with(quote) {
            return span.start + n..span.end - n;
        }
    }
    span
}

/// A glossary term found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TermMatch {
    /// Byte range in the text given to [`Glossary::find_terms`], from the first
    /// character of the term to the end of its last character.
    pub byte_range: Range<usize>,
    /// Index into [`Glossary::entries`].
    pub entry_index: usize,
}

/// A set of entries with lookup and matching.
pub struct Glossary {
    entries: Vec<Entry>,
    keys: HashMap<String, usize>,
    matcher: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// jieba (lean: only the dictionary words of the sentences seen, see `segment::Lean`)
    /// with the terms' Han runs added; built on first use.
    /// The second field is how many words it knew when built.
    segmenter: Mutex<Option<(Lean, usize)>>,
}

impl fmt::Debug for Glossary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Glossary")
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl Glossary {
    /// The built-in glossary.
    pub fn builtin() -> Glossary {
        Glossary::from_entries(builtin_entries())
    }

    /// A process-wide built-in glossary, built on first use.
    pub fn shared() -> &'static Glossary {
        static SHARED: OnceLock<Glossary> = OnceLock::new();
        SHARED.get_or_init(Glossary::builtin)
    }

    /// The built-in glossary with `user` entries merged on top: a user entry
    /// replaces every built-in entry that shares a form (term or variant) with it.
    /// The user entries come last, in their order: entry `len() - user.len() + i` is
    /// `user[i]`.
    pub fn with_user(user: Vec<Entry>) -> Glossary {
        let user_keys: HashSet<String> = user
            .iter()
            .flat_map(|e| e.forms().map(lookup_key).collect::<Vec<_>>())
            .collect();
        let mut entries: Vec<Entry> = builtin_entries()
            .into_iter()
            .filter(|e| !e.forms().any(|f| user_keys.contains(&lookup_key(f))))
            .collect();
        entries.extend(user);
        Glossary::from_entries(entries)
    }

    /// The built-in glossary merged with a user glossary in TOML.
    pub fn with_user_toml(toml_text: &str) -> Result<Glossary, GlossaryError> {
        Ok(Glossary::with_user(parse_entries(toml_text)?))
    }

    /// A glossary of exactly these entries. When two entries share a form,
    /// the later one wins for lookup and matching.
    pub fn from_entries(entries: Vec<Entry>) -> Glossary {
        let mut keys = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            for form in entry.forms() {
                let key = lookup_key(form);
                if !key.is_empty() {
                    keys.insert(key, i);
                }
            }
        }
        let patterns: Vec<(&str, u32)> =
            keys.iter().map(|(k, &i)| (k.as_str(), i as u32)).collect();
        let matcher = if patterns.is_empty() {
            None
        } else {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build_with_values(patterns)
                .ok()
        };
        Glossary {
            entries,
            keys,
            matcher,
            segmenter: Mutex::new(None),
        }
    }

    /// All entries, in order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Entry by index (as in [`TermMatch::entry_index`]).
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the glossary has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Find an entry by its term or any variant, written in either script,
    /// with or without inline pinyin annotations or surrounding quotes.
    pub fn lookup(&self, term: &str) -> Option<&Entry> {
        self.lookup_index(term).map(|i| &self.entries[i])
    }

    /// What `define` answers for `term`: its glossary entry, else its CC-CEDICT senses
    /// (`None` when neither knows it).
    pub fn define(&self, term: &str) -> Option<Definition<'_>> {
        if let Some(entry) = self.lookup(term) {
            return Some(Definition::Glossary { entry });
        }
        let entries = super::dictionary::lookup_all(term);
        (!entries.is_empty()).then_some(Definition::Cedict { entries })
    }

    /// Like [`Glossary::lookup`] but returns the entry index.
    pub fn lookup_index(&self, term: &str) -> Option<usize> {
        let key = lookup_key(term);
        if let Some(&i) = self.keys.get(&key) {
            return Some(i);
        }
        // Separators differ between documents: 不忘初心、牢记使命 / 不忘初心，牢记使命.
        let squeezed: String = key.chars().filter(|c| !is_separator(*c)).collect();
        self.keys
            .iter()
            .find(|(k, _)| {
                k.chars().any(is_separator)
                    && k.chars().filter(|c| !is_separator(*c)).eq(squeezed.chars())
            })
            .map(|(_, &i)| i)
    }

    /// Every glossary term in `text`, leftmost-longest, in order. A candidate
    /// that is only part of a longer word (by jieba segmentation of its
    /// sentence) is skipped.
    pub fn find_terms(&self, text: &str) -> Vec<TermMatch> {
        self.find_terms_in_view(&NormalizedView::new(text))
    }

    /// Like [`Glossary::find_terms`] over a view already built (e.g. by
    /// `Document::normalized`); ranges are in the view's source text.
    pub fn find_terms_in_view(&self, view: &NormalizedView) -> Vec<TermMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut sentence: Option<(Range<usize>, Vec<usize>)> = None;
        for m in matcher.leftmost_find_iter(&view.simplified) {
            let (start, end) = (m.start(), m.end());
            let in_cached = sentence
                .as_ref()
                .is_some_and(|(r, _)| r.start <= start && end <= r.end);
            if !in_cached {
                let range = sentence_around(&view.simplified, start, end);
                let bounds = self.token_boundaries(&view.simplified[range.clone()], range.start);
                sentence = Some((range, bounds));
            }
            let (_, bounds) = sentence.as_ref().expect("sentence was just computed");
            if bounds.binary_search(&start).is_err() || bounds.binary_search(&end).is_err() {
                continue;
            }
            out.push(TermMatch {
                byte_range: view.simplified_to_source(start..end),
                entry_index: m.value() as usize,
            });
        }
        out
    }

    /// Builds the segmenter now instead of on the first match.
    pub fn warm_up(&self) {
        self.with_segmenter(|_| ());
    }

    /// Runs `f` with the segmenter: the full dictionary's cuts with every Han run of two or
    /// more characters of the terms added (in sorted order, so cuts do not depend on hash
    /// order). It starts over when it has learned many words, to stay small in a long session.
    fn with_segmenter<R>(&self, f: impl FnOnce(&mut Lean) -> R) -> R {
        const MAX_WORDS: usize = 50_000;
        let mut slot = self.segmenter.lock().unwrap_or_else(|e| e.into_inner());
        if slot
            .as_ref()
            .is_none_or(|(lean, built)| lean.words() > built + MAX_WORDS)
        {
            let mut runs: Vec<&str> = self
                .keys
                .keys()
                .flat_map(|key| key.split(|c: char| !is_han(c)))
                .filter(|run| run.chars().count() >= 2)
                .collect();
            runs.sort_unstable();
            runs.dedup();
            let mut lean = Lean::new();
            for run in runs {
                lean.add_suggested(run);
            }
            let built = lean.words();
            *slot = Some((lean, built));
        }
        f(&mut slot.as_mut().expect("the segmenter was just built").0)
    }

    /// Byte offsets (absolute, sorted) where tokens of `sentence` start or end.
    fn token_boundaries(&self, sentence: &str, offset: usize) -> Vec<usize> {
        let tokens = self.with_segmenter(|lean| lean.cut(sentence, false));
        let mut bounds = Vec::with_capacity(tokens.len() + 1);
        bounds.push(offset);
        // Tokens tile the sentence in order, so their ends are already sorted.
        bounds.extend(tokens.iter().map(|t| offset + t.byte_end));
        bounds
    }
}

fn builtin_entries() -> Vec<Entry> {
    parse_entries(BUILTIN_TOML).expect("data/glossary.toml is valid (checked by tests)")
}

fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '·' | '・' | ' ' | '\u{3000}')
}

/// Normalised lookup key: trimmed, quotes and pinyin annotations removed,
/// converted to Simplified script.
pub fn lookup_key(text: &str) -> String {
    let trimmed = text.trim().trim_matches(|c: char| {
        matches!(
            c,
            '“' | '”' | '"' | '\'' | '‘' | '’' | '《' | '》' | '「' | '」' | '『' | '』'
        )
    });
    NormalizedView::new(trimmed).simplified
}

/// Byte range of the sentence around `start..end` in `text`.
fn sentence_around(text: &str, start: usize, end: usize) -> Range<usize> {
    const STOPS: &[char] = &['。', '！', '？', '；', '!', '?', ';', '\n', '\r'];
    let s = text[..start]
        .rfind(STOPS)
        .map(|i| i + text[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let e = text[end..]
        .find(STOPS)
        .map(|i| end + i)
        .unwrap_or(text.len());
    s..e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_key_strips_annotations_quotes_and_script() {
        assert_eq!(lookup_key("“三會(huì)一課”"), "三会一课");
        assert_eq!(lookup_key(" 《黨支部工作條例》 "), "党支部工作条例");
    }

    #[test]
    fn sourced_entries_point_at_their_term_values() {
        let text = "# 本单位术语\r\n[[term]]\r\nterm = \"三会一课\"\r\ndefinition = \"甲\"\r\n\r\n\
                    [[term]]\ndefinition = \"乙\"\n  term   =   '楼道议事会'\n\n\
                    [[term]]\nterm = \"\"\"𠮷字\"\"\"\n";
        let sourced = parse_sourced_entries(text).unwrap();
        let terms: Vec<&str> = sourced.iter().map(|s| &text[s.term_span.clone()]).collect();
        assert_eq!(terms, ["三会一课", "楼道议事会", "𠮷字"]);
        for s in &sourced {
            assert_eq!(text[s.term_span.clone()], s.entry.term);
        }
        // The second entry's term comes after its definition: the span is still its own.
        let line_of = |at: usize| text[..at].matches('\n').count();
        assert_eq!(
            sourced
                .iter()
                .map(|s| line_of(s.term_span.start))
                .collect::<Vec<_>>(),
            [2, 7, 10]
        );
        assert_eq!(
            parse_entries(text).unwrap(),
            sourced.into_iter().map(|s| s.entry).collect::<Vec<_>>()
        );
    }

    #[test]
    fn sourced_entries_in_an_inline_array_and_with_escapes() {
        let text = "term = [{ term = \"甲乙\" }, { term = \"\\u4E19丁\" }]\n";
        let sourced = parse_sourced_entries(text).unwrap();
        assert_eq!(&text[sourced[0].term_span.clone()], "甲乙");
        // An escaped value: the span covers what is written, inside the quotes.
        assert_eq!(&text[sourced[1].term_span.clone()], "\\u4E19丁");
        assert_eq!(sourced[1].entry.term, "丙丁");
    }

    #[test]
    fn unquoted_leaves_odd_spans_alone() {
        assert_eq!(unquoted("\"a\"", 0..3), 1..2);
        assert_eq!(unquoted("'''a'''", 0..7), 3..4);
        assert_eq!(unquoted("\"", 0..1), 0..1);
        assert_eq!(unquoted("ab", 0..9), 0..9);
        assert_eq!(unquoted("甲", 1..3), 1..3);
    }

    #[test]
    fn sentence_bounds() {
        let t = "甲。乙丙；丁";
        assert_eq!(&t[sentence_around(t, 6, 9)], "乙丙");
    }
}
