"""jiaodui over a Spark DataFrame: ``annotate`` adds jiaodui's per-document columns with
``mapInArrow`` (Arrow batches straight to Rust, no pandas).

    from pyspark.sql import SparkSession
    import jiaodui.spark

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    df = spark.read.json("corpus/")
    jiaodui.spark.annotate(df, fix=True).write.parquet("annotated/")

Executors need the ``jiaodui`` wheel: see docs/python.md for ``spark-submit`` recipes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional, Union

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql import DataFrame

__all__ = ["annotate", "annotation_fields"]


def annotation_fields(fix: bool = False) -> list:
    """The Spark fields ``annotate`` appends (see ``jiaodui.annotate_arrow``)."""
    from pyspark.sql.types import ArrayType, DoubleType, LongType, StringType, StructField

    fields = [
        StructField("jiaodui_codes", ArrayType(StringType())),
        StructField("jiaodui_garble_chars", LongType()),
        StructField("jiaodui_spam_bytes", LongType()),
        StructField("jiaodui_spam_ratio", DoubleType()),
        StructField("jiaodui_script", StringType()),
    ]
    if fix:
        fields.append(StructField("text_fixed", StringType()))
    return fields


def annotate(
    df: DataFrame,
    text_col: str = "text",
    fix: bool = False,
    *,
    config: Union[str, "os.PathLike[str]", None] = None,
    threads: Optional[int] = 1,
) -> DataFrame:
    """``df`` with ``jiaodui_codes``, ``jiaodui_garble_chars``, ``jiaodui_spam_bytes``,
    ``jiaodui_spam_ratio``, ``jiaodui_script`` and, with ``fix=True``, ``text_fixed``.

    ``config``: TOML text or a path to a ``jiaodui.toml``, read and checked here on the
    driver and shipped to executors as text. ``threads``: Rust threads per Python worker
    (default 1: Spark already runs one worker per task slot).
    """
    from pyspark.sql.types import StructType

    import jiaodui

    toml_text = Path(config).read_text(encoding="utf-8") if isinstance(config, os.PathLike) else config
    if config is not None:
        jiaodui.Config.from_toml(config)  # fail on the driver, naming the file
    schema = StructType(df.schema.fields + annotation_fields(fix))

    def annotate_batches(batches: Iterator[pyarrow.RecordBatch]) -> Iterator[pyarrow.RecordBatch]:
        import jiaodui

        parsed = None if toml_text is None else jiaodui.Config.from_toml(toml_text)
        for batch in batches:
            yield jiaodui.annotate_arrow(batch, text_col, fix, config=parsed, threads=threads)

    return df.mapInArrow(annotate_batches, schema)
