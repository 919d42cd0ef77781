-- Folding by section. Neovim 0.11+ folds from the server's textDocument/foldingRange through
-- vim.lsp.foldexpr(). Older versions have no LSP folding, so this module asks for foldingRange
-- itself and serves a 'foldexpr' from the answer (sections, and blocks of web spam); if that
-- request fails it folds the documentSymbol section ranges instead.
local symbols = require("jiaodui.symbols")
local client_mod = require("jiaodui.client")

local M = {}

-- bufnr -> { tick, levels = { [lnum 1-based] = foldexpr value }, source = "foldingRange"|"documentSymbol", inflight }
local buffers = {}

M.native = client_mod.has("nvim-0.11") == true

-- foldexpr values for line ranges (0-based inclusive {first, last} pairs): a line's level is the
-- number of ranges containing it, and ">N" marks where a range starts, so adjacent sections of
-- the same level stay separate folds.
local function levels_of(ranges, line_count)
  local delta = {}
  local starts = {}
  for _, r in ipairs(ranges) do
    local first, last = r[1], math.min(r[2], line_count - 1)
    if last > first then
      delta[first] = (delta[first] or 0) + 1
      delta[last + 1] = (delta[last + 1] or 0) - 1
      starts[first] = true
    end
  end
  local levels, level = {}, 0
  for lnum = 0, line_count - 1 do
    level = level + (delta[lnum] or 0)
    levels[lnum + 1] = starts[lnum] and (">" .. level) or tostring(level)
  end
  return levels
end
M._levels_of = levels_of

local function symbol_ranges(bufnr)
  local ranges = {}
  for _, h in ipairs(symbols.headings(bufnr) or {}) do
    table.insert(ranges, { h.first, h.last })
  end
  return ranges
end

-- Re-evaluates 'foldexpr' in every window showing the buffer with our fold settings.
local function update_windows(bufnr)
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_buf(win) == bufnr and vim.wo[win].foldmethod == "expr"
      and vim.wo[win].foldexpr:find("jiaodui", 1, true) then
      -- Setting 'foldmethod' again recomputes the folds from 'foldexpr'.
      vim.api.nvim_win_call(win, function()
        vim.wo[win].foldmethod = "expr"
      end)
    end
  end
end

local function store(bufnr, tick, ranges, source)
  local s = buffers[bufnr] or {}
  buffers[bufnr] = s
  s.tick = tick
  s.source = source
  s.levels = levels_of(ranges, vim.api.nvim_buf_line_count(bufnr))
  update_windows(bufnr)
end

-- Asks the server for folding ranges (pre-0.11 only); falls back to the symbols on failure.
local function refresh(bufnr)
  local s = buffers[bufnr] or {}
  buffers[bufnr] = s
  local client = client_mod.first(bufnr)
  if not client or s.inflight then
    return
  end
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  s.inflight = true
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  local sent = client_mod.request(client, "textDocument/foldingRange", params, function(err, result)
    s.inflight = false
    if not vim.api.nvim_buf_is_valid(bufnr) then
      return
    end
    if err or type(result) ~= "table" then
      store(bufnr, tick, symbol_ranges(bufnr), "documentSymbol")
      return
    end
    local ranges = {}
    for _, f in ipairs(result) do
      table.insert(ranges, { f.startLine, f.endLine })
    end
    store(bufnr, tick, ranges, "foldingRange")
  end, bufnr)
  if not sent then
    s.inflight = false
    store(bufnr, tick, symbol_ranges(bufnr), "documentSymbol")
  end
end

M.refresh = refresh

--- 'foldexpr' for Neovim before 0.11: the level of line `lnum` (1-based) from the cached ranges.
function M.expr(lnum)
  local s = buffers[vim.api.nvim_get_current_buf()]
  local level = s and s.levels and s.levels[lnum or vim.v.lnum]
  return level or "0"
end

--- Where the current folds of `bufnr` came from (pre-0.11): "foldingRange", "documentSymbol" or nil.
function M.source(bufnr)
  local s = buffers[bufnr]
  return s and s.source
end

--- Folds window `win` by section. Nothing starts closed: 'foldlevel' is set high, then zc / zM
--- / zo work as usual.
function M.enable(win)
  if vim.wo[win].foldexpr:find("jiaodui", 1, true) or vim.wo[win].foldexpr == "v:lua.vim.lsp.foldexpr()" then
    return
  end
  vim.wo[win].foldexpr = M.native and "v:lua.vim.lsp.foldexpr()"
    or "v:lua.require'jiaodui.fold'.expr(v:lnum)"
  vim.wo[win].foldmethod = "expr"
  vim.wo[win].foldlevel = 99
end

--- Follows `bufnr` (pre-0.11): new fold levels whenever its symbols were refreshed, which
--- happens after edits.
function M.attach(bufnr)
  if M.native then
    return
  end
  refresh(bufnr)
end

symbols.on_update(function(bufnr)
  if not M.native and buffers[bufnr] then
    local s = buffers[bufnr]
    if s.tick ~= vim.api.nvim_buf_get_changedtick(bufnr) or s.source ~= "foldingRange" then
      refresh(bufnr)
    end
  end
end)

return M
