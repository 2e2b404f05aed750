"""Ingestion and cleaning throughput (articles/s) and peak memory, on a directory of articles.

    python benchmarks/ingest_speed.py ../shared/corpus/bbc [--limit N]

Prints one row per stage (read, clean, store) and end to end. Memory: peak resident set size of the
process (ru_maxrss) and the peak of Python allocations during the run (tracemalloc).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from storyline.ingest import read_inputs
from storyline.pipeline import clean_one
from storyline.records import IngestFailure
from storyline.settings import Settings
from storyline.store import Store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared/corpus/bbc"))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"{corpus}: not a directory (give the corpus folder)", file=sys.stderr)
        return 2
    measure(corpus, args.limit)
    return 0


def measure(corpus: Path, limit: int | None = None) -> dict[str, float]:
    """Print the table; return articles, articles/s per stage and end to end, and the memory peaks (MB).
    The resident peak is the process's whole life so far (ru_maxrss), not this run's alone."""
    settings = Settings()
    tracemalloc.start()

    read_s = clean_s = store_s = 0.0
    n = cleaned = stored = failures = 0
    items = iter(read_inputs([str(corpus)], settings=settings))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.sqlite") as store:
        while limit is None or n < limit:  # streamed, as `storyline ingest` does
            t0 = time.perf_counter()
            item = next(items, None)
            t1 = time.perf_counter()
            read_s += t1 - t0
            if item is None:
                break
            if isinstance(item, IngestFailure):
                failures += 1
                continue
            n += 1
            result = clean_one(item, settings)
            t2 = time.perf_counter()
            clean_s += t2 - t1
            if isinstance(result, IngestFailure):
                failures += 1
                continue
            cleaned += 1
            stored += store.add_article(result.doc, result.article)
            store_s += time.perf_counter() - t2
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    total_s = read_s + clean_s + store_s
    print(f"corpus: {corpus} — {n} articles read, {cleaned} cleaned, {stored} stored, {failures} failed")
    print(f"{'stage':<12}{'seconds':>10}{'articles/s':>14}")
    for name, seconds in (("read", read_s), ("clean", clean_s), ("store", store_s), ("end to end", total_s)):
        print(f"{name:<12}{seconds:>10.2f}{n / seconds if seconds else float('inf'):>14.1f}")
    print(f"peak memory: {rss_peak_mb:.0f} MB resident, {traced_peak / 1e6:.0f} MB Python allocations")
    rates = {f"{name}_per_s": n / seconds if seconds else 0.0
             for name, seconds in (("read", read_s), ("clean", clean_s), ("store", store_s), ("end_to_end", total_s))}
    return {"articles": n, "failed": failures, "seconds": total_s, **rates, "peak_rss_mb": rss_peak_mb,
            "peak_python_mb": traced_peak / 1e6}


if __name__ == "__main__":
    sys.exit(main())
