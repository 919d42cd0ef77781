#!/usr/bin/env python3
"""Builds eval/holdout4.jsonl, jiaodui's fourth (blind) held-out evaluation set.

Same schema as eval/labelled.jsonl (see eval/README.md): one JSON object a line, {"id",
"source", "script", "text", "labels": [{"kind", "byte_start", "byte_end"}]}, UTF-8 byte
offsets, end exclusive.

* prose that no earlier set uses (eval/source/, rebuilt by source/extract_holdout4.py): the
  Chinese manual pages of Debian's manpages-zh (zh_CN Simplified and zh_TW Traditional, other
  commands in each), the Debian FAQ in Simplified Chinese (a third served converted to
  Traditional the careless character-by-character way), and fortunes-zh's quotation file
  (proverbs, 论语, 菜根谭, 增广贤文, 道德经, 詩經 in Traditional characters, modern
  quotations) gathered into quotation pages. Some pages are framed as official documents
  (通知 with 一、（一）, 第X条 regulations, 附件, 联系人, 抄送) around the real paragraphs.
* injections written for this file only, without reading the detectors or the earlier
  generators' vocabularies: real codec round trips for mojibake (UTF-8 read as GBK,
  GB18030, Big5, cp1252, Shift_JIS, EUC-KR, cp1251, cp437; GBK read as cp1252, cp437,
  Big5, Shift_JIS, EUC-KR; Big5 read as GBK and cp1252; GB18030 read as Big5; UTF-8 read as
  cp1252 twice; only strict round trips without control, invisible or U+FFFD characters),
  replacement runs (U+FFFD, 锟斤拷 with odd tails, 烫 / 屯 runs), controls (ANSI colour
  codes, backspace, NUL, DEL, vertical tab, C1 from cp1252 bytes), invisible characters
  (zero-width runs, soft hyphens inside Latin words, BOM mid-text, word joiners),
  private-use glyphs (anti-scraping font digits, Word Wingdings bullets, plane 15),
  HTML entities (named, decimal, hex in both cases, double escapes, missing semicolons,
  escaped tags), inline pinyin (tone marks, tone numbers, no tones, full-width
  parentheses; mostly on Traditional-only characters, a few Simplified pages on
  Simplified-only ones); page chrome of portals, blogs, app mirrors, Taiwan and Hong Kong
  sites; appended lists of new shapes (town names, Taiwan / Hong Kong districts, place +
  service, tag counts, wrappers and separators of their own); keyword injection of invented
  and real gambling, lottery, loan, adult and fake-certificate brands and domains.
* clean documents (about 150) full of near misses of classes chosen for this set.

Python 3 standard library only, deterministic:

    python3 eval/build_holdout4.py [--stats] [--out PATH]
"""

import argparse
import os
import random
import re
import sys
import unicodedata

from evalkit import HERE, SRC, load_jsonl, load_table, print_stats, write_jsonl

SEED = 0x484F4C34  # "HOL4"
TARGET_DOCS = 400
TARGET_CLEAN = 150

PY = "garble/inline-pinyin"
MOJI = "garble/mojibake"
REPL = "garble/replacement"
CTRL = "garble/control"
ZW = "garble/zero-width"
PUA = "garble/private-use"
ENT = "garble/html-entity"
LIST = "spam/appended-list"
CHROME = "spam/boilerplate"
KW = "spam/keyword-injection"
KINDS = [PY, MOJI, REPL, CTRL, ZW, PUA, ENT, LIST, CHROME, KW]

# anything that would be a garble if it were left unlabelled
SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad\ue000-\uf8ff\ufffd"
    "\U000f0000-\U0010ffff]|&[a-zA-Z]{2,8};|&#x?[0-9a-fA-F]{2,6};|锟斤拷|烫烫烫|屯屯屯"
)


# ------------------------------------------------------------------ tables


# Values: space-separated, or comma-separated when there is no space (readings.txt).
_split = lambda v: v.split(" ") if " " in v else v.split(",")  # noqa: E731
ST = load_table("STCharacters.txt", _split)
TS = load_table("TSCharacters.txt", _split)
READINGS = load_table("readings.txt", _split)
TRAD_ONLY = {k for k in TS if k not in {x for v in TS.values() for x in v}}
SIMP_ONLY = {k for k in ST if k not in {x for v in ST.values() for x in v}}
with open(os.path.join(SRC, "gazetteer.txt"), encoding="utf-8") as f:
    GAZ = [l.strip() for l in f if l.strip()]


def s2t(text):
    """Character-level conversion, first candidate, as careless scrapers do."""
    return "".join(ST[c][0] if c in ST else c for c in text)


TONES = {
    "ā": ("a", 1), "á": ("a", 2), "ǎ": ("a", 3), "à": ("a", 4),
    "ē": ("e", 1), "é": ("e", 2), "ě": ("e", 3), "è": ("e", 4),
    "ī": ("i", 1), "í": ("i", 2), "ǐ": ("i", 3), "ì": ("i", 4),
    "ō": ("o", 1), "ó": ("o", 2), "ǒ": ("o", 3), "ò": ("o", 4),
    "ū": ("u", 1), "ú": ("u", 2), "ǔ": ("u", 3), "ù": ("u", 4),
    "ǖ": ("ü", 1), "ǘ": ("ü", 2), "ǚ": ("ü", 3), "ǜ": ("ü", 4),
    "ń": ("n", 2), "ň": ("n", 3), "ǹ": ("n", 4), "ḿ": ("m", 2),
}


def toneless(syl, numbered, v_for_u):
    base, tone = "", 5
    for c in syl:
        if c in TONES:
            b, tone = TONES[c]
            base += b
        else:
            base += c
    if v_for_u:
        base = base.replace("ü", "v")
    return base + (str(tone) if numbered else "")


# ------------------------------------------------------------------ document model


class Line:
    __slots__ = ("segs", "kind", "role")

    def __init__(self, text="", kind=None, role="body", seg_kind=None):
        self.segs = [[text, seg_kind]] if text else []
        self.kind = kind
        self.role = role

    def text(self):
        return "".join(s for s, _ in self.segs)


class Doc:
    def __init__(self, source, script):
        self.source = source
        self.script = script
        self.lines = []
        self.newline = "\n"
        self.pinyin = None  # (char set, every-occurrence probability, form)

    def add(self, text, role="body", kind=None):
        self.lines.append(Line(text, kind, role))

    def body(self):
        return [l for l in self.lines if l.role == "body" and l.kind is None and l.text().strip()]

    def finalize(self, rng):
        if self.pinyin:
            apply_pinyin(self, rng)
        out, labels, pos = [], [], 0
        nl = self.newline.encode()
        for i, line in enumerate(self.lines):
            start = pos
            for text, kind in line.segs:
                b = len(text.encode("utf-8"))
                if kind and b:
                    labels.append({"kind": kind, "byte_start": pos, "byte_end": pos + b})
                pos += b
                out.append(text)
            if line.kind and pos > start:
                labels.append({"kind": line.kind, "byte_start": start, "byte_end": pos})
            if i + 1 < len(self.lines):
                out.append(self.newline)
                pos += len(nl)
        text = "".join(out)
        labels.sort(key=lambda l: (l["byte_start"], l["byte_end"], l["kind"]))
        return text, labels


def han(c):
    return "\u4e00" <= c <= "\u9fff"


def plain_slots(doc, roles=("body",), min_len=6):
    """(line, seg index) of unlabelled segments long enough to work in."""
    slots = []
    for line in doc.lines:
        if line.role not in roles or line.kind is not None:
            continue
        for i, (t, k) in enumerate(line.segs):
            if k is None and len(t) >= min_len and sum(map(han, t)) >= 3:
                slots.append((line, i))
    return slots


def splice(line, i, a, b, new, kind):
    """Replaces segs[i].text[a:b] with `new` labelled `kind`."""
    t, _ = line.segs[i]
    parts = []
    if t[:a]:
        parts.append([t[:a], None])
    parts.append([new, kind])
    if t[b:]:
        parts.append([t[b:], None])
    line.segs[i:i + 1] = parts


def han_runs(t, lo=2, hi=40):
    return [(m.start(), m.end()) for m in re.finditer("[\u4e00-\u9fff]{%d,%d}" % (lo, hi), t)]


# ------------------------------------------------------------------ prose → documents


def indent_style(rng):
    return rng.choices(["", "\u3000\u3000", "  ", "    "], [60, 25, 10, 5])[0]


def doc_from_page(rec, rng, script=None, max_bytes=None):
    script = script or rec["script"]
    lines = rec["text"].split("\n")
    conv = (lambda s: s2t(s)) if script != rec["script"] else (lambda s: s)
    d = Doc(rec["source"], script)
    d.add(conv(lines[0]).replace("\u2028", " "), role="title")
    budget = max_bytes or rng.randint(700, 2600)
    ind = indent_style(rng)
    gap = rng.random() < 0.3
    size = 0
    for l in lines[1:]:
        l = conv(l).replace("\u2028", " ")
        size += len(l.encode())
        if size > budget and len(d.lines) > 3:
            break
        if gap:
            d.add("", role="blank")
        is_head = len(l) <= 10 and not l.endswith("。")
        d.add(("" if is_head else ind) + l, role="heading" if is_head else "body")
    return d


FORTUNE_TITLES = {
    "谚语": ["民间谚语精选", "谚语集锦（第{n}辑）", "常用俗语{n}则", "农谚与俗语"],
    "论语": ["《论语》选读", "论语名句摘抄（{n}）", "每日一句·论语"],
    "菜根谭": ["《菜根谭》摘录", "菜根谭名句{n}则", "读《菜根谭》札记"],
    "增广贤文": ["《增广贤文》节选", "增广贤文（{n}）", "古训选录"],
    "道德经": ["《道德经》选章", "老子《道德经》摘抄"],
    "詩經": ["詩經選讀", "《詩經》篇目選錄（{n}）", "國學經典：詩經"],
    "modern": ["名人名言摘抄", "读书笔记：书摘{n}则", "语录{n}条", "摘抄本（{n}）"],
    "poem": ["古诗词鉴赏", "宋词名句选", "诗词摘抄（{n}）"],
}


def fortune_cat(rec):
    last = rec["text"].split("\u2028")[-1]
    if rec["script"] == "traditional":
        return "詩經"
    for k in ("谚语", "论语", "菜根谭", "增广贤文", "道德经"):
        if k in last:
            return k
    if "《" in last and re.search(r"[\u4e00-\u9fff]{1,4}《", last) and not re.search(r"[A-Za-z]", last):
        return "poem"
    return "modern"


def fortune_pages(recs, rng, n):
    by = {}
    for r in recs:
        by.setdefault(fortune_cat(r), []).append(r)
    cats = list(by)
    weights = {"谚语": 14, "论语": 10, "菜根谭": 9, "增广贤文": 9, "道德经": 4, "詩經": 22, "modern": 16, "poem": 10}
    pages = []
    used = set()
    attempts = 0
    while len(pages) < n and attempts < 20 * n:
        attempts += 1
        cat = rng.choices(cats, [weights.get(c, 5) for c in cats])[0]
        pool = by[cat]
        k = rng.randint(3, 6) if cat in ("詩經", "poem", "modern") else rng.randint(5, 12)
        start = rng.randrange(0, max(1, len(pool) - k))
        window = [r for r in pool[start:start + k] if r["source"] not in used]
        if len(window) < 2:
            continue
        for r in window:
            used.add(r["source"])
        pages.append((cat, window))
    return pages


def doc_from_fortunes(cat, window, rng, serial):
    script = "traditional" if cat == "詩經" else "simplified"
    d = Doc("fortunes-zh:chinese#" + ",".join(r["source"].split("#")[1] for r in window), script)
    title = rng.choice(FORTUNE_TITLES[cat]).format(n=serial % 9 + 1)
    d.add(title, role="title")
    style = rng.choice(["numbered", "blank", "plain", "circled"])
    circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"
    for j, r in enumerate(window):
        parts = [p for p in r["text"].split("\u2028") if p.strip()]
        if style == "blank" and j:
            d.add("", role="blank")
        for m, p in enumerate(parts):
            if m == 0 and style == "numbered":
                p = f"{j + 1}. {p}"
            elif m == 0 and style == "circled":
                p = circled[j] + p
            role = "body" if (len(p) > 6 and not p.startswith("--")) else "attrib"
            d.add(p, role=role)
    return d


ORGS_S = ["市信息化工作领导小组办公室", "县教育局", "省大数据管理局", "区政务服务中心", "市图书馆", "学院网络与信息中心"]
ORGS_T = ["資訊管理處", "教務處電算中心", "縣政府資訊室", "市立圖書館", "數位發展部"]
CN_NUM = "一二三四五六七八九十"


def official_frame(d, rng):
    """Wraps a document's real paragraphs in an official notice or a regulation."""
    body = [l for l in d.lines if l.role == "body"]
    if len(body) < 3:
        return
    trad = d.script == "traditional"
    title = d.lines[0].text()
    topic = re.split(r"[ —：:，。]", title)[0][:16] or "系统"
    kind = rng.choice(["notice", "rules", "notice"])
    new = []
    if kind == "notice":
        org = rng.choice(ORGS_T if trad else ORGS_S)
        t = f"關於做好「{topic}」使用管理工作的通知" if trad else f"关于做好“{topic}”使用管理工作的通知"
        new.append(Line(t, role="title"))
        new.append(Line(rng.choice(["各有關單位：", "各科室、各直屬單位："] if trad else ["各县（市、区）教育局，各直属学校：", "各有关单位：", "各科室、各部门："]), role="heading"))
        new.append(Line(("　　為進一步規範相關工作，現將有關事項通知如下：" if trad else "　　为进一步规范相关工作，现将有关事项通知如下："), role="meta"))
        sec = 0
        sub = 0
        for l in body:
            if sub == 0 or rng.random() < 0.3:
                new.append(Line(f"{CN_NUM[sec % 10]}、{rng.choice(['基本要求', '工作任務', '有關說明', '注意事項'] if trad else ['基本要求', '工作任务', '有关说明', '注意事项', '保障措施'])}", role="heading"))
                sec += 1
                sub = 0
            sub += 1
            l.segs[0][0] = f"（{CN_NUM[(sub - 1) % 10]}）" + l.segs[0][0].lstrip("\u3000 ")
            new.append(l)
        new.append(Line("附件：1." + ("相關說明" if trad else "有关说明") + f"\n2.{'回執' if trad else '回执'}", role="meta"))
        # the attachment list is two lines
        a, b = new[-1].segs[0][0].split("\n")
        new[-1].segs[0][0] = a
        new.append(Line("　　　" + b, role="meta"))
        if rng.random() < 0.7:
            new.append(Line(("　　聯絡人：陳先生，電話：(02)2345-6789。" if trad else f"　　联系人：{rng.choice('王李张刘陈杨')}老师，联系电话：0{rng.randint(10, 999)}-{rng.randint(2000000, 89999999)}。"), role="meta"))
        new.append(Line(org, role="meta"))
        new.append(Line(f"{rng.randint(2016, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", role="meta"))
        if rng.random() < 0.5:
            new.append(Line("（此件公開發布）" if trad else "（此件公开发布）", role="meta"))
        if rng.random() < 0.4:
            new.append(Line(("抄送：本府各一級單位。" if trad else "抄送：市委办公室，市人大常委会办公室，市政协办公室。"), role="meta"))
    else:
        t = f"{topic}使用管理辦法" if trad else f"{topic}使用管理办法（试行）"
        new.append(Line(t, role="title"))
        new.append(Line("第一章　總則" if trad else "第一章　总则", role="heading"))
        for n, l in enumerate(body):
            if n and n % 4 == 0:
                new.append(Line(f"第{CN_NUM[(n // 4) % 10]}章　{'附則' if trad else '附则'}" if n + 4 >= len(body) else f"第{CN_NUM[(n // 4) % 10]}章　{'管理' if trad else '管理'}", role="heading"))
            l.segs[0][0] = f"第{num_cn(n + 1)}條　" + l.segs[0][0].lstrip("\u3000 ") if trad else f"第{num_cn(n + 1)}条　" + l.segs[0][0].lstrip("\u3000 ")
            new.append(l)
        new.append(Line(f"第{num_cn(len(body) + 1)}{'條　本辦法自發布之日起施行。' if trad else '条　本办法自印发之日起施行。'}", role="body"))
    d.lines = new


def num_cn(n):
    if n <= 10:
        return "〇一二三四五六七八九十"[n]
    if n < 20:
        return "十" + "〇一二三四五六七八九"[n - 10]
    return "〇一二三四五六七八九"[n // 10] + "十" + ("" if n % 10 == 0 else "〇一二三四五六七八九"[n % 10])


# ------------------------------------------------------------------ garbles


def apply_pinyin(doc, rng):
    chars, prob, form = doc.pinyin
    for line in doc.lines:
        new = []
        for text, kind in line.segs:
            if kind is not None:
                new.append([text, kind])
                continue
            buf = ""
            for j, c in enumerate(text):
                buf += c
                nxt = text[j + 1] if j + 1 < len(text) else ""
                if c in chars and nxt not in "(（" and rng.random() < prob:
                    syl = READINGS[c][0] if rng.random() < 0.93 or len(READINGS[c]) == 1 else rng.choice(READINGS[c][1:])
                    if form == "numbered":
                        syl = toneless(syl, True, False)
                    elif form == "bare":
                        syl = toneless(syl, False, True)
                    ann = f"（{syl}）" if form == "fullwidth" else f"({syl})"
                    new.append([buf, None])
                    new.append([ann, PY])
                    buf = ""
            if buf:
                new.append([buf, None])
        line.segs = new


def plan_pinyin(doc, rng):
    text = "".join(l.text() for l in doc.lines)
    pool = TRAD_ONLY if doc.script == "traditional" else SIMP_ONLY
    present = sorted({c for c in text if c in pool and c in READINGS})
    if len(present) < 4:
        return False
    k = max(2, int(len(present) * rng.uniform(0.25, 0.65)))
    chosen = set(rng.sample(present, k))
    prob = 1.0 if rng.random() < 0.7 else rng.uniform(0.4, 0.7)
    form = rng.choices(["marks", "numbered", "bare", "fullwidth"], [60, 18, 12, 10])[0]
    doc.pinyin = (chosen, prob, form)
    return True


MOJI_PAIRS = [
    ("utf-8", "gbk", 14), ("utf-8", "gb18030", 6), ("utf-8", "big5", 6), ("utf-8", "cp1252", 10),
    ("utf-8", "shift_jis", 5), ("utf-8", "euc_kr", 2), ("utf-8", "cp1251", 3), ("utf-8", "cp437", 3),
    ("gbk", "cp1252", 6), ("gbk", "cp437", 4), ("gbk", "big5", 5), ("gbk", "shift_jis", 4), ("gbk", "euc_kr", 5),
    ("big5", "gbk", 6), ("big5", "cp1252", 3), ("gb18030", "big5", 3), ("double", "cp1252", 3),
]


USED_PAIRS = {}


def misdecode(s, enc, dec):
    try:
        if enc == "double":
            once = s.encode("utf-8").decode("cp1252")
            return once.encode("utf-8").decode("cp1252")
        return s.encode(enc).decode(dec)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def acceptable_mojibake(orig, out):
    if not out or out == orig or SUSPECT.search(out):
        return False
    if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs", "Cn") for c in out):
        return False
    return True


def mojibake_spans(doc, rng):
    """Candidate (line, seg, start, end) spans: a word, a clause, a line tail or a line."""
    slots = plain_slots(doc, roles=("body", "title", "heading"), min_len=4)
    rng.shuffle(slots)
    for line, i in slots:
        t = line.segs[i][0]
        shape = rng.choices(["word", "clause", "tail", "line"], [25, 40, 18, 17])[0]
        if shape == "line":
            if len(t) > 90 and line.role != "title":
                continue
            a, b = 0, len(t)
        elif shape == "tail":
            cut = [m.end() for m in re.finditer("[，。；：、]", t) if m.end() < len(t) - 4]
            if not cut:
                continue
            a, b = rng.choice(cut), len(t)
        elif shape == "clause":
            bounds = [0] + [m.end() for m in re.finditer("[，。；：、！？]", t)] + [len(t)]
            k = rng.randrange(len(bounds) - 1)
            a, b = bounds[k], bounds[k + 1]
            while b > a and t[b - 1] in "，。；：、！？":
                b -= 1
            if b - a < 3 or b - a > 40:
                continue
        else:
            runs = han_runs(t, 2, 30)
            if not runs:
                continue
            ra, rb = rng.choice(runs)
            a = rng.randrange(ra, max(ra + 1, rb - 1))
            b = min(rb, a + rng.randint(2, 4))
        if sum(map(han, t[a:b])) >= 2:
            yield line, i, a, b


def inject_mojibake(doc, rng):
    pairs = [p for p in MOJI_PAIRS if not (doc.script == "simplified" and p[0] == "big5")]
    for _ in range(4):
        enc, dec, _ = rng.choices(pairs, [p[2] for p in pairs])[0]
        for n, (line, i, a, b) in enumerate(mojibake_spans(doc, rng)):
            if n >= 80:
                break
            seg = line.segs[i][0][a:b]
            out = misdecode(seg, enc, dec)
            if acceptable_mojibake(seg, out):
                splice(line, i, a, b, out, MOJI)
                USED_PAIRS[(enc, dec)] = USED_PAIRS.get((enc, dec), 0) + 1
                return True
    return False


def inject_replacement(doc, rng):
    slots = plain_slots(doc, roles=("body", "title"))
    if not slots:
        return False
    line, i = rng.choice(slots)
    t = line.segs[i][0]
    runs = han_runs(t, 2, 60)
    if not runs:
        return False
    ra, rb = rng.choice(runs)
    a = rng.randrange(ra, rb - 1)
    n = rng.randint(1, min(4, rb - a))
    form = rng.choices(["fffd", "fffd3", "kun", "kun_odd", "tang", "tun", "fffd_q"], [22, 10, 22, 10, 14, 10, 12])[0]
    if form == "fffd":
        new = "\ufffd" * n
    elif form == "fffd3":
        new = "\ufffd" * (n * rng.choice([2, 3]))
    elif form == "kun":
        new = "锟斤拷" * max(1, n // 2 + rng.randint(0, 2))
    elif form == "kun_odd":
        new = "锟斤拷" * rng.randint(1, 3) + "锟\ufffd"
    elif form == "tang":
        new = "烫" * rng.choice([4, 6, 8, 12])
        if rng.random() < 0.5:
            a = b0 = rb
            splice(line, i, a, b0, new, REPL)
            return True
    elif form == "tun":
        new = "屯" * rng.choice([4, 6, 10])
    else:
        new = "\ufffd?" * n
    splice(line, i, a, a + n, new, REPL)
    return True


def inject_control(doc, rng):
    slots = plain_slots(doc, roles=("body", "title", "heading"))
    if not slots:
        return False
    line, i = rng.choice(slots)
    t = line.segs[i][0]
    form = rng.choices(["ansi", "bs", "nul", "del", "vt", "c1", "misc", "ff"], [18, 12, 10, 8, 8, 16, 14, 8])[0]
    if form == "ansi":
        runs = han_runs(t, 2, 12)
        if not runs:
            return False
        a, b = rng.choice(runs)
        code = rng.choice(["\x1b[1;31m", "\x1b[32m", "\x1b[01;34m", "\x1b[7m", "\x1b[33;1m"])
        end = rng.choice(["\x1b[0m", "\x1b[m", "\x1b[39m"])
        word = t[a:b]
        line.segs[i:i + 1] = ([[t[:a], None]] if a else []) + [[code, CTRL], [word, None], [end, CTRL]] + ([[t[b:], None]] if t[b:] else [])
        return True
    cands = [m.start() for m in re.finditer("[\u4e00-\u9fff][\u4e00-\u9fff，。]", t)]
    if not cands:
        return False
    p = rng.choice(cands) + 1
    if form == "bs":
        new = "\x08" * rng.randint(1, 4)
    elif form == "nul":
        new = "\x00" * rng.randint(1, 3)
    elif form == "del":
        new = "\x7f"
    elif form == "vt":
        new = "\x0b"
    elif form == "ff":
        new = "\x0c"
    elif form == "c1":
        new = rng.choice(["\x85", "\x92", "\x96", "\x93", "\x9d", "\x81\x8d", "\x8f"])
    else:
        new = rng.choice(["\x01", "\x02\x03", "\x1f", "\x1a", "\x06", "\x10", "\x1e\x1e"])
    splice(line, i, p, p, new, CTRL)
    return True


def inject_zero_width(doc, rng):
    slots = plain_slots(doc, roles=("body", "title"))
    if not slots:
        return False
    line, i = rng.choice(slots)
    t = line.segs[i][0]
    form = rng.choices(["between", "run", "bom", "wj", "shy", "word"], [25, 15, 12, 10, 18, 20])[0]
    if form == "shy":
        words = [m for m in re.finditer(r"[A-Za-z]{7,}", t)]
        if not words:
            form = "between"
        else:
            m = rng.choice(words)
            w = m.group()
            cuts = sorted(rng.sample(range(2, len(w) - 2), min(rng.randint(1, 3), len(w) - 4)))
            parts, last = [], 0
            for c in cuts:
                parts.append([w[last:c], None])
                parts.append(["\u00ad", ZW])
                last = c
            parts.append([w[last:], None])
            line.segs[i:i + 1] = ([[t[:m.start()], None]] if m.start() else []) + parts + ([[t[m.end():], None]] if t[m.end():] else [])
            return True
    if form == "word":
        runs = han_runs(t, 3, 8)
        if not runs:
            form = "between"
        else:
            a, b = rng.choice(runs)
            b = min(b, a + rng.randint(3, 5))
            z = rng.choice(["\u200b", "\u200c", "\u200d", "\u2060"])
            parts = [[t[a], None]]
            for c in t[a + 1:b]:
                parts.append([z, ZW])
                parts.append([c, None])
            line.segs[i:i + 1] = ([[t[:a], None]] if a else []) + parts + ([[t[b:], None]] if t[b:] else [])
            return True
    cands = [m.start() + 1 for m in re.finditer("[\u4e00-\u9fff][\u4e00-\u9fff]", t)]
    if not cands:
        return False
    p = rng.choice(cands)
    new = {
        "between": rng.choice(["\u200b", "\u200c", "\u200d"]),
        "run": "".join(rng.choice("\u200b\u200c\u200d\u2060\ufeff") for _ in range(rng.randint(2, 5))),
        "bom": "\ufeff",
        "wj": "\u2060",
    }.get(form, "\u200b")
    splice(line, i, p, p, new, ZW)
    return True


def inject_private_use(doc, rng):
    form = rng.choices(["digits", "char", "bullet", "plane15"], [30, 30, 25, 15])[0]
    if form == "bullet":
        body = [l for l in doc.body() if l.segs and l.segs[0][1] is None]
        if len(body) < 2:
            return False
        glyph = rng.choice(["\uf06c", "\uf0b7", "\uf0d8", "\uf0fc", "\uf0a7"])
        for l in rng.sample(body, min(len(body), rng.randint(2, 4))):
            t = l.segs[0][0].lstrip("\u3000 ")
            l.segs[0][0] = t
            l.segs.insert(0, [glyph, PUA])
            l.segs.insert(1, [rng.choice([" ", "\t", ""]), None])
        return True
    slots = plain_slots(doc, roles=("body",))
    if not slots:
        return False
    line, i = rng.choice(slots)
    t = line.segs[i][0]
    if form == "digits":
        ds = [m for m in re.finditer(r"\d{1,4}", t)]
        if ds:
            m = rng.choice(ds)
            new = "".join(chr(0xE000 + 0x40 * rng.randint(0, 40) + int(c)) for c in m.group())
            splice(line, i, m.start(), m.end(), new, PUA)
            return True
        form = "char"
    runs = han_runs(t, 1, 60)
    if not runs:
        return False
    a, b = rng.choice(runs)
    p = rng.randrange(a, b)
    n = rng.randint(1, 3) if b - p >= 3 else 1
    if form == "plane15":
        new = "".join(chr(rng.randint(0xF0000, 0xF0FFF)) for _ in range(n))
    else:
        new = "".join(chr(rng.randint(0xE000, 0xF8FF)) for _ in range(n))
    splice(line, i, p, p + n, new, PUA)
    return True


ENTITY_RUNS = [
    lambda r: "&nbsp;" * r.randint(2, 6),
    lambda r: "&nbsp; " * r.randint(2, 3) + "&nbsp;",
    lambda r: "&emsp;&emsp;",
    lambda r: "&ensp;",
    lambda r: "&#12288;&#12288;",
    lambda r: "&#8203;",
    lambda r: "&amp;nbsp;",
    lambda r: "&nbsp",
    lambda r: "&hellip;&hellip;",
    lambda r: "&mdash;&mdash;",
    lambda r: "&middot;",
    lambda r: "&lt;br&gt;",
    lambda r: "&lt;p&gt;",
    lambda r: "&amp;amp;",
    lambda r: "&#xA0;",
    lambda r: "&#160;&#160;",
]


def inject_entity(doc, rng):
    slots = plain_slots(doc, roles=("body", "title"))
    if not slots:
        return False
    line, i = rng.choice(slots)
    t = line.segs[i][0]
    form = rng.choices(["indent", "inline", "quote", "char", "tagtail"], [22, 30, 16, 18, 14])[0]
    if form == "indent" and line.segs.index(line.segs[i]) == 0:
        stripped = t.lstrip("\u3000 ")
        lead = len(t) - len(stripped)
        splice(line, i, 0, lead, rng.choice(["&nbsp;&nbsp;&nbsp;&nbsp;", "&emsp;&emsp;", "&#12288;&#12288;", "&nbsp; &nbsp; "]).rstrip(" "), ENT)
        return True
    if form == "quote":
        qs = [m for m in re.finditer("[“”「」\"]", t)]
        if qs:
            m = rng.choice(qs)
            c = m.group()
            rep = {"“": rng.choice(["&ldquo;", "&#8220;", "&quot;"]), "”": rng.choice(["&rdquo;", "&#8221;", "&quot;"]),
                   "「": "&#12300;", "」": "&#12301;", '"': rng.choice(["&quot;", "&#34;", "&amp;quot;"])}[c]
            splice(line, i, m.start(), m.end(), rep, ENT)
            return True
        form = "char"
    if form == "char":
        runs = han_runs(t, 1, 60)
        if runs:
            a, b = rng.choice(runs)
            n = min(b - a, rng.randint(1, 3))
            style = rng.choice(["dec", "hex", "HEX"])
            def enc(c):
                if style == "dec":
                    return f"&#{ord(c)};"
                if style == "hex":
                    return f"&#x{ord(c):x};"
                return f"&#X{ord(c):X};"
            splice(line, i, a, a + n, "".join(enc(c) for c in t[a:a + n]), ENT)
            return True
    if form == "tagtail":
        splice(line, i, len(t), len(t), rng.choice(["&lt;br /&gt;", "&lt;/p&gt;", "&nbsp;&nbsp;", "&lt;br&gt;&lt;br&gt;"]), ENT)
        return True
    cands = [m.end() for m in re.finditer("[，。；：]", t)]
    if not cands:
        return False
    p = rng.choice(cands)
    splice(line, i, p, p, rng.choice(ENTITY_RUNS)(rng), ENT)
    return True


# ------------------------------------------------------------------ spam


TW_PLACES = ("台北市 新北市 桃園市 臺中市 臺南市 高雄市 基隆市 新竹市 嘉義市 新竹縣 苗栗縣 彰化縣 南投縣 雲林縣 嘉義縣 "
             "屏東縣 宜蘭縣 花蓮縣 臺東縣 澎湖縣 金門縣 連江縣 中正區 大安區 信義區 松山區 士林區 北投區 內湖區 板橋區 "
             "三重區 中和區 永和區 新莊區 新店區 淡水區 汐止區 鳳山區 左營區 三民區 苓雅區 前鎮區 北屯區 西屯區 南屯區").split()
HK_PLACES = ("中西區 灣仔區 東區 南區 油尖旺區 深水埗區 九龍城區 黃大仙區 觀塘區 荃灣區 屯門區 元朗區 北區 大埔區 "
             "西貢區 沙田區 葵青區 離島區 旺角 銅鑼灣 尖沙咀 將軍澳 天水圍 上水").split()
SERVICES = ["家政公司", "装修公司", "婚纱摄影", "驾校报名", "租车", "律师事务所", "空调维修", "网站优化", "小程序开发",
            "物流专线", "搬家", "开锁换锁", "管道疏通", "月嫂", "代理记账", "翻译公司", "不孕不育医院", "男科医院",
            "整形医院", "植发", "二手车", "钢结构", "防水补漏", "除甲醛", "商务KTV", "同城约", "按摩会所"]
TOPICS = ["手游", "NBA直播", "股票配资", "基金", "二手房", "减肥", "美容", "星座运势", "壁纸", "小说下载", "影视大全",
          "高清电影", "游戏攻略", "汽车报价", "考研", "公务员考试", "外汇", "区块链", "比特币", "彩票预测", "足球推荐"]
GAMBLE_CATS = ["百家乐", "龙虎斗", "老虎机", "捕鱼达人", "真人视讯", "北京赛车pk10", "重庆时时彩", "六合彩", "牛牛",
               "炸金花", "德州扑克", "21点", "轮盘", "电子游艺", "斗地主", "麻将胡了"]
LIST_HEADS_S = ["热门城市：", "服务区域：", "业务覆盖：", "相关标签：", "热搜词：", "本站推荐：", "猜你喜欢：", "TAG：",
                "周边城市：", "热门地区", "网友还搜了：", "推荐阅读：", "热门推荐 >>", "关键字：", "分站导航："]
LIST_HEADS_T = ["熱門搜尋：", "服務地區：", "熱門地區：", "相關標籤：", "推薦閱讀：", "熱門關鍵字：", "周邊地區："]


def town_names(rng, n):
    out = []
    for _ in range(n):
        stem = rng.choice(GAZ)[:2]
        out.append(stem + rng.choice(["镇", "乡", "街道", "镇", "村", "开发区"]))
    return out


def make_list_items(doc, rng):
    trad = doc.script == "traditional"
    kind = rng.choices(["county", "town", "service", "topic", "gamble", "mixed", "twhk", "county_counts"],
                       [16, 10, 18, 10, 8, 16, 12 if trad else 2, 8])[0]
    n = rng.randint(5, 14)
    if kind == "county":
        items = rng.sample(GAZ, n)
    elif kind == "town":
        items = town_names(rng, n)
    elif kind == "service":
        svc = rng.choice(SERVICES)
        items = [p[:-1] + svc if len(p) > 2 and rng.random() < 0.5 else p + svc for p in rng.sample(GAZ, n)]
    elif kind == "topic":
        items = rng.sample(TOPICS, min(n, len(TOPICS)))
    elif kind == "gamble":
        items = rng.sample(GAMBLE_CATS, min(n, len(GAMBLE_CATS)))
    elif kind == "twhk":
        pool = TW_PLACES if rng.random() < 0.6 else HK_PLACES
        items = rng.sample(pool, min(n, len(pool)))
        if rng.random() < 0.5:
            svc = rng.choice(["搬家", "清潔", "水電維修", "冷氣安裝", "徵信社", "當舖", "借錢"])
            items = [p + svc for p in items]
    elif kind == "county_counts":
        items = [f"{p}({rng.randint(3, 999)})" for p in rng.sample(GAZ, n)]
    else:
        items = rng.sample(GAZ, n // 2) + rng.sample(TOPICS, n - n // 2)
        rng.shuffle(items)
    return items, kind


def format_list(items, rng, trad):
    shape = rng.choices(["sep", "wrap", "numbered", "block"], [55, 15, 12, 18])[0]
    sep = rng.choice([" / ", "／", " · ", " ◇ ", " ★ ", " ＊ ", "〡", ", ", " ∣ ", "　|　", " ~ ", "\t", "_", " ", "　", "、", " |", "  "])
    head = "" if rng.random() < 0.4 else rng.choice(LIST_HEADS_T if trad else LIST_HEADS_S)
    tail = rng.choice(["", "", "", " 更多>>", "……", " [更多]"])
    if shape == "wrap":
        l, r = rng.choice([("「", "」"), ("[", "]"), ("【", "】"), ("〔", "〕"), ("<", ">")])
        joiner = rng.choice(["", " ", "　"])
        return [head + joiner.join(l + x + r for x in items) + tail]
    if shape == "numbered":
        marks = rng.choice(["①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭", None])
        if marks:
            return [head + " ".join(marks[k] + x for k, x in enumerate(items[:14])) + tail]
        return [head + " ".join(f"{k + 1}、{x}" for k, x in enumerate(items))]
    if shape == "block" and len(items) >= 8:
        k = rng.randint(2, 3)
        per = (len(items) + k - 1) // k
        rows = [sep.join(items[j:j + per]) for j in range(0, len(items), per)]
        rows = [r for r in rows if r]
        if head:
            rows[0] = head + rows[0]
        return rows
    return [head + sep.join(items) + tail]


def inject_list(doc, rng):
    items, kind = make_list_items(doc, rng)
    trad = doc.script == "traditional" and rng.random() < 0.5
    if trad and kind not in ("twhk",):
        items = [s2t(x) for x in items]
    rows = format_list(items, rng, trad or kind == "twhk")
    # where: the very end (most), before foot chrome, or with a blank line first
    pos = len(doc.lines)
    while pos > 0 and doc.lines[pos - 1].role == "chrome" and rng.random() < 0.6:
        pos -= 1
    new = []
    if rng.random() < 0.35:
        new.append(Line("", role="blank"))
    for r in rows:
        new.append(Line(r, kind=LIST, role="list"))
    doc.lines[pos:pos] = new
    return True


def chrome_lines(doc, rng):
    """Head and foot page-chrome lines for this document, in its script."""
    trad = doc.script == "traditional"
    site_s = rng.choice(["码农之家", "脚本之家网", "运维派", "Linux公社", "技术博客园", "IT百科网", "学习啦", "国学梦",
                         "名言网", "诗词吧", "文库网", "阳光教育网", "红网", "XX县人民政府网"])
    site_t = rng.choice(["痞客邦", "電腦王", "國學網", "知識庫", "數位時代", "學習網", "鄉公所全球資訊網"])
    year = rng.randint(2009, 2025)
    ymd = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    hm = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    cnt = rng.randint(12, 98765)
    sec = rng.choice(["系统运维", "Linux命令", "国学经典", "名言警句", "常见问题", "技术文章", "文档中心"])
    if not trad:
        head = [
            f"当前位置：首页 > {sec} > 正文",
            f"您现在的位置是：网站首页 >> {sec} >> 详细内容",
            f"首页 › {sec} › 阅读",
            f"{site_s} / {sec} / 文章详情",
            "首页 | 新闻中心 | 技术文档 | 下载中心 | 关于我们 | 联系我们",
            "登录 | 注册 | 设为首页 | 加入收藏",
            "【大 中 小】 【打印】 【关闭】",
            f"发布者：admin  发布时间：{ymd} {hm}  阅读：{cnt:,} 次",
            f"作者：佚名  来源：本站原创  点击数：{cnt}  更新时间：{ymd}",
            f"来源：网络整理  编辑：小{rng.choice('王李张赵')}  {ymd}  浏览量：{cnt}",
            f"原创 {ymd} {hm} · {site_s}",
            "字号：T | T",
            "下载APP，阅读更多精彩内容",
            f"打开{site_s}APP，查看高清大图",
            f"{cnt}人看过 · {rng.randint(1, 99)}条评论",
            "手机阅读 · 繁體中文 · 收藏本页",
        ]
        foot = [
            "分享到：QQ空间 新浪微博 腾讯微博 人人网 微信",
            f"上一篇：{rng.choice(['如何查看端口占用', '论语十则', '菜根谭全文', '系统备份方法'])}  下一篇：{rng.choice(['没有了', '增广贤文全文', '如何挂载硬盘'])}",
            f"本文地址：https://www.{rng.choice(['jb51', 'linuxidc', 'mingyan8', 'gushi99', 'cnblog5'])}.{rng.choice(['net', 'com', 'cn'])}/{rng.choice(['article', 'html', 'news'])}/{rng.randint(10000, 999999)}.html",
            "转载请注明出处，谢谢合作！",
            f"Copyright © {year - rng.randint(3, 12)}-{year} {site_s} All Rights Reserved.",
            f"版权所有：{site_s}  {rng.choice(['京', '沪', '粤', '浙', '苏', '鲁', '豫', '皖'])}ICP备{rng.randint(10000000, 99999999)}号-{rng.randint(1, 5)}",
            f"{rng.choice(['京', '沪', '粤', '浙', '川'])}公网安备 {rng.randint(11000000000000, 51999999999999)}号",
            "免责声明：本站部分内容来自互联网，仅供学习交流，如有侵权请联系删除。",
            "点赞 收藏 分享 举报",
            "阅读全文 ∨",
            "扫描二维码，关注我们的微信公众号",
            f"关注公众号「{site_s}」，回复“资料”免费领取学习包",
            "返回顶部 ↑",
            f"{rng.randint(0, 99)} 条评论 | 我要评论",
            "关于我们 - 联系方式 - 广告服务 - 网站地图 - 意见反馈",
            f"本页面最后更新于{ymd}，总访问量{cnt * 13}",
        ]
        related = ["相关文章："] + [f"· {x}" for x in rng.sample(
            ["Linux常用命令大全", "论语全文及翻译", "如何修改文件权限", "菜根谭经典语录100句", "Debian安装教程",
             "励志名言摘抄", "磁盘分区详解", "增广贤文译文", "shell脚本入门", "谚语大全"], rng.randint(3, 5))]
    else:
        head = [
            f"首頁 > {s2t(sec)} > 內文",
            f"目前位置：首頁 ／ {s2t(sec)}",
            "::: 首頁 | 網站導覽 | English | 常見問答",
            "字級：小 中 大 ｜ 友善列印 ｜ 分享",
            f"發布日期：{year}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}　點閱數：{cnt}",
            f"文／{site_t}編輯部　{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日　人氣：{cnt}",
            "分享至 Facebook　LINE　Twitter　複製連結",
            "登入 ｜ 註冊 ｜ 加入最愛",
        ]
        foot = [
            "回到頂端 ▲",
            f"上一則：{rng.choice(['詩經選讀（一）', '常見問題集', '系統備份'])}｜下一則：{rng.choice(['詩經選讀（三）', '沒有了'])}",
            "隱私權保護政策 | 網站安全政策 | 政府網站資料開放宣告",
            f"地址：{rng.choice(['臺北市中正區', '新竹縣竹北市', '高雄市苓雅區'])}{rng.randint(1, 300)}號　電話：(0{rng.randint(2, 8)}){rng.randint(2000, 8999)}-{rng.randint(1000, 9999)}",
            "最佳瀏覽解析度 1024x768，建議使用 Chrome、Firefox 瀏覽器",
            f"Copyright © {year} {site_t} 版權所有，轉載請註明出處",
            f"總瀏覽人次：{cnt * 7}　今日人次：{rng.randint(1, 400)}",
            "本網站著作權屬於原作者，如有侵權請來信告知。",
            "免責聲明｜聯絡我們｜網站地圖",
            "延伸閱讀：",
        ]
        related = ["相關文章："] + [f"● {x}" for x in rng.sample(
            ["詩經全文", "論語名句", "Linux 指令教學", "備份與還原", "國學常識"], rng.randint(3, 4))]
    return head, foot, related


def inject_chrome(doc, rng):
    head, foot, related = chrome_lines(doc, rng)
    where = rng.choices(["head", "foot", "both", "split"], [25, 30, 35, 10])[0]
    if where in ("head", "both", "split"):
        lines = rng.sample(head, rng.randint(1, 3))
        new = [Line(x, kind=CHROME, role="chrome") for x in lines]
        if where == "split" and len(new) >= 2:
            doc.lines[0:0] = new[:1]
            doc.lines[2:2] = new[1:]
        else:
            at = 0 if rng.random() < 0.7 else 1  # before or right after the title
            doc.lines[at:at] = new
    if where in ("foot", "both"):
        k = rng.randint(1, 4)
        lines = rng.sample(foot, k)
        new = []
        if rng.random() < 0.25:
            new += [Line(x, kind=CHROME, role="chrome") for x in related]
        new += [Line(x, kind=CHROME, role="chrome") for x in lines]
        if rng.random() < 0.3:
            doc.lines.append(Line("", role="blank"))
        doc.lines.extend(new)
    return True


BRANDS_S = [
    # invented for this set
    "鸿鹄娱乐", "金沙湾国际", "九五至尊娱乐城", "盈禾体育", "亿博国际", "鼎丰棋牌", "龙腾娱乐城", "盛世彩",
    "豪客娱乐", "金樽国际", "百胜棋牌", "星河彩票", "银狐体育", "8哥棋牌", "赢家娱乐城", "帝豪国际", "鑫鼎彩",
    "云鼎娱乐", "聚星体育", "卓越彩", "QG7娱乐", "lm88体育", "威尼斯人6688", "博雅彩票网", "天游平台",
    # current and well-known
    "必赢亚洲", "大发888", "开元棋牌", "沙巴体育", "188金宝博", "明升体育", "乐虎国际", "凤凰彩票", "AG真人",
    # loans, adult, fake papers
    "闪贷宝", "秒批贷", "黑户贷款口子", "无视征信秒下款", "蜜桃直播", "午夜福利影院", "办证刻章", "代写论文",
]
DOMAINS = ["js8808.com", "www.hy678.vip", "m.ty5599.cc", "dfh88.net", "vn8.app", "www.xpj6699.com", "kk9988.top",
           "ag8.ink", "www.bet7722.org", "h5.lh365.xyz", "jk66.cn", "qp1588.com", "www.88yl.me"]
SUFFIX = ["", "", "", "官网", "app下载", "登录入口", "官方网站", "平台", "注册送38元", "最新网址"]


def pick_brand(rng, trad):
    if rng.random() < 0.25:
        b = rng.choice(DOMAINS)
        return b, b
    b = rng.choice(BRANDS_S)
    suffix = rng.choice(SUFFIX)
    full = b + suffix
    return (s2t(full) if trad and rng.random() < 0.7 else full), b


def inject_keyword(doc, rng):
    trad = doc.script == "traditional"
    brand, _ = pick_brand(rng, trad)
    second = pick_brand(rng, trad)[0] if rng.random() < 0.2 else None
    slots = plain_slots(doc, roles=("body", "title"), min_len=8)
    rng.shuffle(slots)
    want = rng.randint(2, 5)
    done = 0
    used_lines = set()
    for line, i in slots:
        if done >= want:
            break
        if id(line) in used_lines or i >= len(line.segs) or line.segs[i][1] is not None:
            continue
        t = line.segs[i][0]
        b = second if second and done % 2 else brand
        form = rng.choices(["replace", "comma", "paren", "prefix", "anchor", "title"], [35, 20, 12, 10, 13, 10])[0]
        if line.role == "title":
            form = "title"
        if form == "replace":
            runs = han_runs(t, 4, 60)
            if not runs:
                continue
            a, e = rng.choice(runs)
            p = rng.randrange(a, e - 2)
            splice(line, i, p, p + rng.randint(2, min(4, e - p)), b, KW)
        elif form == "comma":
            cs = [m.end() for m in re.finditer("，", t)]
            if not cs:
                continue
            p = rng.choice(cs)
            splice(line, i, p, p, b, KW)
            line.segs.insert(line.segs.index([b, KW]) + 1, ["，", None])
        elif form == "paren":
            cs = [m.start() for m in re.finditer("[。；]", t)]
            if not cs:
                continue
            p = rng.choice(cs)
            open_, close = ("（", "）") if rng.random() < 0.7 else ("(", ")")
            splice(line, i, p, p, b, KW)
            k = line.segs.index([b, KW])
            line.segs.insert(k, [open_, None])
            line.segs.insert(k + 2, [close, None])
        elif form == "prefix":
            if line.segs[0][1] is not None or i != 0:
                continue
            lead = rng.choice(["{}提醒您：", "{}讯 ", "【{}】"] if not trad else ["{}提醒您：", "【{}】"])
            pre, post = lead.split("{}")
            s = t.lstrip("\u3000 ")
            line.segs[0][0] = s
            line.segs[0:0] = ([[pre, None]] if pre else []) + [[b, KW]] + ([[post, None]] if post else [])
        elif form == "anchor":
            cs = [m.end() for m in re.finditer("。", t)]
            if not cs:
                continue
            p = rng.choice(cs)
            pre, post = rng.choice([("更多精彩请访问", "。"), ("详情请登录", "。"), ("推荐：", "，"), ("本文由", "整理发布。")])
            if trad:
                pre, post = s2t(pre), s2t(post)
            splice(line, i, p, p, b, KW)
            k = line.segs.index([b, KW])
            line.segs.insert(k, [pre, None])
            line.segs.insert(k + 2, [post, None])
        else:
            if line.role != "title" or line.segs[-1][1] is not None:
                continue
            line.segs.append([rng.choice([" - ", "_", " | ", "——"]), None])
            line.segs.append([b, KW])
        used_lines.add(id(line))
        done += 1
    return done >= 2


# ------------------------------------------------------------------ near misses (clean)


NEAR_S = [
    "例如，UTF-8 编码的“你好”被误当作 GBK 解码时，会显示成“浣犲ソ”，这就是常说的乱码。",
    "有人在论坛上问：为什么网页上会出现一串“锟斤拷”？原因是 U+FFFD 的 UTF-8 字节被按 GBK 重新解读。",
    "用 Visual Studio 调试时，未初始化的栈内存在调试器里会显示成“烫烫烫”，堆内存则是“屯屯屯”。",
    "在 HTML 中，不换行空格写作 &nbsp;，小于号写作 &lt;，版权符号写作 &copy;。",
    "如果要在网页中显示“<”，需要写成字符实体 &lt; 或者 &#60;。",
    "复杂度为 O(n log n)，其中 f(x) = x² + 2x + 1，取 ln(x) 的导数即可。",
    "水的化学式是 H₂O，二氧化碳是 CO₂，酸碱度用 pH 值表示。",
    "本次调整涉及以下乡镇：城关镇、东关镇、西河乡、南湖街道、北山乡，共 5 个。",
    "支持的图片格式如下：PNG、JPEG、GIF、BMP、TIFF、WebP。",
    "据新华社报道，澳门威尼斯人度假村酒店本周举办国际美食节，吸引大量游客。",
    "警方通报，该团伙以“某某娱乐”网站为平台组织网络赌博，涉案网站已被依法关停。",
    "中国福利彩票“双色球”第2023045期开奖，当期全国销量为3.6亿元。",
    "据腾讯体育报道，中国女排在本场比赛中以3比1战胜对手，获得小组第一。",
    "来源：新华社　作者：李明　责任编辑：王芳",
    "本报记者 张晓东 报道",
    "（完）",
    "文/图 陈小平",
    "该文章发布后阅读量超过10万次，引发网友热议。",
    "依次点击“文件 > 打开 > 最近使用的文件”即可找到刚才的文档。",
    "按 Ctrl+Alt+Del 可以打开任务管理器，按 Win+R 打开“运行”对话框。",
    "“行”是多音字：xíng（行走）、háng（银行）。“重”读 zhòng 时表示分量大，读 chóng 时表示再一次。",
    "厦门（Xiamen）、泉州（Quanzhou）和漳州（Zhangzhou）合称闽南金三角。",
    "输入法中，输入 zhong1 guo2 即可得到“中国”。",
    "她最喜欢的宝可梦是皮卡丘（Pikachu），也喜欢法语里的 naïve、café 和 résumé 这几个词。",
    "日语的“ありがとう”和韩语的“감사합니다”都是“谢谢”的意思。",
    "关键词：备份；恢复；磁盘配额",
    "贵州茅台（600519.SH）和腾讯控股（00700.HK）今日股价均有上涨。",
    "根据《中华人民共和国网络安全法》第二十一条的规定，网络运营者应当履行安全保护义务。",
    "联系人：王老师，联系电话：0551-62345678，电子邮箱：wang@example.edu.cn。",
    "目录：第一章 总则 …… 1　第二章 申请 …… 5　第三章 附则 …… 12",
    "这家理发店的烫发手艺很好，屯门和元朗的街坊都慕名而来。",
    "表情符号 👨\u200d👩\u200d👧 由三个人物用零宽连接符组成，显示为一家人。",
    "网页右下角的“返回顶部”按钮只是一个链接，并不是正文的一部分。",
    "他在文中写道：“版权所有，翻印必究”这八个字印在每一本书的封底。",
    "公告中列出了本次抽查的城市：北京、上海、广州、深圳、杭州、南京、成都。",
    "如需打印本页，请使用浏览器的“打印”功能；分享时请注明来源。",
]
NEAR_T = [
    "例如，UTF-8 編碼的「你好」被誤當作 Big5 解碼時，就會變成一串看不懂的字，這就是亂碼。",
    "「行」是破音字：xíng（行走）、háng（銀行）；「長」讀 cháng 或 zhǎng。",
    "臺北（Taipei）、高雄（Kaohsiung）與臺中（Taichung）是臺灣的三大都市。",
    "注音符號「ㄅㄆㄇㄈ」是國小一年級的第一課。",
    "本次停水範圍包括：中正區、大安區、信義區、松山區及內湖區。",
    "據中央社報導，澳門新濠天地本月舉辦展覽，入場人數創下新高。",
    "在 HTML 裡，空白字元可以寫成 &nbsp;，引號可以寫成 &quot;。",
    "這位理髮師的燙髮技術很好，屯門的老顧客都專程前來。",
    "鄧麗君（Teresa Teng）的歌曲至今仍廣為傳唱。",
    "聯絡人：陳小姐，電話：(02)2345-6789，傳真：(02)2345-6790。",
    "資料來源：中央社　記者：林志明　編輯：黃美玲",
    "函數 f(x) = x² 在 x = 0 處取得最小值，時間複雜度為 O(log n)。",
]


def near_block(doc, rng):
    """A multi-line passage that lists places, references or chapters the text announces."""
    trad = doc.script == "traditional"
    kind = rng.choice(["table", "towns", "refs", "toc"] + (["tw"] if trad else []))
    if kind == "table":
        n = rng.randint(4, 9)
        rows = rng.sample(GAZ, n)
        out = [f"附件：{rng.randint(2015, 2024)}年度{rng.choice(['省级文明县城', '全国科技进步示范县', '生态文明建设示范区', '电子商务进农村综合示范县'])}名单（共{n}个）",
               rng.choice(["序号　县（市、区）　备注", "序号 地区 类别"])]
        for k, p in enumerate(rows):
            out.append(f"{k + 1}　{p}　{rng.choice(['新增', '复核通过', '保留', '重新确认'])}")
        if trad:
            out = [s2t(x) for x in out]
    elif kind == "towns":
        names = town_names(rng, rng.randint(6, 10))
        out = ["本次普查共涉及以下乡镇（街道），具体如下：", "、".join(names) + f"等{len(names)}个乡镇（街道）。"]
        if trad:
            out = [s2t(x) for x in out]
    elif kind == "refs":
        out = ["参考文献：" if not trad else "參考文獻："]
        for k in range(rng.randint(3, 5)):
            out.append(f"[{k + 1}] {rng.choice(['王', '李', '张', '刘', '陈'])}{rng.choice(['伟', '敏', '静', '磊', '洋'])}. {rng.choice(['Linux 系统管理', '计算机网络', '操作系统原理', '中文信息处理', '国学概论'])}[M]. {rng.choice(['北京', '上海', '南京'])}: {rng.choice(['清华大学出版社', '人民邮电出版社', '中华书局', '商务印书馆'])}, {rng.randint(1995, 2022)}.")
        if trad:
            out = [s2t(x) for x in out]
    elif kind == "tw":
        out = ["停水區域如下："] + [f"{p}：{rng.choice(['全區', '部分里', '中山路一段至三段', '民生社區'])}" for p in rng.sample(TW_PLACES[22:], rng.randint(3, 6))]
    else:
        out = ["目录" if not trad else "目錄"]
        for k in range(rng.randint(3, 6)):
            out.append(f"第{CN_NUM[k]}章　{rng.choice(['总则', '基本概念', '安装与配置', '常见问题', '附则', '使用方法'])} {'…' * rng.randint(4, 10)} {k * rng.randint(3, 9) + 1}")
        if trad:
            out = [s2t(x) for x in out]
    return out


def add_near_misses(doc, rng):
    pool = NEAR_T if doc.script == "traditional" else NEAR_S
    if rng.random() < 0.3:
        body_pos = [j for j, l in enumerate(doc.lines) if l.role in ("body", "heading")]
        pos = rng.choice(body_pos) + 1 if body_pos and rng.random() < 0.6 else len(doc.lines)
        doc.lines[pos:pos] = [Line(x, role="near") for x in near_block(doc, rng)]
    k = rng.choices([0, 1, 2, 3], [15, 40, 30, 15])[0]
    for s in rng.sample(pool, k):
        body_pos = [j for j, l in enumerate(doc.lines) if l.role in ("body", "heading")]
        pos = rng.choice(body_pos) + 1 if body_pos and rng.random() < 0.7 else len(doc.lines)
        doc.lines.insert(pos, Line(s, role="near"))


# ------------------------------------------------------------------ assembly


INJECTORS = {
    MOJI: (inject_mojibake, 16),
    REPL: (inject_replacement, 9),
    CTRL: (inject_control, 8),
    ZW: (inject_zero_width, 8),
    PUA: (inject_private_use, 7),
    ENT: (inject_entity, 8),
    LIST: (inject_list, 20),
    CHROME: (inject_chrome, 24),
    KW: (inject_keyword, 16),
}


def build(rng):
    man_cn = load_jsonl("manpages_zh_cn.jsonl")
    man_tw = load_jsonl("manpages_zh_tw.jsonl")
    faq = load_jsonl("debian_faq_zh_cn.jsonl")
    fortunes = load_jsonl("fortunes_zh.jsonl")
    rng.shuffle(man_cn)
    rng.shuffle(man_tw)
    rng.shuffle(faq)
    docs = []
    for r in man_cn[:112]:
        docs.append(doc_from_page(r, rng))
    for r in man_tw[:95]:
        docs.append(doc_from_page(r, rng))
    for k, r in enumerate(faq[:98]):
        docs.append(doc_from_page(r, rng, script="traditional" if k % 3 == 0 else "simplified"))
    for n, (cat, window) in enumerate(fortune_pages(fortunes, rng, 95)):
        docs.append(doc_from_fortunes(cat, window, rng, n))
    docs = docs[:TARGET_DOCS]
    rng.shuffle(docs)
    for d in docs:
        if not d.source.startswith("fortunes") and rng.random() < 0.12:
            official_frame(d, rng)
        if rng.random() < 0.03:
            d.newline = "\r\n"
    clean = set(rng.sample(range(len(docs)), TARGET_CLEAN))
    out = []
    kinds = list(INJECTORS)
    for n, d in enumerate(docs):
        if n in clean:
            add_near_misses(d, rng)
        else:
            if rng.random() < 0.5:
                add_near_misses(d, rng) if rng.random() < 0.5 else None
            k = rng.choices([1, 2, 3, 4], [30, 35, 25, 10])[0]
            want = set()
            pinyin = False
            if (d.script == "traditional" and rng.random() < 0.3) or (d.script == "simplified" and rng.random() < 0.03):
                pinyin = True
                k -= 1
            while len(want) < k:
                want.add(rng.choices(kinds, [INJECTORS[x][1] for x in kinds])[0])
            # garbles first (they work inside prose), then spam lines, keyword last
            order = [x for x in KINDS if x in want]
            applied = 0
            for kind in order:
                f, _ = INJECTORS[kind]
                reps = 1 if kind in (LIST, CHROME, KW) else rng.choices([1, 2, 3], [60, 28, 12])[0]
                for _ in range(reps):
                    applied += bool(f(d, rng))
            if pinyin and plan_pinyin(d, rng):
                applied += 1
            if not applied:
                inject_chrome(d, rng)
        text, labels = d.finalize(rng)
        out.append({"id": f"holdout4-{n:04d}", "source": d.source, "script": d.script, "text": text, "labels": labels})
    return out


def check(docs):
    for d in docs:
        text = d["text"]
        b = text.encode("utf-8")
        spans = []
        for l in d["labels"]:
            assert 0 <= l["byte_start"] < l["byte_end"] <= len(b), d["id"]
            b[l["byte_start"]:l["byte_end"]].decode("utf-8")  # on char boundaries
            spans.append((l["byte_start"], l["byte_end"]))
        by_kind = {}
        for l in d["labels"]:
            by_kind.setdefault(l["kind"], []).append((l["byte_start"], l["byte_end"]))
        for k, ss in by_kind.items():
            ss.sort()
            for (a1, e1), (a2, e2) in zip(ss, ss[1:]):
                assert e1 <= a2, (d["id"], k)
        # outside garble labels there must be nothing garble-like
        masked = bytearray(b)
        for l in d["labels"]:
            if l["kind"].startswith("garble/"):
                masked[l["byte_start"]:l["byte_end"]] = b" " * (l["byte_end"] - l["byte_start"])
        rest = masked.decode("utf-8", errors="replace")
        rest = re.sub("&(nbsp|lt|quot|copy);|&#60;|“锟斤拷”|“烫烫烫”|“屯屯屯”|U\\+FFFD|\u200d", "", rest)
        m = SUSPECT.search(rest)
        assert not m, (d["id"], repr(rest[max(0, m.start() - 20):m.end() + 20]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "holdout4.jsonl"))
    args = ap.parse_args()
    rng = random.Random(SEED)
    docs = build(rng)
    check(docs)
    write_jsonl(args.out, docs)
    if args.stats:
        print_stats(docs, KINDS, sort_scripts=False)
        print("mojibake codec pairs:", ", ".join(f"{e}→{d} {n}" for (e, d), n in sorted(USED_PAIRS.items())))


if __name__ == "__main__":
    main()
