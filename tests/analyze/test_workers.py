"""The analysis over worker processes gives the same results, in the same order, as in process."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from storyline import pipeline
from storyline.analyze import workers
from storyline.analyze.doc_tables import doc_text
from storyline.analyze.nlp import parse_one
from storyline.records import Article

TEXTS = [
    "“We will not back down,” Foreign Minister Sergei Lavrov said on Tuesday.",
    "Russia has moved some 100,000 troops near Ukraine, officials said in January.",
    "The company said sales rose 8% to $3.5bn in the second quarter.",
    "Mr Scholz visited Kyiv on Monday and urged Moscow to pull back its forces.",
]


def _double(items: list[int]) -> list[int]:
    return [2 * x for x in items]


@pytest.mark.parametrize(("n", "parts"), [(0, 2), (1, 4), (5, 2), (32, 4), (7, 7), (3, 10)])
def test_chunks_cover_the_items_in_order(n: int, parts: int) -> None:
    items = list(range(n))
    runs = workers.chunks(items, parts)
    assert [x for run in runs for x in run] == items
    assert all(runs) or n == 0
    assert max(map(len, runs)) - min(map(len, runs)) <= 1


def test_worker_count_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.WORKERS_ENV, "0")
    assert workers.worker_count() == 0
    monkeypatch.setenv(workers.WORKERS_ENV, "3")
    assert workers.worker_count() == 3
    monkeypatch.delenv(workers.WORKERS_ENV)
    assert 1 <= workers.worker_count() <= workers.MAX_WORKERS


def test_small_batches_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_get_pool", lambda n: pytest.fail("a small batch must not start the pool"))
    assert workers.run_chunks(_double, list(range(workers.MIN_POOL_BATCH - 1)), workers=2) == [
        2 * x for x in range(workers.MIN_POOL_BATCH - 1)]


def test_pool_keeps_the_order() -> None:
    items = list(range(3 * workers.MIN_POOL_BATCH))
    try:
        assert workers.run_chunks(_double, items, workers=2) == _double(items)
    finally:
        workers.shutdown()


def _double_or_die(items: list[int]) -> list[int]:
    if multiprocessing.current_process().name != "MainProcess":
        os._exit(1)  # a worker killed (out of memory) in the middle of a chunk
    return _double(items)


def test_several_batches_under_way_come_back_in_order() -> None:
    batches = [list(range(k, k + 2 * workers.MIN_POOL_BATCH)) for k in (0, 100, 200)]
    try:
        pending = [workers.submit_chunks(_double, batch, workers=2) for batch in batches]
        assert [p.result() for p in reversed(pending)] == [_double(b) for b in reversed(batches)]
        assert all(p.done() for p in pending)
    finally:
        workers.shutdown()


def test_small_batch_is_computed_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_get_pool", lambda n: pytest.fail("a small batch must not start the pool"))
    pending = workers.submit_chunks(_double, [1, 2, 3], workers=2)
    assert pending.done() and pending.result() == [2, 4, 6]


def _double_in_worker(items: list[int]) -> list[int]:
    assert multiprocessing.current_process().name != "MainProcess", "computed in the calling process"
    return _double(items)


def test_a_running_pool_takes_the_small_batches_too() -> None:
    # Once the workers run, a small batch (the last of an ingest) goes to them: computed here, it would load
    # a second copy of the model into the calling process.
    try:
        workers.run_chunks(_double, list(range(2 * workers.MIN_POOL_BATCH)), workers=2)  # starts the pool
        assert workers.run_chunks(_double_in_worker, [1, 2, 3], workers=2) == [2, 4, 6]
    finally:
        workers.shutdown()


def test_batches_of_a_broken_pool_are_computed_in_process() -> None:
    items = list(range(2 * workers.MIN_POOL_BATCH))
    try:
        pending = [workers.submit_chunks(_double_or_die, items, workers=2) for _ in range(2)]
        assert [p.result() for p in pending] == [_double(items)] * 2
        assert workers._pool is None  # the broken pool was dropped; the next batch starts a new one
        assert workers.run_chunks(_double, items, workers=2) == _double(items)
    finally:
        workers.shutdown()


def test_pooled_analysis_equals_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [Article(id=f"a{i}", source_id=f"a{i}", text=TEXTS[i % len(TEXTS)], published="2022-01-28")
                for i in range(8)]
    monkeypatch.setattr(workers, "MIN_POOL_BATCH", 4)
    monkeypatch.setenv(workers.WORKERS_ENV, "2")
    try:
        pooled = pipeline.analyze_articles(articles)
    finally:
        workers.shutdown()
    assert pooled == pipeline.analyze_in_process(articles)
    assert any(result["quotes"] for result in pooled) and any(result["events"] for result in pooled)


def test_doc_text_is_the_text() -> None:
    doc = parse_one(TEXTS[0], frozenset({"tok2vec"}))
    assert doc_text(doc) == doc.text == TEXTS[0]
