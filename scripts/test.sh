#!/usr/bin/env bash
# The README's test command: every Rust test (unit, integration, CLI, LSP, evaluation), a
# short run of each fuzz target, then the real-editor tests when their script exists.
# Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
echo "== cargo build --release (binary used by CLI, LSP and editor tests)"
cargo build --release --locked
echo "== cargo test"
cargo test --release --locked
echo "== trust on real text: mojibake repairs, clean documents, ftfy's cases (scripts/trust.py --check)"
JIAODUI=${JIAODUI:-${CARGO_TARGET_DIR:-target}/release/jiaodui} python3 scripts/trust.py --check
echo "== Python package: API, CLI parity, datatrove and Spark (python/tests/run.sh)"; python/tests/run.sh
echo "== output formats and pre-commit hooks, read by their consumers (tests/consumers/run.sh)"
tests/consumers/run.sh
if [ "${JIAODUI_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzz smoke (scripts/fuzz-smoke.sh)"
  scripts/fuzz-smoke.sh
fi
if [ -x scripts/editor-tests.sh ] && [ "${JIAODUI_SKIP_EDITORS:-0}" != 1 ]; then
  echo "== editor tests"
  scripts/editor-tests.sh
fi
echo "== all tests passed"
