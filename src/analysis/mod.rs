//! The pure analysis core: text in, findings / outline / fixes out, in byte offsets.
//!
//! No I/O, no LSP types, no printing. The CLI and the language server are thin layers over
//! [`check`] (or, for incremental use, [`check_paragraph`] per paragraph and
//! [`summary::check_document_summarised`] over the paragraphs' summaries).
//!
//! Detectors come in two kinds. *Local* detectors look only inside one paragraph (text
//! between blank lines) and so can be re-run on just the paragraphs an edit touched.
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

use garble::inline_pinyin::{Annotation, find_annotations};
use garble::mojibake::MojibakeRun;
use normalize::NormalizedView;
use script::{Script, ScriptCounts};
use std::sync::OnceLock;
use summary::{ParagraphSummary, SummarisedDocument};

/// Facts about the whole document that local detectors may depend on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocSummary {
    pub script_counts: ScriptCounts,
}

impl DocSummary {
    pub fn of(text: &str) -> DocSummary {
        DocSummary {
            script_counts: ScriptCounts::of(text),
        }
    }

    pub fn script(&self) -> Script {
        self.script_counts.script()
    }
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
        self.annotations.get_or_init(|| find_annotations(self.text))
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
        spam::keyword_injection::detect_summarised,
    ),
];

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

/// Applies config severities and suppression markers, drops disabled codes, and sorts.
pub fn finish(text: &str, mut findings: Vec<Finding>, config: &Config) -> Vec<Finding> {
    findings.retain(|f| config.is_enabled(f.code));
    for f in &mut findings {
        f.severity = config.severity_of(f.code);
    }
    suppress::apply(text, &mut findings);
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    findings.dedup();
    findings
}

/// Everything jiaodui finds in `text`.
pub fn check(text: &str, config: &Config) -> Vec<Finding> {
    // One Document for both kinds of detector, so annotations, mojibake runs and the
    // normalized view are computed once.
    let doc = Document::new(text, DocSummary::of(text), config);
    let mut findings = run(LOCAL_DETECTORS, &doc, config);
    findings.extend(run_document(&doc, config));
    finish(text, findings, config)
}

/// Byte ranges of paragraphs: maximal runs of lines separated by blank lines. Each range
/// includes its trailing line break(s) so that the ranges tile the text exactly.
pub fn paragraphs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    let mut in_blank_run = false;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if !blank && in_blank_run && at > start {
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

    #[test]
    fn local_findings_per_paragraph_equal_whole_text() {
        let text = "手機(jī)版\n\n堅(jiān)強(qiáng)\n\n\n1 1 1\n";
        let config = Config::default();
        let summary = DocSummary::of(text);
        let whole = finish(text, check_local(text, &summary, &config), &config);
        let mut pieces = Vec::new();
        for r in paragraphs(text) {
            pieces.extend(
                check_local_at(&text[r.clone()], r.start, &summary, &config)
                    .into_iter()
                    .map(|f| f.shifted(r.start)),
            );
        }
        assert_eq!(whole, finish(text, pieces, &config));
    }
}
