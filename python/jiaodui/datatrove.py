"""jiaodui as datatrove pipeline steps: ``JiaoduiFilter`` drops garbled or spammy documents,
``JiaoduiFixer`` applies safe fixes and notes what it found in ``doc.metadata``.

Both work in batches (one call into Rust per batch, the GIL released) and are picklable, so
they run under any datatrove executor. A config is given as TOML text or a path, not a
``Config`` object, so the step can be shipped to worker processes.

A ``JiaoduiFixer`` after a ``JiaoduiFilter`` with the same config reuses the filter's analysis
of each document it kept: every document is analysed once, and the fixer only re-checks the
texts its fixes changed (as ``jiaodui.fix`` does).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from jiaodui.datatrove import JiaoduiFilter, JiaoduiFixer

    LocalPipelineExecutor(pipeline=[
        JsonlReader("corpus/"), JiaoduiFilter(max_spam_ratio=0.3), JiaoduiFixer(), JsonlWriter("out/"),
    ], tasks=2, workers=2).run()
"""

from __future__ import annotations

import os
from collections import OrderedDict
from typing import Optional, Union

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.batching import batched

from . import Config, _jiaodui

ConfigSource = Union[str, "os.PathLike[str]", None]

__all__ = ["JiaoduiFilter", "JiaoduiFixer"]


def _load_config(source: ConfigSource) -> Optional[Config]:
    """TOML text, a path to a ``jiaodui.toml``, or ``None`` for the defaults."""
    return None if source is None else Config.from_toml(source)


class _Handoff:
    """The filter's analyses of the documents it kept, waiting for the fixer (in this process).

    Keyed by the identity of the analysed text (held here, so the key stays unique) and valid
    only for that same ``str`` object under the same config source: a step in between that
    replaces ``doc.text`` makes the fixer analyse the new text itself. Bounded, oldest first
    out, so a pipeline without a fixer holds at most ``limit`` texts; an evicted document is
    simply analysed again by the fixer.
    """

    def __init__(self, limit: int = 4096):
        self.limit = limit
        self.entries: OrderedDict[int, tuple[str, ConfigSource, _jiaodui.Analysis]] = OrderedDict()

    def put(self, text: str, config: ConfigSource, analysis: _jiaodui.Analysis) -> None:
        self.entries[id(text)] = (text, config, analysis)
        while len(self.entries) > self.limit:
            self.entries.popitem(last=False)

    def take(self, text: str, config: ConfigSource) -> Optional[_jiaodui.Analysis]:
        entry = self.entries.pop(id(text), None)
        if entry is None or entry[0] is not text or entry[1] != config:
            return None
        return entry[2]


_HANDOFF = _Handoff()


class JiaoduiFilter(BaseFilter):
    """Drops documents with too much garbled text or spam, as jiaodui measures them.

    A document is dropped when any threshold set (not ``None``) is exceeded:

    - ``max_garble_chars``: characters covered by ``garble/*`` findings;
    - ``max_garble_ratio``: those characters / the document's characters;
    - ``max_spam_ratio``: UTF-8 bytes covered by ``spam/*`` findings / the document's bytes.

    The reason is recorded as datatrove's own filters do: a ``dropped_<reason>`` stat, and
    ``doc.metadata["filter_reason"]`` on documents sent to ``exclusion_writer``. Reasons are
    ``jiaodui_garble`` and ``jiaodui_spam``. Kept and dropped documents get
    ``jiaodui_garble_chars``, ``jiaodui_spam_ratio`` and ``jiaodui_codes`` in their metadata.

    ``threads``: Rust threads per batch. The default, 1, suits datatrove's one process per
    task; ``None`` uses every core.
    """

    name = "🈲 jiaodui"

    def __init__(
        self,
        max_garble_chars: Optional[int] = None,
        max_garble_ratio: Optional[float] = 0.01,
        max_spam_ratio: Optional[float] = 0.2,
        config: ConfigSource = None,
        exclusion_writer: Optional[DiskWriter] = None,
        batch_size: int = 256,
        threads: Optional[int] = 1,
    ):
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        self.max_garble_chars = max_garble_chars
        self.max_garble_ratio = max_garble_ratio
        self.max_spam_ratio = max_spam_ratio
        self.config_source = config
        self.threads = threads
        _load_config(config)  # a broken config fails here, not in a worker

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        config = _load_config(self.config_source)
        texts = [doc.text for doc in batch]
        analyses, codes, garble, spam = _jiaodui.screen_many(texts, config=config, threads=self.threads)
        results: list[bool | tuple[bool, str]] = []
        rows = zip(batch, texts, analyses, codes, garble, spam)
        for doc, text, analysis, doc_codes, garble_chars, spam_ratio in rows:
            metadata = doc.metadata
            metadata["jiaodui_codes"] = doc_codes
            metadata["jiaodui_garble_chars"] = garble_chars
            metadata["jiaodui_spam_ratio"] = spam_ratio
            verdict = self._verdict(len(text), garble_chars, spam_ratio)
            if verdict is True:
                _HANDOFF.put(text, self.config_source, analysis)
            results.append(verdict)
        return results

    def _verdict(self, chars: int, garble_chars: int, spam_ratio: float) -> bool | tuple[bool, str]:
        if self.max_garble_chars is not None and garble_chars > self.max_garble_chars:
            return False, "jiaodui_garble"
        if self.max_garble_ratio is not None and chars and garble_chars / chars > self.max_garble_ratio:
            return False, "jiaodui_garble"
        if self.max_spam_ratio is not None and spam_ratio > self.max_spam_ratio:
            return False, "jiaodui_spam"
        return True


class JiaoduiFixer(PipelineStep):
    """Applies jiaodui's safe fixes to each document's text (as ``jiaodui fix`` does).

    Metadata of each document: ``jiaodui_fixed`` (whether the text changed), ``jiaodui_fixes``
    (safe fixes applied) and ``jiaodui_codes`` (the distinct codes found in the text before
    fixing). With ``findings=True`` also ``jiaodui_findings``: those findings as dicts with the
    CLI's JSON fields (byte offsets refer to the text before fixing); that costs about as much
    CPU as fixing and makes the output much larger. Stats: ``fixed`` and ``unchanged``
    documents, and ``jiaodui_findings`` per document.

    After a ``JiaoduiFilter`` with the same ``config`` the fixer starts from the filter's
    analysis of each document instead of analysing it again.
    """

    name = "🩹 jiaodui fix"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        config: ConfigSource = None,
        batch_size: int = 256,
        threads: Optional[int] = 1,
        findings: bool = False,
    ):
        super().__init__()
        self.config_source = config
        self.batch_size = batch_size
        self.threads = threads
        self.findings = findings
        _load_config(config)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        config = _load_config(self.config_source)
        for batch in batched(data, self.batch_size):
            with self.track_time("batch"):
                texts = [doc.text for doc in batch]
                analyses = [_HANDOFF.take(text, self.config_source) for text in texts]
                results = _jiaodui.fix_analysed_many(
                    texts, analyses, findings=self.findings, config=config, threads=self.threads
                )
            for doc, (new_text, fixes, count, codes, found) in zip(batch, results):
                metadata = doc.metadata
                metadata["jiaodui_codes"] = codes
                metadata["jiaodui_fixes"] = fixes
                metadata["jiaodui_fixed"] = new_text is not None
                if found is not None:
                    metadata["jiaodui_findings"] = found
                if new_text is not None:
                    doc.text = new_text
                self.stat_update("unchanged" if new_text is None else "fixed")
                self.stat_update("jiaodui_findings", value=count)
                self.update_doc_stats(doc)
                yield doc
