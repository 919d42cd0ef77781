"""docs/python.md's datatrove and Spark examples, run as written over a sample of
eval/labelled.jsonl, and what they write checked against the package's own answers."""

import gzip
import json
import os
import re
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT

import jiaodui


def example(name):
    """The ```python block after `<!-- test: name -->` in docs/python.md."""
    doc = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- test: %s -->\n```python\n(.*?)```" % re.escape(name), doc, re.S)
    assert found, f"docs/python.md has no example marked `test: {name}`"
    return found.group(1)


def run_example(name, cwd):
    script = cwd / f"{name}_example.py"
    script.write_text(example(name), encoding="utf-8")
    # Spark's Python workers run $PYSPARK_PYTHON (else `python3` on PATH): make it this venv's.
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    run = subprocess.run([sys.executable, script.name], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return run


def read_jsonl_gz(folder):
    docs = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            docs.extend(json.loads(line) for line in f)
    return docs


def expected_annotations(sample_documents):
    batch = pa.RecordBatch.from_pylist(sample_documents)
    return {row["id"]: row for row in jiaodui.annotate_arrow(batch, fix=True).to_pylist()}


def test_datatrove_example(corpus_dir, sample_documents):
    run_example("datatrove", corpus_dir)
    expected = expected_annotations(sample_documents)

    def dropped_for(row):
        if row["jiaodui_garble_chars"] / max(1, len(row["text"])) > 0.01:
            return "jiaodui_garble"
        if row["jiaodui_spam_ratio"] > 0.2:
            return "jiaodui_spam"
        return None

    clean = read_jsonl_gz(corpus_dir / "clean")
    dropped = read_jsonl_gz(corpus_dir / "dropped")
    assert len(clean) + len(dropped) == len(sample_documents)
    assert {d["id"] for d in dropped} == {i for i, row in expected.items() if dropped_for(row)}
    assert dropped and clean
    for doc in dropped:
        assert doc["metadata"]["filter_reason"] == dropped_for(expected[doc["id"]])
        assert doc["text"] == expected[doc["id"]]["text"], "dropped documents are not fixed"
    assert {d["metadata"]["filter_reason"] for d in dropped} == {"jiaodui_garble", "jiaodui_spam"}
    fixed = 0
    for doc in clean:
        row = expected[doc["id"]]
        assert doc["text"] == row["text_fixed"]
        findings = jiaodui.check(row["text"])
        assert doc["metadata"]["jiaodui_findings"] == [f.to_dict() for f in findings]
        assert doc["metadata"]["jiaodui_fixed"] == (row["text_fixed"] != row["text"])
        fixed += doc["metadata"]["jiaodui_fixed"]
    assert fixed > 0, "the sample should have fixable documents that pass the filter"
    stats = json.loads((corpus_dir / "logs" / "stats.json").read_text())
    filter_stats = next(s for s in stats if "jiaodui" in s["name"] and "FILTER" in s["name"])
    for reason in ("jiaodui_garble", "jiaodui_spam"):
        count = sum(d["metadata"]["filter_reason"] == reason for d in dropped)
        assert filter_stats["stats"][f"dropped_{reason}"] == count
    fixer_stats = next(s for s in stats if "jiaodui fix" in s["name"])
    assert fixer_stats["stats"]["fixed"] == fixed


def test_spark_example(corpus_dir, sample_documents):
    run = run_example("spark", corpus_dir)
    expected = expected_annotations(sample_documents)
    table = pq.read_table(corpus_dir / "clean.parquet")
    assert table.column_names == ["id", "text_fixed", "jiaodui_script"]
    rows = {row["id"]: row for row in table.to_pylist()}
    keep = {
        i for i, row in expected.items() if row["jiaodui_spam_ratio"] <= 0.2 and row["jiaodui_garble_chars"] == 0
    }
    assert set(rows) == keep and 0 < len(keep) < len(expected)
    for i, row in rows.items():
        assert row["text_fixed"] == expected[i]["text_fixed"]
        assert row["jiaodui_script"] == expected[i]["jiaodui_script"]
    scripts = {s for s in (r["jiaodui_script"] for r in expected.values())}
    assert {"traditional", "simplified"} <= scripts
    for script in scripts:
        count = sum(r["jiaodui_script"] == script for r in expected.values())
        assert re.search(r"\|\s*%s\|\s*%d\|" % (script, count), run.stdout), run.stdout
