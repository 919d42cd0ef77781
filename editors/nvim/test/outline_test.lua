-- Headless Neovim test of the plugin's section navigation against the real server:
-- :JiaoduiOutline, the ]] [[ ][ [] motions, breadcrumb(), folding and :JiaoduiTerms.
--   JIAODUI=/abs/jiaodui PLUGIN=/abs/editors/nvim DOC=/abs/copy/of/seed.txt (or nested.md) \
--     timeout 120 nvim --headless --clean -u NONE -i NONE -c "luafile outline_test.lua"
-- What the plugin shows is compared with the server's own documentSymbol / foldingRange / hover
-- answers, and the headings with lines found in the text independently (for the seed: the title
-- line and the lines opening with 一、…五、; for Markdown: `# ` and `## ` lines).
-- Exits non-zero on the first failed check.
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
local function eq(actual, expected, what)
  check(vim.deep_equal(actual, expected),
    what .. ":\n  expected " .. vim.inspect(expected) .. "\n  got      " .. vim.inspect(actual))
end

local NUMERALS = { "一、", "二、", "三、", "四、", "五、" }

-- 1-based line numbers of the title and the five sections, from the text alone.
local function known_headings(bufnr, markdown)
  local title, sections = nil, {}
  for lnum, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if markdown then
      if text:find("^# ") and not title then
        title = lnum
      elseif text:find("^## ") then
        table.insert(sections, lnum)
      end
    else
      if text == "在重大斗爭中把基層黨組織鍛造得更加堅(jiān)強(qiáng)" then
        title = lnum
      end
      local trimmed = text:gsub("^%s+", "")
      for i, numeral in ipairs(NUMERALS) do
        if trimmed:sub(1, #numeral) == numeral and #sections == i - 1 then
          table.insert(sections, lnum)
        end
      end
    end
  end
  return title, sections
end

local function request(client, bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  check(responses, method .. ": " .. tostring(err))
  local r = responses[client.id]
  check(r and not r.err and not r.error, method .. ": " .. vim.inspect(r))
  return r.result
end

-- Depth-first list of the server's symbols: { name, depth, line (1-based, selection start), symbol }.
local function flatten(symbols, depth, into)
  for _, s in ipairs(symbols or {}) do
    table.insert(into, { name = s.name, depth = depth, line = s.selectionRange.start.line + 1, symbol = s })
    flatten(s.children, depth + 1, into)
  end
  return into
end

local function cursor_line()
  return vim.api.nvim_win_get_cursor(0)[1]
end

-- Lines visited by pressing `keys` (through the mappings) until the cursor stops moving.
local function visit(keys, start_line)
  vim.api.nvim_win_set_cursor(0, { start_line, 0 })
  local visited = {}
  for _ = 1, 200 do
    local before = cursor_line()
    vim.cmd("normal " .. keys)
    if cursor_line() == before then
      break
    end
    table.insert(visited, cursor_line())
  end
  return visited
end

local function main()
  local v = vim.version()
  local doc = os.getenv("DOC")
  local markdown = doc:find("%.md$") ~= nil
  out(string.format("nvim %d.%d.%d, %s", v.major, v.minor, v.patch, vim.fn.fnamemodify(doc, ":t")))
  vim.cmd("filetype on")
  vim.opt.runtimepath:prepend(os.getenv("PLUGIN"))
  local jiaodui = require("jiaodui")
  jiaodui.setup({ cmd = { os.getenv("JIAODUI"), "lsp" } })
  for _, command in ipairs({ "JiaoduiOutline", "JiaoduiTerms", "JiaoduiFixAll" }) do
    check(vim.fn.exists(":" .. command) == 2, ":" .. command .. " is not defined")
  end

  vim.cmd("edit " .. vim.fn.fnameescape(doc))
  local bufnr = vim.api.nvim_get_current_buf()
  local source_win = vim.api.nvim_get_current_win()
  check(vim.bo.filetype == (markdown and "markdown" or "text"), "filetype is " .. vim.bo.filetype)
  local client
  check(vim.wait(10000, function()
    client = jiaodui.clients(bufnr)[1]
    return client ~= nil and client.initialized ~= false
  end, 20), "jiaodui did not attach to the buffer")
  local symbols = require("jiaodui.symbols")
  check(vim.wait(15000, function()
    return symbols.is_current(bufnr)
  end, 20), "the plugin never cached the buffer's symbols")

  -- The server's outline, and the headings found in the text.
  local doc_id = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  local server = request(client, bufnr, "textDocument/documentSymbol", doc_id)
  check(type(server) == "table" and server[1] and server[1].selectionRange,
    "the server did not answer hierarchical DocumentSymbols: " .. vim.inspect(server))
  local flat = flatten(server, 0, {})
  local title_line, section_lines = known_headings(bufnr, markdown)
  check(title_line and #section_lines == 5, "fixture: title " .. tostring(title_line) .. ", sections " .. #section_lines)
  local by_line = {}
  for _, f in ipairs(flat) do
    by_line[f.line] = f
  end
  local title = by_line[title_line]
  check(title and title.depth == 0, "the server has no top-level symbol on title line " .. title_line)
  local sections = {}
  for i, line in ipairs(section_lines) do
    local f = by_line[line]
    check(f and f.depth == 1, "the server has no depth-1 symbol on section line " .. line)
    check(f.name:find(NUMERALS[i], 1, true), "section on line " .. line .. " is named " .. f.name)
    sections[i] = f
  end
  out(string.format("server: %d symbols, title on line %d, sections on lines %s",
    #flat, title_line, table.concat(section_lines, ",")))

  -- 1. :JiaoduiOutline lists every symbol, nested (two spaces per level), as the server does.
  vim.cmd("JiaoduiOutline")
  local outline = require("jiaodui.outline").get()
  check(outline and vim.api.nvim_get_current_win() == outline.win, ":JiaoduiOutline opened no window")
  local expected_rows = {}
  for _, f in ipairs(flat) do
    table.insert(expected_rows, string.rep("  ", f.depth) .. f.name)
  end
  local rows = vim.api.nvim_buf_get_lines(outline.buf, 0, -1, false)
  eq(rows, expected_rows, "outline window lines")
  for _, row in ipairs(rows) do
    out("  | " .. row)
  end
  local row_of = {}
  for i, f in ipairs(flat) do
    row_of[f.line] = i
  end

  -- The current section follows the source cursor: a body line of section 三.
  local inside_three = section_lines[3] + 2
  vim.api.nvim_set_current_win(source_win)
  vim.api.nvim_win_set_cursor(source_win, { inside_three, 0 })
  -- CursorMoved fires from the main loop between keys, not inside this script: fire it here.
  vim.cmd("doautocmd CursorMoved")
  local innermost = symbols.section_at(bufnr, inside_three - 1)
  local expected_row = row_of[innermost.lnum + 1]
  check(markdown or innermost.lnum + 1 == section_lines[3], "line " .. inside_three .. " is not in section 三")
  eq(vim.api.nvim_win_get_cursor(outline.win)[1], expected_row, "outline cursor row following line " .. inside_three)
  local ns = vim.api.nvim_get_namespaces()["jiaodui_outline"]
  local marks = vim.api.nvim_buf_get_extmarks(outline.buf, ns, 0, -1, {})
  check(#marks == 1 and marks[1][2] == expected_row - 1,
    "highlighted outline rows " .. vim.inspect(marks) .. ", expected row " .. expected_row)

  -- <CR> on the row of 三 lands on the heading line, at the numeral.
  vim.api.nvim_set_current_win(outline.win)
  vim.api.nvim_win_set_cursor(outline.win, { row_of[section_lines[3]], 0 })
  vim.cmd('execute "normal \\<CR>"')
  check(vim.api.nvim_get_current_win() == source_win, "<CR> did not go back to the source window")
  eq(cursor_line(), section_lines[3], "line after <CR> on section 三")
  local heading_text = vim.api.nvim_buf_get_lines(bufnr, section_lines[3] - 1, section_lines[3], false)[1]
  local name_col = heading_text:find(sections[3].name:sub(1, 6), 1, true)
  check(name_col, "heading text " .. heading_text .. " does not hold " .. sections[3].name)
  check(vim.api.nvim_win_get_cursor(0)[2] <= name_col - 1, "cursor column after <CR> is past the heading's name")
  eq(require("jiaodui.outline").get().current_row, row_of[section_lines[3]], "highlighted row after <CR>")

  -- 2. Motions. ]] from line 1 visits every heading below it in order (the seed's title on line
  -- 7, the five sections, and in Markdown the subsections between them).
  local all_lines = {}
  for _, f in ipairs(flat) do
    table.insert(all_lines, f.line)
  end
  table.sort(all_lines)
  local below_first = vim.tbl_filter(function(l)
    return l > 1
  end, all_lines)
  local visited = visit("]]", 1)
  eq(visited, below_first, "]] from line 1")
  local visited_sections = vim.tbl_filter(function(l)
    return vim.tbl_contains(section_lines, l)
  end, visited)
  eq(visited_sections, section_lines, "sections visited by ]]")
  if title_line > 1 then
    eq(visited[1], title_line, "first ]] from line 1")
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local backwards = {}
  for i = #all_lines, 1, -1 do
    table.insert(backwards, all_lines[i])
  end
  eq(visit("[[", last), backwards, "[[ from the last line")
  eq(visit("][", section_lines[1]), { section_lines[2], section_lines[3], section_lines[4], section_lines[5] },
    "][ from section 一")
  eq(visit("[]", section_lines[5] + 1), { section_lines[5], section_lines[4], section_lines[3], section_lines[2],
    section_lines[1] }, "[] from inside section 五")
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd("normal 3]]")
  eq(cursor_line(), below_first[3], "3]] from line 1")
  vim.cmd("normal! ``")
  eq(cursor_line(), 1, "`` after a motion (the jumplist)")
  out("motions: ]] visits " .. table.concat(visited, ","))

  -- 3. Breadcrumb on a body line of section 三: the title and 三、 (and, in Markdown, the
  -- subsection) as the server nests them.
  -- Names of the server's symbols whose range holds 1-based `line` (LSP ranges end exclusively).
  local function server_path(line)
    local path, nodes = {}, server
    local l = line - 1
    while nodes do
      local inside
      for _, s in ipairs(nodes) do
        local e = s.range["end"]
        if s.range.start.line <= l and (l < e.line or (l == e.line and e.character > 0)) then
          inside = s
          break
        end
      end
      if not inside then
        break
      end
      table.insert(path, inside.name)
      nodes = inside.children
    end
    return path
  end
  vim.api.nvim_win_set_cursor(0, { inside_three, 0 })
  local path = server_path(inside_three)
  local crumb = jiaodui.breadcrumb({ max_chars = 0 })
  eq(crumb, table.concat(path, " › "), "breadcrumb on line " .. inside_three)
  for line = 1, vim.api.nvim_buf_line_count(bufnr) do
    eq(jiaodui.breadcrumb({ lnum = line, max_chars = 0 }), table.concat(server_path(line), " › "),
      "breadcrumb on line " .. line)
  end
  check(path[1] == title.name and path[2] == sections[3].name, "breadcrumb path " .. vim.inspect(path))
  local short = jiaodui.breadcrumb()
  check(short:find(vim.fn.strcharpart(title.name, 0, 10), 1, true) == 1 and short:find(" › 三、", 1, true),
    "default breadcrumb: " .. short)
  if title_line > 1 then
    eq(jiaodui.breadcrumb({ lnum = 1, max_chars = 0 }), "", "breadcrumb above the title")
  end
  eq(jiaodui.breadcrumb({ lnum = title_line, max_chars = 0 }), title.name, "breadcrumb on the title")
  out("breadcrumb: " .. short)

  -- 4. Folding by section: zc on the heading of 三 closes the whole section, from its heading
  -- to its last line of text before 四.
  local folding = request(client, bufnr, "textDocument/foldingRange", doc_id)
  local server_end
  for _, f in ipairs(folding) do
    if f.startLine == section_lines[3] - 1 then
      server_end = f.endLine + 1
    end
  end
  check(server_end, "the server has no folding range starting at section 三")
  local text_end = section_lines[4] - 1
  while vim.api.nvim_buf_get_lines(bufnr, text_end - 1, text_end, false)[1]:find("^%s*$") do
    text_end = text_end - 1
  end
  eq(server_end, text_end, "server fold end of section 三 vs its last line of text")
  vim.api.nvim_win_set_cursor(0, { section_lines[3], 0 })
  check(vim.wait(10000, function()
    return vim.fn.foldlevel(section_lines[3]) > 0 and vim.fn.foldlevel(section_lines[4]) > 0
  end, 20), "no folds on the section headings (foldexpr " .. vim.wo.foldexpr .. ")")
  vim.cmd("normal! zc")
  eq({ vim.fn.foldclosed(section_lines[3]), vim.fn.foldclosedend(section_lines[3]) },
    { section_lines[3], text_end }, "closed fold of section 三")
  eq(vim.fn.foldclosed(section_lines[4]), -1, "section 四 folded along with 三")
  eq(vim.fn.foldclosed(section_lines[2]), -1, "section 二 folded along with 三")
  if vim.fn.has("nvim-0.11") == 0 then
    eq(require("jiaodui.fold").source(bufnr), "foldingRange", "where the folds came from")
  end
  vim.cmd("normal! zo")
  out(string.format("fold: section 三 closes as lines %d-%d (%s)", section_lines[3], text_end, vim.wo.foldexpr))
  if vim.fn.has("nvim-0.11") == 0 then
    -- Should the foldingRange request fail, folds come from the documentSymbol section ranges.
    local fold, client_mod = require("jiaodui.fold"), require("jiaodui.client")
    local real_request = client_mod.request
    client_mod.request = function(c, method, ...)
      if method == "textDocument/foldingRange" then
        return false
      end
      return real_request(c, method, ...)
    end
    fold.refresh(bufnr)
    client_mod.request = real_request
    eq(fold.source(bufnr), "documentSymbol", "fold source when foldingRange fails")
    local range = sections[3].symbol.range
    local symbol_end = range["end"].line + ((range["end"].character == 0 and range["end"].line > range.start.line) and 0 or 1)
    vim.cmd("normal! zc")
    eq({ vim.fn.foldclosed(section_lines[3]), vim.fn.foldclosedend(section_lines[3]) },
      { section_lines[3], symbol_end }, "closed fold of section 三 from documentSymbol")
    check(symbol_end >= text_end and symbol_end < section_lines[4], "symbol range of 三 ends on line " .. symbol_end)
    vim.cmd("normal! zo")
    fold.refresh(bufnr)
    check(vim.wait(5000, function()
      return fold.source(bufnr) == "foldingRange"
    end, 20), "folds not back on foldingRange")
  end

  -- 5. After an edit the outline, the motions and the breadcrumb follow the server's new answer.
  vim.api.nvim_buf_set_lines(bufnr, 0, 0, false, { "", "" })
  local renamed = "  三、改过的标题"
  if markdown then
    renamed = "## 三、改过的标题"
  end
  vim.api.nvim_buf_set_lines(bufnr, section_lines[3] + 1, section_lines[3] + 2, false, { renamed })
  check(vim.wait(10000, function()
    return symbols.is_current(bufnr)
  end, 20), "symbols not refreshed after an edit")
  local fresh = flatten(request(client, bufnr, "textDocument/documentSymbol", doc_id), 0, {})
  local fresh_rows = {}
  for _, f in ipairs(fresh) do
    table.insert(fresh_rows, string.rep("  ", f.depth) .. f.name)
  end
  eq(vim.api.nvim_buf_get_lines(outline.buf, 0, -1, false), fresh_rows, "outline after the edit")
  check(vim.tbl_contains(fresh_rows, "  三、改过的标题"),
    "the renamed section is not in the outline: " .. vim.inspect(fresh_rows))
  eq(visit("]]", 1)[1], title_line + 2, "first ]] after two lines were inserted above the title")
  vim.api.nvim_win_set_cursor(0, { section_lines[3] + 2, 0 })
  check(jiaodui.breadcrumb({ max_chars = 0 }):find(" › 三、改过的标题", 1, true), "breadcrumb after the edit: "
    .. jiaodui.breadcrumb({ max_chars = 0 }))
  vim.cmd("silent undo")
  vim.cmd("silent undo")

  -- q closes the outline.
  vim.api.nvim_set_current_win(outline.win)
  vim.cmd("normal q")
  check(not vim.api.nvim_win_is_valid(outline.win), "q did not close the outline window")
  check(require("jiaodui.outline").get() == nil, "outline state left after q")

  -- 6. :JiaoduiTerms: 三会一课 (三會一課 in the seed) is listed where it is written, with the
  -- definition from the server's hover card.
  local written = markdown and "三会一课" or "三會一課"
  local term_line, term_col
  for lnum, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = text:find(written, 1, true)
    if col and not term_line then
      term_line, term_col = lnum, col
    end
  end
  check(term_line, written .. " is not in the document")
  local line_text = vim.api.nvim_buf_get_lines(bufnr, term_line - 1, term_line, false)[1]
  local hover = request(client, bufnr, "textDocument/hover", {
    textDocument = doc_id.textDocument,
    position = { line = term_line - 1,
      character = require("jiaodui.client").encoded_col(line_text, term_col - 1, client.offset_encoding) },
  })
  local card
  for _, section in ipairs(vim.split(hover.contents.value, "\n\n---\n\n", { plain = true })) do
    if section:find("^%*%*三会一课%*%*") then
      card = section
    end
  end
  check(card, "the server's hover has no card for 三会一课: " .. hover.contents.value)
  local definition = vim.split(card, "\n\n", { plain = true })[2]
  vim.cmd("JiaoduiTerms")
  local items = vim.fn.getloclist(source_win)
  check(#items > 0, ":JiaoduiTerms left an empty location list")
  check(vim.fn.getloclist(source_win, { title = 1 }).title == "jiaodui terms", "location list title")
  local item
  for _, it in ipairs(items) do
    if it.lnum == term_line and it.col == term_col then
      item = it
    end
  end
  check(item, "no location list item at " .. term_line .. ":" .. term_col .. ": " .. vim.inspect(items))
  check(item.bufnr == bufnr, "the term's item is in buffer " .. item.bufnr)
  check(item.text:find("三会一课", 1, true), "item text " .. item.text)
  check(item.text:find(vim.fn.strcharpart(definition, 0, 8), 1, true), "item text " .. item.text
    .. " lacks the definition " .. definition)
  out(string.format(":JiaoduiTerms: %d items; %d:%d %s", #items, item.lnum, item.col, item.text))

  vim.lsp.stop_client(client.id)
  out("OK")
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  fail(tostring(err))
end
vim.cmd("qall!")
