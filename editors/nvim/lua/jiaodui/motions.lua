-- Section motions over the server's headings: ]] / [[ to the next / previous heading of any
-- level, ][ / [] to the next / previous heading at the level of the current section.
local symbols = require("jiaodui.symbols")

local M = {}

M.default_keys = {
  next_heading = "]]",
  prev_heading = "[[",
  next_sibling = "][",
  prev_sibling = "[]",
}

-- The heading `count` steps from the cursor line in `direction` (1 or -1) among those accepted
-- by `keep`; the farthest one reached when there are fewer (like Vim's own ]]).
local function target(headings, lnum, direction, count, keep)
  local found
  local first, last, step = 1, #headings, 1
  if direction < 0 then
    first, last, step = #headings, 1, -1
  end
  for i = first, last, step do
    local h = headings[i]
    if keep(h) and ((direction > 0 and h.lnum > lnum) or (direction < 0 and h.lnum < lnum)) then
      found = h
      count = count - 1
      if count == 0 then
        break
      end
    end
  end
  return found
end

--- Moves the cursor to a heading. `same_level`: only headings at the depth of the section the
--- cursor is in. Returns the heading moved to, or nil (cursor unchanged).
function M.jump(direction, same_level, count)
  local bufnr = vim.api.nvim_get_current_buf()
  local headings = symbols.headings(bufnr)
  if not headings then
    return nil
  end
  local lnum = vim.api.nvim_win_get_cursor(0)[1] - 1
  local keep = function()
    return true
  end
  if same_level then
    local current = symbols.section_at(bufnr, lnum)
    local depth = current and current.depth or 0
    keep = function(h)
      return h.depth == depth
    end
  end
  local h = target(headings, lnum, direction, count or vim.v.count1, keep)
  if not h then
    return nil
  end
  vim.cmd("normal! m'") -- a jump, as Vim's own ]] is: `` and <C-o> come back
  vim.api.nvim_win_set_cursor(0, { h.lnum + 1, symbols.heading_col(bufnr, h) })
  return h
end

--- Buffer-local mappings in normal, visual and operator-pending mode. `keys` overrides
--- M.default_keys; a key set to false is not mapped.
function M.map(bufnr, keys)
  keys = vim.tbl_extend("force", M.default_keys, keys or {})
  local actions = {
    next_heading = { 1, false, "next heading" },
    prev_heading = { -1, false, "previous heading" },
    next_sibling = { 1, true, "next heading of the same level" },
    prev_sibling = { -1, true, "previous heading of the same level" },
  }
  for name, action in pairs(actions) do
    local lhs = keys[name]
    if lhs then
      vim.keymap.set({ "n", "x", "o" }, lhs, function()
        M.jump(action[1], action[2])
      end, { buffer = bufnr, silent = true, desc = "jiaodui: " .. action[3] })
    end
  end
end

return M
