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
        assert doc["text"] == jiaodui.fix(row["text"])
        findings = jiaodui.check(row["text"])
        metadata = doc["metadata"]
        assert metadata["jiaodui_codes"] == sorted({f.code for f in findings}) == row["jiaodui_codes"]
        assert metadata["jiaodui_garble_chars"] == row["jiaodui_garble_chars"]
        assert metadata["jiaodui_spam_ratio"] == row["jiaodui_spam_ratio"]
        assert metadata["jiaodui_fixed"] == (doc["text"] != row["text"])
        assert (metadata["jiaodui_fixes"] > 0) >= metadata["jiaodui_fixed"]
        assert "jiaodui_findings" not in metadata
        fixed += metadata["jiaodui_fixed"]
    assert fixed > 0, "the sample should have fixable documents that pass the filter"
    stats = json.loads((corpus_dir / "logs" / "stats.json").read_text())
    filter_stats = next(s for s in stats if "jiaodui" in s["name"] and "FILTER" in s["name"])
    for reason in ("jiaodui_garble", "jiaodui_spam"):
        count = sum(d["metadata"]["filter_reason"] == reason for d in dropped)
        assert filter_stats["stats"][f"dropped_{reason}"] == count
    fixer_stats = next(s for s in stats if "jiaodui fix" in s["name"])
    assert fixer_stats["stats"]["fixed"] == fixed
    findings_in_clean = sum(len(jiaodui.check(expected[d["id"]]["text"])) for d in clean)
    assert fixer_stats["stats"]["jiaodui_findings"]["total"] == findings_in_clean


def run_steps(steps, documents):
    """The steps chained in this process, as a datatrove task chains them."""
    from datatrove.data import Document

    data = (Document(text=d["text"], id=d["id"]) for d in documents)
    for step in steps:
        data = step.run(data)
    return list(data)


@pytest.fixture
def analyses_given(monkeypatch):
    """Records, for each document the fixer gets, whether it came with the filter's analysis."""
    from jiaodui import _jiaodui

    given = []
    real = _jiaodui.fix_analysed_many

    def spy(texts, analyses, **kwargs):
        given.extend(a is not None for a in analyses)
        return real(texts, analyses, **kwargs)

    monkeypatch.setattr(_jiaodui, "fix_analysed_many", spy)
    return given


def test_fixer_reuses_the_filters_analysis(sample_documents, analyses_given):
    from jiaodui.datatrove import JiaoduiFilter, JiaoduiFixer

    steps = [JiaoduiFilter(batch_size=16), JiaoduiFixer(batch_size=7, findings=True)]
    kept = run_steps(steps, sample_documents)
    originals = {d["id"]: d["text"] for d in sample_documents}
    assert 0 < len(kept) < len(sample_documents)
    assert analyses_given == [True] * len(kept), "each kept document is analysed once, by the filter"
    assert sum(d.metadata["jiaodui_fixed"] for d in kept) > 0
    for doc in kept:
        original = originals[doc.id]
        assert doc.text == jiaodui.fix(original)
        assert doc.metadata["jiaodui_findings"] == [f.to_dict() for f in jiaodui.check(original)]


def test_fixer_analyses_what_the_filter_did_not(sample_documents, analyses_given):
    from datatrove.pipeline.base import PipelineStep

    from jiaodui.datatrove import JiaoduiFilter, JiaoduiFixer

    class Prefix(PipelineStep):
        """Changes every other text after the filter: the filter's analysis no longer applies."""

        def run(self, data, rank=0, world_size=1):
            for i, doc in enumerate(data):
                if i % 2:
                    doc.text = "手機(jī)\n" + doc.text
                yield doc

    disabled = 'disable = ["garble/inline-pinyin"]'
    kept = run_steps([JiaoduiFilter(), Prefix(), JiaoduiFixer()], sample_documents)
    assert analyses_given == [i % 2 == 0 for i in range(len(kept))]
    originals = {d["id"]: d["text"] for d in sample_documents}
    for i, doc in enumerate(kept):
        assert doc.text == jiaodui.fix(("手機(jī)\n" if i % 2 else "") + originals[doc.id])
    analyses_given.clear()
    other = run_steps([JiaoduiFilter(), JiaoduiFixer(config=disabled)], sample_documents)
    assert analyses_given == [False] * len(other), "an analysis under another config is not reused"
    config = jiaodui.Config.from_toml(disabled)
    for doc in other:
        assert doc.text == jiaodui.fix(originals[doc.id], config=config)
        assert "garble/inline-pinyin" not in doc.metadata["jiaodui_codes"]


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
        assert row["text_fixed"] == expected[i]["text_fixed"] == jiaodui.fix(expected[i]["text"])
        assert row["jiaodui_script"] == expected[i]["jiaodui_script"]
    scripts = {s for s in (r["jiaodui_script"] for r in expected.values())}
    assert {"traditional", "simplified"} <= scripts
    for script in scripts:
        count = sum(r["jiaodui_script"] == script for r in expected.values())
        assert re.search(r"\|\s*%s\|\s*%d\|" % (script, count), run.stdout), run.stdout
