#!/usr/bin/env python3
"""Keeps the examples in docs/*.md true: every code block right after a marker

    <!-- example: COMMAND -->

is the output of running COMMAND (through bash, in the repository root, with the `jiaodui`
being documented first on PATH, colour off and the default locale), shown as `$ COMMAND`
followed by what it printed.

    scripts/cli-examples.py            # rewrite the blocks in place
    scripts/cli-examples.py --check    # exit 1 and show a diff when a block is stale

The binary is $JIAODUI, else target/release/jiaodui. tests/it/docs_examples.rs runs --check.
"""

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "docs" / "cli.md"]
BLOCK = re.compile(r"(<!-- example: (?P<command>.+?) -->\n```[a-z]*\n)(?P<body>.*?)(```)", re.S)


def run(command, binary):
    env = dict(os.environ)
    env["PATH"] = f"{Path(binary).resolve().parent}{os.pathsep}{env['PATH']}"
    env["NO_COLOR"] = "1"
    env.pop("JIAODUI_LOCALE", None)
    env.pop("CLICOLOR_FORCE", None)
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    if result.returncode not in (0, 1, 2, 141):
        raise SystemExit(f"`{command}` exited {result.returncode}:\n{output}")
    return f"$ {command}\n{output}"


def render(text, binary):
    return BLOCK.sub(
        lambda m: m.group(1) + run(m.group("command"), binary) + m.group(4), text
    )


def main():
    check = "--check" in sys.argv[1:]
    binary = os.environ.get("JIAODUI") or str(ROOT / "target" / "release" / "jiaodui")
    stale = False
    for doc in DOCS:
        old = doc.read_text()
        new = render(old, binary)
        if new == old:
            continue
        if check:
            stale = True
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(True), new.splitlines(True), str(doc), "(regenerated)"
                )
            )
        else:
            doc.write_text(new)
            print(f"rewrote {doc.relative_to(ROOT)}")
    if stale:
        print("\nstale examples: run scripts/cli-examples.py", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
