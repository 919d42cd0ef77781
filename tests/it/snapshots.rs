//! Snapshots of what jiaodui makes of each fixture (every file under `tests/fixtures`): its
//! findings (`check`, default config) and its outline, one line each, in
//! `tests/snapshots/<fixture>.check` and `tests/snapshots/<fixture>.outline`.
//!
//! A change in the output fails here with a diff. Read it: a finding that is wrong is a bug to
//! fix, not to bless. When the new output is right, `UPDATE_EXPECT=1 cargo test --release
//! --test it snapshots` rewrites the files, and the diff goes into the commit that changed it.
//!
//! Positions are 1-based `line:column`, columns counted in characters (as `jiaodui check`
//! prints them); ranges end where the next character would start. Outline lines give the
//! section's first and last line.

use crate::fixture_support::fixtures;
use expect_test::expect_file;
use jiaodui::analysis::outline::{Symbol, outline};
use jiaodui::analysis::{Config, Finding, Fix, check};
use jiaodui::position::{Encoding, LineIndex};
use std::fmt::Write;
use std::ops::Range;
use std::path::Path;

/// Excerpts longer than this many characters are shown as their start and end.
const EXCERPT_CHARS: usize = 40;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `text` as one line: escapes as Rust's `escape_debug` (line breaks, tabs, controls,
/// invisible characters such as U+200B), but quotes stay as they are; longer than
/// [`EXCERPT_CHARS`], the first 24 and the last 12 characters.
fn excerpt(text: &str) -> String {
    let escape = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '"' | '\'' => c.to_string(),
                _ => c.escape_debug().to_string(),
            })
            .collect()
    };
    let n = text.chars().count();
    if n <= EXCERPT_CHARS {
        return format!("«{}»", escape(text));
    }
    let head: String = text.chars().take(24).collect();
    let tail: String = text.chars().skip(n - 12).collect();
    format!("«{}»…«{}» ({n} characters)", escape(&head), escape(&tail))
}

struct Positions<'a> {
    text: &'a str,
    index: LineIndex,
}

impl Positions<'_> {
    /// `line:column` of a byte offset, both from 1, the column in characters.
    fn at(&self, offset: usize) -> String {
        let p = self.index.line_col(self.text, offset, Encoding::Utf32);
        format!("{}:{}", p.line + 1, p.col + 1)
    }

    fn range(&self, range: &Range<usize>) -> String {
        format!("{}-{}", self.at(range.start), self.at(range.end))
    }

    /// 1-based number of the line holding byte `offset`.
    fn line(&self, offset: usize) -> u32 {
        self.index.line_col(self.text, offset, Encoding::Utf32).line + 1
    }
}

/// `fix:` (applied by `jiaodui fix`) or `offer:` (only offered one at a time), what it does,
/// and where when that is not the finding's own range.
fn describe_fix(at: &Positions, finding: &Finding, fix: &Fix) -> String {
    let kind = if fix.safe { "fix" } else { "offer" };
    let what = if fix.replacement.is_empty() {
        "delete".to_string()
    } else {
        format!("replace with {}", excerpt(&fix.replacement))
    };
    if fix.range == finding.range {
        format!("{kind}: {what}")
    } else {
        format!("{kind}: {what} {}", at.range(&fix.range))
    }
}

/// One line per finding: range, code, the flagged text, its fixes.
fn findings_snapshot(text: &str) -> String {
    let at = Positions {
        text,
        index: LineIndex::new(text),
    };
    let findings = check(text, &Config::default());
    if findings.is_empty() {
        return "(no findings)\n".into();
    }
    let mut out = String::new();
    for f in &findings {
        write!(
            out,
            "{} {} {}",
            at.range(&f.range),
            f.code.as_str(),
            excerpt(&text[f.range.clone()])
        )
        .unwrap();
        for fix in &f.fixes {
            write!(out, " | {}", describe_fix(&at, f, fix)).unwrap();
        }
        out.push('\n');
    }
    out
}

/// One line per symbol, indented by depth: first-last line, kind and level, name (and the
/// whole heading when the name was cut).
fn outline_snapshot(text: &str) -> String {
    fn walk(at: &Positions, symbols: &[Symbol], depth: usize, out: &mut String) {
        for s in symbols {
            let last = at.line(s.range.end.saturating_sub(1).max(s.range.start));
            write!(
                out,
                "{:indent$}{}-{last} {:?}/{} {}",
                "",
                at.line(s.range.start),
                s.kind,
                s.level,
                s.name,
                indent = 2 * depth
            )
            .unwrap();
            if let Some(detail) = &s.detail {
                write!(out, " (cut from {})", excerpt(detail)).unwrap();
            }
            out.push('\n');
            walk(at, &s.children, depth + 1, out);
        }
    }
    let at = Positions {
        text,
        index: LineIndex::new(text),
    };
    let symbols = outline(text);
    if symbols.is_empty() {
        return "(no headings)\n".into();
    }
    let mut out = String::new();
    walk(&at, &symbols, 0, &mut out);
    out
}

#[test]
fn findings_and_outline_of_every_fixture() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 14, "{} fixtures", fixtures.len());
    for (name, text) in &fixtures {
        let snapshot = |ext: &str| root().join(format!("tests/snapshots/{name}.{ext}"));
        expect_file![snapshot("check")].assert_eq(&findings_snapshot(text));
        expect_file![snapshot("outline")].assert_eq(&outline_snapshot(text));
    }
}

/// Every snapshot belongs to a fixture: one whose fixture is gone must go too.
#[test]
fn no_snapshot_outlives_its_fixture() {
    let fixtures = fixtures();
    let base = root().join("tests/snapshots");
    let mut orphans = Vec::new();
    let mut seen = 0;
    let mut stack = vec![base.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            seen += 1;
            let rel = path.strip_prefix(&base).unwrap().to_str().unwrap();
            let rel = rel.replace('\\', "/");
            let fixture = rel
                .strip_suffix(".check")
                .or_else(|| rel.strip_suffix(".outline"));
            if !fixture.is_some_and(|f| fixtures.iter().any(|(x, _)| x == f)) {
                orphans.push(rel);
            }
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without a fixture: {orphans:?}"
    );
    assert_eq!(seen, 2 * fixtures.len(), "one .check and one .outline each");
}

#[test]
fn excerpts_are_one_line_and_cut_in_the_middle() {
    assert_eq!(excerpt("堅(jiān)"), "«堅(jiān)»");
    assert_eq!(excerpt("a\n\u{200B}\"“"), "«a\\n\\u{200b}\"“»");
    let long = format!("{}{}", "甲".repeat(30), "乙".repeat(30));
    assert_eq!(
        excerpt(&long),
        format!(
            "«{}»…«{}» (60 characters)",
            "甲".repeat(24),
            "乙".repeat(12)
        )
    );
}
