#!/usr/bin/env python3
"""Rebuilds the source texts of the fourth held-out set (eval/build_holdout4.py).

Reads three unpacked Debian packages (`apt-get download manpages-zh fortunes-zh
debian-faq-zh-cn`, then `dpkg-deb -x PKG.deb ROOT/PKG` for each) and writes, in eval/source/:

    manpages_zh_cn.jsonl     Chinese manual pages (zh_CN, Simplified): the prose of each page
    manpages_zh_tw.jsonl     the zh_TW pages (Traditional, Taiwan wording), other commands
                             than the zh_CN file so that no text appears twice
    debian_faq_zh_cn.jsonl   the Debian FAQ in Simplified Chinese, one section per record
    fortunes_zh.jsonl        fortunes-zh's `chinese` file: proverbs, 论语, 菜根谭, 增广贤文,
                             道德经, 詩經 (Traditional), quotations from modern books; the
                             entries quoting the Debian Reference (used elsewhere as a
                             probe) are skipped

one {"source", "script", "text"} object per page (title, then one paragraph or item per
line; fortunes keep their own line breaks inside a U+2028-joined element). troff and HTML
markup are stripped with small hand-written parsers; paragraphs that are mostly English,
program listings (.nf/.fi, <pre>) and anything already containing garble-like characters
are dropped. See eval/SOURCES.md for the licences.

usage: extract_holdout4.py ROOT   (ROOT holds manpages-zh/, fortunes-zh/, debian-faq-zh-cn/)
"""
import glob
import gzip
import html
import json
import os
import re
import sys

OUT = os.path.dirname(os.path.abspath(__file__))
BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff\u00ad\ue000-\uf8ff\ufffd]"
    "|&[a-zA-Z]+;?|&#x?[0-9a-fA-F]+;?|锟斤拷|烫烫|屯屯"
)
SEP = "\u2028"


def han_share(t):
    return sum(1 for c in t if "\u4e00" <= c <= "\u9fff") / max(1, len(t))


def is_cjk(c):
    return "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"


def join_lines(parts):
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(p[0])):
            out += " "
        out += p
    return re.sub(r"[ \t]+", " ", out).strip()


# ---------------------------------------------------------------- man pages

ESCAPES = [
    (r"\\f\([A-Z]{2}", ""),
    (r"\\f\[[A-Za-z]*\]", ""),
    (r"\\f[BIRPC1-4]", ""),
    (r"\\s[+-]?\d", ""),
    (r"\\\(em", "—"),
    (r"\\\(en", "–"),
    (r"\\\(lq", "“"),
    (r"\\\(rq", "”"),
    (r"\\\(co", "©"),
    (r"\\\(bu", "·"),
    (r"\\\(aq", "'"),
    (r"\\\([a-z]{2}", ""),
    (r"\\\*\(..", ""),
    (r"\\\*.", ""),
    (r"\\-", "-"),
    (r"\\&", ""),
    (r"\\e", "\\\\"),
    (r"\\ ", " "),
    (r"\\\|", ""),
    (r"\\\^", ""),
    (r"\\c$", ""),
    (r"\\\"$", ""),
]
ESCAPES = [(re.compile(a), b) for a, b in ESCAPES]
FONT_MACROS = {"B", "I", "SM", "SB"}
ALT_MACROS = {"BR", "RB", "IR", "RI", "BI", "IB"}
BREAKS = {"PP", "P", "LP", "sp", "br", "IP", "TP", "HP", "RS", "RE", "SS", "SH", "TH", "in", "ti", "nf", "fi", "ns", "Sp"}


def unescape_troff(s):
    s = s.replace("\\\\", "\x01")
    for rx, rep in ESCAPES:
        s = rx.sub(rep, s)
    return s.replace("\x01", "\\").replace('\\"', '"')


def macro_args(rest):
    args = re.findall(r'"([^"]*)"|(\S+)', rest)
    return [a or b for a, b in args]


def parse_man(text):
    """Title (NAME line) and prose paragraphs of one man page."""
    paras, cur, title = [], [], None
    section = ""
    nofill = False
    tp_tag_next = False
    for raw in text.split("\n"):
        if raw.startswith('.\\"') or raw.startswith("'\\\"") or raw.startswith('\\"'):
            continue
        if raw.startswith(".") or raw.startswith("'"):
            m = re.match(r"[.'](\S+)\s*(.*)", raw)
            if not m:
                continue
            name, rest = m.group(1), m.group(2)
            if name == "nf":
                nofill = True
            elif name == "fi":
                nofill = False
            if name in BREAKS:
                if cur:
                    paras.append(("p", section, join_lines(cur)))
                    cur = []
                if name == "SH":
                    section = unescape_troff(" ".join(macro_args(rest)))
                    paras.append(("h", section, section))
                elif name == "SS":
                    paras.append(("h", section, unescape_troff(" ".join(macro_args(rest)))))
                elif name == "TP":
                    tp_tag_next = True
                continue
            if nofill:
                continue
            if name in FONT_MACROS:
                cur.append(unescape_troff(" ".join(macro_args(rest))))
            elif name in ALT_MACROS:
                cur.append(unescape_troff("".join(macro_args(rest))))
            if tp_tag_next:
                tp_tag_next = False
                if cur:
                    cur[-1] = cur[-1] + "："
            continue
        if nofill:
            continue
        line = unescape_troff(raw)
        cur.append(line)
        if tp_tag_next:
            tp_tag_next = False
            cur[-1] = cur[-1] + "："
    if cur:
        paras.append(("p", section, join_lines(cur)))
    out = []
    for kind, sec, p in paras:
        if kind == "p" and sec.upper() in ("NAME", "名称", "名稱") and title is None:
            title = p.replace(" - ", " — ", 1)
            continue
        out.append((kind, p))
    return title, out


def man_records(root, lang, script, skip_names):
    recs = []
    for path in sorted(glob.glob(f"{root}/manpages-zh/usr/share/man/{lang}/man*/*.gz")):
        name = os.path.basename(path)[:-3]
        if name in skip_names:
            continue
        try:
            text = gzip.open(path).read().decode("utf-8")
        except UnicodeDecodeError:
            continue
        if text.startswith(".so "):
            continue
        title, paras = parse_man(text)
        if not title or han_share(title) < 0.15:
            continue
        lines = [title]
        for kind, p in paras:
            p = p.strip().rstrip("：")
            if not p or BAD.search(p):
                continue
            if kind == "h":
                if han_share(p) >= 0.5 and len(p) <= 12:
                    lines.append(p)
                continue
            if han_share(p) < 0.3 or len(p) < 12 or "\\" in p:
                continue
            lines.append(p)
        # headings with nothing under them, and empty credit placeholders, go
        lines = [l for l in lines if not re.fullmatch(r"[”“\"]*\[[^\]]*\][”“\"]*", l)]
        lines = [l for i, l in enumerate(lines) if i == 0 or len(l) > 12 or l.endswith("。")
                 or (i + 1 < len(lines) and len(lines[i + 1]) > 12)]
        body = [l for l in lines[1:] if len(l) > 20]
        if len(body) < 2:
            continue
        text = "\n".join(lines)
        if len(text.encode()) > 6000:
            # keep whole paragraphs up to about 6 kB
            keep, size = [], 0
            for l in lines:
                size += len(l.encode()) + 1
                if size > 6000 and len(keep) > 3:
                    break
                keep.append(l)
            text = "\n".join(keep)
        recs.append({"source": f"manpages-zh:{lang}/{name}", "script": script, "text": text, "_name": name})
    return recs


# ---------------------------------------------------------------- Debian FAQ


def faq_records(root):
    recs = []
    paths = sorted(glob.glob(f"{root}/debian-faq-zh-cn/usr/share/doc/debian/FAQ/zh-cn/*.zh-cn.html"))
    for path in paths:
        if os.path.basename(path).startswith("index"):
            continue
        t = open(path, encoding="utf-8").read()
        t = re.sub(r"<pre.*?</pre>", "\n", t, flags=re.S)
        t = re.sub(r'<div class="(navheader|navfooter|toc)".*?</div>', "", t, flags=re.S)
        t = re.sub(r'<dl class="toc">.*?</dl>', "", t, flags=re.S)
        # split into sections at <h2>
        chunks = re.split(r'<h[23] class="title">', t)
        for chunk in chunks[1:]:
            head, _, body = chunk.partition("</h")
            title = html.unescape(re.sub(r"<[^>]+>", "", head)).strip()
            title = re.sub(r"\s+", " ", title)
            lines = [title]
            for block in re.findall(r"<(?:p|li|dt)\b[^>]*>(.*?)</(?:p|li|dt)>", body, flags=re.S):
                if "<p" in block:
                    block = block.split("<p", 1)[0]
                s = html.unescape(re.sub(r"<[^>]+>", "", block))
                s = join_lines(s.split("\n"))
                if not s or BAD.search(s) or han_share(s) < 0.25 or len(s) < 10:
                    continue
                lines.append(s)
            if len(lines) < 3 or BAD.search(title):
                continue
            recs.append({
                "source": f"debian-faq-zh-cn:{os.path.basename(path)}#{title.split(' ')[0]}",
                "script": "simplified",
                "text": "\n".join(lines),
            })
    return recs


# ---------------------------------------------------------------- fortunes


def fortune_records(root):
    raw = open(f"{root}/fortunes-zh/usr/share/games/fortunes/chinese", encoding="utf-8").read()
    raw = re.sub(r"\x1b\[[0-9;]*m", "", raw)
    recs = []
    for i, entry in enumerate(raw.split("\n%\n")):
        entry = entry.strip("\n")
        if not entry.strip() or "Osamu Aoki" in entry or "Debian 参考" in entry:
            continue
        lines = [l.strip() for l in entry.split("\n")]
        lines = [l for l in lines if l]
        if not lines or BAD.search(entry) or han_share(entry) < 0.3:
            continue
        trad = any(c in entry for c in "詩經說於們與這個為無來時")
        recs.append({
            "source": f"fortunes-zh:chinese#{i}",
            "script": "traditional" if trad else "simplified",
            "text": SEP.join(lines),
        })
    return recs


def write(name, recs):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for r in recs:
            r = {k: v for k, v in r.items() if not k.startswith("_")}
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(name, len(recs), sum(len(r["text"].encode()) for r in recs), "bytes")


def main():
    root = sys.argv[1]
    cn = man_records(root, "zh_CN", "simplified", set())
    # pages with the same text under several names (vim, rview, ex…) form one group; every
    # other group goes to the Traditional file instead, so no text is used twice
    groups = {}
    for r in cn:
        groups.setdefault(r["text"], []).append(r["_name"])
    reps = sorted(names[0] for names in groups.values())
    tw_reps = set(reps[1::2])
    cn_reps = set(reps[0::2])
    tw_all = {n for names in groups.values() for n in names if names[0] in tw_reps}
    cn = [r for r in cn if r["_name"] in cn_reps]
    tw = man_records(root, "zh_TW", "traditional", {n for names in groups.values() for n in names} - tw_all)
    # and a page whose command and section the zh_CN file already has (vim under rgview)
    def key(r):
        return r["text"].split("\n")[0].split(" — ")[0].strip() + "." + r["_name"].split(".")[-1]

    seen = {key(r) for r in cn}
    tw_unique = []
    for r in tw:
        if r["text"] not in seen and key(r) not in seen:
            seen.add(r["text"])
            seen.add(key(r))
            tw_unique.append(r)
    tw = tw_unique
    write("manpages_zh_cn.jsonl", cn)
    write("manpages_zh_tw.jsonl", tw)
    write("debian_faq_zh_cn.jsonl", faq_records(root))
    write("fortunes_zh.jsonl", fortune_records(root))


if __name__ == "__main__":
    main()
