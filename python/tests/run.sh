#!/usr/bin/env bash
# The Python package's tests: builds the jiaodui wheel and runs python/tests with pytest (API,
# parity with the CLI, the datatrove and Spark examples of docs/python.md). Installs what it
# needs into $JIAODUI_PY_CACHE (default ~/.cache/jiaodui-python): a venv with maturin, pytest,
# pyarrow, datatrove and pyspark from PyPI; Java 17 for Spark is the machine's `java`, else
# Debian's openjdk-17-jre-headless. The wheel is built into the shared target/ dir
# ($CARGO_TARGET_DIR); the CLI compared against is $JIAODUI, else target/release/jiaodui.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${JIAODUI_PY_CACHE:-$HOME/.cache/jiaodui-python}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
export JIAODUI=${JIAODUI:-$CARGO_TARGET_DIR/release/jiaodui}
REQUIREMENTS="maturin==1.16.* pytest==9.* pyarrow==26.* datatrove==0.10.* regex orjson pandas==2.* pyspark==4.3.*"
mkdir -p "$CACHE"
if [ "$(cat "$CACHE/requirements" 2>/dev/null)" != "$REQUIREMENTS" ] || ! [ -x "$CACHE/venv/bin/maturin" ]; then
  echo "== python: pip install $REQUIREMENTS"
  rm -rf "$CACHE/venv"
  python3 -m venv "$CACHE/venv"
  # shellcheck disable=SC2086 # one word per requirement
  "$CACHE/venv/bin/pip" install -q --disable-pip-version-check $REQUIREMENTS
  echo "$REQUIREMENTS" > "$CACHE/requirements"
fi
if ! command -v java >/dev/null; then
  echo "== python: apt-get install openjdk-17-jre-headless (Spark)"
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! [ -x "$JIAODUI" ]; then
  echo "== python: cargo build --release (the CLI the package is compared with)"
  (cd "$ROOT" && cargo build --release --locked --bin jiaodui)
fi
echo "== python: maturin build --release"
WHEELS=$CARGO_TARGET_DIR/wheels
rm -f "$WHEELS"/jiaodui-*.whl
"$CACHE/venv/bin/maturin" build --release --locked -q -m "$ROOT/python/Cargo.toml" --out "$WHEELS"
"$CACHE/venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEELS"/jiaodui-*.whl
echo "== python: pytest"
# From the tests directory, so `import jiaodui` is the installed wheel, not python/jiaodui/.
cd "$ROOT/python/tests"
"$CACHE/venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
