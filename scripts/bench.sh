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

secs() { python3 - "$@" <<'PY'
import subprocess, sys, time
best = None
for _ in range(3):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = time.perf_counter() - t
    best = d if best is None or d < best else best
print(f"{best:.3f}")
PY
}
check_s=$(secs taskset -c 0 "$bin" check --format json "$work/bench.txt")
startup_s=$(secs taskset -c 0 "$bin" check --format json "$work/tiny.txt")
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
echo "| tool | input | time | throughput | findings |"
echo "|---|---|---|---|---|"
echo "| jiaodui check --format json (1 core) | $mb MB | ${check_s} s | $(python3 -c "print(f'{$bytes/1e6/$check_s:.1f}')") MB/s | $findings |"
echo "| jiaodui startup (tiny file, dictionaries loaded) | 12 B | ${startup_s} s | | |"
echo "| ftfy.fix_text (Python, in-process, excludes import) | $mb MB | ${ftfy_s} s | $(python3 -c "print(f'{$bytes/1e6/$ftfy_s:.1f}')") MB/s | (repairs only UTF-8/Latin-1 mojibake) |"
