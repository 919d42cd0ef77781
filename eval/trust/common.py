"""Helpers shared by eval/trust/build.py (builds the trust sets) and scripts/trust.py (scores
jiaodui on them). Python 3 standard library only."""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.dirname(HERE)
SOURCE = os.path.join(EVAL, "source")
FTFY = os.path.join(EVAL, "ftfy")

# Sources that feed the blind held-out set v8, and those of v7 (retired unstudied): never read here.
FORBIDDEN = {"wesnoth_story_zh_cn", "wesnoth_story_zh_tw", "wesnoth_units_zh_cn", "wesnoth_units_zh_tw",
             "emacs_tutorial_zh_cn", "emacs_tutorial_zh_tw", "vim_tutor_zh_cn", "vim_tutor_zh_tw",
             "gcin_readme_zh_tw", "hkcancor_yue", "aisleriot_help_zh_cn", "lilypond_doc_zh"}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def is_cjk(ch):
    """A Han ideograph (URO, extension A, compatibility, extensions B+), kana, Hangul, or CJK
    punctuation and full-width forms: what a mojibake repair into an East Asian codec brings."""
    o = ord(ch)
    return (0x3000 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
            or 0x20000 <= o <= 0x3FFFF or 0x3100 <= o <= 0x318F)


def is_han(ch):
    o = ord(ch)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def count_cjk(s):
    return sum(1 for c in s if is_cjk(c))
