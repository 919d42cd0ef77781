"""Shared fixtures: the repository root, the CLI binary to compare with, and a JSONL sample
of eval/labelled.jsonl documents for the pipeline tests."""

import json
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE_SIZE = 80


def labelled_documents():
    with open(ROOT / "eval" / "labelled.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def cli() -> pathlib.Path:
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    binary = pathlib.Path(os.environ.get("JIAODUI", target / "release" / "jiaodui"))
    assert binary.is_file(), f"build the CLI first (cargo build --release): {binary}"
    return binary


@pytest.fixture(scope="session")
def sample_documents():
    """About SAMPLE_SIZE labelled documents evenly spread (garbled, spammy and clean ones), as {id, text}."""
    docs = labelled_documents()
    return [{"id": d["id"], "text": d["text"]} for d in docs[:: max(1, len(docs) // SAMPLE_SIZE)]]


@pytest.fixture
def corpus_dir(tmp_path, sample_documents):
    """A working directory holding corpus/sample.jsonl, as the docs' examples expect."""
    (tmp_path / "corpus").mkdir()
    with open(tmp_path / "corpus" / "sample.jsonl", "w", encoding="utf-8") as f:
        for doc in sample_documents:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return tmp_path
