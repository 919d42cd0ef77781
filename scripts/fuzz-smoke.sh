#!/usr/bin/env bash
# Smoke run of every fuzz target (fuzz/fuzz_targets/*): one build, then each target for a
# short, seeded run over its committed corpus (fuzz/corpus/<target>). A crash, a failed
# invariant or a slow input fails the script. Installs cargo-fuzz when it is missing.
#
#   scripts/fuzz-smoke.sh            # FUZZ_SECONDS=20 per target
#   FUZZ_SECONDS=60 scripts/fuzz-smoke.sh analysis fix
#   FUZZ_TARGET_DIR=/elsewhere scripts/fuzz-smoke.sh   # default: fuzz/target
#
# Toolchain: the machine's one stable toolchain with RUSTC_BOOTSTRAP=1 (cargo-fuzz passes
# `-Z` flags; no nightly can be fetched here). Sanitizer: none. Rust is memory safe and the
# targets check panics and invariants; ASan would only slow the build and the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=never
export RUSTC_BOOTSTRAP=1
seconds="${FUZZ_SECONDS:-20}"
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=(analysis position rope_edits incremental_analysis fix)
fi

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
for t in "${targets[@]}"; do
  echo "== fuzz: $t for ${seconds} s"
  mkdir -p "$scratch/$t"
  # New inputs go to the scratch dir; the committed corpus is only read.
  log="$scratch/$t.log"
  status=0
  (cd fuzz && cargo fuzz run "${flags[@]}" "$t" "$scratch/$t" "$root/fuzz/corpus/$t" -- \
    -seed=1 -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1) >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+ +(INITED|DONE))' "$log" || true
  if [ "$status" != 0 ]; then
    tail -n 80 "$log"
    echo "== fuzz: $t FAILED (exit $status; the input is under fuzz/artifacts/$t/)"
    exit 1
  fi
done
echo "== fuzz: all targets passed"
