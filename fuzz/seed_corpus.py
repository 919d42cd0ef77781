#!/usr/bin/env python3
"""Writes the seed inputs of every fuzz target into <out>/<target>/ (default: the full
corpora's cache, ~/.cache/jiaodui-fuzz, or $FUZZ_CACHE; `--out fuzz/corpus` writes into the
committed seed sets). Fuzzing (scripts/fuzz-long.sh) grows the cache from there, and
fuzz/select_seeds.py picks the few hundred inputs per target that git keeps:

    python3 fuzz/seed_corpus.py && scripts/fuzz-long.sh && python3 fuzz/select_seeds.py

Seeds are real text: the test fixtures, the seed page in chunks, short labelled evaluation
documents (one per kind of label, plus clean ones), and hand-made garble samples (inline
pinyin, mojibake, 锟斤拷, HTML entities, CRLF and lone CR, astral characters, emoji ZWJ
sequences, control and zero-width characters). Inputs for `rope_edits`, `incremental_analysis`
(the same edit scripts) and `position` get a few deterministic pseudo-random control bytes
after the 0xFF separator.
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(
    os.environ.get("FUZZ_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jiaodui-fuzz"
)
MAX = 4000

GARBLE = [
    "手機(jī)版 堅(jiān)強(qiáng)的基層黨組織",
    "加强(qiáng)党的建设，推进（tuī jìn）全面从严治党",
    "锟斤拷锟斤拷烫烫烫屯屯屯",
    "浣犲ソ锛屼笘鐣岋紒鍩轰簬",
    "ä½\xa0å¥½ï¼Œä¸–ç•Œ",
    "Ã¤Â½Â\xa0Ã¥Â¥Â½",
    "¹ú¼Ò·¢Õ¹ºÍ¸Ä¸ïÎ¯Ô±»á",
    "&amp;nbsp;&lt;p&gt;中国&#20013;&#x56FD;&quot;共产党&quot;",
    "第一行\r\n第二行\r第三行\n\r\n",
    "𠮷野家𠮷\r\n😀😀\r\n",
    "👨‍👩‍👧‍👦 家庭 👩🏽‍💻 🇨🇳",
    "中\u200b文\u200d零\ufeff宽\u2060字符",
    "控制\u0007字符\u001b[0m\u0000",
    "私用区\ue000\uf8ff\U000f0000",
    "替换\ufffd\ufffd字符",
    "第一章 总则\n\n第一条 为了规范……\n\n一、基本原则\n（一）坚持党的领导\n1. 加强组织建设\n（1）细则\n①其一",
    "# 标题\n\n```\n代码 機(jī)\n```\n\n正文 `行内` 機(jī)\n",
    "首页 | 新闻 | 登录 | 注册 | 手机版\n正文内容在这里。\n版权所有 © 2024 备案号：京ICP备12345678号",
    "澳门新葡京 www.amxpj.com 澳门新葡京 www.amxpj.com 天天棋牌 天天棋牌",
    "jiaodui-disable garble\n機(jī)\njiaodui-enable garble\n機(jī)",
    "<!-- jiaodui-disable-next-line -->\n機(jī)",
    "中文English混排，繁體與简体混用，臺灣與台湾。",
    "\u3000\u3000段首全角空格。\n\n\n",
    "a\rb\r\rc\n\nd\r\n\r\ne",
]


def chunks(text, size):
    """Consecutive pieces of about `size` bytes, cut at line ends."""
    out, cur = [], ""
    for line in text.splitlines(keepends=True):
        if cur and len((cur + line).encode()) > size:
            out.append(cur)
            cur = ""
        cur += line
    if cur:
        out.append(cur)
    return [c.encode()[:MAX] for c in out]


def texts():
    out = []
    fixtures = ROOT / "tests" / "fixtures"
    for p in sorted(fixtures.rglob("*.txt")):
        out.append(p.read_bytes()[:MAX])
    seed = (ROOT / "examples" / "seed.txt").read_text()
    out += chunks(seed, 1500)
    rows = [json.loads(line) for line in (ROOT / "eval" / "labelled.jsonl").open()]
    rows.sort(key=lambda r: len(r["text"].encode()))
    picked, kinds = [], set()
    for r in rows:
        if len(r["text"].encode()) > 1500:
            break
        ks = frozenset(label["kind"] for label in r["labels"])
        if ks not in kinds or (not ks and len(picked) < 4):
            kinds.add(ks)
            picked.append(r["text"].encode())
    out += picked[:40]
    out += [g.encode("utf-8", "surrogatepass") for g in GARBLE]
    # A few that are not UTF-8 at all: GBK bytes, a truncated sequence, a lone surrogate.
    out += ["国家发展".encode("gbk"), "中文".encode()[:-1] + b"x", b"\xed\xa0\x80ok"]
    return out


def main():
    ap = argparse.ArgumentParser(description="Writes the seed inputs of every fuzz target.")
    ap.add_argument("--out", type=Path, default=CACHE, help=f"default {CACHE}")
    out = ap.parse_args().out
    rng = random.Random(0)
    targets = {"analysis": [], "fix": [], "position": [], "rope_edits": []}
    for t in texts():
        targets["analysis"].append(t)
        targets["fix"].append(t)
        for flags in (1, 2, 4, 7):
            if len(t) < 600:
                targets["analysis"].append(t + b"\xff" + bytes([flags]) + "本站声明".encode())
        targets["fix"].append(t + b"\xff\x03")
        targets["position"].append(t[:1200])
        targets["position"].append(t[:300] + b"\xff" + bytes(rng.randrange(256) for _ in range(40)))
        small = t[:800]
        for _ in range(2):
            script = bytes(rng.randrange(256) for _ in range(rng.randrange(20, 200)))
            targets["rope_edits"].append(small + b"\xff" + script)
    targets["incremental_analysis"] = targets["rope_edits"]
    for name, inputs in targets.items():
        d = out / name
        d.mkdir(parents=True, exist_ok=True)
        for i, data in enumerate(dict.fromkeys(inputs)):
            (d / f"seed-{i:03}").write_bytes(data)
        print(f"{name}: {len(inputs)} seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
