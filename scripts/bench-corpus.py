#!/usr/bin/env python3
"""Corpus-scale throughput of jiaodui: the CLI on JSONL, the Python package's check_many and
annotate_arrow, the datatrove steps and Spark's mapInArrow, on 1 and 2 cores.

    python/tests/run.sh                      # once: builds and installs the wheel in the venv
    ~/.cache/jiaodui-python/venv/bin/python scripts/bench-corpus.py [--size-mb 100]

Writes the corpus with eval/make_bench.py into --work (default /tmp/jiaodui-bench), prints a
Markdown table for docs/python.md: MB/s of input JSONL on 1 and 2 cores (wall clock), the
speed-up, MB per CPU-second (which other load on the machine disturbs less than wall time)
and the 1-minute load average after the row. A benchmark, not a test.
"""

import argparse
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def corpus(work, size_mb):
    path = work / f"bench-{size_mb}mb.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, ROOT / "eval" / "make_bench.py", path, "--size-mb", str(size_mb)], check=True)
    # datatrove gives each task whole files: four shards let two tasks share the work evenly.
    shards = work / f"shards-{size_mb}mb"
    if not shards.exists():
        shards.mkdir()
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for i in range(4):
            (shards / f"part-{i}.jsonl").write_text("".join(lines[i::4]), encoding="utf-8")
    return path, shards


def timed(run):
    """Wall seconds and CPU seconds (this process and its children) of `run()`."""
    start, cpu = time.perf_counter(), cpu_seconds()
    run()
    return time.perf_counter() - start, cpu_seconds() - cpu


def cpu_seconds():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cli(binary, path, cores):
    env = dict(os.environ, RAYON_NUM_THREADS=str(cores))
    return timed(
        lambda: subprocess.run(
            [binary, "check", "--input-format", "jsonl", "--format", "json", "--quiet", path],
            env=env, stdout=subprocess.DEVNULL, check=False,
        )
    )


def check_many(texts, cores):
    import jiaodui

    return timed(lambda: jiaodui.check_many(texts, threads=cores))


def annotate_arrow(batches, cores):
    import jiaodui

    return timed(lambda: [jiaodui.annotate_arrow(b, threads=cores) for b in batches])


def datatrove(shards, work, workers):
    script = f"""
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from jiaodui.datatrove import JiaoduiFilter, JiaoduiFixer
if __name__ == "__main__":
    LocalPipelineExecutor(pipeline=[JsonlReader({str(shards)!r}), JiaoduiFilter(), JiaoduiFixer(),
        JsonlWriter({str(work / 'dt-out')!r}, compression=None)], tasks=4, workers={workers},
        logging_dir={str(work / 'dt-logs')!r}, skip_completed=False).run()
"""
    return python_job(script, work)[:2]


def spark(shards, work, cores):
    """Times the job's action only: starting the JVM (about 10 s here) is not throughput.
    Reads the four shards so that there are partitions for both cores. Spark's workers are
    not this process's waited-for children, so there is no CPU time."""
    script = f"""
import time
from pyspark.sql import SparkSession
import jiaodui.spark
spark = SparkSession.builder.master("local[{cores}]").config("spark.ui.enabled", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
start = time.perf_counter()
df = spark.read.schema("text string").json({str(shards)!r})
jiaodui.spark.annotate(df).write.format("noop").mode("overwrite").save()
print("ELAPSED", time.perf_counter() - start)
spark.stop()
"""
    output = python_job(script, work)[2]
    return float(output.split("ELAPSED")[1].split()[0]), None


def python_job(script, work):
    for leftover in ("dt-out", "dt-logs"):
        shutil.rmtree(work / leftover, ignore_errors=True)
    file = work / "job.py"
    file.write_text(script, encoding="utf-8")
    # Spark's Python workers run $PYSPARK_PYTHON (else `python3` on PATH): make it this one.
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)

    output = []

    def run():
        done = subprocess.run([sys.executable, file], cwd=work, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{file} failed:\n{done.stderr[-3000:]}")
        output.append(done.stdout)

    return (*timed(run), output[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=100)
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/jiaodui-bench"))
    parser.add_argument("--cli", default=os.environ.get("JIAODUI", str(ROOT / "target" / "release" / "jiaodui")))
    parser.add_argument("--only", help="run only the rows whose name contains this (e.g. Spark)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    path, shards = corpus(args.work, args.size_mb)
    megabytes = path.stat().st_size / 1e6

    import pyarrow as pa

    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    table = pa.table({"text": texts})
    batches = table.to_batches(max_chunksize=4096)
    rows = [
        ("`jiaodui check --input-format jsonl --format json`", lambda c: cli(args.cli, path, c)),
        ("`jiaodui.check_many(texts, threads=n)` (texts in memory)", lambda c: check_many(texts, c)),
        ("`jiaodui.annotate_arrow(batch, threads=n)` (4096-row batches)", lambda c: annotate_arrow(batches, c)),
        ("datatrove: JSONL → JiaoduiFilter → JiaoduiFixer → JSONL, 4 tasks on n workers", lambda c: datatrove(shards, args.work, c)),
        ("Spark `local[n]`: read JSON (4 files) → `jiaodui.spark.annotate` → noop sink (the action only)", lambda c: spark(shards, args.work, c)),
    ]
    print(f"{megabytes:.0f} MB of JSONL ({len(texts)} documents), {os.cpu_count()} cores\n")
    print("| pipeline | 1 core | 2 cores | speed-up | MB per CPU-second (1 core) | load average |")
    print("|---|---|---|---|---|---|")
    for name, run in rows:
        if args.only and args.only.lower() not in name.lower():
            continue
        (one, one_cpu), (two, _) = run(1), run(2)
        load = os.getloadavg()[0]
        print(
            f"| {name} | {megabytes / one:.1f} MB/s | {megabytes / two:.1f} MB/s | {one / two:.2f}× "
            f"| {'—' if one_cpu is None else f'{megabytes / one_cpu:.1f}'} | {load:.1f} |",
            flush=True,
        )

if __name__ == "__main__":
    main()
