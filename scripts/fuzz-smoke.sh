#!/usr/bin/env bash
# Smoke run of every fuzz target (fuzz/fuzz_targets/*): one build, then each target replays
# its committed seeds (fuzz/corpus/<target>, a few hundred inputs chosen by
# fuzz/select_seeds.py, plus fuzz/regressions/<target>) and then executes FUZZ_NEW_RUNS
# (10,000) new inputs. The script reads libFuzzer's INITED (after the replay) and DONE
# lines, prints the new executions per target, and fails when a target made fewer than
# 10,000 (e.g. it hit FUZZ_MAX_SECONDS on a starved machine). A crash, a failed invariant,
# a slow input or too few executions fails the script. Installs cargo-fuzz when missing.
#
#   scripts/fuzz-smoke.sh                               # every target, 10,000 new inputs each
#   FUZZ_NEW_RUNS=50000 scripts/fuzz-smoke.sh analysis fix
#   FUZZ_TARGET_DIR=/elsewhere scripts/fuzz-smoke.sh    # default: fuzz/target
#
# What is where: git holds only the seed sets (fuzz/corpus/<target>) and the regression
# inputs (fuzz/regressions/<target>); the full corpora that long campaigns grow live outside
# git, in ~/.cache/jiaodui-fuzz/<target> (scripts/fuzz-long.sh). This script writes nothing
# back: new inputs go to a scratch directory that is deleted at the end.
#
# Per-target -max_len: `position` makes hundreds of conversions per input and runs ~100
# inputs/s on its longer seeds on a loaded machine, so its new inputs are cut to 128 bytes
# (as its long campaigns did); since libFuzzer also cuts the seeds it loads to -max_len,
# its seeds are first replayed whole (`-runs=0`, a few seconds). The others keep 4096
# (libFuzzer's length control keeps new inputs short at first anyway).
#
# Toolchain: the machine's one stable toolchain with RUSTC_BOOTSTRAP=1 (cargo-fuzz passes
# `-Z` flags; no nightly can be fetched here). Sanitizer: none. Rust is memory safe and the
# targets check panics and invariants; ASan would only slow the build and the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=never
export RUSTC_BOOTSTRAP=1
new_runs="${FUZZ_NEW_RUNS:-10000}"
min_new=10000
max_seconds="${FUZZ_MAX_SECONDS:-300}"
if [ "$new_runs" -lt "$min_new" ]; then
  echo "FUZZ_NEW_RUNS must be at least $min_new" >&2
  exit 2
fi
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=(analysis position rope_edits incremental_analysis fix)
fi
max_len_of() {
  case "$1" in
    position) echo 128 ;;
    *) echo 4096 ;;
  esac
}

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== fuzz: cargo install cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# The same flags for build and run, so `cargo fuzz run` reuses the build.
flags=(--sanitizer none -O --debug-assertions)
if [ -n "${FUZZ_TARGET_DIR:-}" ]; then
  flags+=(--target-dir "$FUZZ_TARGET_DIR")
fi
echo "== fuzz: build"
start=$(date +%s)
(cd fuzz && cargo fuzz build "${flags[@]}")
echo "== fuzz: built in $(($(date +%s) - start)) s"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
summary=()
all_start=$(date +%s)
for t in "${targets[@]}"; do
  dirs=("$root/fuzz/corpus/$t")
  if [ -d "$root/fuzz/regressions/$t" ]; then
    dirs+=("$root/fuzz/regressions/$t")
  fi
  seeds=$(find "${dirs[@]}" -type f | wc -l)
  max_len=$(max_len_of "$t")
  # libFuzzer counts the replay (one empty input, then every seed) in -runs; the margin
  # covers that empty input.
  runs=$((seeds + new_runs + 16))
  echo "== fuzz: $t: replay $seeds seeds, then $new_runs new inputs (max_len $max_len)"
  mkdir -p "$scratch/$t"
  # New inputs go to the scratch dir; the committed corpus is only read.
  log="$scratch/$t.log"
  status=0
  t_start=$(date +%s)
  if [ "$max_len" -lt 4096 ]; then
    (cd fuzz && cargo fuzz run "${flags[@]}" "$t" "$scratch/$t" "${dirs[@]}" -- \
      -runs=0 -max_len=4096 -timeout=10 -rss_limit_mb=4096) >"$log" 2>&1 || status=$?
    grep -E '^#[0-9]+[[:space:]]+INITED' "$log" | sed 's/^/whole seeds: /' || true
    if [ "$status" != 0 ]; then
      tail -n 80 "$log"
      echo "== fuzz: $t FAILED on a seed (exit $status; the input is under fuzz/artifacts/$t/)"
      exit 1
    fi
  fi
  (cd fuzz && cargo fuzz run "${flags[@]}" "$t" "$scratch/$t" "${dirs[@]}" -- \
    -seed=1 -runs="$runs" -max_total_time="$max_seconds" -max_len="$max_len" -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1) >"$log" 2>&1 || status=$?
  t_secs=$(($(date +%s) - t_start))
  grep -E '^(stat::average_exec_per_sec|#[0-9]+[[:space:]]+(INITED|DONE))' "$log" || true
  if [ "$status" != 0 ]; then
    tail -n 80 "$log"
    echo "== fuzz: $t FAILED (exit $status; the input is under fuzz/artifacts/$t/)"
    exit 1
  fi
  inited=$(sed -nE 's/^#([0-9]+)[[:space:]]+INITED.*/\1/p' "$log" | tail -n 1)
  total=$(sed -nE 's/^stat::number_of_executed_units:[[:space:]]*([0-9]+).*/\1/p' "$log" | tail -n 1)
  if [ -z "$inited" ] || [ -z "$total" ]; then
    tail -n 40 "$log"
    echo "== fuzz: $t FAILED (no INITED line or final stats in libFuzzer's output)"
    exit 1
  fi
  new=$((total - inited))
  line="$t: $inited replayed, $new new executions, ${t_secs} s"
  summary+=("$line")
  echo "== fuzz: $line"
  if [ "$new" -lt "$min_new" ]; then
    echo "== fuzz: $t FAILED (fewer than $min_new new executions in ${max_seconds} s)"
    exit 1
  fi
done
echo "== fuzz: summary (${#targets[@]} targets in $(($(date +%s) - all_start)) s, build excluded)"
printf '  %s\n' "${summary[@]}"
echo "== fuzz: all targets passed"
