-- The jiaodui LSP clients of a buffer and version-neutral ways to talk to them
-- (Neovim 0.7 calls client methods with `.`, 0.11+ with `:`), plus position conversion.
local M = {}

M.NAME = "jiaodui"

local function has(feature)
  return vim.fn.has(feature) == 1
end
M.has = has

--- Clients attached to `bufnr` that are ours, on any version.
function M.of_buffer(bufnr)
  if vim.lsp.get_clients then -- 0.10+
    return vim.lsp.get_clients({ bufnr = bufnr, name = M.NAME })
  end
  if has("nvim-0.8") then
    return vim.lsp.get_active_clients({ bufnr = bufnr, name = M.NAME })
  end
  local found = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == M.NAME then
      table.insert(found, client)
    end
  end
  return found
end

--- The first of our clients attached to `bufnr`, or nil.
function M.first(bufnr)
  return M.of_buffer(bufnr)[1]
end

--- Asynchronous request; `handler(err, result)` runs on the main loop. Returns false when the
--- client refused to send it (e.g. it is shutting down).
function M.request(client, method, params, handler, bufnr)
  local function on_reply(err, result)
    handler(err, result)
  end
  if has("nvim-0.11") then
    return (client:request(method, params, on_reply, bufnr))
  end
  return (client.request(method, params, on_reply, bufnr))
end

function M.request_sync(client, method, params, timeout_ms, bufnr)
  if has("nvim-0.11") then
    return client:request_sync(method, params, timeout_ms, bufnr)
  end
  return client.request_sync(method, params, timeout_ms, bufnr)
end

--- 0-based byte column of LSP `character` in `text`, counted in `encoding` units
--- ("utf-8", "utf-16" or "utf-32"). Written out rather than vim.str_byteindex, whose
--- signature changed in 0.11.
function M.byte_col(text, character, encoding)
  if encoding == "utf-8" or encoding == nil then
    return math.min(character, #text)
  end
  local units, i = 0, 1
  while i <= #text and units < character do
    local b = text:byte(i)
    local len = b >= 0xF0 and 4 or b >= 0xE0 and 3 or b >= 0xC0 and 2 or 1
    units = units + ((encoding == "utf-16" and len == 4) and 2 or 1)
    i = i + len
  end
  return i - 1
end

--- The LSP `character` (in `encoding` units) of 0-based byte column `col` in `text`.
function M.encoded_col(text, col, encoding)
  if encoding == "utf-8" or encoding == nil then
    return col
  end
  local units, i = 0, 1
  while i <= col and i <= #text do
    local b = text:byte(i)
    local len = b >= 0xF0 and 4 or b >= 0xE0 and 3 or b >= 0xC0 and 2 or 1
    units = units + ((encoding == "utf-16" and len == 4) and 2 or 1)
    i = i + len
  end
  return units
end

return M
