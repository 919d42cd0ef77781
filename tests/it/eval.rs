//! Scores `jiaodui::analysis::check` against the labelled sets listed in `eval/sets.toml`
//! (built by the `eval/build*.py` scripts from real prose; see `eval/README.md`, which also
//! states the evaluation protocol).
//!
//! Two rules (`tests/it/eval_support.rs`): the historical **lenient** one (any byte of
//! overlap counts, no pairing) and the **strict** one (one-to-one pairing at IoU ≥ 0.5,
//! greedy by IoU), strict precision and recall per code and per family with 95 % bootstrap
//! intervals over documents (1000 resamples, fixed seed).
//!
//! * `evaluation_set_meets_thresholds` — the development set `eval/labelled.jsonl`: prints
//!   lenient vs strict, asserts the historical lenient targets (garble P ≥ 0.97, R ≥ 0.95;
//!   spam P ≥ 0.95, R ≥ 0.90), the strict floors `DEV_FLOORS` and no finding on any clean
//!   document; lists strict misses and false positives.
//! * `development_set_vN_report` — the retired held-out sets `eval/holdout{,2..7}.jsonl`, now
//!   development sets (v1–v5 studied; v6 and v7 each scored once, then retired unstudied):
//!   lenient vs strict, examples, not asserted.
//! * `held_out_set_v8` — the current held-out set `eval/holdout8.jsonl`: totals per code only
//!   (never a document, a line or an excerpt), asserts `HELDOUT_FLOORS` and
//!   `HELDOUT_CLEAN_WITH_FINDINGS`.
//!
//! `cargo test --release --test it eval:: -- --nocapture` prints the tables.

use crate::eval_support;

use eval_support::*;

/// Strict floors on the development set `eval/labelled.jsonl`: (code or family, precision,
/// recall). Honest floors: each is the value measured when they were set (2026-12-07,
/// commit 1125abf1 detectors) minus 0.005, rounded down to two decimals, so the test fails
/// as soon as quality drops below what the detectors do today; raise them when they improve.
const DEV_FLOORS: &Floors = &[
    ("garble/inline-pinyin", 0.99, 0.99),
    ("garble/mojibake", 0.87, 0.89),    // measured 0.880 / 0.904
    ("garble/replacement", 0.77, 0.87), // measured 0.784 / 0.879
    ("garble/control", 0.99, 0.99),
    ("garble/zero-width", 0.99, 0.99),
    ("garble/private-use", 0.99, 0.99),
    ("garble/html-entity", 0.83, 0.97), // measured 0.839 / 0.984
    ("spam/appended-list", 0.99, 0.94), // measured 1.000 / 0.949
    ("spam/boilerplate", 0.99, 0.99),   // measured 1.000 / 0.996
    ("spam/keyword-injection", 0.99, 0.99),
    ("garble/*", 0.98, 0.99), // measured 0.994 / 0.997
    ("spam/*", 0.99, 0.98),   // measured 1.000 / 0.989
];

// ------------------------------------------------------------ HELD-OUT V8 FLOORS
/// Strict floors on the current held-out set `eval/holdout8.jsonl`, set the same way as
/// `DEV_FLOORS` (measured minus 0.005, rounded down to two decimals) from its scoring at the
/// merge (2026-12-08; it was first scored with the detectors of commit 4caf6aa1, then once
/// more with those of the commit that set these floors, because they had changed meanwhile;
/// docs/quality.md has the table and both mojibake figures).
const HELDOUT_FLOORS: &Floors = &[
    ("garble/inline-pinyin", 0.99, 0.99),
    ("garble/mojibake", 0.68, 0.74), // measured 0.689 / 0.750 (61 findings, 56 labels)
    ("garble/replacement", 0.97, 0.99), // measured 0.984 / 1.000
    ("garble/control", 0.99, 0.99),
    ("garble/zero-width", 0.99, 0.99),
    ("garble/private-use", 0.99, 0.99),
    ("garble/html-entity", 0.31, 0.64), // measured 0.321 / 0.646 (51 pairs, 159 findings, 79 labels)
    ("spam/appended-list", 0.99, 0.94), // measured 1.000 / 0.946
    ("spam/boilerplate", 0.98, 0.99),   // measured 0.990 / 1.000
    ("spam/keyword-injection", 0.99, 0.81), // measured 1.000 / 0.823
    ("garble/*", 0.94, 0.97),           // measured 0.948 / 0.982
    ("spam/*", 0.98, 0.94),             // measured 0.994 / 0.950
];
/// Clean documents of the held-out set with a finding of a labelled code: 1 of 113 at its
/// scoring (2026-12-08).
const HELDOUT_CLEAN_WITH_FINDINGS: usize = 1;
// ------------------------------------------------------------ end of held-out v8 floors

fn lenient_targets(code: &str) -> (f64, f64) {
    if code.starts_with("garble/") {
        (0.97, 0.95)
    } else {
        (0.95, 0.90)
    }
}

#[test]
fn evaluation_set_meets_thresholds() {
    let docs = load("labelled.jsonl", "run python3 eval/build.py");
    assert!(
        docs.len() >= 500,
        "evaluation set too small: {}",
        docs.len()
    );
    let s = score(&docs);
    println!(
        "\nDevelopment set eval/labelled.jsonl: {} documents, lenient vs strict\n\n{}",
        docs.len(),
        table(&s, true, Some(DEV_FLOORS))
    );
    println!("{}", examples(&docs, &s, examples_to_show(5)));
    let mut failures = below_floors(&s, DEV_FLOORS);
    for (k, code) in CODES.iter().enumerate() {
        let c = s.total(k);
        let (tp, tr) = lenient_targets(code);
        if c.lenient_precision() < tp || c.lenient_recall() < tr {
            failures.push(format!(
                "{code}: lenient precision {:.3} (target {tp:.2}), recall {:.3} (target {tr:.2})",
                c.lenient_precision(),
                c.lenient_recall()
            ));
        }
    }
    if s.clean_with_findings() > 0 {
        failures.push(format!(
            "{} clean documents with findings",
            s.clean_with_findings()
        ));
    }
    assert!(
        failures.is_empty(),
        "development set below its floors:\n{}",
        failures.join("\n")
    );
}

fn print_development_set(file: &str, how: &str, name: &str) {
    let docs = load(file, how);
    assert!(!docs.is_empty(), "{file} is empty");
    let s = score(&docs);
    println!(
        "\n{name} (eval/{file}, development): {} documents, lenient vs strict (not asserted)\n\n{}{}",
        docs.len(),
        table(&s, true, None),
        examples(&docs, &s, examples_to_show(5))
    );
}

#[test]
fn development_set_v1_report() {
    print_development_set(
        "holdout.jsonl",
        "run python3 eval/build_holdout.py",
        "retired held-out set v1",
    );
}

#[test]
fn development_set_v2_report() {
    print_development_set(
        "holdout2.jsonl",
        "run python3 eval/build_holdout2.py",
        "retired held-out set v2",
    );
}

#[test]
fn development_set_v3_report() {
    print_development_set(
        "holdout3.jsonl",
        "run python3 eval/build_holdout3.py",
        "retired held-out set v3",
    );
}

#[test]
fn development_set_v4_report() {
    print_development_set(
        "holdout4.jsonl",
        "run python3 eval/build_holdout4.py",
        "retired held-out set v4",
    );
}

#[test]
fn development_set_v5_report() {
    print_development_set(
        "holdout5.jsonl",
        "run python3 eval/build_holdout5.py",
        "retired held-out set v5",
    );
}

#[test]
fn development_set_v6_report() {
    print_development_set(
        "holdout6.jsonl",
        "run python3 eval/build_holdout6.py",
        "retired held-out set v6",
    );
}

#[test]
fn development_set_v7_report() {
    print_development_set(
        "holdout7.jsonl",
        "run python3 eval/build_holdout7.py",
        "retired held-out set v7",
    );
}

/// The current held-out set. Prints totals per code and family only: no document id, line or
/// excerpt of it may be printed (eval/README.md, "Protocol").
#[test]
fn held_out_set_v8() {
    let docs = load("holdout8.jsonl", "run python3 eval/build_holdout8.py");
    assert!(docs.len() >= 250, "held-out set too small: {}", docs.len());
    let s = score(&docs);
    println!(
        "\nHeld-out set eval/holdout8.jsonl: {} documents, lenient vs strict (totals only)\n\n{}",
        docs.len(),
        table(&s, true, Some(HELDOUT_FLOORS))
    );
    let mut failures = below_floors(&s, HELDOUT_FLOORS);
    if s.clean_with_findings() > HELDOUT_CLEAN_WITH_FINDINGS {
        failures.push(format!(
            "{} clean documents with findings (at most {HELDOUT_CLEAN_WITH_FINDINGS})",
            s.clean_with_findings()
        ));
    }
    assert!(
        failures.is_empty(),
        "held-out set below its floors:\n{}",
        failures.join("\n")
    );
}

// ---------------------------------------------------------------- the scorer itself

#[test]
fn strict_pairing_is_one_to_one_at_half_iou() {
    // One finding over two labels: lenient counts both labels recalled; strict pairs at most one.
    let labels = [0..10, 10..20];
    assert_eq!(
        strict_pairs(&labels, &[0..20]),
        vec![(0, 0)],
        "IoU 0.5 with each: one pair only"
    );
    assert_eq!(strict_pairs(&labels, &[0..19]), vec![(0, 0)]);
    assert_eq!(strict_pairs(&labels, &[0..21]), vec![]);
    // IoU exactly 0.5 pairs; just under does not.
    assert_eq!(strict_pairs(&[0..10], &[0..5]), vec![(0, 0)]);
    assert_eq!(strict_pairs(&[0..10], &[0..4]), vec![]);
    // Two findings on one label: one pair, the better one.
    assert_eq!(strict_pairs(&[0..10], &[0..6, 0..9]), vec![(0, 1)]);
    // Greedy by IoU: the best pair first, then the rest.
    assert_eq!(
        strict_pairs(&[0..10, 10..20], &[1..10, 10..20]),
        vec![(1, 1), (0, 0)]
    );
}
