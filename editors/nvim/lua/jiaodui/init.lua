-- jiaodui (校对) for Neovim: starts `jiaodui lsp` for text and Markdown buffers, and adds
-- section navigation on top of the server's outline.
--
--   require("jiaodui").setup({
--     cmd = { "jiaodui", "lsp" },          -- default; or { "/abs/path/jiaodui", "lsp" }
--     filetypes = { "text", "markdown" },  -- default
--     root_markers = { "jiaodui.toml", ".git" },
--     settings = { locale = "zh", disable = { "spam" }, severity = { ["script/mixed"] = "info" } },
--     motions = true,                      -- ]] [[ ][ [] (a table renames them, false: none)
--     folding = true,                      -- fold by section
--     outline = { width = 40, side = "left" },
--   })
--
-- Works on Neovim 0.7 through 0.11+: on 0.11+ it registers the server with vim.lsp.config and
-- vim.lsp.enable; before that it starts the client itself from a FileType autocmd.
-- :JiaoduiOutline (outline.lua), the motions (motions.lua), breadcrumb() (below, from the
-- symbols cached by symbols.lua), folding (fold.lua) and :JiaoduiTerms (terms.lua) build on it.
local client_mod = require("jiaodui.client")

local M = {}

local NAME = client_mod.NAME
local FIX_ALL_KIND = "source.fixAll.jiaodui"

local defaults = {
  cmd = nil, -- resolved in setup(): { "jiaodui", "lsp" }
  filetypes = { "text", "markdown" },
  root_markers = { "jiaodui.toml", ".git" },
  -- The server's settings: locale, disable, enable, severity, debounceMs, maxDiagnosticsPerKind.
  settings = {},
  on_attach = nil,
  capabilities = nil,
  -- ]] [[ ][ [] in attached buffers; a table such as { next_heading = "]s" } renames them
  -- (a key set to false is left unmapped), false maps none.
  motions = true,
  -- Fold attached buffers by section (windows get 'foldmethod' expr, 'foldlevel' 99).
  folding = true,
  outline = { width = 40, side = "left" },
}

M.config = nil

local our_clients = client_mod.of_buffer
M.clients = our_clients
local request_sync = client_mod.request_sync

-- Directory holding one of the root markers, searching upwards from the buffer's file;
-- the file's own directory when none is found (a lone file still gets checked).
local function find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
  local dir = start
  while dir and dir ~= "" do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      break
    end
    dir = parent
  end
  return start
end

local function client_config(cfg, root_dir)
  return {
    name = NAME,
    cmd = cfg.cmd,
    root_dir = root_dir,
    init_options = cfg.settings,
    -- Answers workspace/configuration for section "jiaodui".
    settings = { jiaodui = cfg.settings },
    on_attach = function(client, bufnr)
      M._attach(bufnr)
      if cfg.on_attach then
        cfg.on_attach(client, bufnr)
      end
    end,
    capabilities = cfg.capabilities,
  }
end

-- Section features for a buffer our server attached to (idempotent: on_attach runs once per
-- client and buffer).
function M._attach(bufnr)
  local cfg = M.config
  require("jiaodui.symbols").attach(bufnr)
  if cfg.motions then
    require("jiaodui.motions").map(bufnr, type(cfg.motions) == "table" and cfg.motions or nil)
  end
  if cfg.folding then
    local fold = require("jiaodui.fold")
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_buf(win) == bufnr then
        fold.enable(win)
      end
    end
    vim.api.nvim_create_autocmd("BufWinEnter", {
      group = vim.api.nvim_create_augroup("jiaodui_fold_" .. bufnr, { clear = true }),
      buffer = bufnr,
      callback = function()
        fold.enable(vim.api.nvim_get_current_win())
      end,
    })
    fold.attach(bufnr)
  end
end

-- 0.7 has no vim.lsp.start: one client per root directory, attached by hand.
local clients_by_root = {}

local function start_for_buffer(bufnr)
  local cfg = M.config
  if vim.bo[bufnr].buftype ~= "" then
    return
  end
  local root_dir = find_root(bufnr, cfg.root_markers)
  if vim.lsp.start then -- 0.8+: reuses a running client with the same name and root
    vim.lsp.start(client_config(cfg, root_dir), { bufnr = bufnr })
    return
  end
  local id = clients_by_root[root_dir]
  if not id or not vim.lsp.get_client_by_id(id) or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(client_config(cfg, root_dir))
    if not id then
      vim.notify("jiaodui: could not start " .. table.concat(cfg.cmd, " "), vim.log.levels.ERROR)
      return
    end
    clients_by_root[root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

--- Applies the server's `source.fixAll.jiaodui` code action to a buffer (default: current).
function M.fix_all(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local clients = our_clients(bufnr)
  if #clients == 0 then
    vim.notify("jiaodui: no server attached to this buffer", vim.log.levels.WARN)
    return false
  end
  local last_line = vim.api.nvim_buf_line_count(bufnr) - 1
  local applied = false
  for _, client in ipairs(clients) do
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      -- End of the last line as line+1, col 0: valid in every position encoding.
      range = { start = { line = 0, character = 0 }, ["end"] = { line = last_line + 1, character = 0 } },
      context = { diagnostics = {}, only = { FIX_ALL_KIND } },
    }
    local response, err = request_sync(client, "textDocument/codeAction", params, 5000, bufnr)
    if err or not response or response.err then
      vim.notify("jiaodui: fix all failed: " .. tostring(err or (response and response.err)), vim.log.levels.ERROR)
    else
      for _, action in ipairs(response.result or {}) do
        local kind = action.kind or ""
        if kind == FIX_ALL_KIND or kind:sub(1, #FIX_ALL_KIND + 1) == FIX_ALL_KIND .. "." then
          if not action.edit and action.data then
            local resolved = request_sync(client, "codeAction/resolve", action, 5000, bufnr)
            if resolved and resolved.result then
              action = resolved.result
            end
          end
          if action.edit then
            vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
            applied = true
          end
          local command = action.command
          if type(command) == "table" and command.command then
            request_sync(client, "workspace/executeCommand", command, 5000, bufnr)
            applied = true
          end
        end
      end
    end
  end
  if not applied then
    vim.notify("jiaodui: nothing to fix", vim.log.levels.INFO)
  end
  return applied
end

--- The sections around the cursor, outermost first, for a statusline or winbar:
--- "标题 › 一、… › （二）…". Reads the symbols cached per buffer (never asks the server), so it
--- is cheap on every redraw. opts: separator (" › "), max_chars per section (24, 0 for no limit),
--- bufnr / lnum (1-based) instead of the current window's.
function M.breadcrumb(opts)
  opts = opts or {}
  local symbols = require("jiaodui.symbols")
  local bufnr = opts.bufnr or vim.api.nvim_get_current_buf()
  local lnum = (opts.lnum or vim.api.nvim_win_get_cursor(0)[1]) - 1
  local separator = opts.separator or " › "
  local max_chars = opts.max_chars or 24
  return symbols.cached_crumb(bufnr, lnum, separator .. "\0" .. max_chars, function()
    local names = {}
    for _, h in ipairs(symbols.path_at(bufnr, lnum)) do
      local name = h.name:gsub("%s+", " ")
      if max_chars > 0 and vim.fn.strchars(name) > max_chars then
        name = vim.fn.strcharpart(name, 0, max_chars - 1) .. "…"
      end
      table.insert(names, name)
    end
    return table.concat(names, separator)
  end)
end

function M.setup(opts)
  local cfg = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  if opts and opts.settings then
    cfg.settings = opts.settings -- a list such as disable = {...} must not merge index-wise
  end
  if type(cfg.cmd) == "string" then
    cfg.cmd = { cfg.cmd, "lsp" }
  end
  cfg.cmd = cfg.cmd or { "jiaodui", "lsp" }
  M.config = cfg

  vim.api.nvim_create_user_command("JiaoduiFixAll", function()
    M.fix_all(0)
  end, { desc = "jiaodui: apply every safe fix in this file" })
  vim.api.nvim_create_user_command("JiaoduiOutline", function()
    require("jiaodui.outline").open()
  end, { desc = "jiaodui: the section outline in a side window" })
  vim.api.nvim_create_user_command("JiaoduiTerms", function()
    require("jiaodui.terms").list(0)
  end, { desc = "jiaodui: glossary terms of this file in the location list" })
  require("jiaodui.outline").options = cfg.outline
  if not M._redraw_on_update then
    M._redraw_on_update = true
    -- A symbols refresh can change the breadcrumb without moving the cursor.
    require("jiaodui.symbols").on_update(function()
      vim.cmd("redrawstatus!")
    end)
  end

  if vim.lsp.config and vim.lsp.enable then -- 0.11+
    local c = client_config(cfg, nil)
    c.root_dir = nil
    c.filetypes = cfg.filetypes
    c.root_markers = cfg.root_markers
    vim.lsp.config(NAME, c)
    vim.lsp.enable(NAME)
    return
  end

  local group = vim.api.nvim_create_augroup("jiaodui_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = cfg.filetypes,
    callback = function(args)
      start_for_buffer(args.buf)
    end,
  })
  -- Buffers already open when setup() runs (e.g. a lazy-loaded plugin).
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(cfg.filetypes, vim.bo[bufnr].filetype) then
      start_for_buffer(bufnr)
    end
  end
end

return M
