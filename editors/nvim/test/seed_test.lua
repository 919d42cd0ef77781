-- Headless Neovim test of the jiaodui plugin against the real server, on the seed page.
--   JIAODUI=/abs/jiaodui PLUGIN=/abs/editors/nvim SEED=/abs/copy/of/seed.txt [EXPECT_ROOT=/abs/dir] \
--     timeout 120 nvim --headless --clean -u NONE -c "luafile seed_test.lua"
-- Works on 0.7 (utf-16 positions, FileType autocmd + start_client) and 0.11+ (utf-8 positions,
-- vim.lsp.config/enable). Exits non-zero on the first failed check.
local function out(s)
  io.stdout:write(s .. "\n")
end
local function fail(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end
local function check(cond, msg)
  if not cond then
    error(msg, 0)
  end
end

local INLINE_PINYIN = "garble/inline-pinyin"

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function pinyin_diagnostics(bufnr, lnum)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == INLINE_PINYIN and (lnum == nil or d.lnum == lnum) then
      table.insert(found, d)
    end
  end
  table.sort(found, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return found
end

-- Column of byte offset `col` in `line` in the client's position encoding.
local function encoded_col(line, col, encoding)
  if encoding == "utf-8" then
    return col
  end
  local utf32, utf16 = vim.str_utfindex(line, col)
  return encoding == "utf-16" and utf16 or utf32
end

local function line_text(bufnr, lnum)
  return vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ""
end

local function collect_names(symbols, into)
  for _, s in ipairs(symbols or {}) do
    table.insert(into, s.name)
    collect_names(s.children, into)
  end
  return into
end

local function hover_text(contents)
  if type(contents) == "string" then
    return contents, "plaintext"
  end
  if contents.kind then
    return contents.value, contents.kind
  end
  if contents.value then -- MarkedString { language, value }
    return contents.value, "markdown"
  end
  local parts = {}
  for _, c in ipairs(contents) do
    table.insert(parts, type(c) == "string" and c or c.value)
  end
  return table.concat(parts, "\n"), "markdown"
end

local function request(client, bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  check(responses, method .. ": " .. tostring(err))
  local r = responses[client.id]
  check(r, method .. ": no response from jiaodui")
  check(not r.err and not r.error, method .. ": " .. vim.inspect(r.err or r.error))
  return r.result
end

local function main()
  local v = vim.version()
  out(string.format("nvim %d.%d.%d", v.major, v.minor, v.patch))
  vim.cmd("filetype on")
  vim.opt.runtimepath:prepend(os.getenv("PLUGIN"))
  -- A non-default setting, to see the plugin pass settings through to the server.
  require("jiaodui").setup({
    cmd = { os.getenv("JIAODUI"), "lsp" },
    settings = { severity = { ["garble/inline-pinyin"] = "error" } },
  })
  check(vim.fn.exists(":JiaoduiFixAll") == 2, ":JiaoduiFixAll is not defined")

  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("SEED")))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo.filetype == "text", "filetype is " .. vim.bo.filetype)

  -- The plugin starts and attaches the server on FileType.
  local client
  check(vim.wait(10000, function()
    client = require("jiaodui").clients(bufnr)[1]
    return client ~= nil and client.initialized ~= false
  end, 20), "jiaodui did not attach to the buffer")
  vim.wait(5000, function()
    return client.offset_encoding ~= nil
  end, 20)
  local expected_root = os.getenv("EXPECT_ROOT")
  if expected_root then -- the directory holding jiaodui.toml, above the file's own
    check(client.config.root_dir == expected_root, "root_dir " .. tostring(client.config.root_dir))
  end
  local enc = client.offset_encoding
  out("client " .. client.name .. ", offset_encoding " .. tostring(enc))
  -- 0.10+ offers utf-8 (which the server takes), older versions speak utf-16 only: the two
  -- runs of this test cover both encodings.
  local expected_enc = vim.fn.has("nvim-0.10") == 1 and "utf-8" or "utf-16"
  check(enc == expected_enc, "offset_encoding " .. tostring(enc) .. ", expected " .. expected_enc)

  -- 1. Diagnostics at the right byte columns. Line 1 is `手機(jī)版`: the inline pinyin
  -- starts after two CJK characters, byte col 6 (utf-16 col 2).
  check(vim.wait(15000, function()
    return #pinyin_diagnostics(bufnr, 0) > 0
  end, 50), "no " .. INLINE_PINYIN .. " diagnostic on line 1 within 15 s")
  local all = pinyin_diagnostics(bufnr)
  out(string.format("%d diagnostics, %d inline-pinyin", #vim.diagnostic.get(bufnr), #all))
  local first = all[1]
  out(string.format("first: %d:%d-%d:%d [%s] %s", first.lnum, first.col, first.end_lnum, first.end_col,
    tostring(first.source), first.message))
  check(first.lnum == 0 and first.col == 6, "first inline-pinyin diagnostic should start at 0:6")
  check(first.severity == vim.diagnostic.severity.ERROR, "settings.severity did not reach the server")
  check(line_text(bufnr, 0):sub(first.col + 1, first.end_col):find("jī", 1, true),
    "the diagnostic range does not cover (jī)")
  -- Every inline-pinyin range starts on a character boundary and covers its pinyin.
  for _, d in ipairs(all) do
    if d.end_lnum == d.lnum then
      local covered = line_text(bufnr, d.lnum):sub(d.col + 1, d.end_col)
      check(covered:find("^[%z\1-\127\194-\244]"), "range starts mid-character at " .. d.lnum .. ":" .. d.col)
      check(covered:find("%a"), "range " .. d.lnum .. ":" .. d.col .. " covers no letter: " .. covered)
    end
  end

  -- 2. documentSymbol: the five numbered sections, in order.
  local doc = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  local names = collect_names(request(client, bufnr, "textDocument/documentSymbol", doc), {})
  local sections = {}
  for _, name in ipairs(names) do
    for _, numeral in ipairs({ "一、", "二、", "三、", "四、", "五、" }) do
      if name:sub(1, #numeral) == numeral then
        table.insert(sections, numeral)
      end
    end
  end
  out("symbols: " .. table.concat(names, " | "))
  check(table.concat(sections) == "一、二、三、四、五、", "sections found: " .. table.concat(sections, " "))

  -- 3. Hover on 三會一課, positioned in the negotiated encoding.
  local term = "三會一課"
  local hover_line, hover_col
  for lnum, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = text:find(term, 1, true)
    if col then
      hover_line, hover_col = lnum - 1, col - 1 + 3 -- on the second character
      break
    end
  end
  check(hover_line, term .. " is not in the seed")
  local hover = request(client, bufnr, "textDocument/hover", {
    textDocument = doc.textDocument,
    position = { line = hover_line, character = encoded_col(line_text(bufnr, hover_line), hover_col, enc) },
  })
  check(hover and hover.contents, "no hover on " .. term)
  local text, kind = hover_text(hover.contents)
  out("hover (" .. kind .. "): " .. vim.fn.strcharpart((text:gsub("%s+", " ")), 0, 100))
  check(kind == "markdown", "hover is " .. kind .. ", expected markdown")
  check(text:find(term, 1, true) or text:find("三会一课", 1, true), "hover does not mention " .. term)

  -- 4. A quick fix on the first diagnostic, applied: the line changes and its diagnostic goes.
  local before = line_text(bufnr, 0)
  local lsp_range = {
    start = { line = first.lnum, character = encoded_col(before, first.col, enc) },
    ["end"] = { line = first.end_lnum, character = encoded_col(line_text(bufnr, first.end_lnum), first.end_col, enc) },
  }
  local actions = request(client, bufnr, "textDocument/codeAction", {
    textDocument = doc.textDocument,
    range = lsp_range,
    context = {
      diagnostics = { {
        range = lsp_range, message = first.message, code = INLINE_PINYIN,
        severity = first.severity, source = first.source,
      } },
    },
  }) or {}
  local quickfix
  for _, a in ipairs(actions) do
    if a.kind == "quickfix" and not quickfix then
      quickfix = a
    end
  end
  check(quickfix, "no quickfix offered: " .. vim.inspect(actions))
  if not quickfix.edit and quickfix.data then
    quickfix = request(client, bufnr, "codeAction/resolve", quickfix)
  end
  check(quickfix.edit, "the quickfix has no edit")
  out("quickfix: " .. quickfix.title)
  vim.lsp.util.apply_workspace_edit(quickfix.edit, enc)
  local after = line_text(bufnr, 0)
  out("line 1: " .. before .. " -> " .. after)
  check(after ~= before and not after:find("(jī)", 1, true), "the quickfix did not remove (jī)")
  check(vim.wait(15000, function()
    return #pinyin_diagnostics(bufnr, 0) == 0
  end, 50), "the diagnostic on line 1 is still there after the fix")

  -- 5. :JiaoduiFixAll (source.fixAll.jiaodui) removes the remaining inline pinyin.
  local remaining = #pinyin_diagnostics(bufnr)
  check(remaining > 0, "no inline pinyin left to fix")
  local changedtick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.cmd("JiaoduiFixAll")
  check(vim.api.nvim_buf_get_changedtick(bufnr) ~= changedtick, ":JiaoduiFixAll changed nothing")
  -- Every inline pinyin in the seed has a safe fix, so none is left once the server re-checks.
  check(vim.wait(15000, function()
    return #pinyin_diagnostics(bufnr) == 0
  end, 50), ":JiaoduiFixAll left " .. #pinyin_diagnostics(bufnr) .. " of " .. remaining .. " inline-pinyin diagnostics")
  out(string.format(":JiaoduiFixAll: inline-pinyin %d -> 0", remaining))

  -- 6. An astral character (one code point, 4 UTF-8 bytes, 2 UTF-16 units) before a finding:
  -- the column must still land on the parenthesis, in either encoding.
  vim.api.nvim_buf_set_lines(bufnr, 0, 0, false, { "𠮷加強(qiáng)黨的建設" })
  check(vim.wait(15000, function()
    return #pinyin_diagnostics(bufnr, 0) > 0
  end, 50), "no diagnostic for the inserted line 𠮷加強(qiáng)黨的建設")
  local astral = pinyin_diagnostics(bufnr, 0)[1]
  out(string.format("after 𠮷: %d:%d-%d:%d", astral.lnum, astral.col, astral.end_lnum, astral.end_col))
  check(astral.col == 10 and astral.end_col == 18, "expected byte columns 10-18 on 𠮷加強(qiáng)黨的建設")

  vim.lsp.stop_client(client.id)
  out("OK")
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  fail(tostring(err))
end
vim.cmd("qall!")
