//! Findings in the formats other tools read: SARIF 2.1.0 (GitHub code scanning and most
//! static-analysis viewers), reviewdog's rdjsonl, and GitHub Actions workflow commands.
//!
//! rdjsonl and GitHub lines are written per finding as inputs are checked; SARIF is one JSON
//! document, so [`Sarif`] gathers results and writes the log once every input is done.

use super::args::CheckFormat;
use super::render::Locator;
use crate::analysis::{Code, Finding, Locale, Severity};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::ops::Range;

const TOOL: &str = "jiaodui";

/// What is written per finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Render {
    Format(CheckFormat),
    /// `--statistics`: nothing per finding, counts at the end.
    Nothing,
}

/// 1-based line and column where the column counts UTF-8 bytes from the line start, as
/// reviewdog's Position does.
fn byte_position(locator: &Locator, offset: usize) -> Value {
    let text = locator.text();
    let offset = offset.min(text.len());
    let line = locator.index().line_of(offset);
    let start = locator.index().line_range(text, line).start;
    json!({"line": line + 1, "column": offset.saturating_sub(start) + 1})
}

fn byte_range(locator: &Locator, range: &Range<usize>) -> Value {
    json!({"start": byte_position(locator, range.start), "end": byte_position(locator, range.end)})
}

/// One reviewdog Diagnostic (rdjsonl line): message, location (byte columns), severity,
/// code, and each fix as a suggestion.
pub fn write_rdjsonl(out: &mut Vec<u8>, file: &str, locator: &mut Locator, finding: &Finding) {
    let suggestions: Vec<Value> = finding
        .fixes
        .iter()
        .map(|fix| json!({"range": byte_range(locator, &fix.range), "text": fix.replacement}))
        .collect();
    let severity = match finding.severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info | Severity::Hint => "INFO",
    };
    let diagnostic = json!({
        "message": finding.message,
        "location": {"path": file, "range": byte_range(locator, &finding.range)},
        "severity": severity,
        "source": {"name": TOOL},
        "code": {"value": finding.code.as_str()},
        "suggestions": suggestions,
    });
    // Serializing a Value into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &diagnostic);
    out.push(b'\n');
}

/// One GitHub Actions workflow command: `::warning file=…,line=…,col=…,endLine=…,
/// endColumn=…,title=…::message`, escaped as the runner expects.
pub fn write_github(out: &mut Vec<u8>, file: &str, locator: &mut Locator, finding: &Finding) {
    let at = locator.span(&finding.range);
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    };
    let mut line = format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(file),
        at.line,
        at.column,
        at.end_line,
        at.end_column,
        escape_property(finding.code.as_str()),
        escape_data(&finding.message),
    );
    line.push('\n');
    out.extend_from_slice(line.as_bytes());
}

/// Escapes a workflow command's message (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A SARIF 2.1.0 log being gathered over a run.
pub struct Sarif {
    locale: Locale,
    results: Vec<Value>,
}

/// The SARIF results of one input: regions in Unicode code points (the run's `columnKind`),
/// with byte offsets as well; fixes as replacements of byte regions.
pub fn sarif_results(file: &str, locator: &mut Locator, findings: &[Finding]) -> Vec<Value> {
    let uri = file_uri(file);
    let mut results = Vec::with_capacity(findings.len());
    for finding in findings {
        let at = locator.span(&finding.range);
        let fixes: Vec<Value> = finding
            .fixes
            .iter()
            .map(|fix| {
                json!({
                    "description": {"text": fix.title},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": [{
                            "deletedRegion": {
                                "byteOffset": fix.range.start,
                                "byteLength": fix.range.len(),
                            },
                            "insertedContent": {"text": fix.replacement},
                        }],
                    }],
                })
            })
            .collect();
        let mut result = json!({
            "ruleId": finding.code.as_str(),
            "ruleIndex": rule_index(finding.code),
            "level": level(finding.severity),
            "message": {"text": finding.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {
                        "startLine": at.line,
                        "startColumn": at.column,
                        "endLine": at.end_line,
                        "endColumn": at.end_column,
                        "byteOffset": finding.range.start,
                        "byteLength": finding.range.len(),
                    },
                },
            }],
        });
        if !fixes.is_empty() {
            result["fixes"] = Value::Array(fixes);
        }
        results.push(result);
    }
    results
}

impl Sarif {
    pub fn new(locale: Locale) -> Sarif {
        Sarif {
            locale,
            results: Vec::new(),
        }
    }

    pub fn extend(&mut self, results: Vec<Value>) {
        self.results.extend(results);
    }

    /// The whole log, as one line of JSON; `successful` is false when some input could not
    /// be checked (the errors went to stderr).
    pub fn finish(self, successful: bool) -> Vec<u8> {
        let rules: Vec<Value> = Code::ALL
            .iter()
            .map(|code| {
                json!({
                    "id": code.as_str(),
                    "shortDescription": {"text": code.describe(self.locale)},
                    "defaultConfiguration": {"level": level(code.default_severity())},
                })
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": TOOL,
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "invocations": [{"executionSuccessful": successful}],
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        });
        let mut out = serde_json::to_vec(&log).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

fn rule_index(code: Code) -> usize {
    Code::ALL.iter().position(|c| *c == code).unwrap_or(0)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A relative URI reference for a path as the user gave it: separators as `/`, and every
/// byte outside RFC 3986's unreserved set percent-encoded (Chinese file names included).
fn file_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_commands_escape_what_the_runner_parses() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn uris_percent_encode_non_ascii_and_reserved_bytes() {
        assert_eq!(
            file_uri("docs/报告 1.txt"),
            "docs/%E6%8A%A5%E5%91%8A%201.txt"
        );
        assert_eq!(file_uri("a\\b#c"), "a/b%23c");
    }

    #[test]
    fn rdjsonl_columns_count_bytes() {
        let text = "中文\n機(jī)";
        let mut locator = Locator::new(text);
        let start = text.find('(').unwrap();
        let finding = Finding::new(Code::InlinePinyin, start..text.len(), "m".into());
        let mut out = Vec::new();
        write_rdjsonl(&mut out, "a.txt", &mut locator, &finding);
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v["location"]["range"]["start"],
            json!({"line": 2, "column": 4})
        );
        assert_eq!(v["location"]["range"]["end"]["column"], json!(9));
    }
}
