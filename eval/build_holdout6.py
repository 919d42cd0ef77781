#!/usr/bin/env python3
"""Builds eval/holdout6.jsonl, jiaodui's sixth held-out evaluation set (scored once, retired unstudied).

Same schema as eval/labelled.jsonl (see eval/README.md). What is new is the prose: three
manuals that no other set uses (eval/source/, rebuilt by source/extract_holdout6.py; see
eval/SOURCES.md) — the KiCad 6 manuals, the Debian Edu bookworm manual and the translated
pages of the GIMP 2.10 manual, all Simplified Chinese, two in five documents served converted
to Traditional with OpenCC's character table. The injections, near misses and clean share are
those of eval/build_holdout5.py (imported, not copied), drawn with this file's own seed; so
this set measures the detectors on unseen prose, not on unseen spam vocabularies.

Written and run without reading the generated text (only the counts of --stats). Its text
must never enter code, comments, lexicons or tests (eval/README.md, "Protocol").

Python 3 standard library only, deterministic:

    python3 eval/build_holdout6.py [--stats] [--out PATH]
"""

import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build_holdout5 as b5  # noqa: E402
import evalkit  # noqa: E402

SEED = 0x484F4C36  # "HOL6", fixed before anything was generated
# (source file, documents, share served in Traditional characters)
PROSE = [
    ("kicad_doc_zh.jsonl", 130, 0.4),
    ("debian_edu_manual_zh_cn.jsonl", 100, 0.4),
    ("gimp_help_zh_cn.jsonl", 70, 0.4),
]


def make_prose(rng):
    items = []
    for name, n, trad in PROSE:
        for src, title, paras in b5.docbook_docs(rng, name, n):
            items.append((src, "traditional" if rng.random() < trad else "simplified", title, paras))
    rng.shuffle(items)
    docs = []
    for src, script, title, paras in items:
        if script == "traditional":
            title = b5.to_trad(title)
            paras = [(k, b5.to_trad(p)) for k, p in paras]
        docs.append(b5.Doc(src, script, title, paras, rng))
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "holdout6.jsonl"))
    args = ap.parse_args()
    for name, _, _ in PROSE:
        b5.OTHER_TITLES[name.replace(".jsonl", "")] = [s["title"] for s in b5.load_jsonl(name)]
    b5.make_prose = make_prose
    rng = random.Random(SEED)
    docs = b5.build(rng)
    try:
        b5.check(docs)
    except AssertionError:
        # The message quotes the text; a held-out set's text is not to be read.
        sys.exit("holdout6: self-check failed (message withheld: it quotes the held-out text)")
    for n, d in enumerate(docs):
        del d["_near"]
        d["id"] = "holdout6-%04d" % n
    evalkit.write_jsonl(args.out, docs)
    if args.stats:
        evalkit.print_stats(docs, b5.KINDS)


if __name__ == "__main__":
    main()
