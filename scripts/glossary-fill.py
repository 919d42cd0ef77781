#!/usr/bin/env python3
"""Fill in and normalise data/glossary.toml.

For every [[term]] entry this adds what can be derived mechanically and
rewrites the file in canonical form:
  * `pinyin` when missing: tone-marked syllables, one per Han character
    (pypinyin, phrase-aware);
  * the Traditional form (OpenCC s2t) as the first variant when it differs
    from the term and is not listed yet.
Review the pinyin of heteronyms by hand; `cargo test glossary` checks that
each syllable is a reading of its character and that the Traditional
variant agrees with hanconv's s2t.

Usage: scripts/glossary-fill.py [--import COMPACT.txt] [data/glossary.toml]

COMPACT.txt holds new entries as blocks separated by blank lines:
  term|category|source|related1;related2|alt wording1;alt wording2
  definition
Requires: pip install pypinyin opencc-python-reimplemented
"""
import json
import sys
import tomllib

import opencc
from pypinyin import Style, pinyin

S2T = opencc.OpenCC("s2t")
FIELDS = ["term", "variants", "pinyin", "category", "definition", "source", "related"]


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def fill(entry):
    term = entry["term"]
    if not entry.get("pinyin"):
        syl = [s[0] for s in pinyin(term, style=Style.TONE, errors="ignore")]
        han = [c for c in term if is_han(c)]
        if len(syl) != len(han):
            raise SystemExit(f"pinyin count mismatch for {term}: {syl}")
        entry["pinyin"] = " ".join(syl)
    variants = entry.get("variants", [])
    trad = S2T.convert(term)
    if trad != term and trad not in variants:
        variants.insert(0, trad)
    entry["variants"] = variants
    entry.setdefault("related", [])
    return entry


def parse_compact(text):
    out = []
    for block in text.strip().split("\n\n"):
        lines = [l for l in block.strip().splitlines() if l.strip()]
        if not lines:
            continue
        head = lines[0].split("|")
        head += [""] * (5 - len(head))
        term, category, source, related, alts = (h.strip() for h in head[:5])
        out.append({
            "term": term,
            "variants": [a for a in alts.split(";") if a],
            "category": category,
            "definition": "".join(l.strip() for l in lines[1:]),
            "source": source,
            "related": [r for r in related.split(";") if r],
        })
    return out


def dump(entries):
    parts = ["# Glossary of terms used in Chinese party-building and government documents.\n"
             "# Schema: see src/analysis/glossary.rs. Regenerate derived fields with\n"
             "# scripts/glossary-fill.py. Definitions are the project's own wording.\n"]
    for e in entries:
        lines = ["[[term]]"]
        for k in FIELDS:
            v = e.get(k, [] if k in ("variants", "related") else "")
            lines.append(f"{k} = {json.dumps(v, ensure_ascii=False)}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def main(argv):
    path = "data/glossary.toml"
    imports = []
    args = iter(argv)
    for a in args:
        if a == "--import":
            imports.append(next(args))
        else:
            path = a
    with open(path, "rb") as f:
        entries = tomllib.load(f).get("term", [])
    for imp in imports:
        with open(imp, encoding="utf-8") as f:
            entries.extend(parse_compact(f.read()))
    entries = [fill(e) for e in entries]
    with open(path, "w", encoding="utf-8") as f:
        f.write(dump(entries))
    print(f"{len(entries)} entries written to {path}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
