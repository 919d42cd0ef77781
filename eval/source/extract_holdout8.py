#!/usr/bin/env python3
"""Rebuilds the source files of the eighth held-out set (eval/holdout8.jsonl) from packages.

Unpack the packages first (nothing of them is committed but these extracts):

    apt-get download emacs-common vim-runtime wesnoth-1.16-data wesnoth-1.16-httt \\
        wesnoth-1.16-sof wesnoth-1.16-low wesnoth-1.16-tsg wesnoth-1.16-trow \\
        wesnoth-1.16-dm wesnoth-1.16-ei wesnoth-1.16-l wesnoth-1.16-nr wesnoth-1.16-ttb
    for f in *.deb; do d=${f%%_*}; mkdir -p x/$d && dpkg-deb -x $f x/$d; done
    python3 eval/source/extract_holdout8.py x

Writes, next to this script, one {"title", "paras"} record per section / scenario / unit:

* wesnoth_story_zh_cn.jsonl, wesnoth_story_zh_tw.jsonl — the story of Battle for Wesnoth's
  campaigns (fantasy fiction: narration and dialogue), Simplified from five campaigns
  (Heir to the Throne, The Sceptre of Fire, Legend of Wesmere, The South Guard, The Rise of
  Wesnoth) and Traditional from five others (Delfador's Memoirs, The Eastern Invasion,
  Liberty, Northern Rebirth, A Tale of Two Brothers), so that no story appears in both
  scripts. The scenario files (WML) are read in order; every translatable `story=` (a
  narration page) and `message=` (a line of dialogue) string is looked up in the campaign's
  compiled zh_CN / zh_TW catalogue (.mo, read with the standard gettext module); a message
  gets its speaker's translated name as `名字：` when the speaker's id is itself a translated
  string of the catalogue. One record per scenario file, the scenario's translated name as
  title. Strings holding markup or substitutions ($ < > { } & @) are dropped.
* wesnoth_units_zh_cn.jsonl, wesnoth_units_zh_tw.jsonl — the unit descriptions of the
  in-game encyclopedia (lore of each unit type), from the core units' WML and the
  wesnoth-units catalogue; one record per unit type, with "race" (its folder).
* emacs_tutorial_zh_cn.jsonl, emacs_tutorial_zh_tw.jsonl — the GNU Emacs tutorial
  (TUTORIAL.cn, Simplified; TUTORIAL.zh, Traditional), one record per `* ` section, the
  copying section and anything after it left out; wrapped lines joined, indented lines
  (key tables, examples) kept one per paragraph.
* vim_tutor_zh_cn.jsonl, vim_tutor_zh_tw.jsonl — the Vim tutor (tutor.zh_cn.utf-8,
  tutor.zh_tw.utf-8), one record per lesson section (sections separated by lines of
  tildes, the first line of each its heading; the banner before the first is left out).

Only paragraphs at least a third Han characters are kept (han_share of extract_holdout5.py),
so English sample lines drop out. The extraction was written and run without reading the
extracted text: it prints counts only. Standard library only.
"""

import gettext
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from extract_holdout5 import cjk_join, han_share  # noqa: E402

WES = "usr/share/games/wesnoth/1.16"
STORY = {
    "zh_CN": [("wesnoth-1.16-httt", "httt"), ("wesnoth-1.16-sof", "sof"), ("wesnoth-1.16-low", "low"),
              ("wesnoth-1.16-tsg", "tsg"), ("wesnoth-1.16-trow", "trow")],
    "zh_TW": [("wesnoth-1.16-dm", "dm"), ("wesnoth-1.16-ei", "ei"), ("wesnoth-1.16-l", "l"),
              ("wesnoth-1.16-nr", "nr"), ("wesnoth-1.16-ttb", "tb")],
}
MARKUP = re.compile(r"[$<>{}&@]")
WML = re.compile(r'(\w+)[ \t]*=[ \t]*(?:_[ \t]*"((?:[^"]|"")*)"|"?([^"\n#]*)"?)')


def clean(s):
    """One line of text: whitespace runs as one space, none between two CJK characters."""
    return cjk_join(re.sub(r"\s+", " ", s).strip())


def catalog(path):
    with open(path, "rb") as f:
        return gettext.GNUTranslations(f)._catalog


def translated(cat, msgid):
    v = cat.get(msgid)
    if not isinstance(v, str) or not v.strip() or v == msgid:
        return None
    return v


def keep(p, min_len=8):
    return len(p) >= min_len and han_share(p) >= 0.34 and not MARKUP.search(p)


def wml_strings(text):
    """(key, translatable msgid or None, plain value or None) in file order."""
    for m in WML.finditer(text):
        key, tr, plain = m.group(1), m.group(2), m.group(3)
        if tr is not None:
            yield key, tr.replace('""', '"'), None
        else:
            yield key, None, (plain or "").strip()


def wesnoth_story(root, locale):
    out = []
    for pkg, dom in STORY[locale]:
        base = os.path.join(root, pkg, WES)
        cat = catalog(os.path.join(base, "locale", locale, "LC_MESSAGES", f"wesnoth-{dom}.mo"))
        for path in sorted(glob.glob(os.path.join(base, "data/campaigns/*/scenarios/*.cfg"))):
            title, paras, speaker = None, [], None
            for key, msgid, plain in wml_strings(open(path, encoding="utf-8").read()):
                if key == "speaker" and plain is not None:
                    speaker = plain
                    continue
                if msgid is None:
                    continue
                t = translated(cat, msgid)
                if t is None:
                    continue
                if key == "name" and title is None:
                    title = clean(t)
                if key not in ("story", "message"):
                    continue
                lines = [clean(x) for x in t.split("\n")]
                lines = [x for x in lines if keep(x)]
                if not lines:
                    continue
                if key == "message" and speaker and speaker[:1].isupper():
                    name = translated(cat, speaker)
                    if name and not MARKUP.search(name) and len(name) <= 12:
                        lines[0] = f"{clean(name)}：{lines[0]}"
                paras += lines
            if title and keep(title, 2) and sum(len(p) for p in paras) >= 200:
                out.append({"title": title, "campaign": dom, "paras": paras})
    return out


def wesnoth_units(root, locale):
    base = os.path.join(root, "wesnoth-1.16-data", WES)
    cat = catalog(os.path.join(base, "locale", locale, "LC_MESSAGES", "wesnoth-units.mo"))
    out = []
    for path in sorted(glob.glob(os.path.join(base, "data/core/units/*/*.cfg"))):
        name = desc = None
        for key, msgid, _ in wml_strings(open(path, encoding="utf-8").read()):
            if msgid is None:
                continue
            if key == "name" and name is None:
                name = translated(cat, msgid)
            elif key == "description" and desc is None:
                desc = translated(cat, msgid)
        if not name or not desc:
            continue
        paras = [p for p in (clean(x) for x in desc.split("\n")) if keep(p)]
        if paras and keep(clean(name), 2) and sum(len(p) for p in paras) >= 40:
            out.append({"title": clean(name), "race": os.path.basename(os.path.dirname(path)), "paras": paras})
    return out


def blocks(lines):
    """Blank-line-separated blocks; within one, an indented line stands alone, other lines
    are joined (wrapped text)."""
    out, cur = [], []
    for line in lines + [""]:
        if not line.strip():
            if cur:
                out.append(clean(" ".join(cur)))
                cur = []
        elif line[:1] in (" ", "\t", "\u3000"):
            if cur:
                out.append(clean(" ".join(cur)))
                cur = []
            out.append(clean(line))
        else:
            cur.append(line)
    return out


def emacs_tutorial(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    secs = [{"title": clean(lines[0]), "lines": []}]
    for line in lines[1:]:
        if line.startswith("* "):
            if "COPYING" in line:
                break
            secs.append({"title": clean(line[2:]), "lines": []})
        else:
            secs[-1]["lines"].append(line)
    out = []
    for s in secs:
        paras = [p for p in blocks(s["lines"]) if keep(p)]
        if sum(len(p) for p in paras) >= 120:
            out.append({"title": s["title"], "paras": paras})
    return out


def vim_tutor(path):
    """Sections are separated by lines of tildes; a section's first line is its heading."""
    parts = re.split(r"\n~{10,}[ \t]*\n", open(path, encoding="utf-8").read())
    out = []
    for part in parts[1:]:  # before the first separator: the banner
        lines = part.split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines:
            continue
        title = clean(lines[0])
        paras = [p for p in blocks(lines[1:]) if keep(p)]
        if keep(title, 2) and sum(len(p) for p in paras) >= 120:
            out.append({"title": title, "paras": paras})
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    emacs = os.path.join(root, "emacs-common/usr/share/emacs/28.2/etc/tutorials")
    vim = os.path.join(root, "vim-runtime/usr/share/vim/vim90/tutor")
    files = {
        "wesnoth_story_zh_cn.jsonl": wesnoth_story(root, "zh_CN"),
        "wesnoth_story_zh_tw.jsonl": wesnoth_story(root, "zh_TW"),
        "wesnoth_units_zh_cn.jsonl": wesnoth_units(root, "zh_CN"),
        "wesnoth_units_zh_tw.jsonl": wesnoth_units(root, "zh_TW"),
        "emacs_tutorial_zh_cn.jsonl": emacs_tutorial(os.path.join(emacs, "TUTORIAL.cn")),
        "emacs_tutorial_zh_tw.jsonl": emacs_tutorial(os.path.join(emacs, "TUTORIAL.zh")),
        "vim_tutor_zh_cn.jsonl": vim_tutor(os.path.join(vim, "tutor.zh_cn.utf-8")),
        "vim_tutor_zh_tw.jsonl": vim_tutor(os.path.join(vim, "tutor.zh_tw.utf-8")),
    }
    for name, recs in files.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        chars = sum(len(p) for r in recs for p in r["paras"])
        han = sum(1 for r in recs for p in r["paras"] for c in p if "\u4e00" <= c <= "\u9fff")
        npara = sum(len(r["paras"]) for r in recs)
        print(name, len(recs), "records", npara, "paras", chars, "chars", han, "Han",
              os.path.getsize(os.path.join(HERE, name)), "bytes")


if __name__ == "__main__":
    main()
