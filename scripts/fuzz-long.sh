#!/usr/bin/env bash
# Long fuzzing campaign: each named target for a fixed number of executions, final libFuzzer
# stats printed. This is how the README's execution counts were taken; CI runs only the
# short smoke run (scripts/fuzz-smoke.sh).
#
#   FUZZ_RUNS=10000000 scripts/fuzz-long.sh position fix
#   FUZZ_MAX_LEN=256 scripts/fuzz-long.sh position
#   FUZZ_SECONDS=3600 scripts/fuzz-long.sh analysis   # stop at the runs or the time, first
#
# Corpora: git holds only a seed set per target (fuzz/corpus/<target>, a few hundred inputs
# chosen by fuzz/select_seeds.py) and the inputs of past bugs (fuzz/regressions/<target>).
# The full corpus lives outside git, in the cache FUZZ_CACHE (default
# ${XDG_CACHE_HOME:-~/.cache}/jiaodui-fuzz/<target>): this script copies the committed seeds
# into it (existing files are kept), fuzzes with it as the corpus that new inputs are written
# to, and leaves it there for the next campaign; logs go to FUZZ_CACHE/<target>.log. After a
# campaign, refresh the committed seeds from the grown cache and commit the change:
#
#   nice -n 10 python3 fuzz/select_seeds.py position fix      # rewrites fuzz/corpus/<target>
#
# (select_seeds.py reads features with the smoke build, `cargo fuzz build --sanitizer none
# -O --debug-assertions`.) To shrink a cache that has grown large: `cargo fuzz cmin` it, or
# run the target with `-merge=1 <new dir> <cache dir>` and swap the directories. The full
# corpora of the campaigns before the cut (35,757 inputs) are in git history: to start a
# cache from them, `git archive 1125abf1 fuzz/corpus | tar -x --strip-components=2 -C
# ~/.cache/jiaodui-fuzz`.
#
# Built without libFuzzer's compare tracing (`--no-trace-compares`): with it, ~90% of the
# time went to the tracing callbacks in byte-scanning loops (ropey's line counting, token
# prefix tests), so executions were 3-10x slower. The corpora were grown with tracing on,
# so the campaign starts from inputs that already reach deep comparisons. (Different flags
# from the smoke run's, so switching between the two scripts rebuilds the targets.)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=never
export RUSTC_BOOTSTRAP=1
runs="${FUZZ_RUNS:-10000000}"
max_len="${FUZZ_MAX_LEN:-512}"
seconds="${FUZZ_SECONDS:-0}"
cache="${FUZZ_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jiaodui-fuzz}"
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
  mkdir -p "$cache/$t"
  # Seed the cache from git: files are named by their SHA-1, so copying without
  # overwriting adds exactly the seeds the cache lacks.
  cp -n "$root/fuzz/corpus/$t"/* "$cache/$t"/
  dirs=("$cache/$t")
  if [ -d "$root/fuzz/regressions/$t" ]; then
    dirs+=("$root/fuzz/regressions/$t")
  fi
  log="$cache/$t.log"
  echo "== fuzz-long: $t, $runs executions, max_len $max_len, corpus $cache/$t ($(find "$cache/$t" -type f | wc -l) inputs; log: $log)"
  start=$(date +%s)
  status=0
  (cd fuzz && cargo fuzz run "${flags[@]}" "$t" "${dirs[@]}" -- \
    -runs="$runs" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1) >"$log" 2>&1 || status=$?
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
  echo "== fuzz-long: $t exit $status after $(($(date +%s) - start)) s; $(find "$cache/$t" -type f | wc -l) inputs in $cache/$t"
  if [ "$status" != 0 ]; then
    tail -n 60 "$log"
  fi
done
