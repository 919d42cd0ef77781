"""The package and the CLI give the same findings (every field of `check --format json`) and
the same fixed text, on the seed fixture and on every document of eval/labelled.jsonl."""

import json
import subprocess
from collections import defaultdict

from conftest import ROOT, labelled_documents

import jiaodui

# Fields of a CLI record that say where the text came from, not what was found in it.
PROVENANCE = {"file", "record", "id"}


def cli_findings(cli, *args):
    run = subprocess.run([str(cli), "check", "--format", "json", *args], capture_output=True, check=False)
    assert run.returncode in (0, 1), run.stderr.decode()
    return [json.loads(line) for line in run.stdout.decode().splitlines()]


def as_records(findings):
    return [f.to_dict() for f in findings]


def without_provenance(record):
    return {k: v for k, v in record.items() if k not in PROVENANCE}


def test_seed_fixture_matches_cli(cli):
    path = ROOT / "tests" / "fixtures" / "seed.txt"
    expected = [without_provenance(r) for r in cli_findings(cli, path)]
    assert len(expected) > 10
    assert as_records(jiaodui.check(path.read_text(encoding="utf-8"))) == expected
    fixed = subprocess.run([str(cli), "fix", "--stdout", path], capture_output=True, check=True).stdout
    assert jiaodui.fix(path.read_text(encoding="utf-8")) == fixed.decode()


def test_labelled_documents_match_cli(cli):
    documents = labelled_documents()
    by_record = defaultdict(list)
    for record in cli_findings(cli, "--input-format", "jsonl", ROOT / "eval" / "labelled.jsonl"):
        by_record[record["id"]].append(without_provenance(record))
    got = jiaodui.check_many([d["text"] for d in documents])
    assert sum(map(len, got)) == sum(map(len, by_record.values())) > 100
    for document, findings in zip(documents, got):
        assert as_records(findings) == by_record.get(document["id"], []), document["id"]


def test_labelled_documents_fix_like_cli(cli):
    path = ROOT / "eval" / "labelled.jsonl"
    run = subprocess.run([str(cli), "fix", "--input-format", "jsonl", path], capture_output=True, check=True)
    fixed_by_cli = {r["id"]: r["text"] for r in map(json.loads, run.stdout.decode().splitlines())}
    documents = labelled_documents()
    fixed = jiaodui.fix_many([d["text"] for d in documents])
    assert sum(a != d["text"] for a, d in zip(fixed, documents)) > 20
    assert {d["id"]: text for d, text in zip(documents, fixed)} == fixed_by_cli


def test_markdown_path_matches_cli(cli, tmp_path):
    # Front matter and fenced code are not prose in a Markdown file, for the CLI and the package.
    text = "---\ntitle: 手機(jī)\n---\n\n# 標題\n\n堅(jiān)強(qiáng)\n\n```\n手機(jī)版\n```\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    expected = [without_provenance(r) for r in cli_findings(cli, path)]
    got = as_records(jiaodui.check(text, path=path))
    assert got == expected
    assert len(got) == 2 < len(jiaodui.check(text))
    fixed = subprocess.run([str(cli), "fix", "--stdout", path], capture_output=True, check=True).stdout
    assert jiaodui.fix(text, path=path) == fixed.decode()
    assert "手機(jī)版" in jiaodui.fix(text, path=path)
