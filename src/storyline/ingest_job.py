"""Ingesting into the store with progress: the loop behind `storyline ingest` and the web app's jobs.

    ingest_stream(store, clean_inputs(...), progress=...)      inputs named by path or URL (the CLI)
    ingest_documents(store, documents, settings, progress=...)  documents already in memory (pasted text)

Each article is stored in its own transaction together with its story assignment, so an ingest stopped
half-way keeps everything stored before; each bad input is recorded as a failure and the rest goes on.
`progress` is called once per input item, as soon as its outcome is known.

The analyses overlap the rest: each full batch of new articles goes to the analysis workers
(`pipeline.start_cached`) while this process reads, cleans and stores the next articles, with at most
`ANALYSES_IN_FLIGHT` batches under way (memory stays flat); their results are stored in the cache as they
come, in batch order. Where the pool is off (threads: the web app, the feed watcher) a batch is analysed at
once in process, as before.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from storyline.pipeline import (
    ANALYSES_IN_FLIGHT,
    ANALYSIS_BATCH,
    CachedAnalyses,
    Cleaned,
    Known,
    clean_items,
    start_cached,
)
from storyline.records import Article, IngestFailure, IngestItem
from storyline.settings import Settings
from storyline.store import Store

Status = Literal["stored", "already", "failed"]


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)

    def line(self) -> str:
        return f"{len(self.stored)} stored, {len(self.already)} already stored, {len(self.failed)} failed"


@dataclass(frozen=True)
class Outcome:
    """What became of one input item: stored (new), already stored, or failed (with the failure)."""

    status: Status
    source_id: str
    article_id: str | None = None
    title: str | None = None
    failure: IngestFailure | None = None


Progress = Callable[[Outcome], None]


def ingest_documents(store: Store, items: Iterable[IngestItem], settings: Settings, analyze: bool = True,
                     progress: Progress | None = None) -> IngestReport:
    """Clean and store documents (or failures) already read, as `ingest_stream`."""
    return ingest_stream(store, clean_items(items, settings, known=store.has_article), analyze, progress)


class AnalysisQueue:
    """New articles to analyse, in batches of ANALYSIS_BATCH started in the background (`add`), their
    analyses stored in the store's cache as they are ready (`poll`) and all of them by `drain`."""

    def __init__(self, store: Store, batch: int | None = None, in_flight: int | None = None) -> None:
        self.store = store
        self.batch = batch or ANALYSIS_BATCH
        self.in_flight = ANALYSES_IN_FLIGHT if in_flight is None else in_flight
        self.pending: list[Article] = []
        self.running: deque[CachedAnalyses] = deque()

    def add(self, article: Article) -> None:
        self.pending.append(article)
        if len(self.pending) >= self.batch:
            self._start()
        self.poll()

    def poll(self) -> None:
        """Store the analyses of the batches done (in order); wait for the oldest while too many are running."""
        while self.running and (len(self.running) > self.in_flight or self.running[0].done()):
            self.running.popleft().finish()

    def drain(self) -> None:
        """Start the last, partial batch and store every analysis."""
        if self.pending:
            self._start()
        while self.running:
            self.running.popleft().finish()

    def cancel(self) -> None:
        """Stop: the batches not yet finished are dropped (their articles stay stored, analysed when needed)."""
        for running in self.running:
            running.cancel()
        self.running.clear()
        self.pending.clear()

    def _start(self) -> None:
        self.running.append(start_cached(self.store, self.pending))
        self.pending = []


def ingest_stream(store: Store, items: Iterable[Cleaned | IngestFailure | Known], analyze: bool = True,
                  progress: Progress | None = None) -> IngestReport:
    """Store every cleaned article with its story assignment; record every failure. With `analyze`, new
    articles are analysed in batches and their analyses stored (pipeline.analyze_cached, overlapping the
    reading, cleaning and storing of the next articles: `AnalysisQueue`); inputs already stored are neither
    cleaned nor analysed again."""
    report = IngestReport()
    analyses = AnalysisQueue(store)
    try:
        for item in items:
            if isinstance(item, IngestFailure):
                report.failed.append(item)
                store.record_failure(item)
                outcome = Outcome("failed", item.source_id, failure=item)
            elif isinstance(item, Known):
                report.already.append(item.article_id)
                outcome = Outcome("already", item.doc.source_id, item.article_id, item.doc.meta.title)
            elif store.add_article(item.doc, item.article, group=True):
                report.stored.append(item.article.id)
                outcome = Outcome("stored", item.article.source_id, item.article.id, item.article.title)
            else:
                report.already.append(item.article.id)
                outcome = Outcome("already", item.article.source_id, item.article.id, item.article.title)
            if progress is not None:
                progress(outcome)
            if analyze and outcome.status == "stored" and isinstance(item, Cleaned):
                analyses.add(item.article)
            else:
                analyses.poll()
        analyses.drain()
    except BaseException:
        analyses.cancel()
        raise
    store.save_story_index()
    return report
