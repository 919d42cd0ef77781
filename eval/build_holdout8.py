#!/usr/bin/env python3
"""Builds eval/holdout8.jsonl, jiaodui's eighth held-out evaluation set (the current blind one).

Same schema as eval/labelled.jsonl (see eval/README.md). What is new is the prose: eight
source files that no other set uses (eval/source/, rebuilt by source/extract_holdout8.py;
see eval/SOURCES.md), each written natively in its script (no converted pages), of genres no
earlier set has:

* wesnoth_story_zh_cn / wesnoth_story_zh_tw — the story of Battle for Wesnoth's campaigns
  (fantasy fiction: narration pages and dialogue lines "名字：…"), five campaigns in
  Simplified, five others in Traditional; a page is 4 to 14 consecutive paragraphs of one
  scenario;
* wesnoth_units_zh_cn / wesnoth_units_zh_tw — the game encyclopedia's unit descriptions
  (lore), a page of 2 to 5 consecutive units of one race, each under its name;
* emacs_tutorial_zh_cn / emacs_tutorial_zh_tw — the GNU Emacs tutorial (key sequences such
  as C-v and M-x in the prose);
* vim_tutor_zh_cn / vim_tutor_zh_tw — the Vim tutor (hard-wrapped lines).

The injections, near misses and clean share are those of eval/build_holdout5.py (imported,
not copied), drawn with this file's own seed; so this set measures the detectors on unseen
prose (fiction, dialogue, game lore, editor tutorials), not on unseen spam vocabularies.

Written and run without reading the generated text (only the counts of --stats). Its text
must never enter code, comments, lexicons or tests (eval/README.md, "Protocol").

Python 3 standard library only, deterministic:

    python3 eval/build_holdout8.py [--stats] [--out PATH]
"""

import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build_holdout5 as b5  # noqa: E402
import evalkit  # noqa: E402

SEED = 0x484F4C38  # "HOL8", fixed before anything was generated
# (source file, documents, script: every source is written natively in its script)
PROSE = [
    ("wesnoth_story_zh_cn.jsonl", 70, "simplified"),
    ("wesnoth_story_zh_tw.jsonl", 70, "traditional"),
    ("wesnoth_units_zh_cn.jsonl", 40, "simplified"),
    ("wesnoth_units_zh_tw.jsonl", 40, "traditional"),
    ("emacs_tutorial_zh_cn.jsonl", 20, "simplified"),
    ("emacs_tutorial_zh_tw.jsonl", 20, "traditional"),
    ("vim_tutor_zh_cn.jsonl", 20, "simplified"),
    ("vim_tutor_zh_tw.jsonl", 20, "traditional"),
]


def story_docs(rng, name, n):
    """A story page: 4 to 14 consecutive paragraphs of one scenario, from a random one."""
    recs = b5.load_jsonl(name)
    out = []
    for _ in range(n):
        rec = recs[rng.randrange(len(recs))]
        k = rng.randint(4, 14)
        i = rng.randrange(max(1, len(rec["paras"]) - k + 1))
        out.append((name.replace(".jsonl", ""), rec["title"], [("body", p) for p in rec["paras"][i:i + k]]))
    return out


def unit_docs(rng, name, n):
    """An encyclopedia page: 2 to 5 consecutive unit types of one race, each under its name
    (the first one's name is the page title)."""
    recs = b5.load_jsonl(name)
    out = []
    for _ in range(n):
        i = rng.randrange(len(recs))
        units = [recs[i]]
        for r in recs[i + 1:i + rng.randint(2, 5)]:
            if r["race"] != recs[i]["race"]:
                break
            units.append(r)
        paras = [("body", p) for p in units[0]["paras"]]
        for u in units[1:]:
            paras.append(("heading", u["title"]))
            paras += [("body", p) for p in u["paras"]]
        out.append((name.replace(".jsonl", ""), units[0]["title"], paras))
    return out


def make_prose(rng):
    items = []
    for name, n, script in PROSE:
        if name.startswith("wesnoth_story"):
            draw = story_docs
        elif name.startswith("wesnoth_units"):
            draw = unit_docs
        else:
            draw = b5.docbook_docs
        for src, title, paras in draw(rng, name, n):
            items.append((src, script, title, paras))
    rng.shuffle(items)
    return [b5.Doc(src, script, title, paras, rng) for src, script, title, paras in items]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "holdout8.jsonl"))
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
        sys.exit("holdout8: self-check failed (message withheld: it quotes the held-out text)")
    for n, d in enumerate(docs):
        del d["_near"]
        d["id"] = "holdout8-%04d" % n
    evalkit.write_jsonl(args.out, docs)
    if args.stats:
        evalkit.print_stats(docs, b5.KINDS)
        by_source = {}
        for d in docs:
            by_source[d["source"]] = by_source.get(d["source"], 0) + 1
        print("documents per source:", dict(sorted(by_source.items())))


if __name__ == "__main__":
    main()
