"""Both cores for the analysis: a pool of worker processes, each with its own spaCy pipeline.

The analysis of an article is CPU-bound Python and spaCy (which holds the GIL), so threads do not help; the
pool runs whole analyses (parse and extractors) in worker processes and sends back only the results, which
are small next to a parsed Doc. The pool is started on first use and kept for the life of the process, so a
batch job pays the workers' model load once; small batches stay in the calling process, where starting a
worker would cost more than it saves.

    results = run_chunks(analyze_local, articles)   # same order as `articles`
    pending = submit_chunks(analyze_local, articles)  # started now; pending.result() waits for it

`submit_chunks` lets the caller go on (read and clean the next articles) while the workers compute.

`STORYLINE_ANALYSIS_WORKERS` sets the number of workers (0 or 1: always in process); by default one per
core, at most `MAX_WORKERS`, and none in a process that is already one of several workers (Ray's batch job)
or that runs other threads (a fork would copy their locks). The workers run at a lower priority
(`WORKER_NICE`).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import sys
import threading
import tracemalloc
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

from storyline.analyze.nlp import load

WORKERS_ENV = "STORYLINE_ANALYSIS_WORKERS"
# Each worker holds its own model (~200 MB resident): two keep the BBC run under 1 GiB in all, and the target
# machine has two cores. More workers pay only on more cores and with the memory to spare.
MAX_WORKERS = 2
# A batch smaller than this is analysed in process: the workers' start (a model load each, ~2-3 s, once per
# process) and the pickling of each batch are not worth it for a handful of articles (the CLI on one file,
# the tests). 16 is half of the ingest batch (pipeline.ANALYSIS_BATCH), so every full ingest batch uses the pool.
MIN_POOL_BATCH = 16
# Chunks per worker and batch: more than one so that a worker that drew the long articles does not leave the
# other idle at the end of the batch (BBC articles range from 100 to 4,000 words).
CHUNKS_PER_WORKER = 2
# The workers' niceness: analysis is background work, and on a two-core machine two busy workers would
# otherwise take the cores from an interactive process next to them (`storyline serve` answering readers).
WORKER_NICE = 10

T = TypeVar("T")
R = TypeVar("R")
_pool: ProcessPoolExecutor | None = None


def worker_count() -> int:
    """Workers to use: the environment's choice, else one per usable core up to MAX_WORKERS; none inside a
    process that is itself one of several workers (a daemonic pool worker, a Ray task or actor of the batch
    job), whose parent already spreads the work over the cores."""
    if multiprocessing.current_process().daemon or _in_ray():
        return 0
    if _pool is None and threading.active_count() > 1:
        # Forking a process that runs other threads (the web server, a test server) copies the locks those
        # threads hold, locked, into the workers: analyse in process there.
        return 0
    given = os.environ.get(WORKERS_ENV, "").strip()
    if given:
        try:
            return max(0, int(given))
        except ValueError:
            pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, MAX_WORKERS)


def _in_ray() -> bool:
    ray = sys.modules.get("ray")  # never imported here: only a process that already uses Ray can be under it
    return ray is not None and bool(getattr(ray, "is_initialized", lambda: False)())


def _warm() -> None:
    if tracemalloc.is_tracing():  # forked from a process that traces its allocations (a benchmark): that would
        tracemalloc.stop()  # slow the worker down several times, and the parent measures only itself anyway
    os.nice(WORKER_NICE)
    load()  # each worker loads the model when it starts, not on its first chunk


def _get_pool(workers: int) -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # fork where there is one: a spawned worker re-runs the caller's main module, which breaks any script
        # without an `if __name__ == "__main__"` guard, and re-imports everything; a forked one starts at once
        # and shares the model's pages with the parent when the parent has loaded it.
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        _pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm)
        atexit.register(shutdown)
    return _pool


def shutdown() -> None:
    """Stop the workers (at exit, or to free their memory after a batch job)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


def chunks(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """`items` in `parts` contiguous runs of nearly equal length (none empty)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for k in range(parts):
        end = start + size + (1 if k < extra else 0)
        out.append(items[start:end])
        start = end
    return out


class Pending(Generic[R]):
    """The results of `fn(items)` under way in the pool (`submit_chunks`), or already computed in process."""

    def __init__(self, fn: Callable[[Sequence[T]], list[R]], items: Sequence[T],
                 futures: list[Future[list[R]]] | None = None, result: list[R] | None = None,
                 pool: ProcessPoolExecutor | None = None) -> None:
        self._fn, self._items, self._futures, self._result, self._pool = fn, items, futures, result, pool

    def done(self) -> bool:
        """Whether `result()` would return at once."""
        return self._result is not None or self._futures is None or all(f.done() for f in self._futures)

    def result(self) -> list[R]:
        """The results, same order as the items; waits for the workers. A batch whose worker died (killed, out of
        memory) is computed here instead, and the broken pool dropped (the next batch starts a new one)."""
        if self._result is None:
            out: list[R] = []
            try:
                for future in self._futures or ():
                    out.extend(future.result())
            except (BrokenProcessPool, CancelledError):  # cancelled: the shutdown of a broken pool dropped it
                if _pool is self._pool:  # not a new pool started since
                    shutdown()
                out = self._fn(self._items)
            self._result = out
            self._futures = self._pool = None
        return self._result

    def cancel(self) -> None:
        """Drop the work not yet started (the caller stopped and will not ask for the result)."""
        for future in self._futures or ():
            future.cancel()


def submit_chunks(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T],
                  workers: int | None = None) -> Pending[R]:
    """`fn(items)` started in the pool's workers by chunks when the batch is big enough (`Pending.result()`
    waits for it), else computed at once in process. `fn` as for `run_chunks`."""
    workers = worker_count() if workers is None else workers
    if workers <= 1 or (len(items) < MIN_POOL_BATCH and _pool is None):  # a running pool takes any batch: a
        # small one analysed here would load the model into this process as well (the last batch of an ingest)
        return Pending(fn, items, result=fn(items))
    try:
        pool = _get_pool(workers)
        futures = [pool.submit(fn, part) for part in chunks(items, workers * CHUNKS_PER_WORKER)]
    except BrokenProcessPool:  # the pool broke before this batch: drop it, do this batch here
        shutdown()
        return Pending(fn, items, result=fn(items))
    return Pending(fn, items, futures, pool=pool)


def run_chunks(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], workers: int | None = None) -> list[R]:
    """`fn(items)`, computed in the pool's workers by chunks when the batch is big enough, else in process.
    `fn` must be a module-level function (it is pickled by name) returning one result per item, in order."""
    return submit_chunks(fn, items, workers).result()
