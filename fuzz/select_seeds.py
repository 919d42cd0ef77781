#!/usr/bin/env python3
"""Picks the committed seed corpus of fuzz targets: the few hundred inputs that cover the most.

git holds a small seed set per target (fuzz/corpus/<target>); the full corpus grown by long
campaigns lives outside git, in the cache of scripts/fuzz-long.sh
(~/.cache/jiaodui-fuzz/<target>). This script runs the target once over the cache and the
committed seeds (libFuzzer `-set_cover_merge=1`, which writes every input's full set of
coverage features to its control file; `cargo fuzz cmin`'s plain `-merge=1` writes only the
features new to each input), then chooses greedily, up to `--budget` inputs:

1. the input covering the most edges not yet covered (ties: the smaller one), until every
   edge of the whole corpus is covered or the budget is spent;
2. then the input adding the most features (edge x hit-count bucket) not yet covered.

The chosen inputs replace fuzz/corpus/<target> (named by their SHA-1, as libFuzzer names
them). Inputs that reproduce past bugs live in fuzz/regressions/<target> and are never
dropped. Build first, with the flags of scripts/fuzz-smoke.sh:

    cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer none -O --debug-assertions
    python3 fuzz/select_seeds.py analysis fix          # budget 400 each
    python3 fuzz/select_seeds.py --budget 200 --source /tmp/more position
"""

import argparse
import hashlib
import heapq
from array import array
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["analysis", "position", "rope_edits", "incremental_analysis", "fix"]


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(os.environ.get("FUZZ_CACHE") or Path(base) / "jiaodui-fuzz")


def binary(target):
    target_dir = Path(os.environ.get("FUZZ_TARGET_DIR") or ROOT / "fuzz" / "target")
    path = target_dir / "x86_64-unknown-linux-gnu" / "release" / target
    if not path.exists():
        sys.exit(f"{path} is missing: build the fuzz targets first (see the docstring)")
    return path


def features(target, sources):
    """Runs the set-cover merge; returns ([input bytes], {index: features}, {index: size})."""
    with tempfile.TemporaryDirectory() as tmp:
        control = Path(tmp) / "control"
        out = Path(tmp) / "out"
        out.mkdir()
        # The sources overlap (the cache is seeded from git): each distinct input once.
        union = Path(tmp) / "union"
        union.mkdir()
        for d in sources:
            for p in d.iterdir():
                if p.is_file():
                    blob = p.read_bytes()
                    (union / hashlib.sha1(blob).hexdigest()).write_bytes(blob)
        cmd = [str(binary(target)), "-set_cover_merge=1", f"-merge_control_file={control}",
               "-timeout=10", "-rss_limit_mb=4096", str(out), str(union)]
        log = Path(tmp) / "log"
        with log.open("w") as f:
            status = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT).returncode
        if status != 0:
            sys.stderr.write(log.read_text()[-4000:])
            sys.exit(f"{target}: the merge failed (exit {status})")
        ft, size = {}, {}
        with control.open() as f:
            n = int(f.readline())
            f.readline()  # files in the first corpus (the empty output directory)
            files = [f.readline().rstrip("\n") for _ in range(n)]
            blobs = [Path(name).read_bytes() for name in files]
            for line in f:
                p = line.split()
                if p and p[0] == "STARTED":
                    size[int(p[1])] = int(p[2])
                elif p and p[0] == "FT":
                    ft[int(p[1])] = array("I", sorted(map(int, p[2:])))
    return blobs, ft, size


def greedy(candidates, sets, covered, size, limit):
    """Lazy greedy maximum coverage: up to `limit` candidates, each adding the most.
    `covered` is a bytearray indexed by feature (or edge), updated in place."""

    def gain(i):
        return sum(1 for f in sets[i] if not covered[f])

    heap = [(-gain(i), size[i], i) for i in candidates]
    heapq.heapify(heap)
    chosen = []
    while heap and len(chosen) < limit:
        old, s, i = heapq.heappop(heap)
        now = gain(i)
        if now == 0:
            continue
        if now != -old:
            heapq.heappush(heap, (-now, s, i))
            continue
        chosen.append(i)
        for f in sets[i]:
            covered[f] = 1
    return chosen


def count(covered):
    return sum(covered)


def select(target, budget, extra):
    corpus = ROOT / "fuzz" / "corpus" / target
    sources = [d for d in [cache_dir() / target, corpus, *extra] if d.is_dir()]
    blobs, ft, size = features(target, sources)
    # A feature is a counter's index times 8 plus its hit-count bucket: index = edge.
    edges = {i: array("I", sorted({f >> 3 for f in s})) for i, s in ft.items()}
    top = max((s[-1] for s in ft.values() if s), default=0) + 1
    all_features, all_edges = bytearray(top), bytearray((top >> 3) + 1)
    for i in ft:
        for f in ft[i]:
            all_features[f] = 1
        for e in edges[i]:
            all_edges[e] = 1
    got_edges, got_features = bytearray(len(all_edges)), bytearray(top)
    by_edges = greedy(list(ft), edges, got_edges, size, budget)
    for i in by_edges:
        for f in ft[i]:
            got_features[f] = 1
    picked = set(by_edges)
    rest = [i for i in ft if i not in picked]
    by_features = greedy(rest, ft, got_features, size, budget - len(by_edges))
    chosen = by_edges + by_features
    for i in by_features:
        for e in edges[i]:
            got_edges[e] = 1

    data = {}
    for i in chosen:
        data[hashlib.sha1(blobs[i]).hexdigest()] = blobs[i]
    tmp = corpus.with_name(corpus.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, blob in data.items():
        (tmp / name).write_bytes(blob)
    shutil.rmtree(corpus, ignore_errors=True)
    tmp.rename(corpus)
    print(f"{target}: {len(data)} of {len(ft)} inputs, "
          f"{sum(len(b) for b in data.values())} bytes; "
          f"edges {count(got_edges)}/{count(all_edges)}, "
          f"features {count(got_features)}/{count(all_features)} "
          f"({len(by_edges)} chosen for edges, {len(by_features)} for features)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--budget", type=int, default=400, help="inputs per target (400)")
    ap.add_argument("--source", action="append", type=Path, default=[],
                    help="another corpus directory to choose from")
    ap.add_argument("targets", nargs="*", default=TARGETS)
    args = ap.parse_args()
    for t in args.targets:
        select(t, args.budget, args.source)


if __name__ == "__main__":
    main()
