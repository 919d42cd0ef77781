"""jiaodui as datatrove pipeline steps: ``JiaoduiFilter`` drops garbled or spammy documents,
``JiaoduiFixer`` applies safe fixes and keeps the findings in ``doc.metadata``.

Both work in batches (one call into Rust per batch) and are picklable, so they run under any
datatrove executor. A config is given as TOML text or a path, not a ``Config`` object, so the
step can be shipped to worker processes.

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
        columns = _jiaodui.annotate_texts([doc.text for doc in batch], config=config, threads=self.threads)
        results: list[bool | tuple[bool, str]] = []
        for doc, doc_codes, garble_chars, spam_ratio in zip(
            batch, columns["jiaodui_codes"], columns["jiaodui_garble_chars"], columns["jiaodui_spam_ratio"]
        ):
            doc.metadata["jiaodui_codes"] = doc_codes
            doc.metadata["jiaodui_garble_chars"] = garble_chars
            doc.metadata["jiaodui_spam_ratio"] = spam_ratio
            results.append(self._verdict(len(doc.text), garble_chars, spam_ratio))
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

    The findings of the original text are stored as dicts with the CLI's JSON fields in
    ``doc.metadata["jiaodui_findings"]`` (byte offsets refer to the text before fixing);
    ``doc.metadata["jiaodui_fixed"]`` says whether the text changed. Stats: ``fixed`` and
    ``unchanged`` documents, and ``jiaodui_findings`` per document.
    """

    name = "🩹 jiaodui fix"
    type = "✂️ - FORMAT"

    def __init__(self, config: ConfigSource = None, batch_size: int = 256, threads: Optional[int] = 1):
        super().__init__()
        self.config_source = config
        self.batch_size = batch_size
        self.threads = threads
        _load_config(config)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        config = _load_config(self.config_source)
        for batch in batched(data, self.batch_size):
            with self.track_time("batch"):
                texts = [doc.text for doc in batch]
                results = _jiaodui.check_and_fix_many(texts, config=config, threads=self.threads)
            for doc, (doc_findings, new_text) in zip(batch, results):
                changed = new_text != doc.text
                doc.metadata["jiaodui_findings"] = [f.to_dict() for f in doc_findings]
                doc.metadata["jiaodui_fixed"] = changed
                doc.text = new_text
                self.stat_update("fixed" if changed else "unchanged")
                self.stat_update("jiaodui_findings", value=len(doc_findings))
                self.update_doc_stats(doc)
                yield doc
