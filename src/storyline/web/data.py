"""What the web app reads: stories and articles from the store, with their analysis and synthesis cached.

A Store (one SQLite connection) is opened per request, so that requests on the server's worker threads never
share a connection; SQLite's WAL mode lets them read while an ingest writes. Analysis and story synthesis run
spaCy and cost far more than the reads, so they are cached in memory: an article's analysis by its id (the id
is a hash of its content), a story's synthesis by the ids of its members (a new member is a new key).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Generic, TypeVar

from storyline.pipeline import analyze_articles, analyze_cached
from storyline.records import Article
from storyline.store import Store
from storyline.synthesize.story import filled_stories

V = TypeVar("V")
# Entries kept in memory: a filled story is a few hundred kB at most; an analysis a few dozen.
STORY_CACHE = 64
ANALYSIS_CACHE = 2048


class Cache(Generic[V]):
    """A small thread-safe LRU map; `get(key, make)` computes outside the lock (two misses may both compute)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def has(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        self.put(key, value)
        return value

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class Library:
    """The store behind the web app, with the cached analysis and synthesis (module docstring)."""

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = Path(db_path)
        Store(self.db_path).close()  # create / migrate the file once, up front, so that a bad path fails early
        self._stories: Cache[dict[str, Any]] = Cache(STORY_CACHE)
        self._analyses: Cache[dict[str, list[Any]]] = Cache(ANALYSIS_CACHE)

    @contextmanager
    def store(self) -> Iterator[Store]:
        store = Store(self.db_path)
        try:
            yield store
        finally:
            store.conn.close()  # read-only use: no story index snapshot to save

    # stories ----------------------------------------------------------------------------------------------
    def story_records(self, limit: int | None = None, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        with self.store() as store:
            return store.list_stories(limit=limit, offset=offset), store.count_stories()

    def story_record(self, story_id: str) -> dict[str, Any] | None:
        with self.store() as store:
            return store.get_story(story_id)

    def story(self, story_id: str) -> tuple[dict[str, Any], dict[str, Article]] | None:
        """The filled story (`synthesize.story`) and its articles by id; None when there is no such story."""
        record = self.story_record(story_id)
        if record is None:
            return None
        with self.store() as store:
            found = [store.get_article(m["id"]) for m in record["articles"]]
        articles = {a.id: a for a in found if a is not None}
        record = {**record, "articles": [m for m in record["articles"] if m["id"] in articles]}
        key = (story_id, tuple(m["id"] for m in record["articles"]))
        members = list(articles.values())

        def fill() -> dict[str, Any]:
            analyses = dict(zip(articles, self.analyses(members), strict=True))
            return filled_stories([record], members, analyses=analyses)[0]

        return self._stories.get(key, fill), articles

    # articles ---------------------------------------------------------------------------------------------
    def articles(self, limit: int, offset: int = 0) -> tuple[list[Article], int]:
        with self.store() as store:
            return store.list_articles(limit=limit, offset=offset), store.count_articles()

    def article(self, article_id: str) -> tuple[Article, str | None] | None:
        """The article and the id of its story; None when there is no such article."""
        with self.store() as store:
            article = store.get_article(article_id)
            return (article, store.story_of(article_id)) if article is not None else None

    def analysis(self, article: Article) -> dict[str, list[Any]]:
        return self.analyses([article])[0]

    def analyses(self, articles: Sequence[Article]) -> list[dict[str, list[Any]]]:
        """Analyses from memory, else from the store's cache, else computed (and stored)."""
        missing = [a for a in articles if not self._analyses.has(a.id)]
        if missing:
            with self.store() as store:
                for article, analysis in zip(missing, analyze_cached(store, missing), strict=True):
                    self._analyses.put(article.id, analysis)
        return [self._analyses.get(a.id, lambda a=a: analyze_articles([a])[0]) for a in articles]
