//! Scores `jiaodui::analysis::check` against the labelled evaluation set
//! (`eval/labelled.jsonl`, built by `eval/build.py` from real prose; see `eval/README.md`).
//!
//! A finding is a true positive when a label of the same kind overlaps it; a label is
//! recalled when a finding of its kind overlaps it. Findings of kinds that are not
//! labelled (`script/mixed`) are not scored. Thresholds, per kind: garble precision ≥ 0.97
//! and recall ≥ 0.95, spam precision ≥ 0.95 and recall ≥ 0.90; and no scored finding at
//! all on the clean documents.
//!
//! `held_out_set_report` scores `eval/holdout.jsonl` (built by `eval/build_holdout.py`, now
//! used for development) and `blind_held_out_set_report` scores `eval/holdout2.jsonl` (built
//! by `eval/build_holdout2.py`, once blind, now studied) and `blind_held_out_set_v3_report`
//! scores `eval/holdout3.jsonl` (built by `eval/build_holdout3.py`, once blind, now studied) the
//! same way and print their tables, without thresholds. `blind_held_out_set_v4_report` scores
//! `eval/holdout4.jsonl` (built by `eval/build_holdout4.py`, once blind, now studied) the same way.
//! `blind_held_out_set_v5_report` scores `eval/holdout5.jsonl` (built by `eval/build_holdout5.py`,
//! once blind, now studied) the same way.
//!
//! `cargo test --release --test eval -- --nocapture` prints the tables and examples.

use jiaodui::analysis::{Config, check};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;

const KINDS: [&str; 10] = [
    "garble/inline-pinyin",
    "garble/mojibake",
    "garble/replacement",
    "garble/control",
    "garble/zero-width",
    "garble/private-use",
    "garble/html-entity",
    "spam/appended-list",
    "spam/boilerplate",
    "spam/keyword-injection",
];

#[derive(Deserialize)]
struct Label {
    kind: String,
    byte_start: usize,
    byte_end: usize,
}

#[derive(Deserialize)]
struct Doc {
    id: String,
    text: String,
    labels: Vec<Label>,
}

#[derive(Default)]
struct Score {
    findings: usize,
    true_findings: usize,
    labels: usize,
    recalled: usize,
    false_positives: Vec<String>,
    misses: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.findings == 0 {
            1.0
        } else {
            self.true_findings as f64 / self.findings as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.labels == 0 {
            1.0
        } else {
            self.recalled as f64 / self.labels as f64
        }
    }
    fn add(&mut self, other: &Score) {
        self.findings += other.findings;
        self.true_findings += other.true_findings;
        self.labels += other.labels;
        self.recalled += other.recalled;
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The span with some context, on char boundaries, for the report.
fn excerpt(text: &str, r: &Range<usize>) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let a = floor(r.start.saturating_sub(24));
    let s = floor(r.start);
    let e = floor(r.end.max(r.start));
    let e = if e - s > 120 { floor(s + 120) } else { e };
    let b = floor(e + 24);
    format!("{:?} [[{:?}]] {:?}", &text[a..s], &text[s..e], &text[e..b])
}

fn thresholds(kind: &str) -> (f64, f64) {
    if kind.starts_with("garble/") {
        (0.97, 0.95)
    } else {
        (0.95, 0.90)
    }
}

/// The scored set: its table, the report of the kinds below target, and the failures.
struct Evaluation {
    documents: usize,
    table: String,
    report: String,
    failures: Vec<&'static str>,
    clean_with_findings: Vec<String>,
}

fn load(file: &str, how: &str) -> Vec<Doc> {
    let path = format!("{}/eval/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e} ({how})"));
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

#[test]
fn evaluation_set_meets_thresholds() {
    let docs = load("labelled.jsonl", "run python3 eval/build.py");
    assert!(
        docs.len() >= 500,
        "evaluation set too small: {}",
        docs.len()
    );
    let e = evaluate(&docs, 5, false);
    println!("\nEvaluation set: {} documents\n\n{}", e.documents, e.table);
    println!("{}", e.report);
    assert!(
        e.failures.is_empty() && e.clean_with_findings.is_empty(),
        "evaluation below thresholds:\n{}{}",
        e.table,
        e.report
    );
}

/// The first held-out set (`eval/holdout.jsonl`, built by `eval/build_holdout.py`): scored
/// and printed, never asserted on. It has since been used to develop the detectors (its
/// misses were studied), so it is now a second development set, not a blind one.
#[test]
fn held_out_set_report() {
    print_held_out(
        "holdout.jsonl",
        "run python3 eval/build_holdout.py",
        "held-out set v1 (used for development)",
    );
}

/// The second held-out set (`eval/holdout2.jsonl`, built by `eval/build_holdout2.py` from other
/// prose and with vocabularies the detector authors never saw): scored and printed, never
/// asserted on. It was blind until the round that wrote v3; its misses have since been studied,
/// so it is printed like v1, with its misses and false positives.
#[test]
fn blind_held_out_set_report() {
    print_held_out(
        "holdout2.jsonl",
        "run python3 eval/build_holdout2.py",
        "held-out set v2 (used for development since v3)",
    );
}

/// The third held-out set (`eval/holdout3.jsonl`, built by `eval/build_holdout3.py` from
/// TeX Live's Chinese documentation and zhlipsum's texts, with injections and near misses
/// written afresh): scored and printed, never asserted on. It was measured blind once; its misses
/// have since been studied, so it is printed like v1 and v2, with misses and false positives.
#[test]
fn blind_held_out_set_v3_report() {
    print_held_out(
        "holdout3.jsonl",
        "run python3 eval/build_holdout3.py",
        "held-out set v3 (used for development since its blind run)",
    );
}

/// The fourth held-out set (`eval/holdout4.jsonl`, built by `eval/build_holdout4.py` from the
/// Chinese manual pages of manpages-zh, the Debian FAQ in Chinese and fortunes-zh's quotations,
/// with injections and near misses written afresh): scored and printed, never asserted on. It was
/// measured blind once (README keeps that table); its misses have since been studied, so it is
/// printed like v1 to v3, with misses and false positives.
#[test]
fn blind_held_out_set_v4_report() {
    print_held_out(
        "holdout4.jsonl",
        "run python3 eval/build_holdout4.py",
        "held-out set v4 (used for development since its blind run)",
    );
}

/// The fifth held-out set (`eval/holdout5.jsonl`, built by `eval/build_holdout5.py` from the
/// Criminal Law of the PRC, the Debian Reference and New Maintainers' Guide in Traditional
/// Chinese and the Debian installation guide in Simplified Chinese, with injections and near
/// misses written afresh): scored and printed, never asserted on. It was measured blind once
/// (README keeps that table); its misses have since been studied, so it is printed like v1 to v4.
#[test]
fn blind_held_out_set_v5_report() {
    print_held_out(
        "holdout5.jsonl",
        "run python3 eval/build_holdout5.py",
        "held-out set v5 (used for development since its blind run)",
    );
}

fn print_held_out(file: &str, how: &str, name: &str) {
    let docs = load(file, how);
    assert!(!docs.is_empty(), "{file} is empty");
    let e = evaluate(&docs, 5, true);
    let mut out = format!(
        "\n{name}: {} documents (not asserted)\n\n{}{}",
        e.documents, e.table, e.report
    );
    if !e.clean_with_findings.is_empty() {
        out += "\nheld-out clean documents with findings (all):\n";
        for c in &e.clean_with_findings {
            out += &format!("  {c}\n");
        }
    }
    println!("{out}");
}

/// `every_kind`: list examples for every kind with a miss or a false positive, not only for
/// the kinds below target.
fn evaluate(docs: &[Doc], default_examples: usize, every_kind: bool) -> Evaluation {
    let config = Config::default();
    let mut scores: BTreeMap<&str, Score> = KINDS.iter().map(|k| (*k, Score::default())).collect();
    let mut clean_docs = 0;
    let mut clean_with_findings: Vec<String> = Vec::new();

    for doc in docs {
        let findings: Vec<(String, Range<usize>)> = check(&doc.text, &config)
            .into_iter()
            .map(|f| (f.code.as_str().to_string(), f.range.clone()))
            .filter(|(code, _)| KINDS.contains(&code.as_str()))
            .collect();
        if doc.labels.is_empty() {
            clean_docs += 1;
            if let Some((code, r)) = findings.first() {
                clean_with_findings.push(format!(
                    "{} ({} findings) first: {} {}",
                    doc.id,
                    findings.len(),
                    code,
                    excerpt(&doc.text, r)
                ));
            }
        }
        for kind in KINDS {
            let labels: Vec<Range<usize>> = doc
                .labels
                .iter()
                .filter(|l| l.kind == kind)
                .map(|l| l.byte_start..l.byte_end)
                .collect();
            let found: Vec<&Range<usize>> = findings
                .iter()
                .filter(|(c, _)| c == kind)
                .map(|(_, r)| r)
                .collect();
            let s = scores.get_mut(kind).unwrap();
            s.labels += labels.len();
            s.findings += found.len();
            for f in &found {
                if labels.iter().any(|l| overlaps(l, f)) {
                    s.true_findings += 1;
                } else {
                    s.false_positives
                        .push(format!("{}: {}", doc.id, excerpt(&doc.text, f)));
                }
            }
            for l in &labels {
                if found.iter().any(|f| overlaps(l, f)) {
                    s.recalled += 1;
                } else {
                    s.misses
                        .push(format!("{}: {}", doc.id, excerpt(&doc.text, l)));
                }
            }
        }
    }

    let mut table = String::from(
        "| kind | labels | findings | precision | recall | target P / R |\n|---|---:|---:|---:|---:|---|\n",
    );
    let mut families: BTreeMap<&str, Score> = BTreeMap::new();
    let mut failures = Vec::new();
    for kind in KINDS {
        let s = &scores[kind];
        let (tp, tr) = thresholds(kind);
        table += &format!(
            "| {} | {} | {} | {:.3} | {:.3} | {:.2} / {:.2} |\n",
            kind,
            s.labels,
            s.findings,
            s.precision(),
            s.recall(),
            tp,
            tr
        );
        families
            .entry(kind.split('/').next().unwrap())
            .or_default()
            .add(s);
        if s.precision() < tp || s.recall() < tr {
            failures.push(kind);
        }
    }
    for (fam, s) in &families {
        table += &format!(
            "| **{}/\\*** | {} | {} | {:.3} | {:.3} | |\n",
            fam,
            s.labels,
            s.findings,
            s.precision(),
            s.recall()
        );
    }
    table += &format!(
        "\nclean documents: {} of {} have scored findings (target 0)\n",
        clean_with_findings.len(),
        clean_docs
    );
    let show: usize = std::env::var("JIAODUI_EVAL_EXAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_examples);
    let mut report = String::new();
    let listed: Vec<&str> = if every_kind {
        KINDS
            .iter()
            .copied()
            .filter(|k| !scores[k].misses.is_empty() || !scores[k].false_positives.is_empty())
            .collect()
    } else {
        failures.clone()
    };
    for kind in &listed {
        let s = &scores[kind];
        report += &format!(
            "\n{}: precision {:.3}, recall {:.3}\n",
            kind,
            s.precision(),
            s.recall()
        );
        for m in s.misses.iter().take(show) {
            report += &format!("  missed: {m}\n");
        }
        for f in s.false_positives.iter().take(show) {
            report += &format!("  false positive: {f}\n");
        }
    }
    if !clean_with_findings.is_empty() && !every_kind {
        report += "\nclean documents with findings:\n";
        for c in clean_with_findings.iter().take(show) {
            report += &format!("  {c}\n");
        }
    }
    Evaluation {
        documents: docs.len(),
        table,
        report,
        failures,
        clean_with_findings,
    }
}
