//! Spam hosts in the text: URL-like tokens whose host reads like a gambling or porn site, or
//! a throwaway name, and plain short domains glued into Chinese sentences.

use std::ops::Range;

/// Pinyin pieces of gambling / porn domains.
const DOMAIN_WORDS: &[&str] = &[
    "casino",
    "bocai",
    "dubo",
    "yule",
    "caipiao",
    "qipai",
    "baijiale",
    "poker",
    "bet365",
    "porn",
    "xpj",
    "vns",
    "amjs",
    "weinisi",
    "taiyangcheng",
    "jinsha",
    "huangguan",
    "yinhe",
];
/// Short domain prefixes that are spam only when followed by digits (js333, hg0088).
const DOMAIN_PREFIXES: &[&str] = &[
    "js", "hg", "pj", "ag", "bet", "dc", "xpj", "vns", "yh", "tyc",
];

/// Host of a URL-like ASCII token if it looks like a gambling / porn domain.
/// With the number of sentences it must recur in.
fn spam_host(token: &str) -> Option<(&str, usize)> {
    let t = token
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    let host = t.split('/').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return None;
    }
    let tld = labels[labels.len() - 1];
    if !tld.bytes().all(|b| b.is_ascii_lowercase()) || !(2..=6).contains(&tld.len()) {
        return None;
    }
    if labels.iter().any(|l| matches!(*l, "gov" | "edu" | "mil")) {
        return None;
    }
    let name = labels[labels.len() - 2];
    let letters = name.bytes().filter(u8::is_ascii_alphabetic).count();
    let digits = name.bytes().filter(u8::is_ascii_digit).count();
    // An .org host is a project's (debian.org, gnu.org) unless its name is a number-heavy
    // throwaway (bet7722.org).
    if labels.contains(&"org") && digits < 2 {
        return None;
    }
    let wordy = DOMAIN_WORDS.iter().any(|w| name.contains(w));
    let prefixed = DOMAIN_PREFIXES.iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|r| r.len() >= 2 && r.bytes().all(|b| b.is_ascii_digit()))
    });
    if wordy || prefixed {
        return Some((host, 2));
    }
    // A made-up name mixing letters and digits (bet-9527, 8888vip; ag8 on a cheap domain);
    // counted only when it recurs in three sentences, or in two on the cheap top-level domains
    // spam hosts use (.xyz, .vip, .top). Spam
    // hosts are written in lower case; a file name (SimSun18030.ttc, c70usong.fd in a font
    // manual) is not a host.
    let known = [
        "51job", "3g", "5i5j", "51cto", "17k", "4g", "5g", "365jia", "hao123", "mp3", "mp4",
        "h264", "x86", "i18n", "l10n", "k8s", "w3",
    ];
    let lower = name.bytes().all(|b| !b.is_ascii_uppercase());
    let cheap_tld = matches!(
        tld,
        "xyz" | "vip" | "top" | "cc" | "ink" | "app" | "bet" | "club" | "win" | "fun" | "icu"
    );
    let throwaway = letters >= 1
        && digits >= if cheap_tld { 1 } else { 2 }
        && lower
        && name.len() <= 12
        && !known.contains(&name)
        && !is_file_extension(tld);
    let needed = if digits >= 2 && cheap_tld { 2 } else { 3 };
    throwaway.then_some((host, needed))
}

/// Extensions of files that documents name (fonts, TeX, documents, images, archives, code),
/// which are not top-level domains or are rarely hosts when they are.
fn is_file_extension(tld: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "ttc", "ttf", "otf", "pfb", "afm", "tfm", "fd", "vf", "map", "enc", "tex", "sty", "cls",
        "bib", "bst", "ltx", "dtx", "ins", "log", "aux", "toc", "pdf", "dvi", "ps", "eps", "txt",
        "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "png", "jpg", "jpeg", "gif", "bmp",
        "svg", "zip", "gz", "tgz", "bz2", "xz", "rar", "exe", "dll", "so", "deb", "rpm", "py",
        "js", "ts", "rs", "cpp", "hpp", "java", "lua", "pl", "rb", "sh", "html", "htm", "css",
        "json", "xml", "yaml", "yml", "toml", "ini", "cfg", "conf", "md", "mp3", "mp4", "odt",
        "ods", "odp", "odg", "rtf", "epub", "wav", "ogg", "flac", "avi", "mkv", "mov", "iso",
        "img", "bin", "dat", "db", "bak", "tmp", "jar",
    ];
    EXTENSIONS.contains(&tld)
}

/// A plain short domain (hth.com, kaiyun.com) written into Chinese sentences: its host when it
/// is glued to Han text after it and stands where a word would (after a clause break or a
/// function character), not as the object of 访问 / 登录 or inside an address.
pub(super) fn glued_domain<'a>(hay: &'a str, range: &Range<usize>) -> Option<&'a str> {
    let token = &hay[range.clone()];
    if token.contains('/') || token.starts_with("http") || token.starts_with("www.") {
        return None;
    }
    let labels: Vec<&str> = token.split('.').collect();
    let [name, tld] = labels.as_slice() else {
        return None;
    };
    let commercial = [
        "com", "net", "cc", "vip", "app", "top", "xyz", "me", "co", "io", "tv", "bet", "club",
    ];
    if !commercial.contains(tld)
        || !(2..=10).contains(&name.len())
        || !name.bytes().all(|b| b.is_ascii_lowercase())
    {
        return None;
    }
    let after = hay[range.end..].chars().next()?;
    let before = hay[..range.start].chars().next_back();
    let han = crate::analysis::script::is_han;
    let word_slot = before.is_none_or(|c| {
        matches!(c, '，' | '。' | '；' | '！' | '？' | '、' | '\n' | '）' | '」' | '”')
            // Not after 在 / 从 / 到, which take an address as their object (在github.com上).
            || "的了和与及并而且也都就又".contains(c)
    });
    (han(after) && word_slot).then_some(token)
}

/// Each maximal run of URL bytes (ASCII letters, digits, `.-/:_`) that holds a dot, in order.
fn dotted_ascii_runs(hay: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = hay.as_bytes();
    let is_url_byte =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'/' | b':' | b'_');
    let mut from = 0;
    std::iter::from_fn(move || {
        let dot = from + memchr::memchr(b'.', bytes.get(from..)?)?;
        let mut start = dot;
        while start > 0 && is_url_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = dot;
        while end < bytes.len() && is_url_byte(bytes[end]) {
            end += 1;
        }
        from = end.max(dot + 1);
        Some(start..end)
    })
}

/// Every `name.tld` ASCII token (letters, digits, dots, dashes, slashes) around a dot.
pub(super) fn domain_like_tokens(hay: &str) -> Vec<Range<usize>> {
    dotted_ascii_runs(hay)
        .filter_map(|run| {
            let token = hay[run.clone()].trim_end_matches(['.', '/', ':', '-']);
            let letters_around = token.split('.').filter(|l| !l.is_empty()).count() >= 2
                && token.bytes().any(|b| b.is_ascii_alphabetic());
            letters_around.then(|| run.start..run.start + token.len())
        })
        .collect()
}

/// URL-like ASCII tokens whose host looks like a gambling / porn site: (range, host).
pub(super) fn url_tokens(hay: &str) -> Vec<(Range<usize>, &str, usize)> {
    dotted_ascii_runs(hay)
        .filter_map(|run| {
            // Injected into a number (1www.hg0088.com997年): start at www. / http, and end
            // the host at the letters of its top-level domain.
            let text = &hay[run.clone()];
            let lead = text.find("http").or_else(|| text.find("www.")).unwrap_or(0);
            // `umask_hg5599.cc`: a host has no underscore; what is glued before it by one is
            // another word.
            let lead = match text[lead..].find('.') {
                Some(dot) => text[lead..lead + dot]
                    .rfind('_')
                    .map_or(lead, |u| lead + u + 1),
                None => lead,
            };
            let token = text[lead..].trim_end_matches(['.', '/', ':', '-']);
            let token = match token.rfind('.') {
                Some(dot) if !token[dot..].contains('/') => {
                    let letters = token[dot + 1..]
                        .bytes()
                        .take_while(u8::is_ascii_alphabetic)
                        .count();
                    &token[..dot + 1 + letters]
                }
                _ => token,
            };
            let (host, needed) = spam_host(token)?;
            let at = run.start + lead;
            Some((at..at + token.len(), host, needed))
        })
        .collect()
}
