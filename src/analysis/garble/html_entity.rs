//! `garble/html-entity`: HTML character references left in plain text — named (&nbsp;
//! &ldquo;), decimal (&#20013;) and hex (&#x4E2D;), including double-escaped ones
//! (&amp;quot; → "), which are decoded fully in one fix.
//!
//! Only complete references count: a known name (a table of the common HTML5 ones, case
//! sensitive) or a valid code point, and always the closing `;`. So `AT&T`, `a & b`,
//! `&unknown;` and query strings (`?a=1&b=2`) stay quiet. References in code are meant
//! literally and left alone: Markdown code spans, `<code>`, `<pre>`, `<kbd>`… elements and
//! indented lines of HTML (see [`super::code_regions`]; a Markdown file's fenced blocks are
//! dropped by `analysis::finish`). So are references a line writes about rather than leaks
//! (see [`mentions`]): an entity table row, a line that speaks of 字符实体 or 转义字符, a
//! sentence that names one (小于号写作 &lt;, 用 &lt; 表示小于号). Everything is judged line by
//! line, so findings do not depend on how a document is cut. Leaked references glue to
//! their text (`标题&nbsp;正文`, `&#20013;&#25991;`) and stay flagged.
//!
//! `&nbsp;` becomes an ordinary space: in Chinese prose a no-break space has no job (lines
//! break between any two Han characters anyway), it is a leftover of HTML layout, and an
//! invisible U+00A0 would only trouble search and later tools. Safe fix: the decoded text.

use super::code_regions::code_ranges;
use super::codepage::{cp1252_high, is_cjk_punctuation};
use crate::analysis::Document;
use crate::analysis::finding::{Code, Finding, Fix};
use crate::analysis::markdown;
use crate::analysis::script::is_han;
use std::ops::Range;

/// Longest name in [`named`] plus slack, so parsing stops early on ordinary text.
const MAX_NAME: usize = 10;

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "zwnj" => "\u{200C}",
        "zwj" => "\u{200D}",
        "lrm" => "\u{200E}",
        "rlm" => "\u{200F}",
        "shy" => "\u{AD}",
        "ndash" => "–",
        "mdash" => "—",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "hellip" => "…",
        "middot" => "·",
        "bull" => "•",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "prime" => "′",
        "Prime" => "″",
        "dagger" => "†",
        "Dagger" => "‡",
        "permil" => "‰",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "divide" => "÷",
        "micro" => "µ",
        "para" => "¶",
        "sect" => "§",
        "cent" => "¢",
        "pound" => "£",
        "yen" => "¥",
        "euro" => "€",
        "curren" => "¤",
        "iexcl" => "¡",
        "iquest" => "¿",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "sup1" => "¹",
        "sup2" => "²",
        "sup3" => "³",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "harr" => "↔",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "asymp" => "≈",
        "infin" => "∞",
        "minus" => "−",
        "radic" => "√",
        "sum" => "∑",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "pi" => "π",
        "mu" => "μ",
        "Omega" => "Ω",
        "hearts" => "♥",
        "star" => "☆",
        _ => return None,
    })
}

/// One reference `&…;` at the start of `rest`: its byte length and decoded text.
fn reference(rest: &str) -> Option<(usize, String)> {
    reference_body(rest.strip_prefix('&')?)
}

/// A reference whose `&` has already been read: `body` starts right after it. The length
/// returned includes the `&`.
fn reference_body(body: &str) -> Option<(usize, String)> {
    let semi = body.bytes().take(MAX_NAME + 2).position(|b| b == b';')?;
    let inner = &body[..semi];
    let decoded = if let Some(num) = inner.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex)
                if !hex.is_empty()
                    && hex.len() <= 6
                    && hex.bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                u32::from_str_radix(hex, 16).ok()?
            }
            None if !num.is_empty()
                && num.len() <= 7
                && num.bytes().all(|b| b.is_ascii_digit()) =>
            {
                num.parse().ok()?
            }
            _ => return None,
        };
        let c = cp1252_high(value).or_else(|| char::from_u32(value))?;
        if value == 0 {
            return None;
        }
        c.to_string()
    } else {
        if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        // Shouted names (&NBSP;, from upper-casing a whole page) leak the same way.
        let shouted = || {
            inner
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                .then(|| named(&inner.to_ascii_lowercase()))
                .flatten()
        };
        named(inner).or_else(shouted)?.to_string()
    };
    Some((semi + 2, decoded))
}

/// Names HTML still decodes without the `;` (the legacy ones), and only when Chinese text
/// follows (`&nbsp然后`, or after a chain of them: `&nbsp&nbsp然后`), so `&nbsp` standing
/// alone, in code or in a query string stays quiet.
fn bare_reference(rest: &str) -> Option<(usize, String)> {
    const LEGACY: [&str; 5] = ["nbsp", "quot", "amp", "lt", "gt"];
    let body = rest.strip_prefix('&')?;
    let name = LEGACY.iter().find(|n| body.starts_with(**n))?;
    // A chain of them (`&nbsp&nbsp&nbsp正文`, an indent) counts as the text after its last.
    let mut tail = &body[name.len()..];
    while let Some(next) = tail.strip_prefix('&')
        && let Some(n) = LEGACY.iter().find(|n| next.starts_with(**n))
    {
        tail = next[n.len()..]
            .strip_prefix(';')
            .unwrap_or(&next[n.len()..]);
    }
    let next = tail.chars().next()?;
    if !(is_han(next) || is_cjk_punctuation(next)) {
        return None;
    }
    Some((1 + name.len(), named(name)?.to_string()))
}

/// How many bare `&nbsp` in a row open `rest` (a line): two or more are an indent, whatever
/// follows (`&nbsp&nbsp&nbsp&nbspchroot 之后`).
fn bare_indent(rest: &str) -> usize {
    const BARE: &str = "&nbsp";
    let mut n = 0;
    let mut tail = rest;
    while let Some(next) = tail.strip_prefix(BARE)
        && !next.starts_with(';')
    {
        n += 1;
        tail = next;
    }
    if n >= 2 { n } else { 0 }
}

/// A reference at the start of `rest`, following double escaping (`&amp;quot;`).
fn full_reference(rest: &str) -> Option<(usize, String)> {
    let (mut len, mut decoded) = reference(rest)?;
    while decoded == "&" {
        // `&amp;` followed by `quot;` was `&quot;` escaped once more.
        let Some((inner_len, inner)) = reference_body(&rest[len..]) else {
            break;
        };
        len += inner_len - 1;
        decoded = inner;
    }
    Some((len, decoded))
}

fn find_references(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let code = code_ranges(text);
    let in_code = |at: usize| markdown::is_skipped(&code, at);
    let mut from = 0;
    while let Some(rel) = memchr::memchr(b'&', &text.as_bytes()[from..]) {
        let at = from + rel;
        from = at + 1;
        let line_start = at == 0 || text.as_bytes()[at - 1] == b'\n';
        let indent = if line_start {
            bare_indent(&text[at..])
        } else {
            0
        };
        if indent > 0 && !in_code(at) {
            const BARE_LEN: usize = "&nbsp".len();
            for k in 0..indent {
                let start = at + k * BARE_LEN;
                found.push((start..start + BARE_LEN, " ".to_string()));
            }
            from = at + indent * BARE_LEN;
            continue;
        }
        let Some((len, decoded)) =
            full_reference(&text[at..]).or_else(|| bare_reference(&text[at..]))
        else {
            continue;
        };
        if in_code(at) {
            continue;
        }
        found.push((at..at + len, decoded));
        from = at + len;
    }
    found
}

fn shown(decoded: &str, locale: crate::analysis::Locale) -> String {
    match decoded {
        " " => locale.pick("空格", "a space"),
        d if d
            .chars()
            .all(|c| c.is_control() || c.is_whitespace() || c == '\u{AD}')
            || d.chars().any(|c| matches!(c, '\u{200B}'..='\u{200F}')) =>
        {
            d.chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect::<Vec<_>>()
                .join(" ")
        }
        d => locale.pick(format!("「{d}」"), format!("“{d}”")),
    }
}

/// Words of a text that writes about character references rather than leaking them.
const TEACHING_WORDS: &[&str] = &[
    "字符实体",
    "字符實體",
    "实体名称",
    "實體名稱",
    "实体编号",
    "實體編號",
    "预定义实体",
    "預定義實體",
    "html实体",
    "html 实体",
    "html實體",
    "转义",
    "轉義",
    "字符引用",
    "转义字符",
    "轉義字元",
    "html 實體",
    "entity",
    "entities",
    "尖括号",
    "尖括號",
];

/// Words that name what a reference is written as (小于号写作 &lt;, 空白可以寫成 &nbsp;):
/// right before a reference standing apart, they make it the subject of the sentence.
const NAMING_WORDS: &[&str] = &[
    "写作",
    "寫作",
    "写成",
    "寫成",
    "写为",
    "寫為",
    "记作",
    "記作",
    "表示为",
    "表示為",
    "表示",
    "代表",
    "对应",
    "對應",
    "转义为",
    "轉義為",
    "转换为",
    "轉換為",
    "编码为",
    "編碼為",
    "即",
    "写",
    "寫",
    "输入",
    "輸入",
    "键入",
    "鍵入",
    // 用 &lt; 表示小于号, 使用 &amp; 代替.
    "用",
    "使用",
];

/// Words that say what a reference standing before them means (&lt; 表示小于号, &nbsp; 代表
/// 空格, &copy; 即版权符号): a tutorial's sentence about it.
const MEANING_WORDS: &[&str] = &[
    "表示",
    "代表",
    "对应",
    "對應",
    "即",
    "就是",
    "是",
    "显示为",
    "顯示為",
    "显示成",
    "顯示成",
    "会显示",
    "會顯示",
    "会被",
    "會被",
    "用来",
    "用來",
    "用于",
    "用於",
    "指",
];

/// How many characters may stand between a naming word and the reference (spaces, a colon).
const NAMING_REACH: usize = 3;

/// A naming word ends at most `NAMING_REACH` characters before `at`, on the same line.
fn named_before(text: &str, at: usize) -> bool {
    let head = &text[..at];
    let mut start = at;
    for (n, (i, c)) in head.char_indices().rev().enumerate() {
        if n >= NAMING_REACH + 3 || c == '\n' {
            break;
        }
        start = i;
    }
    let window = &head[start..];
    NAMING_WORDS.iter().any(|w| {
        window.rfind(w).is_some_and(|p| {
            window[p + w.len()..].chars().count() <= NAMING_REACH
                && window[p + w.len()..]
                    .chars()
                    .all(|c| c.is_whitespace() || matches!(c, '：' | ':' | '“' | '「' | '"'))
        })
    })
}

fn is_apart(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '、' | '，'
                    | ','
                    | '；'
                    | ';'
                    | '：'
                    | '“'
                    | '”'
                    | '「'
                    | '」'
                    | '"'
                    | '（'
                    | '）'
                    | '。'
            )
    })
}

/// A meaning word starts at most `NAMING_REACH` characters after `at`, on the same line,
/// with only blanks or a colon between.
fn meaning_after(text: &str, at: usize) -> bool {
    let tail = &text[at..];
    let gap: usize = tail
        .chars()
        .take(NAMING_REACH)
        .take_while(|&c| (c.is_whitespace() && c != '\n') || matches!(c, '：' | ':'))
        .map(char::len_utf8)
        .sum();
    let tail = &tail[gap..];
    MEANING_WORDS.iter().any(|w| tail.starts_with(w))
}

/// References that a line lists or discusses instead of leaking (an entity table row
/// `<　&lt;　&#60;　小于号`, a sentence naming `&amp;、&lt;` as XML's predefined entities):
/// the line says what they are (字符实体, 转义, entity), or it writes one character in two
/// forms, each standing apart (`&lt;` beside `&#60;` or beside `<` itself). A garbled page
/// repeats one form (`&nbsp; &nbsp;`) and glues it to its text.
fn mentions(text: &str, refs: &[(Range<usize>, String)]) -> Vec<bool> {
    let mut out = vec![false; refs.len()];
    let mut i = 0;
    while i < refs.len() {
        let line_start = text[..refs[i].0.start].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[refs[i].0.start..]
            .find('\n')
            .map_or(text.len(), |n| refs[i].0.start + n);
        let mut j = i;
        while j < refs.len() && refs[j].0.start < line_end {
            j += 1;
        }
        let line = &text[line_start..line_end];
        // An escape sequence (ANSI colours, C strings) is another kind of escaping.
        let lower = line
            .to_lowercase()
            .replace("转义序列", "")
            .replace("轉義序列", "");
        let teaching = TEACHING_WORDS.iter().any(|w| lower.contains(w));
        // No-break space by either name is one character here.
        let meaning = |d: &str| {
            if d == " " {
                "\u{A0}".to_string()
            } else {
                d.to_string()
            }
        };
        let units: Vec<Range<usize>> = (i..j).map(|k| tag_unit(text, refs, k)).collect();
        let apart: Vec<bool> = units
            .iter()
            .map(|u| {
                is_apart(text[..u.start].chars().next_back())
                    && is_apart(text[u.end..].chars().next())
            })
            .collect();
        for k in i..j {
            let (r, d) = &refs[k];
            // A table row holds a few references; a long run of them is leaked markup.
            let listed = apart[k - i]
                && j - i <= 16
                && (refs[i..j].iter().zip(&apart).any(|((r2, d2), &a2)| {
                    a2 && meaning(d2) == meaning(d) && text[r2.clone()] != text[r.clone()]
                }) || (d.trim() == d.as_str()
                    && !d.is_empty()
                    && line
                        .split(|c: char| c.is_whitespace())
                        .any(|w| w == d.as_str())));
            let named = apart[k - i]
                && (named_before(text, units[k - i].start)
                    || meaning_after(text, units[k - i].end));
            out[k] = teaching || listed || named;
        }
        // A line that names one reference standing apart names the others it lists beside it
        // (写 &lt;br&gt; 或 &lt;br /&gt;).
        if (i..j).any(|k| apart[k - i] && named_before(text, units[k - i].start)) {
            for k in i..j {
                out[k] |= apart[k - i];
            }
        }
        i = j;
    }
    out
}

/// The escaped tag `refs[k]` opens or closes (`&lt;title&gt;`, `&lt;/p&gt;`), or the
/// reference alone: a sentence that writes a tag out names the whole tag, so its edges decide
/// whether it stands apart and what stands before it.
fn tag_unit(text: &str, refs: &[(Range<usize>, String)], k: usize) -> Range<usize> {
    let is_tag_name = |between: &str| {
        let name = between
            .strip_prefix('/')
            .unwrap_or(between)
            .trim_end_matches([' ', '/']);
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.len() <= 16
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_'))
    };
    let pair = |open: usize, close: usize| {
        let (o, c) = (&refs[open], &refs[close]);
        (o.1 == "<" && c.1 == ">" && o.0.end <= c.0.start && is_tag_name(&text[o.0.end..c.0.start]))
            .then_some(o.0.start..c.0.end)
    };
    let after = (k + 1 < refs.len()).then(|| pair(k, k + 1)).flatten();
    let before = (k > 0).then(|| pair(k - 1, k)).flatten();
    after.or(before).unwrap_or_else(|| refs[k].0.clone())
}

pub fn detect(doc: &Document, out: &mut Vec<Finding>) {
    let text = doc.text;
    let refs = find_references(text);
    let mentioned = mentions(text, &refs);
    for ((range, decoded), mentioned) in refs.into_iter().zip(mentioned) {
        if mentioned {
            continue;
        }
        let entity = &text[range.clone()];
        let shown = shown(&decoded, doc.locale);
        let message = doc.locale.pick(
            format!("HTML 实体「{entity}」应为{shown}"),
            format!("HTML entity “{entity}” should be {shown}"),
        );
        // A reference to a control character would only trade one garble for another.
        let fixable = !decoded
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n'));
        let mut finding = Finding::new(Code::HtmlEntity, range.clone(), message);
        if fixable {
            finding = finding.with_fix(Fix {
                title: doc
                    .locale
                    .pick(format!("替换为{shown}"), format!("Replace with {shown}")),
                range,
                replacement: decoded,
                safe: true,
            });
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<(&str, String)> {
        find_references(text)
            .into_iter()
            .map(|(r, d)| (&text[r], d))
            .collect()
    }

    #[test]
    fn decodes_named_numeric_and_double_escaped() {
        assert_eq!(refs("中&nbsp;文"), [("&nbsp;", " ".to_string())]);
        assert_eq!(find_references("中&nbsp;文")[0].0, 3..9);
        assert_eq!(
            refs("&ldquo;你好&rdquo;"),
            [("&ldquo;", "“".to_string()), ("&rdquo;", "”".to_string())]
        );
        assert_eq!(
            refs("&#20013;&#x4E2D;&#X6587;"),
            [
                ("&#20013;", "中".to_string()),
                ("&#x4E2D;", "中".to_string()),
                ("&#X6587;", "文".to_string())
            ]
        );
        assert_eq!(
            refs("说&amp;quot;好&amp;quot;"),
            [
                ("&amp;quot;", "\"".to_string()),
                ("&amp;quot;", "\"".to_string())
            ]
        );
        assert_eq!(
            refs("&amp;amp;nbsp;"),
            [("&amp;amp;nbsp;", " ".to_string())]
        );
        assert_eq!(
            refs("&amp;&#150;"),
            [("&amp;", "&".to_string()), ("&#150;", "–".to_string())]
        );
    }

    #[test]
    fn near_misses_stay_quiet() {
        for text in [
            "AT&T",
            "a & b",
            "&",
            "&&",
            "&unknownname;",
            "https://x.cn/?a=1&b=2&id=3",
            "&nbsp",
            "&#;",
            "&#x;",
            "&#xD800;",
            "&#1114112;",
            "&#0;",
            "用 `&lt;div&gt;` 表示",
            "& nbsp;",
        ] {
            assert!(refs(text).is_empty(), "{text}");
        }
    }

    fn flagged(text: &str) -> Vec<&str> {
        crate::analysis::check(text, &crate::analysis::Config::default())
            .into_iter()
            .filter(|f| f.code == Code::HtmlEntity)
            .map(|f| &text[f.range])
            .collect()
    }

    #[test]
    fn entity_tables_and_sentences_about_entities_stay_quiet() {
        for text in [
            "字符　名称　　编号\n<　　&lt;　　&#60;\n&　　&amp;　　&#38;\n空格　&nbsp;　&#160;\n",
            "注意：XML 只有 &amp;、&lt;、&gt;、&quot; 和 &apos; 五个预定义实体。",
            "在源代码里要把 < 写成 &lt; 才能显示出来，这叫转义。",
            "网页里的不间断空格记作 &nbsp;，大于号则记作 &gt;。",
            "商標符號可以寫成 &trade; 或直接輸入。",
            "右箭头对应：&rarr;",
            "© &copy; 版权符号",
            "HTML 源码里得写 &lt;br&gt; 或 &lt;br /&gt;，浏览器才显示换行标记本身。",
            "想让读者看到 &lt;div&gt; 这几个字，网页里要用实体表示尖括号。",
            "在模板中输入 &lt;/body&gt;：",
        ] {
            assert!(flagged(text).is_empty(), "{text}");
        }
        // A naming word far before, or a reference glued to the text, is still leaked.
        assert_eq!(
            flagged("表示感谢的同时，各位&nbsp;来宾请入座。"),
            ["&nbsp;"]
        );
        assert_eq!(
            flagged("对应的文件&quot;已经&quot;删除"),
            ["&quot;", "&quot;"]
        );
        // A paragraph about terminal escape sequences does not teach HTML references.
        assert_eq!(
            flagged("檔案&#x5167;容可以用 ANSI 顏色轉義序列顯示。").len(),
            1
        );
        // Escaped tags leaked at the end of a paragraph or glued to the text stay flagged.
        assert_eq!(flagged("本条自公布之日起施行。&lt;/p&gt;\n第二条").len(), 2);
        assert_eq!(flagged("作者：王&lt;br&gt;明").len(), 2);
        assert_eq!(flagged("他写了&lt;span&gt;一封信。").len(), 2);
        // Leaked references repeat one form and sit in the text.
        assert_eq!(flagged("标题&nbsp;&nbsp;正文"), ["&nbsp;", "&nbsp;"]);
        assert_eq!(flagged("&nbsp; &nbsp; 正文开始了。").len(), 2);
        assert_eq!(
            flagged("他说&ldquo;好&rdquo;。发展实体经济&nbsp;很重要。").len(),
            3
        );
    }

    #[test]
    fn references_in_code_and_html_tutorials_stay_quiet() {
        for text in [
            "例子：<code>&#96;Hello&#96;</code>",
            "按 <kbd>Ctrl</kbd> 再按 <kbd>&gt;</kbd> 键。",
            "<pre>&lt;div&gt;&amp;nbsp;&lt;/div&gt;</pre>",
            "在 HTML 中 `&amp;` 表示和号，``&lt;`` 表示小于号。",
            "示例：\n\n    <p>&copy; 2024</p>\n\t<br>&lt;br&gt;\n\n正文。",
            "用 &lt; 表示小于号，用 &gt; 表示大于号。",
            "&nbsp; 代表不换行的空格。",
            "常用的转义字符有 &amp; 和 &quot; 两个。",
        ] {
            assert!(flagged(text).is_empty(), "{text}");
        }
        // Scraped garbage stays flagged: glued to prose, outside code, in a text about HTML.
        assert_eq!(flagged("工厂&nbsp;关闭了。`&lt;`"), ["&nbsp;"]);
        assert_eq!(flagged("&#20013;&#25991;网页").len(), 2);
        assert_eq!(flagged("正文&amp;nbsp;正文 <code>x</code>"), ["&amp;nbsp;"]);
        assert_eq!(
            flagged("本节讲解 HTML 的转义字符。\n正文&nbsp;继续"),
            ["&nbsp;"]
        );
        assert_eq!(flagged("`甲\n乙&nbsp;丙` 丁"), ["&nbsp;"]);
        // A Markdown file's fenced blocks are code too (dropped by `analysis::finish`).
        use crate::analysis::{Config, Profile, TextKind, check_with};
        let fenced = "示例：\n```html\n<p>版权&copy;2024&nbsp;</p>\n```\n正文&nbsp;继续\n";
        let config = Config::default();
        let starts: Vec<usize> = check_with(fenced, Profile::new(&config, TextKind::Markdown))
            .into_iter()
            .filter(|f| f.code == Code::HtmlEntity)
            .map(|f| f.range.start)
            .collect();
        assert_eq!(starts, [fenced.rfind("&nbsp;").unwrap()]);
        // An unclosed element or backtick run marks nothing.
        assert_eq!(flagged("<code>标题&nbsp;正文").len(), 1);
        assert_eq!(flagged("``标题&nbsp;正文`").len(), 1);
    }

    #[test]
    fn shouted_and_bare_legacy_references() {
        assert_eq!(refs("空间&NBSP;很大"), [("&NBSP;", " ".to_string())]);
        assert_eq!(refs("引号&QUOT;好"), [("&QUOT;", "\"".to_string())]);
        assert_eq!(refs("然后&nbsp安装"), [("&nbsp", " ".to_string())]);
        assert_eq!(refs("参数&lt，"), [("&lt", "<".to_string())]);
        // An indent of bare ones before a paragraph.
        assert_eq!(refs("\n&nbsp&nbsp&nbsp第二段").len(), 3);
        assert_eq!(refs("&nbsp&nbsp;正文").len(), 2);
        assert_eq!(refs("说明：\n&nbsp&nbspchroot 之后").len(), 2);
        for text in [
            "&nbsp",
            "&nbsp x",
            "a &nbsp&nbsp x",
            "写 &nbsp&nbsp&nbsp",
            "?a=1&nbsp&nbsp=2",
            "?a=1&lt=2",
            "&ltx",
            "&OMEGA;",
            "&NBSPX;",
        ] {
            assert!(refs(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn code_spans_end_at_backticks_and_line_breaks() {
        assert_eq!(refs("`&lt;` &gt;"), [("&gt;", ">".to_string())]);
        assert_eq!(refs("`未闭合\n&gt;"), [("&gt;", ">".to_string())]);
    }

    #[test]
    fn findings_carry_safe_fixes() {
        use crate::analysis::{Config, DocSummary};
        let config = Config::default();
        let text = "版权&copy;2024&nbsp;&#7;";
        let doc = Document::new(text, DocSummary::of(text), &config);
        let mut out = Vec::new();
        detect(&doc, &mut out);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].message, "HTML 实体「&copy;」应为「©」");
        assert_eq!(out[1].message, "HTML 实体「&nbsp;」应为空格");
        let (fixed, _) = crate::analysis::fix::apply_fixes(text, out.iter().flat_map(|f| &f.fixes));
        assert_eq!(fixed, "版权©2024 &#7;");
        assert!(out[2].fixes.is_empty());
    }
}
