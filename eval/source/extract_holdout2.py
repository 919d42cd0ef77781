#!/usr/bin/env python3
"""Rebuilds the source texts of the second held-out set (eval/build_holdout2.py).

Reads the unpacked Debian packages `debian-handbook` (zh-CN and zh-TW HTML) and
`gnome-user-docs` (zh_CN Mallard pages) and writes, in eval/source/:

    debian_handbook_zh_cn.jsonl   debian_handbook_zh_tw.jsonl   gnome_help_zh_cn.jsonl

one {"source", "script", "text"} object per page: its title, then its paragraphs (mostly
Han prose; untranslated English paragraphs and code are dropped). See eval/SOURCES.md.

usage: extract_holdout2.py DEBIAN_HANDBOOK_DEB_ROOT GNOME_USER_DOCS_DEB_ROOT
(each the directory a `dpkg-deb -x` of the .deb produced)
"""
import glob
import html
import json
import os
import re
import sys

OUT = os.path.dirname(os.path.abspath(__file__))
BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad\ue000-\uf8ff\ufffd]"
    "|&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;|锟斤拷|烫烫|屯屯"
)


def han_share(t):
    return sum(1 for c in t if "\u4e00" <= c <= "\u9fff") / max(1, len(t))


def flatten(fragment):
    t = re.sub(r"<[^>]+>", "", fragment)
    t = html.unescape(t)
    return re.sub(r"\s+", " ", t).strip()


def keep(t):
    return len(t) >= 12 and han_share(t) >= 0.35 and not BAD.search(t)


def handbook(root, loc, script):
    docs = []
    base = os.path.join(root, "usr/share/doc/debian-handbook/html", loc)
    for path in sorted(glob.glob(os.path.join(base, "*.html"))):
        s = open(path, encoding="utf-8").read()
        m = re.search(r"<title[^>]*>(.*?)</title>", s, re.S)
        title = flatten(m.group(1)) if m else ""
        # drop program listings and screens before taking paragraphs
        s = re.sub(r"<pre.*?</pre>", "", s, flags=re.S)
        paras = [flatten(p) for p in re.findall(r'<div class="para">(.*?)</div>', s, re.S)]
        paras = [p for p in paras if keep(p)]
        if len(paras) >= 3:
            docs.append({"source": "debian-handbook-%s:%s" % (loc, os.path.basename(path)),
                         "script": script, "text": "\n".join([title] + paras)})
    return docs


def gnome_help(root):
    docs = []
    base = os.path.join(root, "usr/share/help/zh_CN/gnome-help")
    for path in sorted(glob.glob(os.path.join(base, "*.page"))):
        s = open(path, encoding="utf-8").read()
        s = re.sub(r"<info>.*?</info>", "", s, flags=re.S)
        m = re.search(r"<title[^>]*>(.*?)</title>", s, re.S)
        title = flatten(m.group(1)) if m else ""
        paras = [flatten(p) for p in re.findall(r"<p[^>]*>(.*?)</p>", s, re.S)]
        paras = [p for p in paras if keep(p)]
        if len(paras) >= 3 and keep(title + "。" * 12):
            docs.append({"source": "gnome-user-docs-zh_CN:" + os.path.basename(path),
                         "script": "simplified", "text": "\n".join([title] + paras)})
    return docs


def write(name, docs):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(name, len(docs), os.path.getsize(os.path.join(OUT, name)))


def main():
    hb, gn = sys.argv[1], sys.argv[2]
    write("debian_handbook_zh_cn.jsonl", handbook(hb, "zh-CN", "simplified"))
    write("debian_handbook_zh_tw.jsonl", handbook(hb, "zh-TW", "traditional"))
    write("gnome_help_zh_cn.jsonl", gnome_help(gn))


if __name__ == "__main__":
    main()
