//! Inline suppression markers, recognised anywhere on a line so they work inside Markdown
//! and HTML comments:
//! `jiaodui-disable-next-line [code…]`, `jiaodui-disable [code…]` … `jiaodui-enable [code…]`.
//! Without codes a marker applies to every code; codes may be families (`spam`).

use super::finding::{Code, Finding};
use std::ops::Range;

const MARKER: &str = "jiaodui-";

#[derive(Debug, Clone, PartialEq, Eq)]
struct Suppression {
    bytes: Range<usize>,
    /// Empty = every code.
    codes: Vec<String>,
}

impl Suppression {
    fn covers(&self, finding: &Finding) -> bool {
        self.bytes.contains(&finding.range.start)
            && (self.codes.is_empty() || self.codes.iter().any(|p| finding.code.matches(p)))
    }
}

/// Whether `text` may hold a marker: where it cannot, [`apply`] changes nothing (the
/// language server so knows which paragraphs can act beyond themselves).
pub fn may_hold_marker(text: &str) -> bool {
    text.contains(MARKER)
}

/// Removes findings silenced by markers in `text`. Cheap when no marker is present.
pub fn apply(text: &str, findings: &mut Vec<Finding>) {
    if !may_hold_marker(text) {
        return;
    }
    let suppressions = collect(text);
    if !suppressions.is_empty() {
        findings.retain(|f| !suppressions.iter().any(|s| s.covers(f)));
    }
}

fn codes_after(rest: &str) -> Vec<String> {
    rest.split(|c: char| c.is_whitespace() || c == ',')
        .take_while(|w| !w.is_empty() && Code::ALL.iter().any(|c| c.matches(w)))
        .map(str::to_string)
        .collect()
}

fn codes_following(rest: &str) -> Vec<String> {
    codes_after(rest.trim_start_matches([' ', '\t']))
}

fn collect(text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    // Open `disable` regions: (start byte, codes).
    let mut open: Vec<(usize, Vec<String>)> = Vec::new();
    let mut line_start = 0;
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .map(|l| {
            let at = line_start;
            line_start += l.len();
            (at, l)
        })
        .collect();
    for (i, &(at, line)) in lines.iter().enumerate() {
        let mut search = line;
        while let Some(pos) = search.find(MARKER) {
            let rest = &search[pos + MARKER.len()..];
            if let Some(r) = rest.strip_prefix("disable-next-line") {
                if let Some(&(next_at, next)) = lines.get(i + 1) {
                    out.push(Suppression {
                        bytes: next_at..next_at + next.len(),
                        codes: codes_following(r),
                    });
                }
            } else if let Some(r) = rest.strip_prefix("disable-line") {
                out.push(Suppression {
                    bytes: at..at + line.len(),
                    codes: codes_following(r),
                });
            } else if let Some(r) = rest.strip_prefix("disable") {
                open.push((at, codes_following(r)));
            } else if let Some(r) = rest.strip_prefix("enable") {
                let codes = codes_following(r);
                let end = at + line.len();
                open.retain(|(start, open_codes)| {
                    let closes = codes.is_empty() || open_codes == &codes;
                    if closes {
                        out.push(Suppression {
                            bytes: *start..end,
                            codes: open_codes.clone(),
                        });
                    }
                    !closes
                });
            }
            search = &search[pos + MARKER.len()..];
        }
    }
    for (start, codes) in open {
        out.push(Suppression {
            bytes: start..text.len() + 1,
            codes,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Config, check};

    /// Garble findings only: the chrome-like sample lines also draw `spam/boilerplate`.
    fn codes(text: &str) -> Vec<(usize, &'static str)> {
        check(text, &Config::default())
            .into_iter()
            .filter(|f| f.code.family() == "garble")
            .map(|f| (text[..f.range.start].lines().count(), f.code.as_str()))
            .collect()
    }

    #[test]
    fn next_line_marker_silences_one_line() {
        let text =
            "<!-- jiaodui-disable-next-line garble/inline-pinyin -->\n手機(jī)版\n手機(jī)版\n";
        assert_eq!(codes(text), [(3, "garble/inline-pinyin")]);
    }

    #[test]
    fn region_markers_and_other_codes() {
        let text = "jiaodui-disable garble\n機(jī)\njiaodui-enable\n機(jī)\n";
        assert_eq!(codes(text).len(), 1);
        let text = "jiaodui-disable spam\n機(jī)\njiaodui-enable\n";
        assert_eq!(
            codes(text).len(),
            1,
            "a spam-only region keeps garble findings"
        );
        let text = "jiaodui-disable\n機(jī)\n機(jī)\n";
        assert!(codes(text).is_empty(), "an unclosed region runs to the end");
    }
}
