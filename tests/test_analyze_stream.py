"""`pipeline.analyze_stream`: batches under way while the stream goes on, results in input order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from storyline import pipeline
from storyline.pipeline import Cleaned, analyze_stream
from storyline.records import Article, IngestFailure, RawDocument

CALLS: list[list[str]] = []


def _fake_analysis(articles: Sequence[Article]) -> list[dict[str, list[Any]]]:
    CALLS.append([a.id for a in articles])
    return [{"seen": [a.id]} for a in articles]


def _cleaned(n: int) -> Cleaned:
    doc = RawDocument(source_id=f"file{n}.txt", kind="text", body=f"text {n}", raw=f"text {n}".encode())
    return Cleaned(doc, Article(id=f"a{n}", source_id=doc.source_id, text=doc.body))


@pytest.fixture(autouse=True)
def fake_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    CALLS.clear()
    monkeypatch.setattr(pipeline, "analyze_in_process", _fake_analysis)
    monkeypatch.setenv("STORYLINE_ANALYSIS_WORKERS", "0")  # in this process, where CALLS is seen


def test_each_article_gets_its_own_analysis_and_failures_keep_their_place() -> None:
    bad = IngestFailure("broken.warc", "E101", "not a WARC file")
    items = [_cleaned(1), bad, _cleaned(2), _cleaned(3), _cleaned(4), IngestFailure("x.csv", "E102", "empty")]
    out = list(analyze_stream(items, batch=2, in_flight=1))
    assert [o.source_id if isinstance(o, IngestFailure) else o[0].article.id for o in out] == [
        "a1", "broken.warc", "a2", "a3", "a4", "x.csv"]
    assert all(o[1] == {"seen": [o[0].article.id]} for o in out if not isinstance(o, IngestFailure))
    assert CALLS == [["a1", "a2"], ["a3", "a4"]]  # batches of two; the trailing failure needs no analysis


def test_a_stream_of_failures_analyses_nothing() -> None:
    failures = [IngestFailure(f"f{i}", "E101", "unreadable") for i in range(3)]
    assert list(analyze_stream(failures, batch=2)) == failures
    assert CALLS == []
