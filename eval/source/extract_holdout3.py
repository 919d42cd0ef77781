#!/usr/bin/env python3
"""Rebuilds the source texts of the third held-out set (eval/build_holdout3.py).

Reads the unpacked Debian package `texlive-lang-chinese` (`apt-get download
texlive-lang-chinese`, then `dpkg-deb -x` it) and writes, in eval/source/:

    texlive_docs_zh_cn.jsonl   Chinese documentation shipped with TeX Live (Simplified):
                               the TeX Live guide, exam-zh, latex-notes-zh-cn,
                               install-latex-guide-zh-cn, texproposal
    zhlipsum_texts.jsonl       the real texts inside zhlipsum's dummy-text tables:
                               Lu Xun's 祝福, 史记·项羽本纪 (Simplified from the UTF-8
                               table, Traditional from the Big5 table), 山海经·南山经 and
                               the Chinese Wikipedia article 阿司匹林

one {"source", "script", "text"} object per page (title, then one paragraph or item per
line; a short program listing is kept as one element whose lines are joined by U+2028 so
that the generator can keep it intact). LaTeX markup is stripped with a few regular
expressions. See eval/SOURCES.md for the licences.

usage: extract_holdout3.py TEXLIVE_LANG_CHINESE_DEB_ROOT
"""
import glob
import gzip
import json
import os
import re
import sys

OUT = os.path.dirname(os.path.abspath(__file__))
DOC = "usr/share/doc/texlive-doc"
TEX = "usr/share/texlive/texmf-dist/tex/latex/zhlipsum"
BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff\u00ad\ue000-\uf8ff\ufffd]"
    "|&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;|锟斤拷|烫烫|屯屯"
)
CODE_ENVS = "verbatim|Verbatim|lstlisting|minted|LTXexample|ctexexam|shell|code|example|tcblisting"
DROP_ENVS = "figure|table|tabular|tabularx|longtable|tikzpicture|equation|align|align\\*|equation\\*|thebibliography|center"
SECTION = re.compile(r"\\(?:part|chapter|section|subsection|subsubsection|paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{")


def read(path):
    raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    return raw.decode("utf-8")


def han_share(t):
    return sum(1 for c in t if "\u4e00" <= c <= "\u9fff") / max(1, len(t))


def is_cjk(c):
    return "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"


def braced(s, i):
    """Index after the brace group opening at s[i] == '{'."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{" and (j == 0 or s[j - 1] != "\\"):
            depth += 1
        elif s[j] == "}" and s[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(s)


NAMES = {"TL": "TeX Live", "LaTeXe": "LaTeX2ε"}


def inline(t):
    """LaTeX inline markup to plain text."""
    t = re.sub(r"\\verb\*?(.)(.*?)\1", lambda m: m.group(2), t)
    t = re.sub(r"\\(LaTeXe|TeX|LaTeX|XeTeX|XeLaTeX|LuaTeX|LuaLaTeX|pdfTeX|pdfLaTeX|ConTeXt|TL|CTAN|HTML|TDS|PDF|DVI)(?![a-zA-Z])(?:\{\})?\\?",
               lambda m: NAMES.get(m.group(1), m.group(1)), t)
    t = re.sub(r"\\(?:label|ref|cite|pageref|index|footnote|vspace|hspace|includegraphics|url|href)\*?(?:\[[^\]]*\])?\{[^{}]*\}", "", t)
    for _ in range(4):
        t = re.sub(r"\\[a-zA-Z]+\*?(?:\[[^\]]*\])?\{([^{}]*)\}", r"\1", t)
    t = re.sub(r"\\([%&_#$])", r"\1", t)
    t = re.sub(r"\\[a-zA-Z]+\*?", "", t)
    t = t.replace("~", " ").replace("\\,", "").replace("\\ ", " ").replace("\\\\", "")
    t = re.sub(r"[{}]", "", t)
    t = t.replace("$", "").replace("``", "“").replace("''", "”").replace("---", "—").replace("--", "–")
    return re.sub(r"[ \t]+", " ", t).strip()


def join_lines(lines):
    out = ""
    for l in lines:
        l = l.strip()
        if not l:
            continue
        if out and not (is_cjk(out[-1]) and is_cjk(l[0])):
            out += " "
        out += l
    return out


def keep(t):
    return len(t) >= 10 and han_share(t) >= 0.3 and not BAD.search(t)


def tex_page(path):
    s = read(path)
    s = re.sub(r"(?<!\\)%.*", "", s)
    title = None
    elems = []
    # code listings: keep short ones intact
    def code(m):
        lines = [l.rstrip() for l in m.group(2).strip("\n").split("\n") if l.strip()]
        if 1 <= len(lines) <= 8 and not BAD.search("\n".join(lines)):
            return "\n\n\u2028" + "\u2028".join(lines) + "\n\n"
        return "\n\n"
    s = re.sub(r"\\begin\{(%s)\}(?:\[[^\]]*\])?(.*?)\\end\{\1\}" % CODE_ENVS, code, s, flags=re.S)
    s = re.sub(r"\\begin\{(%s)\}.*?\\end\{\1\}" % DROP_ENVS, "\n\n", s, flags=re.S)
    # sections become their own paragraphs
    out, i = [], 0
    for m in SECTION.finditer(s):
        if m.start() < i:
            continue
        end = braced(s, m.end() - 1)
        out.append(s[i:m.start()])
        out.append("\n\n" + s[m.end():end - 1] + "\n\n")
        i = end
    out.append(s[i:])
    s = "".join(out)
    s = re.sub(r"\\item\s*(?:\[([^\]]*)\])?", lambda m: "\n\n" + (m.group(1) or "") + " ", s)
    s = re.sub(r"\\(?:begin|end)\{[^}]*\}(?:\[[^\]]*\])?", "\n\n", s)
    for block in re.split(r"\n\s*\n", s):
        if block.startswith("\u2028"):
            if elems:
                elems.append(block[1:])
            continue
        t = inline(join_lines(block.split("\n")))
        if keep(t):
            if title is None and len(t) <= 40:
                title = t
            else:
                elems.append(t)
    # drop a listing that ended up first, and pages without enough prose
    while elems and "\u2028" in elems[0]:
        elems.pop(0)
    prose = [e for e in elems if "\u2028" not in e]
    if len(prose) < 3:
        return None
    return "\n".join([title or prose[0][:20]] + elems)


def texlive_docs(root):
    docs = []
    base = os.path.join(root, DOC)
    pats = ["texlive/texlive-zh-cn/*.tex.gz", "xelatex/exam-zh/doc/body/*.tex*", "xelatex/exam-zh/examples/*.tex.gz",
            "generic/latex-notes-zh-cn/src/*.tex*", "latex/install-latex-guide-zh-cn/chapter/*.tex*",
            "latex/install-latex-guide-zh-cn/appendix/*.tex*", "latex/texproposal/contents/*.tex*"]
    for pat in pats:
        for path in sorted(glob.glob(os.path.join(base, pat))):
            text = tex_page(path)
            if not text:
                continue
            rel = os.path.relpath(path, base)
            if rel.startswith("texlive/"):
                # the TeX Live guide is one long file: cut it at its headings into pages
                lines = text.split("\n")
                page = []
                for l in lines:
                    if len(l) <= 30 and "\u2028" not in l and page and len(page) >= 6:
                        docs.append({"source": "texlive-lang-chinese:" + rel, "script": "simplified", "text": "\n".join(page)})
                        page = []
                    page.append(l)
                if len(page) >= 4:
                    docs.append({"source": "texlive-lang-chinese:" + rel, "script": "simplified", "text": "\n".join(page)})
            else:
                docs.append({"source": "texlive-lang-chinese:" + rel, "script": "simplified", "text": text})
    return docs


TITLES = {"zhufu": "祝福", "xiangyu": "史记·项羽本纪", "nanshanjing": "山海经·南山经", "aspirin": "阿司匹林"}


def zhlipsum(root):
    docs = []
    for fname, enc, script in [("zhlipsum-utf8.def", "utf-8", "simplified"), ("zhlipsum-big5.def", "big5", "traditional")]:
        s = open(os.path.join(root, TEX, fname), "rb").read().decode(enc, errors="replace")
        for m in re.finditer(r"\+newzhlipsum < (\w+) >\s*<(.*?)\n  >", s, re.S):
            name = m.group(1)
            if name not in TITLES:
                continue  # `simp` / `trad` are random characters, not prose
            paras = [p.replace("*", " ").strip() for p in re.findall(r"<([^<>]*)>", m.group(2))]
            paras = [p for p in paras if p and not BAD.search(p)]
            title = TITLES[name]
            if script == "traditional":
                if name != "xiangyu" or any(d["text"].startswith(title) and "項籍" in d["text"] for d in docs):
                    continue  # the Big5 table repeats the (already Traditional) UTF-8 text
                title = "史記·項羽本紀"
            if "項籍" in "".join(paras):
                script_here = "traditional"
                title = "史記·項羽本紀"
            else:
                script_here = script
            # cut long texts into pages of 6-12 paragraphs
            k = 0
            while k < len(paras):
                n = 6 + (k * 7) % 7
                docs.append({"source": "texlive-lang-chinese:zhlipsum/%s/%s#%d" % (fname, name, k),
                             "script": script_here, "text": "\n".join([title] + paras[k:k + n])})
                k += n
    return docs


def write(name, docs):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(name, len(docs), os.path.getsize(os.path.join(OUT, name)))


def main():
    root = sys.argv[1]
    write("texlive_docs_zh_cn.jsonl", texlive_docs(root))
    write("zhlipsum_texts.jsonl", zhlipsum(root))


if __name__ == "__main__":
    main()
