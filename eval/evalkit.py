"""Code shared by the evaluation-set builders (eval/build.py, eval/build_holdout*.py).

Python 3 standard library only. The builders were written independently, each with its own
vocabularies, and draw their random numbers in different orders; only what behaves
identically lives here (loading the sources, the span markers, the label checks, writing
and counting), so every builder's output stays byte-identical to its committed .jsonl file.
Their garble_* / inj_* functions look alike but differ in vocabularies and in the order they
draw random numbers; merging them would change the committed sets, so they stay apart.
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

# ---------------------------------------------------------------- sources


def load_jsonl(name):
    """The records of eval/source/<name>."""
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def load_table(name, split=lambda v: v.split(" ")):
    """eval/source/<name> as {key: split(value)}: one tab between key and value; lines
    starting with # or without a tab are skipped."""
    table = {}
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            k, v = line.rstrip("\n").split("\t", 1)
            table[k] = split(v)
    return table


# ---------------------------------------------------------------- span markers
# While a document is assembled every injected span is wrapped in a pair of Unicode
# noncharacters (U+FDD0+k opens kind k, U+FDE0+k closes it); `finalize` strips them and turns
# them into UTF-8 byte offsets.

OPEN = {k: chr(0xFDD0 + i) for i, k in enumerate(KINDS)}
CLOSE = {k: chr(0xFDE0 + i) for i, k in enumerate(KINDS)}
MARK_KIND = {v: k for k, v in OPEN.items()} | {v: k for k, v in CLOSE.items()}


def mark(kind, s):
    return OPEN[kind] + s + CLOSE[kind]


def finalize(marked):
    """Strips the markers; returns (text, labels) with byte offsets."""
    out, labels, start, pos = [], [], {}, 0
    for ch in marked:
        k = MARK_KIND.get(ch)
        if k is None:
            out.append(ch)
            pos += len(ch.encode("utf-8"))
        elif ch == OPEN[k]:
            assert k not in start, ("nested", k)
            start[k] = pos
        else:
            a = start.pop(k)
            if pos > a:
                labels.append({"kind": k, "byte_start": a, "byte_end": pos})
    assert not start
    labels.sort(key=lambda l: (l["byte_start"], l["byte_end"], l["kind"]))
    return "".join(out), labels


def marked_mask(text):
    """Per char: True inside any marked span (or on a marker)."""
    depth, mask = 0, []
    for ch in text:
        k = MARK_KIND.get(ch)
        if k is not None:
            depth += 1 if ch == OPEN[k] else -1
            mask.append(True)
        else:
            mask.append(depth > 0)
    return mask


def check_labels(text, labels):
    """Labels on char boundaries, inside the text, never two of one kind overlapping; no
    marker left."""
    raw = text.encode("utf-8")
    per = {}
    for l in labels:
        assert 0 <= l["byte_start"] < l["byte_end"] <= len(raw)
        raw[l["byte_start"]:l["byte_end"]].decode("utf-8")
        per.setdefault(l["kind"], []).append((l["byte_start"], l["byte_end"]))
    for spans in per.values():
        spans.sort()
        for (a, b), (c, d) in zip(spans, spans[1:]):
            assert b <= c, "overlap"
    assert not any(c in MARK_KIND for c in text)


def split_sentences(text, ends="。！？\n"):
    """Sentences, each with its end mark."""
    out, cur = [], []
    for ch in text:
        cur.append(ch)
        if ch in ends:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


# ---------------------------------------------------------------- output


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def print_stats(rows, kinds=KINDS, sort_scripts=True):
    """Counts only (documents, scripts, labels per kind): never any text."""
    clean = sum(1 for r in rows if not r["labels"])
    scripts = {}
    for r in rows:
        scripts[r["script"]] = scripts.get(r["script"], 0) + 1
    if sort_scripts:
        scripts = dict(sorted(scripts.items()))
    size = sum(len(r["text"].encode()) for r in rows)
    print("documents: %d (clean %d), %s, %d bytes" % (len(rows), clean, scripts, size))
    print("| kind | labels | documents |\n|---|---:|---:|")
    for k in kinds:
        n = sum(1 for r in rows for l in r["labels"] if l["kind"] == k)
        d = sum(1 for r in rows if any(l["kind"] == k for l in r["labels"]))
        print("| %s | %d | %d |" % (k, n, d))
