"""The store: the only package that talks SQL. Reads and writes live in their own modules."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from storyline.group.stories import StoryIndex
from storyline.records import Article, IngestFailure, RawDocument
from storyline.store import analyses, reads, stories, syntheses, writes
from storyline.store import feeds as feed_rows
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

    def forget_story_index(self) -> None:
        """Drop the in-memory story index (a long-lived reader must not keep one); snapshots it first."""
        self.save_story_index()
        self._stories = None

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

    def stored_synthesis(self, story_id: str) -> tuple[str, list[str], dict[str, Any]] | None:
        """(made_from, member ids, filled story) of the story's last stored synthesis, or None."""
        return syntheses.get_synthesis(self.conn, story_id)

    def save_synthesis(self, story_id: str, made_from: str, members: list[str], story: dict[str, Any]) -> None:
        syntheses.save_synthesis(self.conn, story_id, made_from, members, story)

    def save_analyses(self, items: list[tuple[str, str, analyses.Analysis]], analyzer: str) -> None:
        """Store (article id, input hash, analysis) triples with their mentions and search rows."""
        analyses.save_analyses(self.conn, items, analyzer)

    # feeds (`storyline watch`, the web app's /feeds): polling state, and the entries each feed has shown
    def follow_feed(self, url: str, outlet: str | None, interval_s: int, now: datetime) -> feed_rows.Feed:
        """Follow `url` (due at once); a feed already followed keeps its state, with the new outlet and interval."""
        return feed_rows.add_feed(self.conn, url, outlet, interval_s, now)

    def unfollow_feed(self, url: str) -> bool:
        return feed_rows.remove_feed(self.conn, url)

    def get_feed(self, url: str) -> feed_rows.Feed | None:
        return feed_rows.get_feed(self.conn, url)

    def list_feeds(self) -> list[feed_rows.Feed]:
        return feed_rows.list_feeds(self.conn)

    def due_feeds(self, now: datetime) -> list[feed_rows.Feed]:
        return feed_rows.due_feeds(self.conn, now)

    def next_feed_poll(self) -> datetime | None:
        return feed_rows.next_poll(self.conn)

    def schedule_feed(self, url: str, when: datetime) -> bool:
        return feed_rows.schedule(self.conn, url, when)

    def record_feed_ok(self, url: str, at: datetime, next_at: datetime, etag: str | None, last_modified: str | None,
                       added: int) -> None:
        feed_rows.record_ok(self.conn, url, at, next_at, etag, last_modified, added)

    def record_feed_failed(self, url: str, at: datetime, next_at: datetime, error: str) -> None:
        feed_rows.record_failed(self.conn, url, at, next_at, error)

    def feed_entries(self, url: str) -> dict[str, feed_rows.EntryState]:
        return feed_rows.entry_states(self.conn, url)

    def record_feed_entry(self, url: str, entry: str, at: datetime, *, done: bool, article_id: str | None = None,
                          error: str | None = None) -> None:
        feed_rows.record_entry(self.conn, url, entry, at, done=done, article_id=article_id, error=error)

    def prune_feed_entries(self, url: str, keep: set[str], seen_before: datetime) -> int:
        return feed_rows.prune_entries(self.conn, url, keep, seen_before)

    # search (store.search): free text over articles, quotes and names; filters by outlet and day (YYYY-MM-DD)
    def search(self, text: str, outlet: str | None = None, since: str | None = None, until: str | None = None,
               kinds: tuple[str, ...] = ("article", "quote", "name"), limit: int = 20,
               offset: int = 0) -> list[dict[str, Any]]:
        """Matching index rows, best first; none when `text` holds no word."""
        from storyline.store import search as fts

        match = fts.match_query(text)
        filters = fts.Filters(outlet, since, until)
        return fts.search(self.conn, match, filters, kinds, limit, offset) if match else []

    def search_counts(self, text: str, outlet: str | None = None, since: str | None = None,
                      until: str | None = None) -> dict[str, int]:
        """Matching rows per kind (article, quote, name)."""
        from storyline.store import search as fts

        match = fts.match_query(text)
        return fts.count_kinds(self.conn, match, fts.Filters(outlet, since, until)) if match else dict.fromkeys(
            fts.KINDS, 0)

    def search_names(self, text: str, outlet: str | None = None, since: str | None = None,
                     until: str | None = None, limit: int = 20, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Matching names, one row per name with its labels and article count; and how many match."""
        from storyline.store import search as fts

        match = fts.match_query(text)
        return fts.search_names(self.conn, match, fts.Filters(outlet, since, until), limit, offset) if match else (
            [], 0)

    def search_version(self) -> int:
        """Grows whenever what search reads changes (results cached under it are exact)."""
        from storyline.store import search as fts

        return fts.version(self.conn)

    def outlets(self) -> list[tuple[str, int]]:
        """Every outlet with its number of articles."""
        from storyline.store import search as fts

        return fts.outlets(self.conn)

    # entities (store.entities): who appears where, from the mentions rows of the cached analyses
    def list_entities(self, labels: list[str] | None = None, text: str | None = None, limit: int = 50,
                      offset: int = 0) -> list[dict[str, Any]]:
        """Names (with label) by the number of articles they appear in."""
        from storyline.store import entities

        return entities.list_entities(self.conn, labels, text, limit, offset)

    def count_entities(self, labels: list[str] | None = None, text: str | None = None) -> int:
        from storyline.store import entities

        return entities.count_entities(self.conn, labels, text)

    def entity_labels(self) -> list[tuple[str, int]]:
        """Every entity label with its number of distinct names."""
        from storyline.store import entities

        return entities.labels(self.conn)

    def entity_rows(self, names: list[str]) -> list[dict[str, Any]]:
        """The mentions rows of `names`, with article title, outlet, date and story; newest first."""
        from storyline.store import entities

        return entities.entity_rows(self.conn, names)

    def story_names(self, story_ids: list[str]) -> list[dict[str, Any]]:
        """(story_id, article_id, name, label) of every name in the articles of these stories."""
        from storyline.store import entities

        return entities.story_names(self.conn, story_ids)

    def names_with_word(self, word: str) -> list[tuple[str, str]]:
        """Distinct (name, label) holding `word` as a whole word."""
        from storyline.store import entities

        return entities.names_with_word(self.conn, word)

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
