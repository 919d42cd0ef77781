-- :JiaoduiTerms — the glossary terms of a buffer in its location list, each with a short
-- definition. The language server only answers "which term is here?" (hover at a position), so
-- the places come from the configured binary's `jiaodui terms - --format json` (the buffer's
-- text on stdin, run in the file's directory so its jiaodui.toml and glossaries apply), and the
-- definitions from the server's hover card of each distinct term.
local client_mod = require("jiaodui.client")

local M = {}

M.max_definition_chars = 60

local function decode(line)
  if vim.json and vim.json.decode then
    return vim.json.decode(line)
  end
  return vim.fn.json_decode(line)
end

-- JSON Lines records of `jiaodui terms` for the buffer's current text; nil and a message on failure.
local function find_terms(binary, bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local cwd = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
  if vim.fn.isdirectory(cwd) == 0 then
    cwd = vim.fn.getcwd()
  end
  local stdout, stderr = {}, {}
  local job = vim.fn.jobstart({ binary, "terms", "-", "--format", "json" }, {
    cwd = cwd,
    stdout_buffered = true,
    stderr_buffered = true,
    on_stdout = function(_, data)
      stdout = data
    end,
    on_stderr = function(_, data)
      stderr = data
    end,
  })
  if job <= 0 then
    return nil, "cannot run " .. binary
  end
  vim.fn.chansend(job, table.concat(lines, "\n") .. "\n")
  vim.fn.chanclose(job, "stdin")
  local code = vim.fn.jobwait({ job }, 10000)[1]
  if code ~= 0 then
    if code == -1 then
      vim.fn.jobstop(job)
    end
    return nil, string.format("`%s terms` failed (%d): %s", binary, code, table.concat(stderr, " "))
  end
  local records = {}
  for _, line in ipairs(stdout) do
    if line ~= "" then
      table.insert(records, decode(line))
    end
  end
  return records
end

local function hover_markdown(contents)
  if type(contents) == "string" then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, c in ipairs(contents) do
    table.insert(parts, type(c) == "string" and c or c.value)
  end
  return table.concat(parts, "\n")
end

-- The first sentence of the definition in the hover's glossary card for `term` ("**term**…"
-- heading, definition paragraph next); the hover may also hold finding and heading sections.
local function short_definition(markdown, term)
  for _, section in ipairs(vim.split(markdown, "\n\n---\n\n", { plain = true })) do
    if section:sub(1, #term + 4) == "**" .. term .. "**" then
      local paragraphs = vim.split(section, "\n\n", { plain = true })
      local definition = paragraphs[2]
      if not definition or definition:find("^又作：") or definition:find("^来源：") or definition:find("^相关：") then
        return ""
      end
      definition = definition:gsub("%s+", " ")
      local sentence = definition:match("^(.-。)") or definition
      if vim.fn.strchars(sentence) > M.max_definition_chars then
        sentence = vim.fn.strcharpart(sentence, 0, M.max_definition_chars - 1) .. "…"
      end
      return sentence
    end
  end
  return ""
end
M._short_definition = short_definition

-- Definitions of the distinct terms, from the server's hover at each term's first occurrence.
local function definitions(client, bufnr, first_of)
  local found, pending = {}, 0
  for term, r in pairs(first_of) do
    local text = vim.api.nvim_buf_get_lines(bufnr, r.line - 1, r.line, false)[1] or ""
    local byte = client_mod.byte_col(text, r.column - 1, "utf-32")
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = r.line - 1, character = client_mod.encoded_col(text, byte, client.offset_encoding) },
    }
    pending = pending + 1
    local sent = client_mod.request(client, "textDocument/hover", params, function(err, result)
      pending = pending - 1
      if not err and result and result.contents then
        found[term] = short_definition(hover_markdown(result.contents), term)
      end
    end, bufnr)
    if not sent then
      pending = pending - 1
    end
  end
  vim.wait(5000, function()
    return pending == 0
  end, 10)
  return found
end

--- Fills the current window's location list with the glossary terms of `bufnr` (default:
--- current) and opens it. Returns the list items, or nil.
function M.list(bufnr, opts)
  opts = opts or {}
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local cfg = require("jiaodui").config
  local binary = opts.binary or (cfg and cfg.cmd and cfg.cmd[1]) or "jiaodui"
  local records, err = find_terms(binary, bufnr)
  if not records then
    vim.notify("jiaodui: " .. err, vim.log.levels.ERROR)
    return nil
  end
  local first_of = {}
  for _, r in ipairs(records) do
    first_of[r.term] = first_of[r.term] or r
  end
  local client = client_mod.first(bufnr)
  local defined = client and definitions(client, bufnr, first_of) or {}
  local items = {}
  for _, r in ipairs(records) do
    local text = vim.api.nvim_buf_get_lines(bufnr, r.line - 1, r.line, false)[1] or ""
    local end_text = vim.api.nvim_buf_get_lines(bufnr, r.end_line - 1, r.end_line, false)[1] or ""
    local label = r.text == r.term and r.term or (r.text .. " → " .. r.term)
    local about = table.concat(vim.tbl_filter(function(s)
      return s ~= nil and s ~= ""
    end, { r.pinyin, r.category }), " · ")
    local definition = defined[r.term] or ""
    table.insert(items, {
      bufnr = bufnr,
      lnum = r.line,
      col = client_mod.byte_col(text, r.column - 1, "utf-32") + 1,
      end_lnum = r.end_line,
      end_col = client_mod.byte_col(end_text, r.end_column - 1, "utf-32") + 1,
      text = label .. (about ~= "" and ("  " .. about) or "") .. (definition ~= "" and ("：" .. definition) or ""),
    })
  end
  vim.fn.setloclist(0, {}, " ", { title = "jiaodui terms", items = items })
  if not opts.no_open then
    if #items > 0 then
      vim.cmd("lopen")
    else
      vim.notify("jiaodui: no glossary terms in this buffer", vim.log.levels.INFO)
    end
  end
  return items
end

return M
