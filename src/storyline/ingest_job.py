"""Ingesting into the store with progress: the loop behind `storyline ingest` and the web app's jobs.

    ingest_stream(store, clean_inputs(...), progress=...)      inputs named by path or URL (the CLI)
    ingest_documents(store, documents, settings, progress=...)  documents already in memory (pasted text)

Each article is stored in its own transaction together with its story assignment, so an ingest stopped
half-way keeps everything stored before; each bad input is recorded as a failure and the rest goes on.
`progress` is called once per input item, as soon as its outcome is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from storyline.clean import article_id
from storyline.pipeline import ANALYSIS_BATCH, Cleaned, Known, analyze_cached, clean_one
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


def clean_items(items: Iterable[IngestItem], settings: Settings,
                known: Callable[[str], bool] | None = None) -> Iterator[Cleaned | IngestFailure | Known]:
    """`pipeline.clean_inputs` for documents already read: stored ones come as Known, the rest cleaned."""
    for item in items:
        if isinstance(item, IngestFailure):
            yield item
        elif known is not None and known(doc_id := article_id(item)):
            yield Known(item, doc_id)
        else:
            yield clean_one(item, settings)


def ingest_documents(store: Store, items: Iterable[IngestItem], settings: Settings, analyze: bool = True,
                     progress: Progress | None = None) -> IngestReport:
    """Clean and store documents (or failures) already read, as `ingest_stream`."""
    return ingest_stream(store, clean_items(items, settings, known=store.has_article), analyze, progress)


def ingest_stream(store: Store, items: Iterable[Cleaned | IngestFailure | Known], analyze: bool = True,
                  progress: Progress | None = None) -> IngestReport:
    """Store every cleaned article with its story assignment; record every failure. With `analyze`, new
    articles are analysed in batches and their analyses stored (pipeline.analyze_cached); inputs already
    stored are neither cleaned nor analysed again."""
    report = IngestReport()
    pending: list[Article] = []
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
            pending.append(item.article)
            outcome = Outcome("stored", item.article.source_id, item.article.id, item.article.title)
        else:
            report.already.append(item.article.id)
            outcome = Outcome("already", item.article.source_id, item.article.id, item.article.title)
        if progress is not None:
            progress(outcome)
        if analyze and len(pending) >= ANALYSIS_BATCH:
            analyze_cached(store, pending)
            pending.clear()
    if analyze and pending:
        analyze_cached(store, pending)
    store.save_story_index()
    return report
