#!/usr/bin/env python3
"""Corpus-scale throughput of jiaodui: the CLI on JSONL, the Python package's check_many and
annotate_arrow, the datatrove steps and Spark's mapInArrow, on 1 and 2 cores.

    python/tests/run.sh                      # once: builds and installs the wheel in the venv
    ~/.cache/jiaodui-python/venv/bin/python scripts/bench-corpus.py [--size-mb 100]

Writes the corpus with eval/make_bench.py into --work (default /tmp/jiaodui-bench), prints a
Markdown table for docs/python.md: per row and per core count, MB/s of input JSONL (wall
clock) and MB per CPU-second (user + system time of every process involved, which other
load on the machine disturbs less than wall time), the 1 → 2 core speed-up, the row's CPU
time on one and on two cores relative to that of `jiaodui check` on one core run just before
the row (the load on a shared machine drifts, and the CPU time of the same work with it), and
the 1-minute load average after the row. A benchmark, not a test.

CPU time is `getrusage` of this process and its children: the in-memory rows run here; the
CLI and the datatrove job are child processes, and this process is made a child subreaper
and waits for every descendant a job leaves behind (datatrove's forkserver and pool workers),
so all of their time is counted. The Spark row counts the action only: the job sums /proc's
user and system time (each process's own and its reaped children's) over its process tree —
itself, the driver/executor JVM, the Python worker daemon and workers — before and after the
action; that split (JVM, Python) and the CPU time spent before the action (the JVM's start)
are printed to stderr.
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


def become_subreaper():
    """Descendants orphaned by a job are re-parented to this process (Linux), for reap_orphans."""
    import ctypes

    PR_SET_CHILD_SUBREAPER = 36
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap_orphans(timeout=120):
    """Waits for every descendant a job left behind, so that its CPU time is in RUSAGE_CHILDREN."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() > deadline:
                print("warning: a job's descendant is still running; its CPU time is not counted", file=sys.stderr)
                return
            time.sleep(0.05)


def timed(run):
    """Wall seconds and CPU seconds (this process and its waited-for children) of `run()`."""
    start, cpu = time.perf_counter(), cpu_seconds()
    run()
    return time.perf_counter() - start, cpu_seconds() - cpu


def cpu_seconds():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cli(binary, path, cores, command="check"):
    env = dict(os.environ, RAYON_NUM_THREADS=str(cores))
    args = ["--format", "json", "--quiet"] if command == "check" else []
    return timed(
        lambda: subprocess.run(
            [binary, command, "--input-format", "jsonl", *args, path],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
        )
    )


def check_many(texts, cores):
    import jiaodui

    return timed(lambda: jiaodui.check_many(texts, threads=cores))


def annotate_arrow(batches, cores):
    import jiaodui

    return timed(lambda: [jiaodui.annotate_arrow(b, threads=cores) for b in batches])


def datatrove(shards, work, workers, jiaodui=True):
    """`jiaodui=False`: the same pipeline without the jiaodui steps, datatrove's own cost."""
    steps = "JiaoduiFilter(), JiaoduiFixer()," if jiaodui else ""
    script = f"""
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from jiaodui.datatrove import JiaoduiFilter, JiaoduiFixer
if __name__ == "__main__":
    LocalPipelineExecutor(pipeline=[JsonlReader({str(shards)!r}), {steps}
        JsonlWriter({str(work / 'dt-out')!r}, compression=None)], tasks=4, workers={workers},
        logging_dir={str(work / 'dt-logs')!r}, skip_completed=False).run()
"""
    return python_job(script, work)[:2]


# User + system CPU seconds of a process tree by command name, from /proc (Linux): each live
# process's own time and its reaped children's. Pasted into the Spark job.
TREE_CPU = """
import os
def tree_cpu(root=os.getpid()):
    ticks = os.sysconf("SC_CLK_TCK")
    parent, name, cpu = {}, {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        pid = int(pid)
        parent[pid], name[pid] = int(fields[1]), stat[stat.index("(") + 1 : stat.rindex(")")]
        cpu[pid] = sum(int(x) for x in fields[11:15]) / ticks  # utime stime cutime cstime
    def under_root(pid):
        while pid > 1:
            if pid == root:
                return True
            pid = parent.get(pid, 0)
        return False
    by_name = {}
    for pid in filter(under_root, cpu):
        key = "java" if name[pid] == "java" else "python" if name[pid].startswith("python") else "other"
        by_name[key] = by_name.get(key, 0) + cpu[pid]
    return by_name
"""


def spark(shards, work, cores, warm=False):
    """Times the job's action only: the JVM's start (printed apart) is not throughput. Reads the
    four shards so that there are partitions for both cores. `warm`: first runs the same job on
    one shard, untimed, so that the timed action runs on a JVM that has compiled its hot code. CPU time comes from the job's own
    /proc sums, not from RUSAGE_CHILDREN: PySpark's Python worker daemon and its workers do
    not reliably reach this process's RUSAGE_CHILDREN (measured: several CPU-seconds missing)."""
    script = TREE_CPU + f"""
import json, time
from pyspark.sql import SparkSession
import jiaodui.spark
spark = SparkSession.builder.master("local[{cores}]").config("spark.ui.enabled", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
def job(path):
    df = spark.read.schema("text string").json(path)
    jiaodui.spark.annotate(df).write.format("noop").mode("overwrite").save()
if {warm!r}:
    job({str(shards / "part-0.jsonl")!r})
start, before = time.perf_counter(), tree_cpu()
job({str(shards)!r})
elapsed, after = time.perf_counter() - start, tree_cpu()
print("RESULT", json.dumps([elapsed, before, after]))
spark.stop()
"""
    output = python_job(script, work)[2]
    elapsed, before, after = json.loads(output.split("RESULT", 1)[1].splitlines()[0])
    action = {key: after.get(key, 0) - before.get(key, 0) for key in after}
    print(
        f"Spark local[{cores}]{' (warm)' if warm else ''}: the action {sum(action.values()):.1f} CPU-s "
        f"(JVM {action.get('java', 0):.1f}, Python {action.get('python', 0):.1f}, "
        f"other {action.get('other', 0):.1f}); before it {sum(before.values()):.1f} CPU-s",
        file=sys.stderr,
    )
    return elapsed, sum(action.values())


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
        reap_orphans()
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
    become_subreaper()
    args.work.mkdir(parents=True, exist_ok=True)
    path, shards = corpus(args.work, args.size_mb)
    megabytes = path.stat().st_size / 1e6

    import pyarrow as pa

    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    table = pa.table({"text": texts})
    batches = table.to_batches(max_chunksize=4096)
    rows = [
        ("`jiaodui check --input-format jsonl --format json`", lambda c: cli(args.cli, path, c)),
        ("`jiaodui fix --input-format jsonl` (reference for the fixing rows)", lambda c: cli(args.cli, path, c, "fix")),
        ("`jiaodui.check_many(texts, threads=n)` (texts in memory)", lambda c: check_many(texts, c)),
        ("`jiaodui.annotate_arrow(batch, threads=n)` (4096-row batches)", lambda c: annotate_arrow(batches, c)),
        (
            "datatrove: JSONL → JiaoduiFilter → JiaoduiFixer → JSONL, 4 tasks on n workers",
            lambda c: datatrove(shards, args.work, c),
        ),
        (
            "datatrove: JSONL → JSONL, no jiaodui step (reference: the framework's own cost)",
            lambda c: datatrove(shards, args.work, c, jiaodui=False),
        ),
        (
            "Spark `local[n]`: read JSON (4 files) → `jiaodui.spark.annotate` → noop sink (the job's first action)",
            lambda c: spark(shards, args.work, c),
        ),
        (
            "Spark `local[n]`: the same action after one on a quarter of the corpus (JVM warmed up)",
            lambda c: spark(shards, args.work, c, warm=True),
        ),
    ]
    print(f"{megabytes:.0f} MB of JSONL ({len(texts)} documents), {os.cpu_count()} cores\n")
    print(
        "| pipeline | 1 core: MB/s | MB per CPU-s | 2 cores: MB/s | MB per CPU-s | speed-up "
        "| CPU vs CLI check: 1 core | 2 cores | load average |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, run in rows:
        if args.only and args.only.lower() not in name.lower():
            continue
        baseline = cli(args.cli, path, 1)[1]
        (one, one_cpu), (two, two_cpu) = run(1), run(2)
        load = os.getloadavg()[0]
        print(
            f"| {name} | {megabytes / one:.1f} | {megabytes / one_cpu:.1f} | {megabytes / two:.1f} "
            f"| {megabytes / two_cpu:.1f} | {one / two:.2f}× | {one_cpu / baseline:.2f}× "
            f"| {two_cpu / baseline:.2f}× | {load:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
