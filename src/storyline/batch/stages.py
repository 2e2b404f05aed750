"""The job's stages as callable classes for `Dataset.map_batches`: each actor sets up once (the spaCy pipeline
is loaded once per analyze actor) and then calls the single-process stage functions on every batch.

No item ever fails a batch: a bad input, a cleaning failure or an analysis failure becomes an error row.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from storyline.batch.sources import Shard, read_shard
from storyline.batch.tables import article_of, cleaned_row, error_row, stage_table
from storyline.errors import Code
from storyline.pipeline import analyze_articles, clean_one
from storyline.records import Article, IngestFailure, RawDocument, SourceMeta
from storyline.settings import Settings

READ, CLEAN, ANALYZE = "read", "clean", "analyze"
# A shard (a JSONL export, a WARC file) may hold thousands of articles: the reader hands them on this many at
# a time, so an actor's memory stays that of one chunk whatever the shard size.
READ_CHUNK_ROWS = 64
# A short text that makes the analyze actor load its spaCy pipeline before its first batch.
WARM_UP_TEXT = "Officials in Kyiv said on Tuesday that talks would resume."


class ReadClean:
    """Shards in, cleaned articles (or error rows) out."""

    def __init__(self, meta: SourceMeta, settings: Settings) -> None:
        self.meta = meta
        self.settings = settings

    def __call__(self, batch: pa.Table) -> Iterator[pa.Table]:
        rows: list[dict[str, Any]] = []
        for shard_row in batch.to_pylist():
            shard = Shard(**shard_row)
            for item in self._items(shard):
                rows.append(item)
                if len(rows) >= READ_CHUNK_ROWS:
                    yield stage_table(rows)
                    rows = []
        if rows:
            yield stage_table(rows)

    def _items(self, shard: Shard) -> Iterator[dict[str, Any]]:
        try:
            for item in read_shard(shard, self.meta, self.settings):
                yield self._cleaned(item)
        except Exception as exc:  # a bug on one odd shard must not stop the job; report it with its cause
            yield error_row(IngestFailure(shard.uri, Code.INTERNAL.value,
                                          f"reading failed: {type(exc).__name__}: {exc}"), READ)

    def _cleaned(self, item: RawDocument | IngestFailure) -> dict[str, Any]:
        if isinstance(item, IngestFailure):
            return error_row(item, READ)
        result = clean_one(item, self.settings)
        return error_row(result, CLEAN) if isinstance(result, IngestFailure) else cleaned_row(result)


class Analyze:
    """Cleaned articles in, with their analysis fields (JSON); error rows pass through."""

    def __init__(self) -> None:
        analyze_articles([Article(id="warm-up", source_id="warm-up", text=WARM_UP_TEXT)])

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()
        todo = [i for i, row in enumerate(rows) if row["code"] is None]
        results = analyze_batch([article_of(rows[i]) for i in todo])
        for i, result in zip(todo, results, strict=True):
            if isinstance(result, IngestFailure):
                rows[i] = error_row(result, ANALYZE)
            else:
                rows[i]["analysis"] = json.dumps(result, ensure_ascii=False)
        return stage_table(rows)


def analyze_batch(articles: list[Article]) -> list[dict[str, list[Any]] | IngestFailure]:
    """The batch analysed together; when that fails, each article alone, so that only the bad one fails."""
    if not articles:
        return []
    try:
        return list(analyze_articles(articles))
    except Exception as exc:
        if len(articles) == 1:
            return [_failure(articles[0], exc)]
    results: list[dict[str, list[Any]] | IngestFailure] = []
    for article in articles:
        try:
            results.extend(analyze_articles([article]))
        except Exception as exc:  # a bug on one odd article must not stop the job; report it with its cause
            results.append(_failure(article, exc))
    return results


def _failure(article: Article, exc: Exception) -> IngestFailure:
    return IngestFailure(article.source_id, Code.INTERNAL.value, f"analysis failed: {type(exc).__name__}: {exc}")
