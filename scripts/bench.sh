#!/usr/bin/env bash
# Benchmarks `jiaodui check` (throughput on one core over ~10 MB of mixed Chinese text, and
# startup), then ftfy over the same text for comparison. Prints a Markdown table.
# Usage: scripts/bench.sh [SIZE_MB]   (needs python3; installs ftfy into a venv under target/)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-10}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --locked -q
bin=$target/release/jiaodui
work=$target/bench
mkdir -p "$work"
python3 eval/make_bench.py "$work/bench.txt" --size-mb "$size_mb" >/dev/null
bytes=$(stat -c %s "$work/bench.txt")
printf '手机(jī)版\n' > "$work/tiny.txt"

# Best of 3: wall seconds and CPU seconds (user + sys, best run each; on a busy machine wall
# time mostly measures the other load, CPU time what jiaodui itself costs). Throughput
# (CPU) is bytes / CPU-seconds on the one core taskset allows. CPU times come from os.times,
# in 10 ms ticks; for finer startup numbers use `perf stat -r 10 -e task-clock`.
secs() { python3 - "$@" <<'PY'
import os, subprocess, sys, time
best = None
for _ in range(3):
    before = os.times()
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    best = (wall, cpu) if best is None else (min(best[0], wall), min(best[1], cpu))
print(f"{best[0]:.3f} {best[1]:.3f}")
PY
}
read -r check_s check_cpu < <(secs taskset -c 0 "$bin" check --format json "$work/bench.txt")
read -r startup_s startup_cpu < <(secs taskset -c 0 "$bin" check --format json "$work/tiny.txt")
# A small file that needs the jieba dictionary (an appended place-name list): startup with
# dictionaries loaded.
printf '正文第一段。\n\n夏河县| 芒康县| 科技| 尉犁县| 崇义县| 陇西县\n' > "$work/dict.txt"
read -r dict_s dict_cpu < <(secs taskset -c 0 "$bin" check --format json "$work/dict.txt")
# The seed page: jieba on candidate spans, OpenCC phrase tables for script/mixed, every detector.
read -r seed_s seed_cpu < <(secs taskset -c 0 "$bin" check --format json tests/fixtures/seed.txt)
findings=$("$bin" check --format json "$work/bench.txt" | wc -l || true)

if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q ftfy
fi
ftfy_s=$("$work/venv/bin/python" - "$work/bench.txt" <<'PY'
import sys, time, ftfy
text = open(sys.argv[1], encoding="utf-8").read()
t = time.perf_counter(); ftfy.fix_text(text); print(f"{time.perf_counter() - t:.3f}")
PY
)
mb=$(python3 -c "print(f'{$bytes/1e6:.1f}')")
echo "| tool | input | wall time | throughput (wall) | CPU time | throughput (CPU) | findings |"
echo "|---|---|---|---|---|---|---|"
echo "| jiaodui check --format json (1 core) | $mb MB | ${check_s} s | $(python3 -c "print(f'{$bytes/1e6/$check_s:.1f}')") MB/s | ${check_cpu} s | $(python3 -c "print(f'{$bytes/1e6/max($check_cpu,1e-3):.1f}')") MB/s | $findings |"
echo "| jiaodui startup, tiny file (no dictionary needed) | 12 B | ${startup_s} s | | ${startup_cpu} s | | |"
echo "| jiaodui startup, small file that needs jieba | 80 B | ${dict_s} s | | ${dict_cpu} s | | |"
echo "| jiaodui check, the seed page (all dictionaries it needs) | $(stat -c %s tests/fixtures/seed.txt) B | ${seed_s} s | | ${seed_cpu} s | | |"
echo "| ftfy.fix_text (Python, in-process, excludes import) | $mb MB | ${ftfy_s} s | $(python3 -c "print(f'{$bytes/1e6/$ftfy_s:.1f}')") MB/s | | | (repairs only UTF-8/Latin-1 mojibake) |"
