#!/usr/bin/env python3
"""jiaodui's machine-readable outputs, checked the way the tools that read them read them.

- `--format sarif`: validated against OASIS's SARIF 2.1.0 JSON Schema, then every result's
  rule, region (Unicode code points, as the run's columnKind says), byte offsets and fixes
  compared with `--format json` and with the file's own text.
- `--format rdjsonl`: every line validated against reviewdog's Diagnostic schema, and its
  byte-based columns resolved in the file to the finding's bytes.
- `--format github`: every line parsed as GitHub Actions' runner parses workflow commands
  (`::command k=v,k=v::data`, %-escapes), and compared with `--format json`.
- `--statistics`: the counts per code equal those of `--format json`.
- `.pre-commit-hooks.yaml`: validated by pre-commit itself, and its hooks run by pre-commit on
  a sample repository (check fails on a garbled file; fix repairs it; both pass on clean text).

Usage: check_consumers.py JIAODUI SARIF_SCHEMA  (run by tests/consumers/run.sh)
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def run(jiaodui, *args, cwd=None, check_exit=None):
    result = subprocess.run(
        [jiaodui, "--locale", "en", "--color", "never", *args],
        cwd=cwd,
        capture_output=True,
    )
    if check_exit is not None and result.returncode != check_exit:
        raise AssertionError(
            f"{args}: exit {result.returncode}, wanted {check_exit}\n{result.stderr.decode()}"
        )
    return result


def sample_files(work):
    """The seed page, and a file with CRLF, astral characters and a name to escape."""
    seed = work / "seed.txt"
    shutil.copy(ROOT / "tests" / "fixtures" / "seed.txt", seed)
    odd = work / "报告, 第1:2版.txt"
    odd.write_bytes(
        "標題\r\n𠮷野家😀的堅(jiān)強(qiáng)組織。\r\n網址 &amp; 鏈接\u200b在這裡。\r\n".encode()
    )
    return [seed, odd]


def findings_json(jiaodui, files, cwd):
    out = run(jiaodui, "check", "--format", "json", *files, cwd=cwd, check_exit=1)
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def char_offset(text_bytes, line, column):
    """Byte offset of 1-based (line, column in code points); lines end at LF."""
    lines = text_bytes.split(b"\n")
    start = sum(len(l) + 1 for l in lines[: line - 1])
    prefix = lines[line - 1].decode("utf-8", "surrogatepass")[: column - 1]
    return start + len(prefix.encode())


def byte_offset(text_bytes, line, column):
    """Byte offset of 1-based (line, column in UTF-8 bytes), as reviewdog counts."""
    lines = text_bytes.split(b"\n")
    return sum(len(l) + 1 for l in lines[: line - 1]) + column - 1


def check_sarif(jiaodui, schema, files, cwd, expected):
    out = run(jiaodui, "check", "--format", "sarif", *files, cwd=cwd, check_exit=1)
    log = json.loads(out.stdout)
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)
    (sarif_run,) = log["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    assert sarif_run["invocations"][0]["executionSuccessful"] is True
    rules = [r["id"] for r in sarif_run["tool"]["driver"]["rules"]]
    results = sarif_run["results"]
    assert len(results) == len(expected), (len(results), len(expected))
    for result, finding in zip(results, expected):
        assert result["ruleId"] == finding["code"]
        assert rules[result["ruleIndex"]] == finding["code"]
        assert result["message"]["text"] == finding["message"]
        location = result["locations"][0]["physicalLocation"]
        uri = urllib.parse.unquote(location["artifactLocation"]["uri"])
        assert uri == finding["file"], (uri, finding["file"])
        region = location["region"]
        data = (cwd / uri).read_bytes()
        start = char_offset(data, region["startLine"], region["startColumn"])
        end = char_offset(data, region["endLine"], region["endColumn"])
        assert (start, end) == (finding["byte_start"], finding["byte_end"]), (region, finding)
        assert region["byteOffset"] == start and region["byteLength"] == end - start
        for fix, want in zip(result.get("fixes", []), finding["fixes"]):
            (change,) = fix["artifactChanges"]
            (replacement,) = change["replacements"]
            deleted = replacement["deletedRegion"]
            assert deleted["byteOffset"] == want["byte_start"]
            assert deleted["byteLength"] == want["byte_end"] - want["byte_start"]
            assert replacement["insertedContent"]["text"] == want["replacement"]
        assert len(result.get("fixes", [])) == len(finding["fixes"])
    print(f"sarif: {len(results)} results valid against SARIF 2.1.0 and located exactly")


def check_rdjsonl(jiaodui, files, cwd, expected):
    schema = json.loads((HERE / "schemas" / "reviewdog-Diagnostic.json").read_text())
    out = run(jiaodui, "check", "--format", "rdjsonl", *files, cwd=cwd, check_exit=1)
    lines = out.stdout.decode().splitlines()
    assert len(lines) == len(expected)
    for line, finding in zip(lines, expected):
        diagnostic = json.loads(line)
        jsonschema.validate(diagnostic, schema, cls=jsonschema.Draft4Validator)
        location = diagnostic["location"]
        assert location["path"] == finding["file"]
        data = (cwd / location["path"]).read_bytes()
        r = location["range"]
        start = byte_offset(data, r["start"]["line"], r["start"]["column"])
        end = byte_offset(data, r["end"]["line"], r["end"]["column"])
        assert (start, end) == (finding["byte_start"], finding["byte_end"]), (r, finding)
        assert diagnostic["code"]["value"] == finding["code"]
        assert diagnostic["message"] == finding["message"]
        assert diagnostic["severity"] in ("ERROR", "WARNING", "INFO")
        suggestions = diagnostic.get("suggestions", [])
        assert len(suggestions) == len(finding["fixes"])
        for suggestion, fix in zip(suggestions, finding["fixes"]):
            s = suggestion["range"]
            assert byte_offset(data, s["start"]["line"], s["start"]["column"]) == fix["byte_start"]
            assert byte_offset(data, s["end"]["line"], s["end"]["column"]) == fix["byte_end"]
            assert suggestion["text"] == fix["replacement"]
    print(f"rdjsonl: {len(lines)} diagnostics valid against reviewdog's schema")


# As actions/runner's ActionCommand.TryParseV2 reads a line.
COMMAND = re.compile(r"^::(?P<command>[a-z]+)(?: (?P<properties>[^:]*))?::(?P<data>.*)$")


def unescape_data(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(s):
    return (
        s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def check_github(jiaodui, files, cwd, expected):
    out = run(jiaodui, "check", "--format", "github", *files, cwd=cwd, check_exit=1)
    lines = out.stdout.decode().splitlines()
    assert len(lines) == len(expected)
    for line, finding in zip(lines, expected):
        m = COMMAND.match(line)
        assert m, line
        assert m["command"] in ("error", "warning", "notice")
        properties = dict(
            (k, unescape_property(v))
            for k, v in (p.split("=", 1) for p in m["properties"].split(","))
        )
        assert properties["file"] == finding["file"], properties
        assert properties["title"] == finding["code"]
        for key, field in [
            ("line", "line"),
            ("col", "column"),
            ("endLine", "end_line"),
            ("endColumn", "end_column"),
        ]:
            assert int(properties[key]) == finding[field], (key, properties, finding)
        assert unescape_data(m["data"]) == finding["message"]
    print(f"github: {len(lines)} workflow commands parse back to the findings")


def check_statistics(jiaodui, files, cwd, expected):
    out = run(jiaodui, "check", "--statistics", "--format", "json", *files, cwd=cwd, check_exit=1)
    counts = {}
    for f in expected:
        counts[f["code"]] = counts.get(f["code"], 0) + 1
    got = {r["code"]: r["count"] for r in map(json.loads, out.stdout.decode().splitlines())}
    assert got == counts, (got, counts)
    print(f"statistics: {len(got)} codes, counts equal to the findings")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def check_pre_commit(jiaodui, work):
    subprocess.run(
        ["pre-commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], check=True
    )
    hooks = {h["id"]: h for h in __import__("yaml").safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text())}
    # The rust hooks differ from the system ones only in how jiaodui gets installed.
    for name in ("jiaodui-check", "jiaodui-fix"):
        rust, system = dict(hooks[name]), dict(hooks[name + "-system"])
        assert rust.pop("language") == "rust" and system.pop("language") == "system"
        rust.pop("id"), system.pop("id"), rust.pop("name"), system.pop("name")
        assert rust == system, (rust, system)

    repo = work / "sample-repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    git("config", "user.email", "t@example.invalid", cwd=repo)
    git("config", "user.name", "t", cwd=repo)
    (repo / "clean.md").write_text("# 標題\n\n這是一段沒有問題的文字。\n")
    (repo / "notes.txt").write_text("他們要堅(jiān)持原則。\n")
    (repo / "code.py").write_text("print('機(jī)')\n")  # not prose: the hooks skip it
    git("add", ".", cwd=repo)
    env = dict(os.environ, PATH=f"{Path(jiaodui).parent}{os.pathsep}{os.environ['PATH']}")
    env["PRE_COMMIT_HOME"] = str(work / "pre-commit-home")

    def try_repo(hook):
        return subprocess.run(
            ["pre-commit", "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
            cwd=repo, env=env, capture_output=True, text=True,
        )

    checked = try_repo("jiaodui-check-system")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "notes.txt:1:5 garble/inline-pinyin" in checked.stdout, checked.stdout
    assert "code.py" not in checked.stdout and "clean.md" not in checked.stdout, checked.stdout
    fixed = try_repo("jiaodui-fix-system")
    assert fixed.returncode == 1, fixed.stdout  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in fixed.stdout, fixed.stdout
    assert (repo / "notes.txt").read_text() == "他們要堅持原則。\n"
    assert (repo / "code.py").read_text() == "print('機(jī)')\n"
    git("add", ".", cwd=repo)
    for hook in ("jiaodui-check-system", "jiaodui-fix-system"):
        again = try_repo(hook)
        assert again.returncode == 0, again.stdout + again.stderr
    print("pre-commit: manifest valid; check fails on garble, fix repairs it, both pass after")


def main():
    jiaodui = os.path.abspath(sys.argv[1])
    schema = json.loads(Path(sys.argv[2]).read_text())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = [p.name for p in sample_files(work)]
        expected = findings_json(jiaodui, files, work)
        assert {f["file"] for f in expected} == set(files)
        check_sarif(jiaodui, schema, files, work, expected)
        check_rdjsonl(jiaodui, files, work, expected)
        check_github(jiaodui, files, work, expected)
        check_statistics(jiaodui, files, work, expected)
        check_pre_commit(jiaodui, work)
    print("consumers: all passed")


if __name__ == "__main__":
    main()
