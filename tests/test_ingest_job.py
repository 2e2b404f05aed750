"""The ingest loop: analyses overlap the storing of the next articles, in order, with a bounded number of
batches under way; stories and stored analyses are the same as analysing each batch before going on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline import ingest_job, pipeline
from storyline.analyze import workers
from storyline.pipeline import analyzer_fingerprint, input_hash
from storyline.records import IngestFailure, RawDocument, SourceMeta
from storyline.settings import Settings
from storyline.store import Store

SENTENCES = [
    "Foreign Minister Sergei Lavrov said on Tuesday that talks on grain exports would resume next week.",
    "Chancellor Olaf Scholz visited Kyiv on Monday and urged Moscow to pull back its forces.",
    "The company said sales rose 8% to $3.5bn in the second quarter, a year after the merger.",
    "Officials in Istanbul said the first round could take place within a month.",
]


def _doc(k: int) -> RawDocument:
    body = f"Report number {k}\n\n{SENTENCES[k % len(SENTENCES)]} It was report {k} of the day.\n"
    return RawDocument(source_id=f"/in/{k}.txt", kind="text", body=body, raw=body.encode(), name=f"{k}.txt",
                       meta=SourceMeta(outlet="Example News", published="2022-03-01"))


class FakeRun:
    """A stand-in for `pipeline.CachedAnalyses`: done when the test says so; records when it is finished."""

    def __init__(self, log: list[tuple[str, int]], n: int, articles: list[Any]) -> None:
        self.log, self.n, self.articles, self.ready = log, n, articles, False
        log.append(("start", n))

    def done(self) -> bool:
        return self.ready

    def finish(self) -> list[dict[str, list[Any]]]:
        self.log.append(("finish", self.n))
        return []

    def cancel(self) -> None:
        self.log.append(("cancel", self.n))


def _fake_start(log: list[tuple[str, int]], runs: list[FakeRun]):  # type: ignore[no-untyped-def]
    def start(store: Store, articles: list[Any]) -> FakeRun:
        runs.append(FakeRun(log, len(runs), list(articles)))
        return runs[-1]
    return start


def test_queue_keeps_at_most_the_batches_in_flight_and_finishes_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[tuple[str, int]] = []
    runs: list[FakeRun] = []
    monkeypatch.setattr(ingest_job, "start_cached", _fake_start(log, runs))
    queue = ingest_job.AnalysisQueue(None, batch=2, in_flight=2)  # type: ignore[arg-type]
    for k in range(6):
        queue.add(k)  # type: ignore[arg-type]
    # three batches started; the oldest was waited for once more than two were under way
    assert log == [("start", 0), ("start", 1), ("start", 2), ("finish", 0)]
    runs[2].ready = True  # a later batch done first is not stored before the earlier one
    queue.poll()
    assert log[-1] == ("finish", 0)
    runs[1].ready = True
    queue.poll()
    assert log[-2:] == [("finish", 1), ("finish", 2)]
    queue.add(6)  # type: ignore[arg-type]
    queue.drain()  # the partial batch is started and everything finished
    assert log[-2:] == [("start", 3), ("finish", 3)]
    assert [r.articles for r in runs] == [[0, 1], [2, 3], [4, 5], [6]]


def test_a_stopped_ingest_cancels_the_batches_under_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[tuple[str, int]] = []
    monkeypatch.setattr(ingest_job, "start_cached", _fake_start(log, []))
    monkeypatch.setattr(ingest_job, "ANALYSIS_BATCH", 2)

    def stop(outcome: ingest_job.Outcome) -> None:
        if outcome.source_id == "/in/4.txt":
            raise KeyboardInterrupt

    with Store(tmp_path / "s.sqlite") as store, pytest.raises(KeyboardInterrupt):
        ingest_job.ingest_documents(store, [_doc(k) for k in range(8)], Settings(), progress=stop)
    assert ("cancel", 0) in log and ("cancel", 1) in log


def _fake_analysis(articles: list[Any]) -> list[dict[str, list[Any]]]:
    return [{"entities": [], "quotes": [], "times": [], "figures": [], "events": [], "dated": [a.id]}
            for a in articles]


def test_ingest_in_process_stores_every_analysis_and_reports_each_item(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.WORKERS_ENV, "0")
    monkeypatch.setattr(pipeline, "analyze_in_process", _fake_analysis)
    monkeypatch.setattr(ingest_job, "ANALYSIS_BATCH", 3)
    items: list[RawDocument | IngestFailure] = [_doc(k) for k in range(10)]
    items.insert(4, IngestFailure("/in/bad.txt", "unreadable", "no"))
    outcomes: list[ingest_job.Outcome] = []
    with Store(tmp_path / "s.sqlite") as store:
        report = ingest_job.ingest_documents(store, [*items, _doc(2)], Settings(), progress=outcomes.append)
        assert [o.status for o in outcomes] == ["stored"] * 4 + ["failed"] + ["stored"] * 6 + ["already"]
        assert len(report.stored) == 10 and len(report.failed) == 1 and len(report.already) == 1
        articles = [store.get_article(a) for a in report.stored]
        cached = store.cached_analyses({a.id: input_hash(a) for a in articles if a}, analyzer_fingerprint())
        assert {k: v["dated"] for k, v in cached.items()} == {a: [a] for a in report.stored}
        assert all(store.story_of(a) for a in report.stored)


def test_ingest_through_the_pool_equals_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real analyses, several batches under way in the worker processes (where the test process may fork)."""
    monkeypatch.setattr(workers, "MIN_POOL_BATCH", 2)
    monkeypatch.setattr(ingest_job, "ANALYSIS_BATCH", 3)
    monkeypatch.setenv(workers.WORKERS_ENV, "2")
    docs = [_doc(k) for k in range(11)]
    try:
        with Store(tmp_path / "s.sqlite") as store:
            report = ingest_job.ingest_documents(store, docs, Settings())
            articles = [a for a in (store.get_article(i) for i in report.stored) if a]
            cached = store.cached_analyses({a.id: input_hash(a) for a in articles}, analyzer_fingerprint())
            stories = [store.story_of(a.id) for a in articles]
    finally:
        workers.shutdown()
    assert len(articles) == 11
    assert [cached[a.id] for a in articles] == pipeline.analyze_in_process(articles)
    with Store(tmp_path / "t.sqlite") as store:  # stories depend on arrival order only, not on the analyses
        again = ingest_job.ingest_documents(store, docs, Settings(), analyze=False)
        assert [store.story_of(a) for a in again.stored] == stories
