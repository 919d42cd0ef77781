#!/usr/bin/env python3
"""Rebuilds the source files of the sixth held-out set (eval/holdout6.jsonl) from packages.

Unpack the packages first (nothing of them is committed but these extracts):

    apt-get download gimp-help-zh-cn kicad-doc-zh debian-edu-doc-zh-cn
    for f in *.deb; do d=${f%%_*}; mkdir -p x/$d && dpkg-deb -x $f x/$d; done
    python3 eval/source/extract_holdout6.py x

Writes, next to this script, one {"title", "paras"} record per section:

* gimp_help_zh_cn.jsonl — the GIMP 2.10 user manual in Simplified Chinese (DocBook HTML).
* kicad_doc_zh.jsonl — the KiCad 6 manuals in Simplified Chinese (Asciidoctor HTML).
* debian_edu_manual_zh_cn.jsonl — the Debian Edu bookworm manual in Simplified Chinese.

Only paragraphs at least a third Han characters are kept; tables, program listings and
mostly-English paragraphs are dropped (the parser and filters of extract_holdout5.py).
The KiCad pages carry a few U+200B ZERO WIDTH SPACEs (line-break hints of the HTML
generator); they are removed, since the set labels every zero-width character it has.
The extraction was written and run without reading the extracted text: it prints counts only.
Standard library only.
"""

import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract_holdout5 import extract_docbook  # noqa: E402


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    files = {
        "gimp_help_zh_cn.jsonl": sorted(glob.glob(os.path.join(root, "gimp-help-zh-cn/usr/share/gimp/2.0/help/zh_CN/**/*.html"), recursive=True)),
        "kicad_doc_zh.jsonl": sorted(glob.glob(os.path.join(root, "kicad-doc-zh/usr/share/doc/kicad/help/zh/*.html"))),
        "debian_edu_manual_zh_cn.jsonl": [os.path.join(root, "debian-edu-doc-zh-cn/usr/share/doc/debian-edu-doc-zh-cn/debian-edu-bookworm-manual.html")],
    }
    for name, paths in files.items():
        recs = extract_docbook(paths)
        for r in recs:
            r["title"] = r["title"].replace("\u200b", "")
            r["paras"] = [p.replace("\u200b", "") for p in r["paras"]]
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(name, len(paths), "files", len(recs), "records", sum(len(p) for r in recs for p in r["paras"]), "chars")


if __name__ == "__main__":
    main()
