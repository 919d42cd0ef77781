"""The Python API: findings, fixes, outline, define, configs and their errors, batches, and
annotate_arrow's columns."""

import pathlib

import pyarrow as pa
import pytest
from conftest import ROOT, labelled_documents

import jiaodui

PINYIN = "手機(jī)版 堅(jiān)強(qiáng)\n"


def test_check_reports_typed_findings_with_cli_fields():
    findings = jiaodui.check(PINYIN)
    assert [f.code for f in findings] == ["garble/inline-pinyin"] * 3
    first = findings[0]
    assert (first.line, first.column, first.end_line, first.end_column) == (1, 3, 1, 7)
    assert PINYIN.encode()[first.byte_start : first.byte_end].decode() == "(jī)"
    assert first.severity == "warning"
    assert "機" in first.message
    [fix] = first.fixes
    assert (fix.byte_start, fix.byte_end, fix.replacement, fix.safe) == (6, 11, "", True)
    assert repr(first).startswith("Finding(code='garble/inline-pinyin', severity='warning', line=1, column=3")
    assert "Fix(title=" in repr(first)
    assert first.to_dict()["fixes"][0] == {
        "title": fix.title, "byte_start": 6, "byte_end": 11, "replacement": "", "safe": True,
    }
    assert jiaodui.check("今天天气很好。\n") == []


def test_fix_applies_safe_fixes_until_none_remain():
    assert jiaodui.fix(PINYIN) == "手機版 堅強\n"
    assert jiaodui.fix("手機版 堅強\n") == "手機版 堅強\n"


def test_config_from_text_and_file_and_errors(tmp_path):
    english = jiaodui.Config.from_toml('locale = "en"')
    assert english.locale == "en"
    assert "inline pinyin" in jiaodui.check(PINYIN, config=english)[0].message.lower()
    quiet = jiaodui.Config.from_toml('disable = ["garble"]')
    assert not quiet.is_enabled("garble/inline-pinyin")
    assert jiaodui.check(PINYIN, config=quiet) == []
    assert jiaodui.fix(PINYIN, config=quiet) == PINYIN

    path = tmp_path / "jiaodui.toml"
    path.write_text('disable = ["garble/nope"]\n', encoding="utf-8")
    with pytest.raises(jiaodui.ConfigError) as error:
        jiaodui.Config.from_toml(path)
    assert str(error.value) == f"invalid config {path}: unknown code `garble/nope`"
    with pytest.raises(ValueError, match="unknown severity `loud`"):
        jiaodui.Config.from_toml('[severity]\n"spam" = "loud"')
    with pytest.raises(jiaodui.ConfigError, match="No such file"):
        jiaodui.Config.from_toml(tmp_path / "missing.toml")


def test_path_finds_the_nearest_config_like_the_cli(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "jiaodui.toml").write_text('disable = ["garble/inline-pinyin"]\n', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    assert jiaodui.check(PINYIN, path=tmp_path / "docs" / "a.txt") == []
    assert len(jiaodui.check(PINYIN)) == 3
    assert jiaodui.Config.discover(pathlib.Path("/")) is None


def test_batches_equal_single_calls():
    texts = [PINYIN, "", "今天天气很好。", "&nbsp;中文&amp;"] * 50
    many = jiaodui.check_many(texts, threads=2)
    assert many == [jiaodui.check(t) for t in texts]
    assert jiaodui.check_many(iter(texts)) == many
    assert jiaodui.fix_many(texts, threads=1) == [jiaodui.fix(t) for t in texts]
    assert jiaodui.check_and_fix_many(texts) == list(zip(many, jiaodui.fix_many(texts)))
    with pytest.raises(ValueError, match="threads"):
        jiaodui.check_many(texts, threads=0)


def test_screen_and_fix_analysed_equal_check_and_fix():
    """The datatrove steps' batch calls: one check per text in screen_many, whose analyses
    fix_analysed_many finishes, give what check, fix and annotate_arrow give."""
    from jiaodui import _jiaodui

    texts = [d["text"] for d in labelled_documents()] + [PINYIN, "", "今天天气很好。"]
    analyses, codes, garble, spam = _jiaodui.screen_many(texts, threads=2)
    columns = _jiaodui.annotate_texts(texts, threads=2)
    assert codes == columns["jiaodui_codes"]
    assert garble == columns["jiaodui_garble_chars"]
    assert spam == columns["jiaodui_spam_ratio"]
    findings = jiaodui.check_many(texts)
    assert [len(a) for a in analyses] == [len(f) for f in findings]
    fixed = jiaodui.fix_many(texts)
    assert sum(a != b for a, b in zip(fixed, texts)) > 20
    assert _jiaodui.annotate_texts(texts, fix=True)["text_fixed"] == fixed
    for given in (analyses, [None] * len(texts)):
        rows = _jiaodui.fix_analysed_many(texts, given, findings=True, threads=2)
        for text, row, expected_findings, expected_text in zip(texts, rows, findings, fixed):
            new_text, fixes, count, doc_codes, dicts = row
            assert (text if new_text is None else new_text) == expected_text
            assert (new_text is None) == (expected_text == text)
            assert (fixes > 0) >= (new_text is not None)
            assert count == len(expected_findings)
            assert doc_codes == sorted({f.code for f in expected_findings})
            assert dicts == [f.to_dict() for f in expected_findings]
    assert all(row[4] is None for row in _jiaodui.fix_analysed_many(texts[:5], analyses[:5]))
    with pytest.raises(ValueError, match="same length"):
        _jiaodui.fix_analysed_many(texts, analyses[:1])


def test_outline_and_define():
    tree = jiaodui.outline("第一章 总则\n\n一、目的\n内容\n\n第二章 附则\n")
    assert [s["name"] for s in tree] == ["第一章 总则", "第二章 附则"]
    assert tree[0]["children"][0]["name"] == "一、目的"
    assert tree[0]["line"] == 1 and tree[1]["line"] == 6
    glossary = jiaodui.define("三會一課")
    assert glossary["source"] == "glossary" and glossary["entry"]["term"] == "三会一课"
    cedict = jiaodui.define("银行")
    assert cedict["source"] == "cedict" and "bank" in cedict["entries"][0]["glosses"]
    assert jiaodui.define("不是一个词语啊啊") is None


def test_annotate_arrow_adds_columns():
    spam = (ROOT / "tests" / "fixtures" / "seed.txt").read_text(encoding="utf-8")
    batch = pa.RecordBatch.from_pydict({"id": [1, 2, 3, 4], "text": [PINYIN, None, "这里说话這裡說話", spam]})
    out = jiaodui.annotate_arrow(batch, fix=True)
    assert out.schema.names == ["id", "text", *jiaodui.ANNOTATION_COLUMNS, "text_fixed"]
    assert out.schema.field("jiaodui_codes").type == pa.list_(pa.string())
    rows = out.to_pylist()
    assert rows[0]["jiaodui_codes"] == ["garble/inline-pinyin"]
    assert rows[0]["jiaodui_garble_chars"] == len("(jī)(jiān)(qiáng)")
    assert rows[0]["jiaodui_script"] == "traditional"
    assert rows[0]["text_fixed"] == "手機版 堅強\n"
    assert rows[1] == {"id": 2, "text": None, **{c: None for c in jiaodui.ANNOTATION_COLUMNS}, "text_fixed": None}
    assert rows[2]["jiaodui_script"] == "mixed" and rows[2]["jiaodui_codes"] == []
    findings = jiaodui.check(spam)
    spam_bytes = len({b for f in findings if f.code.startswith("spam/") for b in range(f.byte_start, f.byte_end)})
    assert spam_bytes > 100
    assert rows[3]["jiaodui_spam_bytes"] == spam_bytes
    assert rows[3]["jiaodui_spam_ratio"] == pytest.approx(spam_bytes / len(spam.encode()))
    plain = jiaodui.annotate_arrow(batch.rename_columns(["id", "body"]), text_column="body")
    assert "text_fixed" not in plain.schema.names
    large = pa.RecordBatch.from_arrays([pa.array([PINYIN], pa.large_string())], names=["text"])
    assert jiaodui.annotate_arrow(large).schema.field("jiaodui_script").type == pa.large_string()


def _spins_during(call):
    """How many turns this thread's loop makes while `call` runs in another thread."""
    import threading

    spins = [0]
    seen = []
    started = threading.Event()

    def work():
        started.set()
        before = spins[0]
        call()
        seen.append(spins[0] - before)  # the first bytecode after the call

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    while worker.is_alive():
        spins[0] += 1
    worker.join()
    return seen[0]


def test_batches_release_the_gil():
    """This thread keeps running Python while check_many works in another. Counted, not timed:
    a call that keeps the GIL lets this thread run only in the switch interval before it starts
    (a control call in C that keeps the GIL shows how much that is), however loaded the machine."""
    texts = [(ROOT / "tests" / "fixtures" / "seed.txt").read_text(encoding="utf-8")] * 400
    held = _spins_during(lambda: sorted(range(5_000_000), reverse=True))
    released = _spins_during(lambda: jiaodui.check_many(texts, threads=1))
    assert released > 10 * max(held, 1_000), (released, held)
