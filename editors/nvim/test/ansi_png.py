"""Renders a `tmux capture-pane -e -p` dump (SGR colours, 24-bit or 256) as a PNG.

    python3 ansi_png.py capture.ans out.png [font.ttc]

Needs Pillow and a monospace CJK font (default: WenQuanYi Micro Hei Mono, Debian's
fonts-wqy-microhei). Wide characters take two cells, as in the terminal.
"""
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SIZE = 16
CELL_W, CELL_H = SIZE // 2, SIZE + 4
FG, BG = (208, 208, 208), (20, 22, 26)
BASE16 = [
    (0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188),
    (17, 168, 205), (229, 229, 229), (102, 102, 102), (241, 76, 76), (35, 209, 139),
    (245, 245, 67), (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255),
]


def color256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[n // 36], steps[(n // 6) % 6], steps[n % 6]
    g = 8 + (n - 232) * 10
    return g, g, g


def parse(line):
    """Yields (text, fg, bg, reverse) runs."""
    fg, bg, reverse = None, None, False
    pos = 0
    for m in re.finditer(r"\x1b\[([0-9;]*)m", line):
        if m.start() > pos:
            yield line[pos:m.start()], fg, bg, reverse
        pos = m.end()
        codes = [int(c) if c else 0 for c in m.group(1).split(";")]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                fg, bg, reverse = None, None, False
            elif c == 7:
                reverse = True
            elif c == 27:
                reverse = False
            elif 30 <= c <= 37:
                fg = BASE16[c - 30]
            elif 90 <= c <= 97:
                fg = BASE16[c - 90 + 8]
            elif 40 <= c <= 47:
                bg = BASE16[c - 40]
            elif 100 <= c <= 107:
                bg = BASE16[c - 100 + 8]
            elif c == 39:
                fg = None
            elif c == 49:
                bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 2 and i + 4 < len(codes):
                    rgb = tuple(codes[i + 2:i + 5])
                    i += 4
                elif codes[i + 1] == 5 and i + 2 < len(codes):
                    rgb = color256(codes[i + 2])
                    i += 2
                else:
                    rgb = None
                if c == 38:
                    fg = rgb
                else:
                    bg = rgb
            i += 1
    if pos < len(line):
        yield line[pos:], fg, bg, reverse


def width(ch):
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def main():
    src, out = sys.argv[1], sys.argv[2]
    font = ImageFont.truetype(sys.argv[3] if len(sys.argv) > 3 else FONT, SIZE, index=1)  # the Mono face
    lines = open(src, encoding="utf-8").read().rstrip("\n").split("\n")
    cols = max(sum(width(ch) for text, *_ in parse(l) for ch in text) for l in lines)
    img = Image.new("RGB", (cols * CELL_W + 16, len(lines) * CELL_H + 16), BG)
    draw = ImageDraw.Draw(img)
    for row, line in enumerate(lines):
        x = 0
        for text, fg, bg, reverse in parse(line):
            f, b = fg or FG, bg
            if reverse:
                f, b = (bg or BG), (fg or FG)
            for ch in text:
                w = width(ch)
                left, top = 8 + x * CELL_W, 8 + row * CELL_H
                if b:
                    draw.rectangle([left, top, left + w * CELL_W - 1, top + CELL_H - 1], fill=b)
                draw.text((left, top + 2), ch, font=font, fill=f)
                x += w
    img.save(out)


if __name__ == "__main__":
    main()
