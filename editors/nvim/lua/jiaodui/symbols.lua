-- The server's section outline (textDocument/documentSymbol) cached per buffer, refreshed
-- asynchronously after edits, and the queries the outline window, motions, breadcrumb and
-- folds make of it. There is deliberately no heading parser here: the server is the only one.
local client_mod = require("jiaodui.client")

local M = {}

-- Delay after the last edit before asking the server again: typing stays cheap, the outline
-- still follows within a blink.
M.debounce_ms = 200

-- bufnr -> {
--   tick     = b:changedtick the cached symbols answer,
--   tree     = top-level headings (each with .children),
--   headings = every heading in document order,
--   encoding = the client's offset encoding the columns are in,
--   inflight, again, timer, crumb (breadcrumb cache)
-- }
local buffers = {}
local listeners = {}

local function changedtick(bufnr)
  return vim.api.nvim_buf_get_changedtick(bufnr)
end

-- Last line a range covers: an LSP end position at column 0 of a later line is exclusive.
local function last_line(range)
  local e = range["end"]
  if e.character == 0 and e.line > range.start.line then
    return e.line - 1
  end
  return e.line
end

-- Heading records from a documentSymbol result. Hierarchical DocumentSymbol is what the server
-- sends (Neovim announces hierarchicalDocumentSymbolSupport); a flat SymbolInformation list is
-- taken as one level, in case another server setup ever answers that way.
local function build(result)
  local headings = {}
  local function convert(symbols, depth, parent)
    local out = {}
    for _, s in ipairs(symbols or {}) do
      local range = s.range or (s.location and s.location.range)
      if range then
        local selection = s.selectionRange or range
        local h = {
          name = s.name,
          detail = s.detail,
          kind = s.kind,
          depth = depth,
          parent = parent,
          lnum = selection.start.line, -- 0-based line of the heading itself
          character = selection.start.character,
          first = range.start.line,
          last = math.max(last_line(range), selection.start.line),
        }
        table.insert(headings, h)
        h.index = #headings
        h.children = convert(s.children, depth + 1, h)
        table.insert(out, h)
      end
    end
    return out
  end
  local tree = convert(result, 0, nil)
  -- Document order by heading line (the server already sends it so; sorting keeps the motions
  -- right if a flat answer came in another order).
  table.sort(headings, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.depth < b.depth)
  end)
  for i, h in ipairs(headings) do
    h.index = i
  end
  return tree, headings
end
M._build = build

local function state(bufnr)
  local s = buffers[bufnr]
  if not s then
    s = {}
    buffers[bufnr] = s
  end
  return s
end

local function notify(bufnr)
  for _, fn in ipairs(listeners) do
    local ok, err = pcall(fn, bufnr)
    if not ok then
      vim.notify("jiaodui: " .. tostring(err), vim.log.levels.ERROR)
    end
  end
end

--- Calls `fn(bufnr)` whenever a buffer's symbols have been replaced.
function M.on_update(fn)
  table.insert(listeners, fn)
end

--- Asks the server for the buffer's symbols now (asynchronously). A request already on its way
--- is not duplicated: its answer triggers another request if the buffer changed meanwhile.
function M.refresh(bufnr)
  local s = state(bufnr)
  if s.inflight then
    s.again = true
    return
  end
  local client = client_mod.first(bufnr)
  if not client then
    return
  end
  local tick = changedtick(bufnr)
  local encoding = client.offset_encoding
  s.inflight = true
  s.again = false
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  -- The client flushes pending didChange notifications before sending a request, so the
  -- answer is for the text as of `tick`.
  local sent = client_mod.request(client, "textDocument/documentSymbol", params, function(err, result)
    s.inflight = false
    if not vim.api.nvim_buf_is_valid(bufnr) or buffers[bufnr] ~= s then
      return
    end
    if not err and type(result) == "table" then
      s.tick = tick
      s.encoding = encoding
      s.tree, s.headings = build(result)
      s.crumb = nil
      notify(bufnr)
    end
    if s.again or changedtick(bufnr) ~= tick then
      M.schedule(bufnr)
    end
  end, bufnr)
  if not sent then
    s.inflight = false
  end
end

--- Refreshes after `M.debounce_ms` without further calls (each call restarts the delay).
function M.schedule(bufnr, delay)
  local s = state(bufnr)
  if not s.timer then
    s.timer = vim.loop.new_timer()
  end
  s.timer:stop()
  s.timer:start(delay or M.debounce_ms, 0, vim.schedule_wrap(function()
    if vim.api.nvim_buf_is_valid(bufnr) and buffers[bufnr] == s then
      M.refresh(bufnr)
    end
  end))
end

local function forget(bufnr)
  local s = buffers[bufnr]
  if s and s.timer then
    s.timer:stop()
    s.timer:close()
  end
  buffers[bufnr] = nil
end

--- Starts following `bufnr`: symbols now and after every change, until the buffer goes away.
function M.attach(bufnr)
  local s = state(bufnr)
  if not s.attached then
    s.attached = true
    -- on_lines sees every change (typing, :s, API edits by other plugins) as it happens,
    -- unlike TextChanged, which waits for the main loop's normal-mode state.
    vim.api.nvim_buf_attach(bufnr, false, {
      on_lines = function()
        if buffers[bufnr] ~= s then
          return true -- forgotten: detach
        end
        M.schedule(bufnr)
      end,
      on_reload = function()
        M.schedule(bufnr)
      end,
      on_detach = function()
        forget(bufnr)
      end,
    })
  end
  M.refresh(bufnr)
end

--- True when the cached symbols answer the buffer's current text.
function M.is_current(bufnr)
  local s = buffers[bufnr]
  return s ~= nil and s.tick ~= nil and s.tick == changedtick(bufnr)
end

--- Every heading in document order (possibly from an older version of the text), or nil
--- before the first answer.
function M.headings(bufnr)
  local s = buffers[bufnr]
  return s and s.headings
end

function M.tree(bufnr)
  local s = buffers[bufnr]
  return s and s.tree
end

function M.encoding(bufnr)
  local s = buffers[bufnr]
  return s and s.encoding
end

-- Last node of `nodes` (sorted by .first) that starts on or before `lnum`.
local function last_starting_by(nodes, lnum)
  local lo, hi, found = 1, #nodes, nil
  while lo <= hi do
    local mid = math.floor((lo + hi) / 2)
    if nodes[mid].first <= lnum then
      found = nodes[mid]
      lo = mid + 1
    else
      hi = mid - 1
    end
  end
  return found
end

--- The sections enclosing 0-based line `lnum`, outermost first.
function M.path_at(bufnr, lnum)
  local path = {}
  local nodes = M.tree(bufnr)
  while nodes and #nodes > 0 do
    local h = last_starting_by(nodes, lnum)
    if not h or h.last < lnum then
      break
    end
    table.insert(path, h)
    nodes = h.children
  end
  return path
end

--- The innermost section enclosing 0-based line `lnum`, or nil.
function M.section_at(bufnr, lnum)
  local path = M.path_at(bufnr, lnum)
  return path[#path]
end

--- Cached breadcrumb text for (bufnr, lnum, opts key); `make` builds it on a miss.
function M.cached_crumb(bufnr, lnum, key, make)
  local s = buffers[bufnr]
  if not s or not s.tree then
    return ""
  end
  local c = s.crumb
  if c and c.lnum == lnum and c.key == key then
    return c.text
  end
  local text = make()
  s.crumb = { lnum = lnum, key = key, text = text }
  return text
end

--- 0-based byte column of heading `h` in its buffer line.
function M.heading_col(bufnr, h)
  local line = vim.api.nvim_buf_get_lines(bufnr, h.lnum, h.lnum + 1, false)[1] or ""
  return client_mod.byte_col(line, h.character, M.encoding(bufnr))
end

return M
