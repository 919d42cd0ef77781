#!/usr/bin/env bash
# Long fuzzing campaign: each named target for a fixed number of executions, starting from
# its committed corpus (read only), new inputs kept in a work directory, final libFuzzer
# stats printed. This is how the README's execution counts were taken; CI runs only the
# short smoke run (scripts/fuzz-smoke.sh).
#
#   FUZZ_RUNS=10000000 scripts/fuzz-long.sh position fix
#   FUZZ_MAX_LEN=256 FUZZ_WORK=/tmp/fuzz-work scripts/fuzz-long.sh position
#   FUZZ_SECONDS=3600 scripts/fuzz-long.sh analysis   # stop at the runs or the time, first
#
# Built without libFuzzer's compare tracing (`--no-trace-compares`): with it, ~90% of the
# time went to the tracing callbacks in byte-scanning loops (ropey's line counting, token
# prefix tests), so executions were 3-10x slower. The committed corpora were grown with
# tracing on, so the campaign starts from inputs that already reach deep comparisons.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=never
export RUSTC_BOOTSTRAP=1
runs="${FUZZ_RUNS:-10000000}"
max_len="${FUZZ_MAX_LEN:-512}"
seconds="${FUZZ_SECONDS:-0}"
work="${FUZZ_WORK:-$root/fuzz/work}"
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=(analysis position rope_edits incremental_analysis fix)
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
flags=(--sanitizer none -O --debug-assertions --no-trace-compares)
if [ -n "${FUZZ_TARGET_DIR:-}" ]; then
  flags+=(--target-dir "$FUZZ_TARGET_DIR")
fi
(cd fuzz && cargo fuzz build "${flags[@]}")
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  log="$work/$t.log"
  echo "== fuzz-long: $t, $runs executions, max_len $max_len (log: $log)"
  start=$(date +%s)
  status=0
  (cd fuzz && cargo fuzz run "${flags[@]}" "$t" "$work/$t" "$root/fuzz/corpus/$t" -- \
    -runs="$runs" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1) >"$log" 2>&1 || status=$?
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
  echo "== fuzz-long: $t exit $status after $(($(date +%s) - start)) s"
  if [ "$status" != 0 ]; then
    tail -n 60 "$log"
  fi
done
