"""Code shared by the evaluation-set builders (eval/build_holdout*.py).

Python 3 standard library only. The builders were written independently and draw their
random numbers in different orders; only what is identical in behaviour lives here, so every
builder's output stays byte-identical to its committed .jsonl file.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "source")

KINDS = [
    "garble/inline-pinyin",
    "garble/mojibake",
    "garble/replacement",
    "garble/control",
    "garble/zero-width",
    "garble/private-use",
    "garble/html-entity",
    "spam/appended-list",
    "spam/boilerplate",
    "spam/keyword-injection",
]


def load_jsonl(name):
    """The records of eval/source/<name>."""
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def load_table(name):
    """eval/source/<name> as {key: [values]}: tab-separated key, space-separated values;
    lines starting with # or without a tab are skipped."""
    table = {}
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            k, v = line.rstrip("\n").split("\t", 1)
            table[k] = v.split(" ")
    return table


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def print_stats(rows, kinds=KINDS):
    """Counts only (documents, scripts, labels per kind): never any text."""
    clean = sum(1 for r in rows if not r["labels"])
    scripts = {}
    for r in rows:
        scripts[r["script"]] = scripts.get(r["script"], 0) + 1
    size = sum(len(r["text"].encode()) for r in rows)
    print("documents: %d (clean %d), %s, %d bytes" % (len(rows), clean, dict(sorted(scripts.items())), size))
    print("| kind | labels | documents |\n|---|---:|---:|")
    for k in kinds:
        n = sum(1 for r in rows for l in r["labels"] if l["kind"] == k)
        d = sum(1 for r in rows if any(l["kind"] == k for l in r["labels"]))
        print("| %s | %d | %d |" % (k, n, d))
