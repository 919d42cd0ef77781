#!/usr/bin/env bash
# Checks jiaodui's SARIF, rdjsonl, GitHub-annotation and statistics outputs and its pre-commit
# hooks with the tools that consume them (tests/consumers/check_consumers.py). Installs what it
# needs into $JIAODUI_TOOL_CACHE (default ~/.cache/jiaodui-tools): a Python venv with
# jsonschema and pre-commit from PyPI, and OASIS's SARIF 2.1.0 schema from the npm package
# @microsoft/jest-sarif. Binary: $JIAODUI, else target/release/jiaodui.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${JIAODUI_TOOL_CACHE:-$HOME/.cache/jiaodui-tools}
JIAODUI=${JIAODUI:-${CARGO_TARGET_DIR:-$ROOT/target}/release/jiaodui}
mkdir -p "$CACHE"
if ! "$CACHE/venv/bin/python" -c 'import jsonschema, yaml' 2>/dev/null ||
   ! [ -x "$CACHE/venv/bin/pre-commit" ]; then
  echo "== consumers: pip install jsonschema pre-commit"
  rm -rf "$CACHE/venv"
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install -q --disable-pip-version-check 'jsonschema==4.*' 'pre-commit==4.*'
fi
SCHEMA=$CACHE/sarif-2.1.0-rtm.5.json
if [ ! -s "$SCHEMA" ]; then
  echo "== consumers: npm pack @microsoft/jest-sarif (SARIF schema)"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack -q @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null &&
    tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json)
  mv "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$SCHEMA"
  rm -rf "$tmp"
fi
PATH=$CACHE/venv/bin:$PATH "$CACHE/venv/bin/python" "$ROOT/tests/consumers/check_consumers.py" "$JIAODUI" "$SCHEMA"
