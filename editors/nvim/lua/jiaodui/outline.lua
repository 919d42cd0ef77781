-- :JiaoduiOutline — the server's section tree in a side window: nested and indented, numbering
-- as written, the section under the cursor highlighted and followed; <CR> jumps, q closes.
local symbols = require("jiaodui.symbols")
local client_mod = require("jiaodui.client")

local M = {}

M.options = { width = 40, side = "left" }

local ns = vim.api.nvim_create_namespace("jiaodui_outline")
local function define_highlights()
  vim.cmd("highlight default link JiaoduiOutlineCurrent Visual")
end
define_highlights()
-- :colorscheme clears highlight groups, default links included.
vim.api.nvim_create_autocmd("ColorScheme", {
  group = vim.api.nvim_create_augroup("jiaodui_outline_highlights", { clear = true }),
  callback = define_highlights,
})

-- tabpage -> { win, buf, source_win, source_buf, rows = { [row] = heading }, row_of = { [heading.index] = row } }
local outlines = {}

local function valid_win(win)
  return win and vim.api.nvim_win_is_valid(win)
end

local function current_outline()
  local o = outlines[vim.api.nvim_get_current_tabpage()]
  if o and valid_win(o.win) and vim.api.nvim_win_get_buf(o.win) == o.buf then
    return o
  end
  return nil
end

-- One line per heading, depth-first as the server nests them, two spaces per level.
local function render(o)
  local lines, rows, row_of = {}, {}, {}
  local tree = symbols.tree(o.source_buf)
  local function add(nodes)
    for _, h in ipairs(nodes) do
      table.insert(lines, string.rep("  ", h.depth) .. (h.name:gsub("[\r\n]+", " ")))
      rows[#lines] = h
      row_of[h.index] = #lines
      add(h.children)
    end
  end
  if tree then
    add(tree)
  end
  if #lines == 0 then
    lines = { tree and "（无章节）" or "（等待 jiaodui…）" }
  end
  o.rows, o.row_of = rows, row_of
  vim.bo[o.buf].modifiable = true
  vim.api.nvim_buf_set_lines(o.buf, 0, -1, false, lines)
  vim.bo[o.buf].modifiable = false
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(o.source_buf), ":t")
  vim.wo[o.win].statusline = " 提纲 · " .. name:gsub("%%", "%%%%")
end

-- Highlights the section the source cursor is in and keeps it in view.
local function follow(o)
  if not valid_win(o.source_win) or vim.api.nvim_win_get_buf(o.source_win) ~= o.source_buf then
    return
  end
  local lnum = vim.api.nvim_win_get_cursor(o.source_win)[1] - 1
  local h = symbols.section_at(o.source_buf, lnum)
  local row = h and o.row_of[h.index]
  vim.api.nvim_buf_clear_namespace(o.buf, ns, 0, -1)
  o.current_row = row
  if not row then
    return
  end
  vim.api.nvim_buf_add_highlight(o.buf, ns, "JiaoduiOutlineCurrent", row - 1, 0, -1)
  if vim.api.nvim_get_current_win() ~= o.win then
    vim.api.nvim_win_set_cursor(o.win, { row, 0 })
  end
end

local function close(o)
  outlines[vim.api.nvim_get_current_tabpage()] = nil
  pcall(vim.api.nvim_del_augroup_by_name, "jiaodui_outline_" .. o.buf)
  if valid_win(o.win) and #vim.api.nvim_tabpage_list_wins(0) > 1 then
    vim.api.nvim_win_close(o.win, true)
  end
end

--- Closes the outline window of the current tabpage.
function M.close()
  local o = current_outline()
  if o then
    close(o)
  end
end

--- In the outline window: goes to the heading of the line under the cursor (`row`, default the
--- cursor's), in the window the outline was opened from.
function M.jump(row)
  local o = current_outline()
  if not o then
    return
  end
  row = row or vim.api.nvim_win_get_cursor(o.win)[1]
  local h = o.rows[row]
  if not h then
    return
  end
  if not valid_win(o.source_win) then
    -- The source window was closed: open the buffer beside the outline.
    vim.api.nvim_set_current_win(o.win)
    vim.cmd(M.options.side == "right" and "leftabove vsplit" or "rightbelow vsplit")
    o.source_win = vim.api.nvim_get_current_win()
    vim.api.nvim_win_set_width(o.win, M.options.width)
  end
  vim.api.nvim_set_current_win(o.source_win)
  if vim.api.nvim_win_get_buf(o.source_win) ~= o.source_buf then
    vim.api.nvim_win_set_buf(o.source_win, o.source_buf)
  end
  vim.cmd("normal! m'")
  vim.api.nvim_win_set_cursor(o.source_win, { h.lnum + 1, symbols.heading_col(o.source_buf, h) })
  vim.cmd("normal! zv") -- open the folds hiding the heading
  follow(o)
end

-- Follows the source buffer's cursor; re-targets when another jiaodui buffer is entered.
local function watch(o)
  local group = vim.api.nvim_create_augroup("jiaodui_outline_" .. o.buf, { clear = true })
  vim.api.nvim_create_autocmd({ "CursorMoved", "CursorMovedI" }, {
    group = group,
    callback = function(args)
      if args.buf == o.source_buf and vim.api.nvim_get_current_win() == o.source_win then
        follow(o)
      end
    end,
  })
  vim.api.nvim_create_autocmd("BufEnter", {
    group = group,
    callback = function(args)
      local win = vim.api.nvim_get_current_win()
      if win == o.win or args.buf == o.buf or not valid_win(o.win) then
        return
      end
      if client_mod.first(args.buf) and (args.buf ~= o.source_buf or win ~= o.source_win) then
        o.source_win, o.source_buf = win, args.buf
        render(o)
        follow(o)
      end
    end,
  })
  vim.api.nvim_create_autocmd("WinClosed", {
    group = group,
    pattern = tostring(o.win),
    callback = function()
      outlines[vim.api.nvim_get_current_tabpage()] = nil
      vim.schedule(function()
        pcall(vim.api.nvim_del_augroup_by_id, group)
      end)
    end,
  })
end

--- Opens (or focuses) the outline of the current buffer. Returns the outline window.
function M.open()
  local source_win = vim.api.nvim_get_current_win()
  local source_buf = vim.api.nvim_get_current_buf()
  local existing = current_outline()
  if existing and source_win == existing.win then
    return existing.win
  end
  if not client_mod.first(source_buf) then
    vim.notify("jiaodui: no server attached to this buffer", vim.log.levels.WARN)
    return nil
  end
  if existing then
    existing.source_win, existing.source_buf = source_win, source_buf
    render(existing)
    follow(existing)
    vim.api.nvim_set_current_win(existing.win)
    return existing.win
  end

  local buf = vim.api.nvim_create_buf(false, true)
  vim.bo[buf].buftype = "nofile"
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].swapfile = false
  vim.bo[buf].filetype = "jiaodui-outline"
  vim.cmd((M.options.side == "right" and "botright" or "topleft") .. " vertical " .. M.options.width .. "split")
  local win = vim.api.nvim_get_current_win()
  vim.api.nvim_win_set_buf(win, buf)
  for option, value in pairs({
    number = false, relativenumber = false, wrap = false, list = false, spell = false,
    signcolumn = "no", foldcolumn = "0", winfixwidth = true, cursorline = false,
  }) do
    vim.wo[win][option] = value
  end
  local o = { win = win, buf = buf, source_win = source_win, source_buf = source_buf, rows = {}, row_of = {} }
  outlines[vim.api.nvim_get_current_tabpage()] = o
  vim.keymap.set("n", "<CR>", function()
    M.jump()
  end, { buffer = buf, silent = true, desc = "jiaodui: go to this section" })
  vim.keymap.set("n", "q", function()
    M.close()
  end, { buffer = buf, silent = true, desc = "jiaodui: close the outline" })
  watch(o)
  render(o)
  follow(o)
  if not symbols.is_current(source_buf) then
    symbols.refresh(source_buf)
  end
  return win
end

--- The outline of the current tabpage, for tests and statuslines: { win, buf, source_buf, rows, current_row }.
function M.get()
  return current_outline()
end

symbols.on_update(function(bufnr)
  for _, o in pairs(outlines) do
    if o.source_buf == bufnr and valid_win(o.win) then
      render(o)
      follow(o)
    end
  end
end)

return M
