#!/usr/bin/env python3
"""Builds eval/holdout5.jsonl, jiaodui's fifth (blind) held-out evaluation set.

Same schema as eval/labelled.jsonl (see eval/README.md): one JSON object a line, {"id",
"source", "script", "text", "labels": [{"kind", "byte_start", "byte_end"}]}, UTF-8 byte
offsets, end exclusive.

* prose that no earlier set uses (eval/source/, rebuilt by source/extract_holdout5.py): the
  Criminal Law of the PRC (legal-documents-cn; chapters, sections and 第X条 articles, about
  two in five served converted to Traditional character by character), the Debian Reference
  and the Debian New Maintainers' Guide in Traditional Chinese (Taiwan wording), and the
  Debian installation guide in Simplified Chinese (a quarter served converted to
  Traditional).
* injections written for this file only, without reading the detectors or the earlier
  generators: mojibake by real codec round trips (UTF-8 read as GBK, GB18030, Big5, cp1252,
  Shift_JIS, EUC-KR, cp1251, KOI8-R, Mac Roman, cp437; GBK read as Big5, cp1252, Latin-1,
  EUC-KR; Big5 read as GBK, cp1252; UTF-8 read as GBK twice and as cp1252 twice) on a word,
  a clause, a line tail, a whole paragraph or the title; replacement runs (U+FFFD, 锟斤拷,
  烫 / 屯); controls; invisible characters; private-use glyphs (font-obfuscated digits and
  common characters, Wingdings bullets, plane 15); HTML entities; inline pinyin of new shapes;
  page chrome of a law portal, a Linux blog, a Taiwan learning site and a Hong Kong news
  site; appended lists of new shapes (place + legal / IT services, Taiwan and Hong Kong
  districts, tag rows, numbered runs, blocks); keyword injection of invented brands and
  domains.
* about 150 clean documents, many with near misses of their own classes.

Python 3 standard library only, deterministic:

    python3 eval/build_holdout5.py [--stats] [--out PATH]
"""

import argparse
import os
import random
import re
import unicodedata

from evalkit import HERE, KINDS, SRC, load_jsonl, load_table, print_stats, write_jsonl

SEED = 5_2026_1126

NEAR = "near"  # a near-miss segment: never labelled, never injected into

# ---------------------------------------------------------------- tables


ST = load_table("STCharacters.txt", str.split)
TS = load_table("TSCharacters.txt", str.split)
TRAD_ONLY = {k for k in TS if len(k) == 1 and k not in {x for v in TS.values() for x in v}}
SIMP_ONLY = {k for k in ST if len(k) == 1 and k not in {x for v in ST.values() for x in v}}
READINGS = {}
with open(os.path.join(SRC, "readings.txt"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or "\t" not in line:
            continue
        k, v = line.rstrip("\n").split("\t", 1)
        READINGS[k] = v.split(",")
with open(os.path.join(SRC, "gazetteer.txt"), encoding="utf-8") as f:
    GAZETTEER = [l.strip() for l in f if l.strip() and not l.startswith("#")]


def to_trad(s):
    """Careless character-by-character Simplified -> Traditional (first candidate)."""
    return "".join(ST[c][0] if c in ST else c for c in s)


def is_han(c):
    return "\u4e00" <= c <= "\u9fff"


TONES = {"ā": ("a", 1), "á": ("a", 2), "ǎ": ("a", 3), "à": ("a", 4), "ē": ("e", 1), "é": ("e", 2),
         "ě": ("e", 3), "è": ("e", 4), "ī": ("i", 1), "í": ("i", 2), "ǐ": ("i", 3), "ì": ("i", 4),
         "ō": ("o", 1), "ó": ("o", 2), "ǒ": ("o", 3), "ò": ("o", 4), "ū": ("u", 1), "ú": ("u", 2),
         "ǔ": ("u", 3), "ù": ("u", 4), "ǖ": ("v", 1), "ǘ": ("v", 2), "ǚ": ("v", 3), "ǜ": ("v", 4),
         "ü": ("v", 5), "ń": ("n", 2), "ň": ("n", 3), "ǹ": ("n", 4), "ḿ": ("m", 2)}


def tone_number(r):
    out, tone = [], 5
    for c in r:
        if c in TONES:
            base, t = TONES[c]
            out.append(base)
            if t != 5:
                tone = t
        else:
            out.append(c)
    return "".join(out) + str(tone)


def toneless(r):
    return "".join(TONES[c][0] if c in TONES and TONES[c][0] != "v" else ("u" if c in TONES else c) for c in r)


# ---------------------------------------------------------------- document model


class Line:
    def __init__(self, text, role="body", kind=None):
        self.segs = [[text, None]] if text else []
        self.role = role  # title, heading, body, chrome, list, blank, near
        self.kind = kind  # a whole-line label

    def text(self):
        return "".join(s for s, _ in self.segs)


class Doc:
    def __init__(self, source, script, title, paras, rng):
        self.source, self.script = source, script
        self.lines = [Line(title, "title")]
        self.eol = "\r\n" if rng.random() < 0.05 else "\n"
        gap = rng.random() < 0.5
        indent = rng.choice(["", "", "\u3000\u3000", "  "])
        for kind, p in paras:
            if gap:
                self.lines.append(Line("", "blank"))
            if kind == "heading":
                self.lines.append(Line(p, "heading"))
            elif kind == "near":
                ln = Line("", "near")
                ln.segs = [[indent + p, NEAR]] if p else []
                self.lines.append(ln)
            else:
                self.lines.append(Line(indent + p, "body"))
        self.indent = indent
        self.injected = []  # (kind, text) for the self-check

    def title_index(self):
        return next(i for i, l in enumerate(self.lines) if l.role == "title")

    def finalize(self):
        text_parts, labels = [], []
        pos = 0
        expected = []
        for i, ln in enumerate(self.lines):
            if i:
                text_parts.append(self.eol)
                pos += len(self.eol.encode())
            start = pos
            run_kind, run_start, run_text = None, None, ""
            for s, k in ln.segs:
                b = len(s.encode())
                lk = k if k in KINDS else None
                if lk != run_kind:
                    if run_kind:
                        labels.append({"kind": run_kind, "byte_start": run_start, "byte_end": pos})
                        expected.append(run_text)
                    run_kind, run_start, run_text = lk, pos, ""
                run_text += s
                text_parts.append(s)
                pos += b
            if run_kind:
                labels.append({"kind": run_kind, "byte_start": run_start, "byte_end": pos})
                expected.append(run_text)
            if ln.kind and pos > start:
                labels.append({"kind": ln.kind, "byte_start": start, "byte_end": pos})
                expected.append(ln.text())
        text = "".join(text_parts)
        b = text.encode("utf-8")
        for l, e in zip(labels, expected):
            assert b[l["byte_start"]:l["byte_end"]].decode("utf-8") == e
        # every injected string is inside the text of a label of its kind
        # (an injected chrome or list line may since carry inline pinyin: compare without it)
        plain = [e for e in expected]
        for j, l in enumerate(labels):
            plain[j] = re.sub(r"[(（][a-zü0-9āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]+[)）]", "", expected[j])
        for k, s in self.injected:
            s = re.sub(r"[(（][a-zü0-9āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]+[)）]", "", s) if k != "garble/inline-pinyin" else s
            assert any(l["kind"] == k and (s in expected[j] or s in plain[j]) for j, l in enumerate(labels)), (k, s)
        labels.sort(key=lambda l: (l["byte_start"], -l["byte_end"], l["kind"]))
        return text, labels


def none_segments(doc, roles=("body",)):
    """(line, seg index) of unlabelled segments in lines of the given roles."""
    out = []
    for ln in doc.lines:
        if ln.role in roles:
            for i, (s, k) in enumerate(ln.segs):
                if k is None and s:
                    out.append((ln, i))
    return out


def splice(ln, i, a, b, new, kind):
    s = ln.segs[i][0]
    parts = []
    if s[:a]:
        parts.append([s[:a], None])
    if new:
        parts.append([new, kind])
    if s[b:]:
        parts.append([s[b:], None])
    ln.segs[i:i + 1] = parts


def han_runs(s, lo, hi):
    return [(m.start(), m.end()) for m in re.finditer("[\u4e00-\u9fff]{%d,%d}" % (lo, hi), s)]


def pick_han(doc, rng, lo, hi, roles=("body",)):
    cands = []
    for ln, i in none_segments(doc, roles):
        for a, e in han_runs(ln.segs[i][0], lo, 400):
            cands.append((ln, i, a, e))
    if not cands:
        return None
    ln, i, a, e = rng.choice(cands)
    n = rng.randint(lo, min(hi, e - a))
    a2 = rng.randint(a, e - n)
    return ln, i, a2, a2 + n


# ---------------------------------------------------------------- prose


def law_docs(rng, n):
    groups = load_jsonl("criminal_law_cn.jsonl")
    out = []
    for _ in range(n):
        g = rng.choice(groups)
        arts = g["articles"]
        k = rng.randint(2, min(7, len(arts)))
        s = rng.randint(0, len(arts) - k)
        keep_names = rng.random() < 0.5
        paras = []
        title_lines = g["title"].split("\n")
        for t in title_lines[1:]:
            paras.append(("heading", t))
        for num, body in arts[s:s + k]:
            if not keep_names:
                body = re.sub(r"^【[^】]*】", "", body)
            first, *rest = body.split("\n")
            paras.append(("body", num + rng.choice(["\u3000", "\u3000", " "]) + first))
            for r in rest:
                if r.strip():
                    paras.append(("body", r.strip()))
        title = rng.choice(["中华人民共和国刑法　", "《中华人民共和国刑法》", "刑法条文："]) + title_lines[0]
        out.append(("criminal_law_cn", title, paras))
    return out


def docbook_docs(rng, name, n):
    secs = load_jsonl(name)
    out = []
    for _ in range(n):
        j = rng.randrange(len(secs))
        sec = secs[j]
        paras = [("body", p) for p in sec["paras"][: rng.randint(2, 7)]]
        if rng.random() < 0.3 and j + 1 < len(secs):
            nxt = secs[j + 1]
            paras.append(("heading", nxt["title"]))
            paras += [("body", p) for p in nxt["paras"][: rng.randint(1, 4)]]
        out.append((name.replace(".jsonl", ""), sec["title"], paras))
    return out


# ---------------------------------------------------------------- garbles

PAIRS = [
    ("utf-8", "gbk"), ("utf-8", "gbk"), ("utf-8", "gbk"), ("utf-8", "gb18030"), ("utf-8", "big5"),
    ("utf-8", "cp1252"), ("utf-8", "cp1252"), ("utf-8", "shift_jis"), ("utf-8", "euc_kr"),
    ("utf-8", "cp1251"), ("utf-8", "koi8_r"), ("utf-8", "mac_roman"), ("utf-8", "cp437"),
    ("gbk", "big5"), ("gbk", "big5"), ("big5", "gbk"), ("big5", "gbk"), ("gbk", "cp1252"),
    ("gbk", "latin-1"), ("gbk", "euc_kr"), ("big5", "cp1252"),
    ("utf-8>gbk", "x2"), ("utf-8>cp1252", "x2"),
]
USED_PAIRS = {}
BAD = re.compile("[\x00-\x1f\x7f-\x9f\ufffd\u200b-\u200f\u2028-\u206f\ufeff\u00ad\ue000-\uf8ff]")


def garble_codec(s, pair):
    enc, dec = pair
    if dec == "x2":
        e, d = enc.split(">")
        once = s.encode("utf-8").decode(d)
        return once.encode("utf-8").decode(d)
    return s.encode(enc).decode(dec)


def try_mojibake(s, pair):
    try:
        out = garble_codec(s, pair)
    except (UnicodeError, LookupError):
        return None
    if out == s or BAD.search(out) or "\n" in out:
        return None
    return out


def mojibake_span(doc, rng, shape):
    """(line, seg, start, end) of a stretch to re-decode, or None."""
    if shape == "title":
        cands = none_segments(doc, ("title",))
        if not cands:
            return None
        ln, i = cands[0]
        s = ln.segs[i][0]
        a, e = 0, len(s)
        if rng.random() < 0.4:
            hr = han_runs(s, 2, 400)
            if hr:
                a, e = rng.choice(hr)
        return ln, i, a, e
    if shape == "word":
        return pick_han(doc, rng, 2, 5)
    cands = none_segments(doc)
    if not cands:
        return None
    ln, i = rng.choice(cands)
    s = ln.segs[i][0]
    if shape == "para":
        a, e = 0, len(s)
        if e > 260:
            e = 260
    else:
        cuts = [m.end() for m in re.finditer("[，。；：、]", s)]
        if not cuts:
            return None
        if shape == "tail":
            a, e = rng.choice(cuts), len(s)
        else:
            bounds = [0] + cuts
            k = rng.randrange(len(bounds))
            a = bounds[k]
            e = bounds[k + 1] - 1 if k + 1 < len(bounds) else len(s)
    return ln, i, a, e


def inj_mojibake(doc, rng):
    """Re-decodes a word, a clause, a line tail, a paragraph or the title through one codec pair.

    Only strict round trips: where the decoder would choke (an odd byte left at the end of a
    GBK reading, a byte cp1252 leaves undefined) the span is shortened by a character or two,
    as a page would have shown a different cut."""
    shape = rng.choice(["word", "word", "clause", "clause", "tail", "para", "title"])
    pair = rng.choice(PAIRS)
    for attempt in range(80):
        if attempt == 40:
            pair = rng.choice(PAIRS)
        p = mojibake_span(doc, rng, shape if attempt < 60 else "word")
        if not p:
            continue
        ln, i, a, e = p
        s = ln.segs[i][0]
        # ASCII maps to itself in every pair: the label starts and ends at a re-decoded character
        while a < e and (s[a] < "\x80" or s[a].isspace()):
            a += 1
        while e > a and (s[e - 1] < "\x80" or s[e - 1].isspace()):
            e -= 1
        for cut in range(0, 4):
            e2 = e - cut
            if e2 - a < 2 or not any(is_han(c) for c in s[a:e2]):
                break
            while e2 > a and (s[e2 - 1] < "\x80" or s[e2 - 1].isspace()):
                e2 -= 1
            out = try_mojibake(s[a:e2], pair) if e2 - a >= 2 else None
            if out is not None and out[0] != s[a] and out[-1] != s[e2 - 1] and not (out[0] + out[-1]).isspace() \
                    and not out[0].isspace() and not out[-1].isspace():
                splice(ln, i, a, e2, out, "garble/mojibake")
                doc.injected.append(("garble/mojibake", out))
                USED_PAIRS[pair] = USED_PAIRS.get(pair, 0) + 1
                return True
    return False


def inj_replacement(doc, rng):
    n = rng.randint(1, 3)
    done = 0
    for _ in range(n):
        form = rng.choice(["fffd", "fffd", "fffd2", "kun", "tang", "tun", "tail", "title"])
        roles = ("title",) if form == "title" else ("body",)
        p = pick_han(doc, rng, 1, 4, roles)
        if not p:
            continue
        ln, i, a, e = p
        k = e - a
        if form in ("fffd", "title"):
            new = "\ufffd" * k
        elif form == "fffd2":
            new = "\ufffd" * (2 * k) if rng.random() < 0.5 else "\ufffd" * (3 * k)
        elif form == "kun":
            new = "锟斤拷" * max(1, k // 2) + rng.choice(["", "", "锟"])
        elif form == "tang":
            new = "烫" * rng.randint(3, 10)
        elif form == "tun":
            new = "屯" * rng.randint(3, 10)
        else:  # a line whose end was cut and padded
            s = ln.segs[i][0]
            a, e = max(len(s) - rng.randint(1, 6), 0), len(s)
            if not s[a:e].strip():
                continue
            new = rng.choice(["烫", "屯", "\ufffd"]) * rng.randint(4, 16)
        splice(ln, i, a, e, new, "garble/replacement")
        doc.injected.append(("garble/replacement", new))
        done += 1
    return done > 0


C0 = [chr(c) for c in range(1, 32) if c not in (9, 10, 13, 27)]
C1 = [chr(c) for c in range(0x80, 0xA0)]


def inj_control(doc, rng):
    n = rng.randint(1, 4)
    done = 0
    for _ in range(n):
        p = pick_han(doc, rng, 2, 2)
        if not p:
            continue
        ln, i, a, e = p
        form = rng.random()
        if form < 0.35:
            new = rng.choice(C0)
        elif form < 0.55:
            new = "".join(rng.choice(C0) for _ in range(rng.randint(2, 4)))
        elif form < 0.75:
            new = rng.choice(C1) * rng.randint(1, 2)
        elif form < 0.85:
            new = rng.choice(["\x00", "\x7f", "\x08\x08", "\x0c"])
        else:
            # a terminal colour code left in pasted text: ESC [ ... m
            new = "\x1b[" + rng.choice(["1;32m", "0m", "31m", "1m", "0;33m"])
        splice(ln, i, a + 1, a + 1, new, "garble/control")
        doc.injected.append(("garble/control", new))
        done += 1
    return done > 0


ZW = ["\u200b", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def inj_zero_width(doc, rng):
    form = rng.random()
    done = 0
    if form < 0.2:
        # soft hyphens inside Latin words
        for ln, i in none_segments(doc):
            s = ln.segs[i][0]
            m = re.search(r"[A-Za-z]{6,}", s)
            if m and rng.random() < 0.7:
                cut = m.start() + rng.randint(2, len(m.group()) - 2)
                splice(ln, i, cut, cut, "\u00ad", "garble/zero-width")
                doc.injected.append(("garble/zero-width", "\u00ad"))
                done += 1
                if done >= 3:
                    break
        if done:
            return True
    if form < 0.4:
        # every character of one word split by an invisible character
        p = pick_han(doc, rng, 3, 5)
        if p:
            ln, i, a, e = p
            z = rng.choice(ZW)
            s = ln.segs[i][0]
            word = s[a:e]
            pieces = []
            for j, c in enumerate(word):
                pieces.append([c, None])
                if j < len(word) - 1:
                    pieces.append([z, "garble/zero-width"])
            ln.segs[i:i + 1] = ([[s[:a], None]] if a else []) + pieces + ([[s[e:], None]] if s[e:] else [])
            doc.injected.append(("garble/zero-width", z))
            return True
    for _ in range(rng.randint(1, 5)):
        p = pick_han(doc, rng, 2, 2)
        if not p:
            continue
        ln, i, a, e = p
        new = "".join(rng.choice(ZW) for _ in range(rng.choice([1, 1, 1, 2, 3])))
        splice(ln, i, a + 1, a + 1, new, "garble/zero-width")
        doc.injected.append(("garble/zero-width", new))
        done += 1
    return done > 0


def inj_private_use(doc, rng):
    form = rng.random()
    if form < 0.35:
        # anti-scraping font: digits drawn from private-use code points, one mapping per page
        base = rng.randrange(0xE000, 0xF800, 16)
        mapping = {str(d): chr(base + rng.randrange(16)) for d in range(10)}
        done = 0
        for ln, i in none_segments(doc):
            s = ln.segs[i][0]
            m = re.search(r"\d+", s)
            if m:
                new = "".join(mapping[c] for c in m.group())
                splice(ln, i, m.start(), m.end(), new, "garble/private-use")
                doc.injected.append(("garble/private-use", new))
                done += 1
                if done >= 3:
                    break
        if done:
            return True
    if form < 0.65:
        # font obfuscation of common characters: one Han character becomes a glyph id
        base = rng.randrange(0xE100, 0xF700)
        done = 0
        for _ in range(rng.randint(2, 6)):
            p = pick_han(doc, rng, 1, 1)
            if not p:
                break
            ln, i, a, e = p
            new = chr(base + rng.randrange(200))
            splice(ln, i, a, e, new, "garble/private-use")
            doc.injected.append(("garble/private-use", new))
            done += 1
        return done > 0
    if form < 0.85:
        # Word's Symbol-font bullets pasted at the start of paragraphs
        bullet = rng.choice(["\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc"])
        done = 0
        for ln in doc.lines:
            if ln.role == "body" and ln.segs and ln.segs[0][1] is None and rng.random() < 0.5:
                s = ln.segs[0][0]
                a = len(s) - len(s.lstrip(" \u3000"))
                splice(ln, 0, a, a, bullet + rng.choice(["", " ", "\t"]), None)
                # re-split so that only the bullet is labelled
                s2 = ln.segs[0][0] if ln.segs[0][1] is None else None
                idx = next(j for j, sg in enumerate(ln.segs) if sg[0].startswith(bullet))
                sg = ln.segs[idx][0]
                ln.segs[idx:idx + 1] = [[bullet, "garble/private-use"]] + ([[sg[1:], None]] if sg[1:] else [])
                doc.injected.append(("garble/private-use", bullet))
                done += 1
        return done > 0
    p = pick_han(doc, rng, 1, 2)
    if not p:
        return False
    ln, i, a, e = p
    new = "".join(chr(rng.randrange(0xF0000, 0xFFFFE)) for _ in range(e - a))
    splice(ln, i, a, e, new, "garble/private-use")
    doc.injected.append(("garble/private-use", new))
    return True


NAMED = {"“": ["&ldquo;", "&#8220;", "&#x201C;"], "”": ["&rdquo;", "&#8221;", "&#x201d;"],
         "·": ["&middot;", "&#183;"], "—": ["&mdash;", "&#8212;"], "…": ["&hellip;", "&#8230;"],
         "《": ["&#12298;"], "》": ["&#12299;"], "「": ["&#x300C;"], "」": ["&#x300D;"],
         "、": ["&#12289;"], "（": ["&#65288;"], "）": ["&#65289;"]}


def inj_html_entity(doc, rng):
    form = rng.random()
    done = 0
    if form < 0.3:
        ind = rng.choice(["&nbsp;" * 4, "&nbsp;" * 2, "&emsp;&emsp;", "&#12288;&#12288;", "&ensp;&ensp;",
                          "&nbsp&nbsp&nbsp&nbsp", "&amp;nbsp;&amp;nbsp;", "&#160;&#160;&#160;&#160;"]).strip()
        for ln in doc.lines:
            if ln.role == "body" and ln.segs and ln.segs[0][1] is None and rng.random() < 0.6:
                s = ln.segs[0][0]
                a = len(s) - len(s.lstrip(" \u3000"))
                splice(ln, 0, 0, a, ind, "garble/html-entity")
                doc.injected.append(("garble/html-entity", ind))
                done += 1
        if done:
            return True
    if form < 0.55:
        for ln, i in none_segments(doc, ("body", "title", "heading")):
            s = ln.segs[i][0]
            hits = [(m.start(), m.group()) for m in re.finditer("[“”·—…《》「」、（）]", s)]
            if hits and rng.random() < 0.7:
                a, c = rng.choice(hits)
                new = rng.choice(NAMED[c])
                if rng.random() < 0.2:
                    new = new.replace("&", "&amp;", 1)
                splice(ln, i, a, a + 1, new, "garble/html-entity")
                doc.injected.append(("garble/html-entity", new))
                done += 1
                if done >= 4:
                    break
        if done:
            return True
    if form < 0.8:
        for _ in range(rng.randint(1, 3)):
            p = pick_han(doc, rng, 1, 2)
            if not p:
                break
            ln, i, a, e = p
            s = ln.segs[i][0]
            style = rng.choice(["dec", "hex", "HEX"])
            new = "".join({"dec": "&#%d;" % ord(c), "hex": "&#x%x;" % ord(c), "HEX": "&#x%X;" % ord(c)}[style]
                          for c in s[a:e])
            splice(ln, i, a, e, new, "garble/html-entity")
            doc.injected.append(("garble/html-entity", new))
            done += 1
        return done > 0
    # escaped markup left at paragraph ends
    tag = rng.choice(["&lt;br&gt;", "&lt;br /&gt;", "&lt;/p&gt;", "&amp;lt;br&amp;gt;", "&lt;/span&gt;&lt;/p&gt;"])
    for ln in doc.lines:
        if ln.role == "body" and ln.segs and ln.segs[-1][1] is None and rng.random() < 0.5:
            s = ln.segs[-1][0]
            ln.segs[-1:] = [[s, None], [tag, "garble/html-entity"]]
            doc.injected.append(("garble/html-entity", tag))
            done += 1
    return done > 0


def inj_pinyin(doc, rng, form=None):
    chars = TRAD_ONLY if doc.script == "traditional" else SIMP_ONLY
    present = sorted({c for ln in doc.lines for s, k in ln.segs if k is None for c in s if c in chars and c in READINGS})
    if len(present) < 3:
        return False
    share = rng.uniform(0.3, 0.7)
    chosen = {c for c in present if rng.random() < share}
    half = rng.random() < 0.25
    form = form or rng.choice(["mark", "mark", "mark", "full", "num", "none"])
    if doc.script == "simplified" and form == "mark":
        form = rng.choice(["full", "num", "mark"])
    done = 0
    for ln in doc.lines:
        new = []
        for s, k in ln.segs:
            if k is not None:
                new.append([s, k])
                continue
            buf = ""
            for c in s:
                buf += c
                if c in chosen and (not half or rng.random() < 0.5):
                    rds = READINGS[c]
                    r = rds[0] if rng.random() < 0.92 else rng.choice(rds)
                    if form == "num":
                        r = tone_number(r)
                    elif form == "none":
                        r = toneless(r)
                    ann = ("（%s）" if form == "full" else "(%s)") % r
                    new.append([buf, None])
                    new.append([ann, "garble/inline-pinyin"])
                    doc.injected.append(("garble/inline-pinyin", ann))
                    buf = ""
                    done += 1
            if buf:
                new.append([buf, None])
        ln.segs = new
    return done > 0


# ---------------------------------------------------------------- spam

SITES_S = [
    {
        "name": "律云法规网",
        "head": [
            "律云法规网 ｜ 法律法规 ｜ 司法解释 ｜ 裁判文书 ｜ 律师在线",
            "您好，欢迎访问律云法规网！ [请登录] [免费注册]",
            "所在位置：法规首页 ＞＞ 刑事法律 ＞＞ 正文",
            "浏览字号：大 ｜ 中 ｜ 小",
            "发布：律云编辑部　阅读量：{n}　收藏 ☆",
            "手机扫码继续阅读本页",
        ],
        "foot": [
            "【打印此页】　【关闭窗口】　【返回顶部】",
            "上一条：{prev}",
            "下一条：{next}",
            "版权所有：律云法规网 2009-2025　京ICP备09083215号-3",
            "京公网安备 11010802031276号",
            "本站部分内容来源于网络，如有侵权请联系删除。",
            "分享到：QQ好友　微信　微博　豆瓣",
            "扫码下载律云APP，随时随地查法规",
            "关于我们 | 联系我们 | 广告服务 | 友情链接 | 网站地图",
        ],
    },
    {
        "name": "码农驿站",
        "head": [
            "码农驿站 — 专注 Linux 运维十年",
            "首页 · 教程 · 问答 · 下载 · 论坛 · 登录",
            "分类：系统运维　标签：debian、apt、安装",
            "⏱ 阅读约 {m} 分钟　🔥 {n} 热度",
            "APP内打开，体验更佳 >",
            "当前：首页 / 运维教程 / Debian",
        ],
        "foot": [
            "觉得有用？点个赞吧 👍 {k}",
            "全部评论（0）　发表评论",
            "声明：本文仅代表作者观点，不代表码农驿站立场。",
            "« 上一篇　{prev}",
            "下一篇　{next} »",
            "热门文章 ▸ 更多",
            "Copyright © 2014-2025 mnyz.net 码农驿站 版权所有　蜀ICP备15027739号",
            "技术支持：云端时代网络科技有限公司",
            "↑ 回到顶部",
        ],
    },
]
SITES_T = [
    {
        "name": "好學網",
        "head": [
            "好學網 首頁 > 技術專欄 > Linux 教學",
            "會員登入 ｜ 加入會員 ｜ 購物車(0)",
            "發表於 2023-05-17 14:32　｜　瀏覽 {n} 次",
            "字體大小：小 中 大",
            "訂閱電子報　追蹤我們的 Facebook 粉絲專頁",
        ],
        "foot": [
            "分享：Facebook　LINE　Twitter　複製連結",
            "上一篇：{prev}",
            "下一篇：{next}",
            "版權所有 © 2024 好學網 All Rights Reserved.",
            "本站使用 Cookie 以提供更好的瀏覽體驗，繼續瀏覽即表示您同意。",
            "建議使用 Chrome、Edge 最新版本瀏覽本站",
            "客服專線：02-2718-6530（週一至週五 09:00-18:00）",
            "回到頂端 ▲",
        ],
    },
    {
        "name": "港聞在線",
        "head": [
            "港聞在線 HKNews ｜ 主頁 ｜ 港聞 ｜ 財經 ｜ 科技 ｜ 生活",
            "下載港聞App　即時推送",
            "更新時間：{h}:{mm}　｜　{n} 人已閱",
            "A- A A+",
        ],
        "foot": [
            "▌相關文章",
            "« 前一篇　後一篇 »",
            "私隱政策聲明 ｜ 使用條款 ｜ 聯絡我們 ｜ 廣告查詢",
            "© 2025 港聞在線有限公司 版權所有，不得轉載",
            "WhatsApp 分享　Facebook 分享　電郵分享",
        ],
    },
]
SEED_HEAD_T = ["行動版 | 電腦版", "歡迎光臨，祝您閱讀愉快", "0 0 0", "{site} 列印 回報錯誤", "掃描二維碼分享到微信 ✕",
               "朗讀本文 ▶ 00:00 / 0{m}:{s}"]


def fill(rng, s, prev="", nxt=""):
    return s.format(n=f"{rng.randint(120, 98000):,}", m=rng.randint(2, 9), k=rng.randint(3, 99),
                    h=rng.randint(8, 23), mm=f"{rng.randint(0, 59):02d}", s=f"{rng.randint(10, 59)}",
                    prev=prev, next=nxt, site=rng.choice(["好學網", "資訊補給站", "文林書苑"]))


def add_line(doc, idx, text, role, kind):
    ln = Line(text, role, kind)
    doc.lines.insert(idx, ln)
    if kind:
        doc.injected.append((kind, text))
    return ln


def neighbour_titles(doc, rng):
    """Titles of two other pages of the same source, as previous / next links show them."""
    pool = OTHER_TITLES[doc.source]
    prev, nxt = rng.choice(pool), rng.choice(pool)
    if doc.script == "traditional":
        prev, nxt = to_trad(prev), to_trad(nxt)
    return prev, nxt


def inj_chrome(doc, rng, seed_shape=False):
    site = rng.choice(SITES_T if doc.script == "traditional" else SITES_S)
    prev, nxt = neighbour_titles(doc, rng)
    where = rng.choice(["head", "foot", "both", "both", "split"])
    if seed_shape:
        where = "seed"
    if where in ("head", "both", "split", "seed"):
        pool = SEED_HEAD_T if where == "seed" else site["head"]
        lines = [fill(rng, s) for s in rng.sample(pool, rng.randint(2, min(5, len(pool))))]
        t = doc.title_index()
        if where in ("split", "seed"):
            cut = rng.randint(1, len(lines))
            before, after = lines[:cut], lines[cut:]
        else:
            before, after = lines, []
        for j, s in enumerate(before):
            add_line(doc, t + j, s, "chrome", "spam/boilerplate")
        t = doc.title_index()
        for j, s in enumerate(after):
            add_line(doc, t + 1 + j, s, "chrome", "spam/boilerplate")
    if where in ("foot", "both", "seed") or where == "split" and rng.random() < 0.5:
        pool = site["foot"]
        lines = [fill(rng, s, prev, nxt) for s in rng.sample(pool, rng.randint(2, min(6, len(pool))))]
        if rng.random() < 0.5:
            doc.lines.append(Line("", "blank"))
        for s in lines:
            add_line(doc, len(doc.lines), s, "chrome", "spam/boilerplate")
    return True


SERVICES_S = ["刑事律师", "离婚律师", "取保候审", "法律咨询", "律师事务所", "交通事故律师", "网站建设", "服务器托管",
              "电脑维修", "驾校报名", "代办营业执照", "工商注册"]
TOPICS_S = ["法律", "刑事", "民事", "合同纠纷", "债务", "云服务器", "VPS", "域名", "建站", "源码", "主机", "软件下载",
            "百科", "手游", "影视", "快讯"]
PLACES_TW = ["板橋區", "三重區", "中和區", "永和區", "新莊區", "新店區", "土城區", "蘆洲區", "汐止區", "樹林區",
             "鶯歌區", "三峽區", "淡水區", "竹北市", "頭份市", "員林市", "斗六市", "太保市", "朴子市", "溪湖鎮",
             "鹿港鎮", "埔里鎮", "羅東鎮", "蘇澳鎮", "花蓮市", "玉里鎮", "臺東市", "馬公市", "金城鎮", "北投區"]
PLACES_HK = ["沙田", "大埔", "元朗", "荃灣", "葵涌", "將軍澳", "西貢", "觀塘", "深水埗", "旺角", "銅鑼灣", "北角",
             "柴灣", "香港仔", "東涌", "馬鞍山", "上水", "粉嶺"]
SERVICES_T = ["搬家", "清潔", "借錢", "當舖", "月子中心", "補習班", "汽車美容", "冷氣維修", "法律諮詢"]
TOPICS_T = ["理財", "房貸", "美食", "旅遊", "3C", "電玩", "健身", "寵物"]
SEPS = [" ‖ ", " ⋄ ", " ┆ ", "｜", "|", " / ", "；", " ▸ ", " ◎ ", "\u3000", "  ", "，", "、", " ＞ ", "\t"]
HEADS_S = ["律师服务地区：", "本站热搜：", "周边城市导航：", "附近的律所：", "相关词条：", "TAGS:", "【城市分站】", ""]
HEADS_T = ["熱門搜尋：", "服務範圍：", "標籤：", "周邊地區 ▼", "大家也在找：", ""]


def list_items(rng, trad):
    shape = rng.random()
    n = rng.randint(6, 22)
    if trad:
        places = PLACES_TW if rng.random() < 0.6 else PLACES_HK
        if shape < 0.4:
            return [rng.choice(places) for _ in range(n)]
        if shape < 0.8:
            svc = rng.choice(SERVICES_T)
            return [rng.choice(places) + svc for _ in range(n)]
        return [rng.choice(places + TOPICS_T) for _ in range(n)]
    if shape < 0.35:
        return [rng.choice(GAZETTEER) for _ in range(n)]
    if shape < 0.7:
        svc = rng.choice(SERVICES_S)
        short = [re.sub("(县|市)$", "", g) for g in GAZETTEER if 3 <= len(g) <= 4 and g[-1] in "县市区"]
        return [rng.choice(short) + svc for _ in range(n)]
    return [rng.choice(GAZETTEER) if rng.random() < 0.65 else rng.choice(TOPICS_S) for _ in range(n)]


def one_list_line(rng, trad):
    items = list(dict.fromkeys(list_items(rng, trad)))
    while len(items) < 5:
        items += list_items(rng, trad)
        items = list(dict.fromkeys(items))
    wrap = rng.random()
    if wrap < 0.12:
        items = [f"『{x}』" for x in items]
    elif wrap < 0.22:
        items = [f"({j + 1}){x}" for j, x in enumerate(items)]
    elif wrap < 0.3:
        items = [f"{x}({rng.randint(3, 980)})" for x in items]
    sep = rng.choice(SEPS)
    body = sep.join(items)
    if rng.random() < 0.2:
        body += sep.rstrip() if sep.strip() else ""
    head = rng.choice(HEADS_T if trad and rng.random() < 0.7 else HEADS_S)
    tail = rng.choice(["", "", "", " 查看全部 ›", "……", " [+更多]"])
    return head + body + tail


def inj_list(doc, rng, simplified_tail=False):
    trad = doc.script == "traditional" and not simplified_tail and rng.random() < 0.6
    nlines = 1 if rng.random() < 0.75 else rng.randint(2, 3)
    at = len(doc.lines)
    # sometimes above the footer chrome
    if rng.random() < 0.3:
        while at > 0 and doc.lines[at - 1].role in ("chrome", "blank"):
            at -= 1
    if rng.random() < 0.5:
        doc.lines.insert(at, Line("", "blank"))
        at += 1
    for j in range(nlines):
        add_line(doc, at + j, one_list_line(rng, trad), "list", "spam/appended-list")
    return True


BRANDS_S = ["鸿运国际", "万豪棋牌", "博冠娱乐", "星辉彩票", "金沙娱乐场", "乐动体育", "开云体育", "九游会", "OB体育",
            "大发快三", "极速贷", "秒下款", "威尼斯人", "澳亚国际", "皇朝娱乐", "天博体育"]
BRANDS_T = ["金盈娛樂城", "九州娛樂", "太陽城娛樂", "博馬運彩", "百家樂線上", "lucky7娛樂", "星河娛樂城", "快易借"]
DOMAINS = ["www.bet8823.com", "jy66.vip", "hg5599.cc", "m.88xsj.net", "ky123.app", "xpj7711.com", "www.wnsr668.cn"]
SUFFIX_S = ["", "", "", "官网", "APP下载", "注册送88", "登录入口", "官方网站"]
SUFFIX_T = ["", "", "官方網站", "註冊送1000", "APP下載"]


def brand(rng, doc, fixed=None):
    if fixed:
        return fixed
    if rng.random() < 0.2:
        return rng.choice(DOMAINS)
    if doc.script == "traditional" and rng.random() < 0.65:
        return rng.choice(BRANDS_T) + rng.choice(SUFFIX_T)
    return rng.choice(BRANDS_S) + rng.choice(SUFFIX_S)


def inj_keyword(doc, rng):
    fixed = brand(rng, doc) if rng.random() < 0.6 else None
    n = rng.randint(2, 5)
    done = 0
    if rng.random() < 0.25:
        t = none_segments(doc, ("title",))
        if t:
            ln, i = t[-1]
            b = brand(rng, doc, fixed)
            s = ln.segs[i][0]
            sep = rng.choice(["_", " - ", "｜", "——"])
            ln.segs[i:i + 1] = [[s + sep, None], [b, "spam/keyword-injection"]]
            doc.injected.append(("spam/keyword-injection", b))
            done += 1
    used_lines = set()
    for _ in range(n * 3):
        if done >= n:
            break
        cands = [(ln, i) for ln, i in none_segments(doc) if id(ln) not in used_lines]
        if not cands:
            break
        ln, i = rng.choice(cands)
        s = ln.segs[i][0]
        b = brand(rng, doc, fixed)
        form = rng.random()
        if form < 0.35:
            hr = han_runs(s, 4, 400)
            if not hr:
                continue
            a, e = rng.choice(hr)
            k = rng.randint(2, 3)
            a = rng.randint(a, e - k)
            splice(ln, i, a, a + k, b, "spam/keyword-injection")
        elif form < 0.6:
            cuts = [m.end() for m in re.finditer("，", s)]
            if not cuts:
                continue
            a = rng.choice(cuts)
            splice(ln, i, a, a, b, "spam/keyword-injection")
            # the brand reads as the new subject: 「，开云体育提醒…」 would be too much; keep a comma after
            j = next(x for x, sg in enumerate(ln.segs) if sg[1] == "spam/keyword-injection" and sg[0] == b)
            if j + 1 < len(ln.segs):
                ln.segs[j + 1][0] = "，" + ln.segs[j + 1][0]
        elif form < 0.8:
            cuts = [m.start() for m in re.finditer("。", s)]
            if not cuts:
                continue
            a = rng.choice(cuts)
            opener, closer = rng.choice([("（", "）"), ("【", "】"), ("(", ")")])
            splice(ln, i, a, a, b, "spam/keyword-injection")
            j = next(x for x, sg in enumerate(ln.segs) if sg[1] == "spam/keyword-injection" and sg[0] == b)
            ln.segs[j - 1][0] += opener
            ln.segs[j + 1][0] = closer + ln.segs[j + 1][0]
        else:
            if i != 0:
                continue
            lead = len(s) - len(s.lstrip(" \u3000"))
            splice(ln, i, lead, lead, b, "spam/keyword-injection")
            j = next(x for x, sg in enumerate(ln.segs) if sg[1] == "spam/keyword-injection" and sg[0] == b)
            heads = ["提醒您：", "溫馨提示：", "：", "獨家："] if doc.script == "traditional" else ["提醒您：", "温馨提示：", "：", "独家报道："]
            ln.segs[j + 1][0] = rng.choice(heads) + ln.segs[j + 1][0]
        doc.injected.append(("spam/keyword-injection", b))
        used_lines.add(id(ln))
        done += 1
    return done > 0


# ---------------------------------------------------------------- near misses (clean documents)

NEAR_S = [
    "在终端里把 UTF-8 文件当成 GBK 打开时，“中文”两个字会显示成“涓枃”，这就是常说的乱码；转换之前应先用 file 命令确认原始编码。",
    "老式编译器在调试模式下用 0xCC 填充未初始化的栈，GBK 终端把它显示成“烫”，所以调试时看到的“烫烫烫”其实是一种提示。",
    "“锟斤拷”的来历：U+FFFD 的 UTF-8 字节 EF BF BD 重复两次，再按 GBK 解读，就成了这三个字。",
    "汉语拼音方案规定“女”写作 nǚ，“绿”写作 lǜ；键盘上没有 ü，输入法里通常用 v 代替，打 nv3 即可。",
    "词典条目示例：银行 yínháng，名词，经营存款、贷款等业务的金融机构。",
    "在 HTML 模板里，不换行空格要写成 &nbsp;，小于号写成 &lt;，否则浏览器会把它当成标签。",
    "用 sed 转义和号：sed 's/&/\\&amp;/g' input.html > output.html",
    "本次巡回审判先后到达延庆区、密云区、怀柔区、平谷区和门头沟区，共审结案件四十二件。",
    "沿途经过的乡镇依次是古北口镇、太师屯镇、高岭镇和不老屯镇，全程约九十公里。",
    "从成都出发，经雅安、泸定、康定到理塘，全程约 650 公里，海拔逐渐升高。",
    "本手册的版权归原作者所有，译文依照 GPL 第二版或任何更新的版本发布。",
    "如对本规定有疑问，可以通过信函或电话联系我们的法律援助中心，电话 010-6512 3378。",
    "日文界面会显示「ファイルが見つかりません」，意思是找不到文件。",
    "韩文界面显示为“파일을 찾을 수 없습니다”，与中文提示相同。",
    "俄文系统的提示是«Файл не найден»，可以据此判断语言环境。",
    "若 n ≥ 2，则 1 + 2 + … + n = n(n+1)/2，算法的时间复杂度为 O(n²)。",
    "群里有人回复了一个 👍，还有人发了 👨‍👩‍👧 表情，气氛很热烈。",
    "这个补丁由 Raphaël Hertzog 和 José Müller 审阅后合入，修正了 naïve 实现里的错误。",
    "安装完成后可以用 lp 命令打印一张测试页，确认打印机工作正常。",
    "本节承接上一章的内容，下一章将介绍网络设置。",
    "在文件管理器中右键单击文件夹，选择“共享”，即可分享给局域网中的其他用户。",
    "用管道把命令串起来：ps aux | grep sshd | wc -l，就能数出 sshd 进程的个数。",
    "终端的颜色代码写作 \\033[1;31m，其中 \\033 表示 ESC 字符，m 结束整个序列。",
    "公司的 R&D 部门和 Q&A 小组每周开一次例会。",
    "网站开办者应当依法办理 ICP 备案，未经备案不得从事互联网信息服务。",
    "文件开头的 EF BB BF 三个字节就是 UTF-8 的 BOM，有些编辑器会自动加上。",
    "水的化学式是 H₂O，二氧化碳是 CO₂，常温约 25 ℃。",
    "按 Ctrl+Alt+F2 切换到第二个虚拟终端，再按 Alt+F7 回到图形界面。",
    "罚金的数额为人民币五千元以上五万元以下，约合 ￥5,000–¥50,000。",
    "多音字练习：重复的“重”读 chóng，重量的“重”读 zhòng。",
    "警方通报称，犯罪嫌疑人以“某某娱乐城”名义开设网络赌场，已被依法刑事拘留。",
    "版权所有 © 1998–2002 Josip Rodin，2005–2017 Osamu Aoki；本文依照 GPL 第二版授权。",
    "目录结构如下：debian/ 下有 changelog、control、copyright、rules 四个必需文件。",
    "附件：1. 申请表；2. 身份证复印件；3. 委托书。",
    "《刑法》第三百零三条规定了赌博罪和开设赌场罪，通过网络组织赌博同样适用本条。",
    "下表列出常用的 HTML 字符实体：&amp; 表示 &，&quot; 表示双引号，&#x4E2D; 表示“中”。",
    "在 XML 中要写 &lt;title&gt;，页面上才会原样显示尖括号。",
    "用 printf '\\xe4\\xb8\\xad' 可以输出“中”字的 UTF-8 编码。",
    "旧版记事本曾把没有 BOM 的 UTF-8 文件误判为 ANSI，于是“发布”变成了“鍙戝竷”。",
    "德文里常见 Ä、Ö、Ü，例如 Äpfel 和 Übung。",
    "他先用法文说了句“C'est la vie”，又用西班牙文问“¿Qué tal?”。",
    "下载速度约为 12.5 MB/s，比上次快了 30%。",
    "括号里的英文是原文：计算机(computer)、软件(software)、硬盘(hard disk)。",
    "本法自公布之日起施行；1997 年 3 月 14 日第八届全国人民代表大会第五次会议修订。",
    "分享经济、平台经济的快速发展给监管带来了新的课题。",
    "友情提示：考试时请携带身份证和准考证，迟到十五分钟不得入场。",
    "点击“下一步”继续安装，或者点击“上一步”返回修改。",
    "对任意实数 x，都有 x² ≥ 0；∀ε>0，∃δ>0 使 |f(x)−f(a)|<ε。",
    "会议代表来自 🇨🇳 中国、🇯🇵 日本和 🇰🇷 韩国。",
]
NEAR_T_ONLY = [
    "港鐵東涌綫途經欣澳、青衣、荔景、奧運和九龍站，全程約半小時。",
    "臺北(Taipei)、高雄(Kaohsiung)和淡水(Tamsui)的英文拼法沿用威妥瑪式或郵政式拼音。",
    "本文件最後更新於民國一一二年二月四日。",
    "請使用全形字母ＡＢＣ時注意，某些程式會把它們當成不同的字元。",
    "注音符號ㄅㄆㄇㄈ是臺灣小學一年級的必修內容。",
    "香港的「的士」就是臺灣的「計程車」，「巴士」則是公車。",
    "臺語的「你好」用教會羅馬字寫作 lí-hó。",
    "港島綫由堅尼地城開往柴灣，途經上環、中環、金鐘、灣仔和銅鑼灣。",
]
NEAR_BLOCKS = [
    ["debian/", "├── changelog", "├── control", "├── copyright", "└── rules"],
    ["## 安装步骤", "- 下载映像文件", "- 校验 SHA256", "- 写入 U 盘"],
    ["五、联系我们", "联系人：王磊　电话：010-6512 3378　邮箱：help@example.org"],
    ["| 选项 | 含义 |", "|---|---|", "| -v | 显示详细信息 |", "| -q | 安静模式 |"],
    ["┌──────┬──────┐", "│ 分区 │ 大小 │", "├──────┼──────┤", "│ /    │ 20G  │", "└──────┴──────┘"],
    ["附件：", "1. 减刑假释案件审理程序规定", "2. 暂予监外执行规定"],
    ["版权", "本文档依照 GNU 通用公共许可证第二版或更新版本发布，版权归各位作者所有。"],
]


def near_text(doc, s):
    return to_trad(s) if doc.script == "traditional" else s


def add_near(doc, rng):
    body_idx = [j for j, ln in enumerate(doc.lines) if ln.role == "body"]
    if not body_idx:
        return
    pool = NEAR_S + (NEAR_T_ONLY if doc.script == "traditional" else [])
    rng.shuffle(pool)
    for _ in range(rng.randint(1, 3)):
        # after a body line, but not after the last one: a near miss is not a footer
        j = rng.choice(body_idx[:-1] if len(body_idx) > 1 else body_idx) + 1
        r = rng.random()
        if r < 0.2:
            block = rng.choice(NEAR_BLOCKS)
            for k, s in enumerate(block):
                ln = Line("", "near")
                ln.segs = [[near_text(doc, s), NEAR]]
                doc.lines.insert(j + k, ln)
        else:
            s = pool.pop()
            s = s if s in NEAR_T_ONLY else near_text(doc, s)
            ln = Line("", "near")
            ln.segs = [[doc.indent + s, NEAR]]
            doc.lines.insert(j, ln)
        body_idx = [x for x, ln in enumerate(doc.lines) if ln.role == "body"]


# ---------------------------------------------------------------- assembly

PHENOMENA = [
    ("mojibake", 36), ("replacement", 20), ("control", 12), ("zero_width", 14), ("private_use", 13),
    ("html_entity", 18), ("pinyin", 14), ("list", 32), ("chrome", 36), ("keyword", 28),
]
SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\u200b\u200c\u2060\ufeff\u00ad\ue000-\uf8ff"
                     "\U000f0000-\U0010ffff]|锟斤拷|烫烫|屯屯|&#?[A-Za-z0-9]+;")


OTHER_TITLES = {
    "criminal_law_cn": [f"{num}　{body[1:body.index('】')]}" for g in load_jsonl("criminal_law_cn.jsonl")
                        for num, body in g["articles"] if body.startswith("【") and "】" in body[:30]],
    "debian_reference_zh_tw": [s["title"] for s in load_jsonl("debian_reference_zh_tw.jsonl")],
    "maint_guide_zh_tw": [s["title"] for s in load_jsonl("maint_guide_zh_tw.jsonl")],
    "install_guide_zh_cn": [s["title"] for s in load_jsonl("install_guide_zh_cn.jsonl")],
}


def make_prose(rng):
    items = []
    for src, title, paras in law_docs(rng, 100):
        script = "traditional" if rng.random() < 0.4 else "simplified"
        items.append((src, script, title, paras))
    for src, title, paras in docbook_docs(rng, "debian_reference_zh_tw.jsonl", 120):
        items.append((src, "traditional", title, paras))
    for src, title, paras in docbook_docs(rng, "maint_guide_zh_tw.jsonl", 60):
        items.append((src, "traditional", title, paras))
    for src, title, paras in docbook_docs(rng, "install_guide_zh_cn.jsonl", 120):
        script = "traditional" if rng.random() < 0.25 else "simplified"
        items.append((src, script, title, paras))
    rng.shuffle(items)
    docs = []
    for src, script, title, paras in items:
        if script == "traditional" and src in ("criminal_law_cn", "install_guide_zh_cn"):
            title = to_trad(title)
            paras = [(k, to_trad(p)) for k, p in paras]
        docs.append(Doc(src, script, title, paras, rng))
    return docs


def build(rng):
    docs = make_prose(rng)
    out = []
    names = [p for p, _ in PHENOMENA]
    weights = [w for _, w in PHENOMENA]
    for n, d in enumerate(docs):
        clean = n % 8 in (0, 3, 6)  # 150 of 400
        if clean:
            if rng.random() < 0.7:
                add_near(d, rng)
        else:
            if rng.random() < 0.35:
                add_near(d, rng)
            if d.script == "traditional" and rng.random() < 0.15:
                inj_chrome(d, rng, seed_shape=True)
                inj_list(d, rng, simplified_tail=True)
                inj_pinyin(d, rng, form="mark")
            else:
                k = rng.choice([1, 2, 2, 2, 3, 3])
                chosen = set()
                while len(chosen) < k:
                    chosen.add(rng.choices(names, weights)[0])
                if d.script == "simplified" and "pinyin" in chosen and rng.random() < 0.6:
                    chosen.discard("pinyin")
                    chosen.add("mojibake")
                applied = 0
                # spam first, then garbles, pinyin last (it annotates chrome lines too)
                for ph in ["chrome", "list", "keyword", "mojibake", "replacement", "control", "zero_width",
                           "private_use", "html_entity", "pinyin"]:
                    if ph in chosen:
                        fn = {"chrome": inj_chrome, "list": inj_list, "keyword": inj_keyword,
                              "mojibake": inj_mojibake, "replacement": inj_replacement, "control": inj_control,
                              "zero_width": inj_zero_width, "private_use": inj_private_use,
                              "html_entity": inj_html_entity, "pinyin": inj_pinyin}[ph]
                        applied += bool(fn(d, rng))
                        if ph == "mojibake" and rng.random() < 0.3:
                            fn(d, rng)  # a second, independent stretch
                if not applied:
                    inj_chrome(d, rng)
        text, labels = d.finalize()
        out.append({"id": f"holdout5-{n:04d}", "source": d.source, "script": d.script, "text": text,
                    "labels": labels, "_near": [s for ln in d.lines for s, k in ln.segs if k == NEAR]})
    return out


def check(docs):
    for d in docs:
        text = d["text"]
        b = text.encode("utf-8")
        for l in d["labels"]:
            assert l["kind"] in KINDS, l
            assert 0 <= l["byte_start"] < l["byte_end"] <= len(b), d["id"]
            b[l["byte_start"]:l["byte_end"]].decode("utf-8")  # on char boundaries
        by_kind = {}
        for l in d["labels"]:
            by_kind.setdefault(l["kind"], []).append((l["byte_start"], l["byte_end"]))
        for k, ss in by_kind.items():
            ss.sort()
            for (a1, e1), (a2, e2) in zip(ss, ss[1:]):
                assert e1 <= a2, (d["id"], k)
        # nothing garble-like outside garble labels, except inside near-miss sentences
        masked = bytearray(b)
        for l in d["labels"]:
            if l["kind"].startswith("garble/"):
                masked[l["byte_start"]:l["byte_end"]] = b" " * (l["byte_end"] - l["byte_start"])
        rest = masked.decode("utf-8")
        for s in d["_near"]:
            rest = rest.replace(s, "")
        m = SUSPECT.search(rest)
        assert not m, (d["id"], repr(rest[max(0, m.start() - 20):m.end() + 20]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "holdout5.jsonl"))
    args = ap.parse_args()
    rng = random.Random(SEED)
    docs = build(rng)
    check(docs)
    for d in docs:
        del d["_near"]
    write_jsonl(args.out, docs)
    if args.stats:
        print_stats(docs, KINDS, sort_scripts=False)
        for script in ("simplified", "traditional"):
            row = {k: sum(1 for d in docs if d["script"] == script for l in d["labels"] if l["kind"] == k)
                   for k in KINDS}
            print(script, ", ".join(f"{k.split('/')[1]} {v}" for k, v in row.items()))
        src = {}
        for d in docs:
            src[d["source"]] = src.get(d["source"], 0) + 1
        print("sources:", src)
        print("mojibake codec pairs:", ", ".join(f"{e}→{d} {n}" for (e, d), n in sorted(USED_PAIRS.items())))


if __name__ == "__main__":
    main()
