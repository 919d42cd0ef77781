//! The pure analysis core: text in, findings / outline / fixes out, in byte offsets.
//!
//! No I/O, no LSP types, no printing. The CLI and the language server are thin layers over
//! [`check`] (or, for incremental use, [`check_paragraph`] per paragraph and
//! [`summary::check_document_summarised`] over the paragraphs' summaries).
//!
//! Detectors come in two kinds. *Local* detectors look only inside one line (given the
//! document's [`DocSummary`]) and so can be re-run on just the pieces an edit touched
//! ([`paragraphs`] cuts a text into such pieces).
//! *Document* detectors (page chrome at the head/foot, appended spam lists, repeated
//! injected keywords) look at the document as a whole.

pub mod config;
pub mod dictionary;
pub mod finding;
pub mod fix;
pub mod garble;
pub mod glossary;
pub mod markdown;
pub mod normalize;
pub mod outline;
pub mod script;
pub mod script_mixed;
pub mod segment;
pub mod selection;
pub mod spam;
pub mod summary;
pub mod suppress;

pub use config::Config;
pub use finding::{Code, Finding, Fix, Locale, Severity};

use garble::inline_pinyin::{Annotation, find_annotations_on_page};
use garble::mojibake::MojibakeRun;
use normalize::NormalizedView;
use script::{Script, ScriptCounts};
use std::sync::OnceLock;
use summary::{ParagraphSummary, SummarisedDocument};

/// Facts about the whole document that local detectors may depend on. Additive: the sum of
/// the summaries of pieces that tile a text is the text's, so the language server keeps one
/// per paragraph and never rescans the document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocSummary {
    pub script_counts: ScriptCounts,
    /// Inline-pinyin annotations on Simplified characters (before the page-wide gate): a
    /// Simplified page's annotations count only when it has a few.
    pub simplified_annotations: usize,
}

impl DocSummary {
    pub fn of(text: &str) -> DocSummary {
        DocSummary {
            script_counts: ScriptCounts::of(text),
            simplified_annotations: garble::inline_pinyin::count_simplified(text),
        }
    }

    pub fn add(&mut self, other: DocSummary) {
        self.script_counts.add(other.script_counts);
        self.simplified_annotations += other.simplified_annotations;
    }

    pub fn script(&self) -> Script {
        self.script_counts.script()
    }

    /// What local findings depend on: two summaries with the same context give every
    /// paragraph the same local findings.
    pub fn context(&self) -> DocContext {
        DocContext {
            script: self.script(),
            simplified_annotations_count: garble::inline_pinyin::simplified_annotations_count(
                self.simplified_annotations,
            ),
            deliberately_mixed: script_mixed::is_deliberate(&self.script_counts),
        }
    }
}

/// The part of a [`DocSummary`] that local detectors read (see [`DocSummary::context`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocContext {
    pub script: Script,
    pub simplified_annotations_count: bool,
    /// The document mixes the scripts on purpose, so `script/mixed` stays quiet.
    pub deliberately_mixed: bool,
}

/// A text being analysed, with lazily computed shared views.
pub struct Document<'a> {
    pub text: &'a str,
    pub locale: Locale,
    pub summary: DocSummary,
    /// Extra boilerplate phrases from the config.
    pub boilerplate: &'a [String],
    /// `text` begins the document (so a leading U+FEFF is a byte-order mark, not garbage).
    pub starts_document: bool,
    annotations: OnceLock<Vec<Annotation>>,
    mojibake: OnceLock<Vec<MojibakeRun>>,
    normalized: OnceLock<NormalizedView>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, summary: DocSummary, config: &'a Config) -> Document<'a> {
        Document {
            text,
            locale: config.locale,
            summary,
            boilerplate: &config.boilerplate,
            starts_document: true,
            annotations: OnceLock::new(),
            mojibake: OnceLock::new(),
            normalized: OnceLock::new(),
        }
    }

    /// Inline-pinyin annotations, found once and shared by every feature.
    pub fn annotations(&self) -> &[Annotation] {
        self.annotations.get_or_init(|| {
            find_annotations_on_page(self.text, self.summary.simplified_annotations)
        })
    }

    /// Mojibake runs, found once: other garble detectors leave their bytes alone.
    pub fn mojibake_runs(&self) -> &[MojibakeRun] {
        self.mojibake
            .get_or_init(|| garble::mojibake::find_runs(self.text))
    }

    /// The text with annotations removed and its Simplified copy.
    pub fn normalized(&self) -> &NormalizedView {
        self.normalized
            .get_or_init(|| NormalizedView::from_annotations(self.text, self.annotations()))
    }
}

type Detector = fn(&Document, &mut Vec<Finding>);

/// Detectors that see one paragraph at a time.
const LOCAL_DETECTORS: &[(Code, Detector)] = &[
    (Code::InlinePinyin, garble::inline_pinyin::detect),
    (Code::Mojibake, garble::mojibake::detect),
    (Code::Replacement, garble::replacement::detect),
    (Code::Control, garble::control::detect),
    (Code::ZeroWidth, garble::zero_width::detect),
    (Code::PrivateUse, garble::private_use::detect),
    (Code::HtmlEntity, garble::html_entity::detect),
    (Code::ScriptMixed, script_mixed::detect),
];

type SummarisedDetector = fn(&SummarisedDocument, &mut Vec<Finding>);

/// Detectors that need the whole document, each in two forms giving the same findings: over
/// the whole text, and over paragraph summaries plus the document's ends (see [`summary`]).
const DOCUMENT_DETECTORS: &[(Code, Detector, SummarisedDetector)] = &[
    (
        Code::Boilerplate,
        spam::boilerplate::detect,
        spam::boilerplate::detect_summarised,
    ),
    (
        Code::AppendedList,
        spam::appended_list::detect,
        spam::appended_list::detect_summarised,
    ),
    (
        Code::KeywordInjection,
        spam::keyword_injection::detect,
        keyword_injection_summarised,
    ),
];

/// Keyword injection on a summarised document: its paragraphs' candidates (the detector
/// does not know [`summary`], which holds its candidates).
fn keyword_injection_summarised(doc: &SummarisedDocument, out: &mut Vec<Finding>) {
    spam::keyword_injection::judge(doc.injection_candidates(), doc.locale, out);
}

fn run(detectors: &[(Code, Detector)], doc: &Document, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(code, detect) in detectors {
        if config.is_enabled(code) {
            detect(doc, &mut out);
        }
    }
    out
}

fn run_document(doc: &Document, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(code, detect, _) in DOCUMENT_DETECTORS {
        if config.is_enabled(code) {
            detect(doc, &mut out);
        }
    }
    out
}

fn run_summarised(doc: &SummarisedDocument, config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(code, _, detect) in DOCUMENT_DETECTORS {
        if config.is_enabled(code) {
            detect(doc, &mut out);
        }
    }
    out
}

/// Findings of local detectors over `text` (a whole document, or its first paragraph), with
/// offsets relative to `text`. Not yet filtered by suppression markers or severities: see
/// [`finish`]. For a paragraph elsewhere in the document use [`check_local_at`].
pub fn check_local(text: &str, summary: &DocSummary, config: &Config) -> Vec<Finding> {
    check_local_at(text, 0, summary, config)
}

/// [`check_local`] for a paragraph that starts at byte `start` of its document (offsets in
/// the result stay relative to `text`). The start matters only for a leading U+FEFF, which is
/// a byte-order mark at the document start and stray garbage anywhere else.
pub fn check_local_at(
    text: &str,
    start: usize,
    summary: &DocSummary,
    config: &Config,
) -> Vec<Finding> {
    let mut doc = Document::new(text, *summary, config);
    doc.starts_document = start == 0;
    run(LOCAL_DETECTORS, &doc, config)
}

/// [`check_local_at`] plus the paragraph's [`ParagraphSummary`] for the document-level
/// detectors (from the same normalized view).
pub fn check_paragraph(
    text: &str,
    start: usize,
    summary: &DocSummary,
    config: &Config,
) -> (Vec<Finding>, ParagraphSummary) {
    let mut doc = Document::new(text, *summary, config);
    doc.starts_document = start == 0;
    (
        run(LOCAL_DETECTORS, &doc, config),
        ParagraphSummary::of(&doc),
    )
}

/// Findings of document-level detectors.
pub fn check_document(text: &str, summary: &DocSummary, config: &Config) -> Vec<Finding> {
    run_document(&Document::new(text, *summary, config), config)
}

/// What kind of file a text is: decides which parts of it are prose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextKind {
    #[default]
    Plain,
    /// Front matter and fenced code blocks are not prose (see [`markdown`]).
    Markdown,
}

impl TextKind {
    /// The kind of a file named `path` (by its extension, as [`markdown::EXTENSIONS`]).
    pub fn of_path(path: &str) -> TextKind {
        let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
        if !extension.contains(['/', '\\'])
            && markdown::EXTENSIONS
                .iter()
                .any(|e| e.eq_ignore_ascii_case(extension))
        {
            TextKind::Markdown
        } else {
            TextKind::Plain
        }
    }

    /// The kind of an editor's document: its language id, else its path.
    pub fn of_editor_document(language_id: &str, path: &str) -> TextKind {
        if language_id == "markdown" {
            TextKind::Markdown
        } else {
            TextKind::of_path(path)
        }
    }

    /// Byte ranges of `text` that are not prose (findings starting there are dropped), in
    /// order, not overlapping.
    pub fn skipped_ranges(self, text: &str) -> Vec<std::ops::Range<usize>> {
        match self {
            TextKind::Plain => Vec::new(),
            TextKind::Markdown => markdown::skipped_ranges(text),
        }
    }
}

/// Everything besides the text that decides its findings: the config, and the kind of file.
/// The CLI and the language server build one per document and both end with [`finish`].
#[derive(Clone, Copy, Debug)]
pub struct Profile<'a> {
    pub config: &'a Config,
    pub kind: TextKind,
}

impl<'a> Profile<'a> {
    pub fn new(config: &'a Config, kind: TextKind) -> Profile<'a> {
        Profile { config, kind }
    }

    /// A plain-text profile (no Markdown regions).
    pub fn plain(config: &'a Config) -> Profile<'a> {
        Profile::new(config, TextKind::Plain)
    }
}

/// The one last step for raw findings of `text`, whoever gathered them: drops disabled codes,
/// applies config severities, suppression markers and the profile's non-prose regions
/// (Markdown code fences and front matter), and sorts. It is [`finish_piece`] and then
/// [`finish_document`].
pub fn finish(text: &str, mut findings: Vec<Finding>, profile: Profile) -> Vec<Finding> {
    finish_piece(&mut findings, profile.config);
    finish_document(text, &mut findings, profile);
    findings
}

/// The part of [`finish`] that reads no text, so it holds for findings of any piece on its
/// own (the language server runs it on each paragraph's findings as they are made): drops
/// disabled codes, applies config severities, sorts by (start, end, code) and drops
/// duplicates.
pub fn finish_piece(findings: &mut Vec<Finding>, config: &Config) {
    findings.retain(|f| config.is_enabled(f.code));
    for f in findings.iter_mut() {
        f.severity = config.severity_of(f.code);
    }
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    findings.dedup();
}

/// The part of [`finish`] that needs the whole text, on findings [`finish_piece`] has
/// finished: drops what suppression markers silence and what lies in the profile's
/// non-prose regions. Order is kept.
pub fn finish_document(text: &str, findings: &mut Vec<Finding>, profile: Profile) {
    suppress::apply(text, findings);
    markdown::drop_skipped(findings, &profile.kind.skipped_ranges(text));
}

/// Everything jiaodui finds in `text` read as plain text (see [`check_with`]).
pub fn check(text: &str, config: &Config) -> Vec<Finding> {
    check_with(text, Profile::plain(config))
}

/// Everything jiaodui finds in `text` under `profile`.
pub fn check_with(text: &str, profile: Profile) -> Vec<Finding> {
    let config = profile.config;
    // One Document for both kinds of detector, so annotations, mojibake runs and the
    // normalized view are computed once.
    let doc = Document::new(text, DocSummary::of(text), config);
    let mut findings = run(LOCAL_DETECTORS, &doc, config);
    findings.extend(run_document(&doc, config));
    finish(text, findings, profile)
}

/// Byte ranges of the pieces the language server analyses one at a time: paragraphs (runs of
/// lines separated by blank lines), cut further between two lines wherever a hash of the
/// pair picks a cut (about one pair in [`CUT_EVERY`]), so that a text without blank lines
/// still comes in small pieces. Each range includes its trailing line break(s) so that the
/// ranges tile the text exactly.
///
/// Whether a piece starts at a line depends only on that line and the one before it: so
/// cutting a stretch of the text that starts and ends at piece boundaries gives the same
/// pieces as cutting the whole text (what lets an edit re-cut only the pieces around it).
/// Local findings do not depend on the cut at all, since local detectors look within lines.
pub fn paragraphs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    // The previous line's hash, `None` after a blank line or at the start.
    let mut previous: Option<u64> = None;
    let mut in_blank_run = false;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        let here = (!blank).then(|| line_hash(content));
        let cut =
            here.is_some_and(|h| in_blank_run || previous.is_some_and(|p| cuts_between(p, h)));
        previous = here;
        if cut && at > start {
            out.push(start..at);
            start = at;
        }
        in_blank_run = blank;
        at += line.len();
    }
    if at > start || out.is_empty() {
        out.push(start..at);
    }
    out
}

/// On average one pair of adjacent non-blank lines in this many starts a new piece (see
/// [`paragraphs`]).
pub const CUT_EVERY: u64 = 16;

/// A hash of a line's content, eight bytes at a time (any fixed function of the line alone
/// would do; this one costs a few milliseconds on 10 MB).
fn line_hash(line: &str) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut words = line.as_bytes().chunks_exact(8);
    let mut h = line.len() as u64;
    for w in words.by_ref() {
        let w = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        h = (h ^ w).wrapping_mul(K).rotate_left(31);
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    (h ^ u64::from_le_bytes(tail)).wrapping_mul(K)
}

/// Whether a piece starts at a line with hash `here` after a line with hash `previous`.
fn cuts_between(previous: u64, here: u64) -> bool {
    let mixed = (previous.rotate_left(29) ^ here).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> 40) % CUT_EVERY == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tile_the_text() {
        let text = "一\n二\n\n三\r\n\r\n\r\n四";
        let ranges = paragraphs(text);
        assert_eq!(
            ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["一\n二\n\n", "三\r\n\r\n\r\n", "四"]
        );
        assert_eq!(paragraphs(""), [0..0]);
    }

    /// Local findings of `text` analysed piece by piece at `cuts` (byte offsets of line
    /// starts), under the whole text's summary.
    fn local_by_pieces(text: &str, cuts: &[std::ops::Range<usize>]) -> Vec<Finding> {
        let config = Config::default();
        let summary = DocSummary::of(text);
        let mut pieces = Vec::new();
        for r in cuts {
            pieces.extend(
                check_local_at(&text[r.clone()], r.start, &summary, &config)
                    .into_iter()
                    .map(|f| f.shifted(r.start)),
            );
        }
        finish(text, pieces, Profile::plain(&config))
    }

    fn local_whole(text: &str) -> Vec<Finding> {
        let config = Config::default();
        finish(
            text,
            check_local(text, &DocSummary::of(text), &config),
            Profile::plain(&config),
        )
    }

    /// Every line its own piece (line break included): the finest cut [`paragraphs`] could
    /// make.
    fn lines(text: &str) -> Vec<std::ops::Range<usize>> {
        spam::layout::lines(text)
            .iter()
            .map(|l| l.start..l.next)
            .collect()
    }

    #[test]
    fn local_findings_per_paragraph_equal_whole_text() {
        let text = "手機(jī)版\n\n堅(jiān)強(qiáng)\n\n\n1 1 1\n";
        assert_eq!(local_whole(text), local_by_pieces(text, &paragraphs(text)));
        assert_eq!(local_whole(text), local_by_pieces(text, &lines(text)));
    }

    #[test]
    fn simplified_annotations_are_judged_by_the_whole_page() {
        // One annotation per line: the page has two, so both count, however it is cut.
        let text = "发(fā)布会\n这(zhè)个\n\n其他\n";
        let whole = local_whole(text);
        assert_eq!(
            whole.iter().map(|f| f.code).collect::<Vec<_>>(),
            [Code::InlinePinyin, Code::InlinePinyin]
        );
        assert_eq!(whole, local_by_pieces(text, &paragraphs(text)));
        assert_eq!(whole, local_by_pieces(text, &lines(text)));
        // A page with just one stays quiet.
        assert!(local_whole("发(fā)布会\n其他\n").is_empty());
    }

    #[test]
    fn text_without_blank_lines_comes_in_small_pieces() {
        let text: String = (0..4000)
            .map(|i| format!("第{i}行，没有空行。\n"))
            .collect();
        let pieces = paragraphs(&text);
        let expected = 4000 / CUT_EVERY as usize;
        assert!(
            pieces.len() > expected / 2 && pieces.len() < expected * 2,
            "{} pieces for 4000 lines",
            pieces.len()
        );
        assert!(
            pieces
                .iter()
                .all(|r| r.start == 0 || text.as_bytes()[r.start - 1] == b'\n')
        );
    }

    proptest::proptest! {
        /// Re-cutting a stretch between two piece boundaries gives the pieces the whole text
        /// has there: what lets the language server re-cut only around an edit.
        #[test]
        fn a_stretch_between_boundaries_cuts_like_the_whole(
            lines in proptest::collection::vec("(|[a-e]{1,4}|\\s|[a-e]{1,4}\r)", 0..80),
            from in 0usize..100,
            len in 0usize..100,
        ) {
            let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            let pieces = paragraphs(&text);
            let i = from % pieces.len();
            let j = (i + len % (pieces.len() - i)).max(i);
            let stretch = pieces[i].start..pieces[j].end;
            let again: Vec<_> = paragraphs(&text[stretch.clone()])
                .into_iter()
                .map(|r| r.start + stretch.start..r.end + stretch.start)
                .collect();
            proptest::prop_assert_eq!(&again[..], &pieces[i..=j]);
        }
    }
}
