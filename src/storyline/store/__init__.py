"""The store: the only package that talks SQL. Reads and writes live in their own modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storyline.group.stories import StoryIndex
from storyline.records import Article, IngestFailure, RawDocument
from storyline.store import analyses, reads, stories, writes
from storyline.store.db import connect

__all__ = ["Store"]

# The story index snapshot is saved when this many articles were assigned since the last one, and at least
# CHECKPOINT_SHARE of the index's size: the snapshot costs time in proportion to the store, so saving after a
# fixed share keeps its cost per article flat, while a killed ingest replays at most that share on reopening.
CHECKPOINT_MIN_ARTICLES = 2000
CHECKPOINT_SHARE = 0.25


class Store:
    """One SQLite file (WAL mode, one writer). Use as a context manager or call close()."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        self._stories: StoryIndex | None = None  # loaded on first use
        self._saved_seq = 0  # seq of the last snapshot of `_stories`

    def close(self) -> None:
        self.save_story_index()
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writes
    def add_article(self, doc: RawDocument, article: Article, group: bool = False) -> bool:
        """Store one article (False if already stored); with `group`, its story assignment commits with it.
        Articles stored without `group` are assigned when the story index is next opened."""
        if not group:
            return writes.add_article(self.conn, doc, article)
        for attempt in (1, 2):
            index = self.story_index()
            try:
                added = writes.add_article(self.conn, doc, article, stories.assign_in_transaction(index, article))
            except stories.StaleIndexError:
                self._stories = None  # another writer went ahead: reload (snapshot + replay), then retry once
                if attempt == 2:
                    raise
                continue
            except BaseException:
                self._stories = None  # the transaction rolled back; the in-memory index may be ahead of it
                raise
            if added and index.seq - self._saved_seq >= max(CHECKPOINT_MIN_ARTICLES, CHECKPOINT_SHARE * index.seq):
                self.save_story_index()
            return added
        raise AssertionError("unreachable")

    # stories
    def story_index(self) -> StoryIndex:
        """The story index, up to date with every stored article (loads the snapshot and replays the rest)."""
        if self._stories is None:
            self._saved_seq = stories.snapshot_seq(self.conn)
            self._stories = stories.load_index(self.conn)
        return self._stories

    def save_story_index(self) -> None:
        """Snapshot the story index if articles were assigned since the last snapshot."""
        if self._stories is not None and self._stories.seq > self._saved_seq:
            stories.save_snapshot(self.conn, self._stories)
            self._saved_seq = self._stories.seq

    def list_stories(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stories in the JSON contract's shape, newest activity first; assigns any article not yet assigned."""
        if stories.pending_count(self.conn):
            self.story_index()
        return stories.list_stories(self.conn, limit=limit, offset=offset)

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        """One story in the JSON contract's shape, or None."""
        if stories.pending_count(self.conn):
            self.story_index()
        return stories.get_story(self.conn, story_id)

    def story_of(self, article_id: str) -> str | None:
        return stories.story_of(self.conn, article_id)

    def count_stories(self) -> int:
        return stories.count_stories(self.conn)

    def record_failure(self, failure: IngestFailure) -> None:
        writes.record_failure(self.conn, failure)

    # analyses (a cache: pipeline.analyze_cached decides what is fresh)
    def cached_analyses(self, keys: dict[str, str], analyzer: str) -> dict[str, analyses.Analysis]:
        """Stored analyses by article id, for `keys` (article id -> input hash) made by `analyzer`."""
        return analyses.get_analyses(self.conn, keys, analyzer)

    def save_analyses(self, items: list[tuple[str, str, analyses.Analysis]], analyzer: str) -> None:
        """Store (article id, input hash, analysis) triples with their mentions and search rows."""
        analyses.save_analyses(self.conn, items, analyzer)

    # reads
    def has_article(self, article_id: str) -> bool:
        return reads.has_article(self.conn, article_id)

    def get_article(self, article_id: str) -> Article | None:
        return reads.get_article(self.conn, article_id)

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        return reads.list_articles(self.conn, limit=limit, offset=offset)

    def count_articles(self) -> int:
        return reads.count_articles(self.conn)

    def get_raw(self, article_id: str) -> RawDocument | None:
        return reads.get_raw(self.conn, article_id)
