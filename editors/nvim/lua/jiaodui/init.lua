-- jiaodui (校对) for Neovim: starts `jiaodui lsp` for text and Markdown buffers.
--
--   require("jiaodui").setup({
--     cmd = { "jiaodui", "lsp" },          -- default; or { "/abs/path/jiaodui", "lsp" }
--     filetypes = { "text", "markdown" },  -- default
--     root_markers = { "jiaodui.toml", ".git" },
--     settings = { locale = "zh", disable = { "spam" }, severity = { ["script/mixed"] = "info" } },
--   })
--
-- Works on Neovim 0.7 through 0.11+: on 0.11+ it registers the server with vim.lsp.config and
-- vim.lsp.enable; before that it starts the client itself from a FileType autocmd.
local M = {}

local NAME = "jiaodui"
local FIX_ALL_KIND = "source.fixAll.jiaodui"

local defaults = {
  cmd = nil, -- resolved in setup(): { "jiaodui", "lsp" }
  filetypes = { "text", "markdown" },
  root_markers = { "jiaodui.toml", ".git" },
  -- The server's settings: locale, disable, enable, severity, debounceMs, maxDiagnosticsPerKind.
  settings = {},
  on_attach = nil,
  capabilities = nil,
}

M.config = nil

local function has(feature)
  return vim.fn.has(feature) == 1
end

-- Clients attached to `bufnr` that are ours, on any version.
local function our_clients(bufnr)
  local found = {}
  if vim.lsp.get_clients then -- 0.10+
    found = vim.lsp.get_clients({ bufnr = bufnr, name = NAME })
  elseif has("nvim-0.8") then
    found = vim.lsp.get_active_clients({ bufnr = bufnr, name = NAME })
  else
    for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if client.name == NAME then
        table.insert(found, client)
      end
    end
  end
  return found
end
M.clients = our_clients

local function request_sync(client, method, params, timeout_ms, bufnr)
  if has("nvim-0.11") then
    return client:request_sync(method, params, timeout_ms, bufnr)
  end
  return client.request_sync(method, params, timeout_ms, bufnr)
end

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
    on_attach = cfg.on_attach,
    capabilities = cfg.capabilities,
  }
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
