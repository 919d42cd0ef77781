//! Where appended lists are: runs of list lines at the foot of the document, after the last
//! prose line (or glued to its end), with only chrome, metadata or short furniture after them.

use super::MIN_ITEMS;
use super::judge::{is_keyword_list, is_strong_list};
use super::line::{Label, ListLine, parse_line};
use crate::analysis::script::Script;
use crate::analysis::spam::layout::{
    Line, ListRun, Role, TextEnds, is_metadata, is_prose, simplified_line,
};

/// Whether a body line introduces what follows as its own list or table: it says 如下 / 下表 /
/// 下列 / 本表 / 一览 (a bare colon is not enough: a scraped body often stops at one).
fn announces_list(line: &str) -> bool {
    ["如下", "下表", "下列", "本表", "一览", "列表如", "见下"]
        .iter()
        .any(|w| line.contains(w))
}

/// Short non-chrome lines a list may have after it and still count as appended: a share
/// row, a policy row, `客服专线：…`, `觉得有用？点个赞吧` (furniture the chrome lexicon does not
/// know). Only a strong list ([`is_strong_list`]) fires with furniture after it.
const MAX_FURNITURE_LINES: usize = 6;
const MAX_FURNITURE_CHARS: usize = 40;
/// Non-blank body lines (above the last prose line) searched for a strong list.
const MAX_BODY_LINES: usize = 4;

/// The role of a body line, which the layout leaves unclassified.
fn body_role(text: &TextEnds, script: Script, line: Line) -> Role {
    let raw = text.slice(line.start..line.end);
    let s = simplified_line(raw);
    if s.is_empty() {
        Role::Blank
    } else if is_metadata(&s) {
        Role::Metadata
    } else if let Some(list) = parse_line(raw, &s, script) {
        Role::List(list)
    } else if is_prose(&s) {
        Role::Prose
    } else {
        Role::Other
    }
}

/// Finds fired runs in the foot region `foot_start..` (roles classified), the last prose line
/// being `last_prose`, and strong lists among the last few body lines above it.
pub(in crate::analysis::spam) fn find_runs(
    text: &TextEnds,
    script: Script,
    lines: &[Line],
    roles: &[Option<Role>],
    foot_start: usize,
    last_prose: Option<usize>,
) -> Vec<ListRun> {
    // The few body lines above the foot, classified here (chrome the layout marked stays).
    let mut body_from = foot_start;
    let mut body_roles: Vec<Option<Role>> = Vec::new();
    if last_prose.is_some() {
        let mut nonblank = 0;
        while body_from > 0 && nonblank < MAX_BODY_LINES + 1 {
            body_from -= 1;
            let r = match roles.get(body_from).and_then(|r| r.clone()) {
                Some(r) => r,
                None => body_role(text, script, lines[body_from]),
            };
            nonblank += (r != Role::Blank) as usize;
            body_roles.push(Some(r));
        }
        body_roles.reverse();
    }
    let role = |i: usize| {
        if i >= body_from && i < foot_start {
            body_roles[i - body_from].as_ref()
        } else {
            roles.get(i).and_then(|r| r.as_ref())
        }
    };
    let line_text = |k: usize| text.slice(lines[k].start..lines[k].end).trim();
    let mut runs = Vec::new();
    let mut i = lines.len();
    // Only blank, chrome and metadata lines after the lists found so far.
    let mut strict = true;
    let mut furniture = 0;
    let mut glued_tried = false;
    while i > body_from {
        if i == foot_start && last_prose.is_some() && strict && !glued_tried {
            // The last prose line may end in a list; if not, the search goes on above it.
            glued_tried = true;
            runs.reverse();
            let before = runs.len();
            appended_to_prose(text, script, lines, foot_start - 1, &mut runs);
            let glued =
                runs.len() > before || runs.first().is_some_and(|r| r.partial_start.is_some());
            runs.reverse();
            if glued {
                break;
            }
        }
        i -= 1;
        let furniture_line = |k: usize| {
            furniture < MAX_FURNITURE_LINES
                && simplified_line(line_text(k))
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
                    <= MAX_FURNITURE_CHARS
        };
        match role(i) {
            Some(Role::Blank | Role::Chrome | Role::Metadata) => continue,
            Some(Role::List(_)) => {}
            _ => {
                if furniture_line(i) {
                    furniture += 1;
                    strict = false;
                    continue;
                }
                break;
            }
        }
        // A group: list lines with only blank lines between them.
        let last = i;
        let mut first = i;
        let mut j = i;
        while j > body_from {
            // A line with its own head (`Tags：…` under `地区导航：…`) starts its own list.
            if matches!(role(first), Some(Role::List(l)) if l.label != Label::None) {
                break;
            }
            match role(j - 1) {
                Some(Role::List(_)) => first = j - 1,
                Some(Role::Blank) => {}
                _ => break,
            }
            j -= 1;
        }
        let group: Vec<&ListLine> = (first..=last)
            .filter_map(|k| match role(k) {
                Some(Role::List(l)) => Some(l),
                _ => None,
            })
            .collect();
        let has_content_before = (0..first)
            .rev()
            .any(|k| !line_text(k).is_empty() && role(k) != Some(&Role::Chrome));
        // A list the body announces (下表列出…：, 各县如下) is the body's own table or list;
        // under an SEO or tag head it is not.
        let label = group.first().map_or(Label::None, |l| l.label);
        let bare_head = matches!(role(first), Some(Role::List(l))
            if l.items.is_empty() && l.label == Label::Other);
        let announced = !matches!(label, Label::Seo | Label::Tags)
            && ((bare_head && announces_list(line_text(first)))
                || (0..first)
                    .rev()
                    .find(|&k| !line_text(k).is_empty())
                    .is_some_and(|k| {
                        matches!(role(k), Some(Role::Prose | Role::Other))
                            && announces_list(line_text(k))
                    }));
        let fires = if strict {
            is_keyword_list(&group)
        } else {
            is_strong_list(&group)
        };
        if !has_content_before || announced || !fires {
            // A short row that is not a keyword list (分享 | 隐私政策 | 联络我们) is furniture;
            // the lines above it are tried on their own.
            if has_content_before && !announced && furniture_line(last) {
                furniture += 1;
                strict = false;
                i = last;
                continue;
            }
            break;
        }
        let l = lines[first];
        let content = text.slice(l.start..l.end);
        let lead = content.len() - content.trim_start().len();
        runs.push(ListRun {
            range: l.start + lead..lines[last].end,
            lines: first..last + 1,
            partial_start: None,
            items: group.iter().map(|g| g.items.len()).sum(),
        });
        i = first;
    }
    runs.reverse();
    runs
}

/// A list glued onto the end of the last prose line, after its final sentence end.
fn appended_to_prose(
    text: &TextEnds,
    script: Script,
    lines: &[Line],
    p: usize,
    runs: &mut Vec<ListRun>,
) {
    let l = lines[p];
    let line = text.slice(l.start..l.end);
    let Some((at, c)) = line
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?'))
    else {
        return;
    };
    let mut cut = at + c.len_utf8();
    while let Some(q) = line[cut..]
        .chars()
        .next()
        .filter(|q| matches!(q, '”' | '’' | '」' | '』' | '）' | ')' | '"'))
    {
        cut += q.len_utf8();
    }
    let suffix = &line[cut..];
    let s = simplified_line(suffix);
    if s.is_empty() {
        return;
    }
    let Some(list) = parse_line(suffix, &s, script) else {
        return;
    };
    let lead = suffix.len() - suffix.trim_start().len();
    let start = l.start + cut + lead;
    // Merge with a run that starts right below (only blank lines between).
    let adjacent = runs.first().is_some_and(|r| {
        (p + 1..r.lines.start).all(|k| text.slice(lines[k].start..lines[k].end).trim().is_empty())
    });
    if adjacent {
        let run = &mut runs[0];
        run.range.start = start;
        run.lines.start = p;
        run.partial_start = Some(l.start + cut);
        run.items += list.items.len();
    } else if runs.is_empty() && list.items.len() >= MIN_ITEMS && is_keyword_list(&[&list]) {
        runs.push(ListRun {
            range: start..l.end,
            lines: p..p + 1,
            partial_start: Some(l.start + cut),
            items: list.items.len(),
        });
    }
}
