"""Ingestion throughput (articles/s per stage and end to end, analysis included) and peak memory.

    python benchmarks/ingest_speed.py ../shared/corpus/bbc [--limit N] [--no-analyze] [--ceiling] [--trace-python]

Runs what `storyline ingest` runs (cli/ingest_cmd.py `ingest_into`), stage by stage with a timer around each:
read, clean, store (with the story assignment, as ingest does), and the analysis of the new articles in
batches of `pipeline.ANALYSIS_BATCH` through the store's analysis cache (`ingest_job.AnalysisQueue`, as ingest
does: each batch is split over the worker processes of `analyze.workers` and runs while this process reads,
cleans and stores the next articles). The analysis row is this process's time on the analysis: starting
batches, waiting for the workers when `pipeline.ANALYSES_IN_FLIGHT` batches are under way, storing the
results; with the workers running alongside the other stages, end to end (the wall-clock time of the whole
loop) is less than the sum of the rows. Memory: the peak of the summed proportional set size of this process
and its analysis workers (`proc_memory.TreeSampler`: the memory the run holds, shared pages counted once), the
peak resident set of this process and of the largest worker (ru_maxrss; their sum counts the pages the workers
share with this process twice), and this process's resident set every `CURVE_EVERY` articles, which stays flat
when the run streams. `--trace-python` adds the peak of Python allocations in this process (tracemalloc, which
slows the process down: off by default, since it would distort the speeds).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from proc_memory import TreeSampler
from storyline.analyze import workers
from storyline.ingest import read_inputs
from storyline.ingest_job import AnalysisQueue
from storyline.pipeline import Cleaned, clean_inputs, clean_one
from storyline.records import IngestFailure
from storyline.settings import Settings
from storyline.store import Store

CURVE_EVERY = 500  # articles between two points of the resident-memory curve
STAGES = ("read", "clean", "store", "analyze")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared/corpus/bbc"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-analyze", action="store_true", help="read, clean and store only")
    parser.add_argument("--ceiling", action="store_true",
                        help="then time spaCy's pipeline alone over the same articles (the end-to-end ceiling)")
    parser.add_argument("--trace-python", action="store_true", help="also the peak of Python allocations (slower)")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"{corpus}: not a directory (give the corpus folder)", file=sys.stderr)
        return 2
    measure(corpus, args.limit, analyze=not args.no_analyze, trace_python=args.trace_python)
    if args.ceiling:
        spacy_ceiling(corpus, args.limit)
    return 0


def spacy_ceiling(corpus: Path, limit: int | None = None) -> dict[str, float]:
    """Articles/s of spaCy's English pipeline alone (as shipped, every default component) over the same cleaned
    articles with one process per core (`nlp.pipe(n_process=...)`): no storyline code, no store. The end-to-end
    rate cannot exceed it, since the analysis needs every one of those components; it is printed beside the
    end-to-end figure so that the two are read together."""
    import spacy

    from storyline.analyze.nlp import BATCH_SIZE, MODEL

    texts: list[str] = []
    for item in clean_inputs([str(corpus)]):
        if limit is not None and len(texts) >= limit:
            break
        if isinstance(item, Cleaned):
            texts.append(item.article.text)
    nlp = spacy.load(MODEL)
    processes = max(1, workers.worker_count())
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes):
        pass
    seconds = time.perf_counter() - started
    print(f"spaCy's pipeline alone over the same {len(texts)} articles, {processes} processes: {seconds:.1f} s, "
          f"{len(texts) / seconds:.1f} articles/s (the ceiling of end to end)")
    return {"spacy_alone_per_s": len(texts) / seconds, "spacy_alone_processes": processes}


def _rss_mb() -> float:
    """This process's current resident set (MB), from /proc; 0 where there is none."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(corpus: Path, limit: int | None = None, analyze: bool = True,
            trace_python: bool = False) -> dict[str, float]:
    """Print the table; return articles, articles/s per stage and end to end, and the memory peaks (MB).
    The resident peaks are the processes' whole life so far (ru_maxrss), not this run's alone; the PSS peak is
    this run's."""
    with TreeSampler(os.getpid()) as sampler:
        figures = _measure(corpus, limit, analyze, trace_python)
    figures["peak_total_pss_mb"] = sampler.peak_total_mib
    print(f"peak memory of the run (this process and its workers, PSS): {sampler.peak_total_mib:.0f} MiB")
    return figures


def _measure(corpus: Path, limit: int | None, analyze: bool, trace_python: bool) -> dict[str, float]:
    settings = Settings()
    if trace_python:
        tracemalloc.start()
    seconds = dict.fromkeys(STAGES, 0.0)
    n = stored = failures = 0
    curve: list[tuple[int, float]] = []
    items = iter(read_inputs([str(corpus)], settings=settings))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.sqlite") as store:

        analyses = AnalysisQueue(store)

        while limit is None or n < limit:  # streamed, as `storyline ingest` does
            t0 = time.perf_counter()
            item = next(items, None)
            t1 = time.perf_counter()
            seconds["read"] += t1 - t0
            if item is None:
                break
            if isinstance(item, IngestFailure):
                failures += 1
                continue
            n += 1
            if n % CURVE_EVERY == 0:
                curve.append((n, _rss_mb()))
            result = clean_one(item, settings)
            t2 = time.perf_counter()
            seconds["clean"] += t2 - t1
            if isinstance(result, IngestFailure):
                failures += 1
                continue
            added = store.add_article(result.doc, result.article, group=True)
            stored += added
            seconds["store"] += time.perf_counter() - t2
            if analyze:
                t0 = time.perf_counter()
                if added:
                    analyses.add(result.article)
                else:
                    analyses.poll()
                seconds["analyze"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        analyses.drain()
        seconds["analyze"] += time.perf_counter() - t0
        t3 = time.perf_counter()
        store.save_story_index()
        seconds["store"] += time.perf_counter() - t3
    total_s = time.perf_counter() - started
    traced_peak = tracemalloc.get_traced_memory()[1] if trace_python else 0
    tracemalloc.stop()
    pool = workers.worker_count() if analyze else 0
    workers.shutdown()  # a worker's peak shows in RUSAGE_CHILDREN once it has ended
    rss_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if pool > 1 else 0.0
    total_peak_mb = rss_peak_mb + (pool if pool > 1 else 0) * worker_peak_mb

    print(f"corpus: {corpus} — {n} articles read, {stored} stored, {failures} failed; analysis "
          f"{'off' if not analyze else f'in {pool} worker processes' if pool > 1 else 'in process'}")
    print(f"{'stage':<12}{'seconds':>10}{'articles/s':>14}")
    for name in STAGES:
        if name != "analyze" or analyze:
            print(f"{name:<12}{seconds[name]:>10.2f}{n / seconds[name] if seconds[name] else float('inf'):>14.1f}")
    print(f"{'end to end':<12}{total_s:>10.2f}{n / total_s if total_s else float('inf'):>14.1f}")
    print(f"peak resident sets: {rss_peak_mb:.0f} MB in this process, {worker_peak_mb:.0f} MB in the largest "
          f"analysis worker ({total_peak_mb:.0f} MB summed, shared pages counted twice)"
          + (f"; {traced_peak / 1e6:.0f} MB Python allocations" if trace_python else ""))
    if curve:
        print("resident memory as input grows: " + ", ".join(f"{k}: {mb:.0f} MB" for k, mb in curve))
    rates = {f"{name}_per_s": n / seconds[name] if seconds[name] else 0.0 for name in STAGES
             if name != "analyze" or analyze}
    return {"articles": n, "failed": failures, "seconds": total_s, **rates,
            "end_to_end_per_s": n / total_s if total_s else 0.0, "analysis_workers": pool,
            "peak_rss_mb": rss_peak_mb, "peak_worker_rss_mb": worker_peak_mb, "peak_total_rss_mb": total_peak_mb,
            **({"peak_python_mb": traced_peak / 1e6} if trace_python else {})}


if __name__ == "__main__":
    sys.exit(main())
