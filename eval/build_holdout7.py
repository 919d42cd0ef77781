#!/usr/bin/env python3
"""Builds eval/holdout7.jsonl, jiaodui's seventh held-out evaluation set (retired: scored
once for issue 14, then made a development set unstudied; eval/sets.toml).

Same schema as eval/labelled.jsonl (see eval/README.md). What is new is the prose: four
sources that no other set uses (eval/source/, rebuilt by source/extract_holdout7.py; see
eval/SOURCES.md), of genres no earlier set has:

* hkcancor_yue — the Hong Kong Cantonese Corpus: transcribed conversations (radio
  programmes and other recordings of the late 1990s), written Cantonese in Traditional
  characters, one speaker turn per paragraph ("A：…");
* gcin_readme_zh_tw — the README of the gcin input method, written in Traditional Chinese by
  its Taiwanese author (not a translation);
* aisleriot_help_zh_cn — the AisleRiot solitaire rules, Simplified, two in five served
  converted to Traditional;
* lilypond_doc_zh — the translated pages of the LilyPond 2.24 manuals (music engraving),
  Simplified, two in five served converted to Traditional.

The injections, near misses and clean share are those of eval/build_holdout5.py (imported,
not copied), drawn with this file's own seed; so this set measures the detectors on unseen
prose (conversation and native Taiwan writing among it), not on unseen spam vocabularies.

Written and run without reading the generated text (only the counts of --stats). Its text
must never enter code, comments, lexicons or tests (eval/README.md, "Protocol").

Python 3 standard library only, deterministic:

    python3 eval/build_holdout7.py [--stats] [--out PATH]
"""

import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build_holdout5 as b5  # noqa: E402
import evalkit  # noqa: E402

SEED = 0x484F4C37  # "HOL7", fixed before anything was generated
# (source file, documents, share served in Traditional characters, written in Traditional)
PROSE = [
    ("hkcancor_yue.jsonl", 170, 1.0, True),
    ("aisleriot_help_zh_cn.jsonl", 85, 0.4, False),
    ("gcin_readme_zh_tw.jsonl", 25, 1.0, True),
    ("lilypond_doc_zh.jsonl", 20, 0.4, False),
]


def transcript_docs(rng, name, n):
    """A conversation page: 4 to 14 consecutive turns of one record, from a random turn."""
    recs = b5.load_jsonl(name)
    out = []
    for _ in range(n):
        rec = recs[rng.randrange(len(recs))]
        k = rng.randint(4, 14)
        i = rng.randrange(max(1, len(rec["paras"]) - k + 1))
        out.append((name.replace(".jsonl", ""), rec["title"], [("body", p) for p in rec["paras"][i:i + k]]))
    return out


def make_prose(rng):
    items = []
    for name, n, trad, native in PROSE:
        draw = transcript_docs if name == "hkcancor_yue.jsonl" else b5.docbook_docs
        for src, title, paras in draw(rng, name, n):
            script = "traditional" if native or rng.random() < trad else "simplified"
            items.append((src, script, title, paras, native))
    rng.shuffle(items)
    docs = []
    for src, script, title, paras, native in items:
        if script == "traditional" and not native:
            title = b5.to_trad(title)
            paras = [(k, b5.to_trad(p)) for k, p in paras]
        docs.append(b5.Doc(src, script, title, paras, rng))
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "holdout7.jsonl"))
    args = ap.parse_args()
    for name, _, _, _ in PROSE:
        b5.OTHER_TITLES[name.replace(".jsonl", "")] = [s["title"] for s in b5.load_jsonl(name)]
    b5.make_prose = make_prose
    rng = random.Random(SEED)
    docs = b5.build(rng)
    try:
        b5.check(docs)
    except AssertionError:
        # The message quotes the text; a held-out set's text is not to be read.
        sys.exit("holdout7: self-check failed (message withheld: it quotes the held-out text)")
    for n, d in enumerate(docs):
        del d["_near"]
        d["id"] = "holdout7-%04d" % n
    evalkit.write_jsonl(args.out, docs)
    if args.stats:
        evalkit.print_stats(docs, b5.KINDS)


if __name__ == "__main__":
    main()
