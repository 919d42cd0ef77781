//! Scoring shared by `tests/it/eval.rs` and `tests/it/heldout_leak.rs`: loading the labelled sets
//! and two ways to count a finding as right.
//!
//! * **lenient** (the historical rule): a finding is a true positive when a label of its code
//!   overlaps it by one byte; a label is recalled when a finding of its code overlaps it. One
//!   finding may "recall" many labels and many findings may hit one label.
//! * **strict**: findings and labels of one code in one document are paired one to one; a pair
//!   needs intersection-over-union ≥ 0.5 in bytes. Pairing is greedy: every candidate pair
//!   (IoU ≥ 0.5) sorted by IoU, highest first (ties by label then finding position), taken when
//!   neither side is taken yet. Precision = pairs / findings, recall = pairs / labels.
//!
//! 95 % confidence intervals come from a bootstrap over documents: 1000 resamples of the set's
//! documents with replacement (splitmix64, fixed seed, so the intervals are reproducible),
//! the 2.5th and 97.5th percentiles of each rate.
#![allow(dead_code)]

use jiaodui::analysis::{Config, check};
use serde::Deserialize;
use std::ops::Range;

/// The labelled codes, in table order. `script/mixed` is a third family of findings, but no
/// set labels it, so it is reported (findings counted) and never scored.
pub const CODES: [&str; 10] = [
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
pub const FAMILIES: [&str; 2] = ["garble", "spam"];
pub const UNLABELLED: [&str; 1] = ["script/mixed"];

pub const BOOTSTRAP_RESAMPLES: usize = 1000;
pub const BOOTSTRAP_SEED: u64 = 0x6A69_616F_6475_6931; // "jiaodui1"

#[derive(Deserialize)]
pub struct Label {
    pub kind: String,
    pub byte_start: usize,
    pub byte_end: usize,
}

#[derive(Deserialize)]
pub struct Doc {
    pub id: String,
    pub text: String,
    pub labels: Vec<Label>,
}

pub fn eval_path(file: &str) -> String {
    format!("{}/eval/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// `eval/sets.toml`: every labelled set and its role.
#[derive(Deserialize)]
pub struct Manifest {
    pub set: Vec<SetEntry>,
}

#[derive(Deserialize)]
pub struct SetEntry {
    pub file: String,
    pub role: String,
    #[serde(default)]
    pub prose: Vec<String>,
}

pub fn manifest() -> Manifest {
    let path = eval_path("sets.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).expect("eval/sets.toml parses")
}

/// The documents of every development set (never the held-out one).
pub fn development_docs() -> Vec<Doc> {
    manifest()
        .set
        .iter()
        .filter(|s| s.role == "development")
        .flat_map(|s| load(&s.file, "see eval/sets.toml"))
        .collect()
}

pub fn load(file: &str, how: &str) -> Vec<Doc> {
    let path = eval_path(file);
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e} ({how})"));
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// Counts of one code in one document.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct Counts {
    pub labels: usize,
    pub findings: usize,
    /// Findings that overlap a label (lenient true positives).
    pub lenient_tp: usize,
    /// Labels that some finding overlaps (lenient recalled).
    pub lenient_recalled: usize,
    /// One-to-one pairs at IoU ≥ 0.5.
    pub strict_pairs: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.labels += o.labels;
        self.findings += o.findings;
        self.lenient_tp += o.lenient_tp;
        self.lenient_recalled += o.lenient_recalled;
        self.strict_pairs += o.strict_pairs;
    }
    pub fn lenient_precision(&self) -> f64 {
        ratio(self.lenient_tp, self.findings)
    }
    pub fn lenient_recall(&self) -> f64 {
        ratio(self.lenient_recalled, self.labels)
    }
    pub fn strict_precision(&self) -> f64 {
        ratio(self.strict_pairs, self.findings)
    }
    pub fn strict_recall(&self) -> f64 {
        ratio(self.strict_pairs, self.labels)
    }
}

/// 1.0 for an empty denominator (nothing found: no false positive; nothing labelled: nothing missed).
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// (intersection, union) in bytes.
fn inter_union(a: &Range<usize>, b: &Range<usize>) -> (usize, usize) {
    let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let union = (a.end - a.start) + (b.end - b.start) - inter;
    (inter, union)
}

/// Greedy one-to-one pairing at IoU ≥ 0.5 (see the module comment). Returns (label index,
/// finding index) pairs.
pub fn strict_pairs(labels: &[Range<usize>], found: &[Range<usize>]) -> Vec<(usize, usize)> {
    let mut cands: Vec<(usize, usize, usize, usize)> = Vec::new(); // (inter, union, li, fi)
    for (li, l) in labels.iter().enumerate() {
        for (fi, f) in found.iter().enumerate() {
            let (i, u) = inter_union(l, f);
            if u > 0 && 2 * i >= u {
                cands.push((i, u, li, fi));
            }
        }
    }
    // IoU descending, compared exactly (i1/u1 > i2/u2 ⇔ i1·u2 > i2·u1).
    cands.sort_by(|a, b| {
        ((b.0 as u128) * (a.1 as u128))
            .cmp(&((a.0 as u128) * (b.1 as u128)))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut l_used = vec![false; labels.len()];
    let mut f_used = vec![false; found.len()];
    let mut pairs = Vec::new();
    for (_, _, li, fi) in cands {
        if !l_used[li] && !f_used[fi] {
            l_used[li] = true;
            f_used[fi] = true;
            pairs.push((li, fi));
        }
    }
    pairs
}

/// A span the report can show (development sets only).
pub struct Example {
    pub doc: usize,
    pub range: Range<usize>,
    /// For a strict miss / false positive: whether the lenient rule counted it right.
    pub overlapping: bool,
}

/// One document's score.
pub struct DocScore {
    pub counts: [Counts; CODES.len()],
    pub unlabelled_findings: [usize; UNLABELLED.len()],
    pub clean: bool,
    /// Labelled-code findings on a clean document.
    pub clean_findings: usize,
    pub first_finding: Option<(String, Range<usize>)>,
}

pub struct SetScore {
    pub docs: Vec<DocScore>,
    /// Per code: strict misses and strict false positives.
    pub misses: Vec<Vec<Example>>,
    pub false_positives: Vec<Vec<Example>>,
}

impl SetScore {
    pub fn total(&self, code: usize) -> Counts {
        let mut c = Counts::default();
        for d in &self.docs {
            c.add(&d.counts[code]);
        }
        c
    }
    pub fn family_total(&self, fam: &str) -> Counts {
        let mut c = Counts::default();
        for (k, code) in CODES.iter().enumerate() {
            if family(code) == fam {
                c.add(&self.total(k));
            }
        }
        c
    }
    pub fn clean_docs(&self) -> usize {
        self.docs.iter().filter(|d| d.clean).count()
    }
    pub fn clean_with_findings(&self) -> usize {
        self.docs
            .iter()
            .filter(|d| d.clean && d.clean_findings > 0)
            .count()
    }
    pub fn unlabelled(&self, k: usize) -> usize {
        self.docs.iter().map(|d| d.unlabelled_findings[k]).sum()
    }
}

pub fn family(code: &str) -> &str {
    code.split('/').next().unwrap()
}

pub fn score(docs: &[Doc]) -> SetScore {
    let config = Config::default();
    let mut out = SetScore {
        docs: Vec::with_capacity(docs.len()),
        misses: (0..CODES.len()).map(|_| Vec::new()).collect(),
        false_positives: (0..CODES.len()).map(|_| Vec::new()).collect(),
    };
    for (di, doc) in docs.iter().enumerate() {
        let all: Vec<(String, Range<usize>)> = check(&doc.text, &config)
            .into_iter()
            .map(|f| (f.code.as_str().to_string(), f.range.clone()))
            .collect();
        let mut ds = DocScore {
            counts: [Counts::default(); CODES.len()],
            unlabelled_findings: [0; UNLABELLED.len()],
            clean: doc.labels.is_empty(),
            clean_findings: 0,
            first_finding: None,
        };
        for (k, code) in UNLABELLED.iter().enumerate() {
            ds.unlabelled_findings[k] = all.iter().filter(|(c, _)| c == code).count();
        }
        for (k, code) in CODES.iter().enumerate() {
            let labels: Vec<Range<usize>> = doc
                .labels
                .iter()
                .filter(|l| l.kind == *code)
                .map(|l| l.byte_start..l.byte_end)
                .collect();
            let found: Vec<Range<usize>> = all
                .iter()
                .filter(|(c, _)| c == code)
                .map(|(_, r)| r.clone())
                .collect();
            let pairs = strict_pairs(&labels, &found);
            let c = &mut ds.counts[k];
            c.labels = labels.len();
            c.findings = found.len();
            c.lenient_tp = found
                .iter()
                .filter(|f| labels.iter().any(|l| overlaps(l, f)))
                .count();
            c.lenient_recalled = labels
                .iter()
                .filter(|l| found.iter().any(|f| overlaps(l, f)))
                .count();
            c.strict_pairs = pairs.len();
            for (li, l) in labels.iter().enumerate() {
                if !pairs.iter().any(|p| p.0 == li) {
                    out.misses[k].push(Example {
                        doc: di,
                        range: l.clone(),
                        overlapping: found.iter().any(|f| overlaps(l, f)),
                    });
                }
            }
            for (fi, f) in found.iter().enumerate() {
                if !pairs.iter().any(|p| p.1 == fi) {
                    out.false_positives[k].push(Example {
                        doc: di,
                        range: f.clone(),
                        overlapping: labels.iter().any(|l| overlaps(l, f)),
                    });
                }
            }
            if ds.clean && !found.is_empty() {
                ds.clean_findings += found.len();
                if ds.first_finding.is_none() {
                    ds.first_finding = Some((code.to_string(), found[0].clone()));
                }
            }
        }
        out.docs.push(ds);
    }
    out
}

/// splitmix64: a tiny deterministic PRNG for the bootstrap.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// 95 % bootstrap intervals: per row (the codes, then the families), (precision lo, hi),
/// (recall lo, hi) of the strict rule.
pub struct Intervals {
    pub precision: Vec<(f64, f64)>,
    pub recall: Vec<(f64, f64)>,
}

/// Rows: every code, then every family.
fn rows_of(per_code: &[Counts; CODES.len()]) -> Vec<Counts> {
    let mut rows: Vec<Counts> = per_code.to_vec();
    for fam in FAMILIES {
        let mut c = Counts::default();
        for (k, code) in CODES.iter().enumerate() {
            if family(code) == fam {
                c.add(&per_code[k]);
            }
        }
        rows.push(c);
    }
    rows
}

pub fn bootstrap(s: &SetScore) -> Intervals {
    let n = s.docs.len();
    let nrows = CODES.len() + FAMILIES.len();
    let mut ps: Vec<Vec<f64>> = vec![Vec::with_capacity(BOOTSTRAP_RESAMPLES); nrows];
    let mut rs: Vec<Vec<f64>> = vec![Vec::with_capacity(BOOTSTRAP_RESAMPLES); nrows];
    let mut rng = SplitMix64(BOOTSTRAP_SEED);
    for _ in 0..BOOTSTRAP_RESAMPLES {
        let mut per_code = [Counts::default(); CODES.len()];
        for _ in 0..n {
            let d = &s.docs[(rng.next() % n as u64) as usize];
            for k in 0..CODES.len() {
                per_code[k].add(&d.counts[k]);
            }
        }
        for (r, c) in rows_of(&per_code).iter().enumerate() {
            ps[r].push(c.strict_precision());
            rs[r].push(c.strict_recall());
        }
    }
    let pct = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let at = |q: f64| v[((q * (v.len() - 1) as f64).round()) as usize];
        (at(0.025), at(0.975))
    };
    Intervals {
        precision: ps.iter_mut().map(pct).collect(),
        recall: rs.iter_mut().map(pct).collect(),
    }
}

/// Floors on the strict rule: (code or family, precision floor, recall floor).
pub type Floors = [(&'static str, f64, f64)];

fn floor_of<'a>(floors: Option<&'a Floors>, name: &str) -> Option<&'a (&'static str, f64, f64)> {
    floors.and_then(|f| f.iter().find(|(n, _, _)| *n == name))
}

/// The table: per code and per family, labels, findings, (lenient P / R when `lenient`),
/// strict P and R with their 95 % intervals, and the floors when given. Totals only.
pub fn table(s: &SetScore, lenient: bool, floors: Option<&Floors>) -> String {
    let iv = bootstrap(s);
    let mut t = String::from("| code | labels | findings |");
    let mut rule = String::from("|---|---:|---:|");
    if lenient {
        t += " lenient P | lenient R |";
        rule += "---:|---:|";
    }
    t += " strict P [95% CI] | strict R [95% CI] |";
    rule += "---|---|";
    if floors.is_some() {
        t += " floor P / R |";
        rule += "---|";
    }
    t += "\n";
    t += &rule;
    t += "\n";
    let mut names: Vec<String> = CODES.iter().map(|c| c.to_string()).collect();
    names.extend(FAMILIES.iter().map(|f| format!("{f}/*")));
    let mut totals: Vec<Counts> = (0..CODES.len()).map(|k| s.total(k)).collect();
    totals.extend(FAMILIES.iter().map(|f| s.family_total(f)));
    for (r, (name, c)) in names.iter().zip(&totals).enumerate() {
        let shown = if r >= CODES.len() {
            format!("**{}**", name.replace('*', "\\*"))
        } else {
            name.clone()
        };
        t += &format!("| {shown} | {} | {} |", c.labels, c.findings);
        if lenient {
            t += &format!(
                " {:.3} | {:.3} |",
                c.lenient_precision(),
                c.lenient_recall()
            );
        }
        let (plo, phi) = iv.precision[r];
        let (rlo, rhi) = iv.recall[r];
        t += &format!(
            " {:.3} [{:.3}, {:.3}] | {:.3} [{:.3}, {:.3}] |",
            c.strict_precision(),
            plo,
            phi,
            c.strict_recall(),
            rlo,
            rhi
        );
        if floors.is_some() {
            match floor_of(floors, name) {
                Some((_, p, rr)) => t += &format!(" {p:.2} / {rr:.2} |"),
                None => t += " |",
            }
        }
        t += "\n";
    }
    let empty = 2 + if lenient { 2 } else { 0 } + usize::from(floors.is_some());
    for (k, code) in UNLABELLED.iter().enumerate() {
        t += &format!(
            "| {code} | not labelled | {} |{}\n",
            s.unlabelled(k),
            " |".repeat(empty)
        );
    }
    t += &format!(
        "\nclean documents: {} of {} have findings of a labelled code\n",
        s.clean_with_findings(),
        s.clean_docs()
    );
    t
}

/// The codes and families whose strict precision or recall is below its floor.
pub fn below_floors(s: &SetScore, floors: &Floors) -> Vec<String> {
    let mut out = Vec::new();
    for (name, fp, fr) in floors {
        let c = if let Some(k) = CODES.iter().position(|c| c == name) {
            s.total(k)
        } else {
            s.family_total(name.trim_end_matches("/*"))
        };
        if c.strict_precision() < *fp || c.strict_recall() < *fr {
            out.push(format!(
                "{name}: strict precision {:.3} (floor {fp:.2}), recall {:.3} (floor {fr:.2})",
                c.strict_precision(),
                c.strict_recall()
            ));
        }
    }
    out
}

/// The span with some context, on char boundaries, for the report.
pub fn excerpt(text: &str, r: &Range<usize>) -> String {
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

/// Strict misses and false positives of a development set, `show` of each per code.
pub fn examples(docs: &[Doc], s: &SetScore, show: usize) -> String {
    let mut out = String::new();
    for (k, code) in CODES.iter().enumerate() {
        if s.misses[k].is_empty() && s.false_positives[k].is_empty() {
            continue;
        }
        let c = s.total(k);
        out += &format!(
            "\n{code}: strict precision {:.3}, recall {:.3}\n",
            c.strict_precision(),
            c.strict_recall()
        );
        let tag = |e: &Example| {
            if e.overlapping {
                " (overlaps: lenient hit)"
            } else {
                ""
            }
        };
        for e in s.misses[k].iter().take(show) {
            let d = &docs[e.doc];
            out += &format!(
                "  missed{}: {}: {}\n",
                tag(e),
                d.id,
                excerpt(&d.text, &e.range)
            );
        }
        for e in s.false_positives[k].iter().take(show) {
            let d = &docs[e.doc];
            out += &format!(
                "  false positive{}: {}: {}\n",
                tag(e),
                d.id,
                excerpt(&d.text, &e.range)
            );
        }
    }
    let dirty: Vec<(usize, &DocScore)> = s
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.clean && d.clean_findings > 0)
        .collect();
    if !dirty.is_empty() {
        out += "\nclean documents with findings:\n";
        for (i, d) in dirty.iter().take(show) {
            let (code, r) = d.first_finding.as_ref().unwrap();
            out += &format!(
                "  {} ({} findings) first: {code} {}\n",
                docs[*i].id,
                d.clean_findings,
                excerpt(&docs[*i].text, r)
            );
        }
    }
    out
}

pub fn examples_to_show(default: usize) -> usize {
    std::env::var("JIAODUI_EVAL_EXAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
