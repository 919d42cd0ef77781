"""jiaodui (校对) for Python: find and fix garbled text and web spam in Chinese prose.

The analysis is the Rust library behind the ``jiaodui`` command (no second implementation):
``check`` gives the findings ``jiaodui check --format json`` prints, ``fix`` the text
``jiaodui fix`` writes. Batches (``check_many``, ``fix_many``, ``annotate_arrow``) release
the GIL and use every core. ``jiaodui.datatrove`` and ``jiaodui.spark`` are pipeline steps
built on these.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from . import _jiaodui
from ._jiaodui import Config, ConfigError, Finding, Fix, __version__

if TYPE_CHECKING:
    import os

    import pyarrow

__all__ = [
    "ANNOTATION_COLUMNS",
    "Config",
    "ConfigError",
    "Finding",
    "Fix",
    "__version__",
    "annotate_arrow",
    "annotation_schema",
    "check",
    "check_and_fix_many",
    "check_many",
    "define",
    "fix",
    "fix_many",
    "outline",
]


def check(
    text: str, *, config: Optional[Config] = None, path: Optional[str | os.PathLike[str]] = None
) -> list[Finding]:
    """Everything jiaodui finds in ``text``, in order.

    ``config`` wins; otherwise ``path`` (where the text lives, which need not exist) finds
    the nearest ``jiaodui.toml`` as ``jiaodui check`` would; otherwise the defaults.
    """
    return _jiaodui.check(text, config=config, path=path)


def fix(
    text: str, *, config: Optional[Config] = None, path: Optional[str | os.PathLike[str]] = None
) -> str:
    """``text`` with the safe fixes of one check applied, as ``jiaodui fix`` writes it."""
    return _jiaodui.fix(text, config=config, path=path)


def check_many(
    texts: Iterable[str], *, config: Optional[Config] = None, threads: Optional[int] = None
) -> list[list[Finding]]:
    """``check`` of each text, in parallel with the GIL released.

    ``threads``: how many threads (default: one per core).
    """
    return _jiaodui.check_many(_as_list(texts), config=config, threads=threads)


def fix_many(
    texts: Iterable[str], *, config: Optional[Config] = None, threads: Optional[int] = None
) -> list[str]:
    """``fix`` of each text, in parallel with the GIL released."""
    return _jiaodui.fix_many(_as_list(texts), config=config, threads=threads)


def check_and_fix_many(
    texts: Iterable[str], *, config: Optional[Config] = None, threads: Optional[int] = None
) -> list[tuple[list[Finding], str]]:
    """``(check(text), fix(text))`` for each text, analysing each text once less than
    ``check_many`` and ``fix_many`` together (fixing starts from the findings)."""
    return _jiaodui.check_and_fix_many(_as_list(texts), config=config, threads=threads)


def outline(text: str) -> list[dict[str, Any]]:
    """The section tree, as ``jiaodui outline --format json`` prints it.

    Each section is a dict: name, detail, kind, level, line, end_line (1-based), byte_start,
    byte_end (the whole section) and children.
    """
    return json.loads(_jiaodui.outline_json(text))


def define(term: str) -> Optional[dict[str, Any]]:
    """A term's definition as ``jiaodui define --format json`` prints it, or ``None``.

    ``{"source": "glossary", "entry": {...}}`` for a term of the built-in glossary, else
    ``{"source": "cedict", "entries": [...]}`` from CC-CEDICT (CC BY-SA 4.0).
    """
    found = _jiaodui.define_json(term)
    return None if found is None else json.loads(found)


#: The columns ``annotate_arrow`` adds (``text_fixed`` only with ``fix=True``).
ANNOTATION_COLUMNS = (
    "jiaodui_codes",
    "jiaodui_garble_chars",
    "jiaodui_spam_bytes",
    "jiaodui_spam_ratio",
    "jiaodui_script",
)


def annotation_schema(schema: pyarrow.Schema, text_column: str = "text", fix: bool = False) -> pyarrow.Schema:
    """The schema of ``annotate_arrow``'s result for input batches of ``schema``."""
    import pyarrow as pa

    string = _string_type(schema.field(text_column).type)
    fields = [
        pa.field("jiaodui_codes", pa.list_(string)),
        pa.field("jiaodui_garble_chars", pa.int64()),
        pa.field("jiaodui_spam_bytes", pa.int64()),
        pa.field("jiaodui_spam_ratio", pa.float64()),
        pa.field("jiaodui_script", string),
    ]
    if fix:
        fields.append(pa.field("text_fixed", string))
    return pa.schema(list(schema) + fields, metadata=schema.metadata)


def annotate_arrow(
    batch: pyarrow.RecordBatch,
    text_column: str = "text",
    fix: bool = False,
    *,
    config: Optional[Config] = None,
    threads: Optional[int] = None,
) -> pyarrow.RecordBatch:
    """``batch`` with jiaodui's per-document columns appended.

    - ``jiaodui_codes`` (list<string>): the distinct codes found, sorted;
    - ``jiaodui_garble_chars`` (int64): characters covered by ``garble/*`` findings;
    - ``jiaodui_spam_bytes`` (int64): UTF-8 bytes covered by ``spam/*`` findings;
    - ``jiaodui_spam_ratio`` (float64): spam bytes / text bytes (0 for an empty text);
    - ``jiaodui_script`` (string): ``traditional``, ``simplified``, ``mixed`` or ``unknown``
      (too few script-specific characters to tell);
    - ``text_fixed`` (string, with ``fix=True``): the text as ``fix`` returns it.

    A null text gives nulls. The texts cross into Rust in one call; the work runs in
    parallel with the GIL released.
    """
    import pyarrow as pa

    schema = annotation_schema(batch.schema, text_column, fix)
    texts = batch.column(text_column).to_pylist()
    columns = _jiaodui.annotate_texts(texts, fix=fix, config=config, threads=threads)
    added = [schema.field(i) for i in range(batch.num_columns, len(schema))]
    arrays = list(batch.columns) + [pa.array(columns[field.name], type=field.type) for field in added]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _string_type(text_type: Any) -> Any:
    """The string type to write: the text column's own (``string`` or ``large_string``)."""
    import pyarrow as pa

    return text_type if text_type in (pa.string(), pa.large_string()) else pa.string()


def _as_list(texts: Iterable[str]) -> Sequence[str]:
    return texts if isinstance(texts, list) else list(texts)
