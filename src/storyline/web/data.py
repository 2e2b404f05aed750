"""What the web app reads: stories and articles from the store, with their analysis and synthesis cached.

Each server thread has its own Store (one SQLite connection), so that requests never share a connection;
SQLite's WAL mode lets them read while an ingest writes. Analysis and story synthesis run spaCy and cost far
more than the reads, so they are cached: an article's analysis by its id (a hash of its content) in memory
and in the store (`pipeline.analyze_cached`); a story's synthesis by story with the ids of the members it was
made from (`StoryVersion`; a stale version is served while the new one is made); a story page's HTML by that
version.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from storyline.pipeline import analyze_articles, analyze_cached
from storyline.records import Article
from storyline.store import Store
from storyline.synthesize.story import filled_stories, synthesis_key

log = logging.getLogger(__name__)
V = TypeVar("V")
# Entries kept in memory: a filled story is a few hundred kB at most; an analysis a few dozen.
STORY_CACHE = 64
ANALYSIS_CACHE = 2048
# A story that keeps growing is synthesised again at most this often: a big story's synthesis costs seconds of
# CPU, which an ingest adding an article every few seconds would otherwise spend over and over, in the process
# that answers the readers. Its page says how many articles are waiting meanwhile.
REFRESH_AFTER_S = 30.0
# Search answers kept (each a page of results: a few dozen kB); invalidated by the index's version.
SEARCH_CACHE = 512
# Story fields that change with the clock, not with the members: refreshed when a stored synthesis is reused.
TIME_DEPENDENT = ("new_articles", "new_outlets")


class Cache(Generic[V]):
    """A small thread-safe LRU map; `get(key, make)` computes outside the lock (two misses may both compute)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: Hashable) -> V | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            return None

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


@dataclass(frozen=True)
class StoryVersion:
    """One synthesis of a story: the ids of the members it was made from, the filled story, its articles,
    and how many newer members are waiting for the next synthesis (0: up to date)."""

    key: tuple[str, ...]
    story: dict[str, Any]
    articles: dict[str, Article]
    pending: int = 0
    made_at: float = field(default_factory=time.monotonic)


class Library:
    """The store behind the web app, with the cached analysis and synthesis (module docstring)."""

    def __init__(self, db_path: Path | str, refresh_after: float = REFRESH_AFTER_S) -> None:
        self.db_path = Path(db_path)
        self.refresh_after = refresh_after
        Store(self.db_path).close()  # create / migrate the file once, up front, so that a bad path fails early
        self._versions: Cache[StoryVersion] = Cache(STORY_CACHE)
        self._pages: Cache[str] = Cache(STORY_CACHE)
        self._refreshing: set[str] = set()
        self._refresh_lock = threading.Lock()
        # One background synthesis at a time: on two cores, more would slow the pages being served.
        self._refresher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-refresh")
        self._analyses: Cache[dict[str, list[Any]]] = Cache(ANALYSIS_CACHE)
        self._local = threading.local()
        self._searches: Cache[Any] = Cache(SEARCH_CACHE)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """This thread's Store: one SQLite connection per server thread, opened once (opening costs ~1 ms,
        as much as a whole story page read), never shared between threads."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path)
        try:
            yield store
        finally:
            store.forget_story_index()  # a reader that had to assign articles must not keep the index

    # stories ----------------------------------------------------------------------------------------------
    def story_records(self, limit: int | None = None, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        with self.store() as store:
            return store.list_stories(limit=limit, offset=offset), store.count_stories()

    def story_record(self, story_id: str) -> dict[str, Any] | None:
        with self.store() as store:
            return store.get_story(story_id)

    def story(self, story_id: str) -> StoryVersion | None:
        """The filled story (`synthesize.story`) and its articles; None when there is no such story.

        Stale while revalidating: when articles joined the story since its synthesis was last made, the last
        version is returned at once (with `pending`, the number of articles not in it yet) while a background
        thread makes the new one (at most every `refresh_after` seconds per story); a reader never waits for a
        synthesis, except on a story's first view.
        """
        record = self.story_record(story_id)
        if record is None:
            return None
        key = tuple(m["id"] for m in record["articles"])
        last = self._versions.peek(story_id)
        if last is not None and last.key == key:
            return last
        if last is not None:
            if time.monotonic() - last.made_at >= self.refresh_after:
                self._refresh(story_id, record)
            return replace(last, pending=len(set(key) - set(last.key)))
        return self._make_version(story_id, record)

    def _make_version(self, story_id: str, record: dict[str, Any]) -> StoryVersion:
        """The story's synthesis from the store when one was made from these members by this code (by any
        process: another server worker, an earlier run), else made here and stored for the others."""
        with self.store() as store:
            found = [store.get_article(m["id"]) for m in record["articles"]]
            articles = {a.id: a for a in found if a is not None}
            record = {**record, "articles": [m for m in record["articles"] if m["id"] in articles]}
            key = tuple(m["id"] for m in record["articles"])
            made_from = synthesis_key(key)
            stored = store.stored_synthesis(story_id)
        if stored is not None and stored[0] == made_from:
            fresh = {field: record[field] for field in TIME_DEPENDENT if field in record}
            story = {**stored[2], **fresh}
        else:
            members = list(articles.values())
            analyses = dict(zip(articles, self.analyses(members), strict=True))
            story = filled_stories([record], members, analyses=analyses)[0]
            with self.store() as store:
                try:
                    store.save_synthesis(story_id, made_from, list(key), story)
                except sqlite3.OperationalError as exc:  # a cache: a store busy past its timeout is no failure
                    log.warning("synthesis of story %s not stored: %s", story_id, exc)
        version = StoryVersion(key, story, articles)
        self._versions.put(story_id, version)
        return version

    def _refresh(self, story_id: str, record: dict[str, Any]) -> None:
        """Make the story's new version in the background, once at a time per story."""
        with self._refresh_lock:
            if story_id in self._refreshing:
                return
            self._refreshing.add(story_id)

        def run() -> None:
            try:
                self._make_version(story_id, record)
            except Exception:  # the reader keeps the last version; the next view tries again
                log.exception("refreshing story %s failed", story_id)
            finally:
                with self._refresh_lock:
                    self._refreshing.discard(story_id)

        self._refresher.submit(run)

    def close(self) -> None:
        """Wait for the background syntheses to finish and stop their thread."""
        self._refresher.shutdown(wait=True)

    def rendered(self, key: Hashable, render: Callable[[], str]) -> str:
        """A page's HTML by a key that changes whenever its content does (a story version's members)."""
        return self._pages.get(key, render)

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

    # search and entities (web.search, web.entities) -------------------------------------------------------
    def search(self, text: str, outlet: str | None, since: str | None, until: str | None, kinds: tuple[str, ...],
               limit: int, offset: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
        """Matching rows of `kinds`, best first, and the number of matching rows per kind."""
        def run(store: Store) -> tuple[list[dict[str, Any]], dict[str, int]]:
            return (store.search(text, outlet, since, until, kinds, limit, offset),
                    store.search_counts(text, outlet, since, until))

        return self._searched(("search", text, outlet, since, until, kinds, limit, offset), run)

    def search_names(self, text: str, outlet: str | None, since: str | None, until: str | None, limit: int,
                     offset: int) -> tuple[list[dict[str, Any]], int]:
        return self._searched(("names", text, outlet, since, until, limit, offset),
                              lambda store: store.search_names(text, outlet, since, until, limit, offset))

    def outlets(self) -> list[tuple[str, int]]:
        return self._searched(("outlets",), lambda store: store.outlets())

    def _searched(self, key: tuple[Any, ...], run: Callable[[Store], V]) -> V:
        """`run(store)` cached under the search index's version: exact, since any change to what search reads
        gives a new version (readers often repeat a search, e.g. the name everyone follows today)."""
        with self.store() as store:
            version = store.search_version()
            return self._searches.get((version, *key), lambda: run(store))  # type: ignore[return-value]

    def entities(self, labels: list[str] | None, text: str | None, limit: int,
                 offset: int) -> tuple[list[dict[str, Any]], int, list[tuple[str, int]]]:
        """Names by articles, their number, and every label (with its number of names)."""
        with self.store() as store:
            return (store.list_entities(labels, text, limit, offset), store.count_entities(labels, text),
                    store.entity_labels())

    def entity(self, name: str, max_articles: int = 300) -> dict[str, Any] | None:
        """One person or organisation (`web.entity_view`) over its `max_articles` newest articles; None when
        no article names it."""
        from storyline.web import entity_view

        with self.store() as store:
            exact = store.entity_rows([name])
            if not exact:
                return None
            labels = {r["label"] for r in exact}
            keyed = entity_view.same_key(name, labels, store.names_with_word(name.split()[-1]))
            stories = sorted({r["story_id"] for r in exact if r["story_id"]})
            folded = entity_view.folded_in_stories(name, store.story_names(stories))
            others = sorted(({n for n, _ in keyed} | {n for _, n, _ in folded}) - {name})
            rows = entity_view.keep_rows(name, exact + store.entity_rows(others), keyed, folded)
            ids = list(dict.fromkeys(r["article_id"] for r in rows))
            kept = set(ids[:max_articles])
            rows = [r for r in rows if r["article_id"] in kept]
            found = [store.get_article(i) for i in ids[:max_articles]]
        articles = [a for a in found if a is not None]
        analyses = dict(zip([a.id for a in articles], self.analyses(articles), strict=True))
        return entity_view.detail(name, rows, len(ids), analyses)
