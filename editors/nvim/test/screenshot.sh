#!/usr/bin/env bash
# Terminal screenshot of :JiaoduiOutline on the seed: real Neovim in tmux, the cursor in section 三,
# the winbar showing breadcrumb(). Writes OUT_DIR/nvim-outline.txt (capture-pane text) and, when
# Pillow is importable by $PYTHON, OUT_DIR/nvim-outline.png (rendered by ansi_png.py).
#   JIAODUI=/abs/jiaodui NVIM=/abs/nvim [PYTHON=python3] editors/nvim/test/screenshot.sh OUT_DIR
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
NVIM=${NVIM:-nvim}
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jiaodui-nvim-shot.XXXXXX")
SESSION=jiaodui-shot-$$
cp "$ROOT/tests/fixtures/seed.txt" "$WORK/seed.txt"
cat >"$WORK/init.lua" <<EOF
vim.opt.runtimepath:prepend("$ROOT/editors/nvim")
vim.cmd("filetype on")
vim.o.termguicolors = true
vim.o.winbar = "%{v:lua.require'jiaodui'.breadcrumb()}"
require("jiaodui").setup({ cmd = { "$JIAODUI", "lsp" } })
EOF
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cd "$WORK"
LANG=C.UTF-8 tmux -u new-session -d -s "$SESSION" -x 100 -y 28 \
  "XDG_STATE_HOME=$WORK/state $NVIM -u $WORK/init.lua -i NONE seed.txt"
attached() {
  tmux send-keys -t "$SESSION" ":lua vim.g.jd = #require'jiaodui'.clients(0)" Enter \
    ":echo 'attached=' . g:jd" Enter
  sleep 0.3
  tmux capture-pane -p -t "$SESSION" | grep -q 'attached=1'
}
for _ in $(seq 1 40); do attached && break; sleep 0.5; done
tmux send-keys -t "$SESSION" ":JiaoduiOutline" Enter
sleep 1
tmux send-keys -t "$SESSION" C-w l "30G" ":echo ''" Enter
sleep 1.5
tmux capture-pane -p -t "$SESSION" >"$OUT/nvim-outline.txt"
tmux capture-pane -e -p -t "$SESSION" >"$WORK/nvim-outline.ans"
if "$PYTHON" -c 'import PIL' 2>/dev/null; then
  "$PYTHON" "$HERE/ansi_png.py" "$WORK/nvim-outline.ans" "$OUT/nvim-outline.png"
fi
ls -l "$OUT"/nvim-outline.*
