#!/usr/bin/env python3
"""Measures jiaodui on real text nobody on the project wrote (issue 14, "trust on real text")
and prints Markdown tables for docs/quality.md.

Sets (built by eval/trust/build.py, ftfy's cases copied to eval/ftfy/):

* mojibake repair on real sentences (eval/trust/mojibake.jsonl): per codec pair and context,
  does `jiaodui fix` give the original back (exact), or make it farther from it (worse)?
* clean real documents (eval/trust/clean.jsonl): every finding is a false alarm unless
  eval/trust/clean_known_defects.toml lists it;
* ftfy's test cases (eval/ftfy/*.json): negative cases must give no finding; cases with
  Chinese are compared with ftfy's result; no other case may be repaired into CJK;
* non-Chinese mojibake (eval/trust/foreign.jsonl): no fix may produce CJK characters.

The binary is $JIAODUI (default target/release/jiaodui), run once per set and command on a
JSON Lines batch. Python 3.11+ standard library only.

    python3 scripts/trust.py                 # the tables
    python3 scripts/trust.py --examples 5    # and up to 5 failing examples per row
    python3 scripts/trust.py --check         # exit 1 when a measure passes its limit (CHECKS)
"""

import argparse
import collections
import json
import os
import shlex
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "eval", "trust"))
from common import FTFY, HERE as TRUST, count_cjk, is_han, read_jsonl  # noqa: E402

FTFY_FILES = ["negative", "in-the-wild", "synthetic", "language-names", "known-failures"]


# ---------------------------------------------------------------- running the binary


class Jiaodui:
    def __init__(self, path):
        self.path = path

    def _run(self, args, records):
        with tempfile.TemporaryDirectory() as d:
            f = os.path.join(d, "batch.jsonl")
            with open(f, "w", encoding="utf-8") as out:
                for i, r in enumerate(records):
                    out.write(json.dumps({"id": str(i), "text": r["text"]}, ensure_ascii=False) + "\n")
            p = subprocess.run([self.path, *args, "--no-config", "-q", "--input-format", "jsonl", f],
                               capture_output=True, text=True, encoding="utf-8")
        if p.returncode not in (0, 1):
            sys.exit(f"{self.path} {' '.join(args)} failed ({p.returncode}): {p.stderr}")
        return p.stdout

    def check(self, records):
        """Findings per record (list of lists, in input order)."""
        out = [[] for _ in records]
        for line in self._run(["check", "--format", "json"], records).split("\n"):
            if line.strip():
                f = json.loads(line)
                out[f["record"] - 1].append(f)
        return out

    def fix(self, records):
        """The text of every record after the safe fixes."""
        lines = [l for l in self._run(["fix", "--stdout"], records).split("\n") if l.strip()]
        assert len(lines) == len(records), (len(lines), len(records))
        return [json.loads(l)["text"] for l in lines]

    def version(self):
        return subprocess.run([self.path, "--version"], capture_output=True, text=True).stdout.strip()


# ---------------------------------------------------------------- helpers


def levenshtein(a, b):
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for x, ca in enumerate(a, 1):
        cur = [x]
        for y, cb in enumerate(b, 1):
            cur.append(min(prev[y] + 1, cur[y - 1] + 1, prev[y - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def pct(a, b):
    return f"{100 * a / b:.1f} %" if b else "–"


def table(head, rows):
    out = ["| " + " | ".join(head) + " |",
           "|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def show(s, limit=160):
    s = json.dumps(s, ensure_ascii=False)[1:-1]
    return s if len(s) <= limit else s[:limit] + "…"


def byte_slice(text, a, b):
    return text.encode("utf-8")[a:b].decode("utf-8", errors="replace")


class Examples:
    """Failing examples per table row, printed after the table when --examples N > 0."""

    def __init__(self, n):
        self.n, self.rows = n, collections.OrderedDict()

    def add(self, row, lines):
        got = self.rows.setdefault(row, [])
        if len(got) < self.n:
            got.append(lines)

    def print(self):
        if not self.n or not self.rows:
            return
        print()
        for row, items in self.rows.items():
            print(f"Examples, {row}:")
            for lines in items:
                print("- " + lines[0])
                for l in lines[1:]:
                    print("  " + l)
        print()


def invented(fixed, text, original):
    """Whether the fix output holds a non-ASCII character that is neither in the garbled
    text nor in the original: a wrong repair (such as 做过事 → 做过剩, or Hangul from GBK)."""
    return any(ord(ch) > 127 and ch not in original and ch not in text for ch in fixed)


def has_unsafe(findings, code="garble/mojibake"):
    return any(not fx["safe"] for f in findings if f["code"] == code for fx in f["fixes"])


# ---------------------------------------------------------------- the four measurements


def mojibake(j, n_examples):
    recs = read_jsonl(os.path.join(TRUST, "mojibake.jsonl"))
    fixed, findings = j.fix(recs), j.check(recs)
    ex_ll, ex_lossy = Examples(n_examples), Examples(n_examples)
    rows_ll, rows_lossy, kinds = [], [], []
    for r in recs:
        if (r["kind"], r["context"]) not in kinds:
            kinds.append((r["kind"], r["context"]))
    tot = collections.Counter()
    for kind, ctx in kinds:
        c = collections.Counter()
        for r, fx, fs in zip(recs, fixed, findings):
            if (r["kind"], r["context"]) != (kind, ctx):
                continue
            ll = "ll" if r["lossless"] else "lossy"
            c[ll] += 1
            if fx == r["original"]:
                outcome = "exact"
            elif fx == r["text"]:
                outcome = "unchanged"
            elif levenshtein(fx, r["original"]) > levenshtein(r["text"], r["original"]):
                outcome = "worse"
            else:
                outcome = "other"
            c[ll, outcome] += 1
            if invented(fx, r["text"], r["original"]):
                c[ll, "invented"] += 1
            if any(f["code"] == "garble/mojibake" for f in fs):
                c[ll, "flagged"] += 1
            if has_unsafe(fs):
                c[ll, "unsafe"] += 1
            if best_repair(r["text"], fs) == r["original"]:
                c[ll, "best"] += 1
            if outcome != "exact":
                row = f"{kind} {ctx} {outcome}"
                lines = [f"`{r['id']}` ({r['genre']}, {r['source']})", f"garbled:  {show(r['text'])}",
                         f"fixed:    {show(fx)}", f"original: {show(r['original'])}"]
                if not r["lossless"] and outcome == "unchanged":
                    continue
                (ex_ll if r["lossless"] else ex_lossy).add(row, lines)
        if c["ll"]:
            rows_ll.append([kind, ctx, c["ll"], c["ll", "exact"], c["ll", "worse"], c["ll", "unchanged"],
                            c["ll", "other"], c["ll", "invented"], pct(c["ll", "exact"], c["ll"])])
            tot.update({k: v for k, v in c.items() if k == "ll" or (isinstance(k, tuple) and k[0] == "ll")})
        if c["lossy"]:
            rows_lossy.append([kind, ctx, c["lossy"], c["lossy", "flagged"], c["lossy", "unsafe"],
                               c["lossy", "best"], c["lossy", "exact"], c["lossy", "worse"], c["lossy", "unchanged"],
                               c["lossy", "other"], c["lossy", "invented"]])
    rows_ll.append(["**total**", "", tot["ll"], tot["ll", "exact"], tot["ll", "worse"], tot["ll", "unchanged"],
                    tot["ll", "other"], tot["ll", "invented"], f"**{pct(tot['ll', 'exact'], tot['ll'])}**"])
    n_kinds = len({k for k, _ in kinds})
    print(f"### Mojibake repair on real sentences\n\n{len(recs)} documents (`eval/trust/mojibake.jsonl`): "
          f"real sentences of 8–60 characters garbled through {n_kinds} codec pairs, alone and embedded "
          "in their clean line. `jiaodui fix` (safe fixes only) compared with the original: **exact**, "
          "**worse** (farther from the original by Levenshtein distance than the garbled text), "
          "unchanged, other (changed, not farther); *invented*: the output holds a non-ASCII character found "
          "in neither the garbled text nor the original (a wrong repair, counted within worse/other). Target: exact ≥ 97 % of lossless, worse = 0.\n")
    print("Lossless (the reading codec kept every byte):\n")
    print(table(["kind", "context", "n", "exact", "worse", "unchanged", "other", "invented", "exact %"], rows_ll))
    ex_ll.print()
    print("\nLossy (bytes lost as U+FFFD when read; the original cannot be recovered whole). "
          "*First repairs give the original*: the first fix of every mojibake finding applied, "
          "safe or not, as an editor user picking the offered repairs would:\n")
    print(table(["kind", "context", "n", "flagged mojibake", "unsafe repair offered",
                 "first repairs give the original", "exact", "worse",
                 "unchanged", "other", "invented"], rows_lossy))
    ex_lossy.print()
    print()
    lossy_worse = sum(r[7] for r in rows_lossy)
    return {"safe fixes leaving a sentence farther from the original": tot["ll", "worse"] + lossy_worse,
            "lossless sentences repaired exactly (%)": 100 * tot["ll", "exact"] / max(1, tot["ll"])}


def best_repair(text, findings):
    """`text` with the first fix of every mojibake finding applied, safe or not (the repair
    an editor user would pick), overlapping ones skipped."""
    raw, out, at = text.encode("utf-8"), b"", 0
    fixes = sorted((f["fixes"][0] for f in findings if f["code"] == "garble/mojibake" and f["fixes"]),
                   key=lambda x: x["byte_start"])
    for x in fixes:
        if x["byte_start"] >= at:
            out += raw[at:x["byte_start"]] + x["replacement"].encode("utf-8")
            at = x["byte_end"]
    return (out + raw[at:]).decode("utf-8")


def load_known_defects():
    path = os.path.join(TRUST, "clean_known_defects.toml")
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        return tomllib.load(f).get("defect", [])


def clean(j, n_examples):
    recs = read_jsonl(os.path.join(TRUST, "clean.jsonl"))
    findings = j.check(recs)
    known = collections.defaultdict(list)
    for d in load_known_defects():
        known[d["id"]].append(d)

    def is_known(r, f):
        for d in known.get(r["id"], []):
            if d.get("code") and d["code"] != f["code"]:
                continue
            if "snippet" in d:
                b = r["text"].encode("utf-8")
                s = d["snippet"].encode("utf-8")
                at = b.find(s)
                while at >= 0:
                    if at < f["byte_end"] and f["byte_start"] < at + len(s):
                        return True
                    at = b.find(s, at + 1)
            elif d["byte_start"] < f["byte_end"] and f["byte_start"] < d["byte_end"]:
                return True
        return False

    ex = Examples(n_examples)
    by_group = collections.OrderedDict()
    by_code = collections.Counter()
    total = collections.Counter()
    for r, fs in sorted(zip(recs, findings), key=lambda x: (x[0]["script"], x[0]["genre"])):
        g = by_group.setdefault((r["script"], r["genre"]), collections.Counter())
        g["docs"] += 1
        g["chars"] += len(r["text"])
        total["docs"] += 1
        total["chars"] += len(r["text"])
        for f in fs:
            k = is_known(r, f)
            safe = any(fx["safe"] for fx in f["fixes"])
            by_code[f["code"], "findings"] += 1
            by_code[f["code"], "known" if k else "fa"] += 1
            if not k:
                g["fa"] += 1
                total["fa"] += 1
                if safe:
                    by_code[f["code"], "fa_safe"] += 1
                    total["fa_safe"] += 1
                a = max(0, f["byte_start"] - 30)
                ex.add(f"{f['code']}", [
                    f"`{r['id']}` ({r['source']}): {show(f['message'], 200)}",
                    f"context: {show(byte_slice(r['text'], a, f['byte_end'] + 30))}",
                    "fixes: " + "; ".join(f"{'safe' if fx['safe'] else 'unsafe'} → {show(fx['replacement'], 60)}"
                                          for fx in f["fixes"])])
            else:
                total["known"] += 1

    def per100k(fa, chars):
        return f"{100000 * fa / chars:.1f}" if chars else "–"

    rows = [[sc, gn, g["docs"], g["chars"], g["fa"], per100k(g["fa"], g["chars"])]
            for (sc, gn), g in by_group.items()]
    rows.append(["**total**", "", total["docs"], total["chars"], total["fa"],
                 f"**{per100k(total['fa'], total['chars'])}**"])
    print(f"### Clean real documents\n\n{total['docs']} documents (`eval/trust/clean.jsonl`) taken "
          "verbatim from the sources; every finding is a false alarm (FA) unless "
          "`eval/trust/clean_known_defects.toml` lists it as a real defect of the source. "
          "Target: ≤ 1 FA per 100,000 characters, none with a safe fix.\n")
    print(table(["script", "genre", "documents", "characters", "false alarms", "FA / 100k chars"], rows))
    print()
    codes = sorted({c for c, _ in by_code})
    crow = [[f"`{c}`", by_code[c, "findings"], by_code[c, "known"], by_code[c, "fa"], by_code[c, "fa_safe"]]
            for c in codes]
    crow.append(["**total**", sum(by_code[c, "findings"] for c in codes), total["known"], total["fa"],
                 f"**{total['fa_safe']}**"])
    print(table(["code", "findings", "known source defects", "false alarms", "FA with a safe fix"], crow))
    ex.print()
    print()
    return {"false alarms per 100,000 characters of clean text": 100000 * total["fa"] / max(1, total["chars"]),
            "false alarms on clean text carrying a safe fix": total["fa_safe"]}


def ftfy(j, n_examples):
    cases = []
    for name in FTFY_FILES:
        with open(os.path.join(FTFY, name + ".json"), encoding="utf-8") as f:
            for c in json.load(f):
                cases.append({**c, "file": name, "text": c["original"]})
    fixed, findings = j.fix(cases), j.check(cases)
    ex = Examples(n_examples)
    c = collections.Counter()
    for case, fx, fs in zip(cases, fixed, findings):
        expected = {case["fixed"], case.get("fixed-encoding", case["fixed"])}
        lines = [f"{case['file']}: {case['label']}", f"original: {show(case['original'])}",
                 f"jiaodui:  {show(fx)}", f"ftfy:     {show(case.get('fixed-encoding', case['fixed']))}"]
        if fs:
            lines.append("findings: " + ", ".join(sorted({f["code"] for f in fs})))
        if case["file"] == "negative":
            c["neg"] += 1
            if fs:
                c["neg_found"] += 1
                ex.add("negative cases with a finding", lines)
            if fx != case["original"]:
                c["neg_changed"] += 1
        chinese = any(is_han(ch) for s in [case["original"], *expected] for ch in s)
        if chinese:
            c["zh"] += 1
            if fx in expected:
                c["zh_same"] += 1
            else:
                c["zh_diff"] += 1
                ex.add("cases with Chinese where jiaodui differs from ftfy", lines)
        else:
            c["other"] += 1
            if fs:
                c["other_found"] += 1
            if fx != case["original"]:
                c["other_changed"] += 1
            gained = count_cjk(fx) > count_cjk(case["original"])
            if gained and not any(count_cjk(e) for e in expected):
                c["other_cjk"] += 1
                ex.add("cases without Chinese that jiaodui turned into CJK", lines)
    print(f"### ftfy's test cases\n\n{len(cases)} cases of ftfy's test suite (`eval/ftfy/`, commit 74dd045: "
          "in-the-wild, synthetic, language-names, known-failures, negative). Targets: no finding on a "
          "negative case; no CJK produced where ftfy's expected output has none.\n")
    rows = [
        ["negative (not mojibake)", c["neg"], f"{c['neg_found']} with a finding, {c['neg_changed']} changed by fix"],
        ["containing Chinese", c["zh"], f"{c['zh_same']} fixed as ftfy does, {c['zh_diff']} differ"],
        ["all cases without Chinese (negatives included)", c["other"],
         f"{c['other_found']} with a finding, {c['other_changed']} changed by fix, "
         f"**{c['other_cjk']} turned into CJK**"],
    ]
    print(table(["cases", "n", "result"], rows))
    ex.print()
    print()
    return {"ftfy cases without Chinese turned into CJK": c["other_cjk"]}


def foreign(j, n_examples):
    recs = read_jsonl(os.path.join(TRUST, "foreign.jsonl"))
    fixed, findings = j.fix(recs), j.check(recs)
    ex = Examples(n_examples)
    by = collections.OrderedDict()
    for r, fx, fs in zip(recs, fixed, findings):
        c = by.setdefault(r["kind"], collections.Counter())
        c["n"] += 1
        c["found"] += bool(fs)
        c["moj"] += any(f["code"] == "garble/mojibake" for f in fs)
        c["changed"] += fx != r["text"]
        c["restored"] += fx == r["original"] and fx != r["text"]
        safe_cjk = count_cjk(fx) > count_cjk(r["text"])
        offered_cjk = any(count_cjk(x["replacement"]) > count_cjk(byte_slice(r["text"], x["byte_start"], x["byte_end"]))
                          for f in fs for x in f["fixes"])
        c["safe_cjk"] += safe_cjk
        c["offered_cjk"] += offered_cjk
        if safe_cjk or offered_cjk:
            ex.add(f"{r['kind']} into CJK", [
                f"`{r['id']}` ({r['source']})", f"text:     {show(r['text'])}", f"fixed:    {show(fx)}",
                f"original: {show(r['original'])}",
                "offered: " + "; ".join(f"{f['code']} {'safe' if x['safe'] else 'unsafe'} → {show(x['replacement'], 60)}"
                                        for f in fs for x in f["fixes"])])
    rows = [[k, c["n"], c["found"], c["moj"], c["changed"], c["restored"], c["offered_cjk"], c["safe_cjk"]]
            for k, c in by.items()]
    t = collections.Counter()
    for c in by.values():
        t.update(c)
    rows.append(["**total**", t["n"], t["found"], t["moj"], t["changed"], t["restored"], t["offered_cjk"],
                 f"**{t['safe_cjk']}**"])
    print(f"### Non-Chinese mojibake\n\n{len(recs)} European and Cyrillic sentences (`eval/trust/foreign.jsonl`, "
          "Debian's fortunes-de/ru/pl/es/bg/cs), clean or mis-decoded. jiaodui must not repair them into CJK. "
          "Target: 0 fixes producing CJK.\n")
    print(table(["kind", "n", "with a finding", "with garble/mojibake", "changed by fix", "restored exactly",
                 "a fix offered that adds CJK", "fix output with added CJK"], rows))
    ex.print()
    print()
    return {"non-Chinese sentences fixed into CJK": t["safe_cjk"]}


# Limits `--check` enforces: the targets where they are met, and a floor just below
# today's exact-repair rate (a record of current quality, raised as repairs improve).
CHECKS = {
    "safe fixes leaving a sentence farther from the original": ("at most", 0),
    "lossless sentences repaired exactly (%)": ("at least", 93.0),
    "false alarms per 100,000 characters of clean text": ("at most", 1.0),
    "false alarms on clean text carrying a safe fix": ("at most", 0),
    "ftfy cases without Chinese turned into CJK": ("at most", 0),
    "non-Chinese sentences fixed into CJK": ("at most", 0),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=0, metavar="N",
                    help="print up to N failing examples per table row")
    ap.add_argument("--only", choices=["mojibake", "clean", "ftfy", "foreign"], action="append",
                    help="run only these measurements (repeatable)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when a measure passes its limit in CHECKS (for the test suite)")
    args = ap.parse_args()
    binary = os.environ.get("JIAODUI", os.path.join(ROOT, "target", "release", "jiaodui"))
    if not os.path.exists(binary):
        sys.exit(f"no binary at {binary}: build it (cargo build --release) or set JIAODUI")
    j = Jiaodui(binary)
    cmd = " ".join(shlex.quote(a) for a in ["python3", "scripts/trust.py", *sys.argv[1:]])
    print("## Trust on real text\n")
    print(f"`{'JIAODUI=' + shlex.quote(binary) + ' ' if 'JIAODUI' in os.environ else ''}{cmd}` — `{j.version()}`\n")
    measures = {}
    for name, fn in [("mojibake", mojibake), ("clean", clean), ("ftfy", ftfy), ("foreign", foreign)]:
        if not args.only or name in args.only:
            measures.update(fn(j, args.examples))
    if args.check:
        failed = [f"{what}: {measures[what]:g} (limit: {how} {limit:g})"
                  for what, (how, limit) in CHECKS.items() if what in measures
                  and (measures[what] > limit if how == "at most" else measures[what] < limit)]
        for line in failed:
            print(f"trust check failed: {line}", file=sys.stderr)
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
