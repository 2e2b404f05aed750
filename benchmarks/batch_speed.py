"""End-to-end speed and peak memory: one process, one machine with the analysis pool, and the Ray batch path.

    python benchmarks/batch_speed.py ../shared/corpus/bbc [--limit N] [--cpus 2] [--only MODE] [--json FILE]

Every path runs the whole pipeline (read, clean, analyze, story assignment), each in its own child process so
that none inherits another's memory. The one-process path ("single") is `storyline analyze` plus grouping (the
stage functions chained in one process) with the analysis pool off (`STORYLINE_ANALYSIS_WORKERS=0`): one
process, one core. "pool" is the same code with the pool on (the default of `storyline analyze`): one machine,
the analysis spread over the worker processes of `analyze.workers`. The Ray path is `run_batch` in local
mode, writing its Parquet tables to a scratch directory. Memory is sampled from outside (proc_memory.TreeSampler)
over the child's whole process tree (for Ray: driver, raylet, GCS and workers; for the pool: the workers): the
peak of the summed proportional set size (PSS: shared pages split between the processes that map them, so the
object store is not counted once per worker), and the peak of the largest single process. Prints a markdown
table; --json writes the figures (`mode`: single, pool or ray).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from proc_memory import TreeSampler

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc"
# The paths measured, and their names in the table.
MODES = ("single", "pool", "ray")
LABELS = {"single": "one process (no analysis pool)", "pool": "one machine, analysis pool",
          "ray": "Ray batch job"}
WORKERS_ENV = "STORYLINE_ANALYSIS_WORKERS"  # analyze.workers.WORKERS_ENV, not imported: the parent stays light


def corpus_files(corpus: Path, limit: int | None) -> list[str]:
    """The corpus's article files in the order `storyline ingest DIR` reads them, the first `limit`."""
    files = sorted(str(p) for p in corpus.rglob("*.txt") if p.is_file() and not p.name.startswith("."))
    return files[:limit] if limit else files


# --- the two paths, each run in a child process --------------------------------------------------------------

def run_single(files: list[str]) -> dict[str, Any]:
    """The stage functions chained in one process, as `storyline analyze` chains them, except that an article
    whose analysis raises is counted as failed (analyze_batch) instead of stopping the run. Whether the analysis
    uses the worker pool is up to the environment (`measure` sets STORYLINE_ANALYSIS_WORKERS per mode)."""
    from storyline.batch.stages import analyze_batch
    from storyline.group import group_articles
    from storyline.pipeline import ANALYSIS_BATCH, Cleaned, clean_inputs
    from storyline.records import Article, IngestFailure

    start = time.perf_counter()
    articles: list[Article] = []
    failed = 0
    pending: list[Article] = []

    def analyse() -> None:
        nonlocal failed
        for article, result in zip(pending, analyze_batch(pending), strict=True):
            if isinstance(result, IngestFailure):
                failed += 1
            else:
                articles.append(article)
        pending.clear()

    for item in clean_inputs(files):
        if isinstance(item, Cleaned):
            pending.append(item.article)
            if len(pending) >= ANALYSIS_BATCH:
                analyse()
        else:
            failed += 1
    analyse()
    analysed = time.perf_counter()
    index, _ = group_articles(articles)
    end = time.perf_counter()
    return {"articles": len(articles), "failed": failed, "stories": len(index.stories),
            "seconds": end - start, "group_seconds": end - analysed}


def run_ray(files: list[str], cpus: int | None) -> dict[str, Any]:
    import ray

    from storyline.batch.job import run_batch, start_ray

    started = time.perf_counter()
    start_ray(num_cpus=cpus)
    ready = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        report = run_batch(files, str(Path(scratch) / "out"))
    end = time.perf_counter()
    ray.shutdown()
    return {"articles": report.counts.get("articles", 0), "failed": report.counts.get("errors", 0),
            "seconds": end - ready, "start_seconds": ready - started}


# --- the parent: children, memory sampling, the table ----------------------------------------------------------

def measure(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, str(args.corpus), "--child", mode]
    if args.limit:
        command += ["--limit", str(args.limit)]
    if args.cpus:
        command += ["--cpus", str(args.cpus)]
    env = dict(os.environ)
    if mode == "single":
        env[WORKERS_ENV] = "0"  # one process: the analysis pool off
    elif mode == "pool":
        env.pop(WORKERS_ENV, None)  # the default: one worker per core
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    with TreeSampler(child.pid) as sampler:
        output, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"{mode} run failed (exit {child.returncode})")
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    result.update(mode=mode, peak_total_mib=sampler.peak_total_mib, peak_process_mib=sampler.peak_largest_mib)
    result["articles_per_s"] = result["articles"] / result["seconds"] if result["seconds"] else 0.0
    return result


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| path | articles | failed | seconds | articles/s | start s | peak MiB (all processes, PSS) "
             "| peak MiB (largest process) |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {LABELS[r['mode']]} | {r['articles']} | {r['failed']} | {r['seconds']:.1f} | "
                     f"{r['articles_per_s']:.1f} | {r.get('start_seconds', 0.0):.1f} | {r['peak_total_mib']:.0f} | "
                     f"{r['peak_process_mib']:.0f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N articles (a quick run).")
    parser.add_argument("--cpus", type=int, default=None, help="Cores for Ray's local mode (default: all).")
    parser.add_argument("--only", choices=MODES, default=None, help="Run one path only.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the figures to this JSON file.")
    parser.add_argument("--child", choices=MODES, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not a directory (give the corpus folder)", file=sys.stderr)
        return 2
    files = corpus_files(args.corpus, args.limit)
    if args.child:
        result = run_ray(files, args.cpus) if args.child == "ray" else run_single(files)
        print(json.dumps(result))
        return 0
    modes = [args.only] if args.only else list(MODES)
    load_before = os.getloadavg()[0]
    results = [measure(mode, args) for mode in modes]
    print(f"corpus: {args.corpus} ({len(files)} files), {os.cpu_count()} cores, "
          f"load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
